"""WPS-exported PDFs through the converters people run: markitdown, pdftotext -layout, pdfplumber's
extract_text() and pymupdf4llm.

markitdown writes a WPS PDF's table 3 as pipe-table fragments with the row labels on lines between
them (``template/fragments.py``); the layout texts wrap labels around their figures and drop
characters (``match.tolerant_key``). Two kinds of evidence:

* the real reports' converter texts, committed in ``corpus/realconv/`` (sources and converter
  versions in its README), scored against the labels typed from the PDFs (``corpus/real``): floors,
  and never a wrong number;
* a hypothesis property over generated WPS-like PDFs (``make_pagesplit.render("wps", …)``: CID fonts,
  the vertical group cell, dropped characters, stray spaces, page breaks in tables 2, 3 and 4) ×
  converter: every labelled cell right, or null with a warning naming its table; a wrong number fails.
  Labels are the generating data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.document import Paragraph, RawCell, RawGrid, SpanInfo
from giaparse.template.fragments import _chain_keys, read_fragments, regions
from giaparse.template.match import tolerant_key
from giaparse.template.rows import request_orders
from giaparse.template.templates import ROW_LABELS, TEMPLATE_2021

from .conftest import CORPUS, REAL, need

REALCONV = CORPUS / "realconv"
TEXTS = sorted(REALCONV.glob("*.txt"))
sys.path.insert(0, str(CORPUS / "generate"))

#: Cells right today (of 186 for hongze_2023, 200 for huaian_2024); a change may only raise them.
FLOORS = {
    "hongze_2023.layout.txt": 179, "hongze_2023.markitdown.txt": 186, "hongze_2023.pdfplumber.txt": 179,
    "hongze_2023.pymupdf4llm.txt": 180,
    "huaian_2024.layout.txt": 200, "huaian_2024.markitdown.txt": 200, "huaian_2024.pdfplumber.txt": 200,
    "huaian_2024.pymupdf4llm.txt": 199,
}


def _truth(label: dict) -> dict:
    return {t: v.get("items", v) if t == "proactive" else v for t, v in label["tables"].items()}


def _problems(out: dict, truth: dict) -> tuple[int, int, list[str]]:
    """(right, null, problems): a wrong number, or a null that no warning of its table names."""
    right = null = 0
    problems = []
    warned = {w.get("table") for w in out["warnings"]}
    for table, rows in truth.items():
        got = out["tables"].get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in rows.items():
            for col, want in cells.items():
                cell = got.get(row, {}).get(col)
                value = cell["value"] if cell else None
                if value == want and type(value) is type(want):
                    right += 1
                elif value is None:
                    null += 1
                    if want is not None and table not in warned:
                        problems.append(f"{table}.{row}.{col}: null with no warning")
                else:
                    problems.append(f"WRONG {table}.{row}.{col}: {value!r}, the document says {want!r}")
    return right, null, problems


def test_every_committed_text_has_a_floor_and_a_source_note():
    readme = (REALCONV / "README.md").read_text(encoding="utf-8")
    assert {p.name for p in TEXTS} == set(FLOORS)
    for name in FLOORS:
        assert name in readme


@pytest.mark.parametrize("doc", TEXTS, ids=lambda p: p.name)
def test_real_wps_report_through_a_converter(doc: Path):
    label = json.loads((REAL / f"{doc.name.split('.')[0]}.label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(doc).to_dict()
    right, null, problems = _problems(out, _truth(label))
    assert not problems, problems[:5]
    assert right >= FLOORS[doc.name], (right, null)


# ------------------------------------------------------------- the family --

CONVERTERS = ("markitdown_pdf", "pdftotext_layout", "pdfplumber_text", "pymupdf4llm")
VARIANTS = ("t2", "t3", "t4", "t2head", "t3head", "t4head")


@pytest.fixture(scope="module")
def convert_wps(tmp_path_factory):
    pytest.importorskip("reportlab")
    for module in ("markitdown", "pdfplumber", "pymupdf4llm"):
        pytest.importorskip(module)
    need("pdftotext", "wqy-zenhei")
    import make_pagesplit
    import pdf_text

    out = tmp_path_factory.mktemp("wps_text")
    cache: dict[tuple[str, int], tuple[dict[str, str], dict]] = {}

    def _convert(variant: str, seed: int) -> tuple[dict[str, str], dict]:
        if (variant, seed) not in cache:
            pdf = make_pagesplit.render("wps", variant, seed, out)
            label = json.loads(pdf.with_suffix(".label.json").read_text(encoding="utf-8"))
            cache[variant, seed] = pdf_text.convert_all(pdf, CONVERTERS), label
        return cache[variant, seed]

    return _convert


# No shrinking: each example renders a PDF and runs four converters (about 2 s); the failing one is reported as is.
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(variant=st.sampled_from(VARIANTS), seed=st.integers(0, 400))
def test_property_generated_wps_pdf_through_each_converter_right_or_null_with_a_warning(convert_wps, variant,
                                                                                        seed):
    """Generated data × where the page break falls × dropped characters and stray spaces (the
    seed) × converter: every labelled cell right, or null with a warning; a wrong number fails."""
    texts, label = convert_wps(variant, 3000 + seed)
    for name, text in texts.items():
        out = giaparse.parse(text.encode("utf-8"), name=f"{name}.txt").to_dict()
        _, _, problems = _problems(out, _truth(label))
        assert not problems, (name, variant, seed, problems[:5])


# ------------------------------------------------------------------ units --

def _para(text: str) -> Paragraph:
    return Paragraph(text)


def _pipe(*rows: list[str]) -> RawGrid:
    return RawGrid([[RawCell(c) for c in row] for row in rows], SpanInfo.UNKNOWN, "pipe table")


_HEAD = ["", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _fragments(label_rows: list[tuple[str, str, list[str]]]) -> list:
    """Blocks: a header fragment, then per row its label line (above or below) and a one-row pipe table."""
    blocks: list = [_para("申请人情况"), _pipe(_HEAD, ["一、本年新收政府信息公开申请数量", "", "3 1", "0 0", "0 0", "4"])]
    for where, label, figures in label_rows:
        if where == "above":
            blocks.append(_para(label))
        blocks.append(_pipe(["", "", *figures]))
        if where == "below":
            blocks.append(_para(label))
    return blocks


def test_label_lines_go_to_their_fragment_by_the_template_order():
    blocks = _fragments([("above", "二、上年结转政府信息公开申请数量", ["1 0", "0 0", "0 0", "1"]),
                         ("above", "（一）予以公开", ["2 1", "0 0", "0 0", "3"]),
                         ("below", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["0 0", "0 0", "0 0", "0"])])
    assert regions(blocks) == [(1, len(blocks))]
    read = read_fragments(blocks[1:], TEMPLATE_2021, request_orders(TEMPLATE_2021)[0])
    assert read is not None and read[1:] == (len(blocks) - 1, [])
    rows = read[0].rows
    assert [r.unassigned for r in rows][:2] == [("3", "1", "0", "0", "0", "0", "4"), ("1", "0", "0", "0", "0", "0", "1")]
    assert all(r.merged and not r.values for r in rows)  # figures never placed here: the arithmetic does it


def test_a_label_between_two_rows_of_figures_that_could_be_either_is_left_unkeyed():
    # row 0 and row 1 each have the one label 予以公开 in reach: no longest chain decides, no sums given.
    options = [{"granted": "（一）予以公开"}, {"granted": "（一）予以公开"}, {"partially_granted": "（二）部分公开"}]
    assert _chain_keys(options, request_orders(TEMPLATE_2021)[0]) == [None, None, "partially_granted"]


def test_the_summed_column_identities_pick_the_chain_where_labels_sit_below_their_figures():
    order, variants = request_orders(TEMPLATE_2021)
    # four rows of figures, three labels each below its figures; the last row is a stray (its label's above).
    options = [{"new_received": "a"}, {"carried_over": "b"}, {"carried_over": "b", "total": "c"},
               {"total": "c", "carried_forward": "d"}, {"carried_forward": "d"}]
    sums = [10.0, 2.0, 12.0, 0.0, 5.0]
    assert _chain_keys(options, order) == ["new_received", None, None, None, None]
    assert _chain_keys(options, order, sums, variants) == ["new_received", "carried_over", "total",
                                                          "carried_forward", None]


@pytest.mark.parametrize(("label", "key"), [
    ("2.其他法律行政止公开", "denied_prohibited_by_law"),          # characters dropped by the text layer
    ("二、上年结政府信息公开申请数量", "carried_over"),
    ("5.要求行政机关确认或重新出", "not_processed_confirmation"),    # wrapped, its figures before the rest
    ("1、申请人无正当理由逾期不补", "other_no_correction"),
    ("三 2.其他法律行政止公开", "denied_prohibited_by_law"),         # the vertical group label's 三 before it
])
def test_a_wrapped_or_clipped_label_fits_exactly_one_row(label, key):
    found = tolerant_key(label, ROW_LABELS)
    assert found is not None and found[0] == key


@pytest.mark.parametrize("label", ["申请人", "1.属于国家", "行政机关不再处理其政府信息公开申请", "其他法律"])
def test_a_label_that_fits_two_rows_or_too_little_is_not_taken(label):
    assert tolerant_key(label, ROW_LABELS) is None


def test_table_3_fragments_end_where_the_reader_put_table_4s_heading_into_its_first_cell():
    # hongze_2023 through markitdown: 四、结转下年度继续办理 and 四、政府信息公开行政复议… floated into table 4's
    # first cell, in the same pipe block as table 3's last rows: table 3 ends there, table 4 stays a grid.
    from giaparse.pipeline import read_document
    from giaparse.template.locate import locate_tables

    doc = read_document((REALCONV / "hongze_2023.markitdown.txt").read_bytes(), "x.md")
    located = locate_tables(doc)
    kinds = [(t.kind, t.table.origin) for t in located]
    assert ("requests", "pipe fragments") in kinds and ("review_litigation", "pipe table") in kinds
    fragments = next(t.table for t in located if t.table.origin == "pipe fragments")
    assert fragments.rows[-1].labels == ("四、结转下年度继续办理",)
