"""extractor/remote.py against a real Virtuoso (push, query, bindings) and its own read-only server.

The stores are filled here with triples of the real notices: Chinese literals with quotes,
backslashes, newlines and tabs, non-ASCII and percent-encoded IRIs — what breaks naive servers.
"""
from __future__ import annotations

import base64
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
import rdflib

from extractor import remote
from extractor.errors import PolicykgError
from extractor.graph import DCT, ELI, PK, RDF, XSD
from virtuoso import free_port, virtuoso  # noqa: F401

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ORG = "http://www.w3.org/ns/org#"
DATA = "https://w3id.org/policykg/data/jurisdiction/"
INJECTION = '"} ; DROP ALL ; #'
HEALTH = "县卫生健康委"


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def L(value, lang: str | None = None, dtype: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    return ox.Literal(value, datatype=N(dtype)) if dtype else ox.Literal(value)


def county_quads(run: str) -> list[ox.Quad]:
    """A slice of the Qimen notice as RDF; `run` keeps each test's graphs apart on the server."""
    doc = f"{DATA}祁门县/doc/祁政办秘-2021-45-{run}"
    g = N(doc + "/graph")
    org = N(f"{DATA}祁门县/org/health")
    duty = N(doc + "/duty/main%2F4%2F1-1")
    triples = [
        (N(doc), N(RDF + "type"), N(PK + "Notice")),
        (N(doc), N(RDF + "type"), N(ELI + "LegalResource")),
        (N(doc), N(DCT + "title"), L("祁门县人民政府办公室关于印发祁门县促进3岁以下婴幼儿照护服务发展"
                                     "工作联席会议制度的通知", "zh")),
        (N(doc), N(ELI + "id_local"), L("祁政办秘〔2021〕45号")),
        (N(doc), N(ELI + "date_document"), L("2021-12-03", dtype=XSD + "date")),
        (org, N(RDF + "type"), N(ORG + "Organization")),
        (org, N(RDFS + "label"), L(HEALTH, "zh")),
        (duty, N(RDF + "type"), N(PK + "DutyAssignment")),
        (duty, N(PK + "assignee"), org),
        (duty, N(PK + "dutyText"), L("承担联席会议办公室职能，负责办公室日常工作。\n"
                                     "执行《关于做好3岁以下婴幼儿照护服务发展工作的通知》")),
        (duty, N(PK + "actionLabel"), L("负责")),
        (N(doc + "/clause/main/4"), N(PK + "span"), N(doc + "/source#char=1433,2876")),
        (N(doc + "/source#char=1433,2876"), N(PK + "start"), L(1433)),
        (N(doc + "/source#char=1433,2876"), N(PK + "end"), L(2876)),
        (N(doc + "/clause/att1/r9"), N(RDFS + "label"), L("9\t自然资源和规划局\t汪复生\t汪 钰", "zh")),
        (N(doc + "/note"), N(RDFS + "comment"), L('引号"与反斜杠\\及' + INJECTION)),
    ]
    return [ox.Quad(s, p, o, g) for s, p, o in triples]


def city_quads(run: str) -> list[ox.Quad]:
    doc = f"{DATA}巴彦淖尔市/doc/巴政办发-2021-20-{run}"
    g = N(doc + "/graph")
    org = N(f"{DATA}巴彦淖尔市/org/health")
    triples = [
        (N(doc), N(RDF + "type"), N(PK + "Notice")),
        (N(doc), N(DCT + "title"), L("巴彦淖尔市人民政府办公室关于建立巴彦淖尔市促进3岁以下婴幼儿照护服务"
                                     "发展工作联席会议制度的通知", "zh")),
        (N(doc), N(ELI + "id_local"), L("巴政办发〔2021〕20号")),
        (N(doc), N(ELI + "cites"), N("https://w3id.org/policykg/data/doc/国办发-2019-15")),
        (N(doc), N(ELI + "cites"), N("https://w3id.org/policykg/data/doc/title/%E3%80%8A%E5%9B%BD%E5%8A%A1")),
        (org, N(RDFS + "label"), L("市卫生健康委", "zh")),
        (org, N(RDFS + "label"), L("Health Commission", "en")),
        (N(doc + "/task/1"), N(PK + "dutyText"), L("（市教育局、民政局按职责分工负责）")),
    ]
    return [ox.Quad(s, p, o, g) for s, p, o in triples]


def make_store(run: str) -> tuple[ox.Store, dict[str, int]]:
    store = ox.Store()
    counts = {}
    for quads in (county_quads(run), city_quads(run)):
        store.extend(quads)
        counts[quads[0].graph_name.value] = len(quads)
    return store, counts


def graph_triples(store: ox.Store, graph: str) -> set[ox.Triple]:
    return {q.triple for q in store.quads_for_pattern(None, None, None, N(graph))}


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def server_count(endpoint: str, graph: str) -> int:
    result = remote.query(endpoint, COUNT, bindings={"g": N(graph)})
    return int(result.values("n")[0])


def server_triples(endpoint: str, graph: str) -> set[ox.Triple]:
    result = remote.query(endpoint, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                          bindings={"g": N(graph)})
    return set(result)


def one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert message and "\n" not in message and "Traceback" not in message, message
    return message


# --- push to Virtuoso -----------------------------------------------------------------------------

@pytest.mark.server
@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_counts_round_trip_and_repush(virtuoso, method, monkeypatch):  # noqa: F811
    store, counts = make_store(uuid.uuid4().hex[:8])
    endpoint = virtuoso.gsp if method == "gsp" else virtuoso.sparql_auth
    bodies = []
    original = remote._Client._send

    def send(client, verb, url, body, *rest):
        try:
            response = original(client, verb, url, body, *rest)
        except urllib.error.HTTPError as exc:
            response = exc
        if body:
            bodies.append(getattr(response, "status", getattr(response, "code", None)))
        if isinstance(response, urllib.error.HTTPError):
            raise response
        return response

    monkeypatch.setattr(remote._Client, "_send", send)
    sent = remote.push(store, endpoint, method=method, auth=virtuoso.auth)
    assert sent == counts
    # digest settled by a bodiless request first: every body went out once, authorised
    # (over Update, the count that checks the first graph landed is a body too)
    assert len(bodies) == len(counts) + (method == "update") and set(bodies) <= {200, 201, 204}
    monkeypatch.undo()
    for graph, n in counts.items():
        assert server_count(virtuoso.sparql, graph) == n
        # every term comes back exactly: Chinese, quotes, \n, \t, %-encoded IRIs, datatypes, tags
        assert server_triples(virtuoso.sparql, graph) == graph_triples(store, graph)
    assert remote.push(store, endpoint, method=method, auth=virtuoso.auth) == counts
    for graph, n in counts.items():
        assert server_count(virtuoso.sparql, graph) == n  # replaced, not appended


@pytest.mark.server
@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_changed_graph_removes_old_triples(virtuoso, method):  # noqa: F811
    run = uuid.uuid4().hex[:8]
    store, counts = make_store(run)
    endpoint = virtuoso.gsp if method == "gsp" else virtuoso.sparql_auth
    remote.push(store, endpoint, method=method, auth=virtuoso.auth)
    county = county_quads(run)
    graph = county[0].graph_name
    old = county[2]  # the title
    store.remove(old)
    new = ox.Quad(old.subject, old.predicate, L("修订后的标题：祁门县联席会议制度", "zh"), graph)
    store.add(new)
    sent = remote.push(store, endpoint, graph=graph.value, method=method, auth=virtuoso.auth,
                       batch=4)  # update: batches into a staging graph, then MOVE onto the old one
    assert sent == {graph.value: counts[graph.value]}
    ask = "ASK { GRAPH ?g { ?s ?p ?o } }"
    assert not remote.query(virtuoso.sparql, ask, bindings={"g": graph, "o": old.object})
    assert remote.query(virtuoso.sparql, ask, bindings={"g": graph, "o": new.object})
    assert server_triples(virtuoso.sparql, graph.value) == graph_triples(store, graph.value)


@pytest.mark.server
def test_update_batches_and_blank_nodes(virtuoso, monkeypatch):  # noqa: F811
    """2000 triples is more than Virtuoso 7 compiles in one INSERT DATA: the batch is halved."""
    run = uuid.uuid4().hex[:8]
    g = N(f"{DATA}祁门县/doc/big-{run}/graph")
    store = ox.Store()
    store.extend(ox.Quad(N(f"{DATA}祁门县/doc/big-{run}/clause/{i}"), N(RDFS + "label"),
                         L(f"第{i}条 县卫生健康委负责\"指导\"", "zh"), g) for i in range(2000))
    shared = ox.BlankNode()  # one blank node in several triples must stay one node
    store.extend([ox.Quad(shared, N(RDF + "type"), N(PK + "Note"), g),
                  ox.Quad(shared, N(RDFS + "label"), L("备注"), g),
                  ox.Quad(N(f"{DATA}祁门县/doc/big-{run}"), N(RDFS + "seeAlso"), shared, g)])
    statuses = []
    original = remote._Client._send

    def send(*args):
        try:
            response = original(*args)
            statuses.append(response.status)
            return response
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
            raise

    monkeypatch.setattr(remote._Client, "_send", send)
    sent = remote.push(store, virtuoso.sparql_auth, method="update", auth=virtuoso.auth, batch=10000)
    assert sent == {g.value: 2003}
    assert 400 in statuses  # Virtuoso refused the whole batch, the halves went in
    assert server_count(virtuoso.sparql, g.value) == 2003
    linked = remote.query(virtuoso.sparql, "SELECT ?l WHERE { GRAPH ?g { ?d <%sseeAlso> ?b . "
                          "?b a <%sNote> ; <%slabel> ?l } }" % (RDFS, PK, RDFS), bindings={"g": g})
    assert linked.values("l") == ["备注"]
    leftovers = remote.query(virtuoso.sparql, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                             "FILTER(STRSTARTS(STR(?g), 'urn:uuid:')) }")
    assert len(leftovers) == 0  # the staging graph was moved, not left behind


@pytest.mark.server
def test_auto_picks_update_or_gsp(virtuoso):  # noqa: F811
    store, counts = make_store(uuid.uuid4().hex[:8])
    client = remote._Client(virtuoso.sparql_auth, virtuoso.auth, 10)
    assert remote._is_sparql_endpoint(client)
    assert not remote._is_sparql_endpoint(remote._Client(virtuoso.gsp, virtuoso.auth, 10))
    for endpoint in (virtuoso.sparql_auth, virtuoso.gsp):
        assert remote.push(store, endpoint, auth=virtuoso.auth) == counts
        for graph, n in counts.items():
            assert server_count(virtuoso.sparql, graph) == n


@pytest.mark.server
def test_default_graph_pushed_under_a_name(virtuoso):  # noqa: F811
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in city_quads("d"))
    target = f"{DATA}巴彦淖尔市/doc/默认图-{uuid.uuid4().hex[:8]}/graph"
    with pytest.raises(PolicykgError) as exc:
        remote.push(store, virtuoso.gsp, auth=virtuoso.auth)
    assert "graph=" in one_line(exc)
    assert remote.push(store, virtuoso.gsp, graph=target, auth=virtuoso.auth) == {target: 8}
    assert server_count(virtuoso.sparql, target) == 8


