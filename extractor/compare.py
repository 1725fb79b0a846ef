"""Stage — compare: two notices in the graph → what they share and where they differ.

In: a store (`build.load_store`) and two notice names (文号, file stem, jurisdiction name or
IRI; `find_notice`). Out: `compare(store, a, b)` → a `Comparison`: the units of both
joint meetings aligned through the department registry (县消防救援大队 ↔ 市消防救援支队),
each aligned pair's duty statements paired one to one and labelled shared / reworded /
only-A / only-B with the score and both source spans, each pair with the phrases one
statement says and the other does not (`differing_phrases`), each unit with the tasks task
tags assign it (listed, not paired: they cost the gold-set pairing), the joint meetings
side by side, and a responsibility matrix (unit × topic of `ontology/topics.ttl`, 牵头/负责/配合 per side).
`comparison_quads(c)` states it in RDF (vocabulary: `ontology/compare.ttl`) in the named
graph ``{base}comparison/{A}--{B}``; `add_comparison(store, c)` puts it there.

Everything is read from the graph with SPARQL, never from `Document`s, so a comparison
runs on a store `policykg build` left on disk as well as on notices built in memory.
Rendering (terminal, JSON, CSV, Markdown, HTML) is `report.py`'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Iterable

import pyoxigraph as ox

from .errors import PolicykgError
from .graph import (DCT, DEFAULT_BASE, DEPT, ELI, ORG, PROV, RDF, RDFS, SKOS, XSD, iri_segment,
                    normalise_base, number_slug, span_iri)
from .knowledge import PK, at_least_word, body_kinds, by_subject, meeting_parts, period_words, schedule_words
from .topics import Topic, topic_scheme, topics_of
from .similarity import (CMP, COMPARE_DATA, DEFAULT_METHOD, DEFAULT_THRESHOLD, SHARED_RATIO, TfIdf, assign, make_scorer,
                         wording_ratio)

ALIGN = "http://knowledgeweb.semanticweb.org/heterogeneity/alignment#"
ROLE = "https://w3id.org/policykg/role/"
ROLE_RANK = {"lead": 3, "responsible": 2, "supporting": 1}
ROLE_ZH = {"lead": "牵头", "responsible": "负责", "supporting": "配合"}
STATUS_ZH = {"shared": "两地共有", "reworded": "表述不同", "only-A": "仅A有", "only-B": "仅B有",
             "counterpart": "对应部门", "partial": "部分对应", "same-name": "同名单位",
             "same": "相同", "differs": "不同"}

_PREFIXES = f"""PREFIX pk: <{PK}> PREFIX eli: <{ELI}> PREFIX org: <{ORG}> PREFIX rdfs: <{RDFS}>
PREFIX prov: <{PROV}> PREFIX dct: <{DCT}> PREFIX skos: <{SKOS}>
"""


# --- finding a notice by name -------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeRef:
    """A notice in the store, with the names it answers to."""

    iri: str
    graph: str
    title: str = ""
    number: str = ""
    date: str = ""
    jurisdiction: str = ""
    file: str = ""
    published: str = ""  # a web page's 发布时间 (eli:date_publication)
    rdfs_label: str = ""  # `graph.notice_label`

    @property
    def slug(self) -> str:
        return self.iri.rstrip("/").rsplit("/", 1)[-1]

    @property
    def label(self) -> str:
        """What it is called: its rdfs:label (its title, else 文号, else the body it sets up or
        its file's name); from a graph without one, its title, 文号, file name or IRI slug."""
        return self.rdfs_label or self.title or self.number or self.file or self.slug

    @property
    def caption(self) -> str:
        """A page's title for it: its label, then its 文号 or file name in brackets."""
        tag = self.number or self.file
        return f"{self.label}（{tag}）" if tag and tag != self.label else self.label

    @property
    def stem(self) -> str:
        return re.sub(r"\.[A-Za-z0-9]+$", "", self.file)

    @property
    def name(self) -> str:
        """What a person calls it: jurisdiction and 文号."""
        return " ".join(x for x in (self.jurisdiction, self.number or self.slug) if x)


def _value(term) -> str:
    return "" if term is None else term.value


def _ref(store: ox.Store, row: dict) -> NoticeRef:
    dates = {r["p"].value: r["d"].value for r in store.query(
        f"SELECT ?p ?d WHERE {{ GRAPH <{row['graph']}> {{ <{row['iri']}> ?p ?d "
        f"VALUES ?p {{ <{ELI}date_document> <{ELI}date_publication> }} }} }}")}
    return NoticeRef(row["iri"], row["graph"], row["title"] or "", row["number"] or "",
                     dates.get(ELI + "date_document", ""), row["jurisdiction"] or "", row["file"] or "",
                     dates.get(ELI + "date_publication", ""), row.get("name") or "")


def find_notice(store: ox.Store, name: str) -> NoticeRef:
    """The one notice `name` designates — anything `query.match_notices` takes (文号 in any
    bracket style, file name or stem, jurisdiction or its start, title), or the notice's IRI
    or 文号 slug. Raises `PolicykgError` naming the candidates when none or several fit."""
    from . import query

    hits = query.match_notices(store, name)
    every: list[dict] = []
    if not hits:  # only now every notice: the store may hold thousands
        every = query.notices(store)
        if not every:
            raise PolicykgError("the store holds no notices; run `policykg build corpus -o outputs` or name notice files")
        hits = [n for n in every if name == n["iri"] or number_slug(name) == n["iri"].rsplit("/", 1)[-1]]
    if len(hits) == 1:
        return _ref(store, hits[0])
    if hits:
        raise PolicykgError(f"{name!r} fits {len(hits)} notices: " + _some(hits) + " — give the 文号 or file name")
    raise PolicykgError(f"no notice {name!r} in the store; known: " + _some(every))


def _some(notices: list[dict], shown: int = 10) -> str:
    """Notices named for a message: the first `shown`, then how many there are."""
    label = lambda n: " ".join(x for x in (n["jurisdiction"], n["label"]) if x)  # noqa: E731
    more = f" … ({len(notices):,} notices)" if len(notices) > shown else ""
    return "; ".join(map(label, notices[:shown])) + more


# --- one side as read from the graph --------------------------------------------------------------


@dataclass
class Statement:
    """A duty statement (kind ``duty``) or a task tag's assignment (kind ``task``) of one unit."""

    iri: str
    unit: str
    kind: str
    text: str
    role: str
    clause: str  # clause id (main/4/12)
    clause_label: str  # as written: （十二）
    start: int
    end: int
    quote: str
    action: str = ""
    topics: list[str] = field(default_factory=list)
    # a task's own words: its tag only names the units, the task clause before it says what
    # they are to do (empty for a duty statement)
    body: str = ""
    body_start: int | None = None


@dataclass
class Unit:
    """An organisation of the notice's own jurisdiction that the notice puts to work."""

    iri: str
    name: str
    concept: str | None  # registry concept, local name (fire-rescue)
    member: bool
    order: int
    duties: list[Statement] = field(default_factory=list)
    tasks: list[Statement] = field(default_factory=list)


@dataclass
class Rule:
    iri: str
    kind: str
    label: str
    period: str | None
    times_min: int | None
    times_max: int | None
    irregular: bool
    quote: str
    start: int
    end: int
    schedule: str | None = None  # regular | irregular | regular-or-irregular (pkm:schedules), if stated
    # who chairs, attends or may be invited (pk:participation): part notation → the phrases
    # as written, in the notice's order
    participants: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Meeting:
    iri: str
    name: str = ""
    kind: str = ""  # the kind of body, as its class is labelled (联席会议, 领导小组, 指挥部)
    convenor: str = ""  # its head post: 召集人, 组长, 总指挥 …
    deputy_convenors: list[str] = field(default_factory=list)
    office_host: str = ""
    office_director: str = ""
    liaison: str = ""  # who holds the liaison post in each member unit (各成员单位有关业务股室1名负责同志)
    lead_unit: str = ""  # the first of `lead_units`
    lead_units: list[str] = field(default_factory=list)  # its lead units (县卫健委、县教育局为牵头单位: both)
    members: list[str] = field(default_factory=list)  # unit IRIs, in the notice's order
    stated_count: int | None = None
    rules: list[Rule] = field(default_factory=list)
    # who takes part in the joint meeting as a whole (联席会议可根据工作需要邀请…参加): part → phrases
    participants: dict[str, list[str]] = field(default_factory=dict)
    # whom it works under (在县政府领导下: org:reportsTo): (name, concept) of each
    reports_to: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Side:
    notice: NoticeRef
    units: dict[str, Unit]
    meeting: Meeting | None
    # the name of every organisation of the place the notice names, put to work or not (its
    # joint meeting's office host may have no duty: 淳安's 县综合执法局)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.notice.jurisdiction or self.notice.slug


def _int(term) -> int | None:
    return int(term.value) if term is not None else None


def read_side(store: ox.Store, ref: NoticeRef, *, every_place: bool = False) -> Side:
    """The units, duties, task assignments and joint meeting of one notice, from its graph:
    the units of the notice's own place (what a comparison of two places pairs), or with
    `every_place` every unit it puts to work (a city's notice gives its counties' 旗县区卫生健康委
    a duty too)."""
    g = f"<{ref.graph}>"
    juris = store.query(_PREFIXES + f"SELECT ?j WHERE {{ GRAPH {g} {{ <{ref.iri}> eli:jurisdiction ?j }} }}")
    j = next((r["j"].value for r in juris), None)

    text = _source_text(store, ref)
    meeting = _read_meeting(store, ref, text)
    members = meeting.members if meeting else []

    rows = store.query(_PREFIXES + f"""
        SELECT ?d ?org ?kind ?text ?role ?action ?cid ?clabel ?start ?end ?tstart ?tend ?gstart ?gend WHERE {{ GRAPH {g} {{
          ?d a pk:DutyAssignment ; pk:assignee ?org ; pk:role ?role ; pk:span ?sp .
          ?sp pk:start ?start ; pk:end ?end .
          OPTIONAL {{ ?d pk:dutyText ?text }} OPTIONAL {{ ?d pk:actionLabel ?action }}
          OPTIONAL {{ ?d pk:task ?task OPTIONAL {{ ?task pk:span ?tsp . ?tsp pk:start ?tstart ; pk:end ?tend }} }}
          OPTIONAL {{ ?d pk:tagSpan ?tg . ?tg pk:start ?gstart ; pk:end ?gend }}
          BIND(IF(BOUND(?task), "task", "duty") AS ?kind)
          OPTIONAL {{ ?d prov:wasDerivedFrom ?c . ?c dct:identifier ?cid . OPTIONAL {{ ?c pk:clauseLabel ?clabel }} }}
        }} }}""")
    statements: list[Statement] = []
    for r in rows:
        start, end = int(r["start"].value), int(r["end"].value)
        quote = text[start:end]
        # a task clause's words run from its start up to the tag (pk:tagSpan), or from a leading
        # tag to its end
        tag = (_int(r["gstart"]), _int(r["gend"])) if r["gstart"] is not None else (start, end)
        body_start, body = _task_words(text, _int(r["tstart"]), _int(r["tend"]), *tag)
        statements.append(Statement(
            iri=r["d"].value, unit=r["org"].value, kind=r["kind"].value, text=_value(r["text"]) or quote,
            role=r["role"].value.rsplit("/", 1)[-1], clause=_value(r["cid"]), clause_label=_value(r["clabel"]),
            start=start, end=end, quote=quote, action=_value(r["action"]),
            body=body, body_start=body_start))
    statements.sort(key=lambda s: (s.start, s.end, s.iri))
    # a task's topic is read from its task clause's heading: the tag alone says nothing
    for s in statements:
        s.topics = list(topics_of(s.text))

    assigned = {s.unit for s in statements}
    # the body itself is a unit when the notice gives its own duties (一、主要职责), as its office
    # is: paired with the other's by its name without its jurisdiction's, their duties compared
    place = "" if every_place else f"; pk:jurisdiction <{j}>"
    orgs = store.query(_PREFIXES + f"""
        SELECT ?org ?name ?concept WHERE {{ GRAPH {g} {{
          ?org a org:Organization ; rdfs:label ?name {place} .
          OPTIONAL {{ ?org org:classification ?concept }} }} }}""") if j or every_place else []
    first_seen = {}
    for s in statements:
        first_seen.setdefault(s.unit, len(first_seen))
    units: dict[str, Unit] = {}
    names: dict[str, str] = {}
    for r in orgs:
        iri = r["org"].value
        names[iri] = r["name"].value
        if iri not in assigned and iri not in members:
            continue  # named only (县人民政府, 县委): not put to work by this notice
        concept = _value(r["concept"]).removeprefix(DEPT) or None
        order = members.index(iri) if iri in members else len(members) + first_seen.get(iri, 0)
        units[iri] = Unit(iri, r["name"].value, concept, iri in members, order)
    for s in statements:
        if s.unit in units:
            (units[s.unit].duties if s.kind == "duty" else units[s.unit].tasks).append(s)
    units = dict(sorted(units.items(), key=lambda kv: (kv[1].order, kv[0])))
    return Side(ref, units, meeting, names)


def _task_words(text: str, clause_start: int | None, clause_end: int | None, start: int, end: int
                ) -> tuple[int | None, str]:
    """(where, what) a task clause says around its tag [start, end): the words before the tag,
    else those after it; (None, "") for a duty statement or a clause that is all tag."""
    if clause_start is None or clause_end is None:
        return None, ""
    lo, hi = (clause_start, start) if clause_start < start else (end, clause_end)
    words = text[lo:hi]
    if not words.strip():
        return None, ""
    return lo + len(words) - len(words.lstrip()), words.strip()


def _source_text(store: ox.Store, ref: NoticeRef) -> str:
    rows = store.query(_PREFIXES + f"SELECT ?t WHERE {{ GRAPH <{ref.graph}> {{ ?s pk:sourceText ?t }} }}")
    return next((r["t"].value for r in rows), "")


def _read_meeting(store: ox.Store, ref: NoticeRef, text: str) -> Meeting | None:
    g = f"<{ref.graph}>"
    rows = list(store.query(_PREFIXES + f"""
        SELECT ?m ?name ?count WHERE {{ GRAPH {g} {{ <{ref.iri}> pk:establishes ?m .
          OPTIONAL {{ ?m rdfs:label ?name }} OPTIONAL {{ ?m pk:statedMemberCount ?count }} }} }}"""))
    if not rows:
        return None
    m = Meeting(rows[0]["m"].value, _value(rows[0]["name"]), stated_count=_int(rows[0]["count"]))
    mi = f"<{m.iri}>"
    for r in store.query(_PREFIXES + f"SELECT ?t WHERE {{ GRAPH {g} {{ {mi} a ?t }} }}"):
        kind = next((k for k in body_kinds() if k.iri == r["t"].value), None)
        m.kind = kind.label if kind else m.kind
    # its heads in the order the notice names them, each (双组长: 组长由县委书记、县长担任)
    m.convenor = "、".join(r["l"].value for r in store.query(_PREFIXES + f"""
        SELECT ?l WHERE {{ GRAPH {g} {{ {mi} pk:convenor|pk:head ?p . ?p rdfs:label ?l
                        OPTIONAL {{ ?p pk:span/pk:start ?s }} }} }} ORDER BY ?s ?l"""))
    for prop, attr in (("officeDirector", "office_director"), ("liaison", "liaison")):
        for r in store.query(_PREFIXES + f"SELECT ?l WHERE {{ GRAPH {g} {{ {mi} pk:{prop} ?p . ?p rdfs:label ?l }} }}"):
            setattr(m, attr, r["l"].value)
    m.deputy_convenors = [r["l"].value for r in store.query(  # in the order the notice names them
        _PREFIXES + f"""SELECT ?l WHERE {{ GRAPH {g} {{ {mi} pk:deputyConvenor|pk:deputyHead ?p . ?p rdfs:label ?l
                        OPTIONAL {{ ?p pk:span/pk:start ?s }} }} }} ORDER BY ?s ?l""")]
    for r in store.query(_PREFIXES + f"SELECT ?o WHERE {{ GRAPH {g} {{ {mi} pk:officeHost ?o }} }}"):
        m.office_host = r["o"].value
    # its lead units, in the order the notice says them
    m.lead_units = [r["o"].value for r in store.query(_PREFIXES + f"""PREFIX rdf: <{RDF}>
        SELECT DISTINCT ?o ?s WHERE {{ GRAPH {g} {{ {mi} pk:leadUnit ?o
          OPTIONAL {{ ?x rdf:subject {mi} ; rdf:predicate pk:leadUnit ; rdf:object ?o ; pk:span/pk:start ?s }} }} }}
        ORDER BY ?s ?o""")]
    m.lead_units = list(dict.fromkeys(m.lead_units))
    m.lead_unit = next(iter(m.lead_units), "")
    m.reports_to = sorted({(r["l"].value, r["c"].value if r["c"] else "") for r in store.query(_PREFIXES + f"""
        SELECT ?l ?c WHERE {{ GRAPH {g} {{ {mi} org:reportsTo ?o . ?o rdfs:label ?l
                                           OPTIONAL {{ ?o org:classification ?c }} }} }}""")})
    ms = store.query(_PREFIXES + f"""SELECT ?ms ?org WHERE {{ GRAPH {g} {{
        ?ms org:organization {mi} ; org:member ?org }} }}""")
    ordered = sorted(((int(r["ms"].value.rsplit("/", 1)[-1]), r["org"].value) for r in ms
                      if r["ms"].value.rsplit("/", 1)[-1].isdigit()))
    m.members = [org for _, org in ordered]
    for r in store.query(_PREFIXES + f"""
        SELECT ?r ?kind ?label ?period ?min ?max ?irr ?schedule ?start ?end WHERE {{ GRAPH {g} {{
          {mi} pk:meetingRule ?r . ?r pk:span ?sp . ?sp pk:start ?start ; pk:end ?end .
          OPTIONAL {{ ?r pk:ruleKind ?kind }} OPTIONAL {{ ?r rdfs:label ?label }} OPTIONAL {{ ?r pk:period ?period }}
          OPTIONAL {{ ?r pk:timesMin ?min }} OPTIONAL {{ ?r pk:timesMax ?max }} OPTIONAL {{ ?r pk:irregular ?irr }}
          OPTIONAL {{ ?r pk:schedule ?schedule }}
        }} }}"""):
        m.rules.append(Rule(r["r"].value, _value(r["kind"]).rsplit("/", 1)[-1], _value(r["label"]),
                            _value(r["period"]) or None, _int(r["min"]), _int(r["max"]),
                            _value(r["irr"]) == "true", text[int(r["start"].value):int(r["end"].value)],
                            int(r["start"].value), int(r["end"].value),
                            _value(r["schedule"]).rsplit("/", 1)[-1] or None))
    m.rules.sort(key=lambda r: r.start)
    by_iri = {r.iri: r for r in m.rules}
    parts = {iri: n for n, _, iri in meeting_parts()}
    for r in store.query(_PREFIXES + f"""
        SELECT ?r ?part ?l ?s WHERE {{ GRAPH {g} {{ {mi} pk:meetingRule ?r . ?r pk:participation ?p .
          ?p pk:part ?part ; rdfs:label ?l ; pk:span/pk:start ?s }} }} ORDER BY ?s"""):
        rule, part = by_iri.get(r["r"].value), parts.get(r["part"].value)
        if rule is not None and part is not None:
            rule.participants.setdefault(part, []).append(r["l"].value)
    for r in store.query(_PREFIXES + f"""
        SELECT ?part ?l ?s WHERE {{ GRAPH {g} {{ {mi} pk:participation ?p .
          ?p pk:part ?part ; rdfs:label ?l ; pk:span/pk:start ?s }} }} ORDER BY ?s"""):
        part = parts.get(r["part"].value)
        if part is not None:
            m.participants.setdefault(part, []).append(r["l"].value)
    return m


# --- the comparison ------------------------------------------------------------------------------------


@dataclass
class DutyPair:
    """Two duty statements paired (shared, reworded) or one left alone (only-A, only-B).

    `score` is the similarity of the pair (None for a lone statement); `closest`, for a
    lone statement, the similarity of the nearest statement on the other side — below the
    threshold or taken by a better partner (None when the other side has none)."""

    status: str
    a: Statement | None
    b: Statement | None
    score: float | None = None
    closest: float | None = None
    # of a pair: the phrases each statement says that the other does not (`differing_phrases`)
    a_only: list[Phrase] = field(default_factory=list)
    b_only: list[Phrase] = field(default_factory=list)


@dataclass
class Phrase:
    """Words of one statement of a pair that the other statement does not say, as written;
    `start`, `end`: offsets into the notice's text (None where the statement's text is not
    its quote). `tasks`: the other side's task assignments whose task clause says them too,
    each with the sentence that does."""

    text: str
    start: int | None
    end: int | None
    tasks: list[tuple[Statement, str]] = field(default_factory=list)


@dataclass
class UnitPair:
    """Counterpart units (counterpart, partial, same-name) or a unit of one side only."""

    status: str
    a: Unit | None
    b: Unit | None
    label: str  # the function, as an analyst names it: 卫生健康委, 消防救援机构
    duties: list[DutyPair] = field(default_factory=list)

    @property
    def concept(self) -> str | None:
        return (self.a or self.b).concept


@dataclass
class Row:
    """One line of the joint-meeting comparison: an aspect (召集人) or a rule kind (全体会议)."""

    key: str
    aspect: str
    a: str
    b: str
    status: str  # same | differs | only-A | only-B
    a_rule: Rule | None = None
    b_rule: Rule | None = None


@dataclass
class Cell:
    a: str | None  # strongest role of side A on this topic: lead | responsible | supporting
    b: str | None
    a_evidence: list[Statement] = field(default_factory=list)
    b_evidence: list[Statement] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.a and not self.b:
            return ""
        if self.a and self.b:
            return "same" if self.a == self.b else "differs"
        return "only-A" if self.a else "only-B"


@dataclass
class Comparison:
    a: Side
    b: Side
    iri: str
    method: str
    threshold: float
    units: list[UnitPair]
    meeting: list[Row]
    topics: list[Topic]  # the matrix columns: topics with at least one filled cell
    matrix: dict[int, dict[str, Cell]]  # index into `units` → topic key → cell

    def duty_pairs(self) -> list[tuple[UnitPair, DutyPair]]:
        return [(u, d) for u in self.units for d in u.duties]

    def counts(self) -> dict[str, dict[str, int]]:
        units: dict[str, int] = {}
        duties: dict[str, int] = {}
        rows: dict[str, int] = {}
        cells: dict[str, int] = {}
        for u in self.units:
            units[u.status] = units.get(u.status, 0) + 1
        for _, d in self.duty_pairs():
            duties[d.status] = duties.get(d.status, 0) + 1
        for r in self.meeting:
            rows[r.status] = rows.get(r.status, 0) + 1
        for row in self.matrix.values():
            for c in row.values():
                if c.status:
                    cells[c.status] = cells.get(c.status, 0) + 1
        return {"units": units, "duties": duties, "meeting": rows, "matrix": cells}


def comparison_iri(a: NoticeRef, b: NoticeRef, base: str = DEFAULT_BASE) -> str:
    """``{base}comparison/{A}--{B}`` with the notices' 文号 slugs: also the named graph."""
    return f"{normalise_base(base)}comparison/{a.slug}--{b.slug}"


def compare(store: ox.Store, a: str | NoticeRef, b: str | NoticeRef, *, base: str = DEFAULT_BASE,
            method: str = DEFAULT_METHOD, threshold: float = DEFAULT_THRESHOLD) -> Comparison:
    """Compare notice `a` (side A) with notice `b` (side B); names as `find_notice` takes them."""
    ra = a if isinstance(a, NoticeRef) else find_notice(store, a)
    rb = b if isinstance(b, NoticeRef) else find_notice(store, b)
    if ra.iri == rb.iri:
        raise PolicykgError(f"{ra.name}: a notice compared with itself")
    if not 0.0 < threshold <= 1.0:
        raise PolicykgError(f"threshold must be in (0, 1], got {threshold}")
    sa, sb = read_side(store, ra), read_side(store, rb)
    units = align_units(sa, sb)
    corpus = [d.text for side in (sa, sb) for u in side.units.values() for d in u.duties]
    score = make_scorer(method, corpus)
    rarity = statement_rarity([*sa.units.values(), *sb.units.values()])
    for pair in units:
        pair.duties = align_duties(pair, score, threshold, rarity)
    matrix, topics = responsibility_matrix(units)
    return Comparison(sa, sb, comparison_iri(ra, rb, base), method, threshold, units,
                      compare_meetings(sa, sb), topics, matrix)


# --- units ---------------------------------------------------------------------------------------------


@cache
def _concept_info(concept: str) -> dict:
    from .departments import concept_labels

    try:
        return concept_labels(concept)
    except PolicykgError:
        return {"zh": concept, "merges": []}


def _function_label(unit: Unit) -> str:
    return _concept_info(unit.concept)["zh"] if unit.concept else _strip_jurisdiction(unit.name)


def _strip_jurisdiction(name: str) -> str:
    from .departments import find_departments

    hit = next(iter(find_departments(name)), None)
    if hit and hit.prefix and name.startswith(hit.prefix):
        return name[len(hit.prefix):]
    return name


def _own_name(unit: Unit, side: Side) -> str:
    """A unit's name outside the registry without its jurisdiction's: 祁门县促进…联席会议办公室
    (the office of the county's joint meeting) is 促进…联席会议办公室, as the city's is."""
    j = side.notice.jurisdiction
    return _strip_jurisdiction(unit.name.removeprefix(j) if j and unit.name != j else unit.name)


def align_units(a: Side, b: Side) -> list[UnitPair]:
    """Units of A and B paired through the registry: the same concept (counterpart), a merged
    bureau and a function it merges (partial), the same name outside the registry, each
    without its jurisdiction's (same-name); the rest one-sided. In A's order, B's own units after."""
    b_units = list(b.units.values())
    by_concept = {u.concept: u for u in b_units if u.concept}
    by_name = {_own_name(u, b): u for u in b_units if not u.concept}
    used: set[str] = set()
    pairs: list[UnitPair] = []
    for ua in a.units.values():
        partner, status = None, "only-A"
        if ua.concept and ua.concept in by_concept:
            partner, status = by_concept[ua.concept], "counterpart"
        elif not ua.concept and _own_name(ua, a) in by_name:
            partner, status = by_name[_own_name(ua, a)], "same-name"
        if partner is not None:
            used.add(partner.iri)
            pairs.append(UnitPair(status, ua, partner, _function_label(ua) if ua.concept else _own_name(ua, a)))
            continue
        merged = [ub for ub in b_units if ua.concept and ub.concept and ub.iri not in used
                  and (ub.concept in _concept_info(ua.concept)["merges"]
                       or ua.concept in _concept_info(ub.concept)["merges"])]
        for ub in merged:
            pairs.append(UnitPair("partial", ua, ub, f"{_function_label(ua)} ↔ {_function_label(ub)}"))
        if not merged:
            pairs.append(UnitPair("only-A", ua, None, _function_label(ua)))
    partial_b = {p.b.iri for p in pairs if p.status == "partial"}
    for ub in b_units:
        if ub.iri not in used and ub.iri not in partial_b:
            pairs.append(UnitPair("only-B", None, ub, _function_label(ub)))
    return pairs


# --- duties ----------------------------------------------------------------------------------------------


def statement_rarity(units: Iterable[Unit]) -> TfIdf:
    """How rare each word (`similarity.tokens`) is among the units' statements: their duty
    statements, task headings and task clauses, each text once (a task tagged to five units
    is one statement)."""
    from .similarity import tokens

    texts = dict.fromkeys(t for u in units for s in u.duties + u.tasks for t in (s.text, s.body) if t)
    return TfIdf(tokens(t) for t in texts)


def align_duties(pair: UnitPair, score, threshold: float, rarity: TfIdf | None = None) -> list[DutyPair]:
    """The duty statements of a unit pair, paired one to one (`similarity.assign`), each
    pair labelled shared (same words once neutralised) or reworded; the rest one-sided,
    each pair's one-sided phrases with the other side's tasks that say them (`_tasks_saying`,
    words weighed by `rarity`: `statement_rarity`, by default of the pair's own units).
    Ordered by A's statements, B's unpaired ones after."""
    da = pair.a.duties if pair.a else []
    db = pair.b.duties if pair.b else []
    if pair.status in ("only-A", "only-B"):
        return [DutyPair(pair.status, d if pair.a else None, None if pair.a else d) for d in da or db]
    scores = [[score(x.text, y.text) for y in db] for x in da]
    matched = {i: (j, s) for i, j, s in assign(scores, threshold)}
    taken = {j for j, _ in matched.values()}
    rarity = rarity or statement_rarity([pair.a, pair.b])
    out = []
    for i, x in enumerate(da):
        if i in matched:
            j, s = matched[i]
            status = "shared" if wording_ratio(x.text, db[j].text) >= SHARED_RATIO else "reworded"
            a_only, b_only = differing_phrases(x, db[j])
            for phrases, tasks in ((a_only, pair.b.tasks), (b_only, pair.a.tasks)):
                for p in phrases:
                    p.tasks = _tasks_saying(p.text, tasks, rarity)
            out.append(DutyPair(status, x, db[j], round(s, 4), a_only=a_only, b_only=b_only))
        else:
            best = max(scores[i], default=None)
            out.append(DutyPair("only-A", x, None, closest=None if best is None else round(best, 4)))
    for j, y in enumerate(db):
        if j not in taken:
            best = max((row[j] for row in scores), default=None)
            out.append(DutyPair("only-B", None, y, closest=None if best is None else round(best, 4)))
    return out


# --- what one statement of a pair says that the other does not ------------------------------------------

ANCHOR = 3  # a run of common characters shorter than this (服务, 工作) does not cut a differing stretch
MIN_PHRASE = 2  # content characters (`similarity.tokens`: no 的, 以及, 有关, 做好, 工作, 负责 …)
MIN_ADDED = 3  # … of words merely added, the other side saying no content in their place (服务, 及时)
MIN_TASK_PHRASE = 4  # content characters of a phrase looked for in the other side's tasks
TASK_SHARE = 0.8  # the part of a phrase, and of its weight by rarity, a task clause must say in one run
_PIECE = re.compile(r"[^,;:!?，；：。！？\n]+")  # a phrase ends at a clause break, not at 、 “” or a space
_SENTENCE_END = re.compile(r"[。；;!?！？]")
_PAIRS = ("《》", "“”", "（）", "()", "‘’", "【】")


def _bare_chars(text: str) -> tuple[str, list[int]]:
    """`similarity.bare(text)` (folded, no jurisdiction words, no punctuation) and, for each
    of its characters, its offset in `text` — so a difference found there is quoted as written."""
    from .model import FOLD
    from .similarity import _PUNCT, _cue_data

    folded = text.translate(FOLD)  # one character for one
    cut = {i for m in _cue_data()[0].finditer(folded) for i in range(m.start(), m.end())}
    keep = [i for i, ch in enumerate(folded) if i not in cut and not _PUNCT.fullmatch(ch)]
    return "".join(folded[i] for i in keep), keep


@cache
def _synonyms() -> tuple[re.Pattern, dict[str, str]]:
    """The words the comparison reads as one (compare.ttl's pkx:synonyms, and the topic
    thesaurus's names: `topics.synonym_groups`): a pattern of those to rewrite, longest
    first, and for each the word it is read as (its concept's skos:prefLabel@zh)."""
    from .model import FOLD
    from .topics import synonym_groups

    groups = list(synonym_groups())
    for props in by_subject(COMPARE_DATA).values():
        if CMP + "synonyms" in props.get(SKOS + "inScheme", []):
            names = [str(v).translate(FOLD) for k in ("prefLabel", "altLabel") for v in props.get(SKOS + k, [])
                     if getattr(v, "language", None) == "zh"]
            groups.append(tuple(dict.fromkeys(names)))
    preferred: dict[str, str] = {}
    for names in groups:
        for w in names[1:]:
            preferred.setdefault(w, names[0])
    words = sorted(preferred, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words)) or "(?!)"), preferred


