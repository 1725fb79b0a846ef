"""SPARQL over HTTP: push the store to a server, query a server, serve the store read-only.

In: a `pyoxigraph.Store` (one named graph per notice) and endpoint URLs. Out:
- `push(store, endpoint)` replaces each named graph on the server and returns
  ``{graph IRI: triples sent}``; re-pushing is idempotent.
- `query(endpoint, sparql, bindings=…)` → a `Result` (SELECT rows, ASK boolean, CONSTRUCT
  triples as pyoxigraph terms); `bindings` become a ``VALUES`` block of serialised RDF terms
  inside the WHERE group, so a value is never pasted into the query text.
- `serve(store)` / `make_server(store, host, port)`: the SPARQL 1.1 Protocol over the local
  store, read-only (every update or write is refused with 403), with CORS for YASGUI.

Only the standard library talks HTTP: urllib plus a small digest step. SPARQLWrapper is
unmaintained and has no Graph Store Protocol; requests/httpx, like urllib's own auth handlers,
send a body *before* authenticating, and Virtuoso answers a large unauthenticated PUT by
closing the connection ("connection reset") instead of a 401, so the challenge is fetched
with a bodiless request and every write carries its Authorization header up front.

Every term sent is N-Triples written by pyoxigraph, never formatted here.
"""
from __future__ import annotations

import base64
import math
import os
import re
import select
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterable, Iterator

import pyoxigraph as ox

from .errors import PolicykgError
from .graph import PREFIXES, QUERY_PREFIXES

METHODS = ("auto", "gsp", "update")
BATCH = 500  # triples per INSERT DATA: Virtuoso 7 compiles ~250–500 fastest and fails near 2000–5000
SNIPPET = 160  # characters of a server's error message kept in the one-line error
MAX_QUERY_BYTES = 1 << 20  # a request body larger than this is not a query someone typed
DEFAULT_TIMEOUT = 30.0  # seconds `serve` gives a query before answering 503
# rows (or triples) of one answer `serve` holds before answering 413: nothing else bounded
# them but the clock, and a million rows of six terms held 800 MB (pulled in 8 s)
DEFAULT_MAX_ROWS = 500_000
POLL = 0.2  # seconds between looks at a waiting client's connection

RESULTS_JSON = "application/sparql-results+json"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
N_TRIPLES = "application/n-triples"

# --- HTTP client ------------------------------------------------------------------------------


class RemoteError(PolicykgError):
    """A server answered with an HTTP error; `status` is its code (0 when it could not be reached)."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


class _SafeRedirect(urllib.request.HTTPRedirectHandler):
    """Follow redirects for GET only: urllib turns a redirected POST into a bodiless GET, which
    an endpoint answers 200 — a push would look done while nothing was written."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if req.get_method() in ("GET", "HEAD"):
            return super().redirect_request(req, fp, code, msg, headers, newurl)
        return None  # → HTTPError 30x, reported with its Location


@dataclass
class _Response:
    status: int
    content_type: str  # media type only, lower case, without parameters
    body: bytes


_NOT_URI = re.compile(r"[^\x21-\x7e]+")  # what a URI cannot hold as it is: non-ASCII, blanks, controls


def _as_uri(iri: str) -> str:
    """An endpoint IRI as the URI an HTTP request line holds (urllib sends ASCII only: a
    path of Chinese, …/数据/sparql, was "'ascii' codec can't encode", an internal error in
    `push`): its path, query and user %-encoded as UTF-8, a host name of other scripts in
    IDNA. A URL of bytes that are no text (argv's surrogates) is no endpoint URL."""
    parts = urllib.parse.urlsplit(iri)

    def encode(text: str) -> str:
        return _NOT_URI.sub(lambda m: urllib.parse.quote(m.group(0), safe=""), text)

    try:
        user, at, host = parts.netloc.rpartition("@")
        if not host.isascii():
            host = host.encode("idna").decode("ascii")
        return urllib.parse.urlunsplit(parts._replace(netloc=encode(user) + at + host, path=encode(parts.path),
                                                      query=encode(parts.query), fragment=encode(parts.fragment)))
    except UnicodeError:
        raise PolicykgError(f"{iri!r}: not an http(s) endpoint URL (not text, or a host name IDNA cannot write)") from None


