"""Stage 2 — parse: a loaded `Document` → header fields, chrome spans and the clause tree.

Line by line, driven by two data files: `ontology/numbering.ttl` (the numbering styles
一、 （一） 1. （1） ① … with their ranks) and `ontology/layout.ttl` (page furniture, web
fields, header/footer cues, jurisdiction levels). Every line ends up in exactly one
place: the header (版头/版记 and web fields), the chrome (website furniture), or a zone
of the clause tree (``cover`` — the transmittal letter, ``main`` — the notice or the
document it issues, ``att1`` … — attachments), where the deepest clause owns it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, filterfalse, groupby
from operator import attrgetter, not_

from .departments import listed_names, resolve
from .errors import PolicykgError
from .knowledge import PK, RDF, SKOS, by_subject
from .model import DOC_NUMBER, FOLD, Cell, Clause, Document, Field, Jurisdiction, Span, name_key, squeeze
from .places import municipalities

LONG_LINE = 400  # header cues are only looked for on lines shorter than this
SENTENCE_PUNCT = "。;；,，"  # folded text keeps 。 and folds ；，
BULLETS = "•·●◆■▪"
TITLE_MAX = 60
HEADING_MAX = 40
# A heading phrase is at most this long (the longest the 408 notices head text with is 20, 。
# aside); a longer sentence ending in 。 that is all its item says heads nothing: it is its text.
HEADING_PHRASE_MAX = 20
_HEADING_END = re.compile(r"[。:]")  # folded text: what ends a clause's heading
_HEADING_BREAK = re.compile(r"[,;]")  # … unless a comma before it makes it a sentence
_CELL = re.compile(r"[^\t]+")

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100}


@cache  # (a pure function of a short numeral, asked for each label and number read)
def chinese_number(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十一 → 21, 一百零五 → 105; digit strings like 二〇二一 → 2021."""
    if not s:
        return None
    if all(ch in CN_DIGITS for ch in s) and len(s) > 1:
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total, digit = 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


# --- data tables -----------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    name: str
    rank: int
    pattern: re.Pattern
    numerals: str


@cache
def styles() -> tuple[Style, ...]:
    out = []
    for s, props in by_subject("numbering.ttl").items():
        if PK + "pattern" not in props:
            continue
        out.append(Style(s.rsplit("/", 1)[-1], int(props[SKOS + "notation"][0]),
                         re.compile(str(props[PK + "pattern"][0])), str(props[PK + "numerals"][0])))
    return tuple(sorted(out, key=lambda st: st.rank))


@dataclass(frozen=True)
class Layout:
    chrome: re.Pattern  # any chrome pattern (one alternation: one match a line)
    tail_chrome: re.Pattern  # any of those that may also end a page
    fields: re.Pattern  # alternation of web-field keys, named groups impossible: map below
    field_names: dict[str, str]  # squeezed key -> field name
    cues: dict[str, re.Pattern]
    opens: dict[str, tuple[str, ...]]  # a cue's pk:opensWith: what a line it matches opens with
    levels: tuple[tuple[str, str, str, int], ...]  # (suffix, level, prefix, rank), longest first
    national: tuple[str, ...]
    national_marks: tuple[str, ...] = ()  # words only a national title holds (部际联席会议)
    # (word, level, rank): a notice addressed to the bodies these name (各镇政府) is of that level
    addressed: tuple[tuple[str, str, int], ...] = ()
    without_counties: frozenset[str] = frozenset()  # places that address them and keep their level (东莞市)
    places: dict[str, str] = field(default_factory=dict)  # pk:PlacePattern: name -> pattern, {suffix} in it
    values: dict[str, re.Pattern] = field(default_factory=dict)  # squeezed web-field key -> what its value can be
    # (prefix, level, rank) of every level, one a prefix word: those without a place-name suffix
    # too (乡, 镇 of the townships: places a notice addresses, never its issuer's)
    prefixes: tuple[tuple[str, str, int], ...] = ()
    # (suffix, level) of an issuer's place at a level no place name is read as (宏村镇人民政府:
    # 镇, township), read only when no level above is named; words ending no such place (城乡)
    issuer_suffixes: tuple[tuple[str, str], ...] = ()
    not_places: tuple[str, ...] = ()
    # `chrome` (and `tail_chrome`) asked in two parts, one call each, with the same answer: the
    # patterns matched at a line's start, and those found anywhere in it (pk:anywhere), searched for
    chrome_lined: re.Pattern | None = None
    chrome_within: re.Pattern | None = None
    tail_lined: re.Pattern | None = None
    tail_within: re.Pattern | None = None


@cache
def layout() -> Layout:
    table = by_subject("layout.ttl")
    chrome, tail, keys, cues, levels, national, marks, addressed, kept, places = [], [], {}, {}, [], [], [], [], [], {}
    values, prefixes, opens, issuer_suffixes, not_places = {}, [], {}, [], []
    within, lined = {False: [], True: []}, {False: [], True: []}  # pk:anywhere patterns' text, the others; by pk:tail
    for s, props in table.items():
        kind = props.get(RDF + "type", [""])[0]
        local = s.rsplit("/", 1)[-1]
        if kind == PK + "ChromePattern":
            pat = str(props[PK + "pattern"][0])
            is_tail = bool(props.get(PK + "tail"))
            if props.get(PK + "anywhere"):  # (a line of no line feed: search ≡ match of ^.*(?:P).*$)
                within[is_tail].append(pat)
                pat = f"^.*(?:{pat}).*$"
            else:
                lined[is_tail].append(re.compile(pat))
            (tail if is_tail else chrome).append(re.compile(pat))
        elif kind == PK + "WebField":
            keys[str(props[PK + "key"][0])] = str(props[PK + "field"][0])
            if PK + "valuePattern" in props:
                values[squeeze(str(props[PK + "key"][0]))] = re.compile(str(props[PK + "valuePattern"][0]))
        elif kind == PK + "HeaderCue":
            cues[local] = re.compile(str(props[PK + "pattern"][0]))
            opens[local] = tuple(str(x) for x in props.get(PK + "opensWith", ()))
        elif kind == PK + "PlacePattern":
            places[local] = str(props[PK + "pattern"][0])
        elif kind == PK + "JurisdictionLevel":
            national += [str(x) for x in props.get(PK + "selfName", [])]
            marks += [str(x) for x in props.get(PK + "titleMark", [])]
            addressed += [(str(x), str(props[PK + "level"][0]), int(props[PK + "rank"][0]))
                          for x in props.get(PK + "addressesBelow", [])]
            kept += [str(x) for x in props.get(PK + "withoutCounties", [])]
            issuer_suffixes += [(str(x), str(props[PK + "level"][0])) for x in props.get(PK + "issuerSuffix", [])]
            not_places += [str(x) for x in props.get(PK + "notPlace", [])]
            if PK + "rank" in props:
                prefixes += [(str(x), str(props[PK + "level"][0]), int(props[PK + "rank"][0]))
                             for x in props.get(PK + "prefix", [])]
            for suffix in props.get(PK + "suffix", []):
                levels.append((str(suffix), str(props[PK + "level"][0]),
                               str(props[PK + "prefix"][0]), int(props[PK + "rank"][0])))
    # "索 引 号" and "文  号" are printed with spaces inside; longest keys first.
    alts = sorted(keys, key=len, reverse=True)
    key_re = re.compile("(" + "|".join(r"\s*".join(map(re.escape, k)) for k in alts) + r")\s*:?\s*")
    levels.sort(key=lambda lv: -len(lv[0]))
    any_of = lambda pats: re.compile("|".join(f"(?:{p.pattern})" for p in pats) or "(?!)")
    # (branches joined bare, not each in a group: a search then skips to a first character)
    found = lambda pats: re.compile("|".join(pats) or "(?!)")
    return Layout(any_of(chrome + tail), any_of(tail), key_re, keys, cues, opens, tuple(levels), tuple(national),
                  tuple(marks), tuple(addressed), frozenset(kept), places, values, tuple(prefixes),
                  tuple(issuer_suffixes), tuple(not_places), any_of(lined[False] + lined[True]),
                  found(within[False] + within[True]), any_of(lined[True]), found(within[True]))


# --- lines -----------------------------------------------------------------------------


@dataclass(slots=True)
class Line:
    start: int  # first non-blank character (bullets excluded from `body`, not from here)
    end: int  # one past the last non-blank character
    body: int  # start of content after list bullets
    tab: bool  # a table cell line ("\t成员单位") or a tab-separated row
    text: str  # folded content, bullets stripped (for matching)
    number: object = None  # number_of(self), computed once (NOT_YET until then)
    cueable: object = None  # _may_be_cue(self), computed once (NOT_YET until then)
    row: bool = False  # a table's row cut out of a notice on one line: its cells' blanks are lost line breaks
    # start == end. Stored, not a property: a line's span never changes, and the parse asks
    # this ~600 times per notice (a property call costs 5x an attribute read).
    blank: bool = field(init=False)

    # (written, not the dataclass's __init__ and a __post_init__: one call a line, not two —
    # some 90 lines a notice)
    def __init__(self, start: int, end: int, body: int, tab: bool, text: str, number: object = None,
                 cueable: object = None, row: bool = False) -> None:
        self.start, self.end, self.body, self.tab, self.text = start, end, body, tab, text
        self.number, self.cueable, self.row = number, cueable, row
        self.blank = start == end


_BLANK = attrgetter("blank")


def split_lines(doc: Document) -> list[Line]:
    # Lines of the folded text: a lone CR ends a line there, a zero-width space is a space.
    text = folded = doc.folded
    out, pos = [], 0
    tabs = "\t" in text  # (most notices hold none: no line of theirs is a cell, and none is asked)
    # (each line built here, its slots set in place: a class call running `Line.__init__` costs
    # twice as much — some 90 lines a notice; a slot added to Line is set here too)
    new = object.__new__
    for raw in text.split("\n"):  # (one split: a find and a slice a line cost more)
        n = len(raw)
        kept = raw.lstrip()  # str.strip drops what str.isspace calls space
        if not kept:  # a blank line (about half of them): its one place, a tab-led cell if a tab is in it
            s = pos + n
            ln = new(Line)
            ln.start = ln.end = ln.body = s  # (a slot a store: no tuple of six built and taken apart)
            ln.tab = tabs and "\t" in raw
            ln.text = ""
            ln.number = ln.cueable = NOT_YET
            ln.row = False
            ln.blank = True
            out.append(ln)
            pos = s + 1
            continue
        s = pos + n - len(kept)
        kept = kept.rstrip()
        e = s + len(kept)
        b = s
        if kept[0] in BULLETS:
            while b < e and (text[b] in BULLETS or text[b].isspace()):
                b += 1
        ln = new(Line)
        ln.start = s
        ln.end = e
        ln.body = b
        ln.text = kept if b == s else folded[b:e]
        ln.tab = tabs and (s > pos and "\t" in raw[:s - pos] or (e - s < LONG_LINE and kept.count("\t") >= 2))
        ln.number = ln.cueable = NOT_YET
        ln.row = ln.blank = False
        out.append(ln)
        pos += n + 1
    one = None
    for ln in out:
        if not ln.blank:
            if one is not None:
                return _untab_indented(_two_columns(_run_in_heads(folded, out), folded), text)
            one = ln
    if one is not None:
        return _run_in(folded, out, one)
    return _untab_indented(out, text)


_KEY_END = re.compile(r"[:\s]")  # folded: what ends a field's key (索引号:, 索引号 1134…)


def _opens_head(line: str) -> bool:
    """Whether a line read as a 主送 opens with its notice's 文号 or title (run-in-head):
    an ordinary 主送, or a body's lead-in ending in a colon (…现将有关事项通知如下:), is not
    cut."""
    m = layout().cues["run-in-head"].match(line)
    return bool(m.group(1) or m.group(2))


def _run_in_heads(text: str, lines: list[Line]) -> list[Line]:
    """A line of a file that runs parts of a page's head together is cut as a notice on one
    line is (`_run_in`): one that opens with page furniture of bounded extent (a breadcrumb up
    to its last ">", layout.ttl's run-in-opener) and a field, 文号 or title follows it (首页 > 政务
    公开 > 政策文件索引号：1115…), one that opens with the page's fields or holds two of them before
    its first sentence ends (索引号：… 主题分类：妇女儿童工作巴彦淖尔市人民政府办公室关于…; a whole
    page on one line below its breadcrumb), and one that reads as a 主送 (pk:recipients) but opens
    with its 文号 or its title. Else the whole line is furniture, a field's value or the 主送,
    and the fields, title or 主送 in it are lost."""
    lay = layout()
    opener, recipients, issuer = lay.cues["run-in-opener"], lay.cues["recipients"], lay.cues["title-issuer"]
    for ln in list(filterfalse(_BLANK, lines)):  # (the lines of text, picked in C)
        # keys before a colon or a gap (索引号：, 索 引 号 0117…) before the first sentence ends: one
        # opening the line, or two (a page on one line below its furniture, of any length)
        # a key counts with a colon or a gap after it: a line holding neither (most lines of a
        # body) holds no field, and is not searched for one (the search was 2/3 of splitting lines)
        # (tested by str methods first: a regex's \s is four times slower than they are; on the
        # whole line first, no head cut out of it: what it holds none of, its head holds none of)
        lt = ln.text
        if ":" in lt or " " in lt or not lt.isprintable():
            head = text.find("。", ln.body, ln.end)
            head = ln.end if head < 0 else head
            seg = lt if head == ln.end else text[ln.body:head]
            keys = [k for k in lay.fields.finditer(text, ln.body, head)
                    if k.end() > k.start() + len(k.group(1))][:2] \
                if ":" in seg or " " in seg or not seg.isprintable() and _KEY_END.search(seg) else ()
            # one key opening a line as short as a table's cell is a field alone on its line (制发
            # 机关: 赤峰市人民政府办公室): nothing runs into it, and cutting it was half the time spent here
            if keys and keys[0].start() == ln.body and len(lt) > CELL_MAX or len(keys) == 2:
                lines = _run_in(text, lines, ln)
                continue
        if len(lt) > LONG_LINE:
            continue
        m = opener.match(text, ln.body, ln.end) if "run-in-opener" in _cues_opening(lt[:1]) else None
        # only where a field, a 文号 or a title follows: the rest of a breadcrumb (当前位置：首页 /
        # 政务公开) is furniture too
        if m and m.group(2) is not None and (lay.fields.search(text, m.end(2), ln.end)
                                             or DOC_NUMBER.search(text, m.end(2), ln.end)
                                             or issuer.search(text, m.end(2), ln.end)) \
                or lt.endswith(":") and recipients.match(lt) and _opens_head(lt):
            lines = _run_in(text, lines, ln)
    return lines


