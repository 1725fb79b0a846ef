"""The graphs the interactive views show, built from the store: one notice, the departments
across notices, and a comparison of two notices.

In: a store (`build.load_store`) or a `compare.Comparison`. Out: `networkx.MultiDiGraph`s
that follow `view.py`'s node/edge contract (label, kind, jurisdiction, title = the exact
source sentence, side, status, group); `view.render` turns them into pages.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import pyoxigraph as ox

from .errors import PolicykgError

if TYPE_CHECKING:
    import networkx as nx

    from .compare import Comparison, NoticeRef, Side

# A single notice's view leaves out what clutters it without telling the notice's story:
# people (and their posts) from the contact table, registry concepts and jurisdiction hubs.
NOTICE_VIEW_DROPS = frozenset({"person", "post", "concept", "jurisdiction"})
STATUS_ZH = {"shared": "两地共有", "reworded": "表述不同", "only-A": "仅A有", "only-B": "仅B有", "same": "相同",
             "differs": "不同"}


def _graph():
    import networkx as nx

    return nx.MultiDiGraph()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def notice_graph(store: ox.Store, ref: "NoticeRef") -> "nx.MultiDiGraph":
    """One notice: document → clauses → departments → duties → references (and its joint
    meeting with its rules), as `graph.to_networkx` reads the notice's named graph."""
    from .graph import to_networkx

    g = to_networkx(store, graph=ref.graph)
    g.remove_nodes_from([n for n, kind in g.nodes(data="kind") if kind in NOTICE_VIEW_DROPS])
    for _, attrs in g.nodes(data=True):
        attrs.setdefault("group", "")
    return g


def _concept_label(concept: str | None, name: str) -> str:
    from .compare import _concept_info, _strip_jurisdiction

    return _concept_info(concept)["zh"] if concept else _strip_jurisdiction(name)


def _statement_nodes(g, side: "Side", unit, group: str, *, side_key: str = "", statuses: dict | None = None) -> None:
    """Duty and task nodes of `unit`, linked to it (duty_of / assigned_to)."""
    for s in unit.duties:
        g.add_node(s.iri, label=_one_line(s.text), kind="duty", jurisdiction=side.label, title=s.quote,
                   group=group, side=side_key, status=(statuses or {}).get(s.iri, ""))
        g.add_edge(s.iri, unit.iri, key="duty_of", kind="duty_of", role=s.role)
    for s in unit.tasks:
        clause = f"{side.notice.iri}/task/{s.clause}"
        if clause not in g:
            g.add_node(clause, label=_one_line(s.text) or s.clause, kind="task", jurisdiction=side.label,
                       title=_one_line(s.text), group="", side=side_key)
        g.add_edge(clause, unit.iri, key="assigned_to", kind="assigned_to", role=s.role, title=s.quote)


