"""Stage 1 — load: a path → a `Document` holding the notice's text, nothing else yet.

Readers are a registry keyed by format (``txt``, ``html``, ``docx``); `load` sniffs the
bytes (not just the extension) and hands them to the right reader. Every reader returns
plain text in one convention the parser knows: one paragraph per line, table cells one
per line led by a tab, table rows separated by a blank line.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Callable

from .errors import LoadError
from .model import Document

# A reader takes the raw bytes and returns (text, encoding).
Reader = Callable[[bytes], tuple[str, str]]
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
    elif head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if _MARKUP_START.match(head):
        return "html"
    # an .html name on plain text (no tag at all) would lose every line break in a parser
    if SUFFIXES.get(suffix) == "html" and re.search(rb"<[A-Za-z!/?]", head):
        return "html"
    return "txt"


def decode(data: bytes) -> tuple[str, str]:
    """Decode notice bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

    Strict decoders first (a strict UTF-8 or GB18030 success is near-certain for
    Chinese text); charset-normalizer only as the last resort.
    """
    for bom, codec, label, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(codec), label
            except UnicodeDecodeError as exc:
                # a BOM settles the encoding: a character cut at the end is one replacement
                # character, as in a UTF-8 file without a BOM
                text = body.decode(codec, errors="replace")
                if text.count("\ufffd") <= max(2, len(text) // 2000):
                    return text, label
                raise LoadError(f"undecodable bytes after a {name} BOM at byte {exc.start + len(bom)}") from None
    if b"\x00" in data[:4096]:
        raise LoadError("binary data (NUL bytes), not a text notice")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 cut mid-character, or with a stray bad byte: still UTF-8. GB18030 would accept
    # those bytes too — as mojibake — so it must not be asked first. (A GBK file read as
    # UTF-8 breaks on most of its characters, far above this bound.)
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(2, len(text) // 2000):
        return text, "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        return _big5_or(text, data)
    # a file cut mid-character (web excerpts) or with a few broken bytes is still the notice
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        if text.count("\ufffd") <= max(2, len(text) // 500):
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # a single-byte code page "fits" any byte string but cannot hold a Chinese notice
    if best is None or best.encoding not in CJK_ENCODINGS:
        raise LoadError("undecodable bytes: neither UTF-8 nor GB18030/GBK nor Big5")
    return str(best), best.encoding


_BOMS = ((codecs.BOM_UTF8, "utf-8", "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16", "UTF-16"))

CJK_ENCODINGS = frozenset(("gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950",
                           "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_8"))


def _big5_or(gb_text: str, data: bytes) -> tuple[str, str]:
    """GB18030 accepts nearly every Big5 byte string; when Big5 decodes too, measure which."""
    try:
        data.decode("cp950")
    except UnicodeDecodeError:
        return gb_text, "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding == "big5":
        return data.decode("cp950"), "big5"
    return gb_text, "gb18030"


@reader("txt")
def read_txt(data: bytes) -> tuple[str, str]:
    text, enc = decode(data)
    controls = sum(1 for ch in text[:4096] if ch < " " and ch not in "\t\n\r\f\v")
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
    text, encoding = READERS[fmt](data)
    if not text.strip():
        raise LoadError("no text in file")
    return Document(text=text, path=name, format=fmt, encoding=encoding)


def load(path: str | Path) -> Document:
    """Read the notice at `path` into a `Document`; raise `LoadError` with one line if not."""
    p = Path(path)
    try:  # exists() itself fails in a folder we may not search
        if not p.exists():
            raise LoadError(f"{p}: no such file")
        if p.is_dir():
            raise LoadError(f"{p}: is a directory (use `policykg build DIR` for folders)")
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
