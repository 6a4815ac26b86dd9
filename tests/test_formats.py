"""Format detection from the bytes, and the input errors ``giaparse.parse`` raises."""

from __future__ import annotations

import codecs
import io
import random
import re
import zipfile
from pathlib import Path

import pytest

import giaparse
from giaparse import (
    DecodeFailure,
    EmptyDocument,
    FileNotReadable,
    GiaparseError,
    InputError,
    UnsupportedFormat,
)
from giaparse.formats import FORMAT_EXTENSIONS, InputFormat, detect_format, format_from_extension

from .conftest import CORPUS

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REPORT_TEXT = (CORPUS / "text" / "seed001_anning_2020_pipes.txt").read_text(encoding="utf-8")


def make_zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


DOCX_BYTES = make_zip(
    {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>年度报告</w:t></w:r></w:p></w:body></w:document>"
        ),
    }
)


def random_bytes(n: int = 4096, seed: int = 7) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(n))


# --- detect_format: binary signatures -----------------------------------------------


@pytest.mark.parametrize("name", [None, "report.pdf", "report.txt", "report.html"])
def test_pdf_magic_wins_over_the_name(name):
    assert detect_format(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", name) is InputFormat.PDF


def test_pdf_magic_after_leading_whitespace():
    assert detect_format(b"\r\n  %PDF-1.4\n", None) is InputFormat.PDF


@pytest.mark.parametrize("name", [None, "report.doc", "report.wps", "report.txt"])
def test_ole2_magic(name):
    assert detect_format(OLE2_MAGIC + b"\x00" * 504, name) is InputFormat.OLE2


@pytest.mark.parametrize("name", [None, "report.docx", "report.zip"])
def test_docx_zip_is_docx(name):
    assert detect_format(DOCX_BYTES, name) is InputFormat.DOCX


@pytest.mark.parametrize("name", [None, "archive.zip", "report.docx"])
def test_plain_zip_is_not_docx(name):
    plain = make_zip({"report.txt": "年度报告", "data/table.csv": "a,b\n1,2\n"})
    assert detect_format(plain, name) is None


def test_xlsx_like_zip_is_not_docx():
    assert detect_format(make_zip({"xl/workbook.xml": "<workbook/>"}), "report.xlsx") is None


def test_truncated_zip_is_not_docx():
    assert detect_format(DOCX_BYTES[:40], "report.docx") is None


# --- detect_format: text and markup -------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><body><p>年度报告</p></body></html>",
        "<HTML><HEAD><META charset=gbk></HEAD><BODY>年度报告</BODY></HTML>",
        "\n\n<div class='zw'>2020年度报告</div>",
        "<table><tr><td>规章</td><td>3</td></tr></table>",
    ],
)
@pytest.mark.parametrize("name", ["page.txt", "page.md", None, "page.html"])
def test_html_is_sniffed_from_content_whatever_the_name(page, name):
    assert detect_format(page.encode("utf-8"), name) is InputFormat.HTML


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""), ("utf-16-be", b"")],
)
def test_utf16_html_is_html(encoding, bom):
    page = "<html><head><title>年度报告</title></head><body><p>一、总体情况</p></body></html>"
    assert detect_format(bom + page.encode(encoding), "page.txt") is InputFormat.HTML
    assert detect_format(bom + page.encode(encoding), None) is InputFormat.HTML


def test_html_page_in_gb18030_is_html():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>年度报告</body></html>'
    assert detect_format(page.encode("gb18030"), None) is InputFormat.HTML


@pytest.mark.parametrize("name", ["report.txt", "report.md", "report.tsv", "REPORT.TXT"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_plain_text_named_as_text_is_text(name, encoding):
    assert detect_format(REPORT_TEXT.encode(encoding), name) is InputFormat.TEXT


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16",
     "utf-16-le", "utf-16-be"],
)
def test_short_plain_text_without_a_name_is_text(encoding):
    # Under 4096 bytes the whole text is the sniffing sample.
    text = REPORT_TEXT[:1200]
    assert len(text.encode(encoding)) < 4096
    assert detect_format(text.encode(encoding), None) is InputFormat.TEXT


