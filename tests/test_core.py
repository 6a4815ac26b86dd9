"""The reconstruction core (``giaparse.core.reconstruct``), one test per case.

Each case is a way real reports break tables: merged row and column headers,
vertical header text, truncated header text, rows that lost cells, header
spans that do not line up with the body's, stacked merged labels, labels split
over lines, flattened padding, table 2 written as one table per 第二十条 item,
and blank rows. Inputs are snippets of the seeds (``corpus/text/seed*``) or
small grids built inline; where the answer only shows in the canonical output,
the snippet goes through ``giaparse.parse``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import giaparse
from giaparse.core import AlignedRow, AlignedTable, reconstruct
from giaparse.core.grid import place_cells
from giaparse.document import RawCell, RawGrid, SpanInfo
from giaparse.readers.html import HtmlReader
from giaparse.readers.text import text_to_blocks
from giaparse.template.match import FUZZY_MIN_MARGIN, FUZZY_MIN_SCORE, FuzzyColumn, align_in_order
from giaparse.template.templates import REQUEST_COLUMNS, REVIEW_RESULTS
from giaparse.text.normalise import clean_cell_text

from .conftest import seed_file

REQUEST_KEYS = [key for key, _ in REQUEST_COLUMNS]
RESULT_KEYS = [key for key, _ in REVIEW_RESULTS]

# Real table-3 labels (seed 001 / the 2019 template).
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
NEW = "一、本年新收政府信息公开申请数量"
OVER = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
GRANTED = "（一）予以公开"
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
DENIED = "（三）不予公开"
SECRET = "1.属于国家秘密"
PROHIBITED = "2.其他法律行政法规禁止公开"
SAFETY = "3.危及“三安全一稳定”"
TOTAL = "（七）总计"
FORWARD = "四、结转下年度继续办理"


# --------------------------------------------------------------- helpers ---

def seed_text(prefix: str) -> str:
    return seed_file(prefix).read_text(encoding="utf-8")


def seed_path(prefix: str) -> Path:
    return seed_file(prefix)


def seed_lines(prefix: str, first: str, last: str) -> str:
    """The seed's lines from the one starting with ``first`` to the one starting with ``last``."""
    lines = seed_text(prefix).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(last))
    return "\n".join(lines[start:end + 1])


def flat(text: str) -> RawGrid:
    """The one flattened grid the text reader finds in ``text``."""
    grids = [b for b in text_to_blocks(text) if isinstance(b, RawGrid)]
    assert len(grids) == 1, [g.texts() for g in grids]
    assert grids[0].spans is SpanInfo.UNKNOWN
    return grids[0]


def seed_grids(prefix: str) -> list[RawGrid]:
    return [b for b in text_to_blocks(seed_text(prefix)) if isinstance(b, RawGrid)]


def cells(*texts: object) -> list[RawCell]:
    return [RawCell(str(t)) for t in texts]


def row_by_leaf(table: AlignedTable, leaf: str) -> AlignedRow:
    found = [r for r in table.rows if r.labels and r.labels[-1] == leaf]
    assert len(found) == 1, (leaf, [r.labels for r in table.rows])
    return found[0]


def td(text: object, **spans: int) -> str:
    attrs = "".join(f' {k}="{v}"' for k, v in spans.items())
    return f"<td{attrs}>{text}</td>"


def tr(*tds: str) -> str:
    return "<tr>" + "".join(tds) + "</tr>"


def report_html(heading: str, table: str, year: int = 2020) -> bytes:
    return (
        "<html><head><meta charset='utf-8'></head><body>"
        f"<h1>某市人民政府{year}年政府信息公开工作年度报告</h1>"
        f"<p>{heading}</p>{table}<p>五、存在的主要问题及改进情况</p><p>无。</p>"
        "</body></html>"
    ).encode()


def codes(report: dict, code: str, table: str | None = None, row: str | None = None) -> list[dict]:
    return [w for w in report["warnings"] if w["code"] == code
            and (table is None or w.get("table") == table) and (row is None or row in w.get("rows", []))]


# A positioned table 3 (2019 template, the rows that matter here) with distinct
# numbers per cell, so that a value in the wrong column cannot go unseen.
# Value of row i, column j: 100 * (i + 1) + j.
T3_ROWS = [
    ("new_received", NEW), ("carried_over", OVER), ("granted", GRANTED), ("partially_granted", PARTIAL),
    ("denied_state_secret", SECRET), ("denied_prohibited_by_law", PROHIBITED), ("total", TOTAL),
    ("carried_forward", FORWARD),
]


def t3_values(i: int) -> list[int]:
    return [100 * (i + 1) + j for j in range(7)]


