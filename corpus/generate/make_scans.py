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

Variants (``make_variant_scan(i, variant)``): a generated report
(``reportdata.random_report``) drawn straight onto a page image in a Song
face (Noto Serif CJK SC Regular, labels and digits alike) at 7-8 pt, the
type of the 淮安 report whose serif 4 OCR read as 1: part 3's table 3 and
part 4's table 4 on one A4 page, drawn at twice the resolution and scaled
down (anti-aliased strokes), then degraded the way offices send reports:

* ``office``: 200 dpi grey, turned within ±1°, a slight blur, noise, JPEG;
* ``seal``:   150 dpi colour, the red seal over table 3's value columns
              (small digits under red ink), turned within ±0.8°, JPEG;
* ``fax``:    300 dpi black and white (one bit per pixel), thresholded
              light so thin serif strokes break, specks;
* ``phone``:  a photo: keystone (the four corners moved up to 3 % of the
              page), a light gradient across the page and a soft shadow,
              colour JPEG at about 200 dpi over a grey desk margin.

Labels are the generating data's (``ReportData.label``) for the two tables
drawn. Deterministic by ``i``: the report is ``random_report(i)`` and every
degradation draws from ``random.Random`` / ``numpy`` seeded by ``i``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import random
import sys
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


# ------------------------------------------------------------------ variants ---

VARIANTS = ("office", "seal", "fax", "phone")
VARIANT_DPI = {"office": 200, "seal": 150, "fax": 300, "phone": 200}
SONG = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
#: The committed variant samples: (scan index, variant).
VARIANT_SAMPLES = ((3, "office"), (5, "seal"), (6, "fax"), (7, "phone"))
_A4 = (595.28, 841.89)  # pt
_MARGIN = 50.0          # pt


def _report(i: int):
    sys.path.insert(0, str(REPO / "corpus" / "generate"))
    from reportdata import random_report

    return random_report(i)


