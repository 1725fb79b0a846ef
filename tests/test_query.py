"""Named queries and raw SPARQL on the real seeds, through the Python functions and the CLI."""
from __future__ import annotations

import csv
import io
import json
import re

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from conftest import CITY, CORPUS, COUNTY, EXTRA, ROOT, city_note

from extractor import query as Q
from extractor.graph import DEPT
from extractor.query import local
from extractor.errors import PolicykgError
from extractor.search import tokens

COUNTY_NO, CITY_NO = "祁政办秘〔2021〕45号", "巴政办发〔2021〕20号"
TEXTS = {COUNTY_NO: COUNTY.read_text(encoding="utf-8"), CITY_NO: CITY.read_text(encoding="utf-8")}
INJECTIONS = ['"} ; DROP ALL ; #', "'} ; DROP ALL ; #", 'a"b\'c\\d\ne\r\tf', "} } INSERT DATA { <a:a> <a:b> <a:c> } #",
              "\\", '"""', "?org", "<https://w3id.org/policykg/dept/health>", "\ud800县卫健委"]


@pytest.fixture(scope="module")
def store():
    from extractor.build import load_store

    return load_store([COUNTY, CITY])


def snapshot(store) -> tuple[int, int]:
    quads = sorted(str(q) for q in store.quads_for_pattern(None, None, None, None))
    return len(quads), hash(tuple(quads))


def run(*args: str, env: dict | None = None):
    from extractor.cli import app

    return CliRunner().invoke(app, [*args, "--from", str(COUNTY), "--from", str(CITY)],
                              env={"COLUMNS": "400", **(env or {})})


def concept_of(doc, dep_id: str) -> str | None:
    return doc.facts.departments[dep_id].concept


# --- duties ---------------------------------------------------------------------------------------


def test_duties_of_market_regulation_in_both_jurisdictions(store, county, city):
    rows = Q.duties(store, "市场监管局")
    county_rows = [r for r in rows if r["jurisdiction"] == "祁门县"]
    city_rows = [r for r in rows if r["jurisdiction"] == "巴彦淖尔市"]
    # The same counts as the extraction stage found, read back from the graph.
    assert len(county_rows) == sum(concept_of(county, d.department) == "market-regulation" for d in county.facts.duties) == 3
    city_duties = [r for r in city_rows if r["kind"] == "duty"]
    city_tasks = [r for r in city_rows if r["kind"] == "task"]
    assert len(city_duties) == sum(concept_of(city, d.department) == "market-regulation" for d in city.facts.duties) == 6  # 4 + 价格监管 + 早教机构…等部门…加强
    assert len(city_tasks) == sum(any(concept_of(city, x) == "market-regulation" for x in a.departments)
                                  for a in city.facts.assignments) == 8
    assert {r["department"] for r in county_rows} == {"县市场监管局"}
    assert {r["department"] for r in city_rows} == {"市市场监督管理局"}  # the name the city writes
    assert all(r["notice"] == COUNTY_NO and r["clause"] == "（十二）" for r in county_rows)
    assert any("食堂许可" in r["text"] for r in county_rows)
    assert any("食品安全监管" in r["text"] for r in city_duties)
    assert {r["text"] for r in city_tasks} >= {"落实用地保障政策", "加强收费管理", "落实安全责任制"}
    # The city writes 市市场监督管理局 in its member list: the same organisation.
    assert Q.duties(store, "市场监督管理局") == rows


def test_duties_jurisdiction_filter_and_prefixed_names(store, county):
    county_only = Q.duties(store, "卫健委", jurisdiction="祁门县")
    assert county_only and {r["jurisdiction"] for r in county_only} == {"祁门县"}
    assert len(county_only) == sum(concept_of(county, d.department) == "health" for d in county.facts.duties) == 6  # 5 + 代章
    both = Q.duties(store, "卫健委")
    # the city's plan asks 旗县区卫生健康部门 to train staff: the health bodies of its counties
    assert {r["jurisdiction"] for r in both} == {"祁门县", "巴彦淖尔市", "巴彦淖尔市所辖旗县区"}
    assert Q.duties(store, "县卫生健康委") == county_only          # 县 in the name: county level
    assert Q.duties(store, "卫健委", jurisdiction="县") == county_only
    assert Q.duties(store, "卫健委", jurisdiction="county") == county_only
    assert Q.duties(store, "卫健委", jurisdiction="祁门") == county_only
    city = Q.duties(store, "巴彦淖尔市卫生健康委")
    assert city and {r["department"] for r in city} == {"市卫生健康委"}
    assert Q.duties(store, "卫健委", jurisdiction="黄山市") == []


def test_a_function_asked_for_finds_the_bureaus_that_merge_it(store):
    """文旅局 in a county whose bureau is 县文化旅游体育局 (pk:merges culture-tourism, sports):
    its duty, not an empty table; 科技局 finds 县科技商务经济信息化局. Not the other way: the
    merged bureau asked for is itself only."""
    rows = Q.duties(store, "文旅局")
    assert [(r["department"], r["clause_id"]) for r in rows] == [("县文化旅游体育局", "main/4/14")]
    assert Q.duties(store, "县文化旅游体育局") == rows
    tech = Q.duties(store, "科技局")
    assert tech and {r["department"] for r in tech} == {"县科技商务经济信息化局"}
    assert Q.duties(store, "文化旅游体育局", jurisdiction="巴彦淖尔市") == []
    assert not any(r["department"].startswith("县教育") for r in Q.duties(store, "体育局"))


def test_aliases_give_the_same_rows(store):
    rows = Q.duties(store, "人社局")
    assert rows and {r["jurisdiction"] for r in rows} == {"祁门县", "巴彦淖尔市"}
    for alias in ("人力资源社会保障局", "人力资源和社会保障局", "human-resources-social-security"):
        assert Q.duties(store, alias) == rows, alias
    # A field of work names its department too (消防 → the fire-rescue units).
    fire = Q.duties(store, "消防")
    assert {r["department"] for r in fire} == {"县消防救援大队", "市消防救援支队"}
    assert Q.duties(store, "消防救援") == fire


def test_unknown_bodies_still_found_by_name(store):
    rows = Q.duties(store, "河套学院")
    assert [(r["kind"], r["text"]) for r in rows] == [("task", "加强人才队伍保障")]


# --- who -------------------------------------------------------------------------------------------


def test_who_fire_lists_both_fire_rescue_units(store):
    rows = Q.who(store, "消防", explain=True)
    units: dict = {}
    for r in rows:  # each unit's best row
        if r["concept"] == "fire-rescue":
            units.setdefault(r["department"], r)
    assert set(units) == {"县消防救援大队", "市消防救援支队"}
    assert all(units[u]["role"] == "responsible" and units[u]["kind"] == "duty" for u in units)
    # Ranked: the five statements that speak of 消防 in their own words come first.
    top = [r for r in rows if r["rank"] <= 5]
    assert len(top) == 5 and all(r["kind"] == "duty" and "消防" in r["text"] for r in top)
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    for r in rows:  # every hit is about 消防 in the statement itself, not just in a task tag
        body = r["source"] if r["kind"] == "duty" else re.split(r"[(（][^(（]*$", r["source"])[0]
        assert "消防" in body, r


def test_who_lists_a_task_s_departments_in_the_order_its_tag_names_them(store, city):
    """The city's 2.严格综合监督管理 tag names 市卫生健康委 first and 消防救援支队 last: its
    rows come so (they came by code point: 市人力资源社会保障局 first)."""
    rows = [r for r in Q.who(store, "消防") if r["kind"] == "task"]
    [tag] = [a for a in city.facts.assignments if a.clause == rows[0]["clause_id"]]
    named = [city.facts.departments[d].name for d in tag.departments]
    assert [r["department"] for r in rows] == named
    assert named[0] == "市卫生健康委" and named[-1] == "市消防救援支队"


def test_who_of_one_jurisdiction_ranks_its_departments_only(store):
    """`who 消防 -j 祁门县`: the county fire brigade's two duties, ranked 1 and 2 among the
    county's (scores as in the whole answer); a level (市) or a start (祁门) reads as -j does for
    duties; a limit counts the place's rows."""
    every = Q.who(store, "消防")
    county = Q.who(store, "消防", jurisdiction="祁门县")
    assert [(r["rank"], r["department"]) for r in county] == [(1, "县消防救援大队"), (2, "县消防救援大队")]
    assert [r["score"] for r in county] == [r["score"] for r in every if r["jurisdiction"] == "祁门县"]
    assert Q.who(store, "消防", jurisdiction="祁门") == county
    assert Q.who(store, "消防", jurisdiction="县") == county
    city = Q.who(store, "消防", jurisdiction="市")
    assert city and {r["jurisdiction"] for r in city} == {"巴彦淖尔市"}
    assert Q.who(store, "消防", jurisdiction="巴彦淖尔市", limit=3) == city[:3]
    assert Q.who_count(store, "消防", jurisdiction="巴彦淖尔市") == len(city)
    assert Q.who(store, "消防", jurisdiction="黄山市") == []


def test_who_finds_what_the_county_says_of_its_inspection_and_of_sealing(store):
    """祁门县's 综合督查制度 (由联席会议办公室牵头组织，各成员单位配合，…开展一次综合督查) is a
    statement of its joint meeting's office: `who 督查 -j 祁门县` finds it first (the city's
    counties' governments' …定期对…进行督查 ranks first of all); `who 代章` finds both health
    commissions sealing for their joint meetings, and `duties 县卫健委` lists it."""
    rows = Q.who(store, "督查", jurisdiction="祁门县", explain=True)
    assert (rows[0]["jurisdiction"], rows[0]["department"], rows[0]["role"], rows[0]["matched"]) == (
        "祁门县", "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议办公室", "lead", "督查")
    assert rows[0]["text"].startswith("由联席会议办公室牵头组织，各成员单位配合，每半年") and rows[0]["source"] == rows[0]["text"]
    sealed = Q.who(store, "代章")
    assert sorted((r["department"], r["notice"]) for r in sealed) == [("县卫生健康委", COUNTY_NO), ("市卫生健康委", CITY_NO)]
    assert [r["text"] for r in Q.duties(store, "县卫健委") if r["action"] == "代章"] == [
        "联席会议办公室不刻制印章，因工作需要印发有关文件由县卫生健康委代章。"]


@pytest.mark.parametrize("topic,concepts", [
    ("食品安全", {"market-regulation"}),
    ("用地", {"natural-resources"}),
    ("税费", {"taxation"}),
    ("培训", {"education", "human-resources-social-security"}),
])
def test_who_finds_the_departments_of_a_topic(store, topic, concepts):
    rows = Q.who(store, topic)
    assert rows and concepts <= {r["concept"] for r in rows}
    assert Q.who(store, topic, limit=2) == rows[:2]


