#!/usr/bin/env python3
"""Cell-per-line renderings of a ``ReportData``: the tables as a stream of cells,
one cell per line, the way scrapers save ``get_text("\\n")`` of an HTML table.

``STYLES[name](data, rng) -> str`` is a whole report (title, preamble, six
parts, the three tables). ``render_cells(data, layout)`` is the renderer;
each style fixes some of its ``CellLayout`` and draws the rest from ``rng``:

* ``c`` empty lines between two cells of a row, ``r`` between rows, ``f``
  around a table (the real sample, corpus/real/hebei_jyt_2023.txt: 2 / 4 / 5);
* blanks: a cell written empty (``zero_blank`` of the zeros are) is
  ``"empty_cell"`` — an empty cell written like any other, ``c + 1`` more
  empty lines —, ``"extra_line"`` — one more empty line —, or ``"gone"`` —
  nothing at all; with ``zero_blank = 0`` every cell holds a number;
* header cells broken over lines (商业 / 企业), row labels broken over lines
  (``make_html.BREAKS``), group labels (三、本年度办理结果, （三）不予公开 …) as
  cells of their own before their first sub-row, or left out;
* table 2 as four bands each with its own header (第二十条第（X）项 / 信息内容 /
  column heads), table 4 as two header rows, ten sub-heads and one 15-cell
  row, or as three groups of five each under its own label;
* CRLF line ends; page-number lines (``— 4 —``) put in at random.

The styles:

* ``cells_blank_lines`` — the real sample's shape, zeros sometimes written
  blank, blanks kept as empty lines (any of the two ways), separators drawn;
* ``cells_no_blank_lines`` — one cell per line and no empty line at all
  (w3m/lynx dumps, ``get_text("\\n")`` of tight HTML): blank cells are gone;
* ``cells_blanks_gone`` — empty lines between cells and rows, but blank
  cells dropped without a trace;
* ``html_get_text`` — lxml's ``itertext()`` of ``reportdata.render_html``
  joined by newlines, as BeautifulSoup's ``get_text("\\n")`` gives it;
* ``html_text_content`` — lxml's ``text_content()`` of the same page: the
  cells run together (the running-text reading's business).

``truth(data, text_style_layout)`` is the label: the generating data, with
``None`` for the cells written blank. Run ``python
corpus/generate/styles_cells.py`` to write the committed sample into
corpus/cells/ (deterministic).
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_html import BREAKS, REQ_GROUPS_HEAD, REQ_OTHER_2019, REQ_OTHER_2021  # noqa: E402
from reportdata import (  # noqa: E402
    PROACTIVE_2019,
    PROACTIVE_2021,
    REQ_COLS,
    RL_GROUPS,
    RL_HEADS,
    RL_RESULTS,
    ReportData,
    random_report,
    render_html,
)
from styles_flat import HEADINGS, _narrative, _preamble  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "cells"


class CellLayout(NamedTuple):
    c: int = 2                   # empty lines between the cells of a row
    r: int = 4                   # ... between rows
    f: int = 5                   # ... around a table
    blanks: str = "empty_cell"   # "empty_cell" | "extra_line" | "gone"
    zero_blank: float = 0.0      # share of the zero cells written blank
    broken_heads: bool = True    # 商业/企业 on two lines
    broken_labels: bool = False  # long row labels on two lines
    group_cells: bool = True     # 三、本年度办理结果, （三）不予公开 … as cells of their own
    review_per_group: bool = False
    crlf: bool = False
    page_lines: int = 0          # page-number lines put in at random
    seed: int = 0
    blanked: frozenset = frozenset()


# ------------------------------------------------------------------ tables --

_REQ_HEAD_ROWS = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
                  ["自然人", "法人或其他组织", "总计"],
                  ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
_HEAD_BREAKS = {"商业企业": "商业\n企业", "科研机构": "科研\n机构", "社会公益组织": "社会公益\n组织",
                "法律服务机构": "法律服务\n机构"}


def _blank_cells(data: ReportData, layout: CellLayout) -> frozenset:
    """Which zero cells are written blank: ``(table, row, column)``, drawn from the layout's seed."""
    rng = random.Random(layout.seed * 7919 + 17)
    out = set()
    if layout.zero_blank <= 0:
        return frozenset()
    for row, cells in data.requests.items():
        for col, (raw, value) in cells.items():
            if value == 0 and rng.random() < layout.zero_blank:
                out.add(("requests", row, col))
    for g, cells in data.review.items():
        for col, (raw, value) in cells.items():
            if value == 0 and rng.random() < layout.zero_blank:
                out.add(("review_litigation", g, col))
    for item, cells in data.proactive.items():
        for col, (raw, value) in cells.items():
            if raw == "0" and rng.random() < layout.zero_blank:
                out.add(("proactive", item, col))
    return frozenset(out)


