"""Stage — view: a `networkx.MultiDiGraph` → one self-contained, offline, interactive HTML page.

In: a graph as `graph.to_networkx` makes it — node attributes `label`, `kind`, `jurisdiction`,
`title` (the exact source sentence: raw, untrusted text), optional `side` (A/B), `status`
(shared / reworded / only-A / only-B) and `group` (what ties nodes of both sides together,
e.g. the department function, for a filter that keeps both); optional numeric `x`, `y` on
every node fix the layout (no physics); edge attributes `kind` and optional `title`.
Out: `render(graph, path, title=...)` writes one HTML file and returns its path;
`page_html(..., template=, context=)` lets another page (the comparison report) embed the
same graph widget by extending `templates/graph.html`.

pyvis builds the vis-network node/edge records and the physics options and supplies the
vis-network bundle; the page itself comes from our own template (`templates/graph.*`),
because pyvis's template links CDNs and pastes headings, ids and titles into the page raw.
Safety rests on three things: every string of the graph travels only inside one
`<script type="application/json">` blob (with `<`, `>`, `&`, U+2028/9 escaped) and reaches
the DOM only through `textContent`; the heading is HTML-escaped; a Content-Security-Policy
allows only our own inline scripts (by hash) and no network access at all.
The same graph always gives the same bytes (sorted records, fixed layout seed).
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PolicykgError
from .files import write_bytes

if TYPE_CHECKING:  # imported when used: networkx is slow to import
    import networkx

TEMPLATES = Path(__file__).resolve().parent / "templates"
VIS_VERSION = "9.1.2"  # the vis-network bundle pyvis 0.3.x ships in lib/

FONT_STACK = '"WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif'

# Default palette: one colour per node kind (background); user `legend` entries override.
KIND_COLOURS = {
    "document": "#4e79a7", "clause": "#bab0ac", "task": "#9c755f", "department": "#f28e2b",
    "meeting": "#e15759", "concept": "#76b7b2", "duty": "#59a14f", "reference": "#b07aa1",
    "jurisdiction": "#edc948", "person": "#ff9da7", "post": "#d37295", "meeting-rule": "#a0cbe8",
    "addressee": "#86bcb6", "change": "#b6992d",
}
OTHER_COLOUR = "#cccccc"
KIND_LABELS = {
    "document": "文件", "clause": "条款", "task": "任务", "department": "部门", "meeting": "联席会议",
    "concept": "职能概念", "duty": "职责", "reference": "引用文件", "jurisdiction": "辖区",
    "person": "人员", "post": "职务", "meeting-rule": "会议制度", "addressee": "主送/抄送", "change": "成员调整",
}
KIND_SIZES = {"document": 30, "meeting": 26, "jurisdiction": 26, "department": 20, "concept": 16}
DEFAULT_SIZE = 12
# Hubs get larger labels, so a whole graph fitted to the screen still names its departments.
KIND_FONT_SIZES = {"document": 18, "meeting": 18, "jurisdiction": 20, "department": 17, "concept": 15}

# Border colour: the side of a comparison view if given, else the jurisdiction.
SIDE_COLOURS = {"A": "#1f4e9c", "B": "#c0392b"}
JURISDICTION_COLOURS = ("#1f4e9c", "#c0392b", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f",
                        "#5d4037", "#ad1457", "#455a64", "#827717")
NO_JURISDICTION = "#888888"

# Comparison status of a duty → node shape (legend glyph beside it).
STATUS_SHAPES = {"shared": ("dot", "●"), "reworded": ("diamond", "◆"),
                 "only-A": ("triangle", "▲"), "only-B": ("triangleDown", "▼")}
STATUS_LABELS = {"shared": "两地共有", "reworded": "表述不同", "only-A": "仅A有", "only-B": "仅B有"}

EDGE_COLOURS = {
    "has_part": "#b0b0b0", "mentions": "#76b7b2", "duty_of": "#59a14f", "assigned_to": "#9c755f",
    "cites": "#b07aa1", "member_of": "#f28e2b", "counterpart": "#e15759", "matches": "#76b7b2",
    "holds_post": "#d37295", "in_jurisdiction": "#d4c27a", "corresponds": "#8e44ad", "issued_by": "#4e79a7",
    "unit_of": "#f28e2b", "home_unit": "#d37295",
}
EDGE_LABELS = {
    "has_part": "包含", "mentions": "提及", "duty_of": "职责归属", "assigned_to": "任务分工",
    "cites": "引用", "member_of": "成员", "counterpart": "对应部门", "matches": "职能归类",
    "holds_post": "任职", "in_jurisdiction": "所属辖区", "corresponds": "职责对应", "issued_by": "发文机关",
    "unit_of": "下设于", "post_in": "职务所在", "hosted_by": "设在", "office_host": "办公室设在", "lead_unit": "牵头单位",
    "head": "负责人", "deputy_head": "副职", "convenor": "召集人", "deputy_convenor": "副召集人",
    "office_director": "办公室主任", "liaison": "联络员", "home_unit": "本职单位",
    "changed_by": "调整", "changed_unit": "调整单位", "outgoing_holder": "原任", "incoming_holder": "接任", "new_post": "接任职务",
}
DASHED_EDGES = frozenset({"counterpart", "matches", "corresponds"})
EDGE_DETAIL_KEYS = ("role", "relation")

FILTER_LABELS = {"department": "部门", "jurisdiction": "辖区", "side": "对比侧", "status": "状态",
                 "kind": "类型", "document": "文件", "group": "职能"}
NODE_ATTRIBUTES = ("label", "kind", "jurisdiction", "title", "side", "status", "group")

LABEL_MAX = 18  # characters drawn on the canvas; the full label is in the tooltip
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}")
_LENGTH = re.compile(r"\d{1,5}(\.\d+)?(px|vh|%|em|rem)")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def render(graph: "networkx.MultiDiGraph", path: str | Path, *, title: str,
           legend: dict[str, str] | None = None,
           filters: tuple[str, ...] = ("department", "jurisdiction"),
           height: str = "800px") -> Path:
    """Write `graph` as an interactive page to `path` (atomically) and return the path.

    `legend` maps node kinds to colours (merged over the default palette); `filters`
    names the drop-downs: a node attribute (``jurisdiction``, ``side``, ``status``, ``kind``)
    keeps the nodes with that value, a node kind (``department``) keeps one node of that
    kind and its neighbours. `height` is the CSS height of the graph area.
    """
    page = page_html(graph, title=title, legend=legend, filters=filters, height=height)
    return write_bytes(path, page.encode("utf-8"))


def page_html(graph, *, title: str, legend: dict[str, str] | None = None,
              filters: tuple[str, ...] = ("department", "jurisdiction"),
              height: str = "800px", template: str = "graph.html", context: dict[str, Any] | None = None) -> str:
    """The page as a string (what `render` writes).

    `template` names a template of `templates/` that extends graph.html (its blocks:
    ``style``, ``before``, ``after``); `context` are its extra variables — jinja escapes
    them, so they may hold notice text but must not be markup."""
    from markupsafe import Markup

    if not hasattr(graph, "nodes") or not hasattr(graph, "edges"):
        raise PolicykgError(f"view: expected a networkx graph, got {type(graph).__name__}")
    if not isinstance(title, str):
        raise PolicykgError("view: title must be text")
    if not isinstance(height, str) or not _LENGTH.fullmatch(height):
        raise PolicykgError(f"view: height must be a CSS length such as 800px or 90vh, got {height!r}")
    colours = _kind_colours(legend)
    data = _page_data(graph, colours, (filters,) if isinstance(filters, str) else tuple(filters))
    scripts, styles, csp = _assets()
    extra = dict(context or {})
    clash = set(extra) & {"heading", "csp", "height", "data", "vis_js", "app_js", "vis_css", "app_css"}
    if clash:
        raise PolicykgError(f"view: template context may not set {', '.join(sorted(clash))}")
    return _environment().get_template(template).render(
        **extra,
        heading=Markup(html.escape(title)), csp=csp, height=height,
        data=Markup(json_for_script(data)),
        vis_js=scripts["vis"], app_js=scripts["app"], vis_css=styles["vis"], app_css=styles["app"],
    )


def json_for_script(value: Any) -> str:
    """JSON that is inert inside a `<script>` element: no `<`, `>`, `&` or JS line breaks."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


