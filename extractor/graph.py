"""Stage 4 — graph: a `Document` (parsed, with facts) → RDF quads; the only place facts become RDF.

In: a `Document`. Out: `to_rdf(doc)` → a list of `pyoxigraph.Quad`, all in one named graph
per notice (`graph_iri(doc)`), in a deterministic order with no blank nodes and no
timestamps, so the same notice always gives the same bytes. `to_networkx(...)` turns quads
(or a store) into a `networkx.MultiDiGraph` for views and graph algorithms.

IRIs are readable and stable (see `document_iri`): built from the jurisdiction, the 文号 and
the clause/fact ids of the model, never from counters across documents or random ids.
Every clause and fact carries `pk:span` → a `pk:TextSpan`: the RFC 5147 fragment IRI
``…/source#char=start,end`` of its `[start, end)` code points in the notice's `pk:sourceText`,
with the two offsets as `pk:start`/`pk:end` (no quote: it is that slice of the source text).
With `persons=False` no person node or name is emitted, and person names inside the source
text are masked character by character, so every offset stays valid.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

import pyoxigraph as ox

from .errors import PolicykgError
from .knowledge import PK, body_kind, body_kinds, by_subject, meeting_parts
from .model import (DOC_NUMBER, FOLD, Assignment, Department, Document, Jurisdiction, Mention, lookup_key, name_key,
                    squeeze)

if TYPE_CHECKING:  # imported when used: networkx is slow to import
    import networkx

DEFAULT_BASE = "https://w3id.org/policykg/data/"

ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
DEPT = "https://w3id.org/policykg/dept/"
ROLE = "https://w3id.org/policykg/role/"
ACTION = "https://w3id.org/policykg/action/"
MEETING = "https://w3id.org/policykg/meeting/"
NUMBERING = "https://w3id.org/policykg/numbering/"
LAYOUT = "https://w3id.org/policykg/layout/"

# The other namespaces of ontology/*.ttl (cues, topics, places, the comparison, its Alignment
# cells, the SHACL shapes); a test keeps them in step with the files' @prefix lines.
ONTOLOGY_PREFIXES: dict[str, str] = {
    "pkc": "https://w3id.org/policykg/cue/", "pkt": "https://w3id.org/policykg/topic/",
    "pkp": "https://w3id.org/policykg/place/", "pkx": "https://w3id.org/policykg/comparison/",
    "align": "http://knowledgeweb.semanticweb.org/heterogeneity/alignment#",
    "sh": "http://www.w3.org/ns/shacl#", "pksh": "https://w3id.org/policykg/shapes#",
}
# Stable prefixes for every serialisation (export.py, build's merged files, `serve`) and every
# query — one table, here beside the IRIs: the notice graphs' namespaces and the ontology's,
# so a comparison's align:Cell and pkx:counterpart and a topic's pkt:funding are written
# compact (they were full IRIs) and read as `sparql` declares them.
PREFIXES: dict[str, str] = {
    "pk": PK, "pkd": DEPT, "pkr": ROLE, "pka": ACTION, "pkm": MEETING, "pkn": NUMBERING,
    "pkl": LAYOUT, "eli": ELI, "org": ORG, "skos": SKOS, "dct": DCT, "prov": PROV, "oa": OA,
    "foaf": FOAF, "schema": SCHEMA, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
    **ONTOLOGY_PREFIXES,
}
# Every prefix a SPARQL query may use undeclared: the above, and dcterms, the name most
# examples give Dublin Core's dct (only for reading queries: output writes one name a namespace).
QUERY_PREFIXES: dict[str, str] = {**PREFIXES, "dcterms": DCT}

IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
MEDIA_TYPES = {"txt": "text/plain", "html": "text/html",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
CLAUSE_CLASSES = {"zone": "Zone", "numbered": "NumberedClause", "row": "TableRow", "paragraph": "Paragraph"}
MASK = "＊"  # one full-width star per masked character: same length, offsets unchanged


# --- IRIs ------------------------------------------------------------------------------------


def _ucschar(cp: int) -> bool:
    """RFC 3987 ucschar: non-ASCII characters an IRI may hold unescaped."""
    if 0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF:
        return True
    return 0x10000 <= cp <= 0xEFFFD and (cp & 0xFFFF) <= 0xFFFD and not 0xE0000 <= cp < 0xE1000


# Text that is a segment as it is (ASCII letters, digits, -._~ and CJK ideographs): most
# segments are, and a build asks for ~700 a notice.
_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9\-._~\u3400-\u4dbf\u4e00-\u9fff]*")


@lru_cache(maxsize=1 << 16)
def iri_segment(text: str) -> str:
    """One IRI path segment: Chinese stays readable, everything else unsafe is %-encoded.

    ASCII is kept only for letters, digits and ``-._~`` (sub-delims and ``/`` are encoded
    too, to be safe in every parser); non-ASCII is kept when RFC 3987 allows it and it is
    not a space, control or format character.
    """
    return text if _PLAIN_SEGMENT.fullmatch(text) else encode_segment(text)


def encode_segment(text: str) -> str:
    """`iri_segment` character by character (the characters of `_PLAIN_SEGMENT` come out as
    they are: a test checks each)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        cp = ord(ch)
        if ch.isascii():
            keep = ch.isalnum() or ch in "-._~"
        else:
            keep = _ucschar(cp) and unicodedata.category(ch)[0] not in "CZ"
        # (surrogatepass: a lone surrogate, as argv holds bytes that are no UTF-8, encodes as one, never matching)
        out.append(ch if keep else "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def iri_path(path: str) -> str:
    """A `/`-separated id (``main/4/12``) as IRI path segments."""
    return "/".join(iri_segment(part) for part in path.split("/"))


_DOC_NUMBER_YEAR = re.compile(r"^(.+?)\s*(\d{4})\s*年\s*第?\s*(\d+)\s*号$")


def number_slug(number: str) -> str:
    """祁政办秘〔2021〕45号 → 祁政办秘-2021-45; 财政部公告2019年第76号 → 财政部公告-2019-76."""
    folded = squeeze(number.translate(FOLD))
    m = DOC_NUMBER.fullmatch(folded) or _DOC_NUMBER_YEAR.match(folded)
    if m:
        return iri_segment(f"{m.group(1)}-{m.group(2)}-{int(m.group(3))}")
    return iri_segment(folded)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reading_text(text: str) -> str:
    """`text` as a reader sees it: its lines (whatever ends them: LF, CRLF, CR) without
    trailing blanks, no BOM, no blank lines before or after. Two files of the same notice
    that differ only there (one saved on Windows, one with a BOM or a final newline) are
    the same notice; the offsets stay into the text as read."""
    return "\n".join(line.rstrip() for line in text.lstrip("\ufeff").splitlines()).strip() + "\n"


def document_slug(doc: Document) -> str:
    """The 文号 slug; without one, the title (first 40 characters) and a hash of the text
    as read (`reading_text`: line endings, a BOM, trailing blanks make no other notice)."""
    if doc.doc_number:
        return number_slug(doc.doc_number)
    title = squeeze(doc.title or "")[:40]
    digest = _digest(reading_text(doc.text))
    return f"{iri_segment(title)}-{digest[:8]}" if title else f"text-{digest[:16]}"


def notice_label(doc: Document) -> str:
    """What a person knows the notice by (its rdfs:label, the name every view, export and
    table shows): its title; without one, its 文号; without either, the name of the body it
    sets up as the text writes it (奈曼旗促进3岁以下婴幼儿照护服务发展工作联席会议), else its
    file's name. Only with none of these the IRI's hash (`document_slug`), which is no name."""
    meeting = doc.facts.meeting if doc.facts is not None else None
    named = meeting.name if meeting is not None and meeting.name_at is not None else ""
    file = PurePath(doc.path).name if doc.path else ""
    return doc.title or doc.doc_number or named or file or document_slug(doc)


def notice_keys(doc: Document) -> list[str]:
    """The `lookup_key`s a notice is found by in one index lookup: its 文号, title, file name
    and stem, jurisdiction, and the document its title issues (关于印发《X》的通知 → X)."""
    names = [doc.doc_number, doc.title, doc.jurisdiction.name if doc.jurisdiction else None]
    if doc.path:
        names += [PurePath(doc.path).name, PurePath(doc.path).stem]
    from .parse import layout

    issued = layout().cues["issued-document"]  # ontology/layout.ttl
    names += [m.group(1) or m.group(2) for m in issued.finditer(name_key(doc.title or ""))]
    return sorted({k for k in map(lookup_key, filter(None, names)) if k})


def normalise_base(base: str) -> str:
    """`base` ending in / (a base given as .../data gets its slash). IRIs are paths under it:
    a '#' ending would leave a span's IRI two fragments (`check_base` refuses it)."""
    return base if base.endswith("/") else base + "/"


def check_base(base: str) -> str:
    """`base` if IRIs can be made from it (an absolute IRI without a fragment), else a
    one-line error: checked once, before any notice is read, rather than failing every notice."""
    try:
        ox.NamedNode(normalise_base(base) + "x")
    except ValueError as exc:
        raise PolicykgError(f"base {base!r} is not an absolute IRI ({exc})") from None
    if "#" in base:
        raise PolicykgError(f"base {base!r} holds a '#': the IRIs made from it take their own fragment "
                            "(a span's #char=…); end it with '/'")
    return base


# The label of a place a notice names by its level alone ({level}: the level's, 盟).
UNNAMED_PLACE = "{level}（名称未写明）"


def jurisdiction_iri(name: str, base: str = DEFAULT_BASE) -> str:
    return f"{normalise_base(base)}jurisdiction/{iri_segment(name)}"


def unnamed_jurisdiction_iri(doc_iri: str) -> str:
    """The place of a notice naming it by its level alone (盟林业局, 全盟): the notice's own."""
    return f"{doc_iri}/jurisdiction"


def place_scope(place: str) -> str:
    """What the IRIs of a place's organisations and of the bodies its notices set up begin
    with: a named place's own IRI and a slash (…/jurisdiction/祁门县/org/health,
    …/jurisdiction/祁门县/doc/…/meeting); for a notice's unnamed place, its notice's
    (…/doc/…/org/finance: `organisation_iri` without a jurisdiction)."""
    return place.removesuffix("/jurisdiction") + "/"  # (a named place's ends with its name)


def document_iri(doc: Document, base: str = DEFAULT_BASE) -> str:
    """``{base}jurisdiction/祁门县/doc/祁政办秘-2021-45`` (``{base}doc/…`` without a jurisdiction)."""
    j = doc.jurisdiction
    head = f"{jurisdiction_iri(j.name, base)}/" if j and j.name else normalise_base(base)
    return f"{head}doc/{document_slug(doc)}"


def graph_iri(doc: Document, base: str = DEFAULT_BASE) -> str:
    """The named graph holding everything `to_rdf(doc)` states."""
    return document_iri(doc, base) + "/graph"


def organisation_iri(dep: Department, doc_iri: str, base: str = DEFAULT_BASE) -> str:
    """One organisation per (jurisdiction, concept): ``{base}jurisdiction/祁门县/org/health``.

    Bodies outside the registry are keyed by their canonical name; without a jurisdiction
    the organisation is local to the notice (it cannot be matched across notices).
    """
    key = iri_segment(dep.concept or squeeze(dep.name))
    if dep.jurisdiction:
        return f"{jurisdiction_iri(dep.jurisdiction, base)}/org/{key}"
    return f"{doc_iri}/org/{key}"


def cited_document_iri(number: str | None, title: str | None, base: str = DEFAULT_BASE) -> str:
    """A cited document, keyed by its 文号 when given (``{base}doc/国办发-2019-15``), else its title."""
    base = normalise_base(base)
    if number:
        return f"{base}doc/{number_slug(number)}"
    return f"{base}doc/title/{iri_segment(''.join((title or '').split()))}"


# --- data read from ontology/ ----------------------------------------------------------------


@cache
def _post_roles() -> dict[str, str]:
    """Post.role value → org:Role IRI (skos:notation of pk:postRoles in policykg.ttl)."""
    out = {}
    for s, props in by_subject("policykg.ttl").items():
        if PK + "postRoles" in props.get(SKOS + "inScheme", []):
            for notation in props.get(SKOS + "notation", []):
                out[str(notation)] = s
    return out


@cache
def _labels(name: str) -> dict[str, dict[str, str]]:
    """IRI → {language: label} from rdfs:label / skos:prefLabel of `ontology/<name>`."""
    out: dict[str, dict[str, str]] = {}
    for s, props in by_subject(name).items():
        for p in (RDFS + "label", SKOS + "prefLabel"):
            for lab in props.get(p, []):
                out.setdefault(s, {}).setdefault(getattr(lab, "language", None) or "", str(lab))
    return out


@cache
def _concepts(name: str) -> frozenset[str]:
    return frozenset(s for s, props in by_subject(name).items()
                     if SKOS + "Concept" in props.get(RDF + "type", []))


@cache
def _person_columns() -> frozenset[str]:
    """Column headers of member tables that hold personal data (cues.ttl: pk:post ≠ unit)."""
    cols = set()
    for props in by_subject("cues.ttl").values():
        posts = {str(p) for p in props.get(PK + "post", [])} - {"task", "deadline"}  # (a task table's: no one's)
        if posts and posts != {"unit"}:
            cols |= {str(c) for c in props.get(PK + "cue", [])}
    return frozenset(cols)


@cache
def _columns_of(post: str) -> frozenset[str]:
    """Column headers of task tables holding each row's task or deadline (cues.ttl: pk:post
    "task", "deadline")."""
    return frozenset(str(c) for props in by_subject("cues.ttl").values()
                     if post in {str(p) for p in props.get(PK + "post", [])} for c in props.get(PK + "cue", []))


@cache
def _cue_words(name: str) -> frozenset[str]:
    return frozenset(str(c) for c in by_subject("cues.ttl").get(f"https://w3id.org/policykg/cue/{name}", {})
                     .get(PK + "cue", []))


def _empty_cells() -> frozenset[str]:
    """What a cell saying nothing writes (cues.ttl: pkc:empty-cell)."""
    return _cue_words("empty-cell")


def _same_as_above() -> frozenset[str]:
    """What a cell merged down from the row above writes (cues.ttl: pkc:same-as-above)."""
    return _cue_words("same-as-above")


def _task_column(column: str) -> bool:
    return squeeze(column) in _columns_of("task")


@cache
def jurisdiction_level_iri(name: str, level: str) -> str | None:
    """The pk:JurisdictionLevel of layout.ttl for a level code, the longest matching suffix first;
    a name ending in none of that code's suffixes gets the level named as the code (重庆市, a
    直辖市 of the province level: pkl:province, not pkl:region, whose code is province too)."""
    best, best_len = None, (-1, False)
    for s, props in by_subject("layout.ttl").items():
        if level not in {str(v) for v in props.get(PK + "level", [])}:
            continue
        suffixes = [str(x) for x in props.get(PK + "suffix", [])]
        n = (max((len(x) for x in suffixes if name.endswith(x)), default=0), s.rsplit("/", 1)[-1] == level)
        if n > best_len:
            best, best_len = s, n
    return best


# --- masking person names ----------------------------------------------------------------------


def person_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of personal data: cells of person columns, post holders, and every other
    occurrence of a holder's name (spaces between characters allowed: 张  丹)."""
    spans: list[tuple[int, int]] = []
    cols = _person_columns()
    for c in doc.walk():
        for cell in c.cells:
            if squeeze(cell.column) in cols:
                spans.append((cell.start, cell.end))
    names = set()
    if doc.facts:
        for post in doc.facts.posts:
            if post.person:
                names.add(squeeze(post.person))
            if post.role == "contact":  # (its number and address in running text: no table cell holds them)
                names.update(x for x in (post.phone, post.email) if x)
        for change in doc.facts.changes:  # who leaves or takes a post in an adjustment
            names.update(x.value for x in (change.outgoing, change.incoming) if x is not None)
    for name in sorted(names):
        pattern = r"\s*".join(map(re.escape, name))
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, doc.text)]
    return spans


