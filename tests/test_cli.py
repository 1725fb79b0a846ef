"""The CLI skin: fast help, one-line errors, and the console script itself."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import CITY, COUNTY, ROOT, city_note, seeds_with

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
    (["export", "--from", "corpus/qimen-county-2021.txt", "--graph", "上海市"], "no notice or named graph '上海市'"),  # was a traceback
    # was "cannot write (File exists)"
    (["export", "--from", "corpus/qimen-county-2021.txt", "-o", "README.md/graph.ttl"],
     "README.md/graph.ttl: cannot write (README.md is a file, not a folder)"),
    # was "corpus/qimen-county-2021.txt: inside the output folder"
    (["build", "corpus/qimen-county-2021.txt", "-o", "corpus/qimen-county-2021.txt"],
     "corpus/qimen-county-2021.txt: output directory is not writable (corpus/qimen-county-2021.txt is a file, not a folder)"),
    (["build", "corpus", "-o", "README.md/out"], "README.md/out: output directory is not writable (README.md is a file, not a folder)"),
    # was RocksDB's "IO error: No such file or directory: … corpus/CURRENT"
    (["who", "消防", "--store", "corpus"], "corpus: no store here; run `policykg build corpus -o outputs`"),
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


def test_a_build_s_output_folder_given_as_the_store_names_its_store(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "CURRENT").write_text("MANIFEST-000001\n")
    res = policykg("members", "--store", tmp_path)
    assert res.returncode == 1 and res.stderr == (f"policykg: error: {tmp_path}: no store here, but a build's output "
                                                  f"folder: its store is {tmp_path / 'store'}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # nothing made there


def test_help_still_shows():
    assert policykg("--help").returncode == 0 and "Usage" in policykg("--help").stdout
    res = policykg()
    assert "Usage" in res.stdout + res.stderr and "Traceback" not in res.stderr


def test_console_script_parses_a_seed():
    res = policykg("parse", COUNTY, "--format", "json")
    assert res.returncode == 0 and '"doc_number": "祁政办秘〔2021〕45号"' in res.stdout


# --- --from: what could not be read is said, as build says it ----------------------------------------------


def test_from_reports_each_file_it_cannot_read_and_exits_1(tmp_path):
    """`who 消防 --from m` answered from the readable notices with exit 0 and nothing on
    stderr, while `build m` listed three failures."""
    m = seeds_with(tmp_path / "m", {"empty.txt": b"", "bin.txt": bytes(range(256)) * 12, "x.pdf": b"%PDF"})
    built = policykg("build", m, "-o", tmp_path / "out", "-q")
    assert built.returncode == 1
    expected = [f"policykg: error: {m / 'bin.txt'}: binary data (NUL bytes), not a text notice",
                f"policykg: error: {m / 'empty.txt'}: empty file",
                f"policykg: error: {m / 'x.pdf'}: a PDF file, not read (save its text as .txt)"]
    assert built.stderr.splitlines() == [city_note(m / CITY.name), *expected]  # (the city's note first)
    for args in (["who", "消防", "-n", "0", "--format", "csv"], ["members", "--format", "csv"],
                 ["export", "-f", "nt"], ["compare", "祁门县", "巴彦淖尔市", "-f", "json"]):
        res = policykg(*args, "--from", m)
        assert res.returncode == 1 and "Traceback" not in res.stderr, args
        assert res.stderr.splitlines() == [*expected, city_note(m / CITY.name)], args
        assert "消防" in res.stdout or "祁门县" in res.stdout, args  # the answer from the notices that could be read


def _unprivileged(args: list[str]) -> list[str]:
    """`args` run without the power to read a chmod 000 folder (root has it: drop it)."""
    if os.geteuid() != 0:
        return args
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a folder chmod 000 stays readable")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *args]


def test_an_unreadable_folder_or_file_is_reported_by_build_and_from(tmp_path):
    m = tmp_path / "m"
    (m / "sub").mkdir(parents=True)
    shutil.copy(COUNTY, m / COUNTY.name)
    shutil.copy(CITY, m / "sub" / CITY.name)
    shutil.copy(CITY, m / "locked.txt")
    (m / "sub").chmod(0)
    (m / "locked.txt").chmod(0)
    try:
        probe = subprocess.run(_unprivileged(["ls", str(m / "sub")]), capture_output=True)
        if probe.returncode == 0:
            pytest.skip("cannot drop the privilege to read a chmod 000 folder here")
        expected = [f"policykg: error: {m / 'locked.txt'}: cannot read (Permission denied)",
                    f"policykg: error: {m / 'sub'}: cannot read (Permission denied)"]
        cmd = [sys.executable, "-m", "extractor"]
        for args in (["build", str(m), "-o", str(tmp_path / "out"), "-q"], ["who", "消防", "--from", str(m), "-n", "0"]):
            res = subprocess.run(_unprivileged([*cmd, *args]), capture_output=True, text=True, cwd=ROOT)
            assert res.returncode == 1 and res.stderr.splitlines() == expected, (args, res.stderr)
        assert "消防" in res.stdout
    finally:
        (m / "sub").chmod(0o755)
        (m / "locked.txt").chmod(0o644)


def test_extract_shows_a_rule_held_at_least_so_many_times(tmp_path):
    """`extract`'s rules table: 每半年至少召开1次 shows its times as 至少1, not 1–None."""
    path = tmp_path / "qimen.txt"
    path.write_text(COUNTY.read_text(encoding="utf-8").replace("原则上每半年召开1次", "原则上每半年至少召开1次"),
                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "extractor", "extract", str(path)], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "COLUMNS": "200"})
    plenary = next(line for line in out.stdout.splitlines() if "全体会议制度" in line)
    assert "至少1" in plenary and "None" not in plenary


