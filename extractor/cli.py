"""The `policykg` command: a thin typer skin over the stage functions.

Heavy modules (rdflib, pyoxigraph, jieba, pyvis) are imported inside the commands so that
`policykg --help` answers at once. Every `PolicykgError` becomes one line on stderr and
exit status 1.
"""
from __future__ import annotations

import inspect
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import PolicykgError

# Files and folders of --from that could not be read in this invocation: each is said on
# stderr when read, and the command, once it has answered from the others, exits with 1.
_UNREAD: list[str] = []


def _exit_status(value: object = None, **params: object) -> None:
    if _UNREAD:
        raise typer.Exit(1)


app = typer.Typer(
    name="policykg",
    help="Turn Chinese government notices (公文) into a knowledge graph: parse, extract, "
    "query, compare, view and export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    result_callback=_exit_status,
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"policykg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """policykg: notices (公文) → knowledge graph."""
    _UNREAD.clear()


# Notes of reading (`Document.notes`) said one by one when many notices are read (build, --from);
# past these, a count.
NOTES_SHOWN = 3


def say_notes(notes: dict[str, list[str]], shown: int | None = NOTES_SHOWN) -> None:
    """The notes of reading notices (path → "clause: message") as warnings on stderr, a line
    each: all of them, or — more than `shown` — how many there are and the first `shown`."""
    lines = [f"{path}: {note}" for path, found in sorted(notes.items()) for note in found]
    if shown is not None and len(lines) > shown:
        sys.stderr.write(f"policykg: warning: {len(lines)} notes on {len(notes)} notice(s) (`policykg extract FILE` "
                         f"says a notice's); the first {shown}:\n")
        lines = lines[:shown]
    for line in lines:
        sys.stderr.write(f"policykg: warning: {line}\n")


def say_others(others: list[str]) -> None:
    """The files of the folders read that are no notices, in one line on stderr."""
    from .render import first_few

    if others:
        sys.stderr.write(f"policykg: note: skipped {len(others)} file(s) not named .txt, .html or .docx: "
                         f"{first_few(others)}\n")


def say_duplicates(duplicates: dict[str, str]) -> None:
    """Files that are a notice an earlier path gives (its .txt and .html), a note a line."""
    for path, why in sorted(duplicates.items()):
        sys.stderr.write(f"policykg: note: skipped {path}: {why}\n")


def read_graph(inputs: list[Path] | tuple = (), *, store: Optional[Path] = None, writable: bool = False):
    """`build.load_store` for a command: a file or folder of `inputs` (--from) that could not
    be read is one error line on stderr, in `build`'s words, and makes the exit status 1; the
    notes of reading them are warnings (`say_notes`); a store whose build did not finish is
    answered from with a one-line warning."""
    from .build import DEFAULT_OUTPUTS, STORE_DIR, load_store
    from .search import unfinished

    def failed(path: str, error: str) -> None:
        sys.stderr.write(f"policykg: error: {path}: {error}\n")
        _UNREAD.append(path)

    graph = load_store(inputs, store=store, writable=writable, on_failed=failed, on_notes=say_notes,
                       on_others=say_others, on_duplicates=say_duplicates)
    if not inputs and unfinished(graph):
        sys.stderr.write(f"policykg: warning: {store if store is not None else DEFAULT_OUTPUTS / STORE_DIR}: the build "
                         "into this store did not finish (or is still running): its answers may miss notices; "
                         "run the build again\n")
    return graph


class TreeFormat(str, Enum):
    tree = "tree"
    json = "json"


def _out(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


FileArg = Annotated[Path, typer.Argument(help="A notice: .txt (UTF-8 or GB18030/GBK), .html or .docx")]


@app.command()
def parse(file: FileArg,
          format: Annotated[TreeFormat, typer.Option("--format", "-f", help="tree or json")] = TreeFormat.tree,
          ) -> None:
    """Parse a notice: header fields and the clause tree with [start, end) offsets."""
    from .pipeline import process
    from .serialize import parsed_dict

    doc = process(file, facts=False)
    say_notes({str(file): [n.said() for n in doc.notes]}, shown=None)  # the load's: a traditional script
    if format is TreeFormat.json:
        _out(parsed_dict(doc))
        return
    from .render import print_tree

    print_tree(doc)


@app.command()
def extract(file: FileArg,
            format: Annotated[TreeFormat, typer.Option("--format", "-f", help="tree (summary tables) or json")] = TreeFormat.tree,
            no_persons: Annotated[bool, typer.Option("--no-persons", help="Leave people's names out.")] = False,
            ) -> None:
    """Extract facts: departments, duties, task tags, the joint meeting, posts and references."""
    from .pipeline import process
    from .serialize import extracted_dict

    doc = process(file)
    data = extracted_dict(doc, persons=not no_persons)
    say_notes({str(file): [n.said() for n in doc.notes]}, shown=None)
    if format is TreeFormat.json:
        _out(data)
        return
    from .render import print_facts

    print_facts(doc, data)


@app.command()
def build(inputs: Annotated[list[Path], typer.Argument(help="Notice files or folders (searched recursively).")],
          out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("outputs"),
          jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core; never more than the cores or the notices to read).")] = None,
          compare: Annotated[Optional[list[str]], typer.Option(
              "--compare", help="A pair of notices to compare, as A,B (repeatable); default: the two notices when "
                                "the inputs are two jurisdictions'.")] = None,
          no_views: Annotated[bool, typer.Option("--no-views", help="No interactive views (for big corpora).")] = False,
          no_persons: Annotated[bool, typer.Option("--no-persons", help="Leave people's names out of the graph.")] = False,
          base: Annotated[Optional[str], typer.Option(help="Base IRI of the data (ending in /; a trailing slash is added).")] = None,
          force: Annotated[bool, typer.Option("--force", help="Rebuild unchanged notices too.")] = False,
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
          ) -> None:
    """Build the graph of a set of notices into OUT: store, Turtle/JSON-LD per notice and merged,
    the comparison report and the interactive views."""
    from .build import build as run_build, notice_files
    from .render import print_build_summary, progress_bar

    pairs = None
    if compare:
        pairs = [tuple(x.strip() for x in c.replace("，", ",").split(",")) for c in compare]
        if any(len(p) != 2 or not all(p) for p in pairs):
            raise PolicykgError("--compare takes two notices as A,B")
        for a, b in pairs:  # checked before building; which notices they name, only after reading
            if a == b:
                raise PolicykgError(f"--compare {a},{b}: a notice compared with itself")
    files = notice_files(inputs, out)
    with progress_bar(len(files), "building", quiet) as advance:
        result = run_build(inputs, out, base=base, persons=not no_persons, force=force, jobs=jobs,
                           pairs=pairs, views=not no_views, on_done=lambda path, error: advance())
    if not quiet:
        print_build_summary(result, out)
        say_others(result.others)
    say_duplicates(result.duplicates)
    for why in result.skipped_views:
        sys.stderr.write(f"policykg: note: {why}\n")
    say_notes(result.notes)
    for graph, why in result.dropped_comparisons.items():  # an analyst's saved work: never dropped silently
        sys.stderr.write(f"policykg: warning: dropped the saved comparison {graph.rsplit('/', 1)[-1]}: {why} "
                         "(`policykg compare A B --save` makes it again)\n")
    for path, error in sorted(result.failed.items()):
        sys.stderr.write(f"policykg: error: {path}: {error}\n")
    for pair, error in result.compare_failed.items():
        sys.stderr.write(f"policykg: error: --compare {pair}: {error}\n")
    if result.failed or result.compare_failed:
        raise typer.Exit(1)


class ExportFormat(str, Enum):
    ttl = "ttl"
    jsonld = "jsonld"
    nt = "nt"
    nq = "nq"
    graphml = "graphml"
    csv = "csv"


# -o's suffix → the format written when --format is not given (as `compare` does).
EXPORT_SUFFIXES = {".ttl": ExportFormat.ttl, ".turtle": ExportFormat.ttl, ".jsonld": ExportFormat.jsonld,
                   ".json": ExportFormat.jsonld, ".nt": ExportFormat.nt, ".nq": ExportFormat.nq,
                   ".graphml": ExportFormat.graphml, ".csv": ExportFormat.csv}


@app.command()
def export(format: Annotated[Optional[ExportFormat], typer.Option(
               "--format", "-f", help="Output format; default: from -o's suffix, else ttl.", show_default=False)] = None,
           output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
           graph: Annotated[Optional[str], typer.Option(
               "--graph", help="Only this notice: its graph IRI, file stem, jurisdiction (all its notices) or 文号.",
               show_default=False)] = None,
           no_persons: Annotated[bool, typer.Option("--no-persons", help="Leave people and their names out.")] = False,
           store: Annotated[Optional[Path], typer.Option("--store", help="Store built by `policykg build` (default outputs/store).")] = None,
           sources: Annotated[Optional[list[Path]], typer.Option("--from", help="Notice files or folders to build in memory instead.")] = None,
           ) -> None:
    """Export the graph as Turtle, JSON-LD, N-Triples, N-Quads, GraphML (Gephi) or CSV (one row per duty or task assignment, its kind first)."""
    import tempfile

    from .export import export as run_export, without_persons

    if format is None and output is not None:
        format = EXPORT_SUFFIXES.get(output.suffix.lower())
        if format is None:
            raise PolicykgError(f"{output}: say which format to write (--format "
                                f"{'|'.join(f.value for f in ExportFormat)} or a known suffix)")
    format = format or ExportFormat.ttl
    source = read_graph(sources or (), store=store)
    if graph is not None:
        graph = _notice_graphs(source, graph)
    if no_persons:
        source = without_persons(source, graph=graph)
        graph = None
    if output is not None:
        run_export(source, output, format.value, graph=graph)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = run_export(source, Path(tmp) / f"export.{format.value}", format.value, graph=graph)
        sys.stdout.buffer.write(path.read_bytes())


def _notice_graphs(store, text: str) -> list[str]:
    """The named graphs `--graph` means: a graph IRI of the store, else the notices the text
    names (as `members` and `meetings` take them)."""
    import pyoxigraph as ox

    from .query import match_graphs

    try:
        if store.contains_named_graph(ox.NamedNode(text)):
            return [text]
    except ValueError:  # not an IRI: a name
        pass
    found = match_graphs(store, text)
    if not found:
        raise PolicykgError(f"no notice or named graph {text!r} in the store (give a graph IRI, 文号, file stem "
                            "or jurisdiction)")
    return found


# Command groups kept in their own modules register on `app` when imported.
from . import cli_compare, cli_query, cli_remote  # noqa: E402,F401

# typer's command list (`policykg --help`) keeps a docstring's line breaks where the command's
# own help joins them: each command's summary there is its first paragraph on one line.
for _info in app.registered_commands:
    if _info.short_help is None and _info.callback is not None and _info.callback.__doc__:
        _info.short_help = " ".join(inspect.cleandoc(_info.callback.__doc__).split("\n\n")[0].split())


def main() -> None:
    """Console-script entry point: one error line and a non-zero exit instead of tracebacks,
    and instead of click's framed usage errors (those keep their exit status 2)."""
    try:
        code = app(standalone_mode=False)
    except SystemExit as exc:  # typer's exit 1 on a closed pipe (EPIPE), writing stdout or stderr …
        if exc.code == 1 and _pipe_closed():
            _quiet_exit()
        raise
    except BrokenPipeError:  # … and one met outside typer's reach
        _quiet_exit()
    except PolicykgError as exc:
        sys.stderr.write(f"policykg: error: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("policykg: interrupted\n")
        sys.exit(130)
    except Exception as exc:
        if not _is_click_error(exc):
            if os.environ.get("POLICYKG_DEBUG"):
                raise
            # a bug met on odd input: one line saying so, not a traceback (POLICYKG_DEBUG=1 shows it)
            text = str(exc).strip()
            sys.stderr.write(f"policykg: internal error ({type(exc).__name__}: "
                             f"{text.splitlines()[0] if text else 'no message'}); "
                             "please report it with the input (POLICYKG_DEBUG=1 shows the traceback)\n")
            sys.exit(70)  # EX_SOFTWARE
        if type(exc).__name__ != "NoArgsIsHelpError":  # its message is the help, printed already
            # typer's coercion says "Invalid value for '--port': Value error, …"
            message = " ".join(exc.format_message().replace(": Value error, ", ": ", 1).split())
            sys.stderr.write(f"policykg: error: {message}\n")
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


def _pipe_closed() -> bool:
    """Whether typer met a closed pipe: on EPIPE, writing stdout or stderr, it wraps both
    (click's PacifyFlushWrapper) and exits 1 — the status of an error, not of a reader that
    had enough (`| head -1`)."""
    return any(type(f).__name__ == "PacifyFlushWrapper" for f in (sys.stdout, sys.stderr))


def _quiet_exit() -> None:
    """Exit 0 with nothing more said when stdout or stderr is a closed pipe: both point at
    the null device, so that the flush at exit writes no "Exception ignored" line."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.__stdout__, sys.__stderr__):
        try:
            os.dup2(null, stream.fileno())
        except (OSError, ValueError, AttributeError):  # no such stream, or not a file
            pass
    sys.exit(0)


def _is_click_error(exc: Exception) -> bool:
    """A click usage or parameter error (click's own, or the copy newer typers carry)."""
    return any(c.__name__ == "ClickException" for c in type(exc).__mro__)
