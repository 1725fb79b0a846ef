"""Load stage: encodings of .txt notices, HTML pages and .docx files made from the real
notices (tests/makeinputs.py), hostile HTML, Word features, bad input."""
from __future__ import annotations

import codecs
import io
import random
import re
import subprocess
import sys
import zipfile

import pytest

from extractor import readers
from extractor.errors import LoadError, PolicykgError
from extractor.load import decode, load, load_bytes, sniff
from makeinputs import (DECOYS, FURNITURE_BOTTOM, FURNITURE_TOP, nonblank, paragraphs, to_docx,
                        to_html)

from conftest import CITY, COUNTY, EXTRA, ROOT

NOTICES = [COUNTY, CITY, *EXTRA]
IDS = [p.stem for p in NOTICES]


@pytest.fixture(scope="module", params=NOTICES, ids=IDS)
def notice(request) -> str:
    return request.param.read_text(encoding="utf-8")


# --- .txt: every encoding gives back the text as written ------------------------------------

# A Traditional-Chinese rendering of the notices' common characters (enough to make every
# paragraph Traditional; the rest are the same in both scripts).
TRADITIONAL = str.maketrans(
    "县乡镇区门务员单联议会规职责协调发展负财划经济资源构监设计关于领导办国卫健为组织进统筹贯实现将请认执"
    "这个们对与从东书买乱争产亲仅众优传伤价众体余儿党兰关兴养农决况净减创删别刚则剂",
    "縣鄉鎮區門務員單聯議會規職責協調發展負財劃經濟資源構監設計關於領導辦國衛健為組織進統籌貫實現將請認執"
    "這個們對與從東書買亂爭產親僅眾優傳傷價眾體餘兒黨蘭關興養農決況淨減創刪別剛則劑")


def _variants(text: str) -> list[tuple[str, str, bytes]]:
    """(case, expected text, bytes on disk) for one notice."""
    out = [("utf-8", text, text.encode("utf-8")),
           ("utf-8-bom", text, b"\xef\xbb\xbf" + text.encode("utf-8")),
           ("gb18030", text, text.encode("gb18030")),
           ("utf-16", text, text.encode("utf-16")),
           ("crlf-utf-8", text.replace("\n", "\r\n"), text.replace("\n", "\r\n").encode("utf-8")),
           ("crlf-gb18030", text.replace("\n", "\r\n"), text.replace("\n", "\r\n").encode("gb18030"))]
    try:
        out.append(("gbk", text, text.encode("gbk")))
    except UnicodeEncodeError:
        pass  # "•" of a web page is GB18030-only
    full = "\n".join("\u3000\u3000" + ln.lstrip() if ln.strip() else ln for ln in text.split("\n"))
    out.append(("full-width-indent", full, full.encode("gb18030")))
    trad = text.translate(TRADITIONAL)
    out += [("traditional-utf-8", trad, trad.encode("utf-8")),
            ("traditional-gb18030", trad, trad.encode("gb18030"))]
    return out


def test_txt_encodings(notice, tmp_path):
    for case, expected, data in _variants(notice):
        path = tmp_path / f"{case}.txt"
        path.write_bytes(data)
        doc = load(path)
        assert doc.text == expected, case  # CRLF kept: offsets are into the text as read
        assert doc.format == "txt"


def test_traditional_big5_is_not_read_as_gb18030(tmp_path):
    # Every Big5 byte string is also valid GB18030 (as nonsense); the loader must measure.
    text = ("各鄉、鎮人民政府，縣政府有關部門：\n經縣政府同意，現將《祁門縣促進三歲以下嬰幼兒照護服務發展"
            "工作聯席會議制度》印發給你們，請參照執行。\n一、主要職責\n在縣政府領導下，聯席會議統籌協調全縣工作。\n"
            "二、成員單位\n聯席會議辦公室設在縣衛生健康委。\n")
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    doc = load(path)
    assert doc.text == text and doc.encoding == "big5"


BIG5_NOTICE = (("祁政辦秘〔2021〕45號\n\n祁門縣人民政府辦公室關於印發祁門縣促進3歲以下嬰幼兒照護服務發展工作聯席會議制度的通知\n\n"
                "各鄉、鎮人民政府，縣政府有關部門：\n一、主要職責\n在縣政府領導下，聯席會議統籌協調我縣3歲以下嬰幼兒照護服務發展各項工作。\n"
                "二、成員單位\n聯席會議成員單位包含縣衛生健康委、縣教育局、縣公安局等3個單位。\n"))  # the audit's


def test_traditional_characters_are_said(tmp_path):
    """Was: a Big5 notice read, then nothing found in it (no 文号, no jurisdiction, no member)
    and not a word why: the registries are simplified Chinese. Now a note says it, in the
    notice's notes and on stderr; a simplified notice (whose few traditional-only characters
    are names) has none."""
    from extractor import cli

    path = tmp_path / "big5.txt"
    path.write_bytes(BIG5_NOTICE.encode("big5"))
    notes = load(path).notes
    assert [(n.kind, n.start, n.text) for n in notes] == [("traditional-script", 2, "辦")]
    assert notes[0].message == ("written in traditional characters (辦, 號, 門 …): the registries are in simplified "
                                "Chinese, so few facts are read")
    res = subprocess.run([sys.executable, "-m", "extractor", "extract", str(path)], capture_output=True, text=True,
                         cwd=ROOT)
    assert res.returncode == 0
    assert f"policykg: warning: {path}: {notes[0].message}" in res.stderr.splitlines()
    assert cli.NOTES_SHOWN and all(load(p).notes == [] for p in NOTICES)


def _traditional_script_as_before(text: str) -> list:
    """traditional_script as 6802a9d wrote it: each ideograph of the sample told by encoding it."""
    from extractor.load import _IDEOGRAPH, _SCRIPT_SAMPLE, _only_in
    from extractor.model import Note

    first: dict[str, int] = {}
    for m in _IDEOGRAPH.finditer(text, 0, _SCRIPT_SAMPLE):
        first.setdefault(m.group(), m.start())
    traditional = sorted((at, ch) for ch, at in first.items() if _only_in(ch, "cp950", "gb2312"))
    simplified = sum(1 for ch in first if _only_in(ch, "gb2312", "cp950"))
    if len(traditional) < 3 or len(traditional) <= simplified:
        return []
    at, ch = traditional[0]
    shown = ", ".join(c for _, c in traditional[:3])
    return [Note(at, at + 1, kind="traditional-script", text=ch,
                 message=f"written in traditional characters ({shown} …): the registries are in simplified Chinese, "
                         "so few facts are read")]


def _texts_of_every_notice() -> list[str]:
    from conftest import CORPUS

    folders = (CORPUS, ROOT / "tests" / "data" / "extra", ROOT / "tests" / "data" / "audit")
    return [load(p).text for d in folders for p in sorted(d.iterdir()) if p.suffix in (".txt", ".html", ".docx")]


def test_traditional_script_tells_as_each_character_encoded_did():
    """traditional_script tells a character's script once for the process (sets, not two to four
    encodes of each ideograph of each notice: ~2 ms a notice, more than parse), and a notice with
    fewer than three ideographs GB2312 lacks by one encode of it. The notes are those of the
    character-by-character reading, on every notice and on texts made to sit at its edges: two,
    three and four traditional-only characters, as many simplified-only ones, ? in the text,
    characters outside the basic plane, traditional characters past the sample, the same text
    twice (its characters told)."""
    from extractor.load import _SCRIPT_SAMPLE, traditional_script

    trad, simp, both = "辦號門縣聯", "办号门县联", "人政府会议"
    made = [BIG5_NOTICE, BIG5_NOTICE.replace("辦", "办"), "?" * 5 + BIG5_NOTICE, "𠀋𠀋𠀋" + BIG5_NOTICE[:40],
            "a" * (_SCRIPT_SAMPLE - 2) + trad, "a" * (_SCRIPT_SAMPLE - 3) + trad, "喆喆喆" + both, "—— •\xa0" * 9]
    made += [trad[:i] + simp[:j] + both + "??" for i in range(5) for j in range(5)]
    made += ["".join(random.Random(n).choices(trad + simp + both + "?—𠀋a", k=30)) for n in range(300)]
    for text in _texts_of_every_notice() + made + made:
        assert traditional_script(text) == _traditional_script_as_before(text), text[:60]