def test_extract_says_a_body_s_head_and_members_are_not_stated():
    """兴安盟's page gives its 应急指挥部's office duties and each member unit's duties, but
    names no 总指挥 and lists no member units: `extract` says so, not "总指挥 ?, 0 member
    units" (as `meetings` leaves the count empty, not 0); 祁门's line counts its 21 members and
    its joint meeting's own duties (一、主要职责) beside its office's."""
    run = lambda path: subprocess.run([sys.executable, "-m", "extractor", "extract", str(path)], capture_output=True,
                                      text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "300"}).stdout
    body = next(ln for ln in run(ROOT / "tests/data/extra/xinganmeng-sandstorm-member-duties.txt").splitlines()
                if "应急指挥部:" in ln)
    assert "总指挥 not stated, member units not listed, 办公室 4 duties" in body, body
    assert "21 member units, 7 duties of its own, 办公室 3 duties" in " ".join(run(COUNTY).split())  # a title may wrap


# --- notes: what the reading met that the analyst should check ---------------------------------------------


def _misspelt(folder, *typos) -> list:
    """The two seeds written into `folder`, each with a department's item heading misspelt."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for seed, pairs in ((COUNTY, typos[:2]), (CITY, typos[2:])):
        text = seed.read_text(encoding="utf-8")
        for right, wrong in pairs:
            assert text.count(right) == 1
            text = text.replace(right, wrong)
        (folder / seed.name).write_text(text, encoding="utf-8")
        out.append(folder / seed.name)
    return out


TYPOS = (("）县公安局。", "）县公按局。"), ("）县教育局。", "）县教肓局。"), ("市公安局。", "市公按局。"),
         ("市民政局。", "市民正局。"))
POLICE = ("main/4/4: heading 县公按局 names no known department; its 3 statements are kept under it as written; "
          "did you mean 县公安局?")


def test_extract_warns_of_a_misspelt_heading(tmp_path):
    """`policykg extract` of a notice whose police item is headed 县公按局: its duties were dropped
    and nothing was said; now a warning line per note on stderr (exit 0), and the notes in JSON."""
    county, _ = _misspelt(tmp_path, *TYPOS)
    for fmt in ("tree", "json"):
        res = policykg("extract", county, "--format", fmt)
        assert res.returncode == 0, res.stderr
        assert res.stderr.splitlines() == [
            f"policykg: warning: {county}: {POLICE}",
            f"policykg: warning: {county}: main/4/5: heading 县教肓局 names no known department; its 3 statements "
            "are kept under it as written; did you mean 县教育局?"]
    notes = json.loads(res.stdout)["notes"]
    text = county.read_text(encoding="utf-8")
    assert [(n["kind"], n["clause"], n["text"], text[n["start"]:n["end"]]) for n in notes] == [
        ("unknown-heading", "main/4/4", "县公按局", "县公按局"), ("unknown-heading", "main/4/5", "县教肓局", "县教肓局")]
    assert notes[0]["message"] == POLICE.split(": ", 1)[1]
    duties = [d for d in json.loads(res.stdout)["duties"] if d["clause"] == "main/4/4"]
    assert len(duties) == 3 and {d["department"] for d in duties} == {"祁门县/县公按局"}


def test_build_and_from_count_the_notes_and_show_the_first(tmp_path):
    """A build (and a query --from) says how many notes its notices gave and the first few, not
    each: 5 notes on 2 notices (the city's 河套学院, a task tag's unit the registry lacks, one)."""
    folder = tmp_path / "m"
    county, city = _misspelt(folder, *TYPOS)
    head = f"policykg: warning: 5 notes on 2 notice(s) (`policykg extract FILE` says a notice's); the first 3:"
    first = [f"policykg: warning: {city}: att1/4/4: heading 市公按局 names no known department; its 4 statements "
             "are kept under it as written; did you mean 市公安局?",
             f"policykg: warning: {city}: att1/4/5: heading 市民正局 names no known department; its 3 statements "
             "are kept under it as written; did you mean 市民政局?",
             f"policykg: warning: {city}: main/2/3/4: task tag names 河套学院, no department the registry knows; "
             "its task is assigned to it as written"]
    built = policykg("build", folder, "-o", tmp_path / "out", "-q", "--no-views")
    assert built.returncode == 0 and built.stderr.splitlines() == [head, *first], built.stderr
    res = policykg("duties", "公安", "--from", folder, "--format", "csv")
    assert res.returncode == 0 and res.stderr.splitlines() == [head, *first], res.stderr


# --- who: a limited answer says what it leaves out --------------------------------------------------------


def test_who_says_on_stderr_when_its_limit_cuts_the_rows():
    """`who 婴幼儿` printed 50 of its 184 rows on the seeds, with nothing said in any format:
    an analyst exporting a broad topic lost rows unknowingly. Now one line on stderr says
    how many are shown of how many (stdout stays data: CSV and JSON parse whole); none when
    nothing is left out."""
    import csv

    every = policykg("who", "婴幼儿", "--from", ROOT / "corpus", "-n", "0", "--format", "csv")
    assert every.returncode == 0 and every.stderr.splitlines() == [city_note()]
    total = len(list(csv.DictReader(every.stdout.splitlines())))
    assert total > 50
    note = [f"policykg: showing the first 50 of {total} rows; -n 0 shows all"]
    for fmt, count in (("csv", lambda out: len(list(csv.DictReader(out.splitlines())))),
                       ("json", lambda out: len(json.loads(out))),
                       ("table", lambda out: 50 * ("who: 婴幼儿" in out))):
        res = policykg("who", "婴幼儿", "--from", ROOT / "corpus", "--format", fmt)
        assert res.returncode == 0 and res.stderr.splitlines() == [city_note(), *note], (fmt, res.stderr)
        assert count(res.stdout) == 50, fmt
    for n in (str(total), str(total + 1)):  # all shown: nothing to say
        res = policykg("who", "婴幼儿", "--from", ROOT / "corpus", "-n", n, "--format", "csv")
        assert res.returncode == 0 and res.stderr.splitlines() == [city_note()]
        assert len(list(csv.DictReader(res.stdout.splitlines()))) == total


@pytest.mark.parametrize("closed", ["stdout", "stderr"])
def test_a_reader_closing_the_pipe_ends_the_command_quietly(closed, tmp_path):
    """`policykg who 婴幼儿 | head -1`, or its note on stderr read by a reader gone (2>&1 |
    head -1): the write to the closed pipe exited 1 (typer's EPIPE), as an error would. Now
    a closed stdout or stderr ends the command with status 0 and nothing more said; the rows
    written before it stay whole. (From a built store: reading the seeds, the city's note is
    said on stderr before any row.)"""
    assert policykg("build", COUNTY, CITY, "-o", tmp_path / "out", "-q", "--no-views").returncode == 0
    cmd = [sys.executable, "-m", "extractor", "who", "婴幼儿", "--store", tmp_path / "out" / "store", "--format", "csv"]
    with subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as p:
        gone, kept = (p.stdout, p.stderr) if closed == "stdout" else (p.stderr, p.stdout)
        gone.close()  # before the command has written anything: its first write to it fails
        said = kept.read().decode()
        p.wait(timeout=300)
    assert p.returncode == 0, said
    if closed == "stdout":
        assert said == ""  # no note, no traceback, no "Exception ignored"
    else:
        assert len(said.splitlines()) == 51 and said.startswith("rank,score,")  # its 50 rows; then the note failed


def test_a_table_written_to_a_file_or_pipe_keeps_every_cell_whole():
    """Piped (no terminal, no COLUMNS), rich drew tables 80 columns wide and cut each cell
    (市市 …, 鼓励 …): the analyst's `duties … > f.txt` lost the text. Now nothing is cut, in
    the named queries' tables and in compare's."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    duty = "负责做好营利性婴幼儿照护服务机构市场主体的登记、规范管理以及登记信息推送"
    out = subprocess.run([sys.executable, "-m", "extractor", "duties", "市场监管局", "--from", "corpus"],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    assert duty in out.stdout and "市市场监督管理局" in out.stdout and "…" not in out.stdout
    out = subprocess.run([sys.executable, "-m", "extractor", "compare", "祁门县", "巴彦淖尔市", "--from", "corpus"],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    assert "县消防救援大队" in out.stdout and "市消防救援支队" in out.stdout
    assert max(map(len, out.stdout.splitlines())) > 80  # drawn as wide as its cells, not cut to 80


def test_help_at_80_columns_cuts_no_word():
    """rich's help panels miscount a line holding Chinese and cut a word to fit (o…, ste…,
    default…): each command's help, at the narrowest usual terminal, keeps every word."""
    import os
    import re

    env = {**os.environ, "COLUMNS": "80"}
    commands = ["parse", "extract", "build", "export", "duties", "who", "members", "refs", "meetings",
                "departments", "sparql", "compare", "view", "push", "serve"]
    code = ("import sys\nfrom extractor.cli import app\n"
            "for c in sys.argv[1:]:\n"
            "    try:\n        app([c, '--help'])\n    except SystemExit:\n        pass\n")
    out = subprocess.run([sys.executable, "-c", code, *commands], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Usage: ") == len(commands)
    assert not re.findall(r"\w*[A-Za-z]…", out.stdout)


def test_who_says_on_stderr_which_phrases_no_statement_says():
    """`who 登记注册`, `who 防火` and `who 消防救援` printed no rows on the seeds and said
    nothing: no statement says them (注册登记 is what the county writes; 消防救援 only names
    the fire units). Now a line on stderr for each says so, and what was looked for instead
    (登记 and 注册, all required) or what the statements do say (消防); stdout stays data."""
    import csv

    res = policykg("who", "登记注册 防火 消防救援", "--from", ROOT / "corpus", "-n", "0", "--format", "csv")
    assert res.returncode == 0 and res.stderr.splitlines() == [
        city_note(), "policykg: no statement says 登记注册; looked for those saying 登记 and 注册 (matched 登记+注册)",
        "policykg: no statement says 防火", "policykg: no statement says 消防救援; try 消防"]
    rows = list(csv.DictReader(res.stdout.splitlines()))
    assert rows and {r["matched"] for r in rows} == {"登记+注册"}
    assert (rows[0]["department"], rows[0]["text"]) == ("县委编办", "为公办婴幼儿照护服务机构做好注册登记工作。")


def test_who_refuses_a_single_character():
    """`who 的` listed 50 statements matched on the function word 的 (jieba keeps it a token),
    and `who 税` finds none of 税务局's (a token of its own nowhere): one line says why."""
    for topic in ("的", "消防 税", "的，", "消防，税", "“的”"):  # (the last three matched 的 and 税 as phrases)
        res = policykg("who", topic, "--from", COUNTY, "-f", "csv")
        assert res.returncode != 0 and res.stdout == ""
        single = topic.strip("，“”")[-1]
        assert res.stderr.splitlines() == [f"policykg: error: '{single}' is a single character: who looks "
                                           "for words of two characters or more (消防, 税费, 托育 …)"]
    for topic in ("，。", " "):  # (the first answered "(no rows)", exit 0)
        res = policykg("who", topic, "--from", COUNTY, "-f", "csv")
        assert res.returncode == 1 and res.stdout == ""
        assert res.stderr.splitlines() == ["policykg: error: give a topic, e.g. 消防"]


def test_who_takes_several_words_unquoted_as_several_phrases():
    """`who 普惠 托育` stopped at "unexpected extra argument (托育)"; the README writes
    `who 区块链 消防` so: several words are several phrases, as one quoted topic would be."""
    out = policykg("who", "普惠", "托育", "--from", ROOT / "corpus", "-n", "0", "-f", "csv")
    quoted = policykg("who", "普惠 托育", "--from", ROOT / "corpus", "-n", "0", "-f", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout == quoted.stdout and out.stdout.count("\n") > 40


def test_a_table_cell_holding_a_line_break_stays_one_row():
    """荆州's meeting duty is written 指导\\n\\n督促各县市区… (a page broken inside the phrase):
    its table row broke over three lines. In a table it runs on (Chinese needs no space);
    CSV and JSON keep the text as written."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    args = [sys.executable, "-m", "extractor", "duties", "联席会议", "-j", "荆州市", "--from", "tests/data/extra"]
    table = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
    assert table.returncode == 0, table.stderr
    assert "指导督促各县市区及市直各相关部门完善配套措施" in table.stdout
    data = subprocess.run(args + ["-f", "json"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert "指导\n\n督促各县市区及市直各相关部门完善配套措施" in [r["text"] for r in json.loads(data.stdout)]


def test_meetings_says_which_notice_sets_up_no_body():
    """`meetings 十堰市 祁门县` dropped 十堰 without a word (its plan sets up no joint meeting),
    and `meetings 十堰市` printed "(no rows)": now a note on stderr says why."""
    shiyan = ROOT / "tests" / "data" / "extra" / "shiyan-city-childcare-plan.txt"
    res = policykg("meetings", "十堰市", "祁门县", "--from", shiyan, "--from", COUNTY, "-f", "csv")
    assert res.returncode == 0, res.stderr
    assert res.stderr.splitlines() == ["policykg: note: 十堰市: its notice sets up no coordination body "
                                       "(joint meeting, leading group or headquarters)"]
    assert res.stdout.splitlines()[0] == "item,key,祁政办秘〔2021〕45号"


def test_members_says_why_a_table_is_empty():
    """`members 胶州市` printed an empty table, status 0 and no word, where `meetings 胶州市`
    said its notice sets up no joint meeting: an analyst read it as a failed search."""
    shiyan = ROOT / "tests" / "data" / "extra" / "shiyan-city-childcare-plan.txt"
    res = policykg("members", "十堰市", "--from", shiyan, "--from", COUNTY, "-f", "csv")
    assert res.returncode == 0, res.stderr
    assert res.stderr.splitlines() == ["policykg: note: 十堰市: its notice sets up no coordination body "
                                       "(joint meeting, leading group or headquarters)"]
    alone = policykg("members", "--from", shiyan, "-f", "csv")
    assert alone.returncode == 0, alone.stderr
    assert alone.stderr.splitlines() == ["policykg: note: no notice in the store lists member units "
                                         "of a coordination body"]
    assert policykg("members", "祁门县", "--from", COUNTY, "-f", "csv").stderr == ""


def test_command_list_keeps_each_summary_on_one_line():
    """`policykg --help` broke build's, compare's and view's summaries where their docstrings
    break a line ("…per notice and merged," then "the comparison report…" under it, however
    wide the terminal): a summary is one line when the terminal has room for it."""
    import os

    out = subprocess.run([sys.executable, "-m", "extractor", "--help"], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "COLUMNS": "200"})
    assert out.returncode == 0, out.stderr
    lines = [line.strip("│ ") for line in out.stdout.splitlines()]
    assert any(line.startswith("build ") and line.endswith("the comparison report and the interactive views.")
               for line in lines)
    assert any(line.startswith("compare ") and line.endswith("(牵头/负责/配合 per topic).") for line in lines)


@pytest.mark.parametrize("args", [["compare", "祁门县", b"\xff\xfe"],
                                  ["build", "--no-views", "-q", "--compare", "祁门县,".encode() + b"\xff\xfe"]],
                         ids=["compare", "build --compare"])
def test_a_notice_named_in_bytes_that_are_no_utf8_is_no_notice(args, tmp_path):
    """An argument of bytes that are no UTF-8 (Python's argv holds them as lone surrogates)
    naming a notice to compare was an internal error (UnicodeEncodeError making its IRI
    segment, exit 70): it names no notice, in one line."""
    if args[0] == "build":
        args = ["build", ROOT / "corpus", "-o", tmp_path / "out", *args[1:]]
    else:
        args = [*args[:1], "--from", ROOT / "corpus", *args[1:]]
    argv = [sys.executable, "-m", "extractor", *(a if isinstance(a, bytes) else str(a).encode() for a in args)]
    run = subprocess.run(argv, capture_output=True, cwd=ROOT)
    errors = [line for line in run.stderr.decode().splitlines() if "error" in line]
    assert run.returncode == 1 and errors == [
        ("policykg: error: --compare 祁门县,\\udcff\\udcfe: " if args[0] == "build" else "policykg: error: ")
        + "no notice '\\udcff\\udcfe' in the store; known: 巴彦淖尔市 巴政办发〔2021〕20号; 祁门县 祁政办秘〔2021〕45号"
    ], run.stderr.decode()


def test_changes_says_what_an_adjustment_changed():
    """`policykg changes`: which units joined and left an adjusted body, who replaced whom in
    which post, each row traced to its words (--explain) — none for a notice setting a body up."""
    audit = ROOT / "tests" / "data" / "audit"
    wuyuan, shitai = audit / "wuyuan-rural-revitalization-group-adjustment.txt", \
        audit / "shitai-illegal-fundraising-joint-meeting-adjustment.txt"
    r = policykg("changes", "--from", wuyuan, "--from", shitai, "--from", COUNTY, "-f", "json", "--explain")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    got = [(x["notice"], x["kind"], x["department"] or x["post"], x["outgoing"], x["incoming"]) for x in rows]
    assert got[:7] == [("婺府办字〔2024〕15号", "succession", "领导小组组长", "汪建华", "程立新"),
                       ("婺府办字〔2024〕15号", "succession", "领导小组副组长", "俞志明", "江海峰"),
                       ("婺府办字〔2024〕15号", "succession", "县农业农村局", None, "詹红卫"),
                       ("婺府办字〔2024〕15号", "succession", "领导小组成员", "王德胜", "詹红卫"),
                       ("婺府办字〔2024〕15号", "joined", "县数据局", None, None),
                       ("婺府办字〔2024〕15号", "joined", "县乡村振兴服务中心", None, None),
                       ("婺府办字〔2024〕15号", "left", "县扶贫开发领导小组办公室", None, None)]
    assert got[7] == ("石政办秘〔2024〕27号", "succession", "联席会议召集人", "章志远", "潘国栋")
    assert len(rows) == 15 and rows[8]["source"] == "方晓军同志不再担任联席会议副召集人，由县政府办公室副主任汪启明同志接任"
    # (调整后，联席会议由…等7个单位组成: the count it comes to, the last row)
    assert (rows[-1]["kind"], rows[-1]["post"], rows[-1]["clause"]) == ("recounted", "? → 7", "main/5")
    assert rows[8]["reason"] == "工作变动" and rows[8]["clause"] == "main/2"
    # a unit's own post changing hands: the unit, the post as written
    assert (rows[2]["department"], rows[2]["post"], rows[9]["post"]) == ("县农业农村局", "县农业农村局局长", "县市场监管局局长")
    none = policykg("changes", "--from", COUNTY, COUNTY.stem)
    assert none.returncode == 0 and "changes no coordination body" in none.stderr
