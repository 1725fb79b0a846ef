"""The department registry (ontology/departments.ttl) and the recogniser built from it
(extractor/departments.py), on the real seeds and the extra notices."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from conftest import CITY, COUNTY, ROOT
from extractor.departments import DepartmentMatch, concept_labels, concepts, find_departments, listed_names, resolve
from extractor.errors import PolicykgError
from extractor.knowledge import ontology_dir
from extractor.model import FOLD
from extractor.pipeline import process

REGISTRY = ontology_dir() / "departments.ttl"
PK = rdflib.Namespace("https://w3id.org/policykg/ontology#")
PKD = rdflib.Namespace("https://w3id.org/policykg/dept/")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
EXTRA = ROOT / "tests" / "data" / "extra"

COUNTY_TEXT = COUNTY.read_text(encoding="utf-8")
CITY_TEXT = CITY.read_text(encoding="utf-8")

COUNTY_MEMBERS = [
    "health", "establishment-office", "development-reform", "public-security", "education", "civil-affairs",
    "finance", "human-resources-social-security", "natural-resources", "housing-urban-rural-development",
    "emergency-management", "market-regulation", "transport", "culture-tourism-sports",
    "science-commerce-economy-informatization", "trade-union", "youth-league", "womens-federation",
    "family-planning-association", "taxation", "fire-rescue"]
CITY_MEMBERS = [
    "establishment-office", "development-reform", "education", "public-security", "civil-affairs", "finance",
    "human-resources-social-security", "natural-resources", "housing-urban-rural-development", "health",
    "emergency-management", "taxation", "market-regulation", "trade-union", "youth-league", "womens-federation",
    "fire-rescue", "family-planning-association"]


def concepts_of(matches: list[DepartmentMatch]) -> list[str | None]:
    return [m.concept for m in matches]


def between(text: str, before: str, after: str) -> tuple[int, int]:
    """The span of `text` strictly between the first `before` and the next `after`."""
    s = text.index(before) + len(before)
    return s, text.index(after, s)


# --- the registry as data ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(REGISTRY, format="turtle")


def _concept_iris(graph):
    return sorted(set(graph.subjects(RDF.type, SKOS.Concept)))


def test_registry_loads_in_rdflib_and_every_concept_has_one_zh_and_one_en_preflabel(graph):
    iris = _concept_iris(graph)
    assert len(iris) >= 85
    for c in iris:
        assert (c, SKOS.inScheme, PKD[""]) in graph, c
        langs = sorted(label.language for label in graph.objects(c, SKOS.prefLabel))
        assert langs == ["en", "zh"], f"{c}: prefLabels in {langs}"
    assert sorted(str(c)[len(str(PKD)):] for c in iris) == concepts()


LABEL_PROPERTIES = [SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, PK.countyLabel, PK.cityLabel,
                    PK.provinceLabel, PK.nationalLabel, PK.formerLabel, PK.partyLabel, PK.prefixedLabel,
                    PK.infixLabel, PK.branchLabel]


def _norm(label) -> str:
    return re.sub(r"\s+", "", str(label).translate(FOLD))


def test_no_label_names_two_concepts(graph):
    """An ambiguous label is a data bug: the matcher could not say which body is meant."""
    owners = defaultdict(set)
    for c in _concept_iris(graph):
        for p in LABEL_PROPERTIES:
            for label in graph.objects(c, p):
                if label.language != "en":
                    owners[_norm(label)].add(c)
    ambiguous = {label: sorted(map(str, cs)) for label, cs in owners.items() if len(cs) > 1}
    assert ambiguous == {}
    domains = defaultdict(set)
    for c, label in graph.subject_objects(PK.domainLabel):
        domains[_norm(label)].add(c)
    assert {k: v for k, v in domains.items() if len(v) > 1} == {}


def test_no_label_is_a_prefix_plus_another_concepts_label(graph):
    """县 + 卫生健康委 must not itself be a label of some other concept (the split would be ambiguous)."""
    owners = {}
    for c in _concept_iris(graph):
        for p in LABEL_PROPERTIES:
            for label in graph.objects(c, p):
                if label.language != "en":
                    owners[_norm(label)] = c
    prefixes = {"县", "市", "旗", "区", "盟", "州", "省", "自治区", "国家", "中央", "全国", "中国"}
    clashes = [(label, p, label[len(p):]) for label, c in owners.items() for p in prefixes
               if label.startswith(p) and owners.get(label[len(p):], c) != c]
    assert clashes == []


def test_every_concept_is_in_exactly_one_group_and_groups_are_sorted(graph):
    members = defaultdict(list)
    for coll in graph.subjects(RDF.type, SKOS.Collection):
        listed = [str(m) for m in graph.objects(coll, SKOS.member)]
        for m in listed:
            members[m].append(coll)
        assert any(lab.language == "zh" for lab in graph.objects(coll, SKOS.prefLabel))
    assert {str(c): len(members[str(c)]) for c in _concept_iris(graph)} == {str(c): 1 for c in _concept_iris(graph)}
    # in the file, each group's concepts appear in alphabetical order
    text = REGISTRY.read_text(encoding="utf-8")
    order = re.findall(r"^pkd:([a-z-]+) a skos:Concept", text, flags=re.M)
    group_of = {m.rsplit("/", 1)[-1]: str(colls[0]) for m, colls in members.items()}
    by_group = defaultdict(list)
    for name in order:
        by_group[group_of[name]].append(name)
    for group, names in by_group.items():
        assert names == sorted(names), group
        # and a group's concepts are contiguous in the file
        first = order.index(names[0])
        assert order[first:first + len(names)] == names, group


def test_links_point_at_concepts_and_minted_properties_are_declared(graph):
    iris = set(_concept_iris(graph))
    for p in (PK.merges, PK.collectiveOf, PK.postUnder, DCT.isReplacedBy):
        for s, o in graph.subject_objects(p):
            assert s in iris and o in iris, (s, p, o)
    used = {p for _, p, _ in graph if str(p).startswith(str(PK))}
    for p in used - {PK.cue}:
        langs = {lab.language for lab in graph.objects(p, RDFS.label)}
        assert {"zh", "en"} <= langs, p
        assert any(graph.objects(p, RDFS.comment)), p


def test_merged_bureaus_link_to_what_they_merge():
    assert concept_labels("education-sports")["merges"] == ["education", "sports"]
    assert set(concept_labels("culture-tourism-sports")["merges"]) == {"culture-tourism", "sports"}
    assert set(concept_labels("science-commerce-economy-informatization")["merges"]) == {
        "science-technology", "commerce", "industry-information-technology"}
    assert set(concept_labels("price-bureau")["replaced_by"]) == {"development-reform", "market-regulation"}


def test_concept_labels_and_concepts():
    health = concept_labels("health")
    assert (health["zh"], health["en"]) == ("卫生健康委", "Health Commission")
    assert "卫健委" in health["hidden"] and "卫生健康委员会" in health["alt"] and "卫计委" in health["former"]
    fire = concept_labels("fire-rescue")
    assert fire["levels"]["county"][0] == "消防救援大队" and fire["levels"]["city"][0] == "消防救援支队"
    assert concept_labels("establishment-office")["party"] and not concept_labels("youth-league")["party"]
    for needed in ("propaganda-department", "statistics", "forestry-grassland", "rural-revitalization",
                   "petitions", "urban-management", "government-services", "data-administration", "taxation",
                   "meteorology", "disabled-persons-federation", "science-technology-association", "red-cross",
                   "central-bank", "financial-regulation", "government-affairs-administration",
                   "government-office", "court", "procuratorate", "veterans-affairs", "healthcare-security",
                   "audit", "state-owned-assets", "radio-television", "sports"):
        assert needed in concepts()
    with pytest.raises(PolicykgError):
        concept_labels("ministry-of-magic")


# --- the member lists of the seeds ------------------------------------------------------------


def test_county_member_paragraph_resolves_in_order():
    s, e = between(COUNTY_TEXT, "联席会议成员单位包含", "等21个单位")
    found = find_departments(COUNTY_TEXT, s, e, default_prefix="县")
    assert concepts_of(found) == COUNTY_MEMBERS
    assert all(m.prefix == "县" and not m.inherited and m.tier == "county" for m in found)
    assert [m.canonical for m in found if m.concept in ("youth-league", "establishment-office", "fire-rescue")] == [
        "委编办", "团县委", "消防救援大队"]
    assert all(COUNTY_TEXT[m.start:m.end] == m.surface for m in found)
    # nothing between the names but the list separators
    rest = "".join(COUNTY_TEXT[a.end:b.start] for a, b in zip(found, found[1:]))
    assert set(rest) == {"、"}


def _table_cells(text: str, header: str) -> list[str]:
    """The cells of a column of the attachment table (one cell per line led by a tab,
    rows separated by blank lines)."""
    rows = [block.split("\n") for block in re.split(r"\n\s*\n", text)]
    cells = [[c.strip("\t") for c in row if c.startswith("\t")] for row in rows]
    head = next(r for r in cells if header in r)
    col = head.index(header)
    return [r[col] for r in cells if len(r) == len(head) and r[0].strip().isdigit()]


def test_county_attachment_table_cells_resolve_in_order():
    cells = _table_cells(COUNTY_TEXT, "成员单位")
    assert len(cells) == 21 and "妇  联" in cells
    found = [resolve(cell) for cell in cells]
    assert [m.concept for m in found] == COUNTY_MEMBERS
    women = found[cells.index("妇  联")]
    assert (women.surface, women.start, women.end, women.canonical) == ("妇  联", 0, 4, "妇联")
    assert [m.prefix for m in found].count("县") == 2  # 县委编办, 团县委; the others carry none
    for person in _table_cells(COUNTY_TEXT, "业务联络人") + _table_cells(COUNTY_TEXT, "分管负责人"):
        assert resolve(person) is None, person  # 张  丹 is a person


def test_city_member_sentence_resolves_in_order():
    s, e = between(CITY_TEXT, "联席会议由", "等单位组成")
    found = find_departments(CITY_TEXT, s, e, default_prefix="市")
    assert concepts_of(found) == CITY_MEMBERS
    assert all(m.prefix == "市" and not m.inherited for m in found)
    assert found[-2].canonical == "消防救援支队" and found[0].party and found[0].canonical == "委编办"


# --- task tags of the city plan -----------------------------------------------------------------

TAG = re.compile(r"\(([^()\n]{2,200}?)(?:按职责分工负责|负责)\)")


def city_tags():
    folded = CITY_TEXT.translate(FOLD)
    return [(m.start(1), m.end(1), CITY_TEXT[m.start(1):m.end(1)]) for m in TAG.finditer(folded)]


def test_every_department_of_every_city_task_tag_resolves():
    tags = city_tags()
    assert len(tags) == 20  # 4 + 6 + 5 + 5 tasks
    for s, e, raw in tags:
        found = find_departments(CITY_TEXT, s, e, default_prefix="市")
        assert found, raw
        assert not any(m.generic or m.national for m in found), raw
        # every character of the tag is a department or a separator
        covered = set()
        for m in found:
            covered.update(range(m.start, m.end))
        rest = "".join(CITY_TEXT[k] for k in range(s, e) if k not in covered)
        assert set(rest) <= {"、", ","}, (raw, rest)
        known = [m for m in found if m.concept]
        assert all(m.prefix == "市" for m in known), raw
        assert all(m.concept for m in found) or "河套学院" in raw


@pytest.mark.parametrize("tag, expected", [
    ("市人社局、卫生健康委、总工会、团市委、妇联",
     ["human-resources-social-security", "health", "trade-union", "youth-league", "womens-federation"]),
    ("市人社局、教育局、卫生健康委,河套学院",
     ["human-resources-social-security", "education", "health", None]),
    ("市委编办,市民政局、市场监督管理局、卫生健康委、教育局、公安局",
     ["establishment-office", "civil-affairs", "market-regulation", "health", "education", "public-security"]),
    ("市自然资源局、住建委、发展改革委",
     ["natural-resources", "housing-urban-rural-development", "development-reform"]),
    ("市卫生健康委、计生协", ["health", "family-planning-association"]),
    ("市教育局", ["education"]),
    ("市市场监督管理局、发展改革委、教育局、财政局、卫生健康委",
     ["market-regulation", "development-reform", "education", "finance", "health"]),
    ("市公安局、应急管理局、教育局、人社局、住建局、市场监督管理局、卫生健康委、消防救援支队",
     ["public-security", "emergency-management", "education", "human-resources-social-security",
      "housing-urban-rural-development", "market-regulation", "health", "fire-rescue"]),
])
def test_city_task_tags_exact(tag, expected):
    spans = [(s, e) for s, e, raw in city_tags() if raw == tag]
    assert spans, f"tag not in the corpus: {tag}"
    for s, e in spans:
        found = find_departments(CITY_TEXT, s, e, default_prefix="市")
        assert concepts_of(found) == expected
        # the prefix is inherited exactly where the name alone carries none (教育局, not 市教育局)
        assert [m.inherited for m in found if m.concept] == [resolve(m.surface).prefix is None
                                                             for m in found if m.concept]
        assert not found[0].inherited


def test_hetao_college_is_an_unknown_body_in_the_tag():
    s, e, raw = next(t for t in city_tags() if "河套学院" in t[2])
    college = find_departments(CITY_TEXT, s, e, default_prefix="市")[-1]
    assert (college.surface, college.concept, college.canonical, college.party) == ("河套学院", None, "河套学院", False)


# --- aliases, counterparts, levels ----------------------------------------------------------------

ALIASES = {
    "health": ["县卫健委", "县卫生健康委", "县卫生健康委员会", "卫健委", "卫生健康局"],
    "human-resources-social-security": ["市人社局", "市人力资源和社会保障局", "人力资源社会保障局"],
    "market-regulation": ["市场监管局", "市场监督管理局", "县市场监管局", "市市场监督管理局"],
    "development-reform": ["发改委", "发展改革委", "发展和改革委员会", "县发展改革委", "市发改委"],
    "natural-resources": ["自然资源局", "自然资源和规划局", "县自然资源和规划局"],
    "housing-urban-rural-development": ["住建局", "住建委", "住房城乡建设局", "住房和城乡建设局"],
    "emergency-management": ["应急局", "应急管理局", "县应急局"],
    "family-planning-association": ["计生协", "计生协会", "计划生育协会", "县计生协会", "市计划生育协会"],
    "education-sports": ["教体局", "教育体育局"],
    "youth-league": ["团县委", "团市委", "团旗委", "共青团巴彦淖尔市委员会"],
    "fire-rescue": ["县消防救援大队", "市消防救援支队", "消防救援大队", "消防救援支队", "省消防救援总队"],
    "establishment-office": ["县委编办", "市委编办", "编办", "县机构编制委员会办公室"],
    "womens-federation": ["妇联", "妇  联", "县妇联", "妇女联合会"],
    "government-services": ["行政审批和政务服务局", "行政审批局"],
}


@pytest.mark.parametrize("concept", sorted(ALIASES))
def test_aliases_resolve_to_one_concept(concept):
    for name in ALIASES[concept]:
        m = resolve(name)
        assert m is not None and m.concept == concept, name
        assert (m.start, m.end, m.surface) == (0, len(name), name)


@pytest.mark.parametrize("name, prefix, canonical, tier", [
    ("县消防救援大队", "县", "消防救援大队", "county"),
    ("旗消防救援大队", "旗", "消防救援大队", "county"),
    ("市消防救援支队", "市", "消防救援支队", "city"),
    ("盟消防救援支队", "盟", "消防救援支队", "city"),
    ("省消防救援总队", "省", "消防救援总队", "province"),
    ("省教育厅", "省", "教育厅", "province"),
    ("县教育局", "县", "教育局", "county"),
    ("省卫生健康委", "省", "卫生健康委", "province"),
    ("县卫健委", "县", "卫生健康委", "county"),
    ("市中级人民法院", "市", "中级人民法院", "city"),
    ("县委宣传部", "县", "委宣传部", "county"),
    ("团旗委", "旗", "团旗委", "county"),
    ("巴彦淖尔市卫生健康委", "巴彦淖尔市", "卫生健康委", "city"),
    ("内蒙古自治区人民政府办公厅", "内蒙古自治区", "人民政府办公厅", "province"),
    ("奈曼旗人民政府", "奈曼旗", "人民政府", "county"),
])
def test_level_specific_canonical_names(name, prefix, canonical, tier):
    m = resolve(name)
    assert (m.prefix, m.canonical, m.tier, m.national) == (prefix, canonical, tier, False)


def test_county_and_city_fire_services_are_one_concept_with_level_forms():
    county = find_departments(COUNTY_TEXT, default_prefix="县")
    city = find_departments(CITY_TEXT, default_prefix="市")
    county_fire = {m.canonical for m in county if m.concept == "fire-rescue"}
    city_fire = {m.canonical for m in city if m.concept == "fire-rescue"}
    assert (county_fire, city_fire) == ({"消防救援大队"}, {"消防救援支队"})
    # an unprefixed table cell of the county takes the county form from the notice's prefix
    m = find_departments("消防救援支队", default_prefix="县")[0]
    assert (m.concept, m.prefix, m.inherited, m.canonical) == ("fire-rescue", "县", True, "消防救援大队")


@pytest.mark.parametrize("name, concept, canonical", [
    ("住房城乡建设部", "housing-urban-rural-development", "住房和城乡建设部"),
    ("国家卫生健康委", "health", "国家卫生健康委"),
    ("教育部", "education", "教育部"),
    ("国务院办公厅", "government-office", "国务院办公厅"),
    ("国家统计局", "statistics", "国家统计局"),
    ("国家卫生和计划生育委员会", "health", "国家卫生健康委"),
    ("全国妇联", "womens-federation", "全国妇联"),
    ("国家税务总局", "taxation", "国家税务总局"),
    ("国务院国资委", "state-owned-assets", "国资委"),
])
def test_national_bodies_are_not_the_local_ones(name, concept, canonical):
    m = resolve(name)
    assert (m.concept, m.national, m.prefix, m.tier, m.canonical) == (concept, True, None, "national", canonical)


def test_national_bodies_in_the_seeds():
    city = find_departments(CITY_TEXT, default_prefix="市")
    ministry = next(m for m in city if m.surface == "住房城乡建设部")
    assert ministry.national and ministry.prefix is None
    assert next(m for m in city if m.surface == "国家卫生健康委").national
    assert [m.concept for m in city if m.surface.startswith("中共中央")] == ["party-committee"]
    # the county's tax duty cites 《财政部 税务总局 发展改革委 民政部 商务部 卫生健康委关于…》: all national
    s, e = between(COUNTY_TEXT, "执行《", "关于养老")
    cited = find_departments(COUNTY_TEXT, s, e, default_prefix="县")
    assert concepts_of(cited) == ["finance", "taxation", "development-reform", "civil-affairs", "commerce", "health"]
    assert all(m.national and m.prefix is None for m in cited)
    assert [m.inherited for m in cited] == [False, False, True, False, False, True]


def test_former_names_map_to_their_successor_and_say_so():
    for name, concept in [("卫生局", "health"), ("卫计委", "health"), ("工商局", "market-regulation"),
                          ("食药监局", "market-regulation"), ("安监局", "emergency-management"),
                          ("环境保护局", "ecology-environment"), ("农牧业局", "agriculture-rural-affairs"),
                          ("交通局", "transport")]:
        m = resolve(name)
        assert (m.concept, m.former) == (concept, True), name
    assert not resolve("卫生健康委").former
    split = resolve("物价局")
    assert split.concept == "price-bureau" and not split.former


# --- generic references and prose ---------------------------------------------------------------


def test_generic_references_are_flagged():
    m = resolve("卫生健康部门")
    assert (m.concept, m.generic, m.surface) == ("health", True, "卫生健康部门")
    assert resolve("人社部门").generic and resolve("人社部门").concept == "human-resources-social-security"
    edu = resolve("教育部门")
    assert edu.generic and not edu.national  # not 教育部
    text = "早教机构从事婴幼儿照护服务的,市场监督管理、教育、卫生健康、公安等部门按照各自职责加强指导"
    found = find_departments(text, default_prefix="市")
    assert [(m.surface, m.concept, m.generic, m.prefix) for m in found] == [
        ("市场监督管理", "market-regulation", True, None), ("教育", "education", True, None),
        ("卫生健康", "health", True, None), ("公安", "public-security", True, None)]


def test_generic_references_in_the_city_plan():
    city = find_departments(CITY_TEXT, default_prefix="市")
    generic = [(m.surface, m.concept, m.prefix) for m in city if m.generic]
    assert ("旗县区民政部门", "civil-affairs", "旗县区") in generic
    assert ("旗县区机构编制部门", "establishment-office", "旗县区") in generic
    assert ("财政部门", "finance", None) in generic and ("教育部门", "education", None) in generic
    assert ("市场监管部门", "market-regulation", None) in generic
    assert all(m.collective for m in city if m.generic and m.prefix)
    assert not any(m.national and m.surface.endswith("部门") for m in city)


@pytest.mark.parametrize("text", [
    "市场监督管理、教育、卫生健康、公安等部门按照各自职责加强指导",  # a list up to its ending, from the start
    "县卫健委、县教育局和财政部门,县财政局",  # names before and after a generic reference
    "卫生健康部门卫生健康委员会教育部门",  # one run of registry words: an ending, a name, an ending
    "请县人社局、财政、审计等部门配合,县公安局,民政部门和机关事务服务中心负责",
    "旗县区民政部门",  # a prefix at a span's start
    "部门",  # an ending alone
    "各镇人民政府,县直各有关部门:县应急管理部门",
])
def test_the_scan_finds_what_a_search_of_the_whole_pattern_finds(text):
    """`scan` tries the generic branch only in front of a generic ending (部门), elsewhere the
    pattern without it (`names`): the same hits as the whole pattern searched everywhere."""
    from dataclasses import replace

    from extractor import departments as D
    reg = D._registry()
    hits = [(h.cs, h.ce, h.kind, h.concept, h.prefix, h.label) for h in D._Scanner(reg, text).scan()]
    whole = replace(reg, names=reg.pattern)  # (every search the whole pattern's)
    assert hits == [(h.cs, h.ce, h.kind, h.concept, h.prefix, h.label) for h in D._Scanner(whole, text).scan()]
    assert ("generic" in [h[2] for h in hits]) == (text != "部门")


def test_the_pattern_tests_matches_as_the_plainer_form():
    """The patterns test a name's second character right after its first, `[I](?=[S]|(?<=[O]))
    (?<=(?=(?:…))[\\s\\S])`, not inside the lookbehind re-testing the first, `[I](?<=(?=(?=[I]
    (?:[S]|(?<=[O])))(?:…))[\\s\\S])`; and the names with a place inside (团县委) and a branch's
    (国家金融监督管理总局连云港监管分局) behind one test of their first characters, `(?=[…])(?:ib…|bb…)`:
    the same matches with the same groups as the plainer form at every position of the corpus
    notices and the extra ones (both patterns: `names` and the whole `pattern`)."""
    from extractor import departments as D
    reg = D._registry()
    befores = [b for b, _ in reg.infix]
    guard = f"(?={D._initials(befores)})(?:"
    texts = [p.read_text(encoding="utf-8").translate(FOLD) for p in [COUNTY, CITY, *sorted(EXTRA.glob("*.txt"))]]
    texts += ["县委县政府、各县(市、区)人民政府,团县委、共青团巴彦淖尔市委员会", "国家金融监督管理总局连云港监管分局"]
    for new in (reg.names, reg.pattern):
        first = new.pattern[:new.pattern.index("]") + 1]
        second, body = new.pattern[len(first) + 3:].split(")(?<=(?=", 1)
        assert body.count(guard) == 1 and body.count(")|(?:(?P<pre>") == 1
        body = body.replace(guard, "").replace(")|(?:(?P<pre>", "|(?:(?P<pre>")
        old = re.compile(f"{first}(?<=(?=(?={first}(?:{second})){body}")
        assert old.pattern != new.pattern and old.groupindex == new.groupindex
        seen = []
        for text in texts:
            for p in range(len(text)):
                a, b = old.match(text, p), new.match(text, p)
                assert (a is None) == (b is None), (text[p:p + 20], new is reg.names)
                if a is not None:
                    seen.append(a.lastgroup)
                    assert a.span() == b.span() and a.lastgroup == b.lastgroup and a.regs == b.regs
        assert len(seen) > 100 and {"ia", "ba", "lab"} <= set(seen)


@pytest.mark.parametrize("text, names", [
    ("县教育局、河套学院、县财政局按职责分工负责", ["县教育局", "河套学院", "县财政局"]),  # one separator apart
    ("县委县政府、河套学院负责", ["县委", "县政府", "河套学院"]),  # two names with no gap between them
    ("县教育局、、河套学院", ["县教育局", "河套学院"]),  # two separators
    ("县教育局 、 河套学院。", ["县教育局", "河套学院"]),  # a separator between blanks (squeezed out)
    ("河套学院、县教育局、县财政局等单位", ["河套学院", "县教育局", "县财政局"]),
    ("县教育局河套学院、县财政局负责", ["县教育局", "县财政局"]),  # a run glued to a name: no organisation
])
def test_unknown_bodies_between_names_whatever_the_gap(text, names):
    """`_items` reads a gap of no CJK character (none, or a 、 between two names: half the gaps)
    without searching it for runs and organisations: the list around it is still read."""
    assert [m.surface for m in find_departments(text, default_prefix="县")] == names


@pytest.mark.parametrize("text", [
    "县教育局负责指导。卫生健康委,河套学院按职责分工负责;县财政局牵头,县审计局配合。",  # a T between lists
    "盟林业局办公室、计财科、林科所、宣传办等部门负责。河套学院、县教育局等单位配合",  # sections, then a list
    "(10)铁路乌兰浩特站:负责运输。县公安局负责,巴彦淖尔市职业技术学校、河套学院等院校参与",
])
def test_unknowns_read_from_the_T_before_each_organisation_as_reading_every_item(text, monkeypatch):
    """`unknowns` reads `_items` from the T last before each organisation-shaped run (C) on, and
    stops after the last one's list: the organisations reading every item finds (`resumes` all
    0, nothing skipped), on these lists and on every notice of the corpus and the extra ones."""
    from extractor import departments as D

    def read(texts):
        D.resolve.cache_clear()
        return [[(m.start, m.end, m.concept, m.prefix, m.canonical) for m in find_departments(t, default_prefix="县")]
                for t in texts]

    texts = [text, *(p.read_text(encoding="utf-8") for p in [COUNTY, CITY, *sorted(EXTRA.glob("*.txt"))])]
    skipping = read(texts)
    assert any(m[2] is None for m in skipping[0])  # (an organisation found in the list)
    monkeypatch.setattr(D._Scanner, "resumes", staticmethod(lambda kinds: [0] * kinds.count("C")))
    assert read(texts) == skipping


def test_squeezing_drops_each_run_of_blanks_and_maps_offsets_back():
    """`_Squeezed` finds the runs of ink between blanks by splitting on one blank: the runs and
    offsets a regex for the runs gives, whatever the blanks and their order."""
    from extractor.departments import _Squeezed
    texts = ["", " ", "县 教育局", "\u3000\u3000县教育局\t\xa0 财政局  ", "妇  联\n县\u3000委 ", "a\tb\xa0c\u3000d e"]
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                sq = _Squeezed(text, start, end)
                runs = list(re.finditer(r"[^ \t\u3000\xa0]+", text[start:end].translate(FOLD)))
                assert sq.text == "".join(m.group() for m in runs)
                assert sq.ostarts == [start + m.start() for m in runs]
                assert sq.cstarts == [sum(len(r.group()) for r in runs[:k]) for k in range(len(runs))]
                for c in range(len(sq.text)):
                    assert text[sq.offset(c)].translate(FOLD) == sq.text[c]


@pytest.mark.parametrize("prose", [
    "发挥政府引导的作用,调动社会力量的积极性",
    "推进社区居民委员会建设",
    "1.科学规划婴幼儿照护服务机构布局。各旗县区要充分考虑人口变化",
    "依托婴幼儿照护服务机构、社区党群服务中心、儿童之家、儿童早期发展示范基地等工作平台",
    "鼓励有条件的妇幼保健院、儿童医院、社区卫生服务中心等医疗机构设立婴幼儿照护服务场所",
    "中国政府网8月19日发布消息称",
    "允许教育、卫生、福利、商服等用地类别用于发展托育服务",
    "各级妇幼保健、疾病预防控制、卫生监督等机构按照职责加强指导",
])
def test_no_departments_in_plain_prose(prose):
    assert find_departments(prose, default_prefix="市") == []


def test_unknown_bodies_are_found_when_they_look_like_organisations():
    text = "鼓励河套学院、巴彦淖尔市职业技术学校等大中专院校根据社会需求开设婴幼儿照护相关专业"
    found = find_departments(text, default_prefix="市")
    assert [(m.surface, m.concept, m.prefix) for m in found] == [
        ("河套学院", None, None), ("巴彦淖尔市职业技术学校", None, "巴彦淖尔市")]
    head = find_departments(CITY_TEXT, 0, CITY_TEXT.index("现将"), default_prefix="市")
    assert [(m.surface, m.concept, m.collective) for m in head if m.collective or not m.concept] == [
        ("各旗县区人民政府", "local-governments", True), ("巴彦淖尔经济技术开发区管委会", None, False)]
    for name in ("旗县区政府", "各旗县区人民政府"):
        m = resolve(name)
        assert (m.concept, m.collective, m.prefix) == ("local-governments", True, "旗县区")
    assert resolve("河套学院").concept is None and resolve("河套学院").canonical == "河套学院"


def test_shared_prefix_lists_and_default_prefix():
    found = find_departments("（市人社局、卫生健康委、总工会、团市委、妇联按职责分工负责）", default_prefix="县")
    assert [(m.prefix, m.inherited) for m in found] == [
        ("市", False), ("市", True), ("市", True), ("市", False), ("市", True)]
    alone = find_departments("联席会议办公室主任由卫健委分管负责同志兼任。", default_prefix="旗")
    assert [(m.concept, m.prefix, m.inherited) for m in alone] == [("health", "旗", True)]
    bare = find_departments("联席会议办公室主任由卫健委分管负责同志兼任。")
    assert [(m.prefix, m.inherited) for m in bare] == [(None, False)]
    # 政府 is a body only with a jurisdiction, written or carried along the list
    shared = find_departments("深入贯彻落实党中央、国务院和自治区党委、政府及通辽市委、政府关于促进婴幼儿照护服务")
    assert [(m.surface, m.concept, m.prefix, m.national) for m in shared] == [
        ("党中央", "party-committee", None, True), ("国务院", "government", None, True),
        ("自治区党委", "party-committee", "自治区", False), ("政府", "government", "自治区", False),
        ("通辽市委", "party-committee", "通辽市", False), ("政府", "government", "通辽市", False)]



@pytest.mark.parametrize("text,names", [
    ("市人社局、教育局", ["市人社局", "市教育局"]),  # the prefix carried as along a task tag's list
    ("各旗县区卫健委、教育局", ["各旗县区卫健委", "各旗县区教育局"]),
    ("各镇政府、街道办事处", ["各镇政府", "各街道办事处"]),
    ("十堰经济技术开发区、武当山旅游经济特区管委会", ["十堰经济技术开发区管委会", "武当山旅游经济特区管委会"]),
    ("各县、市、区人民政府", ["各县、市、区人民政府"]),  # one collective address
    ("县(市、区)人民政府", ["县(市、区)人民政府"]),
    ("各县市区人民政府、十堰经济技术开发区管委会", ["各县市区人民政府", "十堰经济技术开发区管委会"]),  # a place of its own
    ("各旗县区人民政府、市直有关部门", ["各旗县区人民政府", "市直有关部门"]),  # a jurisdiction of its own
    ("各苏木乡镇人民政府、旗直各部门", ["各苏木乡镇人民政府", "旗直各部门"]),
    ("监利开发区、纪南文旅区、监利高新区", ["监利开发区", "纪南文旅区", "监利高新区"]),  # no ending to share
    ("县委、县政府", ["县委", "县政府"])])
def test_listed_names_share_what_a_list_writes_once(text, names):
    """The bodies of a 主送 list, each spanning its item as written (blanks trimmed)."""
    padded = " " + text + " "
    found = listed_names(padded)
    assert [n for _, _, n in found] == names
    assert [padded[s:e] for s, e, _ in found] == (text.split("、") if len(names) > 1 else [text])


@pytest.mark.parametrize("name, zone", [
    ("荆州开发区", "荆州开发区"), ("纪南文旅区", "纪南文旅区"), ("荆州高新区", "荆州高新区"),
    ("各开发区", None), ("有关开发区", None), ("相关开发区", None), ("全市各开发区", None), ("市直各开发区", None),
    ("市属各开发区", None), ("所辖新区", None), ("其他特区", None), ("全市开发区", None)])
def test_a_zone_is_addressed_by_its_proper_name_only(name, zone):
    """A 主送 item naming a zone (荆州开发区) addresses its administration; one naming zones
    vaguely (有关开发区, 所辖新区, 其他特区: a word of pkc:dept-several-word; 全市各开发区: 各
    anywhere in it) addresses several, and no one body (it was 荆州市/有关开发区)."""
    from extractor.departments import addressed_zone

    m = addressed_zone(name)
    assert (m.canonical if m else None) == zone


@pytest.mark.parametrize("copy, concept", [("县人大办", "peoples-congress"), ("县政协办", "cppcc"),
                                           ("县人大办公室", "peoples-congress"),
                                           ("县人大常委会办公室", "peoples-congress"), ("县政协办公室", "cppcc")])
def test_a_copy_to_the_congress_or_the_cppcc_office_by_its_short_name(copy, concept):
    """抄送：县委办，县人大办，县政协办。: 县人大办 and 县政协办 are the offices of the county's
    people's congress standing committee and CPPCC, as 县人大常委会办公室 and 县政协办公室 are
    (they resolved to nothing)."""
    m = resolve(copy)
    assert (m.concept, m.prefix) == (concept, "县")

def test_a_match_reads_the_same_whatever_was_read_before(monkeypatch):
    """`_match` reads a hit's tier, prefix, concept, canonical name and party once for its five
    fields (`_Registry.canonicals`): the matches of each text are those read with nothing kept,
    whatever was read before (collective or not, national or not, a town's own or not)."""
    from dataclasses import replace

    from extractor import departments as D
    texts = [("镇人民政府、各镇人民政府、镇财政所", "镇"), ("各镇人民政府。镇人民政府负责", "县"),
             ("各旗县区人民政府,旗县区政府", "旗"), ("国家卫生健康委、县卫生健康委、卫生健康委", "县"),
             ("巴彦淖尔市教育局、市教育局、教育部门", "市"), ("中共中央 国务院、县委、县政府", "县"), ("国家卫生健康委负责。卫生健康委负责", None),
             ("消防救援大队负责。消防救援支队负责", None), (CITY_TEXT[:400], "市")]
    read = {order: [find_departments(t, default_prefix=prefix) for t, prefix in order]
            for order in (tuple(texts), tuple(texts[::-1]))}

    class Forgetful(dict):
        def __setitem__(self, key, value):
            pass

    monkeypatch.setattr(D, "_registry", lambda reg=replace(D._registry(), canonicals=Forgetful()): reg)
    fresh = [find_departments(t, default_prefix=prefix) for t, prefix in texts]
    assert read[tuple(texts)] == fresh and read[tuple(texts[::-1])] == fresh[::-1]


def test_a_place_name_does_not_cross_a_blank():
    """A make-up list written person first (曹建国　县财政局局长): the name's 建国 and the unit's 县
    are apart — no 建国县 across the blank (full-width or not): the unit's 县 is the notice's."""
    for blank in ("\u3000", " ", "  "):
        found = find_departments(f"成　员：曹建国{blank}县财政局局长", default_prefix="县")
        assert [(m.surface, m.concept, m.prefix) for m in found] == [("县财政局", "finance", "县")]
    # a place written whole before its prefix is still one
    found = find_departments("曹建国　巴彦淖尔市财政局局长")
    assert [(m.surface, m.prefix) for m in found] == [("巴彦淖尔市财政局", "巴彦淖尔市")]


def test_he_joining_two_departments_of_one_prefix_is_no_county():
    """县人社局和县财政局: 和 joins two of the 县's bodies (it was 和县财政局, of the county 和县 in
    安徽); 和县 still is one where the unit before it has another prefix, or none is before it."""
    for joined in ("和", "及"):
        found = find_departments(f"县人社局{joined}县财政局", default_prefix="县")
        assert [(m.surface, m.prefix) for m in found] == [("县人社局", "县"), ("县财政局", "县")]
    found = find_departments("市人社局和县财政局", default_prefix="市")
    assert [(m.surface, m.prefix) for m in found] == [("市人社局", "市"), ("和县财政局", "和县")]
    assert [m.surface for m in find_departments("和县财政局")] == ["和县财政局"]


# --- the extra notices --------------------------------------------------------------------------


def test_naiman_twenty_units_take_the_banner_prefix_along_the_list():
    text = (EXTRA / "naiman-banner-childcare-joint-meeting.txt").read_text(encoding="utf-8")
    s, e = between(text, "联席会议由", "等20个成员单位组成")
    found = find_departments(text, s, e, default_prefix="旗")
    assert len(found) == 20
    assert concepts_of(found) == [
        "propaganda-department", "health", "development-reform", "education-sports", "public-security",
        "civil-affairs", "finance", "human-resources-social-security", "natural-resources",
        "housing-urban-rural-development", "emergency-management", "market-regulation", "government-services",
        "trade-union", "youth-league", "womens-federation", "taxation", "fire-rescue", None,
        "family-planning-association"]
    street = found[18]
    assert (street.surface, street.prefix) == ("大沁他拉街道办事处", None)
    known = [m for m in found if m.concept]
    assert all(m.prefix == "旗" for m in known)
    assert [m.surface for m in known if not m.inherited] == ["旗委宣传部", "旗卫健委", "团旗委"]
    assert found[0].party and found[0].canonical == "委宣传部"
    convenor = find_departments(text, text.index("奈曼旗人民政府"), text.index("分管领导"))
    assert [(m.surface, m.prefix, m.concept) for m in convenor] == [("奈曼旗人民政府", "奈曼旗", "government")]


def test_jingzhou_members():
    text = (EXTRA / "jingzhou-city-childcare-joint-meeting.txt").read_text(encoding="utf-8")
    s, e = between(text, "为副召集人。", "等为成员单位")
    found = find_departments(text, s, e, default_prefix="市")
    assert concepts_of(found) == [
        "development-reform", "education", "public-security", "civil-affairs", "finance",
        "human-resources-social-security", "natural-resources", "housing-urban-rural-development",
        "emergency-management", "health", "taxation", "market-regulation", "trade-union", "youth-league",
        "womens-federation", "family-planning-association"]
    assert all(m.prefix == "市" and not m.inherited for m in found)


def test_xinganmeng_numbered_member_duties():
    text = (EXTRA / "xinganmeng-sandstorm-member-duties.txt").read_text(encoding="utf-8")
    heads = re.findall(r"^\(\d+\)([^:\n]+):", text, flags=re.M)[:10]
    found = [resolve(h) for h in heads]
    assert [(m.concept, m.former) for m in found] == [
        ("development-reform", False), ("finance", False), ("agriculture-rural-affairs", True),
        ("water-resources", False), ("ecology-environment", True), ("civil-affairs", False),
        ("health", True), ("transport", True), ("meteorology", False), (None, False)]
    in_text = find_departments(text, default_prefix="盟")
    station = [m for m in in_text if m.surface == "铁路乌兰浩特站"]
    assert len(station) == 1 and station[0].concept is None
    forestry = [m for m in in_text if m.concept == "forestry-grassland"]
    assert len(forestry) == 3 and all(m.prefix == "盟" and not m.inherited and m.tier == "city" for m in forestry)


def test_state_council_news_is_all_national():
    text = (EXTRA / "state-council-fertility-policy-joint-meeting-news.txt").read_text(encoding="utf-8")
    found = find_departments(text, default_prefix="市")
    assert found and all(m.national and m.prefix is None for m in found)
    assert {m.concept for m in found} == {"government", "government-office", "health", "development-reform",
                                          "party-committee"}


# --- spans, errors, the table-cell API ------------------------------------------------------------


@pytest.mark.parametrize("path", [COUNTY, CITY, *sorted(EXTRA.glob("*.txt"))], ids=lambda p: p.name)
def test_spans_are_exact_ordered_and_disjoint(path):
    text = Path(path).read_text(encoding="utf-8")
    found = find_departments(text, default_prefix="市")
    assert found
    for m in found:
        assert text[m.start:m.end] == m.surface and m.surface.strip() == m.surface and m.surface
        assert m.concept is None or m.concept in concepts()
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    # slices cut at a line end find the same matches, at the same absolute offsets
    cut = text.index("\n", len(text) // 2)
    again = find_departments(text, 0, cut, default_prefix="市") + find_departments(text, cut, len(text),
                                                                                   default_prefix="市")
    assert [(m.start, m.end, m.concept) for m in again] == [(m.start, m.end, m.concept) for m in found]


def test_resolve_whole_strings_only():
    assert resolve("县卫生健康委、县教育局") is None
    assert resolve("序号") is None and resolve("") is None and resolve("  \t") is None
    assert resolve(" 县委编办。").surface == "县委编办"
    m = resolve("\t妇  联")
    assert (m.concept, m.start, m.end, m.surface) == ("womens-federation", 1, 5, "妇  联")


def test_bad_input_is_a_policykg_error():
    with pytest.raises(PolicykgError):
        find_departments("县卫生健康委", 3, 99)
    with pytest.raises(PolicykgError):
        find_departments(None)  # type: ignore[arg-type]
    with pytest.raises(PolicykgError):
        resolve(42)  # type: ignore[arg-type]


def test_trie_regex_matches_exactly_the_words_longest_first():
    from hypothesis import given, settings, strategies as st

    from extractor.departments import trie

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.text(alphabet="卫生健康委局市(", min_size=1, max_size=5), min_size=1, max_size=12),
           st.text(alphabet="卫生健康委局市(", max_size=8))
    def check(words, probe):
        rx = re.compile(trie(words))
        for w in words:
            assert rx.fullmatch(w)
        m = rx.match(probe)
        longest = max((w for w in words if probe.startswith(w)), key=len, default=None)
        assert (m.group() if m else None) == longest

    check()


def test_trie_patterns_match_as_the_plain_alternations():
    """The unknown-organisation pattern is built from tries for speed: on names and prose
    made of its own cue words, it matches exactly as the same pattern of plain alternations."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from extractor.departments import _CJK, CUE, PK, REGISTRY, _alternation, _norm, trie, by_subject

    table = by_subject(REGISTRY)
    words = {k: [_norm(v) for v in table[CUE + f"org-{k}"][PK + "cue"]] for k in ("suffix", "lead-in", "end")}

    def shape(alt):
        return re.compile(f"(?P<lead>{alt(words['lead-in'])}+)?(?P<org>[{_CJK}]{{1,24}}?{alt(words['suffix'])})"
                          f"(?:(?P<tail>{alt(words['end'])})|$)")

    tried, plain = shape(trie), shape(_alternation)
    pieces = [w for ws in words.values() for w in ws] + list("河套职业技术乌兰浩特铁路")

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(pieces), min_size=1, max_size=12), st.integers(0, 3))
    def check(parts, start):
        text = "".join(parts)
        a, b = tried.match(text, min(start, len(text))), plain.match(text, min(start, len(text)))
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))

    check()


def test_replaced_changes_a_match_as_dataclasses_replace_does():
    """`replaced` builds a match by position for speed: whichever field it changes, it makes
    what dataclasses.replace makes (no field taken for another)."""
    from dataclasses import fields, replace

    from extractor.departments import replaced

    m = find_departments("县卫生健康委、市教育局")[1]
    assert replaced(m) == m and replaced(m) is not m
    for f in fields(DepartmentMatch):
        value = object()
        assert replaced(m, **{f.name: value}) == replace(m, **{f.name: value})
    assert replaced(m, start=3, end=9, inherited=True) == replace(m, start=3, end=9, inherited=True)


@pytest.mark.parametrize("name, concept, prefix", [
    ("人大", "peoples-congress", None), ("县人大", "peoples-congress", "县"),
    ("县委办", "party-committee-office", "县"), ("政府办", "government-office", None),
    ("县政府办", "government-office", "县"),
])
def test_common_short_names_of_offices_are_known(name, concept, prefix):
    """`duties 人大`, `duties 县委办`, `duties 政府办` said "no department called …": an
    analyst's everyday names of the people's congress and the two general offices."""
    m = resolve(name)
    assert m is not None and (m.concept, m.prefix) == (concept, prefix)


@pytest.mark.parametrize("name, concept, prefix, canonical", [
    ("省退役军人厅", "veterans-affairs", "省", "退役军人事务厅"),
    ("县综合执法局", "urban-management", "县", "城市管理局"),
    ("县纪委监委机关", "discipline-inspection", "县", "纪委监委"),
    ("县政府教育督导室", "education-inspection", "县", "政府教育督导室"),  # 金寨: （县政府教育督导室牵头，…）
    ("县人民政府教育督导委员会办公室", "education-inspection", "县", "政府教育督导室"),
])
def test_the_short_names_audit_4_met_are_known(name, concept, prefix, canonical):
    """Audit 4: 江西省's 省退役军人厅 (the province's usual short name of its 退役军人事务厅) was
    an unknown heading, so its deputy convenor's post went to the 办公厅, and the office (办公室设在
    省退役军人厅) and lead unit (省退役军人厅为牵头单位) were lost; 淳安县's 县综合执法局 (its
    综合行政执法局) hosted no office; 宁都县's heading 县纪委监委机关： could not be read."""
    m = resolve(name)
    assert m is not None and (m.concept, m.prefix) == (concept, prefix)
    assert m.canonical in (canonical, name[len(prefix):])


def test_a_bare_zonghe_zhifa_ju_is_no_urban_management_bureau():
    """综合执法局 names the county's urban-management bureau only after a prefix (县综合执法局,
    pk:prefixedLabel): bare, it is a unit of another bureau (长阳's liaison of 县市场监管局,
    综合执法局局长), which as a hidden label made a 县城市管理局 of that cell."""
    m = resolve("综合执法局")
    assert m is None or m.concept != "urban-management"
    doc = process(ROOT / "tests" / "data" / "audit" / "changyang-illegal-fundraising-joint-meeting.txt")
    assert not [d for d in doc.facts.departments.values() if d.concept == "urban-management"]
