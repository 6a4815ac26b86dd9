"""Corrections that last: a person's values, kept by the input's sha256, applied before the checks.

The corpus document 2019_arith_error.html was generated with 自然人's 总计 one
too high (make_html.py plants it): 41 where its result rows sum to 40. A
person who enters 40 makes both of the column's failing checks pass.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.checks import run_checks
from giaparse.cli import main
from giaparse.corrections import Correction, Corrections, CorrectionsInvalid, load_corrections
from giaparse.pipeline import read_document, report_of

from .conftest import CORPUS

ARITH = CORPUS / "html" / "2019_arith_error.html"
SEED3 = CORPUS / "text" / "seed003_xiacheng_2020_tabs.txt"
OTHER_SHA = "0" * 64


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record(path: Path, cell: str, value, note: str = "") -> dict:
    return {"sha256": _sha(path), "cell": cell, "value": value, "by": "王芳", "at": "2026-12-07", "note": note}


def _write(tmp_path: Path, records: list[dict]) -> Path:
    out = tmp_path / "fixes.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return out


def _check(report, check_id: str, subject: str):
    return next(c for c in report.checks if c.id == check_id and c.subject == subject)


def test_a_correction_takes_the_value_keeps_the_source_and_the_checks_run_again(tmp_path):
    before = giaparse.parse(ARITH)
    cell = before.tables.requests["total"]["natural_person"]
    assert cell.value == 41 and _check(before, "requests.total_is_sum", "natural_person").status == "fail"
    fixes = load_corrections(_write(tmp_path, [_record(ARITH, "requests.total.natural_person", 40, "表三总计印错")]))
    after = giaparse.parse(ARITH, corrections=fixes)
    fixed = after.tables.requests["total"]["natural_person"]
    assert fixed.value == 40 and fixed.raw == cell.raw == "41"
    # Where it was read stays; how it got its value is now a person.
    assert (fixed.source.table, fixed.source.row, fixed.source.column, fixed.source.xpath) == (
        cell.source.table, cell.source.row, cell.source.column, cell.source.xpath)
    assert (fixed.source.placement, fixed.source.by, fixed.source.at, fixed.source.note) == (
        "human", "王芳", "2026-12-07", "表三总计印错")
    assert _check(after, "requests.total_is_sum", "natural_person").status == "pass"
    assert _check(after, "requests.balance", "natural_person").status == "pass"
    assert {"human", "requests.total_is_sum", "requests.balance"} <= set(fixed.confirmed_by)
    out = after.to_dict()
    assert out["tables"]["requests"]["total"]["natural_person"]["source"]["placement"] == "human"
    assert giaparse.Report.from_dict(json.loads(after.to_json())).to_dict() == out


def test_a_record_for_another_file_or_cell_is_not_applied(tmp_path):
    records = [_record(ARITH, "requests.no_such_row.total", 3), {**_record(ARITH, "requests.total.total", 1),
                                                                 "sha256": OTHER_SHA}]
    fixes = load_corrections(_write(tmp_path, records))
    report = giaparse.parse(ARITH, corrections=fixes)
    assert report.tables.requests["total"]["total"].value == 49
    [warning] = [w for w in report.warnings if w.code.value == "correction_not_applied"]
    assert "requests.no_such_row.total" in warning.message and warning.table == "requests"
    assert fixes.not_applied([report.source.sha256]) == [fixes.records[1]]


def test_convert_many_applies_by_sha256_and_tells_which_records_matched_no_input(tmp_path):
    records = [_record(ARITH, "requests.total.natural_person", 40),
               _record(SEED3, "requests.carried_forward.commercial", 0),
               {**_record(ARITH, "requests.total.total", 1), "sha256": OTHER_SHA}]
    fixes = Corrections(Correction.from_dict(r) for r in records)
    results = list(giaparse.convert_many([ARITH, SEED3, CORPUS / "html" / "2019_county_utf8.html"], jobs=2,
                                         corrections=fixes))
    arith, seed3, plain = (r.report for r in results)
    assert arith.tables.requests["total"]["natural_person"].value == 40
    assert seed3.tables.requests["carried_forward"]["commercial"].value == 0
    assert all(c.source is None or c.source.placement != "human" for *_, c in plain.tables.cells())
    assert fixes.not_applied() == [fixes.records[2]]
    # The settled cell leaves the warning that named it; its four neighbours stay.
    [ambiguous] = [w for w in seed3.warnings if w.code.value == "cell_ambiguous"]
    assert ambiguous.columns == ("research", "public_interest", "legal_services", "other_org")


def test_cli_convert_with_corrections(tmp_path):
    path = _write(tmp_path, [_record(ARITH, "requests.total.natural_person", 40),
                             {**_record(ARITH, "requests.total.total", 1), "sha256": OTHER_SHA}])
    runner = CliRunner()
    done = runner.invoke(main, ["convert", str(ARITH), "--corrections", str(path)])
    assert done.exit_code == 0, done.output
    out = json.loads(done.stdout)
    assert out["tables"]["requests"]["total"]["natural_person"]["value"] == 40
    # One input: the record for another file is named in its output.
    assert [w["code"] for w in out["warnings"]].count("correction_not_applied") == 1
    batch = runner.invoke(main, ["convert", str(ARITH), str(SEED3), "--corrections", str(path), "-o",
                                 str(tmp_path / "out")])
    assert batch.exit_code == 0, batch.output
    assert "correction_not_applied" in batch.stderr and OTHER_SHA[:16] in batch.stderr
    saved = json.loads((tmp_path / "out" / "2019_arith_error.json").read_text(encoding="utf-8"))
    assert saved["tables"]["requests"]["total"]["natural_person"]["value"] == 40
    assert "correction_not_applied" not in {w["code"] for w in saved["warnings"]}


@pytest.mark.parametrize("line, problem", [
    ("not json", "not a JSON object"),
    ('{"sha256": "abc", "cell": "requests.total.total", "value": 1}', "sha256"),
    (json.dumps({"sha256": OTHER_SHA, "cell": "total", "value": 1}), "dotted path"),
    (json.dumps({"sha256": OTHER_SHA, "cell": "requests.total.total", "value": "227"}), "number or null"),
    (json.dumps({"sha256": OTHER_SHA, "cell": "requests.total.total", "value": True}), "number or null"),
])
def test_a_bad_corrections_file_is_one_line_naming_file_and_line(tmp_path, line, problem):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(CorrectionsInvalid, match=problem) as exc:
        load_corrections(path)
    assert f"{path}:2" in str(exc.value)
    done = CliRunner().invoke(main, ["convert", str(ARITH), "--corrections", str(path)])
    assert done.exit_code == 2 and problem in done.output and "Traceback" not in done.output


DATA = ARITH.read_bytes()
DOC = read_document(DATA, ARITH.name)
CELLS = [(t, r, c) for t, r, c, _ in giaparse.parse(DATA, name=ARITH.name).tables.cells()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(CELLS), st.one_of(st.none(), st.integers(0, 10_000)), max_size=8))
def test_any_corrections_give_exactly_those_values_and_checks_on_them(fixes):
    sha = hashlib.sha256(DATA).hexdigest()
    records = Corrections(Correction(sha, f"{t}.{r}.{c}", v, "p", "2026-01-01") for (t, r, c), v in fixes.items())
    plain = report_of(DOC, DATA, ARITH.name)
    fixed = report_of(DOC, DATA, ARITH.name, corrections=records)
    for (t, r, c), (ft, fr, fc, cell) in zip(CELLS, fixed.tables.cells(), strict=True):
        assert (t, r, c) == (ft, fr, fc)
        before = plain.tables.grid(t)[r][c]
        if (t, r, c) in fixes:
            assert cell.value == fixes[(t, r, c)] and cell.source.placement == "human"
        else:
            assert (cell.value, cell.raw, cell.source) == (before.value, before.raw, before.source)
    in_report = [c.to_dict() for c in fixed.checks if c.id != "text_vs_table"]
    assert in_report == run_checks(fixed.to_dict()["tables"])
