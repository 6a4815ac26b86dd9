"""Real published reports (corpus/real/), scored cell by cell against labels
typed by reading them: never a wrong number; exact where the reading is done.

A real document is one sample of a family (a producer, a converter, a way of
breaking a table); the families are generated and held elsewhere
(test_pagesplit, test_flattened_property, ...). Here the samples themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import giaparse

from .conftest import REAL

DOCUMENTS = sorted(p for p in REAL.iterdir() if p.name != "README.md" and not p.name.endswith(".json"))
#: The documents read exactly today: every labelled cell right, none null.
EXACT = {"huaian_2024.pdf", "hongze_2023.pdf", "hebei_jyt_2023.txt"}


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            if not (key == "template" and len(path) == 1):
                yield from _leaves(value, path + (key,))
    else:
        yield path, node


def score(doc: Path) -> tuple[list[str], list[str], list[str]]:
    """(right, null, wrong) cell paths of ``doc``'s output against its label."""
    label = json.loads(doc.with_name(doc.stem + ".label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(doc).to_dict()
    for key, want in label["document"].items():
        assert out["document"][key] == want, f"document.{key}"
    right, null, wrong = [], [], []
    for path, want in _leaves(label["tables"]):
        node = out["tables"]
        for key in path:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        got = node.get("value") if isinstance(node, dict) else None
        name = ".".join(path)
        if got == want and type(got) is type(want):
            right.append(name)
        elif got is None:
            null.append(name)
        else:
            wrong.append(f"{name}: {got!r}, the document says {want!r}")
    return right, null, wrong


def test_every_real_document_has_a_label_and_a_source_note():
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    assert DOCUMENTS
    for doc in DOCUMENTS:
        assert doc.with_name(doc.stem + ".label.json").exists(), doc.name
        assert f"`{doc.name}`" in readme, f"{doc.name} has no source note in corpus/real/README.md"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: p.name)
def test_no_wrong_number(doc: Path):
    _, _, wrong = score(doc)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(EXACT))
def test_exact(name: str):
    right, null, wrong = score(REAL / name)
    assert not wrong and not null, f"{len(null)} null: {null[:8]}; wrong: {wrong}"
    assert right
