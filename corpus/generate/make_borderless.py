#!/usr/bin/env python3
"""Borderless tables printed to PDF: no ruling lines, every character in the text layer.

A generated report (``reportdata.random_report(seed)``) with its three tables
written without borders, printed by a real producer, with the label file
written from the data it drew. Three producers:

* ``pandoc`` -- the report as plain HTML (``reportdata.render_html``, tables
  with their merged cells, no border attribute) turned into DOCX by
  ``pandoc -f html -t docx`` (pandoc's "Table" style: no rules at all), then
  printed by LibreOffice (``soffice --headless --convert-to pdf``). Pandoc
  gives the columns widths from a ``<colgroup>`` when there is one.
* ``docx`` -- the report built with python-docx (``make_docx`` table builder)
  with ``borders=False``: the default table style draws nothing. Printed by
  LibreOffice.
* ``chromium`` -- the report as an HTML page whose cells have no border
  (``border: none``), printed by headless Chromium.
* ``chromium_plain`` -- the plain page of ``reportdata.render_html`` with no
  border attribute and no table style (the browser's own table layout:
  columns as wide as their content, 1 px padding, 2 px spacing; the body set
  in WenQuanYi Zen Hei), printed by headless Chromium.

Variations, drawn from the seed: the width of the three label columns of
table 3 (narrow columns wrap a label two to four characters a line), the
font size of the table, and the amount of prose before table 3 (which moves
the page break, often into the table).

Labels are ``ReportData.label()``: the numbers the document was drawn from.

    .venv/bin/python corpus/generate/make_borderless.py              # the committed sample
    .venv/bin/python corpus/generate/make_borderless.py --many 30 --out /tmp/bl   # 30 per producer

Chromium and LibreOffice PDFs have their dates and /ID normalised
(``make_pdf.normalise_pdf``); their bytes may still differ across versions
of those programs, so the committed files are the reference.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_html as H  # noqa: E402
from reportdata import ReportData, random_report, render_html  # noqa: E402

OUT_DIR = HERE.parent / "borderless"
PRODUCERS = ("pandoc", "docx", "chromium", "chromium_plain")
#: The committed sample: (producer, seed).
SAMPLE = [("pandoc", 41), ("pandoc", 42), ("docx", 43), ("docx", 44), ("chromium", 45), ("chromium", 46),
          ("chromium_plain", 47)]


def _fixed_date():
    import datetime as dt

    return dt.datetime(2025, 1, 15, 9, 30, 0)


def data_for(seed: int) -> ReportData:
    return random_report(seed)


class Variation:
    """What the seed sets beside the data: label widths, table font size, prose before table 3."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed * 7919 + 1)
        #: table 3's three label columns, as shares of the table width
        self.label_shares = rng.choice([(0.07, 0.09, 0.16), (0.06, 0.08, 0.12), (0.08, 0.10, 0.22),
                                        (0.05, 0.07, 0.10), (0.09, 0.12, 0.26)])
        self.font_pt = rng.choice([9.0, 10.5, 12.0])
        self.fillers = rng.randint(0, 14)

    def describe(self) -> dict:
        return {"label_shares": list(self.label_shares), "font_pt": self.font_pt, "fillers": self.fillers}


def _filler(n: int) -> str:
    return "".join(f"<p>本机关坚持以公开为常态、不公开为例外，第{i + 1}项工作按照《中华人民共和国政府信息公开条例》要求，"
                   "进一步规范依申请公开办理流程，提高答复质量。</p>" for i in range(n))


def _colgroup(width: int, shares: tuple[float, ...]) -> str:
    rest = (1.0 - sum(shares)) / (width - len(shares))
    cols = list(shares) + [rest] * (width - len(shares))
    return "<colgroup>" + "".join(f'<col width="{c * 100:.1f}%" style="width:{c * 100:.1f}%">' for c in cols) + "</colgroup>"


# ---------------------------------------------------------------- pandoc ---

def pandoc_html(data: ReportData, seed: int, var: Variation) -> str:
    """``render_html`` without borders, table 3 given its column widths, prose before table 3."""
    html = render_html(data, seed)
    html = html.replace('<table border="1" cellspacing="0" style="border-collapse:collapse">', "<table>")
    t3_at = html.index("<table>", html.index("收到和处理政府信息公开申请情况"))
    width = H.grid_width(H.requests_rows(data.edition, data.requests))
    head = html[:t3_at]
    tail = html[t3_at + len("<table>"):]
    # The prose goes before table 3's heading, so that the heading stays with its table.
    heading_at = head.rindex("<h", 0, head.index("收到和处理政府信息公开申请情况"))
    head = head[:heading_at] + _filler(var.fillers) + head[heading_at:]
    return head + "<table>" + _colgroup(width, var.label_shares) + tail


