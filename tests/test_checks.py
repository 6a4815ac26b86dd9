"""The template's arithmetic (contract: "checks").

Sign convention under test: difference = left sum - right sum, where left is
``total`` for the "total = parts" rules and new_received + carried_over for
``requests.balance``.
"""

from __future__ import annotations

import copy
import json

from hypothesis import given
from hypothesis import strategies as st

from giaparse.checks import CHECK_IDS, run_checks

APPLICANTS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org"]
COLUMNS = [*APPLICANTS, "total"]
RESULTS_COMMON_HEAD = [
    "granted", "partially_granted",
    "denied_state_secret", "denied_prohibited_by_law", "denied_three_safeties", "denied_third_party",
    "denied_internal_affairs", "denied_process_info", "denied_enforcement_files", "denied_query_matters",
    "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
    "not_processed_complaint", "not_processed_repeat", "not_processed_publication",
    "not_processed_excessive", "not_processed_confirmation",
]
RESULTS_2019 = [*RESULTS_COMMON_HEAD, "other"]
RESULTS_2021 = [*RESULTS_COMMON_HEAD, "other_no_correction", "other_no_fee", "other_misc"]
ROWS_2019 = ["new_received", "carried_over", *RESULTS_2019, "total", "carried_forward"]
ROWS_2021 = ["new_received", "carried_over", *RESULTS_2021, "total", "carried_forward"]
GROUPS = ["review", "litigation_direct", "litigation_after_review"]


def cell(v):
    return {"value": v, "raw": None if v is None else str(v)}


def build_requests(results: dict[str, list[int]], carried_over: list[int], carried_forward: list[int]) -> dict:
    """A consistent requests table from the six applicant values of each result row.

    totals are sums; new_received is chosen so that the balance holds.
    """
    grid: dict[str, list] = {}
    totals = [sum(results[r][i] for r in results) for i in range(6)]
    grid["new_received"] = [totals[i] + carried_forward[i] - carried_over[i] for i in range(6)]
    grid["carried_over"] = list(carried_over)
    grid.update({r: list(v) for r, v in results.items()})
    grid["total"] = totals
    grid["carried_forward"] = list(carried_forward)
    return {row: {**{c: cell(v) for c, v in zip(APPLICANTS, vals, strict=False)}, "total": cell(sum(vals))}
            for row, vals in grid.items()}


def review_table(groups=None) -> dict:
    groups = groups or {"review": (3, 1, 0, 2), "litigation_direct": (1, 0, 0, 0), "litigation_after_review": (0, 0, 0, 0)}
    out = {}
    for g, (u, c, o, p) in groups.items():
        out[g] = {"upheld": cell(u), "corrected": cell(c), "other": cell(o), "pending": cell(p), "total": cell(u + c + o + p)}
    return out


def table_2019() -> dict:
    results = {r: [0] * 6 for r in RESULTS_2019}
    results["granted"] = [10, 2, 0, 0, 1, 0]
    results["partially_granted"] = [3, 0, 0, 0, 0, 1]
    results["unavailable_not_held"] = [5, 1, 0, 0, 0, 0]
    results["other"] = [1, 0, 0, 0, 0, 0]
    return build_requests(results, carried_over=[2, 0, 0, 0, 0, 0], carried_forward=[1, 0, 0, 0, 0, 1])


def table_2021() -> dict:
    results = {r: [0] * 6 for r in RESULTS_2021}
    results["granted"] = [4, 1, 1, 0, 0, 0]
    results["other_no_correction"] = [2, 0, 0, 0, 0, 0]
    results["other_no_fee"] = [0, 1, 0, 0, 0, 0]
    results["other_misc"] = [1, 0, 0, 0, 0, 3]
    return build_requests(results, carried_over=[0, 0, 0, 0, 0, 0], carried_forward=[0, 0, 0, 0, 0, 0])


def by_key(checks):
    return {(c["id"], c["subject"]): c for c in checks}


def failures(checks):
    return {(c["id"], c["subject"]): c["difference"] for c in checks if c["status"] == "fail"}


# --- pass -------------------------------------------------------------------

def test_check_ids():
    assert CHECK_IDS == ("requests.balance", "requests.total_is_sum", "requests.row_total", "review_litigation.total")


def test_consistent_2019_all_pass_in_order():
    checks = run_checks({"requests": table_2019(), "review_litigation": review_table()})
    assert all(c["status"] == "pass" for c in checks)
    assert all(c["difference"] == 0 for c in checks)
    order = [(c["id"], c["subject"]) for c in checks]
    assert order == (
        [("requests.balance", c) for c in COLUMNS]
        + [("requests.total_is_sum", c) for c in COLUMNS]
        + [("requests.row_total", r) for r in ROWS_2019]
        + [("review_litigation.total", g) for g in GROUPS]
    )
    json.dumps(checks)  # plain JSON


