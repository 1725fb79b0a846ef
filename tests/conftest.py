"""Shared fixtures: the real seeds and the extra notices, parsed once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
COUNTY = CORPUS / "qimen-county-2021.txt"
CITY = CORPUS / "bayannur-city-2021.txt"
EXTRA = sorted((ROOT / "tests" / "data" / "extra").glob("*.txt"))


def seeds_with(folder: Path, bad: dict[str, bytes]) -> Path:
    """`folder` made, holding the two seeds and the files `bad` names (name → bytes)."""
    import shutil

    folder.mkdir(parents=True)
    for seed in (COUNTY, CITY):
        shutil.copy(seed, folder / seed.name)
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="session")
def county_parsed():
    from extractor.pipeline import process

    return process(COUNTY, facts=False)


@pytest.fixture(scope="session")
def city_parsed():
    from extractor.pipeline import process

    return process(CITY, facts=False)


@pytest.fixture(scope="session")
def county():
    from extractor.pipeline import process

    return process(COUNTY)


@pytest.fixture(scope="session")
def city():
    from extractor.pipeline import process

    return process(CITY)


@pytest.fixture()
def canned():
    """A web server answering every request 200 with what you give it: `canned(body, type)` → its URL."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    answer: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", answer["type"])
            self.send_header("Content-Length", str(len(answer["body"])))
            self.end_headers()
            self.wfile.write(answer["body"])

        do_GET = do_POST = do_PUT = _answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    def serve(body: bytes, ctype: str) -> str:
        answer.update(body=body, type=ctype)
        return f"http://127.0.0.1:{server.server_address[1]}/sparql"

    try:
        yield serve
    finally:
        server.shutdown()
        server.server_close()
