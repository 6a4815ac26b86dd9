"""The reader interface: bytes in, ``Document`` out.

A reader knows one file format and nothing about annual reports. It turns
the bytes into paragraphs and raw grids (``giaparse.document``); the shared
core and the template layer do the rest. Paginated formats (PDF) handle
their pages inside ``read``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from ..document import Document
from ..options import ReadOptions


class Reader(ABC):
    """Base class for readers, built in or registered by other packages.

    Subclasses set ``format`` (a short name such as ``"html"``) and implement
    ``read``. ``sniff`` lets a third-party reader claim bytes that the built-in
    detection does not recognise.
    """

    format: ClassVar[str]
    #: File name endings the reader is meant for, used when the bytes say nothing.
    extensions: ClassVar[tuple[str, ...]] = ()

    def __init__(self, options: ReadOptions | None = None) -> None:
        self.options = options or ReadOptions()

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """True if ``data`` is certainly in this reader's format."""
        return False

    @abstractmethod
    def read(self, data: bytes, source: str) -> Document:
        """Parse ``data``; ``source`` names the input in errors and warnings."""