@pytest.mark.server
def test_bindings_are_values_not_query_text(virtuoso):  # noqa: F811
    run = uuid.uuid4().hex[:8]
    store, counts = make_store(run)
    remote.push(store, virtuoso.gsp, auth=virtuoso.auth)
    county_graph = county_quads(run)[0].graph_name
    by_label = "SELECT ?org WHERE { GRAPH ?g { ?org <%slabel> ?name } }" % RDFS
    hit = remote.query(virtuoso.sparql, by_label, bindings={"g": county_graph, "name": L(HEALTH, "zh")})
    assert hit.values("org") == [f"{DATA}祁门县/org/health"]
    for hostile in (INJECTION, INJECTION.replace('"', "'"), '"""' + INJECTION, "\\", "> } ; CLEAR ALL"):
        result = remote.query(virtuoso.sparql_auth, by_label, auth=virtuoso.auth,
                              bindings={"g": county_graph, "name": hostile})
        assert result.form == "SELECT" and len(result) == 0
    # the literal holding the injection string is matched as data, exactly
    note = remote.query(virtuoso.sparql, "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }",
                        bindings={"g": county_graph, "o": '引号"与反斜杠\\及' + INJECTION})
    assert note.values("s") == [f"{DATA}祁门县/doc/祁政办秘-2021-45-{run}/note"]
    for graph, n in counts.items():
        assert server_count(virtuoso.sparql, graph) == n  # nothing was dropped


