"""Building the graph of a set of notices: files → store → files.

In: notice files or folders. Out: `build` (what `policykg build` runs) leaves in an output
folder the on-disk store (``store/``, one named graph per notice), one file per notice
and format (``notices/<name>.ttl`` …), the merged files (``policykg.ttl`` …) and
``manifest.json`` (each file's sha256, graph and name, for incremental rebuilds), and
returns a `BuildResult`. `build_store` builds into a store of the caller's (in memory by
default) and writes nothing; `load_store` is the one way every reading command (query,
compare, view, export) gets its graph; `notice_files` finds the notices in folders.

How the work is split (figures in tests/bench/README.md):
- Worker processes (`jobs`, default one per core) run load → parse → extract → graph for
  one notice each, write that notice's own files (the costly part of exporting: sorting
  and serialising) and hand back its statements as N-Triples bytes — compact, and no
  `Document` crosses a process boundary.
- The parent keeps only a few notices in flight, loads the bytes into the store in
  batches with pyoxigraph's bulk loader as they arrive (a notice the store holds already
  has its graph replaced in one transaction: readers never miss it), and advances the
  progress bar.
- The merged files are the per-notice files joined in graph-IRI order, plus the
  counterpart links: no global sort, so memory stays flat at any corpus size. A
  statement several notices share (an organisation's label) is written once per notice,
  which RDF reads as one statement.
- Incremental: a file whose bytes did not change (same sha256, same settings) is not read
  again; a file gone from the inputs loses its graph and its files. The store holds
  exactly the graphs the manifest lists (plus the ontology and the counterpart links), and
  the comparisons an analyst saved (`compare --save`) while both their notices read as
  they did.

Everything written depends only on the set of input files and their bytes — never on the
order they are given in or the order workers finish in. A file that cannot be read is
reported with a one-line error and leaves no output of its own; the others are built.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Sequence

from .errors import PolicykgError
from .files import file_in_the_way
from .load import NOT_READ, NOT_REGULAR, SUFFIXES, broken_link

DEFAULT_OUTPUTS = Path("outputs")
STORE_DIR = "store"
NOTICES_DIR = "notices"
VIEWS_DIR = "views"  # the interactive pages: one per notice (written by the workers), and more
PAGE = "page"  # the per-notice "format" of a notice's page
MANIFEST = "manifest.json"  # file → sha256, named graph and output name, for incremental rebuilds
MERGED = "policykg"
# Formats written per notice (and joined into the merged file); the others are exported
# from the whole store at the end. Turtle is always written per notice.
PER_NOTICE = ("ttl", "jsonld", "nt", "nq")
DEFAULT_FORMATS = ("ttl", "jsonld")
BATCH_BYTES = 48 << 20  # N-Triples handed to the bulk loader at once: big batches load fastest
IN_FLIGHT = 4  # tasks per worker submitted ahead of the results the parent has taken


def notice_files(inputs: Iterable[str | Path], out: str | Path | None = None) -> list[Path]:
    """The notice files among `inputs` (files as given; folders searched recursively for
    .txt/.html/.docx, skipping README files and hidden paths), sorted, without duplicates.

    `out`, the output folder of a build, is never read: skipped inside a folder (``build .``
    writes ``./outputs``), an error when an input lies in it."""
    if out is not None and file_in_the_way(out):  # (not "inside the output folder" of `build X.txt -o X.txt`)
        raise PolicykgError(f"{out}: output directory is not writable ({file_in_the_way(out)})")
    found: dict[Path, None] = {}
    for item in inputs:
        p = Path(item)
        try:
            is_dir, exists = p.is_dir(), p.exists()
        except OSError as exc:  # in a folder that cannot be looked into
            raise PolicykgError(f"{p}: cannot read ({exc.strerror})") from None
        if is_dir:
            for f in _folder_files(p, out):
                if f.suffix.lower() in SUFFIXES and not f.name.lower().startswith("readme"):
                    found[f] = None
        elif exists:
            _outside(p, out)
            found[p] = None
        else:
            raise PolicykgError(f"{p}: {broken_link(p) or 'no such file or directory'}")
    return sorted(found)


def _is_output(folder: Path) -> bool:
    """A folder `build` wrote: its store beside the manifest or `who`'s index (written first)."""
    from .search import INDEX_FILE

    try:
        return (folder / STORE_DIR).is_dir() and ((folder / MANIFEST).is_file() or (folder / INDEX_FILE).is_file())
    except OSError:  # a folder that cannot be looked into: listing it says so
        return False


def _outside(path: Path, out: str | Path | None) -> None:
    if out is not None and path.resolve().is_relative_to(Path(out).resolve()):
        raise PolicykgError(f"{path}: inside the output folder {out} (a build never reads its own output): "
                            "choose another -o")


