"""A throwaway Virtuoso (Debian's ``virtuoso-t``) for tests that talk to a real SPARQL server.

Use in a test module::

    from virtuoso import virtuoso  # noqa: F401

`virtuoso` is session-scoped (one server per pytest worker): a fresh database in a temporary
directory, its own ``virtuoso.ini`` with free ports on 127.0.0.1 for both the SQL and the HTTP
listener, started in the foreground and killed on teardown. It skips with a visible reason
when ``virtuoso-t`` is not installed (``.ci/install-system-deps`` installs it).

What Virtuoso 7.2 needs to accept writes, found by trying:
- anonymous ``/sparql`` and ``/sparql-graph-crud`` run as the ``SPARQL`` user, which may read
  but not write (``SR186: No permission to execute procedure DB.DBA.SPARQL_INSERT_DICT_CONTENT``,
  ``SQ110: Permission denied for delete from DB.DBA.RDF_QUAD``);
- ``/sparql-auth`` and ``/sparql-graph-crud-auth`` take HTTP *digest* auth as ``dba`` (password
  ``dba`` in a fresh database) and may write: that is what the tests use, no setup needed;
- anonymous writes work after ``GRANT SPARQL_UPDATE TO "SPARQL";`` and
  ``DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);`` through ``isql-vt`` (see `Virtuoso.isql`).
Virtuoso closes the connection after a 401 without reading the body, so a large PUT/POST
sent before authenticating gets "connection reset", not a challenge: clients must obtain the
digest challenge with a bodiless request first (extractor/remote.py does).
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

VIRTUOSO = ("/usr/bin/virtuoso-t",)
ISQL = ("/usr/bin/isql-vt",)
USER, PASSWORD = "dba", "dba"  # a fresh database's administrator; bound to 127.0.0.1 only
START_TIMEOUT = 60.0

INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping        = 0

[Parameters]
ServerPort          = 127.0.0.1:{sql_port}
DisableUnixSocket   = 1
CheckpointInterval  = 0
CaseMode            = 2
DirsAllowed         = ., {dir}
NumberOfBuffers     = 10000
MaxDirtyBuffers     = 6000
ThreadsPerQuery     = 2
MaxQueryMem         = 256M

[HTTPServer]
ServerPort     = 127.0.0.1:{http_port}
ServerRoot     = {dir}
ServerThreads  = 8
Charset        = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows           = 100000
MaxQueryCostEstimationTime = 60
MaxQueryExecutionTime      = 60
"""


def _first(paths: tuple[str, ...], name: str) -> str | None:
    found = next((p for p in paths if Path(p).exists()), None)
    return found or shutil.which(name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    """A running server: its endpoints, the writer's credentials and how long it took to start."""

    base: str
    sql_port: int
    directory: Path
    startup_seconds: float
    auth: tuple[str, str] = (USER, PASSWORD)

    @property
    def sparql(self) -> str:
        """Anonymous SPARQL endpoint: read-only for the ``SPARQL`` user."""
        return self.base + "/sparql"

    @property
    def sparql_auth(self) -> str:
        """SPARQL query + update endpoint behind digest auth (``auth``)."""
        return self.base + "/sparql-auth"

    @property
    def gsp(self) -> str:
        """Graph Store HTTP Protocol endpoint behind digest auth (``auth``)."""
        return self.base + "/sparql-graph-crud-auth"

    @property
    def gsp_anonymous(self) -> str:
        """Graph Store endpoint without auth: refuses writes unless `isql` granted them."""
        return self.base + "/sparql-graph-crud"

    def isql(self, sql: str) -> str:
        """Run SQL as dba through ``isql-vt`` (e.g. to grant permissions); its output."""
        isql = _first(ISQL, "isql-vt")
        if not isql:
            pytest.skip("isql-vt not installed (package virtuoso-opensource-7-bin)")
        done = subprocess.run([isql, str(self.sql_port), USER, PASSWORD, f"exec={sql}"],
                              capture_output=True, text=True, timeout=30)
        if done.returncode or "*** Error" in done.stdout:
            pytest.fail(f"isql-vt failed: {done.stdout[-500:]} {done.stderr[-500:]}")
        return done.stdout

    def log_tail(self, lines: int = 20) -> str:
        log = self.directory / "virtuoso.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""


def _answers(base: str) -> bool:
    url = base + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
    try:
        with urllib.request.urlopen(urllib.request.Request(
                url, headers={"Accept": "application/sparql-results+json"}), timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start_virtuoso(directory: Path) -> tuple[subprocess.Popen, Virtuoso]:
    """Write the ini, start ``virtuoso-t +foreground`` and wait until ``/sparql`` answers."""
    binary = _first(VIRTUOSO, "virtuoso-t")
    if not binary:
        pytest.skip("virtuoso-t not installed: apt-get install virtuoso-opensource "
                    "(see .ci/install-system-deps)")
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
    base = f"http://127.0.0.1:{http_port}"
    started = time.monotonic()
    out = (directory / "stdout.txt").open("wb")
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=directory,
                            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    out.close()
    server = Virtuoso(base, sql_port, directory, 0.0)
    while time.monotonic() - started < START_TIMEOUT:
        if proc.poll() is not None:
            pytest.fail(f"virtuoso-t exited with {proc.returncode}:\n{server.log_tail()}")
        if _answers(base):
            server.startup_seconds = time.monotonic() - started
            return proc, server
        time.sleep(0.1)
    stop(proc)
    pytest.fail(f"virtuoso-t did not answer within {START_TIMEOUT:.0f}s:\n{server.log_tail()}")


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL if it does not exit: the database is thrown away anyway."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def virtuoso():
    """One fresh Virtuoso for the session (per xdist worker), removed afterwards."""
    directory = Path(tempfile.mkdtemp(prefix="policykg-virtuoso-"))
    proc = None
    try:
        proc, server = start_virtuoso(directory)
        yield server
    finally:
        if proc is not None:
            stop(proc)
        shutil.rmtree(directory, ignore_errors=True)