@pytest.mark.server
def test_server_errors_are_one_line(virtuoso):  # noqa: F811
    store, _ = make_store(uuid.uuid4().hex[:8])
    with pytest.raises(PolicykgError) as exc:  # anonymous writes are not allowed by default
        remote.push(store, virtuoso.gsp_anonymous, method="gsp")
    assert "HTTP 403" in one_line(exc) and "/sparql-graph-crud" in str(exc.value)
    with pytest.raises(PolicykgError) as exc:
        remote.push(store, virtuoso.sparql_auth, method="update", auth=("dba", "wrong"))
    assert "HTTP 401" in one_line(exc) and "password" in str(exc.value)
    with pytest.raises(PolicykgError) as exc:
        remote.query(virtuoso.sparql, "SELECT ?s WHERE { ?s ?p }")
    message = one_line(exc)
    assert "HTTP 400" in message and "SPARQL" in message and len(message) < 300


def test_unreachable_endpoint_is_one_line():
    url = f"http://127.0.0.1:{free_port()}/sparql"
    store, _ = make_store("x")
    with pytest.raises(PolicykgError) as exc:
        remote.push(store, url, method="update", timeout=5)
    assert "cannot connect" in one_line(exc) and url in str(exc.value)
    with pytest.raises(PolicykgError) as exc:
        remote.query(url, "ASK {}", timeout=5)
    assert "cannot connect" in one_line(exc)
    with pytest.raises(PolicykgError) as exc:
        remote.query("ftp://example.org/sparql", "ASK {}")
    assert "http" in one_line(exc)


# --- checks before anything is sent -----------------------------------------------------------------


def test_push_refuses_what_it_cannot_send():
    with pytest.raises(PolicykgError) as exc:
        remote.push(ox.Store(), "http://127.0.0.1:9/sparql")
    assert "nothing to push" in one_line(exc)
    store, _ = make_store("y")
    with pytest.raises(PolicykgError) as exc:
        remote.push(store, "http://127.0.0.1:9/sparql", graph="https://w3id.org/policykg/data/none")
    assert "no graph" in one_line(exc)
    with pytest.raises(PolicykgError) as exc:
        remote.push(store, "http://127.0.0.1:9/sparql", graph="not an iri")
    assert "not an IRI" in one_line(exc)
    with pytest.raises(PolicykgError) as exc:
        remote.push(store, "http://127.0.0.1:9/sparql", method="ftp")
    assert "method" in one_line(exc)


