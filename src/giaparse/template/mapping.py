"""Aligned tables → the canonical ``tables`` object.

Rows are matched by label (``templates`` patterns), columns by header
path when the source gave positions, else by the template's column order
when the count agrees. Every cell goes through ``normalise_value``; every
cell that could not be read becomes ``null`` with a warning. Tables found
in several pieces (split by a page break, or table 2 written as one table
per 第二十条 item) are merged: the first piece that has a row wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import regex

from ..core import AlignedRow, Column, Segment
from ..diagnostics import CAUSE_ROW_NOT_FOUND, ParseWarning, WarningCode
from ..document import Provenance
from ..values import CellValue, Placement, normalise_value
from . import identities
from .continued import join_fragments
from .locate import LocatedTable
from .match import FuzzyColumn, align_in_order, first_match, key_of
from .rows import has_values, key_function, mend_broken_labels, output_keys, resolve_table
from .solve import resolve_lost_rows
from .templates import (
    PROACTIVE_FIELDS,
    REQUEST_COLUMNS,
    REVIEW_GROUP_ORDER,
    REVIEW_GROUPS,
    REVIEW_RESULTS,
    TABLE_ORDER,
    TemplateTable,
    compiled,
)

Found = dict[str, dict[str, CellValue]]

#: Causes (``ParseWarning.cause``): what went wrong, in words that do not say where.
CAUSE_CELL_NOT_FOUND = "cell not found; it is null"
_VALUE_CAUSES = {
    WarningCode.CELL_UNREADABLE: "cell text is not a number; the cell is null (its text is kept in raw)",
    WarningCode.UNIT_MISSING: "money cell with no unit, in a column whose header gives none; taken as written",
}
_UNIT = regex.compile(r"(亿元|万元|千元|元)")
_MIN_HEADER_HITS = 3


class _Mapper:
    """Collects warnings while one document's tables are mapped."""

    def __init__(self, template: TemplateTable) -> None:
        self.template = template
        self.warnings: list[ParseWarning] = []
        #: Rows that lost cells: {table: {row key ("*" for table 4's one row): surviving texts}}, for ``solve``.
        self.lost_rows: dict[str, dict[str, tuple[str, ...]]] = {}
        #: ... and where each surviving text was read, in the same order.
        self.lost_sources: dict[str, dict[str, tuple[Provenance | None, ...]]] = {}
        #: Row keys taken by their place, not their label ({table: keys}).
        self.by_position: dict[str, set[str]] = {}
        #: Rows whose cells rest on a reading that needs the row's arithmetic to confirm it
        #: ({table: {row key or "*": why}}): a cell holding several numbers split into cells,
        #: or columns taken by their count alone under a header that was not read.
        self.unconfirmed: dict[str, dict[str, str]] = {}

    def warn(self, code: WarningCode, message: str, table: str, row: str | None = None, column: str | None = None,
             *, cause: str | None = None, columns: Sequence[str] = (), detail: str | None = None) -> None:
        self.warnings.append(ParseWarning(code, message, table, row, column, cause=cause, columns=columns,
                                          detail=detail))

    # ---------------------------------------------------------------- cells --

    def cell(self, text: str | None, table: str, row: str, column: str, *, money: bool = False,
             header_unit: str | None = None, source: Provenance | None = None,
             placement: str | None = None) -> CellValue:
        if placement is None and row in self.by_position.get(table, ()):
            placement = Placement.ROW_POSITION
        value = normalise_value(text, money=money, header_unit=header_unit).located(source, placement)
        if value.problem is WarningCode.CELL_MISSING:
            self.warn(value.problem, f"{table}.{row}.{column}: cell not found", table, row, column,
                      cause=CAUSE_CELL_NOT_FOUND)
        elif value.problem is not None:
            self.warn(value.problem, f"{table}.{row}.{column}: {value.detail or value.problem.value}",
                      table, row, column, cause=_VALUE_CAUSES.get(value.problem),
                      detail=f"{row}.{column}: {value.raw!r}")
        return value

    def ambiguous(self, row: AlignedRow, table: str, key: str, columns: Sequence[str]) -> dict[str, CellValue]:
        slot = "*" if table == "review_litigation" else key
        self.lost_rows.setdefault(table, {})[slot] = row.unassigned
        if row.merged:
            self.unconfirmed.setdefault(table, {})[slot] = "a cell held several numbers, split into cells"
        self.lost_sources.setdefault(table, {})[slot] = row.unassigned_sources
        found = ", ".join(row.unassigned)
        self.warn(
            WarningCode.CELL_AMBIGUOUS,
            f"{table}.{key}: the row has {len(row.unassigned)} cell(s) ({found}) for {len(columns)} columns; "
            "which column each belongs to cannot be told, so all are left null",
            table, key, columns=columns,
            cause="the row has fewer cells than columns and which column each belongs to cannot be told; "
                  "its cells are left null",
        )
        return {c: CellValue(None, None, WarningCode.CELL_AMBIGUOUS) for c in columns}

    def unmatched_row(self, row: AlignedRow, table: str) -> None:
        if any(v for v in row.values) or row.unassigned:
            label = " › ".join(row.labels) or "(no label)"
            self.warn(WarningCode.ROW_UNMATCHED, f"{table}: row {label!r} matches no template row; ignored", table)

    def missing_rows(self, table: str, found: Found, keys: Sequence[str], columns_of
                     ) -> dict[str, dict[str, CellValue]]:
        """The table in template order; rows never found are null with one warning each."""
        out: dict[str, dict[str, CellValue]] = {}
        for key in keys:
            if key in found:
                out[key] = found[key]
                continue
            cols = columns_of(key)
            self.warn(WarningCode.ROW_MISSING, f"{table}.{key}: row not found; its cells are null", table, key,
                      cause=CAUSE_ROW_NOT_FOUND)
            out[key] = {c: CellValue(None, None, WarningCode.CELL_MISSING) for c in cols}
        return out

    # ------------------------------------------------------------ table 2 --

    def resolve(self, table: str, segments: list[Segment]) -> dict[int, str]:
        keys, warnings = resolve_table(table, segments, self.template)
        self.warnings += warnings
        self.by_position[table] = {w.row for w in warnings if w.code is WarningCode.ROW_BY_POSITION and w.row}
        return keys

    def proactive(self, segments: list[Segment]) -> dict[str, Any]:
        table = "proactive"
        found: Found = {}
        keys = self.resolve(table, segments)
        for seg in segments:
            fields = [first_match(PROACTIVE_FIELDS, c.leaf) if c.path else None for c in seg.columns]
            units = [(_UNIT.search(c.leaf).group(1) if _UNIT.search(c.leaf) else None) for c in seg.columns]
            for row in seg.rows:
                key = keys.get(id(row))
                item = self.template.item(key) if key is not None else None
                if item is None:
                    self.unmatched_row(row, table)
                    continue
                if item.key in found:
                    continue
                if row.unassigned:
                    found[item.key] = self.ambiguous(row, table, item.key, item.fields)
                    continue
                unplaced = not any(f in fields for f in item.fields)
                if unplaced and any(v and v.strip() for v in row.values[len(item.fields):]):
                    # Figures past the row's cell count, and no header to say which columns are its:
                    # which numbers are whose cannot be told by counting (table 2 has no arithmetic).
                    self.warn(WarningCode.COLUMN_UNMATCHED,
                              f"{table}.{item.key}: figures in {len(row.values)} value columns for {len(item.fields)} "
                              "cells and no header read over them; the row is left null", table, item.key,
                              columns=item.fields,
                              cause="figures in more columns than the row has cells, no header read over them; "
                                    "left null")
                    found[item.key] = {f: CellValue(None, None, WarningCode.COLUMN_UNMATCHED) for f in item.fields}
                    continue
                # The row's cells fill the table's first columns (a wider table's rest is blank for it).
                positional = unplaced and len(row.values) >= len(item.fields)
                cells: dict[str, CellValue] = {}
                for i, field in enumerate(item.fields):
                    idx = i if positional else (fields.index(field) if field in fields else None)
                    text = row.values[idx] if idx is not None and idx < len(row.values) else None
                    unit = (units[idx] if idx is not None and idx < len(units) else None) or self.template.amount_unit
                    cells[field] = self.cell(text, table, item.key, field, money=field == "amount", header_unit=unit,
                                             source=row.source_of(idx) if idx is not None else None,
                                             placement=Placement.COLUMN_ORDER if positional else None)
                found[item.key] = cells
        items = self.missing_rows(table, found, [i.key for i in self.template.proactive_items],
                                  lambda k: self.template.item(k).fields)
        return {"template": self.template.edition, "items": items}

    # ------------------------------------------------------------ table 3 --

    def fuzzy_columns(self, table: str, fuzzy: Sequence[FuzzyColumn], group: str | None = None) -> None:
        """One warning per column header taken by the tolerant comparison (``match.align_in_order``)."""
        for hit in fuzzy:
            column = hit.key if group is None else f"{group}.{hit.key}"
            self.warn(WarningCode.LABEL_FUZZY_MATCH,
                      f"{table}: column header {hit.label!r} deviates from the template; taken as "
                      f"{hit.canonical!r} ({column}: nearest by {hit.score:.2f}, the next by "
                      f"{hit.score - hit.margin:.2f}; it stands alone between its matched neighbours, where "
                      "only that column is left)", table, column=column,
                      detail=f"{hit.label!r} as {hit.canonical!r}",
                      cause="column headers off the template's wording, each taken as the one template column "
                            "left between its matched neighbours, where it is clearly the nearest")

    def _header_hits(self, seg: Segment, labels: Sequence[str]) -> int:
        text = key_of(seg.header_text())
        return sum(1 for label in labels if label in text)

    def request_columns(self, seg: Segment) -> tuple[list[str | None] | None, bool]:
        """The template column of each value column, and whether that rests on the count alone."""
        if seg.positioned:
            fuzzy: list[FuzzyColumn] = []
            columns = align_in_order([c.leaf for c in seg.columns], REQUEST_COLUMNS, fuzzy)
            self.fuzzy_columns("requests", fuzzy)
            return columns, False
        if len(seg.columns) == len(REQUEST_COLUMNS):
            blind = self._header_hits(seg, [labels[0] for _, labels in REQUEST_COLUMNS]) < _MIN_HEADER_HITS
            if blind:
                self.warn(WarningCode.COLUMN_UNMATCHED,
                          "requests: column headers not recognised; columns taken in template order, each row "
                          "kept only where its total confirms it", "requests")
            return [key for key, _ in REQUEST_COLUMNS], blind
        return None, False

    def requests(self, segments: list[Segment]) -> dict[str, Any]:
        table = "requests"
        all_columns = [key for key, _ in REQUEST_COLUMNS]
        found: Found = {}
        keys = self.resolve(table, segments)
        for seg in segments:
            columns, blind = self.request_columns(seg)
            by_order = Placement.COLUMN_ORDER if columns is not None and not seg.positioned else None
            # A segment of rows whose figures are all unplaced (``fragments``: no columns at all) needs none.
            unplaced = not seg.columns and all(r.unassigned or not has_values(r) for r in seg.rows)
            if columns is None and not unplaced:
                self.warn(WarningCode.COLUMN_UNMATCHED,
                          f"requests: {len(seg.columns)} value columns where the template has 7, and no header "
                          "positions to tell them apart; this part of the table is skipped", table)
                continue
            for row in seg.rows:
                key = keys.get(id(row))
                if key is None:
                    self.unmatched_row(row, table)
                    continue
                if key in found:
                    continue
                if row.unassigned:
                    found[key] = self.ambiguous(row, table, key, all_columns)
                    continue
                if columns is None:
                    continue
                at = {col: i for i, col in enumerate(columns) if col is not None and i < len(row.values)}
                if blind:
                    self.unconfirmed.setdefault(table, {})[key] = "columns taken by their count, the header unread"
                found[key] = {col: self.cell(row.values[at[col]] if col in at else None, table, key, col,
                                             source=row.source_of(at[col]) if col in at else None,
                                             placement=by_order)
                              for col in all_columns}
        return self.missing_rows(table, found, output_keys(self.template, found), lambda k: all_columns)

    # ------------------------------------------------------------ table 4 --

    def review_columns(self, seg: Segment) -> list[tuple[str, str] | None] | None:
        # Positioned, but with leaf labels only (a flattened bottom header row), the
        # group of a column is unknown: then the template order decides, as below.
        if seg.positioned and any(len(c.path) > 1 for c in seg.columns):
            groups = []
            for col in seg.columns:
                group = next((g for label in reversed(col.path[:-1])
                              if (g := first_match(REVIEW_GROUPS, label)) is not None), None)
                groups.append(group)
            out: list[tuple[str, str] | None] = [None] * len(seg.columns)
            for group in REVIEW_GROUP_ORDER:
                idx = [i for i, g in enumerate(groups) if g == group]
                fuzzy: list[FuzzyColumn] = []
                results = align_in_order([seg.columns[i].leaf for i in idx], REVIEW_RESULTS, fuzzy)
                self.fuzzy_columns("review_litigation", fuzzy, group)
                for i, result in zip(idx, results, strict=False):
                    out[i] = (group, result) if result else None
            return out
        expected = [(g, r) for g in REVIEW_GROUP_ORDER for r, _ in REVIEW_RESULTS]
        if len(seg.columns) == len(expected):
            if self._header_hits(seg, ["行政复议", "行政诉讼", "直接起诉", "复议后起诉"]) < _MIN_HEADER_HITS:
                self.warn(WarningCode.COLUMN_UNMATCHED,
                          "review_litigation: column headers not recognised; columns taken in template order, "
                          "each group kept only where its total confirms it", "review_litigation")
                self.unconfirmed.setdefault("review_litigation", {})["*"] = \
                    "columns taken by their count, the header unread"
            return list(expected)
        return None

    def review_litigation(self, segments: list[Segment]) -> dict[str, Any]:
        table = "review_litigation"
        results = [r for r, _ in REVIEW_RESULTS]
        found: Found = {}
        for seg in segments:
            columns = self.review_columns(seg)
            rows = [r for r in seg.rows if any(v for v in r.values) or r.unassigned]
            if columns is None or not rows:
                continue
            row = rows[0]
            if row.unassigned:
                for group in REVIEW_GROUP_ORDER:
                    found.setdefault(group, self.ambiguous(row, table, group, results))
                continue
            by_order = None if seg.positioned and any(len(c.path) > 1 for c in seg.columns) else Placement.COLUMN_ORDER
            at: dict[tuple[str, str], int] = {}
            for i, col in enumerate(columns):
                if col is not None and i < len(row.values):
                    at.setdefault(col, i)
            for group in REVIEW_GROUP_ORDER:
                if group not in found and any((group, r) in at for r in results):
                    found[group] = {r: self.cell(row.values[at[(group, r)]] if (group, r) in at else None,
                                                 table, group, r,
                                                 source=row.source_of(at[(group, r)]) if (group, r) in at else None,
                                                 placement=by_order)
                                    for r in results}
        return self.missing_rows(table, found, REVIEW_GROUP_ORDER, lambda k: results)


