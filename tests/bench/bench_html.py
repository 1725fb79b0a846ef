"""Benchmark: which HTML extractor keeps a notice whole? Prints figures, asserts nothing.

    .venv/bin/python tests/bench/bench_html.py [REPEAT]

Every notice (corpus/ seeds and tests/data/extra/) is wrapped as a government page in
two shapes: `p` — tests/makeinputs.to_html with furniture (nav, breadcrumb, metadata
<table>, <p> paragraphs with &nbsp;/full-width indentation, member <table>, footer,
scripts, hidden decoys); `br` — the older CMS shape, the whole body in one layout-table
cell with <br> between paragraphs and the member table nested inside it.
Each extractor's text is compared with the .txt the page was made from:

- numbered: numbered lines (一、 （一） 1. (1) …) found intact as a line of their own;
- lines:    non-blank lines found intact (a merged or split paragraph counts as lost);
- cells:    member-table cells found as tab-led lines (the parser's table convention);
- lost:     body characters (non-space) missing from the output, summed over the pages;
- decoys:   text from scripts, comments, hidden blocks, nav leaked into the output;
- ms/page:  mean time per page; and the time for one 10 MB page.
The .docx reader's time per file (same notices, makeinputs.to_docx) is printed too.
"""
from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from extractor import readers  # noqa: E402
from makeinputs import DECOYS, _esc, blocks, nonblank, to_docx, to_html  # noqa: E402

NOTICES = [ROOT / "corpus" / "qimen-county-2021.txt", ROOT / "corpus" / "bayannur-city-2021.txt",
           *sorted((ROOT / "tests" / "data" / "extra").glob("*.txt"))]
NUMBERED = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[①-⑳])")


def br_page(text: str) -> bytes:
    """The old CMS shape: body lines joined by <br> in one cell of a layout table."""
    parts = []
    for kind, value in blocks(text):
        if kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in value)
            parts.append(f"<table border=1>{rows}</table>")
        elif kind == "blank":
            parts.append("<br>")
        else:
            line = value if kind == "p" else " ".join(value)
            parts.append("&nbsp;&nbsp;" + _esc(line) + "<br>\n")
    page = to_html("占位", furniture=True).decode("utf-8")
    body = ('<table width="980"><tr><td width="200" valign="top"><ul><li>政务公开</li><li>政策文件</li></ul></td>'
            f'<td valign="top" class="content">{"".join(parts)}</td></tr></table>')
    return page.replace('<p style="text-indent:2em;line-height:1.8">&nbsp;&nbsp;&nbsp;&nbsp;占位</p>', body).encode()


# --- the extractors -----------------------------------------------------------------------


def lxml_walker(page: bytes) -> str:
    return readers.read_html(page)[0]


def trafilatura_default(page: bytes) -> str:
    import trafilatura

    return trafilatura.extract(page.decode("utf-8"), include_tables=True, include_comments=False) or ""


def trafilatura_recall(page: bytes) -> str:
    import trafilatura

    return trafilatura.extract(page.decode("utf-8"), include_tables=True, include_comments=False,
                               favor_recall=True, deduplicate=False) or ""


def bs4_get_text(page: bytes) -> str:
    """The usual one-liner: drop scripts and styles, get_text with newlines."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "lxml")
    for el in soup(["script", "style", "noscript", "nav", "template", "head"]):
        el.decompose()
    return soup.get_text("\n")


def bs4_walker(page: bytes) -> str:
    """The reader's block walk written on BeautifulSoup (lxml builder): same rules, bs4 objects."""
    from bs4 import BeautifulSoup, Comment, Doctype, NavigableString

    soup = BeautifulSoup(page, "lxml")
    lines: list[str] = []
    buf: list[str] = []

    def flush():
        if buf:
            line = readers.clean_line("".join(buf))
            buf.clear()
            if line:
                lines.append(line)

    def is_data(table) -> bool:
        cells = [tr.find_all(["td", "th"], recursive=False) for tr in table.find_all("tr")]
        if table.find("table") is not None or max(map(len, cells), default=0) <= 1:
            return False
        return not any(len(td.find_all(["br", *readers._BLOCK])) >= 2
                       and len(td.get_text()) > readers._CELL_FLOW_CHARS for row in cells for td in row)

    def walk(node):
        for child in node.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, NavigableString):
                buf.append(str(child))
                continue
            name = child.name
            style = child.get("style") or ""
            if name in readers._DROP or child.has_attr("hidden") or readers._HIDDEN_STYLE.search(style):
                continue
            if name == "table" and is_data(child):
                flush()
                rows = [[readers.clean_line(td.get_text(" ")) for td in tr.find_all(["td", "th"], recursive=False)]
                        for tr in child.find_all("tr")]
                lines.extend(readers.render_table(rows))
                continue
            if name == "br" or name in readers._BLOCK:
                flush()
            walk(child)
            if name in readers._BLOCK:
                flush()

    sys.setrecursionlimit(10000)
    walk(soup)
    flush()
    return "\n".join(lines)


