"""Warnings that travel with the result instead of being logged and lost.

Every stage appends ``ParseWarning`` objects; the ``Report`` carries them all
to the output's ``warnings`` list. Codes are an enum so that callers can
filter on them without matching message text.

A warning says *what* went wrong (``code`` and ``cause``) and *where*
(``table``, ``rows``, ``columns``, ``pages``). Stages warn about one place
at a time (one cell, one row, one page); ``aggregate``, run once over all of a
report's warnings, makes one warning of every cause and region, so that a
row range of ambiguous cells is one warning listing its rows and columns,
not one warning per cell. It groups by data, never by reading messages:

* ``cause`` is the warning's reason in words that do not depend on where it
  applies ("the row's cells can be read several ways …"). Warnings of one
  code, one cause and one table are one warning. A warning without a
  ``cause`` groups with warnings of the same code, table and ``message``
  (so a new kind of warning is deduplicated even before it gives a cause).
* The region is cells: ``table`` × ``rows`` × ``columns``. ``rows`` empty:
  the table as a whole (or no table); ``columns`` empty: whole rows. The
  cells of a group are cut into rectangles, rows with the same columns
  together, so the per-cell view is exactly ``cells()`` of each warning.

``severity`` comes from the code: ``INFORMATIONAL`` codes are notes
(boilerplate removed, cells placed by the arithmetic), not problems; every
other code, including codes added later, is a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class WarningCode(str, Enum):
    TABLE_MISSING = "table_missing"          # a statistical table the report should have is absent
    ROW_MISSING = "row_missing"              # a template row was not found in a found table
    CELL_MISSING = "cell_missing"            # a cell was not found at all (value and raw null)
    CELL_AMBIGUOUS = "cell_ambiguous"        # cells found but their columns cannot be told
    # cell boundaries lost; cells placed by the unique reading the arithmetic allows (informational)
    CELLS_SPLIT_BY_ARITHMETIC = "cells_split_by_arithmetic"
    CELL_UNREADABLE = "cell_unreadable"      # text found but it is not a number
    UNIT_MISSING = "unit_missing"            # a money cell with no unit anywhere
    ROW_UNMATCHED = "row_unmatched"          # a table row whose label matches no template row
    COLUMN_UNMATCHED = "column_unmatched"    # a table column whose header matches no template column
    TEMPLATE_UNCERTAIN = "template_uncertain"  # 2019/2021 told from the year, not from the tables
    SECTIONS_MISSING = "sections_missing"    # part headings (一、…六、) not found
    ENCODING_GUESSED = "encoding_guessed"    # text decoded by fallback, may contain errors
    NOT_A_REPORT = "not_a_report"            # the document is not an annual report
    BOILERPLATE_REMOVED = "boilerplate_removed"  # spam / page chrome lines dropped from the text (informational)
    REPLACEMENT_CHARACTERS = "replacement_characters"  # extracted text holds U+FFFD (a font without a usable map)
    PAGES_WITHOUT_TEXT = "pages_without_text"    # some PDF pages are images only (scanned)
    PAGES_UNREADABLE = "pages_unreadable"        # some PDF pages could not be parsed (damaged file)
    LABEL_FUZZY_MATCH = "label_fuzzy_match"      # a row label or column header off the template's wording, taken so
    ROW_BY_POSITION = "row_by_position"          # a row of numbers without a label, taken by its place between two
    OCR_USED = "ocr_used"                        # pages were read by OCR (scanned PDF or image)
    OCR_LOW_CONFIDENCE = "ocr_low_confidence"    # OCR'd table cells below the confidence threshold, left null
    # an OCR'd number that broke an identity, replaced by a stable re-reading
    OCR_REREAD = "ocr_reread"
    # an OCR'd number no identity or second recogniser confirms: null
    OCR_RECOGNISERS_DISAGREE = "ocr_recognisers_disagree"
    TABLE_TOO_LARGE = "table_too_large"          # a grid far larger than any statistical table, skipped
    CONTENT_TRUNCATED = "content_truncated"      # part of the input could not be read (nesting too deep, cut off)
    ENGINE_WARNINGS = "engine_warnings"          # the PDF library reported problems with the file (its log lines)
    CORRECTION_NOT_APPLIED = "correction_not_applied"  # a person's correction that could not be applied
    # a continued page's columns, not lined up with the header's, placed by the row totals (one placement fits)
    COLUMNS_BY_IDENTITY = "columns_by_identity"

    @property
    def severity(self) -> Severity:
        return Severity.INFO if self in INFORMATIONAL else Severity.WARNING


class Severity(str, Enum):
    """``info``: a note about what was done, no reason to look twice; ``warning``: something to look at."""

    INFO = "info"
    WARNING = "warning"


#: Codes that are notes, not problems: they do not make a conversion a partial success.
INFORMATIONAL: frozenset[WarningCode] = frozenset({
    WarningCode.BOILERPLATE_REMOVED,        # page chrome and spam left out: what the reader is for
    WarningCode.CELLS_SPLIT_BY_ARITHMETIC,  # placed where exactly one reading fits; the ambiguous rest warns itself
})


#: The one cause two stages share (a table found by its grid, or in running text).
CAUSE_ROW_NOT_FOUND = "row not found; its cells are null"


def _names(values: Iterable[Any] | None) -> tuple:
    return tuple(dict.fromkeys(v for v in (values or ()) if v is not None))


@dataclass(frozen=True, init=False)
class ParseWarning:
    """One warning: a code, a sentence for people, its cause, and the region it covers.

    ``ParseWarning(code, message, table, row, column)`` warns about one row or
    cell; ``rows=``, ``columns=``, ``pages=`` give a larger region; ``cause=``
    the region-free reason that ``aggregate`` groups by, ``detail=`` the
    instance's own fact a merged message quotes. ``count`` is how many
    warnings of the stages this one stands for.
    """

    code: WarningCode
    message: str
    table: str | None
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    pages: tuple[int, ...]
    cause: str | None
    count: int
    #: What a person needs of this instance when it is merged with others (the row's text, the label
    #: read); merged messages quote the first few. Not a field of the output, nor of equality.
    detail: str | None = field(compare=False)

    def __init__(self, code: WarningCode, message: str, table: str | None = None, row: str | None = None,
                 column: str | None = None, *, rows: Iterable[str] = (), columns: Iterable[str] = (),
                 pages: Iterable[int] = (), cause: str | None = None, count: int = 1,
                 detail: str | None = None) -> None:
        object.__setattr__(self, "code", WarningCode(code))
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "table", table)
        object.__setattr__(self, "rows", _names((row, *rows)))
        object.__setattr__(self, "columns", _names((column, *columns)))
        object.__setattr__(self, "pages", tuple(sorted(set(pages))))
        object.__setattr__(self, "cause", cause)
        object.__setattr__(self, "count", max(1, int(count)))
        object.__setattr__(self, "detail", detail)

    @property
    def row(self) -> str | None:
        """The row, when the warning is about exactly one."""
        return self.rows[0] if len(self.rows) == 1 else None

    @property
    def column(self) -> str | None:
        """The column, when the warning is about exactly one."""
        return self.columns[0] if len(self.columns) == 1 else None

    @property
    def severity(self) -> Severity:
        return self.code.severity

    def cells(self) -> Iterator[tuple[str, str, str | None]]:
        """The cells the warning covers: (table, row, column), column None for whole rows.
        Nothing for a warning about a table as a whole or about no table."""
        if self.table is None:
            return
        for row in self.rows:
            for column in self.columns or (None,):
                yield self.table, row, column

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code.value, "severity": self.severity.value, "message": self.message}
        if self.cause is not None:
            out["cause"] = self.cause
        if self.table is not None:
            out["table"] = self.table
        for key in ("rows", "columns", "pages"):
            if value := getattr(self, key):
                out[key] = list(value)
        if self.count > 1:
            out["count"] = self.count
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ParseWarning:
        """``to_dict``'s output read back; also the older form with one ``row`` and ``column``."""
        return cls(WarningCode(data["code"]), data.get("message", ""), data.get("table"), data.get("row"),
                   data.get("column"), rows=data.get("rows") or (), columns=data.get("columns") or (),
                   pages=data.get("pages") or (), cause=data.get("cause"), count=data.get("count") or 1)