def _font(pt: float, scale: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = FONT if bold else SONG
    return ImageFont.truetype(str(path), max(6, round(pt * scale)), index=2)  # index 2: the SC face


def _draw_table(d: ImageDraw.ImageDraw, rows, xs: list[float], top: float, pt: float, scale: float,
                vertical: set[str]) -> float:
    """A ruled table at ``top`` (pt; returns its bottom); cell text centred, wrapped to the cell."""
    import make_html as H

    font = _font(pt, scale)
    lead = pt * 1.35
    placed = H.layout(rows)
    n_rows = len(rows)
    heights = [pt * 1.9] * n_rows
    for r, c, cell in placed:
        if cell.rs == 1 and cell.text:
            per = max(int((xs[c + cell.cs] - xs[c] - 3) // pt), 1)
            lines = sum(-(-len(part) // per) or 1 for part in cell.text.split("\n"))
            heights[r] = max(heights[r], lines * lead + pt * 0.7)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    for r, c, cell in placed:
        x0, x1 = xs[c], xs[c + cell.cs]
        y0, y1 = ys[r], ys[r + cell.rs]
        d.rectangle([x0 * scale, y0 * scale, x1 * scale, y1 * scale], outline=0, width=max(1, round(0.6 * scale)))
        if not cell.text:
            continue
        if cell.text in vertical:
            lines = list(cell.text)
        else:
            per = max(int((x1 - x0 - 3) // pt), 1)
            lines = []
            for part in cell.text.split("\n"):
                lines.extend(part[k:k + per] for k in range(0, max(len(part), 1), per))
        y = (y0 + y1) / 2 - len(lines) * lead / 2
        for line in lines:
            w = d.textlength(line, font=font) / scale
            d.text(((x0 + x1 - w) / 2 * scale, (y + (lead - pt) / 2) * scale), line, font=font, fill=0)
            y += lead
    return ys[-1]


def draw_report(data, dpi: int, pt: float, rng: random.Random) -> tuple[Image.Image, tuple[float, float, float, float]]:
    """The report's page with tables 3 and 4 in ``pt``-point Song type, at ``dpi`` (grey), and
    table 3's value columns' box in pt (where a seal goes)."""
    import make_html as H

    scale = 2 * dpi / 72.0  # drawn at twice the resolution, scaled down at the end
    page = Image.new("L", (round(_A4[0] * scale), round(_A4[1] * scale)), 255)
    d = ImageDraw.Draw(page)
    y = 60.0
    title = data.title
    tf = _font(14, scale, bold=True)
    d.text(((_A4[0] - d.textlength(title, font=tf) / scale) / 2 * scale, y * scale), title, font=tf, fill=0)
    y += 34
    body = _font(10.5, scale)
    for text in ("一、总体情况", "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好公开工作。",
                 "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"):
        d.text((_MARGIN * scale, y * scale), text, font=body, fill=0)
        y += 19
    width = _A4[0] - 2 * _MARGIN
    label_w = [0.07 * width, 0.1 * width, 0.26 * width]
    value_w = (width - sum(label_w)) / 7
    xs = [_MARGIN]
    for w in label_w + [value_w] * 7:
        xs.append(xs[-1] + w)
    t3_top = y + 4
    bottom = _draw_table(d, H.requests_rows(data.edition, data.requests), xs, t3_top, pt, scale, {"三、本年度办理结果"})
    values_box = (xs[3], t3_top, xs[-1], bottom)
    y = bottom + 18
    d.text((_MARGIN * scale, y * scale), "四、政府信息公开行政复议、行政诉讼情况", font=body, fill=0)
    y += 20
    t4_xs = [_MARGIN + k * width / 15 for k in range(16)]
    bottom = _draw_table(d, H.review_rows(data.review), t4_xs, y, pt, scale, set())
    d.text((_MARGIN * scale, (bottom + 18) * scale), "五、存在的主要问题及改进情况", font=body, fill=0)
    d.text((_MARGIN * scale, (bottom + 37) * scale), "六、其他需要报告的事项", font=body, fill=0)
    size = (round(_A4[0] * dpi / 72.0), round(_A4[1] * dpi / 72.0))
    return page.resize(size, Image.LANCZOS), values_box


def _noise(a: np.ndarray, np_rng: np.random.Generator, sigma: float) -> np.ndarray:
    shape = a.shape[:2]
    n = np_rng.normal(0, sigma, shape)
    return a + (n[:, :, None] if a.ndim == 3 else n)


def degrade_variant(page: Image.Image, variant: str, dpi: int, values_box, organ: str,
                    rng: random.Random, np_rng: np.random.Generator) -> Image.Image:
    """The page as the ``variant`` sends it (see the module docstring)."""
    import cv2

    if variant == "office":
        page = page.rotate(rng.uniform(-1.0, 1.0), resample=Image.BICUBIC, fillcolor=255)
        page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.5)))
        a = _noise(np.asarray(page, dtype=np.float32), np_rng, rng.uniform(2, 5))
        return Image.fromarray(a.clip(0, 255).astype(np.uint8))
    if variant == "seal":
        rgb = page.convert("RGB")
        size = int(dpi * rng.uniform(1.4, 1.7))
        x0, y0, x1, y1 = (v * dpi / 72.0 for v in values_box)
        s = seal(size, organ)
        layer = Image.new("RGB", rgb.size, (255, 255, 255))
        cx, cy = rng.uniform(x0 + size / 2, x1 - size / 2), rng.uniform(y0 + size / 3, y1 - size / 3)
        layer.paste(s.convert("RGB"), (int(cx - size / 2), int(cy - size / 2)), s)
        a = np.asarray(rgb, dtype=np.float32) * np.asarray(layer, dtype=np.float32) / 255.0
        rgb = Image.fromarray(a.clip(0, 255).astype(np.uint8)).rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC,
                                                                     fillcolor=(255, 255, 255))
        a = _noise(np.asarray(rgb, dtype=np.float32), np_rng, rng.uniform(2, 4))
        return Image.fromarray(a.clip(0, 255).astype(np.uint8))
    if variant == "fax":
        page = page.rotate(rng.uniform(-0.6, 0.6), resample=Image.BICUBIC, fillcolor=255)
        a = _noise(np.asarray(page, dtype=np.float32), np_rng, rng.uniform(6, 12))
        # A light threshold: the hairlines of serif digits fall below it in places and break.
        bw = a > rng.uniform(95, 125)
        specks = np_rng.random(bw.shape) < 0.0004
        return Image.fromarray(np.where(specks, ~bw, bw)).convert("1")
    if variant == "phone":
        rgb = np.asarray(page.convert("RGB"), dtype=np.float32)
        h, w = rgb.shape[:2]
        m = int(0.04 * w)  # the desk around the sheet
        canvas = np.full((h + 2 * m, w + 2 * m, 3), (110.0, 105.0, 100.0), np.float32)
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        j = 0.03
        dst = np.float32([[m + rng.uniform(-j, j) * w, m + rng.uniform(-j, j) * h] for _ in range(4)])
        dst += np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        mat = cv2.getPerspectiveTransform(src, dst)
        warped = cv2.warpPerspective(rgb, mat, (w + 2 * m, h + 2 * m), flags=cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=(-1, -1, -1))
        sheet = warped[:, :, 0] >= 0
        canvas[sheet] = warped[sheet]
        yy, xx = np.mgrid[0:canvas.shape[0], 0:canvas.shape[1]].astype(np.float32)
        ang = rng.uniform(0, 2 * math.pi)
        ramp = (np.cos(ang) * xx / canvas.shape[1] + np.sin(ang) * yy / canvas.shape[0])
        ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
        light = 1.0 - rng.uniform(0.2, 0.35) * ramp
        # A soft shadow (a hand, the phone) across one corner.
        corner_x, corner_y = rng.choice([0, canvas.shape[1]]), rng.choice([0, canvas.shape[0]])
        dist = np.hypot(xx - corner_x, yy - corner_y) / max(canvas.shape)
        shadow = 1.0 - rng.uniform(0.2, 0.3) / (1.0 + np.exp((dist - rng.uniform(0.3, 0.45)) * 25))
        tint = np.float32([rng.uniform(0.88, 0.95), rng.uniform(0.95, 1.0), 1.0])  # BGR-ish warm light on RGB
        a = canvas * (light * shadow)[:, :, None] * tint[::-1]
        a = cv2.GaussianBlur(a, (0, 0), rng.uniform(0.5, 0.9))
        a = _noise(a, np_rng, rng.uniform(2, 4))
        return Image.fromarray(a.clip(0, 255).astype(np.uint8))
    raise ValueError(f"unknown variant {variant!r}")


def make_variant_scan(i: int, variant: str, out_dir: Path, pt: float | None = None) -> Path:
    """Scan ``i`` of a generated report in small Song type, degraded as ``variant``: a one-page PDF + label."""
    rng = random.Random(f"{variant}-{i}")
    np_rng = np.random.default_rng([i, VARIANTS.index(variant)])
    data = _report(i)
    dpi = VARIANT_DPI[variant]
    pt = pt if pt is not None else rng.choice([7.0, 7.5, 8.0])
    page, values_box = draw_report(data, dpi, pt, rng)
    img = degrade_variant(page, variant, dpi, values_box, data.organ[:12], rng, np_rng)
    name = f"scan{i:03d}_{variant}"
    out = out_dir / f"{name}.pdf"
    quality = rng.randint(55, 75)
    buf = io.BytesIO()
    extra = {} if img.mode == "1" else {"quality": quality}  # a fax page is CCITT G4, not JPEG
    img.save(buf, "PDF", resolution=float(dpi), creationDate=WHEN, modDate=WHEN, **extra)
    out.write_bytes(buf.getvalue())
    label = data.label(out.name, labelled_by="generating data: reportdata.random_report(%d), tables 3 and 4 drawn "
                                             "(corpus/generate/make_scans.py)" % i)
    label["document"] = {"kind": "annual_report", "template": data.edition}
    label["tables"] = {k: v for k, v in label["tables"].items() if k in ("requests", "review_litigation")}
    label["expect_warnings"] = ["ocr_used"]
    label["scan"] = {"variant": variant, "dpi": dpi, "type_pt": pt, "jpeg_quality": None if variant == "fax" else quality}
    (out_dir / f"{name}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out



def real_table_pages(pdf_path: Path) -> list[int]:
    """1-based pages of a real report that hold (part of) its statistical tables, by their words."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = table_pages(pdf)
        # a page between two table pages (a table running on) is one too
        found = sorted(pages)
        return [k + 1 for k in range(found[0], found[-1] + 1)] if found else []
    finally:
        pdf.close()


def make_real_scan(pdf_path: Path, variant: str, out_dir: Path) -> Path:
    """The table pages of a real report (corpus/real/*.pdf) printed and scanned as ``variant``.

    Each page is rendered by ``pdftoppm`` (poppler) at the variant's
    resolution in grey and degraded like the generated variants (the seal
    over the page's right middle, where table 3's value columns are). The
    label is the report's own (read from the document), its tables only.
    Deterministic: every draw is seeded by the file name and the variant.
    """
    import subprocess
    import tempfile

    dpi = VARIANT_DPI[variant]
    rng = random.Random(f"{pdf_path.stem}-{variant}")
    np_rng = np.random.default_rng([len(pdf_path.stem), VARIANTS.index(variant), 7])
    images = []
    pages = real_table_pages(pdf_path)
    with tempfile.TemporaryDirectory() as tmp:
        for n in pages:
            base = Path(tmp) / f"p{n}"
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(n), "-l", str(n),
                            str(pdf_path), str(base)], check=True, capture_output=True)
            page = Image.open(f"{base}.png").convert("L")
            w_pt, h_pt = page.width * 72.0 / dpi, page.height * 72.0 / dpi
            box = (0.45 * w_pt, 0.3 * h_pt, 0.92 * w_pt, 0.7 * h_pt)
            images.append(degrade_variant(page, variant, dpi, box, "人民政府办公室", rng, np_rng))
    label = json.loads(pdf_path.with_name(pdf_path.stem + ".label.json").read_text(encoding="utf-8"))
    name = f"real_{pdf_path.stem}_{variant}"
    out = out_dir / f"{name}.pdf"
    buf = io.BytesIO()
    extra = {} if images[0].mode == "1" else {"quality": 70}
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi), creationDate=WHEN,
                   modDate=WHEN, **extra)
    out.write_bytes(buf.getvalue())
    new = {"source": out.name, "labelled_by": f"the label of corpus/real/{pdf_path.name} (read from the document)",
           "document": {"kind": label["document"]["kind"], "template": label["document"]["template"]},
           "tables": label["tables"], "scan": {"variant": variant, "dpi": dpi, "pages": pages}}
    (out_dir / f"{name}.label.json").write_text(json.dumps(new, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=0, help="generate scans 0..N-1 (default: the committed samples)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--variant", choices=VARIANTS, action="append",
                    help="with --n: generated reports in small type degraded this way (repeatable)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.n and args.variant:
        made = [make_variant_scan(i, v, args.out) for v in args.variant for i in range(args.n)]
    elif args.n:
        made = [make_scan(i, args.out) for i in range(args.n)]
    else:
        made = [make_scan(i, args.out, PDF_DIR / f"{stem}.pdf") for i, stem in SAMPLES.items()]
        made += [make_variant_scan(i, v, args.out) for i, v in VARIANT_SAMPLES]
    for p in made:
        print("%-60s %8d bytes" % (p.name, p.stat().st_size))


if __name__ == "__main__":
    main()
