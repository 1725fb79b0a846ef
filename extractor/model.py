"""The one data structure that flows through policykg: a `Document` and its spans.

`load` fills `text`; `parse` fills the header fields, the chrome spans and the clause
tree; `extract` fills `facts`. Every clause and every fact is a `[start, end)` span of
`Document.text`, which is never rewritten: matching runs on `Document.folded`, a
same-length character mapping of it (full-width digits and brackets folded to ASCII,
zero-width characters to spaces, a lone CR — old Mac line ends — to a line feed), so an
offset found in one is valid in the other.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Iterator

# Same-length folding used for matching only (offsets stay valid in the original).
# Every bracket style of a web page or a document folds to () or []: ﹙﹚ to (), and 〔〕 with
# its small form ﹝﹞ (common on government pages), 【】, 〖〗 and 〘〙 to [] — so a 文号's year
# (祁政办秘〔2021〕45号, 巴政办发﹝2021﹞20号) is read in any of them.
# Full-width punctuation folds to ASCII (：to :, ＞ to >: a breadcrumb 首页＞政务公开 is one).
# Zero-width characters (pasted from web pages) fold to spaces, so they never split a word
# or hide a numbering label: "\u200b（一）" opens a clause. The soft hyphen and the Mongolian
# vowel separator are invisible too (\u00ad一、 is a heading).
_FULL = "０１２３４５６７８９（）﹙﹚［］【】〔〕﹝﹞〖〗〘〙：；，．　！？／－＞＜\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_HALF = "0123456789()()[][][][][][]:;,. !?/-><       "
FOLD = str.maketrans(_FULL, _HALF)
_FOLDS = tuple((full, half) for full, half in zip(_FULL, _HALF))


def fold(text: str) -> str:
    """`text.translate(FOLD)`, made by one str.replace for each folded character the text holds:
    translate looks every character of a text not all ASCII up in FOLD's dict, ~16× as long on
    a notice. Each replacement is ASCII, never a character folded, so their order is not
    read (as translate, each character is mapped once)."""
    for full, half in _FOLDS:
        if full in text:
            text = text.replace(full, half)
    return text


# CRs not followed by a line feed are old Mac line ends, each one a line feed; CRs before
# a line feed belong to its line end (\r\r\n: CRLF converted twice is one line end, not two)
# (only runs of them no line feed follows match: a CRLF text's line ends cost no call each)
_CRS = re.compile("\r+(?![\r\n])")


def _lone_cr(m: re.Match) -> str:
    return "\n" * len(m.group())

# A 文号 with its year in brackets, in folded text (every bracket style is [] or () there):
# the issuer's code, the year, the number (祁政办秘 2021 45; 第 before the number dropped).
DOC_NUMBER = re.compile(r"\s*(.+?)\s*[\[(]\s*(\d{4})\s*[\])]\s*第?\s*(\d+)\s*号\s*")


def squeeze(text: str) -> str:
    """`text` with all whitespace removed: what str.split() splits at, as a regex `\\s` would."""
    return "".join(text.split())


def name_key(text: str) -> str:
    """How names of notices are compared: full-width folded, all whitespace removed
    (祁政办秘〔2021〕45号 = 祁政办秘[2021]45号 = 祁政办秘［2021］ 45号 = 祁政办秘﹝2021﹞45号)."""
    return squeeze(text.translate(FOLD))


def lookup_key(text: str) -> str:
    """The key a notice is looked up by for a name of it (`name_key`), a 文号 read as the
    parser reads one: its year in [] whatever brackets it was written in, no 第 before its
    number, nor a 0 (祁政办秘(2021)45号 = 祁政办秘（2021）第45号 = 祁政办秘〔2021〕045号 =
    祁政办秘〔2021〕45号, as its IRI has it: `graph.number_slug`)."""
    key = name_key(text)
    m = DOC_NUMBER.fullmatch(key) if key.endswith("号") else None
    return f"{m.group(1)}[{m.group(2)}]{int(m.group(3))}号" if m else key


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """User text made encodable: a lone surrogate (undecodable bytes of a command line)
    becomes U+FFFD, so the value stays a name that simply matches nothing."""
    return _SURROGATE.sub("\ufffd", text)


@dataclass(slots=True)
class Span:
    """A `[start, end)` range of `Document.text`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(slots=True)
