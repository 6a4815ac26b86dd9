"""Per-document speed of the HTML, DOCX and text readers (issue 16), as ratios in one process.

    python benchmarks/speed.py html|docx|text|all [--repeat 7] [--baseline COMMIT] [--json FILE] [--clock cpu]

For every corpus document of the format, the same bytes from memory, these
run one after the other in each repeat (so a burst of load on this shared
machine hits all of them alike):

* ``giaparse``   ``giaparse.parse``: the whole conversion, mapping and checks included
* ``before``     the same, by the code at ``--baseline`` (default: the commit this work
                 started from), copied at run time into a temporary package
                 ``giaparse_baseline`` (``git archive``; nothing of it is committed)
* ``giaparse read`` / ``before read``: the reader alone (``pipeline.read_document``, bytes to
                 ``Document``), the part the speed work changed, by each version
* the generic tool the issue measures against:
  HTML ``pandas.read_html(flavor="lxml")`` on the bytes; DOCX python-docx opening the
  file and reading every table cell's text; text has none (its target is ``before``).

A file's ratio is the median over repeats of (tool / reference in the same
repeat), its spread the lowest and highest per-repeat ratio; across files, the
median and the worst file. Results: ``benchmarks/results/speed_<format>.json``.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import giaparse  # noqa: E402
from giaparse.pipeline import read_document  # noqa: E402

#: The commit issue 16's speed work started from: "today's" code for the ratios.
BRANCH_POINT = "7033724"
CORPUS = REPO / "corpus"
RESULTS = REPO / "benchmarks" / "results"


def baseline_package(commit: str, into: Path):
    """``giaparse`` as of ``commit``, importable as ``giaparse_baseline`` (built under ``into``)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "src/giaparse"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    package = into / "giaparse_baseline"
    (into / "src" / "giaparse").rename(package)
    for py in package.rglob("*.py"):  # the package imports itself relatively; a few absolute ones
        text = py.read_text(encoding="utf-8")
        new = re.sub(r"\b(from|import) giaparse\b", r"\1 giaparse_baseline", text)
        if new != text:
            py.write_text(new, encoding="utf-8")
    sys.path.insert(0, str(into))
    return importlib.import_module("giaparse_baseline")


def documents(fmt: str) -> list[Path]:
    if fmt == "html":
        return sorted(CORPUS.glob("html/*.html"))
    if fmt == "docx":
        return sorted(CORPUS.glob("docx/*.docx"))
    # text: the seeds and every other corpus text file (markdown, cell streams, flat, PDF-text dumps, real)
    found = [p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md")
             and p.name != "README.md" and "generate" not in p.parts]
    return sorted(found)


def generic_tool(fmt: str, data: bytes) -> tuple[str, Callable[[], object]] | None:
    if fmt == "html":
        import pandas

        def read_html():
            try:
                return pandas.read_html(io.BytesIO(data), flavor="lxml")
            except ValueError:  # "No tables found"
                return []
        return "pandas.read_html(lxml)", read_html
    if fmt == "docx":
        import docx

        def every_cell():
            document = docx.Document(io.BytesIO(data))
            return [[c.text for c in row.cells] for t in document.tables for row in t.rows]
        return "python-docx cells", every_cell
    return None


#: What ``timed`` reads: wall time (``perf_counter``), or with ``--clock cpu`` this process's CPU
#: time (``process_time``), which a loaded machine's other processes do not add to (every tool
#: timed here runs in this one thread).
CLOCK = [time.perf_counter]


def timed(fn: Callable[[], object]) -> float:
    clock = CLOCK[0]
    t0 = clock()
    fn()
    return clock() - t0


def _spread(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3)}


