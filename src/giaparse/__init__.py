"""giaparse: 政府信息公开工作年度报告 (government information disclosure annual reports) to structured data."""

from .errors import (
    ConversionFailed,
    DamagedPdf,
    DecodeFailure,
    EmptyDocument,
    EncryptedPdf,
    FileNotReadable,
    GiaparseError,
    InputError,
    LimitExceeded,
    MissingDependency,
    NoTextLayer,
    UnsupportedFormat,
)

__version__ = "0.1.0"  # the one place the version is written (pyproject reads it)

from .diagnostics import ParseWarning, WarningCode  # noqa: E402
from .options import PdfBackend, PdfEngine, ReadOptions  # noqa: E402
from .pipeline import parse  # noqa: E402
from .report import Cell, CellSource, Check, ProactiveTable, Report, Side, Tables  # noqa: E402
from .document import BoundingBox, Provenance  # noqa: E402
from .batch import ConversionResult, ConversionStatus, ErrorItem, convert_many  # noqa: E402
from .export import to_frame  # noqa: E402
from .wording import labels  # noqa: E402  (giaparse.labels("requests", "denied_state_secret"))

__all__ = [
    "parse",
    "convert_many",
    "ConversionResult",
    "ConversionStatus",
    "ErrorItem",
    "to_frame",
    "labels",
    "Report",
    "Tables",
    "ProactiveTable",
    "Cell",
    "CellSource",
    "Check",
    "Side",
    "Provenance",
    "BoundingBox",
    "ParseWarning",
    "ReadOptions",
    "PdfBackend",
    "PdfEngine",
    "NoTextLayer",
    "ConversionFailed",
    "EncryptedPdf",
    "DamagedPdf",
    "WarningCode",
    "GiaparseError",
    "InputError",
    "LimitExceeded",
    "FileNotReadable",
    "EmptyDocument",
    "UnsupportedFormat",
    "DecodeFailure",
    "MissingDependency",
    "__version__",
]
