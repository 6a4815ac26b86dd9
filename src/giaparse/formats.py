"""Input formats and how they are recognised from the bytes.

One table maps each format to its extensions; detection goes magic bytes →
markup sniffing → extension, so a ``.txt`` that is really an HTML page (a
common result of "save page as") is still read as HTML.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from enum import Enum


class InputFormat(str, Enum):
    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    OLE2 = "ole2"  # legacy .doc / .wps: needs conversion first
    IMAGE = "image"  # JPEG / PNG / TIFF scans: OCR (giaparse[ocr])


FORMAT_EXTENSIONS: dict[InputFormat, tuple[str, ...]] = {
    InputFormat.TEXT: (".txt", ".text", ".md", ".markdown", ".csv", ".tsv"),
    InputFormat.HTML: (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"),
    InputFormat.DOCX: (".docx",),
    InputFormat.PDF: (".pdf",),
    InputFormat.OLE2: (".doc", ".wps", ".et"),
    InputFormat.IMAGE: (".jpg", ".jpeg", ".png", ".tif", ".tiff"),
}

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")
_MARKUP_HINTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta", b"<div", b"<p>", b"<p ")


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_like_markup(data: bytes) -> bool:
    head = data[:4096].lower()
    # UTF-16 pages: drop the NULs so the ASCII tags can be seen.
    if head.count(b"\x00") > len(head) // 4:
        head = head.replace(b"\x00", b"")
    return any(hint in head for hint in _MARKUP_HINTS)


def format_from_extension(name: str | None) -> InputFormat | None:
    if not name:
        return None
    low = name.lower()
    for fmt, exts in FORMAT_EXTENSIONS.items():
        if low.endswith(exts):
            return fmt
    return None


def detect_format(data: bytes, name: str | None = None) -> InputFormat | None:
    """The format of ``data``, or None when it is not one we know.

    Binary signatures win over the name; a file whose bytes are clearly
    text is text (or HTML) whatever its extension says.
    """
    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        return InputFormat.PDF
    if data.startswith(_OLE2_MAGIC):
        return InputFormat.OLE2
    if data.startswith(_IMAGE_MAGIC):
        return InputFormat.IMAGE
    if data.startswith(b"PK\x03\x04"):
        return InputFormat.DOCX if _is_docx(data) else None
    if _looks_like_markup(data):
        return InputFormat.HTML
    # No markup in the bytes: text, whatever the name says (a "save as" .html of plain text).
    if _looks_like_text(data):
        return InputFormat.TEXT
    return None


def _looks_like_text(data: bytes) -> bool:
    """Few control bytes in the head: text in some encoding, not a binary blob."""
    from .readers.encoding import bom_encoding, utf16_by_content, utf16_without_bom

    if bom_encoding(data) or utf16_without_bom(data) or utf16_by_content(data):
        return True
    head = data[:4096]
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or (13 < b < 32) or b == 127)
    if controls > len(head) * 0.01:
        return False
    for enc in ("utf-8", "gb18030"):
        try:
            # Incremental: a multibyte character cut at the end of the sample is not an error.
            codecs.getincrementaldecoder(enc)().decode(head, final=len(data) <= len(head))
            return True
        except UnicodeDecodeError:
            continue
    # Damaged but readable: a stray byte or two the codec cannot place (the reader warns).
    return any(head.decode(enc, "replace").count("\ufffd") <= max(2, len(head) // 500)
               for enc in ("utf-8", "gb18030"))
