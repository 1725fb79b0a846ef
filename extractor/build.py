"""Building the graph of a set of notices: files → store (→ outputs, by `cli build`).

`notice_files` finds the notices in folders; `build_store` runs load → parse → extract →
graph for each and puts every notice in its own named graph of one store; `load_store`
is the one way every reading command (query, compare, view, export) gets its graph:
either notices given on the command line, built in memory, or the store that
`policykg build` left on disk.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import PolicykgError
from .load import SUFFIXES

DEFAULT_OUTPUTS = Path("outputs")
STORE_DIR = "store"
MANIFEST = "manifest.json"  # file → sha256 and named graph, for incremental rebuilds


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


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _stems(files: Sequence[Path]) -> dict[str, str]:
    """A unique output name per file: its stem, or stem-2, stem-3 … when stems repeat."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for f in files:
        name, k = f.stem, 1
        while name in used:
            k += 1
            name = f"{f.stem}-{k}"
        used.add(name)
        names[str(f)] = name
    return names


def build(inputs: Sequence[str | Path], out_dir: str | Path, *, base: str | None = None,
          persons: bool = True, force: bool = False, formats: Sequence[str] = ("ttl", "jsonld"),
          on_done: Callable[[Path, str | None], None] | None = None) -> BuildResult:
    """`policykg build`: notices → ``out_dir/store`` (on disk) → exported files in `out_dir`.

    Incremental: a file whose bytes did not change since the last build (same sha256 in
    ``manifest.json``) is not processed again; a file gone from the inputs loses its graph.
    `force` rebuilds everything. Output files are written atomically.
    """
    from .export import atomic_write, write_build
    from .graph import DEFAULT_BASE, link_counterparts
    from .store import load_ontology, open_store

    base = base or DEFAULT_BASE
    out = Path(out_dir)
    files = notice_files(inputs)
    if not files:
        raise PolicykgError("no notices (.txt, .html, .docx) in " + ", ".join(map(str, inputs)))
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".policykg-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise PolicykgError(f"{out}: output directory is not writable ({exc.strerror})") from None
    store = open_store(out / STORE_DIR)
    manifest_path = out / MANIFEST
    old = {} if force or not manifest_path.exists() else json.loads(manifest_path.read_text(encoding="utf-8"))
    settings = {"base": base, "persons": persons}
    if old.get("settings") != settings:
        old = {}
    previous: dict[str, dict] = old.get("files", {})
    result = BuildResult()
    todo, entries = [], {}
    for f in files:
        digest = _sha256(f)
        prev = previous.get(str(f))
        if prev and prev["sha256"] == digest and store.contains_named_graph(_node(prev["graph"])):
            result.skipped.append(str(f))
            result.notices[str(f)] = prev["graph"]
            entries[str(f)] = prev
            if on_done:
                on_done(f, None)
        else:
            todo.append((f, digest))
    for name, entry in previous.items():  # files gone since the last build
        if name not in {str(f) for f in files} and store.contains_named_graph(_node(entry["graph"])):
            if entry["graph"] not in {e["graph"] for e in entries.values()}:
                store.remove_graph(_node(entry["graph"]))
    digests = dict(todo)
    _, built = build_store([f for f, _ in todo], store, base=base, persons=persons, on_done=on_done)
    result.failed = built.failed
    for f, graph in built.notices.items():
        result.notices[f] = graph
        entries[f] = {"sha256": digests[Path(f)], "graph": graph}
    if not result.notices:
        raise PolicykgError("no notice could be read: " + "; ".join(f"{k}: {v}" for k, v in result.failed.items()))
    if not todo:  # build_store did not run: keep the shared graphs current anyway
        load_ontology(store, base=base)
        link_counterparts(store, base=base)
    names = _stems([Path(f) for f in result.notices])
    write_build(store, out, {names[f]: g for f, g in result.notices.items()}, formats=formats)
    with atomic_write(manifest_path, "w") as fh:
        json.dump({"settings": settings, "files": dict(sorted(entries.items()))}, fh, ensure_ascii=False, indent=1)
    store.flush()
    return result


def _node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)
