#!/usr/bin/env python3
"""Page-split PDF tables as real producers make them, with labels from the data.

Table 3 (三、收到和处理政府信息公开申请情况) of a generated report
(``reportdata.random_report(seed)``) is printed so that it breaks across a
page inside a row group, with no header repeated on the continued page and
the merged group labels (三、本年度办理结果, （三）不予公开 ...) running on as
empty cells. Three producers:

* ``reportlab`` -- the table drawn line by line on a canvas, so the ruling of
  the continued page is exactly controlled (the shapes met in WPS exports):

  - ``same``: the continued page ruled like the first;
  - ``extra``: an extra vertical line inside one value column on the
    continued page (8 value-column candidates for the template's 7);
  - ``sliver``: a second line 3.6 pt beside a column boundary (a sliver
    column with nothing in it);
  - ``wobble``: the continued page's value boundaries shifted by up to
    1.5 pt and its right edge by 2.5 pt (per-cell borders drawn by WPS);
  - ``noline``: one boundary between two value columns missing on the
    continued page (two numbers in one cell: benchmark only -- the reader
    cannot tell which number is whose, so those cells come out null);
  - ``margin``: the continued page's table set 35–55 % of a value column
    further right (another page margin): every value column straddles two
    of the header's, so positions cannot place it and the row totals must;
  - ``blank``: as ``margin`` (every continued column straddles two), the break
    at any row boundary, and every 0 on the continued page written as an
    empty cell: the row totals alone leave several placements, the column
    sums and the balance against the first page's rows decide;
  - ``wps``: as hongze_2023.pdf -- the vertical 三、本年度办理结果 cell runs
    on as a narrow empty column at the left of the continued page, the
    table shifted right by it, （六）其他处理 / （七）总计 drawn there as a
    group cell beside an empty sub-label cell, and the page break at any
    row boundary (``seed % n``);

  the group label 三、本年度办理结果 is drawn one character per line (竖排).
* ``wps`` -- tables 2, 3 and 4 drawn through ``wps_pdf.CIDCanvas`` in the fonts
  a WPS export writes (Type0 CIDFontType2 subset with ToUnicode, Identity-H;
  the vertical 三、本年度办理结果 in an Identity-V font), labels with stray
  spaces and a dropped character, no header repeated; variant ``t2`` / ``t3``
  / ``t4`` breaks that table at row boundary ``seed % n`` (``t3stack``: the
  2019 table 3 with two stacked 三、本年度办理结果 cells), ``t2head`` /
  ``t3head`` / ``t4head`` through one of its wrapped header rows (处理决定数 |
  量); the label's ``break`` says where (``wps_sweep(n)`` for the benchmark).
* ``chromium`` -- the report as an HTML page (make_html table builders)
  printed by headless Chromium (Skia PDF); the page break falls wherever
  Chromium puts it, prose of a seeded length before the table moves it.
  ``radicals``: set in Noto Sans CJK SC, whose shared glyphs Chromium maps to
  the radicals' code points (⼀ for 一, ⾃ for 自).
* ``libreoffice`` -- the report as a DOCX (make_docx table builder, no
  repeated header row) printed by LibreOffice.

Labels are ``ReportData.label()``: the numbers the document was drawn from.

    .venv/bin/python corpus/generate/make_pagesplit.py            # the committed sample
    .venv/bin/python corpus/generate/make_pagesplit.py --many 40 --out /tmp/ps   # more

The sample is corpus/pagesplit/: reportlab output is byte-identical on every
run (``invariant=1``); Chromium and LibreOffice PDFs have their dates and
/ID normalised (``make_pdf.normalise_pdf``), and may still differ in bytes
across versions of those programs -- the committed files are the reference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_html as H  # noqa: E402
from reportdata import ReportData, random_report  # noqa: E402

OUT_DIR = HERE.parent / "pagesplit"
FIXED_DATE = dt.datetime(2025, 1, 15, 9, 30, 0)
RULINGS = ("same", "extra", "sliver", "wobble", "noline", "margin", "wps", "blank")
#: The committed sample: (producer, variant, seed).
SAMPLE = [
    ("reportlab", "same", 11),
    ("reportlab", "extra", 12),
    ("reportlab", "sliver", 13),
    ("reportlab", "wobble", 14),
    ("reportlab", "margin", 15),
    ("reportlab", "wps", 16),
    ("chromium", "html", 21),
    ("chromium", "html", 22),
    ("libreoffice", "docx", 34),
]


def _data(seed: int) -> ReportData:
    return random_report(seed, "2021" if seed % 3 else None)


def _data_for(variant: str, seed: int) -> ReportData:
    """2019 data where table 2's wrapped header (处理决定数 | 量) is to be cut: the 2019 items have
    three narrow value columns."""
    return random_report(seed, "2019") if variant in ("t2head", "t3stack") else _data(seed)


def label_for(data: ReportData, source: str, producer: str, variant: str, *, with_proactive: bool) -> dict:
    label = data.label(source, labelled_by="generating data, corpus/generate/make_pagesplit.py",
                       producer=producer, variant=variant)
    if not with_proactive:
        del label["tables"]["proactive"]
    return label


# ------------------------------------------------------------- reportlab ---

_FONT = "WQYZenHei"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
_PAGE_W, _PAGE_H = 595.28, 841.89
_LEFT, _TOP, _BOTTOM = 45.0, 60.0, 60.0
_LABEL_W = (30.0, 52.0, 140.0)
_VALUE_W = 41.0
_SIZE = 8.0
_LEAD = 10.0


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_FONT, FONT_FILE, subfontIndex=0))


def _wrap(text: str, width: float) -> list[str]:
    per_line = max(int((width - 4) // _SIZE), 1)
    lines = []
    for part in text.split("\n"):
        while len(part) > per_line:
            lines.append(part[:per_line])
            part = part[per_line:]
        lines.append(part)
    return lines


_layout = H.layout


def _break_row(rows, rng: random.Random) -> int:
    """A grid row inside a multi-row group, not its first: where the page breaks."""
    placed = _layout(rows)
    choices = []
    for r, c, cell in placed:
        if c == 1 and cell.rs >= 3:  # （三）不予公开, （五）不予处理, ...
            choices.extend(range(r + 1, r + cell.rs))
    return rng.choice(choices)


def _any_break_row(rows, seed: int) -> int:
    """A row boundary of the body (WPS breaks wherever the page ends): the
    ``seed % n``-th of its n, so consecutive seeds sweep every boundary."""
    first_body = min(r for r, _, cell in _layout(rows) if cell.kind == "value")
    boundaries = range(first_body + 1, len(rows) - 1)
    return boundaries[seed % len(boundaries)]


def _heights(rows, xs):
    heights = [0.0] * len(rows)
    for r, c, cell in _layout(rows):
        if cell.rs == 1:
            lines = len(_wrap(cell.text, xs[c + cell.cs] - xs[c]))
            heights[r] = max(heights[r], lines * _LEAD + 6)
    return [max(h, 18.0) for h in heights]


def _draw_cell_text(cv, cell, x0, x1, top, bottom, vertical=False) -> None:
    if vertical and hasattr(cv, "drawVertical"):  # one Identity-V string, as WPS writes it
        text = cell.text.replace("\n", "")
        cv.drawVertical((x0 + x1) / 2, _PAGE_H - (top + bottom - len(text) * _SIZE) / 2, text)
        return
    lines = list(cell.text.replace("\n", "")) if vertical else _wrap(cell.text, x1 - x0)
    block = len(lines) * _LEAD
    y = _PAGE_H - (top + bottom - block) / 2 - _LEAD + 2
    for line in lines:
        width = cv.stringWidth(line, _FONT, _SIZE)
        cv.drawString((x0 + x1 - width) / 2, y, line)
        y -= _LEAD


def _row_tops(y: float, heights: list[float]) -> list[float]:
    """The top of each row from ``y`` down, and the bottom of the last: ``len(heights) + 1`` positions."""
    ys = [y]
    for h in heights:
        ys.append(ys[-1] + h)
    return ys


def _draw_fragment(cv, rows, xs, ys, first: int, end: int, vertical_labels, value_xs=None, skip_lines=(),
                   split_wide: bool = False) -> None:
    """Grid rows [first, end) at the y positions ``ys`` (page top-down); each
    cell part drawn as its own rectangle, text only in the part holding its first row.
    ``split_wide``: a short label merged over the group and sub-label columns
    (（六）其他处理, （七）总计) is drawn as two cells, its text in the group column, the sub-label cell empty
    (as WPS draws it on a continued page)."""
    value_xs = value_xs or xs
    cv.setLineWidth(0.6)
    for r, c, cell in _layout(rows):
        a, b = max(r, first), min(r + cell.rs, end)
        if a >= b:
            continue
        if split_wide and cell.kind == "label" and c == 1 and cell.cs >= 2 and r >= first and len(cell.text) <= 8:
            top, bottom = ys[a - first], ys[b - first]
            for x0, x1 in ((xs[1], xs[2]), (xs[2], xs[1 + cell.cs])):
                cv.rect(x0, _PAGE_H - bottom, x1 - x0, bottom - top)
            _draw_cell_text(cv, cell, xs[1], xs[2], top, bottom)
            continue
        x0 = value_xs[c] if cell.kind == "value" else xs[c]
        x1 = value_xs[c + cell.cs] if cell.kind == "value" or c + cell.cs >= len(_LABEL_W) else xs[c + cell.cs]
        top, bottom = ys[a - first], ys[b - first]
        merged_right = cell.kind == "value" and c in skip_lines and r >= first
        if merged_right:
            continue  # drawn with its right neighbour, below
        left_merge = cell.kind == "value" and c - 1 in skip_lines and r >= first
        if left_merge:
            x0 = value_xs[c - 1]
        cv.line(x0, _PAGE_H - top, x1, _PAGE_H - top)
        cv.line(x0, _PAGE_H - bottom, x1, _PAGE_H - bottom)
        cv.line(x0, _PAGE_H - top, x0, _PAGE_H - bottom)
        cv.line(x1, _PAGE_H - top, x1, _PAGE_H - bottom)
        if left_merge:
            left_cell = next(cl for rr, cc, cl in _layout(rows) if rr == r and cc == c - 1)
            _draw_cell_text(cv, left_cell, value_xs[c - 1], value_xs[c], top, bottom)
            _draw_cell_text(cv, cell, value_xs[c], x1, top, bottom)
        elif r >= first:
            _draw_cell_text(cv, cell, x0, x1, top, bottom, vertical=cell.text in vertical_labels)


def _blank_zeros(data: ReportData, cut: int) -> None:
    """The ``blank`` variant: every 0 of table 3's rows from grid row ``cut`` on written as an empty cell
    (the label holds null there: a blank cell is no 0)."""
    from reportdata import request_row_order

    for k, key in enumerate(request_row_order(data.edition)):
        if 3 + k >= cut:
            data.requests[key] = {c: (("", None) if v == 0 else (raw, v)) for c, (raw, v) in data.requests[key].items()}


def render_reportlab(data: ReportData, variant: str, seed: int, path: Path) -> int:
    """Title, part 3's heading, table 3 broken across pages 1-2, table 4 on page 2;
    the grid row (of table 3's rows as laid out) the second page starts with."""
    from reportlab.pdfgen import canvas

    _register_font()
    rng = random.Random(seed)
    rows = H.requests_rows(data.edition, data.requests)
    xs = [_LEFT]
    for w in list(_LABEL_W) + [_VALUE_W] * 7:
        xs.append(xs[-1] + w)
    heights = _heights(rows, xs)
    cut = _any_break_row(rows, seed) if variant in ("wps", "blank") else _break_row(rows, rng)
    if variant == "blank":
        _blank_zeros(data, cut)
        rows = H.requests_rows(data.edition, data.requests)
    cv = canvas.Canvas(str(path), pagesize=(_PAGE_W, _PAGE_H), invariant=1)
    cv.setTitle(data.title)
    cv.setFont(_FONT, 14)
    title = data.title
    cv.drawString((_PAGE_W - cv.stringWidth(title, _FONT, 14)) / 2, _PAGE_H - _TOP, title)
    cv.setFont(_FONT, 10)
    y = _TOP + 30
    for text in ("一、总体情况", "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。",
                 "三、收到和处理政府信息公开申请情况"):
        cv.drawString(_LEFT, _PAGE_H - y, text)
        y += 18
    # push the table down so that the break row is the last that fits
    above = sum(heights[:cut])
    y = max(y, _PAGE_H - _BOTTOM - above)
    ys = _row_tops(y, heights[:cut])
    cv.setFont(_FONT, _SIZE)
    vertical = {"三、本年度办理结果"}
    _draw_fragment(cv, rows, xs, ys, 0, cut, vertical)
    cv.setFont(_FONT, 9)
    cv.drawString(_PAGE_W / 2 - 10, 30, "— 1 —")
    cv.showPage()

    value_xs = list(xs)
    skip: tuple[int, ...] = ()
    n_label = len(_LABEL_W)
    if variant in ("margin", "wps", "blank"):
        shift = rng.uniform(0.35, 0.55) * _VALUE_W
        xs = [x + shift for x in xs]
        value_xs = list(xs)
        if variant == "wps":
            narrow = xs[0] - shift
            cv.setLineWidth(0.6)
            top, bottom = _PAGE_H - _TOP, _PAGE_H - _TOP - sum(heights[cut:])
            for x in (narrow, xs[0]):
                cv.line(x, top, x, bottom)
            cv.line(narrow, top, xs[0], top)
            cv.line(narrow, bottom, xs[0], bottom)
    if variant == "wobble":
        value_xs = [x + (rng.uniform(-1.5, 1.5) if n_label < i < len(xs) - 1 else 0) for i, x in enumerate(xs)]
        value_xs[-1] += 2.5
    elif variant == "noline":
        skip = (rng.randrange(n_label, n_label + 6),)
    ys = [_TOP]
    for h in heights[cut:]:
        ys.append(ys[-1] + h)
    cv.setFont(_FONT, _SIZE)
    _draw_fragment(cv, rows, xs, ys, cut, len(rows), vertical, value_xs, skip, split_wide=variant == "wps")
    col = rng.randrange(n_label, n_label + 7)
    if variant == "extra":
        x = xs[col] + 0.18 * _VALUE_W
        cv.line(x, _PAGE_H - ys[0], x, _PAGE_H - ys[-1])
    elif variant == "sliver":
        x = xs[col] + 3.6
        cv.line(x, _PAGE_H - ys[0], x, _PAGE_H - ys[-1])
    y = ys[-1] + 30
    cv.setFont(_FONT, 10)
    cv.drawString(_LEFT, _PAGE_H - y, "四、政府信息公开行政复议、行政诉讼情况")
    y += 14
    t4 = H.review_rows(data.review)
    t4_xs = [_LEFT + i * (_PAGE_W - 2 * _LEFT) / 15 for i in range(16)]
    t4_h = [24.0, 28.0, 28.0, 18.0]
    t4_ys = [y]
    for h in t4_h:
        t4_ys.append(t4_ys[-1] + h)
    cv.setFont(_FONT, _SIZE)
    _draw_fragment(cv, t4, t4_xs, t4_ys, 0, len(t4), set())
    cv.setFont(_FONT, 10)
    cv.drawString(_LEFT, _PAGE_H - t4_ys[-1] - 30, "五、存在的主要问题及改进情况")
    cv.setFont(_FONT, 9)
    cv.drawString(_PAGE_W / 2 - 10, 30, "— 2 —")
    cv.showPage()
    cv.save()
    return cut


# ------------------------------------------------------- wps (CID fonts) ---

#: WPS-like documents in CID fonts: which table the page break falls in, and
#: whether it cuts a header row's wrapped text (处理决定数 | 量).
WPS_BREAKS = {"t2": ("proactive", False), "t3": ("requests", False), "t4": ("review_litigation", False),
              "t2head": ("proactive", True), "t3head": ("requests", True), "t4head": ("review_litigation", True),
              "t3stack": ("requests", False)}
_T2_W = (215.0, 50.0, 50.0, 50.0)
_T4_W = 505.0 / 15


def _xs(left: float, widths) -> list[float]:
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    return xs


def _t2_rows(data: ReportData):
    """Table 2 as WPS draws it: one ruled grid, the 第二十条 items stacked (title row, header row, rows)."""
    return [row for block in H.proactive_blocks(data.edition, data.proactive) for row in block]


def _mutated(rng: random.Random, rows) -> dict[str, str]:
    """Label text as WPS writes it out of a justified cell: stray spaces in a few long labels,
    one character dropped from another (2.其他法律行政止公开)."""
    labels = sorted({cell.text for _, c, cell in _layout(rows) if cell.kind == "label" and len(cell.text) >= 9
                     and not cell.text.startswith("三、")})
    chosen = rng.sample(labels, min(3, len(labels)))
    out = {}
    for text in chosen[:2]:
        at = rng.randrange(4, len(text) - 1)
        out[text] = text[:at] + " " + text[at:]
    if len(chosen) > 2:
        text = chosen[2]
        at = rng.randrange(4, len(text) - 1)
        out[text] = text[:at] + text[at + 1:]
    return out


def _apply_labels(rows, table: dict[str, str]):
    for row in rows:
        for cell in row:
            if cell.kind == "label" and cell.text in table:
                cell.text = table[cell.text]
    return rows


def _split_row(rows, r: int, xs, keep: int = 1):
    """Grid row ``r`` cut after its ``keep``-th text line (a header the page break runs through):
    two grid rows, the wrapped lines of each one-row cell divided between them; cells spanning
    row ``r`` span both."""
    placed = _layout(rows)
    new_rows = [list(row) for row in rows]
    lower = []
    for rr, c, cell in placed:
        if rr <= r < rr + cell.rs and (rr < r or cell.rs > 1):
            cell.rs += 1
        elif rr == r:
            lines = _wrap(cell.text, xs[c + cell.cs] - xs[c])
            cell.text = "\n".join(lines[:keep])
            lower.append(H.Cell("\n".join(lines[keep:]), cs=cell.cs, kind=cell.kind))
    new_rows.insert(r + 1, lower)
    return new_rows


def _wrapped_header_rows(rows, xs) -> list[int]:
    """Header rows with a one-row cell whose text wraps onto two lines or more."""
    out = set()
    for r, c, cell in _layout(rows):
        if cell.kind == "head" and cell.rs == 1 and len(_wrap(cell.text, xs[c + cell.cs] - xs[c])) > 1:
            out.add(r)
    return sorted(out)


def render_wps_cid(data: ReportData, variant: str, seed: int, path: Path) -> dict:
    """Tables 2, 3 and 4 of ``data`` in a WPS-like PDF (CID fonts with ToUnicode, the vertical
    三、本年度办理结果 in an Identity-V font, no repeated header), the page break at row boundary
    ``seed % n`` of the table ``variant`` names (or through a wrapped header row: ``…head``).
    Returns where the break is: the table and the grid row that starts the next page."""
    from wps_pdf import CIDCanvas

    broken, split_header = WPS_BREAKS[variant]
    rng = random.Random(seed)
    cv = CIDCanvas(path, (_PAGE_W, _PAGE_H))
    cv.setTitle(data.title)
    # t3stack: 三、本年度办理结果 written as two stacked cells (the second from （四）无法提供 on)
    t3 = H.requests_rows(data.edition, data.requests, split_result=variant == "t3stack")
    tables = [
        ("proactive", "二、主动公开政府信息情况", _t2_rows(data), _xs(_LEFT, _T2_W)),
        ("requests", "三、收到和处理政府信息公开申请情况", _apply_labels(t3, _mutated(rng, t3)),
         _xs(_LEFT, list(_LABEL_W) + [_VALUE_W] * 7)),
        ("review_litigation", "四、政府信息公开行政复议、行政诉讼情况", H.review_rows(data.review),
         _xs(_LEFT, [_T4_W] * 15)),
    ]
    page = [1]

    def new_page() -> float:
        cv.setFont(_FONT, 9)
        cv.drawString(_PAGE_W / 2 - 10, 30, f"— {page[0]} —")
        cv.showPage()
        page[0] += 1
        return _TOP

    cv.setFont(_FONT, 14)
    cv.drawString((_PAGE_W - cv.stringWidth(data.title, _FONT, 14)) / 2, _PAGE_H - _TOP, data.title)
    cv.setFont(_FONT, 10)
    y = _TOP + 30
    for text in ("一、总体情况", "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。"):
        cv.drawString(_LEFT, _PAGE_H - y, text)
        y += 18
    where: dict = {}
    for kind, heading, rows, xs in tables:
        if kind == broken and split_header:
            choices = _wrapped_header_rows(rows, xs)
            r = choices[seed % len(choices)]
            rows = _split_row(rows, r, xs)
            cut = r + 1
        elif kind == broken:
            cut = 1 + seed % (len(rows) - 1)
        else:
            cut = len(rows)
        heights = _heights(rows, xs)
        if y > _TOP and y + 18 + sum(heights[:cut]) > _PAGE_H - _BOTTOM:
            y = new_page()
        cv.setFont(_FONT, 10)
        cv.drawString(_LEFT, _PAGE_H - y - 10, heading)
        y += 18
        if kind == broken:
            y = max(y, _PAGE_H - _BOTTOM - sum(heights[:cut]))  # the cut row is the last that fits
        ys = _row_tops(y, heights[:cut])
        cv.setFont(_FONT, _SIZE)
        vertical = {"三、本年度办理结果"}
        _draw_fragment(cv, rows, xs, ys, 0, cut, vertical)
        y = ys[-1] + 12
        if cut == len(rows):
            continue
        where = {"table": kind, "row": cut, "split_header": split_header}
        y = new_page()
        value_xs = xs
        vertical_open = kind == "requests" and any(
            cell.text == "三、本年度办理结果" and r < cut < r + cell.rs for r, _, cell in _layout(rows))
        if vertical_open:
            # as hongze_2023.pdf: the vertical cell runs on as a narrow empty column, the table shifted by it
            shift = rng.uniform(0.35, 0.55) * _VALUE_W
            xs = [x + shift for x in xs]
            value_xs = xs
            top, bottom = _PAGE_H - y, _PAGE_H - y - sum(heights[cut:])
            cv.setLineWidth(0.6)
            for x in (xs[0] - shift, xs[0]):
                cv.line(x, top, x, bottom)
            cv.line(xs[0] - shift, top, xs[0], top)
            cv.line(xs[0] - shift, bottom, xs[0], bottom)
        ys = [y]
        for h in heights[cut:]:
            ys.append(ys[-1] + h)
        cv.setFont(_FONT, _SIZE)
        _draw_fragment(cv, rows, xs, ys, cut, len(rows), vertical, value_xs, split_wide=vertical_open)
        y = ys[-1] + 12
    cv.setFont(_FONT, 10)
    for text in ("五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"):
        if y + 18 > _PAGE_H - _BOTTOM:
            y = new_page()
        cv.drawString(_LEFT, _PAGE_H - y - 10, text)
        y += 18
    new_page()
    cv.save()
    return where


# -------------------------------------------------------------- chromium ---

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "WenQuanYi Zen Hei", sans-serif; font-size: 12pt; line-height: 1.6; }
h1 { font-size: 18pt; text-align: center; }
p { text-indent: 2em; margin: 0.3em 0; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; margin: 0.5em 0; }
td { border: 1px solid #000; padding: 6px 3px; text-align: center; }
td.label { text-align: left; }
"""


def _td(cell) -> str:
    cls = ' class="label"' if cell.kind == "label" else ""
    return f"<td{H.span_attrs(cell)}{cls}>{H.text_html(cell.text)}</td>"


#: Chromium with Noto CJK writes a ToUnicode map sending shared glyphs to the radicals'
#: code points (⼀ for 一, ⾃ for 自, ⻅ for 见): the ``radicals`` variant's font.
_RADICAL_FONT = 'body { font-family: "Noto Sans CJK SC", sans-serif; }'


def _html(data: ReportData, seed: int, css: str = "") -> str:
    rng = random.Random(seed)
    t2 = "".join(H.render_table(b, _td, "<table>") for b in H.proactive_blocks(data.edition, data.proactive))
    t3 = H.render_table(H.requests_rows(data.edition, data.requests), _td, "<table>")
    t4 = H.render_table(H.review_rows(data.review), _td, "<table>")
    filler = "".join(
        f"<p>本机关坚持以公开为常态、不公开为例外，第{i + 1}项工作按照《中华人民共和国政府信息公开条例》要求，"
        "进一步规范依申请公开办理流程，提高答复质量。</p>" for i in range(rng.randint(6, 16)))
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{H.esc(data.title)}</title><style>{_CSS}{css}</style></head><body>"
        f"<h1>{H.esc(data.title)}</h1><p>一、总体情况</p>{filler}"
        f"<p>二、主动公开政府信息情况</p>{t2}"
        f"<p>三、收到和处理政府信息公开申请情况</p>{t3}"
        f"<p>四、政府信息公开行政复议、行政诉讼情况</p>{t4}"
        "<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>"
        "</body></html>"
    )


def render_chromium(data: ReportData, seed: int, path: Path, variant: str = "html") -> None:
    from make_pdf import chromium_print, normalise_pdf

    html = _html(data, seed, _RADICAL_FONT if variant == "radicals" else "")
    path.write_bytes(normalise_pdf(chromium_print(html, timeout=120), FIXED_DATE))


# ----------------------------------------------------------- libreoffice ---

def render_libreoffice(data: ReportData, seed: int, path: Path) -> None:
    import make_docx as D
    from make_pdf import normalise_pdf, soffice_convert

    doc = D.report_document(data, FIXED_DATE, fillers=random.Random(seed).randint(4, 14))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        D.save_deterministic(doc, src)
        soffice_convert([src], tmp, Path(tmp) / "profile")
        path.write_bytes(normalise_pdf((Path(tmp) / "report.pdf").read_bytes(), FIXED_DATE))


# ------------------------------------------------------------------ main ---

def render(producer: str, variant: str, seed: int, out_dir: Path) -> Path:
    """One PDF and its label file in ``out_dir``; the PDF's path."""
    data = _data(seed)
    stem = f"{producer}_{variant}_{seed}"
    path = out_dir / f"{stem}.pdf"
    cut = None
    if producer == "reportlab":
        cut = render_reportlab(data, variant, seed, path)
    elif producer == "wps":
        data = _data_for(variant, seed)
        cut = render_wps_cid(data, variant, seed, path)
    elif producer == "chromium":
        render_chromium(data, seed, path, variant)
    else:
        render_libreoffice(data, seed, path)
    label = label_for(data, path.name, producer, variant, with_proactive=producer != "reportlab")
    if producer == "reportlab":
        label["absent_tables"] = ["proactive"]
        label["break_row"] = cut  # table 3's grid row that starts page 2
    elif producer == "wps":
        label["break"] = cut  # the table broken and its grid row that starts the next page
    (out_dir / f"{stem}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    return path


def sweep(n: int) -> list[tuple[str, str, int]]:
    """``n`` WPS-like documents whose page break walks table 3's row boundaries one by one."""
    return [("reportlab", "wps", 2000 + k) for k in range(n)]


def wps_sweep(n: int) -> list[tuple[str, str, int]]:
    """``n`` WPS-like CID-font documents per broken table (and per cut header): consecutive seeds
    walk the break over that table's row boundaries (or its wrapped header rows)."""
    return [("wps", v, 3000 + k) for v in WPS_BREAKS for k in range(n)]


def plan(n: int) -> list[tuple[str, str, int]]:
    """``n`` documents for the benchmark: reportlab rulings, Chromium and LibreOffice in turn."""
    kinds = [("reportlab", v) for v in RULINGS] + [("chromium", "html"), ("chromium", "radicals"),
                                                    ("libreoffice", "docx")]
    return [(*kinds[i % len(kinds)], 1000 + i) for i in range(n)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--many", type=int, default=0, help="render N documents for the benchmark")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    todo = plan(args.many) if args.many else SAMPLE
    for producer, variant, seed in todo:
        path = render(producer, variant, seed, args.out)
        print(f"{path.name:40s} {path.stat().st_size:8d} bytes")


if __name__ == "__main__":
    main()
