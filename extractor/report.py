"""The comparison of two notices as a reader gets it: terminal tables, JSON, CSV, Markdown and
a self-contained HTML report — and `write_outputs`, which `policykg build` calls to leave
the comparison report and the interactive views in ``outputs/``.

In: a `compare.Comparison` (or, for `write_outputs`, a store). Out: strings (`to_json`,
`to_markdown`, `to_html`), rows (`csv_rows`, printed by `render.emit`), the terminal report
(`print_report`), files (`write_outputs`).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection, Sequence

from .compare import ROLE_ZH, STATUS_ZH, Comparison, Phrase, Statement
from .errors import PolicykgError

if TYPE_CHECKING:
    import pyoxigraph as ox

ROLE_GLYPH = {"lead": "牵", "responsible": "负", "supporting": "配"}
NONE_GLYPH = "·"
SIDE_FILTERS = ("group", "jurisdiction", "status")  # the comparison view's drop-downs


# --- data -----------------------------------------------------------------------------------------


def _statement(s: Statement | None) -> dict[str, Any] | None:
    if s is None:
        return None
    out = {"iri": s.iri, "kind": s.kind, "text": s.text, "role": s.role, "action": s.action,
           "clause": s.clause, "clause_label": s.clause_label, "start": s.start, "end": s.end,
           "quote": s.quote, "topics": list(s.topics)}
    if s.kind == "task":  # the tag is the quote; what the task asks is its clause's words
        out.update({"body": s.body, "body_start": s.body_start})
    return out


def _phrase(p: Phrase) -> dict[str, Any]:
    return {"text": p.text, "start": p.start, "end": p.end,
            "in_tasks": [{"iri": t.iri, "task": t.text, "clause_label": t.clause_label, "sentence": sentence}
                         for t, sentence in p.tasks]}


def _unit(u) -> dict[str, Any] | None:
    if u is None:
        return None
    return {"iri": u.iri, "name": u.name, "concept": u.concept, "member": u.member,
            "duties": len(u.duties), "tasks": len(u.tasks)}


def _notice(side) -> dict[str, Any]:
    n = side.notice
    return {"iri": n.iri, "graph": n.graph, "number": n.number, "title": n.title, "date": n.date,
            "published": n.published or None, "jurisdiction": n.jurisdiction, "file": n.file}


def _rule(r) -> dict[str, Any] | None:
    if r is None:
        return None
    return {"iri": r.iri, "kind": r.kind, "label": r.label, "period": r.period, "times_min": r.times_min,
            "times_max": r.times_max, "irregular": r.irregular, "schedule": r.schedule, "start": r.start, "end": r.end, "quote": r.quote}


def to_dict(c: Comparison) -> dict[str, Any]:
    """Everything the comparison found, as plain JSON-able data (the `--format json` output)."""
    return {
        "comparison": c.iri,
        "method": c.method,
        "threshold": c.threshold,
        "a": _notice(c.a),
        "b": _notice(c.b),
        "summary": c.counts(),
        "units": [{"status": u.status, "label": u.label, "concept": u.concept, "a": _unit(u.a), "b": _unit(u.b),
                   "duties": [{"status": d.status, "score": d.score, "closest": d.closest,
                               "a": _statement(d.a), "b": _statement(d.b),
                               "a_only": [_phrase(p) for p in d.a_only], "b_only": [_phrase(p) for p in d.b_only]}
                              for d in u.duties],
                   "tasks": {"a": [_statement(t) for t in (u.a.tasks if u.a else [])],
                             "b": [_statement(t) for t in (u.b.tasks if u.b else [])]}} for u in c.units],
        "meeting": [{"key": r.key, "aspect": r.aspect, "a": r.a, "b": r.b, "status": r.status,
                     "a_rule": _rule(r.a_rule), "b_rule": _rule(r.b_rule)} for r in c.meeting],
        "matrix": {
            "topics": [{"key": t.key, "zh": t.zh, "en": t.en, "short": t.short} for t in c.topics],
            "rows": [{"label": c.units[k].label, "status": c.units[k].status,
                      "a": c.units[k].a.name if c.units[k].a else None,
                      "b": c.units[k].b.name if c.units[k].b else None,
                      "cells": {t: {"a": cell.a, "b": cell.b, "status": cell.status,
                                    "a_evidence": [s.iri for s in cell.a_evidence],
                                    "b_evidence": [s.iri for s in cell.b_evidence]}
                                for t, cell in row.items() if cell.status}}
                     for k, row in c.matrix.items()],
        },
    }


def to_json(c: Comparison) -> str:
    return json.dumps(to_dict(c), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ("section", "unit", "item", "status", "score", "closest", "a_text", "a_role", "a_clause", "a_start", "a_end",
               "b_text", "b_role", "b_clause", "b_start", "b_end", "a_only", "b_only")


def phrase_list(phrases: list[Phrase], other: str = "") -> str:
    """A pair's one-sided phrases on one line: 「…」；「…」, each followed by the other side's
    task that says it too: （B 任务 2.严格综合监督管理：…）."""
    return "；".join(f"「{p.text}」" + "".join(f"（{other} 任务 {t.clause_label}{t.text}：{sentence}）"
                                              for t, sentence in p.tasks) for p in phrases)


def csv_rows(c: Comparison) -> list[dict[str, Any]]:
    """One flat table of every finding: section unit | duty | task | meeting | matrix
    (`CSV_COLUMNS`); a duty pair's a_only, b_only: what each statement says that the other
    does not (`phrase_list`); a task row: the task clause's words, on its side's columns."""
    rows: list[dict[str, Any]] = []

    def span(prefix: str, s) -> dict[str, Any]:
        if s is None:
            return {}
        out = {f"{prefix}_text": s.text if isinstance(s, Statement) else s.quote,
               f"{prefix}_start": s.start, f"{prefix}_end": s.end}
        if isinstance(s, Statement):
            out.update({f"{prefix}_role": s.role, f"{prefix}_clause": s.clause_label or s.clause})
        return out

    for u in c.units:
        rows.append({"section": "unit", "unit": u.label, "item": u.concept or "", "status": u.status,
                     "a_text": u.a.name if u.a else "", "b_text": u.b.name if u.b else ""})
    for u, d in c.duty_pairs():
        rows.append({"section": "duty", "unit": u.label, "item": "", "status": d.status, "score": d.score,
                     "closest": d.closest, **span("a", d.a), **span("b", d.b),
                     "a_only": phrase_list(d.a_only, "B"), "b_only": phrase_list(d.b_only, "A")})
    for u in c.units:
        for side, unit in (("a", u.a), ("b", u.b)):
            for t in unit.tasks if unit else ():
                rows.append({"section": "task", "unit": u.label, "item": f"{t.clause_label}{t.text}", "status": "",
                             f"{side}_text": t.body or t.quote, f"{side}_role": t.role, f"{side}_clause": t.clause_label,
                             f"{side}_start": t.start if t.body_start is None else t.body_start,
                             f"{side}_end": t.end if t.body_start is None else t.body_start + len(t.body)})
    for r in c.meeting:
        row = {"section": "meeting", "unit": "", "item": r.aspect, "status": r.status, "a_text": r.a, "b_text": r.b}
        if r.a_rule:
            row.update({"a_start": r.a_rule.start, "a_end": r.a_rule.end})
        if r.b_rule:
            row.update({"b_start": r.b_rule.start, "b_end": r.b_rule.end})
        rows.append(row)
    topics = {t.key: t.zh for t in c.topics}
    for k, row in c.matrix.items():
        for t, cell in row.items():
            if cell.status:
                rows.append({"section": "matrix", "unit": c.units[k].label, "item": topics[t], "status": cell.status,
                             "a_role": cell.a or "", "b_role": cell.b or ""})
    return rows


def to_csv(c: Comparison) -> str:
    """`csv_rows` as CSV text (what `render.emit(..., "csv")` prints), for writing to a file."""
    import csv
    import io

    from .render import CSV_LINE_END, csv_cell

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator=CSV_LINE_END)
    w.writeheader()
    for r in csv_rows(c):
        w.writerow({k: csv_cell(r.get(k)) for k in CSV_COLUMNS})
    return buf.getvalue()


# --- shared wording -------------------------------------------------------------------------------------


NO_DUTIES = "两份文件均未写明部门职责或任务分工（只列出成员单位），无可对照。"
NO_UNITS = "两份文件均未写明部门职责、任务分工或成员单位，无可对照。"


def _has_duties(c: Comparison) -> bool:
    return any(u.duties for u in c.units)


def _no_duties(c: Comparison) -> str:
    """Why there is nothing to set side by side: member lists only, or not even those."""
    return NO_DUTIES if c.units else NO_UNITS


def _side_name(side) -> str:
    n = side.notice
    # A page cut from a notice may have no title, a news page no 文号: the file names it then.
    title = f"《{n.title}》" if n.title else ""
    date = n.date or (f"{n.published} 发布" if n.published else "日期不详")
    return f"{side.label}{title}（{n.number or n.file or n.slug}，{date}）"


def _glyph(role: str | None) -> str:
    return ROLE_GLYPH.get(role or "", NONE_GLYPH)


def _span(s) -> str:
    return f"{s.clause_label or s.clause} [{s.start}, {s.end})" if isinstance(s, Statement) else f"[{s.start}, {s.end})"


def _score(d) -> str:
    """A pair's similarity; in parentheses, a lone statement's nearest candidate's."""
    if d.score is not None:
        return f"{d.score:.2f}"
    return "" if d.closest is None else f"({d.closest:.2f})"