@lru_cache(maxsize=4096)
def _compared_chars(text: str) -> tuple[str, tuple[int, ...]]:
    """`_bare_chars(text)` with each word the comparison reads as one written as the word it
    is read as (承担 → 负责, 饮食安全 → 食品安全: `_synonyms`), each of its characters at the
    offset of the word's (its first, …, its last): so a word the other side says by a synonym
    is common to both, not a difference. Only where jieba cuts it as a word, or words, of
    its own, not inside one (促进会) nor across a removed mark (饮食、安全)."""
    bare, at = _bare_chars(text)
    pattern, preferred = _synonyms()
    edges = None
    out, offsets, last = [], [], 0
    for m in pattern.finditer(bare):
        lo, hi = m.start(), m.end()
        if edges is None:
            edges = set(_word_edges(text))
        if at[hi - 1] - at[lo] != hi - lo - 1 or at[lo] not in edges or at[hi - 1] + 1 not in edges:
            continue
        word = preferred[m.group()]
        out.append(bare[last:lo] + word)
        offsets += at[last:lo] + [at[lo + min(k, hi - lo - 1)] for k in range(len(word))]
        last = hi
    if not last:
        return bare, tuple(at)
    return "".join(out) + bare[last:], tuple(offsets + at[last:])


def _word_edges(text: str) -> list[int]:
    """Offsets where jieba's words of `text` start, and its end: a phrase is widened to whole words."""
    from .search import jieba_module

    edges, k = [0], 0
    for w in jieba_module().lcut(text):
        k += len(w)
        edges.append(k)
    return edges


