"""Text that converters made of a report (issue 19): every cell right, or null with a warning.

The Markdown grid path demands evidence: a cell holding several numbers
(``21 0``, markitdown on PDF) is never read as one number and is split only
where the row's arithmetic confirms it; columns taken by their count alone
under an unread header are kept only where the row's total holds; pipe
tables are read a second time as a cell stream, and where the two readings
differ the cell is null.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import giaparse

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "pdftext" / "gen_markitdown_pdf_41_2021.txt"
_COLS = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total")


def _requests_row(text: str, key: str) -> tuple[list, dict]:
    out = giaparse.parse(text.encode("utf-8"), name="x.md").to_dict()
    return [out["tables"]["requests"][key][c]["value"] for c in _COLS], out


@pytest.mark.parametrize("total", ["278", "279"], ids=["total holds", "total fails"])
def test_a_cell_holding_several_numbers_is_never_read_as_one_number(total):
    # markitdown on PDF merged neighbouring cells: | 244 2 | 0 0 | 32 | 0 278 |
    text = SAMPLE.read_text(encoding="utf-8")
    line = "| 一、本年新收政府信息公开申请数量           |         |          | 244 2 | 0 0     | 32    | 0 278 |"
    assert line in text
    values, _ = _requests_row(text.replace(line, line.replace("0 278", f"0 {total}")), "new_received")
    assert 2442 not in values and 0 not in values[6:]
    written = [244, 2, 0, 0, 32, 0, int(total)]
    assert all(v is None or v == w for v, w in zip(values, written, strict=True)), values


def test_a_split_the_row_total_does_not_confirm_is_not_taken_from_the_grid():
    text = SAMPLE.read_text(encoding="utf-8")
    line = "| 二、上年结转政府信息公开申请数量           |         |          | 0 0   | 0 0     | 0     | 0 0   |"
    assert line in text
    # the row's numbers merged and its total broken: the grid may not split it (nothing confirms a split)
    values, out = _requests_row(text.replace(line, line.replace("| 0     |", "| 5     |")), "carried_over")
    assert all(v is None or v == w for v, w in zip(values, [0, 0, 0, 0, 5, 0, 0], strict=True)), values
    assert all(c.get("source", {}).get("placement") != "arithmetic"
               for c in out["tables"]["requests"]["carried_over"].values() if c["value"] is not None)


def test_a_table_2_row_with_figures_past_its_cells_and_no_header_is_null_not_shifted():
    # markitdown on PDF: the header printed as text above, the row's figures in padded columns.
    text = ("某县人民政府办公室2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
            "| 行政规范性文件 |     |     | 26  | 25  |     | 644 |     |\n"
            "| ------- | --- | --- | --- | --- | --- | --- | --- |\n"
            "| 规章 |     |     | 1  | 0  |     | 7 |     |\n")
    out = giaparse.parse(text.encode("utf-8"), name="x.md").to_dict()
    row = out["tables"]["proactive"]["items"]["normative_documents"]
    assert [row[c]["value"] for c in ("issued", "repealed", "in_force")] in ([26, 25, 644], [None] * 3)
    assert row["in_force"]["value"] != 26


# ------------------------------------------------ the real converters --

import json  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

GENERATE = Path(__file__).resolve().parent.parent / "corpus" / "generate"
sys.path.insert(0, str(GENERATE))

import make_converted  # noqa: E402
import styles_cells  # noqa: E402
from reportdata import random_report  # noqa: E402

CONVERTED = sorted((Path(__file__).resolve().parent.parent / "corpus" / "converted").glob("*.txt"))
_TOOLS = ("pandoc", "w3m", "lynx")


def _problems(out: dict, truth: dict) -> tuple[int, int, list[str]]:
    """(right, null, problems): a wrong number, or a null no warning names (by its table)."""
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
                    if table not in warned:
                        problems.append(f"{table}.{row}.{col}: null with no warning")
                else:
                    problems.append(f"WRONG {table}.{row}.{col}: {value!r}, the data says {want!r}")
    return right, null, problems


@pytest.mark.parametrize("doc", CONVERTED, ids=lambda p: p.name)
def test_the_committed_converter_outputs_are_right_or_null_with_a_warning(doc: Path):
    label = json.loads(doc.with_name(doc.stem + ".label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(doc).to_dict()
    assert out["document"]["organ"] == label["document"]["organ"]
    right, null, problems = _problems(out, label["tables"])
    assert not problems, problems[:5]
    assert right >= 0.9 * (right + null), (right, null)


@pytest.mark.skipif(any(shutil.which(t) is None for t in _TOOLS),
                    reason="needs pandoc, w3m and lynx (Debian packages)")
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), edition=st.sampled_from(["2019", "2021"]))
def test_every_converter_and_cell_style_gives_each_cell_right_or_null_with_a_warning(seed, edition):
    # The HTML and DOCX converters on one generated report (the PDF ones: the next test and test_streams).
    data = random_report(seed, edition)
    texts = make_converted.convert(data, seed, pdf=False)
    for style, render in styles_cells.STYLES.items():
        texts[style] = render(data, random.Random(seed))
    for name, text in texts.items():
        truth = (styles_cells.style_truth(name, data, random.Random(seed)) if name in styles_cells.STYLES
                 else data.values())
        out = giaparse.parse(text.encode("utf-8"), name=f"{name}.txt").to_dict()
        _, _, problems = _problems(out, truth)
        assert not [p for p in problems if p.startswith("WRONG")], (name, seed, problems[:5])


@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
                    reason="needs headless Chromium (Debian's chromium) to print the generated reports")
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6))
def test_markdown_from_pdf_has_no_wrong_number(seed):
    data = random_report(seed)
    texts = make_converted.convert(data, seed, only=("markitdown_pdf", "pymupdf4llm"))
    for name, text in texts.items():
        out = giaparse.parse(text.encode("utf-8"), name=f"{name}.txt").to_dict()
        _, _, problems = _problems(out, data.values())
        assert not [p for p in problems if p.startswith("WRONG")], (name, seed, problems[:5])


# ------------------------------------------------ mixed and drawn tables --

from giaparse.pipeline import read_document  # noqa: E402


def _sample(name: str) -> Path:
    return next(p for p in CONVERTED if p.name == name)


def test_a_raw_html_table_inside_markdown_is_read_by_the_html_reader_with_its_spans():
    doc = read_document(_sample("gen_pandoc_gfm_raw_html_61_2021.txt").read_bytes(), "x.md")
    spans = [c.rowspan for g in doc.grids for row in g.rows for c in row]
    assert len(doc.grids) >= 2 and max(spans) > 1   # merged cells kept, as the HTML says
    assert not any("<td" in p.text for p in doc.paragraphs)


def test_a_box_drawn_table_is_read_as_a_grid():
    doc = read_document(_sample("gen_w3m_dump_61_2021.txt").read_bytes(), "x.txt")
    rows = [[c.text for c in row] for g in doc.grids for row in g.rows]
    assert ["一、本年新收政府信息公开申请数量", "32", "6", "0", "0", "0", "1", "39"] in rows


# ------------------------------------------------ metadata on converted text --

_PARTS_TEXT = "\n\n".join(["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                           "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), cut=st.floats(0.05, 0.95), heading=st.sampled_from(["", "# ", "## **"]),
       wrap_year=st.booleans())
def test_organ_title_and_year_through_headings_and_line_wraps(seed, cut, heading, wrap_year):
    data = random_report(seed)
    title = data.title
    k = max(1, min(len(title) - 1, round(cut * len(title))))
    close = "**" if heading.endswith("**") else ""
    head = "\n".join(f"{heading}{part}{close}" for part in (title[:k], title[k:]))
    period = (f"本报告中所列数据的统计期限为{data.year}" + ("\n" if wrap_year else "")
              + f"年1月1日至{data.year}年12月31日。")
    text = f"{head}\n\n{_PARTS_TEXT.replace('一、总体情况', '一、总体情况' + chr(10) + period)}\n"
    out = giaparse.parse(text.encode("utf-8"), name="x.md").to_dict()
    assert out["document"]["organ"] == data.organ, (head, out["document"])
    assert out["document"]["year"] == data.year, (head, out["document"])
    assert out["document"]["title"] == title


def test_the_year_across_a_wrapped_line_without_a_year_in_the_title():
    text = "东江县人民政府办公室政府信息公开工作年度报告\n\n一、总体情况\n本报告统计期限为2024\n年1月1日至12月31日。\n"
    assert giaparse.parse(text.encode("utf-8"), name="x.txt").to_dict()["document"]["year"] == 2024


def test_a_table_the_converter_dropped_is_named_in_a_warning():
    text = ("东江县人民政府办公室2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n[TABLE]\n\n"
            "四、政府信息公开行政复议、行政诉讼情况\n")
    out = giaparse.parse(text.encode("utf-8"), name="x.txt").to_dict()
    assert any("dropped by the converter" in w["message"] and "line(s) 5" in w["message"] for w in out["warnings"])


def test_a_real_pdf_through_pdfplumber_text_has_no_wrong_number():
    # hongze_2023: a label joined over two lines (1.属于国家秘密 / 三 2.其他法律行政止公开) took the next
    # row's figure line as its own; the figure line above its label is still that label's to have.
    import pdfplumber

    doc = Path(__file__).resolve().parent.parent / "corpus" / "real" / "hongze_2023.pdf"
    with pdfplumber.open(doc) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages) + "\n"
    label = json.loads(doc.with_name("hongze_2023.label.json").read_text(encoding="utf-8"))
    truth = {t: v["items"] if t == "proactive" else v for t, v in label["tables"].items()}
    out = giaparse.parse(text.encode("utf-8"), name="hongze.txt").to_dict()
    _, _, problems = _problems(out, truth)
    assert not [p for p in problems if p.startswith("WRONG")], problems[:5]
