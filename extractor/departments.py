"""Department recogniser: a text → the departments it names, read from `ontology/departments.ttl`.

In: a notice's text (or a `[start, end)` slice of it) and the notice's own jurisdiction
prefix. Out: `DepartmentMatch`es with exact spans of that text, the registry concept
(``health``), the jurisdiction prefix (written, inherited from an earlier item of the same
list, or the notice's own), the canonical name at that level (消防救援大队 for a county,
消防救援支队 for a city) and flags: party body, generic "X部门" reference, national body,
collective "各旗县区…" address, former name.

How: the registry's labels, the jurisdiction prefixes of `layout.ttl` and the cue words of
`departments.ttl` compile once into one regular expression shaped as a trie, so the longest
label wins at each position. Matching runs on a folded copy of the text with spaces and
tabs squeezed out ("妇  联" is 妇联); offsets map back to the text given. A place name
before a prefix (巴彦淖尔市, 奈曼旗) is recognised from the place-name entries of jieba's
bundled dictionary, never across a blank (曹建国　县财政局局长 names no 建国县). A second
pass reads lists: a prefix written on one item carries to the next ("市人社局、卫生健康委"),
and an organisation the registry does not know is still found when it stands in a list of
departments (河套学院) or after a numbering label.
"""
from __future__ import annotations

import bisect
import importlib.util
import re
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Iterator

from .errors import PolicykgError
from .knowledge import DEPT, PK, RDF, SKOS, by_subject
from .model import FOLD

REGISTRY = "departments.ttl"
CUE = "https://w3id.org/policykg/cue/dept-"
DCT = "http://purl.org/dc/terms/"
PARTY_BODIES = DEPT + "party-bodies"
# layout.ttl's pk:rank → which level-specific label applies (pk:provinceLabel …).
TIER_OF_RANK = {1: "province", 2: "city", 3: "county"}
LEVEL_LABELS = {"township": "townshipLabel", "county": "countyLabel", "city": "cityLabel", "province": "provinceLabel",
                "national": "nationalLabel"}

_CJK_FIRST, _CJK_LAST = "\u3400", "\u9fff"
_CJK = f"{_CJK_FIRST}-{_CJK_LAST}"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CJK_TAIL = re.compile(f"[{_CJK}]+$")
# A numbering label at the start of a line: (10) 10. 十、 (一)
_NUMBER_LABEL = re.compile(r"\(?[0-9一二三四五六七八九十百]+[).、]?")
# The longest place name a branch is named with, without its level or between its body and its
# ending (连云港 of 连云港海关, 普宁 and 西湖区 of …普宁分局, …西湖区分局)
_BRANCH_PLACE_MAX = 6


# Not frozen, though read-only by use (`resolve` shares its cached results): a frozen
# dataclass's __init__ sets each of the 15 fields through object.__setattr__, 5x the cost
# of plain slots (2.3 us, not 0.4) — some 4% of parse+extract, which builds one per
# department named. Hashed by value as when it was frozen.
@dataclass(slots=True, unsafe_hash=True)
class DepartmentMatch:
    """One department named in a text.

    `inherited` is True when the prefix was not written on this mention: carried from an
    earlier item of the same list ("市人社局、卫生健康委") or the notice's own prefix given
    as `default_prefix`. `generic` marks a reference to a field of work ("卫生健康部门",
    each item of "市场监督管理、教育…等部门"), not a body; `collective` an address to all
    lower bodies together ("各旗县区人民政府"); `national` a national body (国家卫生健康委,
    住房城乡建设部; `prefix` is then None); `former` a name from before a reform (卫生局);
    `tier` the level whose name `canonical` is (county, city, province, national); `label`
    the registry label written (squeezed, without its prefix: 卫生健康委员会, 办公厅) and
    `short` whether it is an abbreviation (a skos:hiddenLabel: 卫健委).
    """

    start: int
    end: int
    surface: str
    concept: str | None
    prefix: str | None
    inherited: bool
    canonical: str
    party: bool
    generic: bool = False
    national: bool = False
    collective: bool = False
    former: bool = False
    tier: str | None = None
    label: str = ""
    short: bool = False
    branch: bool = False  # a body's branch in a place below, named after it (揭阳市生态环境局普宁分局)


_MATCH_FIELDS = {f.name: k for k, f in enumerate(fields(DepartmentMatch))}
_MATCH_VALUES = attrgetter(*_MATCH_FIELDS)


def replaced(m: DepartmentMatch, **changes) -> DepartmentMatch:
    """`dataclasses.replace(m, **changes)` at a sixth of its cost (1 us, not 6): a heading, a
    cell or an issuer read as one department is moved to where it stands in the notice, some
    ten times a notice."""
    values = list(_MATCH_VALUES(m))
    for name, value in changes.items():
        values[_MATCH_FIELDS[name]] = value
    return DepartmentMatch(*values)


# --- the registry ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Label:
    concept: str
    tier: str | None = None  # a level-specific label
    former: bool = False
    bound: bool = False  # names the body only with a written or inherited prefix
    short: bool = False  # an abbreviation (skos:hiddenLabel)


@dataclass(slots=True)
class _Concept:
    name: str
    zh: str
    en: str
    alt: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    former: list[str] = field(default_factory=list)
    levels: dict[str, list[str]] = field(default_factory=dict)
    party_labels: list[str] = field(default_factory=list)
    prefixed: list[str] = field(default_factory=list)
    infix: list[str] = field(default_factory=list)
    branch: list[str] = field(default_factory=list)  # infix templates that are no canonical name (pk:branchLabel)
    domain: list[str] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    replaced_by: list[str] = field(default_factory=list)
    collective_of: str | None = None
    collections: list[str] = field(default_factory=list)
    definition: str | None = None
    posts: list[str] = field(default_factory=list)  # pk:postLabel: posts of it written after …
    post_under: str | None = None  # … the name of this concept's body (pk:postUnder)


@dataclass(frozen=True)
class _Registry:
    concepts: dict[str, _Concept]
    labels: dict[str, _Label]
    domains: dict[str, str]
    infix: dict[tuple[str, str], str]  # (text before, text after the prefix) → concept
    party: frozenset[str]
    collective_concept: dict[str, str]  # government → local-governments
    level_prefix: dict[str, str]  # 县 → county, 自治区 → province (longest first); 巴彦淖尔市 by suffix
    national_prefix: frozenset[str]
    collective_prefix: frozenset[str]
    collective_lead: tuple[str, ...]
    not_prefix: frozenset[str]
    party_lead: tuple[str, ...]
    separators: frozenset[str]
    separator_run: re.Pattern
    pattern: re.Pattern
    generic_tail: re.Pattern
    org: re.Pattern
    org_hint: re.Pattern
    org_whole: re.Pattern
    org_class: re.Pattern
    sections: frozenset[str]
    org_stop: frozenset[str]
    org_not_ending: tuple[str, ...]
    org_long_suffixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    false_friends: re.Pattern
    zone_endings: tuple[str, ...]
    zone_vague: tuple[str, ...]  # 有关, 所辖 …: a zone's name holding one names several (有关开发区)
    prefix_tiers: dict = field(default_factory=dict)  # `_tier_of_prefix`'s answers for place names
    false_friend_words: frozenset[str] = frozenset()  # what `false_friends` matches
    placed: frozenset[str] = frozenset()  # labels a branch writes after its place's bare name ({}海关: 连云港海关)
    befriended: dict = field(default_factory=dict)  # label → whether a false friend may open with it
    # (concept, national, prefix, label tier, collective) of a hit → what `_match` reads of them: (tier,
    # prefix, concept, `_canonical`'s name, party)
    canonicals: dict = field(default_factory=dict)
    township_prefix: frozenset[str] = frozenset()  # layout.ttl's pk:issuerSuffix: a town's own prefix (镇)
    village: re.Pattern | None = None  # a village of a town's notice: 宏村村 before 党总支 (pkc:dept-village-*)
    village_not_names: tuple[str, ...] = ()  # what ends no village's name (农村, 乡村: pkc:dept-village-not-name)
    # its villages together, each kind (pattern, its name): 各村委会, 各村 (pkc:dept-villages), 各社区
    # (pkc:dept-communities), 各嘎查 (pkc:dept-herder-villages)
    villages: tuple[tuple[re.Pattern, str], ...] = ()
    # a township's body named by its office, by the township's own prefix: {街道: (办事处, government)}
    # (pk:townshipOfficeLabel 街道办事处: 经街道党工委、办事处研究 in a 街道's notice)
    township_offices: dict = field(default_factory=dict)
    # {a level prefix (区): the zone endings ending with it, longer (高新区, 开发区, 新区 …)}: a body
    # named after a zone (高新区党工委) is the zone's, not the districts' (pkc:dept-zone-ending)
    zone_before: dict = field(default_factory=dict)
    # the zones' bodies addressed together (各功能区管委会: pkc:dept-zones-together, `_Scanner.collective_zones`)
    zones_together: re.Pattern | None = None
    names: re.Pattern | None = None  # `pattern` without its generic branch (see `_Scanner.scan`)
    generic_ends: tuple[str, ...] = ()  # the generic endings (部门: pkc:dept-generic-tail)
    generic_chars: frozenset[str] = frozenset()  # the characters a generic reference is made of
    # what ends a body's branch named after the body and the place below it is in: 分局 of
    # 揭阳市生态环境局普宁分局 (pkc:dept-branch-ending)
    branch_endings: tuple[str, ...] = ()
    # the levels a place named bare before a vertical body's branch is tried with first: 市 of 连云港海关
    # (pkc:dept-bare-place-level)
    bare_levels: tuple[str, ...] = ()