class _Client:
    """One endpoint's HTTP conversation: auth negotiated once, errors turned into one line."""

    def __init__(self, endpoint: str, auth: tuple[str, str] | None, timeout: float):
        try:
            parts = urllib.parse.urlsplit(endpoint)
        except ValueError as exc:  # "Invalid IPv6 URL"
            raise PolicykgError(f"{endpoint!r}: not an http(s) endpoint URL ({exc})") from None
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PolicykgError(f"{endpoint!r}: not an http(s) endpoint URL")
        self.endpoint = _as_uri(endpoint)  # what HTTP sends; said as typed (`where`)
        self.where = urllib.parse.urlunsplit(parts._replace(query="", fragment=""))
        self.auth = auth
        self.timeout = timeout
        self.authorization: str | None = None  # a Basic header, once the server asked for it
        self.digest: urllib.request.HTTPDigestAuthHandler | None = None
        self.challenge: dict[str, str] | None = None
        self.opener = urllib.request.build_opener(_SafeRedirect)

    def url(self, **params: str) -> str:
        if not params:
            return self.endpoint
        sep = "&" if urllib.parse.urlsplit(self.endpoint).query else "?"
        return self.endpoint + sep + urllib.parse.urlencode(params)

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, ok: Iterable[int] = (200, 201, 204)) -> _Response:
        if self.auth and body and not (self.authorization or self.challenge):
            self._authenticate(url)  # before the body goes out: see the module docstring
        try:
            return self._send(method, url, body, headers or {}, ok)
        except urllib.error.HTTPError as exc:
            if exc.code == 401 and self.auth and self._learn(exc.headers.get_all("WWW-Authenticate") or []):
                try:
                    return self._send(method, url, body, headers or {}, ok)
                except urllib.error.HTTPError as again:
                    raise self._error(again) from None
            raise self._error(exc) from None

    def _send(self, method, url, body, headers, ok) -> _Response:
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        if self.authorization:
            req.add_header("Authorization", self.authorization)
        elif self.challenge and self.digest:
            req.add_header("Authorization", "Digest " + self.digest.get_authorization(req, self.challenge))
        try:
            with self.opener.open(req, timeout=self.timeout) as r:
                ctype = (r.headers.get_content_type() or "").lower()
                data = r.read()
                if r.status not in ok:
                    raise RemoteError(f"{self.where}: unexpected HTTP {r.status} {_snippet(data)}".rstrip(),
                                      r.status)
                return _Response(r.status, ctype, data)
        except urllib.error.HTTPError:
            raise
        except urllib.error.URLError as exc:
            raise RemoteError(f"{self.where}: cannot connect ({_reason(exc.reason)})") from None
        except (TimeoutError, socket.timeout):
            raise RemoteError(f"{self.where}: no answer within {self.timeout:g} s") from None
        except (ConnectionError, OSError) as exc:
            raise RemoteError(f"{self.where}: connection failed ({_reason(exc)})") from None

    def _authenticate(self, url: str) -> None:
        """A bodiless GET to learn the auth scheme (and digest nonce) before sending data."""
        try:
            self._send("GET", url, None, {"Accept": "*/*"}, range(100, 600))
        except urllib.error.HTTPError as exc:
            if exc.code == 401:
                self._learn(exc.headers.get_all("WWW-Authenticate") or [])

    def _learn(self, challenges: list[str]) -> bool:
        """Set up Basic or Digest from the server's challenges; False if none is usable."""
        user, password = self.auth  # type: ignore[misc]
        for challenge in challenges:
            scheme, _, rest = challenge.partition(" ")
            if scheme.lower() == "digest":
                params = urllib.request.parse_keqv_list(
                    filter(None, urllib.request.parse_http_list(rest)))
                manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                manager.add_password(None, self.endpoint, user, password)
                self.digest = urllib.request.HTTPDigestAuthHandler(manager)
                self.challenge = params
                return True
        for challenge in challenges:
            if challenge.lower().startswith("basic"):
                token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
                self.authorization = f"Basic {token}"
                return True
        return False

    def _error(self, exc: urllib.error.HTTPError) -> RemoteError:
        try:
            body = exc.read()
        except OSError:
            body = b""
        hint = " (wrong user or password?)" if exc.code == 401 and self.auth else ""
        if 300 <= exc.code < 400:
            hint = f" to {exc.headers.get('Location', '?')} (use that URL)"
            body = b""
        return RemoteError(f"{self.where}: HTTP {exc.code} {exc.reason}{hint}: {_snippet(body)}".rstrip(": "),
                           exc.code)


def _reason(reason: object) -> str:
    text = getattr(reason, "strerror", None) or str(reason)
    return text.splitlines()[0] if text else type(reason).__name__


def _snippet(body: bytes) -> str:
    """The first words of a server's error page, tags stripped, on one line."""
    text = body.decode("utf-8", "replace")
    text = re.sub(r"(?is)<(head|style|script)\b.*?</\1>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


# --- push -------------------------------------------------------------------------------------


def push(store: ox.Store, endpoint: str, *, graph: str | None = None, method: str = "auto",
         auth: tuple[str, str] | None = None, timeout: float = 60, batch: int = BATCH) -> dict[str, int]:
    """Replace each named graph of `store` on the server at `endpoint`; {graph IRI: triples sent}.

    `method` is ``gsp`` (Graph Store HTTP Protocol: one ``PUT ?graph=`` per graph — atomic
    on the server, the fastest), ``update`` (SPARQL 1.1 Update: a graph of up to `batch`
    triples in one ``DROP``+``INSERT DATA`` request; a larger one in batches into a staging
    graph, then one ``MOVE`` onto the target, so readers never see half a graph; a batch the
    server refuses as too large is halved) or ``auto`` (``update`` if `endpoint` answers a
    SPARQL query, else ``gsp``). On Virtuoso, GSP (``/sparql-graph-crud-auth``) is ~20× faster
    than Update (``/sparql-auth``), whose SPARQL compiler is the bottleneck
    (tests/bench/bench_push.py). With `graph`, only that named graph is pushed — or, if the
    store has no such graph, its default graph is pushed into that IRI. `auth` is (user,
    password) for Basic or Digest auth, whichever the server asks for. The first graph is read
    back (GSP ``GET``, or a SPARQL count) before the others go: a URL that answers 200 without
    storing anything is an error, not a push.
    """
    if method not in METHODS:
        raise PolicykgError(f"unknown push method {method!r} (choose {', '.join(METHODS)})")
    if batch < 1:
        raise PolicykgError(f"batch must be at least 1 triple, not {batch}")
    plan = _plan(store, graph)
    client = _Client(endpoint, auth, timeout)
    if method == "auto":
        method = "update" if _is_sparql_endpoint(client) else "gsp"
    sent: dict[str, int] = {}
    for target, source in plan:
        if method == "gsp":
            sent[target.value] = _put_graph(client, store, target, source)
        else:
            sent[target.value] = _update_graph(client, store, target, source, batch)
        if len(sent) == 1:  # before the rest goes: a wrong URL fails fast
            _check_landed(client, method, target, sent[target.value])
    return sent


def _check_landed(client: _Client, method: str, target: ox.NamedNode, sent: int) -> None:
    """Read the first pushed graph back and count it. A web page that answers every request
    200 (a wrong URL, a login page) would otherwise make a push look done."""
    if method == "gsp":
        r = client.request("GET", client.url(graph=target.value), None,
                           {"Accept": f"{N_TRIPLES}, text/turtle;q=0.9, application/rdf+xml;q=0.5"})
        try:
            held = len(set(_result("CONSTRUCT", r, client.where)))
        except PolicykgError as exc:
            raise PolicykgError(f"{exc} (the pushed graph read back: is the URL a Graph Store endpoint?)") from None
    else:
        result = _query(client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }}", "SELECT")
        held = int((result.values("n") or [0])[0])
    if held != sent:
        raise PolicykgError(f"{client.where}: holds {held} triples of <{target.value}> after the push, "
                            f"not the {sent} sent")