def table3_grid() -> RawGrid:
    """Three header rows, a 3-column label area, rowspans three levels deep, vertical 商\\n业\\n企\\n业."""
    header = [
        [RawCell(NOTE, rowspan=3, colspan=3), RawCell("申请人情况", colspan=7)],
        [RawCell("自然人", rowspan=2), RawCell("法人或其他组织", colspan=5), RawCell("总计", rowspan=2)],
        cells("商\n业\n企\n业", "科\n研\n机\n构", "社会\n公益\n组织", "法律\n服务\n机构", "其他"),
    ]
    body = [
        [RawCell(NEW, colspan=3), *cells(*t3_values(0))],
        [RawCell(OVER, colspan=3), *cells(*t3_values(1))],
        [RawCell(RESULTS, rowspan=5), RawCell(GRANTED, colspan=2), *cells(*t3_values(2))],
        [RawCell(PARTIAL, colspan=2), *cells(*t3_values(3))],
        [RawCell(DENIED, rowspan=2), RawCell(SECRET), *cells(*t3_values(4))],
        [RawCell(PROHIBITED), *cells(*t3_values(5))],
        [RawCell(TOTAL, colspan=2), *cells(*t3_values(6))],
        [RawCell(FORWARD, colspan=3), *cells(*t3_values(7))],
    ]
    return RawGrid(header + body, SpanInfo.KNOWN, origin="inline table 3")


def table3_html() -> bytes:
    rows = [
        tr(td(NOTE, rowspan=3, colspan=3), td("申请人情况", colspan=7)),
        tr(td("自然人", rowspan=2), td("法人或其他组织", colspan=5), td("总计", rowspan=2)),
        tr(*(td(t) for t in ["商<br>业<br>企<br>业", "科<br>研<br>机<br>构", "社会<br>公益<br>组织",
                             "法律<br>服务<br>机构", "其他"])),
        tr(td(NEW, colspan=3), *(td(v) for v in t3_values(0))),
        tr(td(OVER, colspan=3), *(td(v) for v in t3_values(1))),
        tr(td(RESULTS, rowspan=5), td(GRANTED, colspan=2), *(td(v) for v in t3_values(2))),
        tr(td(PARTIAL, colspan=2), *(td(v) for v in t3_values(3))),
        tr(td(DENIED, rowspan=2), td(SECRET), *(td(v) for v in t3_values(4))),
        tr(td(PROHIBITED), *(td(v) for v in t3_values(5))),
        tr(td(TOTAL, colspan=2), *(td(v) for v in t3_values(6))),
        tr(td(FORWARD, colspan=3), *(td(v) for v in t3_values(7))),
    ]
    return report_html("三、收到和处理政府信息公开申请情况", "<table>" + "".join(rows) + "</table>")


# ------------------------------- 1. merged row headers three levels deep ---

def test_a_misread_header_between_matched_neighbours_names_the_one_column_left_there():
    """A fax's threshold breaks the top stroke of 自 (OCR reads 白然人); a seal over 会 reads 社众. Each
    stands alone where one template column is left between its matched neighbours (or the table's edge),
    clearly nearest it: taken as that column, and said so (``FuzzyColumn``)."""
    keys = [k for k, _ in REQUEST_COLUMNS]
    for i, misread in ((0, "白然人"), (3, "社众公益组织"), (4, "法律服务机杓")):
        headers = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
        headers[i] = misread
        fuzzy: list[FuzzyColumn] = []
        assert align_in_order(headers, REQUEST_COLUMNS, fuzzy) == keys
        assert [(f.index, f.key, f.label) for f in fuzzy] == [(i, keys[i], misread)]
        assert fuzzy[0].score >= FUZZY_MIN_SCORE and fuzzy[0].margin >= FUZZY_MIN_MARGIN


def test_a_misread_header_is_not_taken_without_evidence_from_its_place():
    """Not taken: two unknown headers in one gap (which is which?), a gap of two template columns, a
    header not clearly nearest, no matched neighbour at all, a truncated 白然 (too little of it left)."""
    two = ["白然人", "商业企业", "科研机构", "社众公益组织", "法律服务机构", "其他", "总计"]
    assert align_in_order(two, REQUEST_COLUMNS)[0] == "natural_person"  # two gaps, each of one: both taken
    assert align_in_order(two, REQUEST_COLUMNS)[3] == "public_interest"
    adjacent = ["自然人", "商业企业", "科研机木", "社众公益组织", "法律服务机构", "其他", "总计"]
    assert align_in_order(adjacent, REQUEST_COLUMNS)[2:4] == [None, None]
    wide = ["自然人", "商业企业", "社众公益组织", "法律服务机构", "其他", "总计"]  # 科研机构 missing too
    assert align_in_order(wide, REQUEST_COLUMNS)[2] is None
    assert align_in_order(["自然人", "商业企业", "科研机构", "XY", "法律服务机构", "其他", "总计"],
                          REQUEST_COLUMNS)[3] is None
    assert align_in_order(["白然人"], REQUEST_COLUMNS) == [None]
    assert align_in_order(["白然", "商业企业"], REQUEST_COLUMNS)[0] is None


