"""What policykg does with bad and hostile input: every case ends in a correct partial parse
or one clear error line and a non-zero exit — never a traceback, never a partial output file,
never a body character silently dropped (the coverage invariant is checked on every parse)."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import COUNTY
from extractor.parse import coverage_errors
from extractor.pipeline import process_bytes
from makeinputs import to_docx, to_html

SEED = COUNTY.read_text(encoding="utf-8")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "not a notice")
    return buf.getvalue()


def _numbering_jumps() -> str:
    return ("某县人民政府办公室关于印发某制度的通知\n\n各乡镇人民政府：\n"
            "一、总则\n内容。\n三、跳到三\n内容。\n三、重复的三\n（二）先二\n（一）再一\n七、跳到七\n")


# name, file name, bytes, expected: None (a parse) or a fragment of the one error line
CASES = [
    ("empty", "empty.txt", b"", "empty file"),
    ("whitespace", "blank.txt", " \n\u3000\n\t\n".encode(), "no text"),
    ("png", "image.txt", PNG, "PNG image"),
    ("zip", "archive.docx", _zip(), "zip"),
    ("pdf", "notice.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    ("old-word", "notice.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old binary Word"),
    ("undecodable", "bytes.txt", bytes([0x80, 0xff, 0xfe, 0x81]) * 500, "undecodable"),
    ("nul-bytes", "nul.txt", b"abc\x00def" * 100, "binary"),
    # junk read as a notice (was: `(no rows)`, exit 0; a build listed "404 Not Foundnginx" as a notice)
    ("404-page", "404.html", b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>"
                             b"<hr><center>nginx</center></body></html>", "not a notice (no Chinese text)"),
    ("text-named-docx-no-notice", "fake.docx", b"this is not a zip\n", "not a notice (no Chinese text)"),
    ("english-paragraphs", "notes.txt", b"Notes\n\nThese files were saved from the site.\n\nSee below.\n",
     "not a notice (no Chinese text)"),
    ("chinese-error-page", "error.html", "<html><body><h1>抱歉，您访问的页面不存在</h1></body></html>".encode(),
     "not a notice (no numbered clauses, header or sentence)"),
    ("html-named-txt", "page.txt", to_html(SEED), None),
    ("docx-named-txt", "word.txt", to_docx(SEED), None),
    ("text-named-docx", "plain.docx", SEED.encode("utf-8"), None),
    ("text-named-html", "plain.html", SEED.encode("utf-8"), None),
    ("gbk", "gbk.txt", SEED.encode("gb18030"), None),
    ("crlf-bom", "crlf.txt", b"\xef\xbb\xbf" + SEED.replace("\n", "\r\n").encode("utf-8"), None),
    ("truncated-mid-clause", "cut.txt", SEED[: len(SEED) * 6 // 10].encode("utf-8"), None),
    ("truncated-mid-character", "cutbyte.txt", SEED.encode("utf-8")[:4001], None),
    ("utf-16-odd-byte-count", "u16.txt", SEED.encode("utf-16") + b"A", None),
    ("utf-16-page-odd-byte-count", "u16.html", to_html(SEED).decode("utf-8").encode("utf-16") + b"A", None),
    ("numbering-jumps-and-repeats", "jumps.txt", _numbering_jumps().encode(), None),
    ("unbalanced-brackets", "brackets.txt",
     SEED.replace("祁政办秘〔2021〕45号", "祁政办秘〔2021 45号").replace("（十二）", "（十二").encode(), None),
    ("trailing-list-comma", "comma.txt", SEED.replace("县消防救援大队等21个单位", "县消防救援大队、等21个单位").encode(), None),
    ("script-in-title", "script.txt",
     SEED.replace("联席会议制度的通知", "联席会议制度的通知<script>alert(1)</script>", 1).encode(), None),
]


def run_cli(args, capsys, monkeypatch):
    from extractor import cli

    monkeypatch.setattr(sys, "argv", ["policykg", *map(str, args)])
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = exc.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name,filename,data,error", CASES, ids=[c[0] for c in CASES])
def test_parse_bad_input(name, filename, data, error, tmp_path, capsys, monkeypatch):
    path = tmp_path / filename
    path.write_bytes(data)
    code, out, err = run_cli(["extract", path, "--format", "json"], capsys, monkeypatch)
    assert "Traceback" not in err
    if error is None:
        assert code == 0, err
        doc = process_bytes(data, filename)
        assert coverage_errors(doc) == []
        assert doc.clauses
    else:
        assert code == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and error in err, err


BUILD_CASES = [c for c in CASES if c[3]]


@pytest.mark.parametrize("name,filename,data,error", BUILD_CASES, ids=[c[0] for c in BUILD_CASES])
def test_build_lists_bad_files_and_builds_the_rest(name, filename, data, error, tmp_path, capsys, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / filename).write_bytes(data)
    (src / "good.txt").write_text(SEED, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli(["build", src, "-o", out, "--quiet"], capsys, monkeypatch)
    assert code == 1 and "Traceback" not in err
    assert [line for line in err.splitlines() if filename in line] and error in err
    assert [line.count(filename) for line in err.splitlines() if filename in line] == [1]  # was: path: path: …
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and "store" not in p.parts}
    assert "notices/good.ttl" in files and f"notices/{Path(filename).stem}.ttl" not in files
    assert not [f for f in files if f.endswith(".tmp") or "/." in f or f.startswith(".")]


def test_specific_partial_parses():
    jumps = process_bytes(_numbering_jumps().encode(), "jumps.txt", facts=False)
    assert [c.id for c in jumps.clause("main").children] == ["main/1", "main/3", "main/3~2", "main/7"]
    cut = process_bytes(SEED[: len(SEED) * 6 // 10].encode(), "cut.txt")
    assert 0 < len(cut.clause("main/4").children) < 21 and cut.facts.duties
    comma = process_bytes(SEED.replace("县消防救援大队等21个单位", "县消防救援大队、等21个单位").encode(), "c.txt")
    assert len(comma.facts.meeting.members) == 21
    script = process_bytes(SEED.replace("联席会议制度的通知", "联席会议制度的通知<script>x</script>", 1).encode(), "s.txt")
    assert script.title.endswith("<script>x</script>")  # data kept as written; views escape it


@pytest.mark.parametrize("args,error", [
    (["parse", "does/not/exist.txt"], "no such file"),
    (["parse", "."], "is a directory"),
    (["build", "does/not/exist"], "no such file or directory"),
])
def test_paths(args, error, capsys, monkeypatch):
    code, out, err = run_cli(args, capsys, monkeypatch)
    assert code == 1 and len(err.strip().splitlines()) == 1 and error in err


def _unprivileged(locked: Path, *args) -> subprocess.CompletedProcess:
    """`policykg ARGS` with `locked` chmod 000, run so that the folder really is unreadable."""
    import os
    import shutil

    prefix = []
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that let it
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot make a folder unreadable")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    locked.chmod(0)
    try:
        return subprocess.run([*prefix, sys.executable, "-m", "extractor", *map(str, args)],
                              capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    finally:
        locked.chmod(0o755)


def test_file_in_an_unreadable_folder(tmp_path):
    """`parse locked/f.txt` where locked is chmod 000 (was: PermissionError from p.exists())."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "f.txt").write_text(SEED, encoding="utf-8")
    res = _unprivileged(locked, "parse", locked / "f.txt")
    assert res.returncode == 1 and res.stdout == "", res.stderr
    assert res.stderr.splitlines() == [f"policykg: error: {locked / 'f.txt'}: cannot read (Permission denied)"]