def _phrases(s: Statement, stretches: list[tuple[int, int, bool]], other: tuple[str, str]) -> list[Phrase]:
    """The stretches [i, j) of `s.text` as phrases: widened to whole words, cut at clause
    breaks, without those too short to read (fewer content characters than `MIN_PHRASE`, or
    `MIN_ADDED` where the stretch is merely added — its third item says the other statement has
    words of content in its place — unless it holds an action: 指导) or that `other` (the other statement, bare: as written and with its
    synonyms read as one, `_compared_chars`) says elsewhere (the same words, or synonyms, in
    another order), or that another phrase of `s` holds (a word it says twice)."""
    from .similarity import bare, tokens

    if not stretches:
        return []
    from .extract import cues

    preferred = _synonyms()[1]
    actions = cues().action_of  # the action labels of cues.ttl (指导, 监管 …)
    edges = _word_edges(s.text)
    at = s.quote.find(s.text)
    # a level character is any other (县 = 市, as the comparison reads them): 市政府 is the other's 县政府
    level = str.maketrans(dict.fromkeys(_level_chars(), "县"))
    elsewhere = (other[0].translate(level), other[1].translate(level))
    out: list[Phrase] = []
    for i, j, replaced in stretches:
        i = max(e for e in edges if e <= i)
        j = min(e for e in edges if e >= j)
        for m in _PIECE.finditer(s.text[i:j]):
            lo, hi = _trim(s.text, i + m.start(), i + m.end())
            text = s.text[lo:hi]
            content = tokens(text)
            size = len("".join(content))
            # an action merely added is no small difference (负责指导旗县区做好… ↔ 负责做好…: who
            # guides does not do): the shorter length of a replaced stretch for it
            added = MIN_PHRASE if replaced or any(t in actions for t in content) else MIN_ADDED
            if size < added or \
                    all(t.translate(level) in elsewhere[0] or preferred.get(t, t).translate(level) in elsewhere[1]
                        for t in content):
                continue
            out.append(Phrase(text, s.start + at + lo if at >= 0 else None,
                              s.start + at + lo + len(text) if at >= 0 else None))
    # a phrase another one holds is shown once: 指导 beside 指导婴幼儿照护服务机构开展应急演练
    bares = [bare(p.text) for p in out]
    return [p for p, t in zip(out, bares) if not any(t != u and t in u for u in bares)]


