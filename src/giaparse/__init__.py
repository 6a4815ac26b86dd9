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

from .options import PdfBackend, PdfEngine, ReadOptions  # noqa: E402  (small: no reader behind it)

# Everything else is imported on first use (``giaparse.parse`` imports the pipeline and its
# readers), so that ``import giaparse`` — and ``giaparse --version`` / ``--help`` — stay cheap.
_LAZY = {
    "parse": ".pipeline",
    "ParseWarning": ".diagnostics", "WarningCode": ".diagnostics",
    "Cell": ".report", "CellSource": ".report", "Check": ".report", "ProactiveTable": ".report",
    "Report": ".report", "Side": ".report", "Tables": ".report",
    "BoundingBox": ".document", "Provenance": ".document",
    "ConversionResult": ".batch", "ConversionStatus": ".batch", "ErrorItem": ".batch", "convert_many": ".batch",
    "to_frame": ".export",
    "labels": ".wording",  # giaparse.labels("requests", "denied_state_secret")
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'giaparse' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # the next access is an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