def _cell(layout: CellLayout, table: str, row: str, col: str, raw: str) -> str | None:
    return None if (table, row, col) in layout.blanked else raw


def _label(layout: CellLayout, text: str) -> str:
    return BREAKS.get(text, text) if layout.broken_labels else text


def _proactive_rows(data: ReportData, layout: CellLayout) -> list[list[list[str | None]]]:
    """Table 2 as bands: each band a list of rows, each row a list of cells."""
    bands = []
    for sub, heads, items, fields in (PROACTIVE_2021 if data.edition == "2021" else PROACTIVE_2019):
        rows: list[list[str | None]] = [[f"第二十条第{sub}项"], ["信息内容"] + [_label(layout, h) for h in heads]]
        for key, label in items:
            rows.append([_label(layout, label)] + [_cell(layout, "proactive", key, f, data.proactive[key][f][0])
                                                   for f in fields])
        bands.append(rows)
    return bands


def _request_rows(data: ReportData, layout: CellLayout) -> list[list[str | None]]:
    heads = [[_HEAD_BREAKS.get(h, h) if layout.broken_heads else h for h in row] for row in _REQ_HEAD_ROWS]
    rows: list[list[str | None]] = [list(r) for r in heads]

    def values(key: str) -> list[str | None]:
        return [_cell(layout, "requests", key, c, data.requests[key][c][0]) for c in REQ_COLS]

    rows.append([_label(layout, "一、本年新收政府信息公开申请数量")] + values("new_received"))
    rows.append([_label(layout, "二、上年结转政府信息公开申请数量")] + values("carried_over"))
    other = REQ_OTHER_2019 if data.edition == "2019" else REQ_OTHER_2021
    groups = REQ_GROUPS_HEAD + [other, ("（七）总计", [("total", None)])]
    for gi, (glabel, items) in enumerate(groups):
        for ii, (key, ilabel) in enumerate(items):
            row: list[str | None] = []
            if gi == 0 and ii == 0 and layout.group_cells:
                row.append("三、本年度办理结果")
            if ilabel is None:
                row.append(_label(layout, glabel))
            else:
                if ii == 0 and layout.group_cells:
                    row.append(glabel)
                row.append(_label(layout, ilabel))
            rows.append(row + values(key))
    rows.append([_label(layout, "四、结转下年度继续办理")] + values("carried_forward"))
    return rows


def _review_rows(data: ReportData, layout: CellLayout) -> list[list[str | None]]:
    def values(g: str) -> list[str | None]:
        return [_cell(layout, "review_litigation", g, r, data.review[g][r][0]) for r in RL_RESULTS]

    if layout.review_per_group:
        names = {"review": "行政复议", "litigation_direct": "未经复议直接起诉", "litigation_after_review": "复议后起诉"}
        rows: list[list[str | None]] = []
        for g in RL_GROUPS:
            rows += [[names[g]], list(RL_HEADS), values(g)]
        return rows
    return [["行政复议", "行政诉讼"], list(RL_HEADS) + ["未经复议直接起诉", "复议后起诉"], list(RL_HEADS) * 2,
            [v for g in RL_GROUPS for v in values(g)]]


# ------------------------------------------------------------------ render --

def _row_text(cells: list[str | None], layout: CellLayout) -> str:
    out = ""
    sep = "\n" * (layout.c + 1)
    pending = 0  # blank cells since the last written one
    first = True
    for cell in cells:
        if cell is None:
            if layout.blanks == "empty_cell":
                out += ("" if first else sep) + ""
                first = False
            elif layout.blanks == "extra_line":
                pending += 1
            continue
        out += ("\n" * pending if first else sep + "\n" * pending) + cell
        pending, first = 0, False
    return out + "\n" * pending


def _table_text(rows: list[list[str | None]], layout: CellLayout) -> str:
    return ("\n" * (layout.r + 1)).join(_row_text(r, layout) for r in rows)