def _folder_files(folder: Path, out: str | Path | None, unreadable: dict[str, str] | None = None) -> Iterator[Path]:
    """The files under `folder`, recursively, but hidden ones (in a hidden folder) and those
    in the output folder `out` or in any other build's output folder (its pages are no notices).
    A folder that cannot be listed goes into `unreadable` with its one-line reason, and so
    does a link to no file (broken, or in a loop). A folder linked in is searched as one
    of the folder's own, once: a folder met again (by another link, a link back up) is not
    searched again, its files are already found."""
    def failed(exc: OSError) -> None:
        if unreadable is not None:
            unreadable[str(Path(exc.filename))] = f"cannot read ({exc.strerror})"  # as `load` says of a file

    _outside(folder, out)
    skip = Path(out).resolve() if out is not None else None
    seen = {os.path.realpath(folder)}  # the folders searched or to be: links may lead back
    for top, dirs, names in os.walk(folder, onerror=failed, followlinks=True):
        kept = []
        for d in dirs:
            real = os.path.realpath(Path(top, d))
            if not d.startswith(".") and not _is_output(Path(top, d)) and (skip is None or Path(real) != skip) \
                    and real not in seen:
                seen.add(real)
                kept.append(d)
        dirs[:] = kept
        for name in names:
            f = Path(top, name)
            if not name.startswith(".") and f.is_file():
                yield f
            elif not name.startswith(".") and unreadable is not None and f.exists():  # (a link to /dev/zero)
                unreadable[str(f)] = NOT_REGULAR
            elif not name.startswith(".") and unreadable is not None and (why := broken_link(f)):
                unreadable[str(f)] = why


def unreadable_paths(inputs: Iterable[str | Path], out: str | Path | None = None) -> dict[str, str]:
    """What the folders of `inputs` (but the output folder `out`) hold that cannot be read
    → the one-line reason: files that look like notices in a format policykg does not
    read, and folders that cannot be listed. Reported, never skipped silently."""
    found: dict[str, str] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(_folder_files(p, out, found)):
                if f.suffix.lower() in NOT_READ:
                    found[str(f)] = NOT_READ[f.suffix.lower()]
    return dict(sorted(found.items()))


def other_files(inputs: Iterable[str | Path], out: str | Path | None = None) -> list[str]:
    """The files in the folders of `inputs` (but the output folder `out`) not read as notices
    and not reported as unreadable: of another type (.md, .csv) or of no suffix. Not a
    folder's README, nor a notice's companion (its source page's link saved beside it,
    X.url by X.txt): never notices. Said in one line, never skipped silently: a notice saved
    without its suffix would otherwise just be missing."""
    found: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files = list(_folder_files(p, out))
            notices = {(f.parent, f.stem) for f in files if f.suffix.lower() in SUFFIXES}
            found += [str(f) for f in files if f.suffix.lower() not in SUFFIXES and f.suffix.lower() not in NOT_READ
                      and not f.name.lower().startswith("readme") and (f.suffix == "" or (f.parent, f.stem) not in notices)]
    return sorted(set(found))


def no_notice(inputs: Sequence[str | Path], failed: dict[str, str]) -> PolicykgError:
    """The error when `inputs` gave no notice: what could not be read, or that there was nothing."""
    if failed:
        return PolicykgError("no notice could be read: " + "; ".join(f"{k}: {v}" for k, v in sorted(failed.items())))
    return PolicykgError("no notices (.txt, .html, .docx) in " + ", ".join(map(str, inputs)))


@dataclass
class BuildResult:
    notices: dict[str, str] = field(default_factory=dict)  # file path → named graph IRI
    failed: dict[str, str] = field(default_factory=dict)  # file path → one-line error
    skipped: list[str] = field(default_factory=list)  # unchanged since the last build
    processed: list[str] = field(default_factory=list)  # read this time (new or changed), failed or not
    removed: list[str] = field(default_factory=list)  # graphs dropped: their files are gone or changed
    # file path → graph, of the notices of the last build that this one no longer has (their
    # files are no longer among the inputs)
    gone: dict[str, str] = field(default_factory=dict)
    others: list[str] = field(default_factory=list)  # files in the folders given that are no notices (`other_files`)
    # file path → why it was not read as a notice of its own: the same notice as an earlier path
    # (its .txt and .html, a copy in GBK …): a note, not a failure
    duplicates: dict[str, str] = field(default_factory=dict)
    # comparisons saved with `compare --save` (graph IRIs): those kept, their two notices
    # unchanged; those dropped → why (a notice gone or changed: the comparison no longer holds)
    kept_comparisons: list[str] = field(default_factory=list)
    dropped_comparisons: dict[str, str] = field(default_factory=dict)
    chars: int = 0  # characters of the notices read this time
    compare_failed: dict[str, str] = field(default_factory=dict)  # "A,B" → why the pair could not be compared
    comparisons: list[str] = field(default_factory=list)  # the comparisons this build wrote (graph IRIs): its reports
    # reports and pages an earlier build wrote that this one does not (deleted), relative to the output folder:
    # compare.html when the notice it compared is gone
    stale: list[str] = field(default_factory=list)
    skipped_views: list[str] = field(default_factory=list)  # corpus-wide pages not written, and why
    # file path → the notes of its reading (`Document.notes`, as "clause: message"), of the
    # notices read this time that have any
    notes: dict[str, list[str]] = field(default_factory=dict)


# --- the worker: one notice → its statements (and its own files) ------------------------------------------


@dataclass
class _Task:
    path: str
    base: str
    persons: bool
    files: tuple[tuple[str, str], ...] = ()  # (format, path) of the notice's own files to write
    who: bool = False  # also compute its entry of the `who` index (search.py)


@dataclass
class _Done:
    path: str
    graph: str | None = None
    ntriples: bytes = b""
    chars: int = 0
    error: str | None = None
    entry: object | None = None  # its search.NoticeEntry, when the task asked for it
    notes: tuple[str, ...] = ()  # its `Document.notes`, as "clause: message"


