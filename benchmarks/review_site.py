"""How long ``giaparse review DIR -o SITE`` takes for a few hundred documents.

    python benchmarks/review_site.py [--copies 8] [--repeats 3] [--jobs 2] [--out results.json]

The documents are copies of the corpus (every labelled text, HTML, Markdown,
DOCX and PDF document, scans left out: OCR's seconds a page would swamp
everything else), each copy with one byte appended so that every file has its
own sha256, as real reports do. Each repeat builds the whole site (pages and
index) through the batch machinery; the baseline, in the same process and on
the same files, is ``convert_many`` alone (the JSON the site is built from),
so the ratio says what the pages (PDF pages rendered, HTML written) cost on
top of converting. Reported: the median of the repeats, their spread, seconds
per document, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import giaparse  # noqa: E402
from giaparse.options import ReadOptions  # noqa: E402
from giaparse.review.site import build_site  # noqa: E402

FOLDERS = ("text", "html", "markdown", "docx", "pdf", "pagesplit", "flat", "real")


def corpus_files() -> list[Path]:
    out = []
    for folder in FOLDERS:
        for label in sorted((ROOT / "corpus" / folder).glob("*.label.json")):
            stem = label.name[: -len(".label.json")]
            out += [p for p in label.parent.glob(stem + ".*") if not p.name.endswith(".label.json")]
    return out


def make_copies(files: list[Path], copies: int, into: Path) -> list[Path]:
    made = []
    for k in range(copies):
        for f in files:
            target = into / f"copy{k:03d}" / f.parent.name / f.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
            if f.suffix in (".txt", ".md", ".html", ".pdf"):
                with open(target, "ab") as fh:  # its own sha256; trailing bytes change nothing read
                    fh.write(b"\n" if f.suffix != ".pdf" else b"%\n")
            made.append(target)
    return made


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="giaparse-site-bench-") as tmp:
        docs = make_copies(corpus_files(), args.copies, Path(tmp) / "in")
        options = ReadOptions(timeout_s=120)
        site_s, convert_s = [], []
        for r in range(args.repeats):
            start = time.perf_counter()
            results = list(giaparse.convert_many(docs, jobs=args.jobs, options=options))
            convert_s.append(time.perf_counter() - start)
            assert all(x.ok for x in results), [x.error for x in results if not x.ok]
            out = Path(tmp) / f"site{r}"
            start = time.perf_counter()
            site = build_site([(str(d), out / "pages" / f"{i:05d}.html") for i, d in enumerate(docs)], out,
                              options=options, jobs=args.jobs)
            site_s.append(time.perf_counter() - start)
            assert not site.failed and len(site.rows) == len(docs)
            size = sum(p.stat().st_size for p in out.rglob("*.html"))
            print(f"run {r + 1}: site {site_s[-1]:.1f} s, convert only {convert_s[-1]:.1f} s, "
                  f"{len(docs)} documents, {size / 1e6:.0f} MB of pages", flush=True)
    med_site, med_conv = statistics.median(site_s), statistics.median(convert_s)
    result = {
        "documents": len(docs), "jobs": args.jobs, "repeats": args.repeats,
        "site_seconds": {"median": round(med_site, 2), "min": round(min(site_s), 2), "max": round(max(site_s), 2)},
        "convert_seconds": {"median": round(med_conv, 2), "min": round(min(convert_s), 2),
                            "max": round(max(convert_s), 2)},
        "site_ms_per_document": round(1000 * med_site / len(docs), 1),
        "ratio_site_to_convert": round(med_site / med_conv, 2),
    }
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
