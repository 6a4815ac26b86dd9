"""giaparse: 政府信息公开工作年度报告 (government information disclosure annual reports) to structured data."""

from .errors import (
    DecodeFailure,
    EmptyDocument,
    FileNotReadable,
    GiaparseError,
    InputError,
    MissingDependency,
    UnsupportedFormat,
)

__version__ = "0.1.0"

__all__ = [
    "GiaparseError",
    "InputError",
    "FileNotReadable",
    "EmptyDocument",
    "UnsupportedFormat",
    "DecodeFailure",
    "MissingDependency",
    "__version__",
]