def _dump(obj: Any) -> Any:
    if isinstance(obj, CellValue):
        return obj.to_dict()
    if isinstance(obj, dict):
        return {k: _dump(v) for k, v in obj.items()}
    return obj


def _row_matcher(kind: str, template: TemplateTable):
    """Whether a label path names a row of table ``kind`` on its own."""
    if kind == "requests":
        return lambda labels: first_match(template.request_rows, labels[-1], labels[:-1]) is not None
    if kind == "proactive":
        return lambda labels: any(compiled(i.pattern).search(key_of(labels[-1])) for i in template.proactive_items)
    return lambda labels: bool(labels)


_WHOLE_NUMBER = regex.compile(r"^\s*[0-9０-９]+\s*$")


def _number(text: str | None) -> int | None:
    return int(text.strip()) if text and _WHOLE_NUMBER.match(text) else None


def _request_row_check(columns: Sequence[Column], values: Sequence[str | None]) -> bool | None:
    """Table 3's row identity (总计 = the six applicant columns) on a row placed under ``columns``."""
    keys = align_in_order([c.leaf for c in columns], REQUEST_COLUMNS)
    at = {k: i for i, k in enumerate(keys) if k is not None}
    if len(at) != len(REQUEST_COLUMNS):
        return None
    numbers = {k: _number(values[i]) for k, i in at.items()}
    if any(values[i] and numbers[k] is None for k, i in at.items()):
        return False  # text that is no number under a number column
    total = numbers.pop("total")
    if total is None:
        return None
    # A blank applicant cell counts as 0 here: it only tests where the texts go.
    if sum(v or 0 for v in numbers.values()) != total:
        return False
    return True if total else None


