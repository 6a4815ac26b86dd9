"""The decision rules of ``giaparse.reread`` (OCR'd numbers held to the identities and to a second
recogniser), on canonical tables with a scripted re-reader: every rule can fail and one test shows each.

The re-reader stands in for the OCR reader's (crops re-read by rapidocr and Tesseract), so what the
readings say is fixed by the test; tests/test_ocr.py runs the real one on scans.
"""

from __future__ import annotations

from giaparse.checks import run_checks
from giaparse.document import BoundingBox, Provenance
from giaparse.reread import resolve_ocr

COLS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total"]
RESULTS = ["upheld", "corrected", "other", "pending", "total"]


def _cell(v, page=1):
    return {"value": v, "raw": str(v), "source": Provenance(page=page, bbox=BoundingBox(0, 0, 10, 10), confidence=0.99)}


def review(values: dict[str, list[int]]) -> dict:
    return {"review_litigation": {g: {r: _cell(v) for r, v in zip(RESULTS, vs, strict=True)}
                                  for g, vs in values.items()}}


class Script:
    """Readings by cell value: {(group, result): [(recogniser, text), ...]}."""

    def __init__(self, tables, by_cell):
        self.by_source = {id(tables["review_litigation"][g][r]["source"]): rs for (g, r), rs in by_cell.items()}
        self.calls = 0

    def readings(self, source, recognisers=None):
        self.calls += 1
        got = self.by_source.get(id(source), [])
        return [(n, t) for n, t in got if recognisers is None or n in recognisers]


GOOD = {"review": [1, 2, 0, 0, 3], "litigation_direct": [0, 0, 0, 0, 0], "litigation_after_review": [4, 0, 0, 0, 4]}


def _agreeing(tables, over=None):
    """Tesseract agrees on every cell unless told otherwise."""
    out = {}
    for g, cells in tables["review_litigation"].items():
        for r, c in cells.items():
            out[(g, r)] = [("tesseract", str(c["value"]))]
    out.update(over or {})
    return out


def test_a_number_that_breaks_an_identity_is_replaced_by_a_stable_rereading_that_makes_it_hold():
    vals = {**GOOD, "litigation_after_review": [1, 0, 0, 0, 4]}  # a serif 4 read as 1
    t = review(vals)
    rr = Script(t, _agreeing(t, {("litigation_after_review", "upheld"): [
        ("rapidocr x2", "4"), ("rapidocr x3", "1"), ("rapidocr otsu", "4"), ("tesseract", "4")]}))
    warnings = resolve_ocr(t, rr)
    assert t["review_litigation"]["litigation_after_review"]["upheld"]["value"] == 4
    assert t["review_litigation"]["litigation_after_review"]["upheld"]["source"].readings == 3
    assert [w.code.value for w in warnings] == ["ocr_reread"]
    assert "review_litigation.total (litigation_after_review)" in warnings[0].message
    assert all(c["status"] != "fail" for c in run_checks(t))


def test_an_unstable_rereading_is_not_kept_and_the_cells_recognisers_disagree_on_go_null():
    vals = {**GOOD, "litigation_after_review": [1, 0, 0, 0, 4]}
    t = review(vals)
    # Only one re-reading says 4: not stable. Tesseract says 7: the recognisers disagree on the cell.
    rr = Script(t, _agreeing(t, {("litigation_after_review", "upheld"): [
        ("rapidocr x2", "4"), ("rapidocr x3", "1"), ("rapidocr otsu", "9"), ("tesseract", "7")]}))
    warnings = resolve_ocr(t, rr)
    cell = t["review_litigation"]["litigation_after_review"]["upheld"]
    assert cell["value"] is None
    assert [w.code.value for w in warnings] == ["ocr_recognisers_disagree"]
    assert "review_litigation.total (litigation_after_review)" in warnings[0].message
    assert "tesseract '7'" in warnings[0].message
    # The total, read alike by both recognisers, stays.
    assert t["review_litigation"]["litigation_after_review"]["total"]["value"] == 4


