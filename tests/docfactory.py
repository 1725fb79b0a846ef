"""Hand-built `Document`s with facts, from real sentences of the two seeds.

They let the graph/export tests run on known facts independently of the parser and the
extractor: every span is computed with `str.index` on the text, so it is exact.
`county_doc()` is an excerpt of the Qimen notice (duties, a joint meeting with rules,
posts with person names, citations); `city_doc()` an excerpt of the Bayannur notice (task
tags assigning tasks to several departments, a citation by 文号).
"""
from __future__ import annotations

from extractor.model import (Assignment, Cell, Clause, Department, Document, Duty, Facts, Field,
                             Jurisdiction, Meeting, MeetingRule, Mention, Post, Reference, Span)

COUNTY_TEXT = """祁政办秘〔2021〕45号

祁门县人民政府办公室关于印发祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度的通知

各乡、镇人民政府，县政府有关部门：
   经县政府同意，现将《祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度》印发给你们，请参照文件认真执行。

祁门县人民政府办公室
2021年12月3日

祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度

为进一步贯彻落实省卫生健康委等十六部门联合印发的《关于做好3岁以下婴幼儿照护服务发展工作的通知》，统筹推进我县3岁以下婴幼儿照护服务工作发展，县政府决定建立祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度。
二、成员单位
联席会议召集人由县政府分管副县长担任，副召集人由县卫生健康委主要负责同志担任。联席会议成员单位包含县卫生健康委、县委编办、县发展改革委、县税务局等21个单位。
联席会议办公室设在县卫生健康委，承担联席会议日常工作，负责联席会议的组织、联络和协调工作。
三、工作规则
（一）全体会议制度。联席会议召集人或副召集人主持召开全体会议，原则上每半年召开1次，也可以根据工作需要临时召开。
（二）专题会议制度。联席会议副召集人或办公室主任根据工作需要或成员单位建议，不定期召集成员单位有关成员召开专题会议，及时协调解决促进婴幼儿照护服务发展推进过程中遇到的困难和问题。
四、职责分工
（一）县卫生健康委。承担联席会议办公室职能，负责办公室日常工作。负责婴幼儿照护服务机构的行业管理、业务培训和政策咨询等工作；指导婴幼儿照护服务机构严格执行国家和省、市有关设置标准与管理规范。
（二）县委编办。为公办婴幼儿照护服务机构做好注册登记工作。
（二十）县税务局。执行《财政部 税务总局 发展改革委 民政部 商务部 卫生健康委关于养老、托育、家政等社区家庭服务业优惠政策的公告》（财政部公告2019年第76号），对托育企业减免相关税费。

附件：
祁门县促进3岁以下婴幼儿照护服务发展工作联席会议成员单位及联络员名单
\t序号
\t成员单位
\t分管负责人
\t业务联络人

\t1
\t卫生健康委
\t许亚军
\t吴佳婧

\t3
\t发展改革委
\t胡南琦
\t张  丹
"""

# The names in the county table: none may appear in output built with persons=False.
COUNTY_PERSONS = ("许亚军", "吴佳婧", "胡南琦", "张丹")

CITY_TEXT = """巴政办发〔2021〕20号

巴彦淖尔市人民政府办公室关于印发《关于促进3岁以下婴幼儿照护服务发展实施方案》的通知

关于促进3岁以下婴幼儿照护服务发展实施方案

为深入贯彻落实《国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见》(国办发〔2019〕15号)精神,推进我市3岁以下婴幼儿(以下简称婴幼儿)照护服务工作高质量发展,经市政府同意,结合我市实际,制定如下实施方案。

二、主要任务

(二)建立健全婴幼儿照护服务供给体系

5.鼓励医疗机构提供延伸服务。推动“医育结合”,鼓励有条件的妇幼保健院、儿童医院、社区卫生服务中心等医疗机构设立婴幼儿照护服务场所,延伸开展0—3岁婴幼儿照护服务,并为周边婴幼儿照护服务机构提供育儿支持。(市卫生健康委负责)

(三)建立健全婴幼儿照护服务政策保障体系

3.加强财政保障。财政部门要利用现有资金和政策渠道,支持婴幼儿照护服务行业发展。积极引导社会资金投入发展婴幼儿照护服务。(市财政局、发展改革委、卫生健康委按职责分工负责)
"""


class _Text:
    """Exact spans of substrings, found left to right."""

    def __init__(self, text: str):
        self.text = text

    def span(self, needle: str, after: int = 0) -> tuple[int, int]:
        s = self.text.index(needle, after)
        return s, s + len(needle)

    def line(self, needle: str, after: int = 0) -> tuple[int, int]:
        """The whole line starting with `needle` (without its newline)."""
        s = self.text.index(needle, after)
        return s, self.text.index("\n", s)

    def until(self, start_needle: str, end_needle: str, after: int = 0) -> tuple[int, int]:
        """From `start_needle` to just before `end_needle` (both searched from `after`)."""
        s = self.text.index(start_needle, after)
        return s, self.text.index(end_needle, s)


