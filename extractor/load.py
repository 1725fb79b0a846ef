"""Stage 1 — load: a path → a `Document` holding the notice's text, nothing else yet.

Readers are a registry keyed by format (``txt``, ``html``, ``docx``); `load` sniffs the
bytes (not just the extension) and hands them to the right reader. Every reader returns
plain text in one convention the parser knows: one paragraph per line, table cells one
per line led by a tab, table rows separated by a blank line.
"""
from __future__ import annotations

import codecs
import errno
import os
import re
from pathlib import Path
from typing import Callable

from .errors import LoadError
from .model import Document, Note

# A reader takes the raw bytes and returns (text, encoding).
# (text, encoding), or (text, encoding, notes): what the reader met but did not read (a
# .docx's footnotes), said as whole-text notes
Reader = Callable[[bytes], tuple]
READERS: dict[str, Reader] = {}
SUFFIXES: dict[str, str] = {".txt": "txt", ".text": "txt", ".htm": "html", ".html": "html",
                            ".shtml": "html", ".xhtml": "html", ".docx": "docx"}

# Formats notices come in that policykg does not read, by suffix → what the file is and what
# to do: the one message whether `sniff` knows such a file by its first bytes or `build`
# finds it by its name in a folder.
_OLD_WORD = "an old binary Word or WPS file (.doc, .wps), not read (save it as .docx)"
NOT_READ: dict[str, str] = {
    ".pdf": "a PDF file, not read (save its text as .txt)",
    ".ofd": "an OFD file, not read (save its text as .txt)",
    ".doc": _OLD_WORD, ".wps": _OLD_WORD,
    ".rtf": "an RTF file, not read (save it as .docx)",
    ".odt": "an OpenDocument file, not read (save it as .docx)",
}
_NOT_A_NOTICE = "not a notice (.txt, .html or .docx)"
_MAGIC = ((b"\x89PNG", f"a PNG image, {_NOT_A_NOTICE}"), (b"\xff\xd8\xff", f"a JPEG image, {_NOT_A_NOTICE}"),
          (b"GIF8", f"a GIF image, {_NOT_A_NOTICE}"), (b"%PDF", NOT_READ[".pdf"]),
          (b"\xd0\xcf\x11\xe0", NOT_READ[".doc"]), (b"{\\rtf", NOT_READ[".rtf"]))

MAX_BYTES = 64 * 1024 * 1024  # far above any real notice; bounds memory on junk input


