"""DocxReader: Word files built here with python-docx (raw XML where it has no API)."""

from __future__ import annotations

import io
import sys
import zipfile

import pytest

docx = pytest.importorskip("docx")
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK  # noqa: E402
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

import giaparse  # noqa: E402
from giaparse.core.grid import place_cells  # noqa: E402
from giaparse.document import Paragraph, RawCell, RawGrid, SpanInfo  # noqa: E402
from giaparse.errors import InputError, MissingDependency, UnsupportedFormat  # noqa: E402
from giaparse.readers import reader_for, registered_readers  # noqa: E402
from giaparse.readers.docx import DocxReader  # noqa: E402

# --- building documents -----------------------------------------------------


def to_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def read(document):
    return DocxReader().read(to_bytes(document), "x.docx")


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def set_prop(element, tag: str, val: str | None = None):
    """Append ``<tag w:val=val/>`` to ``element`` and return it."""
    child = OxmlElement(tag)
    if val is not None:
        child.set(qn("w:val"), val)
    element.append(child)
    return child


def fill(table, rows: list[list[str | None]]) -> None:
    """Write texts into cells; None leaves a cell (a merge continuation) alone."""
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text


def add_numbering(document, levels: list[tuple[str, str, int]], *, abstract_id: int = 90,
                  num_ids: tuple[int, ...] = (90,), overrides: dict[int, dict[int, int]] | None = None,
                  extra: str = "") -> None:
    """Add an abstractNum with ``levels`` [(numFmt, lvlText, start)] and w:num instances for it.

    ``overrides`` maps a numId to {ilvl: startOverride}. ``extra`` is raw XML put in
    every w:lvl (e.g. a w:lvlRestart).
    """
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra if i else ""}</w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # the schema wants every abstractNum before the nums
    else:
        numbering.append(abstract)
    for num_id in num_ids:
        starts = (overrides or {}).get(num_id, {})
        ov = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{s}"/></w:lvlOverride>'
                     for i, s in starts.items())
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                   f'<w:abstractNumId w:val="{abstract_id}"/>{ov}</w:num>'))