# ------------------------------------------------------------ aggregation --

_SHOWN_NAMES = 5


def _listed(names: Sequence[Any]) -> str:
    if len(names) <= _SHOWN_NAMES:
        return ", ".join(map(str, names))
    return f"{', '.join(map(str, names[:3]))} … {names[-1]}"


def _region(rows: Sequence[str], columns: Sequence[str], pages: Sequence[int]) -> str:
    parts = []
    if rows:
        parts.append(f"{'row' if len(rows) == 1 else f'{len(rows)} rows'}: {_listed(rows)}")
    if columns:
        parts.append(f"{'column' if len(columns) == 1 else f'{len(columns)} columns'}: {_listed(columns)}")
    if pages:
        parts.append(f"{'page' if len(pages) == 1 else 'pages'} {_listed(pages)}")
    return f" [{'; '.join(parts)}]" if parts else ""


@dataclass
class _Group:
    first: ParseWarning
    messages: dict[str, None]
    #: instances' details by their first row (None: no row)
    details: dict[str | None, dict[str, None]]
    #: row -> columns (None: the whole row), in order of appearance
    row_columns: dict[str, dict[str, None] | None]
    #: columns named with no row (a column of the table, or of no table)
    columns: dict[str, None]
    pages: set[int]
    count: int = 0
    #: some instance names no row (it is about the table, a column, pages, or nothing in particular)
    rowless: bool = False
    #: stage warnings by their first row (None: no row), so a group cut in rectangles shares its count out
    counts: dict[str | None, int] | None = None


