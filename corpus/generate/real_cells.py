#!/usr/bin/env python3
"""Variants of the real cell-per-line report (corpus/real/hebei_jyt_2023.txt) in the shapes
of ``styles_cells``' styles without a trace of blank cells.

The real text keeps every cell on its own line, 2 empty lines between the
cells of a row, 4 between rows, 5 around a table, and every cell holds a
number. ``variant(text, label, empty_lines, drop)`` derives:

* ``empty_lines=False`` — every empty line deleted (``cells_no_blank_lines``);
* ``drop`` — which of the cells that hold ``0`` are written blank, as indices
  into the zero cells in reading order (``None``: all of them); a dropped cell
  leaves no trace: its line goes, and so does the shorter run of empty lines
  beside it (a cell gap; the row gap before a row's first cell or after its
  last stays, as ``styles_cells`` writes ``blanks="gone"``).

The label follows ``styles_cells.truth``: the real label, with ``None`` for
each cell written blank. The cells of the text and of the label are matched
in reading order: the text's bare-number lines are exactly the label's cells
in its own order (table 2's items and fields, table 3's rows and columns,
table 4's groups and results; 200 of each, checked by ``cells_in_order``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

import regex

_NUMBER = regex.compile(r"[0-9]+(?:\.[0-9]+)?")


def cells_in_order(label: dict) -> list[tuple[str, str, str]]:
    """``(table, row, column)`` of every cell of ``label["tables"]`` in reading order."""
    tables = label["tables"]
    out = []
    for table in ("proactive", "requests", "review_litigation"):
        node = tables[table]["items"] if table == "proactive" else tables[table]
        out += [(table, row, col) for row, cells in node.items() for col in cells]
    return out


def _value(label: dict, cell: tuple[str, str, str]) -> float | int | None:
    table, row, col = cell
    node = label["tables"][table]
    return (node["items"] if table == "proactive" else node)[row][col]


def variant(text: str, label: dict, *, empty_lines: bool, drop: Iterable[int] | None = ()) -> tuple[str, dict]:
    """The text and its label with the zero cells ``drop`` written blank (see the module doc)."""
    lines = text.split("\n")
    numbered = [i for i, line in enumerate(lines) if _NUMBER.fullmatch(line.strip())]
    cells = cells_in_order(label)
    if len(numbered) != len(cells):
        raise ValueError(f"{len(numbered)} number lines for {len(cells)} labelled cells")
    zeros = [k for k, i in enumerate(numbered) if float(lines[i]) == 0 and _value(label, cells[k]) == 0]
    chosen = set(range(len(zeros))) if drop is None else set(drop)
    dropped = {zeros[z] for z in chosen if 0 <= z < len(zeros)}
    work = list(lines)
    for i in sorted((numbered[k] for k in dropped), reverse=True):
        # The cell's line goes with the shorter run of empty lines beside it (the cell gap; a row's
        # first or last cell keeps the row gap on its other side), as ``styles_cells`` writes "gone".
        before = after = 0
        while i - before - 1 >= 0 and not work[i - before - 1].strip():
            before += 1
        while i + after + 1 < len(work) and not work[i + after + 1].strip():
            after += 1
        if before <= after:
            del work[i - before:i + 1]
        else:
            del work[i:i + after + 1]
    kept = [line for line in work if empty_lines or line.strip()]
    truth = copy.deepcopy(label)
    for k in dropped:
        table, row, col = cells[k]
        node = truth["tables"][table]
        (node["items"] if table == "proactive" else node)[row][col] = None
    return "\n".join(kept), truth


def zero_count(text: str) -> int:
    """How many cells of the text hold 0 (the indices ``drop`` chooses from)."""
    return sum(1 for line in text.split("\n") if _NUMBER.fullmatch(line.strip()) and float(line) == 0)
