"""CLI commands of the query stage (registered on `cli.app`): a thin skin over `query`.

Every command takes the same options, declared once in `query_command`: where the graph
comes from (``--store`` or ``--from``), ``--format table|csv|json`` and ``--explain``.
Heavy modules are imported inside the commands so `policykg --help` stays fast.
"""
from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from .cli import app, read_graph
from .errors import PolicykgError


# What reading a remote answer of another shape than a built store's raises in the named queries
SHAPE_ERRORS = (TypeError, AttributeError, ValueError, KeyError, IndexError)


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@dataclass
class QueryOptions:
    """The common options of a query command, and the one way it prints its rows."""

    store_path: Optional[Path] = None
    inputs: list[Path] = field(default_factory=list)
    format: Format = Format.table
    explain: bool = False
    endpoint: Optional[str] = None
    writable: bool = False  # open the store on disk for writing (compare --save)
    _store: Any = None

    @property
    def store(self):
        """The graph: a SPARQL server (``--endpoint``), the notices of ``--from`` built in
        memory, or the store on disk."""
        if self._store is None:
            if sum(bool(x) for x in (self.inputs, self.store_path is not None, self.endpoint)) > 1:
                raise PolicykgError("give one of --store, --from or --endpoint")
            if self.endpoint:
                from .remote import RemoteStore

                self._store = RemoteStore(self.endpoint)
                return self._store
            self._store = read_graph(self.inputs, store=self.store_path, writable=self.writable)
        return self._store

    @property
    def index_path(self) -> Optional[Path]:
        """The `who` index a build wrote beside the store on disk (None for --from/--endpoint)."""
        if self.inputs or self.endpoint:
            return None
        from .build import DEFAULT_OUTPUTS, STORE_DIR
        from .search import index_path

        return index_path(self.store_path if self.store_path is not None else DEFAULT_OUTPUTS / STORE_DIR)

    def emit(self, rows: list[dict[str, Any]], columns: list[str], *, title: str | None = None,
             explain_columns: list[str] | None = None, explain_lines: list[str] | None = None,
             explain_at: str | None = None, display: Callable[[Any], Any] | None = None) -> None:
        """Print `rows` restricted to `columns`: a rich table (with the source text under
        each row when explaining), or CSV/JSON with the explain columns added."""
        from .query import EXPLAIN_COLUMNS
        from .render import emit

        if self.format is Format.table:
            if self.explain and explain_lines is None:
                explain_lines = [explain_line(r) for r in rows]
            shown = [{c: (display(r.get(c)) if display else r.get(c)) for c in columns} for r in rows]
            emit(shown, "table", title=title, columns=columns, explain=explain_lines if self.explain else None,
                 explain_at=explain_at)
            return
        extra = (explain_columns if explain_columns is not None else list(EXPLAIN_COLUMNS)) if self.explain else []
        cols = list(columns) + [c for c in extra if c not in columns]
        emit([{c: r.get(c) for c in cols} for r in rows], self.format.value, columns=cols)


def explain_line(row: dict[str, Any]) -> str:
    if row.get("source") is None:
        return "(no source span)"
    return f"[{row['start']}, {row['end']}) {' '.join(row['source'].split())}"


StoreOption = Annotated[Optional[Path], typer.Option(
    "--store", help="The store `policykg build` wrote (default outputs/store).", show_default=False)]
FromOption = Annotated[Optional[list[Path]], typer.Option(
    "--from", help="Notice files or folders to build in memory instead (repeatable).", show_default=False)]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, csv or json.")]
EndpointOption = Annotated[Optional[str], typer.Option(
    "--endpoint", help="Query a SPARQL server (e.g. one `policykg push` loaded) instead.", show_default=False)]
ExplainOption = Annotated[bool, typer.Option(
    "--explain", help="Show the exact source text and [start, end) offsets behind each row.")]

_COMMON = [
    inspect.Parameter("store_path", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=StoreOption),
    inspect.Parameter("from_inputs", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=FromOption),
    inspect.Parameter("output_format", inspect.Parameter.KEYWORD_ONLY, default=Format.table, annotation=FormatOption),
    inspect.Parameter("explain", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=ExplainOption),
    inspect.Parameter("endpoint", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=EndpointOption),
]


