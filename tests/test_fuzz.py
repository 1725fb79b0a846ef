"""Mutated real notices through every stage: load → parse → extract → graph → export, and the
files re-read by independent parsers. Derandomised (a fixed seed per case), so a failure is
the same failure on every run; a longer run of the same mutations with other seeds found the
bugs the regression tests of test_load, test_graph and test_query name ("found by fuzzing").

Each case must end in one of the two ways README's "What policykg does with bad input" allows:
a `PolicykgError` of one line, or a parse where every non-blank character lies in one place
(`coverage_errors`), every span of the facts lies in the text and quotes it, and every export
loads again (Turtle, N-Triples, N-Quads, JSON-LD in rdflib and pyoxigraph; GraphML in networkx)."""
from __future__ import annotations

import io
import json
import random
import re
import zipfile
from html import escape
from pathlib import Path

import pytest

from conftest import CORPUS, EXTRA, ROOT
from extractor.errors import PolicykgError
from extractor.load import load
from extractor.parse import coverage_errors
from extractor.pipeline import process_bytes
from extractor.serialize import extracted_dict, parsed_dict
from makeinputs import to_docx

SEEDS = sorted([*CORPUS.glob("*.txt"), *EXTRA, *(ROOT / "tests" / "data" / "audit").glob("*.txt"),
                *(ROOT / "tests" / "data" / "audit").glob("*.html")])
_TEXTS: dict[Path, str] = {}

# what the mutations put in: brackets of every width, digits of both widths, control and
# format characters, line and paragraph separators, a BOM, markup, numbering and labels
ODD = ["〔", "〕", "[", "]", "【", "】", "(", ")", "（", "）", "１", "２", "０", "9", "\x01", "\x1c", "\x1f", "\x7f",
       "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u00ad", "\f", "\v", "\r", "\t", "\u3000", "\ufffd", "\U0001F600",
       "\u202e", "、", "。", "：", "；", "一、", "（一）", "1.", "（1）", "①", "〃", "—", "“", "”", "<", ">", "&",
       "附件", "抄送", "主送：", "索引号：", "发文字号：", "负责", "牵头", "配合", "县", "市", "局", "委", "号"]
MARKUP = ["&#xD800;", "&#55296;", "&#0;", "&#x110000;", "&#99999999999;", "&#x1F;", "&#x2028;", "&nbsp;", "&bogus;",
          "<br>", "</p><p>", "<td>", "</tr><tr>", "<table>", "</table>", "<script>alert(1)</script>", "<!--x-->",
          "<!--", "<iframe src=x></iframe>", "<style>p{}</style>", "<ruby>汉<rt>han</rt></ruby>", "<p hidden>藏</p>",
          "<td rowspan=99999999>", "<td colspan=0>", "<td colspan=-3>", "<th colspan=1000000>", "<![CDATA[x]]>"]


def _text(path: Path) -> str:
    if path not in _TEXTS:
        _TEXTS[path] = load(path).text
    return _TEXTS[path]


def _noise(text: str, rng: random.Random, pool: list[str], k: int) -> str:
    chars = list(text)
    for _ in range(k):
        i = rng.randint(0, len(chars))
        op = rng.randrange(3)
        if op == 0:
            chars.insert(i, rng.choice(pool))
        elif chars:
            if op == 1:
                del chars[min(i, len(chars) - 1)]
            else:
                chars[min(i, len(chars) - 1)] = rng.choice(pool)
    return "".join(chars)