def masked_text(doc: Document) -> str:
    """`doc.text` with every non-space character of a person span replaced by `MASK`."""
    chars = list(doc.text)
    for s, e in person_spans(doc):
        for i in range(s, e):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


# --- building quads ----------------------------------------------------------------------------


class Lit(NamedTuple):
    """A literal as a notice's builder holds it: a plain tuple until it becomes an
    `ox.Literal` (`NoticeGraph.quads`) or N-Triples text (`NoticeGraph.ntriples`)."""

    value: str
    datatype: str | None = None
    lang: str | None = None

    def term(self) -> ox.Literal:
        if self.lang:
            return ox.Literal(self.value, language=self.lang)
        if self.datatype:
            return ox.Literal(self.value, datatype=ox.NamedNode(self.datatype))
        return ox.Literal(self.value)

    def ntriples(self) -> str:
        """As pyoxigraph writes it (a test compares them on every code point)."""
        if self.datatype == _XSD_INTEGER and not self.lang and self.value.isdigit():  # an offset: nothing to escape
            return f'"{self.value}"^^<{_XSD_INTEGER}>'
        text = f'"{_escape(self.value)}"'
        if self.lang:
            return f"{text}@{self.lang.lower()}"
        if self.datatype and self.datatype != XSD + "string":
            return f"{text}^^<{self.datatype}>"
        return text


# N-Triples escapes, as pyoxigraph writes them: named ones, else \uXXXX for C0 controls,
# DEL and the BMP's two last code points.
_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F, 0xFFFE, 0xFFFF] if c not in _ESCAPES})
_NEEDS_ESCAPE = re.compile("[" + "".join(re.escape(chr(c)) for c in _ESCAPES) + "]")


def _escape(value: str) -> str:
    return value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value


def _lit(value: object, datatype: str | None = None, lang: str | None = None) -> Lit:
    if lang:
        return Lit(str(value), None, lang)
    if datatype:
        return Lit(str(value).lower() if isinstance(value, bool) else str(value), datatype)
    return Lit(str(value))


_XSD_INTEGER = XSD + "integer"


def _int(n: int) -> Lit:
    return Lit(str(int(n)), _XSD_INTEGER)  # _lit(int(n), XSD + "integer"), ~300 a notice


def span_iri(source: str, start: int, end: int) -> str:
    """The RFC 5147 IRI of characters `[start, end)` of the text/plain resource `source`."""
    return f"{source}#char={start},{end}"


def span_offsets(iri: str) -> tuple[str, int, int] | None:
    """(source IRI, start, end) of a span IRI made by `span_iri`, else None."""
    src, sep, frag = iri.rpartition("#char=")
    a, comma, b = frag.partition(",")
    if not (sep and comma and a.isdigit() and b.isdigit()):
        return None
    return src, int(a), int(b)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _checked(nodes: dict[str, ox.NamedNode], iri: str) -> ox.NamedNode:
    """One checked `NamedNode` per IRI (subjects, predicates and classes repeat): a bad IRI
    raises here, the first time it is seen."""
    n = nodes.get(iri)
    if n is None:
        n = nodes[iri] = ox.NamedNode(iri)
    return n


