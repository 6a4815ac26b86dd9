"""Every labelled corpus document, every labelled cell: exact.

Labels were written by reading the documents (or from the data a generator
rendered), never from giaparse's output; see corpus/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import giaparse
from giaparse.schema import load_schema

from .conftest import CORPUS, corpus_documents

DOCUMENTS = corpus_documents()
SCHEMA = load_schema()


def _label_for(doc: Path) -> dict:
    return json.loads((doc.parent / f"{doc.stem}.label.json").read_text(encoding="utf-8"))


def test_corpus_is_not_empty():
    formats = {p.parent.name for p in DOCUMENTS}
    assert {"text", "html"} <= formats
    assert len(DOCUMENTS) >= 11


def test_every_label_has_its_document():
    for label in CORPUS.glob("*/*.label.json"):
        stem = label.name[: -len(".label.json")]
        assert [p for p in label.parent.glob(stem + ".*") if p != label], f"{label} has no document"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_document_matches_its_label(doc: Path):
    label = _label_for(doc)
    out = giaparse.parse(doc).to_dict()
    jsonschema.validate(out, SCHEMA)

    for key, expected in label["document"].items():
        assert out["document"][key] == expected, f"document.{key}"

    for table in label.get("absent_tables", []):
        assert table not in out["tables"], f"{table} should be absent"
        assert any(w["code"] == "table_missing" and w.get("table") == table for w in out["warnings"]) or \
            out["document"]["kind"] == "other"

    mismatches = []
    for table, rows in label["tables"].items():
        assert table in out["tables"], f"table {table} not found"
        got_table = out["tables"][table]["items"] if table == "proactive" else out["tables"][table]
        for row, cells in rows.items():
            for col, value in cells.items():
                got = got_table.get(row, {}).get(col)
                if got is None or got["value"] != value or type(got["value"]) is not type(value):
                    mismatches.append(f"{table}.{row}.{col}: expected {value!r}, got {got!r}")
    assert not mismatches, "\n".join(mismatches)

    codes = {w["code"] for w in out["warnings"]}
    for code in label.get("expect_warnings", []):
        assert code in codes, f"expected a {code} warning"