def _line(text: str, s: int, e: int) -> Line:
    """The line of [s, e) of the folded text, its blanks trimmed and its bullets skipped."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    b = s
    if b < e and text[b] in BULLETS:
        while b < e and (text[b] in BULLETS or text[b].isspace()):
            b += 1
    tab = e - s < LONG_LINE and text.count("\t", s, e) >= 2
    return Line(s, e, b, tab, text[b:e], NOT_YET, NOT_YET)


_GAP = re.compile(r"\s+")
_WIDE_GAP = re.compile(r"\s{2,}")
_STOPS = "。;,:!?"  # folded: what a heading or a table cell holds none of
_STOP = re.compile(f"[{_STOPS}]")
_VALUE_STOP = re.compile("[。;,!?]")  # folded: what a web field's value holds none of (a time holds :)
CELL_MAX = 40  # a table cell longer than this is running text
TEXT_CELL_MAX = 200
TITLE_RUN_IN = 62  # the longest title run-in-title reads (its 2-60 characters and more)  # … unless a tab follows it: a task table's cell of sentences
_NUMBER_CELL = re.compile(r"[\d\-—+()]{5,}")  # a table cell of a number (0717-5323456, 13872501234)
_CRUMB = re.compile(r"[^\s>:。,\[]{1,12}")  # a breadcrumb's crumb, as run-in-opener reads them (not a 【文号】)


def _words_before(t: str, pos: int, lo: int) -> str:
    """The (at most 12) characters before `pos` since the last stop or blank."""
    words = t[max(lo, pos - 12):pos]
    return words[max(words.rfind(c) for c in _STOPS + " \t") + 1:]


def _first_chars(pattern: re.Pattern) -> tuple[frozenset[str], bool] | None:
    """What a match of `pattern` can begin with, read off its parse tree: (the characters, and
    whether any decimal digit — \\d — too); None when it may begin with others (a negated or
    wide class, a wildcard, a letter of either case) or match nothing at all. A line whose
    first character is none of them holds no match at its start: no regex call is set up for
    it (`_opens`; a call set up costs as much as all the rest a line is asked here)."""
    try:
        from re import _constants as C, _parser
        if pattern.flags & re.IGNORECASE:
            return None
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # (another Python's parser: no test, every line asked)
        return None

    def seq(items) -> tuple[set[str], bool, bool] | None:  # (characters, digits, may match nothing)
        chars, digits = set(), False
        for op, av in items:
            if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                continue  # (zero-width: it only narrows what follows)
            got = one(op, av)
            if got is None:
                return None
            chars |= got[0]
            digits |= got[1]
            if not got[2]:
                return chars, digits, False
        return chars, digits, True

    def one(op, av) -> tuple[set[str], bool, bool] | None:
        if op is C.LITERAL:
            return {chr(av)}, False, False
        if op is C.IN:
            chars, digits = set(), False
            for o, a in av:
                if o is C.LITERAL:
                    chars.add(chr(a))
                elif o is C.RANGE and a[1] - a[0] < 1024:
                    chars.update(map(chr, range(a[0], a[1] + 1)))
                elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                    digits = True
                else:
                    return None
            return chars, digits, False
        if op is C.BRANCH:
            chars, digits, empty = set(), False, False
            for alt in av[1]:
                got = seq(alt)
                if got is None:
                    return None
                chars |= got[0]
                digits |= got[1]
                empty |= got[2]
            return chars, digits, empty
        if op is C.SUBPATTERN:
            return None if av[1] & re.IGNORECASE else seq(av[3])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            got = seq(av[2])
            return None if got is None else (got[0], got[1], got[2] or av[0] == 0)
        if op is C.ATOMIC_GROUP:
            return seq(av)
        return None

    got = seq(tree.data)
    return None if got is None or got[2] else (frozenset(got[0]), got[1])


@cache
def _cue_starts() -> dict[str, tuple[frozenset[str], bool] | None]:
    """`_first_chars` of each cue of layout.ttl, and of `_any_label` (key "")."""
    return {"": _first_chars(_any_label()), **{name: _first_chars(p) for name, p in layout().cues.items()}}


def _opens(starts: tuple[frozenset[str], bool] | None, text: str) -> bool:
    """Whether `text` may hold a match at its start of a pattern whose `_first_chars` are `starts`."""
    return starts is None or (c := text[:1]) in starts[0] or starts[1] and c.isdecimal()


@cache  # (a pure function of one character: some 200 calls a notice, a few hundred characters)
def _cues_opening(c: str) -> frozenset[str]:
    """The names of `_cue_starts` (cues, and "" for any label) a text opening with `c` (a line's
    first character, "" for none) may hold a match of at its start: those `_opens` says yes to,
    asked once a character — `name in _cues_opening(text[:1])` is `_opens(_cue_starts()[name], text)`."""
    anywhere, by_char, by_digit = _cues_by_first_char()
    return anywhere | by_char.get(c, anywhere) | (by_digit if c.isdecimal() else anywhere)


@cache
def _cues_by_first_char() -> tuple[frozenset[str], dict[str, frozenset[str]], frozenset[str]]:
    """`_cue_starts` turned round: (the names any text may match, those `_first_chars` could not
    tell; the names by each character they may begin with; the names that may begin with a digit)."""
    anywhere, by_char, by_digit = set(), {}, set()
    for name, starts in _cue_starts().items():
        if starts is None:
            anywhere.add(name)
            continue
        for ch in starts[0]:
            by_char.setdefault(ch, set()).add(name)
        if starts[1]:
            by_digit.add(name)
    return frozenset(anywhere), {ch: frozenset(names) for ch, names in by_char.items()}, frozenset(by_digit)


@cache
def _any_label() -> re.Pattern:
    """Any numbering label of numbering.ttl, to find them inside running text. A match's
    `lastgroup` (s0, s1 …) is the first style in rank order whose label it is."""
    return re.compile("|".join(f"(?P<s{k}>{st.pattern.pattern})" for k, st in enumerate(styles())))


@cache
def _label_groups() -> tuple[int, ...]:
    """Each style's group in `_any_label` (s0, s1 …): the style's own group n is that one's + n."""
    return tuple(_any_label().groupindex[f"s{k}"] for k in range(len(styles())))


def _run_in(text: str, lines: list[Line], one: Line) -> list[Line]:
    """A notice written on one line (its line breaks lost) cut where its lines would have
    begun (see `_RunIn`). The lines keep their offsets: no text moves."""
    cuts, cells = _RunIn(text, one.body, one.end).run()
    out, start = [], one.start
    for cut in sorted(c for c in cuts if c > one.start) + [one.end]:
        ln = _line(text, start, cut)
        if start in cells and not ln.blank:  # a table's row, as its tab-led cells were
            ln.tab = ln.row = True
        out.append(ln)
        start = cut
    k = lines.index(one)
    return lines[:k] + [ln for ln in out if not ln.blank] + lines[k + 1:]


# the printing date ending a 版记 (…办公室 2024年3月8日印发) with text run on after it
_PRINTED_RUN_IN = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发(?=\s*\S)")


