"""The PDF reader's output is frozen: every corpus PDF, both engines, byte for byte.

``tests/expected_pdf/`` holds the whole-conversion JSON (``Report.to_json``)
of every ``corpus/**/*.pdf`` on each ``PdfEngine``, written by
``tests/expected_pdf/freeze.py`` from the code before the PDF speed work
(issue 16). Faster paths through the engines, glyphs, lines and tables must
give the same bytes: a changed cell, a moved box in a cell's source, a
changed warning or error message fails here.
"""

from __future__ import annotations

import importlib.util

import pytest

from giaparse.options import PdfEngine

from .conftest import CORPUS, need

EXPECTED = CORPUS.parent / "tests" / "expected_pdf"
spec = importlib.util.spec_from_file_location("freeze_pdf", EXPECTED / "freeze.py")
assert spec is not None and spec.loader is not None
freeze = importlib.util.module_from_spec(spec)
spec.loader.exec_module(freeze)

PDFS = freeze.corpus_pdfs()


def test_every_corpus_pdf_has_a_fixture() -> None:
    assert len(PDFS) >= 28
    wanted = {freeze.fixture_name(p, e) for p in PDFS for e in PdfEngine}
    assert wanted == {p.name for p in EXPECTED.glob("*.json")}


@pytest.mark.parametrize("engine", list(PdfEngine), ids=lambda e: e.value)
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_same_output_as_frozen(pdf, engine) -> None:
    need("cjk-font")  # PDFium draws non-embedded Chinese fonts with an installed face
    if pdf.parent.name == "scan":
        pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra (pip install -e '.[ocr]')")
    expected = (EXPECTED / freeze.fixture_name(pdf, engine)).read_text(encoding="utf-8")
    assert freeze.frozen_output(pdf, engine) == expected
