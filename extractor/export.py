"""Export: a store (or quads) → files: Turtle, JSON-LD, N-Triples, N-Quads, GraphML, CSV.

In: a `pyoxigraph.Store` or an iterable of quads/triples (e.g. `graph.to_rdf(doc)`), and
optionally the named graphs to write (`graph`: one IRI or a list). Out: the written `Path`.

Every writer is deterministic — statements sorted, fixed prefixes, no blank nodes, no
timestamps — so a rebuild gives byte-identical files; and atomic — it writes a temporary
file in the target directory and `os.replace`s it, so a crash never leaves half a file.
N-Triples/N-Quads go through pyoxigraph's serialiser; Turtle is written here from the sorted
lines' terms as pyoxigraph's serialiser writes it (a test compares them on every kind of
term), or by that serialiser, streamed, when a term is of a kind not known here; JSON-LD is
written here as compact, flattened JSON-LD 1.1 with an embedded @context of the prefixes.
"""
from __future__ import annotations

import csv
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import IO, Sequence

import pyoxigraph as ox

from .errors import PolicykgError
from .files import atomic_write, write_bytes  # atomic_write is also used from here by build and tests
from .graph import PK, PREFIXES, RDF, RDFS, ntriples_literal, to_networkx
from .render import CSV_LINE_END, csv_cell

StoreOrQuads = "ox.Store | Iterable[ox.Quad | ox.Triple] | SortedNTriples"
Graphs = "str | Sequence[str] | None"  # the named graphs to write: one IRI, several, or None for all


class SortedNTriples(bytes):
    """N-Triples as `sorted_ntriples` returns them: distinct lines in writing order. Every
    writer but N-Quads takes it as its source, so a build worker sorts a notice once.
    `terms`: each line's (subject, predicate, object) as `_terms` gives them, when its maker
    kept them (`graph.NoticeGraph.sorted_ntriples`), else None."""

    terms: "list[tuple[str, str, str]] | None" = None


def _terms(lines: SortedNTriples) -> "list[tuple[str, str, str]]":
    """(subject, predicate, object) of each line: the subject's and the predicate's IRI (a
    blank node subject as ``_:b``: no IRI starts so), the object as written (``<o>``, a
    literal, ``_:b``). Lines end at LF alone: a literal holds U+2028 or U+0085 as it is
    (`str.splitlines` cut it there)."""
    if lines.terms is not None:
        return lines.terms
    out = []
    for line in lines.decode("utf-8").split("\n"):
        if line:
            s, p, o = line[:-2].split(" ", 2)  # "<s> <p> o ."
            out.append((s[1:-1] if s[0] == "<" else s, p[1:-1], o))
    return out


# --- statements, sorted ---------------------------------------------------------------------------


def _is_ontology_graph(g) -> bool:
    """The ontology graph, and the build's own bookkeeping graph ({base}build, see search.py)."""
    from .search import is_build_graph

    return isinstance(g, ox.NamedNode) and (g.value.rsplit("/", 1)[-1] == "ontology" or is_build_graph(g))


def _chosen(graph: Graphs) -> list[str] | None:
    if graph is None or graph == "":
        return None
    return [graph] if isinstance(graph, str) else sorted(set(graph))


def _graphs(source: ox.Store, graph: Graphs) -> list:
    """The graphs to write: those named (each must be in `source`), or every graph but the
    ontology graph, which a store may hold for querying (`store.load_ontology`) and which
    is not data."""
    chosen = _chosen(graph)
    if chosen is None:
        return [g for g in sorted(source.named_graphs(), key=str) if not _is_ontology_graph(g)] + [ox.DefaultGraph()]
    out = []
    for iri in chosen:
        try:
            node = ox.NamedNode(iri)
        except ValueError as exc:
            raise PolicykgError(f"{iri!r}: not a graph IRI ({exc})") from None
        if not source.contains_named_graph(node):
            raise PolicykgError(f"{iri}: no such named graph in the store")
        out.append(node)
    return out


def _all_quads(source, graph: Graphs) -> list[ox.Quad | ox.Triple]:
    if isinstance(source, ox.Store):
        return [q for g in _graphs(source, graph) for q in source.quads_for_pattern(None, None, None, g)]
    quads = list(source)
    chosen = _chosen(graph)
    if chosen is not None:
        wanted = set(chosen)
        quads = [q for q in quads if isinstance(q, ox.Quad) and isinstance(q.graph_name, ox.NamedNode)
                 and q.graph_name.value in wanted]
    return quads