def test_who_finds_a_topic_by_the_other_names_of_the_thesaurus(store):
    """食品安全 also finds the county's 饮食安全 (pkt:food-safety in ontology/topics.ttl, as
    compare's matrix files it), below the statement that says 食品安全; ``matched`` says
    which word found each. A word outside the thesaurus is looked for as typed."""
    rows = Q.who(store, "食品安全")
    assert [(r["department"], r["matched"]) for r in rows] == [("市市场监督管理局", "食品安全"), ("县市场监管局", "饮食安全")]
    assert "饮食安全、食堂许可" in rows[1]["text"]
    assert [r["department"] for r in Q.who(store, "食堂")] == ["县市场监管局", "市市场监督管理局"]
    assert {r["matched"] for r in Q.who(store, "消防")} == {"消防"}
    assert {r["matched"] for r in Q.who(store, "区块链 消防")} == {"消防"}
    supervision = {r["matched"] for r in Q.who(store, "督查")}  # a cue of pkt:supervision, named 综合监管
    assert supervision == {"督查", "综合监管"}


def test_who_finds_a_narrower_term_by_its_other_names(store):
    """产假 also finds the city's lead duty on it, which says 产休假 (jieba: 产 / 休假, and
    产假 is no substring of it): pkt:maternity-leave, a narrower term of pkt:employment in
    ontology/topics.ttl, names both. Below the statements saying 产假 as typed; and the
    other way round. A narrower term is no column of compare's matrix."""
    rows = Q.who(store, "产假")
    found = [r for r in rows if r["matched"] == "产休假"]
    assert [(r["department"], r["role"], r["kind"]) for r in found] == [("市人力资源社会保障局", "lead", "duty")]
    assert "负责牵头推动落实相关产休假政策" in found[0]["text"]
    assert {r["matched"] for r in rows} == {"产假", "产休假"} and rows[0]["matched"] == "产假"
    assert {r["matched"] for r in Q.who(store, "产休假")} == {"产休假", "产假"}
    assert {r["matched"] for r in Q.who(store, "就业")} == {"就业"}  # the topic's other cues find no 产休假
    from extractor.topics import topic_scheme

    assert "maternity-leave" not in {t.key for t in topic_scheme()}


def test_who_matches_sub_words_and_nothing_else(store):
    # 食品药品 and 安全 apart still speak of 食品安全: sub-words of the topic all present.
    assert Q.who(store, "区块链") == []
    assert Q.who(store, "   ") == []
    assert {r["department"] for r in Q.who(store, "婴幼儿照护") if r["jurisdiction"] == "祁门县"}
    assert tokens("县消防救援大队") and "消防" in tokens("县消防救援大队")
    assert "婴幼儿" in tokens("婴幼儿照护服务") and "托育" in tokens("托育服务")


def test_who_finds_the_words_within_a_word_jieba_does_not_know(store):
    """jieba's HMM joins 普惠托育 (no dictionary word) into one token, and search mode
    added none of its parts: `who 托育` missed the county's (三) duty of 县发展改革委 and
    the city's task 3, whose clause supports 普惠托育服务机构建设; `who 普惠` missed the
    duty too. A word jieba does not know now gives every two characters of it."""
    assert {"普惠", "托育", "普惠托育"} <= set(tokens("支持社会力量发展普惠托育服务；"))
    duty = ("县发展改革委", "duty", "支持社会力量发展普惠托育服务；", "（三）")
    rows = Q.who(store, "托育", explain=True)
    assert duty in {(r["department"], r["kind"], r["text"], r["clause"]) for r in rows}
    task3 = [r for r in rows if r["notice"] == CITY_NO and r["clause"] == "3."
             and r["text"] == "鼓励社会力量举办婴幼儿照护服务机构"]
    assert {r["department"] for r in task3} == {"市卫生健康委", "市发展改革委", "市市场监督管理局", "市民政局"}
    assert "支持普惠托育服务机构建设" in task3[0]["source"]
    assert duty in {(r["department"], r["kind"], r["text"], r["clause"]) for r in Q.who(store, "普惠")}
    # the compound as typed: only statements saying it, the short duty first
    rows = Q.who(store, "普惠托育", explain=True)
    assert (rows[0]["department"], rows[0]["text"]) == duty[::2]
    assert all("普惠托育" in r["source"] for r in rows)


def test_statement_index_is_reused(store):
    assert Q.statement_index(store) is Q.statement_index(store)


# --- members -----------------------------------------------------------------------------------------


def test_members_in_order(store, county, city):
    rows = Q.members(store)
    by_notice = {n: [r for r in rows if r["notice"] == n] for n in (COUNTY_NO, CITY_NO)}
    assert [len(by_notice[COUNTY_NO]), len(by_notice[CITY_NO])] == [21, 18]
    for doc, no in ((county, COUNTY_NO), (city, CITY_NO)):
        names = [doc.facts.departments[d].name for d in doc.facts.meeting.members]
        assert [r["department"] for r in by_notice[no]] == names
        assert [r["position"] for r in by_notice[no]] == list(range(1, len(names) + 1))
    assert by_notice[COUNTY_NO][0]["department"] == "县卫生健康委"
    assert by_notice[COUNTY_NO][-1]["department"] == "县消防救援大队"
    assert by_notice[COUNTY_NO][0]["stated"] == 21
    for key in (COUNTY_NO, "祁政办秘[2021]45号", "qimen-county-2021", "祁门县", "祁门"):
        assert Q.members(store, key) == by_notice[COUNTY_NO], key
    assert Q.members(store, "bayannur-city-2021.txt") == by_notice[CITY_NO]
    assert Q.members(store, "黄山市") == []


def test_members_explain_points_into_the_member_list(store):
    rows = Q.members(store, explain=True)
    for r in rows:
        assert r["source"] == TEXTS[r["notice"]][r["start"]:r["end"]]
    county = [r for r in rows if r["notice"] == COUNTY_NO]
    assert [r["start"] for r in county] == sorted(r["start"] for r in county)
    assert county[8]["source"] == "县自然资源和规划局"  # as written in the list
    # its first, 县卫生健康委, where the list names it: not in 副召集人由县卫生健康委主要负责同志担任 before
    listed = TEXTS[COUNTY_NO].index("联席会议成员单位包含") + len("联席会议成员单位包含")
    assert (county[0]["start"], county[0]["source"]) == (listed, "县卫生健康委")


def test_every_member_is_explained_by_its_place_in_the_member_list():
    """On every real notice with a member list: each member's span names it, in the order of
    the list, with no sentence ending between two members (the State Council's 国家卫生健康委 in
    联席会议由国家卫生健康委、国家发展改革委等26个部门和单位组成, not the paragraph before)."""
    from extractor.build import load_store
    from extractor.departments import resolve
    from extractor.graph import notice_label
    from extractor.pipeline import process

    paths = [COUNTY, CITY, *EXTRA]
    store, texts = load_store(paths), {}
    for p in paths:  # a notice is labelled by its 文号, else its rdfs:label (title, body it sets up …)
        doc = process(p)
        texts.update({key: doc.text for key in (doc.doc_number, notice_label(doc)) if key})
    rows = Q.members(store, explain=True)
    assert {r["notice"] for r in rows} >= {COUNTY_NO, CITY_NO, "优化生育政策工作部际联席会议制度建立"}
    for notice in {r["notice"] for r in rows}:
        mine, text = [r for r in rows if r["notice"] == notice], texts[notice]
        for r in mine:  # the span names the member (as the registry reads it, or as written)
            named = resolve(r["source"])
            assert (named.concept if named and r["concept"] else r["source"]) in (r["concept"], r["department"]), r
        for a, b in zip(mine, mine[1:]):
            between = text[a["end"]:b["start"]]
            assert a["end"] <= b["start"] and not any(ch in between for ch in "。；;"), (notice, between)


# --- refs ----------------------------------------------------------------------------------------------


def test_refs(store):
    rows = Q.refs(store)
    city = {r["number"]: r for r in rows if r["notice"] == CITY_NO and r["number"]}
    county = {r["number"]: r for r in rows if r["notice"] == COUNTY_NO and r["number"]}
    assert "国办发〔2019〕15号" in city and "国办发〔2019〕15号" not in county
    assert city["国办发〔2019〕15号"]["relation"] == "based_on"
    assert city["国办发〔2019〕15号"]["title"] == "国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见"
    both = "财政部公告2019年第76号"
    assert both in city and both in county
    assert city[both]["cited_by"] == county[both]["cited_by"] == f"{CITY_NO}; {COUNTY_NO}"
    # listed before 等法律法规 with the 法 and the 条例: a regulation, as they are laws
    assert {r["title"]: r["kind"] for r in rows if r["notice"] == CITY_NO and r["kind"] == "law"} == {
        "中华人民共和国人口与计划生育法": "law", "女职工劳动保护特别规定": "law", "内蒙古自治区人口和计划生育条例": "law"}
    internal = [r for r in rows if r["kind"] == "internal"]
    assert {(r["notice"], r["resolves_to"]) for r in internal} == {(CITY_NO, CITY_NO), (COUNTY_NO, COUNTY_NO)}
    assert all(r["resolves_to"] is None for r in rows if r["kind"] != "internal")
    assert Q.refs(store, CITY_NO) == [r for r in rows if r["notice"] == CITY_NO]


def test_refs_names_few_citers_and_counts_many(store, monkeypatch):
    monkeypatch.setattr(Q, "CITED_BY_SHOWN", 1)
    rows = {r["number"]: r for r in Q.refs(store, COUNTY_NO) if r["number"]}
    # cited by more notices than shown: the row's own notice, then how many more
    assert rows["财政部公告2019年第76号"]["cited_by"] == f"{COUNTY_NO}; … 1 more"
    city = {r["number"]: r for r in Q.refs(store, CITY_NO) if r["number"]}
    assert city["财政部公告2019年第76号"]["cited_by"] == f"{CITY_NO}; … 1 more"
    monkeypatch.setattr(Q, "CITED_BY_SHOWN", 2)  # few enough: every citer named
    assert {r["number"]: r for r in Q.refs(store, COUNTY_NO) if r["number"]}["财政部公告2019年第76号"]["cited_by"] \
        == "; ".join(sorted([COUNTY_NO, CITY_NO]))
    for r in Q.refs(store, explain=True):
        assert r["source"] == TEXTS[r["notice"]][r["start"]:r["end"]] and r["source"].startswith("《")


