"""Notices of places beyond the provinces the other audits cover (the eighth session's audit6):
a district of a 直辖市 (重庆市渝北区), an autonomous prefecture (凉山彝族自治州) and a
county-level city under a prefecture-level city (普宁市 under 揭阳市), each of the childcare
joint-meeting family, read as an analyst would (tests/data/audit/README.md)."""
from pathlib import Path

from extractor.pipeline import process
from extractor.serialize import extracted_dict

AUDIT = Path(__file__).parent / "data" / "audit"


def _read(name: str) -> dict:
    return extracted_dict(process(AUDIT / name))


def _duties_of(got: dict, clause: str) -> list[tuple[str, str]]:
    return [(d["department"], d["text"]) for d in got["duties"] if d["clause"] == clause]


def test_a_state_taxation_bureau_named_with_its_place_is_the_place_s_one_unit():
    """普宁's 国家税务总局普宁市税务局 (the full name of a county-level city's tax bureau) was two
    units, 国家税务总局 and 普宁市税务局: a national member of a city's joint meeting (17 members
    for 16 people) and each duty of the bureau written twice. One unit now, the city's
    (pk:branchLabel 国家税务总局{}税务局 of pkd:taxation: data)."""
    got = _read("puning-childcare-joint-meeting.txt")
    assert "国家/taxation" not in [d["id"] for d in got["departments"]] and "国家/taxation" not in got["members"]
    assert len(got["members"]) == 16 and got["members"][-2:] == ["普宁市/taxation", "普宁市/fire-rescue"]
    assert _duties_of(got, "main/4/11")[0] == ("普宁市/taxation", "负责落实婴幼儿照护服务相关税费优惠政策。")
    assert [d for d, _ in _duties_of(got, "main/4/11")].count("普宁市/taxation") == 1
    tax = next(p for p in got["posts"] if p["person"] == "周文斌")
    assert tax["department"] == "普宁市/taxation"


def test_a_city_bureau_s_branch_named_with_its_county_is_the_county_s_one_unit():
    """普宁's 揭阳市生态环境局普宁分局 (the city bureau's branch in the county, since the bureaus'
    vertical reform) was two units: in the make-up list 揭阳市生态环境局, the city's above, a member
    of the county's meeting; heading its item a unit of no concept, kept as written and noted. One
    unit now, the county's 生态环境局 (pkd:ecology-environment in 普宁市), its name the one written
    (pkc:dept-branch-ending 分局 after a body and a place: data); 淳安's 杭州市生态环境局淳安分局 too."""
    got = _read("puning-childcare-joint-meeting.txt")
    deps = {d["id"]: d for d in got["departments"]}
    assert "揭阳市/ecology-environment" not in deps and got["notes"] == []
    eco = deps["普宁市/ecology-environment"]
    assert (eco["name"], eco["jurisdiction"], eco["level"]) == ("揭阳市生态环境局普宁分局", "普宁市", "county")
    assert [(m["surface"], m["clause"]) for m in eco["mentions"]] == [
        ("揭阳市生态环境局普宁分局", "main/2"), ("揭阳市生态环境局普宁分局", "main/4/10")]
    assert got["members"][10] == "普宁市/ecology-environment" and len(got["members"]) == 16
    assert _duties_of(got, "main/4/10") == [("普宁市/ecology-environment", "负责婴幼儿照护服务机构建设项目环境影响评价相关工作。")]
    assert next(p for p in got["posts"] if p["person"] == "刘建明")["department"] == "普宁市/ecology-environment"
    chunan = extracted_dict(process(AUDIT / "chunan-waste-sorting-joint-meeting.docx"))
    eco = next(d for d in chunan["departments"] if d["concept"] == "ecology-environment")
    assert (eco["id"], eco["name"]) == ("淳安县/ecology-environment", "杭州市生态环境局淳安分局")
    assert "淳安县/ecology-environment" in chunan["members"]


def test_a_branch_is_read_only_after_a_place_s_name():
    """A 分局 after a name that is no place's (市公安局交警分局: a section; 高新区分局: a zone's) is
    no branch in a place: the body's name alone, as before; a district written whole is one."""
    from extractor.departments import find_departments
    assert [(m.surface, m.branch) for m in find_departments("市公安局交警分局、高新区分局")] == [("市公安局", False)]
    (m,) = find_departments("杭州市公安局西湖区分局")
    assert (m.surface, m.concept, m.prefix, m.branch) == ("杭州市公安局西湖区分局", "public-security", "西湖区", True)


def test_chongqing_s_short_names_of_its_district_bureaus_are_known():
    """渝北区's 区人力社保局, 区规划自然资源局 and 区住房城乡建委 (重庆's names) were no known
    department: three notes, their duties kept under names, and 区住房城乡建委 lost from the
    members (16 read of the 17 the notice counts). Now each its concept (departments.ttl)."""
    got = _read("yubei-childcare-joint-meeting.html")
    assert got["notes"] == []
    deps = {d["id"]: d for d in got["departments"]}
    assert deps["渝北区/human-resources-social-security"]["mentions"][0]["surface"] == "区人力社保局"
    assert [m["surface"] for m in deps["渝北区/natural-resources"]["mentions"]] == ["区规划自然资源局"] * 2
    assert deps["渝北区/housing-urban-rural-development"]["mentions"][0]["surface"] == "区住房城乡建委"
    assert len(got["members"]) == got["meeting"]["stated_count"] == 17
    assert got["members"][7:10] == ["渝北区/human-resources-social-security", "渝北区/natural-resources",
                                    "渝北区/housing-urban-rural-development"]


def test_a_municipality_s_district_reads_its_bare_city_as_the_province_level_city():
    """重庆市渝北区's 市卫生健康委 and 市教委 were 重庆市渝北区所在市's, of the city level, and the
    重庆市人民政府办公厅 it cites 重庆市's, of the city level too: two jurisdictions for one, and
    neither at its level. A 直辖市 is province-level (places.ttl's pk:Municipality): its
    district's bare 市 is that city, of the province level."""
    got = _read("yubei-childcare-joint-meeting.html")
    deps = {d["id"]: d for d in got["departments"]}
    assert not any("所在" in d for d in deps)
    for did in ("重庆市/health", "重庆市/education", "重庆市/government-office"):
        assert (deps[did]["jurisdiction"], deps[did]["level"]) == ("重庆市", "province")
    assert [m["surface"] for m in deps["重庆市/health"]["mentions"]][:2] == ["市卫生健康委"] * 2
    assert deps["渝北区/health"]["level"] == "district"


def test_a_municipality_s_education_commission_keeps_the_name_written():
    """重庆市's 市教委 and its district's 区教委 (a 直辖市's 教育委员会: it has no 教育局) were named
    市教育局, 区教育局 — 教委 read as an abbreviation of the registry's name — and 区住房城乡建委
    区住房城乡建设局. Each is a name in current use (departments.ttl's altLabel): kept as written,
    one unit of the concept as before (pkd:education, pkd:housing-urban-rural-development)."""
    names = {}
    for file in ("chongqing-elderly-care-joint-meeting.txt", "yubei-childcare-joint-meeting.html",
                 "yubei-elderly-care-joint-meeting.txt"):
        names.update({d["id"]: d["name"] for d in _read(file)["departments"]})
    assert names["重庆市/education"] == "市教委" and names["渝北区/education"] == "区教委"
    assert names["重庆市/housing-urban-rural-development"] == "市住房城乡建委"
    assert names["渝北区/housing-urban-rural-development"] == "区住房城乡建委"
    assert names["重庆市/health"] == "市卫生健康委"
    # a notice writing the bureau's name keeps it (祁门县's 县教育局), as an abbreviation its full name (卫健委)
    from extractor.pipeline import process_bytes
    got = extracted_dict(process_bytes("祁门县人民政府办公室关于建立联席会议制度的通知\n联席会议由县教育局、县卫健委组成。\n".encode(),
                                       "qimen-variant.txt"))
    assert sorted(d["name"] for d in got["departments"] if d["concept"] in ("education", "health")) == ["县卫生健康委", "县教育局"]


def test_a_municipality_s_own_notice_is_of_the_province_level():
    """重庆市人民政府办公厅's own notice (audit: chongqing-elderly-care-joint-meeting.txt) got the city
    level — the notice's place and all its bodies (市民政局, 市卫生健康委, 重庆市人民政府办公厅): a
    city's, not the 重庆市 of its districts' notices (province-level), and `departments -j
    province` missed them. A 直辖市 (places.ttl's pk:Municipality) is of its level in its own notice."""
    got = _read("chongqing-elderly-care-joint-meeting.txt")
    assert got["document"]["jurisdiction"] == {"name": "重庆市", "level": "province", "prefix": "市"}
    deps = {d["id"]: d for d in got["departments"]}
    for did in ("重庆市/civil-affairs", "重庆市/health", "重庆市/government-office", "重庆市/taxation"):
        assert (deps[did]["jurisdiction"], deps[did]["level"]) == ("重庆市", "province")
    assert {d["level"] for d in got["departments"] if d["jurisdiction"] == "重庆市"} == {"province"}
    assert len(got["members"]) == got["meeting"]["stated_count"] == 15 and got["members"][0] == "重庆市/civil-affairs"
    # in the graph too, as in its district's (重庆市 was pkl:region there: the first level coded province)
    from extractor.graph import notice_graph
    for name in ("chongqing-elderly-care-joint-meeting.txt", "yubei-childcare-joint-meeting.html"):
        nt = bytes(notice_graph(process(AUDIT / name)).ntriples()).decode()
        assert "<https://w3id.org/policykg/data/jurisdiction/重庆市> <https://w3id.org/policykg/ontology#jurisdictionLevel>" \
               " <https://w3id.org/policykg/layout/province> ." in nt


def test_a_district_naming_itself_without_its_municipality_reads_its_city_when_the_text_says_which():
    """渝北区人民政府办公室's notice (audit: yubei-elderly-care-joint-meeting.txt, the district named
    without 重庆市) read its 市民政局 and 市卫生健康委 as 渝北区所在市's, of the city level, beside the
    重庆市人民政府办公厅 whose notice it cites (渝府办发〔2021〕52号): two cities for one. The text says
    which city it is in — a body of 重庆市 named, a cited document of its government by its code
    (places.ttl's pk:governmentCode 渝府) and title — so its bare 市 is 重庆市, province-level, as
    enclosing_province reads a province; without that evidence, or with another city named, as before."""
    got = _read("yubei-elderly-care-joint-meeting.txt")
    deps = {d["id"]: d for d in got["departments"]}
    assert not any("所在" in d for d in deps)
    for did in ("重庆市/civil-affairs", "重庆市/health", "重庆市/government-office"):
        assert (deps[did]["jurisdiction"], deps[did]["level"]) == ("重庆市", "province")
    assert [m["surface"] for m in deps["重庆市/civil-affairs"]["mentions"]] == ["市民政局"] * 3
    assert deps["渝北区/civil-affairs"]["level"] == "district"
    from extractor.pipeline import process_bytes
    text = (AUDIT / "yubei-elderly-care-joint-meeting.txt").read_text(encoding="utf-8")
    cited = "《重庆市人民政府办公厅关于建立重庆市养老服务体系建设联席会议制度的通知》（渝府办发〔2021〕52号）精神"
    assert cited in text
    for said in ("上级文件精神",  # no evidence: the district's city as any district's
                 "《关于建立养老服务体系建设联席会议制度的通知》（渝府办发〔2021〕52号）精神",  # a code alone
                 cited + "和揭阳市民政局有关要求"):  # a body of another city named too
        other = extracted_dict(process_bytes(text.replace(cited, said).encode(), "yubei-variant.txt"))
        levels = {d["id"]: (d["jurisdiction"], d["level"]) for d in other["departments"]}
        assert levels["渝北区所在市/civil-affairs"] == ("渝北区所在市", "city"), said


