"""PdfReader: text-layer PDFs to paragraphs and ruled grids.

The PDFs are drawn here with reportlab (a test-only tool: those tests skip
without it) so each one pins one problem: CJK spacing, line joining, page
chrome, merged cells, vertical headers, rotated pages. The corpus PDFs
(corpus/pdf, real LibreOffice output) are read too when present.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import giaparse
from giaparse.core import reconstruct
from giaparse.diagnostics import WarningCode
from giaparse.document import RawCell, SpanInfo
from giaparse.errors import DamagedPdf, EncryptedPdf, InputError, MissingDependency, NoTextLayer
from giaparse.options import PdfBackend, PdfEngine, ReadOptions
from giaparse.readers import registered_readers
from giaparse.readers.pdf import PdfReader
from giaparse.readers.pdf.tables import cells_to_grid, fill_holes, grid_to_rows, without_glyph_outlines
from giaparse.readers.pdf.text import Glyph, cell_text, line_text

from .conftest import CORPUS, need, needs

A4 = (595.0, 842.0)
LANDSCAPE = (842.0, 595.0)
FONT = "STSong-Light"  # a standard CJK font: no font file needed, Adobe-GB1 CIDs


# --------------------------------------------------------------- drawing ---


class Sheet:
    """A reportlab canvas addressed from the top-left, like pdfplumber."""

    def __init__(self, pagesize: tuple[float, float] = A4) -> None:
        pytest.importorskip("pdfplumber")
        pytest.importorskip("reportlab")
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=pagesize)
        self.w, self.h = pagesize

    def text(self, x: float, top: float, s: str, size: float = 12, char_space: float = 0,
             font: str = FONT) -> None:
        t = self.c.beginText(x, self.h - top - size * 0.88)
        t.setFont(font, size)
        t.setCharSpace(char_space)
        t.textOut(s)
        self.c.drawText(t)

    def centred(self, middle: float, top: float, s: str, size: float = 12) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.text(middle - stringWidth(s, FONT, size) / 2, top, s, size=size)

    def rotated(self, x: float, top: float, s: str, angle: float, size: float = 12) -> None:
        self.c.saveState()
        self.c.translate(x, self.h - top)
        self.c.rotate(angle)
        self.c.setFont(FONT, size)
        self.c.drawString(0, 0, s)
        self.c.restoreState()

    def table(self, x: float, top: float, widths: list[float], heights: list[float],
              cells: list[tuple], size: float = 9) -> None:
        """``cells``: (row, col, rowspan, colspan, text). Text is a str (one line,
        centred), a list (stacked lines) or ("rot", str) for text set bottom to top.
        Each cell is stroked on its own, so a merged cell has no inner lines."""
        xs = [x]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [top]
        for h in heights:
            ys.append(ys[-1] + h)
        for r, c, rs, cs, content in cells:
            x0, x1, y0, y1 = xs[c], xs[c + cs], ys[r], ys[r + rs]
            self.c.rect(x0, self.h - y1, x1 - x0, y1 - y0, stroke=1, fill=0)
            mid_x, mid_y = (x0 + x1) / 2, (y0 + y1) / 2
            self.c.setFont(FONT, size)
            if isinstance(content, tuple):
                self.c.saveState()
                self.c.translate(mid_x + size * 0.35, self.h - mid_y)
                self.c.rotate(90)
                self.c.drawCentredString(0, 0, content[1])
                self.c.restoreState()
                continue
            lines = [content] if isinstance(content, str) else content
            first = mid_y - (len(lines) * size * 1.2) / 2
            for i, line in enumerate(lines):
                self.c.drawCentredString(mid_x, self.h - (first + (i + 1) * size * 1.2) + size * 0.2, line)

    def page(self, rotate: int = 0) -> None:
        if rotate:
            self.c.setPageRotation(rotate)
        self.c.showPage()

    def bytes(self) -> bytes:
        self.c.save()
        return self.buf.getvalue()


def read(data: bytes, **options) -> giaparse.document.Document:
    return PdfReader(ReadOptions(**options)).read(data, "test.pdf")


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def all_text(doc) -> str:
    parts = texts(doc) + [c.text for g in doc.grids for row in g.rows for c in row]
    return "\n".join(parts)


def simple_table(sheet: Sheet, top: float = 300) -> None:
    """A 3×3 table whose first header cell spans two rows (no line between them)."""
    sheet.table(72, top, [120, 80, 80], [24, 24, 24], [
        (0, 0, 2, 1, "申请人情况"), (0, 1, 1, 2, "自然人"),
        (1, 1, 1, 1, "本年"), (1, 2, 1, 1, "上年"),
        (2, 0, 1, 1, "本年新收"), (2, 1, 1, 1, "12345"), (2, 2, 1, 1, "678"),
    ])


# ------------------------------------------------------------ the reader ---


def test_registered_under_pdf():
    assert registered_readers()["pdf"] is PdfReader
    assert ".pdf" in PdfReader.extensions


def test_cjk_text_has_no_spurious_spaces():
    s = Sheet()
    s.text(72, 100, "政府信息公开工作年度报告", size=16, char_space=8)  # letter-spaced title
    s.text(72, 160, "统计期限自 2021 年 1 月 1 日起，PDF file 与 Word file 并存。")
    s.text(72, 200, "1 2 3 4 5", char_space=9)  # a number spread out: still one number
    s.page()
    assert texts(read(s.bytes())) == [
        "政府信息公开工作年度报告",
        "统计期限自2021年1月1日起，PDF file与Word file并存。",
        "12345",
    ]


def test_lines_join_into_paragraphs_and_paragraphs_break_where_they_should():
    s = Sheet()
    body = "本报告根据中华人民共和国政府信息公开条例和国务院办公厅政府信息公开办公室"  # 36 chars
    s.text(72 + 24, 100, body[:34])           # indented first line
    s.text(72, 118, body[2:] + body[:2])      # full line
    s.text(72, 136, "要求编制。")               # last line, short, ends a sentence
    s.text(72 + 24, 154, "一、总体情况")          # numbered heading
    s.text(72 + 24, 172, "（一）主动公开")
    s.text(72 + 24, 190, body[:34])
    s.text(72, 208, body[:20])                # short last line without punctuation
    s.text(72 + 24, 250, "2021年，全市共办理申请。")
    s.page()
    assert texts(read(s.bytes())) == [
        body[:34] + body[2:] + body[:2] + "要求编制。",
        "一、总体情况",
        "（一）主动公开",
        body[:34] + body[:20],
        "2021年，全市共办理申请。",
    ]


def test_centred_title_is_its_own_paragraph_and_big_type_a_heading():
    s = Sheet()
    first = "本报告由某某市人民政府办公室编制，内容包括总体情况、主动公开政府信息公开"  # 35 chars
    s.centred(294, 80, "某某市人民政府办公室", size=20)  # the text block runs from 72 to 516
    s.centred(294, 108, "2021年政府信息公开工作年度报告", size=20)
    s.text(72 + 24, 160, first)
    s.text(72, 178, "情况等。")
    s.page()
    doc = read(s.bytes())
    assert [(p.text, p.heading_level) for p in doc.paragraphs] == [
        ("某某市人民政府办公室2021年政府信息公开工作年度报告", 1),
        (first + "情况等。", 0),
    ]


def test_sentence_ending_at_the_margin_runs_on_in_indented_text():
    """With first-line indents, a full line ending in 。 or ； followed by a flush
    line is the same paragraph; hanging punctuation does not move the margin."""
    s = Sheet()
    body = "全市各级行政机关认真贯彻落实政府信息公开条例持续推进决策执行管理服务结果公开工作"
    s.text(96, 100, body[:34])                 # indented first line, to the margin (504)
    s.text(72, 118, body[:35] + "；")            # a full line whose ； hangs past the margin
    s.text(72, 136, body[:35] + "。")            # the same, ending a sentence
    s.text(72, 154, "继续推进。")
    s.text(96, 172, body[:34])
    s.text(72, 190, "第二段完。")
    s.page()
    assert texts(read(s.bytes())) == [
        body[:34] + body[:35] + "；" + body[:35] + "。继续推进。",
        body[:34] + "第二段完。",
    ]


def test_wrapped_title_is_one_paragraph_but_signature_lines_stay_apart():
    s = Sheet()
    title = "某某市人民政府办公室2021年政府信息公开工作年度报告"
    s.text(72, 60, title[:21], size=21)          # fills the width: 72 .. 513
    s.centred(292, 88, title[21:], size=21)
    s.text(96, 140, "本报告由某某市人民政府办公室编制，内容包括总体情况、主动公开情")
    s.text(72, 158, "况等。")
    s.centred(292, 200, "某某市人民政府办公室")
    s.centred(292, 218, "2022年1月20日")
    s.page()
    assert texts(read(s.bytes())) == [
        title, "本报告由某某市人民政府办公室编制，内容包括总体情况、主动公开情况等。",
        "某某市人民政府办公室", "2022年1月20日",
    ]


def test_page_numbers_and_running_headers_are_dropped_and_paragraphs_continue_across_pages():
    s = Sheet()
    line = "全市各级行政机关认真贯彻落实政府信息公开条例，持续推进决策执行管理服务结果公开"
    for n in (1, 2, 3):
        s.text(72, 30, "某某市人民政府信息公开年度报告", size=9)
        s.text(72 + 24, 100, line[:34])
        s.text(72, 118, line[:36])  # runs to the margin at the foot of the page, no full stop
        s.text(280, 800, f"- {n} -", size=10)
        s.page()
    doc = read(s.bytes())
    paragraphs = texts(doc)
    assert paragraphs == [line[:34] + line[:36]] * 3
    joined = all_text(doc)
    assert "- 1 -" not in joined and "某某市人民政府信息公开年度报告" not in joined


def test_paragraph_cut_by_a_page_break_is_joined():
    s = Sheet()
    line = "全市各级行政机关认真贯彻落实政府信息公开条例，持续推进决策执行管理服务结果公开"
    s.text(72 + 24, 700, line[:34])
    s.text(72, 718, line[:36])
    s.text(290, 800, "1")
    s.page()
    s.text(72, 72, "工作成效明显。")
    s.text(290, 800, "2")
    s.page()
    assert texts(read(s.bytes())) == [line[:34] + line[:36] + "工作成效明显。"]


def test_tables_sit_between_paragraphs_and_their_text_is_not_repeated():
    s = Sheet()
    s.text(72, 250, "三、收到和处理政府信息公开申请情况")
    simple_table(s)
    s.text(72, 400, "四、政府信息公开行政复议、行政诉讼情况")
    s.page()
    doc = read(s.bytes())
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "RawGrid", "Paragraph"]
    assert "12345" not in "".join(texts(doc)) and "申请人情况" not in "".join(texts(doc))


def test_merged_cell_without_inner_line_gets_its_spans():
    s = Sheet()
    simple_table(s)
    s.page()
    [grid] = read(s.bytes()).grids
    assert grid.spans is SpanInfo.KNOWN and grid.origin == "page 1, table 1"
    assert grid.rows == [
        [RawCell("申请人情况", rowspan=2), RawCell("自然人", colspan=2)],
        [RawCell("本年"), RawCell("上年")],
        [RawCell("本年新收"), RawCell("12345"), RawCell("678")],
    ]


def test_numbers_are_neither_split_nor_glued_to_their_neighbours():
    s = Sheet()
    # Narrow cells: each number nearly touches the ruling line on both sides.
    s.table(72, 100, [60, 31, 31, 31], [20, 20], [
        (0, 0, 1, 1, "项目"), (0, 1, 1, 1, "甲"), (0, 2, 1, 1, "乙"), (0, 3, 1, 1, "丙"),
        (1, 0, 1, 1, "合计"), (1, 1, 1, 1, "123456"), (1, 2, 1, 1, "7890"), (1, 3, 1, 1, "12"),
    ], size=10)
    s.page()
    [grid] = read(s.bytes()).grids
    assert grid.texts()[1] == ["合计", "123456", "7890", "12"]


def test_glyph_outline_paths_do_not_cut_table_cells():
    """Simulated bold written as stroked paths over the glyphs (cairo does this)
    must not become ruling lines."""
    s = Sheet()
    simple_table(s)
    for i in range(5):  # 申请人情况: 9pt glyphs from x=109.5, PDF y 512..521
        x0 = 109.5 + 9 * i
        s.c.bezier(x0 + 1, 513, x0 + 3, 520, x0 + 6, 520, x0 + 8, 513)
        s.c.line(x0 + 1, 516.5, x0 + 8, 516.5)
        s.c.line(x0 + 4.5, 512.5, x0 + 4.5, 520.5)
        s.c.rect(x0 + 2, 513, 4, 5, stroke=1, fill=0)
    s.page()
    data = s.bytes()
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        kept = without_glyph_outlines(page, page.chars)
        assert (len(page.curves), len(page.lines), len(page.rects)) == (5, 10, 12)
        assert (len(kept.curves), len(kept.lines), len(kept.rects)) == (0, 0, 7)  # the 7 cell borders
    [grid] = read(data).grids
    assert grid.texts() == [["申请人情况", "自然人"], ["本年", "上年"], ["本年新收", "12345", "678"]]


def test_table_continued_on_the_next_page_is_one_grid_per_page_with_its_header():
    s = Sheet()
    header = [(0, 0, 1, 1, "项目"), (0, 1, 1, 1, "本年"), (0, 2, 1, 1, "上年")]
    s.table(72, 600, [120, 80, 80], [24, 24], header + [(1, 0, 1, 1, "本年新收"), (1, 1, 1, 1, "5"), (1, 2, 1, 1, "6")])
    s.page()
    s.table(72, 72, [120, 80, 80], [24, 24], header + [(1, 0, 1, 1, "上年结转"), (1, 1, 1, 1, "7"), (1, 2, 1, 1, "8")])
    s.page()
    first, second = read(s.bytes()).grids
    assert (first.origin, second.origin) == ("page 1, table 1", "page 2, table 1")
    assert first.texts() == [["项目", "本年", "上年"], ["本年新收", "5", "6"]]
    assert second.texts() == [["项目", "本年", "上年"], ["上年结转", "7", "8"]]


# Without any CJK font installed, PDFium gives no text for these rotated and vertical
# STSong-Light (not embedded) characters: the test needs one, and says so.
@needs("cjk-font")
def test_stacked_vertical_header_becomes_one_label_through_the_core():
    s = Sheet()
    s.table(72, 100, [90, 24, 24, 24], [20, 60, 20], [
        (0, 0, 2, 1, "申请人情况"), (0, 1, 1, 3, "法人或其他组织"),
        (1, 1, 1, 1, ["商", "业", "企", "业"]), (1, 2, 1, 1, ["科", "研", "机", "构"]),
        (1, 3, 1, 1, ["其", "他"]),
        (2, 0, 1, 1, "本年新收"), (2, 1, 1, 1, "8"), (2, 2, 1, 1, "1"), (2, 3, 1, 1, "0"),
    ])
    s.page()
    [grid] = read(s.bytes()).grids
    assert grid.rows[1][0].text == "商\n业\n企\n业"
    table = reconstruct(grid)
    [segment] = table.segments
    assert [c.path for c in segment.columns] == [
        ("法人或其他组织", "商业企业"), ("法人或其他组织", "科研机构"), ("法人或其他组织", "其他")]
    assert segment.rows[0].values == ("8", "1", "0")


@needs("cjk-font")
def test_rotated_header_text_reads_forwards_and_is_marked_vertical():
    s = Sheet()
    s.table(72, 100, [90, 24, 24], [20, 70, 20], [
        (0, 0, 2, 1, "申请人情况"), (0, 1, 1, 2, "法人或其他组织"),
        (1, 1, 1, 1, ("rot", "商业企业")), (1, 2, 1, 1, ("rot", "科研机构")),
        (2, 0, 1, 1, "本年新收"), (2, 1, 1, 1, "8"), (2, 2, 1, 1, "1"),
    ])
    s.page()
    [grid] = read(s.bytes()).grids
    assert grid.rows[1] == [RawCell("商业企业", vertical=True), RawCell("科研机构", vertical=True)]


def review_table(s: Sheet, top: float, values: list[int]) -> None:
    """Table 4 as the 2021 template lays it out: three header rows, 15 numbers."""
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    cells = [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")]
    cells += [(1, i, 2, 1, leaf) for i, leaf in enumerate(leaves)]
    cells += [(1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]
    cells += [(2, 5 + i, 1, 1, leaf) for i, leaf in enumerate(leaves * 2)]
    cells += [(3, i, 1, 1, str(v)) for i, v in enumerate(values)]
    s.table(46, top, [50] * 15, [22, 22, 22, 22], cells)


def test_landscape_page_with_table_4_maps_through_parse():
    values = [3, 1, 0, 2, 6, 4, 0, 1, 0, 5, 0, 0, 0, 1, 1]
    s = Sheet(A4)
    s.text(90, 80, "某某市2021年政府信息公开工作年度报告", size=18)
    s.text(72, 130, "一、总体情况")
    s.text(72, 150, "二、主动公开政府信息情况")
    s.text(72, 170, "三、收到和处理政府信息公开申请情况")
    s.page()
    s.c.setPageSize(LANDSCAPE)
    s.w, s.h = LANDSCAPE
    s.text(72, 60, "四、政府信息公开行政复议、行政诉讼情况")
    review_table(s, 100, values)
    s.text(72, 220, "五、存在的主要问题及改进情况")
    s.text(72, 240, "六、其他需要报告的事项")
    s.page()
    out = giaparse.parse(s.bytes(), name="x.pdf").to_dict()
    got = out["tables"]["review_litigation"]
    groups = ["review", "litigation_direct", "litigation_after_review"]
    results = ["upheld", "corrected", "other", "pending", "total"]
    expected = {g: {r: values[5 * i + j] for j, r in enumerate(results)} for i, g in enumerate(groups)}
    assert {g: {r: got[g][r]["value"] for r in results} for g in groups} == expected
    assert out["document"]["year"] == 2021


@needs("cjk-font")
@pytest.mark.parametrize("backend", list(PdfBackend))
def test_rotated_page_reads_upright(backend):
    """/Rotate 90 with the content drawn turned: pdfminer applies the rotation,
    and camelot's table boxes land in the same (displayed) coordinates."""
    if backend is PdfBackend.CAMELOT:
        pytest.importorskip("camelot")
    s = Sheet(LANDSCAPE)
    s.c.saveState()
    s.c.translate(842, 0)
    s.c.rotate(90)
    s.h = 842.0  # draw in the displayed portrait frame
    s.text(72, 150, "三、收到和处理政府信息公开申请情况")
    simple_table(s, top=200)
    s.c.restoreState()
    s.page(rotate=90)
    doc = read(s.bytes(), pdf_backend=backend)
    assert texts(doc) == ["三、收到和处理政府信息公开申请情况"]
    assert doc.grids[0].texts() == [["申请人情况", "自然人"], ["本年", "上年"], ["本年新收", "12345", "678"]]


