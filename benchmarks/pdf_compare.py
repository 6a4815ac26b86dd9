"""PDF tables: giaparse against pdfplumber's extract_tables() and camelot lattice.

    python benchmarks/pdf_compare.py [--repeat 5] [--json FILE]

On every labelled PDF in corpus/pdf/, in one process:

* **time per page** — median over --repeat runs of
  giaparse's whole conversion (``giaparse.parse``), of
  ``page.extract_tables()`` on every page (pdfplumber), and of
  ``camelot.read_pdf(flavor="lattice", pages="all")``;
* **share of ground-truth cells recovered** — each tool's tables are turned
  into raw grids and given to the same giaparse template mapping (so the
  comparison is about the tables, not the mapping): pdfplumber's rows as
  flattened text (merged cells come back as ``None``), camelot's cells as
  flattened text too (camelot copies no text into spanned cells unless told,
  and gives no span structure in ``df``). A labelled cell counts when its
  ``value`` equals the label exactly.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import giaparse  # noqa: E402
from giaparse.document import Document, Paragraph, RawCell, RawGrid, SpanInfo  # noqa: E402
from giaparse.template.locate import locate_tables  # noqa: E402
from giaparse.template.mapping import map_tables  # noqa: E402
from giaparse.template.templates import TEMPLATES  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import cells_right  # noqa: E402  (the one label comparison, shared with run.py)


def labelled_pdfs() -> list[tuple[Path, dict]]:
    out = []
    for label in sorted((REPO / "corpus" / "pdf").glob("*.label.json")):
        pdf = label.with_name(label.name[: -len(".label.json")] + ".pdf")
        if pdf.exists():
            out.append((pdf, json.loads(label.read_text(encoding="utf-8"))))
    return out


def map_grids(grids: list[list[list[str | None]]], text: list[str], template: str) -> dict:
    """Generic tables → giaparse's template mapping (headings first, as on the page)."""
    blocks = [Paragraph(t) for t in text] + [
        RawGrid([[RawCell(c or "") for c in row] for row in grid], SpanInfo.UNKNOWN) for grid in grids
    ]
    tables, _ = map_tables(locate_tables(Document(blocks)), TEMPLATES[template])
    return tables


def pdfplumber_tables(path: Path) -> list:
    """What is timed for pdfplumber: open the file, ``extract_tables()`` on every page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [grid for page in pdf.pages for grid in page.extract_tables()]


def page_text(path: Path) -> tuple[list[str], int]:
    """The pages' text lines, so the generic tables can be recognised (not timed)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()], len(pdf.pages)


def camelot_tables(path: Path) -> list:
    import camelot

    tables = camelot.read_pdf(str(path), pages="all", flavor="lattice", suppress_stdout=True)
    return [t.df.values.tolist() for t in tables]


def median_s(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    docs = labelled_pdfs()
    if not docs:
        sys.exit("no labelled PDFs in corpus/pdf/")
    tools = ("giaparse", "giaparse (camelot backend)", "pdfplumber extract_tables", "camelot lattice")
    acc = {t: [0, 0] for t in tools}
    per_page = {t: [] for t in tools}
    rows = []
    for pdf, label in docs:
        template = label["document"]["template"] or "2021"
        text, pages = page_text(pdf)
        # defaults bind this iteration's document (the lambdas are called within it, but say so)
        results = {
            "giaparse": (lambda pdf=pdf: giaparse.parse(pdf), lambda r: r.tables.to_dict()),
            "giaparse (camelot backend)": (lambda pdf=pdf: giaparse.parse(pdf, options={"pdf_backend": "camelot"}),
                                           lambda r: r.tables.to_dict()),
            "pdfplumber extract_tables": (lambda pdf=pdf: pdfplumber_tables(pdf),
                                          lambda g, text=text, template=template: map_grids(g, text, template)),
            "camelot lattice": (lambda pdf=pdf: camelot_tables(pdf),
                                lambda g, text=text, template=template: map_grids(g, text, template)),
        }
        line = {"document": pdf.name, "pages": pages}
        for tool, (run, to_tables) in results.items():
            out = run()
            r, t = cells_right(to_tables(out), label)
            secs = median_s(run, args.repeat)
            acc[tool][0] += r
            acc[tool][1] += t
            per_page[tool].append(1000 * secs / pages)
            line[tool] = {"cells": f"{r}/{t}", "ms_per_page": round(1000 * secs / pages, 1)}
        rows.append(line)
        print(pdf.name, {k: v for k, v in line.items() if k not in ("document",)}, flush=True)

    print()
    print(f"{'tool':30} {'cells recovered':>18} {'median ms/page':>15} {'vs extract_tables':>18}")
    base = statistics.median(per_page["pdfplumber extract_tables"])
    summary = {}
    for tool in tools:
        r, t = acc[tool]
        ms = statistics.median(per_page[tool])
        summary[tool] = {"cells_right": r, "cells_labelled": t, "share": r / t, "median_ms_per_page": round(ms, 1),
                         "ratio_to_extract_tables": round(ms / base, 2)}
        print(f"{tool:30} {r:>8}/{t:<6} {100 * r / t:5.1f}% {ms:>12.1f} {ms / base:>15.2f}x")
    if args.json:
        args.json.write_text(json.dumps({"documents": rows, "summary": summary}, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
