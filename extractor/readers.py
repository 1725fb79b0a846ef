"""Load-stage readers for web pages (HTML) and Word files (.docx): raw bytes → plain text.

Both return `(text, encoding)` in the one convention the parser reads (see `load`): one
paragraph per line; a data table as its cells one per line, each led by a tab, rows
separated by one blank line; a page's metadata table (索引号, 文号, 成文日期 …, keys from
`ontology/layout.ttl`) as one "key value key value" line per row. Nothing is invented or
reordered but one mark: a cell merged down from the row above (rowspan, w:vMerge) is
written as 〃 (DITTO), as Chinese tables write "same as above", so each row keeps its
columns and the merged text is still written once. Website furniture that is visible stays (the parser strips it), what a reader
never sees (scripts, styles, navigation menus, comments, hidden elements) goes.

The HTML reader walks lxml's element tree block by block (measured against trafilatura in
tests/bench/bench_html.py: it keeps every numbered line and every body character);
the .docx reader walks the body's w:p/w:tbl elements in document order.
"""
from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
import zlib
from functools import cache

from .errors import LoadError
from .knowledge import PK, RDF, by_subject
from .load import decode, reader, utf16_order
from .model import squeeze

# --- text shared by both readers ---------------------------------------------------------

# CJK ideographs, CJK punctuation, full-width forms: a line break of the source between
# two of these is not a space in Chinese text (CSS Text 3 segment-break rule).
_WIDE = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_WIDE_BREAK = re.compile(f"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_WIDE}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_INVISIBLE = str.maketrans({"\u200b": None, "\ufeff": None, "\u00ad": None})


def clean_line(s: str) -> str:
    """One line of text: source whitespace collapsed as a browser does, nbsp as a space."""
    s = _WIDE_BREAK.sub("", s)
    s = _SPACES.sub(" ", s)
    return s.translate(_INVISIBLE).replace("\xa0", " ").strip()


@cache
def metadata_keys() -> frozenset[str]:
    """The labels of web metadata fields (索引号, 发布机构 …), spaces squeezed out."""
    return frozenset(squeeze(str(k))
                     for props in by_subject("layout.ttl").values()
                     if PK + "WebField" in props.get(RDF + "type", ())
                     for k in props.get(PK + "key", ()))


def _is_key(cell: str) -> bool:
    squeezed = squeeze(cell)
    keys = metadata_keys()
    if squeezed.rstrip(":：") in keys:
        return True
    head = re.split(r"[:：]", squeezed, maxsplit=1)
    return len(head) == 2 and head[0] in keys


class SpanningRow(list):
    """A table row of one cell spanning every column (colspan, w:gridSpan): a heading within
    the table (一、农村厕所革命 above the rows of its tasks), not a row of data."""


DITTO = "\u3003"  # 〃: this cell is the one above it (a merged cell's later rows)
EMPTY = "\u2014"  # —: an empty cell with cells after it in its row


def render_table(rows: list[list[str]]) -> list[str]:
    """Lines for a data table whose cells are already one-line strings.

    A metadata table (most rows open with a field label) becomes "key value …" lines;
    any other table the tab-led cells of the convention. A line holding only a tab would
    read as a row separator, so an empty cell is left out at the end of its row and
    written EMPTY before a cell that is not: each cell stays in its column. A row of one
    cell spanning the table (`SpanningRow`) is a heading within it: a line of its own, not
    led by a tab, blank lines around it (the rows after it are still the table's, under it).
    """
    filled = [[c for c in row if c] for row in rows]
    if not any(filled):
        return []
    if sum(_is_key(row[0]) for row in filled if row) * 2 >= sum(1 for row in filled if row):
        return [" ".join(row) for row in filled if row]
    out: list[str] = []
    for row in rows:
        while row and not row[-1]:
            row = row[:-1]
        if not row:
            continue
        if out:
            out.append("")
        if isinstance(row, SpanningRow):
            out.extend((row[0], ""))
            continue
        out.extend("\t" + (c or EMPTY) for c in row)
    return out


class _Lines:
    """Text gathered inline until a block boundary turns it into one line.

    A blank line is kept where the source shows one (an empty paragraph, two <br> in a
    row): the parser reads blank lines as block separators, e.g. around a title.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def add(self, s: str | None) -> None:
        if s:
            self.buf.append(s)

    def flush(self) -> bool:
        """End the current line; False when it held no text."""
        if self.buf:
            line = clean_line("".join(self.buf))
            self.buf.clear()
            if line:
                self.lines.append(line)
                return True
        return False

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def table(self, lines: list[str]) -> None:
        self.flush()
        if lines and self.lines and self.lines[-1].startswith("\t"):
            self.lines.append("")  # rows of two adjacent tables must not merge
        self.lines.extend(lines)


def _join(lines: list[str]) -> str:
    """The reader's text: lines joined, runs of blank lines squeezed to one."""
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


# --- HTML: bytes → str -----------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# GB2312 and GBK pages routinely hold characters only GBK/GB18030 have: read them as GB18030.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
                    "gb_2312-80": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "hz",
                    "big5": "cp950", "x-big5": "cp950", "unicode": "utf-16"}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta> or its XML declaration, if Python knows it."""
    head = data[:65536]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        b"<".decode(name)  # Python has codecs that are no text encodings (hex, rot13, zlib)
        return codecs.lookup(name).name
    except (LookupError, UnicodeError):
        return None


_COMMON_SHARE = 0.9  # of the characters beyond ASCII: common Chinese ones


def _common_chinese(text: str, encoding: str) -> bool:
    """Whether `text`, as read in GB18030 or Big5, is Chinese rather than Western bytes read
    as such: beyond ASCII, mostly common characters (hanzi, full-width punctuation) — GB2312's,
    or Big5's symbols and level-1 characters (lead bytes 0xA1–0xC6). Western text read so holds
    pairs of an accented letter and an ASCII byte, none of GB2312's (both its bytes are high),
    and accented letters lead mostly into Big5's rare level 2."""
    wide = [ch for ch in text if ord(ch) > 127]
    common = sum(1 for ch in wide if _common(ch, encoding))
    return bool(wide) and common >= _COMMON_SHARE * len(wide)


