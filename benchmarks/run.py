"""giaparse benchmarks: accuracy against the corpus labels, and speed.

    python benchmarks/run.py [--repeat 15] [--json benchmarks/results/corpus.json]
    python benchmarks/run.py --table      # the README's table, from the saved results

``--table`` runs nothing: it prints one markdown line per benchmark from the
results JSON files the benchmarks wrote (``benchmarks/results/*.json`` and
``benchmarks/*.results.json``), so the README's figures are the saved ones.

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
        if label_path.parent.name in ("scan", "real", "pdftext"):
            continue  # scored right / null / wrong, not exact: benchmarks/ocr.py, tests/test_real.py, streams.py
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
        if table == "proactive" and "items" in rows:  # labels written in the output's own form
            rows = rows["items"]
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
    ap.add_argument("--table", action="store_true",
                    help="print the markdown table of every saved result (runs nothing)")
    args = ap.parse_args()
    if args.table:
        print(markdown_table())
        return

    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    speed: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for doc, label in corpus():
        fmt = doc.parent.name
        r, t, fr, ft = score(doc, label)
        a = acc[fmt]
        for i, v in enumerate((r, t, fr, ft, 1)):
            a[i] += v
        data = doc.read_bytes()
        ms = median_ms(lambda data=data, name=doc.name: giaparse.parse(data, name=name), args.repeat)
        base = median_ms(baseline_for(fmt, data), args.repeat)
        speed[fmt].append((ms, base))

    results = {"repeat": args.repeat, "formats": {}}
    print(f"{'format':8} {'docs':>4} {'cells exact':>16} {'facts exact':>12} {'median ms/report':>17} "
          f"{'baseline ms':>12} {'ratio':>6}")
    for fmt in sorted(acc):
        r, t, fr, ft, n = acc[fmt]
        ms = statistics.median(s[0] for s in speed[fmt])
        base = statistics.median(s[1] for s in speed[fmt])
        ratio = statistics.median(s[0] / s[1] for s in speed[fmt] if s[1] > 0)
        results["formats"][fmt] = {
            "documents": n, "cells_right": r, "cells_labelled": t, "cell_accuracy": r / t if t else None,
            "facts_right": fr, "facts_labelled": ft, "median_ms_per_report": round(ms, 2),
            "median_baseline_ms": round(base, 3), "median_ratio_to_baseline": round(ratio, 1),
            "ratio_range": [round(min(s[0] / s[1] for s in speed[fmt] if s[1] > 0), 1),
                            round(max(s[0] / s[1] for s in speed[fmt] if s[1] > 0), 1)],
        }
        print(f"{fmt:8} {n:>4} {r:>7}/{t:<6} {100 * r / t if t else 0:5.1f}% {fr:>5}/{ft:<4} {ms:>15.2f} "
              f"{base:>12.3f} {ratio:>6.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


# The README's table ---------------------------------------------------------------------------

RESULTS = REPO / "benchmarks" / "results"


def _load(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _pct(right: int, total: int) -> str:
    return f"{right:,}/{total:,} ({100 * right / total:.1f}%)" if total else "—"


def _corpus_row(d: dict) -> list[str]:
    fmts = d["formats"]
    right = sum(f["cells_right"] for f in fmts.values())
    total = sum(f["cells_labelled"] for f in fmts.values())
    docs = sum(f["documents"] for f in fmts.values())
    speed = ", ".join(f"{k} {f['median_ms_per_report']:g} ms ({f['median_ratio_to_baseline']:g}×)"
                      for k, f in sorted(fmts.items()) if k in ("text", "html", "docx", "pdf"))
    spread = ", ".join(f"{k} {f['ratio_range'][0]:g}–{f['ratio_range'][1]:g}×"
                       for k, f in sorted(fmts.items()) if "ratio_range" in f and k in ("text", "html", "docx", "pdf"))
    return [f"labelled corpus, {docs} documents", f"cells exact {_pct(right, total)}",
            f"median per report: {speed} the format's baseline", spread or "—", "`run.py --json results/corpus.json`"]


def _pdf_speed_row(d: dict) -> list[str]:
    g, m = d["summary"]["giaparse"], d["summary"]["giaparse pdfminer"]
    n = len(d["documents"])
    return [f"PDF speed, {n} PDFs × {d['repeat']} runs", f"cells exact {g['cells']}",
            f"{g['median_ms_per_page']:g} ms/page, {g['median_ratio']:g}× pdfplumber `extract_tables()` "
            f"(pdfminer engine {m['median_ratio']:g}×)",
            f"single runs {g['spread'][0]:g}–{g['spread'][1]:g}×, worst file {g['worst_file_ratio']:g}×",
            "`pdf_speed.py`"]


def _ocr_row(d: dict) -> list[str]:
    s = d["summary"]
    by = s["seconds_per_page_by_scan"]
    return [f"OCR, {s['scans']} generated scans, {s['pages']} pages",
            f"right {_pct(s['right'], s['cells'])}, null {s['null']}, **wrong {s['wrong']}**",
            f"{s['seconds_per_page']:g} s/page (mean), {s['ratio_to_plain_rapidocr']['median']:g}× plain rapidocr"
            if "ratio_to_plain_rapidocr" in s else f"{s['seconds_per_page']:g} s/page (mean)", f"by scan {by['min']:g} / {by['median']:g} / {by['max']:g} s "
            "(min / median / max)", "`ocr.py`"]


def _cells(groups: dict) -> str:
    """right/null/wrong summed over a benchmark's groups (converters, producers), as the table says it."""
    right, null, wrong = (sum(v[k] for v in groups.values()) for k in ("right", "null", "wrong"))
    return f"right {_pct(right, right + null + wrong)}, null {null:,}, **wrong {wrong}**"