@cache
def _level_chars() -> str:
    """The level characters (县 市 旗 盟 …: `similarity`'s cue data) as one string."""
    from .similarity import _cue_data

    return "".join(sorted(_cue_data()[1]))


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    """[lo, hi) of `text` without function words (的, 和, 并, 以及: `similarity`'s stop words),
    quotation marks or 、 at either end: 的审批和 → 审批."""
    from .search import jieba_module
    from .similarity import _PUNCT, _cue_data

    stops = _cue_data()[2]
    words = jieba_module().lcut(text[lo:hi])
    while words and (words[0] in stops or _PUNCT.fullmatch(words[0])):
        lo += len(words.pop(0))
    while words and (words[-1] in stops or _PUNCT.fullmatch(words[-1])):
        hi -= len(words.pop())
    for opening, closing in _PAIRS:  # a bracket or quotation is kept whole: 《划拨用地目录》
        opened, closed = text.count(opening, lo, hi), text.count(closing, lo, hi)
        if opened > closed and (at := text.find(closing, hi)) >= 0 and _PIECE.fullmatch(text[hi:at + 1]):
            hi = at + 1
        elif closed > opened and (at := text.rfind(opening, 0, lo)) >= 0 and _PIECE.fullmatch(text[at:lo]):
            lo = at
    return lo, hi


