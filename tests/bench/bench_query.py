"""Benchmark: latency of the named queries (p50/p95) on the seeds' graph and on a ~1M-triple graph,
and how `who` ranks (BM25 vs tf-idf vs plain counts). Prints tables; asserts nothing.

    .venv/bin/python tests/bench/bench_query.py                    # ~1M triples (about a minute)
    .venv/bin/python tests/bench/bench_query.py --triples 200000 --runs 5

How the large graph is made: the two seeds are loaded, parsed and extracted once, and their
quads (as N-Quads text) are copied again and again with the jurisdiction renamed —
祁门 → two synthetic CJK characters, 巴彦淖尔 → four, and the 文号 prefix 祁/巴 → the new
name's first character — so each copy is a distinct notice of a distinct jurisdiction with
its own organisations, and every offset into its (renamed, same-length) source text stays
valid. The ontology graph is loaded once. Counterpart links are left out (they grow with
the square of the number of jurisdictions and no named query reads them).
"""
from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pyoxigraph as ox  # noqa: E402

from extractor import query as Q  # noqa: E402
from extractor.build import build_store  # noqa: E402
from extractor.graph import to_rdf  # noqa: E402
from extractor.pipeline import process  # noqa: E402
from extractor.store import load_ontology, open_store  # noqa: E402

COUNTY = ROOT / "corpus" / "qimen-county-2021.txt"
CITY = ROOT / "corpus" / "bayannur-city-2021.txt"


def synthetic_quads(pairs: int):
    """N-Quads bytes of `pairs` renamed (county, city) copies of the seeds, one copy at a time."""
    county = ox.serialize(to_rdf(process(COUNTY)), format=ox.RdfFormat.N_QUADS).decode("utf-8")
    city = ox.serialize(to_rdf(process(CITY)), format=ox.RdfFormat.N_QUADS).decode("utf-8")
    for i in range(pairs):
        a, b = chr(0x5A00 + i), chr(0x5B00 + i)  # CJK Unified Ideographs, one per copy
        c, d, e, f = (chr(0x5C00 + i), chr(0x5D00 + i), chr(0x5E00 + i), chr(0x5F00 + i))
        yield (county.replace("祁政办秘", a + "政办秘").replace("祁门", a + b)
               .replace("qimen-county-2021", f"county-{i:04d}")).encode("utf-8")
        yield (city.replace("巴政办发", c + "政办发").replace("巴彦淖尔", c + d + e + f)
               .replace("bayannur-city-2021", f"city-{i:04d}")).encode("utf-8")


