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