class _RunIn:
    """Where the lines of a notice written on one line begin, read off the running text:

    1. after each 。, and where layout.ttl's run-in-opener says (a bullet, 抄送, 附件：, the
       附注, bounded page furniture);
    2. before each field of a web page's head (索引号 … 公文时效; keys run into their values
       in a row of three or more: 索引号1134…发布机构祁门县…), and after the value of the last
       of a row (pk:valuePattern), or, a value of no kind, where the title opens with its
       issuer's place (主题分类：卫生、体育祁门县人民政府办公室关于…) or the head reads on
       (run-in-value-end: …妇女儿童工作各旗县区人民政府，…：);
    3. around a signature (run-in-signature) or a date alone (run-in-date) after a sentence
       or a gap — not a date after a colon, a field's value (成文日期：2023年6月16日);
    4. after the head: 文号, title, 主送 (run-in-head, run-in-recipients), a title glued to
       the breadcrumb before it (else the last crumb is the breadcrumb's up to a gap or a
       field: 政策文件 索引号：…), after an attachment label (附件：, not a note 附件：名单
       followed by another 附件 or a signature), after the title of a document that begins
       after a signature or a label (run-in-title);
    5. before each row of a table of tab-led cells, where its 序号 column counts on;
    6. before each numbered clause (numbering.ttl's labels): after a sentence, a gap or a
       line as numbered (jumps and repeats kept, as on lines); after ; : ) or glued to a short
       heading or item only where its numbering goes on (2. after 1., (一) under 一、, 1.
       after （一）建立健全…体系); and after the heading of a clause when a gap ends it, or,
       at the top level, where a heading word ends it (run-in-heading: 二、成员单位|市政府…).
    """

    def __init__(self, text: str, lo: int, hi: int):
        self.text, self.lo, self.hi = text, lo, hi
        self.cues = layout().cues
        self.cuts: set[int] = set()
        self.cells: set[int] = set()  # cuts before a table's row
        self.zones: set[int] = set()  # where a document may begin with its title
        self.glued: set[int] = set()  # breadcrumb ends: the last crumb may run into the title
        self.notes: list[tuple[int, int]] = []  # 附件： openers: (start, end)
        self.note_ends: set[int] = set()
        self.order: list[int] = []
        first = text.find("。", lo, hi)
        self.head_end = hi if first < 0 else first  # the head: before the first sentence ends

    def cut(self, pos: int) -> None:
        if self.lo < pos < self.hi:
            self.cuts.add(pos)

    def sort(self) -> None:
        self.order = sorted(self.cuts | {self.hi})

    def next_cut(self, pos: int) -> int:
        """The first cut after `pos` (of those sorted last), or the end."""
        k = bisect.bisect_right(self.order, pos)
        return self.order[k] if k < len(self.order) else self.hi

    def blank_end(self, pos: int) -> int:
        while pos < self.hi and self.text[pos].isspace():
            pos += 1
        return pos

    def run(self) -> tuple[set[int], set[int]]:
        t, lo, hi = self.text, self.lo, self.hi
        p = t.find("。", lo, hi)  # (a find a sentence: no slice of the text and no match object each)
        while p >= 0:
            self.cut(p + 1)
            p = t.find("。", p + 1, hi)
        for m in self.cues["run-in-opener"].finditer(t, lo, hi):
            self.cut(m.start())
            if m.group(1) is not None:
                self.cut(m.end(1))
                self.zones.add(m.end(1))
            elif m.group(2) is not None:
                self.cut(m.end(2))
                if m.group(2).rstrip().endswith(">"):
                    self.glued.add(m.end(2))
            elif m.group("attachment") is not None:
                self.notes.append((m.start(), m.end()))
                self.note_ends.add(m.end())
        for m in self.cues["run-in-page-number"].finditer(t, lo, hi):  # — 2 —: a line of its own
            self.cut(m.start())
            self.cut(m.end())
            # the running header after it, a title printed before (…风险监测和— 2 —关于建立…的通知抽检
            # 工作，…): a line of its own too, page furniture as on lines (`page_furniture`)
            k = self.blank_end(m.end())
            if (h := self.cues["run-in-title"].match(t[k:min(hi, k + 80)])) is not None \
                    and squeeze(h.group(1)) in squeeze(t[lo:m.start()]):
                self.cut(k + h.end(1))
        self.sort()
        self.fields()
        self.signatures()
        self.sort()
        self.heads()
        self.attachments()
        self.sort()
        self.titles()
        self.sort()
        self.tables()
        self.sort()
        self.labels()
        return self.cuts, self.cells

    # 2. the fields of a web page's head
    def fields(self) -> None:
        lay, t = layout(), self.text
        keys = list(lay.fields.finditer(t, self.lo, self.head_end))
        # one of a row of three or more keys run into their values, each after a short value (a
        # table copied a cell a line, its lines glued: 索引号1134…发布机构祁门县人民政府办公室生成日期…)
        bare = [m.end() == m.start() + len(m.group(1)) for m in keys]
        rows, run = set(), [0]
        for i in range(1, len(keys) + 1):
            if i < len(keys) and bare[i] and bare[i - 1] and keys[i].start() - keys[i - 1].end() <= CELL_MAX \
                    and not _VALUE_STOP.search(t, keys[i - 1].end(), keys[i].start()):
                run.append(i)
                continue
            if len(run) >= 3:
                rows.update(run)
            run = [i]
        ok = []
        for i, m in enumerate(keys):  # a key followed by a colon or a gap, touching another, in a row, or
            touches = i + 1 < len(keys) and keys[i + 1].start() == m.end() or i and keys[i - 1].end() == m.start()
            beside = ok and t[m.start() - 1] in " |\t:" and self.next_cut(ok[-1].start()) > m.start()
            if m.end() > m.start() + len(m.group(1)) or touches or i in rows or beside:  # beside one on its line
                ok.append(m)
        ended = self.lo  # where the last value cut off ended: a key after it opens a line
        for i, m in enumerate(ok):
            ls = self.line_start(m.start())
            lead = t[max(ls, m.start() - 8):m.start()]  # • 制发机关: the line's first
            opens = ls >= m.start() - 8 and all(c in BULLETS or c.isspace() for c in lead)
            if not opens and (i == 0 or t[m.start() - 1] not in " |\t:" or ended > ok[i - 1].start()):
                self.cut(m.start())
            stop = self.next_cut(m.start())
            value = lay.values.get(squeeze(m.group(1)))
            following = ok[i + 1].start() if i + 1 < len(ok) and ok[i + 1].start() < stop else None
            if value is not None:  # its value ends as its kind does (有效, then the title before the next field)
                v = value.match(t, m.end(), following or stop)
                if following is None or (v and v.end() < following and t[v.end():following].strip(" |\t\u3000")):
                    ended = v.end() if v else m.end()
                    self.cut(ended)
            elif (title := self.issuer_start(self.blank_end(m.end()), following or stop, whole=True)) \
                    is not None and self.cues["title-issuer"].match(t, title, following or stop):
                head = self.value_end(m.end(), title, number=True) or title  # …体育 祁政办秘〔2021〕45号 祁门县…
                self.cut(head)  # 主题分类：卫生、体育祁门县人民政府办公室关于…: up to the title (关键词：
                ended = head  # 人居环境 任务清单湾沚区人民政府办公室关于…的通知发布时间：…, a field after it)
                if not t[m.end():head].strip():  # no value before the title (名称： 宣城市人民政府办公室关于…):
                    self.cut(m.start())  # the key alone on its line, its value the line below
            elif following is None and (head := self.value_end(m.end(), stop)) is not None:
                self.cut(head)  # 主题分类：妇女儿童工作各旗县区人民政府，…：up to the head's 文号 or 主送
                ended = head
            elif following is None and (name := self.cues["run-in-person-value"].match(t, m.start(), stop)):
                self.cut(name.end(1))  # 责任编辑:晓东|中国政府网8月19日发布消息称…: the name, then the news
                ended = name.end(1)
            elif following is None and (gap := _WIDE_GAP.search(t, m.end(), stop)):  # up to a gap (a blank line lost)
                self.cut(gap.start())

    def value_end(self, s: int, e: int, number: bool = False) -> int | None:
        """Where the head (文号, title and 主送, or 主送: run-in-head, run-in-recipients) begins in
        the words at `s` that run on from a value of no kind (主题分类：妇女儿童工作各旗县区人民政府，
        市直各有关单位：…): the first place after the value's first words that layout.ttl's
        run-in-value-end allows (a gap, before 各, 关于 or a 【文号】's bracket) where it reads on; with `number`, only
        where a 文号 alone stands up to `e` (a title found there). None if there is none."""
        t, cues = self.text, self.cues
        s = self.blank_end(s)
        for o in cues["run-in-value-end"].finditer(t, s, e):
            p = o.end()
            if p >= e or not t[s:o.start()].strip():
                continue
            window = t[p:e]
            if number:
                if cues["doc-number"].match(window.rstrip()):
                    return p
                continue
            if cues["run-in-head"].match(window).end() or cues["run-in-recipients"].match(window):
                return p
        return None

    # 3. signatures and dates
    def signatures(self) -> None:
        t, hi = self.text, self.hi
        starts = {self.blank_end(c) for c in self.cuts} | {m.end() for m in _GAP.finditer(t, self.lo, hi)}
        sig, date = self.cues["run-in-signature"], self.cues["run-in-date"]
        for m in _PRINTED_RUN_IN.finditer(t, self.lo, hi):  # the 版记's …印发, text after it on the line
            self.cut(m.end())
        for s in sorted(starts | {self.lo}):
            if s >= hi:
                continue
            window = t[s:min(hi, s + 80)]
            if m := sig.match(window):
                self.cut(s)
                self.cut(s + m.end(1))
                self.cut(s + m.end(2))
                self.zones.add(s + m.end(2))
            elif (m := date.match(window)) and (not m.group(1).isdigit() or parse_date(m.group(1), whole=True)) \
                    and not t[max(self.lo, s - 4):s].rstrip().endswith(":"):  # (成文日期：2023年6月16日: a value)
                self.cut(s)
                self.cut(s + m.end(1))
                self.zones.add(s + m.end(1))
        signed = [m for m in self.cues["run-in-signed"].finditer(t, self.lo, hi) if m.end() not in self.zones]
        if not signed:
            return
        # run into the sentence before it: the organ's name is the longest ending of the words
        # before its 人民政府 (办公室 …) that the text names before that word twice or more
        named: dict[str, dict[str, int]] = {}
        for m in signed:
            if (word := m.group(1)) not in named:
                named[word] = count = {}
                pos = t.find(word, self.lo, hi)
                while pos >= 0:
                    words = _words_before(t, pos, self.lo)
                    for k in range(2, len(words) + 1):
                        count[words[-k:]] = count.get(words[-k:], 0) + 1
                    pos = t.find(word, pos + len(word), hi)
            words, count = _words_before(t, m.start(), self.lo), named[m.group(1)]
            k = next((k for k in range(len(words), 1, -1) if count.get(words[-k:], 0) > 1), 0)
            if k:
                self.cut(m.start() - k)
                self.cut(m.end(1))
                self.cut(m.end(2))
                self.zones.add(m.end(2))

    # 4. the head, attachment labels, titles
    def heads(self) -> None:
        t, cues = self.text, self.cues
        for c in [self.lo] + [c for c in self.order if c < self.head_end]:
            s = self.blank_end(c)
            while s < self.hi and t[s] in BULLETS:
                s = self.blank_end(s + 1)
            e = self.next_cut(s)
            if c in self.glued:  # the last crumb is the breadcrumb's: its line runs on to the title
                if (title := self.crumb_tail(s, e)) > s:
                    self.cuts.discard(c)
                    self.cut(title)
                    s = title
                elif (crumb := _CRUMB.match(t, s, e)) and (crumb.end() == e or t[crumb.end()].isspace()
                                                           or t[crumb.end()] == "["):
                    self.cuts.discard(c)  # … or to a gap, a field (政策文件 索引号：…) or a bracket (…【巴政办发…】)
                    self.cut(crumb.end())
                    s = self.blank_end(crumb.end())
            window = t[s:e]
            if c == self.lo and (banner := cues["run-in-banner"].match(window)):
                self.cut(s + banner.end(1))  # …办公室文件|黄政办秘〔2022〕31号…: 文件 ends the banner
                s = self.blank_end(s + banner.end(1))
                window = t[s:e]
            head = cues["run-in-head"].match(window)
            if head.end():
                self.cut(s + head.end())
                for g in (1, 2, 3):  # 文号, title, or a 文号 after the title
                    if head.group(g):
                        self.cut(s + head.end(g))
                if head.group(1) and not head.group(2):  # a page's 文号 alone, its title above: the 主送 after it
                    k = self.blank_end(s + head.end())
                    if m := cues["run-in-recipients"].match(t[k:e]):
                        self.cut(k + m.end())
                if (title := head.group(2)) and (k := len(title) // 2) > 1 \
                        and title[:k].rstrip() == title[k:].lstrip():  # a page's title printed twice
                    self.cut(s + head.start(2) + k)  # (its 名称 field's value, then the heading)
            elif m := cues["run-in-recipients"].match(window):
                self.cut(s + m.end())
            elif m := cues["run-in-titled-number"].match(window.rstrip()):
                self.cut(s + m.end(1))  # …的通知|巴政办发〔2021〕20号, the page's fields after it

    def crumb_tail(self, s: int, e: int) -> int:
        """Where the head begins after a breadcrumb whose last crumb runs into it (…>市政府公文
        胶州市人民政府办公室印发…): the title opens with its issuer's place (`issuer_start`);
        a 文号 may stand before it."""
        t, title = self.text, self.issuer_start(s, e)
        if title is None:
            return s
        number = self.cues["doc-number"]  # the 文号 before the title is the head's too
        return next((k for k in range(max(s, title - 30), title) if number.match(t[k:title].rstrip())), title)

    def issuer_start(self, s: int, e: int, whole: bool = False) -> int | None:
        """Where a title that runs on from the words at `s` opens with its issuer's place: the
        ending of the words before its 人民政府 (办公室 …) that the text names again after it
        (市政府公文胶州市人民政府办公室…, 卫生、体育祁门县人民政府办公室…); with `whole`, the
        words may be the place alone (the title at `s`). None without such a place."""
        t = self.text
        window = t[s:min(e, s + 40)]
        found = None
        for suffix, _, _, _ in layout().levels:
            if suffix not in window:
                continue  # no place ending in it (group 1) is named there: no search of it set up
            m = _place_pattern("place-of-issuer", suffix).search(window)
            if m and (found is None or m.end(1) < found.end(1)):
                found = m
        if found is None:
            return None
        words, end = found.group(1), s + found.end(1)
        later = t[end:end + 2000]  # the notice may go on past a line cut as one (`_run_in_heads`)
        return next((end - k for k in range(len(words) - (not whole), 1, -1) if words[-k:] in later), None)

    def attachments(self) -> None:
        """附件： opens an attachment (its label: a line of its own) unless it is the 附件说明
        of the notice (附件：名单): a name, then another 附件 or the signature."""
        t = self.text
        starts = {s for s, _ in self.notes}
        for s, e in self.notes:
            stop = self.next_cut(e)
            rest = t[e:stop]
            after = t[self.blank_end(stop):stop + 12] if stop < self.hi else ""
            note = rest.strip() and "。" not in rest and (
                stop == self.hi or stop in self.zones or stop in starts
                or self.cues["run-in-signature"].match(t[stop:min(self.hi, stop + 80)]) is not None  # …制度|宁都县人民政府办公室2023年9月18日
                or ((o := self.cues["run-in-opener"].match(after)) is not None and o.group("attachment") is not None))
            if not note and not _number_of(_line(t, e, min(self.hi, e + 20))):
                self.cut(e)
                self.zones.add(e)
        # an attachment's label without its colon glued to the attachment's title (…情况。附件2东至县…
        # 联席会议制度一、…): a label where a line began (after a cut or a gap) and a title follows it
        for m in self.cues["run-in-attachment-label"].finditer(t, self.lo, self.hi):
            s, e = m.start(), m.end()
            if (s == self.lo or s in self.cuts or t[s - 1].isspace()) \
                    and self.cues["run-in-title"].match(t[self.blank_end(e):self.next_cut(e)]):
                self.cut(s)
                self.cut(e)
                self.zones.add(e)

    def titles(self) -> None:
        t = self.text
        for z in sorted(self.zones):
            s = self.blank_end(z)
            e = self.next_cut(s)
            window = t[s:e]
            if m := self.cues["run-in-title"].match(window):
                self.cut(s + m.end(1))
            elif m := re.match(r"[^\s。,;:!?《》][^。,;:!?《》]{2,58}?[^\s。,;:!?《》](?=\s+\S)", window):
                self.cut(s + m.end())  # a title without its genre, a gap after it

    # 5. tables
    def tables(self) -> None:
        t, hi = self.text, self.hi
        tabs, p = [], t.find("\t", self.lo, hi)
        while p >= 0:
            tabs.append(p)
            p = t.find("\t", p + 1, hi)
        runs, cur, ends = [], [], {}
        for i, p in enumerate(tabs):
            nxt = tabs[i + 1] if i + 1 < len(tabs) else hi
            stop = min(nxt, self.next_cut(p))
            if stop < nxt <= p + TEXT_CELL_MAX and i + 1 < len(tabs) and all(
                    t[c - 1] == "。" for c in self.order[bisect.bisect_left(self.order, stop):
                                                         bisect.bisect_left(self.order, nxt)]):
                stop = nxt  # a task's sentences between two tabs: one cell (完成…500户。\t区农业农村局)
            cell = t[p + 1:stop]
            if stop == nxt < hi and len(cell) <= TEXT_CELL_MAX or \
                    len(cell.strip()) <= CELL_MAX and not any(c in cell for c in "。;"):
                cur.append(p)
                ends[p] = stop
            if stop != nxt or cur and cur[-1] != p:
                runs.append(cur)
                cur = []
        runs.append(cur)
        for run in runs:
            if len(run) < 3:
                continue
            # a sentence's end inside the table ends no line: its row goes on
            for c in self.order[bisect.bisect_right(self.order, run[0]):bisect.bisect_left(self.order, ends[run[-1]])]:
                if t[c - 1] == "。":
                    self.cuts.discard(c)
            self.cut(run[0])
            self.cells.add(run[0])
            serial, rows = 1, []
            for i, p in enumerate(run):
                if t[p + 1:min(hi, self.next_cut(p), p + 8)].split("\t")[0].strip() == str(serial):
                    self.cut(p)
                    self.cells.add(p)
                    serial += 1
                    rows.append(i)
            if serial == 1:
                rows = self.rows_by_head(run)
            if rows:
                self.last_cell(run, rows, ends, tabs)

    def last_cell(self, run: list[int], rows: list[int], ends: dict[int, int], tabs: list[int]) -> None:
        """A table's last cell run into the sentence after it, its line end lost (…\t0717-5323456
        联络员如有变动，…, …\t县住房城乡建设局局长领导小组办公室设在…): the cell ends where its
        column's cells do — after the digits of a column of numbers, or at the first character
        its column's cells end with (局长, 主任: 长, 任) — when a sentence follows it. `rows`: the
        index in `run` where each row of the table's body begins."""
        t = self.text
        k = bisect.bisect_right(tabs, run[-1])
        if k >= len(tabs) or ends[run[-1]] != tabs[k]:
            return  # the table ended at a line of its own
        q = tabs[k]
        stop = self.next_cut(q)
        if stop != self.hi and t[stop - 1] != "。":
            return
        col = len(run) - rows[-1]
        width = {b - a for a, b in zip(rows, rows[1:])}
        if len(width) != 1 or col != width.pop() - 1:
            return  # (the last row's last cell only, in a table of rows alike)
        column = [t[run[r + col] + 1:ends[run[r + col]]].strip() for r in rows[:-1]]
        if len(column) < 2 or not all(column):
            return
        cell = t[q + 1:stop]
        lead = len(cell) - len(cell.lstrip())
        if all(_NUMBER_CELL.fullmatch(c) for c in column):
            m = _NUMBER_CELL.match(cell, lead)
            end = m.end() if m else None
        else:
            last = {c[-1] for c in column}
            width = max(len(c) for c in column) + 4
            end = next((e for e in range(lead + 2, min(len(cell), lead + width)) if cell[e - 1] in last), None)
        if end is None or not _STOP.search(cell, end) or not cell[end:].strip() \
                or _STOP.search(cell, lead, end):
            return
        self.cut(q + 1 + end)

    def rows_by_head(self, run: list[int]) -> list[int]:
        """The rows of a table with no 序号 column (职务 | 姓名 | 单位及职务): as many cells a row as
        its head row has, the head being the cells that open the run and name a column
        (layout.ttl's run-in-column-head). The last head cell may have a row group's label
        glued after it (单位及职务召集人: the label a line of its own, as on lines)."""
        t, head = self.text, self.cues["run-in-column-head"]
        n = 0
        for i, p in enumerate(run):
            e = run[i + 1] if i + 1 < len(run) else min(self.hi, self.next_cut(p))
            cell = t[p + 1:e]
            m = head.match(cell.strip())
            if m is None:
                break
            n += 1
            if m.end() < len(cell.strip()):  # a group's label glued after the head's last cell
                nxt = t[e + 1:run[i + 2] if i + 2 < len(run) else e + 1].strip()
                if i + 1 < len(run) and head.match(nxt):
                    return []  # (a head cell holding more words: not a head read here)
                self.cut(p + 1 + len(cell) - len(cell.lstrip()) + m.end())
                break
        if n < 2 or n >= len(run):
            return []
        rows = list(range(n, len(run), n))
        for i in rows:
            self.cut(run[i])
            self.cells.add(run[i])
            # a row group's label glued to the last cell of the row before it, a blank line lost
            # (…\t区政府副区长副召集人\t副召集人\t周建华…): the label, the row's first cell again, a line
            if i - n >= n and i + 1 < len(run):
                label, last = t[run[i] + 1:run[i + 1]].strip(), t[run[i - 1] + 1:run[i]].rstrip()
                if len(label) >= 2 and not label.isdigit() and last.endswith(label) and last[:-len(label)].strip():
                    self.cut(run[i - 1] + 1 + len(last) - len(label))
        # a row's last cell ends at a wide gap (a blank line lost: 区政府副区长  副召集人  \t副召集人 …,
        # a row group's label after it), the words after it a line of their own
        for i in range(2 * n - 1, len(run), n):
            p = run[i]
            e = run[i + 1] if i + 1 < len(run) else p + 1
            gap = _WIDE_GAP.search(t, p + 1, e)
            if gap is not None and t[p + 1:gap.start()].strip() and t[gap.end():e].strip():
                self.cut(gap.end())
        return rows

    # 6. numbered clauses
    def labels(self) -> None:
        t, lo, hi = self.text, self.lo, self.hi
        stack: list[list] = []  # open numbering: [style name, rank, index]
        prev = None  # the last clause taken: (end of its label, style name, index, rank)
        last: dict[str, int] = {}  # each style's last index taken, under any parent (1.–8. through 一、二、三、)
        for m in _any_label().finditer(t, lo, hi):
            p = m.start()
            q = t.find("\t", p, p + 24)  # (a table's cells after a heading: 一、领导小组组成人员\t职务\t…)
            hit = _number_of(_line(t, p, min(hi, p + 24) if q < 0 else q))
            if not hit:
                continue
            st, _, k, n = hit
            b = p - 1
            while b >= lo and t[b].isspace():
                b -= 1
            if b < lo:
                strong = stop = True
            else:
                strong = b < p - 1 or t[b] in "。!?" or self.next_cut(b) <= p or p in self.cuts
                stop = strong or t[b] in ";:)"
                if b + 1 in self.note_ends:
                    continue  # 附件：1.… is the first item of a note, not a clause
            j = next((i for i, e in enumerate(stack) if e[0] == st.name), None)
            # after a sentence, a gap or a line: numbered as written (it may jump or repeat);
            # after ; : ) or a short heading or item, only where its numbering goes on
            goes_on = strong or (k == stack[j][2] + 1 if j is not None else k in (1, last.get(st.name, 0) + 1))
            if not stop and prev is not None and p - prev[0] <= HEADING_MAX:  # glued to a short heading or item
                gap = t[prev[0]:p]
                short = gap.strip() and not _STOP.search(gap)
                stop = short and (j is not None or st.rank > prev[3])
            if not stop and (j is not None or k == 1) and (q := t.rfind("\t", lo, p)) >= 0 and p - q <= CELL_MAX \
                    and not _STOP.search(t, q, p) and (j is not None or t[q + 1:p].strip()):
                stop = True  # …\t谢芳二、工作规则: after a table's last cell, a clause going on with an open
                # numbering, or the first of one (…\t完成时限一、农村厕所革命\t1\t…: a group of rows)
            if not stop and j == 0 and k == stack[0][2] + 1 and "\u4e00" <= t[b] <= "\u9fff" \
                    and not self.cues["label-run-on"].match(t, b) and self.heading_runs_in(p + n):
                stop = True  # …县农业农村局局长二、领导小组办公室领导小组下设…: the next top-level clause glued
                # to the last words of the clause before it (a make-up list's post), its heading run into its text
            if not stop and not stack and k == 1 and p - (ls := self.line_start(p)) <= TITLE_RUN_IN \
                    and (ti := self.cues["run-in-title"].match(t[ls:p])) is not None and ti.end(1) == p - ls:
                stop = True  # the first clause glued to the title of its document (…联席会议制度第一条)
            if not (stop and goes_on):
                continue
            self.cut(p)
            if j is not None:
                del stack[j + 1:]
                stack[j][2] = k
            else:
                while stack and stack[-1][1] >= st.rank:
                    stack.pop()
                stack.append([st.name, st.rank, k])
            end = p + n
            prev = (end, st.name, k, st.rank)
            last[st.name] = k
            # a heading a gap ends (一、主要职责 在县政府领导下…), or one of the top level that
            # runs into its text (二、成员单位市政府…): a line of its own
            rest = t[end:min(hi, end + HEADING_MAX + 2)]
            # (not a gap inside a label spaced out, its first character glued to the heading:
            # 一、领导小组组成人员组　长：储德明…, where the heading ends before 组)
            if h := re.match(r"\s*[^\s。;,:!?]{2,%d}?(?=\s+(?!\S\s*:)[^\s])" % HEADING_MAX, rest):
                # (nor over the next clause's label: 第三章 职责分工第五条 各成员单位…, the heading
                # ending where the label's clause begins)
                inner = _any_label().search(t, end + len(rest) - len(rest.lstrip()) + 1, end + h.end())
                if inner is None or not _number_of(_line(t, inner.start(), min(hi, inner.start() + 24))):
                    self.cut(end + h.end())
            elif len(stack) == 1 and (h := self.cues["run-in-heading"].match(rest.lstrip())):
                # (group 1: the heading ending in a colon, 第七条各成员单位职责：(1)…; group 2: before
                # its text, not words of a sentence it opens, 一、各成员单位要…, 第六条联席会议原则上…)
                cut = end + len(rest) - len(rest.lstrip()) + (h.end(1) if h.group(1) is not None else h.end(2))
                item = _any_label().search(t, cut, min(hi, end + HEADING_MAX))
                if item is not None and not _STOP.search(t, cut, item.start()) and \
                        _number_of(_line(t, item.start(), min(hi, item.start() + 24))):
                    continue  # 一、实施设备更新行动1.推进…: the heading runs to its first item's number
                if _STOP.search(t, cut, min(self.next_cut(cut), cut + LONG_LINE)):  # a sentence follows it
                    self.cut(cut)

    def heading_runs_in(self, end: int) -> bool:
        """Whether a heading of the top level (run-in-heading) runs into its text at `end`, a
        sentence after it (二、领导小组办公室|领导小组下设办公室，…)."""
        t = self.text
        rest = t[end:min(self.hi, end + HEADING_MAX + 2)]
        h = self.cues["run-in-heading"].match(rest)
        if h is None:
            return False
        cut = end + (h.end(1) if h.group(1) is not None else h.end(2))
        return _STOP.search(t, cut, min(self.next_cut(cut), cut + LONG_LINE)) is not None

    def line_start(self, pos: int) -> int:
        """Where the line holding `pos` begins (of the cuts sorted last), its blanks skipped."""
        k = bisect.bisect_right(self.order, pos) - 1
        return min(pos, self.blank_end(self.order[k] if k >= 0 else self.lo))


def _two_columns(lines: list[Line], text: str) -> list[Line]:
    """A table of two columns copied as text, a row a line, its cells apart by one tab
    (单位\t职责, 县财政局\t负责落实…经费。): one tab in a line makes no row (a stray tab in a
    sentence; a row holds two or more, or lines lead with them), but a run of such lines, one
    after another, opening with a head row of two short cells (`CELL_MAX`, no sentence
    punctuation) is a table's rows."""
    if "\t" not in text:
        return lines  # (most notices)
    runs: list[list[Line]] = [[]]  # the runs of lines of one tab, one line after another
    for ln in lines:
        if not ln.tab and not ln.blank and text.count("\t", ln.start, ln.end) == 1:
            runs[-1].append(ln)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        if len(run) >= 2 and all(0 < len(c.strip()) <= CELL_MAX and not _STOP.search(c)
                                 for c in text[run[0].start:run[0].end].split("\t")):
            for ln in run:
                ln.tab = True
    return lines


def _untab_indented(lines: list[Line], text: str) -> list[Line]:
    """A text that indents its paragraphs with tabs ("\t一、总则", "\t（一）县卫生健康委。…")
    has no table in those lines: when two or more tab-led lines would open a numbered
    clause, a line led by no more tabs than they are is a paragraph, not a cell (a cell is
    led by more, or is one of a tab-separated row's)."""
    def tabs(ln: Line) -> int:
        return text.count("\t", text.rfind("\n", 0, ln.start) + 1, ln.start)

    if "\t" not in text:
        return lines  # (most notices: no line is tab-led, and no line need be walked for one)
    led = [ln for ln in lines if ln.tab and not ln.blank and "\t" not in text[ln.start:ln.end]]
    opening = []
    for ln in led:
        ln.tab = False
        if _number_of(ln) is not None:
            opening.append(tabs(ln))
        ln.tab = True
    if len(opening) < 2:
        return lines
    indent = max(opening)
    for ln in led:
        if tabs(ln) <= indent:
            ln.tab = False
    return lines


def _short_plain(line: Line, limit: int = TITLE_MAX) -> bool:
    """A short line without sentence punctuation: a title, banner or heading line."""
    return 0 < len(line.text) <= limit and not any(p in line.text for p in SENTENCE_PUNCT)


NOT_YET = object()


def _organs(line: Line) -> list[tuple[int, int]]:
    """The organs' names a signature line holds, each (start, end) in the line's text: the line
    itself when short and ending like an organ (layout.ttl's organ-line), or its parts apart by
    a gap (organ-gap) when each is so — a joint notice's two organs signing on one line."""
    text = line.text
    if any(p in text for p in SENTENCE_PUNCT) or not text:
        return []
    cues = layout().cues
    if len(text) <= 30 and not cues["organ-gap"].search(text):
        return [(0, len(text))] if cues["organ-line"].search(text) else []
    cuts = [0, *(x for m in cues["organ-gap"].finditer(text) for x in (m.start(), m.end())), len(text)]
    parts = list(zip(cuts[::2], cuts[1::2]))
    if all(0 < e - s <= 30 and cues["organ-line"].search(text[s:e]) for s, e in parts):
        return parts
    return [(0, len(text))] if len(text) <= 30 and cues["organ-line"].search(text) else []


def number_of(line: Line) -> tuple[Style, str, int, int] | None:
    """(style, label as written, numeric index, label length) if the line opens a clause."""
    if line.number is NOT_YET:
        line.number = _number_of(line)
    return line.number


def _number_of(line: Line) -> tuple[Style, str, int, int] | None:
    if line.blank or line.tab or "" not in _cues_opening(line.text[:1]) \
            or (label := _any_label().match(line.text)) is None:
        return None  # most lines open no clause: all the styles tried at once, not one by one
    first = int(label.lastgroup[1:])
    for k, st in enumerate(styles()[first:], first):  # (those before the first that matched: none)
        if k == first:  # its match is the label's own: its groups read off it, not matched again
            m, at = label, _label_groups()[k]  # (the style's group 1 is the label's group at + 1)
        elif m := st.pattern.match(line.text):
            at = 0
        else:
            continue
        raw = m.group(at + 2)
        if raw is None:
            raw = next(g for g in m.groups()[at + 2:at + st.pattern.groups] if g is not None)
        if st.numerals == "chinese":
            index = chinese_number(raw)
        elif st.numerals == "circled":
            index = ord(raw) - 0x2460 + 1
        else:
            index = int(raw)
        if index is None or index == 0:
            continue
        return st, m.group(at + 1).strip(), index, m.end(at + 1)
    return None


def _is_chrome(line: Line, tail: bool = False) -> bool:
    if not _may_be_cue(line):
        return False
    return _chrome_in(line.text, tail)


def _chrome_in(text: str, tail: bool = False) -> bool:
    """Whether a line's `text` is chrome (`tail`: the tail's), asked in `Layout`'s two parts:
    a pattern matched at its start (no call where its first character opens none), or one of
    those found anywhere in it (pk:anywhere) searched for."""
    lay = layout()
    lined, within = (lay.tail_lined, lay.tail_within) if tail else (lay.chrome_lined, lay.chrome_within)
    return (_opens(_chrome_starts()[tail], text) and lined.match(text) is not None
            or within.search(text) is not None)


@cache
def _chrome_starts() -> tuple:
    """`_first_chars` of the chrome patterns matched at a line's start: all, and the tail's."""
    return _first_chars(layout().chrome_lined), _first_chars(layout().tail_lined)


def _cue(name: str, line: Line) -> re.Match | None:
    """A header/footer cue on a line; never on a line that opens a numbered clause."""
    ok = line.cueable  # (_may_be_cue's answer read here once known: asked some 140 times a notice)
    if ok is NOT_YET:
        ok = _may_be_cue(line)
    return layout().cues[name].match(line.text) if ok and name in _cues_opening(line.text[:1]) else None


def _may_be_cue(line: Line) -> bool:
    """A line that can hold a header/footer cue or chrome (asked once per line)."""
    if line.cueable is NOT_YET:
        line.cueable = not line.blank and len(line.text) <= LONG_LINE and not number_of(line)
    return line.cueable


# --- dates, numbers, titles ----------------------------------------------------------------

_DATE_RES = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})"),
    re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"),
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{1,2})(\d{1,2})")


