"""The PDF engines (ReadOptions.pdf_engine) agree: PDFium (default) and pdfminer.

Every labelled corpus PDF and the real WPS export (corpus/real/) is read
through both engines: the canonical output must be the same (tables cell by
cell, document facts, sections, warning codes) and every labelled cell
exact on each. Then what each engine must handle alike: passwords, damage,
scans, fonts without a usable ToUnicode map.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import giaparse
from giaparse.diagnostics import WarningCode
from giaparse.errors import DamagedPdf, EncryptedPdf, NoTextLayer
from giaparse.options import PdfEngine, ReadOptions
from giaparse.readers.pdf import PdfReader

from .conftest import CORPUS, REAL, need

ENGINES = list(PdfEngine)


def _labelled() -> list[Path]:
    return sorted(p for p in (CORPUS / "pdf").glob("*.pdf") if p.with_name(p.stem + ".label.json").exists())


def _cells(tables: dict, label: dict) -> list[str]:
    """Labelled cells whose output differs from the label, as messages."""
    wrong = []
    for table, rows in label["tables"].items():
        rows = rows.get("items", rows) if table == "proactive" else rows
        got = tables.get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in rows.items():
            for col, value in cells.items():
                cell = got.get(row, {}).get(col)
                if cell is None or cell["value"] != value or type(cell["value"]) is not type(value):
                    wrong.append(f"{table}.{row}.{col}: expected {value!r}, got {cell!r}")
    return wrong


def _sources(tables: dict) -> dict[str, tuple[int, tuple[float, ...]]]:
    """Each cell's (page, box), taken out of ``tables`` (in place)."""
    out = {}
    for table, body in tables.items():
        rows = body["items"] if table == "proactive" else body
        for row, cells in rows.items():
            for col, cell in cells.items():
                source = cell.pop("source", None)
                if source is not None:
                    box = source["bbox"]
                    out[f"{table}.{row}.{col}"] = (source["page"], (box["l"], box["t"], box["r"], box["b"]))
    return out


def _agree(path: Path) -> None:
    label = json.loads(path.with_name(path.stem + ".label.json").read_text(encoding="utf-8"))
    outs = {e: giaparse.parse(path, options={"pdf_engine": e}).to_dict() for e in ENGINES}
    for engine, out in outs.items():
        assert not _cells(out["tables"], label), (engine, _cells(out["tables"], label)[:5])
    ref, other = outs[PdfEngine.PDFMINER], outs[PdfEngine.PYPDFIUM2]
    ref_sources, other_sources = _sources(ref["tables"]), _sources(other["tables"])
    assert other["tables"] == ref["tables"]
    # The same cell on the same page; the boxes within a point (each engine finds the ruling lines).
    assert other_sources.keys() == ref_sources.keys()
    for name, (page, box) in other_sources.items():
        assert page == ref_sources[name][0], name
        assert box == pytest.approx(ref_sources[name][1], abs=1.0), name
    assert other["document"] == ref["document"]
    assert other["sections"] == ref["sections"]
    assert other["checks"] == ref["checks"]
    assert [w["code"] for w in other["warnings"]] == [w["code"] for w in ref["warnings"]]


def test_the_corpus_has_the_hard_pdf_cases():
    names = {p.name for p in _labelled()}
    assert "gbk_euc_h_no_tounicode.pdf" in names and "docx_2019_hard_cases.wqy-cairo.pdf" in names
    assert len(names) >= 10


@pytest.mark.parametrize("path", _labelled(), ids=lambda p: p.name)
def test_engines_agree_on_every_corpus_pdf(path: Path):
    _agree(path)


