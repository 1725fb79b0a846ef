"""The embedded RDF store: one way to open it, add notices and load the ontology.

In: `Document`s (through `graph.to_rdf`) and the Turtle files of `ontology/`. Out: a
`pyoxigraph.Store` — in memory or on disk — holding one named graph per notice, plus
``{base}ontology`` (the ontology and registries) and, after a comparison,
``{base}comparison/{A}--{B}`` (see `compare.add_comparison`).

pyoxigraph was chosen on measurement (tests/bench/bench_store.py): it loads and queries
one to two orders of magnitude faster than rdflib in memory or through oxrdflib.
Query it with ``store.query(sparql, use_default_graph_as_union=True)`` to see all notices.
"""
from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox

from .errors import PolicykgError
from .graph import DEFAULT_BASE, normalise_base, to_rdf
from .knowledge import PK, ontology_dir
from .model import Document
from .search import unmark

# Loaded into {base}ontology; shapes.ttl is left out: constraints are not facts to query.
NOT_ONTOLOGY = {"shapes.ttl"}
OPEN_TRIES = 5  # a read-only open that meets a build's writing is tried again


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> ox.Store:
    """A store on disk at `path` (created if missing), or in memory when `path` is None.

    `read_only`: open an existing store without taking its lock, so any number of readers
    (query commands, `policykg serve`) use it at once; only a writer (`build`, `compare
    --save`) takes the lock, and one writer at a time."""
    if path is None:
        return ox.Store()
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise PolicykgError(f"{p}: not a store directory")
    for attempt in range(OPEN_TRIES):
        try:
            return ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
        except (OSError, RuntimeError) as exc:
            if (gone := _missing_manifest(p)) is not None:  # not mended by waiting, unlike a build's rewrite
                raise PolicykgError(f"{p}: the store is damaged (its {gone} file is missing): "
                                    "delete it and build again") from None
            if read_only and "no such file" in str(exc).lower() and (p / "CURRENT").is_file():
                # a build writing meanwhile deleted a file the reader had just found listed (merged
                # into another): opened again, the store is read as it now is
                if attempt + 1 < OPEN_TRIES:
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise PolicykgError(f"{p}: cannot open the store while a build rewrites it; try again") from None
            if "lock" in str(exc).lower():
                raise PolicykgError(f"{p}: the store is in use by another policykg process that writes to it "
                                    "(a build, or compare --save); try again when it is done") from None
            raise PolicykgError(f"{p}: cannot open the store ({exc})") from None
    raise AssertionError("unreachable")


def _missing_manifest(p: Path) -> str | None:
    """The name of the MANIFEST file the store at `p` lists as current (in its CURRENT file)
    when that file is missing, else None. (A build rewriting it writes the new one before
    CURRENT names it: the one named is always there unless the store is damaged.)"""
    try:
        name = (p / "CURRENT").read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return name if name.startswith("MANIFEST-") and "/" not in name and not (p / name).exists() else None


def add_document(store: ox.Store, doc: Document, *, base: str = DEFAULT_BASE, persons: bool = True) -> str:
    """Put `doc` into `store`, replacing what an earlier run put in its named graph.

    Returns the IRI of that named graph.
    """
    quads = to_rdf(doc, base=base, persons=persons)
    if not quads:
        raise PolicykgError(f"{doc.path or 'document'}: nothing to add")
    graph = quads[0].graph_name
    unmark(store)  # a `who` index built beside this store no longer covers it
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    store.extend(quads)
    return graph.value


def ontology_files() -> list[Path]:
    return sorted(p for p in ontology_dir().glob("*.ttl") if p.name not in NOT_ONTOLOGY)


def load_ontology(store: ox.Store, *, base: str = DEFAULT_BASE) -> None:
    """Load every `ontology/*.ttl` (but the SHACL shapes) into the named graph ``{base}ontology``."""
    graph = ox.NamedNode(normalise_base(base) + "ontology")
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    for path in ontology_files():
        try:
            with path.open("rb") as fh:
                store.load(fh, format=ox.RdfFormat.TURTLE, base_iri=PK, to_graph=graph)
        except SyntaxError as exc:
            raise PolicykgError(f"{path.name}: not valid Turtle ({exc})") from None