def test_a_row_label_whose_outline_number_ocr_garbled_is_compared_without_it():
    """（七）总计 read （t）总计 and （一）予以公开 read （一-）以公开: the bracket is no outline number, and the
    rest of the label is compared with the template's wording."""
    from giaparse.template.match import nearest_row

    candidates = {"granted": ["（一）予以公开"], "partially_granted": ["（二）部分公开"], "total": ["七、总计", "（七）总计"]}
    assert nearest_row("（t）总计", candidates).key == "total"
    assert nearest_row("（t）总计", candidates).clear
    assert nearest_row("（一-）以公开", candidates).key == "granted"
    assert nearest_row("（一-）以公开", candidates).clear


def test_row_paths_three_deep_from_rowspans():
    """1a: 三、本年度办理结果 (rowspan 5) › （三）不予公开 (rowspan 2) › 1./2. leaves."""
    table = reconstruct(table3_grid())
    assert len(table.segments) == 1
    assert row_by_leaf(table, SECRET).labels == (RESULTS, DENIED, SECRET)
    assert row_by_leaf(table, PROHIBITED).labels == (RESULTS, DENIED, PROHIBITED)
    assert row_by_leaf(table, GRANTED).labels == (RESULTS, GRANTED)
    assert row_by_leaf(table, TOTAL).labels == (RESULTS, TOTAL)
    # Rows outside the merged cells get no parent from it.
    assert row_by_leaf(table, NEW).labels == (NEW,)
    assert row_by_leaf(table, FORWARD).labels == (FORWARD,)
    assert row_by_leaf(table, PROHIBITED).values == tuple(str(v) for v in t3_values(5))


def test_row_paths_three_deep_when_flattening_omits_parents():
    """1b: seed 001 writes ``2.其他法律行政法规禁止公开 | 0 | …`` with no parent labels."""
    text = seed_lines("001", "(本列数据的勾稽关系为", "四、结转下年度继续办理")
    assert "\n2.其他法律行政法规禁止公开 | 0 |" in text  # the parents really are missing
    table = reconstruct(flat(text))
    assert row_by_leaf(table, "1.属于国家秘密").labels == ("三、本年度办理结果", "(三)不予公开", "1.属于国家秘密")
    assert row_by_leaf(table, "2.其他法律行政法规禁止公开").labels == (
        "三、本年度办理结果", "(三)不予公开", "2.其他法律行政法规禁止公开")
    assert row_by_leaf(table, "8.属于行政查询事项").labels == ("三、本年度办理结果", "(三)不予公开", "8.属于行政查询事项")
    # A new level-2 label replaces the previous one; a level-1 label starts afresh.
    assert row_by_leaf(table, "1.本机关不掌握相关政府信息").labels == (
        "三、本年度办理结果", "(四)无法提供", "1.本机关不掌握相关政府信息")
    assert row_by_leaf(table, "(六)其他处理").labels == ("三、本年度办理结果", "(六)其他处理")
    assert row_by_leaf(table, "四、结转下年度继续办理").labels == ("四、结转下年度继续办理",)
    assert len(table.rows) == 23
    assert row_by_leaf(table, "(七)总计").values == ("2", "0", "0", "0", "0", "0", "2")


def test_row_paths_three_deep_when_flattening_repeats_parents():
    """1c: the merged parent written out again in every row, even twice in one row."""
    text = "\n".join([
        "项目 | 自然人 | 商业企业 | 总计",
        f"{RESULTS} | {RESULTS} | {GRANTED} | 1 | 2 | 3",
        f"{RESULTS} | {RESULTS} | {DENIED} | {SECRET} | 4 | 5 | 9",
        f"{RESULTS} | {RESULTS} | {DENIED} | {PROHIBITED} | 6 | 7 | 13",
        f"{RESULTS} | {DENIED} | {DENIED} | {SAFETY} | 0 | 8 | 8",
    ])
    table = reconstruct(flat(text))
    assert [r.labels for r in table.rows] == [
        (RESULTS, GRANTED),
        (RESULTS, DENIED, SECRET),
        (RESULTS, DENIED, PROHIBITED),
        (RESULTS, DENIED, SAFETY),
    ]
    assert [r.values for r in table.rows] == [
        ("1", "2", "3"), ("4", "5", "9"), ("6", "7", "13"), ("0", "8", "8"),
    ]