@needs("cjk-font")
def test_sideways_page_without_rotate_is_read_in_its_text_direction():
    """A landscape page printed turned on a portrait page, no /Rotate: the text
    runs down the page, so the page is read in that frame, table and all."""
    s = Sheet(A4)
    s.c.saveState()
    s.c.translate(0, 842)
    s.c.rotate(-90)       # the landscape frame's top edge is the page's right edge
    s.h = 595.0
    s.text(72, 60, "三、收到和处理政府信息公开申请情况")
    s.text(72, 80, "（一）第二行文字。")
    simple_table(s, top=120)
    s.c.restoreState()
    s.page()
    doc = read(s.bytes())
    assert texts(doc) == ["三、收到和处理政府信息公开申请情况", "（一）第二行文字。"]
    assert doc.grids[0].rows == [
        [RawCell("申请人情况", rowspan=2), RawCell("自然人", colspan=2)],
        [RawCell("本年"), RawCell("上年")],
        [RawCell("本年新收"), RawCell("12345"), RawCell("678")],
    ]


# ----------------------------------------------------------------- fonts ---


def test_gbk_euc_h_font_without_tounicode_still_reads_as_chinese():
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import CIDFont

    font = CIDFont("STSong-Light", "GBK-EUC-H")
    pdfmetrics.registerFont(font)
    s = Sheet()
    s.text(72, 100, "政府信息公开工作年度报告".encode("gbk").decode("latin-1"), font=font.fontName)
    s.page()
    data = s.bytes()
    assert b"ToUnicode" not in data and b"GBK-EUC-H" in data
    doc = read(data)
    assert texts(doc) == ["政府信息公开工作年度报告"]
    assert not doc.warnings


