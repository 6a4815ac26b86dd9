"""Text that converters made of a report (issue 19): every cell right, or null with a warning.

The Markdown grid path demands evidence: a cell holding several numbers
(``21 0``, markitdown on PDF) is never read as one number and is split only
where the row's arithmetic confirms it; columns taken by their count alone
under an unread header are kept only where the row's total holds; pipe
tables are read a second time as a cell stream, and where the two readings
differ the cell is null.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import giaparse

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "pdftext" / "gen_markitdown_pdf_41_2021.txt"
_COLS = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total")


def _requests_row(text: str, key: str) -> tuple[list, dict]:
    out = giaparse.parse(text.encode("utf-8"), name="x.md").to_dict()
    return [out["tables"]["requests"][key][c]["value"] for c in _COLS], out


@pytest.mark.parametrize("total", ["278", "279"], ids=["total holds", "total fails"])
def test_a_cell_holding_several_numbers_is_never_read_as_one_number(total):
    # markitdown on PDF merged neighbouring cells: | 244 2 | 0 0 | 32 | 0 278 |
    text = SAMPLE.read_text(encoding="utf-8")
    line = "| 一、本年新收政府信息公开申请数量           |         |          | 244 2 | 0 0     | 32    | 0 278 |"
    assert line in text
    values, _ = _requests_row(text.replace(line, line.replace("0 278", f"0 {total}")), "new_received")
    assert 2442 not in values and 0 not in values[6:]
    written = [244, 2, 0, 0, 32, 0, int(total)]
    assert all(v is None or v == w for v, w in zip(values, written, strict=True)), values


def test_a_split_the_row_total_does_not_confirm_is_not_taken_from_the_grid():
    text = SAMPLE.read_text(encoding="utf-8")
    line = "| 二、上年结转政府信息公开申请数量           |         |          | 0 0   | 0 0     | 0     | 0 0   |"
    assert line in text
    # the row's numbers merged and its total broken: the grid may not split it (nothing confirms a split)
    values, out = _requests_row(text.replace(line, line.replace("| 0     |", "| 5     |")), "carried_over")
    assert all(v is None or v == w for v, w in zip(values, [0, 0, 0, 0, 5, 0, 0], strict=True)), values
    assert all(c.get("source", {}).get("placement") != "arithmetic"
               for c in out["tables"]["requests"]["carried_over"].values() if c["value"] is not None)


def test_a_table_2_row_with_figures_past_its_cells_and_no_header_is_null_not_shifted():
    # markitdown on PDF: the header printed as text above, the row's figures in padded columns.
    text = ("某县人民政府办公室2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
            "| 行政规范性文件 |     |     | 26  | 25  |     | 644 |     |\n"
            "| ------- | --- | --- | --- | --- | --- | --- | --- |\n"
            "| 规章 |     |     | 1  | 0  |     | 7 |     |\n")
    out = giaparse.parse(text.encode("utf-8"), name="x.md").to_dict()
    row = out["tables"]["proactive"]["items"]["normative_documents"]
    assert [row[c]["value"] for c in ("issued", "repealed", "in_force")] in ([26, 25, 644], [None] * 3)
    assert row["in_force"]["value"] != 26