def test_flattened_header_repeating_the_merged_corner_cell():
    text = "\n".join([
        "项目 | 项目 | 项目 | 自然人 | 商业企业 | 总计",
        f"{RESULTS} | {RESULTS} | {GRANTED} | 1 | 2 | 3",
        f"{RESULTS} | {RESULTS} | {DENIED} | {SECRET} | 4 | 5 | 9",
    ])
    seg = reconstruct(flat(text)).segments[0]
    # Today: 5 columns (项目, 项目, 自然人, 商业企业, 总计) and both rows unassigned.
    assert [c.path for c in seg.columns] == [("自然人",), ("商业企业",), ("总计",)]
    assert [r.values for r in seg.rows] == [("1", "2", "3"), ("4", "5", "9")]


def test_row_paths_reach_the_canonical_rows_through_parse():
    """1a + 2 through the pipeline: an HTML table 3 with rowspans/colspans maps row and column right."""
    report = giaparse.parse(table3_html(), name="t3.html").to_dict()
    requests = report["tables"]["requests"]
    for i, (key, _) in enumerate(T3_ROWS):
        got = [requests[key][col]["value"] for col in REQUEST_KEYS]
        assert got == t3_values(i), key
    assert {k: requests["denied_prohibited_by_law"]["commercial"][k] for k in ("value", "raw")} == {"value": 601, "raw": "601"}
    assert not codes(report, "column_unmatched")
    assert not codes(report, "cell_ambiguous")


# ---------------------------- 2. merged column headers two levels deep ---

def test_column_paths_two_deep_from_colspans():
    table = reconstruct(table3_grid())
    seg = table.segments[0]
    assert [c.leaf for c in seg.columns] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert seg.positioned
    by_leaf = {c.leaf: c.path for c in seg.columns}
    assert by_leaf["商业企业"] == ("申请人情况", "法人或其他组织", "商业企业")
    assert by_leaf["其他"] == ("申请人情况", "法人或其他组织", "其他")
    # A rowspan-2 header cell is its own leaf, under the top group only.
    assert by_leaf["自然人"] == ("申请人情况", "自然人")
    assert by_leaf["总计"] == ("申请人情况", "总计")
    # The corner cell over the row labels is no column's header.
    assert not any(NOTE in c.path for c in seg.columns)
    assert align_in_order([c.leaf for c in seg.columns], REQUEST_COLUMNS) == REQUEST_KEYS


# --------------------------------------------------- 3. vertical header text ---

@pytest.mark.parametrize(
    "raw, clean",
    [
        ("商\n业\n企\n业", "商业企业"),
        ("社会\n公益\n组织", "社会公益组织"),
        ("法律\r\n服务\r\n机构", "法律服务机构"),
        ("结果\n维持", "结果维持"),
        ("\u3000科\u3000\n研 \n机\n构\n", "科研机构"),
        ("商 业 企 业", "商业企业"),
        ("（三）\n不予公开", "（三）不予公开"),
        ("采购总金额\n(单位:万元)", "采购总金额(单位:万元)"),
        ("ICP\nlicence", "ICP licence"),  # a break between Latin words stood for a space
    ],
)
def test_clean_cell_text_joins_vertical_and_wrapped_text(raw, clean):
    assert clean_cell_text(raw) == clean


def test_place_cells_cleans_vertical_header_cells():
    dense = place_cells(RawGrid([cells("商\n业\n企\n业", "社会\n公益\n组织")]))
    assert [c.text for c in dense.row_cells(0)] == ["商业企业", "社会公益组织"]