def test_corpus_gbk_file_reads_as_chinese():
    path = CORPUS / "pdf" / "gbk_euc_h_no_tounicode.pdf"
    if not path.exists():
        pytest.skip("corpus file not generated yet")
    doc = read(path.read_bytes())
    text = all_text(doc)
    assert "信息公开" in text and "(cid:" not in text
    assert not any(w.code is WarningCode.REPLACEMENT_CHARACTERS for w in doc.warnings)


def test_unmapped_glyphs_are_stripped_and_reported():
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = need("wqy-zenhei")  # a TrueType CJK font to embed
    pdfmetrics.registerFont(TTFont("WQY", str(path), subfontIndex=0))
    s = Sheet()
    s.text(72, 100, "abc 政府", font="WQY")
    s.page()
    s.text(72, 100, "第二页 ok", font=FONT)
    s.page()
    # Rename the font's ToUnicode key (same length: offsets stay valid): pdfminer sees raw CIDs.
    data = s.bytes().replace(b"/ToUnicode", b"/ToUnicodX")
    doc = read(data)
    assert "(cid:" not in all_text(doc)
    assert texts(doc)[0] == "abc"
    [warning] = [w for w in doc.warnings if w.code is WarningCode.REPLACEMENT_CHARACTERS]
    assert "page 1 " in warning.message


