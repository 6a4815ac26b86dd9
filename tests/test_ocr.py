"""OCR: scanned PDFs and images → the same Document as a text-layer reader.

Cheap steps (digits, formats, seal, deskew, ruling lines → grid with spans)
run on small synthetic images; recognition runs on the two committed scans
(corpus/scan/, labels from the generating data), one small PNG and the old
low-resolution scan. Speed is measured in benchmarks/ocr.py, not here.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

import giaparse
from giaparse.errors import MissingDependency, NoTextLayer
from giaparse.formats import InputFormat, detect_format
from giaparse.pipeline import read_document
from giaparse.readers.ocr import engine
from giaparse.readers.ocr.digits import fix_digits

from .conftest import CORPUS, need

Image = pytest.importorskip("PIL.Image")
ImageDraw = pytest.importorskip("PIL.ImageDraw")
ImageFont = pytest.importorskip("PIL.ImageFont")
cv2 = pytest.importorskip("cv2")

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
SCANS = sorted((CORPUS / "scan").glob("*.pdf"))


def font(size: int):
    need("noto-cjk")
    return ImageFont.truetype(str(FONT), size)


# ---------------------------------------------------------------- digits ---

@pytest.mark.parametrize("read, meant", [
    ("1O2", "102"), ("S0", "50"), ("l3", "13"), ("0.", "0"), ("12", "12"), ("1.5", "1.5"),
    ("O", "O"), ("l", "l"), ("人O", "人O"), ("abc1", "abc1"), ("一、本年新收", "一、本年新收"),
])
def test_lookalike_letters_become_digits_only_beside_real_digits(read, meant):
    assert fix_digits(read) == meant


# --------------------------------------------------------------- formats ---

def _image_bytes(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (40, 30), 255).save(buf, fmt)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF"])
def test_images_are_recognised_by_their_bytes(fmt):
    assert detect_format(_image_bytes(fmt), "no_extension") is InputFormat.IMAGE


# ------------------------------------------------------ image processing ---

def ruled_table(merged: bool = True) -> np.ndarray:
    """A 4×4 ruled table on white; with ``merged`` the top-left cell spans 2 columns
    and the left cell of rows 2-3 spans 2 rows."""
    img = Image.new("RGB", (900, 500), "white")
    d = ImageDraw.Draw(img)
    xs, ys = [100, 300, 450, 600, 800], [100, 180, 260, 340, 420]
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill="black", width=2)
    for _i, x in enumerate(xs):
        d.line((x, ys[0], x, ys[-1]), fill="black", width=2)
    if merged:
        d.line((xs[1], ys[0], xs[1], ys[1]), fill="white", width=2)          # row 0: cols 0-1 merged
        d.line((xs[0] + 2, ys[2], xs[1] - 2, ys[2]), fill="white", width=2)  # col 0: rows 1-2 merged
    return np.asarray(img)[:, :, ::-1].copy()


def test_ruling_lines_give_a_grid_with_spans():
    from giaparse.readers.ocr.grid import find_tables
    from giaparse.readers.ocr.image import clean, ink_mask

    tables = find_tables(ink_mask(clean(ruled_table())))
    assert len(tables) == 1
    t = tables[0].table
    assert (len(t.xs), len(t.ys)) == (5, 5)
    spans = sorted((c.row, c.col, c.end_row - c.row, c.end_col - c.col) for c in t.cells)
    assert (0, 0, 1, 2) in spans and (1, 0, 2, 1) in spans
    assert len(spans) == 16 - 1 - 1


def test_red_seal_vanishes_black_ink_stays():
    from giaparse.readers.ocr.image import clean

    img = np.full((10, 30, 3), 255, np.uint8)
    img[:, 10:20] = (35, 30, 215)   # BGR: seal red
    img[:, 20:] = (20, 20, 20)      # black ink
    grey = clean(img)[:, :, 0]
    assert grey[:, :10].min() == 255 and grey[:, 10:20].min() == 255
    assert grey[:, 20:].max() == 0


def test_a_seal_leaves_no_lines_and_keeps_the_ink_under_it():
    """A red seal multiplied over the page: in the red channel its ring was still a
    little darker than paper, enough for the local threshold to see column lines in
    its arcs. The seal's factor is divided out; a grey line under it keeps its contrast."""
    from giaparse.readers.ocr.image import ink_mask, red_channel

    page = np.full((200, 300, 3), 245, np.uint8)
    page[100:102, :] = 150                       # a grey hairline across the page
    seal = np.ones((200, 300, 3), np.float32)
    seal[20:180, 100:200] = np.array([35, 30, 215], np.float32) / 255  # BGR: seal red, over everything
    inked = (page * seal).astype(np.uint8)
    mask = ink_mask(red_channel(inked))
    assert mask[:95].sum() == 0 and mask[105:].sum() == 0    # no trace of the seal's edges
    assert (mask[100:102, 110:190] > 0).mean() > 0.9          # the line under the seal is still ink


