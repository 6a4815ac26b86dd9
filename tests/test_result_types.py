"""The typed result and the JSON Schema describe the same output (issue 8).

The dataclasses in ``giaparse.report`` are the types; ``canonical.schema.json``
is the contract's JSON Schema. Each object of the schema must have exactly the
fields of its type, so that neither can change without the other.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest

import giaparse
from giaparse.document import BoundingBox
from giaparse.report import Cell, CellSource, Check, DocumentFacts, ProactiveTable, Report, Side, SourceInfo, Tables
from giaparse.schema import load_schema
from giaparse.template.facts import Section

from .conftest import CORPUS, corpus_documents

SCHEMA = load_schema()


def _names(cls) -> set[str]:
    return {f.name for f in fields(cls)}


def _props(obj: dict) -> set[str]:
    return set(obj["properties"])


def test_every_schema_object_has_exactly_its_types_fields():
    defs, props = SCHEMA["$defs"], SCHEMA["properties"]
    assert _props(defs["cell"]) == _names(Cell)
    assert _props(defs["cell_source"]) == _names(CellSource)
    assert _props(defs["bbox"]) == _names(BoundingBox)
    assert _props(defs["side"]) == _names(Side)
    assert _props(props["checks"]["items"]) == _names(Check)
    assert _props(props["tables"]) == _names(Tables) == set(Tables.NAMES)
    for variant in props["tables"]["properties"]["proactive"]["oneOf"]:
        assert _props(variant) == _names(ProactiveTable)
    assert _props(props["document"]) == _names(DocumentFacts)
    assert _props(props["source"]) == _names(SourceInfo)
    assert _props(props["sections"]["items"]) == _names(Section)
    report_fields = _names(Report) | {"schema_version", "generator"}
    assert _props(SCHEMA) == report_fields
    # A warning: its fields but the detail merged messages quote, and the severity its code gives.
    assert _props(props["warnings"]["items"]) == _names(giaparse.ParseWarning) - {"detail"} | {"severity"}


def test_required_fields_are_the_ones_without_a_default():
    # Optional in the type (a default of None) <=> optional in the schema.
    for cls, obj in [(Cell, SCHEMA["$defs"]["cell"]), (Check, SCHEMA["properties"]["checks"]["items"])]:
        required = {f.name for f in fields(cls) if f.default is not None or f.name in ("value", "raw", "difference",
                                                                                       "subject")}
        required -= {"source", "reason", "sentence"}
        assert set(obj["required"]) == required, cls.__name__


DOCS = corpus_documents()


@pytest.mark.parametrize("path", DOCS, ids=[f"{p.parent.name}/{p.name}" for p in DOCS])
def test_output_round_trips_through_the_types(path: Path):
    report = giaparse.parse(path)
    out = report.to_dict()
    jsonschema.validate(out, SCHEMA)
    again = Report.from_dict(json.loads(json.dumps(out, ensure_ascii=False)))
    assert again.to_dict() == out


def test_typed_access_reads_the_labelled_numbers():
    path = CORPUS / "html" / "2021_city_gbk.html"
    label = json.loads(path.with_name(path.stem + ".label.json").read_text(encoding="utf-8"))
    report = giaparse.parse(path)
    tables = report.tables
    assert isinstance(tables, Tables) and isinstance(tables.proactive, ProactiveTable)
    cell = tables.requests["total"]["total"]
    assert isinstance(cell, Cell) and cell.value == label["tables"]["requests"]["total"]["total"]
    assert isinstance(cell.source, CellSource) and cell.source.xpath and cell.source.table is not None
    assert (tables.proactive.items["normative_documents"]["in_force"].value
            == label["tables"]["proactive"]["normative_documents"]["in_force"])
    assert sorted(tables) == sorted(label["tables"])
    assert all(isinstance(c, Check) and c.status in ("pass", "fail", "skipped") for c in report.checks)
    balance = next(c for c in report.checks if c.id == "requests.balance" and c.subject == "total")
    assert balance.left.terms["new_received"] == label["tables"]["requests"]["new_received"]["total"]


def test_labels_give_the_contract_wording():
    # The contract's labels (canonical.md), from the API.
    assert giaparse.labels("requests", "denied_state_secret") == "1.属于国家秘密"
    assert giaparse.labels("requests", "new_received") == "一、本年新收政府信息公开申请数量"
    assert giaparse.labels("review_litigation", "litigation_direct") == "未经复议直接起诉"
