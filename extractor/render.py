"""Terminal rendering (rich): the clause tree, and tables in table/CSV/JSON from one helper."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from typing import Any, Iterable, Sequence

from .model import Clause, Document


# Width of a table printed to a file or pipe: rich would draw it 80 columns wide and cut each
# cell to fit (市市 …), losing the text; a width no row reaches keeps every cell whole.
PIPE_WIDTH = 100_000


def console():
    """The console tables and trees print on: the terminal's width on a terminal; on a file or
    pipe, COLUMNS if set, else wide enough that no cell is cut."""
    import os

    from rich.console import Console

    piped = not sys.stdout.isatty() and not os.environ.get("COLUMNS")
    return Console(soft_wrap=False, width=PIPE_WIDTH if piped else None)



def print_tree(doc: Document, width: int = 48) -> None:
    from rich.markup import escape
    from rich.tree import Tree

    j = doc.jurisdiction
    root = Tree(f"[bold]{escape(doc.title or doc.path or 'notice')}[/]")
    meta = root.add("[dim]header[/]")
    for f in doc.fields:
        meta.add(f"{f.name}: {escape(f.value)} [dim][{f.start}, {f.end})[/]")
    if j:
        meta.add(f"jurisdiction: {escape(j.name or '(unnamed)')} ({j.level}, prefix {j.prefix})")
    if doc.chrome:
        root.add(f"[dim]chrome: {len(doc.chrome)} spans, "
                 f"{sum(len(s) for s in doc.chrome)} chars[/]")

    def add(node, c: Clause) -> None:
        if c.kind == "row":
            cells = " | ".join(doc.slice(x).replace(" ", "") for x in c.cells)
            label = f"[cyan]{escape(c.id)}[/] {escape(cells)}"
        else:
            # without a heading of its own, the clause's text after its label (shown just before)
            heading = doc.slice(c.heading) if c.heading else doc.text[c.own.start:c.own.end][len(c.label):]
            heading = " ".join(heading.split())
            heading = heading[:width] + ("…" if len(heading) > width else "")
            label = f"[cyan]{escape(c.id)}[/] [bold]{escape(c.label)}[/] {escape(heading)}"
        label += f" [dim][{c.start}, {c.end})[/]"
        child = node.add(label)
        for ch in c.children:
            add(child, ch)

    for z in doc.clauses:
        add(root, z)
    console().print(root)


# A cell a spreadsheet reads as a formula (CSV injection, OWASP): = + - @, a tab or CR first.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


# Rows of every CSV written end in CRLF, as RFC 4180 has it: the writer quotes a cell holding
# a character of the line end, and a notice's text may hold a lone CR (CRLF files keep their
# offsets) — with rows ending in LF alone such a cell went unquoted and ended its row early.
CSV_LINE_END = "\r\n"


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: None empty; text a spreadsheet would run as a formula
    (=HYPERLINK(…), +cmd|…, -1+1, @SUM(…)) prefixed with a single quote, as OWASP advises, so
    it shows as written; numbers (an int, or text that is one: -3, +1.5) as they are. Every
    CSV writer writes its cells through this."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def emit(rows: Sequence[dict[str, Any]], fmt: str = "table", *, title: str | None = None,
         columns: Iterable[str] | None = None, explain: list[str] | None = None,
         explain_at: str | None = None) -> None:
    """Print rows as a rich table, CSV or JSON — the one output helper of every query.

    `explain`, if given, is one source-text line per row printed under it in table mode
    (in the cell of column `explain_at`, default the first; added as a column in CSV/JSON
    by the caller).
    """
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fmt == "json":
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator=CSV_LINE_END)
        w.writeheader()
        for r in rows:
            w.writerow({k: csv_cell(r.get(k)) for k in cols})
        sys.stdout.write(buf.getvalue())
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title, show_lines=bool(explain))
    for c in cols:
        # The source text under a row must be shown whole: fold long lines, never cut them.
        table.add_column(c, overflow="fold" if explain else "ellipsis")
    for k, r in enumerate(rows):
        cells = [escape(_join_cell_lines("" if r.get(c) is None else str(r.get(c)))) for c in cols]
        if explain:
            at = cols.index(explain_at) if explain_at in cols else 0
            cells[at] = cells[at] + f"\n[dim]{escape(explain[k])}[/]"
        table.add_row(*cells)
    console().print(table)
    if not rows:
        console().print("[dim](no rows)[/]")


_BROKEN_LINE = re.compile(r"[ \t\u3000]*(?:\r\n?|\n)\s*")


def _join_cell_lines(text: str) -> str:
    """A cell's text on one line: a line break in it (荆州's 指导\n\n督促…, a page broken inside
    a phrase) is no break of the table's row; Chinese runs on without a space, other text
    keeps one (not `_one_line` of graph, report and viewgraphs, which puts a space at every
    run of whitespace). CSV and JSON keep the text as written."""
    if "\n" not in text and "\r" not in text:
        return text
    return _BROKEN_LINE.sub(lambda m: "" if _between_cjk(text, m.start(), m.end()) else " ", text)


def _between_cjk(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end)` has Chinese (or other ideographic) characters on both sides."""
    before, after = text[start - 1:start], text[end:end + 1]
    return bool(before and after and "\u3000" < before and "\u3000" < after)


