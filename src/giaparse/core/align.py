"""What the core hands to the template layer: aligned tables.

An ``AlignedTable`` is a list of ``Segment``s. A segment is one header block
and the body rows under it (table 2 of the template has one segment per
第二十条 item; a table continued on a new page with its header repeated has
two). Each body row carries its full label path and one text (or None) per
value column of its segment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Provenance


@dataclass(frozen=True)
class Column:
    """A value column: its header labels top to bottom.

    ``path`` is empty when the source gave no way to tell which header
    label stands over the column (flattened text with merged headers).
    """

    path: tuple[str, ...] = ()
    #: Left and right x of the column on the page (PDF points), when the
    #: source gave ruling-line positions (``RawGrid.col_edges``); else None.
    x0: float | None = None
    x1: float | None = None

    @property
    def placed(self) -> bool:
        """True when the column's x extent on the page is known."""
        return self.x0 is not None and self.x1 is not None

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


@dataclass(frozen=True)
class AlignedRow:
    """A body row. ``values[i]`` is the text under ``columns[i]``.

    ``None`` means no cell was found there. When the row's cells cannot be
    assigned to columns (cells lost in flattening), every value is None and
    ``unassigned`` holds the texts that were found.
    """

    labels: tuple[str, ...]
    values: tuple[str | None, ...]
    unassigned: tuple[str, ...] = ()
    source_row: int = -1
    #: Where each value was read (``sources[i]`` for ``values[i]``), and each
    #: unassigned text; empty or None where the reader gave no position.
    sources: tuple[Provenance | None, ...] = ()
    unassigned_sources: tuple[Provenance | None, ...] = ()
    #: A cell of the row held several numbers (``21 0``: neighbouring cells a converter merged);
    #: ``unassigned`` holds them one by one, and a split of them needs the arithmetic to confirm it.
    merged: bool = False

    def source_of(self, i: int) -> Provenance | None:
        return self.sources[i] if 0 <= i < len(self.sources) else None


@dataclass
class Segment:
    header_rows: list[tuple[str, ...]]
    columns: list[Column]
    rows: list[AlignedRow] = field(default_factory=list)

    @property
    def positioned(self) -> bool:
        """True when every column's header path is known."""
        return bool(self.columns) and all(c.path for c in self.columns)

    def header_text(self) -> str:
        return " ".join(" ".join(r) for r in self.header_rows)


@dataclass
class AlignedTable:
    segments: list[Segment]
    origin: str = ""
    spans_known: bool = True

    def text(self) -> str:
        """Header and label text of the whole table, for recognising it."""
        parts: list[str] = []
        for seg in self.segments:
            parts.append(seg.header_text())
            parts.extend(" ".join(r.labels) for r in seg.rows)
        return " ".join(parts)

    @property
    def rows(self) -> list[AlignedRow]:
        return [row for seg in self.segments for row in seg.rows]
