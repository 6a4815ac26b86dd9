"""Page images → ``Document``: pages OCR'd, then laid out like the PDF reader's pages."""

from __future__ import annotations

import numpy as np

from ... import progress
from ...diagnostics import ParseWarning, WarningCode
from ...document import Block, BoundingBox, Document, Paragraph, Provenance, RawGrid
from ...errors import ConversionFailed, DamagedPdf, InputError, LimitExceeded, MissingDependency, NoTextLayer
from ...text.boilerplate import is_page_number
from ..pdf.layout import Para, lines_and_grids_to_blocks, page_margins
from . import engine
from .page import OcrPage, read_image
from .reread import PageImage, Rereader

#: Below this recognition confidence a value-like cell is left null.
CONFIDENCE_THRESHOLD = 0.8
#: Pages of a scanned PDF are rendered at their image's resolution within RENDER_DPI..MAX_RENDER_DPI
#: (at RENDER_DPI when unknown).
RENDER_DPI = 200.0
MAX_RENDER_DPI = 300.0
#: A scan coarser than this is not OCR'd: at 60 dpi PP-OCR misreads table digits
#: with high confidence (0 → 41 on the corpus scan), and a wrong number is worse than none.
MIN_SCAN_DPI = 120.0
_BAND = 0.1  # of the page height: where page numbers live


def _require() -> None:
    if not engine.available():
        raise MissingDependency("reading scanned pages (OCR)", "ocr", "rapidocr-onnxruntime")
    try:
        import cv2  # noqa: F401
    except ImportError:
        raise MissingDependency("reading scanned pages (OCR)", "ocr", "opencv-python-headless") from None


def _page_blocks(page: OcrPage) -> list[Para | RawGrid]:
    """Paragraphs and grids top to bottom; a table ends the paragraph above it."""
    h = page.height
    lines = [ln for ln in page.lines
             if not ((ln.top < _BAND * h or ln.bottom > (1 - _BAND) * h) and is_page_number(ln.text))]
    return lines_and_grids_to_blocks(lines, page.grids, page_margins(lines))


def _read_page(img: np.ndarray, number: int, dpi: float, source: str) -> OcrPage:
    """One page through OCR; the engine's own failures become typed errors naming the file."""
    progress.ocr_page()  # a worker's timeout grows by ReadOptions.ocr_page_timeout_s
    try:
        return read_image(img, number, dpi, CONFIDENCE_THRESHOLD)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - onnxruntime/OpenCV raise their own types
        if isinstance(exc, MemoryError) or "bad_alloc" in str(exc):
            # onnxruntime needs about 2 GiB of address space for a page.
            raise LimitExceeded(source, f"OCR of page {number} ran out of memory",
                                limit="max_memory_mb", flag="--max-memory") from None
        raise ConversionFailed(source, f"OCR of page {number} failed ({type(exc).__name__})") from None


def ocr_images(images: list[tuple[np.ndarray, float]], source: str, format_name: str) -> Document:
    """OCR page images ``(BGR array, dpi)`` into one ``Document``."""
    _require()
    pages = [_read_page(img, n, dpi, source) for n, (img, dpi) in enumerate(images, start=1)]
    blocks: list[Block] = []
    for page in pages:
        for b in _page_blocks(page):
            if isinstance(b, Para):
                where = Provenance(page=page.number, bbox=BoundingBox(*b.box)) if b.box else None
                blocks.append(Paragraph(b.text, source=where))
            else:
                blocks.append(b)
    return Document(blocks, source_name=source, format=format_name, warnings=ocr_warnings(pages),
                    rereader=rereader_of(pages))


def rereader_of(pages: list[OcrPage]) -> Rereader:
    """The re-reader of OCR'd pages (by their page numbers): the images as the recogniser saw them."""
    return Rereader({p.number: PageImage(p.image, p.dpi) for p in pages if p.image is not None},
                    {(p.number, box): note for p in pages for box, note in p.unread.items()})


