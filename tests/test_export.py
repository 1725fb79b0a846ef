"""Exports: deterministic bytes, atomic writes, round trips through rdflib/pyoxigraph/rapper,
and SHACL shapes that pass on real graphs and bite on broken ones."""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from docfactory import city_doc, county_doc, flagged
from extractor import export
from extractor.errors import PolicykgError
from extractor.graph import (ELI, PK, PROV, RDF, RDFS, XSD, link_counterparts, span_iri, span_offsets, to_rdf,
                             validate)
from extractor.store import add_document, open_store

from conftest import CITY, COUNTY

FORMATS = sorted(export.WRITERS)


def build_store(*docs):
    store = open_store()
    for d in docs or (county_doc(), city_doc()):
        add_document(store, d)
    link_counterparts(store)
    return store


@pytest.fixture(scope="module")
def store():
    return build_store()


@pytest.fixture(scope="module")
def merged(store, tmp_path_factory):
    return export.write_turtle(store, tmp_path_factory.mktemp("ttl") / "policykg.ttl")


# --- determinism ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_rebuild_is_byte_identical(fmt, tmp_path):
    a = export.export(build_store(), tmp_path / f"a{export.SUFFIXES[fmt]}", fmt).read_bytes()
    b = export.export(build_store(city_doc(), county_doc()), tmp_path / f"b{export.SUFFIXES[fmt]}", fmt).read_bytes()
    assert a == b
    assert len(a) > 1000


def test_turtle_is_sorted_with_fixed_prefixes(merged):
    text = merged.read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("@prefix")]
    assert head == sorted(head) and len(head) == len(set(head))
    subjects = [line.split(" ", 1)[0] for line in text.splitlines()
                if line.startswith("<") and not line.startswith("\t")]
    # sorted as written (<iri>), each subject once: all its statements are together
    assert subjects == sorted(subjects) and len(subjects) == len(set(subjects))
    assert len(subjects) > 100


def test_comparison_and_topic_terms_are_written_with_their_prefixes(tmp_path):
    """A comparison's graph (align:Cell, pkx:counterpart) and its topics (pkt:funding) were
    written as full IRIs: Turtle and JSON-LD declared none of the align:, pkx:, pkt: prefixes
    that `sparql` and the README take for granted. Both now declare every prefix a query may
    use undeclared (dcterms aside, a second name for dct:)."""
    from extractor.compare import add_comparison, compare
    from extractor.graph import QUERY_PREFIXES

    store = build_store()
    graph = add_comparison(store, compare(store, "祁门县", "巴彦淖尔市"))
    ttl = export.write_turtle(store, tmp_path / "c.ttl", graph=graph).read_text(encoding="utf-8")
    for prefix in ("align", "pkx", "pkt"):
        assert f"@prefix {prefix}: <{QUERY_PREFIXES[prefix]}> ." in ttl, prefix
    assert "a align:Cell" in ttl and "pkx:counterpart" in ttl and "pkt:funding" in ttl
    body = ttl.split("\n\n", 1)[1]  # after the @prefix lines
    assert not re.search(r"<(https://w3id\.org/policykg/(comparison|topic)/|http://knowledgeweb)[^>/]*>", body)
    doc = json.loads(export.write_jsonld(store, tmp_path / "c.jsonld", graph=graph).read_text(encoding="utf-8"))
    assert doc["@context"] == {k: v for k, v in QUERY_PREFIXES.items() if k != "dcterms"}
    text = json.dumps(doc["@graph"], ensure_ascii=False)
    assert "align:Cell" in text and "pkx:counterpart" in text and "pkt:funding" in text
    assert "knowledgeweb" not in text and "policykg/topic/" not in text
    assert len(rdflib.Graph().parse(data=ttl, format="turtle")) == len(rdflib.Graph().parse(
        data=json.dumps(doc, ensure_ascii=False), format="json-ld")) > 20


def test_merged_output_leaves_the_ontology_graph_out_unless_asked(tmp_path):
    from extractor.store import load_ontology

    store = build_store(city_doc())
    n = len(export.sorted_triples(store))
    load_ontology(store)
    assert len(export.sorted_triples(store)) == n
    onto = next(g.value for g in store.named_graphs() if g.value.endswith("/ontology"))
    path = export.write_turtle(store, tmp_path / "ontology.ttl", graph=onto)
    assert "pk:DutyAssignment a owl:Class" in path.read_text(encoding="utf-8")


def test_one_named_graph_alone(store, tmp_path):
    g = next(x.value for x in store.named_graphs() if "祁门县" in x.value)
    path = export.write_turtle(store, tmp_path / "one.ttl", graph=g)
    text = path.read_text(encoding="utf-8")
    assert "祁政办秘〔2021〕45号" in text and "巴政办发〔2021〕20号" not in text


def test_several_named_graphs_and_a_missing_one(store, tmp_path):
    graphs = sorted(x.value for x in store.named_graphs() if "/doc/" in x.value)
    both = export.write_ntriples(store, tmp_path / "both.nt", graph=graphs).read_bytes()
    one = [export.write_ntriples(store, tmp_path / f"{k}.nt", graph=g).read_bytes() for k, g in enumerate(graphs)]
    assert len(graphs) == 2 and set(both.splitlines()) == set(one[0].splitlines()) | set(one[1].splitlines())
    quads = list(store.quads_for_pattern(None, None, None, None))
    assert export.sorted_ntriples(quads, graphs[:1]) == one[0]  # quads are filtered the same way
    for bad, message in (("https://example.org/none", "no such named graph"), ("祁门县", "not a graph IRI")):
        with pytest.raises(PolicykgError, match=message):  # was: an empty file, or a ValueError
            export.write_turtle(store, tmp_path / "bad.ttl", graph=bad)
        assert not (tmp_path / "bad.ttl").exists()


