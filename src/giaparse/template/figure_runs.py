"""A table whose figures come in runs far from their labels, read by the template's arithmetic.

Plain ``pdftotext`` (no ``-layout``) and pdfminer's ``extract_text()`` write
a ruled table in their own reading order: often a block of row labels first,
then the figures, and the figures of a block of rows sometimes row by row,
sometimes column by column (自然人 down the block's rows, then 商业企业 down,
…, then 总计 down). The labels say nothing about which figure is whose.

The reading here asks only the figures. Between the table's heading and the
next table's, the number tokens ``F`` must be exactly as many as the table
has cells (a dropped blank cell or a stray number: not read). Every *tiling*
of the table's rows into consecutive blocks, each block read row-major or
column-major from its stretch of ``F``, is a candidate reading. A tiling is
kept only when **every** identity of the template holds on it: every row's
total (the 总计 column = the six applicant columns; table 4's group total),
and every column rule (一+二 = 三总计+四, 总计 = the result rows). A report
whose own arithmetic fails anywhere gets nothing from this reading.

A column-major block takes its column runs in the converter's order, and
nothing in a row's total tells the six applicant columns apart (pdfminer
orders text boxes its own way: 社会公益组织's run may come before 科研机构's).
So every order of a block's applicant runs is a reading too; only the column
rules, across the blocks, can place them. Table 4 is one physical row of 15
cells: its figures are read in order only (its group totals judge).

A cell gets its figure only where every kept tiling gives it the same one,
and only when the identities did decide something about its row: some tiling
the identities rejected read that row differently. A row that every tiling
reads alike (a stretch of zeros: any order of zeros is zeros) is placed by
nothing but its position and stays null, named in a warning; so do the cells
the kept tilings read differently (the warning names the readings).

Bounds: ``MAX_STATES`` partial column sums per row boundary in the search
over tilings (the sums that cannot return to 0 pruned), ``MAX_RUN_ORDERS``
orders of one block's runs; past either the table is not read this way
(null, never a guess).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import regex

from ..diagnostics import ParseWarning, WarningCode
from ..document import StreamToken, TokenKind
from ..values import CellValue, Placement, normalise_value
from . import identities as ids
from .identities import Identity

#: Distinct partial sums of the column rules kept per row boundary; past it the table is not read.
MAX_STATES = 20_000

Cell = tuple[str, str]
Vector = tuple[float, ...]
_COUNT = regex.compile(r"0|[1-9][0-9]*")


@dataclass(frozen=True)
class RunTable:
    """A table as the tiling needs it: rows in the template's order, columns in order, its identities."""

    name: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    identities: tuple[Identity, ...]
    #: Blocks of rows may be written column by column (table 3's rows are ruled rows; table 4 is one
    #: physical row of 15 cells, its "rows" the three groups: read in order only).
    column_blocks: bool = True
    #: Columns the row rules cannot tell apart (the six applicant columns: their sum is the total). A
    #: column-major block's runs are taken in the converter's order, which need not be the columns'
    #: (pdfminer orders text boxes its own way): every order of these runs is a reading too.
    interchangeable: tuple[str, ...] = ()


@dataclass
class RunsReading:
    """Cells placed from figure runs, the warnings, and the cells left null (with why)."""

    cells: dict[Cell, CellValue] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)
    tilings: int = 0  # tilings that keep every identity (0: nothing read)


@dataclass(frozen=True)
class _Tile:
    first: int                       # first row (index into table.rows)
    last: int                        # one past the last row
    by_column: bool
    vectors: tuple[Vector, ...]      # one per row of the tile
    tokens: tuple[tuple[int, ...], ...]  # the figure index of each cell, per row


