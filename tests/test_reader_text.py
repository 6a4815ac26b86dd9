"""TextReader: plain text (pipes, Markdown, tab cells, TSV) to paragraphs and raw grids.

Everything goes through the public reader surface: ``text_to_blocks`` for
decoded text, ``TextReader().read(bytes, name)`` for bytes, and
``giaparse.parse`` where the question is what a caller sees.
"""

from __future__ import annotations

import codecs
import random

import pytest

import giaparse
from giaparse.core.cells import is_value_text
from giaparse.diagnostics import WarningCode
from giaparse.document import Paragraph, RawGrid, SpanInfo
from giaparse.errors import DecodeFailure, GiaparseError, UnsupportedFormat
from giaparse.readers import reader_for, registered_readers
from giaparse.readers.text import TextReader, text_to_blocks

from .conftest import CORPUS

TEXT_DIR = CORPUS / "text"


def grids(blocks) -> list[RawGrid]:
    return [b for b in blocks if isinstance(b, RawGrid)]


def paras(blocks) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def only_grid(blocks) -> list[list[str]]:
    """The texts of the one grid ``blocks`` must consist of."""
    assert len(blocks) == 1 and isinstance(blocks[0], RawGrid), blocks
    return blocks[0].texts()


def is_separator_like(row: list[str]) -> bool:
    return bool(row) and all(cell and set(cell) <= set("-:—–") for cell in row)


# --- registration -------------------------------------------------------------


def test_registered_under_text():
    assert registered_readers()["text"] is TextReader
    assert isinstance(reader_for("text"), TextReader)
    for ext in (".txt", ".md", ".markdown", ".tsv"):
        assert ext in TextReader.extensions


def test_grids_from_text_have_unknown_spans():
    (grid,) = grids(text_to_blocks("规章 | 3 | 5 | 79 |\n行政规范性文件 | 38 | 51 | 723 |"))
    assert grid.spans is SpanInfo.UNKNOWN
    assert grid.origin == "pipe table"
    assert all(c.rowspan == 1 and c.colspan == 1 for row in grid.rows for c in row)


# --- pipe rows --------------------------------------------------------------------


def test_pipe_rows_with_trailing_padding():
    # Seed 001 as a copy-paste tool wrote it: no leading pipe, padding "| |||".
    text = (
        "二、主动公开政府信息情况\n"
        "第二十条第(一)项 | |||\n"
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
        "规章 | 0 | 0 | 0 |   \n"
        "规范性文件 | 7 | 7 | 7 |\t\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    blocks = text_to_blocks(text)
    assert paras(blocks) == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    assert isinstance(blocks[1], RawGrid)
    assert blocks[1].texts() == [
        ["第二十条第(一)项", "", "", ""],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "0"],
        ["规范性文件", "7", "7", "7"],
    ]


def test_pipe_padding_keeps_empty_cells_and_strips_cell_whitespace():
    rows = only_grid(text_to_blocks("行政事业性收费 |  3  |0| |\n政府集中采购 | 144 | 1732.633648万元 |"))
    assert rows == [["行政事业性收费", "3", "0", ""], ["政府集中采购", "144", "1732.633648万元"]]


# --- Markdown -------------------------------------------------------------------


@pytest.mark.parametrize(
    "separator",
    ["|---|---|---|", "| --- | --- | --- |", "|:---|:---:|---:|", "| :--- | :---: | ---: |", "---|---|---", "|----|----|----"],
)
def test_markdown_pipes_and_separator_rows(separator):
    text = (
        "| 信息内容 | 本年制发件数 | 本年废止件数 |\n"
        f"{separator}\n"
        "| 规章 | 3 | 5 |\n"
        "| 行政规范性文件 | 38 | 51 |\n"
    )
    assert only_grid(text_to_blocks(text)) == [
        ["信息内容", "本年制发件数", "本年废止件数"],
        ["规章", "3", "5"],
        ["行政规范性文件", "38", "51"],
    ]


def test_markdown_separator_rows_between_every_item_never_become_rows():
    # Some converters repeat the separator under each item's own header row.
    text = (
        "| 第二十条第(五)项 | | | |\n"
        "|---|---|---|---|\n"
        "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n"
        "|---|---|---|---|\n"
        "| 行政许可 | 174 | 增3 | 3826 |\n"
    )
    rows = only_grid(text_to_blocks(text))
    assert not any(is_separator_like(r) for r in rows)
    assert rows[-1] == ["行政许可", "174", "增3", "3826"]


