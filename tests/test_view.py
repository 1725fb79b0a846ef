"""The view stage: graph → one offline, injection-safe HTML page, checked on file and in Chromium.

Graphs are built here from sentences of the two seed notices (read from corpus/ at test
time), following the node/edge contract of `graph.to_networkx`.
"""
from __future__ import annotations

import json
from html import escape as html_escape
import os
import re
from pathlib import Path

import networkx as nx
import pytest

from browser import (browser, console_errors, failed_requests, open_file, remote_requests,  # noqa: F401
                     screenshot, wait_for)
from conftest import CITY, COUNTY
from extractor import view
from extractor.errors import PolicykgError

B = "https://w3id.org/policykg/data/"
CN = "〇一二三四五六七八九十"
# Registry concepts for the departments both seeds name (test data, not code knowledge).
CONCEPTS = {"卫生健康委": "health", "教育局": "education", "民政局": "civil-affairs",
            "财政局": "finance", "发展改革委": "development-reform", "公安局": "public-security",
            "人力资源社会保障局": "human-resources-social-security", "人社局": "human-resources-social-security",
            "市场监管局": "market-regulation", "市场监督管理局": "market-regulation", "总工会": "trade-union",
            "妇联": "women-federation", "住房城乡建设局": "housing-construction", "住建局": "housing-construction"}


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _concept(name: str) -> str | None:
    return next((c for suffix, c in CONCEPTS.items() if name.endswith(suffix)), None)


