"""`policykg export` from a built store and from notices: every format loads back, and
--no-persons leaves no name behind while the graph stays valid."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from conftest import CORPUS
from extractor.cli import app
from extractor.errors import PolicykgError

NAMES = ["许亚军", "吴佳婧", "汪曌哲", "蓝  朋", "蓝朋"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = CliRunner().invoke(app, ["build", str(CORPUS), "-o", str(out), "--quiet"])
    assert res.exit_code == 0, res.output
    return out


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "jsonld", "graphml", "csv"])
def test_every_format_loads_back(fmt, built, tmp_path):
    path = tmp_path / f"x.{fmt}"
    res = CliRunner().invoke(app, ["export", "--store", str(built / "store"), "-f", fmt, "-o", str(path)])
    assert res.exit_code == 0, res.output
    if fmt in ("ttl", "nt", "nq"):
        fmt_ox = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS}[fmt]
        n = sum(1 for _ in ox.parse(path=str(path), format=fmt_ox))
        g = rdflib.Dataset() if fmt == "nq" else rdflib.Graph()
        g.parse(path, format={"ttl": "turtle", "nt": "nt", "nq": "nquads"}[fmt])
        count = sum(1 for _ in g.quads((None, None, None, None))) if fmt == "nq" else len(g)
        assert n > 5000 and count == n
    elif fmt == "jsonld":
        g = rdflib.Graph().parse(path, format="json-ld")
        assert len(g) > 5000
    elif fmt == "graphml":
        g = nx.read_graphml(path)
        assert any(d.get("kind") == "department" for _, d in g.nodes(data=True))
    else:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert {"department", "role", "text", "start", "end"} <= set(rows[0])
        assert any(r["department"] == "县消防救援大队" for r in rows)


def test_no_persons_leaves_no_name_and_stays_valid(built, tmp_path):
    from extractor.graph import validate

    with_names = tmp_path / "with.ttl"
    without = tmp_path / "without.ttl"
    for path, extra in ((with_names, []), (without, ["--no-persons"])):
        res = CliRunner().invoke(app, ["export", "--store", str(built / "store"), "-o", str(path), *extra])
        assert res.exit_code == 0, res.output
    text = with_names.read_text(encoding="utf-8")
    assert all(n in text for n in NAMES[:3])
    masked = without.read_text(encoding="utf-8")
    assert not [n for n in NAMES if n in masked]
    assert "foaf:Person" not in masked and "org:heldBy" not in masked
    assert "分管负责人" in masked  # the posts themselves stay
    quads = list(ox.parse(path=str(without), format=ox.RdfFormat.TURTLE))
    conforms, report, _ = validate(quads)
    assert conforms, report[:2000]


def test_extract_without_persons_leaves_no_name():
    """extract --no-persons: no name in the member table's cells, nor anywhere else, and the
    masked spans keep their length (offsets stay valid)."""
    county = next(CORPUS.glob("qimen*"))
    res = CliRunner().invoke(app, ["extract", str(county), "-f", "json", "--no-persons"])
    assert res.exit_code == 0, res.output
    out = res.stdout.replace(" ", "")
    assert not [n for n in NAMES if n.replace(" ", "") in out]
    data = json.loads(res.stdout)
    cells = [x for c in data["clauses"] for row in c["children"] for x in row.get("cells", ())]
    assert cells and all(x["end"] - x["start"] == len(x["text"]) for x in cells)
    assert any(set(x["text"].replace(" ", "")) == {"＊"} for x in cells)
    assert all(p["person"] is None for p in data["posts"])
    res = CliRunner().invoke(app, ["extract", str(county), "-f", "json"])
    assert all(n in res.stdout for n in NAMES[:3])  # as written when names are wanted


def test_export_to_stdout_is_json_ld():
    res = CliRunner().invoke(app, ["export", "--from", str(CORPUS), "-f", "jsonld"])
    assert res.exit_code == 0
    data = json.loads(res.stdout_bytes)
    assert "@context" in data and "@graph" in data


@pytest.mark.parametrize("name, check", [
    ("x.json", lambda p: "@context" in json.loads(p.read_bytes())),
    ("x.nq", lambda p: sum(1 for _ in ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS)) > 5000),
    ("x.graphml", lambda p: nx.read_graphml(p).number_of_nodes() > 100),
])
def test_without_format_the_suffix_of_o_chooses_it(name, check, built, tmp_path):
    path = tmp_path / name
    res = CliRunner().invoke(app, ["export", "--store", str(built / "store"), "-o", str(path)])
    assert res.exit_code == 0, res.output
    assert check(path)


def test_an_unknown_suffix_needs_format(built, tmp_path):
    """(test_cli checks the console script's one-line error for it)"""
    path = tmp_path / "x.xyz"
    res = CliRunner().invoke(app, ["export", "--store", str(built / "store"), "-o", str(path)])
    assert isinstance(res.exception, PolicykgError) and "--format" in str(res.exception)
    assert not path.exists()
    res = CliRunner().invoke(app, ["export", "--store", str(built / "store"), "-o", str(path), "-f", "nt"])
    assert res.exit_code == 0 and sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)) > 5000


def test_graph_takes_a_notice_by_iri_number_stem_or_place(built, tmp_path):
    store = ["--store", str(built / "store")]
    iri = next(line for line in CliRunner().invoke(app, ["sparql", *store, "-f", "csv",
               "SELECT ?g WHERE { GRAPH ?g { ?n a pk:Notice ; eli:id_local '祁政办秘〔2021〕45号' } }"]).stdout.splitlines()
               if line.startswith("http"))
    outs = {}
    for name in (iri, "祁政办秘〔2021〕45号", "祁政办秘[2021]45号", "qimen-county-2021", "祁门县"):
        res = CliRunner().invoke(app, ["export", *store, "--graph", name, "-f", "nt"])
        assert res.exit_code == 0, (name, res.exception)
        outs[name] = res.stdout_bytes
    assert len(set(outs.values())) == 1 and outs[iri].count(b"\n") > 1000
    assert "巴政办发".encode() not in outs[iri]
    res = CliRunner().invoke(app, ["export", *store, "--graph", "上海市", "-o", str(tmp_path / "x.ttl")])
    assert isinstance(res.exception, PolicykgError) and "上海市" in str(res.exception)
    assert not (tmp_path / "x.ttl").exists()


def test_export_into_a_fifo_and_through_a_symlink(built, tmp_path):
    """`export -o pipe` gave its reader nothing and left a regular file where the FIFO was."""
    import os
    import stat
    import subprocess

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with open(tmp_path / "got.nt", "wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        try:
            res = CliRunner().invoke(app, ["export", "--store", str(built / "store"), "-f", "nt", "-o", str(fifo)])
            reader.wait(timeout=60)
        finally:
            if reader.poll() is None:
                reader.kill()
                reader.wait()
    got = (tmp_path / "got.nt").read_bytes()
    assert res.exit_code == 0, res.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    plain = tmp_path / "plain.nt"
    assert CliRunner().invoke(app, ["export", "--store", str(built / "store"), "-o", str(plain)]).exit_code == 0
    assert got == plain.read_bytes() and got.count(b"\n") > 1000
    (tmp_path / "t.ttl").touch()
    os.symlink("t.ttl", tmp_path / "l.ttl")
    res = CliRunner().invoke(app, ["export", "--store", str(built / "store"), "-o", str(tmp_path / "l.ttl")])
    assert res.exit_code == 0 and (tmp_path / "l.ttl").is_symlink()
    assert (tmp_path / "t.ttl").read_bytes().startswith(b"@prefix")
