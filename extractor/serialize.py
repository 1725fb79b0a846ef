"""Plain-data (JSON-ready) views of a `Document`: the contract of `parse`/`extract --format json`."""
from __future__ import annotations

from typing import Any

from .model import Clause, Document


def clause_dict(doc: Document, c: Clause, *, text: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": c.id, "kind": c.kind, "style": c.style or None, "label": c.label or None,
        "index": c.index, "level": c.level, "parent": c.parent, "start": c.start, "end": c.end,
        "heading": doc.slice(c.heading) if c.heading else None,
    }
    if c.cells:
        d["cells"] = [{"column": x.column, "text": doc.slice(x), "start": x.start, "end": x.end}
                      for x in c.cells]
    if text:
        own = c.own
        d["text"] = doc.text[own.start:own.end].rstrip()
    d["children"] = [clause_dict(doc, ch, text=text) for ch in c.children]
    return d


def document_dict(doc: Document) -> dict[str, Any]:
    j = doc.jurisdiction
    return {
        "path": doc.path, "format": doc.format, "encoding": doc.encoding, "length": len(doc.text),
        "title": doc.title, "issuer": doc.issuer, "doc_number": doc.doc_number, "date": doc.date,
        "jurisdiction": {"name": j.name, "level": j.level, "prefix": j.prefix} if j else None,
        "fields": [{"name": f.name, "value": f.value, "start": f.start, "end": f.end} for f in doc.fields],
    }


def parsed_dict(doc: Document) -> dict[str, Any]:
    """What `policykg parse --format json` prints."""
    return {
        "document": document_dict(doc),
        "header": [{"start": s.start, "end": s.end} for s in doc.header],
        "chrome": [{"start": s.start, "end": s.end} for s in doc.chrome],
        "clauses": [clause_dict(doc, z) for z in doc.clauses],
    }