def test_the_reports_own_arithmetic_error_stays_when_two_recognisers_agree():
    vals = {**GOOD, "review": [1, 2, 0, 0, 4]}  # the report says 1 + 2 = 4
    t = review(vals)
    warnings = resolve_ocr(t, Script(t, _agreeing(t)))
    assert warnings == []
    assert [c["subject"] for c in run_checks(t) if c["status"] == "fail"] == ["review"]
    assert t["review_litigation"]["review"]["total"]["source"].readings == 2


def test_a_count_never_takes_a_decimal_point():
    vals = {**GOOD}
    t = review(vals)
    t["review_litigation"]["review"]["upheld"] = {**_cell(7.16), "raw": "7.16"}
    t2 = review(vals)
    t2["review_litigation"]["review"]["upheld"] = {**_cell(7.16), "raw": "7.16"}
    # No stable integer re-reading: null, named.
    w = resolve_ocr(t, Script(t, _agreeing(t, {("review", "upheld"): [("rapidocr x2", "7.16"), ("tesseract", "716")]})))
    assert t["review_litigation"]["review"]["upheld"]["value"] is None
    assert any("decimal point" in x.message for x in w)
    # A stable integer re-reading that makes the total hold is kept.
    resolve_ocr(t2, Script(t2, _agreeing(t2, {("review", "upheld"): [("rapidocr x2", "1"), ("tesseract", "1")]})))
    assert t2["review_litigation"]["review"]["upheld"]["value"] == 1


def test_an_unconfirmed_number_two_recognisers_disagree_on_is_null():
    vals = {**GOOD}
    t = review(vals)
    t["review_litigation"]["review"]["other"]["value"] = None  # the group's total check is skipped
    rr = Script(t, _agreeing(t, {("review", "upheld"): [("tesseract", "4")]}))
    warnings = resolve_ocr(t, rr)
    assert t["review_litigation"]["review"]["upheld"]["value"] is None
    assert t["review_litigation"]["review"]["corrected"]["value"] == 2  # read alike by both: kept, two readings
    assert t["review_litigation"]["review"]["corrected"]["source"].readings == 2
    assert [w.code.value for w in warnings] == ["ocr_recognisers_disagree"]


def test_a_document_without_a_rereader_is_left_alone():
    t = review({**GOOD, "review": [1, 2, 0, 0, 4]})
    assert resolve_ocr(t, None) == []
    assert t["review_litigation"]["review"]["total"]["value"] == 4


def _unread(t, g, r):
    cell = t["review_litigation"][g][r]
    cell.update(value=None, raw="", source=Provenance(page=1, bbox=BoundingBox(0, 0, 10, 10), confidence=0.6))


def test_a_cell_left_null_for_low_confidence_is_filled_only_by_a_stable_rereading_the_identities_confirm():
    t = review({**GOOD})
    _unread(t, "review", "corrected")  # 1 + ? + 0 + 0 = 3
    resolve_ocr(t, Script(t, _agreeing(t, {("review", "corrected"): [("rapidocr x2", "2"), ("tesseract", "2")]})))
    assert t["review_litigation"]["review"]["corrected"]["value"] == 2
    # Stable but wrong (the total does not hold with it): stays null.
    t = review({**GOOD})
    _unread(t, "review", "corrected")
    resolve_ocr(t, Script(t, _agreeing(t, {("review", "corrected"): [("rapidocr x2", "7"), ("tesseract", "7")]})))
    assert t["review_litigation"]["review"]["corrected"]["value"] is None
    # Right but read once only (not stable): stays null.
    t = review({**GOOD})
    _unread(t, "review", "corrected")
    resolve_ocr(t, Script(t, _agreeing(t, {("review", "corrected"): [("rapidocr x2", "2"), ("tesseract", "3")]})))
    assert t["review_litigation"]["review"]["corrected"]["value"] is None
