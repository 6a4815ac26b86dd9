"""The intermediate document every reader produces.

A ``Document`` is an ordered list of blocks. A block is either a
``Paragraph`` (a run of text) or a ``RawGrid`` (a table as the source gave
it: rows of ``RawCell`` with text and, where the source says so, spans).
Readers know nothing of annual-report templates; everything downstream knows
nothing of file formats. This module is that boundary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import Any

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
class BoundingBox:
    """A rectangle on a page, in PDF points (1/72 inch), as docling-core's ``BoundingBox``.

    ``coord_origin`` says where y is measured from: ``TOPLEFT`` (pdfplumber's
    ``top``/``bottom``, y growing downwards; what giaparse writes) or
    ``BOTTOMLEFT`` (PDF user space). ``l < r`` always; ``t < b`` for TOPLEFT.
    """

    l: float  # noqa: E741 - docling-core's field names
    t: float
    r: float
    b: float
    coord_origin: str = "TOPLEFT"

    def to_dict(self) -> dict[str, Any]:
        return {"l": round(self.l, 2), "t": round(self.t, 2), "r": round(self.r, 2), "b": round(self.b, 2),
                "coord_origin": self.coord_origin}

    def union(self, other: BoundingBox) -> BoundingBox:
        return BoundingBox(min(self.l, other.l), min(self.t, other.t), max(self.r, other.r), max(self.b, other.b),
                           self.coord_origin)


@dataclass(frozen=True)
class Provenance:
    """Where a cell or a paragraph was read from; every field is optional.

    * PDF (and OCR'd pages): ``page`` (1-based) and ``bbox`` in points on
      that page as displayed.
    * HTML and DOCX tables: ``table``, the 0-based index of the table
      element (``<table>``, ``<w:tbl>``) among all of the document's tables
      in document order, nested ones included; ``row``, the 0-based index of
      the row element (``<tr>``, ``<w:tr>``) in that table; ``column``, the
      0-based grid column where the cell starts, spans expanded (python-docx's
      ``table.cell(row, column)``). HTML adds ``xpath``, the cell element's
      path in the page as parsed.
    * DOCX paragraphs: ``paragraph``, the 0-based index among the body's
      ``<w:p>`` elements.
    * Text: ``lines``, the first and last 1-based line of the decoded text;
      a cell of a text table also has ``table``/``row``/``column`` (column =
      the cell's index in its line as split).
    * Text inside a paragraph (a table written as running text): the
      paragraph's own provenance plus ``charspan``, the 0-based start and
      end (exclusive) of the characters in the paragraph's text.
    * OCR: ``confidence``, the recogniser's 0..1 score for the text.
    * ``readings``: how many independent readings of the cell's text gave
      this same text (a reader that reads a cell twice — two OCR passes, OCR
      against a text layer — sets it); 2 or more puts ``two_readings`` in the
      output cell's ``confirmed_by``. No reader sets it yet.
    * A person's correction (``giaparse.corrections``): ``placement`` is
      ``human``, with ``by``, ``at`` (a date) and ``note``; the fields saying
      where the cell was read stay as they were.

    ``placement`` is the template layer's, never a reader's: on an output
    cell whose row and column did not come from its own label and header,
    how they were found (``values.Placement``: column_order, row_position,
    arithmetic, running_text). The output cell's ``source`` is this object
    (``report.CellSource`` is another name for it), so a value's provenance
    goes from the reader to the result without a copy.
    """

    page: int | None = None
    bbox: BoundingBox | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    xpath: str | None = None
    paragraph: int | None = None
    lines: tuple[int, int] | None = None
    charspan: tuple[int, int] | None = None
    confidence: float | None = None
    readings: int | None = None
    placement: str | None = None
    by: str | None = None
    at: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set, in field order; the box rounded (``BoundingBox.to_dict``)."""
        out: dict[str, Any] = {}
        if self.page is not None:
            out["page"] = self.page
        if self.bbox is not None:
            out["bbox"] = self.bbox.to_dict()
        for name in ("table", "row", "column", "xpath", "paragraph"):
            if (value := getattr(self, name)) is not None:
                out[name] = value
        if self.lines is not None:
            out["lines"] = list(self.lines)
        if self.charspan is not None:
            out["charspan"] = list(self.charspan)
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 4)
        if self.readings is not None:
            out["readings"] = self.readings
        for name in ("placement", "by", "at", "note"):
            if (value := getattr(self, name)) is not None:
                out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        """``to_dict``'s output read back (a saved output's cell ``source``)."""
        bbox = data.get("bbox")
        box = (BoundingBox(bbox["l"], bbox["t"], bbox["r"], bbox["b"], bbox.get("coord_origin", "TOPLEFT"))
               if type(bbox) is dict or isinstance(bbox, Mapping) else None)  # a dict first: the ABC check is slow
        return cls(
            page=data.get("page"),
            bbox=box,
            table=data.get("table"), row=data.get("row"), column=data.get("column"), xpath=data.get("xpath"),
            paragraph=data.get("paragraph"),
            lines=tuple(data["lines"]) if data.get("lines") is not None else None,
            charspan=tuple(data["charspan"]) if data.get("charspan") is not None else None,
            confidence=data.get("confidence"), readings=data.get("readings"), placement=data.get("placement"),
            by=data.get("by"), at=data.get("at"), note=data.get("note"),
        )

    def merged(self, other: Provenance | None) -> Provenance:
        """One provenance covering this one and ``other`` (a cell continued on the next line or page)."""
        if other is None:
            return self
        if self.page is not None and other.page == self.page and self.bbox and other.bbox:
            return replace(self, bbox=self.bbox.union(other.bbox))
        if self.lines and other.lines:
            return replace(self, lines=(min(self.lines[0], other.lines[0]), max(self.lines[1], other.lines[1])))
        return self



_PROVENANCE_DEFAULTS = {f.name: f.default for f in fields(Provenance)}


def provenance(**where: Any) -> Provenance:
    """``Provenance(**where)`` for the readers, which make one per cell and paragraph: the same
    object (``Provenance`` is frozen and has no ``__post_init__``) without the frozen
    ``__init__``'s ``object.__setattr__`` per field, three times faster. Field names are not
    checked here: pass only ``Provenance``'s."""
    new = object.__new__(Provenance)
    state = new.__dict__
    state.update(_PROVENANCE_DEFAULTS)
    state.update(where)
    return new

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
    #: Where the cell is in the source (page and box, table/row/column, lines); not part
    #: of equality: two cells with the same text and spans are the same content.
    source: Provenance | None = field(default=None, compare=False)


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
    #: Where the paragraph is in the source (page and box, xpath, paragraph index, lines);
    #: not part of equality.
    source: Provenance | None = field(default=None, compare=False)


Block = Paragraph | RawGrid


class TokenKind(str, Enum):
    """What a stream token looks like, by its text alone (no template knowledge)."""

    NUMBER = "number"  # a bare figure: 18, 397.619, 增3, 减12, 1,234, 25万元
    TEXT = "text"      # anything else: a label or a piece of one, a header word


@dataclass(frozen=True)
class StreamToken:
    """One piece of text of a table region the reader could not grid, with the evidence it saw.

    Every field past ``text`` and ``kind`` is optional: a reader fills what its
    source tells. Text readers: ``line`` (1-based), ``column`` (display column
    where the token starts, wide characters counting 2: what aligns the columns
    of ``pdftotext -layout``), ``first_on_line`` and ``blanks_before`` (empty
    lines right before the token's line; cell-per-line text separates cells and
    rows by them). PDF or OCR readers: ``page`` and ``x`` (left edge in points).
    ``cell_start`` is True where the source marks the token as the start of a
    cell of its own (a table cell element, a ruled box); None when it does not say.
    """

    text: str
    kind: TokenKind
    line: int | None = None
    column: int | None = None
    first_on_line: bool = True
    #: None where the reader cannot say (after a page break it left out).
    blanks_before: int | None = 0
    page: int | None = None
    x: float | None = None
    cell_start: bool | None = None
    source: Provenance | None = field(default=None, compare=False)


@dataclass
class CellStream:
    """A region of the document read as tokens in reading order (label pieces and number tokens).

    What a reader hands over for text it could not lay out as a grid: a table
    saved one cell per line, a PDF text dump with columns aligned by spaces.
    The reader says only what it saw; which template row or column a token
    belongs to is the template layer's business (``template.stream``). The
    same text is also in the document's paragraphs, so the narrative reading
    sees it as before.
    """

    tokens: list[StreamToken]
    origin: str = ""


@dataclass
class Document:
    """What a reader returns: blocks in reading order plus reader notes."""

    blocks: list[Block]
    source_name: str = "<bytes>"
    format: str = ""
    #: Problems the reader met but could work around (encoding guesses...).
    warnings: list[ParseWarning] = field(default_factory=list)
    #: Regions the reader could not grid, as token streams (their text is in ``blocks`` too).
    streams: list[CellStream] = field(default_factory=list)
    #: OCR'd documents: reads a cell again by its provenance (``readers.ocr.reread.Rereader``), so that a
    #: later stage can check a suspect number against other crops and a second recogniser.
    rereader: Any = field(default=None, repr=False, compare=False)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def grids(self) -> list[RawGrid]:
        return [b for b in self.blocks if isinstance(b, RawGrid)]

    def text(self) -> str:
        """All paragraph text, one paragraph per line."""
        return "\n".join(p.text for p in self.paragraphs)

    def source_of_text(self, start: int, end: int) -> Provenance | None:
        """Where ``text()[start:end]`` was read: within one paragraph, its provenance
        and the ``charspan`` inside it; across paragraphs, their provenances merged."""
        spans: list[tuple[Paragraph, int, int]] = []
        offset = 0
        for p in self.paragraphs:
            p_end = offset + len(p.text)
            if p_end >= start and offset < max(end, start + 1):
                spans.append((p, max(start - offset, 0), min(end - offset, len(p.text))))
            if offset >= end:
                break
            offset = p_end + 1
        if not spans:
            return None
        first = spans[0][0].source or Provenance()
        if len(spans) == 1:
            return replace(first, charspan=(spans[0][1], spans[0][2]))
        for p, _, _ in spans[1:]:
            first = first.merged(p.source)
        return first
