"""Write the frozen whole-conversion outputs that ``tests/test_same_output.py`` compares against.

    python tests/expected/make_expected.py [--out DIR] [--pdf]

For every HTML, DOCX, text, Markdown and JSON corpus document (the formats
whose speed issue 16 changes; PDFs and scans only with ``--pdf``, into another
folder), ``giaparse.parse`` of its bytes is written gzipped as ``<path with / as
__>.json.gz`` (``zcat`` to read it) — the report's exact ``to_json()`` text,
or ``{"error": type, "message": ...}`` for an input the readers refuse. Run it on the code whose
output is the reference (the speed work started from main at a61d4f6), never on
the code under test; rerun it only when behaviour is changed on purpose.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "src"))

import giaparse  # noqa: E402

CORPUS = REPO / "corpus"
SUFFIXES = (".html", ".htm", ".docx", ".txt", ".md", ".json")


def documents(pdf: bool = False) -> list[Path]:
    """The documents whose outputs are frozen: text-like and DOCX, or (``pdf``) PDFs and images."""
    suffixes = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff") if pdf else SUFFIXES
    docs = sorted(p for p in CORPUS.rglob("*") if p.suffix in suffixes and not p.name.endswith(".label.json")
                  and "generate" not in p.parts and p.name != "README.md")
    if not pdf:
        docs += sorted((REPO / "tests" / "fuzz_regressions").glob("*.docx"))
    return docs


def expected_name(path: Path) -> str:
    """The fixture file's name for the document at ``path``."""
    return str(path.relative_to(REPO)).replace("/", "__") + ".json.gz"


def output_of(path: Path) -> str:
    """What ``giaparse.parse`` gives for the file: the report JSON, or the refusal."""
    try:
        return giaparse.parse(path.read_bytes(), name=path.name).to_json()
    except giaparse.GiaparseError as exc:
        return json.dumps({"error": type(exc).__name__, "message": str(exc)}, ensure_ascii=False)


def main() -> None:
    """Write every document's output into ``--out``."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    ap.add_argument("--pdf", action="store_true", help="PDFs and images instead (not committed)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in documents(args.pdf):
        # mtime 0: the same output gives the same bytes, so a rerun shows no spurious change
        (args.out / expected_name(path)).write_bytes(gzip.compress(output_of(path).encode("utf-8"), mtime=0))
        print(path.relative_to(REPO), flush=True)


if __name__ == "__main__":
    main()
