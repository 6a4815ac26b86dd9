#!/usr/bin/env python3
"""Scans of the labelled corpus PDFs: image-only PDFs for the OCR path.

    .venv/bin/python corpus/generate/make_scans.py            # the committed samples in corpus/scan/
    .venv/bin/python corpus/generate/make_scans.py --n 30 --out DIR   # more, for benchmarks/ocr.py

Needs pypdfium2 and Pillow (both come with ``giaparse[pdf]``) and numpy.
Deterministic: scan ``i`` comes from ``random.Random(i)``; the same ``i``
gives the same bytes on every run.

Scan ``i`` takes the table pages (the pages holding the statistical
tables) of source ``SOURCES[i % len(SOURCES)]`` (corpus/pdf/*.pdf with a
label) and, per page:

* renders it with pypdfium2 at 150, 175 or 200 dpi, in colour;
* on one page, stamps a red seal (a ring, a star and the organ's name in
  red, multiplied over the page, so black ink under it stays black) over
  the right half of a table;
* turns it by a random angle within ±1.5° (white corners);
* adds Gaussian noise (σ 3–7 grey levels); pages without the seal are
  kept grey (as most office scanners send them), the seal page in colour;
* one page per scan is landscape: a landscape source page stays so; in a
  source without one, the first table page is turned a quarter (a
  portrait sheet fed in sideways).

The pages are written as one PDF with Pillow, each page a JPEG (quality
45–75: the JPEG artefacts) and no text layer. The label is the source's
label (the generating data) with ``source`` changed, the document facts
reduced to ``kind`` and ``template`` (the title page with year and organ is
not scanned), and only the tables on the scanned pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parents[2]
PDF_DIR = REPO / "corpus" / "pdf"
OUT_DIR = REPO / "corpus" / "scan"
SOURCES = sorted(p for p in PDF_DIR.glob("*.pdf") if (PDF_DIR / f"{p.stem}.label.json").exists())
FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")
WHEN = dt.datetime(2024, 1, 25, 10, 0, 0).timetuple()

# Which table a page holds, by words found only inside that table (source text layer).
TABLE_MARKERS = {
    "proactive": ("本年制发件数", "本年新制作数量", "第二十条第"),
    "requests": ("申请人情况",),
    "review_litigation": ("尚未审结",),
}
#: The committed samples: (scan index, source stem), kept small.
SAMPLES = {0: "gbk_euc_h_no_tounicode", 1: "docx_2021_autonumber.wqy"}


def table_pages(pdf: pdfium.PdfDocument) -> dict[int, set[str]]:
    """Page index → tables that start on it (and the page after, when a table runs on)."""
    out: dict[int, set[str]] = {}
    for i in range(len(pdf)):
        text = pdf[i].get_textpage().get_text_range().replace(" ", "").replace("\r", "").replace("\n", "")
        for table, markers in TABLE_MARKERS.items():
            if any(m in text for m in markers):
                out.setdefault(i, set()).add(table)
    # A table's rows can run on to the next page.
    for i in sorted(out):
        if i + 1 < len(pdf) and i + 1 not in out and "requests" in out[i]:
            out[i + 1] = set()
    return out


def seal(size: int, organ: str) -> Image.Image:
    """A red seal on transparent ground: ring, star, name around the top."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (215, 30, 35, 215)
    w = max(3, size // 28)
    d.ellipse((w, w, size - w, size - w), outline=red, width=w)
    cx = cy = size / 2
    r_star = size * 0.16
    pts = []
    for k in range(10):
        r = r_star if k % 2 == 0 else r_star * 0.4
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    d.polygon(pts, fill=red)
    font = ImageFont.truetype(str(FONT), max(10, size // 9)) if FONT.exists() else ImageFont.load_default()
    n = len(organ)
    for k, ch in enumerate(organ):
        a = math.radians(-150 + 120 * k / max(n - 1, 1))
        x, y = cx + size * 0.34 * math.cos(a), cy + size * 0.34 * math.sin(a)
        glyph = Image.new("RGBA", (size // 7, size // 7), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((0, 0), ch, font=font, fill=red)
        glyph = glyph.rotate(-math.degrees(a) - 90, expand=True)
        img.alpha_composite(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)))
    return img


def stamp(page: Image.Image, rng: random.Random, dpi: int, organ: str) -> Image.Image:
    """The seal multiplied over the right half of the page's middle (where a table is)."""
    size = int(dpi * rng.uniform(1.4, 1.7))
    s = seal(size, organ)
    x = int(page.width * rng.uniform(0.5, 0.75) - size / 2)
    y = int(page.height * rng.uniform(0.3, 0.6) - size / 2)
    layer = Image.new("RGB", page.size, (255, 255, 255))
    layer.paste(s.convert("RGB"), (x, y), s)
    a = np.asarray(page, dtype=np.float32) * np.asarray(layer, dtype=np.float32) / 255.0
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def degrade(page: Image.Image, rng: random.Random, np_rng: np.random.Generator) -> Image.Image:
    angle = rng.uniform(-1.5, 1.5)
    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    if rng.random() < 0.5:
        page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    a = np.asarray(page, dtype=np.float32)
    a = a + np_rng.normal(0, rng.uniform(3, 7), a.shape[:2])[:, :, None]
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def make_scan(i: int, out_dir: Path, source: Path | None = None) -> Path:
    rng = random.Random(i)
    np_rng = np.random.default_rng(i)
    source = source or SOURCES[i % len(SOURCES)]
    label = json.loads((PDF_DIR / f"{source.stem}.label.json").read_text(encoding="utf-8"))
    pdf = pdfium.PdfDocument(str(source))
    pages = table_pages(pdf)
    dpi = rng.choice([150, 175, 200]) if i not in SAMPLES else 150
    organ = (label["document"].get("organ") or "人民政府办公室")[:12]
    seal_page = rng.choice(sorted(pages))
    has_landscape = any(pdf[k].get_size()[0] > pdf[k].get_size()[1] for k in pages)
    turn_page = None if has_landscape else min(pages)
    images = []
    for k in sorted(pages):
        img = pdf[k].render(scale=dpi / 72).to_pil().convert("RGB")
        if k == seal_page:
            img = stamp(img, rng, dpi, organ)
        img = degrade(img, rng, np_rng)
        if k != seal_page:
            img = img.convert("L")
        if k == turn_page:
            img = img.transpose(Image.Transpose.ROTATE_90 if rng.random() < 0.5 else Image.Transpose.ROTATE_270)
        images.append(img)
    quality = rng.randint(45, 75)
    name = f"scan{i:03d}_{source.stem}"
    out = out_dir / f"{name}.pdf"
    # Pillow writes each RGB page as a JPEG (DCTDecode) at this quality.
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                   quality=quality, creationDate=WHEN, modDate=WHEN)
    out.write_bytes(buf.getvalue())
    scanned = set().union(*pages.values())
    tables = {t: v for t, v in label["tables"].items() if t in scanned}
    new_label = {
        "source": out.name,
        "labelled_by": f"generating data: the label of corpus/pdf/{source.name}, tables on the scanned pages "
                       "(corpus/generate/make_scans.py)",
        "document": {"kind": label["document"]["kind"], "template": label["document"]["template"]},
        "tables": tables,
        "absent_tables": [],
        "expect_warnings": ["ocr_used"],
        "scan": {"source": source.name, "pages": [k + 1 for k in sorted(pages)], "dpi": dpi,
                 "jpeg_quality": quality, "seal_page": seal_page + 1,
                 "turned_page": None if turn_page is None else turn_page + 1},
    }
    (out_dir / f"{name}.label.json").write_text(json.dumps(new_label, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=0, help="generate scans 0..N-1 (default: the committed samples)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.n:
        made = [make_scan(i, args.out) for i in range(args.n)]
    else:
        made = [make_scan(i, args.out, PDF_DIR / f"{stem}.pdf") for i, stem in SAMPLES.items()]
    for p in made:
        print("%-60s %8d bytes" % (p.name, p.stat().st_size))


if __name__ == "__main__":
    main()
