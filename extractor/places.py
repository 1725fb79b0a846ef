"""Which province a notice's bare 省 or 自治区 stands for, read from `ontology/places.ttl`.

A notice of 十堰市 writing 省卫生健康委 names no province; the extraction reads the body
relative to the notice (十堰市所在省) unless the notice itself says which province it is in:
it names a body of the province (内蒙古自治区人民政府办公厅), or it cites a document as the bare
省's whose number begins with a province government's code (《省人民政府办公厅关于…》
(鄂政办发〔2020〕8号): 湖北省). Evidence for two provinces of one level is none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterable

from .errors import PolicykgError
from .knowledge import PK, RDF, SKOS, by_subject

REGISTRY = "places.ttl"
# A cited number's title right before it (folded text): 《省人民政府办公厅关于…》(鄂政办发…
_TITLE_BEFORE = re.compile(r"《([^《》\n]{1,200})》\s*\(\s*$")


@dataclass(frozen=True)
class Provinces:
    names: dict[str, frozenset[str]]  # prefix (省, 自治区) → full names of that level
    codes: dict[str, tuple[tuple[str, str], ...]]  # prefix → (government code, full name)


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
        types = props.get(RDF + "type", [])
        if SKOS + "Concept" not in types or PK + "Municipality" in types:
            continue  # (a 直辖市: `municipalities`)
        prefix = prefix_of[str(props[PK + "jurisdictionLevel"][0])]
        name = _zh_label(props)
        names.setdefault(prefix, set()).add(name)
        codes.setdefault(prefix, []).extend((str(c), name) for c in props.get(PK + "governmentCode", []))
    return Provinces({p: frozenset(n) for p, n in names.items()},
                     {p: tuple(sorted(c, key=lambda x: -len(x[0]))) for p, c in codes.items()})


def _zh_label(props: dict) -> str:
    return next(str(x) for x in props[SKOS + "prefLabel"] if getattr(x, "language", None) == "zh")


@cache
def _municipality_table() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """({name: level}, (government code, name) the longest code first) of the 直辖市
    (places.ttl's pk:Municipality: 重庆市 → province; 渝府 → 重庆市), read once."""
    try:
        entries = [props for props in by_subject(REGISTRY).values() if PK + "Municipality" in props.get(RDF + "type", [])]
        levels = {_zh_label(props): str(props[PK + "level"][0]) for props in entries}
        codes = [(str(c), _zh_label(props)) for props in entries for c in props.get(PK + "governmentCode", [])]
    except (OSError, SyntaxError, ValueError, KeyError, StopIteration) as exc:
        raise PolicykgError(f"{REGISTRY}: cannot read the municipalities ({type(exc).__name__}: {exc})") from None
    return levels, tuple(sorted(codes, key=lambda x: -len(x[0])))


def municipalities() -> dict[str, str]:
    """{name: level} of the province-level cities (直辖市: places.ttl's pk:Municipality — 重庆市:
    province), whose districts' and counties' notices write 市 for them."""
    return _municipality_table()[0]


def municipality_of(name: str) -> tuple[str, str] | None:
    """(the 直辖市, its level) whose name `name` (a notice's own place) opens with and goes on
    after (重庆市渝北区 → (重庆市, province)), or None (祁门县, 重庆市 itself)."""
    return next(((m, level) for m, level in municipalities().items() if name.startswith(m) and len(name) > len(m)), None)


def _enclosing(folded: str, names: Iterable[str], codes: Iterable[tuple[str, str]], written: Iterable[str],
               numbers: Iterable[tuple[int, int, str]], titled: str, whole: bool) -> str | None:
    """The one place of `names` a notice says it is in: a body of it named (`written`), or a
    cited number carrying its government's code (`codes`) whose title opens with its bare
    `titled` (省) — or, if `whole`, with the place's own name; None for none or two
    (`enclosing_province`, `enclosing_municipality`)."""
    found = {w for w in written if w in names}
    for start, _, value in numbers:
        name = next((n for code, n in codes if value.startswith(code)), None)
        if name and (m := _TITLE_BEFORE.search(folded, max(0, start - 210), start)) \
                and m.group(1).lstrip().startswith((titled, name) if whole else titled):
            found.add(name)
    return next(iter(found)) if len(found) == 1 else None


def enclosing_municipality(folded: str, written: Iterable[str], numbers: Iterable[tuple[int, int, str]],
                           bare: str) -> str | None:
    """The 直辖市 (重庆市) a district's or county's notice naming itself without it (渝北区人民政府办公室)
    is in, if the notice says so; else None. Evidence is a body of it the notice names
    (`written`, the places written on its department mentions: 重庆市 of 重庆市人民政府办公厅), or a
    document it cites whose number carries the city government's code and whose title names the
    city, whole or as its bare `bare` (《重庆市人民政府办公厅关于…》 or 《市人民政府…》(渝府办发〔2021〕52号)),
    as `enclosing_province` reads a province. A code cited alone is none; evidence for two is none."""
    levels, codes = _municipality_table()
    return _enclosing(folded, levels, codes, written, numbers, bare, whole=True)


def enclosing_province(folded: str, prefix: str, written: Iterable[str],
                       numbers: Iterable[tuple[int, int, str]]) -> str | None:
    """The full name of the province-level jurisdiction `prefix` (省, 自治区) stands for in a
    notice (`folded`: its folded text), if the notice says which one it is; else None.

    Evidence is a body of that province the notice names (`written`: the places written on
    its department mentions — 内蒙古自治区 of 内蒙古自治区人民政府办公厅), or a document it cites
    as its bare `prefix`'s whose number carries a province's code (《省人民政府办公厅关于…》
    (鄂政办发〔2020〕8号): 湖北省; `numbers`: the cited numbers as (start, end, normalised value)).
    A province named in passing (学习借鉴浙江省经验) or a code cited alone is none: it may be
    another province's. Evidence for two provinces is none."""
    table = provinces()
    names = table.names.get(prefix)
    if not names:
        return None
    return _enclosing(folded, names, table.codes.get(prefix, ()), written, numbers, prefix, whole=False)