def ocr_warnings(pages: list[OcrPage], numbers: list[int] | None = None) -> list[ParseWarning]:
    """``ocr_used`` (naming the pages when ``numbers`` are given: some pages of a PDF
    with a text layer elsewhere) and the low-confidence and merged-number notes."""
    which = _pages(len(pages)) if numbers is None else _phrase(numbers)
    warnings = [ParseWarning(WarningCode.OCR_USED,
                             f"{which} read by OCR (rapidocr, PP-OCR models); every number "
                             "is checked by the template arithmetic, see checks",
                             pages=numbers if numbers is not None else [p.number for p in pages])]
    low = [m for p in pages for m in p.low_confidence]
    if low:
        warnings.append(ParseWarning(WarningCode.OCR_LOW_CONFIDENCE,
                                     f"{len(low)} table cell(s) read with low confidence were left null: "
                                     + "; ".join(low), pages=[p.number for p in pages if p.low_confidence]))
    merged = [m for p in pages for m in p.merged_numbers]
    if merged:
        warnings.append(ParseWarning(WarningCode.OCR_LOW_CONFIDENCE,
                                     f"{len(merged)} table cell(s) hold several numbers (a ruling line between "
                                     "them was not found) and were left null: " + "; ".join(merged),
                                     pages=[p.number for p in pages if p.merged_numbers]))
    return warnings


def _pages(n: int) -> str:
    return "1 page" if n == 1 else f"{n} pages"


def _phrase(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers))


def _render(data: bytes, source: str, numbers: list[int] | None
            ) -> tuple[list[tuple[int, np.ndarray, float]], list[tuple[int, float]]]:
    """``_render_pages`` one thread at a time (PDFium is not thread-safe; see engine_pdfium)."""
    from ..pdf.engine_pdfium import PDFIUM_LOCK

    with PDFIUM_LOCK:
        return _render_pages(data, source, numbers)


def _render_pages(data: bytes, source: str, numbers: list[int] | None
                  ) -> tuple[list[tuple[int, np.ndarray, float]], list[tuple[int, float]]]:
    """Pages ``numbers`` (1-based; None: all) rendered for OCR:
    ([(number, BGR, dpi)], [(number, scan dpi)] too coarse)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingDependency("reading scanned PDF pages (OCR)", "ocr", "pypdfium2") from None
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # noqa: BLE001 - pdfium errors vary by version
        raise DamagedPdf(source, f"the PDF cannot be rendered for OCR ({type(exc).__name__}: {exc})") from None
    images: list[tuple[int, np.ndarray, float]] = []
    coarse: list[tuple[int, float]] = []  # (page number, scan dpi) of pages too coarse to OCR
    try:
        for i in range(len(pdf)) if numbers is None else [n - 1 for n in numbers]:
            page = pdf[i]
            try:
                dpi = _scan_dpi(page)
                if dpi is not None and dpi < MIN_SCAN_DPI:
                    coarse.append((i + 1, dpi))
                    continue
                # A finer scan at its own resolution, up to MAX_RENDER_DPI: a fax's black and white stays
                # so, and 7-8 pt type keeps its pixels. A coarser one at RENDER_DPI: 7-8 pt digits of a
                # 150 dpi scan read better magnified (fewer nulls on the seal variant than at 150).
                render_dpi = RENDER_DPI if dpi is None else min(max(dpi, RENDER_DPI), MAX_RENDER_DPI)
                pil = page.render(scale=render_dpi / 72.0).to_pil().convert("RGB")
            finally:
                page.close()
            images.append((i + 1, np.asarray(pil)[:, :, ::-1].copy(), render_dpi))
    except Exception as exc:  # noqa: BLE001
        raise DamagedPdf(source, f"a page cannot be rendered for OCR ({type(exc).__name__}: {exc})") from None
    finally:
        pdf.close()
    return images, coarse


def _coarse_phrase(coarse: list[tuple[int, float]]) -> str:
    return ", ".join(f"page {n} at {dpi:.0f} dpi" for n, dpi in coarse)


def _coarse_warning(coarse: list[tuple[int, float]]) -> ParseWarning:
    return ParseWarning(WarningCode.PAGES_WITHOUT_TEXT,
                        f"not OCR'd, too coarse to read digits safely: {_coarse_phrase(coarse)} "
                        f"(needs at least {MIN_SCAN_DPI:.0f} dpi); their content is missing",
                        pages=[n for n, _ in coarse])


def ocr_pdf(data: bytes, source: str, max_pages: int | None = None) -> Document:
    """A PDF without a text layer, each page rendered with pypdfium2 and OCR'd."""
    _require()
    rendered, coarse = _render(data, source, None)
    if not rendered:
        raise NoTextLayer(source, f"no text layer, and the scan is too coarse to OCR without misreading digits "
                                  f"({_coarse_phrase(coarse)}; needs at least {MIN_SCAN_DPI:.0f} dpi)")
    doc = ocr_images([(img, dpi) for _, img, dpi in rendered], source, "pdf")
    if coarse:
        doc.warnings.append(_coarse_warning(coarse))
    return doc


