"""PDF-to-Markdown conversions and labels off the template's wording (issue 6, points 4–5).

The property renders generated report data (``corpus/generate/reportdata.py``)
in every style of ``corpus/generate/styles_markdown.py`` and parses it: each
cell must equal the data it was rendered from, or be null with a warning on
its row or table. A wrong number fails. The unit tests pin each rule on a
small hand-written case, including the ones where the answer must be "not
assigned" rather than a guess.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.core.converter import is_label_row_as_header, is_placeholder_head
from giaparse.document import RawGrid
from giaparse.readers.text import text_to_blocks
from giaparse.schema import load_schema
from giaparse.template.match import nearest_row
from giaparse.template.templates import ROW_LABELS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus" / "generate"))

from reportdata import REQ_COLS, random_report  # noqa: E402
from styles_markdown import STYLES, md_grid  # noqa: E402

# The row keys each table's canonical labels may use.
REQUEST_KEYS = {k: v for k, v in ROW_LABELS.items() if not k.startswith(("regul", "normative", "administrative",
                                                                          "other_admin", "centralized"))}


def _parse(text: str) -> dict:
    return giaparse.parse(text.encode("utf-8"), name="report.md").to_dict()


def _wrong_cells(data, out: dict) -> list[tuple]:
    """Cells that are neither the truth nor null with a warning on their row or table."""
    warned = defaultdict(set)
    for w in out["warnings"]:
        warned[(w.get("table"), w.get("row"))].add(w["code"])
    wrong = []
    for table, rows in data.values().items():
        got = out["tables"].get(table)
        assert got is not None, f"{table} not found"
        if table == "proactive":
            got = got["items"]
        for row, cols in rows.items():
            for col, truth in cols.items():
                cell = (got.get(row) or {}).get(col)
                value = cell["value"] if cell else None
                if value == truth:
                    continue
                if value is None and (warned[(table, row)] or warned[(table, None)]):
                    continue
                wrong.append((table, row, col, truth, value))
    return wrong


@settings(max_examples=45, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), style=st.sampled_from(sorted(STYLES)))
def test_every_style_gives_the_truth_or_null_with_a_warning(seed, style):
    data = random_report(seed)
    out = _parse(STYLES[style](data, random.Random(seed)))
    assert out["document"]["template"] == data.edition
    assert _wrong_cells(data, out) == []


@pytest.mark.parametrize("style", sorted(STYLES))
def test_each_style_on_fixed_seeds_is_exact(style):
    """On these seeds every style is read completely: nothing null, nothing wrong."""
    for seed in (1, 2, 3):
        data = random_report(seed)
        out = _parse(STYLES[style](data, random.Random(seed)))
        jsonschema.validate(out, load_schema())
        tables = out["tables"]
        got = {"proactive": {k: {f: c["value"] for f, c in v.items()} for k, v in tables["proactive"]["items"].items()},
               "requests": {k: {f: c["value"] for f, c in v.items()} for k, v in tables["requests"].items()},
               "review_litigation": {k: {f: c["value"] for f, c in v.items()}
                                     for k, v in tables["review_litigation"].items()}}
        assert got == data.values(), (style, seed)
        assert all(c["status"] == "pass" for c in out["checks"]), (style, seed)


# ------------------------------------------------------------ converter rows --

def test_placeholder_heads_and_label_rows_as_headers_are_recognised():
    assert is_placeholder_head("数据1") and is_placeholder_head("列 12") and is_placeholder_head("Column 3")
    assert not is_placeholder_head("数据") and not is_placeholder_head("自然人")
    assert is_label_row_as_header(["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", ""])
    # One label per level with numbers is a body row; levels that differ are a path.
    assert not is_label_row_as_header(["三、本年度办理结果", "（一）予以公开", "2"])
    assert not is_label_row_as_header(["三、本年度办理结果", "（一）予以公开"])


def test_floated_cell_goes_back_into_the_one_empty_cell_of_its_row():
    text = ("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
            "| 规章 | 0 | 0 | 0 |\n15（其中修订 9 件）\n| 行政规范性文件 | 20 |  | 156 |\n")
    grid = next(b for b in text_to_blocks(text) if isinstance(b, RawGrid))
    assert grid.texts()[-1] == ["行政规范性文件", "20", "15（其中修订 9 件）", "156"]


def test_floated_value_above_a_row_with_two_empty_cells_is_not_placed():
    text = ("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
            "| 规章 | 0 | 0 | 0 |\n15（其中修订 9 件）\n| 行政规范性文件 |  |  | 156 |\n")
    grids = [b for b in text_to_blocks(text) if isinstance(b, RawGrid)]
    assert all("15（其中修订 9 件）" not in row for g in grids for row in g.texts())


# ------------------------------------------------------- tolerant comparison --

@pytest.mark.parametrize("label,key", [
    ("6.属于四类过程信息", "denied_process_info"),
    ("（六）其他", "other"),
    ("7.属于行政执法卷宗", "denied_enforcement_files"),
    ("（二）部份公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted"),
])
def test_deviating_labels_are_clearly_nearest_their_row(label, key):
    near = nearest_row(label, REQUEST_KEYS)
    assert near.clear and near.key == key


def test_a_label_near_no_row_is_not_taken():
    assert not nearest_row("（七）合计数", REQUEST_KEYS).clear
    assert not nearest_row("备注", REQUEST_KEYS).clear


def _table3(rows: list[list[str]], edition: str = "2019") -> str:
    """A minimal report whose table 3 is ``rows`` (three label cells + seven numbers each)."""
    data = random_report(5, edition)
    text = md_grid(data, random.Random(5))
    head, rest = text.split("## 三、收到和处理政府信息公开申请情况", 1)
    _, tail = rest.split("## 四、", 1)
    table = ["| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  | 申请人情况 |" + " |" * 6,
             "|---|" * 1 + "---|" * 9,
             "|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |",
             "|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |"]
    table += ["| " + " | ".join(r) + " |" for r in rows]
    return head + "## 三、收到和处理政府信息公开申请情况\n\n" + "\n".join(table) + "\n\n## 四、" + tail


def _row(labels: tuple[str, str, str], n: int) -> list[str]:
    return list(labels) + [str(n)] * 6 + [str(6 * n)]


def test_typo_label_is_taken_with_a_warning_naming_label_and_row():
    rows = [_row(("", "", "5.属于三类内部事务信息"), 1), _row(("", "", "6.属于四类过程信息"), 2),
            _row(("", "", "7.属于行政执法案卷"), 3)]
    out = _parse(_table3(rows))
    assert out["tables"]["requests"]["denied_process_info"]["natural_person"]["value"] == 2
    fuzzy = [w for w in out["warnings"] if w["code"] == "label_fuzzy_match"]
    assert len(fuzzy) == 1 and fuzzy[0]["rows"] == ["denied_process_info"]
    assert "6.属于四类过程信息" in fuzzy[0]["message"] and "6.属于四类过程性信息" in fuzzy[0]["message"]


def test_typo_label_out_of_place_is_not_taken():
    # 6.属于四类过程信息 between 1. and 2. of 无法提供: the nearest row is not where the row stands.
    rows = [_row(("", "（四）无法提供", "1.本机关不掌握相关政府信息"), 1), _row(("", "", "6.属于四类过程信息"), 2),
            _row(("", "", "2.没有现成信息需要另行制作"), 3)]
    out = _parse(_table3(rows))
    assert out["tables"]["requests"]["denied_process_info"]["natural_person"]["value"] is None
    assert not [w for w in out["warnings"] if w["code"] == "label_fuzzy_match"]
    assert any(w["code"] == "row_missing" and "denied_process_info" in w.get("rows", []) for w in out["warnings"])


def test_unlabelled_rows_fill_the_gap_only_when_the_count_matches():
    exact = [_row(("", "（四）无法提供", "1.本机关不掌握相关政府信息"), 1), _row(("", "", ""), 2),
             _row(("", "", "3.补正后申请内容仍不明确"), 3)]
    out = _parse(_table3(exact))
    assert out["tables"]["requests"]["unavailable_needs_creation"]["natural_person"]["value"] == 2
    assert any(w["code"] == "row_by_position" and w["rows"] == ["unavailable_needs_creation"] for w in out["warnings"])
    # Two rows of numbers where the template has one row: neither is assigned.
    short = [_row(("", "（四）无法提供", "1.本机关不掌握相关政府信息"), 1), _row(("", "", ""), 2), _row(("", "", ""), 4),
             _row(("", "", "3.补正后申请内容仍不明确"), 3)]
    out = _parse(_table3(short))
    req = out["tables"]["requests"]
    assert req["unavailable_needs_creation"]["natural_person"]["value"] is None
    assert req["unavailable_unclear"]["natural_person"]["value"] == 3
    assert not [w for w in out["warnings"] if w["code"] == "row_by_position"]
    assert any(w["code"] == "row_unmatched" and "2 row(s) of numbers without a label" in w["message"]
               for w in out["warnings"])


def test_spaces_inside_labels_and_shortened_group_label():
    rows = [_row(("", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"), 1), _row(("", "（六）其他", ""), 2),
            _row(("", "（七）总 计", ""), 3)]
    out = _parse(_table3(rows))
    req = out["tables"]["requests"]
    assert req["other"]["total"]["value"] == 12 and req["total"]["total"]["value"] == 18
    assert [w["rows"] for w in out["warnings"] if w["code"] == "label_fuzzy_match"] == [["other"]]


def test_label_broken_over_two_rows_is_one_row():
    rows = [_row(("", "（五）不予处理", "1.信访举报"), 0)[:3] + [""] * 7, _row(("", "", "投诉类申请"), 4),
            _row(("", "", "2.重复申请"), 5)]
    out = _parse(_table3(rows))
    req = out["tables"]["requests"]
    assert req["not_processed_complaint"]["natural_person"]["value"] == 4
    assert req["not_processed_repeat"]["natural_person"]["value"] == 5


# ------------------------------------------------ 2021: （六）其他处理 as one row --

def test_2021_report_with_one_other_row_maps_it_to_other_and_checks_use_it():
    data = random_report(11, "2021")
    subs = ("other_no_correction", "other_no_fee", "other_misc")
    sums = {c: sum(data.requests[k][c][1] for k in subs) for c in REQ_COLS}
    lines = []
    for line in md_grid(data, random.Random(11)).split("\n"):
        if "逾期不补正" in line:
            lines.append("|  | （六）其他处理 |  | " + " | ".join(str(sums[c]) for c in REQ_COLS) + " |")
        elif "收费通知" in line or "| 3.其他 |" in line:
            continue
        else:
            lines.append(line)
    out = _parse("\n".join(lines))
    jsonschema.validate(out, load_schema())
    req = out["tables"]["requests"]
    keys = list(req)
    assert "other" in keys and not set(subs) & set(keys)
    assert keys.index("not_processed_confirmation") + 1 == keys.index("other") == keys.index("total") - 1
    assert {c: req["other"][c]["value"] for c in REQ_COLS} == sums
    total_is_sum = [c for c in out["checks"] if c["id"] == "requests.total_is_sum"]
    assert all("other" in c["right"]["terms"] and c["status"] == "pass" for c in total_is_sum)
    assert any(c["id"] == "requests.row_total" and c["subject"] == "other" for c in out["checks"])
    assert not [w for w in out["warnings"] if w["code"] == "row_missing"]


def test_2021_group_label_row_without_numbers_is_not_other():
    data = random_report(11, "2021")
    text = md_grid(data, random.Random(11)).replace(
        "|  | （六）其他处理 | 1.申请人", "|  | （六）其他处理 |  |" + "  |" * 7 + "\n|  |  | 1.申请人")
    req = _parse(text)["tables"]["requests"]
    assert "other" not in req
    assert req["other_misc"]["total"]["value"] == data.requests["other_misc"]["total"][1]
