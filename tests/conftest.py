"""Shared fixtures: where the corpus and the seeds are, and what the system must provide."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
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
    converters' outputs (corpus/converted/), in tests/test_converted.py, and the
    borderless-table PDFs (corpus/borderless/), scored right / null / wrong with
    floors in tests/test_pdf_borderless.py.
    """
    docs = []
    for label in sorted(CORPUS.glob("*/*.label.json")):
        if label.parent.name in ("scan", "real", "pdftext", "converted", "borderless"):
            continue
        stem = label.name[: -len(".label.json")]
        matches = [p for p in label.parent.glob(stem + ".*") if not p.name.endswith(".label.json")]
        docs.extend(matches)
    return docs


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


# System packages --------------------------------------------------------------------------------
# A test that needs a program or a font says so with ``need("soffice")`` (in the test) or
# ``@needs("chromium")``: without it, the test skips naming the Debian package to install.

_FONTS = Path("/usr/share/fonts")


def _font(name: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        return next(iter(sorted(_FONTS.rglob(name))), None) if _FONTS.is_dir() else None
    return find


def _program(*names: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        found = next((p for p in map(shutil.which, names) if p), None)
        return Path(found) if found else None
    return find


def _tesseract_chi_sim() -> Path | None:
    found = shutil.which("tesseract")
    if found is None:
        return None
    data = [Path(d) for d in ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")]
    return Path(found) if any((d / "chi_sim.traineddata").exists() for d in data) else None


#: What a test may need, how to find it, and the Debian/Ubuntu package that brings it.
SYSTEM: dict[str, tuple[Callable[[], Path | None], str]] = {
    "soffice": (_program("soffice", "libreoffice"), "libreoffice-writer-nogui"),
    "chromium": (_program("chromium", "chromium-browser"), "chromium"),
    "chromedriver": (_program("chromedriver"), "chromium-driver"),
    "pdftoppm": (_program("pdftoppm"), "poppler-utils"),
    "pdftotext": (_program("pdftotext"), "poppler-utils"),
    "tesseract": (_tesseract_chi_sim, "tesseract-ocr tesseract-ocr-chi-sim"),
    "pandoc": (_program("pandoc"), "pandoc"),
    "w3m": (_program("w3m"), "w3m"),
    "lynx": (_program("lynx"), "lynx"),
    "noto-cjk": (_font("NotoSerifCJK-Regular.ttc"), "fonts-noto-cjk"),
    "wqy-zenhei": (_font("wqy-zenhei.ttc"), "fonts-wqy-zenhei"),
    # Any CJK face: PDFium draws a non-embedded Chinese font (STSong-Light) with one, and reads
    # rotated and vertical text of such a PDF only then; Chromium aborts with no font at all.
    "cjk-font": (lambda: _font("NotoSerifCJK-Regular.ttc")() or _font("NotoSansCJK-Regular.ttc")()
                 or _font("wqy-zenhei.ttc")() or _font("wqy-microhei.ttc")(), "fonts-noto-cjk"),
}
#: The one line that installs all of them (README: set-up; .ci/run runs the same list).
APT_INSTALL = "sudo apt-get install --no-install-recommends " + " ".join(
    sorted({pkg for _, pkgs in SYSTEM.values() for pkg in pkgs.split()}))


def system_path(what: str) -> Path | None:
    """Where ``what`` (a key of ``SYSTEM``) is installed, or None."""
    return SYSTEM[what][0]()


def _missing(what: tuple[str, ...]) -> str | None:
    gone = [w for w in what if system_path(w) is None]
    if not gone:
        return None
    packages = " ".join(dict.fromkeys(p for w in gone for p in SYSTEM[w][1].split()))
    return f"needs {', '.join(gone)}: apt-get install {packages}"


def need(*what: str) -> Path:
    """Skip the calling test unless every one of ``what`` is installed; the first one's path."""
    reason = _missing(what)
    if reason is not None:
        pytest.skip(reason)
    found = system_path(what[0])
    assert found is not None
    return found


def needs(*what: str) -> pytest.MarkDecorator:
    """The decorator form of ``need``."""
    reason = _missing(what)
    return pytest.mark.skipif(reason is not None, reason=reason or "")


# In CI (CI=true) everything the tests need is installed by .ci/run, so a test
# that skips because something is missing is a hole: the run fails.
def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        for rep in skipped:
            reason = rep.longrepr[2] if isinstance(rep.longrepr, tuple) else str(rep.longrepr)
            reporter.write_line(f"CI: skipped test is a failure here: {rep.nodeid}: {reason}", red=True)
        session.exitstatus = 1