def _norm(label: str) -> str:
    """A label as the matcher sees text: folded, without spaces."""
    return re.sub(r"[ \t\u3000\xa0]+", "", str(label).translate(FOLD))


def _local(iri: str) -> str:
    return iri[len(DEPT):] if iri.startswith(DEPT) else iri


def trie(words) -> str:
    """A regular expression matching any of `words`, longest first, shaped as a trie so the
    engine never retries a shared beginning (hundreds of labels stay fast). A word that goes
    on to a longer one ends in an empty alternative, `(?:…|)`, not `(?:…)?`: the same matches
    in the same order, but `?` on a group costs the engine a repeat (a heap allocation) at
    each try."""
    root: dict = {}
    for w in words:
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def size(node: dict) -> int:
        return ("" in node) + sum(size(child) for ch, child in node.items() if ch)

    # The branches of a node start with distinct characters, so their order changes no match;
    # the engine tests them in turn, and the branch holding the most words first is the one
    # text takes most often (县…, 市…: fewer tests in the tries).
    def walk(node: dict) -> str:
        kids = sorted(((ch, child) for ch, child in node.items() if ch), key=lambda x: (-size(x[1]), x[0]))
        alts = [re.escape(ch) + walk(child) for ch, child in kids]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + "|)"
        return body

    pattern = walk(root)
    if not pattern:
        return "(?!)"
    return "(?:" + pattern + ")"


def _initials(words, at: int = 0) -> str:
    """A character class of the characters of `words` at `at` (their first ones), or what
    never matches when no word is that long."""
    chars = sorted({w[at] for w in words if len(w) > at})
    return "[" + "".join(map(re.escape, chars)) + "]" if chars else "(?!)"


def _alternation(words) -> str:
    words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(map(re.escape, words)) + ")" if words else "(?!)"


def _literals(values, lang: str | None = "zh") -> list[str]:
    return [str(v) for v in values if lang is None or getattr(v, "language", None) in (lang, None)]


def _true(values) -> bool:
    return any(str(v) == "true" for v in values or ())


def _read_concepts(table: dict) -> dict[str, _Concept]:
    """The skos:Concepts of the registry with all their labels and links."""
    concepts: dict[str, _Concept] = {}
    for s, props in table.items():
        if SKOS + "Concept" not in props.get(RDF + "type", []):
            continue
        name = _local(s)
        pref = props.get(SKOS + "prefLabel", [])
        zh = [str(p) for p in pref if getattr(p, "language", None) == "zh"]
        en = [str(p) for p in pref if getattr(p, "language", None) == "en"]
        if len(zh) != 1 or len(en) != 1:
            raise PolicykgError(f"{REGISTRY}: {name} needs exactly one zh and one en skos:prefLabel")
        target = props.get(PK + "collectiveOf")
        defs = _literals(props.get(SKOS + "definition", []), "en")
        concepts[name] = _Concept(
            name, zh[0], en[0],
            alt=_literals(props.get(SKOS + "altLabel", [])),
            hidden=_literals(props.get(SKOS + "hiddenLabel", [])),
            former=_literals(props.get(PK + "formerLabel", [])),
            levels={tier: _literals(props[PK + prop]) for tier, prop in LEVEL_LABELS.items() if PK + prop in props},
            party_labels=_literals(props.get(PK + "partyLabel", [])),
            prefixed=_literals(props.get(PK + "prefixedLabel", [])) + (zh if _true(props.get(PK + "prefixBound")) else []),
            infix=_literals(props.get(PK + "infixLabel", [])),
            branch=_literals(props.get(PK + "branchLabel", [])),
            domain=_literals(props.get(PK + "domainLabel", [])),
            merges=[_local(str(x)) for x in props.get(PK + "merges", [])],
            replaced_by=[_local(str(x)) for x in props.get(DCT + "isReplacedBy", [])],
            collective_of=_local(str(target[0])) if target else None,
            definition=defs[0] if defs else None,
            posts=_literals(props.get(PK + "postLabel", [])),
            post_under=_local(str(props[PK + "postUnder"][0])) if PK + "postUnder" in props else None)
    for s, props in table.items():
        if SKOS + "Collection" in props.get(RDF + "type", []):
            for m in props.get(SKOS + "member", []):
                if _local(str(m)) in concepts:
                    concepts[_local(str(m))].collections.append(_local(s))
    return concepts


def _index(concepts: dict[str, _Concept]) -> tuple[dict, dict, dict]:
    """(labels, domain labels, infix templates), each mapping to one concept: a label of
    two concepts is a data error."""
    labels: dict[str, _Label] = {}
    domains: dict[str, str] = {}
    infix: dict[tuple[str, str], str] = {}

    def add(label: str, concept: str, tier: str | None = None, former: bool = False, bound: bool = False,
            short: bool = False) -> None:
        key = _norm(label)
        old = labels.get(key)
        if old is not None and old.concept != concept:
            raise PolicykgError(f"{REGISTRY}: label {label!r} names both {old.concept} and {concept}")
        if old is not None:  # one label twice for a concept (prefLabel and prefixedLabel): merge
            tier, former, bound, short = old.tier or tier, old.former or former, old.bound or bound, old.short and short
        labels[key] = _Label(concept, tier, former, bound, short)

    for c in concepts.values():
        for label in [c.zh, *c.alt]:
            add(label, c.name)
        for label in c.hidden:
            add(label, c.name, short=True)
        for label in c.former:
            add(label, c.name, former=True)
        for tier, names in c.levels.items():
            for label in names:  # (a township's name, 财政所, only after a prefix: 镇财政所)
                add(label, c.name, tier=tier, bound=tier == "township")
        for label in [*c.party_labels, *c.prefixed]:
            add(label, c.name, bound=True)
        for label in c.domain:
            key = _norm(label)
            if domains.get(key, c.name) != c.name:
                raise PolicykgError(f"{REGISTRY}: domain label {label!r} names both {domains[key]} and {c.name}")
            domains[key] = c.name
        for template in (*c.infix, *c.branch):
            before, sep, after = _norm(template).partition("{}")
            if not sep:
                raise PolicykgError(f"{REGISTRY}: infix label {template!r} of {c.name} has no {{}}")
            if before:  # ({}海关: a label after its place's bare name, `_Registry.placed`)
                infix[(before, after)] = c.name
    return labels, domains, infix


def _level_prefixes(layout: dict) -> dict[str, str]:
    """Jurisdiction prefixes and place-name suffixes of layout.ttl → tier (县 → county)."""
    out: dict[str, str] = {}
    for props in layout.values():
        rank = props.get(PK + "rank")
        if PK + "JurisdictionLevel" not in props.get(RDF + "type", []) or not rank:
            continue
        tier = TIER_OF_RANK.get(int(rank[0]))
        for p in [*props.get(PK + "prefix", []), *props.get(PK + "suffix", [])]:
            if tier:
                out[_norm(p)] = tier
    if not out:
        raise PolicykgError("layout.ttl: no jurisdiction levels (pk:JurisdictionLevel with pk:prefix)")
    return dict(sorted(out.items(), key=lambda x: -len(x[0])))  # longest first: what a name ends with


