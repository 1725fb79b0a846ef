"""Which province a notice's bare 省 or 自治区 stands for, read from `ontology/places.ttl`.

A notice of 十堰市 writing 省卫生健康委 names no province; the extraction reads the body
relative to the notice (十堰市所在省) unless the notice itself says which province it is in:
it writes the province's full name (内蒙古自治区人民政府办公厅), or it cites a document of the
province's government, whose number begins with that government's code (鄂政办发〔2020〕8号:
湖北省). Evidence for two provinces of one level is none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterable

from .errors import PolicykgError
from .knowledge import PK, RDF, SKOS, by_subject
from .model import Document

REGISTRY = "places.ttl"
_WINDOW = 120  # how far before a document number its issuer may be written
_CITATION_BOUNDARY = re.compile(r"[。;)\n]")  # folded text: what ends the citation before one


@dataclass(frozen=True)
class Provinces:
    names: dict[str, frozenset[str]]  # prefix (省, 自治区) → full names of that level
    codes: dict[str, tuple[tuple[str, str], ...]]  # prefix → (government code, full name)
    government: re.Pattern  # a place's government (青岛市人民政府): group 1 is the place's suffix
    rank: dict[str, int]  # place-name suffix → its level's rank


@cache
def provinces() -> Provinces:
    try:
        return _read()
    except (OSError, SyntaxError, ValueError, KeyError, StopIteration) as exc:
        raise PolicykgError(f"{REGISTRY}: cannot read the province registry ({type(exc).__name__}: {exc})") from None


def _read() -> Provinces:
    layout = by_subject("layout.ttl")
    prefix_of = {s: str(props[PK + "prefix"][0]) for s, props in layout.items() if PK + "prefix" in props}
    names: dict[str, set[str]] = {}
    codes: dict[str, list[tuple[str, str]]] = {}
    for props in by_subject(REGISTRY).values():
        if SKOS + "Concept" not in props.get(RDF + "type", []):
            continue
        prefix = prefix_of[str(props[PK + "jurisdictionLevel"][0])]
        name = next(str(x) for x in props[SKOS + "prefLabel"] if getattr(x, "language", None) == "zh")
        names.setdefault(prefix, set()).add(name)
        codes.setdefault(prefix, []).extend((str(c), name) for c in props.get(PK + "governmentCode", []))
    rank = {str(x): int(props[PK + "rank"][0]) for props in layout.values() if PK + "rank" in props
            for x in props.get(PK + "suffix", [])}
    suffixes = "|".join(map(re.escape, sorted(rank, key=len, reverse=True)))
    government = re.compile(rf"[\u4e00-\u9fff]{{1,10}}?({suffixes})(?:人民政府|政府)")
    return Provinces({p: frozenset(n) for p, n in names.items()},
                     {p: tuple(sorted(c, key=lambda x: -len(x[0]))) for p, c in codes.items()},
                     government, rank)


def enclosing_province(doc: Document, prefix: str, numbers: Iterable[tuple[int, int, str]]) -> str | None:
    """The full name of the province-level jurisdiction `prefix` (省, 自治区) stands for in
    `doc`, if the notice says which one it is; else None. `numbers`: the document numbers
    cited in its clauses, as (start, end, normalised value)."""
    table = provinces()
    names = table.names.get(prefix)
    if not names:
        return None
    found: set[str] = set()
    text, chrome = doc.text, doc.chrome
    lengths = {len(n) for n in names}
    pos = text.find(prefix)
    while pos >= 0:  # full names end with the prefix: 湖北省, 内蒙古自治区
        end = pos + len(prefix)
        for k in lengths:
            if k <= end and text[end - k:end] in names and not any(c.start <= pos < c.end for c in chrome):
                found.add(text[end - k:end])
        pos = text.find(prefix, end)
    province_rank = table.rank.get(prefix, 1)
    for start, _, value in numbers:
        name = next((n for code, n in table.codes.get(prefix, ()) if value.startswith(code)), None)
        if name and not _cited_as_lower(doc.folded, start, table, province_rank):
            found.add(name)
    return next(iter(found)) if len(found) == 1 else None


def _cited_as_lower(folded: str, start: int, table: Provinces, province_rank: int) -> bool:
    """Whether the citation the number at `start` closes writes its document as a lower
    place's government's (《青岛市人民政府办公厅关于…》(青政办发…)): then its code is that
    place's, though a province has the same one."""
    lo = max(0, start - _WINDOW)
    cut = [m.end() for m in _CITATION_BOUNDARY.finditer(folded, lo, start)]
    lo = cut[-1] if cut else lo
    return any(table.rank.get(m.group(1), 0) > province_rank for m in table.government.finditer(folded, lo, start))