def differing_phrases(a: Statement, b: Statement) -> tuple[list[Phrase], list[Phrase]]:
    """What `a` says that `b` does not, and what `b` says that `a` does not, as phrases of
    their own wording. Compared as `wording_ratio` compares them (folded, jurisdiction words
    and punctuation aside: 双随机、一公开 = 双随机一公开, 县 = 市), character by character
    (difflib, no junk heuristic); a common run shorter than `ANCHOR` does not break a
    differing stretch, but what two facing stretches both begin or end with is no part of
    either (完善婴幼儿… ↔ 完善…); a stretch is widened to whole words, cut at clause breaks and
    trimmed of function words at its ends, and phrases with too few content characters
    (fewer still where the other says only function words in their place: …以及… ↔ …,及时…),
    whose words the other statement says elsewhere (words reordered), or that another phrase
    of the same side holds, are dropped (`_phrases`).
    A word one side says by a synonym of the other's (承担 ↔ 负责: compare.ttl's pkx:synonyms)
    is compared as the same word (`_compared_chars`)."""
    from difflib import SequenceMatcher

    from .similarity import _cue_data, tokens

    sa, ia = _compared_chars(a.text)
    sb, ib = _compared_chars(b.text)
    levels = _cue_data()[1]  # 县 市 旗 …
    blocks = [m for m in SequenceMatcher(None, sa, sb, autojunk=False).get_matching_blocks() if m.size >= ANCHOR]
    gaps_a, gaps_b, pa, pb = [], [], 0, 0
    for ka, kb, size in [*blocks, (len(sa), len(sb), 0)]:  # the stretches between common runs
        next_a, next_b = ka + size, kb + size
        # what both stretches begin or end with is no difference, however short (完善婴幼儿… ↔ 完善…)
        while pa < ka and pb < kb and sa[pa] == sb[pb]:
            pa, pb = pa + 1, pb + 1
        while pa < ka and pb < kb and sa[ka - 1] == sb[kb - 1]:
            ka, kb = ka - 1, kb - 1
        if ka > pa and kb > pb and set(sa[pa:ka]) <= levels and set(sb[pb:kb]) <= levels:
            pass  # a level's character in the other's place (由县卫生健康委 ↔ 由市…): 县 = 市
        else:
            # a stretch is replaced where the other says words of content in its place, not
            # merely function words (…规范管理,及时将… ↔ …规范管理以及…: 及时 is merely added)
            said_a = kb > pb and bool(tokens(b.text[ib[pb]:ib[kb - 1] + 1]))
            said_b = ka > pa and bool(tokens(a.text[ia[pa]:ia[ka - 1] + 1]))
            if ka > pa:
                gaps_a.append((ia[pa], ia[ka - 1] + 1, said_a))
            if kb > pb:
                gaps_b.append((ib[pb], ib[kb - 1] + 1, said_b))
        pa, pb = next_a, next_b
    return _phrases(a, gaps_a, (_bare_chars(b.text)[0], sb)), _phrases(b, gaps_b, (_bare_chars(a.text)[0], sa))


