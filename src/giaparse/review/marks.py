"""Which cells each failed check and each warning is about.

A check's ``subject`` names one axis of its table and its ``terms`` the
other: ``requests.balance`` and ``requests.total_is_sum`` are per column
(terms are rows), ``requests.row_total`` per row (terms are columns),
``review_litigation.total`` per group (terms are results). ``CHECK_AXES``
says which; a check id it does not know is listed but marks no cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: check id -> (table, what the subject names: "column" or "row").
CHECK_AXES: dict[str, tuple[str, str]] = {
    "requests.balance": ("requests", "column"),
    "requests.total_is_sum": ("requests", "column"),
    "requests.row_total": ("requests", "row"),
    "review_litigation.total": ("review_litigation", "row"),
}

CellKey = tuple[str, str, str]  # (table, row, column); table 2: (proactive, item, field)


#: Checks whose right-hand terms name whole cells ("requests.new_received.total").
CELL_PATH_CHECKS = ("text_vs_table",)


def check_cells(check: Mapping[str, Any]) -> list[CellKey]:
    """The cells a check's terms are, in left-then-right order."""
    if check.get("id") in CELL_PATH_CHECKS:
        terms = (check.get("right") or {}).get("terms") or {}
        return [tuple(t.split(".", 2)) for t in terms if t.count(".") == 2]  # type: ignore[misc]
    axis = CHECK_AXES.get(str(check.get("id")))
    subject = check.get("subject")
    if axis is None or not isinstance(subject, str):
        return []
    table, subject_is = axis
    terms: list[str] = []
    for side in ("left", "right"):
        side_terms = (check.get(side) or {}).get("terms") or {}
        terms += [t for t in side_terms if t not in terms]
    if subject_is == "column":
        return [(table, term, subject) for term in terms]
    return [(table, subject, term) for term in terms]


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
        table, row, column = warning.get("table"), warning.get("row"), warning.get("column")
        if table is None:
            marks.general_warnings.append(i)
            continue
        if row is None:
            marks.table_warnings.setdefault(table, []).append(i)
            continue
        hit = [c for c in all_cells if c[0] == table and c[1] == row and (column is None or c[2] == column)]
        if not hit:  # a row or column the output does not have (e.g. row_missing)
            marks.table_warnings.setdefault(table, []).append(i)
        for cell in hit:
            marks.warning_cells.setdefault(cell, []).append(i)
    return marks