def parse_date(s: str, whole: bool = False) -> tuple[str, int, int] | None:
    """An ISO date and the (start, end) it was read from within `s`.

    Reads 2021年12月3日, 2021-12-13, 二〇二一年十二月三日; with `whole`, also a bare
    "2021817" that lost its 年月日 (accepted only when one split gives a valid date).
    """
    for rx in _DATE_RES:
        m = (rx.fullmatch if whole else rx.search)(s)
        if m:
            y, mo, d = (int(g) if g.isdigit() else chinese_number(g) for g in m.groups())
            if y and 1 <= (mo or 0) <= 12 and 1 <= (d or 0) <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}", m.start(), m.end()
    if whole and (m := re.fullmatch(r"(\d{4})(\d{2,4})", s)):
        rest = m.group(2)
        splits = {(int(rest[:k]), int(rest[k:])) for k in (1, 2) if 0 < k < len(rest)}
        valid = [(mo, d) for mo, d in splits if 1 <= mo <= 12 and 1 <= d <= 31 and len(str(mo)) + len(str(d)) == len(rest)]
        if len(valid) == 1:
            mo, d = valid[0]
            return f"{int(m.group(1)):04d}-{mo:02d}-{d:02d}", 0, len(s)
    return None


def _is_date_line(line: Line) -> bool:
    return not line.blank and len(line.text) <= 20 and parse_date(line.text.replace(" ", ""), whole=True) is not None


