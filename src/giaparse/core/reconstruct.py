"""Raw grid → aligned table, in small named steps.

Two entry shapes, one result:

* positioned grids (HTML, Word, PDF ruling lines): ``place_cells`` gives
  every cell its coordinates; a value column is a run of grid columns under
  one bottom header cell, and each body cell goes to the column it overlaps
  most — by its own position, never by counting cells.
* flattened grids (pipes, tabs): positions are lost. Leading label cells
  are split from trailing value cells; values are aligned left under the
  segment's value columns when the row has at least as many cells as there
  are columns, and left unassigned (ambiguous) when cells were lost.

Both shapes share the row classification (``_classify``) and the label-path
completion (``cells.complete_path``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from ..document import RawCell, RawGrid, SpanInfo
from ..text.normalise import clean_cell_text
from ..text.numbering import outline_level
from .align import AlignedRow, AlignedTable, Column, Segment
from .cells import complete_path, dedupe, is_value_text, next_previous
from .converter import drop_converter_rows
from .grid import Cell, DenseGrid, place_cells


@dataclass
class _Shape:
    """What classification needs to know about one row."""

    labels: list[str]
    n_values: int
    n_tail_text: int
    title: bool = False  # one label cell running over the value columns
    empty: bool = False


def reconstruct(raw: RawGrid) -> AlignedTable:
    """The aligned form of ``raw``; pure, never raises on odd shapes."""
    if raw.spans is SpanInfo.KNOWN:
        return _positioned_to_table(raw)
    raw = drop_converter_rows(raw)
    label_width = _rectangle_label_width(raw)
    if label_width is not None:
        # Every cell kept its column (merged cells became empty cells): positions are known.
        # One cell per column: spans, if a flattening reader left any, mean nothing here.
        cells = [[RawCell(c.text, confidence=c.confidence, source=c.source) for c in row] for row in raw.rows]
        table = _positioned_to_table(RawGrid(cells, SpanInfo.KNOWN, raw.origin), label_width)
        table.spans_known = False
        return _unmerge_numbers(table)
    return _unmerge_numbers(_flattened_to_table(raw))


# Two or more numbers in one flattened cell, separated by spaces (``21 0``, ``8 0 0``).
_ONE_NUMBER = r"(?:增加?|减少?|[+\-−－＋])?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?"
_SEVERAL_NUMBERS = regex.compile(rf"^[\s\u3000]*{_ONE_NUMBER}(?:[ \t\u3000]+{_ONE_NUMBER})+[\s\u3000]*$")


def _unmerge_numbers(table: AlignedTable) -> AlignedTable:
    """Rows where a cell holds several numbers, with their numbers unassigned one by one.

    A converter that merged neighbouring cells (markitdown on PDF: ``21 0``)
    leaves no boundary between them, so which columns the numbers were in is
    unknown here: the row's texts go to ``unassigned`` in reading order, for
    the template's arithmetic to place (or leave null), never joined into one
    number.
    """
    for seg in table.segments:
        for k, row in enumerate(seg.rows):
            found = ([(v, row.source_of(i)) for i, v in enumerate(row.values)] if not row.unassigned else
                     [(v, row.unassigned_sources[i] if i < len(row.unassigned_sources) else None)
                      for i, v in enumerate(row.unassigned)])
            if not any(v and _SEVERAL_NUMBERS.match(v) for v, _ in found):
                continue
            texts: list[str] = []
            sources: list = []
            for v, where in found:
                if not v or not v.strip():
                    continue
                parts = v.split() if _SEVERAL_NUMBERS.match(v) else [v]
                texts += parts
                sources += [where] * len(parts)
            seg.rows[k] = replace(row, values=(None,) * len(row.values), unassigned=tuple(texts),
                                  sources=(), unassigned_sources=tuple(sources), merged=True)
    return table


def _rectangle_label_width(raw: RawGrid) -> int | None:
    """Label-area width of a flattened table that kept every column, else None.

    Markdown converters write merged cells as empty cells, so every row has
    the same width and the values end at the right edge; a row's empty cells
    between its labels and its first number are merged-label positions, not
    blank values. Pipe flatteners that drop merged cells instead pad rows at
    the end (the last cell is mostly empty) and are handled as flattened.
    """
    rows = [[clean_cell_text(c.text) for c in row] for row in raw.rows]
    body = [r for r in rows if sum(1 for t in r if is_value_text(t)) >= 1]
    # One body row is enough when every row, header included, has the same width
    # (a table written one pipe table per row group).
    if not body or (len(body) < 2 and len({len(r) for r in rows}) != 1):
        return None
    width = len(body[0])
    if any(len(r) != width for r in body) or sum(1 for r in body if r[-1]) * 5 < len(body) * 4:
        return None
    tails = []
    placeholders = False
    for r in body:
        first = next(i for i, t in enumerate(r) if is_value_text(t))
        tails.append(width - first)
        labels_end = max((i for i in range(first) if r[i]), default=-1) + 1
        placeholders |= labels_end < first or (first > 0 and not r[0])
    if not placeholders:
        return None  # nothing merged: the flattened path reads it the same way
    n_values = max(set(tails), key=lambda n: (tails.count(n), n))
    label_width = width - n_values
    # A column with its own header text is a value column, even if blank in every row.
    # (Not a numbered label: that is a row label on a row without numbers, not a column head.)
    first_body = next(i for i, r in enumerate(rows) if r in body)
    for c in range(1, label_width):
        if any(len(r) > c and r[c] and r[c] != r[0] and outline_level(r[c]) is None for r in rows[:first_body]):
            return c
    return label_width


# --------------------------------------------------------------- classify ---

def _classify(shapes: list[_Shape], positioned: bool = False) -> list[bool | None]:
    """True for body rows, False for header rows, None for empty rows.

    A row with values is body. A numbered label with blank cells is a body
    row with blanks. Several labels, or text among the value cells, make a
    header. A lone label is a title (header) when a header follows it or no
    body row has been seen since the last header; otherwise a blank row. In
    a positioned grid a title spans into the value columns (``title``), so a
    lone label that stays in the label area is a body row there (the top of
    a row cut by a page break, right under a repeated header).
    """
    kinds: list[bool | None] = []
    lone: list[int] = []
    for i, s in enumerate(shapes):
        if s.empty:
            kinds.append(None)
        elif s.n_values > 0 and s.n_values >= s.n_tail_text and not s.title:
            kinds.append(True)
        elif s.labels and outline_level(s.labels[0]) is not None and s.n_tail_text == 0 and not s.title:
            kinds.append(True)
        elif s.n_tail_text > 0 or len(s.labels) >= 2 or s.title:
            kinds.append(False)
        else:
            kinds.append(True)
            if not positioned:
                lone.append(i)
    for i in reversed(lone):
        nxt = next((k for k in kinds[i + 1:] if k is not None), None)
        if nxt is False:
            kinds[i] = False
    for i in lone:
        prev = next((k for k in reversed(kinds[:i]) if k is not None), None)
        if prev in (None, False):
            kinds[i] = False
    return kinds


def _segments_from(kinds: list[bool | None]) -> list[tuple[list[int], list[int]]]:
    """Group row indices into (header rows, body rows) runs."""
    groups: list[tuple[list[int], list[int]]] = []
    header: list[int] = []
    body: list[int] = []
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        if kind:
            body.append(i)
        else:
            if body:
                groups.append((header, body))
                header, body = [], []
            header.append(i)
    if header or body:
        groups.append((header, body))
    return groups


# -------------------------------------------------------------- positioned ---

def _label_width(grid: DenseGrid) -> int:
    """Columns of the row-label area: where the leading label cells of body rows end.

    Taken from the labels, not from where the first number sits, so a blank
    value column or an empty spacer cell before the first value keeps its
    header. The widest row's labels win, but never past where any row's first
    number sits: a note typed into a value cell must not widen the label area
    for every row, and a row whose label ends early (（六）其他处理 beside an
    empty sub-label cell on a continued page, where the first page merged the
    two) must not narrow it.
    """
    widths: list[int] = []
    firsts: list[int] = []
    for r in range(grid.n_rows):
        cells = grid.row_cells(r)
        if not any(c.row == r and is_value_text(c.text) for c in cells):
            continue
        end = 0
        for cell in cells:
            if is_value_text(cell.text):
                firsts.append(cell.col)
                break
            if cell.text:  # empty cells: a merged label's share on a new page, or spacers
                end = cell.end_col
        widths.append(end)
    return min(max(widths), min(firsts)) if widths else 0


def _positioned_shape(grid: DenseGrid, r: int, width: int) -> _Shape:
    cells = grid.row_cells(r)
    labels = [c.text for c in cells if c.col < width]
    own_tail = [c for c in cells if c.col >= width and c.row == r]
    values = sum(1 for c in own_tail if is_value_text(c.text))
    texts = sum(1 for c in own_tail if c.text and not is_value_text(c.text))
    title = any(c.col < width < c.end_col and c.row == r and c.text for c in cells) and width > 0
    empty = not any(c.text for c in cells if c.row == r) and not values
    return _Shape(dedupe(labels), values, texts, title=title, empty=empty)


def _column_ranges(grid: DenseGrid, header: list[int], body: list[int], width: int,
                   placed: bool = False) -> list[tuple[tuple[int, int], Column]]:
    """Value columns of a segment: runs of grid columns under one bottom header cell."""
    out: list[tuple[tuple[int, int], Column]] = []
    if header:
        bottom = header[-1]
        c = width
        while c < grid.n_cols:
            leaf = grid.slots[bottom][c]
            end = leaf.end_col if leaf is not None and leaf.col >= width else c + 1
            end = min(max(end, c + 1), grid.n_cols)
            path = dedupe([grid.slots[h][c].text for h in header if grid.slots[h][c] is not None
                           and grid.slots[h][c].col >= width])
            out.append(((c, end), Column(tuple(path))))
            c = end
        return out
    # No header above (a continuation): the first body row's own cells give the columns.
    first = body[0]
    for cell in grid.row_cells(first):
        if cell.col >= width:
            out.append(((cell.col, cell.end_col), Column()))
    if not out and placed:
        # None of its own (its value cells merged into the rows above): with ruling-line
        # positions every grid column is one, to be matched by x to the earlier header's.
        out = [((c, c + 1), Column()) for c in range(width, grid.n_cols)]
    return out


def _assign_by_position(cells: list[Cell], ranges: list[tuple[int, int]]) -> tuple[list[Cell | None], list[Cell]]:
    """Each cell to the column it overlaps most; clashes of two texts are unassigned."""
    chosen: list[Cell | None] = [None] * len(ranges)
    clashes: list[Cell] = []
    for cell in cells:
        start, end = cell.col, cell.end_col
        best, k = 0, -1
        for i, (a, b) in enumerate(ranges):  # the first range of the largest overlap
            overlap = (b if b < end else end) - (a if a > start else start)  # min(end, b) - max(start, a)
            if overlap > best:
                best, k = overlap, i
        if k < 0:
            continue
        current = chosen[k]
        if current is None or (not current.text and cell.text):
            chosen[k] = cell
        elif cell.text:
            clashes.append(cell)
    return chosen, clashes


def _edges_of(raw: RawGrid, grid: DenseGrid) -> tuple[float, ...] | None:
    """The grid's column boundaries in page x, when the reader gave one per grid column."""
    edges = raw.col_edges
    if edges is None or len(edges) != grid.n_cols + 1 or any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
        return None
    return tuple(edges)