def render_pandoc(data: ReportData, seed: int, path: Path, var: Variation) -> None:
    from make_pdf import normalise_pdf, soffice_convert

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.html"
        src.write_text(pandoc_html(data, seed, var), encoding="utf-8")
        docx = Path(tmp) / "report.docx"
        subprocess.run(["pandoc", "-f", "html", "-t", "docx", "-o", str(docx), str(src)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        soffice_convert([docx], tmp, Path(tmp) / "profile")
        path.write_bytes(normalise_pdf((Path(tmp) / "report.pdf").read_bytes(), _fixed_date()))


# ------------------------------------------------------------ python-docx ---

def docx_document(data: ReportData, var: Variation):
    """As ``make_docx.report_document``, every table built with ``borders=False``."""
    import make_docx as D

    when = _fixed_date()
    doc = D.new_document(dict(author="gk", modified_by="gk", created=when, modified=when, printed=when, revision=1))
    D.title_pars(doc, [data.organ, f"{data.year}年政府信息公开工作年度报告"], bold=True)
    D.body_par(doc, "一、总体情况", east=D.HEITI)
    D.body_par(doc, "本机关坚持以公开为常态、不公开为例外，进一步规范依申请公开办理流程。")
    D.body_par(doc, "二、主动公开政府信息情况", east=D.HEITI)
    rows = [r for blk in H.proactive_blocks(data.edition, data.proactive) for r in blk]
    size = var.font_pt
    D.build_table(doc, rows, D.T2_WIDTHS, D.default_fill(label_size=size), borders=False)
    for k in range(var.fillers):
        D.body_par(doc, f"本机关坚持以公开为常态、不公开为例外，第{k + 1}项工作进一步规范依申请公开办理流程。")
    D.body_par(doc, "三、收到和处理政府信息公开申请情况", east=D.HEITI)
    total = 15.6
    label = tuple(round(s * total, 2) for s in var.label_shares)
    D.build_table(doc, H.requests_rows(data.edition, data.requests), D.t3_widths(total, label),
                  D.default_fill(label_size=size), borders=False)
    D.body_par(doc, "四、政府信息公开行政复议、行政诉讼情况", east=D.HEITI)
    D.build_table(doc, H.review_rows(data.review), D.t4_widths(total), D.default_fill(label_size=min(size, 9.0)),
                  borders=False)
    for head in ("五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        D.body_par(doc, head, east=D.HEITI)
        D.body_par(doc, "无。")
    return doc


def render_docx(data: ReportData, seed: int, path: Path, var: Variation) -> None:
    import make_docx as D
    from make_pdf import normalise_pdf, soffice_convert

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        D.save_deterministic(docx_document(data, var), src)
        soffice_convert([src], tmp, Path(tmp) / "profile")
        path.write_bytes(normalise_pdf((Path(tmp) / "report.pdf").read_bytes(), _fixed_date()))


# --------------------------------------------------------------- chromium ---

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "WenQuanYi Zen Hei", sans-serif; font-size: 12pt; line-height: 1.6; }
h1 { font-size: 18pt; text-align: center; }
p { text-indent: 2em; margin: 0.3em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; table-layout: fixed; }
td { border: none; padding: 4px 2px; text-align: center; }
td.label { text-align: left; }
"""


def _td(cell) -> str:
    cls = ' class="label"' if cell.kind == "label" else ""
    return f"<td{H.span_attrs(cell)}{cls}>{H.text_html(cell.text)}</td>"


def chromium_html(data: ReportData, seed: int, var: Variation) -> str:
    t2 = "".join(H.render_table(b, _td, "<table>") for b in H.proactive_blocks(data.edition, data.proactive))
    t3_rows = H.requests_rows(data.edition, data.requests)
    t3 = H.render_table(t3_rows, _td, "<table>" + _colgroup(H.grid_width(t3_rows), var.label_shares))
    t4 = H.render_table(H.review_rows(data.review), _td, "<table>")
    css = _CSS + f"table {{ font-size: {var.font_pt}pt; }}"
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{H.esc(data.title)}</title><style>{css}</style></head><body>"
        f"<h1>{H.esc(data.title)}</h1><p>一、总体情况</p><p>本机关坚持以公开为常态、不公开为例外。</p>"
        f"<p>二、主动公开政府信息情况</p>{t2}{_filler(var.fillers)}"
        f"<p>三、收到和处理政府信息公开申请情况</p>{t3}"
        f"<p>四、政府信息公开行政复议、行政诉讼情况</p>{t4}"
        "<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>"
        "</body></html>"
    )


def render_chromium(data: ReportData, seed: int, path: Path, var: Variation) -> None:
    from make_pdf import chromium_print, normalise_pdf

    path.write_bytes(normalise_pdf(chromium_print(chromium_html(data, seed, var), timeout=120), _fixed_date()))


def render_chromium_plain(data: ReportData, seed: int, path: Path, var: Variation) -> None:
    from make_pdf import chromium_print, normalise_pdf

    html = render_html(data, seed).replace('<table border="1" cellspacing="0" style="border-collapse:collapse">',
                                           "<table>")
    # The body's font only (an embedded subset of a small face), the tables left to the browser.
    html = html.replace("</title>", '</title><style>body { font-family: "WenQuanYi Zen Hei"; }</style>', 1)
    heading_at = html.index("<h", html.index("二、主动公开政府信息情况") + 1)  # prose before table 3
    html = html[:heading_at] + _filler(var.fillers) + html[heading_at:]
    path.write_bytes(normalise_pdf(chromium_print(html, timeout=120), _fixed_date()))


# ------------------------------------------------------------------ main ---

_RENDER = {"pandoc": render_pandoc, "docx": render_docx, "chromium": render_chromium,
           "chromium_plain": render_chromium_plain}


def render(producer: str, seed: int, out_dir: Path) -> Path:
    """One PDF and its label file in ``out_dir``; the PDF's path."""
    data = data_for(seed)
    var = Variation(seed)
    stem = f"{producer}_{seed}"
    path = out_dir / f"{stem}.pdf"
    _RENDER[producer](data, seed, path, var)
    label = data.label(path.name, labelled_by="generating data, corpus/generate/make_borderless.py",
                       producer=producer, variation=var.describe())
    (out_dir / f"{stem}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    return path


def plan(n: int, first: int = 5000) -> list[tuple[str, int]]:
    """``n`` documents per producer, seeds ``first``…"""
    return [(p, first + k) for k in range(n) for p in PRODUCERS]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--many", type=int, default=0, help="render N documents per producer")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for producer, seed in plan(args.many) if args.many else SAMPLE:
        path = render(producer, seed, args.out)
        print(f"{path.name:30s} {path.stat().st_size:8d} bytes")


if __name__ == "__main__":
    main()
