"""HtmlReader: bytes of a web page to paragraphs and raw grids."""

from __future__ import annotations

import codecs

import pytest

from giaparse.document import Paragraph, RawCell, RawGrid, SpanInfo
from giaparse.readers import reader_for, registered_readers
from giaparse.readers.html import HtmlReader, _declared_charset


def read(html: str | bytes, encoding: str = "utf-8"):
    data = html.encode(encoding) if isinstance(html, str) else html
    return HtmlReader().read(data, "page.html")


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def all_text(doc) -> str:
    """Every string in the document, paragraphs and cells."""
    parts = texts(doc)
    for grid in doc.grids:
        parts += [c.text for row in grid.rows for c in row]
    return "\n".join(parts)


# --- registration -----------------------------------------------------------


def test_registered_under_html():
    assert registered_readers()["html"] is HtmlReader
    assert isinstance(reader_for("html"), HtmlReader)
    assert ".htm" in HtmlReader.extensions and ".html" in HtmlReader.extensions


def test_document_metadata():
    doc = read("<p>正文</p>")
    assert doc.format == "html"
    assert doc.source_name == "page.html"
    assert texts(doc) == ["正文"]


# --- tables -----------------------------------------------------------------


def test_spans_are_kept_as_given_not_expanded():
    doc = read(
        """<table>
        <tr><th rowspan="2">信息内容</th><th colspan="3">本年</th></tr>
        <tr><td>新制发</td><td>废止</td><td>现行</td></tr>
        <tr><td>规章</td><td>1</td><td>0</td><td>5</td></tr>
        </table>"""
    )
    [grid] = doc.grids
    assert grid.spans is SpanInfo.KNOWN
    assert grid.origin == "table 1"
    assert grid.rows == [
        [RawCell("信息内容", rowspan=2), RawCell("本年", colspan=3)],
        [RawCell("新制发"), RawCell("废止"), RawCell("现行")],
        [RawCell("规章"), RawCell("1"), RawCell("0"), RawCell("5")],
    ]


@pytest.mark.parametrize(
    "attrs, expected",
    [
        ('rowspan="abc" colspan=""', (1, 1)),
        ('rowspan="0" colspan="-2"', (1, 1)),
        ('rowspan=" 3 " colspan="2px"', (3, 2)),
        ('rowspan="99999"', (1000, 1)),
    ],
)
def test_bad_spans_fall_back_to_one_or_are_clamped(attrs, expected):
    doc = read(f"<table><tr><td {attrs}>x</td><td>y</td></tr><tr><td>a</td><td>b</td></tr></table>")
    cell = doc.grids[0].rows[0][0]
    assert (cell.rowspan, cell.colspan) == expected


def test_cell_paragraphs_and_br_become_lines():
    doc = read(
        """<table><tr>
        <td><p>规章</p><p> （件） </p></td>
        <td>1<br>2<br/><br></td>
        <td><div>甲</div>乙</td>
        </tr><tr><td>a</td><td>b</td><td>c</td></tr></table>"""
    )
    assert doc.grids[0].texts()[0] == ["规章\n（件）", "1\n2", "甲\n乙"]


def test_rows_from_thead_tbody_tfoot_in_document_order_and_empty_rows_skipped():
    doc = read(
        """<table><thead><tr><th>项目</th><th>数量</th></tr></thead>
        <tbody><tr><td>申请</td><td>3</td></tr><tr></tr></tbody>
        <tfoot><tr><td>合计</td><td>3</td></tr></tfoot></table>"""
    )
    assert doc.grids[0].texts() == [["项目", "数量"], ["申请", "3"], ["合计", "3"]]


def test_empty_cells_are_kept_as_empty_strings():
    doc = read("<table><tr><td>甲</td><td>&nbsp;</td></tr><tr><td></td><td>2</td></tr></table>")
    assert doc.grids[0].texts() == [["甲", ""], ["", "2"]]


def test_tables_are_numbered_in_order():
    doc = read(
        "<table><tr><td>a</td><td>b</td></tr></table><p>中间</p>"
        "<table><tr><td>c</td><td>d</td></tr></table>"
    )
    assert [g.origin for g in doc.grids] == ["table 1", "table 2"]


# --- inline text ------------------------------------------------------------


def test_one_character_spans_are_joined():
    doc = read("<p><span>商</span><span>业</span><font>秘</font><b>密</b></p>")
    assert texts(doc) == ["商业秘密"]


