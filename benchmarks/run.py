"""giaparse benchmarks: accuracy against the corpus labels, and speed.

    python benchmarks/run.py [--repeat 15] [--json benchmarks/results.json]

Accuracy: for every labelled corpus document, the share of labelled cells
whose output ``value`` equals the label exactly, plus document facts
(kind, template, year, organ), per format.

Speed: median wall time of ``giaparse.parse`` per document over --repeat
runs, per format, next to a baseline measured in the same process on the
same bytes — for text, decoding plus splitting into lines (the floor any
text tool pays); for HTML, ``lxml.html`` parsing plus ``text_content()``;
for DOCX, python-docx opening the file and reading every table cell; for
PDF, pdfplumber's ``extract_tables()`` on every page. The
ratio parse/baseline is what to compare across machines; the milliseconds
are this machine's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import giaparse  # noqa: E402

CORPUS = REPO / "corpus"


def corpus() -> list[tuple[Path, dict]]:
    out = []
    for label_path in sorted(CORPUS.glob("*/*.label.json")):
        if label_path.parent.name == "scan":
            continue  # OCR: benchmarks/ocr.py
        stem = label_path.name[: -len(".label.json")]
        docs = [p for p in label_path.parent.glob(stem + ".*")
                if not p.name.endswith(".label.json") and p.name[len(stem) + 1:].count(".") == 0]
        label = json.loads(label_path.read_text(encoding="utf-8"))
        out.extend((doc, label) for doc in docs)
    return out


def cells_right(tables: dict, label: dict) -> tuple[int, int]:
    """(labelled cells whose output value is exact, labelled cells) for one document."""
    right = total = 0
    for table, rows in label["tables"].items():
        got = tables.get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in rows.items():
            for col, value in cells.items():
                total += 1
                cell = got.get(row, {}).get(col)
                right += cell is not None and cell["value"] == value and type(cell["value"]) is type(value)
    return right, total


def score(doc: Path, label: dict) -> tuple[int, int, int, int]:
    """(cells right, cells labelled, facts right, facts labelled)."""
    out = giaparse.parse(doc).to_dict()
    right, total = cells_right(out["tables"], label)
    facts = label["document"]
    facts_right = sum(out["document"].get(k) == v for k, v in facts.items())
    return right, total, facts_right, len(facts)


def median_ms(fn, repeat: int) -> float:
    fn()  # warm-up: imports, regex compilation
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def baseline_for(fmt: str, data: bytes):
    """What a generic tool pays on the same bytes before understanding anything."""
    import io

    if fmt == "html":
        import lxml.html

        return lambda: lxml.html.fromstring(data).text_content()
    if fmt == "pdf":
        import pdfplumber

        def extract_tables():
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return [t for page in pdf.pages for t in page.extract_tables()]

        return extract_tables
    if fmt == "docx":
        import docx

        return lambda: [[c.text for c in row.cells] for t in docx.Document(io.BytesIO(data)).tables for row in t.rows]
    return lambda: data.decode("utf-8", errors="replace").splitlines()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()

    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    speed: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for doc, label in corpus():
        fmt = doc.parent.name
        r, t, fr, ft = score(doc, label)
        a = acc[fmt]
        a[0] += r; a[1] += t; a[2] += fr; a[3] += ft; a[4] += 1
        data = doc.read_bytes()
        ms = median_ms(lambda: giaparse.parse(data, name=doc.name), args.repeat)
        base = median_ms(baseline_for(fmt, data), args.repeat)
        speed[fmt].append((ms, base))

    results = {"repeat": args.repeat, "formats": {}}
    print(f"{'format':8} {'docs':>4} {'cells exact':>16} {'facts exact':>12} {'median ms/report':>17} {'baseline ms':>12} {'ratio':>6}")
    for fmt in sorted(acc):
        r, t, fr, ft, n = acc[fmt]
        ms = statistics.median(s[0] for s in speed[fmt])
        base = statistics.median(s[1] for s in speed[fmt])
        ratio = statistics.median(s[0] / s[1] for s in speed[fmt] if s[1] > 0)
        results["formats"][fmt] = {
            "documents": n, "cells_right": r, "cells_labelled": t, "cell_accuracy": r / t if t else None,
            "facts_right": fr, "facts_labelled": ft, "median_ms_per_report": round(ms, 2),
            "median_baseline_ms": round(base, 3), "median_ratio_to_baseline": round(ratio, 1),
        }
        print(f"{fmt:8} {n:>4} {r:>7}/{t:<6} {100 * r / t if t else 0:5.1f}% {fr:>5}/{ft:<4} {ms:>15.2f} {base:>12.3f} {ratio:>6.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
