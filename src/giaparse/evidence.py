"""Evidence on every number: which checks and readings confirm each cell (``confirmed_by``).

A value is confirmed by something that could have failed had the value been
wrong:

* the id of every check that **passes** with the cell as one of its terms
  (``requests.balance``, ``requests.total_is_sum``, ``requests.row_total``,
  ``review_litigation.total``) — a check with a null term is skipped, so it
  confirms nothing;
* ``narrative`` when the report's text states the same figure for this one
  cell (a passing ``text_vs_table`` check about the cell alone; a stated sum
  of two cells confirms neither);
* ``two_readings`` when two independent readings of the cell's text agreed
  (``Provenance.readings`` ≥ 2; a reader that reads a cell twice sets it);
* ``human`` when a person confirmed or gave the value (a correction,
  ``placement: "human"``).

An empty list means nothing confirms the value: it may well be right, but
nothing in the document vouches for it. Null cells have no ``confirmed_by``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .checks import CHECK_IDS
from .document import Provenance
from .values import Placement

__all__ = ["CHECK_AXES", "HUMAN", "NARRATIVE", "TWO_READINGS", "CellKey", "check_cells", "confirmations",
           "confirm_tables", "EVIDENCE_ORDER"]

NARRATIVE = "narrative"
TWO_READINGS = "two_readings"
HUMAN = "human"
#: The order ids appear in ``confirmed_by``.
EVIDENCE_ORDER: tuple[str, ...] = (*CHECK_IDS, NARRATIVE, TWO_READINGS, HUMAN)

CellKey = tuple[str, str, str]  # (table, row, column); table 2: (proactive, item, field)

#: check id -> (table, what the subject names: "column" or "row").
CHECK_AXES: dict[str, tuple[str, str]] = {
    "requests.balance": ("requests", "column"),
    "requests.total_is_sum": ("requests", "column"),
    "requests.row_total": ("requests", "row"),
    "review_litigation.total": ("review_litigation", "row"),
}
#: Checks whose right-hand terms name whole cells ("requests.new_received.total").
CELL_PATH_CHECKS = ("text_vs_table",)


def check_cells(check: Mapping[str, Any]) -> list[CellKey]:
    """The cells a check's terms are, in left-then-right order.

    A check's ``subject`` names one axis of its table and its ``terms`` the
    other: ``requests.balance`` and ``requests.total_is_sum`` are per column
    (terms are rows), ``requests.row_total`` per row (terms are columns),
    ``review_litigation.total`` per group (terms are results); a
    ``text_vs_table`` check's right-hand terms are cell paths. A check id
    not known here names no cell.
    """
    if check.get("id") in CELL_PATH_CHECKS:
        paths = (check.get("right") or {}).get("terms") or {}
        return [tuple(t.split(".", 2)) for t in paths if t.count(".") == 2]
    axis = CHECK_AXES.get(str(check.get("id")))
    subject = check.get("subject")
    if axis is None or not isinstance(subject, str):
        return []
    table, subject_is = axis
    terms: list[str] = []
    for side in ("left", "right"):
        side_terms = (check.get(side) or {}).get("terms") or {}
        terms += [str(t) for t in side_terms if t not in terms]
    if subject_is == "column":
        return [(table, term, subject) for term in terms]
    return [(table, subject, term) for term in terms]


def _no_null_term(check: Mapping[str, Any]) -> bool:
    return all(v is not None for side in ("left", "right")
               for v in ((check.get(side) or {}).get("terms") or {}).values())


def _rows(tables: Mapping[str, Any], table: str) -> Mapping[str, Any]:
    body = tables.get(table)
    if not isinstance(body, Mapping):
        return {}
    rows = body.get("items") if table == "proactive" else body
    return rows if isinstance(rows, Mapping) else {}


def _cells(tables: Mapping[str, Any]) -> Iterator[tuple[CellKey, Mapping[str, Any]]]:
    for table in ("proactive", "requests", "review_litigation"):
        for row, cells in _rows(tables, table).items():
            if isinstance(cells, Mapping):
                for column, cell in cells.items():
                    if isinstance(cell, Mapping):
                        yield (table, row, column), cell


def _source_field(source: Any, name: str) -> Any:
    if isinstance(source, Provenance):
        return getattr(source, name)
    return source.get(name) if isinstance(source, Mapping) else None


def confirmations(tables: Mapping[str, Any], checks: Iterable[Mapping[str, Any]]) -> dict[CellKey, list[str]]:
    """``confirmed_by`` of every cell with a value (see the module doc), by (table, row, column)."""
    found: dict[CellKey, set[str]] = {}
    for check in checks:
        if check.get("status") != "pass" or not _no_null_term(check):
            continue
        terms = check_cells(check)
        if check.get("id") in CELL_PATH_CHECKS:
            if len(terms) != 1:
                continue  # a stated sum vouches for no single cell
            what = NARRATIVE
        else:
            what = str(check.get("id"))
        for term in terms:
            found.setdefault(term, set()).add(what)
    out: dict[CellKey, list[str]] = {}
    rank = {e: i for i, e in enumerate(EVIDENCE_ORDER)}
    for key, cell in _cells(tables):
        if cell.get("value") is None:
            continue
        evidence = set(found.get(key, ()))
        source = cell.get("source")
        if (_source_field(source, "readings") or 0) >= 2:
            evidence.add(TWO_READINGS)
        if _source_field(source, "placement") == Placement.HUMAN:
            evidence.add(HUMAN)
        out[key] = sorted(evidence, key=lambda e: (rank.get(e, len(rank)), e))
    return out


def confirm_tables(tables: dict[str, Any], checks: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """``tables`` (the canonical dict form, changed in place and returned) with ``confirmed_by``
    on every cell that has a value."""
    by_cell = confirmations(tables, checks)
    for key, cell in _cells(tables):
        if key in by_cell and isinstance(cell, dict):
            cell["confirmed_by"] = by_cell[key]
    return tables