class Field(Span):
    """One header/footer fact: `name` (e.g. ``doc_number``), its normalised `value` (an
    ``attachment`` no 附件说明 names is read off the attachment's own title)."""

    name: str = ""
    value: str = ""


@dataclass(slots=True)
class Cell(Span):
    """One cell of a table row; `column` is the header cell's text (e.g. ``成员单位``)."""

    column: str = ""


@dataclass(slots=True)
class Clause(Span):
    """A node of the clause tree.

    `id` is a stable path (``main/4/12``, ``att1/3``); `kind` is ``zone`` (``cover``,
    ``main``, ``att1`` …), ``numbered`` (一、 （一） 1. …), ``row`` (a table row) or
    ``paragraph`` (an unnumbered paragraph of a zone without numbering); `style` names
    the numbering style of `ontology/numbering.ttl`; `label` is the number as written
    (``（十二）``), `index` its value (12); `level` is the depth (zones are 0).
    `heading` is the short lead such as ``县市场监管局。`` when the clause has one.
    """

    id: str = ""
    kind: str = "numbered"
    style: str = ""
    label: str = ""
    index: int | None = None
    level: int = 0
    heading: Span | None = None
    parent: str | None = None
    children: list["Clause"] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)

    @property
    def own(self) -> Span:
        """The part of the clause before its first child (all of it for a leaf)."""
        return Span(self.start, self.children[0].start if self.children else self.end)

    def walk(self) -> Iterator["Clause"]:
        """The clause and its descendants, in document order (preorder)."""
        return _preorder([self])


def _preorder(clauses: list[Clause]) -> Iterator[Clause]:
    """Each of `clauses` and its descendants, in document order.

    (One generator walking a stack of the children lists' iterators, not a generator a clause:
    a clause at depth d was passed up through d+1 of them — half the time. Each list is read as
    it is when the walk reaches it, as the recursion read it.)"""
    stack = [iter(clauses)]
    while stack:
        for child in stack[-1]:
            yield child
            if child.children:
                stack.append(iter(child.children))
                break
        else:
            stack.pop()


# --- extracted facts ---------------------------------------------------------------


@dataclass(slots=True)
class Mention(Span):
    """A department named in the text; `surface` as written (``人社局``)."""

    department: str = ""  # Department.id
    surface: str = ""
    clause: str = ""


@dataclass(slots=True)
class Department:
    """An organisation of one jurisdiction: (jurisdiction, functional concept).

    `concept` is the registry concept of `ontology/departments.ttl` (``health``), None
    for bodies not in the registry; `name` the canonical full name (``县卫生健康委``).
    """

    id: str
    name: str
    concept: str | None
    jurisdiction: str
    level: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Duty(Span):
    """One atomic duty statement of a department, with its action verb and role."""

    id: str = ""
    department: str = ""
    clause: str = ""
    text: str = ""
    role: str = "responsible"  # lead | responsible | supporting
    action: str = ""  # the verb as written (负责, 指导 …)
    action_concept: str = ""  # its concept in ontology/cues.ttl (guide, supervise …)


@dataclass(slots=True)
class Assignment(Span):
    """A task tag such as （市教育局、民政局按职责分工负责）; the span is the tag."""

    id: str = ""
    clause: str = ""  # the task clause the tag closes
    departments: list[str] = field(default_factory=list)
    role: str = "responsible"


@dataclass(slots=True)
class Reference(Span):
    """A cited document: 《title》, a document number, or both. `title` as written, each run
    of spaces in it (full-width too: they separate co-issuers) one ASCII space."""

    id: str = ""
    clause: str = ""
    title: str | None = None
    number: str | None = None
    kind: str = "document"  # document | law | internal
    relation: str = "cites"  # cites | based_on (the basis the notice states of itself: its opening's 根据《…》)