def test_fold_is_translate():
    """Document.folded is made by str.replace of each folded character the text holds (translate
    looked each character of a notice up in a dict: ~16× as long); the same text, on every notice
    and on a text of every folded character between others."""
    from extractor.model import _FULL, FOLD, fold

    mixed = "".join(a + b for a, b in zip(_FULL, "甲乙丙丁 a1（）\n" * 9)) * 3 + _FULL[::-1]
    for text in _texts_of_every_notice() + [mixed, "", "abc", _FULL]:
        assert fold(text) == text.translate(FOLD)


@pytest.mark.parametrize("controls, head, read", [
    ("\x01" * 8, "", True), ("\x01" * 9, "", False), ("\x03\x08\x0e\x1f\x1b\x07\x02\x10\x11", "", False),
    ("\t\n\r\f\v" * 9, "", True), ("\x01" * 9, "文" * 4096, True), ("\x01" * 9, "文" * 4087, False)])
def test_a_text_with_more_than_8_control_characters_in_its_head_is_binary(controls, head, read):
    """The control characters counted (a regex over the head, no longer a loop of Python over its
    4,096 characters): any below a space but tab, line feed, vertical tab, form feed and carriage
    return, in the first 4,096 characters; more than 8 is binary data."""
    data = (head + controls + "关于印发某某制度的通知。").encode("utf-8")
    if read:
        assert load_bytes(data, "x.txt").text.startswith(head + controls[:1])
    else:
        with pytest.raises(LoadError, match="control characters"):
            load_bytes(data, "x.txt")


def test_folded_text_reads_lone_crs_as_before():
    """Document.folded reads a run of CRs no line feed follows as as many line feeds, and keeps a
    CRLF's (CR CR LF one line end): now only the lone runs are matched (a CRLF text's line ends
    cost no call each), the folded text that of the pattern matching every run of CRs."""
    from extractor.model import FOLD, Document

    def as_before(text: str) -> str:
        return re.sub("\r+(\n?)", lambda m: m.group() if m.group(1) else "\n" * len(m.group()), text.translate(FOLD))

    rnd = random.Random(7)
    texts = ["".join(rnd.choices("\r\r\n甲（", k=rnd.randrange(1, 30))) for _ in range(2000)]
    texts += ["\r", "\r\r", "\r\n", "\r\r\n", "甲\r\r乙\r\n丙\r", "\n\r\n\r"]
    for text in texts + [t.replace("\n", "\r\n") for t in _texts_of_every_notice()]:
        assert Document(text=text).folded == as_before(text), repr(text)


def test_big5_cut_mid_character_is_still_big5():
    # was: GB18030 mojibake (charset-normalizer, asked which, read the cut bytes strictly)
    text = (BIG5_NOTICE * 3).rstrip()  # ends in 。, two bytes: the second cut off
    assert decode(text.encode("big5")[:-1]) == (text[:-1] + "\ufffd", "big5")


def test_gbk_seed_is_not_mistaken_for_big5():
    text = COUNTY.read_text(encoding="utf-8")
    assert decode(text.encode("gbk")) == (text, "gb18030")


@pytest.mark.parametrize("cut", [1000, 1001, 5001])
def test_text_cut_mid_character_still_loads(cut):
    # the extra notices are web excerpts: a byte-level cut leaves half a character
    text = COUNTY.read_text(encoding="utf-8")
    for enc in ("utf-8", "gb18030"):
        data = text.encode(enc)[:cut]
        got, used = decode(data)
        assert used == enc
        assert got.rstrip("\ufffd") == text[:len(got.rstrip("\ufffd"))]
        assert got.count("\ufffd") <= 1


def _with_a_stray_byte(encoding: str) -> tuple[bytes, int]:
    """The county seed in `encoding` with one byte 0xff put between two characters mid-file,
    and where it is (the audit's file)."""
    text = COUNTY.read_text(encoding="utf-8")
    at = len(text[:1500].encode(encoding))
    data = text.encode(encoding)
    return data[:at] + b"\xff" + data[at:], at


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_a_stray_byte_mid_file_is_an_error_naming_where(encoding, tmp_path):
    """Was: read silently, the byte a U+FFFD in the text (or, in GB18030, the characters
    around it mojibake), exit 0 — though undecodable bytes end in an error line. A cut at the
    end is another matter (below): the text before it is all there."""
    data, at = _with_a_stray_byte(encoding)
    path = tmp_path / "notice.txt"
    path.write_bytes(data)
    with pytest.raises(LoadError) as err:
        load(path)
    assert str(err.value) == f"{path}: undecodable byte 0xff at byte {at} (tried utf-8, gb18030)"


def test_latin1_text_is_undecodable_not_gb18030_mojibake():
    # was: read as GB18030 with two U+FFFD: "Caf\ufffdnotice d閖\ufffdvu"
    with pytest.raises(LoadError, match=r"^undecodable byte 0xe9 at byte 3 \(tried utf-8, gb18030\)$"):
        decode("Café notice déjà vu\n".encode("latin-1"))


def test_a_broken_character_after_a_bom_is_an_error_naming_where():
    text = "一、县卫健委负责。\n" * 20
    data = codecs.BOM_UTF8 + text.encode("utf-8")
    at = 3 + len("一、县卫健委负责。\n".encode("utf-8"))  # the second line
    with pytest.raises(LoadError, match=rf"^undecodable byte 0xff at byte {at} \(after a UTF-8 BOM\)$"):
        decode(data[:at] + b"\xff" + data[at:])


# --- HTML made from each notice ----------------------------------------------------------


def _furnished(text: str) -> list[list[str]]:
    runs = paragraphs(text)
    runs[0] = FURNITURE_TOP + runs[0]
    runs[-1] = runs[-1] + FURNITURE_BOTTOM
    return runs


HTML_CASES = [  # (case, encoding the bytes are in, charset the page declares)
    ("utf-8", "utf-8", "utf-8"),
    ("gb18030-declared-gb2312", "gb18030", "gb2312"),
    ("utf-8-declared-gb2312", "utf-8", "gb2312"),  # a stale declaration after re-saving
    ("gb18030-declared-utf-8", "gb18030", "utf-8"),
    ("gb18030-undeclared", "gb18030", "x-unknown"),
    # a template's Western default over GBK bytes (was gibberish: "not a notice (no Chinese text)")
    ("gb18030-declared-iso-8859-1", "gb18030", "iso-8859-1"),
    ("gb18030-declared-windows-1252", "gb18030", "windows-1252"),
]


@pytest.mark.parametrize("case,encoding,declared", HTML_CASES, ids=[c[0] for c in HTML_CASES])
def test_html_round_trip(notice, case, encoding, declared):
    data = to_html(notice, encoding=encoding, declare=declared)
    doc = load_bytes(data, "notice.html")
    assert doc.format == "html"
    assert nonblank(doc.text) == nonblank(notice)
    assert paragraphs(doc.text) == paragraphs(notice)  # blank lines the parser relies on
    for decoy in DECOYS:
        assert decoy not in doc.text


@pytest.mark.parametrize("encoding,declared", [("big5", "iso-8859-1"), ("big5", "windows-1252"),
                                               ("gb18030", "iso-8859-1")])
def test_html_declaring_a_charset_that_reads_no_chinese_is_read_as_chinese(encoding, declared):
    # a Big5 page under a template's Western charset read as gibberish: "not a notice (no Chinese text)"
    text = "關於做好嬰幼兒照護服務工作的通知" if encoding == "big5" else "关于做好婴幼儿照护服务工作的通知"
    body = "一、加強組織領導。縣衛生健康委負責。" if encoding == "big5" else "一、加强组织领导。县卫生健康委负责。"
    page = (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={declared}'>"
            f"<title>{text}</title></head><body><p>{text}</p><p>{body}</p></body></html>")
    doc = load_bytes(page.encode(encoding), "notice.html")
    assert nonblank(doc.text) == [text, body]
    read_as = "big5" if encoding == "big5" else "gb18030"
    said = [n.message for n in doc.notes if n.kind == "charset-not-followed"]
    assert said == [f"the page declares charset {codecs.lookup(declared).name}, which reads no Chinese; read as {read_as}"]
    assert any(n.kind == "traditional-script" for n in doc.notes) == (encoding == "big5")


