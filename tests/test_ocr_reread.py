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


# ----------------------------------------------------- table 3: rows the template layer withheld --

REQ_ROWS = ["new_received", "carried_over", "granted", "partially_granted", "total", "carried_forward"]


def requests(values: dict[str, list[int | None]]) -> dict:
    """Table 3 from applicant columns (np, commercial; the other four 0) and a total per row."""
    out: dict = {}
    for row, (np_, commercial, total) in values.items():
        cells = {c: _cell(0) for c in COLS}
        cells.update(natural_person=_cell(np_), commercial=_cell(commercial), total=_cell(total))
        out[row] = cells
    return {"requests": out}


class ReqScript:
    """Readings by (row, column) of table 3; every other cell read alike by Tesseract."""

    def __init__(self, tables, over):
        self.by_source = {}
        for r, cells in tables["requests"].items():
            for c, cell in cells.items():
                read = cell.get("withheld") or cell  # a withheld cell's reading, else the cell's
                if read.get("source") is not None:
                    v = "" if read["value"] is None else str(read["value"])
                    self.by_source[id(read["source"])] = over.get((r, c), [("tesseract", v)])

    def readings(self, source, recognisers=None):
        got = self.by_source.get(id(source), [])
        return [(n, t) for n, t in got if recognisers is None or n in recognisers]


def test_a_row_withheld_for_want_of_confirmation_is_evidence_for_the_rereading_but_is_not_output():
    """huaian_2024 photographed: 七、总计's columns were taken by count and its OCR'd total fails, so the
    template layer nulls the row; carried_over's 34 read 31 (its own total unread) then broke only the
    balance through that row. The withheld row is evidence here: the balance fails with 31, the stable
    re-reading 34 makes it hold; the row itself stays null, and no warning speaks of its cells."""
    from giaparse.template.mapping import confirm_rows

    t = requests({"new_received": [30, 0, 30], "carried_over": [1, 0, None], "granted": [20, 0, 20],
                  "partially_granted": [14, 0, 14], "total": [34, 5, 34], "carried_forward": [0, 0, 0]})
    unread = t["requests"]["carried_over"]["total"]
    unread.update(value=None, raw="", source=Provenance(page=1, bbox=BoundingBox(0, 0, 10, 10), confidence=0.6))
    confirm_rows(t, {"requests": {"total": "columns taken by their count, the header unread"}})
    assert all(c["value"] is None for c in t["requests"]["total"].values())  # the converters' rule, unchanged
    rr = ReqScript(t, {("carried_over", "natural_person"): [("rapidocr x2", "4"), ("rapidocr x3", "4"),
                                                            ("rapidocr otsu", "1"), ("tesseract", "1")],
                       ("total", "commercial"): [("rapidocr x2", "0"), ("rapidocr x3", "0"), ("tesseract", "0")],
                       ("carried_over", "total"): [("rapidocr x2", "4"), ("tesseract", "4")]})
    warnings = resolve_ocr(t, rr)
    assert t["requests"]["carried_over"]["natural_person"]["value"] == 4
    assert all(c["value"] is None for c in t["requests"]["total"].values())
    assert all(c["withheld"]["value"] is not None for c in t["requests"]["total"].values())
    assert not [w for w in warnings if w.row == "total"]
    assert any(w.code.value == "ocr_reread" and w.row == "carried_over" and "requests.balance" in w.message
               for w in warnings)


def test_without_the_withheld_row_the_misread_survives_on_two_readings():
    """The same table with 七、总计 simply absent: nothing checks carried_over's 1, both recognisers read
    1, and it is kept (two readings). The test above differs only by the withheld row: it is what
    catches the misreading."""
    t = requests({"new_received": [30, 0, 30], "carried_over": [1, 0, None], "granted": [20, 0, 20],
                  "partially_granted": [14, 0, 14], "carried_forward": [0, 0, 0]})
    t["requests"]["carried_over"]["total"].update(value=None, raw="", source=Provenance(
        page=1, bbox=BoundingBox(0, 0, 10, 10), confidence=0.6))
    rr = ReqScript(t, {("carried_over", "natural_person"): [("rapidocr x2", "4"), ("rapidocr x3", "4"),
                                                            ("rapidocr otsu", "1"), ("tesseract", "1")]})
    resolve_ocr(t, rr)
    assert t["requests"]["carried_over"]["natural_person"]["value"] == 1


def test_a_term_of_a_failing_identity_that_another_identity_confirms_stays():
    """partially_granted's 4 read 1 breaks its row total and the column's 七、总计 sum; Tesseract reads
    it 7 (disagrees): null. granted's 20, a term of the same failing column sum, is confirmed by its
    own row total: it stays, though Tesseract read nothing."""
    t = requests({"new_received": [34, 0, 34], "carried_over": [0, 0, 0], "granted": [20, 0, 20],
                  "partially_granted": [11, 0, 14], "total": [34, 0, 34], "carried_forward": [0, 0, 0]})
    rr = ReqScript(t, {("partially_granted", "natural_person"): [("rapidocr x2", "11"), ("tesseract", "17")],
                       ("granted", "natural_person"): [("rapidocr x2", "20"), ("tesseract", "")]})
    resolve_ocr(t, rr)
    assert t["requests"]["partially_granted"]["natural_person"]["value"] is None
    assert t["requests"]["granted"]["natural_person"]["value"] == 20


def test_a_low_confidence_note_on_a_cell_a_rereading_filled_no_longer_says_left_blank():
    from giaparse.diagnostics import ParseWarning, WarningCode

    t = review({**GOOD})
    _unread(t, "review", "corrected")
    _unread(t, "litigation_after_review", "upheld")
    rr = Script(t, _agreeing(t, {("review", "corrected"): [("rapidocr x2", "2"), ("tesseract", "2")],
                                 ("litigation_after_review", "upheld"): [("rapidocr x2", "9")]}))
    filled_note = "page 1, table 2, row 3, column 3: read '2' with confidence 0.61 (below 0.80); left blank"
    other_note = "page 1, table 2, row 5, column 2: read '4' with confidence 0.55 (below 0.80); left blank"
    # As the OCR reader's re-reader does: the note found by the cell's page and box.
    boxes = {("review", "corrected"): BoundingBox(0, 30, 10, 40), ("litigation_after_review", "upheld"): None}
    boxes[("litigation_after_review", "upheld")] = BoundingBox(20, 50, 30, 60)
    for (g, r), box in boxes.items():
        cell = t["review_litigation"][g][r]
        old = cell["source"]
        cell["source"] = Provenance(page=1, bbox=box, confidence=old.confidence)
        rr.by_source[id(cell["source"])] = rr.by_source.pop(id(old))
    notes = {(1, boxes[("review", "corrected")]): filled_note,
             (1, boxes[("litigation_after_review", "upheld")]): other_note}
    rr.unread_note = lambda source: notes.get((source.page, source.bbox))
    earlier = [ParseWarning(WarningCode.OCR_LOW_CONFIDENCE, "2 table cell(s) read with low confidence were left "
                            f"null: {filled_note}; {other_note}", pages=[1])]
    out = resolve_ocr(t, rr, earlier)
    [low] = [w for w in out if w.code is WarningCode.OCR_LOW_CONFIDENCE]
    assert low.message.startswith("2 table cell(s) read with low confidence: 1 left null, 1 filled")
    assert "row 3, column 3: read '2' with confidence 0.61 (below 0.80); filled by re-reading as 2" in low.message
    assert other_note in low.message  # the cell still null: its note still says so
    assert any(w.code is WarningCode.OCR_REREAD for w in out)