def test_consistent_2021_uses_its_own_result_rows():
    checks = run_checks({"requests": table_2021(), "review_litigation": review_table()})
    assert all(c["status"] == "pass" for c in checks)
    entry = by_key(checks)[("requests.total_is_sum", "other_org")]
    assert list(entry["right"]["terms"]) == RESULTS_2021
    assert entry["left"] == {"terms": {"total": 3}, "sum": 3}
    assert entry["right"]["terms"]["other_misc"] == 3 and entry["right"]["sum"] == 3
    assert [c["subject"] for c in checks if c["id"] == "requests.row_total"] == ROWS_2021


def test_entry_shape():
    checks = run_checks({"requests": table_2019()})
    assert by_key(checks)[("requests.balance", "natural_person")] == {
        "id": "requests.balance",
        "subject": "natural_person",
        "status": "pass",
        "left": {"terms": {"new_received": 18, "carried_over": 2}, "sum": 20},
        "right": {"terms": {"total": 19, "carried_forward": 1}, "sum": 20},
        "difference": 0,
    }
    row = by_key(checks)[("requests.row_total", "granted")]
    assert row["left"] == {"terms": {"total": 13}, "sum": 13}
    assert row["right"]["terms"] == dict(zip(APPLICANTS, [10, 2, 0, 0, 1, 0], strict=False))


# --- fail -------------------------------------------------------------------

def test_wrong_total_fails_exactly_where_it_touches():
    t = table_2019()
    t["total"]["natural_person"] = cell(21)  # should be 19
    assert failures(run_checks({"requests": t})) == {
        ("requests.balance", "natural_person"): -2,       # 18 + 2 - (21 + 1)
        ("requests.total_is_sum", "natural_person"): 2,   # 21 - 19
        ("requests.row_total", "total"): -2,              # 26 - 28
    }


def test_wrong_result_cell():
    t = table_2021()
    t["other_no_fee"]["commercial"] = cell(4)  # was 1
    assert failures(run_checks({"requests": t})) == {
        ("requests.total_is_sum", "commercial"): -3,
        ("requests.row_total", "other_no_fee"): -3,
    }


def test_review_fail():
    t = review_table()
    t["litigation_direct"]["total"] = cell(5)
    entries = run_checks({"review_litigation": t})
    assert failures(entries) == {("review_litigation.total", "litigation_direct"): 4}
    e = by_key(entries)[("review_litigation.total", "litigation_direct")]
    assert e["right"] == {"terms": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0}, "sum": 1}


def test_float_values_use_tolerance_and_clean_sums():
    t = {"review": {"upheld": cell(0.1), "corrected": cell(0.2), "other": cell(0), "pending": cell(0), "total": cell(0.3)}}
    e = by_key(run_checks({"review_litigation": t}))[("review_litigation.total", "review")]
    assert e["status"] == "pass" and e["right"]["sum"] == 0.3 and e["difference"] == 0
    t["review"]["total"] = cell(0.3000000001)
    assert by_key(run_checks({"review_litigation": t}))[("review_litigation.total", "review")]["status"] == "pass"
    t["review"]["total"] = cell(0.31)
    e = by_key(run_checks({"review_litigation": t}))[("review_litigation.total", "review")]
    assert e["status"] == "fail" and e["difference"] == 0.01


# --- skipped ----------------------------------------------------------------

def test_null_cell_skips_only_its_checks():
    t = table_2019()
    t["granted"]["commercial"] = {"value": None, "raw": "见附件"}
    checks = run_checks({"requests": t, "review_litigation": review_table()})
    skipped = {(c["id"], c["subject"]): c for c in checks if c["status"] == "skipped"}
    assert set(skipped) == {("requests.total_is_sum", "commercial"), ("requests.row_total", "granted")}
    assert not failures(checks)
    e = skipped[("requests.total_is_sum", "commercial")]
    assert e["right"]["terms"]["granted"] is None
    assert e["right"]["terms"]["partially_granted"] == 0
    assert e["left"] == {"terms": {"total": 3}, "sum": None}
    assert e["right"]["sum"] is None and e["difference"] is None
    assert "granted" in e["reason"]
    assert "commercial" in skipped[("requests.row_total", "granted")]["reason"]


def test_missing_row_and_missing_cell_skip():
    t = table_2019()
    del t["carried_forward"]
    del t["other"]["total"]
    checks = by_key(run_checks({"requests": t}))
    for col in COLUMNS:
        e = checks[("requests.balance", col)]
        assert e["status"] == "skipped" and e["right"]["terms"]["carried_forward"] is None
        assert "carried_forward" in e["reason"]
    assert checks[("requests.total_is_sum", "total")]["status"] == "skipped"
    assert "other" in checks[("requests.total_is_sum", "total")]["reason"]
    assert checks[("requests.row_total", "other")]["status"] == "skipped"
    assert ("requests.row_total", "carried_forward") not in checks
    assert checks[("requests.total_is_sum", "natural_person")]["status"] == "pass"


def test_non_numbers_are_not_values():
    t = review_table()
    t["review"]["upheld"] = {"value": "3", "raw": "3"}
    t["litigation_direct"]["upheld"] = {"value": True, "raw": "1"}
    t["litigation_after_review"]["upheld"] = {"value": float("nan"), "raw": "?"}
    checks = run_checks({"review_litigation": t})[3:]
    assert [c["status"] for c in checks] == ["skipped"] * 3
    assert [c["right"]["terms"]["upheld"] for c in checks] == [None] * 3


