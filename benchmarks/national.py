"""A national year, simulated: N generated reports in the real mix of formats, on Dask and on the local pool.

    python benchmarks/national.py --n 10000 [--work DIR] [--json benchmarks/results/national.json]

The year
--------
Document ``i`` of the year gets its format from ``random.Random(i)`` with
the weights of ``MIX`` (PDF most, then HTML, DOCX, text, a few scans), so
the year of N is the first N documents of any larger year. Its content:

* **HTML** and **text**: distinct reports, ``reportdata.random_report(i)``
  rendered by ``reportdata.render_html`` (a page with the template's merged
  cells) or ``benchmarks/batch.py``'s pipe-table text.
* **DOCX**: distinct reports built with corpus/generate/make_docx.py's
  table builders (real Word merges), ``random_report(i)``.
* **PDF**: printing thousands of distinct PDFs through Chromium takes longer
  than converting them, so a *pool* of distinct PDFs is generated
  (``--pdf-pool`` reports printed by headless Chromium, plus every PDF the
  corpus holds: LibreOffice, Cairo, reportlab, the real reports) and each
  document of the year is one of them with varied bytes (a comment line
  after ``%%EOF`` naming the document: a distinct file, a distinct sha256,
  the same pages). The output says how many distinct PDFs there were.
* **scans**: the corpus scans (image-only PDFs read by OCR), varied the same
  way.

The run
-------
The same paths are converted twice by ``giaparse.convert_many``: on a Dask
``LocalCluster`` (``--workers`` worker processes, one thread each, through
``Client.get_executor()``) and on giaparse's own ``WorkerPool`` (``jobs`` =
``--workers``). Reported for each: wall time, documents per second, the
same per core (÷ workers), seconds per document by format (median, p90,
max, where each ran), peak resident memory of each worker process, and
failures (must be 0). The two runs must give the same output for every
document: the sha256 of ``Report.to_json()`` (status and error for a
failure) is compared input by input, and the run fails if any differs.

The machine is shared; the load average before and after each run is
written with the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "corpus" / "generate"))
sys.path.insert(0, str(REPO / "benchmarks"))

#: Share of each format in a year (PDF most; scans few, each takes seconds of OCR).
MIX = {"pdf": 0.58, "html": 0.20, "docx": 0.11, "text": 0.10, "scan": 0.01}
FIXED_DATE = "2025-01-15T09:30:00"


def format_of(i: int, mix: dict[str, float] = MIX) -> str:
    rng = random.Random(f"national-{i}")
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def mix_with(scan_share: float) -> dict[str, float]:
    """``MIX`` with scans at ``scan_share`` (each costs seconds of OCR: a long run may take fewer), the rest
    scaled to fill the remainder."""
    rest = {k: v for k, v in MIX.items() if k != "scan"}
    scale = (1 - scan_share) / sum(rest.values())
    return {**{k: round(v * scale, 4) for k, v in rest.items()}, "scan": scan_share}


# Generating -------------------------------------------------------------------

def _chromium_pdf(html: str, path: Path) -> None:
    from make_pdf import chromium_print

    path.write_bytes(chromium_print(html, timeout=180))

def pdf_pool(pool_dir: Path, n_printed: int) -> list[Path]:
    """Distinct PDFs: ``n_printed`` reports printed by Chromium, and every PDF of the corpus with a text layer."""
    from reportdata import random_report, render_html

    pool_dir.mkdir(parents=True, exist_ok=True)
    pool = []
    for k in range(n_printed):
        path = pool_dir / f"chromium_{k:03d}.pdf"
        if not path.exists():
            seed = 500_000 + k
            _chromium_pdf(render_html(random_report(seed), seed), path)
        pool.append(path)
    for folder in ("pdf", "pagesplit", "real"):
        pool += [p for p in sorted((REPO / "corpus" / folder).glob("*.pdf")) if "scanned" not in p.name]
    return pool


def _docx_bytes(seed: int) -> bytes:
    import make_docx as D
    from reportdata import random_report

    data = random_report(seed)
    doc = D.report_document(data, _date(), fillers=random.Random(seed).randint(2, 8))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.docx"
        D.save_deterministic(doc, path)
        return path.read_bytes()


def _date():
    import datetime as dt

    return dt.datetime.fromisoformat(FIXED_DATE)


def varied_pdf(data: bytes, i: int) -> bytes:
    """The same PDF with a comment after its end: another file (another sha256), the same pages."""
    return data + f"\n%giaparse national year, document {i}\n".encode("ascii")


def varied_zip(data: bytes, i: int) -> bytes:
    """The same DOCX with a zip comment naming the document."""
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as zf:
        zf.comment = f"giaparse national year, document {i}".encode("ascii")
    return buf.getvalue()


def generate_year(n: int, work: Path, pdf_printed: int, docx_pool: int,
                  mix: dict[str, float] = MIX) -> tuple[list[Path], dict]:
    """The first ``n`` documents of the year under ``work/year`` (kept: a larger N reuses a smaller one's)."""
    from reportdata import random_report, render_html

    from batch import render_text

    year = work / "year"
    year.mkdir(parents=True, exist_ok=True)
    pdfs = [p.read_bytes() for p in pdf_pool(work / "pdf_pool", pdf_printed)]
    scans = [p.read_bytes() for p in sorted((REPO / "corpus" / "scan").glob("*.pdf"))]
    docx_cache: dict[int, bytes] = {}
    paths, formats = [], {}
    for i in range(n):
        fmt = format_of(i, mix)
        formats[fmt] = formats.get(fmt, 0) + 1
        ext = {"scan": "pdf", "text": "txt"}.get(fmt, fmt)
        path = year / f"{i // 1000:02d}" / f"doc{i:05d}_{fmt}.{ext}"
        paths.append(path)
        if path.exists():
            continue
        path.parent.mkdir(exist_ok=True)
        if fmt == "pdf":
            data = varied_pdf(pdfs[random.Random(i).randrange(len(pdfs))], i)
        elif fmt == "scan":
            data = varied_pdf(scans[i % len(scans)], i)
        elif fmt == "html":
            data = render_html(random_report(i), i).encode("utf-8")
        elif fmt == "text":
            data = render_text(random_report(i)).encode("utf-8")
        else:  # docx: a pool of distinct documents when asked (python-docx takes ~0.1 s to build one)
            key = i % docx_pool if docx_pool else i
            if key not in docx_cache:
                docx_cache[key] = _docx_bytes(key)
            data = varied_zip(docx_cache[key], i)
        path.write_bytes(data)
    distinct = {"pdf": len(pdfs), "scan": len(scans), "html": formats.get("html", 0),
                "text": formats.get("text", 0), "docx": min(docx_pool, formats.get("docx", 0)) if docx_pool
                else formats.get("docx", 0)}
    return paths, {"documents": formats, "distinct": distinct}


# Running ----------------------------------------------------------------------

def _digest(result) -> str:
    body = result.report.to_json() if result.report is not None else json.dumps(
        {"status": result.status.value, "error": result.error.to_dict() if result.error else None})
    return hashlib.sha256(f"{result.status.value}\n{body}".encode()).hexdigest()


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run(paths: list[Path], engine: str, workers: int) -> tuple[dict, dict[str, str]]:
    import giaparse

    digests: dict[str, str] = {}
    by_format: dict[str, list[float]] = {}
    cpu = 0.0
    failures: list[dict] = []
    peaks: dict[str, float] = {}
    load_before = _load()
    start = time.perf_counter()
    cluster = client = None
    try:
        if engine == "dask":
            from distributed import Client, LocalCluster

            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, memory_limit="3GiB")
            client = Client(cluster)
            results = giaparse.convert_many(paths, executor=client.get_executor())
        else:
            results = giaparse.convert_many(paths, jobs=workers)
        for path, result in zip(paths, results, strict=True):
            digests[str(path)] = _digest(result)
            fmt = path.stem.rsplit("_", 1)[1]
            if result.seconds is not None:
                by_format.setdefault(fmt, []).append(result.seconds)
            cpu += result.cpu_seconds or 0.0
            if not result.ok:
                failures.append({"input": result.input, "error": result.error.to_dict()})
            if result.worker_peak_mb:
                key = "pool" if engine == "pool" else "any"
                peaks[key] = max(peaks.get(key, 0.0), result.worker_peak_mb)
        wall = time.perf_counter() - start
        if client is not None:
            import resource

            per_worker = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            peaks = {f"worker{k}": v for k, v in enumerate(per_worker.values())}
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    n = len(paths)

    def spread(xs: list[float]) -> dict:
        xs = sorted(xs)
        return {"n": len(xs), "median_s": round(statistics.median(xs), 4),
                "p90_s": round(xs[int(0.9 * (len(xs) - 1))], 4), "max_s": round(xs[-1], 3),
                "sum_s": round(sum(xs), 1)}

    figures = {
        "engine": engine, "workers": workers, "wall_s": round(wall, 1),
        "docs_per_s": round(n / wall, 2), "docs_per_s_per_core": round(n / wall / workers, 2),
        # CPU seconds the conversions used, wherever they ran: what a core fully given to the work
        # does, whatever else the machine was running (it is shared: see the load averages)
        "cpu_s": round(cpu, 1), "docs_per_cpu_s": round(n / cpu, 2) if cpu else None,
        "failures": len(failures), "failed": failures[:20],
        "peak_rss_mb": {k: round(v, 1) for k, v in sorted(peaks.items())},
        "seconds_by_format": {f: spread(v) for f, v in sorted(by_format.items())},
        "load_before": load_before, "load_after": _load(),
    }
    return figures, digests


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200, help="documents in the year")
    ap.add_argument("--workers", type=int, default=2, help="Dask workers (one thread each) = local pool jobs")
    ap.add_argument("--pdf-pool", type=int, default=24, help="distinct reports printed to PDF by Chromium")
    ap.add_argument("--docx-pool", type=int, default=0,
                    help="distinct DOCX reports reused with varied bytes (0: every DOCX distinct)")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "giaparse-national",
                    help="where the year is written (kept, so a larger N reuses it)")
    ap.add_argument("--scan-share", type=float, default=MIX["scan"],
                    help=f"share of scans in the year (default {MIX['scan']}; each takes seconds of OCR)")
    ap.add_argument("--engines", default="pool,dask")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here (merged by N)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    mix = mix_with(args.scan_share)
    paths, year = generate_year(args.n, args.work, args.pdf_pool, args.docx_pool, mix)
    generated_s = time.perf_counter() - t0
    print(f"year of {args.n}: {year} generated in {generated_s:.0f} s", file=sys.stderr, flush=True)

    runs, digests = {}, {}
    for engine in args.engines.split(","):
        figures, digests[engine] = run(paths, engine, args.workers)
        runs[engine] = figures
        print(json.dumps(figures, ensure_ascii=False), file=sys.stderr, flush=True)
        _write(args, _report(args, mix, year, generated_s, runs, digests))  # a cut-off run keeps this engine's
    report = _report(args, mix, year, generated_s, runs, digests)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    _write(args, report)
    failures = sum(r["failures"] for r in runs.values())
    return 1 if report["differing"] or failures else 0


def _write(args, report: dict) -> None:
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        merged = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
        merged[str(args.n)] = report
        args.json.write_text(json.dumps(merged, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _report(args, mix: dict, year: dict, generated_s: float, runs: dict, digests: dict) -> dict:
    engines = list(digests)
    differ = [p for p in digests[engines[0]] if any(digests[e].get(p) != digests[engines[0]][p] for e in engines)]
    return {
        "n": args.n, "cpus": os.cpu_count(), "python": platform.python_version(),
        "mix": mix, "year": year,
        "note": (f"PDFs: {year['distinct']['pdf']} distinct PDFs ({args.pdf_pool} printed by Chromium, the rest "
                 "the corpus's), each document one of them with varied bytes (a comment after %%EOF); "
                 f"scans: the {year['distinct']['scan']} corpus scans, varied the same way; HTML and text: "
                 "every document distinct; DOCX: " + (f"{args.docx_pool} distinct, varied zip comments"
                                                      if args.docx_pool else "every document distinct")),
        "generated_s": round(generated_s, 1),
        "runs": runs, "engines_compared": engines if len(engines) > 1 else [],
        "same_results": not differ if len(engines) > 1 else None, "differing": differ[:20],
    }


if __name__ == "__main__":
    raise SystemExit(main())