def query_command(name: str | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register `fn(opts: QueryOptions, …)` as a command with the common options added.

    The command's own parameters come first; ``--store``, ``--from``, ``--format`` and
    ``--explain`` are appended to its signature for typer, gathered into a
    `QueryOptions` on call, and a `PolicykgError` becomes one line on stderr and exit 1.
    """

    def register(fn: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(fn, eval_str=True).parameters.values())[1:]

        def command(*args: Any, store_path=None, from_inputs=None, output_format=Format.table,
                    explain=False, endpoint=None, **kwargs: Any) -> None:
            opts = QueryOptions(store_path, list(from_inputs or []), output_format, explain, endpoint)
            try:
                try:
                    fn(opts, *args, **kwargs)
                except SHAPE_ERRORS as exc:
                    if not opts.endpoint or isinstance(exc, PolicykgError):
                        raise
                    # the named queries read each column as the store they build writes it (an
                    # IRI, a count): a server's answer that is not (unbound, a literal for an
                    # IRI, 'abc' as a count) fails on the way, in one place or another
                    raise PolicykgError(f"{opts.endpoint}: its answer is not of the shape the query expects "
                                        f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else '?'}); "
                                        "is it a graph policykg built?") from None
            except PolicykgError as exc:
                message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                sys.stderr.write(f"policykg: error: {message}\n")
                raise typer.Exit(1) from None

        params = own + _COMMON
        command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        command.__name__ = fn.__name__
        command.__doc__ = fn.__doc__
        app.command(name or fn.__name__.replace("_", "-"))(command)
        return fn

    return register


# --- the commands ---------------------------------------------------------------------------------

# -j 黟县 takes in the places within 黟县 (宏村镇, whose notice says it is 黟县's: skos:broader), each
# row saying its own place in `jurisdiction`; --only asks for the place alone.
OnlyOption = Annotated[bool, typer.Option(
    "--only", help="With -j: the place alone, not its townships.")]


def _check_only(jurisdiction: Optional[str], only: bool) -> None:
    if only and not jurisdiction:
        raise PolicykgError("--only says which places of -j to keep: give -j too (-j 黟县 --only)")



@query_command("duties")
def duties_command(
    opts: QueryOptions,
    department: Annotated[str, typer.Argument(help="A department, any alias: 卫健委, 市场监管局, 县人社局 …")],
    jurisdiction: Annotated[Optional[str], typer.Option(
        "--jurisdiction", "-j", help="Only this jurisdiction (and its townships) or level: 黟县, 县, county.")] = None,
    only: OnlyOption = False,
) -> None:
    """Every duty of a department, and the tasks it was assigned (kind = task)."""
    from . import query

    _check_only(jurisdiction, only)
    store = opts.store
    if not query.known_department(store, department):
        raise PolicykgError(f"no department called {department!r} in the registry or the graph")
    rows = query.duties(store, department, jurisdiction=jurisdiction, explain=opts.explain, index=opts.index_path,
                        only=only)
    if not rows and jurisdiction:
        query.check_place(store, jurisdiction)  # nothing found: say so if the place is not there at all
    opts.emit(rows, list(query.COLUMNS["duties"]), title=f"duties of {department}", explain_at="text")


@query_command("who")
def who_command(
    opts: QueryOptions,
    words: Annotated[list[str], typer.Argument(
        help="A topic: 消防, 食品安全, 用地, 税费, 培训 …; several words are several phrases (普惠 托育).",
        metavar="TOPIC")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many rows (0: all).")] = 50,
    jurisdiction: Annotated[Optional[str], typer.Option(
        "--jurisdiction", "-j", help="Only departments of this place (and its townships) or level: 黟县, "
        "县, county.", show_default=False)] = None,
    only: OnlyOption = False,
) -> None:
    """Who is responsible for a topic, best-matching duty and task statements first."""
    from . import query

    from .search import query_phrases

    _check_only(jurisdiction, only)
    topic = " ".join(words)
    phrases = query_phrases(topic)  # parted by punctuation too, as `who` looks for them: 的， is 的
    if not phrases:  # blanks or punctuation only (，。 answered "(no rows)", exit 0)
        raise PolicykgError("give a topic, e.g. 消防")
    single = [w for w in phrases if len(w) == 1]
    if single:  # 的 matched 50 statements (jieba keeps function words as tokens); 税 misses 税务局's
        raise PolicykgError(f"{single[0]!r} is a single character: who looks for words of two characters "
                            "or more (消防, 税费, 托育 …)")
    rows = query.who(opts.store, topic, limit=limit or None, explain=opts.explain, index=opts.index_path,
                     jurisdiction=jurisdiction, only=only)
    if not rows and jurisdiction:
        query.check_place(opts.store, jurisdiction)  # nothing found: say so if the place is not there at all
    opts.emit(rows, list(query.COLUMNS["who"]), title=f"who: {topic}", explain_at="text")
    for line in query.who_unsaid(opts.store, topic, index=opts.index_path):  # why few rows or none, perhaps
        sys.stderr.write(f"policykg: {line}\n")
    if limit and len(rows) >= limit:  # cut at the limit, perhaps: say so (on stderr: CSV and JSON stay data)
        total = query.who_count(opts.store, topic, index=opts.index_path, jurisdiction=jurisdiction, only=only)
        if total > len(rows):
            sys.stderr.write(f"policykg: showing the first {len(rows)} of {total} rows; -n 0 shows all\n")


NoticeArgument = Annotated[Optional[str], typer.Argument(
    help="A notice (default: every notice): its file stem, jurisdiction or 文号.", show_default=False)]


def _check_notice(store, notice: str | None) -> None:
    from . import query

    if notice is not None and not query.match_notices(store, notice):
        raise PolicykgError(f"no notice matches {notice!r} (give a 文号, file stem or jurisdiction)")


@query_command("members")
def members_command(opts: QueryOptions, notice: NoticeArgument = None) -> None:
    """The member units of each notice's joint meeting, in the notice's order."""
    from . import query

    _check_notice(opts.store, notice)
    rows = query.members(opts.store, notice, explain=opts.explain)
    if not rows:  # an empty table alone reads as "no such notice" or a failure: say which it is
        what = f"{notice}: its notice" if notice else "no notice in the store"
        if notice and not query.meetings(opts.store, [notice], index=opts.index_path):
            why = "sets up no coordination body (joint meeting, leading group or headquarters)"
        else:
            why = "lists no member units" if notice else "lists member units of a coordination body"
        sys.stderr.write(f"policykg: note: {what} {why}\n")
    opts.emit(rows, list(query.COLUMNS["members"]), title="joint-meeting member units", explain_at="department")


@query_command("changes")
def changes_command(opts: QueryOptions, notice: NoticeArgument = None) -> None:
    """What each adjustment notice changes in its body: units joining and leaving, posts passing from one holder to another."""
    from . import query

    _check_notice(opts.store, notice)
    rows = query.changes(opts.store, notice, explain=opts.explain)
    if not rows:  # an empty table alone reads as a failure: say why it is empty
        what = f"{notice}: its notice" if notice else "no notice in the store"
        why = "changes no coordination body (no 增补, 不再担任, 接替 … item)" if notice else "changes a coordination body"
        sys.stderr.write(f"policykg: note: {what} {why}\n")
    opts.emit(rows, list(query.COLUMNS["changes"]), title="changes to coordination bodies (adjustment notices)",
              explain_at="kind")


@query_command("refs")
def refs_command(opts: QueryOptions, notice: NoticeArgument = None) -> None:
    """Cited documents: which notices cite them and whether they are notices of the graph."""
    from . import query

    _check_notice(opts.store, notice)
    rows = query.refs(opts.store, notice, explain=opts.explain, index=opts.index_path)
    opts.emit(rows, list(query.COLUMNS["refs"]), title="cited documents", explain_at="title")


@query_command("meetings")
def meetings_command(
    opts: QueryOptions,
    notices: Annotated[Optional[list[str]], typer.Argument(
        help="Notices to set side by side: 文号, file stem or jurisdiction (default: every notice).",
        show_default=False)] = None,
) -> None:
    """The coordination bodies (joint meetings, leading groups …) side by side: head, office, members, each rule."""
    from . import query

    for notice in notices or []:
        _check_notice(opts.store, notice)
    rows = query.meetings(opts.store, notices, explain=opts.explain, index=opts.index_path)
    for notice in notices or []:  # a notice setting up no body has no column: say so, not silently
        if not rows or not query.meetings(opts.store, [notice], index=opts.index_path):
            sys.stderr.write(f"policykg: note: {notice}: its notice sets up no coordination body "
                             "(joint meeting, leading group or headquarters)\n")
    labels = [k for k in (rows[0] if rows else {}) if k not in ("item", "key") and not k.endswith((" source", " start", " end"))]
    extra = [f"{label} {x}" for label in labels for x in ("source", "start", "end")]
    lines = None
    if opts.explain:
        lines = ["\n".join(f"{label}: {explain_line({'source': r.get(f'{label} source'), 'start': r.get(f'{label} start'), 'end': r.get(f'{label} end')})}"
                           for label in labels) for r in rows]
    opts.emit(rows, ["item", "key", *labels], title="coordination bodies (joint meetings, leading groups, headquarters)",
              explain_columns=extra, explain_lines=lines)


@query_command("departments")
def departments_command(
    opts: QueryOptions,
    jurisdiction: Annotated[Optional[str], typer.Option(
        "--jurisdiction", "-j", help="Only this jurisdiction (and its townships) or level: 黟县, 县, county.",
        show_default=False)] = None,
    only: OnlyOption = False,
) -> None:
    """Every department with its jurisdiction, registry concept and counts of duties and tasks."""
    from . import query

    _check_only(jurisdiction, only)
    rows = query.departments(opts.store, jurisdiction=jurisdiction, explain=opts.explain, index=opts.index_path,
                             only=only)
    if not rows and jurisdiction:
        query.check_place(opts.store, jurisdiction)  # nothing found: say so if the place is not there at all
    opts.emit(rows, list(query.COLUMNS["departments"]), title="departments", explain_at="department")


@query_command("sparql")
def sparql_command(
    opts: QueryOptions,
    query_text: Annotated[str, typer.Argument(
        metavar="QUERY|FILE", help="A SPARQL query, a file holding one, or - for standard input.")],
) -> None:
    """Run a read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) over every notice.

    The default graph is the union of the notices' graphs, a bag: a triple several notices
    state (an organisation's label, a cited document's 文号) matches once for each of them —
    count with COUNT(DISTINCT …), list with SELECT DISTINCT, or match in GRAPH ?notice { … }.

    The prefixes of ontology/*.ttl (pk, pkd, pkr, pka, pkm, pkx, align, eli, org, skos, dct,
    prov, oa, rdfs …) are declared already. CONSTRUCT and DESCRIBE print Turtle (CSV:
    triples; JSON: JSON-LD).
    """
    from . import query

    text = _query_text(query_text)
    result = query.sparql(opts.store, text, explain=opts.explain)
    if result.kind == "ask":
        if opts.format is Format.json:
            import json

            sys.stdout.write(json.dumps({"head": {}, "boolean": result.boolean}) + "\n")
        else:
            sys.stdout.write(("true" if result.boolean else "false") + "\n")
        return
    if result.kind == "graph":
        _print_graph(result, opts.format)
        return
    opts.emit(result.rows, result.variables, display=_compact if opts.format is Format.table else None)


def _query_text(arg: str) -> str:
    if arg == "-":
        text = sys.stdin.read()
    else:
        path = Path(arg)
        try:
            is_file = len(arg) < 4096 and "\n" not in arg and path.is_file()
        except OSError:
            is_file = False
        text = path.read_text(encoding="utf-8") if is_file else arg
    if not text.strip():
        raise PolicykgError("empty SPARQL query")
    return text


def _compact(v: Any) -> Any:
    """An IRI as a prefixed name for the terminal (pk:Notice), other values unchanged."""
    from .query import PREFIXES

    if isinstance(v, str) and v.startswith(("http://", "https://")):
        for p, ns in sorted(PREFIXES.items(), key=lambda x: -len(x[1])):
            rest = v[len(ns):]
            if v.startswith(ns) and rest and all(ch.isalnum() or ch in "-_" for ch in rest):
                return f"{p}:{rest}"
    return v


def _print_graph(result, fmt: Format) -> None:
    import pyoxigraph as ox

    from .query import PREFIXES

    if fmt is Format.table:
        sys.stdout.write(result.turtle())
    elif fmt is Format.json:
        sys.stdout.write(ox.serialize(result.triples, format=ox.RdfFormat.JSON_LD, prefixes=PREFIXES).decode("utf-8") + "\n")
    else:
        import csv

        from .render import CSV_LINE_END, csv_cell

        w = csv.writer(sys.stdout, lineterminator=CSV_LINE_END)
        w.writerow(["subject", "predicate", "object"])
        for t in result.triples:
            w.writerow([csv_cell(str(t.subject)), csv_cell(str(t.predicate)), csv_cell(str(t.object))])