class NoticeGraph:
    """The statements of one notice, in building order and distinct: (subject IRI,
    predicate IRI, object IRI or `Lit`), every IRI checked. A build worker writes them
    straight as N-Triples; `quads()` makes the pyoxigraph terms (a literal object costs
    pyoxigraph ~2 µs a quad to take in, as much as the rest of the notice's graph)."""

    def __init__(self, graph: str, rows: list[tuple[str, str, "str | Lit"]],
                 nodes: dict[str, ox.NamedNode] | None = None):
        self.graph = graph
        self.rows = rows
        self._nodes = nodes if nodes is not None else {}  # IRI → its checked term (the builder's)

    def quads(self) -> list[ox.Quad]:
        nodes = self._nodes
        lits: dict[Lit, ox.Literal] = {}
        g = ox.NamedNode(self.graph)
        out = []
        for s, p, o in self.rows:
            if type(o) is str:
                obj = _checked(nodes, o)
            else:
                obj = lits.get(o)
                if obj is None:
                    obj = lits[o] = o.term()
            out.append(ox.Quad(_checked(nodes, s), _checked(nodes, p), obj, g))
        return out

    def ntriples(self) -> bytes:
        """One N-Triples line a statement, as pyoxigraph writes them (not sorted)."""
        lits: dict[Lit, str] = {}
        lines = []
        for s, p, o in self.rows:
            if type(o) is str:
                lines.append(f"<{s}> <{p}> <{o}> .\n")
            else:
                text = lits.get(o)
                if text is None:
                    text = lits[o] = o.ntriples()
                lines.append(f"<{s}> <{p}> {text} .\n")
        return "".join(lines).encode("utf-8")

    def sorted_ntriples(self):
        """`export.sort_ntriples(self.ntriples())`, made from the rows: the same bytes, with
        each line's terms kept (`terms`: subject IRI, predicate IRI, object as written), so
        the writers need not read the lines again. The lines are sorted as bytes by `export._line_key`, which marks the
        first ``> <rdf:type> `` of a line: after its subject when it is the predicate, after
        the predicate when it is the object, or in a literal's text (no IRI holds a space) —
        only those lines' keys are made. The rows are distinct: two write one line only when
        two literals write one text (one typed xsd:string, one plain)."""
        from .export import _TYPE_FIRST, _TYPE_LINE, SortedNTriples

        rdf_type = RDF + "type"
        # each term's text and bytes made once (an IRI is in ~5 lines, most of them Chinese):
        # a literal → (its text, its bytes and a space, whether it holds the mark)
        lits: dict[Lit, tuple[str, bytes, bool]] = {}
        subjects: dict[str, bytes] = {}  # an IRI → b"<IRI> "
        objects: dict[str, tuple[str, bytes]] = {}  # an IRI → ("<IRI>", b"<IRI> ")
        texts: set[str] = set()  # two literals writing one text: their lines may be one
        lines: list[bytes] = []
        terms: list[tuple[str, str, str]] = []
        marked: list[int] = []  # the lines whose key is not the line
        end = b".\n"
        for i, (s, p, o) in enumerate(self.rows):
            sb = subjects.get(s)
            if sb is None:
                sb = subjects[s] = f"<{s}> ".encode()
            pb = subjects.get(p)
            if pb is None:
                pb = subjects[p] = f"<{p}> ".encode()
            if type(o) is str:
                found = objects.get(o)
                if found is None:
                    O = f"<{o}>"
                    found = objects[o] = (O, (O + " ").encode())
                O, ob = found
                if p == rdf_type or o == rdf_type:
                    marked.append(i)
            else:
                found = lits.get(o)
                if found is None:
                    text = o.ntriples()
                    found = lits[o] = (text, (text + " ").encode(), _TYPE_MARK in text)
                    if text in texts:
                        texts.add("")
                    texts.add(text)
                O, ob, mark = found
                if mark or p == rdf_type:
                    marked.append(i)
            lines.append(b"".join((sb, pb, ob, end)))
            terms.append((s, p, O))
        keys = lines[:]
        for i in marked:
            keys[i] = keys[i].replace(_TYPE_LINE, _TYPE_FIRST, 1)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        if "" in texts:  # a line twice: equal keys are neighbours
            order = [i for n, i in enumerate(order) if n == 0 or keys[i] != keys[order[n - 1]]]
        out = SortedNTriples(b"".join([lines[i] for i in order]))
        out.terms = [terms[i] for i in order]
        return out


_TYPE_MARK = f"> <{RDF}type> "  # what `export._line_key` marks in a line (as text)


