"""OCR for pages without a text layer: scanned PDFs and image files.

Needs the ``ocr`` extra (rapidocr-onnxruntime, whose wheel ships the PP-OCR
models; OpenCV and pypdfium2 come with it and with ``pdf``). ``ocr_images``
turns page images into the same ``Document`` the text-layer readers give:
paragraphs from the OCR lines in reading order, and each ruled table as a
``RawGrid`` with spans, every cell carrying its recognition confidence.
The reader stays template-free.

A value-like cell (no Han character) read with a confidence below
``CONFIDENCE_THRESHOLD`` is read again from other crops of its ink; unless a
re-read gives the same text at or above the threshold it is left blank — so
it comes out ``null`` — and an ``ocr_low_confidence`` warning names the page,
table, row and column, the text read and its confidence. A PDF with text
pages and scanned pages has only its scanned pages OCR'd
(``document.ocr_pdf_pages``, called by the PDF reader). Text cells keep what was read: a misread
label fails to match a template row and is reported there.
"""

from __future__ import annotations

from typing import Any

from ...errors import MissingDependency

__all__ = ["CONFIDENCE_THRESHOLD", "ocr_images", "ocr_pdf", "require"]

_FEATURE = "reading scanned pages (OCR)"


def require(feature: str = _FEATURE) -> None:
    """Raise ``MissingDependency`` naming the ``ocr`` extra unless everything OCR imports is installed.

    The OCR modules import numpy and OpenCV at the top, so this package imports
    them only when asked (``__getattr__``): with the ``pdf`` extra alone a scan
    must say which extra it needs, not fail on ``import numpy``.
    """
    from . import engine

    if not engine.available():
        raise MissingDependency(feature, "ocr", "rapidocr-onnxruntime")
    for module, package in (("numpy", "numpy"), ("cv2", "opencv-python-headless")):
        try:
            __import__(module)
        except ImportError:
            raise MissingDependency(feature, "ocr", package) from None


def __getattr__(name: str) -> Any:
    if name in ("CONFIDENCE_THRESHOLD", "ocr_images", "ocr_pdf"):
        require()
        from . import document

        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
