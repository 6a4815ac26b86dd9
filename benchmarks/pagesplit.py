"""Page-split PDF tables: cells right / null / WRONG per producer, and speed.

    python benchmarks/pagesplit.py [--n 42] [--repeat 3] [--sweep 30] [--wps 12] [--lo 1] [--out DIR] [--keep]
                                   [--json FILE]

Renders ``--n`` documents with ``corpus/generate/make_pagesplit.py``
(``plan(n)``: reportlab rulings same / extra / sliver / wobble / noline,
Chromium print of HTML, LibreOffice print of DOCX, in turn; seeds 1000…),
parses each, and compares every labelled cell with the generating data.
Per producer (reportlab split by ruling): documents, cells right, null,
WRONG (a wrong number; must be 0), and the median wall time of
``giaparse.parse`` per document (median over ``--repeat`` runs of each
document, then the median and the 10th–90th percentile over documents).
Both PDF engines read every document; reportlab documents are also counted
per break position (the grid row of table 3 that starts page 2), and
``--sweep N`` WPS-like documents walk that break over every row boundary;
``--wps N`` documents per table of the CID-font WPS-like producer walk the
break over the row boundaries of tables 2, 3 and 4 (and through their wrapped
header rows), counted per break position and per broken table. ``--lo N``
seeds per LibreOffice variant (``corpus/generate/lo_pagesplit.py``: the DOCX
and the HTML page printed by soffice, tables 2, 3 and 4 broken at every row
boundary the page can reach, a row cut in two, the 2019 table 3 with two
stacked 三、本年度办理结果 cells) are counted per producer/variant, per break
position and per broken table (``libreoffice table 3 (row cut) row 24``). With
``--out DIR --keep`` rendered PDFs are kept and reused on the next run (a
cache: rendering is deterministic per seed); ``--json`` writes the figures
(default benchmarks/results/pagesplit.json).

Needs chromium and soffice on the PATH for those producers (skipped with a
note otherwise). Rendering takes ~2 s per Chromium and ~6 s per LibreOffice
document; it is not timed.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "corpus" / "generate"))

import lo_pagesplit  # noqa: E402
import make_pagesplit  # noqa: E402

import giaparse  # noqa: E402


def compare(out: dict, label: dict) -> tuple[int, int, int]:
    right = null = wrong = 0
    for table, rows in label["tables"].items():
        got_table = out["tables"].get(table, {})
        got_table = got_table.get("items", {}) if table == "proactive" else got_table
        for row, cells in rows.items():
            for col, want in cells.items():
                got = got_table.get(row, {}).get(col, {}).get("value")
                if got == want and type(got) is type(want):
                    right += 1
                elif got is None:
                    null += 1
                else:
                    wrong += 1
    return right, null, wrong


_TABLE_NO = {"proactive": 2, "requests": 3, "review_litigation": 4}


def _break_keys(label: dict, by_break: dict, by_table: dict) -> list[dict]:
    """The per-break-position and per-broken-table counters a document adds to (LibreOffice prints
    counted apart, with a row cut in two by the break marked)."""
    if label.get("break_row") is not None:  # reportlab: table 3's grid row that starts page 2
        return [by_break[f"table 3 row {label['break_row']:02d}"], by_table["table 3"]]
    where = label.get("break")
    if not where:
        return []
    cut = " (header cut)" if where["split_header"] else " (row cut)" if where.get("row_cut") else ""
    lo = "libreoffice " if label.get("producer") == "libreoffice" else ""
    table = f"{lo}table {_TABLE_NO[where['table']]}{cut}"
    return [by_break[f"{table} row {where['row']:02d}"], by_table[table]]


def _lo_sweep(seeds: int, out_dir: Path) -> list[tuple[str, Path]]:
    """LibreOffice prints (``lo_pagesplit``), every row boundary of each variant × seed 4000…; rendered
    into ``out_dir/lo`` unless already there (one soffice run per step)."""
    lo_dir = out_dir / "lo"
    plan = [(v, 4000 + k, None) for v in lo_pagesplit.VARIANTS for k in range(seeds)
            if not list(lo_dir.glob(f"libreoffice_{v}_{4000 + k}_r*.pdf"))]
    if plan:
        lo_pagesplit.render_set(plan, lo_dir)
    out = []
    for pdf in sorted(lo_dir.glob("libreoffice_*.pdf")):
        variant, seed = pdf.stem.split("_")[1:3]
        if variant in lo_pagesplit.VARIANTS and int(seed) - 4000 < seeds:
            out.append((variant, pdf))
    return out


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(int(q * len(values)), len(values) - 1)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=42)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--keep", action="store_true", help="keep the rendered PDFs (with --out)")
    ap.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "pagesplit.json")
    ap.add_argument("--sweep", type=int, default=30, help="WPS-like documents walking the break over every row")
    ap.add_argument("--wps", type=int, default=12,
                    help="WPS-like CID-font documents per broken table (tables 2, 3, 4; and a cut header)")
    ap.add_argument("--lo", type=int, default=1,
                    help="seeds per LibreOffice variant (DOCX and HTML; tables 2, 3, 4, a cut row, the stacked "
                         "2019 group cells), each printed with the break at every row boundary")
    args = ap.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="pagesplit-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    have = {"chromium": shutil.which("chromium") is not None, "libreoffice": shutil.which("soffice") is not None,
            "reportlab": True, "wps": True}
    stats: dict[str, dict] = defaultdict(lambda: {"docs": 0, "right": 0, "null": 0, "wrong": 0, "ms": []})
    by_break: dict[str, dict] = defaultdict(lambda: {"docs": 0, "right": 0, "null": 0, "wrong": 0})
    by_table: dict[str, dict] = defaultdict(lambda: {"docs": 0, "right": 0, "null": 0, "wrong": 0})
    wrong_docs = []
    docs: list[tuple[str, str, Path | int]] = list(make_pagesplit.plan(args.n) + make_pagesplit.sweep(args.sweep)
                                                   + make_pagesplit.wps_sweep(args.wps))
    if have["libreoffice"] and args.lo:
        docs += [("libreoffice", variant, pdf) for variant, pdf in _lo_sweep(args.lo, out_dir)]
    for producer, variant, seed in docs:
        if not have[producer]:
            continue
        if isinstance(seed, Path):
            pdf = seed
        else:
            pdf = out_dir / f"{producer}_{variant}_{seed}.pdf"
            if not (pdf.exists() and pdf.with_suffix(".label.json").exists()):
                pdf = make_pagesplit.render(producer, variant, seed, out_dir)
        label = json.loads(pdf.with_suffix(".label.json").read_text(encoding="utf-8"))
        for engine in ("pypdfium2", "pdfminer"):
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                report = giaparse.parse(pdf, options={"pdf_engine": engine})
                times.append(time.perf_counter() - t)
            right, null, wrong = compare(report.to_dict(), label)
            key = f"{producer}/{variant}"
            for s in [stats[f"{key} [{engine}]"]] + _break_keys(label, by_break, by_table):
                s["docs"] += 1
                s["right"] += right
                s["null"] += null
                s["wrong"] += wrong
            stats[f"{key} [{engine}]"]["ms"].append(1000 * statistics.median(times))
            if wrong:
                wrong_docs.append(f"{pdf.name} [{engine}]")
    print(f"{'producer':22s} {'docs':>4s} {'right':>6s} {'null':>5s} {'WRONG':>5s} {'median ms':>9s} {'p10-p90 ms':>12s}")
    for key in sorted(stats):
        s = stats[key]
        ms = s["ms"]
        print(f"{key:22s} {s['docs']:4d} {s['right']:6d} {s['null']:5d} {s['wrong']:5d} "
              f"{statistics.median(ms):9.0f} {_pct(ms, 0.1):5.0f}-{_pct(ms, 0.9):<6.0f}")
    print(f"\n{'break position':22s} {'docs':>4s} {'right':>6s} {'null':>5s} {'WRONG':>5s}")
    for key in sorted(by_break):
        s = by_break[key]
        print(f"{key:22s} {s['docs']:4d} {s['right']:6d} {s['null']:5d} {s['wrong']:5d}")
    print(f"\n{'broken table':22s} {'docs':>4s} {'right':>6s} {'null':>5s} {'WRONG':>5s}")
    for key in sorted(by_table):
        s = by_table[key]
        print(f"{key:22s} {s['docs']:4d} {s['right']:6d} {s['null']:5d} {s['wrong']:5d}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "n": args.n, "sweep": args.sweep, "repeat": args.repeat,
        "producers": {k: {**{f: v for f, v in s.items() if f != "ms"},
                          "median_ms": round(statistics.median(s["ms"]), 1),
                          "p10_ms": round(_pct(s["ms"], 0.1), 1), "p90_ms": round(_pct(s["ms"], 0.9), 1)}
                      for k, s in sorted(stats.items())},
        "wps": args.wps, "lo": args.lo,
        "break_positions": dict(sorted(by_break.items())),
        "broken_tables": dict(sorted(by_table.items())),
        "wrong_documents": wrong_docs,
    }, indent=1) + "\n", encoding="utf-8")
    missing = [p for p, ok in have.items() if not ok]
    if missing:
        print("not rendered (program not installed):", ", ".join(missing))
    if wrong_docs:
        print("WRONG numbers in:", ", ".join(wrong_docs))
    if not (args.out and args.keep):
        shutil.rmtree(out_dir, ignore_errors=True)
    return 1 if wrong_docs else 0


if __name__ == "__main__":
    sys.exit(main())