def departments_graph(store: ox.Store, department: str | None = None,
                      notices: Iterable["NoticeRef"] | None = None) -> "nx.MultiDiGraph":
    """The departments every notice puts to work, grouped by function across notices: each
    unit with its duties and the tasks it is assigned, its registry concept, its notice,
    and counterpart links between jurisdictions. `department` (any name the registry
    knows: 卫健委, 消防救援支队, or a body's name as the graph gives it) keeps the units
    `policykg duties` answers for, chosen by the same `query.organisations`."""
    from .compare import read_side
    from .graph import DEPT, PK
    from . import query

    wanted = None if department is None else set(query.organisations(store, department))
    if wanted is not None and not wanted:
        if not query.department_query(department).concepts:
            raise PolicykgError(f"{department!r} is not a department the registry knows, nor one a notice here puts to work")
        raise PolicykgError(f"no notice in the store puts {department!r} to work")
    refs = list(notices) if notices is not None else [_notice_ref(store, n) for n in query.notices(store)]
    g = _graph()
    for ref in refs:
        side = read_side(store, ref, every_place=True)
        doc = ref.iri
        # units put to work (duties or tasks), as `duties` lists them: not those only named
        units = [u for u in side.units.values() if (wanted is None or u.iri in wanted) and (u.duties or u.tasks)]
        if not units:
            continue
        g.add_node(doc, label=ref.number or ref.label, kind="document", jurisdiction=side.label,
                   title=ref.caption, group="")
        for u in units:
            group = _concept_label(u.concept, u.name)
            g.add_node(u.iri, label=u.name, kind="department", jurisdiction=side.label, title=u.name, group=group)
            g.add_edge(doc, u.iri, key="mentions", kind="mentions")
            if u.concept:
                c = DEPT + u.concept
                g.add_node(c, label=group, kind="concept", jurisdiction="", title=group, group=group)
                g.add_edge(u.iri, c, key="matches", kind="matches")
            _statement_nodes(g, side, u, group)
    if wanted is not None and g.number_of_nodes() == 0:  # its units are only named, or in other notices
        raise PolicykgError(f"no notice in the store puts {department!r} to work")
    rows = store.query(f"SELECT ?a ?b WHERE {{ GRAPH ?g {{ ?a <{PK}counterpart> ?b }} }}")
    for r in rows:
        a, b = r["a"].value, r["b"].value
        if a in g and b in g and g.nodes[a]["kind"] == g.nodes[b]["kind"] == "department":
            g.add_edge(a, b, key="counterpart", kind="counterpart")
    return g


def _notice_ref(store: ox.Store, row: dict) -> "NoticeRef":
    from .compare import _ref

    return _ref(store, row)


def comparison_graph(c: "Comparison") -> "nx.MultiDiGraph":
    """A comparison: both sides' units (border colour = side), counterpart links, every duty
    shaped by its outcome (shared ●, reworded ◆, only-A ▲, only-B ▼) with a link between
    paired duties carrying the score, and both joint meetings with their rules."""
    g = _graph()
    sides = {"A": c.a, "B": c.b}
    for key, side in sides.items():
        j = f"{side.notice.iri}#jurisdiction"
        g.add_node(j, label=f"{key}：{side.label}", kind="jurisdiction", jurisdiction=side.label,
                   title=side.notice.caption, side=key, group="")
    statuses: dict[str, str] = {}
    for pair in c.units:
        for d in pair.duties:
            for s in (d.a, d.b):
                if s is not None:
                    statuses[s.iri] = d.status
    for pair in c.units:
        for key, unit in (("A", pair.a), ("B", pair.b)):
            if unit is None:
                continue
            side = sides[key]
            one_sided = pair.status if pair.status in ("only-A", "only-B") else ""
            g.add_node(unit.iri, label=unit.name, kind="department", jurisdiction=side.label,
                       title=f"{unit.name}（{'成员单位' if unit.member else '非成员单位'}，"
                             f"{len(unit.duties)} 条职责，{len(unit.tasks)} 项任务）",
                       side=key, status=one_sided, group=pair.label)
            for s in unit.duties:
                g.add_node(s.iri, label=_one_line(s.text), kind="duty", jurisdiction=side.label, title=s.quote,
                           group=pair.label, side=key, status=statuses.get(s.iri, ""))
                g.add_edge(s.iri, unit.iri, key="duty_of", kind="duty_of", role=s.role)
        if pair.a is not None and pair.b is not None:
            g.add_edge(pair.a.iri, pair.b.iri, key="counterpart", kind="counterpart",
                       title=f"{pair.label}：{STATUS_ZH.get(pair.status, pair.status)}")
        for d in pair.duties:
            if d.a is not None and d.b is not None:
                g.add_edge(d.a.iri, d.b.iri, key="corresponds", kind="corresponds",
                           title=f"{STATUS_ZH[d.status]} · 相似度 {d.score:.2f}")
    for key, side in sides.items():
        m = side.meeting
        if m is None:
            continue
        g.add_node(m.iri, label=m.name or "联席会议", kind="meeting", jurisdiction=side.label,
                   title=m.name or "联席会议", side=key, group="联席会议")
    for row in c.meeting:
        for key, rule in (("A", row.a_rule), ("B", row.b_rule)):
            if rule is None:
                continue
            side = sides[key]
            status = {"same": "shared", "differs": "reworded"}.get(row.status, row.status)
            g.add_node(rule.iri, label=f"{rule.label}：{row.a if key == 'A' else row.b}", kind="meeting-rule",
                       jurisdiction=side.label, title=rule.quote, side=key, status=status, group="联席会议")
            g.add_edge(side.meeting.iri, rule.iri, key="has_part", kind="has_part")
        if row.a_rule is not None and row.b_rule is not None:
            g.add_edge(row.a_rule.iri, row.b_rule.iri, key="corresponds", kind="corresponds",
                       title=f"{row.aspect}：{row.a} ↔ {row.b}（{STATUS_ZH[row.status]}）")
    _ladder(g, c)
    return g


