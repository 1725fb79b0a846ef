"""The shared real-browser harness: Debian Chromium, headless, with the network cut off.

Use in a test module::

    from browser import browser, open_file, console_errors, failed_requests, screenshot  # noqa: F401

`browser` is a module-scoped fixture (one Chromium per test module) that skips with a
visible reason when Chromium, chromedriver or selenium is missing. The network is off in
three independent ways — DevTools offline emulation, a host resolver that resolves
nothing, and a proxy on a closed port — so any remote load a page attempts fails, and
`failed_requests` / `remote_requests` report it from the DevTools performance log.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
WINDOW = (1400, 1000)
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:")


def _first(paths: tuple[str, ...], name: str) -> str | None:
    found = next((p for p in paths if Path(p).exists()), None)
    return found or shutil.which(name)


def start_browser(profile: Path):
    """A headless Chromium driven by selenium, offline; `pytest.skip` if it cannot start."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:  # pragma: no cover - selenium is a test dependency
        pytest.skip(f"selenium not installed: {exc}")
    binary = _first(CHROMIUM, "chromium")
    driver_path = _first(CHROMEDRIVER, "chromedriver")
    if not binary:
        pytest.skip("chromium not installed: apt-get install chromium (see .ci/install-system-deps)")
    if not driver_path:
        pytest.skip("chromedriver not installed: apt-get install chromium-driver "
                    "(see .ci/install-system-deps)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--metrics-recording-only",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                f"--window-size={WINDOW[0]},{WINDOW[1]}", "--force-device-scale-factor=1",
                "--lang=zh-CN", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    except Exception as exc:  # a broken install must not fail unrelated tests
        pytest.skip(f"chromium could not start: {str(exc).splitlines()[0]}")
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    driver._pk_events = []  # DevTools network events drained from the performance log
    return driver


@pytest.fixture(scope="module")
def browser():
    """One offline headless Chromium for the whole test module."""
    profile = Path(tempfile.mkdtemp(prefix="policykg-chromium-"))
    driver = start_browser(profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_file(browser, path: str | Path, *, ready: str | None = None, timeout: float = 20.0) -> None:
    """Load a local file and forget earlier logs; wait until the JS expression `ready` is true."""
    network_events(browser)
    browser.get_log("browser")
    browser._pk_events.clear()
    browser.get(Path(path).resolve().as_uri())
    if ready:
        wait_for(browser, ready, timeout=timeout)


def wait_for(browser, expression: str, *, timeout: float = 20.0) -> None:
    """Poll the JS `expression` until truthy; fail with the expression on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if browser.execute_script(f"return !!({expression});"):
            return
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout}s waiting for {expression}")


def console_errors(browser, level: str = "SEVERE") -> list[dict]:
    """Console messages of `level` (default SEVERE = errors) since the last call."""
    return [e for e in browser.get_log("browser") if e.get("level") == level]


def network_events(browser) -> list[dict]:
    """All DevTools `Network.*` events seen since the page was opened (accumulated)."""
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method", "").startswith("Network."):
            browser._pk_events.append(message)
    return browser._pk_events


def requested_urls(browser) -> list[str]:
    return [e["params"]["request"]["url"] for e in network_events(browser)
            if e["method"] == "Network.requestWillBeSent"]


def remote_requests(browser) -> list[str]:
    """URLs the page tried to load from anywhere but the local file system or inline data."""
    return [u for u in requested_urls(browser) if not u.startswith(LOCAL_SCHEMES)]


def failed_requests(browser) -> list[tuple[str, str]]:
    """(url, error) of every request that failed since the page was opened."""
    events = network_events(browser)
    urls = {e["params"]["requestId"]: e["params"]["request"]["url"]
            for e in events if e["method"] == "Network.requestWillBeSent"}
    return [(urls.get(e["params"]["requestId"], "?"), e["params"].get("errorText", ""))
            for e in events if e["method"] == "Network.loadingFailed"]


def screenshot(browser, path: str | Path) -> Path:
    """Save a PNG of the current viewport to `path`."""
    path = Path(path)
    if not browser.save_screenshot(str(path)):
        pytest.fail(f"screenshot could not be written to {path}")
    return path
