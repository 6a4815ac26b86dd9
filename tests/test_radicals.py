"""Radical look-alikes (browser prints): ⼀ for 一, ⼆ for 二, ⻅ for 见.

Chromium's and wkhtmltopdf's ToUnicode maps send a glyph that a CJK font
shares between a radical and an ideograph to the radical's (lower) code
point. A generated report with every such ideograph written as its radical
must read exactly as the report itself: numbering (（⼀）), labels and
narrative all fold back.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.text.normalise import clean_cell_text, fold_radicals, label_key
from giaparse.text.numbering import outline_level

from .conftest import CORPUS

sys.path.insert(0, str(CORPUS / "generate"))

from reportdata import random_report, render_html

#: ideograph → the Kangxi radical a browser print writes for it (NFKC's inverse).
LOOK_ALIKE = {unicodedata.normalize("NFKC", chr(cp)): chr(cp) for cp in range(0x2F00, 0x2FD6)}
LOOK_ALIKE.update({"见": "\u2ec5", "长": "\u2ed3", "门": "\u2ed4", "车": "\u2ecb", "页": "\u2eda", "龙": "\u2ef0"})


def as_browser_prints(text: str) -> str:
    return "".join(LOOK_ALIKE.get(ch, ch) for ch in text)


def test_every_kangxi_radical_folds_to_a_unified_ideograph():
    for cp in range(0x2F00, 0x2FD6):
        folded = fold_radicals(chr(cp))
        assert len(folded) == 1 and 0x4E00 <= ord(folded) <= 0x9FFF, hex(cp)


def test_numbering_and_labels_fold():
    assert clean_cell_text("（⼀）予以公开") == "（一）予以公开"
    assert outline_level(clean_cell_text("（⼆）部分公开")) == 2
    assert label_key(as_browser_prints("三、本年度办理结果")) == label_key("三、本年度办理结果")
    assert fold_radicals("⻅⻓⻔") == "见长门"
    assert fold_radicals("⺅") == "⺅"  # a component form stands for no character of its own


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 10_000))
def test_a_report_in_radical_look_alikes_reads_as_the_report(seed):
    data = random_report(seed)
    html = render_html(data, seed)
    disguised = as_browser_prints(html)
    assert disguised != html
    plain = giaparse.parse(html.encode("utf-8"), name="r.html").to_dict()
    seen = giaparse.parse(disguised.encode("utf-8"), name="r.html").to_dict()
    assert seen["tables"] == plain["tables"]
    assert seen["document"] == plain["document"]


def test_a_chromium_print_in_noto_cjk_reads_exactly_on_both_engines(tmp_path):
    """Chromium (Skia) with Noto Sans CJK SC writes ⾃然⼈ for 自然人: pdfminer hands those
    code points on (PDFium unifies them itself); both engines read every cell."""
    import json
    import shutil
    import subprocess

    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (the chromium package)")
    if "Noto Sans CJK SC" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout:
        pytest.skip("Noto Sans CJK SC is not installed (fonts-noto-cjk)")
    import make_pagesplit

    from giaparse.options import ReadOptions
    from giaparse.readers.pdf import PdfReader

    from .test_pagesplit import _compare

    pdf = make_pagesplit.render("chromium", "radicals", 23, tmp_path)
    label = json.loads(pdf.with_suffix(".label.json").read_text(encoding="utf-8"))
    doc = PdfReader(ReadOptions(pdf_engine="pdfminer")).read(pdf.read_bytes(), pdf.name)
    raw = "".join(c.text for b in doc.blocks if hasattr(b, "rows") for row in b.rows for c in row)
    assert any(0x2E80 <= ord(ch) <= 0x2FDF for ch in raw), "the print has no radical look-alikes to fold"
    for engine in ("pypdfium2", "pdfminer"):
        right, nulls, wrong = _compare(giaparse.parse(pdf, options={"pdf_engine": engine}).to_dict(), label)
        assert not wrong and not nulls, (engine, nulls[:5], wrong)