class _Builder:
    """Collects the statements of one notice, in order, without duplicates."""

    def __init__(self, doc: Document, base: str, persons: bool):
        self.doc, self.base, self.persons = doc, base, persons
        self.source = doc.text if persons else masked_text(doc)
        self.doc_iri = document_iri(doc, base)
        self.graph = ox.NamedNode(graph_iri(doc, base))
        self.source_iri = self.doc_iri + "/source"
        self.body_iri = self.doc_iri + "/meeting"  # the coordination body it sets up, if any
        self.rows: list[tuple[str, str, str | Lit]] = []
        self._seen: set[tuple[str, str, str | Lit]] = set()
        self._nodes: dict[str, ox.NamedNode] = {}  # every IRI, checked once
        self.orgs: dict[str, str] = {}  # Department.id → IRI
        self._used: set[str] = set()
        self._persons: list[tuple[int, int]] | None = None  # person_spans(doc), when first asked

    def add(self, s: str, p: str, o: str | Lit) -> None:
        row = (s, p, o)  # a Lit is a tuple, never equal to an IRI string
        if row in self._seen:
            return
        nodes = self._nodes  # every IRI is checked (ox.NamedNode) the first time it is seen
        if s not in nodes:
            _checked(nodes, s)
        if p not in nodes:
            _checked(nodes, p)
        if type(o) is str and o not in nodes:
            _checked(nodes, o)
        self._seen.add(row)
        self.rows.append(row)

    def unique(self, iri: str) -> str:
        """Keep fact IRIs distinct even if upstream ids repeat (suffix -2, -3 …)."""
        out, n = iri, 1
        while out in self._used:
            n += 1
            out = f"{iri}-{n}"
        self._used.add(out)
        return out

    def span(self, node: str, start: int, end: int, link: str = PK + "span") -> None:
        """`node` —link→ the span's RFC 5147 IRI ``{source}#char=start,end``, which carries
        its offsets as ``pk:start``/``pk:end``; facts read from the same characters share it."""
        target = span_iri(self.source_iri, start, end)
        self.add(node, link, target)
        self.add(target, PK + "start", _int(start))
        self.add(target, PK + "end", _int(end))

    def text(self, start: int, end: int) -> str:
        return self.source[start:end]

    def _label_end(self, start: int, stop: int, width: int = 24) -> int:
        """Where a clause's label stops: `width` characters into its text, but never inside
        personal data (a name, a table's person or telephone cell) — `--no-persons` masks a
        name or number wherever a literal holds it whole, not a piece cut off at a label's end
        (a liaison row's label ended "副部长 13872", the start of a mobile number)."""
        end = min(start + width, stop)
        if end < stop:
            if self._persons is None:
                self._persons = person_spans(self.doc)
            end = min((s for s, e in self._persons if s < end < e), default=end)
        return max(end, start)

    def clause_iri(self, clause_id: str) -> str:
        return f"{self.doc_iri}/clause/{iri_path(clause_id)}"

    def read_from(self, offset: int) -> str:
        """What a fact at `offset` is read from: the clause holding it, else (the head and the
        foot of a notice, 主送 and 抄送 lines, are no clause's) the notice."""
        clause = self.doc.leaf_at(offset)
        return self.clause_iri(clause.id) if clause is not None else self.doc_iri

    # --- the notice itself -------------------------------------------------------------------

    def jurisdiction(self, name: str, level: str) -> str | None:
        """The jurisdiction named `name`, of `level`, stated. A place named by its level alone
        (盟林业局, 全盟: the 兴安盟 fragment names no league) is the notice's own place when it
        is of the notice's level: a jurisdiction of the notice (another notice's unnamed league
        may be another league), labelled by its level (盟（名称未写明）), so that its level
        reaches it (-j 盟, league). None for no place."""
        lvl = jurisdiction_level_iri(name, level)
        if name:
            j, label = jurisdiction_iri(name, self.base), name
        else:
            own = self.doc.jurisdiction
            if own is None or own.name or own.level != level or lvl is None:
                return None  # no place, or not the notice's own (nor of a level)
            j = unnamed_jurisdiction_iri(self.doc_iri)
            label = UNNAMED_PLACE.format(level=_labels("layout.ttl").get(lvl, {}).get("zh") or own.prefix)
        self.add(j, RDF + "type", DCT + "Jurisdiction")
        self.add(j, RDF + "type", SKOS + "Concept")
        self.add(j, RDFS + "label", _lit(label, lang="zh"))
        if lvl:
            self.add(j, PK + "jurisdictionLevel", lvl)
        return j

    def document(self) -> None:
        doc, d = self.doc, self.doc_iri
        self.add(d, RDF + "type", PK + "Notice")
        self.add(d, RDF + "type", ELI + "LegalResource")
        title = doc.title
        if title:
            self.add(d, DCT + "title", _lit(title, lang="zh"))
        self.add(d, RDFS + "label", _lit(notice_label(doc), lang="zh"))
        if doc.doc_number:
            self.add(d, ELI + "id_local", _lit(doc.doc_number))
        else:
            self.add(d, PK + "docNumberAbsent", _lit(True, XSD + "boolean"))
        if doc.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date):
            self.add(d, ELI + "date_document", _lit(doc.date, XSD + "date"))
        published = doc.field("date_published")  # a web page's 发布时间: the date it went online
        if published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
            self.add(d, ELI + "date_publication", _lit(published, XSD + "date"))
        for topic in doc.fields_named("topic"):
            self.add(d, DCT + "subject", _lit(topic.value, lang="zh"))
        j: Jurisdiction | None = doc.jurisdiction
        jiri = self.jurisdiction(j.name, j.level) if j else None
        if jiri:
            self.add(d, ELI + "jurisdiction", jiri)
            if j.within:  # (a township's enclosing place, as its issuer names it: 黟县宏村镇人民政府)
                self.add(jiri, SKOS + "broader", self.jurisdiction(j.within, j.within_level))
        if doc.issuer:
            # the issuer the reading found, else a department of the notice of its very name (the
            # office of the body the notice sets up: that office's node, not a second one by name)
            deps = doc.facts.departments if doc.facts is not None else {}
            did = doc.facts.issuer if doc.facts is not None and doc.facts.issuer in deps else \
                next((k for k, dep in deps.items() if dep.name == doc.issuer), None)
            known = deps.get(did) if did else None
            issuer = self.org_iri(did, known) if known else \
                self.named_org(doc.issuer, j.name if j else "", jiri)
            self.add(d, ELI + "passed_by", issuer)
        for key in notice_keys(doc):
            self.add(d, PK + "lookupKey", _lit(key))
        self.provenance()

    def named_org(self, name: str, jurisdiction: str, place: str | None) -> str:
        """An organisation known only by name (the issuer), keyed like a non-registry body;
        `place`: its jurisdiction's IRI (the notice's)."""
        dep = Department(id="", name=name, concept=None, jurisdiction=jurisdiction, level="")
        iri = organisation_iri(dep, self.doc_iri, self.base)
        self.add(iri, RDF + "type", ORG + "Organization")
        self.add(iri, RDFS + "label", _lit(name, lang="zh"))
        if place:
            self.add(iri, PK + "jurisdiction", place)
        return iri

    def provenance(self) -> None:
        from . import __version__

        d, src, doc = self.doc_iri, self.source_iri, self.doc
        run, agent = d + "/extraction", f"{self.base}agent/policykg-{iri_segment(__version__)}"
        self.add(src, RDF + "type", PK + "SourceText")
        self.add(src, RDF + "type", PROV + "Entity")
        self.add(src, PK + "sourceText", _lit(self.source))
        self.add(src, PK + "textLength", _int(len(self.source)))
        self.add(src, PK + "sha256", _lit(_digest(doc.text)))
        # the file's media type as DCMI wants it, a resource (a dct:MediaTypeOrExtent): IANA's IRI
        self.add(src, DCT + "format", IANA_MEDIA_TYPES + MEDIA_TYPES.get(doc.format, "text/plain"))
        if doc.path:  # the file name only: an absolute path would differ between machines
            self.add(src, RDFS + "label", _lit(PurePath(doc.path).name))
        self.add(d, PROV + "hadPrimarySource", src)
        self.add(d, PROV + "wasDerivedFrom", src)
        # what policykg made is this description, the notice's graph, not the notice: the
        # government wrote that (eli:passed_by), the extraction read it (prov:used)
        description = self.graph.value
        self.add(description, RDF + "type", PROV + "Entity")
        self.add(description, PROV + "wasGeneratedBy", run)
        self.add(description, PROV + "wasDerivedFrom", src)
        self.add(description, FOAF + "primaryTopic", d)
        self.add(run, RDF + "type", PROV + "Activity")
        self.add(run, PROV + "used", src)
        self.add(run, PROV + "wasAssociatedWith", agent)
        self.add(agent, RDF + "type", PROV + "SoftwareAgent")
        self.add(agent, RDFS + "label", _lit(f"policykg {__version__}"))

    # --- clauses --------------------------------------------------------------------------------

    def clauses(self) -> None:
        styles = _concepts("numbering.ttl")
        due_above: dict[str, str] = {}  # a task table's deadline column → the last row's deadline
        for c in self.doc.walk():
            iri = self.clause_iri(c.id)
            self._used.add(iri)
            self.add(iri, RDF + "type", ELI + "LegalResourceSubdivision")
            if c.kind in CLAUSE_CLASSES:
                self.add(iri, RDF + "type", PK + CLAUSE_CLASSES[c.kind])
            parent = self.clause_iri(c.parent) if c.parent else self.doc_iri
            self.add(iri, ELI + "is_part_of", parent)
            self.add(parent, ELI + "has_part", iri)
            self.add(iri, DCT + "identifier", _lit(c.id))
            if c.kind != "zone":
                number = str(c.index) if c.index is not None else (c.label.strip() or c.id.rsplit("/", 1)[-1])
                self.add(iri, ELI + "number", _lit(number))
            if c.label:
                self.add(iri, PK + "clauseLabel", _lit(c.label))
            if c.style == "table-head":
                due_above = {}
            for cell in c.cells if c.kind == "row" else ():  # a task table's 完成时限 (〃: the row above's)
                if squeeze(cell.column) in _columns_of("deadline") and (due := _one_line(self.text(cell.start, cell.end))):
                    due = due_above.get(cell.column, "") if due in _same_as_above() else due
                    due_above[cell.column] = due
                    if due and due not in _empty_cells():
                        self.add(iri, PK + "deadline", _lit(due))
            self.add(iri, PK + "clauseLevel", _int(c.level))
            heading = self.text(c.heading.start, c.heading.end) if c.heading else ""
            if heading:
                self.add(iri, PK + "heading", _lit(heading))
            if c.style and NUMBERING + c.style in styles:
                self.add(iri, PK + "numberingStyle", NUMBERING + c.style)
            own = c.own
            label = _one_line(c.label + (heading or self.text(own.start + len(c.label), self._label_end(own.start + len(c.label), own.end)))) or c.id
            self.add(iri, RDFS + "label", _lit(label, lang="zh"))
            self.span(iri, c.start, c.end)

    # --- organisations and mentions --------------------------------------------------------------

    def org_iri(self, did: str, dep: Department) -> str:
        """The IRI of department `did` of this notice: the body it sets up is its node
        (`meeting`), the body's office this notice's, as the body is (two notices of one
        county setting up a body of one name have two offices, not one hosted by both
        hosts) — also as the notice's issuer; any other one its jurisdiction's."""
        meeting = self.doc.facts.meeting
        if meeting is not None and did == meeting.unit:
            return self.body_iri
        if meeting is not None and did == meeting.office_unit:
            return f"{self.body_iri}/office"
        if meeting is not None and (k := next((k for k, g in enumerate(meeting.groups, 1) if g.unit == did), 0)):
            return f"{self.body_iri}/group/{k}"  # a working group of the body: the notice's, as its office is
        return organisation_iri(dep, self.doc_iri, self.base)

    def organisations(self) -> None:
        meeting = self.doc.facts.meeting
        for did, dep in self.doc.facts.departments.items():
            iri = self.orgs[did] = self.org_iri(did, dep)
            if meeting is not None and did == meeting.unit:  # the body itself: its node (`meeting`)
                continue
            self.add(iri, RDF + "type", ORG + "Organization")
            self.add(iri, RDFS + "label", _lit(dep.name, lang="zh"))
            if dep.concept:
                self.add(iri, ORG + "classification", DEPT + iri_segment(dep.concept))
            j = self.jurisdiction(dep.jurisdiction, dep.level)  # (盟财政局: the notice's unnamed league)
            if j:
                self.add(iri, PK + "jurisdiction", j)
                if dep.jurisdiction in self.doc.facts.below and (own := self.doc.jurisdiction) is not None \
                        and (above := self.jurisdiction(own.name, own.level)):
                    # the places below named together (重庆市所辖区县) are within the notice's (重庆市): -j 重庆市
                    self.add(j, SKOS + "broader", above)
        mentions = sorted((m for dep in self.doc.facts.departments.values() for m in dep.mentions),
                          key=lambda m: (m.start, m.end, m.department))
        ordinal: dict[str, int] = {}
        for m in mentions:
            if m.department not in self.orgs:
                continue
            ordinal[m.clause] = ordinal.get(m.clause, 0) + 1
            ann = self.unique(f"{self.doc_iri}/mention/{iri_path(m.clause or 'doc')}/{ordinal[m.clause]}")
            self.add(ann, RDF + "type", OA + "Annotation")
            self.add(ann, OA + "motivatedBy", OA + "identifying")
            self.add(ann, OA + "hasBody", self.orgs[m.department])
            self.span(ann, m.start, m.end, link=OA + "hasTarget")
            if m.clause:
                clause = self.clause_iri(m.clause)
                self.add(ann, PROV + "wasDerivedFrom", clause)
                self.add(clause, SCHEMA + "mentions", self.orgs[m.department])
            else:  # a name in the head (the issuer, a 主送 or 抄送 item): read from the notice
                self.add(ann, PROV + "wasDerivedFrom", self.read_from(m.start))

    def org(self, did: str | None) -> str | None:
        return self.orgs.get(did) if did else None

    def addressees(self) -> None:
        """Who the head sends the notice to (pk:recipient, 主送) and copies it to
        (pk:copyRecipient, 抄送): one pk:Addressee an item, named in full, spanned at the item
        as written, and the organisation it is (pk:addressedBody) when it names one body."""
        count: dict[str, int] = {}
        for a in self.doc.facts.addressees:
            count[a.kind] = count.get(a.kind, 0) + 1
            node = f"{self.doc_iri}/{a.kind}/{count[a.kind]}"
            self.add(self.doc_iri, PK + ("copyRecipient" if a.kind == "cc" else "recipient"), node)
            self.add(node, RDF + "type", PK + "Addressee")
            self.add(node, RDFS + "label", _lit(a.name, lang="zh"))
            self.span(node, a.start, a.end)
            self.add(node, PROV + "wasDerivedFrom", self.read_from(a.start))
            if (org := self.org(a.department)) is not None:
                self.add(node, PK + "addressedBody", org)

    # --- duties and tasks --------------------------------------------------------------------------

    def duties(self) -> None:
        facts = self.doc.facts
        for n, duty in enumerate(facts.duties, 1):
            org = self.org(duty.department)
            if org is None:
                continue
            iri = self.unique(f"{self.doc_iri}/duty/{iri_path(duty.id or f'{duty.clause}/d{n}')}")
            self.add(iri, RDF + "type", PK + "DutyAssignment")
            self.add(iri, PK + "assignee", org)
            self.add(iri, PK + "role", ROLE + iri_segment(duty.role))
            if duty.action_concept:
                self.add(iri, PK + "action", ACTION + iri_segment(duty.action_concept))
            if duty.action:
                self.add(iri, PK + "actionLabel", _lit(duty.action))
            self.add(iri, PK + "dutyText", _lit(self.text(duty.start, duty.end)))
            if duty.clause:
                self.add(iri, PROV + "wasDerivedFrom", self.clause_iri(duty.clause))
            self.span(iri, duty.start, duty.end)
        for n, a in enumerate(facts.assignments, 1):
            task = self.clause_iri(a.clause)
            start, end = self.task_text(a)
            text = self.text(start, end)
            for k, did in enumerate(a.departments, 1):
                org = self.org(did)
                if org is None:
                    continue
                iri = self.unique(f"{self.doc_iri}/task/{iri_path(a.id or f'{a.clause}/t{n}')}/{k}")
                self.add(iri, RDF + "type", PK + "TaskAssignment")
                self.add(iri, RDF + "type", PK + "DutyAssignment")
                self.add(iri, PK + "assignee", org)
                self.add(iri, PK + "role", ROLE + iri_segment(a.role))
                self.add(iri, PK + "task", task)
                if text:
                    self.add(iri, PK + "dutyText", _lit(text))
                self.add(iri, PROV + "wasDerivedFrom", task)
                # its span is the task's text, as a duty's is its statement's (a quote of it gives
                # the dutyText); the tag that assigns it, (市人社局…按职责分工负责), is its tag span
                self.span(iri, *((start, end) if text else (a.start, a.end)))
                self.span(iri, a.start, a.end, link=PK + "tagSpan")

    def task_text(self, a: Assignment) -> tuple[int, int]:
        """Where the task a tag assigns is written: its clause's heading (全面落实产假及相关政策),
        else the clause's text after its label up to the tag — without the blanks around it
        or the 。 or ： closing it. Empty ([tag, tag)) when the clause is not there."""
        try:
            clause = self.doc.clause(a.clause)
        except KeyError:
            return a.start, a.start
        task = next((cell for cell in clause.cells if _task_column(cell.column)), None) if clause.kind == "row" else None
        if task is not None:  # a task table's row: its task column's cell (工作任务)
            s, e = task.start, task.end
        elif clause.heading:
            s, e = clause.heading.start, clause.heading.end
        else:
            e = min(clause.own.end, a.start)
            s = min(clause.own.start + len(clause.label), e)
        raw = self.text(s, e)
        s += len(raw) - len(raw.lstrip())
        return s, s + len(raw.strip().rstrip("。.:：;；"))

    # --- citations ---------------------------------------------------------------------------------

    def references(self) -> None:
        zones = {squeeze(self.doc.slice(z.heading)): z.id for z in self.doc.clauses if z.heading}
        for n, r in enumerate(self.doc.facts.references, 1):
            if not (r.title or r.number):
                continue
            iri = self.unique(f"{self.doc_iri}/citation/{iri_path(r.id or f'{r.clause}/ref{n}')}")
            self.add(iri, RDF + "type", PK + "Citation")
            self.add(iri, PK + "referenceKind", _lit(r.kind))
            if r.kind == "internal":  # the notice's own attachment (or itself): no eli:cites
                title = squeeze(r.title or "")
                cited = self.clause_iri(zones[title]) if title in zones else self.doc_iri
            else:
                cited = cited_document_iri(r.number, r.title, self.base)
                self.add(cited, RDF + "type", ELI + "LegalResource")
                if r.title:
                    self.add(cited, DCT + "title", _lit(r.title, lang="zh"))
                if r.number:
                    self.add(cited, ELI + "id_local", _lit(r.number))
                self.add(cited, RDFS + "label", _lit(r.title or r.number, lang="zh"))
                rel = ELI + ("based_on" if r.relation == "based_on" else "cites")
                self.add(self.doc_iri, rel, cited)
            self.add(iri, PK + "citedDocument", cited)
            if r.clause:
                self.add(iri, PROV + "wasDerivedFrom", self.clause_iri(r.clause))
            self.span(iri, r.start, r.end)

    # --- posts, persons and the joint meeting --------------------------------------------------------

    def posts(self) -> tuple[dict[tuple[int, int, str], str], dict[str, str]]:
        """The posts' nodes; their IRIs by (start, end, role) and by Post.id."""
        roles, labels = _post_roles(), _labels("policykg.ttl")
        by_span: dict[tuple[int, int, str], str] = {}
        by_id: dict[str, str] = {}
        m = self.doc.facts.meeting
        office = self.org(m.office_unit) if m is not None else None
        for n, post in enumerate(self.doc.facts.posts, 1):
            iri = self.unique(f"{self.doc_iri}/post/{iri_path(post.id or f'{post.clause}/post{n}')}")
            by_span[(post.start, post.end, post.role)] = iri
            if post.id:
                by_id.setdefault(post.id, iri)
            self.add(iri, RDF + "type", ORG + "Post")
            org = self.org(post.department)
            # a table's cell names the holder (its span), a list's item the post too (张三（县政府副县长）)
            cell = post.person is not None and squeeze(self.doc.text[post.start:post.end]) == post.person
            # an office's post named by its holder alone (办公室主任由李卫国同志兼任) is held from the
            # post the notice gives that person elsewhere (副召集人：…李卫国（市民政局局长）)
            other = self.held_elsewhere(post) if cell and m is not None \
                and post.role in ("office_member", "office_director", "office_deputy_director") else None  # (label, unit)
            if m is None:  # no body set up: the post is its unit's
                if org:
                    self.add(iri, ORG + "postIn", org)
            else:
                # a post of the body is in the body (its office's in the office), as ORG reads
                # org:postIn: 县政府分管副县长 convenes the joint meeting, it is no post of the
                # government. The unit its holder comes from is pk:homeUnit.
                # (a working group's head and deputies: in the group, held from their units)
                self.add(iri, ORG + "postIn", self.orgs[post.unit] if post.unit else
                         office if office and org == office else self.body_iri)
                home = self.orgs.get(other[1]) if other is not None else None
                for home in [home] if home and home not in (office, self.body_iri) else \
                        self.home_units(post, org, office):
                    self.add(iri, PK + "homeUnit", home)
            role = roles.get(post.role)
            if role:
                self.add(iri, ORG + "role", role)
            role_zh = labels.get(role or "", {}).get("zh", post.role)
            if post.role in ("office_member", "office_director", "office_deputy_director"):  # in the office, as written
                # … or, named by its holder alone (办公室主任由张三同志兼任), by the post the notice gives
                # that person elsewhere, else by its role
                label = other[0] if other is not None else \
                    role_zh if cell else _one_line(self.text(post.start, post.end))
            elif cell or not post.role or post.role in ("lead", "liaison") and post.department and not post.person:
                dep = self.doc.facts.departments.get(post.department)
                label = f"{dep.name if dep else ''}{role_zh}"
            else:  # a post described in prose: 县政府分管副县长
                label = _one_line(self.text(post.start, post.end))
                dep = self.doc.facts.departments.get(post.department)
                if dep and not any(post.start <= m.start < post.end for m in dep.mentions):
                    label = dep.name + label  # its unit named once for two posts (卫健委主要负责同志及分管负责同志)
                if post.role == "contact":  # 联系人：区人社局就业促进处　王丽萍: the role, then the unit as written
                    label = f"{role_zh}：{_one_line(self.text(post.start, post.end))}"
            self.add(iri, RDFS + "label", _lit(label, lang="zh"))
            if post.in_office:
                self.add(iri, PK + "officeMember", _lit(True, XSD + "boolean"))
            if post.clause:
                self.add(iri, PROV + "wasDerivedFrom", self.clause_iri(post.clause))
            self.span(iri, post.start, post.end)
            if self.persons and post.phone:  # (personal data: a contact's number, as a name is)
                self.add(iri, SCHEMA + "telephone", _lit(post.phone))
            if self.persons and post.email:  # (a contact's address in running text: personal data too)
                self.add(iri, SCHEMA + "email", _lit(post.email))
            if self.persons and post.person:
                person = self.person(squeeze(post.person))
                self.add(iri, ORG + "heldBy", person)
                self.add(person, ORG + "holds", iri)
        return by_span, by_id

    def person(self, name: str) -> str:
        """The node of the person called `name` in this notice (one a name: a post's holder, who
        leaves or takes a post in an adjustment)."""
        person = f"{self.doc_iri}/person/{_digest(name)[:12]}"
        self.add(person, RDF + "type", FOAF + "Person")
        self.add(person, FOAF + "name", _lit(name, lang="zh"))
        return person

    def held_elsewhere(self, post) -> tuple[str, str] | None:
        """Another post of the same person that the notice describes with its unit (李卫国 the
        office's director and 市民政局局长, a deputy convenor), if any: the first such, its
        label and unit — else one a member table's row gives him (市数据资源局 | 杨帆 | 局长:
        市数据资源局局长, `row_post`)."""
        text = self.doc.text
        posts = [p for p in self.doc.facts.posts if p is not post and p.person == post.person and p.department
                 and p.role not in ("office_member", "office_director", "office_deputy_director", "liaison")]
        said = next((p for p in posts if squeeze(text[p.start:p.end]) != p.person), None)
        if said is not None:
            return _one_line(self.text(said.start, said.end)), said.department
        return next(((label, p.department) for p in posts if (label := self.row_post(p))), None)

    def row_post(self, post) -> str | None:
        """The post a member table's row gives its person, with the row's unit (市数据资源局 |
        杨帆 | 局长: 市数据资源局局长; the 职务 column, pkc:post-column), if it gives one."""
        try:
            row = self.doc.clause(post.clause)
        except KeyError:
            return None
        if row.kind != "row" or not row.cells:
            return None
        cell = next((x for x in row.cells if squeeze(x.column) in _cue_words("post-column")), None)
        said = _one_line(self.text(cell.start, cell.end)) if cell is not None else ""
        dep = self.doc.facts.departments.get(post.department)
        if not said or dep is None:
            return None
        return said if said.startswith(dep.name) else dep.name + said

    def home_units(self, post, org: str | None, office: str | None) -> list[str]:
        """The units a post of the body is held from: its own department (县卫生健康委主要负责同志:
        the health commission), or for a post of the office those its words name
        (办公室主任由县卫健委分管负责同志兼任: the health commission); none for the liaison post,
        one in every member unit; and a post written as a list of posts, each after its unit
        (街道党工委副书记、办事处主任: the 党工委's and the 街道's government's), is held from each."""
        if org is not None and org not in (office, self.body_iri):
            more = (self.orgs[did] for did in post.also if did in self.orgs)  # (read by extract: Post.also)
            return list(dict.fromkeys([org, *(o for o in more if o not in (office, self.body_iri))]))
        if org is None or org != office:
            return []
        named = {self.orgs[did] for did, dep in self.doc.facts.departments.items()
                 if any(post.start <= x.start < post.end for x in dep.mentions) and did in self.orgs}
        return sorted(named - {office, self.body_iri})

    def meeting(self, posts: dict[tuple[int, int, str], str], post_ids: dict[str, str]) -> None:
        m = self.doc.facts.meeting
        if m is None:
            return
        kind = body_kind(m.kind) or body_kinds()[0]
        iri = self.body_iri
        self.add(iri, RDF + "type", kind.iri)  # pk:JointMeeting, pk:LeadingGroup …
        self.add(iri, RDF + "type", PK + "CoordinationBody")
        self.add(iri, RDF + "type", ORG + "Organization")
        self.add(iri, RDFS + "label", _lit(m.name or kind.label, lang="zh"))
        # read from the clause setting it up (二、成员单位); the notice when none holds all of it
        self.add(iri, PROV + "wasDerivedFrom", self.clause_iri(m.clause) if m.clause else self.doc_iri)
        if m.name_at is not None:  # where the text writes its name
            self.span(iri, m.name_at.start, m.name_at.end)
        self.add(self.doc_iri, PK + "establishes", iri)
        j = self.doc.jurisdiction
        place = self.jurisdiction(j.name, j.level) if j else None
        if place:
            self.add(iri, PK + "jurisdiction", place)
        # a joint meeting's head is its convenor (pk:convenor, a sub-property of pk:head)
        head, deputy = ("convenor", "deputyConvenor") if kind.head == "convenor" else ("head", "deputyHead")
        for prop, role, fields in ((PK + head, kind.head, [m.convenor, *m.co_convenors]),  # 双组长: each
                                   (PK + deputy, kind.deputy, m.deputy_convenors),
                                   (PK + "officeDirector", "office_director", [m.office_director]),
                                   (PK + "liaison", "liaison", [m.liaison])):
            for f in fields:
                post = f and posts.get((f.start, f.end, role))
                if post:
                    self.add(iri, prop, post)
        for prop, did in ((PK + "officeHost", m.office), (PK + "leadUnit", m.lead),
                          *((PK + "leadUnit", did) for did in m.co_leads),  # 县卫健委、县教育局为牵头单位
                          *((ORG + "reportsTo", did) for did in m.reports_to)):  # 在县政府领导下
            if self.org(did):
                self.add(iri, prop, self.org(did))
        # each link of the set-up traced to the words that say it (RDF reification): 在县政府领导下,
        # 办公室设在县卫生健康委, 县卫健委为牵头单位, 等21个单位
        for n, said in enumerate(m.reports_at, 1):
            self.said(f"{iri}/reports-to/{n}", iri, ORG + "reportsTo", self.org(said.department), said)
        self.said(f"{iri}/office-host", iri, PK + "officeHost", self.org(m.office), m.office_at)
        self.said(f"{iri}/lead-unit", iri, PK + "leadUnit", self.org(m.lead), m.lead_at)
        for n, said in enumerate(m.co_lead_at, 2):  # each co-lead traced to the same words
            self.said(f"{iri}/lead-unit/{n}", iri, PK + "leadUnit", self.org(said.department), said)
        office = self.org(m.office_unit)
        if office:  # the office as a unit of the body: its duties are its own (`duties`)
            # org:subOrganizationOf, not org:unitOf: ORG gives unitOf and hasUnit the range and
            # domain org:FormalOrganization, which would make the body a legal entity
            self.add(office, RDF + "type", ORG + "OrganizationalUnit")
            self.add(office, ORG + "subOrganizationOf", iri)
            self.add(iri, ORG + "hasSubOrganization", office)
            # said where it is set up (办公室设在…), else where a heading names it ((八)应急指挥部办公室)
            unit = self.doc.facts.departments[m.office_unit]
            self.said(f"{iri}/has-unit", iri, ORG + "hasSubOrganization", office,
                      m.office_at or next(iter(unit.mentions), None))
            if self.org(m.office):
                self.add(office, PK + "hostedBy", self.org(m.office))
                self.said(f"{iri}/office-hosted-by", office, PK + "hostedBy", self.org(m.office), m.office_at)
        for group in m.groups:  # its working groups: units of it as the office is, each with its posts and members
            unit = self.org(group.unit)
            self.add(unit, RDF + "type", ORG + "OrganizationalUnit")
            self.add(unit, RDF + "type", PK + "WorkingGroup")
            self.add(unit, ORG + "subOrganizationOf", iri)
            self.add(iri, ORG + "hasSubOrganization", unit)
            self.add(unit, PROV + "wasDerivedFrom", self.clause_iri(group.clause))
            self.span(unit, group.start, group.end)  # its name as its item's heading writes it
            for prop, role, fields in ((PK + "head", "group_leader", [group.head, *group.co_heads]),
                                       (PK + "deputyHead", "deputy_group_leader", group.deputies)):
                for f in fields:
                    post = f and posts.get((f.start, f.end, role))
                    if post:
                        self.add(unit, prop, post)
            if self.org(group.lead):  # 牵头单位:…, traced to its words as the body's lead unit is
                self.add(unit, PK + "leadUnit", self.org(group.lead))
                self.said(f"{unit}/lead-unit", unit, PK + "leadUnit", self.org(group.lead), group.lead_at)
            for n, (did, said) in enumerate(zip(group.co_leads, group.co_lead_at), 2):  # 牵头单位:A、B; 组长:A、B
                if self.org(did):
                    self.add(unit, PK + "leadUnit", self.org(did))
                    self.said(f"{unit}/lead-unit/{n}", unit, PK + "leadUnit", self.org(did), said)
            self.memberships(unit, group.members, group.member_at)
        if m.stated_count is not None:
            self.add(iri, PK + "statedMemberCount", _int(m.stated_count))
            self.said(f"{iri}/member-count", iri, PK + "statedMemberCount", _int(m.stated_count), m.count_at)
        self.memberships(iri, m.members, m.member_at)
        for n, rule in enumerate(m.rules, 1):
            r = self.unique(f"{self.doc_iri}/rule/{iri_path(rule.id or f'{rule.clause}/rule{n}')}")
            self.add(iri, PK + "meetingRule", r)
            self.add(r, RDF + "type", PK + "MeetingRule")
            if rule.kind:
                self.add(r, PK + "ruleKind", MEETING + iri_segment(rule.kind))
            if rule.label:
                self.add(r, RDFS + "label", _lit(rule.label, lang="zh"))
            if rule.period:
                self.add(r, PK + "period", _lit(rule.period, XSD + "duration"))
            if rule.times_min is not None:
                self.add(r, PK + "timesMin", _int(rule.times_min))
            if rule.times_max is not None:
                self.add(r, PK + "timesMax", _int(rule.times_max))
            self.add(r, PK + "irregular", _lit(bool(rule.irregular), XSD + "boolean"))
            if rule.schedule:  # regular, irregular or both (定期或不定期)
                self.add(r, PK + "schedule", MEETING + rule.schedule)
            if rule.clause:
                self.add(r, PROV + "wasDerivedFrom", self.clause_iri(rule.clause))
            self.span(r, rule.start, rule.end)
            self.participants(r, rule.participants, rule.id, post_ids)
        self.participants(iri, m.participants, "meeting", post_ids)  # the joint meeting's as a whole
        self.changes(iri, post_ids)

    def changes(self, iri: str, post_ids: dict[str, str]) -> None:
        """What an adjustment notice changes in body `iri`: an org:ChangeEvent each (pk:MemberJoining,
        pk:MemberLeaving, pk:PostSuccession, pk:MemberCountChange), the body its original and resulting organisation,
        traced to its clause and words; a joining unit's membership prov:wasGeneratedBy it."""
        m = self.doc.facts.meeting
        roles = _post_roles()
        kinds = {"joined": "MemberJoining", "left": "MemberLeaving", "succession": "PostSuccession",
                 "recounted": "MemberCountChange"}
        for n, change in enumerate(self.doc.facts.changes, 1):
            node = self.unique(f"{iri}/change/{iri_path(change.id or str(n))}")
            self.add(node, RDF + "type", ORG + "ChangeEvent")
            self.add(node, RDF + "type", PK + kinds.get(change.kind, "BodyChange"))
            self.add(node, ORG + "originalOrganization", iri)
            self.add(node, ORG + "resultingOrganization", iri)
            self.add(iri, ORG + "changedBy", node)
            self.add(node, RDFS + "label", _lit(_one_line(self.text(change.start, change.end)), lang="zh"))
            if change.clause:
                self.add(node, PROV + "wasDerivedFrom", self.clause_iri(change.clause))
            self.span(node, change.start, change.end)
            if change.reason is not None:
                self.add(node, PK + "changeReason", _lit(self.text(change.reason.start, change.reason.end)))
            unit = self.org(change.department)
            if unit:
                self.add(node, PK + "changedUnit", unit)
                if change.kind == "joined" and change.department in m.members:  # its membership: made by the change
                    self.add(f"{iri}/member/{m.members.index(change.department) + 1}", PROV + "wasGeneratedBy", node)
            if change.role in roles:
                self.add(node, PK + "changedRole", roles[change.role])
            if change.kind == "recounted":  # 成员单位由12个调整为15个: no post, the number of members
                for prop, n in ((PK + "previousMemberCount", change.count_from),
                                (PK + "resultingMemberCount", change.count_to),
                                (PK + "memberCountDelta", change.count_by)):
                    if n is not None:
                        self.add(node, prop, _int(n))
            elif change.post is not None:  # the post as written: 领导小组副组长, 联席会议成员
                self.add(node, PK + "changedPostText", _lit(_one_line(self.text(change.post.start, change.post.end))))
            if change.incoming_post in post_ids:
                self.add(node, PK + "newPost", post_ids[change.incoming_post])
            for prop, who in ((PK + "outgoingHolder", change.outgoing), (PK + "incomingHolder", change.incoming)):
                if self.persons and who is not None:
                    self.add(node, prop, self.person(who.value))

    def memberships(self, iri: str, members: list[str], member_at: list) -> None:
        """An org:Membership of each of `members` (Department.ids) in body or group `iri`, spanned
        where the notice lists it (`member_at`, in the same order) and read from that clause."""
        member_role = _post_roles().get("member")
        for k, did in enumerate(members, 1):
            org = self.org(did)
            if org is None:
                continue
            ms = f"{iri}/member/{k}"
            self.add(ms, RDF + "type", ORG + "Membership")
            self.add(ms, ORG + "member", org)
            self.add(ms, ORG + "organization", iri)
            if member_role:
                self.add(ms, ORG + "role", member_role)
            if k <= len(member_at):  # where the notice lists it as a member, read from that clause
                at = member_at[k - 1]
                self.span(ms, at.start, at.end)
                self.add(ms, PROV + "wasDerivedFrom", self.read_from(at.start))

    def said(self, node: str, s: str, p: str, o: "str | Lit | None", at: Mention | None) -> None:
        """The statement (s p o) as an rdf:Statement `node` with the span and clause of `at`, the
        words that say it — none without both an object and those words."""
        if o is None or at is None:
            return
        self.add(node, RDF + "type", RDF + "Statement")
        self.add(node, RDF + "subject", s)
        self.add(node, RDF + "predicate", p)
        self.add(node, RDF + "object", o)
        self.span(node, at.start, at.end)
        if at.clause:
            self.add(node, PROV + "wasDerivedFrom", self.clause_iri(at.clause))

    def participants(self, r: str, found, owner: str, post_ids: dict[str, str]) -> None:
        """Who chairs, attends or may be invited to the meetings of a rule or of the whole
        joint meeting (IRI `r`, model id `owner`): a pk:MeetingParticipation each, its phrase
        as label, the post roles it names and the meeting's posts of those roles."""
        parts, roles = {n: iri for n, _, iri in meeting_parts()}, _post_roles()
        for n, p in enumerate(found, 1):
            part = parts.get(p.part)
            if part is None:
                continue
            iri = self.unique(f"{self.doc_iri}/participation/{iri_path(p.id or f'{owner}/p{n}')}")
            self.add(r, PK + "participation", iri)
            self.add(iri, RDF + "type", PK + "MeetingParticipation")
            self.add(iri, PK + "part", part)
            self.add(iri, RDFS + "label", _lit(_one_line(self.text(p.start, p.end)), lang="zh"))
            for role in p.roles:
                if role in roles:
                    self.add(iri, PK + "participantRole", roles[role])
            for pid in p.posts:
                if pid in post_ids:
                    self.add(iri, PK + "participant", post_ids[pid])
            if p.clause:
                self.add(iri, PROV + "wasDerivedFrom", self.clause_iri(p.clause))
            self.span(iri, p.start, p.end)

    def build(self) -> NoticeGraph:
        self.document()
        self.clauses()
        if self.doc.facts is not None:
            self.organisations()
            self.addressees()
            self.duties()
            self.references()
            self.meeting(*self.posts())
        return NoticeGraph(self.graph.value, self.rows, self._nodes)


