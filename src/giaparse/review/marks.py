"""Which cells each failed check and each warning is about.

A check's cells are ``giaparse.evidence.check_cells`` (a check id it does
not know is listed but marks no cell); a warning's are its region, table ×
rows × columns (no columns: whole rows); a note (severity ``info``) marks no cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Which cells a check is about is the evidence module's (``confirmed_by`` needs the same answer).
from ..evidence import CELL_PATH_CHECKS, CHECK_AXES, CellKey, check_cells  # noqa: F401


@dataclass
class Marks:
    """Failed checks and warnings, indexed by the cells they involve."""

    failed: list[Mapping[str, Any]] = field(default_factory=list)
    #: cell -> indexes into ``failed``
    check_cells: dict[CellKey, list[int]] = field(default_factory=dict)
    warnings: list[Mapping[str, Any]] = field(default_factory=list)
    #: cell -> indexes into ``warnings`` (row-wide warnings reach every cell of the row)
    warning_cells: dict[CellKey, list[int]] = field(default_factory=dict)
    #: table -> indexes of warnings about the table but no cell or row of it
    table_warnings: dict[str, list[int]] = field(default_factory=dict)
    #: indexes of warnings about no table
    general_warnings: list[int] = field(default_factory=list)


def cells_of(tables: Mapping[str, Any]) -> Iterable[CellKey]:
    """Every cell of the output, as (table, row, column)."""
    for table, body in tables.items():
        rows = body.get("items", {}) if table == "proactive" else body
        if not isinstance(rows, Mapping):
            continue
        for row, cells in rows.items():
            if isinstance(cells, Mapping):
                for column in cells:
                    yield (table, row, column)


def collect(report: Mapping[str, Any]) -> Marks:
    """Index ``report`` (the canonical dict)'s failed checks and warnings by cell."""
    marks = Marks()
    for check in report.get("checks", []):
        if check.get("status") != "fail":
            continue
        i = len(marks.failed)
        marks.failed.append(check)
        for cell in check_cells(check):
            marks.check_cells.setdefault(cell, []).append(i)
    all_cells = list(cells_of(report.get("tables", {})))
    for i, warning in enumerate(report.get("warnings", [])):
        marks.warnings.append(warning)
        table = warning.get("table")
        rows = warning.get("rows") or ([warning["row"]] if warning.get("row") else [])
        columns = warning.get("columns") or ([warning["column"]] if warning.get("column") else [])
        if table is None:
            marks.general_warnings.append(i)
            continue
        if not rows or warning.get("severity") == "info":  # a note marks no cell
            marks.table_warnings.setdefault(table, []).append(i)
            continue
        hit = [c for c in all_cells if c[0] == table and c[1] in rows and (not columns or c[2] in columns)]
        if not hit:  # a row or column the output does not have (e.g. row_missing)
            marks.table_warnings.setdefault(table, []).append(i)
        for cell in hit:
            marks.warning_cells.setdefault(cell, []).append(i)
    return marks