def test_source_line_breaks_between_cjk_vanish_but_spaces_between_words_stay():
    doc = read("<p><span>商</span>\n   <span>业</span> and\n text</p>")
    assert texts(doc) == ["商业 and text"]


def test_nbsp_becomes_space_and_inner_fullwidth_space_is_kept():
    doc = read("<p>共&nbsp;&nbsp;5\u00a0件，其中\u3000行政</p>")
    assert texts(doc) == ["共 5 件，其中\u3000行政"]


def test_br_splits_paragraphs_and_empty_ones_are_dropped():
    doc = read("<div>第一行<br>第二行<br><br>  <br>第三行</div><p> </p><p>&nbsp;</p>")
    assert texts(doc) == ["第一行", "第二行", "第三行"]


def test_pre_keeps_its_lines():
    doc = read("<pre>第一行\n第二行</pre>")
    assert texts(doc) == ["第一行", "第二行"]


# --- headings and title -----------------------------------------------------


def test_heading_levels():
    doc = read("<h1>年度报告</h1><h2>一、总体情况</h2><p>正文</p><h3>（一）主动公开</h3>")
    assert doc.paragraphs == [
        Paragraph("年度报告", 1),
        Paragraph("一、总体情况", 2),
        Paragraph("正文", 0),
        Paragraph("（一）主动公开", 3),
    ]


def test_title_is_first_paragraph_when_body_has_no_h1():
    doc = read("<html><head><title> 某县2021年报告 </title></head><body><p>正文</p></body></html>")
    assert doc.paragraphs == [Paragraph("某县2021年报告", 1), Paragraph("正文", 0)]


def test_title_is_not_added_when_body_has_h1():
    doc = read("<html><head><title>站点名</title></head><body><h1>报告</h1><p>正文</p></body></html>")
    assert texts(doc) == ["报告", "正文"]


# --- encodings --------------------------------------------------------------

GB_PAGE = "<html><head>{meta}<title>年报</title></head><body><p>政府信息公开工作年度报告</p></body></html>"


def test_gbk_with_meta_charset():
    data = GB_PAGE.format(meta='<meta charset="gbk">').encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test is meaningful only if UTF-8 would fail
    assert texts(read(data)) == ["年报", "政府信息公开工作年度报告"]


def test_gb2312_with_http_equiv():
    meta = '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gb2312">'
    doc = read(GB_PAGE.format(meta=meta).encode("gb2312"))
    assert texts(doc) == ["年报", "政府信息公开工作年度报告"]
    assert doc.warnings == []