# rdf:type sorts first among a subject's statements.
_TYPE_LINE = f"> <{RDF}type> ".encode()
_TYPE_FIRST = b"> <\x00> "


def _line_key(line: bytes) -> bytes:
    return line.replace(_TYPE_LINE, _TYPE_FIRST, 1)


def _sorted_lines(data: bytes) -> bytes:
    """Distinct N-Triples/N-Quads lines, sorted as bytes (subject first, so a subject's
    statements stay together). Sorting serialised lines beats sorting term objects ~2.5×
    on 1M triples (tests/bench/bench_store.py)."""
    lines = set(data.split(b"\n"))
    lines.discard(b"")
    return b"".join(line + b"\n" for line in sorted(lines, key=_line_key))


def sort_ntriples(data: bytes) -> SortedNTriples:
    """N-Triples lines (e.g. `graph.NoticeGraph.ntriples`), distinct and in writing order."""
    return SortedNTriples(_sorted_lines(data))


def sorted_ntriples(source: StoreOrQuads, graph: Graphs = None) -> SortedNTriples:
    """The distinct triples of `source` (all graphs merged, or one) as sorted N-Triples."""
    if isinstance(source, SortedNTriples):
        return source
    if isinstance(source, ox.Store):
        data = b"".join(source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in _graphs(source, graph))
    else:
        data = ox.serialize((q.triple if isinstance(q, ox.Quad) else q for q in _all_quads(source, graph)),
                            format=ox.RdfFormat.N_TRIPLES)
    return SortedNTriples(_sorted_lines(data))


def sorted_nquads(source: StoreOrQuads, graph: Graphs = None) -> bytes:
    if isinstance(source, ox.Store):
        data = b"".join(ox.serialize(source.quads_for_pattern(None, None, None, g), format=ox.RdfFormat.N_QUADS)
                        for g in _graphs(source, graph))
    else:
        data = ox.serialize((q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object)
                             for q in _all_quads(source, graph)), format=ox.RdfFormat.N_QUADS)
    return _sorted_lines(data)


def sorted_triples(source: StoreOrQuads, graph: Graphs = None) -> list[ox.Triple]:
    """The distinct triples of `source`, in the order every writer uses."""
    return [q.triple for q in ox.parse(sorted_ntriples(source, graph), format=ox.RdfFormat.N_TRIPLES)]


# --- RDF formats ------------------------------------------------------------------------------------


class _SkipLines:
    """A binary writer that drops the first `n` lines written through it."""

    def __init__(self, fh: IO[bytes], n: int):
        self.fh, self.n = fh, n

    def write(self, data: bytes) -> int:
        size = len(data)
        while self.n and data:
            cut = data.find(b"\n")
            if cut < 0:
                return size
            data, self.n = data[cut + 1:], self.n - 1
        if data:
            self.fh.write(data)
        return size

    def flush(self) -> None:
        self.fh.flush()


