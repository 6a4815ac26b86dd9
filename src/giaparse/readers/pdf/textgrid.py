"""Tables without ruling lines, found from the text layer alone.

A borderless table (a DOCX table with no borders printed by LibreOffice, a
borderless HTML table printed by Chromium) has every character in the text
layer and no path to find it by. Its shape is still in the positions:

1. **Pieces.** Each text line (``text.glyphs_to_rows``) is cut where two
   glyphs stand further apart than ``_PIECE_GAP`` em: set-solid CJK and digit
   runs never have such a gap, neighbouring cells always have their padding.
2. **Number columns.** As pdfplumber's text strategy finds vertical lines
   (``words_to_edges_v``: words sharing a left edge, right edge or centre),
   the number pieces of the lines holding at least ``MIN_COLUMNS`` numbers are
   clustered by their left edges, right edges and centres; the alignment that
   puts the most numbers into clusters of at least ``MIN_ROWS`` wins (centred
   cells share centres, right-aligned ones right edges). Each cluster is a
   value column; its boundaries are halfway to its neighbours.
3. **Rows.** A line with numbers in at least ``MIN_COLUMNS`` of those columns
   is a value line, one body row; a table is a run of at least ``MIN_ROWS``
   value lines that no prose line interrupts (a line running from the label
   area into the value columns). Header lines above the first value line
   (up to a heading or a gap) and the wrapped label lines around the value
   lines belong to it.
4. **Labels.** The label pieces (left of the value columns) are joined into
   cell blocks: a piece joins the block right above it (one line pitch, the
   x ranges overlapping) unless it starts with an outline number (一、 （三
   1.), which starts a cell. Each block goes to the value line it overlaps
   vertically (the first one), or the nearest; a block of merged cells (the
   group label 三、本年度办理结果, centred over its rows) is moved up to the
   first row of its group: past every row that has no block starting left of
   its right edge. The core completes the label paths by outline level.
5. **Header.** The header pieces are put in the value column holding their
   centre: the bottom header (leaf labels, wrapped lines joined) starts at
   the first header line with two pieces narrower than a column; the lines
   above it and the pieces wider than a column are parent headers.

The result is a ``RawGrid`` with known spans and the value columns' x
boundaries (``col_edges``), so the template layer reads it as a ruled table:
columns by their header's leaf labels in the template's order, a continued
part under the earlier header by x, its arithmetic checked. Nothing is
guessed: two figures in one column get a grid column each under the one
header cell, which the core reads as a clash (null with a warning, left to
the template's arithmetic); a line of a few figures (cells in another font
size, a number wrapped in a narrow cell) joins the one value line within
reach whose columns are free, and with none or several its candidates get a
clash. Only pages where no ruled table was found come here
(``reader._read_page``); a page with no line of ``MIN_COLUMNS`` digit runs is
passed over before any line is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from ...document import Provenance, RawCell, RawGrid, SpanInfo
from ...text.numbering import numeral_value, outline_level
from .text import Box, Glyph, glyphs_to_rows, line_text

#: em: a gap between two glyphs of a line wider than this separates two pieces (cells).
_PIECE_GAP = 0.15
#: Number columns a line needs to be a value line, and value lines a table needs.
MIN_COLUMNS, MIN_ROWS = 5, 3
#: pt: edges (left, right or centre) of number pieces closer than this are one alignment.
_ALIGN_TOLERANCE = 1.5
#: em: the vertical gap between two lines of one cell (a line pitch's leading) at most.
_LEADING = 0.7
#: em: header lines above the first value line are looked for up to this far apart.
_HEADER_GAP = 1.2
#: em: two lines of one cell share their left edge or their centre within this.
_ALIGNED = 0.35
_MAX_HEADER_LINES = 12
#: em: a few figures on a line of their own belong to a value line this close (centre to centre).
_ORPHAN_REACH = 1.5

_NUMBER = regex.compile(r"[+\-−]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:%|％)?")
_PLACEHOLDER = regex.compile(r"[-—–－/／]+|无")
# A line that starts a cell: an outline number, also cut by a wrap (（三 on one line, ）不 on the next).
_CELL_START = regex.compile(
    r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9０-９]|[0-9０-９]+[.．、](?![0-9０-９])")
_HEADING = regex.compile(r"[一二三四五六七八九十]+[、.．]")


@dataclass
class _Piece:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    em: float
    glyphs: list[Glyph]

    @property
    def number(self) -> bool:
        return bool(_NUMBER.fullmatch(self.text))

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    pieces: list[_Piece]
    top: float
    bottom: float
    em: float

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Block:
    """A label (or header) cell: pieces one under the other."""

    pieces: list[_Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pieces)

    @property
    def box(self) -> Box:
        return (min(p.x0 for p in self.pieces), min(p.top for p in self.pieces),
                max(p.x1 for p in self.pieces), max(p.bottom for p in self.pieces))


@dataclass
class TextTable:
    """A table found from text positions: its grid, its box, and the glyphs it took."""

    grid: RawGrid
    bbox: Box
    glyphs: list[Glyph]


def _pieces(row: list[Glyph]) -> list[_Piece]:
    ems = sorted(g.bottom - g.top for g in row)
    em = max(ems[len(ems) // 2], 1.0)
    out: list[list[Glyph]] = [[row[0]]]
    for g in row[1:]:
        if g.x0 - out[-1][-1].x1 > _PIECE_GAP * em:
            out.append([g])
        else:
            out[-1].append(g)
    return [_Piece(line_text(gs), gs[0].x0, min(g.top for g in gs), max(g.x1 for g in gs),
                   max(g.bottom for g in gs), em, gs) for gs in out]


def _lines(glyphs: list[Glyph]) -> list[_Line]:
    out = []
    for row in glyphs_to_rows([g for g in glyphs if g.direction == 0]):
        pieces = _pieces(row)
        out.append(_Line(pieces, min(p.top for p in pieces), max(p.bottom for p in pieces),
                         sorted(p.em for p in pieces)[len(pieces) // 2]))
    return out


def _clusters(values: list[tuple[float, int]], tolerance: float) -> list[list[tuple[float, int]]]:
    """(position, line index) pairs grouped where neighbours are within ``tolerance``."""
    groups: list[list[tuple[float, int]]] = []
    for v in sorted(values):
        if groups and v[0] - groups[-1][-1][0] <= tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    return groups


#: Centres first: on a tie (one value line) centred cells are the usual case.
_EDGES: tuple[Callable[[_Piece], float], ...] = (lambda p: p.cx, lambda p: p.x0, lambda p: p.x1)


def _number_columns(lines: list[_Line]) -> tuple[Callable[[_Piece], float], list[float]] | None:
    """The alignment (left, centre or right edge) and the x anchors of the number columns."""
    candidates = [i for i, ln in enumerate(lines) if sum(p.number for p in ln.pieces) >= MIN_COLUMNS]
    if not candidates:
        return None
    min_rows = min(MIN_ROWS, len(candidates))  # one or two value lines: a table only under a header
    best: tuple[int, Callable[[_Piece], float], list[float]] | None = None
    for edge in _EDGES:
        values = [(edge(p), i) for i in candidates for p in lines[i].pieces if p.number]
        anchors, covered = [], 0
        for group in _clusters(values, _ALIGN_TOLERANCE):
            if len({i for _, i in group}) >= min_rows:
                anchors.append(sum(v for v, _ in group) / len(group))
                covered += len(group)
        # The most figures in columns; on a tie the fewest columns (left-aligned figures of one, two
        # and three digits share their left edge, but make three centres per column).
        if len(anchors) >= MIN_COLUMNS and (best is None or (covered, -len(anchors)) > (best[0], -len(best[2]))):
            best = (covered, edge, anchors)
    return (best[1], best[2]) if best is not None else None


def _bounds(anchors: list[float], left: float) -> list[float]:
    """Column boundaries: halfway between neighbouring anchors, the outer ones as far out as the
    nearest inner one (never left of ``left``, the label area's right end). Halfway whichever edge
    the figures align on, so that a page whose figures are all one digit (every edge ties) gets
    the same boundaries as a page that told the edges apart."""
    mids = [(a + b) / 2 for a, b in zip(anchors, anchors[1:], strict=False)]
    first = anchors[0] - (mids[0] - anchors[0]) if mids else anchors[0] - 20.0
    last = anchors[-1] + (anchors[-1] - mids[-1]) if mids else anchors[-1] + 20.0
    return [max(first, left), *mids, last]


def _column_of(x: float, bounds: list[float]) -> int | None:
    for k in range(len(bounds) - 1):
        if bounds[k] <= x < bounds[k + 1]:
            return k
    return None


@dataclass
class _Region:
    header: list[_Line]
    body: list[_Line]            # value lines and the label lines among and around them
    values: list[int]            # indices into body of the value lines
    edge: Callable[[_Piece], float]
    bounds: list[float]


def _value_columns(line: _Line, edge: Callable[[_Piece], float], bounds: list[float]) -> set[int]:
    return {k for p in line.pieces if p.number and (k := _column_of(edge(p), bounds)) is not None}


def _aligned(line: _Line, edge: Callable[[_Piece], float], anchors: list[float]) -> bool:
    """Every number of the line on one of the columns' anchors (another table's row is not)."""
    return all(min(abs(edge(p) - a) for a in anchors) <= 2 * _ALIGN_TOLERANCE for p in line.pieces if p.number)


def _numbers(line: _Line, value_left: float) -> int:
    return sum(1 for p in line.pieces if p.number and p.cx >= value_left)


def _orphan(line: _Line, value_left: float) -> bool:
    """A line of a few figures only, among value lines: cells of a row set a little higher or lower
    than the rest of it (another font size in those cells)."""
    return 0 < _numbers(line, value_left) < MIN_COLUMNS and all(p.number for p in line.pieces if p.cx >= value_left)


def _crosses(line: _Line, value_left: float, bounds: list[float]) -> bool:
    """A prose line: one piece running from the label area over a value column boundary."""
    return any(p.x0 < value_left - 1 and p.x1 > bounds[1] for p in line.pieces)


def _regions(lines: list[_Line]) -> list[_Region]:
    found = _number_columns(lines)
    if found is None:
        return []
    edge, anchors = found
    numbers = [p for ln in lines for p in ln.pieces if p.number and min(abs(edge(p) - a) for a in anchors) <= 2]
    value_left = min(p.x0 for p in numbers)
    label_right = max((p.x1 for ln in lines for p in ln.pieces if p.x1 < value_left), default=value_left)
    bounds = _bounds(anchors, min(label_right, value_left) + 0.5)
    value_left = bounds[0]
    is_value = [_aligned(ln, edge, anchors) and len(_value_columns(ln, edge, bounds)) >= MIN_COLUMNS
                for ln in lines]
    regions: list[_Region] = []
    i = 0
    n = len(lines)
    while i < n:
        if not is_value[i]:
            i += 1
            continue
        start = i
        end = i  # last value line of the run
        j = i + 1
        while (j < n and not _crosses(lines[j], value_left, bounds)
               and lines[j].top - lines[j - 1].bottom < 4 * lines[j].em):
            if is_value[j]:
                end = j
            j += 1
        # Label lines after the last value line: the wraps of its label, until a gap or a heading.
        stop = end + 1
        while (stop < n and not is_value[stop] and not _crosses(lines[stop], value_left, bounds)
               and lines[stop].top - lines[stop - 1].bottom <= _LEADING * lines[stop].em
               and all(p.x1 <= value_left + 1 for p in lines[stop].pieces)
               and (not _HEADING.match(lines[stop].pieces[0].text) or _furniture(lines[stop + 1:]))):
            stop += 1
        body_lines = lines[start:stop]
        # Between the first and the last value line, a line with figures off the columns is a row
        # too (its figures go by position, two in one column clash): its label must not join another.
        values = [k for k in range(len(body_lines)) if is_value[start + k]
                  or (start + k < end and _numbers(body_lines[k], value_left) >= MIN_COLUMNS)]
        # Label lines before the first value line, and the header above them.
        head_start = start
        while head_start > 0 and start - head_start < _MAX_HEADER_LINES:
            ln = lines[head_start - 1]
            if (is_value[head_start - 1] or _crosses(ln, value_left, bounds)
                    or lines[head_start].top - ln.bottom > _HEADER_GAP * ln.em
                    or (any(p.number for p in ln.pieces)
                        and not (_orphan(ln, value_left) and lines[start].cy - ln.cy <= _ORPHAN_REACH * ln.em))
                    or (_HEADING.match(ln.pieces[0].text)
                        and (_has_header(lines[head_start:start], value_left)
                             or lines[head_start].top - ln.bottom > _LEADING * ln.em))):
                break  # a heading above the table, not the first line of its first row's label
            head_start -= 1
        pre = lines[head_start:start]
        if _has_header(pre, value_left):
            # The label lines under the header's last line are the first row's (its label's first lines).
            last = max(k for k, ln in enumerate(pre) if _has_header([ln], value_left))
            header, body_lines = pre[:last + 1], pre[last + 1:] + body_lines
            values = [k + len(pre) - last - 1 for k in values]
        else:  # label lines only: the end of a row cut by the page break, or wraps of the first row
            header, body_lines = [], pre + body_lines
            values = [k + len(pre) for k in values]
        heads = sum(1 for ln in header for p in ln.pieces if p.cx >= value_left)
        if len(values) >= MIN_ROWS or heads >= MIN_COLUMNS:
            regions.append(_Region(header, body_lines, values, edge, bounds))
        i = max(stop, end + 1)
    return regions


def _furniture(lines: list[_Line]) -> bool:
    """Nothing but page furniture (a page number, a short running line) in these lines."""
    return all(sum(len(p.text) for p in ln.pieces) <= 8 for ln in lines)


def _has_header(lines: list[_Line], value_left: float) -> bool:
    return any(p.cx >= value_left and not p.number for ln in lines for p in ln.pieces)


def _label_blocks(lines: list[_Line], value_left: float) -> list[_Block]:
    blocks: list[_Block] = []
    for ln in lines:
        for p in ln.pieces:
            if p.x0 >= value_left - 1 or p.number and p.x1 > value_left:
                continue
            target = None
            if not _CELL_START.match(p.text):
                for b in reversed(blocks):
                    last = b.pieces[-1]
                    aligned = (abs(p.x0 - last.x0) <= _ALIGNED * p.em
                               or abs(p.cx - last.cx) <= _ALIGNED * p.em)
                    if 0 <= p.top - last.bottom <= _LEADING * p.em and aligned and last.top < p.top:
                        target = b
                        break
            if target is None:
                blocks.append(_Block([p]))
            else:
                target.pieces.append(p)
    return blocks


def _header_cells(header: list[_Line], value_left: float, bounds: list[float], edge: Callable[[_Piece], float]
                  ) -> tuple[_Block | None, list[list[_Block | None]]]:
    """The corner (label-area text of the header) and header rows of blocks per value column; a
    header piece goes to the column holding its edge that the figures align on (its centre
    for centred figures, its left edge for left-aligned ones)."""
    n = len(bounds) - 1
    usual = sorted(b - a for a, b in zip(bounds, bounds[1:], strict=False))[n // 2]  # a column's usual width
    corner = _Block()
    parents: list[list[_Block | None]] = []
    leaves: list[_Block | None] = [None] * n
    in_leaves = False
    for ln in header:
        value_pieces = [p for p in ln.pieces if p.cx >= value_left]
        for p in ln.pieces:
            if p.cx < value_left:
                corner.pieces.append(p)
        narrow = [p for p in value_pieces if (k := _column_of(edge(p), bounds)) is not None
                  and p.x1 - p.x0 <= 1.05 * max(bounds[k + 1] - bounds[k], usual)]
        if len(narrow) >= 2:
            in_leaves = True
        row: list[_Block | None] = [None] * n
        for p in value_pieces:
            k = _column_of(edge(p), bounds)
            if k is None:
                continue
            if in_leaves and p in narrow:
                if leaves[k] is None:
                    leaves[k] = _Block([p])
                else:
                    leaves[k].pieces.append(p)  # type: ignore[union-attr]
            elif row[k] is None:
                row[k] = _Block([p])
            else:
                row[k].pieces.append(p)  # type: ignore[union-attr]
        if any(row):
            parents.append(row)
    for k, leaf in enumerate(leaves):
        # A leaf whose wrap began above the line the leaves start on (自然 / 人 beside 法人或其他组织):
        # the narrow pieces right above it in its column are its first lines.
        if leaf is None:
            continue
        for row in reversed(parents):
            head = row[k]
            if head is None:
                continue  # a line of other columns' pieces between (the vertical gap below decides)
            if any(p.x1 - p.x0 > 1.05 * max(bounds[k + 1] - bounds[k], usual) for p in head.pieces):
                break
            if leaf.pieces[0].top - head.pieces[-1].bottom > _LEADING * leaf.pieces[0].em:
                break
            leaf.pieces[:0] = head.pieces
            row[k] = None
    if any(leaves):
        # Parent headers (申请人情况 over all seven columns) span columns their text does not show:
        # they join the corner, so that each column's path is its leaf (the template reads leaves).
        corner.pieces.extend(p for row in parents for b in row if b is not None for p in b.pieces)
        parents = []
    rows = [*parents, leaves] if any(leaves) else parents
    return (corner if corner.pieces else None), rows


def _grid(region: _Region, place: Callable[[Box], Provenance], origin: str) -> tuple[RawGrid, Box, list[Glyph]]:
    bounds, edge = region.bounds, region.edge
    value_left = bounds[0]
    n_values = len(bounds) - 1
    body = region.body
    blocks = _label_blocks(body, value_left)
    value_lines = [body[k] for k in region.values]
    # Each block's value line: the first it overlaps, else the nearest; past either end, a row of its own.
    rows_of: dict[int, list[_Block]] = {r: [] for r in range(len(value_lines))}
    before: list[_Block] = []
    after: list[_Block] = []
    for b in blocks:
        _x0, top, _x1, bottom = b.box
        em = b.pieces[0].em
        hits = [r for r, vl in enumerate(value_lines) if top - 0.3 * em <= vl.cy <= bottom + 0.3 * em]
        if hits:
            rows_of[hits[0]].append(b)
        elif bottom < value_lines[0].top:
            before.append(b)
        elif top > value_lines[-1].bottom:
            after.append(b)
        else:
            nearest = min(range(len(value_lines)), key=lambda r: abs(value_lines[r].cy - (top + bottom) / 2))
            rows_of[nearest].append(b)
    # Merged group cells to the first row of their group.
    for b in sorted(blocks, key=lambda b: b.box[0]):
        r = next((r for r, bs in rows_of.items() if b in bs), None)
        if r is None:
            continue
        x1 = b.box[2]
        level = outline_level(b.pieces[0].text + "".join(p.text for p in b.pieces[1:2]))
        to = r
        while to > 0 and not any(o.box[0] <= x1 for o in rows_of[to - 1]) and not (
                level is not None and any(_first_child(o, level) for o in rows_of[to] if o is not b)):
            to -= 1
        if to != r:
            rows_of[r].remove(b)
            rows_of[to].append(b)
    # Each value line's figures by column; a column where some line has two gets a grid column
    # for each (``widths``), under one header cell: the core reads two texts there as a clash.
    line_slots: list[list[list[_Piece]]] = []
    for vl in value_lines:
        slots: list[list[_Piece]] = [[] for _ in range(n_values)]
        for p in vl.pieces:
            if p.x0 < value_left - 1 and not p.number:
                continue  # a label piece, in a block
            if not (p.number or _PLACEHOLDER.fullmatch(p.text)):
                continue  # text among the values (a note): left to the page's lines
            k = _column_of(edge(p), bounds)
            if k is None:  # past the outer columns: the nearest one, where it may clash
                k = 0 if edge(p) < bounds[0] else n_values - 1
            slots[k].append(p)
        line_slots.append(slots)
    _attach_orphans([ln for k, ln in enumerate(body) if k not in set(region.values) and _orphan(ln, value_left)],
                    value_lines, line_slots, edge, bounds)
    widths = [max([len(sl[k]) for sl in line_slots] + [1]) for k in range(n_values)]
    value_xs = [x for k in range(n_values) for x in
                (bounds[k] + (bounds[k + 1] - bounds[k]) * j / widths[k] for j in range(1, widths[k] + 1))]
    # No label column at all (table 4: one row of figures under its header): none in the grid either.
    n_labels = max([len(bs) for bs in rows_of.values()] + [len(before), len(after)])
    xs = (_label_edges(min([b.box[0] for b in blocks] + [value_left - 1]), value_left, n_labels) if n_labels
          else [value_left]) + value_xs
    grid_rows: list[list[RawCell]] = []
    used: list[Glyph] = []

    def label_cells(bs: list[_Block]) -> list[RawCell]:
        out = []
        for b in sorted(bs, key=lambda b: b.box[0]):
            out.append(RawCell(b.text, source=place(b.box)))
            used.extend(g for p in b.pieces for g in p.glyphs)
        if len(out) < n_labels:
            out.append(RawCell("", colspan=n_labels - len(out)))
        return out

    corner, header_rows = _header_cells(region.header, value_left, bounds, edge)
    for h, row in enumerate(header_rows):
        cells: list[RawCell] = []
        if h == 0 and n_labels:
            if corner is not None:
                cells.append(RawCell(corner.text, rowspan=len(header_rows), colspan=n_labels,
                                     source=place(corner.box)))
                used.extend(g for p in corner.pieces for g in p.glyphs)
            else:
                cells.append(RawCell("", rowspan=len(header_rows), colspan=n_labels))
        for k, head in enumerate(row):
            if head is None:
                cells.append(RawCell("", colspan=widths[k]))
            else:
                cells.append(RawCell(head.text, colspan=widths[k], source=place(head.box)))
                used.extend(g for p in head.pieces for g in p.glyphs)
        grid_rows.append(cells)
    empty_values = [RawCell("") for _ in range(sum(widths))]
    for bs in ([before] if before else []):
        grid_rows.append(label_cells(bs) + list(empty_values))
    for r, slots in enumerate(line_slots):
        cells = label_cells(rows_of[r])
        for k, ps in enumerate(slots):
            for p in sorted(ps, key=lambda p: p.x0):
                cells.append(RawCell(p.text, source=place((p.x0, p.top, p.x1, p.bottom))))
                used.extend(p.glyphs)
            cells.extend(RawCell("") for _ in range(widths[k] - len(ps)))
        grid_rows.append(cells)
    if after:
        grid_rows.append(label_cells(after) + list(empty_values))
    all_lines = [*region.header, *body]
    box = (min(xs[0], min(p.x0 for ln in all_lines for p in ln.pieces)), min(ln.top for ln in all_lines),
           max(xs[-1], max(p.x1 for ln in all_lines for p in ln.pieces)), max(ln.bottom for ln in all_lines))
    return RawGrid(grid_rows, SpanInfo.KNOWN, origin, col_edges=tuple(xs)), box, used


def _attach_orphans(orphans: list[_Line], value_lines: list[_Line], line_slots: list[list[list[_Piece]]],
                    edge: Callable[[_Piece], float], bounds: list[float]) -> None:
    """Give each orphan line's figures to its value line: the one value line within reach whose
    columns for them are free. With none or several, the value lines within reach get each figure
    twice (a clash in that column): their rows are left to the template's arithmetic, not guessed."""
    for ln in orphans:
        pieces = [p for p in ln.pieces if p.number and p.cx >= bounds[0]]
        cols = [_column_of(edge(p), bounds) for p in pieces]
        if any(k is None for k in cols):
            cols = [k if k is not None else (0 if edge(p) < bounds[0] else len(bounds) - 2)
                    for k, p in zip(cols, pieces, strict=True)]
        near = [r for r, vl in enumerate(value_lines)
                if abs(vl.cy - ln.cy) <= _ORPHAN_REACH * max(vl.em, ln.em)]
        free = [r for r in near if all(not line_slots[r][k] for k in cols)]  # type: ignore[index]
        if len(free) == 1:
            for k, p in zip(cols, pieces, strict=True):
                line_slots[free[0]][k].append(p)  # type: ignore[index]
            continue
        for r in near or [min(range(len(value_lines)), key=lambda r: abs(value_lines[r].cy - ln.cy))]:
            for k, p in zip(cols, pieces, strict=True):
                line_slots[r][k].extend((p, p))  # type: ignore[index]


