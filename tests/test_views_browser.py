"""The comparison report and the views as `policykg build` leaves them in outputs/, opened from
disk in real headless Chromium with the network cut off (tests/browser.py)."""
from __future__ import annotations

import pytest

from browser import (browser, console_errors, failed_requests, open_file, remote_requests,  # noqa: F401
                     screenshot, wait_for)
from conftest import CITY, COUNTY
from extractor import report
from extractor.build import load_store
from extractor.compare import compare
from extractor.viewgraphs import comparison_graph

READY = "window.policykg && window.policykg.stable"
# Pixels of the graph canvas that are not (near) white: the drawing really happened.
INKED = """var c = document.querySelector('#pk-graph canvas'), d = c.getContext('2d')
             .getImageData(0, 0, c.width, c.height).data, n = 0;
           for (var i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 600) n++;
           return n;"""


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    store = load_store([COUNTY, CITY])
    out = tmp_path_factory.mktemp("outputs")
    report.write_outputs(store, out)
    return store, out


@pytest.mark.browser
def test_compare_report_renders_offline(browser, outputs, tmp_path):
    store, out = outputs
    expected = comparison_graph(compare(store, "祁门县", "巴彦淖尔市"))
    open_file(browser, out / "compare.html", ready=READY)
    js = browser.execute_script
    assert js("return document.querySelectorAll('#pk-graph canvas').length") == 1
    assert js("return policykg.nodeCount()") == expected.number_of_nodes() > 100
    assert js("return Object.keys(policykg.network.getPositions()).length") == expected.number_of_nodes()
    assert js(INKED) > 2000
    # the tables around the graph
    # 22 units, the two joint meetings (their own duties, 一、主要职责) and their offices
    assert js("return document.querySelectorAll('#rp-units-table tbody tr').length") == 24
    assert js("return document.querySelector('#rp-meeting-table').textContent").count("每年1–2次") == 1
    assert js("return document.querySelectorAll('#rp-matrix-table tbody tr').length") == 24
    top = screenshot(browser, tmp_path / "compare-top.png")

    # the function filter keeps one department of each side with its duties
    js("policykg.setFilter('group', '消防救援机构')")
    shown = js("return policykg.visibleNodeIds().map(id => policykg.nodes.get(id).pk)")
    assert sorted(p["label"] for p in shown if p["kind"] == "department") == ["县消防救援大队", "市消防救援支队"]
    assert sorted(p["side"] for p in shown if p["kind"] == "duty") == ["A", "A", "B", "B"]
    js("policykg.reset(); document.getElementById('pk-header').scrollIntoView()")
    graph = screenshot(browser, tmp_path / "compare-graph.png")
    assert top.stat().st_size > 20_000 and graph.stat().st_size > 20_000
    assert console_errors(browser) == []
    assert remote_requests(browser) == [] and failed_requests(browser) == []


@pytest.mark.browser
def test_hostile_notice_text_runs_nothing(browser, tmp_path):
    payload = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'
    hostile = tmp_path / "qimen-hostile.txt"
    hostile.write_text(COUNTY.read_text(encoding="utf-8").replace("设置母婴设施，满足", f"设置母婴设施{payload}，满足"),
                       encoding="utf-8")
    page = tmp_path / "hostile.html"
    page.write_text(report.to_html(compare(load_store([hostile, CITY]), "祁门县", "巴彦淖尔市")), encoding="utf-8")
    open_file(browser, page, ready=READY)
    js = browser.execute_script
    assert js("return typeof window.__pwned") == "undefined"
    assert js("return document.querySelectorAll('img, svg, iframe, [onerror], [onload]').length") == 0
    cells = js("return Array.from(document.querySelectorAll('table.duties td.A')).map(td => td.textContent)")
    assert any(payload in text for text in cells)  # shown as text, where the duty is
    titles = js("return policykg.nodes.get().map(n => n.pk.title)")
    assert any(payload in t for t in titles)
    assert console_errors(browser) == []
    assert remote_requests(browser) == [] and failed_requests(browser) == []


@pytest.mark.browser
@pytest.mark.parametrize("name", ["views/qimen-county-2021.html", "views/departments.html", "views/compare.html"])
def test_views_render_offline(browser, outputs, name):
    _, out = outputs
    open_file(browser, out / name, ready=READY)
    js = browser.execute_script
    assert js("return policykg.nodeCount()") > 30 and js(INKED) > 1000
    assert console_errors(browser) == []
    assert remote_requests(browser) == [] and failed_requests(browser) == []
