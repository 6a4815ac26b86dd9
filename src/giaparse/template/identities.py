"""The template's arithmetic, written once.

Each ``Identity`` says: the cells on the left sum to the cells on the
right. ``checks.run_checks`` evaluates them on the output (pass/fail with
the numbers); ``solve`` uses the same list to tell which split of a digit
run, or which placement of a row's surviving cells, the report's own
arithmetic allows. Nothing else in giaparse states these sums.

A term is ``(name, row, column)``: ``name`` is what the check entry calls
it (a row key for column rules, a column key for row rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from . import templates as _templates

REQUEST_COLUMNS = tuple(key for key, _ in _templates.REQUEST_COLUMNS)
APPLICANT_COLUMNS = tuple(c for c in REQUEST_COLUMNS if c != "total")
BALANCE_ROWS = ("new_received", "carried_over", "total", "carried_forward")
REVIEW_GROUPS = _templates.REVIEW_GROUP_ORDER
REVIEW_RESULTS = tuple(key for key, _ in _templates.REVIEW_RESULTS if key != "total")

Term = tuple[str, str, str]  # (name in the check entry, row, column)


@dataclass(frozen=True)
class Identity:
    """``sum(left) == sum(right)``, one instance of a rule (``check_id``) for one ``subject``."""

    check_id: str
    subject: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]

    @cached_property
    def cells(self) -> tuple[tuple[str, str], ...]:
        return tuple((r, c) for _, r, c in self.left + self.right)


def balance(columns: Sequence[str] = REQUEST_COLUMNS) -> list[Identity]:
    """一+二 = 三总计+四, per column (the template's own 勾稽关系 note)."""
    return [Identity("requests.balance", col,
                     tuple((r, r, col) for r in ("new_received", "carried_over")),
                     tuple((r, r, col) for r in ("total", "carried_forward")))
            for col in columns]


def result_rows(rows: Sequence[str]) -> list[str]:
    """The result rows of table 3 (三、本年度办理结果 minus its 总计): every row but the four balance rows."""
    return [r for r in rows if r not in BALANCE_ROWS]


def total_is_sum(rows: Sequence[str], columns: Sequence[str] = REQUEST_COLUMNS) -> list[Identity]:
    """（七）总计 = the result rows, per column."""
    results = result_rows(rows)
    return [Identity("requests.total_is_sum", col, (("total", "total", col),),
                     tuple((r, r, col) for r in results))
            for col in columns]


def row_total(rows: Sequence[str]) -> list[Identity]:
    """The 总计 column = the six applicant columns, per row."""
    return [Identity("requests.row_total", row, (("total", row, "total"),),
                     tuple((c, row, c) for c in APPLICANT_COLUMNS))
            for row in rows]


def review_total(groups: Sequence[str] = REVIEW_GROUPS) -> list[Identity]:
    """Table 4: each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    return [Identity("review_litigation.total", g, (("total", g, "total"),),
                     tuple((r, g, r) for r in REVIEW_RESULTS))
            for g in groups]


def request_identities(rows: Sequence[str]) -> list[Identity]:
    """Every identity of table 3 with the rows ``rows`` (the template's rows, in order)."""
    return balance() + total_is_sum(rows) + row_total(rows)