def test_refs_resolve_to_notices_of_the_corpus(tmp_path):
    """A notice citing a seed by 文号, and the city's plan by the title it issued it under."""
    from extractor.build import load_store

    follow = tmp_path / "followup.txt"
    follow.write_text(
        "黄山市人民政府办公室关于转发祁门县婴幼儿照护服务联席会议制度的通知\n\n黄政办〔2022〕3号\n\n"
        "各区县人民政府，市政府有关部门：\n    现将《祁门县人民政府办公室关于印发祁门县促进3岁以下婴幼儿照护服务"
        "发展工作联席会议制度的通知》（祁政办秘〔2021〕45号）和《关于促进3岁以下婴幼儿照护服务发展实施方案》"
        "转发给你们，请参照执行。\n\n黄山市人民政府办公室\n2022年1月5日\n", encoding="utf-8")
    rows = Q.refs(load_store([COUNTY, CITY, follow]), "黄政办〔2022〕3号")
    assert {(r["number"], r["resolves_to"]) for r in rows} == {("祁政办秘〔2021〕45号", COUNTY_NO), (None, CITY_NO)}


def test_refs_of_a_notice_name_what_its_text_cites_not_its_own_title(tmp_path):
    """胶州 and 十堰 cite the document they issue (《胶州市关于…的实施意见》, no 文号 beside
    it): the row shows that title as written, no number, and says it is the notice's own
    issued document — not the notice's title and 文号, as if it cited itself. The city cites
    the plan it issues, printed after its letter (its main part); a notice citing its own
    attachment or its own title says so."""
    from extractor.build import load_store

    jiaozhou, shiyan = (next(p for p in EXTRA if p.name.startswith(x)) for x in ("jiaozhou", "shiyan"))
    rows = [r for r in Q.refs(load_store([jiaozhou, shiyan, CITY])) if r["kind"] == "internal"]
    assert sorted((r["title"], r["number"]) for r in rows) == [
        ("关于促进3岁以下婴幼儿照护服务发展实施方案", None), ("十堰市促进3岁以下婴幼儿照护服务发展实施方案", None),
        ("胶州市关于促进3岁以下婴幼儿照护服务发展的实施意见", None)]
    assert {r["own_part"] for r in rows} == {"issued"}
    assert "own_part" in Q.COLUMNS["refs"]
    text = COUNTY.read_text(encoding="utf-8").replace(
        "请参照文件认真执行。", "请参照文件认真执行。《祁门县促进3岁以下婴幼儿照护服务发展工作联席会议成员单位及联络员名单》"
        "见附件，《祁门县人民政府办公室关于印发祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度的通知》自印发之日起施行。")
    path = tmp_path / "qimen.txt"
    path.write_text(text, encoding="utf-8")
    rows = [r for r in Q.refs(load_store([path])) if r["kind"] == "internal"]
    assert [(r["title"][-6:], r["number"], r["own_part"]) for r in rows] == [
        ("联席会议制度", None, "issued"), ("及联络员名单", None, "attachment"), ("议制度的通知", None, "notice")]


@pytest.mark.parametrize("opening,closing", ["﹝﹞", "（）", "〖〗"])
def test_doc_numbers_in_other_brackets_are_the_same_numbers(tmp_path, opening, closing):
    """The city's plan with ﹝﹞ (government web pages) or other brackets for 〔〕: found by its
    文号 in any brackets, and its citation of 国办发〔2019〕15号 is the one 十堰 cites too."""
    from extractor.build import load_store

    path = tmp_path / "bayannur.txt"
    path.write_text(CITY.read_text(encoding="utf-8").replace("〔", opening).replace("〕", closing), encoding="utf-8")
    shiyan = next(p for p in EXTRA if p.name.startswith("shiyan"))
    store = load_store([path, shiyan, COUNTY])
    for key in (CITY_NO, "巴政办发﹝2021﹞20号", "巴政办发(2021)20号", "巴政办发（2021）20号", "巴政办发[2021] 20号"):
        assert {r["notice"] for r in Q.members(store, key)} == {CITY_NO}, key
    for key in ("祁政办秘(2021)45号", "祁政办秘﹝2021﹞45号"):
        assert {r["notice"] for r in Q.members(store, key)} == {COUNTY_NO}, key
    rows = {r["number"]: r for r in Q.refs(store, CITY_NO) if r["number"]}
    assert list(rows) == ["中发〔2021〕30号", "国办发〔2020〕52号", "国办发〔2019〕15号", "内政办发〔2019〕31号",
                          "财政部公告2019年第76号"]
    cited_by = rows["国办发〔2019〕15号"]["cited_by"].split("; ")
    assert CITY_NO in cited_by and any(n.startswith("关于印发十堰市") for n in cited_by)


# --- meetings and departments -------------------------------------------------------------------------


def test_meetings_of_two_notices_of_one_title_are_two_columns(tmp_path):
    """Two notices without 文号 and with one title (a draft and its final text) are labelled
    alike: each still gets its own column, not one merged from both."""
    from extractor.build import load_store

    text = COUNTY.read_text(encoding="utf-8").replace(COUNTY_NO, "")
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    (tmp_path / "final.txt").write_text(text.replace("县政府分管副县长", "县政府县长"), encoding="utf-8")
    rows = {r["key"]: r for r in Q.meetings(load_store([tmp_path / "draft.txt", tmp_path / "final.txt"]))}
    columns = [k for k in rows["convenor"] if k not in ("item", "key")]
    assert len(columns) == 2 and columns[1] == f"{columns[0]} (2)"
    assert sorted(rows["convenor"][c] for c in columns) == ["县政府分管副县长", "县政府县长"]


def test_meetings_name_an_untitled_notice_as_the_graph_and_views_do():
    """奈曼旗's column was headed by its file name while its graph, pages and GraphML showed
    its IRI's hash: now all show its rdfs:label, the joint meeting the text sets up."""
    from extractor.build import load_store

    naiman = next(p for p in EXTRA if p.name.startswith("naiman"))
    store = load_store([naiman, COUNTY])
    assert [k for k in Q.meetings(store)[0] if k not in ("item", "key")] == \
        ["奈曼旗促进3岁以下婴幼儿照护服务发展工作联席会议", COUNTY_NO]
    assert [n["label"] for n in Q.notices(store)] == ["奈曼旗促进3岁以下婴幼儿照护服务发展工作联席会议", COUNTY_NO]


def test_meetings_columns_come_in_the_order_the_notices_are_named(store):
    """As compare A B keeps A on the left: meetings 巴彦淖尔市 祁门县 puts the city first."""
    def columns(*names):
        return [k for k in Q.meetings(store, list(names))[0] if k not in ("item", "key")]

    assert columns("祁门县", "巴彦淖尔市") == ["祁政办秘〔2021〕45号", "巴政办发〔2021〕20号"]
    assert columns("巴彦淖尔市", "祁门县") == ["巴政办发〔2021〕20号", "祁政办秘〔2021〕45号"]


def test_readme_meetings_example_has_every_row_meetings_prints(store):
    """The README's `meetings --from corpus` example lists the rows the command prints, in
    order, with the values it prints where the README does not shorten them (…)."""
    block = README.split("For example `policykg meetings --from corpus`")[1].split("```")[1]
    shown = [[c.strip() for c in line.strip("│ ").split(" │ ")] for line in block.splitlines() if line.startswith("│")]
    rows = Q.meetings(store)
    assert [r[1] for r in shown] == [r["key"] for r in rows]
    for (_, _, *cells), r in zip(shown, rows):
        for cell, value in zip(cells, [r["巴政办发〔2021〕20号"], r["祁政办秘〔2021〕45号"]]):
            assert cell == (value or "") or "…" in cell, (cell, value)


def test_meetings_side_by_side(store):
    rows = {r["key"]: r for r in Q.meetings(store)}
    plenary = rows["plenary"]
    assert plenary["item"] == "全体会议"
    assert "每半年" in plenary[COUNTY_NO] and "P6M" in plenary[COUNTY_NO]
    assert "每年" in plenary[CITY_NO] and "P1Y" in plenary[CITY_NO] and "1–2" in plenary[CITY_NO]
    # 原则上每半年召开1次，也可以根据工作需要临时召开: on its period, and as needed too
    assert plenary[COUNTY_NO] == "定期或不定期：每半年1次 (P6M ×1)"
    assert rows["inspection"][COUNTY_NO] == "每半年1次 (P6M ×1)"  # on its period only
    assert Q.rule_text("P1Y", 1, 2, False) == "每年1–2次 (P1Y ×1–2)"
    assert [Q.rule_text(None, None, None, irregular, schedule) for irregular, schedule in (
        (False, "regular"), (True, "irregular"), (True, "regular-or-irregular"), (True, None), (False, None))] == [
        "定期", "不定期", "定期或不定期", "不定期", "✓"]  # (True, None): a store built before pk:schedule
    assert rows["members"][COUNTY_NO] == "21" and rows["members"][CITY_NO] == "18"
    assert rows["jurisdiction"][COUNTY_NO] == "祁门县"
    assert rows["convenor"][COUNTY_NO] == "县政府分管副县长"
    assert rows["office"][CITY_NO] == "市卫生健康委"
    assert rows["thematic"][COUNTY_NO] == rows["thematic"][CITY_NO] == "不定期"
    assert rows["liaison"][COUNTY_NO] is None and rows["inspection"][CITY_NO] is None
    # 联席会议以会议纪要形式明确会议议定事项, the first sentence of the city's (四)信息通报制度
    assert rows["minutes"][CITY_NO] == "✓" and rows["minutes"][COUNTY_NO] is None
    explained = {r["key"]: r for r in Q.meetings(store, explain=True)}
    for no in (COUNTY_NO, CITY_NO):
        r = explained["plenary"]
        assert r[f"{no} source"] == TEXTS[no][r[f"{no} start"]:r[f"{no} end"]] and "全体会议" in r[f"{no} source"]