# --- atomic writes --------------------------------------------------------------------------------------


class Boom(RuntimeError):
    pass


def _half_then_raise(items, output, fmt, **kwargs):
    output.write(b"@prefix half: <http://example.org/> .\n<http://example.org/a> ")
    raise Boom("serializer died mid-way")


@pytest.mark.parametrize("existing", [True, False], ids=["replaces", "creates"])
def test_crash_leaves_target_unchanged_and_no_temp(existing, store, tmp_path, monkeypatch):
    target = tmp_path / "policykg.ttl"
    if existing:
        target.write_bytes(b"old content\n")
    monkeypatch.setattr(export.ox, "serialize", _half_then_raise)
    monkeypatch.setattr(export, "_turtle_text", lambda lines: None)  # pyoxigraph writes it, streamed
    with pytest.raises(Boom):
        export.write_turtle(store, target)
    if existing:
        assert target.read_bytes() == b"old content\n"
    else:
        assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == (["policykg.ttl"] if existing else [])


def test_crash_in_json_writer_leaves_no_half_file(store, tmp_path, monkeypatch):
    target = tmp_path / "policykg.jsonld"
    target.write_bytes(b"old content\n")
    real, calls = export._compact, []

    def compact(iri, memo=None):  # dies at the 10th IRI, part way through the graph
        calls.append(1)
        if len(calls) == 10:
            raise Boom("json died")
        return real(iri, memo)

    monkeypatch.setattr(export, "_compact", compact)
    with pytest.raises(Boom):
        export.write_jsonld(store, target)
    assert len(calls) == 10
    assert target.read_bytes() == b"old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["policykg.jsonld"]


def test_a_symlink_is_followed_and_kept(tmp_path):
    """-o onto a link writes (atomically) where it points; the link stays (was: replaced by a file)."""
    import os

    from extractor.files import write_bytes

    (tmp_path / "t.ttl").write_bytes(b"")
    os.symlink("t.ttl", tmp_path / "l.ttl")
    os.symlink("sub/new.ttl", tmp_path / "dangling.ttl")
    write_bytes(tmp_path / "l.ttl", b"data\n")
    write_bytes(tmp_path / "dangling.ttl", b"more\n")
    assert (tmp_path / "l.ttl").is_symlink() and (tmp_path / "t.ttl").read_bytes() == b"data\n"
    assert (tmp_path / "dangling.ttl").is_symlink() and (tmp_path / "sub/new.ttl").read_bytes() == b"more\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.ttl", "l.ttl", "sub", "t.ttl"]


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    import os
    import stat

    from extractor.files import write_bytes

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waits at the other end
    try:
        write_bytes(fifo, b"data\n")
        assert os.read(reader, 100) == b"data\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_written_files_get_normal_permissions(merged):
    assert merged.stat().st_mode & 0o044  # readable by others: not mkstemp's 0600


def test_a_replaced_file_keeps_its_mode(tmp_path):
    from extractor.files import write_bytes

    for mode in (0o664, 0o600, 0o640):
        target = tmp_path / "graph.ttl"
        target.write_bytes(b"old\n")
        target.chmod(mode)
        write_bytes(target, b"new\n")
        assert target.read_bytes() == b"new\n" and target.stat().st_mode & 0o777 == mode


# --- round trips ------------------------------------------------------------------------------------------


def test_files_are_synced_one_by_one_except_inside_unsynced(store, tmp_path, monkeypatch):
    import os

    from extractor.files import unsynced

    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    export.export(store, tmp_path / "a.ttl", "ttl")
    assert len(synced) == 1
    with unsynced():
        export.export(store, tmp_path / "b.ttl", "ttl")
        export.export(store, tmp_path / "b.jsonld", "jsonld")
    assert len(synced) == 1
    assert (tmp_path / "b.ttl").read_bytes() == (tmp_path / "a.ttl").read_bytes()
    export.export(store, tmp_path / "c.nt", "nt")  # synced again once the block is left
    assert len(synced) == 2