def _plan(store: ox.Store, graph: str | None) -> list[tuple[ox.NamedNode, ox.NamedNode | ox.DefaultGraph]]:
    """(IRI on the server, graph in the store) pairs, checked before anything is sent."""
    default = ox.DefaultGraph()
    has_default = next(iter(store.quads_for_pattern(None, None, None, default)), None) is not None
    if graph is not None:
        target = _named_node(graph)
        if store.contains_named_graph(target):
            return [(target, target)]
        if has_default:
            return [(target, default)]
        raise PolicykgError(f"no graph <{graph}> in the store, and its default graph is empty")
    from .search import is_build_graph

    names = sorted((g for g in store.named_graphs() if not is_build_graph(g)), key=str)  # bookkeeping stays home
    blank = [g for g in names if not isinstance(g, ox.NamedNode)]
    if blank:
        raise PolicykgError(f"the store has a graph named by a blank node ({blank[0]}): a server "
                            "needs an IRI")
    if has_default:
        raise PolicykgError("the store's default graph has triples but no name on a server: "
                            "push it with graph=IRI")
    if not names:
        raise PolicykgError("nothing to push: the store has no named graphs")
    return [(g, g) for g in names]


def _named_node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise PolicykgError(f"{iri!r}: not an IRI ({exc})") from None


def _is_sparql_endpoint(client: _Client) -> bool:
    """Does `endpoint` answer ``ASK {}``? A Graph Store endpoint does not (406/400/404…)."""
    try:
        r = client.request("GET", client.url(query="ASK {}"), None, {"Accept": RESULTS_JSON})
    except RemoteError as exc:
        if 400 <= exc.status < 500 and exc.status != 401:
            return False
        raise
    return r.content_type in (RESULTS_JSON, "application/json", "application/sparql-results+xml")


def _put_graph(client: _Client, store: ox.Store, target: ox.NamedNode, source) -> int:
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=source)
    client.request("PUT", client.url(graph=target.value), data,
                   {"Content-Type": f"{N_TRIPLES}; charset=utf-8"})
    return data.count(b"\n")  # N-Triples: one line per triple, newlines in literals are escaped


def _update_graph(client: _Client, store: ox.Store, target: ox.NamedNode, source, batch: int) -> int:
    plain: list[str] = []
    blank: list[str] = []  # a blank node is scoped to one request: keep its triples together
    binds: list[str] = []  # values computed in that request's WHERE (see below)
    for quad in store.quads_for_pattern(None, None, None, source):
        o = quad.object
        if isinstance(o, ox.Literal) and o.datatype.value in DURATIONS:
            # Virtuoso's SPARQL compiler fails on day/time duration constants ("P7D"):
            # build the literal at run time instead, in the template group.
            var = f"?d{len(binds)}"
            binds.append(f"BIND(STRDT({ox.Literal(o.value)}, {o.datatype}) AS {var})")
            blank.append(f"{quad.subject} {quad.predicate} {var} .")
            continue
        line = f"{quad.subject} {quad.predicate} {o} ."
        if isinstance(quad.subject, ox.BlankNode) or isinstance(o, ox.BlankNode):
            blank.append(line)
        else:
            plain.append(line)
    total = len(plain) + len(blank)
    drop = f"DROP SILENT GRAPH {target}"
    if total == 0:
        _update(client, drop)
        return 0
    if len(plain) <= batch and not (plain and blank):
        try:  # one request: atomic, and the common case for one notice
            _update(client, f"{drop} ;\n{_insert(target, plain or blank, binds)}")
            return total
        except RemoteError as exc:
            if not _too_big(exc) or total < 2 or blank:
                raise
    staging = ox.NamedNode(f"urn:uuid:{uuid.uuid4()}")
    try:
        _update(client, f"DROP SILENT GRAPH {staging}")
        for i in range(0, len(plain), batch):
            _insert_split(client, staging, plain[i:i + batch])
        if blank:
            _update(client, _insert(staging, blank, binds))
        _update(client, f"MOVE SILENT GRAPH {staging} TO GRAPH {target}")
    except PolicykgError:
        try:
            _update(client, f"DROP SILENT GRAPH {staging}")
        except PolicykgError:
            pass  # the first error is the one worth reporting
        raise
    return total


def _too_big(exc: RemoteError) -> bool:
    """An answer that may mean "request too large" (Virtuoso: 400 "SQL text has exceeded…")."""
    return exc.status in (400, 413, 500)


def _insert_split(client: _Client, graph: ox.NamedNode, lines: list[str]) -> None:
    """INSERT DATA `lines`; if the server refuses the size, halves, depth first, so a triple
    it refuses on its own ends the push after about log2(len) requests."""
    try:
        _update(client, _insert(graph, lines))
    except RemoteError as exc:
        if len(lines) < 2 or not _too_big(exc):
            raise
        half = len(lines) // 2
        _insert_split(client, graph, lines[:half])
        _insert_split(client, graph, lines[half:])


def _insert(graph: ox.NamedNode, lines: list[str], binds: list[str] = ()) -> str:
    """INSERT DATA; with blank nodes a template over one empty solution, which any server
    takes (Virtuoso refuses blank nodes in INSERT DATA) and which keeps `_:x` one node."""
    body = "{ GRAPH " + str(graph) + " {\n" + "\n".join(lines) + "\n} }"
    if binds or any("_:" in line for line in lines):
        return f"INSERT {body} WHERE {{ {' '.join(binds)} }}"
    return f"INSERT DATA {body}"


