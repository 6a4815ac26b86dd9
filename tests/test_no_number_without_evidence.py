"""No number without evidence: the placements by position or split that used to be
accepted with nothing that could have failed. Each text below came out with a
wrong number before the fix; now the cell is right or null."""

from __future__ import annotations

from giaparse.template.inline import inline_tables
from giaparse.template.readings import RowText
from giaparse.template.solve import solve
from giaparse.template.templates import TEMPLATE_2019, TEMPLATE_2021


def _items(text: str, template) -> dict:
    tables, _ = inline_tables(text, template, ["proactive"])
    return {k: {f: c["value"] for f, c in v.items()} for k, v in tables.get("proactive", {}).get("items", {}).items()}


_ROWS_2019 = ("规章 0 0 0\n规范性文件 3 3 50\n行政许可 100 0 20\n其他对外管理服务事项 5 0 3\n"
              "行政处罚 10 0 4\n行政强制 2 0 1\n行政事业性收费 3 0\n")


def test_a_run_is_not_split_when_the_row_goes_on_over_later_lines():
    # 「政府集中采购」, then 22 and 256146 on lines of their own: 22 is not both of its cells (2 and 2).
    items = _items(_ROWS_2019 + "政府集中采购\n22\n256146\n", TEMPLATE_2019)
    assert items.get("centralized_procurement", {}).get("projects") in (None, 22)
    assert items.get("centralized_procurement", {}).get("amount") in (None, 256146)
    # ... and a run on the label's line followed by more figures on the next is not split either.
    items = _items(_ROWS_2019 + "政府集中采购 22\n256146\n", TEMPLATE_2019)
    assert items.get("centralized_procurement", {}).get("amount") in (None, 256146)


def test_a_number_line_above_its_label_is_not_given_to_the_next_label():
    # pdfplumber prints a row's figures above its label: 7417 is 行政许可's, 10 行政处罚's.
    items = _items("规章 0 0 0\n行政规范性文件 3 5 156\n7417\n行政许可\n10\n行政处罚\n0\n行政强制\n", TEMPLATE_2021)
    assert items.get("administrative_licensing", {}).get("decisions") in (None, 7417)
    assert items.get("administrative_penalty", {}).get("decisions") in (None, 10)


def test_a_row_without_digits_does_not_take_the_next_rows():
    # Flattened 2019 table 2, empty cells dropped: 行政处罚 has none, 2 减1 1 are 行政强制's.
    text = ("规章 0 0 0 规范性文件 3 3 50 行政许可 100 增1 20 其他对外管理服务事项 5 0 3 "
            "行政处罚行政强制 2 减1 1 行政事业性收费 3 0 政府集中采购 22 2561.46万元")
    items = _items(text, TEMPLATE_2019)
    assert items["administrative_penalty"] == {"prev_items": None, "change": None, "decisions": None}
    assert items["administrative_coercion"] == {"prev_items": 2, "change": -1, "decisions": 1}


def test_a_statement_about_a_cell_a_reading_leaves_empty_confirms_nothing():
    # The narrative says b is 5; the row holds one figure, 3. Reading it as "a = 3, b empty"
    # does not agree with the statement (b is not 5 there): the statement decides nothing.
    cells = (("x", "a"), ("x", "b"))
    solved = solve("proactive", [RowText(cells, ("3",), True)], (), stated={("x", "b"): 5})
    assert solved.cells[("x", "a")].value is None and solved.cells[("x", "b")].value is None
    # Where a reading holds the stated figure, the statement still narrows to it.
    solved = solve("proactive", [RowText(cells, ("5",), True)], (), stated={("x", "b"): 5})
    assert (solved.cells[("x", "a")].value, solved.cells[("x", "b")].value) == (None, 5)
