"""`policykg build` on the real notices (and a few generated ones): worker processes give the
same bytes as one process, file order does not matter, rebuilds are incremental by content
hash, bad files are reported without stopping the batch; and the corpus generator."""
from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from extractor import export
from extractor.build import MANIFEST, MERGED, NOTICES_DIR, STORE_DIR, build, notice_files
from extractor.errors import PolicykgError
from extractor.knowledge import PK
from extractor.search import INDEX_FILE

from conftest import CITY, COUNTY, EXTRA, ROOT, city_note, generator, seeds_with

REAL = [COUNTY, CITY, *EXTRA]
SMALL = [COUNTY, *EXTRA[:3]]  # a quick working set for the incremental tests


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """The seeds, the extra notices and three generated variants (GBK and CRLF among them)."""
    folder = tmp_path_factory.mktemp("generated")
    gen = generator().generate(folder, 3, seed=7, gbk=0.5, crlf=0.5)
    return [*REAL, *gen]


def outputs(out: Path) -> dict[str, bytes]:
    """Every file the build wrote but the store's own and who's index (both number what
    they hold in arrival order; test_search.py checks the index answers the same)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and STORE_DIR not in p.relative_to(out).parts and p.name != INDEX_FILE}


@pytest.fixture(scope="module")
def serial(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    return out, build(inputs, out, jobs=1)


def policykg(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)


# --- determinism ------------------------------------------------------------------------------------------


def test_serial_build_reads_everything(serial, inputs):
    out, result = serial
    assert sorted(result.notices) == sorted(map(str, inputs)) and not result.failed and not result.skipped
    assert result.processed == sorted(map(str, inputs))
    names = sorted(p.name for p in (out / "notices").iterdir())
    assert names == sorted(f"{Path(p).stem}{s}" for p in inputs for s in (".ttl", ".jsonld"))
    assert {"policykg.ttl", "policykg.jsonld", MANIFEST} <= {p.name for p in out.iterdir()}


def test_parallel_build_in_another_order_is_byte_identical(serial, inputs, tmp_path):
    out, _ = serial
    result = build(list(reversed(inputs)), tmp_path, jobs=2)
    assert not result.failed
    assert outputs(tmp_path) == outputs(out)


def test_merged_files_hold_exactly_the_store(serial):
    out, _ = serial
    store = ox.Store(str(out / STORE_DIR))
    expected = set(export.sorted_triples(store))
    for name, fmt in (("policykg.ttl", ox.RdfFormat.TURTLE), ("policykg.jsonld", ox.RdfFormat.JSON_LD)):
        got = {q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(path=str(out / name), format=fmt)}
        assert got == expected, name


def test_every_term_of_the_built_store_is_declared(serial):
    """The build's bookkeeping graph ({base}build, in the union `sparql` reads) used
    pk:whoIndex, which the ontology did not declare: every pk: term of a built store is."""
    from extractor.graph import PK

    out, _ = serial
    store = ox.Store(str(out / STORE_DIR))
    ontology = ox.parse(path=str(ROOT / "ontology" / "policykg.ttl"), format=ox.RdfFormat.TURTLE, base_iri=PK)
    declared = {t.subject.value for t in ontology if isinstance(t.subject, ox.NamedNode)}
    used = {q.predicate.value for q in store} | {q.object.value for q in store if q.predicate.value.endswith("#type")}
    assert {t for t in used if t.startswith(PK)} - declared == set()


def test_notice_file_equals_export_from_the_store(serial, tmp_path):
    out, result = serial
    store = ox.Store(str(out / STORE_DIR))
    g = result.notices[str(COUNTY)]
    for fmt in ("ttl", "jsonld"):
        ref = export.export(store, tmp_path / f"ref.{fmt}", fmt, graph=g).read_bytes()
        assert (out / "notices" / f"{COUNTY.stem}.{fmt}").read_bytes() == ref


# --- incremental ------------------------------------------------------------------------------------------


@pytest.fixture
def workdir(tmp_path):
    src = tmp_path / "notices"
    src.mkdir()
    for p in SMALL:
        shutil.copy(p, src / p.name)
    return src, tmp_path / "out"


def test_rebuild_reads_only_what_changed(workdir):
    src, out = workdir
    first = build([src], out, jobs=1)
    assert len(first.processed) == 4 and not first.skipped
    before = outputs(out)

    again = build([src], out, jobs=1)
    assert again.processed == [] and len(again.skipped) == 4 and again.removed == []
    assert outputs(out) == before

    os.utime(src / COUNTY.name, (1, 1))  # a touch alone: same bytes, nothing to read
    assert build([src], out, jobs=1).processed == []

    changed = src / SMALL[1].name
    changed.write_bytes(changed.read_bytes() + b"\n")
    third = build([src], out, jobs=1)
    assert third.processed == [str(changed)] and len(third.skipped) == 3
    assert third.notices[str(changed)] == first.notices[str(changed)]  # same notice, same graph
    after = outputs(out)  # the text (kept in the graph) changed; the other notices' files did not
    changed_files = {k for k in before if before[k] != after.get(k)}
    assert changed_files == {MANIFEST, "policykg.ttl", "policykg.jsonld", f"notices/{SMALL[1].stem}.ttl",
                             f"notices/{SMALL[1].stem}.jsonld"}


def test_new_notices_are_added_to_an_existing_build(workdir):
    src, out = workdir
    build([src], out, jobs=1)
    for p in EXTRA[3:5]:
        shutil.copy(p, src / p.name)
    result = build([src], out, jobs=2)
    assert sorted(Path(p).name for p in result.processed) == sorted(p.name for p in EXTRA[3:5])
    assert len(result.notices) == 6
    store = ox.Store(str(out / STORE_DIR))
    assert {g.value for g in store.named_graphs() if g.value.endswith("/graph")} == set(result.notices.values())


def test_a_deleted_file_leaves_the_store_and_the_merged_files(workdir):
    src, out = workdir
    first = build([src], out, jobs=1)
    gone = first.notices[str(src / COUNTY.name)]
    doc = "<" + gone.removesuffix("/graph") + ">"  # the notice's IRI, as Turtle writes it
    assert doc in (out / "policykg.ttl").read_text(encoding="utf-8")
    (src / COUNTY.name).unlink()
    second = build([src], out, jobs=1)
    assert second.processed == [] and second.removed == [gone]
    assert gone.removesuffix("/graph") not in (out / "policykg.ttl").read_text(encoding="utf-8")
    assert gone.removesuffix("/graph") not in (out / "policykg.jsonld").read_text(encoding="utf-8")
    assert not (out / "notices" / f"{COUNTY.stem}.ttl").exists()
    store = ox.Store(str(out / STORE_DIR))
    assert not store.contains_named_graph(ox.NamedNode(gone))
    assert str(src / COUNTY.name) not in (out / MANIFEST).read_text(encoding="utf-8")


def test_force_and_changed_settings_read_everything_again(workdir):
    src, out = workdir
    build([src], out, jobs=1)
    result = build([src], out, jobs=1, persons=False)
    assert len(result.processed) == 4
    assert "许亚军" not in (out / "policykg.ttl").read_text(encoding="utf-8")
    assert len(build([src], out, jobs=1, persons=False, force=True).processed) == 4


def test_a_change_to_the_code_or_ontology_reads_everything_again(workdir, monkeypatch):
    from extractor import build as B

    src, out = workdir
    build([src], out, jobs=1)
    assert build([src], out, jobs=1).processed == []
    monkeypatch.setattr(B, "_code_digest", lambda: "another-version")
    assert len(build([src], out, jobs=1).processed) == 4


def test_each_notice_file_holds_its_graph_and_the_merged_one_the_comparison_too(tmp_path):
    out = tmp_path / "out"
    result = build([COUNTY, CITY], out, jobs=1, views=False)
    store = ox.Store(str(out / STORE_DIR))
    for path, graph in result.notices.items():
        one = [q.triple for q in ox.parse(path=str(out / "notices" / f"{Path(path).stem}.ttl"), format=ox.RdfFormat.TURTLE)]
        assert set(one) == set(export.sorted_triples(store, graph))
        assert not any(t.predicate.value == PK + "counterpart" for t in one)
    merged = [q.triple for q in ox.parse(path=str(out / "policykg.ttl"), format=ox.RdfFormat.TURTLE)]
    close = [t for t in merged if t.predicate.value == PK + "counterpart"]  # not skos:closeMatch: no concepts
    assert len(close) >= 18  # the counterpart departments of the comparison, in the merged graph only
    assert set(merged) == set(export.sorted_triples(store))


def test_jobs_never_exceed_the_files_to_read_nor_the_cores(workdir, monkeypatch):
    """`--jobs 64` started 64 workers (~140 MB each) for 2 notices: 26 s against 3 s."""
    from concurrent.futures import ProcessPoolExecutor

    from extractor import build as B

    started = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, max_workers=None, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(B, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(B, "default_jobs", lambda: 3)  # as on a machine of 3 cores
    src, out = workdir  # 4 notices
    build([src], out, jobs=64, reports=False)
    (src / COUNTY.name).write_bytes(COUNTY.read_bytes() + b"\n")
    (src / CITY.name).write_bytes(CITY.read_bytes())
    assert len(build([src], out, jobs=64, reports=False).processed) == 2
    assert started == [3, 2]


def test_readers_warn_about_a_store_whose_build_did_not_finish(tmp_path):
    """A build killed half-way (kill -9: no clean-up runs) left a store that `who` and
    `members` answered from with exit 0 and no word. The store now says a build is under
    way until one finishes: readers warn, in one line, and the next build mends it."""
    out = tmp_path / "out"
    store = out / STORE_DIR
    assert policykg("build", COUNTY, "-o", out, "-q", "--no-views").returncode == 0
    killed = ("import os, sys\n"
              "from extractor import build as B\n"
              "B._notice_files = lambda *a, **k: os._exit(137)  # dies as kill -9 does: notices stored, nothing after\n"
              f"B.build([{str(COUNTY)!r}, {str(CITY)!r}], {str(out)!r}, jobs=1, views=False)\n")
    assert subprocess.run([sys.executable, "-c", killed], cwd=ROOT).returncode == 137
    warning = (f"policykg: warning: {store}: the build into this store did not finish (or is still running): "
               "its answers may miss notices; run the build again")
    for args in (["who", "消防", "-n", "0"], ["members", "巴彦淖尔市"], ["export", "-f", "nt"]):
        res = policykg(*args, "--store", store)
        assert res.returncode == 0 and res.stderr.splitlines() == [warning], (args, res.stderr)
        assert res.stdout
    again = policykg("build", COUNTY, CITY, "-o", out, "-q", "--no-views")
    assert again.returncode == 0 and again.stderr.splitlines() == [city_note()]
    res = policykg("who", "消防", "-n", "0", "--store", store)
    assert res.returncode == 0 and res.stderr == ""
    graphs = {g.value for g in ox.Store.read_only(str(store)).named_graphs() if g.value.endswith("/graph")}
    assert len(graphs) == 2


def test_readers_see_every_notice_while_a_build_reads_them_again(tmp_path):
    """`build --force` dropped every notice's graph first and loaded the new ones as they
    were read: a reader meanwhile found none (`members 祁门县`: "no notice matches"; 8 → 0
    → 8 notices over 7 s). Each notice's graph is now replaced in one step when its new
    statements are ready: a reader sees the old notice or the new one, never none. The
    build here waits before reading each notice, for the reader to look."""
    from extractor.store import open_store

    out, gate = tmp_path / "out", tmp_path / "gate"
    store = out / STORE_DIR
    notices = [COUNTY, CITY, *EXTRA[:4]]
    assert policykg("build", *notices, "-o", out, "-q", "--no-views").returncode == 0
    gate.mkdir()
    paused = ("import time\n"
              "from pathlib import Path\n"
              "from extractor import build as B\n"
              "B.BATCH_BYTES = 1  # each notice goes to the store as soon as it is read\n"
              "read, n = B._read_notice, [0]\n"
              "def reading(task):\n"
              f"    gate = Path({str(gate)!r})\n"
              "    n[0] += 1\n"
              "    (gate / f'reading-{n[0]}').touch()\n"
              "    while not (gate / f'go-{n[0]}').exists():\n"
              "        time.sleep(0.02)\n"
              "    return read(task)\n"
              "B._read_notice = reading\n"
              f"B.build({list(map(str, notices))!r}, {str(out)!r}, jobs=1, views=False, force=True)\n")
    build_run = subprocess.Popen([sys.executable, "-c", paused], cwd=ROOT)
    count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d a <http://data.europa.eu/eli/ontology#LegalResource> } }"
    warning = (f"policykg: warning: {store}: the build into this store did not finish (or is still running): "
               "its answers may miss notices; run the build again")
    seen, members = [], []
    try:
        for k in range(1, len(notices) + 1):
            for _ in range(3000):
                if (gate / f"reading-{k}").exists() or build_run.poll() is not None:
                    break
                time.sleep(0.02)
            reader = open_store(store, read_only=True)
            seen.append(int(next(iter(reader.query(count)))["n"].value))
            del reader
            if k in (1, len(notices)):  # before anything is read again, and with all but the last read
                res = policykg("members", "祁门县", "--store", store)
                members.append((res.returncode, res.stderr.splitlines(), "县卫生健康委" in res.stdout))
            (gate / f"go-{k}").touch()
        assert build_run.wait(timeout=300) == 0
    finally:
        if build_run.poll() is None:
            build_run.kill()
    assert seen == [len(notices)] * len(notices)
    assert members == [(0, [warning], True)] * 2
    res = policykg("members", "祁门县", "--store", store)
    assert res.returncode == 0 and res.stderr == ""


def test_a_reader_opening_the_store_as_a_build_merges_its_files_tries_again(tmp_path, monkeypatch):
    """A read-only open while a build writes can find a file listed that the build has just
    merged away: pyoxigraph says "Corruption: … 000034.sst: No such file or directory", and
    the reader stopped with an internal error (seen beside the test above). Opened again it
    reads the store as it now is; a store that stays so is one error line."""
    from extractor import store as S

    out = tmp_path / "out"
    build([COUNTY], out, jobs=1, reports=False)
    real, calls = ox.Store, []
    gone = RuntimeError(f"Corruption: IO error: No such file or directory: While open a file for random read: "
                        f"{out / STORE_DIR}/000034.sst: No such file or directory")

    class Store:
        @staticmethod
        def read_only(path):
            calls.append(path)
            if len(calls) < 3:
                raise gone
            return real.read_only(path)

    monkeypatch.setattr(S.ox, "Store", Store)
    assert len(list(S.open_store(out / STORE_DIR, read_only=True).named_graphs())) >= 2 and len(calls) == 3

    def never(path):
        calls.append(path)
        raise gone

    calls.clear()
    monkeypatch.setattr(Store, "read_only", staticmethod(never))
    with pytest.raises(PolicykgError, match=r"cannot open the store while a build rewrites it; try again$"):
        S.open_store(out / STORE_DIR, read_only=True)
    assert len(calls) == S.OPEN_TRIES


# --- bad input ----------------------------------------------------------------------------------------------


def test_notice_files_are_synced_once_before_the_manifest(tmp_path, monkeypatch):
    """Workers write each notice's files without an fsync each; the build syncs the disk once,
    before the manifest that says the files are there."""
    events = []
    real_fsync, real_sync = os.fsync, os.sync
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}"))),
                                                 real_fsync(fd))[1])
    monkeypatch.setattr(os, "sync", lambda: (events.append(("sync", "")), real_sync())[1])
    build([COUNTY, CITY], tmp_path, jobs=1, reports=False)
    synced = [p for kind, p in events if kind == "fsync"]
    assert not [p for p in synced if f"/{NOTICES_DIR}/" in p]  # no per-notice file on its own
    assert any(Path(p).name.startswith(f".{MERGED}.ttl.") for p in synced)  # the merged files are, as before
    assert ("sync", "") in events
    at_sync = events.index(("sync", ""))
    assert any(kind == "fsync" and MANIFEST in Path(p).name for kind, p in events[at_sync:])


def test_bad_files_are_listed_and_the_rest_is_built(tmp_path):
    src = seeds_with(tmp_path / "in", {"empty.txt": b"", "picture.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4})
    out = tmp_path / "out"
    res = policykg("build", src, "-o", out, "-q", "--jobs", "2")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    errors = res.stderr.strip().splitlines()
    assert len(errors) == 3
    assert errors == [city_note(src / CITY.name),
                      f"policykg: error: {src / 'empty.txt'}: empty file",  # the path once, as README shows
                      f"policykg: error: {src / 'picture.txt'}: a PNG image, not a notice (.txt, .html or .docx)"]
    assert sorted(p.name for p in (out / "notices").iterdir()) == sorted(
        f"{p.stem}{s}" for p in (COUNTY, CITY) for s in (".ttl", ".jsonld"))
    text = (out / "policykg.ttl").read_text(encoding="utf-8")
    assert "祁政办秘-2021-45" in text and "巴政办发-2021-20" in text
    assert "empty" not in (out / MANIFEST).read_text(encoding="utf-8")


def test_the_same_notice_twice_keeps_the_first_path(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(COUNTY, src / "a.txt")
    (src / "b.txt").write_bytes(COUNTY.read_text(encoding="utf-8").encode("gb18030"))  # same notice, GBK
    result = build([src], tmp_path / "out", jobs=2)
    assert list(result.notices) == [str(src / "a.txt")]
    assert "the same notice as" in result.duplicates[str(src / "b.txt")] and not result.failed
    assert not (tmp_path / "out" / "notices" / "b.ttl").exists()


def test_a_notice_saved_twice_is_a_note_and_the_build_succeeds(tmp_path):
    """The analyst's folder holds the page and its text (.html and .txt of one notice): the
    second is the same notice — a note on stderr, exit 0 (it was an error and exit 1); --from alike."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(COUNTY, src / "a.txt")
    (src / "b.txt").write_bytes(COUNTY.read_text(encoding="utf-8").encode("gb18030"))
    res = subprocess.run([sys.executable, "-m", "extractor", "build", str(src), "-o", str(tmp_path / "out"), "-q"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert res.stderr.startswith(f"policykg: note: skipped {src / 'b.txt'}: the same notice as {src / 'a.txt'}")
    res = subprocess.run([sys.executable, "-m", "extractor", "members", "--from", str(src), "-f", "csv"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0 and "skipped" in res.stderr and "error" not in res.stderr, res.stderr
    assert res.stdout.count("祁政办秘〔2021〕45号") == 21


NAIMAN = ROOT / "tests" / "data" / "extra" / "naiman-banner-childcare-joint-meeting.txt"  # no 文号


@pytest.mark.parametrize("variant", ["crlf", "bom-and-blank-lines", "cr-and-trailing-blanks"])
def test_the_same_notice_without_a_wenhao_is_one_notice_whatever_ends_its_lines(tmp_path, variant):
    """A notice without 文号 is known by a hash of its text: saved again on Windows (CRLF),
    with a BOM, or with trailing blanks, it is still the same notice (found as such, not
    counted twice)."""
    from extractor.build import build_store

    text = NAIMAN.read_text(encoding="utf-8")
    copy = {"crlf": text.replace("\n", "\r\n").encode("utf-8"),
            "bom-and-blank-lines": b"\xef\xbb\xbf\n" + text.rstrip("\n").encode("utf-8"),
            "cr-and-trailing-blanks": "\r".join(line + "  " for line in text.split("\n")).encode("utf-8") + b"\n\n"}
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(NAIMAN, src / "a.txt")
    (src / "b.txt").write_bytes(copy[variant])
    _, result = build_store(notice_files([src]))
    assert list(result.notices) == [str(src / "a.txt")]
    assert "the same notice as" in result.duplicates[str(src / "b.txt")]
    _, alone = build_store([src / "b.txt"])  # read alone, it is that notice
    assert alone.notices[str(src / "b.txt")] == result.notices[str(src / "a.txt")]


def test_nothing_readable_is_one_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(PolicykgError, match="no notice could be read"):
        build([tmp_path / "empty.txt"], tmp_path / "out", jobs=1)


def test_unwritable_output_dir_is_one_error_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    res = policykg("build", COUNTY, "-o", blocker / "out", "-q")
    assert res.returncode == 1 and res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "not writable" in lines[0] and "Traceback" not in res.stderr


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(PolicykgError, match="unknown export format"):
        build([COUNTY], tmp_path, formats=("ttl", "pdf"))


def test_a_base_that_is_no_iri_is_one_error_before_anything_is_read(tmp_path):
    """Was: every notice failed with "internal error (ValueError: Invalid IRI code point ' ')"."""
    res = policykg("build", COUNTY, "-o", tmp_path / "out", "-q", "--base", "not an iri")
    assert res.returncode == 1 and res.stdout == "" and not (tmp_path / "out").exists()
    assert res.stderr.splitlines() == ["policykg: error: base 'not an iri' is not an absolute IRI "
                                       "(Invalid IRI code point ' ')"]
    for base in ("relative/data", ""):  # '' is no base, not the default one
        with pytest.raises(PolicykgError, match=f"{base!r} is not an absolute IRI"):
            build([COUNTY], tmp_path / "out", base=base)
    from extractor.build import build_store

    with pytest.raises(PolicykgError, match="is not an absolute IRI"):
        build_store([COUNTY], base="http://a b/")


def test_notice_files_skips_readme_and_hidden(tmp_path):
    (tmp_path / "README.txt").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "n.txt").write_text("x")
    assert notice_files([tmp_path]) == [tmp_path / "sub" / "n.txt"]


def test_the_output_folder_is_never_read_as_input(tmp_path):
    """`build .` writes into ./outputs by default: a second run must not read its own pages
    (views/*.html, compare.html) back as notices; nor `build DIR -o DIR/out` — nor the
    output folder of another build inside DIR."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(COUNTY, src / COUNTY.name)
    shutil.copy(CITY, src / CITY.name)
    for _ in range(2):
        res = policykg("build", ".", "-q", "--no-views", cwd=src)
        assert res.returncode == 0, res.stderr
    res = policykg("build", ".", "-q", cwd=src)  # with views and compare.html, then once more
    assert res.returncode == 0, res.stderr
    res = policykg("build", ".", "-q", cwd=src)
    assert res.returncode == 0, res.stderr
    files = json.loads((src / "outputs" / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert sorted(files) == sorted([COUNTY.name, CITY.name])
    assert (src / "outputs" / "views" / "departments.html").exists()
    assert notice_files([src], src / "outputs") == sorted([src / COUNTY.name, src / CITY.name])
    build([src], src / "out", jobs=1)  # outputs/, another build's output folder, is not read either
    again = build([src], src / "out", jobs=1)
    assert again.processed == [] and sorted(again.notices) == sorted(map(str, [src / COUNTY.name, src / CITY.name]))


def test_an_input_inside_the_output_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    (out / "in").mkdir(parents=True)
    shutil.copy(COUNTY, out / "in" / COUNTY.name)
    for arg in ("out", "out/in", f"out/in/{COUNTY.name}"):
        res = policykg("build", arg, "-o", "out", "-q", cwd=tmp_path)
        assert res.returncode == 1 and res.stdout == "", res.stderr
        assert res.stderr.splitlines() == [f"policykg: error: {arg}: inside the output folder out "
                                           "(a build never reads its own output): choose another -o"]
    assert not (out / MANIFEST).exists() and not (out / STORE_DIR).exists()


def test_a_compare_value_that_names_no_notice_leaves_a_complete_build(tmp_path):
    """`build --compare a,b` built everything, then failed before the merged files and the
    manifest: a store without its bookkeeping. The pair is only known to name nothing once
    the notices are read: the build completes, the pair is one error line, exit 1."""
    out = tmp_path / "out"
    assert policykg("build", COUNTY, CITY, "-o", out, "-q", "--no-views").returncode == 0
    assert (out / "compare.html").exists()  # the default pair's report
    res = policykg("build", COUNTY, CITY, "-o", out, "-q", "--no-views", "--force", "--compare", "a,b",
                   "--compare", "祁门县,巴彦淖尔市")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert res.stderr.splitlines() == [
        city_note(), "policykg: error: --compare a,b: no notice 'a' in the store; known: 巴彦淖尔市 巴政办发〔2021〕20号; "
        "祁门县 祁政办秘〔2021〕45号"]
    assert sorted(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]) == sorted(map(str, [COUNTY, CITY]))
    assert "祁政办秘-2021-45" in (out / "policykg.ttl").read_text(encoding="utf-8")
    assert not (out / "compare.html").exists()  # the last build's report of another pair is not left as this one's
    assert len(list(out.glob("compare-*.html"))) == 1  # the good pair is written
    who = policykg("who", "消防", "--store", out / STORE_DIR, "-n", "0", "--format", "csv")
    assert who.returncode == 0 and who.stderr == ""
    again = policykg("build", COUNTY, CITY, "-o", out, "-q", "--no-views")
    assert again.returncode == 0 and again.stderr == ""  # (the notices as stored: not read again, no note)


def _outputs_table(readme: Path) -> list[str]:
    """The files a README's outputs table names (`file` column), as glob patterns, sorted:
    ``compare-{A}--{B}.html``, ``.md`` → compare-*--*.html, compare-*--*.md."""
    text = readme.read_text(encoding="utf-8") + "\n\n"
    start = text.index("| file | what it is |")
    rows = re.findall(r"^\| (`[^|]+`) \|", text[start:text.index("\n\n", start)], re.M)
    names = []
    for row in rows:
        cells = re.findall(r"`([^`]+)`", row)
        for cell in cells:
            name = re.sub(r"\{[^}]+\}", "*", cell)
            names.append(re.sub(r"\.[a-z]+$", "", names[-1]) + name if name.startswith(".") else name)
    return sorted(names)


def test_a_rebuild_leaves_no_report_of_a_notice_it_no_longer_has(tmp_path):
    """The README's steps: build the two seeds, delete 祁门县's notice, build again. The
    manifest then listed no comparison and the store held none, but compare.html, .json,
    .md and views/compare.html were still there, comparing against the removed notice. A
    build now deletes the reports and pages it does not write, and its summary says so."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for p in (COUNTY, CITY):
        shutil.copy(p, src / p.name)
    reports = ["compare.html", "compare.json", "compare.md", "views/compare.html"]
    assert policykg("build", src, "-o", out).returncode == 0
    assert all((out / r).is_file() for r in reports)
    # what it wrote is what both outputs tables say, row for row
    tables = [_outputs_table(ROOT / "README.md"), _outputs_table(ROOT / "outputs" / "README.md")]
    assert tables[0] == tables[1]
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and STORE_DIR not in p.parts}
    assert [w for w in sorted(written) if not any(fnmatch.fnmatch(w, row) for row in tables[0])] == []
    assert [row for row in tables[0] if not any(fnmatch.fnmatch(w, row) for w in written)] == \
        ["compare-*--*.html", "compare-*--*.json", "compare-*--*.md", "store/"]  # no second pair; a folder
    (src / COUNTY.name).unlink()
    res = policykg("build", src, "-o", out)
    assert res.returncode == 0, res.stderr
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["comparisons"] == []
    assert [r for r in reports if (out / r).exists()] == []
    assert sorted(p.name for p in (out / "views").iterdir()) == ["bayannur-city-2021.html", "departments.html"]
    assert res.stderr.splitlines()[-1] == (
        "removed compare.html, compare.json, compare.md and 1 more: an earlier build's, not written by this one; "
        "no comparison this time (1 notice, not two of two jurisdictions: name a pair with --compare A,B)")
    # without views, an earlier build's pages across notices go too (those of unchanged notices still hold)
    shutil.copy(COUNTY, src / COUNTY.name)
    assert policykg("build", src, "-o", out, "-q").returncode == 0 and (out / "views" / "compare.html").is_file()
    res = policykg("build", src, "-o", out, "--no-views")
    assert res.returncode == 0 and (out / "compare.html").is_file()
    assert sorted(p.name for p in (out / "views").iterdir()) == ["bayannur-city-2021.html", "qimen-county-2021.html"]
    assert res.stderr.splitlines()[-1] == ("removed views/compare.html, views/departments.html: an earlier build's, "
                                           "not written by this one")


def test_a_build_deletes_only_files_a_build_wrote(tmp_path):
    """Audit: `build -o u` into a folder holding an analyst's views/mine.html, notices/keep.ttl
    and compare.html deleted all three — the summary calling compare.html "an earlier build's"
    with no earlier build. A build deletes only what the manifest says a build wrote."""
    src, out = tmp_path / "in", tmp_path / "u"
    src.mkdir()
    shutil.copy(COUNTY, src / COUNTY.name)
    mine = [out / "views" / "mine.html", out / "notices" / "keep.ttl", out / "compare.html"]
    for p in mine:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    res = policykg("build", src, "-o", out)
    assert res.returncode == 0, res.stderr
    assert all(p.read_text(encoding="utf-8") == "x" for p in mine) and "removed" not in res.stderr
    # the next build still deletes what the last one wrote and no longer writes, and only that
    shutil.copy(CITY, src / CITY.name)
    assert policykg("build", src, "-o", out, "-q").returncode == 0
    assert (out / "views" / "compare.html").is_file() and (out / "compare.md").is_file()
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "compare.md" in manifest["reports"] and "compare.html" in manifest["reports"]
    (src / COUNTY.name).unlink()
    res = policykg("build", src, "-o", out)
    assert res.returncode == 0, res.stderr
    assert not (out / "compare.md").exists() and not (out / "views" / "compare.html").exists()
    assert not (out / "notices" / f"{COUNTY.stem}.ttl").exists() and not (out / "compare.html").exists()
    assert all(p.is_file() for p in mine[:2])


@pytest.mark.parametrize("value,message", [
    ("a", "--compare takes two notices as A,B"),
    ("a,b,c", "--compare takes two notices as A,B"),
    ("祁门县, 祁门县", "--compare 祁门县,祁门县: a notice compared with itself"),
])
def test_a_malformed_compare_value_stops_before_building(tmp_path, value, message):
    res = policykg("build", COUNTY, CITY, "-o", tmp_path / "out", "-q", "--compare", value)
    assert res.returncode == 1 and res.stderr.splitlines() == [f"policykg: error: {message}"]
    assert not (tmp_path / "out").exists()


# --- the corpus generator -----------------------------------------------------------------------------------


def test_generator_is_deterministic_and_keeps_the_facts(tmp_path):
    from extractor.pipeline import process, process_bytes

    gen = generator()
    a = gen.generate(tmp_path / "a", 16, seed=3)
    b = gen.generate(tmp_path / "b", 16, seed=3)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    raw = [p.read_bytes() for p in a]
    assert any(b"\r\n" in r for r in raw) and any(_not_utf8(r) for r in raw)
    originals = {}
    levels, numbers = set(), set()
    for i, (template, _, data) in enumerate(gen.variants(16, seed=3)):
        assert data == raw[i]
        twin = originals.setdefault(template.path, process(template.path))
        doc = process_bytes(data, f"n{i}.txt")
        # the facts of the real notice it was drawn from, under another name
        assert len(doc.facts.duties) == len(twin.facts.duties), template.path.name
        m, tm = doc.facts.meeting, twin.facts.meeting
        assert (m and len(m.members)) == (tm and len(tm.members)), template.path.name
        if template.name:
            level = template.level
            assert doc.jurisdiction.level == level and doc.jurisdiction.name in gen.JURISDICTIONS[level]
            levels.add(level)
            own = [d for d in doc.facts.departments.values() if d.jurisdiction == doc.jurisdiction.name]
            assert len(own) == len([d for d in twin.facts.departments.values()
                                    if d.jurisdiction == twin.jurisdiction.name]), template.path.name
        if doc.doc_number:
            assert doc.doc_number not in numbers
            numbers.add(doc.doc_number)
    assert {"county", "city"} <= levels and len(numbers) >= 3


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return True


def test_relabel_keeps_the_written_style():
    gen = generator()
    assert gen.relabel("（十二）", 21) == "（二十一）"
    assert gen.relabel("(四）", 2) == "(二）"
    assert gen.relabel("3.", 10) == "10."
    assert gen.relabel("（１）", 12) == "（１２）"
    assert gen.relabel("②", 5) == "⑤"
    assert [gen.chinese_number(n) for n in (1, 10, 11, 20, 21, 99, 100, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十"]


def test_a_store_that_cannot_be_written_stops_the_build_with_one_clear_error():
    from extractor.build import _StoreWriter

    class FullDisk:
        def contains_named_graph(self, graph):
            return False

        def bulk_load(self, *args, **kwargs):
            raise OSError("No space left on device")

    writer = _StoreWriter(FullDisk())
    thread = writer.thread
    writer.put({"a:g": b"<a:s> <a:p> <a:o> .\n"})
    with pytest.raises(PolicykgError, match=r"^cannot write the store \(No space left on device\)$"):
        writer.close()
    assert not thread.is_alive()
    assert writer.store is None  # let go of: the store's lock must not outlive the build


def test_notice_pages_follow_the_notices(workdir):
    """Each notice's page is written by the worker that reads it — the same bytes as from
    the store — kept while the notice is unchanged, written for unchanged notices when a
    build without views is followed by one with them, and deleted with the notice. A
    notice named like a corpus-wide page does not overwrite it."""
    from extractor import query
    from extractor.compare import _ref
    from extractor.report import notice_page

    src, out = workdir
    shutil.copy(EXTRA[3], src / "departments.txt")  # a notice not in SMALL
    build([src], out, jobs=2, views=False)
    assert not (out / "views").exists() or not any((out / "views").glob("*.html"))
    second = build([src], out, jobs=2)
    assert second.processed == []  # no notice read again: their pages come from the store
    pages = sorted(p.name for p in (out / "views").glob("*.html"))
    assert pages == sorted(["departments.html", "notice-departments.html", *(f"{p.stem}.html" for p in SMALL)])
    assert b"\xe5\x90\x84\xe6\x96\x87\xe4\xbb\xb6\xe4\xb8\xad\xe7\x9a\x84\xe9\x83\xa8\xe9\x97\xa8" in \
        (out / "views" / "departments.html").read_bytes()  # 各文件中的部门: the corpus-wide page
    from_store = (out / "views" / f"{COUNTY.stem}.html").read_bytes()
    text = COUNTY.read_text(encoding="utf-8")
    (src / COUNTY.name).write_text(text.replace("负责", "统筹负责", 1), encoding="utf-8")  # a worker's page
    third = build([src], out, jobs=2)
    assert third.processed == [str(src / COUNTY.name)]
    by_worker = (out / "views" / f"{COUNTY.stem}.html").read_bytes()
    store = ox.Store(str(out / STORE_DIR))
    row = next(r for r in query.notices(store) if r["graph"] == third.notices[str(src / COUNTY.name)])
    notice_page(store, _ref(store, row), out / "check.html")
    assert (out / "check.html").read_bytes() == by_worker and len(by_worker) > 100_000
    assert by_worker != from_store  # a duty's text changed (and the page shows it)
    del store
    (src / COUNTY.name).unlink()
    build([src], out, jobs=2)
    assert not (out / "views" / f"{COUNTY.stem}.html").exists()
    assert (out / "views" / "departments.html").exists()
    # A build without views keeps the pages of unchanged notices, drops a changed one's (it
    # would show the old version) and a gone one's.
    changed, gone, kept = EXTRA[0], EXTRA[1], EXTRA[2]
    (src / changed.name).write_bytes(changed.read_bytes() + b"\n")
    (src / gone.name).unlink()
    assert build([src], out, jobs=2, views=False).processed == [str(src / changed.name)]
    assert (out / "views" / f"{kept.stem}.html").exists()
    assert not (out / "views" / f"{changed.stem}.html").exists()
    assert not (out / "views" / f"{gone.stem}.html").exists()


def test_notices_with_one_file_stem_get_a_page_each(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    shutil.copy(COUNTY, tmp_path / "a" / "notice.txt")
    shutil.copy(CITY, tmp_path / "b" / "notice.txt")
    build([tmp_path / "a", tmp_path / "b"], tmp_path / "out", jobs=1)
    pages = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out" / "views").glob("notice*.html")}
    assert sorted(pages) == ["notice-2.html", "notice.html"]
    assert "祁政办秘" in pages["notice.html"] and "巴" in pages["notice-2.html"] and "祁政办秘" not in pages["notice-2.html"]


def test_readers_do_not_lock_the_store_and_a_second_writer_is_told_why(tmp_path):
    """Query commands (and `serve`) open the store read-only: they run while another process
    holds it for writing, and beside each other. Before, each took RocksDB's lock, so a
    `policykg who` next to a running `policykg serve` failed with a lock error."""
    out = tmp_path / "out"
    build([CITY, COUNTY], out, jobs=1, views=False)
    store = out / STORE_DIR
    writer = ox.Store(str(store))  # as a build or `compare --save` in progress holds it
    try:
        res = policykg("members", "祁门县", "--store", store, "--format", "csv")
        assert res.returncode == 0, res.stderr
        assert len(res.stdout.strip().splitlines()) == 1 + 21
        res = policykg("sparql", "ASK { ?n a pk:Notice }", "--store", store, "--format", "json")
        assert res.returncode == 0 and "true" in res.stdout
        res = policykg("compare", "祁门县", "巴彦淖尔市", "--store", store, "--save", "--format", "json")
        assert res.returncode == 1 and res.stdout == ""
        assert res.stderr.strip().splitlines() == [
            f"policykg: error: {store}: the store is in use by another policykg process that writes to it "
            "(a build, or compare --save); try again when it is done"]
    finally:
        del writer
    res = policykg("compare", "祁门县", "巴彦淖尔市", "--store", store, "--save", "--format", "json")
    assert res.returncode == 0, res.stderr
    assert any("comparison" in g.value for g in ox.Store.read_only(str(store)).named_graphs())


def _save_comparison(out: Path, a: str, b: str) -> str:
    """What `policykg compare A B --save` does to the store of `out`."""
    from extractor.compare import add_comparison, compare
    from extractor.store import open_store

    store = open_store(out / STORE_DIR)
    iri = add_comparison(store, compare(store, a, b))
    store.flush()
    del store  # its lock
    return iri


def _comparisons(out: Path) -> list[str]:
    return sorted(g.value for g in ox.Store.read_only(str(out / STORE_DIR)).named_graphs()
                  if isinstance(g, ox.NamedNode) and "/comparison/" in g.value)


@pytest.fixture
def three(tmp_path) -> Path:
    """祁门县's, 巴彦淖尔市's and 奈曼旗's notices: three jurisdictions, so no comparison of the build's own."""
    src = tmp_path / "in"
    src.mkdir()
    for p in (COUNTY, CITY, NAIMAN):
        shutil.copy(p, src / p.name)
    return src


def test_a_build_that_compares_nothing_says_why(three, tmp_path):
    """Three jurisdictions' notices: no compare.* — the summary said nothing of it (an audit's
    build of the seeds and two junk files wrote none and left the analyst to guess)."""
    res = policykg("build", three, "-o", tmp_path / "out", "--no-views")
    assert res.returncode == 0, res.stderr
    assert not (tmp_path / "out" / "compare.html").exists()
    said = [line for line in res.stderr.splitlines() if not line.startswith("policykg: warning: ")]  # (the notes)
    assert said[-1] == "no comparison this time (3 notices, not two of two jurisdictions: name a pair with --compare A,B)"


def test_a_saved_comparison_outlives_a_rebuild_that_leaves_its_notices_as_they_were(three, tmp_path):
    """A comparison saved with `compare --save` is the analyst's work: a build with nothing
    changed (or --force, reading the same notices again) deleted it, silently."""
    out = tmp_path / "out"
    build([three], out, jobs=1, views=False)
    iri = _save_comparison(out, "祁门县", "巴彦淖尔市")
    again = build([three], out, jobs=1, views=False)
    assert _comparisons(out) == [iri] and again.kept_comparisons == [iri] and not again.dropped_comparisons
    assert "comparison/祁政办秘-2021-45--巴政办发-2021-20" in (out / "policykg.ttl").read_text(encoding="utf-8")
    forced = build([three], out, jobs=1, views=False, force=True)
    assert _comparisons(out) == [iri] and forced.kept_comparisons == [iri]
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["comparisons"] == []  # none of the build's own


def test_a_saved_comparison_of_a_changed_or_removed_notice_is_dropped_and_said(three, tmp_path):
    out = tmp_path / "out"
    build([three], out, jobs=1, views=False)
    _save_comparison(out, "祁门县", "巴彦淖尔市")
    city = three / CITY.name
    city.write_text(CITY.read_text(encoding="utf-8").replace("市卫生健康委负责", "市卫健委负责", 1), encoding="utf-8")
    res = policykg("build", three, "-o", out, "--no-views")
    assert res.returncode == 0, res.stderr
    assert _comparisons(out) == []
    assert f"policykg: warning: dropped the saved comparison 祁政办秘-2021-45--巴政办发-2021-20: {city} changed " \
           "(`policykg compare A B --save` makes it again)" in res.stderr.splitlines()
    iri = _save_comparison(out, "祁门县", "巴彦淖尔市")
    (three / COUNTY.name).unlink()
    result = build([three], out, jobs=1, views=False)
    assert iri not in _comparisons(out)  # (奈曼旗 and 巴彦淖尔市 left: the build's own pair is there)
    assert list(result.dropped_comparisons.values()) == [f"{three / COUNTY.name} is no longer built"]


def test_a_saved_comparison_dropped_for_a_new_reading_of_the_same_file_says_so(three, tmp_path):
    """After an upgrade of policykg, a saved comparison was dropped because each file "changed",
    though no file had: what changed is how the notices read (here: names masked)."""
    out = tmp_path / "out"
    build([three], out, jobs=1, views=False)
    _save_comparison(out, "祁门县", "巴彦淖尔市")
    result = build([three], out, jobs=1, views=False, persons=False)
    assert list(result.dropped_comparisons.values()) == [  # (the city's notice names no one)
        f"{three / COUNTY.name} is read differently (the file is as it was: policykg or its settings changed)"]


def test_the_builds_own_comparison_is_rewritten_and_not_kept_as_saved(tmp_path):
    """The comparison a build writes (the default pair) is the build's: listed in the manifest,
    gone when the pair no longer is the build's."""
    out = tmp_path / "out"
    build([COUNTY, CITY], out, jobs=1, views=False)
    own = _comparisons(out)
    assert len(own) == 1 and json.loads((out / MANIFEST).read_text(encoding="utf-8"))["comparisons"] == own
    result = build([COUNTY, CITY, NAIMAN], out, jobs=1, views=False)
    assert _comparisons(out) == [] and not result.kept_comparisons and not result.dropped_comparisons


def test_the_summary_says_which_notices_a_rebuild_removed(three, tmp_path):
    """"read 2 notice(s) (txt: 8), 6 unchanged" said nothing of a notice deleted."""
    out = tmp_path / "out"
    build([three], out, jobs=1, views=False)
    (three / NAIMAN.name).unlink()
    res = policykg("build", three, "-o", out, "--no-views")
    assert res.returncode == 0, res.stderr
    assert f"read 0 notice(s) (txt: 2), 2 unchanged, 1 removed ({three / NAIMAN.name}), 0 failed → {out}" \
        in res.stderr.splitlines()
    graph = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"][str(three / CITY.name)]["graph"]
    result = build([three / COUNTY.name], out, jobs=1, views=False)
    assert result.gone == {str(three / CITY.name): graph}


def test_files_of_no_notice_type_in_a_folder_are_said_in_one_line_not_skipped_silently(tmp_path):
    """A notice saved without its suffix (or as .md) inside a folder was skipped silently,
    exit 0. A folder's README is no notice: not counted; nor a notice's companion (the link
    to its source page saved beside it, as tests/data/extra keeps X.url by X.txt)."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(COUNTY, src / COUNTY.name)
    (src / f"{COUNTY.stem}.url").write_text("https://www.qimen.gov.cn/\n", encoding="utf-8")
    shutil.copy(CITY, src / "bayannur")  # no suffix
    (src / "NOTES.md").write_text("# notes\n", encoding="utf-8")
    (src / "README.md").write_text("# the notices\n", encoding="utf-8")
    res = policykg("build", src, "-o", tmp_path / "out", "--no-views")
    assert res.returncode == 0, res.stderr
    assert res.stderr.splitlines()[-1] == (f"policykg: note: skipped 2 file(s) not named .txt, .html or .docx: "
                                           f"{src / 'NOTES.md'}, {src / 'bayannur'}")
    res = policykg("members", "祁政办秘〔2021〕45号", "--from", src, "--format", "csv")
    assert res.returncode == 0 and res.stdout
    assert res.stderr == f"policykg: note: skipped 2 file(s) not named .txt, .html or .docx: {src / 'NOTES.md'}, " \
                         f"{src / 'bayannur'}\n"
    quiet = policykg("build", src, "-o", tmp_path / "out", "--no-views", "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_link_to_a_device_in_a_folder_is_said_failed_not_skipped_silently(tmp_path):
    """A folder's zero.txt linking to /dev/zero was skipped without a word (and read, it
    would never end): a failed file, with its reason, the other notices built."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(COUNTY, src / COUNTY.name)
    (src / "zero.txt").symlink_to("/dev/zero")
    res = policykg("build", src, "-o", tmp_path / "out", "--no-views")
    assert res.returncode == 1, res.stderr  # (as for any file that failed)
    assert f"policykg: error: {src / 'zero.txt'}: not a regular file (a device, a pipe or a socket)" \
        in res.stderr.splitlines()
    assert "read 1 notice(s) (txt: 1), 0 unchanged, 1 failed" in res.stderr


def test_links_in_a_folder_are_followed_or_said_failed_never_skipped_silently(tmp_path):
    """A folder linked into the input folder was not searched (os.walk does not follow
    links), and a broken link or one in a loop was skipped without a word: a linked folder
    is searched like its own (once, however many links lead to it, a link back up too), a
    link to no file is a failed file with its reason."""
    src, other = tmp_path / "in", tmp_path / "other"
    src.mkdir()
    other.mkdir()
    shutil.copy(COUNTY, src / COUNTY.name)
    shutil.copy(CITY, other / CITY.name)
    (src / "dirlink.txt").symlink_to(other)
    (src / "again").symlink_to(other)
    (src / "up").symlink_to(src)
    (src / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    found = [p.relative_to(src) for p in notice_files([src])]
    assert found in ([Path("again", CITY.name), Path(COUNTY.name)], [Path("dirlink.txt", CITY.name), Path(COUNTY.name)])
    res = policykg("build", src, "-o", tmp_path / "out", "--no-views")
    assert res.returncode == 1, res.stderr
    errors = res.stderr.splitlines()
    assert f"policykg: error: {src / 'dangling.txt'}: a broken symbolic link (to {tmp_path / 'nowhere.txt'}, " \
           "which does not exist)" in errors
    assert f"policykg: error: {src / 'loop.txt'}: a symbolic link in a loop (it leads back to itself)" in errors
    assert "read 2 notice(s) (txt: 2), 0 unchanged, 2 failed" in res.stderr


def test_a_saved_comparison_is_dropped_when_its_notices_move_to_another_base(three, tmp_path):
    out = tmp_path / "out"
    build([three], out, jobs=1, views=False)
    iri = _save_comparison(out, "祁门县", "巴彦淖尔市")
    result = build([three], out, jobs=1, views=False, base="http://example.org/x/")
    assert _comparisons(out) == [] and list(result.dropped_comparisons) == [iri]
    assert result.dropped_comparisons[iri] == (f"{three / CITY.name} now gives another graph; "
                                               f"{three / COUNTY.name} now gives another graph")


def test_a_manifest_that_is_not_ours_is_read_as_none(tmp_path):
    out = tmp_path / "out"
    build([COUNTY], out, jobs=1, views=False)
    (out / MANIFEST).write_text("[]\n", encoding="utf-8")  # JSON, but no manifest: the build starts afresh
    result = build([COUNTY], out, jobs=1, views=False)
    assert list(result.notices) == [str(COUNTY)] and result.skipped == []


def test_a_corpus_beyond_the_departments_page_s_size_gets_a_note_not_the_page(tmp_path, monkeypatch):
    """At 1,000 notices the departments page was 42 MB (no browser opens it usefully) and took
    the build's parent to 800 MB: beyond DEPARTMENTS_PAGE_MAX notices it is not written, and
    the build says so; the notices' own pages and the comparison are written as ever."""
    import extractor.report as R

    monkeypatch.setattr(R, "DEPARTMENTS_PAGE_MAX", 1)
    result = build([COUNTY, CITY], tmp_path / "out", jobs=1)
    views = tmp_path / "out" / "views"
    assert not (views / "departments.html").exists()
    assert (views / "compare.html").exists() and len(list(views.glob("*.html"))) == 3
    assert result.skipped_views and "views/departments.html not written for 2 notices" in result.skipped_views[0]
    monkeypatch.setattr(R, "DEPARTMENTS_PAGE_MAX", 200)
    build([COUNTY, CITY], tmp_path / "out", jobs=1)
    assert (views / "departments.html").exists()


@pytest.mark.parametrize("edit", [
    lambda m: m["files"].__setitem__(str(COUNTY), "zzz"),
    lambda m: m["files"][str(COUNTY)].pop("sha256"),
    lambda m: m["files"][str(COUNTY)].__setitem__("graph", ["a"]),
    lambda m: m.__setitem__("comparisons", 5),
], ids=["entry-a-string", "entry-without-sha256", "graph-a-list", "comparisons-a-number"])
def test_a_hand_edited_manifest_s_bad_parts_are_ignored(tmp_path, edit):
    """A manifest edited by hand (or written by another tool) crashed the build (exit 70) at
    an entry not of our shape or a `comparisons` not a list, even with force: an entry not
    of the shape is a file to read again, a part not of the shape is none."""
    out = tmp_path / "out"
    build([COUNTY, CITY], out, jobs=1, views=False)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    edit(manifest)
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    result = build([COUNTY, CITY], out, jobs=1, views=False)
    assert sorted(result.notices) == sorted([str(COUNTY), str(CITY)]) and not result.failed
    assert str(CITY) in result.skipped  # its entry, untouched, still counts
    build([COUNTY, CITY], out, jobs=1, views=False, force=True)


def test_a_store_missing_its_manifest_is_said_damaged_not_busy(tmp_path):
    """A store whose MANIFEST-* file is gone was retried, then said to be rewritten by a
    build ("try again"), though it never mends: it is said damaged, and what to do."""
    from extractor.store import open_store

    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    store.flush()
    del store
    for f in store_dir.glob("MANIFEST-*"):
        f.unlink()
    for read_only in (True, False):
        with pytest.raises(PolicykgError, match=r"store: the store is damaged \(its MANIFEST-\d+ file is missing\): "
                                                r"delete it and build again"):
            open_store(store_dir, read_only=read_only)


def test_worker_warm_up_sets_the_gc_policy_and_the_bench_uses_it():
    """A build worker, once warm, has its modules and registries frozen out of the collector
    and a first generation of `WORKER_GC_GEN0`; the bench's per-core figures are taken in a
    process warmed by the same function (so they stand for a worker)."""
    code = ("import gc; from extractor.build import warm_worker, WORKER_GC_GEN0 as G; "
            "before = gc.get_threshold(); warm_worker(); "
            "print(before[0], gc.get_threshold()[0] == G, gc.get_freeze_count() > 10_000)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["700", "True", "True"]
    bench = (ROOT / "tests" / "bench" / "bench_pipeline.py").read_text(encoding="utf-8")
    stages = bench.split("def stages(", 1)[1].split("\ndef ", 1)[0]
    assert "warm_worker()" in stages