@pytest.mark.parametrize("sparql, bindings, message", [
    ("INSERT DATA { <http://a> <http://b> <http://c> }", None, "Update"),
    ("PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }", None, "Update"),
    ("", None, "empty"),
    ("SELECT * WHERE { ?s ?p ?o }", {"bad name": "x"}, "variable"),
    ("SELECT * WHERE { ?s ?p ?o }", {"s": object()}, "cannot send"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", {"s": "x"}, "CONSTRUCT"),
    ("DESCRIBE <http://x>", {"s": "x"}, "WHERE"),
])
def test_query_refuses_before_sending(sparql, bindings, message):
    with pytest.raises(PolicykgError) as exc:
        remote.query("http://127.0.0.1:9/sparql", sparql, bindings=bindings)
    assert message in one_line(exc)


def test_values_go_inside_the_where_group():
    masked_cases = {
        'PREFIX ex: <http://x/y#> SELECT ?s WHERE { ?s ex:p "{" }': 'WHERE { VALUES ?s',
        "SELECT ?s WHERE { ?s ?p '''{ # not a comment\n{''' }": "WHERE { VALUES ?s",
        "# ASK { comment }\nASK { ?s ?p ?o }": "ASK { VALUES ?s",
        'CONSTRUCT { ?s <http://p> "}" } WHERE { ?s ?p ?o }': "WHERE { VALUES ?s",
        "SELECT (COUNT(*) AS ?n) FROM <http://g> WHERE { ?s ?p ?o }": "WHERE { VALUES ?s",
    }
    for sparql, expected in masked_cases.items():
        form, masked = remote._query_form(sparql)
        bound = remote._bind(sparql, masked, form, {"s": N("http://x/祁门县")})
        assert expected in bound, bound
        assert "VALUES ?s { <http://x/祁门县> }" in bound
        ox.Store().query(bound)  # still valid SPARQL


# A SERVICE clause to a port oxigraph's HTTP client will not open: running one fails at once,
# without a connection, which shows the parser read a SERVICE clause there.
NOWHERE = "<http://127.0.0.1:9/sparql>"
FEDERATED = [
    f"SELECT * WHERE {{ SERVICE {NOWHERE} {{ ?s ?p ?o }} }}",
    f"select * {{ ?s ?p ?o . service silent {NOWHERE} {{ ?a ?b ?c }} }}",
    f"SELECT * {{ BIND({NOWHERE} AS ?u) SERVICE ?u {{ ?a ?b ?c }} }}",
    f"SELECT * {{ ?s ?p ?o.SERVICE{NOWHERE}{{?a ?b ?c}} }}",
    f"SELECT * {{ ?s ?p 1SERVICE{NOWHERE}{{?a ?b ?c}} }}",  # a number or boolean ends without a break
    f"SELECT * {{ ?s ?p trueSERVICE{NOWHERE}{{?a ?b ?c}} }}",
    "PREFIX : <http://127.0.0.1:9/> SELECT * { SERVICE:x{?a ?b ?c} }",
    "PREFIX service: <http://127.0.0.1:9/> SELECT * { SERVICE service:x {?a ?b service:o} }",
    f"SELECT * {{ SERVICE SILENT\n# a comment\n{NOWHERE}\n{{ ?a ?b ?c }} }}",
    "PREFIX ex: <http://127.0.0.1:9/> SELECT * { SERVICE ex:a\\#b {?a ?b ?c} }",  # an escape inside the name
    f"SELECT * {{ # a comment ends at a carriage return too\rSERVICE {NOWHERE} {{?a ?b ?c}} }}",
    # an escaped # or ' in a name opens no comment or string
    f"PREFIX ex: <http://e/> SELECT * {{ ?s ex:p\\#x ?o . SERVICE {NOWHERE} {{?a ?b ?c}} }}",
    f"PREFIX ex: <http://e/> SELECT * {{ ?s ex:p\\'x ?o . SERVICE {NOWHERE} {{?a ?b ?c}} FILTER(?o != '') }}",
    # ?o<'>' compares with a string: what looks like an IRI from < to > is none
    f"SELECT * {{ ?s ?p ?o FILTER(!(?o<'>')) SERVICE {NOWHERE} {{?a ?b ?c}} FILTER(?o!='') }}",
]
NOT_FEDERATED = [
    "SELECT ?service WHERE { ?service ?p 'SERVICE <http://x> { }' }",
    "SELECT * WHERE { ?s <http://schema.org/Service> ?o } # SERVICE <http://x> {}",
    "PREFIX ex: <http://e/> SELECT ?my_service WHERE { ?my_service ex:SERVICE _:service . ?s ?p 'x'@service }",
    'SELECT * WHERE { ?s ?p """\nSERVICE <http://x> { }\n""" }',
    # a prefix named service: its names are no SERVICE clause where no group follows them
    "PREFIX service: <http://e/> SELECT * { service:a service:p ?o . ?s ?p service:o }",
    "PREFIX service: <http://e/> SELECT * { ?s service:p ?o OPTIONAL { ?o service:q ?x } }",
]


@pytest.mark.parametrize("sparql", FEDERATED)
def test_federated_queries_are_found(sparql):
    store = ox.Store()
    for o in (L("a"), L(1), L(True)):
        store.add(ox.Quad(N("http://e/s"), N("http://e/p"), o))
    store.add(ox.Quad(N("http://e/s"), N("http://e/p#x"), L("a")))
    store.add(ox.Quad(N("http://e/s"), N("http://e/p'x"), L("a")))
    assert remote.federated(sparql)
    try:  # the oracle: oxigraph itself reads a SERVICE clause here
        list(store.query(sparql))
    except (OSError, RuntimeError) as exc:
        assert "port 9" in str(exc) or "service" in str(exc).lower()
    else:
        assert "silent" in sparql.lower()


@pytest.mark.parametrize("sparql", NOT_FEDERATED)
def test_service_in_strings_iris_comments_and_names_is_no_service_clause(sparql):
    ox.Store().query(sparql)  # valid SPARQL
    assert not remote.federated(sparql)


# --- the read-only local server ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def local():
    store, counts = make_store("local")
    server = remote.make_server(store, "127.0.0.1", 0)
    remote.serve_in_thread(server)
    try:
        yield server, store, counts
    finally:
        server.shutdown()
        server.server_close()


def http(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) without raising on 4xx."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


LABELS = ("SELECT ?org ?name WHERE { ?org rdfs:label ?name "
          "FILTER(LANG(?name) = 'zh' && CONTAINS(STR(?org), '/org/')) } ORDER BY ?name")


def test_serve_get_and_post_select(local):
    server, _, _ = local
    expected = [HEALTH, "市卫生健康委"]
    status, headers, body = http(server.url + "?" + urllib.parse.urlencode({"query": LABELS}))
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    rows = json.loads(body)["results"]["bindings"]
    assert sorted(r["name"]["value"] for r in rows) == sorted(expected)
    status, _, body = http(server.url, data=LABELS.encode("utf-8"),
                           headers={"Content-Type": "application/sparql-query"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 2
    form = urllib.parse.urlencode({"query": LABELS}).encode("ascii")
    status, _, body = http(server.url, data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 200 and HEALTH in body.decode("utf-8") and body.startswith(b"org,name")
    status, headers, body = http(server.url, data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/tab-separated-values"})
    assert status == 200 and f'"{HEALTH}"@zh' in body.decode("utf-8")
    status, _, body = http(server.url, data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+xml"})
    assert status == 200 and b"<sparql" in body
    # query() against our own server: the same client code, bindings included
    result = remote.query(server.url, LABELS, bindings={"name": L(HEALTH, "zh")})
    assert result.values("org") == [f"{DATA}祁门县/org/health"]
    assert len(remote.query(server.url, LABELS, bindings={"name": INJECTION})) == 0
    assert remote.query(server.url, "ASK { ?s eli:id_local ?n }", bindings={"n": "巴政办发〔2021〕20号"})


def test_serve_reads_from_as_the_default_graph(local):
    """`FROM <g>` over HTTP was ignored as in `sparql` (the union stayed the default graph);
    the protocol's default-graph-uri still wins over it (SPARQL 1.1 Protocol, 2.1.4)."""
    server, _, counts = local
    graph = sorted(counts)[0]

    def count(query: str, **params: str) -> int:
        status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": query, **params}))
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    assert count(f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}") == counts[graph]
    assert count("SELECT (COUNT(*) AS ?n) FROM <http://nothing.example/> WHERE { ?s ?p ?o }") == 0
    assert count("SELECT (COUNT(*) AS ?n) FROM <http://nothing.example/> WHERE { ?s ?p ?o }",
                 **{"default-graph-uri": graph}) == counts[graph]
    assert count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == sum(counts.values())


def test_serve_describe_gives_each_triple_once():
    """DESCRIBE over the union listed a triple once per graph holding it (a cited document
    described in each citing notice's graph): a graph is a set."""
    store = ox.Store()
    doc, title = N(f"{DATA}doc/国办发-2019-15"), L("关于促进3岁以下婴幼儿照护服务发展的指导意见", "zh")
    for g in ("a", "b"):
        store.add(ox.Quad(doc, N(DCT + "title"), title, N(f"{DATA}{g}/graph")))
    server = remote.make_server(store, "127.0.0.1", 0)
    remote.serve_in_thread(server)
    try:
        status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": f"DESCRIBE <{doc.value}>"}),
                               headers={"Accept": "application/n-triples"})
    finally:
        server.shutdown()
        server.server_close()
    assert status == 200 and len(body.decode("utf-8").splitlines()) == 1


def test_serve_construct_as_turtle_and_ntriples(local):
    server, store, _ = local
    construct = "CONSTRUCT { ?d dct:title ?t } WHERE { ?d dct:title ?t }"
    status, headers, body = http(server.url + "?" + urllib.parse.urlencode({"query": construct}),
                                 headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    titles = {str(o) for o in graph.objects()}
    assert len(graph) == 2 and any(t.startswith("祁门县人民政府办公室") for t in titles)
    assert b"@prefix dct:" in body
    status, headers, body = http(server.url + "?" + urllib.parse.urlencode({"query": construct}),
                                 headers={"Accept": "application/n-triples"})
    assert status == 200 and len(body.decode("utf-8").strip().splitlines()) == 2
    result = remote.query(server.url, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert set(result) == {q.triple for q in store}


def test_serve_refuses_updates_and_keeps_the_store(local):
    server, store, _ = local
    before = {q for q in store}
    drop = "DROP ALL"
    attempts = [
        http(server.url, data=drop.encode(), headers={"Content-Type": "application/sparql-update"}),
        http(server.url, data=urllib.parse.urlencode({"update": drop}).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded"}),
        http(server.url + "?" + urllib.parse.urlencode({"update": drop})),
        http(server.url + "?graph=http://x", data=b"<http://a> <http://b> <http://c> .", method="PUT",
             headers={"Content-Type": "application/n-triples"}),
        http(server.url + "?graph=http://x", method="DELETE"),
    ]
    for status, headers, body in attempts:
        assert status == 403, (status, body)
        assert body.decode().strip() == remote.READ_ONLY
    status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": "DELETE WHERE { ?s ?p ?o }"}))
    assert status == 400 and body.count(b"\n") == 1  # an update is not a query
    with pytest.raises(PolicykgError) as exc:
        remote.query(server.url, "SELECT ?s WHERE { ?s ?p }")
    assert "HTTP 400" in one_line(exc)
    assert {q for q in store} == before


def test_serve_declares_the_ontology_s_prefixes_and_names_an_undeclared_one(local):
    """pkx: (README's pkx:Phrase) was undeclared; a syntax error's body was the first line
    of Oxigraph's message, character ranges and all."""
    server, _, _ = local
    for text in ("ASK { ?p a pkx:Phrase }", "ASK { ?c a align:Cell }", "ASK { ?d dcterms:title ?t }"):
        status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": text}))
        assert status == 200 and "boolean" in json.loads(body), (text, body)
    status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p qq:x }"}))
    said = body.decode("utf-8").strip()
    assert status == 400 and said.startswith("SPARQL syntax error: prefix qq: is not declared (declared: align, ")
    assert "\n" not in said and len(said) < 240


def test_serve_protocol_edges(local):
    server, _, _ = local
    status, headers, _ = http(server.url, method="OPTIONS", headers={
        "Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST"})
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, _, _ = http(server.url)
    assert status == 400
    status, _, _ = http(server.url + "?" + urllib.parse.urlencode({"query": LABELS}),
                        headers={"Accept": "image/png"})
    assert status == 406
    status, _, _ = http(server.url + "?" + urllib.parse.urlencode({"query": LABELS}),
                        headers={"Host": "attacker.example:7878"})
    assert status == 403  # DNS rebinding: a page on another host name gets nothing
    one = f"{DATA}祁门县/doc/祁政办秘-2021-45-local/graph"
    status, _, body = http(server.url + "?" + urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "default-graph-uri": one}))
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(len(county_quads("local")))


def test_serve_refuses_federated_queries(local):
    """SERVICE would make the server fetch any URL a client names (SSRF): 400, nothing fetched."""
    server, _, _ = local
    for sparql in FEDERATED:
        status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": sparql}))
        assert status == 400 and body.count(b"\n") == 1 and b"SERVICE" in body, (sparql, body)
    status, _, body = http(server.url, data=FEDERATED[0].encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and b"SERVICE" in body
    assert http(server.url + "?" + urllib.parse.urlencode({"query": NOT_FEDERATED[0]}))[0] == 200


def test_serve_answers_a_negative_content_length_with_400(local):
    import socket

    server, _, _ = local
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: -5\r\n\r\nASK{}")
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 400"), answer  # was: no answer, a ValueError in the log


def test_make_server_port_in_use(local):
    server, store, _ = local
    with pytest.raises(PolicykgError) as exc:
        remote.make_server(store, "127.0.0.1", server.server_address[1])
    assert "cannot listen" in one_line(exc)


@pytest.mark.parametrize("host, said", [
    ("", "give an interface to listen on (--host 127.0.0.1; 0.0.0.0 for every interface)"),  # was: 0.0.0.0, every one
    (" ", "give an interface to listen on (--host 127.0.0.1; 0.0.0.0 for every interface)"),
    # a name of bytes no UTF-8 (argv's surrogate escapes): was an internal error (TypeError), exit 70
    ("\udcff\udcfe", "cannot listen on '\\udcff\\udcfe':0 (not a host name or address)"),
])
def test_make_server_refuses_a_host_that_is_no_interface(local, host, said):
    _, store, _ = local
    with pytest.raises(PolicykgError) as exc:
        remote.make_server(store, host, 0)
    assert one_line(exc) == said


@pytest.mark.server
@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_the_seed_notices(virtuoso, county_parsed, city_parsed, method):  # noqa: F811
    """The real seeds (whole source text as one literal, every clause and span) and the ontology."""
    from extractor.store import add_document, load_ontology

    base = f"https://w3id.org/policykg/data/{method}/"
    store = ox.Store()
    graphs = [add_document(store, doc, base=base) for doc in (county_parsed, city_parsed)]
    load_ontology(store, base=base)
    endpoint = virtuoso.gsp if method == "gsp" else virtuoso.sparql_auth
    sent = remote.push(store, endpoint, method=method, auth=virtuoso.auth)
    assert set(sent) == set(graphs) | {base + "ontology"}
    assert all(n > 500 for n in sent.values())
    for graph, n in sent.items():
        assert server_count(virtuoso.sparql, graph) == n
        mine, theirs = graph_triples(store, graph), server_triples(virtuoso.sparql, graph)
        # Virtuoso 7.2 writes xsd:duration back as a number ("P6M" → "6"): same value, other
        # lexical form; everything else must come back term for term
        assert {t for t in theirs if not _duration(t)} == {t for t in mine if not _duration(t)}
        for t in filter(_duration, mine):
            assert remote.query(virtuoso.sparql, "ASK { GRAPH ?g { ?s ?p ?o } }", bindings={
                "g": N(graph), "s": t.subject, "p": t.predicate, "o": t.object})


def _duration(t: ox.Triple) -> bool:
    return isinstance(t.object, ox.Literal) and t.object.datatype.value == XSD + "duration"


# --- client behaviour against a scripted server: auth before bodies, no silent redirects ----------


class Scripted(BaseHTTPRequestHandler):
    """Records every request; asks for Basic auth; 301s every POST (a moved endpoint)."""

    log: list[tuple[str, str, bool, int]] = []
    stored: dict[str, bytes] = {}

    def log_message(self, *args) -> None:
        pass

    def _answer(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else b""
        self.log.append((self.command, self.path, bool(data), status))
        if status < 300 and self.command == "PUT":  # before answering: the client goes on at once
            self.stored[urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]] = data
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _authorised(self) -> bool:
        expected = "Basic " + base64.b64encode("analyst:密码".encode("utf-8")).decode("ascii")
        if self.headers.get("Authorization") == expected:
            return True
        self._answer(401, b"<html><body><h1>401</h1><p>login needed</p></body></html>",
                     {"WWW-Authenticate": 'Basic realm="graph store"'})
        return False

    def do_GET(self):  # a Graph Store: gives a stored graph back, answers no query
        if self._authorised():
            graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("graph", [""])[0]
            if graph in self.stored:
                self._answer(200, self.stored[graph], {"Content-Type": "application/n-triples"})
            else:
                self._answer(406 if not graph else 404, b"not a SPARQL endpoint")

    def do_PUT(self):
        if self._authorised():
            self._answer(201)

    def do_POST(self):
        self._answer(301, b"", {"Location": "https://elsewhere.example/sparql"})


@pytest.fixture()
def scripted():
    Scripted.log, Scripted.stored = [], {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store"
    finally:
        server.shutdown()
        server.server_close()


def test_basic_auth_is_settled_before_any_body_is_sent(scripted):
    store, counts = make_store("basic")
    sent = remote.push(store, scripted, auth=("analyst", "密码"))  # auto: ASK refused → GSP
    assert sent == counts
    bodies = [(method, status) for method, _, has_body, status in Scripted.log if has_body]
    assert bodies == [("PUT", 201), ("PUT", 201)]  # each graph sent once, never to a 401
    first = min(counts)  # read back once, right after it went
    assert [(m, s) for m, path, _, s in Scripted.log if m == "GET" and "graph=" in path] == [("GET", 200)]
    assert urllib.parse.quote(first, safe="") in [p for m, p, *_ in Scripted.log if m == "GET"][-1]
    for graph in counts:
        assert {q.triple for q in ox.parse(Scripted.stored[graph], format=ox.RdfFormat.N_TRIPLES)} \
            == graph_triples(store, graph)
    with pytest.raises(PolicykgError) as exc:
        remote.push(store, scripted, method="gsp", auth=("analyst", "wrong"))
    assert "HTTP 401" in one_line(exc) and "password" in str(exc.value) and "login needed" in str(exc.value)


def test_a_redirected_post_is_an_error_not_a_silent_get(scripted):
    store, _ = make_store("moved")
    with pytest.raises(PolicykgError) as exc:
        remote.push(store, scripted, method="update")
    assert "HTTP 301" in one_line(exc) and "https://elsewhere.example/sparql" in str(exc.value)
    assert [m for m, *_ in Scripted.log] == ["POST"]
    with pytest.raises(PolicykgError) as exc:
        remote.query(scripted, "SELECT * WHERE { ?s ?p ?o }")
    assert "HTTP 301" in one_line(exc)


def test_a_web_page_that_answers_200_is_no_push(canned):
    """A wrong URL (a portal, a login page) answered every PUT or POST 200 with HTML, and the
    push was reported done."""
    store, counts = make_store("page")
    url = canned(b"<html><head><title>Portal</title></head><body><p>Welcome to the portal</p></body></html>",
                 "text/html")
    for method in ("auto", "gsp", "update"):
        with pytest.raises(PolicykgError) as exc:
            remote.push(store, url, method=method)
        message = one_line(exc)
        assert "text/html" in message and "Welcome to the portal" in message and url.rsplit("/", 1)[0] in message
    short = canned(b"", "application/n-triples")  # an RDF answer, but the graph is not there
    with pytest.raises(PolicykgError) as exc:
        remote.push(store, short, method="gsp")
    assert "holds 0 triples of <" in one_line(exc) and f"not the {counts[min(counts)]} sent" in one_line(exc)


BOOLEAN = b'{"head": {}, "boolean": true}'
NO_ROWS = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'


def test_an_answer_of_the_wrong_form_is_one_line(canned):
    """A SELECT answered with a boolean gave AttributeError in `who`, "true" from `sparql`."""
    for sparql, body, message in (("SELECT * WHERE { ?s ?p ?o }", BOOLEAN, "a boolean, not a SELECT result"),
                                  ("ASK { ?s ?p ?o }", NO_ROWS, "rows, not an ASK result")):
        url = canned(body, "application/sparql-results+json")
        with pytest.raises(PolicykgError) as exc:
            remote.query(url, sparql)
        assert message in one_line(exc) and url in str(exc.value)


def test_update_push_of_day_time_durations(virtuoso):  # noqa: F811
    """Virtuoso's SPARQL compiler rejects "P7D"^^xsd:duration constants in INSERT DATA; the
    Update push builds such literals at run time, so the ontology (每周 = P7D) still goes."""
    store = ox.Store()
    g = ox.NamedNode("https://example.org/g/durations")
    for k, value in enumerate(("P7D", "P1Y", "PT36H")):
        store.add(ox.Quad(ox.NamedNode(f"https://example.org/r{k}"), ox.NamedNode("https://example.org/period"),
                          ox.Literal(value, datatype=ox.NamedNode(XSD + "duration")), g))
    sent = remote.push(store, virtuoso.sparql_auth, method="update", auth=virtuoso.auth)
    assert sent == {g.value: 3}
    got = remote.query(virtuoso.sparql, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                       bindings={"g": g})
    assert int(got.values("n")[0]) == 3


@pytest.mark.parametrize("body", [
    b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}}',
    b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal"}}]}}',  # unreadable row
], ids=["rows for an ASK", "a bad row"])
def test_a_refused_answer_leaves_no_result_for_another_thread_to_drop(body):
    """pyoxigraph's query results may be dropped only on the thread that made them. A refused
    answer's error kept by its caller (as a test or a CLI runner keeps it: a cycle through its
    traceback) kept the answer's frame and the results in it, until the garbage collector ran
    on another thread — a build's store writer — which printed "QuerySolutions is unsendable,
    but is being dropped on another thread" (a full test run's warning, and a leak)."""
    import gc
    import sys

    dropped: list[BaseException] = []
    hook, sys.unraisablehook = sys.unraisablehook, lambda u: dropped.append(u.exc_value)
    gc.disable()  # only the other thread collects
    try:
        response = remote._Response(200, "application/sparql-results+json", body)

        def ask() -> None:
            try:
                remote._result("ASK", response, "http://example.org/sparql")
            except PolicykgError as exc:
                error = exc  # noqa: F841 (kept: its traceback holds this frame, this frame it)

        ask()  # what is left is a cycle that only the collector frees
        collector = threading.Thread(target=gc.collect)
        collector.start()
        collector.join()
    finally:
        gc.enable()
        sys.unraisablehook = hook
    assert dropped == []


def test_an_answer_in_other_columns_than_asked_is_one_line(canned):
    """An endpoint answering a SELECT with columns it was not asked for crashed the named
    queries (who, members, refs …: KeyError, exit 70): said in one line; an answer with the
    columns asked is read by them, in the query's order."""
    from extractor.query import select

    url = canned(b'{"head":{"vars":["zz"]},"results":{"bindings":[{"zz":{"type":"literal","value":"a"}}]}}',
                 "application/sparql-results+json")
    store = remote.RemoteStore(url)
    with pytest.raises(PolicykgError) as exc:
        select(store, "SELECT ?graph (COUNT(*) AS ?n) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph")
    assert one_line(exc) == "the endpoint's answer lacks ?graph, ?n (its columns: ?zz): not an answer to the query asked"
    url = canned(b'{"head":{"vars":["n","graph"]},"results":{"bindings":[{"graph":{"type":"uri","value":"http://x/g"},'
                 b'"n":{"type":"literal","value":"3"}}]}}', "application/sparql-results+json")
    assert select(remote.RemoteStore(url), "SELECT ?graph (COUNT(*) AS ?n) { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph") \
        == [{"graph": "http://x/g", "n": "3"}]
    assert [v.value for v in remote.RemoteStore(url).query("SELECT * { ?s ?p ?o }").variables] == ["n", "graph"]


# --- time limit, disconnects, dataset, XML hygiene (audit of 295a2ec) --------------------------------

CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o . ?p ?q ?r }"  # 24⁶ rows
COUNT5 = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o "  # 24⁵ rows
          "FILTER(CONTAINS(CONCAT(STR(?c), STR(?o)), 'never')) }")  # seconds, all before the first row


def _query_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "policykg-query"]


def _ends(threads: list[threading.Thread], within: float) -> bool:
    for t in threads:
        t.join(within)
    return not any(t.is_alive() for t in threads)


@pytest.fixture()
def limited():
    store, _ = make_store("limited")
    server = remote.make_server(store, "127.0.0.1", 0, timeout=0.5)
    remote.serve_in_thread(server)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_serve_answers_503_at_the_time_limit_and_stops_the_query(limited):
    """Was: no time limit; a query ran (and burnt a core) long after its client gave up."""
    import time

    for sparql in (CROSS, COUNT5):  # streamed rows; a count computed before its first row
        started = time.monotonic()
        status, _, body = http(limited.url + "?" + urllib.parse.urlencode({"query": sparql}))
        assert status == 503 and time.monotonic() - started < 3, (status, body)
        said = body.decode("utf-8")
        assert said.count("\n") == 1 and "0.5 s time limit" in said and "--timeout" in said
    assert _ends(_query_threads(), 60)  # the rows stop being pulled; the count ends on its own (slowly on a busy machine)
    status, _, body = http(limited.url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
    assert status == 200 and json.loads(body)["boolean"] is True


def test_serve_stops_pulling_rows_when_the_client_hangs_up():
    import socket
    import time

    store, _ = make_store("hangup")
    server = remote.make_server(store, "127.0.0.1", 0, timeout=0)  # no time limit
    remote.serve_in_thread(server)
    try:
        with socket.create_connection(server.server_address[:2], timeout=10) as sock:
            sock.sendall(f"GET /sparql?{urllib.parse.urlencode({'query': CROSS})} HTTP/1.1\r\n"
                         "Host: 127.0.0.1\r\n\r\n".encode("ascii"))
            time.sleep(0.5)
            running = _query_threads()
            assert running
        assert _ends(running, 3)
    finally:
        server.shutdown()
        server.server_close()


def test_make_server_refuses_a_negative_time_limit():
    with pytest.raises(PolicykgError) as exc:
        remote.make_server(ox.Store(), "127.0.0.1", 0, timeout=-1)
    assert "cannot be negative" in one_line(exc)


def test_serve_dataset_is_only_the_graphs_given(local):
    """Was: with default-graph-uri alone every named graph stayed queryable; with
    named-graph-uri alone the default graph stayed the union of all (SPARQL 1.1 Protocol 2.1.4)."""
    server, _, counts = local
    first, second = sorted(counts)

    def count(query: str, **params) -> int:
        status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": query, **params}, doseq=True))
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    default = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert count(graphs, **{"default-graph-uri": first}) == 0
    assert count(default, **{"default-graph-uri": first}) == counts[first]
    assert count(default, **{"named-graph-uri": first}) == 0
    assert count(graphs, **{"named-graph-uri": first}) == 1
    assert count(graphs, **{"default-graph-uri": first, "named-graph-uri": [first, second]}) == 2
    assert count(graphs) == 2 and count(default) == sum(counts.values())


def test_serve_xml_answers_are_well_formed_whatever_a_text_holds():
    """A notice's form feed (pdftotext's page break) and vertical tab went into XML answers as
    they were: not well-formed XML. Each becomes one U+FFFD, as in the GraphML export."""
    from xml.dom import minidom

    text = "第一页\f第二页\v完\x1f"
    store = ox.Store()
    store.add(ox.Quad(N(f"{DATA}s"), N(PK + "sourceText"), L(text, "zh"), N(f"{DATA}g")))
    server = remote.make_server(store, "127.0.0.1", 0)
    remote.serve_in_thread(server)
    try:
        asks = [("SELECT ?t WHERE { ?s pk:sourceText ?t }", "application/sparql-results+xml"),
                ("CONSTRUCT WHERE { ?s pk:sourceText ?t }", "application/rdf+xml")]
        for sparql, accept in asks:
            status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": sparql}),
                                   headers={"Accept": accept})
            assert status == 200, body
            dom = minidom.parseString(body)  # was: ExpatError, not well-formed (invalid token)
            said = (dom.getElementsByTagName("literal") if "sparql" in accept
                    else dom.getElementsByTagNameNS(PK, "sourceText"))[0].firstChild.data
            assert said == "第一页\ufffd第二页\ufffd完\ufffd" and len(said) == len(text)
        status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": asks[0][0]}))
        assert json.loads(body)["results"]["bindings"][0]["t"]["value"] == text  # JSON keeps the text
    finally:
        server.shutdown()
        server.server_close()


def test_serve_refuses_percent_escapes_that_are_not_utf8(local):
    """Was: %FF became U+FFFD and the query ran: 200 for a query the client did not send."""
    server, _, _ = local
    query = "SELECT%20*%20WHERE%20%7B%20?s%20?p%20%22%FF%22%20%7D"
    status, _, body = http(server.url + "?query=" + query)
    assert status == 400 and b"not UTF-8" in body and body.count(b"\n") == 1
    status, _, body = http(server.url, data=("query=" + query).encode("ascii"),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and b"not UTF-8" in body
    status, _, _ = http(server.url + "?query=" + query.replace("%FF", "%E4%B8%AD"))
    assert status == 200


def test_serve_is_busy_while_queries_given_up_on_still_run(limited):
    """pyoxigraph cannot stop a count it computes before its first row: while as many such
    queries as allowed still run, a new query waits for a slot within its time limit, then
    gets 503 busy rather than another core."""
    import time

    limited.max_running = 1
    status, _, _ = http(limited.url + "?" + urllib.parse.urlencode({"query": COUNT5}))
    assert status == 503
    status, _, body = http(limited.url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
    assert status == 503 and body.startswith(b"busy: 1 queries are being evaluated, as many as this server runs at once"), body
    assert _ends(_query_threads(), 60)
    deadline = time.monotonic() + 5
    while limited.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    status, _, _ = http(limited.url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
    assert status == 200


def test_serve_caps_the_queries_evaluated_at_once_in_a_burst(limited):
    """Was: the cap counted only queries already given up on, so a burst of simultaneous
    heavy queries all started (8 counts on 2 cores, each running on after its 503)."""
    import time

    limited.max_running = 1
    url = limited.url + "?" + urllib.parse.urlencode({"query": COUNT5})
    answers: list[int] = []
    burst = [threading.Thread(target=lambda: answers.append(http(url)[0])) for _ in range(4)]
    most = 0
    for t in burst:
        t.start()
    while any(t.is_alive() for t in burst):
        most = max(most, len(_query_threads()))
        time.sleep(0.02)
    most = max(most, len(_query_threads()))
    assert sorted(answers) == [503] * 4 and most == 1, (answers, most)
    assert _ends(_query_threads(), 60)


def test_serve_refuses_an_answer_over_its_row_limit():
    """Was: every row was held until the time limit (a cross product: 840 MB in 8 s)."""
    store, _ = make_store("rows")
    server = remote.make_server(store, "127.0.0.1", 0, max_rows=10)
    remote.serve_in_thread(server)
    try:
        for sparql in (CROSS, "CONSTRUCT { ?a ?p ?d } WHERE { ?a ?p ?t . ?d ?e ?f }"):
            status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": sparql}))
            assert status == 413 and body == (b"the answer has more than 10 rows, the most this server holds "
                                              b"(policykg serve --max-rows); narrow it (LIMIT, a more selective pattern)\n")
        for sparql in ("SELECT * WHERE { ?s ?p ?o } LIMIT 10", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 10"):
            status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": sparql}))
            assert status == 200, body
        assert _ends(_query_threads(), 10)
    finally:
        server.shutdown()
        server.server_close()
    assert remote.make_server(ox.Store(), "127.0.0.1", 0).max_rows == remote.DEFAULT_MAX_ROWS == 500_000


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), float("1e400")])
def test_make_server_refuses_a_time_limit_that_is_no_number(timeout):
    """Was: --timeout inf (or 1e400) was taken and never timed a query out."""
    with pytest.raises(PolicykgError) as exc:
        remote.make_server(ox.Store(), "127.0.0.1", 0, timeout=timeout)
    assert "a query time limit must be a number of seconds, not" in one_line(exc)


def test_serve_writes_no_rdf_xml_for_a_predicate_without_an_xml_name():
    """Was: 200 and `<oxprefix: xmlns:oxprefix="http://x/1">`, not XML, for a predicate whose
    IRI ends in no XML name (http://x/1, http://x/#, urn:x:1): pyoxigraph wrote it, raised nothing."""
    from xml.dom import minidom

    store = ox.Store()
    store.add(ox.Quad(N(f"{DATA}s"), N(PK + "sourceText"), L("文"), N(f"{DATA}g")))
    server = remote.make_server(store, "127.0.0.1", 0)
    remote.serve_in_thread(server)
    try:
        for p in ("http://x/1", "http://x/#", "urn:x:1"):
            url = server.url + "?" + urllib.parse.urlencode({"query": f"CONSTRUCT {{ ?s <{p}> ?o }} WHERE {{ ?s ?q ?o }}"})
            status, headers, body = http(url, headers={"Accept": "application/rdf+xml"})
            assert status == 406 and body.decode("utf-8") == (
                f"cannot write this answer as RDF/XML: the predicate <{p}> ends in no XML name "
                "(a letter or _ then letters, digits, _ . -); ask for N-Triples or Turtle\n"), body
            status, headers, body = http(url, headers={"Accept": "application/rdf+xml, text/turtle;q=0.5"})
            assert status == 200 and dict(headers)["Content-Type"].startswith("text/turtle"), body  # the next one asked for
            assert f"<{p}>".encode() in body
        ok = server.url + "?" + urllib.parse.urlencode({"query": "CONSTRUCT { ?s <http://x/1a> ?o } WHERE { ?s ?q ?o }"})
        status, _, body = http(ok, headers={"Accept": "application/rdf+xml"})
        assert status == 200 and minidom.parseString(body)  # <a xmlns="http://x/1">
    finally:
        server.shutdown()
        server.server_close()


def test_an_endpoint_iri_of_chinese_is_asked_at_its_uri():
    """An endpoint whose path is Chinese (…/数据/sparql, an IRI) failed before any request:
    "'ascii' codec can't encode characters" — `sparql` said it as a failed query, `who` as an
    answer of the wrong shape, `push` as an internal error. Its path goes %-encoded as UTF-8,
    the URL as typed is what messages say; a URL that is no URL is one line."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(BOOLEAN)))
            self.end_headers()
            self.wfile.write(BOOLEAN)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/数据 库/sparql"
        assert remote.query(url, "ASK { ?s ?p ?o }").boolean is True
        assert asked == ["/%E6%95%B0%E6%8D%AE%20%E5%BA%93/sparql"]
    finally:
        server.shutdown()
        server.server_close()
    for bad, said in (("http://[::1", "'http://[::1': not an http(s) endpoint URL (Invalid IPv6 URL)"),
                      ("http://127.0.0.1:9/\udcff", "'http://127.0.0.1:9/\\udcff': not an http(s) endpoint URL "
                                                    "(not text, or a host name IDNA cannot write)")):
        with pytest.raises(PolicykgError) as exc:
            remote.query(bad, "ASK { ?s ?p ?o }")
        assert one_line(exc) == said
