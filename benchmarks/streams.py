"""Cell streams: generated reports one cell per line and through the PDF-text converters.

    python benchmarks/streams.py [--docs 60] [--pdf-docs 12] [--only STYLE ...] [--witness] [--cpu]

* the cell-per-line styles of ``corpus/generate/styles_cells.py`` (``STYLES``),
  ``--docs`` reports each (seeds 0, 1, …; ``reportdata.random_report``);
* the PDF-text converters of ``corpus/generate/pdf_text.py`` on ``--pdf-docs``
  generated PDFs (Chromium prints of ``make_pagesplit``'s HTML), each PDF
  rendered once and converted by every converter.

Each cell of the generating data is compared with the output: right (the
value, or null where the cell was written blank), null (a warning names the
cell, its row or its table), WRONG (anything else; must be 0). Time: the
median ms of one ``giaparse.parse`` per document (conversion not counted),
with the spread (min–max); wall-clock time, or with ``--cpu`` the process's CPU
time (steadier on a shared, loaded machine).

``--witness``: for the styles whose blank cells leave no trace, how many of
the nulls are unavoidable — another table, as consistent
with the text (the same figures in each row, in order; every identity), reads
the cell differently (``witness.py``, a search of its own, plain sums).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATE = REPO / "corpus" / "generate"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(GENERATE))

from reportdata import random_report  # noqa: E402

import giaparse  # noqa: E402


def score(out: dict, truth: dict) -> tuple[int, int, int, list[str]]:
    """(right, null, wrong, wrong cells) of one output against its truth (None: written blank)."""
    right = null = wrong = 0
    bad = []
    for table, rows in truth.items():
        got = out["tables"].get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in rows.items():
            for col, value in cells.items():
                cell = got.get(row, {}).get(col)
                v = cell["value"] if cell else None
                if v is None and value is None:
                    right += 1
                elif v is None:
                    null += 1
                elif v == value and type(v) is type(value):
                    right += 1
                else:
                    wrong += 1
                    bad.append(f"{table}.{row}.{col}: {v!r} != {value!r}")
    return right, null, wrong, bad


_clock = time.perf_counter


def _nulls(out: dict, truth: dict) -> list[tuple[str, str, str]]:
    """The cells the output leaves null where the truth has a figure."""
    found = []
    for table in ("proactive", "requests", "review_litigation"):
        got = out["tables"].get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in truth[table].items():
            for col, value in cells.items():
                if value is not None and (got.get(row, {}).get(col) or {}).get("value") is None:
                    found.append((table, row, col))
    return found


def _line(name: str, right: int, null: int, wrong: int, times: list[float]) -> str:
    total = right + null + wrong
    return (f"{name:<24} {right:>7} {null:>6} {wrong:>6} {100 * right / max(total, 1):>7.2f}% "
            f"{statistics.median(times):>9.1f} {min(times):>7.1f}–{max(times):.1f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--pdf-docs", type=int, default=12)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--cpu", action="store_true", help="time by the process's CPU time, not the wall clock")
    ap.add_argument("--witness", action="store_true", help="count the nulls another consistent table reads differently")
    args = ap.parse_args()
    global _clock
    _clock = time.process_time if args.cpu else time.perf_counter
    import styles_cells

    import witness

    print(f"{'style':<24} {'right':>7} {'null':>6} {'WRONG':>6} {'right%':>8} {'median ms':>9} {'min–max':>12}")
    total_wrong = 0
    for name, render in styles_cells.STYLES.items():
        if (args.only and name not in args.only) or not args.docs:
            continue
        right = null = wrong = 0
        times = []
        seen = proved = undecided = 0
        for seed in range(args.docs):
            data = random_report(seed)
            text = render(data, random.Random(seed)).encode("utf-8")
            t0 = _clock()
            out = giaparse.parse(text, name=f"{name}-{seed}.txt").to_dict()
            times.append((_clock() - t0) * 1000)
            truth = styles_cells.style_truth(name, data, random.Random(seed))
            r, n, w, bad = score(out, truth)
            right, null, wrong = right + r, null + n, wrong + w
            if args.witness and name in ("cells_no_blank_lines", "cells_blanks_gone"):
                layout = styles_cells.layout_for(name, random.Random(seed).randrange(10**6))
                nulls = _nulls(out, truth)
                found, unknown = witness.witnessed(truth, nulls, layout.review_per_group)
                seen, proved, undecided = seen + len(nulls), proved + len(found), undecided + len(unknown)
            if bad:
                print(f"  WRONG {name} seed {seed}: {bad[:3]}")
        total_wrong += wrong
        print(_line(name, right, null, wrong, times))
        if seen:
            print(f"  {name}: of {seen} nulls, {proved} have a witness (another table as consistent with the "
                  f"text reads them differently), {undecided} undecided (search bound)")
    if args.pdf_docs:
        import pdf_text

        per: dict[str, list] = {}
        with tempfile.TemporaryDirectory() as tmp:
            for k in range(args.pdf_docs):
                seed = 500 + k
                data = random_report(seed)
                pdf = pdf_text.render_pdf(data, seed, Path(tmp) / f"r{seed}.pdf")
                for conv, text in pdf_text.convert_all(pdf).items():
                    if args.only and conv not in args.only:
                        continue
                    t0 = _clock()
                    out = giaparse.parse(text.encode("utf-8"), name=f"{conv}-{seed}.txt").to_dict()
                    ms = (_clock() - t0) * 1000
                    r, n, w, bad = score(out, data.values())
                    acc = per.setdefault(conv, [0, 0, 0, []])
                    acc[0] += r
                    acc[1] += n
                    acc[2] += w
                    acc[3].append(ms)
                    if bad:
                        print(f"  WRONG {conv} seed {seed}: {bad[:3]}")
        for conv, (r, n, w, times) in per.items():
            total_wrong += w
            print(_line(conv, r, n, w, times))
    return 1 if total_wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