def render_cells(data: ReportData, layout: CellLayout) -> str:
    """The whole report with its three tables one cell per line (see the module doc)."""
    layout = layout._replace(blanked=_blank_cells(data, layout))
    rng = random.Random(layout.seed)
    text = _narrative(data, rng)
    fence = "\n" * (layout.f + 1)
    t2 = fence.join(_table_text(band, layout) for band in _proactive_rows(data, layout))
    t3 = _table_text(_request_rows(data, layout), layout)
    t4 = _table_text(_review_rows(data, layout), layout)
    parts = ["\n".join(_preamble(data)), HEADINGS[1], text[1], HEADINGS[2] + fence + t2 + fence,
             HEADINGS[3] + fence + t3 + fence, HEADINGS[4] + fence + t4 + fence,
             HEADINGS[5], text[5], HEADINGS[6], text[6]]
    body = "\n".join(parts) + "\n"
    if layout.page_lines:
        lines = body.split("\n")
        for k in range(layout.page_lines):
            at = rng.randrange(len(lines) // 4, len(lines))
            lines.insert(at, f"— {k + 2} —")
        body = "\n".join(lines)
    return body.replace("\n", "\r\n") if layout.crlf else body


def truth(data: ReportData, layout: CellLayout) -> dict:
    """The canonical ``tables`` with bare values: the generating data, None where a cell was written blank."""
    blanked = _blank_cells(data, layout)
    values = data.values()
    for table, row, col in blanked:
        node = values[table]["items"] if table == "proactive" and "items" in values[table] else values[table]
        node[row][col] = None
    return values


def draw_layout(rng: random.Random, seed: int, **fixed) -> CellLayout:
    """A layout with everything not in ``fixed`` drawn from ``rng``."""
    c = rng.choice((1, 2, 2, 3))
    r = rng.choice((c + 1, c + 2, 2 * c + 1))
    layout = CellLayout(c=c, r=r, f=r + rng.choice((1, 2)), blanks=rng.choice(("empty_cell", "extra_line")),
                        zero_blank=rng.choice((0.0, 0.0, 0.3, 1.0)), broken_heads=rng.random() < 0.7,
                        broken_labels=rng.random() < 0.4, group_cells=rng.random() < 0.7,
                        review_per_group=rng.random() < 0.3, crlf=rng.random() < 0.25,
                        page_lines=rng.choice((0, 0, 1, 3)), seed=seed)
    return layout._replace(**fixed)


def layout_for(style: str, seed: int) -> CellLayout | None:
    """The layout ``STYLES[style]`` draws for ``seed`` (None for the HTML-text styles)."""
    rng = random.Random(seed * 31 + 5)
    if style == "cells_blank_lines":
        return draw_layout(rng, seed)
    if style == "cells_no_blank_lines":
        return draw_layout(rng, seed, c=0, r=0, f=0, blanks="gone")
    if style == "cells_blanks_gone":
        return draw_layout(rng, seed, blanks="gone")
    return None


def _cells_style(name: str) -> Callable[[ReportData, random.Random], str]:
    def render(data: ReportData, rng: random.Random) -> str:
        layout = layout_for(name, rng.randrange(10**6))
        assert layout is not None
        return render_cells(data, layout)
    render.__name__ = name
    return render


def _html_tree(data: ReportData):
    import lxml.html

    return lxml.html.fromstring(render_html(data).encode("utf-8"))


def html_get_text(data: ReportData, rng: random.Random) -> str:
    """BeautifulSoup's ``get_text("\\n")``: every text node of the body, whitespace ones too, joined by newlines."""
    body = _html_tree(data).find("body")
    return "\n".join(body.itertext()) + "\n"


def html_text_content(data: ReportData, rng: random.Random) -> str:
    """lxml's ``text_content()`` of the body: the text nodes run together."""
    return _html_tree(data).find("body").text_content()


STYLES: dict[str, Callable[[ReportData, random.Random], str]] = {
    "cells_blank_lines": _cells_style("cells_blank_lines"),
    "cells_no_blank_lines": _cells_style("cells_no_blank_lines"),
    "cells_blanks_gone": _cells_style("cells_blanks_gone"),
    "html_get_text": html_get_text,
    "html_text_content": html_text_content,
}


def style_truth(style: str, data: ReportData, rng: random.Random) -> dict:
    """The label of ``STYLES[style](data, rng)``, drawn with a fresh ``rng`` of the same seed."""
    layout = layout_for(style, rng.randrange(10**6)) if style.startswith("cells_") else None
    return truth(data, layout) if layout is not None else data.values()


#: The committed sample: (style, report seed), and the layout each is written with.
SAMPLE = [
    ("cells_blank_lines", 101, CellLayout(seed=101)),  # the real sample's shape (2 / 4 / 5, no blank)
    ("cells_blank_lines", 102, CellLayout(c=1, r=3, f=4, blanks="empty_cell", zero_blank=0.5, broken_labels=True,
                                          review_per_group=True, seed=102)),
    ("cells_blank_lines", 103, CellLayout(c=2, r=5, f=6, blanks="extra_line", zero_blank=1.0, group_cells=False,
                                          crlf=True, page_lines=2, seed=103)),
    ("cells_no_blank_lines", 104, CellLayout(c=0, r=0, f=0, blanks="gone", seed=104)),
]


def write_sample() -> None:
    OUT.mkdir(exist_ok=True)
    for style, seed, layout in SAMPLE:
        data = random_report(seed)
        name = f"gen_{style}_{seed}_{data.edition}"
        (OUT / f"{name}.txt").write_bytes(render_cells(data, layout).encode("utf-8"))
        label = data.label(f"{name}.txt", labelled_by=f"generating data, corpus/generate/styles_cells.py "
                                                      f"({style}, seed {seed}, {layout})")
        label["tables"] = truth(data, layout)
        (OUT / f"{name}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")


if __name__ == "__main__":
    write_sample()
