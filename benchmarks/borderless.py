"""Borderless PDF tables (no ruling lines): cells right / null / WRONG per producer × engine.

    python benchmarks/borderless.py [--n 32] [--out DIR] [--json FILE] [--tag after]

Renders ``--n`` documents per producer with ``corpus/generate/make_borderless.py``
(pandoc DOCX, python-docx borderless DOCX, both printed by LibreOffice; borderless
HTML printed by Chromium; seeds 5000…), or reuses the PDFs already in ``--out``
(rendering is deterministic per seed), parses each with both PDF engines and
compares every labelled cell with the generating data: right, null, WRONG (a
wrong number; must be 0), and the nulls that no warning covers (its row or its
table). ``--before`` reads without the text-grid reader (``reader._text_tables``,
the one hook, left out: the PDF reader as it was before it). ``--json`` adds the
figures under ``--tag`` to the results file
(default benchmarks/results/borderless.json), so that a run of the code before
the text-grid reader ("before") and after it ("after") sit side by side.

Needs pandoc, soffice and chromium on the PATH for rendering.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "corpus" / "generate"))

import make_borderless  # noqa: E402

import giaparse  # noqa: E402

ENGINES = ("pypdfium2", "pdfminer")


def compare(report: giaparse.Report, label: dict) -> tuple[int, int, int, int, list[str]]:
    """(right, null, wrong, null without a warning, the wrong cells) of a report against its label."""
    out = report.to_dict()
    warned = {(w.table, row) for w in report.warnings for row in w.rows}
    warned_tables = {w.table for w in report.warnings if not w.rows}
    right = null = wrong = bare = 0
    wrongs = []
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
                    if (table, row) not in warned and table not in warned_tables:
                        bare += 1
                else:
                    wrong += 1
                    wrongs.append(f"{table}.{row}.{col}: {got!r} != {want!r}")
    return right, null, wrong, bare, wrongs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=32, help="documents per producer")
    ap.add_argument("--out", type=Path, default=Path("/tmp/giaparse-borderless"))
    ap.add_argument("--json", type=Path, default=None, help="results file to add the figures to")
    ap.add_argument("--tag", default="after", help="the run's name in the results file")
    ap.add_argument("--producers", default=",".join(make_borderless.PRODUCERS))
    ap.add_argument("--before", action="store_true",
                    help="read without the text-grid reader (the PDF reader as before it: pages without "
                         "ruling lines give lines of text only)")
    args = ap.parse_args(argv)
    if args.before:
        from giaparse.readers.pdf import reader

        reader._text_tables = lambda page, glyphs: glyphs  # type: ignore[assignment]
    args.out.mkdir(parents=True, exist_ok=True)
    producers = args.producers.split(",")
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    times: dict[str, list[float]] = defaultdict(list)
    for producer, seed in make_borderless.plan(args.n):
        if producer not in producers:
            continue
        pdf = args.out / f"{producer}_{seed}.pdf"
        if not pdf.exists():
            make_borderless.render(producer, seed, args.out)
        label = json.loads(pdf.with_suffix("").with_suffix(".label.json").read_text(encoding="utf-8"))
        for engine in ENGINES:
            start = time.perf_counter()
            report = giaparse.parse(pdf, options={"pdf_engine": engine})
            times[f"{producer} {engine}"].append(time.perf_counter() - start)
            right, null, wrong, bare, wrongs = compare(report, label)
            c = counts[f"{producer} {engine}"]
            c["documents"] += 1
            c["right"] += right
            c["null"] += null
            c["wrong"] += wrong
            c["null_without_warning"] += bare
            if wrong:
                print(f"WRONG {pdf.name} {engine}: {wrongs[:5]}", file=sys.stderr)
    rows = {}
    print(f"{'producer engine':28s} {'docs':>5s} {'right':>7s} {'null':>6s} {'WRONG':>6s} {'bare':>5s} "
          f"{'right %':>8s} {'ms/doc':>7s}")
    for key in sorted(counts):
        c = counts[key]
        cells = c["right"] + c["null"] + c["wrong"]
        ms = sorted(times[key])[len(times[key]) // 2] * 1000
        rows[key] = {**c, "cells": cells, "right_share": round(c["right"] / cells, 4) if cells else None,
                     "median_ms": round(ms, 1)}
        print(f"{key:28s} {c['documents']:5d} {c['right']:7d} {c['null']:6d} {c['wrong']:6d} "
              f"{c['null_without_warning']:5d} {100 * c['right'] / cells:7.1f}% {ms:7.0f}")
    if args.json:
        results = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
        run = results.setdefault(args.tag, {"n_per_producer": args.n, "seeds": "5000…", "by_producer_engine": {}})
        run["by_producer_engine"].update(rows)  # a run over some producers keeps the others' figures
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