def seed_graph() -> nx.MultiDiGraph:
    """Both seeds as a graph: 祁门县's duty clauses and meeting rules, 巴彦淖尔市's tasks."""
    g = nx.MultiDiGraph()
    concepts: dict[str, list[str]] = {}

    def department(doc: str, name: str, jurisdiction: str) -> str:
        iri = f"{doc}/org/{name}"
        if iri not in g:
            g.add_node(iri, label=name, kind="department", jurisdiction=jurisdiction, title=name)
            concept = _concept(name)
            if concept:
                c = f"https://w3id.org/policykg/dept/{concept}"
                g.add_node(c, label=concept, kind="concept", jurisdiction="", title=c)
                g.add_edge(iri, c, key="matches", kind="matches")
                concepts.setdefault(c, []).append(iri)
        return iri

    # 祁门县: document, meeting, convenor post, meeting rules, department duties (section 四).
    lines = _lines(COUNTY)
    qimen = f"{B}jurisdiction/祁门县/doc/祁政办秘-2021-45"
    j_qimen = f"{B}jurisdiction/祁门县"
    title = next(l for l in lines if l.startswith("祁门县人民政府办公室关于印发"))
    g.add_node(j_qimen, label="祁门县", kind="jurisdiction", jurisdiction="祁门县", title="祁门县")
    g.add_node(qimen, label="祁政办秘〔2021〕45号", kind="document", jurisdiction="祁门县", title=title)
    g.add_edge(qimen, j_qimen, key="in_jurisdiction", kind="in_jurisdiction")
    meeting = f"{qimen}/meeting"
    g.add_node(meeting, label="联席会议", kind="meeting", jurisdiction="祁门县",
               title="祁门县促进3岁以下婴幼儿照护服务发展工作联席会议")
    g.add_edge(qimen, meeting, key="has_part", kind="has_part")
    convenor = next(l for l in lines if l.startswith("联席会议召集人由"))
    post = f"{meeting}/post/convenor"
    g.add_node(post, label="召集人：县政府分管副县长", kind="post", jurisdiction="祁门县",
               title=convenor.split("。")[0] + "。")
    g.add_edge(post, meeting, key="member_of", kind="member_of")
    for line in lines:
        m = re.match(r"[（(]([一二三四五六七八九十]+)）(\S+?制度)。", line)
        if m:
            rule = f"{meeting}/rule/{CN.index(m.group(1)[-1])}"
            g.add_node(rule, label=m.group(2), kind="meeting-rule", jurisdiction="祁门县", title=line)
            g.add_edge(meeting, rule, key="has_part", kind="has_part")
    section = lines.index("四、职责分工")
    for n, line in enumerate(lines[section + 1:], 1):
        m = re.match(r"（([一二三四五六七八九十]+)）(县\S+?|团县委)。(.+)", line)
        if not m:
            break
        clause = f"{qimen}/main/4/{n}"
        g.add_node(clause, label=f"四（{m.group(1)}）", kind="clause", jurisdiction="祁门县", title=line)
        g.add_edge(qimen, clause, key="has_part", kind="has_part")
        org = department(qimen, m.group(2), "祁门县")
        g.add_edge(clause, org, key="mentions", kind="mentions")
        g.add_edge(org, meeting, key="member_of", kind="member_of")
        for k, sentence in enumerate(s for s in re.split(r"(?<=[；。])", m.group(3)) if s):
            if k == 2:
                break
            duty = f"{clause}/duty/{k + 1}"
            g.add_node(duty, label=sentence[:30], kind="duty", jurisdiction="祁门县", title=sentence)
            g.add_edge(clause, duty, key="has_part", kind="has_part")
            g.add_edge(duty, org, key="duty_of", kind="duty_of", role="responsible")

    # 巴彦淖尔市: document, tasks closed by a tag （市…按职责分工负责）, cited documents.
    lines = _lines(CITY)
    bayannur = f"{B}jurisdiction/巴彦淖尔市/doc/巴政办发-2021-20"
    j_bayannur = f"{B}jurisdiction/巴彦淖尔市"
    title = next(l for l in lines if l.startswith("巴彦淖尔市人民政府办公室关于印发"))
    g.add_node(j_bayannur, label="巴彦淖尔市", kind="jurisdiction", jurisdiction="巴彦淖尔市", title="巴彦淖尔市")
    g.add_node(bayannur, label="巴政办发〔2021〕20号", kind="document", jurisdiction="巴彦淖尔市", title=title)
    g.add_edge(bayannur, j_bayannur, key="in_jurisdiction", kind="in_jurisdiction")
    cited = next(l for l in lines if l.startswith("为深入贯彻落实"))
    for k, (name, number) in enumerate(re.findall(r"《([^》]+)》\(([^)]+)\)", cited)):
        ref = f"{B}cited/{number}"
        g.add_node(ref, label=number, kind="reference", jurisdiction="", title=f"《{name}》（{number}）")
        g.add_edge(bayannur, ref, key="cites", kind="cites", relation="based_on")
    tasks = [l for l in lines if re.match(r"\d+\.", l) and "按职责分工负责" in l][:8]
    for n, line in enumerate(tasks, 1):
        task = f"{bayannur}/task/{n}"
        g.add_node(task, label=line.split("。")[0][:30], kind="task", jurisdiction="巴彦淖尔市", title=line)
        g.add_edge(bayannur, task, key="has_part", kind="has_part")
        tag = re.search(r"\(([^()]+)按职责分工负责\)", line).group(1)
        for name in re.split(r"[、,]", tag):
            name = name if name.startswith(("市", "团市委", "河套")) else "市" + name
            g.add_edge(task, department(bayannur, name, "巴彦淖尔市"), key="assigned_to",
                       kind="assigned_to", role="responsible")

    for members in concepts.values():
        for a in members:
            for b in members:
                if a != b and g.nodes[a]["jurisdiction"] != g.nodes[b]["jurisdiction"]:
                    g.add_edge(a, b, key="counterpart", kind="counterpart")
    return g


PAYLOADS = {
    "img": '<img src=x onerror="window.__pwned=1">',
    "script": "</script><script>window.__pwned=2</script>",
    "svg": '"><svg onload="window.__pwned=3">',
    "js": "javascript:window.__pwned=4",
    "ls": "第一行\u2028第二行\u2029第三段",
    "amp": "&lt;b&gt; & 'single' \"double\" <!-- -->",
}
HOSTILE_HEADING = '县卫生健康委<img src=x onerror="window.__pwned=5"></title><script>window.__pwned=6</script>'


