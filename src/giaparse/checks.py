"""The template's own arithmetic, evaluated on the canonical ``tables``.

Real reports contain arithmetic errors, so a failed check is data about the
report, not a parse failure: ``run_checks`` never raises, never changes the
input and never "repairs" a number. It only says which sums hold.

Every entry compares a ``left`` and a ``right`` side, and
``difference = left sum - right sum``. The side holding a stated total is on
the left (``total = parts``), so a positive difference means the report's
total is larger than its parts; for ``requests.balance`` the left side is
new_received + carried_over, as in the template's own wording
("第一项加第二项之和，等于第三项加第四项之和").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Context, Decimal, localcontext
from typing import Any

from .template import identities as _identities
from .template import templates as _templates

__all__ = ["CHECK_IDS", "run_checks", "compare_sides"]

CHECK_IDS: tuple[str, ...] = (
    "requests.balance",
    "requests.total_is_sum",
    "requests.row_total",
    "review_litigation.total",
)

# The keys come from the template tables, the one place they are written.
# The identities themselves are in template/identities.py (shared with the solver).
REQUEST_COLUMNS = _identities.REQUEST_COLUMNS
APPLICANT_COLUMNS = _identities.APPLICANT_COLUMNS
BALANCE_ROWS = _identities.BALANCE_ROWS
# Canonical row order (2019 and 2021 rows merged), used to order row subjects.
_ROWS_2021 = [spec.key for spec in _templates.TEMPLATE_2021.request_rows]
REQUEST_ROWS = tuple(_ROWS_2021[: _ROWS_2021.index("other_no_correction")] + ["other"]
                     + _ROWS_2021[_ROWS_2021.index("other_no_correction"):])
REVIEW_GROUPS = _identities.REVIEW_GROUPS
REVIEW_RESULTS = _identities.REVIEW_RESULTS

TOLERANCE = Decimal("1e-6")

_Number = int | float


def _value(table: Mapping, row: str, column: str) -> _Number | None:
    """The number in ``table[row][column]``, or None if absent or not a finite number."""
    cells = table.get(row)
    if type(cells) is not dict and not isinstance(cells, Mapping):  # a dict first: the ABC check is slow
        return None
    cell = cells.get(column)
    value = cell.get("value") if type(cell) is dict or isinstance(cell, Mapping) else None
    kind = type(value)
    if kind is int:
        return value
    if kind is float:
        return value if math.isfinite(value) else None  # type: ignore[arg-type]  # kind is float
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _sum(values: list[_Number]) -> Decimal:
    # Decimal of the float's shortest repr: 0.1 + 0.2 sums to exactly 0.3, so
    # sums and differences come out as a person would write them.
    with localcontext(Context(prec=200)):
        return sum((Decimal(repr(v)) if isinstance(v, float) else Decimal(v) for v in values), Decimal(0))


def _number(d: Decimal) -> _Number:
    return int(d) if d == d.to_integral_value() else float(d)


def _entry(
    check_id: str,
    subject: str,
    left: dict[str, _Number | None],
    right: dict[str, _Number | None],
    reason: str | None = None,
) -> dict[str, Any]:
    """Compare two sides; skipped when any term has no value (or ``reason`` is given)."""
    null = [name for name, v in (*left.items(), *right.items()) if v is None]
    if null and reason is None:
        reason = f"{subject}: no value for {', '.join(null)}"
    out: dict[str, Any] = {"id": check_id, "subject": subject}
    if reason is not None:
        out.update(
            status="skipped",
            left={"terms": left, "sum": None},
            right={"terms": right, "sum": None},
            difference=None,
            reason=reason,
        )
        return out
    terms = (*left.values(), *right.values())
    if all(type(v) is int for v in terms):  # counts, nearly always: exact in ints, as the Decimal path gives
        lsum_i = sum(v for v in left.values() if type(v) is int)  # every term is (the test above)
        rsum_i = sum(v for v in right.values() if type(v) is int)
        out.update(status="pass" if lsum_i == rsum_i else "fail",
                   left={"terms": left, "sum": lsum_i}, right={"terms": right, "sum": rsum_i},
                   difference=lsum_i - rsum_i)
        return out
    lsum = _sum([v for v in left.values() if v is not None])
    rsum = _sum([v for v in right.values() if v is not None])
    with localcontext(Context(prec=200)):
        diff = lsum - rsum
    out.update(
        status="pass" if abs(diff) <= TOLERANCE else "fail",
        left={"terms": left, "sum": _number(lsum)},
        right={"terms": right, "sum": _number(rsum)},
        difference=_number(diff),
    )
    return out


def compare_sides(
    check_id: str,
    subject: str | None,
    left: dict[str, _Number | None],
    right: dict[str, _Number | None],
    reason: str | None = None,
) -> dict[str, Any]:
    """One rule's entry in the ``checks`` form, for rule sets beyond this module's
    (``giaparse.compare``'s cross-year checks): pass/fail on left sum = right sum,
    skipped when a term has no value or ``reason`` is given."""
    return _entry(check_id, subject or "", left, right, reason)


def _table_absent(check_id: str, table: str) -> dict[str, Any]:
    return {
        "id": check_id, "subject": None, "status": "skipped",
        "left": {"terms": {}, "sum": None}, "right": {"terms": {}, "sum": None},
        "difference": None, "reason": f"table {table} not found",
    }


def _evaluate(table: Mapping, identity: _identities.Identity, reason: str | None = None) -> dict[str, Any]:
    return _entry(identity.check_id, identity.subject,
                  {name: _value(table, r, c) for name, r, c in identity.left},
                  {name: _value(table, r, c) for name, r, c in identity.right},
                  reason=reason)


def _requests(table: Mapping) -> list[dict[str, Any]]:
    out = [_evaluate(table, i) for i in _identities.balance()]
    # The template layer emits exactly its template's rows, so the result rows
    # are whatever rows are there besides the four balance rows.
    has_results = bool(_identities.result_rows(list(table)))
    out += [_evaluate(table, i, None if has_results else f"{i.subject}: the table has no result rows")
            for i in _identities.total_is_sum(list(table))]
    rows = [r for r in REQUEST_ROWS if r in table] + [r for r in table if r not in REQUEST_ROWS]
    out += [_evaluate(table, i) for i in _identities.row_total(rows)]
    return out


def _review(table: Mapping) -> list[dict[str, Any]]:
    return [_evaluate(table, i) for i in _identities.review_total()]


def run_checks(tables: dict) -> list[dict]:
    """Evaluate every rule in ``CHECK_IDS`` order, subjects in canonical order.

    A missing table gives one skipped entry per rule of that table (subject
    null), so the list always shows every rule that was not evaluated.
    """
    tables = tables if isinstance(tables, Mapping) else {}
    out: list[dict] = []
    requests = tables.get("requests")
    if isinstance(requests, Mapping):
        out += _requests(requests)
    else:
        out += [_table_absent(i, "requests") for i in CHECK_IDS if i.startswith("requests.")]
    review = tables.get("review_litigation")
    if isinstance(review, Mapping):
        out += _review(review)
    else:
        out.append(_table_absent("review_litigation.total", "review_litigation"))
    return out
