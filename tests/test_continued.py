"""Table 3 continued on the next page: fragments joined by row labels.

The fragments are written as two HTML tables with a page footer between
them — the shape a PDF reader produces for a table broken by a page break:
the second fragment may or may not repeat the header, its merged parent
cells are empty, and the row at the break is cut in two.
"""

from __future__ import annotations

import pytest

import giaparse

COLS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total"]
# (key, parent labels, leaf label) in 2021 template order.
ROWS = [
    ("new_received", [], "一、本年新收政府信息公开申请数量"),
    ("carried_over", [], "二、上年结转政府信息公开申请数量"),
    ("granted", ["三、本年度办理结果"], "（一）予以公开"),
    ("partially_granted", ["三、本年度办理结果"], "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", ["三、本年度办理结果", "（三）不予公开"], "1.属于国家秘密"),
    ("denied_prohibited_by_law", ["三、本年度办理结果", "（三）不予公开"], "2.其他法律行政法规禁止公开"),
    ("not_processed_complaint", ["三、本年度办理结果", "（五）不予处理"], "1.信访举报投诉类申请"),
    ("not_processed_repeat", ["三、本年度办理结果", "（五）不予处理"], "2.重复申请"),
    ("not_processed_confirmation", ["三、本年度办理结果", "（五）不予处理"], "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", ["三、本年度办理结果", "（六）其他处理"], "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", ["三、本年度办理结果", "（六）其他处理"], "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", ["三、本年度办理结果", "（六）其他处理"], "3.其他"),
    ("total", ["三、本年度办理结果"], "（七）总计"),
    ("carried_forward", [], "四、结转下年度继续办理"),
]
BROKEN = "not_processed_confirmation"
HEAD = (
    '<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
    '<td colspan="7">申请人情况</td></tr>'
    '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
    "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
)


def value(r: int, c: int) -> int:
    # Each row's total is the sum of its applicant columns: a continuation without a header
    # has its columns taken by count, and only the row totals can confirm that (else null).
    if c == 6:
        return sum(value(r, k) for k in range(6))
    return 100 * (r + 1) + c


def _cells(values: list[str]) -> str:
    return "".join(f"<td>{v}</td>" for v in values)


def _row(r: int, parents: list[str], label: str, shown: list[bool], values: bool = True) -> str:
    """One row: a cell per parent level (its text only where ``shown``: a merged
    cell's text stands in its first row, and not at all on the page after the
    one it started on), the label over the remaining label columns, 7 numbers."""
    nums = [str(value(r, c)) for c in range(7)] if values else [""] * 7
    lead = "".join(f"<td>{p if show else ''}</td>" for p, show in zip(parents, shown, strict=False))
    return f'<tr>{lead}<td colspan="{3 - len(parents)}">{label}</td>{_cells(nums)}</tr>'


def document(*, repeat_header: bool, numbers_on_second_page: bool) -> bytes:
    first, second = [], []
    cut = [k for k, _, _ in ROWS].index(BROKEN)
    started_on: dict[str, int] = {}  # parent label -> page it starts on
    seen: set[str] = set()
    for r, (_key, parents, leaf) in enumerate(ROWS):
        page = 1 if r <= cut else 2
        for p in parents:
            started_on.setdefault(p, page)
        shown = [p not in seen and started_on[p] == page for p in parents]
        seen.update(parents)
        if r < cut:
            first.append(_row(r, parents, leaf, shown))
        elif r == cut:
            head, tail = leaf[:9], leaf[9:]  # "5.要求行政机关确认" | "或重新出具已获取信息"
            first.append(_row(r, parents, head, shown, values=not numbers_on_second_page))
            second.append(_row(r, parents, tail, [False] * len(parents), values=numbers_on_second_page))
        else:
            second.append(_row(r, parents, leaf, shown))
    html = (
        "<html><body><h1>某市人民政府2022年政府信息公开工作年度报告</h1>"
        "<p>三、收到和处理政府信息公开申请情况</p>"
        f"<table>{HEAD}{''.join(first)}</table><p>— 7 —</p>"
        f"<table>{HEAD if repeat_header else ''}{''.join(second)}</table>"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>"
    )
    return html.encode("utf-8")


