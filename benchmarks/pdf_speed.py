"""PDF speed: giaparse's engines against pdfplumber, camelot and PDFium, as ratios.

    python benchmarks/pdf_speed.py [--repeat 7] [--camelot-repeat 3] [--json FILE] [--only NAME]

On every labelled PDF in corpus/pdf/ and in ../shared/real/ (when that
folder is there), in one process, the same bytes from memory:

* ``giaparse``             ``giaparse.parse`` with the default engine (pypdfium2)
* ``giaparse pdfminer``    ``giaparse.parse`` with ``pdf_engine="pdfminer"``
* ``extract_tables``       pdfplumber: open, ``page.extract_tables()`` on every page (the baseline)
* ``camelot lattice``      ``camelot.read_pdf(flavor="lattice", pages="all")``
* ``pdfium text``          pypdfium2: open, every page's text (``get_text_range``) — the floor

Each repeat runs every tool once on the file, one after the other, so a
burst of load on the machine hits all of them; a file's ratio is the
median over repeats of (tool time / ``extract_tables`` time in the same
repeat), and its spread the lowest and highest of those per-repeat ratios.
Across files: the median and the worst file. Cells: labelled cells whose
value is exact (``run.cells_right``) for both giaparse engines.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import giaparse  # noqa: E402
from run import cells_right  # noqa: E402  (the one label comparison, shared with run.py)


def real_dir() -> Path | None:
    """``../shared/real`` beside the checkout (or beside the worktrees' folder)."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "real").is_dir():
            return base / "shared" / "real"
    return None


def _label(path: Path) -> dict:
    label = json.loads(path.read_text(encoding="utf-8"))
    proactive = label["tables"].get("proactive")
    if isinstance(proactive, dict) and "items" in proactive:  # the real files' labels keep the output's nesting
        label["tables"]["proactive"] = proactive["items"]
    return label


def documents() -> list[tuple[Path, dict]]:
    """Labelled PDFs: the corpus, then ../shared/real/ when present."""
    folders = [REPO / "corpus" / "pdf"] + ([real_dir()] if real_dir() else [])
    out = []
    for folder in folders:
        for pdf in sorted(folder.glob("*.pdf")):
            label = pdf.with_name(pdf.stem + ".label.json")
            if label.exists():
                out.append((pdf, _label(label)))
    return out


def tools(data: bytes, name: str) -> dict[str, Callable[[], object]]:
    import camelot
    import pdfplumber
    import pypdfium2

    def extract_tables():
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [t for page in pdf.pages for t in page.extract_tables()]

    def camelot_lattice():
        import tempfile
        import warnings

        with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
            fh.write(data)
            fh.flush()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return camelot.read_pdf(fh.name, pages="all", flavor="lattice", suppress_stdout=True)

    def pdfium_text():
        pdf = pypdfium2.PdfDocument(data)
        try:
            return [page.get_textpage().get_text_range() for page in pdf]
        finally:
            pdf.close()

    return {
        "giaparse": lambda: giaparse.parse(data, name=name),
        "giaparse pdfminer": lambda: giaparse.parse(data, name=name, options={"pdf_engine": "pdfminer"}),
        "extract_tables": extract_tables,
        "camelot lattice": camelot_lattice,
        "pdfium text": pdfium_text,
    }


BASE = "extract_tables"


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--camelot-repeat", type=int, default=3, help="camelot is ~10× slower: fewer runs")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="only the labelled PDFs whose file name contains NAME (repeatable)")
    args = ap.parse_args()
    import pdfplumber

    docs = [d for d in documents() if not args.only or any(n in d[0].name for n in args.only)]
    rows = []
    for pdf, label in docs:
        data = pdf.read_bytes()
        with pdfplumber.open(io.BytesIO(data)) as p:
            pages = len(p.pages)
        runs = tools(data, pdf.name)
        cells = {}
        for tool in ("giaparse", "giaparse pdfminer"):
            cells[tool] = cells_right(runs[tool]().to_dict()["tables"], label)  # also the warm-up
        for fn in runs.values():
            fn()  # warm-up
        secs: dict[str, list[float]] = {t: [] for t in runs}
        for k in range(args.repeat):
            for tool, fn in runs.items():
                if tool == "camelot lattice" and k >= args.camelot_repeat:
                    continue
                secs[tool].append(timed(fn))
        row = {"document": pdf.name, "pages": pages,
               "cells": {t: f"{r}/{n}" for t, (r, n) in cells.items()},
               "ms_per_page": {t: round(1000 * statistics.median(v) / pages, 2) for t, v in secs.items()},
               "ratio_to_extract_tables": {}}
        for tool, v in secs.items():
            ratios = [a / b for a, b in zip(v, secs[BASE], strict=False)]
            row["ratio_to_extract_tables"][tool] = {
                "median": round(statistics.median(ratios), 3), "min": round(min(ratios), 3), "max": round(max(ratios), 3)}
        g = secs["giaparse"]
        row["giaparse_over_pdfium_text"] = round(statistics.median(a / b for a, b in zip(g, secs["pdfium text"], strict=False)), 2)
        row["camelot_over_giaparse"] = round(statistics.median(secs["camelot lattice"]) / statistics.median(g), 1)
        rows.append(row)
        print(f"{pdf.name:42} {pages:>2}p  giaparse {row['ms_per_page']['giaparse']:6.1f} ms/p  "
              f"×extract_tables {row['ratio_to_extract_tables']['giaparse']['median']:.3f} "
              f"({row['ratio_to_extract_tables']['giaparse']['min']:.3f}–{row['ratio_to_extract_tables']['giaparse']['max']:.3f})  "
              f"cells {row['cells']['giaparse']} / pdfminer engine {row['cells']['giaparse pdfminer']}", flush=True)

    print()
    print(f"{'tool':18} {'cells exact':>14} {'median ms/page':>15} {'× extract_tables: median':>25} {'worst file':>11} {'spread (all runs)':>18}")
    summary = {}
    for tool in runs:
        per_file = [r["ratio_to_extract_tables"][tool]["median"] for r in rows]
        lo = min(r["ratio_to_extract_tables"][tool]["min"] for r in rows)
        hi = max(r["ratio_to_extract_tables"][tool]["max"] for r in rows)
        ms = statistics.median(r["ms_per_page"][tool] for r in rows)
        right = total = 0
        for r in rows:
            if tool in r["cells"]:
                a, b = map(int, r["cells"][tool].split("/"))
                right, total = right + a, total + b
        worst = max(per_file)  # the slowest file relative to extract_tables
        summary[tool] = {"cells": f"{right}/{total}" if total else None, "median_ms_per_page": round(ms, 2),
                         "median_ratio": round(statistics.median(per_file), 3), "worst_file_ratio": round(worst, 3),
                         "spread": [lo, hi]}
        print(f"{tool:18} {summary[tool]['cells'] or '—':>14} {ms:>15.2f} {statistics.median(per_file):>25.3f} "
              f"{worst:>11.3f} {lo:>8.3f}–{hi:<8.3f}")
    camelot_x = [r["camelot_over_giaparse"] for r in rows]
    floor = [r["giaparse_over_pdfium_text"] for r in rows]
    print(f"\ncamelot lattice / giaparse: median {statistics.median(camelot_x):.1f}×, least {min(camelot_x):.1f}×")
    print(f"giaparse / PDFium raw text: median {statistics.median(floor):.2f}×, worst {max(floor):.2f}×")
    summary["camelot_over_giaparse"] = {"median": statistics.median(camelot_x), "least": min(camelot_x)}
    summary["giaparse_over_pdfium_text"] = {"median": statistics.median(floor), "worst": max(floor)}
    if args.json:
        args.json.write_text(json.dumps({"repeat": args.repeat, "camelot_repeat": args.camelot_repeat,
                                         "documents": rows, "summary": summary}, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
