"""`policykg push` and `policykg serve` end to end: the real corpus into a real Virtuoso, and
the built store served read-only on localhost."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from typer.testing import CliRunner

from conftest import CORPUS, ROOT, city_note
from extractor import remote
from extractor.cli import app
from virtuoso import free_port, virtuoso  # noqa: F401

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_push_the_corpus_and_repush(virtuoso, tmp_path):  # noqa: F811
    runner = CliRunner()
    args = ["push", "--endpoint", virtuoso.gsp, "--user", virtuoso.auth[0], "--password", virtuoso.auth[1],
            "--from", str(CORPUS)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    sent = {line.split("\t")[1]: int(line.split("\t")[0]) for line in first.stdout.splitlines()}
    notices = [g for g in sent if "/doc/" in g]
    assert len(notices) == 2 and any("祁政办秘-2021-45" in g for g in notices)
    for graph, n in sent.items():
        got = remote.query(virtuoso.sparql, COUNT, bindings={"g": remote.ox.NamedNode(graph)})
        assert int(got.values("n")[0]) == n
    again = runner.invoke(app, args)  # idempotent: graphs replaced, not appended
    assert again.exit_code == 0 and again.stdout == first.stdout
    for graph, n in sent.items():
        got = remote.query(virtuoso.sparql, COUNT, bindings={"g": remote.ox.NamedNode(graph)})
        assert int(got.values("n")[0]) == n
    members = remote.query(virtuoso.sparql, """
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?ms a org:Membership ; org:member ?m }""")
    assert int(members.values("n")[0]) == 21 + 18


def test_push_to_nowhere_is_one_line():
    res = subprocess.run([sys.executable, "-m", "extractor", "push", "--endpoint",
                          f"http://127.0.0.1:{free_port()}/sparql", "--from", str(CORPUS)],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1 and res.stderr.strip().splitlines()[:1] == [city_note()]  # (the seeds' note)
    assert len(res.stderr.strip().splitlines()) == 2 and "cannot connect" in res.stderr


def test_a_boolean_answer_to_a_select_is_one_line(canned):
    url = canned(b'{"head": {}, "boolean": true}', "application/sparql-results+json")
    runner = CliRunner()
    for args in (["who", "消防"], ["members"], ["sparql", "SELECT * WHERE { ?s ?p ?o }"]):
        res = runner.invoke(app, [*args, "--endpoint", url])
        assert res.exit_code == 1 and res.stdout == "", (args, res.output)
        assert res.stderr.splitlines() == [f"policykg: error: {url}: answered a boolean, not a SELECT result"]


def test_serve_port_out_of_range_is_a_usage_error():
    for port in ("-1", "70000"):  # was: OverflowError from the socket
        res = subprocess.run([sys.executable, "-m", "extractor", "serve", "--port", port, "--from", str(CORPUS)],
                             capture_output=True, text=True, cwd=ROOT)
        assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
        assert "Invalid value for '--port'" in res.stderr


def test_serve_announces_the_bound_port_and_only_once_bound():
    """Was: the endpoint announced before binding — twice when it worked, with port 0 for --port 0,
    and above the error when the port was taken."""
    import socket
    import threading

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        res = subprocess.run([sys.executable, "-m", "extractor", "serve", "--port", str(port), "--from", str(CORPUS)],
                             capture_output=True, text=True, cwd=ROOT, timeout=300)
    lines = [line for line in res.stderr.splitlines() if line != city_note()]  # (the seeds' note)
    assert res.returncode == 1 and len(lines) == 1, res.stderr
    assert lines[0].startswith(f"policykg: error: cannot listen on 127.0.0.1:{port} (")
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--port", "0", "--from", str(CORPUS)],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(300, proc.kill)  # a hang ends readline() with EOF
    watchdog.start()
    try:
        line = _announcement(proc)
        url = line.split(" at ")[1].split()[0]
        assert line.startswith("policykg: serving ") and not url.startswith("http://127.0.0.1:0/"), line
        with urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK { ?d a pk:Notice }"), timeout=10) as r:
            assert json.load(r)["boolean"] is True
    finally:
        watchdog.cancel()
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_answers_queries_and_refuses_updates():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--port", str(port),
                             "--from", str(CORPUS)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK {}"), timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?d a pk:Notice }"  # pk: is predeclared
        req = urllib.request.Request(url + "?query=" + urllib.parse.quote(q),
                                     headers={"Accept": "application/sparql-results+json"})
        body = json.load(urllib.request.urlopen(req, timeout=10))
        assert body["results"]["bindings"][0]["n"]["value"] == "2"
        update = urllib.request.Request(url, data=b"DROP ALL", method="POST",
                                        headers={"Content-Type": "application/sparql-update"})
        try:
            urllib.request.urlopen(update, timeout=10)
            raise AssertionError("update accepted")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403
        body = json.load(urllib.request.urlopen(req, timeout=10))
        assert body["results"]["bindings"][0]["n"]["value"] == "2"  # still there
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_named_queries_on_the_server_match_the_local_store(virtuoso):  # noqa: F811
    runner = CliRunner()
    pushed = runner.invoke(app, ["push", "--endpoint", virtuoso.gsp, "--user", virtuoso.auth[0],
                                 "--password", virtuoso.auth[1], "--from", str(CORPUS)])
    assert pushed.exit_code == 0, pushed.output
    for args in (["members"], ["duties", "市场监管局"], ["refs"], ["who", "消防"]):
        local = runner.invoke(app, [*args, "--from", str(CORPUS), "-f", "json"])
        there = runner.invoke(app, [*args, "--endpoint", virtuoso.sparql, "-f", "json"])
        assert local.exit_code == 0 and there.exit_code == 0, there.output
        rows = json.loads(there.stdout)
        assert rows and rows == json.loads(local.stdout), args
    ask = runner.invoke(app, ["sparql", "ASK { ?o org:classification pkd:fire-rescue }",
                              "--endpoint", virtuoso.sparql, "-f", "json"])
    assert ask.exit_code == 0 and "true" in ask.stdout


def _serving(*args: str, **popen) -> tuple[subprocess.Popen, str]:
    """A `policykg serve` process over the corpus and its URL, once it listens."""
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--port", "0", "--from", str(CORPUS), *args],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True, **popen)
    watchdog = threading.Timer(300, proc.kill)
    watchdog.start()
    try:
        line = _announcement(proc)
    finally:
        watchdog.cancel()
    return proc, line.split(" at ")[1].split()[0]


def _announcement(proc: subprocess.Popen) -> str:
    """The first line a `serve` process says on stderr after the notes of reading the seeds
    (巴彦淖尔市's 河套学院: `city_note`)."""
    line = proc.stderr.readline()
    while line.startswith("policykg: warning: "):
        line = proc.stderr.readline()
    return line


def test_serve_times_out_a_runaway_query_and_stops_on_sigterm_or_sigint():
    """Was: no time limit — the client gave up, a thread burnt a core for ever — and a server
    started in the background (SIGINT ignored) could not be stopped but with kill -9."""
    import signal

    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 13,000³ rows
    for stop in (signal.SIGTERM, signal.SIGINT):
        proc, url = _serving("--timeout", "1", preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
        try:
            started = time.monotonic()
            try:
                urllib.request.urlopen(url + "?query=" + urllib.parse.quote(runaway), timeout=20)
                raise AssertionError("answered")
            except urllib.error.HTTPError as exc:
                assert exc.code == 503 and b"1 s time limit" in exc.read()
            assert time.monotonic() - started < 10
            proc.send_signal(stop)  # while the count goes on in the background
            assert proc.wait(timeout=10) == 0, stop
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


_SHAPES = {"unbound": None, "lit": {"type": "literal", "value": "x"},
           "iri": {"type": "uri", "value": "http://x/y"}, "bnode": {"type": "bnode", "value": "b0"},
           "badint": {"type": "literal", "value": "abc", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
           "neg": {"type": "literal", "value": "-5", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
           "zh": {"type": "literal", "value": "卫生健康委", "xml:lang": "zh"}}


def test_an_answer_of_the_wrong_shape_is_one_line():
    """Was: an endpoint answering the named queries' columns unbound or with values of the
    wrong kind (a literal for an IRI, 'abc' as an integer) crashed the commands (exit 70:
    TypeError, AttributeError, int('y'), "No scheme found")."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    mode: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:
            sent = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            form, masked = remote._query_form(sent["query"][0])
            names = remote._projected(masked) or ["x"]
            value = _SHAPES[mode["shape"]]
            answer = ({"head": {}, "boolean": True} if form == "ASK" else
                      {"head": {"vars": names}, "results": {"bindings": [{v: value for v in names} if value else {}] * 3}})
            body = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    runner = CliRunner()
    crashed = []
    try:
        for shape in _SHAPES:
            mode["shape"] = shape
            for args in (["members"], ["duties", "卫健委"], ["who", "消防"], ["refs"]):
                res = runner.invoke(app, [*args, "--endpoint", url])
                if res.exit_code not in (0, 1) or (res.exception and not isinstance(res.exception, SystemExit)):
                    crashed.append((shape, args, repr(res.exception)))
                elif res.exit_code == 1:
                    assert len(res.stderr.splitlines()) == 1, (shape, args, res.stderr)
                    assert res.stderr.startswith(f"policykg: error: {url}: "), (shape, args, res.stderr)
        assert crashed == []
        mode["shape"] = "unbound"
        res = runner.invoke(app, ["members", "--endpoint", url])
        assert res.stderr.startswith(f"policykg: error: {url}: its answer is not of the shape the query expects"), res.stderr
    finally:
        server.shutdown()
        server.server_close()