def test_replacement_character_is_kept_and_reported(monkeypatch):
    from giaparse.readers.pdf import reader as pdf_module

    real = pdf_module.chars_to_glyphs

    def with_fffd(chars, frame, width, height):
        glyphs = real(chars, frame, width, height)
        g = glyphs[-1]
        return glyphs + [Glyph("\ufffd", g.x1, g.top, g.x1 + (g.x1 - g.x0), g.bottom, 0)]

    monkeypatch.setattr(pdf_module, "chars_to_glyphs", with_fffd)
    s = Sheet()
    s.text(72, 100, "政府")
    s.page()
    doc = read(s.bytes())
    assert texts(doc) == ["政府\ufffd"]
    assert [w.code for w in doc.warnings] == [WarningCode.REPLACEMENT_CHARACTERS]


# ---------------------------------------------------------------- errors ---


def image_pdf(tmp_path: Path) -> bytes:
    pytest.importorskip("pdfplumber")
    Image = pytest.importorskip("PIL.Image")
    path = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(path, "PDF")
    return path.read_bytes()


def test_image_only_pdf_needs_ocr(tmp_path, monkeypatch):
    from giaparse.readers.ocr import engine

    monkeypatch.setattr(engine, "available", lambda: False)  # with the extra, tests/test_ocr.py
    with pytest.raises(NoTextLayer, match=r'no text layer; OCR required.*giaparse\[ocr\]'):
        read(image_pdf(tmp_path))


