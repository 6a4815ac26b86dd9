"""The arithmetic solver (template/solve.py) and the narrative statements, on
the cases issue 6 names. Expected values are read from the inputs."""

from __future__ import annotations

import json
import random
import sys

import giaparse
from giaparse.template import identities as ids
from giaparse.template.narrative import statements
from giaparse.template.solve import MAX_PIECE_CHARS, RowText, solve
from giaparse.template.templates import TEMPLATE_2019

from .conftest import CORPUS, REPO

sys.path.insert(0, str(REPO / "corpus" / "generate"))

from reportdata import random_report  # noqa: E402
from styles_flat import STYLES  # noqa: E402

ROWS_2019 = [s.key for s in TEMPLATE_2019.request_rows]


def _seed003_known() -> dict:
    label = json.loads((CORPUS / "text" / "seed003_xiacheng_2020_tabs.label.json").read_text(encoding="utf-8"))
    return {(r, c): v for r, cells in label["tables"]["requests"].items() if r != "carried_forward"
            for c, v in cells.items()}


def test_lost_cells_row_placed_where_one_placement_fits():
    # Seed 003's last row: 2, 0, 0, 2 for seven columns; 117+0-115 = 2 and 120+0-118 = 2.
    row = RowText(tuple(("carried_forward", c) for c in ids.REQUEST_COLUMNS), ("2", "0", "0", "2"), True)
    out = solve("requests", [row], ids.request_identities(ROWS_2019), _seed003_known())
    values = {c: out.cells[("carried_forward", c)].value for c in ids.REQUEST_COLUMNS}
    assert values == {"natural_person": 2, "commercial": None, "research": None, "public_interest": None,
                      "legal_services": None, "other_org": None, "total": 2}
    flagged = {w.column for w in out.warnings if w.code.value == "cell_ambiguous"}
    assert flagged == {"commercial", "research", "public_interest", "legal_services", "other_org"}


def test_unconstrained_table2_run_stays_null():
    # 2019 行政许可39644227: prev_items / change / decisions, no sign, nothing pins the split.
    row = RowText(tuple(("administrative_licensing", f) for f in ("prev_items", "change", "decisions")),
                  ("39644227",), False, ("count", "change", "count"))
    out = solve("proactive", [row], ())
    assert all(v.value is None for v in out.cells.values())
    assert any(w.code.value == "cell_ambiguous" and w.row == "administrative_licensing" for w in out.warnings)


def test_signed_change_splits_at_the_sign():
    # 20+1737: the sign starts the change cell, so 20 is prev_items; 17/37 vs 1/737 vs 173/7 stays open.
    row = RowText(tuple(("administrative_licensing", f) for f in ("prev_items", "change", "decisions")),
                  ("20+1737",), False, ("count", "change", "count"))
    out = solve("proactive", [row], ())
    assert out.cells[("administrative_licensing", "prev_items")].value == 20
    assert out.cells[("administrative_licensing", "change")].value is None
    message = next(w.message for w in out.warnings if w.column == "change")
    assert "+17" in message and "+1" in message


def test_overlong_run_is_given_up_with_a_warning():
    row = RowText(tuple(("new_received", c) for c in ids.REQUEST_COLUMNS), ("1" * (MAX_PIECE_CHARS + 1),), False)
    out = solve("requests", [row], ids.request_identities(ROWS_2019))
    assert all(v.value is None for v in out.cells.values())
    assert any("bounded" in w.message for w in out.warnings)


def test_a_report_that_breaks_its_arithmetic_gets_no_wrong_number():
    data = random_report(21, "2021")
    raw, value = data.requests["carried_forward"]["natural_person"]
    data.requests["carried_forward"]["natural_person"] = (str(value + 1), value + 1)  # balance now fails
    out = giaparse.parse(STYLES["digit_run_rows"](data, random.Random(21)).encode(), name="x.txt").to_dict()
    truth = data.values()["requests"]
    for row, cells in truth.items():
        for col, v in cells.items():
            got = out["tables"]["requests"][row][col]["value"]
            assert got is None or got == v, (row, col, got, v)


def test_narrative_statements():
    found = statements("本年制发行政规范性文件47件，废止12件。现行有效行政规范性文件305件。全年共收到政府信息公开申请41件。")
    assert [(s.table, s.row, s.column, s.value) for s in found] == [
        ("proactive", "normative_documents", "issued", 47),
        ("proactive", "normative_documents", "in_force", 305),
        ("requests", "new_received", "total", 41),
    ]
    assert found[1].sentence == "现行有效行政规范性文件305件。"


def test_lost_cells_in_two_tables_are_placed_without_error():
    # Table 3's and table 4's rows both lost cells: the second table's texts must still find their
    # sources (resolve_lost_rows once reused the name of its ``sources`` argument inside the loop
    # and failed on the second table with AttributeError). Seeds 3, 8 and 11: table 4's one row under
    # 行政复议 | 行政诉讼 and fifteen sub-heads keeps two figures; the cell stream once took them for
    # 行政复议's own five cells (the last group named) and read its 总计 as 1 where it is 0.
    for seed in (0, 3, 8, 11):
        data = random_report(seed)
        out = giaparse.parse(STYLES["lost_cells"](data, random.Random(seed)).encode(), name="x.txt").to_dict()
        truth = data.values()
        for table in ("requests", "review_litigation"):
            for row, cells in truth[table].items():
                for col, v in cells.items():
                    got = out["tables"][table][row][col]["value"]
                    assert got is None or got == v, (seed, table, row, col, got, v)