def _converted_row(d: dict) -> list[str]:
    c = d["converters"]
    shares = sorted(v["right_share"] for v in c.values())
    ms = sorted(v["median_ms"] for v in c.values())
    return [f"converted text, {d['docs']} generated documents + {len(d['real'])} real × {len(c)} converters",
            _cells(c), f"median {ms[len(ms) // 2]:g} ms/document (median converter)",
            f"right by converter {100 * shares[0]:.1f}–{100 * shares[-1]:.1f}%", "`converted.py`"]


def _pagesplit_row(d: dict) -> list[str]:
    p = d["producers"]
    docs = sum(v["docs"] for v in p.values())
    ms = sorted(v["median_ms"] for v in p.values())
    return [f"PDF tables split over pages, {docs} PDFs, {len(p)} producer × engine",
            _cells(p), f"median {ms[len(ms) // 2]:g} ms/document (median producer)",
            f"producers' medians {ms[0]:g}–{ms[-1]:g} ms", "`pagesplit.py`"]


def _plaintext_row(d: dict) -> list[str]:
    c = {k: v for k, v in d["results"].items() if " / " not in k}
    shares = sorted(v["right_share"] for v in c.values())
    return [f"plain-text PDF dumps, {d['generated_pdfs']} generated PDFs + {len(d['real'])} real × {len(c)} converters "
            "(plain `pdftotext`, `-nopgbrk`, pdfminer `extract_text`)", _cells(c), "—",
            f"right by converter {100 * shares[0]:.1f}–{100 * shares[-1]:.1f}%", "`plaintext.py`"]


def _batch_row(d: dict) -> list[str]:
    one, two, ratio = d["jobs1"], d["jobs2"], d["ratio_jobs2_over_jobs1"]
    load = max(d.get("load_before", [0])[0], d.get("load_after", [0])[0])
    return [f"batch, {d['files']} files × {d['repeat']} runs, {d['cpus']} CPUs (load average {load:g})", "—",
            f"{two['docs_per_s']:g} documents/s with 2 jobs, {one['docs_per_s']:g} with 1 "
            f"({ratio['median']:g}× median); {two['peak_worker_rss_mb']:g} MB per worker",
            f"ratio {ratio['min']:g}–{ratio['max']:g}; {two['docs_per_s_range'][0]:g}–{two['docs_per_s_range'][1]:g} "
            f"and {one['docs_per_s_range'][0]:g}–{one['docs_per_s_range'][1]:g} documents/s", "`batch.py`"]


def _national_row(d: dict) -> list[str]:
    n = max(d, key=int)
    year = d[n]
    runs = year["runs"]
    pool, dask = runs["pool"], runs["dask"]
    fails = sum(r["failures"] for r in runs.values())
    peak = max(max(r["peak_rss_mb"].values()) for r in runs.values())
    return [f"national year, {int(n):,} documents, pool and Dask, {year['cpus']} CPUs",
            f"{fails} failures; same results: {'yes' if year['same_results'] else 'no'}",
            f"{pool['docs_per_s_per_core']:g} documents/s/core (pool), {dask['docs_per_s_per_core']:g} (Dask)",
            f"one run each; peak {peak:g} MB per worker", "`national.py`"]


def _review_site_row(d: dict) -> list[str]:
    s = d["site_seconds"]
    return [f"review site, {d['documents']} documents, {d['jobs']} jobs × {d['repeats']} runs", "—",
            f"{d['site_ms_per_document']:g} ms/document, {d['ratio_site_to_convert']:g}× `convert`",
            f"site {s['min']:g}–{s['max']:g} s (median {s['median']:g})", "`review_site.py`"]


#: Saved result → its README line, in the table's order.
TABLE_ROWS = [
    (RESULTS / "corpus.json", _corpus_row),
    (REPO / "benchmarks" / "pdf_speed.results.json", _pdf_speed_row),
    (RESULTS / "converted.json", _converted_row),
    (RESULTS / "pagesplit.json", _pagesplit_row),
    (RESULTS / "plaintext.json", _plaintext_row),
    (RESULTS / "ocr.json", _ocr_row),
    (RESULTS / "batch.json", _batch_row),
    (RESULTS / "national.json", _national_row),
    (RESULTS / "review_site.json", _review_site_row),
]


def markdown_table() -> str:
    """One markdown line per benchmark whose results are saved; a missing file is left out."""
    lines = ["| benchmark | accuracy | speed | spread | script (`benchmarks/`) |", "|---|---|---|---|---|"]
    for path, row in TABLE_ROWS:
        data = _load(path)
        if data is not None:
            lines.append("| " + " | ".join(row(data)) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
