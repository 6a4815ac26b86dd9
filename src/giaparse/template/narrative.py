"""Numbers the narrative states about table cells.

Reports repeat some table figures in their prose: 「现行有效行政规范性文件305件」,
「本年制发行政规范性文件47件」, 「全年共收到政府信息公开申请41件」. Each such
sentence is a statement about one cell; ``statements`` finds them. The
solver uses them to choose among the splits of a digit run (a statement
only narrows, and is ignored when no split agrees); a later check can
compare them with the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class Statement:
    """``table.row.column`` is ``value``, as ``sentence`` says."""

    table: str
    row: str
    column: str
    value: int
    sentence: str


_N = r"(?P<n>[0-9]{1,9})\s*(?:件|个|项|条)"
# (table, row, column, pattern): the wording reports use for a figure of that cell.
_FORMS: tuple[tuple[str, str, str, regex.Pattern[str]], ...] = tuple(
    (t, r, c, regex.compile(p)) for t, r, c, p in (
        ("proactive", "normative_documents", "in_force", r"现行有效(?:的)?(?:行政)?规范性文件(?:共|为)?\s*" + _N),
        ("proactive", "normative_documents", "issued", r"(?:本年|全年)?(?:制发|印发|出台)(?:行政)?规范性文件(?:共|为)?\s*" + _N),
        ("proactive", "normative_documents", "repealed", r"废止(?:行政)?规范性文件(?:共|为)?\s*" + _N),
        ("proactive", "regulations", "in_force", r"现行有效(?:的)?规章(?:共|为)?\s*" + _N),
        ("requests", "new_received", "total",
         r"(?:全年|本年度?|年内)(?:共|累计)?(?:新)?(?:收到|受理|收)(?:政府信息公开|依申请公开)?申请(?:共|为)?\s*" + _N),
    ))
_SENTENCE_END = regex.compile(r"[。；;！!\n]")


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left: right.end() if right else len(text)].strip()


def statements(text: str) -> list[Statement]:
    """Every statement of a cell's figure in ``text``, in order of appearance."""
    out = []
    for table, row, column, pattern in _FORMS:
        for m in pattern.finditer(text):
            out.append((m.start(), Statement(table, row, column, int(m.group("n")), _sentence(text, m.start(), m.end()))))
    return [s for _, s in sorted(out, key=lambda x: x[0])]


def stated_cells(text: str, table: str) -> dict[tuple[str, str], int]:
    """``{(row, column): value}`` for ``table``, keeping only cells stated once or always alike."""
    seen: dict[tuple[str, str], set[int]] = {}
    for s in statements(text):
        if s.table == table:
            seen.setdefault((s.row, s.column), set()).add(s.value)
    return {cell: next(iter(v)) for cell, v in seen.items() if len(v) == 1}
