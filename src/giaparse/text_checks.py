"""Text against tables (文本与表格一致性): each figure the narrative states about a
cell, compared with that cell.

Reports repeat table figures in their prose (「全年共收到政府信息公开申请41件」,
「被申请行政复议3件」, 「上年结转18件」). ``template.narrative.statements``
finds the sentences that clearly name one cell; ``text_checks`` gives one
``text_vs_table`` entry per stated figure, in the form of
``giaparse.checks``' entries plus the ``sentence``:

    {"id": "text_vs_table", "subject": "requests.new_received.total",
     "status": "fail",
     "left":  {"terms": {"stated": 44}, "sum": 44},
     "right": {"terms": {"requests.new_received.total": 41}, "sum": 41},
     "difference": 3,
     "sentence": "全年共新收政府信息公开申请44件，上年结转2件；"}

``difference`` = stated − table. A stated sum (「被提起行政诉讼3件」: 直接起诉 +
复议后起诉) has both cells on the right and its subject joins their paths
with ``+``. ``skipped`` (with ``reason``) when the table or a cell is absent
or has no value. A cell the report's template does not have (「制发规范性文件」
in a 2019 report, whose table 2 counts 新制作 and 新公开) is not a statement
about this report's table and gives no entry.

Like ``run_checks`` this never raises and never changes a number: a report
whose text disagrees with its table fails the check; the table keeps what it
says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .checks import compare_sides
from .template.narrative import Statement, statements
from .template.templates import TEMPLATES

__all__ = ["TEXT_CHECK_ID", "text_checks"]

TEXT_CHECK_ID = "text_vs_table"


def _rows(tables: Mapping, table: str) -> Mapping | None:
    t = tables.get(table)
    if not isinstance(t, Mapping):
        return None
    if table == "proactive":
        items = t.get("items")
        return items if isinstance(items, Mapping) else None
    return t


def _edition(tables: Mapping, edition: str | None) -> str | None:
    if edition in TEMPLATES:
        return edition
    proactive = tables.get("proactive")
    found = proactive.get("template") if isinstance(proactive, Mapping) else None
    return found if found in TEMPLATES else None


def _in_template(s: Statement, edition: str | None) -> bool:
    """Whether the report's template has the cells ``s`` is about (table 2's columns differ by edition)."""
    if s.table != "proactive" or edition is None:
        return True
    fields = {i.key: i.fields for i in TEMPLATES[edition].proactive_items}
    return all(column in fields.get(row, ()) for row, column in s.cells)


def _cell(rows: Mapping | None, row: str, column: str) -> tuple[bool, int | float | None]:
    """(the cell is there, its number or None)."""
    cells = rows.get(row) if isinstance(rows, Mapping) else None
    cell = cells.get(column) if isinstance(cells, Mapping) else None
    if not isinstance(cell, Mapping):
        return False, None
    value = cell.get("value")
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or value != value
            or value in (float("inf"), float("-inf"))):
        return True, None
    return True, value


def _entry(s: Statement, tables: Mapping) -> dict[str, Any]:
    paths = [f"{s.table}.{row}.{column}" for row, column in s.cells]
    subject = "+".join(paths)
    rows = _rows(tables, s.table)
    right: dict[str, int | float | None] = {}
    absent = []
    for path, (row, column) in zip(paths, s.cells, strict=True):
        there, value = _cell(rows, row, column)
        right[path] = value
        if not there:
            absent.append(path)
    reason = None
    if rows is None:
        reason = f"table {s.table} not found"
    elif absent:
        reason = f"{subject}: the table has no cell {', '.join(absent)}"
    elif any(v is None for v in right.values()):
        reason = f"{subject}: no value for {', '.join(p for p, v in right.items() if v is None)}"
    out = compare_sides(TEXT_CHECK_ID, subject, {"stated": s.value}, right, reason)
    out["sentence"] = s.sentence
    return out


def text_checks(text: str | Iterable[str], tables: Mapping | None, year: int | None = None,
                edition: str | None = None) -> list[dict[str, Any]]:
    """One ``text_vs_table`` entry per figure ``text`` states about a cell of ``tables``.

    ``text`` is the narrative (the document's paragraphs, not its grids), a
    string or its paragraphs; ``year`` the report's year (a clause naming
    another year states nothing); ``edition`` the template ("2019"/"2021"),
    else read from table 2. Never raises on odd input: anything that is not
    text or a mapping gives no entries.
    """
    if not isinstance(text, str):
        text = "\n".join(t for t in text if isinstance(t, str)) if isinstance(text, Iterable) else ""
    tables = tables if isinstance(tables, Mapping) else {}
    year = year if isinstance(year, int) and not isinstance(year, bool) else None
    found = statements(text, year)
    edition = _edition(tables, edition)
    return [_entry(s, tables) for s in found if _in_template(s, edition)]
