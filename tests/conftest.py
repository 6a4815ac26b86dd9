"""Shared fixtures: where the corpus and the seeds are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SEEDS = REPO.parent / "shared" / "seeds"


def corpus_documents() -> list[Path]:
    """Every corpus document that has a label file beside it.

    Scans (corpus/scan/) are left out: OCR output is scored right / null /
    wrong rather than exact, in tests/test_ocr.py.
    """
    docs = []
    for label in sorted(CORPUS.glob("*/*.label.json")):
        if label.parent.name == "scan":
            continue
        stem = label.name[: -len(".label.json")]
        matches = [p for p in label.parent.glob(stem + ".*") if not p.name.endswith(".label.json")]
        docs.extend(matches)
    return docs


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


# In CI (CI=true) everything the tests need is installed by .ci/run, so a test
# that skips because something is missing is a hole: the run fails.
def pytest_sessionfinish(session, exitstatus):
    import os

    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        for rep in skipped:
            reason = rep.longrepr[2] if isinstance(rep.longrepr, tuple) else str(rep.longrepr)
            reporter.write_line(f"CI: skipped test is a failure here: {rep.nodeid}: {reason}", red=True)
        session.exitstatus = 1
