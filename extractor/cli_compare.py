"""CLI commands of the compare and view stages (registered on `cli.app`): a thin skin over
`compare`, `report`, `viewgraphs` and `view`.

The graph comes from ``--store`` or ``--from`` exactly as for the query commands (their
option declarations are reused). Heavy modules are imported inside the commands.
"""
from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

from .cli import app
from .cli_query import FromOption, QueryOptions, StoreOption
from .errors import PolicykgError


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"


SUFFIX_FORMATS = {".json": CompareFormat.json, ".csv": CompareFormat.csv, ".md": CompareFormat.md,
                  ".html": CompareFormat.html, ".htm": CompareFormat.html}


def _one_line_errors(fn: Callable[..., None]) -> Callable[..., None]:
    """A `PolicykgError` becomes one line on stderr and exit status 1 (also under CliRunner)."""

    @functools.wraps(fn)
    def run(*args, **kwargs) -> None:
        try:
            fn(*args, **kwargs)
        except PolicykgError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            sys.stderr.write(f"policykg: error: {message}\n")
            raise typer.Exit(1) from None

    return run


def _store(store_path: Path | None, inputs: list[Path] | None, *, writable: bool = False):
    return QueryOptions(store_path, list(inputs or []), writable=writable).store


@app.command("compare")
@_one_line_errors
def compare_command(
    a: Annotated[str, typer.Argument(help="Notice A: 文号, file stem or jurisdiction (祁门县).", show_default=False)],
    b: Annotated[str, typer.Argument(help="Notice B, the same way (巴彦淖尔市).", show_default=False)],
    format: Annotated[Optional[CompareFormat], typer.Option(
        "--format", "-f", help="table (terminal), json, csv, md or html; default: from -o's suffix, else table.",
        show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file instead of the terminal.",
                                                show_default=False)] = None,
    threshold: Annotated[Optional[float], typer.Option(
        "--threshold", help="Similarity at which two duties pair up (default: the measured one).",
        show_default=False)] = None,
    method: Annotated[Optional[str], typer.Option(
        "--method", help="Similarity: tfidf-char2-topics (default), tfidf-char2, tfidf-words, token_set_ratio …",
        show_default=False)] = None,
    save: Annotated[bool, typer.Option("--save", help="Also write the comparison into the store's named graph "
                                                     "{base}comparison/A--B.")] = False,
    store_path: StoreOption = None,
    from_inputs: FromOption = None,
) -> None:
    """Compare two notices: counterpart departments, their duties side by side, the joint
    meetings and the responsibility matrix (牵头/负责/配合 per topic)."""
    from . import report
    from .compare import add_comparison, compare
    from .similarity import DEFAULT_METHOD, DEFAULT_THRESHOLD

    fmt = format or (SUFFIX_FORMATS.get(out.suffix.lower()) if out else None) or CompareFormat.table
    if out is not None and fmt is CompareFormat.table:
        raise PolicykgError(f"{out}: say which format to write (--format json|csv|md|html or a known suffix)")
    store = _store(store_path, from_inputs, writable=save)
    c = compare(store, a, b, method=DEFAULT_METHOD if method is None else method,
                threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    if save:
        add_comparison(store, c)
        store.flush()  # a store on disk keeps it for the next command
    if fmt is CompareFormat.table:
        report.print_report(c)
        return
    if fmt is CompareFormat.csv:
        if out is None:
            from .render import emit

            emit(report.csv_rows(c), "csv", columns=report.CSV_COLUMNS)
            return
        text = report.to_csv(c)
    else:
        text = {CompareFormat.json: report.to_json, CompareFormat.md: report.to_markdown,
                CompareFormat.html: report.to_html}[fmt](c)
    if out is None:
        sys.stdout.write(text)
        return
    from .files import write_bytes

    write_bytes(out, text.encode("utf-8"))
    sys.stderr.write(f"policykg: wrote {out}\n")


@app.command("view")
@_one_line_errors
def view_command(
    notices: Annotated[Optional[list[str]], typer.Argument(
        help="One notice (its own view) or two (the comparison view); with --department, the notices to "
             "draw from (default all).", show_default=False)] = None,
    department: Annotated[Optional[str], typer.Option(
        "--department", "-d", help="A department-centred view across notices: 卫健委, 消防救援支队 …",
        show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="The page to write (default outputs/views/<name>.html).", show_default=False)] = None,
    store_path: StoreOption = None,
    from_inputs: FromOption = None,
) -> None:
    """Write an interactive, offline graph page: one notice, two notices compared, or one
    department across notices (--department); open it in a browser."""
    from . import view
    from .compare import compare, find_notice
    from .graph import iri_segment
    from .report import SIDE_FILTERS
    from .viewgraphs import comparison_graph, departments_graph, notice_graph

    names = list(notices or [])
    if department is None and len(names) > 2:
        raise PolicykgError("name one notice, two notices to compare, or give --department")
    store = _store(store_path, from_inputs)
    if department is None and not names:  # `view --from ONE_FILE`: a graph of one notice draws it
        from .query import notices as every_notice

        every = every_notice(store)
        if len(every) != 1:
            held = f"the store holds {len(every):,} notices" if every else "the store holds no notices"
            raise PolicykgError(f"name one notice, two notices to compare, or give --department ({held})")
        names = [every[0]["iri"]]
    views = Path("outputs") / "views"
    if department is not None:
        refs = [find_notice(store, n) for n in names] or None
        g = departments_graph(store, department, notices=refs)
        path = out or views / f"department-{iri_segment(department)}.html"
        view.render(g, path, title=f"{department}：各文件中的职责与任务", filters=("group", "jurisdiction", "kind"))
    elif len(names) == 1:
        ref = find_notice(store, names[0])
        path = out or views / f"{iri_segment(ref.stem or ref.slug)}.html"
        view.render(notice_graph(store, ref), path, title=ref.caption, filters=("department", "kind"))
    else:
        c = compare(store, names[0], names[1])
        path = out or views / "compare.html"
        view.render(comparison_graph(c), path, title=f"{c.a.label} ↔ {c.b.label}：职责对照图", filters=SIDE_FILTERS)
    sys.stderr.write(f"policykg: wrote {path}\n")