XSD_NS = "http://www.w3.org/2001/XMLSchema#"
DURATIONS = frozenset(XSD_NS + t for t in ("duration", "dayTimeDuration", "yearMonthDuration"))


def _update(client: _Client, sparql: str) -> None:
    client.request("POST", client.endpoint, sparql.encode("utf-8"),
                   {"Content-Type": f"{SPARQL_UPDATE}; charset=utf-8", "Accept": RESULTS_JSON})


# --- query ------------------------------------------------------------------------------------

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Value = str | int | float | bool | ox.NamedNode | ox.Literal | None


@dataclass
class Result:
    """What a server answered: `rows` (SELECT), `boolean` (ASK) or `triples` (CONSTRUCT/DESCRIBE).

    Rows map variable names to pyoxigraph terms and leave unbound variables out. Iterating
    gives the rows or the triples; `bool()` is the ASK answer, or whether anything came back.
    """

    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def __iter__(self) -> Iterator:
        return iter(self.triples if self.form in ("CONSTRUCT", "DESCRIBE") else self.rows)

    def __len__(self) -> int:
        return len(self.triples) if self.form in ("CONSTRUCT", "DESCRIBE") else len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.form == "ASK" else len(self) > 0

    def values(self, variable: str) -> list[str]:
        """The lexical values (IRI, literal text) bound to `variable`, row by row."""
        return [row[variable].value for row in self.rows if variable in row]


class RemoteStore:
    """A SPARQL endpoint that answers `query()` the way a local pyoxigraph store does, so the
    named queries of `extractor.query` run unchanged against a shared server.

    SELECT gives an iterable of solutions (indexable by variable position, with
    `.variables`), ASK a `bool`, CONSTRUCT/DESCRIBE a list of triples. The server's default
    graph stands for the union of the notices' graphs (Virtuoso's and most servers' default).
    """

    def __init__(self, endpoint: str, *, auth: tuple[str, str] | None = None, timeout: float = 60):
        self.endpoint, self.auth, self.timeout = endpoint, auth, timeout

    def query(self, sparql: str, *, use_default_graph_as_union: bool = True,
              prefixes: dict[str, str] | None = None):
        declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w.-]*):", sparql, re.IGNORECASE)}
        head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items() if p not in declared)
        result = query(self.endpoint, head + sparql, timeout=self.timeout, auth=self.auth)
        if result.form == "ASK":
            return bool(result.boolean)
        if result.form in ("CONSTRUCT", "DESCRIBE"):
            return list(result.triples)
        return _Solutions(result, _projected(_mask(sparql)))


class _Solutions:
    """A SELECT's solutions as a local store gives them, in the columns the query asked for
    (`asked`; None: SELECT *, the endpoint's): an endpoint whose answer lacks one of them is
    said in one line (the named queries read each column by its name)."""

    def __init__(self, result: "Result", asked: list[str] | None = None):
        names = result.variables if asked is None else asked
        missing = [v for v in names if v not in result.variables]
        if missing:
            given = ", ".join(f"?{v}" for v in result.variables) or "none"
            raise PolicykgError(f"the endpoint's answer lacks {', '.join(f'?{v}' for v in missing)} "
                                f"(its columns: {given}): not an answer to the query asked")
        self.variables = [ox.Variable(v) for v in names]
        self._rows = [[row.get(v) for v in names] for row in result.rows]

    def __iter__(self) -> Iterator[list]:
        return iter(self._rows)


def query(endpoint: str, sparql: str, *, bindings: dict[str, Value | list[Value]] | None = None,
          timeout: float = 60, auth: tuple[str, str] | None = None) -> Result:
    """Run `sparql` (SELECT, ASK, CONSTRUCT or DESCRIBE) at `endpoint`.

    `bindings` maps variable names to values: `str` is a plain string literal, `int`/`float`/
    `bool` typed literals, a pyoxigraph `NamedNode`/`Literal` itself (e.g. a ``@zh`` label),
    a list several values, None ``UNDEF``. They are sent as ``VALUES`` inside the WHERE group.
    """
    form, masked = _query_form(sparql)
    if bindings:
        sparql = _bind(sparql, masked, form, bindings)
    return _query(_Client(endpoint, auth, timeout), sparql, form)


def _query(client: _Client, sparql: str, form: str) -> Result:
    accept = (f"{RESULTS_JSON}, application/sparql-results+xml;q=0.5" if form in ("SELECT", "ASK")
              else f"{N_TRIPLES}, text/turtle;q=0.9, application/rdf+xml;q=0.5")
    body = urllib.parse.urlencode({"query": sparql}).encode("ascii")
    r = client.request("POST", client.endpoint, body,
                       {"Content-Type": f"{FORM}; charset=utf-8", "Accept": accept}, ok=(200,))
    return _result(form, r, client.where)


def _read_results(body: bytes, fmt: "ox.QueryResultsFormat") -> tuple[bool | None, list[str], list]:
    """(the boolean, or None; the variables; the solutions) of a SPARQL results document,
    read in full. pyoxigraph's result iterators may be dropped only on the thread that made
    them, and a traceback keeps the frames it passes through (a caller that keeps the error:
    a test, a CLI runner) until the garbage collector frees them on whichever thread it runs,
    so none stays in this frame — not even when reading it fails."""
    parsed = ox.parse_query_results(body, format=fmt)
    try:
        if isinstance(parsed, ox.QueryBoolean):
            return bool(parsed), [], []
        return None, [v.value for v in parsed.variables], list(parsed)
    finally:
        del parsed