def notice_graph(doc: Document, *, base: str = DEFAULT_BASE, persons: bool = True) -> NoticeGraph:
    """All the RDF of one notice (see `to_rdf`), before it becomes pyoxigraph terms."""
    return _Builder(doc, normalise_base(base), persons).build()


def to_rdf(doc: Document, *, base: str = DEFAULT_BASE, persons: bool = True) -> list[ox.Quad]:
    """All the RDF of one notice, as quads in its named graph `graph_iri(doc, base)`.

    Deterministic: the same document gives the same quads in the same order. `persons=False`
    leaves out every foaf:Person, every name, and masks names inside the source text.
    """
    return notice_graph(doc, base=base, persons=persons).quads()


# --- the networkx view ---------------------------------------------------------------------------

NODE_KINDS = (  # first matching rdf:type wins
    (PK + "Notice", "document"), (PK + "TaskAssignment", None), (PK + "DutyAssignment", "duty"),
    (PK + "CoordinationBody", "meeting"), (PK + "JointMeeting", "meeting"), (ORG + "Organization", "department"),
    (DCT + "Jurisdiction", "jurisdiction"), (FOAF + "Person", "person"), (ORG + "Post", "post"),
    (PK + "MeetingRule", "meeting-rule"), (ELI + "LegalResourceSubdivision", "clause"),
    (ELI + "LegalResource", "reference"), (PK + "Addressee", "addressee"), (ORG + "ChangeEvent", "change"),
)
TITLE_MAX = 400
# The `clause` of a span no clause holds: the notice's header or footer (版头/版记 — its
# title, 主送 and 抄送 lines), as parse.py calls the lines outside the clause tree.
OUTSIDE_CLAUSES = "header"
# member_of is an org:Membership's (unit → body) alone; a post's org:postIn and pk:homeUnit,
# an office's org:subOrganizationOf (unit_of) and a body's posts and hosts are edges named
# after their properties.
EDGE_KINDS = {
    ELI + "has_part": "has_part", PK + "meetingRule": "has_part", PK + "establishes": "has_part",
    SCHEMA + "mentions": "mentions", PK + "assignee": "duty_of", ELI + "cites": "cites",
    ELI + "based_on": "cites", ORG + "postIn": "post_in", PK + "counterpart": "counterpart",
    ORG + "classification": "matches", ORG + "heldBy": "holds_post", ORG + "subOrganizationOf": "unit_of",
    PK + "jurisdiction": "in_jurisdiction", ELI + "jurisdiction": "in_jurisdiction", ELI + "passed_by": "issued_by",
    PK + "recipient": "addressed_to", PK + "copyRecipient": "copied_to", PK + "addressedBody": "is_body",
    ORG + "reportsTo": "reports_to", PK + "head": "head", PK + "deputyHead": "deputy_head",
    PK + "convenor": "convenor", PK + "deputyConvenor": "deputy_convenor", PK + "officeDirector": "office_director",
    PK + "liaison": "liaison", PK + "officeHost": "office_host", PK + "leadUnit": "lead_unit",
    PK + "hostedBy": "hosted_by", PK + "homeUnit": "home_unit",
    SKOS + "broader": "within",  # a township's jurisdiction → the county it is in (宏村镇 → 黟县)
    # an adjustment's changes (body → change → the unit joining or leaving, who leaves and takes a post, the post)
    ORG + "changedBy": "changed_by", PK + "changedUnit": "changed_unit", PK + "outgoingHolder": "outgoing_holder",
    PK + "incomingHolder": "incoming_holder", PK + "newPost": "new_post",
}