def test_a_municipality_s_district_named_with_or_without_its_city_is_one_place():
    """渝北区 was two places: 重庆市渝北区 in the notice naming it so (yubei-childcare-joint-meeting.html)
    and 渝北区 in the one naming itself without its city (yubei-elderly-care-joint-meeting.txt), so
    `departments -j 渝北区` listed one notice's units, and its 区民政局, 区卫生健康委 … were two units
    each. A district named with its 直辖市 first is named without it, within it (skos:broader 重庆市):
    one place, one unit each; its issuer 重庆市渝北区人民政府办公室 the district's government office
    (before, an organisation of that name alone); `-j 重庆市渝北区` finds it as written."""
    from extractor.build import build_store
    from extractor.query import departments
    childcare = _read("yubei-childcare-joint-meeting.html")
    assert childcare["document"]["jurisdiction"] == {"name": "渝北区", "level": "district", "prefix": "区",
                                                     "within": {"name": "重庆市", "level": "province"}}
    assert childcare["issuer"] == "渝北区/government-office"
    assert _read("yubei-elderly-care-joint-meeting.txt")["document"]["jurisdiction"]["name"] == "渝北区"
    store, _ = build_store([AUDIT / "yubei-childcare-joint-meeting.html", AUDIT / "yubei-elderly-care-joint-meeting.txt"])
    for asked in ("渝北区", "重庆市渝北区"):
        rows = {r["concept"]: r for r in departments(store, jurisdiction=asked)}
        # (and the towns it names together, within it: 各镇人民政府)
        assert {r["jurisdiction"] for r in rows.values()} == {"渝北区", "渝北区所辖镇"}, asked
        assert {r["jurisdiction"] for r in departments(store, jurisdiction=asked, only=True)} == {"渝北区"}, asked
        assert (rows["civil-affairs"]["notices"], rows["health"]["notices"], rows["health"]["duties"]) == (2, 2, 3)
        assert rows["government-office"]["notices"] == 2 and "human-resources-social-security" in rows
    assert {r["jurisdiction"] for r in departments(store, jurisdiction="重庆市", only=True)} == {"重庆市"}


def test_a_municipality_s_district_naming_itself_alone_is_within_it_when_the_text_says_which():
    """渝北区人民政府办公室's notice (yubei-elderly-care-joint-meeting.txt, the district named without
    重庆市) read its 市民政局 as 重庆市's — the text says which city it is in (a body of 重庆市 named, a
    cited 渝府办发 document titled 重庆市…) — but its place had no skos:broader 重庆市, as 重庆市渝北区's
    does: built alone, `-j 重庆市` did not reach its 区民政局. The place is within the city the text
    says, in extract JSON and the graph; without that evidence it stays alone, as its 市 does."""
    from extractor.build import build_store
    from extractor.graph import notice_graph
    from extractor.pipeline import process_bytes
    from extractor.query import duties
    got = _read("yubei-elderly-care-joint-meeting.txt")
    assert got["document"]["jurisdiction"] == {"name": "渝北区", "level": "district", "prefix": "区",
                                               "within": {"name": "重庆市", "level": "province"}}
    nt = bytes(notice_graph(process(AUDIT / "yubei-elderly-care-joint-meeting.txt")).ntriples()).decode()
    assert "<https://w3id.org/policykg/data/jurisdiction/渝北区> <http://www.w3.org/2004/02/skos/core#broader>" \
           " <https://w3id.org/policykg/data/jurisdiction/重庆市> ." in nt
    store, _ = build_store([AUDIT / "yubei-elderly-care-joint-meeting.txt"])
    rows = duties(store, "区民政局", jurisdiction="重庆市")
    assert {(r["jurisdiction"], r["department"]) for r in rows} == {("渝北区", "区民政局")}
    text = (AUDIT / "yubei-elderly-care-joint-meeting.txt").read_text(encoding="utf-8")
    cited = "《重庆市人民政府办公厅关于建立重庆市养老服务体系建设联席会议制度的通知》（渝府办发〔2021〕52号）精神"
    other = extracted_dict(process_bytes(text.replace(cited, "上级文件精神").encode(), "yubei-variant.txt"))
    assert other["document"]["jurisdiction"] == {"name": "渝北区", "level": "district", "prefix": "区"}


def test_the_places_below_named_together_are_within_the_notice_s_place():
    """重庆市's 各区县（自治县）人民政府 (chongqing-elderly-care-joint-meeting.txt) are 重庆市所辖区县's
    区县人民政府: `duties 区县人民政府 -j 重庆` found their duty, `-j 重庆市` — the city's exact name,
    which takes in the places within it — nothing: no notice said 重庆市所辖区县 was within 重庆市.
    The places below a notice's own that it names together are within it (skos:broader), so
    `-j 重庆市` reaches them; `-j 渝北区` its 渝北区所辖镇's 镇人民政府 so."""
    from extractor.build import build_store
    from extractor.query import departments, duties
    store, _ = build_store([AUDIT / "chongqing-elderly-care-joint-meeting.txt", AUDIT / "yubei-childcare-joint-meeting.html"])
    for asked in ("重庆市", "重庆", "重庆市所辖区县"):
        rows = duties(store, "区县人民政府", jurisdiction=asked)
        assert [(r["jurisdiction"], r["text"]) for r in rows] == [("重庆市所辖区县", "负责本地养老服务体系建设的组织实施。")], asked
    assert [r["text"] for r in duties(store, "各区县（自治县）人民政府", jurisdiction="重庆市")] == ["负责本地养老服务体系建设的组织实施。"]
    assert duties(store, "区县人民政府", jurisdiction="重庆市", only=True) == []
    assert "渝北区所辖镇" in {r["jurisdiction"] for r in departments(store, jurisdiction="渝北区")}


def test_an_ordinary_city_s_district_reads_its_bare_city_as_that_city_when_the_text_says_which():
    """合肥市包河区's notice (audit: baohe-old-community-renewal-leading-group.txt) read its 市住房城乡建设局,
    市发展改革委, 市财政局 as 合肥市包河区所在市's, and named its place 合肥市包河区: another place than
    the 包河区 of its notice naming itself alone (baohe-elevator-joint-meeting.docx). As for a
    直辖市's district: the place named with its city first is named without it, within it (包河区
    within 合肥市, city) and its bare 市 is that city, of the city level; a district naming itself
    alone reads 市 so when it names a body of one city (合肥市住房城乡建设局, a cited 《合肥市人民政府办公室
    关于…》) and of no other; without that, or with two cities, as any district does (包河区所在市)."""
    from extractor.build import build_store
    from extractor.pipeline import process_bytes
    from extractor.query import departments
    got = _read("baohe-old-community-renewal-leading-group.txt")
    assert got["document"]["jurisdiction"] == {"name": "包河区", "level": "district", "prefix": "区",
                                               "within": {"name": "合肥市", "level": "city"}}
    deps = {d["id"]: d for d in got["departments"]}
    assert not any("所在" in d for d in deps) and got["notes"] == []
    for concept in ("housing-urban-rural-development", "development-reform", "finance", "natural-resources"):
        assert (deps[f"合肥市/{concept}"]["jurisdiction"], deps[f"合肥市/{concept}"]["level"]) == ("合肥市", "city")
        assert (deps[f"包河区/{concept}"]["jurisdiction"], deps[f"包河区/{concept}"]["level"]) == ("包河区", "district")
    assert deps["合肥市/housing-urban-rural-development"]["name"] == "市住房城乡建设局"
    assert got["members"][:3] == ["包河区/housing-urban-rural-development", "包河区/development-reform", "包河区/finance"]
    assert got["issuer"] == "包河区/government-office"
    text = (AUDIT / "baohe-old-community-renewal-leading-group.txt").read_text(encoding="utf-8")
    alone = text.replace("合肥市包河区人民政府办公室", "包河区人民政府办公室")
    cited = "《合肥市人民政府办公室关于全面推进城镇老旧小区改造工作的实施意见》（合政办〔2021〕12号）精神，按照市住房城乡建设局"
    assert cited in alone
    for said, city in (("上级文件精神，按照合肥市住房城乡建设局", "合肥市"),  # a body of the city named
                       ("上级文件精神，按照市住房城乡建设局", "包河区所在市"),  # no evidence
                       (cited.replace("按照市住", "按照芜湖市住房城乡建设局、市住"), "包河区所在市")):  # two cities
        other = extracted_dict(process_bytes(alone.replace(cited, said).encode(), "baohe-variant.txt"))
        assert other["document"]["jurisdiction"]["name"] == "包河区"
        assert {d["jurisdiction"] for d in other["departments"] if d["concept"] == "finance"} == {"包河区", city}, said
    # the place before is a whole name of a level above, the rest two characters or more
    for issuer, place in (("荆州市沙市区人民政府办公室", ("沙市区", "荆州市")), ("安徽省合肥市包河区人民政府办公室", ("包河区", "合肥市")),
                          ("郑州航空港区管委会办公室", ("郑州航空港区", None))):  # (郑州: 郑州市's short name)
        other = process_bytes(text.replace("合肥市包河区人民政府办公室", issuer).encode(), "baohe-variant.txt")
        assert (other.jurisdiction.name, other.jurisdiction.within or None) == place, issuer
    # one place with the 包河区 of the notice naming itself alone
    store, _ = build_store([AUDIT / "baohe-old-community-renewal-leading-group.txt", AUDIT / "baohe-elevator-joint-meeting.docx"])
    rows = {r["concept"]: r for r in departments(store, jurisdiction="包河区")}
    assert {r["jurisdiction"] for r in rows.values()} == {"包河区"}
    assert rows["housing-urban-rural-development"]["notices"] == 2 and rows["market-regulation"]["notices"] == 2
    assert {r["jurisdiction"] for r in departments(store, jurisdiction="合肥市", only=True)} == {"合肥市"}


def test_a_closing_line_whose_subject_is_the_governments_below_is_theirs():
    """The line after 其他成员单位按照各自职责做好相关工作。, which the parser puts in the last
    department's item, opening with the governments below (各镇人民政府、街道办事处负责…,
    各县（市）人民政府要参照…) was read as that department's duty (区消防救援支队's, 州妇联's,
    税务局's). It is theirs: a collective address holds its 各, and 街道办事处 after it is one of
    the bodies below the notice's place (layout.ttl's pk:addressesBelow)."""
    yubei = _duties_of(_read("yubei-childcare-joint-meeting.html"), "main/4/12")
    assert yubei == [("渝北区/fire-rescue", "负责婴幼儿照护服务机构的消防安全监督检查。"),
                     ("渝北区所辖镇/local-governments", "负责辖区内婴幼儿照护服务工作的组织实施。"),
                     ("渝北区/街道办事处", "负责辖区内婴幼儿照护服务工作的组织实施。")]
    liangshan = _duties_of(_read("liangshan-childcare-joint-meeting.txt"), "main/4/11")
    assert [d for d, _ in liangshan] == ["凉山彝族自治州/womens-federation", "凉山彝族自治州所辖县市/local-governments"]
    assert liangshan[1][1].startswith("要参照建立相应工作机制")
    puning = _duties_of(_read("puning-childcare-joint-meeting.txt"), "main/4/11")
    assert [d for d, _ in puning] == ["普宁市/taxation", "普宁市所辖镇/local-governments", "普宁市/街道办事处"]


