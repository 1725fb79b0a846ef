"""Stage 5 — query: the analysts' named questions, and raw SPARQL, over the graph of a store.

In: a `pyoxigraph.Store` as `build.load_store` gives it (one named graph per notice, the
ontology and registries in ``{base}ontology``). Out: rows as `list[dict]` — one function
per question — ready for `render.emit` (table, CSV, JSON):

- `duties(store, department, jurisdiction=None)` — the duties and tasks of a department,
  named any way the registry knows (卫健委, 市场监督管理局, 县卫生健康委, 人社局);
- `who(store, topic)` — who is responsible for a topic (消防, 用地 …), ranked by BM25
  over the jieba tokens of every duty and task statement;
- `members(store, notice=None)`, `refs(store, notice=None)`, `meetings(store)`,
  `departments(store)`;
- `sparql(store, text)` — a read-only SPARQL 1.1 query with the ontology's prefixes.

With ``explain=True`` every row also carries ``source`` (the exact text the fact was
read from), ``start`` and ``end`` (its ``[start, end)`` code-point offsets in the notice).

User values never enter query text as text: `bind` adds them as a VALUES block written
by pyoxigraph's own term serialisation, so a name such as ``"} ; DROP ALL ; #`` is only
a literal that matches nothing.
"""
from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from pathlib import Path, PurePath
from typing import Any, Iterable, Sequence

import pyoxigraph as ox

from .errors import PolicykgError
from .graph import DEPT, MEETING, ORG, PREFIXES as GRAPH_PREFIXES, QUERY_PREFIXES, XSD
from .knowledge import PK, at_least_word, body_kinds, by_subject, meeting_parts, period_words, schedule_words
from .model import clean, lookup_key, squeeze
from .search import (MEETING_POSTS, MEETING_UNITS, DiskIndex, StatementIndex, fold as _fold, has_words, open_index,
                     rank_matched, unsaid)

# Prefixes every query (named or raw) may use without declaring them (QUERY_PREFIXES adds
# dcterms), and the names results are written with.
PREFIXES: dict[str, str] = GRAPH_PREFIXES

EXPLAIN_COLUMNS = ("source", "start", "end")
# Keys rows carry between the steps of a query, removed before they are returned.
PRIVATE = ("_graph", "_j")

# Columns of each named query, in display order (a row may hold more keys, e.g. `iri`).
COLUMNS: dict[str, tuple[str, ...]] = {
    "duties": ("kind", "department", "jurisdiction", "role", "action", "text", "notice", "clause",
               "clause_id"),
    "who": ("rank", "score", "matched", "department", "jurisdiction", "role", "kind", "text", "notice", "clause"),
    "members": ("notice", "position", "department", "concept", "jurisdiction"),
    "changes": ("notice", "body", "kind", "department", "post", "outgoing", "incoming", "reason", "clause"),
    "refs": ("notice", "title", "number", "kind", "relation", "cited_by", "resolves_to", "own_part"),
    "departments": ("department", "jurisdiction", "concept", "label_en", "duties", "tasks", "member_of",
                    "notices"),
}


# --- binding values and running queries --------------------------------------------------------

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def term(value: Any) -> str:
    """One SPARQL term, written by pyoxigraph: a str/int/float/bool becomes a literal, an
    `ox` term stays itself, None is UNDEF."""
    if value is None:
        return "UNDEF"
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return str(value)
    if isinstance(value, str):
        # A lone surrogate (undecodable bytes on a command line) cannot be in a literal;
        # the replacement character keeps the value a name that matches nothing.
        return str(ox.Literal(clean(value)))
    if isinstance(value, (bool, int, float)):
        return str(ox.Literal(value))
    raise PolicykgError(f"cannot bind a value of type {type(value).__name__}")


# Several bound variables go into one VALUES block of tuples (their cross product) up to
# this many rows: Oxigraph joins separate blocks one by one, and a block binding a single
# term (a concept, a place) first made it scan every statement with that term — 40 ms where
# the tuples take 0.5 (tests/bench/bench_pipeline.py, 10,000 notices).
VALUES_TUPLES_MAX = 4096


def bind(query: str, **values: Any) -> str:
    """`query` with ``VALUES`` for each keyword at the start of its WHERE: one block of
    tuples for all of them (separate blocks past `VALUES_TUPLES_MAX` combinations).

    A scalar binds one value, a list/tuple/set the alternatives (an empty one: no
    solution). A keyword naming several variables joined by ``__`` (``org__graph``) binds
    them together, from a list of tuples. Values are serialised by pyoxigraph, never
    pasted: quotes, backslashes, newlines and braces in a value stay inside its literal.
    """
    columns: list[tuple[list[str], list[list[str]]]] = []
    for key, value in values.items():
        names = key.split("__")
        if not all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n) for n in names):
            raise PolicykgError(f"bad SPARQL variable name {key!r}")
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else \
            value if isinstance(value, (list, tuple)) and (len(names) == 1 or not value or
                                                           isinstance(value[0], (list, tuple))) else [value]
        rows = [[term(v)] for v in items] if len(names) == 1 else [[term(v) for v in row] for row in items]
        if any(len(row) != len(names) for row in rows):
            raise PolicykgError(f"bind: {key} takes tuples of {len(names)} values")
        columns.append((names, rows))
    if not columns:
        return query
    m = _WHERE.search(query)
    if m is None:
        raise PolicykgError("bind: the query has no WHERE { … } to put values in")

    def block(names: list[str], rows: Iterable[list[str]]) -> str:
        if len(names) == 1:
            return f"VALUES ?{names[0]} {{ {' '.join(row[0] for row in rows)} }}"
        return f"VALUES ({' '.join('?' + n for n in names)}) {{ {' '.join('(' + ' '.join(row) + ')' for row in rows)} }}"

    if len(columns) > 1 and math.prod(len(rows) for _, rows in columns) <= VALUES_TUPLES_MAX:
        blocks = [block([n for names, _ in columns for n in names],
                        ([t for part in combo for t in part] for combo in itertools.product(*(rows for _, rows in columns))))]
    else:
        blocks = [block(names, rows) for names, rows in columns]
    return f"{query[:m.end()]}\n  {' '.join(blocks)}\n{query[m.end():]}"


_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


def value(t: Any) -> Any:
    """A Python value for an RDF term: IRI → str, xsd:integer → int, xsd:boolean → bool,
    other literals → their lexical form, unbound → None."""
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        dt = t.datatype.value
        if dt in _INTEGERS:
            try:
                return int(t.value)
            except ValueError:
                return t.value
        if dt == XSD + "boolean":
            return t.value in ("true", "1")
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value


# Oxigraph's cost per solution grows with the length of a VALUES block (4,000 notices named
# at once: 0.7 ms a notice; 250 at a time: 0.13 ms): long lists are bound in slices.
VALUES_SLICE = 250


def select(store: ox.Store, query: str, *, split_on: str | None = None, **values: Any) -> list[dict[str, Any]]:
    """Run a SELECT over the union of all named graphs, with `values` bound (see `bind`).

    `split_on`: a bound variable whose values may be bound `VALUES_SLICE` at a time, the
    solutions joined — for queries whose solutions for different values of it are
    independent (no aggregate across it, no ORDER BY or LIMIT)."""
    if split_on is not None:
        items = values.get(split_on)
        if isinstance(items, (set, frozenset)):
            items = sorted(items, key=term)
        if isinstance(items, (list, tuple)) and len(items) > VALUES_SLICE:
            return [r for k in range(0, len(items), VALUES_SLICE)
                    for r in select(store, query, **{**values, split_on: items[k:k + VALUES_SLICE]})]
    res = store.query(bind(query, **values), use_default_graph_as_union=True, prefixes=QUERY_PREFIXES)
    names = [v.value for v in res.variables]
    return [{n: value(sol[i]) for i, n in enumerate(names)} for sol in res]


@lru_cache(maxsize=4096)
def local(iri: str | None) -> str:
    """The last segment of an IRI (pkr:lead → lead); cached: roles and concepts repeat in
    every row."""
    return re.split(r"[/#]", iri.rstrip("/"))[-1] if iri else ""


# --- notices --------------------------------------------------------------------------------------