def write_turtle(source: StoreOrQuads, path: str | Path, *, graph: Graphs = None) -> Path:
    """Turtle of one named graph, or of all graphs merged (`graph=None`, the ontology graph
    left out); sorted, byte-stable."""
    lines = sorted_ntriples(source, graph)
    # pyoxigraph writes every given prefix first, in an order of its own: write them sorted
    # ourselves (and drop its lines), so the header cannot change between versions.
    head = "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(PREFIXES.items())).encode() + b"\n"
    body = _turtle_text(lines)
    if body is not None:
        return write_bytes(path, head + body)
    ordered = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)  # streamed
    with atomic_write(path) as fh:
        fh.write(head)
        ox.serialize(ordered, _SkipLines(fh, len(PREFIXES)), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return Path(path)


class _Unsure(Exception):
    """A term `_turtle_text` does not know how pyoxigraph writes."""


# A local name pyoxigraph writes as it is after its prefix (tests/test_export.py asks it of
# each kind): empty, or ASCII letters, digits, _ and Han, with - and . inside (. not last).
_LOCAL_CHARS = "A-Za-z0-9_\u3400-\u4dbf\u4e00-\u9fff"
_TURTLE_LOCAL = re.compile(f"(?:[{_LOCAL_CHARS}](?:[{_LOCAL_CHARS}.-]*[{_LOCAL_CHARS}-])?)?")
_TURTLE_INTEGER = re.compile(r"[+-]?[0-9]+")
_XSD = "http://www.w3.org/2001/XMLSchema#"


# The names of IRIs in a namespace of `PREFIXES` (the vocabulary: predicates, classes, concepts),
# kept from one notice to the next: ~120 of a notice's ~400 IRIs, the same in every notice. At
# most this many (the data's own IRIs are in no namespace of `PREFIXES`).
_SHARED_NAMES = 1 << 16
_TURTLE_NAMES: dict[str, str] = {}


def _turtle_text(lines: SortedNTriples) -> bytes | None:
    """The statements of `lines` as pyoxigraph's Turtle serialiser writes them after its
    @prefix lines (one subject a paragraph: ``s a C ;\n\tp o , o .``; a prefixed name where
    the IRI is in a namespace of `PREFIXES`; xsd:integer and xsd:boolean bare), written here
    from the lines' terms (2× faster than pyoxigraph reading the lines into terms and
    writing them). None when some term is of a kind it does not know (a decimal, a double,
    a local name with characters Turtle escapes): pyoxigraph writes that file."""
    ns, longest = _namespaces()
    if _nested_namespaces():
        return None
    names: dict[str, str] = {}  # IRI → how Turtle writes it
    shared = _TURTLE_NAMES
    rdf_type = RDF + "type"

    def name(iri: str) -> str:
        out = shared.get(iri)
        if out is None:
            m = longest.match(iri)
            if m is None:
                out = f"<{iri}>"
            else:
                prefix, base = ns[int(m.lastgroup[1:])]
                local = iri[len(base):]
                if not _TURTLE_LOCAL.fullmatch(local):
                    raise _Unsure(iri)
                out = f"{prefix}:{local}"
                if len(shared) < _SHARED_NAMES:
                    shared[iri] = out
        names[iri] = out
        return out

    objects: dict[str, str] = {}  # an IRI or typed literal object as written in Turtle

    def value(o: str) -> str:  # an object ending in ">": an IRI or a typed literal
        if o[0] == "<":
            out = names.get(o[1:-1]) or name(o[1:-1])
        else:
            q = o.rindex('"')  # datatype IRIs hold no quote
            dt = o[q + 4:-1]  # ^^<…>
            if dt == _XSD + "integer":
                lexical = o[1:q]
                if lexical.isdigit() and lexical.isascii() or _TURTLE_INTEGER.fullmatch(lexical):
                    out = o[1:q]
                else:
                    out = o[:q + 1] + "^^" + (names.get(dt) or name(dt))
            elif dt == _XSD + "boolean" and o[1:q] in ("true", "false"):
                out = o[1:q]
            elif dt in (_XSD + "decimal", _XSD + "double", _XSD + "boolean"):
                raise _Unsure(o)
            else:
                out = o[:q + 1] + "^^" + (names.get(dt) or name(dt))
            if len(o) >= 80:
                return out
        objects[o] = out
        return out

    out: list[str] = []
    subject = predicate = None
    try:
        for s, p, o in _terms(lines):
            obj = objects.get(o) or value(o) if o[-1] == ">" else o  # a plain literal, @lang, _:b as written
            if s != subject:
                subj = s if s[0] == "_" else names.get(s) or name(s)
                pred = "a" if p == rdf_type else names.get(p) or name(p)
                out.append(f" .\n{subj} {pred} {obj}" if subject is not None else f"{subj} {pred} {obj}")
                subject, predicate = s, p
            elif p != predicate:
                pred = "a" if p == rdf_type else names.get(p) or name(p)
                out.append(f" ;\n\t{pred} {obj}")
                predicate = p
            else:
                out.append(" , " + obj)
    except _Unsure:
        return None
    if out:
        out.append(" .\n")
    return "".join(out).encode("utf-8")


@cache
def _nested_namespaces() -> bool:
    """Whether one namespace of `PREFIXES` starts another (which prefix pyoxigraph would
    choose for an IRI in both is not known here)."""
    bases = list(PREFIXES.values())
    return any(a != b and b.startswith(a) for a in bases for b in bases)


def write_ntriples(source: StoreOrQuads, path: str | Path, *, graph: Graphs = None) -> Path:
    return write_bytes(path, sorted_ntriples(source, graph))


def write_nquads(source: StoreOrQuads, path: str | Path, *, graph: Graphs = None) -> Path:
    """N-Quads keeping each notice's named graph."""
    return write_bytes(path, sorted_nquads(source, graph))


def jsonld_context() -> dict[str, str]:
    """The @context of our JSON-LD: the fixed prefixes."""
    return dict(PREFIXES)


@cache
def _namespaces() -> tuple[tuple[tuple[str, str], ...], re.Pattern]:
    """(prefix, namespace) pairs, longest namespace first, and one pattern matching the
    longest namespace an IRI starts with (one C call instead of a loop per IRI)."""
    ns = tuple(sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])))
    return ns, re.compile(_trie_pattern([(base, k) for k, (_, base) in enumerate(ns)]))