def _quads_of(store_or_quads) -> Iterator[ox.Quad | ox.Triple]:
    if isinstance(store_or_quads, ox.Store):
        return iter(store_or_quads.quads_for_pattern(None, None, None, None))
    return iter(store_or_quads)


def ntriples_literal(term: str) -> tuple[str, int]:
    """(lexical form, index of its closing quote) of a literal term as pyoxigraph writes it
    in N-Triples (``"…"``, ``"…"@zh``, ``"…"^^<…>``): its escapes are JSON's (\\" \\\\ \\n
    \\r \\t \\uXXXX), so only a literal holding a backslash is decoded."""
    q = term.rindex('"')  # language tags and datatype IRIs hold no quote
    return (json.loads(term[:q + 1]) if "\\" in term[1:q] else term[1:q]), q


def _statements(store_or_quads, graph: str | None) -> tuple[dict[str, dict[str, list]], dict[str, list[str]]]:
    """subject IRI → predicate → object values (IRIs and lexical forms; blank nodes as
    ``_:id``), and subject → the named graphs it is a subject in (a document two notices cite
    is in both). With `graph`, the store's graph of that name, read off its N-Triples (3×
    faster than through term objects)."""
    props: dict[str, dict[str, list]] = {}
    graph_of: dict[str, list[str]] = {}
    if graph is not None and isinstance(store_or_quads, ox.Store):
        data = store_or_quads.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        # lines end at LF alone: a literal holds U+2028, U+0085 or \x1c as it is (str.splitlines cut it there)
        for line in data.decode("utf-8").split("\n"):
            if not line:
                continue
            s, p, o = line[:-2].split(" ", 2)  # "<s> <p> o ." as pyoxigraph writes it
            if s[0] != "<":
                continue
            s = s[1:-1]
            if o[0] == "<":
                o = o[1:-1]
            elif o[0] == '"':
                o = ntriples_literal(o)[0]
            by_p = props.get(s)
            if by_p is None:
                by_p = props[s] = {}
                graph_of[s] = [graph]
            by_p.setdefault(p[1:-1], []).append(o)
        return props, graph_of
    for q in _quads_of(store_or_quads):
        if not isinstance(q.subject, ox.NamedNode):
            continue
        s, p, o = q.subject.value, q.predicate.value, q.object
        props.setdefault(s, {}).setdefault(p, []).append(o.value if isinstance(o, (ox.NamedNode, ox.Literal)) else str(o))
        g = getattr(q, "graph_name", None)
        if isinstance(g, ox.NamedNode):
            graphs = graph_of.setdefault(s, [])
            if g.value not in graphs:
                graphs.append(g.value)
    return props, graph_of