@pytest.mark.parametrize("separator", ["|-|-|-|", "|:-:|:-:|:-:|", "| - | - | - |"])
def test_markdown_single_hyphen_separator_rows(separator):
    text = f"| 信息内容 | 本年制发件数 | 本年废止件数 |\n{separator}\n| 规章 | 3 | 5 |\n"
    rows = only_grid(text_to_blocks(text))
    assert rows == [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "3", "5"]]


def test_markdown_headings_and_bold_are_unwrapped():
    text = (
        "# 安宁市人民政府2020年度政府信息公开工作年度报告\n\n"
        "## 二、主动公开政府信息情况 ##\n\n"
        "**(一)主动公开情况。**以贯彻新《条例》精神为主线。\n\n"
        "| **信息内容** | __本年新制作数量__ |\n|---|---|\n| 规章 | 0 |\n"
    )
    blocks = text_to_blocks(text)
    assert blocks[0] == Paragraph("安宁市人民政府2020年度政府信息公开工作年度报告", heading_level=1)
    assert blocks[1] == Paragraph("二、主动公开政府信息情况", heading_level=2)
    assert blocks[2] == Paragraph("(一)主动公开情况。以贯彻新《条例》精神为主线。", heading_level=0)
    assert blocks[3].texts() == [["信息内容", "本年新制作数量"], ["规章", "0"]]


def test_blank_line_inside_markdown_table_does_not_split_it():
    text = (
        "| 行政处罚 | 4798 | 减183 | 3567 |\n"
        "\n"
        "| 行政强制 | 215 | 增5 | 84 |\n"
        "\n\n"
        "| 行政事业性收费 | 3 | 0 | |\n"
    )
    assert only_grid(text_to_blocks(text)) == [
        ["行政处罚", "4798", "减183", "3567"],
        ["行政强制", "215", "增5", "84"],
        ["行政事业性收费", "3", "0", ""],
    ]


def test_blank_line_then_prose_ends_the_table():
    blocks = text_to_blocks("| 行政处罚 | 4798 |\n\n四、政府信息公开行政复议、行政诉讼情况\n| 行政复议 | 行政诉讼 |\n")
    assert [type(b).__name__ for b in blocks] == ["RawGrid", "Paragraph", "RawGrid"]
    assert blocks[0].texts() == [["行政处罚", "4798"]]
    assert blocks[2].texts() == [["行政复议", "行政诉讼"]]


# --- floating labels -------------------------------------------------------------


def test_floating_label_is_put_back_on_the_next_row():
    text = (
        "| 三、本年度办理结果 | (一)予以公开 | 53 | 1 | 0 | 0 | 0 | 0 | 54 |\n"
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n"
        "| | 23 | 0 | 0 | 0 | 0 | 0 | 23 |\n"
        "| (三)不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    blocks = text_to_blocks(text)
    rows = only_grid(blocks)
    assert rows[1] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "23", "0", "0", "0", "0", "0", "23"]
    assert len(rows) == 3
    assert paras(blocks) == []


def test_floating_label_in_a_rectangular_markdown_row_goes_into_the_first_cell():
    text = (
        "| | (四)无法提供 | 1.本机关不掌握相关政府信息 | 107 | 2 | 0 | 0 | 0 | 0 | 109 |\n"
        "5.要求行政机关确认或重新出具已获取信息\n"
        "| | | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    )
    rows = only_grid(text_to_blocks(text))
    assert rows[1] == ["5.要求行政机关确认或重新出具已获取信息", "", "", "0", "0", "0", "0", "0", "0", "0"]


def test_prose_line_above_a_row_with_a_first_cell_is_not_a_floating_label():
    blocks = text_to_blocks("| 规章 | 3 |\n注:单位为件\n| 行政规范性文件 | 38 |\n")
    assert [type(b).__name__ for b in blocks] == ["RawGrid", "Paragraph", "RawGrid"]
    assert paras(blocks) == ["注:单位为件"]


def test_floating_label_wrapped_over_two_lines():
    text = (
        "| 三、本年度办理结果 | (一)予以公开 | 53 | 54 |\n"
        "（二）部分公开（区分处理的，\n"
        "只计这一情形，不计其他情形）\n"
        "| | 23 | 23 |\n"
        "| (七)总计 | 226 | 229 |\n"
    )
    rows = only_grid(text_to_blocks(text))
    assert rows[1] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "23", "23"]