def test_a_closing_line_of_the_subdistricts_offices_right_after_the_last_item_is_theirs():
    """渝北's closing line written 各街道办事处负责… right after its last item (（十二）区消防救援支队。…)
    was 区消防救援支队's duty: 各街道办事处 named no body (街道办事处 is a 街道's government only in its
    own notice, pk:townshipOfficeLabel). After the collective lead 各 it is the subdistricts'
    governments together, as 各镇人民政府 the towns': 渝北区所辖街道's, its own duty."""
    from extractor.pipeline import process_bytes
    text = (AUDIT / "yubei-childcare-joint-meeting.html").read_text(encoding="utf-8")
    closing = "其他成员单位按照各自职责做好相关工作。各镇人民政府、街道办事处负责"
    assert closing in text
    got = extracted_dict(process_bytes(text.replace(closing, "各街道办事处负责").encode(), "yubei-variant.html"))
    assert _duties_of(got, "main/4/12") == [("渝北区/fire-rescue", "负责婴幼儿照护服务机构的消防安全监督检查。"),
                                           ("渝北区所辖街道/local-governments", "负责辖区内婴幼儿照护服务工作的组织实施。")]
    unit = next(d for d in got["departments"] if d["id"] == "渝北区所辖街道/local-governments")
    assert (unit["name"], unit["level"], unit["mentions"][0]["surface"]) == ("街道办事处", "township", "各街道办事处")
    both = extracted_dict(process_bytes(text.replace(closing, "各镇人民政府、各街道办事处负责").encode(), "yubei-variant.html"))
    assert [d for d, _ in _duties_of(both, "main/4/12")] == [
        "渝北区/fire-rescue", "渝北区所辖镇/local-governments", "渝北区所辖街道/local-governments"]


def test_a_make_up_list_attachment_keeps_its_title():
    """凉山's 附件 is its title and then 召 集 人：… / 副召集人：… / 成　　员：… lines, each short: the
    attachment was read as a list of names with no title of its own (as a list of names alone
    is). A labelled line (its colon) below the title is the text's, not the title's."""
    got = _read("liangshan-childcare-joint-meeting.txt")
    att = next(c for c in got["clauses"] if c["id"] == "att1")
    assert att["heading"] == "凉山州促进3岁以下婴幼儿照护服务发展联席会议成员名单"
    assert [p["person"] for p in got["posts"] if p["clause"] == "att1"][:4] == ["吉克伍呷", "马海军", "阿说木呷", "沙马拉古"]


def test_who_sits_for_each_unit_is_read_where_the_units_were_counted_before():
    """凉山 counts its units in the body (联席会议由州卫生健康委、…等17个部门和单位组成) and lists who sits
    for each in its 附件 (成　　员：沙马拉古　州卫生健康委副主任, then a post a line): the counted list
    keeps the members, and the make-up list was dropped whole — 17 people and their posts lost
    (`members`/`meetings` showed the units alone). Now each is the post of its unit (role lead)."""
    got = _read("liangshan-childcare-joint-meeting.txt")
    sits = [(p["person"], p["department"]) for p in got["posts"] if p["role"] == "lead"]
    assert len(sits) == 17 and len(got["members"]) == 17
    assert sits[0] == ("沙马拉古", "凉山彝族自治州/health") and sits[-1] == ("何勇", "凉山彝族自治州/fire-rescue")
    assert [d for _, d in sits] == got["members"]


def test_new_heads_on_one_line_read_as_their_files():
    """On one line: 凉山's title runs into a 文号 whose code ends in 函 (…的通知凉府办函〔2023〕27号各县
    （市）人民政府…): the title was read to 凉府办函, the 文号 lost; 渝北's page writes the 文号 alone
    in its body, the title above it, then the 主送 (…打印渝北府办〔2022〕19号各镇人民政府、…：为贯彻…), and
    its 字号：大 中 小 打印 bar: the 主送 ran into the body and 打印 into the 文号."""
    from extractor.load import load
    from extractor.pipeline import process_bytes

    for name in ("liangshan-childcare-joint-meeting.txt", "yubei-childcare-joint-meeting.html"):
        one = process_bytes("".join(load(AUDIT / name).text.splitlines()).encode("utf-8"), "x.txt")
        whole = process(AUDIT / name)
        fields = lambda d: sorted((f.name, f.value) for f in d.fields)  # noqa: E731
        assert fields(one) == fields(whole), name
    assert ("doc_number", "凉府办函〔2023〕27号") in fields(process(AUDIT / "liangshan-childcare-joint-meeting.txt"))
    assert ("recipient", "各镇人民政府") in fields(whole)


def test_the_places_below_of_several_levels_are_of_the_lowest():
    """凉山州's 各县（市）人民政府 (its counties and one county-level city, 西昌市) were of the city
    level, the level of the last word written (市); the places below of several levels together
    are of the lowest among them (县: county), as 旗县区 is of its last, all of one rank."""
    got = _read("liangshan-childcare-joint-meeting.txt")
    below = next(d for d in got["departments"] if d["id"] == "凉山彝族自治州所辖县市/local-governments")
    assert below["level"] == "county"


def test_the_places_below_with_their_autonomous_counties_written_beside_are_read():
    """重庆's 各区县（自治县）人民政府 (its districts and counties, autonomous ones among them) was no
    body: the 主送's collective not read, and the closing line 各区县（自治县）人民政府负责本地… kept
    under the item before it, 重庆市税务局's duty. It is the governments below, of the county level, as
    各县（市）人民政府 is (pkc:dept-collective-prefix: data; 自治县 beside 县 the same level, once);
    so are 各县（自治县） and 海南's 各市、县（自治县）."""
    from extractor.pipeline import process_bytes
    got = _read("chongqing-elderly-care-joint-meeting.txt")
    below = next(d for d in got["departments"] if d["concept"] == "local-governments")
    assert (below["id"], below["level"]) == ("重庆市所辖区县/local-governments", "county")
    assert below["mentions"][0]["surface"] == "各区县（自治县）人民政府"
    assert _duties_of(got, "main/4/5")[-1] == ("重庆市所辖区县/local-governments", "负责本地养老服务体系建设的组织实施。")
    assert [d for d, _ in _duties_of(got, "main/4/5")].count("重庆市/taxation") == len(_duties_of(got, "main/4/5")) - 1
    text = (AUDIT / "chongqing-elderly-care-joint-meeting.txt").read_text(encoding="utf-8")
    for written, place in (("各县（自治县）", "重庆市所辖县"), ("各市、县（自治县）", "重庆市所辖市县")):
        other = extracted_dict(process_bytes(text.replace("各区县（自治县）", written).encode(), "chongqing-variant.txt"))
        duty = [(d["department"], d["text"]) for d in other["duties"] if d["clause"] == "main/4/5"][-1]
        assert duty == (f"{place}/local-governments", "负责本地养老服务体系建设的组织实施。"), written
        assert next(d for d in other["departments"] if d["concept"] == "local-governments")["level"] == "county"


def test_a_convener_after_by_is_read_without_the_when():
    """普宁's 联络员会议 由联席会议办公室根据工作需要召集: its convener was 联席会议办公室根据工作需要
    (pkc:part-convener read 根据… only without 由); it is the office."""
    rules = _read("puning-childcare-joint-meeting.txt")["meeting"]["rules"]
    liaison = next(r for r in rules if r["label"] == "联络员会议")
    assert [(p["part"], p["text"]) for p in liaison["participants"]] == [("convener", "联席会议办公室")]


def test_deputies_the_body_gave_are_not_listed_again_by_the_make_up_list():
    """凉山's body says 副召集人由州政府副秘书长、州卫生健康委主任担任 and its 附件 names who holds
    them (副召集人：马海军　州政府副秘书长 / 阿说木呷　州卫生健康委主任): `meetings` listed four
    deputies, each twice. The list's posts the body gave are not added again (as a listed
    召集人 does not replace the body's); who holds them stays their posts'."""
    got = _read("liangshan-childcare-joint-meeting.txt")
    assert [d["text"] for d in got["meeting"]["deputy_convenors"]] == ["州政府副秘书长", "州卫生健康委主任"]
    assert [p["person"] for p in got["posts"] if p["role"] == "deputy_convenor" and p["person"]] == ["马海军", "阿说木呷"]


def test_a_duty_table_s_rows_are_their_units_duties_not_the_body_s():
    """兰考县's 二、工作职责 gives the group's own duty, then a table 部门 | 职责 | 完成时限: each row's
    duty was read twice, the unit's and the group's (its cells with their tabs, the head row
    部门	职责	完成时限 a duty too: 15 of the group's), and the row 各乡镇人民政府、街道办事处 | 负责…
    the group's alone. A row of a table with a unit column is its unit's (its units', a list)."""
    got = _read("lankao-water-supply-leading-group.txt")
    group = got["meeting"]["unit"]
    assert [t for d, t in ((d["department"], d["text"]) for d in got["duties"]) if d == group] == [
        "负责统筹推进全县城乡供水一体化工作", "研究解决工程建设、运行管理中的重大问题。"]
    assert _duties_of(got, "main/2/r1") == [("兰考县/water-resources", "负责编制城乡供水一体化规划，组织实施水厂和管网工程建设")]
    assert [d for d, _ in _duties_of(got, "main/2/r8")] == ["兰考县所辖乡镇/local-governments", "兰考县/街道办事处"]
    assert got["members"][0] == "兰考县/water-resources" and "兰考县所辖乡镇/local-governments" not in got["members"]


def test_a_customs_district_named_by_its_bare_place_is_the_city_s_member():
    """连云港市's members name 连云港海关 (a customs district: its place without 市, no level):
    no department the registry knew, nor a name the unknown-organisation scan reads (no ending
    of its), so a member lost without a note (17 read of the 18 counted) and the deputy
    convenor 连云港海关关长 of no unit. pkd:customs now (pk:branchLabel {}海关: after a bare place)."""
    got = _read("lianyungang-port-joint-meeting.html")
    deps = {d["id"]: d for d in got["departments"]}
    assert [m["surface"] for m in deps["连云港市/customs"]["mentions"]][:2] == ["连云港海关"] * 2
    assert (deps["连云港市/customs"]["jurisdiction"], deps["连云港市/customs"]["level"]) == ("连云港市", "city")
    assert len(got["members"]) == got["meeting"]["stated_count"] == 18 and got["members"][9] == "连云港市/customs"
    deputy = [p for p in got["posts"] if p["role"] == "deputy_convenor"]
    assert [p["department"] for p in deputy][-1] == "连云港市/customs"