@cache
def _registry() -> _Registry:
    """The matcher, built once per process from the registry and layout.ttl (~50 ms)."""
    try:
        table = by_subject(REGISTRY)
        layout = by_subject("layout.ttl")
    except (OSError, SyntaxError, ValueError) as exc:
        raise PolicykgError(f"{REGISTRY}: cannot read the department registry ({exc})") from None
    concepts = _read_concepts(table)
    labels, domains, infix = _index(concepts)
    level_prefix = _level_prefixes(layout)

    def cue(name: str) -> list[str]:
        return [_norm(v) for v in table.get(CUE + name, {}).get(PK + "cue", [])]

    national, collective = frozenset(cue("national-prefix")), frozenset(cue("collective-prefix"))
    leads = tuple(cue("collective-lead"))
    separators = frozenset(cue("list-separator"))
    sep = _alternation(separators)
    prefix_words = [*leads, *level_prefix, *national, *collective]
    prefix = f"(?:{_alternation(leads)}?{trie(set(level_prefix) | national | collective)})"
    label_re, domain_re = trie(labels), trie(domains)
    modifiers, tails = cue('generic-modifier'), cue('generic-tail')
    tail = f"(?:{_alternation(modifiers)})*{_alternation(tails)}"
    # Every match starts with a word: two characters that begin some word, or a one-character
    # one (县). Testing that first (two character classes) spares the engine trying each
    # branch at most positions (a trie of the words' first two characters, as exact, costs
    # more than it spares). The first character's class comes first: most characters fail
    # it, one test and not two (the search, tried at every position of a text, costs 1/10
    # less). Where a branch starts, its own first characters are tested before its trie,
    # whose every first character the engine tries in turn (some 90 for the labels). An
    # optional group is an empty alternative, not `?` (see `trie`).
    words = [*labels, *domains, *prefix_words, *(b for b, _ in infix)]
    one = [w for w in words if len(w) == 1]
    opening = f"(?={_initials(prefix_words)}){prefix}"
    # The whole, read inside a lookahead behind a first character that begins some word
    # (`[…](?<=(?=…).)`): a pattern opening with a character class is searched for by the
    # engine's own scan for that class, in C, and only where it stands is the pattern tried —
    # not tried at every position (1/10 less for the search). A match is then that one
    # character: the named groups (read by `interpret`) span the name, as when it was the match.
    # The second character is tested right after the first, before the lookbehind goes back to
    # it (not in a lookahead of its own inside, re-testing the first: 4% less for the search).
    head = (f"{_initials(words)}(?={_initials(words, 1)}|(?<={_initials(one)}))"
            f"(?<=(?=(?:")
    # a generic reference: 卫生健康部门, or one item of 市场监督管理、教育…等部门
    generic = (f"(?:(?P<gpre>{opening})|)(?P<gdom>(?={_initials(domains)}){domain_re})"
               # (what the list or the ending may open with, tested before their repeat: most
               # domain words stand in a name, 卫生健康委, not before a 部门)
               f"(?={_initials([*separators, '等', *modifiers, *tails])})"
               f"(?=(?:{sep}(?:{prefix}|)(?:{domain_re}|{label_re}))*等?{tail})|")
    # a name with the jurisdiction inside: 团县委, 共青团巴彦淖尔市委员会
    # a vertical body's branch named by its place without a level: 国家金融监督管理总局连云港监管分局
    branch = [(b, a) for c in concepts.values() for b, _, a in (_norm(t).partition("{}") for t in c.branch) if b]
    # (the two, both opening with a word before a place, behind one test of those words' first
    # characters: most positions open neither, one test and not a try of each — 3% less for the search)
    rest = (f"(?={_initials([*(b for b, _ in infix), *(b for b, _ in branch)])})"
            f"(?:(?P<ib>{_alternation(b for b, _ in infix)})(?P<iname>[{_CJK}]{{0,8}}?)"
            f"(?P<ip>{trie(level_prefix)})(?P<ia>{_alternation(a for _, a in infix)})"
            f"|(?P<bb>{_alternation(b for b, _ in branch)})(?P<bname>[{_CJK}]{{2,8}}?)"
            f"(?P<ba>{_alternation(a for _, a in branch)}))"
            # a name, perhaps after a prefix: 县卫生健康委, 旗委宣传部, 国家卫生健康委
            f"|(?:(?P<pre>{opening})|)(?P<lab>(?={_initials(labels)}){label_re})))[\\s\\S])")
    pattern = re.compile(head + generic + rest)
    # Tries, not plain alternations: the same matches (longest first), tried far faster at
    # each of the ~130 prose runs of a notice the unknown-organisation scan tests.
    suffix = trie(cue("org-suffix"))
    org_end = trie(cue('org-end'))
    # (the body whose make-up the list gives may stand before the lead-in: 联席会议由县金融服务中心)
    # (a lead-in word that starts a zone's name is that name's: 经开区党工委, not 经 + 开区党工委)
    org = re.compile(f"(?P<lead>(?:{trie(cue('org-lead-owner'))}|)(?:(?!{trie(cue('zone-ending'))}){trie(cue('org-lead-in'))})+)?"
                     f"(?P<org>[{_CJK}]{{1,24}}?{suffix})"
                     f"(?:(?P<tail>{org_end})|$)")
    return _Registry(
        concepts, labels, domains, infix,
        party=frozenset(n for n, c in concepts.items() if _local(PARTY_BODIES) in c.collections),
        collective_concept={c.collective_of: n for n, c in concepts.items() if c.collective_of},
        level_prefix=level_prefix, national_prefix=national, collective_prefix=collective,
        collective_lead=leads, not_prefix=frozenset(cue("not-prefix")), party_lead=tuple(cue("party-lead")),
        separators=separators, separator_run=re.compile(sep), pattern=pattern, generic_tail=re.compile(tail),
        # The pattern less its generic branch, what `scan` searches with away from any generic
        # ending: such a reference is registry words and separators up to its 部门 (the
        # characters of `generic_chars`), so it begins only in a run of them holding one.
        names=re.compile(head + rest), generic_ends=tuple(w for w in tails if w),
        generic_chars=frozenset("".join([*domains, *labels, *prefix_words, *separators, "等", *modifiers, *tails])),
        branch_endings=tuple(w for w in cue("branch-ending") if w),
        bare_levels=tuple(w for w in cue("bare-place-level") if w),
        # What `org` needs somewhere after a run's first character: an ending, then a word
        # after the list or the run's end. Most prose runs have neither, and this search
        # costs a fraction of `org`'s lazy match. (The endings and words are CJK characters:
        # a match never runs past the end of its run.)
        org=org, org_hint=re.compile(f"(?:{suffix})(?:{org_end}|(?![{_CJK}]))"),
        org_whole=re.compile(f"[{_CJK}]{{1,24}}?{suffix}"),
        org_class=re.compile(f"等[^。;:()\\n]{{0,12}}?{_alternation(cue('org-class'))}"),
        sections=frozenset(cue("section")),
        org_stop=frozenset("".join(cue("org-stop"))), org_not_ending=tuple(cue("org-not-ending")),
        org_long_suffixes=tuple(x for x in cue("org-suffix") if len(x) > 1),
        org_suffixes=tuple(cue("org-suffix")),
        false_friends=re.compile(_alternation(cue("false-friend"))), zone_endings=tuple(cue("zone-ending")),
        false_friend_words=frozenset(w for w in cue("false-friend") if w),
        placed=frozenset(a for c in concepts.values() for b, _, a in (_norm(t).partition("{}") for t in c.branch)
                         if not b and a in labels),
        zone_vague=tuple(cue("zone-vague")),
        zones_together=re.compile(f"(?:{_alternation(leads)})(?:{_alternation(cue('zones-together'))})"
                                  f"(?:{_alternation(cue('zone-body'))})") if cue("zones-together") and cue("zone-body") else None,
        zone_before={p: tuple(z for z in cue("zone-ending") if z.endswith(p) and len(z) > len(p))
                     for p in level_prefix if any(z.endswith(p) and len(z) > len(p) for z in cue("zone-ending"))},
        township_prefix=frozenset(str(x) for props in layout.values() for x in props.get(PK + "issuerSuffix", [])),
        village=re.compile(f"(?!{_alternation(cue('village-not-lead'))})[{_CJK}]{{1,4}}?{_alternation(cue('village-ending'))}"
                           f"(?={_alternation(cue('village-body'))}|{_alternation(cue('village-after'))}|$)"),
        village_not_names=tuple(cue("village-not-name")),
        villages=tuple((re.compile(_alternation(cue(kind)) + f"(?!{_alternation(cue('villages-not-before'))})"), cue(kind)[0])
                       for kind in ("villages", "communities", "herder-villages") if cue(kind)),
        township_offices={pre: (w[len(pre):], _local(c)) for c, props in table.items()
                          for w in map(_norm, props.get(PK + "townshipOfficeLabel", []))
                          for pre in {str(x) for pr in layout.values() for x in pr.get(PK + "issuerSuffix", [])}
                          if w.startswith(pre) and len(w) > len(pre)})