# --- page footers --------------------------------------------------------------


@pytest.mark.parametrize(
    "footer", ["— 4 —", "- 4 -", "－ 4 －", "–4–", "第 4 页", "第4页 共9页", "4", "  12  ", "4/9", "\f— 4 —"]
)
def test_page_footer_inside_a_table_is_dropped_and_the_table_continues(footer):
    text = (
        "| | | 4.保护第三方合法权益 | 0 | 0 | 0 |\n"
        f"{footer}\n"
        "| | | 5.属于三类内部事务信息 | 1 | 0 | 1 |\n"
        "正文继续。\n"
    )
    blocks = text_to_blocks(text)
    assert len(grids(blocks)) == 1
    assert grids(blocks)[0].texts() == [
        ["", "", "4.保护第三方合法权益", "0", "0", "0"],
        ["", "", "5.属于三类内部事务信息", "1", "0", "1"],
    ]
    assert paras(blocks) == ["正文继续。"]


def test_footer_not_between_pipe_rows_is_kept_as_text():
    blocks = text_to_blocks("| 规章 | 3 |\n— 4 —\n五、存在的主要问题及改进情况\n")
    assert paras(blocks) == ["— 4 —", "五、存在的主要问题及改进情况"]


def test_markdown_corpus_document_footers_and_floating_labels():
    """The hand-converted corpus document: three tables, each one grid."""
    text = (TEXT_DIR / "anning_2020_markdown.md").read_text(encoding="utf-8")
    blocks = text_to_blocks(text)
    table2, table3, table4 = grids(blocks)
    every_row = [r for g in (table2, table3, table4) for r in g.texts()]
    assert not any(is_separator_like(r) for r in every_row)
    assert "— 4 —" not in paras(blocks) and "第 5 页" not in paras(blocks)
    assert not any("— 4 —" in c or "第 5 页" in c for r in every_row for c in r)
    rows3 = table3.texts()
    assert len(rows3) == 3 + 23  # three header rows, 23 body rows
    assert all(len(r) == 10 for r in rows3)  # rectangular, as converters write it
    labels = [r[0] for r in rows3]
    assert "一、本年新收政府信息公开申请数量" in labels
    assert "(二)部分公开(区分处理的,只计这一情形,不计其他情形)" in labels
    assert "5.要求行政机关确认或重新出具已获取信息" in labels
    assert rows3[labels.index("一、本年新收政府信息公开申请数量")][3:] == ["2", "0", "0", "0", "0", "0", "2"]
    assert table4.texts()[-1] == ["0"] * 15


def test_page_footer_between_blank_lines_inside_a_table():
    text = "| 4.保护第三方合法权益 | 0 | 0 |\n\n— 4 —\n\n| 5.属于三类内部事务信息 | 1 | 1 |\n"
    assert only_grid(text_to_blocks(text)) == [["4.保护第三方合法权益", "0", "0"], ["5.属于三类内部事务信息", "1", "1"]]


# --- single pipes in prose ---------------------------------------------------------


def test_prose_line_with_a_single_pipe():
    """What the reader does with one ``|`` in a line of prose.

    Without spaces around it (``a|b``) the line stays a paragraph. With
    spaces (``a | b``) the line cannot be told from a two-cell row written
    without outer pipes, so it becomes a one-row grid of two cells.
    """
    assert text_to_blocks("网站地址为www.example.gov.cn|政务公开栏目。") == [
        Paragraph("网站地址为www.example.gov.cn|政务公开栏目。")
    ]
    assert only_grid(text_to_blocks("当前位置:首页 | 政务公开")) == [["当前位置:首页", "政务公开"]]


# --- tab cells and TSV -----------------------------------------------------------

# Seed 003, table 2, as the text was exported: one cell per line, tab-led,
# a blank line between rows.
SEED003_TABLE2 = (
    "二、主动公开政府信息情况\n"
    "\t第二十条第（一）项\n\n"
    "\t信息内容\n\t本年新制作数量\n\t本年新公开数量\n\t对外公开总数量\n\n"
    "\t规章\n\t-\n\t-\n\t-\n\n"
    "\t规范性文件\n\t3\n\t3\n\t67\n\n"
    "\t第二十条第（九）项\n\n"
    "\t信息内容\n\t采购项目数量\n\t采购总金额\n\n"
    "\t政府集中采购\n\t588项\n\t202529227.9元\n\n\n"
    "三、收到和处理政府信息公开申请情况\n"
)


