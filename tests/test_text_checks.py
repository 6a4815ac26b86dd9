"""Text against tables (文本与表格一致性): ``text_vs_table`` checks.

The expected figures below were read from the documents themselves (the
sentences quoted beside them), not from giaparse's output.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.checks import run_checks
from giaparse.schema import load_schema
from giaparse.template.narrative import stated_cells, statements
from giaparse.text_checks import TEXT_CHECK_ID, text_checks

from .conftest import CORPUS, REAL, seed_file

LIT = "review_litigation.litigation_direct.total+review_litigation.litigation_after_review.total"
ENTRY_KEYS = {"id", "subject", "status", "left", "right", "difference", "sentence"}


def _text_checks(path: Path) -> list[dict]:
    out = giaparse.parse(path).to_dict()
    jsonschema.validate(out, load_schema())
    return [c for c in out["checks"] if c["id"] == TEXT_CHECK_ID]


def _found(entries: list[dict]) -> dict[str, tuple[str, object]]:
    return {c["subject"]: (c["status"], c["left"]["sum"]) for c in entries}


def _seed(prefix: str) -> Path:
    return seed_file(prefix)


# ------------------------------------------------------- corpus: text agrees --

# 「全年共新收政府信息公开申请197件，上年结转4件；办理答复193件，其中予以公开88件、部分公开30件，
#   结转下年度继续办理8件。全年因政府信息公开工作被申请行政复议2件、被提起行政诉讼6件。」
CITY_GBK = {"requests.new_received.total": 197, "requests.carried_over.total": 4, "requests.total.total": 193,
            "requests.granted.total": 88, "requests.partially_granted.total": 30,
            "requests.carried_forward.total": 8, "review_litigation.review.total": 2, LIT: 6}
# 「全年共新收政府信息公开申请68件，上年结转2件；办理答复63件，其中予以公开21件、部分公开0件，
#   结转下年度继续办理7件。全年因政府信息公开工作被申请行政复议2件、被提起行政诉讼2件。」
COUNTY_UTF8 = {"requests.new_received.total": 68, "requests.carried_over.total": 2, "requests.total.total": 63,
               "requests.granted.total": 21, "requests.partially_granted.total": 0,
               "requests.carried_forward.total": 7, "review_litigation.review.total": 2, LIT: 2}
# 「全年共新收政府信息公开申请122件，上年结转2件；办理答复120件，其中予以公开71件、部分公开0件，
#   结转下年度继续办理4件。全年因政府信息公开工作被申请行政复议10件、被提起行政诉讼9件。」
# It also says 「全年制发规范性文件27件」, but its table 2 is the 2019 one (新制作/新公开, no 制发).
HARD_CASES_2019 = {"requests.new_received.total": 122, "requests.carried_over.total": 2,
                   "requests.total.total": 120, "requests.granted.total": 71,
                   "requests.partially_granted.total": 0, "requests.carried_forward.total": 4,
                   "review_litigation.review.total": 10, LIT: 9}


@pytest.mark.parametrize("name, expected", [
    ("html/2021_city_gbk.html", CITY_GBK),
    ("html/2019_county_utf8.html", COUNTY_UTF8),
    ("docx/docx_2019_hard_cases.docx", HARD_CASES_2019),
    # the 2021 DOCX states 「全年制发规范性文件37件」 too: table 2's 本年制发件数
    ("docx/docx_2021_autonumber.docx", {"proactive.normative_documents.issued": 37,
                                        "requests.new_received.total": 115, "requests.carried_over.total": 4,
                                        "requests.total.total": 117, "requests.granted.total": 38,
                                        "requests.partially_granted.total": 4,
                                        "requests.carried_forward.total": 2,
                                        "review_litigation.review.total": 4, LIT: 3}),
])
def test_corpus_narrative_agrees_with_its_tables(name, expected):
    entries = _text_checks(CORPUS / name)
    assert _found(entries) == {subject: ("pass", n) for subject, n in expected.items()}
    for c in entries:
        assert set(c) == ENTRY_KEYS
        assert c["difference"] == 0 and str(c["left"]["sum"]) + "件" in c["sentence"]


def test_stated_sum_of_litigation_names_both_groups():
    entry = next(c for c in _text_checks(CORPUS / "html/2021_city_gbk.html") if c["subject"] == LIT)
    assert entry["right"] == {"terms": {"review_litigation.litigation_direct.total": 6,
                                        "review_litigation.litigation_after_review.total": 0}, "sum": 6}
    assert entry["sentence"] == "全年因政府信息公开工作被申请行政复议2件、被提起行政诉讼6件。"


def test_a_figure_stated_beside_an_empty_cell_is_skipped():
    # 2019_arith_error leaves one 复议后起诉 total blank; the text says 「被提起行政诉讼3件」.
    entry = next(c for c in _text_checks(CORPUS / "html/2019_arith_error.html") if c["subject"] == LIT)
    assert entry["status"] == "skipped" and entry["difference"] is None
    assert entry["left"]["terms"] == {"stated": 3}
    assert entry["right"]["terms"]["review_litigation.litigation_after_review.total"] is None
    assert "no value" in entry["reason"]


# -------------------------------------------------- corpus: text disagrees --

def test_corpus_document_whose_text_disagrees_fails_and_keeps_its_tables():
    doc = CORPUS / "html" / "2021_text_disagrees.html"
    label = json.loads((doc.parent / "2021_text_disagrees.label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(doc).to_dict()
    jsonschema.validate(out, load_schema())
    entries = [c for c in out["checks"] if c["id"] == TEXT_CHECK_ID]
    # One entry per figure the generator wrote into the prose.
    assert {c["subject"]: c["left"]["sum"] for c in entries} == label["text_states"]
    failed = {c["subject"]: c for c in entries if c["status"] == "fail"}
    assert set(failed) == {"requests.new_received.total", "review_litigation.review.total"}
    assert all(c["status"] == "pass" for c in entries if c["subject"] not in failed)

    new = failed["requests.new_received.total"]
    assert new["left"] == {"terms": {"stated": 52}, "sum": 52}
    assert new["right"] == {"terms": {"requests.new_received.total": 49}, "sum": 49}
    assert new["difference"] == 3
    assert new["sentence"] == "全年共新收政府信息公开申请52件，上年结转4件；"
    review = failed["review_litigation.review.total"]
    assert (review["left"]["sum"], review["right"]["sum"], review["difference"]) == (5, 3, 2)
    assert review["sentence"] == "全年因政府信息公开工作被申请行政复议5件、被提起行政诉讼3件。"

    # Never repaired: the tables say what the tables say, and their own arithmetic holds.
    assert out["tables"]["requests"]["new_received"]["total"]["value"] == 49
    assert out["tables"]["review_litigation"]["review"]["total"]["value"] == 3
    assert label["tables"]["requests"]["new_received"]["total"] == 49
    assert all(c["status"] == "pass" for c in out["checks"] if c["id"] != TEXT_CHECK_ID)


def test_every_generated_narrative_is_checked():
    # The generators' 依申请公开 paragraph states eight figures; every HTML/DOCX report has them all,
    # passing except where the label says the text was written to disagree.
    for doc in sorted(CORPUS.glob("html/*.html")) + sorted(CORPUS.glob("docx/*.docx")):
        label = json.loads((doc.parent / f"{doc.stem}.label.json").read_text(encoding="utf-8"))
        entries = _text_checks(doc)
        subjects = {c["subject"] for c in entries}
        assert set(COUNTY_UTF8) <= subjects, doc.name
        disagree = {s for s, n in label.get("text_states", {}).items()
                    if "+" not in s and n != label["tables"][s.split(".")[0]][s.split(".")[1]][s.split(".")[2]]}
        for c in entries:
            if c["status"] == "skipped":
                continue
            assert (c["status"] == "fail") == (c["subject"] in disagree), (doc.name, c)


# ------------------------------------------------------------------ seeds --

def test_seed000_states_no_cell_of_its_own():
    # 「2020年全市各级行政机关共受理政府信息公开申请件6677件」 is every agency of the city, and
    # 「因政府信息公开引起的行政复议和行政诉讼254件」 adds two tables' figures; the page has no tables.
    assert _text_checks(_seed("000")) == []


def test_seed001_zero_cases_and_two_requests_agree():
    # 「2020年，全市共收到2件需要按申请程序公开依申请公开件」, 「2020年全市因信息公开申请引起的行政复议0宗，
    #   行政诉讼0宗。」 — table 3 new_received 总计 2, table 4 all 0.
    entries = _text_checks(_seed("001"))
    assert _found(entries) == {"requests.new_received.total": ("pass", 2),
                               "review_litigation.review.total": ("pass", 0), LIT: ("pass", 0)}


def test_seed002_is_not_a_report():
    out = giaparse.parse(_seed("002")).to_dict()
    assert out["document"]["kind"] == "other" and out["checks"] == []


def test_seed003_received_agrees():
    # 「全年全区共受理依申请公开件120件」 — table 3 本年新收 总计 120.
    entries = _text_checks(_seed("003"))
    assert _found(entries) == {"requests.new_received.total": ("pass", 120)}


def test_seed004_six_figures_agree():
    # 「市政府办公厅全年新受理政府信息公开申请件227件,上年结转18件;按规定在法定期限内答复229件,
    #   16件结转至2025年继续办理」 (a 2024 report), 「全年因政府信息公开引起的行政复议10件、行政诉讼3件」.
    entries = _text_checks(_seed("004"))
    assert _found(entries) == {"requests.new_received.total": ("pass", 227),
                               "requests.carried_over.total": ("pass", 18),
                               "requests.total.total": ("pass", 229),
                               "requests.carried_forward.total": ("pass", 16),
                               "review_litigation.review.total": ("pass", 10), LIT: ("pass", 3)}
    lit = next(c for c in entries if c["subject"] == LIT)
    assert lit["right"]["terms"] == {"review_litigation.litigation_direct.total": 0,
                                     "review_litigation.litigation_after_review.total": 3}


def test_real_report_narrative_agrees():
    pdf = REAL / "huaian_2024.pdf"
    # 「2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到
    #   下年度答复）」, 「政府信息公开行政复议351件」, 「政府信息公开行政诉讼46件」. Its 「收取政府信息公开
    #   信息处理费3940元」 is the 信息处理费, not table 2's 行政事业性收费 (96171.6万元): no entry.
    entries = _text_checks(pdf)
    assert _found(entries) == {"requests.new_received.total": ("pass", 3119),
                               "requests.total.total": ("pass", 3050),
                               "requests.carried_over.total": ("pass", 34),
                               "requests.carried_forward.total": ("pass", 103),
                               "review_litigation.review.total": ("pass", 351), LIT: ("pass", 46)}


# ------------------------------------------------------ forms, one by one --

def _stated(text: str, year: int | None = 2024) -> list[tuple[str, object]]:
    return [(".".join((s.table, s.row, s.column)), s.value) for s in statements(text, year)]


@pytest.mark.parametrize("text, expected", [
    ("全年共收到政府信息公开申请41件，同比增长10.8%。", [("requests.new_received.total", 41)]),
    ("本年度共收到依申请公开申请12件。", [("requests.new_received.total", 12)]),
    ("2024年，全县共受理政府信息公开申请7件。", [("requests.new_received.total", 7)]),
    ("依申请公开：上年结转申请3件。", [("requests.carried_over.total", 3)]),
    ("依申请公开：结转下年度继续办理5件。", [("requests.carried_forward.total", 5)]),
    ("依申请公开：另有6件申请结转至2025年办理。", [("requests.carried_forward.total", 6)]),
    ("收到申请后，办理答复40件，其中予以公开20件、部分予以公开3件。",
     [("requests.total.total", 40), ("requests.granted.total", 20), ("requests.partially_granted.total", 3)]),
    ("因政府信息公开被申请行政复议2起，直接提起行政诉讼1件，复议后提起行政诉讼1件。",
     [("review_litigation.review.total", 2), ("review_litigation.litigation_direct.total", 1),
      ("review_litigation.litigation_after_review.total", 1)]),
    ("本年行政事业性收费0.5万元。", [("proactive.administrative_fees.amount", 0.5)]),
    ("行政事业性收费金额为5000元。", [("proactive.administrative_fees.amount", 0.5)]),
    ("行政事业性收费123500元。", [("proactive.administrative_fees.amount", 12.35)]),
    ("现行有效行政规范性文件305件。", [("proactive.normative_documents.in_force", 305)]),
    ("全年共收到政府信息公开申请41件，其中自然人申请30件、法人或其他组织11件。",
     [("requests.new_received.total", 41), ("requests.new_received.natural_person", 30),
      ("requests.new_received.organisations", 11)]),
    ("本年度共受理政府信息公开申请41件（其中公民提出的申请38件）。",
     [("requests.new_received.total", 41), ("requests.new_received.natural_person", 38)]),
])
def test_forms(text, expected):
    assert _stated(text) == expected


@pytest.mark.parametrize("text", [
    # another period
    "上年共收到政府信息公开申请30件。",
    "与上年同期相比，上年全年收到政府信息公开申请30件。",
    "去年受理政府信息公开申请20件。",
    "2023年共收到政府信息公开申请30件。",            # the report is 2024's
    "2023年结转至2024年的申请5件。",                 # that is 上年结转, not 结转下年度
    "依申请公开：5件结转至2024年办理。",
    "自2008年以来累计收到政府信息公开申请900件。",
    "上年被申请行政复议4件。",
    # changes and rates, not figures
    "全年收到政府信息公开申请同比增长41%。",
    "收到政府信息公开申请数量较上年增加3件。",
    "因政府信息公开引起的行政复议案件同比减少2件。",
    "政府信息公开行政复议纠错率3.8%。",
    # two things at once, or a part
    "因政府信息公开引起的行政复议和行政诉讼254件。",
    "因政府信息公开引起的行政诉讼和行政复议5件。",
    "收到申请后，延期答复3件。",
    "收到申请40件后，答复38件，其中延期答复3件。",
    "依申请公开：不予公开5件。",
    # another subject
    "本机关作为复议机关受理行政复议案件12件。",
    "办结人大代表建议12件。",
    "办结12件人大代表建议，涉及申请事项。",
    "全年收取信息处理费0元。",                       # 信息处理费 is not 行政事业性收费
    "行政事业性收费项目725项。",
    "行政许可638.1万件。",
    "主动公开：上年结转资金5件。",                   # no 申请 in the paragraph
    "依申请公开工作中，自然人申请30件。",            # applicants only right after a 本年新收 total
])
def test_no_false_statement(text):
    assert _stated(text) == []


def test_next_year_needs_the_report_year():
    assert _stated("依申请公开：16件结转至2025年继续办理。", year=None) == []
    assert _stated("依申请公开：16件结转至2025年继续办理。", year=2024) == [("requests.carried_forward.total", 16)]


def test_solver_evidence_is_single_cells_of_whole_numbers():
    text = "全年共收到政府信息公开申请41件，上年结转2件；因政府信息公开被申请行政复议1件、被提起行政诉讼3件。行政事业性收费0.5万元。"
    assert stated_cells(text, "requests") == {("new_received", "total"): 41, ("carried_over", "total"): 2}
    assert stated_cells(text, "review_litigation") == {("review", "total"): 1}
    assert stated_cells(text, "proactive") == {}


OTHER_PERIOD = st.sampled_from(["上年", "去年", "上年同期", "上一年度", "2019年", "上年度全年", "2019年度"])
FORM = st.sampled_from(["共收到政府信息公开申请{n}件", "受理政府信息公开申请{n}件", "被申请行政复议{n}件",
                        "提起行政诉讼{n}件", "现行有效行政规范性文件{n}件", "行政事业性收费{n}万元"])


@settings(max_examples=150, deadline=None)
@given(OTHER_PERIOD, FORM, st.integers(0, 10**6), st.integers(0, 10**6))
def test_other_period_figure_is_never_this_years(period, form, old, new):
    # 「上年…N件，全年…M件」: only M is this year's figure (the report is 2020's).
    text = f"因政府信息公开工作{period}{form.format(n=old)}，全年{form.format(n=new)}。"
    found = statements(text, 2020)
    assert [s.value for s in found] == [new]


@settings(max_examples=150, deadline=None)
@given(FORM, st.integers(0, 10**6), st.sampled_from(["%", "个百分点", "次", "人次"]))
def test_percentages_and_other_units_are_not_figures(form, n, unit):
    text = "因政府信息公开工作全年" + form.format(n=n).replace("件", unit).replace("万元", unit) + "。"
    assert statements(text, 2020) == []


TABLES = {"requests": {"new_received": {"total": {"value": 41, "raw": "41"}}},
          "review_litigation": {"review": {"total": {"value": None, "raw": None}}}}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("全年共收到政府信息公开申请上年结转行政复议诉讼件万元，。；0123456789.%")),
               max_size=80))
def test_never_raises_never_changes_a_number(text):
    tables = copy.deepcopy(TABLES)
    entries = text_checks(text, tables, 2020)
    assert tables == TABLES
    item = load_schema()["properties"]["checks"]["items"]
    for e in entries:
        jsonschema.validate(e, {**item, "$defs": load_schema()["$defs"]})
        assert e["id"] == TEXT_CHECK_ID and e["status"] in ("pass", "fail", "skipped")


def test_entry_shape_and_skips():
    text = "全年共收到政府信息公开申请44件。因政府信息公开被申请行政复议3件。行政事业性收费0.5万元。"
    entries = text_checks(text, TABLES, 2024, "2021")
    assert entries[0] == {"id": "text_vs_table", "subject": "requests.new_received.total", "status": "fail",
                          "left": {"terms": {"stated": 44}, "sum": 44},
                          "right": {"terms": {"requests.new_received.total": 41}, "sum": 41},
                          "difference": 3, "sentence": "全年共收到政府信息公开申请44件。"}
    assert [(e["subject"], e["status"]) for e in entries[1:]] == [
        ("review_litigation.review.total", "skipped"), ("proactive.administrative_fees.amount", "skipped")]
    assert "no value" in entries[1]["reason"] and "table proactive not found" == entries[2]["reason"]
    # A 2019 report's table 2 has no 收费金额: the fee sentence is about no cell of it.
    assert [e["subject"] for e in text_checks(text, TABLES, 2024, "2019")] == [
        "requests.new_received.total", "review_litigation.review.total"]
    assert text_checks(None, None) == [] and text_checks(["全年共收到政府信息公开申请1件。"], {})[0]["status"] == "skipped"


def test_run_checks_unchanged_by_text_checks():
    out = giaparse.parse(CORPUS / "html" / "2021_text_disagrees.html").to_dict()
    arithmetic = [c for c in out["checks"] if c["id"] != TEXT_CHECK_ID]
    tables = {t: v for t, v in out["tables"].items()}
    assert arithmetic == run_checks(tables)


def test_applicant_columns_after_the_received_total():
    tables = {"requests": {"new_received": {c: {"value": v, "raw": str(v)} for c, v in (
        ("natural_person", 30), ("commercial", 6), ("research", 0), ("public_interest", 1),
        ("legal_services", 3), ("other_org", 1), ("total", 41))}}}
    text = "全年共收到政府信息公开申请41件，其中自然人申请30件、法人或其他组织12件。"
    entries = text_checks(text, tables, 2024)
    assert [(e["subject"].split("+")[0], e["status"]) for e in entries] == [
        ("requests.new_received.total", "pass"), ("requests.new_received.natural_person", "pass"),
        ("requests.new_received.commercial", "fail")]
    org = entries[2]
    assert org["subject"] == "+".join(f"requests.new_received.{c}" for c in (
        "commercial", "research", "public_interest", "legal_services", "other_org"))
    assert (org["left"]["sum"], org["right"]["sum"], org["difference"]) == (12, 11, 1)