def test_a_customs_district_named_after_a_word_is_the_city_s_and_given_its_duty():
    """…工作由连云港海关负责: the bare place 连云港 not at a boundary (after 由), the mention was
    海关 alone (the notice's place's) and the sentence no one's duty — the customs' lost. After
    a word a unit may follow in a sentence (由, 会同 …: limit6's pkc:dept-bare-place-after; after any
    word since limit9, below) the place is read as at a boundary: 连云港市's customs, its duty (lead
    with 牵头, a fellow 配合 the maritime administration's supporting one)."""
    from extractor.pipeline import process_bytes

    raw = (AUDIT / "lianyungang-port-joint-meeting.html").read_text(encoding="utf-8")
    power = "国网连云港供电公司负责港口岸电设施建设和电力保障。"

    def read(add: str) -> dict:
        return extracted_dict(process_bytes(raw.replace(power, power + add).encode("utf-8"), "lianyungang.html"))

    said = "口岸卫生检疫工作由连云港海关负责。"
    got = read(said)
    deps = {d["id"]: d for d in got["departments"]}
    assert [m["surface"] for m in deps["连云港市/customs"]["mentions"]][-1] == "连云港海关"
    assert _duties_of(got, "main/4")[-1] == ("连云港市/customs", said)
    said = "口岸卫生检疫工作由连云港海关牵头，连云港海事局配合。"
    got = [(d["department"], d["role"]) for d in read(said)["duties"] if d["text"] == said]
    assert got == [("连云港市/customs", "lead"), ("连云港市/maritime-safety", "supporting")]


def test_a_financial_regulator_s_branch_named_by_its_bare_place_is_the_city_s():
    """国家金融监督管理总局连云港监管分局 (the NFRA's branches are named by their place without 市)
    was 国家/financial-regulation, a national member of a city's meeting, and its duty's text
    began 连云港监管分局、中国人民银行连云港市分行负责…, the central bank's duty lost.
    pk:branchLabel 国家金融监督管理总局{}监管分局, its place bare (连云港 of 连云港市)."""
    got = _read("lianyungang-port-joint-meeting.html")
    assert "国家/financial-regulation" not in {d["id"] for d in got["departments"]}
    assert got["members"][13] == "连云港市/financial-regulation"
    assert _duties_of(got, "main/4")[3:5] == [("连云港市/financial-regulation", "负责跨境贸易金融服务和外汇便利化工作。"),
                                              ("连云港市/central-bank", "负责跨境贸易金融服务和外汇便利化工作。")]
    # 铜陵's task tag (an audit notice of before): one unit, the city's, not 国家's and an unknown one
    tongling = _read("tongling-manufacturing-tasks.txt")
    deps = {d["id"]: d for d in tongling["departments"]}
    assert "国家/financial-regulation" not in deps and tongling["notes"] == []
    assert deps["铜陵市/financial-regulation"]["mentions"][0]["surface"] == "国家金融监督管理总局铜陵监管分局"


def test_vertical_bodies_named_by_their_place_are_members_and_the_subjects_of_their_duties():
    """连云港市's members 连云港海事局, 连云港出入境边防检查站 and 国网连云港供电公司 were units the
    registry lacked (kept as written, noted), and a sentence whose subject named one of them gave
    no one a duty: 连云港海关、连云港海事局、连云港出入境边防检查站要按照职责做好口岸查验工作 (the
    customs' too) and 国网连云港供电公司负责港口岸电设施建设和电力保障 lost. Each a vertical body
    of a real kind, the registry's now (pkd:maritime-safety, pkd:border-inspection,
    pkd:power-supply: pk:branchLabel {}海事局, {}出入境边防检查站, 国网{}供电公司), the city's."""
    got = _read("lianyungang-port-joint-meeting.html")
    assert [got["members"][k] for k in (10, 11, 16, 17)] == [
        "连云港市/maritime-safety", "连云港市/border-inspection", "连云港市/power-supply", "连云港市/连云港港口集团"]
    deps = {d["id"]: d for d in got["departments"]}
    assert [(deps[k]["level"], deps[k]["mentions"][0]["surface"])
            for k in ("连云港市/maritime-safety", "连云港市/border-inspection", "连云港市/power-supply")] == [
        ("city", "连云港海事局"), ("city", "连云港出入境边防检查站"), ("city", "国网连云港供电公司")]
    check = "要按照职责做好口岸查验工作，提高通关效率。"
    assert _duties_of(got, "main/4")[:3] == [("连云港市/customs", check), ("连云港市/maritime-safety", check),
                                             ("连云港市/border-inspection", check)]
    assert ("连云港市/power-supply", "负责港口岸电设施建设和电力保障。") in _duties_of(got, "main/4")
    assert [n["text"] for n in got["notes"]] == ["连云港港口集团"]  # (a company: kept as written, noted)


def test_a_branch_named_by_its_bare_place_after_a_heading_on_one_line_is_read_as_on_its_lines():
    """连云港's page on one line: 四、工作要求连云港海关、… (the line break lost) or 四、工作要求 连云港海关
    (a blank the matcher squeezes out): the bare place 连云港 after a CJK character was no boundary,
    the mention 海关 alone and the sentence's subject broken — the three units' 口岸查验 duty lost,
    read on the notice's lines. A heading's end and a squeezed-out blank are boundaries; a name
    glued to a heading may open its statement, as after a heading's blank."""
    from extractor.load import load
    from extractor.pipeline import process_bytes

    lines = load(AUDIT / "lianyungang-port-joint-meeting.html").text.splitlines()
    check = "要按照职责做好口岸查验工作，提高通关效率。"
    for joined in ("", " "):
        got = extracted_dict(process_bytes(joined.join(lines).encode("utf-8"), "lianyungang.txt"))
        assert _duties_of(got, "main/4")[:3] == [("连云港市/customs", check), ("连云港市/maritime-safety", check),
                                                 ("连云港市/border-inspection", check)], joined
        deps = {d["id"]: d for d in got["departments"]}
        assert {m["surface"] for m in deps["连云港市/customs"]["mentions"]} == {"连云港海关"}


def test_a_member_the_registry_lacks_is_the_subject_of_its_duty_as_written():
    """A sentence whose subject names a member unit the registry lacks (连云港港口集团, kept as a
    member as written) gave no one a duty — nor its fellow subjects theirs (国网连云港供电公司、
    连云港港口集团负责…: both lost). The unit named again opening a statement is the member list's
    unit, the duty its own; a unit no list names (连云港港务公司) still none's, as before."""
    from extractor.pipeline import process_bytes

    raw = (AUDIT / "lianyungang-port-joint-meeting.html").read_text(encoding="utf-8")
    power = "国网连云港供电公司负责港口岸电设施建设和电力保障。"

    def main4(old: str, new: str) -> list[tuple[str, str]]:
        got = extracted_dict(process_bytes(raw.replace(old, new).encode("utf-8"), "lianyungang.html"))
        assert [n["text"] for n in got["notes"]] == ["连云港港口集团"] and len(got["members"]) == 18
        return _duties_of(got, "main/4")

    port = ("连云港市/连云港港口集团", "负责港口作业组织和集疏运保障。")
    assert main4(power, power + "连云港港口集团负责港口作业组织和集疏运保障。")[-1] == port
    got = main4(power, "国网连云港供电公司、连云港港口集团负责港口岸电设施建设和电力保障。")
    assert got[-2:] == [("连云港市/power-supply", "负责港口岸电设施建设和电力保障。"),
                        ("连云港市/连云港港口集团", "负责港口岸电设施建设和电力保障。")]
    got = main4(power, power + "连云港港务公司负责港口作业组织。")
    assert got[-1] == ("连云港市/power-supply", "负责港口岸电设施建设和电力保障。")


def test_a_make_up_line_holding_a_joining_unit_s_post_gives_its_member():
    """婺源's 调整后 make-up line 洪志刚  县乡村振兴服务中心主任 held a post of no unit (the unit, one
    the registry lacks, read where 增补县数据局、县乡村振兴服务中心为…成员单位 names it only): the
    same unit, named again after the name's blank, is the post's, its member spanned there as
    the other members are at their make-up lines."""
    got = extracted_dict(process(AUDIT / "wuyuan-rural-revitalization-group-adjustment.txt"))
    post = [p for p in got["posts"] if p["person"] == "洪志刚"]
    assert [(p["department"], p["role"]) for p in post] == [("婺源县/县乡村振兴服务中心", "lead")]
    assert got["members"][-1] == "婺源县/县乡村振兴服务中心"
    assert got["meeting"]["member_at"][-1]["start"] == post[0]["start"]


def test_a_county_s_disease_control_centre_is_the_subject_of_its_duty():
    """融水's 第四条 …县疾病预防控制中心承担联席会议办公室技术支撑工作。 gave no one a duty: the
    centre (a public institution, not the 疾病预防控制局 the registry had) named by no list and
    no ending the unknown-organisation scan reads before a verb. pkd:disease-control-centre."""
    got = _read("rongshui-aids-prevention-joint-meeting.txt")
    assert _duties_of(got, "att1/4")[0] == ("融水苗族自治县/disease-control-centre", "承担联席会议办公室技术支撑工作。")
    assert "融水苗族自治县/disease-control-centre" not in got["members"] and len(got["members"]) == 16


def test_a_power_supply_company_s_post_in_a_make_up_line_gives_a_member():
    """兰考县's 成　员 line 郑永军　县供电公司经理 gave no member (noted, unread-member), the group
    7 units where its make-up names 8, and the table row 县供电公司 | 负责… a unit kept as written
    (noted, unknown-heading). 县供电公司 is the county's power supply company (pkd:power-supply)."""
    got = _read("lankao-water-supply-leading-group.txt")
    assert len(got["members"]) == 8 and got["members"][-1] == "兰考县/power-supply"
    assert [(p["department"], p["person"]) for p in got["posts"] if p["role"] == "lead"][-1] == \
        ("兰考县/power-supply", "郑永军")
    assert _duties_of(got, "main/2/r7") == [("兰考县/power-supply", "负责水厂及泵站专用电力线路建设")]
    assert got["notes"] == []


def test_a_unit_with_its_other_name_in_brackets_is_one_member_and_the_lead():
    """市政府办公室（市口岸办）为牵头单位 (the port office, known now: pkd:port-office) is one unit
    written with its other name: one member (18 as counted, not 19), the lead the unit before
    the bracket; the office 设在市口岸办 the port office's. And the page's 时　　效：有效 is a
    field of its own, not the end of its 文号."""
    got = _read("lianyungang-port-joint-meeting.html")
    assert got["members"][:2] == ["连云港市/government-office", "连云港市/development-reform"]
    assert got["meeting"]["lead"] == "连云港市/government-office"
    assert got["meeting"]["office"] == "连云港市/port-office"
    assert got["document"]["doc_number"] == "连政办发〔2023〕42号"


def test_an_autonomous_region_s_county_reads_its_region_s_bodies_at_their_level():
    """融水苗族自治县 (广西): 自治区卫生健康委, cited with its 桂卫疾控发 number, is 广西壮族自治区's,
    of the province level; the county's 16 members as counted, 团县委、县妇联 each given the
    item's duty; 各乡（镇）人民政府's article 第七条 theirs (a guard: read right at 608bcb1)."""
    got = _read("rongshui-aids-prevention-joint-meeting.txt")
    deps = {d["id"]: d for d in got["departments"]}
    assert (deps["广西壮族自治区/health"]["level"], deps["广西壮族自治区/health"]["mentions"][0]["surface"]) == \
        ("province", "自治区卫生健康委")
    assert len(got["members"]) == got["meeting"]["stated_count"] == 16
    assert [d for d, _ in _duties_of(got, "att1/5/9")] == ["融水苗族自治县/youth-league", "融水苗族自治县/womens-federation"]
    assert [r["number"] for r in got["references"]][:2] == ["桂政办发〔2023〕21号", "桂卫疾控发〔2023〕9号"]


# --- the ninth session's audit8: a 北京 subdistrict, a 山东 city, a 贵州 county -------------------