def hostile_graph() -> nx.MultiDiGraph:
    """A small graph whose every string field carries markup and script payloads."""
    g = nx.MultiDiGraph()
    line = next(l for l in _lines(COUNTY) if l.startswith("（一）县卫生健康委。"))
    dept = f"{B}org/{PAYLOADS['svg']}"
    g.add_node(dept, label="县卫生健康委" + PAYLOADS["img"], kind="department",
               jurisdiction="祁门县" + PAYLOADS["script"], title=line + PAYLOADS["img"])
    duty = f"{B}duty/{PAYLOADS['script']}"
    g.add_node(duty, label="承担联席会议办公室职能" + PAYLOADS["ls"], kind="duty", jurisdiction="祁门县",
               title=PAYLOADS["script"] + "\n" + line, side="A", status="only-A")
    other = f"{B}org/javascript:alert(1)"
    g.add_node(other, label=PAYLOADS["js"], kind="department", jurisdiction="巴彦淖尔市",
               title=PAYLOADS["amp"] + PAYLOADS["ls"], side="B")
    g.add_edge(duty, dept, key="duty_of", kind="duty_of", title=PAYLOADS["svg"])
    g.add_edge(dept, other, key="counterpart", kind="counterpart", title=PAYLOADS["img"])
    return g


# --- the file ----------------------------------------------------------------------------------

BLOB = re.compile(r'<script type="application/json" id="policykg-data">(.*?)</script>', re.S)
# Anything that makes a browser fetch: attributes, CSS url()/@import, JS loaders; protocol-relative too.
LOADS = re.compile(
    r"""(?ix)
      \b(?:src|href|srcset|action|formaction|poster|data|background|xlink:href|manifest)\s*=\s*["']?\s*(?:https?:)?//
    | url\(\s*["']?\s*(?:https?:)?//
    | @import\s*(?:url\()?\s*["']?\s*(?:https?:)?//
    | \b(?:fetch|import|importScripts|open|sendBeacon|EventSource|WebSocket)\s*\(\s*(?:["'][A-Z]+["']\s*,\s*)?["'`]\s*(?:https?:|wss?:)?//
    | \.(?:src|href)\s*=\s*["'`]\s*(?:https?:)?//
    | <meta[^>]+http-equiv=["']?refresh
    """)
URL = re.compile(r"(?i)(?:https?|wss?|ftp)://[^\s\"'<>)]+")
# URLs the inlined vis-network bundle contains as text (licence comments, the SVG namespace
# string, an error message): none is loaded. A new one must be reviewed and added here.
INERT_URLS = {
    "http://almende.com", "http://opensource.org/licenses/MIT", "http://www.apache.org/licenses/LICENSE-2.0",
    "http://www.w3.org/2000/svg", "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "https://github.com/visjs", "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE", "https://visjs.github.io/vis-network/",
}


def split_blob(html: str) -> tuple[str, str]:
    """(the JSON data blob, the page with the blob cut out)."""
    blobs = BLOB.findall(html)
    assert len(blobs) == 1
    return blobs[0], BLOB.sub("", html)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    g = seed_graph()
    path = view.render(g, tmp_path_factory.mktemp("view") / "seeds.html",
                       title="祁门县与巴彦淖尔市：婴幼儿照护服务职责图")
    return g, path


def test_seed_graph_is_realistic():
    g = seed_graph()
    kinds = {a["kind"] for _, a in g.nodes(data=True)}
    assert kinds == {"document", "clause", "department", "concept", "duty", "task", "reference",
                     "jurisdiction", "post", "meeting", "meeting-rule"}
    assert 80 <= g.number_of_nodes() <= 250
    names = {a["label"] for _, a in g.nodes(data=True) if a["kind"] == "department"}
    assert {"县卫生健康委", "县教育局", "市卫生健康委", "市人社局"} <= names


def test_scanner_finds_remote_loads():
    # The offline check below is only as good as this scanner: it must see every loader form.
    for bad in ('<script src="https://cdn.jsdelivr.net/x.js">', "<link href='//cdn.example/x.css'>",
                "background: url( https://a.b/c.png)", '@import "https://a.b/c.css";',
                "fetch('https://a.b/c')", 'x.open("GET", "http://a.b/c")', "img.src = 'https://a.b'",
                "import('https://a.b/m.js')", '<meta http-equiv="refresh" content="0;url=https://a.b">'):
        assert LOADS.search(bad), bad
    for fine in ('xmlns="http://www.w3.org/2000/svg"', "url(data:image/png;base64,AAAA)",
                 "// see https://github.com/visjs"):
        assert not LOADS.search(fine), fine


