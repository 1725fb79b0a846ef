"""Each notice read as GBK text, as an HTML page and as a .docx (made by the tests from its
UTF-8 text) gives the same extraction as the UTF-8 text itself."""
from __future__ import annotations

import pytest

from conftest import CITY, COUNTY, EXTRA
from extractor.pipeline import process_bytes
from makeinputs import to_docx, to_html

NOTICES = [COUNTY, CITY, *EXTRA]


def facts(doc) -> dict:
    """The extraction with offsets left out (an HTML page's text differs in layout spaces)."""
    f = doc.facts
    dep = f.departments
    name = lambda d: dep[d].name if d in dep else d  # noqa: E731
    m = f.meeting
    return {
        "title": doc.title, "doc_number": doc.doc_number, "date": doc.date, "issuer": doc.issuer,
        "jurisdiction": doc.jurisdiction and (doc.jurisdiction.name, doc.jurisdiction.level),
        "clauses": [(c.id, c.label, c.index) for c in doc.walk()],
        "departments": sorted((d.id, d.name, d.concept) for d in dep.values()),
        "duties": [(d.id, name(d.department), d.role, d.action, "".join(d.text.split())) for d in f.duties],
        "assignments": [(a.clause, [name(x) for x in a.departments], a.role) for a in f.assignments],
        "references": [(r.title, r.number, r.kind, r.relation) for r in f.references],
        "meeting": m and ([name(x) for x in m.members], m.convenor and m.convenor.value, name(m.office or ""),
                          [(r.kind, r.period, r.times_min, r.times_max) for r in m.rules]),
        "posts": [(p.role, name(p.department), p.person) for p in f.posts],
    }


@pytest.mark.parametrize("path", NOTICES, ids=lambda p: p.stem)
def test_gbk_is_identical_offsets_included(path):
    text = path.read_text(encoding="utf-8")
    utf8 = process_bytes(text.encode("utf-8"), path.name)
    gbk = process_bytes(text.encode("gb18030"), path.name)
    assert gbk.encoding == "gb18030" and gbk.text == utf8.text
    assert facts(gbk) == facts(utf8)
    assert [(d.start, d.end) for d in gbk.facts.duties] == [(d.start, d.end) for d in utf8.facts.duties]


@pytest.mark.parametrize("maker", [to_html, to_docx], ids=["html", "docx"])
@pytest.mark.parametrize("path", NOTICES, ids=lambda p: p.stem)
def test_html_and_docx_give_the_same_extraction(path, maker):
    text = path.read_text(encoding="utf-8")
    plain = process_bytes(text.encode("utf-8"), path.name)
    other = process_bytes(maker(text), path.stem + (".html" if maker is to_html else ".docx"))
    assert other.format == ("html" if maker is to_html else "docx")
    assert facts(other) == facts(plain)
    for d in other.facts.duties:  # offsets are exact in the text that format gave
        assert other.text[d.start:d.end] == d.text


def test_a_page_whose_breadcrumb_runs_into_its_fields():
    """A disclosure page whose breadcrumb and metadata share one block (<div>首页 &gt; 政务公开
    &gt; 政策文件<span>索引号：1134…</span> <span>发布机构：…</span>…</div>): the reader gives
    them as one line, 政策文件索引号：…, which was read as furniture whole — 索引号, 发布机构,
    成文日期 and 文号 lost. The page reads as the text with its breadcrumb on a line of its own."""
    text = COUNTY.read_text(encoding="utf-8")
    notice = text[text.index("祁门县人民政府办公室关于"):]
    meta = ["索引号：11341024003000000X/2021-00045", "发布机构：祁门县人民政府办公室", "成文日期：2021-12-03",
            "文号：祁政办秘〔2021〕45号"]
    block = ('<div class="position"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
             '<a href="/zcwj/">政策文件</a>' + " ".join(f"<span>{m}</span>" for m in meta) + "</div>")
    page = to_html(notice).decode("utf-8").replace('<div class="article">', '<div class="article">' + block, 1)
    doc = process_bytes(page.encode("utf-8"), "page.html")
    plain = process_bytes(("首页 > 政务公开 > 政策文件\n" + " ".join(meta) + "\n" + notice).encode("utf-8"), "page.txt")
    assert [(f.name, f.value) for f in doc.fields][:4] == [
        ("index_number", "11341024003000000X/2021-00045"), ("publisher", "祁门县人民政府办公室"),
        ("date", "2021-12-03"), ("doc_number", "祁政办秘〔2021〕45号")]
    assert [(f.name, f.value) for f in doc.fields] == [(f.name, f.value) for f in plain.fields]
    assert facts(doc) == facts(plain)
