#!/usr/bin/env python3
"""Write the PDF documents of corpus/pdf/ and their label files.

Run from the repository root (or anywhere) with the project's venv, after
``make_docx.py``::

    .venv/bin/python corpus/generate/make_pdf.py

Needs LibreOffice (``soffice``), poppler-utils (``pdffonts``, ``pdftoppm``,
``pdftocairo``), fonts-noto-cjk and fonts-wqy-zenhei.  Every output is
byte-for-byte the same on every run.

a. Every DOCX of corpus/docx/ printed to PDF by LibreOffice (7.4.7 here,
   throwaway profile in a temporary directory) under two font set-ups.  A
   font-variant copy of the DOCX is written into the temporary directory
   first: every CJK font name in a ``w:rFonts`` element (仿宋_GB2312, 黑体,
   楷体_GB2312, 方正小标宋简体, 宋体 -- in document.xml, styles.xml,
   numbering.xml, footer*.xml) becomes

   * ``<stem>.noto.pdf``: ``Noto Serif CJK SC`` (OpenType, CFF outlines),
   * ``<stem>.wqy.pdf``:  ``WenQuanYi Zen Hei Mono`` (TrueType, the Mono
     face of wqy-zenhei.ttc -- same CJK glyphs as "WenQuanYi Zen Hei"; the
     proportional face and the Sharp face have vertical metrics that make
     LibreOffice overprint every glyph of a 竖排 (tbRl) cell at ~0.3 pt
     spacing, the Mono face does not),

   so both PDFs come from the same content.  Latin text (digits) stays in
   Times New Roman, which LibreOffice replaces with Liberation Serif.  The
   label is the DOCX's label with ``source`` updated.

   pdffonts findings (checked by ``check_fonts`` on every run):

   * ``.noto.pdf``: NOT CIDFontType0.  LibreOffice 7.4 converts the CFF
     subset to ``Type 1`` fonts with a ``Builtin`` encoding, split into
     several 256-glyph fonts of the same face: ``XXXXXX+NotoSerifCJKjp-
     Regular-VKana`` (2 objects) and ``XXXXXX+NotoSerifCJKjp-Bold-VKana``,
     embedded subsets with ToUnicode.  The names say "jp" because the .ttc's
     shared CFF table carries the JP name; the glyphs are the SC ones.
   * ``.wqy.pdf``: NOT CIDFontType2 either.  LibreOffice 7.4 embeds
     TrueType as simple ``TrueType`` fonts (pdffonts says ``WinAnsi``; the
     codes are LibreOffice's own, one byte per glyph), split into
     256-glyph subsets: ``XXXXXX+WenQuanYiZenHeiMono`` (2-3 objects),
     embedded, with ToUnicode.
   * plus ``LiberationSerif`` (and ``-Bold``) ``TrueType`` / ``WinAnsi`` for
     digits and Latin text, in both.

   LibreOffice 7.4 never writes CID-keyed fonts.  To have one PDF whose CJK
   font is embedded the way Word/WPS embed SimSun, the WQY print of
   document 4 is also re-written by cairo (``pdftocairo -pdf``):
   ``docx_2019_hard_cases.wqy-cairo.pdf`` -- ``WenQuanYiZenHeiMono`` as
   ``CID TrueType`` / ``Identity-H`` (two subsets) with ToUnicode, plus one
   simple ``TrueType`` subset of the same face and Liberation Serif.  Its
   pdfplumber text equals the LibreOffice print's except that the footer
   reads "— 4 —" on one line.  (The same trick on the Noto print keeps Type 1
   fonts and shifts text, so it is not done.)

   LibreOffice writes /CreationDate, /ID and /DocChecksum from the clock;
   ``normalise_pdf`` replaces the date digits with the DOCX's modification
   date and the /ID and /DocChecksum with an MD5 of the rest of the file
   (same byte lengths, so the xref stays valid).

   Where table 3 of document 4 breaks (page 4 -> page 5, header rows
   repeated on page 5): in the Noto print the row 2.没有现成信息需要另行制作
   is itself split -- the first line of its label and all its numbers on
   page 4, the last character "作" on page 5; in the WQY prints the page
   breaks cleanly after 3.补正后申请内容仍不明确.

b. ``gbk_euc_h_no_tounicode.pdf``: a small 2021-template report (星河县市场
   监督管理局, 2024; 2 pages) drawn with reportlab in the non-embedded CID
   font ``STSong-Light`` with the ``GBK-EUC-H`` CMap: the text strings in
   the content streams are GBK bytes, and the font has NO /ToUnicode
   (checked: pdffonts ``CID Type 0  GBK-EUC-H  emb no  uni no``, and no
   ``/ToUnicode`` in the file).  Title, the six part headings with short
   text, tables 2, 3 and 4 as platypus Tables with GRID ruling and SPAN
   merges in the real template structure (table 3 kept on one page).
   reportlab's /W array for STSong-Light lacks the half-width CIDs that
   GBK-EUC-H uses for ASCII (814-907, 7716), so they are added (width 500);
   without that, digits are drawn 1 em wide.  pdfminer / pdfplumber read
   the Chinese back correctly (through its own GBK-EUC-H CMap and
   Adobe-GB1 CID-to-Unicode tables).  reportlab also declares an unused
   ``Helvetica`` (non-embedded Type 1) on each page.

c. ``scanned_no_text_layer.pdf``: page 4 of docx_2021_autonumber.wqy.pdf
   (tables 3 and 4) rendered with ``pdftoppm -r 60`` and wrapped into a PDF
   with Pillow: one grey JPEG image, no fonts, no text layer.  No label file
   (it is not readable; tests expect an error for it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
from PIL import Image

sys.dont_write_bytecode = True  # no __pycache__ in corpus/generate
sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_html as H  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOCX_DIR = ROOT / "docx"
OUT_DIR = ROOT / "pdf"

DOCX_STEMS = ["docx_2019_textdirection", "docx_2021_one_char_per_line", "docx_2021_autonumber",
              "docx_2019_hard_cases"]
VARIANTS = {"noto": "Noto Serif CJK SC", "wqy": "WenQuanYi Zen Hei Mono"}
# what pdffonts must show for the CJK fonts of each variant (name fragment, type)
EXPECTED_FONTS = {"noto": ("NotoSerifCJK", "Type 1"), "wqy": ("WenQuanYiZenHeiMono", "TrueType")}
MAX_BYTES = 500_000


# ---------------------------------------------------------------------------
# a. DOCX -> PDF through LibreOffice, two font set-ups
# ---------------------------------------------------------------------------

RFONTS_RE = re.compile(r"<w:rFonts\b[^>]*>")
FONT_ATTR_RE = re.compile(r'(w:(?:ascii|hAnsi|eastAsia|cs)=")([^"]*)(")')


def _swap_fonts(xml, font):
    def attr(m):
        value = m.group(2)
        if any(ord(ch) > 0x7F for ch in value):  # a CJK font name (宋体, 仿宋_GB2312, ...)
            return m.group(1) + font + m.group(3)
        return m.group(0)

    return RFONTS_RE.sub(lambda m: FONT_ATTR_RE.sub(attr, m.group(0)), xml)


def font_variant(src, dst, font):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                text = data.decode("utf-8")
                new = _swap_fonts(text, font)
                data = new.encode("utf-8")
            zout.writestr(info, data)


def soffice_convert(inputs, outdir, profile):
    cmd = ["soffice", "-env:UserInstallation=" + Path(profile).as_uri(), "--headless",
           "--convert-to", "pdf", "--outdir", str(outdir)] + [str(p) for p in inputs]
    env = dict(os.environ, TZ="UTC", LANG="C.UTF-8")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, timeout=600)


DATE_RE = re.compile(rb"/(CreationDate|ModDate)(\s*)\(D:(\d{14})")
ID_RE = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")


CHECKSUM_RE = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})")


def chromium_print(html, timeout=180):
    """``html`` printed to PDF by headless Chromium (Debian's ``chromium``), as bytes. The flags keep
    it off the network (this machine has none) and out of any profile; TZ=UTC for its dates."""
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.html"
        src.write_text(html, encoding="utf-8")
        out = Path(tmp) / "out.pdf"
        cmd = [shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", src.as_uri()]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout,
                       env=dict(os.environ, TZ="UTC"))
        return out.read_bytes()


def normalise_pdf(data, when):
    """Fixed dates, /ID and /DocChecksum, same byte lengths (the xref offsets stay valid)."""
    stamp = when.strftime("%Y%m%d%H%M%S").encode()
    data = DATE_RE.sub(lambda m: b"/" + m.group(1) + m.group(2) + b"(D:" + stamp, data)

    def put(d, value):
        d = ID_RE.sub(lambda m: m.group(0).replace(m.group(1), value).replace(m.group(2), value), d)
        return CHECKSUM_RE.sub(lambda m: m.group(0).replace(m.group(1), value), d)

    digest = hashlib.md5(put(data, b"0" * 32)).hexdigest().upper().encode()
    return put(data, digest)


def pdffonts(path):
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        # name, type (may contain spaces), encoding, emb, sub, uni, object id
        m = re.match(r"(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+(\d+)\s+(\d+)", line)
        if m:
            rows.append(dict(name=m.group(1), type=m.group(2).strip(), encoding=m.group(3),
                             emb=m.group(4), sub=m.group(5), uni=m.group(6)))
    return rows


def check_fonts(path, variant):
    """Every font is the intended CJK face (of the intended type) or Liberation (digits)."""
    frag, ftype = EXPECTED_FONTS[variant]
    rows = pdffonts(path)
    cjk = [r for r in rows if frag in r["name"]]
    others = [r for r in rows if frag not in r["name"] and "Liberation" not in r["name"]]
    if not cjk or others:
        raise AssertionError(f"{path.name}: unexpected fonts {rows}")
    for r in cjk:
        if r["type"] != ftype or r["emb"] != "yes" or r["uni"] != "yes":
            raise AssertionError(f"{path.name}: {r}")
    return rows


def docx_modified(path):
    return docx.Document(str(path)).core_properties.modified


def write_label_copy(stem, pdf_name):
    label = json.loads((DOCX_DIR / (stem + ".label.json")).read_text(encoding="utf-8"))
    label["source"] = pdf_name
    label["labelled_by"] = label["labelled_by"] + "; printed to PDF by corpus/generate/make_pdf.py"
    (OUT_DIR / (pdf_name[:-4] + ".label.json")).write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def print_docx(tmp):
    tmp = Path(tmp)
    inputs = []
    for stem in DOCX_STEMS:
        for var, font in VARIANTS.items():
            dst = tmp / (f"{stem}.{var}.docx")
            font_variant(DOCX_DIR / (stem + ".docx"), dst, font)
            inputs.append(dst)
    soffice_convert(inputs, tmp, tmp / "lo_profile")
    made = []
    for stem in DOCX_STEMS:
        when = docx_modified(DOCX_DIR / (stem + ".docx"))
        for var in VARIANTS:
            name = f"{stem}.{var}.pdf"
            data = normalise_pdf((tmp / name).read_bytes(), when)
            out = OUT_DIR / name
            out.write_bytes(data)
            check_fonts(out, var)
            write_label_copy(stem, name)
            made.append(out)
    return made


CAIRO_STEM = "docx_2019_hard_cases"


def make_cairo_variant(tmp):
    """The WQY print of document 4 re-written by cairo (pdftocairo -pdf): the
    CJK font becomes Type0 / CIDFontType2 / Identity-H, as in Word's PDFs."""
    src = OUT_DIR / (f"{CAIRO_STEM}.wqy.pdf")
    name = f"{CAIRO_STEM}.wqy-cairo.pdf"
    tmp_out = Path(tmp) / name
    subprocess.run(["pdftocairo", "-pdf", str(src), str(tmp_out)], check=True)
    data = normalise_pdf(tmp_out.read_bytes(), docx_modified(DOCX_DIR / (CAIRO_STEM + ".docx")))
    out = OUT_DIR / name
    out.write_bytes(data)
    rows = pdffonts(out)
    if not any(r["type"] == "CID TrueType" and r["encoding"] == "Identity-H" and "WenQuanYi" in r["name"]
               and r["uni"] == "yes" for r in rows):
        raise AssertionError(rows)
    write_label_copy(CAIRO_STEM, name)
    return out


# ---------------------------------------------------------------------------
# b. reportlab, STSong-Light with GBK-EUC-H, no ToUnicode
# ---------------------------------------------------------------------------

def make_gbk_pdf():
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfbase import _cidfontdata, pdfmetrics
    from reportlab.pdfbase.cidfonts import CIDFont
    from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

    # GBK-EUC-H maps the single bytes 0x21-0x7E to the half-width CIDs 814-907 and
    # 0x20 to CID 7716; reportlab's /W array for STSong-Light only covers the
    # proportional CIDs 1-95 (what UniGB-UCS2-H uses), so without this every
    # digit would get the default width 1000.  The half-width CIDs are 500 wide.
    desc = _cidfontdata.CIDFontInfo["STSong-Light"]["DescendantFonts"][0]
    if 814 not in desc["W"]:
        desc["W"].extend([814, 907, 500, 7716, 7716, 500])

    def units(text):
        """Advance of unicode text in 1/1000 em: half-width ASCII, full-width the rest."""
        return sum(500 if ord(ch) < 0x80 else 1000 for ch in text)

    class GBKFont(CIDFont):
        """STSong-Light with the GBK-EUC-H CMap; text is handed over as GBK bytes
        (decoded as latin-1 so that reportlab writes every byte as it is)."""

        def stringWidth(self, text, size, encoding=None):
            return units(from_gbk(text)) * size / 1000.0

    font = GBKFont("STSong-Light", "GBK-EUC-H")
    pdfmetrics.registerFont(font)
    fname = font.fontName  # 'STSong-Light-GBK-EUC-H'

    def gbk(s):
        return s.encode("gbk").decode("latin-1")

    def from_gbk(s):
        return s.encode("latin-1").decode("gbk")

    class GBKPara(Flowable):
        """A paragraph wrapped character by character, drawn as GBK strings."""

        def __init__(self, text, size=12, leading=20, indent=2, align="left", space_after=0):
            super().__init__()
            self.text, self.size, self.leading = text, size, leading
            self.indent, self.align, self.space_after = indent, align, space_after

        def wrap(self, aw, ah):
            self.lines = []
            line, width = "", self.indent * self.size
            for ch in self.text:
                w = units(ch) * self.size / 1000.0
                if width + w > aw and line:
                    self.lines.append(line)
                    line, width = "", 0
                line += ch
                width += w
            if line:
                self.lines.append(line)
            self.aw = aw
            self.height = len(self.lines) * self.leading + self.space_after
            return aw, self.height

        def draw(self):
            c = self.canv
            c.setFont(fname, self.size)
            y = self.height - self.space_after - self.size
            for i, line in enumerate(self.lines):
                if self.align == "center":
                    c.drawCentredString(self.aw / 2, y, gbk(line))
                else:
                    x = self.indent * self.size if i == 0 else 0
                    c.drawString(x, y, gbk(line))
                y -= self.leading

    def wrap_label(text, avail, size):
        """Break a label into lines no wider than avail points (at "\\n" first)."""
        out = []
        for part in text.split("\n"):
            line = ""
            for ch in part:
                if line and units(line + ch) * size / 1000.0 > avail:
                    out.append(line)
                    line = ""
                line += ch
            out.append(line)
        return "\n".join(out)

    def grid_table(rows, widths, size=7.5, left_cols=()):
        placed = H.layout(rows)  # (r, c, Cell), the generators' one span-aware layout
        ncols = len(widths)
        grid = [[""] * ncols for _ in rows]
        style = [("FONT", (0, 0), (-1, -1), fname, size, size + 2),
                 ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        for r, c, cell in placed:
            text = cell.text
            if cell.kind != "value":
                text = wrap_label(text, sum(widths[c:c + cell.cs]) - 4.5, size)
            grid[r][c] = gbk(text)
            if cell.rs > 1 or cell.cs > 1:
                style.append(("SPAN", (c, r), (c + cell.cs - 1, r + cell.rs - 1)))
            if cell.kind == "label" and c in left_cols and cell.rs == 1:
                style.append(("ALIGN", (c, r), (c, r), "LEFT"))
        t = Table(grid, colWidths=widths, style=TableStyle(style), hAlign="CENTER")
        return t

    rng = H.random.Random(20250205)
    organ, year, template = "星河县市场监督管理局", 2024, "2021"
    fee = "0"
    data = {"proactive": H.gen_proactive_2021(rng, "dept", fee),
            "requests": H.cells_of(H.gen_requests_numbers(rng, template, 16)),
            "review": H.gen_review(rng, 2)}
    tot = {r: data["requests"][r]["total"][0] for r in data["requests"]}

    story = [
        GBKPara(organ, size=18, leading=26, indent=0, align="center"),
        GBKPara("%d年政府信息公开工作年度报告" % year, size=18, leading=26, indent=0, align="center",
                space_after=12),
        GBKPara("本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
                "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
                "本报告所列数据的统计期限自%d年1月1日起至%d年12月31日止。" % (year, year)),
        GBKPara("一、总体情况", space_after=0),
        GBKPara("%d年，县市场监督管理局全年共新收政府信息公开申请%s件，办理答复%s件，结转下年度继续办理%s件。"
                "严格落实政府信息公开保密审查制度，未发生泄密事件。" % (year, tot["new_received"], tot["total"],
                                                            tot["carried_forward"])),
        GBKPara("二、主动公开政府信息情况"),
        Spacer(1, 4),
        grid_table([r for b in H.proactive_blocks(template, data["proactive"]) for r in b],
                   [5 * cm, 3.5 * cm, 3.5 * cm, 3.5 * cm], size=9),
        Spacer(1, 6),
        KeepTogether([
            GBKPara("三、收到和处理政府信息公开申请情况"),
            Spacer(1, 4),
            grid_table(H.requests_rows(template, data["requests"]),
                       [1.0 * cm, 1.6 * cm, 4.6 * cm] + [1.3 * cm] * 7, left_cols=(2,))]),
        Spacer(1, 6),
        GBKPara("四、政府信息公开行政复议、行政诉讼情况"),
        Spacer(1, 4),
        grid_table(H.review_rows(data["review"]), [1.13 * cm] * 15, size=7.5),
        Spacer(1, 6),
        GBKPara("五、存在的主要问题及改进情况"),
        GBKPara("一是政策解读形式仍较单一；二是基层政务公开标准化规范化建设与群众期待仍有差距。"
                "%d年将围绕群众关切，进一步加大重点领域信息公开力度。" % (year + 1)),
        GBKPara("六、其他需要报告的事项"),
        GBKPara("本年度未收取信息处理费。"),
        Spacer(1, 12),
        GBKPara(organ, indent=0, align="center"),
        GBKPara("2025年1月20日", indent=0, align="center"),
    ]
    name = "gbk_euc_h_no_tounicode.pdf"
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2.2 * cm,
                            bottomMargin=2 * cm, invariant=1, title="", author="", creator="", producer="")
    doc.build(story)
    data_bytes = buf.getvalue()
    (OUT_DIR / name).write_bytes(data_bytes)
    # the font must have no ToUnicode and use GBK-EUC-H
    rows = pdffonts(OUT_DIR / name)
    song = [r for r in rows if r["name"] == "STSong-Light"]
    if not song or song[0]["encoding"] != "GBK-EUC-H" or song[0]["uni"] != "no" or song[0]["emb"] != "no":
        raise AssertionError(rows)
    if b"/ToUnicode" in data_bytes:
        raise AssertionError("ToUnicode found")
    label = H.doc_label(template, year, organ, data)
    ordered = {"source": name, "labelled_by": "generating data, corpus/generate/make_pdf.py",
               "document": label["document"], "tables": label["tables"], "absent_tables": [],
               "expect_warnings": []}
    (OUT_DIR / "gbk_euc_h_no_tounicode.label.json").write_text(
        json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return OUT_DIR / name


# ---------------------------------------------------------------------------
# c. a scanned page: an image, no text layer, no label
# ---------------------------------------------------------------------------

SCAN_SOURCE = ("docx_2021_autonumber.wqy.pdf", 4)  # (file, 1-based page: table 3 begins there)


def make_scanned_pdf(tmp):
    src, page = SCAN_SOURCE
    prefix = Path(tmp) / "scan"
    subprocess.run(["pdftoppm", "-r", "60", "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(OUT_DIR / src), str(prefix)], check=True)
    img = Image.open(str(prefix) + ".png").convert("L")
    out = OUT_DIR / "scanned_no_text_layer.pdf"
    when = dt.datetime(2024, 1, 25, 10, 0, 0).timetuple()
    img.save(out, "PDF", resolution=60.0, creationDate=when, modDate=when)
    return out


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="giaparse_pdf_") as tmp:
        made = print_docx(tmp)
        made.append(make_cairo_variant(tmp))
        made.append(make_gbk_pdf())
        made.append(make_scanned_pdf(tmp))
    for p in made:
        size = p.stat().st_size
        if size >= MAX_BYTES:
            raise AssertionError("%s: %d bytes" % (p.name, size))
        print("%-45s %7d bytes" % (p.name, size))


if __name__ == "__main__":
    main()