def test_page_loads_nothing_remote(seed):
    html = seed[1].read_text(encoding="utf-8")
    assert LOADS.findall(html) == []
    blob, page = split_blob(html)
    assert set(URL.findall(page)) <= INERT_URLS
    # the node IRIs are data: inside the blob and nowhere else
    assert "w3id.org" in blob and "w3id.org" not in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src &#39;none&#39;" in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_page_data_round_trips(seed):
    g, path = seed
    blob, _ = split_blob(path.read_text(encoding="utf-8"))
    data = json.loads(blob)
    assert [n["id"] for n in data["nodes"]] == sorted(g.nodes)
    assert len(data["edges"]) == g.number_of_edges()
    by_id = {n["id"]: n["pk"] for n in data["nodes"]}
    for node, attrs in g.nodes(data=True):
        assert by_id[node]["title"] == attrs["title"] and by_id[node]["kind"] == attrs["kind"]
    assert [f["name"] for f in data["filters"]] == ["department", "jurisdiction"]
    assert [o["value"] for o in data["filters"][1]["options"]] == ["巴彦淖尔市", "祁门县"]


def test_legend_colours_and_comparison_marks(tmp_path):
    path = view.render(hostile_graph(), tmp_path / "x.html", title="对比", legend={"duty": "#123456"},
                       filters=("side", "status"), height="70vh")
    html = path.read_text(encoding="utf-8")
    data = json.loads(split_blob(html)[0])
    duty = next(n for n in data["nodes"] if n["pk"]["kind"] == "duty")
    assert duty["color"]["background"] == "#123456" and duty["shape"] == "triangle"  # only-A
    assert duty["color"]["border"] == view.SIDE_COLOURS["A"]
    assert {k["kind"]: k["colour"] for k in data["legend"]["kinds"]} == {
        "duty": "#123456", "department": view.KIND_COLOURS["department"]}
    assert [s["name"] for s in data["legend"]["sides"]] == ["A", "B"]
    assert [s["status"] for s in data["legend"]["statuses"]] == ["only-A"]
    assert [(f["name"], [o["value"] for o in f["options"]]) for f in data["filters"]] == [
        ("side", ["A", "B"]), ("status", ["only-A"])]
    assert "#pk-graph { height: 70vh; }" in html


def test_hostile_text_stays_data(tmp_path):
    path = view.render(hostile_graph(), tmp_path / "x.html", title=HOSTILE_HEADING,
                       filters=("department", "jurisdiction", "side", "status"))
    html = path.read_text(encoding="utf-8")
    blob, page = split_blob(html)
    assert not re.search("[<>&\u2028\u2029]", blob)
    data = json.loads(blob)
    texts = {n["pk"]["label"] for n in data["nodes"]} | {n["pk"]["title"] for n in data["nodes"]}
    assert "县卫生健康委" + PAYLOADS["img"] in texts and PAYLOADS["amp"] + PAYLOADS["ls"] in texts
    # the heading appears twice (title, h1), escaped; no other data is outside the blob
    heading = html_escape(HOSTILE_HEADING)
    assert heading.startswith("县卫生健康委&lt;img src=x onerror=&quot;window.__pwned=5&quot;&gt;&lt;/title&gt;")
    assert page.count(heading) == 2
    rest = page.replace(heading, "")
    for fragment in ("<img", "<svg", "__pwned", "javascript:window", "alert(1)", "\u2028", "\u2029", "祁门县"):
        assert fragment not in rest, fragment
    # the vis-network bundle has its own onerror/javascript: code; ours must have none
    ours = rest.replace(view._read(view._vis_dir() / "vis-network.min.js"), "")
    for fragment in ("onerror", "onload", "javascript:", "innerHTML", "outerHTML", "insertAdjacentHTML",
                     "document.write", "eval("):
        assert fragment not in ours, fragment
    assert ours.count("<script") == 2 and html.count("</script>") == 3


def test_same_graph_same_bytes(tmp_path):
    g = seed_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    a = view.render(g, tmp_path / "a.html", title="图")
    b = view.render(shuffled, tmp_path / "b.html", title="图")
    assert a.read_bytes() == b.read_bytes()
    assert view.render(g, tmp_path / "a.html", title="图").read_bytes() == b.read_bytes()


