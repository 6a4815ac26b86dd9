"""The camelot backend: camelot-py's lattice tables as cell boxes.

camelot finds ruling lines in a rendered image of the page and returns every
table as a full grid of cells, each flagged with the borders it has. A cell
without its right (bottom) border runs on into its neighbour: joining those
gives the merged cells. Each merged cell becomes a box in pdfplumber's
coordinates and goes through the same ``cells_to_grid`` / ``assign_glyphs``
steps as the default backend's boxes.

The cell *text* is pdfplumber's, not camelot's ``cell.text``: camelot 2.0
reads text through playa, which on LibreOffice's split Type 1 CJK fonts
places glyphs 100+ points off and digits a row away from the CJK labels
beside them (corpus/pdf/*.noto.pdf: every number of table 2 lands one row
up). One text layer for paragraphs and cells also keeps the CJK spacing and
rotated-text handling the same in both backends.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from typing import Any

from .tables import GridCell
from .text import Box


def read_camelot_tables(camelot: Any, data: bytes) -> dict[int, list[Any]]:
    """camelot's lattice tables by page number (1-based).

    camelot reads from a file in some versions, so the bytes go to a
    temporary file first.
    """
    fd, path = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "No tables found on page-N" and friends
            found = camelot.read_pdf(path, pages="all", flavor="lattice", suppress_stdout=True)
    finally:
        os.unlink(path)
    by_page: dict[int, list[Any]] = {}
    for table in found:
        by_page.setdefault(int(table.page), []).append(table)
    return by_page


def _components(cells: list[list[Any]]) -> list[GridCell]:
    """Grid cells joined across their missing inner borders, as spanning cells.

    Union-find over the grid: (r, c) joins (r, c+1) when the border between
    them is absent, and (r+1, c) likewise. Each group becomes the rectangle
    around it.
    """
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            here = cells[r][c]
            if c + 1 < n_cols and not (here.right or cells[r][c + 1].left):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not (here.bottom or cells[r + 1][c].top):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    out = []
    for members in groups.values():
        rows = [r for r, _ in members]
        cols = [c for _, c in members]
        out.append(GridCell(min(rows), min(cols), max(rows) + 1, max(cols) + 1))
    return out


def camelot_boxes(table: Any, page_height: float) -> list[Box]:
    """The table's (merged) cells as boxes in pdfplumber's page coordinates.

    camelot measures in PDF points from the bottom-left corner, rows from
    the top down; pdfplumber from the top-left.
    """
    if not table.cells or not table.cells[0]:
        return []
    cols, rows = table.cols, table.rows
    return [(cols[c.col][0], page_height - rows[c.row][0], cols[c.end_col - 1][1], page_height - rows[c.end_row - 1][1])
            for c in _components(table.cells)]
