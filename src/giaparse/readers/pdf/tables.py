"""Ruled tables: pdfplumber cell boxes → a grid with spans → ``RawCell`` rows.

pdfplumber's table finder (lines strategy: ruling lines and rectangle
edges) gives the cells of a table as boxes, but its own ``extract`` lays them
on a grid of distinct cell *starts* and loses where a merged cell ends. Here
the grid is rebuilt from both edges of every box:

``cells_to_grid``      cluster the x (y) edges into column (row) boundaries;
                       a box from boundary i to boundary j spans j - i of them
                       (an inner ruling line missing = a merged cell);
``assign_glyphs``      each character goes to the cell holding its centre,
                       found by bisection on the boundaries (no page crops, no
                       word merging across a ruling line, so a number is never
                       split or glued to its neighbour);
``grid_to_rows``       the rows the core expects: each lists only the cells
                       that *start* in it, left to right; holes in the ruling
                       become empty 1×1 cells so nothing shifts left.

``close_open_tops``    a table continued from the page before whose first row
                       has no top border (Chromium draws a row's top border
                       on the page it starts on only): the vertical lines
                       standing above the table's top give that row back.

Before the finder runs, ``without_glyph_outlines`` removes drawings that lie
inside a character (stroked simulated bold), which would otherwise be taken
for ruling lines. The camelot backend's merged cells, turned into boxes,
go through the same steps (``camelot_backend``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ...document import BoundingBox, Provenance, RawCell
from .text import Box, Glyph, cell_text, rotate_box

#: Settings for ``Page.find_tables``. LibreOffice draws each border as two
#: hairlines ~0.5pt apart and Word as thin filled rectangles; a 3pt snap
#: merges either into one edge, and ``lines`` (unlike ``lines_strict``) takes
#: rectangle edges as ruling lines.
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}

_EDGE_TOLERANCE = 2.0  # pt: cell edges closer than this are one boundary


@dataclass
class GridCell:
    """A cell by its boundary indices (end exclusive), with its text."""

    row: int
    col: int
    end_row: int
    end_col: int
    text: str = ""
    vertical: bool = False


@dataclass
class PageTable:
    """A table found on a page: its box in the page frame and its cells."""

    bbox: Box
    xs: list[float]
    ys: list[float]
    cells: list[GridCell]

    def contains(self, g: Glyph, slack: float = 1.0) -> bool:
        x0, top, x1, bottom = self.bbox
        return x0 - slack <= g.cx <= x1 + slack and top - slack <= g.cy <= bottom + slack


def cluster(values: Sequence[float], tolerance: float = _EDGE_TOLERANCE) -> list[float]:
    """Sorted boundary positions: runs of values closer than ``tolerance`` averaged."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _nearest(bounds: list[float], v: float) -> int:
    i = bisect_right(bounds, v)
    if i == 0:
        return 0
    if i == len(bounds):
        return len(bounds) - 1
    return i if bounds[i] - v < v - bounds[i - 1] else i - 1


def cells_to_grid(boxes: list[Box]) -> PageTable:
    """Cell boxes (in the page frame) → boundaries and cells with spans."""
    xs = cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    # Neighbouring boxes share their edges: each distinct edge looked up once.
    col_of = {v: _nearest(xs, v) for v in {v for b in boxes for v in (b[0], b[2])}}
    row_of = {v: _nearest(ys, v) for v in {v for b in boxes for v in (b[1], b[3])}}
    cells = []
    for x0, top, x1, bottom in boxes:
        col, end_col = col_of[x0], col_of[x1]
        row, end_row = row_of[top], row_of[bottom]
        if end_col > col and end_row > row:
            cells.append(GridCell(row, col, end_row, end_col))
    bbox = (xs[0], ys[0], xs[-1], ys[-1]) if xs and ys else (0.0, 0.0, 0.0, 0.0)
    return PageTable(bbox, xs, ys, cells)


