#!/usr/bin/env python3
"""Write the generated HTML pages of corpus/html/ and their label files.

Run from the repository root (or anywhere):

    python corpus/generate/make_html.py

Every page is a complete government-CMS article page (head with <script> and
<style>, header, nav bar, breadcrumb, article, share buttons, footer) holding
one 政府信息公开工作年度报告 with the six parts and the three tables rebuilt with
the real merged-cell structure (rowspan/colspan) of the State Council
templates.  The numbers come from a seeded ``random.Random`` per page, and the
label file ``<stem>.label.json`` is written from the very data the tables were
rendered from, so labels and pages cannot disagree.  The output is
deterministic: no clock, no hash-order iteration, same bytes on every run.
Organ names are fictional but follow real naming patterns.

The pages and the hard case each one holds:

1. ``2019_county_utf8.html`` -- 2019 template, UTF-8 (``<meta charset>``),
   county government.  The baseline: every table complete, arithmetic
   consistent.  CMS cell markup (``<td><p><span style="font-family:宋体">``),
   long labels broken with ``<br>``, ``&nbsp;`` padding around some numbers,
   change column written ``增3`` / ``减2`` / ``0``, procurement amount with a
   ``万元`` unit inside the cell.

2. ``2021_city_gbk.html`` -- 2021 template, bytes encoded GBK (only GB2312
   characters), declared with ``<meta http-equiv ... charset=gb2312>``, CRLF
   line ends.  Table 3's narrow header cells are written vertically, one
   character (or two) per line (``商<br>业<br>企<br>业``, ``社会<br>公益<br>组织``);
   full-width-space padding in some cells; fee amount ``12.35`` with the unit
   only in the column header (万元).

3. ``2021_nested_spam.html`` -- 2021 template inside an old table-based page
   layout (outer layout ``<table>``: a left-menu ``<td>`` and an article
   ``<td>``; the data tables sit inside that ``<td>``).  Injected gambling
   spam: visible ``<p>`` ads between report paragraphs and a hidden
   ``<div style="display:none">`` block of spam links.  Table 3's label and
   header text is split into one-character ``<span>``s, and the row-group cell
   "三、本年度办理结果" is split into TWO stacked rowspan cells with the same
   text (one over （一）…（三）, one over （四）…（七）).

4. ``2019_arith_error.html`` -- 2019 template with deliberate errors and
   null cells.  Table 3: the （七）总计 cell for 自然人 is one more than the sum
   of the result rows (the other rows, and the 总计 column, were computed from
   the true numbers, so ``requests.total_is_sum`` fails for natural_person,
   ``requests.row_total`` fails for the total row and ``requests.balance``
   fails for natural_person).  Table 4: the 行政复议 总计 is wrong.  Null
   cells: blank (the whole 科研机构 column of table 3), ``-`` (规章 row and
   some 社会公益组织 cells), ``无`` (fees change), ``/`` (其他对外管理服务事项
   change), ``—`` (复议后起诉 group of table 4).  Procurement money written
   in yuan, ``502529227.9元`` (label 50252.92279 万元); one number with a
   thousands separator (``12,386``).

5. ``2021_split_headers.html`` -- 2021 template, UTF-8 with a BOM.  Table 2
   is four separate ``<table>``s, one per 第二十条 sub-item, with short
   paragraphs between them.  Table 3 uses half-width parentheses ``(三)`` and
   straight quotes ``危及"三安全一稳定"``.  Headings renamed as real variants
   do (二、行政机关主动公开政府信息情况 / 三、行政机关收到和处理… /
   四、因政府信息公开工作被申请行政复议、提起行政诉讼情况 /
   五、政府信息公开工作存在的主要问题及改进情况) and part six renumbered
   （六）其他需要报告的事项.  Table 4's header cells are truncated as in the
   seed 004 (结果维持 / 结果 / 其他 / 尚未 / 总计, leaf row 结果 / 结果 / 其他 /
   尚未 / 总计): columns must be assigned by position.

6. ``2019_colspan_misaligned.html`` -- 2019 template pasted from Word's
   "save as HTML" (MsoNormal paragraphs, unquoted attributes).  In table 3
   every applicant header cell spans two grid columns (colspan=2) while each
   body row gives a value cell (colspan=1) followed by an empty spacer cell
   (colspan=1, ``&nbsp;``).  Counting cells in a row gives the wrong columns;
   mapping each cell by its grid position under the header gives the right
   ones.  Every row covers the same 17 grid columns, including Word's
   ``<![if !supportMisalignedColumns]>`` width row of empty cells at the end.

7. ``2021_text_disagrees.html`` -- 2021 template, UTF-8, county office.  The
   tables are consistent, but the narrative's 依申请公开 paragraph states
   三 more applications received (本年新收) and two more 行政复议 than the
   tables hold; its other figures agree.  The label's ``text_states`` lists
   every figure the narrative states (the tables' numbers, moved by
   ``TEXT_DISAGREES``): the text checks fail on the two, pass on the rest, and
   the tables keep their own numbers.

All labels list every cell of every table; ``absent_tables`` and
``expect_warnings`` are empty (every money cell that needs a unit carries
one, so no missing-unit warning is expected).
"""

from __future__ import annotations

import html
import json
import random
from decimal import Decimal
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "html"
LABELLED_BY = "generating data, corpus/generate/make_html.py"


# ---------------------------------------------------------------------------
# template structure
# ---------------------------------------------------------------------------

# (第二十条 sub-item, column headers, [(item key, row label)], field keys)
PROACTIVE_2019 = [
    ("（一）", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("regulations", "规章"), ("normative_documents", "规范性文件")],
     ["new_made", "new_published", "total_published"]),
    ("（五）", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("administrative_licensing", "行政许可"), ("other_admin_services", "其他对外管理服务事项")],
     ["prev_items", "change", "decisions"]),
    ("（六）", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("administrative_penalty", "行政处罚"), ("administrative_coercion", "行政强制")],
     ["prev_items", "change", "decisions"]),
    ("（八）", ["上一年项目数量", "本年增/减"],
     [("administrative_fees", "行政事业性收费")],
     ["prev_items", "change"]),
    ("（九）", ["采购项目数量", "采购总金额"],
     [("centralized_procurement", "政府集中采购")],
     ["projects", "amount"]),
]

PROACTIVE_2021 = [
    ("（一）", ["本年制发件数", "本年废止件数", "现行有效件数"],
     [("regulations", "规章"), ("normative_documents", "行政规范性文件")],
     ["issued", "repealed", "in_force"]),
    ("（五）", ["本年处理决定数量"],
     [("administrative_licensing", "行政许可")],
     ["decisions"]),
    ("（六）", ["本年处理决定数量"],
     [("administrative_penalty", "行政处罚"), ("administrative_coercion", "行政强制")],
     ["decisions"]),
    ("（八）", ["本年收费金额（单位：万元）"],
     [("administrative_fees", "行政事业性收费")],
     ["amount"]),
]

REQ_COLS = ["natural_person", "commercial", "research", "public_interest",
            "legal_services", "other_org", "total"]
APPLICANT_COLS = REQ_COLS[:6]
LEAF_HEADERS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

