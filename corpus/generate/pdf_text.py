#!/usr/bin/env python3
"""Generated reports as PDF, then as text through the PDF-text converters people run.

``render_pdf(data, seed, path)`` prints a ``ReportData`` to PDF with headless
Chromium (the HTML of ``make_pagesplit``: the three tables with the
template's merged cells). ``convert_all(pdf)`` runs every converter over it:

* ``pdftotext_layout`` — poppler ``pdftotext -layout`` (columns aligned by spaces);
* ``pdftotext_plain`` — poppler ``pdftotext`` (reads down columns: labels far from figures);
* ``pdfplumber_text`` — pdfplumber's ``page.extract_text()`` per page;
* ``markitdown_pdf`` — markitdown on the PDF (pdfminer text, tables as pipes);
* ``pymupdf4llm`` — pymupdf4llm's ``to_markdown``.

Labels are the generating data (``ReportData.values()``). Run
``python corpus/generate/pdf_text.py`` to write the committed sample into
corpus/pdftext/ (the texts; the PDFs are not kept), and with it
``gen_pdfminer_text_<seed>_<edition>``: pdfminer's high-level ``extract_text()``
of the Chromium prints of ``PDFMINER_SEEDS`` (the seeds of the Chromium set of
benchmarks/plaintext.py, ``make_pagesplit``'s data), the texts whose cell stream
once read rows of figures that were not theirs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reportdata import ReportData, random_report  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "pdftext"


def render_pdf(data: ReportData, seed: int, path: Path) -> Path:
    import make_pagesplit

    make_pagesplit.render_chromium(data, seed, path)
    return path


def _pdftotext(pdf: Path, *flags: str) -> str:
    exe = shutil.which("pdftotext") or "pdftotext"
    return subprocess.run([exe, *flags, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          timeout=120).stdout.decode("utf-8")


def pdftotext_layout(pdf: Path) -> str:
    return _pdftotext(pdf, "-layout")


def pdftotext_plain(pdf: Path) -> str:
    return _pdftotext(pdf)


def pdfplumber_text(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages) + "\n"


def markitdown_pdf(pdf: Path) -> str:
    from markitdown import MarkItDown

    return MarkItDown().convert(str(pdf)).text_content


def pymupdf4llm_text(pdf: Path) -> str:
    import pymupdf4llm

    return pymupdf4llm.to_markdown(str(pdf))


CONVERTERS: dict[str, Callable[[Path], str]] = {
    "pdftotext_layout": pdftotext_layout,
    "pdftotext_plain": pdftotext_plain,
    "pdfplumber_text": pdfplumber_text,
    "markitdown_pdf": markitdown_pdf,
    "pymupdf4llm": pymupdf4llm_text,
}


def convert_all(pdf: Path, only: tuple[str, ...] = ()) -> dict[str, str]:
    return {name: fn(pdf) for name, fn in CONVERTERS.items() if not only or name in only}


SAMPLE_SEED = 41
#: Chromium prints whose pdfminer text once gave wrong numbers (benchmarks/plaintext.py's Chromium set).
PDFMINER_SEEDS = (1003, 1004, 1006)


def pdfminer_text(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def write_sample() -> None:
    """One generated report through every converter into corpus/pdftext/, labelled from its data."""
    OUT.mkdir(exist_ok=True)
    data = random_report(SAMPLE_SEED, "2021")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = render_pdf(data, SAMPLE_SEED, Path(tmp) / "report.pdf")
        for name, text in convert_all(pdf).items():
            stem = f"gen_{name}_{SAMPLE_SEED}_{data.edition}"
            (OUT / f"{stem}.txt").write_text(text, encoding="utf-8")
            label = data.label(f"{stem}.txt", labelled_by=f"generating data, corpus/generate/pdf_text.py "
                                                         f"(Chromium PDF of seed {SAMPLE_SEED}, then {name})")
            (OUT / f"{stem}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")


def write_pdfminer_samples() -> None:
    """pdfminer's ``extract_text()`` of the Chromium prints of ``PDFMINER_SEEDS``, labelled from their data."""
    import make_pagesplit

    OUT.mkdir(exist_ok=True)
    for seed in PDFMINER_SEEDS:
        data = make_pagesplit._data(seed)
        with tempfile.TemporaryDirectory() as tmp:
            text = pdfminer_text(render_pdf(data, seed, Path(tmp) / "report.pdf"))
        stem = f"gen_pdfminer_text_{seed}_{data.edition}"
        (OUT / f"{stem}.txt").write_text(text, encoding="utf-8")
        label = data.label(f"{stem}.txt", labelled_by=f"generating data, corpus/generate/pdf_text.py "
                                                     f"(Chromium PDF of make_pagesplit seed {seed}, then pdfminer "
                                                     "extract_text)")
        (OUT / f"{stem}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")


if __name__ == "__main__":
    write_sample()
    write_pdfminer_samples()
