"""The graph stage: Document → RDF quads (IRIs, provenance, persons), the networkx view, the store."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pyoxigraph as ox
import pytest
import rdflib

from docfactory import COUNTY_PERSONS, city_doc, county_doc, flagged
from extractor import export
from extractor.errors import PolicykgError
from extractor.graph import (DCT, DEFAULT_BASE, DEPT, ELI, FOAF, MASK, OA, ORG, PK, PROV, RDF, RDFS, XSD, Lit, document_iri,
                             iri_segment, link_counterparts, notice_graph, number_slug, span_offsets, to_networkx,
                             to_rdf, validate)
from extractor.model import Document, Jurisdiction
from extractor.store import add_document, load_ontology, open_store

from conftest import CITY, COUNTY, EXTRA

B = DEFAULT_BASE
QIMEN = f"{B}jurisdiction/祁门县/doc/祁政办秘-2021-45"
BAYANNUR = f"{B}jurisdiction/巴彦淖尔市/doc/巴政办发-2021-20"


def objects(quads, s: str, p: str) -> list:
    return [q.object for q in quads if q.subject.value == s and q.predicate.value == p]


def subjects_of_type(quads, cls: str) -> list[str]:
    return [q.subject.value for q in quads if q.predicate.value == RDF + "type" and q.object.value == cls]


def value(quads, s: str, p: str):
    vals = objects(quads, s, p)
    assert len(vals) == 1, (s, p, vals)
    return vals[0].value


def spans(quads) -> list[tuple[str, str, int, int]]:
    """(node, source IRI, start, end) for every span link (pk:span, oa:hasTarget) in the
    quads, read from the span's RFC 5147 IRI; its pk:start/pk:end must say the same."""
    out = []
    for q in quads:
        if q.predicate.value not in (PK + "span", OA + "hasTarget"):
            continue
        span = q.object.value
        m = re.fullmatch(r"(.+)#char=(\d+),(\d+)", span)
        assert m, span
        s, e = int(m[2]), int(m[3])
        assert (int(value(quads, span, PK + "start")), int(value(quads, span, PK + "end"))) == (s, e), span
        out.append((q.subject.value, m[1], s, e))
    return out


def quote(quads, node: str, link: str = PK + "span") -> str:
    """The source characters `node`'s span points at."""
    src, s, e = span_offsets(value(quads, node, link))
    return value(quads, src, PK + "sourceText")[s:e]


@pytest.fixture(scope="module")
def county():
    return to_rdf(county_doc())


@pytest.fixture(scope="module")
def city():
    return to_rdf(city_doc())


# --- IRIs ------------------------------------------------------------------------------------------


def test_document_and_clause_iris_are_readable(county):
    assert document_iri(county_doc()) == QIMEN
    assert {q.graph_name.value for q in county} == {QIMEN + "/graph"}
    clause = f"{QIMEN}/clause/main/4/20"
    assert value(county, clause, ELI + "is_part_of") == f"{QIMEN}/clause/main/4"
    assert value(county, clause, ELI + "number") == "20"
    assert value(county, clause, PK + "clauseLabel") == "（二十）"
    assert value(county, f"{QIMEN}/clause/main", ELI + "is_part_of") == QIMEN


@pytest.mark.parametrize("number, slug", [
    ("祁政办秘〔2021〕45号", "祁政办秘-2021-45"),
    ("巴政办发〔2021〕20号", "巴政办发-2021-20"),
    ("国办发[2019]15号", "国办发-2019-15"),
    ("奈政办发〔2022〕第 7 号", "奈政办发-2022-7"),
    ("财政部公告2019年第76号", "财政部公告-2019-76"),
    ("某 文/号", "某文%2F号"),
])
def test_number_slug(number, slug):
    assert number_slug(number) == slug


def test_iri_segment_keeps_chinese_and_encodes_what_iris_forbid():
    assert iri_segment("祁门县") == "祁门县"
    assert iri_segment("a b/c<d>%\"{}|^`\\") == "a%20b%2Fc%3Cd%3E%25%22%7B%7D%7C%5E%60%5C"
    assert iri_segment("县\u3000委\u200b") == "县%E3%80%80委%E2%80%8B"  # ideographic space, zero-width space


def test_iri_segment_fast_path_keeps_only_what_encoding_keeps():
    """The characters `iri_segment` passes through without encoding are exactly those the
    character-by-character encoder keeps as they are."""
    from extractor.graph import _PLAIN_SEGMENT, encode_segment

    fast = [cp for cp in range(0x110000) if _PLAIN_SEGMENT.fullmatch(chr(cp))]
    assert len(fast) > 27000  # ASCII letters and digits, -._~, CJK and extension A
    assert [cp for cp in fast if encode_segment(chr(cp)) != chr(cp)] == []
    assert iri_segment("卫生健康委-2021_a.b~c") == "卫生健康委-2021_a.b~c"
    assert iri_segment("\uf900") == encode_segment("\uf900") == "\u8c48"  # a compatibility ideograph: NFC first


def _no_number_doc(text: str, title: str | None) -> Document:
    doc = Document(text=text, path="x.txt")
    doc.jurisdiction = Jurisdiction("奈曼旗", "banner", "旗")
    if title:
        from extractor.model import Field
        doc.fields = [Field(0, len(title), name="title", value=title)]
    return doc


def test_notice_without_doc_number_gets_title_and_hash_slug_and_never_collides():
    title = "奈曼旗人民政府办公室关于建立 奈曼旗<促进>婴幼儿照护服务发展联席会议制度的通知"
    a = _no_number_doc(title + "\n甲", title)
    b = _no_number_doc(title + "\n乙", title)
    ia, ib = document_iri(a), document_iri(b)
    assert ia != ib
    assert ia.startswith(f"{B}jurisdiction/奈曼旗/doc/奈曼旗人民政府办公室关于建立奈曼旗%3C促进%3E")
    assert document_iri(_no_number_doc("只有正文", None)).startswith(f"{B}jurisdiction/奈曼旗/doc/text-")
    quads = to_rdf(a)
    assert value(quads, ia, PK + "docNumberAbsent") == "true"
    assert objects(quads, ia, ELI + "id_local") == []


def test_a_notice_without_title_or_number_is_labelled_by_what_it_sets_up_not_its_hash():
    """奈曼旗's excerpt starts at 一、制定背景 (the page's title is not in it) and has no 文号:
    its rdfs:label — the name every view, GraphML and table shows — was its IRI's hash
    (text-da0765e79b3aa8fe). Now it is the joint meeting the text sets up (as written there),
    兴安盟's the 指挥部; the IRI stays the hash (a stable identifier). A notice with a 文号
    and no title is labelled by the 文号 as written, not its IRI's slug."""
    from conftest import XINGANMENG
    from extractor.model import Field
    from extractor.pipeline import process

    naiman = process(next(p for p in EXTRA if p.name.startswith("naiman")))
    assert naiman.title is None and naiman.doc_number is None
    assert naiman.text.startswith("一、制定背景\n")  # no title the parser missed
    iri = document_iri(naiman)
    assert iri == f"{B}jurisdiction/奈曼旗/doc/text-da0765e79b3aa8fe"
    assert value(to_rdf(naiman), iri, RDFS + "label") == "奈曼旗促进3岁以下婴幼儿照护服务发展工作联席会议"
    sandstorm = process(XINGANMENG)
    assert value(to_rdf(sandstorm), document_iri(sandstorm), RDFS + "label") == "盟重大沙尘暴灾害应急指挥部"
    numbered = _no_number_doc("祁政办秘〔2021〕45号\n一、主要职责\n统筹协调。\n", None)
    numbered.fields = [Field(0, 11, name="doc_number", value="祁政办秘〔2021〕45号")]
    assert value(to_rdf(numbered), document_iri(numbered), RDFS + "label") == "祁政办秘〔2021〕45号"
    bare = _no_number_doc("一、主要职责\n统筹协调。\n", None)
    bare.path = "corpus/某县联席会议.txt"
    assert value(to_rdf(bare), document_iri(bare), RDFS + "label") == "某县联席会议.txt"


