"""The intermediate document every reader produces.

A ``Document`` is an ordered list of blocks. A block is either a
``Paragraph`` (a run of text) or a ``RawGrid`` (a table as the source gave
it: rows of ``RawCell`` with text and, where the source says so, spans).
Readers know nothing of annual-report templates; everything downstream knows
nothing of file formats. This module is that boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Union

from .diagnostics import ParseWarning


class SpanInfo(str, Enum):
    """How much a grid's source told us about cell positions.

    ``KNOWN``: rowspan/colspan are real (HTML, Word merges, PDF ruling
    lines); a row lists only the cells that *start* in it.
    ``UNKNOWN``: the table was flattened to text (pipes, tabs); a row lists
    the cells found in it, padded or not, with no position information, so
    the core has to infer alignment from content.
    """

    KNOWN = "known"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RawCell:
    """One cell as found. ``text`` keeps inner line breaks as ``\\n``."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    #: True when the source marks the text as vertical (Word textDirection).
    vertical: bool = False
    #: Recognition confidence (0..1) when the text came from OCR; None otherwise.
    confidence: float | None = None


@dataclass
class RawGrid:
    """A table as the source gave it."""

    rows: list[list[RawCell]]
    spans: SpanInfo = SpanInfo.KNOWN
    #: Where the grid came from (page number, table index...), for warnings.
    origin: str = ""
    #: x positions of the column boundaries (left to right, PDF points in the
    #: page's reading frame) when the source is a ruled PDF table: column c
    #: of the dense grid runs from ``col_edges[c]`` to ``col_edges[c + 1]``.
    #: None where positions are unknown (HTML, Word, text).
    col_edges: tuple[float, ...] | None = None

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def texts(self) -> list[list[str]]:
        """The cell texts row by row, for debugging and quick assertions."""
        return [[c.text for c in row] for row in self.rows]


@dataclass(frozen=True)
class Paragraph:
    """A run of text: a heading, a body paragraph, a line of page chrome."""

    text: str
    #: Heading level when the source marks one (h1=1, Word Heading 2=2); 0 if unknown.
    heading_level: int = 0


Block = Union[Paragraph, RawGrid]


@dataclass
class Document:
    """What a reader returns: blocks in reading order plus reader notes."""

    blocks: list[Block]
    source_name: str = "<bytes>"
    format: str = ""
    #: Problems the reader met but could work around (encoding guesses...).
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def grids(self) -> list[RawGrid]:
        return [b for b in self.blocks if isinstance(b, RawGrid)]

    def text(self) -> str:
        """All paragraph text, one paragraph per line."""
        return "\n".join(p.text for p in self.paragraphs)