def _one_line(text: str) -> str:
    return " ".join(text.split())


TASKS_NOTE = "任务分工（任务标注“…按职责分工负责”分给该部门的任务，不是部门职责条目，不参与职责配对）"


def unit_tasks(u) -> list[tuple[str, Statement]]:
    """The task assignments of a unit pair's two units, side ("A", "B") and task, A's first."""
    return [(side, t) for side, unit in (("A", u.a), ("B", u.b)) for t in (unit.tasks if unit else ())]


def _task_count(side) -> int:
    return sum(len(u.tasks) for u in side.units.values())


def _task_span(t: Statement) -> str:
    """Where a task's words are: its clause's, the tag's if the clause says nothing else."""
    if t.body_start is None:
        return _span(t)
    return f"{t.clause_label or t.clause} [{t.body_start}, {t.body_start + len(t.body)})"


def summary_lines(c: Comparison) -> list[str]:
    k = c.counts()
    u, d = k["units"], k["duties"]
    lines = [
        f"部门：对应 {u.get('counterpart', 0) + u.get('partial', 0) + u.get('same-name', 0)} 个，"
        f"仅A有 {u.get('only-A', 0)} 个，仅B有 {u.get('only-B', 0)} 个",
        f"职责：两地共有 {d.get('shared', 0)} 条，表述不同 {d.get('reworded', 0)} 条，"
        f"仅A有 {d.get('only-A', 0)} 条，仅B有 {d.get('only-B', 0)} 条",
        f"任务分工（任务标注，不参与职责配对）：A {_task_count(c.a)} 条，B {_task_count(c.b)} 条",
        "联席会议：" + "；".join(f"{r.aspect} {r.a or '—'} ↔ {r.b or '—'}" for r in c.meeting
                             if r.status != "same" and r.key != "name"),
    ]
    return lines


