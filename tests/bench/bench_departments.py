"""Benchmark of the department recogniser: prints figures, asserts nothing.

    .venv/bin/python tests/bench/bench_departments.py [MEGABYTES]

1. start-up: building the matcher from ontology/departments.ttl, loading the place names;
2. throughput: `find_departments` over the seeds and extra notices repeated to ~5 MB,
   in one call and notice by notice (how the extraction stage calls it), in matches/s
   and chars/s;
3. the design choice: the registry's labels as a trie-shaped regex (what the recogniser
   uses) against a plain longest-first alternation of the same labels.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor import departments as d  # noqa: E402


def clock(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    reg, t_reg = clock(d._registry)
    places, t_places = clock(d._places)
    print(f"registry: {len(reg.concepts)} concepts, {len(reg.labels)} labels, {len(reg.domains)} domain labels; "
          f"built in {t_reg * 1000:.0f} ms; {len(places)} place names in {t_places * 1000:.0f} ms")

    notices = [p.read_text(encoding="utf-8") for p in
               [ROOT / "corpus" / "qimen-county-2021.txt", ROOT / "corpus" / "bayannur-city-2021.txt",
                *sorted((ROOT / "tests" / "data" / "extra").glob("*.txt"))]]
    unit = "\n".join(notices)
    copies = max(1, int(megabytes * 1_000_000 / len(unit)))
    big = "\n".join([unit] * copies)
    print(f"text: {len(notices)} notices, {len(unit):,} chars, repeated {copies}x = {len(big):,} chars")

    found, t_one = clock(d.find_departments, big, default_prefix="市")
    print(f"one call:        {len(found):>7,} matches in {t_one:6.2f} s = {len(found) / t_one:>9,.0f} matches/s, "
          f"{len(big) / t_one:>11,.0f} chars/s")

    t = time.perf_counter()
    n = 0
    for _ in range(copies):
        for text in notices:
            n += len(d.find_departments(text, default_prefix="市"))
    t_each = time.perf_counter() - t
    print(f"notice by notice:{n:>7,} matches in {t_each:6.2f} s = {n / t_each:>9,.0f} matches/s, "
          f"{len(big) / t_each:>11,.0f} chars/s, {t_each / (copies * len(notices)) * 1000:.1f} ms a notice")

    cells = sorted({m.surface for m in found})
    d.resolve.cache_clear()
    _, t_resolve = clock(lambda: [d.resolve(c) for c in cells])
    print(f"resolve:         {len(cells):>7,} names (cold cache) in {t_resolve:6.2f} s = "
          f"{len(cells) / t_resolve:>9,.0f} names/s")

    squeezed = d._Squeezed(big, 0, len(big)).text
    labels = list(reg.labels)
    trie = re.compile(d._trie(labels))
    plain = re.compile(d._alternation(labels))
    n_trie, t_trie = clock(lambda: sum(1 for _ in trie.finditer(squeezed)))
    n_plain, t_plain = clock(lambda: sum(1 for _ in plain.finditer(squeezed)))
    print(f"labels only, trie regex:        {n_trie:>7,} hits in {t_trie:6.2f} s ({len(squeezed) / t_trie:>11,.0f} chars/s)")
    print(f"labels only, plain alternation: {n_plain:>7,} hits in {t_plain:6.2f} s ({len(squeezed) / t_plain:>11,.0f} chars/s)"
          f"  -> trie is {t_plain / t_trie:.1f}x faster")


if __name__ == "__main__":
    main()