def occupancy(cells: list[GridCell]) -> tuple[dict[tuple[int, int], GridCell], list[GridCell]]:
    """Which cell covers each slot, and the cells kept.

    Boxes should tile the table; when two overlap (odd ruling), the later
    one is clipped to the free slots to its right and below, or dropped if
    its first slot is taken, so that no cell is placed twice.
    """
    slots: dict[tuple[int, int], GridCell] = {}
    kept = []
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        if (cell.row, cell.col) in slots:
            continue
        end_col = cell.col + 1
        while end_col < cell.end_col and (cell.row, end_col) not in slots:
            end_col += 1
        end_row = cell.row + 1
        while end_row < cell.end_row and all((end_row, c) not in slots for c in range(cell.col, end_col)):
            end_row += 1
        cell.end_row, cell.end_col = end_row, end_col
        for r in range(cell.row, end_row):
            for c in range(cell.col, end_col):
                slots[(r, c)] = cell
        kept.append(cell)
    return slots, kept


def fill_holes(cells: list[GridCell], n_rows: int, n_cols: int) -> list[GridCell]:
    """All cells, plus an empty 1×1 cell for every slot no box covers."""
    slots, kept = occupancy(cells)
    holes = [GridCell(r, c, r + 1, c + 1) for r in range(n_rows) for c in range(n_cols)
             if (r, c) not in slots]
    return kept + holes


def assign_glyphs(table: PageTable, glyphs: list[Glyph]) -> None:
    """Give each cell the text of the glyphs whose centre lies in it.

    Each glyph finds its (row, column) slot with two bisections on the
    boundaries; each cell then reads its glyphs with ``cell_text``.
    """
    n_rows, n_cols = len(table.ys) - 1, len(table.xs) - 1
    table.cells = fill_holes(table.cells, n_rows, n_cols)
    slots = {(r, c): i for i, cell in enumerate(table.cells)
             for r in range(cell.row, cell.end_row) for c in range(cell.col, cell.end_col)}
    buckets: list[list[Glyph]] = [[] for _ in table.cells]
    xs, ys = table.xs, table.ys
    last_row, last_col = n_rows - 1, n_cols - 1
    for g in glyphs:  # the slot of the glyph's centre (``Glyph.cx``/``cy``), clamped to the grid
        r = bisect_right(ys, (g.top + g.bottom) / 2) - 1
        c = bisect_right(xs, (g.x0 + g.x1) / 2) - 1
        r = 0 if r < 0 else (last_row if r > last_row else r)
        c = 0 if c < 0 else (last_col if c > last_col else c)
        buckets[slots[(r, c)]].append(g)
    for cell, bucket in zip(table.cells, buckets, strict=False):
        cell.text, cell.vertical = cell_text(bucket)


def grid_to_rows(cells: list[GridCell], n_rows: int,
                 where: Callable[[Box], Provenance] | None = None,
                 xs: Sequence[float] = (), ys: Sequence[float] = ()) -> list[list[RawCell]]:
    """One list per grid row of the cells starting in it, left to right.

    With ``where`` (a cell box in the frame of ``xs``/``ys`` → its
    provenance), every cell records its box on the page.
    """
    rows: list[list[RawCell]] = [[] for _ in range(n_rows)]
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        source = (where((xs[cell.col], ys[cell.row], xs[cell.end_col], ys[cell.end_row]))
                  if where is not None and cell.end_col < len(xs) and cell.end_row < len(ys) else None)
        rows[cell.row].append(RawCell(cell.text, cell.end_row - cell.row, cell.end_col - cell.col,
                                      vertical=cell.vertical, source=source))
    return rows


def page_place(number: int, frame: int, width: float, height: float) -> Callable[[Box], Provenance]:
    """Provenance of a box given in a page's reading frame: page ``number``, the box on the
    page as displayed (``width`` x ``height`` are the frame's), top-left origin."""
    def place(box: Box) -> Provenance:
        x0, top, x1, bottom = rotate_box(box, (4 - frame) % 4, width, height) if frame % 4 else box
        return Provenance(page=number, bbox=BoundingBox(x0, top, x1, bottom))
    return place


_BUCKET = 24.0  # pt: grid step of the character index used by ``without_glyph_outlines``