# --- Markdown --------------------------------------------------------------------------------------------


def _md(text: Any) -> str:
    """A Markdown table cell: no pipes, no line breaks, no HTML."""
    s = "" if text is None else str(text)
    s = _one_line(s).replace("\\", "\\\\").replace("|", "\\|")
    return s.replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(c: Comparison) -> str:
    out = [f"# 对比：{_md(c.a.label)}（A）与 {_md(c.b.label)}（B）", ""]
    out += [f"- A：{_md(_side_name(c.a))}", f"- B：{_md(_side_name(c.b))}",
            f"- 职责配对：{c.method}，阈值 {c.threshold:g}（一对一最优匹配）", ""]
    out += [f"- {_md(line)}" for line in summary_lines(c)] + [""]

    out += ["## 部门对应", "", "| 职能 | A | B | 结果 | 职责数（A/B） |", "|---|---|---|---|---|"]
    for u in c.units:
        out.append(f"| {_md(u.label)} | {_md(u.a.name if u.a else '—')} | {_md(u.b.name if u.b else '—')} | "
                   f"{STATUS_ZH.get(u.status, u.status)} | {len(u.a.duties) if u.a else 0}/{len(u.b.duties) if u.b else 0} |")

    out += ["", "## 联席会议", "", "| 项目 | A | B | 结果 |", "|---|---|---|---|"]
    for r in c.meeting:
        out.append(f"| {_md(r.aspect)} | {_md(r.a or '—')} | {_md(r.b or '—')} | {STATUS_ZH.get(r.status, r.status)} |")

    out += ["", "## 职责对照", "",
            "相似度为去除辖区用语（县/市/我县/全市/旗县区 …）后的 TF-IDF 余弦（字符二元组加主题）；括号中为未配对职责与对方最接近职责的相似度；原文后为条款与字符区间 [起, 止)。"
            "配对的两条职责下列出各自独有的说法（仅A有／仅B有，同样去除辖区用语后逐字比较），对方的任务分工也写到的，括注该任务及原句。", ""]
    for u in c.units:
        tasks = unit_tasks(u)
        if not u.duties and not tasks:
            continue
        head = " ↔ ".join(x.name for x in (u.a, u.b) if x)
        out += [f"### {_md(u.label)}：{_md(head)}（{STATUS_ZH.get(u.status, u.status)}）", ""]
        if u.duties:
            out += ["| 结果 | 相似度 | A 原文 | B 原文 |", "|---|---|---|---|"]
        for d in u.duties:
            score = _score(d)
            cells = [f"{_md(s.text)} <sub>{_md(_span(s))}</sub>" if s else "—" for s in (d.a, d.b)]
            for k, (side, other, phrases) in enumerate((("A", "B", d.a_only), ("B", "A", d.b_only))):
                if phrases:
                    cells[k] += f"<br>**仅{side}有：**{_md(phrase_list(phrases, other))}"
            out.append(f"| {STATUS_ZH[d.status]} | {score} | {cells[0]} | {cells[1]} |")
        if tasks:
            out += [""] if u.duties else []
            out += [f"{TASKS_NOTE}：", "", "| 一方 | 任务 | 角色 | 出处 |", "|---|---|---|---|"]
            for side, t in tasks:
                out.append(f"| {side} | {_md(t.clause_label + t.text)} | {ROLE_ZH.get(t.role, t.role)} | "
                           f"{_md(_task_span(t))} |")
        out.append("")

    if not _has_duties(c):
        out += [_no_duties(c), "", "## 职责矩阵", "", _no_duties(c), ""]
        return "\n".join(out)
    out += ["## 职责矩阵", "", "每格为 A/B 两侧该部门在该主题上的最强角色：牵＝牵头，负＝负责，配＝配合，·＝未涉及。", ""]
    out.append("| 职能 | " + " | ".join(_md(t.zh) for t in c.topics) + " |")
    out.append("|---|" + "---|" * len(c.topics))
    for k, row in c.matrix.items():
        cells = []
        for t in c.topics:
            cell = row[t.key]
            text = f"{_glyph(cell.a)}/{_glyph(cell.b)}" if cell.status else ""
            cells.append(f"**{text}**" if cell.status in ("differs", "only-A", "only-B") else text)
        out.append(f"| {_md(c.units[k].label)} | " + " | ".join(cells) + " |")
    out.append("")
    return "\n".join(out)