@pytest.mark.parametrize("repeat_header", [True, False], ids=["header-repeated", "no-header"])
@pytest.mark.parametrize("numbers_on_second_page", [False, True], ids=["numbers-page-1", "numbers-page-2"])
def test_split_table_3_comes_back_whole(repeat_header, numbers_on_second_page):
    report = giaparse.parse(document(repeat_header=repeat_header, numbers_on_second_page=numbers_on_second_page),
                            name="split.html")
    requests = report.to_dict()["tables"]["requests"]
    wrong = []
    for r, (key, _, _) in enumerate(ROWS):
        for c, col in enumerate(COLS):
            if requests[key][col]["value"] != value(r, c):
                wrong.append(f"{key}.{col}: {requests[key][col]} != {value(r, c)}")
    assert not wrong, "\n".join(wrong)
    codes = {w.code.value for w in report.warnings if w.table == "requests"}
    # Only the rows this short test table leaves out are missing; nothing is unmatched.
    assert "row_unmatched" not in codes
    assert "cell_ambiguous" not in codes


def test_two_complete_rows_at_the_break_are_not_merged():
    """A next-page row without a label of its own but with numbers where the
    previous row also has numbers is a different row: never summed or overwritten.
    (Each group's total is the sum of its four results: the header is not recognised, so only
    the totals can confirm the columns taken by count.)"""
    def groups(start: int) -> list[int]:
        out = []
        for g in range(3):
            four = [start + 4 * g + k for k in range(4)]
            out += [*four, sum(four)]
        return out

    first, second = groups(1), groups(21)
    html = (
        "<html><body><p>某县2021年政府信息公开工作年度报告</p><p>四、政府信息公开行政复议、行政诉讼情况</p>"
        "<table><tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
        "<tr><td rowspan='2'>结果维持</td><td rowspan='2'>结果纠正</td><td rowspan='2'>其他结果</td>"
        "<td rowspan='2'>尚未审结</td><td rowspan='2'>总计</td><td colspan='5'>未经复议直接起诉</td>"
        "<td colspan='5'>复议后起诉</td></tr><tr>" + "<td>结果维持</td><td>结果纠正</td><td>其他结果</td>"
        "<td>尚未审结</td><td>总计</td>" * 2 + "</tr>"
        "<tr>" + "".join(f"<td>{n}</td>" for n in first) + "</tr></table><p>— 9 —</p>"
        "<table><tr>" + "".join(f"<td>{n}</td>" for n in second) + "</tr></table></body></html>"
    ).encode()
    report = giaparse.parse(html, name="t4.html")
    assert report.tables.review_litigation["review"]["upheld"].value == 1
    assert report.tables.review_litigation["litigation_after_review"]["total"].value == 42


def test_row_cut_by_a_real_page_break_in_a_libreoffice_pdf():
    """corpus/pdf/docx_2019_hard_cases.noto.pdf: page 4 ends with
    "2.没有现成信息需要另行制" and its numbers; page 5 repeats the header and
    starts with "作" alone. The joined row carries page 4's numbers, and no
    row is reported unmatched."""
    from .conftest import CORPUS

    pdf = CORPUS / "pdf" / "docx_2019_hard_cases.noto.pdf"
    if not pdf.exists():
        pytest.skip("corpus PDF not generated")
    from giaparse.pipeline import read_document
    from giaparse.template.continued import join_fragments
    from giaparse.template.locate import locate_tables
    from giaparse.template.mapping import _row_matcher
    from giaparse.template.templates import TEMPLATE_2019

    fragments = [t.table for t in locate_tables(read_document(pdf.read_bytes(), pdf.name)) if t.kind == "requests"]
    assert len(fragments) == 2
    rows = [r for seg in join_fragments(fragments, _row_matcher("requests", TEMPLATE_2019)) for r in seg.rows]
    joined = [r for r in rows if r.labels and r.labels[-1].startswith("2.没有现成信息")]
    assert len(joined) == 1
    assert joined[0].labels == ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作")
    assert joined[0].values[0] == "9"
    assert not [r for r in rows if r.labels == ("作",)]
    report = giaparse.parse(pdf)
    assert not [w for w in report.warnings if w.code.value == "row_unmatched"]


# ----------------------------------------------- columns decided by evidence --

def _reference():
    from giaparse.core import Column, Segment

    leaves = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    return Segment([("申请人情况",)], [Column(("申请人情况", leaf), 300.0 + 30 * i, 330.0 + 30 * i)
                                   for i, leaf in enumerate(leaves)])