def _tile(values: Sequence[float], width: int, first: int, last: int, by_column: bool,
          order: Sequence[int] | None = None) -> _Tile:
    """Rows ``first``..``last`` from their stretch of the figures; ``order[j]``: the run that holds
    column ``j`` (column-major blocks; None: run j is column j)."""
    height = last - first
    base = first * width
    if by_column:
        runs = order or range(width)
        index = tuple(tuple(base + runs[j] * height + i for j in range(width)) for i in range(height))
    else:
        index = tuple(tuple(base + i * width + j for j in range(width)) for i in range(height))
    return _Tile(first, last, by_column, tuple(tuple(values[k] for k in row) for row in index), index)


#: Orders of a column-major block's interchangeable runs tried per block; past it the block is not read.
MAX_RUN_ORDERS = 720


def _run_orders(values: Sequence[float], width: int, first: int, last: int, movable: Sequence[int]
                ) -> list[list[int]] | None:
    """Every placement of the block's interchangeable runs in their columns that reads differently
    (runs alike give one), the converter's own order first; None past ``MAX_RUN_ORDERS``."""
    height = last - first
    base = first * width
    run = {j: tuple(values[base + j * height + i] for i in range(height)) for j in movable}
    out: list[list[int]] = []
    seen: set[tuple] = set()
    for perm in itertools.permutations(movable):
        key = tuple(run[j] for j in perm)
        if key in seen:
            continue
        seen.add(key)
        order = list(range(width))
        for slot, j in zip(movable, perm, strict=True):
            order[slot] = j
        out.append(order)
        if len(out) > MAX_RUN_ORDERS:
            return None
    return out


def _row_rules(table: RunTable) -> tuple[dict[int, list[tuple[list[int], list[int]]]], list[Identity]]:
    """The identities inside one row (as column indices, per row) and those spanning rows."""
    row_at = {r: i for i, r in enumerate(table.rows)}
    col_at = {c: j for j, c in enumerate(table.columns)}
    local: dict[int, list[tuple[list[int], list[int]]]] = {}
    spanning: list[Identity] = []
    for ident in table.identities:
        if any(r not in row_at or c not in col_at for r, c in ident.cells):
            continue
        rows = {r for r, _ in ident.cells}
        if len(rows) == 1:
            local.setdefault(row_at[next(iter(rows))], []).append(
                ([col_at[c] for _, _, c in ident.left], [col_at[c] for _, _, c in ident.right]))
        else:
            spanning.append(ident)
    return local, spanning


def _holds(vector: Vector, rules: Sequence[tuple[list[int], list[int]]]) -> bool:
    return all(abs(sum(vector[j] for j in left) - sum(vector[j] for j in right)) < 1e-9 for left, right in rules)