def one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _read_notice(task: _Task) -> _Done:
    """Load → parse → extract → graph one notice; write its files; never raise."""
    from .export import export
    from .files import unsynced
    from .graph import notice_graph
    from .pipeline import process

    try:
        doc = process(task.path)
        statements = notice_graph(doc, base=task.base, persons=task.persons)
        if not statements.rows:
            raise PolicykgError("nothing to add")
        # Written straight as N-Triples, sorted once, for every file, the page and the
        # store (each line's terms kept for the writers); pyoxigraph terms only for N-Quads.
        ntriples = statements.sorted_ntriples()
        with unsynced():  # the build syncs once, before its manifest lists the files
            for fmt, path in task.files:
                if fmt == PAGE:
                    from .report import write_notice_page

                    write_notice_page(ntriples, path, graph=statements.graph)
                else:
                    export(statements.quads() if fmt == "nq" else ntriples, path, fmt)
        entry = None
        if task.who:
            from .search import notice_entry

            entry = notice_entry(statements)
        return _Done(task.path, statements.graph, bytes(ntriples), len(doc.text), entry=entry,
                     notes=tuple(n.said() for n in doc.notes))
    except PolicykgError as exc:
        error = one_line(exc).removeprefix(f"{Path(task.path)}: ")  # the path is said once, by whoever reports it
    except Exception as exc:  # a bug on one odd notice must not stop a corpus build
        error = f"internal error ({type(exc).__name__}: {one_line(exc)})"
    for _, path in task.files:  # no output of its own for a notice that failed
        Path(path).unlink(missing_ok=True)
    return _Done(task.path, error=error)


def warm_worker() -> None:
    """Pay once per worker for imports and the registries built from ontology/ (cached)."""
    from .pipeline import process_bytes

    try:
        process_bytes("县人民政府办公室关于建立联席会议制度的通知\n一、成员单位\n县卫生健康委、县教育局。\n"
                      .encode("utf-8"), "warm.txt")
    except PolicykgError:
        pass
    worker_gc()


# A worker's first generation is collected after this many new container objects, not
# CPython's 700 (see `worker_gc`).
WORKER_GC_GEN0 = 10_000


def worker_gc() -> None:
    """The garbage collector's policy of a build worker, once warm (`warm_worker`)."""
    import gc

    # What is warm now (modules, registries, compiled patterns) lives as long as the worker: the
    # collector need not walk it again at every collection (parse+extract 1.1% fewer
    # instructions a notice, callgrind).
    gc.freeze()
    # A notice makes and drops tens of thousands of containers; at 700 a pass of all a worker
    # does over 108 notices (load … who entry, `_read_notice`) ran ~630 collections of the first
    # generation, ~57 of the second and 5 full ones, walking the notice's live objects again and
    # again; at 10,000: 29, 2 and 0 (a full one still comes, after ~10 times as many containers).
    # Measured (a session's scripts, 9f08eaf, gc.freeze() alone against with this): callgrind
    # 14,034 → 13,904 M instructions a pass, 13,813 → 13,676 M less glibc's malloc.c (−1.0%);
    # CPU a pass, alternated, best of 3 on a busy machine 1.962 → 1.938 s; peak RSS the same
    # (123 MB after 3 passes; largest worker of a 1,000-notice `-j 2` build 149 → 151 MB, within
    # the 146–151 MB of earlier runs). Not taken: 100,000 (RSS 123 → 146 MB after 3 passes, CPU
    # no better), collecting only between notices (gc disabled, a full collection after each
    # notice: CPU 2.06 s, no better; generation 0 only would let cycles pile up unbounded).
    gc.set_threshold(WORKER_GC_GEN0, *gc.get_threshold()[1:])


def _run(tasks: Sequence[_Task], jobs: int) -> Iterator[_Done]:
    """Results of `tasks` as workers finish them, at most `IN_FLIGHT` per worker ahead of
    the consumer (so a slow consumer bounds memory). One process: in this process.
    Never more workers than tasks or cores: the work is CPU-bound and each worker holds
    ~140 MB (``--jobs 64`` for 2 notices took 26 s against 3 s)."""
    jobs = min(jobs, len(tasks), default_jobs())
    if jobs <= 1:
        for t in tasks:
            yield _read_notice(t)
        return
    todo = iter(tasks)
    with ProcessPoolExecutor(max_workers=jobs, initializer=warm_worker) as pool:
        running: dict[Future, _Task] = {}

        def fill() -> None:
            while len(running) < jobs * IN_FLIGHT:
                t = next(todo, None)
                if t is None:
                    return
                running[pool.submit(_read_notice, t)] = t

        fill()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in sorted(finished, key=lambda f: running[f].path):
                task = running.pop(fut)
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    # A worker died (killed, out of memory): report what it held, stop cleanly.
                    yield _Done(task.path, error="the worker process reading it died")
                    for t in [*running.values(), *todo]:
                        yield _Done(t.path, error="not read: a worker process died")
                    running.clear()
                    return
            fill()


# --- the parent: statements → store, in batches ----------------------------------------------------------