def _row_check(kind: str):
    """The row identities that decide a continued page's columns where positions cannot."""
    return _request_row_check if kind == "requests" else None


def _blank(text: str | None) -> bool:
    return text is None or text.strip() in _BLANK


def _identity_verdicts(grid: Mapping[tuple[str, str], str | None], continued: set[tuple[str, str]],
                       rules: Sequence[identities.Identity]) -> dict[str, bool]:
    """Each identity of ``rules`` with a continued cell among its terms, tested on ``grid``'s texts:
    True where it holds with a non-zero term, False where it fails or a term is text that is no
    number; left out where a term's row was not read, or all terms are 0. A blank cell counts 0 here
    (as ``confirm_rows`` counts it): it only tests where the texts go, and placements that differ in
    which cell holds 0 and which is blank read differently, so they never make one reading."""
    out: dict[str, bool] = {}
    for identity in rules:
        cells = identity.cells
        if not any(cell in continued for cell in cells):
            continue
        name = f"{identity.check_id} {identity.subject}"
        sides = []
        for side in (identity.left, identity.right):
            total: int | None = 0
            for _, row, col in side:
                text = grid.get((row, col))
                if (row, col) not in grid:
                    total = None
                    break
                if _blank(text):
                    continue
                number = _number(text)
                if number is None:
                    out[name] = False
                    total = None
                    break
                total += number  # type: ignore[operator]
            sides.append(total)
            if total is None:
                break
        if name in out or len(sides) < 2 or None in sides:
            continue
        if sides[0] != sides[1]:
            out[name] = False
        elif sides[0]:
            out[name] = True
    return out


