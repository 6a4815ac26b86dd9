"""Kind and parts of pages whose structure is gone (template/inline_facts.py)."""

from __future__ import annotations

from giaparse.document import Paragraph
from giaparse.template.inline_facts import inline_sections, is_about_a_report, is_code_or_data

TITLE = "临川区人民政府2023年政府信息公开工作年度报告"


def test_explainer_pages_are_about_a_report():
    assert is_about_a_report([Paragraph(f"一图读懂《{TITLE}》")], None)
    assert is_about_a_report([Paragraph(f"《{TITLE}》解读")], None)


def test_a_breadcrumb_with_jiedu_above_a_real_report_is_not_an_explainer():
    assert not is_about_a_report([Paragraph("当前位置：首页 > 政策解读 > 正文"), Paragraph(TITLE)], None)


def test_a_list_of_reports_is_about_reports():
    lines = [Paragraph(f"临川区人民政府{y}年政府信息公开工作年度报告") for y in (2021, 2022, 2023)]
    assert is_about_a_report(lines, None)


def test_json_and_code_are_data():
    assert is_code_or_data([Paragraph(f'{{"title": "{TITLE}", "id": 3}}')])
    assert is_code_or_data([Paragraph("import json"), Paragraph(f'title = "{TITLE}"'), Paragraph("def f():")])
    assert not is_code_or_data([Paragraph(TITLE), Paragraph("一、总体情况"), Paragraph("本年度，全区……")])


def test_inline_part_headings_split_one_line_into_six_parts():
    line = ("本报告根据《条例》编制。一、总体情况 全年……二、主动公开政府信息情况 第二十条……"
            "三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 3 二、上年结转政府信息公开申请数量 0 "
            "四、结转下年度继续办理 0 四、政府信息公开行政复议、行政诉讼情况 行政复议…… 五、存在的主要问题及改进情况 问题…… "
            "六、其他需要报告的事项 无。")
    sections = inline_sections([Paragraph(line)])
    assert [(s.part, s.heading) for s in sections] == [
        (1, "一、总体情况"), (2, "二、主动公开政府信息情况"), (3, "三、收到和处理政府信息公开申请情况"),
        (4, "四、政府信息公开行政复议、行政诉讼情况"), (5, "五、存在的主要问题及改进情况"), (6, "六、其他需要报告的事项")]
    assert sections[5].text == "无。"
    assert "本年新收" in sections[2].text