class _StoreWriter:
    """The store's only writer while notices are read: a thread that puts batches of notices'
    graphs into the store (`_put_graphs`) in the order given. pyoxigraph releases the GIL
    while it writes, so the main thread keeps taking workers' results (and workers keep
    working) while a batch loads."""

    def __init__(self, store):
        import queue
        import threading

        self.store = store
        self.ops: "queue.Queue" = queue.Queue(maxsize=2)  # bounds the batches waiting in memory
        self.error: BaseException | None = None
        self.busy = 0.0  # seconds spent writing (for the benchmark)
        self.thread = threading.Thread(target=self._work, name="policykg-store-writer", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        import time

        while True:
            op = self.ops.get()
            if op is None:
                return
            if self.error is not None:
                continue
            start = time.perf_counter()
            try:
                _put_graphs(self.store, op, bulk=True)
            except BaseException as exc:  # re-raised in the main thread
                self.error = exc
            self.busy += time.perf_counter() - start

    def put(self, op) -> None:
        self._check()
        self.ops.put(op)

    def close(self) -> None:
        self.ops.put(None)
        self.thread.join()
        # The thread's target holds this writer: without these, the store (and its lock on
        # the folder) would live until the garbage collector breaks the cycle.
        self.thread = self.store = None
        self._check()

    def _check(self) -> None:
        if self.error is not None:
            raise PolicykgError(f"cannot write the store ({one_line(self.error)})")


class _Loader:
    """Puts notices' N-Triples into their named graphs; one notice per graph.

    Two files giving the same graph (the same notice twice, e.g. as .txt and .html) are
    settled by path order: the first path keeps the graph, the other fails — whatever
    order they arrive in. `bulk`: batches through a `_StoreWriter` (an on-disk store);
    else each notice is loaded at once, in a transaction.
    """

    def __init__(self, store, result: BuildResult, owners: dict[str, str], *, bulk: bool,
                 index=None, digests: dict[str, str] | None = None):
        self.store, self.result, self.owners = store, result, owners
        self.index, self.digests = index, digests or {}  # the `who` index kept in step, if any
        self.writer = _StoreWriter(store) if bulk else None
        self.batch: dict[str, tuple[str, bytes]] = {}  # graph → (path, N-Triples)
        self.size = 0
        self.evicted: list[str] = []  # paths that lost their graph to an earlier path

    def add(self, done: _Done) -> None:
        g, path = done.graph, done.path
        other = self.owners.get(g)
        if other is not None and other != path:
            first, second = sorted((path, other))
            self._duplicate(second, f"the same notice as {first} (both give the graph {g})")
            if second == path:
                return
            if g in self.batch:  # else stored already: this one's statements replace it
                self.size -= len(self.batch.pop(g)[1])
        self.owners[g] = path
        self.result.notices[path] = g
        if self.index is not None and done.entry is not None:
            self.index.add(g, self.digests.get(path, ""), done.entry)
        self.batch[g] = (path, done.ntriples)
        self.size += len(done.ntriples)
        if self.size >= BATCH_BYTES or self.writer is None:
            self.flush()

    def _duplicate(self, path: str, why: str) -> None:
        self.result.duplicates[path] = why
        self.result.notices.pop(path, None)
        self.result.notes.pop(path, None)
        if path in self.result.skipped:
            self.result.skipped.remove(path)
        self.evicted.append(path)

    def flush(self) -> None:
        if not self.batch:
            return
        graphs = {g: nt for g, (_, nt) in self.batch.items()}
        if self.writer is not None:
            self.writer.put(graphs)
        else:
            _put_graphs(self.store, graphs, bulk=False)
        self.batch.clear()
        self.size = 0

    def close(self) -> None:
        """Load what is left and wait until the store holds everything."""
        try:
            self.flush()
        finally:
            if self.writer is not None:
                self.writer.close()


def _put_graphs(store, graphs: dict[str, bytes], *, bulk: bool) -> None:
    """Put each notice's N-Triples (`graphs`: graph IRI → bytes) into its named graph, in
    place of what the graph held (an earlier build's, or an interrupted run's).

    A graph the store holds is replaced in one transaction (a SPARQL update: drop, then
    insert): a reader that opens the store meanwhile finds the old notice or the new one,
    never neither. A new graph goes through the bulk loader with `bulk` (fastest; there is
    nothing of it to lose meanwhile), else is loaded in a transaction. Replacing costs what
    removing the graph and bulk-loading it again did (most of it is the removal)."""
    import pyoxigraph as ox

    new = []
    for g, nt in graphs.items():
        if store.contains_named_graph(ox.NamedNode(g)):
            # N-Triples lines are SPARQL's triples as they are (escapes included)
            store.update(f"DROP SILENT GRAPH <{g}> ;\nINSERT DATA {{ GRAPH <{g}> {{\n{nt.decode('utf-8')}}} }}")
        elif bulk:  # joined once below (not each block first: a copy of every statement less)
            new += (b"<", g.encode("utf-8"), b"> {\n", nt, b"}\n")
        else:
            store.load(nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g), lenient=True)
    if new:  # bytes serialised from checked terms: no need to check them again
        store.bulk_load(b"".join(new), format=ox.RdfFormat.TRIG, lenient=True)


def _load_all(tasks: Sequence[_Task], store, result: BuildResult, owners: dict[str, str], *, jobs: int,
              bulk: bool, on_done: Callable[[Path, str | None], None] | None, index=None,
              digests: dict[str, str] | None = None) -> _Loader:
    loader = _Loader(store, result, owners, bulk=bulk, index=index, digests=digests)
    try:
        for done in _run(tasks, jobs):
            result.processed.append(done.path)
            if done.error is None:
                result.chars += done.chars
                loader.add(done)
                if done.notes and done.path in result.notices:  # not a notice given twice
                    result.notes[done.path] = list(done.notes)
            else:
                result.failed[done.path] = done.error
            if on_done:
                on_done(Path(done.path), done.error)
    finally:
        loader.close()
    result.processed.sort()
    return loader