def _request_table_check(template: TemplateTable):
    """Table 3's identities over whole rows (the row totals, 总计 = the result rows per column, the
    balance 一+二 = 三总计+四 per column) for a continued part placed under the reference columns."""
    rows = [spec.key for spec in template.request_rows]
    rules = identities.request_identities(rows)

    def check(columns: Sequence[Column], earlier: Sequence[AlignedRow], continued: Sequence[AlignedRow]
              ) -> dict[str, bool]:
        keys = align_in_order([c.leaf for c in columns], REQUEST_COLUMNS)
        grid: dict[tuple[str, str], str | None] = {}
        cont: set[tuple[str, str]] = set()
        for part, from_continued in ((earlier, False), (continued, True)):
            for row in part:
                if row.unassigned or not row.labels:
                    continue
                key = first_match(template.request_rows, row.labels[-1], row.labels[:-1])
                if key is None or (key, "total") in grid:
                    continue
                for col, text in zip(keys, row.values, strict=False):
                    if col is not None:
                        grid[key, col] = text
                        if from_continued:
                            cont.add((key, col))
        return _identity_verdicts(grid, cont, rules)

    return check


def _review_keys(columns: Sequence[Column]) -> list[tuple[str, str] | None]:
    """Table 4's (group, result) of each positioned column whose path names its group."""
    groups = [next((g for label in reversed(c.path[:-1]) if (g := first_match(REVIEW_GROUPS, label)) is not None),
                   None) for c in columns]
    out: list[tuple[str, str] | None] = [None] * len(columns)
    for group in REVIEW_GROUP_ORDER:
        idx = [i for i, g in enumerate(groups) if g == group]
        for i, result in zip(idx, align_in_order([columns[i].leaf for i in idx], REVIEW_RESULTS), strict=False):
            out[i] = (group, result) if result else None
    return out