def test_a_skewed_page_is_straightened():
    from giaparse.readers.ocr.image import ink_mask, rotate, skew_angle

    page = ruled_table(merged=False)
    turned = rotate(page, 1.2)
    angle, _ = skew_angle(ink_mask(turned))
    assert abs(angle + 1.2) <= 0.15


def test_a_page_turned_a_quarter_is_seen_sideways():
    from giaparse.readers.ocr.image import ink_mask, is_sideways, quarter_turn

    img = Image.new("RGB", (800, 1100), "white")
    d = ImageDraw.Draw(img)
    for k in range(20):
        d.text((80, 80 + 48 * k), "政府信息公开工作年度报告" * 2, font=font(28), fill="black")
    page = np.asarray(img)[:, :, ::-1].copy()
    assert not is_sideways(ink_mask(page))
    assert is_sideways(ink_mask(quarter_turn(page, 1)))


# ---------------------------------------------------- without the extra ---

def test_without_the_extra_a_scan_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(engine, "available", lambda: False)
    scan = CORPUS / "pdf" / "scanned_no_text_layer.pdf"
    with pytest.raises(NoTextLayer, match=r'no text layer; OCR required.*pip install "giaparse\[ocr\]"'):
        read_document(scan.read_bytes(), str(scan))
    with pytest.raises(MissingDependency, match=r'giaparse\[ocr\]'):
        read_document(_image_bytes("PNG"), "page.png")


# ------------------------------------------------------- recognition -------

needs_ocr = pytest.mark.skipif(not engine.available(), reason="the ocr extra (rapidocr-onnxruntime) is not installed")


def small_report_png() -> bytes:
    """A title, a line of text and a 2×4 ruled table with numbers, at ~150 dpi."""
    img = Image.new("RGB", (1100, 520), "white")
    d = ImageDraw.Draw(img)
    d.text((150, 40), "星河县2024年政府信息公开工作年度报告", font=font(40), fill="black")
    d.text((80, 130), "本年度共收到政府信息公开申请115件。", font=font(30), fill="black")
    xs, ys = [80, 380, 560, 740, 920], [220, 300, 380]
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill="black", width=2)
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill="black", width=2)
    for i, text in enumerate(["项目", "自然人", "商业企业", "总计"]):
        d.text((xs[i] + 20, ys[0] + 20), text, font=font(30), fill="black")
    for i, text in enumerate(["新收申请", "94", "21", "115"]):
        d.text((xs[i] + 20, ys[1] + 20), text, font=font(30), fill="black")
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(150, 150))
    return buf.getvalue()


@needs_ocr
def test_an_image_becomes_paragraphs_and_a_grid_with_confidences():
    doc = read_document(small_report_png(), "page.png")
    assert doc.format == "image"
    assert "政府信息公开工作年度报告" in doc.text()
    assert "115件" in doc.text()
    [grid] = doc.grids
    assert grid.texts() == [["项目", "自然人", "商业企业", "总计"], ["新收申请", "94", "21", "115"]]
    assert all(c.confidence is not None and 0.8 < c.confidence <= 1.0 for row in grid.rows for c in row)
    assert [w.code.value for w in doc.warnings] == ["ocr_used"]


def _cells(tables: dict, label_tables: dict):
    for table, rows in label_tables.items():
        got = tables.get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in rows.items():
            for col, value in cells.items():
                cell = got.get(row, {}).get(col)
                yield f"{table}.{row}.{col}", value, None if cell is None else cell["value"]


