"""Evidence on every number: ``confirmed_by`` on each cell with a value.

Labels come from the documents' label files (the generators' data): where a
report's arithmetic holds, its cells are confirmed by the rules they are
terms of; where the generator planted an error, the failing rule confirms
nothing; where the narrative states a figure the table has, ``narrative``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

import giaparse
from giaparse import export
from giaparse.document import RawGrid
from giaparse.evidence import check_cells, confirmations
from giaparse.pipeline import read_document, report_of

from .conftest import CORPUS, corpus_documents

ARITH = CORPUS / "html" / "2019_arith_error.html"
DISAGREES = CORPUS / "html" / "2021_text_disagrees.html"


def _label(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".label.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("doc", corpus_documents(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_confirmed_by_names_exactly_the_passing_checks_the_cell_is_a_term_of(doc: Path):
    report = giaparse.parse(doc)
    out = report.to_dict()
    # Recomputed from the checks' own terms (which name rows or columns, not cells).
    expected: dict[tuple, set] = {}
    for check in out["checks"]:
        if check["status"] != "pass" or check["id"] == "text_vs_table":
            continue
        assert None not in check["left"]["terms"].values() and None not in check["right"]["terms"].values()
        for cell in check_cells(check):
            expected.setdefault(cell, set()).add(check["id"])
    for table, row, column, cell in report.tables.cells():
        if cell.value is None:
            assert cell.confirmed_by is None and "confirmed_by" not in cell.to_dict()
            continue
        got = set(cell.confirmed_by) - {"narrative", "two_readings", "human"}
        assert got == expected.get((table, row, column), set()), (table, row, column)


def test_a_planted_error_confirms_nothing_and_the_rest_is_confirmed():
    # make_html.py planted errors in 自然人's balance and sum and in 行政复议's total.
    report = giaparse.parse(ARITH)
    requests = report.tables.requests
    failed = {(c.id, c.subject) for c in report.failed_checks}
    assert ("requests.balance", "natural_person") in failed
    for row in ("new_received", "carried_over", "total", "carried_forward"):
        cell = requests[row]["natural_person"]
        assert "requests.balance" not in cell.confirmed_by
    # 商业企业's column holds: its balance rows are confirmed by the balance.
    for row in ("new_received", "carried_over", "total", "carried_forward"):
        assert "requests.balance" in requests[row]["commercial"].confirmed_by
    # 科研机构 is blank throughout (null): every rule with it as a term is skipped, so the
    # row totals confirm nothing in this report, and no null cell is "confirmed".
    assert requests["granted"]["research"].value is None
    assert all("requests.row_total" not in cell.confirmed_by for cells in requests.values()
               for cell in cells.values() if cell.value is not None)
    review = report.tables.review_litigation
    assert all("review_litigation.total" not in c.confirmed_by for c in review["review"].values()
               if c.value is not None)
    assert all("review_litigation.total" in c.confirmed_by for c in review["litigation_direct"].values())


def test_a_check_with_a_null_term_confirms_nothing():
    tables = {"review_litigation": {"review": {"upheld": {"value": 1}, "corrected": {"value": None},
                                               "other": {"value": 0}, "pending": {"value": 0},
                                               "total": {"value": 1}}}}
    checks = giaparse.checks.run_checks(tables)
    assert {c["status"] for c in checks if c["subject"] == "review"} == {"skipped"}
    assert confirmations(tables, checks)[("review_litigation", "review", "upheld")] == []
    # A forged "pass" with a null term is still no evidence.
    forged = [{"id": "review_litigation.total", "subject": "review", "status": "pass",
               "left": {"terms": {"total": 1}, "sum": 1},
               "right": {"terms": {"upheld": 1, "corrected": None}, "sum": 1}}]
    assert confirmations(tables, forged)[("review_litigation", "review", "total")] == []


def test_narrative_confirms_the_figures_the_text_states_as_the_table_has_them():
    label = _label(DISAGREES)
    report = giaparse.parse(DISAGREES)
    seen = 0
    for path, stated in label["text_states"].items():
        if "+" in path:
            continue  # a stated sum vouches for no single cell
        table, row, column = path.split(".")
        cell = report.tables.grid(table)[row][column]
        truth = label["tables"][table][row][column]
        assert ("narrative" in cell.confirmed_by) == (stated == truth), path
        seen += 1
    assert seen >= 3


def test_two_readings_is_fed_by_the_readers_provenance():
    # No reader reads a cell twice yet; the hook: a reader that does sets Provenance.readings.
    data = (CORPUS / "html" / "2021_city_gbk.html").read_bytes()
    doc = read_document(data, "x.html")
    doc.blocks = [RawGrid([[replace(c, source=replace(c.source, readings=2)) if c.source else c for c in row]
                           for row in b.rows], b.spans, b.origin, b.col_edges) if isinstance(b, RawGrid) else b
                  for b in doc.blocks]
    report = report_of(doc, data, "x.html")
    read = [cell for *_, cell in report.tables.cells() if cell.value is not None and cell.source is not None]
    assert read and all("two_readings" in cell.confirmed_by for cell in read)
    assert all(cell.source.readings == 2 for cell in read)
    plain = giaparse.parse(data, name="x.html")
    assert not any("two_readings" in (c.confirmed_by or ()) for *_, c in plain.tables.cells())


def test_exports_carry_the_confirmed_column():
    report = giaparse.parse(ARITH)
    rows = list(csv.DictReader(io.StringIO(export.csv_text(export.cell_rows(report)))))
    by_cell = {(r["table"], r["row"], r["column"]): r for r in rows}
    blank = by_cell[("requests", "granted", "research")]
    assert blank["value"] == "" and blank["confirmed"] == "" and blank["confirmed_by"] == ""
    confirmed = by_cell[("requests", "new_received", "commercial")]
    assert confirmed["confirmed"] == "true" and "requests.balance" in confirmed["confirmed_by"].split()
    unconfirmed = by_cell[("requests", "new_received", "natural_person")]
    assert unconfirmed["confirmed"] == "false" and unconfirmed["confirmed_by"] == ""
    df = report.to_frame()
    assert str(df["confirmed"].dtype) == "boolean"
    assert df["confirmed"].isna().sum() == sum(1 for *_, c in report.tables.cells() if c.value is None)
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(export.parquet_bytes(export.cell_rows(report))))
    assert str(table.schema.field("confirmed").type) == "bool"
    assert table.column("confirmed").null_count == df["confirmed"].isna().sum()