def without_glyph_outlines(page: Any, chars: list[dict[str, Any]]) -> Any:
    """The page without drawings that lie inside a character's box.

    Simulated bold is a glyph stroked on top of itself; cairo (and some
    printer drivers) write that stroke as a path: hundreds of short curves
    and rectangles over the bold table headers, each one an "edge" to the
    table finder, which then cuts the header into bogus cells. A ruling
    line never fits inside one character, so such paths are dropped before
    the finder runs. Pages without small drawings are returned as they are.
    """
    if chars and isinstance(chars[0], tuple):  # ``content.Char``, whose fields are attributes
        boxes = [(c.x0, c.top, c.x1, c.bottom) for c in chars]
    else:  # pdfplumber's char dicts
        boxes = [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in chars]
    limit = 2 * max((bottom - top for _x0, top, _x1, bottom in boxes), default=0.0)
    suspects = [o for kind in ("curves", "rects", "lines") for o in getattr(page, kind)
                if o["x1"] - o["x0"] <= limit and o["bottom"] - o["top"] <= limit]
    if not suspects:
        return page
    index: dict[tuple[int, int], list[Box]] = {}
    for box in boxes:
        x0, top, x1, bottom = box
        index.setdefault((int((x0 + x1) / 2 // _BUCKET), int((top + bottom) / 2 // _BUCKET)), []).append(box)

    def inside_a_char(o: dict[str, Any]) -> bool:
        """Within a glyph's box (strokes stick out a little); straight pieces
        must also be shorter than the glyph, as a ruling line beside a
        character never is."""
        ox0, otop, ox1, obottom = o["x0"], o["top"], o["x1"], o["bottom"]
        bx, by = int((ox0 + ox1) / 2 // _BUCKET), int((otop + obottom) / 2 // _BUCKET)
        size = max(ox1 - ox0, obottom - otop)
        curve = o["object_type"] == "curve"
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for x0, top, x1, bottom in index.get((bx + dx, by + dy), ()):
                    h = bottom - top
                    tol = 0.2 * h
                    if (x0 - tol <= ox0 and ox1 <= x1 + tol and top - tol <= otop and obottom <= bottom + tol
                            and (curve or size < 0.9 * h)):
                        return True
        return False

    drop = {id(o) for o in suspects if inside_a_char(o)}
    return page.filter(lambda o: id(o) not in drop) if drop else page


_OPEN_TOP_MIN, _OPEN_TOP_MAX = 6.0, 120.0  # pt: height of a row whose top border is missing


def close_open_tops(tables: list[list[Box]], verticals: list[tuple[float, float, float]]) -> list[list[Box]]:
    """Each table's boxes, plus a row of boxes above its top where the ruling says so.

    ``verticals`` are the page's vertical ruling segments ``(x, top, bottom)``.
    When vertical lines at the table's outer boundaries (and maybe inner ones)
    run up from its top edge to one common height, with no horizontal line
    there (else the finder had seen the row), that strip is a row: a box
    between each pair of neighbouring boundaries that have such a line (a
    boundary without one is inside a merged cell).
    """
    out = []
    for boxes in tables:
        if not boxes:
            out.append(boxes)
            continue
        top = min(b[1] for b in boxes)
        xs = cluster([b[0] for b in boxes] + [b[2] for b in boxes])
        reach: dict[int, float] = {}
        for i, x in enumerate(xs):
            tops = [t for vx, t, b in verticals
                    if abs(vx - x) <= _EDGE_TOLERANCE + 1 and b >= top - 3 and t < top - _OPEN_TOP_MIN]
            if tops:
                reach[i] = min(tops)
        if 0 not in reach or len(xs) - 1 not in reach:
            out.append(boxes)
            continue
        new_top = reach[0]
        if abs(reach[len(xs) - 1] - new_top) > 2 or top - new_top > _OPEN_TOP_MAX:
            out.append(boxes)
            continue
        stops = [i for i in sorted(reach) if abs(reach[i] - new_top) <= 2]
        extra = [(xs[a], new_top, xs[b], top) for a, b in zip(stops, stops[1:], strict=False)]
        out.append(list(boxes) + extra)
    return out


def boxes_to_tables(tables: list[list[Box]], frame: int, width: float, height: float) -> list[PageTable]:
    """Each table's cell boxes (page coordinates) → a grid in the page frame,
    text not yet assigned.

    Single-column "tables" are frames drawn round text, not data: they are
    left out so their text reads as paragraphs.
    """
    out = []
    for boxes in tables:
        grid = cells_to_grid([rotate_box(tuple(b), frame, width, height) for b in boxes])
        if grid.cells and len(grid.xs) > 2 and len(grid.ys) > 1:
            out.append(grid)
    return out
