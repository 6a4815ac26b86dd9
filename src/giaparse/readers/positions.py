"""Source positions readers record for provenance (``Provenance``).

``start_columns`` gives each cell of a spanned table the grid column it
starts in, by the HTML table-layout rule (a cell takes the next column that
no rowspan from above occupies). The core lays the grid out again for its
own use (``core.grid.place_cells``); this copy only names positions *in the
source*, before any row is dropped, so that a cell's ``row``/``column`` can
be looked up in the original file. It is bounded: a table of more cells than
``MAX_CELLS`` (far beyond any statistical table) gets no columns.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_CELLS = 20_000


def start_columns(spans: Sequence[Sequence[tuple[int, int]]]) -> list[list[int | None]]:
    """For rows of ``(rowspan, colspan)``, each cell's 0-based starting grid column."""
    if sum(len(row) for row in spans) > MAX_CELLS:
        return [[None] * len(row) for row in spans]
    n_rows = len(spans)
    active: list[tuple[int, int, int]] = []  # (last row, first column, end column) of rowspans from above
    out: list[list[int | None]] = []
    for r, row in enumerate(spans):
        active = [a for a in active if a[0] >= r]
        busy = sorted((a, b) for _, a, b in active)
        k, col, starts = 0, 0, []
        for rowspan, colspan in row:
            while k < len(busy) and busy[k][0] <= col:
                col = max(col, busy[k][1])
                k += 1
            starts.append(col)
            if rowspan > 1:
                active.append((min(r + rowspan, n_rows) - 1, col, col + colspan))
            col += colspan
        out.append(starts)
    return out