@pytest.mark.parametrize(
    "data",
    [("a" + "年" * 1400).encode("utf-8"), ("a" + "年" * 2100).encode("gb18030"), REPORT_TEXT.encode("gb18030")],
    ids=["utf8-minimal", "gb18030-minimal", "seed001-gb18030"],
)
def test_long_plain_text_without_a_name_is_text(data):
    assert len(data) > 4096
    assert detect_format(data, None) is InputFormat.TEXT


def test_text_with_a_less_than_sign_is_still_text():
    assert detect_format("比较: 办结率 < 100% 的单位 3 家\n".encode(), "report.txt") is InputFormat.TEXT


@pytest.mark.parametrize("name", ["report.html", "report.htm", "REPORT.SHTML", "index.jsp"])
def test_text_named_html_without_markup_is_text(name):
    """The content decides: text with no markup is text whatever its name (the
    HTML reader would join its lines into one paragraph)."""
    assert detect_format(REPORT_TEXT.encode("utf-8"), name) is InputFormat.TEXT


def test_text_report_named_html_is_still_read_as_a_report():
    out = giaparse.parse(REPORT_TEXT.encode("utf-8"), name="report.html").to_dict()
    assert out["document"]["kind"] == "annual_report"
    assert set(out["tables"]) == {"proactive", "requests", "review_litigation"}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_binary_junk_is_none(seed):
    assert detect_format(random_bytes(seed=seed), None) is None
    assert detect_format(random_bytes(seed=seed), "blob.bin") is None


def test_binary_with_known_signatures_is_none():
    assert detect_format(b"\x7fELF\x02\x01\x01\x00" + random_bytes(3000, seed=11), None) is None
    # PNG, JPEG and TIFF are read through OCR now; junk behind a PNG signature is tests/test_ocr.py's.
    assert detect_format(b"\x89PNG\r\n\x1a\n" + random_bytes(2000), "image.png") is InputFormat.IMAGE


def test_junk_named_txt_is_not_text():
    """The content decides: random bytes are no format, whatever the name says."""
    assert detect_format(random_bytes(), "junk.txt") is None


def test_empty_bytes():
    assert detect_format(b"", None) is None
    assert detect_format(b"", "empty.txt") is None


@pytest.mark.parametrize(
    "name,fmt",
    [
        ("a.txt", InputFormat.TEXT),
        ("a.MD", InputFormat.TEXT),
        ("a.tsv", InputFormat.TEXT),
        ("a.HTM", InputFormat.HTML),
        ("a.aspx", InputFormat.HTML),
        ("a.docx", InputFormat.DOCX),
        ("a.pdf", InputFormat.PDF),
        ("a.doc", InputFormat.OLE2),
        ("a.wps", InputFormat.OLE2),
        ("a.xlsx", None),
        ("noext", None),
        (None, None),
    ],
)
def test_format_from_extension(name, fmt):
    assert format_from_extension(name) is fmt


def test_every_format_has_extensions():
    assert set(FORMAT_EXTENSIONS) == set(InputFormat)
    assert all(exts and all(e.startswith(".") for e in exts) for exts in FORMAT_EXTENSIONS.values())


# --- parse: input errors ----------------------------------------------------------------


def test_error_tree():
    for exc in (FileNotReadable, EmptyDocument, UnsupportedFormat, DecodeFailure):
        assert issubclass(exc, InputError) and issubclass(exc, GiaparseError)


def test_missing_path(tmp_path: Path):
    missing = tmp_path / "no_such_dir" / "2020年度报告.txt"
    with pytest.raises(FileNotReadable, match=re.escape(str(missing)) + r": no such file$") as info:
        giaparse.parse(missing)
    assert info.value.source == str(missing)
    with pytest.raises(GiaparseError, match=re.escape(str(missing))):
        giaparse.parse(str(missing))