def test_a_joint_meeting_s_own_duties_by_duties_who_and_meetings(store):
    """Each joint meeting's 一、主要职责 are its own duties: `duties 联席会议` lists them (by the
    end of the body's name, as an office is asked: each place's joint meeting; or its full
    name), spanned at each phrase; `who 工作机制` ranks the county's 完善婴幼儿照护服务工作机制
    first; `meetings` shows them, and whom each meeting works under (在县政府领导下)."""
    rows = Q.duties(store, "联席会议", explain=True)
    assert {(r["jurisdiction"], r["department"]) for r in rows} == {
        ("祁门县", "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议"),
        ("巴彦淖尔市", "巴彦淖尔市促进3岁以下婴幼儿照护服务发展工作联席会议")}
    county = [r for r in rows if r["jurisdiction"] == "祁门县"]
    assert [r["text"] for r in county][:2] == ["统筹协调我县3岁以下婴幼儿照护服务发展各项工作", "贯彻省、市有关政策"]
    assert len(county) == 7 and len(rows) == 18 and {r["kind"] for r in rows} == {"duty"}
    assert all(r["source"] == r["text"] == TEXTS[r["notice"]][r["start"]:r["end"]] for r in rows)
    assert {r["clause_id"] for r in county} == {"main/1"} and county[0]["clause"] == "一、"
    assert Q.duties(store, "联席会议", jurisdiction="祁门县") == [{k: v for k, v in r.items()
                                                             if k not in ("source", "start", "end")} for r in county]
    assert len(Q.duties(store, "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议")) == 7
    assert len(Q.duties(store, "促进3岁以下婴幼儿照护服务发展工作联席会议", jurisdiction="市")) == 11
    assert {r["department"] for r in Q.duties(store, "联席会议办公室")} == {  # the offices, not the meetings
        "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议办公室", "巴彦淖尔市促进3岁以下婴幼儿照护服务发展工作联席会议办公室"}
    best = Q.who(store, "工作机制")[0]
    assert (best["department"], best["text"]) == ("祁门县促进3岁以下婴幼儿照护服务发展工作联席会议", "完善婴幼儿照护服务工作机制")
    meetings = {r["key"]: r for r in Q.meetings(store, explain=True)}
    own = meetings["duties"]
    assert own["item"] == "主要职责"
    assert own[COUNTY_NO].startswith("统筹协调我县3岁以下婴幼儿照护服务发展各项工作；贯彻省、市有关政策；制定")
    assert own[COUNTY_NO].endswith("；完成省、市相关任务和县委、县政府交办的其他事项")  # each without its stop
    assert own[CITY_NO].count("；") == 10
    assert own[f"{COUNTY_NO} source"] == "统筹协调我县3岁以下婴幼儿照护服务发展各项工作"
    assert (meetings["reports_to"][COUNTY_NO], meetings["reports_to"][CITY_NO]) == ("县人民政府", "市人民政府")
    result = run("duties", "联席会议", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 19 and result.stdout.count(",祁门县促进3岁以下婴幼儿照护服务发展工作联席会议,") == 7


def test_meetings_explain_shows_where_a_body_s_reporting_line_is_said(store):
    """`meetings --explain` traces the 在…领导下 row to the words that say it (在县政府领导下:
    the reified org:reportsTo's span), as it traces the convenor's and the rules' rows."""
    r = next(r for r in Q.meetings(store, explain=True) if r["key"] == "reports_to")
    for no, said in ((COUNTY_NO, "在县政府领导下"), (CITY_NO, "在市政府领导下")):
        assert r[f"{no} source"] == said == TEXTS[no][r[f"{no} start"]:r[f"{no} end"]], no
    table = run("meetings", "--explain").stdout
    assert f"{COUNTY_NO}: [{r[f'{COUNTY_NO} start']}, {r[f'{COUNTY_NO} end']}) 在县政府领导下" in table


def test_meetings_explain_shows_where_the_member_units_are_listed(store):
    """`meetings --explain` gave the 成员单位数 row no source: it now quotes the list, from its
    first unit to its last (the memberships' spans), as the store and the index read it."""
    r = next(r for r in Q.meetings(store, explain=True) if r["key"] == "members")
    for no, first, last in ((COUNTY_NO, "县卫生健康委", "县消防救援大队"), (CITY_NO, "市委编办", "市计划生育协会")):
        said = TEXTS[no][r[f"{no} start"]:r[f"{no} end"]]
        assert r[f"{no} source"] == said and said.startswith(first) and said.endswith(last), no


def test_departments_counts(store, county, city):
    rows = Q.departments(store)
    by_name = {(r["jurisdiction"], r["department"]): r for r in rows}
    for doc, j in ((county, "祁门县"), (city, "巴彦淖尔市")):
        for dep in doc.facts.departments.values():
            if dep.jurisdiction != j or dep.id == doc.facts.meeting.unit:
                continue  # the joint meeting, of its own duties too, is `meetings`' (below), not a department
            r = by_name[(j, dep.name)]
            assert r["duties"] == sum(d.department == dep.id for d in doc.facts.duties), dep.name
            assert r["tasks"] == sum(dep.id in a.departments for a in doc.facts.assignments), dep.name
    assert not [r for r in rows if r["department"].endswith("联席会议")]
    health = by_name[("巴彦淖尔市", "市卫生健康委")]
    assert (health["duties"], health["tasks"], health["member_of"], health["concept"], health["label_en"]) == \
        (11, 16, 1, "health", "Health Commission")  # 7 in its item, 3 in the plan: 由卫生健康部门牵头 …, 代章
    assert by_name[("祁门县", "县卫生健康委")]["duties"] == 6  # 5 in its item, 代章
    assert by_name[("巴彦淖尔市", "河套学院")]["concept"] is None
    assert sum(r["member_of"] for r in rows) == 21 + 18
    explained = Q.departments(store, explain=True)
    assert sum(r["source"] is not None for r in explained) >= len(explained) - 2  # issuers: no mention
    for r in explained:
        if r["source"] is not None:  # its first mention, as written in one of the notices
            assert r["source"] in (TEXTS[COUNTY_NO][r["start"]:r["end"]], TEXTS[CITY_NO][r["start"]:r["end"]])


def test_departments_of_one_jurisdiction(store):
    every = Q.departments(store, explain=True)
    for wanted, keep in (("祁门县", {"祁门县"}), ("祁门", {"祁门县", "祁门县所在省"}), ("市", {"巴彦淖尔市"}),
                         ("county", {"祁门县"}), ("巴彦淖尔市", {"巴彦淖尔市", "巴彦淖尔市所辖旗县区"})):
        # (a place named exactly takes in the places below it its notice names together, as its start does)
        rows = Q.departments(store, jurisdiction=wanted, explain=True)
        assert rows == [r for r in every if r["jurisdiction"] in keep], wanted
    assert {r["jurisdiction"] for r in Q.departments(store, jurisdiction="巴彦淖尔市", only=True)} == {"巴彦淖尔市"}
    assert {r["jurisdiction"] for r in Q.departments(store, jurisdiction="巴彦淖尔")} == {"巴彦淖尔市", "巴彦淖尔市所辖旗县区"}
    assert Q.departments(store, jurisdiction="火星") == []
    out = run("departments", "-j", "祁门县", "-f", "json")
    assert out.exit_code == 0 and {r["jurisdiction"] for r in json.loads(out.stdout)} == {"祁门县"}
    for args in (("departments", "-j", "火星"), ("duties", "卫健委", "-j", "火星")):  # no such place: an error
        out = run(*args)
        assert out.exit_code == 1 and "no jurisdiction '火星'" in out.output and "祁门县" in out.output, args
    out = run("duties", "气象局", "-j", "祁门县", "-f", "json")  # a place holding no such duty: no rows
    assert out.exit_code == 0 and json.loads(out.stdout) == []


def test_the_governments_below_asked_for_by_their_name_as_written_are_found():
    """重庆's 各区县（自治县）人民政府负责… and 凉山's 各县（市）人民政府要参照… are the governments of the
    places below together (区县人民政府 / 县市人民政府 in the graph): `duties 区县人民政府` found the
    duty, `duties 各区县（自治县）人民政府`, the name as the notice writes it, an error (no department so
    called). The name as written finds them now; the registry's concept alone (every place's) does not."""
    audit = ROOT / "tests" / "data" / "audit"
    for name, notice, place, text in (
            ("各区县（自治县）人民政府", "chongqing-elderly-care-joint-meeting.txt", "重庆市所辖区县",
             "负责本地养老服务体系建设的组织实施。"),
            ("各县（市）人民政府", "liangshan-childcare-joint-meeting.txt", "凉山彝族自治州所辖县市",
             "要参照建立相应工作机制，西昌市、昭觉县要发挥示范带动作用。")):
        out = run("duties", name, "-f", "json", "--from", str(audit / notice))
        assert out.exit_code == 0, out.output
        assert [(r["jurisdiction"], r["text"]) for r in json.loads(out.stdout)] == [(place, text)]
    out = run("duties", "各乡镇人民政府", "-f", "json", "--from", str(audit / "chongqing-elderly-care-joint-meeting.txt"))
    assert out.exit_code == 1 and "no department called" in out.output  # (no 乡镇 addressed in it)


def test_a_zone_s_body_named_with_and_without_the_city_s_prefix_is_one_row():
    """宣城's two notices name its development zone's party working committee 市经开区党工委 (化工园区's
    members, audit) and 经开区党工委 (企业服务's): `departments -j 宣城` listed two rows, each of one
    duty, one notice. A zone's body written after the notice's own prefix (市) is the zone's, named
    without it (经开区党工委, as 市发展改革委 is one with 发展改革委): one row, two duties, two notices;
    a place's name before the zone's (滁州经济技术开发区管委会) is the zone's own and stays."""
    audit = ROOT / "tests" / "data" / "audit"
    out = run("departments", "-j", "宣城", "-f", "json",
              "--from", str(audit / "xuancheng-chemical-park-safety-joint-meeting.txt"),
              "--from", str(audit / "xuancheng-development-zone-enterprise-service-joint-meeting.txt"))
    assert out.exit_code == 0, out.output
    rows = {r["department"]: r for r in json.loads(out.stdout)}
    assert "市经开区党工委" not in rows
    assert (rows["经开区党工委"]["duties"], rows["经开区党工委"]["member_of"], rows["经开区党工委"]["notices"]) == (2, 2, 2)
    assert (rows["高新区党工委"]["duties"], rows["高新区党工委"]["notices"]) == (1, 1)
    from extractor.departments import zone_body
    assert [zone_body(n, p) for n, p in (("市经开区党工委", "市"), ("县经济开发区管委会", "县"), ("市政务服务中心", "市"),
                                         ("滁州经济技术开发区管委会", "滁州"), ("市经开区", "市"))] == \
        ["经开区党工委", "经济开发区管委会", None, None, None]


# --- explain: the source text is the notice's own text ----------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda s: Q.duties(s, "卫健委", explain=True),
    lambda s: Q.duties(s, "市场监管局", explain=True),
    lambda s: Q.who(s, "用地", explain=True),
])
def test_explain_rows_are_slices_of_the_notice_file(store, call):
    rows = call(store)
    assert rows
    for r in rows:
        assert r["source"] and r["source"] == TEXTS[r["notice"]][r["start"]:r["end"]]
        if r["kind"] == "duty":
            assert r["source"] == r["text"]
        else:  # a task: its clause through the tag naming the department
            assert r["source"].rstrip().endswith(("负责)", "负责）")) and r["text"] in r["source"]