def _trie_pattern(bases: list[tuple[str, int]]) -> str:
    """A pattern matching the longest of `bases` an IRI starts with, as group ``p{k}`` —
    written as a trie: the namespaces share their starts (https://w3id.org/policykg/ a
    dozen), which an alternation of whole namespaces compared again for each (a third of
    the time of writing a notice's Turtle went in it)."""
    ends = [k for base, k in bases if not base]
    by_char: dict[str, list[tuple[str, int]]] = {}
    for base, k in bases:
        if base:
            by_char.setdefault(base[0], []).append((base[1:], k))
    branches = [re.escape(c) + _trie_pattern(rest) for c, rest in sorted(by_char.items())]
    branches += [f"(?P<p{k}>)" for k in ends[:1]]  # last: a longer namespace is tried first
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _compact(iri: str, memo: dict[str, str] | None = None) -> str:
    """prefix:local for an IRI in one of `PREFIXES`' namespaces (the longest), else the IRI."""
    if memo is not None and iri in memo:
        return memo[iri]
    out = _COMPACT_NAMES.get(iri)
    if out is None:
        ns, longest = _namespaces()
        out = iri
        m = longest.match(iri)
        if m is not None:  # namespaces before the one it matched are not at its start
            for prefix, base in ns[int(m.lastgroup[1:]):]:
                if iri.startswith(base) and len(iri) > len(base):
                    local = iri[len(base):]
                    if not local.startswith("//"):
                        out = f"{prefix}:{local}"
                        break
            if len(_COMPACT_NAMES) < _SHARED_NAMES:  # (as `_TURTLE_NAMES`)
                _COMPACT_NAMES[iri] = out
    if memo is not None:
        memo[iri] = out
    return out


_COMPACT_NAMES: dict[str, str] = {}


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _jsonld_value(term: str, memo: dict[str, str]) -> object:
    """An N-Triples object term (as pyoxigraph writes it) as a JSON-LD value."""
    if term[0] == "<":
        iri = term[1:-1]
        return {"@id": memo.get(iri) or _compact(iri, memo)}
    if term[0] == "_":
        return {"@id": term}
    value, q = ntriples_literal(term)
    if q == len(term) - 1:
        return value
    if term[q + 1] == "@":
        return {"@value": value, "@language": term[q + 2:]}
    dt = term[q + 4:-1]  # ^^<…>
    return value if dt == _XSD_STRING else {"@value": value, "@type": memo.get(dt) or _compact(dt, memo)}


def jsonld_document(source: StoreOrQuads, *, graph: Graphs = None) -> dict:
    """Compact, flattened JSON-LD: {"@context": prefixes, "@graph": [one object per subject]},
    read off the sorted N-Triples lines (2× faster than through term objects)."""
    memo: dict[str, str] = {}  # IRIs repeat (predicates, classes, nodes): compact each once
    rdf_type = RDF + "type"
    nodes: list[dict] = []
    current: dict = {"@id": None}
    for sid, p, o in _terms(sorted_ntriples(source, graph)):
        if current["@id"] != sid:
            current = {"@id": sid}
            nodes.append(current)
        if p == rdf_type and o[0] == "<":
            iri = o[1:-1]
            key, value = "@type", memo.get(iri) or _compact(iri, memo)
        else:
            key, value = memo.get(p) or _compact(p, memo), _jsonld_value(o, memo)
        values = current.get(key)
        if values is None:
            current[key] = [value]
        else:
            values.append(value)
    return {"@context": jsonld_context(), "@graph": nodes}