def large_store(target: int, path: Path | None = None) -> tuple[ox.Store, dict]:
    t0 = time.perf_counter()
    seed, _ = build_store([COUNTY, CITY])
    per_pair = sum(1 for q in seed.quads_for_pattern(None, None, None, None)
                   if q.graph_name.value.endswith("/graph"))
    pairs = max(1, round((target - 2300) / per_pair))
    store = open_store(path)
    for chunk in synthetic_quads(pairs):
        if path is None:
            store.load(chunk, format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
    load_ontology(store)
    if path is not None:
        store.optimize()
    info = {"pairs": pairs, "notices": 2 * pairs, "quads": len(store), "seconds": time.perf_counter() - t0}
    return store, info


def cases(store) -> dict[str, callable]:
    one = Q.notices(store)[0]
    jur = one["jurisdiction"]
    return {
        "duties 卫健委": lambda: Q.duties(store, "卫健委"),
        f"duties 市场监管局 -j {jur}": lambda: Q.duties(store, "市场监管局", jurisdiction=jur),
        "duties 卫健委 --explain": lambda: Q.duties(store, "卫健委", explain=True),
        "who 消防 (index warm)": lambda: Q.who(store, "消防", limit=50),
        "who 食品安全 (index warm)": lambda: Q.who(store, "食品安全", limit=50),
        "who 消防 --explain": lambda: Q.who(store, "消防", limit=50, explain=True),
        "members <one notice>": lambda: Q.members(store, one["label"]),
        "members (all)": lambda: Q.members(store),
        "refs (all)": lambda: Q.refs(store),
        "meetings": lambda: Q.meetings(store),
        "departments": lambda: Q.departments(store),
        "sparql COUNT duties": lambda: Q.sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { ?d a pk:DutyAssignment }"),
        "injection (no match)": lambda: Q.duties(store, '"} ; DROP ALL ; #'),
    }


def measure(store, runs: int) -> list[tuple[str, int, float, float]]:
    out = []
    Q._INDEXES.clear()
    gc.collect()
    t = time.perf_counter()
    Q.statement_index(store)
    cold = time.perf_counter() - t
    out.append(("who: build BM25 index (cold, once)", -1, cold * 1000, cold * 1000))
    for name, fn in cases(store).items():
        rows = fn()
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        n = len(rows.rows) if hasattr(rows, "rows") else len(rows)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
        out.append((name, n, statistics.median(times), p95))
    return out


def cli_wall(args: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


# --- ranking quality of `who` ------------------------------------------------------------------------------

# Topic → the registry concepts an analyst expects to be answerable for it in the seeds.
RELEVANT = {
    "消防": {"fire-rescue", "housing-urban-rural-development"},
    "食品安全": {"market-regulation"},
    "用地": {"natural-resources"},
    "税费": {"taxation", "finance"},
    "培训": {"education", "human-resources-social-security"},
    "登记": {"market-regulation", "civil-affairs", "establishment-office"},
    "宣传": {"womens-federation", "youth-league", "family-planning-association", "trade-union"},
}


def ranking(store) -> list[tuple[str, dict]]:
    """Precision@5 and average precision of the rows, per scoring."""
    out = []
    for scoring in ("bm25", "tfidf", "count"):
        p5, aps = [], []
        for topic, relevant in RELEVANT.items():
            rows = Q.who(store, topic, scoring=scoring)
            hits = [r["concept"] in relevant for r in rows]
            p5.append(sum(hits[:5]) / 5)
            found, precisions = 0, []
            for k, h in enumerate(hits, 1):
                if h:
                    found += 1
                    precisions.append(found / k)
            aps.append(sum(precisions) / max(1, sum(hits)))
        out.append((scoring, {"P@5": statistics.mean(p5), "MAP": statistics.mean(aps)}))
    return out


def table(title: str, rows: list[tuple[str, int, float, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'query':40} {'rows':>6} {'p50 ms':>9} {'p95 ms':>9}")
    for name, n, p50, p95 in rows:
        print(f"  {name:40} {'' if n < 0 else n:>6} {p50:9.2f} {p95:9.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--no-disk", action="store_true", help="skip the on-disk store and the CLI timings")
    args = ap.parse_args()

    seeds, _ = build_store([COUNTY, CITY])
    print(f"seed graph: 2 notices, {len(seeds)} quads")
    table("named queries, seeds, in memory", measure(seeds, max(args.runs, 30)))

    print("\nwho ranking on the seeds (relevant = the departments expected for 7 topics)")
    for scoring, m in ranking(seeds):
        print(f"  {scoring:6} P@5 {m['P@5']:.2f}   MAP {m['MAP']:.2f}")

    big, info = large_store(args.triples)
    print(f"\nlarge graph: {info['notices']} notices ({info['pairs']} renamed copies of each seed) "
          f"+ ontology = {info['quads']:,} quads, built in memory in {info['seconds']:.1f} s")
    table(f"named queries, {info['quads']:,} quads, in memory", measure(big, args.runs))
    del big
    gc.collect()

    if args.no_disk:
        return
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "seeds"
        s, _ = build_store([COUNTY, CITY], open_store(small))
        del s
        disk, info = large_store(args.triples, Path(tmp) / "large")
        print(f"\non disk: {info['quads']:,} quads bulk-loaded in {info['seconds']:.1f} s")
        table(f"named queries, {info['quads']:,} quads, on disk (RocksDB)", measure(disk, args.runs))
        del disk
        gc.collect()
        print("\nwhole CLI process (python start, imports, open store, query, print), median of 3")
        for label, store_dir in (("seeds", small), ("large", Path(tmp) / "large")):
            for cmd in (["duties", "卫健委", "-f", "json"], ["who", "消防", "-f", "json"], ["--help"]):
                extra = [] if cmd == ["--help"] else ["--store", str(store_dir)]
                if cmd == ["--help"] and label == "large":
                    continue
                print(f"  {label:5} {' '.join(cmd):28} {cli_wall(cmd + extra):8.0f} ms")


if __name__ == "__main__":
    main()
