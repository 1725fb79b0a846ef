"""Which similarity tells the same duty from a different one? Measured on a hand-labelled gold set.

Run: .venv/bin/python tests/bench/bench_similarity.py

Gold: tests/data/duty_pairs.tsv — every pair of duty statements of the same department in
the two seeds (祁门县 × 巴彦淖尔市), labelled 1 (same duty) or 0 by hand; see its header.
IDF is fitted on every duty statement of both seeds, as `compare` does.

Two evaluations per method:
  pairs       each pair on its own: same duty iff score ≥ threshold;
  assignment  what `compare` outputs: per department, a one-to-one pairing (optimal =
              maximum-weight matching, or greedy) of the pairs scoring ≥ threshold, checked
              against the gold pairs. A long statement may be the gold partner of two, so
              one-to-one recall cannot reach 1 (the ceiling is printed).
For each: the best F1 over a threshold sweep (optimistic: the threshold is fitted on the
data it is scored on) and LOCO F1 — the threshold fitted on the other departments and
applied to the held-out one, summed over departments (the honest figure).
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from extractor import similarity  # noqa: E402

GOLD = ROOT / "tests" / "data" / "duty_pairs.tsv"
THRESHOLDS = [t / 100 for t in range(2, 100)]


def load_gold(path: Path = GOLD) -> list[tuple[str, str, str, int]]:
    """(concept, text_a, text_b, label) rows of the gold file."""
    lines = [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header, *rows = [line.split("\t") for line in lines]
    assert header[:4] == ["concept", "text_a", "text_b", "label"], header
    return [(r[0], r[1], r[2], int(r[3])) for r in rows]


def seed_corpus() -> list[str]:
    """Every duty statement of both seeds (what `compare` fits IDF on)."""
    from extractor.build import load_store
    from extractor.compare import find_notice, read_side

    store = load_store([ROOT / "corpus"])
    return [d.text for name in ("祁门县", "巴彦淖尔市")
            for u in read_side(store, find_notice(store, name)).units.values() for d in u.duties]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Departments:
    """The gold grouped by department: statements of each side and the gold pairs."""

    def __init__(self, gold):
        self.a, self.b, self.pairs = defaultdict(list), defaultdict(list), defaultdict(set)
        for c, ta, tb, label in gold:
            if ta not in self.a[c]:
                self.a[c].append(ta)
            if tb not in self.b[c]:
                self.b[c].append(tb)
            if label:
                self.pairs[c].add((ta, tb))
        self.concepts = sorted(self.a)

    def ceiling(self) -> int:
        """Most gold pairs a one-to-one pairing can recover."""
        import networkx as nx

        total = 0
        for c in self.concepts:
            g = nx.Graph([(("a", x), ("b", y)) for x, y in self.pairs[c]])
            total += len(nx.max_weight_matching(g, maxcardinality=True)) if g else 0
        return total


def pair_counts(scores, gold, t, concepts=None):
    tp = fp = fn = 0
    for (c, _, _, label), s in zip(gold, scores):
        if concepts is not None and c not in concepts:
            continue
        hit = s >= t
        tp += hit and label
        fp += hit and not label
        fn += (not hit) and label
    return tp, fp, fn


_ASSIGNED: dict = {}


def assignment_counts(matrices, deps: Departments, t, strategy, concepts=None):
    tp = fp = fn = 0
    for c in deps.concepts if concepts is None else concepts:
        key = (id(matrices), c, t, strategy)
        if key not in _ASSIGNED:  # the LOCO sweeps ask for the same department/threshold often
            found = {(deps.a[c][i], deps.b[c][j]) for i, j, _ in similarity.assign(matrices[c], t, strategy=strategy)}
            _ASSIGNED[key] = (len(found & deps.pairs[c]), len(found - deps.pairs[c]), len(deps.pairs[c] - found))
        a, b, d = _ASSIGNED[key]
        tp, fp, fn = tp + a, fp + b, fn + d
    return tp, fp, fn


def best_and_loco(counts, concepts):
    """(best F1, its threshold, P, R) over the sweep, and the leave-one-department-out F1."""
    best = max(((prf(*counts(t))[2], t) for t in THRESHOLDS), key=lambda x: (x[0], -x[1]))
    p, r, f1 = prf(*counts(best[1]))
    tp = fp = fn = 0
    for held in concepts:
        rest = [c for c in concepts if c != held]
        t = max(THRESHOLDS, key=lambda t: (prf(*counts(t, rest))[2], -t))
        a, b, d = counts(t, [held])
        tp, fp, fn = tp + a, fp + b, fn + d
    return (f1, best[1], p, r), prf(tp, fp, fn)[2]


def main() -> None:
    gold = load_gold()
    deps = Departments(gold)
    positives = sum(label for *_, label in gold)
    corpus = seed_corpus()
    print(f"gold: {len(gold)} pairs in {len(deps.concepts)} departments, {positives} same-duty; "
          f"one-to-one ceiling {deps.ceiling()}/{positives} (recall ≤ {deps.ceiling() / positives:.3f}); "
          f"IDF corpus {len(corpus)} statements")
    print(f"default: {similarity.DEFAULT_METHOD} at threshold {similarity.DEFAULT_THRESHOLD}\n")
    head = f"{'method':20s} {'pairs: best F1 (t, P, R)':34s} {'LOCO':>6s}   {'assignment (optimal): best F1 (t, P, R)':42s} {'LOCO':>6s}  {'greedy LOCO':>11s}  {'µs/pair':>7s}"
    print(head)
    print("-" * len(head))
    rows = {}
    for method in similarity.METHODS:
        score = similarity.make_scorer(method, corpus)
        t0 = time.perf_counter()
        scores = [score(a, b) for _, a, b, _ in gold]
        per_pair = (time.perf_counter() - t0) / len(gold) * 1e6
        matrices = {c: [[score(x, y) for y in deps.b[c]] for x in deps.a[c]] for c in deps.concepts}
        pb, pl = best_and_loco(lambda t, cs=None: pair_counts(scores, gold, t, cs), deps.concepts)
        ab, al = best_and_loco(lambda t, cs=None: assignment_counts(matrices, deps, t, "optimal", cs), deps.concepts)
        _, gl = best_and_loco(lambda t, cs=None: assignment_counts(matrices, deps, t, "greedy", cs), deps.concepts)
        rows[method] = (matrices, ab[1])
        print(f"{method:20s} {pb[0]:.3f} (t={pb[1]:.2f}, P={pb[2]:.3f}, R={pb[3]:.3f})  {pl:6.3f}   "
              f"{ab[0]:.3f} (t={ab[1]:.2f}, P={ab[2]:.3f}, R={ab[3]:.3f})          {al:6.3f}  {gl:11.3f}  {per_pair:7.1f}")

    # The issue's own example: the market-regulation bureaus' food-safety duties must pair up.
    food = next((x, y) for x, y in deps.pairs["market-regulation"] if "饮食安全" in x)
    print("\n市场监管 饮食安全 ↔ 食品安全 paired at each method's best assignment threshold:")
    for method, (matrices, best_t) in rows.items():
        m = matrices["market-regulation"]
        found = {(deps.a["market-regulation"][i], deps.b["market-regulation"][j])
                 for i, j, _ in similarity.assign(m, best_t)}
        partner = next((y for x, y in found if x == food[0]), None)
        verdict = "yes" if food in found else f"no — paired with {partner[:24]}…" if partner else "no — left unpaired"
        print(f"  {method:20s} t={best_t:.2f}  {verdict}")

    method, t = similarity.DEFAULT_METHOD, similarity.DEFAULT_THRESHOLD
    matrices, _ = rows[method]
    print(f"\n{method}, one-to-one, by threshold:")
    print(f"{'t':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}   greedy: {'P':>6s} {'R':>6s} {'F1':>6s}")
    for tt in (0.05, 0.10, 0.12, 0.15, 0.18, 0.20, 0.25, 0.30, 0.40):
        o = prf(*assignment_counts(matrices, deps, tt, "optimal"))
        g = prf(*assignment_counts(matrices, deps, tt, "greedy"))
        mark = "  ← default" if abs(tt - t) < 1e-9 else ""
        print(f"{tt:5.2f} {o[0]:6.3f} {o[1]:6.3f} {o[2]:6.3f}           {g[0]:6.3f} {g[1]:6.3f} {g[2]:6.3f}{mark}")

    print("\nerrors of the default at its threshold:")
    for c in deps.concepts:
        found = {(deps.a[c][i], deps.b[c][j]): s for i, j, s in similarity.assign(matrices[c], t)}
        for (x, y), s in sorted(found.items()):
            if (x, y) not in deps.pairs[c]:
                print(f"  false pair  {c:32s} {s:.2f}  {x[:28]} | {y[:28]}")
        for x, y in sorted(deps.pairs[c] - set(found)):
            taken = any(k[0] == x or k[1] == y for k in found)
            why = "partner taken (one-to-one)" if taken else "below threshold"
            print(f"  missed      {c:32s} {why:27s} {x[:24]} | {y[:24]}")


if __name__ == "__main__":
    main()