def jsonld_head() -> bytes:
    """What a JSON-LD file of ours starts with: the @context, then the opening of "@graph"."""
    context = json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=1)
    return context[:-2].encode("utf-8") + JSONLD_OPEN


JSONLD_OPEN = b',\n "@graph": [\n'
JSONLD_CLOSE = b"\n ]\n}\n"


def write_jsonld(source: StoreOrQuads, path: str | Path, *, graph: Graphs = None) -> Path:
    """One node object per line, so files of several notices join line by line (`build`)."""
    body = ",\n".join("  " + n for n in _jsonld_nodes(sorted_ntriples(source, graph))).encode("utf-8")
    return write_bytes(path, jsonld_head() + body + JSONLD_CLOSE)


class _NotGrouped(Exception):
    """A node's values for one key are not on consecutive lines (see `_jsonld_nodes`)."""


def _jsonld_nodes(lines: "SortedNTriples") -> list[str]:
    """`jsonld_document`'s node objects as json's encoder writes them (the same text),
    written straight from the sorted N-Triples: a node's lines are consecutive and so, but
    in odd graphs (an rdf:type that is a blank node), are the lines of each of its keys.
    A literal without a backslash holds nothing JSON escapes (N-Triples escaped it), so
    only escaped ones are decoded and encoded again. Odd graphs go through the dicts."""
    try:
        return _jsonld_node_text(lines)
    except _NotGrouped:
        encode = json.JSONEncoder(ensure_ascii=False).encode
        return [encode(n) for n in jsonld_document(lines)["@graph"]]


def _jsonld_node_text(lines: "SortedNTriples") -> list[str]:
    # Each distinct predicate, IRI object and literal tail (@lang, ^^<datatype>) is
    # compacted and quoted once, and a short literal (a number, a date) once whole.
    memo: dict[str, str] = {}
    rdf_type = RDF + "type"
    quote = json.encoder.encode_basestring  # json's own string encoder (ensure_ascii=False)
    loads = json.loads
    ids: dict[str, str] = {}  # "<o>" → {"@id": …}
    types: dict[str, str] = {}  # "<o>" → its quoted compact name (an rdf:type value)
    tails: dict[str, tuple[str, str] | None] = {}  # a literal's text after its closing quote → what wraps it
    short: dict[str, str] = {}  # a short literal → its value
    nodes: list[str] = []
    parts: list[str] = []
    values: list[str] = []
    node = key = None
    keys: set[str] = set()
    for s, p, o in _terms(lines):
        if s != node:
            if node is not None:
                parts.append(f'"{key}": [{", ".join(values)}]')
                nodes.append("{" + ", ".join(parts) + "}")
            node, key, keys = s, None, set()
            parts = ['"@id": "' + s + '"']
        c = o[0]
        if c == "<":
            if p == rdf_type:
                k = "@type"
                v = types.get(o)
                if v is None:
                    v = types[o] = '"' + (memo.get(o[1:-1]) or _compact(o[1:-1], memo)) + '"'
            else:
                k = memo.get(p) or _compact(p, memo)
                v = ids.get(o)
                if v is None:
                    v = ids[o] = '{"@id": "' + (memo.get(o[1:-1]) or _compact(o[1:-1], memo)) + '"}'
        else:
            k = memo.get(p) or _compact(p, memo)
            if c == "_":
                v = '{"@id": "' + o + '"}'
            else:
                v = short.get(o) if len(o) < 80 else None
                if v is None:
                    q = o.rindex('"')  # language tags and datatype IRIs hold no quote
                    text = o[:q + 1]
                    if "\\" in text:  # unescaped: already JSON
                        text = quote(loads(text))
                    if q == len(o) - 1:
                        v = text
                    else:
                        tail = o[q + 1:]
                        wrap = tails.get(tail, False)
                        if wrap is False:
                            if tail[0] == "@":
                                wrap = ('{"@value": ', ', "@language": "' + tail[1:] + '"}')
                            else:
                                dt = tail[3:-1]  # ^^<…>
                                wrap = None if dt == _XSD_STRING else \
                                    ('{"@value": ', ', "@type": "' + (memo.get(dt) or _compact(dt, memo)) + '"}')
                            tails[tail] = wrap
                        v = text if wrap is None else wrap[0] + text + wrap[1]
                    if len(o) < 80:
                        short[o] = v
        if k != key:
            if key is not None:
                parts.append(f'"{key}": [{", ".join(values)}]')
            if k in keys:
                raise _NotGrouped(k)
            key, values = k, [v]
            keys.add(k)
        else:
            values.append(v)
    if node is not None:
        parts.append(f'"{key}": [{", ".join(values)}]')
        nodes.append("{" + ", ".join(parts) + "}")
    return nodes


