"""who's index on disk (search.py): the build writes it beside the store, in step with it;
`who` answers from it exactly as from the index it builds in memory, and never trusts a
stale one."""
from __future__ import annotations

import gc
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import query as Q, search as S
from extractor.build import STORE_DIR, build
from extractor.cli import app
from extractor.graph import to_rdf
from extractor.pipeline import process
from extractor.search import (INDEX_FILE, DiskIndex, StatementIndex, index_path, notice_assignments,
                              notice_statements, open_index, rank)
from extractor.store import add_document, open_store

from conftest import CITY, COUNTY, EXTRA, ROOT

TOPICS = ["消防", "食品安全", "用地", "税费", "培训", "婴幼儿照护", "卫生健康", "督查", "医保", "食堂", "饮食安全", "产假",
          "产休假", "托班", "托育", "普惠", "普惠托育", "综合监管", "登记注册", "消防救援 防火"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("who")
    result = build([COUNTY, CITY, *EXTRA], out, jobs=2, reports=False)
    assert not result.failed
    return out


@pytest.fixture
def store(built):
    s = open_store(built / STORE_DIR)
    yield s
    del s
    # The test's frame can stay in a reference cycle (pytest's own tracebacks) until the
    # collector runs: collect now, or the next test finds the store's lock still taken.
    gc.collect()


def test_the_build_writes_an_index_the_store_vouches_for(built, store):
    index = open_index(store, built / INDEX_FILE)
    assert isinstance(index, DiskIndex)
    memory = Q.statement_index(store)
    assert index.size == memory.size > 100
    assert index.avgdl == pytest.approx(memory.avgdl)


def test_it_holds_the_statements_the_store_gives(built, store):
    """Each notice's statements, computed by the worker from its quads, are those `who`
    reads back from the whole store: same assignments, same text, same tokens."""
    memory = Q.statement_index(store)
    want = sorted((tuple(sorted(r["a"] for r in st.rows)), st.folded, dict(st.tf)) for st in memory.statements)
    con = sqlite3.connect(built / INDEX_FILE)
    got_rows = con.execute("SELECT sid, iris, folded FROM statements").fetchall()
    con.close()
    assert len(got_rows) == len(want)
    got = []
    for path in (COUNTY, CITY, *EXTRA):
        for st in notice_statements(to_rdf(process(path))):
            got.append((tuple(sorted(st.iris)), st.folded, st.tf))
    assert sorted(got) == want


def test_it_holds_every_assignment_row_the_store_gives(built, store):
    """The rows the worker reads off each notice's quads are, key for key, those
    `query._assignments` reads from the whole store; the index gives them back the same."""
    want = Q._assignments(store)
    got = sorted((r for path in (COUNTY, CITY, *EXTRA) for r in notice_assignments(to_rdf(process(path)))),
                 key=Q.assignment_order)
    assert len(want) > 150 and got == want
    index = open_index(store, built / INDEX_FILE)
    orgs = sorted({r["org"] for r in want})
    assert index.assignments(orgs) == want


def test_rows_are_packed_and_unpacked_exactly():
    from extractor.search import _ROW_KEYS, _pack, _unpack

    doc = "https://x.org/jurisdiction/某县/doc/某政发-2021-1"
    row = {k: None for k in _ROW_KEYS} | {
        "a": doc + "/duty/main/1/d1", "graph": doc + "/graph", "org": doc + "/org/某办", "src": doc + "/source",
        "clause": "https://elsewhere.org/clause/1", "department": "+/某办", "text": "/开头的文字", "start": 3, "end": 9,
        "task": None, "cstart": None}
    assert _unpack(_pack(row)) == Q.complete_assignment(dict(row))
    placed = row | {"j": "https://x.org/jurisdiction/某县", "org": "https://x.org/jurisdiction/某县/org/health"}
    assert _unpack(_pack(placed)) == Q.complete_assignment(dict(placed))
    assert len(_pack(placed)) < len(json.dumps(list(placed.values()), ensure_ascii=False))


@pytest.mark.parametrize("department, place", [("卫健委", None), ("消防", None), ("市场监管局", "祁门县"),
                                               ("教育局", "县"), ("人社局", "巴彦淖尔市"), ("妇联", None),
                                               ("联席会议", None), ("联席会议", "祁门县"), ("联席会议", "旗")])
def test_duties_answer_the_same_from_disk_and_memory(built, store, department, place):
    disk = Q.duties(store, department, jurisdiction=place, index=built / INDEX_FILE, explain=True)
    assert disk == Q.duties(store, department, jurisdiction=place, explain=True)
    assert disk or place == "巴彦淖尔市"


def test_a_place_s_organisations_found_through_the_index_as_through_the_store(built, store):
    index = open_index(store, built / INDEX_FILE)
    places = sorted(set(Q.jurisdiction_labels(store).values()))
    found = 0
    # (an office asked by the end of its name: through the index it found none, audit 3)
    for department in ("卫健委", "消防", "教育局", "妇联", "市场监管局", "人社局", "县政府办", "国务院办公厅",
                       "联席会议办公室", "应急指挥部办公室"):
        for place in places:
            got = Q.organisations(store, department, place, found=index)
            assert got == Q.organisations(store, department, place), (department, place)
            found += bool(got)
    assert found >= 20
    assert Q.duties(store, "联席会议办公室", jurisdiction="祁门县", index=built / INDEX_FILE) == \
        Q.duties(store, "联席会议办公室", jurisdiction="祁门县") != []


@pytest.mark.parametrize("place", [None, "祁门县", "县", "巴彦淖尔"])
def test_departments_count_the_same_from_disk_and_memory(built, store, place):
    disk = Q.departments(store, jurisdiction=place, index=built / INDEX_FILE, explain=True)
    assert disk == Q.departments(store, jurisdiction=place, explain=True)
    assert sum(r["tasks"] for r in disk) > 0 or place in ("祁门县", "县")
    assert sum(r["duties"] for r in disk) > 0 and sum(r["member_of"] for r in disk) > 0
    assert max(r["notices"] for r in disk) >= (2 if place is None else 1)


def test_departments_of_every_place_the_same_from_disk_and_memory(built, store):
    """The index's organisation rows and places stand for the store's in every jurisdiction."""
    places = sorted(set(Q.jurisdiction_labels(store).values()))
    assert len(places) >= 10
    index = open_index(store, built / INDEX_FILE)
    for place in places:
        assert Q._exact_places(store, place, index) == Q._exact_places(store, place), place
    every = Q.jurisdiction_labels(store)
    assert index.place_labels([*every, None]) == every
    for place in places:
        assert Q.departments(store, jurisdiction=place, index=built / INDEX_FILE) == \
            Q.departments(store, jurisdiction=place), place


def test_the_index_cuts_as_jieba_does_with_its_stored_dictionary(built, store):
    """The index's tokenizer reads jieba's dictionary (and the domain words) from the file on
    demand: the same words and tokens as the loaded one, on every topic and statement."""
    from extractor.search import search_tokens, tokenizer

    index = open_index(store, built / INDEX_FILE)
    stored, loaded = index.tokenizer(), tokenizer()
    assert stored is not loaded and len(stored.FREQ) < 5000  # only what was asked for
    texts = TOPICS + ["消防安全检查", "托育机构备案", "食品药品安全监管", "卫生健康委员会", "医疗保障局负责医保基金"] + \
        [st.text for st in Q.statement_index(store).statements]
    for text in texts:
        assert list(stored.cut(text)) == list(loaded.cut(text)), text
        assert search_tokens(stored, text) == search_tokens(loaded, text), text
    assert index.vocab_total == loaded.total


@pytest.mark.parametrize("chunk", [S.CHUNK, 1])
@pytest.mark.parametrize("topic", TOPICS)
def test_who_answers_the_same_from_disk_and_memory(built, store, topic, chunk, monkeypatch):
    """… and the first k rows are those of the whole ranking, however few statements are
    tested for a word as written at a time (a chunk of 1: the search stops early)."""
    monkeypatch.setattr(S, "CHUNK", chunk)
    whole = Q.who(store, topic, index=built / INDEX_FILE, explain=True)
    for limit in (None, 7, 1):
        disk = Q.who(store, topic, limit=limit, index=built / INDEX_FILE, explain=True)
        memory = Q.who(store, topic, limit=limit, explain=True)
        assert disk == memory, (topic, limit)
        assert disk == whole[:limit], (topic, limit)  # ranking only the statements shown changes nothing
    assert Q.who(store, topic, index=built / INDEX_FILE) or topic in ("医保", "消防救援 防火")
    # what a limited answer leaves out is counted alike (the CLI says it)
    assert Q.who_count(store, topic, index=built / INDEX_FILE) == Q.who_count(store, topic) == len(whole)
    if chunk == 1:  # one place's rows (-j), alike too
        for place in ("祁门县", "市"):
            disk = Q.who(store, topic, index=built / INDEX_FILE, jurisdiction=place)
            assert disk == Q.who(store, topic, jurisdiction=place), (topic, place)
            assert place != "祁门县" or {r["jurisdiction"] for r in disk} <= {"祁门县"}


@pytest.mark.parametrize("place", ["盟", "league"])
def test_who_of_a_league_its_notice_does_not_name_from_disk_as_from_memory(built, store, place):
    """兴安盟's 盟财政局 is of a league its fragment does not name, a place of that notice alone
    (its organisations under the notice's IRI, not the place's): `who 资金保障 -j 盟` finds its
    duty from the index as from the store (the index looked only under the place's IRI)."""
    disk = Q.who(store, "资金保障", index=built / INDEX_FILE, jurisdiction=place)
    assert disk == Q.who(store, "资金保障", jurisdiction=place)
    assert [(r["department"], r["jurisdiction"]) for r in disk] == [("盟财政局", "盟（名称未写明）")]
    assert [r["department"] for r in Q.who(store, "沙尘暴", index=built / INDEX_FILE, jurisdiction=place)][:2] == [
        "盟重大沙尘暴灾害应急指挥部办公室", "盟财政局"]

def bm25_by_definition(index, topic: str) -> list[tuple[float, int]]:
    """`rank` of a topic outside the thesaurus, statement by statement over every posting:
    each statement's BM25 summed over the query's tokens in sorted order; a statement
    qualifies saying a phrase of the topic (`query_phrases`): a phrase that is one jieba
    word where it holds every search token of it or its text holds it, one jieba cuts in
    words where it holds them all and its text holds it; best first, ties in the index's
    tie order (`positions`)."""
    import math

    tk = index.tokenizer()
    words = S.query_phrases(topic)
    parts = {w: set(S.search_tokens(tk, w)) or {w} for w in words}
    whole = {w for w in words if w in S.search_tokens(tk, w)}
    score: dict[int, float] = {}
    holds: dict[int, set[str]] = {}
    for t in sorted(set().union(*parts.values(), words)):
        ids, tfs, lengths = index.hits(t)
        idf = math.log(1 + (index.size - len(ids) + 0.5) / (len(ids) + 0.5))
        for i, tf, n in zip(ids.tolist(), tfs.tolist(), lengths.tolist()):
            score[i] = score.get(i, 0.0) + idf * tf * (S.BM25_K1 + 1) / (
                tf + S.BM25_K1 * (1 - S.BM25_B + S.BM25_B * n / index.avgdl))
            holds.setdefault(i, set()).add(t)
    by_text = {w: index.containing(list(score), [S.fold(w)]) for w in words}
    kept = [i for i in score if any((w in whole and parts[w] <= holds[i])
                                    or (i in by_text[w] and (w in whole or parts[w] <= holds[i])) for w in words)]
    return [(score[i], i) for i in sorted(kept, key=lambda i: (-score[i], index.positions[i]))]


def test_who_ranks_by_bm25_over_every_statement_to_the_last_bit(built, store):
    """`rank` reads only the statements holding a query token, a few hundred of them at a
    time (`CHUNK`): what it gives is what scoring every statement one by one gives — the
    same statements, the same scores to the last bit, the same order (ties: `positions`)."""
    memory = Q.statement_index(store)
    disk = open_index(store, built / INDEX_FILE)
    topics = [t for t in TOPICS if not S.thesaurus_words(t, S.query_phrases(t))] + ["消防 安全", "卫生 健康 培训"]
    assert len(topics) >= 10
    for index in (memory, disk):
        for topic in topics:
            if S.unsaid(index, topic):  # looked for by its parts (登记注册): another test's
                continue
            want = bm25_by_definition(index, topic)

            def saying(top=None):  # the statements saying a phrase (those saying only its parts come last)
                return [(score, i) for score, i, word in S.rank_matched(index, topic, top=top) if "+" not in word]

            assert saying() == want, topic
            for top in (1, 7):
                assert saying(top) == want[:top], (topic, top)


@pytest.mark.parametrize("args, owner, name, shown", [
    (["who", "消防"], "query", "statement_index", "消防"),  # every statement of the store
    (["who", "食品安全"], "search", "tokenizer", "食品"),  # jieba's whole dictionary
    (["duties", "卫健委"], "query", "_assignments", "卫生健康"),  # the assignments, through SPARQL
    (["refs"], "query", "_citers", "国办发"),  # the citing notices, counted in the store
    (["departments"], "query", "_organisation_records", "卫生健康"),  # every organisation, summed up per query
    (["departments", "-j", "祁门县"], "query", "_store_organisations", "卫生健康"),  # which notices name which
    (["meetings"], "query", "meeting_facts", "召集人"),  # every notice's meeting, through SPARQL
])
def test_the_cli_answers_from_the_index(built, monkeypatch, args, owner, name, shown):
    """Through the CLI, who, duties, refs, departments and meetings answer from the build's
    index: using what it stands in for fails the test."""
    import extractor.search as S

    def refuse(*_args, **_kwargs):
        raise AssertionError(f"{args[0]} used {name}")

    monkeypatch.setattr({"query": Q, "search": S}[owner], name, refuse)
    res = CliRunner().invoke(app, [*args, "--store", str(built / STORE_DIR), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert shown in res.output


@pytest.mark.parametrize("shown", [20, 1])
def test_refs_counts_and_names_citers_from_the_index_as_from_the_store(built, store, monkeypatch, shown):
    """With many citers (every notice here cites 国办发〔2019〕15号) or few, the index gives
    the rows the store gives; and its table holds what the store's citations say."""
    monkeypatch.setattr(Q, "CITED_BY_SHOWN", shown)
    whole = Q.refs(store, index=built / INDEX_FILE, explain=True)
    assert whole == Q.refs(store, explain=True)
    assert any("more" in r["cited_by"] for r in whole) == (shown == 1)
    for n in Q.notices(store):
        assert Q.refs(store, n["label"], index=built / INDEX_FILE) == Q.refs(store, n["label"]), n["label"]
    index = open_index(store, built / INDEX_FILE)
    docs = sorted({r["doc"] for r in Q.select(store, "SELECT ?doc WHERE { GRAPH ?g { ?c pk:citedDocument ?doc } }")})
    assert index.citers(docs) == Q._citers(store, docs) and index.citing(docs) == Q._citing(store, docs)
    assert max(index.citers(docs).values()) >= 3


def test_the_index_holds_each_notice_s_meeting_as_the_store_says_it(built, store):
    def canonical(facts):
        return {g: {k: sorted(map(json.dumps, v)) if isinstance(v, list) else v for k, v in f.items()}
                for g, f in facts.items()}

    disk = open_index(store, built / INDEX_FILE).meetings()
    assert len(disk) >= 5 and all(sum(bool(f[k]) for f in disk.values()) >= 3
                                  for k in ("posts", "units", "rules", "participations", "duties"))
    assert any(p["office"] for f in disk.values() for p in f["posts"])  # 巴彦淖尔市's liaisons sit in the office
    assert canonical(disk) == canonical(Q.meeting_facts(store))


def test_meetings_side_by_side_the_same_from_disk_and_memory(built, store):
    names = [None, *sorted({n["label"] for n in Q.notices(store)}), *sorted(set(Q.jurisdiction_labels(store).values()))]
    for name in names:
        wanted = None if name is None else [name]
        disk = Q.meetings(store, wanted, index=built / INDEX_FILE, explain=True)
        assert disk == Q.meetings(store, wanted, explain=True), name
    assert len(Q.meetings(store, index=built / INDEX_FILE)[0]) >= 7  # item, key and five notices or more


def test_a_store_changed_since_is_not_answered_from_a_stale_index(built, tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(built, out)
    s = open_store(out / STORE_DIR)
    assert open_index(s, out / INDEX_FILE) is not None
    doc = process(EXTRA[0])
    add_document(s, doc)  # the same notice again: the store no longer vouches for the file
    assert open_index(s, out / INDEX_FILE) is None
    assert Q.who(s, "消防", index=out / INDEX_FILE) == Q.who(s, "消防")


def test_an_index_is_opened_once_per_process_and_again_when_its_file_changes(workdir_build):
    """The second query reuses the open index (its connection, tokenizer and tie order);
    a rebuild that changes the file is read afresh — never the answers of the old one."""
    src, out = workdir_build
    s = open_store(out / STORE_DIR, read_only=True)
    first = open_index(s, out / INDEX_FILE)
    assert first is not None and open_index(s, out / INDEX_FILE) is first
    before = [r["department"] for r in Q.who(s, "消防", index=out / INDEX_FILE)]
    del s
    gc.collect()
    shutil.copy(CITY, src / CITY.name)  # a second notice: the index and the store both change
    assert not build([src], out, jobs=1, reports=False).failed
    s = open_store(out / STORE_DIR, read_only=True)
    second = open_index(s, out / INDEX_FILE)
    assert second is not None and second is not first and second.size > first.size
    after = Q.who(s, "消防", index=out / INDEX_FILE, limit=0)
    assert after == Q.who(s, "消防", limit=0) and {r["department"] for r in after} > set(before)


@pytest.fixture
def workdir_build(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(COUNTY, src / COUNTY.name)
    out = tmp_path / "out"
    assert not build([src], out, jobs=1, reports=False).failed
    return src, out


def test_no_index_a_foreign_or_broken_one(built, store, tmp_path):
    assert open_index(store, tmp_path / "missing.sqlite") is None
    broken = tmp_path / INDEX_FILE
    broken.write_bytes(b"not a database")
    assert open_index(store, broken) is None
    memory = open_store()  # a store built in memory carries no digest
    assert open_index(memory, built / INDEX_FILE) is None


def test_an_index_of_another_format_is_not_read(built, tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(built, out)
    s = open_store(out / STORE_DIR)
    assert open_index(s, out / INDEX_FILE) is not None
    con = sqlite3.connect(out / INDEX_FILE)
    settings = json.loads(con.execute("SELECT v FROM meta WHERE k = 'settings'").fetchone()[0])
    con.execute("UPDATE meta SET v = ? WHERE k = 'settings'", (json.dumps({**settings, "format": "policykg-who-index 1"}),))
    con.commit()
    con.close()
    assert open_index(s, out / INDEX_FILE) is None  # an older policykg's file: who and duties read the store
    assert Q.duties(s, "消防", index=out / INDEX_FILE) == Q.duties(s, "消防")


def test_an_index_of_an_older_layout_is_rebuilt_by_the_next_build(tmp_path):
    """An older policykg's file, whose tables have other columns, does not stop a build."""
    out = tmp_path / "out"
    build([COUNTY], out, jobs=1, reports=False)
    con = sqlite3.connect(out / INDEX_FILE)
    settings = json.loads(con.execute("SELECT v FROM meta WHERE k = 'settings'").fetchone()[0])
    con.execute("DROP INDEX cited_nid")
    con.execute("ALTER TABLE cited RENAME COLUMN nid TO graph")  # as format 10 had it
    con.execute("UPDATE meta SET v = ? WHERE k = 'settings'", (json.dumps({**settings, "format": "policykg-who-index 10"}),))
    con.commit()
    con.close()
    result = build([COUNTY, CITY], out, jobs=1, reports=False)
    assert not result.failed and sorted(result.processed) == sorted(map(str, (COUNTY, CITY)))
    s = open_store(out / STORE_DIR)
    assert open_index(s, out / INDEX_FILE) is not None
    assert Q.refs(s, index=out / INDEX_FILE) == Q.refs(s)


def test_incremental_builds_keep_it_in_step(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for p in (COUNTY, *EXTRA[:3]):
        shutil.copy(p, inputs / p.name)
    out = tmp_path / "out"
    build([inputs], out, jobs=1, reports=False)
    (inputs / EXTRA[0].name).unlink()  # one notice gone,
    shutil.copy(CITY, inputs / CITY.name)  # one new,
    text = (inputs / COUNTY.name).read_text(encoding="utf-8")  # one changed
    (inputs / COUNTY.name).write_text(text.replace("县消防救援大队", "县消防大队"), encoding="utf-8")
    result = build([inputs], out, jobs=1, reports=False)
    assert len(result.skipped) == 2 and result.removed
    s = open_store(out / STORE_DIR)
    index = open_index(s, out / INDEX_FILE)
    assert index is not None and index.dead  # the old statements are listed as dead, not read
    memory = Q.statement_index(s)
    assert index.size == memory.size
    for topic in TOPICS:
        assert Q.who(s, topic, index=out / INDEX_FILE) == Q.who(s, topic), topic
        assert S.unsaid(index, topic) == S.unsaid(memory, topic), topic  # the dead statements say nothing
    assert not [r for r in Q.who(s, "消防", index=out / INDEX_FILE) if "消防救援大队" in (r["text"] or "")
                and r["jurisdiction"] == "祁门县"]
    # the rows of the gone and changed notices left with them
    for department in ("卫健委", "消防", "教育局", "妇联"):
        assert Q.duties(s, department, index=out / INDEX_FILE) == Q.duties(s, department), department
    assert Q.departments(s, index=out / INDEX_FILE) == Q.departments(s)
    assert Q.refs(s, index=out / INDEX_FILE) == Q.refs(s)
    con = sqlite3.connect(out / INDEX_FILE)
    graphs = {g for (g,) in con.execute("SELECT DISTINCT json_extract(row, '$[0]') || '/graph' FROM assignments")}
    con.close()
    current = {str(g.value) for g in s.named_graphs() if str(g.value).endswith("/graph")}
    assert graphs <= current and len(graphs) >= 2  # no row of a notice gone stays behind
    cited = {g for (g,) in sqlite3.connect(out / INDEX_FILE).execute(
        "SELECT DISTINCT graph FROM cited JOIN notices USING (nid)")}
    assert cited <= current and len(cited) >= 2


def test_an_index_left_by_other_settings_starts_afresh(tmp_path):
    out = tmp_path / "out"
    build([COUNTY], out, jobs=1, reports=False)
    build([COUNTY], out, jobs=1, reports=False, persons=False)  # other settings: all redone
    s = open_store(out / STORE_DIR)
    index = open_index(s, out / INDEX_FILE)
    assert index is not None and not index.dead
    assert Q.who(s, "培训", index=out / INDEX_FILE) == Q.who(s, "培训")


def test_an_interrupted_build_leaves_no_vouched_index(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([COUNTY], out, jobs=1, reports=False)
    from extractor import build as build_module

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "_notice_files", fail)
    with pytest.raises(RuntimeError):
        build([COUNTY, CITY], out, jobs=1, reports=False)
    monkeypatch.undo()
    s = open_store(out / STORE_DIR)
    assert open_index(s, out / INDEX_FILE) is None  # the store says nothing: who reads the store
    del s
    build([COUNTY, CITY], out, jobs=1, reports=False)  # and the next build mends both
    s = open_store(out / STORE_DIR)
    assert open_index(s, out / INDEX_FILE) is not None
    assert Q.who(s, "消防", index=out / INDEX_FILE) == Q.who(s, "消防")


def _secondary_indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {n for (n,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")}


def test_the_index_s_lookups_are_indexed_however_it_was_written(tmp_path):
    """A build into an empty index makes its secondary indexes at the end (`IndexWriter.close`),
    not through every insert: a fresh build, a build adding to it and an abandoned one all
    leave every index of the schema, and lookups use them."""
    wanted = set(S._index_names())
    assert len(wanted) >= 10
    out = tmp_path / "out"
    build([COUNTY], out, jobs=1, reports=False)
    assert _secondary_indexes(out / INDEX_FILE) == wanted
    with sqlite3.connect(out / INDEX_FILE) as con:
        plan = " ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN SELECT * FROM assignments WHERE org = 'x'"))
    assert "assignments_org" in plan
    build([COUNTY, CITY], out, jobs=1, reports=False)  # added to: the index held notices already
    assert _secondary_indexes(out / INDEX_FILE) == wanted
    fresh = tmp_path / "fresh.sqlite"
    writer = S.IndexWriter(fresh, {})
    writer.abandon()  # rolled back: the empty file keeps its schema whole
    assert _secondary_indexes(fresh) == wanted


def test_memory_index_interface_matches(store):
    memory = Q.statement_index(store)
    assert isinstance(memory, StatementIndex)
    ids = [i for _, i in rank(memory, "消防")]
    assert ids and set(memory.sizes(ids).values()) >= {1}


def test_a_thesaurus_word_finds_its_topic_s_other_names_below_the_words_as_typed(built, store):
    """食品安全 (pkt:food-safety) also finds 饮食安全, on disk as in memory; those found so
    score on their own words, discounted, and the words as typed keep their scores."""
    memory = Q.statement_index(store)
    disk = open_index(store, built / INDEX_FILE)
    assert S.thesaurus_words("食品安全", ["食品安全"]) == ["饮食安全"]
    assert S.thesaurus_words("饮食 安全", ["饮食"]) == ["食品安全"]  # looked up whole too
    assert S.thesaurus_words("饮食安全", ["饮食", "安全"]) == []  # 食品安全 holds 安全: found as typed
    assert S.thesaurus_words("食堂", ["食堂"]) == ["食品安全", "饮食安全"]
    assert S.thesaurus_words("区块链", ["区块链"]) == [] and S.thesaurus_words("消防", ["消防"]) == []
    for index in (memory, disk):
        ranked = S.rank_matched(index, "食品安全")
        assert [w for _, _, w in ranked] == ["食品安全", "饮食安全"]
        assert [(s, i) for s, i, _ in ranked] == rank(index, "食品安全")
        typed, found = ranked
        alone = {i: score for score, i, _ in S._rank_words(index, index.tokenizer(), ["饮食安全"], "bm25", None)[0]}
        assert found[0] == pytest.approx(alone[found[1]] * S.THESAURUS_WEIGHT) and found[0] < typed[0]


def test_a_statement_saying_the_word_as_typed_ranks_above_every_one_found_by_a_thesaurus_name(built, store):
    """`who 托班` ranked first three statements found only by the thesaurus's 托幼一体化 (托班
    is a cue of pkt:preschool), 县住建局's 配合托幼一体化规划建设 among them, and the five
    saying 托班 4th–8th (the city's task 支持幼儿园开设托班 6th): short duties saying a rare
    name twice outscored them, discounted or not. Every statement saying the word as typed
    comes first, on disk as in memory; those found by the thesaurus follow, in their order."""
    rows = Q.who(store, "托班", index=built / INDEX_FILE)
    assert rows == Q.who(store, "托班")
    matched = [r["matched"] for r in rows]
    assert set(matched) == {"托班", "托幼一体化"}
    assert matched == sorted(matched, key=lambda w: w != "托班")
    statements = list(dict.fromkeys((r["rank"], r["matched"], r["text"]) for r in rows))
    assert ("支持幼儿园开设托班" in [t for _, _, t in statements[:5]])
    housing = next(r for r in rows if r["department"] == "县住房城乡建设局")
    assert housing["matched"] == "托幼一体化" and housing["rank"] > max(r["rank"] for r in rows if r["matched"] == "托班")


def test_a_narrower_term_finds_its_other_names_on_disk_as_in_memory(built, store):
    """产假 (pkt:maternity-leave, narrower than pkt:employment) also finds the city's lead
    duty saying 产休假, which the index holds as one token (a jieba word of the thesaurus):
    from the build's file as from memory, and 产休假 finds 产假 back."""
    memory = Q.statement_index(store)
    disk = open_index(store, built / INDEX_FILE)
    assert S.thesaurus_words("产假", ["产假"]) == ["产休假"] and S.thesaurus_words("产休假", ["产休假"]) == ["产假"]
    for index in (memory, disk):
        assert list(index.tokenizer().cut("产休假")) == ["产休假"]
        ranked = S.rank_matched(index, "产假")
        found = [i for _, i, w in ranked if w == "产休假"]
        assert len(found) == 1 and {r["concept"].rsplit("/", 1)[-1] for r in index.rows(store, found)[found[0]]} == \
            {"human-resources-social-security"}
        assert {w for _, _, w in S.rank_matched(index, "产休假")} == {"产休假", "产假"}
    rows = Q.who(store, "产假", index=built / INDEX_FILE)
    assert rows == Q.who(store, "产假")
    assert [r["role"] for r in rows if r["matched"] == "产休假"] == ["lead"]


def test_a_phrase_is_found_only_where_a_statement_says_it(built, store):
    """督查 brings its topic's name 综合监管 (pkt:supervision), which jieba cuts 综合 / 监管,
    and either part anywhere in a statement qualified it: the city's task 3.加强收费管理
    (综合考虑 … 价格监管: neither 督查 nor 综合监管) ranked fourth, above its task
    2.严格综合监督管理, which says 督查; `who 综合监管` found 62 rows, 县文化旅游体育局's
    …发挥综合效益 among them, and `who 饮食安全` the fire units on 安全 alone, the city's
    食品安全 duty eighth. A phrase is looked for whole (each statement found says the word it
    was found by), on disk as in memory; those saying the word as typed first."""
    rows = Q.who(store, "督查", index=built / INDEX_FILE)
    statements = list(dict.fromkeys((r["rank"], r["matched"], r["department"] if r["kind"] == "duty" else r["clause"])
                                    for r in rows))
    # (first the city's counties' governments: 各旗县区政府…要切实落实监管责任,定期对…进行督查、考核和评估;
    # those saying 督查 before those saying 综合监管 only)
    assert statements == [(1, "督查", "旗县区人民政府"), (2, "督查", "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议办公室"),
                          (3, "督查", "2."), (4, "综合监管", "县应急管理局"), (5, "综合监管", "县发展改革委")]
    supervision = Q.who(store, "综合监管", index=built / INDEX_FILE)
    exact = [r for r in supervision if r["matched"] == "综合监管"]
    assert len(exact) == 14 and supervision[:14] == exact  # … those saying 综合 and 监管 apart after them all
    assert {r["matched"] for r in supervision[14:]} == {"综合+监管"}
    assert "县文化旅游体育局" not in {r["department"] for r in supervision}  # …发挥综合效益: no 监管
    food = Q.who(store, "饮食安全", index=built / INDEX_FILE)
    assert [(r["department"], r["matched"]) for r in food] == [("县市场监管局", "饮食安全"), ("市市场监督管理局", "食品安全")]
    memory, disk = Q.statement_index(store), open_index(store, built / INDEX_FILE)
    for topic in ("督查", "综合监管", "饮食安全", "婴幼儿照护", "注册登记", "区块链 消防"):
        assert Q.who(store, topic, index=built / INDEX_FILE) == Q.who(store, topic), topic
        for index in (memory, disk):
            ranked = S.rank_matched(index, topic)
            assert ranked and all(index.containing([i], [word]) == {i} for _, i, word in ranked if "+" not in word), topic
    assert S.query_phrases("区块链 消防、综合监管") == ["区块链", "消防", "综合监管"]
    assert [disk.holds(t) for t in ("消防", "综合监管", "防火")] == [memory.holds(t) for t in ("消防", "综合监管", "防火")] \
        == [True, False, False]


def test_a_phrase_written_with_marks_inside_or_its_parts_apart_is_found(built, store):
    """Looking for phrases whole lost statements: 县消防救援大队's 纳入“双随机、一公开”监管 for
    双随机一公开 (rank 1 before), 县妇联's 产假、哺乳假 for 产假哺乳假 (0 rows), 县税务局's duty on
    税费 and 优惠政策 for 税费优惠, the land bureaus' for 用地保障 — what compare's matrix files
    under those topics. List commas and quotation marks inside a phrase are read past; a
    statement saying every part of a phrase apart comes after all those saying it (matched
    税费+优惠), on disk as in memory."""
    def found(topic):
        rows = Q.who(store, topic, index=built / INDEX_FILE)
        assert rows == Q.who(store, topic), topic
        return [(r["matched"], r["department"], r["clause_id"]) for r in rows]

    assert found("双随机一公开")[0] == ("双随机一公开", "县消防救援大队", "main/4/21")
    assert found("产假哺乳假")[0] == ("产假哺乳假", "县妇联", "main/4/18")
    tax = found("税费优惠")
    assert tax[0][0] == "税费优惠" and ("税费+优惠", "县税务局", "main/4/20") in tax
    assert all(m == "税费+优惠" for m, _, _ in tax[tax.index(("税费+优惠", "县税务局", "main/4/20")):])
    land = found("用地保障")
    assert {d for m, d, _ in land if m == "用地+保障"} >= {"县自然资源和规划局", "市自然资源局"}


def test_a_phrase_no_statement_says_is_looked_for_by_its_parts(built, store):
    """登记注册 is one jieba word, and no statement says it (the county's 县委编办 does
    注册登记): `who 登记注册` found nothing, with no hint, while `who 注册登记` found 24 rows
    on 注册 or 登记 alone. A phrase no statement says is looked for by its parts of two
    characters or more, all required, when they cover it: here the statements saying
    注册登记, matched 登记+注册. 防火 has no such parts, 幼儿园所 none covering its 所, and
    消防救援's (消防, 救援) no statement says together: nothing, and `unsaid` says what to try
    (the longest parts: 在县政府领导下 said "try 县政 or 政府 or 县政府")."""
    rows = Q.who(store, "登记注册", index=built / INDEX_FILE)
    assert rows and {r["matched"] for r in rows} == {"登记+注册"}
    assert (rows[0]["department"], rows[0]["text"]) == ("县委编办", "为公办婴幼儿照护服务机构做好注册登记工作。")
    for index in (Q.statement_index(store), open_index(store, built / INDEX_FILE)):
        assert rank(index, "登记注册") == rank(index, "注册登记")  # the statements holding 登记 and 注册 say 注册登记
        assert S.unsaid(index, "登记注册") == [("登记注册", ("登记", "注册"), ("登记", "注册"))]
        assert S.unsaid(index, "注册登记 消防") == []
        for topic, held in (("防火", ()), ("幼儿园所", ("幼儿园",)), ("消防救援", ("消防", "救援")),
                            ("在县政府领导下", ("县政府", "领导"))):  # not 幼儿 inside 幼儿园, nor 县政 or 政府
            assert S.unsaid(index, topic) == [(topic, (), held)] and rank(index, topic) == [], topic
    assert Q.who_unsaid(store, "登记注册 防火 消防救援", index=built / INDEX_FILE) == [
        "no statement says 登记注册; looked for those saying 登记 and 注册 (matched 登记+注册)",
        "no statement says 防火", "no statement says 消防救援; try 消防 or 救援"]


def test_index_path_is_beside_the_store():
    assert index_path(Path("outputs/store")) == Path("outputs") / INDEX_FILE


def test_a_damaged_index_file_is_rebuilt(tmp_path):
    out = tmp_path / "out"
    build([COUNTY], out, jobs=1, reports=False)
    (out / INDEX_FILE).write_bytes(b"this is not a database" * 100)
    result = build([COUNTY], out, jobs=1, reports=False)
    assert result.processed == [str(COUNTY)]  # the store's notice was read again for the index
    s = open_store(out / STORE_DIR)
    assert open_index(s, out / INDEX_FILE) is not None
    assert Q.who(s, "消防", index=out / INDEX_FILE) == Q.who(s, "消防")


def test_the_cli_says_so_in_one_line_when_the_index_cannot_be_written(tmp_path):
    out = tmp_path / "out"
    (out / INDEX_FILE).mkdir(parents=True)  # a folder where the file should be
    res = subprocess.run([sys.executable, "-m", "extractor", "build", str(COUNTY), "-o", str(out), "--no-views"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert res.stderr.count("\n") == 1 and "cannot write the who index" in res.stderr, res.stderr


def test_the_marker_stays_in_its_store(built, store, tmp_path):
    """The build's bookkeeping graph is not data: exports and pushes leave it out."""
    from extractor import export, remote
    from extractor.search import is_build_graph

    assert any(is_build_graph(g) for g in store.named_graphs())
    assert not any(is_build_graph(target) for target, _ in remote._plan(store, None))
    turtle = export.export(store, tmp_path / "all.ttl", "ttl").read_text(encoding="utf-8")
    assert "whoIndex" not in turtle and "祁门县" in turtle


def test_jieba_is_imported_without_pkg_resources_and_reads_its_files():
    """`who` imports jieba with pkg_resources kept out (0.1 s of a 0.57 s process); jieba
    then opens its dictionary and models by path, and anyone importing pkg_resources later
    still gets it."""
    code = ("import sys\n"
            "from extractor.search import tokenizer, jieba_module\n"
            "tk = tokenizer()\n"
            "print(sys.modules.get('pkg_resources', 'absent'))\n"
            "print('/'.join(tk.cut('县卫生健康委负责婴幼儿照护服务的消防安全检查')))\n"
            "print('/'.join(jieba_module().cut('乌兰浩特站')))\n"  # HMM: the finalseg models, read by path
            "import pkg_resources\n"
            "print(type(pkg_resources).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    absent, cut, hmm, later = out.stdout.strip().splitlines()
    assert absent == "absent" and later == "module"
    assert "消防" in cut.split("/") and "婴幼儿" in cut and hmm.replace("/", "") == "乌兰浩特站"


def test_working_groups_the_same_from_disk_and_memory(tmp_path):
    """A body's working groups (霍山's 专项工作组; a 工作专班 with a 牵头单位): meetings' groups row,
    members and departments' member counts read alike from the index and the store; the groups'
    memberships are not the body's."""
    from test_extract import AUDIT, LED_GROUPS, RUNNING_GROUPS, WORKING_GROUPS

    (tmp_path / "x.txt").write_text(WORKING_GROUPS, encoding="utf-8")
    # co-heads (组长：A、B), a group led 由…牵头, groups set up in running text: alike too
    (tmp_path / "y.txt").write_text(LED_GROUPS, encoding="utf-8")
    (tmp_path / "z.txt").write_text(RUNNING_GROUPS, encoding="utf-8")
    out = tmp_path / "out"
    assert not build([AUDIT / "huoshan-tourism-leading-group.html", *(tmp_path / f"{n}.txt" for n in "xyz")], out, jobs=1,
                     reports=False).failed
    s = open_store(out / STORE_DIR)
    try:
        disk = Q.meetings(s, index=out / INDEX_FILE, explain=True)
        assert disk == Q.meetings(s, explain=True)
        groups = next(r for r in disk if r["key"] == "groups")
        said = [x for v in groups.values() if v for x in str(v).split("；")]
        assert "项目推进专班（组长 县农业农村局局长，牵头单位 县农业农村局，成员单位 县水利局、县财政局，负责项目建设调度）" in said
        assert "综合协调专班（组长 县发展改革委主任、县水利局局长，副组长 县财政局副局长，成员单位 县财政局、县水利局，负责统筹协调）" in said
        assert "综合协调组（牵头单位 县发展改革委）" in said
        assert Q.departments(s, index=out / INDEX_FILE) == Q.departments(s)
        member_of = {r["department"]: r["member_of"] for r in Q.departments(s, jurisdiction="霍山县")}
        assert member_of["县公安局"] == 0 and member_of["县市场监管局"] == 1  # (a member of one group only: none)
    finally:
        del s
        gc.collect()