def normalise_doc_number(s: str) -> str:
    """祁政办秘[2021]45号 / 胶政办发【2021】10号 / 巴政办发﹝2021﹞20号 → the standard form with
    〔〕: the year in any brackets `FOLD` reads as [] or ()."""
    m = DOC_NUMBER.fullmatch(s.translate(FOLD))
    return f"{s[m.start(1):m.end(1)]}〔{m.group(2)}〕{m.group(3)}号" if m else squeeze(s)


def _unbracketed(folded: str, s: int, e: int) -> tuple[int, int]:
    """The span of a 文号 inside brackets of its own, if it is printed in them (【巴政办发〔2021〕
    20号】, [巴政办发[2021]20号]: folded, both read as []), else [s, e): the field is the number."""
    if e - s > 2 and folded[s] == "[" and folded[e - 1] == "]" and folded.find("[", s + 1, e - 1) >= 0:
        s, e = s + 1, e - 1
        while s < e and folded[s].isspace():
            s += 1
        while e > s and folded[e - 1].isspace():
            e -= 1
    return s, e


def join_lines(doc: Document, lines: list[Line]) -> str:
    """Lines of a title broken over several lines, as one line: the blanks of its layout
    dropped (line breaks, spaces beside CJK), but one space kept between the names of two
    issuers at its head (中共祁门县委办公室 祁门县人民政府办公室关于…)."""
    joined = "\n".join(doc.text[ln.body:ln.end] for ln in lines)
    cues = layout().cues
    head = cues["title-issuer"].match(re.sub(r"\s", " ", joined))
    names = re.split(r"(\s+)", head.group(1)) if head else []  # name, gap, name …
    issuers = {sum(map(len, names[:k])) for k in range(1, len(names), 2)  # gaps between organs' names
               if all((m := cues["organ-line"].search(w)) and m.start() >= 2 for w in names[k - 1:k + 2:2])}

    def gap(m: re.Match) -> str:
        if m.start() in issuers:
            return " "
        if "\n" in m.group() or m.start() and not joined[m.start() - 1].isascii() \
                or m.end() < len(joined) and not joined[m.end()].isascii():
            return ""
        return m.group()

    return re.sub(r"\s+", gap, joined)


# --- the parser ------------------------------------------------------------------------------


def _names_a_column(cell: str) -> bool:
    """Whether a table cell's folded text is a column's name alone (序号, 单位, 联络员, 联系电话:
    layout.ttl's run-in-column-head, whole)."""
    m = layout().cues["run-in-column-head"].match(cell)
    return m is not None and m.end() == len(cell)


