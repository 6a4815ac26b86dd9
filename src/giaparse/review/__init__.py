"""The review page: one self-contained HTML file per report, for people.

``review_page(path)`` parses a report and builds the page; ``build_page``
takes a report (or its canonical dict) and a ``Source`` already loaded;
``review.site.build_site`` makes a site of many (an index and a page each).
"""

from __future__ import annotations

from ..corrections import Corrections
from ..options import ReadOptions
from ..pipeline import Source as _Input
from ..pipeline import load_source as _load
from ..pipeline import read_document, report_of
from .page import build_page
from .source import Source, load_source

__all__ = ["build_page", "load_source", "review_page", "Source"]


def review_page(source: _Input, *, name: str | None = None, options: ReadOptions | dict | None = None,
                corrections: Corrections | None = None) -> str:
    """Parse ``source`` (a path or bytes) and return its review page as one HTML string.

    ``corrections`` are applied as ``parse`` applies them. Raises
    ``giaparse.GiaparseError`` for input that cannot be read, as ``parse`` does.
    """
    opts = ReadOptions.resolve(options)
    data, display = _load(source, name)
    doc = read_document(data, display, opts)  # read once: the report and the source pane share it
    return build_page(report_of(doc, data, display, corrections=corrections), load_source(data, display, doc, opts))
