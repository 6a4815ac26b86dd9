"""Flattened reports (issue 6): generated documents in every flattened style.

    python benchmarks/flattened.py [--docs 1000] [--repeat 5]

Every ``corpus/generate/styles_*.py`` module's ``STYLES`` is collected. For
each style, ``--docs / len(styles)`` reports are drawn by
``reportdata.random_report(seed)`` (seeds 0, 1, …), rendered, and parsed;
each cell of the generating data is compared with the output:

* right — the output value equals the truth;
* null  — the output is null (and a warning names the cell, its row or its table);
* WRONG — any other value. Must be 0: a wrong number is a failure.

Time: median ms per document (one parse each), and the fully flattened
one-line report (``one_line_page``, a busy city's 2021 report) parsed
``--repeat`` times, next to a baseline in the same process: seed 001, a
report whose tables kept their structure (pipes). The ratio is what to
compare across machines.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATE = REPO / "corpus" / "generate"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(GENERATE))

from reportdata import random_report  # noqa: E402

import giaparse  # noqa: E402


def collect_styles() -> dict[str, object]:
    """Every STYLES of every corpus/generate/styles_*.py, as {module:style: render}."""
    styles = {}
    for path in sorted(GENERATE.glob("styles_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, render in getattr(module, "STYLES", {}).items():
            styles[name] = render
    return styles


def warned(out: dict, table: str, row: str, col: str) -> bool:
    return any(w.get("table") == table and w.get("row") in (None, row) and w.get("column") in (None, col)
               for w in out["warnings"])


def compare(out: dict, truth: dict) -> tuple[int, int, int, list[str], int]:
    """(right, null, wrong, wrong cells, nulls without a warning)."""
    right = null = wrong = silent = 0
    bad = []
    for table, rows in truth.items():
        got = out["tables"].get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in rows.items():
            for col, value in cells.items():
                cell = got.get(row, {}).get(col)
                v = cell["value"] if cell else None
                if v is None:
                    null += 1
                    silent += not (warned(out, table, row, col) or table not in out["tables"])
                elif v == value and type(v) is type(value):
                    right += 1
                else:
                    wrong += 1
                    bad.append(f"{table}.{row}.{col}: {v!r} != {value!r}")
    return right, null, wrong, bad, silent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    styles = collect_styles()
    per_style = max(1, args.docs // len(styles))
    print(f"{per_style * len(styles)} documents, {len(styles)} styles, {per_style} each")
    print(f"{'style':<22} {'cells right':>11} {'null':>7} {'WRONG':>6} {'silent null':>11} {'median ms':>10} {'p90 ms':>7}")
    total_wrong = 0
    for name, render in styles.items():
        right = null = wrong = silent = 0
        times = []
        for seed in range(per_style):
            data = random_report(seed)
            text = render(data, random.Random(seed)).encode("utf-8")
            t0 = time.perf_counter()
            out = giaparse.parse(text, name=f"{name}-{seed}.txt").to_dict()
            times.append((time.perf_counter() - t0) * 1000)
            r, n, w, bad, s = compare(out, data.values())
            right, null, wrong, silent = right + r, null + n, wrong + w, silent + s
            if bad:
                print(f"  WRONG {name} seed {seed}: {bad[:3]}")
        total_wrong += wrong
        times.sort()
        print(f"{name:<22} {right:>11} {null:>7} {wrong:>6} {silent:>11} {statistics.median(times):>10.1f} "
              f"{times[int(len(times) * 0.9)]:>7.1f}")

    if "one_line_page" in styles:
        data = random_report(1, "2021", scale=900, busy=20)
        text = styles["one_line_page"](data, random.Random(1)).encode("utf-8")

        def median_ms(fn, clock=time.perf_counter):
            fn()
            ts = []
            for _ in range(args.repeat):
                t0 = clock()
                fn()
                ts.append((clock() - t0) * 1000)
            return statistics.median(ts), min(ts), max(ts)

        parse = median_ms(lambda: giaparse.parse(text, name="one-line.txt"))
        # Baseline: a report whose tables kept their structure (seed 001, pipes), same process.
        seed = (REPO / "corpus" / "text" / "seed001_anning_2020_pipes.txt").read_bytes()
        base = median_ms(lambda: giaparse.parse(seed, name="seed001.txt"))
        print(f"one-line report ({len(text)} bytes, busy city, 2021): parse median {parse[0]:.1f} ms "
              f"(min {parse[1]:.1f}, max {parse[2]:.1f}) over {args.repeat} runs; "
              f"baseline (seed 001 with pipe tables) {base[0]:.1f} ms; ratio {parse[0] / base[0]:.2f}")
        # CPU time of this process: on a shared machine, less disturbed by other processes than wall time.
        cpu = median_ms(lambda: giaparse.parse(text, name="one-line.txt"), time.process_time)
        cpu_base = median_ms(lambda: giaparse.parse(seed, name="seed001.txt"), time.process_time)
        print(f"  CPU time: one-line {cpu[0]:.1f} ms (min {cpu[1]:.1f}), seed 001 {cpu_base[0]:.1f} ms")
    return 1 if total_wrong else 0


if __name__ == "__main__":
    sys.exit(main())