@pytest.mark.parametrize(
    "head, expected",
    [
        (b'<meta charset="gbk">', "gbk"),
        (b"<meta charset=GB2312 />", "gb2312"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312"),
        (b'<?xml version="1.0" encoding="GBK"?>', "gbk"),
        (b'<meta charset="utf-16">', None),  # impossible in ASCII-compatible bytes
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_charset(head, expected):
    assert _declared_charset(b"<html><head>" + head + b"</head></html>") == expected


def test_declared_charset_is_used_before_guessing():
    # Big5 bytes are not UTF-8 and would decode as (wrong) GB18030 without the declaration.
    page = '<html><head><meta charset="big5"></head><body><p>政府資訊公開</p></body></html>'
    assert texts(read(page.encode("big5"))) == ["政府資訊公開"]


def test_gbk_without_declaration_is_still_read():
    doc = read(GB_PAGE.format(meta="").encode("gbk"))
    assert "政府信息公开工作年度报告" in texts(doc)


def test_utf8_with_bom():
    doc = read(codecs.BOM_UTF8 + GB_PAGE.format(meta="").encode("utf-8"))
    assert texts(doc) == ["年报", "政府信息公开工作年度报告"]


def test_utf8_bom_wins_over_wrong_declaration():
    data = codecs.BOM_UTF8 + GB_PAGE.format(meta='<meta charset="gbk">').encode("utf-8")
    assert texts(read(data)) == ["年报", "政府信息公开工作年度报告"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(codec):
    data = GB_PAGE.format(meta="").encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert texts(read(data)) == ["年报", "政府信息公开工作年度报告"]


def test_xml_declaration_is_accepted():
    data = '<?xml version="1.0" encoding="utf-8"?><html><body><p>内容</p></body></html>'
    assert texts(read(data)) == ["内容"]


# --- chrome and junk --------------------------------------------------------


def test_scripts_styles_and_hidden_content_never_appear():
    doc = read(
        """<html><head><style>p{color:red}</style><script>var s='脚本头';</script></head><body>
        <script>document.write('脚本体')</script><noscript>请启用脚本</noscript>
        <p>正文一</p>
        <div hidden>隐藏属性</div>
        <div style="DISPLAY: none">博彩广告</div>
        <span style="visibility:hidden">隐形</span>
        <form><select><option>选项</option></select><button>提交</button><input value="输入"></form>
        <iframe>框架</iframe><svg><text>图形</text></svg><!-- 注释 -->
        <p>正文二</p></body></html>"""
    )
    assert texts(doc) == ["正文一", "正文二"]


def test_semantic_chrome_tags_are_dropped():
    doc = read(
        """<header><p>网站标题</p></header><nav><a>首页</a></nav>
        <main><p>正文内容</p></main>
        <aside><p>相关链接</p></aside><footer><p>版权所有</p></footer>"""
    )
    assert texts(doc) == ["正文内容"]


@pytest.mark.parametrize(
    "attr",
    [
        'class="nav"', 'id="topNav nav"', 'class="main-menu"', 'class="breadcrumb"',
        'id="footer"', 'class="Foot_box"', 'class="article-header"', 'class="sidebar"',
        'class="share"', 'id="copyright"', 'class="friendlink"', 'class="links"',
        'class="search-box"', 'class="topbar"', 'class="page bottom"', 'class="head"',
    ],
)
def test_chrome_class_and_id_tokens_are_dropped(attr):
    doc = read(f"<div {attr}><p>导航杂项</p></div><div class=\"content\"><p>正文内容</p></div>")
    assert texts(doc) == ["正文内容"]


@pytest.mark.parametrize(
    "attr",
    ['class="content"', 'class="TRS_Editor"', 'id="zw"', 'class="xxgk"', 'class="article"',
     'class="heading"', 'class="main"', 'class="headline"'],
)
def test_article_containers_survive(attr):
    doc = read(f"<div {attr}><p>正文内容</p></div>")
    assert texts(doc) == ["正文内容"]


def test_data_table_rows_and_cells_named_like_chrome_are_kept():
    doc = read(
        """<table><tr class="head"><th class="header">项目</th><th>数量</th></tr>
        <tr><td class="side">申请</td><td>3</td></tr></table>"""
    )
    assert doc.grids[0].texts() == [["项目", "数量"], ["申请", "3"]]


def test_layout_table_cells_named_like_chrome_are_dropped():
    doc = read(
        f"""<table><tr><td id="header">网站标题</td></tr>
        <tr><td class="main">{REPORT_TABLE}</td></tr>
        <tr><td id="footer">版权所有</td></tr></table>"""
    )
    assert "网站标题" not in all_text(doc) and "版权所有" not in all_text(doc)
    assert len(doc.grids) == 1 and doc.grids[0].n_rows == 4


def test_misnamed_container_holding_the_article_is_kept():
    body = "".join(f"<p>第{i}段：本机关依法主动公开政府信息，接受社会监督。</p>" for i in range(20))
    doc = read(f'<div class="nav"><a>首页</a></div><div id="bottom-main">{body}</div>')
    assert len(doc.paragraphs) == 20
    assert "首页" not in all_text(doc)


def test_link_heavy_chrome_is_dropped_even_when_long():
    menu = "".join(f"<li><a href='#'>栏目名称第{i}项</a></li>" for i in range(50))
    doc = read(f'<ul class="menu">{menu}</ul><p>正文很短</p>')
    assert texts(doc) == ["正文很短"]


@pytest.mark.parametrize(
    "crumb", ["当前位置：首页 > 政务公开 > 年报", "您当前的位置：首页>年报", "您现在的位置: 首页"]
)
def test_breadcrumb_paragraph_is_dropped(crumb):
    doc = read(f'<div class="position">{crumb}</div><p>正文</p>')
    assert texts(doc) == ["正文"]


def test_long_paragraph_starting_like_a_breadcrumb_is_kept():
    long = "当前位置" + "的说明文字" * 30
    assert texts(read(f"<p>{long}</p>")) == [long]


# --- layout tables ----------------------------------------------------------

REPORT_TABLE = """<table border="1">
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>3</td><td>1</td><td>12</td></tr>
<tr><td>合计</td><td>3</td><td>1</td><td>12</td></tr>
</table>"""


def test_nested_layout_table_yields_inner_grid_and_cell_paragraphs_in_order():
    doc = read(
        f"""<table width="100%"><tr><td>
        <p>一、总体情况</p>
        <table><tr><td><p>二、主动公开</p>{REPORT_TABLE}</td></tr></table>
        <p>三、收到和处理政府信息公开申请情况</p>
        </td><td>附注</td></tr></table>"""
    )
    kinds = [(type(b).__name__, b.text if isinstance(b, Paragraph) else b.n_rows) for b in doc.blocks]
    assert kinds == [
        ("Paragraph", "一、总体情况"),
        ("Paragraph", "二、主动公开"),
        ("RawGrid", 4),
        ("Paragraph", "三、收到和处理政府信息公开申请情况"),
        ("Paragraph", "附注"),
    ]
    assert doc.grids[0].texts()[2] == ["行政规范性文件", "3", "1", "12"]
    assert doc.grids[0].origin == "table 1"


def test_single_cell_table_is_a_container():
    doc = read("<table><tr><td><p>第一段</p><p>第二段</p></td></tr></table>")
    assert doc.grids == []
    assert texts(doc) == ["第一段", "第二段"]


def test_prose_table_is_a_container():
    para = "本机关坚持以公开为常态、不公开为例外，" * 8
    doc = read(f"<table><tr><td>{para}1</td></tr><tr><td>{para}2</td></tr></table>")
    assert doc.grids == []
    assert texts(doc) == [para + "1", para + "2"]


def test_one_long_note_does_not_make_a_data_table_layout():
    note = "说明：" + "本表数据统计口径为本年度内收到的申请。" * 7
    rows = "".join(f"<tr><td>项目{i}</td><td>{i}</td><td>{i * 2}</td></tr>" for i in range(8))
    doc = read(f"<table>{rows}<tr><td colspan='3'>{note}</td></tr></table>")
    [grid] = doc.grids
    assert grid.rows[-1] == [RawCell(note, colspan=3)]


def test_small_table_inside_data_cell_is_flattened():
    doc = read(
        """<table>
        <tr><td>项目</td><td>数量</td></tr>
        <tr><td>申请</td><td><table><tr><td>当面</td><td>2</td></tr></table></td></tr>
        <tr><td>合计</td><td>2</td></tr></table>"""
    )
    [grid] = doc.grids
    assert grid.texts() == [["项目", "数量"], ["申请", "当面\n2"], ["合计", "2"]]


def test_paragraphs_around_tables_keep_document_order():
    doc = read(
        f"<p>前言</p>{REPORT_TABLE}<p>中间</p>"
        "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table><p>结尾</p>"
    )
    order = [b.text if isinstance(b, Paragraph) else b.origin for b in doc.blocks]
    assert order == ["前言", "table 1", "中间", "table 2", "结尾"]


def test_caption_precedes_its_grid():
    doc = read("<table><caption>表一</caption><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text == "表一"
    assert isinstance(doc.blocks[1], RawGrid)


# --- robustness -------------------------------------------------------------


def test_malformed_html_still_reads():
    doc = read("<div><p>第一段<p>第二段<table><tr><td>甲<td>乙<tr><td>丙<td>丁</table><p>结尾</div></span>")
    assert texts(doc) == ["第一段", "第二段", "结尾"]
    assert doc.grids[0].texts() == [["甲", "乙"], ["丙", "丁"]]


@pytest.mark.parametrize(
    "data", [b"", b"   \n", b"<!-- only a comment -->", b"<html><body><script>x()</script></body></html>"]
)
def test_input_without_blocks_gives_empty_document(data):
    doc = HtmlReader().read(data, "empty.html")
    assert doc.blocks == []
    assert doc.format == "html"


def test_control_characters_and_deep_nesting_do_not_crash():
    # libxml2 stops at depth 256 (what lies deeper is lost); nothing may raise.
    doc = read("<p>a\x00b\x01c</p>" + "<div>" * 3000 + "深处")
    assert texts(doc)[0] == "abc"
    nested = read("<table><tr><td>a</td><td>" * 300 + "x")
    assert nested.paragraphs[0].text == "a"