def _lines(text: str, rng: random.Random) -> str:
    """Lines cut, repeated, swapped, truncated, joined, or given deep numbering; the text
    joined again by LF, CRLF, CR or U+2028."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        op = rng.randrange(6)
        if op == 0 and len(lines) > 1:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines[i] = lines[i][:rng.randint(0, len(lines[i]))]
        elif op == 4:
            lines[i:i + 3] = ["".join(lines[i:i + 3])]
        else:
            lines.insert(i, "".join(rng.choice(["一、", "（一）", "1.", "（1）", "①", "1.1"]) for _ in range(30)) + "内容。")
    return rng.choice(["\n", "\r\n", "\r", "\u2028"]).join(lines)


def mutated(case: int) -> tuple[bytes, str]:
    """Case `case`'s bytes and file name: one seed notice, mutated one of eight ways."""
    rng = random.Random(case)
    path = rng.choice(SEEDS)
    text = _text(path)
    kind = case % 8
    if kind == 0:
        return _lines(text, rng).encode("utf-8"), "m.txt"
    if kind == 1:
        return _noise(text, rng, ODD, rng.choice([20, 200])).encode("utf-8"), "m.txt"
    if kind == 2:  # a few lines of it, noised: the smallest inputs
        lines = [ln for ln in text.split("\n") if ln.strip()]
        at = rng.randrange(len(lines))
        return _noise("\n".join(lines[at:at + rng.randint(1, 3)]), rng, ODD, 3).encode("utf-8"), "m.txt"
    if kind == 3:  # on one line
        return rng.choice([" ", "", "\u3000"]).join(_lines(text, rng).split("\n")).encode("utf-8"), "m.txt"
    if kind == 4:  # GB18030, cut anywhere (mid-character too)
        data = _noise(text, rng, ODD, 10).encode("gb18030")
        return data[:rng.randint(len(data) // 2, len(data))], "m.txt"
    if kind == 5:  # UTF-8 with a BOM, or UTF-16, cut anywhere
        data = rng.choice([b"\xef\xbb\xbf" + _lines(text, rng).encode("utf-8"), _lines(text, rng).encode("utf-16")])
        return data[:rng.randint(len(data) * 3 // 4, len(data))], "m.txt"
    if kind == 6:  # a page: its markup noised (entities of surrogates, scripts, iframes, comments, spans)
        page = "".join(f"<p>{escape(ln)}</p>" for ln in text.split("\n"))
        page = f"<html><head><meta charset='utf-8'><title>t</title></head><body><iframe src=a></iframe>{page}</body></html>"
        return _noise(page, rng, MARKUP + ODD, rng.choice([10, 60])).encode("utf-8"), "m.html"
    # a .docx, its zip bytes damaged or cut
    data = bytearray(to_docx(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x85]", "", text)))
    if rng.random() < .5:
        at = rng.randrange(len(data))
        data[at:at + rng.randint(1, 40)] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
    return bytes(data[:rng.randint(len(data) * 9 // 10, len(data))]), "m.docx"


def _spans(obj, text: str, path: str = "$") -> list[str]:
    """The spans of `extracted_dict` outside the text, or whose `text` is not their slice."""
    bad = []
    if isinstance(obj, dict):
        start, end = obj.get("start"), obj.get("end")
        if isinstance(start, int) and isinstance(end, int):
            if not 0 <= start <= end <= len(text):
                bad.append(f"{path}: [{start}, {end}) outside the text")
            elif isinstance(obj.get("text"), str) and not path.endswith("notes") and text[start:end] != obj["text"]:
                bad.append(f"{path}: {obj['text'][:20]!r} is not its span's {text[start:end][:20]!r}")
        for key, value in obj.items():
            bad += _spans(value, text, f"{path}.{key}")
    elif isinstance(obj, list):
        for value in obj:
            bad += _spans(value, text, path)
    return bad


def _read_back(path: Path, fmt: str) -> None:
    import networkx
    import pyoxigraph as ox
    import rdflib

    if fmt == "graphml":
        networkx.read_graphml(path)
        return
    rdflib.Dataset().parse(path, format={"ttl": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}[fmt])
    formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
               "jsonld": ox.RdfFormat.JSON_LD}
    assert list(ox.parse(path=str(path), format=formats[fmt]))


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's, reading N-Quads and JSON-LD

CASES = range(48)
EXPORTED = {c for c in CASES if c % 5 == 1}  # exported and read back (the slow part): each kind once or twice


@pytest.mark.parametrize("case", CASES)
def test_a_mutated_notice_is_an_error_line_or_a_whole_reading(case, tmp_path):
    data, name = mutated(case)
    try:
        doc = process_bytes(data, name)
    except PolicykgError as exc:  # any other exception is a bug
        assert str(exc).strip() and "\n" not in str(exc).strip()
        return
    assert coverage_errors(doc) == []
    facts = extracted_dict(doc)
    json.dumps(facts, ensure_ascii=False)
    json.dumps(parsed_dict(doc), ensure_ascii=False)
    assert _spans(facts, doc.text) == []
    if case not in EXPORTED:
        return
    from extractor.export import export
    from extractor.graph import notice_graph
    from extractor.report import write_notice_page

    statements = notice_graph(doc)
    write_notice_page(statements.sorted_ntriples(), tmp_path / "page.html", graph=statements.graph)
    for fmt in ("ttl", "nt", "nq", "jsonld", "graphml", "csv"):
        path = export(statements.quads(), tmp_path / f"all.{fmt}", fmt)
        if fmt != "csv":
            _read_back(path, fmt)


def test_the_mutations_reach_the_readings_they_aim_at():
    """The cases are not all refused at the door: most are read, and of each kind."""
    read = {}
    for case in CASES:
        data, name = mutated(case)
        try:
            process_bytes(data, name, facts=False)
            read[case % 8] = read.get(case % 8, 0) + 1
        except PolicykgError:
            pass
    assert sum(read.values()) >= len(CASES) * 2 // 3 and set(read) >= set(range(7)), read


def test_a_docx_zip_damaged_anywhere_is_an_error_line_or_a_reading():
    """A .docx with each of 60 places of its zip damaged in turn (a header's field, a
    name, compressed data, the central directory): a reading or one error line."""
    data = to_docx(_text(CORPUS / "qimen-county-2021.txt"))
    rng = random.Random(2028)
    for at in sorted(rng.sample(range(len(data)), 60)):
        broken = bytearray(data)
        broken[at] ^= 1 << rng.randrange(8)
        try:
            process_bytes(bytes(broken), "m.docx", facts=False)
        except PolicykgError as exc:
            assert "\n" not in str(exc).strip(), at
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