def test_directory(tmp_path: Path):
    with pytest.raises(FileNotReadable, match=re.escape(str(tmp_path)) + r": is a directory, not a file$"):
        giaparse.parse(tmp_path)


def test_empty_bytes_are_an_empty_document():
    with pytest.raises(EmptyDocument, match=r"^<bytes>: the file is empty$"):
        giaparse.parse(b"")


def test_empty_file_names_the_path(tmp_path: Path):
    empty = tmp_path / "report.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyDocument, match=re.escape(str(empty)) + r": the file is empty$"):
        giaparse.parse(empty)


@pytest.mark.parametrize("data", [b" ", b"\n\n\r\n", b" \t \n \x0b\x0c"])
def test_ascii_whitespace_only_is_an_empty_file(data):
    with pytest.raises(EmptyDocument, match=r"the file is empty"):
        giaparse.parse(data, name="blank.txt")


@pytest.mark.parametrize(
    "data",
    ["\u3000\u3000\n".encode("utf-8"), codecs.BOM_UTF8 + b"\n", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "\u3000\n".encode("gb18030")],
    ids=["ideographic-space", "utf8-bom-only", "utf16-spaces", "gb18030-ideographic-space"],
)
def test_whitespace_after_decoding_is_an_empty_document(data):
    with pytest.raises(EmptyDocument, match=r"^blank\.txt: no text found in the document$"):
        giaparse.parse(data, name="blank.txt")


def test_random_bytes_unnamed_are_unsupported():
    with pytest.raises(UnsupportedFormat, match=r"^<bytes>: not a text, HTML, DOCX or PDF document \(unrecognised bytes\)$"):
        giaparse.parse(random_bytes())


def test_random_bytes_named_txt_are_unrecognised():
    with pytest.raises(UnsupportedFormat, match=r"^junk\.txt: not a text, HTML, DOCX or PDF document"):
        giaparse.parse(random_bytes(), name="junk.txt")


def test_random_bytes_from_a_file(tmp_path: Path):
    blob = tmp_path / "blob.bin"
    blob.write_bytes(random_bytes())
    with pytest.raises(UnsupportedFormat, match=re.escape(str(blob)) + r": not a text, HTML, DOCX or PDF"):
        giaparse.parse(blob)


@pytest.fixture
def no_libreoffice(monkeypatch):
    """A machine without LibreOffice: the legacy reader cannot convert."""
    monkeypatch.setattr("giaparse.readers.legacy.find_soffice", lambda: None)


@pytest.mark.parametrize("name", ["2020年报.doc", "2020年报.wps", None])
def test_ole2_says_how_to_convert(name, no_libreoffice):
    data = OLE2_MAGIC + b"\x00" * 504
    pattern = r"legacy Word/WPS file \(\.doc/\.wps\); convert it to \.docx first, e\.g\. `soffice --headless --convert-to docx FILE`"
    with pytest.raises(UnsupportedFormat, match=pattern) as info:
        giaparse.parse(data, name=name)
    assert info.value.source == (name or "<bytes>")


def test_ole2_file_on_disk_names_it(tmp_path: Path, no_libreoffice):
    doc = tmp_path / "report.doc"
    doc.write_bytes(OLE2_MAGIC + b"\x00" * 504)
    with pytest.raises(UnsupportedFormat, match=re.escape(str(doc)) + r": a legacy Word/WPS file"):
        giaparse.parse(doc)


def test_every_input_error_is_caught_as_giaparse_error(tmp_path: Path):
    bad_inputs = [tmp_path / "missing.txt", tmp_path, b"", b"  \n", random_bytes(), OLE2_MAGIC + b"\x00" * 504]
    for source in bad_inputs:
        with pytest.raises(GiaparseError):
            giaparse.parse(source)