def notices(store: ox.Store, graphs: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every notice of the store, or those of the named `graphs`: ``graph``, ``iri``,
    ``number`` (文号), ``title``, ``name`` (its rdfs:label, `graph.notice_label`),
    ``jurisdiction``, ``file``, ``source`` (IRI of its source text), ``sha256``, ``agent``,
    and ``label`` (文号, else its name) — sorted by jurisdiction and label."""
    if graphs is not None:
        wanted = set(graphs)
        # A notice's graph is its IRI + /graph (graph.graph_iri): naming the notices lets the
        # store look each one up, where naming the graphs makes it scan every notice.
        iris = sorted(g.removesuffix("/graph") for g in wanted if g.endswith("/graph"))
        rows = [r for r in (_notice_rows(store, "iri", iri=[ox.NamedNode(i) for i in iris]) if iris else [])
                if r["graph"] in wanted]
        missing = sorted(wanted - {r["graph"] for r in rows})
        if missing:
            rows += _notice_rows(store, "graph", graph=[ox.NamedNode(g) for g in missing])
    else:
        rows = _notice_rows(store)
    seen: dict[str, dict] = {}
    for r in rows:
        seen.setdefault(r["graph"], r)
    out = list(seen.values())
    for r in out:
        r["label"] = r["number"] or r["name"] or r["title"] or r["file"] or local(r["iri"])
    return sorted(out, key=lambda r: (r["jurisdiction"] or "", r["label"]))


def _notice_rows(store: ox.Store, split_on: str | None = None, **values: Any) -> list[dict[str, Any]]:
    rows = select(store, split_on=split_on, query="""
        SELECT ?graph ?iri ?number ?title ?name ?j ?file ?source ?sha256 ?agent WHERE {
          GRAPH ?graph { ?iri a pk:Notice ; prov:hadPrimarySource ?source . ?made foaf:primaryTopic ?iri ; prov:wasGeneratedBy ?run .
                         ?source pk:sha256 ?sha256 . ?run prov:wasAssociatedWith ?agent }
          OPTIONAL { GRAPH ?graph { ?iri eli:id_local ?number } }
          OPTIONAL { GRAPH ?graph { ?iri dct:title ?title } }
          OPTIONAL { GRAPH ?graph { ?iri rdfs:label ?name } }
          OPTIONAL { GRAPH ?graph { ?iri eli:jurisdiction ?j } }
          OPTIONAL { GRAPH ?graph { ?source rdfs:label ?file } }
        }""", **values)  # OPTIONALs outside the GRAPH: with the notices named, 1.5 ms for one at 10,000 (830 ms inside)
    # The place's label as the notice states it, looked up apart: as an OPTIONAL of two
    # triples beside the notices named (?iri eli:jurisdiction ?j . ?j rdfs:label …), the
    # store read every notice's place first — 17 ms a notice for 10 notices of 10,000.
    pairs = sorted({(r["j"], r["graph"]) for r in rows if r["j"]})
    labels: dict[tuple[str, str], list[str]] = {}
    if pairs:
        for x in select(store, "SELECT ?j ?graph ?label WHERE { GRAPH ?graph { ?j rdfs:label ?label } }",
                        split_on="j__graph", j__graph=[(ox.NamedNode(j), ox.NamedNode(g)) for j, g in pairs]):
            labels.setdefault((x["j"], x["graph"]), []).append(x["label"])
    out, placed = [], set()
    for r in rows:  # a row for each label of each place, as the two triples joined gave them
        said = labels.get((r["j"], r["graph"])) if r["j"] else None
        rest = (r["graph"], r["iri"], r["number"], r["title"], r["name"], r["file"], r["source"], r["sha256"], r["agent"])
        if said:
            placed.add(rest)
        for label in said or (None,):
            out.append((rest, {"graph": r["graph"], "iri": r["iri"], "number": r["number"], "title": r["title"],
                               "name": r["name"], "jurisdiction": label, "file": r["file"], "source": r["source"],
                               "sha256": r["sha256"], "agent": r["agent"]}))
    # a place with no label gave no row of its own beside one with a label
    return [r for rest, r in out if r["jurisdiction"] is not None or rest not in placed]


def graphs_named(store: ox.Store, keys: Iterable[str]) -> dict[str, list[str]]:
    """`{key: [graph…]}`: the notices whose `pk:lookupKey` is one of `keys` (`lookup_key`
    forms), found through the store's index, not by reading every notice."""
    wanted = sorted({k for k in keys if k})
    if not wanted:
        return {}
    out: dict[str, list[str]] = {}
    for r in select(store, "SELECT DISTINCT ?key ?graph WHERE { GRAPH ?graph { ?iri a pk:Notice ; pk:lookupKey ?key } }",
                    key=[ox.Literal(k) for k in wanted]):
        out.setdefault(r["key"], []).append(r["graph"])
    return {k: sorted(v) for k, v in out.items()}


_SLUG = re.compile(r"(.+?)-(\d{4})-(\d+)")  # a 文号 as IRIs and warnings write it: 祁政办秘-2021-45


def _lookup_keys(text: str) -> list[str]:
    """The lookup keys `text` may mean: its own, and the 文号 it writes as its IRI slug does
    (祁政办秘-2021-45 is 祁政办秘〔2021〕45号), which a file stem may look like too."""
    key = lookup_key(clean(text))
    m = _SLUG.fullmatch(key) if key else None
    return [key, lookup_key(f"{m[1]}〔{m[2]}〕{m[3]}号")] if m else [key] if key else []


def _named(store: ox.Store, text: str) -> list[str] | None:
    """The graphs whose lookup keys `text` gives (see `_lookup_keys`), or None."""
    found = graphs_named(store, _lookup_keys(text))
    hits = sorted({g for gs in found.values() for g in gs})
    return hits or None


def match_notices(store: ox.Store, text: str | None) -> list[dict[str, Any]]:
    """The notices `text` names: a 文号 (brackets and spaces as you like), a file name or
    stem, a jurisdiction, the whole title, or the document a title issues (关于印发《X》的
    通知: X) — one index lookup; failing that, a jurisdiction by its start (祁门 for
    祁门县), which reads every notice. None: all notices."""
    if text is None:
        return notices(store)
    key = lookup_key(clean(text))
    if not key:
        return []
    hits = _named(store, text)
    if hits:
        return notices(store, hits)
    out = []
    for n in notices(store):  # stores built before lookup keys, and jurisdiction prefixes
        file = n["file"] or ""
        names = {lookup_key(x) for x in (n["number"], n["title"], file, file.rsplit(".", 1)[0], n["jurisdiction"]) if x}
        j = _fold(n["jurisdiction"] or "")
        if key in names or (j and len(key) >= 2 and j.startswith(key)):
            out.append(n)
    if not out and "/" in text.strip().rstrip("/") and "://" not in text:  # a --from file's path: its name
        return match_notices(store, PurePath(text.strip()).name)
    return out


def match_graphs(store: ox.Store, text: str) -> list[str]:
    """The named graphs of the notices `text` names (see `match_notices`): when the lookup
    keys find them, without reading the notices' rows."""
    hits = _named(store, text)
    return hits if hits else [n["graph"] for n in match_notices(store, text)]


def _notice_index(store: ox.Store, graphs: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    return {n["graph"]: n for n in notices(store, graphs)}


# --- sources and --explain ---------------------------------------------------------------------------


def source_texts(store: ox.Store, sources: Iterable[str]) -> dict[str, str]:
    """`{source IRI: pk:sourceText}` for the given source IRIs."""
    wanted = sorted({s for s in sources if s})
    if not wanted:
        return {}
    rows = select(store, "SELECT ?s ?text WHERE { ?s pk:sourceText ?text }", split_on="s",
                  s=[ox.NamedNode(s) for s in wanted])
    return {r["s"]: r["text"] for r in rows}


def _finish(store: ox.Store, rows: list[dict[str, Any]], explain: bool) -> list[dict[str, Any]]:
    """Drop the private ``_src``/``_start``/``_end`` keys; with `explain`, turn them into
    ``source`` (the exact slice of the notice's text), ``start`` and ``end``."""
    texts = source_texts(store, (r.get("_src") for r in rows)) if explain else {}
    for r in rows:
        src, s, e = r.pop("_src", None), r.pop("_start", None), r.pop("_end", None)
        for k in PRIVATE:
            r.pop(k, None)
        if explain:
            text = texts.get(src) if src else None
            ok = text is not None and s is not None and e is not None
            r["source"] = text[s:e] if ok else None
            r["start"] = s if ok else None
            r["end"] = e if ok else None
    return rows


_SPAN = """?{node} {link} ?{v}sp . ?{v}sp pk:start ?{v}start ; pk:end ?{v}end .
           BIND(IRI(STRBEFORE(STR(?{v}sp), "#char=")) AS ?{v}src)"""


def span_pattern(node: str, prefix: str = "", link: str = "pk:span") -> str:
    """A graph pattern binding ?{prefix}src, ?{prefix}start, ?{prefix}end for ?{node}'s span
    (an RFC 5147 IRI ``{src}#char=start,end``; `link` is oa:hasTarget for an annotation)."""
    return _SPAN.format(node=node, v=prefix, link=link)


# --- departments ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentQuery:
    """What a user's department string asks for: registry concepts, exact names, and a
    jurisdiction written into the name (县 → county level, 巴彦淖尔市 → that place)."""

    name: str
    concepts: tuple[str, ...] = ()  # concept IRIs
    names: tuple[str, ...] = ()  # exact organisation labels to match too
    prefix: str | None = None
    national: bool = False


def department_query(name: str) -> DepartmentQuery:
    """Read a department string through the registry (`departments.resolve`): any alias,
    abbreviation, level name or former name; a concept's local or English name works too."""
    from .departments import concept_labels, concepts, resolve_own

    text = clean(name).strip()
    squeezed = squeeze(text)
    found: list[str] = []
    prefix, national = None, False
    m = resolve_own(text) if squeezed else None  # (镇党政办, 财政所: a town's own, as its notice says)
    if m is not None and m.concept and not m.collective:
        found.append(m.concept)
        prefix = None if m.inherited else m.prefix
        national = m.national
    elif squeezed:
        lowered = text.lower()
        for c in concepts():
            if lowered == c or lowered == (concept_labels(c)["en"] or "").lower():
                found.append(c)
        if not found and squeezed in _domain_labels():
            found.append(_domain_labels()[squeezed])
    # A bureau that merges the function asked for does its work there (文旅局: 县文化旅游体育局;
    # 教育局: 教育体育局), as pk:merges of the registry says; not the other way round.
    found += [c for c in concepts() if c not in found and set(concept_labels(c)["merges"]) & set(found)]
    names = {squeezed} if squeezed else set()
    if m is not None and not m.concept:
        names.add(m.canonical)
    elif m is not None and m.collective and m.prefix:
        # the bodies of the places below addressed together (各区县（自治县）人民政府, 各县（市）人民政府):
        # the name the graph gives them, their levels' prefix words once (区县人民政府, 县市人民政府)
        from .extract import _LEVELS_APART, _level_words

        words = _level_words(m.prefix.translate(_LEVELS_APART) or m.prefix)
        if words:
            names.add("".join(words) + m.canonical)
    return DepartmentQuery(name, tuple(DEPT + c for c in found), tuple(sorted(n for n in names if n)), prefix,
                           national)


@cache
def _domain_labels() -> dict[str, str]:
    """Field-of-work names of the registry (消防, 卫生健康, 人社) → concept local name."""
    out = {}
    for s, props in by_subject("departments.ttl").items():
        for label in props.get(PK + "domainLabel", []):
            out.setdefault(squeeze(str(label)), local(s))
    return out


@cache
def _level_names() -> dict[str, frozenset[str]]:
    """Jurisdiction level IRI → the names a user may give it (county, 县 …), from layout.ttl."""
    out = {}
    for s, props in by_subject("layout.ttl").items():
        if PK + "JurisdictionLevel" in props.get(PREFIXES["rdf"] + "type", []):
            names = [*props.get(PK + "level", []), *props.get(PREFIXES["rdfs"] + "label", []), *props.get(PK + "prefix", [])]
            out[s] = frozenset(_fold(str(n)).lower() for n in names)
    return out


def jurisdictions(store: ox.Store, iris: Iterable[str] | None = None) -> dict[str, tuple[str, frozenset[str]]]:
    """`{jurisdiction IRI: (label, names of its level)}` for `iris` (default: all of the store)."""
    values = {} if iris is None else {"j": [ox.NamedNode(j) for j in sorted(set(iris) - {None})]}
    if values and not values["j"]:
        return {}
    # DISTINCT: every notice restates its places (57,000 rows for 200 places at 10,000 notices)
    labels = select(store, "SELECT DISTINCT ?j ?label WHERE { GRAPH ?g { ?j a dct:Jurisdiction ; rdfs:label ?label } }",
                    split_on="j", **values)
    levels = select(store, "SELECT DISTINCT ?j ?level WHERE { GRAPH ?g { ?j pk:jurisdictionLevel ?level } }",
                    split_on="j", **values)
    names = _level_names()
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for r in sorted(labels, key=lambda r: r["label"]):
        out.setdefault(r["j"], (r["label"], frozenset()))
    for r in levels:
        if r["j"] in out:
            label, known = out[r["j"]]
            out[r["j"]] = (label, known | names.get(r["level"], frozenset()))
    return out


def jurisdiction_labels(store: ox.Store, iris: Iterable[str] | None = None) -> dict[str, str]:
    """`{jurisdiction IRI: its label}` for `iris` (default: every jurisdiction of the store)."""
    return {j: label for j, (label, _) in jurisdictions(store, iris).items()}


def _jurisdiction_matches(label: str, levels: frozenset[str], wanted: str | None, prefix: str | None,
                          national: bool) -> bool:
    """Does a jurisdiction (its label, the names of its level) fit the request?"""
    label = _fold(label)
    if national and "national" not in levels:
        return False
    if prefix and _fold(prefix) != label and _fold(prefix).lower() not in levels:
        return False
    if wanted:
        w = _fold(wanted)
        if not (w == label or w.lower() in levels or (len(w) >= 2 and label.startswith(w))):
            return False
    return True


def _exact_places(store: ox.Store, name: str, found: "DiskIndex | None" = None) -> list[str]:
    """IRIs of the jurisdictions labelled exactly `name` (one index lookup; in the build's
    index when `found`) — or, for none, named after the place they are within (重庆市渝北区:
    渝北区 within 重庆市, as a notice naming it so says; 黟县宏村镇)."""
    named = _labelled(store, name, found)
    for k in range(2, len(name) - 1) if not named else ():
        if (outer := _labelled(store, name[:k], found)) and (inner := _labelled(store, name[k:], found)):
            if inside := set(inner) & set(places_within(store, outer, found)):
                return sorted(inside)
    return named


def _labelled(store: ox.Store, name: str, found: "DiskIndex | None" = None) -> list[str]:
    if found is not None:
        return found.places_named(name)
    return sorted(r["j"] for r in select(store, "SELECT DISTINCT ?j WHERE { GRAPH ?g { ?j a dct:Jurisdiction ; rdfs:label ?label } }",
                                         label=[ox.Literal(name, language="zh"), ox.Literal(name)]))


def places_within(store: ox.Store, places: Iterable[str], found: "DiskIndex | None" = None) -> list[str]:
    """`places` and every place within one of them, however deep: those a notice says are
    skos:broader than it (宏村镇 within 黟县, as 黟县宏村镇人民政府 signs; in the build's index when
    `found`)."""
    out = set(places)
    frontier = set(out)
    while frontier:
        inside = found.places_within(frontier) if found is not None else [r["j"] for r in select(
            store, "SELECT DISTINCT ?j WHERE { GRAPH ?g { ?j skos:broader ?p } }",
            p=[ox.NamedNode(j) for j in sorted(frontier)])]
        frontier = set(inside) - out
        out |= frontier
    return sorted(out)


def _a_level(name: str) -> bool:
    """Does `name` name a level (县, county) rather than a place?"""
    folded = _fold(clean(name).strip()).lower()
    return any(folded in names for names in _level_names().values())


def _places(store: ox.Store, jurisdiction: str, found: "DiskIndex | None" = None, *, only: bool = False) -> list[str]:
    """IRIs of the jurisdictions `jurisdiction` names: exactly (祁门县), by its start (祁门)
    or by level (县, county) — a place named with the places within it (黟县: its townships,
    `places_within`) unless `only`; a level is its own places (a township is none of a county's level)."""
    name = clean(jurisdiction).strip()
    named = _exact_places(store, name, found) or sorted(j for j, (label, levels) in jurisdictions(store).items()
                                                        if _jurisdiction_matches(label, levels, name, None, False))
    return named if only or not named or _a_level(name) else places_within(store, named, found)


def check_place(store: ox.Store, jurisdiction: str) -> None:
    """Raise `PolicykgError` when `jurisdiction` names no place of the store (as `-j` reads
    it: exactly, by its start or by level), naming some that it holds."""
    if _places(store, jurisdiction):
        return
    labels = sorted({label for label, _ in jurisdictions(store).values()})
    shown = "、".join(labels[:12]) + (f" … ({len(labels):,})" if len(labels) > 12 else "")
    raise PolicykgError(f"no jurisdiction {jurisdiction!r} in the store (give a name such as 祁门县, its start, "
                        f"or a level: 县, county); known: {shown or 'none'}")


def organisations(store: ox.Store, department: str, jurisdiction: str | None = None, *,
                  found: "DiskIndex | None" = None, only: bool = False) -> list[str]:
    """IRIs of the organisations `department` names (any alias), in `jurisdiction` if given
    (and the places within it, unless `only`: see `_places`).
    `found`: the build's index (`search.open_index`), which lists a place's organisations."""
    q = department_query(department)
    # A jurisdiction named exactly (祁门县) is looked up first, then its organisations, and
    # the names are matched among those only, so the answer costs what the place holds; a
    # level (县) or a start (祁门) filters every match below.
    scope: dict[str, Any] = {}
    orgs: set[str] = set()
    exact = _exact_places(store, clean(jurisdiction).strip(), found) if jurisdiction else []
    if exact and not only:  # 黟县 and its townships (宏村镇 skos:broader 黟县)
        exact = places_within(store, exact, found)
    indexed = bool(exact) and found is not None
    if indexed:  # the place's organisations as the index lists them, matched here
        names, concepts = set(q.names), set(q.concepts)
        orgs = {r[0] for r in found.organisations(exact) if r[4] in concepts or (r[3] in names and r[6])}
        if not orgs and q.names and not q.concepts:
            orgs = _offices(store, q.names, exact) or _bodies(store, q.names, exact)
        if not orgs:
            return []
    elif exact:
        scope = {"org": [ox.NamedNode(r["org"]) for r in select(
            store, "SELECT DISTINCT ?org WHERE { GRAPH ?g { ?org pk:jurisdiction ?j } }",
            j=[ox.NamedNode(j) for j in exact])]}
        if not scope["org"]:
            return []
    if q.concepts and not indexed:
        orgs |= {r["org"] for r in select(store, "SELECT DISTINCT ?org WHERE { GRAPH ?g { ?org org:classification ?c } }",
                                          c=[ox.NamedNode(c) for c in q.concepts], **scope)}
    if q.names and not indexed:
        labels = [ox.Literal(n, language="zh") for n in q.names] + [ox.Literal(n) for n in q.names]
        orgs |= {r["org"] for r in select(store, """SELECT DISTINCT ?org WHERE {
                    GRAPH ?g { ?org rdfs:label ?label ; a org:Organization }
                    FILTER NOT EXISTS { ?org a pk:CoordinationBody } }""", label=labels, **scope)}
    if not orgs and q.names and not q.concepts and not indexed:
        orgs |= _offices(store, q.names, None, **scope)
    if not orgs and q.names and not q.concepts and not indexed:
        orgs = _bodies(store, q.names, exact or None)
    if not orgs or not (jurisdiction or q.prefix or q.national):
        return sorted(orgs)
    of = select(store, "SELECT DISTINCT ?org ?j WHERE { GRAPH ?g { ?org pk:jurisdiction ?j } }",
                org=[ox.NamedNode(o) for o in sorted(orgs)])
    places = jurisdictions(store, (r["j"] for r in of))
    # a place named by its start (祁门) takes in the places within it as one named exactly does
    inside = set(exact) if exact else set() if not jurisdiction or only or _a_level(jurisdiction) else \
        set(_places(store, jurisdiction, found))
    keep = {r["org"] for r in of if r["j"] in places
            and _jurisdiction_matches(*places[r["j"]], None if r["j"] in inside else jurisdiction, q.prefix, q.national)}
    return sorted(keep)


def _offices(store: ox.Store, names: Sequence[str], places: Sequence[str] | None = None, **scope: Any) -> set[str]:
    """The offices of coordination bodies `names` name by the end of their name (应急指挥部办公室
    for 盟重大沙尘暴灾害应急指挥部办公室): outside the registry, named as each notice names its
    body; of `places` if given (`scope`: among these organisations)."""
    values: dict[str, Any] = {"name": [ox.Literal(n) for n in names], **scope}
    if places is not None:
        values["j"] = [ox.NamedNode(j) for j in places]
    return {r["org"] for r in select(store, f"""SELECT DISTINCT ?org WHERE {{
                GRAPH ?g {{ ?org a org:OrganizationalUnit ; org:subOrganizationOf ?body ; rdfs:label ?label
                           {". ?org pk:jurisdiction ?j" if places is not None else ""} }}
                FILTER(STRENDS(STR(?label), STR(?name))) }}""", **values)}


def _bodies(store: ox.Store, names: Sequence[str], places: Sequence[str] | None = None) -> set[str]:
    """The coordination bodies `names` name, by their name or its end (联席会议: every joint
    meeting; 促进3岁以下婴幼儿照护服务发展工作联席会议: each place's), of `places` if given: a
    body's own duties (一、主要职责) are assigned to it, as a department's are to that."""
    values: dict[str, Any] = {"name": [ox.Literal(n) for n in names]}
    if places is not None:
        values["j"] = [ox.NamedNode(j) for j in places]
    return {r["org"] for r in select(store, f"""SELECT DISTINCT ?org WHERE {{
                GRAPH ?g {{ ?org a pk:CoordinationBody ; rdfs:label ?label {". ?org pk:jurisdiction ?j" if places is not None else ""} }}
                FILTER(STRENDS(STR(?label), STR(?name))) }}""", **values)}


# --- duties and tasks -------------------------------------------------------------------------------

# How queries are written here, on measurement (tests/bench/bench_query.py): required
# patterns go inside GRAPH ?graph (the union default graph repeats a triple once per notice
# stating it, and an organisation is named in many notices); each OPTIONAL is one triple
# pattern outside the GRAPH block — Oxigraph looks those up by index, while an OPTIONAL
# inside a GRAPH block or of several triples is joined against all its matches in the
# store; details of clauses and jurisdictions come from small follow-up queries bound by
# VALUES.
# An assignment's own OPTIONALs name its graph too: every triple of an assignment is in the
# notice's graph, and a lookup in one graph reads the store where that notice's triples lie
# together, where one in the union reads them by subject, scattered over the whole store
# (duties 卫健委 read from the store, tests/bench/README.md). Its span's offsets are read off
# the span's IRI (`graph.span_offsets`), not looked up: they are the IRI's, as written.
_ASSIGNMENTS = """
    SELECT ?a ?graph ?org ?role ?sp ?action ?text ?task ?tag ?clause WHERE {
      GRAPH ?graph { ?a pk:assignee ?org ; pk:role ?role ; pk:span ?sp }
      OPTIONAL { GRAPH ?graph { ?a pk:actionLabel ?action } }
      OPTIONAL { GRAPH ?graph { ?a pk:tagSpan ?tag } }
      OPTIONAL { GRAPH ?graph { ?a pk:dutyText ?text } }
      OPTIONAL { GRAPH ?graph { ?a pk:task ?task } }
      OPTIONAL { GRAPH ?graph { ?a prov:wasDerivedFrom ?clause } }
    }"""

# An assignee's name, concept and place as the notice assigning it states them: read once for
# each (organisation, notice), not again for each of its assignments there.
_ASSIGNEES = """
    SELECT ?org ?graph ?department ?concept ?j WHERE {
      OPTIONAL { GRAPH ?graph { ?org rdfs:label ?department } }
      OPTIONAL { GRAPH ?graph { ?org org:classification ?concept } }
      OPTIONAL { GRAPH ?graph { ?org pk:jurisdiction ?j } }
    }"""

_CLAUSES = """
    SELECT ?clause ?g ?clause_id ?clause_label ?sp WHERE {
      GRAPH ?g { ?clause dct:identifier ?clause_id ; pk:span ?sp }
      OPTIONAL { GRAPH ?g { ?clause pk:clauseLabel ?clause_label } }
    }"""


def _span_ends(store: ox.Store, rows: list[dict[str, Any]], graph: str = "graph") -> list[dict[str, Any]]:
    """The rows with each one's span ``sp`` turned into ``src``, ``start`` and ``end`` (in
    its place among the keys): read off the IRI (`graph.span_offsets`); a span that is no
    RFC 5147 IRI has them looked up (``pk:start``, ``pk:end`` in the row's `graph`), its
    ``src`` the IRI's part before ``#char=`` if any. A row whose span has no offsets is left
    out, as the span pattern of a query leaves it (`span_pattern`), and so is one whose span
    is a blank node (`graph` writes none)."""
    from .graph import span_offsets

    out: list[dict[str, Any]] = []
    odd: list[tuple[int, str]] = []
    for r in rows:
        sp = r["sp"]
        found = span_offsets(sp) if sp else None
        if found is None:
            odd.append((len(out), sp))
            found = (None, None, None)
        new: dict[str, Any] = {}
        for k, v in r.items():
            if k == "sp":
                new["src"], new["start"], new["end"] = found
            else:
                new[k] = v
        out.append(new)
    if not odd:
        return out
    ends = {(e["sp"], e["g"]): e for e in select(
        store, "SELECT ?sp ?g ?start ?end WHERE { GRAPH ?g { ?sp pk:start ?start ; pk:end ?end } }", split_on="sp__g",
        sp__g=sorted({(ox.NamedNode(sp), ox.NamedNode(out[k][graph])) for k, sp in odd if sp and not sp.startswith("_:")},
                     key=str))}
    dropped = set()
    for k, sp in odd:
        r = out[k]
        e = ends.get((sp, r[graph])) if sp else None
        if e is None or e["start"] is None or e["end"] is None:
            dropped.add(k)
            continue
        before, sep, _ = sp.partition("#char=")
        r["src"], r["start"], r["end"] = before if sep and _SCHEME.match(before) else None, e["start"], e["end"]
    return [r for k, r in enumerate(out) if k not in dropped] if dropped else out


def _assignments(store: ox.Store, orgs: Sequence[str] | None = None,
                 iris: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Every duty and task assignment (of `orgs`, or those named by `iris`, if given), one
    dict each, in text order."""
    values: dict[str, Any] = {} if orgs is None else {"org": [ox.NamedNode(o) for o in orgs]}
    if iris is not None:
        values["a"] = [ox.NamedNode(a) for a in iris]
    rows, seen = [], set()
    for r in select(store, _ASSIGNMENTS, split_on="a" if iris is not None else "org", **values):
        if r["a"] in seen:  # a second span or text: the first one is enough
            continue
        seen.add(r["a"])
        rows.append(r)
    rows = _span_ends(store, rows)
    if not rows:
        return []
    assignees: dict[tuple[str, str], dict[str, Any]] = {}
    pairs = sorted({(r["org"], r["graph"]) for r in rows})
    for o in select(store, _ASSIGNEES, split_on="org__graph",
                    org__graph=[(ox.NamedNode(org), ox.NamedNode(g)) for org, g in pairs]):
        assignees.setdefault((o["org"], o["graph"]), o)  # a second label or concept: the first one is enough
    clauses: dict[str, dict[str, Any]] = {}
    wanted = sorted({r["clause"] for r in rows if r["clause"]})
    if wanted:
        for c in _span_ends(store, select(store, _CLAUSES, split_on="clause", clause=[ox.NamedNode(c) for c in wanted]),
                            "g"):
            clauses.setdefault(c["clause"], c)
    index = _notice_index(store, (r["graph"] for r in rows))
    for r in rows:
        o = assignees.get((r["org"], r["graph"]), {})
        r["department"], r["concept"], r["j"] = o.get("department"), o.get("concept"), o.get("j")
    places = jurisdiction_labels(store, (r["j"] for r in rows))
    for r in rows:
        c = clauses.get(r["clause"], {})
        r["clause_id"], r["clause_label"], r["cstart"] = c.get("clause_id"), c.get("clause_label"), c.get("start")
        r["jurisdiction"] = places.get(r["j"])
        r["notice"] = index.get(r["graph"], {}).get("label")
        complete_assignment(r)
    rows.sort(key=assignment_order)
    return rows


def complete_assignment(r: dict[str, Any]) -> dict[str, Any]:
    """Add to an assignment row the keys that follow from the others: kind, and the span
    its row shows — a task's is its clause up to the end of its tag: the task and who got it.
    A task's start and end are its tag's (pk:tagSpan; its pk:span is the task's text)."""
    r["kind"] = "task" if r["task"] else "duty"
    tag = r.pop("tag", None)  # …/source#char=start,end: read here, not kept (the index holds no such key)
    if r["task"] and tag:
        r["start"], r["end"] = map(int, tag.rpartition("#char=")[2].split(","))
    r["_start"] = r["cstart"] if r["task"] and r["cstart"] is not None and r["cstart"] <= r["start"] else r["start"]
    r["_end"], r["_src"] = r["end"], r["src"]
    return r


def assignment_order(r: dict[str, Any]) -> tuple:
    """Assignments in text order: by place, notice, position, and the departments of one task
    in the order its tag names them (its assignments' IRIs end in that number:
    市卫生健康委、发展改革委、… /1, /2, …), else by name."""
    tail = r["a"].rpartition("/")[2]
    return (r["jurisdiction"] or "", r["notice"] or "", r["_start"], r["start"], int(tail) if tail.isdigit() else 0,
            r["department"] or "", r["a"])


def _duty_row(r: dict[str, Any]) -> dict[str, Any]:
    return {"kind": r["kind"], "department": r["department"], "jurisdiction": r["jurisdiction"],
            "role": local(r["role"]), "action": r["action"], "text": r["text"], "notice": r["notice"],
            "clause": r["clause_label"], "clause_id": r["clause_id"], "concept": local(r["concept"]) or None,
            "iri": r["a"], "_src": r["_src"], "_start": r["_start"], "_end": r["_end"]}


def duties(store: ox.Store, department: str, *, jurisdiction: str | None = None,
           explain: bool = False, index: str | Path | None = None, only: bool = False) -> list[dict[str, Any]]:
    """Every duty (职责分工) and task assignment (from task tags, ``kind`` = task) of the
    department `department` names, in any jurisdiction or only in `jurisdiction` (a name
    such as 祁门县 — with the places within it, its townships, unless `only` — or a level:
    县, county). An unknown name gives no rows.

    Row keys: kind, department, jurisdiction, role, action, text, notice, clause (label as
    written), clause_id, concept, iri (+ source, start, end with `explain`). `index`: the
    ``who-index.sqlite`` a build wrote beside `store`, which holds every assignment's row
    (read when the store carries its digest, see `who`)."""
    found = open_index(store, index) if index is not None else None
    orgs = organisations(store, department, jurisdiction, found=found, only=only)
    if not orgs:
        return []
    rows = found.assignments(orgs) if found is not None else _assignments(store, orgs)
    return _finish(store, [_duty_row(r) for r in rows], explain)


def known_department(store: ox.Store, department: str) -> bool:
    """True if the registry knows `department` or an organisation of the store has that name."""
    q = department_query(department)
    return bool(q.concepts) or bool(organisations(store, department))


# --- who: ranked keyword search over duty and task statements -------------------------------------------

_INDEXES: dict[tuple, StatementIndex] = {}


def statement_index(store: ox.Store) -> StatementIndex:
    """The BM25 index of `store`, built once per store object and set of notices (graph and
    text digest) and reused while they stay the same."""
    digests = select(store, "SELECT ?graph ?sha WHERE { GRAPH ?graph { ?s pk:sha256 ?sha } }")  # one a notice
    key = (id(store),) + tuple(sorted((r["graph"], r["sha"]) for r in digests))
    index = _INDEXES.get(key)
    if index is None:
        rows = _assignments(store)
        index = StatementIndex.build(rows, source_texts(store, (r["src"] for r in rows)))
        if len(_INDEXES) >= 4:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[key] = index
    return index


def who(store: ox.Store, topic: str, *, limit: int | None = None, explain: bool = False,
        scoring: str = "bm25", index: str | Path | None = None,
        jurisdiction: str | None = None, only: bool = False) -> list[dict[str, Any]]:
    """Who is responsible for `topic` (消防, 食品安全, 用地 …): every department whose duty
    or task statement says it, best statements first (BM25 over jieba search tokens). Each
    phrase of the topic (区块链 消防: two) is looked for whole (综合监管, not 综合 or 监管
    apart); one no statement says, by its parts, all required (`who_unsaid` says so).
    A word of the topic thesaurus (ontology/topics.ttl) also finds the other names of its
    topic, ranked below the words as typed unless scoring higher on their own (食品安全 also
    finds 饮食安全: `search.rank_matched`); ``matched`` says which word a statement was found by.

    `index`: the ``who-index.sqlite`` a build wrote beside `store` (see `search`); used
    when the store carries its digest, else the index is built in memory from the store.
    Row keys: rank (of the statement), score, matched, department, jurisdiction, role, kind, text,
    notice, clause, clause_id, concept, iri (+ source, start, end with `explain`).
    `limit` caps the number of rows. `jurisdiction` (祁门县, 祁门, or a level: 县, county, as
    `duties -j` reads it): only the departments of that place (and of the places within it unless
    `only`), ranked among themselves (the statements are ranked over every notice: BM25's
    weights are the corpus's)."""
    topic = clean(topic or "")
    if not has_words(topic):
        return []
    idx = _who_index(store, index)
    if jurisdiction is not None:
        return _who_in(store, idx, topic, scoring, limit, explain, jurisdiction, only)
    ranked = rank_matched(idx, topic, scoring, top=limit or None)  # a statement gives one row or more
    if limit:  # only the statements whose rows are shown
        kept, n, k = [], 0, 0
        while n < limit and k < len(ranked):
            chunk, k = ranked[k:k + 256], k + 256
            sizes = idx.sizes([i for _, i, _ in chunk])
            for score, i, word in chunk:
                if n >= limit:
                    break
                kept.append((score, i, word))
                n += sizes[i]
        ranked = kept
    rows_of = idx.rows(store, [i for _, i, _ in ranked])
    rows: list[dict[str, Any]] = []
    for position, (score, i, word) in enumerate(ranked, 1):
        for r in rows_of.get(i, ()):
            if limit and len(rows) >= limit:
                return _finish(store, rows, explain)
            rows.append(_who_row(position, score, word, r))
    return _finish(store, rows, explain)


def _who_row(position: int, score: float, word: str, r: dict[str, Any]) -> dict[str, Any]:
    """A row of `who`: the statement's rank, score and the word it was found by, then the
    assignment as `duties` shows it (without its action)."""
    row = _duty_row(r)
    return {"rank": position, "score": round(score, 3), "matched": word, **{k: row[k] for k in row if k != "action"}}


def _who_in(store: ox.Store, idx, topic: str, scoring: str, limit: int | None, explain: bool,
            jurisdiction: str, only: bool = False) -> list[dict[str, Any]]:
    """`who` of the departments of one place: the statements in rank order, a chunk at a
    time, each with its rows of that place (ranks counted among those that have any)."""
    places = set(_places(store, jurisdiction, idx if isinstance(idx, DiskIndex) else None, only=only))
    rows: list[dict[str, Any]] = []
    if not places:
        return rows
    mine_only = idx.statements_in(places)  # rows are read only for the statements of the place
    ranked = [x for x in rank_matched(idx, topic, scoring) if x[1] in mine_only]
    position = 0
    for at in range(0, len(ranked), 256):
        chunk = ranked[at:at + 256]
        rows_of = idx.rows(store, [i for _, i, _ in chunk])
        for score, i, word in chunk:
            mine = [r for r in rows_of.get(i, ()) if r["j"] in places]
            position += bool(mine)
            for r in mine:
                if limit and len(rows) >= limit:
                    return _finish(store, rows, explain)
                rows.append(_who_row(position, score, word, r))
    return _finish(store, rows, explain)


def who_count(store: ox.Store, topic: str, *, scoring: str = "bm25", index: str | Path | None = None,
              jurisdiction: str | None = None, only: bool = False) -> int:
    """How many rows `who` gives for `topic` with no limit, counted without reading them
    (but those of one place, `jurisdiction`, `only` as `who` reads them): what a limited answer leaves out (the command
    line says so, and how to see them all)."""
    topic = clean(topic or "")
    if not has_words(topic):
        return 0
    idx = _who_index(store, index)
    if jurisdiction is not None:
        return len(_who_in(store, idx, topic, scoring, None, False, jurisdiction, only))
    return sum(idx.sizes([i for _, i, _ in rank_matched(idx, topic, scoring)]).values())


def who_unsaid(store: ox.Store, topic: str, *, index: str | Path | None = None) -> list[str]:
    """One line for each phrase of `topic` no statement says, for the analyst (the command
    line writes them on stderr): what `who` looked for instead, or what the statements do
    say of it (`search.unsaid`): ``no statement says 登记注册; looked for those saying 登记
    and 注册 (matched 登记+注册)``, ``no statement says 消防救援; try 消防``."""
    topic = clean(topic or "")
    if not has_words(topic):
        return []
    lines = []
    for phrase, parts, held in unsaid(_who_index(store, index), topic):
        if parts:
            lines.append(f"no statement says {phrase}; looked for those saying {' and '.join(parts)} "
                         f"(matched {'+'.join(parts)})")
        else:
            lines.append(f"no statement says {phrase}" + (f"; try {' or '.join(held)}" if held else ""))
    return lines


def _who_index(store: ox.Store, index: str | Path | None) -> "DiskIndex | StatementIndex":
    """The build's index at `index` if `store` carries its digest, else one built in memory."""
    found = open_index(store, index) if index is not None else None
    return found if found is not None else statement_index(store)


# --- members of the joint meeting ----------------------------------------------------------------------


def members(store: ox.Store, notice: str | None = None, *, explain: bool = False) -> list[dict[str, Any]]:
    """The member units of each notice's joint meeting, in the order the notice lists them.

    `notice`: a 文号, file stem or jurisdiction (see `match_notices`); None for all.
    Row keys: notice, position, department, concept, jurisdiction, stated (the count the
    notice states, …等21个单位), iri (+ source, start, end: the name in the member list, the
    membership's span: not the unit's first mention, which may be in another sentence)."""
    chosen = match_notices(store, notice)
    if not chosen:
        return []
    index = {n["graph"]: n for n in chosen}
    rows = select(store, """
        SELECT ?graph ?ms ?m ?org ?department ?concept ?j ?stated WHERE {
          GRAPH ?graph { ?ms org:organization ?m ; org:member ?org }
          OPTIONAL { GRAPH ?graph { ?org rdfs:label ?department } }
          OPTIONAL { GRAPH ?graph { ?org org:classification ?concept } }
          OPTIONAL { GRAPH ?graph { ?org pk:jurisdiction ?j } }
          OPTIONAL { GRAPH ?graph { ?m pk:statedMemberCount ?stated } }
        }""", graph=[ox.NamedNode(g) for g in index])  # (org:organization is a membership's: no type test; 1.8 → 1.4 ms at 10,000)
    # a body's members, not its working groups' (专项工作组: org:Memberships in the group)
    groups = {r["m"] for r in select(store, "SELECT ?m WHERE { GRAPH ?graph { ?m a pk:WorkingGroup } }",
                                     graph=[ox.NamedNode(g) for g in index])}
    rows = [r for r in rows if r["m"] not in groups] if groups else rows
    for r, span in zip(rows, _membership_spans(store, rows)):
        r["src"], r["start"], r["end"] = span or (None, None, None)
    places = jurisdiction_labels(store, (r["j"] for r in rows))
    out, seen = [], set()
    for r in rows:
        if r["ms"] in seen:
            continue
        seen.add(r["ms"])
        n = index[r["graph"]]
        out.append({"notice": n["label"], "position": int(local(r["ms"])), "department": r["department"],
                    "concept": local(r["concept"]) or None, "jurisdiction": places.get(r["j"]),
                    "stated": r["stated"], "iri": r["org"], "_graph": r["graph"],
                    "_src": r["src"], "_start": r["start"], "_end": r["end"]})
    order = {n["graph"]: k for k, n in enumerate(chosen)}
    out.sort(key=lambda r: (order[r["_graph"]], r["position"]))
    return _finish(store, out, explain)


_CHANGE_KINDS = {PK + "MemberJoining": "joined", PK + "MemberLeaving": "left", PK + "PostSuccession": "succession",
                 PK + "MemberCountChange": "recounted"}


def changes(store: ox.Store, notice: str | None = None, *, explain: bool = False) -> list[dict[str, Any]]:
    """What each adjustment notice changes in its body (org:ChangeEvent: pk:MemberJoining,
    pk:MemberLeaving, pk:PostSuccession), in the notice's order.

    `notice`: a 文号, file stem or jurisdiction (see `match_notices`); None for all.
    Row keys: notice, body, kind (joined | left | succession | recounted: 成员单位由12个调整为15个, its post
    "12 → 15"; 成员单位增加3个: "+3", 减少1个: "−1"), department (the unit joining or
    leaving), post (the post passing, as written: 领导小组副组长) and role (its role's label: 副组长),
    outgoing and incoming (who leaves and takes it: names, none in a graph built --no-persons),
    new_post (the label of the post the incoming holder holds in the body, when read), reason
    (因工作变动's 工作变动), clause (its id), iri (+ source, start, end: the item's words)."""
    from .graph import _labels, span_offsets

    chosen = match_notices(store, notice)
    if not chosen:
        return []
    index = {n["graph"]: n for n in chosen}
    rows = select(store, """
        SELECT ?graph ?c ?type ?body ?sp ?clause_id ?unit ?role ?written ?out ?in ?post ?reason ?before ?after ?by WHERE {
          GRAPH ?graph { ?c a org:ChangeEvent ; a ?type ; org:resultingOrganization ?b ; pk:span ?sp ;
                            prov:wasDerivedFrom ?clause . ?b rdfs:label ?body . ?clause dct:identifier ?clause_id }
          OPTIONAL { GRAPH ?graph { ?c pk:changedUnit/rdfs:label ?unit } }
          OPTIONAL { GRAPH ?graph { ?c pk:changedRole ?role } }
          OPTIONAL { GRAPH ?graph { ?c pk:changedPostText ?written } }
          OPTIONAL { GRAPH ?graph { ?c pk:outgoingHolder/foaf:name ?out } }
          OPTIONAL { GRAPH ?graph { ?c pk:incomingHolder/foaf:name ?in } }
          OPTIONAL { GRAPH ?graph { ?c pk:newPost/rdfs:label ?post } }
          OPTIONAL { GRAPH ?graph { ?c pk:changeReason ?reason } }
          OPTIONAL { GRAPH ?graph { ?c pk:resultingMemberCount ?after OPTIONAL { ?c pk:previousMemberCount ?before } } }
          OPTIONAL { GRAPH ?graph { ?c pk:memberCountDelta ?by } }
        }""", graph=[ox.NamedNode(g) for g in index])
    labels = _labels("policykg.ttl")
    out, seen = [], set()
    for r in rows:
        kind = _CHANGE_KINDS.get(r["type"])
        if kind is None or r["c"] in seen:
            continue
        seen.add(r["c"])
        src, start, end = span_offsets(r["sp"]) or (None, None, None)
        if kind == "recounted" and r["after"] is not None:  # 成员单位由12个调整为15个: 12 → 15
            r["written"] = f"{r['before'] if r['before'] is not None else '?'} → {r['after']}"
        elif kind == "recounted" and r["by"] is not None:  # 成员单位增加3个: +3, 减少1个: −1
            r["written"] = f"{'+' if r['by'] >= 0 else '−'}{abs(r['by'])}"
        out.append({"notice": index[r["graph"]]["label"], "body": r["body"], "kind": kind,
                    "department": r["unit"], "role": labels.get(r["role"] or "", {}).get("zh") if r["role"] else None,
                    "post": r["written"], "outgoing": r["out"], "incoming": r["in"], "new_post": r["post"],
                    "reason": r["reason"],
                    "clause": r["clause_id"], "iri": r["c"], "_graph": r["graph"],
                    "_src": src, "_start": start, "_end": end})
    order = {n["graph"]: k for k, n in enumerate(chosen)}
    out.sort(key=lambda r: (order[r["_graph"]], r["_start"] if r["_start"] is not None else -1, r["iri"]))
    return _finish(store, out, explain)


def _membership_spans(store: ox.Store, rows: list[dict[str, Any]]) -> list[tuple[str, int, int] | None]:
    """For each row's membership (?ms, in ?graph), its span: (source, start, end) read off the
    span's IRI (`graph.span_offsets`), None if it has none (a store built before memberships
    had spans). Not an OPTIONAL of the members query: Oxigraph joins that by reading every
    pk:span of the store first (3.6 s for one notice of 10,000; 1.2 s of 1,000); looked up
    here a membership at a time (0.3 ms for 21), or on a server in one query given them."""
    from .graph import span_offsets

    link = ox.NamedNode(PK + "span")
    if isinstance(store, ox.Store):
        found = {r["ms"]: next((q.object.value for q in store.quads_for_pattern(
            ox.NamedNode(r["ms"]), link, None, ox.NamedNode(r["graph"]))), None) for r in rows}
    else:
        found = {r["ms"]: r["sp"] for r in select(store, "SELECT ?ms ?sp WHERE { ?ms pk:span ?sp }",
                                                  split_on="ms", ms=[ox.NamedNode(r["ms"]) for r in rows])} if rows else {}
    return [span_offsets(found[r["ms"]]) if found.get(r["ms"]) else None for r in rows]


# --- cited documents -------------------------------------------------------------------------------------


CITED_BY_SHOWN = 20  # refs' cited_by names the citing notices up to this many, else counts them


def _citers(store: ox.Store, docs: Sequence[str]) -> dict[str, int]:
    """{document: how many notices cite it}, counted in the store (`DiskIndex.citers`)."""
    return {r["doc"]: r["n"] for r in select(store, """
        SELECT ?doc (COUNT(DISTINCT ?graph) AS ?n) WHERE { GRAPH ?graph { ?c pk:citedDocument ?doc } }
        GROUP BY ?doc""", doc=[ox.NamedNode(d) for d in docs])}


def _citing(store: ox.Store, docs: Sequence[str]) -> dict[str, set[str]]:
    """{document: the graphs of the notices citing it}, read in the store (`DiskIndex.citing`)."""
    out: dict[str, set[str]] = {}
    for r in select(store, "SELECT DISTINCT ?graph ?doc WHERE { GRAPH ?graph { ?c pk:citedDocument ?doc } }",
                    doc=[ox.NamedNode(d) for d in docs]):
        out.setdefault(r["doc"], set()).add(r["graph"])
    return out


def refs(store: ox.Store, notice: str | None = None, *, explain: bool = False,
         index: str | Path | None = None) -> list[dict[str, Any]]:
    """The documents each notice cites, one row per (notice, cited document), in text order.

    Row keys: notice, title, number, kind (document | law | internal), relation (based_on |
    cites | internal), cited_by (the notices of the store citing it, ``; ``-joined; past
    `CITED_BY_SHOWN` of them, the row's notice and "… N more"),
    resolves_to (the notice of the store it is: same 文号, same title, a title issued by
    「印发《…》」, or the citing notice's own part), own_part (what of its own notice an internal
    reference cites: attachment | issued — the document it issues — | notice), iri (+ source,
    start, end: first citation). An internal reference's title is the one the text cites (《…》),
    never its notice's title, and it has no number.
    `index`: the build's ``who-index.sqlite``, which counts the citing notices when the
    store vouches for it (see `who`)."""
    chosen = [n["graph"] for n in match_notices(store, None)] if notice is None else match_graphs(store, notice)
    if not chosen:
        return []
    scope = {} if notice is None else {"graph": [ox.NamedNode(g) for g in chosen]}
    rows = select(store, f"""
        SELECT ?graph ?c ?kind ?doc ?title ?number ?src ?start ?end WHERE {{
          GRAPH ?graph {{ ?c a pk:Citation ; pk:referenceKind ?kind ; pk:citedDocument ?doc . {span_pattern("c")} }}
          OPTIONAL {{ GRAPH ?graph {{ ?doc dct:title ?title }} }}
          OPTIONAL {{ GRAPH ?graph {{ ?doc eli:id_local ?number }} }}
        }}""", **scope)
    # eli:based_on read apart: as an OPTIONAL beside ?doc, the store looked for every notice
    # based on that document (16 ms for one notice at 10,000; alone, 0.2 ms)
    based = {(r["graph"], r["doc"]) for r in select(store, "SELECT ?graph ?doc WHERE { GRAPH ?graph { ?n eli:based_on ?doc } }",
                                                    **scope)}
    texts = source_texts(store, {r["src"] for r in rows if r["kind"] == "internal"})
    for r in rows:  # an internal reference names its title only in the text: 《…》
        r["quote"] = texts[r["src"]][r["start"]:r["end"]] if r["src"] in texts else None
        r["based"] = (r["graph"], r["doc"]) in based
    # Who else cites each outside document: counted in the index or the store (an internal
    # reference points to a clause, never to one of these); named only when there are few.
    outside = sorted({r["doc"] for r in rows if r["kind"] != "internal"})
    found = open_index(store, index) if index is not None and outside else None
    count, name = (found.citers, found.citing) if found is not None else (partial(_citers, store), partial(_citing, store))
    citers = count(outside) if outside else {}
    few = [d for d in outside if citers.get(d, 0) <= CITED_BY_SHOWN]
    cited_by = name(few) if few else {}  # cited document → the notices citing it (all, when few)
    titles_of: dict[tuple[str, str], set[str]] = {}
    for x in rows:
        if x["title"]:
            titles_of.setdefault((x["graph"], x["doc"]), set()).add(x["title"])

    def title_of(r: dict[str, Any]) -> str | None:
        quote = (r["quote"] or "").strip()
        cited = quote[1:-1] if quote.startswith("《") and quote.endswith("》") else None
        if r["kind"] == "internal":  # its document may be the notice itself: not that title
            return cited
        titles = sorted(titles_of.get((r["graph"], r["doc"]), ()))
        return titles[0] if titles else cited

    def own_part(r: dict[str, Any], title: str | None) -> str | None:
        """What of its notice an internal reference cites: an attachment (a zone att…), the
        notice itself (its title), else the document it issues (its main zone, or the one its
        title names: 印发《X》的通知, 印发X的通知)."""
        if r["kind"] != "internal":
            return None
        n = by_graph[r["graph"]]
        if r["doc"] != n["iri"]:
            return "attachment" if r["doc"].removeprefix(n["iri"] + "/clause/").startswith("att") else "issued"
        return "notice" if title and _fold(title) == _fold(n["title"] or "") else "issued"

    # A citation resolves to the notice of the store with its 文号, else its title, else the
    # notice whose title issues it (关于印发《X》的通知): all are lookup keys of the notices.
    named = graphs_named(store, [_fold(x) for r in rows if r["kind"] != "internal"
                                 for x in (r["number"], title_of(r)) if x])
    involved = set(chosen) | {g for gs in cited_by.values() for g in gs} | \
        {g for gs in named.values() for g in gs}
    by_graph = _notice_index(store, involved)
    order = {g: k for k, g in enumerate(by_graph)}

    def resolve(r: dict[str, Any], title: str | None) -> dict[str, Any] | None:
        if r["kind"] == "internal":
            return by_graph.get(r["graph"])
        for x in (r["number"], title):
            hits = sorted(named.get(_fold(x), ()) if x else (), key=lambda g: order.get(g, len(order)))
            if hits and hits[0] in by_graph:
                return by_graph[hits[0]]
        return None

    wanted = set(chosen) & set(by_graph)
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: (r["graph"], r["start"])):
        if r["graph"] not in wanted or (r["graph"], r["doc"]) in first:
            continue
        first[(r["graph"], r["doc"])] = r
    out = []
    for (g, doc), r in first.items():
        title = title_of(r)
        target = resolve(r, title)
        # A document cited across a large corpus names the row's notice and counts the
        # others: thousands of names in one cell inform no one, and cost seconds to list.
        names = [by_graph[x]["label"] for x in sorted(cited_by.get(doc, [g]), key=lambda x: by_graph[x]["label"])]
        more = citers.get(doc, 0) - len(names)
        if more > 0:
            names.append(f"… {more:,} more")
        internal = r["kind"] == "internal"
        out.append({"notice": by_graph[g]["label"], "title": title, "number": None if internal else r["number"],
                    "kind": r["kind"], "relation": "internal" if internal else ("based_on" if r["based"] else "cites"),
                    "cited_by": "; ".join(names), "resolves_to": target["label"] if target else None,
                    "own_part": own_part(r, title),
                    "iri": doc, "_src": r["src"], "_start": r["start"], "_end": r["end"], "_j": by_graph[g]["jurisdiction"] or ""})
    out.sort(key=lambda r: (r["_j"], r["notice"], r["_start"]))
    return _finish(store, out, explain)


# --- meetings side by side ---------------------------------------------------------------------------------


@cache
def class_label(iri: str) -> str:
    """The zh label policykg.ttl gives a class (pk:JointMeeting → 联席会议), else its local name."""
    labels = by_subject("policykg.ttl").get(iri, {}).get(PREFIXES["rdfs"] + "label", [])
    return next((str(v) for v in labels if getattr(v, "language", None) == "zh"), local(iri))


@cache
def _rule_kinds() -> list[tuple[str, str, str]]:
    """(notation, zh label, IRI) of the meeting-rule kinds of cues.ttl, in file order."""
    out = []
    for s, props in by_subject("cues.ttl").items():
        if MEETING in props.get(PREFIXES["skos"] + "inScheme", []):
            zh = next((str(v) for v in props.get(PREFIXES["skos"] + "prefLabel", []) if getattr(v, "language", None) == "zh"), "")
            out.append((local(s), zh, s))
    return out



def participant_order(posts: Iterable[tuple[int | None, str]]) -> list[str]:
    """The labels of (start, label) posts in the order the notice names them."""
    return [label for _, label in sorted(posts, key=lambda p: (p[0] is None, p[0] or 0, p[1]))]


def rule_text(period: str | None, times_min: int | None, times_max: int | None, irregular: bool,
              schedule: str | None = None) -> str:
    """每半年1次 (P6M ×1), 每年1–2次 (P1Y ×1–2), 每年至少1次 (P1Y ×≥1: a least number and
    no greatest), 每季度 (P3M); a period and meetings also as needed, 定期或不定期：每年1次
    (P1Y ×1); with no period, how the rule meets (`schedule`, a notation of pkm:schedules:
    定期, 不定期, 定期或不定期); else 1次, or ✓ (stated, no frequency)."""
    times = note = "" if times_min is None else (f"{times_min}" if times_max == times_min else f"{times_min}–{times_max}")
    if times_min is not None and times_max is None:  # at least (至少: pkc:times-at-least)
        times, note = f"{at_least_word()}{times_min}", f"≥{times_min}"
    says = schedule_words()
    if period:
        words = period_words().get(period, "")
        text = f"{words}{times + '次' if times else ''} ({period}{' ×' + note if note else ''})"
        # a period is a schedule: as needed too, it is both
        return f"{says['regular-or-irregular']}：{text}" if irregular and "regular-or-irregular" in says else text
    if schedule in says:
        return says[schedule]
    if irregular:  # a store written before rules said how they meet (pk:schedule)
        return says.get("irregular", "")
    return f"{times}次" if times else "✓"


def _span_starts(store: ox.Store, rows: list[dict[str, Any]]) -> list[int | None]:
    """The start of each row's span ``sp`` (in its ``graph``), None if it has none: read off
    the IRI (`graph.span_offsets`), else its pk:start looked up (a span no build writes)."""
    from .graph import span_offsets

    found = [span_offsets(r["sp"]) if r["sp"] else None for r in rows]
    odd = sorted({(r["sp"], r["graph"]) for r, f in zip(rows, found)
                  if f is None and r["sp"] and not r["sp"].startswith("_:")})
    starts = {(x["sp"], x["g"]): x["start"] for x in select(
        store, "SELECT ?sp ?g ?start WHERE { GRAPH ?g { ?sp pk:start ?start } }", split_on="sp__g",
        sp__g=[(ox.NamedNode(sp), ox.NamedNode(g)) for sp, g in odd])} if odd else {}
    return [f[1] if f else starts.get((r["sp"], r["graph"])) for r, f in zip(rows, found)]


def meeting_facts(store: ox.Store, graphs: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
    """{graph: what `meetings` reads of that notice} for the notices of `graphs` (None: all)
    that have a joint meeting: ``label`` and ``jurisdiction`` (as `notices` gives them), and
    rows ``found`` (graph, m, stated), ``listed`` ({m: member units listed}), ``listed_at``
    ({m: (source, start, end) from its first listed unit to its last}), ``posts``
    (with ``office``: its holders sit in the office), ``units``, ``rules`` and
    ``participations`` (who chairs, attends or is invited to a kind of meeting: ``kind``,
    None for the joint meeting's meetings as a whole, ``part``, ``label``, its span, and
    ``posts``, the labels of the meeting's posts it names), and ``duties`` (the body's own,
    一、主要职责: ``text`` and its span). The build's index holds the same, read off each notice's quads
    (`search.DiskIndex.meetings`)."""
    values = {"graph": [ox.NamedNode(g) for g in sorted(graphs)]} if graphs is not None else {}
    if values and not values["graph"]:
        return {}
    kinds = {k.iri: k.label for k in body_kinds()}
    found = select(store, """
        SELECT ?graph ?m ?stated ?type ?name WHERE {
          GRAPH ?graph { ?m a pk:CoordinationBody ; a ?type ; rdfs:label ?name }
          OPTIONAL { ?m pk:statedMemberCount ?stated } }""", **values)
    found = [{"graph": r["graph"], "m": r["m"], "stated": r["stated"], "kind": kinds[r["type"]], "name": r["name"]}
             for r in found if r["type"] in kinds]
    if not found:
        return {}
    index = _notice_index(store, {r["graph"] for r in found})
    facts: dict[str, dict[str, Any]] = {}
    for r in found:
        facts.setdefault(r["graph"], {"label": index[r["graph"]]["label"], "jurisdiction": index[r["graph"]]["jurisdiction"],
                                      "found": [], "listed": {}, "listed_at": {}, "posts": [], "units": [],
                                      "rules": [], "participations": [], "duties": [], "groups": [],
                                      "group_parts": []})["found"].append(r)
    where = {r["m"]: r["graph"] for r in found}
    for r in select(store, f"""
            SELECT ?m (COUNT(?ms) AS ?n) (SAMPLE(?src) AS ?source) (MIN(?start) AS ?first) (MAX(?end) AS ?last)
            WHERE {{ GRAPH ?graph {{ ?ms org:organization ?m . {span_pattern("ms")} }} }} GROUP BY ?m""",
                    **({"m": [ox.NamedNode(m) for m in sorted(where)]} if graphs is not None else {})):
        if r["m"] in where:  # how many units it lists, and where: from the first to the last
            facts[where[r["m"]]]["listed"][r["m"]] = r["n"]
            facts[where[r["m"]]]["listed_at"][r["m"]] = [r["source"], r["first"], r["last"]]
    props = ", ".join(f"pk:{p}" for p in MEETING_POSTS)
    # (spans as their IRIs, the offsets read off them: `_span_ends`)
    posts = _span_ends(store, select(store, f"""
        SELECT ?graph ?prop ?label ?sp ?office WHERE {{
          GRAPH ?graph {{ ?m a pk:CoordinationBody ; ?prop ?post . ?post rdfs:label ?label ; pk:span ?sp }}
          OPTIONAL {{ GRAPH ?graph {{ ?post pk:officeMember ?office }} }}
          FILTER(?prop IN ({props}))
        }}""", **values))  # not VALUES ?prop: beside VALUES ?graph it took 1.7 s for 20 notices (FILTER: 7 ms)
    units = select(store, f"""
        SELECT ?graph ?prop ?label ?src ?start ?end WHERE {{
          GRAPH ?graph {{ ?m a pk:CoordinationBody ; ?prop ?org . ?org rdfs:label ?label
                          OPTIONAL {{ ?said rdf:subject ?m ; rdf:predicate ?prop ; rdf:object ?org . {span_pattern("said")} }} }}
          FILTER(?prop IN ({", ".join(f"<{p}>" for p in MEETING_UNITS)}))
        }}""", **values)  # where the text says it, if the graph traces it (在县政府领导下: a reified org:reportsTo)
    duties = _span_ends(store, select(store, """
        SELECT ?graph ?text ?sp WHERE {
          GRAPH ?graph { ?m a pk:CoordinationBody . ?a pk:assignee ?m ; pk:dutyText ?text ; pk:span ?sp }
        }""", **values))  # its own duties (一、主要职责)
    rules = _span_ends(store, select(store, """
        SELECT ?graph ?kind ?label ?period ?tmin ?tmax ?irregular ?schedule ?sp WHERE {
          GRAPH ?graph { ?m pk:meetingRule ?r . ?r pk:ruleKind ?kind ; pk:span ?sp }
          OPTIONAL { ?r rdfs:label ?label } OPTIONAL { ?r pk:period ?period }
          OPTIONAL { ?r pk:timesMin ?tmin } OPTIONAL { ?r pk:timesMax ?tmax }
          OPTIONAL { ?r pk:irregular ?irregular } OPTIONAL { ?r pk:schedule ?schedule }
        }""", **values))
    participations = _span_ends(store, select(store, """
        SELECT ?graph ?p ?kind ?part ?label ?sp WHERE {
          GRAPH ?graph { { ?m pk:meetingRule ?r . ?r pk:ruleKind ?kind ; pk:participation ?p }
                         UNION { ?m a pk:CoordinationBody ; pk:participation ?p }
                         ?p pk:part ?part ; rdfs:label ?label ; pk:span ?sp }
        }""", **values))  # ?kind unbound: the joint meeting's as a whole
    named: dict[tuple[str, str], list[tuple[int | None, str]]] = {}
    # The post's span as one triple, its start read off the IRI: an OPTIONAL of two triples
    # (?post pk:span ?sp . ?sp pk:start ?start) beside several notices named read every
    # post's span of the store first (a place's 22 notices of 1,000: 613 ms against 52).
    said = select(store, """
        SELECT ?graph ?p ?label ?sp WHERE {
          GRAPH ?graph { ?r pk:participation ?p . ?p pk:participant ?post . ?post rdfs:label ?label }
          OPTIONAL { GRAPH ?graph { ?post pk:span ?sp } } }""", **values)
    for r, start in zip(said, _span_starts(store, said)):
        named.setdefault((r["graph"], r["p"]), []).append((start, r["label"]))
    for r in participations:
        r["posts"] = participant_order(named.get((r["graph"], r.pop("p")), ()))
    groups = select(store, f"""
        SELECT ?graph ?wg ?name ?src ?start ?end WHERE {{
          GRAPH ?graph {{ ?wg a pk:WorkingGroup ; rdfs:label ?name . {span_pattern("wg")} }}
        }}""", **values)  # its working groups (专项工作组), each with its head, deputies, members and duties
    group_parts = select(store, f"""
        SELECT ?graph ?wg ?part ?label ?start WHERE {{
          GRAPH ?graph {{ ?wg a pk:WorkingGroup .
                          {{ ?wg ?part ?x . ?x rdfs:label ?label . ?x pk:span/pk:start ?start
                             FILTER(?part IN (pk:head, pk:deputyHead)) }}
                          UNION {{ ?x org:organization ?wg ; org:member ?o . ?o rdfs:label ?label .
                                   ?x pk:span/pk:start ?start BIND(org:member AS ?part) }}
                          UNION {{ ?wg pk:leadUnit ?o . ?o rdfs:label ?label .
                                   ?x rdf:subject ?wg ; rdf:predicate pk:leadUnit ; rdf:object ?o ; pk:span/pk:start ?start
                                   BIND(pk:leadUnit AS ?part) }}
                          UNION {{ ?x pk:assignee ?wg ; pk:dutyText ?label . ?x pk:span/pk:start ?start
                                   BIND(pk:dutyText AS ?part) }} }}
        }}""", **values)
    for key, rows in (("posts", posts), ("units", units), ("rules", rules), ("participations", participations),
                      ("duties", duties), ("groups", groups), ("group_parts", group_parts)):
        for r in rows:
            if r["graph"] in facts:
                facts[r["graph"]][key].append(r)
    return facts


def meetings(store: ox.Store, notices: Sequence[str] | None = None, *,
             explain: bool = False, index: str | Path | None = None) -> list[dict[str, Any]]:
    """The joint meetings side by side: one row per item (jurisdiction, convenor, deputy
    convenor, office, office director, liaison officer, lead unit, member units, then each
    rule kind, followed by who chairs it, attends or may be invited to it: key
    ``plenary_chair`` …; before the kinds, whom the joint meeting as a whole may invite:
    ``meeting_invitee``), one column per notice (its label). `notices`: only those named (文号, file stem or
    jurisdiction, see `match_notices`); None for every notice. Row keys: item, key, then the
    notices' labels. With `explain`, ``<label> source``, ``<label> start``, ``<label> end``.
    `index`: the build's ``who-index.sqlite``, which holds what each notice says of its
    meeting, when the store vouches for it (see `who`)."""
    graphs: list[str] | None = None
    named: dict[str, int] = {}  # graph → the place of the first name that matches it: columns in that order
    if notices:
        for name in notices:
            for g in sorted(match_graphs(store, name)):
                named.setdefault(g, len(named))
        graphs = sorted(named)
        if not graphs:
            return []
    found = open_index(store, index) if index is not None else None
    facts = found.meetings(graphs) if found is not None else meeting_facts(store, graphs)
    if not facts:
        return []
    cols: dict[str, tuple[str, dict[str, Any]]] = {}  # graph → (column label, its meeting)
    taken: set[str] = set()
    for g in sorted(facts, key=lambda g: (named.get(g, 0), facts[g]["jurisdiction"] or "", facts[g]["label"], g)):
        m = min(facts[g]["found"], key=lambda r: (r["m"], r["stated"] is None, r["stated"] or 0))
        label, n = facts[g]["label"], 1
        while label in taken:  # two notices of one title, no 文号
            n += 1
            label = f"{facts[g]['label']} ({n})"
        taken.add(label)
        cols[g] = (label, {**m, "listed": facts[g]["listed"].get(m["m"], 0)})
    posts = [p for g in cols for p in facts[g]["posts"]]
    units = [u for g in cols for u in facts[g]["units"]]
    rules = [x for g in cols for x in facts[g]["rules"]]
    parts = [x for g in cols for x in facts[g].get("participations", ())]
    table: list[dict[str, Any]] = []

    def row(key: str, item: str) -> dict[str, Any]:
        r = {"item": item, "key": key, **{label: None for label, _ in cols.values()}, "_spans": {}}
        table.append(r)
        return r

    def put(r: dict[str, Any], graph: str, text: str, span: tuple | None = None) -> None:
        label = cols[graph][0]
        r[label] = text if r[label] is None else f"{r[label]}；{text}"
        if span and span[0] and label not in r["_spans"]:
            r["_spans"][label] = span

    jur = row("jurisdiction", "辖区")
    for g, (label, m) in cols.items():
        jur[label] = facts[g]["jurisdiction"]
    body = row("body", "机构")  # its name and kind: a joint meeting, a leading group, a headquarters
    for g, (label, m) in cols.items():
        body[label] = f"{m.get('name') or ''}（{m.get('kind') or ''}）"
    by_prop: dict[str, list[dict[str, Any]]] = {}  # sorted once, then one row per property
    for p in sorted(posts + units, key=lambda p: (p["graph"], p.get("start") or 0, p.get("end") or 0, p["label"])):
        by_prop.setdefault(p["prop"], []).append(p)
    for head, deputy in (("convenor", "head"), ("deputyConvenor", "deputyHead")):  # 组长 …: in the rows of 召集人 …
        for p in by_prop.pop(PK + deputy, ()):
            by_prop.setdefault(PK + head, []).append(p)
        by_prop.get(PK + head, []).sort(key=lambda p: (p["graph"], p.get("start") or 0, p.get("end") or 0, p["label"]))
    for key, item, prop in (("convenor", "召集人", "convenor"), ("deputy_convenor", "副召集人", "deputyConvenor"),
                            ("office", "办公室设在", "officeHost"), ("office_director", "办公室主任", "officeDirector"),
                            ("liaison_officer", "联络员", "liaison"), ("lead", "牵头单位", "leadUnit"),
                            ("reports_to", "在…领导下", ORG + "reportsTo")):
        r = row(key, item)
        for p in by_prop.get(prop if prop.startswith("http") else PK + prop, ()):
            if p["graph"] in cols:
                text = p["label"] + ("（办公室成员）" if p.get("office") else "")
                put(r, p["graph"], text, (p.get("src"), p.get("start"), p.get("end")))
    count = row("members", "成员单位数")
    for g, (label, m) in cols.items():
        stated = m["stated"]
        if not m["listed"] and stated is None:
            continue  # the notice lists no members and states no count: not stated, not 0
        count[label] = f"{m['listed']}" + (f"（文中 {stated}）" if stated is not None and stated != m["listed"] else "")
        if m["m"] in facts[g].get("listed_at", {}):  # the list of the units, first to last
            count["_spans"][label] = tuple(facts[g]["listed_at"][m["m"]])
    own = row("duties", "主要职责")  # the body's own duties, each as written (its stop left off)
    for g in cols:
        for x in sorted(facts[g].get("duties", ()), key=lambda x: (x["start"] or 0, x["end"] or 0, x["text"])):
            put(own, g, x["text"].rstrip("。;；.,，"), (x["src"], x["start"], x["end"]))
    groups = row("groups", "专项工作组")  # each: its name (组长 …，副组长 …，成员单位 …，its duties)
    said = {"head": "组长", "deputyHead": "副组长", "leadUnit": "牵头单位", "member": "成员单位"}
    for g in cols:
        parts_of: dict[str, dict[str, list[str]]] = {}
        for x in sorted(facts[g].get("group_parts", ()), key=lambda x: (x["start"] or 0, x["label"])):
            parts_of.setdefault(x["wg"], {}).setdefault(local(x["part"]), []).append(x["label"])
        for x in sorted(facts[g].get("groups", ()), key=lambda x: (x["start"] or 0, x["name"])):
            p = parts_of.get(x["wg"], {})
            text = "，".join([f"{said[k]} {'、'.join(p[k])}" for k in said if p.get(k)]
                            + [t.rstrip("。;；.,，") for t in p.get("dutyText", ())])
            name = x["name"].removeprefix(cols[g][1].get("name") or "\0")  # 规划建设组, not the body's name before it
            put(groups, g, f"{name}（{text}）" if text else name, (x["src"], x["start"], x["end"]))
    by_kind: dict[str, list[tuple]] = {}
    for x in rules:
        if x["graph"] in cols:
            text = rule_text(x["period"], x["tmin"], x["tmax"], bool(x["irregular"]), local(x.get("schedule")) or None)
            by_kind.setdefault(x["kind"], []).append((x["graph"], x["start"] or 0, x["end"] or 0, text, x))
    by_part: dict[tuple[str, str], list[tuple]] = {}  # (rule kind, part) → who, as the notice says it
    for x in parts:
        if x["graph"] in cols:
            text = x["label"] + (f"（{'；'.join(x['posts'])}）" if x["posts"] else "")
            by_part.setdefault((x["kind"], x["part"]), []).append((x["graph"], x["start"] or 0, x["end"] or 0, text, x))
    for part, part_zh, part_iri in meeting_parts():  # who takes part in the joint meeting as a whole
        if (None, part_iri) in by_part:
            r = row(f"meeting_{part}", f"{class_label(PK + 'JointMeeting')} {part_zh}")
            for graph, _, _, text, x in sorted(by_part[(None, part_iri)], key=lambda t: t[:4]):
                put(r, graph, text, (x["src"], x["start"], x["end"]))
    for notation, zh, iri in _rule_kinds():
        if iri not in by_kind:
            continue
        r = row(notation, zh)
        for graph, _, _, text, x in sorted(by_kind[iri], key=lambda t: t[:4]):
            put(r, graph, text, (x["src"], x["start"], x["end"]))
        for part, part_zh, part_iri in meeting_parts():
            if (iri, part_iri) not in by_part:
                continue
            r = row(f"{notation}_{part}", f"{zh} {part_zh}")
            for graph, _, _, text, x in sorted(by_part[(iri, part_iri)], key=lambda t: t[:4]):
                put(r, graph, text, (x["src"], x["start"], x["end"]))
    # whom a body works under and its own duties: rows only where a notice says them
    table = [r for r in table if r["key"] not in ("reports_to", "duties", "groups")
             or any(r[label] for label, _ in cols.values())]
    texts = source_texts(store, (s[0] for r in table for s in r["_spans"].values())) if explain else {}
    for r in table:
        spans = r.pop("_spans")
        if explain:
            for label, _ in cols.values():
                src, s, e = spans.get(label, (None, None, None))
                ok = src in texts
                r[f"{label} source"] = texts[src][s:e] if ok else None
                r[f"{label} start"] = s if ok else None
                r[f"{label} end"] = e if ok else None
    return table


# --- departments -------------------------------------------------------------------------------------------


def _first_details(rows: Iterable[tuple]) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """From (org, graph, notice label, label, concept, jurisdiction) rows, one per notice
    naming the organisation: ({org: label, concept and jurisdiction as its first notice —
    by label, then graph — states them}, {org: the notices naming it}). An organisation its
    first notice gives no label is left out."""
    first: dict[str, tuple] = {}
    count: dict[str, int] = {}
    for r in rows:
        org = r[0]
        count[org] = count.get(org, 0) + 1
        best = first.get(org)
        if best is None or (r[2], r[1]) < (best[2], best[1]):
            first[org] = r
    details = {org: {"label": r[3], "concept": r[4], "j": r[5]} for org, r in first.items() if r[3] is not None}
    return details, {org: count[org] for org in details}


def _store_organisations(store: ox.Store, places: list[str] | None) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """`_first_details` read from the store: the organisations with a pk:jurisdiction among
    `places`, or (None) every organisation; joint meetings left out."""
    scope = {"j": [ox.NamedNode(j) for j in places]} if places is not None else {}
    # Which notices name which organisation (only organisations have pk:jurisdiction); then
    # the name, concept and place of each as its first notice states them: naming and
    # classifying an organisation again in every notice is read once, not per notice.
    pairs = select(store, "SELECT ?org ?graph WHERE { GRAPH ?graph { ?org pk:jurisdiction ?j } }" if scope else
                   "SELECT ?org ?graph WHERE { GRAPH ?graph { ?org a org:Organization } }", **scope)
    meeting_iris = {r["m"] for r in select(store, "SELECT DISTINCT ?m WHERE { GRAPH ?g { ?m a pk:CoordinationBody } }",
                                           **({"m": sorted({ox.NamedNode(r["org"]) for r in pairs}, key=str)}
                                              if scope else {}))}
    pairs = [r for r in pairs if r["org"] not in meeting_iris]
    if not pairs:
        return {}, {}
    notice_index = _notice_index(store, {r["graph"] for r in pairs} if scope else None)
    label_of = lambda g: notice_index.get(g, {}).get("label") or ""
    graphs: dict[str, set[str]] = {}
    for r in pairs:
        graphs.setdefault(r["org"], set()).add(r["graph"])
    first = {org: min(gs, key=lambda g: (label_of(g), g)) for org, gs in graphs.items()}
    stated: dict[str, tuple] = {}  # org → its smallest (label, concept, j) in its first notice
    for r in select(store, """
            SELECT ?org ?graph ?label ?concept ?j WHERE { GRAPH ?graph { ?org rdfs:label ?label }
              OPTIONAL { GRAPH ?graph { ?org org:classification ?concept } }
              OPTIONAL { GRAPH ?graph { ?org pk:jurisdiction ?j } } }""", split_on="org__graph",
                    org__graph=[(ox.NamedNode(o), ox.NamedNode(g)) for o, g in sorted(first.items())]):
        key = (r["label"], r["concept"] or "", r["j"] or "")
        if r["org"] not in stated or key < stated[r["org"]]:
            stated[r["org"]] = key
    details = {org: {"label": label, "concept": concept or None, "j": j or None} for org, (label, concept, j) in stated.items()}
    return details, {org: len(graphs[org]) for org in details}


def _organisation_records(store: ox.Store, places: list[str] | None, found: "DiskIndex | None") -> list[dict[str, Any]]:
    """One record per organisation of `places` (None: all), as `DiskIndex.summary` gives
    them: org, label, concept, j, place (its label), notices, assigned, tasks, member_of —
    from the index's rows of each notice when `found`, else from the store."""
    details, notices_of = (_first_details(found.organisations(places)) if found is not None
                           else _store_organisations(store, places))
    if not details:
        return []
    mine = {"org": sorted({ox.NamedNode(o) for o in details}, key=str)} if places is not None else {}
    if found is not None:
        assigned, tasks = found.counts(list(details))
        member_of = found.memberships(list(details) if places is not None else None)
    else:
        assigned = {r["org"]: r["n"] for r in select(store, """
            SELECT ?org (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a pk:assignee ?org } } GROUP BY ?org""", **mine)}
        tasks = {r["org"]: r["n"] for r in select(store, """
            SELECT ?org (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a pk:TaskAssignment ; pk:assignee ?org } } GROUP BY ?org""",
            **mine)}
        # org:member and org:organization are said of memberships only (ORG's domain): no type pattern
        member_of = {r["org"]: r["n"] for r in select(store, """
            SELECT ?org (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?ms org:member ?org ; org:organization ?m } }
            GROUP BY ?org""", **mine)}
        # the bodies, not their working groups: those counted apart, from the few groups on (0.3 ms at
        # 222 notices; a FILTER NOT EXISTS on every membership took the query from 10.6 to 13.1–21.5 ms)
        for r in select(store, """
                SELECT ?org (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?m a pk:WorkingGroup .
                                                                       ?ms org:organization ?m ; org:member ?org } }
                GROUP BY ?org""", **mine):
            member_of[r["org"]] = int(member_of.get(r["org"], 0)) - int(r["n"])
    wanted = (r["j"] for r in details.values())
    places_of = found.place_labels(wanted) if found is not None else jurisdiction_labels(store, wanted)
    return [{"org": org, **r, "place": places_of.get(r["j"]), "notices": notices_of[org], "assigned": assigned.get(org, 0),
             "tasks": tasks.get(org, 0), "member_of": member_of.get(org, 0)} for org, r in details.items()]


def departments(store: ox.Store, *, jurisdiction: str | None = None, explain: bool = False,
                index: str | Path | None = None, only: bool = False) -> list[dict[str, Any]]:
    """Every organisation of the store (not the joint meetings) with its duty and task counts,
    or only those of `jurisdiction` (a name such as 祁门县, a start such as 祁门 — with the
    places within it unless `only` — or a level: 县, county). `index`: the build's ``who-index.sqlite``, which holds the organisations
    each notice names and counts their duties, tasks and memberships, when the store vouches
    for it (see `who`).

    Row keys: department (its name in the first notice naming it), jurisdiction, concept,
    label_en (the registry's English name), duties, tasks, member_of (joint meetings it is a
    member unit of), notices (that name it), iri (+ source, start, end: its first mention)."""
    from .departments import concept_labels

    found = open_index(store, index) if index is not None else None
    places: list[str] | None = None
    if jurisdiction:
        places = _places(store, jurisdiction, found, only=only)
        if not places:
            return []
    if found is not None and places is None:  # every organisation: summed up once by the build
        records = found.summary()
    else:
        records = _organisation_records(store, places, found)
    if not records:
        return []
    mine = {"org": sorted({ox.NamedNode(r["org"]) for r in records}, key=str)} if places is not None else {}
    table: dict[str, dict[str, Any]] = {}
    for r in records:
        concept = local(r["concept"]) if r["concept"] and r["concept"].startswith(DEPT) else None
        en = None
        if concept:
            try:
                en = concept_labels(concept)["en"]
            except PolicykgError:
                en = None
        table[r["org"]] = {"department": r["label"], "jurisdiction": r["place"], "concept": concept, "label_en": en,
                           "duties": r["assigned"] - r["tasks"], "tasks": r["tasks"], "member_of": r["member_of"],
                           "notices": r["notices"], "iri": r["org"]}
    out = sorted(table.values(), key=lambda t: (t["jurisdiction"] or "", -t["duties"], -t["tasks"], t["department"]))
    if explain:
        firsts: dict[str, dict] = {}
        # each mention's span as its IRI, the offsets read off it (`_span_ends`): 2 lookups
        # fewer a mention, of some 60,000 at 1,000 notices
        for m in _span_ends(store, select(store, """
                SELECT ?org ?g ?sp WHERE { GRAPH ?g { ?ann oa:hasBody ?org ; oa:hasTarget ?sp } }""", **mine), "g"):
            best = firsts.get(m["org"])
            if best is None or (m["src"], m["start"]) < (best["src"], best["start"]):
                firsts[m["org"]] = m
        for t in out:
            m = firsts.get(t["iri"])
            if m:
                t["_src"], t["_start"], t["_end"] = m["src"], m["start"], m["end"]
    return _finish(store, out, explain)


# --- raw SPARQL ----------------------------------------------------------------------------------------------

_UPDATE = re.compile(r"^(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_PROLOGUE = re.compile(r"^(?:(?:#[^\n]*\n?)|(?:PREFIX\s+[\w.-]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>)|\s+)*", re.IGNORECASE)
_SELECT_ALL = re.compile(r"SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([\w\u00B7\u0300-\u036F\u203F-\u2040]+)")


def _in_query_order(names: list[str], body: str) -> list[str]:
    """The columns of ``SELECT *`` in the order their variables first appear in the query,
    as Jena and RDF4J give them (pyoxigraph sorts them by name: ?o ?p ?s)."""
    m = _SELECT_ALL.match(body)
    if not m:
        return names
    first: dict[str, int] = {}
    for v in _VARIABLE.finditer(body, m.end()):
        first.setdefault(v.group(1), v.start())
    return sorted(names, key=lambda n: first.get(n, len(body)))


# What is no prefixed name: strings, IRIs and comments (a syntax error's query is scanned
# for prefixes nobody declared).
_NOT_NAMES = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                        r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_PREFIXED = re.compile(r"(?<![\w?$:.\-])([^\W\d_][\w.\-]*)?:")
_DECLARED = re.compile(r"\bPREFIX\s+([^\W\d_][\w.\-]*)?:", re.IGNORECASE)
_PARSER_ERROR = re.compile(r"error at (\d+):(\d+): expected (one of )?(.*)", re.DOTALL)
# One thing Oxigraph says it expected: a quoted token, a [character class] or a word.
_EXPECTED = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\'"]|\'(?:[^\'\\]|\\.)*\'|"[^"]*")*\]|[^,\s][^,]*')


def _relative_iri(text: str) -> str | None:
    """The first IRI written ``<…>`` in `text` that is relative (no scheme), if the query sets
    no BASE. What looks like one but is a comparison (``?n<10&&?n>2``) is left alone."""
    if re.search(r"\bBASE\s*<", _NOT_NAMES.sub(" ", text), re.IGNORECASE):
        return None
    for m in _NOT_NAMES.finditer(text):
        iri = m.group()
        if iri.startswith("<") and not _SCHEME.match(iri[1:]) and not re.match(r"<[\d?$]|.*(&&|\|\|)", iri):
            return iri[1:-1]
    return None


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# what looks like an absolute IRI, <scheme:…>, but holds a character IRIs cannot (the written
# IRIs are masked in `bare`: what is left failed their pattern)
_IRI_LIKE = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\n]*)>")
_NOT_IN_IRI = re.compile(r'[\x00-\x20"{}|^`\\]')


def _bad_iri(bare: str) -> tuple[str, str] | None:
    """(the IRI, its first character IRIs cannot hold) of the first such ``<scheme:…>`` in
    `bare`; not a comparison (``?n<x:y && ?m>2``)."""
    for m in _IRI_LIKE.finditer(bare):
        bad = _NOT_IN_IRI.search(m.group(1))
        if bad and not re.search(r"&&|\|\|", m.group(1)):
            return m.group(1), bad.group()
    return None


def syntax_message(exc: SyntaxError, text: str) -> str:
    """A SPARQL syntax error as one short line. A prefix the query uses but nobody declared
    is named, with those that are (Oxigraph buries "Prefix not found" in a list of character
    ranges, or reports a keyword it expected after it), and so is a relative IRI (Oxigraph
    says "IRI parsing failed", or a keyword it expected after it); else where the parser
    stopped, the text there, and the tokens it expected — without the character ranges (500
    characters) — or what it said was wrong there (a LIMIT too large for it)."""
    bare = _NOT_NAMES.sub(" ", text)
    bad = _bad_iri(bare)
    if bad is not None:  # else its scheme (http:) would be taken for an undeclared prefix
        iri, char = bad
        said = "a space" if char == " " else "a tab or line break" if char.isspace() else repr(char)
        return (f"SPARQL syntax error: <{iri}> holds a character an IRI cannot ({said}): "
                f"write it percent-encoded (%{ord(char):02X})")
    declared = set(QUERY_PREFIXES) | {m.group(1) or "" for m in _DECLARED.finditer(bare)}
    missing = next((m.group(1) or "" for m in _PREFIXED.finditer(bare) if (m.group(1) or "") not in declared), None)
    if missing is not None:
        return (f"SPARQL syntax error: prefix {missing}: is not declared (declared: "
                f"{', '.join(sorted(QUERY_PREFIXES))}; or write PREFIX {missing}: <…>)")
    relative = _relative_iri(text)
    if relative is not None:
        return (f"SPARQL syntax error: <{relative}> is a relative IRI and the query sets no BASE: "
                "write the full IRI (<http://…>) or a prefixed name")
    m = _PARSER_ERROR.match(str(exc))
    if not m:
        return f"SPARQL syntax error: {' '.join(str(exc).split())}"
    line, column = int(m.group(1)), int(m.group(2))
    lines = text.split("\n")  # as the parser counts lines (not at U+2028, U+0085 …)
    here = lines[line - 1][column - 1:].strip()[:24] if 0 < line <= len(lines) else ""
    rest = "".join(lines[line:]).strip() if 0 < line <= len(lines) else ""
    at = f"at {here!r}" if here else "end of the line" if rest else "end of the query"
    where, said = f"at line {line}, column {column} ({at})", " ".join(m.group(4).split())
    if m.group(3):  # one of: tokens and character classes
        found = [t for t in (t.strip() for t in _EXPECTED.findall(said)) if t]
        told = next((t for t in found if " " in t and t[0] not in "\"["), None)
        if told:  # not a token but what was wrong ("The query limit should be a non negative integer")
            return f"SPARQL syntax error {where}: {told[0].lower() + told[1:] if told[1:2].islower() else told}"
        tokens = [t for t in found if not t.startswith("[")]
        # character classes are where a term may start: digits a number (LIMIT 10), any other
        # an IRI, a name, a variable, a literal (the parser names few of their first characters)
        classes = [t for t in found if t.startswith("[")]
        term = "" if not classes else "a number" if all(re.fullmatch(r"\['0'\.\.='9'\]", t) for t in classes) \
            else "a term (IRI, prefixed name, variable or literal)"
        listed = ("one of " + ", ".join(tokens[:8]) + (", …" if len(tokens) > 8 else "")) if tokens else ""
        said = " or ".join(x for x in (term, listed) if x) or "a name"
    elif " " in said:  # not what was expected but what went wrong: "IRI parsing failed"
        return f"SPARQL syntax error {where}: {said}"
    return f"SPARQL syntax error {where}: expected {said}"


@dataclass
class SparqlResult:
    """What a raw query gave: ``select`` (variables, rows), ``ask`` (boolean) or ``graph``
    (triples of CONSTRUCT/DESCRIBE; `turtle()` writes them with the ontology's prefixes)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def turtle(self) -> str:
        """Turtle with the prefixes the triples use, declared in name order."""
        iris = {t.value for tr in self.triples for t in (tr.subject, tr.predicate, tr.object)
                if isinstance(t, ox.NamedNode)} | {tr.object.datatype.value for tr in self.triples
                                                    if isinstance(tr.object, ox.Literal)}
        used = {p: ns for p, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}
        text = ox.serialize(self.triples, format=ox.RdfFormat.TURTLE, prefixes=used).decode("utf-8")
        # lines end at LF alone: a literal holds U+2028 or U+0085 as it is (str.splitlines cut
        # it there, and a literal's "…\u2028@prefix …" was taken for a prefix line)
        lines = text.split("\n")
        lines = [ln + "\n" for ln in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
        head = [ln for ln in lines if ln.startswith("@prefix")]
        return "".join(sorted(head) + lines[len(head):])


def sparql(store: ox.Store, text: str, *, explain: bool = False) -> SparqlResult:
    """Run a SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE over the union of the notices'
    graphs (or the graphs its FROM clauses name), with `PREFIXES` declared. Updates are refused; any error is one line.

    SELECT rows map each variable to its value (IRIs and literals as strings, unbound as
    None). With `explain`, a row gets the source of the first IRI in it that has a span."""
    from .remote import federated, names_dataset

    head = _PROLOGUE.match(text)
    if _UPDATE.match(text[head.end():] if head else text):
        raise PolicykgError("SPARQL updates are refused: queries here only read the store")
    if isinstance(store, ox.Store) and federated(text):  # a server (--endpoint) decides for itself
        raise PolicykgError("federated queries (SERVICE) are refused: queries here only read the store")
    try:
        # FROM <g> is the query's own default graph: Oxigraph reads the union in its place
        res = store.query(text, use_default_graph_as_union=not names_dataset(text), prefixes=QUERY_PREFIXES)
        if isinstance(res, (ox.QueryBoolean, bool)):  # bool, list: answers of a remote.RemoteStore
            return SparqlResult("ask", boolean=bool(res))
        if isinstance(res, (ox.QueryTriples, list)):  # a set: DESCRIBE gives one per graph holding it
            return SparqlResult("graph", triples=list(dict.fromkeys(res)))
        names = [v.value for v in res.variables]
        raw = [[sol[i] for i in range(len(names))] for sol in res]  # solutions are computed here
    except SyntaxError as exc:
        raise PolicykgError(syntax_message(exc, text)) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise PolicykgError(f"SPARQL query failed: {' '.join(str(exc).split())}") from None
    order = _in_query_order(names, text[head.end():] if head else text)
    if order != names:
        at = [names.index(n) for n in order]
        names, raw = order, [[r[i] for i in at] for r in raw]
    rows = [{n: value(t) for n, t in zip(names, r)} for r in raw]
    if explain:
        iris = sorted({t.value for r in raw for t in r if isinstance(t, ox.NamedNode)})
        spans = {}
        if iris:
            for s in select(store, f"SELECT ?node ?src ?start ?end WHERE {{ {span_pattern('node')} }}",
                            node=[ox.NamedNode(i) for i in iris]):
                spans.setdefault(s["node"], s)
        for r, terms in zip(rows, raw):
            hit = next((spans[t.value] for t in terms if isinstance(t, ox.NamedNode) and t.value in spans), None)
            if hit:
                r["_src"], r["_start"], r["_end"] = hit["src"], hit["start"], hit["end"]
        _finish(store, rows, True)
    return SparqlResult("select", variables=names, rows=rows)