def _review_table_check(columns: Sequence[Column], earlier: Sequence[AlignedRow], continued: Sequence[AlignedRow]
                        ) -> dict[str, bool]:
    """Table 4's group totals (总计 = 维持 + 纠正 + 其他 + 尚未审结) for its continued value row."""
    keys = _review_keys(columns)
    row = next((r for r in continued if not r.unassigned and any(r.values)), None)
    if row is None:
        return {}
    grid: dict[tuple[str, str], str | None] = {}
    for key, text in zip(keys, row.values, strict=False):
        if key is not None:
            grid[key] = text  # (group, result), as review_total names its terms (row, column)
    return _identity_verdicts(grid, set(grid), identities.review_total())


def _table_check(kind: str, template: TemplateTable):
    """The identities over whole rows that decide a continued page's columns where positions cannot."""
    if kind == "requests":
        return _request_table_check(template)
    if kind == "review_litigation":
        return _review_table_check
    return None


def map_tables(located: list[LocatedTable], template: TemplateTable) -> tuple[dict[str, Any], list[ParseWarning]]:
    """The canonical ``tables`` object and the warnings met on the way."""
    mapper = _Mapper(template)
    tables: dict[str, Any] = {}
    for kind in TABLE_ORDER:
        fragments = [t.table for t in located if t.kind == kind]
        notes: list[tuple[bool, str]] = []
        segments = join_fragments(fragments, _row_matcher(kind, template), _row_check(kind), notes,
                                   _table_check(kind, template))
        for decided, note in notes:
            mapper.warn(WarningCode.COLUMNS_BY_IDENTITY if decided else WarningCode.COLUMN_UNMATCHED,
                        f"{kind}: {note}", kind)
        if (key_fn := key_function(kind, template)) is not None:
            segments = mend_broken_labels(segments, key_fn)
        if not segments:
            mapper.warn(WarningCode.TABLE_MISSING, f"{kind}: table not found in the document", kind)
            continue
        tables[kind] = _dump(getattr(mapper, kind)(segments))
    # Rows that lost cells, placed by the table's arithmetic where it allows one placement (issue 6).
    tables, warnings = resolve_lost_rows(tables, mapper.lost_rows, mapper.warnings, _identities_of,
                                         mapper.lost_sources)
    return tables, warnings + confirm_rows(tables, mapper.unconfirmed)