def test_seed_003_vertical_headers_are_joined_in_the_header_rows():
    grid = next(g for g in seed_grids("003") if any("申请人情况" in c.text for c in g.rows[0]))
    assert any(c.text == "商\n业\n企\n业" for row in grid.rows for c in row)  # really vertical in the source
    seg = reconstruct(grid).segments[0]
    header_cells = {t for row in seg.header_rows for t in row}
    assert {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"} <= header_cells
    assert not any("\n" in t for t in header_cells)


def test_seed_003_requests_columns_through_parse():
    # ``name`` because of the format-detection bug below (test_parse_bytes_of_utf8_text_without_a_name).
    report = giaparse.parse(seed_path("003").read_bytes(), name="003.txt").to_dict()
    requests = report["tables"]["requests"]
    assert [requests["new_received"][c]["value"] for c in REQUEST_KEYS] == [117, 3, 0, 0, 0, 0, 120]
    assert {k: requests["new_received"]["commercial"][k] for k in ("value", "raw")} == {"value": 3, "raw": "3"}
    assert [requests["granted"][c]["value"] for c in REQUEST_KEYS] == [97, 3, 0, 0, 0, 0, 100]
    assert requests["denied_internal_affairs"]["natural_person"]["value"] == 1
    assert requests["denied_internal_affairs"]["total"]["value"] == 1
    assert not codes(report, "column_unmatched", table="requests")


# ------------------------------------------------ 4. truncated header text ---

def test_truncated_review_headers_align_in_template_order():
    """Seed 004 table 4: ``结果 | 结果 | 其他 | 尚未 | 总计`` under each litigation group."""
    assert align_in_order(["结果", "结果", "其他", "尚未", "总计"], REVIEW_RESULTS) == RESULT_KEYS
    assert align_in_order(["结果维持", "结果", "其他", "尚未", "总计"], REVIEW_RESULTS) == RESULT_KEYS
    # A missing column does not shift the ones after it.
    assert align_in_order(["结果", "其他", "总计"], REVIEW_RESULTS) == ["upheld", "other", "total"]


def _table4_html(leaves_review: list[str], leaves_lit: list[str], values: list[int]) -> bytes:
    rows = [
        tr(td("行政复议", colspan=5), td("行政诉讼", colspan=10)),
        tr(*(td(t, rowspan=2) for t in leaves_review), td("未经复议直接起诉", colspan=5), td("复议后起诉", colspan=5)),
        tr(*(td(t) for t in leaves_lit + leaves_lit)),
        tr(*(td(v) for v in values)),
    ]
    return report_html("四、政府信息公开行政复议、行政诉讼情况", "<table>" + "".join(rows) + "</table>")


def test_truncated_review_headers_positioned_through_parse():
    values = [1, 2, 3, 4, 10, 5, 6, 7, 8, 26, 11, 12, 13, 14, 50]
    data = _table4_html(["结果维持", "结果", "其他", "尚未", "总计"], ["结果", "结果", "其他", "尚未", "总计"], values)
    # The core gives every column its path (group › leaf), truncated leaves included.
    grid = next(b for b in HtmlReader().read(data, "t4.html").blocks if isinstance(b, RawGrid))
    seg = reconstruct(grid).segments[0]
    assert seg.positioned
    assert seg.columns[1].path == ("行政复议", "结果")
    assert seg.columns[6].path == ("行政诉讼", "未经复议直接起诉", "结果")
    assert seg.columns[13].path == ("行政诉讼", "复议后起诉", "尚未")
    report = giaparse.parse(data, name="t4.html").to_dict()
    review = report["tables"]["review_litigation"]
    assert {k: review["review"][k]["value"] for k in RESULT_KEYS} == dict(zip(RESULT_KEYS, [1, 2, 3, 4, 10], strict=False))
    assert {k: review["litigation_direct"][k]["value"] for k in RESULT_KEYS} == dict(zip(RESULT_KEYS, [5, 6, 7, 8, 26], strict=False))
    assert {k: review["litigation_after_review"][k]["value"] for k in RESULT_KEYS} == dict(
        zip(RESULT_KEYS, [11, 12, 13, 14, 50], strict=False))
    assert not codes(report, "column_unmatched")


def test_truncated_review_headers_flattened_seed_004_through_parse():
    report = giaparse.parse(seed_path("004").read_bytes(), name="004.txt").to_dict()
    review = report["tables"]["review_litigation"]
    assert [review["review"][k]["value"] for k in RESULT_KEYS] == [4, 1, 1, 4, 10]
    assert [review["litigation_direct"][k]["value"] for k in RESULT_KEYS] == [0, 0, 0, 0, 0]
    assert [review["litigation_after_review"][k]["value"] for k in RESULT_KEYS] == [2, 0, 0, 1, 3]


# ---------------------------------------- 5. rows with fewer cells than columns ---

def test_seed_003_short_last_row_is_left_unassigned():
    grid = next(g for g in seed_grids("003") if any("申请人情况" in c.text for c in g.rows[0]))
    assert [clean_cell_text(c.text) for c in grid.rows[-1]] == [FORWARD, "2", "0", "0", "2"]
    table = reconstruct(grid)
    seg = table.segments[0]
    assert len(seg.columns) == 7
    last = row_by_leaf(table, FORWARD)
    assert last.values == (None,) * 7
    assert last.unassigned == ("2", "0", "0", "2")
    # The other rows are whole and unflagged.
    assert row_by_leaf(table, NEW).values == ("117", "3", "0", "0", "0", "0", "120")
    assert row_by_leaf(table, "（七）总计").values == ("115", "3", "0", "0", "0", "0", "118")
    assert all(not r.unassigned for r in table.rows if r is not last)


def test_seed_003_short_last_row_through_parse():
    report = giaparse.parse(seed_path("003").read_bytes(), name="003.txt").to_dict()
    requests = report["tables"]["requests"]
    # Read by hand: the row is "2 0 0 2" for seven columns. Only one order-preserving
    # placement keeps 总计 = the six applicants and 一+二 = 三+四 in 自然人 (117+0-115)
    # and 总计 (120+0-118): 自然人 2, 总计 2. Which two of the five middle columns
    # hold the zeros cannot be told, so those five stay null, each with a warning.
    middle = [c for c in REQUEST_KEYS if c not in ("natural_person", "total")]
    row = requests["carried_forward"]
    assert {c: {k: row[c][k] for k in ("value", "raw")} for c in row} == {
        c: ({"value": 2, "raw": "2"} if c in ("natural_person", "total") else {"value": None, "raw": None})
        for c in REQUEST_KEYS}
    # The two placed cells say so, and point at their own line of the text (the first and the last
    # of the row's four surviving cells); the null ones have no source.
    assert row["natural_person"]["source"]["placement"] == row["total"]["source"]["placement"] == "arithmetic"
    assert row["total"]["source"]["lines"][0] - row["natural_person"]["source"]["lines"][0] == 3
    assert all("source" not in row[c] for c in middle)
    warned = codes(report, "cell_ambiguous", table="requests", row="carried_forward")
    assert sorted(c for w in warned for c in w["columns"]) == sorted(middle)
    assert all("2 0 0 2" in w["message"] for w in warned)
    assert [requests["total"][c]["value"] for c in REQUEST_KEYS] == [115, 3, 0, 0, 0, 0, 118]
    assert [requests["carried_over"][c]["value"] for c in REQUEST_KEYS] == [0] * 7
    assert not codes(report, "cell_ambiguous", table="requests", row="total")


# ------------------------------- 6. header colspans ≠ body colspans ---

def test_header_colspan_two_over_value_plus_spacer_cells():
    rows = [
        [RawCell("信息内容"), RawCell("本年制发件数", colspan=2), RawCell("本年废止件数", colspan=2),
         RawCell("现行有效件数", colspan=2)],
        cells("规章", 3, "", 5, "", 79, ""),
        cells("行政规范性文件", 38, "", 51, "", 723, ""),
    ]
    seg = reconstruct(RawGrid(rows)).segments[0]
    assert [c.path for c in seg.columns] == [("本年制发件数",), ("本年废止件数",), ("现行有效件数",)]
    assert [r.values for r in seg.rows] == [("3", "5", "79"), ("38", "51", "723")]
    # Counting cells left to right would put the spacer under 本年废止件数.
    counted = [c.text for c in rows[1][1:4]]
    assert counted == ["3", "", "5"] and counted != list(seg.rows[0].values)


def test_header_colspan_over_body_cells_of_other_widths():
    """Body cells of width 2, or a value with the spacer first, still land by position."""
    rows = [
        [RawCell("信息内容"), RawCell("甲", colspan=2), RawCell("乙", colspan=2), RawCell("丙", colspan=2)],
        [RawCell("规章"), RawCell("3", colspan=2), *cells("", 5), RawCell("79", colspan=2)],
        cells("规范性文件", 38, "", "", 51, 723, ""),
    ]
    seg = reconstruct(RawGrid(rows)).segments[0]
    assert [c.leaf for c in seg.columns] == ["甲", "乙", "丙"]
    assert [r.values for r in seg.rows] == [("3", "5", "79"), ("38", "51", "723")]


def test_header_colspan_with_spacer_before_the_first_value():
    rows = [
        [RawCell("信息内容"), RawCell("本年制发件数", colspan=2), RawCell("本年废止件数", colspan=2),
         RawCell("现行有效件数", colspan=2)],
        cells("规章", "", 3, "", 5, "", 79),
        cells("行政规范性文件", "", 38, "", 51, "", 723),
    ]
    seg = reconstruct(RawGrid(rows)).segments[0]
    assert [r.values for r in seg.rows] == [("3", "5", "79"), ("38", "51", "723")]
    assert [c.path for c in seg.columns] == [("本年制发件数",), ("本年废止件数",), ("现行有效件数",)]


def test_first_value_column_blank_in_every_row_keeps_its_header():
    rows = [cells("信息内容", "甲", "乙", "丙"), cells("规章", "", 5, 6), cells("规范性文件", "", 7, 8)]
    flat_seg = reconstruct(RawGrid(rows, SpanInfo.UNKNOWN)).segments[0]
    assert [c.path for c in flat_seg.columns] == [("甲",), ("乙",), ("丙",)]  # holds today
    seg = reconstruct(RawGrid(rows)).segments[0]
    assert [c.path for c in seg.columns] == [("甲",), ("乙",), ("丙",)]
    assert [r.values for r in seg.rows] == [("", "5", "6"), ("", "7", "8")]


# ------------------------- 7. a row-group label in two stacked merged cells ---

def test_row_group_label_repeated_in_stacked_merged_cells():
    rows = [
        [RawCell("项目", colspan=3), *cells("自然人", "总计")],
        [RawCell(RESULTS, rowspan=2), RawCell(GRANTED, colspan=2), *cells(1, 2)],
        [RawCell(PARTIAL, colspan=2), *cells(3, 4)],
        # The same group label again, in a second merged cell (a page break, or Word's split merge).
        [RawCell(RESULTS, rowspan=3), RawCell(DENIED, rowspan=2), RawCell(SECRET), *cells(5, 6)],
        [RawCell(PROHIBITED), *cells(7, 8)],
        [RawCell(TOTAL, colspan=2), *cells(9, 10)],
        [RawCell(FORWARD, colspan=3), *cells(11, 12)],
    ]
    table = reconstruct(RawGrid(rows))
    assert len(table.segments) == 1
    result_rows = [r for r in table.rows if RESULTS in r.labels]
    assert [r.labels[-1] for r in result_rows] == [GRANTED, PARTIAL, SECRET, PROHIBITED, TOTAL]
    for row in result_rows:
        assert row.labels[0] == RESULTS and row.labels.count(RESULTS) == 1, row.labels
    assert row_by_leaf(table, PROHIBITED).labels == (RESULTS, DENIED, PROHIBITED)
    assert [r.values for r in table.rows] == [("1", "2"), ("3", "4"), ("5", "6"), ("7", "8"), ("9", "10"), ("11", "12")]


# ------------------------- 8. labels split into spans or paragraphs in a cell ---

def test_label_split_over_lines_in_a_cell_is_joined():
    rows = [
        [RawCell("项目", colspan=2), *cells("自然人", "总计")],
        [RawCell("三、本年度\n办理结果", rowspan=2), RawCell("（三）\n不予公开"), *cells(1, 2)],
        [RawCell("（\n四\n）\n无\n法\n提\n供"), *cells(3, 4)],
    ]
    table = reconstruct(RawGrid(rows))
    assert [r.labels for r in table.rows] == [(RESULTS, DENIED), (RESULTS, "（四）无法提供")]


def test_label_split_into_spans_and_paragraphs_in_html():
    html = ("<table>" + tr(td("项目"), td("自然人"), td("总计"))
            + tr(td("<p>（三）</p><p>不予公开</p>"), td(1), td(2))
            + tr(td("<span>2</span><span>.</span><span>其</span><span>他</span>"
                    "<span>法律行政法规禁止公开</span>"), td(3), td(4))
            + tr(td("<div>（四）</div>\n<div>无法</div><div>提供</div>"), td(5), td(6))
            + "</table>").encode("utf-8")
    grid = next(b for b in HtmlReader().read(html, "x.html").blocks if isinstance(b, RawGrid))
    table = reconstruct(grid)
    assert [r.labels for r in table.rows] == [
        (DENIED,), (DENIED, PROHIBITED), ("（四）无法提供",),
    ]
    assert [r.values for r in table.rows] == [("1", "2"), ("3", "4"), ("5", "6")]


# ------------------------------------------------ 9. flattened padding ---

def test_flattened_trailing_padding_makes_no_extra_columns():
    text = seed_lines("001", "第二十条第(一)项", "规范性文件")
    assert text.splitlines()[0] == "第二十条第(一)项 | |||" and text.splitlines()[2] == "规章 | 0 | 0 | 0 |"
    seg = reconstruct(flat(text)).segments[0]
    assert len(seg.columns) == 3
    assert seg.header_rows[0] == ("第二十条第(一)项",)
    assert [r.values for r in seg.rows] == [("0", "0", "0"), ("7", "7", "7")]


def test_flattened_padding_beyond_the_header_is_dropped():
    """Seed 001 table 2 (八): two columns, every row padded to four cells."""
    text = seed_lines("001", "第二十条第(八)项", "行政事业性收费")
    seg = reconstruct(flat(text)).segments[0]
    assert [c.path for c in seg.columns] == [("上一年项目数量",), ("本年增/减",)]
    assert seg.rows[0].values == ("3", "0")


def test_flattened_middle_blank_stays_in_its_column():
    text = "\n".join(["信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
                      "规章 |  | 3 | 5 |",
                      "规范性文件 | 7 |  | 9 |"])
    seg = reconstruct(flat(text)).segments[0]
    assert [c.leaf for c in seg.columns] == ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert [r.values for r in seg.rows] == [("", "3", "5"), ("7", "", "9")]
    assert all(not r.unassigned for r in seg.rows)


def test_flattened_lost_cell_is_not_hidden_by_padding():
    """Seed 001 pads every table-3 row to 10 cells; a row that lost a value still has 7 cells after its label."""
    text = seed_lines("001", "(本列数据的勾稽关系为", "四、结转下年度继续办理").replace(
        "\n2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "\n2.其他法律行政法规禁止公开 | 5 | 0 | 0 | 0 | 0 | 5 |",  # one of the five zeros lost
    )
    row = row_by_leaf(reconstruct(flat(text)), "2.其他法律行政法规禁止公开")
    # Today: ('5', '0', '0', '0', '0', '5', '') — the row total sits under 其他, 总计 is blank.
    assert row.values == (None,) * 7
    assert row.unassigned == ("5", "0", "0", "0", "0", "5")


# ------------------------------------------------ 10. table 2 segments ---

def test_seed_001_table_2_has_one_segment_per_item():
    grid = seed_grids("001")[0]
    table = reconstruct(grid)
    assert [seg.header_rows[0] for seg in table.segments] == [
        ("第二十条第(一)项",), ("第二十条第(五)项",), ("第二十条第(六)项",), ("第二十条第(八)项",), ("第二十条第(九)项",),
    ]
    assert [[c.path for c in seg.columns] for seg in table.segments] == [
        [("本年新制作数量",), ("本年新公开数量",), ("对外公开总数量",)],
        [("上一年项目数量",), ("本年增/减",), ("处理决定数量",)],
        [("上一年项目数量",), ("本年增/减",), ("处理决定数量",)],
        [("上一年项目数量",), ("本年增/减",)],
        [("采购项目数量",), ("采购总金额(单位:万元)",)],
    ]
    assert [[r.labels for r in seg.rows] for seg in table.segments] == [
        [("规章",), ("规范性文件",)],
        [("行政许可",), ("其他对外管理服务事项",)],
        [("行政处罚",), ("行政强制",)],
        [("行政事业性收费",)],
        [("政府集中采购",)],
    ]
    assert table.segments[1].rows[0].values == ("174", "增3", "3826")
    assert table.segments[4].rows[0].values == ("144", "1732.633648万元")
    assert all(seg.positioned for seg in table.segments)


# ------------------------------------------------ 11. blank body rows ---

def test_numbered_label_without_values_is_a_blank_body_row():
    text = "\n".join([
        "项目 | 自然人 | 商业企业 | 总计",
        f"{GRANTED} | 1 | 2 | 3",
        f"{PARTIAL} | | |",
        f"{DENIED} |",
        f"{SECRET} | 4 | 5 | 9",
    ])
    table = reconstruct(flat(text))
    assert len(table.segments) == 1  # the blank rows did not open a new header
    seg = table.segments[0]
    assert [c.leaf for c in seg.columns] == ["自然人", "商业企业", "总计"]
    assert [r.labels for r in seg.rows] == [(GRANTED,), (PARTIAL,), (DENIED,), (DENIED, SECRET)]
    assert seg.rows[1].values == (None, None, None) and seg.rows[1].unassigned == ()
    assert seg.rows[2].values == (None, None, None)
    assert seg.rows[3].values == ("4", "5", "9")


def test_numbered_label_with_blank_cells_is_a_body_row_when_positioned():
    rows = [
        [RawCell("项目", colspan=2), *cells("自然人", "总计")],
        [RawCell(GRANTED, colspan=2), *cells(1, 2)],
        [RawCell(PARTIAL, colspan=2), *cells("", "")],
        [RawCell(DENIED, rowspan=2), RawCell(SECRET), *cells("", "")],
        [RawCell(PROHIBITED), *cells(3, 4)],
        [RawCell("（六）其他处理", colspan=2)],  # no cells at all after the label
    ]
    table = reconstruct(RawGrid(rows))
    assert len(table.segments) == 1
    assert [(r.labels, r.values) for r in table.rows] == [
        ((GRANTED,), ("1", "2")),
        ((PARTIAL,), ("", "")),
        ((DENIED, SECRET), ("", "")),
        ((DENIED, PROHIBITED), ("3", "4")),
        (("（六）其他处理",), (None, None)),
    ]


# ------------------------------------- found on the way (not core) ---

def test_parse_bytes_of_utf8_text_without_a_name():
    data = seed_path("003").read_bytes()
    report = giaparse.parse(data).to_dict()
    assert report["tables"]["requests"]["new_received"]["commercial"]["value"] == 3


def test_label_area_is_not_narrowed_by_a_row_whose_label_ends_early():
    """A continued WPS page (hongze_2023.pdf page 4): the group column runs on empty,
    （六）其他处理 sits in the group column with an empty sub-label cell beside it (the
    first page merged the two), other rows have a sub-label. The sub-label column is
    label area in every row, not an 8th value column."""
    c = RawCell
    rows = [
        [c("", rowspan=3), c("", rowspan=2), c("3.补正后申请内容仍不明确")] + [c("0")] * 6 + [c("1")],
        [c("1.信访举报投诉类申请")] + [c("2")] * 7,
        [c("（六）其他处理"), c("")] + [c("0")] * 7,
    ]
    table = reconstruct(RawGrid(rows, SpanInfo.KNOWN, col_edges=tuple(float(x) for x in range(0, 110, 10))))
    (seg,) = table.segments
    assert len(seg.columns) == 7
    assert [r.values for r in seg.rows] == [("0",) * 6 + ("1",), ("2",) * 7, ("0",) * 7]
    assert seg.rows[2].labels[-1] == "（六）其他处理"
