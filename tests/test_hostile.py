"""Hostile and damaged input (issue 7, points 1–3): each case built here, parsed
in a child process under RLIMIT_AS (1.5 GiB) and a timeout, and held to its
answer — a Report (with the expected warning) or the expected GiaparseError —
within 45 s and 1.5 GB. The bound is a correctness property, not a benchmark.

All cases run once per session, three children at a time.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
import giaparse  # noqa: E402
import hostile  # noqa: E402
from giaparse.core.grid import MAX_COLS, oversized, place_cells  # noqa: E402
from giaparse.document import RawCell, RawGrid  # noqa: E402

pytest.importorskip("pdfplumber")
pytest.importorskip("docx")

REPORT_TABLES = ["proactive", "requests", "review_litigation"]

# case id: (builder, name, args, expected result, expected warning code or message fragment)
CASES = {
    # point 1: limits
    "pdf_5000_pages": ("pdf_many_pages", "x.pdf", (5000,), "LimitExceeded", "--max-pages"),
    # point 2: hostile shapes
    "html_span_999999": ("html_span_bomb", "x.html", (), "report", "table_too_large"),
    "html_row_8000_cells": ("html_wide_row", "x.html", (8000,), "report", "table_too_large"),
    "html_grid_at_the_bounds": ("html_big_grid", "x.html", (166, 60), "report", None),
    "text_row_8000_cells": ("text_wide_row", "x.txt", (8000,), "report", "table_too_large"),
    "docx_gridspan_999999": ("docx_gridspan_bomb", "x.docx", (), "report", "table_too_large"),
    "docx_document_xml_1gib": ("docx_xml_bomb", "x.docx", (1024,), "UnsupportedFormat", "zip bomb"),
    "docx_header_lies": ("docx_xml_bomb", "x.docx", (1024, 4000), "UnsupportedFormat", "document.xml"),
    "docx_media_1gib": ("docx_media_bomb", "x.docx", (1024,), "UnsupportedFormat", "zip bomb"),
    "pdf_flate_bomb_1gib": ("pdf_flate_bomb", "x.pdf", (1024,), "DamagedPdf", "inflates past"),
    "pdf_1m_glyphs": ("pdf_glyph_bomb", "x.pdf", (1_000_000,), "DamagedPdf", "characters"),
    "pdf_xobject_fanout": ("pdf_xobject_fanout", "x.pdf", (), "DamagedPdf", "characters"),
    "pdf_alias_cycle": ("pdf_alias_cycle", "x.pdf", (), "DamagedPdf", "6 0 R → 7 0 R → 6 0 R"),
    "pdf_length_self": ("pdf_self_length", "x.pdf", (), "DamagedPdf", "4 0 R → 4 0 R"),
    "pdf_length_cycle": ("pdf_length_cycle", "x.pdf", (), "DamagedPdf", "reference cycle"),
    "pdf_kids_cycle": ("pdf_kids_cycle", "x.pdf", (), "report", None),
    "pdf_parent_cycle": ("pdf_parent_cycle", "x.pdf", (), "report", None),
    # PDFium (the default engine) stops the cycle silently; pdfminer's complaint is the log test below.
    "pdf_xobject_cycle": ("pdf_xobject_cycle", "x.pdf", (), "report", None),
    # point 3: damaged but readable
    "text_utf8_0xff": ("text_utf8_bad_byte", "x.txt", (), "report", "encoding_guessed"),
    "text_utf8_nul": ("text_utf8_nul", "x.txt", (), "report", None),
    "text_utf8_cut": ("text_utf8_cut", "x.txt", (), "report", "encoding_guessed"),
    "text_gb18030_0xff": ("text_gb18030_bad_byte", "x.txt", (), "report", "encoding_guessed"),
    "html_unclosed_embed": ("html_unclosed_embed", "x.html", (), "report", None),
    "html_1000_divs": ("html_deep", "x.html", (1000,), "report", None),
    "html_3000_divs": ("html_deep", "x.html", (3000,), "report", "content_truncated"),
    "pdf_no_fontbbox": ("pdf_fontbbox_noise", "x.pdf", (), "report", None),
}

# Reports whose tables must all be found despite the hostile part.
FULL_REPORTS = {"html_grid_at_the_bounds", "html_span_999999", "html_row_8000_cells", "text_row_8000_cells", "docx_gridspan_999999", "text_utf8_0xff",
                "text_utf8_nul", "text_utf8_cut", "text_gb18030_0xff", "html_unclosed_embed", "html_1000_divs"}


@pytest.fixture(scope="module")
def answers() -> dict[str, dict]:
    def run(item):
        case, (builder, name, args, _, _) = item
        return case, hostile.run_bounded(builder, name, *args)

    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(pool.map(run, CASES.items()))


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_case_answers_within_bounds(case, answers):
    builder, name, args, expected, marker = CASES[case]
    got = answers[case]
    assert got["result"] == expected, got
    assert got["seconds"] < hostile.TIME_BOUND_S, got
    assert got["maxrss_mb"] < hostile.MEMORY_BOUND_MB, got
    # Nothing reaches standard error: not a traceback, not a third-party log line.
    assert got["stderr"] == "", got["stderr"]
    if expected == "report":
        if marker is not None:
            assert marker in got["warnings"], got
        if case in FULL_REPORTS:
            assert got["kind"] == "annual_report" and got["tables"] == REPORT_TABLES, got
    else:
        assert got["message"].startswith(f"{name}: "), got
        assert marker in got["message"], got
        assert "\n" not in got["message"]


def test_the_page_limit_names_itself_and_is_configurable():
    data = hostile.pdf_many_pages(40)
    with pytest.raises(giaparse.LimitExceeded) as info:
        giaparse.parse(data, name="x.pdf", options={"max_pages": 30})
    assert info.value.limit == "max_pages" and info.value.flag == "--max-pages"
    assert str(info.value) == "x.pdf: the PDF has more than 30 pages (limit max_pages; raise it with --max-pages)"
    # Raised (or off), the same file is read.
    for limit in (40, None):
        with pytest.raises(giaparse.EmptyDocument):  # every page is the same running line: page furniture
            giaparse.parse(data, name="x.pdf", options={"max_pages": limit})


def test_the_byte_limit_answers_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    for source in (path, path.read_bytes()):
        with pytest.raises(giaparse.LimitExceeded) as info:
            giaparse.parse(source, name="big.txt", options={"max_bytes": 4096})
        assert info.value.limit == "max_bytes" and info.value.flag == "--max-bytes"
        assert str(info.value) == ("big.txt: the input is 5,000 bytes, more than 4,096 "
                                   "(limit max_bytes; raise it with --max-bytes)")


def test_span_clamping_is_linear_and_bounded():
    # 8,000 cells, all spanning 999999 both ways: laid out at most MAX_COLS wide, quickly.
    raw = RawGrid([[RawCell("1", 999999, 999999) for _ in range(400)] for _ in range(20)])
    grid = place_cells(raw)
    assert grid.n_cols <= MAX_COLS and grid.n_rows == 20
    assert oversized(raw) is not None
    # A real table with a title cell whose colspan overshoots is not oversized, and keeps its shape.
    table = RawGrid([[RawCell("表", 1, 999999)], [RawCell("a"), RawCell("1"), RawCell("2")]])
    assert oversized(table) is None
    # Clamped to 1000 (HTML's own limit), then the overhang no cell starts in is cut.
    assert place_cells(table).n_cols == 3
    assert [c.text for c in place_cells(table).slots[0]] == ["表"] * 3
    wide = RawGrid([[RawCell(str(i)) for i in range(MAX_COLS + 1)]])
    assert "wider than" in oversized(wide)


def test_the_three_bombs_are_small_on_disk():
    assert len(hostile.pdf_flate_bomb(64)) < 10_000
    with zipfile.ZipFile(io.BytesIO(hostile.docx_xml_bomb(16))) as z:
        info = z.getinfo("word/document.xml")
        assert info.file_size > 16 << 20 and info.compress_size < 100_000


def test_pdfminer_log_lines_become_one_warning_not_stderr(capsys):
    before = list(logging.getLogger("pdfminer").handlers)  # what other tests' log capture left there
    report = giaparse.parse(hostile.pdf_xobject_cycle(), name="x.pdf", options={"pdf_engine": "pdfminer"})
    codes = [w.code.value for w in report.warnings]
    assert codes.count("engine_warnings") == 1
    message = next(w.message for w in report.warnings if w.code.value == "engine_warnings")
    assert "circular reference" in message and "FontBBox" not in message
    assert capsys.readouterr().err == ""
    # Nothing of the read stays attached to pdfminer's logger.
    assert logging.getLogger("pdfminer").handlers == before
    assert logging.getLogger("pdfminer").propagate


def test_damaged_text_keeps_its_text_and_says_so():
    report = giaparse.parse(hostile.text_utf8_bad_byte(), name="x.txt")
    warning = next(w for w in report.warnings if w.code.value == "encoding_guessed")
    assert warning.message == "decoded as UTF-8 with 1 undecodable byte sequence(s) replaced by U+FFFD"
    assert report.source.format.startswith("text")


def test_real_pdfs_pass_the_prescan_quickly():
    """No false alarm: every corpus PDF passes, in well under a second each."""
    import time

    from giaparse.readers.pdf.guard import MAX_GLYPHS_PER_PAGE, prescan

    pdfs = sorted((hostile.CORPUS / "pdf").glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        start = time.monotonic()
        scan = prescan(path.read_bytes(), path.name, max_pages=300)
        assert time.monotonic() - start < 5, path
        assert 1 <= scan.pages <= 300 and scan.max_page_glyphs < MAX_GLYPHS_PER_PAGE / 20, (path, scan)


@settings(max_examples=2000, deadline=None)
@given(st.binary(max_size=60) | st.text(alphabet="0123456789 \n\tobjx/", max_size=60).map(str.encode))
def test_object_headers_are_the_regular_expressions_matches(data: bytes):
    # The pre-scan finds "N G obj" from each literal "obj" backwards; it must find exactly
    # what the plain regular expression finds.
    from giaparse.readers.pdf.guard import _object_headers

    pattern = re.compile(rb"(?<![0-9])(\d{1,10})\s+\d{1,5}\s+obj\b")
    assert _object_headers(data) == [(m.start(), int(m.group(1)), m.end()) for m in pattern.finditer(data)]


def test_pdfminer_log_capture_from_several_threads_leaves_the_logger_as_it_was():
    """Reads on a thread pool overlap: each used to save and restore ``propagate`` in turn, which
    left it off (and the next read's records went nowhere) once two reads overlapped."""
    from concurrent.futures import ThreadPoolExecutor

    logger = logging.getLogger("pdfminer")
    before = (logger.propagate, list(logger.handlers))

    def one(_: int):
        return giaparse.parse(hostile.pdf_xobject_cycle(), name="x.pdf", options={"pdf_engine": "pdfminer"})

    with ThreadPoolExecutor(4) as pool:
        reports = list(pool.map(one, range(12)))
    assert all([w.code.value for w in r.warnings].count("engine_warnings") == 1 for r in reports)
    assert (logger.propagate, list(logger.handlers)) == before
