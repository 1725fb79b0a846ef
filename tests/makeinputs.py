"""Realistic HTML pages and .docx files made from a notice's plain text, for the tests.

`to_html(text)` wraps a notice the way a government site serves it: <head> with a charset
declaration, scripts and styles, a navigation menu, hidden blocks and comments holding
decoy numbered clauses (a reader that keeps them fails), the web metadata rows
(索引号, 文号 …) as a <table>, each paragraph a <p> indented with full-width spaces or
&nbsp;, the number of numbered lines in its own <span>, long paragraphs wrapped in the
markup, and tab-led cell lines as a Word-style <table>. `to_docx(text)` does the same in
Word: paragraphs with first-line indent, the number in its own bold run, tables.

Blank lines become empty paragraphs (<p>&nbsp;</p>, an empty w:p), as on real pages.
The reader's text must then have the same non-blank lines as `text` (stripped), grouped
by the same blank lines (`paragraphs`), plus `FURNITURE_TOP`/`FURNITURE_BOTTOM` when
`furniture=True` (visible breadcrumb and footer).
"""
from __future__ import annotations

import html
import io
import re
from functools import cache

FURNITURE_TOP = ["您现在所在的位置: 首页 > 政务公开 > 政策文件"]
FURNITURE_BOTTOM = ["【打印本页】 【关闭窗口】", "扫一扫在手机打开当前页"]
# Text a reader must never return: it sits in scripts, hidden blocks, comments, nav.
DECOYS = ["七十七、脚本条款", "（九十九）隐藏条款", "八十八、注释条款", "首页导航菜单", "请启用脚本",
          "样式条款", "模板条款"]

_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[①-⑳])")


@cache
def _key_re() -> re.Pattern:
    from extractor.readers import metadata_keys

    keys = sorted(metadata_keys(), key=len, reverse=True)
    return re.compile("|".join(r"\s*".join(map(re.escape, k)) for k in keys))


def blocks(text: str) -> list[tuple[str, object]]:
    """The notice as ("p", line), ("meta", [cells]), ("table", [[cells]…]) and ("blank", None)
    blocks; a run of blank lines is one blank block (inside a table: a row separator)."""
    out: list[tuple[str, object]] = []
    rows: list[list[str]] = []
    row: list[str] = []
    blank = False
    for n, line in enumerate(text.splitlines()):
        if not line.strip():
            blank = True
            continue
        if line.startswith("\t"):
            if blank and row:
                rows.append(row)
                row = []
            elif blank and out:
                out.append(("blank", None))
            blank = False
            row.append(line.strip())
            continue
        if row:
            out.append(("table", rows + [row]))
            rows, row = [], []
        if blank and out:
            out.append(("blank", None))
        blank = False
        cells = _meta_cells(line) if n < 12 else None
        out.append(("meta", cells) if cells else ("p", line.strip()))
    if row:
        out.append(("table", rows + [row]))
    return out


def _meta_cells(line: str) -> list[str] | None:
    """Split a web metadata row ("索 引 号 0117… 主题分类 人口…") into key/value cells,
    only when joining the cells with one space gives the line back."""
    s = line.strip()
    m = _key_re().match(s)
    if not m:
        return None
    cells, pos = [], 0
    for k in _key_re().finditer(s):
        if k.start() > pos:
            cells.append(s[pos:k.start()].strip())
        cells.append(k.group().strip())
        pos = k.end()
    if pos < len(s):
        cells.append(s[pos:].strip())
    return cells if " ".join(cells) == s else None


def _esc(s: str) -> str:
    """HTML-escaped text whose runs of spaces survive the browser's collapsing."""
    return re.sub(r" {2,}", lambda m: "&nbsp;" * len(m.group()), html.escape(s, quote=False))


def _paragraph(line: str, k: int) -> str:
    m = _NUMBERED.match(line)
    body = line
    label = ""
    if m:
        label, body = line[:m.end()], line[m.end():]
    # CMS pretty-printers wrap long paragraphs in the markup, between two Chinese characters
    if len(body) > 60 and re.match(r"[\u4e00-\u9fff]{2}", body[39:41]):
        body_html = _esc(body[:40]) + "\n      " + _esc(body[40:])
    else:
        body_html = _esc(body)
    indent = "　　" if k % 2 else "&nbsp;&nbsp;&nbsp;&nbsp;"
    lead = f'<span style="font-family:黑体">{_esc(label)}</span>' if label else ""
    return f'<p style="text-indent:2em;line-height:1.8">{indent}{lead}{body_html}</p>'