def run(fmt: str, baseline, repeat: int) -> dict:
    rows = []
    reference_name = None
    for path in documents(fmt):
        data = path.read_bytes()
        tools: dict[str, Callable[[], object]] = {
            "giaparse": lambda d=data, n=path.name: giaparse.parse(d, name=n),
            "before": lambda d=data, n=path.name: baseline.parse(d, name=n),
            # the reader alone (bytes to Document): the part this work changed
            "giaparse read": lambda d=data, n=path.name: read_document(d, n),
            "before read": lambda d=data, n=path.name: baseline.pipeline.read_document(d, n),
        }
        generic = generic_tool(fmt, data)
        if generic is not None:
            reference_name = generic[0]
            tools[generic[0]] = generic[1]
        same = giaparse.parse(data, name=path.name).to_json() == baseline.parse(data, name=path.name).to_json()
        for fn in tools.values():
            fn()  # warm-up
        secs: dict[str, list[float]] = {t: [] for t in tools}
        for _ in range(repeat):
            for tool, fn in tools.items():
                secs[tool].append(timed(fn))
        g = secs["giaparse"]
        row = {"document": str(path.relative_to(REPO)), "bytes": len(data), "same_json_as_before": same,
               "ms": {t: round(1000 * statistics.median(v), 2) for t, v in secs.items()},
               "over_before": _spread([a / b for a, b in zip(g, secs["before"], strict=True)]),
               "read_over_before_read": _spread([a / b for a, b in zip(secs["giaparse read"], secs["before read"],
                                                                       strict=True)])}
        if generic is not None:
            row["over_generic"] = _spread([a / b for a, b in zip(g, secs[generic[0]], strict=True)])
            row["read_over_generic"] = _spread([a / b for a, b in zip(secs["giaparse read"], secs[generic[0]],
                                                                      strict=True)])
            row["before_over_generic"] = _spread([a / b for a, b in zip(secs["before"], secs[generic[0]], strict=True)])
        rows.append(row)
        extra = (f"  ×{generic[0]} {row['over_generic']['median']:.2f} "
                 f"({row['over_generic']['min']:.2f}–{row['over_generic']['max']:.2f}; before "
                 f"{row['before_over_generic']['median']:.2f})" if generic is not None else "")
        print(f"{row['document']:60} {row['ms']['giaparse']:7.2f} ms  ×before {row['over_before']['median']:.2f} "
              f"({row['over_before']['min']:.2f}–{row['over_before']['max']:.2f}){extra}"
              f"{'' if same else '  OUTPUT DIFFERS'}", flush=True)
    summary = {}
    for key in ("over_before", "read_over_before_read", "over_generic", "read_over_generic", "before_over_generic"):
        if key not in rows[0]:
            continue
        per_file = [r[key]["median"] for r in rows]
        summary[key] = {"median_file": round(statistics.median(per_file), 3), "worst_file": round(max(per_file), 3),
                        "best_file": round(min(per_file), 3),
                        "spread_all_runs": [min(r[key]["min"] for r in rows), max(r[key]["max"] for r in rows)]}
    summary["same_json_as_before"] = all(r["same_json_as_before"] for r in rows)
    print(f"\n{fmt}: {len(rows)} documents, {repeat} repeats")
    for key, label in (("over_before", "giaparse / before"), ("read_over_before_read", "reader alone / before"),
                       ("over_generic", f"giaparse / {reference_name}"),
                       ("read_over_generic", f"reader alone / {reference_name}"),
                       ("before_over_generic", f"before / {reference_name}")):
        if key in summary:
            s = summary[key]
            print(f"  {label:40} median file {s['median_file']:.3f}  worst file {s['worst_file']:.3f}  "
                  f"(all runs {s['spread_all_runs'][0]:.3f}–{s['spread_all_runs'][1]:.3f})")
    print(f"  same JSON as before on every document: {summary['same_json_as_before']}")
    return {"format": fmt, "repeat": repeat, "reference": reference_name, "documents": rows, "summary": summary}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("format", choices=("html", "docx", "text", "all"))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--baseline", default=BRANCH_POINT, help="the commit whose code is 'before'")
    ap.add_argument("--json", type=Path, help="default: benchmarks/results/speed_<format>.json")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                    help="wall time, or this process's CPU time (steadier on a loaded machine)")
    args = ap.parse_args()
    if args.clock == "cpu":
        CLOCK[0] = time.process_time
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory(prefix="giaparse_baseline_") as tmp:
        baseline = baseline_package(args.baseline, Path(tmp))
        for fmt in ("html", "docx", "text") if args.format == "all" else (args.format,):
            load_before = [round(x, 2) for x in os.getloadavg()]
            result = run(fmt, baseline, args.repeat)
            result["load_average_before"] = load_before
            result["baseline_commit"] = args.baseline
            result["clock"] = args.clock
            result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
            out = args.json if args.json and args.format != "all" else RESULTS / f"speed_{fmt}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