@dataclass(slots=True)
class Post(Span):
    """A post held in a member unit (分管负责人, 业务联络人) and who holds it."""

    id: str = ""
    department: str = ""
    clause: str = ""
    # lead | liaison | office_director | office_deputy_director | office_member | contact (联系人 in running text),
    # or the head of a body and its deputies
    # (convenor | deputy_convenor of a joint meeting, group_leader …: pk:postRoles of policykg.ttl)
    role: str = ""
    person: str | None = None
    in_office: bool = False  # its holders sit in the body's office (联络员为联席会议办公室成员)
    phone: str | None = None  # the telephone a member table gives for it (联系电话), as written
    email: str | None = None  # the e-mail address a contact in running text gives (电子邮箱), as written
    unit: str = ""  # the body's working group it is in (WorkingGroup.unit), "" for the body or its office
    # the other units a post written as a list of posts, each after its unit, is held from (街道党工委副书记、
    # 办事处主任: the 街道's government, 街道办事处, beside `department`, the 党工委)
    also: tuple[str, ...] = ()  # (a tuple: no list made for each post, most of one unit)


@dataclass(slots=True)
class Participant(Span):
    """Who takes a part in the meetings of a rule, as written (联席会议召集人或副召集人 of
    "…主持召开全体会议"); the span is that phrase."""

    id: str = ""
    clause: str = ""
    part: str = ""  # convener | chair | organiser | supporter | attendee | invitee (pk:meetingParts)
    text: str = ""
    roles: list[str] = field(default_factory=list)  # post roles it names: convenor, deputy_convenor …
    posts: list[str] = field(default_factory=list)  # Post.id of the meeting's posts of those roles


@dataclass(slots=True)
class MeetingRule(Span):
    """A rule of the joint meeting (全体会议 每半年1次 …) as structured values."""

    id: str = ""
    clause: str = ""
    kind: str = ""  # plenary | thematic | liaison | briefing | inspection | …
    label: str = ""  # as written: 全体会议制度
    period: str | None = None  # ISO 8601 duration: P6M, P1Y, P3M
    times_min: int | None = None
    times_max: int | None = None  # None with times_min: no greatest (每年至少召开一次)
    irregular: bool = False  # meets as needed (不定期, 临时召开)
    participants: list[Participant] = field(default_factory=list)  # who chairs, attends …
    regular: bool = False  # meets on a schedule (a period, 定期)

    @property
    def schedule(self) -> str | None:
        """regular, irregular, regular-or-irregular (定期或不定期: it says both), or None (it
        says neither): the notation of a concept of pkm:schedules (cues.ttl)."""
        if self.regular and self.irregular:
            return "regular-or-irregular"
        return "regular" if self.regular else "irregular" if self.irregular else None


