"""Cells with explicit coordinates and the dense grid they cover.

A ``Cell`` stores where it starts and ends (exclusive); spans are derived,
never stored beside the offsets they follow from. ``place_cells`` is the
HTML table-layout algorithm: each row's cells go into the next free slots,
skipping slots that a rowspan from above already occupies.

Spans are clamped here, in one place, for every reader: a rowspan to the
rows left, a colspan to ``_MAX_SPAN``; columns that only a colspan's overhang
reaches (no cell starts there) are cut when the grid would be wider than
``MAX_COLS``. Placement takes time linear in the cells and the bounded grid
(hostile spans such as ``rowspan="999999"`` included), and a grid beyond
``MAX_ROWS`` × ``MAX_COLS`` / ``MAX_SLOTS`` is reported by ``oversized``
instead of being laid out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..document import Provenance, RawCell, RawGrid, SpanInfo
from ..text.normalise import clean_cell_text

_MAX_SPAN = 1000
#: Far beyond any statistical table (the largest has ~30 rows, 10 columns,
#: 300 cells): a grid past one of these is not one (``oversized``), and
#: ``place_cells`` never lays out more than this, whatever the spans say.
#: (The slot bound keeps reconstruction, which is quadratic in a row's
#: width, within seconds.)
MAX_ROWS = 2000
MAX_COLS = 60
MAX_SLOTS = 10_000


@dataclass(frozen=True)
class Cell:
    text: str
    row: int
    col: int
    end_row: int
    end_col: int
    #: Where the reader found it (carried to the output cell).
    source: Provenance | None = field(default=None, compare=False)

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
        """Distinct cells covering row r, left to right (computed once per row: every step asks)."""
        cache = self.__dict__.setdefault("_row_cells", {})  # frozen: the cache lives beside the fields
        if r in cache:
            return list(cache[r])
        seen: list[Cell] = []
        ids: set[int] = set()
        for cell in self.slots[r]:
            if cell is not None and id(cell) not in ids:  # identity: equal cells are still two cells
                ids.add(id(cell))
                seen.append(cell)
        cache[r] = tuple(seen)
        return seen


def _positions(raw: RawGrid) -> tuple[list[tuple[int, int, int, int, RawCell]], str | None]:
    """(row, col, rowspan, colspan, cell) per cell, and why placement stopped early (or None).

    ``free[c]`` is the first row not covered by a rowspan in column c; the
    array stops at ``MAX_COLS``, so a cell costs at most its row's width.
    """
    n_rows = min(len(raw.rows), MAX_ROWS)
    stopped = f"{len(raw.rows)} rows (more than {MAX_ROWS})" if len(raw.rows) > MAX_ROWS else None
    free = [0] * (MAX_COLS + 1)
    out: list[tuple[int, int, int, int, RawCell]] = []
    for r in range(n_rows):
        c = 0
        for rc in raw.rows[r]:
            while c < MAX_COLS and free[c] > r:
                c += 1
            if c >= MAX_COLS:
                stopped = stopped or f"a row wider than {MAX_COLS} columns (row {r + 1})"
                break
            # min(max(span, 1), _MAX_SPAN[, n_rows - r]) and free[c:end] raised to the
            # cell's bottom, spelt out (builtins called per cell cost more than the work).
            rowspan = rc.rowspan
            if rowspan < 1:
                rowspan = 1
            if _MAX_SPAN < rowspan:
                rowspan = _MAX_SPAN
            if n_rows - r < rowspan:
                rowspan = n_rows - r
            colspan = rc.colspan
            if colspan < 1:
                colspan = 1
            if _MAX_SPAN < colspan:
                colspan = _MAX_SPAN
            end = c + colspan
            if MAX_COLS < end:
                end = MAX_COLS
            bottom = r + rowspan
            for k in range(c, end):
                if bottom > free[k]:
                    free[k] = bottom
            out.append((r, c, rowspan, colspan, rc))
            c += colspan
    return out, stopped


def _width(positions: list[tuple[int, int, int, int, RawCell]]) -> int:
    width = max((c + cs for _, c, _, cs, _ in positions), default=0)
    if width > MAX_COLS:  # cut columns that only an overhanging colspan reaches
        width = max(c for _, c, _, _, _ in positions) + 1
    return width


def source_of(cell: RawCell) -> Provenance | None:
    """The cell's provenance, with its OCR confidence in it when the reader gave one."""
    if cell.confidence is None or (cell.source is not None and cell.source.confidence is not None):
        return cell.source
    return replace(cell.source or Provenance(), confidence=cell.confidence)


def oversized(raw: RawGrid) -> str | None:
    """Why ``raw`` is far larger than any statistical table, or None when it is not."""
    if raw.spans is SpanInfo.UNKNOWN:  # flattened: spans mean nothing, one cell is one column
        raw = RawGrid([[RawCell(c.text) for c in row[: MAX_COLS + 1]] for row in raw.rows[: MAX_ROWS + 1]])
    positions, stopped = _positions(raw)
    if stopped:
        return stopped
    n_rows, width = len(raw.rows), _width(positions)
    if n_rows * width > MAX_SLOTS:
        return f"{n_rows} rows × {width} columns (more than {MAX_SLOTS} cells)"
    return None


def place_cells(raw: RawGrid) -> DenseGrid:
    """Lay the raw rows onto a dense grid, honouring rowspan and colspan.

    Never more than ``MAX_ROWS`` rows, ``MAX_COLS`` columns and about
    ``MAX_SLOTS`` slots: what lies beyond is left out (``oversized`` says so
    beforehand).
    """
    positions, _ = _positions(raw)
    n_rows, width = min(len(raw.rows), MAX_ROWS), _width(positions)
    if n_rows * width > MAX_SLOTS:
        n_rows = max(MAX_SLOTS // max(width, 1), 1)
        positions = [p for p in positions if p[0] < n_rows]
    slots: list[list[Cell | None]] = [[None] * width for _ in range(n_rows)]
    cells: list[Cell] = []
    for r, c, rowspan, colspan, raw_cell in positions:
        end_row, end_col = min(r + rowspan, n_rows), min(c + colspan, width)
        cell = Cell(clean_cell_text(raw_cell.text), r, c, end_row, end_col, source_of(raw_cell))
        cells.append(cell)
        for rr in range(r, end_row):
            row = slots[rr]
            for cc in range(c, end_col):
                if row[cc] is None:  # the first cell to claim a slot keeps it
                    row[cc] = cell
    return DenseGrid(tuple(cells), tuple(tuple(row) for row in slots))