def test_a_subdistrict_s_joint_notice_signed_by_two_organs_is_the_subdistrict_s():
    """东华门街道's notice (a .docx) is signed by its 工委 and its office on one line, apart by a
    gap, the office named after the district government it is the agency of (北京市东城区人民政府
    东华门街道办事处). No signature was read (a line of 40 characters), no issuer, no jurisdiction:
    the street's offices no units, their duties the leading group's, 区委 of a place 区. Each organ
    is a signer now (layout.ttl's organ-gap), the first the issuer; the notice the subdistrict's,
    in 东城区 (issuer-seat), 区委 东城区's."""
    got = _read("donghuamen-back-alley-leading-group.docx")
    j = got["document"]["jurisdiction"]
    assert (j["name"], j["level"], j["within"]) == ("东华门街道", "township", {"name": "东城区", "level": "district"})
    assert got["document"]["issuer"] == "中共北京市东城区东华门街道工作委员会"
    assert [f["value"] for f in got["document"]["fields"] if f["name"] == "signer"] == [
        "中共北京市东城区东华门街道工作委员会", "北京市东城区人民政府东华门街道办事处"]
    deps = {d["id"]: d for d in got["departments"]}
    assert deps["东城区/party-committee"]["level"] == "district"


def test_a_subdistrict_office_named_after_its_government_signs_for_the_subdistrict():
    """北京市东城区人民政府东华门街道办事处 alone (the street office's own notice) was the
    district's (北京市东城区): its 街道 bodies the district's. The subdistrict's now."""
    from extractor.load import load_bytes
    from extractor.parse import parse
    body = "\n".join(["关于开展背街小巷环境整治的通知", "", "各社区居委会：",
                      "　　一、街道城市管理办公室负责组织实施。", "",
                      "北京市东城区人民政府东华门街道办事处", "2024年4月12日"])
    doc = parse(load_bytes(body.encode(), "x.txt"))
    j = doc.jurisdiction
    assert (j.name, j.level, j.within, j.within_level) == ("东华门街道", "township", "东城区", "district")


def test_a_subdistrict_s_offices_and_its_enforcement_team_are_units_with_their_duties():
    """1.街道城市管理办公室：负责… … 6.街道城管执法队：… — Beijing's 街道 offices (no registry
    names) were no units: their duties the leading group's, 领导小组 given 23 duties for 4. Each
    office a unit of the subdistrict now, kept as written (办公室 an organisation's ending,
    pkc:dept-org-suffix; 领导小组办公室 none: pkc:dept-org-not-ending)."""
    got = _read("donghuamen-back-alley-leading-group.docx")
    assert _duties_of(got, "main/2/2/1") == [("东华门街道/街道城市管理办公室",
                                              "负责制定年度整治提升工作方案，建立背街小巷台账，组织开展街巷长巡查和考核评价工作。")]
    assert [d for d, _ in _duties_of(got, "main/2/2/5")] == ["东华门街道/街道综合保障办公室"]
    assert not any(d["id"].endswith("/领导小组办公室") for d in got["departments"])


def test_an_item_headed_as_the_body_s_duties_under_a_part_headed_so_reads_them_once():
    """二、工作职责 over （一）领导小组职责 / 负责统筹推进…，研究…，协调…，督促…。: both headings say
    they give the body's duties, and each read them — 8 duties for 4, one 职责\\n负责统筹推进….
    The item's reading is the one now."""
    got = _read("donghuamen-back-alley-leading-group.docx")
    assert [t for _, t in _duties_of(got, "main/2/1")] == [
        "负责统筹推进辖区背街小巷环境精细化整治提升工作", "研究制定年度整治计划", "协调解决整治工作中的重大问题",
        "督促检查各项任务落实情况。"]


def test_the_body_s_duties_after_a_comma_counted_one_is_two_is_are_read():
    """湄潭's 第二条 联席会议在县人民政府领导下开展工作，主要职责：一是贯彻落实…；二是研究拟订…；三是…；
    四是…。 — 主要职责： after a comma, not at a sentence's start: the body had no duty of its own.
    Its four now (pkc:body-duties-lead), each without its count (pkc:inline-enumerator)."""
    got = _read("meitan-integrated-elderly-care-joint-meeting.txt")
    unit = "湄潭县/湄潭县医养结合工作联席会议"
    assert [(d["department"], d["text"], d["action"]) for d in got["duties"] if d["clause"] == "att1/1/2"] == [
        (unit, "贯彻落实党中央、国务院和省委、省政府、市委、市政府关于医养结合工作的决策部署；", "贯彻落实"),
        (unit, "研究拟订全县医养结合发展规划和政策措施；", "研究"),
        (unit, "协调解决医养结合机构建设、医保支付、人才培养中的重大问题；", "协调"),
        (unit, "督促检查各镇（街道）和各成员单位工作落实情况。", "督促")]


def test_whom_the_body_works_under_in_its_duties_lead_is_whom_it_reports_to():
    """联席会议在县人民政府领导下开展工作，主要职责：一是… (湄潭's 第二条): the lead read the duties
    after 主要职责：, and 在县人民政府领导下, no comma right after it, inside the lead, was read by no
    one — the body reported to no one (`meetings`' reports_to empty). The government now, its
    mention the words as written; the duties as they were."""
    got = _read("meitan-integrated-elderly-care-joint-meeting.txt")
    assert got["meeting"]["reports_to"] == ["湄潭县/government"]
    at = got["meeting"]["reports_to_at"][0]
    assert (at["text"], at["clause"]) == ("在县人民政府领导下", "att1/1/2")
    assert len(_duties_of(got, "att1/1/2")) == 4


def test_a_cited_title_s_number_in_square_brackets_is_its_number():
    """《国务院办公厅关于推进养老服务发展的意见》【国办发〔2019〕5号】 was two references, a title
    without number and a number without title; one now (国发[2021]35号 in round brackets was)."""
    got = _read("meitan-integrated-elderly-care-joint-meeting.txt")
    refs = [(r["title"], r["number"]) for r in got["references"]]
    assert refs[:4] == [("国务院关于印发“十四五”国家老龄事业发展和养老服务体系规划的通知", "国发〔2021〕35号"),
                        ("国务院办公厅关于推进养老服务发展的意见", "国办发〔2019〕5号"),
                        ("关于进一步推进医养结合发展的指导意见", "国卫老龄发〔2022〕25号"),
                        ("国务院办公厅关于同意建立养老服务部际联席会议制度的函", "国办函〔2019〕74号")]
    assert len(got["references"]) == 5


def test_a_subdistrict_s_members_named_by_its_offices_and_its_enforcement_team_are_read():
    """领导小组成员由街道党群工作办公室、…、街道城管执法队、东华门派出所和各社区居委会主要负责同志组成:
    no member was read — 领导小组成员由 no lead into a list (pkc:setup-members, pkc:dept-org-lead-owner),
    and a list of units the registry knows none of gave no evidence it was one. 街道城管执法队 is
    the subdistrict's urban-management body now (pk:townshipLabel), 街道工委 its party committee
    (pk:partyLabel 工委: the 组长's post, 街道工委书记); the offices members as written.
    东华门派出所 before 和 is one too (below)."""
    got = _read("donghuamen-back-alley-leading-group.docx")
    assert got["members"] == ["东华门街道/街道党群工作办公室", "东华门街道/街道城市管理办公室", "东华门街道/街道平安建设办公室",
                              "东华门街道/街道社区建设办公室", "东华门街道/街道综合保障办公室", "东华门街道/urban-management",
                              "东华门街道/东华门派出所", "东华门街道/各社区居委会"]
    assert [d for d, _ in _duties_of(got, "main/2/2/6")] == ["东华门街道/urban-management"] * 2
    lead = next(p for p in got["posts"] if p["role"] == "group_leader")
    assert lead["department"] == "东华门街道/party-committee"


def test_a_police_station_named_by_the_subdistrict_s_bare_name_before_he_is_a_member():
    """…、街道城管执法队、东华门派出所和各社区居委会主要负责同志组成: 派出所 (a township's name of a body,
    pk:townshipLabel, read after a prefix only) after 东华门 (the subdistrict's name without 街道) was
    no name — the list broken there, 东华门派出所 no member though its item (7. 东华门派出所：) has a
    duty. One organisation as written now, as the matcher reads the list's other unknown names: a
    member, the same unit as its item's, which keeps its duty."""
    got = _read("donghuamen-back-alley-leading-group.docx")
    assert got["members"][6:] == ["东华门街道/东华门派出所", "东华门街道/各社区居委会"]
    assert _duties_of(got, "main/2/2/7") == [("东华门街道/东华门派出所", "负责维护整治现场治安秩序，依法查处违规停车和妨碍执法的行为。")]
    assert "东华门街道/public-security" not in {d["id"] for d in got["departments"]}


def test_a_make_up_table_names_who_holds_the_posts_the_text_set_up():
    """东华门's text sets the group up (组长由街道工委书记担任，常务副组长由…，副组长由…；成员名单见附件) and
    its 附件 is a table, a row a person (职务 | 姓名 | 单位及职务: 组长 | 王志刚 | 街道工委书记): the table
    was read only for a body the text had not set up — no one's name at all. Each row's person
    holds its post now (a 常务副组长 a deputy: pkc:table-post-qualifier; a 成员 the lead of their
    unit), the text's head, deputies, member units and set-up clause as they were."""
    got = _read("donghuamen-back-alley-leading-group.docx")
    held = [(p["role"], p["person"], p["department"]) for p in got["posts"] if p["clause"].startswith("att1/")]
    assert held[:5] == [("group_leader", "王志刚", "东华门街道/party-committee"),
                        ("deputy_group_leader", "李红", "东华门街道/party-committee"),
                        ("deputy_group_leader", "张建", "东华门街道/party-committee"),
                        ("deputy_group_leader", "刘宏伟", "东华门街道/government"),
                        ("lead", "赵敏", "东华门街道/街道党群工作办公室")]
    assert ("lead", "周强", "东华门街道/东华门派出所") in held and len(held) == 13
    m = got["meeting"]
    assert m["convenor"]["text"] == "街道工委书记" and m["co_convenors"] == []
    # (two deputies in the text's 副组长由…、…担任: limit9, below)
    assert [d["text"] for d in m["deputy_convenors"]] == ["街道办事处主任", "街道工委副书记", "街道办事处分管城市管理工作的副主任"]
    assert len(got["members"]) == 8 and m["clause"] == "main/1"
    assert not any(n["kind"] == "unread-member" for n in got["notes"])


def test_an_office_set_up_in_a_unit_the_registry_does_not_know_is_hosted_there():
    """办公室设在街道城市管理办公室: the body's office had no host (`meetings` 办公室设在 empty), the
    unit no registry name. The unit as written now, as its heading's item keeps it."""
    got = _read("donghuamen-back-alley-leading-group.docx")
    assert got["meeting"]["office"] == "东华门街道/街道城市管理办公室"
    assert got["meeting"]["office_at"]["text"] == "办公室设在街道城市管理办公室"


def test_a_government_offices_service_centre_is_the_government_offices_administration():
    """山东's cities run their 机关事务 as a 机关事务服务中心 (日照市机关事务服务中心): a unit of no
    concept, kept as written, its item noted. pkd:government-affairs-administration's name now
    (skos:altLabel), so it compares with a 机关事务管理局; 市政务服务中心 and 市不动产登记中心, units
    beside the bureau that runs them (市行政审批服务局, 市自然资源和规划局), stay as written;
    国网日照供电公司 is pkd:power-supply's (limit6), the city's."""
    got = _read("rizhao-one-thing-reform-joint-meeting.html")
    assert got["members"][10] == "日照市/government-affairs-administration" and len(got["members"]) == 20
    assert _duties_of(got, "main/3/4") == [("日照市/government-affairs-administration", "负责保障政务服务大厅场地改造和运行所需的后勤服务。")]
    assert [n["text"] for n in got["notes"]] == ["市政务服务中心", "市不动产登记中心"]
    assert "日照市/power-supply" in got["members"]


