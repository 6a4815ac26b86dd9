"""Freeze the whole-conversion JSON of every corpus PDF on both engines.

    python tests/expected_pdf/freeze.py

Writes ``tests/expected_pdf/<folder>__<name>.<engine>.json`` for every
``corpus/**/*.pdf`` (``corpus/real/`` included) and every ``PdfEngine``:
``Report.to_json()`` of ``giaparse.parse``, or, when the conversion refuses
the file, the error's type and message. ``tests/test_pdf_frozen.py``
asserts that today's code gives the same bytes. The files were written by
the code of commit a61d4f6 (before the PDF speed work of issue 16); rerun
this only when a PDF reader change is *meant* to change the output, and
say so in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "src"))

import giaparse  # noqa: E402
from giaparse.errors import GiaparseError  # noqa: E402
from giaparse.options import PdfEngine  # noqa: E402


def corpus_pdfs() -> list[Path]:
    return sorted((REPO / "corpus").rglob("*.pdf"))


def fixture_name(pdf: Path, engine: PdfEngine) -> str:
    rel = pdf.relative_to(REPO / "corpus")
    return "__".join(rel.parts[:-1] + (pdf.stem,)) + f".{engine.value}.json"


def frozen_output(pdf: Path, engine: PdfEngine) -> str:
    """What the fixture holds: the report JSON, or the refusal."""
    try:
        report = giaparse.parse(pdf.read_bytes(), name=pdf.name, options={"pdf_engine": engine.value})
    except GiaparseError as exc:
        return json.dumps({"error": type(exc).__name__, "message": str(exc)}, ensure_ascii=False, indent=1) + "\n"
    return report.to_json(indent=1) + "\n"


def main() -> None:
    for pdf in corpus_pdfs():
        for engine in PdfEngine:
            out = HERE / fixture_name(pdf, engine)
            out.write_text(frozen_output(pdf, engine), encoding="utf-8")
            print(out.name, flush=True)


if __name__ == "__main__":
    main()