def _continuation(rows: list[list[str | None]], x0: float, width: float = 30.0):
    from giaparse.core import AlignedRow, Column, Segment

    n = len(rows[0])
    return Segment([], [Column((), x0 + width * i, x0 + width * (i + 1)) for i in range(n)],
                   [AlignedRow(("（五）不予处理", f"{k}.x"), tuple(r)) for k, r in enumerate(rows)])


def test_a_continuation_shifted_by_half_a_column_is_placed_by_the_row_totals():
    """A different margin on the continued page: every column straddles two of the
    header's. Positions cannot place it; the one placement keeping 总计 = the six
    applicant columns is read, and a note says so."""
    from giaparse.template.continued import remap_by_evidence
    from giaparse.template.mapping import _request_row_check

    rows = [["3", "1", "0", "0", "0", "2", "6"], ["0", "0", "0", "0", "0", "0", "0"]]
    notes: list = []
    out = remap_by_evidence(_reference(), _continuation(rows, 315.0), _request_row_check, notes)
    assert [r.values for r in out.rows] == [tuple(r) for r in rows]
    assert notes and notes[0][0] is True and "row total" in notes[0][1]


def test_a_narrow_empty_column_is_no_value_column():
    """WPS: the vertical group cell runs on as a narrow column; it holds no text on
    the continued page, so it is no value column (8 candidates for 7)."""
    from giaparse.template.continued import remap_by_evidence
    from giaparse.template.mapping import _request_row_check

    rows = [[None, "4", "0", "1", "0", "0", "0", "5"], [None, "2", "0", "0", "0", "0", "1", "3"]]
    seg = _continuation(rows, 290.0, width=31.0)
    notes: list = []
    out = remap_by_evidence(_reference(), seg, _request_row_check, notes)
    assert [r.values for r in out.rows] == [tuple(r[1:]) for r in rows]
    assert notes[0][0] is True


def test_several_placements_keeping_the_totals_leave_the_cells_null():
    """Blank (not 0) cells: 3 and 2 could be under any two applicant columns; the
    arithmetic cannot tell, so nothing is placed (null with a note naming them)."""
    from giaparse.template.continued import remap_by_evidence
    from giaparse.template.mapping import _request_row_check

    rows = [["3", "2", "5"]]
    notes: list = []
    out = remap_by_evidence(_reference(), _continuation(rows, 318.0, width=70.0), _request_row_check, notes)
    assert out.rows[0].values == (None,) * 7 and out.rows[0].unassigned == ("3", "2", "5")
    assert notes[0][0] is False and "placements keep the row totals" in notes[0][1]


def test_all_zero_rows_confirm_nothing():
    """0 = 0 + … + 0 holds under every placement: no evidence, so no reading."""
    from giaparse.template.continued import remap_by_evidence
    from giaparse.template.mapping import _request_row_check

    rows = [["0"] * 7]
    notes: list = []
    out = remap_by_evidence(_reference(), _continuation(rows, 315.0), _request_row_check, notes)
    assert out.rows[0].values == (None,) * 7
    assert notes[0][0] is False


def test_a_sum_that_fails_under_every_placement_reads_nothing():
    from giaparse.template.continued import remap_by_evidence
    from giaparse.template.mapping import _request_row_check

    rows = [["3", "1", "0", "0", "0", "2", "9"]]
    notes: list = []
    out = remap_by_evidence(_reference(), _continuation(rows, 315.0), _request_row_check, notes)
    assert out.rows[0].values == (None,) * 7 and notes[0][0] is False


# ----------------------------- columns decided by the table's sums (issue 18) --

def _earlier_rows(values: dict[str, list[str | None]]):
    from giaparse.core import AlignedRow

    labels = {"new_received": ("一、本年新收政府信息公开申请数量",), "carried_over": ("二、上年结转政府信息公开申请数量",),
              "granted": ("三、本年度办理结果", "（一）予以公开"),
              "total": ("三、本年度办理结果", "（七）总计")}
    return [AlignedRow(labels[k], tuple(v)) for k, v in values.items()]


def _carried_forward(texts: list[str | None], x0: float, width: float):
    from giaparse.core import AlignedRow, Column, Segment

    return Segment([], [Column((), x0 + width * i, x0 + width * (i + 1)) for i in range(len(texts))],
                   [AlignedRow(("四、结转下年度继续办理",), tuple(texts))])


