#!/usr/bin/env python3
"""LibreOffice prints of generated reports with the page break swept over every row boundary.

A generated report (``reportdata.random_report(seed)``) is written as a DOCX
(``make_docx`` table builders, real Word merges, no repeated header row) or as
an HTML page (``make_html`` table builders, ruled, ``rowspan``/``colspan``)
and printed by ``soffice --headless --convert-to pdf``. The table to break
(2, 3 or 4) starts a fresh page after a spacer of exact height (a paragraph
with exact line spacing; in HTML a ``page-break-before`` line with a
``line-height``); the spacer moves the table down so that the page ends at
the row boundary wanted:

1. a *measuring* print, the same document on a page 4 m tall with a page break
   after the broken table, gives the y of every row boundary of that table
   (the table's horizontal rulings, read with pdfplumber — not giaparse);
2. one print per boundary ``k`` (``k`` grid rows on the first page), the
   spacer set so that boundary ``k`` stands 3 pt above the page's foot, so
   row ``k + 1`` no longer fits and starts the next page;
3. each print is checked: the rulings of the table on its first page say
   which boundary the page really ended at. The label's ``break`` records
   that observed row (prints whose break is not the one wanted are re-aimed
   once, then kept with the row they did break at).

Variants, ``docx-…`` or ``html-…`` (which source is printed): ``t2`` /
``t3`` / ``t4`` (the table broken at a boundary; table 4 is not kept
together here), ``t3cut`` (the page foot in the middle of a row whose label
wraps: LibreOffice cuts the row in two, part of its label on each page; a
two-line row its widow and orphan control keeps whole moves on instead, and
the label's ``row_cut`` is false), ``t3stack`` (2019 data, table 3 with two
stacked 三、本年度办理结果 cells, ``make_html.requests_rows(split_result=True)``:
the break between the two or inside either). Writer/Web gives a table row at
least ~28 pt, so on the HTML side table 3 is taller than a page and its last
boundaries cannot be reached from a fresh page (they are skipped; the DOCX
side reaches every one). Labels are ``ReportData.label()``: the numbers the
document was drawn from.

    .venv/bin/python corpus/generate/lo_pagesplit.py --out /tmp/lo --seeds 4000 4001   # every boundary
    .venv/bin/python corpus/generate/lo_pagesplit.py                                   # the committed set

LibreOffice is started once per batch (all documents of a step in one
``soffice`` call). Prints have their dates and /ID normalised
(``make_pdf.normalise_pdf``); bytes may still differ across LibreOffice
versions, so the committed set is the reference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_docx as D  # noqa: E402
import make_html as H  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402
from reportdata import ReportData, random_report  # noqa: E402

OUT_DIR = HERE.parent / "pagesplit" / "libreoffice"
FIXED_DATE = dt.datetime(2025, 1, 15, 9, 30, 0)
TABLES = {"t2": "proactive", "t3": "requests", "t4": "review_litigation", "t3cut": "requests",
          "t3stack": "requests"}
#: ``docx-t3``: the DOCX printed; ``html-t3``: the HTML page printed (LibreOffice Writer/Web).
VARIANTS = {f"{src}-{t}": kind for src in ("docx", "html") for t, kind in TABLES.items()}
_HEADINGS = {"proactive": "二、主动公开政府信息情况", "requests": "三、收到和处理政府信息公开申请情况",
             "review_litigation": "四、政府信息公开行政复议、行政诉讼情况"}
_TALL_CM = 400.0
#: pt: where the wanted boundary stands above the page foot.
_MARGIN_PT = 3.0
#: The committed set: (variant, seed, boundaries). None: every boundary.
COMMITTED = [("docx-t3", 4001, (5, 17)), ("docx-t3cut", 4000, (23,)), ("docx-t3stack", 4003, (15, 20)),
             ("docx-t2", 4000, (2,)), ("docx-t4", 4004, (2,)), ("html-t3", 4006, (8,)),
             ("html-t3stack", 4007, (15,))]


def data_for(variant: str, seed: int) -> ReportData:
    """2019 data for the stacked 三、本年度办理结果 cells (the 2019 result groups), else either edition."""
    return random_report(seed, "2019" if variant.endswith("t3stack") else None)


def grid_rows(data: ReportData, variant: str):
    kind = VARIANTS[variant]
    if kind == "proactive":
        return [r for blk in H.proactive_blocks(data.edition, data.proactive) for r in blk]
    if kind == "requests":
        return H.requests_rows(data.edition, data.requests, split_result=variant.endswith("t3stack"))
    return H.review_rows(data.review)


def docx_document(data: ReportData, variant: str, spacer_pt: float, *, tall: bool = False):
    """The report as a DOCX: the broken table on a fresh page after a spacer of ``spacer_pt``;
    ``tall``: on a 4 m page, with a page break after it (the measuring print)."""
    from docx.enum.text import WD_LINE_SPACING

    broken = VARIANTS[variant]
    doc = D.new_document(dict(author="gk", modified_by="gk", created=FIXED_DATE, modified=FIXED_DATE,
                              printed=FIXED_DATE, revision=1))
    if tall:
        doc.sections[0].page_height = Cm(_TALL_CM)
    D.title_pars(doc, [data.organ, f"{data.year}年政府信息公开工作年度报告"], bold=True)
    D.body_par(doc, "一、总体情况", east=D.HEITI)
    D.body_par(doc, "本机关坚持以公开为常态、不公开为例外，进一步规范依申请公开办理流程。")
    for kind in ("proactive", "requests", "review_litigation"):
        if kind == broken:
            D.add_page_break(doc)
            spacer = doc.add_paragraph()
            pf = spacer.paragraph_format
            pf.space_before = pf.space_after = Pt(0)
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(max(spacer_pt, 1.0))
        D.body_par(doc, _HEADINGS[kind], east=D.HEITI)
        rows = grid_rows(data, variant) if kind == broken else None
        if kind == "proactive":
            D.build_table(doc, rows or [r for blk in H.proactive_blocks(data.edition, data.proactive) for r in blk],
                          D.T2_WIDTHS, D.default_fill())
        elif kind == "requests":
            D.build_table(doc, rows or H.requests_rows(data.edition, data.requests), D.t3_widths(),
                          D.default_fill(label_size=9))
        else:
            D.build_table(doc, rows or H.review_rows(data.review), D.t4_widths(15.6), D.default_fill(),
                          keep_together=kind != broken)
        if tall and kind == broken:
            D.add_page_break(doc)
    for head in ("五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        D.body_par(doc, head, east=D.HEITI)
        D.body_par(doc, "无。")
    return doc


_HTML_CSS = ("body {{ font-family: \"WenQuanYi Zen Hei\", sans-serif; font-size: 12pt; }} "
             "table {{ font-size: 7.5pt; }} td {{ text-align: center; }} "
             "@page {{ size: 210mm {height}mm; margin: 10mm 20mm 10mm 20mm; }}")
_HTML_FOOT_MM = 10.0


def _td(cell) -> str:
    align = ' align="left"' if cell.kind == "label" else ""
    return f'<td{H.span_attrs(cell)}{align} style="font-size: 8pt">{H.text_html(cell.text)}</td>'


def html_document(data: ReportData, variant: str, spacer_pt: float, *, tall: bool = False) -> str:
    """The report as an HTML page (``make_html`` table builders, ruled tables) for LibreOffice
    Writer/Web: the broken table on a fresh page (``page-break-before``) after a spacer line of
    ``spacer_pt``; ``tall``: a 4 m page (``@page size``) and a page break after it."""
    broken = VARIANTS[variant]
    css = _HTML_CSS.format(height=int(_TALL_CM * 10) if tall else 297)
    body = [f"<h1>{H.esc(data.title)}</h1>", "<p>一、总体情况</p>",
            "<p>本机关坚持以公开为常态、不公开为例外，进一步规范依申请公开办理流程。</p>"]
    for kind in ("proactive", "requests", "review_litigation"):
        if kind == broken:
            body.append(f'<p style="page-break-before: always; line-height: {max(spacer_pt, 1.0):.2f}pt; '
                        'margin: 0">&nbsp;</p>')
        body.append(f"<p>{_HEADINGS[kind]}</p>")
        if kind == broken:
            rows = grid_rows(data, variant)
        elif kind == "proactive":
            rows = [r for blk in H.proactive_blocks(data.edition, data.proactive) for r in blk]
        elif kind == "requests":
            rows = H.requests_rows(data.edition, data.requests)
        else:
            rows = H.review_rows(data.review)
        body.append(H.render_table(rows, _td, '<table border="1" cellspacing="0" cellpadding="1" width="100%">'))
        if tall and kind == broken:
            body.append('<p style="page-break-before: always">&nbsp;</p>')
    body += ["<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>"]
    return ("<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{H.esc(data.title)}</title><style>{css}</style></head><body>{''.join(body)}</body></html>")


def document(data: ReportData, variant: str, spacer_pt: float, *, tall: bool = False):
    """The source LibreOffice prints: a python-docx Document or an HTML string."""
    if variant.startswith("html-"):
        return html_document(data, variant, spacer_pt, tall=tall)
    return docx_document(data, variant, spacer_pt, tall=tall)


def _foot(variant: str) -> float:
    """pt from the page top to the foot of the body area (A4)."""
    if variant.startswith("html-"):
        return Cm(29.7).pt - Cm(_HTML_FOOT_MM / 10).pt
    return Cm(29.7).pt - Cm(3.5).pt


def _print(docs: dict[str, object], out: Path) -> dict[str, bytes]:
    """Each DOCX printed by LibreOffice (one soffice run for all), as PDF bytes."""
    from make_pdf import normalise_pdf, soffice_convert

    with tempfile.TemporaryDirectory() as tmp:
        srcs = []
        for stem, doc in docs.items():
            if isinstance(doc, str):
                src = Path(tmp) / f"{stem}.html"
                src.write_text(doc, encoding="utf-8")
            else:
                src = Path(tmp) / f"{stem}.docx"
                D.save_deterministic(doc, src)
            srcs.append(src)
        soffice_convert(srcs, tmp, Path(tmp) / "profile")
        return {stem: normalise_pdf((Path(tmp) / f"{stem}.pdf").read_bytes(), FIXED_DATE) for stem in docs}


def _table_rulings(pdf: bytes, heading: str) -> tuple[int, list[float], float] | None:
    """(page index, the y of each horizontal ruling of the first table under ``heading`` on that page,
    top-down, and the page height), read with pdfplumber."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages):
            text = page.extract_text() or ""
            if heading not in text.replace(" ", ""):
                continue
            words = page.extract_words()
            head_y = next((w["bottom"] for w in words if w["text"].startswith(heading[:4])), 0.0)
            ys = sorted({round(e["top"], 1) for e in page.edges
                         if e["orientation"] == "h" and e["top"] > head_y and e["x1"] - e["x0"] > 5})
            merged: list[float] = []
            for y in ys:
                if not merged or y - merged[-1] > 1.5:
                    merged.append(y)
            return n, merged, float(page.height)
    return None


