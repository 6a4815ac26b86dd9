#!/usr/bin/env python3
"""Reports as PDF-to-Markdown converters write them, rendered from ``ReportData``.

``STYLES`` maps a style name to ``render(data, rng) -> str``: the whole report
text (title, preamble, the six parts with headings, the three tables in that
style). The numbers written are the data's ``raw`` texts, so the truth of every
cell is ``data.values()``; a style never changes what a cell holds, only how
the table around it is written. Each style is one thing converters really do:

* ``md_grid`` — the baseline: GitHub pipe tables that keep every column,
  merged cells written as empty cells (corpus/text/anning_2020_markdown.md).
* ``md_floating_labels`` — some row labels moved onto their own line(s) above
  a row whose label cells are empty.
* ``md_unlabelled_rows`` — some rows of table 3 lost their label entirely
  (numbers only), between labelled neighbours.
* ``md_spurious_header`` — a converter-made header row: table 3's row labels
  as column heads above the real header, and, at a page break, the first row
  of the new page promoted to a header (with a ``|---|`` line under it).
* ``md_placeholder_headers`` — the header rows replaced by 数据1 … 数据N.
* ``md_split_groups`` — table 3 written as one pipe table per row group.
* ``md_floated_cell`` — in table 2 a two-line cell (``15`` / ``（其中修订 9 件）``)
  floated out of the table onto its own line above its row, which lost it.
* ``md_footers_broken`` — page footers (— 4 —, 第 5 页) inside the tables and
  labels broken mid-word over two rows (（三）不 / 予公开).
* ``md_label_typos`` — labels that deviate from the template: a dropped
  character (6.属于四类过程信息), spaces inside (总 计), a shortened group label
  (（六）其他), a heading typo.

Deterministic: the same data and the same ``random.Random`` state give the
same text.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reportdata import (  # noqa: E402
    PROACTIVE_2019,
    PROACTIVE_2021,
    REQ_COLS,
    RL_GROUPS,
    RL_HEADS,
    RL_RESULTS,
    ReportData,
    req_groups,
)

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
LEAF = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
FOOTERS = ["— {n} —", "- {n} -", "第 {n} 页", "{n}"]

Row = list[str]


# ------------------------------------------------------------------ rows ---

def request_body(data: ReportData) -> list[tuple[str, Row]]:
    """Table 3's body as (row key, 10 cells: three label cells + seven values), template order."""
    req = data.requests

    def vals(key: str) -> Row:
        return [req[key][c][0] for c in REQ_COLS]

    out = [("new_received", ["一、本年新收政府信息公开申请数量", "", ""] + vals("new_received")),
           ("carried_over", ["二、上年结转政府信息公开申请数量", "", ""] + vals("carried_over"))]
    first = True
    for glabel, items in req_groups(data.edition):
        for ii, (key, ilabel) in enumerate(items):
            lead = "三、本年度办理结果" if first else ""
            first = False
            if ilabel is None:
                out.append((key, [lead, glabel, ""] + vals(key)))
            else:
                out.append((key, [lead, glabel if ii == 0 else "", ilabel] + vals(key)))
    out.append(("carried_forward", ["四、结转下年度继续办理", "", ""] + vals("carried_forward")))
    return out


def request_header() -> list[Row]:
    return [[CORNER, "", "", "申请人情况", "", "", "", "", "", ""],
            ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "", ""] + LEAF + [""]]


def proactive_blocks(data: ReportData) -> list[tuple[Row, list[tuple[str, Row]]]]:
    """Table 2 as (title row, [(item key, row)]) per 第二十条 sub-item; rows are 4 cells wide."""
    spec = PROACTIVE_2019 if data.edition == "2019" else PROACTIVE_2021
    out = []
    for sub, cols, items, fields in spec:
        head = ["信息内容"] + cols + [""] * (3 - len(cols))
        rows = [("", head)]
        for key, label in items:
            cells = [label] + [data.proactive[key][f][0] for f in fields]
            rows.append((key, cells + [""] * (4 - len(cells))))
        out.append(([f"第二十条第{sub}项", "", "", ""], rows))
    return out


