"""Cross-year checks (``giaparse compare``) over generated series of one organ.

The series come from ``corpus/generate/reportdata.report_series``: three
consecutive reports that agree across years, rendered as HTML pages and
parsed by giaparse. A test plants one break in the generating data and
expects exactly that break to be found.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import giaparse
from giaparse.cli import main
from giaparse.compare import compare_reports, load_canonical

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus" / "generate"))
from reportdata import APPLICANT_COLS, render_html, report_series  # noqa: E402


def _parsed(series) -> list[dict]:
    return [giaparse.parse(render_html(d).encode(), name=f"{d.year}.html").to_dict() for d in series]


def _failed(result) -> set[tuple[str, str, tuple[int, int]]]:
    return {(c["id"], c["subject"], tuple(c["years"])) for c in result.failed}


def _set(cells: dict, row: str, col: str, value: int) -> None:
    cells[row][col] = (str(value), value)
    cells[row]["total"] = (str(sum(cells[row][c][1] for c in APPLICANT_COLS)),
                           sum(cells[row][c][1] for c in APPLICANT_COLS))


def test_a_consistent_series_passes_every_cross_year_check():
    series = report_series(5, 2021, 3)
    result = compare_reports(_parsed(series))
    assert result.years == [2021, 2022, 2023] and result.organ == series[0].organ
    assert not result.failed and not result.warnings
    ids = [c["id"] for c in result.checks]
    # 7 columns × 2 pairs, 2 items × 2 pairs, 5 table-2 counts × 2 pairs
    assert (ids.count("series.carry_over"), ids.count("series.in_force"), ids.count("series.change_factor")) == (14, 4, 10)
    assert all(c["status"] == "pass" for c in result.checks)


def test_a_planted_carry_over_break_is_found_and_nothing_else():
    series = report_series(11, 2021, 3)
    req = series[2].requests
    col = max(APPLICANT_COLS, key=lambda c: req["new_received"][c][1])
    assert req["new_received"][col][1] >= 2
    # 2023 says it carried over 2 more than 2022 carried forward; its own balance still holds.
    _set(req, "carried_over", col, req["carried_over"][col][1] + 2)
    _set(req, "new_received", col, req["new_received"][col][1] - 2)
    docs = _parsed(series)
    assert not [c for c in docs[2]["checks"] if c["status"] == "fail"]  # in-year arithmetic is intact
    result = compare_reports(docs)
    assert _failed(result) == {("series.carry_over", col, (2022, 2023)),
                               ("series.carry_over", "total", (2022, 2023))}
    entry = next(c for c in result.failed if c["subject"] == col)
    assert entry["difference"] == 2
    assert entry["left"]["terms"] == {"2023.carried_over": req["carried_over"][col][1]}
    assert entry["right"]["terms"] == {"2022.carried_forward": series[1].requests["carried_forward"][col][1]}


def test_in_force_and_change_factor_breaks():
    series = report_series(23, 2021, 3)
    nd = series[1].proactive["normative_documents"]
    nd["in_force"] = (str(nd["in_force"][1] + 5), nd["in_force"][1] + 5)
    lic = series[2].proactive["administrative_licensing"]
    lic["decisions"] = (str(lic["decisions"][1] * 30), lic["decisions"][1] * 30)
    result = compare_reports(_parsed(series))
    # 2022's in_force is 5 too high: 2021→2022 fails (+5) and 2022→2023 fails (−5).
    assert _failed(result) == {("series.in_force", "normative_documents", (2021, 2022)),
                               ("series.in_force", "normative_documents", (2022, 2023)),
                               ("series.change_factor", "administrative_licensing.decisions", (2022, 2023))}
    flag = next(c for c in result.failed if c["id"] == "series.change_factor")
    assert flag["factor"] >= 20 and "more than 10×" in flag["reason"]


def test_a_missing_year_breaks_the_chain_and_other_organs_are_named():
    series = report_series(5, 2021, 3)
    docs = _parsed([series[0], series[2]])
    result = compare_reports(docs)
    assert [c["status"] for c in result.checks] == ["skipped"]
    assert "no report for 2022" in result.checks[0]["reason"]
    other = giaparse.parse(REPO_HTML).to_dict()
    assert other["document"]["year"] == 2021
    result = compare_reports(_parsed(report_series(5, 2022, 1)) + [other])
    assert any("different organs" in w for w in result.warnings)


REPO_HTML = Path(__file__).resolve().parent.parent / "corpus" / "html" / "2021_city_gbk.html"


def test_cli_reads_json_outputs_and_inputs_alike(tmp_path):
    series = report_series(5, 2021, 3)
    paths = []
    for d in series[:2]:  # two years as giaparse JSON, one as the HTML page itself
        p = tmp_path / f"{d.year}.json"
        p.write_text(json.dumps(giaparse.parse(render_html(d).encode(), name=f"{d.year}.html").to_dict(),
                                ensure_ascii=False), encoding="utf-8")
        paths.append(str(p))
    page = tmp_path / "2023.html"
    page.write_text(render_html(series[2]), encoding="utf-8")
    out = tmp_path / "series.json"
    result = CliRunner().invoke(main, ["compare", *paths, str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 report(s), years 2021, 2022, 2023" in result.output
    assert "28 pass, 0 fail, 0 skipped" in result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["years"] == [2021, 2022, 2023] and len(written["checks"]) == 28


def test_cli_unreadable_input_is_one_line_and_the_rest_is_compared(tmp_path):
    series = report_series(5, 2021, 2)
    paths = []
    for d in series:
        p = tmp_path / f"{d.year}.html"
        p.write_text(render_html(d), encoding="utf-8")
        paths.append(str(p))
    result = CliRunner().invoke(main, ["compare", *paths, str(tmp_path / "missing.pdf")])
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("giaparse: error:")]
    assert len(errors) == 1 and "missing.pdf: no such file" in errors[0]
    assert "2 report(s), years 2021, 2022" in result.stdout


@pytest.mark.parametrize("text", ["", "not json", '{"a": 1}', "[1, 2]"])
def test_only_giaparse_json_is_taken_as_output(text):
    assert load_canonical(text.encode()) is None


def test_a_mixed_folder_is_grouped_by_organ_one_series_each(tmp_path):
    # Two organs' series (seeds 5 and 7 name different organs), one with a planted break,
    # written into one folder tree, some years as giaparse JSON.
    first, second = report_series(5, 2021, 3), report_series(7, 2022, 2)
    assert first[0].organ != second[0].organ
    broken = second[1]
    _set(broken.requests, "carried_over", "natural_person", broken.requests["carried_over"]["natural_person"][1] + 2)
    _set(broken.requests, "new_received", "natural_person",
         broken.requests["new_received"]["natural_person"][1] - 2)
    (tmp_path / "mixed" / "b").mkdir(parents=True)
    for i, d in enumerate(first + second):
        where = tmp_path / "mixed" / ("b" if i % 2 else "") / f"{d.organ}-{d.year}"
        if i == 1:
            where.with_suffix(".json").write_text(json.dumps(giaparse.parse(render_html(d).encode(), name="x.html")
                                                             .to_dict(), ensure_ascii=False), encoding="utf-8")
        else:
            where.with_suffix(".html").write_text(render_html(d), encoding="utf-8")
    out = tmp_path / "series.json"
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "mixed"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))["series"]
    assert [(s["organ"], s["years"]) for s in written] == [(first[0].organ, [2021, 2022, 2023]),
                                                          (second[0].organ, [2022, 2023])]
    assert not any("different organs" in w for s in written for w in s["warnings"])
    failed = [(c["id"], c["subject"]) for s in written for c in s["checks"] if c["status"] == "fail"]
    assert ("series.carry_over", "natural_person") in failed
    assert all(c["status"] != "fail" for c in written[0]["checks"])
    assert f"{first[0].organ}: 3 report(s)" in result.stdout and f"{second[0].organ}: 2 report(s)" in result.stdout