def reader(fmt: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        READERS[fmt] = fn
        return fn

    return register


# A page opens with one of these once a BOM, blanks, an XML declaration and comments are
# skipped (XHTML pages start "<?xml", CMS templates often with a comment).
_MARKUP_START = re.compile(rb"\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*"
                           rb"<(?:!doctype\s+html|html|head|body|meta|title|link|style|script|div|table|p)\b",
                           re.I | re.S)


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of `data`, from magic bytes first and the file suffix second."""
    if data.startswith(b"PK\x03\x04"):
        # part names sit in the local headers up front and in the central directory at the end
        if b"word/" in data[:65536] or b"word/" in data[-65536:] or suffix == ".docx":
            return "docx"
        raise LoadError(NOT_READ.get(suffix, f"a zip archive, {_NOT_A_NOTICE}"))  # .ofd and .odt are zips
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise LoadError(message)
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    elif (order := utf16_order(head)) is not None:
        head = head.decode(order, errors="replace").encode("utf-8")
    elif head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if _MARKUP_START.match(head):
        return "html"
    # an .html name on plain text (no tag at all) would lose every line break in a parser
    if SUFFIXES.get(suffix) == "html" and re.search(rb"<[A-Za-z!/?]", head):
        return "html"
    return "txt"


def decode(data: bytes) -> tuple[str, str]:
    """Decode notice bytes: UTF-8 (with or without BOM), UTF-16 (with or without BOM),
    GB18030/GBK, Big5.

    Strict decoders only: a strict UTF-8 or GB18030 success is near-certain for Chinese
    text, and a byte no encoding reads is an error naming it and where it is — never a
    U+FFFD or GB18030 mojibake passed on silently. One thing is read all the same: a
    character cut at the very end (a web excerpt cut at a byte), as one U+FFFD (`_whole`).
    """
    for bom, codec, label, name in _BOMS:
        if data.startswith(bom):
            try:
                return _whole(data[len(bom):], codec), label
            except UnicodeDecodeError as exc:
                at = exc.start + len(bom)
                raise LoadError(f"undecodable byte 0x{data[at]:02x} at byte {at} (after a {name} BOM)") from None
    order = utf16_order(data)
    if order is not None:
        try:
            return _whole(data, order), order
        except UnicodeDecodeError:
            pass  # a lone surrogate: no UTF-16 after all
    if b"\x00" in data:  # (anywhere: a NUL past the first 4 KB was read into the text)
        raise LoadError("binary data (NUL bytes), not a text notice")
    # UTF-8 first: GB18030 accepts most UTF-8 byte strings too — as mojibake
    failed = []
    for enc in _TRIED:
        try:
            text = _whole(data, enc)
        except UnicodeDecodeError as exc:
            failed.append((enc, exc))
            continue
        return (text, enc) if enc == "utf-8" else _big5_or(text, data)
    # where the encoding the file reads best in (the fewest bytes it cannot read) breaks:
    # a stray byte of a GBK file is where GB18030 stops, not where UTF-8 does
    _, exc = min(failed, key=lambda f: data.decode(f[0], errors="replace").count("\ufffd"))
    raise LoadError(f"undecodable byte 0x{data[exc.start]:02x} at byte {exc.start} (tried {', '.join(_TRIED)})")


_TRIED = ("utf-8", "gb18030")
_BOMS = ((codecs.BOM_UTF8, "utf-8", "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16", "UTF-16"))
# what a codec says of bytes that end mid-character (UTF-8 and UTF-16, GB18030 and Big5)
_CUT = frozenset(("unexpected end of data", "truncated data", "incomplete multibyte sequence"))


def _whole(data: bytes, codec: str) -> str:
    """`data` decoded strictly, but for a character cut at its very end: one U+FFFD there
    (the README's promise for a file cut mid-character). Any other bad byte raises."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.reason not in _CUT or exc.end != len(data):
            raise
        return data[:exc.start].decode(codec) + "\ufffd"


# What UTF-16 text of a notice is made of: ASCII, CJK ideographs, punctuation (general, CJK,
# full-width), enclosed numbers ①.
_UTF16_TEXT = re.compile("[\t\n\r\x20-\x7e\u00b7\u2000-\u206f\u2460-\u24ff\u2e80-\u2fff\u3000-\u303f"
                         "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def utf16_order(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `data` is UTF-16 without a BOM, else None: its head
    has NULs (the high bytes of ASCII characters: line breaks, digits), and read in one of
    the two byte orders it is text of a notice (nine characters in ten). Random bytes with
    NULs read as neither; ASCII with NULs in it (pairs of letters are CJK code points) has no
    byte above 0x7f, which the ideographs of a notice in UTF-16 all but always have."""
    head = data[:4096]
    if b"\x00" not in head or head.isascii():
        return None
    head = head[:len(head) & ~1]
    for order in ("utf-16-le", "utf-16-be"):
        text = head.decode(order, errors="replace")
        if len(_UTF16_TEXT.findall(text)) >= 0.9 * len(text):
            return order
    return None


def _big5_or(gb_text: str, data: bytes) -> tuple[str, str]:
    """GB18030 accepts nearly every Big5 byte string; when Big5 decodes too, measure which."""
    try:
        big5 = _whole(data, "cp950")  # a Big5 excerpt cut mid-character is still Big5
    except UnicodeDecodeError:
        return gb_text, "gb18030"
    from charset_normalizer import from_bytes

    try:
        data.decode("cp950")
        whole = data
    except UnicodeDecodeError as exc:
        whole = data[:exc.start]  # what is before the cut: charset-normalizer reads strictly
    best = from_bytes(whole, cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding == "big5":
        return big5, "big5"
    return gb_text, "gb18030"


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # the control characters but \t \n \v \f \r


@reader("txt")
def read_txt(data: bytes) -> tuple[str, str]:
    text, enc = decode(data)
    controls = len(_CONTROLS.findall(text, 0, 4096))
    if controls > 8:
        raise LoadError("binary data (control characters), not a text notice")
    return text, enc


def load_bytes(data: bytes, name: str = "<bytes>", fmt: str | None = None) -> Document:
    """Build a `Document` (text only) from raw bytes; `fmt` overrides sniffing."""
    suffix = Path(name).suffix.lower()
    fmt = fmt or sniff(data, suffix)
    if fmt not in READERS:
        _register_optional_readers()
    if fmt not in READERS:
        raise LoadError(f"no reader for {fmt} files")
    if not data.strip():
        raise LoadError("empty file")
    text, encoding, *said = READERS[fmt](data)
    if not text.strip():
        raise LoadError("no text in file")
    text = page_breaks_as_white_space(text)
    return Document(text=text, path=name, format=fmt, encoding=encoding,
                    notes=traditional_script(text) + (said[0] if said else []))


_PAGE_BREAKS = re.compile("[\f\v]")


def page_breaks_as_white_space(text: str) -> str:
    """`text` with each form feed (pdftotext's page break, at the start of a page's first line)
    and vertical tab (Word's line break) one character of white space: a space beside a line
    break, else a line break of its own (\v\v is a blank line: one line break for the run
    lost it, and the blank lines between a table's rows with it). Offsets into the text stay
    those of the file's characters; a clause number after a page break opens its clause
    (\f（一）… did not), and the text holds no character XML 1.0 forbids as a page break."""
    if "\f" not in text and "\v" not in text:
        return text

    def white(m: re.Match) -> str:
        beside = m.start() > 0 and text[m.start() - 1] in "\n\r" or text[m.end():m.end() + 1] in ("\n", "\r")
        return " " if beside else "\n"

    return _PAGE_BREAKS.sub(white, text)


_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")
_SCRIPT_SAMPLE = 20_000  # characters: the script of a notice shows in its first pages


def _only_in(ch: str, codec: str, other: str) -> bool:
    """Whether `ch` is a character of `codec`'s repertoire and not of `other`'s."""
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    try:
        ch.encode(other)
    except UnicodeEncodeError:
        return True
    return False


# Each character's script, told once for the process (the ideographs' range holds 20,992, a
# notice ~1,000 distinct ones, and each told costs two or four encodes that may raise): _TRAD
# holds those only Big5 holds, _SIMP those only GB2312 holds, _TOLD every character told —
# a character enters _TOLD after its set, so a thread that finds it told finds it classed.
_TOLD: set[str] = set()
_TRAD: set[str] = set()
_SIMP: set[str] = set()


def _ideographs_marked(exc: UnicodeEncodeError) -> tuple[str, int]:
    """An encoding error handler: each ideograph the codec lacks a ?, any other character dropped."""
    return "?" * len(_IDEOGRAPH.findall(exc.object, exc.start, exc.end)), exc.end


# how many ideographs of a text GB2312 lacks: the ?s of its encoding less those of the text
_OUTSIDE_GB2312 = "policykg-ideographs-marked"
codecs.register_error(_OUTSIDE_GB2312, _ideographs_marked)


def traditional_script(text: str) -> list[Note]:
    """A note when `text` is written in traditional characters: the registries (departments,
    places, cues) are simplified Chinese, so a traditional notice parses but few facts are
    read — said, not left to be guessed from empty tables. Traditional is told from
    simplified by the character sets that define them, no word list: Big5 holds the
    traditional forms (縣 辦 號) and not the simplified ones, GB2312 the other way round;
    the characters both hold (人 政 府) say nothing. More traditional-only characters than
    simplified-only, and a few at least (a simplified notice may write a name 喆 of Big5's)."""
    sample = text[:_SCRIPT_SAMPLE]
    outside = sample.encode("gb2312", errors=_OUTSIDE_GB2312).count(b"?") - sample.count("?")
    if outside < 3:  # a traditional-only character is an ideograph GB2312 lacks: fewer than 3 here
        return []
    chars = set(sample)
    for ch in chars - _TOLD:
        if _IDEOGRAPH.match(ch):
            if _only_in(ch, "cp950", "gb2312"):
                _TRAD.add(ch)
            elif _only_in(ch, "gb2312", "cp950"):
                _SIMP.add(ch)
        if ch <= "\uffff":  # told for good: at most the 65,536 of the basic plane
            _TOLD.add(ch)
    traditional = chars & _TRAD
    if len(traditional) < 3 or len(traditional) <= len(chars & _SIMP):
        return []
    traditional = sorted((sample.find(ch), ch) for ch in traditional)  # each at its first place
    at, ch = traditional[0]
    shown = ", ".join(c for _, c in traditional[:3])
    return [Note(at, at + 1, kind="traditional-script", text=ch,
                 message=f"written in traditional characters ({shown} …): the registries are in simplified Chinese, "
                         "so few facts are read")]


NOT_REGULAR = "not a regular file (a device, a pipe or a socket)"


def broken_link(p: Path) -> str | None:
    """Why `p`, a symbolic link leading to no file, cannot be read; None if it is no such
    link (a missing file is "no such file", a link in a loop or to nothing is there)."""
    try:
        if not p.is_symlink():
            return None
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link in a loop (it leads back to itself)"
        if exc.errno != errno.ENOENT:
            return f"cannot read ({exc.strerror})"
        try:
            return f"a broken symbolic link (to {os.readlink(p)}, which does not exist)"
        except OSError:
            return "a broken symbolic link"
    return None


def load(path: str | Path) -> Document:
    """Read the notice at `path` into a `Document`; raise `LoadError` with one line if not."""
    p = Path(path)
    try:  # exists() itself fails in a folder we may not search
        if not p.exists():
            raise LoadError(f"{p}: {broken_link(p) or 'no such file'}")
        if p.is_dir():
            raise LoadError(f"{p}: is a directory (use `policykg build DIR` for folders)")
        if not p.is_file():  # read, /dev/zero never ends and a pipe waits for its writer
            raise LoadError(f"{p}: {NOT_REGULAR}")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(f"{p}: {size} bytes is larger than the {MAX_BYTES} byte limit")
        data = p.read_bytes()
    except OSError as exc:
        raise LoadError(f"{p}: cannot read ({exc.strerror})") from None
    try:
        return load_bytes(data, str(p))
    except LoadError as exc:
        raise LoadError(f"{p}: {exc}") from None


def _register_optional_readers() -> None:
    """Import the HTML and .docx readers only when first needed (they pull in lxml/docx)."""
    from . import readers  # noqa: F401  (registers html and docx)