def _observed(pdf: bytes, heading: str, n_rows: int) -> int | None:
    """The grid rows of the broken table on its first page, from that page's rulings."""
    found = _table_rulings(pdf, heading)
    if found is None:
        return None
    _, ys, _ = found
    k = len(ys) - 1
    return k if 0 < k < n_rows else None


def render_set(plan: list[tuple[str, int, tuple[int, ...] | None]], out: Path) -> list[Path]:
    """PDFs and label files in ``out`` for each (variant, seed, boundaries or None for all)."""
    out.mkdir(parents=True, exist_ok=True)
    measured = _print({f"m_{v}_{s}": document(data_for(v, s), v, 1.0, tall=True) for v, s, _ in plan}, out)
    aims: dict[str, tuple[str, int, int, float, float]] = {}  # stem -> variant, seed, row, spacer, aim y
    for variant, seed, wanted in plan:
        data = data_for(variant, seed)
        rows = grid_rows(data, variant)
        found = _table_rulings(measured[f"m_{variant}_{seed}"], _HEADINGS[VARIANTS[variant]])
        if found is None or len(found[1]) != len(rows) + 1:
            print(f"{variant} {seed}: measuring print has {found and len(found[1])} rulings for "
                  f"{len(rows)} rows; skipped")
            continue
        ys = found[1]
        cut = variant.endswith("t3cut")
        foot = _foot(variant)
        tall_rows = [k for k in range(len(rows)) if ys[k + 1] - ys[k] > 26] if cut else []
        for k in (wanted or range(1, len(rows))):
            if cut and k not in tall_rows:
                continue
            aim = (ys[k] + ys[k + 1]) / 2 if cut else ys[k] + _MARGIN_PT
            spacer = 1.0 + foot - aim
            if spacer < 1.0:
                continue
            aims[f"libreoffice_{variant}_{seed}_r{k:02d}"] = (variant, seed, k, spacer, aim)
    paths = []
    for attempt in range(2):
        todo = {stem: a for stem, a in aims.items() if not (out / f"{stem}.label.json").exists()}
        if not todo:
            break
        pdfs = _print({stem: document(data_for(v, s), v, sp) for stem, (v, s, _, sp, _) in todo.items()}, out)
        for stem, (variant, seed, k, spacer, _aim) in todo.items():
            data = data_for(variant, seed)
            n = len(grid_rows(data, variant))
            got = _observed(pdfs[stem], _HEADINGS[VARIANTS[variant]], n)
            # a cut row leaves its first part on page 1; LibreOffice's widow and orphan control keeps a
            # two-line row whole (it moves on): then the break is at boundary k
            want = (k + 1, k) if variant.endswith("t3cut") else (k,)
            if got not in want and attempt == 0:
                # re-aim once: the page foot is where the print says it is
                found = _table_rulings(pdfs[stem], _HEADINGS[VARIANTS[variant]])
                if found is not None and got is not None:
                    aims[stem] = (variant, seed, k, spacer + (2.0 if got < want[0] else -2.0)
                                  * (1 + abs(want[0] - got)), _aim)
                continue
            if got is None:
                print(f"{stem}: the table did not break; skipped")
                continue
            path = out / f"{stem}.pdf"
            path.write_bytes(pdfs[stem])
            label = data.label(path.name, labelled_by="generating data, corpus/generate/lo_pagesplit.py",
                               producer="libreoffice", variant=variant)
            label["break"] = {"table": VARIANTS[variant], "row": got, "split_header": False,
                              "row_cut": variant.endswith("t3cut") and got == k + 1, "aimed_at": k}
            (out / f"{stem}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
            paths.append(path)
    return sorted(paths)


def plan_for(variants: list[str], seeds: list[int]) -> list[tuple[str, int, tuple[int, ...] | None]]:
    return [(v, s, None) for v in variants for s in seeds]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--seeds", type=int, nargs="*", help="every boundary of these seeds (default: the committed set)")
    ap.add_argument("--variants", nargs="*", default=list(VARIANTS))
    args = ap.parse_args(argv)
    todo = plan_for(args.variants, args.seeds) if args.seeds else COMMITTED
    for path in render_set(todo, args.out):
        print(f"{path.name:44s} {path.stat().st_size:8d} bytes")


if __name__ == "__main__":
    main()
