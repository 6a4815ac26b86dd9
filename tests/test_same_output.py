"""The whole conversion gives byte-identical output to the code the speed work started from (issue 16).

``tests/expected/`` holds, for every HTML, DOCX, text, Markdown and JSON corpus
document, the exact ``to_json()`` of ``giaparse.parse`` as main's code gave it
before the later stages (locating, mapping, values, checks, report) were made
faster — written by ``tests/expected/make_expected.py`` on that code, not on the
code under test. ``tests/test_fast_readers.py`` covers the readers against their
reference copies; this covers everything after them as well.
"""

from __future__ import annotations

import gzip

import pytest

from tests.expected.make_expected import REPO, documents, expected_name, output_of

EXPECTED = REPO / "tests" / "expected"
DOCUMENTS = documents()


def test_every_document_has_a_frozen_output():
    assert len(DOCUMENTS) >= 70
    assert {p.suffix for p in DOCUMENTS} >= {".html", ".docx", ".txt", ".md", ".json"}
    missing = [p.name for p in DOCUMENTS if not (EXPECTED / expected_name(p)).is_file()]
    assert not missing, f"no frozen output for {missing}: run tests/expected/make_expected.py on the reference code"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_json_as_before(path):
    expected = gzip.decompress((EXPECTED / expected_name(path)).read_bytes()).decode("utf-8")
    assert output_of(path) == expected
