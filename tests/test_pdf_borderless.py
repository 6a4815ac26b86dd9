"""Borderless PDF tables (no ruling lines) read from the text layer (``readers/pdf/textgrid.py``).

The committed sample (corpus/borderless/, written by corpus/generate/make_borderless.py:
pandoc DOCX and python-docx borderless DOCX printed by LibreOffice, borderless HTML, styled
and in the browser's default table layout, printed by Chromium) is read with both engines against its labels (the generating data): a floor of
right cells per document, no wrong number, every null covered by a warning. A hypothesis
property renders new documents (producer × seed × engine) and holds the same rule: every
labelled cell right, or null with a warning; a wrong number fails.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.document import RawGrid
from giaparse.pipeline import read_document
from giaparse.readers.pdf.text import Glyph
from giaparse.readers.pdf.textgrid import text_tables
from giaparse.template.locate import locate_tables

from .conftest import CORPUS, need

BORDERLESS = CORPUS / "borderless"
sys.path.insert(0, str(CORPUS / "generate"))
ENGINES = ("pypdfium2", "pdfminer")
SAMPLE = sorted(BORDERLESS.glob("*.pdf"))
#: Share of labelled cells right per committed document, at least (pandoc's table 2 has a
#: one-character label column whose rows no reader finds yet: null with a warning).
FLOORS = {"pandoc": 0.85, "docx": 0.98, "chromium": 0.98, "chromium_plain": 0.98}


def _producer(pdf: Path) -> str:
    return pdf.stem.rsplit("_", 1)[0]


def _label(pdf: Path) -> dict:
    return json.loads(pdf.with_name(pdf.stem + ".label.json").read_text(encoding="utf-8"))


def _score(pdf: Path, label: dict, engine: str) -> tuple[int, list[str], list[str], list[str]]:
    """(right, nulls, WRONG cells, nulls no warning covers) of the report against its label."""
    report = giaparse.parse(pdf, options={"pdf_engine": engine})
    out = report.to_dict()
    warned = {(w.table, row) for w in report.warnings for row in w.rows}
    warned_tables = {w.table for w in report.warnings if not w.rows}
    right, nulls, wrong, bare = 0, [], [], []
    for table, rows in label["tables"].items():
        got_table = out["tables"].get(table, {})
        got_table = got_table.get("items", {}) if table == "proactive" else got_table
        for row, cells in rows.items():
            for col, want in cells.items():
                got = got_table.get(row, {}).get(col, {}).get("value")
                name = f"{table}.{row}.{col}"
                if got == want and type(got) is type(want):
                    right += 1
                elif got is None:
                    nulls.append(name)
                    if (table, row) not in warned and table not in warned_tables:
                        bare.append(name)
                else:
                    wrong.append(f"{name}: {got!r} != {want!r}")
    return right, nulls, wrong, bare


def test_sample_covers_every_producer():
    assert {_producer(p) for p in SAMPLE} == set(FLOORS)
    assert all(p.stat().st_size < 1_000_000 for p in SAMPLE)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", SAMPLE, ids=lambda p: p.name)
def test_sample_reads_above_its_floor_with_no_wrong_number(pdf, engine):
    need("cjk-font")
    label = _label(pdf)
    right, nulls, wrong, bare = _score(pdf, label, engine)
    assert not wrong, wrong
    assert not bare, f"null without a warning: {bare}"
    assert right / (right + len(nulls)) >= FLOORS[_producer(pdf)], nulls


@pytest.mark.parametrize("pdf", SAMPLE, ids=lambda p: p.name)
def test_table_3_is_found_and_read_whole(pdf):
    """Before the text grid, table 3 of these PDFs was not found at all (``table_missing``)."""
    need("cjk-font")
    label = _label(pdf)
    report = giaparse.parse(pdf)
    assert not [w for w in report.warnings if w.code.value == "table_missing" and w.table == "requests"]
    got = report.to_dict()["tables"]["requests"]
    for row, cells in label["tables"]["requests"].items():
        assert {c: got[row][c]["value"] for c in cells} == cells, row


def test_the_grids_are_text_grids_with_column_edges():
    pdf = BORDERLESS / "docx_43.pdf"
    doc = read_document(pdf.read_bytes(), pdf.name)
    origins = {t.table.origin for t in locate_tables(doc) if t.kind == "requests"}
    grids = [g for g in doc.grids if g.origin in origins]
    assert grids and all("text table" in g.origin and g.col_edges for g in grids)
    # each part of table 3 has the template's seven value columns, left to right
    for g in grids:
        assert g.col_edges is not None and len(g.col_edges) >= 8 and list(g.col_edges) == sorted(g.col_edges)


# ------------------------------------------------------------ units --

def _glyphs(text: str, x: float, top: float, size: float = 10.0) -> list[Glyph]:
    out = []
    for ch in text:
        w = size if ord(ch) > 0x2000 else size / 2
        out.append(Glyph(ch, x, top, x + w, top + size, 0))
        x += w
    return out


def _row(top: float, labels: list[tuple[str, float]], values: list[str]) -> list[Glyph]:
    """One line: label pieces at their x, figures centred on the seven columns of ``COLS``."""
    out = [g for text, x in labels for g in _glyphs(text, x, top)]
    for v, x in zip(values, COLS, strict=False):
        out += _glyphs(v, x - len(v) * 2.5, top)
    return out


def _texts(grid: RawGrid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def _found(glyphs: list[Glyph]):
    return text_tables(glyphs, lambda box: None, "page 1")  # type: ignore[arg-type,return-value]


COLS = [200.0 + 40 * k for k in range(7)]
ZEROS = ["0"] * 7


def test_value_lines_wrapped_labels_and_group_label_moved_to_its_first_row():
    glyphs = _row(100, [("（一）甲乙", 50)], ["1", "2", "3", "4", "5", "6", "21"])
    glyphs += _row(112, [("丙丁", 50)], [])  # the wrap of （一）甲乙
    glyphs += _row(130, [("1.戊己", 90)], ZEROS)
    glyphs += _row(142, [("2.庚辛", 90)], ["7", "0", "0", "0", "0", "0", "7"])
    # a merged group label, centred on its rows: drawn beside the last of them
    glyphs += _row(154, [("（二）", 50), ("3.壬癸", 90)], ["1", "1", "1", "1", "1", "1", "6"])
    found = _found(glyphs)
    assert len(found) == 1
    rows = _texts(found[0].grid)
    assert rows[0][0] == "（一）甲乙\n丙丁" and rows[0][-7:] == ["1", "2", "3", "4", "5", "6", "21"]
    # （二） heads its group from the first row after （一）'s: the rows between have no label
    # starting left of its right edge
    assert rows[1][:2] == ["（二）", "1.戊己"]
    assert rows[2][0] == "2.庚辛" and rows[3][0] == "3.壬癸"
    assert found[0].grid.col_edges is not None and len(found[0].grid.col_edges) == 2 + 1 + 7


def test_prose_with_numbers_is_no_table():
    glyphs = _glyphs("全年共新收申请", 50, 100) + _glyphs("12", 122, 100) + _glyphs("件，结转", 134, 100)
    glyphs += _glyphs("3", 177, 100) + _glyphs("件，答复", 184, 100) + _glyphs("15", 227, 100)
    assert _found(glyphs) == []


def test_a_figure_off_the_columns_is_a_clash_never_a_guess():
    glyphs = []
    for k, top in enumerate((100, 115, 130, 145)):
        glyphs += _row(top, [(f"{k + 1}.子目", 50)], [str(k)] * 7)
    glyphs += _glyphs("9", 200 + 40 * 3 + 12, 115)  # one more figure in row 2, between columns 4 and 5
    rows = _texts(_found(glyphs)[0].grid)
    assert [r[0] for r in rows] == ["1.子目", "2.子目", "3.子目", "4.子目"]
    # two figures in one column: the column has two grid columns under one header cell
    assert rows[1][1:] == ["1", "1", "1", "1", "9", "1", "1", "1"] and rows[0][1:] == ["0"] * 4 + [""] + ["0"] * 3


def test_a_clash_reaches_the_template_as_null_with_a_warning():
    from giaparse.core.reconstruct import reconstruct

    glyphs = _row(85, [], list("甲乙丙丁戊己庚"))  # the header: one leaf label per column
    for k, top in enumerate((100, 115, 130, 145)):
        glyphs += _row(top, [(f"{k + 1}.子目", 50)], [str(k)] * 7)
    glyphs += _glyphs("9", 200 + 40 * 3 + 12, 115)
    table = reconstruct(_found(glyphs)[0].grid)
    assert [c.leaf for c in table.segments[0].columns] == list("甲乙丙丁戊己庚")
    row = table.segments[0].rows[1]
    assert row.unassigned  # the core does not place either figure of the clash


# ------------------------------------------------------------ property --

_CACHE: dict[tuple[str, int], tuple[Path, dict]] = {}


@pytest.fixture(scope="session")
def render(tmp_path_factory):
    def _render(producer: str, seed: int) -> tuple[Path, dict]:
        if producer.startswith("chromium"):
            need("chromium")
        else:
            need("soffice")
            if producer == "pandoc":
                need("pandoc")
        need("cjk-font")
        import make_borderless

        out = tmp_path_factory.mktemp(f"borderless_{producer}_{seed}")
        pdf = make_borderless.render(producer, seed, out)
        return pdf, _label(pdf)
    return _render


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(producer=st.sampled_from(["pandoc", "docx", "chromium", "chromium_plain"]), seed=st.integers(0, 400),
       engine=st.sampled_from(ENGINES))
def test_property_every_cell_right_or_null_with_a_warning(render, producer, seed, engine):
    """Generated data × producer × label widths, font size and page break (from the seed) ×
    engine: every labelled cell right, or null with a warning covering its row; a wrong number
    fails. Renders are cached per (producer, seed)."""
    key = (producer, 7000 + seed)
    if key not in _CACHE:
        _CACHE[key] = render(*key)
    pdf, label = _CACHE[key]
    right, nulls, wrong, bare = _score(pdf, label, engine)
    assert not wrong, wrong
    assert not bare, f"null without a warning: {bare}"
