"""The fast readers give exactly what the readers gave before the speed work (issue 16).

The reference is the branch-point code kept in ``tests/reference/`` (see its
``__init__``), run in the same process on the same bytes: every corpus document
of the text-like formats and DOCX is read by both, and the two ``Document``s
(paragraphs, grids with every cell's text, spans and provenance, streams,
warnings; every field, ``source`` too, which equality leaves out) and the two
reports' JSON must be identical. The reports are built by the same pipeline
stages, the reference one with the reference cell-stream reading
(``template/stream.py``), so caching there is covered too.
"""

from __future__ import annotations

import dataclasses

import pytest

from giaparse import pipeline
from giaparse.pipeline import read_document, report_of
from tests.conftest import CORPUS
from tests.reference import docx as ref_docx
from tests.reference import html as ref_html
from tests.reference import template_stream as ref_stream
from tests.reference import text as ref_text

REFERENCE_READERS = {"html": ref_html.HtmlReader, "docx": ref_docx.DocxReader, "text": ref_text.TextReader}
SUFFIXES = (".html", ".htm", ".docx", ".txt", ".md", ".json")


def _documents() -> list:
    docs = sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES and not p.name.endswith(".label.json")
                  and "generate" not in p.parts and p.name != "README.md")
    docs += sorted((CORPUS.parent / "tests" / "fuzz_regressions").glob("*.docx"))
    return docs


DOCUMENTS = _documents()


def test_every_text_like_corpus_document_is_covered():
    formats = {p.suffix for p in DOCUMENTS}
    assert {".html", ".docx", ".txt", ".md"} <= formats and len(DOCUMENTS) >= 50


def _reference_report(data: bytes, name: str, fmt: str, monkeypatch):
    doc = REFERENCE_READERS[fmt]().read(data, name)
    with monkeypatch.context() as m:
        m.setattr(pipeline, "stream_tables", ref_stream.stream_tables)
        m.setattr(pipeline, "merge_stream_tables", ref_stream.merge_stream_tables)
        return doc, report_of(doc, data, name)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_document_and_json_as_before(path, monkeypatch):
    data = path.read_bytes()
    try:
        doc = read_document(data, path.name)
    except Exception as exc:  # an input the readers refuse: the reference refuses it the same way
        fmt = {".docx": "docx"}.get(path.suffix, "text")
        with pytest.raises(type(exc)) as ref_exc:
            REFERENCE_READERS[fmt]().read(data, path.name)
        assert str(ref_exc.value) == str(exc)
        return
    fmt = doc.format.split(" ")[0]
    ref_doc, ref_report = _reference_report(data, path.name, fmt, monkeypatch)
    # astuple, not ==: where each cell, paragraph and token was read (``source``) is left out of equality
    assert dataclasses.astuple(doc) == dataclasses.astuple(ref_doc)
    assert report_of(doc, data, path.name).to_json() == ref_report.to_json()


# --- HTML soup: the cell-text and chrome fast paths on every shape they treat differently ---------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from giaparse.readers.html import HtmlReader  # noqa: E402
from tests import hostile  # noqa: E402

# Text pieces with everything _clean acts on: line breaks between CJK and not, tabs, runs of
# spaces, no-break and ideographic spaces, zero-width characters, full-width digits, breadcrumbs.
_PIECES = st.sampled_from(["信息", "公开", "123", "４５", " ", "  ", "\r\n", "\n", "\t", "&nbsp;", "\u3000",
                           "\u200b", "\ufeff", "增3", "您当前的位置：首页", "a b", "\f", "\xa0", ""])
_TEXT = st.lists(_PIECES, max_size=5).map("".join)
_INLINE = ["span", "font", "b", "a", "o:p", "em"]
_BLOCK = ["p", "div", "h1", "h3", "li", "pre", "center", "section"]
_ATTRS = st.sampled_from(["", ' style="display:none"', ' class="footer"', ' id="nav-main"', ' hidden',
                          ' class="article-header"', ' style="color:red"', ' class="heading"',
                          ' style="DISPLAY : NONE"', ' style="font-family:宋体;visibility:\nhidden"',
                          ' class="Footer_bar"', ' id="导航" class="links"', ' class="MsoNormal"',
                          ' style="mso-x:none"', ' class="friendlink side"'])


