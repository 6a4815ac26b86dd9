"""Shared fixtures: where the corpus and the seeds are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SEEDS = REPO.parent / "shared" / "seeds"


def corpus_documents() -> list[Path]:
    """Every corpus document that has a label file beside it."""
    docs = []
    for label in sorted(CORPUS.glob("*/*.label.json")):
        stem = label.name[: -len(".label.json")]
        matches = [p for p in label.parent.glob(stem + ".*") if not p.name.endswith(".label.json")]
        docs.extend(matches)
    return docs


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