def to_networkx(store_or_quads: "ox.Store | Iterable[ox.Quad]", graph: str | None = None) -> "networkx.MultiDiGraph":
    """A `MultiDiGraph` keyed by IRI for views and graph algorithms.

    Node attributes: `label`, `kind` (document, clause, task, department, meeting, concept,
    duty, reference, jurisdiction, person, post, meeting-rule, addressee, change), `jurisdiction` (name;
    for a node of several notices, theirs when they share it, else none), `title` (hover text:
    the exact source sentence, or the name), `doc` (IRI of the notice; the IRIs of all the
    notices whose graphs state it, space-separated, for a document several cite);
    a node with a span in the notice's text (a clause, duty, post, rule, meeting, addressee …)
    also `start` and `end` (character offsets: the text's [start, end) is the sentence) and
    `clause` (the id of the clause it is, or is read from, else the innermost clause its span
    lies in: main/4/1; ``header`` for a 主送 or 抄送 item or a name in the title, which no clause
    holds), a post its `role` (convenor, liaison …), and a notice `text` (the text those
    offsets count in), so each fact can be traced to its words.
    Edge attribute `kind`: has_part, mentions, duty_of, assigned_to, cites, member_of (a
    membership: unit → body, with the `start`/`end`/`clause` of where the notice lists it),
    post_in, home_unit, unit_of, head, deputy_head, convenor, deputy_convenor, office_director, liaison,
    office_host, lead_unit, hosted_by, counterpart, matches, holds_post, in_jurisdiction,
    issued_by, addressed_to, copied_to, is_body, reports_to, changed_by (a body → an adjustment's change),
    changed_unit, outgoing_holder, incoming_holder, new_post (plus `role`/`relation` where known).
    `graph`: only that named graph of a store.
    """
    import networkx as nx

    if graph is not None and not isinstance(store_or_quads, ox.Store):
        raise PolicykgError("to_networkx: a graph name needs a store")
    props, graph_of = _statements(store_or_quads, graph)

    def one(s: str, p: str, default: str = "") -> str:
        vals = props.get(s, {}).get(p)
        return min(vals) if vals else default

    # a graph's notice is its description's foaf:primaryTopic: a notice it cites is typed a
    # notice in it too (a placeless notice's IRI is its 文号's, as a citation of it is)
    notice_of_graph: dict[str, str] = {}
    for s, pr in props.items():
        if PK + "Notice" in pr.get(RDF + "type", []):
            for g in graph_of.get(s, ()):
                topic = props.get(g, {}).get(FOAF + "primaryTopic")
                notice_of_graph[g] = min(topic) if topic else notice_of_graph.get(g, s)
    jname = lambda j: one(j, RDFS + "label") if j else ""

    def docs_of(s: str) -> list[str]:
        """The notices whose graphs state `s`: one for a fact, each citing notice for a
        document several cite (not whichever graph came first)."""
        return sorted({notice_of_graph[g] for g in graph_of.get(s, ()) if g in notice_of_graph})

    def where(s: str) -> tuple[str, int, int] | None:
        """(source text IRI, start, end) of `s`'s span (of an annotation's target)."""
        span = one(s, PK + "span") or one(s, OA + "hasTarget")
        return span_offsets(span) if span else None

    def exact(at: tuple[str, int, int] | None) -> str:
        """The source characters of a span."""
        return one(at[0], PK + "sourceText")[at[1]:at[2]] if at else ""

    kinds: dict[str, str] = {}
    for s in sorted(props):
        types = set(props[s].get(RDF + "type", []))
        kind = next((k for t, k in NODE_KINDS if t in types), "")
        if kind:
            kinds[s] = kind
    tasks = {o for s, pr in props.items() for o in pr.get(PK + "task", [])}
    for t in tasks:
        if kinds.get(t) == "clause":
            kinds[t] = "task"
    concepts = {o for pr in props.values() for o in pr.get(ORG + "classification", [])}
    clause_spans: dict[str, list[tuple[int, int, str]]] = {}  # source text → its clauses' spans and ids
    for s, kind in kinds.items():
        at = where(s) if kind in ("clause", "task") else None
        if at and one(s, DCT + "identifier"):
            clause_spans.setdefault(at[0], []).append((at[1], at[2], one(s, DCT + "identifier")))

    def clause_of(s: str, at: tuple[str, int, int]) -> str:
        """The id of the clause `s` is (or is read from) when its span lies in it, else of the
        innermost clause its span lies in, else `OUTSIDE_CLAUSES`: a body read from 二、成员单位
        but named in the title has the clause of its name's span (`start`, `end` and `clause`
        say one place)."""
        inside = [(b - a, c) for a, b, c in clause_spans.get(at[0], []) if a <= at[1] and at[2] <= b]
        read_from = s if kinds.get(s) in ("clause", "task") else one(s, PROV + "wasDerivedFrom")
        own = one(read_from, DCT + "identifier") if kinds.get(read_from) in ("clause", "task") else None
        if own and (s == read_from or any(c == own for _, c in inside)):
            return own
        return min(inside)[1] if inside else OUTSIDE_CLAUSES

    post_roles = {iri: notation for notation, iri in _post_roles().items()}

    g = nx.MultiDiGraph()
    for s, kind in kinds.items():
        docs = docs_of(s)
        d = " ".join(docs)  # IRIs hold no space
        if kind == "department" or kind == "meeting":
            j = jname(one(s, PK + "jurisdiction"))
        elif kind == "jurisdiction":
            j = one(s, RDFS + "label")
        else:  # its notices' jurisdiction; none when they differ (a law two places cite is of neither)
            places = {jname(one(x, ELI + "jurisdiction")) for x in docs}
            j = places.pop() if len(places) == 1 else ""
        label = (one(s, RDFS + "label") or one(s, DCT + "title") or one(s, PK + "dutyText")
                 or one(s, FOAF + "name") or s.rsplit("/", 1)[-1])
        if kind == "duty":
            label = one(s, PK + "dutyText") or label
        at = where(s)
        title = exact(at) or one(s, DCT + "title") or label
        if len(title) > TITLE_MAX:  # a zone's quote is the whole notice: too long to hover
            title = title[:TITLE_MAX - 1] + "…"
        g.add_node(s, label=_one_line(label)[:60], kind=kind, jurisdiction=j, title=title, doc=d)
        if at:  # set only where there is a span: GraphML keeps each attribute's one type
            g.nodes[s].update(start=at[1], end=at[2])
            g.nodes[s]["clause"] = clause_of(s, at)
        if kind == "document" and one(one(s, PROV + "hadPrimarySource"), PK + "sourceText"):
            g.nodes[s]["text"] = one(one(s, PROV + "hadPrimarySource"), PK + "sourceText")
        if kind == "post" and one(s, ORG + "role") in post_roles:
            g.nodes[s]["role"] = post_roles[one(s, ORG + "role")]
    for c in sorted(concepts):
        if c not in g:
            g.add_node(c, label=c.rstrip("/").rsplit("/", 1)[-1], kind="concept", jurisdiction="",
                       title=c, doc="")

    seen: set[tuple[str, str, str]] = set()

    def edge(u: str, v: str, kind: str, **attrs) -> None:
        if u in g and v in g and (u, v, kind) not in seen:
            seen.add((u, v, kind))
            g.add_edge(u, v, key=kind, kind=kind, **attrs)

    for s in sorted(props):
        types = props[s].get(RDF + "type", [])
        if PK + "TaskAssignment" in types:
            role = one(s, PK + "role").rsplit("/", 1)[-1]
            for task in props[s].get(PK + "task", []):
                for org in props[s].get(PK + "assignee", []):
                    edge(task, org, "assigned_to", role=role)
            continue
        if ORG + "Membership" in types:
            at = where(s)
            said = dict(start=at[1], end=at[2], clause=clause_of(s, at)) if at else {}  # where the notice lists it
            for m in props[s].get(ORG + "member", []):
                for o in props[s].get(ORG + "organization", []):
                    edge(m, o, "member_of", **said)
            continue
        if PK + "DutyAssignment" in types:
            for clause in props[s].get(PROV + "wasDerivedFrom", []):
                edge(clause, s, "has_part")
        for p, objs in sorted(props[s].items()):
            kind = EDGE_KINDS.get(p)
            if not kind:
                continue
            for o in sorted(objs):
                if kind == "holds_post":
                    edge(o, s, kind)  # person → post
                elif kind == "duty_of":
                    edge(s, o, kind, role=one(s, PK + "role").rsplit("/", 1)[-1])
                elif kind == "cites":
                    edge(s, o, kind, relation=p.rsplit("#", 1)[-1])
                else:
                    edge(s, o, kind)
    return g