def _result(form: str, r: _Response, where: str) -> Result:
    try:
        if form in ("SELECT", "ASK"):
            fmt = ox.QueryResultsFormat.from_media_type(r.content_type)
            if fmt is None:
                raise PolicykgError(f"{where}: answered {r.content_type or 'no content type'}, "
                                    f"not SPARQL results: {_snippet(r.body)}")
            boolean, names, solutions = _read_results(r.body, fmt)
            if (boolean is not None) != (form == "ASK"):
                got = "a boolean" if boolean is not None else "rows"
                raise PolicykgError(f"{where}: answered {got}, not {'an' if form == 'ASK' else 'a'} {form} result")
            if boolean is not None:
                return Result("ASK", boolean=boolean)
            rows = [{n: sol[n] for n in names if sol[n] is not None} for sol in solutions]
            return Result(form, variables=names, rows=rows)
        fmt = ox.RdfFormat.from_media_type(r.content_type)
        if fmt is None:
            raise PolicykgError(f"{where}: answered {r.content_type or 'no content type'}, "
                                f"not RDF: {_snippet(r.body)}")
        return Result(form, triples=[q.triple for q in ox.parse(r.body, format=fmt)])
    except (SyntaxError, ValueError) as exc:
        raise PolicykgError(f"{where}: unreadable {r.content_type} answer "
                            f"({str(exc).splitlines()[0]})") from None