def _positioned_to_table(raw: RawGrid, label_width: int | None = None) -> AlignedTable:
    grid = place_cells(raw)
    edges = _edges_of(raw, grid)
    width = _label_width(grid) if label_width is None else label_width
    shapes = [_positioned_shape(grid, r, width) for r in range(grid.n_rows)]
    segments: list[Segment] = []
    previous: tuple[str, ...] = ()
    for header, body in _segments_from(_classify(shapes, positioned=True)):
        header_rows = [tuple(c.text for c in grid.row_cells(h) if c.text) for h in header]
        if not body:
            # A header alone (its rows on the next page): with positions, its columns are
            # kept so that the continuation can be put under them by x.
            columns = ([replace(col, x0=edges[a], x1=edges[b]) for (a, b), col in
                        _column_ranges(grid, header, [], width)] if edges is not None else [])
            segments.append(Segment(header_rows, columns))
            continue
        ranges_cols = _column_ranges(grid, header, body, width, placed=edges is not None)
        if edges is not None:
            ranges_cols = [((a, b), replace(col, x0=edges[a], x1=edges[b])) for (a, b), col in ranges_cols]
        ranges = [rc[0] for rc in ranges_cols]
        seg = Segment(header_rows, [rc[1] for rc in ranges_cols])
        for r in body:
            cells = grid.row_cells(r)
            labels = [c.text for c in cells if c.col < width]
            tail = [c for c in cells if c.col >= width and c.row == r]
            chosen, clashes = _assign_by_position(tail, ranges)
            path = complete_path(labels, previous)
            previous = next_previous(path, previous)
            seg.rows.append(AlignedRow(path, tuple(c.text if c is not None else None for c in chosen),
                                       tuple(c.text for c in clashes), r,
                                       sources=tuple(c.source if c is not None else None for c in chosen),
                                       unassigned_sources=tuple(c.source for c in clashes)))
        segments.append(seg)
    return AlignedTable(segments, raw.origin, spans_known=True)


