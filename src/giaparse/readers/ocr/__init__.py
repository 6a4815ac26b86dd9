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

from .document import CONFIDENCE_THRESHOLD, ocr_images, ocr_pdf

__all__ = ["CONFIDENCE_THRESHOLD", "ocr_images", "ocr_pdf"]