def link_counterparts(store: "ox.Store", *, base: str = DEFAULT_BASE) -> int:
    """`pk:counterpart` between organisations of the same registry concept in different
    jurisdictions that both issued a notice in the store (祁门县's and 巴彦淖尔市's health
    commissions; not the national ministry a notice merely cites), (re)written into the
    named graph ``{base}counterparts``. Returns the number of links (each direction counts).

    All pairs: the links grow with the square of the jurisdictions, so `policykg build`
    does not call this — comparisons (`compare.add_comparison`) link the pairs compared.
    Two linear queries joined here (one SPARQL join took minutes at 200 notices)."""
    graph = ox.NamedNode(normalise_base(base) + "counterparts")
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    issuers = {r["j"] for r in store.query(
        f"SELECT DISTINCT ?j WHERE {{ ?d a <{PK}Notice> ; <{ELI}jurisdiction> ?j }}",
        use_default_graph_as_union=True)}
    by_concept: dict = {}
    for r in store.query(f"SELECT DISTINCT ?o ?c ?j WHERE {{ ?o <{ORG}classification> ?c ; <{PK}jurisdiction> ?j }}",
                         use_default_graph_as_union=True):
        if r["j"] in issuers:
            by_concept.setdefault(r["c"], set()).add((r["o"], r["j"]))
    close = ox.NamedNode(PK + "counterpart")
    links = {ox.Quad(a, close, b, graph) for orgs in by_concept.values()
             for a, ja in orgs for b, jb in orgs if a != b and ja != jb}
    store.extend(sorted(links, key=str))
    return len(links)


# --- validation ------------------------------------------------------------------------------------


@cache
def _prepared(query: str):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(query)


def _in_prefix_order(query: str) -> str:
    """`query` with its leading PREFIX lines sorted: pyshacl writes shapes.ttl's sh:declare
    prefixes in an order that changes from one parse of the shapes to the next (blank nodes
    in a set), and each order was a text parsed again."""
    lines = query.split("\n")
    n = next((i for i, line in enumerate(lines) if not line.startswith("PREFIX ")), len(lines))
    return "\n".join(sorted(lines[:n]) + lines[n:])


def _data_graph():
    """An rdflib graph whose string queries are parsed once per text: pyshacl hands each
    SPARQL constraint of shapes.ttl to rdflib as text for every focus node, and parsing, not
    evaluating, was most of the time of validating a notice (0.9 s of 1 s for a small one)."""
    import rdflib

    class PreparedQueries(rdflib.Graph):
        def query(self, query_object, *args, **kwargs):
            if isinstance(query_object, str):
                query_object = _prepared(_in_prefix_order(query_object))
            return super().query(query_object, *args, **kwargs)

    return PreparedQueries()


def validate(store_or_quads: "ox.Store | Iterable[ox.Quad]", *, graph: str | None = None) -> tuple[bool, str, object]:
    """Check quads (or one named graph of a store) against `ontology/shapes.ttl` with pyshacl.

    Returns (conforms, the report as text, the report as an rdflib graph).
    """
    import pyshacl
    import rdflib

    from .knowledge import ontology_dir

    if isinstance(store_or_quads, ox.Store):
        quads = store_or_quads.quads_for_pattern(None, None, None, ox.NamedNode(graph) if graph else None)
    else:
        quads = store_or_quads
    triples = {q.triple if isinstance(q, ox.Quad) else q for q in quads}
    data = _data_graph()
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return bool(conforms), text, report