# Columns of one band of the comparison layout (x): A's unpaired duties, A's units, paired
# duties of A and of B face to face in the middle, B's units, B's unpaired duties.
COLUMNS = {"only-A": -560.0, "unit-A": -380.0, "pair-A": -190.0, "pair-B": 190.0, "unit-B": 380.0,
           "only-B": 560.0}
ROW = 46.0  # vertical step between rows (a dot, its label, some air)
BLOCK = 1560.0  # horizontal distance between the two blocks of bands


def _ladder(g, c: "Comparison") -> None:
    """Place every node of a comparison graph: one horizontal band per unit pair (the
    meetings first), A on the left, B on the right, matched duties in the middle rows so
    their links run straight across, one-sided ones in the outer columns. The bands fill
    two blocks side by side, so the whole fits a wide screen at a readable scale."""
    bands: list[tuple[int, list[tuple[str, str, int]]]] = []  # (rows, [(node, column, row)])

    def band(unit_a: str | None, unit_b: str | None, pairs: list[tuple[str | None, str | None]]) -> None:
        matched = [(a, b) for a, b in pairs if a and b]
        only_a = [a for a, b in pairs if a and not b]
        only_b = [b for a, b in pairs if b and not a]
        rows = max(len(matched), len(only_a), len(only_b), 1)
        place = [(a, "pair-A", k) for k, (a, _) in enumerate(matched)] + \
                [(b, "pair-B", k) for k, (_, b) in enumerate(matched)] + \
                [(a, "only-A", k) for k, a in enumerate(only_a)] + [(b, "only-B", k) for k, b in enumerate(only_b)]
        middle = (rows - 1) / 2
        place += [(u, col, middle) for u, col in ((unit_a, "unit-A"), (unit_b, "unit-B")) if u]
        bands.append((rows, place))

    rules = [(r.a_rule.iri if r.a_rule else None, r.b_rule.iri if r.b_rule else None) for r in c.meeting
             if r.a_rule or r.b_rule]
    band(c.a.meeting.iri if c.a.meeting else None, c.b.meeting.iri if c.b.meeting else None, rules)
    for pair in c.units:
        band(pair.a.iri if pair.a else None, pair.b.iri if pair.b else None,
             [(d.a.iri if d.a else None, d.b.iri if d.b else None) for d in pair.duties])

    total = sum(rows + 1 for rows, _ in bands)
    y, dx, split = 0.0, -BLOCK / 2, False
    for rows, place in bands:
        if not split and y / ROW >= total / 2:  # the second block starts at the band past half-way
            y, dx, split = 0.0, BLOCK / 2, True
        for node, col, row in place:
            g.nodes[node].update(x=dx + COLUMNS[col], y=y + row * ROW)
        y += (rows + 1) * ROW
    for key, side in (("A", c.a), ("B", c.b)):
        g.nodes[f"{side.notice.iri}#jurisdiction"].update(x=-BLOCK / 2 + COLUMNS[f"unit-{key}"], y=-2 * ROW)