def default_jobs() -> int:
    return os.cpu_count() or 1


def build_store(files: Sequence[Path], store=None, *, base: str | None = None, persons: bool = True,
                jobs: int = 1, on_done: Callable[[Path, str | None], None] | None = None):
    """Add each notice of `files` to `store` (a new in-memory store if None), each in its
    own named graph (replacing what was there), then the ontology.

    Returns (store, BuildResult). A file that fails is recorded with its one-line error
    and does not stop the others. Writes no files.
    """
    from .graph import DEFAULT_BASE, check_base
    from .store import load_ontology, open_store

    base = check_base(DEFAULT_BASE if base is None else base)
    store = open_store(None) if store is None else store
    result = BuildResult()
    tasks = [_Task(str(f), base, persons) for f in files]
    _load_all(tasks, store, result, {}, jobs=jobs, bulk=False, on_done=on_done)
    load_ontology(store, base=base)
    return store, result


def load_store(inputs: Sequence[str | Path] = (), *, store: str | Path | None = None, writable: bool = False,
               on_failed: Callable[[str, str], None] | None = None,
               on_notes: Callable[[dict[str, list[str]]], None] | None = None,
               on_others: Callable[[list[str]], None] | None = None,
               on_duplicates: Callable[[dict[str, str]], None] | None = None):
    """The graph a reading command works on.

    With `inputs` (notice files or folders): those notices, built in memory; each file or
    folder that could not be read is passed to `on_failed(path, error)` (as `build` reports
    it), and none readable is an error; the notes of their reading (`BuildResult.notes`) go
    to `on_notes`, the files of their folders that are no notices (`other_files`) to
    `on_others`, those that are a notice read from an earlier path (`BuildResult.duplicates`)
    to `on_duplicates`. Otherwise the store `policykg build` wrote (default
    ``outputs/store``), opened read-only — so readers never wait for one another — unless
    `writable`.
    """
    from .store import open_store

    if inputs:
        files = notice_files(inputs)
        failed = unreadable_paths(inputs)
        if not files:
            raise no_notice(inputs, failed)
        built, result = build_store(files)
        failed.update(result.failed)
        if not result.notices:
            raise no_notice(inputs, failed)
        for path, error in sorted(failed.items()):
            if on_failed is not None:
                on_failed(path, error)
        if on_notes is not None and result.notes:
            on_notes(result.notes)
        if on_duplicates is not None and result.duplicates:
            on_duplicates(result.duplicates)
        others = other_files(inputs)
        if on_others is not None and others:
            on_others(others)
        return built
    path = Path(store) if store is not None else DEFAULT_OUTPUTS / STORE_DIR
    # a folder holding no store (empty, a build's output folder): said so, not as RocksDB's
    # "IO error … CURRENT", and never made a new empty store (compare --save opens it to write)
    if not (path / "CURRENT").is_file():
        if (path / STORE_DIR / "CURRENT").is_file():
            raise PolicykgError(f"{path}: no store here, but a build's output folder: its store is {path / STORE_DIR}")
        raise PolicykgError(f"{path}: no store here; run `policykg build corpus -o outputs` "
                            "or name notice files")
    return open_store(path, read_only=not writable)


# --- policykg build -----------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    return h.hexdigest()


