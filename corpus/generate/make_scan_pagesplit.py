#!/usr/bin/env python3
"""Scans of page-split PDFs: table 3 broken across a page, printed and scanned.

    .venv/bin/python corpus/generate/make_scan_pagesplit.py              # the committed samples in corpus/scan/
    .venv/bin/python corpus/generate/make_scan_pagesplit.py --out DIR --all   # every corpus/pagesplit PDF

Each sample takes a labelled PDF of corpus/pagesplit/ (made by
make_pagesplit.py: table 3, 政府信息公开申请情况, runs on from one page to
the next) and renders every page with pypdfium2 at the variant's
resolution in grey, then degrades it the way make_scans.py's variants
do (``make_scans.degrade_variant``): ``office`` is 200 dpi grey turned
within ±1° with a slight blur and noise; ``seal`` stamps the red seal over
the right middle of the page (where table 3's value columns are), turned
within ±0.8°; ``fax`` is 300 dpi black and white. The pages are written as
one image-only PDF (JPEG pages, a fax as CCITT G4, no text layer).

The label is the source's label (the generating data of
make_pagesplit.py), tables and document facts unchanged (every page is
scanned, the title included), with ``source`` naming the scan and a
``scan`` entry saying how it was made. Deterministic: every draw is seeded
by the source's name and the variant.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_scans import VARIANT_DPI, VARIANTS, WHEN, degrade_variant  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SRC_DIR = REPO / "corpus" / "pagesplit"
OUT_DIR = REPO / "corpus" / "scan"
# The committed samples: (number, source stem, variant).
SAMPLES = ((20, "reportlab_same_11", "office"), (21, "libreoffice_docx_34", "seal"), (22, "reportlab_wobble_14", "fax"))


def make_pagesplit_scan(i: int, stem: str, variant: str, out_dir: Path) -> Path:
    """Scan ``i``: every page of corpus/pagesplit/``stem``.pdf degraded as ``variant``; PDF + label."""
    source = SRC_DIR / f"{stem}.pdf"
    dpi = VARIANT_DPI[variant]
    rng = random.Random(f"{stem}-{variant}-{i}")
    np_rng = np.random.default_rng([i, VARIANTS.index(variant), 11])
    label = json.loads((SRC_DIR / f"{stem}.label.json").read_text(encoding="utf-8"))
    organ = (label["document"].get("organ") or "人民政府办公室")[:12]
    pdf = pdfium.PdfDocument(str(source))
    images = []
    try:
        for k in range(len(pdf)):
            page = pdf[k].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            w_pt, h_pt = page.width * 72.0 / dpi, page.height * 72.0 / dpi
            box = (0.45 * w_pt, 0.3 * h_pt, 0.92 * w_pt, 0.7 * h_pt)
            images.append(degrade_variant(page, variant, dpi, box, organ, rng, np_rng))
    finally:
        pdf.close()
    name = f"scan{i:03d}_pagesplit_{stem}_{variant}"
    out = out_dir / f"{name}.pdf"
    quality = rng.randint(55, 75)
    extra = {} if images[0].mode == "1" else {"quality": quality}
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                   creationDate=WHEN, modDate=WHEN, **extra)
    out.write_bytes(buf.getvalue())
    new = dict(label)
    new["source"] = out.name
    new["labelled_by"] = (f"the label of corpus/pagesplit/{source.name} ({label.get('labelled_by', 'generating data')}), "
                          "unchanged (corpus/generate/make_scan_pagesplit.py)")
    new["expect_warnings"] = sorted(set(label.get("expect_warnings", [])) | {"ocr_used"})
    new["scan"] = {"source": source.name, "variant": variant, "dpi": dpi, "pages": list(range(1, len(images) + 1)),
                   "jpeg_quality": None if variant == "fax" else quality}
    (out_dir / f"{name}.label.json").write_text(json.dumps(new, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--all", action="store_true", help="every labelled corpus/pagesplit PDF, each variant")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.all:
        stems = sorted(p.name[: -len(".label.json")] for p in SRC_DIR.glob("*.label.json"))
        jobs = [(100 + n, s, v) for n, (s, v) in enumerate((s, v) for s in stems for v in VARIANTS)]
    else:
        jobs = list(SAMPLES)
    for i, stem, variant in jobs:
        p = make_pagesplit_scan(i, stem, variant, args.out)
        print("%-60s %8d bytes" % (p.name, p.stat().st_size))


if __name__ == "__main__":
    main()