# --- injection and binding -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", INJECTIONS)
def test_injection_matches_nothing_and_changes_nothing(store, name):
    before = snapshot(store)
    assert Q.duties(store, name) == []
    assert Q.duties(store, "卫健委", jurisdiction=name) == []
    hits = Q.who(store, name)  # never raises; only a Chinese word in it may match a statement
    assert hits == [] or re.search("[\u4e00-\u9fff]", name)
    assert Q.members(store, name) == [] and Q.refs(store, name) == []
    assert not Q.known_department(store, name)
    assert snapshot(store) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_bound_value_comes_back_unchanged(store, text):
    """VALUES written by pyoxigraph: whatever the value, the query parses and returns it as is."""
    rows = Q.select(store, "SELECT ?v WHERE { }", v=text)
    assert rows == [{"v": text}]
    Q.duties(store, text)  # never raises


def test_bind_writes_values_not_text():
    q = Q.bind("SELECT ?org WHERE { ?org rdfs:label ?name }", name='"} ; DROP ALL ; #')
    assert 'VALUES ?name { "\\"} ; DROP ALL ; #" }' in q
    q = Q.bind("SELECT ?org WHERE { ?org rdfs:label ?name }", n=[1, 2], c=ox.NamedNode("http://x/y"))
    assert "VALUES (?n ?c) { (1 <http://x/y>) (2 <http://x/y>) }" in q.replace(
        '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', "1").replace('"2"^^<http://www.w3.org/2001/XMLSchema#integer>', "2")
    with pytest.raises(PolicykgError):
        Q.bind("SELECT ?x WHERE { ?x ?p ?o }", **{"bad name": 1})
    assert Q.select(ox.Store(), "SELECT ?v WHERE { }", v=[]) == []
    assert Q.select(ox.Store(), "SELECT ?v ?w WHERE { }", v=[], w=[1]) == []


def test_bind_binds_variables_together_from_tuples(store):
    pairs = [(ox.NamedNode("http://x/a"), 1), (ox.NamedNode("http://x/b"), 2)]
    q = Q.bind("SELECT ?o ?n WHERE { }", o__n=pairs)
    assert "VALUES (?o ?n) { (<http://x/a> " in q and q.count("(<http://x/") == 2
    assert sorted((r["o"], r["n"]) for r in Q.select(store, "SELECT ?o ?n WHERE { }", o__n=pairs)) == \
        [("http://x/a", 1), ("http://x/b", 2)]
    with pytest.raises(PolicykgError):
        Q.bind("SELECT ?o ?n WHERE { }", o__n=[(1,)])


def test_bind_tuples_are_the_cross_product_and_separate_blocks_past_the_cap(store, monkeypatch):
    """Several variables: one block of every combination (the same solutions as separate
    blocks); past `VALUES_TUPLES_MAX` combinations, one block each."""
    query = "SELECT ?o ?c WHERE { GRAPH ?g { ?o org:classification ?c } }"
    orgs = [r["o"] for r in Q.select(store, "SELECT DISTINCT ?o WHERE { GRAPH ?g { ?o org:classification ?c } }")]
    concepts = [ox.NamedNode(DEPT + c) for c in ("fire-rescue", "health", "education")]
    values = {"o": [ox.NamedNode(o) for o in orgs], "c": concepts}
    together = Q.select(store, query, **values)
    assert "VALUES (?o ?c)" in Q.bind(query, **values)
    monkeypatch.setattr(Q, "VALUES_TUPLES_MAX", 1)
    assert "VALUES ?o {" in Q.bind(query, **values) and "VALUES ?c {" in Q.bind(query, **values)
    apart = Q.select(store, query, **values)
    key = lambda r: (r["o"], r["c"])
    assert sorted(together, key=key) == sorted(apart, key=key)
    assert {local(r["c"]) for r in together} == {"fire-rescue", "health", "education"}
    found = {r["o"].split("/jurisdiction/", 1)[1] for r in together}
    assert {f"{place}/org/{c}" for place in ("祁门县", "巴彦淖尔市")
            for c in ("fire-rescue", "health", "education")} <= found


def test_long_values_are_bound_in_slices_with_the_same_answers(store, monkeypatch):
    """`split_on` binds a long list a slice at a time; every named query answers the same."""
    everything = lambda: (Q.duties(store, "卫健委"), Q.notices(store, [n["graph"] for n in Q.notices(store)]),
                          Q.who(store, "消防"), Q.members(store), Q.departments(store), Q.refs(store))
    whole = everything()
    calls = []
    real = Q.bind
    monkeypatch.setattr(Q, "bind", lambda query, **values: (calls.append(values), real(query, **values))[1])
    monkeypatch.setattr(Q, "VALUES_SLICE", 1)
    Q._INDEXES.clear()
    assert everything() == whole
    assert any(len(v) == 1 for c in calls for v in c.values() if isinstance(v, list))
    rows = Q.select(store, "SELECT ?n ?no WHERE { GRAPH ?g { ?n eli:id_local ?no } }", split_on="n",
                    n=[ox.NamedNode(x["iri"]) for x in Q.notices(store)])
    assert sorted(r["no"] for r in rows) == sorted([COUNTY_NO, CITY_NO])


# --- raw SPARQL -------------------------------------------------------------------------------------------------


def test_sparql_select_ask_construct(store):
    res = Q.sparql(store, "SELECT ?n ?no WHERE { ?n a pk:Notice ; eli:id_local ?no } ORDER BY ?no")
    assert res.kind == "select" and res.variables == ["n", "no"]
    assert [r["no"] for r in res.rows] == sorted([COUNTY_NO, CITY_NO])
    assert Q.sparql(store, "ASK { ?o org:classification pkd:fire-rescue }").boolean is True
    assert Q.sparql(store, "ASK { ?o org:classification pkd:no-such-thing }").boolean is False
    g = Q.sparql(store, "CONSTRUCT { ?o rdfs:label ?l } WHERE { ?o org:classification pkd:fire-rescue ; rdfs:label ?l }")
    parsed = list(ox.parse(g.turtle().encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert {t.object.value for t in parsed} == {"县消防救援大队", "市消防救援支队"}
    explained = Q.sparql(store, "SELECT ?d WHERE { ?d a pk:DutyAssignment ; pk:assignee/org:classification pkd:fire-rescue "
                         "FILTER NOT EXISTS { ?d a pk:TaskAssignment } }",
                         explain=True)
    assert len(explained.rows) == 4 and all("消防" in r["source"] or "安全" in r["source"] for r in explained.rows)


def test_construct_turtle_keeps_a_literal_holding_line_separators():
    """CONSTRUCT's Turtle puts its prefixes first, found line by line: a literal holding
    U+2028 (or U+0085), which Turtle keeps as it is, was cut there, and its text after it
    taken for a prefix line when it began "@prefix" — the statement came out garbled, not
    Turtle (found by fuzzing)."""
    store = ox.Store()
    text = "段\u2028@prefix zz: <http://z/> .\u2028落\x85尾"
    store.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(text), ox.NamedNode("http://x/g")))
    ttl = Q.sparql(store, "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }").turtle()
    parsed = list(ox.parse(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert [(t.subject.value, t.object.value) for t in parsed] == [("http://x/a", text)]


def test_sparql_select_star_columns_in_query_order(store):
    """pyoxigraph names the columns of SELECT * by sorted name; analysts expect ?s ?p ?o."""
    res = Q.sparql(store, "PREFIX x: <http://x/>\nSELECT * WHERE { ?s ?p ?o } LIMIT 3")
    assert res.variables == ["s", "p", "o"] and list(res.rows[0]) == ["s", "p", "o"]
    assert all(r["s"].startswith("http") for r in res.rows)  # values moved with their column
    res = Q.sparql(store, "select distinct * { ?zdoc a pk:Notice ; eli:id_local $anum OPTIONAL { ?zdoc dct:title ?bt } }")
    assert res.variables == ["zdoc", "anum", "bt"] and {r["anum"] for r in res.rows} == {COUNTY_NO, CITY_NO}
    assert Q.sparql(store, "SELECT ?o ?s WHERE { ?s ?p ?o } LIMIT 1").variables == ["o", "s"]  # as written


def test_sparql_describe_gives_each_triple_once(store):
    """DESCRIBE over the union listed a triple once per graph holding it (the software
    agent's, in every notice's graph, twice here; 8 times over 8 notices): a graph is a set."""
    agent = Q.sparql(store, "SELECT ?a WHERE { ?a a prov:SoftwareAgent } LIMIT 1").rows[0]["a"]
    triples = Q.sparql(store, f"DESCRIBE <{agent}>").triples
    assert triples and len(triples) == len(set(triples))


def test_sparql_from_names_the_default_graph(store):
    """`FROM <g>` was ignored: the union of every graph stayed the default graph (a count
    FROM a graph that does not exist gave the whole store's). SPARQL 1.1: the dataset clause,
    when there is one, is the default graph; without one, the union of the notices' graphs."""
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
    every = int(Q.sparql(store, count.format("")).rows[0]["n"])
    graph = next(n["graph"] for n in Q.notices(store) if n["number"] == COUNTY_NO)
    own = len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph))))
    assert 0 < own < every
    assert int(Q.sparql(store, count.format(f"FROM <{graph}>")).rows[0]["n"]) == own
    assert int(Q.sparql(store, count.format("FROM <http://nothing.example/>")).rows[0]["n"]) == 0
    named = "SELECT (COUNT(*) AS ?n) FROM NAMED <{}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}".format(graph)
    assert int(Q.sparql(store, named).rows[0]["n"]) == own
    assert int(Q.sparql(store, count.format("") + " # FROM <http://nothing.example/>").rows[0]["n"]) == every


@pytest.mark.parametrize("text", [
    "INSERT DATA { <a:a> <a:b> <a:c> }",
    "PREFIX x: <http://x/>\n# a comment\ndelete where { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "LOAD <http://example.org/x.ttl>",
])
def test_sparql_updates_are_refused(store, text):
    before = snapshot(store)
    with pytest.raises(PolicykgError, match="updates are refused"):
        Q.sparql(store, text)
    assert snapshot(store) == before


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",  # was: OSError traceback
    "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . service silent <http://127.0.0.1:9/> { ?a ?b ?c } }",
])
def test_sparql_federated_queries_are_refused(store, text):
    with pytest.raises(PolicykgError, match=r"^federated queries \(SERVICE\) are refused"):
        Q.sparql(store, text)


