"""Options that change how a document is read, as a typed object.

Readers receive a ``ReadOptions``; the CLI and ``giaparse.parse`` build it.
Choices are enums, never bare strings spread through the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class PdfBackend(str, Enum):
    """Where PDF tables come from.

    ``pdfplumber`` (default): ruling lines and rectangle edges, rebuilt by
    giaparse into grids with spans. ``camelot``: camelot-py's lattice parser
    (needs ``giaparse[camelot]``); text still comes from pdfplumber.
    """

    PDFPLUMBER = "pdfplumber"
    CAMELOT = "camelot"


class PdfEngine(str, Enum):
    """What interprets a PDF's pages (reads characters and paths); separate
    from ``PdfBackend``, which says where tables come from.

    ``pypdfium2`` (default): PDFium through pypdfium2, about ten times faster
    than pdfminer; a page whose characters PDFium cannot map to Unicode is
    read by pdfminer instead. ``pdfminer``: pdfminer.six through pdfplumber,
    pure Python, the reference. Both give the same labelled cells on the
    whole PDF corpus (``tests/test_pdf_engines.py``).
    """

    PYPDFIUM2 = "pypdfium2"
    PDFMINER = "pdfminer"


@dataclass(frozen=True)
class ReadOptions:
    pdf_backend: PdfBackend = PdfBackend.PDFPLUMBER
    #: What reads the PDF's pages (``PdfEngine``).
    pdf_engine: PdfEngine = PdfEngine.PYPDFIUM2
    #: Convert legacy .doc/.wps through LibreOffice when ``soffice`` is on the PATH.
    convert_legacy: bool = True
    #: Password for an encrypted PDF (owner-password-only PDFs open without one).
    pdf_password: str | None = None

    # Limits. A document that passes one raises ``LimitExceeded`` naming the
    # limit and the CLI flag that raises it. None switches a limit off.
    #: Input size in bytes (``--max-bytes``).
    max_bytes: int | None = 64 * 1024 * 1024
    #: PDF pages (``--max-pages``); checked before any page is parsed.
    max_pages: int | None = 300
    #: Wall time per document in seconds (``--timeout``), enforced from outside
    #: the parse by the worker process of the CLI and ``convert_many``; a
    #: plain ``giaparse.parse`` call runs in-process and does not enforce it.
    timeout_s: float | None = 40.0
    #: Wall time added to ``timeout_s`` for each page that goes through OCR
    #: (``--ocr-page-timeout``): a scanned page takes seconds (about 2-4 s here), a
    #: text page milliseconds. Enforced like ``timeout_s``; None: no allowance.
    ocr_page_timeout_s: float | None = 30.0
    #: Address-space cap per worker process in MiB (``--max-memory``; RLIMIT_AS).
    max_memory_mb: int | None = 3072  # OCR (onnxruntime) needs about 2 GiB of address space

    def __post_init__(self) -> None:
        # ReadOptions(pdf_backend="camelot") is accepted; keep the field an enum.
        object.__setattr__(self, "pdf_backend", PdfBackend(self.pdf_backend))
        object.__setattr__(self, "pdf_engine", PdfEngine(self.pdf_engine))

    @classmethod
    def resolve(cls, value: ReadOptions | dict | None) -> ReadOptions:
        """Accept an instance, a plain dict of fields (``{"pdf_backend": "camelot"}``) or None."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        return cls(**dict(value))  # type: ignore[arg-type]  # a mapping of option names