def _clause(t: _Text, cid: str, span: tuple[int, int], *, kind="numbered", style="", label="",
            index=None, level=1, heading: str | None = None, parent=None, children=(), cells=()):
    s, e = span
    h = None
    if heading:
        hs = t.text.index(heading, s)
        h = Span(hs, hs + len(heading))
    c = Clause(s, e, id=cid, kind=kind, style=style, label=label, index=index, level=level,
               heading=h, parent=parent, children=list(children), cells=list(cells))
    return c


def county_doc() -> Document:
    text = COUNTY_TEXT
    t = _Text(text)
    body_start = text.index("祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度\n\n为")
    att = text.index("附件：")

    # --- clause tree -----------------------------------------------------------------------
    m2 = _clause(t, "main/2", t.until("二、成员单位", "三、工作规则"), style="cn-dun", label="二、",
                 index=2, heading="成员单位", parent="main")
    r1 = _clause(t, "main/3/1", t.line("（一）全体会议制度"), style="cn-paren", label="（一）", index=1,
                 level=2, heading="全体会议制度。", parent="main/3")
    r2 = _clause(t, "main/3/2", t.line("（二）专题会议制度"), style="cn-paren", label="（二）", index=2,
                 level=2, heading="专题会议制度。", parent="main/3")
    m3 = _clause(t, "main/3", t.until("三、工作规则", "四、职责分工"), style="cn-dun", label="三、",
                 index=3, heading="工作规则", parent="main", children=[r1, r2])
    d1 = _clause(t, "main/4/1", t.line("（一）县卫生健康委。"), style="cn-paren", label="（一）", index=1,
                 level=2, heading="县卫生健康委。", parent="main/4")
    d2 = _clause(t, "main/4/2", t.line("（二）县委编办。"), style="cn-paren", label="（二）", index=2,
                 level=2, heading="县委编办。", parent="main/4")
    d20 = _clause(t, "main/4/20", t.line("（二十）县税务局。"), style="cn-paren", label="（二十）",
                  index=20, level=2, heading="县税务局。", parent="main/4")
    m4 = _clause(t, "main/4", (text.index("四、职责分工"), d20.end), style="cn-dun", label="四、",
                 index=4, heading="职责分工", parent="main", children=[d1, d2, d20])
    main = _clause(t, "main", (body_start, m4.end), kind="zone", level=0,
                   heading="祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度", children=[m2, m3, m4])
    cover_s, cover_e = t.line("经县政府同意")
    cover = _clause(t, "cover", (cover_s, cover_e), kind="zone", level=0)

    def row(cid: str, first: str, label: str, index: int | None, columns, after: int) -> Clause:
        s = text.index(first, after)
        e = text.index("\n\n", s) if "\n\n" in text[s:] else len(text.rstrip("\n"))
        cells, pos = [], s
        for col, value in zip(("序号", "成员单位", "分管负责人", "业务联络人"), columns):
            cs = text.index(value, pos)
            cells.append(Cell(cs, cs + len(value), column=col))
            pos = cs + len(value)
        return _clause(t, cid, (s, e), kind="row", style="table-row" if index else "table-head",
                       label=label, index=index, level=1, parent="att1", cells=cells)

    head = row("att1/r0", "序号", "", None, ("序号", "成员单位", "分管负责人", "业务联络人"), att)
    row1 = row("att1/r1", "1\n\t卫生健康委", "1", 1, ("1", "卫生健康委", "许亚军", "吴佳婧"), head.end)
    row2 = row("att1/r2", "3\n\t发展改革委", "3", 3, ("3", "发展改革委", "胡南琦", "张  丹"), row1.end)
    att1 = _clause(t, "att1", (att, len(text.rstrip("\n"))), kind="zone", label="附件：", level=0,
                   heading="祁门县促进3岁以下婴幼儿照护服务发展工作联席会议成员单位及联络员名单",
                   children=[head, row1, row2])

    doc = Document(text=text, path="/somewhere/qimen-county-2021.txt")
    doc.clauses = [cover, main, att1]
    doc.jurisdiction = Jurisdiction("祁门县", "county", "县")
    doc.fields = [
        Field(*t.span("祁政办秘〔2021〕45号"), name="doc_number", value="祁政办秘〔2021〕45号"),
        Field(*t.line("祁门县人民政府办公室关于印发"), name="title",
              value="祁门县人民政府办公室关于印发祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度的通知"),
        Field(*t.span("祁门县人民政府办公室\n2021"), name="issuer", value="祁门县人民政府办公室"),
        Field(*t.span("2021年12月3日"), name="date", value="2021-12-03"),
    ]

    # --- facts ---------------------------------------------------------------------------------
    J = "祁门县"
    health = Department(f"{J}/health", "县卫生健康委", "health", J, "county")
    bianban = Department(f"{J}/establishment-office", "县委编办", "establishment-office", J, "county")
    tax = Department(f"{J}/taxation", "县税务局", "taxation", J, "county")
    ndrc = Department(f"{J}/development-reform", "县发展改革委", "development-reform", J, "county")

    def mention(dep: Department, surface: str, clause: Clause, after: int | None = None) -> None:
        s, e = t.span(surface, clause.start if after is None else after)
        dep.mentions.append(Mention(s, e, department=dep.id, surface=surface, clause=clause.id))

    mention(health, "县卫生健康委", m2)
    mention(health, "县卫生健康委", m2, text.index("成员单位包含"))
    mention(bianban, "县委编办", m2)
    mention(ndrc, "县发展改革委", m2)
    mention(tax, "县税务局", m2)
    mention(health, "县卫生健康委", m2, text.index("办公室设在"))
    mention(health, "县卫生健康委", d1)
    mention(bianban, "县委编办", d2)
    mention(tax, "县税务局", d20)
    mention(health, "卫生健康委", row1)
    mention(ndrc, "发展改革委", row2)

    def duty(did: str, dep: Department, clause: Clause, sentence: str, action: str, concept: str,
             role: str = "responsible") -> Duty:
        s, e = t.span(sentence, clause.start)
        return Duty(s, e, id=did, department=dep.id, clause=clause.id, text=sentence, role=role,
                    action=action, action_concept=concept)

    duties = [
        duty("main/4/1/d1", health, d1, "承担联席会议办公室职能，负责办公室日常工作", "承担", "implement"),
        duty("main/4/1/d2", health, d1, "负责婴幼儿照护服务机构的行业管理、业务培训和政策咨询等工作", "负责",
             "responsible-for"),
        duty("main/4/1/d3", health, d1, "指导婴幼儿照护服务机构严格执行国家和省、市有关设置标准与管理规范", "指导",
             "guide"),
        duty("main/4/2/d1", bianban, d2, "为公办婴幼儿照护服务机构做好注册登记工作", "为", "provide"),
        duty("main/4/20/d1", tax, d20, text[t.span("执行《财政部", d20.start)[0]:text.index("。", d20.start + 10)],
             "执行", "implement"),
    ]

    def ref(rid: str, clause: Clause, written: str, *, title=None, number=None, kind="document",
            relation="cites") -> Reference:
        s, e = t.span(written, clause.start)
        return Reference(s, e, id=rid, clause=clause.id, title=title, number=number, kind=kind,
                         relation=relation)

    tax_title = "财政部 税务总局 发展改革委 民政部 商务部 卫生健康委关于养老、托育、家政等社区家庭服务业优惠政策的公告"
    references = [
        ref("cover/ref1", cover, "《祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度》",
            title="祁门县促进3岁以下婴幼儿照护服务发展工作联席会议制度", kind="internal"),
        ref("main/ref1", main, "《关于做好3岁以下婴幼儿照护服务发展工作的通知》",
            title="关于做好3岁以下婴幼儿照护服务发展工作的通知", relation="based_on"),
        ref("main/4/20/ref1", d20, f"《{tax_title}》（财政部公告2019年第76号）",
            title=tax_title.replace(" ", ""), number="财政部公告2019年第76号"),
    ]

    def cell_post(pid: str, r: Clause, column: int, dep: Department, role: str) -> Post:
        cell = r.cells[column]
        name = text[cell.start:cell.end]
        return Post(cell.start, cell.end, id=pid, department=dep.id, clause=r.id, role=role,
                    person="".join(name.split()))

    conv = Field(*t.span("县政府分管副县长", m2.start), name="convenor", value="县政府分管副县长")
    deputy = Field(*t.span("县卫生健康委主要负责同志", m2.start), name="deputy_convenor",
                   value="县卫生健康委主要负责同志")
    posts = [
        Post(conv.start, conv.end, id="main/2/post1", department="", clause="main/2", role="convenor"),
        Post(deputy.start, deputy.end, id="main/2/post2", department=health.id, clause="main/2",
             role="deputy_convenor"),
        cell_post("att1/r1/post1", row1, 2, health, "lead"),
        cell_post("att1/r1/post2", row1, 3, health, "liaison"),
        cell_post("att1/r2/post1", row2, 2, ndrc, "lead"),
        cell_post("att1/r2/post2", row2, 3, ndrc, "liaison"),
    ]
    rules = [
        MeetingRule(r1.start, r1.end, id="main/3/1/rule", clause=r1.id, kind="plenary", label="全体会议制度",
                    period="P6M", times_min=1, times_max=1),
        MeetingRule(r2.start, r2.end, id="main/3/2/rule", clause=r2.id, kind="thematic", label="专题会议制度",
                    irregular=True),
    ]
    listed = t.span("联席会议成员单位包含", m2.start)[1]  # where the notice lists each member unit
    members = [health, bianban, ndrc, tax]
    name = "祁门县促进3岁以下婴幼儿照护服务发展工作联席会议"
    meeting = Meeting(name=name, name_at=Span(*t.span(name)), convenor=conv,
                      deputy_convenors=[deputy], office=health.id,
                      members=[d.id for d in members], member_at=[Span(*t.span(d.name, listed)) for d in members],
                      stated_count=21, rules=rules)
    doc.facts = Facts(departments={d.id: d for d in (health, bianban, tax, ndrc)}, duties=duties,
                      references=references, posts=posts, meeting=meeting)
    return doc