def ocr_pdf_pages(data: bytes, source: str, numbers: list[int]) -> tuple[dict[int, OcrPage], list[ParseWarning]]:
    """Some pages of a PDF (those without a text layer, 1-based ``numbers``) OCR'd:
    each page read (by its number) and the warnings: ``ocr_used`` naming the pages,
    low confidence. A page too coarse to OCR (a logo, a 60 dpi scan) is left out;
    the PDF reader reports it as ``pages_without_text`` with the rest it could not read."""
    _require()
    rendered, _ = _render(data, source, numbers)
    read = {n: _read_page(img, n, dpi, source) for n, img, dpi in rendered}
    return read, ocr_warnings(list(read.values()), sorted(read)) if read else []


def _scan_dpi(page) -> float | None:
    """The resolution of the largest image on a page, in dots per inch as placed (None: no image)."""
    import pypdfium2.raw as pdfium_c

    best: tuple[float, float] | None = None  # (area in points², dpi)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        width_px, height_px = obj.get_px_size()
        left, bottom, right, top = obj.get_bounds()
        w_pt, h_pt = right - left, top - bottom
        if w_pt <= 0 or h_pt <= 0 or not width_px or not height_px:
            continue
        dpi = min(width_px / (w_pt / 72.0), height_px / (h_pt / 72.0))
        if best is None or w_pt * h_pt > best[0]:
            best = (w_pt * h_pt, dpi)
    return None if best is None else best[1]


def decode_image(data: bytes, source: str) -> list[tuple[np.ndarray, float]]:
    """The frames of a JPEG/PNG/TIFF as (BGR array, dpi); a multi-page TIFF gives several."""
    try:
        from PIL import Image, ImageSequence
    except ImportError:
        raise MissingDependency("reading images (OCR)", "ocr", "pillow") from None
    import io

    try:
        img = Image.open(io.BytesIO(data))
        out = []
        for frame in ImageSequence.Iterator(img):
            dpi = frame.info.get("dpi", (0, 0))[0] or 0
            rgb = frame.convert("RGB")
            # Unknown resolution: assume an A4-ish page (the width is ~8.3 in).
            dpi = float(dpi) if dpi and dpi > 30 else max(rgb.width / 8.27, 72.0)
            out.append((np.asarray(rgb)[:, :, ::-1].copy(), dpi))
    except Exception as exc:  # noqa: BLE001 - PIL raises many types on bad data
        raise InputError(source, f"the image cannot be decoded ({type(exc).__name__}: {exc})") from None
    if not out:
        raise InputError(source, "the image holds no frames")
    return out