def print_facts(doc: Document, data: dict) -> None:
    """A terminal summary of `extract`: departments with their counts, meeting, references."""
    from .knowledge import at_least_word, body_kind, schedule_words

    duties: dict[str, int] = {}
    tasks: dict[str, int] = {}
    for d in data["duties"]:
        duties[d["department"]] = duties.get(d["department"], 0) + 1
    for a in data["assignments"]:
        for dep in a["departments"]:
            tasks[dep] = tasks.get(dep, 0) + 1
    members = set(data["members"])
    rows = [{"department": d["name"], "jurisdiction": _place(d), "concept": d["concept"],
             "member": "✓" if d["id"] in members else "", "duties": duties.get(d["id"], 0),
             "tasks": tasks.get(d["id"], 0), "mentions": len(d["mentions"])} for d in data["departments"]]
    emit(rows, title=doc.title or doc.path)
    m = data["meeting"]
    if m:
        rules = [{"rule": r["label"], "kind": r["kind"], "period": r["period"],
                  "times": "" if r["times_min"] is None else f"{at_least_word()}{r['times_min']}"
                  if r["times_max"] is None else f"{r['times_min']}–{r['times_max']}"
                  if r["times_max"] != r["times_min"] else str(r["times_min"]),
                  "schedule": schedule_words().get(r["schedule"] or "", ""),
                  "chair": "；".join(p["text"] for p in r["participants"] if p["part"] == "chair")} for r in m["rules"]]
        kind = body_kind(m["kind"])
        head = next((str(w) for w in (kind.head_words if kind else ())), "召集人")
        office = f", 办公室 {len([d for d in data['duties'] if d['department'] == m['office_unit']])} duties" \
            if m["office_unit"] else ""
        own = f", {len([d for d in data['duties'] if d['department'] == m['unit']])} duties of its own" \
            if m.get("unit") else ""  # 一、主要职责
        named = m["name"] if not kind or m["name"].endswith(kind.words) else f"{m['name']} ({kind.label})"
        # a head or members the notice does not state are said to be unstated, not "?" or 0
        convenor = (m["convenor"] or {}).get("text") or "not stated"
        listed = f"{len(data['members'])} member units" if data["members"] else "member units not listed"
        title = f"{named}: {head} {convenor}, {listed}{own}{office}"
        if rules:
            emit(rules, title=title)
        else:  # a body with no working rules (an 应急指挥部): its line alone
            from rich.markup import escape

            console().print(escape(title))
    refs = [{"title": r["title"], "number": r["number"], "kind": r["kind"], "relation": r["relation"],
             "clause": r["clause"]} for r in data["references"]]
    emit(refs, title="references")


class progress_bar:
    """`with progress_bar(total, label, quiet) as advance:` — a rich bar on stderr."""

    def __init__(self, total: int, label: str, quiet: bool = False):
        self.total, self.label, self.quiet = total, label, quiet

    def __enter__(self):
        if self.quiet or not sys.stderr.isatty():
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        self.progress = Progress(console=Console(stderr=True), transient=True)
        self.progress.start()
        task = self.progress.add_task(self.label, total=self.total)
        return lambda: self.progress.advance(task)

    def __exit__(self, *exc):
        if hasattr(self, "progress"):
            self.progress.stop()
        return False


def print_build_summary(result, out) -> None:
    from collections import Counter
    from pathlib import Path

    kinds = Counter(Path(p).suffix.lower().lstrip(".") for p in result.notices)
    read = len(result.notices) - len(result.skipped)
    removed = f", {len(result.gone)} removed ({first_few(result.gone)})" if result.gone else ""
    removed += f", {len(result.duplicates)} the same as another" if result.duplicates else ""
    from rich.console import Console
    from rich.markup import escape

    err = Console(stderr=True, soft_wrap=True)
    err.print(escape(
        f"read {read} notice(s) ({', '.join(f'{k}: {v}' for k, v in sorted(kinds.items()))}), "
        f"{len(result.skipped)} unchanged{removed}, {len(result.failed)} failed → {out}"))
    # no compare.* without a word why: the build compares its notices only when they are two,
    # of two jurisdictions (`report.default_pairs`)
    none = ""
    if not result.comparisons and not result.compare_failed:
        n = len(result.notices)
        none = (f"no comparison this time ({n} notice{'' if n == 1 else 's'}, not two of two jurisdictions: "
                "name a pair with --compare A,B)")
    if result.stale:  # an earlier build's report of a notice since gone must not pass for this one's
        err.print(escape(f"removed {first_few(result.stale)}: an earlier build's, not written by this one"
                         + (f"; {none}" if none else "")))
    elif none:
        err.print(escape(none))


def first_few(names, shown: int = 3) -> str:
    """The first `shown` of `names`, then how many more: "a, b, c and 4 more"."""
    names = list(names)
    head = ", ".join(map(str, names[:shown]))
    return f"{head} and {len(names) - shown} more" if len(names) > shown else head


def _place(dep: dict) -> str:
    """A department's jurisdiction as shown: 祁门县; "(unnamed league)" for a notice that
    names no place but says 全盟; "" when not even the level is known."""
    if dep["jurisdiction"] or dep["level"] == "unknown":
        return dep["jurisdiction"]
    return f"(unnamed {dep['level']})"