def city_doc() -> Document:
    text = CITY_TEXT
    t = _Text(text)
    body = text.index("关于促进3岁以下婴幼儿照护服务发展实施方案\n\n为")
    t5 = _clause(t, "main/2/2/5", t.line("5.鼓励医疗机构"), style="arabic-dot", label="5.", index=5, level=3,
                 heading="鼓励医疗机构提供延伸服务。", parent="main/2/2")
    t2 = _clause(t, "main/2/2", (text.index("(二)建立健全"), t5.end), style="cn-paren", label="(二)", index=2,
                 level=2, heading="建立健全婴幼儿照护服务供给体系", parent="main/2", children=[t5])
    t3 = _clause(t, "main/2/3/3", t.line("3.加强财政保障"), style="arabic-dot", label="3.", index=3, level=3,
                 heading="加强财政保障。", parent="main/2/3")
    t33 = _clause(t, "main/2/3", (text.index("(三)建立健全"), t3.end), style="cn-paren", label="(三)", index=3,
                  level=2, heading="建立健全婴幼儿照护服务政策保障体系", parent="main/2", children=[t3])
    m2 = _clause(t, "main/2", (text.index("二、主要任务"), t3.end), style="cn-dun", label="二、", index=2,
                 heading="主要任务", parent="main", children=[t2, t33])
    main = _clause(t, "main", (body, m2.end), kind="zone", level=0,
                   heading="关于促进3岁以下婴幼儿照护服务发展实施方案", children=[m2])

    doc = Document(text=text, path="bayannur-city-2021.txt")
    doc.clauses = [main]
    doc.jurisdiction = Jurisdiction("巴彦淖尔市", "city", "市")
    doc.fields = [
        Field(*t.span("巴政办发〔2021〕20号"), name="doc_number", value="巴政办发〔2021〕20号"),
        Field(*t.line("巴彦淖尔市人民政府办公室关于印发"), name="title",
              value="巴彦淖尔市人民政府办公室关于印发《关于促进3岁以下婴幼儿照护服务发展实施方案》的通知"),
        Field(0, 0, name="date", value="2021-12-13"),
        Field(0, 0, name="issuer", value="巴彦淖尔市人民政府办公室"),
    ]
    J = "巴彦淖尔市"
    health = Department(f"{J}/health", "市卫生健康委", "health", J, "city")
    finance = Department(f"{J}/finance", "市财政局", "finance", J, "city")
    ndrc = Department(f"{J}/development-reform", "市发展改革委", "development-reform", J, "city")
    tag1 = t.span("(市卫生健康委负责)")
    tag2 = t.span("(市财政局、发展改革委、卫生健康委按职责分工负责)")
    for dep, surface, tag in ((health, "市卫生健康委", tag1), (finance, "市财政局", tag2),
                              (ndrc, "发展改革委", tag2), (health, "卫生健康委", (tag2[0] + 10, tag2[1]))):
        s, e = t.span(surface, tag[0])
        dep.mentions.append(Mention(s, e, department=dep.id, surface=surface,
                                    clause=t5.id if tag is tag1 else t3.id))
    assignments = [
        Assignment(*tag1, id="main/2/2/5/t1", clause=t5.id, departments=[health.id], role="responsible"),
        Assignment(*tag2, id="main/2/3/3/t1", clause=t3.id, departments=[finance.id, ndrc.id, health.id],
                   role="responsible"),
    ]
    references = [Reference(*t.span("《国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见》(国办发〔2019〕15号)"),
                            id="main/ref1", clause="main", title="国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见",
                            number="国办发〔2019〕15号", relation="based_on")]
    doc.facts = Facts(departments={d.id: d for d in (health, finance, ndrc)}, assignments=assignments,
                      references=references)
    return doc


def flagged(report) -> set[str]:
    """The nodes a SHACL validation report (rdflib graph) names: each result's focus node and value."""
    import rdflib

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return {str(o) for p in (sh.focusNode, sh.value) for o in report.objects(None, p)}