# --------------------------------------------------------------- flattened ---

def _strip_trailing(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _split_labels(cells: list[str]) -> tuple[list[str], list[str]]:
    """Leading label cells and the tail of value cells (padding kept)."""
    stripped = _strip_trailing(cells)
    first_value = next((i for i, t in enumerate(stripped) if is_value_text(t)), None)
    if first_value is None:
        return stripped, []
    last_label = max((i for i in range(first_value) if stripped[i]), default=-1)
    return cells[: last_label + 1], cells[last_label + 1:]


def _padded_width(rows: list[list[str]]) -> int | None:
    """The width a flattener padded every row to, when it did.

    Pipe flatteners pad each row with empty cells up to the table's width;
    a row shorter than that lost cells, and its trailing blanks are not
    blank values.
    """
    if not rows or sum(1 for r in rows if r and not r[-1]) * 2 < len(rows):
        return None
    lengths = [len(r) for r in rows]
    return max(set(lengths), key=lambda n: (lengths.count(n), n))


def _flattened_shape(cells: list[str]) -> _Shape:
    labels, tail = _split_labels(cells)
    values = sum(1 for t in tail if is_value_text(t))
    texts = sum(1 for t in tail if t and not is_value_text(t))
    return _Shape(dedupe(labels), values, texts, empty=not any(cells))


def _flattened_to_table(raw: RawGrid) -> AlignedTable:
    rows = [[clean_cell_text(c.text) for c in row] for row in raw.rows]
    shapes = [_flattened_shape(cells) for cells in rows]
    segments: list[Segment] = []
    previous: tuple[str, ...] = ()
    for header, body in _segments_from(_classify(shapes)):
        header_rows = [tuple(_strip_trailing(rows[h])) for h in header]
        split = {r: _split_labels(rows[r]) for r in body}
        n_cols = max((len(_strip_trailing(split[r][1])) for r in body), default=0)
        leaves: list[str] = []
        if header_rows:
            leaves = list(header_rows[-1])
            if any(split[r][0] for r in body) and leaves:
                # The corner cell above the row labels (repeated if the flattener repeats merged cells).
                corner = leaves[0]
                while leaves and leaves[0] == corner:
                    leaves = leaves[1:]
            n_cols = max(n_cols, len(leaves))
        positioned = len(leaves) == n_cols and all(leaves)
        columns = ([Column((leaf,) if positioned else ()) for leaf in leaves[:n_cols]] if positioned
                   else [Column() for _ in range(n_cols)])
        seg = Segment(header_rows, columns)
        width = _padded_width([rows[r] for r in body])
        for r in body:
            labels, tail = split[r]
            found = _strip_trailing(tail)
            path = complete_path(labels, previous)
            previous = next_previous(path, previous)
            short = len(found) < n_cols and width is not None and len(rows[r]) < width
            start = len(rows[r]) - len(tail)  # the tail's first cell in the raw row
            tail_sources = tuple(c.source for c in raw.rows[r][start:])
            if (len(tail) >= n_cols and not short) or not found:
                values: tuple[str | None, ...] = tuple(tail[:n_cols]) if found else tuple([None] * n_cols)
                sources = tail_sources[:n_cols] if found else ()
                if found and len(tail) < n_cols:
                    values = values + (None,) * (n_cols - len(values))
                seg.rows.append(AlignedRow(path, values, (), r, sources=sources))
            else:
                # Cells were lost: which column each survivor belongs to is unknowable.
                seg.rows.append(AlignedRow(path, (None,) * n_cols, tuple(found), r,
                                           unassigned_sources=tail_sources[:len(found)]))
        segments.append(seg)
    return AlignedTable(segments, raw.origin, spans_known=False)
