"""Benchmark: which embedded store and serialiser policykg uses, measured, not assumed.

Compares pyoxigraph (directly), oxrdflib (rdflib API over Oxigraph) and rdflib's in-memory
store on: loading, SPARQL latency (the seeds' graph and a synthetic ~1M-triple graph made
of many notices), and Turtle write/parse. Prints a table; asserts nothing.

    .venv/bin/python tests/bench/bench_store.py               # ~1M triples (a few minutes)
    .venv/bin/python tests/bench/bench_store.py --triples 200000
"""
from __future__ import annotations

import argparse
import gc
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pyoxigraph as ox  # noqa: E402
import rdflib  # noqa: E402

from docfactory import county_doc  # noqa: E402
from extractor.export import sorted_ntriples, sorted_triples, write_jsonld, write_turtle  # noqa: E402
from extractor.graph import PK, PREFIXES, to_rdf  # noqa: E402
from extractor.model import Field, Jurisdiction  # noqa: E402

QUERIES = {
    "duties of health, all jurisdictions": f"""
        SELECT ?j ?text WHERE {{
          ?d a <{PK}DutyAssignment> ; <{PK}assignee> ?o ; <{PK}dutyText> ?text .
          ?o <http://www.w3.org/ns/org#classification> <https://w3id.org/policykg/dept/health> ;
             <{PK}jurisdiction> ?j .
        }}""",
    "duties per department (GROUP BY)": f"""
        SELECT ?o (COUNT(?d) AS ?n) WHERE {{ ?d <{PK}assignee> ?o }} GROUP BY ?o ORDER BY DESC(?n) LIMIT 20""",
    "one notice's clause tree": """
        SELECT ?c ?label WHERE {
          <https://w3id.org/policykg/data/jurisdiction/第7县/doc/祁政办秘-2021-7>
              <http://data.europa.eu/eli/ontology#has_part>+ ?c .
          ?c <http://www.w3.org/2000/01/rdf-schema#label> ?label }""",
    "spans out of range (sourceText join)": f"""
        SELECT ?span WHERE {{
          ?src <{PK}sourceText> ?text .
          ?span <{PK}end> ?e . FILTER(STRSTARTS(STR(?span), CONCAT(STR(?src), "#char=")) && ?e > STRLEN(?text)) }}""",
}


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def synthetic_quads(target: int) -> list[ox.Quad]:
    """Many notices: the hand-built county notice, re-issued by numbered counties."""
    quads: list[ox.Quad] = []
    i = 0
    while len(quads) < target:
        i += 1
        doc = county_doc()
        doc.jurisdiction = Jurisdiction(f"第{i}县", "county", "县")
        doc.fields = [f if f.name != "doc_number" else Field(f.start, f.end, name="doc_number",
                                                              value=f"祁政办秘〔2021〕{i}号") for f in doc.fields]
        for dep in doc.facts.departments.values():
            dep.jurisdiction = f"第{i}县"
        quads += to_rdf(doc)
    return quads


def seed_quads() -> list[ox.Quad]:
    from extractor.pipeline import process

    quads = []
    for name in ("qimen-county-2021.txt", "bayannur-city-2021.txt"):
        try:
            doc = process(ROOT / "corpus" / name)
        except ImportError:  # extraction not available: the clause tree alone
            doc = process(ROOT / "corpus" / name, facts=False)
        quads += to_rdf(doc)
    return quads


def load_pyoxigraph(quads):
    store = ox.Store()
    store.bulk_extend(quads)
    return store


def load_oxrdflib(triples):
    g = rdflib.Graph(store="Oxigraph")
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="ox-nt")
    return g


def load_rdflib(triples):
    g = rdflib.Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return g


def query_pyoxigraph(store, q):
    return len(list(store.query(q, use_default_graph_as_union=True)))


def query_rdflib(g, q):
    return len(list(g.query(q)))


def bench(label: str, quads: list[ox.Quad], *, rdflib_too: bool, repeat: int) -> None:
    triples = sorted_triples(quads)
    print(f"\n## {label}: {len(quads):,} quads, {len(triples):,} distinct triples")
    row = "{:<58} {:>10} {:>10} {:>10}"
    print(row.format("", "pyoxigraph", "oxrdflib", "rdflib"))
    t_ox, store = timed(lambda: load_pyoxigraph(quads))
    t_oxr, g_oxr = timed(lambda: load_oxrdflib(triples))
    t_rdf, g_rdf = timed(lambda: load_rdflib(triples)) if rdflib_too else (float("nan"), None)
    print(row.format("load (s)", f"{t_ox:.3f}", f"{t_oxr:.3f}", f"{t_rdf:.3f}"))
    for name, q in QUERIES.items():
        a, n = timed(lambda: query_pyoxigraph(store, q), repeat)
        b, m = timed(lambda: query_rdflib(g_oxr, q), repeat)
        c, k = timed(lambda: query_rdflib(g_rdf, q), 1 if len(quads) > 200_000 else repeat) \
            if g_rdf is not None else (float("nan"), n)
        assert n == m == k, (name, n, m, k)
        print(row.format(f"query ms: {name} [{n} rows]", f"{a * 1e3:.1f}", f"{b * 1e3:.1f}", f"{c * 1e3:.1f}"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.ttl"
        t_w, _ = timed(lambda: write_turtle(quads, path))
        size = path.stat().st_size
        t_p, _ = timed(lambda: sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)))
        t_wr = t_pr = float("nan")
        if g_rdf is not None:
            for k, v in PREFIXES.items():
                g_rdf.bind(k, v)
            t_wr, _ = timed(lambda: g_rdf.serialize(destination=str(Path(tmp) / "rdflib.ttl"), format="turtle"))
            t_pr, _ = timed(lambda: rdflib.Graph().parse(path, format="turtle"))
        t_sort, _ = timed(lambda: sorted_ntriples(quads))
        t_j, _ = timed(lambda: write_jsonld(store, Path(tmp) / "out.jsonld"))
        t_ts, _ = timed(lambda: write_turtle(store, Path(tmp) / "store.ttl"))
        print(row.format("Turtle write, sorted, from quads (s)", f"{t_w:.3f}", "", f"{t_wr:.3f}"))
        print(row.format("  of which sorting (s)", f"{t_sort:.3f}", "", ""))
        print(row.format("Turtle write, sorted, from the store (s)", f"{t_ts:.3f}", "", ""))
        print(row.format("JSON-LD write, sorted, from the store (s)", f"{t_j:.3f}", "", ""))
        print(row.format("Turtle parse (s)", f"{t_p:.3f}", "", f"{t_pr:.3f}"))
        print(f"Turtle size: {size / 1e6:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    ap.add_argument("--no-rdflib-large", action="store_true", help="skip rdflib in memory on the large graph")
    args = ap.parse_args()
    t, seeds = timed(seed_quads)
    print(f"seeds → RDF: {len(seeds):,} quads in {t:.2f} s (load + parse + extract + to_rdf)")
    bench("the two seeds", seeds, rdflib_too=True, repeat=5)
    t, big = timed(lambda: synthetic_quads(args.triples))
    print(f"\nsynthetic notices → RDF: {len(big):,} quads in {t:.1f} s ({len(big) / t:,.0f} quads/s)")
    bench("synthetic", big, rdflib_too=not args.no_rdflib_large, repeat=3)


if __name__ == "__main__":
    main()