def _stems(files: Sequence[Path]) -> dict[str, str]:
    """A unique output name per file: its stem, or stem-2, stem-3 … when stems repeat."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for f in files:
        name, k = f.stem, 1
        while name in used:
            k += 1
            name = f"{f.stem}-{k}"
        used.add(name)
        names[str(f)] = name
    return names


def _settings(base: str, persons: bool) -> dict:
    from . import __version__

    return {"base": base, "persons": persons, "version": __version__, "code": _code_digest()}


@cache
def _code_digest() -> str:
    """A digest of the extractor's code and ontology/ data: the graph of a notice is a
    function of its bytes and of these, so a change to either redoes every notice."""
    from .knowledge import ontology_dir

    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for p in sorted(here.glob("*.py")) + sorted(ontology_dir().glob("*.ttl")):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".policykg-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise PolicykgError(f"{out}: output directory is not writable ({file_in_the_way(out) or exc.strerror})") from None


def _notice_path(out: Path, name: str, fmt: str) -> Path:
    from .export import SUFFIXES as EXPORT_SUFFIXES

    if fmt == PAGE:  # not in the name of a corpus-wide page (departments.html, compare….html)
        return out / VIEWS_DIR / (f"notice-{name}.html" if name == "departments" or name.startswith("compare")
                                  else f"{name}.html")
    return out / NOTICES_DIR / f"{name}{EXPORT_SUFFIXES[fmt]}"


def build(inputs: Sequence[str | Path], out_dir: str | Path, *, base: str | None = None,
          persons: bool = True, force: bool = False, formats: Sequence[str] = DEFAULT_FORMATS,
          merged: bool = True, jobs: int | None = None, reports: bool = True, views: bool = True,
          pairs: Sequence[tuple[str, str]] | None = None,
          on_done: Callable[[Path, str | None], None] | None = None) -> BuildResult:
    """`policykg build`: notices → ``out_dir/store`` (on disk) and ``out_dir/who-index.sqlite``
    (`who`'s index, kept in step with the store: see `search`) → the files in `out_dir`.

    `formats` are written per notice (ttl, jsonld, nt, nq; Turtle always) and merged
    (``policykg.<suffix>``, any export format) unless `merged` is False. `jobs` worker
    processes (default: one per core; 1 = in this process). `force` rebuilds everything.
    `reports`: the comparison of `pairs` (default: the two notices, when there are exactly
    two jurisdictions) and, with `views`, the interactive views (see `report.write_outputs`).
    `on_done(path, error)` is called once per file, skipped files included.
    """
    import pyoxigraph as ox

    from .export import WRITERS, atomic_write
    from .graph import DEFAULT_BASE, check_base, normalise_base
    from .search import BUILD_GRAPH, INDEX_FILE, IndexWriter, begin_build, end_build, mark, unmark
    from .store import load_ontology, open_store

    base = check_base(DEFAULT_BASE if base is None else base)
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise PolicykgError(f"unknown export format {unknown[0]!r} (choose from {', '.join(WRITERS)})")
    per_notice = ("ttl", *[f for f in dict.fromkeys(formats) if f in PER_NOTICE and f != "ttl"])
    if reports and views:  # each notice's page, written beside its files by the worker reading it
        per_notice += (PAGE,)
    out = Path(out_dir)
    files = notice_files(inputs, out)
    unreadable = unreadable_paths(inputs, out)
    if not files:
        raise no_notice(inputs, unreadable)
    _writable(out)
    store = open_store(out / STORE_DIR)
    manifest_path = out / MANIFEST
    settings = _settings(base, persons)
    old = _read_manifest(manifest_path)
    previous: dict[str, dict] = old.get("files", {}) if old.get("settings") == settings and not force else {}
    ours = _earlier_outputs(out, old)
    # `who`'s index beside the store: changed in step with it, committed only at the end
    index = IndexWriter(out / INDEX_FILE, settings)
    try:
        names = _stems(files)
        result = BuildResult(failed=dict(unreadable), others=other_files(inputs, out))
        owners: dict[str, str] = {}  # graph → the file it belongs to
        tasks: list[_Task] = []
        digests = {str(f): _sha256(f) for f in files}
        for f in files:
            key, prev = str(f), previous.get(str(f))
            if prev and prev["sha256"] == digests[key] and prev["graph"] not in owners \
                    and index.held.get(prev["graph"]) == digests[key] \
                    and store.contains_named_graph(ox.NamedNode(prev["graph"])):
                owners[prev["graph"]] = key
                result.notices[key] = prev["graph"]
                result.skipped.append(key)
                if prev.get("name") != names[key]:  # its name moved (a stem now taken): rewritten below
                    for fmt in per_notice:
                        _notice_path(out, names[key], fmt).unlink(missing_ok=True)
            else:
                tasks.append(_Task(key, base, persons,
                                   tuple((fmt, str(_notice_path(out, names[key], fmt))) for fmt in per_notice), who=True))
        # Comparisons an analyst saved (`compare --save`; not those a build wrote, which it
        # writes again) are their work: kept while both notices read as they did, so their
        # notices' graphs are fingerprinted before any is replaced.
        saved = {g: _compared_graphs(store, g) for g in _comparison_graphs(store)
                 if g not in old.get("comparisons", ())}
        before = {n: _graph_digest(store, n) for ns in saved.values() for n in ns if n not in owners}
        # The store keeps exactly the graphs of unchanged files (and the saved comparisons,
        # settled below): those of changed and gone files, and anything an interrupted run
        # left, go. Not now but once the notices are read: a notice read again replaces its
        # graph in one step (`_put_graphs`), and a reader meanwhile sees every notice, old or new.
        shared = {normalise_base(base) + "ontology", normalise_base(base) + BUILD_GRAPH, *saved}
        begin_build(store, normalise_base(base))  # readers are warned until the build ends (a killed build never does)
        unmark(store)  # until this build ends, the store vouches for no `who` index
        result.removed = sorted(g.value for g in store.named_graphs()
                                if isinstance(g, ox.NamedNode) and g.value not in owners and g.value not in shared)
        index.keep_only(owners)
        if on_done:
            for key in result.skipped:
                on_done(Path(key), None)
        loader = _load_all(tasks, store, result, owners, jobs=jobs or default_jobs(), bulk=True, on_done=on_done,
                           index=index, digests=digests)
        for path in loader.evicted:
            for fmt in per_notice:
                _notice_path(out, names[path], fmt).unlink(missing_ok=True)
        built = {g: p for p, g in result.notices.items()}
        for g in result.removed:  # of a file gone, changed to another graph, failed now, or left half-way
            if g not in built:
                store.remove_graph(ox.NamedNode(g))
        if not result.notices:
            raise no_notice(inputs, result.failed)
        was = {v["graph"]: p for p, v in old.get("files", {}).items()}
        result.gone = {p: g for g, p in sorted(was.items(), key=lambda x: x[1]) if g not in built and p not in digests}
        same = {p for p, v in old.get("files", {}).items() if v["sha256"] == digests.get(p)}
        _settle_comparisons(store, saved, before, built, was, result, same)
        load_ontology(store, base=base)
        current = {names[p]: g for p, g in result.notices.items()}
        _notice_files(store, out, current, per_notice,
                      stale={names[p] for p in result.processed} if PAGE not in per_notice else set(), ours=ours)
        from .report import write_outputs

        # comparisons land in the store ({base}comparison/…), so before the merged export
        # a pair naming no notice is known only now: said, the build completed all the same.
        # Without reports, an earlier build's are removed all the same.
        reports_written = write_outputs(
            store, out, pairs if reports else [], base=base, views=views and reports, notice_pages=False,
            failed=result.compare_failed, keep=result.kept_comparisons, removed=result.stale,
            skipped=result.skipped_views, ours=ours)
        own = sorted(set(_comparison_graphs(store)) - set(result.kept_comparisons))
        result.comparisons = own
        for g in own:  # a dropped one the build has just written again holds
            result.dropped_comparisons.pop(g, None)
        if merged:
            _write_merged(store, out, current, formats, prefix=normalise_base(base) + "comparison/")
        os.sync()  # the notices' files, written unsynced by the workers, are on disk before the manifest
        with atomic_write(manifest_path, "w") as fh:
            entries = {p: {"sha256": digests[p], "graph": g, "name": names[p]} for p, g in result.notices.items()}
            # "comparisons": the ones this build wrote (rewritten by the next); any other
            # comparison in the store was saved by an analyst
            # "reports": the reports and corpus-wide pages it wrote, which the next build may delete
            json.dump({"settings": settings, "files": dict(sorted(entries.items())), "comparisons": own,
                       "reports": sorted(p.relative_to(out).as_posix() for p in reports_written)}, fh,
                      ensure_ascii=False, indent=1)
            fh.write("\n")
        mark(store, normalise_base(base), index.close())  # the store now matches the index on disk
        end_build(store)
    except BaseException:
        index.abandon()
        raise
    store.flush()
    result.skipped.sort()
    # This call's frame can outlive it (kept by an exception caught deep inside, in a cycle
    # until the garbage collector runs): it must not keep the store, and its lock, open.
    del store, loader
    return result


def _comparison_graphs(store) -> list[str]:
    """The named graphs holding a comparison: the align:Alignment named as its graph
    (`compare.comparison_quads`), whatever the base."""
    import pyoxigraph as ox

    from .compare import ALIGN
    from .graph import RDF

    return sorted(q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode(RDF + "type"),
                                                                  ox.NamedNode(ALIGN + "Alignment"))
                  if isinstance(q.graph_name, ox.NamedNode) and q.graph_name == q.subject)


def _compared_graphs(store, comparison: str) -> list[str]:
    """The named graphs of the two notices a comparison used (a notice's graph is its IRI
    + ``/graph``: `graph.graph_iri`)."""
    import pyoxigraph as ox

    from .graph import PROV

    node = ox.NamedNode(comparison)
    used = store.quads_for_pattern(node, ox.NamedNode(PROV + "used"), None, node)
    return sorted(q.object.value + "/graph" for q in used if isinstance(q.object, ox.NamedNode))


def _graph_digest(store, graph: str) -> str:
    """A digest of what a named graph states, in any order (notices' graphs have no blank nodes)."""
    import pyoxigraph as ox

    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    lines = sorted(f"{q.subject} {q.predicate} {q.object}" for q in quads)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _settle_comparisons(store, saved: dict[str, list[str]], before: dict[str, str], built: dict[str, str],
                        was: dict[str, str], result: BuildResult, same: Collection[str] = ()) -> None:
    """Keep each saved comparison whose notices this build still has, reading as they did
    (unchanged files, or read again to the same graph); drop the others — a comparison of a
    notice that is gone or changed no longer holds — and say why in `result` (`same`: the
    files whose bytes the last build read too: what changed is policykg's reading)."""
    import pyoxigraph as ox

    for comparison, graphs in sorted(saved.items()):
        why = []
        for g in graphs:
            name = built.get(g) or was.get(g) or g
            if g not in built and name in result.notices:  # read, to another graph (another base)
                why.append(f"{name} now gives another graph")
            elif g not in built:
                why.append(f"{name} is no longer built")
            elif g in before and _graph_digest(store, g) != before[g]:
                why.append(f"{name} is read differently (the file is as it was: policykg or its settings changed)"
                           if name in same else f"{name} changed")
        if why:
            store.remove_graph(ox.NamedNode(comparison))
            result.dropped_comparisons[comparison] = "; ".join(why)
        else:
            result.kept_comparisons.append(comparison)


def _read_manifest(path: Path) -> dict:
    """The manifest an earlier build wrote at `path`, of the shape `build` writes, or {}.
    It may have been edited by hand or written by another tool: a file that is not a JSON
    object is no manifest; an entry of `files` not of the shape {"sha256", "graph"[, "name"]}
    (strings) is left out (its file is read again), and a `comparisons` or `reports` not
    a list of strings is none (so the build's code after this trusts the shape)."""
    try:
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        return {}
    if not old or not isinstance(old, dict) or not isinstance(old.get("files", {}), dict):  # none, or not ours
        return {}
    files = {}
    for p, v in old.get("files", {}).items():
        if isinstance(v, dict) and isinstance(v.get("sha256"), str) and isinstance(v.get("graph"), str):
            files[p] = {k: v[k] for k in ("sha256", "graph", "name") if isinstance(v.get(k), str)}
    clean = {**old, "files": files}
    comparisons = old.get("comparisons", [])
    clean["comparisons"] = [c for c in comparisons if isinstance(c, str)] if isinstance(comparisons, list) else []
    if "reports" in old and not isinstance(old["reports"], list):
        del clean["reports"]  # read as a manifest written before it listed them
    return clean


def _earlier_outputs(out: Path, old: dict) -> set[Path]:
    """The files the build that wrote manifest `old` wrote into `out` (the only ones a build
    deletes: an analyst's views/mine.html or compare.html in a folder no build wrote stay):
    each notice's file in every format, the reports it lists (a manifest written before it
    listed them: every report file, as then). Nothing without a manifest."""
    from .report import report_files

    if not old:
        return set()
    names = [v["name"] for v in old.get("files", {}).values() if "name" in v]
    found = {_notice_path(out, name, fmt) for name in names for fmt in (*PER_NOTICE, PAGE)}
    reports = old.get("reports")
    if isinstance(reports, list):
        found |= {out / r for r in reports if isinstance(r, str)}
    else:
        found |= set(report_files(out))
    return found


def _notice_files(store, out: Path, current: dict[str, str], per_notice: Sequence[str],
                  stale: set[str] = frozenset(), ours: set[Path] = frozenset()) -> None:
    """Make ``notices/`` (and ``views/``, for the notices' pages) hold exactly the files of
    the current notices: write the ones an unchanged notice lacks (a new format, a name
    that moved, pages not written last time) from the store, and delete the files of
    notices that are gone (of those an earlier build wrote: `ours`). Without pages this
    time, those of notices gone or read again (`stale`: their names) are deleted: a page
    never shows another version of its notice."""
    from .export import export

    for name, graph in sorted(current.items()):
        for fmt in per_notice:
            path = _notice_path(out, name, fmt)
            if path.exists():
                continue
            if fmt == PAGE:
                from . import query
                from .compare import _ref
                from .report import notice_page

                notice_page(store, _ref(store, query.notices(store, [graph])[0]), path)
            else:
                export(store, path, fmt, graph=graph)
    keep = {_notice_path(out, name, fmt) for name in current for fmt in per_notice}
    for fmt in PER_NOTICE:  # a format not written this time loses its files too
        folder = _notice_path(out, "x", fmt).parent
        if folder.is_dir():
            suffix = _notice_path(out, "x", fmt).suffix
            for path in folder.iterdir():
                if path.suffix == suffix and path not in keep and path in ours and path.is_file():
                    path.unlink()
    pages = out / VIEWS_DIR
    if pages.is_dir():  # the corpus-wide pages (departments, compare…) are rewritten with views
        if PAGE not in per_notice:
            keep = {_notice_path(out, name, PAGE) for name in current if name not in stale}
        for path in pages.glob("*.html"):
            if path not in keep and path in ours and path.name != "departments.html" \
                    and not path.name.startswith("compare"):
                path.unlink()


# --- merged files: per-notice files joined -------------------------------------------------------------


def _turtle_body(data: bytes) -> bytes:
    """A Turtle file written by `export.write_turtle` without its @prefix header."""
    cut = data.find(b"\n\n")
    return data[cut + 2:] if cut >= 0 and data.startswith(b"@prefix") else data


def _jsonld_nodes(data: bytes) -> bytes:
    """The node objects of an `export.write_jsonld` file: the lines between the opening of
    "@graph" and its closing bracket."""
    from .export import JSONLD_CLOSE, JSONLD_OPEN

    head = data.find(JSONLD_OPEN)
    tail = data.rfind(JSONLD_CLOSE)
    if head < 0 or tail < head:
        return b""
    return data[head + len(JSONLD_OPEN):tail]


def _write_merged(store, out: Path, current: dict[str, str], formats: Sequence[str], *, prefix: str) -> None:
    """``policykg.<suffix>`` for each format: per-notice formats joined from the notices'
    files in graph-IRI order, then the graphs whose IRI starts with `prefix` (comparisons);
    the other formats exported from the whole store."""
    import tempfile

    import pyoxigraph as ox

    from .export import JSONLD_CLOSE, SUFFIXES as EXPORT_SUFFIXES, atomic_write, export, jsonld_head

    order = sorted((g, name) for name, g in current.items())
    extra = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix))
    with tempfile.TemporaryDirectory(dir=out, prefix=".merge-") as tmp:
        for fmt in dict.fromkeys(formats):
            target = out / f"{MERGED}{EXPORT_SUFFIXES[fmt]}"
            if fmt not in PER_NOTICE:
                export(store, target, fmt)
                continue
            parts = [_notice_path(out, name, fmt) for _, name in order]
            for k, g in enumerate(extra):
                links = Path(tmp) / f"extra{k}{EXPORT_SUFFIXES[fmt]}"
                export(store, links, fmt, graph=g)
                parts.append(links)
            with atomic_write(target) as fh:
                if fmt == "ttl":
                    fh.write(_prefix_header())
                    for p in parts:
                        fh.write(_turtle_body(p.read_bytes()))
                elif fmt == "jsonld":
                    fh.write(jsonld_head())
                    first = True
                    for p in parts:
                        nodes = _jsonld_nodes(p.read_bytes())
                        if nodes:
                            fh.write(nodes if first else b",\n" + nodes)
                            first = False
                    fh.write(JSONLD_CLOSE)
                else:  # N-Triples, N-Quads: line formats join as they are
                    for p in parts:
                        fh.write(p.read_bytes())


def _prefix_header() -> bytes:
    from .graph import PREFIXES

    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(PREFIXES.items())).encode() + b"\n"