def test_a_subdistrict_s_party_working_committee_signing_is_its_party_committee():
    """中共北京市东城区东华门街道工作委员会 (the issuer, its full name: the 中共 lead, the places above
    the subdistrict, 工作委员会) was a name of no unit — in `departments` an organisation of its
    own beside 街道工委. The subdistrict's party committee now (pk:partyLabel 工作委员会)."""
    got = _read("donghuamen-back-alley-leading-group.docx")
    assert got["issuer"] == "东华门街道/party-committee"
    unit = next(d for d in got["departments"] if d["id"] == "东华门街道/party-committee")
    assert unit["mentions"][-1]["surface"] == "中共北京市东城区东华门街道工作委员会"


def test_a_post_of_a_unit_no_list_names_gives_that_unit_as_written():
    """A make-up line holding the post of a unit the registry lacks (兰考's 成　员 line with
    郑永军　县自来水公司经理 for its 县供电公司经理) gave no member and no post's unit: noted,
    `unread-member`. The unit is what the post opens with up to an organisation's ending
    (pkc:dept-org-suffix) before the words ending a post (pkc:list-post-end): 县自来水公司, the
    group's 8th member kept as written (noted so, as other unknown units are), 郑永军 its lead —
    as written and on one line."""
    from extractor.pipeline import process_bytes

    text = (AUDIT / "lankao-water-supply-leading-group.txt").read_text(encoding="utf-8")
    text = text.replace("郑永军　县供电公司经理", "郑永军　县自来水公司经理")
    for written in (text, "".join(text.splitlines())):
        got = extracted_dict(process_bytes(written.encode("utf-8"), "lankao.txt"))
        assert len(got["members"]) == 8 and got["members"][-1] == "兰考县/县自来水公司"
        assert [(p["department"], p["person"]) for p in got["posts"] if p["role"] == "lead"][-1] == \
            ("兰考县/县自来水公司", "郑永军")
        assert [(n["kind"], n["text"]) for n in got["notes"]] == [("unknown-unit", "县自来水公司")]


def test_a_deputy_party_secretary_and_a_deputy_s_post_are_two_deputies():
    """东华门's 副组长由街道工委副书记、街道办事处分管城市管理工作的副主任担任 (its table: 张建 and 刘宏伟,
    two rows 副组长) read as one deputy: a list of posts was split after 副书记 never (县委副书记、县长
    is one person's two posts). A 副书记 before a deputy's post (pkc:deputy-post-mark before a word of
    pkc:list-post-end: 副主任, 副县长) is two people now; before a head's post (县长, 街道办事处主任:
    李红's two posts, 常务副组长) still one."""
    got = _read("donghuamen-back-alley-leading-group.docx")
    text = process(AUDIT / "donghuamen-back-alley-leading-group.docx").text
    deputies = [(p["department"], text[p["start"]:p["end"]]) for p in got["posts"]
                if p["role"] == "deputy_group_leader" and p["person"] is None]
    assert deputies[1:] == [("东华门街道/party-committee", "街道工委副书记"),
                            ("东华门街道/government", "街道办事处分管城市管理工作的副主任")]
    from extractor.pipeline import process_bytes

    def deputies_of(said: str) -> list[str]:
        text = ("某县人民政府办公室关于成立某县农村人居环境整治工作领导小组的通知\n\n各乡镇人民政府，县直各单位：\n"
                "为加强组织领导，决定成立某县农村人居环境整治工作领导小组。现将有关事项通知如下：\n一、组成人员\n"
                f"组长由县委书记担任，副组长由{said}担任，成员由县财政局、县民政局主要负责同志组成。\n")
        return [f.value for f in process_bytes(text.encode("utf-8"), "x.txt").facts.meeting.deputy_convenors]

    assert deputies_of("县委副书记、县政府分管农业农村工作的副县长") == ["县委副书记", "县政府分管农业农村工作的副县长"]
    assert deputies_of("县委副书记、县长") == ["县委副书记、县长"]


def test_a_customs_district_named_after_any_word_is_its_place_s():
    """…港区连云港海关: a vertical body named by its bare place (pk:branchLabel {}海关) was read with
    its place only after a boundary or a word a unit may follow (limit6's pkc:dept-bare-place-after: 由, 会同 …):
    after any other word the mention was 海关 alone, the notice's place's — 连云港 dropped, and in
    日照's notice 东港区青岛海关 日照's customs. The label names its body by the place before it, so the
    place is the body's whatever stands before it (not across a blank)."""
    from extractor.pipeline import process_bytes

    raw = (AUDIT / "lianyungang-port-joint-meeting.html").read_text(encoding="utf-8")
    power = "国网连云港供电公司负责港口岸电设施建设和电力保障。"
    got = extracted_dict(process_bytes(raw.replace(power, power + "加快徐圩港区连云港海关监管作业场所建设。").encode("utf-8"),
                                       "lianyungang.html"))
    customs = next(d for d in got["departments"] if d["id"] == "连云港市/customs")
    assert [m["surface"] for m in customs["mentions"]][-1] == "连云港海关"
    raw = (AUDIT / "rizhao-one-thing-reform-joint-meeting.html").read_text(encoding="utf-8")
    said = "及时报道改革典型经验。"
    assert said in raw
    got = extracted_dict(process_bytes(raw.replace(said, said + "做好东港区青岛海关通关政策宣传。").encode("utf-8"), "rizhao.html"))
    deps = {d["id"]: d for d in got["departments"]}
    assert "日照市/customs" not in deps
    assert [m["surface"] for m in deps["青岛市/customs"]["mentions"]] == ["青岛海关"]


def test_two_deputies_named_with_their_posts_in_brackets_are_two():
    """副组长由张三（县政府副县长）、李四（县农业农村局局长，负责日常工作）担任 was one deputy, its post all
    of it and no one holding it: a list of posts was split after a post's ending only, and a 由…担任
    phrase read no name before a post in brackets (a make-up list does: pkc:list-item). Each name and
    its post in brackets is a deputy now, the person holding it; the post up to a clause's mark inside
    the brackets (负责日常工作 no post). A unit's other name in brackets (县卫健委（县中医药局）) is no name."""
    from extractor.pipeline import process_bytes

    def deputies_of(said: str) -> list[tuple[str, str | None, str]]:
        text = ("某县人民政府办公室关于成立某县农村人居环境整治工作领导小组的通知\n\n各乡镇人民政府，县直各单位：\n"
                "为加强组织领导，决定成立某县农村人居环境整治工作领导小组。现将有关事项通知如下：\n一、组成人员\n"
                f"组长由县委书记担任，副组长由{said}担任，成员由县财政局、县民政局主要负责同志组成。\n")
        doc = process_bytes(text.encode("utf-8"), "x.txt")
        return [(p.department, p.person, doc.text[p.start:p.end]) for p in doc.facts.posts if p.role == "deputy_group_leader"]

    assert deputies_of("张三（县政府副县长）、李四（县农业农村局局长，负责日常工作）") == [
        ("某县/government", "张三", "县政府副县长"), ("某县/agriculture-rural-affairs", "李四", "县农业农村局局长")]
    assert deputies_of("张三（县政府副县长）、李四（县农业农村局局长）")[1] == ("某县/agriculture-rural-affairs", "李四", "县农业农村局局长")
    assert deputies_of("县卫健委（县中医药局）、县教育局主要负责同志") == [
        ("某县/health", None, "县卫健委（县中医药局）、县教育局主要负责同志")]


# (the tenth session's audit9) 永春县 (福建, .txt), 隆回县 (湖南, a site page), 洛川县 (陕西, .docx)

def test_a_unit_s_paragraph_opening_with_its_name_and_a_colon_is_its_duty():
    """永春's 三、成员单位职责 gives each unit a paragraph of its own, no number: 县交通运输局：牵头负责…,
    县委宣传部：负责…. The colon after the name cut the verb off its subject: no unit had a duty.
    Each paragraph is its unit's now, its text from the verb."""
    got = _read("yongchun-rural-delivery-logistics-joint-meeting.txt")
    duties = _duties_of(got, "main/3")
    assert len(duties) == 11
    assert duties[0] == ("永春县/transport", "牵头负责全县农村寄递物流体系建设，统筹推进县级寄递公共配送中心和乡镇综合运输服务站建设，"
                                           "承担联席会议日常工作。")
    assert duties[-1] == ("永春县/中国邮政集团有限公司永春县分公司", "负责发挥邮政网络主渠道作用，推进村级寄递物流综合服务站建设。")
    lead = next(d for d in got["duties"] if d["clause"] == "main/3")
    assert lead["role"] == "lead"


def test_a_fujian_county_s_industry_and_commerce_bureau_is_a_merged_bureau():
    """县工信商务局 (福建's 工业信息化和商务局) was read as the 县商务局 inside it, its 工信 lost; a
    merged bureau now (pk:merges industry-information-technology and commerce)."""
    got = _read("yongchun-rural-delivery-logistics-joint-meeting.txt")
    assert "永春县/industry-informatization-commerce" in got["members"]
    assert "永春县/commerce" not in [d["id"] for d in got["departments"]]
    assert got["posts"][2]["department"] == "永春县/industry-informatization-commerce"


def test_members_counted_after_the_body_s_member_units_and_posts_listed_post_first():
    """联席会议成员单位由县交通运输局、…等11个部门和单位组成 was no member list ({body}由 only), so the
    附件's 成　　员 lines made the members — nine, the two convenors' units lost, no count. The
    sentence's eleven now, counted; and the 附件's lines, a post before its holder
    (县委宣传部副部长　王志勇, …副总经理　康晓峰), still give each member's post and who holds it."""
    got = _read("yongchun-rural-delivery-logistics-joint-meeting.txt")
    assert got["meeting"]["stated_count"] == 11 and len(got["members"]) == 11
    assert got["members"][:2] == ["永春县/transport", "永春县/industry-informatization-commerce"]
    leads = [(p["department"], p["person"]) for p in got["posts"] if p["role"] == "lead"]
    assert leads[0] == ("永春县/propaganda-department", "王志勇")
    assert leads[-1] == ("永春县/中国邮政集团有限公司永春县分公司", "康晓峰") and len(leads) == 9


def test_an_office_director_given_by_by_and_a_cooperative_and_a_plenary_of_all_members():
    """隆回's 由县农业农村局局长王志刚兼任办公室主任 (由 before the holder) gave no director;
    县供销合作社 was a unit of no concept; 全体成员会议 a meeting of no kind. Now the office's
    director, pkd:supply-marketing-cooperative, a plenary."""
    got = _read("longhui-honeysuckle-industry-leading-group.html")
    m = got["meeting"]
    assert m["office_director"]["text"] == "县农业农村局局长"
    assert ("office_director", "王志刚") in [(p["role"], p["person"]) for p in got["posts"]]
    assert "隆回县/supply-marketing-cooperative" in got["members"] and len(got["members"]) == 10
    assert [(r["label"], r["kind"], r["period"]) for r in m["rules"]][0] == ("全体成员会议", "plenary", "P6M")