def _tasks_saying(phrase: str, tasks: list[Statement], rarity: TfIdf) -> list[tuple[Statement, str]]:
    """The tasks one clause of which (between clause breaks: 服务项目,用地 does not say 项目用地)
    says `phrase` — `TASK_SHARE` of it, bare, in one run, and as much of its words weighed by
    `rarity` (the idf of the two notices' statements: 婴幼儿照护服务机构, which every statement
    says, weighs little beside 备案) — each with the sentence of the clause that does."""
    from difflib import SequenceMatcher

    from .similarity import tokens

    want, where = _compared_chars(phrase)
    out: list[tuple[Statement, str]] = []
    if len("".join(tokens(phrase))) < MIN_TASK_PHRASE:
        return out
    weight = _char_weights(phrase, rarity)
    total = sum(weight)
    for t in tasks:
        for clause in _PIECE.finditer(t.body):
            body, at = _compared_chars(clause.group())
            m = SequenceMatcher(None, want, body, autojunk=False).find_longest_match(0, len(want), 0, len(body))
            said = sum(weight[k] for k in {where[i] for i in range(m.a, m.a + m.size)})
            if m.size >= TASK_SHARE * len(want) and said >= TASK_SHARE * total:
                break
        else:
            continue
        hit = clause.start() + at[m.b]
        lo = max((k.end() for k in _SENTENCE_END.finditer(t.body[:hit])), default=0)
        stop = _SENTENCE_END.search(t.body, hit)
        out.append((t, t.body[lo:stop.end() if stop else len(t.body)].strip()))
    return out


def _char_weights(text: str, rarity: TfIdf) -> list[float]:
    """For each character of `text`, the idf of the content word (`similarity.tokens`) it is
    part of, spread over the word's characters; 0 for function words and punctuation."""
    from .search import jieba_module
    from .similarity import tokens

    out: list[float] = []
    for w in jieba_module().lcut(text):
        idf = sum(rarity.idf.get(t, rarity.default_idf) for t in tokens(w))
        out += [idf / len(w)] * len(w)
    return out