def numbered(paragraph, num_id: int | str, ilvl: int | None = 0):
    """Give ``paragraph`` a direct w:numPr."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    if ilvl is not None:
        set_prop(num_pr, "w:ilvl", str(ilvl))
    set_prop(num_pr, "w:numId", str(num_id))
    ppr.append(num_pr)
    return paragraph


# --- the real table 3 and table 4 of the 2021 template ----------------------

REQ_COLS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total"]
LEAF_HEADERS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
REQ_GROUPS_2021 = [
    ("（一）予以公开", [("granted", None)]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partially_granted", None)]),
    ("（三）不予公开", [
        ("denied_state_secret", "1.属于国家秘密"),
        ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("denied_three_safeties", "3.危及“三安全一稳定”"),
        ("denied_third_party", "4.保护第三方合法权益"),
        ("denied_internal_affairs", "5.属于三类内部事务信息"),
        ("denied_process_info", "6.属于四类过程性信息"),
        ("denied_enforcement_files", "7.属于行政执法案卷"),
        ("denied_query_matters", "8.属于行政查询事项"),
    ]),
    ("（四）无法提供", [
        ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
        ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
        ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ]),
    ("（五）不予处理", [
        ("not_processed_complaint", "1.信访举报投诉类申请"),
        ("not_processed_repeat", "2.重复申请"),
        ("not_processed_publication", "3.要求提供公开出版物"),
        ("not_processed_excessive", "4.无正当理由大量反复申请"),
        ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ]),
    ("（六）其他处理", [
        ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other_misc", "3.其他"),
    ]),
    ("（七）总计", [("total", None)]),
]
REQ_ROWS = (["new_received", "carried_over"] + [k for _, items in REQ_GROUPS_2021 for k, _ in items]
            + ["carried_forward"])
RL_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
RL_RESULTS = ["upheld", "corrected", "other", "pending", "total"]
RL_HEADS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

# A distinct number for every cell.
REQ_VALUES = {row: {col: 1000 + 10 * r + c for c, col in enumerate(REQ_COLS)} for r, row in enumerate(REQ_ROWS)}
RL_VALUES = {g: {res: 100 + 10 * gi + ri for ri, res in enumerate(RL_RESULTS)} for gi, g in enumerate(RL_GROUPS)}


def vertical_cell(cell, text: str, how: str) -> None:
    """Vertical header text as Word users write it: textDirection plus one character per
    paragraph ("direction"), or one character per line with w:br and no direction ("breaks")."""
    if how == "direction":
        set_prop(cell._tc.get_or_add_tcPr(), "w:textDirection", "tbRlV")
        cell.text = text[0]
        for ch in text[1:]:
            cell.add_paragraph(ch)
    else:
        run = cell.paragraphs[0].add_run(text[0])
        for ch in text[1:]:
            run.add_break()
            run = cell.paragraphs[0].add_run(ch)


def add_table3(document, vertical: str = ""):
    """Table 3 with the real merged layout (10 grid columns, 28 rows), built with ``merge``."""
    n_rows = 3 + 2 + sum(len(items) for _, items in REQ_GROUPS_2021) + 1
    t = document.add_table(rows=n_rows, cols=10)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(2, 2)).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    t.cell(0, 3).merge(t.cell(0, 9)).text = "申请人情况"
    t.cell(1, 3).merge(t.cell(2, 3)).text = "自然人"
    t.cell(1, 4).merge(t.cell(1, 8)).text = "法人或其他组织"
    t.cell(1, 9).merge(t.cell(2, 9)).text = "总计"
    for i, head in enumerate(LEAF_HEADERS):
        if vertical:
            vertical_cell(t.cell(2, 4 + i), head, vertical)
        else:
            t.cell(2, 4 + i).text = head

    def values(r: int, key: str) -> None:
        for c, col in enumerate(REQ_COLS):
            t.cell(r, 3 + c).text = str(REQ_VALUES[key][col])

    t.cell(3, 0).merge(t.cell(3, 2)).text = "一、本年新收政府信息公开申请数量"
    values(3, "new_received")
    t.cell(4, 0).merge(t.cell(4, 2)).text = "二、上年结转政府信息公开申请数量"
    values(4, "carried_over")
    r = 5
    t.cell(5, 0).merge(t.cell(n_rows - 2, 0)).text = "三、本年度办理结果"
    for group, items in REQ_GROUPS_2021:
        if items[0][1] is None:
            t.cell(r, 1).merge(t.cell(r, 2)).text = group
        else:
            t.cell(r, 1).merge(t.cell(r + len(items) - 1, 1)).text = group
        for key, label in items:
            if label is not None:
                t.cell(r, 2).text = label
            values(r, key)
            r += 1
    t.cell(r, 0).merge(t.cell(r, 2)).text = "四、结转下年度继续办理"
    values(r, "carried_forward")
    return t


def add_table4(document):
    t = document.add_table(rows=4, cols=15)
    t.cell(0, 0).merge(t.cell(0, 4)).text = "行政复议"
    t.cell(0, 5).merge(t.cell(0, 14)).text = "行政诉讼"
    for i, head in enumerate(RL_HEADS):
        t.cell(1, i).merge(t.cell(2, i)).text = head
    t.cell(1, 5).merge(t.cell(1, 9)).text = "未经复议直接起诉"
    t.cell(1, 10).merge(t.cell(1, 14)).text = "复议后起诉"
    for i in range(10):
        t.cell(2, 5 + i).text = RL_HEADS[i % 5]
    for gi, group in enumerate(RL_GROUPS):
        for ri, res in enumerate(RL_RESULTS):
            t.cell(3, 5 * gi + ri).text = str(RL_VALUES[group][res])
    return t


PARTS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
         "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
CN = "一二三四五六"


def build_report(*, vertical: str = "", auto_numbered: bool = False):
    """A 2021 report: title, six parts (typed or Word-numbered), tables 3 and 4."""
    document = docx.Document()
    document.add_heading("某某县人民政府2021年政府信息公开工作年度报告", 0)
    if auto_numbered:
        add_numbering(document, [("chineseCounting", "%1、", 1)])
    for i, part in enumerate(PARTS):
        heading = document.add_heading(part if auto_numbered else f"{CN[i]}、{part}", 1)
        if auto_numbered:
            numbered(heading, 90)
        if i == 2:
            add_table3(document, vertical=vertical)
        elif i == 3:
            add_table4(document)
        else:
            document.add_paragraph(f"第{CN[i]}部分的正文。")
    return document


def assert_all_cells(out: dict) -> None:
    requests = out["tables"]["requests"]
    bad = [f"{row}.{col}: {requests.get(row, {}).get(col)}" for row in REQ_ROWS for col in REQ_COLS
           if requests.get(row, {}).get(col, {}).get("value") != REQ_VALUES[row][col]]
    assert not bad, "\n".join(bad)
    review = out["tables"]["review_litigation"]
    assert {g: {r: review[g][r]["value"] for r in RL_RESULTS} for g in RL_GROUPS} == RL_VALUES


# --- registration and errors ------------------------------------------------


def test_registered_under_docx():
    assert registered_readers()["docx"] is DocxReader
    assert isinstance(reader_for("docx"), DocxReader)
    assert DocxReader.extensions == (".docx",)


def test_document_metadata():
    document = docx.Document()
    document.add_paragraph("正文")
    doc = read(document)
    assert (doc.format, doc.source_name, texts(doc)) == ("docx", "x.docx", ["正文"])


@pytest.mark.parametrize("data", [
    b"PK\x03\x04" + b"\x00garbage" * 20,                       # a cut zip
    b"not a zip at all",
])
def test_corrupt_file_is_a_clear_input_error(data):
    with pytest.raises(UnsupportedFormat, match=r"x\.docx: not a readable DOCX file \(.+\)"):
        DocxReader().read(data, "x.docx")


def test_zip_without_a_readable_main_part_is_an_input_error():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document>not closed")
    with pytest.raises(InputError, match="not a readable DOCX file"):
        giaparse.parse(buf.getvalue(), name="broken.docx")


def test_missing_python_docx_is_a_missing_dependency(monkeypatch):
    data = to_bytes(docx.Document())
    monkeypatch.setitem(sys.modules, "docx", None)  # `import docx` now raises ImportError
    with pytest.raises(MissingDependency, match=r'python-docx.*pip install "giaparse\[docx\]"'):
        DocxReader().read(data, "x.docx")


# --- paragraphs -------------------------------------------------------------


def test_paragraphs_and_tables_in_document_order():
    document = docx.Document()
    document.add_paragraph("前言")
    fill(document.add_table(rows=2, cols=2), [["项目", "数量"], ["申请", "3"]])
    document.add_paragraph("中间")
    fill(document.add_table(rows=1, cols=2), [["甲", "乙"]])
    doc = read(document)
    kinds = [b.text if isinstance(b, Paragraph) else b.texts() for b in doc.blocks]
    assert kinds == ["前言", [["项目", "数量"], ["申请", "3"]], "中间", [["甲", "乙"]]]
    assert [g.origin for g in doc.grids] == ["table 1", "table 2"]
    assert all(g.spans is SpanInfo.KNOWN for g in doc.grids)


def test_page_breaks_and_empty_paragraphs_are_dropped():
    document = docx.Document()
    document.add_paragraph("第一页")
    document.add_paragraph("")
    document.add_paragraph("  \u3000 ")
    document.add_page_break()
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("第二页")
    assert texts(read(document)) == ["第一页", "第二页"]


def test_soft_line_break_splits_a_body_paragraph_and_tab_is_a_space():
    document = docx.Document()
    p = document.add_paragraph("某某县人民政府")
    p.add_run().add_break()
    p.add_run("2021年\t年度报告")
    assert texts(read(document)) == ["某某县人民政府", "2021年 年度报告"]


def test_soft_line_breaks_in_centred_and_heading_paragraphs_are_joined():
    document = docx.Document()
    title = document.add_paragraph("鹤鸣市交通运输局")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run().add_break()
    title.add_run("2022年政府信息公开工作年度报告")
    latin = document.add_paragraph("Annual")
    latin.alignment = WD_ALIGN_PARAGRAPH.CENTER
    latin.add_run().add_break()
    latin.add_run("Report 2022")
    heading = document.add_heading("三、收到和处理政府信息", 1)
    heading.add_run().add_break()
    heading.add_run("公开申请情况")
    doc = read(document)
    assert texts(doc) == ["鹤鸣市交通运输局2022年政府信息公开工作年度报告", "Annual Report 2022",
                          "三、收到和处理政府信息公开申请情况"]
    report = giaparse.parse(to_bytes(document), name="x.docx")
    assert report.document.organ == "鹤鸣市交通运输局"


def test_headers_and_footers_are_not_read():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉文字"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    document.add_paragraph("正文")
    assert texts(read(document)) == ["正文"]


def test_heading_levels_from_styles_and_outline_level():
    document = docx.Document()
    document.add_heading("年度报告", 0)              # Title
    document.add_heading("一、总体情况", 1)
    document.add_heading("（一）主动公开", 2)
    p = document.add_paragraph("大纲级别三")
    set_prop(p._p.get_or_add_pPr(), "w:outlineLvl", "2")
    document.add_paragraph("正文")
    styles = document.styles.element
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="cn2">'
                            '<w:name w:val="标题 2"/><w:basedOn w:val="Normal"/></w:style>'))
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="mine">'
                            '<w:name w:val="我的标题"/><w:basedOn w:val="Heading1"/></w:style>'))
    document.add_paragraph("中文样式名", style="标题 2")
    document.add_paragraph("继承一级", style="我的标题")
    assert read(document).paragraphs == [
        Paragraph("年度报告", 1), Paragraph("一、总体情况", 1), Paragraph("（一）主动公开", 2),
        Paragraph("大纲级别三", 3), Paragraph("正文", 0), Paragraph("中文样式名", 2), Paragraph("继承一级", 1),
    ]


def test_content_controls_insertions_fields_and_hidden_text():
    document = docx.Document()
    body = document.element.body
    body.insert(0, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p>'
        "</w:sdtContent></w:sdt>"))
    p = document.add_paragraph("保留")
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> PAGE </w:instrText></w:r>'))
    assert texts(read(document)) == ["控件中的段落", "保留插入"]


def test_text_box_is_read_once_after_its_paragraph():
    document = docx.Document()
    p = document.add_paragraph("锚点")
    box = '<w:txbxContent><w:p><w:r><w:t>框内标题</w:t></w:r></w:p></w:txbxContent>'
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing>'
        f'</mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r>"))
    assert texts(read(document)) == ["锚点", "框内标题"]


# --- tables -----------------------------------------------------------------


def test_horizontal_and_vertical_merges_emit_only_starting_cells():
    document = docx.Document()
    t = document.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "信息内容"     # vMerge restart / continue
    t.cell(0, 1).merge(t.cell(0, 3)).text = "本年"         # gridSpan 3
    t.cell(1, 3).merge(t.cell(2, 3)).text = "现行"
    fill(t, [[None] * 4, [None, "新制发", "废止", None], ["规章", "1", "0", None]])
    [grid] = read(document).grids
    assert grid.rows == [
        [RawCell("信息内容", rowspan=2), RawCell("本年", colspan=3)],
        [RawCell("新制发"), RawCell("废止"), RawCell("现行", rowspan=2)],
        [RawCell("规章"), RawCell("1"), RawCell("0")],
    ]
    tc = t.cell(0, 0)._tc
    assert tc.tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"  # python-docx really wrote a vMerge


def test_a_rectangle_merge_spans_both_ways():
    document = docx.Document()
    t = document.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(1, 1)).text = "角"
    fill(t, [[None, None, "a"], [None, None, "b"], ["c", "d", "e"]])
    [grid] = read(document).grids
    assert grid.rows == [[RawCell("角", 2, 2), RawCell("a")], [RawCell("b")],
                         [RawCell("c"), RawCell("d"), RawCell("e")]]


def test_grid_before_and_after_shift_and_pad_the_row():
    document = docx.Document()
    t = document.add_table(rows=2, cols=3)
    fill(t, [["项目", "本年", "上年"], [None, "5", None]])
    tr = t.rows[1]._tr
    for tc in tr.tc_lst[::2]:   # keep only the middle cell
        tr.remove(tc)
    trpr = tr.get_or_add_trPr()
    set_prop(trpr, "w:gridBefore", "1")
    set_prop(trpr, "w:gridAfter", "1")
    [grid] = read(document).grids
    assert grid.rows[1] == [RawCell(""), RawCell("5"), RawCell("")]
    five = [c for c in place_cells(grid).cells if c.text == "5"][0]
    assert (five.row, five.col) == (1, 1)


def test_legacy_hmerge_becomes_colspan():
    document = docx.Document()
    t = document.add_table(rows=2, cols=3)
    fill(t, [["合并", "", "丙"], ["a", "b", "c"]])
    set_prop(t.cell(0, 0)._tc.get_or_add_tcPr(), "w:hMerge", "restart")
    set_prop(t.cell(0, 1)._tc.get_or_add_tcPr(), "w:hMerge")
    [grid] = read(document).grids
    assert grid.rows[0] == [RawCell("合并", colspan=2), RawCell("丙")]


def test_vmerge_continue_without_a_start_above_is_kept_as_a_cell():
    document = docx.Document()
    t = document.add_table(rows=2, cols=2)
    fill(t, [["甲", "乙"], ["丙", "丁"]])
    set_prop(t.cell(0, 1)._tc.get_or_add_tcPr(), "w:vMerge")  # a stray continue in the first row
    [grid] = read(document).grids
    assert grid.texts() == [["甲", "乙"], ["丙", "丁"]]


def test_empty_rows_are_kept():
    document = docx.Document()
    fill(document.add_table(rows=3, cols=2), [["甲", "1"], ["", ""], ["乙", "2"]])
    assert read(document).grids[0].texts() == [["甲", "1"], ["", ""], ["乙", "2"]]


def test_cell_paragraphs_and_breaks_are_lines():
    document = docx.Document()
    t = document.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "规章"
    t.cell(0, 0).add_paragraph("（件）")
    p = t.cell(0, 1).paragraphs[0]
    p.add_run("1")
    p.add_run().add_break()
    p.add_run("2")
    assert read(document).grids[0].texts() == [["规章\n（件）", "1\n2"]]


@pytest.mark.parametrize("direction, vertical", [
    ("tbRl", True), ("btLr", True), ("tbRlV", True), ("tbLrV", True), ("lrTb", False), ("lrTbV", False),
])
def test_text_direction_marks_vertical_cells(direction, vertical):
    document = docx.Document()
    t = document.add_table(rows=1, cols=2)
    fill(t, [["商业企业", "1"]])
    set_prop(t.cell(0, 0)._tc.get_or_add_tcPr(), "w:textDirection", direction)
    cell = read(document).grids[0].rows[0][0]
    assert (cell.text, cell.vertical) == ("商业企业", vertical)


def test_nested_table_in_a_layout_table_is_a_grid_of_its_own():
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1).cell(0, 0)
    outer.text = "框内说明"
    fill(outer.add_table(rows=2, cols=2), [["项目", "数量"], ["申请", "7"]])
    outer.add_paragraph("框内结尾")
    doc = read(document)
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "RawGrid", "Paragraph"]
    assert texts(doc) == ["框内说明", "框内结尾"]
    assert doc.grids[0].texts() == [["项目", "数量"], ["申请", "7"]]


def test_single_column_layout_table_walks_its_boxes():
    document = docx.Document()
    outer = document.add_table(rows=2, cols=1)
    outer.cell(0, 0).text = "第一框"
    outer.cell(1, 0).text = "第二框"
    fill(outer.cell(1, 0).add_table(rows=1, cols=2), [["a", "b"]])
    doc = read(document)
    assert texts(doc) == ["第一框", "第二框"]
    assert doc.grids[0].texts() == [["a", "b"]]


def test_nested_table_in_a_data_table_is_flattened_into_its_cell():
    document = docx.Document()
    t = document.add_table(rows=2, cols=2)
    fill(t, [["项目", "明细"], ["收费", ""]])
    fill(t.cell(1, 1).add_table(rows=2, cols=2), [["甲", "1"], ["乙", "2"]])
    doc = read(document)
    assert len(doc.grids) == 1
    assert doc.grids[0].texts() == [["项目", "明细"], ["收费", "甲\n1\n乙\n2"]]


# --- auto-numbering ---------------------------------------------------------


def numbered_texts(levels, items, **kw) -> list[str]:
    """Paragraphs [(text, ilvl)] numbered with one abstractNum of ``levels``."""
    document = docx.Document()
    add_numbering(document, levels, **kw)
    for text, ilvl, *num in items:
        numbered(document.add_paragraph(text), num[0] if num else 90, ilvl)
    return texts(read(document))


@pytest.mark.parametrize("fmt, text, start, expected", [
    ("chineseCounting", "%1、", 1, ["一、", "二、", "三、"]),
    ("chineseCounting", "%1、", 9, ["九、", "十、", "十一、"]),
    ("chineseCountingThousand", "（%1）", 20, ["（二十）", "（二十一）", "（二十二）"]),
    ("japaneseCounting", "%1、", 1, ["一、", "二、", "三、"]),
    ("taiwaneseCounting", "%1.", 1, ["一.", "二.", "三."]),
    ("ideographTraditional", "%1、", 1, ["甲、", "乙、", "丙、"]),
    ("decimal", "%1.", 1, ["1.", "2.", "3."]),
    ("decimal", "（%1）", 1, ["（1）", "（2）", "（3）"]),
    ("decimalFullWidth", "%1．", 8, ["８．", "９．", "１０．"]),
    ("decimalEnclosedCircle", "%1", 1, ["①", "②", "③"]),
    ("upperLetter", "%1.", 25, ["Y.", "Z.", "AA."]),
    ("lowerLetter", "(%1)", 1, ["(a)", "(b)", "(c)"]),
    ("upperRoman", "%1.", 3, ["III.", "IV.", "V."]),
    ("lowerRoman", "%1)", 9, ["ix)", "x)", "xi)"]),
    ("chineseLegalSimplified", "%1、", 1, ["壹、", "贰、", "叁、"]),
])
def test_number_formats(fmt, text, start, expected):
    got = numbered_texts([(fmt, text, start)], [("项", 0)] * 3)
    sep = " " if expected[0][-1].isascii() else ""
    assert got == [e + sep + "项" for e in expected]


def test_chinese_numbers_above_twenty():
    got = numbered_texts([("chineseCounting", "%1、", 99)], [("项", 0)] * 3)
    assert got == ["九十九、项", "一百、项", "一百零一、项"]


def test_levels_restart_when_a_higher_level_advances():
    levels = [("chineseCounting", "%1、", 1), ("chineseCounting", "（%2）", 1), ("decimal", "%3.", 1)]
    got = numbered_texts(levels, [("总体情况", 0), ("主动公开", 1), ("依申请公开", 1), ("细目", 2),
                                  ("主动公开政府信息情况", 0), ("规章", 1)])
    assert got == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "1. 细目",
                   "二、主动公开政府信息情况", "（一）规章"]


def test_lvl_restart_zero_never_restarts():
    levels = [("chineseCounting", "%1、", 1), ("chineseCounting", "（%2）", 1)]
    got = numbered_texts(levels, [("甲", 0), ("a", 1), ("乙", 0), ("b", 1)],
                         extra='<w:lvlRestart w:val="0"/>')
    assert got == ["一、甲", "（一）a", "二、乙", "（二）b"]


def test_multi_level_text_and_legal_numbering():
    levels = [("chineseCounting", "%1、", 1), ("decimal", "%1.%2", 1)]
    assert numbered_texts(levels, [("甲", 0), ("a", 1), ("b", 1), ("乙", 0), ("c", 1)]) == \
        ["一、甲", "一.1 a", "一.2 b", "二、乙", "二.1 c"]
    legal = numbered_texts(levels, [("甲", 0), ("a", 1)], extra="<w:isLgl/>")
    assert legal == ["一、甲", "1.1 a"]


def test_instances_of_one_list_share_counters_and_start_override_restarts():
    got = numbered_texts([("decimal", "%1.", 1)],
                         [("a", 0, 1), ("b", 0, 1), ("c", 0, 2), ("d", 0, 3), ("e", 0, 1)],
                         num_ids=(1, 2, 3), overrides={3: {0: 1}}, abstract_id=91)
    # numId 2 continues numId 1's sequence (Word does); numId 3 restarts at its startOverride.
    assert got == ["1. a", "2. b", "3. c", "1. d", "2. e"]


def test_numbering_from_the_paragraph_style_and_num_id_zero_switches_it_off():
    document = docx.Document()
    add_numbering(document, [("chineseCounting", "%1、", 1)])
    style = document.styles["Heading 1"].element
    num_pr = OxmlElement("w:numPr")
    set_prop(num_pr, "w:numId", "90")
    style.get_or_add_pPr().append(num_pr)
    document.add_heading("总体情况", 1)
    numbered(document.add_heading("不编号的标题", 1), 0, None)
    document.add_heading("主动公开政府信息情况", 1)
    assert texts(read(document)) == ["一、总体情况", "不编号的标题", "二、主动公开政府信息情况"]


def test_num_style_link_leads_to_the_list_styles_definition():
    document = docx.Document()
    add_numbering(document, [("chineseCounting", "%1、", 1)], abstract_id=92, num_ids=(92,))
    numbering = document.part.numbering_part.element
    numbering.find(qn("w:num")).addprevious(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="93"><w:numStyleLink w:val="CnList"/></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="93"><w:abstractNumId w:val="93"/></w:num>'))
    document.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="CnList"><w:name w:val="中文列表"/>'
        '<w:pPr><w:numPr><w:numId w:val="92"/></w:numPr></w:pPr></w:style>'))
    numbered(document.add_paragraph("甲"), 93)
    numbered(document.add_paragraph("乙"), 92)   # the same list: its counter continues
    assert texts(read(document)) == ["一、甲", "二、乙"]


def test_a_document_without_a_body_reads_as_empty():
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(to_bytes(docx.Document()))) as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = f'<w:document {nsdecls("w")}/>'.encode()
            zout.writestr(item, data)
    assert DocxReader().read(buf.getvalue(), "x.docx").blocks == []
    with pytest.raises(giaparse.EmptyDocument):
        giaparse.parse(buf.getvalue(), name="x.docx")


def test_bullets_and_unknown_numbers_add_nothing():
    document = docx.Document()
    add_numbering(document, [("bullet", "\uf06c", 1)])
    numbered(document.add_paragraph("要点"), 90)
    numbered(document.add_paragraph("无定义"), 4242)
    assert texts(read(document)) == ["要点", "无定义"]


def test_numbered_paragraphs_in_table_cells():
    document = docx.Document()
    add_numbering(document, [("chineseCounting", "（%1）", 1)])
    t = document.add_table(rows=2, cols=2)
    fill(t, [["予以公开", "5"], ["部分公开", "2"]])
    numbered(t.cell(0, 0).paragraphs[0], 90)
    numbered(t.cell(1, 0).paragraphs[0], 90)
    assert read(document).grids[0].texts() == [["（一）予以公开", "5"], ["（二）部分公开", "2"]]


# --- through parse: canonical output ----------------------------------------


def test_table3_and_table4_with_real_merges_give_every_cell():
    out = giaparse.parse(to_bytes(build_report()), name="x.docx").to_dict()
    assert out["source"]["format"] == "docx"
    assert out["document"]["kind"] == "annual_report"
    assert out["document"]["template"] == "2021"
    assert out["document"]["year"] == 2021
    assert_all_cells(out)


def test_table3_raw_grid_lists_only_starting_cells():
    grid = read(build_report()).grids[0]
    assert grid.n_rows == 28
    assert grid.rows[0] == [RawCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
                            RawCell("申请人情况", colspan=7)]
    assert grid.rows[1] == [RawCell("自然人", rowspan=2), RawCell("法人或其他组织", colspan=5),
                            RawCell("总计", rowspan=2)]
    assert [c.text for c in grid.rows[2]] == LEAF_HEADERS
    assert grid.rows[5][0] == RawCell("三、本年度办理结果", rowspan=22)
    assert grid.rows[7][:2] == [RawCell("（三）不予公开", rowspan=8), RawCell("1.属于国家秘密")]
    assert [c.text for c in grid.rows[8]][0] == "2.其他法律行政法规禁止公开"   # covered cells left out
    assert all(sum(c.colspan for c in row) == 10 for row in (grid.rows[0], grid.rows[3], grid.rows[27]))


@pytest.mark.parametrize("how", ["direction", "breaks"])
def test_vertical_one_character_per_line_headers_are_mapped(how):
    document = build_report(vertical=how)
    grid = read(document).grids[0]
    assert [(c.text, c.vertical) for c in grid.rows[2]] == [("\n".join(h), how == "direction") for h in LEAF_HEADERS]
    assert_all_cells(giaparse.parse(to_bytes(document), name="x.docx").to_dict())


def test_auto_numbered_headings_give_the_six_sections():
    report = giaparse.parse(to_bytes(build_report(auto_numbered=True)), name="x.docx")
    assert [s.heading for s in report.sections] == [f"{CN[i]}、{p}" for i, p in enumerate(PARTS)]
    assert [s.part for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.sections[0].text == "第一部分的正文。"
    assert not [w for w in report.warnings if w.code.value == "sections_missing"]
    assert_all_cells(report.to_dict())


def test_table_inside_a_layout_frame_is_still_found():
    document = docx.Document()
    document.add_paragraph("某某县人民政府2021年政府信息公开工作年度报告")
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.text = "三、收到和处理政府信息公开申请情况"
    add_table3(frame)
    frame.add_paragraph("")
    out = giaparse.parse(to_bytes(document), name="x.docx").to_dict()
    requests = out["tables"]["requests"]
    assert all(requests[row][col]["value"] == REQ_VALUES[row][col] for row in REQ_ROWS for col in REQ_COLS)


def test_grids_are_raw_grids():
    assert all(isinstance(g, RawGrid) for g in read(build_report()).grids)
