"""Report + source → one self-contained HTML review page.

No network, no external asset: the styles and the few lines of script are
inline, PDF pages are ``data:`` URIs. The page shows exactly the output's
values (null as null); it computes nothing but where to draw.

Layout: a header, the failed checks and the warnings, then two columns —
the three tables in the template's layout on the left, the source on the
right. Clicking a value cell shows its keys, labels, value, raw text and
source location in the inspector at the bottom.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from ..wording import label
from .assets import CSS, FIX_SCRIPT, SCRIPT
from .layout import (
    LEGAL_PERSON_COLUMNS,
    REQUEST_COLUMNS,
    REQUEST_LABEL_DEPTH,
    REVIEW_GROUPS,
    REVIEW_RESULTS,
    proactive_blocks,
    request_rows,
)
from .marks import Marks, collect
from .source import Source, box_of, grid_positions, page_number

TABLES = ("proactive", "requests", "review_litigation")
#: (row kind, column kind) of each table for ``label``.
_AXIS_KINDS = {
    "proactive": ("proactive_item", "proactive_field"),
    "requests": ("requests_row", "requests_column"),
    "review_litigation": ("review_group", "review_result"),
}


def cell_id(table: str, row: str, column: str) -> str:
    return f"c-{table}-{row}-{column}"


def _e(value: Any) -> str:
    """Escaped text. A URL in the source's text (``https://…``) is written with its colon as a
    character reference, so the page file holds no URL at all; the browser shows the text unchanged."""
    return escape(str(value), quote=True).replace("://", "&#58;//")


def _number(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _keyed(text: str | None, key: str) -> str:
    """A header: the Chinese label with its canonical key under it."""
    words = _e(text) if text else "<i>(no label)</i>"
    return f'{words}<code class="key">{_e(key)}</code>'


class _Builder:
    def __init__(self, report: Mapping[str, Any], source: Source) -> None:
        self.report = report
        self.source = source
        self.tables: Mapping[str, Any] = report.get("tables") or {}
        self.marks: Marks = collect(report)
        self.cells: dict[str, dict[str, Any]] = {}

    # ------------------------------------------------------------- cells --

    def value_cell(self, table: str, row: str, column: str, cells: Mapping[str, Any] | None) -> str:
        if not isinstance(cells, Mapping) or column not in cells:
            return '<td class="absent" title="not in the output">·</td>'
        cell = cells[column] if isinstance(cells[column], Mapping) else {}
        key = (table, row, column)
        cid = cell_id(table, row, column)
        checks = self.marks.check_cells.get(key, [])
        warns = self.marks.warning_cells.get(key, [])
        classes = ["v"]
        value = cell.get("value")
        confirmed = cell.get("confirmed_by")
        placement = (cell.get("source") or {}).get("placement")
        if value is None:
            classes.append("null")
        elif not confirmed:
            classes.append("unconfirmed")
        if placement == "human":
            classes.append("human")
        if checks:
            classes.append("fail")
        if warns:
            classes.append("warn")
        row_kind, col_kind = _AXIS_KINDS[table]
        self.cells[cid] = {
            "table": table, "row": row, "column": column,
            "labels": [label("table", table), label(row_kind, row), label(col_kind, column)],
            "value": value, "raw": cell.get("raw"), "source": cell.get("source"),
            "confirmed_by": confirmed, "checks": checks, "warnings": warns,
        }
        title = [f"{table}.{row}.{column}", f"raw: {cell.get('raw')!r}" if cell.get("raw") is not None
                 else "raw: null (cell not found)"]
        if value is not None:
            title.append(f"confirmed by: {', '.join(confirmed)}" if confirmed else "confirmed by: nothing")
        title += [self.check_line(i) for i in checks]
        title += [self.marks.warnings[i].get("message", "") for i in warns]
        text = '<span class="nullv">null</span>' if value is None else _e(_number(value))
        return (f'<td id="{cid}" class="{" ".join(classes)}" data-cell="{_e(table)}|{_e(row)}|{_e(column)}"'
                f' title="{_e(chr(10).join(title))}">{text}</td>')

    def check_line(self, i: int) -> str:
        c = self.marks.failed[i]
        line = (f"check {c.get('id')} [{c.get('subject')}] fails: {_number((c.get('left') or {}).get('sum'))}"
                f" ≠ {_number((c.get('right') or {}).get('sum'))} (difference {_number(c.get('difference'))})")
        return line + (f" — the text says: {c['sentence']}" if c.get("sentence") else "")

    # ------------------------------------------------------------ tables --

    def proactive(self, body: Mapping[str, Any]) -> str:
        items = body.get("items") or {}
        edition = body.get("template")
        out = [f'<p class="meta">template edition: <b>{_e(edition)}</b></p>']
        for block in proactive_blocks(edition, items):
            head = "".join(f"<th>{_keyed(label('proactive_field', f), f)}</th>" for f in block.fields)
            rows = []
            for item in block.items:
                cells = items.get(item)
                tds = "".join(self.value_cell("proactive", item, f, cells) for f in block.fields)
                rows.append(f'<tr><th class="rl">{_keyed(label("proactive_item", item), item)}</th>{tds}</tr>')
            title = f'<caption>{_e(block.title)}</caption>' if block.title else ""
            out.append(f'<table class="grid t2">{title}<thead><tr><th>信息内容</th>{head}</tr></thead>'
                       f'<tbody>{"".join(rows)}</tbody></table>')
        return "".join(out)

    def requests(self, body: Mapping[str, Any]) -> str:
        depth = REQUEST_LABEL_DEPTH
        col = {c: _keyed(label("requests_column", c), c) for c in REQUEST_COLUMNS}
        legal = "".join(f"<th>{col[c]}</th>" for c in LEGAL_PERSON_COLUMNS)
        head = (f'<tr><th colspan="{depth}" rowspan="3" class="note">（本列数据的勾稽关系为：第一项加第二项之和，'
                f'等于第三项加第四项之和）</th><th colspan="7">申请人情况</th></tr>'
                f'<tr><th rowspan="2">{col["natural_person"]}</th><th colspan="5">法人或其他组织</th>'
                f'<th rowspan="2">{col["total"]}</th></tr><tr>{legal}</tr>')
        rows = request_rows(body)
        out = []
        for i, (key, groups) in enumerate(rows):
            ths = []
            for d in range(len(groups)):
                prefix = groups[: d + 1]
                if i > 0 and rows[i - 1][1][: d + 1] == prefix:
                    continue  # covered by the group cell above
                run = 1
                while i + run < len(rows) and rows[i + run][1][: d + 1] == prefix:
                    run += 1
                group = _keyed(label("requests_group", prefix[-1]), prefix[-1])
                ths.append(f'<th rowspan="{run}" class="grp">{group}</th>')
            span = depth - len(groups)
            ths.append(f'<th class="rl" colspan="{span}">{_keyed(label("requests_row", key), key)}</th>')
            tds = "".join(self.value_cell("requests", key, c, body.get(key)) for c in REQUEST_COLUMNS)
            out.append(f"<tr>{''.join(ths)}{tds}</tr>")
        return f'<table class="grid t3"><thead>{head}</thead><tbody>{"".join(out)}</tbody></table>'

    def review_litigation(self, body: Mapping[str, Any]) -> str:
        n = len(REVIEW_RESULTS)
        g = {k: _keyed(label("review_group", k), k) for k in REVIEW_GROUPS}
        results = "".join(f"<th>{_keyed(label('review_result', r), r)}</th>" for r in REVIEW_RESULTS)
        head = (f'<tr><th colspan="{n}" rowspan="2">{g["review"]}</th><th colspan="{2 * n}">行政诉讼</th></tr>'
                f'<tr><th colspan="{n}">{g["litigation_direct"]}</th>'
                f'<th colspan="{n}">{g["litigation_after_review"]}</th></tr>'
                f"<tr>{results * len(REVIEW_GROUPS)}</tr>")
        tds = "".join(self.value_cell("review_litigation", grp, r, body.get(grp))
                      for grp in REVIEW_GROUPS for r in REVIEW_RESULTS)
        return f'<table class="grid t4"><thead>{head}</thead><tbody><tr>{tds}</tr></tbody></table>'

    def table_section(self, kind: str) -> str:
        title = f'<h2>{_e(label("table", kind))} <code class="key">{kind}</code></h2>'
        body = self.tables.get(kind)
        notes = [self.warning_item(i) for i, w in enumerate(self.marks.warnings) if w.get("table") == kind]
        note_html = f'<ul class="warnings">{"".join(notes)}</ul>' if notes else ""
        if not isinstance(body, Mapping):
            return (f'<section class="tbl" id="t-{kind}">{title}<p class="absent-table">Not in the output: '
                    f'the table was not found in the document.</p>{note_html}</section>')
        html = getattr(self, kind)(body)
        return (f'<section class="tbl" id="t-{kind}">{title}{self.source_link(kind)}{note_html}'
                f'<div class="scroll">{html}</div></section>')

    def source_link(self, kind: str) -> str:
        grids = self.source.grids_of(kind)
        if not grids:
            return '<p class="srclink">source: not located in the reader\'s grids</p>'
        links = []
        for i in grids:
            origin = self.source.grids[i].origin
            target = f"g{i}"
            if self.source.pages and page_number(origin) is not None:
                target = f"p{page_number(origin)}"
            if self.source.lines:
                links.append(f"grid {i + 1} ({_e(origin)})")
            else:
                links.append(f'<a href="#{target}">grid {i + 1}{f" ({_e(origin)})" if origin else ""}</a>')
        return f'<p class="srclink">source: {", ".join(links)}</p>'

    # ----------------------------------------------------- checks, warnings --

    def warning_item(self, i: int) -> str:
        w = self.marks.warnings[i]
        where = ".".join(str(w[k]) for k in ("table", "row", "column") if w.get(k)) if "row" in w else (
            w.get("table") or "")
        return (f'<li class="w" data-warning="{i}"><code>{_e(w.get("code"))}</code>'
                f'{f" <b>{_e(where)}</b>" if where else ""}: {_e(w.get("message"))}</li>')

    def terms(self, side: Mapping[str, Any] | None, table: str, check_id: str) -> str:
        side = side or {}
        kinds = _AXIS_KINDS.get(table, ("", ""))
        kind = kinds[1] if check_id in ("requests.row_total", "review_litigation.total") else kinds[0]
        parts = [f'<span title="{_e(label(kind, t) or t)}">{_e(t)}</span> {_e(_number(v))}'
                 for t, v in (side.get("terms") or {}).items()]
        return " + ".join(parts) + f" = <b>{_e(_number(side.get('sum')))}</b>"

    def checks_section(self) -> str:
        checks = self.report.get("checks") or []
        counts = {s: sum(1 for c in checks if c.get("status") == s) for s in ("pass", "fail", "skipped")}
        summary = (f'<p class="meta">{len(checks)} checks: {counts["pass"]} pass, '
                   f'<b class="nfail">{counts["fail"]} fail</b>, {counts["skipped"]} skipped</p>')
        if not self.marks.failed:
            return f'<section id="checks"><h2>Checks</h2>{summary}<p>No check failed.</p></section>'
        rows = []
        for i, c in enumerate(self.marks.failed):
            table = str(c.get("id", "")).split(".")[0]
            kinds = _AXIS_KINDS.get(table, ("", ""))
            subject_kind = kinds[0] if c.get("id") in ("requests.row_total", "review_litigation.total") else kinds[1]
            subject = c.get("subject")
            rows.append(
                f'<tr class="ck" data-check="{i}"><td><code>{_e(c.get("id"))}</code></td>'
                f'<td>{_e(label(subject_kind, subject) or "") if subject else ""} <code>{_e(subject)}</code></td>'
                f'<td class="side">{self.terms(c.get("left"), table, str(c.get("id")))}</td>'
                f'<td class="side">{self.terms(c.get("right"), table, str(c.get("id")))}</td>'
                f'<td class="diff">{_e(_number(c.get("difference")))}</td></tr>'
                + (f'<tr class="sentence"><td></td><td colspan="4">the text says: 「{_e(c["sentence"])}」</td></tr>'
                   if c.get("sentence") else ""))
        return (f'<section id="checks"><h2>Failed checks</h2>{summary}<table class="checks"><thead><tr><th>check</th>'
                f'<th>subject</th><th>left (stated)</th><th>right</th><th>difference</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table><p class="meta">Click a check to outline its cells.</p>'
                f'</section>')

    def warnings_section(self) -> str:
        warnings = self.marks.warnings
        if not warnings:
            return '<section id="warnings"><h2>Warnings</h2><p>None.</p></section>'
        items = "".join(self.warning_item(i) for i in range(len(warnings)))
        return f'<section id="warnings"><h2>Warnings ({len(warnings)})</h2><ul class="warnings">{items}</ul></section>'

    # ------------------------------------------------------------ source --

    def source_items(self, kind: str | None, shown: set[str]) -> str:
        """The source elements (PDF pages, grids) of table ``kind``; None: those no table claimed.
        ``shown`` collects element ids so that a page holding two tables is drawn once."""
        src = self.source
        out = []
        if src.pages:
            numbers = [self.page_of(i) for i in src.grids_of(kind)] if kind else [p.number for p in src.pages]
            for page in src.pages:
                pid = f"p{page.number}"
                if page.number not in numbers:
                    continue
                if pid in shown:
                    out.append(f'<p class="srclink">page {page.number}: shown above</p>' if kind else "")
                    continue
                shown.add(pid)
                out.append(self.pdf_page(page))
        else:
            indexes = src.grids_of(kind) if kind else range(len(src.grids))
            for i in indexes:
                if f"g{i}" not in shown:
                    shown.add(f"g{i}")
                    out.append(self.grid(i))
        return "".join(out)

    def page_of(self, grid_index: int) -> int | None:
        return page_number(self.source.grids[grid_index].origin)

    def source_heading(self) -> str:
        notes = "".join(f'<p class="note">{_e(n)}</p>' for n in self.source.notes)
        return f'<h2>Source <small>({_e(self.source.format)})</small></h2>{notes}'

    def lines_pane(self) -> str:
        lines = self.source.lines
        width = len(str(len(lines)))
        body = '<div class="lines">' + "".join(
            f'<div class="line" id="L{n}"><span class="ln">{n:>{width}}</span>{_e(text) or " "}</div>'
            for n, text in enumerate(lines, start=1)) + "</div>"
        return f'<aside class="src">{self.source_heading()}{body}</aside>'

    def body(self) -> str:
        """Text: the tables in one column, the numbered lines beside them. PDF, HTML, DOCX:
        each table beside its own source (pages / grids), the rest of the source after."""
        if self.source.lines:
            tables = "".join(self.table_section(k) for k in TABLES)
            return f'<main class="layout"><div id="tables">{tables}</div>{self.lines_pane()}</main>'
        sections = {kind: self.table_section(kind) for kind in TABLES}  # every cell known before any page
        shown: set[str] = set()
        pairs = []
        for i, kind in enumerate(TABLES):
            table = sections[kind]
            head = self.source_heading() if i == 0 else ""
            items = self.source_items(kind, shown) or '<p class="srclink">(no source located for this table)</p>'
            pairs.append(f'<div class="layout pair">{table}<aside class="src">{head}{items}</aside></div>')
        rest = self.source_items(None, shown)
        if rest:
            pairs.append('<div class="layout pair rest"><section class="tbl"><h2>Rest of the source</h2>'
                         '<p class="srclink">pages or grids no statistical table was located in</p></section>'
                         f'<aside class="src">{rest}</aside></div>')
        return f'<main id="tables">{"".join(pairs)}</main>'

    def pdf_page(self, page: Any) -> str:
        boxes = []
        for region, cells in page.regions:
            boxes.append(self.box_div(region, page, "region"))
            boxes += [self.box_div(c, page, "regcell") for c in cells]
        for cid, info in self.cells.items():
            box = box_of(info.get("source"))
            if box is not None and box.page == page.number:
                boxes.append(self.box_div(box, page, "cellbox", f'id="sb-{cid}" data-for="{cid}"'))
        width = 600
        height = round(width * page.height / page.width)
        return (f'<figure class="page" id="p{page.number}"><figcaption>page {page.number} '
                f'({page.width:.0f} × {page.height:.0f} pt), {len(page.regions)} table region(s)</figcaption>'
                f'<div class="pagebox" style="width:{width}px;height:{height}px">'
                f'<img class="pageimg" alt="page {page.number}" width="{width}" height="{height}" '
                f'src="{page.data_uri()}">{"".join(boxes)}</div></figure>')

    @staticmethod
    def box_div(box: Any, page: Any, cls: str, extra: str = "") -> str:
        left, top, w, h = box.percent(page.width, page.height)
        return (f'<div class="{cls}" {extra} style="left:{left:.3f}%;top:{top:.3f}%;width:{w:.3f}%;'
                f'height:{h:.3f}%"></div>')

    def grid(self, i: int) -> str:
        grid = self.source.grids[i]
        positions = grid_positions(grid)
        kind = self.source.kinds.get(i)
        located = f' — located as <b>{_e(label("table", kind))}</b> <code>{kind}</code>' if kind else ""
        rows = []
        for r, row in enumerate(grid.rows):
            tds = []
            for cell, (pr, pc) in zip(row, positions[r], strict=True):
                spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                    f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
                text = _e(cell.text).replace("\n", "<br>")
                at = cell.source
                own = (f' data-st="{at.table}" data-sr="{at.row}" data-sc="{at.column}"'
                       if at is not None and None not in (at.table, at.row, at.column) else "")
                tds.append(f'<td{spans} data-r="{pr}" data-c="{pc}" data-rs="{cell.rowspan}" '
                           f'data-cs="{cell.colspan}"{own}>{text}</td>')
            rows.append(f"<tr>{''.join(tds)}</tr>")
        spans = "spans known" if grid.spans.value == "known" else "flattened text, spans unknown"
        return (f'<figure class="srcgrid" id="g{i}"><figcaption>grid {i + 1}'
                f'{f" ({_e(grid.origin)})" if grid.origin else ""}, {spans}{located}</figcaption>'
                f'<table class="grid src" data-grid="{i}">{"".join(rows)}</table></figure>')

    # -------------------------------------------------------------- page --

    def build(self) -> str:
        doc = self.report.get("document") or {}
        src = self.report.get("source") or {}
        title = doc.get("title") or src.get("name") or "report"
        body = self.body()  # fills self.cells, which the PDF boxes and the script data need
        facts = " · ".join(f"{k}: <b>{_e(doc.get(k))}</b>" for k in ("kind", "organ", "year", "template")
                           if doc.get(k) is not None)
        data = _script_json(self.cells, [self.check_line(i) for i in range(len(self.marks.failed))],
                            [str(w.get("message", "")) for w in self.marks.warnings],
                            {"sha256": src.get("sha256"), "name": src.get("name")})
        legend = ('<p class="legend"><span class="sw fail">fail</span> cell of a failed check '
                  '<span class="sw warn">warn</span> cell named by a warning '
                  '<span class="sw null">null</span> no value (not 0) '
                  '<span class="sw unconfirmed">12</span> nothing confirms the value '
                  '<span class="sw human">12</span> given or confirmed by a person '
                  '<span class="sw absent">·</span> not in the output</p>')
        return (
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="generator" content="{_e(self.report.get("generator", "giaparse"))}">'
            f"<title>review: {_e(title)}</title><style>{CSS}</style></head><body>"
            f'<header><h1>{_e(title)}</h1><p class="meta">{facts}</p>'
            f'<p class="meta">source: <code>{_e(src.get("name"))}</code> ({_e(src.get("format"))}, '
            f'{_e(src.get("size"))} bytes, sha256 {_e(str(src.get("sha256", ""))[:16])}…)</p>{legend}</header>'
            f'<div class="top">{self.checks_section()}{self.warnings_section()}</div>'
            f'{CORRECTIONS_SECTION}'
            f"{body}"
            '<div id="inspector" hidden><button id="close" type="button">×</button><div id="insp"></div></div>'
            f'<script type="application/json" id="review-data">{data}</script>'
            f"<script>{SCRIPT}</script><script>{FIX_SCRIPT}</script></body></html>"
        )


#: Where a person confirms cells or gives their right values, and exports the records
#: (``giaparse.corrections``); the script fills it.
CORRECTIONS_SECTION = (
    '<section id="corrections"><h2>Corrections <small id="fix-count">(none)</small></h2>'
    '<p class="meta">Click a value, then confirm it or enter its right value with a note. The records stay in '
    'this browser until exported: <code>giaparse convert FILE --corrections FILE.jsonl</code> applies them.</p>'
    '<p><label>your name <input id="fix-by" size="12" autocomplete="name"></label> '
    '<button id="fix-export" type="button" disabled>Export corrections (.jsonl)</button></p>'
    '<ul id="fix-list"></ul><textarea id="fix-out" readonly rows="3" hidden></textarea></section>')


def _script_json(cells: dict[str, dict[str, Any]], checks: list[str], warnings: list[str],
                 document: Mapping[str, Any] | None = None) -> str:
    """The data the script needs, safe inside <script>: no ``<`` or ``>`` (JSON escapes them)."""
    check_cells: list[list[str]] = [[] for _ in checks]
    for cid, info in cells.items():
        for i in info["checks"]:
            check_cells[i].append(cid)
    text = json.dumps({"cells": cells, "checks": checks, "check_cells": check_cells, "warnings": warnings,
                       "document": dict(document or {})}, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e")


def build_page(report: Any, source: Source) -> str:
    """One HTML string for ``report`` (a ``Report`` or its canonical dict) and its ``source``."""
    data = report.to_dict() if hasattr(report, "to_dict") else report
    return _Builder(data, source).build()
