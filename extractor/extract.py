"""Stage 3 — extract: a parsed `Document` → `doc.facts`.

Departments (normalised through `ontology/departments.ttl`), their duties (one per atomic
statement, with action verb and role), task tags that assign task clauses to
departments, the joint meeting (convenor, office, members, rules), posts from a member
table, and references to other documents. Every fact keeps the clause and the
`[start, end)` span it came from. Cue words come from `ontology/cues.ttl`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import accumulate, chain
from operator import attrgetter
from typing import Callable, Iterable, Iterator

from .departments import _BRANCH_PLACE_MAX  # (the longest bare place before a branch's label: 连云港 of 连云港海关)
from .departments import (CUE, DepartmentMatch, addressed_zone, collective_address, collective_addresses,
                          collective_leads, concept_labels, concept_name, concepts, find_departments, post_units,
                          replaced, resolve, resolve_in_town, town_unit, trie, zone_body)
from .knowledge import PK, SCHEDULES, SKOS, BodyKind, body_kinds, by_subject
from .model import (Addressee, Assignment, Cell, Change, Clause, Department, Document, Duty, Facts, Field, Jurisdiction,
                    Meeting, MeetingRule, Mention, Note, Participant, Post, Reference, Span, WorkingGroup, squeeze)
from .parse import CN_DIGITS, CN_UNITS, chinese_number, layout, normalise_doc_number
from .places import enclosing_municipality, enclosing_province, municipalities

# Separators inside a list of departments and between statements (folded text).
LIST_SEPARATORS = "、,;，；和及与 \u3000\t\n"
_LEVELS_APART = str.maketrans("", "", "()、,")  # what a collective prefix's levels are written apart with
STATEMENT_END = re.compile(r"[。;\n]")
# Between the words of a task tag: LIST_SEPARATORS but its conjunctions (参与 ends in one).
_TAG_SEPARATOR = re.compile("[、,;，；\\s]+")
_TAG_WORD = re.compile("[^、,;，；\\s]+")  # a word between those
_UNNAMED_TEXT = re.compile(r"[^\0]+")  # a task tag's text between its departments (`task_tag` blanks them with \0)

# An item's heading that no known department has is read as an organisation's name (its
# statements kept under it) when it is this short, all CJK (perhaps after the notice's prefix) …
HEADING_NAME_MAX = 20
_NAME = re.compile("[\u3400-\u9fff]+")
# … and ends as an organisation's name does or is this many edits (a character replaced, added
# or dropped) from a name the notice or the registry has: 县公按局 ~ 县公安局, said in a note.
NEAR_EDITS = 1
NEAR_SHOWN = 2  # suggestions a note gives at most ("did you mean A or B?")


@dataclass(frozen=True)
class Cues:
    roles: tuple[tuple[str, str], ...]  # (cue, role), longest cue first
    tag_labels: dict[str, str]  # a role's label in a task tag (牵头单位: pk:tagLabel) -> role
    actions: re.Pattern  # alternation of action labels and of nouns holding one, longest first
    action_of: dict[str, str]  # label -> concept local name
    rule_kinds: tuple[tuple[str, str], ...]  # (cue, kind)
    rule_patterns: tuple[tuple[re.Pattern, str], ...]  # (pattern, kind): a sentence of a kind without its cue
    own_meetings: tuple[str, ...]  # cue words naming the joint meeting's own meetings (pk:namesJointMeeting)
    periods: tuple[tuple[str, str], ...]  # (cue, ISO duration)
    schedules: dict[str, tuple[str, ...]]  # regular / irregular -> the words saying a rule meets so
    parts: dict[str, tuple[str, ...]]  # duty-part / member-part / rules-part -> cues
    columns: dict[str, str]  # column cue -> unit | lead | liaison | phone | duty …
    bodies: tuple["BodySetup", ...]  # how each kind of body is set up, in the order a notice is read for them
    setup: tuple[tuple[re.Pattern, tuple[str, ...]], ...]  # every set-up pattern of every kind of body, its cue words
    setup_cue: re.Pattern  # any of their cue words, the longest at each place (a trie: `_words_in`)
    office_duties: re.Pattern  # where an office clause's duties begin (主要职责:: pkc:office-duties)
    list_item: re.Pattern  # an item of a list of the body's make-up: a name and its post (pkc:list-item)
    person_name: re.Pattern  # a post named by its holder alone: 张三同志 (pkc:person-name)
    person_after_post: re.Pattern  # a post and then its holder: 县财政局局长曹建国 (pkc:person-after-post)
    # who takes part in a rule's meetings: part (chair, attendee …) -> (pattern, its cue words)
    participation: dict[str, tuple[re.Pattern, tuple[str, ...]]]
    participation_cue: re.Pattern  # any of their cue words
    post_words: re.Pattern  # words naming a post of the meeting (召集人 …), longest first
    post_role: dict[str, str]  # such a word -> the post role's notation (convenor …)
    # regular / irregular -> a pattern saying a rule meets so, beside its words (根据工作需要,可召开)
    schedule_patterns: dict[str, re.Pattern] = field(default_factory=dict)
    # an item of a make-up list whose line end was lost (pkc:list-run-in-item)
    run_in_item: re.Pattern = re.compile("(?!)")
    # a working group's item opening 由县农业农村局牵头,县水利局、县财政局参加 (pkc:group-led-by)
    group_led_by: re.Pattern = re.compile("(?!)")
    # a sentence setting up working groups without items (领导小组下设…组、…组,分别由…牵头: pkc:group-set-up)
    group_set_up: re.Pattern = re.compile("(?!)")


@dataclass(frozen=True)
class BodySetup:
    """How a notice sets up a body of one kind: the set-up templates of cues.ttl
    (pkc:setup-*) made for its words."""

    kind: BodyKind
    # what is set up (head, office …) -> (pattern, its cue words)
    setup: dict[str, tuple[re.Pattern, tuple[str, ...]]]
    setup_cue: re.Pattern  # any of their cue words, the longest at each place (a trie): a clause without one is not read
    words: re.Pattern  # the words naming the kind (联席会议), longest first
    office_heading: re.Pattern  # the heading of a clause about its office (应急指挥部办公室: pkc:office-heading)
    # where a notice writes the body's name (pkc:name-*): in a heading or the title, what goes
    # before it there (…办公室关于印发), and in running text (tried in order)
    name_in_heading: re.Pattern
    name_lead: re.Pattern
    name_in_text: tuple[re.Pattern, ...]
    name_as_subject: re.Pattern  # the name opening a sentence as its subject (联席会议可…, not 联席会议办公室…)
    requirement: re.Pattern  # a sentence asking its member units to act (各成员单位要…: pkc:requirement-subject)
    # where the body's own duties are given (pkc:body-*): a clause's heading (一、主要职责), a
    # sentence opening running text (其主要职能为:), whom it works under (在县政府领导下), and
    # a phrase among them that is its member units' (各成员单位充分发挥职能作用)
    duties_heading: re.Pattern
    duties_lead: re.Pattern
    led_by: re.Pattern
    members_subject: re.Pattern
    duties_lead_words: tuple[str, ...] = ()  # a word every duties lead holds (pk:cue of pkc:body-duties-lead)
    list_label: re.Pattern = re.compile("(?!)")  # a label of a make-up list (召集人:, 成  员:: pkc:list-label)

    def label(self, template: str) -> re.Pattern:
        """`template` (cues.ttl, with {body}, {head~}, {deputy~}) made for this kind of body."""
        k = self.kind
        for mark, words in (("{body}", k.words), ("{head}", k.head_words), ("{deputy}", k.deputy_words)):
            template = template.replace(mark, f"(?:{_alternation(words)})")
            template = template.replace(mark[:-1] + "~}", f"(?:{_alternation(words, blanks=True)})")
        return re.compile(template)


def _alternation(words, blanks: bool = False) -> str:
    """A regular expression matching any of `words`, the longest first; `blanks`: with blanks
    between their characters (组  长, a list aligned by spaces)."""
    word = (lambda w: r"[ \t]*".join(map(re.escape, w))) if blanks else re.escape
    return "|".join(map(word, sorted(set(words), key=lambda w: (-len(w), w)))) or "(?!)"


def _body_setup(kind: BodyKind, templates: dict[str, tuple[str, tuple[str, ...]]], office_heading: str,
                names: dict[str, str], requirement: str = "(?!)", duties: tuple[str, ...] = ("(?!)",) * 4
                ) -> BodySetup:
    """`templates` (what → (pattern, cue words), with {body}, {head} and {deputy} in them:
    cues.ttl) made for `kind`; so are `office_heading`, the name patterns `names`,
    `requirement` and `duties` (pkc:body-duties-heading, -lead, pkc:body-led-by,
    pkc:body-duties-members)."""
    fills = {"{body}": kind.words, "{head}": kind.head_words, "{deputy}": kind.deputy_words}

    def pattern(text: str) -> str:
        for mark, words in fills.items():
            text = text.replace(mark, f"(?:{_alternation(words)})")
            text = text.replace(mark[:-1] + "~}", f"(?:{_alternation(words, blanks=True)})")  # {head~}
        return text

    def cue_words(words: tuple[str, ...]) -> tuple[str, ...]:  # {head} → 召集人; {body}由 → 联席会议由
        out = list(words)
        for mark, fill in fills.items():
            out = [w.replace(mark, f) for w in out for f in fill] + [w for w in out if mark not in w] \
                if any(mark in w for w in out) else out
            out = [w for w in out if mark not in w]
        return tuple(dict.fromkeys(out))

    setup = {what: (re.compile(pattern(p)), cue_words(words)) for what, (p, words) in templates.items()}
    every = sorted({w for _, words in setup.values() for w in words})
    return BodySetup(kind, setup, re.compile(trie(every) or "(?!)"), re.compile(_alternation(kind.words)),
                     re.compile(pattern(office_heading)), re.compile(pattern(names.get("name-in-heading", "(?!)"))),
                     re.compile(names.get("name-lead", "(?!)")),
                     tuple(re.compile(pattern(p)) for k, p in sorted(names.items()) if k.startswith("name-in-text")),
                     re.compile(pattern(names.get("name-as-subject", "(?!)"))), re.compile(pattern(requirement)),
                     *(re.compile(pattern(p)) for p in duties))


@cache
def _current_names() -> dict[str, tuple[str, ...]]:
    """{concept: its names in current use (skos:prefLabel, skos:altLabel)} of departments.ttl."""
    out = {}
    for s, props in by_subject("departments.ttl").items():
        names = [str(v) for p in ("prefLabel", "altLabel") for v in props.get(SKOS + p, [])
                 if getattr(v, "language", None) == "zh"]
        if names:
            out[s.rsplit("/", 1)[-1]] = tuple(names)
    return out


@cache
def cues() -> Cues:
    table = by_subject("cues.ttl")
    roles, actions, rule_kinds, periods, schedules, parts, columns, setup = [], {}, [], [], {}, {}, {}, {}
    tag_labels: dict[str, str] = {}
    own_meetings: list[str] = []
    rule_patterns: list[tuple[re.Pattern, str]] = []
    schedule_patterns: dict[str, re.Pattern] = {}
    participation, post_role, office, names = {}, {}, {}, {}
    lead_words: tuple[str, ...] = ()
    post_roles = {s: str(props[SKOS + "notation"][0]) for s, props in by_subject("policykg.ttl").items()
                  if PK + "postRoles" in props.get(SKOS + "inScheme", ())}
    for s, props in table.items():
        local = s.rstrip("/").rsplit("/", 1)[-1]
        cue_words = [str(c) for c in props.get(PK + "cue", [])]
        if "/role/" in s and cue_words:
            roles += [(c, local) for c in cue_words]
            tag_labels.update((str(w), local) for w in props.get(PK + "tagLabel", ()))
        elif "/action/" in s and SKOS + "prefLabel" in props:
            for label in props[SKOS + "prefLabel"] + props.get(SKOS + "altLabel", []):
                if getattr(label, "language", None) in (None, "zh"):
                    actions[str(label)] = local
        elif "/meeting/" in s and PK + "duration" in props:
            periods += [(c, str(props[PK + "duration"][0])) for c in cue_words]
        elif SCHEDULES in props.get(SKOS + "inScheme", ()):
            if cue_words:  # how a rule's meetings are scheduled: regular, irregular
                schedules[str(props[SKOS + "notation"][0])] = tuple(cue_words)
            if PK + "pattern" in props:
                schedule_patterns[str(props[SKOS + "notation"][0])] = re.compile(str(props[PK + "pattern"][0]))
        elif "/meeting/" in s and cue_words:
            rule_kinds += [(c, local) for c in cue_words]
            rule_patterns += [(re.compile(str(p)), local) for p in props.get(PK + "pattern", ())]
            if any(str(v) == "true" for v in props.get(PK + "namesJointMeeting", ())):
                own_meetings += cue_words
        elif "/cue/setup-" in s and PK + "pattern" in props:  # a template: made for each kind of body below
            setup[local.removeprefix("setup-")] = (str(props[PK + "pattern"][0]), tuple(cue_words))
        elif any(f"/cue/{x}-" in s for x in ("office", "list", "requirement", "person", "body", "group")) \
                and PK + "pattern" in props:
            # office-heading, requirement-subject, body-* (templates), office-duties, list-item, person-*,
            # group-led-by
            office[local] = str(props[PK + "pattern"][0])
            if cue_words:  # its words as well (group-led-by: 牵头, where a match may end)
                parts[local] = tuple(cue_words)
            if local == "body-duties-lead":
                lead_words = tuple(cue_words)
        elif "/cue/name-" in s and PK + "pattern" in props:  # where the body's name is written (templates)
            names[local] = str(props[PK + "pattern"][0])
        elif "/cue/part-" in s and PK + "pattern" in props:
            participation[local.removeprefix("part-")] = (re.compile(str(props[PK + "pattern"][0])), tuple(cue_words))
        elif s in post_roles:  # a post role of policykg.ttl (pk:roleConvenor) and the words naming it
            for c in cue_words:  # (a word of two kinds' posts, 组长: the first kind's; `post_role_of` the body's)
                post_role.setdefault(c, post_roles[s])
        elif "/cue/column-" in s:
            for c in cue_words:
                columns[c] = str(props.get(PK + "post", ["unit"])[0])
        elif "/cue/" in s:
            parts[local] = tuple(cue_words)
    by_len = lambda pairs: tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))
    words = [*actions, *parts.get("action-nouns", ())]  # a noun matched whole hides the label in it
    # (shaped as a trie: the longest word at each place, as the alternation longest first, at
    # three quarters of its cost — every statement's verbs are looked for)
    alternation = trie(words)
    duties = tuple(office.get(k, "(?!)") for k in ("body-duties-heading", "body-duties-lead", "body-led-by",
                                                   "body-duties-members"))
    bodies = tuple(replace(made, duties_lead_words=lead_words, list_label=made.label(office.get("list-label", "(?!)")))
                   for kind in body_kinds()
                   for made in [_body_setup(kind, setup, office.get("office-heading", "(?!)"), names,
                                            office.get("requirement-subject", "(?!)"), duties)])
    post_words = "|".join(map(re.escape, sorted(post_role, key=lambda w: (-len(w), w))))
    part_words = "|".join(map(re.escape, sorted({w for _, cue_words in participation.values() for w in cue_words})))
    return Cues(by_len(roles), tag_labels, re.compile(alternation), actions, by_len(rule_kinds), tuple(rule_patterns),
                tuple(own_meetings), by_len(periods),
                schedules, parts, columns, bodies,
                _merged(pattern for b in bodies for pattern in b.setup.values()),
                re.compile(trie(w for b in bodies for _, words in b.setup.values() for w in words) or "(?!)"),
                re.compile(office.get("office-duties", "(?!)")), re.compile(office.get("list-item", "(?!)")),
                re.compile(office.get("person-name", "(?!)")),
                re.compile(office.get("person-after-post", "(?!)").replace(  # {post-ending}: its words
                    "{post-ending}", _alternation(parts.get("post-ending", ())))),
                participation, re.compile(part_words or "(?!)"), re.compile(post_words or "(?!)"), post_role,
                schedule_patterns=schedule_patterns,
                run_in_item=re.compile(office.get("list-run-in-item", "(?!)").replace(  # {post-end}: its words
                    "{post-end}", _alternation(parts.get("list-post-end", ())))),
                group_led_by=re.compile(office.get("group-led-by", "(?!)")),
                group_set_up=re.compile(office.get("group-set-up", "(?!)")))


def _merged(patterns: Iterable[tuple[re.Pattern, tuple[str, ...]]]) -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    """(pattern, its cue words) once for each pattern, the words of its every kind of body."""
    words: dict[re.Pattern, dict[str, None]] = {}
    for p, ws in patterns:
        words.setdefault(p, {}).update(dict.fromkeys(ws))
    return tuple((p, tuple(ws)) for p, ws in words.items())


def _unled(text: str) -> str:
    """`text` without the words that may stand before a role cue at its start (积极, 并 …:
    pkc:role-lead of cues.ttl): 积极配合 and 并配合 open as 配合 does."""
    return text[_leads().match(text).end():]


@cache
def _leads() -> re.Pattern:
    """Any run of pkc:role-lead words at a text's start, each the first of them in the ttl's
    order that opens what is left (`_unled`; one match, not a loop over the words per call)."""
    leads = [re.escape(w) for w in cues().parts.get("role-lead", ()) if w]
    return re.compile(f"(?:{'|'.join(leads)})*" if leads else "")


@cache
def _role_tests() -> tuple[tuple[str, str, str], ...]:
    """(cue, role, cue without its lead word) of the lead and supporting cues, longest first (`role_of`)."""
    return tuple((c, r, _unled(c)) for c, r in cues().roles if r in ("lead", "supporting"))


@cache
def _item_closers() -> tuple[str, ...]:
    """Words closing the departments heading an item (等部门, 的职责: pkc:prose-list-end,
    pkc:item-heading-end), longest first (`item_head`)."""
    parts = cues().parts
    return tuple(sorted((*parts.get("prose-list-end", ()), *parts.get("item-heading-end", ())), key=len, reverse=True))


@cache
def _role_words() -> tuple[str, ...]:
    """Every role cue (`task_tag` tests whether a word ends with one before looking for which)."""
    return tuple(c for c, _ in cues().roles)


@cache
def _role_modal() -> re.Pattern:
    """A pkc:role-modal word (要, 应 …) at a text's start, the first in the ttl's order (`role_of`)."""
    return re.compile("|".join(re.escape(w) for w in cues().parts.get("role-modal", ())) or "(?!)")


@cache
def _rule_cue() -> re.Pattern:
    """Any cue word of a kind of rule (`Cues.rule_kinds`): a heading holding none names no rule
    (`rules`' pre-test, most headings)."""
    return re.compile("|".join(re.escape(c) for c, _ in cues().rule_kinds) or "(?!)")


@cache
def _role_leads() -> re.Pattern:
    """Any lead cue of `_role_tests` (`role_of`'s pre-test)."""
    return re.compile("|".join(re.escape(c) for c, r, _ in _role_tests() if r == "lead") or "(?!)")


@cache
def _role_supporting() -> re.Pattern:
    """Any supporting cue of `_role_tests` without its lead word, at a text's start (`role_of`'s
    pre-test)."""
    return re.compile("|".join(re.escape(x) for _, r, x in _role_tests() if r == "supporting") or "(?!)")


@cache
def _setup_by_word() -> dict[str, tuple[int, ...]]:
    """Each cue word of the set-up patterns of every kind of body (`Cues.setup`: the words
    Cues.setup_cue matches), with the patterns holding it, by their place there (`sets_up`)."""
    by_word: dict[str, list[int]] = {}
    for k, (_, words) in enumerate(cues().setup):
        for w in words:
            by_word.setdefault(w, []).append(k)
    return {w: tuple(ks) for w, ks in by_word.items()}


@cache
def _setup_passed_over() -> dict[str, tuple[str, ...]]:
    """`_passed_over` of the set-up's every cue word (`sets_up`)."""
    return _passed_over(frozenset(_setup_by_word()))


@cache
def _role_supporting_opens() -> re.Pattern:
    """A text (a statement's first words) opening with a supporting cue after its lead words
    and a modal word and its lead words, as `role_of` strips them (`_unled`, `_role_modal`,
    `_unled`) and tests what is left (`_role_supporting`): one match of the text, not three
    and two slices (possessive and atomic: each strip taken whole, as each one match is)."""
    leads = [re.escape(w) for w in cues().parts.get("role-lead", ()) if w]
    led = f"(?:{'|'.join(leads)})*+" if leads else ""
    return re.compile(f"{led}(?>(?:{_role_modal().pattern}){led}|)(?:{_role_supporting().pattern})")


@cache
def _role_opening() -> tuple[re.Pattern, dict[str, str]]:
    """The role cue opening a text after its lead words (积极, 并 …), the first of them in the
    ttl's order (`_unled_roles`), and each cue's role: `role_parts` at each comma."""
    roles: dict[str, str] = {}
    for cue, r in _unled_roles():
        roles.setdefault(cue, r)
    words = "|".join(re.escape(c) for c, _ in _unled_roles())
    leads = _leads().pattern  # (possessive: as `_unled`, all the lead words are taken before a cue is tried)
    return re.compile(f"{leads + '+' if leads else ''}(?P<cue>{words or '(?!)'})"), roles


@cache
def _unled_roles() -> tuple[tuple[str, str], ...]:
    """(cue without its lead word, role) of every role cue, longest cue first."""
    return tuple((_unled(c), r) for c, r in cues().roles)


@cache
def _unled_supporting() -> tuple[str, ...]:
    """The supporting role's cues without their lead word (`_unled_roles`), for str.startswith."""
    return tuple(c for c, r in _unled_roles() if r == "supporting")


@cache
def _supporting_cues() -> frozenset[str]:
    """The supporting role's cues (配合, 协助 …): `role_parts` asks for each statement."""
    return frozenset(c for c, r in cues().roles if r == "supporting")


@cache
def _role_cues() -> re.Pattern:
    """Any role cue (配合, 牵头 …): a statement without one after a comma keeps one role."""
    return re.compile("|".join(sorted({re.escape(_unled(c)) for c, _ in cues().roles}, key=len, reverse=True)))


@cache
def _subject_openers() -> frozenset[str] | None:
    """What may stand right before a statement's subject (`subjects`): the end of a word of
    pkc:prose-agent (由) or pkc:prose-lead (各), or a comma (after a condition, before a tag);
    None (anything may) if a word of pkc:prose-agent is empty."""
    parts = cues().parts
    agent = parts.get("prose-agent", ())
    if not all(agent):
        return None
    return frozenset({w[-1] for w in (*agent, *parts.get("prose-lead", ())) if w} | {","})


@cache
def _tag_line() -> re.Pattern:
    """A task tag written as a line of its own after its task (or after the task's 。): a role's
    label and a colon (责任单位：…: pk:tagLabel), the tag (group "tag") running to the line's or
    sentence's end — or, opened by a square bracket (金寨's …改革。[牵头单位：县教体局；配合单位：…]),
    to the bracket's close. A label may stand in square brackets instead of before a colon
    (金寨's [牵头单位] 县公安局, 【责任单位】县教体局、县财政局): the tag, the bracket with it, runs to
    the line's or sentence's end."""
    labels = _alternation(cues().tag_labels)
    # (its line end lost — a notice on one line — it ends before a note's label: 注：…, pkc:tag-line-note)
    notes = cues().parts.get("tag-line-note", ())
    rest = rf"(?:(?![^\S\n]*(?:{_alternation(notes)})[^\S\n]*:)[^\n。])*" if notes else "[^\n。]*"
    return re.compile(rf"(?<![^\n。])[^\S\n]*(\[)?(?P<tag>(?:{labels})[^\S\n]*:(?(1)[^\n。\]]*(?=\])|{rest})"
                      rf"|\[(?:{labels})\]{rest})")


@cache
def _first_lead() -> re.Pattern:
    """A declaration that the first unit of each 责任单位 list is the lead (排在首位的为牵头单位:
    pkc:tag-first-lead), group "on" the words after it saying it holds for the lists after
    it too (，下同: pkc:same-below)."""
    parts = cues().parts
    return re.compile(rf"(?:{_alternation(parts.get('tag-first-lead', ()))})"
                      rf"(?P<on>[,;、 ]*(?:{_alternation(parts.get('same-below', ()))}))?")


@cache
def _tag_others() -> tuple[str, ...]:
    """Words for units a task tag does not name, before a role cue: closing its list of
    departments (等部门, 等) or in place of one (各有关部门: pkc:tag-others and
    pkc:prose-list-end), longest first."""
    parts = cues().parts
    return tuple(sorted({*parts.get("tag-others", ()), *parts.get("prose-list-end", ())}, key=len, reverse=True))


# --- the joint meeting's set-up -------------------------------------------------------------
# Its patterns are data (ontology/cues.ttl, pkc:meeting-*), each with the words every match
# of it holds. No match crosses 。 or ; (it may begin with one), so a pattern is run only on
# the sentences holding a cue word: the same matches as over the whole clause, without
# trying the pattern at every character.

_START_END = attrgetter("start", "end")
_START = attrgetter("start")


_SENTENCE_ENDS = ";。"  # folded text
_BLANKS = " \t\u3000\xa0"  # horizontal blanks


def _unblanked(folded: str, a: int, b: int) -> tuple[int, int]:
    """[a, b) without the blanks (`_BLANKS`) around it."""
    while a < b and folded[a] in _BLANKS:
        a += 1
    while b > a and folded[b - 1] in _BLANKS:
        b -= 1
    return a, b
_LOOK_BACK = 300  # how far back from a match its sentence is looked for (a clause may be a 5 MB line)
_SENTENCE_END = re.compile(f"[{_SENTENCE_ENDS}]")
_LINE_OR_SENTENCE_END = re.compile(f"[{_SENTENCE_ENDS}\n]")
# the set-up patterns that read a make-up listed a role a line (pkc:setup-*-list)
_LISTS = frozenset(("head-list", "deputy-head-list", "members-list", "office-director-list"))


def _sentence_matches(seg: str, pattern: tuple[re.Pattern, tuple[str, ...]],
                      ends: list[int] | None = None) -> Iterator[re.Match]:
    """`pattern`'s matches in `seg`, in order, searched only in the sentences holding one of
    its cue words (a sentence: from the 。 or ; before it up to the next). `ends`: where the
    sentences of `seg` end (`_sentence_ends`), given when found once for several patterns."""
    regex, words = pattern
    if ends is None:
        ends = _sentence_ends(seg)
    windows: set[tuple[int, int]] = set()
    for word in words:
        pos = seg.find(word)
        while pos >= 0:
            k = bisect.bisect_left(ends, pos)  # the ends before the word
            stop = ends[k] if k < len(ends) else len(seg)
            windows.add((ends[k - 1] if k else 0, stop))
            pos = seg.find(word, stop)
    for start, stop in sorted(windows):
        yield from regex.finditer(seg, start, stop)


def _words_in(text: str, finder: re.Pattern, hiding: dict[str, tuple[str, ...]]) -> set[str]:
    """Which of the words `text` holds, `finder` matching any of them, the longest at each
    place (`trie`, `_alternation`), `hiding` what it may pass over (`_passed_over` of the
    words): one search through `text`, not one for each word — a word the search may pass
    over where it is looked for itself only when one hiding it is found (the same words as
    {w for w in words if w in text}: tests/test_extract.py)."""
    found = set(finder.findall(text))
    return found.union(w for u in found for w in hiding[u] if w not in found and w in text)


@cache
def _passed_over(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """For each of `words`, the others a search for any of them, the longest at each place
    and on from the end of each match, may pass over where it finds this one: one this
    begins with (found at the same place, the longer matching), one overlapping it after
    its first character (what follows there begins the other, or the other is in it):
    among the words opening with one of its characters (not each word tried with each)."""
    opening: dict[str, list[str]] = {}
    for w in words:
        opening.setdefault(w[0], []).append(w)
    return {u: tuple(dict.fromkeys(w for k in range(len(u)) for w in opening.get(u[k], ())
                                   if w != u and (u.startswith(w, k) or w.startswith(u[k:])))) for u in words}


def _sentence_ends(seg: str) -> list[int]:
    """Where the sentences of `seg` end: its 。 and ; (each once, not looked for again from
    each cue word: a clause may be a 5 MB line)."""
    return [m.start() for m in _SENTENCE_END.finditer(seg)]


RULE_HEADING_EXTRA = 6  # characters a rule clause's heading holds besides its kind's cue: 联席会议 + 制度


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where `word` starts in `text`, each place (overlapping ones too)."""
    k = text.find(word)
    while k >= 0:
        yield k
        k = text.find(word, k + 1)


def _lines_holding(text: str, word: str) -> Iterator[tuple[int, int]]:
    """The lines of `text` holding `word` (which holds no line end), as (start, end), in order."""
    k = text.find(word)
    while k >= 0:
        end = text.find("\n", k)
        end = len(text) if end < 0 else end
        yield text.rfind("\n", 0, k) + 1, end
        k = text.find(word, end + 1)


def _last_end(text: str, lo: int, pos: int) -> int:
    """The last 。 ; or line end in text[lo:pos] (-1 if none), looked for back from `pos` a
    window at a time: a clause without line ends (a notice written on one line) is not read
    back to its start for each word in it."""
    window = 256
    while True:
        start = max(lo, pos - window)
        found = max(text.rfind(ch, start, pos) for ch in "。;\n")
        if found >= 0 or start == lo:
            return found
        window *= 4


def _read(m: re.Match) -> int:
    """The group a setup pattern reads: its first unnamed one that took part (named ones,
    "count" or "office", say more of the match)."""
    groups = m.groups()
    for g in _unnamed(m.re):
        if groups[g - 1] is not None:
            return g
    raise ValueError(f"no group of {m.re.pattern!r} took part")


_UNNAMED: dict[int, tuple[re.Pattern, tuple[int, ...]]] = {}  # id → (the pattern, kept alive; its groups)


def _unnamed(regex: re.Pattern) -> tuple[int, ...]:
    """The numbers of `regex`'s unnamed groups (by the pattern's id: hashing a pattern costs
    more than reading the match)."""
    kept = _UNNAMED.get(id(regex))
    if kept is None or kept[0] is not regex:
        named = set(regex.groupindex.values())
        kept = _UNNAMED[id(regex)] = (regex, tuple(g for g in range(1, regex.groups + 1) if g not in named))
    return kept[1]


# --- references ------------------------------------------------------------------------------

_TITLE = re.compile(r"《([^《》\n]{1,200})》")
_OPENING = re.compile(r"\s*([(\[])\s*")  # a title's number in brackets after it (folded text: 【】 are [])
_CLOSING = {"(": ")", "[": "]"}
# An issuer's code ends in one of these characters (国发, 国办函 …) — any, before a year in
# brackets (皖政〔2023〕7号, 皖安〔2023〕7号, 财税〔2019〕13号: a province's government, a committee,
# a ministry's office), where nothing but a number is so written.
_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12}?(?:(?=\s*[\[(]\s*\d{4}\s*[\])])|发|函|字|办|规|通|告|令|电|秘|复|决))\s*"
    r"(?:[\[(]\s*(\d{4})\s*[\])]\s*第?\s*(\d{1,4})|(\d{4})(\d{1,3}))\s*号"  # folded: any brackets are [] or ()
    r"|([\u4e00-\u9fff]{2,12}?(?:公告|令))\s*(\d{4})\s*年\s*第\s*(\d{1,4})\s*号"
    # a decree, numbered without a year: 国务院令第737号, 中华人民共和国主席令第31号
    r"|([\u4e00-\u9fff]{1,14}?令)\s*第\s*(\d{1,5})\s*号"
)
_STATE = "中华人民共和国"  # opening a decree's issuer (…主席令): no lead word (和) is cut inside it
# What `_NUMBER` reads (CJK, blanks, digits, brackets): a number lies inside one stretch of
# them, one with a 号 — a few of a clause's characters, searched alone (its lazy issuer's
# code is tried at each of them: the whole clause took twice as long).
_NUMBER_STRETCH = re.compile(r"[\u4e00-\u9fff\s\d\[\]()]+")
_NUMBER_MARKS = "。,、;:《》"  # marks (folded) a stretch of them never holds
_LAW = re.compile(r"(中华人民共和国.*|.*(?:法|条例))$")
_TITLE_GAP = 3  # at most so many characters (LIST_SEPARATORS) between the titles of one list
_COMMA = re.compile(",")  # folded text: ， is ,
_PART_END = re.compile("[,;]")  # folded text: what parts a bracket's statements
_JOINED_POST = 21  # how far a run-in item's first post may run to the 、 joining a second (县委常委、…)
_RUN_IN_WORDS = re.compile(r"[^\s,;。:()、]{2,20}")  # … what it is: words, no blank or mark
_LIST_ITEM_END = re.compile("[\n;]")  # where an item of a make-up list ends, but for 、 , (folded)
_RUN_ON_ITEM = 60  # how long an item after a ； of a make-up list may be (a name and a post)
_LABEL_REACH = 40  # how far past a run-in post a label glued into it may end (副组长:, 成  员  单  位:)
_ITEM_GAP = re.compile(r"[ \t]+")  # folded: a gap between two items of a make-up line (曹建国　县教育局局长　吴海燕　…)
_ITEM_JOIN = re.compile("[、和及]")  # folded: what joins the items of a list of names or posts (甲组、乙组和丙组)
_CLAUSE_PUNCT = frozenset(",;。:()\n")  # folded text: ， is ,
_CLAUSE_PUNCT_AT = re.compile("[,;。:()\n]")  # one of them, searched for (not a character at a time)
_OPENERS = frozenset("。;\n \t\u3000")  # what may stand before a statement's first word (folded)
_RARE_SHARE = 0.5  # more than this share of rare characters (`_rare`) is text decoded wrong


@cache
def _rare(ch: str) -> bool:
    """Whether `ch` is outside the 3,755 Chinese characters in common use (GB2312 level 1)."""
    try:
        return not 0xB0 <= ch.encode("gb2312")[0] <= 0xD7
    except UnicodeEncodeError:
        return True


_OPENING_MAX = 24  # a line's number and heading, when no 。 or : ends them: (二十一)县消防救援大队 and more
_HEAD_STOP = re.compile("[。:\n]")  # folded: what ends a line's number and heading
_HEAD_CLAUSE_END = re.compile("[,;。:\n]")  # folded: what ends the clause a department item opens with
_BRACKET_ROLE_MAX = 8  # a role in brackets after a unit in a heading, brackets included: (牵头单位)
_LIST_PART_MIN = 3  # words after its role cue a unit's statement in a bracket has at least (负责社区托育点, not 牵头组织)
_BRACKET_NAME_MAX = 24  # a name in brackets after a unit in a heading, brackets included: (县文明办)
_BRACKET_TOPIC_MAX = 16  # a topic in brackets closing a unit's heading, brackets included: (经费保障)
_CAPTION_MAX = 60  # a table's caption: the line before its head row (淳安县…联席会议成员单位及职责)
_BRACKET_NAMES = re.compile("[、,;]")  # folded: what parts names in such a bracket (县疾控中心,县妇幼保健院)
_HEADING_TAG_MAX = 120  # units and their roles opening a department item as a task tag does, at most
_OWN_VERB_GAP = 2  # words before the verb opening a part of a unit's own (积极, 主动 …) at most
_SETTING_MAX = 30  # words of a setting between a subject and its verb (在…中,) at most
_PROSE_GAP = 6  # words between a subject and its verb at most: 要, 依法依规, 每年 …
# What may be a task tag (folded text); a bracket in it, one level deep, is part of a name:
# (县卫健委(县疾控中心)牵头,…), (…,各乡(镇)人民政府配合).
_PARENTHESIS = re.compile(r"\(((?:[^()\n]|\([^()\n]{1,40}\)){2,300})\)")
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》|\"[^\"]*\"")
_QUOTE_OPENS = re.compile("[“‘「『《\"]")  # where a match of _QUOTED may start


def _enclosed(folded: str, s: int, e: int, quotes: bool = True) -> list[tuple[int, int]]:
    """The insides of [s, e)'s brackets that may be task tags (and of its quotes): no statement
    or part of one is cut there — a tag (…（县卫健委牵头，县总工会配合）, （牵头单位：…；配合单位：…）)
    is the statement's, read by `assignments`, a quoted name or phrase one whole. Sorted and
    disjoint (a quote inside a bracket is the bracket's), for `_inside`."""
    found = [(m.start(1), m.end(1)) for m in _PARENTHESIS.finditer(folded, s, e)] if folded.find("(", s, e) >= 0 else []
    if quotes:
        found += [(m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(folded, s, e)]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(found):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _number_like(text: str) -> bool:
    """Whether `text` is written with nothing but what a line's number is: brackets and
    other punctuation, blanks, digits and Chinese numerals ((, (二十, 8, 一、; not 将婴幼)."""
    return all(not ch.isalpha() or ch in CN_DIGITS or ch in CN_UNITS for ch in text)


def _number_value(m: re.Match) -> str:
    if m.group(9):
        return f"{m.group(9)}第{m.group(10)}号"
    if m.group(6):
        return f"{m.group(6)}{m.group(7)}年第{m.group(8)}号"
    if m.group(2):
        return normalise_doc_number(f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号")
    return f"{m.group(1)}〔{m.group(4)}〕{m.group(5)}号"  # brackets lost: 国办发201915号


def _numbers(folded: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, normalised value) of each document number (文号) in [start, end). The
    issuer's code starts after the running text before it: 根据国办发〔2019〕15号 is 国办发…,
    县民政局转发民发〔2019〕1号 民发… (the words: pkc:number-lead)."""
    first = folded.find("号", start, end)
    if first < 0:
        return []
    out = []
    lead = _number_lead()
    # the stretches from the last mark before the first 号 (no stretch runs over one: those
    # before it hold no 号) up to the last 号, not each of a long clause's
    mark = max(folded.rfind(ch, start, first) for ch in _NUMBER_MARKS)
    last = folded.rfind("号", first, end)
    for stretch in _NUMBER_STRETCH.finditer(folded, mark + 1 if mark >= 0 else start, end):
        if stretch.start() > last:
            break
        if "号" not in stretch.group():
            continue
        for m in _NUMBER.finditer(folded, stretch.start(), stretch.end()):
            g = 9 if m.group(9) else 6 if m.group(6) else 1
            code = m.group(g)
            state = code.find(_STATE) if g == 9 else -1
            cut = state if state >= 0 else max((w.end() for w in lead.finditer(code, 0, len(code) - 1)), default=0)
            if cut:
                m = _NUMBER.match(folded, m.start(g) + cut, m.end()) or m
            out.append((m.start(), m.end(), _number_value(m)))
    return out


@cache
def _number_lead() -> re.Pattern:
    """The words of pkc:number-lead (running text before an issuer's code), longest first."""
    words = sorted(cues().parts.get("number-lead", ()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) or "(?!)")


@cache
def _based_on() -> re.Pattern:
    """The words of pkc:based-on (根据, 依据 …: a title after them is a basis, where the notice
    states its own)."""
    return re.compile(_alternation(cues().parts.get("based-on", ())))


@cache
def _based_on_longest() -> int:
    """The length of the longest word of pkc:based-on (贯彻落实: 4)."""
    return max(map(len, cues().parts.get("based-on", ())), default=1)


@cache
def _basis_heading() -> re.Pattern:
    """A clause's heading saying the clause states what the notice is made under: one holding a
    word of pkc:basis-heading (一、制定背景) or matching its pattern (一、工作依据, 目的和依据)."""
    cue = by_subject("cues.ttl").get("https://w3id.org/policykg/cue/basis-heading", {})
    return re.compile("|".join([_alternation(cues().parts.get("basis-heading", ())),
                                *(str(p) for p in cue.get(PK + "pattern", ()))]))


@cache
def _leader_post() -> re.Pattern:
    """A government leader's post, searched at an item's end: one ending in a word of
    pkc:leader-post (县政府分管副县长) or matching its pattern (县政府分管领导)."""
    cue = by_subject("cues.ttl").get("https://w3id.org/policykg/cue/leader-post", {})
    words = cues().parts.get("leader-post", ())
    return re.compile("|".join([*([f"(?:{_alternation(words)})$"] if words else []),
                                *(str(p) for p in cue.get(PK + "pattern", ()))]) or "(?!)")


@cache
def _change_cues() -> tuple[dict[str, tuple[str, tuple[str, ...]]], dict[str, tuple[str, ...]]]:
    """The change templates of an adjustment notice (pkc:change-* of cues.ttl): {what: (pattern,
    cue words)}, and the words of those without a pattern ({member-post: 成员, 组成人员})."""
    patterns, words = {}, {}
    for s, props in by_subject("cues.ttl").items():
        if "/cue/change-" in s:
            local = s.rsplit("/", 1)[-1].removeprefix("change-")
            cue_words = tuple(str(c) for c in props.get(PK + "cue", ()))
            if PK + "pattern" in props:
                patterns[local] = (str(props[PK + "pattern"][0]), cue_words)
            else:
                words[local] = cue_words
    return patterns, words


_CHANGE_AIDS = ("reason", "holder")  # change templates that read a part of a change, none alone
_CHANGE_AFTER = ("unit-post", "count", "takes", "count-by", "takes-named")  # change templates whose words (担任: most notices) count once another's are found
_NEVER = re.compile("(?!)")  # a pattern matching nothing


@cache
def _changes_of() -> tuple[dict[str, tuple[re.Pattern, tuple[str, ...]]], tuple[str, ...]]:
    """The change templates made (the words of every kind of body for {body}: it only ever
    qualifies a post or 成员单位, 领导小组副组长, so one set serves every kind, compiled once a
    process), and any of the cue words of those that read a change (a notice holding none
    changes nothing)."""
    body = f"(?:{_alternation(w for b in cues().bodies for w in b.kind.words)})"
    made = {what: (re.compile(p.replace("{body}", body)), words) for what, (p, words) in _change_cues()[0].items()}
    every = {w for what, (_, words) in made.items() if what not in _CHANGE_AIDS + _CHANGE_AFTER for w in words}
    return made, tuple(sorted(every))  # (found by str.find: a regex alternation of them scans each character)


def _reason_field(r: re.Match) -> Field:
    """The reason a match of pkc:change-reason reads: its group reason (a word of why, an event
    after 因 or 已), reason2 (whatever 因 or 由于 opens before the part's end: 因年龄到限) or reason3
    (an event ending its part without 因 nor 已: 县扶贫办不再保留,) or reason4 (因 inside its part,
    up to 不再: 张国华同志因年龄到限不再担任…) — the one that matched."""
    g = r.lastgroup or "reason"
    return Field(r.start(g), r.end(g), "reason", r.group(g))


def _count(said: str) -> int | None:
    """A number written in digits or Chinese numerals (12, 十二, 两)."""
    return int(said) if said.isdigit() else chinese_number(said)


_POST_LIST = "、，,"  # what joins the posts of a list of posts, each after its unit (党工委副书记、办事处主任)
_POST_LIST_AT = re.compile(f"[{_POST_LIST}]")
_PART_ENDS = ",;。\n"  # what ends a part of a change (folded text): no unit's change runs over it
_PART_END = re.compile(f"[{_PART_ENDS}]")


@cache
def _unit_change_words() -> frozenset[str]:
    """The cue words only units joining or leaving say (增加, 纳入, 列为, 退出 …: pkc:change-joins,
    -leaves, none of a post's change): a change of units holds one, then a member unit's word
    (成员单位) in the same part, the body's name at most between — so an occurrence without it
    changes nothing (增加投入, 纳入考核: most notices). Empty when a body's name holds a part's end."""
    made = _changes_of()[0]
    if any(_PART_END.search(w) for b in cues().bodies for w in b.kind.words):
        return frozenset()
    units = {w for what in ("joins", "leaves") for w in made.get(what, (None, ()))[1]}
    return frozenset(units.difference(w for what, (_, words) in made.items()
                                      if what not in ("joins", "leaves") for w in words))


@cache
def _unit_change_before() -> re.Pattern:
    """A unit's change word (`_unit_change_words`) before a point in its part, matched at that
    point of the notice's text reversed (the words reversed): one call a 成员单位, no part's start
    looked for."""
    words = _unit_change_words()
    return re.compile(f"[^{_PART_ENDS}]*?(?:{_alternation(w[::-1] for w in words)})") if words else _NEVER


@cache
def _bare_post() -> re.Pattern:
    """A post naming no unit, whole (副县长, 常务副县长: pkc:bare-post), read after a name glued before it."""
    cue = by_subject("cues.ttl").get("https://w3id.org/policykg/cue/bare-post", {})
    return re.compile("|".join(str(p) for p in cue.get(PK + "pattern", ())) or "(?!)")


@cache
def _party_leads() -> tuple[str, ...]:
    """The words a party body's full name opens with (中共: pkc:dept-party-lead of departments.ttl)."""
    cue = by_subject("departments.ttl").get(CUE + "party-lead", {})
    return tuple(str(x) for x in cue.get(PK + "cue", ()))


@cache
def _org_suffixes() -> tuple[str, ...]:
    """The endings of an organisation's name (pkc:dept-org-suffix of departments.ttl: 局, 委,
    大队, 中心 …)."""
    cue = by_subject("departments.ttl").get(CUE + "org-suffix", {})
    return tuple(str(c) for c in cue.get(PK + "cue", ()))


@cache
def _registry_names() -> tuple[str, ...]:
    """Every label the registry gives a body below the national level (公安局, 市场监管局,
    消防救援大队 …), sorted: what a misspelt heading may mean, after the notice's prefix."""
    out: set[str] = set()
    for concept in concepts():
        labels = concept_labels(concept)
        out.update([labels["zh"], *labels["alt"], *labels["hidden"], *labels["former"]])
        out.update(x for level, names in labels["levels"].items() if level != "national" for x in names)
    return tuple(sorted(squeeze(x) for x in out if x))


@cache
def _prose_lead() -> str:
    """The characters that may open a statement before its subject (各: pkc:prose-lead)."""
    return "".join(cues().parts.get("prose-lead", ()))


@cache
def _any_word(words: tuple[str, ...]) -> re.Pattern:
    """Any of `words` (a text holds one where this finds one: one scan, not one a word)."""
    return re.compile("|".join(map(re.escape, words)) or "(?!)")


@cache
def _prefixed(marks: tuple[str, ...], words: tuple[str, ...]) -> tuple[str, ...]:
    """Each of `words` after each of `marks` (副 and 书记: 副书记), made once (`_split_people`)."""
    return tuple(d + w for d in marks for w in words)


@cache
def _contact_running() -> tuple[re.Pattern, tuple[str, ...]]:
    """A contact in running text (pkc:contact-running: 联系人：苏雅琴，联系电话：…), `contacts`, and
    the words every match holds (its pk:cue): a notice without one is not searched — the pattern
    opens with no literal, so the engine would try it after every boundary of every notice."""
    props = by_subject("cues.ttl").get("https://w3id.org/policykg/cue/contact-running", {})
    pattern = re.compile(str(props[PK + "pattern"][0])) if PK + "pattern" in props else re.compile("(?!)")
    return pattern, tuple(str(w) for w in props.get(PK + "cue", []))


@cache
def _liaison_said() -> re.Pattern:
    """Any column cue of the liaison's (pkc:column-liaison: 联络员), the longest first (`table_posts`)."""
    liaison_words = [w for w, post in cues().columns.items() if post == "liaison"]
    return re.compile("|".join(map(re.escape, sorted(liaison_words, key=len, reverse=True))) or "(?!)")


@cache
def _registry_names_near(size: int) -> tuple[str, ...]:
    """`_registry_names` of a length at most `NEAR_EDITS` from `size`, in their order (those
    `near_names` tries)."""
    return tuple(x for x in _registry_names() if abs(len(x) - size) <= NEAR_EDITS)


def _near(a: str, b: str, edits: int = NEAR_EDITS) -> bool:
    """Whether `a` and `b` differ, by at most `edits` characters replaced, added or dropped."""
    if a == b or abs(len(a) - len(b)) > edits:
        return False
    if len(set(a).difference(b)) > edits:
        return False  # each character of `a` that `b` lacks takes an edit: ruled out without the table
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        diagonal, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (x != y))
        if min(row) > edits:
            return False
    return row[-1] <= edits


_INF = float("inf")


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `spans` (sorted, disjoint)."""
    k = bisect.bisect_right(spans, (start, _INF)) - 1  # the last span starting at or before
    return k >= 0 and spans[k][1] >= end


@cache
def _prefix_levels() -> dict[str, tuple[str, int]]:
    """{prefix word: (level, rank)} of every level of layout.ttl (乡, 镇 of the townships too), the
    longest word first."""
    return {prefix: (level, rank) for prefix, level, rank in sorted(layout().prefixes, key=lambda x: -len(x[0]))}


@cache
def _level_suffixes() -> dict[str, str]:
    """{a level's suffix that is no prefix word: the level's prefix} (自治县: 县, 自治州: 州), the
    longest first."""
    prefixes = _prefix_levels()
    return {sfx: prefix for sfx, _, prefix, _ in sorted(layout().levels, key=lambda x: -len(x[0])) if sfx not in prefixes}


@cache
def _table_post_words(words: tuple[str, ...]) -> re.Pattern:
    """Any of `words` (组长, 副组长, 成员 …), blanks perhaps between their characters (组　长): a
    make-up table's row names one (`role_table`)."""
    return re.compile("|".join("[ \t\u3000]*".join(map(re.escape, w)) for w in sorted(set(words), key=len, reverse=True)) or "(?!)")


def _level_words(bare: str) -> list[str] | None:
    """`bare` (a prefix with its levels' separators dropped: 旗县区, 镇街道) as the prefix words of
    the levels (`_prefix_levels`) it is made of, the longest first at each place; None if it is
    not so made. A level's own name written beside its prefix word is that word once (区县自治县,
    重庆's 区县（自治县）: 区, 县)."""
    words, k = [], 0
    by_len, suffixes = _prefix_levels(), _level_suffixes()
    while k < len(bare):
        w = next((w for w in by_len if bare.startswith(w, k)), None)
        if w is None and (s := next((s for s in suffixes if bare.startswith(s, k)), None)):
            k += len(s)
            if suffixes[s] not in words:
                words.append(suffixes[s])
            continue
        if w is None:
            return None
        words.append(w)
        k += len(w)
    return words or None


def _listed(hits: Iterable[tuple[Span, str]]) -> tuple[list[str], list[Span]]:
    """The member units a list names, in order, each once (`hits`: (span, Department.id)), and
    where the list names each first: a member's span is its place in the list, not elsewhere."""
    first: dict[str, Span] = {}
    for at, did in hits:
        first.setdefault(did, Span(at.start, at.end))
    return list(first), list(first.values())


def _leaf_index(doc: Document) -> Callable[[int], Clause | None]:
    """`doc.leaf_at`, for the many offsets extraction asks about: the stretches of text
    each clause owns (outside its children), in order, bisected once per question."""
    stretches: list[tuple[int, int, Clause]] = []

    def add(c: Clause) -> None:
        pos = c.start
        for child in c.children:
            if pos < child.start:
                stretches.append((pos, child.start, c))
            add(child)
            pos = max(pos, child.end)
        if pos < c.end:
            stretches.append((pos, c.end, c))

    for zone in doc.clauses:
        add(zone)
    # The stretches' bounds, each with the clause owning the text from it to the next (None in
    # a gap): one bisect and one index a question, asked ~100 times a notice — when they are in
    # order, none overlapping (every clause tree's are): the bounds rise
    bounds: list[int] = []
    owners: list[Clause | None] = [None]
    for s, e, c in stretches:
        if bounds and bounds[-1] == s:
            owners[-1] = c
        else:
            bounds.append(s)
            owners.append(c)
        bounds.append(e)
        owners.append(None)
    if bounds == sorted(bounds):
        bisect_right = bisect.bisect_right
        return lambda offset: owners[bisect_right(bounds, offset)]
    starts = [s for s, _, _ in stretches]

    def leaf_at(offset: int) -> Clause | None:
        k = bisect.bisect_right(starts, offset) - 1
        return stretches[k][2] if k >= 0 and offset < stretches[k][1] else None

    return leaf_at


class _Extract:
    def __init__(self, doc: Document):
        self.doc = doc
        self.facts = Facts()
        j = doc.jurisdiction
        self.prefix = j.prefix if j else None
        self.town = bool(j and (j.prefix, j.level) in layout().issuer_suffixes)  # a township's notice (宏村镇)
        self.lay = layout()
        # the bodies below the county a list of the governments below may name (街道办事处: pk:addressesBelow)
        self.below_words = frozenset(w for w, _, _ in self.lay.addressed)
        self.cues = cues()
        self.seen: set[tuple[str, int]] = set()  # (department, start) of mentions recorded
        self.post_count: dict[str, int] = {}  # clause → posts numbered so far
        self.unit_posts_taken: dict[str, Change] = {}  # who takes a unit's own post → that change
        self.lost_lines: list[int] = []  # where a make-up list's line ends were lost (`run_in_lines`)
        self.written: dict[str, set[tuple[bool, str]]] = {}  # department → (former?, name) as written
        self.dept_of: dict[tuple, str] = {}  # a match's department, once found (`department`)
        self.provinces: dict[str, str | None] = {}  # 省/自治区 → the province named (`province`)
        self.places: dict[tuple, tuple[str, str, str]] = {}  # (national?, prefix) → `jurisdiction_of`
        self.clauses = list(doc.walk())  # every clause, in document order (walked once)
        # … each with its own text: `Clause.own` builds a Span at each reading, and the passes
        # over every clause (numbers, assignments, set-ups, references) read it once each.
        self.owned = [(c, c.own) for c in self.clauses]
        # The department matcher runs once per zone; every later question about a span
        # (a heading, a task tag, a list) reads the matches inside it.
        # The document numbers of each clause's own text, read once (references() cites them):
        # a department inside one (财政部 of 财政部公告2019年第76号) is its issuer code, not a mention.
        self.numbers = {c.id: _numbers(doc.folded, own.start, own.end) for c, own in self.owned}
        in_numbers = sorted((s, e) for found in self.numbers.values() for s, e, _ in found)
        self.matches = [m for z in doc.clauses
                        for m in find_departments(doc.text, z.start, z.end, default_prefix=self.prefix,
                                                    folded=doc.folded)
                        if not in_numbers or not _inside(in_numbers, m.start, m.end)]
        self.names_read_as_places()
        # the ends of the headings text follows with no line break nor blank (a notice on one line:
        # 四、工作要求连云港海关、…), once: `names_after_headings`, `prose_duties`
        folded, n = doc.folded, len(doc.folded)
        self.glued = [h.end for c in self.clauses if (h := c.heading) is not None and h.end < n
                      and folded[h.end - 1] not in "。:;" and "\u4e00" <= folded[h.end] <= "\u9fff"]
        self.names_after_headings()
        self.named_again()
        self.index_matches()
        self.leaf_at = _leaf_index(doc)
        self.by_id = {c.id: c for c in self.clauses}
        self.rule_text: dict[str, list[tuple[int, int]]] = {}  # rule id → the stretches saying it (`rule`)
        self.body_words: tuple[str, ...] = ()  # the words naming the kind of body being read (联席会议)
        self.body_kind: BodyKind | None = None  # … and that kind (its posts' words: `post_role_of`)
        self.listed_deputies: list[Field] = []  # the deputies a make-up list gave (`deputy-head-list`)
        self.body_subject = re.compile("(?!)")  # its name as a sentence's subject (pkc:name-as-subject)
        self.body_requirement = re.compile("(?!)")  # a requirement put to its members (pkc:requirement-subject)
        self.collective_leads = collective_leads()  # 各: a tag holding one may address places (各镇(街道))
        self.group_items: dict[str, tuple[Clause, int, int]] = {}  # the items setting up working groups
        self.resolved: dict[tuple[int, int], DepartmentMatch | None] = {}  # [s, e) → `resolve_span`'s answer

    def names_read_as_places(self) -> None:
        """A make-up list's item whose person's name the matcher read as a place before the notice's
        own prefix (成  员：曹建国县教育局局长: 建国县's bureau, one character 曹 left for a name): the
        unit begins at the prefix (县教育局, the notice's), so that the name before it is read
        (`glued_name`). Only where a name of two characters at least cannot be left — the place
        starts one character (or a two-character surname, 欧阳建国县…: pkc:compound-surname) after
        the list's label (成  员：), a 、 after it on the line, the
        start of a line under one, or a blank under one (the notice on one line: …副主任　　　曹建国县
        农业农村局副局长) — and the place is not the notice's own."""
        j, folded = self.doc.jurisdiction, self.doc.folded
        if not j or not j.prefix:
            return
        surnames = self.cues.parts.get("compound-surname", ())
        for k, m in enumerate(self.matches):
            p = m.prefix or ""
            if m.inherited or len(p) < 3 or not p.endswith(j.prefix) or p == j.name or m.national \
                    or m.collective or m.start < 2 or not folded.startswith(p, m.start) \
                    or not "\u4e00" <= folded[m.start - 1] <= "\u9fff":
                continue  # (most matches: no place read in, or not one character after a boundary)
            # (a surname of two, 欧阳建国县…: pkc:compound-surname, as 曹 of 曹建国县…)
            n = 2 if m.start >= 3 and folded[m.start - 2:m.start] in surnames else 1
            line = folded.rfind("\n", 0, m.start) + 1
            before, mark = folded[line:m.start - n], folded[m.start - n - 1]
            labelled = any(b.list_label.search(before) for b in self.cues.bodies)
            if not (mark in ":、" and labelled or not before.strip() and self.under_list_label(line)
                    or mark in _BLANKS and self.under_list_label(m.start - 1)):  # (on one line: after a gap)
                continue
            self.read_again(k, m.start + len(p) - len(j.prefix))

    def read_again(self, k: int, at: int) -> None:
        """Match `k` read again from `at`, a boundary the matcher did not see (a name before the
        notice's prefix, a heading's lost line break): replaced when that reading is one match
        starting there, of the same end and concept."""
        m = self.matches[k]
        again = find_departments(self.doc.text, at, m.end, default_prefix=self.prefix, folded=self.doc.folded)
        if len(again) == 1 and (again[0].start, again[0].end, again[0].concept) == (at, m.end, m.concept):
            self.matches[k] = again[0]

    def names_after_headings(self) -> None:
        """A heading's end is a boundary where its line break was lost (a notice on one line:
        四、工作要求连云港海关、…): a department matched just after it without a prefix written (海关,
        the notice's place's) is read again from there — a vertical body's branch named by its bare
        place (连云港海关, the city's) when the place stands right after the heading."""
        if not self.glued:
            return  # (most notices: a line break or a blank after each heading)
        starts = [m.start for m in self.matches]
        for end in self.glued:
            k = bisect.bisect_right(starts, end)
            if k < len(starts) and starts[k] - end <= _BRANCH_PLACE_MAX and self.matches[k].inherited:
                self.read_again(k, end)

    def named_again(self) -> None:
        """A unit the registry lacks that a list names (连云港港口集团 among the members: the matcher
        reads such a name beside a list's separator only) named again opening a statement
        (…。连云港港口集团负责…): the same unit, matched there too, so that the statement may be
        its duty (`prose_duties`: only a member's). Most notices name no unit the registry lacks."""
        unknown = {m.surface: m for m in self.matches if m.concept is None and not (m.collective or m.generic)}
        if not unknown:
            return
        text, folded = self.doc.text, self.doc.folded
        found = []  # (where, the match) of each name again where a statement may open
        for z in self.doc.clauses:  # (the zones the matcher read: not the head's lines)
            for name, m in unknown.items():
                k = text.find(name, z.start, z.end)
                while k >= 0:
                    if k == 0 or folded[k - 1] in _OPENERS:
                        found.append((k, m))
                    k = text.find(name, k + len(name), z.end)
        if not found:
            return  # (most: each named in its list alone)
        starts = [m.start for m in self.matches]  # (in order)
        added = []
        for k, m in found:
            e = k + len(m.surface)
            i = bisect.bisect_left(starts, e)  # (the matches starting before its end: does one reach into it?)
            if not (i and self.matches[i - 1].end > k):
                added.append(replaced(m, start=k, end=e))
        if added:
            self.matches = sorted(self.matches + added, key=lambda m: (m.start, m.end))

    def under_list_label(self, line: int) -> bool:
        """Whether the line starting at `line` goes on with a make-up list: a list label (成  员：)
        on one of the lines just before it, no sentence ending between."""
        folded = self.doc.folded
        window = folded[max(0, line - 300):line]
        ends = [m.end() for b in self.cues.bodies for m in b.list_label.finditer(window)]
        return bool(ends) and "。" not in window[max(ends):]

    def matches_in(self, start: int, end: int) -> list[DepartmentMatch]:
        k = bisect.bisect_left(self.match_starts, start)
        if self.match_ends is not None:  # (their ends in order too: the run up to the first ending past `end`)
            return self.matches[k:bisect.bisect_right(self.match_ends, end, k)]
        out = []
        while k < len(self.matches) and self.matches[k].end <= end:
            out.append(self.matches[k])
            k += 1
        return out

    # --- departments -----------------------------------------------------------------------

    def jurisdiction_of(self, m: DepartmentMatch) -> tuple[str, str, str]:
        """(name, level, prefix) of the jurisdiction a department match belongs to.

        A prefix naming no place (省卫生健康委 in a county notice, 旗县区 in a city one) is
        read relative to the notice: 祁门县所在省, 巴彦淖尔市所辖旗县区 — so two notices'
        unnamed provinces never merge into one organisation. The province is named when the
        notice says which it is in (`places.enclosing_province`: a body of 内蒙古自治区 named,
        a cited 鄂政办发 document): 自治区党委 in 奈曼旗's notice is 内蒙古自治区's.
        """
        key = (m.national, m.prefix)
        found = self.places.get(key)
        if found is None:
            found = self.places[key] = self._jurisdiction_of(m.national, m.prefix)
        return found

    def _jurisdiction_of(self, national: bool, p: str | None) -> tuple[str, str, str]:
        j = self.doc.jurisdiction
        if national or (p and p in self.lay.national):
            return "国家", "national", "国家"
        if j and (p is None or p in (j.prefix, j.name)):
            return j.name, j.level, j.prefix
        if p is None:
            return "", "unknown", ""
        if j and j.name.startswith(p) and p not in _prefix_levels() \
                and any((rest := j.name[len(p):]) == x or len(p) > 1 and len(rest) == len(x) + 1 and rest.endswith(x)
                        for x, _, _, _ in self.lay.levels):
            # a branch's place written short (揭阳市生态环境局普宁分局): the notice's — a 新区 too, one
            # character before its level's suffix (市公安局滨海分局 in 滨海新区's notice)
            return j.name, j.level, j.prefix
        levels = _prefix_levels()
        bare = p.translate(_LEVELS_APART) or p  # 县(市、区), 县、市、区: 县市区, the levels written apart
        if (words := _level_words(bare)) is not None:  # 省, 县, 旗县区, 县市区, 乡镇, 镇街道
            p = "".join(words)  # one place however it is written (巴彦淖尔市所辖县市区, 祁门县所辖乡镇, 重庆市所辖区县)
            # (several levels together, the lowest one's: 县市 under a 州 are counties and county-level cities)
            level, rank = levels.get(p) or max((levels[w] for w in reversed(words)), key=lambda x: x[1])
            own = levels.get(j.prefix, ("", 9))[1] if j else 9
            if rank < own and (named := self.province(p)):
                return named, level, p
            if rank < own and j and (above := self.within(level)):
                return above[0], above[1], p  # 市住房城乡建设局 in 合肥市包河区's notice: 合肥市's
            if rank < own and j and level == "city" and (city := self.municipality(p)):
                return city[0], city[1], p  # 市卫生健康委 in 渝北区's notice citing 渝府办发: 重庆市's, province-level
            if j is None or not j.name:  # nothing to place it relative to
                return p, level, p
            name = f"{j.name}{'所在' if rank < own else '所辖'}{p}"
            if rank >= own:  # (重庆市所辖区县: within 重庆市, the graph says)
                self.facts.below.add(name)
            return name, level, p
        if (city_level := municipalities().get(p)) is not None:
            return p, city_level, p  # 重庆市人民政府办公厅: a 直辖市's, province-level
        for suffix, level, prefix, _ in self.lay.levels:
            if p.endswith(suffix):
                return p, level, p
        return p, "unknown", p

    def within(self, level: str) -> tuple[str, str] | None:
        """(name, level) of the place the notice's own is named within (`parse.jurisdiction_of`:
        合肥市包河区 is 包河区 within 合肥市) when a bare prefix of `level` stands for it: 市 of a city
        (合肥市, city) or of a 直辖市 (重庆市渝北区: 重庆市, province-level); else None."""
        j = self.doc.jurisdiction
        if not j or not j.within:
            return None
        if level == "city" and (city := municipalities().get(j.within)):
            return j.within, city
        return (j.within, level) if j.within_level == level else None

    def place_within(self) -> None:
        """A district or county of a 直辖市 naming itself without it (渝北区人民政府办公室) is within it
        (`doc.jurisdiction.within`: the graph's skos:broader) when the notice says which it is in, as its
        bare 市 is then that city's (`municipality`: a body of 重庆市 named, a cited 渝府办发 document) —
        as it is when named with it (重庆市渝北区: `parse.jurisdiction_of`). One place either way."""
        j = self.doc.jurisdiction
        if not j or not j.name or j.within:
            return
        ranks = {level: (rank, prefix) for _, level, prefix, rank in self.lay.levels}
        rank, city = ranks.get(j.level, (0, "")), ranks.get("city")
        if city is None or rank[0] != city[0] + 1:
            return  # (a place not right below a city's level: a town is its district's)
        found = self.municipality(city[1])
        if found is not None and found[0] in municipalities():
            self.doc.jurisdiction = Jurisdiction(j.name, j.level, j.prefix, *found)

    def municipality(self, prefix: str) -> tuple[str, str] | None:
        """(the city, its level) a district's or county's bare city `prefix` (市) stands for when
        the notice names itself without it (渝北区人民政府办公室, 包河区人民政府办公室) but says which it is
        in: a 直辖市 (a body of 重庆市 named, a cited 渝府办发 document: `places.enclosing_municipality`;
        province-level) naming no other city (揭阳市卫生健康局), or an ordinary city whose body it names
        (合肥市住房城乡建设局; city level), the one city named; else None. Asked once a prefix
        (`jurisdiction_of`), and once more for the notice's place (`place_within`)."""
        written = {m.prefix for m in self.matches if m.prefix and not m.inherited}
        cities = municipalities()
        bare = _prefix_levels()
        named = {w for w in written if w not in cities and w not in bare
                 and next((lv for x, lv, _, _ in self.lay.levels if w.endswith(x)), "") == "city"}
        if named:  # a body of one city named, no other (合肥市住房城乡建设局 in 包河区's): that city's
            return (named.pop(), "city") if len(named) == 1 and not cities.keys() & written else None
        numbers = (n for found in self.numbers.values() for n in found)
        name = enclosing_municipality(self.doc.folded, written, numbers, prefix)
        return (name, cities[name]) if name else None

    def province(self, prefix: str) -> str | None:
        """The province a bare 省/自治区 stands for, if the notice says (asked once a prefix)."""
        if prefix not in self.provinces:
            numbers = (n for found in self.numbers.values() for n in found)
            written = {m.prefix for m in self.matches if m.prefix and not m.inherited}
            self.provinces[prefix] = enclosing_province(self.doc.folded, prefix, written, numbers)
        return self.provinces[prefix]

    def department(self, m: DepartmentMatch, clause: str) -> str:
        """The id of the department `m` names (created on first sight), recording the mention."""
        key = (m.start, m.end, m.prefix, m.concept, m.national, m.collective, m.generic, m.canonical)
        did = self.dept_of.get(key)
        if did is None:
            did = self.dept_of[key] = self._department(m, clause)
        return did

    def _department(self, m: DepartmentMatch, clause: str) -> str:
        jname, level, prefix = self.places.get((m.national, m.prefix)) or self.jurisdiction_of(m)
        key = m.concept or squeeze(m.canonical)
        zone = None if m.concept else zone_body(key, prefix)  # (市经开区党工委: the zone's 经开区党工委)
        key = zone or key
        did = f"{jname}/{key}" if jname else key
        dep = self.facts.departments.get(did)
        if dep is None:
            dep = Department(did, zone or self.display_name(m, prefix), m.concept, jname, level)
            self.facts.departments[did] = dep
        written = self.written_name(m, prefix)
        if written is not None:
            if (names := self.written.get(did)) is None:  # (no set made for each mention of a known one)
                names = self.written[did] = set()
            names.add((m.former, written))
        if (seen := (did, m.start)) not in self.seen:
            self.seen.add(seen)
            # its surface the text at its span: a 主送 item completed by a list (十堰经济技术开发区 of
            # 十堰经济技术开发区、武当山旅游经济特区管委会) is resolved by its full name, written shorter
            # (by position: one a mention)
            dep.mentions.append(Mention(m.start, m.end, did, self.doc.text[m.start:m.end], clause))
        return did

    def names(self) -> None:
        """Each department's name as the notice writes it: its fullest current name when that
        is no shorter than the registry's (县自然资源和规划局, 市人民政府办公厅, not 县政府 for
        县人民政府) or is one of the registry's names in current use (盟林业局); a former name
        when the notice writes no current one (盟卫生局 in an older text); else the registry's
        name at its level."""
        for did, written in self.written.items():
            dep = self.facts.departments[did]
            current = [n for former, n in written if not former]
            if current:
                best = max(current, key=lambda n: (len(n), n))
                # a shorter one too when it is a name of the body in its own right (盟林业局 for
                # 盟林业和草原局: a skos:altLabel), not a contraction (县政府) or a national body's
                # name written without its 国家 (发展改革委 after 国家卫生健康委、)
                full = dep.level != "national" and best.endswith(_current_names().get(dep.concept or "", ()))
                if len(best) >= len(dep.name) or full:
                    dep.name = best
            else:
                dep.name = max((n for _, n in written), key=lambda n: (len(n), n))

    @staticmethod
    def written_name(m: DepartmentMatch, prefix: str) -> str | None:
        """The name as the notice writes it, at its level: 县自然资源和规划局, 市人民政府办公厅,
        盟卫生局 (a former name) — None for an abbreviation (卫健委), a field of work, a
        collective address, or a name with its prefix inside (团县委)."""
        if not m.concept or m.short or m.generic or m.collective or not m.label:
            return None
        if m.national or m.branch:  # (a branch: its whole name, 揭阳市生态环境局普宁分局)
            return squeeze(m.surface)
        return prefix + m.label if prefix else None

    @staticmethod
    def display_name(m: DepartmentMatch, prefix: str) -> str:
        """县卫生健康委, 团县委, 国家卫生健康委 / 财政部: the canonical name at its level."""
        if not m.concept or m.national or not prefix:
            return m.canonical
        inside = m.prefix and m.prefix in m.surface and not m.surface.startswith(m.prefix)
        if inside and not collective_address(m.surface) and m.prefix in m.canonical:
            return m.canonical  # the prefix sits inside the name: 团县委 (not after 各: 各县市区政府;
            # nor a branch's, 人民银行江西省分行: pk:branchLabel, no canonical name — 省人民银行)
        return prefix + m.canonical

    def departments_in(self, start: int, end: int, clause: str) -> list[tuple[DepartmentMatch, str]]:
        matches = self.matches_in(start, end)
        return [(m, self.department(m, clause)) for m in matches
                if not m.generic and not (m.collective and self.jurisdiction_of(m)[1] == "unknown")]

    def mentions(self) -> None:
        """Each match that names an organisation, recorded as its mention. A field of work
        (卫生健康部门) names none, but one with a lower level's prefix (旗县区民政部门, where a
        provider registers) names the body of that field of the places below as a whole — one
        organisation, as 旗县区政府 or 各乡镇人民政府 is (巴彦淖尔市所辖旗县区/civil-affairs)."""
        for m in self.matches:
            if m.generic and not (m.collective and m.concept and m.prefix):
                continue
            if not (m.collective and self.jurisdiction_of(m)[1] == "unknown"):
                self.department(m, self.leaf_at(m.start).id)

    def issuer(self) -> None:
        """The issuer (祁门县人民政府办公室) as the organisation the registry knows it to be
        (the county's government office, as 县政府办公室 in the text would be), its name in
        the header recorded as a mention. A joint or unknown issuer stays a name."""
        field = next((f for f in self.doc.fields if f.name == "issuer"), None)
        if field is None:
            return
        name = self.doc.text[field.start:field.end]
        m = resolve(name)
        if (m is None or not m.concept) and self.town:
            m = self.own_town_body(name) or m
        j = self.doc.jurisdiction
        if (m is None or not m.concept) and j and j.within and name.startswith(j.within + j.name):
            # named with the place it is within first (重庆市渝北区人民政府办公室): its place's body,
            # the name as written its mention
            at = len(j.within)
            if (own := resolve(name[at:])) is not None:
                m = replaced(own, start=0, end=own.end + at)
        if m is None or not m.concept or m.generic or m.collective:
            return
        m = replaced(m, start=m.start + field.start, end=m.end + field.start)
        self.facts.issuer = self.department(m, "")

    def own_town_body(self, name: str) -> DepartmentMatch | None:
        """A township's body named by the township's own name (宏村镇人民政府, 昱中街道办事处; its
        county first, 黟县宏村镇人民政府) as the township's own prefix names it in its notice (镇人民政府,
        街道办事处): one body, one unit — as 黟县人民政府办公室 signing is the county's 县政府办公室 —
        spanning the name as written; None when the name is not its own place's or names no one body."""
        j = self.doc.jurisdiction
        rest = name.strip()
        lead = next((w for w in _party_leads() if rest.startswith(w)), "")  # 中共…街道工作委员会
        if j.within and (k := rest.find(j.within, len(lead))) >= 0 and rest.startswith(j.name, k + len(j.within)):
            rest = rest[k + len(j.within):]  # (黟县宏村镇人民政府; 中共北京市东城区东华门街道工作委员会: the places above)
        if not j.name or not j.name.endswith(j.prefix) or not rest.startswith(j.name) or len(rest) == len(j.name):
            return None
        m = resolve_in_town(j.prefix + rest[len(j.name):], j.prefix)
        if m is None or not m.concept or m.collective:
            return None
        at = name.index(rest)
        return replaced(m, start=name.find(name.strip()), end=at + len(rest))

    def addressees(self) -> None:
        """The bodies the head sends the notice to (主送) and copies it to (抄送), each the
        organisation the registry, or its shape (…管委会; a zone's name alone, 荆州开发区, for
        its administration), says its name is — its mention the item as written. An address to
        no one body stays a name: a generic one (县政府有关部门, 市直各单位) or a collective one
        (各乡、镇人民政府, 各街道办事处: each of them)."""
        for f in self.doc.fields:
            if f.name not in ("recipient", "cc"):
                continue
            m, did = resolve(f.value) or addressed_zone(f.value), ""
            if m is not None and not m.generic and not m.collective and not collective_address(f.value):
                did = self.department(replaced(m, start=f.start, end=f.end), "")
            self.facts.addressees.append(Addressee(f.start, f.end, f.name, f.value, did))  # (by position)

    # --- duties ------------------------------------------------------------------------------

    def duties(self) -> None:
        items: list[tuple[int, int]] = []  # the spans of the items headed by their departments
        self.notes: list[Note] = []  # what the analyst should check in the text (`Document.notes`)
        self.duty_parts: dict[str, bool] = {}  # a clause → whether its items give departments' duties
        self.known: list[str] | None = None  # the notice's names a misspelt heading may mean (`near_names`)
        self.topics: dict[str, tuple[int, int]] = {}  # an item → the topic its heading gives (`bracket_topic`)
        self.duty_rows: dict[str, tuple[DepartmentMatch, list[tuple[int, int]]]] = {}  # a row → its unit, duty cells
        self.list_rows: set[str] = set()  # the rows whose unit cell names a list of units (`cell_units`)
        heads = {c.id: head for c in self.clauses
                 if (head := self.item_head(c) if c.kind == "numbered" else self.row_head(c) if c.cells else None)}
        for c in self.clauses:
            if c.id not in heads:
                if c.kind == "numbered" and c.heading is not None and self.in_duty_part(c):
                    if self.unreadable(c.start, c.heading.end):  # （八）县人力资源社会保�局。, （八）鍘夸汉…: whose, no one can say
                        self.note_unreadable(c, c.start, [(c.heading.end, c.end)])
                    elif self.opens_with_department(c):  # 县卫健委（联系人：张三）。: no item dropped silently
                        line = self.doc.folded.find("\n", c.start, c.end)
                        dot = self.doc.folded.find("。", c.start, line if line >= 0 else c.end)
                        self.note_unreadable(c, c.start, [(c.heading.end, c.end)], dot if dot >= 0 else None)
                continue
            names, start, tagged = heads[c.id]
            items.append((c.start, c.end))
            if c.id in self.duty_rows:  # a row of a 单位 | 职责 table: its duty cells are its text
                stretches, lost = [p for a, b in self.duty_rows[c.id][1] for p in self.untagged(a, b)], []
            else:
                stretches, lost = self.item_text(c, start, heads)
            if c.id in self.topics and not lost and all(next(self.statements(a, b), None) is None for a, b in stretches):
                stretches = [self.topics[c.id]]  # 县财政局(经费保障)。 alone: its duty is the topic
            n = kept = 0
            others: dict[str, list[str]] = {}  # a sub-item opening with other departments → theirs
            for a, b in stretches:
                for s, e in self.statements(a, b):
                    if self.tag_alone(s, e):
                        continue  # …工作。（县财政局配合）: the statement before it assigned (`assignments`)
                    leaf = self.leaf_at(s)
                    s, opens = self.after_number(leaf, c, s, e)  # 2.配合…: its role and text without 2.
                    if self.doc.folded.startswith(self.cues.parts.get("item-others-subject", ()), s, e):
                        continue  # 其他成员单位按照各自职责做好…: the others', no one body's
                    for p, q, subject, tag in self.subject_parts(s, e, c.id):
                        if subject is None:
                            owners = others.get(leaf.id, names)
                            parts = [(x, y, *self.role_and_action(x, y, r)) for x, y, r in self.role_parts(p, q)]
                            kept += len(parts) if owners is names else 0
                        else:  # 县市场监管局配合做好…: as in running text, one duty of each
                            group, role, verb = subject
                            owners = [self.department(m, leaf.id) for m in group]
                            if opens and p == s:
                                others[leaf.id] = owners  # the whole sub-item is theirs
                            # its text after them, as the item's own statements are after its heading
                            p = self.after_subject(group, p, verb)
                            parts = [(p, q, role, *self.role_and_action(verb, q, role)[1:])]
                        # …，县教育局配合。: the tag's units, the part's task in their role
                        groups = [(owners, parts), *((ids, [(p, q, *self.role_and_action(p, q, r))]) for r, ids in tag)]
                        for owners, x, y, role, action, concept in ((o, *part) for o, ps in groups for part in ps):
                            n += 1
                            where, text = (self.leaf_at(x).id, self.doc.text[x:y]) if owners else ("", "")  # (each owner's)
                            for k, did in enumerate(owners, 1):  # (id, department, clause, text, role, action,
                                # its concept: by position, as keywords to a class cost the call a dict, one a duty);
                                # the role its heading gives it (县卫健委(牵头)。) where the statement says none
                                said = tagged[k - 1] if owners is names and role == "responsible" else None
                                self.facts.duties.append(Duty(
                                    x, y, f"{c.id}/d{n}" if len(owners) == 1 else f"{c.id}/d{n}-{k}",
                                    did, where, text, said or role, action, concept))
            if len(names) == 1 and self.facts.departments[names[0]].concept is None and \
                    (c.id in self.duty_rows or self.in_duty_part(c)):
                self.note_heading(c, kept)
            if lost:
                self.note_unreadable(c, lost[0][0], lost)
        self.prose_duties(items)

    def item_head(self, c: Clause) -> tuple[list[str], int, list[str | None]] | None:
        """(the departments item `c` is headed by, where its statements begin, the role its heading
        gives each, if any: `run_in_departments`), if any: those
        its heading names (（八）县人力资源社会保障局。, a misspelt one: `unknown_heading`), or,
        among the departments' items (`in_duty_part`), those its text opens with, whatever
        follows them: the heading running on into the text (（八）县人社局负责为…, 县人社局为…),
        a comma or a blank after the name (then no heading was told apart), or a field of work
        for a name (（八）人社部门。: the notice's body of that field, as in running text)."""
        h = c.heading
        names = self.heading_departments(c) if h is not None else []
        if names:
            return names, h.end, [None] * len(names)
        if (run_in := self.run_in_departments(c)) is not None:
            return run_in
        if h is not None and (unknown := self.unknown_heading(c)) is not None:
            return [self.department(unknown, c.id)], h.end, [None]
        return None

    def row_head(self, c: Clause) -> tuple[list[str], int, list[str | None]] | None:
        """The department row `c` of a table of units and their duties (单位 | 职责: a cell under
        pkc:column-unit, one or more under pkc:column-duty) is headed by, as `item_head` gives an
        item's, where its duties begin; its duty cells kept in `duty_rows`. The unit cell names
        a department the registry knows as a whole, or is shaped as an organisation's name
        (`unknown_unit`: 杭州市生态环境局淳安分局, kept as written and noted, as an item's heading)."""
        if c.style != "table-row":
            return None
        columns = self.cues.columns
        unit = None
        duties = []
        names = [cell.column for cell in c.cells]
        for cell in c.cells:
            role = columns.get(cell.column)
            if unit is None and self.unit_column(cell.column, names):
                unit = cell
            elif role == "duty" and cell.end > cell.start:
                duties.append((cell.start, cell.end))
        if unit is None or not duties:
            return None
        m = self.resolve_span(unit.start, unit.end) or self.unknown_unit(unit.start, unit.end)
        if m is None:
            units = self.cell_units(unit.start, unit.end, c.id)
            if not units:
                return None
            self.duty_rows[c.id] = units[0][0], duties  # (its duty cells: no member's row, `member_rows`)
            self.list_rows.add(c.id)
            return [did for _, did in units], duties[0][0], [None] * len(units)
        self.duty_rows[c.id] = m, duties
        return [self.department(m, c.id)], duties[0][0], [None]

    def cell_units(self, s: int, e: int, clause: str) -> list[tuple[DepartmentMatch, str]]:
        """The units a unit cell [s, e) names as a list of two or more, nothing else in it but
        the list's separators (各乡镇人民政府、街道办事处): each unit's duties the row's."""
        units = self.departments_in(s, e, clause)
        if len(units) < 2:
            return []
        folded, pos = self.doc.folded, s
        for m, _ in units:
            gap = folded[pos:m.start]
            if len(gap) > 3 or gap.strip(LIST_SEPARATORS):
                return []
            pos = max(pos, m.end)
        return units if not folded[pos:e].strip(LIST_SEPARATORS) else []

    def member_rows(self) -> list[tuple[DepartmentMatch, str]]:
        """The units of the rows of a table of units and their duties (`row_head`) that is the
        body's member table: its caption (the line before its head row, within `_CAPTION_MAX`;
        on a line of its own, or after a sentence where line ends were lost) or the heading of the
        clause holding it names the members or their duties (pkc:member-part, pkc:duty-part:
        成员单位及职责, 四、职责分工), or its unit column does (成员单位) — in order, each its
        unit cell and department."""
        folded, parts = self.doc.folded, self.cues.parts
        words = (*parts.get("member-part", ()), *parts.get("duty-part", ()))
        member_words = parts.get("member-part", ())
        out: list[tuple[DepartmentMatch, str]] = []
        said: dict[str, bool] = {}  # a table (its parent clause) → whether it is the member table
        for rid, (m, _) in self.duty_rows.items():
            if rid in self.list_rows:
                continue  # 各乡镇人民政府、街道办事处 | 负责…: those a duty is given, no member
            c = self.by_id[rid]
            if c.parent not in said:
                parent = self.by_id.get(c.parent)
                first = next((k for k in parent.children if k.kind == "row"), c) if parent else c
                lo, end = parent.start if parent else 0, first.start
                while end > lo and folded[end - 1] in _BLANKS + "\n":
                    end -= 1
                start = max(lo, end - _CAPTION_MAX)  # the caption: back to a line's or a sentence's end
                caption = folded[max(start - 1, *(folded.rfind(x, start, end) for x in "\n。:")) + 1:end]
                h = parent.heading if parent is not None else None
                heading = folded[h.start:h.end] if h is not None else ""
                unit_column = next((x.column for x in c.cells if self.cues.columns.get(x.column) == "unit"), "")
                said[c.parent] = any(w in caption or w in heading for w in words) or unit_column in member_words
            if said[c.parent]:
                out.append((m, self.department(m, rid)))
        return out

    def run_in_departments(self, c: Clause) -> tuple[list[str], int, list[str | None]] | None:
        """The departments item `c`'s text opens with (a list of them apart by separators only),
        where what it says of them begins, and the role its heading gives each — if `c` stands
        among the departments' items. The heading is the names, a role or a name in brackets
        after one (县卫健委(牵头)、县教育局。, 县委宣传部(县文明办)。: `bracket_role`), the words
        closing it (等部门, 的职责, 职责: pkc:prose-list-end, pkc:item-heading-end) and a 。 : , or blank;
        or the units with their roles as a task tag gives them (县卫健委牵头,县教育局配合,做好…:
        `heading_tag`); or it runs on into the text, a clause holding a role cue or a verb
        (县人社局负责为…, 县人社局为…提供…). Not where the heading is the name of a unit of the
        department (县公安局交警大队。: an organisation as written, `unknown_heading`)."""
        folded, said = self.doc.folded, c.label.strip()
        start = c.start + len(said) if said and self.doc.text.startswith(said, c.start) else c.start
        end = c.own.end
        while start < end and folded[start] in _BLANKS:
            start += 1
        group: list[DepartmentMatch] = []
        roles: list[str | None] = []
        at = start
        k = bisect.bisect_left(self.match_starts, start)
        while k < len(self.matches) and self.matches[k].end <= end:
            m, k = self.matches[k], k + 1
            gap = folded[at:m.start]
            if (len(gap) > 3 or gap.strip(LIST_SEPARATORS)) if group else gap:
                break
            role, at = self.bracket_role(m.end, end)
            group.append(m)
            roles.append(role)
            while k < len(self.matches) and self.matches[k].start < at:
                k += 1  # (the names in a bracket after it: 县人社局(县医保局) is 人社局's heading)
        if not group or not self.knowable(group) or not self.in_duty_part(c):
            return None
        if (topic := self.bracket_topic(at, end)) is not None:  # 县财政局(经费保障)。: the heading's
            self.topics[c.id], at = topic[:2], topic[2]
        at += next((len(w) for w in _item_closers() if folded.startswith(w, at, end)), 0)  # 等部门, 的职责
        while at < end and folded[at] in _BLANKS:
            at += 1
        stop = _HEAD_CLAUSE_END.search(folded, at, end)
        stop = stop.start() if stop else end
        if at == stop:  # the heading alone: 县人社局。, 县卫健委(牵头单位):
            if at < end and folded[at] in "。:,":
                at += 1
            return [self.department(m, c.id) for m in group], at, roles
        if (tag := self.heading_tag(start, end, c.id)) is not None:
            return tag
        h = c.heading
        if h is not None and h.start <= at < h.end and self.unknown_heading(c) is not None:
            return None  # 县公安局交警大队。: a unit of it
        if not _role_cues().search(folded, at, stop) and next(self.verbs(at, stop), None) is None:
            return None  # no verb (监管 of 县市场监管局 is none): no statement of theirs
        return [self.department(m, c.id) for m in group], at, roles

    def knowable(self, group: list[DepartmentMatch]) -> bool:
        """Whether each of `group` is a department the registry knows, placed if a collective
        one (`unplaced`)."""
        return not any(m.concept is None or self.unplaced(m) for m in group)

    def unplaced(self, m: DepartmentMatch) -> bool:
        """Whether `m` is a collective unit no place is known for: its jurisdiction unknown and
        unnamed. Not 各乡镇人民政府: the township governments of the notice's place (a level of
        layout.ttl, pkl:township), as its item heading (各乡镇人民政府。) reads it."""
        if not m.collective:
            return False
        name, level, _ = self.jurisdiction_of(m)
        return level == "unknown" and not name

    def bracket_role(self, at: int, end: int) -> tuple[str | None, int]:
        """(the role a bracket at `at` says, where it ends) if it holds a role cue alone ((牵头),
        (配合单位): what a unit in a heading does in the item); (None, where it ends) if it holds
        names, saying no role and no action (an alias, a second name or units the department
        answers for: 县委宣传部(县文明办), 县人社局(县医保局), 县卫健委（县疾病预防控制中心、县妇幼保健院）
        — the heading's, its statements the department's before it): each name apart by 、 , ;
        within `_BRACKET_NAME_MAX`, ending as an organisation's does (pkc:dept-org-suffix) or
        holding no role cue nor verb; else (None, `at`). After a blank too, in 【】 too."""
        folded = self.doc.folded
        k = at
        while k < end and folded[k] in _BLANKS:
            k += 1
        if not folded.startswith(("(", "["), k, end):
            return None, at
        shut = ")" if folded[k] == "(" else "]"
        close = folded.find(shut, k, min(end, k + _BRACKET_ROLE_MAX))
        inner = folded[k + 1:close].strip(_BLANKS) if close > k else None
        role = next((r for cue, r in self.cues.roles if cue == inner), None)
        if role is not None:
            return role, close + 1
        stop = _HEAD_STOP.search(folded, k, end)
        close = folded.find(shut, k, stop.start() if stop else end)
        if close - k < 3:
            return None, at
        a = k + 1
        for name in _BRACKET_NAMES.split(folded[a:close]):
            b = a + len(name)
            if not 2 <= len(name.strip(_BLANKS)) <= _BRACKET_NAME_MAX - 2 or any(ch in _CLAUSE_PUNCT for ch in name) \
                    or not name.endswith(_org_suffixes()) \
                    and (_role_cues().search(folded, a, b) or next(self.verbs(a, b), None)):
                return None, at
            a = b + 1
        return None, close + 1

    def bracket_topic(self, at: int, end: int) -> tuple[int, int, int] | None:
        """(where its words begin and end, where the bracket ends) if a bracket at `at` (after
        blanks) closing an item's heading says what the units before it do in a few words (县财政局
        (经费保障)。, 县卫健委【负责统筹协调】:): no names (`bracket_role` reads those; none ending as
        an organisation's does, pkc:dept-org-suffix), no clause
        punctuation, within `_BRACKET_TOPIC_MAX`, and the heading's end right after it (。 : or
        the line's end). The item's topic, its heading's: no statement of its own, unless the
        item says nothing else (`duties`)."""
        folded = self.doc.folded
        k = at
        while k < end and folded[k] in _BLANKS:
            k += 1
        if not folded.startswith(("(", "["), k, end):
            return None
        close = folded.find(")" if folded[k] == "(" else "]", k, min(end, k + _BRACKET_TOPIC_MAX))
        if close < 0 or close - k < 3 or any(ch in _CLAUSE_PUNCT for ch in folded[k + 1:close]) \
                or self.matches_in(k, close) or folded[k + 1:close].rstrip(_BLANKS).endswith(_org_suffixes()):
            return None  # (县卫健委(县疾控中心)(县妇幼保健院): a name, not what it does)
        after = close + 1
        while after < end and folded[after] in _BLANKS:
            after += 1
        if after < end and folded[after] not in "。:\n":
            return None
        a, b = _unblanked(folded, k + 1, close)
        return a, b, close + 1

    def heading_tag(self, start: int, end: int, clause: str) -> tuple[list[str], int, list[str | None]] | None:
        """(the departments, where the item's statements begin, the role of each) when the item
        at `start` opens with its units and their roles as a task tag does, up to a comma or the
        end of its first sentence or line (县卫健委牵头,县教育局、县民政局配合,做好…: the longest
        such opening, within `_HEADING_TAG_MAX`) — and what follows is the task, not another
        department's statement with a verb of its own (县卫健委负责,县教育局要配合做好…: no tag,
        卫健委's heading running on into its text)."""
        folded = self.doc.folded
        found = None
        for stop in chain((m.start() for m in _HEAD_CLAUSE_END.finditer(folded, start, end)), [end]):
            if stop - start > _HEADING_TAG_MAX or not self.knowable(self.matches_in(start, stop)):
                break
            if groups := self.task_tag(start, stop, clause):
                found = groups, stop + (stop < end and folded[stop] != "\n")
            if stop == end or folded[stop] in _SENTENCE_ENDS + "\n":  # (县卫健委牵头。 alone on its line too)
                break
        if found is None:
            return None
        groups, at = found
        if self.item_subject(at, stop.end() if (stop := STATEMENT_END.search(folded, at, end)) else end):
            return None  # what follows is no task of theirs: another's statement (县卫健委负责,县教育局要配合做好…)
        return [did for _, ids in groups for did in ids], at, [role for role, ids in groups for _ in ids]

    def after_number(self, leaf: Clause, c: Clause, s: int, e: int) -> tuple[int, bool]:
        """Where statement [s, e) of item `c` begins after the number of the sub-item `leaf` it
        opens (2.配合县财政局做好宣传。, （1）协助做好登记。: no 2. in its text, and its role the
        cue's), and whether it opens one."""
        said = leaf.label.strip()
        if leaf is c or not said or s > leaf.start + len(said) or self.doc.text[leaf.start:s].strip() \
                or not self.doc.text.startswith(said, s):
            return s, False
        k = s + len(said)
        while k < e and self.doc.folded[k] in _BLANKS:
            k += 1
        return (k, True) if e - k >= 2 else (s, False)

    def subject_parts(self, s: int, e: int, clause: str) -> list[tuple[int, int, tuple | None, list]]:
        """Statement [s, e) of a department's item in parts, each with the subject other
        departments are of it (`item_subject`: departments, role, where their verb starts) or
        None, and the task tag closing it (`task_tag`'s groups, or []): a part opens at the
        statement's start or after a comma with them (not one inside brackets or quotes:
        `_enclosed`), and runs to the next such part (落实经费保障，县税务局负责落实税收优惠: 财政局's,
        then 税务局's) — but a part that is a task tag alone (做好托育机构备案工作，县教育局、县民政局配合。)
        is no task of its own: the part before it runs on over it, its units given that part's
        task in their roles as duties of theirs (a tag in brackets gives them an assignment of the
        statement, `assignments`). A bracket listing other units' statements (`statement_list`:
        做好备案管理（县教育局负责幼儿园托班，县民政局负责社区托育点）) is cut: each part its unit's,
        what follows the bracket the item's department's again."""
        folded = self.doc.folded
        if s < e and folded.find(",", s, e) < 0 and folded.find("(", s, e) < 0:
            return [(s, e, self.item_subject(s, e), [])]  # one part (most statements: no comma, no bracket)
        lists = [(m.start(), m.end(), starts) for m in _PARENTHESIS.finditer(folded, s, e)
                 if (starts := self.statement_list(m.start(), m.end(), clause))] if folded.find("(", s, e) >= 0 else []
        inside = [x for x in _enclosed(folded, s, e) if not any(x == (o + 1, c - 1) for o, c, _ in lists)]
        commas = (m.end() for m in _COMMA.finditer(folded, s, e) if not inside or not _inside(inside, m.start(), m.start() + 1))
        # (where a part starts, where the part before it ends, its subject)
        cuts = {k: (k - 1, found) for k in (s, *commas) if (found := self.item_subject(k, e)) is not None or k == s}
        for o, c, starts in lists:
            cuts.update((k, (o if k == starts[0] else k - 1, self.item_subject(k, c - 1))) for k in starts)
            after = c
            while after < e and (folded[after] in _CLAUSE_PUNCT or folded[after] in _SENTENCE_ENDS + _BLANKS):
                after += 1
            # (…），确保按期完成: the item's department's again, （…），县民政局… its subject's; ）。 nothing
            cuts[after] = (c - 1, cuts[after][1] if after in cuts else None)
        ordered = sorted((k, *cut) for k, cut in cuts.items())
        parts: list[tuple[int, int, tuple | None, list]] = []
        for (a, _, found), (_, b, _) in zip(ordered, [*ordered[1:], (e + 1, e, None)]):
            if a >= e:
                continue
            tag = self.task_tag(a, a + len(folded[a:b].rstrip(_SENTENCE_ENDS + _BLANKS)), clause) \
                if found is not None and parts else []
            if tag:
                p, _, before, tags = parts[-1]
                parts[-1] = (p, b, before, tags + tag)
            else:
                parts.append((a, b, found, []))
        return parts

    def statement_list(self, o: int, c: int, clause: str) -> list[int]:
        """Where each part of the bracket [o, c) starts if it lists other units' statements, not a
        task tag (`task_tag`: 县卫健委牵头，县教育局配合): each part (apart by , or ;, after a word no tag
        opens with and a colon: 其中：) opens with its subject (`item_subject`) and says what it does
        after its role cue (`_LIST_PART_MIN`: （县教育局负责幼儿园托班，县民政局负责社区托育点）; not
        （县卫健委牵头组织，县教育局配合实施）, a tag with words of more); else []."""
        folded = self.doc.folded
        k = o + 1
        words = self.cues.parts.get("tag-not-opening", ())
        word = next((w for w in words if folded.startswith(w + ":", k, c)), None) \
            if folded.startswith(words, k, c) else None  # (most brackets open with none of them)
        k += len(word) + 1 if word else 0
        starts = [k, *(m.end() for m in _PART_END.finditer(folded, k, c - 1))]
        if len(starts) < 2 or self.task_tag(o + 1, c - 1, clause):
            return []
        for x, y in zip(starts, [*starts[1:], c]):
            if (found := self.item_subject(x, y - 1)) is None:
                return []
            verb = found[2]
            verb += max((len(cue) for cue, _ in self.cues.roles if folded.startswith(cue, verb, y - 1)), default=0)
            if y - 1 - verb < _LIST_PART_MIN:
                return []  # (县卫健委牵头组织，县教育局配合实施: a tag's shape, its task the statement's)
        return starts

    def item_subject(self, s: int, e: int) -> tuple[list[DepartmentMatch], str, int] | None:
        """(departments, role, where their verb starts) if [s, e), in a department's item, opens
        with departments that are its subject, as in running text (`subjects`: 县市场监管局配合
        做好…, 县人社局等部门做好…) — unless its first part is a condition they only set
        (县卫健委提出年度需求后，及时拨付…: pkc:subject-condition closing it before a comma), or
        their verb makes them a modifier (县民政局负责的事项除外, 县卫健委提供的技术指导…:
        pkc:subject-modifier right after it)."""
        folded = self.doc.folded
        k, lead = s, _prose_lead()
        while k < e and folded[k] in lead:
            k += 1
        at = bisect.bisect_left(self.match_starts, s)
        if at == len(self.matches) or self.matches[at].start > k:
            return None  # (most statements: no department opens them)
        k = self.matches[at].start  # (各县(市)人民政府要…: a collective address holds its 各)
        # (a list holding a unit the registry lacks too: 各乡镇人民政府、正定新区管委会负责… after the last
        # item is theirs, not the item's department's)
        found = next(self.subjects(s, e, unlisted=True), None)
        if found is None or found[0][0].start != k:
            return None
        verb = found[2]  # its verb or role cue, then 的 (县民政局负责的事项除外): a modifier, no subject
        ends = [verb + len(cue) for cue, _ in self.cues.roles if folded.startswith(cue, verb, e)]
        if (word := self.cues.actions.match(folded, verb, e)) is not None:
            ends.append(word.end())
        if any(folded.startswith(self.cues.parts.get("subject-modifier", ()), k, e) for k in ends):
            return None
        stop = m.start() if (m := _CLAUSE_PUNCT_AT.search(folded, verb, e)) else e
        if folded[stop:stop + 1] == "," and folded.endswith(self.cues.parts.get("subject-condition", ()), found[2], stop):
            return None
        return found

    def item_text(self, c: Clause, start: int, heads: dict) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The stretches of department item `c` from `start` that give its duties, and those
        after a line whose opening cannot be read. Not an item inside it headed by a department
        (`heads`) — 8.县人力资源社会保障局。 numbered in another style among （一）…（九） is read
        as an item of （七）县财政局: it is that department's, its heading no duty of 财政局 —
        nor the text from a line whose number and heading hold a character that could not be
        decoded ((�八)县人力资源社会保障局。 was no item, its text read as 财政局's) — nor a task
        tag on a line of its own (牵头单位：县卫健委；配合单位：…: `_tag_line`), which assigns the
        statement before it (`assignments`) and is no statement of the item's department."""
        stretches, pos = [], start
        for d in c.walk():
            if d is not c and d.id in heads and d.start >= pos:
                stretches.append((pos, d.start))
                pos = d.end
        stretches.append((pos, c.end))
        own: list[tuple[int, int]] = []
        lost: list[tuple[int, int]] = []
        for a, b in stretches:
            if lost:
                lost.append((a, b))
            elif (cut := self.unreadable_line(a, b)) is not None:
                own.append((a, cut))
                lost.append((cut, b))
            else:
                own.append((a, b))
        return [part for a, b in own for part in self.untagged(a, b)], lost

    def untagged(self, a: int, b: int) -> Iterator[tuple[int, int]]:
        """[a, b) without its task tag lines (`_tag_line`, not inside brackets: as `assignments`)."""
        folded = self.doc.folded
        if folded.find(":", a, b) < 0 and folded.find("]", a, b) < 0:  # (most: no label's colon or bracket, no tag line)
            yield a, b
            return
        inside = _enclosed(folded, a, b, quotes=False)
        for m in _tag_line().finditer(folded, a, b):
            if not _inside(inside, m.start("tag"), m.start("tag") + 1):
                yield a, m.start()  # (an opening bracket is the tag's: no text of the statement)
                a = m.end("tag") + (m.group(1) is not None)
        yield a, b

    def opening(self, s: int, e: int) -> int:
        """Where the number and heading of a line starting at `s` end: its first 。 or :, or
        `_OPENING_MAX` characters on."""
        stop = _HEAD_STOP.search(self.doc.folded, s, min(e, s + _OPENING_MAX))
        return stop.start() if stop else min(e, s + _OPENING_MAX)

    def unreadable(self, s: int, e: int) -> bool:
        """Whether [s, e) holds a character the reading could not decode (U+FFFD), or is mostly
        characters no notice writes (`garbled`)."""
        return "\ufffd" in self.doc.folded[s:e] or self.garbled(s, e)

    def garbled(self, s: int, e: int) -> bool:
        """Whether [s, e) is mostly characters no notice writes: more than `_RARE_SHARE` of its
        Chinese ones outside the 3,755 in common use (GB2312 level 1) — as a line decoded in the
        wrong encoding is (县人力资源社会保障局 in UTF-8 read as GBK: 鍘夸汉鍔涜祫婧愮ぞ浼氫繚闅滃眬,
        13 of 15; a department's name has none, or one in a place's name: 歙县, 黟县)."""
        wide = [ch for ch in self.doc.folded[s:e] if ord(ch) > 0x2e7f and ch.isalpha()]
        return len(wide) >= 2 and sum(map(_rare, wide)) > _RARE_SHARE * len(wide)

    def unreadable_line(self, a: int, b: int) -> int | None:
        """Where the first line after the first of [a, b) starts that may be an item no one can
        read: its opening garbled, or a character not decoded where its number stands (after
        nothing but what a number is written with: （�八）…, �八）…, 8�.) — the parser saw no
        number there. A line of the item's text going on with a character not decoded in it
        (将婴幼�照护服务从业人员…, 将婴幼儿照护服�…) is its text, as before."""
        folded = self.doc.folded
        k = folded.find("\n", a, b)
        while k >= 0:
            s = k + 1
            while s < b and folded[s] in _BLANKS:
                s += 1
            opening = self.opening(s, b)
            lost = folded.find("\ufffd", s, opening)
            if lost >= 0 and _number_like(folded[s:lost]) or self.garbled(s, opening):
                return s
            k = folded.find("\n", s, b)
        return None

    def note_unreadable(self, c: Clause, at: int, stretches: list[tuple[int, int]], end: int | None = None) -> None:
        """Say that the item at `at` (in clause `c`) has a number or heading that cannot be read
        (up to `end`, else its `opening`), and that its statements are no department's — not the
        item's before it."""
        end = self.opening(at, c.end) if end is None else end
        after = end + 1 if self.doc.folded[end:end + 1] in ("。", ":") else at  # what follows its heading
        n = sum(1 for a, b in stretches for _ in self.statements(after if a <= after < b else a, b))
        written = self.doc.text[at:end]
        said = "it gives no statements" if not n else \
            f"its {n} statement{'s are' if n > 1 else ' is'} not read as any department's duties"
        self.notes.append(Note(at, end, kind="unreadable-heading", clause=c.id, text=written,
                               message=f"heading {written} cannot be read; {said}"))

    def opens_with_department(self, c: Clause) -> bool:
        """Whether item `c`'s text opens, after its number, with a department the registry knows
        (an item of the duties part so headed, whose heading could not be read, is noted)."""
        folded, said = self.doc.folded, c.label.strip()
        start = c.start + len(said) if said and self.doc.text.startswith(said, c.start) else c.start
        while start < c.own.end and folded[start] in _BLANKS:
            start += 1
        k = bisect.bisect_left(self.match_starts, start)
        return k < len(self.matches) and self.matches[k].start == start and self.knowable([self.matches[k]])

    def heading_name(self, c: Clause) -> tuple[int, int]:
        """Where the name a heading may be stands: the heading without its closing 。 or ：."""
        h = c.heading
        return h.start, h.start + len(self.doc.folded[h.start:h.end].rstrip("。:.： "))

    def in_duty_part(self, c: Clause) -> bool:
        """Whether item `c` stands in the part giving each department its duties: its parent's
        first line says so (四、职责分工: pkc:duty-part), or an item beside it is headed by a
        department the registry knows."""
        parent = self.by_id.get(c.parent) if c.parent else None
        if parent is None:
            return False
        found = self.duty_parts.get(parent.id)
        if found is None:
            line = self.doc.folded[parent.start:min(parent.own.end, parent.start + 40)].split("\n", 1)[0]
            found = parent.kind == "numbered" and any(w in line for w in self.cues.parts.get("duty-part", ()))
            for k in parent.children if not found else ():
                if k is not c and k.kind == "numbered" and k.heading is not None:
                    m = self.resolve_span(*self.heading_name(k))
                    if m is not None and m.concept and not m.collective:
                        found = True
                        break
            self.duty_parts[parent.id] = found
        return found

    def unknown_heading(self, c: Clause) -> DepartmentMatch | None:
        """The organisation an item of the duties part names in a heading no department of the
        registry has, as written (concept None), so that its statements are kept: 县公按局 (a typo
        of 县公安局). The heading is shaped as a name — short, all CJK, perhaps opening with the
        notice's prefix (县, 祁门县: a 盟's items may go without) — and ends as an organisation's
        name does (pkc:dept-org-suffix of departments.ttl) or is a few edits from a name the
        notice or the registry has (县消防救援大以)."""
        s, e = self.heading_name(c)
        return self.unknown_unit(s, e, c)

    def unknown_unit(self, s: int, e: int, item: Clause | None = None) -> DepartmentMatch | None:
        """The organisation [s, e) names as written (concept None), if it is shaped as a name no
        department of the registry has: the heading of `item`, if it stands in the duties part
        (`unknown_heading`), or a table's unit cell (`row_head`)."""
        text = self.doc.folded[s:e]
        lead = self.lead(text)
        if not max(len(lead) + 1, 2) < len(text) <= HEADING_NAME_MAX or not _NAME.fullmatch(text) \
                or item is not None and not self.in_duty_part(item):
            return None
        if not text.endswith(_org_suffixes()) and not self.near_names(text):
            return None
        written = self.doc.text[s:e]
        return DepartmentMatch(s, e, written, None, lead or self.prefix, not lead, squeeze(written), False)

    def lead(self, text: str) -> str:
        """The notice's own name or prefix `text` opens with (祁门县, 县), if any ("" if none)."""
        j = self.doc.jurisdiction
        return next((p for p in (j.name, j.prefix) if p and text.startswith(p)), "") if j else ""

    def near_names(self, text: str) -> list[str]:
        """The names `text` may misspell (`NEAR_EDITS` edits away): the notice's departments' names
        and how it writes them (县公安局), else the registry's labels after its prefix."""
        if self.known is None:
            own = [d.name for d in self.facts.departments.values() if d.concept]
            own += [squeeze(m.surface) for m in self.matches if m.concept and not (m.generic or m.collective)]
            self.known = list(dict.fromkeys(own))
        lead = self.lead(text)
        size = len(text) - len(lead)  # (a label of another length is no nearer than `_near` allows: not tried)
        return [n for n in self.known if _near(text, n)] or \
            [lead + x for x in _registry_names_near(size) if _near(text, lead + x)]

    def note_heading(self, c: Clause, statements: int) -> None:
        """Say that item `c`'s heading (a row's unit cell) names no known department (the analyst
        decides what it is), how many statements it keeps, and which names it may misspell —
        never merged."""
        s, e = (self.duty_rows[c.id][0].start, self.duty_rows[c.id][0].end) if c.id in self.duty_rows \
            else self.heading_name(c)
        written = self.doc.text[s:e]
        kept = "it gives no statements" if not statements else \
            f"its {statements} statement{'s are' if statements > 1 else ' is'} kept under it as written"
        what = "unit cell" if c.id in self.duty_rows else "heading"
        message = f"{what} {written} names no known department; {kept}"
        near = self.near_names(squeeze(self.doc.folded[s:e]))
        if near:
            message += f"; did you mean {' or '.join(near[:NEAR_SHOWN])}?"
        self.notes.append(Note(s, e, kind="unknown-heading", clause=c.id, text=written, message=message))

    def role_parts(self, s: int, e: int) -> Iterator[tuple[int, int, str | None]]:
        """A statement in parts of one role each. It changes role at a comma followed by
        another role's cue ("负责…宣传教育，配合相关职能部门组织…"), and 配合 reaches no further
        than its first comma when an action of the unit's own follows ("积极配合宣传生育政策，
        (并)在长途客运站等交通枢纽设置母婴设施": supporting, then responsible) — after a 配合
        naming whom it supports, only an action opening the part after the comma (`partnered`)."""
        folded = self.doc.folded
        supporting = _supporting_cues()
        said_at, roles = _role_opening()

        def opening(a: int) -> str | None:  # the role a cue at a says, after 积极, 并 …
            m = said_at.match(folded, a, e)
            return roles[m.group("cue")] if m else None

        comma = folded.find(",", s, e)
        role = self.role_of(s, e) if comma >= 0 else None
        if comma < 0 or role != "supporting" and not _role_cues().search(folded, comma, e):
            yield s, e, role  # no comma, or no other role said after one
            return
        start, first, partner = s, True, self.partnered(s, e)
        inside = _enclosed(folded, s, e)  # (县卫健委牵头，县教育局配合): the part's tag, not a part
        for comma in (m.start() for m in _COMMA.finditer(folded, comma, e)):
            if _inside(inside, comma, comma + 1):
                continue
            said = opening(comma + 1)
            # a verb of its own, not 协助 …: anywhere in the rest after a bare 配合 (积极配合宣传…,
            # (并)在…设置母婴设施), opening the part after one naming whom it supports, perhaps
            # after 并, 积极主动 … (配合相关部门…,发挥社会监督作用; 协助…,并组织开展…讲座; not
            # …,对女职工较多的用人单位设置母婴室 or …,并为家庭提供…)
            verb = None if not (role == "supporting" and first and said is None) else next(
                (m.start() for m in self.verbs(comma + 1, e) if m.group(0) not in supporting), None)
            if verb is not None and partner:
                head = folded[comma + 1:verb]
                own = len(_unled(head)) <= _OWN_VERB_GAP
            else:
                own = verb is not None
            first = said is not None  # a 配合 again: its reach starts anew
            partner = self.partnered(comma + 1, e) if first else partner
            if (said is not None and said != role) or own:
                yield start, comma, None
                start, role, first = comma + 1, said or "responsible", True
        yield start, e, None

    def partnered(self, s: int, e: int) -> bool:
        """Whether a supporting cue opens [s, e) and names whom the unit supports right after
        it (配合相关部门…, 协助县卫健委…: pkc:role-partner, or a department's name)."""
        folded = self.doc.folded
        head = folded[s:min(e, s + 12)]
        bare = _unled(head)
        cue = next((c for c, r in _unled_roles() if r == "supporting" and bare.startswith(c)), None) \
            if bare.startswith(_unled_supporting()) else None  # (most statements open with none)
        if cue is None:
            return False
        at = s + len(head) - len(bare) + len(cue)
        k = bisect.bisect_left(self.match_starts, at)
        return folded.startswith(self.cues.parts.get("role-partner", ()), at, e) or \
            k < len(self.matches) and self.matches[k].start == at

    def prose_duties(self, items: list[tuple[int, int]]) -> None:
        """Duties stated in running text, outside the departments' own items: a statement
        whose subject is a department ("财政部门要利用现有资金…", "旗县区卫生健康部门每年组织…"),
        perhaps after a condition ("早教机构从事…的，市场监督管理、教育…等部门按照各自职责加强…"),
        or that gives a task "由" one ("…工作由卫生健康部门牵头"). A field of work (卫生健康部门)
        stands for the body of that field in the jurisdiction it names, else the notice's."""
        folded, seen = self.doc.folded, set()
        count = self.prose_count = {}  # a clause → its statements' duties so far (their ids)
        made: set[tuple[str, int, int, str]] = set()  # (department, span, role) of the duties made
        self.prose_made = made
        self.unlisted: list[tuple[str, int, int, list]] = []  # statements naming a unit the registry lacks
        statements: dict[str, list[tuple[int, int]]] = {}  # a clause's, once one may hold a subject
        openings: dict[str, list[int]] = {}  # where each of those statements starts
        lead = "".join(self.cues.parts.get("prose-lead", ()))
        before = _OPENERS | set(lead) | {w[-1] for w in self.cues.parts.get("prose-agent", ())}
        if self.cues.parts.get("prose-condition"):
            before |= {","}  # …的, closing a condition
        merged: list[list[int]] = []  # the items as disjoint spans, to bisect
        for a, b in sorted(items):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        starts = [a for a, _ in merged]
        # where `after_label` may hold: after a clause's number as written, and the blanks after it
        # (asked of each department not after an opener: most are at none of these few places)
        labelled: set[int] = set()
        for c in self.clauses:
            said = c.label.strip()
            if said and self.doc.text.startswith(said, c.start):
                k = c.start + len(said)
                labelled.add(k)
                while k < len(folded) and folded[k] in _BLANKS:
                    k += 1
                    labelled.add(k)
        # the headings a department's name follows with no line break nor blank (a notice on one line:
        # 四、工作要求连云港海关、…): it may open a statement there, as after a heading's line break
        glued = {e for e in self.glued if (k := bisect.bisect_left(self.match_starts, e)) < len(self.match_starts)
                 and self.match_starts[k] == e}
        for m in self.matches:  # only a department that may open a statement can be its subject
            if m.start and folded[m.start - 1] not in before and not (m.start in labelled and self.after_label(m.start)) \
                    and m.start not in glued:
                continue  # (one opening a numbered item's text, after its number: below)
            k = bisect.bisect_right(starts, m.start) - 1
            if k >= 0 and m.start < merged[k][1]:
                continue  # a department's own item
            leaf = self.leaf_at(m.start)
            if leaf is None or leaf.cells:
                continue  # a table's row is no prose
            own = leaf.own
            if not own.start <= m.start < own.end:
                continue
            # its text after its number: a statement may open there ((1)县应急局负责…, as (三)联席会议办公室…)
            said = leaf.label.strip()
            start = own.start + len(said) if said and self.doc.text.startswith(said, own.start) else own.start
            while start < m.start and folded[start] in _BLANKS:
                start += 1
            if not self.may_open(m, start) and not (m.start in glued and leaf.heading and leaf.heading.end == m.start):
                continue
            if leaf.id not in statements:
                h, parts = leaf.heading, [(start, own.end)]
                if h is not None and start < h.end < own.end and folded[h.end - 1] not in "。:;" \
                        and (folded[h.end] in _BLANKS or h.end in glued):
                    # a heading ends its statement, also where its line break was lost (a notice
                    # on one line: 四、成员单位职责　　市投资促进局负责…)
                    parts = [(start, h.end), (h.end, own.end)]
                statements[leaf.id] = [x for a, b in parts for x in self.statements(a, b)]
                openings[leaf.id] = [s for s, _ in statements[leaf.id]]
            k = bisect.bisect_right(openings[leaf.id], m.start) - 1  # the statements are ordered and disjoint:
            for s, e in statements[leaf.id][max(k, 0):k + 1]:  # the one holding m, not each of a long clause's
                if not s <= m.start < e or s in seen:
                    continue
                seen.add(s)
                found = list(self.subjects(s, e, unlisted=True))
                if not found or self.sets_up(s, e):
                    continue  # a body's set-up (为牵头部门) is the body's
                if any(self.unlisted_units(subject) for subject, _, _ in found):
                    # a unit the registry lacks (连云港港口集团负责…): the statement is kept for when the
                    # members are known (`member_duties`), as read without it until then
                    self.unlisted.append((leaf.id, s, e, found))
                    found = [f for f in found if not self.unlisted_units(f[0])]
                self.prose_statement(leaf.id, s, e, found, made, count)

    def prose_statement(self, leaf: str, s: int, e: int, found: list, made: set, count: dict) -> None:
        """The duties of the statement [s, e) of clause `leaf` whose subjects are `found`."""
        for subject, role, verb in found:
            # one subject's statement changes role at a comma as an item's does (市卫生健康委
            # 负责推进医养结合，配合做好老年健康服务: responsible, then supporting); the first
            # part begins after the subject when the subject opens the statement (市卫生健康委
            # 负责推进… is 负责推进…, as an item's text is: the department is the duty's
            # assignee, its name a mention of it), else at the statement's start (早教机构
            # 从事…的，…等部门…: the condition is the duty's)
            first = s if len(found) > 1 else self.after_subject(subject, s, verb)
            parts = [(s, e, None)] if len(found) > 1 else \
                [(first if x == verb else x, y, r) for x, y, r in self.role_parts(verb, e)]
            for x, y, r in parts:
                said, action, concept = self.role_and_action(verb if x == first else x, y, role if x == first else r)
                for d in subject:
                    did = self.department(d, leaf)
                    if (did, x, y, said) in made:
                        continue  # a department the statement names as its subject again: one duty
                    made.add((did, x, y, said))
                    n = count[leaf] = count.get(leaf, 0) + 1
                    self.facts.duties.append(Duty(
                        x, y, id=f"{leaf}/s{n}", department=did, clause=leaf,
                        text=self.doc.text[x:y], role=said, action=action, action_concept=concept))

    def member_duties(self) -> None:
        """The statements `prose_duties` kept whose subject names a unit the registry lacks
        (连云港港口集团负责…, 连云港海关、连云港港口集团要…): each the duty of its subject's units
        when each such unit is one of the body's members, as written (the member list names it:
        the same unit) — else, as before, none of an unknown one's (a word the matcher read as a
        name, no unit the notice lists)."""
        if not self.unlisted:
            return
        m = self.facts.meeting
        members = set(m.members) if m is not None else set()
        for leaf, s, e, found in self.unlisted:
            if all(self.department(d, leaf) in members for f in found for d in self.unlisted_units(f[0])):
                # (its other subjects' duties made already, as read without these)
                found = [f for f in found if self.unlisted_units(f[0])]
                self.prose_statement(leaf, s, e, found, self.prose_made, self.prose_count)

    def after_subject(self, group: list[DepartmentMatch], s: int, verb: int) -> int:
        """Where a statement [s, …) whose subject `group` opens it (perhaps after 各:
        pkc:prose-lead) goes on after them: after the list, the words closing it (等部门,
        和各相关部门: pkc:prose-list-end) and a comma, a colon or blanks (县人社局，为…,
        区财政局：负责…) — never past its verb at `verb`. `s` when the subject does not open it
        (a condition before it, 由 …)."""
        folded, k = self.doc.folded, s
        lead = "".join(self.cues.parts.get("prose-lead", ()))
        while k < group[0].start and folded[k] in lead:
            k += 1
        if k != group[0].start:
            return s
        at = group[-1].end
        at += next((len(w) for w in self.cues.parts.get("prose-list-end", ()) if folded.startswith(w, at, verb)), 0)
        while at < verb and (folded[at] in _BLANKS or folded[at] in ",:"):
            at += 1  # (县交通运输局：牵头负责…, 区财政局：负责…: a name run in before a colon, `subjects`)
        return at

    def after_label(self, at: int) -> bool:
        """Whether `at` is where a numbered clause's own text begins, after its number (as the
        numbering styles of numbering.ttl read it) and blanks: (1)县应急局负责…"""
        leaf = self.leaf_at(at)
        said = leaf.label.strip() if leaf is not None else ""
        if not said or not self.doc.text.startswith(said, leaf.start):  # (its own text starts where it does)
            return False
        k = leaf.start + len(said)
        while k < at and self.doc.folded[k] in _BLANKS:
            k += 1
        return k == at

    def sets_up(self, s: int, e: int) -> bool:
        """Whether the statement [s, e) says how a body is set up: a match of a set-up pattern
        of any kind of body, each tried only when the statement holds one of its cue words
        (every match of it holds one: most statements holding a cue word hold few patterns')."""
        folded = self.doc.folded
        if not self.cues.setup_cue.search(folded, s, e):
            return False
        setup, by_word = self.cues.setup, _setup_by_word()
        # (the cue words it holds found by one search: `_words_in`; not looked for once a pattern)
        tried = {k for w in _words_in(folded[s:e], self.cues.setup_cue, _setup_passed_over()) for k in by_word[w]}
        return any(setup[k][0].search(folded, s, e) for k in tried)

    def may_open(self, m: DepartmentMatch, floor: int) -> bool:
        """Whether `m` may open a statement or follow 由 (a quick test before `subjects`)."""
        folded, k = self.doc.folded, m.start
        lead = "".join(self.cues.parts.get("prose-lead", ()))
        while k > floor and folded[k - 1] in lead:
            k -= 1
        return k == floor or folded[k - 1] in _OPENERS or \
            any(folded.endswith(w, floor, k) for w in self.cues.parts.get("prose-agent", ())) or \
            any(folded.endswith(w + ",", floor, k) for w in self.cues.parts.get("prose-condition", ())) or \
            folded[k - 1] == "," and (leaf := self.leaf_at(k)) is not None and self.tail_tag(k, leaf.own.end)

    def tag_alone(self, s: int, e: int) -> bool:
        """Whether the statement [s, e) is a task tag in brackets and nothing more (…备案工作。
        （县财政局配合）: after the 。 of the task it closes), which assigns that task and is no
        statement of the item's department."""
        folded = self.doc.folded
        if folded[s] != "(":
            return False
        while e > s and folded[e - 1] in _SENTENCE_ENDS + _BLANKS:
            e -= 1
        m = _PARENTHESIS.match(folded, s, e)
        return m is not None and m.end() == e and bool(self.task_tag(s + 1, e - 1, self.leaf_at(s).id))

    def tail_tag(self, at: int, end: int) -> bool:
        """Whether the statement's part from `at` (after a comma) to its end (the first 。 ; or
        line end before `end`) is a task tag alone, not in brackets (…托育机构登记，市财政局配合。,
        …，市卫健委负责，市财政局配合。): its units the subject of the statement, as in a
        department's item (`subject_parts`) — each given it as a duty in its role."""
        folded = self.doc.folded
        # its end looked for no further than a tag may reach (and the blanks after it): not to
        # the clause's end for each comma of a long line (县卫生健康委负责， repeated: quadratic)
        reach = min(end, at + _HEADING_TAG_MAX + 1)
        stop = STATEMENT_END.search(folded, at, reach)
        if stop is not None:
            stop = stop.start()
        else:
            stop = reach
            while stop < end and folded[stop] in _BLANKS:
                stop += 1
            if stop < end and not STATEMENT_END.match(folded, stop):
                return False  # longer than a tag
        while stop > at and folded[stop - 1] in _BLANKS:
            stop -= 1
        # (a tag alone ends in a role cue, or names roles by their labels: most parts do neither)
        return stop - at <= _HEADING_TAG_MAX and (folded.endswith(_role_words(), at, stop) or ":" in folded[at:stop]) \
            and bool(self.task_tag(at, stop, self.leaf_at(at).id))

    def opens(self, before: str) -> bool:
        """Whether departments after `before` (a statement's text before them) open it: at its
        start, perhaps after 各 (pkc:prose-lead), or after a condition and its comma (…的,:
        pkc:prose-condition)."""
        parts = self.cues.parts
        for w in ("", *parts.get("prose-lead", ())):
            if before.endswith(w):
                rest = before[:len(before) - len(w)]
                if not rest or any(rest.endswith(c + ",") for c in parts.get("prose-condition", ())):
                    return True
        return False

    def subjects(self, s: int, e: int, unlisted: bool = False) -> Iterator[tuple[list[DepartmentMatch], str, int]]:
        """(departments, role, where their verb starts) of the statement [s, e), for each
        list of departments that is its subject (at its start, perhaps after 各 or a condition:
        `opens`) or follows 由 — and is followed, within a few words (要, 依法依规, 每年; after
        the list's 等部门), by a role cue or an action verb: "由卫生健康部门牵头" (lead),
        "教育部门制定具体措施", "由教育部门落实托幼…管理" (responsible). A cue that names a post
        (主要负责同志, 负责人) is none. A unit the registry lacks (连云港港口集团) is a subject
        only when `unlisted`: the caller keeps the statement for a member's (`unlisted_units`)."""
        folded, cues = self.doc.folded, self.cues
        agent, closers = cues.parts.get("prose-agent", ()), cues.parts.get("prose-list-end", ())
        post_words = cues.parts.get("post-after-verb", ())  # 负责同志, 负责人: a post, not a duty
        matches = self.matches_in(s, e)
        # (most departments follow no opener, `_subject_openers`: their statement's text before them
        # is not read — a long line's, for each department in it, was quadratic)
        openers = _subject_openers()
        k = 0
        while k < len(matches):
            if openers is not None and matches[k].start > s and folded[matches[k].start - 1] not in openers:
                k += 1
                continue
            before = folded[s:matches[k].start]
            by = before.endswith(agent)
            if not by and not self.opens(before) and not (before.endswith(",") and self.tail_tag(matches[k].start, e)):
                k += 1
                continue
            group = [matches[k]]  # the list it opens: items apart by separators only
            k += 1
            while k < len(matches):
                gap = folded[group[-1].end:matches[k].start]
                if len(gap) > 3 or gap.strip(LIST_SEPARATORS):
                    break
                group.append(matches[k])
                k += 1
            if any(m.collective and self.jurisdiction_of(m)[1] == "unknown" for m in group) or \
                    not unlisted and self.unlisted_units(group):
                continue
            at = group[-1].end
            if folded.startswith(closers, at, e):  # …、公安等部门 (most lists end in none of them)
                at += next(len(w) for w in closers if folded.startswith(w, at, e))
            if folded.startswith(":", at, e) and not by and not before.strip(_BLANKS):
                at += 1  # 县交通运输局：牵头负责… (永春's, audit9), 区财政局：负责落实… (浦东's, audit10): a paragraph of its own opened by its unit and a colon
            at = self.after_setting(at, e)  # …政府在…建设和改造中,应当…
            after = folded[at:min(e, at + 12)]
            after = after[:m.start()] if (m := _CLAUSE_PUNCT_AT.search(after)) else after
            post = lambda i, word: after.startswith(post_words, i + len(word))  # noqa: E731 (主要负责同志)
            # (one search first: after most lists no cue at all, and then no find of each)
            role = None if not _role_cues().search(after) else next(
                ((k, r) for cue, r in cues.roles for k in [after.find(cue)]
                 if 0 <= k <= _PROSE_GAP and not cue.startswith("为") and not post(k, cue)), None)
            verb = cues.actions.search(after)
            if role is not None:
                yield group, role[1], at + role[0]
            elif verb is not None and verb.start() <= _PROSE_GAP and not post(verb.start(), verb.group(0)):
                yield group, "responsible", at + verb.start()

    def unlisted_units(self, group: list[DepartmentMatch]) -> list[DepartmentMatch]:
        """The units of `group` the registry lacks (concept None) — not a town's village (宏村村负责…)
        nor a body below named in a list of them (各镇人民政府、街道办事处负责…) or addressed together
        first (浦东's 各街道办事处、镇人民政府负责…), nor the zones' bodies addressed together (滨海's
        各功能区管委会负责…: `departments._Scanner.collective_zones`)."""
        return [m for m in group if m.concept is None and not m.collective and not (self.town and town_unit(m.canonical))
                and not (group[0].collective and m.canonical in self.below_words)
                and not any(m.canonical == lead + w for lead in self.collective_leads for w in self.below_words)]

    def after_setting(self, at: int, e: int) -> int:
        """Where a statement goes on after the setting that opens at `at` (在…中, before its
        verb: pkc:prose-setting), or `at` if none does: the setting ends at its first comma,
        with a word that closes one (pkc:prose-setting-end), within `_SETTING_MAX` words."""
        folded, parts = self.doc.folded, self.cues.parts
        if not folded.startswith(parts.get("prose-setting", ()), at, e):
            return at
        stop = m.start() if (m := _CLAUSE_PUNCT_AT.search(folded, at, min(e, at + _SETTING_MAX))) else -1
        if stop < 0 or folded[stop] != "," or not folded.endswith(parts.get("prose-setting-end", ()), at, stop):
            return at
        return stop + 1

    def resolve_span(self, s: int, e: int) -> DepartmentMatch | None:
        """The one department that [s, e) names as a whole (a heading, a table cell), if any."""
        if (s, e) in self.resolved:  # (a heading is asked of again: by its item, by its siblings' `in_duty_part` …)
            return self.resolved[(s, e)]
        m = resolve(self.doc.text[s:e])
        if (m is None or m.collective and m.prefix == self.prefix) and self.town:
            m = resolve_in_town(self.doc.text[s:e], self.prefix) or m  # (镇财政所, 各村委会: a town's own)
        if m is not None and not m.generic:
            m = replaced(m, start=s + m.start, end=s + m.end,
                         prefix=m.prefix if m.prefix or m.national else self.prefix,
                         inherited=m.inherited or m.prefix is None)
        else:
            m = None
        self.resolved[(s, e)] = m
        return m

    def heading_departments(self, c: Clause) -> list[str]:
        """The departments a clause heading names — only if it names nothing else."""
        h = c.heading
        text = self.doc.folded[h.start:h.end].rstrip("。:.： ")
        if not text or len(text) > 40:
            return []
        one = self.resolve_span(h.start, h.start + len(text))
        if one is not None:
            return [self.department(one, c.id)]
        matches = self.matches_in(h.start, h.start + len(text))
        if len(matches) < 2 or any(m.generic for m in matches):
            return []
        covered = "".join(self.doc.folded[m.end:n.start] for m, n in zip(matches, matches[1:]))
        rest = self.doc.folded[h.start:matches[0].start] + covered + self.doc.folded[matches[-1].end:h.start + len(text)]
        if rest.strip(LIST_SEPARATORS):
            return []
        return [self.department(m, c.id) for m in matches]

    def statements(self, start: int, end: int):
        """Atomic statements of [start, end): split at 。；; and line ends (not inside a bracket that
        may be a task tag: `_enclosed`), trimmed."""
        text = self.doc.folded
        pos = start
        inside = _enclosed(text, start, end, quotes=False)  # （牵头单位：…；配合单位：…）: the statement's tag
        for m in STATEMENT_END.finditer(text, start, end):
            if inside and _inside(inside, m.start(), m.start() + 1):
                continue
            if (span := self._trim(pos, m.end() if text[m.start()] != "\n" else m.start())) is not None:
                yield span
            pos = m.end()
        if (span := self._trim(pos, end)) is not None:
            yield span

    def _trimmed(self, s: int, e: int):
        if (span := self._trim(s, e)) is not None:
            yield span

    def _trim(self, s: int, e: int) -> tuple[int, int] | None:
        """[s, e) without the blanks around it, unless less than two characters are left
        (`statements` asks it of each statement: no generator of one made each time)."""
        t = self.doc.text
        if s < e and (t[s].isspace() or t[e - 1].isspace()):  # (most statements: no blank around them)
            while s < e and (t[s].isspace()):
                s += 1
            while e > s and t[e - 1].isspace():
                e -= 1
        if e - s >= 2:  # callers split one clause's text: [s, e) is inside it
            if self.doc.furniture and any(p.start <= s and e <= p.end for p in self.doc.furniture):
                return None  # a page's number or running header, a page break inside a paragraph
            return s, e
        return None

    def role_of(self, s: int, e: int) -> str:
        """A statement's role: lead if its first words hold a lead cue, supporting if it opens
        with a supporting one (after 积极, 并 …, or 要, 应 … its subject said before them:
        pkc:role-modal), else responsible. Its first words end at a comma: 负责专班日常工作，牵头组织…
        (六安's, audit 5) opens responsible, its 牵头 part the lead's (`role_parts`)."""
        folded = self.doc.folded
        head = folded[s:min(e, s + 12)]
        if (comma := head.find(",")) > 0:
            head = head[:comma]
        # most statements hold neither kind of cue; with only one kind, the first in the
        # list's order is of that kind: only with both does the order below decide
        lead, supporting = _role_leads().search(head), _role_supporting_opens().match(head)
        if lead is None or supporting is None:
            return "lead" if lead else "supporting" if supporting else "responsible"
        bare = _unled(head)
        if (modal := _role_modal().match(bare)) is not None:
            bare = _unled(bare[modal.end():])
        for cue, r, stripped in _role_tests():
            if r == "lead":
                if cue in head:
                    return "lead"
            elif bare.startswith(stripped):
                return "supporting"
        return "responsible"

    def role_and_action(self, s: int, e: int, role: str | None = None) -> tuple[str, str, str]:
        """(role, the action verb as written, its concept) of the statement [s, e); `role`:
        already known."""
        role = role or self.role_of(s, e)
        # the quotes (as _QUOTED.finditer finds them) read only as far as the verbs go, not to
        # the statement's end for each of its subjects (由…牵头，由…牵头，… on one line was quadratic)
        folded, at, q = self.doc.folded, s, None
        for m in self.verbs(s, e):
            v = m.start()
            while (q is None or q.end() <= v) and at <= v:
                opening = _QUOTE_OPENS.search(folded, at, v + 1)
                if opening is None:
                    at = v + 1
                    break
                q = _QUOTED.match(folded, opening.start(), e)
                at = q.end() if q is not None else opening.start() + 1  # (one never closed quotes nothing)
            if q is None or not q.start() <= v < q.end():  # 按照“集中统筹…”原则 is not the verb
                return role, self.doc.text[v:m.end()], self.cues.action_of[m.group(0)]
        return role, "", ""

    def verbs(self, s: int, e: int) -> Iterator[re.Match]:
        """The action verbs [s, e) holds: not a noun holding one's label (建设用地), nor one inside
        a department's name (the 监管 of 县市场监管局, the 建设 of 县住房城乡建设局)."""
        action_of, starts, matches = self.cues.action_of, self.match_starts, self.matches
        for m in self.cues.actions.finditer(self.doc.folded, s, e):
            if m.group(0) in action_of:
                k = bisect.bisect_right(starts, at := m.start()) - 1
                if k < 0 or matches[k].end <= at:
                    yield m

    # --- task tags ---------------------------------------------------------------------------

    def assignments(self) -> None:
        """What each task tag assigns: a bracket in a task's clause (…（市卫生健康委牵头，市教育局
        配合）) or a line after the task opening with a role's label (牵头单位：市自然资源和规划局).
        A bracket or line that looks like a tag but cannot be read is noted (`note_tag`)."""
        folded = self.doc.folded
        ditto = set(self.cues.parts.get("same-as-above", ()))
        above: dict[str, Cell] = {}  # a task table's column → its last cell (a merged cell's later rows say 〃)
        for c, own in self.owned:
            if c.kind == "row" and c.style == "table-head":
                above = {}
            # (tag start, end, its inside): a bracket's inside is within it, a line is all inside
            tags = [(m.start(), m.end(), m.start(1), m.end(1))
                    for m in _PARENTHESIS.finditer(folded, own.start, own.end)] \
                if folded.find("(", own.start, own.end) >= 0 else []  # (most clauses: no bracket)
            brackets = [(s, e) for s, e, _, _ in tags]
            # (a tag line has its label's colon or closing bracket; most clauses neither)
            colon = folded.find(":", own.start, own.end) >= 0 or folded.find("]", own.start, own.end) >= 0
            for m in _tag_line().finditer(folded, own.start, own.end) if colon else ():
                s, e = m.start("tag"), m.start("tag") + len(m.group("tag").rstrip())
                if not any(a <= s < b for a, b in brackets):
                    tags.append((s, e, s, e))
            n = 0
            for cell in c.cells if c.kind == "row" else ():
                # a task table's row (序号 | 工作任务 | 牵头单位 | 责任单位): a cell under a role's
                # label (pk:tagLabel) assigns the row's task, as the label's tag would — a cell
                # merged down from the row above (〃, 同上) that cell's units
                label = self.cues.tag_labels.get(squeeze(cell.column).rstrip(":"))
                if label is None or cell.end <= cell.start:
                    continue
                if self.unit_column(cell.column, [x.column for x in c.cells]):
                    continue  # (责任单位 | 工作职责: the row's unit, its duties the row's — `row_head`)
                said = cell  # (its span: the tag of the row, 〃 too)
                if squeeze(self.doc.text[cell.start:cell.end]) in ditto:
                    if cell.column not in above:
                        continue
                    cell = above[cell.column]
                above[cell.column] = cell
                for role, ids in self.task_tag(cell.start, cell.end, c.id, label):
                    n += 1
                    self.facts.assignments.append(Assignment(
                        said.start, said.end, id=f"{c.id}/t{n}", clause=c.id, departments=ids, role=role))
            for start, end, s, e in sorted(tags):
                groups = self.task_tag(s, e, c.id)
                if not groups and not (s > start and self.statement_list(start, end, c.id)):
                    self.note_tag(c, start, end, s, e)  # (not other units' statements: their duties)
                for role, ids in groups:
                    n += 1
                    self.facts.assignments.append(Assignment(
                        start, end, id=f"{c.id}/t{n}",
                        clause=c.id, departments=ids, role=role))
        self.first_leads()

    def first_leads(self) -> None:
        """Read a declaration that each 责任单位 list's first unit is its lead (…、县住房城乡建设局
        （排在首位的为牵头单位，下同）: `_first_lead`) in the tag holding it and — when it says 下同, or
        stands in no tag — in every tag after it, not before (but for one standing below its list or
        table, no tag after it in its part of the notice: the tags above it there): a tag naming no lead gives the first
        of its responsible units the lead, the others keeping their role — not a task whose tags
        (or task table row's cells) name a lead (牵头单位：县财政局 / 责任单位：县教育局、县民政局)."""
        found = self.facts.assignments
        if not any(a.role == "responsible" for a in found):
            return  # (most notices: no 责任单位 list, nothing to look for)
        said = list(_first_lead().finditer(self.doc.folded))
        if not said:
            return
        spans = {(a.start, a.end) for a in found}
        free = [m for m in said if not any(s <= m.start() < e for s, e in spans)]  # standing in no tag
        onward = min((m.start() for m in said if m.group("on") or m in free), default=len(self.doc.folded))
        # one written below its list or table (注：…排在首位的为牵头单位), no 责任单位 list after it in
        # its part of the notice (the body, an attachment): the lists above it there
        back: list[tuple[int, int]] = []
        for m in free:
            zone = next((z for z in self.doc.clauses if z.start <= m.start() < z.end), None)
            if zone is not None and not any(a.role == "responsible" and m.start() < a.start < zone.end for a in found):
                back.append((zone.start, m.start()))
        led = {a.clause for a in found if a.role == "lead"}  # (a task whose tags name its lead keeps it)
        before = len(led)
        out: list[Assignment] = []
        for a in found:
            if a.role == "responsible" and a.clause not in led and \
                    (onward < a.start or any(a.start <= m.start() < a.end for m in said)
                     or any(z <= a.start < at for z, at in back)):
                led.add(a.clause)
                out.append(Assignment(a.start, a.end, clause=a.clause, departments=a.departments[:1], role="lead"))
                a.departments = a.departments[1:]
            if a.departments:
                out.append(a)
        if len(led) == before:
            return
        numbers: dict[str, int] = {}  # each clause's tags numbered again (t1, t2 …)
        for a in out:
            numbers[a.clause] = numbers.get(a.clause, 0) + 1
            a.id = f"{a.clause}/t{numbers[a.clause]}"
        self.facts.assignments = out

    def task_tag(self, s: int, e: int, clause: str, label: str | None = None) -> list[tuple[str, list[str]]]:
        """(role, department ids) groups if [s, e) is a task tag; else []. A tag names
        departments, each run of them closed by a role cue ("市人社局、卫生健康委按职责分工负责",
        "市卫生健康委牵头，市教育局配合"), perhaps after words for others it does not name
        (市教育局等部门配合, 各有关部门配合: `_tag_others`), or opened by a role's label and a colon
        ("牵头单位：市人社局；配合单位：市卫健委、市总工会": pk:tagLabel); anything else in it and
        it is none. A field of work (人社等部门) is that field's body, as in running text; a
        unit no place is known for is one of the others. `label`: the role a label outside
        [s, e) opened (a task table's column: 牵头单位), which the departments from the start have."""
        inner = self.doc.folded[s:e]
        matches = self.matches_in(s, e)
        if any(w in inner for w in self.collective_leads):  # 各镇(街道)按职责分工负责: their governments
            matches = sorted([*matches, *(b for b in collective_addresses(self.doc.folded, s, e)
                                          if not any(m.start < b.end and b.start < m.end for m in matches))],
                             key=attrgetter("start"))
        if not matches:
            return []
        self.unit_notes: list[Note] = []  # the units it names as written (`tag_unit`), said if it is read
        # Everything that is not a department must be a separator, a role cue or a label.
        rest = list(inner)
        named: list[tuple[int, int]] = []  # a bracket after a name is the name's: 县卫健委(县疾控中心)牵头
        for m in matches:
            end = m.end - s
            if inner.startswith("(", end) and (close := inner.find(")", end)) > 0:
                named.append((end, close + 1))
                end = close + 1
            rest[m.start - s:end] = ["\0"] * (end - m.start + s)
        matches = [m for m in matches if not any(a <= m.start - s < b for a, b in named)] if named else matches
        leftover = "".join(rest)
        groups: list[tuple[str, list[str]]] = []
        pending: list[DepartmentMatch] = []
        # (label: the role a label opened, the departments after it have)
        pos = 0
        agent = self.cues.parts.get("prose-agent", ())

        def close(role: str) -> None:
            ids = [self.department(m, clause) for m in pending
                   if not (m.generic and not m.concept or self.unplaced(m))]
            if ids:
                groups.append((role, ids))
            pending.clear()

        for piece in _UNNAMED_TEXT.finditer(leftover):
            # (the matches are in order, disjoint: those between the last piece and this one)
            pending += matches[bisect.bisect_left(matches, pos + s, key=_START):
                               bisect.bisect_left(matches, piece.start() + s, key=_START)]
            pos = piece.end()
            for w in _TAG_WORD.finditer(piece.group(0)):  # 牵头，各有关部门配合: two words
                word, at = w.group(0), piece.start() + w.start()
                if piece.start() == 0 and word in agent and not groups and label is None:
                    continue  # (由县卫健委牵头: the departments it is given to follow)
                colon = word.find("]") if word[0] == "[" else -1
                if colon > 0:  # a label in square brackets ([牵头单位] 县公安局: `_tag_line`), a colon perhaps after it
                    head, cut = word[1:colon], colon + 1 + word.startswith(":", colon + 1)
                else:
                    colon = word.find(":")
                    head, cut = word[:colon], colon + 1
                if colon > 0 and head in self.cues.tag_labels:
                    if pending:
                        if label is None:
                            return []  # departments before it with no role
                        close(label)
                    label = self.cues.tag_labels[head]
                    word, at = word[cut:], at + cut  # (责任单位：宣城银保监分局: a unit's name follows)
                    if not word:
                        continue
                others = next((w for w in _tag_others() if word.startswith(w)),
                              "") if word.startswith(_tag_others()) else ""  # (most start with none)
                bare = word[len(others):].lstrip(LIST_SEPARATORS)  # (和 of 和有关部门 is the words')
                word, at = bare, at + len(word) - len(bare)
                if not word:
                    continue  # a conjunction between two departments, or others among them
                role = next((r for cue, r in self.cues.roles if word == cue or word.endswith(cue)
                             and not word[:-len(cue)].strip(LIST_SEPARATORS + "按职责分工照各自")),
                            None) if word.endswith(_role_words()) else None  # (most words end in none)
                if role is None and label is not None and not others and \
                        self.tag_unit(s + at, s + at + len(word), inner, at, pending, matches):
                    continue  # a unit's name under a label, the registry's or not
                if role is None or not (pending or others):
                    return []
                close(role)
                label = None
        pending += [m for m in matches if pos <= m.start - s]
        if pending:
            if label is None:
                return []
            close(label)
        self.notes += self.unit_notes if groups else ()
        return groups

    def tag_unit(self, a: int, b: int, inner: str, at: int, pending: list[DepartmentMatch],
                 matches: list[DepartmentMatch]) -> bool:
        """Read [a, b), a word of a task tag after a role's label (牵头单位：…) that is neither a
        department the registry names nor a role, as part of a unit's name, the 任务分工 way of
        naming any unit: the rest of the department before it (人民银行|宣城市中心支行: a branch
        of 人民银行), the place before the one after it (宣城|银保监分局), or a unit of its own
        when shaped as an organisation's name (市政务服务中心: short, all CJK, ending as one
        does, pkc:dept-org-suffix), kept as written with a note. Whether it did; `inner` is the
        tag's text, [a, b) at `at` in it; `pending` and `matches` take the unit."""
        folded, text = self.doc.folded, self.doc.text
        word = folded[a:b]
        if not _NAME.fullmatch(word):
            return False
        if pending and pending[-1].end == a and word.endswith(_org_suffixes()):
            m = pending.pop()
            if not m.national:  # a branch of the notice's place's unit: that unit
                pending.append(replaced(m, end=b, surface=text[m.start:b]))
                return True
            a = m.start  # a national body's local branch (国家金融监督管理总局铜陵监管分局): as written
        else:
            k = next((i for i, m in enumerate(matches) if m.start == b), None) if b - a <= 4 else None
            if k is not None:  # (read where its name begins, not once its place is passed)
                pending.append(replaced(matches.pop(k), start=a, surface=text[a:b]))
                pending[-1] = replaced(pending[-1], surface=text[a:pending[-1].end])
                return True
            if not 2 < len(word) <= HEADING_NAME_MAX or not word.endswith(_org_suffixes()):
                return False
        written = text[a:b]
        word = folded[a:b]
        lead = self.lead(word)
        pending.append(DepartmentMatch(a, b, written, None, lead or self.prefix, not lead, squeeze(written), False))
        self.unit_notes.append(Note(a, b, kind="unknown-unit", clause=self.leaf_at(a).id, text=written,
                               message=f"task tag names {written}, no department the registry knows; "
                                       "its task is assigned to it as written"))
        return True

    def note_tag(self, c: Clause, start: int, end: int, s: int, e: int) -> None:
        """Say that [start, end) looks like a task tag — it names a department and a role (a cue
        not naming a post, 负责同志, nor describing a noun, 牵头制定的方案: pkc:role-modifier; or a
        label) — but cannot be read: its task is no one's. Not a bracket opening with words no tag
        opens with (详见…, 不含…: pkc:tag-not-opening); one opening with 由 (（由县卫健委牵头，县教育局配合
        实施）) is noted as any other."""
        folded = self.doc.folded
        if not any(m.concept and not m.generic for m in self.matches_in(s, e)):
            return
        k = s
        while k < e and folded[k] in _BLANKS:
            k += 1
        if folded.startswith(self.cues.parts.get("tag-not-opening", ()), k, e):
            return  # (详见…, 不含…: a reference, an exception, an aside)
        post_words = self.cues.parts.get("post-after-verb", ())
        modifier = self.cues.parts.get("role-modifier", ())

        def describes(m: re.Match) -> bool:  # 牵头制定的方案, 负责的公立医院: the cue is a noun's
            stop = _TAG_SEPARATOR.search(folded, m.end(), e)
            return any(w in folded[m.end():stop.start() if stop else e] for w in modifier)

        roles = [m for m in _role_cues().finditer(folded, s, e)
                 if not folded.startswith(post_words, m.end(), e) and not describes(m)]
        if not roles and not any(folded.find(w, s, e) >= 0 for w in self.cues.tag_labels):
            return
        written = self.doc.text[start:end]
        self.notes.append(Note(start, end, kind="unread-task-tag", clause=c.id, text=written,
                               message=f"task tag {written} names departments and a role but cannot be read; "
                                       "its task is assigned to no one"))

    # --- the coordination body (a joint meeting, a leading group …) ------------------------------

    def note_unknown_units(self) -> None:
        """Say of each unit the registry does not know that a list names among others — the
        body's member units (成员单位：…、市政务服务中心、…) or a task tag's (牵头单位：市数据资源局、
        市政务服务中心) — that it is kept as written (kind ``unknown-unit``), once, where the list
        first names it: the matcher reads such a name whole, so no heading or tag note said so.
        Not a unit noted already (a tag's `tag_unit`, a heading's `note_heading`), nor the
        body itself or its office as units."""
        units, m = self.facts.departments, self.facts.meeting
        body = {m.unit, m.office_unit} if m is not None else set()
        listed: dict[str, tuple[int, int, str]] = {}  # unit → where a list first names it, and which
        if m is not None:
            for did, at in zip(m.members, m.member_at):
                listed.setdefault(did, (at.start, at.end, "member"))
        starts: dict[str, list[int] | None] = {}  # a unit's mentions' starts, when in order (else None)

        def first_mention(did: str, a: Assignment):  # the first of its mentions inside the tag
            mentions = units[did].mentions
            if did not in starts:
                at = [x.start for x in mentions]
                starts[did] = at if all(p <= q for p, q in zip(at, at[1:])) else None
            at = starts[did]
            if at is None:
                return next((x for x in mentions if a.start <= x.start < a.end), None)
            k = bisect.bisect_left(at, a.start)  # (not each of its mentions for each tag: quadratic)
            return mentions[k] if k < len(at) and at[k] < a.end else None

        for a in sorted(self.facts.assignments, key=_START_END):
            for did in a.departments:
                at = first_mention(did, a) if did in units else None
                if at is not None and (did not in listed or at.start < listed[did][0]):
                    listed[did] = (at.start, at.end, "task")
        noted = [(n.start, n.end) for n in self.notes if n.kind in ("unknown-unit", "unknown-heading")]
        found = []
        for did, (s, e, how) in listed.items():
            unit = units.get(did)
            if unit is None or unit.concept is not None or did in body or \
                    any(p < y and x < q for x, y in ((x.start, x.end) for x in unit.mentions) for p, q in noted):
                continue
            written = self.doc.text[s:e]
            said = ("member list names {}, no department the registry knows; it is kept as a member as written"
                    if how == "member" else
                    "task tag names {}, no department the registry knows; its task is assigned to it as written")
            found.append(Note(s, e, kind="unknown-unit", clause=self.leaf_at(s).id, text=written,
                              message=said.format(written)))
        self.notes += sorted(found, key=_START_END)

    def meeting(self) -> None:
        """The coordination body the notice sets up: of the kinds of body it names (their
        words: cues.ttl), the first whose set-up it states (a joint meeting first)."""
        folded = self.doc.folded
        self.group_items = self.working_group_items()
        for body in self.cues.bodies:
            if body.words.search(folded) is None:
                continue  # a notice sets up only a body it names
            numbered = dict(self.post_count)
            if self.body(body):
                self.working_groups(self.facts.meeting)
                self.running_groups(self.facts.meeting)
                return
            self.post_count = numbered  # the posts read for another kind are gone: so are their numbers

    def body(self, body: BodySetup) -> bool:
        """Read the set-up of a body of `body`'s kind (pkc:setup-* of cues.ttl made for its
        words) and, when the notice states one, its rules, who takes part, its office's
        duties: `facts.meeting`. Whether it did."""
        doc, folded = self.doc, self.doc.folded
        kind = body.kind
        self.body_words = kind.words
        self.body_kind = kind
        self.body_subject = body.name_as_subject
        self.body_requirement = body.requirement
        meeting = Meeting(kind=kind.notation)
        found = False
        posts = len(self.facts.posts)  # the set-up's posts (convenor …) go with it
        setup = body.setup
        invited: list[tuple[int, int]] = []  # whom the body may invite (pkc:setup-invitee)
        office_said: dict[tuple[int, int], str] = {}  # what the office does, said setting it up → clause
        cue_words = frozenset(w for _, words in setup.values() for w in words)  # (body.setup_cue: any of them)
        hiding = _passed_over(cue_words)
        composed_members = False  # the members from a 由…组成 phrase, which a list replaces
        head_listed = False  # the heads from a list (组  长:…), which more lines of 组长 add to
        self.lost_lines = []  # (those put back for another kind of body's lists are not this one's)
        for c, own in self.owned:
            if not body.setup_cue.search(folded, own.start, own.end) or c.id in self.group_items:
                continue  # most clauses say nothing about the body's set-up (a working group's: its own)
            # its text after its number: a sentence opening the item opens there ((四)联席会议办公室要…)
            said = c.label.strip()
            start = own.start + len(said) if said and doc.text.startswith(said, own.start) else own.start
            parts = [(start, own.end)]
            h = c.heading
            if h is not None and start < h.end < own.end and folded[h.end - 1] not in "。:":
                # a heading ends its line (二、成员单位), also where the line break was lost (a
                # notice written on one line): no set-up sentence runs over it
                k = h.end
                while k < own.end and folded[k].isspace():
                    k += 1
                parts = [(start, h.end), (k, own.end)]
            # each part with the cue words it holds (asked once, not once a pattern) and, once
            # a pattern has words in it, where its sentences end
            segs = [(base, seg, _words_in(seg, body.setup_cue, hiding), [], []) for base, stop in parts
                    for seg in (folded[base:stop],)]
            held_any = set().union(*(held for _, _, held, _, _ in segs))

            def spans(what: str) -> list[tuple[int, int, re.Match]]:  # what each match reads
                pattern = setup[what]
                if held_any.isdisjoint(pattern[1]):
                    return []  # no word of it in the clause (most patterns): no match
                out = []
                for base, seg, held, ends, lined in segs:
                    if what in _LISTS and not held.isdisjoint(pattern[1]):
                        # a make-up listed a role a line: its lines put back where they were lost
                        if not lined:
                            lined.append(self.run_in_lines(body, base, seg))
                        if lined[0] is not None:
                            text, marks, ends2 = lined[0]
                            out += [(base + m.start(g) - bisect.bisect_left(marks, m.start(g)),
                                     base + m.end(g) - bisect.bisect_left(marks, m.end(g)), m)
                                    for m in _sentence_matches(text, pattern, ends2) for g in (_read(m),)]
                            continue
                    if not held.isdisjoint(pattern[1]):  # else no match (and no sentences to look for)
                        if not ends:  # (a part without ends: its end, which makes the same windows)
                            ends += _sentence_ends(seg) or [len(seg)]
                        # (the sentences holding those of its words the part holds: no others looked for)
                        words = tuple(held.intersection(pattern[1]))
                        out += [(base + m.start(g), base + m.end(g), m)
                                for m in _sentence_matches(seg, (pattern[0], words), ends) for g in (_read(m),)]
                if what in _LISTS:  # 成　员：王五　县财政局副局长；赵六　县教育局局长: the items after a ；
                    out = [(s, self.items_after_semicolon(body, e), m) for s, e, m in out]
                return out

            for s, e, _ in spans("head"):
                # 召集人由县政府分管副县长和县卫健委主任担任, 组长由县委书记、县长担任: each post a head
                heads, unit = [], ""
                for a, b in self._split_people(s, e):
                    heads.append(self.person_post(a, b, kind.head, c.id, unit if folded[a - 1:a] in ("及", "和") else ""))
                    unit = self.facts.posts[-1].department
                meeting.convenor, meeting.co_convenors = heads[0], heads[1:]
                found = True
            for s, e, _ in spans("head-list"):  # 组  长:张三(县政府副县长), 、李四(县政府县长) or a line each: each a head
                heads = self.list_posts(s, e, kind.head, c.id)
                if heads and (meeting.convenor is None or head_listed):  # (组长 a line each: each a head)
                    self.add_heads(meeting, heads)
                    head_listed = found = True
            for s, e, _ in spans("deputy-head"):
                unit = ""
                for a, b in self._split_people(s, e):
                    # 卫健委主要负责同志及分管负责同志: the second post is the same unit's
                    implied = unit if folded[a - 1:a] in ("及", "和") else ""
                    meeting.deputy_convenors.append(self.person_post(a, b, kind.deputy, c.id, implied))
                    unit = self.facts.posts[-1].department
                found = True
            for s, e, _ in spans("deputy-head-list"):  # 副组长:李四(…)、王五(…), or one a line
                deputies = self.list_posts(s, e, kind.deputy, c.id)
                # (凉山's 附件 names who holds the posts its body gave: 副召集人由州政府副秘书长、州卫生健康委主任担任)
                said = {squeeze(f.value) for f in meeting.deputy_convenors}
                set_up = [f for f in meeting.deputy_convenors if not any(f is x for x in self.listed_deputies)]
                if len(deputies) != len(set_up):  # (as many as the text's sentences set up: the same
                    # posts, named otherwise — 正定's 县政府分管副县长 / 附件 马国栋　县政府副县长; not as many
                    # as a list before gave: 洛川's 常务副组长：… line, then 副 组 长：…)
                    added = [f for f in deputies if squeeze(f.value) not in said]
                    meeting.deputy_convenors += added
                    self.listed_deputies += added
                found = found or bool(deputies)
            for s, e, m in spans("office"):
                hits = self.departments_in(s, e, c.id)
                if not hits and (unit := self.unknown_unit(s, e)) is not None:
                    hits = [(unit, self.department(unit, c.id))]  # 办公室设在街道城市管理办公室: as written
                if hits:
                    meeting.office = hits[0][1]
                    meeting.office_at = self.said(s - m.start(_read(m)) + m.start(), e, hits[0][1], c.id)
                    found = True
            for s, e, _ in spans("office-director"):
                meeting.office_director = self.post_field(s, e, "office_director", c.id)
            for s, e, m in spans("office-deputy-director"):
                # 副主任由胡斌同志、市政府办公室副主任刘洋同志担任: the office's, in a sentence setting it up
                if m.group("office") or self.sets_up_office(own.start, s - m.start(_read(m)) + m.start()):
                    for a, b in self._split_people(s, e):
                        self.post_field(a, b, "office_deputy_director", c.id)
            for s, e, _ in spans("office-director-list"):  # 办公室主任:张三(县卫生健康委主任)
                directors = self.list_posts(s, e, "office_director", c.id)
                if directors and meeting.office_director is None:
                    meeting.office_director = directors[0]
            for s, e, _ in spans("office-duty"):  # 办公室设在…,承担…日常工作: the office's (`office`)
                office_said.setdefault((s, e), c.id)
            office_members: list[tuple[int, int]] = []
            for s, e, m in spans("office-members"):
                # the office's only in a sentence setting it up (办公室设在…,成员由…组成) or saying 办公室成员
                before = folded[max(own.start, s - _LOOK_BACK):s]
                sentence = before[max(before.rfind(ch) for ch in _SENTENCE_ENDS) + 1:] + folded[s - m.start(_read(m)) + m.start():s]
                if any(w in sentence for w in self.cues.parts.get("office-setup", ())) and meeting.office_members is None:
                    meeting.office_members = self.post_field(s, e, "office_member", c.id)
                    self.facts.posts[-1].in_office = True
                    office_members.append((s, e))
            for s, e, m in spans("liaison"):
                meeting.liaison = self.post_field(s, e, "liaison", c.id)
                self.facts.posts[-1].in_office = m.groupdict().get("office") is not None
            for s, e, m in spans("lead"):
                hits = self.departments_in(s, e, c.id)
                if hits and _leader_post().search(folded[s:e].rstrip()):
                    hits = []  # 联席会议由县政府分管副县长牵头: the convenor, no lead unit
                if hits:
                    # the units listed last (县卫健委、县教育局为牵头单位: each), not what the part says before them
                    k = len(hits) - 1
                    while k and not folded[hits[k - 1][0].end:hits[k][0].start].strip(" \t、和及与"):
                        k -= 1
                    if len(hits) == k + 1 and folded.startswith(")", hits[k][0].end) and \
                            folded[hits[k][0].start - 1:hits[k][0].start] == "(":
                        # 市政府办公室（市口岸办）为牵头单位: the unit before its other name in brackets
                        before = [h for h in self.departments_in(max(own.start, s - _LOOK_BACK), hits[k][0].start - 1, c.id)
                                  if h[0].end == hits[k][0].start - 1]
                        hits, k = before or hits, 0
                    units = list(dict.fromkeys(did for _, did in hits[k:]))
                    # from the units on (县卫健委为牵头单位)
                    self.lead_units(meeting, units, hits[k][0].start, s - m.start(_read(m)) + m.end(), c.id)
            invited += [(s, e) for s, e, m in spans("invitee")
                        if m.groupdict().get("bare") is None or self.after_body_sentence(own.start, s)]
            for s, e, m in spans("members"):
                if any(a < e and s < b for a, b in office_members):
                    continue  # who sits in the office, not the body's member units
                hits = self.member_units(s, e, self.departments_in(s, e, c.id))
                # 联席会议由…组成, …、…分管负责同志为成员: a phrase another list replaces
                composed = m.groupdict().get("composed") is not None or m.groupdict().get("named") is not None
                if m.groupdict().get("led") is not None:  # 联席会议由县卫健委牵头,县教育局、…组成
                    composed = True
                    led = s - m.start(_read(m)) + m.start("led")
                    if _leader_post().search(folded[s:led].rstrip()):
                        hits = [(h, did) for h, did in hits if h.start >= led]  # (县政府分管副县长牵头: the convenor)
                if len(hits) >= 2 and (not meeting.members or composed_members and not composed):
                    # a list of units (…等21个单位, 成员单位包含…) wins over a 由…组成 phrase
                    composed_members = composed
                    meeting.members, meeting.member_at = _listed(hits)
                    count = m.groupdict().get("count")
                    if count:
                        meeting.stated_count = int(count) if count.isdigit() else chinese_number(count)
                        at = s - m.start(_read(m)) + m.start("count")
                        meeting.count_at = self.said(at, at + len(count), "", c.id)
                    found = True
            for s, e, _ in spans("members-list"):  # 成  员:赵六(县教育局局长)、…: units, and who sits for them
                # (a post of a unit the registry lacks, 郑永军　县自来水公司经理: that unit as written)
                self.units_of_posts(s, e)
                hits = self.departments_in(s, e, c.id)
                # (one unit too where its item names who sits for it: 成　员：曹建国　县教育局局长)
                if (len(hits) >= 2 or hits and self.names_holder(s, e)) and (not meeting.members or composed_members):
                    composed_members = False
                    meeting.members, meeting.member_at = _listed(hits)
                    self.list_posts(s, e, "lead", c.id, named=True)
                    found = True
                elif len(hits) >= 2 and self.names_holder(s, e):
                    # the units counted before (…等17个部门和单位组成) keep the list; who sits for each is
                    # still read (凉山's 附件: 成　　员：沙马拉古　州卫生健康委副主任 / 王志刚　州委编办副主任 …)
                    self.list_posts(s, e, "lead", c.id, named=True)
                self.note_member_items(s, e, hits, c.id)
        tabled = meeting.convenor is None and not meeting.members  # (the make-up a table's alone)
        if tabled and self.role_table(kind, meeting):
            found = True
        meeting.rules = self.rules(found)
        if meeting.rules:
            found = True
        # A table of the meeting's member units and their leads and liaisons sets it up too:
        # a notice may be that attachment alone (its title names the joint meeting, below).
        found = found or any(p.role in ("lead", "liaison") and p.department for p in self.facts.posts[:posts])
        found = found or self.adjusted_body(body)  # 关于调整…联席会议组成人员的通知 listing its changes alone
        if not found:
            del self.facts.posts[posts:]
            return False
        meeting.name, meeting.name_at = self.meeting_name(body)
        if not meeting.members:  # a table of member units and their duties (单位 | 职责): a row a member
            meeting.members, meeting.member_at = _listed(self.member_rows())
        if not meeting.members:  # a table of member units: each unit named in the row of its first post
            meeting.members, meeting.member_at = _listed(
                (next((x for x in self.facts.departments[p.department].mentions if x.clause == p.clause), p),
                 p.department)
                for p in self.facts.posts if p.role in ("lead", "liaison") and p.department)
        meeting.clause = self.setup_clause(meeting, posts)
        # The set-up's posts by role, what a rule's 召集人 names: those of the first sentence
        # naming posts of that role (a text repeating its set-up names no more of them).
        posts_of: dict[str, list[str]] = {}
        last: dict[str, Post | None] = {}  # role → its last post taken; None once its sentence ended
        for p in self.facts.posts[posts:]:
            prev = last.get(p.role, p)
            if prev is not None and (prev is p or not _SENTENCE_END.search(folded, prev.end, p.start)):
                posts_of.setdefault(p.role, []).append(p.id)
                last[p.role] = p
            else:
                last[p.role] = None
        for rule in meeting.rules:
            rule.participants = self.participants(rule, posts_of)
        if not tabled and meeting.convenor is not None:
            # the text set the head up (组长由…担任 … 成员名单见附件): a table names who holds the posts
            # (read after the set-up's clause and posts: it sets nothing up)
            self.role_table(kind, meeting, holders=True)
        # An invitation inside a rule's text is that rule's (全体会议可以…邀请…参加); the others
        # are the joint meeting's as a whole (联席会议可根据工作需要邀请其他有关部门和单位参加).
        invited = [(s, e) for s, e in invited if not any(r.start <= s and e <= r.end for r in meeting.rules)]
        meeting.participants = [self.participant(s, e, f"meeting/invitee{n}", "invitee", posts_of)
                                for n, (s, e) in enumerate(invited, 1)]
        for rule in meeting.rules:  # 由联席会议办公室牵头组织…开展一次综合督查: the office's duty too
            for p in rule.participants:
                if p.part == "organiser" and body.office_heading.fullmatch(folded, p.start, p.end):
                    office_said.setdefault(self.sentence_at(p.start, rule), rule.clause)
        self.office(body, meeting, office_said)
        self.body_duties(body, meeting)
        self.facts.meeting = meeting
        return True

    def adjusted_body(self, body: BodySetup) -> bool:
        """Whether the notice's title adjusts a body of `body`'s kind (关于调整…联席会议组成人员的通知:
        a word of pkc:adjustment-title before the name pkc:name-in-heading reads): the notice is
        about that body though it may write its changes alone, no sentence setting it up."""
        words = self.cues.parts.get("adjustment-title", ())
        title = self.doc.title or ""
        if not words or not any(w in title for w in words):
            return False  # (most notices)
        m = body.name_in_heading.search(squeeze(title))
        lead = body.name_lead.match(m.group(1)) if m is not None else None  # …关于调整 (not 关于印发…结构调整…)
        return lead is not None and any(w in lead.group() for w in words)

    def changes(self) -> None:
        """What a notice adjusting its body changes (pkc:change-* of cues.ttl): units joining and
        leaving, posts passing from one holder to another — `facts.changes`, each traced to its
        clause and words. The body read from the rest of the notice follows them: a unit that
        joins is a member (listed where the notice adds it, unless a list names it), one that
        leaves is none, an incoming head or deputy holds the post (召集人由X调整为Y: Y's), an
        outgoing holder holds no post of the role he leaves."""
        meeting = self.facts.meeting
        if meeting is None:
            return
        made, cue_words = _changes_of()
        doc, folded = self.doc, self.doc.folded
        words = _change_cues()[1]
        member_words, unit_words = words.get("member-post", ()), words.get("member-unit", ())
        units_only = _unit_change_words()
        if not self.may_change(cue_words, units_only, unit_words):
            return  # (most notices: no word of a change, or 增加, 纳入 … with no 成员单位 after them)
        after = tuple(w for what in _CHANGE_AFTER for w in made.get(what, (None, ()))[1])
        hits = [(k, w) for w in cue_words + after for k in _occurrences(folded, w)]  # where a word of a change is: once
        if not hits:
            return  # (most notices: no word of a change)
        cued = sorted(k for k, _ in hits)
        kind = next((b.kind for b in self.cues.bodies if b.kind.notation == meeting.kind), None)
        live = sorted(k for k, w in hits if w not in units_only or self.unit_word_after(k + len(w), unit_words))
        reason_p = made.get("reason", (_NEVER, ()))[0]
        opening: Field | None = None  # the reason the opening gives (因工作需要和人员变动), for every item
        for c, own in self.owned:
            said = c.label.strip()
            start = own.start + len(said) if said and doc.text.startswith(said, own.start) else own.start
            if opening is None and c.kind == "zone" and not self.facts.changes \
                    and (r := reason_p.search(folded, start, own.end)):
                # (read whatever words of a change the opening holds: 为进一步…, 任 and 为 are pkc:change-takes-named's)
                opening = _reason_field(r)
            k = bisect.bisect_left(cued, start)
            if k == len(cued) or cued[k] >= own.end:  # no word of a change in the clause (most)
                continue
            k = bisect.bisect_left(live, start)
            if k == len(live) or live[k] >= own.end:
                continue  # (增加投入, 纳入考核: a unit's change word with no 成员单位 after it in its part)
            seg = folded[start:own.end]
            found: list[tuple[int, Change]] = []  # (where it is said, the change) in the clause's order
            ends: list[int] | None = None  # each pattern tried on the sentences holding its words only
            for what in ("unit-post", "post-left", "replaces", "adjusted", "takes", "takes-named", "count", "count-by",
                         "joins", "leaves"):
                pattern = made.get(what)
                if pattern is None or not any(w in seg for w in pattern[1]) \
                        or what in ("joins", "leaves") and not any(w in seg for w in unit_words):
                    continue  # (纳入, 增加 in a clause naming no member unit: no unit joins)
                if ends is None:
                    ends = _sentence_ends(seg)
                if what in ("count", "count-by"):
                    # the number of member units: 成员单位由12个调整为15个 (before, after), or by how many,
                    # neither written (成员单位增加3个: +3, 减少1个: −1)
                    for m in _sentence_matches(seg, pattern, ends):
                        groups = m.groupdict()
                        if what == "count":  # (成员单位增至14个, 调整后成员单位为14个: no before)
                            after_n = next(v for g, v in groups.items() if v and g.startswith("after"))
                            counts = {"count_from": _count(groups["before"]) if groups["before"] else None,
                                      "count_to": _count(after_n)}
                        else:  # (more3, fewer3 …: each wording's own group)
                            more = next((v for g, v in groups.items() if v and g.startswith("more")), None)
                            fewer = next((v for g, v in groups.items() if v and g.startswith("fewer")), None)
                            if (n := _count(more or fewer or "")) is None:
                                continue
                            counts = {"count_by": n if more else -n}
                        g = next(g for g, v in groups.items() if v is not None and g.startswith("post"))
                        a, b, said = start + m.start(g), start + m.end(g), m.group()
                        found.append((m.start(), Change(start + m.start() + len(said) - len(said.lstrip(_BLANKS)),
                                                        start + m.end(), kind="recounted", clause=c.id,
                                                        post=Field(a, b, "post", doc.text[a:b]), **counts)))
                    continue
                if what in ("post-left", "replaces", "adjusted", "unit-post", "takes", "takes-named"):
                    for m in _sentence_matches(seg, pattern, ends):
                        change = self.succession(c, start, m, kind, member_words, what)
                        if change is not None:
                            found.append((m.start(), change))
                    continue
                joined = "joined" if what == "joins" else "left"
                for m in _sentence_matches(seg, pattern, ends):
                    g = next(k for k in ("units", "units2") if k in m.groupdict() and m.group(k) is not None)
                    a, b = start + m.start(), start + m.end()
                    a += len(seg[m.start():]) - len(seg[m.start():].lstrip(_BLANKS))
                    for hit, did in self.changed_units(start + m.start(g), start + m.end(g), c.id):
                        found.append((m.start(), Change(a, b, kind=joined, clause=c.id, department=did)))
                        if joined == "joined" and did not in meeting.members:
                            meeting.members.append(did)
                            meeting.member_at.append(Span(hit.start, hit.end))
                            self.unnote_member(self.doc.text[hit.start:hit.end])
                        elif joined == "left" and did in meeting.members:
                            k = meeting.members.index(did)
                            del meeting.members[k]
                            if k < len(meeting.member_at):
                                del meeting.member_at[k]
            found.sort(key=lambda x: x[0])
            for n, (_, change) in enumerate(found, len([x for x in self.facts.changes if x.clause == c.id]) + 1):
                change.id = f"{c.id}/change{n}"
                r = None
                lo = max((folded.rfind(ch, own.start, change.start) for ch in _SENTENCE_ENDS), default=-1)
                for r in reason_p.finditer(folded, max(lo + 1, own.start), change.end):
                    break
                change.reason = _reason_field(r) if r else opening
                self.facts.changes.append(change)

    def post_lists(self) -> None:
        """The other units a post written as a list of posts, each after its unit, is held from
        (`Post.also`): 街道党工委副书记、办事处主任 from the 街道党工委 (its `department`) and the 街道's
        government (街道办事处, named after the list's separator) — what the graph's pk:homeUnit says; not
        for a post of the body or its office. One search a post: most hold no separator."""
        m, text = self.facts.meeting, self.doc.text
        skip = {m.unit, m.office_unit} if m is not None else set()
        at: list[tuple[int, str]] | None = None  # (where, department) of every mention, once
        for post in self.facts.posts:
            if not post.department or post.department in skip \
                    or not _POST_LIST_AT.search(text, post.start, post.end):
                continue  # (most posts: one unit's)
            if at is None:
                at = sorted((x.start, did) for did, dep in self.facts.departments.items() for x in dep.mentions)
            k = bisect.bisect_right(at, (post.start, "\uffff"))
            while k < len(at) and at[k][0] < post.end:
                s, did = at[k]
                if text[s - 1] in _POST_LIST and did not in skip and did != post.department and did not in post.also:
                    post.also += (did,)
                k += 1

    def may_change(self, cue_words: tuple[str, ...], units_only: frozenset[str], unit_words: tuple[str, ...]) -> bool:
        """Whether the notice may write a change: a word of a post's change (不再担任, 接替, 调整为)
        anywhere, or a member unit's word (成员单位) with a word only units joining or leaving say
        (增补, 列为, 退出 …) before it in its part — what every change holds. A few str.find over
        the notice, not one for each of the change words (most notices: none of them, or 增加,
        纳入 in other words)."""
        folded = self.doc.folded
        if any(w in folded for w in cue_words if w not in units_only):
            return True
        if not units_only:
            return False
        before, back, n = _unit_change_before(), None, len(folded)
        for u in unit_words:
            for j in _occurrences(folded, u):
                if back is None:
                    back = folded[::-1]  # (read backwards from each 成员单位: its part's words)
                if before.match(back, n - j) is not None:
                    return True
        return False

    def unit_word_after(self, at: int, unit_words: tuple[str, ...]) -> bool:
        """Whether a member unit's word (成员单位) follows `at` in its part (before , ; 。 or a
        line's end): where a unit's change word may say a unit joins or leaves."""
        folded = self.doc.folded
        end = m.start() if (m := _PART_END.search(folded, at)) else len(folded)
        return any(folded.find(w, at, end) != -1 for w in unit_words)

    def unnote_member(self, written: str) -> None:
        """A unit joining the body (增补县乡村振兴服务中心为成员单位) is a member: a make-up list's item
        naming a post of it (县乡村振兴服务中心主任, noted ``unread-member`` before the changes were
        read) no longer says its unit is none."""
        name = squeeze(written)
        self.notes = [n for n in self.notes if n.kind != "unread-member" or not squeeze(n.text).startswith(name)]

    def changed_units(self, s: int, e: int, clause: str) -> list[tuple[DepartmentMatch, str]]:
        """The units a change names in [s, e): those of its last part (between commas) naming
        any — 县扶贫办 of 县扶贫办已撤并,不再列为…, not the units of a list before it in its sentence
        (联席会议由县应急局、县公安局组成,县扶贫办不再作为成员单位)."""
        hits = self.departments_in(s, e, clause)
        cut = self.doc.folded.rfind(",", s, e)
        while hits and cut != -1:
            last = [h for h in hits if h[0].start > cut]
            if last:
                return last
            cut = self.doc.folded.rfind(",", s, cut)
        return hits

    def succession(self, c: Clause, base: int, m: re.Match, kind: BodyKind | None,
                   member_words: tuple[str, ...], what: str = "") -> Change | None:
        """A post passing from one holder to another, as match `m` of a change template `what`
        reads it (at `base`): None when its post names no post of the body (成员单位由12个调整为
        15个) nor a unit's own (县农业农村局局长: `unit_succession`)."""
        folded = self.doc.folded
        groups = m.groupdict()

        def span(g: str) -> tuple[int, int] | None:
            if groups.get(g) is None or not groups[g].strip(_BLANKS):
                return None
            a, b = base + m.start(g), base + m.end(g)
            while a < b and folded[a] in _BLANKS:
                a += 1
            return a, b

        post = span("post") or span("post2")
        if post is None:
            return None
        words = folded[post[0]:post[1]]
        role = next((self.post_role_of(w) for w in sorted(self.cues.post_role, key=len, reverse=True)
                     if words.endswith(w)), None)
        if role is None and any(words.endswith(w) for w in member_words):
            role = "lead"  # 领导小组成员: a member unit's official
        if what in ("takes", "takes-named") and (span("in") is None or self.change_holder(*span("in")) is None):
            return None  # (其主要负责同志为领导小组成员: a post taken by no one named)
        if what == "takes-named" and not any(folded.startswith(w, post[0]) for b in self.cues.bodies for w in b.kind.words) \
                and self.unit_post(post[0], post[1], c.id, kind) is None \
                and not self.named_elsewhere(self.change_holder(*span("in")).value, base + m.start(), base + m.end()):
            return None  # (李明任县教育体育局局长, 王芳为联席会议副召集人: not 各乡镇为成员, no 同志 to say it is a name;
            # 许文斌任副组长 where another item writes 许文斌同志)
        if role is None or what == "unit-post" or role == "office_director":
            # 县农业农村局局长由詹红卫同志担任: a unit's own post — 县政府办公室主任 too, a unit's, not the
            # director of the body's office (办公室主任, 领导小组办公室主任: no unit of the registry)
            unit = self.unit_post(post[0], post[1], c.id, kind)
            if unit is not None:
                return self.unit_succession(c, base, m, post, unit, span("out"), span("in"))
            if role != "office_director" or what == "unit-post":
                return None
        out, came = span("out"), span("in")
        a = min(x[0] for x in (out, came, post) if x)
        change = Change(a, base + m.end(), kind="succession", clause=c.id, role=role,
                        post=Field(post[0], post[1], "post", self.doc.text[post[0]:post[1]]),
                        outgoing=self.change_holder(*out) if out else None,
                        incoming=self.change_holder(*came) if came else None)
        posts = self.facts.posts
        meeting = self.facts.meeting
        if change.outgoing is not None:  # who leaves a post holds it no more
            gone = [p for p in posts if p.role == role and p.person == change.outgoing.value]
            for p in gone:
                posts.remove(p)
                self.unlist(p)
                if role == "office_director" and meeting.office_director is not None \
                        and (meeting.office_director.start, meeting.office_director.end) == (p.start, p.end):
                    meeting.office_director = None
        if came is not None:
            held = next((p for p in posts if p.role == role and p.start < came[1] and came[0] < p.end), None)
            if held is None and change.incoming is not None:
                held = next((p for p in posts if p.role == role and p.person == change.incoming.value), None)
            if held is None and role == "lead" and change.incoming is not None \
                    and (taken := self.unit_posts_taken.get(change.incoming.value)) is not None:
                # 县市场监管局局长由吴永红同志接任,吴永红同志接替许文斌同志任联席会议成员: he sits for the unit
                self.post_field(taken.post.start, taken.post.end, role, c.id)
                held = posts[-1]
                taken.incoming_post = held.id
            if held is None and kind is not None and role in (kind.head, kind.deputy):
                # 召集人由X调整为Y(县政府副县长): Y holds the body's post, which no other words set up
                f = self.post_field(came[0], came[1], role, c.id)
                held = posts[-1]
                if role == kind.head and meeting.convenor is None:
                    meeting.convenor = f
                elif role == kind.head:
                    meeting.co_convenors.append(f)
                else:
                    meeting.deputy_convenors.append(f)
            if held is None and role == "office_director" and change.incoming is not None:
                # 办公室主任由王立新同志调整为陈晓梅同志: she directs the office, its post the office's
                f = self.post_field(came[0], came[1], role, c.id)
                held = posts[-1]
                held.department = meeting.office_unit or self.office_unit(meeting)
                if meeting.office_director is None:
                    meeting.office_director = f
            if held is not None:
                if held.person is None and change.incoming is not None:
                    held.person = change.incoming.value  # 程立新同志(县委副书记、县长): his post
                listed = next((p for p in posts if p is not held and p.role == role and p.person == held.person
                               and not change.start <= p.start < change.end), None) if held.person else None
                if listed is not None and change.start <= held.start < change.end:
                    # the make-up listed after the changes names him in the post (副组长：江海峰  县政府副县长):
                    # one post, the list's, not a second deputy read from the item
                    posts.remove(held)
                    self.unlist(held, listed)
                    held = listed
                change.incoming_post = held.id
        return change

    def unit_post(self, s: int, e: int, clause: str, kind: BodyKind | None) -> str | None:
        """The unit whose own post [s, e) is (县农业农村局局长: the bureau): one the registry knows
        beginning it, then a word of a post (pkc:not-in-name: 局长, 主任 …) — not the body's
        office, nor a post naming a body (领导小组成员)."""
        folded = self.doc.folded
        if any(w in folded[s:e] for b in self.cues.bodies for w in b.kind.words):
            return None
        hit = next((h for h in self.departments_in(s, e, clause) if h[0].start == s), None)
        if hit is None or hit[1] == self.facts.meeting.office_unit:
            return None
        rest = folded[hit[0].end:e]
        return hit[1] if rest and any(w in rest for w in self.cues.parts.get("not-in-name", ())) else None

    def unit_succession(self, c: Clause, base: int, m: re.Match, post: tuple[int, int], unit: str,
                        out: tuple[int, int] | None, came: tuple[int, int] | None) -> Change:
        """A unit's own post changing hands (县农业农村局局长由詹红卫同志担任): a succession of the
        unit's official in the body (the role of 领导小组成员, pk:roleLeadOfficial), `department` the
        unit. Who leaves it holds no such post; who takes it holds the unit's post the notice
        lists him in (成  员：詹红卫  县农业农村局局长), when it does."""
        a = min(x[0] for x in (out, came, post) if x)
        change = Change(a, base + m.end(), kind="succession", clause=c.id, role="lead", department=unit,
                        post=Field(post[0], post[1], "post", self.doc.text[post[0]:post[1]]),
                        outgoing=self.change_holder(*out) if out else None,
                        incoming=self.change_holder(*came) if came else None)
        posts = self.facts.posts
        if change.outgoing is not None:  # he leaves the unit's post, not another unit's he holds (王立新  县医保局局长)
            for p in [p for p in posts if p.role == "lead" and p.person == change.outgoing.value and p.department == unit]:
                posts.remove(p)
                self.unlist(p)
        if change.incoming is not None:
            held = next((p for p in posts if p.role == "lead" and p.department == unit
                         and p.person == change.incoming.value), None)
            if held is not None:
                change.incoming_post = held.id
            else:
                self.unit_posts_taken[change.incoming.value] = change
        return change

    def unlist(self, post: Post, instead: Post | None = None) -> None:
        """`post`, removed from the posts, out of its body's set-up too — `instead` in its
        place where it was the body's head (or a rule's participant), when given."""
        meeting = self.facts.meeting
        same = lambda f: f is not None and (f.start, f.end, f.name) == (post.start, post.end, post.role)
        other = None if instead is None else Field(instead.start, instead.end, instead.role,
                                                     self.doc.text[instead.start:instead.end])
        listed = lambda f: other is not None and f is not None and (f.start, f.end, f.name) == (
            other.start, other.end, other.name)
        if same(meeting.convenor):
            meeting.convenor = other if other is not None else \
                meeting.co_convenors.pop(0) if meeting.co_convenors else None
        meeting.co_convenors = [f for f in meeting.co_convenors if not same(f) and not listed(f)]
        if other is not None and any(same(f) for f in meeting.deputy_convenors) \
                and any(listed(f) for f in meeting.deputy_convenors):
            meeting.deputy_convenors = [f for f in meeting.deputy_convenors if not same(f)]
        elif other is not None:
            meeting.deputy_convenors = [other if same(f) else f for f in meeting.deputy_convenors]
        else:
            meeting.deputy_convenors = [f for f in meeting.deputy_convenors if not same(f)]
        for part in [p for r in meeting.rules for p in r.participants] + meeting.participants:
            part.posts = [x for x in part.posts if x != post.id] if instead is None or instead.id in part.posts \
                else [instead.id if x == post.id else x for x in part.posts]

    def named_elsewhere(self, name: str, s: int, e: int) -> bool:
        """Whether the notice says `name` is a person's name outside [s, e): written with a word
        after it that only a name takes (许文斌同志: pkc:change-named) or holding a post read
        elsewhere (a make-up list's) — what makes 许文斌任副组长 a post taken by a name, not the
        words before 任 (a post read from those words themselves is no such sign)."""
        folded = self.doc.folded
        return any(name + w in folded for w in _change_cues()[1].get("named", ())) \
            or any(p.person == name and not s <= p.start < e for p in self.facts.posts)

    def change_holder(self, s: int, e: int) -> Field | None:
        """Who leaves or takes a post, as a change writes them (pkc:change-holder: 程立新同志(县委
        副书记、县长); pkc:person-after-post: 县政府办公室副主任汪启明): the name, its span."""
        pattern = _changes_of()[0].get("holder", (_NEVER, ()))[0]
        m = pattern.match(self.doc.folded[s:e])
        if m is not None and self.a_name(m.group("person")):
            a, b = s + m.start("person"), s + m.end("person")
        elif (after := self.holder_after(s, e)) is not None:
            a, b = after[1], after[2]
        else:
            return None
        return Field(a, b, "person", squeeze(self.doc.text[a:b]))

    def working_group_items(self) -> dict[str, tuple[Clause, int, int]]:
        """{clause id: (the item, where its heading names the group, where that name ends)} of
        each item setting up a working group: one headed by a name ending as a group's does
        (规划建设组。, 综合协调专班: pkc:group-name-end) in a clause whose text before its items
        names working groups (三、专项工作组, 领导小组下设三个专项工作组:: pkc:group-words), and
        giving the group's make-up by a label (组长:, 成员单位: …): not (一)加强领导小组 under
        a clause that mentions a 工作组 in passing."""
        folded, parts = self.doc.folded, self.cues.parts
        words, ends = parts.get("group-words", ()), parts.get("group-name-end", ())
        if not words or not any(w in folded for w in words):
            return {}
        label_words = sorted((w for what in ("head", "deputy", "lead", "members") for w in parts.get(f"group-{what}", ())),
                             key=lambda w: (-len(w), w))
        labelled = re.compile(f"(?:{_alternation(label_words)})[ \t\u3000]*:")
        led = self.cues.group_led_by
        out: dict[str, tuple[Clause, int, int]] = {}
        for c, own in self.owned:
            if c.kind != "numbered" or not c.children or not any(folded.find(w, own.start, own.end) >= 0 for w in words):
                continue
            for d in c.children:
                h = d.heading
                if h is None:
                    continue
                name = folded[h.start:h.end].rstrip(" 。:.\t\u3000")
                if (glued := next((w for w in label_words if name.endswith(w) and name[:-len(w)].endswith(ends)), None)):
                    name = name[:-len(glued)]  # 环境整治组组长：程小龙…: its first label glued to it, a line end lost
                at = h.start + len(name) if glued else h.end
                if name not in ends and name.endswith(ends) and not self.matches_in(h.start, h.start + len(name)) \
                        and (labelled.search(folded, at, d.end) or any(  # 由县农业农村局牵头,…参加
                            led.match(folded, x) for a, b in self.item_stretches(d, at) for x, _ in self.statements(a, b))):
                    out[d.id] = (d, h.start, h.start + len(name))
        return out

    def working_groups(self, meeting: Meeting) -> None:
        """The body's working groups (`working_group_items`), each a unit of its own as the
        office is: its name the item's heading, its head and deputies the posts its labels give
        (组长:…; 副组长:…: pkc:group-head, -deputy, a unit or a post, its holder before it as in
        a make-up list), its member units those of 成员单位:… (pkc:group-members), its duties
        the item's other statements (负责…), the group's as an office's are the office's."""
        if not self.group_items:
            return  # (most bodies: no working group; nothing after the loop below)
        folded, parts = self.doc.folded, self.cues.parts
        labels = sorted(((w, what) for what in ("head", "deputy", "lead", "members") for w in parts.get(f"group-{what}", ())),
                        key=lambda x: -len(x[0]))
        glued = re.compile(f"(?:{_alternation(w for w, _ in labels)})[ \t\u3000]*:")
        for c, start, end in self.group_items.values():
            group = self.group_unit(meeting, start, end, c.id)
            did = group.unit
            n = 0
            read: list[tuple[int, int]] = []  # its labelled parts (组长:…; 牵头单位:…): a task tag's look, read
            at = end if folded[end:c.heading.end].strip(" 。:.\t\u3000") else c.heading.end  # (a label glued to it)
            for a, b in self.item_stretches(c, at):
                for s, e in self.labelled_parts(a, b, glued):
                    said = folded[s:e]
                    label = next(((w, what) for w, what in labels if said.startswith(w)
                                  and said[len(w):].lstrip(" \t\u3000")[:1] == ":"), None)
                    if label is None and (m := self.cues.group_led_by.match(folded, s, e)) is not None:
                        # 由县农业农村局牵头,县水利局、县财政局参加: its lead unit and members, no task
                        read.append((s, e))
                        hits = self.departments_in(m.start("lead"), m.end("lead"), c.id)
                        if hits and group.lead is None:  # traced to 由县农业农村局牵头 (由…、…共同牵头: each)
                            led_end = self._led_end(m.end("lead"))
                            units = self.units_alone(m.start("lead"), m.end("lead"), c.id) or [hits[0][1]]
                            self.lead_units(group, units, m.start(), led_end, c.id)
                        if m.group("members") and not group.members:
                            x, y = m.span("members")
                            group.members, group.member_at = _listed(self.member_units(x, y, self.departments_in(x, y, c.id)))
                        if m.end() < e and folded[m.end()] == ",":  # what it goes on to say the group does
                            s = m.end() + 1
                            said, label = folded[s:e], None
                        else:
                            continue
                    if label is None:  # what the group does
                        n = self.group_duties(s, e, did, c.id, n)
                        continue
                    at = s + said.index(":", len(label[0])) + 1
                    stop = e - (folded[e - 1] in "。;")
                    read.append((s, e))
                    if label[1] == "members":
                        hits = self.member_units(at, stop, self.departments_in(at, stop, c.id))
                        group.members, group.member_at = _listed(hits)
                        if hits and (rest := self.list_run_on(hits, stop)) is not None:
                            # 成员单位：…、县交通运输局负责城区…: what the group does, its line end lost
                            n = self.group_duties(rest, e, did, c.id, n)
                            read[-1] = (s, rest)
                        continue
                    if label[1] == "lead":
                        hits = self.departments_in(at, stop, c.id)
                        if hits and group.lead is None:  # 牵头单位:县农业农村局 (、县水利局: each)
                            self.lead_units(group, self.units_alone(at, stop, c.id) or [hits[0][1]], s, stop, c.id)
                        continue
                    if label[1] == "head" and (units := self.units_alone(at, stop, c.id)) is not None:
                        # 组长:县发展改革委 — a unit heads it: its lead unit, as a body's (县卫健委为牵头单位);
                        # 组长:县文旅局、县发改委 — each a lead unit
                        if group.lead is None:
                            self.lead_units(group, units, s, stop, c.id)
                        continue
                    role = "group_leader" if label[1] == "head" else "deputy_group_leader"
                    posts = len(self.facts.posts)
                    found = self.list_posts(at, stop, role, c.id)
                    for p in self.facts.posts[posts:]:
                        p.unit = did
                    if label[1] == "head":  # each post it names 组长 heads it (组长:张三、李四; 双组长)
                        group.head = group.head or next(iter(found), None)
                        group.co_heads += [f for f in found if f is not group.head]
                    else:
                        group.deputies += found
            meeting.groups.append(group)
            # a labelled part the assignments took for a task tag they could not read (牵头单位:…;组长:…)
            self.notes = [x for x in self.notes if not (x.kind == "unread-task-tag" and x.clause == c.id
                                                        and any(a <= x.start < b for a, b in read))]
            # nor a task of the unit it names (由县农业农村局牵头,…参加: the group's make-up)
            self.facts.duties = [x for x in self.facts.duties if x.department == did or x.clause != c.id
                                 or not any(a <= x.start < b for a, b in read)]
            # nor a task tag (牵头单位：县市场监管局 a line of its own: the group's lead unit, as on one line)
            self.facts.assignments = [x for x in self.facts.assignments if x.clause != c.id
                                      or not any(a <= x.start < b for a, b in read)]

    def labelled_parts(self, a: int, b: int, glued: re.Pattern):
        """The statements of a working group's item [a, b) (`statements`), each cut again before
        a label of its make-up glued to the words before it, their line end lost (组长：程小龙（县城管局
        局长）副组长：方红英（…）成员单位：…: pkc:group-head, -deputy, -lead, -members and a colon)."""
        folded = self.doc.folded
        for s, e in self.statements(a, b):
            pos = s
            for m in glued.finditer(folded, s, e):  # (from s: 副组长： is one label, not 副 and 组长：)
                if m.start() > s and (span := self._trim(pos, m.start())) is not None:
                    yield span
                pos = m.start()
            if pos == s:
                yield s, e
            elif (span := self._trim(pos, e)) is not None:
                yield span

    def group_duties(self, s: int, e: int, did: str, clause: str, n: int) -> int:
        """The statements of [s, e) as duties of working group `did` (ids after its `n` so far);
        returns how many it has then."""
        for x, y, role in self.role_parts(s, e):
            role, action, concept = self.role_and_action(x, y, role)
            n += 1
            self.facts.duties.append(Duty(x, y, id=f"{clause}/d{n}", department=did, clause=clause,
                                          text=self.doc.text[x:y], role=role, action=action, action_concept=concept))
        return n

    def list_run_on(self, hits: list[tuple[DepartmentMatch, str]], stop: int) -> int | None:
        """Where a statement goes on after a list of units (`hits`, apart by separators only)
        with no stop between them (县城管局、县交通运输局负责城区…, the line end after the list lost):
        the first unit after the list's last one's end that opens words of a duty (pkc:duty-verb
        …: `role_parts` reads it), else None."""
        folded = self.doc.folded
        end = hits[0][0].end
        for m, _ in hits[1:]:
            if folded[end:m.start].strip(LIST_SEPARATORS + " \t\u3000"):
                break
            end = m.end
        while end < stop and folded[end] in " \t\u3000":
            end += 1
        if end >= stop or folded[end] in LIST_SEPARATORS or folded.startswith(self.cues.parts.get("list-closer", ()), end):
            return None
        return end if next(self.role_parts(end, stop), None) is not None else None

    def group_unit(self, meeting: Meeting, start: int, end: int, clause: str) -> WorkingGroup:
        """A working group named at [start, end) in `clause`, a unit of the body: its Department,
        named in full as the office is (…领导小组规划建设组), `departments` listing it beside other
        notices' units, and a mention of it there."""
        name, j = self.doc.text[start:end], self.doc.jurisdiction
        did = f"{j.name}/{squeeze(meeting.name)}/{squeeze(name)}" if j and j.name else f"{squeeze(meeting.name)}/{squeeze(name)}"
        unit = self.facts.departments.setdefault(did, Department(did, meeting.name + name, None, j.name if j else "",
                                                                 j.level if j else "unknown"))
        unit.mentions.append(Mention(start, end, department=did, surface=name, clause=clause))
        return WorkingGroup(start, end, name=name, clause=clause, unit=did)

    def running_groups(self, meeting: Meeting) -> None:
        """Working groups a sentence sets up without an item of their own (领导小组下设综合协调组、
        项目推进组,分别由县发改委、县住建局牵头 / 成立…工作专班,由县水利局牵头,…为成员单位:
        pkc:group-set-up): each name ending as a group's does (pkc:group-name-end), not the body's
        own kind (…领导小组), a group with its lead unit — the i-th unit the i-th group's after
        分别, else the one unit each's — and, for a sentence naming one group, its members; the
        sentence no task of the units it names."""
        folded, pattern = self.doc.folded, self.cues.group_set_up
        ends = self.cues.parts.get("group-name-end", ())
        then, heads = self.cues.parts.get("group-set-up-then", ()), self.cues.parts.get("group-head", ())
        led = self.cues.parts.get("group-led-by", ())  # 牵头
        group_words = self.cues.parts.get("group-words", ())  # 工作专班: a kind of body, and a group's name
        if not ends or not any(w in folded for w in led):
            return
        named = {(g.start, g.end) for g in meeting.groups}
        for c, own in self.owned:
            if c.id in self.group_items or not _any_word(led).search(folded, own.start, own.end):
                continue
            for m in pattern.finditer(folded, own.start, own.end):
                after = m.end() + 1 if folded[m.end():m.end() + 1] == "," else m.end()
                if after < own.end and folded[after - 1] == "," and not folded.startswith(then, after) \
                        or after == m.end() and after < own.end and folded[after] not in "。;\n":
                    continue  # …牵头,县交通运输局配合,开展隐患排查: a task, not a set-up
                x, y = m.span("names")
                names = [(a, b) for a, b in self._trimmed_items(x, y)
                         if folded[a:b].endswith(ends) and folded[a:b] not in ends and (a, b) not in named
                         and not any(w in folded[a:b] for w in heads)
                         and not any(body.words.search(folded, a, b) for body in self.cues.bodies
                                     # (a task force of another body is a group of it)
                                     if body.kind.words == self.body_words or not set(body.kind.words) & set(group_words))]
                leads = self.departments_in(*m.span("leads"), c.id)
                each = m.group("each") is not None or m.group("each2") is not None
                jointly = m.groupdict().get("jointly") is not None
                # one group led by several units, each a unit alone (由县水利局、县农业农村局共同牵头), or
                # groups led jointly by them (…组、…组,由县发改委、县住建局共同牵头: each group's)
                several = [] if each or len(names) != 1 and not jointly or len(leads) < 2 \
                    else self.units_alone(*m.span("leads"), c.id) or []
                if not each and not jointly and len(names) >= 2 and len(leads) == len(names) \
                        and len(self.units_alone(*m.span("leads"), c.id) or []) == len(names):
                    each = True  # 下设综合协调组、项目推进组,由县发改委、县住建局牵头: as many units as groups, in order
                if not names or len(leads) != (len(names) if each else 1) and len(several) < 2:
                    continue
                led_end = self._led_end(m.end("leads"))
                for k, (a, b) in enumerate(names):
                    group = self.group_unit(meeting, a, b, c.id)
                    at, lead = leads[k] if each else leads[0]
                    # one group: 由县水利局牵头; several: each its unit in the list (县发改委)
                    if len(names) == 1 or several:
                        self.lead_units(group, several or [lead], m.start("leads") - 1, led_end, c.id)
                    else:
                        group.lead, group.lead_at = lead, self.said(at.start, at.end, lead, c.id)
                    if len(names) == 1 and m.group("members"):
                        p, q = m.span("members")
                        group.members, group.member_at = _listed(self.member_units(p, q, self.departments_in(p, q, c.id)))
                    meeting.groups.append(group)
                    named.add((a, b))
                self.facts.duties = [d for d in self.facts.duties if d.clause != c.id
                                     or not (d.start < m.end() and m.start() < d.end)]
                seen: set[tuple[int, int]] = set()
                for d in self.facts.duties:  # …为成员单位,负责工程建设调度: the one group's, not its lead's
                    if len(names) == 1 and d.clause == c.id and m.end() <= d.start <= m.end() + 1:
                        d.department = group.unit
                        seen.add((d.start, d.end))
                if len(seen) > 0:  # (each of its leads' once, 由县水利局、县农业农村局牵头: the group's once)
                    kept: list[Duty] = []
                    for d in self.facts.duties:
                        if d.department == group.unit and d.clause == c.id and (d.start, d.end) in seen:
                            if any(x.department == d.department and (x.start, x.end) == (d.start, d.end) for x in kept):
                                continue
                        kept.append(d)
                    self.facts.duties = kept

    def _led_end(self, start: int) -> int:
        """Where the first word saying a unit leads (pkc:group-led-by: 牵头) after `start` ends."""
        folded = self.doc.folded
        return min((k + len(w) for w in self.cues.parts.get("group-led-by", ()) if (k := folded.find(w, start)) >= 0),
                   default=start)

    def _trimmed_items(self, s: int, e: int) -> list[tuple[int, int]]:
        """The items of a list of names [s, e) (综合协调组、项目推进组和资金保障组), blanks trimmed."""
        out, pos, folded = [], s, self.doc.folded
        for m in _ITEM_JOIN.finditer(folded[s:e]):
            out += self._trimmed(pos, s + m.start())
            pos = s + m.end()
        return [*out, *self._trimmed(pos, e)]

    def units_alone(self, s: int, e: int, clause: str) -> list[str] | None:
        """The units a list [s, e) names when each of its items is a unit and no more (组长:县发展改革委,
        组长:县文旅局、县发改委; not 县发展改革委主任 nor 张三(县发展改革委主任)): their Department.ids,
        in order, each once; else None."""
        hits = self.departments_in(s, e, clause)
        if not hits:
            return None
        spans = {(m.start, m.end) for m, _ in hits}
        # its items as a make-up list splits them (张三(…)、李四(…)), else at each 、和及 (units end no post)
        if any(items and all(x in spans for x in items) for items in (self._list_items(s, e), self._trimmed_items(s, e))):
            return list(dict.fromkeys(did for _, did in hits))
        return None

    def lead_units(self, owner: "Meeting | WorkingGroup", units: list[str], start: int, end: int, clause: str) -> None:
        """`owner`'s lead unit, the first of `units`, and its co-leads, the others: each traced to
        the words [start, end) that name them all (牵头单位:县文旅局、县发改委, 由…、…共同牵头)."""
        owner.lead, owner.lead_at = units[0], self.said(start, end, units[0], clause)
        owner.co_leads = units[1:]
        # each from its own name on (县教育局为牵头单位 of 县卫健委、县教育局为牵头单位): in the order written
        owner.co_lead_at = [self.said(next((x.start for x in self.facts.departments[did].mentions
                                            if x.clause == clause and start <= x.start < end), start), end, did, clause)
                            for did in units[1:]]

    def role_table(self, kind: BodyKind, meeting: Meeting, holders: bool = False) -> bool:
        """The body's make-up as a table, a row a person (职务 | 姓名 | 单位及职务): a cell naming
        the post in the body (组长, 副组长: the kind's words; 成员: pkc:table-member-post), another
        the post the person holds (县水利局局长, naming its unit), another, if any, the person's
        name. A head's row sets the head, a deputy's a deputy, a member's makes the unit a member
        unit, its person the unit's lead (as 成  员：赵六（县教育局局长） does). Whether it read any.
        `holders`: the text set the body up already (东华门's 组长由街道工委书记担任 … 成员名单见附件) — the
        table says who holds its posts: each row's post and person read, the text's heads, deputies
        and member units kept (as 凉山's 附件 list adds no deputy again), no row noted."""
        text, member_words = self.doc.text, self.cues.parts.get("table-member-post", ())
        qualifiers = tuple(self.cues.parts.get("table-post-qualifier", ()))
        units: list[tuple[DepartmentMatch, str]] = []
        found = False
        posts = _table_post_words((*kind.head_words, *kind.deputy_words, *member_words)) if holders else None
        for c in self.clauses:
            if c.kind != "row" or c.style != "table-row" or len(c.cells) < 2:
                continue
            if posts is not None and posts.search(text, c.start, c.end) is None:
                continue  # (a row of another table, naming no post of the body: not squeezed cell by cell)
            said = [squeeze(text[x.start:x.end]) for x in c.cells]
            part = next((w for w in said if w in kind.head_words or w in kind.deputy_words or w in member_words), None)
            if part is None and (q := next((w for w in said if w.startswith(qualifiers)), None)) is not None:
                bare = next(q[len(w):] for w in qualifiers if q.startswith(w))  # 常务副组长: a deputy
                if bare in kind.head_words or bare in kind.deputy_words:
                    said = [bare if w == q else w for w in said]
                    part = bare
            if part is None:
                continue
            post = next(((x, hits) for x, w in zip(c.cells, said) if w != part
                         for hits in [self.departments_in(x.start, x.end, c.id)] if hits), None)
            if post is None and part in member_words:  # 包河自来水公司副总经理: that unit as written
                post = self.unit_of_row(c, said, part)
            if post is None:
                if part in member_words and not holders:  # a member's row naming no unit the registry knows: said
                    self.note_member_row(c, said, part)
                continue
            cell, hits = post
            person = next((w for x, w in zip(c.cells, said) if x is not cell and w != part
                           and self.cues.person_name.match(w) and self.a_name(w)), None)
            role = kind.head if part in kind.head_words else kind.deputy if part in kind.deputy_words else "lead"
            field = self.post_field(cell.start, cell.end, role, c.id)
            self.facts.posts[-1].person = person
            found = True
            if holders and role != "lead":
                continue  # (the text's heads and deputies stay: the row names who holds the post)
            if role == kind.head:  # a row a head (双组长: two rows 组长)
                self.add_heads(meeting, [field])
            elif role == kind.deputy:
                meeting.deputy_convenors.append(field)
            else:
                units.append(hits[0])
        if units and not holders:
            meeting.members, meeting.member_at = _listed(units)
        return found

    @staticmethod
    def add_heads(meeting: Meeting, heads: list[Field]) -> None:
        """The body's heads `heads` added after those it has (`convenor`, then `co_convenors`):
        a post named as one already is (the make-up written twice) adds none."""
        for f in heads:
            if meeting.convenor is None:
                meeting.convenor = f
            elif all(squeeze(f.value) != squeeze(x.value) for x in (meeting.convenor, *meeting.co_convenors)):
                meeting.co_convenors.append(f)

    def names_holder(self, s: int, e: int) -> bool:
        """Whether each item of the make-up list [s, e) names the person holding its post, before
        it (曹建国　县教育局局长, 赵六(县教育局局长): pkc:list-item's person) — a list of people, not
        of units (成员：县教育局分管负责同志) — or after it (县委宣传部副部长　王志勇: `holder_after`; 永春's
        附件 under a body that counted its units, audit9: before, its people and posts dropped)."""
        items = self._list_items(s, e)
        return bool(items) and all((m := self.cues.list_item.match(self.doc.folded[a:b])) is not None
                                   and (m.group("person") is not None or self.holder_after(a, b) is not None)
                                   for a, b in items)

    def units_of_posts(self, s: int, e: int) -> bool:
        """The units the registry lacks whose posts a make-up list ([s, e)) names, each item a
        person and a post no match reaches into (郑永军　县自来水公司经理): the post's unit
        (`unit_of_post`) matched there as written — a member unit, the person's post its (before,
        noted ``unread-member`` and no one's). Whether it matched any."""
        folded = self.doc.folded
        added = []
        for a, b in self._list_items(s, e):
            m = self.cues.list_item.match(folded[a:b])
            if m is None or m.group("person") is None or self.matches_in(a, b):
                continue
            if (unit := self.unit_of_post(a + m.start(_read(m)), a + m.end(_read(m)))) is not None:
                added.append(unit)
        self.add_matches(added)
        return bool(added)

    def unit_of_post(self, ps: int, pe: int) -> DepartmentMatch | None:
        """The unit the registry lacks whose post [ps, pe) is: what the post opens with up to an
        organisation's ending (pkc:dept-org-suffix: 县自来水公司) before the words ending a post
        (pkc:list-post-end: 经理), shaped as a name (`unknown_unit`) — the longest such (县医院院长 is
        县医院's). None if none."""
        folded, ends, suffixes = self.doc.folded, tuple(self.cues.parts.get("list-post-end", ())), _org_suffixes()
        if not folded.endswith(ends, ps, pe):
            return None
        for k in range(pe - 1, ps + 1, -1):
            if folded.endswith(suffixes, ps, k) and folded.endswith(ends, k, pe) \
                    and (unit := self.unknown_unit(ps, k)) is not None:
                return unit
        return None

    def add_matches(self, added: list[DepartmentMatch]) -> None:
        """`added` among the matches, in order (what `matches_in` reads)."""
        if added:
            self.matches = sorted(self.matches + added, key=lambda x: (x.start, x.end))
            self.index_matches()

    def index_matches(self) -> None:
        """Where the matches start and end, for `matches_in` (their ends only where in order too)."""
        self.match_starts = [m.start for m in self.matches]
        ends = [m.end for m in self.matches]
        self.match_ends = ends if ends == sorted(ends) else None

    def note_member_items(self, s: int, e: int, hits: list, clause: str) -> None:
        """Say that an item of a make-up list naming its holder (成  员:方卫兵  宏村村党总支书记, 汪洋
        县供电公司经理) holds a post of no unit the registry knows: its unit is no member unit
        (kind ``unread-member``, as a table's row says it) — the audit found 宏村镇's eight members
        (镇党政办主任 …, four 村's 党总支书记) dropped without a word."""
        for a, b in self._list_items(s, e):
            m = self.cues.list_item.match(self.doc.folded[a:b])
            if m is None or m.group("person") is None or any(a <= x.start < b for x, _ in hits):
                continue
            ps = a + m.start(_read(m))
            written = self.doc.text[ps:a + m.end(_read(m))]
            self.notes.append(Note(ps, a + m.end(_read(m)), kind="unread-member", clause=clause, text=written,
                                   message=f"member list names {written}, no department the registry knows; "
                                           "its unit is not read as a member unit"))

    def unit_of_row(self, c: Clause, said: list[str], part: str) -> tuple[Cell, list] | None:
        """A member's row of a make-up table naming the post of a unit the registry lacks (成员 | 韩强 |
        包河自来水公司副总经理): its cell and that unit (`unit_of_post`), matched there as written — as
        a make-up line's item is (before, no member, noted ``unread-member``). None if none."""
        for x, w in zip(c.cells, said):
            if not w or w == part or self.cues.person_name.match(w) and self.a_name(w):
                continue
            if (unit := self.unit_of_post(*_unblanked(self.doc.folded, x.start, x.end))) is not None:
                self.add_matches([unit])
                return x, self.departments_in(x.start, x.end, c.id)
        return None

    def note_member_row(self, c: Clause, said: list[str], part: str) -> None:
        """Say that a member's row of a make-up table (成员 | 李敏 | 社区居民代表) names no unit the
        registry knows nor one shaped as a name (`unit_of_row`): its unit is no member unit (kind
        ``unread-member``) — where the registry knows the unit it is one. The cell said is the longest but the part's and
        a person's name."""
        cells = [(x, w) for x, w in zip(c.cells, said) if w and w != part
                 and not (self.cues.person_name.match(w) and self.a_name(w))]
        if not cells:
            return
        cell, _ = max(cells, key=lambda xw: len(xw[1]))
        written = self.doc.text[cell.start:cell.end]
        self.notes.append(Note(cell.start, cell.end, kind="unread-member", clause=c.id, text=written,
                               message=f"member table row names {written}, no department the registry knows; "
                                       "its unit is not read as a member unit"))

    def said(self, start: int, end: int, did: str, clause: str) -> Mention:
        """Where the text says a link of the body's set-up: [start, end) as written (办公室设在县卫生
        健康委, without blanks around it), the department it links to ("" for none), the clause."""
        text = self.doc.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Mention(start, end, department=did, surface=text[start:end], clause=clause)

    def setup_clause(self, meeting: Meeting, posts: int) -> str:
        """The clause that sets the body up: the smallest holding the statements of its set-up —
        its posts (召集人由…担任; a table's rows), office, lead unit and member list; with none, its
        rules. "" when they are of more than one zone (the notice as a whole sets it up)."""
        said = [p.clause for p in self.facts.posts[posts:]]
        said += [x.clause for x in (meeting.office_at, meeting.lead_at, meeting.count_at) if x is not None]
        said += [c.id for at in meeting.member_at if (c := self.leaf_at(at.start)) is not None]
        said = [c for c in said if c] or [r.clause for r in meeting.rules]
        if not said:
            return ""
        common = self.by_id.get(said[0])
        for cid in said[1:]:
            if common is None:
                break
            common = self.enclosing(common, self.by_id[cid])
        return common.id if common is not None else ""

    def sentence_at(self, pos: int, rule: MeetingRule) -> tuple[int, int]:
        """The sentence of `rule`'s text holding `pos`, without its stop (。 ; or a line end)."""
        folded = self.doc.folded
        lo, hi = next(((a, b) for a, b in self.rule_text.get(rule.id, ()) if a <= pos < b), (rule.start, rule.end))
        stop = _LINE_OR_SENTENCE_END.search(folded, pos, hi)
        return max(_last_end(folded, lo, pos) + 1, lo), stop.start() if stop else hi

    def after_body_sentence(self, floor: int, pos: int) -> bool:
        """Whether the sentence before the one holding `pos` (in the text from `floor`) names
        the body or one of its meetings: a sentence without a subject (必要时，可邀请其他有关部门
        参加) is then said of it (联席会议由…组成。必要时，…), not of what another one was about."""
        folded = self.doc.folded
        start = _last_end(folded, floor, pos)
        if start < floor:
            return False
        before = folded[_last_end(folded, floor, start) + 1 if start > floor else floor:start]
        return any(w in before for w in (*self.body_words, *self.cues.own_meetings))

    def office_unit(self, meeting: Meeting) -> str:
        """The body's office as a unit of its own (…联席会议办公室, a Department), made once: its id."""
        j = self.doc.jurisdiction
        name = f"{meeting.name}办公室"
        did = f"{j.name}/{squeeze(name)}" if j and j.name else squeeze(name)
        self.facts.departments.setdefault(did, Department(did, name, None, j.name if j else "", j.level if j else "unknown"))
        meeting.office_unit = did
        return did

    def office(self, body: BodySetup, meeting: Meeting, set_up: dict[tuple[int, int], str]) -> None:
        """The body's office as a unit of its own (盟…应急指挥部办公室), when the notice says
        who sits in it (its members, its director) or what it does: the statements of a clause
        its heading names (（八）应急指挥部办公室 … 主要职责:（1）负责落实…) are its duties, as a
        department's item's are the department's; so is what the sentence setting it up says it
        does (`set_up`: 办公室设在县卫生健康委,承担联席会议日常工作 → 承担联席会议日常工作).

        The director's post is the office's: 办公室主任由县卫健委分管负责同志兼任 names the bureau
        official who holds it (its text, the post's label), but directing the office is no post
        of the bureau — the office is the unit it belongs to, pk:hostedBy that bureau, as the
        posts of the office's members are (成员由盟林业局办公室…负责人组成)."""
        folded = self.doc.folded
        clauses = [found for c in self.clauses if c.kind == "numbered" and (found := self.office_clause(body, c))]
        if not clauses and meeting.office_members is None and meeting.office_director is None and not set_up \
                and not any(p.role == "office_deputy_director" for p in self.facts.posts):
            return
        did = self.office_unit(meeting)
        unit = self.facts.departments[did]
        for f, role in ((meeting.office_members, "office_member"), (meeting.office_director, "office_director")):
            if f is not None:
                next(p for p in self.facts.posts if (p.start, p.end, p.role) == (f.start, f.end, role)).department = did
        for p in self.facts.posts:
            if p.role == "office_deputy_director":  # (副主任由…担任: the office's, as its director's)
                p.department = did
        for c, start, end, after in clauses:
            unit.mentions.append(Mention(start, end, department=did, surface=self.doc.text[start:end], clause=c.id))
            said = self.cues.office_duties.search(folded, after, c.own.end)  # 主要职责:
            n = 0
            for s, e in self.office_statements(c, said.end() if said else after, said is not None):
                for a, b, role in self.role_parts(s, e):
                    role, action, concept = self.role_and_action(a, b, role)
                    n += 1
                    self.facts.duties.append(Duty(a, b, id=f"{c.id}/d{n}", department=did, clause=self.leaf_at(a).id,
                                                  text=self.doc.text[a:b], role=role, action=action,
                                                  action_concept=concept))
        taken = [(d.start, d.end) for d in self.facts.duties if d.department == did]
        count: dict[str, int] = {}
        for (s, e), clause in sorted(set_up.items()):
            if any(a < e and s < b for a, b in taken):
                continue  # an office clause's statement already
            for a, b, role in self.role_parts(s, e):
                role, action, concept = self.role_and_action(a, b, role)
                n = count[clause] = count.get(clause, 0) + 1
                self.facts.duties.append(Duty(a, b, id=f"{clause}/o{n}", department=did, clause=self.leaf_at(a).id,
                                              text=self.doc.text[a:b], role=role, action=action,
                                              action_concept=concept))

    def sets_up_office(self, start: int, at: int) -> bool:
        """Whether the sentence around `at` (from `start` at most) sets up the body's office before
        it (pkc:office-setup: 办公室设在…, 办公室主任由…)."""
        folded = self.doc.folded
        before = folded[max(start, at - _LOOK_BACK):at]
        sentence = before[max(before.rfind(ch) for ch in _SENTENCE_ENDS) + 1:]
        return any(w in sentence for w in self.cues.parts.get("office-setup", ()))

    def office_clause(self, body: BodySetup, c: Clause) -> tuple[Clause, int, int, int] | None:
        """(`c`, where it names the office, where what it says begins) if `c` is about the
        body's office: its heading names it ((八)应急指挥部办公室, 领导小组办公室职责: pkc:office-heading),
        or, when its heading was not told apart (a notice on one line: (八)应急指挥部办公室盟…),
        its text opens naming it and says where its duties begin (主要职责:)."""
        folded, h = self.doc.folded, c.heading
        if h is not None:
            if not body.office_heading.fullmatch(folded, h.start, h.end):
                return None
            return c, h.start, h.start + len(folded[h.start:h.end].rstrip(" 。:.\t\u3000")), h.end
        said = c.label.strip()
        start = c.start + len(said) if said and self.doc.text.startswith(said, c.start) else c.start
        m = body.office_heading.match(folded, start, c.own.end)
        if m is None or not self.cues.office_duties.search(folded, m.end(), c.own.end):
            return None
        return c, start, start + len(m.group(0).rstrip(" 。:.\t\u3000")), start

    def office_statements(self, c: Clause, start: int, listed: bool) -> Iterator[tuple[int, int]]:
        """The statements of office clause `c` from `start` that say what the office does: each
        of its items' (their numbers left out) and, unless a cue (主要职责:) says where its
        duties begin (`listed`), not the sentences setting the office up (办公室设在…)."""
        for a, b in self.item_stretches(c, start):
            for s, e in self.statements(a, b):
                if listed or not self.sets_up(s, e):
                    yield s, e

    def item_stretches(self, c: Clause, start: int) -> list[tuple[int, int]]:
        """The text of clause `c` from `start`, and of each item in it without its number."""
        stretches = [(start, c.own.end)] if start < c.own.end else []
        for d in c.walk():
            if d is not c:
                said = d.label.strip()
                label = d.start + len(said) if said and self.doc.text.startswith(said, d.start) else d.start
                stretches.append((max(label, start), d.own.end))
        return stretches

    def sentences(self, stretches: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """The sentences of `stretches`, each to its 。 or ; — a line end is none: a phrase may
        run over a line broken inside it (指导\n\n督促各县市区…, as a page on one line reads it)."""
        for a, b in stretches:
            pos = a
            for m in _SENTENCE_END.finditer(self.doc.folded, a, b):
                yield from self._trimmed(pos, m.end())
                pos = m.end()
            yield from self._trimmed(pos, b)

    def body_duties(self, body: BodySetup, meeting: Meeting) -> None:
        """The body's own duties, as a department's item gives the department's: the statements
        of a clause its heading says gives them (一、主要职责: pkc:body-duties-heading; not one in
        an item about the office or a department, nor the items of one inside it), and those after
        a sentence opening so (其主要职能为:, pkc:body-duties-lead) to the end of that sentence (or
        its line; on the lines after it, its clause's items when the line says no more).
        They are Duty facts of the body as a unit (`Meeting.unit`: the graph states them of the
        body's node).

        A body's duties are written as one run of what it does (联席会议统筹协调…，贯彻…，制定…，
        完成…事项): each phrase between commas is a duty of its own, the body named as their
        subject (联席会议) left out; a phrase runs over a line broken inside it (`sentences`).
        One whose subject is the member units (各成员单位充分发挥职能作用: pkc:body-duties-members)
        is theirs, not the body's: no duty of it (the graph has no assignee for them together),
        nor of the phrases after it in its sentence, until one names the body again as their
        subject (各成员单位密切配合，联席会议统筹协调…: pkc:name-as-subject, or its full name).
        在县政府领导下 says whom the body works under (`Meeting.reports_to`, pkc:body-led-by), no
        duty."""
        folded = self.doc.folded
        found: list[tuple[Clause, tuple[int, int]]] = []
        headed: set[str] = set()
        for c in self.clauses:
            h = c.heading
            if c.kind != "numbered" or h is None or not (m := body.duties_heading.fullmatch(folded, h.start, h.end)) \
                    or self.in_unit_item(body, self.by_id.get(c.parent or "")):
                continue
            if m.groupdict().get("bare") is not None and any(self.in_unit_item(body, k) for k in c.children):
                continue  # 二、工作职责 over （一）县医保局：… (宁都): the units' duties, not the body's
            headed.add(c.id)
            start = h.end  # after a lead opening its text (一、主要职责 联席会议的主要职责是:), if one does
            lead = body.duties_lead.search(folded, h.end, c.own.end)
            if lead is not None and not folded[h.end:lead.start()].strip():
                start = lead.end()
            found += [(c, st) for st in self.sentences(self.item_stretches(c, start))
                      if not self.in_unit_item(body, leaf := self.leaf_at(st[0]))  # （一）县卫生健康委。… is its own
                      and not self.in_unit_table(leaf)]  # 县水利局 | 负责… | 2024年12月底前: the row's unit's
        found = [(c, st) for c, st in found if not self.headed_below(headed, c, st[0])
                 and not self.members_below(c, st[0])]
        words = body.duties_lead_words  # every lead says one (主要: cues.ttl): most clauses are not read for one
        led = tuple(w + "在" for w in body.kind.words)  # 领导小组在旗委、旗政府领导下，统筹协调…
        for c, own in self.owned:
            if c.id in headed:
                continue
            leads = []  # (where the lead starts and ends, its 其 if any)
            if not words or _any_word(words).search(folded, own.start, own.end):
                leads = [(m.start(), m.end(), m.group("pronoun")) for m in body.duties_lead.finditer(folded, own.start, own.end)]
            for w in led:
                at = folded.find(w, own.start, own.end)
                while at >= 0:
                    # at a sentence's start (after 。 ; a line's start) or the clause's number
                    k = at
                    while k > own.start and folded[k - 1] in " \t":
                        k -= 1
                    opens = k == own.start or folded[k - 1] in "。;\n" or \
                        c.label and k == own.start + len(c.label) and folded.startswith(c.label, own.start)
                    m = body.led_by.match(folded, at + len(w) - 1, own.end)
                    if opens and m is not None and m.group("lead") and folded[m.end() - 1] == ",":
                        leads.append((at, at + len(w) - 1, None))  # (the lead: the body's word)
                    at = folded.find(w, at + 1, own.end)
            leads.sort()
            for m_start, m_end, pronoun in leads:
                if pronoun and not self.after_body_sentence(own.start, m_start):
                    continue  # 其 of a sentence about something else
                if (at := folded.find("在", m_start, m_end)) >= 0 and (u := body.led_by.search(folded, at, m_end)):
                    # 联席会议在县人民政府领导下开展工作,主要职责: — whom it works under, in the lead
                    self.works_under(meeting, c, u)
                line = folded.find("\n", m_end, own.end)
                line = own.end if line < 0 else line
                if not folded[m_end:line].strip():  # 主要职责是:, its items on the lines after it
                    found += [(c, st) for st in self.sentences(self.item_stretches(c, m_end))]
                    continue
                stop = folded.find("。", m_end, line)  # one sentence, its duties apart by ; (or ,)
                found += [(c, st) for st in self.sentences([(m_end, line if stop < 0 else stop + 1)])]
        count: dict[str, int] = {}
        for c, (s, e) in sorted(found, key=lambda f: f[1]):
            for a, b in self.body_phrases(body, meeting, c, s, e):
                if meeting.unit is None:
                    j = self.doc.jurisdiction
                    did = f"{j.name}/{squeeze(meeting.name)}" if j and j.name else squeeze(meeting.name)
                    self.facts.departments.setdefault(did, Department(did, meeting.name, None, j.name if j else "",
                                                                      j.level if j else "unknown"))
                    meeting.unit = did
                role, action, concept = self.role_and_action(a, b)
                n = count[c.id] = count.get(c.id, 0) + 1
                self.facts.duties.append(Duty(a, b, f"{c.id}/b{n}", meeting.unit, self.leaf_at(a).id,  # (see duties)
                                              self.doc.text[a:b], role, action, concept))

    def headed_below(self, headed: set[str], c: Clause, at: int) -> bool:
        """Whether the text at `at`, read for clause `c`'s heading (二、工作职责), stands in an item
        below `c` whose own heading says it gives the body's duties ((一)领导小组职责): that item's
        reading is the one (else each duty twice, one with its heading's 职责 before it)."""
        k = self.leaf_at(at)
        while k is not None and k is not c:
            if k.id in headed:
                return True
            k = self.by_id.get(k.parent or "")
        return False

    def members_below(self, c: Clause, at: int) -> bool:
        """Whether the text at `at`, read for clause `c`'s heading (二、工作职责), stands in an item
        below `c` whose heading names the member units (（二）成员单位职责。 under 滨海's 二、工作职责,
        pkc:member-part): what they do (区应急局负责…), none of it the body's own duty."""
        words = self.cues.parts.get("member-part", ())
        k = self.leaf_at(at)
        while k is not None and k is not c:
            h = k.heading
            if h is not None and any(self.doc.folded.find(w, h.start, h.end) >= 0 for w in words):
                return True
            k = self.by_id.get(k.parent or "")
        return False

    def in_unit_table(self, c: Clause) -> bool:
        """Whether clause `c` is a row of a table with a unit column (部门 | 职责 | 完成时限, its head
        row too): the rows say what each unit does (`row_head`), none the body's own duty — even
        a row whose unit cell names no one unit (各乡镇人民政府、街道办事处)."""
        if c.kind != "row":
            return False
        heads = [squeeze(self.doc.text[x.start:x.end]) for x in c.cells]
        return any(self.unit_column(x.column, [y.column for y in c.cells]) or self.unit_column(h, heads)
                   for x, h in zip(c.cells, heads))

    def unit_column(self, name: str, names: list[str]) -> bool:
        """Whether a table's column `name` (among its columns `names`) names each row's unit: a
        unit column (pkc:column-unit: 单位, 部门), or a column under a task tag's label for the
        units responsible (pk:tagLabel of pkr:responsible: 责任单位) in a table of units and
        their duties, a duty column beside it and no task column (洛川's 序号 | 责任单位 | 工作职责 |
        完成时限, audit9: before, each row's cells joined were the body's own duties)."""
        columns = self.cues.columns
        if columns.get(name) == "unit":
            return True
        roles = [columns.get(n) for n in names]
        return (self.cues.tag_labels.get(name) == "responsible" and "duty" in roles and "task" not in roles
                and not any(columns.get(n) == "unit" for n in names))

    def in_unit_item(self, body: BodySetup, c: Clause | None) -> bool:
        """Whether clause `c` is, or stands in, an item about the body's office or about a
        department (（八）应急指挥部办公室 … （一）主要职责: the office's; （一）县卫生健康委。…)."""
        folded = self.doc.folded
        while c is not None:
            h = c.heading
            if h is not None and (body.office_heading.fullmatch(folded, h.start, h.end)
                                  or self.resolve_span(*self.heading_name(c)) is not None):
                return True
            c = self.by_id.get(c.parent or "")
        return False

    def works_under(self, meeting: Meeting, c: Clause, m: re.Match) -> None:
        """The organisations a match of pkc:body-led-by names as whom the body works under, each
        joining `meeting.reports_to` — not under guidance alone (在市卫健委指导下), nor the guiding
        body of 在…的指导和…的领导下."""
        folded = self.doc.folded
        leaders = self.departments_in(*m.span("leader"), c.id) if m.group("lead") else []
        said = m.end() - (folded[m.end() - 1] == ",")  # 在县政府领导下, without its comma
        for _, did in leaders:
            if did not in meeting.reports_to:
                meeting.reports_to.append(did)
                meeting.reports_at.append(Mention(m.start(), said, department=did, clause=self.leaf_at(m.start()).id,
                                                  surface=self.doc.text[m.start():said]))

    def body_phrases(self, body: BodySetup, meeting: Meeting, c: Clause, s: int, e: int) -> Iterator[tuple[int, int]]:
        """The duties of the body's statement [s, e): its phrases between commas (not those in
        brackets or quotes), without the body as their subject and without where it says
        whom the body works under — whose organisations join `meeting.reports_to`."""
        folded = self.doc.folded
        cuts = []  # 在县政府领导下,
        for m in body.led_by.finditer(folded, s, e):
            self.works_under(meeting, c, m)
            cuts.append((m.start(), m.end()))
        shielded = sorted([(q.start(), q.end()) for q in _QUOTED.finditer(folded, s, e)]
                          + [(q.start(), q.end()) for q in _PARENTHESIS.finditer(folded, s, e)])
        starts, ends = [a for a, _ in shielded], list(accumulate((b for _, b in shielded), max))
        stops = [k.start() for k in _COMMA.finditer(folded, s, e)
                 if (i := bisect.bisect_left(starts, k.start()) - 1) < 0 or ends[i] <= k.start()]
        name, lo, n = squeeze(meeting.name), s, 0
        members = False  # in the member units' phrases (各成员单位密切配合,…) until the body is named again
        for k in stops + [e]:
            parts = []  # the phrase [lo, k) without the led-by phrases in it
            while n < len(cuts) and cuts[n][0] < k:
                parts.append((lo, cuts[n][0]))
                lo = max(lo, cuts[n][1])
                n += 1
            for a, b in parts + [(lo, k)]:
                while a < b and folded[a].isspace():
                    a += 1
                if body.members_subject.match(folded, a, b):
                    members = True  # 各成员单位充分发挥职能作用,加强协调配合,…: the member units'
                    continue
                subject = body.name_as_subject.match(folded, a, b)
                if name and folded.startswith(name, a, b):  # its full name (祁门县…联席会议统筹…)
                    a, members = a + len(name), False
                elif subject is not None:  # 各成员单位密切配合,联席会议统筹…: the body's again
                    a, members = subject.end(), False
                if not members:
                    # 一是贯彻落实…: the duty after its count (the word that opens it, any length)
                    a += next((len(w) for w in self.cues.parts.get("inline-enumerator", ()) if folded.startswith(w, a, b)), 0)
                    yield from self._trimmed(a, b)
            lo = max(lo, k + 1)

    def meeting_name(self, body: BodySetup) -> tuple[str, Span | None]:
        """The body's name and where the text writes it: from the document that sets it up,
        else the title (关于成立县…工作领导小组的通知), else the text (成立…领导小组; 盟…应急指挥部
        下设办公室), else the kind's name (联席会议)."""
        doc, folded = self.doc, self.doc.folded
        name = None
        for text in [doc.slice(z.heading) for z in doc.clauses if z.heading] + [doc.title or ""]:
            text = squeeze(text)
            m = body.name_in_heading.search(text)
            if m:
                name = body.name_lead.sub("", m.group(1), count=1)
                break
        if name is None:  # in the text: 决定成立县…领导小组 / 盟…应急指挥部下设办公室
            m = next((m for p in body.name_in_text if (m := p.search(folded))), None)
            if m:
                return doc.text[m.start(1):m.end(1)], Span(m.start(1), m.end(1))
            return body.kind.label, None
        # a heading may shorten the name the text sets up (a news page's 优化生育政策工作部际联席会议
        # 制度建立 for 建立国务院优化生育政策工作部际联席会议制度): the text's longer name, if it ends so
        # — looked for only on the lines holding the name (a name in running text never runs
        # over a line end: the patterns' matches are each line's), not over the whole text
        longer = next((m for p in body.name_in_text for s, e in _lines_holding(folded, name)
                       for m in p.finditer(folded, s, e)
                       if len(m.group(1)) > len(name) and m.group(1).endswith(name)), None)
        if longer:
            return doc.text[longer.start(1):longer.end(1)], Span(longer.start(1), longer.end(1))
        at = doc.text.find(name)
        return name, Span(at, at + len(name)) if at >= 0 else None

    def post_field(self, s: int, e: int, role: str, clause: str, implied: str = "") -> Field:
        """A post described in prose (县政府分管副县长): a Field, and a Post of its unit —
        named in it, else `implied` (the unit of the post before, the sentence naming it
        once for both). Named by its holder alone (办公室主任由张三同志兼任, 组  长:张三:
        pkc:person-name), it is held by that person, its span the name."""
        hits = self.departments_in(s, e, clause)
        did = hits[0][1] if hits else implied
        person = None
        m = None if hits else self.cues.person_name.match(self.doc.folded[s:e])
        if m and self.a_name(m.group("person")):
            s, e = s + m.start("person"), s + m.end("person")
            person = squeeze(self.doc.text[s:e])
        elif (after := self.holder_after(s, e)) is not None:  # 县财政局局长曹建国
            e, person = after[0], squeeze(self.doc.text[after[1]:after[2]])
        if hits and (office := self.post_unit(hits[0][0], e, clause)) is not None:
            did = office  # 县政府副秘书长: a post of the government's office
        elif not hits and person is None and (own := self.post_words_unit(s, e, clause)) is not None:
            did = own  # 区委常委、副区长, 县委书记: its unit by its words (before `implied`: 县委书记和县长)
        n = self.post_count[clause] = self.post_count.get(clause, 0) + 1
        # (id, department, clause, role, person; name, value: by position, as keywords to a class
        # cost the call a dict)
        self.facts.posts.append(Post(s, e, f"{clause}/post{n}", did, clause, role, person))
        return Field(s, e, role, self.doc.text[s:e])

    def post_words_unit(self, s: int, e: int, clause: str) -> str | None:
        """The unit a post [s, e) naming no body the matcher reads is of by its words: a post glued
        after a body's short name (pkc:committee-post: 县委书记, 区委常委 — the name before it, 县委,
        read whole by the registry), or a government leader's named by its place's word alone
        (pkc:bare-post: 副区长 — that place's body of pkc:bare-post-unit, 区政府); of one person's
        posts joined by 、 (区委常委、副区长) the last naming one. The unit is recorded, its mention
        the name (县委) or the bare post (副区长). None if no post of it names one."""
        folded, text = self.doc.folded, self.doc.text
        committee = self.cues.parts.get("committee-post", ())
        units = self.cues.parts.get("bare-post-unit", ())
        ends = [k for k in range(s, e) if folded[k] == "、"] + [e]
        for a, b in reversed(list(zip([s, *(k + 1 for k in ends[:-1])], ends))):
            a, b = _unblanked(folded, a, b)
            if (bare := _bare_post().fullmatch(folded, a, b)) is not None:
                place = bare.group("place")
                m = next((u for w in units if (u := resolve(place + w)) is not None), None)
                if m is not None and m.concept and not m.collective and not m.generic:
                    return self.department(replaced(m, start=a, end=b, surface=text[a:b], label=""), clause)
            for word in committee:
                if folded.endswith(word, a, b) and b - len(word) > a:
                    m = resolve(folded[a:b - len(word)])
                    if m is not None and m.concept and not m.collective and not m.generic:
                        k = b - len(word)
                        return self.department(replaced(m, start=a, end=k, surface=text[a:k]), clause)
        return None

    def post_unit(self, m: DepartmentMatch, e: int, clause: str) -> str | None:
        """The unit whose post [m.start, e) is, when the registry files the post written after
        `m`'s body under another unit (pk:postLabel, pk:postUnder of departments.ttl): 县政府副秘书长
        is the county government's office's (县政府办公室), its words a mention of that office.
        None when it is `m`'s own (县政府分管副县长)."""
        units = post_units().get(m.concept or "")
        if not units or m.generic or m.collective:
            return None
        rest = self.doc.folded[m.end:e].rstrip()
        for word, concept in units:
            if rest.endswith(word) and not self.matches_in(m.end, e):
                office = replaced(m, end=e, surface=self.doc.text[m.start:e], concept=concept,
                                  canonical=concept_name(concept, m.tier, m.prefix), label="", short=False,
                                  former=False)
                return self.department(office, clause)
        return None

    def run_in_lines(self, body: BodySetup, base: int, seg: str) -> tuple[str, list[int], list[int]] | None:
        """A make-up listed a role a line whose line ends were lost (a notice on one line: 召集人：
        李国华  市政府副市长副召集人：张明远  市政府副秘书长          刘海涛  市市场监管局局长成  员：…
        钱伟民  市生态环境局副局长联席会议办公室设在…), with them put back where the text says a line
        ended (pkc:list-label, pkc:list-run-in-item of cues.ttl): before a label glued to the end of
        an item or after 。 ;, before each item after one, after the last — `seg` with a line end
        there, where (in it) each was put, and where its sentences end; None if none was lost. A
        list whose label has a line end after it before its sentence ends is read as written."""
        label, item = body.list_label, self.cues.run_in_item
        breaks: list[int] = []
        done = 0
        for m in label.finditer(seg):
            if m.start() < done:
                continue
            k = m.start()
            while k > 0 and seg[k - 1] in _BLANKS:
                k -= 1
            if k > 0 and seg[k - 1] not in "\n。;:":
                continue  # a list opens a line, or follows a sentence's end or its lead-in (…如下:)
            stop = _LINE_OR_SENTENCE_END.search(seg, m.end())
            if stop is not None and stop.group() == "\n":
                continue  # its line end is there: read as written
            limit = stop.start() if stop else len(seg)
            if k > 0 and seg[k - 1] != "\n":
                breaks.append(k)
            done = self.run_in_items(seg, m.end(), limit, label, item, breaks, base, body.words)
            while done >= limit and seg[limit:limit + 1] == ";" and self.semicolon_item(seg, limit, label) is not None:
                # 成  员:王五  县财政局副局长;赵六  县教育局局长…: the list goes on after the ;
                stop = _LINE_OR_SENTENCE_END.search(seg, limit + 1)
                done, limit = self.run_in_items(seg, limit + 1, stop.start() if stop else len(seg), label, item,
                                                breaks, base, body.words), stop.start() if stop else len(seg)
        if not breaks:
            return None
        self.lost_lines += [base + b for b in breaks]
        text = "".join(seg[a:b] + "\n" for a, b in zip([0, *breaks], breaks)) + seg[breaks[-1]:]
        marks = [b + n for n, b in enumerate(breaks)]  # where each lost line end stands in `text`
        return text, marks, _sentence_ends(text)

    def semicolon_item(self, text: str, k: int, label: re.Pattern, stop: int | None = None) -> re.Match | None:
        """The item of a make-up list after the ； at `k` of `text` (folded) when it has no label of its
        own: a name, a blank or brackets, and a post ending as pkc:list-post-end says
        (pkc:list-run-in-item's person: 赵六　县教育局局长), or a post alone (its post: 县民政局局长, a unit
        a member, no one named) — all of text[…:stop] when `stop` is
        given, else what opens it (a notice on one line: items glued after it); else None."""
        k += 1
        while k < len(text) and text[k] in _BLANKS:
            k += 1
        end = len(text) if stop is None else stop
        if label.match(text, k, min(end, k + _RUN_ON_ITEM)) is not None:
            return None  # (a label opens its own list: pkc:setup-*-list after a ;)
        m = (self.cues.run_in_item.match if stop is None else self.cues.run_in_item.fullmatch)(text, k, end)
        if m is None or m.group("person") is not None and not self.a_name(m.group("person")):
            return None
        if m.group("person") is None and m.group("holder") is not None:
            return None  # (a post with a name glued after it, 县民政局局长曹建国: not read after a ； as before)
        return m

    def items_after_semicolon(self, body: BodySetup, e: int) -> int:
        """Where a make-up list read up to `e` ends, taking in each item after a ； with no label of
        its own (成　员：王五　县财政局副局长；赵六　县教育局局长: `semicolon_item`), each up to the
        next ； or 。 or line end (one lost too: `run_in_lines`); the list's pattern, like every
        set-up pattern, stops at a ；."""
        folded = self.doc.folded
        while True:
            k = e
            while k < len(folded) and folded[k] in _BLANKS:
                k += 1
            if folded[k:k + 1] != ";":
                return e
            stop = _LINE_OR_SENTENCE_END.search(folded, k + 1)
            stop = stop.start() if stop else len(folded)
            lost = bisect.bisect_right(self.lost_lines, k)  # (in order: a list's, put back in order)
            if lost < len(self.lost_lines):
                stop = min(stop, self.lost_lines[lost])
            while stop > k and folded[stop - 1] in _BLANKS:
                stop -= 1
            if stop - k > _RUN_ON_ITEM or self.semicolon_item(folded, k, body.list_label, stop) is None:
                return e
            e = stop

    def run_in_items(self, seg: str, at: int, limit: int, label: re.Pattern, item: re.Pattern,
                     breaks: list[int], base: int = 0, words: re.Pattern | None = None) -> int:
        """Read the items of the make-up list whose label ends at `at` (up to `limit`: the
        sentence's end), and of the labels glued after them, adding to `breaks` where a line end
        was lost; where the list ends. (`seg` is the folded text from `base`; `words`: the body's
        kind, 领导小组, whose name a post's ending never runs into: 中心主任领导小组办公室设在….)"""
        def blanks(k: int) -> int:
            while k < limit and seg[k] in _BLANKS:
                k += 1
            return k

        def ends(k: int) -> bool:  # an item ends at k: the sentence, a separator or a label follows
            k = blanks(k)
            return k >= limit or seg[k] in "、,;。:" or label.match(seg, k, limit) is not None

        def read(k: int) -> tuple[re.Match | None, int]:  # the item at k and where it ends
            m = item.match(seg, k, limit)
            if m is None:  # 汪静县委常委、宣传部部长: one person's two posts, the first not ending as
                c = seg.find("、", k, min(k + _JOINED_POST, limit))  # pkc:list-post-end says, but a post
                if c < 0 or not _RUN_IN_WORDS.fullmatch(seg, k, c) or self.a_name(seg[k:c]) \
                        or (m := item.match(seg, c + 1, limit)) is None or m.group("post") is None:
                    return None, k
            elif (person := m.group("person")) is not None and not self.a_name(person) \
                    and label.match(seg, blanks(m.end("person")), limit) is not None:
                return m, m.end("person")  # 县委副书记、县长  副组长:…: a post (no name), a label after it
            elif m.group("post") is not None and (lab := label.search(
                    seg, m.start("post") + 1, min(limit, m.end("post") + _LABEL_REACH))) is not None \
                    and lab.start() < m.end("post"):
                return m, lab.start()  # 县委副书记、县长副组长:江海峰: a post a word long, a label glued after it
            elif words is not None and m.group("holder") is None \
                    and (w := words.search(seg, m.start() + 1, min(limit, m.end() + _LABEL_REACH))) \
                    and w.start() < m.end() and item.fullmatch(seg, m.start(), w.start()) is not None:
                return m, w.start()  # 县乡村振兴服务中心主任领导小组办公室设在…: the post ends before the body's name
            holder = m.group("holder")
            if m.group("post") is not None and holder is None:  # 县财政局局长曹建国副召集人: a name
                for k in range(m.end() + 2, min(m.end() + 5, limit)):  # glued after the post, then a
                    if (seg[k] in _BLANKS or label.match(seg, k, limit) is not None) \
                            and len(seg[m.end():k].strip()) >= 2 and self.a_name(seg[m.end():k]):
                        # label or a blank: the item's end (blanks alone are no name: 副主任  吴海燕…)
                        return m, k
            return m, m.end("post") if holder is not None and not self.a_name(holder) else m.end()

        m, end = read(blanks(at))
        if m is None:
            return at
        while True:
            q = blanks(end)
            if q >= limit:
                return q
            if seg[q] == "、":  # the next item (the list's reader parts them at 、)
                m, end = read(blanks(q + 1))
                if m is None:
                    return q
                continue
            if (lab := label.match(seg, q, limit)) is not None:  # 副召集人: after 市政府副市长
                breaks.append(end)  # (the blanks before it open its line, as an indent)
                m, end = read(blanks(lab.end()))
                if m is None:
                    return lab.end()
                continue
            m, after = read(q)
            if m is not None and (m.group("person") is not None and self.a_name(m.group("person"))
                                  or q > end and (ends(after) or after > m.end()  # (a name glued after)
                                                  # 方志刚县发展改革委副主任: a name glued before the post,
                                                  # as the list's reader cuts it (`glued_name`)
                                                  or m.group("post") is not None and self.glued_name(
                                                      base + q, base + m.end("post")) is not None)):
                breaks.append(end)  # the next item: a name and its post, or a post apart by a blank
                end = after
                continue
            breaks.append(end)  # what follows is no item: the list ended on the line lost
            return end

    def member_units(self, s: int, e: int, hits: list[tuple[DepartmentMatch, str]]) -> list[tuple[DepartmentMatch, str]]:
        """The units of `hits` a member list ([s, e)) makes members: each unit named, alone or
        before a post (县教育局局长, 县卫健委、县教育局分管负责同志: "由各部门主要负责同志组成") —
        not one whose post is a government leader's (县政府分管副县长, 县政府分管领导:
        pkc:leader-post), the convenor, whose government convenes the body rather than sits in it."""
        leader = _leader_post()
        folded = self.doc.folded
        # 市政府办公室（市口岸办）: a unit in brackets right after another is its other name, one member
        out = [(h, did) for k, (h, did) in enumerate(hits)
               if not (k and folded[hits[k - 1][0].end:h.start] == "(" and folded.startswith(")", h.end))]
        for a, b in self._split_people(s, e):
            after = self.holder_after(a, b)  # 县政府副县长张三: the post before the name
            if leader.search(self.doc.folded[a:after[0] if after else b].rstrip()):
                out = [(h, did) for h, did in out if not a <= h.start < b]
        return out

    def a_name(self, text: str) -> bool:
        """Whether `text`, shaped as a person's name, holds no word of a post (pkc:not-in-name)."""
        return not any(w in squeeze(text) for w in self.cues.parts.get("not-in-name", ()))

    def holder_after(self, s: int, e: int) -> tuple[int, int, int] | None:
        """(where the post ends, where its holder's name begins and ends) when [s, e) is a post
        and then the name of who holds it (县财政局局长曹建国: pkc:person-after-post)."""
        # (its last words searched for, the engine skipping to them: not a match of .*? stepping
        # over each character of the post and trying them there; the post is on one line)
        m = self.cues.person_after_post.search(self.doc.folded, s, e)
        if m is None or self.doc.folded.find("\n", s, m.start()) >= 0 or not self.a_name(m.group("person")):
            return None
        return m.end(1), m.start("person"), m.end("person")

    def list_posts(self, s: int, e: int, role: str, clause: str, named: bool = False) -> list[Field]:
        """The posts of a list of the body's make-up ([s, e): 李四(县政府办公室副主任)、王五(…),
        or one a line): a Post of `role` per item, its span the post, its holder the name
        before it (pkc:list-item) or after it (县财政局局长曹建国); `named`: only items naming
        someone (成员:赵六(县教育局局长), not 成员:县发展改革委、县民政局…分管负责同志, a list of units)."""
        out = []
        for a, b in self._list_items(s, e):
            m = self.cues.list_item.match(self.doc.folded[a:b])
            if m is None:
                continue
            g = _read(m)
            ps, glued = a + m.start(g), None
            if m.group("person") is None and self.holder_after(a, b) is None:
                glued = self.glued_name(ps, a + m.end(g))  # 储德明县政府县长: the name glued before
                if glued is None and named:
                    continue
            out.append(self.post_field(ps if glued is None else glued, a + m.end(g), role, clause))
            if m.group("person") is not None:
                self.facts.posts[-1].person = squeeze(self.doc.text[a + m.start("person"):a + m.end("person")])
            elif glued is not None:
                self.facts.posts[-1].person = self.doc.text[ps:glued]
        return out

    def glued_name(self, s: int, e: int) -> int | None:
        """Where the post begins when a list's item [s, e) is a person's name glued before it, no
        blank or bracket between (储德明县政府县长, 汪静县委常委、宣传部部长, 李四县教育局局长): after
        two to four CJK characters that hold no word of a post (pkc:not-in-name), where a unit
        the registry knows begins — the notice's place name (刘海黟县教育局局长), a department the
        matcher found there and not one begun before it (曹建国县财政局局长 is 建国县's: no cut), or
        the notice's prefix with a one-character label after it, which the matcher reads only
        before a boundary (县委常委); the post after it holding a word of a post (国网霍山县供电公司
        is a unit's name, 常务副县长 no unit: 县长 is none) — or, no unit in the item, where a post
        naming none begins and fills the rest (张三副县长: pkc:bare-post). None when there is no such cut."""
        folded = self.doc.folded
        j = self.doc.jurisdiction
        place, prefix = (j.name, j.prefix) if j else ("", "")
        matches = self.matches_in(s, e)
        for k in range(s + 2, min(s + 5, e - 1)):
            if not "\u4e00" <= folded[k - 1] <= "\u9fff":
                return None  # (a name is written with no blank in it here)
            if not matches and _bare_post().fullmatch(folded, k, e):
                # 张三副县长: a post of no unit after the name (not 常务副县长, a post whole)
                return k if self.a_name(folded[s:k]) and not _bare_post().fullmatch(folded, s, e) else None
            if place and folded.startswith(place, k):
                pass
            elif any(m.start < k < m.end for m in matches):
                return None  # the registry reads the characters before k into a unit
            elif any(m.start == k and not m.generic and not m.collective for m in matches):
                pass
            elif not (prefix and folded.startswith(prefix, k)
                      and (unit := resolve(folded[k:k + len(prefix) + 1])) is not None and unit.concept):
                continue
            if self.a_name(folded[s:k]) and not self.a_name(folded[k:e]):
                return k
            return None
        return None

    def _list_items(self, s: int, e: int) -> list[tuple[int, int]]:
        """The items of a list ([s, e)), blanks trimmed: one a line (a line end lost put back:
        `run_in_lines`), and on a line apart at 、 or , outside brackets (李四(…)、王五(…)), else
        between posts (`_split_people`)."""
        folded, out = self.doc.folded, []
        pos = s
        lost = [(b, 0) for b in self.lost_lines if s < b < e]  # (a lost line end holds no character)
        # (and at a ； before an item with no label of its own: `items_after_semicolon`)
        for line_end, width in sorted([*((m.start(), 1) for m in _LIST_ITEM_END.finditer(folded, s, e)), *lost]) + [(e, 1)]:
            a, b = pos, line_end
            pos = b + width
            if "(" not in folded[a:b]:
                out += self._split_people(a, b)
                continue
            depth, start = 0, a
            for k in range(a, b):
                ch = folded[k]
                depth += (ch == "(") - (ch == ")")
                if depth == 0 and ch in "、,":
                    out.append((start, k))
                    start = k + 1
            out.append((start, b))
        trimmed = []
        for a, b in out:
            trimmed += self._trimmed(a, b)
        return trimmed

    def bracketed_post(self, a: int, b: int) -> tuple[int, int, int, int] | None:
        """(where the person's name begins and ends, where the post begins and ends) when [a, b) is
        a name and the post its person holds in brackets (李四（县农业农村局局长）: pkc:list-item's
        person and post) — in a 由…担任 phrase as in a list; the post up to a clause's mark inside
        the brackets (李四（县农业农村局局长，负责日常工作）: 县农业农村局局长, the rest no post). None when
        the name is a unit's (县卫健委（县中医药局）) or what the brackets hold names no unit nor ends
        as a post does (pkc:list-post-end)."""
        folded = self.doc.folded
        if not folded.endswith(")", a, b):
            return None
        m = self.cues.list_item.match(folded[a:b])
        if m is None or m.group("person") is None or not self.a_name(m.group("person")):
            return None
        pa, pb, g = a + m.start("person"), a + m.end("person"), _read(m)
        ps, pe = a + m.start(g), a + m.end(g)
        if "(" not in folded[pb:ps] or self.matches_in(pa, pb):
            return None
        if (cut := _CLAUSE_PUNCT_AT.search(folded, ps, pe)) is not None:
            pe = cut.start()
        while pe > ps and folded[pe - 1] in _BLANKS:
            pe -= 1
        if pe <= ps or not (self.matches_in(ps, pe) or folded.endswith(tuple(self.cues.parts.get("list-post-end", ())), ps, pe)):
            return None
        return pa, pb, ps, pe

    def person_post(self, a: int, b: int, role: str, clause: str, implied: str = "") -> Field:
        """A post of a 由…担任 phrase ([a, b)): the post in brackets after its person's name
        (副组长由张三（县政府副县长）、李四（县农业农村局局长，负责日常工作）担任: each a post held by its
        person, `bracketed_post`), else the post as written (`post_field`)."""
        held = self.bracketed_post(a, b)
        if held is None:
            return self.post_field(a, b, role, clause, implied)
        pa, pb, ps, pe = held
        field = self.post_field(ps, pe, role, clause, implied)
        self.facts.posts[-1].person = squeeze(self.doc.text[pa:pb])
        return field

    def _split_people(self, s: int, e: int) -> list[tuple[int, int]]:
        """"市政府副秘书长、市卫健委主要负责人" → two spans (split at 、/和 between posts, or
        after a post's holder named after it: 县政府办公室副主任李四、县卫生健康委主任王五)."""
        text = self.doc.folded[s:e]
        endings = self.cues.parts.get("post-ending", ())  # 同志, 负责人, 局长 … (cues.ttl)
        parts = self.cues.parts
        party, leader, deputy = parts.get("party-head-post", ()), parts.get("leader-post", ()), parts.get("deputy-post-mark", ())
        deputy_party = _prefixed(deputy, party)  # 副书记
        deputy_posts = _prefixed(deputy, parts.get("list-post-end", ()))  # 副主任, 副县长 …
        out, pos = [], 0
        for m in _ITEM_JOIN.finditer(text):
            left = text[pos:m.start()]
            if left.endswith(endings) or self.holder_after(s + pos, s + m.start()) is not None \
                    or left.endswith(")") and self.bracketed_post(s + pos, s + m.start()) is not None \
                    or party and left.endswith(party) and not left.endswith(deputy_party) \
                    and (right := _ITEM_JOIN.split(text[m.end():], 1)[0]).endswith(leader) and not any(d in right for d in deputy) \
                    or deputy_party and left.endswith(deputy_party) \
                    and _ITEM_JOIN.split(text[m.end():], 1)[0].endswith(deputy_posts):
                # (县委书记、县长: two posts, the party's head and the government's — not 县委副书记、县长,
                # one person's; 街道工委副书记、街道办事处分管…的副主任: two deputies, two people)
                out.append((s + pos, s + m.start()))
                pos = m.end()
        out.append((s + pos, e))
        return [x for a, b in out for x in self._split_at_gaps(a, b, endings)]

    def _split_at_gaps(self, s: int, e: int, endings: tuple[str, ...]) -> list[tuple[int, int]]:
        """[s, e) cut at each blank after a post's ending (pkc:post-ending) that a person's name
        and a blank follow (曹建国　县教育局局长　吴海燕　县财政局副局长: two items, pkc:list-item)."""
        text = self.doc.folded[s:e]
        if " " not in text.strip() and "\t" not in text.strip():
            return [(s, e)]
        out, pos = [], 0
        for m in _ITEM_GAP.finditer(text):
            if m.start() > pos and text[pos:m.start()].endswith(endings) and m.end() < len(text) \
                    and (item := self.cues.list_item.match(text[m.end():].rstrip())) is not None \
                    and item.group("person") is not None:
                out.append((s + pos, s + m.start()))
                pos = m.end()
        out.append((s + pos, e))
        return out

    def rules(self, setup: bool = False) -> list[MeetingRule]:
        """The meeting's rules: its rule clauses (（一）全体会议制度。…); else the sentences of
        its rules part (工作规则) naming a kind of meeting; else, when the notice sets up a
        meeting (`setup`) and has neither, its sentences naming the joint meeting and a kind
        ("联席会议根据工作需要定期或不定期召开会议", in a news report), or one of its own
        meetings (全体会议由召集人主持: pk:namesJointMeeting). Unnumbered paragraphs after the
        last rule clause that speak of the joint meeting in general are not that rule's: their
        sentences are read as running text (`rule_end`)."""
        doc, folded = self.doc, self.doc.folded
        rules: list[MeetingRule] = []
        general: list[tuple[Clause, int, int]] = []  # statements after the last rule clause, the meeting's
        heading_words = self.cues.parts.get("rule-heading", ())  # 制度, 会议
        for c in self.clauses:
            if c.heading is None or c.kind != "numbered":
                continue
            head = folded[c.heading.start:c.heading.end].rstrip("。:;. ")
            cue, kind = next(((cue, k) for cue, k in self.cues.rule_kinds if cue in head), (None, None)) \
                if _rule_cue().search(head) else (None, None)
            # a heading naming a rule: its kind and a few words more (联席会议…制度), or its kind's
            # word alone ((三)信息报送。); a longer one is a sentence that mentions it
            # (各成员单位要建立信息报送制度)
            if kind and (head == cue or any(w in head for w in heading_words)) \
                    and len(head) - len(cue) <= RULE_HEADING_EXTRA:
                end, rest = self.rule_end(c, kind)
                rules.append(self.rule(c, kind, doc.text[c.heading.start:c.heading.end].rstrip("。:： "),
                                       [(c.start, end)]))
                # a sentence of it with the joint meeting as its subject naming another kind only
                # is a rule of that kind too (联席会议以会议纪要形式明确会议议定事项 in (四)信息通报制度)
                general += [(c, s, e) for s, e in self.statements(c.heading.end, end)
                            if self.body_subject.match(folded, s)
                            and {k for w, k in self.cues.rule_kinds if w in folded[s:e]} - {kind}]
                general += [(c, s, e) for s, e in self.statements(rest, c.end)]
            elif kind is None and not c.children and head.endswith(heading_words) \
                    and len(head) <= RULE_HEADING_EXTRA + 2:
                # a rule clause naming no kind of meeting ((一)周调度制度。工作专班每周召开一次调度会;
                # not a part, 三、会议制度, over its rules): its sentences say the rule, as running
                # text does (`sentence_rules`)
                general += [(c, s, e) for s, e in self.statements(c.heading.end, c.end)]
        if rules:
            # a numbered clause beside a rule clause whose heading names no kind (（一）例会制度。工作专班
            # 每月召开一次工作推进会 before （二）督导通报制度: 洛川's, audit9 — before, unread): its
            # sentences read as a rules part's are
            # (once: one whose heading ends as a rule's, 例会制度, is read so above, audit10's)
            ruled = {r.clause for r in rules}
            parents = {self.by_id[r].parent for r in ruled if r in self.by_id}
            read = {(s, e) for _, s, e in general}
            general += [(c, s, e) for c in self.clauses
                        if c.kind == "numbered" and c.heading is not None and c.parent in parents
                        and c.id not in ruled and not c.children
                        for s, e in self.statements(c.heading.end, c.end) if (s, e) not in read]
            general.sort(key=lambda x: x[1])
            return sorted(rules + self.sentence_rules(iter(general)), key=_START_END)
        # No rule clauses: sentences of the rules part ("联席会议原则上每年召开1次全体会议"), a
        # numbered clause: a zone's heading is a title (…联席会议制度 holds 会议制度 too). Each
        # sentence once, with the deepest such clause holding it, in the text's order.
        parts = self.cues.parts.get("rules-part", ())
        in_part: dict[tuple[int, int], Clause] = {}
        for c in self.clauses:
            if c.kind == "numbered" and c.heading is not None and any(
                    cue in folded[c.heading.start:c.heading.end] for cue in parts):
                for s, e in self.statements(c.heading.end, c.end):
                    in_part[(s, e)] = c  # the clauses come in document order: a child after its parent
        rules = self.sentence_rules((c, s, e) for (s, e), c in sorted(in_part.items()))
        if rules or not setup:
            return rules
        # Else the statements naming the joint meeting or one of its own meetings: each one
        # holding the word, found as statements() would cut its clause's own text (at 。; and
        # line ends, trimmed).
        naming: dict[tuple[int, int], Clause] = {}
        for w in (*self.body_words, *self.cues.own_meetings):
            pos = folded.find(w)
            while pos >= 0:
                after = pos + 1
                c = self.leaf_at(pos)
                if c is not None and c.kind != "row":
                    own = c.own
                    start = max(own.start, _last_end(folded, own.start, pos) + 1)
                    end = STATEMENT_END.search(folded, pos, own.end)
                    after = own.end if end is None else end.end() if folded[end.start()] != "\n" else end.start()
                    for s, e in self._trimmed(start, after):
                        naming[(s, e)] = c
                pos = folded.find(w, max(after, pos + 1))  # (a word past its clause's own text: page furniture)
        return self.sentence_rules((c, s, e) for (s, e), c in sorted(naming.items()))

    def rule_end(self, c: Clause, kind: str) -> tuple[int, int]:
        """Where the text of rule clause `c` (of `kind`) ends, and where the text after it that
        is the joint meeting's in general begins (`c.end` if none). A parser puts unnumbered
        paragraphs after the last clause of a list into that clause: in the last rule clause,
        a paragraph after its body that does not name its own kind is not about that kind of
        meeting — whether it names the joint meeting or another kind ("联席会议以纪要形式明确
        议定事项。联席会议可根据工作需要邀请…参加。" after (二)专题会议制度) or neither
        ("各成员单位要…不定期召开座谈会…" after (三)专题会议制度); one opening with a word for
        the rule's own meetings (会议由副召集人主持: pkc:rule-anaphor) is the rule's. Where the
        line breaks are lost (a notice written on one line) the paragraphs are not told apart;
        a sentence after the body's first with the joint meeting as its subject
        (pkc:name-as-subject: 联席会议以纪要形式…, 联席会议可…邀请…, not 联席会议办公室…) and
        not naming the rule's kind speaks of the meeting in general too, on any line; so does
        one putting a requirement to the body's member units (各成员单位要…:
        pkc:requirement-subject). A sentence after another's end and a blank opens a
        paragraph, as one opening a line does: the break lost as a space, or the paragraph's
        indent kept. That text and all after it are not the rule's."""
        parent = self.by_id.get(c.parent) if c.parent else None
        if c.children or parent is None or parent.children[-1] is not c:
            return c.end, c.end
        folded, text = self.doc.folded, self.doc.text
        statements = list(self.statements(c.heading.end, c.end))
        if len(statements) < 2:
            return c.end, c.end
        lines = [(s, e) for m in re.finditer(r"[^\n]+", folded[c.start:c.end])
                 for s, e in self._trimmed(c.start + m.start(), c.start + m.end())]
        starts = [s for s, _ in lines]
        own = [cue for cue, k in self.cues.rule_kinds if k == kind]
        kinds = [cue for cue, _ in self.cues.rule_kinds]
        # the body's first statement is the rule's (its heading may stand alone on the line before)
        for s, e in statements[1:]:
            line = lines[bisect.bisect_right(starts, s) - 1]
            # a statement opening a paragraph (read whole): at a line's start, or after a sentence's
            # end and a blank — a line break lost on a notice written on one line (or its indent)
            k = s
            while k > line[0] and folded[k - 1] in _BLANKS:
                k -= 1
            paragraph = line[0] == s or k < s and folded[k - 1] in _SENTENCE_ENDS
            if any(folded.find(w, s, line[1] if paragraph else e) >= 0 for w in own):
                continue
            if paragraph and any(folded.startswith(w, s) for w in self.cues.parts.get("rule-anaphor", ())) \
                    and not any(folded.startswith(w, s) for w in kinds):
                continue  # 会议由副召集人主持: the rule's meetings (not 会议纪要…, another kind)
            if paragraph or self.body_subject.match(folded, s) or self.body_requirement.match(folded, s):
                end = s
                while end > c.start and text[end - 1].isspace():
                    end -= 1
                return end, s
        return c.end, c.end

    def sentence_rules(self, statements: Iterator[tuple[Clause, int, int]]) -> list[MeetingRule]:
        """A rule for each (clause, start, end) statement naming a kind of meeting; a statement
        naming the kind of the rule just before it adds to that rule, as the sentences of one
        rule clause do (联席会议原则上每年召开1次全体会议…。全体会议可根据工作需要邀请…参加。)."""
        folded = self.doc.folded
        found: list[tuple[Clause, str, str, list[tuple[int, int]], str]] = []  # clause, kind, label, stretches, id
        for c, s, e in statements:
            sent = folded[s:e]
            named = [(cue, k) for cue, k in self.cues.rule_kinds if cue in sent]
            if not named:  # a kind said without its cue (联席会议原则上每季度召开一次: pk:pattern)
                named = [(m.group(), k) for p, k in self.cues.rule_patterns for m in [p.search(sent)] if m][:1]
            if len({k for _, k in named}) != 1:
                continue  # none, or an overview of several (联席会议实行全体会议和专题会议制度)
            label, kind = named[0]
            last = found[-1] if found else None
            if last and last[1] == kind and s >= last[3][-1][1] and (common := self.enclosing(last[0], c)) is not None:
                found[-1] = (common, kind, last[2], last[3] + [(s, e)], last[4])
                continue
            found.append((c, kind, label, [(s, e)], f"{c.id}/rule" if s == c.start else f"{c.id}/rule-{s}"))
        return [self.rule(c, kind, label, stretches, rid) for c, kind, label, stretches, rid in found]

    def enclosing(self, a: Clause, b: Clause) -> Clause | None:
        """The smallest clause holding both `a` and `b`, if they are of one zone."""
        while a is not None and not a.contains(b):
            a = self.by_id.get(a.parent) if a.parent else None
        return a

    def participants(self, rule: MeetingRule, posts_of: dict[str, list[str]]) -> list[Participant]:
        """Who chairs, attends or may be invited to the meetings of `rule`, read in the text
        saying it (pkc:part-* of cues.ttl): each phrase with the post roles it names
        (召集人或副召集人: convenor, deputy_convenor) and the meeting's posts of those roles
        (`posts_of`)."""
        folded, cues = self.doc.folded, self.cues
        found = []
        n: dict[str, int] = {}
        for start, end in self.rule_text.get(rule.id, [(rule.start, rule.end)]):
            if not cues.participation_cue.search(folded, start, end):
                continue  # most rules say nothing of who takes part: skip the patterns
            seg = folded[start:end]
            ends = _sentence_ends(seg)
            for part, pattern in cues.participation.items():
                for m in _sentence_matches(seg, pattern, ends):
                    g = _read(m)
                    n[part] = n.get(part, 0) + 1
                    found.append(self.participant(start + m.start(g), start + m.end(g), f"{rule.id}/{part}{n[part]}",
                                                  part, posts_of))
        found.sort(key=_START_END)
        return found

    def post_role_of(self, word: str) -> str:
        """The post role `word` names (召集人: convenor): the body's own where its kind names its
        head or deputies so (组长 of a 工作专班: task_force_leader; of a 领导小组: group_leader)."""
        kind = self.body_kind
        if kind is not None:
            if word in kind.head_words:
                return kind.head
            if word in kind.deputy_words:
                return kind.deputy
        return self.cues.post_role[word]

    def participant(self, s: int, e: int, pid: str, part: str, posts_of: dict[str, list[str]]) -> Participant:
        """The phrase [s, e) taking `part` in meetings: the post roles it names (召集人或副召集人:
        convenor, deputy_convenor) and the meeting's posts of those roles (`posts_of`)."""
        cues = self.cues
        roles = list(dict.fromkeys(self.post_role_of(w) for w in cues.post_words.findall(self.doc.folded, s, e)))
        return Participant(s, e, id=pid, clause=self.leaf_at(s).id, part=part, text=self.doc.text[s:e], roles=roles,
                           posts=[p for r in roles for p in posts_of.get(r, ())])

    def rule(self, c: Clause, kind: str, label: str, stretches: list[tuple[int, int]], rid: str = "") -> MeetingRule:
        """The rule of `kind` that `stretches` of clause `c` say (a rule clause; sentences of
        running text): its span runs from the first to the last; what it says is read in them."""
        s, e = stretches[0][0], stretches[-1][1]
        rid = rid or (f"{c.id}/rule" if s == c.start else f"{c.id}/rule-{s}")
        self.rule_text[rid] = stretches
        text = "。".join(self.doc.folded[a:b] for a, b in stretches)
        period = times_min = times_max = None
        verbs = self.cues.parts.get("period-verb", ())
        for k, cue, duration in sorted((k, cue, d) for cue, d in self.cues.periods for k in _occurrences(text, cue)):
            # the period of holding something (每季度召开, 每半年…开展一次督查, 每季度…通报): a verb of
            # pkc:period-verb in its part of the sentence, not 听取各成员单位每季度工作进展情况汇报
            a = max(text.rfind(ch, 0, k) for ch in ",;。") + 1
            b = min((x for x in (text.find(ch, k) for ch in ",;。") if x >= 0), default=len(text))
            if verbs and not any(v in text[a:b] for v in verbs):
                continue
            period = duration
            m = re.match(r"[^。;]{0,30}?(\d+|[一二两三四五六七八九十]+)(?:\s*[—–\-~至到]\s*(\d+|[一二两三四五六七八九十]+))?\s*次",
                         text[k + len(cue):])
            if m:
                times_min = int(m.group(1)) if m.group(1).isdigit() else chinese_number(m.group(1))
                times_max = times_min if not m.group(2) else (
                    int(m.group(2)) if m.group(2).isdigit() else chinese_number(m.group(2)))
                # 每年至少召开一次, 至少每季度召开1次: the least, with no greatest (pkc:times-at-least)
                if not m.group(2) and any(w in text[a:k + len(cue) + m.start(1)]
                                          for w in self.cues.parts.get("times-at-least", ())):
                    times_max = None
            break
        regular, irregular = self.schedule(text)
        return MeetingRule(s, e, id=rid, clause=c.id,
                           kind=kind, label=label, period=period, times_min=times_min,
                           times_max=times_max, irregular=irregular, regular=regular or period is not None)

    def schedule(self, text: str) -> tuple[bool, bool]:
        """Whether `text` says its meetings are held on a schedule (定期) and whether as
        needed (不定期, 临时召开; 根据工作需要,可召开): the cues and patterns of pkm:schedules in
        cues.ttl. 定期或不定期 says both;
        a regular cue that begins inside an irregular one (定期 of 不定期) says nothing."""
        cues = self.cues.schedules
        irregular = [(k, k + len(w)) for w in cues.get("irregular", ()) for k in _occurrences(text, w)]
        if (said := self.cues.schedule_patterns.get("irregular")) is not None:  # 根据工作需要,可召开 (pk:pattern)
            irregular += [m.span() for m in said.finditer(text)]
        irregular.sort()
        starts, reach = [a for a, _ in irregular], list(accumulate((b for _, b in irregular), max))

        def inside(k: int) -> bool:  # whether k lies in an irregular cue (bisected: a 5 MB rule is read once)
            i = bisect.bisect_right(starts, k) - 1
            return i >= 0 and k < reach[i]

        regular = any(not inside(k) for w in cues.get("regular", ()) for k in _occurrences(text, w))
        return regular, bool(irregular)

    # --- member/contact tables -------------------------------------------------------------------

    def contacts(self) -> None:
        """Contacts in running text (pkc:contact-running): 永春's 联系人：苏雅琴，联系电话：0595-23881234 in
        the office's paragraph, 隆回's 领导小组办公室联系人：李婷，电话：…，电子邮箱：…, 浦东's 联系人：
        区人力资源社会保障局就业促进处　王丽萍，联系电话：…，电子邮箱：…, 正定's 联系人及电话：县人社局劳动保障
        监察大队　刘建波　0311-88012345 — each a post (role contact) held by the person named, with its
        telephone and e-mail, as a 联络员名单's row is. It is for the unit the words before the name
        name (区人社局: the post's department, its span those words), else the one unit written before
        联系人 (县卫健委联系人：张三), else the body's office when the words before 联系人 name it or the
        contact stands in the paragraph setting the office up (永春's), else the notice's body (no department)."""
        folded = self.doc.folded
        body = self.facts.meeting
        office_unit = body.office_unit if body is not None else None
        office_clause = body.office_at.clause if body is not None and body.office_at is not None else None
        n = 0
        pattern, words = _contact_running()
        if words and not any(w in folded for w in words):
            return
        for m in pattern.finditer(folded):
            c = self.leaf_at(m.start())
            if c is None:
                continue  # (the head or the foot of the notice: no clause's)
            s, e = m.span("who")
            words = [(x.start() + s, x.end() + s) for x in re.finditer(r"[^ \t\u3000]+", folded[s:e])]
            if not words:
                continue
            ps, pe = words[-1]
            person = folded[ps:pe]
            if not (self.cues.person_name.match(person) and self.a_name(person)):
                continue  # (联系人：县人社局: no one named)
            did, at = "", (ps, pe)
            if len(words) > 1:  # a unit (and its section) before the name
                us, ue = words[0][0], words[-2][1]
                named = self.departments_in(us, ue, c.id)
                did, at = (named[0][1] if named else ""), (us, ue)
            if not did and m.group("unit"):  # 县卫健委联系人：张三: that unit's
                named = self.departments_in(m.start("unit"), m.end("unit"), c.id)
                did = named[0][1] if len(named) == 1 else ""
            if not did and (m.group("office") or c.id == office_clause):
                did = office_unit or ""
            phone = m.group("phone") or m.group("number")
            n += 1
            self.facts.posts.append(Post(at[0], at[1], f"{c.id}/contact{n}", did, c.id, "contact",
                                         squeeze(self.doc.text[ps:pe]), phone=phone, email=m.group("email")))

    def table_posts(self) -> None:
        """Posts of a member table's rows: the unit column's department, a post per lead or
        liaison cell, with the row's telephone (联系电话: pkc:column-phone) if it gives one. A cell saying "same as above" (〃, 同上: how the readers write a cell
        merged down from the row above) stands for that cell; one saying nothing (—, 无)
        names no one."""
        ditto = set(self.cues.parts.get("same-as-above", ()))
        empty = set(self.cues.parts.get("empty-cell", ()))
        liaison_said = _liaison_said()
        # 成员单位及联络员名单: the members too — 联络员 joined to them, not to 联系方式 (联络员及联系方式)
        joins, members = self.cues.parts.get("title-join", ()), self.cues.parts.get("title-members", ())
        joined_before = tuple(w + j for w in members for j in joins)
        joined_after = tuple(j + w for w in members for j in joins)
        above: dict[str, Cell] = {}  # column → the cell standing in it in the row above
        parent = None
        named = "lead"  # the post a table's 姓名 column holds: what its title lists
        for c in self.clauses:
            if c.kind != "row":
                continue
            if c.parent != parent or c.style != "table-row":  # another table, or its head
                above, parent = {}, c.parent
                title = self.doc.clause(c.parent).heading
                title = self.doc.folded[title.start:title.end] if title else ""
                # 联络员名单 lists liaisons alone; 成员单位及联络员名单 members and liaisons, each
                # row's other cells (职务) saying which
                named = "liaison" if any(not title[:m.start()].endswith(joined_before)
                                         and not title[m.end():].startswith(joined_after)
                                         for m in liaison_said.finditer(title)) else "lead"
            if c.style != "table-row":
                continue
            cells = {}
            for cell in c.cells:
                said = squeeze(self.doc.text[cell.start:cell.end])
                cells[cell.column] = above.get(cell.column, cell) if said in ditto else cell
            above = dict(cells)
            roles = {column: self.cues.columns.get(squeeze(column)) for column in cells}
            if "person" in roles.values() and not {"lead", "liaison"} & set(roles.values()):
                # the row's post (职务: 联络员) says a liaison, else the title says whom it lists
                says = [squeeze(self.doc.text[x.start:x.end]) for col, x in cells.items() if roles[col] is None]
                held = "liaison" if any(liaison_said.search(t) for t in says) else named
                roles = {column: held if role == "person" else role for column, role in roles.items()}
            unit = next((cells[col] for col in cells if roles[col] == "unit"), None)
            if unit is None:
                continue
            m = self.resolve_span(unit.start, unit.end)
            if m is None:
                continue
            did = self.department(m, self.leaf_at(unit.start).id)
            phone = next((p for col, x in cells.items() if roles[col] == "phone"
                          and (p := squeeze(self.doc.text[x.start:x.end])) and p not in empty), None)
            n = 0
            for cell in c.cells:
                role = roles.get(cell.column)
                if role in ("lead", "liaison"):
                    said = cells[cell.column]
                    name = squeeze(self.doc.text[said.start:said.end]) or None
                    if name in empty:
                        continue  # no one named for this post
                    n += 1
                    self.facts.posts.append(Post(cell.start, cell.end, f"{c.id}/post{n}", did, c.id, role,
                                                 name, phone=phone))  # (by position: see post_field)

    # --- references ----------------------------------------------------------------------------

    def references(self) -> None:
        doc, folded = self.doc, self.doc.folded
        own_titles = {squeeze(doc.slice(z.heading)) for z in doc.clauses if z.heading}
        own_titles |= {squeeze(doc.title or "")}
        based_on, basis_heading = _based_on(), _basis_heading()
        for c, own in self.owned:
            numbers = self.numbers[c.id]
            if not numbers and folded.find("《", own.start, own.end) < 0:
                continue  # no title cited (_TITLE) nor 文号 (most clauses): no reference
            # where the notice states its own basis: its opening (a zone's text before its first
            # numbered clause), a clause saying what it is made under (一、制定背景, 一、工作依据),
            # or its first article (第一条 为…，根据…，建立…制度: where articles state it)
            states_basis = c.kind == "zone" or c.style == "article" and c.index == 1 or c.heading is not None and \
                basis_heading.search(folded, c.heading.start, c.heading.end) is not None
            refs: list[Reference] = []
            numbered_at: dict[int, list[int]] = {}  # where a 文号 starts → its indexes in `numbers`
            for k, (ns, _, _) in enumerate(numbers):
                numbered_at.setdefault(ns, []).append(k)
            used: set[int] = set()
            for m in _TITLE.finditer(folded, own.start, own.end):
                # 《财政部 税务总局 …关于…》: a space separates co-issuers; a run of them (full-width
                # too) is kept as one. Keys matching a document (its IRI, internal titles) drop them.
                title = " ".join(doc.text[m.start(1):m.end(1)].split())
                key = title.replace(" ", "")
                end, number = m.end(), None
                follow = _OPENING.match(folded, m.end(), m.end() + 3)
                if follow:
                    for k in numbered_at.get(follow.end(), ()):  # (not each 文号 of the clause for each title)
                        _, ne, value = numbers[k]
                        if folded[ne:ne + 1] == _CLOSING[follow.group(1)]:  # (《…》【国办发〔2019〕5号】 too)
                            number, end = value, ne + 1
                            used.add(k)
                kind = "internal" if key in own_titles or any(key in t for t in own_titles if t) else \
                    "law" if _LAW.match(title) else "document"
                refs.append(Reference(m.start(), end, "", c.id, title, number, kind))  # (by position: see post_field)
            self.laws_by_list(refs, own.end)
            for k, (ns, ne, value) in enumerate(numbers):
                if k not in used:
                    refs.append(Reference(ns, ne, "", c.id, None, value, "document"))
            refs.sort(key=lambda r: r.start)
            # a sentence's start → how far its basis words were looked for, and whether found: each
            # reference searches on from the one before it (a sentence citing 10,000 documents,
            # each searched from the sentence's start, was quadratic)
            basis: dict[int, tuple[int, bool]] = {}
            for n, r in enumerate(refs, 1):
                r.id = f"{c.id}/ref{n}"
                if not states_basis:
                    continue
                lo = max(_last_end(folded, own.start, r.start), own.start)
                upto, found = basis.get(lo, (lo, False))
                if not found and r.start > upto:  # (the words are literal: one ending by upto was found)
                    found = based_on.search(folded, max(lo, upto - _based_on_longest() + 1), r.start) is not None
                    upto = r.start
                basis[lo] = (upto, found)
                if found:
                    r.relation = "based_on"
            self.facts.references += refs

    def laws_by_list(self, titles: list[Reference], end: int) -> None:
        """A cited title listed before 等法律法规 (等法规, 等法律: pkc:law-list-end), alone or in
        a run of titles (《…人口与计划生育法》《女职工劳动保护特别规定》《…条例》等法律法规), is a law
        or regulation whatever its own ending says; `titles`: a clause's, in order."""
        folded, listed = self.doc.folded, self.cues.parts.get("law-list-end", ())
        if not listed:
            return
        law = False  # whether the title after the one looked at is a law so listed
        for k in range(len(titles) - 1, -1, -1):
            r = titles[k]
            after = titles[k + 1].start if k + 1 < len(titles) else end
            gap = folded[r.end:after]
            if not (k + 1 < len(titles) and len(gap) <= _TITLE_GAP and not gap.strip(LIST_SEPARATORS)):
                # a run of titles ends here: the words after it say what its titles are
                law = gap.lstrip(LIST_SEPARATORS).startswith(listed)
            if law and r.kind == "document":
                r.kind = "law"


def extract(doc: Document) -> Document:
    """Fill `doc.facts` from the clause tree of a parsed document; returns `doc`."""
    x = _Extract(doc)
    x.mentions()
    x.issuer()
    x.addressees()
    x.duties()
    x.assignments()
    x.table_posts()
    x.meeting()
    x.member_duties()
    x.changes()
    x.post_lists()
    x.contacts()
    x.note_unknown_units()
    x.references()
    x.names()
    x.place_within()
    doc.facts = x.facts
    doc.notes = x.notes
    return doc
