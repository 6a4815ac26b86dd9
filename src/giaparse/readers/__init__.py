"""Reader registry: one place that maps a format name to its reader.

Built-in readers register below. Another package adds one through the
``giaparse.readers`` entry-point group::

    [project.entry-points."giaparse.readers"]
    myformat = "mypkg.reader:MyReader"

where ``MyReader`` subclasses ``giaparse.readers.Reader``. Entry points are
loaded once, lazily, the first time a reader is looked up.

The built-in readers are imported lazily too: ``reader_for("html")`` imports
the HTML reader alone, so converting one text file never imports lxml, PDFium
or python-docx (``registered_readers()`` imports them all).
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from ..errors import MissingDependency
from ..options import ReadOptions
from .base import Reader

ENTRY_POINT_GROUP = "giaparse.readers"

_REGISTRY: dict[str, type[Reader]] = {}
_entry_points_loaded = False

#: The built-in readers by format name: the module and class of each, imported on first use.
BUILTIN_READERS: dict[str, tuple[str, str]] = {
    "docx": (".docx", "DocxReader"), "html": (".html", "HtmlReader"), "image": (".image", "ImageReader"),
    "ole2": (".legacy", "LegacyWordReader"), "pdf": (".pdf", "PdfReader"), "text": (".text", "TextReader")}


def _builtin(format_name: str) -> None:
    """Register the built-in reader for ``format_name``, importing its module, if there is one.

    Registered here by name, not only by the module's ``@register_reader`` (which runs once per
    process): a registry replaced after the module was imported gets the reader again."""
    if format_name in _REGISTRY or format_name not in BUILTIN_READERS:
        return
    module, name = BUILTIN_READERS[format_name]
    _REGISTRY[format_name] = getattr(importlib.import_module(module, __name__), name)


def register_reader(reader: type[Reader]) -> type[Reader]:
    """Register ``reader`` under its ``format`` (usable as a decorator)."""
    _REGISTRY[reader.format] = reader
    return reader


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in BUILTIN_READERS:  # a built-in format stays the built-in reader's
            continue
        try:
            cls = ep.load()
        except ImportError as exc:  # a broken plug-in must not break the built-ins
            raise MissingDependency(f"the reader plug-in {ep.name!r}", ep.name, str(exc.name)) from exc
        if isinstance(cls, type) and issubclass(cls, Reader):
            _REGISTRY.setdefault(ep.name, cls)


def registered_readers() -> dict[str, type[Reader]]:
    """All readers by format name, entry points included (every built-in reader is imported)."""
    for format_name in BUILTIN_READERS:
        _builtin(format_name)
    _load_entry_points()
    return dict(_REGISTRY)


def reader_for(format_name: str, options: ReadOptions | None = None) -> Reader | None:
    """A reader for ``format_name``; only its own module is imported (a built-in one on first use)."""
    _builtin(format_name)
    _load_entry_points()
    cls = _REGISTRY.get(format_name)
    return cls(options) if cls else None


def sniff_plugins(data: bytes) -> str | None:
    """The format of the first non-built-in reader that claims ``data`` (built-ins never sniff:
    their formats are told by ``formats.detect_format``, so none of them is imported here)."""
    _load_entry_points()
    for name, cls in list(_REGISTRY.items()):
        if name not in BUILTIN_READERS and cls.sniff(data):
            return name
    return None

__all__ = ["Reader", "register_reader", "registered_readers", "reader_for", "ENTRY_POINT_GROUP"]