def test_html_western_page_keeps_its_western_charset():
    # é followed by a letter is a GBK pair: a French page is not read as Chinese for it
    page = "<html><head><meta charset='iso-8859-1'></head><body><p>Résumé: café crème, déjà vu, élève</p></body></html>"
    doc = load_bytes(page.encode("latin-1"), "page.html")
    assert doc.text.strip() == "Résumé: café crème, déjà vu, élève" and doc.encoding == "iso8859-1" and not doc.notes


def test_html_round_trip_with_visible_furniture(notice, tmp_path):
    path = tmp_path / "page.shtml"
    path.write_bytes(to_html(notice, furniture=True))
    doc = load(path)
    assert paragraphs(doc.text) == _furnished(notice)


def test_html_numbered_lines_and_cells_keep_their_shape():
    text = COUNTY.read_text(encoding="utf-8")
    got = load_bytes(to_html(text), "p.html").text.splitlines()
    assert "一、主要职责" in got
    assert any(ln.startswith("（一）县卫生健康委。承担联席会议办公室职能") for ln in got)
    assert any(ln.startswith("(四）综合督查制度。") for ln in got)
    assert got[got.index("\t序号"):got.index("\t序号") + 6] == ["\t序号", "\t成员单位", "\t分管负责人",
                                                               "\t业务联络人", "", "\t1"]
    assert "\t张  丹" in got  # &nbsp;&nbsp; is two spaces, not collapsed


def test_html_metadata_table_becomes_key_value_lines():
    text = CITY.read_text(encoding="utf-8")
    lines = load_bytes(to_html(text), "p.html").text.splitlines()
    assert lines[1:4] == ["索 引 号 011746318/2021-00972 主题分类 人口与计划生育、妇女儿童工作",
                          "发布机构 巴彦淖尔市人民政府办公室 文  号 巴政办发〔2021〕20号",
                          "成文日期 2021-12-13 公文时效"]


# --- hostile and unusual HTML ---------------------------------------------------------------

HOSTILE = [
    ("script in the heading",
     "<h1>关于印发<script>document.write('<p>一、假</p>')</script>方案的通知</h1>", ["关于印发方案的通知"]),
    ("script in the title",
     "<html><head><title>通知<script>alert(1)</script></title></head><body><p>一、正文</p></body></html>",
     ["一、正文"]),
    ("end-script tag in text", "<p>一、文中出现&lt;/script&gt;标记</p><p>二、下一条</p>",
     ["一、文中出现</script>标记", "二、下一条"]),
    ("stray end-script tag", "<p>一、甲</script>乙</p>", ["一、甲乙"]),
    ("entities", "<p>（一）A&amp;B &lt;C&gt; &#x4E00;&#19968; &ldquo;引&rdquo;&nbsp;&nbsp;止</p>",
     ["（一）A&B <C> 一一 “引”  止"]),
    ("br inside a paragraph", "<p>一、第一段<br>二、第二段<br/>三、第三段</p>", ["一、第一段", "二、第二段", "三、第三段"]),
    ("double br is a blank line", "<div>一、甲<br><br>二、乙</div>", ["一、甲", "", "二、乙"]),
    ("source line break between Chinese", "<p><span>（一）</span><span>县卫生\n    健康委。负责</span></p>",
     ["（一）县卫生健康委。负责"]),
    ("source line break between Latin", "<p>see\n   www.gov.cn\tnow</p>", ["see www.gov.cn now"]),
    ("hidden elements",
     '<p>一、见</p><p hidden>二、藏</p><div style="DISPLAY : NONE">三、藏</div>'
     '<span style="visibility:hidden">四、藏</span><p>五、见</p>', ["一、见", "五、见"]),
    ("comments", "<p>一、甲<!-- 二、注释 -->乙</p><!--[if IE]><p>三、IE</p><![endif]--><p>四、丁</p>",
     ["一、甲乙", "四、丁"]),
    ("form controls and frames",
     "<select><option>网站导航</option></select><iframe src=x>框</iframe><p>一、正文</p><button>打印</button>",
     ["一、正文"]),
    ("unclosed tags", "<p>一、<b>未闭合<p>二、下一段<div>三、再一段", ["一、未闭合", "二、下一段", "三、再一段"]),
    ("preformatted text", "<pre>一、甲  乙\n二、丙\n\n三、丁</pre>", ["一、甲  乙", "二、丙", "", "三、丁"]),
    ("zero-width and soft hyphen", "<p>一、甲\u200b乙\u00ad丙\ufeff</p>", ["一、甲乙丙"]),
    ("empty paragraph spacing", "<p>标题</p><p>&nbsp;</p><p>　</p><p></p><p>一、正文</p>", ["标题", "", "一、正文"]),
    ("empty layout divs are not blank lines", '<p>甲</p><div class="clear"></div>\n<div>\n</div><p>乙</p>',
     ["甲", "乙"]),
    ("Word-exported HTML",
     "<p class=MsoListParagraph><![if !supportLists]><span lang=EN-US>1.<span style='font:7.0pt'>&nbsp;&nbsp; "
     "</span></span><![endif]><span>全面落实<o:p></o:p></span></p><p class=MsoNormal><span>（一）县卫生健康委。"
     "<o:p>&nbsp;</o:p></span></p><!--[if gte mso 9]><xml><w:WordDocument>三、属性</w:WordDocument></xml><![endif]-->",
     ["1.   全面落实", "（一）县卫生健康委。"]),
    ("list items", "<ul><li>索引号：123</li><li>文号：祁政办秘〔2021〕45号</li></ul>",
     ["索引号：123", "文号：祁政办秘〔2021〕45号"]),
    # the pinyin of a ruby is no text of the notice (was 祁qí门mén县)
    ("ruby", "<p><ruby>祁<rp>(</rp><rt>qí</rt><rp>)</rp>门<rt>mén</rt></ruby>县人民政府</p>", ["祁门县人民政府"]),
    # a frameset page's own page: its markup, held as text, read as markup (was the raw tags),
    # a <noframes> in it too, as a browser without frames shows it (was dropped)
    ("noframes", '<html><frameset><frame src="a.html"></frameset><noframes><body><p>祁政办秘〔2021〕45号</p>'
     "<p>一、总则</p><noframes><p>框</p></noframes></body></noframes></html>", ["祁政办秘〔2021〕45号", "一、总则", "框"]),
    # a page wrapped in two <noframes> held all its text in the inner one (was: not a notice)
    ("nested noframes", "<html><frameset><frame src=a></frameset><noframes><noframes><p>一、总则</p><p>二、职责</p>"
     "</noframes>尾</noframes></html>", ["一、总则", "二、职责", "尾"]),
    # markup in a <noframes> nested deeper than libxml2 reads (was: no text), flattened as a page's
    ("deep noframes", "<html><body><noframes>" + "<div>" * 3000 + "<p>一、深处的条款</p>" + "</div>" * 3000
     + "</noframes></body></html>", ["一、深处的条款"]),
]