@needs_ocr
@pytest.mark.parametrize("scan", SCANS, ids=lambda p: p.name)
def test_a_scanned_report_converts_end_to_end(scan: Path):
    label = json.loads(scan.with_name(scan.stem + ".label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(scan).to_dict()
    assert out["document"]["kind"] == label["document"]["kind"]
    assert out["document"]["template"] == label["document"]["template"]
    codes = {w["code"] for w in out["warnings"]}
    assert "ocr_used" in codes
    results = list(_cells(out["tables"], label["tables"]))
    wrong = [(k, want, got) for k, want, got in results if got is not None and got != want]
    nulls = [k for k, want, got in results if got is None and want is not None]
    assert not wrong, f"OCR gave wrong numbers: {wrong}"
    assert len(nulls) <= 0.1 * len(results), f"too many cells left null: {nulls}"
    # A null is never silent: a keyed cell/row warning or the OCR low-confidence note.
    for key in nulls:
        table, row, col = key.split(".")
        assert any(w.get("table") == table and w.get("row") in (row, None) for w in out["warnings"]) \
            or "ocr_low_confidence" in codes, key
    # The arithmetic of the template checks what OCR read: nothing fails on a clean report.
    assert not [c for c in out["checks"] if c["status"] == "fail"]
    # Every value says where on which page it was read, and how sure the recogniser was.
    for name, cell in _output_cells(out["tables"]):
        if cell["value"] is not None:
            source = cell["source"]
            assert source["page"] >= 1 and 0.0 <= source["confidence"] <= 1.0, name
            box = source["bbox"]
            assert 0 <= box["l"] < box["r"] <= 842 and 0 <= box["t"] < box["b"] <= 842, name


def _output_cells(tables: dict):
    for table, body in tables.items():
        rows = body["items"] if table == "proactive" else body
        for row, cells in rows.items():
            for col, cell in cells.items():
                yield f"{table}.{row}.{col}", cell


@needs_ocr
def test_a_scan_too_coarse_to_read_is_refused_not_guessed():
    """corpus/pdf/scanned_no_text_layer.pdf: page 4 of docx_2021_autonumber.wqy.pdf at 60 dpi.

    At that resolution PP-OCR read two table digits wrong with high confidence
    (denied_enforcement_files.total 0 → 41, not_processed_complaint.natural_person
    13 → 11), so a page under MIN_SCAN_DPI is not OCR'd: the error names the
    page and its resolution."""
    from giaparse.errors import NoTextLayer
    from giaparse.readers.ocr.document import MIN_SCAN_DPI

    assert MIN_SCAN_DPI > 60
    with pytest.raises(NoTextLayer, match=r"too coarse to OCR .*\(page 1 at 60 dpi; needs at least 120 dpi\)"):
        giaparse.parse(CORPUS / "pdf" / "scanned_no_text_layer.pdf")


def test_junk_behind_an_image_signature_is_an_input_error_naming_the_file():
    from giaparse.errors import InputError

    junk = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with pytest.raises(InputError, match=r"^broken\.png: the image cannot be decoded"):
        giaparse.parse(junk, name="broken.png")


def test_ocr_engine_failures_are_typed_errors_naming_the_file(monkeypatch):
    """Found by the fuzzer: under the worker's memory cap onnxruntime raised its own
    error (std::bad_alloc) as a traceback. It is LimitExceeded naming --max-memory now,
    and any other engine failure a ConversionFailed."""
    import numpy as np

    from giaparse.errors import ConversionFailed, LimitExceeded
    from giaparse.readers.ocr import document

    def out_of_memory(*args, **kwargs):
        raise RuntimeError("[ONNXRuntimeError] : 1 : FAIL : std::bad_alloc")

    monkeypatch.setattr(document, "read_image", out_of_memory)
    monkeypatch.setattr(document, "_require", lambda: None)
    page = np.full((40, 40, 3), 255, dtype=np.uint8)
    with pytest.raises(LimitExceeded, match=r"^scan\.png: OCR of page 1 ran out of memory .*--max-memory"):
        document.ocr_images([(page, 200.0)], "scan.png", "image")

    def broken(*args, **kwargs):
        raise ValueError("opencv says no")

    monkeypatch.setattr(document, "read_image", broken)
    with pytest.raises(ConversionFailed, match=r"^scan\.png: OCR of page 1 failed \(ValueError\)"):
        document.ocr_images([(page, 200.0)], "scan.png", "image")


def mixed_pdf() -> bytes:
    """corpus/pdf/docx_2021_autonumber.wqy.pdf with its page 4 (the requests table) swapped
    for the same page from the committed scan (scan001, page 2: 150 dpi, JPEG, no text layer).
    The requests table starts on the scanned page and runs on to the text page after it."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(CORPUS / "pdf" / "docx_2021_autonumber.wqy.pdf"))
    scan = pdfium.PdfDocument(str(CORPUS / "scan" / "scan001_docx_2021_autonumber.wqy.pdf"))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [0, 1, 2])
    out.import_pages(scan, [1])
    out.import_pages(src, [4])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


# Scans with a few characters of text over them (a phone scanner's "Scanned with CamScanner"
# line, a page number a CMS stamped on): the text layer is not the page's content.
STRAY = "Scanned with CamScanner"


def _with_stray_text(pdf, indexes: list[int]) -> bytes:
    """``pdf`` (a pypdfium2 document) with STRAY written at the foot of pages ``indexes`` (0-based)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    for index in indexes:
        page = pdf[index]
        obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 9.0)
        text = ctypes.create_string_buffer((STRAY + "\0").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 40, 20)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        assert pdfium_c.FPDFPage_GenerateContent(page.raw)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def stray_scan() -> bytes:
    """The committed scan000 (two image-only pages) with STRAY on both pages."""
    import pypdfium2 as pdfium

    return _with_stray_text(pdfium.PdfDocument(str(CORPUS / "scan" / "scan000_gbk_euc_h_no_tounicode.pdf")), [0, 1])


def stray_mixed() -> bytes:
    """mixed_pdf() with STRAY on its scanned page 4."""
    import pypdfium2 as pdfium

    return _with_stray_text(pdfium.PdfDocument(mixed_pdf()), [3])


@needs_ocr
@pytest.mark.parametrize("build", [mixed_pdf, stray_mixed], ids=["no text on it", "stray text on it"])
def test_a_pdf_mixing_text_and_scanned_pages_ocrs_only_the_scanned_page(build):
    """The scanned page has no text layer, or a stray line of text (it is a scan all the same)."""
    label = json.loads((CORPUS / "pdf" / "docx_2021_autonumber.wqy.label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(build(), name="mixed.pdf").to_dict()
    results = list(_cells(out["tables"], label["tables"]))
    assert len(results) == 200
    assert [(k, want, got) for k, want, got in results if got != want] == []
    [used] = [w for w in out["warnings"] if w["code"] == "ocr_used"]
    assert used["message"].startswith("page 4 read by OCR")
    assert "pages_without_text" not in {w["code"] for w in out["warnings"]}
    assert not [c for c in out["checks"] if c["status"] == "fail"]
    # The scanned page's cells carry the recogniser's confidence and a box on page 4 that is the
    # same cell's box in the text PDF the scan was printed from (within 3 pt after deskewing);
    # the text pages' cells carry no confidence.
    original = giaparse.parse(CORPUS / "pdf" / "docx_2021_autonumber.wqy.pdf").to_dict()["tables"]
    ocr_cells = 0
    for (name, cell), (same, text_cell) in zip(_output_cells(out["tables"]), _output_cells(original), strict=False):
        assert name == same
        source = cell.get("source")
        if source is None:
            continue
        if source["page"] != 4:
            assert "confidence" not in source, name
            continue
        ocr_cells += 1
        assert 0.0 <= source["confidence"] <= 1.0 and text_cell["source"]["page"] == 4, name
        assert [source["bbox"][k] for k in "ltrb"] == pytest.approx(
            [text_cell["source"]["bbox"][k] for k in "ltrb"], abs=3.0), name
    assert ocr_cells >= 100


@needs_ocr
def test_the_scanned_page_of_a_mixed_pdf_is_re_read_where_a_number_breaks_an_identity(monkeypatch):
    """The mixed-PDF path hands the document a re-reader as a scan's does: the scanned page's first
    reading of new_received's total (115) is made 118 here, which breaks its row total; the cell's ink
    read again (rapidocr upscaled, Tesseract) says 115, the identity holds with it, and 115 is output."""
    from giaparse.readers.ocr import page as ocr_page

    real_fix = ocr_page.fix_digits
    seen = []

    def misread(text):
        text = real_fix(text)
        if text == "115" and not seen:
            seen.append(text)
            return "118"
        return text

    monkeypatch.setattr(ocr_page, "fix_digits", misread)
    out = giaparse.parse(mixed_pdf(), name="mixed.pdf").to_dict()
    assert seen, "the scanned page's 115 was not read"
    cell = out["tables"]["requests"]["new_received"]["total"]
    assert cell["value"] == 115 and cell["source"]["page"] == 4
    assert any(w["code"] == "ocr_reread" and "new_received.total" in w["message"] and "118" in w["message"]
               for w in out["warnings"])


def test_without_the_extra_a_mixed_pdf_reads_its_text_pages_and_names_the_scanned_one(monkeypatch):
    monkeypatch.setattr(engine, "available", lambda: False)
    doc = read_document(mixed_pdf(), "mixed.pdf")
    [w] = [w for w in doc.warnings if w.code.value == "pages_without_text"]
    assert w.message.startswith("page 4 has no text layer")
    assert "ocr_used" not in {w.code.value for w in doc.warnings}


@needs_ocr
def test_every_ocr_table_cell_carries_its_confidence():
    """RawCell.confidence on every cell of every grid of a committed scan, in 0..1
    (a cell with no ink at all: 1.0, certainly blank)."""
    scan = CORPUS / "scan" / "scan000_gbk_euc_h_no_tounicode.pdf"
    doc = read_document(scan.read_bytes(), str(scan))
    cells = [c for g in doc.grids for row in g.rows for c in row]
    assert len(cells) > 100
    assert all(c.confidence is not None and 0.0 <= c.confidence <= 1.0 for c in cells)


def test_stray_text_is_really_in_the_text_layer():
    """The fixtures mean something: pdfplumber (not giaparse) finds STRAY on the pages, over one full-page image."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(stray_scan())) as pdf:
        for page in pdf.pages:
            assert "".join(c["text"] for c in page.chars) == STRAY
            [image] = page.images
            assert (image["x1"] - image["x0"]) * (image["bottom"] - image["top"]) > 0.9 * page.width * page.height


@needs_ocr
def test_a_scan_with_stray_text_is_read_by_ocr():
    scan = CORPUS / "scan" / "scan000_gbk_euc_h_no_tounicode.pdf"
    label = json.loads(scan.with_name(scan.stem + ".label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(stray_scan(), name="stray.pdf").to_dict()
    assert out["document"]["kind"] == "annual_report"
    [used] = [w for w in out["warnings"] if w["code"] == "ocr_used"]
    assert used["message"].startswith("2 pages read by OCR")
    assert "pages_without_text" not in {w["code"] for w in out["warnings"]}
    results = list(_cells(out["tables"], label["tables"]))
    assert not [(k, want, got) for k, want, got in results if got is not None and got != want]
    assert len([k for k, want, got in results if got is None]) <= 0.1 * len(results)
    boxes = [cell["source"]["bbox"] for _, cell in _output_cells(out["tables"]) if cell.get("source")]
    assert boxes and all(type(v) is float for box in boxes for k, v in box.items() if k != "coord_origin")


def test_without_the_extra_a_page_with_stray_text_is_named_as_scanned(monkeypatch):
    monkeypatch.setattr(engine, "available", lambda: False)
    doc = read_document(stray_mixed(), "mixed.pdf")
    [w] = [w for w in doc.warnings if w.code.value == "pages_without_text"]
    assert w.message.startswith("page 4 looks scanned (an image over ")
    assert w.message.endswith(" characters of text); its content is missing")
    with pytest.raises(NoTextLayer, match=r"^stray\.pdf: scanned pages \(their text layer holds only a few "
                                          r"stray characters\); OCR required.*pip install \"giaparse\[ocr\]\""):
        read_document(stray_scan(), "stray.pdf")


def test_both_pdf_engines_see_how_much_of_the_page_the_scan_covers():
    """PageContent.image_cover from each engine, on the stray-text scan (one image over the whole
    page) and on a text PDF with no image: the reader's scan test reads it from whichever engine."""
    from giaparse.readers.pdf.engine_pdfium import PdfiumDocument
    from giaparse.readers.pdf.engine_pdfminer import PdfminerDocument

    text_pdf = (CORPUS / "pdf" / "docx_2021_autonumber.wqy.pdf").read_bytes()
    for engine_class in (PdfiumDocument, PdfminerDocument):
        scan = engine_class(stray_scan(), "stray.pdf")
        covers = [page.image_cover for page in scan.pages()]
        scan.close()
        assert covers == [pytest.approx(1.0, abs=0.01)] * 2, engine_class.__name__
        plain = engine_class(text_pdf, "text.pdf")
        assert {page.image_cover for page in plain.pages()} == {0.0}, engine_class.__name__
        plain.close()


def test_the_low_confidence_note_ends_as_the_rereading_stage_expects():
    """``giaparse.reread`` rewrites the reader's note on a cell it filled; it matches the note's ending,
    copied there (the reader's module needs numpy)."""
    from giaparse import reread
    from giaparse.readers.ocr import document
    from giaparse.readers.ocr import page as ocr_page

    assert reread.LEFT_BLANK == ocr_page.LEFT_BLANK
    assert reread._HEAD.match(document.ocr_warnings([_low_page()])[1].message)


def _low_page():
    from giaparse.readers.ocr.page import OcrPage

    page = OcrPage(1, 595.0, 842.0)
    page.low_confidence.append("page 1, table 1, row 2, column 3: read '4' with confidence 0.5 (below 0.80); "
                               + "left blank")
    return page