def to_html(text: str, title: str | None = None, *, encoding: str = "utf-8",
            declare: str | None = None, furniture: bool = False) -> bytes:
    """A government web page holding `text`, encoded in `encoding` and declaring `declare`
    (default: the same) in a <meta http-equiv> tag."""
    title = title or next((ln.strip() for ln in text.splitlines() if ln.strip()), "通知")
    declared = declare or encoding
    parts = [
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">",
        "<html><head>",
        f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">',
        f"<title>{_esc(title)}_政府信息公开</title>",
        "<style>.hide{display:none} p:before{content:'样式条款'}</style>",
        "<script type=\"text/javascript\">var x = '<p>七十七、脚本条款</p>'; "
        "document.write('<div>' + x + '</scr' + 'ipt>');</script>",
        "</head><body>",
        "<!-- 八十八、注释条款 -->",
        '<div id="top"><nav><ul><li><a href="/">首页导航菜单</a></li><li><a href="/zwgk">政务公开</a></li></ul></nav></div>',
        "<noscript>请启用脚本</noscript>",
        '<div style="display: none">（九十九）隐藏条款</div>',
        "<template><p>模板条款</p></template>",
    ]
    if furniture:
        parts.append('<div class="crumb">您现在所在的位置: <a href="/">首页</a> &gt; '
                     '<a href="/zwgk">政务公开</a> &gt; <span>政策文件</span></div>')
    parts.append('<div class="article"><div class="content" id="zoom">')
    meta_open = False
    for k, (kind, value) in enumerate(blocks(text)):
        if kind == "meta":
            if not meta_open:
                parts.append('<table class="xxgk" width="100%" cellspacing="0"><tbody>')
                meta_open = True
            tds = "".join(f"<td>{_esc(c)}</td>" for c in value)
            if len(value) % 2:
                tds += "<td></td>"
            parts.append(f"<tr>{tds}</tr>")
            continue
        if meta_open:
            parts.append("</tbody></table>")
            meta_open = False
        if kind == "blank":
            parts.append("<p>&nbsp;</p>")
        elif kind == "p":
            parts.append(_paragraph(value, k))
        else:
            parts.append('<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">')
            for row in value:
                tds = "".join(f'<td width="120" valign="center"><p align="center"><span>{_esc(c)}</span></p></td>'
                              for c in row)
                parts.append(f"<tr>{tds}</tr>")
            parts.append("</table>")
    if meta_open:
        parts.append("</tbody></table>")
    parts.append("</div></div>")
    if furniture:
        parts.append('<div class="footer"><p><a href="javascript:window.print()">【打印本页】</a> '
                     '<a href="javascript:window.close()">【关闭窗口】</a></p>'
                     '<div class="qr"><img src="qr.png" alt="二维码">扫一扫在手机打开当前页</div></div>')
    parts.append("<script>window.onload = function () { /* </p> 七十七、脚本条款 */ };</script>")
    parts.append("</body></html>")
    return "\n".join(parts).encode(encoding)


def to_docx(text: str) -> bytes:
    """A Word file holding `text`: paragraphs (number in its own bold run), tables."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉不属于正文"
    for kind, value in blocks(text):
        if kind == "blank":
            document.add_paragraph()
        elif kind in ("p", "meta"):
            line = value if kind == "p" else " ".join(value)
            p = document.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            m = _NUMBERED.match(line)
            if m:
                p.add_run(line[:m.end()]).bold = True
                line = line[m.end():]
            p.add_run(line)
        else:
            width = max(len(r) for r in value)
            table = document.add_table(rows=len(value), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def nonblank(text: str) -> list[str]:
    """The non-blank lines of `text`, stripped: what the round-trip tests compare."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def paragraphs(text: str) -> list[list[str]]:
    """The runs of non-blank lines of `text` (blank lines separate them), stripped."""
    runs: list[list[str]] = [[]]
    for ln in text.splitlines():
        if ln.strip():
            runs[-1].append(ln.strip())
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]