@dataclass(slots=True)
class WorkingGroup(Span):
    """A working group a body sets up under it (领导小组下设三个专项工作组: （一）规划建设组。组长：…；
    成员单位：…。负责…), the span its name as written. `unit` is its Department.id, the assignee of
    its duties (Duty facts, as an office's are); its head and deputies are Posts in it
    (`Post.unit`), its member units Department.ids listed at `member_at`."""

    name: str = ""
    clause: str = ""  # the item setting it up
    unit: str = ""
    head: Field | None = None
    co_heads: list[Field] = field(default_factory=list)  # heads named 组长 beside `head` (双组长)
    deputies: list[Field] = field(default_factory=list)
    lead: str | None = None  # Department.id of its lead unit (牵头单位:…, 组长:县发展改革委, 由…牵头)
    lead_at: Mention | None = None  # where the item says it
    # the lead units named beside `lead` (牵头单位:县文旅局、县发改委; 由…、…共同牵头), in order, and
    # where the item says each (the same words as `lead_at`, each its own department)
    co_leads: list[str] = field(default_factory=list)
    co_lead_at: list[Mention] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    member_at: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Meeting:
    """The coordination body a notice sets up: a joint meeting (联席会议), a leading group
    (领导小组), a command headquarters (指挥部) — `kind`, a notation of `knowledge.body_kinds`.
    `convenor` is its head post (召集人, 组长, 总指挥 …), `deputy_convenors` its deputies'."""

    name: str = ""
    convenor: Field | None = None
    # the heads named beside `convenor` (双组长制: 组长由县委书记、县长担任; 召集人由…和…担任)
    co_convenors: list[Field] = field(default_factory=list)
    deputy_convenors: list[Field] = field(default_factory=list)
    office: str | None = None  # Department.id hosting the office
    office_director: Field | None = None
    liaison: Field | None = None  # who holds the liaison post in each member unit
    lead: str | None = None  # Department.id of the 牵头部门
    members: list[str] = field(default_factory=list)  # Department.id, in order
    # where the notice lists each of `members` as a member (its name in the member list, or the
    # table row giving its posts), in the same order: not the unit's first mention anywhere
    member_at: list[Span] = field(default_factory=list)
    stated_count: int | None = None  # "等21个单位"
    rules: list[MeetingRule] = field(default_factory=list)
    # who takes part in the joint meeting as a whole, outside any one rule (联席会议可根据工作需要
    # 邀请其他有关部门和单位参加: invitees)
    participants: list[Participant] = field(default_factory=list)
    kind: str = "joint-meeting"  # joint-meeting | leading-group | headquarters
    name_at: Span | None = None  # where the text writes the name (盟重大沙尘暴灾害应急指挥部), if it does verbatim
    # The office as a unit of the body (盟…应急指挥部办公室), when the notice says what it does
    # (its duties are Duty facts of this Department.id) or who sits in it (`office_members`,
    # `office_director`: their posts are its).
    office_unit: str | None = None
    office_members: Field | None = None  # 成员由盟林业局办公室、计财科…负责人组成: as written
    # The body itself as a unit, when the notice gives its own duties (一、主要职责: 联席会议统筹协调…):
    # they are Duty facts of this Department.id, which stands for the body (the graph states
    # them of the body's node), as the office's are of `office_unit`.
    unit: str | None = None
    reports_to: list[str] = field(default_factory=list)  # Department.id of whom it works under (在县政府领导下)
    # where the text says so, one for each of `reports_to` (its department, clause, and the
    # phrase 在县政府领导下 as `surface`): the graph traces each reporting line to it
    reports_at: list[Mention] = field(default_factory=list)
    # … and where it says the other links of its set-up, as a Mention each (the department, the
    # clause, and the words as `surface`): the office's host (办公室设在县卫生健康委), the lead unit
    # (县卫健委为牵头单位), the number of its units (21 of 等21个单位: no department). The graph
    # traces pk:officeHost, pk:leadUnit, the office's links and pk:statedMemberCount to them.
    office_at: Mention | None = None
    lead_at: Mention | None = None
    count_at: Mention | None = None
    # the lead units named beside `lead` (县卫健委、县教育局为牵头单位; 由…、…共同牵头), in order,
    # and where the text says each, as `lead_at` says `lead`
    co_leads: list[str] = field(default_factory=list)
    co_lead_at: list[Mention] = field(default_factory=list)
    clause: str = ""  # the clause setting it up: the smallest holding the statements of its set-up
    groups: list[WorkingGroup] = field(default_factory=list)  # its working groups (专项工作组), in order


@dataclass(slots=True)
class Change(Span):
    """An item of a notice adjusting a body (关于调整…领导小组成员的通知), read as a change: a unit
    that joins (`kind` joined: 增补县数据局为领导小组成员单位) or leaves (left: …不再作为成员单位) —
    `department` — or a post that passes from one holder to another (succession: X同志不再担任
    副组长,由Y同志(县政府副县长)担任副组长; Y同志接替X同志任领导小组成员; 召集人由X调整为Y) —
    `role`, the post as written (`post`), who leaves (`outgoing`) and who takes it (`incoming`:
    each a Field whose value is the person's name, its span the name). The span is the item's
    words; `reason` the 因…变动 that says why, in its sentence or the notice's opening."""

    id: str = ""
    clause: str = ""
    kind: str = ""  # joined | left | succession | recounted (成员单位由12个调整为15个: `count_from`, `count_to`)
    department: str = ""  # joined, left: the unit (Department.id)
    role: str = ""  # succession: the post's role (group_leader, deputy_convenor, lead …)
    post: Field | None = None  # succession: the post as written (领导小组副组长)
    outgoing: Field | None = None
    incoming: Field | None = None
    incoming_post: str = ""  # Post.id of the post the incoming holder holds in the body, when read
    reason: Field | None = None
    count_from: int | None = None  # recounted: the number of member units before, and after
    count_to: int | None = None
    count_by: int | None = None  # recounted, neither number written: by how many (成员单位增加3个: 3, 减少1个: −1)


