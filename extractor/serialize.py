"""Plain-data (JSON-ready) views of a `Document`: the contract of `parse`/`extract --format json`."""
from __future__ import annotations

from typing import Any

from .model import Clause, Document


def clause_dict(doc: Document, c: Clause, *, text: bool = True, source: str | None = None) -> dict[str, Any]:
    """`source`: the text to quote spans from (`doc.text` with names masked, for --no-persons)."""
    src = doc.text if source is None else source
    d: dict[str, Any] = {
        "id": c.id, "kind": c.kind, "style": c.style or None, "label": c.label or None,
        "index": c.index, "level": c.level, "parent": c.parent, "start": c.start, "end": c.end,
        "heading": src[c.heading.start:c.heading.end] if c.heading else None,
    }
    if c.cells:
        d["cells"] = [{"column": x.column, "text": src[x.start:x.end], "start": x.start, "end": x.end}
                      for x in c.cells]
    if text:
        own = c.own
        d["text"] = src[own.start:own.end].rstrip()
    d["children"] = [clause_dict(doc, ch, text=text, source=source) for ch in c.children]
    return d


def document_dict(doc: Document) -> dict[str, Any]:
    j = doc.jurisdiction
    return {
        "path": doc.path, "format": doc.format, "encoding": doc.encoding, "length": len(doc.text),
        "title": doc.title, "issuer": doc.issuer, "doc_number": doc.doc_number, "date": doc.date,
        "jurisdiction": ({"name": j.name, "level": j.level, "prefix": j.prefix}
                         | ({"within": {"name": j.within, "level": j.within_level}} if j.within else {})) if j else None,
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


def _span(x) -> dict[str, int]:
    return {"start": x.start, "end": x.end}


def extracted_dict(doc: Document, *, persons: bool = True) -> dict[str, Any]:
    """What `policykg extract --format json` prints (the schema is in the README)."""
    f = doc.facts
    if f is None:
        raise ValueError("document has no facts: run extract first")
    m = f.meeting
    if persons:
        source = doc.text
    else:
        from .graph import masked_text

        source = masked_text(doc)

    def quote(value: str | None, x) -> str | None:  # a span's text as written, names masked
        return value if persons or source[x.start:x.end] == doc.text[x.start:x.end] else source[x.start:x.end]

    def field(x) -> dict[str, Any] | None:
        return None if x is None else {"text": quote(x.value, x), **_span(x)}

    def said(x) -> dict[str, Any] | None:  # where the text says a link of the body's set-up
        return None if x is None else {"department": x.department or None, "clause": x.clause, "text": x.surface,
                                       **_span(x)}

    def participants(found) -> list[dict[str, Any]]:
        return [{"id": p.id, "clause": p.clause, "part": p.part, "text": quote(p.text, p), "roles": p.roles,
                 "posts": p.posts, **_span(p)} for p in found]

    document = document_dict(doc)
    document["fields"] = [{**d, "value": quote(d["value"], x)} for d, x in zip(document["fields"], doc.fields)]
    return {
        "document": document,
        "clauses": [clause_dict(doc, z, text=False, source=source) for z in doc.clauses],
        "departments": [
            {"id": d.id, "name": d.name, "concept": d.concept, "jurisdiction": d.jurisdiction, "level": d.level,
             "mentions": [{"surface": x.surface, "clause": x.clause, **_span(x)} for x in d.mentions]}
            for d in f.departments.values()],
        "issuer": f.issuer or None,  # the department id of the issuer, when the registry knows it
        "addressees": [{"kind": a.kind, "name": a.name, "department": a.department or None, **_span(a)}
                       for a in f.addressees],
        "members": list(m.members) if m else [],
        "duties": [{"id": d.id, "department": d.department, "clause": d.clause, "text": quote(d.text, d), "role": d.role,
                    "action": d.action, "action_concept": d.action_concept or None, **_span(d)} for d in f.duties],
        "assignments": [{"id": a.id, "clause": a.clause, "departments": a.departments, "role": a.role,
                         "text": source[a.start:a.end], **_span(a)} for a in f.assignments],
        "references": [{"id": r.id, "clause": r.clause, "title": r.title, "number": r.number, "kind": r.kind,
                        "relation": r.relation, **_span(r)} for r in f.references],
        "meeting": None if m is None else {
            "kind": m.kind, "name": m.name, "name_at": None if m.name_at is None else _span(m.name_at),
            "convenor": field(m.convenor), "co_convenors": [field(x) for x in m.co_convenors],  # 双组长: the other heads
            "deputy_convenors": [field(x) for x in m.deputy_convenors],
            "office": m.office, "office_director": field(m.office_director), "liaison": field(m.liaison),
            "lead": m.lead, "co_leads": list(m.co_leads), "stated_count": m.stated_count,
            "member_at": [_span(x) for x in m.member_at],  # where the list names each of `members`
            "rules": [{"id": r.id, "clause": r.clause, "kind": r.kind, "label": r.label, "period": r.period,
                       "times_min": r.times_min, "times_max": r.times_max, "regular": r.regular,
                       "irregular": r.irregular, "schedule": r.schedule,
                       "participants": participants(r.participants), **_span(r)} for r in m.rules],
            "participants": participants(m.participants),
            "office_unit": m.office_unit, "office_members": field(m.office_members),
            "unit": m.unit, "reports_to": list(m.reports_to),
            "reports_to_at": [said(x) for x in m.reports_at],
            # where it says its office's host, its lead unit, its number of units; the clause setting it up
            "office_at": said(m.office_at), "lead_at": said(m.lead_at), "count_at": said(m.count_at),
            "co_lead_at": [said(x) for x in m.co_lead_at],  # where it says each of `co_leads`
            "clause": m.clause or None,
            # its working groups (专项工作组): each a unit (its duties are those of `unit`)
            "groups": [{"name": g.name, "unit": g.unit, "clause": g.clause, "head": field(g.head),
                        "co_heads": [field(x) for x in g.co_heads],
                        "deputies": [field(x) for x in g.deputies], "lead": g.lead, "lead_at": said(g.lead_at),
                        "co_leads": list(g.co_leads), "co_lead_at": [said(x) for x in g.co_lead_at],
                        "members": list(g.members),
                        "member_at": [_span(x) for x in g.member_at], **_span(g)} for g in m.groups]},
        "posts": [{"id": p.id, "department": p.department or None, "clause": p.clause, "role": p.role,
                   "person": p.person if persons else None, "in_office": p.in_office,
                   # (held from more than one unit: 街道党工委副书记、办事处主任, the 党工委 and the 街道办事处)
                   **({"departments": [p.department, *p.also]} if p.also else {}), **_span(p)} for p in f.posts],
        # what an adjustment notice changes: units joining and leaving, posts passing from one holder to another
        "changes": [{"id": x.id, "kind": x.kind, "clause": x.clause, "text": source[x.start:x.end],
                     "department": x.department or None, "role": x.role or None, "post": field(x.post),
                     "outgoing": field(x.outgoing) if persons else None,
                     "incoming": field(x.incoming) if persons else None,
                     "incoming_post": x.incoming_post or None, "reason": field(x.reason),
                     **({"count_from": x.count_from, "count_to": x.count_to} if x.kind == "recounted" else {}),
                     **({"count_by": x.count_by} if x.count_by is not None else {}),
                     **_span(x)}
                    for x in f.changes],
        # what the analyst should check: a heading no known department has (kind unknown-heading) …
        "notes": [{"kind": n.kind, "clause": n.clause, "text": quote(n.text, n), "message": n.message, **_span(n)}
                  for n in doc.notes],
    }