# --- GraphML and CSV ------------------------------------------------------------------------------------


# Characters XML 1.0 forbids even as character references (a notice's form feed, a stray
# \x1f): each becomes one U+FFFD, so a text keeps its length and every offset into it holds.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NOT_XML_MARK = "\ufffd"


def _graphml_safe(value) -> object:
    """GraphML holds str/int/float/bool only: None → "", lists → "; "-joined; in strings, a
    character XML cannot hold → U+FFFD."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, (int, float, bool)):
        return value
    return _NOT_XML.sub(NOT_XML_MARK, str(value))


def graphml_ready(g):
    """A copy of a networkx graph with every attribute GraphML can write."""
    h = g.copy()
    for _, data in h.nodes(data=True):
        for k in list(data):
            data[k] = _graphml_safe(data[k])
    for *_, data in h.edges(keys=True, data=True) if h.is_multigraph() else h.edges(data=True):
        for k in list(data):
            data[k] = _graphml_safe(data[k])
    return h


def write_graphml(source: StoreOrQuads, path: str | Path, *, graph: Graphs = None) -> Path:
    """The `graph.to_networkx` view as GraphML (for Gephi)."""
    import networkx as nx

    g = graphml_ready(to_networkx(_all_quads(source, graph)))
    buf = io.BytesIO()
    nx.write_graphml_xml(g, buf, encoding="utf-8", prettyprint=True)
    with atomic_write(path) as fh:
        # ElementTree writes a CR in element text raw, and XML parsers read a raw CR LF as LF:
        # a CRLF notice's `text` came back shorter than its offsets count. In UTF-8 the byte
        # 0x0D is a CR and nothing else, and our indentation has none: escape every one.
        fh.write(buf.getvalue().replace(b"\r", b"&#13;"))
    return Path(path)


# kind first, as `policykg duties` shows it: a spreadsheet counting a department's duties
# must not count its task assignments with them
CSV_COLUMNS = ("kind", "jurisdiction", "doc", "doc_number", "department", "role", "action", "text", "clause",
               "start", "end", "duty")

_DUTIES = f"""
PREFIX pk: <{PK}>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <{RDFS}>
SELECT ?duty ?kind ?doc ?number ?jname ?dept ?role ?action ?text ?clause ?start ?end WHERE {{
  GRAPH ?g {{
    ?duty a pk:DutyAssignment ; pk:assignee ?org ; pk:role ?roleIri ; pk:span ?span .
    ?span pk:start ?start ; pk:end ?end .
    ?doc a pk:Notice .
    OPTIONAL {{ ?doc eli:id_local ?number }}
    OPTIONAL {{ ?doc eli:jurisdiction/rdfs:label ?jname }}
    OPTIONAL {{ ?org rdfs:label ?dept }}
    OPTIONAL {{ ?duty pk:actionLabel ?action }}
    OPTIONAL {{ ?duty pk:dutyText ?text }}
    OPTIONAL {{ ?duty prov:wasDerivedFrom/dct:identifier ?clause }}
    OPTIONAL {{ ?duty pk:task ?task }}
    BIND(IF(BOUND(?task), "task", "duty") AS ?kind)
    BIND(REPLACE(STR(?roleIri), "^.*/", "") AS ?role)
  }}
}}"""


def duty_rows(source: StoreOrQuads, *, graph: Graphs = None) -> list[dict[str, object]]:
    """One row per duty assignment, sorted: a duty statement (kind ``duty``) or a task tag's
    assignment of a task (kind ``task``; its text is the task's own, pk:dutyText, as
    `query.duties` shows it)."""
    if isinstance(source, ox.Store) and graph is None:
        store = source
    else:
        store = ox.Store()
        store.extend(q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object,
                                                                ox.NamedNode("urn:x-policykg:default"))
                     for q in _all_quads(source, graph))
    rows = {}
    for r in store.query(_DUTIES):
        v = lambda k: r[k].value if r[k] is not None else ""
        row = {"kind": v("kind"), "jurisdiction": v("jname"), "doc": v("doc"), "doc_number": v("number"),
               "department": v("dept"), "role": v("role"), "action": v("action"), "text": v("text"),
               "clause": v("clause"), "start": int(v("start")), "end": int(v("end")), "duty": v("duty")}
        rows.setdefault(row["duty"], row)  # one row per duty even if a label is doubled
    return sorted(rows.values(), key=lambda r: (r["jurisdiction"], r["doc"], r["start"], r["end"], r["duty"]))


def write_csv(source: StoreOrQuads, path: str | Path, *, graph: Graphs = None) -> Path:
    """CSV (UTF-8 with BOM, so spreadsheet programs read Chinese) of `duty_rows`."""
    rows = duty_rows(source, graph=graph)
    with atomic_write(path, "w") as fh:
        fh.write("\ufeff")
        w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator=CSV_LINE_END)
        w.writeheader()
        w.writerows({k: csv_cell(v) for k, v in r.items()} for r in rows)
    return Path(path)


WRITERS = {"ttl": write_turtle, "jsonld": write_jsonld, "nt": write_ntriples, "nq": write_nquads,
           "graphml": write_graphml, "csv": write_csv}
SUFFIXES = {"ttl": ".ttl", "jsonld": ".jsonld", "nt": ".nt", "nq": ".nq", "graphml": ".graphml", "csv": ".csv"}


def export(source: StoreOrQuads, path: str | Path, fmt: str, *, graph: Graphs = None) -> Path:
    """Write `source` in format `fmt` (ttl, jsonld, nt, nq, graphml, csv)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise PolicykgError(f"unknown export format {fmt!r} (choose from {', '.join(WRITERS)})") from None
    return writer(source, path, graph=graph)