class _Parse:
    """One parse: `role[i]` says where line i goes (header, chrome or a zone name)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.lines = split_lines(doc)
        # the lines holding text, in order (about half a notice's lines are blank: the passes
        # that skip them walk these)
        # (read off the lines' `blank` slots in C, not a Python test a line)
        self.ink = list(compress(range(len(self.lines)), map(not_, map(_BLANK, self.lines))))
        self.role: list[str | None] = [None] * len(self.lines)
        self.fields: list[Field] = []
        self.after: list[int] = []  # the lines of text after the 版记 (`bottom`), in order
        self.attachments_seen = 0  # the attachments the body labelled (`body`)
        self.headings: dict[str, list[int]] = {}  # zone -> its title line indices

    # helpers
    def field(self, name: str, value: str, start: int, end: int) -> None:
        self.fields.append(Field(start, end, name, value))

    def nonblank(self, lo: int, hi: int) -> list[int]:
        return self.ink[bisect.bisect_left(self.ink, lo):bisect.bisect_left(self.ink, hi)]

    # 1. the top: chrome, web fields, 文号, title, 主送
    def top(self) -> int:
        title_block: list[int] = []
        blocks: list[list[int]] = []
        bare = None  # (line, key) of a web field's key alone on its line: its value may be the next
        for i, ln in enumerate(self.lines):
            if bare is not None and bare[0] == i - 1 and self._cell_value(bare[1], ln):
                self.role[i] = "header"  # a table copied a cell a line: 索引号 | 113410…
                bare = None
                continue
            if ln.blank:
                if title_block:
                    blocks.append(title_block)
                    title_block = []
                continue
            if len(ln.text) > LONG_LINE:
                break
            if _is_chrome(ln):
                self.role[i] = "chrome"
                continue
            if number_of(ln) or _cue("attachment-label", ln):  # a notice made of its attachment starts at 附件
                break
            if (m := _cue("recipients", ln)) or (m := self._bodies_addressed(ln)):
                self.role[i] = "header"
                self._recipients(ln, m)
                i += 1
                break
            if (key := self._web_fields(ln)) is not None:
                self.role[i] = "header"
                bare = (i, key) if key else None
                if title_block:  # a title does not run on over the page's fields
                    blocks.append(title_block)
                    title_block = []
                continue
            if m := _cue("doc-number", ln):
                self.role[i] = "header"
                if title_block:  # nor over the 文号 (a banner, its 文号, the title: a notice on one line)
                    blocks.append(title_block)
                    title_block = []
                s, e = _unbracketed(self.doc.folded, ln.body, ln.end)
                self.field("doc_number", normalise_doc_number(self.doc.folded[s:e]), s, e)
                if title_block:  # nor over the 文号 (the organ's banner above it, no blank line between)
                    blocks.append(title_block)
                    title_block = []
                continue
            if _short_plain(ln) or (len(ln.text) <= 2 * TITLE_MAX and layout().cues["title-genre"].search(ln.text)
                                    and "。" not in ln.text):
                self.role[i] = "header"
                title_block.append(i)
                continue
            break
        else:
            i = len(self.lines)
        if title_block:
            blocks.append(title_block)
        self._title(blocks)
        return i

    def _web_fields(self, ln: Line) -> str | None:
        """The fields of a line of a web page's head (索引号：… 主题分类：…), None if it is none;
        else the last key if its value is not on the line (a key alone: 索引号), or ""."""
        lay = layout()
        text = ln.text
        hits = [m for m in lay.fields.finditer(text)  # after a gap, or glued to a value before its colon
                if m.start() == 0 or text[m.start() - 1] in " |\t:" or ":" in m.group()]
        if not hits or hits[0].start() != 0:
            return None
        for k, m in enumerate(hits):
            stop = hits[k + 1].start() if k + 1 < len(hits) else len(text)
            value = text[m.end():stop].strip(" |\t")
            if not value:
                continue
            start = ln.body + m.end()
            start += len(text[m.end():stop]) - len(text[m.end():stop].lstrip(" |\t"))
            self._web_value(squeeze(m.group(1)), value, start)
        return "" if value else squeeze(hits[-1].group(1))

    def _web_value(self, key: str, value: str, start: int) -> bool:
        """The field of web-field key `key` whose value (`value` folded) is at `start`; False
        if it is none (a date that does not read as one)."""
        name = layout().field_names[key]
        raw = self.doc.text[start:start + len(value)]
        if name == "doc_number":
            start, end = _unbracketed(self.doc.folded, start, start + len(raw))
            raw = self.doc.text[start:end]
            value = normalise_doc_number(raw)
        elif name in ("date", "date_published"):
            iso = parse_date(value)
            if iso is None:
                return False
            value = iso[0]
        else:
            value = raw
        self.field(name, value, start, start + len(raw))
        return True

    def _cell_value(self, key: str, ln: Line) -> bool:
        """The line below a key alone on its line as its value, if it reads as one: a short
        line, no key itself, of the key's kind (pk:valuePattern), not the notice's title (unless
        the key is 标题) nor its 主送 or a clause."""
        lay, text = layout(), ln.text
        if ln.blank or ln.tab or len(text) > TITLE_MAX or "。" in text or text.endswith(":") \
                or lay.fields.match(text) or _is_chrome(ln) or number_of(ln):
            return False
        kind = lay.values.get(key)
        if kind is not None and not kind.fullmatch(text) or kind is None and lay.field_names[key] != "title" \
                and lay.cues["title-genre"].search(text):
            return False
        return self._web_value(key, text, ln.body)

    def _recipients(self, ln: Line, m: re.Match) -> None:
        """One recipient field a body the 主送 names, its value the body's full name."""
        for a, b, name in self._recipient_names(ln, m):
            self.field("recipient", name, a, b)

    def _recipient_names(self, ln: Line, m: re.Match) -> list[tuple[int, int, str]]:
        """The bodies the 主送 of match `m` names, each (start, end, its full name): the
        bodies of a list apart at 、 share what it writes once (各镇政府、街道办事处: 各街道办事处;
        十堰经济技术开发区、武当山旅游经济特区管委会: two 管委会), read by the department
        recogniser (`listed_names`), which keeps one collective address whole (各县、市、区人民政府);
        a list whose items after the first are a character each, the kinds of body its first names
        (各委、办、局, 区政府各委、局: 上海's, 天津's), is one address, whole."""
        content = m.group(1)
        base, out = ln.body, []
        for part in re.finditer(r"[^,，;；]+", content):
            s, e = base + part.start(), base + part.end()
            value = self.doc.text[s:e].strip()
            if "、" in value and not all(len(x.strip()) == 1 for x in value.split("、")[1:]):
                out += listed_names(self.doc.text, s, e)
            elif value:
                lead = len(self.doc.text[s:e]) - len(self.doc.text[s:e].lstrip())
                out.append((s + lead, s + lead + len(value), value))
        return out

    def _bodies_addressed(self, ln: Line) -> re.Match | None:
        """A 主送 the recipients cue misses, naming bodies only (县卫健委、县民政局:, layout.ttl's
        recipient-list): its match when every item is one organisation the registry or its unit
        matcher names (not a generic reference, 卫生健康部门); else None (a title's line, a
        lead-in ending in a colon)."""
        m = _cue("recipient-list", ln)
        if m is None:
            return None
        names = self._recipient_names(ln, m)
        return m if names and all((r := resolve(name)) is not None and not r.generic for _, _, name in names) else None

    def _title(self, blocks: list[list[int]]) -> None:
        genre = layout().cues["title-genre"]
        candidates = [b for b in blocks if self._title_text(b) and genre.search(self._title_text(b))]
        if not candidates:
            plain = [b for b in blocks if all(_short_plain(self.lines[i]) for i in b)]
            candidates = sorted(plain, key=lambda b: -len(self._title_text(b)))[:1]
        if candidates:
            block = self._once(max(candidates, key=lambda b: len(self._title_text(b))))
            ls = [self.lines[i] for i in block]
            self.field("title", join_lines(self.doc, ls), ls[0].body, ls[-1].end)

    def _title_text(self, block: list[int]) -> str:
        return join_lines(self.doc, [self.lines[i] for i in block])

    def _once(self, block: list[int]) -> list[int]:
        """The first copy of a title block that is one title written twice (a web page's <h1>
        right above the notice's own title lines), else the block."""
        key = name_key(self._title_text(block))
        half = len(key) // 2
        if len(block) < 2 or len(key) % 2 or key[:half] != key[half:]:
            return block
        # a prefix's key is the key's head, as long as its lines' keys together (joining lines
        # changes only their blanks): the first prefix of half its length (not every prefix
        # joined again: a block of many lines took quadratic time)
        size = 0
        for k, i in enumerate(block[:-1], 1):
            size += len(name_key(self.doc.text[self.lines[i].body:self.lines[i].end]))
            if size == half:
                return block[:k]
        return block

    # 2. the bottom: 版记 (抄送, 印发) and trailing chrome
    def bottom(self, body_start: int) -> int:
        """Mark the 版记 (抄送, 印发) and the trailing chrome; return where the body stops.

        The 版记 ends at its 印发 line (or, without one, at the blank line after 抄送).
        Text after it that is not chrome is not thrown into the header: it is body again
        (zone ``main~2``), so a concatenation of notices loses nothing.
        """
        n = len(self.lines)
        footer = chrome = None
        lay = layout()
        cc, printed = lay.cues["cc"], lay.cues["printed"]  # (`_cue` and `_is_chrome`, a line at a time)
        for i in self.nonblank(body_start, n):
            ln = self.lines[i]
            if not _may_be_cue(ln):  # long or numbered: neither 版记 nor chrome (most lines)
                continue
            text = ln.text
            if footer is None and ("cc" in (opening := _cues_opening(text[:1])) and cc.match(text)
                                   or "printed" in opening and printed.match(text)):
                footer = i
            if chrome is None and _chrome_in(text, tail=True):
                chrome = i
            if footer is not None and chrome is not None:
                break
        # the page's tools right above its tail (or ending the page: 【打印本页】 【关闭窗口】 below
        # the signature) are furniture too, not the last clause's text
        at = n if chrome is None else chrome
        while at > body_start and (self.lines[at - 1].blank or _is_chrome(self.lines[at - 1])):
            at -= 1
        if any(not self.lines[j].blank for j in range(at, n if chrome is None else chrome)) \
                and (footer is None or footer < at):
            chrome = at
        stops = [x for x in (footer, chrome) if x is not None]
        if not stops:
            return n
        stop = min(stops)
        footer_end = n
        if footer is not None and (chrome is None or footer < chrome):
            footer_end = footer + 1
            while footer_end < n and not self.lines[footer_end].blank:
                footer_end += 1
            printed = next((j for j in range(footer, min(n, footer + 12))
                            if _cue("printed", self.lines[j])), None)
            ccs = [j for j in range(footer, footer_end) if _cue("cc", self.lines[j])]
            if printed is not None and printed >= ccs[-1:][0] if ccs else printed is not None:
                footer_end = printed + 1  # (text right after it, no blank line between, is not the 版记's)
            else:
                footer_end = max(footer_end, (printed or 0) + 1)
        copied = False  # the last line was the 抄送's, ending in a separator: its list goes on below
        for i in range(stop, n):
            ln = self.lines[i]
            if ln.blank:
                continue
            if i < footer_end and ((m := _cue("cc", ln)) or copied and not _cue("printed", ln)):
                self.role[i] = "header"
                a = ln.body + m.start(2) if m else ln.body  # (抄送：…，县法院， / 县检察院，县人武部。)
                b = ln.body + m.end(2) if m else ln.end
                copied = self.doc.folded[a:b].rstrip().endswith((",", "、", ";"))
                for part in re.finditer(r"[^,，;；。.]+", self.doc.text[a:b]):  # 、 lists share their prefix, as 主送's
                    s, e = a + part.start(), a + part.end()
                    value = self.doc.text[s:e].strip()
                    if "、" in value:
                        for a2, b2, name in listed_names(self.doc.text, s, e):
                            self.field("cc", name, a2, b2)
                    elif value:
                        s = self.doc.text.index(value[0], s)
                        self.field("cc", value, s, s + len(value))
                continue
            copied = False
            if i < footer_end and (m := _cue("printed", ln)):
                self.role[i] = "header"
                self.field("printed_by", self.doc.text[ln.body:ln.body + m.end(1)], ln.body, ln.body + m.end(1))
                iso = parse_date(m.group(2))
                if iso:
                    self.field("date_printed", iso[0], ln.body + m.start(2), ln.body + m.end(2))
            elif chrome is not None and i >= chrome:
                self.role[i] = "chrome"
            elif i < footer_end:
                self.role[i] = "header"
            else:
                self.role[i] = "main"  # body text after the 版记 (`after_footer` finds its attachments)
                self.after.append(i)
        return stop

    # 3. the body between: signatures, attachment notes and labels, zones
    def body(self, lo: int, hi: int) -> None:
        idx = self.nonblank(lo, hi)
        if not idx:
            return
        first_numbered = self._first_numbered(idx, hi)
        # A signature block before the first numbered clause, with text after it, closes a
        # transmittal letter (cover) and opens the document it issues (main).
        main_lo = lo
        signed = False
        for k, i in enumerate(idx):
            if i >= first_numbered:
                break
            # (a 附注 alone after the signature closes the notice: no document follows it)
            if _is_date_line(self.lines[i]) and any(
                    (j < first_numbered or first_numbered == hi) and not _cue("publication-note", self.lines[j])
                    for j in idx if j > i):
                sig = [i]
                if k > 0 and self._is_organ(self.lines[idx[k - 1]]):
                    sig.insert(0, idx[k - 1])
                main_lo, signed = self._cover(idx, sig, hi), True
                break
        if not signed and (sig := self._numbered_cover_signature(idx, first_numbered)) is not None:
            main_lo = self._cover(idx, sig, hi)
        self._closing_signature(main_lo, hi)
        zone = "main"
        count = 0
        for i in self.nonblank(main_lo, hi):
            if self.role[i] is not None:  # (a note's lines among them, once read: its header)
                continue
            if note := self._note_lines(i, hi):  # (附件： alone above its items: a note, no label)
                self._attachment_note(note)
                continue
            if _cue("attachment-label", self.lines[i]):
                count += 1
                zone = f"att{count}"
            self.role[i] = zone
        self.attachments_seen = count

    def after_footer(self) -> None:
        """The attachments after the 版记 (附件1 … 附件2 below 抄送/印发: a notice whose
        attachments were put after its 版记), each labelled and numbered after those of the
        body; text before the first label stays the body's (``main~2``)."""
        count, zone = self.attachments_seen, "main"
        for i in self.after:
            if _cue("attachment-label", self.lines[i]):
                count += 1
                zone = f"att{count}"
            self.role[i] = zone

    def _cover(self, idx: list[int], sig: list[int], hi: int) -> int:
        """The signature `sig` (its lines) closing a transmittal letter: its fields, the lines
        above it the cover's (an 附件说明 among them its note); return where the document it
        issues begins (after any 附注)."""
        self._signature(sig)
        for j in (j for j in idx if j < sig[0]):
            if self.role[j] is None and (note := self._note_lines(j, sig[0])):
                self._attachment_note(note)
            elif self.role[j] is None:
                self.role[j] = "cover"
        return self._publication_notes(sig[-1] + 1, hi)

    def _numbered_cover_signature(self, idx: list[int], first_numbered: int) -> list[int] | None:
        """The signature (organ, date) of a transmittal letter that numbers its own clauses
        (…印发给你们，并提出如下要求：一、…二、…; 某某县人民政府办公室 / 2021年12月3日), the document
        it issues after it: an organ above a date line, below the first numbered clause, with
        a title below it (a line opening no clause, no attachment's label: 附件1 below a
        signature labels the notice's attachments) and then clauses numbered from 1 again —
        the document's own (一、主要职责), not the letter's going on. None if there is none."""
        for k in range(len(idx) - 2):
            i, j = idx[k], idx[k + 1]
            if i <= first_numbered or not _is_date_line(self.lines[j]) or not self._is_organ(self.lines[i]):
                continue
            below = [x for x in idx[k + 2:] if not _cue("publication-note", self.lines[x])]
            if not below or number_of(self.lines[below[0]]) or _cue("attachment-label", self.lines[below[0]]):
                continue  # (附件1 below: the notice's attachments, `_closing_signature`'s)
            first = next((hit for x in below if (hit := number_of(self.lines[x]))), None)
            if first is not None and first[2] == 1:
                return [i, j]
        return None

    def _first_numbered(self, idx: list[int], hi: int) -> int:
        """The first of the lines `idx` opening a numbered clause — not an item of an 附件说明
        (附件：1.…制度 / 2.…名单, or 附件： alone above them, before a cover letter's signature:
        2.… is the note's, and the signature below it is still looked for)."""
        noted = -1  # the last line of the last 附件说明
        for i in idx:
            if i <= noted:
                continue
            if note := self._note_lines(i, hi):
                noted = note[-1][0]
            elif number_of(self.lines[i]):
                return i
        return hi

    def _is_organ(self, ln: Line) -> bool:
        return bool(_organs(ln))

    def _signature(self, sig: list[int]) -> None:
        for j in sig:
            ln = self.lines[j]
            self.role[j] = "header"
            if _is_date_line(ln):
                iso = parse_date(ln.text.replace(" ", ""), whole=True)
                self.field("date_signed", iso[0], ln.body, ln.end)
            else:  # an organ a signer; two on one line (a joint notice's) each one
                for s, e in _organs(ln) or [(0, ln.end - ln.body)]:
                    self.field("signer", self.doc.text[ln.body + s:ln.body + e], ln.body + s, ln.body + e)

    def _publication_notes(self, lo: int, hi: int) -> int:
        """The 附注 lines ((此件公开发布)) from `lo` on → note fields; return the line after them."""
        for j in self.nonblank(lo, hi):
            if self.role[j] is not None or not _cue("publication-note", self.lines[j]):
                return j
            self.role[j] = "header"
            self.field("note", self.doc.text[self.lines[j].body:self.lines[j].end],
                       self.lines[j].body, self.lines[j].end)
            lo = j + 1
        return lo

    def _closing_signature(self, lo: int, hi: int) -> None:
        """The signature (organ, date) closing the notice: its last lines but any 附注 after
        them, or the lines right before its first attachment (附件 alone, the attachment
        below), where the 附件说明 above them runs on into them on a page without blank lines."""
        idx = [i for i in self.nonblank(lo, hi) if self.role[i] is None]
        label = next((k for k, i in enumerate(idx)
                      if _cue("attachment-label", self.lines[i]) and not self._note_lines(i, hi)), len(idx))
        for cut in dict.fromkeys((label, len(idx))):
            end = cut
            while end > 0 and _cue("publication-note", self.lines[idx[end - 1]]):
                end -= 1
            if end >= 2 and _is_date_line(self.lines[idx[end - 1]]):
                sig = [idx[end - 1]]
                if self._is_organ(self.lines[idx[end - 2]]):
                    sig.insert(0, idx[end - 2])
                    if end >= 3 and self._is_organ(above := self.lines[idx[end - 3]]) and not number_of(above) \
                            and ":" not in above.text:  # (主办单位：市卫生健康委: a line of the text's)
                        sig.insert(0, idx[end - 3])  # a joint notice's second organ, a line of its own
                self._signature(sig)
                self._publication_notes(idx[end - 1] + 1, idx[cut - 1] + 1)
                return

    def _note_lines(self, i: int, hi: int) -> list[tuple[int, int]] | None:
        """The lines of the 附件说明 line i opens, each (line, where its text starts), or None if
        it opens none: 附件：名单 and the lines below going on with it (`_continues_note`: its
        wrapped title, its next item; across a blank line only the item numbered next), or
        附件： alone (its text empty) above item 1 when the signature follows the items — the
        note's place; else it labels the attachment below it."""
        ln = self.lines[i]
        opening = _cues_opening(ln.text[:1])  # (asked of every line of a body: most open neither cue)
        if "attachment-note" in opening and (m := _cue("attachment-note", ln)):
            out = [(i, ln.body + m.start(1))]
        elif "attachment-label" in opening and (m := _cue("attachment-label", ln)) and not m.group(1):
            out = [(i, ln.end)]
        else:
            return None
        alone = out[0][1] == ln.end
        last = self._item_number(ln, out[0][1])  # the number of the last item
        j = i + 1
        while True:
            k = j
            while k < hi and self.lines[k].blank:
                k += 1
            if k >= hi or self.role[k] is not None or not self._continues_note(k, hi):
                break
            n = self._item_number(self.lines[k], self.lines[k].body)
            want = last + 1 if last is not None else 1 if alone else None  # the next item's number
            if (k > j or alone and len(out) == 1) and (n is None or n != want):
                break  # across a blank line, or below 附件： alone, only the next item goes on
            out.append((k, self.lines[k].body))
            last = last if n is None else n
            j = k + 1
        if alone and (len(out) == 1 or not self._signed_below(out[-1][0])):
            return None
        return out

    def _item_number(self, ln: Line, start: int) -> int | None:
        """The number of the 附件说明 item whose text starts at `start` on line ln (1.… 2、… （3）…)."""
        m = layout().cues["attachment-note-item"].match(self.doc.folded, start, ln.end)
        return int(m.group(1) or m.group(2)) if m else None

    def _signed_below(self, i: int) -> bool:
        """Whether the next text below line i is a signature: a date, or an organ above one."""
        below = (j for j in range(i + 1, len(self.lines)) if not self.lines[j].blank)
        j, k = next(below, None), next(below, None)
        return j is not None and (_is_date_line(self.lines[j]) or k is not None and self._is_organ(self.lines[j])
                                  and _is_date_line(self.lines[k]))

    def _attachment_note(self, note: list[tuple[int, int]]) -> int:
        """An 附件说明's lines (`_note_lines`) → header, an attachment field per item (its wrapped
        lines joined); return the line below it."""
        entries: list[list[tuple[int, int]]] = []
        for line_no, start in note:
            ln = self.lines[line_no]
            self.role[line_no] = "header"
            if start == ln.end:  # 附件： alone above its items
                continue
            numbered = layout().cues["attachment-note-item"].match(self.doc.folded, start, ln.end)
            if numbered or not entries:
                entries.append([(numbered.end() if numbered else start, ln.end)])
            else:
                entries[-1].append((ln.body, ln.end))
        for parts in entries:
            value = squeeze("".join(self.doc.text[s:e] for s, e in parts))
            self.field("attachment", value, parts[0][0], parts[-1][1])
        return note[-1][0] + 1

    def _continues_note(self, j: int, hi: int) -> bool:
        """Whether line j goes on with the 附件说明 above it (wraps its title or lists the next
        item): a short plain line that is not another note or label, a date, a 附注, a clause
        numbered otherwise than the note's items (一、总体要求 right below it), nor an organ
        signing above a date (each <p> of a web page is a line: no blank line ends a note)."""
        ln = self.lines[j]
        if not _short_plain(ln) or _is_date_line(ln) or any(
                _cue(c, ln) for c in ("attachment-label", "attachment-note", "publication-note")):
            return False
        if number_of(ln) and self._item_number(ln, ln.body) is None:
            return False
        return not (j + 1 < hi and _is_date_line(self.lines[j + 1]) and self._is_organ(ln))

    def attachment_titles(self, zones: list[Clause]) -> None:
        """An attachment no 附件说明 names ("附件:" alone on its line, the attachment below it)
        is named by its own title. Notes name attachments in order: the first n have one."""
        noted = sum(f.name == "attachment" for f in self.fields)
        for z in [z for z in zones if z.id.startswith("att") and z.label][noted:]:
            if z.heading:  # the field points at the title; the title stays the zone's
                value = squeeze(self.doc.text[z.heading.start:z.heading.end])
                self.field("attachment", value, z.heading.start, z.heading.end)

    def page_furniture(self, lo: int) -> None:
        """A printed page's number on a line of its own (— 2 —: pkl:page-number) and the running
        header right after it (its page break, a form feed, is read as a blank: a line, or two
        joined, printed before it — the title of the notice, in its head, or of an attachment) are page furniture (role ``page``): no clause's text,
        nor what parts a zone (`zones`). The 公开方式 line above the 版记 (公开方式：主动公开:
        pkl:disclosure) is a header field, as the web page's 公开方式 is."""
        lay = layout()
        pages, disclosure = lay.cues["page-number"], lay.cues["disclosure"]
        page_opens, disclosure_opens = lay.opens["page-number"], lay.opens["disclosure"]
        lines = self.lines
        page = None  # the last page number's line, while only blank lines follow it
        for i in self.nonblank(lo, len(lines)):
            ln = lines[i]
            if self.role[i] in ("header", "chrome"):
                continue
            if not _may_be_cue(ln):
                page = None
                continue
            if ln.text.startswith(page_opens) and pages.match(ln.text):  # (most lines: no regex asked)
                self.role[i], page = "page", i
                continue
            if page is not None and self._printed_before(i, 0):  # (the title above the body too)
                self.role[i] = "page"  # (宁都县…制度 atop the attachment's next page)
            elif ln.text.startswith(disclosure_opens) and (m := disclosure.match(ln.text)):
                self.role[i] = "header"
                self.field("disclosure", m.group(1), ln.body + m.start(1), ln.body + m.end(1))
            page = None

    def _printed_before(self, i: int, lo: int) -> bool:
        """Whether line `i` repeats a line printed before it from `lo` on, or two such lines
        joined (a title printed on two lines), squeezed."""
        said = squeeze(self.lines[i].text)
        if len(said) < 4:
            return False
        before = [squeeze(ln.text) for ln in self.lines[lo:i] if not ln.blank]
        return said in before or any(a + b == said for a, b in zip(before, before[1:])) \
            or len(said) >= 8 and any(b.endswith(said) for b in before)  # (a title after its organ, on one line)

    def chrome(self, zones: list[Clause]) -> list[Span]:
        """The chrome spans, and the page furniture outside every zone (— 1 — after the
        signature, — 4 — below the 版记); inside a zone it is the zone's characters (a place of
        its own: a zone is one span), though no clause's text where it falls between clauses."""
        out = self.spans("chrome")
        for sp in self.spans("page"):
            if not any(z.start <= sp.start < z.end for z in zones):
                out.append(sp)
        return sorted(out, key=lambda sp: sp.start)

    def furniture(self, zones: list[Clause]) -> None:
        """The page furniture inside a zone (`chrome` keeps that outside every zone): its
        characters stay the zone's — and the clause's, where a page break falls inside a
        paragraph (…药品价格、 / — 2 — / 宁都县…制度 / 质量的监督检查。) — but are blanks of the folded
        text, so that nothing reads them as words of a duty or a sentence (`doc.furniture`)."""
        inside = [sp for sp in self.spans("page") if any(z.start <= sp.start < z.end for z in zones)]
        if not inside:
            return
        folded = list(self.doc.folded)
        for sp in inside:
            for k in range(sp.start, sp.end):
                if folded[k] != "\n":
                    folded[k] = " "
            # a line of its own, as printed, where the line ends around it were lost (a notice on
            # one line: …风险监测和— 2 —关于…的通知抽检工作…): no sentence runs over it
            if sp.start > 0 and folded[sp.start - 1] != "\n":
                folded[sp.start] = "\n"
            if sp.end < len(folded) and folded[sp.end] != "\n":
                folded[sp.end - 1] = "\n"
        self.doc.folded = "".join(folded)
        self.doc.furniture = inside

    # 4. zones → clause trees
    def zones(self) -> list[Clause]:
        out: list[Clause] = []
        runs: list[tuple[str, list[int]]] = []
        apart = False  # header or chrome since the run's last line: the zone may not span it
        for r, run in groupby(self.ink, self.role.__getitem__):  # (lines of text one role after another)
            if r == "page":
                continue  # (page furniture parts no zone: a page break falls anywhere)
            if r in (None, "header", "chrome"):
                apart = apart or r is not None
                continue
            if runs and runs[-1][0] == r and not apart:
                runs[-1][1].extend(run)
            else:
                runs.append((r, list(run)))
            apart = False
        seen: dict[str, int] = {}
        for name, idx in runs:
            seen[name] = seen.get(name, 0) + 1
            zid = name if seen[name] == 1 else f"{name}~{seen[name]}"
            out.append(self._tree(zid, idx))
        return out

    def _tree(self, zid: str, idx: list[int]) -> Clause:
        lines = self.lines
        zone = Clause(lines[idx[0]].start, lines[idx[-1]].end, id=zid, kind="zone", level=0)
        k = 0
        if zid.startswith("att") and _cue("attachment-label", lines[idx[0]]):
            zone.label = self.doc.text[lines[idx[0]].body:lines[idx[0]].end]
            k = 1
        head = []
        while k < len(idx) and _short_plain(lines[idx[k]]) and not number_of(lines[idx[k]]) and not lines[idx[k]].tab:
            if head and self.doc.folded.find(":", lines[idx[k]].body, lines[idx[k]].end) > 0:
                break  # 召 集 人：吉克伍呷　州人民政府副州长 below the title: a labelled line, the text's
            head.append(idx[k])
            k += 1
        if head and k < len(idx):
            zone.heading = Span(lines[head[0]].body, lines[head[-1]].end)
        else:  # a zone that is all short lines (a list of names) has no separate title: they are its text
            k -= len(head)
        stack: list[tuple[int, Clause]] = [(-1, zone)]
        last_end = lines[idx[0]].end
        table: dict = {"columns": None, "row": None, "count": 0}
        repeats: dict[str, int] = {}

        def close_to(rank: int) -> None:
            while len(stack) > 1 and stack[-1][0] >= rank:
                _, c = stack.pop()
                c.end = last_end
                if c.heading is not None and self._whole_sentence(c):
                    c.heading = None

        for i in idx[k:]:
            ln = lines[i]
            if ln.tab:
                self._table_line(ln, stack, table, close_to)
                last_end = ln.end
                continue
            hit = number_of(ln)
            if table["row"] is not None:  # a line after a table is not its last row's: a note, a footer
                close_to(99)
                table["after"] = True  # (a table after it may have a head row of its own)
                if not hit:  # … a paragraph of its own, read as any clause's text (办公室设在…), not
                    # its parent's text after its children, which no reading of a clause's own text sees
                    parent = stack[-1][1]
                    n = sum(ch.kind == "paragraph" for ch in parent.children) + 1
                    para = Clause(ln.body, ln.end, f"{parent.id}/p{n}", "paragraph", "", "", n, len(stack), None,
                                  parent.id)  # (by position: see below)
                    parent.children.append(para)
                    stack.append((99, para))
            table["row"] = None
            if hit:
                st, _, index, label_len = hit
                close_to(st.rank)
                parent = stack[-1][1]
                cid = f"{parent.id}/{index}"
                repeats[cid] = repeats.get(cid, 0) + 1
                if repeats[cid] > 1:  # numbering repeats: 四、 … 四、 → main/4, main/4~2
                    cid += f"~{repeats[cid]}"
                # (id, kind, style, label, index, level, heading, parent: by position, as keywords
                # to a class cost the call a dict, one a clause)
                clause = Clause(ln.body, ln.end, cid, "numbered", st.name,
                                self.doc.text[ln.body:ln.body + label_len].strip(), index, len(stack), None, parent.id)
                clause.heading = self._heading(ln, label_len)
                parent.children.append(clause)
                stack.append((st.rank, clause))
            last_end = ln.end
        close_to(-1)
        zone.end = last_end
        return zone

    def _table_line(self, ln: Line, stack, table: dict, close_to) -> None:
        """Cells one per tab-led line, rows separated by blank lines (or tab-separated rows)."""
        row = table["row"]
        text = self.doc.text
        line = text[ln.start:ln.end]
        if "\t" in line:
            cells = [(m.end() - len(m.group().lstrip()), m.end()) for m in _CELL.finditer(text, ln.start, ln.end)]
        else:  # (one cell, the line: most lines of a table, and no regex call set up for it)
            cells = [(ln.end - len(line.lstrip()), ln.end)] if line else []
        if ln.row:
            cells = [(s, s + len(text[s:e].rstrip())) for s, e in cells]
        # a blank line since the row's last line (one holding only blanks: a &nbsp;, a form feed)
        starts_row = row is None or row.end < ln.start - 1 and any(
            not gap.strip() for gap in self.doc.folded[row.end:ln.start].split("\n")[1:-1]) or len(cells) > 1
        if starts_row:
            close_to(99)
            parent = stack[-1][1]
            n = table["count"]
            row = Clause(ln.start, ln.end, f"{parent.id}/r{n}", "row", "table-row", "", n, len(stack), None,
                         parent.id)  # (by position: see _tree)
            table["count"] = n + 1
            parent.children.append(row)
            stack.append((99, row))
            table["row"] = row
        known = len(row.cells)
        row.cells += [Cell(s, e) for s, e in cells]
        row.end = ln.end
        self._label_row(row, table, known)

    def _label_row(self, row: Clause, table: dict, known: int = 0) -> None:
        """The row's label (a number in its first cell) and its cells' columns, or the table's
        columns when it is the first row and no number opens it. `known`: the cells labelled
        already, on the row's earlier lines (the columns do not change while a row grows)."""
        if not row.cells:
            return
        first = row.cells[0]
        numbered = self.doc.folded[first.start:first.end].strip().isdigit()
        if not known and row.index and table.pop("after", False) and not numbered \
                and all(_names_a_column(self.doc.folded[c.start:c.end].strip()) for c in row.cells):
            row.style = "table-head"  # 序号 | 单位 | 联络员 | …: another table after a paragraph (淮北's
            # 联络员名单 after its member table) has its own columns, not the first table's
        if (row.index == 0 or row.style == "table-head") and not numbered:  # (the new cells only: a head
            if not known:  # of a cell a line grows by lines)
                table["columns"] = []
            table["columns"] += [squeeze(self.doc.text[c.start:c.end]) for c in row.cells[known:]]
            row.style = "table-head"
            return
        if numbered:
            row.label = self.doc.text[first.start:first.end]
        cols = table["columns"] or []
        for n in range(known, len(row.cells)):
            row.cells[n].column = cols[n] if n < len(cols) else ""

    def _heading(self, ln: Line, label_len: int) -> Span | None:
        rest_start = ln.body + label_len
        rest = self.doc.folded[rest_start:ln.end]
        lead = len(rest) - len(rest.lstrip())
        rest_start += lead
        rest = rest.lstrip()
        if not rest:
            return None
        m = _HEADING_END.search(rest, 0, HEADING_MAX + 1)
        if m and not _HEADING_BREAK.search(rest, 0, m.start()):
            return Span(rest_start, rest_start + m.end())
        if len(rest) <= HEADING_MAX and "。" not in rest and ";" not in rest:
            return Span(rest_start, ln.end)
        return None

    def _whole_sentence(self, c: Clause) -> bool:
        """Whether clause `c`'s heading is a sentence that is all the item says (兴安盟's
        (1)负责落实…的指示和要求。): no text or item after its 。, longer than a heading phrase —
        unlike （一）全体会议制度。联席会议… or a short item naming a body (十八)河套学院。"""
        h = c.heading
        return not c.children and self.doc.folded.endswith("。", h.start, h.end) \
            and h.end - h.start - 1 > HEADING_PHRASE_MAX and not self.doc.text[h.end:c.end].strip()

    # 5. spans of header and chrome
    def spans(self, role: str) -> list[Span]:
        """A span for each run of lines of text of `role` one after another (blank lines
        between them aside)."""
        out: list[Span] = []
        # (the runs of the lines of text by role, cut in C: a Python step a run, not a line)
        for r, run in groupby(self.ink, self.role.__getitem__):
            if r == role:
                run = list(run)
                out.append(Span(self.lines[run[0]].start, self.lines[run[-1]].end))
        return out