def aggregate(warnings: Iterable[ParseWarning], *, resolved: Iterable[tuple[str, str, str]] = ()) -> list[ParseWarning]:
    """One warning per cause and region (see the module doc), in order of first appearance.

    ``resolved`` cells (table, row, column) are taken out of the warnings that
    name them cell by cell (a person's correction settled them); a warning
    left with no cell is dropped. Idempotent: aggregating its own output
    gives the same list.
    """
    done = {tuple(c) for c in resolved}
    groups: dict[tuple, _Group] = {}
    for w in warnings:
        key = (w.code, w.table, ("cause", w.cause) if w.cause is not None else ("message", w.message))
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(w, {}, {}, {}, {}, set(), counts={})
        kept_rows = 0
        for row in w.rows:
            columns = [c for c in w.columns if (w.table, row, c) not in done]
            if w.columns and not columns:
                continue  # every cell of this row was settled
            kept_rows += 1
            have = group.row_columns.get(row, {}) if row in group.row_columns else {}
            if not w.columns or have is None:
                group.row_columns[row] = None
            else:
                have.update(dict.fromkeys(columns))
                group.row_columns[row] = have
        if w.rows and not kept_rows:
            if group.count == 0 and not group.row_columns:
                del groups[key]
            continue
        if not w.rows:
            group.rowless = True
            group.columns.update(dict.fromkeys(w.columns))
        group.messages[w.message] = None
        first = next((r for r in w.rows if r in group.row_columns), None)
        if w.detail:
            group.details.setdefault(first, {})[w.detail] = None
        group.pages.update(w.pages)
        group.count += w.count
        assert group.counts is not None
        group.counts[first] = group.counts.get(first, 0) + w.count
    out: list[ParseWarning] = []
    for (code, table, _), group in groups.items():
        out += _split(code, table, group)
    return _unique_messages(out)


def _split(code: WarningCode, table: str | None, group: _Group) -> list[ParseWarning]:
    """A group's warnings: one per set of columns its rows have (a rectangle each), plus
    one for what it says about the table, a column or pages without rows."""
    by_columns: dict[tuple[str, ...] | None, list[str]] = {}
    for row, row_cols in group.row_columns.items():
        by_columns.setdefault(tuple(row_cols) if row_cols is not None else None, []).append(row)
    regions: list[tuple[list[str], tuple[str, ...]]] = [(rows, cols or ()) for cols, rows in by_columns.items()]
    if group.rowless or not regions:
        regions.append(([], tuple(group.columns)))
    one = len(regions) == 1
    out = []
    for rows, columns in regions:
        counts = group.counts or {}
        keys: list[str | None] = list(rows) if rows else [None]
        count = group.count if one else sum(counts.get(r, 0) for r in keys)
        details = [d for r in keys for d in group.details.get(r, {})]
        detail = _details(details)[2:-1] or None  # kept, so that aggregating again words it the same
        if len(group.messages) == 1 and one:
            message = next(iter(group.messages))  # one instance, or the same words every time
            detail = group.first.detail if len(details) <= 1 else detail
        else:
            cause = group.first.cause or group.first.message
            prefix = f"{table}: " if table and not cause.startswith(f"{table}") else ""
            message = prefix + cause + _region(rows, columns, sorted(group.pages)) + _details(details)
        # Cut in several regions, a warning without a cause keeps its words as its cause (its message
        # now names its region), so that it still groups with its kind.
        cause_out = group.first.cause if group.first.cause is not None or one else group.first.message
        out.append(ParseWarning(code, message, table, rows=rows, columns=columns, pages=group.pages,
                                cause=cause_out, count=count, detail=detail))
    return out


_SHOWN_DETAILS = 4


def _details(details: list[str]) -> str:
    if not details:
        return ""
    more = f" and {len(details) - _SHOWN_DETAILS} more" if len(details) > _SHOWN_DETAILS else ""
    return f" ({'; '.join(details[:_SHOWN_DETAILS])}{more})"


def _unique_messages(warnings: list[ParseWarning]) -> list[ParseWarning]:
    """Never the same code and message twice: a repeat (two causes worded alike) gets its region spelt out."""
    seen: dict[tuple[WarningCode, str], int] = {}
    out = []
    for w in warnings:
        key = (w.code, w.message)
        if key in seen:
            named = f"{w.table}: {w.message}" if w.table and not w.message.startswith(w.table) else w.message
            message = named + _region(w.rows, w.columns, w.pages)
            if (w.code, message) in seen or message == w.message:
                message = f"{message} ({seen[key] + 1})"
            seen[key] += 1
            w = ParseWarning(w.code, message, w.table, rows=w.rows, columns=w.columns, pages=w.pages,
                             cause=w.cause if w.cause is not None else w.message, count=w.count, detail=w.detail)
        seen.setdefault((w.code, w.message), 1)
        out.append(w)
    return out


def per_cell(warnings: Iterable[ParseWarning]) -> dict[tuple[str, str, str | None], list[ParseWarning]]:
    """The per-cell view: (table, row, column) → the warnings that cover that cell
    (column None: the warning covers the whole row)."""
    out: dict[tuple[str, str, str | None], list[ParseWarning]] = {}
    for w in warnings:
        for cell in w.cells():
            out.setdefault(cell, []).append(w)
    return out