def _row_identities(table: str, row: str, rows: list[str]) -> list[identities.Identity]:
    """The identities local to one row: table 3's row total, a table-4 group's total."""
    if table == "requests":
        return identities.row_total([row])
    if table == "review_litigation":
        return identities.review_total([row] if row != "*" else list(rows))
    return []


_BLANK = frozenset({"", "-", "—", "/", "／", "无"})


def _term(cell: Mapping[str, Any]) -> Any:
    """A cell as a term of a sum: its value, 0 where it was written blank, None where unread."""
    value = cell.get("value")
    raw = cell.get("raw")
    if value is None and isinstance(raw, str) and raw.strip() in _BLANK:
        return 0
    return value


#: The key under which a cell nulled for want of confirmation keeps its reading (never output: ``report.Cell``
#: reads ``value``, ``raw`` and ``source`` only).
WITHHELD = "withheld"


def confirm_rows(tables: dict[str, Any], unconfirmed: Mapping[str, Mapping[str, str]]) -> list[ParseWarning]:
    """Rows whose reading needs its arithmetic (``_Mapper.unconfirmed``) kept only where it holds.

    The row's own identity must hold with every term read; otherwise nothing
    could have told the reading wrong, and the row's values are made null
    with a warning (a check with null terms confirms nothing). Each nulled
    cell keeps its reading under ``WITHHELD``, for evidence only.
    """
    warnings: list[ParseWarning] = []
    for table, rows in unconfirmed.items():
        grid = tables.get(table)
        if not isinstance(grid, dict):
            continue
        for slot, why in rows.items():
            for identity in _row_identities(table, slot, list(grid)):
                terms = [_term(grid.get(r, {}).get(c, {})) for r, c in identity.cells]
                if any(isinstance(t, bool) or not isinstance(t, int | float) for t in terms):
                    held = False
                else:
                    left = sum(_term(grid[r][c]) for _, r, c in identity.left)
                    right = sum(_term(grid[r][c]) for _, r, c in identity.right)
                    held = abs(left - right) < 1e-6
                if held:
                    continue
                row = identity.subject
                cells = grid.get(row, {})
                read = [c for c, cell in cells.items() if cell.get("value") is not None]
                if not read and all(t is None for t in terms):
                    continue
                for c, cell in cells.items():
                    nulled = CellValue(None, None, WarningCode.CELL_AMBIGUOUS).to_dict()
                    if cell.get("value") is not None:
                        # Not output, but kept as evidence: a later stage that can re-read the cell (OCR)
                        # checks the identities this row takes part in with it (``reread``).
                        nulled[WITHHELD] = {k: cell.get(k) for k in ("value", "raw", "source")}
                    cells[c] = nulled
                warnings.append(ParseWarning(
                    WarningCode.CELL_AMBIGUOUS,
                    f"{table}.{row}: {why}; the row's total does not confirm that reading "
                    f"({'a term unread' if not isinstance(terms[0], int | float) or None in terms else 'it fails'})"
                    ", so its cells are left null", table, row,
                    cause=f"{table}: {why}, not confirmed by the row's total; left null"))
    return warnings


def _identities_of(table: str, rows: list[str]):
    return identities.request_identities(rows) if table == "requests" else identities.review_total()
