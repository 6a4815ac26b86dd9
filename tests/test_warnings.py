"""Warnings a person reads: one per cause and region, the per-cell view derivable, notes apart.

The aggregation is a property over any warnings the stages could emit
(hypothesis: random codes, causes, tables, rows, columns, pages): the cells
each (code, cause) covers are the same before and after, no code and message
appear twice, and aggregating again changes nothing. On the corpus, every
cell that was not read is covered by a warning, and the real flattened
report that carried 184 warnings (one per cell) carries a handful.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.batch import ConversionStatus, convert_one
from giaparse.diagnostics import INFORMATIONAL, ParseWarning, Severity, WarningCode, aggregate, per_cell
from giaparse.schema import load_schema

from .conftest import CORPUS, REAL, corpus_documents

SCHEMA = load_schema()
ROWS = ("new_received", "carried_over", "granted", "total", "carried_forward")
COLUMNS = ("natural_person", "commercial", "research", "total")


def _warning(code, cause, table, rows, columns, pages, message):
    return ParseWarning(code, message, table, rows=rows, columns=columns, pages=pages, cause=cause)


stage_warnings = st.lists(st.builds(
    _warning,
    st.sampled_from([WarningCode.CELL_AMBIGUOUS, WarningCode.CELL_MISSING, WarningCode.ROW_MISSING,
                     WarningCode.OCR_USED]),
    st.sampled_from([None, "cause one", "cause two"]),
    st.sampled_from([None, "requests", "review_litigation"]),
    st.lists(st.sampled_from(ROWS), max_size=3, unique=True),
    st.lists(st.sampled_from(COLUMNS), max_size=3, unique=True),
    st.lists(st.integers(1, 5), max_size=2),
    st.sampled_from(["a", "b", "the same words"])), max_size=25)


def _coverage(warnings):
    """(code, cause or message, table) -> the cells covered, a whole row as column None."""
    out: dict[tuple, set] = {}
    for w in warnings:
        key = (w.code, w.cause if w.cause is not None else w.message, w.table)
        cells = out.setdefault(key, set())
        if w.table is None:
            continue
        for row in w.rows:
            cells.update((row, c) for c in (w.columns or (None,)))
    # A whole row covers its cells: a cell also named on its own adds nothing.
    return {k: {(r, c) for r, c in v if c is None or (r, None) not in v} for k, v in out.items()}


@settings(max_examples=300, deadline=None)
@given(stage_warnings)
def test_aggregation_keeps_every_cell_and_never_repeats_a_message(warnings):
    out = aggregate(warnings)
    assert _coverage(out) == _coverage(warnings)
    pairs = Counter((w.code, w.message) for w in out)
    assert all(n == 1 for n in pairs.values()), pairs
    # Each stage warning is counted once, in the region of its first row (a region counts at least one).
    assert sum(w.count for w in warnings) <= sum(w.count for w in out) <= sum(w.count for w in warnings) + len(out)
    # Per cause and region: a (code, cause, table) is one warning per set of columns its rows have.
    for key in {(w.code, w.cause if w.cause is not None else w.message, w.table) for w in out}:
        column_sets = [w.columns for w in out if (w.code, w.cause if w.cause is not None else w.message,
                                                  w.table) == key and w.rows]
        assert len(column_sets) == len(set(column_sets))
    assert [w.to_dict() for w in aggregate(out)] == [w.to_dict() for w in out]


@given(stage_warnings)
def test_resolved_cells_leave_the_warnings(warnings):
    settled = {("requests", "total", "total"), ("requests", "granted", "natural_person")}
    out = aggregate(warnings, resolved=settled)
    covered = {cell for w in out for cell in w.cells()}
    assert not settled & covered


def test_a_warning_kind_with_no_cause_is_deduplicated_by_its_words():
    # A kind another stage adds later, before it gives causes: the same words twice are one warning.
    same = [ParseWarning(WarningCode.COLUMN_UNMATCHED, "requests: column headers not recognised", "requests")] * 4
    [one] = aggregate(same)
    assert one.count == 4 and one.message == same[0].message and one.to_dict()["count"] == 4


def test_per_cell_view_is_rows_times_columns():
    w = ParseWarning(WarningCode.CELL_AMBIGUOUS, "m", "requests", rows=["granted", "total"],
                     columns=["research", "total"], cause="c")
    assert set(per_cell([w])) == {("requests", r, c) for r in ("granted", "total") for c in ("research", "total")}
    assert ParseWarning.from_dict(w.to_dict()) == w
    # The older one-row-one-column form reads as a region of one cell.
    old = ParseWarning.from_dict({"code": "cell_missing", "message": "x", "table": "requests", "row": "total",
                                  "column": "total"})
    assert list(old.cells()) == [("requests", "total", "total")]


# ------------------------------------------------------------------ corpus --

DOCS = corpus_documents() + sorted(p for p in REAL.iterdir() if p.suffix in (".txt", ".pdf"))


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_unread_cell_is_covered_by_a_warning(doc: Path):
    report = giaparse.parse(doc)
    out = report.to_dict()
    jsonschema.validate(out, SCHEMA)
    assert all(n == 1 for n in Counter((w["code"], w["message"]) for w in out["warnings"]).values())
    covered = per_cell(w for w in report.warnings if w.severity is Severity.WARNING)
    whole_tables = {w.table for w in report.warnings if w.table and not w.rows and w.severity is Severity.WARNING}
    for table, row, column, cell in report.tables.cells():
        if cell.value is None and cell.raw is None:  # not read (a blank cell has raw "")
            assert ((table, row, column) in covered or (table, row, None) in covered or table in whole_tables), \
                f"{table}.{row}.{column} is null with no warning"


def test_the_flattened_real_report_reads_without_a_warning_a_cell():
    # corpus/real/hebei_jyt_2023.txt: table 3 flattened to one cell per line gave one
    # cell_ambiguous warning per cell (184). Read as a cell stream it is exact; what
    # it still says fits on a screen.
    report = giaparse.parse(REAL / "hebei_jyt_2023.txt")
    assert len(report.warnings) <= 8
    label = json.loads((REAL / "hebei_jyt_2023.label.json").read_text(encoding="utf-8"))
    for code in label.get("expect_warnings", []):
        assert code in {w.code.value for w in report.warnings}


def test_an_ambiguous_cell_stream_says_so_once_per_region():
    # pdfminer writes each page's part of table 3 column by column, in its own order of the columns,
    # so the figure runs of this real report can be read several ways and many cells are left null.
    # Those nulls are covered by a few warnings (one per cause and region), not one warning per cell.
    report = giaparse.parse(CORPUS / "pdftext" / "real_huaian_2024_pdfminer_text.txt")
    nulls = {(t, r, c) for t, r, c, cell in report.tables.cells() if cell.value is None}
    assert len(nulls) >= 20
    covered = {cell for w in report.warnings for cell in w.cells()}
    for table, row, column in nulls:
        assert (table, row, column) in covered or (table, row, None) in covered \
            or any(w.table == table and not w.rows for w in report.warnings)
    ambiguous = [w for w in report.warnings if w.code is WarningCode.CELL_AMBIGUOUS]
    assert sum(w.count for w in ambiguous) == len({c for w in ambiguous for c in w.cells()}) >= 10
    assert len(report.warnings) <= 10
    assert len({(w.code, w.message) for w in report.warnings}) == len(report.warnings)


def test_a_note_is_not_a_reason_for_partial_success():
    # The page's furniture was dropped (a note) and every check passes: a success.
    result = convert_one(CORPUS / "html" / "2019_county_utf8.html")
    assert [w.code for w in result.report.warnings] == [WarningCode.BOILERPLATE_REMOVED]
    assert result.report.warnings[0].severity is Severity.INFO
    assert not result.report.failed_checks
    assert result.status is ConversionStatus.SUCCESS
    assert result.report.to_dict()["warnings"][0]["severity"] == "info"
    # A real warning still is.
    assert convert_one(CORPUS / "text" / "seed003_xiacheng_2020_tabs.txt").status is ConversionStatus.PARTIAL_SUCCESS
    assert WarningCode.BOILERPLATE_REMOVED in INFORMATIONAL and WarningCode.CELL_AMBIGUOUS not in INFORMATIONAL
