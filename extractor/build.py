"""Building the graph of a set of notices: files → store (→ outputs, by `cli build`).

`notice_files` finds the notices in folders; `build_store` runs load → parse → extract →
graph for each and puts every notice in its own named graph of one store; `load_store`
is the one way every reading command (query, compare, view, export) gets its graph:
either notices given on the command line, built in memory, or the store that
`policykg build` left on disk.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import PolicykgError
from .load import SUFFIXES

DEFAULT_OUTPUTS = Path("outputs")
STORE_DIR = "store"


def notice_files(inputs: Iterable[str | Path]) -> list[Path]:
    """The notice files among `inputs` (files as given; folders searched recursively for
    .txt/.html/.docx, skipping README files and hidden paths), sorted, without duplicates."""
    out: dict[Path, None] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.lower().startswith("readme") \
                        and not any(part.startswith(".") for part in rel):
                    out[f] = None
        elif p.exists():
            out[p] = None
        else:
            raise PolicykgError(f"{p}: no such file or directory")
    return sorted(out)


@dataclass
class BuildResult:
    notices: dict[str, str] = field(default_factory=dict)  # file path → named graph IRI
    failed: dict[str, str] = field(default_factory=dict)  # file path → one-line error
    skipped: list[str] = field(default_factory=list)  # unchanged since the last build


def build_store(files: Sequence[Path], store=None, *, base: str | None = None, persons: bool = True,
                on_done: Callable[[Path, str | None], None] | None = None):
    """Add each notice of `files` to `store` (a new in-memory store if None).

    Returns (store, BuildResult). A file that fails is recorded with its one-line error
    and does not stop the others.
    """
    from .graph import DEFAULT_BASE, link_counterparts
    from .pipeline import process
    from .store import add_document, load_ontology, open_store

    store = open_store(None) if store is None else store
    result = BuildResult()
    for path in files:
        try:
            doc = process(path)
            result.notices[str(path)] = add_document(store, doc, base=base or DEFAULT_BASE, persons=persons)
            error = None
        except PolicykgError as exc:
            error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            result.failed[str(path)] = error
        if on_done:
            on_done(path, error)
    load_ontology(store, base=base or DEFAULT_BASE)
    link_counterparts(store, base=base or DEFAULT_BASE)
    return store, result


def load_store(inputs: Sequence[str | Path] = (), *, store: str | Path | None = None):
    """The graph a reading command works on.

    With `inputs` (notice files or folders): those notices, built in memory. Otherwise the
    store `policykg build` wrote (default ``outputs/store``).
    """
    from .store import open_store

    if inputs:
        files = notice_files(inputs)
        if not files:
            raise PolicykgError("no notices (.txt, .html, .docx) in " + ", ".join(map(str, inputs)))
        built, result = build_store(files)
        if result.failed and not result.notices:
            raise PolicykgError(next(iter(result.failed.values())))
        return built
    path = Path(store) if store is not None else DEFAULT_OUTPUTS / STORE_DIR
    if not path.is_dir():
        raise PolicykgError(f"{path}: no store here; run `policykg build corpus -o outputs` "
                            "or name notice files")
    return open_store(path)