def test_merged_turtle_loads_with_the_same_count_everywhere(store, merged):
    n = len(export.sorted_triples(store))
    assert n > 500
    assert len(rdflib.Graph().parse(merged, format="turtle")) == n
    assert len(list(ox.parse(path=str(merged), format=ox.RdfFormat.TURTLE))) == n
    if shutil.which("rapper") is None:
        pytest.skip("rapper (raptor2-utils) not installed")
    run = subprocess.run(["rapper", "-i", "turtle", "-c", str(merged)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"returned {n} triples" in run.stderr


def test_jsonld_loads_back_in_rdflib_as_the_same_graph(store, merged, tmp_path):
    path = export.write_jsonld(store, tmp_path / "policykg.jsonld")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"]["eli"] == ELI and data["@context"]["pk"] == PK
    assert any(node.get("@type") == ["eli:LegalResource", "pk:Notice"] for node in data["@graph"])
    from_jsonld = rdflib.Graph().parse(path, format="json-ld")
    from_turtle = rdflib.Graph().parse(merged, format="turtle")
    assert len(from_jsonld) == len(from_turtle)
    assert set(from_jsonld) == set(from_turtle)


def test_nquads_keep_named_graphs(store, tmp_path):
    path = export.write_nquads(store, tmp_path / "all.nq")
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(store)
    assert {q.graph_name for q in quads} == set(store.named_graphs())


def test_ntriples_round_trip(store, tmp_path):
    path = export.write_ntriples(store, tmp_path / "all.nt")
    assert len(rdflib.Graph().parse(path, format="nt")) == len(export.sorted_triples(store))


def test_graphml_reads_back(store, tmp_path):
    path = export.write_graphml(store, tmp_path / "all.graphml")
    g = nx.read_graphml(path)
    kinds = {k for _, k in g.nodes(data="kind")}
    assert {"document", "department", "duty", "clause"} <= kinds
    assert all(isinstance(v, (str, int, float, bool)) for _, d in g.nodes(data=True) for v in d.values())
    assert g.number_of_edges() > g.number_of_nodes() / 2


def test_graphml_traces_each_duty_to_its_sentence(tmp_path):
    """A Gephi or networkx user gets each duty's span and clause: its `start`/`end` slice the
    notice's `text` (on the document node) to the duty's sentence, declared as typed GraphML
    keys; before, a duty node had only label, kind, doc, title and jurisdiction. The
    untitled 奈曼旗 notice is labelled by its joint meeting, not its IRI's hash."""
    from conftest import EXTRA
    from extractor.graph import document_iri
    from extractor.pipeline import process

    county, naiman = process(COUNTY), process(next(p for p in EXTRA if p.name.startswith("naiman")))
    path = export.write_graphml(build_store(county, naiman), tmp_path / "all.graphml")
    xml = path.read_text(encoding="utf-8")
    for name, kind in (("start", "long"), ("end", "long"), ("clause", "string"), ("text", "string")):
        assert re.search(rf'<key id="d\d+" for="node" attr.name="{name}" attr.type="{kind}"', xml), name
    g = nx.read_graphml(path)
    doc = document_iri(county)
    text = g.nodes[doc]["text"]
    assert text == county.text and county.facts.duties
    for d in county.facts.duties:
        node = g.nodes[f"{doc}/duty/{d.id}"]
        assert (node["start"], node["end"], node["clause"]) == (d.start, d.end, d.clause)
        assert text[node["start"]:node["end"]] == d.text
    assert g.nodes[document_iri(naiman)]["label"] == "奈曼旗促进3岁以下婴幼儿照护服务发展工作联席会议"


def test_graphml_of_a_crlf_notice_keeps_its_offsets(tmp_path):
    """荆州's notice saved with CRLF line ends and a BOM: the text keeps its \r (offsets count
    them), but GraphML wrote them raw and an XML parser reads a raw CR LF as LF, so the
    `text` came back 724 characters, not 751, and every duty's start/end pointed at the wrong
    words. A CR is written &#13; now."""
    from conftest import EXTRA
    from extractor.graph import document_iri
    from extractor.pipeline import process_bytes

    raw = next(p for p in EXTRA if p.name.startswith("jingzhou")).read_bytes()
    crlf = b"\xef\xbb\xbf" + raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    doc = process_bytes(crlf, "jingzhou-crlf.txt")
    assert "\r\n" in doc.text and doc.facts.duties
    path = export.write_graphml(to_rdf(doc), tmp_path / "jingzhou.graphml")
    g = nx.read_graphml(path)
    text = g.nodes[document_iri(doc)]["text"]
    assert len(text) == len(doc.text) == 751 and text == doc.text
    duties = [(d["start"], d["end"], d["title"]) for _, d in g.nodes(data=True) if d["kind"] == "duty"]
    assert len(duties) == len(doc.facts.duties)
    assert all(text[s:e] == quote for s, e, quote in duties)


def test_graphml_replaces_the_characters_xml_forbids(tmp_path):
    """XML 1.0 forbids most control characters, even as &#12;: a notice with a form feed
    (a page break) or a \x1f gave GraphML no parser reads. Each is written as one U+FFFD,
    so the text keeps its length and every offset still counts right."""
    from extractor.graph import document_iri

    page_break = COUNTY.read_text(encoding="utf-8").replace("二、成员单位", "\x0c二、成员单位\x1f", 1)
    doc = process_bytes_of(page_break)
    path = export.write_graphml(to_rdf(doc), tmp_path / "qimen.graphml")
    from lxml import etree

    etree.parse(str(path))  # well-formed
    g = nx.read_graphml(path)
    text = g.nodes[document_iri(doc)]["text"]
    assert text == doc.text.replace("\x0c", "\ufffd").replace("\x1f", "\ufffd") and "\ufffd" in text
    duties = [(d["start"], d["end"], d["title"]) for _, d in g.nodes(data=True) if d["kind"] == "duty"]
    assert duties and all(text[s:e] == quote for s, e, quote in duties)


def process_bytes_of(text: str):
    from extractor.pipeline import process_bytes

    return process_bytes(text.encode("utf-8"), "notice.txt")


def test_graphml_names_each_relation_as_the_rdf_does(tmp_path):
    """GraphML called three relations member_of: a unit's membership, a post's org:postIn and
    an office's org:subOrganizationOf; a body's convenor, deputy, office director, liaison and office
    host were not exported, nor a post's role, nor where a membership is said. Now each
    relation is an edge kind named after its property, memberships carry their span, and every
    node with a span (the meeting and the addressees too) names the clause it lies in."""
    from extractor.graph import document_iri
    from extractor.pipeline import process

    doc = process(COUNTY)
    g = nx.read_graphml(export.write_graphml(to_rdf(doc), tmp_path / "qimen.graphml"))
    kind = lambda n: g.nodes[n]["kind"]  # noqa: E731
    edges: dict[str, set] = {}
    for u, v, d in g.edges(data=True):
        edges.setdefault(d["kind"], set()).add((kind(u), kind(v)))
    assert edges["member_of"] == {("department", "meeting")}
    assert edges["post_in"] == {("post", "meeting"), ("post", "department")}  # the body's, the office's
    assert edges["home_unit"] == {("post", "department")}
    assert edges["unit_of"] == {("department", "meeting")}
    for relation in ("convenor", "deputy_convenor", "office_director", "liaison"):
        assert edges[relation] == {("meeting", "post")}, relation
    assert edges["hosted_by"] == {("department", "department")} and edges["office_host"] == {("meeting", "department")}
    meeting = document_iri(doc) + "/meeting"
    roles = {relation: {g.nodes[v]["role"] for _, v, k in g.out_edges(meeting, data="kind") if k == relation}
             for relation in ("convenor", "deputy_convenor", "office_director", "liaison")}
    assert roles == {"convenor": {"convenor"}, "deputy_convenor": {"deputy_convenor"},
                     "office_director": {"office_director"}, "liaison": {"liaison"}}
    text = g.nodes[document_iri(doc)]["text"]
    members = [(u, d) for u, _, d in g.edges(data=True) if d["kind"] == "member_of"]
    assert len(members) == 21
    for u, d in members:  # the unit's name where the notice lists it
        assert text[d["start"]:d["end"]] and d["clause"] == "main/2", (g.nodes[u]["label"], d)
    clauses = {d["clause"]: (d["start"], d["end"]) for _, d in g.nodes(data=True) if d["kind"] in ("clause", "task")}
    spanned = [(n, d) for n, d in g.nodes(data=True) if "start" in d]
    assert {d["kind"] for _, d in spanned} >= {"meeting", "addressee", "duty", "post", "clause"}
    for n, d in spanned:  # in its clause, or in the header (主送, 抄送) no clause holds
        a, b = clauses.get(d["clause"], (0, 0)) if d["clause"] != "header" else (d["start"], d["end"])
        assert a <= d["start"] <= d["end"] <= b, n
        assert d["clause"] != "header" or not any(a <= d["start"] and d["end"] <= b for a, b in clauses.values())
    assert g.nodes[meeting]["clause"] == "cover"  # its name in the cover letter
    assert {d["clause"] for _, d in g.nodes(data=True) if d["kind"] == "addressee"} == {"header"}


def test_graphml_gives_a_node_of_several_notices_all_of_them(tmp_path):
    """A node several notices' graphs state (a document both cite, a ministry both name) had the
    `doc` and `jurisdiction` of whichever graph came first: 划拨用地目录, cited by both seeds,
    was 巴彦淖尔市's notice's alone. Its `doc` lists both notices; its `jurisdiction` is theirs
    when they share one, else none; a fact of one notice keeps that notice's."""
    from extractor.graph import document_iri
    from extractor.pipeline import process

    docs = [process(COUNTY), process(CITY)]
    g = nx.read_graphml(export.write_graphml(build_store(*docs), tmp_path / "both.graphml"))
    county, city = (document_iri(d) for d in docs)
    both = {n: d for n, d in g.nodes(data=True) if d["kind"] == "reference" and d["label"] == "划拨用地目录"}
    assert [(d["doc"], d["jurisdiction"]) for d in both.values()] == [(" ".join(sorted((county, city))), "")]
    one = [d for _, d in g.nodes(data=True) if d["kind"] == "reference" and d["label"] == "女职工劳动保护特别规定"]
    assert [(d["doc"], d["jurisdiction"]) for d in one] == [(city, "巴彦淖尔市")]
    duties = [d for _, d in g.nodes(data=True) if d["kind"] == "duty"]
    assert {d["doc"] for d in duties} == {county, city} and all(d["jurisdiction"] for d in duties)


def test_graphml_sanitises_none_and_lists():
    g = nx.MultiDiGraph()
    g.add_node("a", label=None, tags=["x", "y"], n=3)
    g.add_edge("a", "a", key="k", kind=None)
    h = export.graphml_ready(g)
    assert h.nodes["a"] == {"label": "", "tags": "x; y", "n": 3}
    assert h.edges["a", "a", "k"]["kind"] == ""


def test_csv_one_row_per_duty(store, tmp_path):
    path = export.write_csv(store, tmp_path / "duties.csv")
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    n = len(list(store.query(f"SELECT ?d WHERE {{ ?d a <{PK}DutyAssignment> }}", use_default_graph_as_union=True)))
    assert len(rows) == n == 9
    assert list(rows[0]) == list(export.CSV_COLUMNS)
    tax = next(r for r in rows if r["department"] == "县税务局")
    assert (tax["jurisdiction"], tax["role"], tax["action"], tax["clause"]) == ("祁门县", "responsible", "执行", "main/4/20")
    doc = county_doc()
    assert doc.text[int(tax["start"]):int(tax["end"])] == tax["text"]
    assert {r["department"] for r in rows if r["jurisdiction"] == "巴彦淖尔市"} == {"市卫生健康委", "市财政局", "市发展改革委"}


def test_csv_says_which_rows_are_tasks_as_duties_does(tmp_path):
    """The city's task tags put 市卫生健康委 on 16 tasks beside its 11 duty statements: each
    row says its kind (duty / task) in the first column, as `duties` does, so a spreadsheet
    counts 11 duties, not 27; a task row's text is the task's own, as `duties` shows it."""
    from extractor import query
    from extractor.build import load_store

    store = load_store([CITY])
    path = export.write_csv(store, tmp_path / "duties.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:1] == ["kind"] and list(rows[0]) == list(export.CSV_COLUMNS)
    health = [r for r in rows if r["department"] == "市卫生健康委"]
    assert [sum(r["kind"] == k for r in health) for k in ("duty", "task")] == [11, 16]
    shown = {r["iri"]: (r["kind"], r["text"]) for r in query.duties(store, "市卫健委")}
    assert {r["duty"]: (r["kind"], r["text"]) for r in health} == shown
    task = next(r for r in health if r["clause"] == "main/2/4/2")
    assert (task["kind"], task["text"], task["role"], task["action"]) == ("task", "严格综合监督管理", "responsible", "")
    assert {r["kind"] for r in rows} == {"duty", "task"}


FORMULAS = ["=HYPERLINK(\"http://x\",\"点此\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1"]


def test_csv_cells_a_spreadsheet_would_run_are_quoted(tmp_path):
    """CSV injection (OWASP): a cell of text from a notice or a user that opens with = + - @,
    a tab or a CR is a formula in a spreadsheet — every CSV writer prefixes it with ', and
    leaves numbers (offsets, -3, +1.5) as they are."""
    from extractor import render, report
    from extractor.build import load_store

    store = load_store([CITY])
    said = list(store.quads_for_pattern(None, ox.NamedNode(f"{PK}dutyText"), None))[:len(FORMULAS)]
    for q, text in zip(said, FORMULAS):  # as if the notice's duties read so
        store.remove(q)
        store.add(ox.Quad(q.subject, q.predicate, ox.Literal(text), q.graph_name))
    with open(export.write_csv(store, tmp_path / "d.csv"), encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["text"] for r in rows if r["text"][1:] in FORMULAS) == sorted("'" + f for f in FORMULAS)
    assert all(r["start"].isdigit() and r["end"].isdigit() for r in rows)

    cells = FORMULAS + ["-3", "+1.5", "-1e3", -4, 7.5, "县卫健委", "'=1", "a=b", None]
    expect = ["'" + f for f in FORMULAS] + ["-3", "+1.5", "-1e3", "-4", "7.5", "县卫健委", "'=1", "a=b", ""]

    def read(text: str) -> list[str]:
        return [r["v"] for r in csv.DictReader(text.splitlines(keepends=True))]

    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        render.emit([{"v": c} for c in cells], "csv")  # every query's --format csv
    assert read(out.getvalue()) == expect

    class Comparison:  # compare's CSV writes csv_rows' cells
        pass
    orig = report.csv_rows
    report.csv_rows = lambda c: [{"section": "duty", "a_text": c_, "a_start": -1 if k else 0}
                                 for k, c_ in enumerate(cells)]
    try:
        rows = list(csv.DictReader(io.StringIO(report.to_csv(Comparison()))))
    finally:
        report.csv_rows = orig
    assert [r["a_text"] for r in rows] == expect and {r["a_start"] for r in rows} == {"0", "-1"}
    assert render.csv_cell("\r=1") == "'\r=1"  # (a CR in a cell, unquoted by the writers, also ends the row)



def test_a_csv_cell_holding_a_lone_cr_stays_in_its_row(tmp_path):
    """A notice's text may hold a lone CR (CRLF files keep their offsets). Rows ended in LF alone
    left such a cell unquoted, and a CSV reader ended the row at it; rows end in CRLF now (RFC
    4180), so the writer quotes it and every row reads back whole — in export and the queries."""
    import contextlib
    import io

    from extractor import render
    from extractor.build import load_store

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        render.emit([{"v": "负责甲\r做好乙", "n": 1}, {"v": "丙", "n": 2}], "csv")
    assert list(csv.DictReader(io.StringIO(out.getvalue(), newline=""))) == [
        {"v": "负责甲\r做好乙", "n": "1"}, {"v": "丙", "n": "2"}]
    store = load_store([CITY])
    q = next(store.quads_for_pattern(None, ox.NamedNode(f"{PK}dutyText"), None))
    store.remove(q)
    store.add(ox.Quad(q.subject, q.predicate, ox.Literal("负责甲\r做好乙"), q.graph_name))
    with open(export.write_csv(store, tmp_path / "d.csv"), encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert "负责甲\r做好乙" in {r["text"] for r in rows} and all(r["start"].isdigit() for r in rows)

def test_export_rejects_unknown_format(store, tmp_path):
    from extractor.errors import PolicykgError

    with pytest.raises(PolicykgError, match="unknown export format"):
        export.export(store, tmp_path / "x", "xml")


# --- SHACL -------------------------------------------------------------------------------------------------


def test_shapes_pass_on_hand_built_notices():
    for doc in (county_doc(), city_doc()):
        conforms, text, _ = validate(to_rdf(doc))
        assert conforms, text


@pytest.mark.parametrize("path", [COUNTY, CITY], ids=["county", "city"])
def test_shapes_pass_on_the_seeds(path):
    from extractor.pipeline import process

    try:
        doc = process(path)
    except ImportError as exc:
        pytest.skip(f"extraction stage not available: {exc}")
    conforms, text, _ = validate(to_rdf(doc))
    assert conforms, text


QIMEN = "https://w3id.org/policykg/data/jurisdiction/祁门县/doc/祁政办秘-2021-45"
DUTY = f"{QIMEN}/duty/main/4/1/d2"
CLAUSE = f"{QIMEN}/clause/main/4/1"
SPAN = "the duty's span"  # a focus node known only once the quads exist
RULE = f"{QIMEN}/rule/main/3/1/rule"
TASK_DOC = "https://w3id.org/policykg/data/jurisdiction/巴彦淖尔市/doc/巴政办发-2021-20"
TASK = f"{TASK_DOC}/task/main/2/3/3/t1/1"
I = lambda v: ox.NamedNode(v)  # noqa: E731
L = lambda v, dt=None: ox.Literal(str(v), datatype=ox.NamedNode(dt)) if dt else ox.Literal(str(v))  # noqa: E731


def drop(node, pred):
    return lambda quads: [q for q in quads if not (q.subject.value == node and q.predicate.value == pred)]


def span_of(quads, node=DUTY):
    return next(q.object.value for q in quads if q.subject.value == node and q.predicate.value == PK + "span")


def on_span(pred, obj):
    """Put (pred, obj) on the duty's span node."""
    return lambda quads: put(span_of(quads), pred, obj)(quads)


def put(node, pred, obj, replace=True):
    def mutate(quads):
        g = quads[0].graph_name
        kept = drop(node, pred)(quads) if replace else list(quads)
        return kept + [ox.Quad(I(node), I(pred), obj, g)]
    return mutate


def respan(node, where):
    """Give `node` the span `where(source, start, end)` says (source, start, end), its IRI,
    pk:start and pk:end agreeing: a span well formed, but not of the node's words."""
    def mutate(quads):
        g = quads[0].graph_name
        source, start, end = where(*span_offsets(span_of(quads, node)))
        new = span_iri(source, start, end)
        return drop(node, PK + "span")(quads) + [
            ox.Quad(I(node), I(PK + "span"), I(new), g),
            ox.Quad(I(new), I(PK + "start"), L(start, XSD + "integer"), g),
            ox.Quad(I(new), I(PK + "end"), L(end, XSD + "integer"), g)]
    return mutate


MEMBERSHIP = f"{QIMEN}/meeting/member/1"
CITATION = f"{QIMEN}/citation/main/ref1"


BROKEN = {
    "duty without assignee": (drop(DUTY, PK + "assignee"), DUTY),
    "duty with two assignees": (put(DUTY, PK + "assignee", I("https://w3id.org/policykg/data/jurisdiction/祁门县/org/taxation"),
                                    replace=False), DUTY),
    "duty without span": (drop(DUTY, PK + "span"), DUTY),
    "task without task clause": (drop(TASK, PK + "task"), TASK),
    "clause without number": (drop(CLAUSE, ELI + "number"), CLAUSE),
    "clause without parent": (drop(CLAUSE, ELI + "is_part_of"), CLAUSE),
    "zone inside a clause": (put(f"{QIMEN}/clause/main", ELI + "is_part_of", I(CLAUSE)), f"{QIMEN}/clause/main"),
    "notice without 文号 or absence": (drop(QIMEN, ELI + "id_local"), QIMEN),
    "notice with 文号 and absence": (put(QIMEN, PK + "docNumberAbsent", L("true", XSD + "boolean")), QIMEN),
    "span past the end": (on_span(PK + "end", L(10 ** 6, XSD + "integer")), SPAN),
    "span start after end": (on_span(PK + "start", L(10 ** 5, XSD + "integer")), SPAN),
    "negative start": (on_span(PK + "start", L(-1, XSD + "integer")), SPAN),
    "offset not xsd:integer": (on_span(PK + "start", L("3")), SPAN),
    "offsets not the IRI's": (on_span(PK + "start", L(0, XSD + "integer")), SPAN),
    "span IRI without #char=": (put(DUTY, PK + "span", I(f"{QIMEN}/source#line=3")), f"{QIMEN}/source#line=3"),
    "text length wrong": (put(f"{QIMEN}/source", PK + "textLength", L(5, XSD + "integer")), f"{QIMEN}/source"),
    "period not a duration": (put(RULE, PK + "period", L("半年")), RULE),
    "times min above max": (put(RULE, PK + "timesMin", L(3, XSD + "integer")), RULE),
    # a quote is the text its span points at (audit: a shifted span passed with 0 violations)
    "duty span moved by one": (respan(DUTY, lambda src, a, b: (src, a + 1, b + 1)), DUTY),
    "duty span moved by three": (respan(DUTY, lambda src, a, b: (src, a + 3, b + 3)), DUTY),
    "duty text not its span's": (put(DUTY, PK + "dutyText", L("负责完全不同的事情。")), DUTY),
    "duty without text": (drop(DUTY, PK + "dutyText"), DUTY),
    "task text not its span's": (put(TASK, PK + "dutyText", L("完全不同的任务")), TASK),
    "action not in its duty": (put(DUTY, PK + "actionLabel", L("查处")), DUTY),
    "heading not in its clause": (put(CLAUSE, PK + "heading", L("县财政局。")), CLAUSE),
    "clause label not where its clause starts": (put(CLAUSE, PK + "clauseLabel", L("（二）")), CLAUSE),
    "body name not its span's": (put(f"{QIMEN}/meeting", RDFS + "label", ox.Literal("祁门县联席会议", language="zh")),
                                 f"{QIMEN}/meeting"),
    "span in another notice's source": (respan(DUTY, lambda src, a, b: (f"{TASK_DOC}/source", a, b)), DUTY),
    "span in a source not in the graph": (respan(DUTY, lambda src, a, b: ("https://example.org/doc/source", a, b)),
                                          DUTY),
    "membership without span": (drop(MEMBERSHIP, PK + "span"), MEMBERSHIP),
    "citation without clause": (drop(CITATION, PROV + "wasDerivedFrom"), CITATION),
    "duty role not a role": (put(DUTY, PK + "role", I("http://example.org/junk")), DUTY),
    # every fact is traced to where it is read (audit: memberships and mentions of the head were not)
    "membership without clause": (drop(MEMBERSHIP, PROV + "wasDerivedFrom"), MEMBERSHIP),
    "mention without clause": (drop(f"{QIMEN}/mention/main/2/1", PROV + "wasDerivedFrom"), f"{QIMEN}/mention/main/2/1"),
}


def test_addressees_and_reified_links_are_traced_or_violate():
    """A 主送 item and a reified link of a body's set-up (在县政府领导下 → org:reportsTo) each
    say where they are read (audit: neither had a derivation, nor did the shapes ask)."""
    from extractor.pipeline import process

    quads = to_rdf(process(COUNTY))
    assert validate(quads)[0]
    for kind in ("Addressee", "Statement"):
        node = next(q.subject.value for q in quads if q.predicate.value == RDF + "type" and q.object.value.endswith(kind))
        conforms, text, report = validate(drop(node, PROV + "wasDerivedFrom")(quads))
        assert not conforms and node in text, kind
    statement = next(q.subject.value for q in quads if q.object.value == RDF + "Statement")
    assert not validate(drop(statement, PK + "span")(quads))[0]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_shape_bites(name):
    mutate, focus = BROKEN[name]
    quads = to_rdf(county_doc()) + to_rdf(city_doc())
    broken = mutate(quads)
    focus = span_of(quads) if focus == SPAN else focus
    assert broken != quads
    conforms, text, report = validate(broken)
    assert not conforms, name
    assert focus in flagged(report), text


def test_the_duty_roles_the_shapes_allow_are_those_of_cues_ttl():
    """pk:role's sh:in lists the pkr: scheme's concepts: a role added to cues.ttl is allowed."""
    from extractor.knowledge import by_subject, ontology_dir

    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    prop = next(shapes.subjects(SH.path, rdflib.URIRef(PK + "role")))
    allowed = {str(r) for r in rdflib.collection.Collection(shapes, shapes.value(prop, SH["in"]))}
    scheme = "https://w3id.org/policykg/role/"
    roles = {s for s, props in by_subject("cues.ttl").items() if scheme in props.get(
        "http://www.w3.org/2004/02/skos/core#inScheme", [])}
    assert allowed == roles and len(roles) == 3


def test_jsonld_text_is_what_json_writes_of_the_node_objects(store, tmp_path):
    """write_jsonld writes each node's text straight from the N-Triples: the same text as
    json's encoder of `jsonld_document`'s objects — on the seeds, on literals that need
    escaping, and on a node whose rdf:type values are literal, IRI and blank node (its
    keys' lines not consecutive: written through the objects)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    s, b = ox.NamedNode("https://example.org/s"), ox.BlankNode("b1")
    odd = [ox.Triple(s, ox.NamedNode(RDFS + "label"), ox.Literal(v, **kw)) for v, kw in [
        ('引号"与\\反斜杠', {}), ("换行\n制表\t回车\r", {}), ("控制\x01字符\x7f", {}), ("县", {"language": "zh"}),
        ("12", {"datatype": ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")}),
        ("文", {"datatype": ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")})]]
    typed = [ox.Triple(s, ox.NamedNode(RDF + "type"), o) for o in (ox.Literal("x"), ox.NamedNode(PK + "Notice"), b)]
    for source in (store, odd, odd + typed):
        lines = export.sorted_ntriples(source)
        assert export._jsonld_nodes(lines) == [encode(n) for n in export.jsonld_document(lines)["@graph"]]
        path = export.write_jsonld(source, tmp_path / "x.jsonld")
        assert len(rdflib.Graph().parse(path, format="json-ld")) == len(export.sorted_triples(source))
    with pytest.raises(export._NotGrouped):
        export._jsonld_node_text(export.sorted_ntriples(odd + typed))


def test_graphml_carries_the_addressees_and_whom_a_meeting_reports_to(tmp_path):
    """The GraphML export (Gephi) had no 主送/抄送 node and no reporting line: the bodies a
    notice is copied to were orphans. Now notice → addressee → body, and meeting → government."""
    import networkx as nx

    from extractor.pipeline import process

    path = tmp_path / "qimen.graphml"
    export.export(to_rdf(process(COUNTY)), path, "graphml")
    g = nx.read_graphml(path)
    edges = {(g.nodes[u].get("label"), g.nodes[v].get("label"), d["kind"]) for u, v, d in g.edges(data=True)}
    assert ("县人大常委会办公室", "县人大常委会办公室", "is_body") in edges
    assert sum(k == "copied_to" for _, _, k in edges) == 3 and sum(k == "addressed_to" for _, _, k in edges) == 2
    assert any(k == "reports_to" and b == "县人民政府" for _, b, k in edges)
    assert {d["kind"] for _, d in g.nodes(data=True)} >= {"addressee", "meeting", "department"}


# --- Turtle and JSON-LD written from the lines' terms ------------------------------------------------------


def _pyoxigraph_turtle(lines: bytes) -> bytes:
    """What pyoxigraph's serialiser writes of `lines` after its @prefix lines."""
    from extractor.graph import PREFIXES

    data = ox.serialize(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return b"".join(data.splitlines(keepends=True)[len(PREFIXES):])


_S, _P, _TYPE = ox.NamedNode("https://example.org/s"), ox.NamedNode(PK + "p"), ox.NamedNode(RDF + "type")
_DEPT = "https://w3id.org/policykg/dept/"
_TURTLE_KNOWN = [ox.Triple(_S, _P, ox.NamedNode(_DEPT + local)) for local in
                 ["a", "1a", "a.b", "a-b", "_a", "a_", "a-", "中文", "卫生-健康.委", ""]] + [
    ox.Triple(_S, _P, ox.Literal(v, datatype=ox.NamedNode(XSD + dt))) for v, dt in
    [("12", "integer"), ("-3", "integer"), ("+3", "integer"), ("012", "integer"), ("1.5", "integer"),
     ("abc", "integer"), ("", "integer"), ("true", "boolean"), ("false", "boolean"), ("2021-01-01", "date"),
     ("P1Y", "duration"), ("x", "string"), ("x", "gYear")]] + [
    ox.Triple(_S, _P, ox.Literal(v)) for v in
    ['q"uote', "back\\slash", "nl\nx", "tab\tx", "nel\x85x", "ls\u2028x", "del\x7fx", "c\x01x", "ffff\uffffx",
     "cr\rx", "bs\x08x", "ff\x0cx", "emoji😀", ""]] + [
    ox.Triple(_S, _P, ox.Literal("x", language="ZH-hant")), ox.Triple(_S, _P, ox.Literal("x", datatype=_TYPE)),
    ox.Triple(_S, _P, ox.Literal("x", datatype=ox.NamedNode("https://example.org/dt"))),
    ox.Triple(_S, _TYPE, ox.Literal("lit")), ox.Triple(_S, _TYPE, ox.BlankNode("b1")), ox.Triple(_S, _TYPE, _TYPE),
    ox.Triple(_S, _P, _TYPE), ox.Triple(_S, ox.NamedNode("https://example.org/p"), _S),
    ox.Triple(ox.BlankNode("b2"), _TYPE, ox.NamedNode(PK + "X")), ox.Triple(_TYPE, _P, _S),
    ox.Triple(ox.NamedNode(PK + "sub"), _P, ox.NamedNode("https://example.org/o"))]
_TURTLE_UNSURE = [ox.Triple(_S, _P, ox.NamedNode(_DEPT + local)) for local in
                  ["a.", "-a", "a/b", "a%20b", "a~b", "a#b", "a:b", "a(b)", ".a", "·a", "%41"]] + [
    ox.Triple(_S, _P, ox.Literal(v, datatype=ox.NamedNode(XSD + dt))) for v, dt in
    [("1", "boolean"), ("1.5", "decimal"), ("1e3", "double")]]


def test_turtle_is_written_as_pyoxigraph_writes_it(store, tmp_path):
    """write_turtle writes the statements itself from the sorted lines' terms (a build
    worker's Turtle took twice as long through pyoxigraph's terms): the same bytes as
    pyoxigraph's serialiser — on the seeds, every notice, and each kind of term alone and
    together. A term it does not know how pyoxigraph writes (a local name Turtle escapes, a
    decimal) leaves the file to pyoxigraph."""
    from extractor.graph import notice_graph
    from extractor.pipeline import process

    sources = [store, *([t] for t in _TURTLE_KNOWN), _TURTLE_KNOWN,
               *(notice_graph(process(p)).sorted_ntriples() for p in (COUNTY, CITY))]
    for source in sources:
        lines = export.sorted_ntriples(source)
        assert export._turtle_text(lines) == _pyoxigraph_turtle(lines)
    for t in _TURTLE_UNSURE:
        lines = export.sorted_ntriples(_TURTLE_KNOWN + [t])
        assert export._turtle_text(lines) is None
        head = export.write_turtle(lines, tmp_path / "u.ttl").read_bytes().split(b"\n\n", 1)
        assert head[1] == _pyoxigraph_turtle(lines)
    assert export.write_turtle([], tmp_path / "e.ttl").read_bytes().endswith(b" .\n\n")  # the header alone


def test_jsonld_holds_a_literal_with_a_line_separator(tmp_path):
    """N-Triples write U+2028, U+2029 and U+0085 as they are: the JSON-LD writer cut its
    lines there too (str.splitlines) and failed (IndexError) on a notice's text holding one."""
    values = ["甲\u2028乙", "丙\u2029丁", "戊\x85己", "庚\x1c辛"]
    triples = [ox.Triple(_S, _P, ox.Literal(v)) for v in values]
    path = export.write_jsonld(triples, tmp_path / "ls.jsonld")
    node = json.loads(path.read_text(encoding="utf-8"))["@graph"][0]
    assert sorted(node["pk:p"]) == sorted(values)
    assert export.jsonld_document(triples)["@graph"][0]["pk:p"] == node["pk:p"]


def test_the_namespace_trie_finds_what_an_alternation_of_the_namespaces_found():
    """`_namespaces`' pattern is a trie of the namespaces (5× faster on a data IRI): the
    longest namespace an IRI starts with, as the alternation longest-first found it — on
    every namespace, nested ones and IRIs in none."""
    def both(bases):
        ns = sorted(bases, key=len, reverse=True)
        alternation = re.compile("|".join(f"(?P<p{k}>{re.escape(b)})" for k, b in enumerate(ns)))
        return alternation, re.compile(export._trie_pattern([(b, k) for k, b in enumerate(ns)]))

    cases = [[b for _, b in export._namespaces()[0]], ["http://a/", "http://a/b/", "http://a/b/c#", "http://ab/", "h"]]
    for bases in cases:
        alternation, trie = both(bases)
        for iri in [*bases, *(b + "x" for b in bases), *(b[:-1] for b in bases), "http://a/bx", "", "z",
                    "https://w3id.org/policykg/data/jurisdiction/祁门县/doc/x"]:
            a, t = alternation.match(iri), trie.match(iri)
            assert (a and (a.lastgroup, a.end())) == (t and (t.lastgroup, t.end())), iri