def read_runs(table: RunTable, figures: Sequence[StreamToken], where: str) -> RunsReading | None:
    """``table`` from ``figures`` (its number tokens in reading order), or None when the figures
    cannot be the table's cells (wrong count, a figure that is not a count)."""
    width, height = len(table.columns), len(table.rows)
    if len(figures) != width * height or height < 2:
        return None
    values: list[float] = []
    for token in figures:
        if not _COUNT.fullmatch(token.text):
            return None
        values.append(int(token.text))
    if not any(values):
        return None  # all zeros: every order reads alike, nothing tells the reading right
    local, spanning = _row_rules(table)
    row_at = {r: i for i, r in enumerate(table.rows)}
    col_at = {c: j for j, c in enumerate(table.columns)}
    # Each spanning identity as signed (row, column) terms: its sum over a tiling must be 0.
    terms = [[(1, row_at[r], col_at[c]) for _, r, c in ident.left]
             + [(-1, row_at[r], col_at[c]) for _, r, c in ident.right] for ident in spanning]
    by_row: dict[int, list[tuple[int, int, int]]] = {}
    for k, ts in enumerate(terms):
        for sign, r, c in ts:
            by_row.setdefault(r, []).append((k, sign, c))

    movable = [col_at[c] for c in table.interchangeable if c in col_at]
    tiles: dict[int, list[_Tile]] = {a: [] for a in range(height)}
    seen: dict[int, set[Vector]] = {r: set() for r in range(height)}  # every reading of each row
    for a in range(height):
        for b in range(a + 1, height + 1):
            shapes: list[tuple[bool, list[int] | None]] = [(False, None)]
            if b - a > 1 and not table.column_blocks:
                # Not a reading (table 4 is one physical row), but what reading its figures otherwise gives:
                # the row rules rejecting it is evidence for the order read.
                for i, vector in enumerate(_tile(values, width, a, b, True).vectors):
                    seen[a + i].add(vector)
            if b - a > 1 and table.column_blocks:
                shapes.append((True, None))
                plain = _tile(values, width, a, b, True)
                # The row rules hold for every order of the interchangeable runs or for none.
                if all(_holds(v, local.get(a + i, ())) for i, v in enumerate(plain.vectors)):
                    orders = _run_orders(values, width, a, b, movable)
                    if orders is None:
                        return _bounded(table, where)
                    shapes += [(True, order) for order in orders[1:]]
            for by_column, order in shapes:
                tile = _tile(values, width, a, b, by_column, order)
                for i, vector in enumerate(tile.vectors):
                    seen[a + i].add(vector)
                if all(_holds(v, local.get(a + i, ())) for i, v in enumerate(tile.vectors)):
                    tiles[a].append(tile)

    def contribution(tile: _Tile) -> Vector:
        out = [0.0] * len(terms)
        for i, vector in enumerate(tile.vectors):
            for k, sign, c in by_row.get(tile.first + i, ()):
                out[k] += sign * vector[c]
        return tuple(out)

    contrib = {id(t): contribution(t) for ts in tiles.values() for t in ts}
    zero = tuple(0.0 for _ in terms)
    # Backward: the sums the rows from b to the end can still add; None where there are too many to keep
    # (then nothing is pruned at b). Forward: the sums the rows before b add, kept only where some way
    # on can bring them back to 0.
    backward: list[set[Vector] | None] = [set() for _ in range(height + 1)]
    backward[height] = {zero}
    ending: dict[int, list[_Tile]] = {b: [] for b in range(height + 1)}
    for starting in tiles.values():
        for tile in starting:
            ending[tile.last].append(tile)
    for b in range(height, 0, -1):
        after = backward[b]
        for tile in ending[b]:
            into = backward[tile.first]
            if into is None:
                continue
            if after is None or len(into) > MAX_STATES:
                backward[tile.first] = None
                continue
            add = contrib[id(tile)]
            into.update(tuple(x + y for x, y in zip(t, add, strict=True)) for t in after)
    forward: list[set[Vector]] = [set() for _ in range(height + 1)]
    forward[0].add(zero)

    def can_finish(state: Vector, b: int) -> bool:
        back = backward[b]
        return back is None or tuple(-x for x in state) in back

    for a in range(height):
        for tile in tiles[a]:
            add = contrib[id(tile)]
            forward[tile.last].update(state for s in forward[a]
                                      if can_finish(state := tuple(x + y for x, y in zip(s, add, strict=True)),
                                                    tile.last))
            if len(forward[tile.last]) > MAX_STATES:
                return _bounded(table, where)
    if not any(all(abs(x) < 1e-9 for x in s) for s in forward[height]):
        # No tiling keeps every identity: the report's own arithmetic fails, or the text has another order.
        out = RunsReading()
        out.cells = {(key, col): CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
                     for key in table.rows for col in table.columns}
        out.warnings += [ParseWarning(
            WarningCode.CELL_AMBIGUOUS,
            f"{table.name}.{key}: the figures of the {where} come in runs away from their labels, and no order of "
            "them keeps every rule of the table's arithmetic (the report's own may fail); left null", table.name, key,
            cause=f"{table.name}: figures in runs away from their labels, no order keeps the table's arithmetic; "
                  "left null") for key in table.rows]
        return out

    kept: list[_Tile] = []
    for a in range(height):
        for tile in tiles[a]:
            add = contrib[id(tile)]
            if any(can_finish(tuple(x + y for x, y in zip(s, add, strict=True)), tile.last) for s in forward[a]):
                kept.append(tile)
    readings: dict[int, dict[Vector, tuple[int, ...]]] = {r: {} for r in range(height)}
    for tile in kept:
        for i, vector in enumerate(tile.vectors):
            readings[tile.first + i].setdefault(vector, tile.tokens[i])
    out = RunsReading(tilings=len(kept))
    unproved: list[str] = []
    for r, key in enumerate(table.rows):
        options = readings[r]
        if len(seen[r]) <= 1 or not options:
            unproved.append(key)
            for col in table.columns:
                out.cells[(key, col)] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
            continue
        differ = []
        for j, col in enumerate(table.columns):
            if len({v[j] for v in options}) > 1:
                differ.append(col)
                out.cells[(key, col)] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
                continue
            places = {index[j] for index in options.values()}
            token = figures[next(iter(places))]
            source = token.source if len(places) == 1 else None
            out.cells[(key, col)] = normalise_value(token.text).located(source, Placement.CELL_STREAM)
        shown = " / ".join(" ".join(_fmt(x) for x in v) for v in sorted(options)[:4])
        more = f" or {len(options) - 4} more" if len(options) > 4 else ""
        for col in differ:
            j = table.columns.index(col)
            readings_of = " / ".join(_fmt(x) for x in sorted({v[j] for v in options}))
            out.warnings.append(ParseWarning(
                WarningCode.CELL_AMBIGUOUS,
                f"{table.name}.{key}.{col}: the figures of the {where} come in runs away from their labels and the "
                f"row can be read {len(options)} ways that keep every rule of the table's arithmetic ({shown}{more}), "
                f"giving this cell {readings_of}; left null", table.name, key, col,
                cause=f"{table.name}: figures in runs away from their labels, several readings keep the table's "
                      "arithmetic; the cells they read differently are left null",
                detail=f"{key}.{col}: {readings_of}"))
    out.warnings += [ParseWarning(
        WarningCode.CELL_AMBIGUOUS,
        f"{table.name}.{key}: the figures of the {where} come in runs away from their labels; every order of them "
        "reads this row alike, so only its position would place it; left null", table.name, key,
        cause=f"{table.name}: figures in runs away from their labels; rows that every order reads alike "
              "are placed by nothing but position and left null") for key in unproved]
    return out


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _bounded(table: RunTable, where: str) -> RunsReading:
    out = RunsReading()
    for key in table.rows:
        for col in table.columns:
            out.cells[(key, col)] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
    out.warnings.append(ParseWarning(
        WarningCode.CELL_AMBIGUOUS,
        f"{table.name}: the figures of the {where} come in runs that can be ordered in more ways than the "
        f"search keeps ({MAX_STATES} partial sums; bounded); left null", table.name,
        cause=f"{table.name}: figures in runs, too many orders to search (bounded); left null"))
    return out