def test_a_task_force_headed_by_a_group_leader_and_its_duty_table_under_responsible_units():
    """洛川's 工作专班 lists 组　　长：县政府县长　张建平 / 常务副组长：… / 副 组 长：… — a task force's
    head was 班长 alone, so it had none; its table 序号 | 责任单位 | 工作职责 | 完成时限 gave each
    row's cells joined as the task force's own duties. Now its head and two deputies (常务副组长
    one), each row its unit's duty; and （一）例会制度。工作专班每月召开一次工作推进会 beside the
    rule clauses （二）督导通报制度 … is a monthly meeting chaired by 组长或常务副组长."""
    got = _read("luochuan-apple-industry-task-force.docx")
    m = got["meeting"]
    assert m["convenor"]["text"] == "县政府县长"
    assert [x["text"] for x in m["deputy_convenors"]] == ["县政府副县长", "县苹果产业发展中心主任"]
    assert [(p["role"], p["person"]) for p in got["posts"][:3]] == [
        ("task_force_leader", "张建平"), ("deputy_task_force_leader", "李晓东"), ("deputy_task_force_leader", "王海涛")]
    assert _duties_of(got, "main/2/r5") == [("洛川县/water-resources", "负责果园节水灌溉设施建设")]
    assert [a for a in got["assignments"] if a["clause"].startswith("main/2/")] == []  # (no task besides)
    assert len(_duties_of(got, "main/2")) == 3  # the task force's own, before the table
    rules = [(r["kind"], r["period"], [x["text"] for x in r["participants"]]) for r in m["rules"]]
    assert rules[0] == ("general", "P1M", ["组长或常务副组长"]) and len(rules) == 3


def test_units_a_part_names_as_members_with_wei_cheng_yuan_are_the_member_units():
    """浦东's make-up is one sentence (联席会议由区政府分管副区长担任召集人，…担任副召集人，区发展改革委、
    区科经委、…、陆家嘴管理局分管负责同志为成员。): no word of a list the reader knew (…等为成员单位
    with 等, 由…组成) — `members` said member units not listed. A part naming its units 为成员 (or
    为成员单位, no 等) lists them now, as a 由…组成 phrase does (pkc:setup-members: data)."""
    got = _read("pudong-youth-employment-joint-meeting.txt")
    assert len(got["members"]) == 17
    assert got["members"][:3] == ["浦东新区/development-reform", "浦东新区/science-economy", "浦东新区/commerce"]
    assert got["members"][-2:] == ["浦东新区/张江科学城建设管理办公室", "浦东新区/陆家嘴管理局"]
    assert "浦东新区/government" not in got["members"]  # (区政府分管副区长: the convenor)


def test_a_shanghai_district_s_commerce_and_science_economy_commissions_are_known():
    """区商务委 and 区科经委 (上海's districts: 商务委员会, 浦东's 科技和经济委员会) were no names at all
    (neither a department nor a member). 商务委 is pkd:commerce's name in current use, 科经委 a
    body merging science and technology with industry and informatization (departments.ttl)."""
    got = _read("pudong-youth-employment-joint-meeting.txt")
    units = {d["id"]: d for d in got["departments"]}
    assert units["浦东新区/commerce"]["name"] == "区商务委"
    assert units["浦东新区/science-economy"]["concept"] == "science-economy"
    assert _duties_of(got, "main/3")[4] == ("浦东新区/commerce", "负责推动商贸服务业、外资企业吸纳高校毕业生就业。")


def test_a_unit_s_duties_as_a_paragraph_opened_by_its_name_and_a_colon():
    """浦东's 三、成员单位职责 gives each unit a paragraph of its own, unnumbered, opened by its name and
    a colon (区财政局：负责落实就业创业补贴资金，加强资金使用监管。): no item, and the colon kept
    the unit from being the subject of its statement — not one duty of a member unit was read.
    The colon after a subject opening the statement is passed over now, as a comma is."""
    got = _read("pudong-youth-employment-joint-meeting.txt")
    duties = _duties_of(got, "main/3")
    assert duties[:2] == [("浦东新区/human-resources-social-security", "负责联席会议日常工作"),
                          ("浦东新区/human-resources-social-security",
                           "牵头落实青年就业创业扶持政策，组织开展就业见习、职业技能培训和公共就业服务。")]
    assert ("浦东新区/finance", "负责落实就业创业补贴资金，加强资金使用监管。") in duties
    assert [d for d, _ in duties[9:12]] == ["浦东新区/youth-league", "浦东新区/womens-federation",
                                             "浦东新区/disabled-persons-federation"]
    assert len(duties) == 14  # (and the two of 各街道办事处、镇人民政府负责…, below)


def test_a_task_force_s_head_and_deputies_labelled_zhuanban_zuzhang():
    """滨海's 工作专班 lists its head and deputies as 专班组长：刘振华　区委常委、副区长 / 专班副组长：孙立军
    区政府办公室副主任 / 王海涛　区应急局局长 (the body's word, then 组长): a task force's head was 班长
    alone and a list's label the role's word alone — `meetings` said 班长 not stated, no deputy.
    组长/副组长 name a task force's posts too (cues.ttl), a list's label may open with the body's
    word (专班组长：, as 联席会议成员单位： did), and 组长 stays a 领导小组's group_leader elsewhere
    (a rule chaired by 组长或副组长 in 阿荣旗's notice, as before)."""
    got = _read("binhai-hazardous-chemicals-task-force.html")
    m = got["meeting"]
    assert m["kind"] == "task-force" and m["convenor"]["text"] == "区委常委、副区长"
    assert [d["text"] for d in m["deputy_convenors"]] == ["区政府办公室副主任", "区应急局局长"]
    held = [(p["role"], p["person"]) for p in got["posts"] if p["clause"] == "main/1"]
    assert held == [("task_force_leader", "刘振华"), ("deputy_task_force_leader", "孙立军"),
                    ("deputy_task_force_leader", "王海涛")]
    chair = next(r for r in m["rules"] if r["clause"] == "main/3/1")["participants"][0]
    assert chair["text"] == "专班副组长" and chair["roles"] == ["deputy_task_force_leader"]
    arong = _read("arong-farmland-protection-leading-group.docx")
    assert any(p["roles"] == ["group_leader", "deputy_group_leader"] for r in arong["meeting"]["rules"]
               for p in r["participants"])


def test_member_units_duties_under_a_duties_part_are_not_the_body_s_own():
    """滨海's 二、工作职责 holds （一）工作专班职责。 and （二）成员单位职责。 with a paragraph a unit
    (区应急局负责…): the task force had 12 duties of its own, nine of them its members' sentences
    (区应急局负责危险化学品生产…, 其他成员单位按照各自职责做好相关工作。) read again as its own. An item
    naming the member units (pkc:member-part) below a bare duties heading is theirs now: the body
    keeps its three, each unit its own."""
    got = _read("binhai-hazardous-chemicals-task-force.html")
    unit = got["meeting"]["unit"]
    own = [d["text"] for d in got["duties"] if d["department"] == unit]
    assert own == ["统筹推进全区危险化学品安全风险集中治理工作", "研究解决治理中的重大问题", "督促各功能区、各街镇落实属地管理责任。"]
    assert ("滨海新区/emergency-management", "负责危险化学品生产、储存企业的安全监管，组织开展重大危险源专项检查。") in _duties_of(got, "main/2/2")


def test_a_city_bureau_s_branch_in_a_new_area_is_the_new_area_s():
    """市公安局滨海分局 in 滨海新区's notice (天津's public security branch in the district, named by its
    place written short) was a unit of a place 滨海, of no level — its member and duty apart from
    the district's. The district's 公安局 now: a place the notice's own name opens with, one
    character (新) before its level's suffix. 区住房建设委 (天津's 住房和建设委员会) is the district's
    housing bureau (pkd:housing-urban-rural-development), no unit as written."""
    got = _read("binhai-hazardous-chemicals-task-force.html")
    assert "滨海新区/public-security" in got["members"] and not any(d.startswith("滨海/") for d in got["members"])
    assert _duties_of(got, "main/2/2")[3] == ("滨海新区/public-security", "负责剧毒化学品、易制爆危险化学品的公共安全管理。")
    assert got["members"][5] == "滨海新区/housing-urban-rural-development"


def test_a_rule_clause_naming_no_kind_of_meeting_gives_its_rule():
    """滨海's 三、工作机制 （一）周调度制度。工作专班每周召开一次调度会，由专班副组长主持 — a rule clause whose
    heading names no kind (周调度制度) beside one that does (（二）月通报制度, a briefing): the weekly
    meeting was no rule at all. Its sentences are read as running text's are now: a meeting of the
    body every week (P7D), chaired by the deputies; 鸡西's 三、会议制度 over its three rule clauses is
    a part, not read again."""
    got = _read("binhai-hazardous-chemicals-task-force.html")
    rules = [(r["kind"], r["period"], r["clause"]) for r in got["meeting"]["rules"]]
    assert rules == [("general", "P7D", "main/3/1"), ("briefing", "P1M", "main/3/2")]
    jixi = _read("jixi-work-safety-joint-meeting.txt")
    assert [r["clause"] for r in jixi["meeting"]["rules"]] == ["main/3/1", "main/3/2", "main/3/3"]


def test_a_closing_line_naming_a_unit_the_registry_lacks_is_not_the_last_item_s():
    """正定's 三、成员单位职责 ends （七）县财政局。负责… then 其他成员单位按照各自职责做好相关工作。各乡镇人民政府、
    正定新区管委会负责本辖区内欠薪问题的排查化解工作。 (the parser puts both in the last item): the
    second sentence was 县财政局's duty — its subject, a list holding a zone's 管委会 the registry
    lacks, was no subject at all. It is theirs now: the townships' governments together and
    正定新区管委会 as written; 县财政局 keeps its one duty."""
    got = _read("zhengding-wage-arrears-joint-meeting.txt")
    assert _duties_of(got, "main/3/7") == [
        ("正定县/finance", "负责加强对政府投资项目资金的监管，督促按时拨付工程款。"),
        ("正定县所辖乡镇/local-governments", "负责本辖区内欠薪问题的排查化解工作。"),
        ("正定县/正定新区管委会", "负责本辖区内欠薪问题的排查化解工作。")]


def test_a_regular_meeting_said_after_the_rule_it_keeps():
    """正定's 四、工作规则 联席会议实行季度例会制度，每季度召开一次例会，由召集人或副召集人主持 — the body's
    quarterly meeting, its subject before the rule's name and a comma — was no rule (only the
    thematic meeting and the minutes after it). The general rule now, every quarter (P3M), chaired
    by the convenor or a deputy (pkm:general's pattern: data)."""
    got = _read("zhengding-wage-arrears-joint-meeting.txt")
    rules = got["meeting"]["rules"]
    assert [(r["kind"], r["period"]) for r in rules] == [("general", "P3M"), ("thematic", None), ("minutes", None)]
    assert rules[0]["participants"][0]["roles"] == ["convenor", "deputy_convenor"]