# --- building the page data ------------------------------------------------------------------


def _kind_colours(legend: dict[str, str] | None) -> dict[str, str]:
    colours = dict(KIND_COLOURS)
    for kind, colour in (legend or {}).items():
        if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
            raise PolicykgError(f"view: legend colour for {kind!r} must be #hex or a colour name, "
                                f"got {colour!r}")
        colours[str(kind)] = colour
    return colours


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


class _NodeIds(list):
    """pyvis's list of node ids, with a set beside it: `id in ids` in constant time (pyvis
    asks it for every node and twice for every edge: quadratic on a corpus-wide page)."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set = set()

    def append(self, item) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item) -> bool:
        return item in self._set


def _page_data(graph, colours: dict[str, str], filters: tuple[str, ...]) -> dict:
    from pyvis.network import Network

    records = []
    for node_id, attrs in graph.nodes(data=True):
        rec = {k: _text(attrs.get(k)) for k in NODE_ATTRIBUTES}
        rec["id"] = _text(node_id)
        rec["label"] = rec["label"] or rec["id"].rstrip("/#").rsplit("/", 1)[-1]
        records.append(rec)
    records.sort(key=lambda r: r["id"])
    if len({r["id"] for r in records}) != len(records):
        raise PolicykgError("view: two nodes have the same id once written as text")

    jurisdictions = sorted({r["jurisdiction"] for r in records if r["jurisdiction"]})
    j_colour = {j: JURISDICTION_COLOURS[i % len(JURISDICTION_COLOURS)] for i, j in enumerate(jurisdictions)}

    # A graph whose every node has numeric `x` and `y` is drawn where its maker put it (a
    # layout that means something, such as the comparison's two columns): no physics.
    positions = {}
    for node_id, attrs in graph.nodes(data=True):
        x, y = attrs.get("x"), attrs.get("y")
        if isinstance(x, (int, float)) and isinstance(y, (int, float)) and math.isfinite(x) and math.isfinite(y):
            positions[_text(node_id)] = (round(float(x), 2), round(float(y), 2))
    fixed = bool(records) and len(positions) == len(records)

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.node_ids = _NodeIds()  # pyvis tests membership in a list per node and twice per edge
    for r in records:
        place = {"x": positions[r["id"]][0], "y": positions[r["id"]][1]} if fixed else {}
        border = SIDE_COLOURS.get(r["side"]) or j_colour.get(r["jurisdiction"], NO_JURISDICTION)
        background = colours.get(r["kind"], OTHER_COLOUR)
        net.add_node(
            r["id"], label=_short(r["label"]), shape=STATUS_SHAPES.get(r["status"], ("dot",))[0],
            color={"background": background, "border": border,
                   "highlight": {"background": background, "border": "#000000"},
                   "hover": {"background": background, "border": "#000000"}},
            borderWidth=3, size=KIND_SIZES.get(r["kind"], DEFAULT_SIZE),
            **({"font": {"size": KIND_FONT_SIZES[r["kind"]]}} if r["kind"] in KIND_FONT_SIZES else {}),
            pk={k: r[k] for k in NODE_ATTRIBUTES}, **place,
        )

    edge_records = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        kind = _text(attrs.get("kind") or key)
        details = [f"{k}: {_text(attrs[k])}" for k in EDGE_DETAIL_KEYS if attrs.get(k)]
        edge_records.append((_text(u), _text(v), kind, _text(attrs.get("title")), " · ".join(details)))
    edge_records.sort()
    for n, (u, v, kind, etitle, detail) in enumerate(edge_records):
        net.add_edge(u, v, id=f"e{n}", color={"color": EDGE_COLOURS.get(kind, "#999999"), "opacity": 0.8},
                     dashes=kind in DASHED_EDGES, width=1,
                     pk={"kind": kind, "label": EDGE_LABELS.get(kind, kind), "title": etitle,
                         "detail": detail})

    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": _options(net, len(records), len(edge_records), fixed),
        "legend": _legend(records, [e[2] for e in edge_records], colours, j_colour),
        "filters": [f for f in (_filter(name, records, graph) for name in filters) if f["options"]],
        "labels": {"kinds": {**KIND_LABELS}, "statuses": STATUS_LABELS},
    }


def _options(net, n_nodes: int, n_edges: int, fixed: bool = False) -> dict:
    # pyvis owns the physics model; we add what a fixed, frozen, readable layout needs.
    net.force_atlas_2based(gravity=-60, central_gravity=0.01, spring_length=110,
                           spring_strength=0.08, damping=0.5, overlap=0.2)
    net.toggle_stabilization(True)
    options = json.loads(net.options.to_json())
    options["physics"]["stabilization"].update(
        {"iterations": 600 if n_nodes <= 400 else 250, "updateInterval": 25, "fit": True})
    options["physics"]["minVelocity"] = 0.75
    if fixed:
        options["physics"] = {"enabled": False}
    options["edges"] = {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "smooth": {"enabled": n_edges <= 600, "type": "continuous"},
        "color": {"inherit": False},
    }
    options["nodes"] = {"font": {"face": FONT_STACK, "size": 13, "color": "#222222",
                                 "strokeWidth": 3, "strokeColor": "#ffffff"}}
    options["interaction"].update({"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                                   "keyboard": False, "multiselect": False})
    options["layout"] = {"randomSeed": 7, "improvedLayout": n_nodes <= 150}
    return options


def _legend(records: list[dict], edge_kinds: list[str], colours: dict[str, str],
            j_colour: dict[str, str]) -> dict:
    kinds = Counter(r["kind"] for r in records)
    sides = Counter(r["side"] for r in records if r["side"])
    statuses = Counter(r["status"] for r in records if r["status"])
    juris = Counter(r["jurisdiction"] for r in records if r["jurisdiction"])
    edges = Counter(edge_kinds)
    return {
        "kinds": [{"kind": k, "label": KIND_LABELS.get(k, k), "colour": colours.get(k, OTHER_COLOUR),
                   "count": kinds[k]} for k in sorted(kinds)],
        "jurisdictions": [{"name": j, "colour": j_colour[j], "count": juris[j]} for j in sorted(juris)],
        "sides": [{"name": s, "colour": SIDE_COLOURS.get(s, NO_JURISDICTION), "count": sides[s]}
                  for s in sorted(sides)],
        "statuses": [{"status": s, "label": STATUS_LABELS.get(s, s),
                      "glyph": STATUS_SHAPES.get(s, ("dot", "●"))[1], "count": statuses[s]}
                     for s in sorted(statuses)],
        "edges": [{"kind": k, "label": EDGE_LABELS.get(k, k), "colour": EDGE_COLOURS.get(k, "#999999"),
                   "dashed": k in DASHED_EDGES, "count": edges[k]} for k in sorted(edges)],
    }


def _filter(name: str, records: list[dict], graph) -> dict:
    """One drop-down: by attribute value, or (for a node kind) by one node and its neighbours."""
    label = FILTER_LABELS.get(name, name)
    values = Counter(_text(a.get(name)) for _, a in graph.nodes(data=True)
                     if a.get(name) not in (None, ""))
    if name not in ("label", "title") and (values or name in NODE_ATTRIBUTES):
        return {"name": name, "label": label, "mode": "attribute",
                "options": [{"value": v, "text": v, "count": values[v]} for v in sorted(values)]}
    if name in KIND_LABELS or any(r["kind"] == name for r in records):
        members = sorted((r for r in records if r["kind"] == name),
                         key=lambda r: (r["label"], r["jurisdiction"], r["id"]))
        return {"name": name, "label": label, "mode": "neighbourhood",
                "options": [{"value": r["id"], "count": 1,
                             "text": f"{r['label']}（{r['jurisdiction']}）" if r["jurisdiction"] else r["label"]}
                            for r in members]}
    raise PolicykgError(f"view: cannot filter by {name!r}: it is neither a node attribute nor a node kind")


# --- assets ----------------------------------------------------------------------------------


def _vis_dir() -> Path:
    import pyvis

    return Path(pyvis.__file__).resolve().parent / "templates" / "lib" / f"vis-{VIS_VERSION}"


@cache
def _assets() -> tuple[dict[str, "Markup"], dict[str, "Markup"], str]:
    """The scripts and styles every page inlines, checked, and the page's CSP (hashes of
    its scripts): read once a process — a build writes a page per notice."""
    from markupsafe import Markup

    scripts = {"vis": _read(_vis_dir() / "vis-network.min.js"), "app": _read(TEMPLATES / "graph.js")}
    styles = {"vis": _read(_vis_dir() / "vis-network.css"), "app": _read(TEMPLATES / "graph.css")}
    for name, text in {**scripts, **styles}.items():
        if re.search(r"</(script|style)|<!--", text, re.I):
            raise PolicykgError(f"view: bundled {name} code cannot be inlined (contains a closing tag)")
    csp = ("default-src 'none'; "
           f"script-src {' '.join(_csp_hash(s) for s in scripts.values())}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "base-uri 'none'; form-action 'none'")
    return ({k: Markup(v) for k, v in scripts.items()}, {k: Markup(v) for k, v in styles.items()}, csp)


@cache
def _environment():
    """The templates' jinja environment: it compiles each template once."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicykgError(f"view: missing page asset {path}: {exc.strerror}") from exc


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