def parse(doc: Document) -> Document:
    """Fill `doc.fields`, `doc.header`, `doc.chrome`, `doc.clauses` and `doc.jurisdiction`."""
    p = _Parse(doc)
    body_start = p.top()
    body_end = p.bottom(body_start)
    p.body(body_start, body_end)
    p.after_footer()
    p.page_furniture(body_start)
    doc.clauses = p.zones()
    p.attachment_titles(doc.clauses)
    doc.header = p.spans("header")
    doc.chrome = p.chrome(doc.clauses)
    p.furniture(doc.clauses)
    doc.fields = _canonical_fields(doc, p.fields)
    doc.jurisdiction = jurisdiction_of(doc)
    if not doc.clauses and not doc.fields:
        raise PolicykgError(f"{doc.path}: no notice structure found (no header, no body)")
    return doc


def _canonical_fields(doc: Document, fields: list[Field]) -> list[Field]:
    """Add the canonical `issuer` and `date` fields, chosen from the evidence found."""
    names = {f.name for f in fields}
    out = list(fields)
    if "issuer" not in names:
        src = next((f for f in fields if f.name == "signer"), None) or next(
            (f for f in fields if f.name == "publisher"), None)
        title = next((f for f in fields if f.name == "title"), None)
        if src is None and title is not None:
            m = layout().cues["title-issuer"].match(doc.text[title.start:title.end])
            if m:
                src = Field(title.start, title.start + m.end(1), name="issuer", value=m.group(1))
        if src is None:
            src = next((f for f in fields if f.name == "printed_by"), None)
        if src is not None:
            out.append(Field(src.start, src.end, name="issuer", value=src.value))
    if "date" not in names:
        src = next((f for f in fields if f.name == "date_signed"), None) or next(
            (f for f in fields if f.name == "date_printed"), None)
        if src is not None:
            out.append(Field(src.start, src.end, name="date", value=src.value))
    return sorted(out, key=lambda f: (f.start, f.name))


