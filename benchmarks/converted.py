"""Generated reports and the real ones through the real converters (issue 19).

    python benchmarks/converted.py [--docs 60] [--pdf-docs 12] [--wps-docs 48] [--out benchmarks/results/converted.json]

``--docs`` generated reports (seeds 2000…, both editions in turn) through
every HTML and DOCX converter of ``corpus/generate/make_converted.py``;
the first ``--pdf-docs`` of them also printed to PDF (Chromium) and through
the five PDF-text converters; the real reports of ``corpus/real`` that are
HTML or PDF through the HTML or the PDF converters (labels: their label
files); ``--wps-docs`` WPS-like PDFs (``make_pagesplit.render("wps", …)``: CID fonts, the vertical
group cell, dropped characters and stray spaces, the page break walking tables 2, 3 and 4 in turn)
through the four PDF converters ``WPS_CONVERTERS``, each counted as ``wps:<converter>``. Each
labelled cell is right (the value, or null where the cell was
written blank), null, or WRONG (must be 0). Time: median ms of one
``giaparse.parse`` of a converter's text (conversion not counted), with
the spread (min–max).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "corpus" / "generate"))
sys.path.insert(0, str(REPO / "benchmarks"))

import make_converted  # noqa: E402
import pdf_text  # noqa: E402
from reportdata import random_report  # noqa: E402

import giaparse  # noqa: E402
from streams import score  # noqa: E402

#: The PDF-text converters the WPS-like PDFs go through (plain pdftotext is read elsewhere).
WPS_CONVERTERS = ("markitdown_pdf", "pdftotext_layout", "pdfplumber_text", "pymupdf4llm")


def _real() -> list[tuple[Path, dict]]:
    real = REPO / "corpus" / "real"
    out = []
    for doc in sorted(real.iterdir()):
        label = doc.with_name(doc.stem + ".label.json")
        if doc.suffix.lower() in (".html", ".htm", ".pdf") and label.exists():
            tables = json.loads(label.read_text(encoding="utf-8"))["tables"]
            out.append((doc, {t: v["items"] if t == "proactive" else v for t, v in tables.items()}))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--pdf-docs", type=int, default=12)
    ap.add_argument("--wps-docs", type=int, default=0)
    ap.add_argument("--only-wps", action="store_true", help="the WPS-like PDFs only")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "converted.json")
    args = ap.parse_args()
    per: dict[str, dict] = {}
    wrong_examples: list[str] = []

    def add(conv: str, text: str, truth: dict, name: str) -> None:
        t0 = time.perf_counter()
        out = giaparse.parse(text.encode("utf-8"), name=f"{conv}.txt").to_dict()
        ms = (time.perf_counter() - t0) * 1000
        r, n, w, bad = score(out, truth)
        acc = per.setdefault(conv, {"documents": 0, "right": 0, "null": 0, "wrong": 0, "ms": []})
        acc["documents"] += 1
        acc["right"] += r
        acc["null"] += n
        acc["wrong"] += w
        acc["ms"].append(ms)
        if bad:
            wrong_examples.append(f"{conv} {name}: {bad[:3]}")
            print(f"  WRONG {conv} {name}: {bad[:3]}", flush=True)

    if args.wps_docs:
        import make_pagesplit

        with tempfile.TemporaryDirectory() as tmp:
            for k in range(args.wps_docs):
                variant = list(make_pagesplit.WPS_BREAKS)[k % len(make_pagesplit.WPS_BREAKS)]
                seed = 3000 + k // len(make_pagesplit.WPS_BREAKS)
                pdf = make_pagesplit.render("wps", variant, seed, Path(tmp))
                truth = json.loads(pdf.with_suffix(".label.json").read_text(encoding="utf-8"))["tables"]
                for conv, text in pdf_text.convert_all(pdf, WPS_CONVERTERS).items():
                    add(f"wps:{conv}", text, truth, pdf.name)
    if args.only_wps:
        _report(per, args, wrong_examples)
        return 1 if any(a["wrong"] for a in per.values()) else 0
    for doc, label in _real():
        if doc.suffix.lower() == ".pdf":
            for conv, text in pdf_text.convert_all(doc).items():
                add(conv, text, label, doc.name)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            html = Path(tmp) / "report.html"
            html.write_bytes(doc.read_bytes())
            for conv, fn in make_converted.HTML_CONVERTERS.items():
                add(conv, fn(html), label, doc.name)
    for k in range(args.docs):
        seed = 2000 + k
        data = random_report(seed, ("2019", "2021")[k % 2])
        for conv, text in make_converted.convert(data, seed, pdf=k < args.pdf_docs).items():
            add(conv, text, data.values(), f"seed {seed}")
    _report(per, args, wrong_examples)
    return 1 if any(a["wrong"] for a in per.values()) else 0


def _report(per: dict, args, wrong_examples: list[str]) -> None:
    print(f"{'converter':<20} {'docs':>5} {'right':>7} {'null':>6} {'WRONG':>6} {'right%':>8} {'median ms':>9} "
          f"{'min–max':>14}")
    results = {}
    for conv, acc in per.items():
        total = acc["right"] + acc["null"] + acc["wrong"]
        ms = acc["ms"]
        results[conv] = {k: acc[k] for k in ("documents", "right", "null", "wrong")} | {
            "right_share": round(acc["right"] / max(total, 1), 4), "median_ms": round(statistics.median(ms), 1),
            "min_ms": round(min(ms), 1), "max_ms": round(max(ms), 1)}
        print(f"{conv:<20} {acc['documents']:>5} {acc['right']:>7} {acc['null']:>6} {acc['wrong']:>6} "
              f"{100 * acc['right'] / max(total, 1):>7.2f}% {statistics.median(ms):>9.1f} "
              f"{min(ms):>7.1f}–{max(ms):.1f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"docs": args.docs, "pdf_docs": args.pdf_docs, "wps_docs": args.wps_docs,
                                    "real": [d.name for d, _ in _real()],
                                    "converters": results, "wrong_examples": wrong_examples[:50]},
                                   ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
