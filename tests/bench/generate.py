"""Make a large, realistic corpus of notices from the real ones, for the scale benchmarks.

    .venv/bin/python tests/bench/generate.py OUT_DIR -n 1000 --seed 1

In: the real notices (corpus/*.txt and tests/data/extra/*.txt, or `--template` files).
Out: OUT_DIR/notice-00001.txt … — each a variant of one real notice (templates drawn
uniformly), deterministic for a seed:

- another real jurisdiction of the same level (a county notice becomes another county's,
  so its departments stay 县X局; a banner's stay 旗X局), full and short name replaced;
- a new 文号 (unique in the corpus: the notice's serial number) with the new place's
  first character (祁政办秘〔2021〕45号 → 黟政办秘〔2020〕17号);
- every date moved by the same random shift (the 文号 year follows);
- sibling clauses below the top level (the 职责分工 items, the meeting rules, the tasks
  1. 2. …) reordered and renumbered, member-table rows reordered and renumbered;
- the inner items of 、-separated lists shuffled (member lists, task tags);
- some files GBK-encoded (GB18030 where GBK lacks a character), some CRLF.

Notices without a 文号 are told apart by their text: every generated text is distinct
(a duplicate is drawn again), so every notice gets its own named graph.

The clause tree comes from the real parser (`extractor.parse`): siblings are moved with
their whole `[start, end)` span, so continuation paragraphs travel with their item.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Real jurisdictions by level (name, as written in notices). A template of level L gets a
# name of level L, so the department prefixes in its text (县/市/旗) stay right.
JURISDICTIONS: dict[str, tuple[str, ...]] = {
    "county": (
        "祁门县", "黟县", "歙县", "休宁县", "绩溪县", "泾县", "旌德县", "太湖县", "宿松县", "望江县",
        "岳西县", "怀宁县", "枞阳县", "南陵县", "郎溪县", "东至县", "石台县", "青阳县", "霍邱县",
        "舒城县", "金寨县", "霍山县", "凤台县", "寿县", "长丰县", "肥东县", "肥西县", "庐江县",
        "定远县", "凤阳县", "来安县", "全椒县", "五河县", "固镇县", "怀远县", "灵璧县", "泗县",
        "萧县", "砀山县", "利辛县", "蒙城县", "涡阳县", "临泉县", "太和县", "阜南县", "颍上县",
        "安吉县", "德清县", "长兴县", "桐庐县", "淳安县", "开化县", "常山县", "龙游县", "浦江县",
        "武义县", "磐安县", "天台县", "仙居县", "三门县", "缙云县", "遂昌县", "松阳县", "云和县",
        "庆元县", "景宁畲族自治县", "开鲁县", "库伦县", "林西县", "宁城县", "五原县", "磴口县",
    ),
    "city": (
        "巴彦淖尔市", "胶州市", "荆州市", "十堰市", "赤峰市", "通辽市", "鄂尔多斯市", "包头市",
        "呼伦贝尔市", "乌兰察布市", "乌海市", "呼和浩特市", "宜昌市", "襄阳市", "黄石市", "孝感市",
        "黄冈市", "咸宁市", "随州市", "鄂州市", "荆门市", "平度市", "莱西市", "诸城市", "青州市",
        "寿光市", "安庆市", "黄山市", "池州市", "宣城市", "六安市", "滁州市", "蚌埠市", "淮南市",
        "宿州市", "亳州市", "阜阳市", "铜陵市", "芜湖市", "马鞍山市", "淮北市", "丹江口市",
        "枝江市", "当阳市", "宜都市", "松滋市", "洪湖市", "石首市", "监利市", "满洲里市",
        "牙克石市", "扎兰屯市", "额尔古纳市", "根河市", "霍林郭勒市", "锡林浩特市", "二连浩特市",
    ),
    "banner": (
        "奈曼旗", "库伦旗", "扎鲁特旗", "阿鲁科尔沁旗", "巴林左旗", "巴林右旗", "克什克腾旗",
        "翁牛特旗", "喀喇沁旗", "敖汉旗", "达拉特旗", "准格尔旗", "鄂托克前旗", "鄂托克旗",
        "杭锦旗", "乌审旗", "伊金霍洛旗", "土默特右旗", "土默特左旗", "四子王旗", "乌拉特前旗",
        "乌拉特中旗", "乌拉特后旗", "杭锦后旗", "阿拉善左旗", "阿拉善右旗", "额济纳旗",
        "科尔沁右翼前旗", "科尔沁右翼中旗", "科尔沁左翼中旗", "科尔沁左翼后旗", "扎赉特旗",
        "东乌珠穆沁旗", "西乌珠穆沁旗", "阿巴嘎旗", "苏尼特左旗", "苏尼特右旗", "太仆寺旗",
        "镶黄旗", "正镶白旗", "正蓝旗", "陈巴尔虎旗", "新巴尔虎左旗", "新巴尔虎右旗",
        "察哈尔右翼前旗", "察哈尔右翼中旗", "察哈尔右翼后旗", "鄂伦春自治旗",
    ),
    "league": ("兴安盟", "锡林郭勒盟", "阿拉善盟"),
}
SUFFIX = {"county": "县", "city": "市", "banner": "旗", "league": "盟"}

CN_DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PLACEHOLDER = "\ue000"  # same-length mask of the 文号 while clauses move around

_LIST = re.compile(r"[\u4e00-\u9fff]{1,24}(?:、[\u4e00-\u9fff]{1,24}){3,}")
_DATE = re.compile(r"(?<!\d)(\d{4})(-|年)(\d{1,2})(?:-|月)(\d{1,2})(日)?(?: (\d{2}):(\d{2}))?(?!\d)")
_NUMBER = re.compile(r"^(.)(\D*?)(\d{4})(\D+?)(\d+)(\s*号)$")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (clause labels)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + chinese_number(rest) if rest < 10 else
                                ("一" if rest < 20 else "") + chinese_number(rest))
    return CN_DIGITS[n // 100] + "百" + tail


def relabel(label: str, n: int) -> str:
    """The label as written (（十二）, 3., (4), ⑤, 12) with its number set to `n`."""
    if re.search(r"[一二三四五六七八九十百零]", label):
        return re.sub(r"[一二三四五六七八九十百零]+", chinese_number(n), label, count=1)
    if re.search(r"[０-９]", label):
        return re.sub(r"[０-９]+", "".join(chr(ord(c) + 0xFEE0) for c in str(n)), label, count=1)
    if re.search(r"\d", label):
        return re.sub(r"\d+", str(n), label, count=1)
    if any(c in CIRCLED for c in label) and n <= len(CIRCLED):
        return re.sub(f"[{CIRCLED}]", CIRCLED[n - 1], label, count=1)
    return label


@dataclass
class Template:
    path: Path
    text: str  # the decoded text, its 文号 masked with PLACEHOLDER (same length)
    clauses: list  # the parser's clause tree of `text`
    name: str | None  # 祁门县, or None for unnamed / national notices
    level: str | None
    number: str | None  # the 文号 as written


def read_template(path: Path) -> Template:
    from extractor.pipeline import process

    doc = process(path, facts=False)
    text = doc.text
    number = None
    for f in sorted(doc.fields_named("doc_number"), key=lambda f: -f.start):
        number = text[f.start:f.end]
        text = text[:f.start] + PLACEHOLDER * (f.end - f.start) + text[f.end:]
    j = doc.jurisdiction
    named = j is not None and j.level in JURISDICTIONS and j.name.endswith(SUFFIX[j.level]) and len(j.name) > 1
    return Template(path, text, doc.clauses, j.name if named else None, j.level if named else None, number)


def default_templates() -> list[Path]:
    return sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "extra").glob("*.txt"))


class Variant:
    """One generated notice drawn from a template with a random generator."""

    def __init__(self, t: Template, rng: random.Random):
        self.t, self.rng = t, rng

    def _movable(self, siblings: list) -> list[int]:
        """Positions of siblings that may be reordered: numbered items below the top level
        (or table rows) numbered 1…n, each starting with its label."""
        pos = [k for k, c in enumerate(siblings)
               if (c.kind == "row" or (c.kind == "numbered" and c.parent and "/" in c.parent))
               and c.index and c.label and self.t.text.startswith(c.label, c.start)]
        if len(pos) < 2 or [siblings[k].index for k in pos] != list(range(1, len(pos) + 1)):
            return []
        if not self.t.text[siblings[pos[-1]].end:].strip():
            pos.pop()  # a truncated last item (an excerpt ending mid-sentence) stays last
        return pos

    def rebuild(self, lo: int, hi: int, siblings: list) -> str:
        """`text[lo:hi]` with the movable siblings (and, inside each, their children) shuffled."""
        text = self.t.text
        if not siblings:
            return text[lo:hi]
        pieces = [self.rebuild(c.start, c.end, c.children) for c in siblings]
        order = list(range(len(siblings)))
        movable = self._movable(siblings)
        shuffled = movable[:]
        self.rng.shuffle(shuffled)
        for slot, src in zip(movable, shuffled):
            order[slot] = src
        out = [text[lo:siblings[0].start]]
        for slot, src in enumerate(order):
            piece = pieces[src]
            if slot in movable:
                c = siblings[src]
                new = relabel(c.label, siblings[slot].index)
                piece = new + piece[len(c.label):]
            out.append(piece)
            nxt = siblings[slot + 1].start if slot + 1 < len(siblings) else siblings[-1].end
            out.append(text[siblings[slot].end:nxt])
        out.append(text[siblings[-1].end:hi])
        return "".join(out)

    def shuffle_lists(self, text: str) -> str:
        """Shuffle the inner items of 、-lists (the first and last items carry the sentence).
        An item holding 等 closes its list: in 市场监督管理、教育、卫生健康、公安等部门按照各自职责
        加强指导、监督和管理 the items after 公安等部门… are another list's (its verbs'), and
        moving 教育 among them would change whom the sentence gives the duty."""
        def one(m: re.Match) -> str:
            items = m.group(0).split("、")
            end = next((i for i, w in enumerate(items[1:-1], 1) if "等" in w), len(items) - 1)
            inner = items[1:end]
            self.rng.shuffle(inner)
            return "、".join([items[0], *inner, *items[end:]])

        return _LIST.sub(one, text)

    def shift_dates(self, text: str) -> tuple[str, int | None]:
        """Move every date by one random number of days (times by random minutes)."""
        days, minutes = self.rng.randint(-900, 400), self.rng.randint(0, 24 * 60 - 1)
        years: list[int] = []

        def one(m: re.Match) -> str:
            try:
                d = dt.datetime(int(m.group(1)), int(m.group(3)), int(m.group(4)))
            except ValueError:
                return m.group(0)
            d += dt.timedelta(days=days)
            years.append(d.year)
            if m.group(2) == "-":
                out = f"{d:%Y-%m-%d}"
            else:
                out = f"{d.year}年{d.month}月{d.day}日" if m.group(5) else f"{d.year}年{d.month}月{d.day}"
            if m.group(6):
                t = (int(m.group(6)) * 60 + int(m.group(7)) + minutes) % (24 * 60)
                out += f" {t // 60:02d}:{t % 60:02d}"
            return out

        text = _DATE.sub(one, text)
        return text, (years[0] if years else None)

    def make(self, serial: int) -> str:
        t = self.t
        text = self.rebuild(0, len(t.text), t.clauses)
        text = self.shuffle_lists(text)
        text, year = self.shift_dates(text)
        place = t.name and self.rng.choice(JURISDICTIONS[t.level])
        if t.number:
            m = _NUMBER.match(t.number)
            if m:
                first = place[0] if place and t.name and m.group(1) == t.name[0] else m.group(1)
                number = f"{first}{m.group(2)}{year or m.group(3)}{m.group(4)}{serial}{m.group(6)}"
            else:
                number = f"{t.number}-{serial}"
            text = re.sub(f"{PLACEHOLDER}+", lambda _: number, text)
        if place and place != t.name:
            short_old, short_new = t.name[:-1], place[:-1]
            text = text.replace(t.name, place).replace(short_old, short_new)
        return text


def variants(n: int, *, seed: int = 1, templates: list[Path] | None = None, gbk: float = 0.3,
             crlf: float = 0.2) -> Iterator[tuple[Template, str, bytes]]:
    """`n` generated notices as (the template drawn, the text, the file's bytes)."""
    rng = random.Random(seed)
    temps = [read_template(p) for p in (templates or default_templates())]
    seen: set[bytes] = set()
    for i in range(1, n + 1):
        for _ in range(1000):
            t = rng.choice(temps)
            text = Variant(t, rng).make(i)
            key = hashlib.sha256(text.encode("utf-8")).digest()
            if key not in seen:
                break
        else:
            raise SystemExit("cannot draw a new distinct notice: too few templates for this many notices")
        seen.add(key)
        if rng.random() < crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        data = text.encode("utf-8")
        if rng.random() < gbk:
            try:
                data = text.encode("gbk")
            except UnicodeEncodeError:
                data = text.encode("gb18030")
        yield t, text, data


def generate(out_dir: str | Path, n: int, *, seed: int = 1, templates: list[Path] | None = None,
             gbk: float = 0.3, crlf: float = 0.2) -> list[Path]:
    """Write `n` notices into `out_dir`; returns their paths. Deterministic for `seed`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (_, _, data) in enumerate(variants(n, seed=seed, templates=templates, gbk=gbk, crlf=crlf), 1):
        path = out / f"notice-{i:05d}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("-n", type=int, default=1000, help="number of notices (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--template", type=Path, action="append",
                    help="a real notice to vary (repeatable; default: corpus/ and tests/data/extra/)")
    ap.add_argument("--gbk", type=float, default=0.3, help="share of GBK-encoded files (default 0.3)")
    ap.add_argument("--crlf", type=float, default=0.2, help="share of CRLF files (default 0.2)")
    args = ap.parse_args(argv)
    paths = generate(args.out_dir, args.n, seed=args.seed, templates=args.template, gbk=args.gbk, crlf=args.crlf)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} notices, {size / 1e6:.1f} MB → {args.out_dir}")


if __name__ == "__main__":
    main()