def test_an_attachment_naming_the_deputies_the_text_set_up_adds_none():
    """正定's text sets up two deputies (县政府分管副县长、县人力资源和社会保障局局长担任副召集人) and its 附件
    names them (副召集人：马国栋　县政府副县长 / 王振国　县人力资源和社会保障局局长): `meetings` listed three,
    县政府副县长 a deputy again beside 县政府分管副县长 (only a post written the same, 凉山's, added
    none). A list of as many deputies as the text set up names those posts' holders: no deputy
    added (the posts with their names kept)."""
    got = _read("zhengding-wage-arrears-joint-meeting.txt")
    assert [d["text"] for d in got["meeting"]["deputy_convenors"]] == ["县政府分管副县长", "县人力资源和社会保障局局长"]
    assert ("马国栋", "正定县/government") in [(p["person"], p["department"]) for p in got["posts"]
                                           if p["role"] == "deputy_convenor"]


def test_a_recipient_naming_kinds_of_body_a_character_each_is_one_address():
    """上海's and 天津's 主送 write their bodies by their kinds' characters: 各委、办、局 (浦东),
    区政府各委、局 (滨海), 市各委、办、局 (连云港): each was cut at 、 — recipients 各委, 办, 局, and 连云港's
    市各委 a department of its own. One address each now, whole, no department."""
    got = _read("pudong-youth-employment-joint-meeting.txt")
    assert [a["name"] for a in got["addressees"] if a["kind"] == "recipient"][:2] == ["各委、办、局", "各开发区管委会"]
    got = _read("binhai-hazardous-chemicals-task-force.html")
    assert "区政府各委、局" in [a["name"] for a in got["addressees"]]
    got = _read("lianyungang-port-joint-meeting.html")
    assert "市各委、办、局" in [a["name"] for a in got["addressees"]]
    assert "连云港市/市各委" not in [d["id"] for d in got["departments"]]


def test_the_subdistricts_addressed_together_first_in_a_list_are_a_subject():
    """浦东's 各街道办事处、镇人民政府负责辖区内离校未就业青年的实名登记和跟踪服务 (the bodies below, the
    subdistricts' offices named first): 各街道办事处 a name the registry lacks made the list no
    subject — the statement no one's duty. Theirs now: the subdistricts' offices together (since
    limit8 the subdistricts' governments below, 浦东新区所辖街道's, as 各镇人民政府 the towns' — audit10 had
    them as written, 浦东新区/各街道办事处) and the towns' governments."""
    got = _read("pudong-youth-employment-joint-meeting.txt")
    assert [(d, t) for d, t in _duties_of(got, "main/3") if "辖区" in t] == [
        ("浦东新区所辖街道/local-governments", "负责辖区内离校未就业青年的实名登记和跟踪服务。"),
        ("浦东新区所辖镇/local-governments", "负责辖区内离校未就业青年的实名登记和跟踪服务。")]


# (the tenth session's limit11) a head's post written without its unit; 洛川's 主送

def test_a_head_s_post_of_party_and_government_words_alone_is_their_unit_s():
    """滨海's 专班组长：刘振华　区委常委、副区长 was a post of no unit: the matcher reads 区委 only before a
    boundary (县委托 names no body) and 副区长 names no body at all. A post glued after a body's
    short name (pkc:committee-post: 县委书记, 区委常委) is that body's, a government leader's bare post
    (pkc:bare-post: 副区长, 县长) its place's government's; of one person's posts joined by 、 the last
    naming one — 滨海's head the district government's, as 县委副书记、县长 (兰考's, 婺源's) the
    county's; 县委书记 heading a 领导小组 (limit9's test notice) the county party committee's."""
    got = _read("binhai-hazardous-chemicals-task-force.html")
    head = next(p for p in got["posts"] if p["role"] == "task_force_leader")
    assert (head["person"], head["department"]) == ("刘振华", "滨海新区/government")
    lankao = _read("lankao-water-supply-leading-group.txt")
    assert next(p for p in lankao["posts"] if p["role"] == "group_leader")["department"] == "兰考县/government"
    from extractor.pipeline import process_bytes

    def heads(said: str) -> list[tuple[str, str]]:
        text = ("某县人民政府办公室关于成立某县农村人居环境整治工作领导小组的通知\n\n各乡镇人民政府，县直各单位：\n"
                "为加强组织领导，决定成立某县农村人居环境整治工作领导小组。现将有关事项通知如下：\n一、组成人员\n"
                f"组长由{said}担任，副组长由县政府副县长担任，成员由县财政局、县民政局主要负责同志组成。\n")
        doc = process_bytes(text.encode("utf-8"), "x.txt")
        return [(doc.text[p.start:p.end], p.department) for p in doc.facts.posts if p.role == "group_leader"]

    assert heads("县委书记") == [("县委书记", "某县/party-committee")]
    assert heads("县委书记、县长") == [("县委书记", "某县/party-committee"), ("县长", "某县/government")]
    assert heads("县委常委") == [("县委常委", "某县/party-committee")]
    assert heads("县委副书记、县长") == [("县委副书记、县长", "某县/government")]
    assert heads("县政府分管副县长") == [("县政府分管副县长", "某县/government")]  # (named: as before)


def test_a_named_subdistrict_office_and_a_kind_after_a_government_s_ge_in_the_recipients():
    """洛川's 主送 各乡镇人民政府、凤栖街道办事处，县政府各工作部门、直属机构 read 各凤栖街道办事处 (the first
    item's 各 given to an item with no place the gazetteer knows) and a bare 直属机构. A township's
    own name before its prefix (凤栖街道办事处: pkc's township prefixes, layout.ttl) names one office,
    itself; and the body a first item's 各 follows (县政府各工作部门) is written once for the kinds of
    body after it that name none (县政府直属机构) — as 县政府各部门、各直属机构 (霍山's, …) is the
    government's 各直属机构."""
    got = _read("luochuan-apple-industry-task-force.docx")
    assert [a["name"] for a in got["addressees"] if a["kind"] == "recipient"] == [
        "各乡镇人民政府", "凤栖街道办事处", "县政府各工作部门", "县政府直属机构"]
    from extractor.departments import listed_names

    def names(text: str) -> list[str]:
        return [n for _, _, n in listed_names(text)]

    assert names("各镇政府、街道办事处") == ["各镇政府", "各街道办事处"]  # (the kind alone: 各, as before)
    assert names("各乡镇人民政府、城关街道办事处") == ["各乡镇人民政府", "城关街道办事处"]
    assert names("县政府各部门、各直属机构") == ["县政府各部门", "县政府各直属机构"]
    assert names("县政府各部门、各乡镇人民政府") == ["县政府各部门", "各乡镇人民政府"]  # (a body of its own)


def test_a_unit_holding_a_word_in_brackets_is_a_member_as_written():
    """滨海's member table row 13 | 天津港（集团）有限公司 | 韩立新 | 副总经理: the registry's unknown names
    were CJK only, so a word in brackets inside one gave no member, no note and no post. The name as
    written now (it reads as a name without them: 天津港集团有限公司), a member noted unknown-unit with
    its lead's post; a unit's other name after it in brackets (市政府办公室（市口岸办）) stays no such name."""
    got = _read("binhai-hazardous-chemicals-task-force.html")
    assert got["members"][-1] == "滨海新区/天津港（集团）有限公司"
    assert ("unknown-unit", "天津港（集团）有限公司") in [(n["kind"], n["text"]) for n in got["notes"]]
    assert ("滨海新区/天津港（集团）有限公司", "韩立新") in [(p["department"], p["person"]) for p in got["posts"]]
    from extractor.departments import resolve
    assert resolve("市政府办公室（市口岸办）") is None and resolve("县公安局（交警）大队") is None


def test_a_contact_in_running_text_is_a_post_with_its_telephone_and_e_mail():
    """联系人 in running text was not read (audit9, audit10): 永春's office paragraph …办公室主任由…兼任。
    联系人：苏雅琴，联系电话：0595-23881234, 隆回's 领导小组办公室联系人：李婷，电话：…，电子邮箱：…, 浦东's
    联系人：区人力资源社会保障局就业促进处　王丽萍，联系电话：68541234，电子邮箱：jycj@pudong.gov.cn and
    正定's 联系人及电话：县人社局劳动保障监察大队　刘建波　0311-88012345. Each a post (role contact) held by
    the person, as a 联络员名单's row is: the office's where the text says so (its paragraph, or 办公室
    before 联系人), else the body's held from the unit written before the name; in the graph its
    schema:telephone and schema:email, left out with the persons."""
    def contacts(name):
        return [(p["department"], p["person"]) for p in _read(name)["posts"] if p["role"] == "contact"]
    assert contacts("yongchun-rural-delivery-logistics-joint-meeting.txt") == [
        ("永春县/永春县农村寄递物流体系建设联席会议办公室", "苏雅琴")]
    assert contacts("longhui-honeysuckle-industry-leading-group.html") == [("隆回县/隆回县金银花产业发展领导小组办公室", "李婷")]
    assert contacts("pudong-youth-employment-joint-meeting.txt") == [("浦东新区/human-resources-social-security", "王丽萍")]
    assert contacts("zhengding-wage-arrears-joint-meeting.txt") == [("正定县/human-resources-social-security", "刘建波")]
    from extractor.export import without_persons
    from extractor.graph import notice_graph, to_rdf, validate
    g = notice_graph(process(AUDIT / "pudong-youth-employment-joint-meeting.txt"))
    nt = bytes(g.ntriples()).decode()
    post = "<https://w3id.org/policykg/data/jurisdiction/浦东新区/doc/浦府办-2024-27/post/main/5/contact1>"
    for said in ('<https://schema.org/telephone> "68541234" .', '<https://schema.org/email> "jycj@pudong.gov.cn" .',
                 "<http://www.w3.org/ns/org#role> <https://w3id.org/policykg/ontology#roleContact> .",
                 '<http://www.w3.org/2000/01/rdf-schema#label> "联系人：区人力资源社会保障局就业促进处"@zh .',
                 "<https://w3id.org/policykg/ontology#homeUnit> <https://w3id.org/policykg/data/jurisdiction/浦东新区/org/"
                 "human-resources-social-security> ."):
        assert f"{post} {said}" in nt
    quads = to_rdf(process(AUDIT / "pudong-youth-employment-joint-meeting.txt"))
    conforms, report, _ = validate(quads)
    assert conforms, report
    shared = " ".join(q.object.value for q in without_persons(quads))
    assert "jycj@pudong.gov.cn" not in shared and "68541234" not in shared and "王丽萍" not in shared
    g = notice_graph(process(AUDIT / "longhui-honeysuckle-industry-leading-group.html"))
    nt = bytes(g.ntriples()).decode()
    assert "<https://w3id.org/policykg/data/jurisdiction/隆回县/doc/隆政办函-2024-31/post/main/3/contact1> " \
           '<https://schema.org/email> "lhjyhb@163.com" .' in nt


def test_the_zones_bodies_addressed_together_are_a_unit_with_a_duty():
    """滨海's 各功能区管委会负责本区域内危险化学品企业的属地监管，建立风险隐患清单 (天津's 功能区: its member table's
    天津港保税区, 天津经济技术开发区, 中新天津生态城 管委会s, addressed together) was no unit — a name the
    registry lacks after 各 — so its duty was no one's. One unit now, as written (滨海新区/各功能区管委会:
    pkc:dept-zones-together), the statement its duty; 督促各功能区、各街镇… (no body named) stays the task force's."""
    got = _read("binhai-hazardous-chemicals-task-force.html")
    assert ("滨海新区/各功能区管委会", "负责本区域内危险化学品企业的属地监管，建立风险隐患清单。") in _duties_of(got, "main/2/2")
    assert [d["department"] for d in got["duties"] if "督促各功能区" in d["text"]] == [
        "滨海新区/滨海新区危险化学品安全风险集中治理工作专班"]
