"""Issue 6 property: every generated report, in every flattened style, parses
to the truth or to null with a warning — never to a wrong number.

The data comes from ``corpus/generate/reportdata.random_report`` (every
identity of the template holds); the styles are every ``STYLES`` of every
``corpus/generate/styles_*.py``. A cell is right when its value equals the
generating data; null is allowed only with a warning naming the cell, its
row or its table. Anything else is a wrong number: a failure.
"""

from __future__ import annotations

import importlib.util
import random
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import giaparse

from .conftest import REPO

GENERATE = REPO / "corpus" / "generate"
sys.path.insert(0, str(GENERATE))

from reportdata import random_report  # noqa: E402


def _styles() -> dict:
    out = {}
    for path in sorted(GENERATE.glob("styles_*.py")):
        spec = importlib.util.spec_from_file_location(f"giaparse_styles_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out.update(module.STYLES)
    return out


STYLES = _styles()


def _problems(out: dict, truth: dict) -> list[str]:
    problems = []
    for table, rows in truth.items():
        got = out["tables"].get(table)
        if got is None:
            if not any(w["code"] == "table_missing" and w.get("table") == table for w in out["warnings"]):
                problems.append(f"{table} absent without a table_missing warning")
            continue
        got = got["items"] if table == "proactive" else got
        for row, cells in rows.items():
            for col, value in cells.items():
                cell = got.get(row, {}).get(col)
                v = None if cell is None else cell["value"]
                if v is None:
                    if not any(w.get("table") == table and w.get("row") in (None, row)
                               and w.get("column") in (None, col) for w in out["warnings"]):
                        problems.append(f"{table}.{row}.{col}: null without a warning")
                elif v != value or type(v) is not type(value):
                    problems.append(f"{table}.{row}.{col}: WRONG {v!r}, truth {value!r}")
    return problems


def test_styles_are_collected():
    assert {"digit_run_rows", "run_in_ordinals", "one_line_page", "lost_cells", "table4_one_run"} <= set(STYLES)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), style=st.sampled_from(sorted(STYLES)), edition=st.sampled_from(["2019", "2021"]))
def test_every_cell_is_the_truth_or_null_with_a_warning(seed, style, edition):
    data = random_report(seed, edition)
    text = STYLES[style](data, random.Random(seed))
    out = giaparse.parse(text.encode("utf-8"), name=f"{style}.txt").to_dict()
    assert out["document"]["kind"] == "annual_report"
    assert (out["document"]["year"], out["document"]["organ"]) == (data.year, data.organ)
    assert not _problems(out, data.values())


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_digit_runs_are_mostly_recovered(seed):
    """Not only never wrong: a digit-run table 3 comes back nearly whole (the arithmetic pins it)."""
    data = random_report(seed)
    out = giaparse.parse(STYLES["digit_run_rows"](data, random.Random(seed)).encode(), name="x.txt").to_dict()
    truth = data.values()["requests"]
    right = sum(out["tables"]["requests"][r][c]["value"] == v for r, cells in truth.items() for c, v in cells.items())
    assert right >= 0.8 * sum(len(c) for c in truth.values())


def test_one_line_page_is_not_dropped_as_spam():
    # Found by the benchmark: 首页政务公开云溪区… holds 开云 (a gambling brand) across 公开|云溪区,
    # and the spam filter dropped the whole one-line report.
    data = random_report(32)
    text = STYLES["one_line_page"](data, random.Random(32))
    assert "公开云溪区" in text
    out = giaparse.parse(text.encode("utf-8"), name="x.txt").to_dict()
    assert (out["document"]["kind"], out["document"]["organ"]) == ("annual_report", data.organ)