def _common(ch: str, encoding: str) -> bool:
    try:
        if encoding == "big5":
            return 0xA1 <= ch.encode("cp950")[0] <= 0xC6
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Decode a page: BOM (or UTF-16 without one), then valid UTF-8, then the declared
    charset, then as a text file; with what was said of it (a charset not followed).

    Valid UTF-8 wins over a declaration because pages saved as UTF-8 keep a stale
    ``charset=gb2312`` meta, and GB18030 accepts most UTF-8 byte strings as (wrong)
    Chinese; the opposite mistake cannot happen, as GBK text is almost never valid UTF-8.
    Nor does a declared charset that reads the page as no Chinese at all win over bytes
    that read as Chinese in GB18030 or Big5 (`load.decode` tells which): a single-byte
    Western one (iso-8859-1, windows-1252: a template's default) never fails, and would
    give gibberish. That is said, naming the encoding read.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_order(data):
        return *decode(data), []
    if b"\x00" in data:  # as of a text file: libxml2 would make each one a U+FFFD
        raise LoadError("binary data (NUL bytes), not a web page")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if not declared or declared in ("utf-8", "ascii"):
        return *decode(data), []  # GB18030, Big5, a few broken bytes tolerated, then detection
    try:
        text = data.decode(declared)
    except UnicodeDecodeError:
        return *decode(data), []
    if _HAN.search(text):
        return text, declared, []
    try:
        chinese, encoding = decode(data)
    except LoadError:
        return text, declared, []
    if not _HAN.search(chinese) or not _common_chinese(chinese, encoding):
        return text, declared, []
    return chinese, encoding, [f"the page declares charset {declared}, which reads no Chinese; read as {encoding}"]


_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# --- HTML: markup → lines -------------------------------------------------------------------

# (rt, rp: the pinyin of a <ruby> and its brackets, 祁<rt>qí</rt>: not the notice's text)
_DROP = frozenset("""head script style noscript template nav iframe frame frameset object embed
    applet svg math canvas audio video map select option optgroup datalist button input textarea
    dialog rt rp""".split())
_BLOCK = frozenset("""address article aside blockquote body caption center dd details dir div dl
    dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    listing main menu ol p plaintext pre section summary table tbody td tfoot th thead tr ul xmp""".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CELL_FLOW_CHARS = 200  # a table cell longer than this with several breaks is page layout


def _tag(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # comment, processing instruction, entity
    return tag.rsplit("}", 1)[-1].lower()


def _hidden(el) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Rows(list):
    """A table's rows, `ends[k]` the index past row k's row group."""
    ends: list[int]


def _rows(table) -> _Rows:
    """The <td>/<th> elements of a table's own rows (not of tables nested in it); `.ends`
    bounds each row's row group — its <thead>, <tbody> or <tfoot>, or a run of <tr>s
    straight under <table> (browsers wrap those in one <tbody>)."""
    rows, groups = _Rows(), []
    for child in table:
        tag = _tag(child)
        if tag in ("thead", "tbody", "tfoot"):
            trs = [tr for tr in child if _tag(tr) == "tr"]
            group = len(groups) + 1
        elif tag == "tr":
            trs = [child]
            group = groups[-1] if groups and groups[-1] < 0 else -len(groups) - 1
        else:
            continue
        rows.extend([c for c in tr if _tag(c) in ("td", "th")] for tr in trs)
        groups += [group] * len(trs)
    rows.ends = [0] * len(rows)
    end = len(rows)
    for k in range(len(rows) - 1, -1, -1):
        if k + 1 < len(rows) and groups[k + 1] != groups[k]:
            end = k + 1
        rows.ends[k] = end
    return rows


def _is_layout(table, rows: list[list]) -> bool:
    """Whether a <table> only lays the page out (its cells hold flowing text, not data)."""
    if not rows or max(len(r) for r in rows) <= 1:
        return True
    for el in table.iterdescendants():
        if _tag(el) == "table":
            return True
    for row in rows:
        for cell in row:
            breaks = sum(1 for el in cell.iterdescendants() if _tag(el) in _BLOCK or _tag(el) == "br")
            if breaks >= 2 and len("".join(cell.itertext())) > _CELL_FLOW_CHARS:
                return True
    return False


_PRE = frozenset(("pre", "listing", "xmp", "plaintext"))
_SPACER = re.compile(r"[\xa0\u3000]")


_NOFRAMES_DEPTH = 8  # <noframes> within <noframes> read as markup this deep (each a parse of its text)


def _walk(root, out: _Lines, framed: int = 0) -> None:
    """Append the text under `root` to `out`, one line per block (root's tail excluded).

    Iterative (lxml's iterwalk), so a page nested thousands of levels deep cannot
    exhaust the Python stack; a skipped subtree still gets its "end" event (for its tail).
    A <noframes>, the page of a frameset page, holds its markup as text (libxml2 reads it so):
    read as markup, as a browser without frames shows it, a <noframes> within it too (a page
    wrapped in two held all its text in the inner one, dropped once) up to _NOFRAMES_DEPTH
    (`framed`: how deep this is).
    """
    from lxml import etree

    pre = 0
    open_blocks: list[tuple[object, int]] = []  # (element, lines before it) of blocks entered
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        tag = _tag(el)
        if event in ("comment", "pi"):
            if el is not root:
                _add(out, el.tail, pre)
            continue
        if event == "start":
            if tag in _DROP or _hidden(el):
                walker.skip_subtree()
                continue
            if tag == "noframes":
                inner = None if framed >= _NOFRAMES_DEPTH or not el.text else _parse_page(el.text)
                if inner is not None:
                    out.flush()
                    _walk(inner, out, framed=framed + 1)
                    out.flush()
                walker.skip_subtree()
                continue
            if tag == "table" and el is not root:
                rows = _rows(el)
                if not _is_layout(el, rows):
                    out.table(render_table(_grid(rows)))
                    walker.skip_subtree()
                    continue
            if tag == "br":
                if not out.flush():
                    out.blank()  # <br><br>: an empty line between two paragraphs
            elif tag in _BLOCK:
                out.flush()
                open_blocks.append((el, len(out.lines)))
            if tag in _PRE:
                pre += 1
            _add(out, el.text, pre)
            continue
        if open_blocks and open_blocks[-1][0] is el:
            _, before = open_blocks.pop()
            if tag in _PRE:
                pre -= 1
            if not out.flush() and len(out.lines) == before and (
                    tag == "p" or _SPACER.search(el.text or "")):
                out.blank()  # <p>&nbsp;</p>: the page's own blank line
        if el is not root:
            _add(out, el.tail, pre)


def _add(out: _Lines, text: str | None, pre: int) -> None:
    if not text:
        return
    if not pre:
        out.add(text)
        return
    # preformatted text: its line breaks are lines and its spaces are kept (as nbsp until cleaned)
    parts = re.split(r"\r\n|\r|\n", text)
    for k, part in enumerate(parts):
        if k and not out.flush():
            out.blank()
        out.add(part.replace(" ", "\xa0").replace("\t", "\xa0"))


def _span(value: str | None, most: int, zero: int = 1) -> int:
    """A rowspan/colspan attribute as a count in [1, most] (absent, negative or junk: 1;
    0: `zero`)."""
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return max(1, min(n or zero, most))


def _grid(rows: _Rows) -> list[list[str]]:
    """Each row's cell texts by column: a cell a rowspan carries into later rows is DITTO
    there; a colspan cell is written where it starts, the columns it spans after it are
    empty (`render_table` writes EMPTY there when cells follow), so later cells keep
    their columns.

    As in HTML's table model, a rowspan ends with its row group (rowspan="0": to its end),
    and a colspan with the table's columns. A row of no cell of its own (every cell carried
    from above) says nothing and is left out: 500 cells of rowspan="500" over 500 empty
    <tr>s are one row, not 250,000 〃 — what remains is the table's own cells and the 〃
    of rows that have some, linear in what is written.
    """
    carried: dict[int, tuple[int, int]] = {}  # column → (columns wide, rows still to fill)
    most = max(map(len, rows), default=0)  # cells of the fullest row: no colspan reaches past them
    out = []
    for k, row in enumerate(rows):
        texts: dict[int, str] = {}
        col = 0

        def carry_through() -> None:  # the merged cells standing at `col`, from rows above
            nonlocal col
            while col in carried:
                width, left = carried[col]
                texts[col] = DITTO
                if left > 1:
                    carried[col] = (width, left - 1)
                else:
                    del carried[col]
                col += width

        if len(row) == 1 and most > 1 and not carried and _span(row[0].get("colspan"), most) == most \
                and _span(row[0].get("rowspan"), 1) == 1:
            out.append(SpanningRow([_cell_text(row[0])]))  # a heading within the table
            continue
        if not row:  # only cells carried from above, if any
            for c, (width, left) in list(carried.items()):
                if left > 1:
                    carried[c] = (width, left - 1)
                else:
                    del carried[c]
            out.append([])
            continue
        for cell in row:
            carry_through()
            width = _span(cell.get("colspan"), max(1, most - col))  # colspan="1000" on a 3-column table
            left = rows.ends[k] - k  # rows to the end of its row group, its own included
            down = _span(cell.get("rowspan"), left, zero=left)
            texts[col] = _cell_text(cell)
            if down > 1:
                carried[col] = (width, down - 1)
            col += width
        for c in sorted(carried):  # merged cells after the row's last own cell
            if c >= col:
                col = c
                carry_through()
        out.append([texts.get(c, "") for c in range(max(texts) + 1)] if texts else [])
    return out


def _cell_text(cell) -> str:
    """A data cell's text on one line (its own paragraphs and breaks become spaces)."""
    sub = _Lines()
    _walk(cell, sub)
    sub.flush()
    return " ".join(line for line in sub.lines if line)


# Tags a tag-soup page leaves unclosed by the thousand; libxml2 stops building the tree
# at depth 2048 and silently drops the rest, so such a page is re-read without them.
_FLATTEN_BLOCK = re.compile(r"</?(?:div|center|section|article|blockquote)\b[^>]*>", re.I)
_FLATTEN_INLINE = re.compile(r"</?(?:span|font|b|strong|i|em|u|a|small|big|label|s|strike)\b[^>]*>", re.I)


def _parse_html(data: bytes):
    from lxml import etree, html

    parser = html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise LoadError(f"unreadable HTML ({str(exc).splitlines()[0] if str(exc) else 'no markup'})") from None
    too_deep = any("Excessive depth" in e.message for e in parser.error_log)
    return root, too_deep


def _parse_page(markup: str):
    """The parsed page `markup` (a page's, or a <noframes>' held as text); nested deeper
    than libxml2 reads (2048: the rest dropped silently), parsed again with its blocks
    flattened to line breaks; a LoadError if that too is deeper."""
    root, too_deep = _parse_html(markup.encode("utf-8", "surrogatepass"))
    if too_deep:
        flat = _FLATTEN_INLINE.sub("", _FLATTEN_BLOCK.sub("<br>", markup))
        root, too_deep = _parse_html(flat.encode("utf-8", "surrogatepass"))
        if too_deep:
            raise LoadError("HTML nested more than 2048 elements deep (text would be lost)")
    return root


def html_to_text(markup: str) -> str:
    """The text of an HTML page in the load convention (see module docstring)."""
    # libxml2 reads the bytes we give it as UTF-8; a stale declaration must not override.
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup, count=1)
    root = _parse_page(markup)
    if root is None:
        return ""
    out = _Lines()
    _walk(root, out)
    out.flush()
    return _join(out.lines)


@reader("html")
def read_html(data: bytes) -> tuple[str, str, list]:
    from .model import Note

    text, encoding, said = decode_html(data)
    return html_to_text(text), encoding, [Note(0, 0, kind="charset-not-followed", message=m) for m in said]


# --- .docx -----------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_XML_BYTES = 256 * 1024 * 1024  # uncompressed document.xml; bounds a zip bomb


def _open_docx(data: bytes, notes: list | None = None):
    """The python-docx document of `data`; a part it points to that is missing but not needed
    for the text (word/styles.xml, word/numbering.xml …) is left out, and said in `notes`."""
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = {i.filename: i for i in zf.infolist()}
            if "word/document.xml" in names and names["word/document.xml"].file_size > MAX_XML_BYTES:
                raise LoadError(f"word/document.xml unpacks to more than {MAX_XML_BYTES} bytes")
            if "[Content_Types].xml" not in names:
                raise LoadError("not a .docx: the zip has no [Content_Types].xml")
            if not any(n.startswith("word/") and n.endswith(".xml") for n in names):
                raise LoadError("not a .docx: the zip has no word/document.xml")
    except zipfile.BadZipFile as exc:
        raise LoadError(f"a damaged .docx (truncated or corrupt zip: {exc})") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise LoadError(f"a damaged .docx (truncated or corrupt zip: {exc})") from None
    except Exception as exc:  # PackageNotFoundError, KeyError, XMLSyntaxError, AttributeError … of python-docx
        gone = _missing_parts(data) if isinstance(exc, KeyError) else None
        if not gone or "word/document.xml" in gone[1]:
            raise LoadError(_docx_damage(data, exc)) from None
        try:
            document = docx.Document(io.BytesIO(gone[0]))
        except Exception:  # (damaged in another way too: said as before)
            raise LoadError(_docx_damage(data, exc)) from None
        if notes is not None:
            notes.append(f"its part{'s' if len(gone[1]) > 1 else ''} {', '.join(gone[1])} "
                         f"{'are' if len(gone[1]) > 1 else 'is'} missing: read without (list numbers and styles may be lost)")
    if document.element.tag != W + "document":  # well-formed, but not Word's main part
        raise LoadError(_docx_damage(data, None))
    return document


def _missing_parts(data: bytes) -> tuple[bytes, list[str]] | None:
    """`data` without the relationships to parts the zip does not hold, and those parts'
    names; None when none is missing (or the package cannot be rewritten)."""
    import posixpath

    from lxml import etree

    gone: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            parts = {n: zf.read(n) for n in zf.namelist()}
    except Exception:
        return None
    for name, blob in list(parts.items()):
        if not name.endswith(".rels"):
            continue
        try:
            root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return None
        base = posixpath.dirname(posixpath.dirname(name))  # word/_rels/document.xml.rels → word
        for rel in list(root):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            if path not in names:
                gone.append(path)
                root.remove(rel)
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if not gone:
        return None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, blob in parts.items():
            out.writestr(name, blob)
    return buf.getvalue(), sorted(set(gone))


def _docx_damage(data: bytes, exc: Exception | None) -> str:
    """What is wrong with a .docx python-docx could not open (its error `exc`), in a reader's
    words, not python-docx's or lxml's: a part it points to is missing; it is in Strict Open
    XML (which python-docx does not read); a part is not well-formed XML (the first); else
    its parts are not laid out as a Word document's."""
    from lxml import etree

    missing = re.search(r"no item named '([^']+)'", str(exc)) if isinstance(exc, KeyError) else None
    if missing:
        return f"a damaged .docx: its part {missing[1]} is missing"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        name = "_rels/.rels"
        try:
            if name in names and b"purl.oclc.org/ooxml/" in zf.read(name):
                return "a .docx in Strict Open XML, not read (save it in Word as an ordinary Word Document)"
            for name in names:
                if name.endswith((".xml", ".rels")):
                    try:
                        etree.fromstring(zf.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
                    except etree.XMLSyntaxError:
                        return f"a damaged .docx: its part {name} is not well-formed XML (open it in Word and save it again)"
        # a part that cannot be unpacked: its data corrupt (zlib.error, a bad CRC, a local
        # header whose name is no UTF-8 though its flag says so: UnicodeDecodeError), encrypted
        # (RuntimeError), compressed by a method zipfile does not know (NotImplementedError)
        except (zlib.error, EOFError, zipfile.BadZipFile, UnicodeDecodeError):
            return f"a damaged .docx: its part {name} cannot be unpacked (its data is corrupt)"
        except NotImplementedError:  # (a RuntimeError: first)
            return f"a damaged .docx: its part {name} is compressed by a method a .docx does not use"
        except RuntimeError:
            return f"a .docx whose part {name} is encrypted, not read"
    return "a damaged .docx: its parts are not laid out as a Word document (open it in Word and save it again)"


class _Numbering:
    """Word's automatic list numbers (w:numPr) rendered as text: 一、 （一） 1. (1) ①.

    Word keeps the number out of the text; we rebuild it from word/numbering.xml
    (format and level text of each level, counters per list), which covers the lists
    公文 use. Bullets and formats not listed here render as nothing or decimal.
    As Word counts: the lists (w:num) of one abstract list share its counters (a list
    continued under another numId), but one that overrides a level (w:lvlOverride: its own
    w:lvl, or w:startOverride) counts on its own, from its start; a paragraph's w:numPr
    completes its style's (an ilvl alone keeps the style's list), and a style's comes
    through w:basedOn; numId 0 removes the numbering.
    """

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int, str]]] = {}  # numId → ilvl → (fmt, text, start, suff)
        self.counters: dict[str, list[int]] = {}  # a list's counters, by its key (`self.key`)
        self.key: dict[str, str] = {}  # numId → the key of its counters: its abstract list's, or its own
        self.style_num: dict[str, tuple[str | None, int | None]] = {}  # styleId → (numId, ilvl), through basedOn
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        abstract = {an.get(W + "abstractNumId"): {_number(lvl.get(W + "ilvl"), 0): _level(lvl)
                                                  for lvl in an.findall(W + "lvl")}
                    for an in root.findall(W + "abstractNum")}
        for num in root.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is None or ref.get(W + "val") not in abstract:
                continue
            nid, levels = num.get(W + "numId"), dict(abstract[ref.get(W + "val")])
            overridden = False
            for over in num.findall(W + "lvlOverride"):
                ilvl = _number(over.get(W + "ilvl"), 0)
                lvl, start = over.find(W + "lvl"), over.find(W + "startOverride")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                if start is not None and ilvl in levels:
                    fmt, text, _, suff = levels[ilvl]
                    levels[ilvl] = (fmt, text, _number(start.get(W + "val"), 1), suff)
                overridden = overridden or lvl is not None or start is not None
            self.levels[nid] = levels
            self.key[nid] = f"num {nid}" if overridden else f"abstract {ref.get(W + 'val')}"
        try:
            styles = {st.get(W + "styleId"): st for st in document.styles.element.findall(W + "style")}
        except (AttributeError, ValueError, KeyError, NotImplementedError):
            return
        def own(st) -> tuple:
            numpr = st.find(f"{W}pPr/{W}numPr")
            if numpr is None:
                return None, None
            nid_el, ilvl_el = numpr.find(W + "numId"), numpr.find(W + "ilvl")
            return (nid_el.get(W + "val") if nid_el is not None else None,
                    _number(ilvl_el.get(W + "val"), 0) if ilvl_el is not None else None)

        # A style's list and level are its own, else its base's (w:basedOn), and so on up: each
        # style's resolved once from its base's (a chain walked from every style below it was
        # quadratic: 6,000 styles in one chain took minutes). A chain that loops back ends
        # where it meets itself: the styles of the loop each see the others once.
        resolved: dict = {}
        for sid in styles:
            path, on_path, at = [], set(), sid
            while at in styles and at not in resolved and at not in on_path:
                path.append(at)
                on_path.add(at)
                based = styles[at].find(W + "basedOn")
                at = based.get(W + "val") if based is not None else None
            inherited = resolved.get(at, (None, None))
            if at in on_path:  # the loop from `at` back to itself: its resolution starts the fold
                for s in reversed(path[path.index(at):]):
                    inherited = _first_set(own(styles[s]), inherited)
            for s in reversed(path):
                inherited = resolved[s] = _first_set(own(styles[s]), inherited)
            nid, ilvl = resolved[sid]
            if nid is not None:
                self.style_num[sid] = (nid, ilvl)

    def label(self, p) -> str:
        """The number Word would show before paragraph `p` ('' when it has none)."""
        if not self.levels:
            return ""
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        style = ppr.find(W + "pStyle") if ppr is not None else None
        nid, ilvl = self.style_num.get(style.get(W + "val") if style is not None else "", (None, None))
        if numpr is not None:
            nid_el, ilvl_el = numpr.find(W + "numId"), numpr.find(W + "ilvl")
            nid = nid_el.get(W + "val") if nid_el is not None else nid
            ilvl = _number(ilvl_el.get(W + "val"), 0) if ilvl_el is not None else ilvl
        ilvl = ilvl or 0
        if not nid or nid not in self.levels or not 0 <= ilvl <= 8 or ilvl not in self.levels[nid]:
            return ""  # (Word's levels are 0–8: one beyond has no number)
        levels = self.levels[nid]
        counts = self.counters.setdefault(self.key[nid], [0] * 9)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels[ilvl][2]
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        fmt, text, _, suff = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if not 0 <= k <= 8 or k not in levels:
                return ""
            value = counts[k] or levels[k][2]
            return format_number(value, levels[k][0])

        label = re.sub(r"%(\d)", number, text)
        # Word puts a tab (or a space: w:suff) between the number and the text; one ending in a
        # word (第一章, 第一条, 1) would run into it (第一章总则): a space, as Word shows one
        if suff != "nothing" and label and (_IDEOGRAPH_END.match(label[-1]) or label[-1].isascii() and label[-1].isalnum()):
            label += " "
        return label