def _content(depth: int):
    leaf = _TEXT | st.sampled_from(["<br>", "<br/>", "<!-- c -->", "<?pi x?>", "<script>var a=1;</script>"])
    if depth == 0:
        return leaf

    def element(args):
        tag, attrs, kids = args
        return f"<{tag}{attrs}>{''.join(kids)}</{tag}>"
    inner = _content(depth - 1)
    return leaf | st.tuples(st.sampled_from(_INLINE + _BLOCK), _ATTRS, st.lists(inner, max_size=3)).map(element)


def _table(depth: int):
    cell = st.tuples(st.sampled_from(["td", "th"]), st.sampled_from(["", ' colspan="2"', ' rowspan="2"',
                                                                      ' colspan=" 3x"', ' rowspan="0"']),
                     _ATTRS, st.lists(_content(depth), max_size=3))
    row = st.tuples(_ATTRS, st.lists(cell, min_size=1, max_size=4))
    return st.tuples(st.lists(row, min_size=1, max_size=4), st.booleans()).map(
        lambda a: "<table>" + ("<caption>表1</caption>" if a[1] else "") + "".join(
            f"<tr{ra}>" + "".join(f"<{t}{s}{ca}>{''.join(k)}</{t}>" for t, s, ca, k in cells) + "</tr>"
            for ra, cells in a[0]) + "</table>")


_PAGE = st.lists(_content(2) | _table(2) | _table(1).map(lambda t: f"<table><tr><td>外</td><td>{t}</td></tr>"
                                                                   f"<tr><td>1</td><td>2</td></tr></table>"),
                 min_size=1, max_size=6).map(lambda parts: "<html><head><title>年度报告</title></head><body>"
                                             + "".join(parts) + "</body></html>")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGE)
def test_html_soup_reads_as_before(page):
    data = page.encode("utf-8")
    try:
        doc = HtmlReader().read(data, "soup.html")
    except Exception as exc:  # noqa: BLE001 - the same refusal, if any
        with pytest.raises(type(exc)):
            ref_html.HtmlReader().read(data, "soup.html")
        return
    assert dataclasses.astuple(doc) == dataclasses.astuple(ref_html.HtmlReader().read(data, "soup.html"))


@pytest.mark.parametrize("make", [hostile.html_span_bomb, hostile.html_wide_row, hostile.html_unclosed_embed,
                                  lambda: hostile.html_deep(300), hostile.html_deep])
def test_hostile_html_reads_as_before(make):
    data = make()
    doc, ref = HtmlReader().read(data, "h.html"), ref_html.HtmlReader().read(data, "h.html")
    assert dataclasses.astuple(doc) == dataclasses.astuple(ref)


def test_chrome_inside_chrome_is_judged_in_document_order():
    """A named block holding just over half the page's text is the article; a named block inside it
    is not. Judged inner first, the outer one would lose the inner one's text and go too."""
    page = ("<html><body><div>" + "前言" * 20 + "</div><div class=\"footer\">" + "正文" * 10
            + "<div class=\"nav\">" + "导航" * 12 + "</div></div></body></html>").encode("utf-8")
    doc = HtmlReader().read(page, "nested.html")
    assert [b.text for b in doc.paragraphs] == ["前言" * 20, "正文" * 10]
    assert dataclasses.astuple(doc) == dataclasses.astuple(ref_html.HtmlReader().read(page, "nested.html"))


_NAME_PIECES = st.sampled_from(["nav", "navbar", "Nav", "NAVBAR", "footer", "foot", "head", "heading", "links",
                                "friendlink", "LIN\u212aS", "L\u0130NKS", "side", "sidebar", "article", "x",
                                " ", "-", "_", "--", "\t", "\u3000", "\n", "导航", "crumb", "crumbs", ""])


@settings(max_examples=500, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=6).map("".join), st.lists(_NAME_PIECES, max_size=6).map("".join))
def test_chrome_name_search_is_the_token_split_lookup(id_, class_):
    """``_has_chrome_name`` (one regex search) says what splitting the lowered names at
    ``_TOKEN_SPLIT`` and looking each piece up in ``_CHROME_TOKENS`` says."""
    from lxml import etree

    from giaparse.readers import html

    el = etree.Element("div", id=id_, **{"class": class_})
    names = f"{id_} {class_}".lower()
    assert html._has_chrome_name(el) == any(t in html._CHROME_TOKENS for t in html._TOKEN_SPLIT.split(names))
