"""Named queries read from the store itself (no build index: `--from`, or a store built
without one) answer exactly as from the build's index, on a build of generated notices of
many places beside the real ones: the same rows, in the same order. The store's queries are
shaped for speed (an assignment's details looked up in its notice's graph, its
assignee's once per notice, span offsets read off the span's IRI); these tests hold them to
the answer."""
from __future__ import annotations

import gc

import pyoxigraph as ox
import pytest

from extractor import query as Q
from extractor.build import STORE_DIR, build
from extractor.graph import PREFIXES, span_offsets
from extractor.search import INDEX_FILE, open_index
from extractor.store import open_store

from conftest import CITY, COUNTY, generator, leading_group

PK = PREFIXES["pk"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notices")
    notices = [COUNTY, CITY, leading_group(folder), *generator().generate(folder / "generated", 40, seed=5)]
    out = tmp_path_factory.mktemp("built")
    result = build(notices, out, jobs=2, reports=False)
    assert not result.failed
    return out


@pytest.fixture
def store(built):
    s = open_store(built / STORE_DIR)
    yield s
    del s
    gc.collect()  # the store's lock goes with it


@pytest.fixture
def index(built):
    return built / INDEX_FILE


def _one_place(store) -> str:
    return next(n["jurisdiction"] for n in Q.notices(store) if n["jurisdiction"])


@pytest.mark.parametrize("department", ["卫健委", "市场监管局", "教育局", "消防", "人社局", "联席会议", "领导小组"])
def test_duties_from_the_store_are_the_index_s(store, index, department):
    for place in (None, "县", _one_place(store)):
        disk = Q.duties(store, department, jurisdiction=place, index=index, explain=True)
        assert disk == Q.duties(store, department, jurisdiction=place, explain=True), (department, place)
        if place is None and department != "领导小组":
            assert len(disk) >= 20, department  # most generated notices assign these


def test_every_assignment_from_the_store_is_the_index_s(store, index):
    """All of them, key for key: what `who` builds its index from when there is none."""
    rows = Q._assignments(store)
    assert len(rows) > 1500 and sum(r["kind"] == "task" for r in rows) > 400
    assert all(r["clause_id"] is not None for r in rows) and sum(r["action"] is not None for r in rows) > 1000
    assert open_index(store, index).assignments(sorted({r["org"] for r in rows})) == rows


def test_who_from_the_store_is_the_index_s(store, index):
    for topic in ("消防", "食品安全", "婴幼儿照护", "培训"):
        assert Q.who(store, topic, index=index, explain=True) == Q.who(store, topic, explain=True), topic


def test_meetings_from_the_store_are_the_index_s(store, index):
    names = [None, *sorted({n["label"] for n in Q.notices(store)})[:12], _one_place(store), "县"]
    for name in names:
        wanted = None if name is None else [name]
        assert Q.meetings(store, wanted, index=index, explain=True) == Q.meetings(store, wanted, explain=True), name
    table = Q.meetings(store)
    assert len(table[0]) > 30 and any(r["key"] == "office" for r in table)
    assert any("（办公室成员）" in str(v) for r in table for v in r.values())  # a post's office, as the index says


def test_departments_and_refs_from_the_store_are_the_index_s(store, index):
    for place in (None, "县", _one_place(store)):
        assert Q.departments(store, jurisdiction=place, index=index, explain=True) == \
            Q.departments(store, jurisdiction=place, explain=True), place
    for notice in (None, Q.notices(store)[0]["label"]):
        assert Q.refs(store, notice, index=index, explain=True) == Q.refs(store, notice, explain=True), notice


def test_span_offsets_read_off_the_iri_are_the_store_s(store):
    """What reading a span's offsets off its IRI stands on: every span the build wrote
    carries, as pk:start and pk:end, the offsets its IRI writes."""
    spans = Q.select(store, "SELECT ?sp ?start ?end WHERE { GRAPH ?g { ?x pk:span ?sp . ?sp pk:start ?start ; pk:end ?end } }")
    assert len(spans) > 4000
    assert all(span_offsets(r["sp"])[1:] == (r["start"], r["end"]) for r in spans)


def test_a_span_that_is_no_character_iri_has_its_offsets_looked_up(store):
    """An assignment whose span IRI carries no ``#char=`` offsets (no build writes one) is
    still read, with the offsets its span states and no source; one whose span states none
    is left out, as before."""
    g = next(r["graph"] for r in Q._assignments(store) if r["kind"] == "duty")
    mine = Q.select(store, "SELECT ?a ?sp WHERE { GRAPH ?graph { ?a pk:assignee ?org ; pk:span ?sp } }",
                    graph=ox.NamedNode(g))[:2]
    memory = ox.Store()
    memory.extend(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
    span, start, end = ox.NamedNode(PK + "span"), ox.NamedNode(PK + "start"), ox.NamedNode(PK + "end")
    for k, r in enumerate(mine):
        odd = ox.NamedNode(f"https://example.org/span/{k}")
        memory.remove(ox.Quad(ox.NamedNode(r["a"]), span, ox.NamedNode(r["sp"]), ox.NamedNode(g)))
        memory.add(ox.Quad(ox.NamedNode(r["a"]), span, odd, ox.NamedNode(g)))
        if k == 0:  # the first states its offsets, the second none
            _, s, e = span_offsets(r["sp"])
            memory.add(ox.Quad(odd, start, ox.Literal(s), ox.NamedNode(g)))
            memory.add(ox.Quad(odd, end, ox.Literal(e), ox.NamedNode(g)))
    rows = {r["a"]: r for r in Q._assignments(memory)}
    first = rows[mine[0]["a"]]
    assert (first["src"], first["start"], first["end"]) == (None, *span_offsets(mine[0]["sp"])[1:])
    assert mine[1]["a"] not in rows
    assert len(rows) == len({r["a"] for r in Q._assignments(store) if r["graph"] == g}) - 1


# --- a place takes in the places within it -----------------------------------------------------------------


@pytest.fixture(scope="module")
def towns(tmp_path_factory):
    """corpus/, 黟县's food-safety notice, and the town audit notices signed as many a town
    signs, its county before it (黟县宏村镇人民政府, 屯溪区昱中街道办事处: skos:broader 黟县, 屯溪区)."""
    from conftest import CORPUS, ROOT
    from extractor.load import load

    audit = ROOT / "tests" / "data" / "audit"
    folder = tmp_path_factory.mktemp("towns")
    for stem, own, signed in [("hongcun-town-living-environment-leading-group", "宏村镇人民政府", "黟县宏村镇人民政府"),
                              ("yuzhong-subdistrict-old-housing-leading-group", "昱中街道办事处", "屯溪区昱中街道办事处")]:
        text = load(audit / f"{stem}.txt").text
        at = text.rindex(own)
        (folder / f"{stem}.txt").write_text(text[:at] + signed + text[at + len(own):], encoding="utf-8")
    out = tmp_path_factory.mktemp("towns-built")
    result = build([CORPUS, audit / "yixian-food-safety-joint-meeting.txt", folder], out, jobs=1, reports=False)
    assert not result.failed
    s = open_store(out / STORE_DIR)
    yield s, out / INDEX_FILE
    del s
    gc.collect()


@pytest.mark.parametrize("path", ["store", "index"])
def test_a_place_s_queries_take_in_the_places_within_it(towns, path):
    """`duties 财政所 -j 黟县` found no 宏村镇 body though the graph says 宏村镇 skos:broader 黟县: -j kept
    the departments whose own place is 黟县. A place named (黟县, 屯溪区, by its start 屯溪) takes in the
    places within it, read off the store's skos:broader or the index's `within` — each row saying its
    own place — and `only` asks for the place alone; a level (县) is its own places only."""
    store, built = towns
    index = built if path == "index" else None
    if index is not None:
        assert open_index(store, index) is not None

    def duties(dept, place, **kw):
        return [(r["department"], r["jurisdiction"], r["text"]) for r in
                Q.duties(store, dept, jurisdiction=place, index=index, **kw)]

    assert duties("财政所", "黟县") == [("镇财政所", "宏村镇", "负责整治资金的筹措、拨付和监管。")]
    assert duties("财政所", "黟县", only=True) == []
    assert duties("司法所", "屯溪") == [("街道司法所", "昱中街道", "负责改造中矛盾纠纷的排查化解和法律咨询。")]
    assert {j for _, j, _ in duties("卫健委", "黟县")} == {"黟县"}  # the county's own, as before
    assert duties("县财政局", "黟县") == []  # 县 asks for the county's bureau: none here
    assert {j for _, j, _ in duties("财政所", "县")} == {"祁门县"}  # a level: no township
    who = Q.who(store, "整治", jurisdiction="黟县", index=index)
    assert [(r["rank"], r["department"], r["jurisdiction"]) for r in who][:2] == [
        (1, "镇财政所", "宏村镇"), (2, "镇党政综合办公室", "宏村镇")]
    assert Q.who(store, "整治", jurisdiction="黟县", index=index, only=True) == []
    assert Q.who_count(store, "整治", jurisdiction="黟县", index=index) == len(who)
    places = {r["jurisdiction"] for r in Q.departments(store, jurisdiction="黟县", index=index)}
    assert places == {"黟县", "宏村镇"}
    assert {r["jurisdiction"] for r in Q.departments(store, jurisdiction="黟县", index=index, only=True)} == {"黟县"}
    assert {r["jurisdiction"] for r in Q.departments(store, jurisdiction="屯溪区", index=index)} == {"昱中街道"}
    assert Q.places_within(store, Q._exact_places(store, "宏村镇")) == Q._exact_places(store, "宏村镇")


def test_a_place_s_queries_take_in_the_places_within_it_on_the_command_line(towns):
    """The analyst's commands: `duties 财政所 -j 黟县` lists 宏村镇's 镇财政所, its jurisdiction column
    saying 宏村镇; `--only` the place alone; `--only` without -j says what it wants."""
    import csv
    import io

    from typer.testing import CliRunner

    from extractor.cli import app

    store = str(towns[1].parent / STORE_DIR)

    def run(*args):
        result = CliRunner().invoke(app, [*args, "--store", store, "--format", "csv"])
        return result.exit_code, [(r.get("department"), r.get("jurisdiction")) for r in csv.DictReader(io.StringIO(result.stdout))] \
            if result.exit_code == 0 else result.output

    assert run("duties", "财政所", "-j", "黟县") == (0, [("镇财政所", "宏村镇")])
    assert run("duties", "财政所", "-j", "黟县", "--only") == (0, [])
    assert run("who", "整治", "-j", "黟县", "-n", "2") == (0, [("镇财政所", "宏村镇"), ("镇党政综合办公室", "宏村镇")])
    code, rows = run("departments", "-j", "黟县", "--only")
    assert code == 0 and {j for _, j in rows} == {"黟县"}
    code, out = run("duties", "财政所", "--only")
    assert code == 1 and "give -j too" in out


@pytest.mark.parametrize("path", ["store", "index"])
def test_a_township_s_issuer_is_one_unit_with_its_government(towns, path):
    """`departments -j 屯溪区` listed 屯溪区昱中街道办事处 beside 街道办事处, `-j 黟县` 黟县宏村镇人民政府
    beside 镇人民政府: the issuer an organisation of its own name. It is the government its text
    names — one IRI (the notice's eli:passed_by), one row — as 黟县人民政府办公室 is 县人民政府办公室."""
    store, built = towns
    index = built if path == "index" else None
    if index is not None:
        assert open_index(store, index) is not None
    for place, gov, signed in [("屯溪区", "街道办事处", "屯溪区昱中街道办事处"), ("黟县", "镇人民政府", "黟县宏村镇人民政府"),
                               ("黟县", "县人民政府办公室", "黟县人民政府办公室")]:
        rows = [r["department"] for r in Q.departments(store, jurisdiction=place, index=index)]
        assert rows.count(gov) == 1 and signed not in rows
    issuers = {str(r["l"].value) for r in store.query(
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?d eli:passed_by ?o . ?o rdfs:label ?l } }")}
    assert {"街道办事处", "镇人民政府"} <= issuers and not {"屯溪区昱中街道办事处", "黟县宏村镇人民政府"} & issuers