# (group label, [(row key, item label or None)])
REQ_GROUPS_HEAD = [
    ("（一）予以公开", [("granted", None)]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partially_granted", None)]),
    ("（三）不予公开", [
        ("denied_state_secret", "1.属于国家秘密"),
        ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("denied_three_safeties", "3.危及“三安全一稳定”"),
        ("denied_third_party", "4.保护第三方合法权益"),
        ("denied_internal_affairs", "5.属于三类内部事务信息"),
        ("denied_process_info", "6.属于四类过程性信息"),
        ("denied_enforcement_files", "7.属于行政执法案卷"),
        ("denied_query_matters", "8.属于行政查询事项"),
    ]),
    ("（四）无法提供", [
        ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
        ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
        ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ]),
    ("（五）不予处理", [
        ("not_processed_complaint", "1.信访举报投诉类申请"),
        ("not_processed_repeat", "2.重复申请"),
        ("not_processed_publication", "3.要求提供公开出版物"),
        ("not_processed_excessive", "4.无正当理由大量反复申请"),
        ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ]),
]
REQ_OTHER_2019 = ("（六）其他处理", [("other", None)])
REQ_OTHER_2021 = ("（六）其他处理", [
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
])
REQ_TOTAL = ("（七）总计", [("total", None)])

# where long labels are broken with <br> on pages that break them
BREAKS = {
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）":
        "（二）部分公开（区分处理的，只计\n这一情形，不计其他情形）",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
        "1.申请人无正当理由逾期不补正、\n行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请":
        "2.申请人逾期未按收费通知要求缴纳\n费用、行政机关不再处理其政府信息公开申请",
    "5.要求行政机关确认或重新出具已获取信息":
        "5.要求行政机关确认或重新\n出具已获取信息",
    "一、本年新收政府信息公开申请数量": "一、本年新收政府信息\n公开申请数量",
    "二、上年结转政府信息公开申请数量": "二、上年结转政府信息\n公开申请数量",
    "本年收费金额（单位：万元）": "本年收费金额\n（单位：万元）",
    "其他对外管理服务事项": "其他对外管理\n服务事项",
}
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
CORNER_BROKEN = "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）"

RL_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
RL_RESULTS = ["upheld", "corrected", "other", "pending", "total"]
RL_HEADS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def req_groups(template):
    other = REQ_OTHER_2019 if template == "2019" else REQ_OTHER_2021
    return REQ_GROUPS_HEAD + [other, REQ_TOTAL]


def result_keys(template):
    return [k for _, items in req_groups(template) for k, _ in items if k != "total"]


# ---------------------------------------------------------------------------
# data: every cell is (raw text, label value)
# ---------------------------------------------------------------------------

def N(v):
    return (str(v), v)


def dec_text(d):
    return format(d.normalize(), "f")


def dec_value(d):
    d = d.normalize()
    return int(d) if d == d.to_integral_value() else float(d)


def change_cell(rng, spread):
    if rng.random() < 0.15:
        return ("0", 0)
    k = rng.randint(1, spread) * rng.choice((1, -1))
    if k > 0:
        return ("增%d" % k, k)
    if k < 0:
        return ("减%d" % -k, k)
    return ("0", 0)


def gen_proactive_2019(rng, level):
    """level: 'county' | 'city' | 'dept'."""
    p = {}
    if level == "city":
        made = rng.randint(1, 4)
        p["regulations"] = {"new_made": N(made), "new_published": N(made),
                            "total_published": N(made + rng.randint(30, 80))}
    else:
        p["regulations"] = {"new_made": N(0), "new_published": N(0), "total_published": N(0)}
    nd = rng.randint(4, 30)
    p["normative_documents"] = {"new_made": N(nd), "new_published": N(nd),
                                "total_published": N(nd + rng.randint(20, 160))}
    p["administrative_licensing"] = {"prev_items": N(rng.randint(90, 420)),
                                     "change": change_cell(rng, 9),
                                     "decisions": N(rng.randint(900, 9800))}
    p["other_admin_services"] = {"prev_items": N(rng.randint(6, 70)),
                                 "change": change_cell(rng, 5),
                                 "decisions": N(rng.randint(100, 2600))}
    p["administrative_penalty"] = {"prev_items": N(rng.randint(300, 5200)),
                                   "change": change_cell(rng, 200),
                                   "decisions": N(rng.randint(60, 3900))}
    p["administrative_coercion"] = {"prev_items": N(rng.randint(8, 220)),
                                    "change": change_cell(rng, 6),
                                    "decisions": N(rng.randint(0, 160))}
    p["administrative_fees"] = {"prev_items": N(rng.randint(3, 28)),
                                "change": change_cell(rng, 2)}
    amount = Decimal(rng.randint(100000, 9999999)) / Decimal(100)
    p["centralized_procurement"] = {"projects": N(rng.randint(18, 260)),
                                    "amount": (dec_text(amount) + "万元", dec_value(amount))}
    return p


def gen_proactive_2021(rng, level, fee_text):
    p = {}
    if level == "city":
        p["regulations"] = {"issued": N(rng.randint(1, 5)), "repealed": N(rng.randint(0, 6)),
                            "in_force": N(rng.randint(40, 120))}
    else:
        p["regulations"] = {"issued": N(0), "repealed": N(0), "in_force": N(0)}
    p["normative_documents"] = {"issued": N(rng.randint(5, 40)), "repealed": N(rng.randint(0, 25)),
                                "in_force": N(rng.randint(60, 700))}
    p["administrative_licensing"] = {"decisions": N(rng.randint(600, 58000))}
    p["administrative_penalty"] = {"decisions": N(rng.randint(50, 7800))}
    p["administrative_coercion"] = {"decisions": N(rng.randint(0, 320))}
    d = Decimal(fee_text)
    p["administrative_fees"] = {"amount": (fee_text, dec_value(d))}
    return p


# how likely a result row is non-zero, and how large it tends to be
ROW_WEIGHT = {
    "granted": 1.0, "partially_granted": 0.35,
    "denied_state_secret": 0.04, "denied_prohibited_by_law": 0.1, "denied_three_safeties": 0.05,
    "denied_third_party": 0.15, "denied_internal_affairs": 0.12, "denied_process_info": 0.2,
    "denied_enforcement_files": 0.1, "denied_query_matters": 0.15,
    "unavailable_not_held": 0.7, "unavailable_needs_creation": 0.3, "unavailable_unclear": 0.2,
    "not_processed_complaint": 0.3, "not_processed_repeat": 0.25, "not_processed_publication": 0.05,
    "not_processed_excessive": 0.05, "not_processed_confirmation": 0.1,
    "other": 0.3, "other_no_correction": 0.3, "other_no_fee": 0.03, "other_misc": 0.2,
}
COL_WEIGHT = {"natural_person": 1.0, "commercial": 0.4, "research": 0.05,
              "public_interest": 0.08, "legal_services": 0.2, "other_org": 0.15}


def gen_requests_numbers(rng, template, scale):
    """Consistent integers {row: {col: int}} for table 3."""
    t = {}
    for row in result_keys(template):
        t[row] = {}
        for col in APPLICANT_COLS:
            w = ROW_WEIGHT[row] * COL_WEIGHT[col]
            if rng.random() < min(1.0, w * 1.3):
                t[row][col] = rng.randint(1, max(1, round(scale * w)))
            else:
                t[row][col] = 0
    t["total"] = {c: sum(t[r][c] for r in result_keys(template)) for c in APPLICANT_COLS}
    t["carried_forward"] = {c: (rng.randint(0, 4) if COL_WEIGHT[c] >= 0.4 else 0) for c in APPLICANT_COLS}
    t["carried_over"] = {}
    t["new_received"] = {}
    for c in APPLICANT_COLS:
        out = t["total"][c] + t["carried_forward"][c]
        co = rng.randint(0, min(out, 5)) if COL_WEIGHT[c] >= 0.4 else 0
        t["carried_over"][c] = co
        t["new_received"][c] = out - co
    for row in t.values():
        row["total"] = sum(row[c] for c in APPLICANT_COLS)
    order = ["new_received", "carried_over"] + result_keys(template) + ["total", "carried_forward"]
    return {r: {c: t[r][c] for c in REQ_COLS} for r in order}


def cells_of(numbers):
    return {r: {c: N(v) for c, v in cols.items()} for r, cols in numbers.items()}


def gen_review(rng, busy):
    out = {}
    for g in RL_GROUPS:
        hi = busy if g != "litigation_after_review" else max(1, busy // 2)
        vals = {"upheld": rng.randint(0, hi), "corrected": rng.randint(0, max(0, hi // 3)),
                "other": rng.randint(0, max(0, hi // 2)), "pending": rng.randint(0, max(0, hi // 2))}
        vals["total"] = sum(vals.values())
        out[g] = {r: N(vals[r]) for r in RL_RESULTS}
    return out


def label_tables(data):
    def strip(d):
        return {k: (strip(v) if isinstance(v, dict) else v[1]) for k, v in d.items()}
    return {"proactive": strip(data["proactive"]),
            "requests": strip(data["requests"]),
            "review_litigation": strip(data["review"])}


# ---------------------------------------------------------------------------
# tables as grids of cells
# ---------------------------------------------------------------------------

class Cell:
    __slots__ = ("text", "rs", "cs", "kind")

    def __init__(self, text, rs=1, cs=1, kind="label"):
        self.text, self.rs, self.cs, self.kind = text, rs, cs, kind


def proactive_blocks(template, data, relabel=None, breaks=False):
    """One list of rows per 第二十条 sub-item, all four grid columns wide."""
    relabel = relabel or {}
    spec = PROACTIVE_2019 if template == "2019" else PROACTIVE_2021
    width = 4
    blocks = []
    for sub, cols, items, fields in spec:
        rows = [[Cell(f"第二十条第{sub}项", cs=width, kind="title")]]
        head = [Cell("信息内容", kind="head")]
        for i, col in enumerate(cols):
            text = relabel.get(col, col)
            if breaks:
                text = BREAKS.get(text, text)
            head.append(Cell(text, cs=(width - len(cols)) if i == len(cols) - 1 else 1, kind="head"))
        rows.append(head)
        for key, label in items:
            text = relabel.get(label, label)
            if breaks:
                text = BREAKS.get(text, text)
            row = [Cell(text, kind="label")]
            for i, f in enumerate(fields):
                row.append(Cell(data[key][f][0], cs=(width - len(fields)) if i == len(fields) - 1 else 1,
                                kind="value"))
            rows.append(row)
        blocks.append(rows)
    return blocks


def requests_rows(template, data, leaf=None, natural="自然人", total_head="总计",
                  vfactor=1, split_result=False, fix=None, breaks=False):
    fix = fix or (lambda s: s)

    def lab(s):
        s = BREAKS.get(s, s) if breaks else s
        return fix(s)

    leaf = leaf or LEAF_HEADERS
    vf = vfactor
    rows = [
        [Cell(fix(CORNER_BROKEN if breaks else CORNER), rs=3, cs=3, kind="corner"),
         Cell("申请人情况", cs=7 * vf, kind="head")],
        [Cell(natural, rs=2, cs=vf, kind="head"), Cell("法人或其他组织", cs=5 * vf, kind="head"),
         Cell(total_head, rs=2, cs=vf, kind="head")],
        [Cell(t, cs=vf, kind="head") for t in leaf],
    ]

    def vals(key):
        out = []
        for c in REQ_COLS:
            out.append(Cell(data[key][c][0], kind="value"))
            if vf == 2:
                out.append(Cell("", kind="spacer"))
        return out

    rows.append([Cell(lab("一、本年新收政府信息公开申请数量"), cs=3)] + vals("new_received"))
    rows.append([Cell(lab("二、上年结转政府信息公开申请数量"), cs=3)] + vals("carried_over"))
    groups = req_groups(template)
    n_all = sum(len(items) for _, items in groups)
    n_first = sum(len(items) for _, items in groups[:3])
    for gi, (glabel, items) in enumerate(groups):
        for ii, (key, ilabel) in enumerate(items):
            row = []
            if ii == 0:
                if split_result and gi == 0:
                    row.append(Cell(lab("三、本年度办理结果"), rs=n_first))
                elif split_result and gi == 3:
                    row.append(Cell(lab("三、本年度办理结果"), rs=n_all - n_first))
                elif gi == 0:
                    row.append(Cell(lab("三、本年度办理结果"), rs=n_all))
            if ilabel is None:
                row.append(Cell(lab(glabel), cs=2))
            else:
                if ii == 0:
                    row.append(Cell(lab(glabel), rs=len(items)))
                row.append(Cell(lab(ilabel)))
            rows.append(row + vals(key))
    rows.append([Cell(lab("四、结转下年度继续办理"), cs=3)] + vals("carried_forward"))
    return rows


def review_rows(data, heads2=None, leaf=None, breaks=False):
    heads2 = heads2 or RL_HEADS
    leaf = leaf or RL_HEADS
    if breaks:
        heads2 = [h[:2] + "\n" + h[2:] if len(h) == 4 else h for h in heads2]
    rows = [
        [Cell("行政复议", cs=5, kind="head"), Cell("行政诉讼", cs=10, kind="head")],
        [Cell(h, rs=2, kind="head") for h in heads2]
        + [Cell("未经复议直接起诉", cs=5, kind="head"), Cell("复议后起诉", cs=5, kind="head")],
        [Cell(h, kind="head") for h in leaf] * 2,
        [Cell(data[g][r][0], kind="value") for g in RL_GROUPS for r in RL_RESULTS],
    ]
    return rows


def layout(rows):
    """[(row, col, Cell)] with grid positions (rowspan/colspan aware); the DOCX and
    page-split generators place their cells with it."""
    occupied = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    occupied.add((r + dr, c + dc))
            c += cell.cs
    return placed


def grid_width(rows):
    """Width of the grid the rows describe (checks consistency as it goes)."""
    occupied = {}
    widths = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    occupied[(r + dr, c + dc)] = True
            c += cell.cs
        while (r, c) in occupied:
            c += 1
        widths.add(c)
    if len(widths) != 1:
        raise AssertionError(f"ragged table: widths {sorted(widths)}")
    return widths.pop()


def render_table(rows, td, open_tag, nl="\n", tail_rows=""):
    grid_width(rows)
    out = [open_tag, "<tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(td(c) for c in row) + "</tr>")
    if tail_rows:
        out.append(tail_rows)
    out.append("</tbody>")
    out.append("</table>")
    return nl.join(out)


def esc(s):
    return html.escape(s, quote=False)


def text_html(text, per_char=False):
    parts = []
    for line in text.split("\n"):
        if per_char:
            parts.append("".join(f"<span>{esc(ch)}</span>" for ch in line))
        else:
            parts.append(esc(line))
    return "<br>".join(parts)


def span_attrs(cell, quote='"'):
    a = ""
    if cell.rs > 1:
        a += " rowspan=%s%d%s" % (quote, cell.rs, quote)
    if cell.cs > 1:
        a += " colspan=%s%d%s" % (quote, cell.cs, quote)
    return a


# ---------------------------------------------------------------------------
# prose
# ---------------------------------------------------------------------------

SPIRIT = {
    2019: "党的十九大和十九届二中、三中、四中全会精神",
    2020: "党的十九大和十九届二中、三中、四中、五中全会精神",
    2021: "党的十九大和十九届历次全会精神",
    2022: "党的二十大精神",
    2023: "党的二十大精神",
    2024: "党的二十大和二十届二中、三中全会精神",
    2025: "党的二十大和二十届历次全会精神",
}
FOCUS = {
    2019: "深化“放管服”改革、优化营商环境",
    2020: "统筹推进疫情防控和经济社会发展、做好“六稳”工作、落实“六保”任务",
    2021: "“十四五”开局起步和常态化疫情防控",
    2022: "稳住经济大盘、保障和改善民生",
    2023: "推动经济社会高质量发展、持续优化营商环境",
    2024: "全面深化改革、办好民生实事",
    2025: "高质量完成“十四五”规划目标任务",
}

ACTIVE_POOL = [
    "全年通过{site}主动公开政府信息{n_info}条，其中机构职能、政策文件、财政预决算、重大建设项目、"
    "公共资源配置等重点领域信息{n_key}条；发布政策解读材料{n_interp}篇，其中图文解读{n_pic}篇、"
    "视频解读{n_vid}篇，做到政策文件与解读材料同步起草、同步审签、同步发布。",
    "严格落实规范性文件统一登记、统一编号、统一公开制度，全年制发规范性文件{nd}件，全部在门户网站"
    "“政策文件”栏目集中公开。对现行有效的规范性文件开展集中清理，清理结果及时向社会公布，"
    "确保公众查阅的文件现行有效。",
    "聚焦群众关心关注的热点问题，持续做好财政资金、重大项目、公共资源交易、社会救助、就业创业、教育医疗等领域"
    "信息公开，全年召开新闻发布会{n_press}场，通过政务新媒体发布信息{n_media}条，"
    "对涉及群众切身利益的事项做到应公开尽公开。",
    "深入推进基层政务公开标准化规范化，动态调整{n_areas}个领域的公开事项标准目录，"
    "在政务服务大厅设置政务公开专区，实现办事指南、办事流程、办理结果线上线下同源公开。",
]
REQUEST_POOL = [
    "进一步规范依申请公开办理流程，严格执行登记、审核、办理、答复、归档全流程管理，"
    "统一答复文书格式，对疑难复杂申请邀请法律顾问参与会商研判，依申请公开答复质量不断提高。",
    "畅通网上申请、信函申请、当面申请等渠道，在门户网站公布政府信息公开指南和申请表，"
    "实行“一申请一档案”，所有申请均在法定期限内答复。",
]
MANAGE_POOL = [
    "严格执行政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。"
    "对网站历史信息进行全面排查，清理错敏信息和过时信息{n_clean}条。",
    "动态调整政府信息公开目录，建立政府信息公开属性源头认定机制，公文在拟制时即明确"
    "“主动公开”“依申请公开”“不予公开”属性，未明确属性的不予流转。",
    "加强规范性文件全生命周期管理，对起草、审核、公布、解读、清理等环节进行规范，"
    "及时公布规范性文件的废止、失效情况，并在文件库中标注文件效力。",
]
PLATFORM_POOL = [
    "持续加强政府门户网站建设，完成网站集约化平台迁移，优化政府信息公开专栏，规范设置"
    "“法定主动公开内容”栏目，提升信息检索查询便利度。",
    "加强政务新媒体管理，现有政务新媒体账号{n_nm}个，严格落实“三审三校”制度，常态化开展"
    "政务新媒体巡查，对更新不及时、内容不规范的账号督促整改。",
    "依托政务服务中心设立政府信息公开查阅点，配备电脑、打印机等设备，安排专人值守，"
    "为群众查阅政府信息、申请政府信息公开提供便利。",
]
SUPERVISE_POOL = [
    "调整充实政务公开工作领导小组，办公室设在{office}，各科室、各下属单位明确分管领导和工作人员，"
    "形成主要领导亲自抓、分管领导具体抓、工作人员抓落实的工作格局。",
    "将政务公开工作纳入年度绩效考核，采取季度检查、年度考核相结合的方式，对发现的问题及时通报"
    "并督促整改。全年组织政务公开业务培训{n_train}次，参训{n_people}人次。",
    "主动接受社会监督，在门户网站公布监督举报电话和电子邮箱，全年未收到涉及政府信息公开工作的"
    "投诉举报，未发生因政府信息公开工作被责任追究的情况。",
]
PROBLEM_POOL = [
    "一是政策解读形式仍较单一，图解、视频等多元化解读数量偏少；二是部分单位对政务公开工作重视不够，"
    "信息更新不够及时；三是依申请公开办理人员业务水平有待进一步提高。",
    "一是重点领域信息公开的深度和广度有待进一步拓展；二是基层政务公开标准化规范化建设与群众期待"
    "仍有差距；三是政务新媒体运维管理水平参差不齐。",
    "一是公开内容与群众需求结合不够紧密，部分信息公开的及时性、完整性不足；二是政策解读的针对性"
    "和可读性有待加强；三是政务公开工作人员变动较频繁，业务能力有待提升。",
]
IMPROVE_POOL = [
    "下一步，{short}将重点做好以下工作：一是丰富政策解读形式，更多运用图表图解、音频视频等方式"
    "解读政策；二是加强督促检查，将政务公开工作纳入日常督查范围；三是加强业务培训，提升工作人员"
    "依法公开意识和能力。",
    "{next}年，将着力从三个方面加以改进：一是围绕群众关切，进一步加大重点领域信息公开力度；"
    "二是持续推进基层政务公开标准化规范化，动态更新公开事项标准目录；三是强化政务新媒体常态化"
    "监管，提升运维质量。",
    "针对上述问题，{next}年将采取以下措施：一是建立信息发布提醒机制，确保信息公开及时准确；"
    "二是完善政策解读工作机制，落实解读材料与政策文件同步报审；三是定期开展业务培训和交流，"
    "打造一支业务精通的政务公开工作队伍。",
]


def stated_figures(data, misstate=None):
    """The figures the 依申请公开 paragraph states, by cell path: the tables' own numbers,
    each moved by ``misstate[path]`` (a report whose text disagrees with its tables)."""
    req, review = data["requests"], data["review"]
    out = {f"requests.{r}.total": req[r]["total"][1]
           for r in ("new_received", "carried_over", "total", "granted", "partially_granted", "carried_forward")}
    out["review_litigation.review.total"] = review["review"]["total"][1]
    out["review_litigation.litigation_direct.total+review_litigation.litigation_after_review.total"] = _lit_total(review)
    for path, delta in (misstate or {}).items():
        out[path] += delta
    return out


def report_blocks(ctx, data, rng, template, misstate=None):
    """The report as a list of blocks: ('p', text), ('h', text), ('h2', text), ('t2'|'t3'|'t4',).

    ``misstate`` ({cell path: delta}, see ``stated_figures``) makes the narrative state other
    numbers than the tables; without it the two agree."""
    year = ctx["year"]
    fmt = dict(ctx)
    req = data["requests"]
    tot = {r: req[r]["total"][0] for r in req}
    fmt.update(
        spirit=SPIRIT[year], focus=FOCUS[year], next=year + 1,
        n_info=rng.randint(1200, 16000), n_key=rng.randint(300, 4000),
        n_interp=rng.randint(12, 90), n_pic=rng.randint(3, 12), n_vid=rng.randint(1, 6),
        n_press=rng.randint(4, 30), n_media=rng.randint(400, 6000), n_areas=rng.randint(18, 26),
        n_clean=rng.randint(20, 800), n_nm=rng.randint(3, 45), n_train=rng.randint(2, 8),
        n_people=rng.randint(60, 600),
    )
    pro = data["proactive"]
    fmt["nd"] = pro["normative_documents"]["new_published" if template == "2019" else "issued"][0]
    doc_no = "国办公开办函〔2019〕60号" if template == "2019" else "国办公开办函〔2021〕30号"
    notice = ("《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
              if template == "2019" else "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》")
    blocks = [
        ("p", "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{notice}（{doc_no}）要求，"
              "由{office}编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
              "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
              "本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。本报告电子版可在"
              "“{site}”（{url}）下载。如对本报告有疑问，请与{office}联系（地址：{addr}；邮编：{zip}；"
              "电话：{tel}）。".format(notice=notice, doc_no=doc_no, **fmt)),
        ("h", "一、总体情况"),
        ("p", "{year}年，{short}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实{spirit}，"
              "认真贯彻《条例》，坚持“公开为常态、不公开为例外”原则，围绕{focus}，不断深化政务公开，"
              "着力提升政府透明度和公信力。".format(**fmt)),
        ("h2", "（一）主动公开"),
    ]
    active = list(ACTIVE_POOL)
    rng.shuffle(active)
    for t in active[:2]:
        blocks.append(("p", t.format(**fmt)))
    blocks.append(("h2", "（二）依申请公开"))
    if misstate:
        said = stated_figures(data, misstate)
        tot.update({r: str(said[f"requests.{r}.total"]) for r in
                    ("new_received", "carried_over", "total", "granted", "partially_granted", "carried_forward")})
        rv = str(said["review_litigation.review.total"])
        lt = said["review_litigation.litigation_direct.total+review_litigation.litigation_after_review.total"]
    else:
        rv, lt = data["review"]["review"]["total"][0], _lit_total(data["review"])
    blocks.append(("p", "全年共新收政府信息公开申请{new}件，上年结转{co}件；办理答复{done}件，其中予以公开{g}件、"
                        "部分公开{pg}件，结转下年度继续办理{cf}件。全年因政府信息公开工作被申请行政复议{rv}件、"
                        "被提起行政诉讼{lt}件。".format(
                            new=tot["new_received"], co=tot["carried_over"], done=tot["total"],
                            g=tot["granted"], pg=tot["partially_granted"], cf=tot["carried_forward"],
                            rv=rv, lt=lt)))
    blocks.append(("p", rng.choice(REQUEST_POOL).format(**fmt)))
    blocks.append(("h2", "（三）政府信息管理"))
    blocks.append(("p", rng.choice(MANAGE_POOL).format(**fmt)))
    blocks.append(("h2", "（四）平台建设"))
    for t in rng.sample(PLATFORM_POOL, 2):
        blocks.append(("p", t.format(**fmt)))
    blocks.append(("h2", "（五）监督保障"))
    blocks.append(("p", rng.choice(SUPERVISE_POOL).format(**fmt)))
    blocks.append(("h", "二、主动公开政府信息情况"))
    blocks.append(("t2",))
    blocks.append(("h", "三、收到和处理政府信息公开申请情况"))
    blocks.append(("t3",))
    blocks.append(("h", "四、政府信息公开行政复议、行政诉讼情况"))
    blocks.append(("t4",))
    blocks.append(("h", "五、存在的主要问题及改进情况"))
    blocks.append(("p", rng.choice(PROBLEM_POOL).format(**fmt)))
    blocks.append(("p", rng.choice(IMPROVE_POOL).format(**fmt)))
    blocks.append(("h", "六、其他需要报告的事项"))
    if template == "2021":
        blocks.append(("p", "根据《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）"
                            "规定的按件、按量收费标准，本年度{short}未收取信息处理费。".format(**fmt)))
        blocks.append(("p", "{year}年共承办人大代表建议{a}件、政协提案{b}件，均已按期办结并答复，"
                            "办理复文已按规定公开。".format(a=rng.randint(6, 60), b=rng.randint(8, 90), **fmt)))
    else:
        blocks.append(("p", "本年度未收取政府信息公开信息处理费，{short}无其他需要报告的事项。".format(**fmt)))
    return blocks


def _lit_total(review):
    out = []
    for g in ("litigation_direct", "litigation_after_review"):
        v = review[g]["total"][1]
        out.append(v if isinstance(v, int) else 0)
    return sum(out)


# ---------------------------------------------------------------------------
# page chrome
# ---------------------------------------------------------------------------

CSS = """body{margin:0;padding:0;font:14px/1.8 "Microsoft YaHei",SimSun,Arial;color:#333;background:#f4f4f4}
a{color:#333;text-decoration:none}ul,li{margin:0;padding:0;list-style:none}
.header{width:1000px;height:120px;margin:0 auto;background:#b5121b}
.nav{width:1000px;height:44px;margin:0 auto;background:#8e0e15}.nav li{float:left;width:125px;text-align:center;line-height:44px}
.nav li a{color:#fff;font-size:16px}.position{width:1000px;margin:10px auto;color:#666}
.article{width:960px;margin:0 auto;padding:20px;background:#fff}.article h1{font-size:24px;text-align:center;color:#b5121b}
.info{text-align:center;color:#999;border-bottom:1px dashed #ccc;padding-bottom:8px}
.TRS_Editor table{border-collapse:collapse;margin:0 auto}.TRS_Editor td{border:1px solid #000;padding:2px 4px}
.share{text-align:right;margin-top:20px}.footer{width:1000px;margin:20px auto 0;padding:20px 0;text-align:center;color:#fff;background:#8e0e15}"""


def head_html(cfg):
    return """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{meta}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{title}_{column}_{site}</title>
<meta name="SiteName" content="{site}">
<meta name="SiteDomain" content="{domain}">
<meta name="SiteIDCode" content="{sitecode}">
<meta name="ColumnName" content="{column}">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{pubdate}">
<meta name="ContentSource" content="{source}">
<link rel="stylesheet" type="text/css" href="/images/common.css">
<style type="text/css">
{css}
</style>
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
<script type="text/javascript">
var _hmt = _hmt || [];
(function() {{
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?{hmid}";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
}})();
function setFontSize(n){{ $(".TRS_Editor, .TRS_Editor p, .TRS_Editor span").css("font-size", n + "px"); }}
</script>
</head>""".format(css=CSS, **cfg)


def header_html(cfg):
    nav_html = "".join('<li{}><a href="{}">{}</a></li>'.format(' class="on"' if name == "政务公开" else "", href, name)
                  for name, href in cfg["nav"])
    return """<div class="topbar"><span>{today_text}</span><a href="/wza/">无障碍</a> | <a href="javascript:;">简体版</a> | <a href="/yd/">移动版</a></div>
<div class="header">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="{site}" width="520" height="90"></a></div>
  <div class="search"><form action="/search/" method="get" target="_blank"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form></div>
</div>
<ul class="nav">{nav_html}</ul>""".format(nav_html=nav_html, **cfg)


def position_html(cfg):
    return ('<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
            '<a href="/zwgk/ndbg/">{column}</a></div>'.format(**cfg))


def share_html():
    return """<div class="share">
  <span>分享到：</span><a href="javascript:;" class="bds_weixin" title="分享到微信">微信</a>
  <a href="javascript:;" class="bds_tsina" title="分享到新浪微博">微博</a>
  <a href="javascript:;" class="bds_qzone" title="分享到QQ空间">QQ空间</a>
</div>
<div class="printbtn"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:setFontSize(18)">【字体：大</a> <a href="javascript:setFontSize(16)">中</a> <a href="javascript:setFontSize(14)">小】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>"""


def footer_html(cfg):
    return """<div class="footer">
  <p><a href="/about/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sm/">使用帮助</a></p>
  <p>版权所有：{owner}　主办：{owner}　承办：{operator}</p>
  <p>网站标识码：{sitecode}　<a href="https://beian.miit.gov.cn/" target="_blank">{icp}</a>　<img src="/images/ga.png" alt="">{police}</p>
  <p>地址：{addr}　邮编：{zip}　联系电话：{tel}　<a href="/wzdt/">网站地图</a></p>
  <div class="jiucuo"><script id="_jiucuo_" sitecode="{sitecode}" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></div>
</div>
<script type="text/javascript">
$(function(){{ $.get("/api/hits?id={artid}", function(d){{ $("#hits").text(d.count); }}); }});
</script>""".format(**cfg)


def meta_line(cfg, sep="　"):
    return ('<div class="info"><span>发布时间：{pubdate}</span>{sep}<span>来源：{source}</span>{sep}'
            '<span>浏览次数：<span id="hits">0</span></span>{sep}<span>字号：<a href="javascript:setFontSize(18)">大</a> '
            '<a href="javascript:setFontSize(16)">中</a> <a href="javascript:setFontSize(14)">小</a></span></div>'
            .format(sep=sep, **cfg))


def nav_items(place):
    return [("首页", "/"), ("政务公开", "/zwgk/"), ("政务服务", "/zwfw/"), ("互动交流", "/hdjl/"),
            ("走进" + place, "/zj/"), ("专题专栏", "/ztzl/")]


def base_cfg(**kw):
    cfg = dict(column="年度报告", hmid="0a1b2c3d4e5f60718293a4b5c6d7e8f9",
               today_text="欢迎访问", operator="信息中心")
    cfg.update(kw)
    cfg["nav"] = nav_items(cfg["place"])
    return cfg


def write_page(stem, html_text, encoding, label, bom=False, crlf=False):
    if crlf:
        html_text = html_text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = html_text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (OUT_DIR / (stem + ".html")).write_bytes(data)
    label = dict(label)
    label["source"] = stem + ".html"
    ordered = {"source": label["source"], "labelled_by": LABELLED_BY, "document": label["document"],
               "tables": label["tables"], "absent_tables": [], "expect_warnings": []}
    if "text_states" in label:
        ordered["text_states"] = label["text_states"]
    (OUT_DIR / (stem + ".label.json")).write_text(
        json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(data)


def doc_label(template, year, organ, data):
    return {"document": {"kind": "annual_report", "template": template, "year": year, "organ": organ},
            "tables": label_tables(data)}


def plain_renderers(template, data, topen, headings=("h3", "h4")):
    """Block renderers of a plain page (``report_blocks``' kinds): paragraphs, two heading
    levels, the three tables with bare ``<td>``s. Shared by page 7 and ``reportdata.render_html``."""
    h, h2 = headings

    def td(c):
        return f"<td{span_attrs(c)}>{text_html(c.text)}</td>"

    return {
        "p": lambda t: f"<p>{esc(t)}</p>",
        "h": lambda t: f"<{h}>{esc(t)}</{h}>",
        "h2": lambda t: f"<{h2}>{esc(t)}</{h2}>",
        "t2": lambda: render_table([r for b in proactive_blocks(template, data["proactive"]) for r in b], td, topen),
        "t3": lambda: render_table(requests_rows(template, data["requests"]), td, topen),
        "t4": lambda: render_table(review_rows(data["review"]), td, topen),
    }


def render_blocks(blocks, renderers, nl="\n"):
    out = []
    for b in blocks:
        out.append(renderers[b[0]](*b[1:]))
    return nl.join(x for x in out if x)


# ---------------------------------------------------------------------------
# page 1: 2019 template, UTF-8, county
# ---------------------------------------------------------------------------

def page1():
    rng = random.Random(20200101)
    organ, year, template = "桐溪县人民政府", 2020, "2019"
    data = {"proactive": gen_proactive_2019(rng, "county"),
            "requests": cells_of(gen_requests_numbers(rng, template, 40)),
            "review": gen_review(rng, 3)}
    cfg = base_cfg(place="桐溪", site="桐溪县人民政府门户网站", domain="www.tongxi.gov.cn",
                   sitecode="3399000001", title=organ + "2020年政府信息公开工作年度报告",
                   pubdate="2021-01-27 10:32", source="县政府办公室", artid="21437",
                   owner="桐溪县人民政府办公室", icp="浙ICP备05012345号",
                   police="浙公网安备 33990002000101号", addr="桐溪县城关镇府前路1号", zip="323900",
                   tel="0578-6120001",
                   meta='<meta charset="utf-8">')
    ctx = dict(year=year, short="桐溪县人民政府", site="桐溪县人民政府门户网站", url="www.tongxi.gov.cn",
               office="桐溪县人民政府办公室", addr=cfg["addr"], zip=cfg["zip"], tel=cfg["tel"])
    blocks = report_blocks(ctx, data, rng, template)

    pad_state = {"n": 0}

    def td(c):
        attrs = span_attrs(c)
        if c.kind == "value":
            pad_state["n"] += 1
            inner = esc(c.text)
            if pad_state["n"] % 3 == 0:
                inner = "&nbsp;" + inner + "&nbsp;"
            return (f'<td{attrs} style="border:1px solid #000000;" valign="middle"><p style="text-align:center">'
                    f'<span style="font-family:宋体;font-size:14px">{inner}</span></p></td>')
        style = "text-align:center" if c.kind != "label" else "text-align:left"
        weight = ";font-weight:bold" if c.kind in ("head", "corner", "title") else ""
        return (f'<td{attrs} style="border:1px solid #000000;" valign="middle"><p style="{style}">'
                f'<span style="font-family:宋体;font-size:14px{weight}">{text_html(c.text)}</span></p></td>')

    topen = '<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse;">'
    rend = {
        "p": lambda t: f'<p style="text-indent:2em;">{esc(t)}</p>',
        "h": lambda t: f'<p style="text-indent:2em;"><strong>{esc(t)}</strong></p>',
        "h2": lambda t: f'<p style="text-indent:2em;"><strong>{esc(t)}</strong></p>',
        "t2": lambda: render_table([r for b in proactive_blocks(template, data["proactive"], breaks=True) for r in b],
                                   td, topen),
        "t3": lambda: render_table(requests_rows(template, data["requests"], breaks=True), td, topen),
        "t4": lambda: render_table(review_rows(data["review"], breaks=True), td, topen),
    }
    body = render_blocks(blocks, rend)
    page = "\n".join([
        head_html(cfg), "<body>", header_html(cfg), position_html(cfg),
        '<div class="article">',
        "<h1>{}</h1>".format(esc(cfg["title"])),
        meta_line(cfg),
        '<div class="TRS_Editor">',
        body,
        '<p style="text-align:right;">桐溪县人民政府办公室</p>',
        '<p style="text-align:right;">2021年1月25日</p>',
        "</div>",
        share_html(),
        "</div>",
        footer_html(cfg),
        "</body>", "</html>", ""])
    return write_page("2019_county_utf8", page, "utf-8", doc_label(template, year, organ, data))


# ---------------------------------------------------------------------------
# page 2: 2021 template, GBK, city, vertical header text
# ---------------------------------------------------------------------------

def page2():
    rng = random.Random(20220102)
    organ, year, template = "湄川市人民政府办公室", 2021, "2021"
    data = {"proactive": gen_proactive_2021(rng, "city", "12.35"),
            "requests": cells_of(gen_requests_numbers(rng, template, 90)),
            "review": gen_review(rng, 6)}
    cfg = base_cfg(place="湄川", site="湄川市人民政府网", domain="www.meichuan.gov.cn",
                   sitecode="5299000002", title=organ + "2021年度政府信息公开工作年度报告",
                   pubdate="2022-01-20 16:05", source="市政府办公室", artid="88120",
                   owner="湄川市人民政府办公室", icp="黔ICP备10003456号-1",
                   police="黔公网安备 52990002000002号", addr="湄川市新城区行政中心A区",
                   zip="564100", tel="0851-28220000", operator="湄川市大数据发展管理局",
                   meta='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    ctx = dict(year=year, short="市政府办公室", site="湄川市人民政府网", url="www.meichuan.gov.cn",
               office="湄川市人民政府办公室", addr=cfg["addr"], zip=cfg["zip"], tel=cfg["tel"])
    blocks = report_blocks(ctx, data, rng, template)

    state = {"n": 0}

    def td(c):
        attrs = span_attrs(c)
        if c.kind == "value":
            state["n"] += 1
            inner = esc(c.text)
            if state["n"] % 4 == 1:
                inner = "\u3000" + inner
            return (f'<td{attrs} align="center" valign="middle"><p align="center"><span style="font-size:10.5pt;'
                    f'font-family:宋体">{inner}</span></p></td>')
        text = c.text
        if c.kind == "label" and c.text in ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制"):
            text = "\u3000\u3000" + text
        return (f'<td{attrs} align="center" valign="middle"><p align="center"><span style="font-size:10.5pt;'
                f'font-family:宋体">{text_html(text)}</span></p></td>')

    vleaf = ["商\n业\n企\n业", "科\n研\n机\n构", "社会\n公益\n组织", "法律\n服务\n机构", "其\n他"]
    topen = '<table border="1" cellspacing="0" cellpadding="0" align="center" width="620" style="border-collapse:collapse">'
    rend = {
        "p": lambda t: f'<p style="text-indent:32px"><span style="font-family:仿宋_GB2312;font-size:16pt">{esc(t)}</span></p>',
        "h": lambda t: f'<p style="text-indent:32px"><span style="font-family:黑体;font-size:16pt">{esc(t)}</span></p>',
        "h2": lambda t: f'<p style="text-indent:32px"><span style="font-family:楷体_GB2312;font-size:16pt">{esc(t)}</span></p>',
        "t2": lambda: render_table([r for b in proactive_blocks(template, data["proactive"], breaks=True) for r in b],
                                   td, topen),
        "t3": lambda: render_table(requests_rows(template, data["requests"], leaf=vleaf, natural="自\n然\n人",
                                                 total_head="总\n计", breaks=True), td, topen),
        "t4": lambda: render_table(review_rows(data["review"]), td, topen),
    }
    body = render_blocks(blocks, rend)
    page = "\n".join([
        head_html(cfg), "<body>", header_html(cfg), position_html(cfg),
        '<div class="article">',
        '<p align="center" style="text-align:center"><font size="5" color="#b5121b"><b>{}</b></font></p>'.format(esc(cfg["title"])),
        meta_line(cfg, sep="&nbsp;&nbsp;&nbsp;"),
        '<div class="TRS_Editor"><div class="Custom_UnionStyle">',
        body,
        '<p align="right" style="text-align:right"><span style="font-family:仿宋_GB2312;font-size:16pt">湄川市人民政府办公室</span></p>',
        '<p align="right" style="text-align:right"><span style="font-family:仿宋_GB2312;font-size:16pt">2022年1月18日</span></p>',
        "</div></div>",
        share_html(),
        "</div>",
        footer_html(cfg),
        "</body>", "</html>", ""])
    return write_page("2021_city_gbk", page, "gbk", doc_label(template, year, organ, data), crlf=True)


# ---------------------------------------------------------------------------
# page 3: 2021 template, nested layout table, spam, per-character spans
# ---------------------------------------------------------------------------

SPAM_VISIBLE = [
    "pg电子模拟器试玩",
    "澳门新葡京娱乐官网入口 立即下载APP",
    "ag真人国际厅官方网站-首存即送38元彩金，24小时在线出款",
    "开云体育app下载(官方)网站/网页版登录入口/手机版最新下载",
]
SPAM_HIDDEN = [
    ("https://www.amxpj-8888.example/", "澳门新葡京"),
    ("https://www.hgty-app.example/", "皇冠体育"),
    ("https://www.pg-dianzi.example/", "pg电子游戏"),
    ("https://www.kaiyun-ty.example/", "开云体育"),
    ("https://www.bet-365-zh.example/", "bet365官网"),
    ("https://www.agzr-guoji.example/", "ag真人"),
    ("https://www.ylcp-2023.example/", "永利彩票"),
    ("https://www.by-fishing.example/", "捕鱼游戏送金币"),
]


def page3():
    rng = random.Random(20240103)
    organ, year, template = "青峰县人民政府", 2023, "2021"
    fee = dec_text(Decimal(rng.randint(1000, 900000)) / Decimal(100))
    data = {"proactive": gen_proactive_2021(rng, "county", fee),
            "requests": cells_of(gen_requests_numbers(rng, template, 30)),
            "review": gen_review(rng, 2)}
    cfg = base_cfg(place="青峰", site="青峰县人民政府", domain="www.qingfeng.gov.cn",
                   sitecode="4399000003", title=organ + "2023年政府信息公开工作年度报告",
                   pubdate="2024-01-26 09:18", source="青峰县人民政府办公室", artid="130566",
                   owner="青峰县人民政府", icp="湘ICP备12034567号",
                   police="湘公网安备 43990002000103号", addr="青峰县峰城镇人民路88号",
                   zip="415300", tel="0736-7220100",
                   meta='<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    ctx = dict(year=year, short="青峰县人民政府", site="青峰县人民政府网", url="www.qingfeng.gov.cn",
               office="青峰县人民政府办公室", addr=cfg["addr"], zip=cfg["zip"], tel=cfg["tel"])
    blocks = report_blocks(ctx, data, rng, template)
    # visible spam paragraphs between report paragraphs
    spam_at = {2: SPAM_VISIBLE[0], 7: SPAM_VISIBLE[1], 14: SPAM_VISIBLE[2]}
    mixed = []
    for i, b in enumerate(blocks):
        mixed.append(b)
        if i in spam_at:
            mixed.append(("spam", spam_at[i]))
        if b[0] == "t3":
            mixed.append(("spam", SPAM_VISIBLE[3]))

    def td_plain(c):
        attrs = span_attrs(c)
        align = "left" if c.kind == "label" else "center"
        return f'<td{attrs} align="{align}" valign="middle">{text_html(c.text)}</td>'

    def td_chars(c):
        attrs = span_attrs(c)
        if c.kind in ("value", "spacer"):
            return f'<td{attrs} align="center" valign="middle"><span>{esc(c.text)}</span></td>'
        return f'<td{attrs} align="center" valign="middle">{text_html(c.text, per_char=True)}</td>'

    topen = '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="3" width="100%" align="center">'
    hidden = ('<div style="display:none">' + " ".join(f'<a href="{h}">{esc(t)}</a>' for h, t in SPAM_HIDDEN)
              + "</div>")
    rend = {
        "p": lambda t: f'<p style="text-indent:2em">{esc(t)}</p>',
        "h": lambda t: f'<p style="text-indent:2em"><b>{esc(t)}</b></p>',
        "h2": lambda t: f'<p style="text-indent:2em"><b>{esc(t)}</b></p>',
        "spam": lambda t: f'<p style="text-indent:2em">{esc(t)}</p>',
        "t2": lambda: render_table([r for b in proactive_blocks(template, data["proactive"]) for r in b],
                                   td_plain, topen),
        "t3": lambda: render_table(requests_rows(template, data["requests"], split_result=True), td_chars, topen),
        "t4": lambda: render_table(review_rows(data["review"]), td_plain, topen),
    }
    body = render_blocks(mixed, rend)
    left_menu = "\n".join(f'<tr><td class="lm_item"><a href="/zwgk/{h}/">{t}</a></td></tr>' for h, t in [
        ("zn", "政府信息公开指南"), ("zd", "政府信息公开制度"), ("fdzdgknr", "法定主动公开内容"),
        ("ndbg", "政府信息公开年报"), ("ysqgk", "依申请公开")])
    page = "\n".join([
        head_html(cfg), "<body>", header_html(cfg),
        '<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center" class="main_layout">',
        "<tr>",
        '<td width="220" valign="top" class="leftmenu">',
        '<table width="100%" border="0" cellspacing="0" cellpadding="0">',
        '<tr><td class="lm_title">政务公开</td></tr>',
        left_menu,
        "</table>",
        "</td>",
        '<td width="20">&nbsp;</td>',
        '<td width="760" valign="top">',
        position_html(cfg),
        '<table width="100%" border="0" cellspacing="0" cellpadding="0">',
        '<tr><td align="center" class="art_title"><h1>{}</h1></td></tr>'.format(esc(cfg["title"])),
        f"<tr><td>{meta_line(cfg)}</td></tr>",
        "<tr><td>",
        '<div class="article">',
        '<div class="TRS_Editor">',
        hidden,
        body,
        '<p style="text-align:right">青峰县人民政府</p>',
        '<p style="text-align:right">2024年1月22日</p>',
        "</div>",
        "</div>",
        "</td></tr>",
        f"<tr><td>{share_html()}</td></tr>",
        "</table>",
        "</td>",
        "</tr>",
        "</table>",
        footer_html(cfg),
        "</body>", "</html>", ""])
    return write_page("2021_nested_spam", page, "utf-8", doc_label(template, year, organ, data))


# ---------------------------------------------------------------------------
# page 4: 2019 template, arithmetic errors, null cells, money in yuan
# ---------------------------------------------------------------------------

def page4():
    rng = random.Random(20200104)
    organ, year, template = "渠阳市财政局", 2019, "2019"
    pro = gen_proactive_2019(rng, "dept")
    pro["regulations"] = {f: ("-", None) for f in ("new_made", "new_published", "total_published")}
    pro["administrative_licensing"]["decisions"] = ("12,386", 12386)
    pro["other_admin_services"]["change"] = ("/", None)
    pro["administrative_fees"]["change"] = ("无", None)
    pro["centralized_procurement"]["amount"] = ("502529227.9元",
                                                dec_value(Decimal("502529227.9") / Decimal(10000)))
    numbers = gen_requests_numbers(rng, template, 25)
    # make sure the 科研机构 column is all zero (it is written blank) and 社会公益组织 has some zeros
    for row in numbers.values():
        if row["research"]:
            raise AssertionError("seed gives research applications; pick another seed")
    req = cells_of(numbers)
    for r in req:
        req[r]["research"] = ("", None)
    for r in ("denied_state_secret", "denied_prohibited_by_law", "denied_three_safeties",
              "denied_third_party", "denied_internal_affairs", "denied_process_info",
              "denied_enforcement_files", "denied_query_matters"):
        if numbers[r]["public_interest"] == 0:
            req[r]["public_interest"] = ("-", None)
    # the error: natural-person total is one too many
    wrong = numbers["total"]["natural_person"] + 1
    req["total"]["natural_person"] = N(wrong)
    review = gen_review(rng, 3)
    rv = review["review"]
    true_total = sum(rv[k][1] for k in ("upheld", "corrected", "other", "pending"))
    rv["total"] = N(true_total + 2)
    review["litigation_after_review"] = {r: ("—", None) for r in RL_RESULTS}
    data = {"proactive": pro, "requests": req, "review": review}

    cfg = base_cfg(place="渠阳", site="渠阳市财政局", domain="czj.quyang.gov.cn",
                   sitecode="3699000104", title=organ + "2019年政府信息公开工作年度报告",
                   pubdate="2020-01-31 15:40", source="渠阳市财政局", artid="5521",
                   owner="渠阳市财政局", icp="赣ICP备08009876号",
                   police="赣公网安备 36990002000104号", addr="渠阳市滨江大道208号财政大楼",
                   zip="341000", tel="0797-8123456",
                   meta='<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    ctx = dict(year=year, short="市财政局", site="渠阳市财政局网站", url="czj.quyang.gov.cn",
               office="渠阳市财政局办公室", addr=cfg["addr"], zip=cfg["zip"], tel=cfg["tel"])
    blocks = report_blocks(ctx, data, rng, template)

    def td(c):
        attrs = span_attrs(c)
        if c.kind == "value":
            inner = f"&nbsp;&nbsp;{esc(c.text)}&nbsp;&nbsp;" if c.text else "&nbsp;"
            return f'<td{attrs} width="48" style="border:solid 1px #000;text-align:center"><p>{inner}</p></td>'
        return (f'<td{attrs} style="border:solid 1px #000;text-align:center"><p><span style="font-family:宋体">{text_html(c.text)}</span></p></td>')

    topen = '<table cellspacing="0" cellpadding="0" border="1" style="width:100%;border-collapse:collapse">'
    rend = {
        "p": lambda t: f"<p>　　{esc(t)}</p>",
        "h": lambda t: f"<h3>　　{esc(t)}</h3>",
        "h2": lambda t: f"<p>　　<strong>{esc(t)}</strong></p>",
        "t2": lambda: render_table([r for b in proactive_blocks(template, data["proactive"]) for r in b], td, topen),
        "t3": lambda: render_table(requests_rows(template, data["requests"]), td, topen),
        "t4": lambda: render_table(review_rows(data["review"], breaks=True), td, topen),
    }
    body = render_blocks(blocks, rend)
    page = "\n".join([
        head_html(cfg), "<body>", header_html(cfg), position_html(cfg),
        '<div class="article">',
        '<p style="text-align:center;font-size:22px"><strong>{}</strong></p>'.format(esc(cfg["title"])),
        meta_line(cfg),
        '<div class="TRS_Editor">',
        body,
        '<p style="text-align:right">渠阳市财政局</p>',
        '<p style="text-align:right">2020年1月31日</p>',
        "</div>",
        share_html(),
        "</div>",
        footer_html(cfg),
        "</body>", "</html>", ""])
    return write_page("2019_arith_error", page, "utf-8", doc_label(template, year, organ, data))


# ---------------------------------------------------------------------------
# page 5: 2021 template, BOM, split table 2, half-width labels, truncated table 4 header
# ---------------------------------------------------------------------------

def half_width(s):
    return (s.replace("（", "(").replace("）", ")").replace("“", '"').replace("”", '"'))


def page5():
    rng = random.Random(20250105)
    organ, year, template = "澄湖市生态环境局", 2024, "2021"
    data = {"proactive": gen_proactive_2021(rng, "dept", "0"),
            "requests": cells_of(gen_requests_numbers(rng, template, 18)),
            "review": gen_review(rng, 4)}
    cfg = base_cfg(place="澄湖", site="澄湖市生态环境局", domain="sthjj.chenghu.gov.cn",
                   sitecode="3299000205", title=organ + "2024年度政府信息公开工作年度报告",
                   pubdate="2025-01-23 11:00", source="办公室", artid="702215",
                   owner="澄湖市生态环境局", icp="苏ICP备13021234号-2",
                   police="苏公网安备 32990002000205号", addr="澄湖市湖滨路66号",
                   zip="215900", tel="0512-61230000",
                   meta='<meta charset="UTF-8">')
    ctx = dict(year=year, short="市生态环境局", site="澄湖市生态环境局网站", url="sthjj.chenghu.gov.cn",
               office="澄湖市生态环境局办公室", addr=cfg["addr"], zip=cfg["zip"], tel=cfg["tel"])
    blocks = report_blocks(ctx, data, rng, template)
    rename = {
        "二、主动公开政府信息情况": "二、行政机关主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况": "三、行政机关收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况": "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "五、存在的主要问题及改进情况": "五、政府信息公开工作存在的主要问题及改进情况",
        "六、其他需要报告的事项": "（六）其他需要报告的事项",
    }
    blocks = [("h", rename.get(b[1], b[1])) if b[0] == "h" else b for b in blocks]

    def td(c):
        attrs = span_attrs(c)
        return (f'<td{attrs} style="border:1px solid windowtext;padding:4px 6px;text-align:center;vertical-align:middle">'
                f'<p style="margin:0">{text_html(c.text)}</p></td>')

    topen = '<table border="1" cellpadding="0" cellspacing="0" style="width:96%;border-collapse:collapse;margin:0 auto">'
    notes = [
        "注：规章由市人民政府制定，本机关不承担规章起草公布职能。",
        "行政许可数据来源于澄湖市政务服务管理平台。",
        "行政处罚、行政强制数据由局法规科汇总。",
        "",
    ]

    def t2():
        parts = []
        for block, note in zip(proactive_blocks(template, data["proactive"]), notes, strict=False):
            parts.append(render_table(block, td, topen))
            if note:
                parts.append(f'<p style="text-indent:2em;font-size:14px">{esc(note)}</p>')
        return "\n".join(parts)

    rend = {
        "p": lambda t: f'<p style="text-indent:2em;line-height:2">{esc(t)}</p>',
        "h": lambda t: f'<h3 style="text-indent:2em">{esc(t)}</h3>',
        "h2": lambda t: f'<h4 style="text-indent:2em">{esc(t)}</h4>',
        "t2": t2,
        "t3": lambda: render_table(requests_rows(template, data["requests"], fix=half_width), td, topen),
        "t4": lambda: render_table(review_rows(data["review"], heads2=["结果维持", "结果", "其他", "尚未", "总计"],
                                               leaf=["结果", "结果", "其他", "尚未", "总计"]), td, topen),
    }
    body = render_blocks(blocks, rend)
    page = "\n".join([
        head_html(cfg), "<body>", header_html(cfg), position_html(cfg),
        '<div class="article">',
        "<h1>{}</h1>".format(esc(cfg["title"])),
        meta_line(cfg),
        '<div class="TRS_Editor">',
        body,
        '<p style="text-align:right">澄湖市生态环境局</p>',
        '<p style="text-align:right">2025年1月20日</p>',
        "</div>",
        share_html(),
        "</div>",
        footer_html(cfg),
        "</body>", "</html>", ""])
    return write_page("2021_split_headers", page, "utf-8", doc_label(template, year, organ, data), bom=True)


# ---------------------------------------------------------------------------
# page 6: 2019 template from Word "save as HTML", misaligned colspans in table 3
# ---------------------------------------------------------------------------

def page6():
    rng = random.Random(20210106)
    organ, year, template = "临溪市人民政府", 2020, "2019"
    data = {"proactive": gen_proactive_2019(rng, "city"),
            "requests": cells_of(gen_requests_numbers(rng, template, 70)),
            "review": gen_review(rng, 5)}
    cfg = base_cfg(place="临溪", site="临溪市人民政府门户网站", domain="www.linxi-city.gov.cn",
                   sitecode="5199000006", title=organ + "2020年政府信息公开工作年度报告",
                   pubdate="2021-01-29 17:21", source="市政府办公室", artid="34410",
                   owner="临溪市人民政府办公室", icp="川ICP备06054321号",
                   police="川公网安备 51990002000106号", addr="临溪市政府路1号",
                   zip="618400", tel="0838-6100000",
                   meta='<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    ctx = dict(year=year, short="临溪市人民政府", site="临溪市人民政府门户网站", url="www.linxi-city.gov.cn",
               office="临溪市人民政府办公室", addr=cfg["addr"], zip=cfg["zip"], tel=cfg["tel"])
    blocks = report_blocks(ctx, data, rng, template)

    def td_word(c):
        attrs = span_attrs(c, quote="")
        if c.kind == "spacer":
            return ("<td width=9 style='border:none;border-bottom:solid windowtext 1pt'>"
                    "<p class=MsoNormal align=center><span lang=EN-US>&nbsp;</span></p></td>")
        if c.kind == "value":
            return (f"<td width=30{attrs} style='border:solid windowtext 1pt'><p class=MsoNormal align=center>"
                    f"<span lang=EN-US>{esc(c.text)}</span></p></td>")
        return (f"<td{attrs} style='border:solid windowtext 1pt'><p class=MsoNormal align=center>"
                f"<span style='font-family:宋体'>{text_html(c.text)}</span></p></td>")

    topen = ("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
             "style='border-collapse:collapse;border:none'>")
    t3rows = requests_rows(template, data["requests"], vfactor=2, breaks=True)
    width = grid_width(t3rows)
    ghost = ("<![if !supportMisalignedColumns]>\n<tr height=0>"
             + "".join("<td width=%d style='border:none'></td>" % (60 if i < 3 else 20) for i in range(width))
             + "</tr>\n<![endif]>")
    rend = {
        "p": lambda t: f"<p class=MsoNormal style='text-indent:24pt'><span style='font-family:仿宋'>{esc(t)}</span></p>",
        "h": lambda t: f"<p class=MsoNormal style='text-indent:24pt'><b><span style='font-family:黑体'>{esc(t)}</span></b></p>",
        "h2": lambda t: f"<p class=MsoNormal style='text-indent:24pt'><span style='font-family:楷体'>{esc(t)}</span></p>",
        "t2": lambda: render_table([r for b in proactive_blocks(template, data["proactive"], breaks=True) for r in b],
                                   td_word, topen),
        "t3": lambda: render_table(t3rows, td_word, topen, tail_rows=ghost),
        "t4": lambda: render_table(review_rows(data["review"]), td_word, topen),
    }
    body = render_blocks(blocks, rend)
    page = "\n".join([
        head_html(cfg), "<body>", header_html(cfg), position_html(cfg),
        '<div class="article">',
        "<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:18pt;"
        "font-family:方正小标宋简体'>{}</span></b></p>".format(esc(cfg["title"])),
        meta_line(cfg),
        '<div class="TRS_Editor"><div class=WordSection1>',
        body,
        "<p class=MsoNormal align=right style='text-align:right'><span style='font-family:仿宋'>临溪市人民政府办公室</span></p>",
        "<p class=MsoNormal align=right style='text-align:right'><span style='font-family:仿宋'>2021年1月26日</span></p>",
        "</div></div>",
        share_html(),
        "</div>",
        footer_html(cfg),
        "</body>", "</html>", ""])
    return write_page("2019_colspan_misaligned", page, "utf-8", doc_label(template, year, organ, data))


# ---------------------------------------------------------------------------
# page 7: 2021 template, UTF-8, county office; the narrative disagrees with the tables
# ---------------------------------------------------------------------------

TEXT_DISAGREES = {"requests.new_received.total": 3, "review_litigation.review.total": 2}


def page7():
    rng = random.Random(20250107)
    organ, year, template = "澄江县人民政府办公室", 2024, "2021"
    data = {"proactive": gen_proactive_2021(rng, "county", "0.5"),
            "requests": cells_of(gen_requests_numbers(rng, template, 30)),
            "review": gen_review(rng, 2)}
    cfg = base_cfg(place="澄江", site="澄江县人民政府门户网站", domain="www.chengjiang-county.gov.cn",
                   sitecode="5399000007", title=organ + "2024年政府信息公开工作年度报告",
                   pubdate="2025-01-20 09:15", source="县政府办公室", artid="51207",
                   owner="澄江县人民政府办公室", icp="滇ICP备07012345号",
                   police="滇公网安备 53990002000107号", addr="澄江县凤麓街道府前路1号", zip="652500",
                   tel="0877-6910000",
                   meta='<meta charset="utf-8">')
    ctx = dict(year=year, short="澄江县人民政府办公室", site=cfg["site"], url=cfg["domain"],
               office="澄江县人民政府办公室", addr=cfg["addr"], zip=cfg["zip"], tel=cfg["tel"])
    blocks = report_blocks(ctx, data, rng, template, misstate=TEXT_DISAGREES)

    rend = plain_renderers(template, data,
                           '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;">')
    page = "\n".join([
        head_html(cfg), "<body>", header_html(cfg), position_html(cfg),
        '<div class="article">',
        "<h1>{}</h1>".format(esc(cfg["title"])),
        meta_line(cfg),
        '<div class="TRS_Editor">',
        render_blocks(blocks, rend),
        '<p style="text-align:right;">澄江县人民政府办公室</p>',
        '<p style="text-align:right;">2025年1月18日</p>',
        "</div>",
        share_html(),
        "</div>",
        footer_html(cfg),
        "</body>", "</html>", ""])
    label = dict(doc_label(template, year, organ, data), text_states=stated_figures(data, TEXT_DISAGREES))
    return write_page("2021_text_disagrees", page, "utf-8", label)


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for fn in (page1, page2, page3, page4, page5, page6, page7):
        size = fn()
        if size >= 100_000:
            raise AssertionError("%s: page is %d bytes" % (fn.__name__, size))


if __name__ == "__main__":
    main()
