"""Files written atomically: a temporary file beside the target, renamed over it on success.

A crash, a full disk or a bug mid-write never leaves half a Turtle file or half a page.
Each file is flushed to disk (fsync) before it replaces the target, except inside
`unsynced()`: a build writes thousands of per-notice files that way and syncs the disk
once (`os.sync`) before its manifest says they are there.
"""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Iterator

from .errors import PolicykgError

_SYNC: ContextVar[bool] = ContextVar("policykg_fsync", default=True)


@contextmanager
def unsynced() -> Iterator[None]:
    """Files written in this block are not fsynced one by one: the caller syncs them."""
    token = _SYNC.set(False)
    try:
        yield
    finally:
        _SYNC.reset(token)


@contextmanager
def atomic_write(path: str | Path, mode: str = "wb") -> Iterator[IO]:
    """Open a temporary file beside `path`; on success it replaces `path`, on error it is removed.

    A symlink is followed (the file it points to is replaced, the link stays); a FIFO or a
    device (/dev/stdout) is written into as it is, never replaced by a file."""
    target = Path(path)
    real = Path(os.path.realpath(target))
    try:
        found = os.stat(target)  # through links, /dev/stdout's magic /proc/self/fd/1 too
    except OSError:  # not there yet (or not visible: mkstemp will say why)
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise PolicykgError(f"{target}: is a directory")
    try:  # a pipe behind /dev/stdout has no path to replace
        in_place = found is not None and not (stat.S_ISREG(found.st_mode) and os.path.samestat(found, os.stat(real)))
    except OSError:
        in_place = True
    text = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    if in_place:
        try:
            with open(target, mode, **text) as fh:
                yield fh
        except BrokenPipeError:
            raise  # the reader had enough, as with stdout
        except OSError as exc:
            raise PolicykgError(f"{target}: cannot write ({exc.strerror or exc})") from None
        return
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    except OSError as exc:
        raise PolicykgError(f"{target}: cannot write ({file_in_the_way(target.parent) or exc.strerror})") from None
    try:
        with os.fdopen(fd, mode, **text) as fh:
            yield fh
            fh.flush()
            if _SYNC.get():
                os.fsync(fh.fileno())
        # mkstemp makes 0600: a file replaced keeps its mode (a shared 0664 export stays
        # so), a new one gets the usual mode
        os.chmod(tmp, stat.S_IMODE(found.st_mode) if found is not None else 0o666 & ~_umask())
        os.replace(tmp, real)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise PolicykgError(f"{target}: cannot write ({exc.strerror or exc})") from None
        raise


def file_in_the_way(folder: str | Path) -> str | None:
    """Why `folder` cannot be made, when a file stands where it or a folder above it would be
    (export -o /etc/passwd/x.ttl: mkdir says "File exists", of the wrong path); else None."""
    for p in (Path(folder), *Path(folder).parents):
        if p.exists():
            return None if p.is_dir() else f"{p} is a file, not a folder"
    return None


def write_bytes(path: str | Path, data: bytes) -> Path:
    """`data` into `path`, atomically; returns the path."""
    with atomic_write(path) as fh:
        fh.write(data)
    return Path(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
