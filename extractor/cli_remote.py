"""CLI commands that reach beyond this machine's files: push to a SPARQL server, serve the store."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli import app, read_graph

StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="Store built by `policykg build` (default outputs/store).")]
FromOpt = Annotated[Optional[list[Path]], typer.Option("--from", help="Notice files or folders to build in memory instead.")]


def _store(store: Optional[Path], sources: Optional[list[Path]]):
    return read_graph(sources or (), store=store)


@app.command()
def push(endpoint: Annotated[str, typer.Option("--endpoint", help="SPARQL Update endpoint or Graph Store (GSP) URL.")],
         graph: Annotated[Optional[str], typer.Option("--graph", help="Push only this named graph.")] = None,
         method: Annotated[str, typer.Option(help="gsp, update or auto.")] = "auto",
         user: Annotated[Optional[str], typer.Option(help="User for HTTP digest/basic auth.")] = None,
         password: Annotated[Optional[str], typer.Option(envvar="POLICYKG_PASSWORD", help="Password (or env POLICYKG_PASSWORD).")] = None,
         store: StoreOpt = None, sources: FromOpt = None) -> None:
    """Load the graph into a SPARQL 1.1 server: one named graph per notice, replaced on re-push."""
    from .remote import push as run_push

    if method not in ("gsp", "update", "auto"):
        raise typer.BadParameter("method must be gsp, update or auto")
    pushed = run_push(_store(store, sources), endpoint, graph=graph, method=method,
                      auth=(user, password or "") if user else None)
    for iri, n in sorted(pushed.items()):
        typer.echo(f"{n}\t{iri}")
    typer.echo(f"pushed {sum(pushed.values())} triples in {len(pushed)} graph(s) to {endpoint}", err=True)


@app.command()
def serve(host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")] = 7878,
          timeout: Annotated[float, typer.Option(min=0, help="Seconds a query may take before it is answered "
                                                 "503 (0: no limit).")] = 30.0,
          max_rows: Annotated[int, typer.Option(min=0, help="Rows (or triples) an answer may have; one with "
                                                "more is answered 413 (0: no limit).")] = 500_000,
          store: StoreOpt = None, sources: FromOpt = None) -> None:
    """Serve the store read-only as a SPARQL endpoint (for YASGUI, Protégé …); updates are refused.

    As with `sparql`, the default graph is the union of the notices' graphs, a bag: a triple
    several notices state matches once for each (use DISTINCT, COUNT(DISTINCT …)). A query
    still running after --timeout seconds is answered 503; one whose work comes before its
    first result (COUNT, ORDER BY) keeps a core busy until it ends (pyoxigraph cannot stop it).
    At most one query a core is evaluated at once, those given up on included: another waits
    for its turn within --timeout, then is answered 503 busy. An answer of more than
    --max-rows rows is answered 413 (the rows are held in memory: a million of six terms,
    800 MB)."""
    from .remote import serve as run_serve

    run_serve(_store(store, sources), host, port, timeout=timeout, max_rows=max_rows)  # it says where once it listens
