"""Benchmark: pushing to a real Virtuoso (GSP vs SPARQL Update) and querying it; prints figures.

Starts its own throwaway Virtuoso (tests/virtuoso.py), so it needs ``virtuoso-t``. Measures
the server's start-up, then for graphs of growing size: push by Graph Store Protocol, push
by batched SPARQL Update (several batch sizes), HTTP requests per push, and a remote query.

    .venv/bin/python tests/bench/bench_push.py                    # up to 100 000 triples
    .venv/bin/python tests/bench/bench_push.py --triples 20000 --graphs 5
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pyoxigraph as ox  # noqa: E402

from extractor import remote  # noqa: E402
from extractor.graph import PK  # noqa: E402
from virtuoso import start_virtuoso, stop  # noqa: E402

DATA = "https://w3id.org/policykg/data/jurisdiction/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def notice_store(triples: int, graphs: int) -> ox.Store:
    """`graphs` named graphs of Chinese, escaped, non-ASCII-IRI triples, `triples` in all."""
    store = ox.Store()
    per = triples // graphs
    for g in range(graphs):
        doc = f"{DATA}第{g}县/doc/祁政办秘-2021-{g}"
        name = ox.NamedNode(doc + "/graph")
        quads = []
        for i in range(per // 3):
            c = ox.NamedNode(f"{doc}/clause/main/{i}")
            label = ox.Literal(f"（{i}）县卫生健康委负责\"指导\"\n第{i}条", language="zh")
            quads += [ox.Quad(c, ox.NamedNode(RDFS + "label"), label, name),
                      ox.Quad(c, ox.NamedNode(PK + "clauseLevel"), ox.Literal(i % 4), name),
                      ox.Quad(c, ox.NamedNode(PK + "assignee"), ox.NamedNode(f"{DATA}第{g}县/org/health"), name)]
        store.extend(quads)
    return store


class Counting:
    """Counts HTTP requests by wrapping `_Client._send`."""

    def __init__(self):
        self.n = 0
        self.original = remote._Client._send

    def __enter__(self):
        counter = self

        def send(client, *args, **kwargs):
            counter.n += 1
            return counter.original(client, *args, **kwargs)

        remote._Client._send = send
        return self

    def __exit__(self, *exc):
        remote._Client._send = self.original


def timed(fn, *args, **kwargs):
    with Counting() as c:
        t = time.perf_counter()
        out = fn(*args, **kwargs)
        return out, time.perf_counter() - t, c.n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=100_000)
    ap.add_argument("--graphs", type=int, default=10)
    args = ap.parse_args()

    directory = Path(tempfile.mkdtemp(prefix="policykg-bench-virtuoso-"))
    t = time.perf_counter()
    proc, server = start_virtuoso(directory)
    print(f"virtuoso-t start-up (fresh database, until /sparql answers): {time.perf_counter() - t:.2f} s")
    try:
        sizes = sorted({s for s in (1_000, 10_000, args.triples) if s <= args.triples})
        print(f"\n{'triples':>8} {'graphs':>6}  {'method':<18} {'seconds':>8} {'triples/s':>10} {'requests':>8}")
        for size in sizes:
            graphs = min(args.graphs, max(1, size // 1000))
            store = notice_store(size, graphs)
            n = len(store)
            runs = [("gsp", server.gsp, {}), ("update batch 500", server.sparql_auth, {"batch": 500}),
                    ("update batch 1000", server.sparql_auth, {"batch": 1000}),
                    ("update batch 3000", server.sparql_auth, {"batch": 3000})]
            for label, endpoint, extra in runs:
                method = label.split()[0]
                sent, seconds, requests = timed(remote.push, store, endpoint, method=method,
                                                auth=server.auth, timeout=600, **extra)
                assert sum(sent.values()) == n
                print(f"{n:>8} {graphs:>6}  {label:<18} {seconds:>8.2f} {n / seconds:>10.0f} {requests:>8}")
        query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?c <%sassignee> ?o } } GROUP BY ?g" % PK)
        result, seconds, _ = timed(remote.query, server.sparql, query)
        print(f"\nremote GROUP BY over {len(result)} graphs: {seconds * 1000:.0f} ms")
        result, seconds, _ = timed(remote.query, server.sparql,
                                   "SELECT ?c WHERE { ?c <%slabel> ?l }" % RDFS,
                                   bindings={"l": ox.Literal("（7）县卫生健康委负责\"指导\"\n第7条", language="zh")})
        print(f"remote lookup with a bound @zh literal ({len(result)} rows): {seconds * 1000:.0f} ms")
    finally:
        stop(proc)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
