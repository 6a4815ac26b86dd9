"""Whole-document behaviour: the six parts, page furniture and spam kept out
of the text, document facts, and third-party readers."""

from __future__ import annotations

import importlib.metadata

import pytest

import giaparse
import giaparse.readers as readers
from giaparse.document import Document, Paragraph, RawCell, RawGrid, SpanInfo
from giaparse.readers import Reader

from .conftest import CORPUS, seed_file

SPAM_AND_CHROME = ("模拟器", "试玩", "娱乐", "官网入口", "APP", "开云", "版权所有", "Copyright",
                   "备案", "网站地图", "当前位置", "浏览次数", "首页")


def sections_of(path):
    return giaparse.parse(path).sections


@pytest.mark.parametrize("name,headings", [
    ("text/seed001_anning_2020_pipes.txt",
     ["一、本年度政府信息公开工作情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "(六)其他需要报告的事项"]),
    ("text/seed004_hangzhou_office_2024_pipes.txt",
     ["一、总体情况", "二、行政机关主动公开政府信息情况", "三、行政机关收到和处理政府信息公开申请情况",
      "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]),
])
def test_six_parts_found_in_order_with_their_text(name, headings):
    sections = sections_of(CORPUS / name)
    assert [s.heading for s in sections] == headings
    assert [s.part for s in sections] == [1, 2, 3, 4, 5, 6]
    # A sub-heading of part one (（一）主动公开) is not mistaken for part two.
    assert "（一）主动公开" in sections[0].text or "(一)主动公开" in sections[0].text


def test_part_six_text_is_the_reports_own():
    sections = sections_of(CORPUS / "text/seed004_hangzhou_office_2024_pipes.txt")
    assert sections[5].text == "无。本年度未收取信息处理费。"


def test_report_without_headings_has_no_sections_and_says_so():
    report = giaparse.parse(CORPUS / "text/seed000_hangzhou_2020_no_tables.txt")
    assert report.sections == []
    codes = [w.code.value for w in report.warnings]
    assert "sections_missing" in codes
    assert codes.count("table_missing") == 3
    assert not report.tables and report.to_dict()["tables"] == {}


@pytest.mark.parametrize("name", [
    "text/seed000_hangzhou_2020_no_tables.txt", "html/2021_nested_spam.html", "html/2019_county_utf8.html",
    "html/2021_city_gbk.html",
])
def test_spam_and_page_chrome_never_enter_section_text(name):
    report = giaparse.parse(CORPUS / name)
    text = "\n".join(s.heading + "\n" + s.text for s in report.sections)
    for word in SPAM_AND_CHROME:
        assert word not in text, f"{word!r} leaked into the sections of {name}"


def test_seed_000_spam_line_is_dropped_and_counted():
    report = giaparse.parse(CORPUS / "text/seed000_hangzhou_2020_no_tables.txt")
    boiler = [w for w in report.warnings if w.code.value == "boilerplate_removed"]
    # pg模拟器, the Copyright line, the 电话…备案号 line and 网站地图 (read off the seed).
    assert len(boiler) == 1 and boiler[0].message.startswith("4 line(s)")


def test_failed_arithmetic_keeps_the_reports_numbers():
    report = giaparse.parse(CORPUS / "html/2019_arith_error.html")
    failed = {(c.id, c.subject) for c in report.failed_checks}
    assert ("requests.total_is_sum", "natural_person") in failed
    assert ("review_litigation.total", "review") in failed
    total = report.tables.requests["total"]["natural_person"].value
    parts = sum(report.tables.requests[row]["natural_person"].value or 0
                for row in report.tables.requests
                if row not in ("new_received", "carried_over", "total", "carried_forward"))
    assert total == parts + 1  # the report's own (wrong) total, not repaired


class _CsvLikeReader(Reader):
    """A toy third-party format: 'GIACSV' then semicolon rows."""

    format = "giacsv"

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        return data.startswith(b"GIACSV\n")

    def read(self, data: bytes, source: str) -> Document:
        lines = data.decode("utf-8").splitlines()[1:]
        blocks = [Paragraph(lines[0]), Paragraph("四、政府信息公开行政复议、行政诉讼情况"),
                  RawGrid([[RawCell(c) for c in line.split(";")] for line in lines[1:]], SpanInfo.UNKNOWN)]
        return Document(blocks, source_name=source, format=self.format)


def test_a_reader_registered_through_the_entry_point_group_is_used(monkeypatch):
    ep = importlib.metadata.EntryPoint("giacsv", f"{__name__}:_CsvLikeReader", readers.ENTRY_POINT_GROUP)
    monkeypatch.setattr(readers, "entry_points", lambda group: [ep] if group == readers.ENTRY_POINT_GROUP else [])
    monkeypatch.setattr(readers, "_entry_points_loaded", False)
    monkeypatch.setattr(readers, "_REGISTRY", dict(readers._REGISTRY))
    data = ("GIACSV\n某县人民政府2022年政府信息公开工作年度报告\n"
            "行政复议;行政诉讼\n结果维持;结果纠正;其他结果;尚未审结;总计;未经复议直接起诉;复议后起诉\n"
            + ";".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + "\n"
            + ";".join(str(n) for n in [1, 0, 0, 0, 1, 2, 0, 0, 1, 3, 0, 0, 0, 0, 0]) + "\n").encode()
    report = giaparse.parse(data, name="x.giacsv")
    assert report.source.format == "giacsv"
    assert report.document.year == 2022 and report.document.organ == "某县人民政府"
    cell = report.tables.review_litigation["litigation_direct"]["total"]
    assert (cell.value, cell.raw) == (3, "3")
    assert "giacsv" in readers.registered_readers()


def test_schema_lists_every_warning_code():
    from giaparse.diagnostics import WarningCode
    from giaparse.schema import load_schema

    enum = load_schema()["properties"]["warnings"]["items"]["properties"]["code"]["enum"]
    assert enum == [c.value for c in WarningCode]


def test_read_options_resolve_from_a_dict():
    from giaparse.options import PdfBackend, ReadOptions

    assert ReadOptions.resolve({"pdf_backend": "camelot"}).pdf_backend is PdfBackend.CAMELOT
    assert ReadOptions.resolve(None) == ReadOptions()
    with pytest.raises(ValueError):
        ReadOptions.resolve({"pdf_backend": "tabula"})


def test_title_set_in_two_lines_keeps_its_organ():
    """Offices set the title as an organ line over a 20XX年… line (as in corpus/docx)."""
    text = ("石湾市人力资源和社会保障局\n2020年政府信息公开工作年度报告\n"
            "一、总体情况\n本年度…\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
            "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n").encode()
    report = giaparse.parse(text, name="t.txt")
    assert report.document.title == "石湾市人力资源和社会保障局2020年政府信息公开工作年度报告"
    assert report.document.organ == "石湾市人力资源和社会保障局"
    assert report.document.year == 2020


@pytest.mark.parametrize("line,is_number", [
    ("— 4 —", True), ("- 4 -", True), ("第 4 页", True), ("第4页 共9页", True), ("第4页，共12页", True),
    ("4 / 12", True), ("4", True), ("Page 4 of 12", True),
    ("2020年", False), ("4 12", False), ("12345", False), ("一、总体情况", False),
])
def test_one_page_number_rule_for_every_reader(line, is_number):
    """The text reader (footers inside tables) and the PDF reader (margins) share it."""
    from giaparse.text.boilerplate import is_page_number

    assert is_page_number(line) is is_number


def test_a_text_file_imports_only_the_text_reader():
    """The built-in readers are looked up lazily: converting text loads neither lxml, PDFium nor
    python-docx, nor the other readers (a single small file through the CLI pays only for its own)."""
    import subprocess
    import sys

    code = ("import sys, giaparse\n"
            f"giaparse.parse({str(seed_file('001'))!r})\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('giaparse.readers.', 'lxml', "
            "'pypdfium2', 'pdfplumber', 'docx')))))\n")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                timeout=120).stdout.split())
    assert "giaparse.readers.text" in loaded
    assert not loaded & {"giaparse.readers.html", "giaparse.readers.docx", "giaparse.readers.pdf",
                         "giaparse.readers.image", "giaparse.readers.legacy", "lxml", "pypdfium2", "pdfplumber",
                         "docx"}, loaded
    # every reader is still there when asked for
    assert set(readers.registered_readers()) >= {"text", "html", "docx", "pdf", "image", "ole2"}