def test_write_is_atomic(tmp_path, monkeypatch):
    g = hostile_graph()
    target = tmp_path / "out" / "graph.html"
    view.render(g, target, title="旧")
    old = target.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.html"]

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(PolicykgError, match="cannot write"):
        view.render(g, target, title="新")
    assert target.read_bytes() == old
    with pytest.raises(PolicykgError):
        view.render(g, tmp_path / "out" / "fresh.html", title="新")
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.html"]


@pytest.mark.parametrize("kwargs, message", [
    ({"legend": {"duty": "red;background:url(https://a.b)"}}, "legend colour"),
    ({"height": "800px;background:url(https://a.b)"}, "CSS length"),
    ({"filters": ("label",)}, "cannot filter by 'label'"),
    ({"filters": ("ministry",)}, "cannot filter by 'ministry'"),
])
def test_bad_options_are_one_line_errors(tmp_path, kwargs, message):
    with pytest.raises(PolicykgError, match=message):
        view.render(hostile_graph(), tmp_path / "x.html", title="图", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_not_a_graph(tmp_path):
    with pytest.raises(PolicykgError, match="expected a networkx graph"):
        view.render({"a": 1}, tmp_path / "x.html", title="图")


# --- in Chromium, offline ----------------------------------------------------------------------

READY = "window.policykg && window.policykg.stable"


@pytest.mark.browser
def test_harness_sees_remote_loads(browser, tmp_path):
    # Guards the checks below: a page that tries the network must show up as failed + logged.
    page = tmp_path / "remote.html"
    page.write_text('<!DOCTYPE html><img src="https://cdn.jsdelivr.net/npm/x.png">'
                    '<script src="https://cdnjs.cloudflare.com/x.js"></script>', encoding="utf-8")
    open_file(browser, page)
    wait_for(browser, "document.readyState === 'complete'")
    assert any("cdn.jsdelivr.net" in u for u in remote_requests(browser))
    assert {u for u, _ in failed_requests(browser)} >= {"https://cdn.jsdelivr.net/npm/x.png",
                                                        "https://cdnjs.cloudflare.com/x.js"}
    assert console_errors(browser)


@pytest.mark.browser
def test_page_works_offline(browser, seed, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    g, path = seed
    open_file(browser, path, ready=READY)
    js = browser.execute_script
    assert browser.find_elements(By.CSS_SELECTOR, "#pk-graph canvas")
    assert js("return policykg.nodeCount()") == g.number_of_nodes()
    assert js("return policykg.network.body.data.nodes.length") == g.number_of_nodes()
    assert js("return policykg.edgeCount()") == g.number_of_edges()
    assert browser.find_element(By.ID, "pk-heading").text == "祁门县与巴彦淖尔市：婴幼儿照护服务职责图"

    legend = js("return Array.from(document.querySelectorAll('#pk-legend li[data-kind]'))"
                ".map(li => li.dataset.kind)")
    assert sorted(legend) == sorted({a["kind"] for _, a in g.nodes(data=True)})

    departments = {n: a for n, a in g.nodes(data=True) if a["kind"] == "department"}
    select = Select(browser.find_element(By.ID, "pk-filter-department"))
    shown = [o.text for o in select.options[1:]]
    assert sorted(shown) == sorted(f"{a['label']}（{a['jurisdiction']}）" for a in departments.values())

    # a real user choice: 县教育局 and its neighbours stay, everything else goes
    education = next(n for n, a in departments.items() if a["label"] == "县教育局")
    select.select_by_value(education)
    expected = {education} | set(g.successors(education)) | set(g.predecessors(education))
    assert set(js("return policykg.visibleNodeIds()")) == expected
    assert js("return policykg.edgeView.length") == sum(
        1 for u, v in g.edges() if u in expected and v in expected)
    select.select_by_index(0)
    assert len(js("return policykg.visibleNodeIds()")) == g.number_of_nodes()

    Select(browser.find_element(By.ID, "pk-filter-jurisdiction")).select_by_value("巴彦淖尔市")
    visible = js("return policykg.visibleNodeIds()")
    assert visible and all(g.nodes[n]["jurisdiction"] in ("巴彦淖尔市", "") for n in visible)
    assert any(g.nodes[n]["kind"] == "concept" for n in visible)  # shared concepts stay
    browser.find_element(By.ID, "pk-reset").click()

    box = browser.find_element(By.ID, "pk-search")
    box.send_keys("县公安局", Keys.ENTER)
    police = next(n for n, a in departments.items() if a["label"] == "县公安局")
    assert js("return policykg.network.getSelectedNodes()") == [police]
    assert "县公安局" in browser.find_element(By.ID, "pk-status").text

    shot = screenshot(browser, tmp_path / "seeds.png")
    assert shot.stat().st_size > 20_000
    assert console_errors(browser) == []
    assert remote_requests(browser) == [] and failed_requests(browser) == []


@pytest.mark.browser
def test_hostile_text_is_shown_not_run(browser, tmp_path):
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    g = hostile_graph()
    path = view.render(g, tmp_path / "hostile.html", title=HOSTILE_HEADING,
                       filters=("department", "jurisdiction", "side", "status"))
    open_file(browser, path, ready=READY)
    js = browser.execute_script

    # hover the department node for real (viewport coordinates), so vis-network shows its tooltip
    dept = next(n for n, a in g.nodes(data=True) if a["label"].startswith("县卫生健康委"))
    x, y = js("var net = policykg.network, id = arguments[0];"
              "var p = net.canvasToDOM(net.getPositions([id])[id]);"
              "var r = document.querySelector('#pk-graph canvas').getBoundingClientRect();"
              "return [Math.round(r.left + p.x), Math.round(r.top + p.y)];", dept)
    hover = ActionBuilder(browser)
    hover.pointer_action.move_to_location(x - 2, y - 2).pause(0.2).move_to_location(x, y)
    hover.perform()
    wait_for(browser, "document.querySelector('.vis-tooltip') && "
                      "document.querySelector('.vis-tooltip').style.visibility !== 'hidden' && "
                      "document.querySelector('.vis-tooltip').textContent.length > 0")
    tip = js("return document.querySelector('.vis-tooltip').textContent")
    assert "县卫生健康委" + PAYLOADS["img"] in tip and g.nodes[dept]["title"] in tip

    assert js("return typeof window.__pwned") == "undefined"
    assert js("return document.querySelectorAll('img, svg, iframe, [onerror], [onload]').length") == 0
    assert js("return document.getElementById('pk-heading').textContent") == HOSTILE_HEADING
    assert js("return document.title") == HOSTILE_HEADING
    options = js("return Array.from(document.querySelectorAll('select option')).map(o => o.textContent)")
    assert "祁门县" + PAYLOADS["script"] in options and "县卫生健康委" + PAYLOADS["img"] + "（祁门县" + \
        PAYLOADS["script"] + "）" in options
    # every label and title reached the page literally (U+2028/2029 included)
    pk = js("return policykg.nodes.get().map(n => [n.pk.label, n.pk.title, n.title.textContent])")
    assert sorted(p[:2] for p in pk) == sorted([a["label"], a["title"]] for _, a in g.nodes(data=True))
    assert all(title in text for _, title, text in pk)
    assert console_errors(browser) == []
    assert remote_requests(browser) == [] and failed_requests(browser) == []


@pytest.mark.browser
def test_real_pipeline_graph(browser, county_parsed, city_parsed, tmp_path):
    # The graph stage's own output for both parsed seeds, as `make run` will hand it over.
    from extractor.graph import to_networkx, to_rdf

    g = nx.compose(to_networkx(to_rdf(county_parsed)), to_networkx(to_rdf(city_parsed)))
    path = view.render(g, tmp_path / "real.html", title="两地通知的条款结构")
    open_file(browser, path, ready=READY)
    js = browser.execute_script
    assert js("return policykg.nodeCount()") == g.number_of_nodes()
    assert js("return policykg.edgeCount()") == g.number_of_edges()
    titles = js("return policykg.nodes.get().map(n => n.title.textContent)")
    sentence = next(a["title"] for _, a in g.nodes(data=True) if a["title"].startswith("（五）县教育局。"))
    assert any(sentence in t for t in titles)
    jurisdictions = js("return Array.from(document.querySelectorAll('#pk-filter-jurisdiction option'))"
                       ".map(o => o.value)")
    assert jurisdictions == ["", "巴彦淖尔市", "祁门县"]
    assert console_errors(browser) == []
    assert remote_requests(browser) == [] and failed_requests(browser) == []


def test_a_department_view_of_a_body_s_office(tmp_path):
    """`view --department` takes a body outside the registry by its name: a leading group's
    office with its duties (a unit, not the group), beside a notice's departments."""
    from conftest import leading_group
    from extractor.build import load_store
    from extractor.viewgraphs import departments_graph

    store = load_store([COUNTY, leading_group(tmp_path)])
    g = departments_graph(store, "休宁县婴幼儿照护服务工作领导小组办公室")
    units = [d["label"] for _, d in g.nodes(data=True) if d["kind"] == "department"]
    assert units == ["休宁县婴幼儿照护服务工作领导小组办公室"]
    assert sum(1 for _, d in g.nodes(data=True) if d["kind"] == "duty") == 2
    with pytest.raises(PolicykgError, match="not a department the registry knows"):
        departments_graph(store, "不存在局")


def test_a_department_view_shows_what_duties_lists(tmp_path):
    """`view --department 卫健委` showed 2 units and 17 duties where `duties 卫健委` lists 3
    units and 18 duties: 巴彦淖尔市's notice gives 旗县区卫生健康委 (a unit of its counties)
    a duty, and the view kept only the units of each notice's own place. It now takes the
    departments `duties` takes, by the same function."""
    import subprocess
    import sys

    from conftest import ROOT
    from extractor import query
    from extractor.build import load_store

    page = tmp_path / "dept.html"
    res = subprocess.run([sys.executable, "-m", "extractor", "view", "--department", "卫健委", "-o", page,
                          "--from", COUNTY, "--from", CITY], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    data = json.loads(split_blob(page.read_text(encoding="utf-8"))[0])
    shown = {n["id"]: n["pk"] for n in data["nodes"]}
    rows = query.duties(load_store([COUNTY, CITY]), "卫健委")
    assert {r["department"] for r in rows} == {"县卫生健康委", "市卫生健康委", "旗县区卫生健康委"}
    assert sorted(p["label"] for p in shown.values() if p["kind"] == "department") == \
        sorted({r["department"] for r in rows})
    duties = {r["iri"] for r in rows if r["kind"] == "duty"}
    assert {i for i, p in shown.items() if p["kind"] == "duty"} == duties and len(duties) == 18
    tasks = {(r["department"], r["clause_id"]) for r in rows if r["kind"] == "task"}
    edges = {(shown[e["to"]]["label"], e["from"].rsplit("/task/", 1)[1]) for e in data["edges"]
             if e["pk"]["kind"] == "assigned_to"}
    assert edges == tasks
    # (旗县区卫生健康部门每年组织…: the counties' health commissions', its text after its subject)
    assert any(p["label"].startswith("每年组织婴幼儿照护服务机构") for p in shown.values() if p["kind"] == "duty")


def test_a_department_view_leaves_out_units_only_named(tmp_path):
    """With the extra notices, the 卫健委 page held 7 units, among them 国家卫生健康委 and 荆州's
    市卫生健康委, which no notice puts to work (only named); `duties 卫健委` lists 4. The page
    shows the units with duties or tasks, as `duties` does."""
    import subprocess
    import sys

    from conftest import EXTRA, ROOT
    from extractor import query
    from extractor.build import load_store

    page = tmp_path / "dept.html"
    inputs = [COUNTY, CITY, *EXTRA]
    args = [x for p in inputs for x in ("--from", str(p))]
    res = subprocess.run([sys.executable, "-m", "extractor", "view", "--department", "卫健委", "-o", page, *args],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    data = json.loads(split_blob(page.read_text(encoding="utf-8"))[0])
    shown = sorted(n["pk"]["label"] for n in data["nodes"] if n["pk"]["kind"] == "department")
    listed = {r["department"] for r in query.duties(load_store(inputs), "卫健委")}
    assert len(listed) == 4 and sorted(listed) == sorted(set(shown))
