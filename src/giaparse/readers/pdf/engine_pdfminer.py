"""The pdfminer engine: pdfplumber's objects (pdfminer.six interprets the pages).

pdfminer applies a page's /Rotate before pdfplumber sees the characters,
so a rotated page arrives upright. Slower than PDFium by about 4×, but
pure Python and the reference the PDFium engine is tested against.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from ...errors import DamagedPdf, EncryptedPdf, MissingDependency
from .content import Char, PageContent
from .text import char_direction


def import_pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise MissingDependency("reading PDF", "pdf", "pdfplumber") from None
    return pdfplumber


def page_content(page: Any) -> PageContent:
    """One pdfplumber page's facts (raises whatever pdfminer raises on a bad page)."""
    chars = [Char(c.get("text") or "", c["x0"], c["top"], c["x1"], c["bottom"],
                  char_direction(c.get("matrix") or (1, 0, 0, 1))) for c in page.chars]
    content = PageContent(page.width, page.height, chars, page.rects, page.lines, page.curves, bool(page.images))
    for image in page.images:
        content.cover(image["x0"], image["top"], image["x1"], image["bottom"])
    return content


class PdfminerDocument:
    def __init__(self, data: bytes, source: str, password: str | None = None) -> None:
        pdfplumber = import_pdfplumber()
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

        try:
            self._pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
            self._pages = list(self._pdf.pages)
        except Exception as exc:  # pdfminer raises anything from PSEOF to KeyError on bad input
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
            if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
                raise EncryptedPdf(source, "the PDF is encrypted and needs a password"
                                   if not password else "the PDF is encrypted and the password is wrong") from None
            raise DamagedPdf(source, f"the PDF is damaged and cannot be read "
                                     f"({type(inner).__name__}: {inner})") from None

    def page_count(self) -> int:
        return len(self._pages)

    def page(self, index: int) -> PageContent:
        """One page (0-based) on its own: the PDFium engine's fallback for a page it cannot decode."""
        page = self._pages[index]
        try:
            return page_content(page)
        finally:
            page.close()

    def pages(self) -> Iterator[PageContent | Exception]:
        for page in self._pages:
            try:
                yield page_content(page)
            except Exception as exc:  # noqa: BLE001 - pdfminer errors have no common base
                yield exc
            finally:
                page.close()

    def close(self) -> None:
        self._pdf.close()
