"""Files written atomically: a temporary file beside the target, renamed over it on success.

A crash, a full disk or a bug mid-write never leaves half a Turtle file or half a page.
Each file is flushed to disk (fsync) before it replaces the target, except inside
`unsynced()`: a build writes thousands of per-notice files that way and syncs the disk
once (`os.sync`) before its manifest says they are there.
"""
from __future__ import annotations

import os
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
    """Open a temporary file beside `path`; on success it replaces `path`, on error it is removed."""
    target = Path(path)
    if target.is_dir():
        raise PolicykgError(f"{target}: is a directory")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise PolicykgError(f"{target}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
            fh.flush()
            if _SYNC.get():
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise PolicykgError(f"{target}: cannot write ({exc.strerror or exc})") from None
        raise


def write_bytes(path: str | Path, data: bytes) -> Path:
    """`data` into `path`, atomically; returns the path."""
    with atomic_write(path) as fh:
        fh.write(data)
    return Path(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
