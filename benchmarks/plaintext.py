"""Plain-text dumps of ruled-table PDFs: plain ``pdftotext`` and pdfminer ``extract_text()``.

    python benchmarks/plaintext.py [--wps 8] [--chromium 10] [--reportlab 6] [--work DIR]
                                   [--src DIR] [--out benchmarks/results/plaintext.json]

Generated PDFs, labelled from their data: ``--wps`` per broken table of
``make_pagesplit``'s CID-font WPS-like producer (variants t2, t3, t4, t3head,
t4head; seeds 3000…), ``--reportlab`` of its reportlab WPS-like ruling (seeds
2000…, the page break walking table 3's rows; 2002 is the seed that once
gave pdfplumber/markitdown text a wrong number), ``--chromium`` Chromium
prints (``pdf_text.render_pdf``, seeds 1000…). Plus the real WPS exports of
corpus/real (labels: their label files). Each PDF goes through plain
``pdftotext``, ``pdftotext -nopgbrk`` and pdfminer's ``extract_text``; each
labelled cell is right (the value, or null where it was written blank),
null, or WRONG (must be 0), per converter, per producer and per table.
``--work`` keeps the PDFs and texts (a second run, e.g. with ``--src`` set to
an older checkout's ``src`` for the figures before a change, reads the same
texts). The tables absent from a producer's PDF (reportlab draws table 3 and
4 only) are not counted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "corpus" / "generate"))
sys.path.insert(0, str(REPO / "benchmarks"))

CONVERTERS = ("pdftotext_plain", "pdftotext_nopgbrk", "pdfminer_text")
TABLES = ("proactive", "requests", "review_litigation")


def _convert(pdf: Path, conv: str) -> str:
    if conv == "pdfminer_text":
        from pdfminer.high_level import extract_text

        return extract_text(str(pdf))
    flags = ["-nopgbrk"] if conv == "pdftotext_nopgbrk" else []
    exe = shutil.which("pdftotext") or "pdftotext"
    return subprocess.run([exe, *flags, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          timeout=120).stdout.decode("utf-8")


def _documents(args, work: Path) -> list[tuple[str, Path, dict]]:
    """(producer, pdf, truth) for every document, rendered into ``work`` unless already there."""
    import make_pagesplit

    out = []
    for pdf in sorted((REPO / "corpus" / "real").glob("*.pdf")):
        label = json.loads(pdf.with_suffix(".label.json").read_text(encoding="utf-8"))["tables"]
        out.append(("real", pdf, {t: v.get("items", v) if t == "proactive" else v for t, v in label.items()}))
    plan = [("wps", v, 3000 + k) for v in ("t2", "t3", "t4", "t3head", "t4head") for k in range(args.wps)]
    plan += [("reportlab", "wps", 2000 + k) for k in range(args.reportlab)]
    plan += [("chromium", "html", 1000 + k) for k in range(args.chromium)]
    for producer, variant, seed in plan:
        pdf = work / f"{producer}_{variant}_{seed}.pdf"
        if not pdf.exists():
            make_pagesplit.render(producer, variant, seed, work)
        label = json.loads(pdf.with_suffix(".label.json").read_text(encoding="utf-8"))
        truth = {t: v for t, v in label["tables"].items() if t not in label.get("absent_tables", [])}
        out.append((producer, pdf, truth))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wps", type=int, default=8, help="CID-font WPS-like PDFs per broken-table variant (5)")
    ap.add_argument("--reportlab", type=int, default=6)
    ap.add_argument("--chromium", type=int, default=10)
    ap.add_argument("--work", type=Path, default=None, help="keep PDFs and texts here")
    ap.add_argument("--src", type=Path, default=REPO / "src", help="the giaparse source to measure")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "plaintext.json")
    args = ap.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    import giaparse
    from streams import score

    tmp = None
    if args.work is None:
        tmp = tempfile.TemporaryDirectory()
        args.work = Path(tmp.name)
    args.work.mkdir(parents=True, exist_ok=True)
    per: dict[str, dict] = {}
    wrong_examples: list[str] = []

    def add(key: str, r: int, n: int, w: int) -> None:
        acc = per.setdefault(key, {"documents": 0, "right": 0, "null": 0, "wrong": 0})
        acc["documents"] += 1
        acc["right"] += r
        acc["null"] += n
        acc["wrong"] += w

    docs = _documents(args, args.work)
    for producer, pdf, truth in docs:
        for conv in CONVERTERS:
            text_path = args.work / f"{pdf.stem}.{conv}.txt"
            if not text_path.exists():
                text_path.write_text(_convert(pdf, conv), encoding="utf-8")
            out = giaparse.parse(text_path.read_bytes(), name=f"{conv}.txt").to_dict()
            r, n, w, bad = score(out, truth)
            add(conv, r, n, w)
            add(f"{conv} / {producer}", r, n, w)
            for table in TABLES:
                if table in truth:
                    tr, tn, tw, _ = score(out, {table: truth[table]})
                    add(f"{conv} / {table}", tr, tn, tw)
            if producer == "real":
                add(f"{conv} / {pdf.stem}", r, n, w)
            if bad:
                wrong_examples.append(f"{conv} {pdf.name}: {bad[:3]}")
                print(f"  WRONG {conv} {pdf.name}: {bad[:3]}", flush=True)
    print(f"{'converter / group':<44} {'docs':>5} {'right':>7} {'null':>6} {'WRONG':>6} {'right%':>8}")
    results = {}
    for key in sorted(per, key=lambda k: (k.split(" / ")[0], " / " in k, k)):
        acc = per[key]
        total = acc["right"] + acc["null"] + acc["wrong"]
        results[key] = acc | {"right_share": round(acc["right"] / max(total, 1), 4)}
        print(f"{key:<44} {acc['documents']:>5} {acc['right']:>7} {acc['null']:>6} {acc['wrong']:>6} "
              f"{100 * acc['right'] / max(total, 1):>7.2f}%")
    generated = sum(1 for p, _, _ in docs if p != "real")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"generated_pdfs": generated, "real": [p.name for k, p, _ in docs if k == "real"],
                                    "wps_per_variant": args.wps, "reportlab": args.reportlab,
                                    "chromium": args.chromium, "src": str(args.src),
                                    "results": results, "wrong_examples": wrong_examples[:50]},
                                   ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()
    return 1 if any(a["wrong"] for k, a in per.items() if " / " not in k) else 0


if __name__ == "__main__":
    raise SystemExit(main())