def test_output_dir_not_writable(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = run_cli(["build", COUNTY, "-o", blocker / "out", "--quiet"], capsys, monkeypatch)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "not writable" in err


@pytest.mark.parametrize("shape", ["many-lines", "one-line"])
def test_ten_megabytes_in_bounded_time_and_memory(shape, tmp_path):
    """10 MB of text (a notice repeated, or one 10 MB line): parsed, nothing dropped.

    Time and memory are measured in tests/bench, not asserted here; this proves it ends and
    keeps the invariant."""
    unit = SEED if shape == "many-lines" else "联席会议成员单位包含县卫生健康委、县委编办，"
    text = (unit * (10_000_000 // len(unit.encode()) + 1)) if shape == "many-lines" else \
        unit * (10_000_000 // len(unit.encode()) + 1)
    data = text.encode("utf-8")[:10_000_000]
    doc = process_bytes(data, "big.txt")
    assert len(doc.text) > 3_000_000
    assert coverage_errors(doc) == []


@pytest.mark.parametrize("name, breakage", [("places.ttl", "missing"), ("places.ttl", "not turtle"),
                                             ("places.ttl", "no level"), ("layout.ttl", "missing"),
                                             ("cues.ttl", "not turtle"), ("departments.ttl", "missing")])
def test_a_broken_ontology_file_is_one_error_line(tmp_path, name, breakage):
    """An ontology file gone or not Turtle (an installation damaged), or the province
    registry without a province's level: extracting a notice that writes a bare 自治区 says
    which file in one line and exits 1."""
    import os
    import shutil

    from conftest import EXTRA
    from extractor.knowledge import ontology_dir

    onto = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), onto)
    broken = onto / name
    if breakage == "missing":
        broken.unlink()
    elif breakage == "not turtle":
        broken.write_text("garbage <<", encoding="utf-8")
    else:
        broken.write_text(broken.read_text(encoding="utf-8").replace("pk:jurisdictionLevel pkl:region ;", ";"),
                          encoding="utf-8")
    naiman = next(p for p in EXTRA if p.name.startswith("naiman"))
    run = subprocess.run([sys.executable, "-m", "extractor", "extract", str(naiman)], capture_output=True, text=True,
                         env={**os.environ, "POLICYKG_ONTOLOGY": str(onto)})
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [run.stderr.strip()]
    said = {"missing": f"{broken}: cannot read the ontology file", "not turtle": f"{broken}: not valid Turtle",
            "no level": "places.ttl: cannot read the province registry"}[breakage]
    assert run.stderr.startswith(f"policykg: error: {said}")


def test_a_set_up_repeated_on_one_line_links_each_rule_to_one_set_up():
    """The State Council page's text repeated on one line (its line breaks lost): each
    rule's chair names the posts of the first sentence naming them, not every convenor post
    of every repetition (5 MB of it wrote an 838 MB answer and took 4 GB). The page's share
    prompt left out: a line cut there, like the page's own last line, ends the notice (what
    follows is the page's furniture), and the repetitions would not be read."""
    from conftest import EXTRA

    page = next(p for p in EXTRA if p.name.startswith("state-council")).read_text(encoding="utf-8")
    one = process_bytes(page.encode("utf-8"), "page.txt")
    most = max(len(p.posts) for r in one.facts.meeting.rules for p in r.participants)
    assert most >= 3  # 召集人或召集人委托副召集人: the convenor and the deputies
    line = " ".join(ln for ln in page.split("\n") if "扫一扫" not in ln)
    doc = process_bytes((line + " ").encode("utf-8") * 40, "repeated.txt")
    parts = [p for r in doc.facts.meeting.rules for p in r.participants]
    assert len(parts) >= 40 and max(len(p.posts) for p in parts) <= most
    assert coverage_errors(doc) == []


def test_an_internal_error_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    """A bug met on odd input (an audit's notice once gave "ValueError: bad span") printed a
    traceback from `extract`; it is one line saying so and exit status 70, the traceback only
    with POLICYKG_DEBUG=1."""
    import extractor.pipeline as pipeline

    def broken(*args, **kwargs):
        raise ValueError("bad span [3195, 901)")

    monkeypatch.setattr(pipeline, "process", broken)
    path = tmp_path / "notice.txt"
    path.write_text(SEED, encoding="utf-8")
    monkeypatch.delenv("POLICYKG_DEBUG", raising=False)
    code, out, err = run_cli(["extract", path, "--format", "json"], capsys, monkeypatch)
    assert code == 70 and out == "" and "Traceback" not in err
    assert err.strip().splitlines() == ["policykg: internal error (ValueError: bad span [3195, 901)); please report "
                                        "it with the input (POLICYKG_DEBUG=1 shows the traceback)"]
    monkeypatch.setenv("POLICYKG_DEBUG", "1")
    with pytest.raises(ValueError, match="bad span"):
        run_cli(["extract", path, "--format", "json"], capsys, monkeypatch)


def test_a_pdf_gets_one_message_whether_named_or_found_in_a_folder(tmp_path):
    """`parse x.pdf` said "a PDF file, not a notice (.txt, .html or .docx)", `build` and
    `--from` of its folder "PDF file: not read (save the text as .txt)": now one line from
    one table (load.NOT_READ), whichever way the file came in."""
    folder = tmp_path / "m"
    folder.mkdir()
    pdf = folder / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "q.txt").write_text(SEED, encoding="utf-8")
    line = f"policykg: error: {pdf}: a PDF file, not read (save its text as .txt)"
    for args in (["parse", pdf], ["build", folder, "-o", tmp_path / "out", "-q"], ["members", "--from", folder]):
        run = subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], capture_output=True, text=True,
                             cwd=Path(__file__).parent.parent)
        assert run.returncode == 1 and run.stderr.splitlines() == [line], (args, run.stderr)