@pytest.mark.parametrize("name", ["huaian_2024.pdf", "hongze_2023.pdf"])
def test_engines_agree_on_the_real_wps_exports(name):
    _agree(REAL / name)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_vertical_group_cell_stays_out_of_the_labels_beside_it(engine):
    """hongze_2023.pdf writes 三、本年度办理结果 down a narrow cell in an Identity-V font;
    PDFium's loose box of those glyphs runs ~20 em to the right, into the labels of the
    rows beside it (「、本（二）部分公开…」). Each glyph belongs to the cell it is drawn in."""
    from giaparse.core import reconstruct
    from giaparse.document import RawGrid

    path = REAL / "hongze_2023.pdf"
    doc = PdfReader(ReadOptions(pdf_engine=engine)).read(path.read_bytes(), path.name)
    grids = [b for b in doc.blocks if isinstance(b, RawGrid)
             and any(c.text.replace("\n", "") == "三、本年度办理结果" for row in b.rows for c in row)]
    assert grids, "the grid holding the vertical cell"
    rows = [r for s in reconstruct(grids[0]).segments for r in s.rows]
    leaves = [r.labels[-1] for r in rows if r.labels]
    assert "（一）予以公开" in leaves and "1.属于国家秘密" in leaves, leaves
    for leaf in leaves:
        assert not leaf.startswith(("三", "、", "本", "年", "度", "办", "理", "结", "果")) or leaf.startswith("三、本年度"), leaf


@pytest.mark.parametrize("engine", ENGINES)
def test_a_scan_needs_ocr_on_every_engine(engine):
    with pytest.raises(NoTextLayer, match="no text layer"):
        giaparse.parse(CORPUS / "pdf" / "scanned_no_text_layer.pdf", options={"pdf_engine": engine})


def test_engine_option_is_an_enum_with_pypdfium2_by_default():
    assert ReadOptions().pdf_engine is PdfEngine.PYPDFIUM2
    assert ReadOptions(pdf_engine="pdfminer").pdf_engine is PdfEngine.PDFMINER
    with pytest.raises(ValueError):
        ReadOptions(pdf_engine="ghostscript")


# ------------------------------------------------------------- passwords ---


def _encrypted(user: str, owner: str) -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption(user, owner, canPrint=0, canCopy=0))
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Annual report 2021")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 600, "政府信息公开工作年度报告")
    c.showPage()
    c.save()
    return buf.getvalue()


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


#: What each engine reads from the encrypted test PDFs. pdfminer does not
#: decrypt the strings of the CID font's CIDSystemInfo, finds no CMap and
#: gives (cid:N) for the Chinese line (stripped, with a warning); PDFium reads it.
ENCRYPTED_TEXT = {PdfEngine.PYPDFIUM2: ["Annual report 2021", "政府信息公开工作年度报告"],
                  PdfEngine.PDFMINER: ["Annual report 2021"]}


def _read(data: bytes, **options):
    return PdfReader(ReadOptions(**options)).read(data, "test.pdf")


@pytest.mark.parametrize("engine", ENGINES)
def test_owner_password_only_pdf_opens_without_a_password(engine):
    data = _encrypted("", "owner-secret")
    assert b"/Encrypt" in data
    assert _texts(_read(data, pdf_engine=engine)) == ENCRYPTED_TEXT[engine]


@pytest.mark.parametrize("engine", ENGINES)
def test_user_password_is_needed_and_used(engine):
    data = _encrypted("user-secret", "owner-secret")
    with pytest.raises(EncryptedPdf, match="needs a password"):
        _read(data, pdf_engine=engine)
    with pytest.raises(EncryptedPdf, match="password is wrong"):
        _read(data, pdf_engine=engine, pdf_password="guess")
    assert _texts(_read(data, pdf_engine=engine, pdf_password="user-secret")) == ENCRYPTED_TEXT[engine]


# ---------------------------------------------------------------- damage ---