_IDEOGRAPH_END = re.compile("[\u4e00-\u9fff]")


def _level(lvl) -> tuple[str, str, int, str]:
    """A w:lvl's (format, level text, start, what follows the number: tab, space or nothing)."""
    fmt, text, start = lvl.find(W + "numFmt"), lvl.find(W + "lvlText"), lvl.find(W + "start")
    suff = lvl.find(W + "suff")
    return (fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
            text.get(W + "val", "") if text is not None else "",
            _number(start.get(W + "val"), 1) if start is not None else 1,
            suff.get(W + "val", "tab") if suff is not None else "tab")


def _number(value: str | None, default: int) -> int:
    """A numbering attribute (w:ilvl, w:start) as a number; absent or no number: `default`."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


_CN_DIGITS = "零一二三四五六七八九"
_ZODIAC = "甲乙丙丁戊己庚辛壬癸"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999)."""
    if n <= 0 or n > 9999:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            out += ("" if (unit == "十" and d == 1 and not out) else _CN_DIGITS[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (w:numFmt)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        return chinese_numeral(n)
    if fmt in ("ideographTraditional", "ideographZodiac") and 1 <= n <= 10:
        return _ZODIAC[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    # letters and roman numerals within their bounds only: a hostile w:start must not build
    # a string of 10¹⁶ letters or loop as long
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 780:
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n <= 3999:
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    return str(n)


# Elements whose text Word does not show as part of the paragraph.
# (w:moveFrom: a tracked move's source, shown struck out; its text is the w:moveTo's)
_DOCX_SKIP = {W + "del", W + "delText", W + "instrText", W + "delInstrText", MC + "Fallback",
              W + "txbxContent", W + "footnoteReference", W + "endnoteReference", W + "rPr", W + "pPr",
              W + "moveFrom"}


def _paragraph_text(p, boxes: list) -> list[str]:
    """The lines of one w:p: its runs' text, a soft break (w:br, w:cr) starting a new line.

    Text boxes met inside are collected into `boxes` (their paragraphs come out as lines
    of their own, before the paragraph that anchors them).
    """
    from lxml import etree

    lines, buf = [], []
    walker = etree.iterwalk(p, events=("start",))
    for _, el in walker:
        tag = el.tag
        if tag in _DOCX_SKIP:
            if tag == W + "txbxContent":
                boxes.append(el)
            walker.skip_subtree()
        elif tag == W + "t":
            buf.append(el.text or "")
        elif tag in (W + "tab", W + "ptab"):
            buf.append(" ")  # a tab inside a paragraph aligns text; a leading one is not a cell
        elif tag in (W + "br", W + "cr"):
            lines.append("".join(buf))
            buf = []
        elif tag == W + "noBreakHyphen":
            buf.append("-")
        elif tag == W + "sym":
            code = el.get(W + "char", "")
            if re.fullmatch(r"[0-9A-Fa-f]{4}", code) and not code.upper().startswith("F0"):
                buf.append(_text_char(chr(int(code, 16))))
    lines.append("".join(buf))
    return lines


def _first_set(own: tuple, inherited: tuple) -> tuple:
    """(list, level) of a style: each its own where set, else the one it inherits."""
    return tuple(o if o is not None else i for o, i in zip(own, inherited))


def _text_char(ch: str) -> str:
    """A symbol's character (w:sym) as text: itself, or U+FFFD where it is no character of
    text (a surrogate, a control, a line or paragraph separator, a noncharacter), which
    the text cannot carry (a lone surrogate cannot be written; a NUL passed the NUL
    refusal). One character per symbol either way. (Symbol-font glyphs, F0xx, are left
    out before: private to the font, no text.)"""
    code = ord(ch)
    if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "\ufffd"
    return ch


def _docx_line(s: str) -> str:
    return s.translate(_INVISIBLE).replace("\xa0", " ").strip()


def _docx_block(el, numbering: _Numbering, out: list[str]) -> None:
    """Append the lines of a body-level element (w:p, w:tbl, w:sdt) to `out`."""
    tag = el.tag
    if tag == W + "p":
        boxes: list = []
        lines = _paragraph_text(el, boxes)
        for box in boxes:
            for child in box:
                _docx_block(child, numbering, out)
        label = numbering.label(el)
        if label and lines:
            lines[0] = label + lines[0].lstrip()
        kept = [line for line in (_docx_line(x) for x in lines) if line]
        out.extend(kept or [""])  # an empty paragraph is the document's own blank line
    elif tag == W + "tbl":
        _docx_table(el, numbering, out)
    elif tag in (W + "sdt", W + "customXml", W + "smartTag", W + "ins", W + "moveTo"):
        content = el.find(W + "sdtContent") if tag == W + "sdt" else el
        for child in content if content is not None else ():
            _docx_block(child, numbering, out)


def _docx_table(tbl, numbering: _Numbering, out: list[str]) -> None:
    """A w:tbl: a data table in the tab-cell convention, or a layout table as plain lines.

    A vertically merged cell (w:vMerge) is written once, then DITTO in the rows it spans;
    a horizontally merged one (w:gridSpan) once, the columns it spans after it empty. A table with one column, or one holding another table, frames text
    (版记 boxes, layout) rather than holding data: its paragraphs come out as lines.
    """
    rows = []
    for tr in tbl.iter(W + "tr"):
        if tr.getparent() is not tbl and tr.getparent().getparent() is not tbl:
            continue  # rows of a nested table
        cells = []
        for tc in tr.iter(W + "tc"):
            if tc.getparent() is not tr and tc.getparent().getparent() is not tr:
                continue
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            continued = vmerge is not None and vmerge.get(W + "val", "continue") == "continue"
            cells.append((tc, continued))  # continued: merged down from the row above
        rows.append(cells)
    nested = any(True for _ in tbl.iterdescendants(W + "tbl"))
    if nested or not rows or max(len(r) for r in rows) <= 1:
        for row in rows:
            for tc, continued in row:
                for child in tc if not continued else ():
                    _docx_block(child, numbering, out)
        return
    texts = []
    widths = [sum(_span(_grid_span(tc), 1000) for tc, _ in row) for row in rows]
    for row, width in zip(rows, widths):
        if len(row) == 1 and width == max(widths) > 1 and not row[0][1]:  # one cell across the table
            sub: list[str] = []
            for child in row[0][0]:
                _docx_block(child, numbering, sub)
            texts.append(SpanningRow([" ".join(line for line in sub if line)]))
            continue
        cells = []
        for tc, continued in row:
            if continued:
                cells.append(DITTO)
            else:
                sub: list[str] = []
                for child in tc:
                    _docx_block(child, numbering, sub)
                cells.append(" ".join(line for line in sub if line))
            cells += [""] * (_span(_grid_span(tc), 1000) - 1)
        texts.append(cells)
    lines = render_table(texts)
    if lines and out and out[-1].startswith("\t"):
        out.append("")  # rows of two adjacent tables must not merge
    out.extend(lines)


def _grid_span(tc) -> str | None:
    """A w:tc's w:gridSpan value: how many of the table's grid columns it spans."""
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return span.get(W + "val") if span is not None else None


@reader("docx")
def read_docx(data: bytes) -> tuple[str, str, list]:
    from .model import Note

    said: list[str] = []
    document = _open_docx(data, said)
    body = document.element.body
    numbering = _Numbering(document)
    out: list[str] = []
    for child in body if body is not None else ():  # a document.xml without w:body has no text
        _docx_block(child, numbering, out)
    said += _not_read(document)
    return _join(out), "utf-8", [Note(0, 0, kind="docx-not-read", message=m) for m in said]


def _not_read(document) -> list[str]:
    """What a document holds that its text leaves out, said rather than lost silently: its
    footnotes and endnotes (not the notice's running text: not read into it), and documents
    embedded whole (w:altChunk: HTML or RTF pasted in, which Word converts on opening)."""
    said = []
    for rel_type, tag, what in (("footnotes", "footnote", "footnote"), ("endnotes", "endnote", "endnote")):
        part = next((r.target_part for r in document.part.rels.values()
                     if not r.is_external and r.reltype.endswith("/" + rel_type)), None)
        if part is None:
            continue
        from lxml import etree

        try:
            root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            continue
        n = sum(1 for el in root.iter(W + tag)  # (Word's separators are typed: no notes)
                if el.get(W + "type") in (None, "normal") and "".join(el.itertext()).strip())
        if n:
            said.append(f"its {n} {what}{'s' if n > 1 else ''} not read (not part of the notice's text)")
    body = document.element.body
    chunks = sum(1 for _ in body.iter(W + "altChunk")) if body is not None else 0
    if chunks:
        said.append(f"{chunks} document{'s' if chunks > 1 else ''} embedded in it (w:altChunk) not read")
    return said
