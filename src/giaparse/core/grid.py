"""Cells with explicit coordinates and the dense grid they cover.

A ``Cell`` stores where it starts and ends (exclusive); spans are derived,
never stored beside the offsets they follow from. ``place_cells`` is the
HTML table-layout algorithm: each row's cells go into the next free slots,
skipping slots that a rowspan from above already occupies.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import RawGrid
from ..text.normalise import clean_cell_text

_MAX_SPAN = 1000


@dataclass(frozen=True)
class Cell:
    text: str
    row: int
    col: int
    end_row: int
    end_col: int

    @property
    def rowspan(self) -> int:
        return self.end_row - self.row

    @property
    def colspan(self) -> int:
        return self.end_col - self.col

    def overlap(self, start: int, end: int) -> int:
        """How many of the columns [start, end) this cell covers."""
        return max(0, min(self.end_col, end) - max(self.col, start))


@dataclass(frozen=True)
class DenseGrid:
    """``slots[r][c]`` is the cell covering row r, column c (or None)."""

    cells: tuple[Cell, ...]
    slots: tuple[tuple[Cell | None, ...], ...]

    @property
    def n_rows(self) -> int:
        return len(self.slots)

    @property
    def n_cols(self) -> int:
        return len(self.slots[0]) if self.slots else 0

    def row_cells(self, r: int) -> list[Cell]:
        """Distinct cells covering row r, left to right."""
        seen: list[Cell] = []
        for cell in self.slots[r]:
            if cell is not None and (not seen or seen[-1] is not cell):
                if cell not in seen:
                    seen.append(cell)
        return seen


def place_cells(raw: RawGrid) -> DenseGrid:
    """Lay the raw rows onto a dense grid, honouring rowspan and colspan."""
    occupied: dict[tuple[int, int], Cell] = {}
    cells: list[Cell] = []
    n_rows = len(raw.rows)
    width = 0
    for r, row in enumerate(raw.rows):
        c = 0
        for rc in row:
            while (r, c) in occupied:
                c += 1
            rowspan = min(max(rc.rowspan, 1), _MAX_SPAN, n_rows - r)
            colspan = min(max(rc.colspan, 1), _MAX_SPAN)
            cell = Cell(clean_cell_text(rc.text), r, c, r + rowspan, c + colspan)
            cells.append(cell)
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    occupied.setdefault((rr, cc), cell)
            c += colspan
            width = max(width, c)
    slots = tuple(
        tuple(occupied.get((r, c)) for c in range(width)) for r in range(n_rows)
    )
    return DenseGrid(tuple(cells), slots)