@dataclass(slots=True)
class Addressee(Span):
    """A body the notice is sent to, as its head names it: an item of the 主送 line (`kind`
    recipient) or of the 抄送 line (cc). `name` is the body's full name (what a list writes
    once completed: 各街道办事处), the span the item as written; `department` the
    Department.id when the name is a body's, "" when it addresses no one body (县政府有关部门)."""

    kind: str = "recipient"  # recipient | cc
    name: str = ""
    department: str = ""


@dataclass(slots=True)
class Facts:
    departments: dict[str, Department] = field(default_factory=dict)
    duties: list[Duty] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    meeting: Meeting | None = None
    issuer: str = ""  # the Department that issued the notice, when the registry knows its name
    addressees: list[Addressee] = field(default_factory=list)  # 主送 and 抄送, in the head's order
    changes: list[Change] = field(default_factory=list)  # what an adjustment notice changes, in order
    # the places below the notice's own it names together, relative to it (重庆市所辖区县 of 各区县（自治县）
    # 人民政府 in 重庆市's notice): within its place (the graph's skos:broader), not extract JSON
    below: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Note(Span):
    """A diagnostic: something the reading met that the analyst should check, at `[start, end)`
    of clause `clause` (a heading no known department has: ``unknown-heading``). `text` is what
    is written there, `message` says what was done with it."""

    kind: str = ""
    clause: str = ""  # "" for a note on the whole text (its script)
    text: str = ""
    message: str = ""

    def said(self) -> str:
        """The note as a warning says it: "clause: message", or the message of a whole-text note."""
        return f"{self.clause}: {self.message}" if self.clause else self.message


# --- the document --------------------------------------------------------------------


@dataclass(slots=True)
class Jurisdiction:
    name: str  # 祁门县; "" when the notice names no place (only 全盟, 我盟)
    level: str  # county | city | banner | league | province | national
    prefix: str  # the one-character prefix the notice uses for itself: 县 市 旗 盟 省
    # a township's enclosing place, as its issuer names it (黟县宏村镇人民政府: 黟县, county); "" when unnamed
    within: str = ""
    within_level: str = ""


_START = attrgetter("start")


@dataclass(slots=True)
class Document:
    text: str
    path: str | None = None
    format: str = "txt"
    encoding: str = "utf-8"
    folded: str = ""
    fields: list[Field] = field(default_factory=list)
    header: list[Span] = field(default_factory=list)  # 版头 and 版记 regions
    chrome: list[Span] = field(default_factory=list)  # website furniture, kept addressable
    # a printed page's furniture inside a zone (— 2 — and the running header after it): the
    # zone's and, in a paragraph a page break runs through, the clause's characters, but read by
    # no one — blanks in `folded`, no statement (`parse` sets them)
    furniture: list[Span] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)  # zones: cover, main, att1 …
    jurisdiction: Jurisdiction | None = None
    facts: Facts | None = None
    # Diagnostics of the reading (`extract` fills them): not facts, what to check in the text.
    notes: list[Note] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.folded:
            self.folded = fold(self.text)
            if "\r" in self.folded:  # lines end in CR alone: the line feeds they stand for
                self.folded = _CRS.sub(_lone_cr, self.folded)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def field(self, name: str) -> str | None:
        """The value of the first header field called `name`, if any."""
        return next((f.value for f in self.fields if f.name == name), None)

    def fields_named(self, name: str) -> list[Field]:
        return [f for f in self.fields if f.name == name]

    def walk(self) -> Iterator[Clause]:
        """The zones and their clauses, in document order."""
        return _preorder(self.clauses)

    def clause(self, clause_id: str) -> Clause:
        for c in self.walk():
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    def leaf_at(self, offset: int) -> Clause | None:
        """The deepest clause containing `offset` (the clause that owns that character)."""
        found = None
        level = self.clauses
        while level:
            # siblings are ordered and disjoint: bisect on their starts
            k = bisect.bisect_right(level, offset, key=_START) - 1
            if k < 0 or not level[k].start <= offset < level[k].end:
                return found
            found = level[k]
            level = found.children
        return found

    @property
    def title(self) -> str | None:
        return self.field("title")

    @property
    def doc_number(self) -> str | None:
        return self.field("doc_number")

    @property
    def date(self) -> str | None:
        return self.field("date")

    @property
    def issuer(self) -> str | None:
        return self.field("issuer")