def test_sparql_syntax_error_is_one_line(store):
    with pytest.raises(PolicykgError) as exc:
        Q.sparql(store, "SELECT ?x WHERE {\n ?x ?p \n")
    assert "syntax error" in str(exc.value) and "\n" not in str(exc.value)


def test_the_prefixes_of_the_ontology_files_and_readme_are_declared(store):
    """README tells users to query pkx:Phrase and pkx:saidByTask: the comparison's prefixes
    (and align:, sh:, dcterms:) failed as undeclared. Every @prefix of ontology/*.ttl is
    declared with the files' namespace, and export's prefixes are."""
    from pathlib import Path

    from extractor.graph import PREFIXES as EXPORT_PREFIXES

    files = {}
    for ttl in sorted((Path(__file__).parent.parent / "ontology").glob("*.ttl")):
        for name, ns in re.findall(r"^@prefix\s+([\w-]*):\s*<([^>]*)>", ttl.read_text(encoding="utf-8"), re.M):
            files[name] = ns
    assert {"pkx", "align", "sh", "pkc", "pkt"} <= set(files)
    assert {p: Q.PREFIXES.get(p) for p in files} == files
    assert {p: Q.PREFIXES.get(p) for p in EXPORT_PREFIXES} == EXPORT_PREFIXES
    for text in ("ASK { ?s ?p pkx:Phrase }", "ASK { ?s pkx:saidByTask ?t }", "ASK { ?c a align:Cell }",
                 "ASK { ?s sh:path ?p }", "ASK { ?d dcterms:identifier ?id }", "ASK { ?t a pkp:x }"):
        assert Q.sparql(store, text).kind == "ask", text
    assert Q.sparql(store, "ASK { ?c dcterms:identifier ?id }").boolean is True  # dct's namespace


@pytest.mark.parametrize("text, message", [
    ("ASK { ?s ?p qq:x }", "SPARQL syntax error: prefix qq: is not declared (declared: align, dct, dcterms, eli, "),
    # Oxigraph said "expected OPTIONAL" here, after the undeclared prefix
    ('SELECT ?x WHERE {\n  ?x rdfs:label "消防救援" ; foo:bar ?z }', "SPARQL syntax error: prefix foo: is not declared"),
    ("SELECT * WHERE { :a ?p ?o }", "SPARQL syntax error: prefix : is not declared"),
    ("PREFIX x: <http://x/>\nSELECT * { ?s x:p ?o }\n  ORDER ?s", "SPARQL syntax error at line 3, column 11 (end of the query): expected BY"),
    ("SELEC ?x WHERE { }", "SPARQL syntax error at line 1, column 10 (at 'WHERE { }'): expected CONSTRUCT"),
    ('SELECT * WHERE { ?s ?p "a:b" . ?s ?q ?o # c:d\n} LIMIT x',
     "SPARQL syntax error at line 2, column 9 (at 'x'): expected a number or one of HAVING, OFFSET, OPTIONAL, VALUES"),
    ("SELECT ?x WHERE {\n ?x ?p \n", "SPARQL syntax error at line 3, column 1 (end of the query): expected a term "
                                      '(IRI, prefixed name, variable or literal) or one of "$", '),
    # the parser names only LATERAL and SERVICE here: the object missing was not said
    ("SELECT * WHERE { ?s ?p }", "SPARQL syntax error at line 1, column 25 (end of the query): expected a term "),
    # were "expected a number or one of The query limit should be…" and "expected ENCODE_FOR_URI, …"
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999999",
     "SPARQL syntax error at line 1, column 58 (end of the query): the query limit should be a non negative integer"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o = <x>) }",
     "SPARQL syntax error: <x> is a relative IRI and the query sets no BASE: write the full IRI (<http://…>) or a prefixed name"),
    ("SELECT * WHERE { <foo> ?p ?o }", "SPARQL syntax error: <foo> is a relative IRI"),  # was "expected OPTIONAL"
    # were "prefix http: is not declared … write PREFIX http: <…>": the IRI's pattern failed
    ("SELECT * WHERE { <http://x/a b> ?p ?o }",
     "SPARQL syntax error: <http://x/a b> holds a character an IRI cannot (a space): write it percent-encoded (%20)"),
    ("ASK { ?s ?p <http://x/{a}> }", "SPARQL syntax error: <http://x/{a}> holds a character an IRI cannot ('{'): "
                                     "write it percent-encoded (%7B)"),
    ("ASK { ?s <http://x/a^b> ?o }", "SPARQL syntax error: <http://x/a^b> holds a character an IRI cannot ('^'): "
                                     "write it percent-encoded (%5E)"),
    ("SELECT * WHERE { ?s ?p ?n FILTER(?n<10&&?n>2) } LIMIT x", "SPARQL syntax error at line 1, column 55 (at 'x'): expected a number"),
    # a U+2028 in a literal is no line break to the parser (was: "(end of the line)", the line cut there)
    ('SELECT * WHERE { ?s ?p "a\u2028b" } LIMIT x', "SPARQL syntax error at line 1, column 38 (at 'x'): expected a number"),
])
def test_sparql_syntax_errors_are_short_and_say_what_is_wrong(store, text, message):
    """An undeclared prefix is named, with those declared (it was 484 characters of parser
    character ranges with "Prefix not found" buried in them); other errors say where the
    parser stopped and the tokens it expected, without the character ranges."""
    with pytest.raises(PolicykgError) as exc:
        Q.sparql(store, text)
    said = str(exc.value)
    assert said.startswith(message) and "\n" not in said and "..=" not in said and len(said) < 240, said


# --- README's SPARQL: the union of the notices' graphs is a bag ---------------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")
README_QUERIES = re.findall(r"^policykg sparql '([^']*)'", README, re.M) + re.findall(r"^```sparql\n(.*?)^```", README, re.M | re.S)


@pytest.fixture(scope="module")
def corpus_store():
    """corpus/ and tests/data/extra/, as the README's figures are counted."""
    from extractor.build import load_store

    return load_store([CORPUS, EXTRA[0].parent])


def test_readme_sparql_examples_answer_as_over_a_set_of_triples(tmp_path):
    """The union default graph repeats a triple once per notice stating it: the README's
    example listed 祁门县's fire and rescue unit twice once two notices of the county named it.
    Each of README's queries gives the rows it gives over the set of the store's triples
    (a graph holding each once), the notices' graphs kept for GRAPH ?notice."""
    from extractor.build import load_store
    from extractor.graph import QUERY_PREFIXES

    second = tmp_path / "qimen-2022.txt"  # the county's next notice, naming the same units
    second.write_text(COUNTY.read_text(encoding="utf-8").replace("祁政办秘〔2021〕45号", "祁政办秘〔2022〕3号"), encoding="utf-8")
    bag = load_store([CORPUS, EXTRA[0].parent, second])
    graphs = list(bag.named_graphs())
    assert len(README_QUERIES) >= 4, README_QUERIES
    answers = {text: sorted(tuple(str(v) for v in r.values()) for r in Q.sparql(bag, text).rows) for text in README_QUERIES}
    whole = ox.NamedNode("urn:x-test:every-triple-once")
    bag.extend(ox.Quad(q.subject, q.predicate, q.object, whole) for q in list(bag))

    def rows(text: str, **dataset) -> list[tuple]:
        res = bag.query(text, prefixes=QUERY_PREFIXES, **dataset)
        if isinstance(res, ox.QueryBoolean):
            return [(bool(res),)]
        return sorted(tuple(str(Q.value(t)) for t in sol) for sol in res)

    over = "SELECT ?o WHERE { ?o org:classification pkd:fire-rescue }"  # the example as it was
    assert len(rows(over, default_graph=graphs)) > len(rows(over, default_graph=whole, named_graphs=graphs))
    for text in README_QUERIES:
        expected = rows(text, default_graph=whole, named_graphs=graphs)
        assert expected and rows(text, default_graph=graphs, named_graphs=graphs) == expected, text
        assert answers[text] == expected, text
    notices = {n["iri"] for n in Q.notices(bag)}
    for text in README_QUERIES:  # ?notice is a notice, not its graph (GRAPH ?notice bound the graph)
        found = {r["notice"] for r in Q.sparql(bag, text).rows if "notice" in r}
        assert found <= notices, text


def test_readme_figures_of_the_bag(corpus_store):
    """README's figures of the analyst's counts, with and without DISTINCT."""
    count = "SELECT (COUNT(?o) AS ?rows) (COUNT(DISTINCT ?o) AS ?distinct) WHERE { ?o a org:Organization }"
    [orgs] = Q.sparql(corpus_store, count).rows
    citing = ("SELECT (COUNT(?n) AS ?rows) (COUNT(DISTINCT ?n) AS ?distinct) WHERE { ?n eli:cites|eli:based_on ?doc . "
              '?doc eli:id_local "国办发〔2019〕15号" }')
    [cite] = Q.sparql(corpus_store, citing).rows
    # (荆州's three zones addressed as bodies; 巴彦淖尔市's counties' 旗县区机构编制部门, 民政部门,
    # 市场监督管理部门, 住建部门)
    assert (orgs, cite) == ({"rows": 160, "distinct": 146}, {"rows": 16, "distinct": 4})
    flat = re.sub(r"\s+", " ", README)
    assert "matches 160 times for 146 organisations" in flat and "come 16 times for 4" in flat


def test_readme_quote_recipe_quotes_each_duty(corpus_store):
    """README's quote recipe runs as written: a span has only its offsets, the text is in
    the notice's graph; each quote is the duty's or task's own text (pk:dutyText)."""
    [recipe] = [q for q in README_QUERIES if "SUBSTR" in q]
    res = Q.sparql(corpus_store, recipe)
    texts = {r["a"]: r["t"] for r in Q.sparql(corpus_store, "SELECT ?a ?t WHERE { ?a pk:dutyText ?t }").rows}
    assert len(res.rows) == 6 and all(r["quote"] == texts[r["duty"]] for r in res.rows), res.rows
    quotes = {(r["notice"].split("/doc/")[1], r["quote"]) for r in res.rows}
    assert ("祁政办秘-2021-45", "推动增强婴幼儿照护服务机构消防安全意识。") in quotes  # the notice, not its graph
    assert ("巴政办发-2021-20", "落实安全责任制") in quotes  # a task: its text, not its tag


# --- the CLI -------------------------------------------------------------------------------------------------------

COMMANDS = [
    (["duties", "市场监管局"], lambda s: Q.duties(s, "市场监管局"), "duties"),
    (["duties", "卫健委", "--jurisdiction", "祁门县"], lambda s: Q.duties(s, "卫健委", jurisdiction="祁门县"), "duties"),
    (["who", "消防"], lambda s: Q.who(s, "消防", limit=50), "who"),
    (["members"], lambda s: Q.members(s), "members"),
    (["refs"], lambda s: Q.refs(s), "refs"),
    (["departments"], lambda s: Q.departments(s), "departments"),
]


