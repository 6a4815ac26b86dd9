"""Scanned tables continued over a page go through the same column mapping as text PDFs.

The scans (corpus/scan/scan*_pagesplit_*.pdf, corpus/generate/make_scan_pagesplit.py)
are corpus/pagesplit/ PDFs, table 3 (政府信息公开申请情况) broken across a
page, printed and scanned: office 200 dpi grey turned, a red seal over the
value columns, a 300 dpi black-and-white fax. Their labels are the source
PDFs' generating data, unchanged. Each scan, parsed: every labelled cell is
right or null with a warning, none wrong, at least 90 % right; and table 3
is one table read from both pages (its first rows on the page where it
starts, its last rows — 总计, 结转下年度继续办理 — on the next).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

import giaparse
from giaparse.readers.ocr import engine

from .conftest import CORPUS

SCANS = sorted((CORPUS / "scan").glob("scan*_pagesplit_*.pdf"))
RIGHT_FLOOR = 0.9

pytestmark = pytest.mark.skipif(not engine.available(), reason="the ocr extra (rapidocr-onnxruntime) is not installed")


@functools.cache
def _parsed(scan: Path) -> tuple[dict, dict]:
    label = json.loads(scan.with_name(scan.stem + ".label.json").read_text(encoding="utf-8"))
    return label, giaparse.parse(scan).to_dict()


def _cells(tables: dict, label_tables: dict):
    for table, rows in label_tables.items():
        got = tables.get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in rows.items():
            for col, value in cells.items():
                cell = got.get(row, {}).get(col)
                yield table, row, col, value, None if cell is None else cell["value"]


def test_the_pagesplit_scans_are_committed():
    assert len(SCANS) >= 2
    assert all(p.stat().st_size < 1_000_000 for p in SCANS)


@pytest.mark.parametrize("scan", SCANS, ids=lambda p: p.name)
def test_every_cell_is_right_or_null_with_a_warning(scan: Path):
    label, out = _parsed(scan)
    assert out["document"]["template"] == label["document"]["template"]
    codes = {w["code"] for w in out["warnings"]}
    assert "ocr_used" in codes
    results = list(_cells(out["tables"], label["tables"]))
    wrong = [(t, r, c, want, got) for t, r, c, want, got in results if got is not None and got != want]
    assert not wrong, f"OCR gave wrong numbers: {wrong}"
    right = sum(got == want for *_, want, got in results)
    assert right >= RIGHT_FLOOR * len(results), f"{right} of {len(results)} right"
    for table, row, _col, want, got in results:
        if got is None and want is not None:  # a null is never silent
            assert any(w.get("table") == table and w.get("row") in (row, None) for w in out["warnings"]) \
                or "ocr_low_confidence" in codes, (table, row)
    assert not [c for c in out["checks"] if c["status"] == "fail"]


@pytest.mark.parametrize("scan", SCANS, ids=lambda p: p.name)
def test_table_3_is_joined_across_the_page_break(scan: Path):
    label, out = _parsed(scan)
    requests = out["tables"]["requests"]

    def page(row: str) -> int:
        pages = {c["source"]["page"] for c in requests[row].values() if c["value"] is not None}
        assert len(pages) == 1, (row, pages)  # a row is read on one page
        return pages.pop()

    first, last = page("new_received"), page("carried_forward")
    assert last == first + 1, (first, last)
    assert page("total") == last
    after = [row for row in label["tables"]["requests"] if row in requests and page(row) == last]
    assert len(after) >= 5, after
    # The rows after the break are read into the columns the header on the first page named.
    for row in ("total", "carried_forward"):
        want = label["tables"]["requests"][row]
        got = {col: cell["value"] for col, cell in requests[row].items()}
        assert {c: v for c, v in got.items() if v is not None} == {c: want[c] for c, v in got.items() if v is not None}
        assert sum(v is not None for v in got.values()) >= len(want) - 1, (row, got)