# --- the joint meetings -------------------------------------------------------------------------------------


def describe_rule(rule: Rule) -> str:
    """每半年1次, 每年1–2次, 不定期, 定期或不定期, 每季度 … as an analyst would write it: the
    period and times (每年至少1次: the least, with no greatest), else how the rule meets
    (pkm:schedules: 定期, 不定期, 定期或不定期); a period and meetings also as needed:
    定期或不定期：每年1–2次 (the dash of `query.rule_text`'s ranges)."""
    parts = []
    if rule.period:
        parts.append(period_words().get(rule.period, rule.period))
    if rule.times_min is not None:
        times = f"{at_least_word()}{rule.times_min}" if rule.times_max is None else str(rule.times_min) \
            if rule.times_max == rule.times_min else f"{rule.times_min}–{rule.times_max}"
        parts.append(f"{times}次")
    text = "".join(parts)
    says = schedule_words()
    schedule = rule.schedule or ("irregular" if rule.irregular else None)  # a store without pk:schedule
    if rule.period and rule.irregular and "regular-or-irregular" in says:  # a period is a schedule: both
        text = f"{says['regular-or-irregular']}：{text}"
    elif not rule.period and schedule in says:
        text = f"{text}，{says[schedule]}" if text else says[schedule]
    return text or "未定频次"


def _neutral_role(text: str) -> str:
    """A post or unit description with departments reduced to their concept and the
    jurisdiction prefix gone: 县卫健委分管负责同志 and 市卫生健康委分管负责同志 compare equal."""
    from .departments import find_departments
    from .similarity import bare

    out, last = [], 0
    for m in find_departments(text):
        out.append(text[last:m.start])
        out.append(f"<{m.concept or m.canonical}>")
        last = m.end
    out.append(text[last:])
    return _section_words().sub("<section>", bare("".join(out)))


@cache
def _section_words() -> re.Pattern:
    """A body's sections as each level names them (股室, 科室, 处室: compare.ttl)."""
    words = by_subject(COMPARE_DATA).get(CMP + "section-words", {}).get(PK + "cue", [])
    return re.compile("|".join(map(re.escape, sorted(map(str, words), key=len, reverse=True))) or "(?!)")


def compare_meetings(a: Side, b: Side) -> list[Row]:
    """The two joint meetings aspect by aspect, then rule kind by rule kind."""
    ma, mb = a.meeting, b.meeting
    rows: list[Row] = []
    if ma is None and mb is None:
        return rows

    def unit_name(side: Side, iri: str) -> str:
        u = side.units.get(iri)
        return u.name if u else side.names.get(iri) or (iri.rsplit("/", 1)[-1] if iri else "")

    def unit_key(side: Side, iri: str) -> str:
        u = side.units.get(iri)
        return (u.concept or _strip_jurisdiction(u.name)) if u else ""

    def add(key: str, aspect: str, va: str, vb: str, same: bool | None = None) -> None:
        if not va and not vb:
            return
        if not va or not vb:
            status = "only-A" if va else "only-B"
        else:
            # 县政府 ↔ 市政府 compare as posts of one body; 祁门县…联席会议 ↔ 巴彦淖尔市…联席会议 once
            # the jurisdictions' own names are set aside
            alike = same if same is not None else (
                _neutral_role(va) == _neutral_role(vb)
                or _neutral_role(va.replace(a.label, "")) == _neutral_role(vb.replace(b.label, "")))
            status = "same" if alike else "differs"
        rows.append(Row(key, aspect, va, vb, status))

    ga = ma or Meeting("")
    gb = mb or Meeting("")
    if {ga.kind, gb.kind} - {"", body_kinds()[0].label}:  # not two joint meetings: say what each is
        add("kind", "机构类型", ga.kind, gb.kind, ga.kind == gb.kind)
    add("name", "联席会议", ga.name, gb.name)
    add("convenor", "召集人", ga.convenor, gb.convenor)
    add("deputy_convenors", "副召集人", "、".join(ga.deputy_convenors), "、".join(gb.deputy_convenors))
    add("office_host", "办公室设在", unit_name(a, ga.office_host), unit_name(b, gb.office_host),
        unit_key(a, ga.office_host) == unit_key(b, gb.office_host))
    add("office_director", "办公室主任", ga.office_director, gb.office_director)
    add("liaison", "联络员", ga.liaison, gb.liaison)
    add("lead_unit", "牵头部门", "、".join(unit_name(a, u) for u in ga.lead_units),
        "、".join(unit_name(b, u) for u in gb.lead_units),
        sorted(unit_key(a, u) for u in ga.lead_units) == sorted(unit_key(b, u) for u in gb.lead_units))
    add("reports_to", "在…领导下", "、".join(n for n, _ in ga.reports_to), "、".join(n for n, _ in gb.reports_to),
        sorted(c or _strip_jurisdiction(n) for n, c in ga.reports_to)
        == sorted(c or _strip_jurisdiction(n) for n, c in gb.reports_to))
    na, nb = len(ga.members), len(gb.members)
    add("members", "成员单位数", str(na) if ma else "", str(nb) if mb else "", na == nb)
    add("stated_count", "文中所述单位数",
        "" if ga.stated_count is None else str(ga.stated_count),
        "" if gb.stated_count is None else str(gb.stated_count), ga.stated_count == gb.stated_count)
    for part, part_zh, _ in meeting_parts():  # whom the joint meeting as a whole may invite
        add(f"meeting:{part}", f"联席会议 {part_zh}", "；".join(ga.participants.get(part, ())),
            "；".join(gb.participants.get(part, ())))

    kinds_zh = _rule_kind_labels()
    ra = {r.kind: r for r in ga.rules}
    rb = {r.kind: r for r in gb.rules}
    order = [r.kind for r in ga.rules] + [r.kind for r in gb.rules if r.kind not in ra]
    for kind in order:
        x, y = ra.get(kind), rb.get(kind)
        aspect = kinds_zh.get(kind) or (x or y).label
        da = describe_rule(x) if x else ""
        db = describe_rule(y) if y else ""
        status = ("only-A" if y is None else "only-B" if x is None else
                  "same" if (x.period, x.times_min, x.times_max, x.irregular, x.schedule) ==
                  (y.period, y.times_min, y.times_max, y.irregular, y.schedule) else "differs")
        rows.append(Row(f"rule:{kind}", aspect, da, db, status, x, y))
        for part, part_zh, _ in meeting_parts():  # who chairs it, attends it, may be invited
            add(f"rule:{kind}:{part}", f"{aspect} {part_zh}", "；".join(x.participants.get(part, ()) if x else ()),
                "；".join(y.participants.get(part, ()) if y else ()))
    return rows


@cache
def _rule_kind_labels() -> dict[str, str]:
    out = {}
    for props in by_subject("cues.ttl").values():
        notation = next(iter(props.get(SKOS + "notation", [])), None)
        label = next((str(l) for l in props.get(SKOS + "prefLabel", []) if getattr(l, "language", "") == "zh"), None)
        if notation is not None and label and SKOS + "Concept" in props.get(RDF + "type", []):
            out.setdefault(str(notation), label)
    return out