# Masking strings, IRIs and comments leaves only SPARQL structure to look at, same length.
# Outside them a backslash escapes a character of a name (ex:a\#b): it opens no comment.
_TOKEN = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                    r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\r\n]*|\\.''',
                    re.S)
_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.I)
_UPDATE = re.compile(r"(?<![\w:?$])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:])", re.I)
_VARIABLE = re.compile(r"\w+")


def _mask(sparql: str) -> str:
    """Strings, IRIs and comments as blanks; an escape as name characters (it is in a name)."""
    return _TOKEN.sub(lambda m: ("_" if m.group()[0] == "\\" else " ") * len(m.group()), sparql)


# The keyword, unless it ends a name (?service, ex:service, _:service, "…"@service). Numbers and
# booleans end without a break: `?s ?p 1SERVICE<…>{…}` is a SERVICE clause to the parser.
_SERVICE = re.compile(r"(?:(?<![^\W\d])(?<![?$:@])|(?<=true)|(?<=false))SERVICE", re.I)
# A clause is the keyword, SILENT, a variable or IRI and its group: SERVICE:x{…} is one, but a
# prefix named service (?s service:p ?o) is a name the parser reads when no group follows.
# On masked text an IRI is blanks, so what stands between the keyword and the group is a name.
_CLAUSE = re.compile(_SERVICE.pattern + r"\s*(?:SILENT(?![^\s{}]*:)\s*)?[^\s{}]*\s*\{", re.I)


def federated(sparql: str) -> bool:
    """Whether `sparql` holds a SERVICE clause, which makes whoever runs it fetch a URL.

    Errs on the side of yes: an "IRI" holding a quote may be a comparison with a string
    (``?o<'>'``), and then strings, IRIs and comments are not masked at all."""
    if any(m.group().startswith("<") and "'" in m.group() for m in _TOKEN.finditer(sparql)):
        return bool(_SERVICE.search(sparql))
    return bool(_CLAUSE.search(_mask(sparql)))


_DATASET = re.compile(r"(?<![\w:?$])FROM(?![\w:])", re.I)


def names_dataset(sparql: str) -> bool:
    """Whether `sparql` has a dataset clause (FROM, FROM NAMED): then it, not the union of
    the notices' graphs, is the default graph (SPARQL 1.1, 13.2)."""
    return bool(_DATASET.search(_mask(sparql)))


def _query_form(sparql: str) -> tuple[str, str]:
    if not isinstance(sparql, str) or not sparql.strip():
        raise PolicykgError("empty SPARQL query")
    masked = _mask(sparql)
    found = _FORM.search(masked)
    update = _UPDATE.search(masked)
    if update and (not found or update.start() < found.start()):
        raise PolicykgError(f"{update.group(1).upper()} is SPARQL Update: query() only reads")
    if not found:
        raise PolicykgError("not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return found.group(1).upper(), masked


_PROJECTION_END = re.compile(r"\{|(?<![\w:?$])(?:WHERE|FROM)(?![\w:])", re.I)
_PROJECTION = re.compile(r"[()*]|(?<![\w:?$])AS\s*[?$](\w+)|[?$](\w+)", re.I)


def _projected(masked: str) -> list[str] | None:
    """The variables a SELECT (`masked`: see `_mask`) asks for, in order: ?a, and ?n of
    (COUNT(?a) AS ?n); None for SELECT * or another form."""
    m = _FORM.search(masked)
    if not m or m.group(1).upper() != "SELECT":
        return None
    end = _PROJECTION_END.search(masked, m.end())
    out, depth = [], 0
    for t in _PROJECTION.finditer(masked, m.end(), end.start() if end else len(masked)):
        token = t.group()
        if token == "(" or token == ")":
            depth += 1 if token == "(" else -1
        elif token == "*":
            if depth == 0:
                return None
        elif t.group(1) or depth == 0 and t.group(2):
            out.append(t.group(1) or t.group(2))
    return out


def _bind(sparql: str, masked: str, form: str, bindings: dict) -> str:
    """`sparql` with one ``VALUES ?var { … }`` per binding right inside its WHERE group."""
    blocks = []
    for name, value in bindings.items():
        var = name[1:] if name[:1] in "?$" else name
        if not _VARIABLE.fullmatch(var):
            raise PolicykgError(f"{name!r} is not a SPARQL variable name")
        values = value if isinstance(value, (list, tuple)) else [value]
        if not values:
            raise PolicykgError(f"binding ?{var} has no values")
        blocks.append(f"VALUES ?{var} {{ {' '.join(_term(var, v) for v in values)} }}")
    at = _where_group(masked, form)
    return sparql[: at + 1] + " " + " ".join(blocks) + " " + sparql[at + 1:]


def _term(var: str, value: Value) -> str:
    if value is None:
        return "UNDEF"
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return str(value)
    if isinstance(value, (str, bool, int, float)):
        return str(ox.Literal(value))  # pyoxigraph escapes; bool before int is its business
    raise PolicykgError(f"binding ?{var}: cannot send a {type(value).__name__} as an RDF term")


def _where_group(masked: str, form: str) -> int:
    """Offset of the ``{`` opening the query's WHERE group (strings and IRIs already masked)."""
    start = _FORM.search(masked).end()  # type: ignore[union-attr]
    if form == "CONSTRUCT":
        rest = masked[start:].lstrip()
        if rest[:5].upper() == "WHERE":
            raise PolicykgError("bindings need the full CONSTRUCT { … } WHERE { … } form")
        open_at = masked.find("{", start)
        depth = 0
        for i in range(open_at, len(masked)):
            depth += {"{": 1, "}": -1}.get(masked[i], 0)
            if depth == 0:
                start = i + 1
                break
    at = masked.find("{", start)
    if at < 0:
        raise PolicykgError("bindings need a WHERE { … } group in the query")
    return at


# --- serve ------------------------------------------------------------------------------------

RESULT_FORMATS = {  # SELECT / ASK, first is the default
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
RDF_XML = "application/rdf+xml"
# RDF/XML writes a predicate as an element: its IRI must end in an XML name (NCName), the
# rest its namespace (http://x/1a: <a xmlns="http://x/1">; http://x/1, urn:x:1 cannot)
_XML_NAME_END = re.compile(r"(?:[^\W\d]|_)[\w.\-\u00b7]*$")
GRAPH_FORMATS = {  # CONSTRUCT / DESCRIBE, first is the default
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
PATHS = ("/", "/sparql", "/query")
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
READ_ONLY = "read-only endpoint: SPARQL Update and graph writes are refused"
FEDERATED = "federated queries (SERVICE) are refused: this endpoint answers from its own store only"


def _negotiate(accept: str | None, offered: dict[str, object]) -> str | None:
    """The offered media type the Accept header prefers (the first offered one for */*)."""
    if not accept or not accept.strip():
        return next(iter(offered))
    ranges = []
    for n, item in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        ranges.append((-q, n, media.lower()))
    for negq, _, media in sorted(ranges):
        if negq == 0:
            break
        if media in offered:
            return media
        if media == "*/*":
            return next(iter(offered))
        if media.endswith("/*"):
            hit = next((m for m in offered if m.startswith(media[:-1])), None)
            if hit:
                return hit
    return None


class _Handler(BaseHTTPRequestHandler):
    server: "SparqlServer"
    protocol_version = "HTTP/1.1"
    server_version = "policykg-sparql"

    # -- plumbing --
    def _reply(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _fail(self, status: int, message: str) -> None:
        self._reply(status, (message.splitlines()[0] + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def log_message(self, fmt: str, *args) -> None:
        if self.server.verbose:
            super().log_message(fmt, *args)

    def _allowed(self) -> bool:
        """Guard against DNS rebinding: a loopback server answers loopback host names only."""
        if not self.server.loopback:
            return True
        host = (self.headers.get("Host") or "").strip()
        name = host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0]
        if name.lower() in LOOPBACK_NAMES or name.startswith("127."):
            return True
        self._fail(403, f"host {host!r} not allowed: this endpoint answers on localhost only")
        return False

    def _body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None:
            self._fail(411, "a POST needs a Content-Length")
            return None
        try:
            n = int(length)
            if n < 0:
                raise ValueError(length)
        except ValueError:
            self.close_connection = True
            self._fail(400, "bad Content-Length")
            return None
        if n > MAX_QUERY_BYTES:
            self.close_connection = True
            self._fail(413, f"request body of {n} bytes is over the {MAX_QUERY_BYTES} byte limit")
            return None
        return self.rfile.read(n)

    # -- methods --
    def do_OPTIONS(self) -> None:
        self._reply(204, b"", "text/plain", {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Max-Age": "86400", "Allow": "GET, POST, OPTIONS, HEAD"})

    def do_GET(self) -> None:
        if not self._allowed():
            return
        parts = urllib.parse.urlsplit(self.path)
        if parts.path not in PATHS:
            self._fail(404, f"no such endpoint {parts.path}: use /sparql")
            return
        params = self._params(parts.query)
        if params is not None:
            self._run(params)

    do_HEAD = do_GET

    def _params(self, text: str, where: str = "URL") -> dict[str, list[str]] | None:
        """Form fields of a query string; a 400 (and None) for percent-escapes that are not UTF-8,
        which `parse_qs` would quietly turn into U+FFFD, so a query would run but not the one sent."""
        try:
            return urllib.parse.parse_qs(text, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            self._fail(400, f"the {where}'s percent-escapes (%XX) are not UTF-8")
            return None

    def do_POST(self) -> None:
        if not self._allowed():
            return
        parts = urllib.parse.urlsplit(self.path)
        ctype = (self.headers.get_content_type() or "").lower()
        params = self._params(parts.query)
        if params is None:
            self.close_connection = True  # the body is left unread
            return
        if ctype == SPARQL_UPDATE or "update" in params:
            self.close_connection = True  # the body is left unread
            self._fail(403, READ_ONLY)
            return
        if parts.path not in PATHS:
            self.close_connection = True
            self._fail(404, f"no such endpoint {parts.path}: use /sparql")
            return
        body = self._body()
        if body is None:
            return
        charset = self.headers.get_content_charset() or "utf-8"
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            self._fail(400, f"request body is not {charset}")
            return
        if ctype == SPARQL_QUERY:
            params["query"] = [text]
        elif ctype == FORM:
            fields = self._params(text, "form")
            if fields is None:
                return
            for k, v in fields.items():
                params.setdefault(k, []).extend(v)
        else:
            self._fail(415, f"POST a query as {SPARQL_QUERY} or {FORM}, not {ctype or 'no type'}")
            return
        self._run(params)

    def _refuse_write(self) -> None:
        self.close_connection = True
        self._fail(403, READ_ONLY)

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def _run(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._fail(403, READ_ONLY)
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._fail(400, "give exactly one query parameter (SPARQL 1.1 Protocol), "
                            "e.g. /sparql?query=SELECT…")
            return
        if federated(queries[0]):
            self._fail(400, FEDERATED)
            return
        try:
            default = [ox.NamedNode(g) for g in params.get("default-graph-uri", [])]
            named = [ox.NamedNode(g) for g in params.get("named-graph-uri", [])]
        except ValueError as exc:
            self._fail(400, f"bad graph IRI ({exc})")
            return
        options: dict = {"prefixes": QUERY_PREFIXES}
        if default or named:
            # the protocol's dataset is the graphs given, and only those: with default-graph-uri
            # alone there are no named graphs, with named-graph-uri alone the default graph is
            # empty (SPARQL 1.1 Protocol, 2.1.4; it overrides the query's FROM clauses)
            options["default_graph"] = default
            options["named_graphs"] = named
        elif not names_dataset(queries[0]):
            options["use_default_graph_as_union"] = True  # one graph per notice: query them all
        try:
            answer = self._evaluate(queries[0], options)
        except SyntaxError as exc:
            from .query import syntax_message

            self._fail(400, syntax_message(exc, queries[0]))
            return
        except OSError as exc:
            self._fail(500, f"query failed: {exc}")
            return
        if answer is not None:
            self._send_answer(answer)

    def _evaluate(self, sparql: str, options: dict):
        """The query's answer, pulled in a worker thread (`_Evaluation`) while this one watches
        the clock and the client; None once the query was given up (a 503 sent, or the client
        gone). Errors of the query are raised here."""
        server = self.server
        job = _Evaluation(server.store, sparql, options, server.max_rows)
        deadline = time.monotonic() + server.timeout if server.timeout else None
        # at most `max_running` evaluations at once, those given up on included (pyoxigraph
        # runs them on): a query waits for a slot within its time limit, else is answered busy
        while not server.admit(job):
            if self._client_gone():
                self.close_connection = True
                return None
            if deadline is not None and time.monotonic() >= deadline:
                self._fail(503, f"busy: {server.max_running} queries are being evaluated, as many as this server "
                                "runs at once (some may be queries given up on that run on); try again later")
                return None
            time.sleep(POLL / 4)
        while True:
            job.join(POLL if deadline is None else max(0.0, min(POLL, deadline - time.monotonic())))
            if not job.is_alive():
                break
            if self._client_gone():
                job.stop.set()
                self.close_connection = True
                return None
            if deadline is not None and time.monotonic() >= deadline:
                job.stop.set()
                self._fail(503, f"query timed out: no answer within the server's {server.timeout:g} s time limit "
                                "(policykg serve --timeout); narrow it (LIMIT, a more selective pattern)")
                return None
        if isinstance(job.error, _TooMany):
            self._fail(413, f"the answer has more than {server.max_rows} rows, the most this server holds "
                            "(policykg serve --max-rows); narrow it (LIMIT, a more selective pattern)")
            return None
        if job.error is not None:
            raise job.error
        return job.answer

    def _client_gone(self) -> bool:
        """Whether the client closed its connection (a read would give end-of-file)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def _send_answer(self, answer) -> None:
        accept = self.headers.get("Accept")
        if isinstance(answer, list):  # CONSTRUCT / DESCRIBE triples
            media = _negotiate(accept, GRAPH_FORMATS)
            if media is None:
                self._fail(406, f"CONSTRUCT/DESCRIBE results come as {', '.join(GRAPH_FORMATS)}")
                return
            unnamed = next((t.predicate for t in answer if media == RDF_XML and not _XML_NAME_END.search(t.predicate.value)), None)
            if unnamed is not None:  # pyoxigraph writes it as <oxprefix: …>, not XML: the next format asked for
                media = _negotiate(accept, {m: f for m, f in GRAPH_FORMATS.items() if m != RDF_XML})
                if media is None:
                    self._fail(406, f"cannot write this answer as RDF/XML: the predicate <{unnamed.value}> ends in "
                                    "no XML name (a letter or _ then letters, digits, _ . -); ask for N-Triples or Turtle")
                    return
            try:
                body = ox.serialize(answer, format=GRAPH_FORMATS[media],
                                    prefixes=PREFIXES if media == "text/turtle" else None)
            except ValueError as exc:  # e.g. a predicate RDF/XML cannot write as an element name
                self._fail(406, f"cannot write this answer as {media}: {exc}")
                return
        else:
            media = _negotiate(accept, RESULT_FORMATS)
            if media is None:
                self._fail(406, f"SELECT/ASK results come as {', '.join(RESULT_FORMATS)}")
                return
            try:
                body = _solutions(*answer) if isinstance(answer, tuple) else answer
                body = body.serialize(format=RESULT_FORMATS[media])
            except ValueError as exc:  # e.g. an ASK answer as CSV
                self._fail(406, f"cannot write this answer as {media}: {exc}")
                return
        if "xml" in media:
            body = xml_safe(body)
        charset = "; charset=utf-8" if media.startswith("text/") or media.endswith("json") else ""
        self._reply(200, body, media + charset)


class _TooMany(Exception):
    """An answer with more rows or triples than the server holds (`SparqlServer.max_rows`)."""


class _Evaluation(threading.Thread):
    """One query evaluated in a daemon thread, its results pulled into a list, so that the
    handler can give up on it: at the time limit or when the client hangs up, `stop` ends the
    pulling at the next solution or triple. pyoxigraph cannot cancel a query, though: the work
    it does before the first result (an aggregate such as COUNT, ORDER BY, ASK) runs on to its
    end in the background, its answer dropped; only a process per query could stop that.

    `answer` is the ASK answer, (variables, solutions) of a SELECT, or the distinct triples
    of a CONSTRUCT/DESCRIBE (a graph is a set: DESCRIBE over the union would give a triple
    once per graph holding it); `error` what the query raised (`_TooMany` past `max_rows`
    rows or triples, 0: no limit)."""

    def __init__(self, store: ox.Store, sparql: str, options: dict, max_rows: int = 0):
        super().__init__(name="policykg-query", daemon=True)
        self.store, self.sparql, self.options, self.max_rows = store, sparql, options, max_rows
        self.stop = threading.Event()
        self.answer = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            answer = self.store.query(self.sparql, **self.options)
            if isinstance(answer, ox.QuerySolutions):
                rows = []
                for row in answer:
                    if self.stop.is_set():
                        return
                    if len(rows) == self.max_rows > 0:  # said, not raised: a traceback would keep
                        self.error = _TooMany()         # `answer` for another thread to drop
                        return
                    rows.append(row)
                self.answer = ([v.value for v in answer.variables], rows)
            elif isinstance(answer, ox.QueryTriples):
                triples: dict[ox.Triple, None] = {}
                for triple in answer:
                    if self.stop.is_set():
                        return
                    triples[triple] = None
                    if len(triples) > self.max_rows > 0:
                        self.error = _TooMany()
                        return
                self.answer = list(triples)
            else:
                self.answer = answer
        except BaseException as exc:  # handed to the handler, which answers it
            self.error = exc


def _solutions(variables: list[str], rows: list[ox.QuerySolution]) -> ox.QuerySolutions:
    """Solutions pulled from a query as a `QuerySolutions` again, for pyoxigraph's writers:
    through TSV, whose terms are N-Triples (`str(term)`), so nothing is lost on the way."""
    lines = ["\t".join("?" + v for v in variables)]
    lines += ["\t".join("" if row[v] is None else str(row[v]) for v in variables) for row in rows]
    return ox.parse_query_results("\n".join(lines) + "\n", format=ox.QueryResultsFormat.TSV)


# Characters XML 1.0 forbids even as character references (a control character in a notice,
# \x1f; a literal of any store served), as UTF-8: each becomes one U+FFFD, as in `export`'s GraphML.
# In UTF-8, bytes below 0x20 are always those characters themselves, never part of another.
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


def xml_safe(body: bytes) -> bytes:
    """An XML answer (SPARQL results XML, RDF/XML) well-formed whatever its literals hold."""
    return _NOT_XML.sub("\ufffd".encode("utf-8"), body)


class SparqlServer(ThreadingHTTPServer):
    """A read-only SPARQL 1.1 Protocol endpoint over one pyoxigraph store."""

    daemon_threads = True

    def __init__(self, store: ox.Store, address: tuple[str, int], verbose: bool = False,
                 timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS):
        self.store = store
        self.verbose = verbose
        self.timeout = timeout  # seconds a query may take; 0: no limit
        self.max_rows = max_rows  # rows or triples an answer may have; 0: no limit
        # evaluations at once, those given up on that pyoxigraph still runs included: one a core
        self.max_running = max(1, os.cpu_count() or 1)
        self._running: list[_Evaluation] = []
        self._lock = threading.Lock()
        host = address[0]
        self.loopback = host in LOOPBACK_NAMES or host.startswith("127.")
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def admit(self, job: _Evaluation) -> bool:
        """Start `job` if fewer than `max_running` evaluations run; whether it was."""
        with self._lock:
            self._running = [j for j in self._running if j.is_alive()]
            if len(self._running) >= self.max_running:
                return False
            job.start()
            self._running.append(job)
            return True

    def running(self) -> int:
        """How many queries are being evaluated (given up on or not)."""
        with self._lock:
            self._running = [j for j in self._running if j.is_alive()]
            return len(self._running)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/sparql"


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *,
                verbose: bool = False, timeout: float = DEFAULT_TIMEOUT,
                max_rows: int = DEFAULT_MAX_ROWS) -> SparqlServer:
    """A bound, not yet running server (``port=0`` picks a free port; see `.url`); a query
    not answered within `timeout` seconds (0: no limit) gets a 503, one whose answer has
    more than `max_rows` rows or triples (0: no limit) a 413."""
    if not math.isfinite(timeout):
        raise PolicykgError(f"a query time limit must be a number of seconds, not {timeout:g} (0: no limit)")
    if timeout < 0:
        raise PolicykgError(f"a query time limit cannot be negative ({timeout:g} s)")
    if max_rows < 0:
        raise PolicykgError(f"a query's row limit cannot be negative ({max_rows})")
    if not host.strip():  # the socket's "": every interface, which `--host $UNSET` should not open
        raise PolicykgError("give an interface to listen on (--host 127.0.0.1; 0.0.0.0 for every interface)")
    try:
        return SparqlServer(store, (host, port), verbose, timeout, max_rows)
    except OSError as exc:
        raise PolicykgError(f"cannot listen on {host}:{port} ({_reason(exc)})") from None
    except (TypeError, UnicodeError):  # a name of bytes that are no text (its hostname's encoding failed)
        raise PolicykgError(f"cannot listen on {host!r}:{port} (not a host name or address)") from None


def serve(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *,
          timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS) -> None:
    """Serve `store` read-only until interrupted (Ctrl-C, SIGTERM); localhost only unless
    `host` says so. Stopping does not wait for queries still being evaluated."""
    server = make_server(store, host, port, verbose=True, timeout=timeout, max_rows=max_rows)
    graphs = sum(1 for _ in store.named_graphs())
    limit = f"{timeout:g} s a query" if timeout else "no time limit"
    print(f"policykg: serving {len(store)} triples in {graphs} graphs read-only at {server.url} "
          f"({limit}; Ctrl-C to stop)", file=sys.stderr)
    if threading.current_thread() is threading.main_thread():
        # SIGTERM stops the server as Ctrl-C does; SIGINT too when the shell that started it
        # in the background set it to be ignored
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGINT, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve_in_thread(server: SparqlServer) -> threading.Thread:
    """Run `server` in a daemon thread (tests, notebooks); stop it with ``server.shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), name="policykg-sparql",
                              daemon=True)
    thread.start()
    return thread


__all__ = ["push", "query", "serve", "make_server", "serve_in_thread", "Result", "RemoteError",
           "SparqlServer"]