def without_persons(source: StoreOrQuads, *, graph: Graphs = None) -> list[ox.Quad | ox.Triple]:
    """The statements of `source` with personal data left out, for sharing a graph built
    with names: every foaf:Person and the statements about or pointing to one are dropped,
    and each holder's name is masked (one `graph.MASK` per character, so offsets and the
    span/quote checks stay valid) wherever a literal contains it — the stored source text
    and the quotes of posts included. So is a post's telephone (schema:telephone: a contact's
    number of a 联络员名单 or in running text) and e-mail (schema:email), dropped and masked in the text as a name is."""
    import re

    from .graph import FOAF, MASK, SCHEMA

    quads = _all_quads(source, graph)
    persons = {q.subject for q in quads if q.predicate.value == RDF + "type" and q.object.value == FOAF + "Person"}
    phone = (SCHEMA + "telephone", SCHEMA + "email")
    names = sorted({q.object.value for q in quads if q.subject in persons and q.predicate.value == FOAF + "name"}
                   | {q.object.value for q in quads if q.predicate.value in phone}, key=len, reverse=True)
    pattern = re.compile("|".join(r"\s*".join(map(re.escape, n)) for n in names)) if names else None

    def mask(m: re.Match) -> str:
        return "".join(ch if ch.isspace() else MASK for ch in m.group(0))

    out = []
    for q in quads:
        if q.subject in persons or q.object in persons or q.predicate.value in phone:
            continue
        o = q.object
        if pattern is not None and isinstance(o, ox.Literal) and pattern.search(o.value):
            o = ox.Literal(pattern.sub(mask, o.value), language=o.language) if o.language else \
                ox.Literal(pattern.sub(mask, o.value), datatype=o.datatype)
            q = ox.Quad(q.subject, q.predicate, o, q.graph_name) if isinstance(q, ox.Quad) else \
                ox.Triple(q.subject, q.predicate, o)
        out.append(q)
    return out