# --- terminal ------------------------------------------------------------------------------------------------

STATUS_STYLE = {"shared": "green", "reworded": "yellow", "only-A": "blue", "only-B": "red", "same": "green",
                "differs": "yellow", "counterpart": "green", "partial": "yellow", "same-name": "green"}


def print_report(c: Comparison, console=None) -> None:
    """The comparison as rich tables: summary, units, joint meeting, duties, matrix."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    from .render import console as terminal

    console = console or terminal()

    def status(s: str) -> str:
        return f"[{STATUS_STYLE.get(s, 'white')}]{STATUS_ZH.get(s, s)}[/]"

    console.print(f"[bold]对比 {escape(c.a.label)} ↔ {escape(c.b.label)}[/]")
    console.print(f"  A：{escape(_side_name(c.a))}")
    console.print(f"  B：{escape(_side_name(c.b))}")
    for line in summary_lines(c):
        console.print(f"  • {escape(line)}")

    t = Table(title="部门对应", box=box.SIMPLE_HEAVY)
    for col in ("职能", "A", "B", "结果", "职责 A/B"):
        t.add_column(col)
    for u in c.units:
        t.add_row(escape(u.label), escape(u.a.name if u.a else "—"), escape(u.b.name if u.b else "—"), status(u.status),
                  f"{len(u.a.duties) if u.a else 0}/{len(u.b.duties) if u.b else 0}")
    console.print(t)

    t = Table(title="联席会议", box=box.SIMPLE_HEAVY)
    for col in ("项目", "A", "B", "结果"):
        t.add_column(col)
    for r in c.meeting:
        t.add_row(escape(r.aspect), escape(r.a or "—"), escape(r.b or "—"), status(r.status))
    console.print(t)

    if not _has_duties(c):  # notices that only list their members: no empty tables
        console.print(f"\n职责对照、职责矩阵：{_no_duties(c)}")
        return
    t = Table(title=f"职责对照（{c.method}，阈值 {c.threshold:g}）", box=box.SIMPLE_HEAVY, show_lines=True)
    for col, kw in (("职能", {"max_width": 10}), ("结果", {}), ("相似度", {"justify": "right"}),
                    ("A", {"ratio": 1, "overflow": "fold"}), ("B", {"ratio": 1, "overflow": "fold"})):
        t.add_column(col, **kw)
    for u in c.units:
        for k, d in enumerate(u.duties):
            cells = [f"{escape(s.text)}\n[dim]{escape(_span(s))}[/]" if s else "—" for s in (d.a, d.b)]
            for n, (side, other, phrases) in enumerate((("A", "B", d.a_only), ("B", "A", d.b_only))):
                if phrases:
                    cells[n] += f"\n[bold]仅{side}有：[/]{escape(phrase_list(phrases, other))}"
            t.add_row(escape(u.label) if k == 0 else "", status(d.status),
                      _score(d) if d.score is not None else f"[dim]{_score(d)}[/]", *cells)
    console.print(t)

    if any(unit_tasks(u) for u in c.units):
        t = Table(title=TASKS_NOTE, box=box.SIMPLE_HEAVY)
        for col, kw in (("职能", {"max_width": 10}), ("一方", {}), ("任务", {"ratio": 1, "overflow": "fold"}),
                        ("角色", {}), ("出处", {})):
            t.add_column(col, **kw)
        for u in c.units:
            for k, (side, task) in enumerate(unit_tasks(u)):
                t.add_row(escape(u.label) if k == 0 else "", side, escape(task.clause_label + task.text),
                          ROLE_ZH.get(task.role, task.role), f"[dim]{escape(_task_span(task))}[/]")
        console.print(t)

    t = Table(title="职责矩阵（A/B：牵＝牵头 负＝负责 配＝配合 ·＝未涉及）", box=box.SIMPLE, padding=(0, 0))
    t.add_column("职能", no_wrap=True)
    for topic in c.topics:
        t.add_column(escape(topic.short), justify="center", no_wrap=True, min_width=5)
    for k, row in c.matrix.items():
        cells = []
        for topic in c.topics:
            cell = row[topic.key]
            text = f"{_glyph(cell.a)}{_glyph(cell.b)}" if cell.status else ""
            cells.append(f"[{STATUS_STYLE[cell.status]}]{text}[/]" if cell.status and cell.status != "same" else text)
        t.add_row(escape(c.units[k].label), *cells)
    console.print(t)


# --- HTML ----------------------------------------------------------------------------------------------------


def html_context(c: Comparison) -> dict[str, Any]:
    """What templates/compare.html shows, as plain strings and numbers (jinja escapes them)."""
    def statement(s: Statement | None) -> dict[str, Any] | None:
        return None if s is None else {"text": s.text, "span": _span(s), "role": ROLE_ZH.get(s.role, s.role),
                                       "quote": s.quote}

    def phrases(ps: list[Phrase], other: str) -> list[dict[str, Any]]:
        return [{"text": p.text, "tasks": [f"{other} 任务 {t.clause_label}{t.text}：{sentence}" for t, sentence in p.tasks]}
                for p in ps]

    units = []
    for u in c.units:
        units.append({"label": u.label, "status": u.status, "status_zh": STATUS_ZH.get(u.status, u.status),
                      "a": u.a.name if u.a else "", "b": u.b.name if u.b else "",
                      "a_count": len(u.a.duties) if u.a else 0, "b_count": len(u.b.duties) if u.b else 0,
                      "duties": [{"status": d.status, "status_zh": STATUS_ZH[d.status],
                                  "score": _score(d), "lone": d.score is None,
                                  "a": statement(d.a), "b": statement(d.b),
                                  "a_only": phrases(d.a_only, "B"), "b_only": phrases(d.b_only, "A")} for d in u.duties],
                      "tasks": [{"side": side, "task": t.clause_label + t.text, "role": ROLE_ZH.get(t.role, t.role),
                                 "span": _task_span(t), "body": t.body or t.quote} for side, t in unit_tasks(u)]})
    matrix = []
    for k, row in c.matrix.items():
        cells = []
        for t in c.topics:
            cell = row[t.key]
            tip = "\n".join([f"A {ROLE_ZH.get(s.role, s.role)}：{_one_line(s.text)}" for s in cell.a_evidence]
                            + [f"B {ROLE_ZH.get(s.role, s.role)}：{_one_line(s.text)}" for s in cell.b_evidence])
            cells.append({"a": _glyph(cell.a) if cell.a else "", "b": _glyph(cell.b) if cell.b else "",
                          "status": cell.status, "tip": tip})
        matrix.append({"label": c.units[k].label, "cells": cells})
    counts = c.counts()
    return {"report": {
        "a": {"label": c.a.label, "name": _side_name(c.a)}, "b": {"label": c.b.label, "name": _side_name(c.b)},
        "method": c.method, "threshold": f"{c.threshold:g}", "iri": c.iri, "tasks_note": TASKS_NOTE,
        "summary": summary_lines(c), "counts": counts,
        "units": units,
        "meeting": [{"aspect": r.aspect, "a": r.a, "b": r.b, "status": r.status,
                     "status_zh": STATUS_ZH.get(r.status, r.status),
                     "a_quote": r.a_rule.quote if r.a_rule else "", "b_quote": r.b_rule.quote if r.b_rule else ""}
                    for r in c.meeting],
        "topics": [{"zh": t.zh, "short": t.short, "en": t.en} for t in c.topics],
        "matrix": matrix if _has_duties(c) else [], "no_duties": "" if _has_duties(c) else _no_duties(c),
    }}


def to_html(c: Comparison) -> str:
    """The self-contained report page: tables and the comparison graph, offline and escaped
    (view.py's widget, data in one JSON blob, CSP without network)."""
    from . import view
    from .viewgraphs import comparison_graph

    title = f"{c.a.label} ↔ {c.b.label}：两地政策对比"
    return view.page_html(comparison_graph(c), title=title, filters=SIDE_FILTERS, height="760px",
                          template="compare.html", context=html_context(c))


# --- outputs/ -------------------------------------------------------------------------------------------------


def default_pairs(store: "ox.Store") -> list[tuple[str, str]]:
    """With exactly two notices of different jurisdictions: that pair, the lower level as A
    (county before city). Otherwise none — name pairs to compare more."""
    from . import query
    from .graph import PK

    every = query.notices(store)
    if len(every) != 2 or every[0]["jurisdiction"] == every[1]["jurisdiction"]:
        return []
    ranks = {}
    for n in every:
        rows = store.query(f"""SELECT ?rank WHERE {{ GRAPH ?g {{ <{n['iri']}> <http://data.europa.eu/eli/ontology#jurisdiction> ?j }}
                                 ?j <{PK}jurisdictionLevel> ?l . ?l <{PK}rank> ?rank }}""",
                           use_default_graph_as_union=True)
        ranks[n["iri"]] = max((int(r["rank"].value) for r in rows), default=0)
    a, b = sorted(every, key=lambda n: (-ranks[n["iri"]], n["jurisdiction"] or "", n["iri"]))
    return [(a["iri"], b["iri"])]


def notice_page(store: "ox.Store", ref, path: str | Path) -> Path:
    """The interactive page of one notice (`ref`, a `compare.NoticeRef`) at `path`."""
    from . import view
    from .viewgraphs import notice_graph

    return view.render(notice_graph(store, ref), path, title=ref.caption, filters=("department", "kind"))


def write_notice_page(quads: "Sequence[ox.Quad] | bytes", path: str | Path, *, graph: str | None = None) -> Path:
    """`notice_page` of the notice whose quads a build worker holds (no store needed): its
    quads, or its N-Triples and the named graph they belong to."""
    import pyoxigraph as ox

    from . import query
    from .compare import _ref

    store = ox.Store()
    if isinstance(quads, bytes):
        if graph is None:
            raise ValueError("N-Triples need the graph they belong to")
        store.bulk_load(quads, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph), lenient=True)
    else:
        store.bulk_extend(quads)
    rows = query.notices(store)
    if len(rows) != 1:
        raise ValueError(f"expected the quads of one notice, got {len(rows)}")
    return notice_page(store, _ref(store, rows[0]), path)