@cache
def _places() -> frozenset[str]:
    """Place names (ns entries) of jieba's bundled dictionary: 巴彦淖尔, 奈曼旗, 内蒙古自治区.

    Read straight from the file (no jieba import, no segmentation): 0.1 s once. Without
    jieba, named prefixes fall back to their last character (市 for 巴彦淖尔市)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return frozenset()
    path = Path(spec.origin).with_name("dict.txt")
    out = set()
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.endswith(" ns\n"):
                    out.add(line.split(" ", 1)[0])
    except OSError:
        return frozenset()
    return frozenset(out)


@cache
def _place_ends() -> dict[str, frozenset[str]]:
    """{a jurisdiction prefix (市): the characters a place name just before it may end with} —
    the last characters of `_places`' names (奈曼旗, read whole), and the characters before the
    prefix in the names ending with it (巴彦淖尔 of 巴彦淖尔市: 尔). What `place_before` tests
    first: most prefixes follow no place name (全县, 本市; nine in ten of the notices')."""
    places, prefixes = _places(), _registry().level_prefix
    by_last: dict[str, list[str]] = {}
    for x in prefixes:
        by_last.setdefault(x[-1], []).append(x)
    last: set[str] = set()
    before: dict[str, set[str]] = {x: set() for x in prefixes}
    for p in places:
        last.add(p[-1])
        for x in by_last.get(p[-1], ()):
            if len(p) > len(x) and p.endswith(x):
                before[x].add(p[-len(x) - 1])
    return {x: frozenset(last | chars) for x, chars in before.items()}


# --- matching ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Hit:
    """A match in squeezed coordinates while the passes refine it."""

    cs: int
    ce: int
    kind: str  # known | generic | unknown
    concept: str | None
    prefix: str | None = None
    written: bool = False
    inherited: bool = False
    national: bool = False
    collective: bool = False
    former: bool = False
    bound: bool = False
    label_tier: str | None = None
    label: str = ""  # the registry label matched (squeezed)
    short: bool = False  # … an abbreviation
    standalone: bool = False  # a one-character label (县委): must be followed by a boundary
    name: str = ""  # unknown bodies: the name as written, squeezed
    branch: bool = False  # read with a branch's place and ending after it (`_Scanner.branches`)


def _is_cjk(ch: str) -> bool:
    """Whether the one character `ch` is a CJK one: compared, not matched by a regex (less
    than half the cost: the list pass walks CJK runs back a character at a time)."""
    return _CJK_FIRST <= ch <= _CJK_LAST


class _Scanner:
    def __init__(self, reg: _Registry, text: str, blanks: list[int] | None = None):
        self.reg = reg
        self.text = text  # squeezed, folded
        self.blanks = blanks or []  # where the squeezing took out a blank (sorted)
        self.places = _places()
        self.last_prefix: str | None = None  # the prefix of the department found last (`scan`)
        self.skip_to = 0  # where `scan` goes on after a name `interpret` read as no department's
        self.glued = False  # whether `_items` read a township's name glued after a bare name (东华门派出所)

    # -- prefixes -------------------------------------------------------------------------

    def bare_place_before(self, ps: int, floor: int) -> tuple[str, str] | None:
        """(the name as written, the place) of a place written without its level right before
        `ps` (连云港 of 连云港市), its longest, whatever stands before it: the label after it names a
        body by its place ({}海关: pk:branchLabel), so the place is that body's — after a boundary
        (、连云港海关; 工作要求 连云港海关, a blank the squeezing took out, on one line), a word a unit
        follows in a sentence (由连云港海关负责, 会同连云港海关) or any other (…港区连云港海关,
        中华人民共和国连云港海关). Not a one-character name, nor across a blank (曹建国　…)."""
        C, blanks = self.text, self.blanks
        for k in range(min(_BRANCH_PLACE_MAX, ps - floor), 1, -1):
            name = C[ps - k:ps]
            if not all(map(_is_cjk, name)) \
                    or blanks and bisect.bisect_right(blanks, ps - k) != bisect.bisect_right(blanks, ps - 1):
                continue
            place = self.bare_place(name)
            if place is not None:
                return name, place
        return None

    def bare_place(self, name: str) -> str | None:
        """The place `name` is, written without its level (铜陵, 连云港: their 市, a vertical body's
        branch being most often a city's — the levels of pkc:dept-bare-place-level first, then any),
        or as it stands if a place only so."""
        places = self.places
        return next((name + p for p in (*self.reg.bare_levels, *self.reg.level_prefix) if name + p in places),
                    name if name in places else None)

    def is_place(self, name: str, suffix: str) -> bool:
        return name + suffix in self.places or (len(name) >= 2 and name in self.places)

    def place_before(self, ps: int, core: str, floor: int) -> int | None:
        """Start of a place name that ends with the prefix `core` at `ps` (巴彦淖尔 + 市).

        Not across a blank: in "曹建国　县财政局局长" (a make-up list, the person first) 建国 is
        the name's, the 县 the unit's — no 建国县. Nor a one-character place that is a list
        separator right after a department of the same prefix: 县人社局和县财政局 is two of the
        county's, not 和县's (a county of 安徽)."""
        C = self.text
        ends = _place_ends().get(core) if self.places is _places() else None
        if ends is not None and (ps == 0 or C[ps - 1] not in ends):
            return None  # (no place name ends just before the prefix: most prefixes)
        b = bisect.bisect_right(self.blanks, ps) - 1
        joined = ps - 1 == floor and core == self.last_prefix and C[floor:ps] in self.reg.separators
        floor = max(floor, self.blanks[b] if b >= 0 else 0)
        run = _CJK_TAIL.search(C, max(floor, ps - 8), ps)  # the CJK characters just before
        places = self.places
        for k in range(len(run.group()) if run else 0, 0, -1):
            name = C[ps - k:ps]  # (self.is_place inlined: a call a character tried)
            if not (name + core in places or (k >= 2 and name in places)):
                continue
            if k == 1 and (ps - 1 > floor and _is_cjk(C[ps - 2]) or joined):
                continue  # one-character places (和县) only after a boundary: 任务和县委 is 县委, and
                # 县人社局和县财政局 two of one prefix joined by 和
            return ps - k
        return None

    def apply_prefix(self, hit: _Hit, pre: str, ps: int, floor: int) -> None:
        reg = self.reg
        # (most prefixes open with no lead, 各: one test of them all before looking for which)
        lead = "" if pre in reg.collective_prefix or not pre.startswith(reg.collective_lead) else \
            next((x for x in reg.collective_lead if pre.startswith(x) and len(pre) > len(x)), "")
        core = pre[len(lead):]
        if core in reg.national_prefix:
            hit.national, hit.written = True, True
        elif core in reg.collective_prefix or lead:
            hit.collective, hit.prefix, hit.written = True, core, True
        elif hit.national:
            pass  # a national label keeps its own level
        else:
            start = self.place_before(ps, core, floor)
            if start is not None:
                hit.cs, hit.prefix, hit.written = start, self.text[start:ps] + core, True
                return
            zones = reg.zone_before.get(core)
            if zones and any(ps + len(core) - len(z) >= floor and self.text.startswith(z, ps + len(core) - len(z))
                             for z in zones):
                return True  # 高新区党工委: the zone's body, no department of the districts (区党工委)
            if ps > floor and self.text[ps - 1:ps + len(core)] in reg.not_prefix:
                hit.cs = ps + len(pre)  # 社区, 城市: not a jurisdiction
                return
            hit.prefix, hit.written = core, True

    # -- one match of the big pattern -----------------------------------------------------------

    def interpret(self, m: re.Match, floor: int) -> _Hit | None:
        reg, C = self.reg, self.text
        last = m.lastgroup  # the branch matched ends with its own group: gdom, ia or lab (one read, not a group each)
        if last == "gdom":
            hit = _Hit(m.start("gdom"), m.end("gdom"), "generic", reg.domains[m.group("gdom")])
            if m.group("gpre"):
                hit.cs = m.start()
                self.apply_prefix(hit, m.group("gpre"), m.start("gpre"), floor)
            t = reg.generic_tail.match(C, hit.ce)
            if t:
                hit.ce = t.end()
            return hit
        if last == "ba":  # (a bare place: 连云港, the notice's place's name less its 市)
            concept = reg.infix.get((m.group("bb"), m.group("ba")))
            bname = m.group("bname")
            place = self.bare_place(bname)
            if concept is None or place is None:
                return None
            return _Hit(m.start(), m.end("ba"), "known", concept, prefix=place, written=True)
        if last == "ia":
            concept = reg.infix.get((m.group("ib"), m.group("ia")))
            iname, ip = m.group("iname"), m.group("ip")
            if concept is None or (iname and not self.is_place(iname, ip)):
                return None
            return _Hit(m.start(), m.end("ia"), "known", concept, prefix=iname + ip, written=True)
        start, end = m.span("lab")  # (the match itself is its first character: see `_registry`)
        lab = C[start:end]  # (one call for the group's text and ends, not three)
        info = reg.labels[lab]
        if lab.endswith("部") and C.startswith("门", end):
            return None  # 教育部门 is a generic reference, not 教育部
        # (a false friend opens where the label does, so it and the label agree as far as both
        # go: asked of the regex only for such a label — 政府, not most — read once a label)
        friend = reg.befriended.get(lab)
        if friend is None:
            friend = reg.befriended[lab] = any(w.startswith(lab) or lab.startswith(w) for w in reg.false_friend_words)
        if friend and reg.false_friends.match(C, start):
            return None  # 政府网
        pre = m.group("pre")
        first = reg.labels.get(pre) if pre and info.tier == "national" else None
        if first is not None and pre in reg.national_prefix:
            # "中共中央 国务院" squeezed: two national bodies, not a prefix and a label
            return _Hit(m.start(), m.start() + len(pre), "known", first.concept, former=first.former,
                        label_tier=first.tier, national=True)
        # (every field by position, in order: keywords to a class cost the call a dict, and this
        # and `_match` build one object a department named)
        hit = _Hit(start, end, "known", info.concept, None, False, False, info.tier == "national",
                   False, info.former, info.bound, info.tier, lab, info.short, len(lab) == 1)
        if not pre and lab in reg.placed:  # 连云港海关: the place's (连云港市), written bare before it
            place = self.bare_place_before(start, floor)
            if place is not None:
                hit.cs, hit.prefix, hit.written = start - len(place[0]), place[1], True
        if pre:
            hit.cs = m.start()
            if self.apply_prefix(hit, pre, m.start("pre"), floor):
                self.skip_to = end  # (the zone's body is read whole by `unknowns`, as written)
                return None
        if info.concept in reg.party:
            for lead in reg.party_lead:
                if hit.cs - len(lead) >= floor and C.startswith(lead, hit.cs - len(lead)):
                    hit.cs -= len(lead)
        return hit

    def generic_spans(self) -> list[tuple[int, int]]:
        """Where a generic reference may begin, in order: each [a, t) the run of `generic_chars`
        before a generic ending at t (a reference is made of them up to its 部门): a few
        characters in a hundred of a notice."""
        C, chars = self.text, self.reg.generic_chars
        ends = []  # (found by str.find, in C: a regex's scan for their first characters costs 5x more)
        for word in self.reg.generic_ends:
            t = C.find(word)
            while t >= 0:
                ends.append(t)
                t = C.find(word, t + 1)
        ends.sort()
        spans: list[tuple[int, int]] = []
        for t in ends:
            floor = spans[-1][1] if spans else 0
            a = t
            while a > floor and C[a - 1] in chars:
                a -= 1
            if spans and a == floor:  # (one run up to the ending before: one span)
                spans[-1] = (spans[-1][0], t)
            else:
                spans.append((a, t))
        return spans

    def scan(self) -> list[_Hit]:
        C, reg = self.text, self.reg
        names, match = reg.names.search, reg.pattern.match
        # `pattern.search(C, pos)` at each turn, its generic branch tried only where a generic
        # reference may begin (`generic_spans`): elsewhere `names`, the pattern without it, finds
        # the same matches at 2/3 of the cost; before its match, in a span, `pattern` is tried at
        # each character (a few a notice).
        never = len(C) + 1
        spans = self.generic_spans() + [(never + 1, never + 1)]
        k = 0
        a, t = spans[0]
        found, found_at, found_from = None, never, never  # `names`' first match from found_from on
        hits: list[_Hit] = []
        pos = floor = 0
        while True:
            while t <= pos:
                k += 1
                a, t = spans[k]
            if not found_from <= pos <= found_at:
                found, found_from = names(C, pos), pos
                found_at = never if found is None else found.start()
            m = found
            while found_at >= a:  # (a generic reference may begin before it)
                for p in range(max(pos, a), min(t, found_at + 1)):
                    if (m := match(C, p)) is not None:
                        break
                else:  # (none in the span)
                    pos = t
                    k += 1
                    a, t = spans[k]
                    m = found
                    continue
                break
            if m is None:
                break
            hit = self.interpret(m, floor)
            if hit is None:
                pos = max(m.start() + 1, self.skip_to)
                continue
            hits.append(hit)
            pos = floor = hit.ce
            self.last_prefix = hit.prefix
        starts = {h.cs for h in hits}
        connectors = self.reg.separators
        # 县委 stands alone ("县委、县政府", "县委县政府"), never inside a word (县委员会).
        return [h for h in hits if not h.standalone or h.ce >= len(C) or not _is_cjk(C[h.ce])
                or h.ce in starts or C[h.ce] in connectors]

    # -- lists --------------------------------------------------------------------------------------

    def separated(self, a: int, b: int) -> bool:
        """True when C[a:b] holds nothing but list separators (or nothing)."""
        if b - a > 3:
            return False
        gap = self.text[a:b]
        return not gap or gap in self.reg.separators or not self.reg.separator_run.sub("", gap)

    def unknowns(self, hits: list[_Hit]) -> list[_Hit]:
        """Organisations the registry does not know, standing in a list of departments
        (河套学院 in "卫生健康委,河套学院按职责分工负责"), in a list closed by "等…单位/院校",
        or alone after a numbering label ("(10)铁路乌兰浩特站:") — but not the items of a list
        of one body's sections ("盟林业局办公室、计财科、林科所、宣传办等部门")."""
        reg, C = self.reg, self.text
        found: list[_Hit] = []
        chain: list[tuple] = []
        orgs: list[tuple] = []  # its organisation-shaped runs (C): most lists, departments only, have none
        sections = False  # the list began with a body's section (盟林业局办公室、…)

        def close(closing: int | None = None) -> None:
            if orgs:
                evidence = any(it[2] == "K" and it[3].kind != "generic" for it in chain)
                if not evidence and closing is not None and not sections:
                    evidence = reg.org_class.match(C, closing) is not None
                for it in orgs:
                    if evidence or self.heading(it):
                        found.append(self.unknown_hit(it[3]))
            chain.clear()
            orgs.clear()

        items = list(self._items(hits))
        kinds = list(map(itemgetter(2), items))
        if "C" not in kinds:
            return found  # (no organisation-shaped run, as in most texts: none to find, whatever the lists)
        froms = self.resumes(kinds)
        prev_end: int | None = None
        last = 0
        k = j = 0  # the item read next; how many C runs were read
        while k < len(items):
            if not orgs:  # (no C run pending: on from the T before the next one — the end if none)
                if j == len(froms):
                    break
                k = max(k, froms[j])
            s, e, kind, om = items[k]
            k += 1
            j += kind == "C"
            if sections and (kind in "KL" or any(ch in C[last:s] for ch in "。;\n")):
                sections = False
            last = e
            if kind == "B":  # prose (or a run that is no organisation): ends any list
                if chain:
                    close()
                prev_end = None
                continue
            if kind == "T":
                if chain:
                    close(s)
                sections = C[s:e] in reg.sections and C[e:e + 1] in reg.separators
                prev_end = None
                continue
            linked = prev_end is not None and self.separated(prev_end, s)
            if chain and (kind == "L" or not linked or (kind == "C" and om.group("lead"))):
                close()
            if kind == "L":
                prev_end = e
                continue
            chain.append((s, e, kind, om))
            if kind == "C":
                orgs.append(chain[-1])
            prev_end = e
            if kind == "C" and om.group("tail"):
                close(om.end("org"))
                prev_end = None
        if chain:
            close()
        return found

    @staticmethod
    def resumes(kinds: list[str]) -> list[int]:
        """For each C run of `_items` (their kinds), the T item last before it (0 if none): where
        `unknowns` reads from. A T leaves nothing of what came before it (the list before it
        closed, `sections` and where the last item ended set anew), and a list finds nothing
        without a C run: the items before that T, and those after the last C's list, are not
        read — the departments' lists of a notice, most of its items."""
        out, t = [], 0
        for k, kind in enumerate(kinds):
            if kind == "T":
                t = k
            elif kind == "C":
                out.append(t)
        return out

    def _items(self, hits: list[_Hit]) -> Iterator[tuple[int, int, str, object]]:
        """The hits (K) and the CJK runs between them, in order, each run classed: T right
        after a hit, L right before one, C an organisation-shaped run with a list or a
        heading around it, B a run between two hits."""
        reg, C = self.reg, self.text
        separators = reg.separators
        # The text backwards, where a CJK run ending at b is read by one match from len(C) - b, in
        # C, not a character at a time back from b in Python (a fifth of the cost).
        n, back = len(C), C[::-1]
        a = 0
        after_hit = False
        for h in [*hits, None]:  # scan's hits are in order and never overlap
            b = len(C) if h is None else h.cs
            if h is not None and b - a < 3 and not (a < b and (_is_cjk(C[a]) or _is_cjk(C[b - 1]))):
                # (a gap of no CJK character, none or a 、 between two names: half the gaps) no run
                # touches the hits, none stands between: the hit alone, with no search of the gap
                yield (h.cs, h.ce, "K", h)
                a = h.ce
                after_hit = True
                continue
            lo, hi = a, b  # the gap, less the runs touching the hits on either side
            if after_hit and (run := _CJK_RUN.match(C, a, b)):
                lo = run.end()
                if C[a:lo] not in separators:
                    yield (a, lo, "B" if h is not None and lo == b else "T", None)
            if h is not None and (run := _CJK_RUN.match(back, n - b, n - lo)):
                hi = n - run.end()  # (the CJK run ending at b, from lo on)
            # Prose away from any hit (most runs) is not yielded: what it would do (end the list
            # before it) the next item does, as prose stands between them (with the non-CJK
            # characters around it, more than `separated` allows). So only the runs with what
            # `org` needs are looked at, found by one search rather than a test of each run.
            pos = lo
            while (m := reg.org_hint.search(C, pos, hi)) is not None:
                s = m.start()
                if run := _CJK_RUN.match(back, n - s, n - lo):  # back to the start of its run (as above)
                    s = n - run.end()
                if s == m.start():  # an ending at the run's start: `org` wants a name before it
                    pos = s + 1
                    continue
                e = pos = _CJK_RUN.match(C, s, hi).end()
                if C[s:e] in separators:
                    continue
                if C[s - 1:s] in separators or C[e:e + 1] in separators or C[e:e + 1] in (":", "。"):
                    om = reg.org.match(C, s, e)
                    if om is not None and self.valid_org(om.group("org")):
                        yield (s, e, "C", om)
            if hi < b and C[hi:b] not in separators:
                if h is not None and h.bound and h.prefix is None and h.label_tier == "township" and \
                        (C[hi - 1:hi] in separators or C[h.ce:h.ce + 1] in separators or C[h.ce:h.ce + 1] in (":", "。")) and \
                        (om := reg.org.match(C, hi, h.ce)) is not None and self.valid_org(om.group("org")):
                    # a township's name of a body (派出所) after a bare name, no prefix (东华门派出所、):
                    # one organisation as written, as the matcher reads its other names
                    yield (hi, h.ce, "C", om)
                    self.glued = True
                    a = h.ce
                    after_hit = True
                    continue
                yield (hi, b, "L", None)
            if h is not None:
                yield (h.cs, h.ce, "K", h)
                a = h.ce
                after_hit = True

    def valid_org(self, name: str) -> bool:
        reg = self.reg
        return len(name) >= 3 and name not in reg.labels and not any(ch in reg.org_stop for ch in name) \
            and not name.endswith(reg.org_not_ending)

    def heading(self, item: tuple) -> bool:
        """An item alone between a numbering label and a colon: "(10)铁路乌兰浩特站:"."""
        s, e, _, om = item
        C = self.text
        if om.group("lead") or om.group("tail") or om.end("org") != e or C[e:e + 1] not in (":", "。"):
            return False
        if C[e] == "。" and not om.group("org").endswith(self.reg.org_long_suffixes):
            return False  # "1.科学规划…机构布局。" is a heading sentence, "(十八)河套学院。" a body
        line = C.rfind("\n", 0, s) + 1
        return _NUMBER_LABEL.fullmatch(C, line, s) is not None

    def unknown_hit(self, om: re.Match) -> _Hit:
        name = om.group("org")
        hit = _Hit(om.start("org"), om.end("org"), "unknown", None, name=name)
        for k in range(min(9, len(name) - 1), 1, -1):  # 巴彦淖尔市职业技术学校 → 巴彦淖尔市
            head = name[:k]
            for suffix, _ in self.reg.level_prefix.items():
                if head.endswith(suffix) and len(head) > len(suffix) and self.is_place(head[:-len(suffix)], suffix):
                    hit.prefix, hit.written = head, True
                    return hit
        return hit

    def villages(self, hits: list[_Hit]) -> list[_Hit]:
        """The villages a town's notice names (宏村村 of 汪　洋　宏村村党总支书记): a name ending in
        pkc:dept-village-ending standing on its own — after a blank, a list's separator or the
        text's start, not after 各 — right before a village's body (党总支 …), or named alone
        (宏村村负责…, （六）宏村村。: pkc:dept-village-after, not 本村, 农村), no department's
        name over it. Each an organisation by its name, the town's."""
        reg, C = self.reg, self.text
        taken = [(h.cs, h.ce) for h in hits]
        blanks = self.blanks
        starts = sorted({0, *blanks, *(k + 1 for k, ch in enumerate(C) if ch in reg.separators or not _is_cjk(ch))})
        out = []
        for s in starts:
            m = reg.village.match(C, s)
            if m is None or m.group().endswith(reg.village_not_names):
                continue
            e = m.end()
            if bisect.bisect_right(blanks, s) != bisect.bisect_left(blanks, e) or any(a < e and s < b for a, b in taken):
                continue  # (a name across a blank, 汪　洋　宏村村, is none)
            out.append(_Hit(s, e, "unknown", None, name=C[s:e]))
        for villages, name in reg.villages:  # (the villages together: one unit, 各村委会; 各社区居委会)
            for m in villages.finditer(C):
                s, e = m.span()
                if not any(a < e and s < b for a, b in taken):
                    out.append(_Hit(s, e, "unknown", None, name=name))
        return out

    def township_office(self, hits: list[_Hit], prefix: str) -> list[_Hit]:
        """A township's government named by its office (pk:townshipOfficeLabel 街道办事处: a 街道's 办事处),
        in its own notice: after its own prefix (街道办事处) or alone after a list's separator, a blank
        or the text's start (经街道党工委、办事处研究; 办事处主任) — not after another name (昱中街道办事处,
        the issuer, or 驻京办事处) — no department's name over it."""
        office, concept = self.reg.township_offices.get(prefix, ("", None))
        if not office:
            return []
        C, separators = self.text, self.reg.separators
        taken = [(h.cs, h.ce) for h in hits]
        out = []
        at = C.find(office)
        while at >= 0:
            s, e = at, at + len(office)
            at = C.find(office, e)
            if C.startswith(prefix, s - len(prefix)) and s >= len(prefix):
                s -= len(prefix)  # 街道办事处
            if s > 0 and _is_cjk(C[s - 1]) and C[s - 1] not in separators:
                continue  # (昱中街道办事处: a name of its own)
            if any(a < e and s < b for a, b in taken):
                continue
            out.append(_Hit(s, e, "known", concept, prefix=prefix, written=C.startswith(prefix, s),
                            label_tier="township", label=office))
        return out

    def collective_offices(self, hits: list[_Hit]) -> list[_Hit]:
        """The governments of one kind of township addressed together by their office, a collective
        lead before it (各街道办事处: pkc:dept-collective-lead and pk:townshipOfficeLabel — the
        subdistricts' offices, as 各镇人民政府 the towns' governments), no name over it."""
        C, out = self.text, []
        taken = [(h.cs, h.ce) for h in hits]
        for pre, (office, concept) in self.reg.township_offices.items():
            word = pre + office
            at = C.find(word)
            while at >= 0:
                s, e = at, at + len(word)
                at = C.find(word, e)
                lead = next((x for x in self.reg.collective_lead if C.startswith(x, s - len(x))), None)
                if lead is None or s < len(lead) or any(a < e and s - len(lead) < b for a, b in taken):
                    continue
                out.append(_Hit(s - len(lead), e, "known", concept, prefix=pre, written=True, collective=True,
                                label_tier="township", label=office))
        return out

    def collective_zones(self, hits: list[_Hit]) -> list[_Hit]:
        """The zones' bodies addressed together: a collective lead, a word naming zones and a zone's body
        (各功能区管委会 — 天津's 功能区, 滨海's 各功能区管委会负责…: pkc:dept-zones-together, pkc:dept-zone-body)
        — one unit, as written (the registry has no concept of a zone's body), where no known name stands
        over it. Not 各开发区管委会 (a zone ending: 连云港's 主送 市各开发区管委会 is read as it was)."""
        if self.reg.zones_together is None:
            return []
        taken = [(h.cs, h.ce) for h in hits]
        return [_Hit(m.start(), m.end(), "unknown", None, name=m.group(), collective=True)
                for m in self.reg.zones_together.finditer(self.text)
                if not any(a < m.end() and m.start() < b for a, b in taken)]

    def branches(self, hits: list[_Hit]) -> None:
        """Read a body's branch named after it, the place it is in and a branch's ending
        (pkc:dept-branch-ending): 揭阳市生态环境局普宁分局, 杭州市生态环境局淳安分局 — one unit, the body
        of its concept in that place (普宁's 生态环境局, a branch of 揭阳市's), its name all of it. The
        place is written short (普宁 of 普宁市) or whole (西湖区): a place jieba knows, with a level's
        suffix (淳安县) or alone; its prefix the whole name when one suffix only makes one (淳安 →
        淳安县), else as written (普宁: 普宁县 and 普宁市 — the notice reads it as its own place when
        its name opens with it). Not a branch of no place's name (市公安局交警分局, 高新区分局)."""
        C, reg, places = self.text, self.reg, self.places
        for ending in reg.branch_endings:
            k = C.find(ending)
            while k >= 0:  # (most texts: no 分局 at all, one search in C)
                h = next((h for h in reversed(hits) if h.ce <= k), None)
                name = C[h.ce:k] if h is not None else ""
                if h is not None and h.kind == "known" and not (h.national or h.collective or h.branch) \
                        and 2 <= len(name) <= _BRANCH_PLACE_MAX and all(map(_is_cjk, name)):
                    whole = [name + x for x in reg.level_prefix if name + x in places]
                    written = name in places and any(name.endswith(x) and len(name) > len(x) for x in reg.level_prefix)
                    if written or whole or name in places:
                        h.ce, h.branch, h.written, h.inherited = k + len(ending), True, True, False
                        h.prefix = name if written or len(whole) != 1 else whole[0]
                k = C.find(ending, k + len(ending))

    def inherit(self, hits: list[_Hit]) -> None:
        """Carry a written prefix (or national standing) along a list: "市人社局、卫生健康委".
        A branch (揭阳市生态环境局普宁分局) carries none: its place is its own."""
        state: tuple | None = None
        prev: _Hit | None = None
        for h in hits:
            if prev is None or not self.separated(prev.ce, h.cs):
                state = None
            if h.branch:
                prev, state = h, None
                continue
            if h.kind == "generic":
                prev, state = None, None
                continue
            if h.kind == "unknown":  # transparent: "消防救援大队、大沁他拉街道办事处、计划生育协会"
                prev = h
                continue
            if h.national or h.prefix is not None:
                state = (h.prefix, h.national, h.collective)
            elif state is not None:
                h.prefix, h.national, h.collective = state
                h.inherited = True
            prev = h


# --- squeezing ---------------------------------------------------------------------------------


class _Squeezed:
    """`text[start:end]` folded, with horizontal spaces removed, and the way back to offsets."""

    def __init__(self, text: str, start: int, end: int, folded: str | None = None):
        folded = text[start:end].translate(FOLD) if folded is None else folded[start:end]
        if not (" " in folded or "\t" in folded or "\u3000" in folded or "\xa0" in folded):
            # no blank to squeeze (3 texts in 4): one run, found by str methods in C, not by a
            # scan of the regex engine (a tenth of a department search's cost)
            self.text, self.cstarts, self.ostarts = folded, [0] if folded else [], [start] if folded else []
            return
        # The runs of ink between blanks, by str.split on one blank, in C (a regex's scan for the
        # runs, [^ \t\u3000\xa0]+, tested each character against its class: half the cost)
        spaced = folded
        for blank in "\t\u3000\xa0":
            if blank in spaced:
                spaced = spaced.replace(blank, " ")
        parts = spaced.split(" ")  # (two blanks in a row: an empty part between them)
        self.cstarts, self.ostarts = [], []
        c, o = 0, start
        for part in parts:
            if part:
                self.cstarts.append(c)
                self.ostarts.append(o)
                c += len(part)
            o += len(part) + 1
        self.text = "".join(parts)

    def offset(self, c: int) -> int:
        k = bisect.bisect_right(self.cstarts, c) - 1
        return self.ostarts[k] + (c - self.cstarts[k])


def _tier_of_prefix(reg: _Registry, prefix: str | None) -> str | None:
    if not prefix:
        return None
    if prefix in reg.level_prefix:
        return reg.level_prefix[prefix]
    # (a place's name: 巴彦淖尔市, read once — a name's tier is asked at each of its mentions)
    known = reg.prefix_tiers.get(prefix, reg)
    if known is not reg:
        return known
    core = prefix.rstrip(")")
    for suffix, tier in reg.level_prefix.items():
        if core.endswith(suffix):
            reg.prefix_tiers[prefix] = tier
            return tier
    reg.prefix_tiers[prefix] = None
    return None


def _canonical(reg: _Registry, concept: str, tier: str | None, prefix: str | None) -> str:
    c = reg.concepts[concept]
    local = tier != "national" and bool(prefix)
    if c.infix and local:
        return _norm(c.infix[0]).replace("{}", prefix)
    if tier and c.levels.get(tier):
        return c.levels[tier][0]
    if c.party_labels and local:
        return c.party_labels[0]
    return c.zh


def find_departments(text: str, start: int = 0, end: int | None = None,
                     default_prefix: str | None = None, folded: str | None = None) -> list[DepartmentMatch]:
    """Every department named in `text[start:end]`, in order, with absolute offsets.

    `default_prefix` is the notice's own prefix (县, 市, 旗): it goes to an unprefixed
    name that no earlier list item gave a prefix (not to generic references, national
    bodies or unknown organisations). `folded`: `text` already folded (`Document.folded`),
    so that it is not folded again."""
    if not isinstance(text, str):
        raise PolicykgError(f"find_departments needs text (str), got {type(text).__name__}")
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise PolicykgError(f"bad span [{start}, {end}) for a text of {len(text)} characters")
    reg = _registry()
    sq = _Squeezed(text, start, end, folded)
    if not sq.text:
        return []
    scanner = _Scanner(reg, sq.text, sq.cstarts)
    hits = scanner.scan()
    if reg.branch_endings:
        scanner.branches(hits)
    found = scanner.unknowns(hits)  # (scan's hits are in order: sorted only with others among them)
    if scanner.glued and found:  # a township's name (派出所) read inside an unknown one (东华门派出所): that one only
        ends = {f.ce: f.cs for f in found}
        hits = [h for h in hits if not (h.bound and h.ce in ends and ends[h.ce] < h.cs)]
    if default_prefix in reg.township_prefix:  # a town's notice: its villages (宏村村)
        found += scanner.villages(hits + found)
        offices = scanner.township_office(hits + found, default_prefix)  # (a 街道's 办事处: its government)
        found += offices
        for h in hits:  # its own 镇 is the town's (镇财政所, 镇人民政府), not all towns' — so along a list it
            if h.collective and h.prefix == default_prefix and sq.text.startswith(default_prefix, h.cs):
                h.collective = False  # carries (苏木党委、政府: the 苏木's government; 镇财政所、派出所)
    else:
        # bodies addressed together (各街道办事处: the subdistricts' governments; 各功能区管委会: the zones'
        # bodies) — not the unknown body, or a piece of it, the scan for names read there
        offices = scanner.collective_offices(hits)  # (named by their office below)
        if together := offices + scanner.collective_zones(hits):
            found = [f for f in found if not any(o.cs < f.ce and f.cs < o.ce for o in together)] + together
    hits = sorted(hits + found, key=attrgetter("cs")) if found else hits
    scanner.inherit(hits)
    out = []
    cstarts, ostarts, bisect_right = sq.cstarts, sq.ostarts, bisect.bisect_right
    whole = ostarts[0] if len(cstarts) == 1 else None  # no blank squeezed out: offsets by one sum
    for h in hits:
        if h.kind == "known" and h.bound and h.prefix is None and not h.national:
            continue  # 政府, 党委 with no jurisdiction: common nouns
        if h.kind == "known" and h.prefix is None and not h.national and default_prefix:
            h.prefix, h.inherited = default_prefix, True
        if whole is not None:
            s, e = whole + h.cs, whole + h.ce
            out.append(_match(reg, h, s, e, text[s:e]))
            continue
        # (sq.offset inlined: two calls a department named)
        c = h.cs
        k = bisect_right(cstarts, c) - 1
        s = ostarts[k] + (c - cstarts[k])
        c = h.ce - 1
        k = bisect_right(cstarts, c) - 1
        e = ostarts[k] + (c - cstarts[k]) + 1
        out.append(_match(reg, h, s, e, text[s:e]))
    if offices:  # named by its office, 街道办事处, not 街道人民政府
        for k, m in enumerate(out):
            if m.tier == "township" and m.label and reg.township_offices.get(m.prefix, ("",))[0] == m.label:
                out[k] = replaced(m, canonical=m.label)
    return out


def _match(reg: _Registry, h: _Hit, s: int, e: int, surface: str) -> DepartmentMatch:
    if h.kind == "unknown":
        return DepartmentMatch(s, e, surface, None, h.prefix, False, h.name, False,
                               tier=_tier_of_prefix(reg, h.prefix), collective=h.collective)  # (各功能区管委会)
    # (what follows is a pure function of five fields of the hit: read once, not at each mention)
    key = (h.concept, h.national, h.prefix, h.label_tier, h.collective)
    reading = reg.canonicals.get(key)
    if reading is None:
        tier = "national" if h.national else (_tier_of_prefix(reg, h.prefix) or h.label_tier)
        if tier is None and h.prefix in reg.township_prefix and not h.collective:
            tier = "township"  # a town's own body (镇人民政府 of 宏村镇's notice)
        prefix = None if h.national else h.prefix
        concept = h.concept
        canonical = _canonical(reg, concept, tier, prefix)
        if h.collective and concept in reg.collective_concept:
            concept = reg.collective_concept[concept]
        reading = reg.canonicals[key] = (tier, prefix, concept, canonical, concept in reg.party)
    tier, prefix, concept, canonical, party = reading
    # generic, national, collective, former, tier, label, short, branch: by position (see `interpret`)
    return DepartmentMatch(s, e, surface, concept, prefix, h.inherited, canonical, party,
                           h.kind == "generic", h.national, h.collective, h.former, tier, h.label, h.short, h.branch)


@cache
def post_units() -> dict[str, tuple[tuple[str, str], ...]]:
    """concept → ((post word, the concept whose post it is), …), longest word first: a post
    written after the name of a body of that concept that is a post of another body
    (pk:postLabel, pk:postUnder: 县政府副秘书长 is a post of the government's office,
    pkd:government-office, not of the government)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for name, c in _registry().concepts.items():
        if c.post_under:
            out.setdefault(c.post_under, []).extend((w, name) for w in c.posts)
    return {k: tuple(sorted(v, key=lambda x: (-len(x[0]), x[0]))) for k, v in out.items()}


def concept_name(concept: str, tier: str | None, prefix: str | None) -> str:
    """The registry's name of `concept` at level `tier` (政府办公室, 人民政府办公厅 …), as a
    match of it gets as its canonical name."""
    return _canonical(_registry(), concept, tier, prefix)


def collective_address(name: str) -> bool:
    """Whether `name` addresses many bodies at once, by its lead word (pkc:dept-collective-lead:
    各街道办事处, 各乡、镇人民政府), whatever the registry makes of the rest."""
    return name.lstrip(_EDGE).startswith(_registry().collective_lead)


def addressed_zone(name: str) -> DepartmentMatch | None:
    """The body a 主送 item naming a zone alone addresses (荆州开发区, 纪南文旅区: the zone's
    administration, by the zone's name), by its ending (pkc:dept-zone-ending): an
    organisation the registry does not know (concept None), named as written. None for any
    other name, and for an address to many: 各 anywhere in it (各开发区, 市直各开发区), or a word
    of pkc:dept-zone-vague (有关开发区, 所辖新区, 其他特区) — only a proper name is one zone's.
    Offsets are within `name`."""
    reg = _registry()
    s, e = 0, len(name)
    while s < e and name[s] in _EDGE:
        s += 1
    while e > s and name[e - 1] in _EDGE:
        e -= 1
    core = _norm(name[s:e])
    ending = next((x for x in reg.zone_endings if core.endswith(x)), None)
    if ending is None or len(core) == len(ending) or any(w in core for w in (*reg.collective_lead, *reg.zone_vague)) \
            or not all(_is_cjk(ch) and ch not in reg.org_stop for ch in core):
        return None
    return DepartmentMatch(s, e, name[s:e], None, None, False, core, False)


def zone_body(name: str, prefix: str | None) -> str | None:
    """The name of a zone's body written after the notice's own prefix (市经开区党工委 in a city's
    notice, 县经济开发区管委会 in a county's: the zone named after its place's prefix, pkc:dept-zone-ending
    with a body after it), without that prefix (经开区党工委): one body however the notice writes it,
    as 市发展改革委 is one with 发展改革委. None for any other name (市政务服务中心, 高新区党工委, a
    place's name before the zone's: 滁州经济技术开发区管委会)."""
    reg = _registry()
    if prefix not in reg.level_prefix or len(name) <= len(prefix) + 1 or not name.startswith(prefix):
        return None  # (a place's name, 滁州经济技术开发区管委会: the zone's own name holds it)
    rest = name[len(prefix):]
    if any(w in rest for w in reg.zone_vague) or not any(0 <= (k := rest.find(z)) and k + len(z) < len(rest)
                                                         for z in reg.zone_endings):
        return None  # (most unknown names: no zone's body)
    return rest


def listed_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """The bodies a list of names `text[start:end)` names (a 主送), each as (start, end, its
    full name): [start, end) the item as written, blanks trimmed; the name the item with what
    the list writes once for all its items (the items of a lone name: the name as written).

    A prefix written once carries along the list as `find_departments` carries it (市人社局、
    教育局: 市教育局); so does the 各 of the first item (pkc:dept-collective-lead) to an item
    with no jurisdiction nor place of its own (各镇政府、街道办事处: 各街道办事处). An item that
    ends as a place does (a level's prefix of layout.ttl, not a pkc:dept-not-prefix word:
    十堰经济技术开发区) takes the ending of the next item that ends as a body (管委会: the
    department's label it ends with, else a pkc:dept-org-suffix): 十堰经济技术开发区、
    武当山旅游经济特区管委会 names two 管委会. A list separator inside one name the registry
    reads (各县、市、区人民政府: a collective prefix) or inside brackets cuts nothing."""
    end = len(text) if end is None else end
    reg = _registry()
    matches = find_departments(text, start, end)
    cuts = {c for c in reg.separators if len(c) == 1 and not _is_cjk(c)}
    items, s, depth = [], start, 0
    for k in range(start, end + 1):
        ch = text[k].translate(FOLD) if k < end else ""
        depth += (ch in "([") - (ch in ")]")
        if k == end or ch in cuts and depth <= 0 and not any(m.start < k < m.end for m in matches):
            a, b = s, k
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                items.append((a, b))
            s = k + 1
    if len(items) < 2:
        return [(a, b, text[a:b]) for a, b in items]
    ending_of = {}  # an item → the match it ends with
    for a, b in items:
        ending_of[a] = next((m for m in matches if a <= m.start and m.end == b), None)
    suffixes = sorted(reg.org_suffixes, key=len, reverse=True)

    def ending(a: int, b: int) -> str | None:
        """The ending of a name item [a, b) gives the items before it that lack one."""
        m = ending_of[a]
        if m is not None and m.concept and not m.generic and m.label:
            return m.label
        name = _norm(text[a:b])
        return next((x for x in suffixes if name.endswith(x) and len(name) > len(x)), None)

    def placed(a: int, b: int) -> bool:
        name = _norm(text[a:b])
        return ending_of[a] is None and name.endswith(tuple(reg.level_prefix)) \
            and not name.endswith(tuple(reg.not_prefix))

    places = _places()  # an item opening with one names its own place: no 各
    first = _norm(text[items[0][0]:items[0][1]])
    lead = next((x for x in reg.collective_lead if first.startswith(x)), "")
    # the body the first item's 各 follows (县政府各工作部门、直属机构: 县政府, written once for both)
    owner = next((m for m in matches if m.start == items[0][0] and m.concept and not m.generic and not m.collective
                  and _norm(text[m.end:items[0][1]]).startswith(reg.collective_lead)), None)
    out = []
    for i, (a, b) in enumerate(items):
        name, m = text[a:b], ending_of[a]
        if placed(a, b):
            name += next((x for c, d in items[i + 1:] if not placed(c, d) and (x := ending(c, d))), "")
        if m is not None and m.inherited and m.prefix and not m.national:
            name = m.prefix + name  # 市人社局、教育局
        own = _norm(text[a:b])
        if i and (lead or owner) and (m is None or m.prefix is None or m.inherited) \
                and not own.startswith(tuple(reg.level_prefix) + tuple(reg.national_prefix)) \
                and not any(own[:k] in places for k in range(2, min(len(own), 9))) and not _named_township(own):
            if lead and lead not in own:
                name = lead + name  # 各镇政府、街道办事处
            elif owner is not None and not any(a <= x.start < b for x in matches):
                name = text[owner.start:owner.end] + name  # 县政府各工作部门、直属机构: 县政府直属机构
        out.append((a, b, name))
    return out


def _named_township(name: str) -> bool:
    """Whether `name` opens with a township's own name the gazetteer may lack: two characters or
    more, not all of them level words, before a township's prefix (layout.ttl's pk:issuerSuffix:
    凤栖街道办事处, 凤栖街道) — a named office is itself, no 各 given it (各乡镇人民政府、凤栖街道办事处);
    not 街道办事处 nor 乡镇人民政府, the kind of body alone."""
    reg = _registry()
    words = "".join((*reg.township_prefix, *reg.level_prefix))
    for k in range(2, len(name)):
        if name.startswith(tuple(reg.township_prefix), k):
            head = name[:k]
            return all(_is_cjk(ch) for ch in head) and bool(head.strip(words))
    return False


_EDGE = " \t\u3000\xa0\r\n、,，;；:：。.·•"
_INNER_BRACKET = re.compile(f"([{_CJK}]+)\\(([{_CJK}]{{1,8}})\\)([{_CJK}]+)")  # 天津港(集团)有限公司 (folded)


@lru_cache(maxsize=4096)
def resolve(name: str) -> DepartmentMatch | None:
    """The one department a whole string names ("县卫健委", a table cell "妇  联"), or None.

    Offsets are within `name`. A string the registry does not know but shaped like an
    organisation (河套学院, 铁路乌兰浩特站) resolves with concept None."""
    if not isinstance(name, str):
        raise PolicykgError(f"resolve needs a name (str), got {type(name).__name__}")
    s, e = 0, len(name)
    while s < e and name[s] in _EDGE:
        s += 1
    while e > s and name[e - 1] in _EDGE:
        e -= 1
    if s == e:
        return None
    matches = find_departments(name, s, e)
    if len(matches) == 1 and matches[0].start == s and matches[0].end == e:
        return matches[0]
    if matches:
        return None
    reg = _registry()
    sq = _Squeezed(name, s, e)
    scanner = _Scanner(reg, sq.text, sq.cstarts)
    om = reg.org.match(sq.text)
    if reg.org_whole.fullmatch(sq.text) and om and not om.group("lead") and om.end("org") == len(sq.text) \
            and scanner.valid_org(sq.text):
        hit = scanner.unknown_hit(om)
        return _match(reg, hit, s, e, name[s:e])
    inner = _INNER_BRACKET.fullmatch(sq.text)
    if inner is not None:
        # a word in brackets inside an unknown name (天津港（集团）有限公司): the name as written, if
        # it reads as one without them — not a name and its other name after it (市政府办公室（市口岸办）:
        # nothing follows the bracket), nor a known department's
        plain = resolve(inner.group(1) + inner.group(2) + inner.group(3))
        if plain is not None and plain.concept is None:
            return DepartmentMatch(s, e, name[s:e], None, plain.prefix, False, "".join(name[s:e].split()), False,
                                   tier=plain.tier)
    return None


@cache
def _bare_collective() -> tuple[re.Pattern, str]:
    """(a collective address with no body named after it: a lead word and a collective prefix,
    各镇(街道), 各县(市、区) — pkc:dept-collective-lead, pkc:dept-collective-prefix; the label of
    the body such an address stands for, the government's: 人民政府)."""
    reg = _registry()
    governed = next((c for c in reg.collective_concept), None)  # government → local-governments
    label = reg.concepts[governed].zh if governed else ""
    if not label or not reg.collective_lead:
        return re.compile("(?!)"), ""
    return re.compile(f"(?:{_alternation(reg.collective_lead)})(?:{_alternation(reg.collective_prefix)})"), label


def collective_leads() -> tuple[str, ...]:
    """The words opening a collective address (pkc:dept-collective-lead: 各)."""
    return _registry().collective_lead


def collective_addresses(folded: str, start: int, end: int) -> list[DepartmentMatch]:
    """The collective addresses in `folded[start:end]` that name no body after them (各镇(街道)
    按职责分工负责, 各县(市、区)负责): each as the governments of those places (各镇(街道)人民政府),
    spanned as written. Asked of a task tag, where the text around them says what they are."""
    pattern, label = _bare_collective()
    out = []
    for m in pattern.finditer(folded, start, end):
        found = resolve(m.group() + label)
        if found is not None and found.collective:
            out.append(replaced(found, start=m.start(), end=m.end(), surface=folded[m.start():m.end()]))
    return out


def resolve_in_town(name: str, prefix: str) -> DepartmentMatch | None:
    """The one department `name` names as a whole in a township's notice whose own prefix is
    `prefix` (镇财政所: the town's own, not all towns'; 各村委会: its villages), or None — None
    too when `prefix` is no township's (layout.ttl's pk:issuerSuffix)."""
    if prefix not in _registry().township_prefix:
        return None
    found = find_departments(name, default_prefix=prefix)
    if len(found) == 1 and not name[:found[0].start].strip(_EDGE) and not name[found[0].end:].strip(_EDGE):
        return found[0]
    return None


def town_unit(name: str) -> bool:
    """Whether `name`, a unit of no concept, is one a town's notice reads as its own unit: one of
    its villages (宏村村, 华山社区: pkc:dept-village-ending) or its villages together (各村委会)."""
    reg = _registry()
    return any(name == n for _, n in reg.villages) or \
        reg.village.fullmatch(name) is not None and not name.endswith(reg.village_not_names)


def resolve_own(name: str) -> DepartmentMatch | None:
    """`resolve`, a township's prefix read as the town's own (镇党政办, 镇财政所: a town's office,
    not all towns', as a town's notice reads it; layout.ttl's pk:issuerSuffix), and a township's
    name alone (财政所, pk:townshipLabel) its concept's."""
    m = resolve(name)
    if m is not None and m.collective and (own := resolve_in_town(name, m.prefix)) is not None and not own.collective:
        return own
    if m is None:
        reg = _registry()
        info = reg.labels.get(_norm(name.strip(_EDGE)))
        if info is not None and info.tier == "township":
            return DepartmentMatch(0, len(name), name, info.concept, None, False,
                                   _canonical(reg, info.concept, "township", None), False, tier="township")
    return m


def concepts() -> list[str]:
    """Local names of every registry concept (``health``, ``fire-rescue`` …), sorted."""
    return sorted(_registry().concepts)


def concept_labels(concept: str) -> dict:
    """Everything a view or the graph shows of one concept.

    ``{"zh", "en", "alt", "hidden", "former", "levels": {tier: [...]}, "party": bool,
    "merges": [...], "replaced_by": [...], "collective_of", "collections": [...],
    "definition"}``."""
    reg = _registry()
    c = reg.concepts.get(concept)
    if c is None:
        raise PolicykgError(f"{concept!r} is not a concept of {REGISTRY}")
    return {"zh": c.zh, "en": c.en, "alt": list(c.alt), "hidden": list(c.hidden), "former": list(c.former),
            "levels": {k: list(v) for k, v in c.levels.items()}, "party": concept in reg.party,
            "merges": list(c.merges), "replaced_by": list(c.replaced_by), "collective_of": c.collective_of,
            "collections": list(c.collections), "definition": c.definition}