def review_rows(data: ReportData) -> list[Row]:
    return [["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
            RL_HEADS + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
            [""] * 5 + RL_HEADS * 2,
            [data.review[g][r][0] for g in RL_GROUPS for r in RL_RESULTS]]


# --------------------------------------------------------------- writing ---

def pipe(cells: Row) -> str:
    return "| " + " | ".join(cells) + " |"


def sep(n: int) -> str:
    return "|" + "---|" * n


def gfm(rows: list[Row]) -> list[str]:
    """A GitHub table: the first row is the header, a separator under it."""
    return [pipe(rows[0]), sep(len(rows[0]))] + [pipe(r) for r in rows[1:]]


def proactive_lines(data: ReportData) -> list[str]:
    rows: list[Row] = []
    for title, block in proactive_blocks(data):
        rows.append(title)
        rows.extend(r for _, r in block)
    return gfm(rows)


def review_lines(data: ReportData) -> list[str]:
    return gfm(review_rows(data))


def requests_lines(data: ReportData) -> list[str]:
    return gfm(request_header() + [r for _, r in request_body(data)])


def document(data: ReportData, rng: random.Random, t2: list[str], t3: list[str], t4: list[str],
             headings: list[str] | None = None) -> str:
    """The whole report around three rendered tables."""
    h = headings or HEADINGS
    req = data.requests
    rv = data.review["review"]["total"][0]
    office = data.organ if data.organ.endswith("办公室") else data.organ + "办公室"
    lines = [
        f"# {data.title}", "",
        f"本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据的统计期限自{data.year}年1月1日起至"
        f"{data.year}年12月31日止。如对本报告有疑问，请与{office}联系。", "",
        f"## {h[0]}", "",
        f"{data.year}年，{data.organ}坚持“公开为常态、不公开为例外”原则，全年新收政府信息公开申请"
        f"{req['new_received']['total'][0]}件，办理答复{req['total']['total'][0]}件，"
        f"被申请行政复议{rv}件。", "",
        f"## {h[1]}", "", *t2, "",
        f"## {h[2]}", "", *t3, "",
        f"## {h[3]}", "", *t4, "",
        f"## {h[4]}", "",
        rng.choice(["一是公开内容不够全面；二是政策解读形式单一。下一步将加强培训，提升公开质量。",
                    "存在的主要问题是信息更新不够及时。改进措施：完善发布审核机制，强化考核。"]), "",
        f"## {h[5]}", "",
        "本年度未收取信息处理费，无其他需要报告的事项。", "",
        office, "", f"{data.year + 1}年1月20日", "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- styles ---

def md_grid(data: ReportData, rng: random.Random) -> str:
    return document(data, rng, proactive_lines(data), requests_lines(data), review_lines(data))


def _float_label(cells: Row, rng: random.Random) -> tuple[list[str], Row] | None:
    """The row's only label moved out onto one or two lines; None if the row has two labels."""
    labels = [c for c in cells[:3] if c]
    if len(labels) != 1:
        return None
    label = labels[0]
    if len(label) > 14 and rng.random() < 0.5:
        cut = rng.randint(6, len(label) - 4)
        lines = [label[:cut], label[cut:]]
    else:
        lines = [label]
    return lines, [""] * 3 + cells[3:]


def md_floating_labels(data: ReportData, rng: random.Random) -> str:
    t3 = gfm(request_header())
    for _, cells in request_body(data):
        moved = _float_label(cells, rng) if rng.random() < 0.4 else None
        if moved is None:
            t3.append(pipe(cells))
        else:
            t3.extend(moved[0])
            t3.append(pipe(moved[1]))
    return document(data, rng, proactive_lines(data), t3, review_lines(data))


def md_unlabelled_rows(data: ReportData, rng: random.Random) -> str:
    body = request_body(data)
    # Interior rows only, never two side by side and never one that carries a group label.
    candidates = [i for i in range(1, len(body) - 1) if not body[i][1][1] and not body[i][1][0]]
    rng.shuffle(candidates)
    chosen: set[int] = set()
    for i in candidates:
        if len(chosen) >= rng.randint(1, 3):
            break
        if i - 1 not in chosen and i + 1 not in chosen:
            chosen.add(i)
    t3 = gfm(request_header())
    for i, (_, cells) in enumerate(body):
        t3.append(pipe(["", "", ""] + cells[3:] if i in chosen else cells))
    return document(data, rng, proactive_lines(data), t3, review_lines(data))


def md_spurious_header(data: ReportData, rng: random.Random) -> str:
    body = request_body(data)
    # A converter's own header row: table 3's row labels taken as column heads.
    spurious = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果",
                "四、结转下年度继续办理"] + [""] * 6
    t3 = gfm([spurious] + request_header())
    brk = rng.randint(6, len(body) - 3)
    for i, (_, cells) in enumerate(body):
        if i == brk:
            # Page break: the first row of the new page becomes a header row of a new table.
            t3.extend(["", pipe(cells), sep(len(cells))])
        else:
            t3.append(pipe(cells))
    return document(data, rng, proactive_lines(data), t3, review_lines(data))


def md_placeholder_headers(data: ReportData, rng: random.Random) -> str:
    word = rng.choice(["数据", "列"])
    rows: list[Row] = []
    for title, block in proactive_blocks(data):
        rows.append(title)
        rows.append(["信息内容"] + [f"{word}{k}" for k in range(1, 4)])
        rows.extend(r for key, r in block if key)
    t2 = gfm(rows)
    t3 = gfm([["项目", "", ""] + [f"{word}{k}" for k in range(1, 8)]] + [r for _, r in request_body(data)])
    rv = review_rows(data)
    t4 = gfm([[f"{word}{k}" for k in range(1, 16)], rv[3]])
    return document(data, rng, t2, t3, t4)


def md_split_groups(data: ReportData, rng: random.Random) -> str:
    body = request_body(data)
    t3 = gfm(request_header())
    for i, (_key, cells) in enumerate(body):
        starts_group = i > 0 and (cells[0] or cells[1])
        if starts_group:
            t3.append("")
            if rng.random() < 0.3:
                t3.extend([rng.choice(["续表", "（续）"]), ""])
            t3.extend(gfm([cells]))
        else:
            t3.append(pipe(cells))
    return document(data, rng, proactive_lines(data), t3, review_lines(data))


def md_floated_cell(data: ReportData, rng: random.Random) -> str:
    rows: list[str] = []
    blocks = proactive_blocks(data)
    # One cell of a three-value row (规章 / 规范性文件) floats out with its note.
    target = rng.choice([k for k, _ in blocks[0][1] if k])
    col = rng.randint(1, 3)
    first = True
    for title, block in blocks:
        lines = [title] + [r for _, r in block]
        if first:
            out = [pipe(lines[0]), sep(4)]
            for key, cells in block:
                if key == target:
                    value = cells[col]
                    note = rng.choice(["（其中修订 {k} 件）", "（含修订{k}件）", "(其中新增{k}件)"])
                    out.append(value + note.format(k=rng.randint(0, 9)))
                    cells = cells[:col] + [""] + cells[col + 1:]
                out.append(pipe(cells))
            rows.extend(out)
            first = False
        else:
            rows.extend(pipe(r) for r in lines)
    return document(data, rng, rows, requests_lines(data), review_lines(data))


def _break_label(text: str, rng: random.Random) -> tuple[str, str]:
    body_start = next(i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff" and i >= 2)
    cut = rng.randint(body_start + 1, len(text) - 1)
    return text[:cut], text[cut:]


def md_footers_broken(data: ReportData, rng: random.Random) -> str:
    body = request_body(data)
    page = rng.randint(3, 6)
    footer_at = set(rng.sample(range(2, len(body) - 1), 2))
    broken = set(rng.sample(range(2, len(body) - 1), 2))
    t3 = gfm(request_header())
    for i, (_, cells) in enumerate(body):
        if i in footer_at:
            t3.append(rng.choice(FOOTERS).format(n=page))
            page += 1
        if i in broken:
            k = 2 if cells[2] else (1 if cells[1] else 0)
            head, tail = _break_label(cells[k], rng)
            top = cells[:k] + [head] + cells[k + 1:]
            rest = [""] * k + [tail] + [""] * (len(cells) - k - 1)
            if rng.random() < 0.5:
                t3.extend([pipe(top), pipe(rest)])          # numbers on the first half
            else:
                t3.extend([pipe(top[:3] + [""] * 7), pipe(rest[:3] + cells[3:])])  # on the second
        else:
            t3.append(pipe(cells))
    t2 = proactive_lines(data)
    t2.insert(rng.randint(3, len(t2) - 1), rng.choice(FOOTERS).format(n=page - 1))
    return document(data, rng, t2, t3, review_lines(data))


# Typos as real reports make them: (template label, deviating label).
LABEL_TYPOS = [
    ("6.属于四类过程性信息", "6.属于四类过程信息"),
    ("（七）总计", "（七）总 计"),
    ("（六）其他处理", "（六）其他"),
    ("3.危及“三安全一稳定”", "3.危及“三安全—稳定”"),
    ("4.保护第三方合法权益", "4.保护第三放合法权益"),
    ("7.属于行政执法案卷", "7.属于行政执法卷宗"),
    ("8.属于行政查询事项", "8.属于行政查询事宜"),
    ("2.重复申请", "2.重复申清"),
    ("3.要求提供公开出版物", "3.要求提供公开出版"),
    ("1.本机关不掌握相关政府信息", "1.本机关不掌相关政府信息"),
    ("（二）部分公开", "（二）部份公开"),
]
HEADING_TYPOS = {2: "三、收到和处理政府信息公开申情况", 3: "四、政府信息公开行政复议、行政诉公情况"}


def md_label_typos(data: ReportData, rng: random.Random) -> str:
    typos = dict(rng.sample(LABEL_TYPOS, rng.randint(2, 4)))
    def typo(cell: str) -> str:
        old = next((o for o in typos if cell.startswith(o)), None)  # （二）部分公开（区分处理的…）
        return typos[old] + cell[len(old):] if old else cell

    t3 = gfm(request_header())
    for _, cells in request_body(data):
        t3.append(pipe([typo(c) if i < 3 else c for i, c in enumerate(cells)]))
    headings = list(HEADINGS)
    k = rng.choice([None, 2, 3])
    if k is not None:
        headings[k] = HEADING_TYPOS[k]
    return document(data, rng, proactive_lines(data), t3, review_lines(data), headings)


STYLES: dict[str, Callable[[ReportData, random.Random], str]] = {
    "md_grid": md_grid,
    "md_floating_labels": md_floating_labels,
    "md_unlabelled_rows": md_unlabelled_rows,
    "md_spurious_header": md_spurious_header,
    "md_placeholder_headers": md_placeholder_headers,
    "md_split_groups": md_split_groups,
    "md_floated_cell": md_floated_cell,
    "md_footers_broken": md_footers_broken,
    "md_label_typos": md_label_typos,
}


if __name__ == "__main__":  # python corpus/generate/styles_markdown.py STYLE SEED
    from reportdata import random_report

    style, seed = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0
    print(STYLES[style](random_report(seed), random.Random(seed)))
