"""Cells of an OCR'd page read again, on request, by several crops and two recognisers.

The page reader keeps each page as the recogniser saw it (grey, straightened,
ruling lines wiped) and hands the ``Document`` a ``Rereader``. A later stage
that finds a number suspect (it breaks an identity, or nothing confirms it)
asks for ``readings(source)`` of that cell: the texts read from

* ``rapidocr x2`` / ``rapidocr x3``: the cell's ink, cropped tight and
  upscaled (a 7-8 pt digit at 150 dpi is 12 px high; PP-OCR is at its best
  near 32-48 px);
* ``rapidocr otsu``: the same crop binarised by Otsu's threshold instead of
  the levels stretch (a broken or thickened stroke reads differently);
* ``tesseract``: Tesseract (Debian's ``tesseract-ocr``, its shipped ``eng``
  model, through ``tesserocr``), digits only, one line: a second recogniser
  that shares neither model nor preprocessing with PP-OCR.

Each call names its recogniser; nothing is cached between calls but the
engines. Nothing is downloaded: both engines' models are on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ...document import Provenance
from . import engine
from .image import cv2_module

#: Recognisers ``Rereader.readings`` uses, in the order their readings come.
RAPID_UPSCALED = ("rapidocr x2", "rapidocr x3")
RAPID_OTSU = "rapidocr otsu"
TESSERACT = "tesseract"

_INSET = 4         # px inside the cell box: the wiped ruling's remains stay out
_INK = 160         # darker than this is ink when trimming
_TARGET_H = 40     # px: the digit height the crops are scaled to for PP-OCR
_TESS_H = 36       # px: and for Tesseract
_TESSDATA = [Path("/usr/share/tesseract-ocr/5/tessdata"), Path("/usr/share/tesseract-ocr/4.00/tessdata"),
             Path("/usr/share/tessdata")]

_TESS: Any = None
_TESS_TRIED = False


def tesseract() -> Any:
    """A shared tesserocr API for one line of digits, or None when tesserocr or the model is missing."""
    global _TESS, _TESS_TRIED
    if _TESS_TRIED:
        return _TESS
    _TESS_TRIED = True
    try:
        import tesserocr
    except ImportError:
        return None
    path = next((p for p in _TESSDATA if (p / "eng.traineddata").exists()), None)
    if path is None:
        return None
    api = tesserocr.PyTessBaseAPI(path=str(path), lang="eng", psm=tesserocr.PSM.SINGLE_LINE)
    api.SetVariable("tessedit_char_whitelist", "0123456789")
    api.SetVariable("classify_bln_numeric_mode", "1")
    _TESS = api
    return _TESS


def tesseract_available() -> bool:
    return tesseract() is not None


@dataclass
class PageImage:
    """One page as the recogniser saw it: grey (2-D uint8), straightened, rulings wiped."""

    grey: np.ndarray
    dpi: float


class Rereader:
    """Readings of OCR'd cells by their provenance (page and box in points)."""

    def __init__(self, pages: dict[int, PageImage], unread: dict[tuple[int, Any], str] | None = None):
        self.pages = pages
        #: (page, cell box) → the reader's low-confidence note on the cell (its ``ocr_low_confidence`` text).
        self.unread = unread or {}

    def unread_note(self, source: Provenance) -> str | None:
        """The reader's note on a cell it left blank for low confidence (None: not one)."""
        return self.unread.get((source.page or 0, source.bbox))

    def ink(self, source: Provenance) -> np.ndarray | None:
        """The cell's ink, cropped tight with a white margin (grey), or None when blank/unknown."""
        page = self.pages.get(source.page or 0)
        if page is None or source.bbox is None:
            return None
        s = page.dpi / 72.0
        b = source.bbox
        h, w = page.grey.shape
        x0, y0 = max(int(b.l * s) + _INSET, 0), max(int(b.t * s) + _INSET, 0)
        x1, y1 = min(int(b.r * s) - _INSET, w), min(int(b.b * s) - _INSET, h)
        if x1 - x0 < 4 or y1 - y0 < 4:
            return None
        crop = page.grey[y0:y1, x0:x1]
        ink = crop < _INK
        if int(ink.sum()) < 6:
            return None
        rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        crop = crop[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        m = max(3, (rows[-1] - rows[0] + 1) // 3)
        cv2 = cv2_module()
        return cv2.copyMakeBorder(np.ascontiguousarray(crop), m, m, m, m, cv2.BORDER_CONSTANT, value=255)

    def readings(self, source: Provenance, recognisers: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        """(recogniser, text) of the cell, by every recogniser asked for (default: all there are)."""
        crop = self.ink(source)
        if crop is None:
            return []
        wanted = recognisers or (*RAPID_UPSCALED, RAPID_OTSU, TESSERACT)
        cv2 = cv2_module()
        ink_h = max(crop.shape[0] * 3 // 5, 1)  # the margin is a third of the ink either side
        rapid: list[tuple[str, np.ndarray]] = []
        for name in wanted:
            if name in RAPID_UPSCALED:
                f = max(2.0, _TARGET_H / ink_h) * (1.0 if name.endswith("x2") else 1.5)
                up = cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
                rapid.append((name, up))
            elif name == RAPID_OTSU:
                f = max(2.0, _TARGET_H / ink_h)
                up = cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
                _, bw = cv2.threshold(up, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
                rapid.append((name, bw))
        out: list[tuple[str, str]] = []
        if rapid:
            got = engine.recognise([np.dstack([c, c, c]) for _, c in rapid])
            out += [(name, text.strip()) for (name, _), (text, _) in zip(rapid, got, strict=True)]
        if TESSERACT in wanted:
            text = self.tesseract_digits(crop)
            if text is not None:
                out.append((TESSERACT, text))
        return out

    @staticmethod
    def tesseract_digits(crop: np.ndarray) -> str | None:
        api = tesseract()
        if api is None:
            return None
        from PIL import Image

        cv2 = cv2_module()
        f = _TESS_H / max(crop.shape[0] * 3 // 5, 1)
        img = cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)
        api.SetImage(Image.fromarray(img))
        return str(api.GetUTF8Text()).strip().replace(" ", "")
