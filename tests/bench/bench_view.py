"""Benchmark of the view stage: render time, page size and time until the layout is frozen.

Run: .venv/bin/python tests/bench/bench_view.py [sizes…]   (default 100 500 2000)
Graphs are synthetic (random edges, 2 per node) with the node kinds of the real graph;
the browser figures need Debian chromium + chromedriver (skipped otherwise).
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import networkx as nx  # noqa: E402

from extractor import view  # noqa: E402


def synthetic(n: int) -> nx.MultiDiGraph:
    rnd = random.Random(n)
    kinds = list(view.KIND_LABELS)
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"https://w3id.org/policykg/data/n/{i}", label=f"县卫生健康委{i}", kind=kinds[i % len(kinds)],
                   jurisdiction=("祁门县", "巴彦淖尔市")[i % 2],
                   title="负责婴幼儿照护服务机构的行业管理、业务培训和政策咨询等工作；" * 2)
    for _ in range(2 * n):
        u, v = rnd.randrange(n), rnd.randrange(n)
        g.add_edge(f"https://w3id.org/policykg/data/n/{u}", f"https://w3id.org/policykg/data/n/{v}",
                   kind=rnd.choice(("has_part", "duty_of", "mentions")))
    return g


def main(sizes: list[int]) -> None:
    import pytest

    from browser import open_file, start_browser

    tmp = Path(tempfile.mkdtemp(prefix="policykg-bench-view-"))
    try:
        driver = start_browser(tmp / "profile")
    except pytest.skip.Exception as exc:
        print(f"(no browser figures: {exc})")
        driver = None
    print(f"{'nodes':>6} {'edges':>6} {'render s':>9} {'MB':>6} {'stable s':>9}")
    try:
        for n in sizes:
            g = synthetic(n)
            t = time.perf_counter()
            path = view.render(g, tmp / f"g{n}.html", title=f"{n}")
            render_s = time.perf_counter() - t
            stable = "-"
            if driver:
                t = time.perf_counter()
                open_file(driver, path, ready="window.policykg && window.policykg.stable", timeout=300)
                stable = f"{time.perf_counter() - t:9.2f}"
            print(f"{n:>6} {g.number_of_edges():>6} {render_s:9.2f} {path.stat().st_size / 1e6:6.2f} {stable:>9}")
    finally:
        if driver:
            driver.quit()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 500, 2000])
