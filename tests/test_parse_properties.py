"""Property-based tests: notices assembled from real clause fragments, random numbering."""
from __future__ import annotations

import copy
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import CITY, COUNTY
from extractor.load import load_bytes
from extractor.model import Clause, Document
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


_CITY_TEXT = CITY.read_text(encoding="utf-8")
_CITY_BODY = [ln.strip() for ln in _CITY_TEXT[_CITY_TEXT.index("现将《"):].splitlines() if ln.strip()]
_CITY_TITLE = "巴彦淖尔市人民政府办公室关于印发《关于促进3岁以下婴幼儿照护服务发展实施方案》的通知"
_PAGE_FIELDS = {"索引号": ["011746318/2021-00972", "11150700-2021-00123", "MB1C15391/2021-01234"],
                "发布机构": ["巴彦淖尔市人民政府办公室"], "成文日期": ["2021-12-13", "2021年12月13日"],
                "发文字号": ["巴政办发〔2021〕20号", "巴政办发[2021]20号"], "主题分类": ["人口与计划生育、妇女儿童工作", "卫生"]}
_NUMBER = "巴政办发〔2021〕20号"


@st.composite
def page_heads(draw):
    """巴彦淖尔市's notice as a disclosure page prints it: a breadcrumb (or none), its fields in any
    order (either colon), its title before or after them (its 文号 a field, or printed by the
    title, in brackets of its own or not), its 主送; and how the page lost its line breaks: the
    breadcrumb glued to what follows, the head's lines joined, the text below joined too."""
    keys = draw(st.permutations(list(_PAGE_FIELDS)))
    colon = draw(st.sampled_from(["：", ":"]))
    titled = draw(st.booleans())  # the 文号 printed by the title, not as a field
    fields = [k + colon + draw(st.sampled_from(_PAGE_FIELDS[k])) for k in keys if not (titled and k == "发文字号")]
    title = [_CITY_TITLE]
    if titled:
        number = draw(st.sampled_from([_NUMBER, "【" + _NUMBER + "】", "[" + _NUMBER + "]"]))
        title = [_CITY_TITLE, number] if draw(st.booleans()) else [number, _CITY_TITLE]
    head = title + fields if draw(st.booleans()) else fields + title
    crumb = draw(st.sampled_from(["", "首页 > 政务公开 > 政策文件", "当前位置：首页>政府信息公开>政策文件", "首页＞政务公开＞政策文件"]))
    recipients = draw(st.sampled_from(["各旗县区人民政府，市直各有关单位：",
                                       "各旗县区人民政府,巴彦淖尔经济技术开发区管委会,市直有关部门,驻市有关单位:"]))
    glue, joined, flat = draw(st.sampled_from(["", " ", "\n"])), draw(st.sampled_from(["", " ", "\n"])), draw(st.booleans())
    # a 文号 glued to a free text before it (a crumb, 主题分类's value): where one ends, the text does not say
    before = [crumb + glue] + [h + joined for h in head]
    assume(not any(h.startswith(_NUMBER[:4]) and b.endswith(("政策文件", "工作", "卫生")) for b, h in zip(before, head)))
    lines = ([crumb] if crumb else []) + head + [recipients] + _CITY_BODY
    top = (crumb + glue if crumb else "") + joined.join(head + [recipients])
    body = joined if flat else "\n"
    return "\n".join(lines), top + body + body.join(_CITY_BODY)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_heads())
def test_a_disclosure_page_reads_its_head_however_its_lines_were_lost(page):
    """A disclosure page however it lost its line breaks (audits met each shape: the breadcrumb
    glued to the first field in the file, the 主送 right after the fields on one line, a 文号
    in brackets of its own …) reads the same fields, title and 主送 as when it printed each on
    a line of its own, and every character stays in one place."""
    apart, glued = page
    fields = lambda d: sorted((f.name, f.value) for f in d.fields if f.name in  # noqa: E731
                              ("index_number", "publisher", "date", "doc_number", "topic", "title", "recipient"))
    doc = parse(load_bytes(glued.encode("utf-8"), "page.txt"))
    assert coverage_errors(doc) == []
    assert fields(doc) == fields(parse(load_bytes(apart.encode("utf-8"), "page.txt")))


@st.composite
def clause_trees(draw, depth: int = 0, path: str = "main"):
    """A clause tree of random shape (ids its paths), leaves and empty child lists alike."""
    c = Clause(0, 0, id=path)
    if depth < 4:
        c.children = [draw(clause_trees(depth + 1, f"{path}/{k}"))
                      for k in range(draw(st.integers(0, 3 if depth else 5)))]
    return c


def _walk_recursively(c):
    yield c
    for child in c.children:
        yield from _walk_recursively(child)


@settings(max_examples=200, deadline=None)
@given(clause_trees(), st.integers(0, 40))
def test_a_clause_walk_is_the_preorder_walk_however_the_tree_grows_under_it(tree, grow_at):
    """`Clause.walk` (one generator over a stack of child iterators) yields what a generator a
    clause did: the preorder of the tree — also when a child is added to a clause as the walk
    reaches it (the recursion read each list as it reached it)."""
    assert [c.id for c in tree.walk()] == [c.id for c in _walk_recursively(tree)]

    def grown(walk):
        out = []
        for k, c in enumerate(walk):
            out.append(c.id)
            if k == grow_at:  # added as it is yielded: walked as its own children are
                c.children.append(Clause(0, 0, id=c.id + "/new"))
        return out
    other = copy.deepcopy(tree)
    assert grown(tree.walk()) == grown(_walk_recursively(other))


@settings(max_examples=100, deadline=None)
@given(st.lists(clause_trees(), max_size=4))
def test_a_documents_walk_is_its_zones_walks_one_after_another(zones):
    doc = Document("")
    doc.clauses = zones
    assert [c.id for c in doc.walk()] == [c.id for z in zones for c in _walk_recursively(z)]