def _strings(rows, columns):
    return [{c: "" if r.get(c) is None else str(r[c]) for c in columns} for r in rows]


@pytest.mark.parametrize("args,call,name", COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_cli_formats_give_the_same_rows(store, args, call, name):
    expected = call(store)
    columns = list(Q.COLUMNS[name])
    as_csv = run(*args, "--format", "csv")
    as_json = run(*args, "--format", "json")
    as_table = run(*args)
    assert as_csv.exit_code == as_json.exit_code == as_table.exit_code == 0, as_csv.output
    csv_rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    json_rows = json.loads(as_json.stdout)
    assert csv_rows == _strings(json_rows, columns) == _strings(expected, columns)
    assert json_rows == [{c: r.get(c) for c in columns} for r in expected]
    for r in expected:  # every row is in the table
        cell = r[columns[0]] if name != "who" else r["department"]
        assert str(cell) in as_table.stdout


def test_cli_explain_in_every_format(store):
    rows = json.loads(run("duties", "卫健委", "-j", "祁门县", "--explain", "-f", "json").stdout)
    assert len(rows) == 6 and all(r["source"] == TEXTS[COUNTY_NO][r["start"]:r["end"]] for r in rows)
    csv_rows = list(csv.DictReader(io.StringIO(run("duties", "卫健委", "-j", "祁门县", "--explain", "-f", "csv").stdout)))
    assert [(r["source"], int(r["start"]), int(r["end"])) for r in csv_rows] == [(r["source"], r["start"], r["end"]) for r in rows]
    table = run("duties", "卫健委", "-j", "祁门县", "--explain").stdout
    for r in rows:
        assert f"[{r['start']}, {r['end']})" in table
    meetings = json.loads(run("meetings", "--explain", "-f", "json").stdout)
    plenary = next(r for r in meetings if r["key"] == "plenary")
    assert plenary[f"{COUNTY_NO} source"].startswith("（一）全体会议制度")


def test_cli_meetings_table_and_json(store):
    out = run("meetings")
    assert out.exit_code == 0
    assert "每半年1次 (P6M ×1)" in out.stdout and "每年1–2次 (P1Y ×1–2)" in out.stdout
    rows = json.loads(run("meetings", "-f", "json").stdout)
    assert rows == [{k: r[k] for k in ("item", "key", CITY_NO, COUNTY_NO)} for r in Q.meetings(store)]


def test_meetings_of_named_notices_only(store):
    both = Q.meetings(store)
    county = Q.meetings(store, ["祁门县"])
    assert [set(r) for r in county] == [{"item", "key", COUNTY_NO}] * len(county)
    by_key = {r["key"]: r for r in both}
    assert len(county) >= 10 and all(r[COUNTY_NO] == by_key[r["key"]][COUNTY_NO] for r in county)
    assert [r["key"] for r in Q.meetings(store, [CITY_NO, "祁门县"])] == [r["key"] for r in both]
    assert Q.meetings(store, ["没有这个县"]) == []


def test_cli_meetings_of_named_notices(store):
    rows = json.loads(run("meetings", "巴彦淖尔市", "-f", "json").stdout)
    assert rows and all(set(r) == {"item", "key", CITY_NO} for r in rows)
    out = run("meetings", "没有这个县")
    assert out.exit_code == 1 and out.stdout.strip() == "" and "no notice matches" in out.stderr


def test_meetings_say_who_chairs_attends_and_is_invited_to_each_kind(store):
    """After each kind of meeting, who chairs it (主持), attends (参加) or may be invited
    (邀请参加), as the notice writes it and, in brackets, the meeting's posts that names;
    the liaison post with who holds it (（办公室成员）: the city's liaisons sit in the office)."""
    rows = Q.meetings(store, explain=True)
    keys = [r["key"] for r in rows]
    assert keys[keys.index("office_director") + 1] == "liaison_officer"
    assert keys[keys.index("plenary"):keys.index("plenary") + 3] == ["plenary", "plenary_chair", "plenary_invitee"]
    assert keys[keys.index("liaison"):keys.index("liaison") + 3] == ["liaison", "liaison_chair", "liaison_attendee"]
    by = {r["key"]: r for r in rows}
    assert by["plenary_chair"]["item"] == "全体会议 主持" and by["liaison_attendee"]["item"] == "联络员会议 参加"
    assert by["plenary_chair"][COUNTY_NO] == "联席会议召集人或副召集人（县政府分管副县长；县卫生健康委主要负责同志）"
    assert by["plenary_chair"][CITY_NO] == "联席会议召集人或副召集人（市政府分管领导；市卫生健康委主要负责同志）"
    assert by["plenary_invitee"][COUNTY_NO] == "其他相关单位负责人" and by["plenary_invitee"][CITY_NO] == "其他相关单位"
    assert by["liaison_chair"][CITY_NO] == "联席会议办公室主任（市卫生健康委分管负责同志）"
    assert by["liaison_attendee"][CITY_NO] == "各有关成员单位联络员（各成员单位有关业务科室1名负责同志）"
    assert by["liaison_chair"][COUNTY_NO] is None and "thematic_chair" not in by  # the county has no liaison meeting;
    # a thematic meeting is "召集" by the deputy or the office director: who chairs it is not said
    assert by["liaison_officer"][COUNTY_NO] == "各成员单位有关业务股室1名负责同志"
    assert by["liaison_officer"][CITY_NO] == "各成员单位有关业务科室1名负责同志（办公室成员）"
    # the county's 综合督查: 由联席会议办公室牵头组织，各成员单位配合 (the city has no such rule)
    assert keys[keys.index("inspection"):keys.index("inspection") + 3] == [
        "inspection", "inspection_organiser", "inspection_supporter"]
    assert (by["inspection_organiser"]["item"], by["inspection_supporter"]["item"]) == ("综合督查 组织", "综合督查 配合")
    assert (by["inspection_organiser"][COUNTY_NO], by["inspection_supporter"][COUNTY_NO]) == ("联席会议办公室", "各成员单位")
    for key in ("plenary_chair", "plenary_invitee", "liaison_officer", "inspection_organiser"):
        for no in (COUNTY_NO, CITY_NO) if key != "inspection_organiser" else (COUNTY_NO,):
            r = by[key]
            assert r[f"{no} source"] == TEXTS[no][r[f"{no} start"]:r[f"{no} end"]] and r[no].startswith(r[f"{no} source"])
    out = run("meetings")
    assert "全体会议 主持" in out.stdout and "联席会议办公室主任（市卫生健康委分管负责同志）" in out.stdout
    rows = json.loads(run("meetings", "-f", "json").stdout)
    assert next(r for r in rows if r["key"] == "liaison_attendee")[CITY_NO] == by["liaison_attendee"][CITY_NO]


def test_meetings_say_whom_the_joint_meeting_as_a_whole_may_invite(store):
    """祁门县's 联席会议可根据工作需要邀请其他有关部门和单位负责人参加, in no rule: a row of its
    own (meeting_invitee, 联席会议 邀请参加) before the kinds of meeting, with its span."""
    rows = Q.meetings(store, explain=True)
    keys = [r["key"] for r in rows]
    assert keys.index("members") < keys.index("meeting_invitee") < keys.index("plenary")
    r = rows[keys.index("meeting_invitee")]
    assert (r["item"], r[COUNTY_NO], r[CITY_NO]) == ("联席会议 邀请参加", "其他有关部门和单位负责人", None)
    assert r[f"{COUNTY_NO} source"] == TEXTS[COUNTY_NO][r[f"{COUNTY_NO} start"]:r[f"{COUNTY_NO} end"]] == r[COUNTY_NO]


def test_the_state_council_meeting_meets_regularly_or_as_needed_chaired_by_its_convenor():
    """The State Council's news page has no rule clause: its joint meeting meets "定期或不定期"
    (a meeting of no named kind, on a schedule or as needed: not 不定期 alone) and is chaired
    "由召集人或召集人委托副召集人"."""
    from conftest import EXTRA
    from extractor.build import load_store

    state = next(p for p in EXTRA if p.name.startswith("state-council"))
    by = {r["key"]: r for r in Q.meetings(load_store([state]))}
    (label,) = [k for k in by["general"] if k not in ("item", "key")]
    assert (by["general"]["item"], by["general"][label]) == ("会议", "定期或不定期")
    assert by["general_chair"][label] == ("召集人或召集人委托副召集人（国务院分管卫生健康工作的领导同志；"
                                          "国家卫生健康委主要负责同志；协助分管卫生健康工作的国务院副秘书长）")
    assert by["minutes"][label] == "✓"


def test_cli_sparql(tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?m a org:Membership }", encoding="utf-8")
    out = run("sparql", str(q), "-f", "json")
    assert out.exit_code == 0 and json.loads(out.stdout) == [{"n": 39}]
    assert run("sparql", "ASK { ?x a pk:Notice }").stdout.strip() == "true"
    ttl = run("sparql", "CONSTRUCT { ?o rdfs:label ?l } WHERE { ?o org:classification pkd:fire-rescue ; rdfs:label ?l }")
    assert ttl.exit_code == 0 and "@prefix rdfs:" in ttl.stdout and "县消防救援大队" in ttl.stdout
    for bad, message in (("INSERT DATA { <a:a> <a:b> <a:c> }", "updates are refused"),
                         ("SELECT ?x WHERE {", "syntax error"),
                         ("SELECT * WHERE { SERVICE <http://example.org/sparql> {?s ?p ?o} }", "(SERVICE)"),
                         ("ASK { ?s ?p qq:x }", "syntax error: prefix qq: is not declared (declared: align, ")):
        res = run("sparql", bad)
        assert res.exit_code == 1 and res.stdout == ""
        lines = [line for line in res.stderr.strip().splitlines() if line != city_note()]  # (the city's note)
        assert len(lines) == 1 and message in lines[0] and lines[0].startswith("policykg: error:")


def test_cli_errors_and_empty_results(tmp_path):
    for args, message in ((["duties", '"} ; DROP ALL ; #'], "no department called"),
                          (["members", "黄山市"], "no notice matches"),
                          (["refs", '"} ; DROP'], "no notice matches")):
        res = run(*args)
        assert res.exit_code == 1 and res.stdout == "", args
        lines = [line for line in res.stderr.strip().splitlines() if line != city_note()]  # (the city's note)
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in res.stderr
    empty = run("who", "区块链")
    assert empty.exit_code == 0 and "(no rows)" in empty.stdout
    assert run("who", "区块链", "-f", "json").stdout.strip() == "[]"
    negative = run("who", "消防", "--limit", "-1")  # printed no rows, as if nobody were responsible
    assert negative.exit_code == 2 and "--limit" in negative.stderr and negative.stdout == ""
    from extractor.cli import app

    missing = CliRunner().invoke(app, ["members", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 1 and "no store here" in missing.stderr
    both = CliRunner().invoke(app, ["members", "--store", str(tmp_path), "--from", str(COUNTY)])
    assert both.exit_code == 1 and "give one of --store, --from or --endpoint" in both.stderr


def test_cli_reads_a_store_on_disk(tmp_path):
    import gc

    from extractor.build import build_store
    from extractor.cli import app
    from extractor.store import open_store

    disk, _ = build_store([COUNTY, CITY], open_store(tmp_path / "store"))
    del disk
    gc.collect()
    res = CliRunner().invoke(app, ["members", "--store", str(tmp_path / "store"), "-f", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [sum(r["notice"] == n for r in rows) for n in (COUNTY_NO, CITY_NO)] == [21, 18]


@pytest.mark.parametrize("name, expected", [
    ("祁政办秘[2021]45号", [COUNTY_NO]),                                     # other brackets
    ("祁政办秘【2021】 45号", [COUNTY_NO]),                                  # and a space
    ("巴彦淖尔市", [CITY_NO]),                                              # the jurisdiction
    ("祁门", [COUNTY_NO]),                                                  # its start: the scan
    (COUNTY.name, [COUNTY_NO]), (CITY.stem, [CITY_NO]),                    # file name, stem
    ("祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度", [COUNTY_NO]),  # the document its title issues
    ("联席会议", []),
    ("祁政办秘-2021-45", [COUNTY_NO]), ("巴政办发-2021-20", [CITY_NO]),   # the 文号 as IRIs and warnings write it
    ("祁政办秘〔2021〕045号", [COUNTY_NO]),                                  # its number with a leading zero
    ("祁政办秘-2021-46", []),
])
def test_notices_are_named_by_lookup_keys(store, name, expected):
    assert [n["label"] for n in Q.match_notices(store, name)] == expected


def test_a_number_written_with_a_leading_zero_is_found_by_its_value(tmp_path):
    """A 文号 written 〔2021〕045号 kept the zero in its lookup key, though not in its IRI
    (祁政办秘-2021-45): asked for 祁政办秘〔2021〕45号, nothing was found. The literal stays
    as written."""
    from extractor.build import load_store

    path = tmp_path / "qimen.txt"
    path.write_text(COUNTY.read_text(encoding="utf-8").replace("〔2021〕45号", "〔2021〕045号", 1), encoding="utf-8")
    store = load_store([path])
    assert [n["label"] for n in Q.match_notices(store, COUNTY_NO)] == ["祁政办秘〔2021〕045号"]
    assert [g.rsplit("/", 2)[-2] for g in Q.graphs_named(store, ["祁政办秘[2021]45号"])["祁政办秘[2021]45号"]] == \
        ["祁政办秘-2021-45"]


def test_notices_of_named_graphs_whatever_the_graph_is_called(store):
    """Notices of given graphs are looked up by their IRI (graph IRI minus /graph); a graph
    named otherwise (another tool's store) is still found, by its name."""
    every = Q.notices(store)
    assert Q.notices(store, [n["graph"] for n in every]) == every
    county = next(n for n in every if n["label"] == COUNTY_NO)
    other = ox.Store()
    other.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("urn:x:county"))
                 for q in store.quads_for_pattern(None, None, None, ox.NamedNode(county["graph"])))
    [found] = Q.notices(other, ["urn:x:county"])
    assert found["label"] == COUNTY_NO and found["graph"] == "urn:x:county"
    assert Q.notices(store, []) == []


def test_lookup_keys_are_in_the_graph_and_found_by_index(store):
    keys = Q.graphs_named(store, ["祁政办秘[2021]45号", "巴彦淖尔市", "no such notice"])
    assert sorted(keys) == ["巴彦淖尔市", "祁政办秘[2021]45号"]
    assert [g.rsplit("/", 2)[-2] for g in keys["祁政办秘[2021]45号"]] == ["祁政办秘-2021-45"]


# --- coordination bodies other than a joint meeting ---------------------------------------------------


@pytest.fixture(scope="module")
def bodies(tmp_path_factory):
    """A store of the seeds, 兴安盟's 应急指挥部 and a leading group."""
    from conftest import XINGANMENG, leading_group
    from extractor.build import load_store

    return load_store([COUNTY, CITY, XINGANMENG, leading_group(tmp_path_factory.mktemp("lg"))])


def test_an_office_s_duties_are_found_by_duties_who_and_departments(bodies):
    """The 主要职责 of 兴安盟's 应急指挥部办公室 are the office's: `duties` lists them by its name,
    `who` ranks it for its own topic, `departments` counts them; the leading group's office too."""
    office = "盟重大沙尘暴灾害应急指挥部办公室"
    rows = Q.duties(bodies, office, explain=True)
    assert [(r["clause"], r["start"], r["end"]) for r in rows] == [
        ("(1)", 574, 607), ("(2)", 611, 665), ("(3)", 669, 710), ("(4)", 714, 730)]
    best = Q.who(bodies, "应急预案")  # ties 巴彦淖尔市's 应急管理局 (安全事故应急预案), ordered by notice label
    assert office in {r["department"] for r in best if r["score"] == best[0]["score"]}
    by_name = {r["department"]: r for r in Q.departments(bodies)}
    assert by_name[office]["duties"] == 4
    assert by_name["休宁县婴幼儿照护服务工作领导小组办公室"]["duties"] == 2
    assert not {"盟重大沙尘暴灾害应急指挥部", "休宁县婴幼儿照护服务工作领导小组"} & set(by_name)  # bodies are no departments
    # asked by the end of its name, as its own clause heads it ((八)应急指挥部办公室)
    assert [r["department"] for r in Q.duties(bodies, "应急指挥部办公室")] == [office] * 4
    assert {r["department"] for r in Q.duties(bodies, "领导小组办公室")} == {"休宁县婴幼儿照护服务工作领导小组办公室"}
    assert Q.duties(bodies, "沙尘暴办公室") == []


def test_a_league_the_notice_does_not_name_is_reached_by_its_level(bodies):
    """兴安盟's organisations are of a league its fragment does not name (盟财政局): `-j 盟` or
    `-j league` reaches them, by the level of its jurisdiction, labelled so (it was no place
    of the store: `no jurisdiction '盟'`); `-j 县` still finds the counties' only."""
    for asked in ("盟", "league"):
        Q.check_place(bodies, asked)
        rows = Q.departments(bodies, jurisdiction=asked)
        assert "盟财政局" in {r["department"] for r in rows}
        assert {r["jurisdiction"] for r in rows} == {"盟（名称未写明）"}
    assert [r["jurisdiction"] for r in Q.duties(bodies, "盟财政局", jurisdiction="盟")] == ["盟（名称未写明）"]
    assert not {r["department"] for r in Q.departments(bodies, jurisdiction="县")} & {"盟财政局", "盟林业局"}

def test_meetings_shows_each_body_and_its_kind(bodies):
    """`meetings` puts a headquarters and a leading group beside the joint meetings, each with
    its kind: the group's 组长 in the row of the head post (召集人), its 副组长 in the deputies'."""
    rows = {r["key"]: r for r in Q.meetings(bodies)}
    columns = [c for c in rows["body"] if c not in ("item", "key")]
    assert len(columns) == 4
    kinds = {c: rows["body"][c] for c in columns}
    assert kinds[COUNTY_NO] == "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议（联席会议）"
    assert "盟重大沙尘暴灾害应急指挥部（指挥部）" in kinds.values()
    group = next(c for c, v in kinds.items() if v == "休宁县婴幼儿照护服务工作领导小组（领导小组）")
    assert rows["convenor"][group] == "县政府分管副县长"
    assert rows["deputy_convenor"][group] == "县政府办公室副主任；县卫生健康委主任"
    assert rows["office"][group] == "县卫生健康委" and rows["members"][group] == "6"
    headquarters = next(c for c, v in kinds.items() if "指挥部" in v)
    assert rows["office_director"][headquarters] == "盟林业局分管副局长"
    # the office's host as the notice writes it (办公室设在盟林业局), as `departments` names it
    assert rows["office"][headquarters] == "盟林业局"
    # it lists no member units (its (七)成员单位职责 gives their duties, not a member list) and
    # states no count: not stated, not 0 — as the convenor it does not name either
    assert rows["members"][headquarters] is None and rows["convenor"][headquarters] is None
    assert "盟林业局" in {r["department"] for r in Q.departments(bodies)}
    assert rows["convenor"][COUNTY_NO] == "县政府分管副县长"  # the joint meetings' rows as they were


def test_compare_a_leading_group_with_a_joint_meeting(bodies):
    """`compare` of a leading group and a joint meeting says what kind each body is, and
    pairs the office unit's duties like any unit's."""
    from extractor.compare import compare

    c = compare(bodies, "休宁县", "祁门县")
    rows = {r.key: r for r in c.meeting}
    assert (rows["kind"].a, rows["kind"].b, rows["kind"].status) == ("领导小组", "联席会议", "differs")
    assert rows["convenor"].a == "县政府分管副县长"
    assert "休宁县婴幼儿照护服务工作领导小组办公室" in {u.name for u in c.a.units.values()}


def test_a_rule_held_at_least_so_many_times_says_at_least(tmp_path):
    """祁门县's 全体会议 said as "原则上每半年至少召开1次" is at least once every half year: the
    meetings row says 至少 (×≥1), not 每半年1次; a range and a single number stay as they were."""
    from extractor.build import load_store

    path = tmp_path / "qimen.txt"
    path.write_text(TEXTS[COUNTY_NO].replace("原则上每半年召开1次", "原则上每半年至少召开1次"), encoding="utf-8")
    rows = {r["key"]: r for r in Q.meetings(load_store([path]))}
    assert rows["plenary"][COUNTY_NO] == "定期或不定期：每半年至少1次 (P6M ×≥1)"
    assert rows["inspection"][COUNTY_NO] == "每半年1次 (P6M ×1)"
    assert Q.rule_text("P1Y", 2, None, False) == "每年至少2次 (P1Y ×≥2)"
    assert Q.rule_text(None, 1, None, False) == "至少1次"
    assert Q.rule_text("P1Y", 1, 2, False) == "每年1–2次 (P1Y ×1–2)"