def jurisdiction_of(doc: Document) -> Jurisdiction | None:
    """The issuer's jurisdiction (祁门县, county, 县): from the issuer, the title, the body.
    Its level is the one its name ends with, or a lower one its recipients show: a city
    addressing 各镇政府、街道办事处 is a county-level city (胶州市), its bodies still 市-prefixed;
    a prefecture-level city without counties (东莞市, layout.ttl's pk:withoutCounties) stays a city;
    a 直辖市 (重庆市: places.ttl's pk:Municipality) is of its level, the province's, its prefix 市;
    a district or county named with its city first (重庆市渝北区, 合肥市包河区) is named without it,
    within it (`_named_within`)."""
    j = _jurisdiction_named(doc)
    if j is None or not j.name or j.name in layout().without_counties:
        return j
    if (level := municipalities().get(j.name)) is not None:
        return Jurisdiction(j.name, level, j.prefix)
    rank = next((r for _, level, _, r in layout().levels if level == j.level), None)
    if not j.within and rank is not None and rank >= next(r for _, lv, _, r in layout().levels if lv == "county"):
        j = _named_within(j, rank)  # (a place below a city's level: its district, county, banner)
    recipients = " ".join(f.value for f in doc.fields if f.name == "recipient")
    for word, level, r in layout().addressed:
        if rank is not None and r > rank and word in recipients:
            return Jurisdiction(j.name, level, j.prefix, j.within, j.within_level)
    return j


def _named_within(j: Jurisdiction, rank: int) -> Jurisdiction:
    """`j` named with the places it is within first (重庆市渝北区, 合肥市包河区, 安徽省合肥市包河区) as its
    own name within the last of them (渝北区 within 重庆市, a 直辖市: province-level; 包河区 within 合肥市,
    city): one place with the 渝北区 of a notice naming itself so. A place before is a name jieba
    knows as one (`departments._places`) or a 直辖市, longest first, ending in the suffix of a level
    above `j`'s (`rank`), and leaves two characters or more (沙市区, 市中区 stay whole); not a city's
    short name (郑州 of 郑州航空港区, 苏州 of 苏州工业园区: 郑州市, 苏州市 places)."""
    from .departments import _places
    places, cities = _places(), municipalities()
    above = [(sfx, level) for sfx, level, _, r in layout().levels if r < rank]
    name, within = j.name, None
    while True:
        head = next(((name[:k], lv) for k in range(len(name) - 2, 1, -1)
                     if (name[:k] in places or name[:k] in cities)
                     and not any(name[:k] + sfx in places for sfx, _ in above)
                     for sfx, lv in above if name.endswith(sfx, 0, k) and k > len(sfx)), None)
        if head is None:
            break
        within, name = (head[0], cities.get(head[0], head[1])), name[len(head[0]):]
    return Jurisdiction(name, j.level, j.prefix, *within) if within else j


def _issuer_named(doc: Document) -> str:
    """The issuer's name as its place reads: a subdistrict's office named after the government
    it is the agency of (北京市东城区人民政府东华门街道办事处: layout.ttl's issuer-seat) without
    that government's words (北京市东城区东华门街道办事处: the subdistrict's, not the district's)."""
    issuer = doc.issuer or ""
    m = layout().cues["issuer-seat"].match(issuer)
    return m.group(1) + m.group(2) if m else issuer


def _jurisdiction_named(doc: Document) -> Jurisdiction | None:
    lay = layout()
    for text in (_issuer_named(doc), doc.field("publisher") or "", doc.field("title") or ""):
        if any(text.startswith(n) for n in lay.national):
            return Jurisdiction("国家", "national", "国家")
        for suffix, level, prefix, _ in lay.levels:
            if suffix not in text:
                continue  # no place ending in it (group 1 of both patterns) is named there
            m = _place_pattern("place-of-issuer", suffix).match(text) or _place_pattern("place-in-title", suffix).search(text)
            if m:
                return Jurisdiction(lay.cues["place-lead"].sub("", m.group(1)), level, prefix)
    title = doc.field("title") or ""
    if any(mark in title for mark in lay.national_marks):  # 优化生育政策工作部际联席会议制度建立
        return Jurisdiction("国家", "national", "国家")
    return _township_named(doc) or _jurisdiction_from_body(doc)


def _township_named(doc: Document) -> Jurisdiction | None:
    """A township's notice (宏村镇人民政府): its issuer (or publisher) names a place ending in
    one of layout.ttl's pk:issuerSuffix (镇), two characters or more before it, not one of
    pk:notPlace (住房和城乡建设局). Asked only when no level above is named: the suffix is then
    the prefix of its own bodies (镇财政所)."""
    lay = layout()
    for text in (_issuer_named(doc), doc.field("publisher") or ""):
        for suffix, level in lay.issuer_suffixes:
            if suffix not in text:
                continue
            m = _place_pattern("place-of-issuer", suffix).match(text)
            if m:
                name = lay.cues["place-lead"].sub("", m.group(1))
                if len(name) > len(suffix) + 1 and not name.endswith(lay.not_places):
                    if not (k := _enclosing_end(name, len(suffix) + 2)):
                        return Jurisdiction(name, level, suffix)
                    return Jurisdiction(name[k:], level, suffix, *_enclosing(name[:k]))
    return None


def _enclosing_end(name: str, rest: int) -> int:
    """Where a place named at the head of `name` (黟县宏村镇, 屯溪区昱中街道) ends: after the last
    place name ending in a level's pk:suffix (县, 区, 旗, 市 …), two characters or more, that leaves
    `rest` characters or more after it (a township's name: 宏村镇); 0 for none."""
    levels = layout().levels  # (longest suffix first)
    for k in range(len(name) - rest, 1, -1):
        if any(name.endswith(sfx, 0, k) and k > len(sfx) for sfx, _, _, _ in levels):
            return k
    return 0


def _enclosing(head: str) -> tuple[str, str]:
    """(name, level) of the place `head` names last (黟县; 黄山市黟县 → 黟县, a county): the place
    enclosing a township named after it."""
    name = head[_enclosing_end(head, 2):]
    return name, next(level for sfx, level, _, _ in layout().levels if name.endswith(sfx))


@cache
def _place_pattern(name: str, suffix: str) -> re.Pattern:
    """layout.ttl's place pattern `name` for places ending in `suffix` (县, 市 …)."""
    return re.compile(layout().places[name].replace("{suffix}", re.escape(suffix)))


@cache
def _place_split(name: str, suffix: str) -> tuple[re.Pattern, int, int] | None:
    """layout.ttl's place pattern `name` read as a head of bounded width (lo to hi characters),
    then `suffix` and the rest: (the pattern of `suffix` and the rest, lo, hi) — None when it is
    not so (`{suffix}` optional, in an alternation, or after a head of unbounded width)."""
    from re import _constants as C, _parser
    pat = layout().places[name]
    if pat.count("{suffix}") != 1:
        return None
    head, tail = pat.split("{suffix}")
    try:
        trees = _parser.parse(head), _parser.parse(tail)
        rest = re.compile(re.escape(suffix) + tail)
    except Exception:
        return None
    lo, hi = trees[0].getwidth()
    if _alternates(head) or _alternates(tail) or hi >= C.MAXREPEAT \
            or any(tree.state.flags != re.compile("").flags for tree in trees):  # ((?i) …: read by both)
        return None
    return rest, lo, hi


def _alternates(pattern: str) -> bool:
    """Whether a regex's source holds a | outside any group (escapes and classes skipped)."""
    depth, k, n = 0, 0, len(pattern)
    while k < n:
        c = pattern[k]
        if c == "\\":
            k += 1
        elif c == "[":
            k += 1
            k += pattern.startswith("^", k)
            k += pattern.startswith("]", k)  # (a ] first in a class is one of its characters)
            while k < n and pattern[k] != "]":
                k += 2 if pattern[k] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        k += 1
    return False


def _places_in(name: str, suffix: str, text: str) -> list[re.Match]:
    """The matches of `_place_pattern(name, suffix)` in `text`, as its finditer finds them — a
    match tried only at the few starts within its head's width before a place where the suffix
    and the rest match (`_place_split`; found fast: the suffix is a literal), not at each character."""
    pattern, split = _place_pattern(name, suffix), _place_split(name, suffix)
    if split is None:
        return list(pattern.finditer(text))
    rest, lo, hi = split
    out, at = [], 0  # (at: the first start not ruled out; a match starting at s has its rest at s+lo … s+hi)
    while (c := rest.search(text, at + lo)) is not None:
        q = c.start()
        for s in range(max(at, q - hi), q - lo + 1):
            if (m := pattern.match(text, s)) is not None:
                out.append(m)
                at = m.end()
                break
        else:
            at = q - lo + 1
    return out


def _jurisdiction_from_body(doc: Document) -> Jurisdiction | None:
    """A notice without header names its own government in the body and says 我旗/全旗
    (layout.ttl's self-place).

    The place name is the longest common ending of the words before "旗人民政府",
    "旗促进" … ("建立奈曼旗", "由奈曼旗" → 奈曼旗); when they have none (召集人由县政府 is one
    of them), the ending most of them share ("45号祁门县人民政府" of a notice on one line
    does not make it 号祁门县).
    """
    best: tuple[int, str, str, str] | None = None
    # where a line ended: a clause's start, its heading's end (二、成员单位|市政府分管…, a
    # notice written on one line): the words before a place are never read across one
    breaks = sorted({c.start for c in doc.walk()} | {c.heading.end for c in doc.walk() if c.heading})
    cues = layout().cues
    said = _self_names(doc.text)  # 我旗, 全旗: how often the notice calls itself so, by level prefix
    for suffix, level, prefix, _ in layout().levels:
        if not said[prefix]:
            continue
        contexts = [_after_breaks(m, breaks) for m in _places_in("place-in-body", suffix, doc.text)]
        contexts = [c for c in contexts if c and not cues["own-place"].search(c[-2:])]
        if not contexts:
            continue
        common = contexts[0]
        for c in contexts[1:]:
            k = 0
            while k < min(len(c), len(common)) and c[-1 - k] == common[-1 - k]:
                k += 1
            common = common[len(common) - k:]
        if len(contexts) == 1 or len(common) < 2:
            common = _most_shared_ending([cues["place-preceder"].split(c)[-1] for c in contexts])
        if len(common) >= 2 and (best is None or len(contexts) > best[0]):
            best = (len(contexts), common + suffix, level, prefix)
    if best:
        return Jurisdiction(best[1], best[2], best[3])
    # Unnamed: the notice only says 全盟/我盟 — a jurisdiction known by its level alone. It
    # gets no name (not "盟"): two such notices may be two leagues, and must not merge.
    selves = [(said[prefix], -rank, level, prefix) for _, level, prefix, rank in layout().levels]
    count, _, level, prefix = max(selves)
    return Jurisdiction("", level, prefix) if count else None


def _self_names(text: str) -> dict[str, int]:
    """How often `text` calls itself by each level's prefix (我旗, 全旗: self-place, then the
    prefix): the matches of each, counted as a findall of each would — in one scan of all
    prefixes at once where that counts the same (`_self_scan`), else one scan a prefix."""
    scan = _self_scan()
    if scan is None:
        pat = layout().cues["self-place"].pattern
        return {prefix: len(re.findall(f"(?:{pat}){re.escape(prefix)}", text)) for _, _, prefix, _ in layout().levels}
    said = dict.fromkeys((prefix for _, _, prefix, _ in layout().levels), 0)
    for prefix in scan.findall(text):
        said[prefix] += 1
    return said


@cache
def _self_scan() -> re.Pattern | None:
    """self-place followed by any level's prefix, the prefix its one group — when no two
    matches of one or of two prefixes can overlap, so that one scan finds each prefix's own
    matches: self-place matches one character, never one a prefix holds, and no prefix begins
    another (then at most one follows a given self-place character). None otherwise."""
    from re import _parser
    pat = layout().cues["self-place"].pattern
    prefixes = sorted({prefix for _, _, prefix, _ in layout().levels})
    starts = _first_chars(re.compile(pat))
    try:
        width = _parser.parse(pat).getwidth()
    except Exception:
        return None
    if width != (1, 1) or starts is None or starts[1] or any(c in starts[0] for p in prefixes for c in p) \
            or any(a != b and b.startswith(a) for a in prefixes for b in prefixes) or not all(prefixes):
        return None
    return re.compile(f"(?:{pat})(" + "|".join(map(re.escape, prefixes)) + ")")


def _after_breaks(m: re.Match, breaks: list[int]) -> str:
    """Group 1 of `m`, from the last of `breaks` inside it on."""
    k = bisect.bisect_right(breaks, m.end(1)) - 1
    return m.group(1)[breaks[k] - m.start(1):] if k >= 0 and breaks[k] > m.start(1) else m.group(1)


def _most_shared_ending(words: list[str]) -> str:
    """The ending (two characters or more) the most `words` share, the longest of those:
    ["号祁门", "祁门", "牵头单位报", "祁门"] → 祁门; one word → itself."""
    count: dict[str, int] = {}
    for w in words:
        for k in range(2, len(w) + 1):
            count[w[-k:]] = count.get(w[-k:], 0) + 1
    return max(count, key=lambda e: (count[e], len(e)), default="")


def coverage_errors(doc: Document) -> list[str]:
    """Violations of the invariant: each non-blank character (of the folded text: zero-width
    characters are blanks) in exactly one place.

    The places are the header spans, the chrome spans, and the deepest clause containing
    the character; clauses nest, siblings are ordered and disjoint, children lie inside
    their parents, and every clause text is an exact slice of the source.
    """
    errors: list[str] = []
    owner = [0] * len(doc.text)
    for sp in doc.header + doc.chrome + doc.clauses:
        for k in range(sp.start, sp.end):
            owner[k] += 1

    def check(c: Clause) -> None:
        prev = c.start
        for ch in c.children:
            if not c.contains(ch):
                errors.append(f"{ch.id} [{ch.start},{ch.end}) outside {c.id} [{c.start},{c.end})")
            if ch.start < prev:
                errors.append(f"{ch.id} overlaps or precedes its previous sibling")
            prev = ch.end
            check(ch)
        if c.heading and not c.contains(c.heading):
            errors.append(f"{c.id} heading outside the clause")

    for z in doc.clauses:
        check(z)
    for k, ch in enumerate(doc.text):
        # blank as the parser reads it: a zero-width character (folded to a space) at a
        # clause's end is trimmed as a space is
        if not doc.folded[k].isspace() and owner[k] != 1:
            errors.append(f"character {k} {ch!r} is in {owner[k]} places")
            if len(errors) > 20:
                break
    return errors