def test_tab_cells_one_per_line_seed003():
    blocks = text_to_blocks(SEED003_TABLE2)
    assert paras(blocks) == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    (grid,) = grids(blocks)
    assert grid.origin == "tab table" and grid.spans is SpanInfo.UNKNOWN
    assert grid.texts() == [
        ["第二十条第（一）项"],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "-", "-", "-"],
        ["规范性文件", "3", "3", "67"],
        ["第二十条第（九）项"],
        ["信息内容", "采购项目数量", "采购总金额"],
        ["政府集中采购", "588项", "202529227.9元"],
    ]


def test_tab_cells_vertical_text_continues_the_cell():
    # Seed 003's table 3 header: one character per line in the narrow cells.
    text = (
        "\t申请人情况\n\n"
        "\t\n\t\n\t商\n业\n企\n业\n\t科\n研\n机\n构\n\t其他\n\t\n\n"
        "\t一、本年新收政府信息公开申请数量\n\t117\n\t3\n\n"
    )
    rows = only_grid(text_to_blocks(text))
    assert rows == [
        ["申请人情况"],
        ["", "", "商\n业\n企\n业", "科\n研\n机\n构", "其他", ""],
        ["一、本年新收政府信息公开申请数量", "117", "3"],
    ]


def test_tab_table_starting_with_an_empty_cell():
    rows = only_grid(text_to_blocks("\t\n\t行政复议\n\t行政诉讼\n\n\t\n\t1\n\t2\n"))
    assert rows[0] == ["", "行政复议", "行政诉讼"]


def test_tab_led_tsv_rows():
    text = "\t信息内容\t本年制发件数\t本年废止件数\n\t规章\t3\t5\n\t\t38\t51\n\n五、存在的主要问题\n"
    blocks = text_to_blocks(text)
    assert blocks[0].texts() == [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "3", "5"], ["", "38", "51"]]
    assert paras(blocks) == ["五、存在的主要问题"]


def test_plain_tsv_rows():
    text = "信息内容\t本年制发件数\t本年废止件数\n规章\t3\t5\n行政规范性文件\t38\t51\n"
    assert only_grid(text_to_blocks(text)) == [
        ["信息内容", "本年制发件数", "本年废止件数"],
        ["规章", "3", "5"],
        ["行政规范性文件", "38", "51"],
    ]


# --- narrative only ----------------------------------------------------------------


def test_narrative_only_seed000_gives_paragraphs_and_no_statistical_grid():
    data = (TEXT_DIR / "seed000_hangzhou_2020_no_tables.txt").read_bytes()
    doc = TextReader().read(data, "seed000.txt")
    assert doc.format == "text (utf-8)"
    assert doc.paragraphs[0].text == "2020年杭州市政府信息公开工作年度报告"
    assert len(doc.paragraphs) >= 30
    # The only grid is the page-chrome line "发布时间:…|栏目: …|浏览次数:": one row, no numbers.
    for grid in doc.grids:
        assert grid.n_rows == 1
        assert not any(is_value_text(c.text) for c in grid.rows[0])
    assert [g.texts() for g in doc.grids] == [[["发布时间:2024-08-25 16:24", "栏目: 信息公开年报", "浏览次数:"]]]


# --- encodings ----------------------------------------------------------------------

# Text with the ASCII share of a table-heavy page (digits, pipes, spaces).
TABLE_TEXT = (
    "三、收到和处理政府信息公开申请情况\n"
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||\n"
    "一、本年新收政府信息公开申请数量 | 224 | 3 | 0 | 0 | 0 | 0 | 227 | ||\n"
    "二、上年结转政府信息公开申请数量 | 18 | 0 | 0 | 0 | 0 | 0 | 18 | ||\n"
    "三、本年度办理结果 | (一)予以公开 | 53 | 1 | 0 | 0 | 0 | 0 | 54 | |\n"
    "(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 23 | 0 | 0 | 0 | 0 | 0 | 23 | ||\n"
    "\t规章\n\t3\n\t5\n\n"
    "“三安全一稳定”——《条例》第十四条。\n"
)