def test_some_pages_without_text_are_reported(tmp_path):
    Image = pytest.importorskip("PIL.Image")
    from reportlab.lib.utils import ImageReader

    s = Sheet()
    s.text(72, 100, "第一页有文字。")
    s.page()
    s.c.drawImage(ImageReader(Image.new("RGB", (50, 50), "gray")), 72, 500, 200, 200)
    s.page()
    s.page()  # a blank page: not a scan, not reported
    doc = read(s.bytes())
    [warning] = doc.warnings
    assert warning.code is WarningCode.PAGES_WITHOUT_TEXT
    assert "page 2 has no text layer (scanned?)" in warning.message


def test_encrypted_and_damaged_pdfs_are_input_errors():
    pytest.importorskip("reportlab")
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption("user", "owner"))
    c.drawString(72, 700, "secret")
    c.showPage()
    c.save()
    with pytest.raises(EncryptedPdf, match="encrypted"):
        read(buf.getvalue())
    with pytest.raises(DamagedPdf, match="damaged"):
        read(b"%PDF-1.4\nnot really a pdf\n")
    with pytest.raises(InputError):
        read(buf.getvalue()[:400])


def test_missing_pdfplumber_is_a_missing_dependency(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(MissingDependency, match=r"giaparse\[pdf\]") as info:
        read(b"%PDF-1.4\n")
    assert info.value.package == "pdfplumber"


def test_missing_camelot_is_a_missing_dependency(monkeypatch):
    monkeypatch.setitem(sys.modules, "camelot", None)
    with pytest.raises(MissingDependency, match=r"giaparse\[camelot\]") as info:
        read(b"%PDF-1.4\n", pdf_backend=PdfBackend.CAMELOT)
    assert info.value.package == "camelot-py"
    assert info.value.feature == "the camelot PDF backend"


@pytest.mark.parametrize("engine", list(PdfEngine))
def test_a_page_the_engine_cannot_read_is_reported_not_raised(monkeypatch, engine):
    if engine is PdfEngine.PDFMINER:
        import pdfplumber.page

        real = pdfplumber.page.Page.chars

        def chars(page):
            if page.page_number == 2:
                raise KeyError("broken content stream")
            return real.fget(page)

        monkeypatch.setattr(pdfplumber.page.Page, "chars", property(chars))
    else:
        from giaparse.readers.pdf.engine_pdfium import PdfiumDocument

        real_page = PdfiumDocument._page

        def page(self, index):
            if index == 1:
                raise KeyError("broken content stream")
            return real_page(self, index)

        monkeypatch.setattr(PdfiumDocument, "_page", page)
    s = Sheet()
    s.text(72, 100, "第一页。")
    s.page()
    s.text(72, 100, "第二页。")
    s.page()
    doc = read(s.bytes(), pdf_engine=engine)
    assert texts(doc) == ["第一页。"]
    [warning] = doc.warnings
    assert warning.code is WarningCode.PAGES_UNREADABLE and "page 2 could not be read" in warning.message


# --------------------------------------------------------------- camelot ---


def test_camelot_backend_gives_the_same_grid_as_the_default():
    pytest.importorskip("camelot")
    s = Sheet()
    s.text(72, 250, "三、收到和处理政府信息公开申请情况")
    simple_table(s)
    s.text(72, 400, "四、政府信息公开行政复议、行政诉讼情况")
    s.page()
    data = s.bytes()
    default, cam = read(data), read(data, pdf_backend=PdfBackend.CAMELOT)
    shape = lambda g: [[(c.rowspan, c.colspan) for c in row] for row in g.rows]  # noqa: E731
    assert [shape(g) for g in cam.grids] == [shape(g) for g in default.grids]
    [grid] = cam.grids
    assert [[c.text.strip() for c in row] for row in grid.rows] == default.grids[0].texts()
    assert texts(cam) == texts(default)


def test_camelot_failure_is_an_input_error(monkeypatch):
    camelot = pytest.importorskip("camelot")

    def broken(*args, **kwargs):
        raise RuntimeError("pdfium says no")

    monkeypatch.setattr(camelot, "read_pdf", broken)
    s = Sheet()
    simple_table(s)
    s.page()
    with pytest.raises(DamagedPdf, match="camelot cannot read the PDF"):
        read(s.bytes(), pdf_backend=PdfBackend.CAMELOT)


# ---------------------------------------------------------- grid building ---


def test_cells_to_grid_clusters_edges_and_derives_spans():
    boxes = [(0, 0, 10, 20), (10, 0, 30, 10), (10.5, 10, 20, 20), (20, 10.4, 30, 20)]
    table = cells_to_grid(boxes)
    assert len(table.xs) == 4 and len(table.ys) == 3
    spans = [(c.row, c.col, c.end_row - c.row, c.end_col - c.col) for c in table.cells]
    assert spans == [(0, 0, 2, 1), (0, 1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1)]


def test_holes_in_the_ruling_become_empty_cells_so_nothing_shifts_left():
    table = cells_to_grid([(0, 0, 10, 10), (10, 0, 20, 10), (20, 0, 30, 10), (0, 10, 10, 20), (20, 10, 30, 20)])
    cells = fill_holes(table.cells, 2, 3)
    assert [[(c.text, c.colspan) for c in row] for row in grid_to_rows(cells, 2)] == [
        [("", 1), ("", 1), ("", 1)], [("", 1), ("", 1), ("", 1)]]


def test_line_text_spaces_only_latin_runs():
    def g(ch, x0, w=10.0):
        return Glyph(ch, x0, 0, x0 + w, 10, 0)
    row = [g("年", 0), g("度", 14), g("A", 30, 6), g("B", 36, 6), g("C", 46, 6)]
    assert line_text(row) == "年度AB C"
    assert cell_text([g("商", 0), Glyph("业", 0, 12, 10, 22, 0)]) == ("商\n业", False)


# ---------------------------------------------------------------- corpus ---

CORPUS_PDFS = sorted((CORPUS / "pdf").glob("*.pdf")) if (CORPUS / "pdf").exists() else []


@pytest.mark.skipif(not CORPUS_PDFS, reason="corpus/pdf not generated yet")
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_corpus_pdfs_read_cleanly(path: Path, monkeypatch):
    from giaparse.readers.ocr import engine

    monkeypatch.setattr(engine, "available", lambda: False)  # the text layer only; OCR in tests/test_ocr.py
    try:
        doc = read(path.read_bytes())
    except NoTextLayer:
        assert "scan" in path.name or "image" in path.name
        return
    text = all_text(doc)
    assert "(cid:" not in text
    import regex
    assert not regex.search(r"\p{Han} \p{Han}", "\n".join(texts(doc))), "space between CJK characters"
    assert not regex.search(r"^[-—–\s]*\d+[-—–\s]*$", "\n".join(texts(doc)), regex.M), "page number left"


def corpus_pdf(name: str) -> Path:
    pytest.importorskip("pdfplumber")
    path = CORPUS / "pdf" / name
    if not path.exists():
        pytest.skip(f"corpus/pdf/{name} not generated yet")
    return path


def test_cairo_rewrite_with_stroked_bold_gives_the_same_grids_as_libreoffice():
    lo = read(corpus_pdf("docx_2019_hard_cases.wqy.pdf").read_bytes())
    cairo = read(corpus_pdf("docx_2019_hard_cases.wqy-cairo.pdf").read_bytes())
    assert [g.rows for g in cairo.grids] == [g.rows for g in lo.grids]


def test_corpus_vertical_headers_and_continued_table_3():
    doc = read(corpus_pdf("docx_2019_textdirection.wqy.pdf").read_bytes())
    requests = next(g for g in doc.grids if "申请人情况" in all_text_of(g))
    assert [c.text for c in requests.rows[2]] == ["商\n业\n企\n业", "科\n研\n机\n构", "社\n会\n公\n益\n组\n织",
                                                 "法\n律\n服\n务\n机\n构", "其\n他"]
    doc = read(corpus_pdf("docx_2019_hard_cases.noto.pdf").read_bytes())
    fragments = [g for g in doc.grids if "申请人情况" in all_text_of(g)]
    assert [g.origin for g in fragments] == ["page 4, table 1", "page 5, table 1"]
    assert [g.texts()[:3] for g in fragments][0] == [g.texts()[:3] for g in fragments][1]  # header repeated


def all_text_of(grid) -> str:
    return "".join(c.text for row in grid.rows for c in row)
