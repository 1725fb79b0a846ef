"""Shared fixtures: the real seeds and the extra notices, parsed once per test session."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
COUNTY = CORPUS / "qimen-county-2021.txt"
CITY = CORPUS / "bayannur-city-2021.txt"
EXTRA = sorted((ROOT / "tests" / "data" / "extra").glob("*.txt"))
XINGANMENG = ROOT / "tests" / "data" / "extra" / "xinganmeng-sandstorm-member-duties.txt"

# A leading group set up in prose, as county notices write one (the corpus has none): its
# 组长 and 副组长, member units, an office hosted by a bureau, its director and its duties.
LEADING_GROUP = """休宁县人民政府办公室关于成立县婴幼儿照护服务工作领导小组的通知
各乡镇人民政府，县政府各部门：
为加强对全县婴幼儿照护服务工作的组织领导，经县政府研究，决定成立休宁县婴幼儿照护服务工作领导小组。现将有关事项通知如下：
一、领导小组组成
组长由县政府分管副县长担任，副组长由县政府办公室副主任、县卫生健康委主任担任，成员由县教育局、县民政局、县财政局、县人力资源社会保障局、县住房城乡建设局、县市场监管局等单位分管负责同志组成。
二、领导小组办公室
领导小组办公室设在县卫生健康委，办公室主任由县卫生健康委分管副主任兼任。主要职责：
（一）负责领导小组日常工作，督促落实领导小组议定事项。
（二）统筹协调全县婴幼儿照护服务工作，定期向领导小组报告工作进展情况。
三、工作要求
各成员单位要按照职责分工，密切配合，扎实做好婴幼儿照护服务各项工作。

休宁县人民政府办公室
2022年3月1日
"""


def generator():
    """tests/bench/generate.py as a module (the bench's corpus generator)."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "tests" / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def leading_group(folder: Path) -> Path:
    """`LEADING_GROUP` written into `folder` as a notice file."""
    path = folder / "xiuning-leading-group.txt"
    path.write_text(LEADING_GROUP, encoding="utf-8")
    return path


def city_note(city: Path | str = CITY) -> str:
    """The warning every command reading 巴彦淖尔市's notice (at `city`) gives: its one note, on
    河套学院, a unit of a task tag the registry lacks (kept as written)."""
    return (f"policykg: warning: {city}: main/2/3/4: task tag names 河套学院, no department the registry knows; "
            "its task is assigned to it as written")


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