def _remap(seg, earlier):
    from giaparse.template.continued import remap_by_evidence
    from giaparse.template.mapping import _request_row_check, _request_table_check
    from giaparse.template.templates import TEMPLATE_2021

    notes: list = []
    out = remap_by_evidence(_reference(), seg, _request_row_check, notes,
                            table_check=_request_table_check(TEMPLATE_2021), earlier=earlier)
    return out, notes


def test_blank_cells_the_row_total_cannot_place_are_placed_by_the_balance():
    """四、结转下年度继续办理 with blank cells (3, 2, 5 in three of seven columns): the row total alone
    keeps 15 placements. The balance 一+二 = 三总计+四, per column, against the rows read before the
    break, keeps one; it is read, and the note names the balance."""
    earlier = _earlier_rows({"new_received": ["10", "4", "0", "0", "0", "0", "14"],
                             "carried_over": ["1", "0", "0", "0", "0", "0", "1"],
                             "total": ["8", "2", "0", "0", "0", "0", "10"]})
    out, notes = _remap(_carried_forward(["3", "2", "5"], 318.0, 70.0), earlier)
    assert out.rows[0].values == ("3", "2", None, None, None, None, "5")
    assert notes[0][0] is True and "requests.balance" in notes[0][1]


def test_all_zero_continued_rows_are_read_where_the_balance_holds_with_them():
    """A continuation of zeros: 0 = 0 + … + 0 tells nothing, but 一+二 = 三总计+四 with 四 = 0 holds
    with non-zero terms; the seven columns have one order-keeping placement, read with a note."""
    earlier = _earlier_rows({"new_received": ["10", "4", "0", "0", "0", "1", "15"],
                             "carried_over": ["1", "0", "0", "0", "0", "0", "1"],
                             "total": ["11", "4", "0", "0", "0", "1", "16"]})
    out, notes = _remap(_carried_forward(["0"] * 7, 315.0, 30.0), earlier)
    assert out.rows[0].values == ("0",) * 7
    assert notes[0][0] is True


def test_zeros_that_break_the_balance_are_not_read():
    """The same zeros where 一+二 ≠ 三总计 in some column: the balance fails under the only placement
    (set aside as the report's own arithmetic), nothing else holds with a non-zero term: null."""
    earlier = _earlier_rows({"new_received": ["10", "4", "0", "0", "0", "1", "15"],
                             "carried_over": ["1", "0", "0", "0", "0", "0", "1"],
                             "total": ["9", "4", "0", "0", "0", "1", "14"]})
    out, notes = _remap(_carried_forward(["0"] * 7, 315.0, 30.0), earlier)
    assert out.rows[0].values == (None,) * 7
    assert notes[0][0] is False


def test_two_readings_that_keep_every_sum_are_left_null_naming_them():
    """Blank cells where the earlier rows cannot tell: 一、二 and 三总计 not read before the break, so
    only the row total tests the placements; several readings survive, so nothing is read."""
    earlier = _earlier_rows({"granted": ["1", "0", "0", "0", "0", "0", "1"]})
    out, notes = _remap(_carried_forward(["3", "2", "5"], 318.0, 70.0), earlier)
    assert out.rows[0].values == (None,) * 7 and out.rows[0].unassigned == ("3", "2", "5")
    assert notes[0][0] is False and "reading it" in notes[0][1]


def test_blank_and_zero_are_different_readings():
    """A blank cell counts 0 in the sums, so 0 and blank swapped between two columns keep every sum;
    the two placements read differently (0 is a number, blank is null), so nothing is read."""
    earlier = _earlier_rows({"new_received": ["10", "4", "0", "0", "0", "0", "14"],
                             "carried_over": ["1", "0", "0", "0", "0", "0", "1"],
                             "total": ["8", "2", "0", "0", "0", "0", "10"]})
    out, notes = _remap(_carried_forward(["3", "2", "0", "5"], 318.0, 55.0), earlier)
    assert out.rows[0].values == (None,) * 7
    assert notes[0][0] is False


# ------------------------- two numbers in one cell (a ruling line missing) --