@pytest.mark.parametrize("engine", ENGINES)
def test_damaged_bytes_are_a_damaged_pdf_on_every_engine(engine):
    with pytest.raises(DamagedPdf, match="damaged"):
        _read(b"%PDF-1.4\nnot really a pdf\n", pdf_engine=engine)
    good = (CORPUS / "pdf" / "gbk_euc_h_no_tounicode.pdf").read_bytes()
    with pytest.raises(giaparse.GiaparseError):
        _read(good[: len(good) // 3], pdf_engine=engine)


# ----------------------------------------------------------------- fonts ---


def test_a_page_pdfium_cannot_map_to_unicode_is_read_by_pdfminer(monkeypatch):
    """A TrueType CID font whose ToUnicode is gone: PDFium flags the codes as
    unmapped, so that page comes from pdfminer (and its (cid:N) are stripped
    and reported, as with the pdfminer engine); the other page stays PDFium's."""
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from giaparse.readers.pdf import engine_pdfium

    font = need("wqy-zenhei")  # a TrueType CJK font to embed
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", str(font), subfontIndex=0))
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("WQY", 12)
    c.drawString(72, 700, "abc 政府")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "第二页 ok")
    c.showPage()
    c.save()
    data = buf.getvalue().replace(b"/ToUnicode", b"/ToUnicodX")

    fallbacks = []
    real = engine_pdfium.PdfiumDocument._pdfminer_page
    monkeypatch.setattr(engine_pdfium.PdfiumDocument, "_pdfminer_page",
                        lambda self, i: fallbacks.append(i) or real(self, i))
    docs = {e: _read(data, pdf_engine=e) for e in ENGINES}
    assert fallbacks == [0]
    texts = {e: [p.text for p in d.paragraphs] for e, d in docs.items()}
    assert texts[PdfEngine.PYPDFIUM2] == texts[PdfEngine.PDFMINER]
    assert texts[PdfEngine.PYPDFIUM2][0] == "abc"
    for doc in docs.values():
        [warning] = [w for w in doc.warnings if w.code is WarningCode.REPLACEMENT_CHARACTERS]
        assert "page 1 " in warning.message


# ----------------------------------------------------------------- paths ---


def test_a_table_drawn_inside_a_form_xobject_is_found_by_every_engine():
    """Some producers wrap the page in a form XObject: its paths are in the
    form's space, moved to the page by the form's matrix (and the CTM)."""
    from .test_reader_pdf import Sheet, simple_table

    s = Sheet()
    s.c.beginForm("table")
    s.c.translate(30, -40)
    simple_table(s)
    s.c.endForm()
    s.c.saveState()
    s.c.translate(20, -10)
    s.c.doForm("table")
    s.c.restoreState()
    s.page()
    data = s.bytes()
    for engine in ENGINES:
        [grid] = _read(data, pdf_engine=engine).grids
        assert grid.texts() == [["申请人情况", "自然人"], ["本年", "上年"], ["本年新收", "12345", "678"]]


@pytest.mark.parametrize("path", _labelled(), ids=lambda p: p.name)
def test_cell_boxes_are_pdfplumbers_find_tables_on_every_corpus_page(path: Path):
    """``content.cell_boxes`` (pdfplumber's finder with its two quadratic steps
    rewritten) gives what ``Page.find_tables`` gives, on both engines' paths."""
    import pdfplumber

    from giaparse.readers.pdf.content import cell_boxes
    from giaparse.readers.pdf.engine_pdfium import PdfiumDocument
    from giaparse.readers.pdf.engine_pdfminer import PdfminerDocument
    from giaparse.readers.pdf.tables import TABLE_SETTINGS, without_glyph_outlines

    data = path.read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        expected = [[list(t.cells) for t in without_glyph_outlines(p, p.chars).find_tables(TABLE_SETTINGS)]
                    for p in pdf.pages]
    assert any(expected)
    for engine in (PdfminerDocument, PdfiumDocument):
        doc = engine(data, path.name)
        got = [cell_boxes(content) for content in doc.pages()]
        doc.close()
        if engine is PdfminerDocument:
            assert got == expected
        else:  # PDFium's coordinates are float32: the same cells within a hundredth of a point
            assert [[len(t) for t in page] for page in got] == [[len(t) for t in page] for page in expected]
            for page_got, page_expected in zip(got, expected, strict=False):
                for t_got, t_expected in zip(page_got, page_expected, strict=False):
                    for a, b in zip(t_got, t_expected, strict=False):
                        assert max(abs(x - y) for x, y in zip(a, b, strict=False)) < 0.01


def _reference_points(points):
    """pdfplumber's intersections (edge dicts) as ``content.edges_to_intersections`` keeps them (boxes)."""
    def box(e):
        return (e["x0"], e["top"], e["x1"], e["bottom"])
    return {p: ({box(e) for e in a["v"]}, {box(e) for e in a["h"]}) for p, a in points.items()}


@pytest.mark.parametrize("path", [*_labelled(), CORPUS / "scan" / "scan000_gbk_euc_h_no_tounicode.pdf"],
                         ids=lambda p: p.name)
def test_table_finder_steps_are_pdfplumbers_on_every_corpus_page(path: Path):
    """Each rewritten step of ``content.find_tables`` (intersections, smallest
    cells, grouping into tables) gives exactly what pdfplumber's own function
    gives on the same input, on every page of both engines."""
    from pdfplumber import table as reference
    from pdfplumber import utils

    from giaparse.readers.pdf import content
    from giaparse.readers.pdf.engine_pdfium import PdfiumDocument
    from giaparse.readers.pdf.engine_pdfminer import PdfminerDocument
    from giaparse.readers.pdf.tables import without_glyph_outlines

    st = content._settings()
    data = path.read_bytes()
    for engine in (PdfminerDocument, PdfiumDocument):
        doc = engine(data, path.name)
        for page in doc.pages():
            edges = without_glyph_outlines(page, page.chars).edges
            edges = utils.filter_edges(edges, "v", min_length=st.edge_min_length_prefilter) + \
                utils.filter_edges(edges, "h", min_length=st.edge_min_length_prefilter)
            merged = reference.merge_edges(edges, st.snap_x_tolerance, st.snap_y_tolerance,
                                           st.join_x_tolerance, st.join_y_tolerance)
            merged = utils.filter_edges(merged, min_length=st.edge_min_length)
            ref_points = reference.edges_to_intersections(merged, st.intersection_x_tolerance,
                                                          st.intersection_y_tolerance)
            points = content.edges_to_intersections(merged, st.intersection_x_tolerance, st.intersection_y_tolerance)
            assert points == _reference_points(ref_points)
            ref_cells = reference.intersections_to_cells(ref_points)
            assert content.intersections_to_cells(points) == ref_cells
            assert content.cells_to_tables(ref_cells) == reference.cells_to_tables(ref_cells)
        doc.close()


def test_table_finder_steps_are_pdfplumbers_on_random_overlapping_rulings():
    """The same as above on made-up rulings whose edges overlap (points on two
    edges of one direction, which merged corpus edges never give), with gaps."""
    import random

    from pdfplumber import table as reference

    from giaparse.readers.pdf import content

    def edge(orientation, x0, top, x1, bottom):
        return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                "width": x1 - x0, "height": bottom - top, "object_type": "line"}

    rng = random.Random(7)
    for _ in range(300):
        xs = sorted(rng.sample(range(0, 400, 10), rng.randint(2, 7)))
        ys = sorted(rng.sample(range(0, 400, 10), rng.randint(2, 7)))
        edges = []
        for x in xs:  # vertical rulings in pieces, some overlapping, some missing
            for a, b in zip(ys, ys[1:], strict=False):
                if rng.random() < 0.85:
                    edges.append(edge("v", x, a, x, b + rng.choice((0, 0, 10))))
        for y in ys:
            for a, b in zip(xs, xs[1:], strict=False):
                if rng.random() < 0.85:
                    edges.append(edge("h", a - rng.choice((0, 0, 10)), y, b, y))
        ref_points = reference.edges_to_intersections(edges, 3, 3)
        points = content.edges_to_intersections(edges, 3, 3)
        assert points == _reference_points(ref_points)
        ref_cells = reference.intersections_to_cells(ref_points)
        assert content.intersections_to_cells(points) == ref_cells
        assert content.cells_to_tables(ref_cells) == reference.cells_to_tables(ref_cells)