def _stem(ref) -> str:
    from .graph import iri_segment

    return iri_segment(ref.stem or ref.slug)


# The departments page shows every unit of every notice at once: at 1,000 notices it was a
# 42 MB page (unusable in a browser) that took the build's parent to 800 MB. Beyond this many
# notices it is not written; `policykg view --department X` draws one function's units.
DEPARTMENTS_PAGE_MAX = 200


def write_outputs(store: "ox.Store", out_dir: str | Path, pairs: Sequence[tuple[str, str]] | None = None, *,
                  base: str | None = None, views: bool = True, notice_pages: bool = True,
                  failed: dict[str, str] | None = None, keep: Collection[str] = (),
                  removed: list[str] | None = None, skipped: list[str] | None = None,
                  ours: Collection[Path] | None = None) -> list[Path]:
    """Write the comparison report(s) and the views into `out_dir`; return the paths written.

    `pairs`: (A, B) notice names (anything `compare.find_notice` takes); None = `default_pairs`.
    The first pair gives ``compare.html``, ``compare.md``, ``compare.json`` and
    ``views/compare.html``; further pairs ``compare-{A}--{B}.*``. Every notice gets
    ``views/<file stem>.html``; ``views/departments.html`` shows the departments across
    notices (not with `views=False`: a corpus of thousands wants no page per notice; nor for
    more than `DEPARTMENTS_PAGE_MAX` notices, said in `skipped`;
    `notice_pages=False`: the caller writes the notices' pages, as `policykg build`'s
    workers do).
    Each comparison is also (re)written into the store as its named graph
    ``{base}comparison/{A}--{B}`` (stale comparison graphs are removed first, but those in
    `keep`: comparisons an analyst saved), so run this before exporting the store if the
    exports should carry it.
    A pair that cannot be compared (a name that fits no notice) raises, or with `failed`
    is put there ("A,B" → the one-line error) and the rest is written.
    The reports and corpus-wide pages an earlier run left in `out_dir` that this one does
    not write (the comparison of a notice since removed, a pair not asked for again) are
    deleted — never left to be read as this run's — and their paths, relative to
    `out_dir`, put in `removed`; with `ours`, only those of them it lists (the files an
    earlier build wrote: a file of the analyst's named compare.html is theirs).
    """
    import pyoxigraph as ox

    from . import query, view
    from .files import write_bytes
    from .compare import _ref, add_comparison, compare
    from .graph import DEFAULT_BASE, normalise_base
    from .viewgraphs import comparison_graph, departments_graph

    base = normalise_base(base or DEFAULT_BASE)
    out = Path(out_dir)
    written: list[Path] = []
    for g in list(store.named_graphs()):
        if isinstance(g, ox.NamedNode) and g.value.startswith(base + "comparison/") and g.value not in keep:
            store.remove_graph(g)
    chosen = default_pairs(store) if pairs is None else list(pairs)
    for k, (a, b) in enumerate(chosen):
        try:
            c = compare(store, a, b, base=base)
        except PolicykgError as exc:
            if failed is None:
                raise
            failed[f"{a},{b}"] = str(exc)
            continue
        add_comparison(store, c)
        name = "compare" if k == 0 else f"compare-{c.iri.rsplit('/', 1)[-1]}"
        written.append(write_bytes(out / f"{name}.html", to_html(c).encode("utf-8")))
        written.append(write_bytes(out / f"{name}.md", to_markdown(c).encode("utf-8")))
        written.append(write_bytes(out / f"{name}.json", to_json(c).encode("utf-8")))
        if views:
            written.append(view.render(comparison_graph(c), out / "views" / f"{name}.html",
                                       title=f"{c.a.label} ↔ {c.b.label}：职责对照图", filters=SIDE_FILTERS))
    if not views:
        return _without_stale(out, written, removed, ours)
    refs = [_ref(store, n) for n in query.notices(store)]
    used: set[str] = set()
    for ref in refs if notice_pages else ():
        name, k = _stem(ref), 1
        while name in used or name == "departments" or name.startswith("compare"):  # never over another page
            k += 1
            name = f"{_stem(ref)}-{k}"
        used.add(name)
        written.append(notice_page(store, ref, out / "views" / f"{name}.html"))
    if len(refs) > DEPARTMENTS_PAGE_MAX:
        if skipped is not None:
            skipped.append(f"views/departments.html not written for {len(refs):,} notices (more than "
                           f"{DEPARTMENTS_PAGE_MAX}: one page of every unit would be too big to open); "
                           "`policykg view --department 卫健委` draws one function's units")
    elif refs:
        written.append(view.render(departments_graph(store, notices=refs), out / "views" / "departments.html",
                                   title="各文件中的部门与职责", filters=("group", "jurisdiction", "kind")))
    return _without_stale(out, written, removed, ours)


def report_files(out_dir: str | Path) -> list[Path]:
    """The files in `out_dir` named as `write_outputs` names what it writes but the notices'
    pages: the comparisons' reports (compare.*, compare-{A}--{B}.*) and views, and the
    departments' view."""
    out = Path(out_dir)
    found = [p for fmt in ("html", "md", "json") for p in out.glob(f"compare*.{fmt}")]
    found += [*(out / "views").glob("compare*.html"), out / "views" / "departments.html"]
    return sorted(p for p in found if p.is_file())


def _without_stale(out: Path, written: list[Path], removed: list[str] | None,
                   ours: Collection[Path] | None = None) -> list[Path]:
    """Delete the `report_files` not in `written` (an earlier run's; with `ours`, only those
    it lists); return `written`."""
    keep = {p.resolve() for p in written}
    mine = None if ours is None else {p.resolve() for p in ours}
    for path in report_files(out):
        if path.resolve() not in keep and (mine is None or path.resolve() in mine):
            path.unlink(missing_ok=True)
            if removed is not None:
                removed.append(path.relative_to(out).as_posix())
    return written
