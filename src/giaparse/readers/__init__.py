"""Reader registry: one place that maps a format name to its reader.

Built-in readers register below. Another package adds one through the
``giaparse.readers`` entry-point group::

    [project.entry-points."giaparse.readers"]
    myformat = "mypkg.reader:MyReader"

where ``MyReader`` subclasses ``giaparse.readers.Reader``. Entry points are
loaded once, lazily, the first time a reader is looked up.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from ..errors import MissingDependency
from ..options import ReadOptions
from .base import Reader

ENTRY_POINT_GROUP = "giaparse.readers"

_REGISTRY: dict[str, type[Reader]] = {}
_entry_points_loaded = False


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
        try:
            cls = ep.load()
        except ImportError as exc:  # a broken plug-in must not break the built-ins
            raise MissingDependency(f"the reader plug-in {ep.name!r}", ep.name, str(exc.name)) from exc
        if isinstance(cls, type) and issubclass(cls, Reader):
            _REGISTRY.setdefault(ep.name, cls)


def registered_readers() -> dict[str, type[Reader]]:
    """All readers by format name, entry points included."""
    _load_entry_points()
    return dict(_REGISTRY)


def reader_for(format_name: str, options: ReadOptions | None = None) -> Reader | None:
    cls = registered_readers().get(format_name)
    return cls(options) if cls else None


def sniff_plugins(data: bytes) -> str | None:
    """The format of the first non-built-in reader that claims ``data``."""
    for name, cls in registered_readers().items():
        if cls.sniff(data):
            return name
    return None


# Built-in readers: imported for their registration side effect.
from . import docx as _docx  # noqa: E402,F401
from . import html as _html  # noqa: E402,F401
from . import image as _image  # noqa: E402,F401
from . import legacy as _legacy  # noqa: E402,F401
from . import pdf as _pdf  # noqa: E402,F401
from . import text as _text  # noqa: E402,F401

__all__ = ["Reader", "register_reader", "registered_readers", "reader_for", "ENTRY_POINT_GROUP"]
