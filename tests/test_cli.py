"""The CLI skin: fast help, one-line errors, and the console script itself."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import COUNTY, ROOT

HEAVY = ("rdflib", "pyoxigraph", "jieba", "pyvis", "networkx", "rapidfuzz", "bs4", "docx", "lxml", "pyshacl")


def test_help_imports_nothing_heavy():
    """`policykg --help` must answer at once: no heavy library is imported to print it."""
    code = ("import sys, extractor.cli as c\n"
            "try:\n    c.app(['--help'])\nexcept SystemExit:\n    pass\n"
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert "parse" in out.stdout and "build" in out.stdout


def policykg(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("args,message", [
    (["parse", "no/such/file.txt"], "no such file"),
    (["parse", "corpus"], "is a directory"),
    (["extract", "no/such/file.txt"], "no such file"),
    (["export", "--from", "corpus", "-o", "no/such/dir/graph.xyz"], "say which format to write (--format"),
    (["export", "--from", "corpus", "--graph", "上海市"], "no notice or named graph '上海市'"),  # was a traceback
])
def test_errors_are_one_line(args, message):
    res = policykg(*args)
    assert res.returncode == 1
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in res.stderr


@pytest.mark.parametrize("args,message", [
    (["export", "--format", "xml"], "Invalid value for '--format' / '-f': 'xml' is not one of 'ttl', "),
    (["build", "corpus", "--jobs", "0"], "Invalid value for '--jobs' / '-j': "),
    (["who", "消防", "-n", "-1"], "Invalid value for '--limit' / '-n': "),
    (["serve", "--port", "abc"], "Invalid value for '--port': "),
    (["who"], "Missing argument 'TOPIC'"),
    (["parse", "--no-such-option", "x"], "No such option: --no-such-option"),
    (["no-such-command"], "No such command 'no-such-command'"),
])
def test_usage_errors_are_one_line_and_exit_2(args, message):
    """Was click's framed box: a usage line, a hint and the message in a frame."""
    res = policykg(*args)
    assert res.returncode == 2 and res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("policykg: error: ") and message.lower() in lines[0].lower(), res.stderr


def test_help_still_shows():
    assert policykg("--help").returncode == 0 and "Usage" in policykg("--help").stdout
    res = policykg()
    assert "Usage" in res.stdout + res.stderr and "Traceback" not in res.stderr


def test_console_script_parses_a_seed():
    res = policykg("parse", COUNTY, "--format", "json")
    assert res.returncode == 0 and '"doc_number": "祁政办秘〔2021〕45号"' in res.stdout
