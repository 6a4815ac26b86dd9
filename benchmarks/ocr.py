"""OCR benchmark: generated scans of the labelled corpus PDFs, cell by cell.

    python benchmarks/ocr.py [--n 30] [--jobs 1] [--out DIR] [--jsonl FILE] [--json benchmarks/results/ocr.json]
    python benchmarks/ocr.py --variant all --n 15 --json benchmarks/results/ocr.json   # 60 variant scans
    python benchmarks/ocr.py --variant all --n 15 --real ...   # and the 8 scans of the two real reports

With ``--variant``: generated reports in 7-8 pt Song type scanned as office,
seal, fax or phone (``make_scans.make_variant_scan``), N per variant, scored
per variant. Each scan is also read by plain full-page rapidocr (its default
``RapidOCR()`` on the same rendered pages), side by side in the same process,
alternating ``--repeat`` times, the lowest time of each kept: ``ratio`` is giaparse's
time over that baseline.

Generates scans 0..N-1 with corpus/generate/make_scans.py (table pages of
the labelled corpus PDFs at 150-200 dpi, rotated up to ±1.5°, noise, JPEG
quality 45-75, a red seal over a table, one page landscape or turned a
quarter) into --out, converts each with ``giaparse.parse`` and compares
every labelled cell with the label (the generating data):

* right  — the output value equals the label exactly;
* null   — the output value is null where the label has a number
           (OCR confidence too low, a cell or row not recognised: the
           output says so in its warnings);
* WRONG  — a number that differs from the label (the outcome to avoid);
  a label of null answered with a number is WRONG too.

Each null is put down to a cause (``structure``: the cell's row or column
was not found; ``blanked``: OCR left the cell empty, for low confidence or
several numbers in it; ``not_a_number``: text was read that is not a number).

Also seconds per page (wall time of ``parse`` over the scan's pages, model
loading included in the first scan of each worker; the machine's load
matters, so the figure is this machine's, and the spread over scans is
given). One JSON line per scan goes to --jsonl as it finishes, so a cut-off
run keeps what it did; --json writes the summary (with the load average
before and after) and every scan's line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "corpus" / "generate"))


def compare(tables: dict, label: dict) -> tuple[int, int, int, list[str], dict[str, int]]:
    """(right, null, wrong, the wrong cells, nulls by cause) of one output against its label.

    A null's cause, from what the output holds for the cell: ``structure`` (no
    cell: its row or column was not found in the grid), ``blanked`` (the cell
    is there and empty: OCR left it blank, low confidence or several numbers,
    or read nothing), ``not_a_number`` (text that is not a number was read).
    """
    right = null = wrong = 0
    wrongs = []
    causes = {"structure": 0, "blanked": 0, "not_a_number": 0}
    for table, rows in label["tables"].items():
        got = tables.get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in rows.items():
            for col, value in cells.items():
                cell = got.get(row, {}).get(col)
                v = None if cell is None else cell["value"]
                if v == value and type(v) is type(value):
                    right += 1
                elif v is None:
                    null += 1
                    raw = None if cell is None else (cell.get("raw") or "").strip()
                    causes["structure" if cell is None or cell.get("raw") is None else "blanked" if not raw else "not_a_number"] += 1
                else:
                    wrong += 1
                    wrongs.append(f"{table}.{row}.{col}: label {value!r}, got {v!r} (raw {cell.get('raw')!r})")
    return right, null, wrong, wrongs, causes


_PLAIN: list = []
#: The labelled WPS reports whose table pages ``--real`` scans in the four variants.
REAL = [REPO / "corpus" / "real" / "huaian_2024.pdf", REPO / "corpus" / "real" / "hongze_2023.pdf"]


def plain_rapidocr_seconds(path: Path) -> float:
    """Seconds plain full-page rapidocr (its defaults: detection, direction, recognition of every box)
    takes on the scan's pages, rendered as giaparse renders them: the baseline of the speed ratio."""
    import numpy as np
    import pypdfium2 as pdfium
    from rapidocr_onnxruntime import RapidOCR

    from giaparse.readers.ocr.document import MAX_RENDER_DPI, RENDER_DPI, _scan_dpi

    if not _PLAIN:
        _PLAIN.append(RapidOCR())
    pdf = pdfium.PdfDocument(str(path))
    images = []
    for page in pdf:
        dpi = _scan_dpi(page)
        dpi = RENDER_DPI if dpi is None else min(max(dpi, RENDER_DPI), MAX_RENDER_DPI)
        images.append(np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB"))[:, :, ::-1].copy())
    pdf.close()
    t0 = time.perf_counter()
    for img in images:
        _PLAIN[0](img)
    return time.perf_counter() - t0


def run_one(args: tuple) -> dict:
    i, out_dir, variant, repeat, baseline_every = args
    import make_scans

    import giaparse

    if variant is not None and variant.startswith("real "):
        # A real report's table pages scanned the variant's way (``--real``): i picks the report.
        path = make_scans.make_real_scan(REAL[i], variant.split()[1], Path(out_dir))
    elif variant is None:
        path = make_scans.make_scan(i, Path(out_dir))
    else:
        path = make_scans.make_variant_scan(i, variant, Path(out_dir))
    label = json.loads(path.with_name(path.stem + ".label.json").read_text(encoding="utf-8"))
    pages = len(label["scan"].get("pages", [1]))
    timed_plain = baseline_every > 0 and i % baseline_every == 0
    if not _PLAIN:
        giaparse.parse(path)  # models loaded (both engines) before anything is timed
        plain_rapidocr_seconds(path)
    # Side by side, alternating (--repeat times each): the machine's load drifts; the lowest of each is kept.
    secs, plain = [], []
    try:
        for _ in range(repeat):
            t0 = time.perf_counter()
            out = giaparse.parse(path).to_dict()
            secs.append(time.perf_counter() - t0)
            if timed_plain:
                plain.append(plain_rapidocr_seconds(path))
    except Exception as exc:  # noqa: BLE001 - a benchmark records failures and goes on
        return {"scan": path.name, "variant": variant, "pages": pages, "error": f"{type(exc).__name__}: {exc}"}
    seconds = min(secs)
    right, null, wrong, wrongs, causes = compare(out["tables"], label)
    checks = [c["status"] for c in out["checks"]]
    codes = [w["code"] for w in out["warnings"]]
    return {"scan": path.name, "variant": variant, "pages": pages, "seconds": round(seconds, 2),
            **({"plain_rapidocr_seconds": round(min(plain), 2), "ratio": round(seconds / min(plain), 3)} if plain else {}),
            "right": right, "null": null, "wrong": wrong, "wrongs": wrongs, "null_causes": causes,
            "low_confidence": codes.count("ocr_low_confidence"), "reread": codes.count("ocr_reread"),
            "recognisers_disagree": codes.count("ocr_recognisers_disagree"),
            "checks_fail": checks.count("fail"), "checks_pass": checks.count("pass")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=30, help="scans per variant")
    ap.add_argument("--variant", action="append", default=None,
                    help="office, seal, fax, phone (repeatable; 'all' for the four; none: the corpus-PDF scans)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1, help="timed runs of each side per scan (the lowest kept)")
    ap.add_argument("--baseline-every", type=int, default=1,
                    help="time plain rapidocr beside giaparse on scans i %% K == 0 (0: never)")
    ap.add_argument("--real", action="store_true",
                    help="also the table pages of corpus/real's two WPS reports scanned in the four variants "
                         "(make_scans.make_real_scan), scored as 'real VARIANT'")
    ap.add_argument("--out", type=Path, default=Path("/tmp/giaparse_scans"))
    ap.add_argument("--jsonl", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None, help="write the summary (and every scan's line) here")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sink = args.jsonl.open("a", encoding="utf-8") if args.jsonl else None
    results = []
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        variants = (["office", "seal", "fax", "phone"] if args.variant == ["all"] else args.variant) or [None]
        jobs = [(i, str(args.out), v, args.repeat, args.baseline_every) for i in range(args.n) for v in variants]
        if args.real:
            # Not timed against plain rapidocr (several pages each; the generated scans give the ratio).
            jobs += [(i, str(args.out), f"real {v}", args.repeat, 0) for i in range(len(REAL))
                     for v in ("office", "seal", "fax", "phone")]
        for r in pool.map(run_one, jobs):
            results.append(r)
            line = json.dumps(r, ensure_ascii=False)
            print(line, flush=True)
            if sink:
                sink.write(line + "\n")
                sink.flush()
    real = [r for r in results if str(r.get("variant") or "").startswith("real ")]
    summary = summarise([r for r in results if r not in real])
    by_variant = {}
    for v in sorted({r.get("variant") for r in results if r.get("variant")}):
        print(f"\n--- {v}")
        by_variant[v] = summarise([r for r in results if r.get("variant") == v])
    if by_variant:
        summary["by_variant"] = by_variant
    if real:
        print("\n--- real (both reports, four variants)")
        summary["real"] = summarise(real)
    summary["run"] = {"jobs": args.jobs, "wall_seconds": round(time.perf_counter() - t0, 1),
                      "cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in load_before],
                      "load_average_after": [round(x, 2) for x in os.getloadavg()],
                      "python": platform.python_version(), "machine": platform.machine()}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"summary": summary, "scans": results}, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")


def summarise(results: list[dict]) -> dict:
    ok = [r for r in results if "error" not in r]
    right, null, wrong = (sum(r[k] for r in ok) for k in ("right", "null", "wrong"))
    cells = right + null + wrong
    pages = sum(r["pages"] for r in ok)
    secs = sum(r["seconds"] for r in ok)
    per_page = sorted(r["seconds"] / r["pages"] for r in ok if r["pages"])
    causes: dict[str, int] = {}
    for r in ok:
        for k, v in r.get("null_causes", {}).items():
            causes[k] = causes.get(k, 0) + v
    out = {"scans": len(results), "failed": len(results) - len(ok), "pages": pages, "cells": cells,
           "right": right, "null": null, "wrong": wrong, "null_causes": causes,
           "seconds_per_page": round(secs / pages, 2) if pages else None,
           "seconds_per_page_by_scan": {"min": round(per_page[0], 2), "median": round(statistics.median(per_page), 2),
                                        "max": round(per_page[-1], 2)} if per_page else None}
    print(f"\nscans {len(results)} (failed {len(results) - len(ok)}), pages {pages}, labelled cells {cells}")
    if cells:
        print(f"right {right} ({100 * right / cells:.2f}%)  null {null} ({100 * null / cells:.2f}%)  "
              f"WRONG {wrong} ({100 * wrong / cells:.2f}%)  nulls by cause {causes}")
    ratios = sorted(r["ratio"] for r in ok if "ratio" in r)
    if ratios:
        q = statistics.quantiles(ratios, n=4) if len(ratios) >= 2 else [ratios[0]] * 3
        out["ratio_to_plain_rapidocr"] = {"median": round(statistics.median(ratios), 3), "q1": round(q[0], 3),
                                          "q3": round(q[2], 3), "min": ratios[0], "max": ratios[-1]}
        out["right_pct"] = round(100 * right / cells, 2) if cells else None
        print(f"time / plain full-page rapidocr: median {statistics.median(ratios):.2f} "
              f"(quartiles {q[0]:.2f}-{q[2]:.2f}, min {ratios[0]}, max {ratios[-1]})")
    if pages:
        sp = out["seconds_per_page_by_scan"]
        print(f"seconds per page {secs / pages:.1f} (by scan: min {sp['min']}, median {sp['median']}, max {sp['max']})")
    return out


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--summary":
        summarise([json.loads(l) for l in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines() if l.strip()])
    else:
        main()