ENCODINGS = [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("utf-16-le", b"", "utf-16-le"),
    ("utf-16-be", b"", "utf-16-be"),
]


@pytest.mark.parametrize(
    "encoding,bom,used", ENCODINGS, ids=[f"{e}{'+bom' if b else ''}" for e, b, _ in ENCODINGS]
)
def test_every_encoding_gives_the_same_blocks(encoding, bom, used):
    expected = text_to_blocks(TABLE_TEXT)
    assert len(grids(expected)) == 2
    doc = TextReader().read(bom + TABLE_TEXT.encode(encoding), "report.txt")
    assert doc.blocks == expected
    assert doc.format == f"text ({used})"
    assert not doc.warnings


def test_crlf_line_endings_give_the_same_blocks():
    doc = TextReader().read(TABLE_TEXT.replace("\n", "\r\n").encode("gb18030"), "report.txt")
    assert doc.blocks == text_to_blocks(TABLE_TEXT)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_for_cjk_narrative(encoding):
    text = (TEXT_DIR / "seed001_anning_2020_pipes.txt").read_text(encoding="utf-8")
    doc = TextReader().read(text.encode(encoding), "report.txt")
    assert doc.format == f"text ({encoding})"
    assert doc.blocks == text_to_blocks(text)


def test_a_few_bad_bytes_are_replaced_with_a_warning():
    data = "安宁市人民政府2020年度政府信息公开工作年度报告\n".encode("gb18030") + b"\xff" + "规章 | 0 |\n".encode("gb18030")
    doc = TextReader().read(data, "report.txt")
    assert doc.format == "text (gb18030)"
    assert [w.code for w in doc.warnings] == [WarningCode.ENCODING_GUESSED]
    assert doc.paragraphs[0].text == "安宁市人民政府2020年度政府信息公开工作年度报告"


def _random_bytes(n: int = 4096) -> bytes:
    rnd = random.Random(20240601)
    return bytes(rnd.randrange(256) for _ in range(n))


def test_undecodable_bytes_raise_decode_failure_from_the_reader():
    with pytest.raises(DecodeFailure, match=r"^junk\.txt: the bytes are not text in UTF-8, UTF-16 or GB18030$"):
        TextReader().read(_random_bytes(), "junk.txt")


def test_undecodable_bytes_through_parse():
    """Random bytes are no format, named or not (UnsupportedFormat); bytes that
    pass as text but hold too many undecodable sequences fail in the reader."""
    junk = _random_bytes()
    with pytest.raises(UnsupportedFormat, match=r"unrecognised bytes"):
        giaparse.parse(junk)
    with pytest.raises(UnsupportedFormat, match=r"^junk\.txt: not a text"):
        giaparse.parse(junk, name="junk.txt")
    with pytest.raises(DecodeFailure, match=r"^junk\.txt: the bytes are not text"):
        TextReader().read(junk, "junk.txt")
    assert issubclass(DecodeFailure, GiaparseError) and issubclass(UnsupportedFormat, GiaparseError)


# --- what the core makes of it (library bug) ---------------------------------------------

_RECT_HEAD = (
    "某县人民政府2020年政府信息公开工作年度报告\n"
    "三、收到和处理政府信息公开申请情况\n"
    "| (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | | 申请人情况 | | | | | | |\n"
    "|---|---|---|---|---|---|---|---|---|\n"
    "| | | 自然人 | 法人或其他组织 | | | | | 总计 |\n"
    "| | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n"
)
_RECT_BODY = (
    "| 一、本年新收政府信息公开申请数量 | | 5 | 1 | 0 | 0 | 0 | 0 | 6 |\n"
    "| 三、本年度办理结果 | (一)予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |\n"
)


def _requests_natural_person(text: str) -> dict:
    out = giaparse.parse(text.encode("utf-8"), name="report.md").to_dict()
    rows = out["tables"]["requests"]
    return {k: rows[k]["natural_person"]["value"] for k in ("new_received", "granted")}


def test_flattened_table3_without_spanned_padding_cells():
    body = _RECT_BODY.replace("申请数量 | | 5", "申请数量 | 5")
    assert _requests_natural_person(_RECT_HEAD + body) == {"new_received": 5, "granted": 4}


def test_flattened_table3_with_empty_cells_for_spanned_label_positions():
    assert _requests_natural_person(_RECT_HEAD + _RECT_BODY) == {"new_received": 5, "granted": 4}
