"""The stages run in order: `process(path)` = load → parse → extract, as one call."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import LoadError
from .load import load, load_bytes
from .model import Document
from .parse import layout, parse


def process(path: str | Path, *, facts: bool = True) -> Document:
    """Load, parse and (unless `facts` is False) extract the notice at `path`."""
    doc = parse(load(path))
    why = not_a_notice(doc)
    if why:
        raise LoadError(f"{Path(path)}: {why}")
    return _extract(doc) if facts else doc


def process_bytes(data: bytes, name: str = "<bytes>", *, facts: bool = True) -> Document:
    doc = parse(load_bytes(data, name))
    why = not_a_notice(doc)
    if why:
        raise LoadError(why)
    return _extract(doc) if facts else doc


_CHINESE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HEADING_MAX = 100  # characters: a body longer than this says something, sentence or not


def not_a_notice(doc: Document) -> str | None:
    """Why the text read is no notice, or None. A notice (公文) is written in Chinese, and the
    parser finds in it one of: a numbered clause; a head beyond a line taken for a title (a
    文号, an issuer, a 主送, a date, a page's fields); a title in a document's genre (…的通知);
    a body that says something: a sentence (。), or more than a heading. A 404 page, a
    README, a file named .docx holding a line of text, a page of one heading (抱歉，您访问的
    页面不存在) are none: said, not read as notices with no facts."""
    if not _CHINESE.search(doc.text):
        return "not a notice (no Chinese text)"
    if any(c.kind == "numbered" for zone in doc.clauses for c in zone.walk()):
        return None
    if any(f.name != "title" for f in doc.fields):
        return None
    if doc.title and layout().cues["title-genre"].search(doc.title):  # ontology/layout.ttl
        return None
    if any("。" in doc.slice(zone) or zone.end - zone.start > _HEADING_MAX for zone in doc.clauses):
        return None
    return "not a notice (no numbered clauses, header or sentence)"


def _extract(doc: Document) -> Document:
    from .extract import extract

    read = doc.notes  # the load's (a traditional script): extract sets the notes of its own reading
    doc = extract(doc)
    doc.notes[:0] = [n for n in read if n not in doc.notes]
    return doc