EXTRACTORS = [("lxml block walker (reader)", lxml_walker), ("bs4 block walker", bs4_walker),
              ("bs4 get_text", bs4_get_text), ("trafilatura", trafilatura_default),
              ("trafilatura favor_recall", trafilatura_recall)]


# --- scoring -------------------------------------------------------------------------------


def score(text: str, out: str) -> dict[str, int]:
    want = nonblank(text)
    got = Counter(nonblank(out))
    body = [ln for ln in want if not ln.startswith("\t")]
    cells = [ln.strip() for ln in text.splitlines() if ln.startswith("\t") and ln.strip()]
    have_cells = Counter(ln.strip() for ln in out.splitlines() if ln.startswith("\t"))
    numbered = [ln for ln in body if NUMBERED.match(ln)]
    kept = got.copy()
    lost_chars = Counter(re.sub(r"\s", "", text)) - Counter(re.sub(r"\s", "", out))
    return {"numbered": sum(1 for ln in numbered if kept[ln] > 0),
            "numbered_total": len(numbered),
            "lines": sum((Counter(body) & got).values()),
            "lines_total": len(body),
            "cells": sum((Counter(cells) & have_cells).values()),
            "cells_total": len(cells),
            "lost": sum(lost_chars.values()),
            "chars_total": len(re.sub(r"\s", "", text)),
            "decoys": sum(out.count(d) for d in DECOYS)}


def main(repeat: int = 3) -> None:
    texts = [p.read_text(encoding="utf-8") for p in NOTICES]
    shapes = {"p": [to_html(t, furniture=True) for t in texts], "br": [br_page(t) for t in texts]}
    print(f"{len(texts)} notices, {sum(len(t) for t in texts)} characters; page shapes: p, br\n")
    head = f"{'extractor':28} {'shape':5} {'numbered':>11} {'lines':>11} {'cells':>9} {'lost':>11} {'decoys':>6} {'ms/page':>8}"
    print(head)
    print("-" * len(head))
    for name, fn in EXTRACTORS:
        for shape, pages in shapes.items():
            total: Counter = Counter()
            t0 = time.perf_counter()
            for _ in range(repeat):
                outs = [fn(page) for page in pages]
            ms = (time.perf_counter() - t0) / repeat / len(pages) * 1000
            for text, out in zip(texts, outs):
                total.update(score(text, out))
            print(f"{name:28} {shape:5} {total['numbered']:>5}/{total['numbered_total']:<5} "
                  f"{total['lines']:>5}/{total['lines_total']:<5} {total['cells']:>4}/{total['cells_total']:<4} "
                  f"{total['lost']:>5}/{total['chars_total']:<5} {total['decoys']:>6} {ms:>8.1f}")
    docs = [to_docx(t) for t in texts]
    t0 = time.perf_counter()
    for _ in range(repeat):
        outs = [readers.read_docx(d)[0] for d in docs]
    ms = (time.perf_counter() - t0) / repeat / len(docs) * 1000
    scores = [score(t, o) for t, o in zip(texts, outs)]
    print(f"\n.docx reader (same notices via makeinputs.to_docx): {ms:.1f} ms/file, lines kept "
          f"{sum(s['lines'] for s in scores)}/{sum(s['lines_total'] for s in scores)}, "
          f"cells {sum(s['cells'] for s in scores)}/{sum(s['cells_total'] for s in scores)}")
    big_text = texts[1] * (10_000_000 // len(texts[1].encode("utf-8")) + 1)
    big = to_html(big_text, furniture=True)
    print(f"\none {len(big) / 1e6:.1f} MB page ({len(big_text) / 1e6:.1f} M characters):")
    for name, fn in EXTRACTORS:
        if name == "bs4 get_text":
            continue
        t0 = time.perf_counter()
        out = fn(big)
        dt = time.perf_counter() - t0
        s = score(big_text, out)
        print(f"  {name:28} {dt:6.2f} s   lines kept {s['lines']}/{s['lines_total']}  chars lost {s['lost']}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