def test_a_cell_holding_two_numbers_is_split_where_the_row_totals_confirm_it():
    """The line between 商业企业 and 科研机构 missing on the continued page: "1 0" in one cell.
    Split into one column a number, the seven texts have one order-keeping placement, and the row
    totals (non-zero) confirm it; the note says a column was split."""
    rows = [["3", "1 0", "0", "0", "2", "6"], ["5", "0 1", "0", "0", "0", "6"]]
    seg = _continuation(rows, 300.0)
    seg.columns[1] = type(seg.columns[1])((), 330.0, 390.0)
    for i in range(2, 6):
        seg.columns[i] = type(seg.columns[i])((), 360.0 + 30 * i, 390.0 + 30 * i)
    out, notes = _remap(seg, [])
    assert out.rows[0].values == ("3", "1", "0", "0", "0", "2", "6")
    assert out.rows[1].values == ("5", "0", "1", "0", "0", "0", "6")
    assert notes[0][0] is True and "split" in notes[0][1]


def test_a_merged_cell_whose_count_of_numbers_varies_is_not_split():
    """"1 0" in one row, "7" in the next: which of the two columns 7 is in cannot be told; not split,
    and the text that is no number fails every placement: null."""
    from giaparse.template.continued import _split_merged_cells

    seg = _continuation([["3", "1 0", "0"], ["5", "7", "0"]], 300.0)
    assert _split_merged_cells(seg)[1] == 0


def test_numbers_taken_into_the_label_area_become_a_value_column():
    """The line between the sub-label and 自然人 present but the one between 自然人 and 商业企业 missing:
    "22 0" sits in the label area of every continued row. It is moved out as a value column before the
    others, split, and placed by the row totals."""
    from giaparse.core import AlignedRow, Column, Segment
    from giaparse.template.continued import _numbers_out_of_labels, remap_by_evidence
    from giaparse.template.mapping import _request_row_check

    cols = [Column((), 360.0 + 30 * i, 390.0 + 30 * i) for i in range(5)]
    seg = Segment([], cols, [AlignedRow(("8.属于行政查询事项", "22 0"), ("0", "0", "0", "0", "22")),
                             AlignedRow(("（四）无法提供", "1.本机关不掌握相关政府信息", "449 243"),
                                        ("0", "44", "0", "0", "736"))])
    moved = _numbers_out_of_labels(_reference(), seg)
    assert moved.rows[0].labels == ("8.属于行政查询事项",) and moved.rows[0].values[0] == "22 0"
    out = remap_by_evidence(_reference(), moved, _request_row_check, [])
    assert out.rows[1].values == ("449", "243", "0", "44", "0", "0", "736")


def test_table_4_shifted_on_its_continued_page_is_placed_by_the_group_totals():
    """Table 4's value row alone on the next page, the page's margin shifting every column by half a
    column: positions cannot place it. Its fifteen texts have one order-keeping placement, and the
    group totals (总计 = 维持 + 纠正 + 其他 + 尚未审结) confirm it: read, the note naming them. Three texts
    with the other cells blank: a blank term is no 0 here, so no total can be tested, nothing confirms
    any of the 455 placements, and the row stays null."""
    from giaparse.core import AlignedRow, Column, Segment
    from giaparse.template.continued import remap_by_evidence
    from giaparse.template.mapping import _review_table_check

    groups = [("行政复议",), ("行政诉讼", "未经复议直接起诉"), ("行政诉讼", "复议后起诉")]
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    ref = Segment([("行政复议", "行政诉讼")], [Column(g + (r,), 100.0 + 30 * i, 130.0 + 30 * i)
                                            for i, (g, r) in enumerate((g, r) for g in groups for r in results)])
    row = ("2", "1", "0", "0", "3", "1", "0", "0", "1", "2", "0", "0", "0", "0", "0")
    seg = Segment([], [Column((), 115.0 + 30 * i, 145.0 + 30 * i) for i in range(15)], [AlignedRow((), row)])
    notes: list = []
    out = remap_by_evidence(ref, seg, None, notes, table_check=_review_table_check)
    assert out.rows[0].values == row
    assert notes[0][0] is True and "group totals" in notes[0][1]
    blank = Segment([], [Column((), 115.0 + 30 * i, 145.0 + 30 * i) for i in range(3)],
                    [AlignedRow((), ("2", "1", "3"))])
    out = remap_by_evidence(ref, blank, None, notes, table_check=_review_table_check)
    assert out.rows[0].values[:5] == (None,) * 5 and out.rows[0].unassigned == ("2", "1", "3")
