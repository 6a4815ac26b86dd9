"""Long-format exports: every labelled corpus cell survives CSV and Parquet, nulls stay null."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import giaparse
from giaparse import export
from giaparse import wording as labels
from giaparse.template.templates import REQUEST_COLUMNS, REVIEW_GROUP_ORDER, REVIEW_RESULTS, TEMPLATES

from .conftest import CORPUS, corpus_documents

pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")


def _labelled(doc: Path) -> dict:
    stem = doc.name[: -len("".join(doc.suffixes[-1:]))]
    return json.loads((doc.parent / f"{stem}.label.json").read_text(encoding="utf-8"))


def _labelled_cells(label: dict):
    for table, rows in label.get("tables", {}).items():
        for row, cols in rows.items():
            for col in cols:
                yield table, row, col


@pytest.fixture(scope="module")
def corpus_results():
    docs = corpus_documents()
    results = [r for r in giaparse.convert_many(docs, jobs=2) if r.report is not None]
    assert len(results) >= 30
    return results


def _key(path, table, row, col):
    return (str(path), table, row, col)


def _expected(results):
    """(path, table, row, column) -> (value, raw) from the reports, for every labelled cell."""
    out = {}
    for result in results:
        tables = result.report.tables
        for table, row, col in _labelled_cells(_labelled(Path(result.input))):
            cell = tables.grid(table)[row][col]
            out[_key(result.input, table, row, col)] = (cell.value, cell.raw)
    return out


def test_csv_round_trips_every_labelled_cell(corpus_results, tmp_path: Path):
    expected = _expected(corpus_results)
    assert len(expected) > 2000
    text = export.csv_text(export.rows_of(corpus_results))
    back = {}
    for r in csv.DictReader(io.StringIO(text)):
        value = None if r["value"] == "" else float(r["value"])
        back[_key(r["path"], r["table"], r["row"], r["column"])] = (value, r["raw"] or None)
    for key, (value, raw) in expected.items():
        # CSV has one empty field for both a null and an empty text (documented in giaparse.export)
        assert back[key] == (None if value is None else float(value), raw or None), key


def test_parquet_round_trips_every_labelled_cell(corpus_results, tmp_path: Path):
    expected = _expected(corpus_results)
    path = tmp_path / "cells.parquet"
    path.write_bytes(export.parquet_bytes(export.rows_of(corpus_results)))
    table = pq.read_table(path).to_pylist()
    back = {_key(r["path"], r["table"], r["row"], r["column"]): (r["value"], r["raw"]) for r in table}
    for key, (value, raw) in expected.items():
        assert back[key] == (value, raw), key
    # and through pandas, with nulls as <NA> rather than a number
    df = pd.read_parquet(path, dtype_backend="numpy_nullable")
    assert len(df) == len(table)


def test_cli_parquet_files_read_back_as_one_frame(tmp_path: Path):
    docs = [CORPUS / "text" / "seed001_anning_2020_pipes.txt", CORPUS / "text" / "seed003_xiacheng_2020_tabs.txt"]
    out = tmp_path / "out"
    from click.testing import CliRunner

    from giaparse.cli import main

    assert CliRunner().invoke(main, ["convert", *map(str, docs), "-f", "parquet", "-o", str(out)]).exit_code == 0
    df = pd.concat(pd.read_parquet(p) for p in sorted(out.rglob("*.parquet")))
    direct = giaparse.to_frame([giaparse.parse(d) for d in docs])
    assert len(df) == len(direct)
    assert df["value"].isna().sum() == direct["value"].isna().sum() > 0


def test_report_to_frame_has_the_documented_columns_and_labels():
    report = giaparse.parse(CORPUS / "html" / "2021_city_gbk.html")
    df = report.to_frame()
    assert tuple(df.columns) == export.COLUMNS
    fees = df[(df.table == "proactive") & (df.row == "administrative_fees")]
    assert fees["column_label"].tolist() == ["本年收费金额（单位：万元）"]
    assert set(df["template"]) == {"2021"}
    assert df["row_label"].notna().all() and df["column_label"].notna().all()


def test_every_template_key_has_a_chinese_label():
    for edition, template in TEMPLATES.items():
        for item in template.proactive_items:
            assert labels.row_label("proactive", item.key, edition), item.key
            for f in item.fields:
                assert labels.column_label("proactive", f, edition), f
        for row in template.request_rows:
            assert labels.row_label("requests", row.key, edition), row.key
    for col, _ in REQUEST_COLUMNS:
        assert labels.column_label("requests", col)
    for group in REVIEW_GROUP_ORDER:
        assert labels.row_label("review_litigation", group)
    for result, _ in REVIEW_RESULTS:
        assert labels.column_label("review_litigation", result)
    assert labels.row_label("requests", "no_such_row") is None


def test_labels_api_gives_the_template_wording_of_a_key():
    import giaparse

    assert giaparse.labels("requests", "denied_state_secret") == "1.属于国家秘密"
    assert giaparse.labels("requests", "commercial") == "商业企业"
    assert giaparse.labels("proactive", "normative_documents", "2021") == "行政规范性文件"
    assert giaparse.labels("proactive", "normative_documents", "2019") == "规范性文件"
    assert giaparse.labels("review_litigation", "litigation_after_review") == "复议后起诉"
    assert giaparse.labels("requests", "nothing") is None