def test_iris_are_accepted_by_rdflib_pyoxigraph_and_rapper(tmp_path):
    from extractor.export import write_ntriples, write_turtle

    title = "关于 “托育” <服务> {机构} | 50% 的通知"
    quads = to_rdf(_no_number_doc(title + "\n正文", title)) + to_rdf(county_doc())
    n = len({q.triple for q in quads})
    ttl, nt = write_turtle(quads, tmp_path / "a.ttl"), write_ntriples(quads, tmp_path / "a.nt")
    assert len(rdflib.Graph().parse(ttl, format="turtle")) == n
    assert len(rdflib.Graph().parse(nt, format="nt")) == n
    assert len(list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))) == n
    if shutil.which("rapper") is None:
        pytest.skip("rapper (raptor2-utils) not installed")
    for path, fmt in ((ttl, "turtle"), (nt, "ntriples")):
        run = subprocess.run(["rapper", "-i", fmt, "-c", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert f"returned {n} triples" in run.stderr


def test_two_notices_never_collide(county, city):
    a = {q.subject.value for q in county}
    b = {q.subject.value for q in city}
    assert not any(s.startswith(BAYANNUR) for s in a) and not any(s.startswith(QIMEN) for s in b)
    from extractor import __version__

    assert a & b == {f"{B}agent/policykg-{__version__}"}  # the software agent is the one node they share


def test_fact_iris_come_from_clause_and_ordinal(county, city):
    duties = set(subjects_of_type(county, PK + "DutyAssignment"))
    assert f"{QIMEN}/duty/main/4/1/d3" in duties
    tasks = set(subjects_of_type(city, PK + "TaskAssignment"))
    assert tasks == {f"{BAYANNUR}/task/main/2/2/5/t1/1", f"{BAYANNUR}/task/main/2/3/3/t1/1",
                     f"{BAYANNUR}/task/main/2/3/3/t1/2", f"{BAYANNUR}/task/main/2/3/3/t1/3"}


def test_duplicate_fact_ids_still_give_distinct_iris():
    doc = county_doc()
    doc.facts.duties[1].id = doc.facts.duties[0].id
    duties = subjects_of_type(to_rdf(doc), PK + "DutyAssignment")
    assert len(duties) == len(set(duties)) == len(doc.facts.duties)


def test_deterministic(county):
    assert to_rdf(county_doc()) == county
    assert not any(isinstance(t, ox.BlankNode) for q in county for t in (q.subject, q.object))


# --- facts and provenance -----------------------------------------------------------------------------


def test_every_span_quotes_the_source_exactly(county, city):
    for doc, quads in ((county_doc(), county), (city_doc(), city)):
        found = spans(quads)
        assert len(found) > 10
        for node, src, s, e in found:
            assert src == document_iri(doc) + "/source", node
            assert 0 <= s < e <= len(doc.text), node
        source = value(quads, document_iri(doc) + "/source", PK + "sourceText")
        assert source == doc.text
        at = {node: (s, e) for node, _, s, e in found}
        for c in doc.walk():  # each clause's span is its [start, end) in the parsed tree
            assert at[f"{document_iri(doc)}/clause/{c.id}"] == (c.start, c.end), c.id
        for ann in subjects_of_type(quads, OA + "Annotation"):  # a mention quotes a name of its unit
            assert quote(quads, ann, OA + "hasTarget").strip("（()）") in doc.text, ann


def test_every_fact_links_to_its_clause_and_span(county, city):
    for doc, quads in ((county_doc(), county), (city_doc(), city)):
        for cls in (PK + "DutyAssignment", PK + "Citation", ORG + "Post", PK + "MeetingRule", OA + "Annotation"):
            for node in subjects_of_type(quads, cls):
                derived = objects(quads, node, "http://www.w3.org/ns/prov#wasDerivedFrom")
                assert derived and all("/clause/" in o.value for o in derived), node
                link = OA + "hasTarget" if cls == OA + "Annotation" else PK + "span"
                span = value(quads, node, link)
                assert re.fullmatch(re.escape(document_iri(doc))
                                    + r"/source#char=\d+,\d+", span), node


def test_duty_assignment_is_n_ary(county):
    d = f"{QIMEN}/duty/main/4/1/d3"
    assert value(county, d, PK + "assignee") == f"{B}jurisdiction/祁门县/org/health"
    assert value(county, d, PK + "role") == "https://w3id.org/policykg/role/responsible"
    assert value(county, d, PK + "action") == "https://w3id.org/policykg/action/guide"
    assert value(county, d, PK + "actionLabel") == "指导"
    assert value(county, d, PK + "dutyText") == "指导婴幼儿照护服务机构严格执行国家和省、市有关设置标准与管理规范"


def test_task_tag_gives_one_assignment_per_department(city):
    tasks = [t for t in subjects_of_type(city, PK + "TaskAssignment") if "/main/2/3/3/" in t]
    assignees = sorted(value(city, t, PK + "assignee").rsplit("/", 1)[-1] for t in tasks)
    assert assignees == ["development-reform", "finance", "health"]
    for t in tasks:
        assert value(city, t, PK + "task") == f"{BAYANNUR}/clause/main/2/3/3"
        assert value(city, t, PK + "dutyText") == "加强财政保障"
        assert quote(city, t) == "加强财政保障"  # its span is the task's text, as a duty's is its statement's
        assert quote(city, t, PK + "tagSpan") == "(市财政局、发展改革委、卫生健康委按职责分工负责)"


def test_the_quote_recipe_gives_every_task_s_text():
    """README's quote, SUBSTR(?text, ?start + 1, ?end - ?start) of a duty's pk:span, is its
    dutyText for every task row of the seeds too (it gave the tag: (市人社局…按职责分工负责));
    the tag is quoted by pk:tagSpan."""
    from extractor.pipeline import process

    store = open_store()
    for seed in (COUNTY, CITY):
        add_document(store, process(seed))
    rows = list(store.query(f"""
        SELECT ?d ?duty ?quote ?tag WHERE {{
          ?d a <{PK}TaskAssignment> ; <{PK}dutyText> ?duty ; <{PK}span> ?sp ; <{PK}tagSpan> ?tp .
          ?sp <{PK}start> ?start ; <{PK}end> ?end . ?tp <{PK}start> ?ts ; <{PK}end> ?te .
          ?src <{PK}sourceText> ?text .
          FILTER (STRSTARTS(STR(?sp), CONCAT(STR(?src), "#char=")))
          BIND (SUBSTR(?text, ?start + 1, ?end - ?start) AS ?quote)
          BIND (SUBSTR(?text, ?ts + 1, ?te - ?ts) AS ?tag)
        }}""", use_default_graph_as_union=True))
    assert len(rows) == 94
    assert all(r["quote"].value == r["duty"].value for r in rows), [r["d"].value for r in rows if r["quote"] != r["duty"]]
    assert all(re.fullmatch(r"\(市.*(负责|配合)\)", r["tag"].value) for r in rows)
    assert {r["duty"].value for r in rows} >= {"全面落实产假及相关政策", "加强财政保障"}


def test_task_without_heading_is_its_text_after_the_label():
    """A task clause with no heading of its own: its text up to the tag, not its label too."""
    from extractor.pipeline import process_bytes

    text = ("某市人民政府办公室关于印发方案的通知\n\n各旗县区人民政府:\n一、主要任务\n"
            "（一）扩大托育服务供给，推动机构建设，完善服务设施（市卫生健康委负责）。\n")
    doc = process_bytes(text.encode(), "t.txt")
    assert doc.clause("main/1/1").heading is None
    quads = to_rdf(doc)
    [task] = subjects_of_type(quads, PK + "TaskAssignment")
    assert value(quads, task, PK + "dutyText") == "扩大托育服务供给，推动机构建设，完善服务设施"
    assert quote(quads, task) == "扩大托育服务供给，推动机构建设，完善服务设施"
    assert quote(quads, task, PK + "tagSpan") == "（市卫生健康委负责）"


def test_organisations_per_jurisdiction_and_concept(county):
    health = f"{B}jurisdiction/祁门县/org/health"
    assert value(county, health, ORG + "classification") == DEPT + "health"
    assert value(county, health, PK + "jurisdiction") == f"{B}jurisdiction/祁门县"
    assert value(county, health, RDFS + "label") == "县卫生健康委"
    assert value(county, f"{B}jurisdiction/祁门县/org/establishment-office", RDFS + "label") == "县委编办"
    assert value(county, f"{B}jurisdiction/祁门县", PK + "jurisdictionLevel") == \
        "https://w3id.org/policykg/layout/county"


def test_body_outside_the_registry_is_keyed_by_its_name():
    doc = county_doc()
    doc.facts.departments["祁门县/establishment-office"].concept = None
    quads = to_rdf(doc)
    org = f"{B}jurisdiction/祁门县/org/县委编办"
    assert value(quads, org, RDFS + "label") == "县委编办"
    assert objects(quads, org, ORG + "classification") == []
    assert value(quads, f"{QIMEN}/duty/main/4/2/d1", PK + "assignee") == org


def test_joint_meeting(county):
    m = QIMEN + "/meeting"
    assert value(county, QIMEN, PK + "establishes") == m
    convenor = value(county, m, PK + "convenor")
    assert value(county, convenor, RDFS + "label") == "县政府分管副县长"
    assert value(county, m, PK + "officeHost") == f"{B}jurisdiction/祁门县/org/health"
    assert value(county, m, PK + "statedMemberCount") == "21"
    members = {value(county, ms, ORG + "member") for ms in subjects_of_type(county, ORG + "Membership")}
    assert len(members) == 4
    plenary = f"{QIMEN}/rule/main/3/1/rule"
    period = objects(county, plenary, PK + "period")[0]
    assert (period.value, period.datatype.value) == ("P6M", "http://www.w3.org/2001/XMLSchema#duration")
    assert value(county, plenary, PK + "timesMin") == value(county, plenary, PK + "timesMax") == "1"
    assert value(county, f"{QIMEN}/rule/main/3/2/rule", PK + "irregular") == "true"


STATE = f"{B}jurisdiction/国家/doc/优化生育政策工作部际联席会议制度建立-d4a24a3b"
JINGZHOU = f"{B}jurisdiction/荆州市/doc/荆州市人民政府办公室关于建立荆州市促进3岁以下婴幼儿照护服务发展工作联席会议制度-397edff7"


@pytest.fixture(scope="module")
def notices():
    """The real notices' graphs: the two seeds, the State Council's news page and 荆州's notice."""
    from extractor.pipeline import process

    extra = {p.name.split("-")[0]: p for p in EXTRA}
    return {name: to_rdf(process(p)) for name, p in
            (("county", COUNTY), ("city", CITY), ("state", extra["state"]), ("jingzhou", extra["jingzhou"]))}


def _participations(quads, rule: str) -> list[tuple[str, str, list[str], list[str]]]:
    """(part, label, labels of the posts it links, local names of the roles it names) of each
    participation of `rule`, in the order of their spans; each label is its span's quote."""
    out = []
    for p in sorted((o.value for o in objects(quads, rule, PK + "participation")),
                    key=lambda p: span_offsets(value(quads, p, PK + "span"))[1]):
        assert quote(quads, p) == value(quads, p, RDFS + "label")
        posts = sorted(objects(quads, p, PK + "participant"), key=lambda o: span_offsets(value(quads, o.value, PK + "span"))[1])
        out.append((value(quads, p, PK + "part").rsplit("#", 1)[1], value(quads, p, RDFS + "label"),
                    [value(quads, o.value, RDFS + "label") for o in posts],
                    sorted(o.value.rsplit("#", 1)[1] for o in objects(quads, p, PK + "participantRole"))))
    return out


def test_a_membership_is_spanned_where_the_notice_lists_the_member(notices):
    """Each org:Membership carries the span of its unit's name in the member list: 祁门's first,
    县卫生健康委, in 联席会议成员单位包含县卫生健康委、… (not 副召集人由县卫生健康委… before it)."""
    county = notices["county"]
    text = COUNTY.read_text(encoding="utf-8")
    listed = text.index("联席会议成员单位包含") + len("联席会议成员单位包含")
    first = f"{QIMEN}/meeting/member/1"
    assert (quote(county, first), span_offsets(value(county, first, PK + "span"))[1]) == ("县卫生健康委", listed)
    memberships = subjects_of_type(county, ORG + "Membership")
    assert len(memberships) == 21 and all(objects(county, ms, PK + "span") for ms in memberships)


def test_who_chairs_and_attends_in_the_graph(notices):
    """Each rule's participations point at the posts of the meeting (the same nodes as its
    pk:convenor, pk:deputyConvenor, pk:officeDirector, pk:liaison), with span and clause.
    (The seeds' graphs are validated by test_seed_facts_become_a_valid_graph.)"""
    city = notices["city"]
    m = BAYANNUR + "/meeting"
    assert _participations(city, f"{BAYANNUR}/rule/att1/3/1/rule") == [
        ("partChair", "联席会议召集人或副召集人", ["市政府分管领导", "市卫生健康委主要负责同志"],
         ["roleConvenor", "roleDeputyConvenor"]),
        ("partInvitee", "其他相关单位", [], [])]
    assert _participations(city, f"{BAYANNUR}/rule/att1/3/3/rule") == [
        ("partChair", "联席会议办公室主任", ["市卫生健康委分管负责同志"], ["roleOfficeDirector"]),
        ("partAttendee", "各有关成员单位联络员", ["各成员单位有关业务科室1名负责同志"], ["roleLiaison"])]
    chair, attendee = (f"{BAYANNUR}/participation/att1/3/3/rule/{p}" for p in ("chair1", "attendee1"))
    assert value(city, chair, PK + "participant") == value(city, m, PK + "officeDirector")
    assert value(city, attendee, PK + "participant") == value(city, m, PK + "liaison")
    assert value(city, chair, "http://www.w3.org/ns/prov#wasDerivedFrom") == f"{BAYANNUR}/clause/att1/3/3"
    liaison = value(city, m, PK + "liaison")
    assert value(city, liaison, RDFS + "label") == "各成员单位有关业务科室1名负责同志" == quote(city, liaison)
    assert value(city, liaison, PK + "officeMember") == "true"
    assert value(city, liaison, ORG + "role") == PK + "roleLiaison" and value(city, liaison, ORG + "postIn") == m
    assert objects(city, liaison, PK + "homeUnit") == []  # held in every member unit
    county = notices["county"]
    assert _participations(county, f"{QIMEN}/rule/main/3/1/rule")[0][:3] == (
        "partChair", "联席会议召集人或副召集人", ["县政府分管副县长", "县卫生健康委主要负责同志"])
    liaison = value(county, QIMEN + "/meeting", PK + "liaison")
    assert value(county, liaison, RDFS + "label") == "各成员单位有关业务股室1名负责同志"
    assert objects(county, liaison, PK + "officeMember") == []
    state = notices["state"]
    rule = f"{STATE}/rule/main/rule-491"
    assert value(state, rule, PK + "ruleKind") == "https://w3id.org/policykg/meeting/general"
    assert value(state, rule, PK + "irregular") == "true" and objects(state, rule, PK + "period") == []
    assert _participations(state, rule) == [
        ("partChair", "召集人或召集人委托副召集人",
         ["国务院分管卫生健康工作的领导同志", "国家卫生健康委主要负责同志", "协助分管卫生健康工作的国务院副秘书长"],
         ["roleConvenor", "roleDeputyConvenor"])]
    jingzhou = notices["jingzhou"]
    assert value(jingzhou, value(jingzhou, JINGZHOU + "/meeting", PK + "liaison"), RDFS + "label") == "各成员单位有关科室负责人"
    for name in ("state", "jingzhou"):
        assert validate(notices[name])[0], name


def test_how_each_rule_meets_in_the_graph(notices):
    """pk:schedule: the State Council's 定期或不定期召开会议 is regular-or-irregular (and
    pk:irregular, true, says it may meet as needed), and so is the county's 全体会议 (每半年1次,
    也可…临时召开); its 专题会议 irregular, its 综合督查 (每半年) regular; the city's 信息通报制度
    says neither: no schedule, pk:irregular false."""
    pkm = "https://w3id.org/policykg/meeting/"
    state = notices["state"]
    assert value(state, f"{STATE}/rule/main/rule-491", PK + "schedule") == pkm + "regular-or-irregular"
    county, city = notices["county"], notices["city"]
    assert value(county, f"{QIMEN}/rule/main/3/1/rule", PK + "schedule") == pkm + "regular-or-irregular"
    assert value(county, f"{QIMEN}/rule/main/3/4/rule", PK + "schedule") == pkm + "regular"
    assert value(county, f"{QIMEN}/rule/main/3/2/rule", PK + "schedule") == pkm + "irregular"
    briefing = f"{BAYANNUR}/rule/att1/3/4/rule"
    assert objects(city, briefing, PK + "schedule") == [] and value(city, briefing, PK + "irregular") == "false"


def test_whom_the_joint_meeting_as_a_whole_invites_in_the_graph(notices):
    """祁门县's 联席会议可根据工作需要邀请其他有关部门和单位负责人参加 (no rule's): a
    pk:MeetingParticipation of the joint meeting itself, part invitee, its phrase as label and
    span, derived from its clause; the plenary's own invitee stays on the plenary rule."""
    county = notices["county"]
    m = QIMEN + "/meeting"
    assert _participations(county, m) == [("partInvitee", "其他有关部门和单位负责人", [], [])]
    invitee = f"{QIMEN}/participation/meeting/invitee1"
    assert value(county, m, PK + "participation") == invitee
    assert value(county, invitee, "http://www.w3.org/ns/prov#wasDerivedFrom") == f"{QIMEN}/clause/main/2"
    assert [p[1] for p in _participations(county, f"{QIMEN}/rule/main/3/1/rule") if p[0] == "partInvitee"] == [
        "其他相关单位负责人"]
    assert validate(notices["jingzhou"])[0]  # 荆州's (其他有关部门和单位), beside a rule of running text


_CHAIR = f"{STATE}/participation/main/rule-491/chair1"
_STATE_RULE = f"{STATE}/rule/main/rule-491"
_JINGZHOU_INVITEE = f"{JINGZHOU}/participation/meeting/invitee1"


def _set(node, pred, obj, replace=True):
    def mutate(quads):
        g = quads[0].graph_name
        kept = [q for q in quads if not (replace and q.subject.value == node and q.predicate.value == pred)]
        return kept + [ox.Quad(ox.NamedNode(node), ox.NamedNode(pred), obj, g)]
    return mutate


def _drop(node, pred):
    return lambda quads: [q for q in quads if not (q.subject.value == node and q.predicate.value == pred)]


def _elsewhere(quads):
    """The chair's span moved to characters outside its rule (still inside the source)."""
    span = f"{STATE}/source#char=10,20"
    g = quads[0].graph_name
    return _set(_CHAIR, PK + "span", ox.NamedNode(span))(quads) + [
        ox.Quad(ox.NamedNode(span), ox.NamedNode(PK + p), ox.Literal(str(v), datatype=ox.NamedNode(XSD + "integer")), g)
        for p, v in (("start", 10), ("end", 20))]


_BROKEN = {  # name: (notice, mutation, the focus node the report must name)
    "participation without part": ("state", _drop(_CHAIR, PK + "part"), _CHAIR),
    "part not in meetingParts": ("state", _set(_CHAIR, PK + "part", ox.NamedNode(PK + "roleConvenor")), _CHAIR),
    "participation without span": ("state", _drop(_CHAIR, PK + "span"), _CHAIR),
    "participation of no rule": ("state", lambda quads: [q for q in quads if q.predicate.value != PK + "participation"],
                                 _CHAIR),
    "participant not a post": ("state", _set(_CHAIR, PK + "participant", ox.NamedNode(STATE + "/meeting")), _CHAIR),
    "span outside its rule": ("state", _elsewhere, f"{STATE}/source"),
    "phrase not its span's": ("state", _set(_CHAIR, RDFS + "label", ox.Literal("国务院副总理", language="zh")),
                              f"{STATE}/source"),
    "schedule irregular, flag false": ("state", _set(_STATE_RULE, PK + "irregular", ox.Literal("false", datatype=ox.NamedNode(
        XSD + "boolean"))), _STATE_RULE),
    "schedule not a schedule": ("state", _set(_STATE_RULE, PK + "schedule", ox.NamedNode(
        "https://w3id.org/policykg/meeting/plenary")), _STATE_RULE),
    "participation of a rule and of the meeting": ("jingzhou", _set(f"{JINGZHOU}/rule/main/3/rule-698", PK + "participation",
                                                                    ox.NamedNode(_JINGZHOU_INVITEE), replace=False),
                                                  _JINGZHOU_INVITEE),
    "meeting participation of nothing": ("jingzhou", _drop(JINGZHOU + "/meeting", PK + "participation"), _JINGZHOU_INVITEE),
    "two liaison posts": ("jingzhou", _set(JINGZHOU + "/meeting", PK + "liaison",
                                           ox.NamedNode(f"{JINGZHOU}/post/main/2/post1"), replace=False),
                          JINGZHOU + "/meeting"),
    "addressee without span": ("county", _drop(f"{QIMEN}/cc/2", PK + "span"), f"{QIMEN}/cc/2"),
    "addressee of no notice": ("county", lambda quads: [q for q in quads if q.predicate.value != PK + "copyRecipient"],
                               f"{QIMEN}/cc/1"),
    "addressed body not an organisation": ("county", _set(f"{QIMEN}/cc/1", PK + "addressedBody", ox.NamedNode(QIMEN)),
                                           f"{QIMEN}/cc/1"),
    "office member not boolean": ("jingzhou", _set(f"{JINGZHOU}/post/main/2/post4", PK + "officeMember", ox.Literal("是")),
                                  f"{JINGZHOU}/post/main/2/post4"),
}


@pytest.mark.parametrize("name", sorted(_BROKEN))
def test_the_participation_shapes_bite(notices, name):
    notice, mutate, focus = _BROKEN[name]
    quads = notices[notice]
    broken = mutate(quads)
    assert broken != quads
    conforms, text, report = validate(broken)
    assert not conforms, name
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert focus in {str(o) for o in report.objects(None, SH.focusNode)}, text


def test_recipients_and_copies_are_addressees_spanned_and_linked_to_the_bodies_they_name(notices):
    """主送 and 抄送 items in the graph: each a pk:Addressee with its full name and span, the
    organisation it is when it names one body (so a query finds the notices copied to the
    county's people's congress), none for an address to many."""
    county = notices["county"]
    store = ox.Store()
    store.extend(county + notices["city"])
    res = store.query("""PREFIX pk: <https://w3id.org/policykg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?n ?kind ?label ?org WHERE { GRAPH ?g {
            ?n ?p ?a . ?a a pk:Addressee ; rdfs:label ?label . VALUES (?p ?kind) { (pk:recipient "主送") (pk:copyRecipient "抄送") }
            OPTIONAL { ?a pk:addressedBody ?o . ?o rdfs:label ?org } } } ORDER BY ?n ?a""")
    got = [(r["n"].value.rsplit("/", 1)[-1], r["kind"].value, r["label"].value, r["org"].value if r["org"] else None)
           for r in res]
    assert got == [
        ("巴政办发-2021-20", "主送", "各旗县区人民政府", None),
        ("巴政办发-2021-20", "主送", "巴彦淖尔经济技术开发区管委会", "巴彦淖尔经济技术开发区管委会"),
        ("巴政办发-2021-20", "主送", "市直有关部门", None),
        ("巴政办发-2021-20", "主送", "驻市有关单位", None),
        ("祁政办秘-2021-45", "抄送", "县委办公室", "县委办公室"),
        ("祁政办秘-2021-45", "抄送", "县人大常委会办公室", "县人大常委会办公室"),
        ("祁政办秘-2021-45", "抄送", "县政协办公室", "县政协办公室"),
        ("祁政办秘-2021-45", "主送", "各乡、镇人民政府", None),
        ("祁政办秘-2021-45", "主送", "县政府有关部门", None),
    ]
    assert quote(county, f"{QIMEN}/cc/2") == "县人大常委会办公室"
    assert value(county, f"{QIMEN}/cc/2", PK + "addressedBody") == f"{B}jurisdiction/祁门县/org/peoples-congress"
    assert quote(county, f"{QIMEN}/recipient/1") == "各乡、镇人民政府"


def test_a_reporting_line_is_traced_to_the_words_that_say_it(notices):
    """在县政府领导下 gave the meeting's org:reportsTo with no span (the README promises one for
    every fact): each reporting line is also an rdf:Statement (standard reification) with the
    span of the phrase and its clause."""
    county = notices["county"]
    meeting = QIMEN + "/meeting"
    line = f"{meeting}/reports-to/1"
    assert value(county, line, RDF + "type") == RDF + "Statement"
    assert (value(county, line, RDF + "subject"), value(county, line, RDF + "predicate"), value(county, line, RDF + "object")) \
        == (meeting, "http://www.w3.org/ns/org#reportsTo", f"{B}jurisdiction/祁门县/org/government")
    assert quote(county, line) == "在县政府领导下"
    assert value(county, line, "http://www.w3.org/ns/prov#wasDerivedFrom") == f"{QIMEN}/clause/main/1"
    assert value(county, meeting, "http://www.w3.org/ns/org#reportsTo") == f"{B}jurisdiction/祁门县/org/government"
    assert validate(county)[0]


def _derived(quads, node: str) -> str:
    return value(quads, node, "http://www.w3.org/ns/prov#wasDerivedFrom")


def test_the_set_up_of_a_body_is_traced_to_the_words_that_say_it(notices):
    """The State Council's joint meeting: its office's host, its lead unit, its office as its unit
    and the bureau hosting that, its 26 units — each link also an rdf:Statement with the span of
    the words saying it and their clause, as its reporting lines are (they had neither); and the
    body is read from the clause setting it up (祁门's 二、成员单位), not from the notice as a whole."""
    state = notices["state"]
    meeting, health = STATE + "/meeting", f"{B}jurisdiction/国家/org/health"
    office = value(state, meeting, ORG + "hasSubOrganization")
    got = {}
    for line in subjects_of_type(state, RDF + "Statement"):
        triple = (value(state, line, RDF + "subject"), value(state, line, RDF + "predicate"),
                  value(state, line, RDF + "object"))
        got[triple] = (quote(state, line), _derived(state, line))
    main = f"{STATE}/clause/main"
    assert got == {
        (meeting, PK + "officeHost", health): ("办公室设在国家卫生健康委", main),
        (meeting, ORG + "hasSubOrganization", office): ("办公室设在国家卫生健康委", main),
        (office, PK + "hostedBy", health): ("办公室设在国家卫生健康委", main),
        (meeting, PK + "leadUnit", health): ("国家卫生健康委为牵头单位", main),
        (meeting, PK + "statedMemberCount", "26"): ("26", main)}
    for s, p, o in got:  # each the reification of a statement of the graph
        assert objects(state, s, p)[0].value == o
    assert _derived(state, meeting) == main
    county = notices["county"]
    assert _derived(county, QIMEN + "/meeting") == f"{QIMEN}/clause/main/2"
    assert quote(county, QIMEN + "/meeting/member-count") == "21"
    assert validate(state)[0] and validate(county)[0]


def _qimen_again(number: str, host: str) -> bytes:
    """祁门's notice as a second notice of the same county would write it: another 文号, the
    same body's name, its office in another bureau."""
    text = COUNTY.read_text(encoding="utf-8").replace("祁政办秘〔2021〕45号", number)
    return text.replace("办公室设在县卫生健康委", f"办公室设在{host}").encode("utf-8")


def test_two_notices_of_one_county_setting_up_one_body_have_an_office_each():
    """Two notices of 祁门县 setting up a joint meeting of one name (祁政办秘〔2021〕45号, its
    office in 县卫生健康委; 祁政办秘〔2023〕12号, in 县民政局) had one office node, keyed by the
    county and the name: a unit of both bodies, hosted by both bureaus, and the merged graph
    broke shapes.ttl (an office is a unit of exactly one body). Each office is now its notice's,
    under its body's IRI, as the body is; the county's bureaus stay shared."""
    from extractor.pipeline import process_bytes

    docs = [process_bytes(_qimen_again(n, host), "qimen.txt")
            for n, host in (("祁政办秘〔2021〕45号", "县卫生健康委"), ("祁政办秘〔2023〕12号", "县民政局"))]
    quads = [q for d in docs for q in to_rdf(d)]
    offices = {}
    for d in docs:
        body = document_iri(d) + "/meeting"
        office = value(quads, body, ORG + "hasSubOrganization")
        assert office == body + "/office" and value(quads, office, ORG + "subOrganizationOf") == body
        offices[d.doc_number] = value(quads, office, PK + "hostedBy").rsplit("/", 1)[1]
    assert offices == {"祁政办秘〔2021〕45号": "health", "祁政办秘〔2023〕12号": "civil-affairs"}
    ok, report, _ = validate(quads)
    assert ok, report


def test_a_notice_its_body_s_office_issues_has_that_office_as_issuer():
    """A notice issued by the office of the body it sets up (祁门县促进…联席会议办公室, 祁婴联办
    〔2021〕1号) had two office nodes once the office became the notice's: the issuer keyed by
    the county and the name, the unit under the body; `departments` listed it twice."""
    from extractor.pipeline import process_bytes

    office = "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议办公室"
    text = COUNTY.read_text(encoding="utf-8").replace("祁门县人民政府办公室关于印发祁门县促进", office + "关于印发祁门县促进", 1)
    text = re.sub(r"(?m)^祁门县人民政府办公室$", office, text, count=1).replace("祁政办秘〔2021〕45号", "祁婴联办〔2021〕1号")
    d = process_bytes(text.encode("utf-8"), "qimen.txt")
    quads = to_rdf(d)
    body = document_iri(d) + "/meeting"
    assert value(quads, document_iri(d), ELI + "passed_by") == body + "/office"
    offices = {q.subject.value for q in quads if q.predicate.value == RDFS + "label" and q.object.value == office}
    assert offices == {body + "/office"}


def test_a_body_s_posts_are_in_the_body_and_say_whence_their_holders_come(notices):
    """The convenor's post (县政府分管副县长) was org:postIn the county government, as if the
    government had a convenor; the deputy convenor's in 卫健委, the liaison post in nothing, so
    "the posts of this joint meeting" missed all but the office's. Each post of the body is in
    the body (the office director's in the office, a unit of the body), the unit its holder
    comes from is pk:homeUnit; the body has its office by org:hasSubOrganization, not
    org:hasUnit (whose domain org:FormalOrganization made the joint meeting a legal entity)."""
    county = notices["county"]
    m, org = QIMEN + "/meeting", f"{B}jurisdiction/祁门县/org/"
    office = value(county, m, ORG + "hasSubOrganization")
    got = {}
    for prop in ("convenor", "deputyConvenor", "officeDirector", "liaison"):
        post = value(county, m, PK + prop)
        got[prop] = (value(county, post, ORG + "postIn"), sorted(o.value for o in objects(county, post, PK + "homeUnit")))
    assert got == {"convenor": (m, [org + "government"]), "deputyConvenor": (m, [org + "health"]),
                   "officeDirector": (office, [org + "health"]), "liaison": (m, [])}
    # the member units' officials of the contact table: posts of the joint meeting, held from their unit
    leads = [p for p in subjects_of_type(county, ORG + "Post") if value(county, p, ORG + "role") == PK + "roleLeadOfficial"]
    assert len(leads) == 21 and {value(county, p, ORG + "postIn") for p in leads} == {m}
    assert len({value(county, p, PK + "homeUnit") for p in leads}) == 21
    store = ox.Store()
    store.extend(county)
    posts = {r["label"].value for r in store.query(f"""SELECT ?label WHERE {{ GRAPH ?g {{
        ?p <{ORG}postIn> <{m}> ; <{ORG}role> <{PK}roleConvenor> ; <{RDFS}label> ?label }} }}""")}
    assert posts == {"县政府分管副县长"}  # "the posts of this joint meeting" find its convenor
    assert not [q for q in county if q.predicate.value in (ORG + "hasUnit", ORG + "unitOf")]


def test_titles_are_dct_title_and_the_media_type_an_iri(county, city):
    """eli:title is an eli:LegalExpression's, and a notice (or a document it cites) is an
    eli:LegalResource here: its title is dct:title. The source file's dct:format was a
    literal ("text/plain") where DCMI wants a dct:MediaTypeOrExtent: IANA's IRI of it."""
    assert not [q for q in county + city if q.predicate.value == ELI + "title"]
    assert value(county, QIMEN, "http://purl.org/dc/terms/title").startswith("祁门县人民政府办公室关于印发")
    cited = f"{B}doc/国办发-2019-15"
    assert objects(city, cited, "http://purl.org/dc/terms/title")
    media = value(county, QIMEN + "/source", "http://purl.org/dc/terms/format")
    assert media == "http://www.iana.org/assignments/media-types/text/plain"


def test_memberships_addressees_and_the_head_s_names_are_read_from_where_they_are_written(notices):
    """Each org:Membership is read from the clause listing its unit (祁门's 二、成员单位), not only
    spanned there; a 主送 or 抄送 item, and a name in the head (the issuer, a copy's body), from the
    notice — the head is no clause's — with their spans kept. They had no derivation."""
    county = notices["county"]
    memberships = subjects_of_type(county, ORG + "Membership")
    assert len(memberships) == 21
    assert {_derived(county, ms) for ms in memberships} == {f"{QIMEN}/clause/main/2"}
    addressees = subjects_of_type(county, PK + "Addressee")
    assert len(addressees) == 5 and {_derived(county, a) for a in addressees} == {QIMEN}
    assert quote(county, f"{QIMEN}/cc/2") == "县人大常委会办公室"
    head = [a for a in subjects_of_type(county, OA + "Annotation") if "/mention/doc/" in a]
    assert sorted(quote(county, a, OA + "hasTarget") for a in head) == [
        "县人大常委会办公室", "县委办公室", "县政协办公室", "祁门县人民政府办公室"]
    assert {_derived(county, a) for a in head} == {QIMEN}
    for quads in notices.values():  # every membership, addressee and mention is read from something
        for cls in (ORG + "Membership", PK + "Addressee", OA + "Annotation"):
            assert all(objects(quads, n, "http://www.w3.org/ns/prov#wasDerivedFrom") for n in subjects_of_type(quads, cls))


def test_a_citation_in_a_clause_is_cited_not_the_notice_s_basis(notices):
    """巴彦淖尔's penalty clause's 依据《中华人民共和国人口与计划生育法》 and a task's 按照…《…公告》
    were eli:based_on of the whole notice: they are eli:cites; its opening's titles stay its basis."""
    city = notices["city"]
    based_on = {o.value for o in objects(city, BAYANNUR, ELI + "based_on")}
    cites = {o.value for o in objects(city, BAYANNUR, ELI + "cites")}
    law = f"{B}doc/title/中华人民共和国人口与计划生育法"
    assert law in cites and law not in based_on
    assert f"{B}doc/财政部公告-2019-76" in cites and f"{B}doc/财政部公告-2019-76" not in based_on  # the 公告
    assert based_on == {f"{B}doc/中发-2021-30", f"{B}doc/国办发-2020-52", f"{B}doc/国办发-2019-15", f"{B}doc/内政办发-2019-31"}


def test_citations_based_on_cites_and_internal(county, city):
    assert value(county, QIMEN, ELI + "based_on") == f"{B}doc/title/关于做好3岁以下婴幼儿照护服务发展工作的通知"
    assert value(county, QIMEN, ELI + "cites") == f"{B}doc/财政部公告-2019-76"
    internal = f"{QIMEN}/citation/cover/ref1"
    assert value(county, internal, PK + "citedDocument") == f"{QIMEN}/clause/main"
    assert value(city, BAYANNUR, ELI + "based_on") == f"{B}doc/国办发-2019-15"
    assert value(city, f"{B}doc/国办发-2019-15", ELI + "id_local") == "国办发〔2019〕15号"


def test_no_wall_clock_and_no_absolute_path(county):
    text = " ".join(str(q) for q in county)
    assert "/somewhere/" not in text
    assert "qimen-county-2021.txt" in text
    assert "dateTime" not in text


# --- persons ---------------------------------------------------------------------------------------------


def test_persons_on_gives_holders(county):
    people = subjects_of_type(county, FOAF + "Person")
    names = {value(county, p, FOAF + "name") for p in people}
    assert names == set(COUNTY_PERSONS)
    post = f"{QIMEN}/post/att1/r1/post1"
    assert value(county, post, ORG + "heldBy") in people
    assert value(county, post, RDFS + "label") == "县卫生健康委分管负责人"


def test_persons_off_leaves_no_person_name_anywhere():
    doc = county_doc()
    quads = to_rdf(doc, persons=False)
    dump = ox.serialize([q for q in quads], format=ox.RdfFormat.N_QUADS).decode()
    for name in COUNTY_PERSONS + ("张  丹",):
        assert name not in dump, name
    assert FOAF + "Person" not in dump and FOAF + "name" not in dump  # (foaf:primaryTopic names the notice)
    # the masked text keeps every offset valid, and the posts themselves stay
    source = value(quads, QIMEN + "/source", PK + "sourceText")
    assert len(source) == len(doc.text)
    assert source != doc.text and all(a == b for a, b in zip(source, doc.text) if a != MASK)
    for node, _, s, e in spans(quads):
        assert 0 <= s < e <= len(source), node
    assert len(subjects_of_type(quads, ORG + "Post")) == len(doc.facts.posts)
    assert validate(quads)[0]


def test_a_post_named_by_its_holder_alone_is_held_by_that_person():
    """组  长：孙　悟 / 办公室主任由朱八戒同志兼任: the head's and the office director's posts,
    named by a person alone, are held by that person (org:heldBy) and labelled by their
    role (组长, 办公室主任 — org:postIn the office); a deputy named after the post
    (县政府办公室副主任李四) holds it too; without persons no name is left."""
    from extractor.pipeline import process_bytes

    text = ("黟县人民政府办公室关于成立黟县婴幼儿照护服务工作领导小组的通知\n各乡镇人民政府，县政府各部门：\n"
            "经县政府研究，决定成立黟县婴幼儿照护服务工作领导小组。现将组成人员名单通知如下：\n"
            "组  长：孙　悟\n副组长：县政府办公室副主任李四\n成  员：赵六（县教育局局长）、钱七（县民政局局长）\n"
            "领导小组下设办公室，办公室设在县卫生健康委，负责领导小组日常工作，办公室主任由朱八戒同志兼任。\n")
    doc = process_bytes(text.encode("utf-8"), "yixian.txt")
    quads = to_rdf(doc)
    m = value(quads, document_iri(doc), PK + "establishes")
    head, director = value(quads, m, PK + "head"), value(quads, m, PK + "officeDirector")
    assert [value(quads, p, RDFS + "label") for p in (head, director)] == ["组长", "办公室主任"]
    assert [value(quads, value(quads, p, ORG + "heldBy"), FOAF + "name") for p in (head, director)] == ["孙悟", "朱八戒"]
    assert value(quads, director, ORG + "postIn") == value(quads, m, ORG + "hasSubOrganization")
    deputy = value(quads, m, PK + "deputyHead")
    assert (value(quads, deputy, RDFS + "label"), value(quads, value(quads, deputy, ORG + "heldBy"), FOAF + "name")) == (
        "县政府办公室副主任", "李四")
    dump = ox.serialize(to_rdf(doc, persons=False), format=ox.RdfFormat.N_QUADS).decode()
    assert not [name for name in ("朱八戒", "孙悟", "孙　悟", "李四") if name in dump]

# --- the networkx view -----------------------------------------------------------------------------------


def test_networkx_view(county, city):
    store = open_store()
    for d in (county_doc(), city_doc()):
        add_document(store, d)
    assert link_counterparts(store) == 4  # health and development-reform, both directions
    g = to_networkx(store)
    kinds = Counter(k for _, k in g.nodes(data="kind"))
    assert {"document", "clause", "task", "department", "meeting", "duty", "reference", "jurisdiction",
            "person", "post", "meeting-rule", "concept"} <= set(kinds)
    assert kinds["document"] == 2
    health = f"{B}jurisdiction/祁门县/org/health"
    node = g.nodes[health]
    assert (node["kind"], node["label"], node["jurisdiction"]) == ("department", "县卫生健康委", "祁门县")
    duties_of = Counter(v for u, v, k in g.edges(data="kind") if k == "duty_of")
    assert duties_of[health] == 3
    assert duties_of[f"{B}jurisdiction/祁门县/org/taxation"] == 1
    duty = g.nodes[f"{QIMEN}/duty/main/4/1/d2"]
    assert duty["title"] == "负责婴幼儿照护服务机构的行业管理、业务培训和政策咨询等工作"
    assert duty["jurisdiction"] == "祁门县" and duty["doc"] == QIMEN
    assigned = {(u.rsplit("/clause/", 1)[-1], v.rsplit("/", 1)[-1]) for u, v, k in g.edges(data="kind")
                if k == "assigned_to"}
    assert assigned == {("main/2/2/5", "health"), ("main/2/3/3", "finance"),
                        ("main/2/3/3", "development-reform"), ("main/2/3/3", "health")}
    counterparts = {(u, v) for u, v, k in g.edges(data="kind") if k == "counterpart"}
    assert (health, f"{B}jurisdiction/巴彦淖尔市/org/health") in counterparts
    holds = [(u, v) for u, v, k in g.edges(data="kind") if k == "holds_post"]
    assert len(holds) == 4 and all(g.nodes[u]["kind"] == "person" for u, _ in holds)
    for _, data in g.nodes(data=True):
        assert set(data) >= {"label", "kind", "jurisdiction", "title"}
    # degree via networkx: the county health commission is the most connected department
    deps = [n for n, k in g.nodes(data="kind") if k == "department"]
    assert max(deps, key=g.degree) == health


def test_networkx_view_without_persons_has_no_person_nodes():
    g = to_networkx(to_rdf(county_doc(), persons=False))
    assert not [n for n, k in g.nodes(data="kind") if k == "person"]


# --- the store -------------------------------------------------------------------------------------------


def test_add_document_replaces_its_graph():
    store = open_store()
    g = add_document(store, county_doc())
    n = len(store)
    assert add_document(store, county_doc()) == g
    assert len(store) == n
    doc = county_doc()
    doc.facts.duties.pop()
    add_document(store, doc)
    assert len(store) < n
    add_document(store, city_doc())
    assert {x.value for x in store.named_graphs()} == {QIMEN + "/graph", BAYANNUR + "/graph"}


def test_store_on_disk_persists(tmp_path):
    store = open_store(tmp_path / "db")
    add_document(store, city_doc())
    n = len(store)
    store.flush()
    del store
    assert len(open_store(tmp_path / "db")) == n


def test_open_store_on_a_file_is_a_clear_error(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(PolicykgError, match="not a store directory"):
        open_store(f)


def test_load_ontology_into_its_graph():
    store = open_store()
    load_ontology(store)
    graph = ox.NamedNode(B + "ontology")
    assert {g.value for g in store.named_graphs()} == {graph.value}
    ask = f"ASK {{ GRAPH <{graph.value}> {{ <{PK}DutyAssignment> a <http://www.w3.org/2002/07/owl#Class> }} }}"
    assert store.query(ask)
    shapes = "ASK { ?s a <http://www.w3.org/ns/shacl#NodeShape> }"
    assert not store.query(shapes, use_default_graph_as_union=True)
    n = len(store)
    load_ontology(store)
    assert len(store) == n


def test_sparql_over_the_store_finds_the_duties_of_a_department():
    store = open_store()
    add_document(store, county_doc())
    add_document(store, city_doc())
    rows = store.query(f"""
        SELECT ?text WHERE {{
          ?d a <{PK}DutyAssignment> ; <{PK}assignee> ?org ; <{PK}dutyText> ?text .
          ?org <{ORG}classification> <{DEPT}health> ; <{PK}jurisdiction>/<{RDFS}label> "祁门县"@zh .
        }} ORDER BY ?text""", use_default_graph_as_union=True)
    assert [r["text"].value for r in rows][0] == "承担联席会议办公室职能，负责办公室日常工作"


# --- the real seeds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [COUNTY, CITY], ids=["county", "city"])
def test_seed_clause_tree_becomes_a_valid_graph(path, request):
    doc = request.getfixturevalue("county_parsed" if path == COUNTY else "city_parsed")
    quads = to_rdf(doc)
    clauses = subjects_of_type(quads, ELI + "LegalResourceSubdivision")
    assert len(clauses) == sum(1 for _ in doc.walk())
    at = {node: (s, e) for node, _, s, e in spans(quads)}
    for c in doc.walk():
        assert at[f"{document_iri(doc)}/clause/{c.id}"] == (c.start, c.end), c.id
    conforms, text, _ = validate(quads)
    assert conforms, text


def _with_facts(path):
    try:
        from extractor.pipeline import process

        return process(path)
    except ImportError as exc:  # extract.py not landed yet in this checkout
        pytest.skip(f"extraction stage not available: {exc}")


@pytest.mark.parametrize("path", [COUNTY, CITY], ids=["county", "city"])
def test_seed_facts_become_a_valid_graph(path):
    doc = _with_facts(path)
    quads = to_rdf(doc)
    conforms, text, _ = validate(quads)
    assert conforms, text
    duties = subjects_of_type(quads, PK + "DutyAssignment")
    assert len(duties) == len(doc.facts.duties) + sum(len(a.departments) for a in doc.facts.assignments)
    if path == COUNTY:
        dump = ox.serialize(to_rdf(doc, persons=False), format=ox.RdfFormat.N_QUADS).decode()
        for name in ("许亚军", "吴佳婧", "王卫东", "郑少维", "汪曌哲"):
            assert name in doc.text and name not in dump


def _process(path):
    """With facts when the extraction stage is importable, else the clause tree alone."""
    from extractor.pipeline import process

    try:
        return process(path)
    except ImportError:
        return process(path, facts=False)


@pytest.mark.parametrize("path", EXTRA, ids=lambda p: p.stem)
def test_extra_notices_become_valid_graphs(path):
    doc = _process(path)
    quads = to_rdf(doc)
    conforms, text, _ = validate(quads)
    assert conforms, text
    assert subjects_of_type(quads, PK + "Notice") == [document_iri(doc)]


def test_a_web_pages_publication_date_is_kept_apart_from_the_signing_date(county):
    """荆州's page says 发布时间:2020-12-28 15:37 and lost its signature date: the graph had
    no date for it at all."""
    doc = _process(next(p for p in EXTRA if p.name.startswith("jingzhou")))
    quads = to_rdf(doc)
    iri = document_iri(doc)
    assert value(quads, iri, ELI + "date_publication") == "2020-12-28"
    assert objects(quads, iri, ELI + "date_document") == []
    assert value(county, QIMEN, ELI + "date_document") == "2021-12-03"  # a signed notice
    assert objects(county, QIMEN, ELI + "date_publication") == []
    bad = [q for q in quads if q.predicate.value != ELI + "date_publication"] + [
        ox.Quad(ox.NamedNode(iri), ox.NamedNode(ELI + "date_publication"), ox.Literal("2020-12-28 15:37"),
                quads[0].graph_name)]
    assert not validate(bad)[0]  # the shape wants an xsd:date


def test_literals_are_written_as_pyoxigraph_writes_them_on_every_code_point():
    """A build worker writes N-Triples itself: each of its literals must be the bytes
    pyoxigraph writes (escapes, language tags, datatypes), or files and store would differ."""
    s, p = ox.NamedNode("http://a/s"), ox.NamedNode("http://a/p")
    chunks = ["".join(chr(c) for c in range(k, min(k + 0x8000, 0x110000)) if not 0xD800 <= c <= 0xDFFF)
              for k in range(0, 0x110000, 0x8000)]
    lits = [Lit(c) for c in chunks] + [Lit('a"b\\c\n', lang="ZH"), Lit("1", XSD + "integer"), Lit("²０", XSD + "integer"),
                                       Lit("-1", XSD + "integer"), Lit("x", XSD + "string"),
                                       Lit("true", XSD + "boolean"), Lit("")]
    for lit in lits:
        ours = f"<http://a/s> <http://a/p> {lit.ntriples()} .\n".encode("utf-8")
        assert ours == ox.serialize([ox.Triple(s, p, lit.term())], format=ox.RdfFormat.N_TRIPLES), lit[:2]


@pytest.mark.parametrize("path", [COUNTY, CITY, *EXTRA], ids=lambda p: p.stem)
def test_a_notices_ntriples_are_its_quads(path):
    from extractor.export import sort_ntriples, sorted_ntriples

    for persons in (True, False):
        statements = notice_graph(_process(path), persons=persons)
        quads = statements.quads()
        assert len(quads) == len(statements.rows) == len(set(quads))
        assert sort_ntriples(statements.ntriples()) == sorted_ntriples(quads)
        made = statements.sorted_ntriples()  # what a build worker writes every file from
        assert made == sorted_ntriples(quads) and made.terms == export._terms(export.SortedNTriples(made))


def test_sorted_ntriples_of_odd_rows_are_those_sort_ntriples_gives():
    """`NoticeGraph.sorted_ntriples` makes the keys of the lines where an rdf:type mark can
    be (the predicate, the object, a literal's text) and drops a line two literals write:
    the same bytes as sorting the lines, and each line's terms as `_terms` reads them."""
    from extractor.graph import NoticeGraph

    t, s = RDF + "type", "http://a/s"
    rows = [(s, "http://a/p", Lit(f"x> <{t}> y")), (s, "http://a/p", Lit("一")), (s, "http://a/p", Lit("一", XSD + "string")),
            (s, "http://a/q", t), (s, t, "http://a/C"), (s, t, Lit(f"> <{t}> ")), ("http://a/r", "http://a/p", s),
            (s, "http://a/p", Lit("换\u2028行\x85")), (s, "http://a/p", Lit("1", XSD + "integer"))]
    for order in (rows, rows[::-1]):
        g = NoticeGraph("http://a/g", order)
        made = g.sorted_ntriples()
        assert made == export.sort_ntriples(g.ntriples()) and made.count(b"\n") == len(rows) - 1
        assert made.terms == export._terms(export.SortedNTriples(made))
    assert NoticeGraph("http://a/g", []).sorted_ntriples() == b""


def test_the_issuer_is_the_registry_organisation_it_names():
    """祁门县人民政府办公室 is the county's government office (as 县政府办公室 in the text would
    be): classified, in its jurisdiction, its name in the header a traceable mention. It was an
    unclassified organisation keyed by its name, which `departments` listed without a concept."""
    doc = _process(COUNTY)
    assert doc.facts.issuer == "祁门县/government-office"
    dep = doc.facts.departments[doc.facts.issuer]
    assert (dep.name, dep.concept) == ("县人民政府办公室", "government-office")  # as it signs
    assert [doc.text[m.start:m.end] for m in dep.mentions] == ["祁门县人民政府办公室"] and dep.mentions[0].clause == ""
    quads = to_rdf(doc)
    org = value(quads, QIMEN, ELI + "passed_by")
    assert org == DEFAULT_BASE + "jurisdiction/祁门县/org/government-office"
    assert value(quads, org, ORG + "classification").endswith("/government-office")
    assert validate(quads)[0]
    g = to_networkx(quads)  # the views draw it beside its notice (it was a node without edges)
    assert [(u, v) for u, v, k in g.edges(data="kind") if k == "issued_by"] == [(QIMEN, org)]
    assert not [n for n, kind in g.nodes(data="kind") if kind == "department" and g.degree(n) == 0]
    # Two issuers together (联合发文) stay one name-keyed organisation, as before.
    from extractor.pipeline import process_bytes

    joint = process_bytes("巴彦淖尔市卫生健康委员会 巴彦淖尔市教育局关于建立联席会议制度的通知\n一、成员单位\n市卫健委、市教育局。\n"
                          .encode("utf-8"), "joint.txt")
    assert joint.facts.issuer == ""
    quads = to_rdf(joint)
    org = value(quads, document_iri(joint), ELI + "passed_by")
    assert value(quads, org, RDFS + "label") == "巴彦淖尔市卫生健康委员会 巴彦淖尔市教育局"


def test_all_known_notices_get_distinct_iris():
    iris = [document_iri(_process(p)) for p in [COUNTY, CITY, *EXTRA]]
    assert len(set(iris)) == len(iris) == 2 + len(EXTRA)


def test_seed_counterparts_and_the_view():
    store = open_store()
    for path in (COUNTY, CITY):
        add_document(store, _with_facts(path))
    n = link_counterparts(store)
    pairs = {(r["a"].value, r["b"].value) for r in store.query(
        f"SELECT ?a ?b WHERE {{ GRAPH <{B}counterparts> {{ ?a ?p ?b }} }}")}
    assert len(pairs) == n > 10
    assert (f"{B}jurisdiction/祁门县/org/health", f"{B}jurisdiction/巴彦淖尔市/org/health") in pairs
    # only bodies of the two issuing jurisdictions, not the ministries a notice cites
    assert all("/jurisdiction/祁门县/" in a + b and "/jurisdiction/巴彦淖尔市/" in a + b for a, b in pairs)
    g = to_networkx(store)
    tasks = Counter(v for u, v, k in g.edges(data="kind") if k == "assigned_to")
    # the city health commission carries the most task tags of the implementation plan
    assert tasks.most_common(1)[0][0] == f"{B}jurisdiction/巴彦淖尔市/org/health"
    assert {g.nodes[u]["kind"] for u, v, k in g.edges(data="kind") if k == "assigned_to"} == {"task"}


def test_notices_naming_no_place_do_not_share_a_jurisdiction():
    """The 兴安盟 fragment says only 盟 (盟林业局, 全盟): its jurisdiction has a level and no
    name, so its organisations stay its own — another unnamed league's 盟林业局 is another
    body, not merged with it under one "盟"."""
    from extractor.pipeline import process_bytes
    from extractor.graph import to_rdf

    path = next(p for p in EXTRA if p.name.startswith("xinganmeng"))
    text = path.read_text(encoding="utf-8")
    first = process_bytes(text.encode("utf-8"), "league-a.txt")
    second = process_bytes(text.replace("沙尘暴", "森林火灾").encode("utf-8"), "league-b.txt")
    j = first.jurisdiction
    assert (j.name, j.level, j.prefix) == ("", "league", "盟")
    forestry = []
    for doc in (first, second):
        quads = to_rdf(doc)
        orgs = {q.subject.value for q in quads if q.predicate.value == ORG + "classification"
                and q.object.value.endswith("/forestry-grassland")}
        assert len(orgs) == 1 and "/jurisdiction/" not in next(iter(orgs))
        assert not [q for q in quads if "/jurisdiction/%E7%9B%9F" in q.subject.value or "/jurisdiction/盟" in q.subject.value]
        forestry.append(orgs.pop())
    assert forestry[0] != forestry[1]


def test_a_place_named_only_by_its_level_is_the_notice_s_own_jurisdiction():
    """The 兴安盟 fragment's organisations (盟财政局 …), its headquarters and the notice itself are
    of a league it does not name: one jurisdiction of the league level, the notice's own (its
    IRI under the notice's), labelled so — they had none, and no `-j` reached them."""
    from conftest import XINGANMENG
    from extractor.graph import to_rdf
    from extractor.pipeline import process

    doc = process(XINGANMENG)
    quads = to_rdf(doc)
    d = document_iri(doc)
    place = value(quads, d, ELI + "jurisdiction")
    assert place == f"{d}/jurisdiction"
    assert {q.object.value for q in quads if q.subject.value == place and q.predicate.value == RDF + "type"} == {
        "http://purl.org/dc/terms/Jurisdiction", "http://www.w3.org/2004/02/skos/core#Concept"}
    assert value(quads, place, RDFS + "label") == "盟（名称未写明）"
    assert value(quads, place, PK + "jurisdictionLevel") == "https://w3id.org/policykg/layout/league"
    finance = next(q.subject.value for q in quads if q.predicate.value == ORG + "classification"
                   and q.object.value == DEPT + "finance")
    assert value(quads, finance, PK + "jurisdiction") == place
    assert value(quads, f"{d}/meeting", PK + "jurisdiction") == place

def test_a_bare_province_the_notice_names_is_that_provinces_jurisdiction():
    """奈曼旗's 自治区党委 is 内蒙古自治区's (the notice names it): one jurisdiction with the
    内蒙古自治区人民政府办公厅 it names and with 巴彦淖尔市's 内蒙古自治区, of the region level."""
    from extractor.pipeline import process

    naiman = to_rdf(process(next(p for p in EXTRA if p.name.startswith("naiman"))))
    region = f"{B}jurisdiction/内蒙古自治区"
    orgs = {q.subject.value for q in naiman if q.predicate.value == PK + "jurisdiction" and q.object.value == region}
    assert orgs == {f"{region}/org/{c}" for c in ("government-office", "party-committee", "government")}
    assert value(naiman, region, PK + "jurisdictionLevel") == "https://w3id.org/policykg/layout/region"
    assert region in {q.object.value for q in to_rdf(process(CITY)) if q.predicate.value == PK + "jurisdiction"}
    assert not [q for q in naiman if "所在" in q.subject.value or "%E6%89%80%E5%9C%A8" in q.subject.value]


def test_networkx_of_one_stored_graph_reads_as_its_quads(county, city):
    """`to_networkx(store, graph=g)` reads g's N-Triples (views, one notice a page): the same
    nodes, attributes and edges as from g's quads — notice text with line breaks, quotes
    and a tab included (escaped literals), and the characters N-Triples keeps as they are
    but str.splitlines breaks at (U+2028, U+2029, U+0085, \x1c: a notice's page in `build`
    was an internal error, found by fuzzing)."""
    store = ox.Store()
    tricky = [q for q in county if q.predicate.value == PK + "sourceText"][0]
    odd = ox.Quad(tricky.subject, ox.NamedNode(RDFS + "comment"), ox.Literal('引号"、反斜杠\\\\和\t制表符\r\n段\u2028落\u2029分\x85隔\x1c符'), tricky.graph_name)
    store.extend([*county, *city, odd])
    for quads in (county, city):
        g = quads[0].graph_name
        a = to_networkx(store.quads_for_pattern(None, None, None, g))
        b = to_networkx(store, graph=g.value)
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
        assert a.number_of_nodes() > 10 and any("\n" in t for _, t in b.nodes(data="title"))
    with pytest.raises(PolicykgError):
        to_networkx(county, graph=county[0].graph_name.value)


# --- coordination bodies other than a joint meeting ------------------------------------------------


def _objects(quads, s: str, p: str) -> set[str]:
    return {q.object.value for q in quads if q.subject.value == s and q.predicate.value == p}


def test_a_joint_meeting_s_own_duties_are_assigned_to_the_meeting():
    """The county's 一、主要职责 are duty assignments of the joint meeting's own node — the
    pk:CoordinationBody that has the members and rules, not an organisation of its own — each
    spanned at its phrase and derived from clause main/1; 在县政府领导下: the meeting
    org:reportsTo the county government. No organisation node is made for the body besides it;
    the graph conforms to shapes.ttl."""
    from extractor.pipeline import process

    county = to_rdf(process(COUNTY))
    body = QIMEN + "/meeting"
    duties = [q.subject.value for q in county if q.predicate.value == PK + "assignee" and q.object.value == body]
    assert len(duties) == 7
    assert sorted(quote(county, d) for d in duties)[0] == "促进我县婴幼儿照护服务发展"
    assert {value(county, d, PK + "dutyText") for d in duties} >= {"完善婴幼儿照护服务工作机制", "贯彻省、市有关政策"}
    assert {value(county, d, PROV + "wasDerivedFrom") for d in duties} == {QIMEN + "/clause/main/1"}
    government = value(county, body, ORG + "reportsTo")
    assert value(county, government, ORG + "classification") == DEPT + "government"
    assert value(county, government, RDFS + "label") == "县人民政府"
    assert value(county, body, RDFS + "label") == "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议"
    assert not [q for q in county if q.predicate.value == RDFS + "label" and q.subject.value != body
                and q.object.value == "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议"]
    assert validate(county)[0]


def test_a_headquarters_and_its_office_unit_in_the_graph():
    """兴安盟's 应急指挥部 is a pk:CommandHeadquarters (a pk:CoordinationBody, no joint meeting);
    its office is an org:OrganizationalUnit of it, hosted by 盟林业局, the assignee of the four
    duties of its 主要职责, each with its span; the graph conforms to shapes.ttl."""
    from conftest import XINGANMENG
    from extractor.graph import validate
    from extractor.pipeline import process

    doc = process(XINGANMENG)
    quads = to_rdf(doc)
    body = document_iri(doc) + "/meeting"
    assert _objects(quads, body, RDF + "type") == {PK + "CommandHeadquarters", PK + "CoordinationBody", ORG + "Organization"}
    assert value(quads, body, RDFS + "label") == "盟重大沙尘暴灾害应急指挥部"
    office = value(quads, body, ORG + "hasSubOrganization")
    assert _objects(quads, office, RDF + "type") == {ORG + "Organization", ORG + "OrganizationalUnit"}
    assert value(quads, office, ORG + "subOrganizationOf") == body
    assert value(quads, office, RDFS + "label") == "盟重大沙尘暴灾害应急指挥部办公室"
    host = value(quads, office, PK + "hostedBy")
    assert host == value(quads, body, PK + "officeHost") and value(quads, host, RDFS + "label") == "盟林业局"
    duties = sorted(q.subject.value for q in quads if q.predicate.value == PK + "assignee" and q.object.value == office)
    spans = sorted((int(value(quads, sp, PK + "start")), int(value(quads, sp, PK + "end")))
                   for sp in (value(quads, d, PK + "span") for d in duties))
    assert spans == [(574, 607), (611, 665), (669, 710), (714, 730)]
    director = value(quads, body, PK + "officeDirector")
    assert value(quads, director, ORG + "role") == PK + "roleOfficeDirector"
    # a post in the office (held by an official of the bureau hosting it, as its label says)
    assert value(quads, director, ORG + "postIn") == office
    assert value(quads, director, RDFS + "label") == quote(quads, director) == "盟林业局分管副局长"
    members = [q.subject.value for q in quads if q.predicate.value == ORG + "role" and q.object.value == PK + "roleOfficeMember"]
    assert len(members) == 1 and value(quads, members[0], ORG + "postIn") == office
    assert value(quads, members[0], RDFS + "label") == "盟林业局办公室、计财科、林科所、宣传办等部门负责人"
    ok, report, _ = validate(quads)
    assert ok, report


def test_a_leading_group_in_the_graph():
    """A leading group's 组长 and 副组长 are its pk:head and pk:deputyHead posts, of the roles
    组长 and 副组长 (no 召集人); it conforms to shapes.ttl."""
    from conftest import LEADING_GROUP
    from extractor.graph import validate
    from extractor.pipeline import process_bytes

    doc = process_bytes(LEADING_GROUP.encode("utf-8"), "xiuning-leading-group.txt")
    quads = to_rdf(doc)
    body = document_iri(doc) + "/meeting"
    assert PK + "LeadingGroup" in _objects(quads, body, RDF + "type")
    assert PK + "JointMeeting" not in _objects(quads, body, RDF + "type")
    assert not _objects(quads, body, PK + "convenor")
    head = value(quads, body, PK + "head")
    assert value(quads, head, ORG + "role") == PK + "roleGroupLeader" and value(quads, head, RDFS + "label") == "县政府分管副县长"
    deputies = _objects(quads, body, PK + "deputyHead")
    assert {value(quads, d, ORG + "role") for d in deputies} == {PK + "roleDeputyGroupLeader"} and len(deputies) == 2
    assert len([q for q in quads if q.predicate.value == ORG + "organization" and q.object.value == body]) == 6
    ok, report, _ = validate(quads)
    assert ok, report


def test_a_rule_held_at_least_so_many_times_has_no_greatest():
    """每半年至少召开1次: pk:timesMin 1 and no pk:timesMax (no greatest number), not 1 to 1."""
    from extractor.pipeline import process_bytes

    text = COUNTY.read_text(encoding="utf-8").replace("原则上每半年召开1次", "原则上每半年至少召开1次")
    quads = to_rdf(process_bytes(text.encode("utf-8"), "qimen.txt"))
    plenary = next(s for s in subjects_of_type(quads, PK + "MeetingRule") if s.endswith("/main/3/1/rule"))
    assert value(quads, plenary, PK + "timesMin") == "1" and objects(quads, plenary, PK + "timesMax") == []


def test_a_listed_make_up_in_the_graph():
    """组  长：张  三（县政府副县长） …: each post of the list as written, held by the person
    named before it; the office's director a post of the office, its duty the office's. Without
    persons no name is left, and the graph conforms to shapes.ttl."""
    from test_extract import LISTED_GROUP
    from extractor.pipeline import process_bytes

    doc = process_bytes(LISTED_GROUP.encode("utf-8"), "yixian.txt")
    quads = to_rdf(doc)
    body = document_iri(doc) + "/meeting"
    head = value(quads, body, PK + "head")
    assert value(quads, head, RDFS + "label") == "县政府副县长"
    assert value(quads, value(quads, head, ORG + "heldBy"), FOAF + "name") == "张三"
    holders = {value(quads, value(quads, d, ORG + "heldBy"), FOAF + "name") for d in _objects(quads, body, PK + "deputyHead")}
    assert holders == {"李四", "王五"}
    members = sorted((value(quads, p, RDFS + "label"), value(quads, value(quads, p, ORG + "heldBy"), FOAF + "name"))
                     for p in subjects_of_type(quads, ORG + "Post") if value(quads, p, ORG + "role") == PK + "roleLeadOfficial")
    assert members == [("县市场监管局局长", "周九"), ("县教育局局长", "赵六"), ("县民政局局长", "钱七"), ("县财政局局长", "孙八")]
    office = value(quads, body, ORG + "hasSubOrganization")
    assert value(quads, value(quads, body, PK + "officeDirector"), ORG + "postIn") == office
    duty = next(q.subject.value for q in quads if q.predicate.value == PK + "assignee" and q.object.value == office)
    assert quote(quads, duty) == "负责领导小组日常工作"
    assert validate(quads)[0]
    hidden = to_rdf(doc, persons=False)
    dump = ox.serialize(hidden, format=ox.RdfFormat.N_QUADS).decode()
    for name in ("张三", "张  三", "李四", "王五", "赵六", "周九"):
        assert name not in dump, name
    assert validate(hidden)[0]


def test_the_extraction_made_the_description_not_the_notice():
    """PROV: the notice was prov:wasGeneratedBy policykg's extraction (a reasoner would say
    policykg produced the government's notice). What the extraction generated is the notice's
    graph, the description, derived from the text and about the notice (foaf:primaryTopic)."""
    quads = to_rdf(county_doc())
    graph = quads[0].graph_name.value
    generated = {q.subject.value for q in quads if q.predicate.value == PROV + "wasGeneratedBy"}
    assert generated == {graph}
    assert value(quads, graph, FOAF + "primaryTopic") == QIMEN
    assert value(quads, graph, PROV + "wasDerivedFrom") == QIMEN + "/source"
    assert value(quads, QIMEN, PROV + "hadPrimarySource") == QIMEN + "/source"


@pytest.mark.parametrize("base", ["http://example.org/data#", "http://example.org/a#b/"])
def test_a_base_holding_a_fragment_is_refused_before_any_notice_is_read(base):
    """Was: accepted (normalise_base kept a '#' ending), then every notice failed with "internal
    error (ValueError: Invalid IRI code point '#')": a span's IRI adds its own #char=…."""
    from extractor.graph import check_base

    with pytest.raises(PolicykgError) as exc:
        check_base(base)
    assert str(exc.value) == (f"base {base!r} holds a '#': the IRIs made from it take their own fragment "
                              "(a span's #char=…); end it with '/'")
    assert check_base("http://example.org/data") == "http://example.org/data"


# --- quotes tied to their spans, and literal datatypes (audit of 295a2ec) --------------------------------


def _first(quads, cls: str, keep=lambda quads, node: True) -> str:
    """The first node (in IRI order) of class `cls` that `keep` accepts."""
    nodes = {q.subject.value for q in quads if q.predicate.value == RDF + "type" and q.object.value == cls}
    return sorted(n for n in nodes if keep(quads, n))[0]


def _unheld(quads, post: str) -> bool:
    return not any(q.predicate.value == ORG + "holds" and q.object.value == post for q in quads)


def _relabelled(cls, pred, text, keep=lambda quads, node: True):
    def mutate(quads):
        node = _first(quads, cls, keep)
        return _set(node, pred, ox.Literal(text, language="zh"))(quads), node
    return mutate


def _moved_to_the_first_character(cls, keep=lambda quads, node: True, in_clause=False):
    """The span of the first `cls` node moved to the text's first character, or its clause's."""
    def mutate(quads):
        node = _first(quads, cls, keep)
        start = span_offsets(value(quads, value(quads, node, PROV + "wasDerivedFrom"), PK + "span"))[1] if in_clause else 0
        span = f"{value(quads, node, PK + 'span').split('#')[0]}#char={start},{start + 1}"
        g = quads[0].graph_name
        return _set(node, PK + "span", ox.NamedNode(span))(quads) + [
            ox.Quad(ox.NamedNode(span), ox.NamedNode(PK + p), ox.Literal(str(v), datatype=ox.NamedNode(XSD + "integer")), g)
            for p, v in (("start", start), ("end", start + 1))], node
    return mutate


def _retyped(cls, pred, literal, keep=lambda quads, node: True):
    """The first `cls` node's `pred` (which it has) replaced by literal(its value)."""
    def mutate(quads):
        node = _first(quads, cls, lambda quads, n: bool(objects(quads, n, pred)) and keep(quads, n))
        return _set(node, pred, literal(value(quads, node, pred)))(quads), node
    return mutate


def _person_renamed(quads):
    """A person of the county's table renamed: the post they hold has their name as its span."""
    person = _first(quads, FOAF + "Person")
    return _set(person, FOAF + "name", ox.Literal("张三", language="zh"))(quads), value(quads, person, ORG + "holds")


def _document(quads, citation):
    return value(quads, citation, PK + "referenceKind") == "document"


_UNTIED = {  # name: mutation of the county's graph → (broken quads, the node the report must name)
    "addressee's name not its span's": _relabelled(PK + "Addressee", RDFS + "label", "外星人政府"),
    "post's name not its span's": _relabelled(ORG + "Post", RDFS + "label", "完全不同的岗位", _unheld),
    "person's name not their post's span's": _person_renamed,
    "membership's span out of its clause": _moved_to_the_first_character(ORG + "Membership"),
    "citation's span out of its clause": _moved_to_the_first_character(PK + "Citation", _document),
    "citation's span names another document": _moved_to_the_first_character(PK + "Citation", _document, in_clause=True),
    "clause level a plain string": _retyped(ELI + "LegalResourceSubdivision", PK + "clauseLevel", lambda v: ox.Literal("two")),
    "cited 文号 a language string": _retyped(ELI + "LegalResource", ELI + "id_local", lambda v: ox.Literal(v, language="zh"),
                                           lambda quads, node: not objects(quads, node, PROV + "hadPrimarySource")),
    "action label a language string": _retyped(PK + "DutyAssignment", PK + "actionLabel", lambda v: ox.Literal(v, language="zh")),
    "format a string, not a media type's IRI": _retyped(PK + "SourceText", DCT + "format", lambda v: ox.Literal("text/plain")),
}


@pytest.mark.parametrize("name", sorted(_UNTIED))
def test_quotes_are_tied_to_their_spans_and_literals_typed(notices, name):
    """Were not checked: an addressee's, a post's or a person's name changed, a membership's or a
    citation's span moved to the first character, pk:clauseLevel "two" — all conformed."""
    broken, node = _UNTIED[name](notices["county"])
    conforms, text, report = validate(broken)
    assert not conforms, name
    assert node in flagged(report), text


def test_posts_named_by_their_holders_alone_conform_with_and_without_persons():
    """A post's span is its words or its holder's name (组  长：孙　悟; 办公室主任由朱八戒同志兼任),
    masked without persons: the post check of shapes.ttl holds for both."""
    from extractor.pipeline import process_bytes

    text = ("黟县人民政府办公室关于成立黟县婴幼儿照护服务工作领导小组的通知\n各乡镇人民政府，县政府各部门：\n"
            "经县政府研究，决定成立黟县婴幼儿照护服务工作领导小组。现将组成人员名单通知如下：\n"
            "组  长：孙　悟\n副组长：县政府办公室副主任李四\n成  员：赵六（县教育局局长）、钱七（县民政局局长）\n"
            "领导小组下设办公室，办公室设在县卫生健康委，负责领导小组日常工作，办公室主任由朱八戒同志兼任。\n")
    doc = process_bytes(text.encode("utf-8"), "yixian.txt")
    for persons in (True, False):
        conforms, report, _ = validate(to_rdf(doc, persons=persons))
        assert conforms, (persons, report)


def test_a_graph_s_facts_belong_to_its_own_notice_not_to_one_it_cites():
    """A notice naming no place has its 文号 for IRI ({base}doc/县卫发-2022-3), as a citation
    of it has: every node of the citing notice's graph was credited (GraphML `doc`) to the
    cited one, whichever notice-typed node came last. A graph's notice is its description's
    foaf:primaryTopic."""
    from extractor.pipeline import process_bytes

    cited = ("县卫生健康委关于做好托育机构备案工作的通知\n县卫发〔2022〕3号\n各乡镇卫生院：\n"
             "一、工作要求\n（一）县卫生健康委负责托育机构备案。\n（二）县市场监管局负责登记。\n")
    citing = ("县人民政府办公室关于加强托育服务的通知\n一号文〔2022〕1号\n各乡镇人民政府：\n"
              "根据《县卫生健康委关于做好托育机构备案工作的通知》（县卫发〔2022〕3号），现通知如下：\n"
              "一、工作要求\n（一）县教育局负责托班建设。\n")
    docs = [process_bytes(t.encode("utf-8"), f"{n}.txt") for n, t in (("c", citing), ("a", cited))]
    quads = [q for d in docs for q in to_rdf(d)]
    g = to_networkx(quads)  # (the citing notice first: the notice typed last won)
    own = {d.doc_number: document_iri(d) for d in docs}
    assert own["县卫发〔2022〕3号"] != own["一号文〔2022〕1号"]
    clauses = {n: a["doc"] for n, a in g.nodes(data=True) if a.get("kind") == "clause"}
    for notice in own.values():
        mine = {n for n in clauses if n.startswith(notice + "/clause/")}
        assert mine and {clauses[n] for n in mine} == {notice}


@pytest.mark.parametrize("name, director, home", [
    ("chizhou-elderly-care-joint-meeting.txt", "市民政局局长", "civil-affairs"),
    ("huangshan-food-safety-joint-meeting.txt", "市市场监管局副局长", "market-regulation"),
    ("shexian-river-chief-leading-group.docx", "县水利局局长", "water-resources"),
    # 淮北's 杨帆 is named elsewhere only in the member table's row 市数据资源局 | 杨帆 | 局长 (audit 5: 办公室主任)
    ("huaibei-digital-government-leading-group.html", "市数据资源局局长", "data-administration")])
def test_an_office_director_named_by_a_person_is_labelled_by_that_persons_post(name, director, home):
    """办公室主任由李卫国同志兼任, where the notice lists 李卫国（市民政局局长） among the deputy convenors:
    the director's post is labelled 市民政局局长 and held from 市民政局 (pk:homeUnit) — the audit found
    `meetings` and `compare` saying 办公室主任 for it, which tells an analyst nothing."""
    from pathlib import Path

    from extractor.pipeline import process

    doc = process(Path(__file__).parent / "data" / "audit" / name)
    quads = to_rdf(doc)
    meeting = next(q.subject.value for q in quads if q.predicate.value == PK + "officeDirector")
    post = value(quads, meeting, PK + "officeDirector")
    assert value(quads, post, RDFS + "label") == director
    homes = objects(quads, post, PK + "homeUnit")
    assert len(homes) == 1 and homes[0].value.endswith("/" + home)


def test_a_post_written_as_a_list_of_posts_is_held_from_each_unit():
    """昱中街道's 副组长：汪丽萍　街道党工委副书记、办事处主任 was held from the 街道党工委 alone (pk:homeUnit):
    办事处主任 made a post of the party committee, though 办事处 is the 街道's government (its office).
    A post of the body written as a list of posts, each after its unit, is held from each unit."""
    from pathlib import Path

    from extractor.pipeline import process

    doc = process(Path(__file__).parent / "data" / "audit" / "yuzhong-subdistrict-old-housing-leading-group.txt")
    quads = to_rdf(doc)
    homes = {}
    for q in quads:
        if q.predicate.value == PK + "homeUnit":
            homes.setdefault(value(quads, q.subject.value, RDFS + "label"), set()).add(q.object.value.rsplit("/", 1)[-1])
    assert homes["街道党工委书记"] == {"party-committee"}
    assert homes["街道党工委副书记、办事处主任"] == homes["街道党工委委员、办事处副主任"] == {"party-committee", "government"}
    assert homes["街道财政所所长"] == {"finance"}


def test_a_change_of_the_member_count_is_a_change_event():
    """泾县's 联席会议成员单位由12个调整为15个 (written for this test) was read as nothing: it is a
    pk:MemberCountChange of the body, 12 and 15 its counts (xsd:integer), conforming; `changes` shows
    it 12 → 15."""
    from pathlib import Path

    from extractor.pipeline import process

    doc = process(Path(__file__).parent / "data" / "audit" / "jingxian-fitness-joint-meeting-adjustment.txt")
    quads = to_rdf(doc)
    assert validate(quads)[0]
    event = next(q.subject.value for q in quads if q.predicate.value == RDF + "type"
                 and q.object.value == PK + "MemberCountChange")
    got = {q.predicate.value: q.object for q in quads if q.subject.value == event}
    assert (got[PK + "previousMemberCount"].value, got[PK + "resultingMemberCount"].value) == ("12", "15")
    assert got[PK + "resultingMemberCount"].datatype.value == XSD + "integer"
    assert got[PK + "changeReason"].value == "机构职能调整和人员变动"
    store = ox.Store()
    store.extend(quads)
    from extractor import query
    rows = query.changes(store)
    assert [(r["kind"], r["post"]) for r in rows][0] == ("recounted", "12 → 15")


def test_a_change_of_the_member_count_by_a_number_is_a_change_event():
    """旌德's 联席会议成员单位增加2个 and 成员单位减少1个 (written for this test) state neither count: each is a
    pk:MemberCountChange whose pk:memberCountDelta is 2 and −1 (xsd:integer), conforming; `changes`
    shows them +2 and −1."""
    from pathlib import Path

    from extractor.pipeline import process

    doc = process(Path(__file__).parent / "data" / "audit" / "jingde-elderly-care-joint-meeting-adjustment.txt")
    quads = to_rdf(doc)
    assert validate(quads)[0]
    deltas = sorted(q.object.value for q in quads if q.predicate.value == PK + "memberCountDelta")
    assert deltas == ["-1", "2"]
    assert not [q for q in quads if q.predicate.value in (PK + "previousMemberCount", PK + "resultingMemberCount")]
    store = ox.Store()
    store.extend(quads)
    from extractor import query
    rows = query.changes(store)
    assert [r["post"] for r in rows if r["kind"] == "recounted"] == ["+2", "−1"]


def test_a_member_count_changed_to_a_number_alone_is_a_change_event():
    """郎溪's 调整后，联席会议成员单位增至13个 (written for this test) states the count after, none before:
    a pk:MemberCountChange whose pk:resultingMemberCount is 13 and no pk:previousMemberCount,
    conforming; `changes` shows it ? → 13, beside 增补…等4个单位为…成员单位's +4."""
    from pathlib import Path

    from extractor.pipeline import process

    doc = process(Path(__file__).parent / "data" / "audit" / "langxi-minor-protection-joint-meeting-adjustment.txt")
    quads = to_rdf(doc)
    assert validate(quads)[0]
    assert [q.object.value for q in quads if q.predicate.value == PK + "resultingMemberCount"] == ["13"]
    assert not [q for q in quads if q.predicate.value == PK + "previousMemberCount"]
    store = ox.Store()
    store.extend(quads)
    from extractor import query
    rows = query.changes(store)
    assert [r["post"] for r in rows if r["kind"] == "recounted"] == ["+4", "−1", "−2", "? → 13"]
    assert [r["reason"] for r in rows if r["clause"] in ("main/2", "main/4")] == ["县扶贫办撤并", "县扶贫办撤并", "退休"]


def test_an_office_s_deputy_directors_are_posts_of_the_office():
    """淮北's 办公室主任由杨帆同志兼任，副主任由胡斌同志、市政府办公室副主任刘洋同志担任: the deputies were no
    post (audit 5). Each is a post in the office (pk:roleOfficeDeputyDirector), labelled as the director's
    is — 胡斌 by his member table row (市数据资源局 | 胡斌 | 副局长), 刘洋 by the post the sentence gives
    him — and held from that unit; the graph conforms."""
    from pathlib import Path

    from extractor.pipeline import process

    doc = process(Path(__file__).parent / "data" / "audit" / "huaibei-digital-government-leading-group.html")
    quads = to_rdf(doc)
    assert validate(quads)[0]
    office = next(q.object.value for q in quads if q.predicate.value == PK + "officeDirector")
    office = value(quads, office, ORG + "postIn")
    deputies = sorted(q.subject.value for q in quads if q.predicate.value == ORG + "role"
                      and q.object.value == PK + "roleOfficeDeputyDirector")
    assert [value(quads, d, RDFS + "label") for d in deputies] == ["市数据资源局副局长", "市政府办公室副主任"]
    assert all(value(quads, d, ORG + "postIn") == office for d in deputies)
    assert [objects(quads, d, PK + "homeUnit")[0].value.rsplit("/", 1)[-1] for d in deputies] == [
        "data-administration", "government-office"]


def test_a_post_s_telephone_is_in_the_graph_with_persons_only():
    """长阳's 联络员名单 gives each liaison's 联系电话 (audit 3: read nowhere): the post's
    schema:telephone, conforming; a graph without persons has none, and `export --no-persons`
    of a graph with them drops them and masks the numbers in the stored text as names are."""
    from pathlib import Path

    from extractor.pipeline import process

    doc = process(Path(__file__).parent / "data" / "audit" / "changyang-illegal-fundraising-joint-meeting.txt")
    tel = "https://schema.org/telephone"
    quads = to_rdf(doc)
    assert sorted(q.object.value for q in quads if q.predicate.value == tel) == [
        "0717-5321086", "0717-5322110", "0717-5323456", "13872501234", "13986712345"]
    conforms, report, _ = validate(quads)
    assert conforms, report
    assert not [q for q in to_rdf(doc, persons=False) if q.predicate.value == tel]
    shared = export.without_persons(quads)
    assert not [q for q in shared if q.predicate.value == tel or "13872501234" in q.object.value]


def test_a_clause_label_is_never_cut_inside_personal_data():
    """A clause's label is its first 24 characters — cut inside a telephone or a name, the
    piece escaped --no-persons, which masks a name or number only where a literal holds it
    whole: 长阳's liaison rows were labelled …副部长 13872 and …副主任 0717. The label now
    stops before the cell; a graph without persons, built or exported, holds no digit of one."""
    from pathlib import Path

    from extractor.pipeline import process

    doc = process(Path(__file__).parent / "data" / "audit" / "changyang-illegal-fundraising-joint-meeting.txt")
    phones = ["0717-5321086", "0717-5322110", "0717-5323456", "13872501234", "13986712345"]
    label = RDFS + "label"
    for quads in (to_rdf(doc, persons=False), export.without_persons(to_rdf(doc))):
        labels = {q.subject.value.rsplit("/clause/", 1)[-1]: q.object.value for q in quads if q.predicate.value == label}
        assert labels["main/3/r2"] == "2 县委宣传部 ＊＊＊ 副部长", labels["main/3/r2"]
        leaked = [v for v in labels.values() if any(p[:3] in v for p in phones)]
        assert not leaked, leaked
    assert "2 县委宣传部 " in next(q.object.value for q in to_rdf(doc) if q.predicate.value == label
                               and q.subject.value.endswith("/clause/main/3/r2"))


def test_a_task_table_s_deadline_is_its_row_s():
    """湾沚's task table gives each task's 完成时限 (2024年11月底, 长期坚持, 每季度): read nowhere
    (audit 3). It is the row's pk:deadline, as written; a cell merged down (〃) the row above's;
    not a person's data (kept without persons)."""
    from pathlib import Path

    from extractor.pipeline import process, process_bytes

    doc = process(Path(__file__).parent / "data" / "audit" / "wanzhi-rural-living-environment-tasks.html")
    quads = to_rdf(doc, persons=False)
    due = {q.subject.value.rsplit("/clause/", 1)[1]: q.object.value for q in quads if q.predicate.value == PK + "deadline"}
    assert due["main/1/r1"] == "2024年11月底" and due["main/3/r5"] == "长期坚持" and len(due) == 8
    assert validate(quads)[0]
    page = ("<p>祁门县人民政府办公室关于印发任务清单的通知</p><p>各乡镇人民政府：</p><p>现将任务清单印发给你们。</p>"
            "<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>完成时限</td></tr>"
            "<tr><td>1</td><td>做好甲。</td><td>县财政局</td><td rowspan='2'>2024年底</td></tr>"
            "<tr><td>2</td><td>做好乙。</td><td>县民政局</td></tr></table>")
    quads = to_rdf(process_bytes(page.encode("utf-8"), "x.html"))
    assert sorted(q.object.value for q in quads if q.predicate.value == PK + "deadline") == ["2024年底", "2024年底"]


def test_a_duty_table_s_deadline_is_its_row_s_as_a_task_table_s():
    """兰考's 部门 | 职责 | 完成时限 table (a duty table: each row its unit's duty): the 完成时限 cell
    is the row's pk:deadline as a task table's is, the duty's clause that row — README's known
    limits said it was read as no deadline (a guard: read so since 5a15ef8); on one line too."""
    from pathlib import Path

    from extractor.pipeline import process, process_bytes

    path = Path(__file__).parent / "data" / "audit" / "lankao-water-supply-leading-group.txt"
    for doc in (process(path), process_bytes(path.read_text(encoding="utf-8").replace("\n", "").encode("utf-8"), "lk.txt")):
        due = {q.subject.value.rsplit("/clause/", 1)[1]: q.object.value for q in to_rdf(doc)
               if q.predicate.value == PK + "deadline"}
        assert len(due) == 8 and (due["main/2/r1"], due["main/2/r3"], due["main/2/r6"]) == (
            "2024年12月底前", "持续推进", "每季度")
        duty = next(d for d in doc.facts.duties if d.department == "兰考县/water-resources")
        assert due[duty.clause] == "2024年12月底前"


@pytest.mark.parametrize("name", ["chizhou-elderly-care-joint-meeting.txt", "huangshan-food-safety-joint-meeting.txt"])
def test_a_deputy_secretary_general_is_held_from_the_government_s_office(name):
    """副召集人：…（市政府副秘书长）: a (deputy) secretary-general is a post of the government's
    general office, written after the government's name (departments.ttl: pk:postLabel 秘书长,
    副秘书长 of pkd:government-office, pk:postUnder pkd:government). The audit found it held from
    市政府 itself, beside the convenor 市政府副市长, who is the government's."""
    from pathlib import Path

    from extractor.pipeline import process

    doc = process(Path(__file__).parent / "data" / "audit" / name)
    city = doc.jurisdiction.name
    posts = {doc.text[p.start:p.end]: p.department for p in doc.facts.posts if p.role in ("convenor", "deputy_convenor")}
    assert posts["市政府副市长"] == f"{city}/government"
    assert posts["市政府副秘书长"] == f"{city}/government-office"
    assert doc.facts.departments[f"{city}/government-office"].name.endswith("政府办公室")
    quads = to_rdf(doc)
    deputy = next(q.subject.value for q in quads if q.predicate.value == RDFS + "label"
                  and q.object.value == "市政府副秘书长")
    homes = objects(quads, deputy, PK + "homeUnit")
    assert [h.value.rsplit("/", 1)[-1] for h in homes] == ["government-office"]


def test_a_state_council_deputy_secretary_general_is_its_general_office_s():
    """…国务院副秘书长担任 (the State Council's page): held from 国务院办公厅, as a county's
    县政府副秘书长 is from 县政府办公室 — the post word, not the level, says whose it is."""
    from extractor.pipeline import process

    doc = process(next(p for p in EXTRA if p.name.startswith("state-council")))
    [post] = [p for p in doc.facts.posts if doc.text[p.start:p.end].endswith("国务院副秘书长")]
    assert post.department == "国家/government-office"
    assert doc.facts.departments[post.department].name == "国务院办公厅"


ADJUSTMENTS = COUNTY.parent.parent / "tests" / "data" / "audit"


def test_an_adjustment_s_changes_are_change_events_traced_and_checked():
    """An adjustment notice's items are org:ChangeEvents of its body (pk:MemberJoining,
    pk:MemberLeaving, pk:PostSuccession): the body their original and resulting organisation,
    each read from its clause and spanned at its words; a joining unit's membership was made by
    its change. The shapes hold the reading to it: a unit that leaves is no member, who leaves
    a post holds none of its role — a membership or post put back is a violation."""
    from extractor.pipeline import process

    doc = process(ADJUSTMENTS / "wuyuan-rural-revitalization-group-adjustment.txt")
    quads = to_rdf(doc)
    assert validate(quads)[0] and validate(to_rdf(doc, persons=False))[0]
    body = f"{document_iri(doc)}/meeting"
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}
    events = sorted(s for s, p, o in triples if p == RDF + "type" and o == ORG + "ChangeEvent")
    assert len(events) == 7 and all((body, ORG + "changedBy", e) in triples for e in events)
    kinds = [next(o.rsplit("#", 1)[-1] for s, p, o in triples if s == e and p == RDF + "type" and o.startswith(PK))
             for e in events]
    assert kinds == ["PostSuccession"] * 4 + ["MemberJoining"] * 2 + ["MemberLeaving"]
    # the bureau's own post changing hands (县农业农村局局长由詹红卫同志担任): its unit, its official's role
    bureau = f"{body}/change/main/3/change1"
    labels = {s: o for s, p, o in triples if p == RDFS + "label"}
    got = {p: o for s, p, o in triples if s == bureau}
    assert (labels[got[PK + "changedUnit"]], got[PK + "changedRole"], got[PK + "changedPostText"]) == (
        "县农业农村局", PK + "roleLeadOfficial", "县农业农村局局长")
    assert labels[got[PK + "newPost"]] == "县农业农村局局长"
    head = f"{body}/change/main/1/change1"
    assert {(p, o) for s, p, o in triples if s == head} >= {
        (ORG + "originalOrganization", body), (ORG + "resultingOrganization", body),
        (PK + "changedRole", PK + "roleGroupLeader"), (PROV + "wasDerivedFrom", f"{document_iri(doc)}/clause/main/1"),
        (PK + "changeReason", "工作需要和人员变动"), (PK + "changedPostText", "领导小组组长")}
    names = {s: o for s, p, o in triples if p == FOAF + "name"}
    assert names[next(o for s, p, o in triples if s == head and p == PK + "outgoingHolder")] == "汪建华"
    joined = f"{body}/change/main/4/change2"
    unit = next(o for s, p, o in triples if s == joined and p == PK + "changedUnit")
    ms = next(s for s, p, o in triples if p == ORG + "member" and o == unit)
    assert (ms, PROV + "wasGeneratedBy", joined) in triples
    left = f"{body}/change/main/4/change3"
    gone = next(o for s, p, o in triples if s == left and p == PK + "changedUnit")
    g = quads[0].graph_name
    back = [ox.Quad(ox.NamedNode(f"{body}/member/99"), ox.NamedNode(ORG + "member"), ox.NamedNode(gone), g),
            ox.Quad(ox.NamedNode(f"{body}/member/99"), ox.NamedNode(ORG + "organization"), ox.NamedNode(body), g)]
    ok, text, _ = validate(quads + back)
    assert not ok and "still a member" in text
    outgoing = next(o for s, p, o in triples if s == head and p == PK + "outgoingHolder")
    post = next(o for s, p, o in triples if s == head and p == PK + "newPost")
    held = [ox.Quad(ox.NamedNode(outgoing), ox.NamedNode(ORG + "holds"), ox.NamedNode(post), g)]
    ok, text, _ = validate(quads + held)
    assert not ok and "still holds" in text
    g = to_networkx(quads)  # GraphML and the views: a change node, traced, and its edges
    assert g.nodes[head]["kind"] == "change" and g.nodes[head]["clause"] == "main/1"
    assert {k for _, _, k in g.out_edges(head, keys=True)} >= {"outgoing_holder", "incoming_holder", "new_post"}
    assert (body, head, "changed_by") in g.edges(keys=True) and (left, gone, "changed_unit") in g.edges(keys=True)
