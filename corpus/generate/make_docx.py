#!/usr/bin/env python3
"""Write the generated Word documents of corpus/docx/ and their label files.

Run from the repository root (or anywhere) with the project's venv::

    .venv/bin/python corpus/generate/make_docx.py

Each document is a 政府信息公开工作年度报告 laid out the way offices lay them
out in Word (公文 page: A4, margins 3.7/3.5/2.8/2.6 cm, body 仿宋_GB2312 三号
with a fixed 28 pt line pitch, part headings 黑体, sub-headings 楷体_GB2312,
title 方正小标宋简体 二号, tables 宋体 五号/小五, page number "— N —" in the
footer).  The report data (numbers and prose) come from the generator of the
HTML corpus, ``make_html.py``, which is imported, not changed: its table
structures (``proactive_blocks``, ``requests_rows``, ``review_rows`` -- the
real merged-cell layout of the State Council templates), its seeded number
generators and its prose (``report_blocks``).  The label file
``<stem>.label.json`` is written from the very data the tables were rendered
from.

Merged cells are real Word merges (python-docx ``_Cell.merge``: ``w:gridSpan``
for column spans, ``w:vMerge w:val="restart"`` / ``w:vMerge`` for row spans);
``check_table`` rebuilds the logical grid from the written XML and compares it
with the intended one.  East Asian fonts are set with ``w:rFonts
w:eastAsia=...`` (plus ``w:hint="eastAsia"``) on every run and in the
document defaults.

Output is deterministic: fixed core properties, and the package is re-zipped
with sorted members and a fixed 1980-01-01 timestamp, so the bytes are the
same on every run.

Layout details common to all four: part headings and sub-headings are "keep
with next"; table 4 is kept on one page the way Word users do it (every row
``w:cantSplit`` and every paragraph but the last row's ``w:keepNext``);
table 3's rows may split across pages (Word's default).

The documents and the hard case each one holds:

1. ``docx_2019_textdirection.docx`` -- 2019 template, 凤栖县人民政府, 2019.
   Table 3's narrow header cells (自然人, 商业企业, 科研机构, 社会公益组织,
   法律服务机构, 其他, 总计) are 竖排: ``<w:textDirection w:val="tbRl"/>`` in
   the cell's ``w:tcPr`` (what Word writes for 文字方向 → 垂直; CJK glyphs
   stay upright and stack top to bottom), the text itself written normally
   (``商业企业`` in one run).  Title on one line, wrapped by the layout.
   Heading 三 has ``w:pageBreakBefore``, so table 3 starts a page.

2. ``docx_2021_one_char_per_line.docx`` -- 2021 template, 鹤鸣市交通运输局,
   2022.  The same header cells written one character per line, two ways:
   one paragraph per character (商业企业, 社会公益组织, 其他, 总计) and one
   paragraph with ``<w:br/>`` between the characters (科研机构, 法律服务机构,
   自然人).  Long row labels broken with ``<w:br/>``.  Title broken with
   ``<w:br/>`` after the organ name.  Heading 三 has ``w:pageBreakBefore``.

3. ``docx_2021_autonumber.docx`` -- 2021 template, 柳塘区人民政府, 2023.  The
   part headings 一、…六、 are Word auto-numbering: an abstractNum with
   ``numFmt chineseCounting`` and ``lvlText "%1、"`` (suffix nothing) applied
   through ``w:numPr`` -- the heading text itself does NOT contain 一、.  The
   sub-headings （一）…（五） likewise (second abstractNum, ``lvlText
   "（%1）"``, Word's default tab suffix after the number, so a tab gap
   follows "（一）").  Empty paragraphs between parts, a manual page break
   (``<w:br w:type="page"/>`` in its own paragraph) before part 三.  Nested
   table: the closing block (落款 organ and date) sits in a borderless 1×1
   layout table aligned right, and inside that cell a small bordered 2×2
   contact table (联系电话 / 通讯地址 with their values) -- the way offices
   right-align the signature and add contact details below it.  Title in two
   paragraphs (organ / "2023年政府信息公开工作年度报告").

4. ``docx_2019_hard_cases.docx`` -- 2019 template, 石湾市人力资源和社会保障局,
   2020.  Three extra paragraphs under heading 三 push table 3 down so that
   it breaks across pages 4/5; its first three rows (the header) carry
   ``<w:tblHeader/>`` so the header repeats on page 5; rows may split across
   the page (in the Noto print the row 2.没有现成信息需要另行制作 does).
   Table 4 (with heading 四) is in its own landscape section (section breaks
   before and after, ``w:orient="landscape"``, page size swapped).  Long row
   labels carry line breaks inside the cell (``5.要求行政机关确认或重新<w:br/>
   出具已获取信息`` and the other labels ``make_html.BREAKS`` breaks).
   Arithmetic wrong on purpose: table 3's （七）总计 for 自然人 is one more than
   the sum of its result rows (the 总计 column was computed from the true
   numbers, so requests.total_is_sum and requests.balance fail for
   natural_person and requests.row_total fails for the total row), and table
   4's 未经复议直接起诉 总计 is one less than the sum of its four results.  The
   labels carry the numbers as written.

All labels list every cell of every table; ``absent_tables`` and
``expect_warnings`` are empty.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

sys.dont_write_bytecode = True  # no __pycache__ in corpus/generate
sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_html as H  # noqa: E402  (report data, prose and table structures)

OUT_DIR = Path(__file__).resolve().parent.parent / "docx"
LABELLED_BY = "generating data, corpus/generate/make_docx.py"

LATIN = "Times New Roman"
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------------
# low-level formatting
# ---------------------------------------------------------------------------

def set_fonts(rpr_owner_run, east, latin=LATIN):
    """Latin and East Asian font names on a run, the way Word writes them."""
    rpr = rpr_owner_run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:hint"), "eastAsia")


def add_run(par, text, east, size, bold=False):
    run = par.add_run(text)
    set_fonts(run, east)
    run.font.size = Pt(size)
    if bold:
        run.bold = True
    return run


def fmt_par(par, align=None, first_chars=0, size=16, line_exact=None, before=0, after=0):
    pf = par.paragraph_format
    if align is not None:
        par.alignment = align
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if line_exact:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_exact)
    if first_chars:
        pf.first_line_indent = Pt(size * first_chars)
        # Word also records the indent in hundredths of a character
        ind = par._p.get_or_add_pPr().find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), str(first_chars * 100))
    return par


def body_par(container, text, east=FANGSONG, size=16, bold=False, first_chars=2,
             align=WD_ALIGN_PARAGRAPH.JUSTIFY, line_exact=28):
    par = container.add_paragraph()
    fmt_par(par, align=align, first_chars=first_chars, size=size, line_exact=line_exact)
    if text:
        add_run(par, text, east, size, bold)
    return par


def add_page_break(container):
    par = container.add_paragraph()
    run = par.add_run()
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    run._r.append(br)
    return par


def add_page_number_footer(section):
    footer = section.footer
    par = footer.paragraphs[0]
    fmt_par(par, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_run(par, "— ", SONGTI, 14)
    run = add_run(par, "", SONGTI, 14)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    add_run(par, " —", SONGTI, 14)


def setup_page(section, landscape=False):
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(2.8), Cm(2.6)
        section.left_margin, section.right_margin = Cm(3.7), Cm(3.5)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance = Cm(1.5)
    section.footer_distance = Cm(2.5)


def new_document(core):
    doc = Document()
    # document defaults: Chinese Word defaults (宋体 五号, single spacing, no space after)
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    rfonts.set(qn("w:ascii"), LATIN)
    rfonts.set(qn("w:eastAsia"), SONGTI)
    rfonts.set(qn("w:hAnsi"), LATIN)
    rfonts.set(qn("w:cs"), LATIN)
    rpr.find(qn("w:sz")).set(qn("w:val"), "21")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "21")
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.paragraph_format.widow_control = True
    setup_page(doc.sections[0])
    cp = doc.core_properties
    cp.author = core["author"]
    cp.last_modified_by = core["modified_by"]
    cp.title = core.get("title", "")
    cp.comments = ""
    cp.created = core["created"]
    cp.modified = core["modified"]
    cp.last_printed = core["printed"]
    cp.revision = core["revision"]
    return doc


def save_deterministic(doc, path):
    """Save, then rewrite the zip with sorted members and a fixed timestamp."""
    raw = io.BytesIO()
    doc.save(raw)
    src = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            data = src.read(name)
            if name == "docProps/thumbnail.jpeg":
                continue  # python-docx's template thumbnail: a picture of some other document
            if name == "_rels/.rels":
                data = re.sub(rb'<Relationship [^>]*Target="docProps/thumbnail.jpeg"/>', b"", data)
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, data)
    data = out.getvalue()
    Path(path).write_bytes(data)
    return len(data)


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------

layout = H.layout  # one walk over spans, shared with the page-split generator


def set_cell_text(cell, text, *, size=10.5, east=SONGTI, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER,
                  mode="br"):
    """Write text into a (fresh) cell.

    "\\n" in the text is a line break: mode "br" -> one paragraph with <w:br/>,
    mode "para" -> one paragraph per line.
    """
    lines = text.split("\n") if text else [""]
    pars = [cell.paragraphs[0]]
    if mode == "para":
        for _ in lines[1:]:
            pars.append(cell.add_paragraph())
    for i, par in enumerate(pars):
        fmt_par(par, align=align)
    if mode == "para":
        for par, line in zip(pars, lines, strict=False):
            if line:
                add_run(par, line, east, size, bold)
    else:
        par = pars[0]
        for i, line in enumerate(lines):
            run = add_run(par, line, east, size, bold)
            if i < len(lines) - 1:
                run.add_break()


def set_text_direction(cell, value):
    tcpr = cell._tc.get_or_add_tcPr()
    td = OxmlElement("w:textDirection")
    td.set(qn("w:val"), value)
    # schema order in tcPr: ... shd, noWrap, tcMar, textDirection, tcFitText, vAlign, hideMark
    valign = tcpr.find(qn("w:vAlign"))
    if valign is not None:
        valign.addprevious(td)
    else:
        tcpr.append(td)


def build_table(container, rows, widths_cm, fill, *, row_heights=None, header_rows=0, borders=True,
                keep_together=False):
    """A Word table with real merges for the grid of make_html.Cell rows.

    fill(cell, Cell, r, c) writes the anchor cell's content.
    """
    width = H.grid_width(rows)
    assert len(widths_cm) == width, (len(widths_cm), width)
    table = container.add_table(rows=len(rows), cols=width)
    if borders:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, w in enumerate(widths_cm):
        table.columns[i].width = Cm(w)
        for cell in table.columns[i].cells:
            cell.width = Cm(w)
    placed = layout(rows)
    for r, c, cell in placed:
        if cell.rs > 1 or cell.cs > 1:
            table.cell(r, c).merge(table.cell(r + cell.rs - 1, c + cell.cs - 1))
    for r, c, cell in placed:
        dcell = table.cell(r, c)
        dcell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        fill(dcell, cell, r, c)
    for r, h in (row_heights or {}).items():
        table.rows[r].height = Cm(h)
        table.rows[r].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for r in range(header_rows):
        trpr = table.rows[r]._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:tblHeader"))
    if keep_together:
        # what Word users do to keep a small table on one page: rows may not split,
        # and every paragraph but the last row's is "keep with next"
        for r, row in enumerate(table.rows):
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            if r < len(table.rows) - 1:
                for tc in row._tr.findall(qn("w:tc")):
                    for p in tc.findall(qn("w:p")):
                        ppr = p.get_or_add_pPr()
                        ppr.insert_element_before(OxmlElement("w:keepNext"), *KEEPNEXT_SUCCESSORS)
    check_table(table, rows)
    return table


KEEPNEXT_SUCCESSORS = (
    "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr", "w:suppressLineNumbers",
    "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange")


def check_table(table, rows):
    """Rebuild the logical grid from the XML; compare spans with the intended cells."""
    tbl = table._tbl
    anchors = {}
    open_v = {}
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        c = 0
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span = 1
            vm = None
            if tcpr is not None:
                gs = tcpr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = int(gs.get(qn("w:val")))
                v = tcpr.find(qn("w:vMerge"))
                if v is not None:
                    vm = v.get(qn("w:val")) or "continue"
            if vm == "continue":
                ar, ac = open_v[c]
                rs, cs = anchors[(ar, ac)]
                assert cs == span, ("span mismatch", r, c)
                anchors[(ar, ac)] = (rs + 1, cs)
            else:
                anchors[(r, c)] = (1, span)
                if vm == "restart":
                    open_v[c] = (r, c)
            c += span
    want = {(r, c): (cell.rs, cell.cs) for r, c, cell in layout(rows)}
    assert anchors == want, "merged grid differs from the intended one"


def value_cell_font(dcell, cell):
    set_cell_text(dcell, cell.text, size=10.5, east=SONGTI)


def default_fill(label_size=10.5, head_bold=True, vertical=None, per_char=None):
    """A fill function: labels left-ish, heads bold, optional 竖排 / per-char heads."""
    vertical = vertical or {}
    per_char = per_char or {}

    def fill(dcell, cell, r, c):
        text = cell.text
        if cell.kind == "value":
            set_cell_text(dcell, text, size=10.5)
            return
        bold = head_bold and cell.kind in ("head", "title")
        if text in vertical:
            set_text_direction(dcell, vertical[text])
            set_cell_text(dcell, text, size=label_size, bold=bold)
            return
        if text in per_char:
            set_cell_text(dcell, "\n".join(text), size=label_size, bold=bold, mode=per_char[text])
            return
        if cell.kind == "corner":
            set_cell_text(dcell, text, size=9, align=WD_ALIGN_PARAGRAPH.LEFT)
            return
        align = WD_ALIGN_PARAGRAPH.LEFT if cell.kind == "label" else WD_ALIGN_PARAGRAPH.CENTER
        if cell.kind == "label" and text.startswith(("三、本年度", "（三）", "（四）", "（五）")) \
                and cell.rs > 1:
            align = WD_ALIGN_PARAGRAPH.CENTER
        set_cell_text(dcell, text, size=label_size, bold=bold, align=align)

    return fill


# table-3 column widths (cm): 3 label columns, 7 number columns
def t3_widths(total=15.6, label=(1.3, 1.9, 4.3)):
    rest = (total - sum(label)) / 7
    return list(label) + [round(rest, 3)] * 7


T2_WIDTHS = [4.8, 3.6, 3.6, 3.6]


def t4_widths(total):
    return [round(total / 15, 3)] * 15


# ---------------------------------------------------------------------------
# numbering (document 3)
# ---------------------------------------------------------------------------

def add_chinese_numbering(doc, abstract_id, num_id, lvl_text, suffix, east, size, ind_first):
    """A single-level chineseCounting list; returns its numId."""
    numbering = doc.part.numbering_part.element
    suff = f'<w:suff w:val="{suffix}"/>' if suffix else ""
    abstract = parse_xml(
        '<w:abstractNum %s w:abstractNumId="%d">'
        '<w:nsid w:val="%08X"/>'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:tmpl w:val="%08X"/>'
        '<w:lvl w:ilvl="0">'
        '<w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/>'
        '%s'
        '<w:lvlText w:val="%s"/>'
        '<w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="%d"/></w:pPr>'
        '<w:rPr><w:rFonts w:hint="eastAsia" w:eastAsia="%s"/><w:sz w:val="%d"/></w:rPr>'
        '</w:lvl></w:abstractNum>'
        % (nsdecls("w"), abstract_id, 0x3A1C0000 + abstract_id, 0x0E2A0000 + abstract_id, suff,
           lvl_text, ind_first, east, size * 2))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = parse_xml('<w:num %s w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>'
                    % (nsdecls("w"), num_id, abstract_id))
    numbering.append(num)
    return num_id


def set_numpr(par, num_id, ilvl=0):
    ppr = par._p.get_or_add_pPr()
    numpr = parse_xml('<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>'
                      % (nsdecls("w"), ilvl, num_id))
    # numPr goes after pStyle/keepNext/keepLines/pageBreakBefore/framePr/widowControl
    anchor = None
    for tag in ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl"):
        el = ppr.find(qn(tag))
        if el is not None:
            anchor = el
    if anchor is not None:
        anchor.addnext(numpr)
    else:
        ppr.insert(0, numpr)


# ---------------------------------------------------------------------------
# the report body
# ---------------------------------------------------------------------------

def write_label(stem, template, year, organ, data, ext=".docx"):
    label = H.doc_label(template, year, organ, data)
    ordered = {"source": stem + ext, "labelled_by": LABELLED_BY, "document": label["document"],
               "tables": label["tables"], "absent_tables": [], "expect_warnings": []}
    (OUT_DIR / (stem + ".label.json")).write_text(
        json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def title_pars(doc, lines, east=XIAOBIAOSONG, mode="pars", bold=False):
    if mode == "br":
        par = doc.add_paragraph()
        fmt_par(par, align=WD_ALIGN_PARAGRAPH.CENTER, line_exact=36)
        for i, line in enumerate(lines):
            run = add_run(par, line, east, 22, bold)
            if i < len(lines) - 1:
                run.add_break()
    else:
        for line in lines:
            par = doc.add_paragraph()
            fmt_par(par, align=WD_ALIGN_PARAGRAPH.CENTER, line_exact=36)
            add_run(par, line, east, 22, bold)
    doc.add_paragraph()  # the empty line under the title


def signature(container, organ, date_text, right_chars=4):
    for text in (organ, date_text):
        par = container.add_paragraph()
        fmt_par(par, align=WD_ALIGN_PARAGRAPH.RIGHT, line_exact=28)
        par.paragraph_format.right_indent = Pt(16 * right_chars)
        add_run(par, text, FANGSONG, 16)


def render_report(doc, blocks, tables, *, heading=None, subheading=None, between_parts=None):
    """blocks -> paragraphs and tables.  tables: {'t2': fn, 't3': fn, 't4': fn}."""
    first_part = True
    for b in blocks:
        kind = b[0]
        if kind == "p":
            body_par(doc, b[1])
        elif kind == "h":
            if between_parts and not first_part:
                between_parts(doc, b[1])
            first_part = False
            if heading:
                heading(doc, b[1])
            else:
                body_par(doc, b[1], east=HEITI)
            doc.paragraphs[-1].paragraph_format.keep_with_next = True
        elif kind == "h2":
            if subheading:
                subheading(doc, b[1])
            else:
                body_par(doc, b[1], east=KAITI)
            doc.paragraphs[-1].paragraph_format.keep_with_next = True
        else:
            tables[kind](doc)


def base_data(rng, template, level, scale, busy, fee=None):
    if template == "2019":
        pro = H.gen_proactive_2019(rng, level)
    else:
        pro = H.gen_proactive_2021(rng, level, fee)
    return {"proactive": pro,
            "requests": H.cells_of(H.gen_requests_numbers(rng, template, scale)),
            "review": H.gen_review(rng, busy)}


def t2_table(doc, template, data, breaks=False, label_size=10.5):
    rows = [r for blk in H.proactive_blocks(template, data["proactive"], breaks=breaks) for r in blk]
    return build_table(doc, rows, T2_WIDTHS, default_fill(label_size=label_size))


def t4_table(doc, data, widths, breaks=False, label_size=10.5):
    rows = H.review_rows(data["review"], breaks=breaks)
    return build_table(doc, rows, widths, default_fill(label_size=label_size), keep_together=True)


# ---------------------------------------------------------------------------
# document 1: 2019 template, vertical header text (w:textDirection)
# ---------------------------------------------------------------------------


def report_document(data, when, fillers=None):
    """A generated report (``reportdata.ReportData``) as a Word document with the template's merged
    cells: the six part headings, tables 2-4, and in 一、总体情况 ``fillers`` numbered sentences
    (None: one plain sentence). The one builder of the converter, page-split and national-year
    generators, which differ only in that filler (it moves where the page breaks fall)."""
    doc = new_document(dict(author="gk", modified_by="gk", created=when, modified=when, printed=when, revision=1))
    title_pars(doc, [data.organ, f"{data.year}年政府信息公开工作年度报告"], bold=True)
    body_par(doc, "一、总体情况", east=HEITI)
    if fillers is None:
        body_par(doc, "本机关坚持以公开为常态、不公开为例外，进一步规范依申请公开办理流程。")
    for k in range(fillers or 0):
        body_par(doc, f"本机关坚持以公开为常态、不公开为例外，第{k + 1}项工作进一步规范依申请公开办理流程。")
    body_par(doc, "二、主动公开政府信息情况", east=HEITI)
    t2_table(doc, data.edition, {"proactive": data.proactive})
    body_par(doc, "三、收到和处理政府信息公开申请情况", east=HEITI)
    build_table(doc, H.requests_rows(data.edition, data.requests), t3_widths(), default_fill(label_size=9))
    body_par(doc, "四、政府信息公开行政复议、行政诉讼情况", east=HEITI)
    t4_table(doc, {"review": data.review}, t4_widths(15.6))
    for head in ("五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        body_par(doc, head, east=HEITI)
        body_par(doc, "无。")
    return doc

def doc1():
    stem = "docx_2019_textdirection"
    rng = random.Random(20200201)
    organ, year, template = "凤栖县人民政府", 2019, "2019"
    data = base_data(rng, template, "county", 35, 3)
    ctx = dict(year=year, short="凤栖县人民政府", site="凤栖县人民政府门户网站", url="www.fengqi.gov.cn",
               office="凤栖县人民政府办公室", addr="凤栖县凤城镇解放路2号", zip="427100", tel="0744-3221001")
    blocks = H.report_blocks(ctx, data, rng, template)
    doc = new_document(dict(author="Administrator", modified_by="县政府办公室", created=dt.datetime(2020, 1, 8, 9, 12),
                            modified=dt.datetime(2020, 1, 16, 17, 40), printed=dt.datetime(2020, 1, 16, 17, 42),
                            revision=7))
    add_page_number_footer(doc.sections[0])
    title_pars(doc, [organ + "2019年政府信息公开工作年度报告"], bold=True)

    vertical = {t: "tbRl" for t in H.LEAF_HEADERS + ["自然人", "总计"]}

    def t3(d):
        rows = H.requests_rows(template, data["requests"])
        build_table(d, rows, t3_widths(), default_fill(label_size=9, vertical=vertical),
                    row_heights={2: 2.6})

    def heading(d, text):
        par = body_par(d, text, east=HEITI)
        if text.startswith("三、"):
            par.paragraph_format.page_break_before = True  # table 3 starts on a new page

    render_report(doc, blocks, {
        "t2": lambda d: t2_table(d, template, data),
        "t3": t3,
        "t4": lambda d: t4_table(d, data, t4_widths(15.6), breaks=True, label_size=9),
    }, heading=heading)
    doc.add_paragraph()
    signature(doc, organ, "2020年1月16日")
    size = save_deterministic(doc, OUT_DIR / (stem + ".docx"))
    write_label(stem, template, year, organ, data)
    return stem, size


# ---------------------------------------------------------------------------
# document 2: 2021 template, one character per line in the header cells
# ---------------------------------------------------------------------------

def doc2():
    stem = "docx_2021_one_char_per_line"
    rng = random.Random(20230202)
    organ, year, template = "鹤鸣市交通运输局", 2022, "2021"
    fee = H.dec_text(Decimal(rng.randint(100, 50000)) / Decimal(100))
    data = base_data(rng, template, "dept", 22, 4, fee=fee)
    ctx = dict(year=year, short="市交通运输局", site="鹤鸣市交通运输局网站", url="jtj.heming.gov.cn",
               office="鹤鸣市交通运输局办公室", addr="鹤鸣市通达路158号", zip="453700", tel="0373-5120330")
    blocks = H.report_blocks(ctx, data, rng, template)
    doc = new_document(dict(author="jtj", modified_by="办公室", created=dt.datetime(2023, 1, 5, 10, 3),
                            modified=dt.datetime(2023, 1, 18, 11, 26), printed=dt.datetime(2023, 1, 18, 11, 30),
                            revision=12))
    add_page_number_footer(doc.sections[0])
    title_pars(doc, [organ, "2022年政府信息公开工作年度报告"], mode="br")

    per_char = {"商业企业": "para", "科研机构": "br", "社会公益组织": "para", "法律服务机构": "br",
                "其他": "para", "自然人": "br", "总计": "para"}

    def t3(d):
        rows = H.requests_rows(template, data["requests"], breaks=True)
        build_table(d, rows, t3_widths(label=(1.3, 1.9, 4.5)), default_fill(label_size=9, per_char=per_char))

    def heading(d, text):
        par = body_par(d, text, east=HEITI)
        if text.startswith("三、"):
            par.paragraph_format.page_break_before = True  # table 3 starts on a new page

    render_report(doc, blocks, {
        "t2": lambda d: t2_table(d, template, data, breaks=True),
        "t3": t3,
        "t4": lambda d: t4_table(d, data, t4_widths(15.6), label_size=9),
    }, heading=heading)
    doc.add_paragraph()
    signature(doc, organ, "2023年1月18日")
    size = save_deterministic(doc, OUT_DIR / (stem + ".docx"))
    write_label(stem, template, year, organ, data)
    return stem, size


# ---------------------------------------------------------------------------
# document 3: 2021 template, auto-numbered headings, page break, nested table
# ---------------------------------------------------------------------------

def strip_number(text):
    """'一、总体情况' -> '总体情况'; '（二）依申请公开' -> '依申请公开'."""
    if text.startswith("（"):
        return text[text.index("）") + 1:]
    return text[text.index("、") + 1:]


def doc3():
    stem = "docx_2021_autonumber"
    rng = random.Random(20240203)
    organ, year, template = "柳塘区人民政府", 2023, "2021"
    fee = H.dec_text(Decimal(rng.randint(1000, 300000)) / Decimal(100))
    data = base_data(rng, template, "county", 45, 5, fee=fee)
    ctx = dict(year=year, short="柳塘区人民政府", site="柳塘区人民政府网", url="www.liutang.gov.cn",
               office="柳塘区人民政府办公室", addr="柳塘区政通路9号", zip="341500", tel="0797-4456120")
    blocks = H.report_blocks(ctx, data, rng, template)
    doc = new_document(dict(author="lenovo", modified_by="区政府办", created=dt.datetime(2024, 1, 9, 15, 20),
                            modified=dt.datetime(2024, 1, 24, 16, 5), printed=dt.datetime(2024, 1, 24, 16, 8),
                            revision=21))
    add_page_number_footer(doc.sections[0])
    part_num = add_chinese_numbering(doc, 90, 101, "%1、", "nothing", HEITI, 16, 640)
    sub_num = add_chinese_numbering(doc, 91, 102, "（%1）", None, KAITI, 16, 640)
    title_pars(doc, [organ, "2023年政府信息公开工作年度报告"])

    def heading(d, text):
        par = body_par(d, strip_number(text), east=HEITI)
        set_numpr(par, part_num)

    def subheading(d, text):
        par = body_par(d, strip_number(text), east=KAITI)
        set_numpr(par, sub_num)

    def between(d, next_heading):
        if next_heading.startswith("三、"):
            add_page_break(d)
        else:
            d.add_paragraph()

    def t3(d):
        rows = H.requests_rows(template, data["requests"], breaks=True)
        build_table(d, rows, t3_widths(label=(1.3, 1.9, 4.5)), default_fill(label_size=9))

    render_report(doc, blocks, {
        "t2": lambda d: t2_table(d, template, data),
        "t3": t3,
        "t4": lambda d: t4_table(d, data, t4_widths(15.6), label_size=9),
    }, heading=heading, subheading=subheading, between_parts=between)
    doc.add_paragraph()

    # the closing block: borderless 1x1 layout table, signature + nested contact table
    box = doc.add_table(rows=1, cols=1)
    box.alignment = WD_TABLE_ALIGNMENT.RIGHT
    box.autofit = False
    box.columns[0].width = Cm(8.5)
    cell = box.cell(0, 0)
    cell.width = Cm(8.5)
    p0 = cell.paragraphs[0]
    fmt_par(p0, align=WD_ALIGN_PARAGRAPH.CENTER, line_exact=28)
    add_run(p0, organ, FANGSONG, 16)
    p1 = cell.add_paragraph()
    fmt_par(p1, align=WD_ALIGN_PARAGRAPH.CENTER, line_exact=28)
    add_run(p1, "2024年1月24日", FANGSONG, 16)
    contact = cell.add_table(rows=2, cols=2)
    contact.style = "Table Grid"
    contact.autofit = False
    for (r, c), text in {(0, 0): "联系电话", (0, 1): ctx["tel"], (1, 0): "通讯地址",
                         (1, 1): ctx["addr"]}.items():
        cc = contact.cell(r, c)
        cc.width = Cm(2.4 if c == 0 else 5.6)
        set_cell_text(cc, text, size=10.5, east=SONGTI,
                      align=WD_ALIGN_PARAGRAPH.CENTER if c == 0 else WD_ALIGN_PARAGRAPH.LEFT)
    contact.columns[0].width = Cm(2.4)
    contact.columns[1].width = Cm(5.6)
    cell.add_paragraph()  # Word requires a paragraph after a nested table
    size = save_deterministic(doc, OUT_DIR / (stem + ".docx"))
    write_label(stem, template, year, organ, data)
    return stem, size


# ---------------------------------------------------------------------------
# document 4: 2019 template, page break in table 3, landscape table 4, errors
# ---------------------------------------------------------------------------

EXTRA_REQUEST_PROSE = [
    "从申请内容看，申请事项主要集中在社会保险待遇核定、工伤认定、劳动保障监察、"
    "人才引进及职称评审等方面，涉及群众切身利益的申请占比较高。",
    "从申请方式看，通过政府网站在线申请的占大多数，其余为信函申请和当面申请。"
    "所有申请均在《条例》规定的期限内作出答复，未发生逾期答复情况。",
    "对申请内容不明确的，及时通过电话、补正告知书等方式与申请人沟通，一次性告知需要补正的事项和"
    "合理的补正期限；对不属于本机关公开范围的，告知申请人负责该政府信息公开的行政机关名称和联系方式。",
]


def doc4(extra=3):
    stem = "docx_2019_hard_cases"
    rng = random.Random(20210204)
    organ, year, template = "石湾市人力资源和社会保障局", 2020, "2019"
    pro = H.gen_proactive_2019(rng, "dept")
    numbers = H.gen_requests_numbers(rng, template, 60)
    req = H.cells_of(numbers)
    # error 1: the natural-person total is one more than its result rows add up to
    req["total"]["natural_person"] = H.N(numbers["total"]["natural_person"] + 1)
    review = H.gen_review(rng, 6)
    lit = review["litigation_direct"]
    true_total = sum(lit[k][1] for k in ("upheld", "corrected", "other", "pending"))
    assert true_total >= 1
    # error 2: table 4's 未经复议直接起诉 total is one less than its results add up to
    lit["total"] = H.N(true_total - 1)
    data = {"proactive": pro, "requests": req, "review": review}
    ctx = dict(year=year, short="市人力资源和社会保障局", site="石湾市人力资源和社会保障局网站",
               url="rsj.shiwan.gov.cn", office="石湾市人力资源和社会保障局办公室",
               addr="石湾市中山路301号", zip="528000", tel="0757-8233016")
    blocks = H.report_blocks(ctx, data, rng, template)
    doc = new_document(dict(author="rsj-bgs", modified_by="Windows 用户", created=dt.datetime(2021, 1, 11, 8, 47),
                            modified=dt.datetime(2021, 1, 27, 9, 15), printed=dt.datetime(2021, 1, 27, 9, 20),
                            revision=16))
    add_page_number_footer(doc.sections[0])
    title_pars(doc, [organ, "2020年政府信息公开工作年度报告"], bold=True)

    def t3(d):
        for t in EXTRA_REQUEST_PROSE[:extra]:
            body_par(d, t)
        rows = H.requests_rows(template, data["requests"], breaks=True)
        build_table(d, rows, t3_widths(label=(1.3, 2.0, 4.2)), default_fill(label_size=9), header_rows=3)

    def before_part(d, heading):
        if heading.startswith("四、"):
            # section break (next page): table 4 goes to its own landscape section
            sec = d.add_section(WD_SECTION.NEW_PAGE)
            setup_page(sec, landscape=True)
        elif heading.startswith("五、"):
            sec = d.add_section(WD_SECTION.NEW_PAGE)
            setup_page(sec, landscape=False)

    def t4(d):
        build_table(d, H.review_rows(data["review"]), t4_widths(22.5), default_fill(label_size=10.5))

    render_report(doc, blocks, {
        "t2": lambda d: t2_table(d, template, data, breaks=True),
        "t3": t3,
        "t4": t4,
    }, between_parts=before_part)
    doc.add_paragraph()
    signature(doc, organ, "2021年1月27日")
    size = save_deterministic(doc, OUT_DIR / (stem + ".docx"))
    write_label(stem, template, year, organ, data)
    return stem, size


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for fn in (doc1, doc2, doc3, doc4):
        stem, size = fn()
        if size >= 200_000:
            raise AssertionError("%s: %d bytes" % (stem, size))
        print("%-40s %7d bytes" % (stem + ".docx", size))


if __name__ == "__main__":
    main()