# ------------------------------------------------------------- in a stream --

_TABLE3_HEAD = regex.compile(r"收到和处理政府信息公开申请")
_TABLE4_HEAD = regex.compile(r"行政复议.{0,3}行政诉讼")
_NEXT_PART = regex.compile(r"^[五六][、.．]")


def table_figures(tokens: Sequence[StreamToken], table: str) -> tuple[list[StreamToken], str] | None:
    """The number tokens between ``table``'s heading and the next heading, with where they lie;
    None when the headings are not both found (the region would be a guess)."""
    head = _TABLE3_HEAD if table == "requests" else _TABLE4_HEAD
    end_head = _TABLE4_HEAD if table == "requests" else _NEXT_PART
    start = next((i for i, t in enumerate(tokens) if t.kind is TokenKind.TEXT and head.search(t.text)
                  and len(t.text) <= 40), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(tokens)) if tokens[i].kind is TokenKind.TEXT
                and end_head.search(tokens[i].text) and tokens[i].first_on_line), None)
    if end is None:
        return None
    figures = [t for t in tokens[start + 1:end] if t.kind is TokenKind.NUMBER]
    if not figures:
        return None
    if table == "review_litigation" and len(figures) < 15:
        # The table broken over a page: the rest of its figures may follow the next part's text,
        # as the first run after a page break (page furniture left out: the empty lines unknown).
        k = next((i for i in range(end, len(tokens)) if tokens[i].kind is TokenKind.NUMBER
                  and tokens[i].first_on_line and tokens[i].blanks_before is None), None)
        run = []
        while k is not None and k < len(tokens) and tokens[k].kind is TokenKind.NUMBER:
            run.append(tokens[k])
            k += 1
        if len(figures) + len(run) == 15:
            figures += run
    first, last = figures[0].line, figures[-1].line
    return figures, f"text (lines {first}–{last})"