# --- the responsibility matrix ----------------------------------------------------------------------------------


def _strongest(statements: Iterable[Statement]) -> str | None:
    roles = [s.role for s in statements if s.role in ROLE_RANK]
    return max(roles, key=ROLE_RANK.__getitem__) if roles else None


def responsibility_matrix(units: list[UnitPair]) -> tuple[dict[int, dict[str, Cell]], list[Topic]]:
    """Unit pair × topic → the strongest role (牵头 > 负责 > 配合) each side gives the unit on
    that topic, over its duty statements and task assignments. Only topics with a filled
    cell become columns."""
    scheme = topic_scheme()
    matrix: dict[int, dict[str, Cell]] = {}
    for k, pair in enumerate(units):
        row = {}
        for t in scheme:
            ea = [s for s in ((pair.a.duties + pair.a.tasks) if pair.a else []) if t.key in s.topics]
            eb = [s for s in ((pair.b.duties + pair.b.tasks) if pair.b else []) if t.key in s.topics]
            row[t.key] = Cell(_strongest(ea), _strongest(eb), ea, eb)
        matrix[k] = row
    used = [t for t in scheme if any(matrix[k][t.key].status for k in matrix)]
    return {k: {t.key: row[t.key] for t in used} for k, row in matrix.items()}, used


# --- the comparison in RDF ---------------------------------------------------------------------------------------

# How a cell's two things are linked directly, by its outcome: units by pk:counterpart (or
# pkx:partialCounterpart), duties and rules by pkx:pairedWith. Not SKOS mapping properties:
# their domain would make a unit, a duty or a rule a skos:Concept, and skos:exactMatch, being
# transitive, chains duties across comparisons.
PAIR_LINK = {"counterpart": PK + "counterpart", "same-name": PK + "counterpart", "partial": CMP + "partialCounterpart",
             "shared": CMP + "pairedWith", "reworded": CMP + "pairedWith", "differs": CMP + "pairedWith"}


def comparison_quads(c: Comparison) -> list[ox.Quad]:
    """The comparison as quads in its named graph `c.iri` (vocabulary: ontology/compare.ttl).

    The alignment node (`c.iri`, an align:Alignment of A and B) maps align:Cells — unit
    pairs, duty pairs, rule pairs — each with both entities, the measure and pkx:outcome;
    the paired things are linked directly (`PAIR_LINK`, both directions);
    every compared unit, duty and rule carries its outcome as pkx:outcome; statements carry
    their topics as dct:subject. A reworded or shared duty cell names, as pkx:Phrase nodes
    (`phrase`), the words each statement says that the other does not.
    Deterministic: same comparison, same quads, same order.
    """
    graph = ox.NamedNode(c.iri)
    quads: list[ox.Quad] = []
    seen: set[ox.Quad] = set()

    def add(s: str, p: str, o) -> None:
        obj = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
        q = ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, graph)
        if q not in seen:
            seen.add(q)
            quads.append(q)

    def cell(path: str, a: str | None, b: str | None, status: str, measure: float | None) -> None:
        for iri, st in ((a, status), (b, status)):
            if iri:
                add(iri, CMP + "outcome", CMP + st)
        if not (a and b):
            return
        node = f"{c.iri}/{path}"
        add(c.iri, ALIGN + "map", node)
        add(node, RDF + "type", ALIGN + "Cell")
        add(node, ALIGN + "entity1", a)
        add(node, ALIGN + "entity2", b)
        add(node, ALIGN + "relation", ox.Literal("="))
        if measure is not None:
            add(node, ALIGN + "measure", ox.Literal(f"{measure:.4f}", datatype=ox.NamedNode(XSD + "float")))
        add(node, CMP + "outcome", CMP + status)
        link = PAIR_LINK.get(status)
        if link:
            add(a, link, b)
            add(b, link, a)

    def phrase(node: str, path: str, side: str, ref: NoticeRef, p: Phrase) -> None:
        """A one-sided phrase of the duty cell `node`: its words as written, its side (only-A,
        only-B), its span as graph.py writes a fact's (`span_iri` of the notice's source text,
        with pk:start/pk:end), and the other side's task assignments that say it."""
        iri = f"{node}/{path}"
        add(node, CMP + "oneSidedPhrase", iri)
        add(iri, RDF + "type", CMP + "Phrase")
        add(iri, CMP + "phraseText", ox.Literal(p.text))
        add(iri, CMP + "outcome", CMP + "only-" + side)
        if p.start is not None and p.end is not None:
            span = span_iri(ref.iri + "/source", p.start, p.end)
            add(iri, PK + "span", span)
            add(span, PK + "start", ox.Literal(str(p.start), datatype=ox.NamedNode(XSD + "integer")))
            add(span, PK + "end", ox.Literal(str(p.end), datatype=ox.NamedNode(XSD + "integer")))
        for task, _ in p.tasks:
            add(iri, CMP + "saidByTask", task.iri)

    a, b = c.a.notice, c.b.notice
    add(c.iri, RDF + "type", ALIGN + "Alignment")
    add(c.iri, RDFS + "label", ox.Literal(f"{c.a.label} ↔ {c.b.label}：{a.number or a.label} 与 {b.number or b.label} 的对比",
                                          language="zh"))
    add(c.iri, ALIGN + "onto1", a.iri)
    add(c.iri, ALIGN + "onto2", b.iri)
    add(c.iri, ALIGN + "type", ox.Literal("11"))  # one-to-one both ways
    add(c.iri, PROV + "used", a.iri)
    add(c.iri, PROV + "used", b.iri)
    add(c.iri, RDFS + "comment", ox.Literal(f"duties paired by {c.method} at {c.threshold:g}", language="en"))
    for k, pair in enumerate(c.units, 1):
        cell(f"unit/{k}", pair.a.iri if pair.a else None, pair.b.iri if pair.b else None, pair.status,
             1.0 if pair.a and pair.b else None)
    n = 0
    for pair in c.units:
        for d in pair.duties:
            n += 1
            cell(f"duty/{n}", d.a.iri if d.a else None, d.b.iri if d.b else None, d.status,
                 d.score)
            for side, ref, phrases in (("A", a, d.a_only), ("B", b, d.b_only)):
                for k, p in enumerate(phrases, 1):
                    phrase(f"{c.iri}/duty/{n}", f"{side.lower()}/{k}", side, ref, p)
    for row in c.meeting:
        if row.a_rule or row.b_rule:
            status = "shared" if row.status == "same" else row.status
            cell(f"rule/{iri_segment(row.key.split(':', 1)[1])}", row.a_rule.iri if row.a_rule else None,
                 row.b_rule.iri if row.b_rule else None, status, None)
    from .topics import TOPIC

    for side in (c.a, c.b):
        for unit in side.units.values():
            for s in unit.duties + unit.tasks:
                for t in s.topics:
                    add(s.iri, DCT + "subject", TOPIC + t)
    return quads


def add_comparison(store: ox.Store, c: Comparison) -> str:
    """(Re)write the comparison's named graph in `store`; returns its IRI."""
    graph = ox.NamedNode(c.iri)
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    store.extend(comparison_quads(c))
    return c.iri
