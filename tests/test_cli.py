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


def test_console_script_parses_a_seed():
    res = policykg("parse", COUNTY, "--format", "json")
    assert res.returncode == 0 and '"doc_number": "祁政办秘〔2021〕45号"' in res.stdout
