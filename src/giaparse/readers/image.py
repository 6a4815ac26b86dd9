"""Image reader: JPEG, PNG and TIFF scans, through OCR (needs ``giaparse[ocr]``).

Each image (each frame of a multi-page TIFF) is one page; the pages go
through the same OCR as a scanned PDF (``readers.ocr``).
"""

from __future__ import annotations

from ..document import Document
from ..formats import FORMAT_EXTENSIONS, InputFormat
from . import register_reader
from .base import Reader


@register_reader
class ImageReader(Reader):
    """Scanned pages as image files (needs ``giaparse[ocr]``)."""

    format = "image"
    extensions = FORMAT_EXTENSIONS[InputFormat.IMAGE]

    def read(self, data: bytes, source: str) -> Document:
        from .ocr import require

        require()  # before importing the OCR modules, which need numpy and OpenCV
        from .ocr import ocr_images
        from .ocr.document import decode_image

        return ocr_images(decode_image(data, source), source, "image")
