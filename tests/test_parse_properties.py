"""Property-based tests: notices assembled from real clause fragments, random numbering."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CITY, COUNTY
from extractor.load import load_bytes
from extractor.parse import coverage_errors, parse

CN = "一二三四五六七八九十"


def _fragments() -> list[str]:
    """Sentences of the real seeds with their own numbering removed."""
    out = []
    for path in (COUNTY, CITY):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"^\s*([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])", "", line).strip()
            if 8 <= len(line) <= 300 and "\t" not in line:
                out.append(line)
    return out


FRAGMENTS = _fragments()
STYLES = [
    lambda n: CN[n - 1] + "、",
    lambda n: "（" + CN[n - 1] + "）",
    lambda n: "(" + CN[n - 1] + ")",
    lambda n: "(" + CN[n - 1] + "）",
    lambda n: f"{n}.",
    lambda n: f"{n}、",
    lambda n: f"（{n}）",
    lambda n: chr(0x2460 + n - 1),
]


@st.composite
def notices(draw, fragments=None):
    """A list of (depth, style index, number, text); styles stay consistent per depth."""
    depth_styles = sorted(draw(st.lists(st.integers(0, len(STYLES) - 1), min_size=1, max_size=4, unique=True)),
                          key=lambda i: [0, 1, 1, 1, 2, 2, 3, 4][i])
    # one style per rank only: a (1) and a 1. at two depths would be two ranks anyway
    items, counters, depth = [], [0] * len(depth_styles), 0
    for _ in range(draw(st.integers(1, 25))):
        depth = draw(st.integers(0, min(depth + 1, len(depth_styles) - 1)))
        counters[depth] += 1
        for d in range(depth + 1, len(counters)):
            counters[d] = 0
        n = min(counters[depth], 10)
        items.append((depth, depth_styles[depth], n, draw(st.sampled_from(fragments or FRAGMENTS))))
    extra = draw(st.sampled_from(["\n", "\r\n", "\n\n", "\n  \u3000"]))
    return items, extra


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notices())
def test_random_notices_keep_invariant_and_order(case):
    items, sep = case
    lines = ["某县人民政府办公室关于印发某某制度的通知", "", "各乡镇人民政府：", "为做好工作，特制定本制度。"]
    for depth, style, n, text in items:
        lines.append(STYLES[style](n) + text)
    text = sep.join(lines) + sep
    doc = parse(load_bytes(text.encode("utf-8"), "random.txt"))
    assert coverage_errors(doc) == []
    numbered = [c for c in doc.walk() if c.kind == "numbered"]
    # every line we numbered opened exactly one clause, in order of appearance
    assert len(numbered) == len(items)
    assert [c.start for c in numbered] == sorted(c.start for c in numbered)
    for c in numbered:
        assert all(c.contains(ch) for ch in c.children)
        assert all(c.level < ch.level for ch in c.children)


def _body_fragments() -> list[str]:
    """The fragments the seeds' own parse reads as clause text (not header, not page furniture:
    a 抄送 or a 附件 cut out of its place reads differently when the line breaks are lost)."""
    out = []
    for path in (COUNTY, CITY):
        doc = parse(load_bytes(path.read_bytes(), path.name))
        elsewhere = doc.header + doc.chrome
        pos = 0
        for line in doc.text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            if not any(s.start <= start + len(line) - len(line.lstrip()) < s.end for s in elsewhere):
                out.append(line)
    body = set(out)
    return [f for f in FRAGMENTS if any(f in line for line in body)]


BODY_FRAGMENTS = _body_fragments()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notices(BODY_FRAGMENTS), st.sampled_from([" ", "\u3000", "  "]))
def test_random_notices_on_one_line_keep_their_clauses(case, blank):
    """The same notice with its line breaks lost (each a blank now): cut where its lines
    began, it opens the same numbered clauses, at the same levels, as its lines did."""
    items, _ = case
    lines = ["某县人民政府办公室关于印发某某制度的通知", "各乡镇人民政府：", "为做好工作，特制定本制度。"]
    lines += [STYLES[style](n) + text for depth, style, n, text in items]
    whole = parse(load_bytes("\n".join(lines).encode("utf-8"), "lines.txt"))
    doc = parse(load_bytes(blank.join(lines).encode("utf-8"), "one-line.txt"))
    assert coverage_errors(doc) == []
    tree = lambda d: [(c.id, c.label, c.level) for c in d.walk()]  # noqa: E731
    assert tree(doc) == tree(whole) and len(tree(doc)) > len(items)