def test_absent_tables():
    checks = run_checks({})
    assert [c["id"] for c in checks] == list(CHECK_IDS)
    for c in checks:
        assert c["status"] == "skipped" and c["subject"] is None and c["difference"] is None
        assert c["left"] == {"terms": {}, "sum": None} and c["right"] == {"terms": {}, "sum": None}
    assert [c["reason"] for c in checks] == ["table requests not found"] * 3 + ["table review_litigation not found"]


def test_one_table_absent():
    checks = run_checks({"requests": table_2019()})
    assert checks[-1]["id"] == "review_litigation.total" and checks[-1]["subject"] is None
    assert checks[-1]["reason"] == "table review_litigation not found"
    checks = run_checks({"review_litigation": review_table()})
    assert [(c["id"], c["subject"]) for c in checks[:3]] == [(i, None) for i in CHECK_IDS[:3]]
    assert [c["status"] for c in checks[3:]] == ["pass"] * 3


def test_absent_group_is_skipped():
    t = review_table()
    del t["litigation_after_review"]
    e = by_key(run_checks({"review_litigation": t}))[("review_litigation.total", "litigation_after_review")]
    assert e["status"] == "skipped"
    assert e["right"]["terms"] == {"upheld": None, "corrected": None, "other": None, "pending": None}


def test_garbage_does_not_raise():
    for tables in (None, [], {"requests": None}, {"requests": "x", "review_litigation": 3},
                   {"requests": {"total": None, "granted": [1]}}, {"requests": {"total": {"total": 5}}}):
        checks = run_checks(tables)  # type: ignore[arg-type]
        assert all(c["status"] in ("pass", "fail", "skipped") for c in checks)


def test_input_not_mutated():
    tables = {"requests": table_2019(), "review_litigation": review_table()}
    tables["requests"]["granted"]["research"] = cell(None)
    tables["requests"]["total"]["natural_person"] = cell(99)
    before = copy.deepcopy(tables)
    checks = run_checks(tables)
    assert tables == before
    # and the output shares no mutable structure with the input
    for c in checks:
        c["left"]["terms"].clear()
    assert tables == before


# --- properties -------------------------------------------------------------

@st.composite
def consistent_requests(draw):
    results_rows = draw(st.sampled_from([RESULTS_2019, RESULTS_2021]))
    values = st.integers(min_value=0, max_value=10**6)
    results = {r: draw(st.lists(values, min_size=6, max_size=6)) for r in results_rows}
    totals = [sum(results[r][i] for r in results) for i in range(6)]
    carried_forward = draw(st.lists(values, min_size=6, max_size=6))
    carried_over = [draw(st.integers(min_value=0, max_value=totals[i] + carried_forward[i])) for i in range(6)]
    return build_requests(results, carried_over, carried_forward), results_rows


@given(consistent_requests())
def test_consistent_tables_pass(made):
    table, rows = made
    checks = run_checks({"requests": table, "review_litigation": review_table()})
    assert len(checks) == 7 + 7 + (len(rows) + 4) + 3
    assert all(c["status"] == "pass" and c["difference"] == 0 for c in checks)


@given(consistent_requests(), st.data())
def test_one_bumped_cell_fails_its_column_and_row(made, data):
    table, rows = made
    row = data.draw(st.sampled_from(rows))
    col = data.draw(st.sampled_from(APPLICANTS))
    k = data.draw(st.integers(min_value=-1000, max_value=1000).filter(bool))
    table[row][col] = cell(table[row][col]["value"] + k)
    assert failures(run_checks({"requests": table})) == {
        ("requests.total_is_sum", col): -k,
        ("requests.row_total", row): -k,
    }


@given(consistent_requests(), st.data())
def test_bumped_total_column_cell(made, data):
    table, rows = made
    row = data.draw(st.sampled_from(rows))
    k = data.draw(st.integers(min_value=-1000, max_value=1000).filter(bool))
    table[row]["total"] = cell(table[row]["total"]["value"] + k)
    assert failures(run_checks({"requests": table})) == {
        ("requests.total_is_sum", "total"): -k,
        ("requests.row_total", row): k,
    }


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(-10**12, 10**12), min_size=1),
       st.dictionaries(st.sampled_from("uvwxyz"), st.integers(-10**12, 10**12), min_size=1))
def test_whole_counts_give_what_the_decimal_path_gives(left, right):
    """_entry adds whole counts as ints: the same entry as the same numbers as floats (the Decimal path)."""
    from giaparse.checks import _entry

    as_ints = _entry("id", "subject", left, right)
    as_floats = _entry("id", "subject", {k: float(v) for k, v in left.items()},
                       {k: float(v) for k, v in right.items()})
    for key in ("status", "difference"):
        assert as_ints[key] == as_floats[key]
    for side in ("left", "right"):
        assert as_ints[side]["sum"] == as_floats[side]["sum"]
        assert type(as_ints[side]["sum"]) is type(as_floats[side]["sum"]) is int