def _first_child(block: _Block, level: int) -> bool:
    """The block is the first item one outline level below ``level`` (（一） under 三、, 1. under （三）):
    where a group of merged cells starts."""
    text = block.pieces[0].text
    return outline_level(text) == level + 1 and numeral_value(text) == 1


def _label_edges(left: float, right: float, n: int) -> list[float]:
    """``n`` label columns' boundaries, evenly between ``left`` and ``right`` (their x is not used)."""
    left = min(left, right - n)
    step = (right - left) / n
    return [left + k * step for k in range(n)] + [right]


def _figure_rows(glyphs: list[Glyph]) -> bool:
    """Some line (glyphs by their rounded top) holds at least ``MIN_COLUMNS`` runs of digits apart."""
    by_top: dict[int, list[Glyph]] = {}
    for g in glyphs:
        if g.text.isdigit():
            by_top.setdefault(round(g.top), []).append(g)
    for row in by_top.values():
        if len(row) < MIN_COLUMNS:
            continue
        row.sort(key=lambda g: g.x0)
        runs = 1 + sum(1 for a, b in zip(row, row[1:], strict=False) if b.x0 - a.x1 > 0.5 * (b.bottom - b.top))
        if runs >= MIN_COLUMNS:
            return True
    return False


def text_tables(glyphs: list[Glyph], place: Callable[[Box], Provenance], origin: str) -> list[TextTable]:
    """The borderless tables among a page's glyphs (page frame), top to bottom."""
    if not _figure_rows(glyphs):
        return []  # most pages: no line holds figures apart in enough columns (checked without building lines)
    lines = _lines(glyphs)
    if not any(sum(p.number for p in ln.pieces) >= MIN_COLUMNS for ln in lines):
        return []
    regions = _regions(lines)
    if regions:
        # A one-line table under its header beside a longer one (table 4 under table 3's end):
        # its columns are its own, found among the lines the first tables left.
        spans = [(min(ln.top for ln in r.header + r.body), max(ln.bottom for ln in r.body)) for r in regions]
        rest = [ln for ln in lines if not any(top <= ln.cy <= bottom for top, bottom in spans)]
        if any(sum(p.number for p in ln.pieces) >= MIN_COLUMNS for ln in rest):
            regions = sorted(regions + _regions(rest), key=lambda r: (r.header + r.body)[0].top)
    out = []
    for k, region in enumerate(regions):
        grid, box, used = _grid(region, place, f"{origin}, text table {k + 1}")
        out.append(TextTable(grid, box, used))
    return out