def merge_runs(cells: Mapping[Cell, CellValue], warnings: Sequence[ParseWarning], runs: RunsReading, table: str
               ) -> tuple[dict[Cell, CellValue], list[ParseWarning]]:
    """A stream reading's ``cells`` with the runs' placed cells folded in: a null cell takes the runs'
    value; where both read a cell and differ, it becomes null with a warning naming both."""
    out = dict(cells)
    notes = list(warnings)
    filled: set[Cell] = set()
    for cell, value in runs.cells.items():
        if value.value is None:
            out.setdefault(cell, value)  # a row the labelled reading never found: null, named below
            continue
        mine = out.get(cell)
        if mine is None or mine.value is None:
            out[cell] = value
            filled.add(cell)
        elif mine.value != value.value:
            out[cell] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
            notes.append(ParseWarning(
                WarningCode.CELL_AMBIGUOUS,
                f"{table}.{cell[0]}.{cell[1]}: read as {mine.raw!r} beside its label and as {value.raw!r} from the "
                "figure runs; the two readings disagree, so it is left null", table, cell[0], cell[1],
                cause=f"{table}: the labelled reading and the figure runs read these cells differently; "
                      "they are left null", detail=f"{cell[0]}.{cell[1]}: {mine.raw!r} / {value.raw!r}"))
    full = {r for r, _ in filled if all(v.value is not None for (rr, _), v in out.items() if rr == r)}
    notes = [w for w in notes if not (w.code in (WarningCode.CELL_AMBIGUOUS, WarningCode.CELL_MISSING,
                                                 WarningCode.ROW_MISSING)
                                      and ((w.row, w.column) in filled or (w.column is None and w.row in full)))]
    notes += [w for w in runs.warnings
              if not w.rows or any(v.value is None for (r, _), v in out.items() if r in w.rows)]
    return out, notes


def run_table(table: str, rows: Sequence[str]) -> RunTable:
    """Table 3 (``requests``, its template rows ``rows``) or table 4 (``review_litigation``) for the tiling."""
    if table == "requests":
        return RunTable(table, tuple(rows), ids.REQUEST_COLUMNS, tuple(ids.request_identities(rows)),
                        interchangeable=ids.APPLICANT_COLUMNS)
    return RunTable(table, ids.REVIEW_GROUPS, (*ids.REVIEW_RESULTS, "total"), tuple(ids.review_total()),
                    column_blocks=False)


def read_table_runs(tokens: Sequence[StreamToken], table: str, orders: Sequence[Sequence[str]] = ()
                    ) -> RunsReading | None:
    """``table`` read from the figure runs between its heading and the next one in ``tokens``; None when
    the region is not found or its figures cannot be the table's cells. ``orders``: table 3's row
    orders (the template's, and with a merged row in place of its parts); the one with as many cells
    as there are figures is read."""
    found = table_figures(tokens, table)
    if found is None:
        return None
    figures, where = found
    if table != "requests":
        return read_runs(run_table(table, ()), figures, where)
    fitting = [rows for rows in orders if len(rows) * len(ids.REQUEST_COLUMNS) == len(figures)]
    if len(fitting) != 1:
        return None
    return read_runs(run_table(table, fitting[0]), figures, where)


__all__ = ["MAX_STATES", "RunTable", "RunsReading", "merge_runs", "read_runs", "read_table_runs", "run_table",
           "table_figures"]
