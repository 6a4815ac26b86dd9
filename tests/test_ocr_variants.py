"""Scans as offices send them, end to end: every cell right, or null with a warning; a wrong number fails.

* A hypothesis property over generated reports in 7-8 pt Song type scanned as
  office / seal / fax / phone (``corpus/generate/make_scans.make_variant_scan``,
  labels from the generating data).
* The table pages of both WPS reports of corpus/real (huaian_2024, whose small
  serif 4 OCR read as 1; hongze_2023, whose table 4 totals are the report's own
  error) rendered by pdftoppm and degraded the four ways, in the test
  (``make_real_scan``, deterministic; the scans are too big to commit), scored
  against the labels read from the documents.

Slow (OCR, a few seconds a page): the property runs few examples.
"""

from __future__ import annotations

import json
import shutil
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.readers.ocr import engine
from giaparse.readers.ocr.reread import tesseract_available

from .conftest import CORPUS

pytest.importorskip("cv2")
pytest.importorskip("pypdfium2")
sys.path.insert(0, str(CORPUS / "generate"))
make_scans = pytest.importorskip("make_scans")

needs_ocr = pytest.mark.skipif(not engine.available(), reason="the ocr extra (rapidocr-onnxruntime) is not installed")
needs_tesseract = pytest.mark.skipif(not tesseract_available(),
                                     reason="tesserocr with Debian's tesseract-ocr (eng model) is not installed")
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                    reason="poppler-utils (pdftoppm) is not installed")
needs_fonts = pytest.mark.skipif(not make_scans.SONG.exists(), reason="fonts-noto-cjk is not installed")


def _flat(tables: dict):
    for t, body in tables.items():
        rows = body.get("items", body) if t == "proactive" and "items" in body else body
        for r, cells in rows.items():
            if isinstance(cells, dict):
                for c, v in cells.items():
                    yield (t, r, c), v


def score(out: dict, label: dict) -> tuple[list, list, int]:
    """(wrong cells, null cells, cells) of an output against its label."""
    got = {k: (v.get("value") if isinstance(v, dict) else None) for k, v in _flat(out["tables"])}
    wrong, null, n = [], [], 0
    for k, want in _flat(label["tables"]):
        n += 1
        g = got.get(k)
        if g is None and want is not None:
            null.append(k)
        elif g != want or type(g) is not type(want):
            wrong.append((".".join(k), want, g))
    return wrong, null, n


def assert_nulls_warned(out: dict, nulls: list) -> None:
    codes = {w["code"] for w in out["warnings"]}
    for table, row, col in nulls:
        assert any(w.get("table") == table and (w.get("row") in (row, None)) for w in out["warnings"]) \
            or "ocr_low_confidence" in codes, f"{table}.{row}.{col} is null without a warning"


@needs_ocr
@needs_tesseract
@needs_fonts
@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(i=st.integers(100, 10_000), variant=st.sampled_from(make_scans.VARIANTS))
def test_generated_small_type_scans_give_no_wrong_number(tmp_path_factory, i, variant):
    path = make_scans.make_variant_scan(i, variant, tmp_path_factory.mktemp("scan"))
    label = json.loads(path.with_name(path.stem + ".label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(path).to_dict()
    wrong, nulls, n = score(out, label)
    assert not wrong, f"{path.name}: OCR gave wrong numbers: {wrong}"
    assert_nulls_warned(out, nulls)
    assert len(nulls) <= 0.1 * n, f"{path.name}: {len(nulls)} of {n} cells null: {nulls}"


@needs_ocr
@needs_tesseract
@needs_pdftoppm
@pytest.mark.parametrize("variant", make_scans.VARIANTS)
@pytest.mark.parametrize("report", ["huaian_2024", "hongze_2023"])
def test_scans_of_the_real_wps_reports_give_no_wrong_number(tmp_path, report, variant):
    # huaian_2024 photographed (once a strict xfail): its 七、总计 row, columns taken by count, is
    # nulled by the template layer (its OCR'd total fails), and carried_over's 34 read 31 broke only the
    # balance through that row. The re-reading sees the withheld row as evidence, and 31 is not output.
    path = make_scans.make_real_scan(CORPUS / "real" / f"{report}.pdf", variant, tmp_path)
    label = json.loads(path.with_name(path.stem + ".label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(path).to_dict()
    wrong, nulls, n = score(out, label)
    assert not wrong, f"{path.name}: OCR gave wrong numbers: {wrong}"
    assert_nulls_warned(out, nulls)
    assert len(nulls) <= 0.25 * n, f"{path.name}: {len(nulls)} of {n} cells null"


def test_a_wrong_number_fails_the_score():
    """The scoring the two tests above rely on counts a wrong number as wrong (and a null as null)."""
    label = {"tables": {"review_litigation": {"review": {"upheld": 447, "total": 4}}}}
    out = {"tables": {"review_litigation": {"review": {"upheld": {"value": 117}, "total": {"value": None}}}}}
    wrong, nulls, n = score(out, label)
    assert wrong == [("review_litigation.review.upheld", 447, 117)]
    assert nulls == [("review_litigation", "review", "total")]


@needs_ocr
@needs_tesseract
@needs_fonts
@pytest.mark.parametrize("i", [2, 8])
def test_a_fax_whose_header_reads_a_broken_zi_keeps_its_natural_person_column(tmp_path, i):
    """On these generated faxes the threshold breaks the top stroke of 自 in the 自然人 header, which OCR
    reads 白然人; the column was lost (23 cells of table 3 null, 'cell not found'); on fax 8 also 社会公益组织
    read 社公公益组织, 结果纠正 read 结果纠止, 尚未审结 read 尚术审结, and the row （一）予以公开 read （一-）以公开.
    Each misread header stands alone where one template column is left between its matched neighbours
    (``match.align_in_order``), and the garbled row number is compared without it (``match.nearest_row``):
    every cell right or null with a warning, and few nulls, the fuzzy matches warned."""
    path = make_scans.make_variant_scan(i, "fax", tmp_path)
    label = json.loads(path.with_name(path.stem + ".label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(path).to_dict()
    wrong, nulls, n = score(out, label)
    assert not wrong, f"{path.name}: OCR gave wrong numbers: {wrong}"
    assert_nulls_warned(out, nulls)
    assert not [k for k in nulls if k[0] == "requests" and k[2] == "natural_person"], nulls
    assert len(nulls) <= 0.05 * n, f"{path.name}: {len(nulls)} of {n} cells null: {nulls}"
    assert any(w["code"] == "label_fuzzy_match" and "column header" in w["message"] for w in out["warnings"])
