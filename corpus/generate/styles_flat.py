#!/usr/bin/env python3
"""Flattened renderings of a ``ReportData``: the styles tables end up in when
their structure is lost (issue 6).

``STYLES[name](data, rng) -> str`` is the text of a whole report: title,
preamble, six parts, the three tables in that style. The benchmark and the
property test collect every ``corpus/generate/styles_*.py`` module's STYLES.

* ``digit_run_rows`` — each table row one line: its label, then its cells
  run together (``规章000``, ``一、本年新收政府信息公开申请数量1443126701270 1703``…);
  table 4 as one run per group.
* ``run_in_ordinals`` — table 3 as one line: a row's last digit runs into
  the next row's ordinal (``…内部事务信息30000036.属于四类过程性信息``).
* ``one_line_page`` — the whole web page as one line (page.txt exports):
  site chrome, title, narrative, tables as digit runs, footer.
* ``lost_cells`` — tables as pipe rows that dropped their empty cells: a
  zero is written blank and the flattener left it out (seed 003's last row).
* ``table4_one_run`` — tables 2 and 3 as label + space-separated cells,
  table 4 as one run of 15 cells.

Run ``python corpus/generate/styles_flat.py`` to write the committed sample
into corpus/flat/ (deterministic).
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_html import REQ_GROUPS_HEAD, REQ_OTHER_2019, REQ_OTHER_2021, REQ_TOTAL  # noqa: E402
from reportdata import (  # noqa: E402
    REQ_COLS,
    RL_GROUPS,
    RL_HEADS,
    RL_RESULTS,
    ReportData,
    random_report,
    request_row_order,
)

# Table 3 labels as the template prints them (from the generators' one copy of
# the template, make_html); the parent label goes before a group's first sub-row.
ROW_LABELS = {"new_received": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
              **{key: item or group
                 for group, items in REQ_GROUPS_HEAD + [REQ_OTHER_2019, REQ_OTHER_2021, REQ_TOTAL]
                 for key, item in items},
              "carried_forward": "四、结转下年度继续办理"}
PARENTS = {"granted": "三、本年度办理结果", "denied_state_secret": "（三）不予公开",
           "unavailable_not_held": "（四）无法提供", "not_processed_complaint": "（五）不予处理",
           "other_no_correction": "（六）其他处理"}
REQ_HEADER = "申请人情况 自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"
RL_HEADER = ("行政复议 行政诉讼 " + " ".join(RL_HEADS) + " 未经复议直接起诉 复议后起诉 "
             + " ".join(RL_HEADS * 2))

P2021 = [("第二十条第（一）项", "本年制发件数 本年废止件数 现行有效件数",
          [("regulations", "规章"), ("normative_documents", "行政规范性文件")]),
         ("第二十条第（五）项", "本年处理决定数量", [("administrative_licensing", "行政许可")]),
         ("第二十条第（六）项", "本年处理决定数量", [("administrative_penalty", "行政处罚"),
                                              ("administrative_coercion", "行政强制")]),
         ("第二十条第（八）项", "本年收费金额（万元）", [("administrative_fees", "行政事业性收费")])]
P2019 = [("第二十条第（一）项", "本年新制作数量 本年新公开数量 对外公开总数量",
          [("regulations", "规章"), ("normative_documents", "规范性文件")]),
         ("第二十条第（五）项", "上一年项目数量 本年增/减 处理决定数量",
          [("administrative_licensing", "行政许可"), ("other_admin_services", "其他对外管理服务事项")]),
         ("第二十条第（六）项", "上一年项目数量 本年增/减 处理决定数量",
          [("administrative_penalty", "行政处罚"), ("administrative_coercion", "行政强制")]),
         ("第二十条第（八）项", "上一年项目数量 本年增/减", [("administrative_fees", "行政事业性收费")]),
         ("第二十条第（九）项", "采购项目数量 采购总金额", [("centralized_procurement", "政府集中采购")])]

CHROME_TOP = ["首页", "政务公开", "政府信息公开年报", "当前位置：首页 > 政府信息公开 > 年度报告",
              "字号：大 中 小", "打印本页", "关闭窗口"]
CHROME_BOTTOM = ["【打印本页】【关闭窗口】", "主办单位：{organ}", "网站标识码：3301000001",
                 "版权所有 © 2024 ICP备05000000号"]


def _raw(cell) -> str:
    return cell[0]


def _run(texts, sep: str = "") -> str:
    return sep.join(texts)


def _proactive_lines(data: ReportData, sep: str) -> list[str]:
    lines = []
    for head, fields, items in (P2021 if data.edition == "2021" else P2019):
        lines.append(f"{head} 信息内容 {fields}")
        for key, label in items:
            lines.append(label + _run([_raw(c) for c in data.proactive[key].values()], sep))
    return lines


def _request_rows(data: ReportData, sep: str, drop_zero: bool = False) -> list[tuple[str, list[str]]]:
    """(label, cell texts) per row, parent labels as rows of their own (no cells)."""
    out = []
    for key in request_row_order(data.edition):
        if key in PARENTS and not (key == "other_no_correction" and data.edition == "2019"):
            out.append((PARENTS[key], []))
        cells = [_raw(data.requests[key][c]) for c in REQ_COLS]
        if drop_zero:
            cells = [c for c in cells if c != "0"]
        out.append((ROW_LABELS[key], cells))
    return out


def _review_cells(data: ReportData) -> list[list[str]]:
    return [[_raw(data.review[g][r]) for r in RL_RESULTS] for g in RL_GROUPS]


def _narrative(data: ReportData, rng: random.Random) -> dict[int, str]:
    new = data.requests["new_received"]["total"][1]
    return {
        1: (f"本年度，{data.organ}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、"
            f"不公开为例外，全年共收到政府信息公开申请{new}件，持续推进政务公开标准化规范化建设。"),
        5: "存在的主要问题是公开内容的规范性有待加强。下一步将加强业务培训，提升公开质量。",
        6: "本年度未收取信息处理费。无其他需要报告的事项。",
    }


def _preamble(data: ReportData) -> list[str]:
    return [data.title,
            f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。本报告中所列数据的统计期限自"
            f"{data.year}年1月1日起至{data.year}年12月31日止。如对本报告有疑问，请与{data.organ}办公室联系。"]


HEADINGS = {1: "一、总体情况", 2: "二、主动公开政府信息情况", 3: "三、收到和处理政府信息公开申请情况",
            4: "四、政府信息公开行政复议、行政诉讼情况", 5: "五、存在的主要问题及改进情况", 6: "六、其他需要报告的事项"}


def _report(data: ReportData, rng: random.Random, table2: list[str], table3: list[str], table4: list[str]) -> list[str]:
    text = _narrative(data, rng)
    return (_preamble(data) + [HEADINGS[1], text[1], HEADINGS[2]] + table2 + [HEADINGS[3], REQ_HEADER] + table3
            + [HEADINGS[4], RL_HEADER] + table4 + [HEADINGS[5], text[5], HEADINGS[6], text[6]])


def digit_run_rows(data: ReportData, rng: random.Random) -> str:
    table3 = [label + "".join(cells) for label, cells in _request_rows(data, "")]
    table4 = [" ".join("".join(g) for g in _review_cells(data))]
    return "\n".join(_report(data, rng, _proactive_lines(data, ""), table3, table4)) + "\n"


def _table3_one_line(data: ReportData) -> str:
    return "".join(label + "".join(cells) for label, cells in _request_rows(data, ""))


def run_in_ordinals(data: ReportData, rng: random.Random) -> str:
    table4 = [" ".join("".join(g) for g in _review_cells(data))]
    return "\n".join(_report(data, rng, _proactive_lines(data, ""), [_table3_one_line(data)], table4)) + "\n"


def one_line_page(data: ReportData, rng: random.Random) -> str:
    table2 = ["".join(_proactive_lines(data, ""))]
    table4 = ["".join("".join(g) for g in _review_cells(data))]
    body = _report(data, rng, table2, [_table3_one_line(data)], table4)
    top = CHROME_TOP[: rng.randint(2, len(CHROME_TOP))]
    bottom = [b.format(organ=data.organ) for b in CHROME_BOTTOM]
    date = f"发布时间：{data.year + 1}-01-{rng.randint(10, 31):02d} 来源：{data.organ}"
    sep = rng.choice(["", " ", "\u3000"])
    return sep.join(top + [data.title, date] + body[1:] + bottom) + "\n"


def lost_cells(data: ReportData, rng: random.Random) -> str:
    table2 = _proactive_lines(data, " ")  # table 2 keeps its cells: label and cells on a line
    table3 = ["| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"]
    for label, cells in _request_rows(data, "", drop_zero=True):
        table3.append("| " + " | ".join([label] + cells) + " |")
    groups = _review_cells(data)
    table4 = ["| 行政复议 | 行政诉讼 |", "| " + " | ".join(RL_HEADS * 3) + " |",
              "| " + " | ".join(c for g in groups for c in g if c != "0") + " |"]
    lines = _report(data, rng, [""] + table2 + [""], [""] + table3[1:] + [""], [""] + table4 + [""])
    # The table-3 header goes into the pipe table itself.
    i = lines.index(REQ_HEADER)
    lines[i] = ""
    lines.insert(i + 2, table3[0])
    j = lines.index(RL_HEADER)
    lines[j] = ""
    return "\n".join(lines) + "\n"


def table4_one_run(data: ReportData, rng: random.Random) -> str:
    table3 = [" ".join([label] + cells) for label, cells in _request_rows(data, "")]
    table4 = ["".join("".join(g) for g in _review_cells(data))]
    return "\n".join(_report(data, rng, _proactive_lines(data, " "), table3, table4)) + "\n"


STYLES: dict[str, Callable[[ReportData, random.Random], str]] = {
    "digit_run_rows": digit_run_rows,
    "run_in_ordinals": run_in_ordinals,
    "one_line_page": one_line_page,
    "lost_cells": lost_cells,
    "table4_one_run": table4_one_run,
}

SAMPLE_SEEDS = {"digit_run_rows": 11, "run_in_ordinals": 12, "one_line_page": 13, "lost_cells": 14,
                "table4_one_run": 15}
OUT = Path(__file__).resolve().parent.parent / "flat"


def _readable_proactive(data: ReportData) -> dict:
    """Table 2 cells a reader can tell from a digit run: a one-field row, or a run with one
    digit per field (规章000). Other runs (行政规范性文件85175) are left out of the label:
    no rule of the template pins them."""
    out = {}
    for key, cells in data.proactive.items():
        text = "".join(_raw(c) for c in cells.values())
        if len(cells) == 1 or len(text) == len(cells):
            out[key] = {f: c[1] for f, c in cells.items()}
    return out


def write_sample() -> None:
    """One document per digit-run style into corpus/flat/, labelled from the generating data.

    Tables 3 and 4 are labelled in full (their arithmetic pins digit runs);
    table 2 only where the run itself tells the cells (``_readable_proactive``).
    The lost-cells style is left to the property test and the benchmark: the
    empty cells it drops are blank in the document, so no label can say
    which of them a surviving 0 was.
    """
    OUT.mkdir(exist_ok=True)
    for style, seed in SAMPLE_SEEDS.items():
        if style == "lost_cells":
            continue
        data = random_report(seed)
        name = f"gen_{style}_{data.edition}"
        (OUT / f"{name}.txt").write_text(STYLES[style](data, random.Random(seed)), encoding="utf-8")
        label = data.label(f"{name}.txt", labelled_by=f"generating data, corpus/generate/styles_flat.py ({style}, seed {seed})")
        label["tables"]["proactive"] = _readable_proactive(data)
        (OUT / f"{name}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_sample()