@pytest.mark.parametrize("markup,expected", [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_html(markup, expected):
    assert readers.html_to_text(markup).splitlines() == expected


TABLES = [
    ("data table", "<table><tr><th>序号</th><th>成员单位</th></tr><tr><td>1</td><td>卫生健康委</td></tr></table>",
     ["\t序号", "\t成员单位", "", "\t1", "\t卫生健康委"]),
    ("cell paragraphs become one line",
     "<table><tr><td><p>单位</p></td><td><p>联络人</p></td></tr>"
     "<tr><td><p>县委</p><p>编办</p></td><td>王卫东<br>郑少维</td></tr></table>",
     ["\t单位", "\t联络人", "", "\t县委 编办", "\t王卫东 郑少维"]),
    ("merged cells written once, then 〃 in the rows below them and — in the columns beside",
     '<table><tr><td colspan="2">成员单位</td><td>人员</td></tr>'
     '<tr><td rowspan="2">县</td><td>卫健委</td><td>甲</td></tr><tr><td>教育局</td><td>乙</td></tr></table>',
     ["\t成员单位", "\t—", "\t人员", "", "\t县", "\t卫健委", "\t甲", "", "\t〃", "\t教育局", "\t乙"]),
    ("rowspan in the last column, capped at the table's rows, and wide",
     '<table><tr><td>甲</td><td>乙</td><td rowspan="3">丙</td></tr><tr><td>丁</td><td>戊</td></tr>'
     '<tr><td rowspan="99" colspan="2">己</td></tr><tr><td>庚</td></tr></table>',
     ["\t甲", "\t乙", "\t丙", "", "\t丁", "\t戊", "\t〃", "", "\t己", "\t—", "\t〃", "", "\t〃", "\t—", "\t庚"]),
    ("a colspan past the table's columns", '<table><tr><td colspan="1000">名单</td><td>注</td></tr>'
     '<tr><td>甲</td><td>乙</td></tr></table>', ["\t名单", "\t—", "\t注", "", "\t甲", "\t乙"]),
    ("rowspan=0 reaches the end of its row group, a rowspan stops there (HTML's table model)",
     '<table><thead><tr><td rowspan="9">甲</td><td>乙</td></tr><tr><td>丙</td></tr></thead>'
     '<tbody><tr><td>丁</td><td>戊</td></tr><tr><td rowspan="0">己</td><td>庚</td></tr><tr><td>辛</td></tr></tbody></table>',
     ["\t甲", "\t乙", "", "\t〃", "\t丙", "", "\t丁", "\t戊", "", "\t己", "\t庚", "", "\t〃", "\t辛"]),
    ("a row of no cell of its own (all carried from above) is left out",
     '<table><tr><td rowspan="3">甲</td><td rowspan="3">乙</td></tr><tr></tr><tr></tr>'
     '<tr><td>丙</td><td>丁</td></tr></table>', ["\t甲", "\t乙", "", "\t丙", "\t丁"]),
    ("junk spans read as 1", '<table><tr><td rowspan="x">甲</td><td rowspan="-3">乙</td></tr>'
     '<tr><td>丙</td><td>丁</td></tr></table>', ["\t甲", "\t乙", "", "\t丙", "\t丁"]),
    ("empty cells: — before a cell of their row, left out at its end",
     "<table><tr><td>序号</td><td></td><td>&nbsp;</td><td>备注</td></tr>"
     "<tr><td>1</td><td>甲</td><td></td><td></td></tr><tr><td></td><td></td></tr></table>",
     ["\t序号", "\t—", "\t—", "\t备注", "", "\t1", "\t甲"]),
    ("adjacent tables keep their rows apart",
     "<table><tr><td>甲</td><td>乙</td></tr></table><table><tr><td>丙</td><td>丁</td></tr></table>",
     ["\t甲", "\t乙", "", "\t丙", "\t丁"]),
    ("metadata table", "<table><tr><td>索引号：</td><td>0117/2021-00972</td><td>主题分类：</td><td>卫生</td></tr>"
     "<tr><td>发文机关：</td><td>县政府办</td><td>成文日期：</td><td>2021年12月3日</td></tr></table>",
     ["索引号： 0117/2021-00972 主题分类： 卫生", "发文机关： 县政府办 成文日期： 2021年12月3日"]),
    ("layout table around the body (nested)",
     "<table><tr><td>栏目</td><td><table><tr><td><p>一、主要职责</p><p>（一）县卫生健康委。负责。</p></td></tr></table>"
     "<table><tr><td>序号</td><td>单位</td></tr><tr><td>1</td><td>民政局</td></tr></table></td></tr></table>",
     ["栏目", "一、主要职责", "（一）县卫生健康委。负责。", "\t序号", "\t单位", "", "\t1", "\t民政局"]),
    ("one-column table is layout", "<table><tr><td>一、主要职责</td></tr><tr><td>二、成员单位</td></tr></table>",
     ["一、主要职责", "二、成员单位"]),
    ("long br-separated cell is layout",
     "<table><tr><td>导航</td><td>" + "<br>".join(f"{n}、" + "婴幼儿照护服务" * 12 for n in "一二三") + "</td></tr></table>",
     ["导航"] + [f"{n}、" + "婴幼儿照护服务" * 12 for n in "一二三"]),
]


@pytest.mark.parametrize("markup,expected", [c[1:] for c in TABLES], ids=[c[0] for c in TABLES])
def test_html_tables(markup, expected):
    assert readers.html_to_text(markup).splitlines() == expected


def test_merged_cells_over_empty_rows_do_not_multiply():
    # fuzzing: 13 KB of 500 cells of rowspan=500 over 500 empty <tr>s read as 750,499
    # characters (250,000 〃), and the pipeline took seconds
    page = "<table><tr>" + "<td rowspan=500>甲</td>" * 500 + "</tr>" + "<tr>" * 500 + "</table>"
    assert readers.html_to_text(page).splitlines() == ["\t甲"] * 500


def test_deeply_nested_page_loses_no_text():
    # libxml2 stops at depth 2048 and drops the rest silently; the reader must notice
    markup = "<div>" * 20000 + "<p>一、深处的条款</p>" + "</div>" * 20000
    assert readers.html_to_text(markup).split() == ["一、深处的条款"]
    soup = "<html><body>" + "".join(f"<div><span>（{n}）段落<br>" for n in range(1, 3001))
    assert nonblank(readers.html_to_text(soup)) == [f"（{n}）段落" for n in range(1, 3001)]
    with pytest.raises(LoadError, match="deep"):
        readers.html_to_text("<table><tr><td>" * 3000 + "x")


def test_xhtml_with_xml_declaration_in_gbk(tmp_path):
    body = "<p>一、主要职责</p><p>（一）县卫生健康委。汪曌哲</p>"  # 曌: GBK, not GB2312
    page = ('<?xml version="1.0" encoding="gb2312"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>')
    path = tmp_path / "page.xhtml"
    path.write_bytes(page.encode("gbk"))
    doc = load(path)
    assert doc.text.splitlines() == ["一、主要职责", "（一）县卫生健康委。汪曌哲"]
    assert doc.encoding == "gb18030"


def test_declared_charset():
    assert readers.declared_charset(b'<meta charset="GB2312">') == "gb18030"
    assert readers.declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=gbk'>") == "gb18030"
    assert readers.declared_charset(b'<meta charset="big5">') == "cp950"
    assert readers.declared_charset(b'<meta charset="no-such-charset">') is None
    for codec in ("hex", "rot13", "base64", "zlib", "undefined"):  # Python codecs, but no text encodings
        assert readers.declared_charset(f'<meta charset="{codec}">'.encode()) is None


def test_page_declaring_a_codec_that_is_no_charset_is_sniffed():
    page = '<html><head><meta charset="hex"></head><body><p>一、县卫健委负责。</p></body></html>'
    assert load_bytes(page.encode("gbk"), "page.html").text == "一、县卫健委负责。\n"
    assert readers.declared_charset(b"<p>no declaration</p>") is None


def test_utf16_page():
    text = COUNTY.read_text(encoding="utf-8")
    html = to_html(text).decode("utf-8").replace("charset=utf-8", "charset=utf-16")
    doc = load_bytes(html.encode("utf-16"), "page.htm")
    assert doc.format == "html" and nonblank(doc.text) == nonblank(text)


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom(order, tmp_path):
    """Was: `binary data (NUL bytes)`, though the README reads UTF-16 with or without a BOM.
    The NULs of a BOM-less UTF-16 file lie at every other byte and the text they give reads
    as Chinese; cut mid-character it is one U+FFFD at the end, as with a BOM."""
    text = COUNTY.read_text(encoding="utf-8")
    path = tmp_path / "notice.txt"
    path.write_bytes(text.encode(order))
    doc = load(path)
    assert (doc.text, doc.encoding, doc.format) == (text, order, "txt")
    assert decode(text.encode(order)[:5001]) == (text[:2500] + "\ufffd", order)
    page = to_html(text).decode("utf-8").replace("charset=utf-8", "charset=utf-16").encode(order)
    doc = load_bytes(page, "page.html")
    assert doc.format == "html" and nonblank(doc.text) == nonblank(text)
    assert sniff(page) == "html"


def test_nul_bytes_that_are_no_utf16_are_still_binary():
    with pytest.raises(LoadError, match="binary data"):
        decode(b"abc\x00def\x00" * 100)  # NULs at both parities
    with pytest.raises(LoadError, match="binary data"):
        decode(bytes(range(256)) * 16)  # NULs at even bytes only, but no text


# --- .docx made from each notice -------------------------------------------------------------


def test_docx_round_trip(notice, tmp_path):
    path = tmp_path / "notice.docx"
    path.write_bytes(to_docx(notice))
    doc = load(path)
    assert doc.format == "docx"
    assert nonblank(doc.text) == nonblank(notice)
    assert paragraphs(doc.text) == paragraphs(notice)
    assert "页眉不属于正文" not in doc.text  # the page header is not the body


def _docx(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _read(build) -> list[str]:
    return readers.read_docx(_docx(build))[0].splitlines()


def test_docx_paragraphs_and_tables_in_document_order():
    def build(d):
        d.add_paragraph("附件：")
        t = d.add_table(rows=2, cols=2)
        for (r, c), s in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["序号", "成员单位", "1", "卫生健康委"]):
            t.cell(r, c).text = s
        d.add_paragraph("抄送：县委办公室。")

    assert _read(build) == ["附件：", "\t序号", "\t成员单位", "", "\t1", "\t卫生健康委", "抄送：县委办公室。"]


def test_docx_merged_cells_are_written_once_then_ditto():
    def build(d):
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(0, 1)).text = "成员单位"  # horizontal merge
        t.cell(0, 2).text = "人员"
        t.cell(1, 0).merge(t.cell(2, 0)).text = "县"  # vertical merge
        t.cell(1, 1).text, t.cell(1, 2).text = "卫健委", "甲"
        t.cell(2, 1).text, t.cell(2, 2).text = "教育局", "乙"

    lines = _read(build)
    assert lines == ["\t成员单位", "\t—", "\t人员", "", "\t县", "\t卫健委", "\t甲", "", "\t〃", "\t教育局", "\t乙"]


def test_docx_one_column_and_nested_tables_are_layout():
    def build(d):
        box = d.add_table(rows=2, cols=1)  # 版记 in a ruled box
        box.cell(0, 0).text = "抄送：县委办公室，县人大常委会办公室。"
        box.cell(1, 0).text = "祁门县人民政府办公室 2021年12月3日印发"
        frame = d.add_table(rows=1, cols=2)
        frame.cell(0, 0).text = "一、主要职责"
        inner = frame.cell(0, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "甲", "乙"

    # the frame's own cells are lines; the data table inside it keeps the cell convention
    assert nonblank("\n".join(_read(build))) == [
        "抄送：县委办公室，县人大常委会办公室。", "祁门县人民政府办公室 2021年12月3日印发", "一、主要职责", "甲", "乙"]
    assert [ln for ln in _read(build) if ln.startswith("\t")] == ["\t甲", "\t乙"]


def test_docx_breaks_tabs_and_empty_paragraphs():
    from docx.enum.text import WD_BREAK

    def build(d):
        p = d.add_paragraph("祁门县人民政府办公室关于印发")
        p.add_run().add_break(WD_BREAK.LINE)
        p.add_run("联席会议制度的通知")
        d.add_paragraph()
        d.add_paragraph("\t一、主要职责\t（缩进用制表符）")

    assert _read(build) == ["祁门县人民政府办公室关于印发", "联席会议制度的通知", "", "一、主要职责 （缩进用制表符）"]


def _inject(d, xml: str) -> None:
    from docx.oxml import parse_xml

    d.element.body.insert(len(d.element.body) - 1, parse_xml(xml))


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_docx_tracked_changes_fields_hyperlinks_and_text_boxes():
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'

    def build(d):
        _inject(d, f'<w:p {W_NS}><w:r><w:t>一、</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>'
                   '<w:ins><w:r><w:t>主要</w:t></w:r></w:ins><w:r><w:t>职责</w:t></w:r></w:p>')
        _inject(d, f'<w:p {W_NS}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>第3页</w:t></w:r>'
                   '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                   '<w:hyperlink><w:r><w:t>（链接）</w:t></w:r></w:hyperlink></w:p>')
        _inject(d, f'<w:p {W_NS} {mc}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
                   '<w:p><w:r><w:t>文本框中的发文字号</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
                   '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框中的发文字号</w:t></w:r></w:p>'
                   '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>')

    assert _read(build) == ["一、主要职责", "第3页（链接）", "文本框中的发文字号", "正文"]


def _numbering(d, levels: list[tuple[str, str]]) -> None:
    """Add a multi-level list (format, level text) to the document's numbering part, numId 77."""
    from docx.oxml import parse_xml

    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
                   for i, (fmt, text) in enumerate(levels))
    root = d.part.numbering_part.element
    root.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="77">{lvls}</w:abstractNum>'))
    root.append(parse_xml(f'<w:num {W_NS} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))


def test_docx_automatic_numbering_is_rendered():
    def build(d):
        _numbering(d, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
                       ("decimalEnclosedCircle", "%4")])
        for level, text in [(0, "主要职责"), (1, "县卫生健康委。"), (2, "全面落实。"), (2, "加强督查。"),
                            (3, "其一"), (1, "县委编办。"), (0, "成员单位"), (1, "县发展改革委。")]:
            _inject(d, f'<w:p {W_NS}><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr></w:pPr>'
                       f'<w:r><w:t>{text}</w:t></w:r></w:p>')

    assert _read(build) == ["一、主要职责", "（一）县卫生健康委。", "1.全面落实。", "2.加强督查。", "①其一",
                            "（二）县委编办。", "二、成员单位", "（一）县发展改革委。"]


def test_docx_numbering_values_that_are_no_numbers_read_as_absent():
    """w:ilvl="x" or w:start="y" (was: ValueError from int()) count as the default, 0 and 1."""
    from docx.oxml import parse_xml

    def build(d):
        _numbering(d, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
        root = d.part.numbering_part.element
        root.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="78"><w:lvl w:ilvl="x"><w:start w:val="y"/>'
                                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
        root.append(parse_xml(f'<w:num {W_NS} w:numId="78"><w:abstractNumId w:val="78"/></w:num>'))
        for num, level, text in [(77, "0", "主要职责"), (77, "x", "成员单位"), (77, "1", "县卫生健康委。"),
                                 (78, "0", "其一")]:
            _inject(d, f'<w:p {W_NS}><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
                       f'<w:r><w:t>{text}</w:t></w:r></w:p>')

    assert _read(build) == ["一、主要职责", "二、成员单位", "（一）县卫生健康委。", "1.其一"]


def test_docx_numbering_as_word_counts_it():
    """Word's counting, rebuilt wrongly before: a list restarting at 5 (w:startOverride) read
    一、第五条; a second list (numId) of the same abstract list restarted its count, where
    Word continues it; a paragraph of a numbered style giving only its level (w:ilvl) lost
    its （一）; a style numbered through the style it is based on (w:basedOn) was not;
    numId 0 takes a style's numbering away."""
    from docx.oxml import parse_xml

    def build(d):
        _numbering(d, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
        root = d.part.numbering_part.element
        root.append(parse_xml(f'<w:num {W_NS} w:numId="79"><w:abstractNumId w:val="77"/></w:num>'))  # shares 77's
        root.append(parse_xml(f'<w:num {W_NS} w:numId="80"><w:abstractNumId w:val="77"/><w:lvlOverride w:ilvl="0">'
                              '<w:startOverride w:val="5"/></w:lvlOverride></w:num>'))
        styles = d.styles.element
        styles.append(parse_xml(f'<w:style {W_NS} w:type="paragraph" w:styleId="H1"><w:name w:val="h1"/>'
                                '<w:pPr><w:numPr><w:numId w:val="77"/></w:numPr></w:pPr></w:style>'))
        styles.append(parse_xml(f'<w:style {W_NS} w:type="paragraph" w:styleId="H1b"><w:name w:val="h1b"/>'
                                '<w:basedOn w:val="H1"/></w:style>'))

        def para(text, num=None, level=None, style=None):
            numpr = "".join(f'<w:{k} w:val="{v}"/>' for k, v in (("ilvl", level), ("numId", num)) if v is not None)
            ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + (f"<w:numPr>{numpr}</w:numPr>" if numpr else "")
            _inject(d, f'<w:p {W_NS}><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>')

        para("主要职责", style="H1")
        para("县卫生健康委。", level=1, style="H1")
        para("成员单位", num=79, level=0)
        para("工作规则", style="H1b")
        para("不编号", num=0, style="H1")
        para("第五条", num=80, level=0)

    assert _read(build) == ["一、主要职责", "（一）县卫生健康委。", "二、成员单位", "三、工作规则", "不编号", "五、第五条"]


def test_docx_list_level_beyond_word_s_nine_has_no_label():
    """Word's levels are 0–8: a paragraph at w:ilvl="20" of a list defining level 20 gave
    KeyError: 8 (its level was clamped to 8 after the check that it was defined)."""
    from docx.oxml import parse_xml

    def build(d):
        _numbering(d, [("chineseCounting", "%1、")])
        d.part.numbering_part.element[0].append(parse_xml(
            f'<w:lvl {W_NS} w:ilvl="20"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'))
        for level, text in [(0, "主要职责"), (20, "深处"), (0, "成员单位")]:
            _inject(d, f'<w:p {W_NS}><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr></w:pPr>'
                       f'<w:r><w:t>{text}</w:t></w:r></w:p>')

    assert _read(build) == ["一、主要职责", "深处", "二、成员单位"]


@pytest.mark.parametrize("code,expected", [
    ("D800", "\ufffd"), ("0000", "\ufffd"), ("FFFE", "\ufffd"), ("001F", "\ufffd"), ("000A", "\ufffd"),
    ("0085", "\ufffd"), ("2028", "\ufffd"), ("2605", "★"), ("F0B7", "")])
def test_docx_symbol_that_is_no_character_of_text_is_a_replacement_character(code, expected):
    """w:sym's w:char was copied unchecked: D800 (a lone surrogate) crashed writing the text
    (exit 70), 0000 put a NUL in it past the NUL refusal, FFFE passed. A symbol that is no
    character of text is one U+FFFD in its place; a symbol font's own glyph (F0xx: bullets,
    boxes, private to the font) is still left out."""
    def build(d):
        _inject(d, f'<w:p {W_NS}><w:r><w:t>一、主要</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="{code}"/></w:r>'
                   '<w:r><w:t>职责</w:t></w:r></w:p>')

    assert _read(build) == [f"一、主要{expected}职责"]


def test_docx_long_basedon_chain_is_resolved_once_per_style(monkeypatch):
    """Each style's numbering was found by walking its whole w:basedOn chain: 6,000 styles in
    one chain took 116 s. Each style's is now resolved once, from its base's: the level of
    the chain's root is read once, not once per style below it."""
    from docx.oxml import parse_xml

    n = 300

    def build(d):
        _numbering(d, [("chineseCounting", "%1、")])
        styles = d.styles.element
        styles.append(parse_xml(f'<w:style {W_NS} w:type="paragraph" w:styleId="S{n}">'
                                '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr></w:pPr></w:style>'))
        for i in range(n):
            styles.append(parse_xml(f'<w:style {W_NS} w:type="paragraph" w:styleId="S{i}"><w:basedOn w:val="S{i + 1}"/></w:style>'))
        for text in ("主要职责", "成员单位"):
            _inject(d, f'<w:p {W_NS}><w:pPr><w:pStyle w:val="S0"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>')

    data = _docx(build)
    calls = []
    number = readers._number
    monkeypatch.setattr(readers, "_number", lambda *a: calls.append(a) or number(*a))
    assert readers.read_docx(data)[0].splitlines() == ["一、主要职责", "二、成员单位"]
    assert len([c for c in calls if c[0] == "0"]) < 50  # the root's w:ilvl once, the list's own (was: once per style, 311)


def test_a_link_to_no_file_says_which(tmp_path):
    """`policykg parse loop.txt`, a link to itself, said "no such file": it is there."""
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(LoadError, match=r"loop.txt: a symbolic link in a loop \(it leads back to itself\)$"):
        load(tmp_path / "loop.txt")
    with pytest.raises(LoadError, match=r"dangling.txt: a broken symbolic link \(to .*gone.txt, which does not exist\)$"):
        load(tmp_path / "dangling.txt")
    with pytest.raises(LoadError, match=r"absent.txt: no such file$"):
        load(tmp_path / "absent.txt")


def test_docx_without_a_body_has_no_text():
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    data = _zip({n: (f"<w:document {W_NS}/>".encode() if n == "word/document.xml" else src.read(n))
                 for n in src.namelist()})
    with pytest.raises(LoadError, match="no text in file"):  # was: TypeError, None is not iterable
        load_bytes(data, "nobody.docx")


@pytest.mark.parametrize("n,fmt,expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCountingThousand", "十二"),
    (20, "chineseCounting", "二十"), (105, "chineseCounting", "一百零五"), (3, "decimalEnclosedCircle", "③"),
    (3, "ideographTraditional", "丙"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (7, "decimal", "7"),
    (5, "decimalFullWidth", "５"), (2, "somethingNew", "2"), (3999, "upperRoman", "MMMCMXCIX"),
    (780, "lowerLetter", "z" * 30)])
def test_word_number_formats(n, fmt, expected):
    assert readers.format_number(n, fmt) == expected


@pytest.mark.parametrize("fmt", ["upperRoman", "lowerLetter"])
def test_a_huge_list_start_is_written_in_decimal(fmt):
    """<w:start w:val="1000000000000000000"/> hung the roman loop, or built a string of 10¹⁶ letters."""
    assert readers.format_number(10 ** 18, fmt) == str(10 ** 18)


# --- bad input: one line, never a traceback ---------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _docx_bytes() -> bytes:
    return to_docx("一、主要职责\n联席会议统筹协调。\n")


BAD = [
    ("empty", b"", "empty"),
    ("whitespace", b" \r\n\t\n  \xe3\x80\x80\n", "empty|no text"),
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
    ("jpeg", b"\xff\xd8\xff\xe0" + bytes(100), "JPEG"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("old word", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), r"\.doc"),
    ("zip", _zip({"readme.txt": b"hello"}), "zip archive"),
    ("random bytes", random.Random(7).randbytes(8192), "binary|undecodable"),
    ("undecodable", b"abc \x80\xff\xfe\x81 " * 50, "undecodable"),
    ("latin-1 text", "Café résumé naïve ".encode("latin-1") * 20, "undecodable"),
    ("empty html", b"<html><body><script>var a=1;</script>&nbsp;</body></html>", "no text"),
    ("docx without document.xml", _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"}),
     "docx"),
    ("truncated docx", None, "damaged"),
    ("docx with broken xml", None, "damaged|docx"),
]


def _bad_bytes(case: str, data: bytes | None) -> bytes:
    if case == "truncated docx":
        full = _docx_bytes()
        return full[: len(full) // 2]
    if case == "docx with broken xml":
        src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
        return _zip({n: (b"<w:document><w:body><w:p>" if n == "word/document.xml" else src.read(n))
                     for n in src.namelist()})
    return data


@pytest.mark.parametrize("case,data,message", BAD, ids=[c[0] for c in BAD])
def test_bad_input_is_one_line(case, data, message, tmp_path):
    path = tmp_path / ("input.docx" if "docx" in case else "input.txt")
    path.write_bytes(_bad_bytes(case, data))
    with pytest.raises(LoadError) as err:
        load(path)
    assert "\n" not in str(err.value)
    assert re.search(message, str(err.value)), str(err.value)
    assert isinstance(err.value, PolicykgError) and str(path) in str(err.value)


def _docx_with(parts: dict[str, bytes | None]) -> bytes:
    """A real .docx with `parts` replaced (None: left out)."""
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    whole = {n: src.read(n) for n in src.namelist()}
    return _zip({n: b for n, b in {**whole, **parts}.items() if b is not None})


NOT_WORD = "a damaged .docx: its parts are not laid out as a Word document (open it in Word and save it again)"


def _zip_headers_changed(flags: int = 0, method: int | None = None, flip: str | None = None,
                         misnamed: str | None = None) -> bytes:
    """A real .docx with `flags` set in each of its zip headers (1: encrypted), its parts'
    compression `method` changed, a byte of part `flip`'s compressed data inverted, or part
    `misnamed`'s local header flagged UTF-8 (0x800) over a name that is no UTF-8."""
    import struct

    b = bytearray(_docx_bytes())
    for sig, flag_at, method_at in ((b"PK\x01\x02", 8, 10), (b"PK\x03\x04", 6, 8)):
        i = 0
        while (i := b.find(sig, i)) >= 0:
            b[i + flag_at] |= flags
            if method is not None:
                b[i + method_at:i + method_at + 2] = struct.pack("<H", method)
            i += 4
    if flip:
        info = zipfile.ZipFile(io.BytesIO(bytes(b))).getinfo(flip)
        b[info.header_offset + 30 + len(info.filename) + len(info.extra) + 10] ^= 0xFF
    if misnamed:
        at = zipfile.ZipFile(io.BytesIO(bytes(b))).getinfo(misnamed).header_offset
        b[at + 7] |= 0x08  # bit 11 of the flags: the name is UTF-8
        b[at + 30] = 0xFF
    return bytes(b)


DAMAGED_DOCX = [  # what is broken → the error, in a reader's words (was python-docx's and lxml's)
    ("the audit's", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><oops"}),
     "a damaged .docx: its part word/document.xml is not well-formed XML (open it in Word and save it again)"),
    ("content types of no namespace", {"[Content_Types].xml": b"<Types/>"}, NOT_WORD),  # was: 'lxml.etree._Element' object has no attribute 'overrides'
    ("a main part of another kind", {"word/document.xml": b"<foo/>"}, NOT_WORD),  # was: a traceback
    ("broken styles", {"word/styles.xml": b"<w:styles"},
     "a damaged .docx: its part word/styles.xml is not well-formed XML (open it in Word and save it again)"),
    ("package relations gone", {"_rels/.rels": None}, NOT_WORD),  # was: python-docx's "no relationship of type …"
    ("strict open xml", {"_rels/.rels": zipfile.ZipFile(io.BytesIO(_docx_bytes())).read("_rels/.rels").replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")},
     "a .docx in Strict Open XML, not read (save it in Word as an ordinary Word Document)"),
    # parts that cannot be unpacked (were "internal error", exit 70)
    ("corrupt compressed data", _zip_headers_changed(flip="word/document.xml"),
     "a damaged .docx: its part word/document.xml cannot be unpacked (its data is corrupt)"),
    # was: UnicodeDecodeError in zipfile, "internal error", exit 70 (found by fuzzing)
    ("a local header's name no UTF-8", _zip_headers_changed(misnamed="word/document.xml"),
     "a damaged .docx: its part word/document.xml cannot be unpacked (its data is corrupt)"),
    ("encrypted parts", _zip_headers_changed(flags=1), "a .docx whose part _rels/.rels is encrypted, not read"),
    ("an unknown compression method", _zip_headers_changed(method=99),
     "a damaged .docx: its part _rels/.rels is compressed by a method a .docx does not use"),
]


@pytest.mark.parametrize("case,parts,message", DAMAGED_DOCX, ids=[c[0] for c in DAMAGED_DOCX])
def test_a_damaged_docx_says_what_is_wrong_in_plain_words(case, parts, message, tmp_path):
    path = tmp_path / "notice.docx"
    path.write_bytes(parts if isinstance(parts, bytes) else _docx_with(parts))
    with pytest.raises(LoadError) as err:
        load(path)
    assert str(err.value) == f"{path}: {message}"


@pytest.mark.parametrize("parts,gone", [
    ({"word/styles.xml": None}, "word/styles.xml is"),
    ({"word/styles.xml": None, "word/numbering.xml": None}, "word/numbering.xml, word/styles.xml are"),
], ids=["styles", "styles and numbering"])
def test_a_docx_missing_parts_its_text_does_not_need_is_read(parts, gone):
    """A .docx whose styles.xml or numbering.xml is missing was refused ("a damaged .docx"),
    though its text is all there: read, and the parts said missing."""
    doc = load_bytes(_docx_with(parts), "notice.docx")
    assert doc.text.splitlines() == ["一、主要职责", "联席会议统筹协调。"]
    assert [n.said() for n in doc.notes] == [
        f"its part{'s' if ' are' in gone else ''} {gone} missing: read without (list numbers and styles may be lost)"]


def test_a_docx_s_moved_text_once_and_what_it_does_not_read_said():
    """A tracked move kept its source (w:moveFrom) beside its destination (移走移来), and lost
    a whole paragraph moved (neither read). Footnotes
    and a document embedded whole (w:altChunk) were lost without a word: said."""
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = src.read("word/document.xml").decode()
    moved = (f'<w:p><w:moveFrom w:id="1" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom>'
             f'<w:moveTo w:id="2" w:author="a"><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p>'
             f'<w:moveFrom w:id="3" w:author="a"><w:p><w:r><w:t>整段移走</w:t></w:r></w:p></w:moveFrom>'
             f'<w:moveTo w:id="4" w:author="a"><w:p><w:r><w:t>整段移来</w:t></w:r></w:p></w:moveTo>'
             f'<w:altChunk r:id="rIdChunk"/>')
    at = body.index("<w:sectPr")
    notes = (f'<w:footnotes xmlns:w="{w}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>注：以上为试行。</w:t></w:r></w:p></w:footnote>'
             f'<w:footnote w:id="2"><w:p><w:r><w:t>注二。</w:t></w:r></w:p></w:footnote></w:footnotes>')
    rels = src.read("word/_rels/document.xml.rels").decode().replace(
        "</Relationships>", '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    types = src.read("[Content_Types].xml").decode().replace(
        "</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    data = _docx_with({"word/document.xml": (body[:at] + moved + body[at:]).encode(),
                       "word/footnotes.xml": notes.encode(), "word/_rels/document.xml.rels": rels.encode(),
                       "[Content_Types].xml": types.encode()})
    doc = load_bytes(data, "notice.docx")
    assert doc.text.splitlines() == ["一、主要职责", "联席会议统筹协调。", "移来", "整段移来"]
    assert [n.said() for n in doc.notes] == ["its 2 footnotes not read (not part of the notice's text)",
                                             "1 document embedded in it (w:altChunk) not read"]


def test_missing_path_and_directory(tmp_path):
    for path, message in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "is a directory")):
        with pytest.raises(LoadError, match=message) as err:
            load(path)
        assert "\n" not in str(err.value)


def test_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(readers, "MAX_XML_BYTES", 1000)
    with pytest.raises(LoadError, match="unpacks to more than"):
        readers.read_docx(to_docx("一、主要职责\n" + "联席会议统筹协调。" * 200))


# --- sniffing: the bytes decide, not the name ----------------------------------------------


def test_wrong_extension_is_read_by_content(tmp_path):
    text = COUNTY.read_text(encoding="utf-8")
    cases = [("really-html.txt", to_html(text, encoding="gb18030", declare="gb2312"), "html"),
             ("really-docx.txt", to_docx(text), "docx"),
             ("really-text.html", text.encode("utf-8"), "txt"),  # an .html name on plain text
             ("really-text.docx", text.encode("gb18030"), "txt"),
             ("really-html.docx", to_html(text), "html")]  # "Word" files that are web pages
    for name, data, fmt in cases:
        path = tmp_path / name
        path.write_bytes(data)
        doc = load(path)
        assert doc.format == fmt, name
        assert nonblank(doc.text) == nonblank(text), name


@pytest.mark.parametrize("head,fmt", [
    (b"<!DOCTYPE html><html>", "html"),
    (b"\xef\xbb\xbf  <!doctype HTML>", "html"),
    (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "x"><html>', "html"),
    (b"<!-- cms template 2021 -->\n<html>", "html"),
    (b"\n\n<HTML><HEAD>", "html"),
    (b"<meta charset=gbk><title>t</title>", "html"),
    ("<html><body>".encode("utf-16"), "html"),
    ("一、主要职责 <注>".encode("utf-8"), "txt"),
    (b"plain notice text", "txt"),
])
def test_sniff(head, fmt):
    assert sniff(head + b"\n<p>x</p>") == fmt


def test_docx_sniffed_by_its_central_directory():
    # a large first part pushes every local "word/" name beyond the first 64 KB
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    entries = {"customXml/preview.bin": random.Random(1).randbytes(200_000)}
    entries.update({n: src.read(n) for n in src.namelist()})
    data = _zip(entries)
    assert b"word/" not in data[:65536]
    assert sniff(data, ".txt") == "docx"
    assert nonblank(load_bytes(data, "x.txt").text) == ["一、主要职责", "联席会议统筹协调。"]


# --- size ------------------------------------------------------------------------------------


def test_ten_megabytes_of_text_and_one_ten_megabyte_line():
    text = COUNTY.read_text(encoding="utf-8")
    big = (text * (10_000_000 // len(text.encode("utf-8")) + 1)).encode("utf-8")
    assert len(load_bytes(big, "big.txt").text) > 3_000_000
    line = ("联席会议统筹协调" * 625_000).encode("gb18030")  # one 10 MB line, 5 M characters
    assert load_bytes(line, "line.txt").text.count("\n") == 0


def test_ten_megabyte_page():
    text = CITY.read_text(encoding="utf-8")
    page = to_html(text * (10_000_000 // len(text.encode("utf-8")) + 1))
    assert len(page) > 10_000_000
    doc = load_bytes(page, "big.html")
    assert doc.text.count("一、总体要求") > 100
    one_line = b"<html><body><p>" + "婴幼儿照护服务".encode("utf-8") * 500_000 + b"</p></body></html>"
    assert load_bytes(one_line, "line.html").text.count("\n") == 1


def test_utf8_cut_mid_character_is_not_read_as_gb18030():
    """GB18030 accepts almost any bytes: a UTF-8 excerpt cut mid-character must stay UTF-8."""
    from extractor.load import decode

    data = ("联席会议成员单位包含县卫生健康委、县委编办，" * 50).encode("utf-8")[:1000]
    text, enc = decode(data)
    assert enc == "utf-8" and text.startswith("联席会议成员单位包含县卫生健康委")
    assert text.count("\ufffd") == 1  # the cut character stays visible, nothing shifts


@pytest.mark.parametrize("bom", ["utf-8-sig", "utf-16"])
def test_text_with_a_bom_cut_mid_character_still_loads(bom):
    """A BOM settles the encoding; a character cut at the end is one replacement character,
    as in a UTF-8 file without one (was: UnicodeDecodeError, or an error for UTF-8)."""
    text = "一、县卫健委负责。" * 3
    assert decode(text.encode(bom)[:-1]) == (text[:-1] + "\ufffd", bom)
    assert decode(text.encode("utf-16") + b"A") == (text + "\ufffd", "utf-16")


def test_bom_followed_by_junk_is_still_undecodable():
    with pytest.raises(LoadError, match=r"undecodable byte 0x80 at byte 3 \(after a UTF-8 BOM\)"):
        decode(codecs.BOM_UTF8 + b"\x80\xff" * 500)


def test_a_device_or_a_pipe_is_not_a_regular_file(tmp_path):
    """/dev/zero was read until memory ran out, a pipe (or /dev/urandom) waited forever:
    neither is read, one line says why."""
    import os

    fifo = tmp_path / "notice.txt"
    os.mkfifo(fifo)
    for path in ("/dev/zero", fifo):
        with pytest.raises(LoadError, match=r": not a regular file \(a device, a pipe or a socket\)$"):
            load(path)


@pytest.mark.parametrize("name,data", [
    ("notice.txt", "一、总则\n".encode() * 500 + b"\x00" + "二、附则\n".encode()),  # past 4 KB
    ("notice.html", "<p>一、总则</p>".encode() * 500 + b"<p>\x00\x00\x00" + "二、附则</p>".encode()),
], ids=["txt", "html"])
def test_a_nul_byte_anywhere_is_binary_data(name, data):
    """A NUL in the first 4 KB of a .txt rejected it as binary, one after them was read into
    its text; a page's NULs became U+FFFD in its title. Both refused, wherever they are."""
    with pytest.raises(LoadError, match=r"^binary data \(NUL bytes\), not a (text notice|web page)$"):
        load_bytes(data, name)


def test_page_breaks_and_vertical_tabs_are_white_space_that_keeps_every_offset():
    """pdftotext writes a form feed at each page break, at the start of the next page's first
    line: \\f（一）县卫生健康委。… was no clause (57 of the 58 clauses, 44 of 46 posts), and
    the text's \\f and \\v went as they were into XML. Each is one character of white space
    now: a space beside a line break, else a line break."""
    from extractor.pipeline import process_bytes

    text = COUNTY.read_text(encoding="utf-8")
    lines = text.split("\n")
    for i in (30, 60, 90):
        lines[i] = "\f" + lines[i]
    broken = "\n".join(lines).replace("县卫生健康委。承担", "县卫生健康委。\v承担", 1)
    doc = load_bytes(broken.encode("utf-8"), "qimen.txt")
    assert len(doc.text) == len(broken) and "\f" not in doc.text and "\v" not in doc.text
    assert [doc.text[i] for i, ch in enumerate(broken) if ch in "\f\v"] == [" ", "\n", " ", " "]
    plain, paged = process_bytes(text.encode("utf-8"), "qimen.txt"), process_bytes(broken.encode("utf-8"), "qimen.txt")
    assert len(list(paged.walk())) == len(list(plain.walk())) == 58
    assert len(paged.facts.posts) == len(plain.facts.posts) == 46
    assert load_bytes("第一页\f\f第二页\n\v第三页".encode("utf-8")).text == "第一页\n\n第二页\n 第三页"


def test_each_vertical_tab_or_form_feed_is_a_line_break_of_its_own():
    """A run of \v or \f was one line break then spaces: 行一\v\v行二 lost its blank line,
    and a notice whose lines Word ends in \v (its blank lines \v\v) lost the blank lines
    its table's rows stand between: 祁门's read 4 posts of 46, no note. Each is a line
    break now, but one beside a line break (a space), the offsets kept."""
    from extractor.pipeline import process_bytes

    assert load_bytes("行一\v\v行二\v行三\n\f行四".encode("utf-8")).text == "行一\n\n行二\n行三\n 行四"
    text = COUNTY.read_text(encoding="utf-8")
    plain = process_bytes(text.encode("utf-8"), "qimen.txt")
    vt = process_bytes(text.replace("\n", "\v").encode("utf-8"), "qimen.txt")
    assert len(vt.facts.posts) == len(plain.facts.posts) == 46


# --- audit 3: a table's heading rows --------------------------------------------------------------


def test_html_row_of_one_cell_across_the_table_is_a_line_of_its_own():
    """A task table grouping its rows under parts (<td colspan="5">一、农村厕所革命</td>) came out as
    a tab-led cell; two such rows made the parser take every tab-led line for an indented
    paragraph, and the table was lost (湾沚's task list, audit 3). The row is a heading within
    the table: a line of its own, not led by a tab, the rows around it still cells."""
    page = ("<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr>"
            "<tr><td colspan='3'>一、农村厕所革命</td></tr>"
            "<tr><td>1</td><td>新改建农村卫生户厕。</td><td>区农业农村局</td></tr>"
            "<tr><td colspan='2'>合计</td><td>1项</td></tr></table>")
    assert readers.html_to_text(page).splitlines() == [
        "\t序号", "\t工作任务", "\t牵头单位", "", "一、农村厕所革命", "", "\t1", "\t新改建农村卫生户厕。",
        "\t区农业农村局", "", "\t合计", "\t—", "\t1项"]


def test_docx_row_of_one_cell_across_the_table_is_a_line_of_its_own():
    """The same of a Word table (w:gridSpan over every grid column): 包河's make-up table groups its
    rows under 召集人 / 成员 rows (audit 3)."""
    def build(d):
        t = d.add_table(rows=3, cols=3)
        for c, s in enumerate(["职务", "姓名", "单位及职务"]):
            t.cell(0, c).text = s
        t.cell(1, 0).merge(t.cell(1, 2)).text = "成员"
        for c, s in enumerate(["成员", "吴涛", "区发展改革委副主任"]):
            t.cell(2, c).text = s

    assert _read(build) == ["\t职务", "\t姓名", "\t单位及职务", "", "成员", "", "\t成员", "\t吴涛", "\t区发展改革委副主任"]


def test_docx_number_ending_in_a_word_is_apart_from_its_text():
    """Word puts a tab or a space (w:suff) after a list's number: 阿荣旗's 第%1章 and 第%1条 came out
    glued to their text (第一章总则, 第一条为加强…; audit 3). A number ending in a word or a digit is
    followed by a space, unless w:suff says nothing; one ending in punctuation (一、 （一）) is as it was."""
    from docx.oxml import parse_xml

    def build(d):
        root = d.part.numbering_part.element
        root.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="90">'
                                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                                 '<w:lvlText w:val="第%1章"/><w:suff w:val="space"/></w:lvl>'
                                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                                 '<w:lvlText w:val="第%2条"/></w:lvl>'
                                 '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                                 '<w:lvlText w:val="%3"/><w:suff w:val="nothing"/></w:lvl>'
                                 '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                                 '<w:lvlText w:val="（%4）"/></w:lvl></w:abstractNum>'))
        root.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        for level, text in [(0, "总则"), (1, "为加强组织领导。"), (2, "号"), (3, "县财政局。")]:
            _inject(d, f'<w:p {W_NS}><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr></w:pPr>'
                       f'<w:r><w:t>{text}</w:t></w:r></w:p>')

    assert _read(build) == ["第一章 总则", "第一条 为加强组织领导。", "1号", "（一）县财政局。"]
