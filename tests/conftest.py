"""Shared fixtures: where the corpus and the seeds are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
REAL = CORPUS / "real"
# The five seed documents (byte-identical copies of the project's seeds), by their number.
SEED_FILES = {
    "000": "seed000_hangzhou_2020_no_tables.txt",
    "001": "seed001_anning_2020_pipes.txt",
    "002": "seed002_linhai_2021_workplan.txt",
    "003": "seed003_xiacheng_2020_tabs.txt",
    "004": "seed004_hangzhou_office_2024_pipes.txt",
}


def seed_file(prefix: str) -> Path:
    """The seed numbered ``prefix`` ("000".."004"), in corpus/text."""
    return CORPUS / "text" / SEED_FILES[prefix]


def corpus_documents() -> list[Path]:
    """Every corpus document that has a label file beside it.

    Scans (corpus/scan/) are left out: OCR output is scored right / null /
    wrong rather than exact, in tests/test_ocr.py; so are the real reports
    (corpus/real/), scored the same way in tests/test_real.py, and the PDF-text
    converter outputs (corpus/pdftext/), in tests/test_streams.py, and the other
    converters' outputs (corpus/converted/), in tests/test_converted.py.
    """
    docs = []
    for label in sorted(CORPUS.glob("*/*.label.json")):
        if label.parent.name in ("scan", "real", "pdftext", "converted"):
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
