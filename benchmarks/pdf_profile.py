"""Where a PDF conversion spends its time, by stage.

    python benchmarks/pdf_profile.py [--engine ENGINE] [--repeat 3] [FILE ...]

Runs ``giaparse.parse`` on the labelled corpus PDFs (and ``../shared/real/``
when present) under cProfile and adds up each function's *own* time
(``tottime``) by the stage its module belongs to:

* ``pdfminer``       content-stream interpretation, fonts, CMaps (pdfminer.six)
* ``pdfplumber``     object building (chars/rects/lines dicts), the table finder
* ``playa``          playa-pdf (the playa engine)
* ``pdfium engine``  giaparse's PDFium engine (readers/pdf/engine_pdfium.py) with the
                     PDFium C calls it makes (cProfile counts a ctypes call in its caller)
* ``pdf reader``     the rest of giaparse.readers.pdf: glyphs, lines, grids, paragraphs
* ``reconstruct``    giaparse.core: grids → cells with spans
* ``mapping``        giaparse.template, values, checks, text helpers, report
* ``python``         the standard library and builtins called from all of the above

Own time is exact per function, so the shares add up to 100%; a builtin
(``sorted``, ``re.sub``) counts as ``python`` wherever it is called from.
cProfile slows pure-Python code more than C code, so the shares, not the
milliseconds, are what to read.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import giaparse  # noqa: E402
from pdf_speed import documents  # noqa: E402

STAGES = [
    ("pdfminer", ("/pdfminer/",)),
    ("pdfplumber", ("/pdfplumber/",)),
    ("playa", ("/playa/",)),
    ("pdfium engine", ("/readers/pdf/engine_pdfium.py", "/pypdfium2", "ctypes")),
    ("pdf reader", ("/giaparse/readers/",)),
    ("reconstruct", ("/giaparse/core/",)),
    ("mapping", ("/giaparse/",)),
]


def stage_of(filename: str, funcname: str) -> str:
    where = filename.replace("\\", "/")
    if where == "~":  # a builtin: name it by its module when cProfile says which
        where = funcname
    for stage, needles in STAGES:
        if any(n in where for n in needles):
            return stage
    return "python"


def profile(paths: list[Path], engine: str | None, repeat: int) -> dict[str, float]:
    options = {"pdf_engine": engine} if engine else None
    datas = [(p.read_bytes(), p.name) for p in paths]
    for data, name in datas:  # warm-up: imports, CMaps, regexes
        giaparse.parse(data, name=name, options=options)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(repeat):
        for data, name in datas:
            giaparse.parse(data, name=name, options=options)
    prof.disable()
    totals: dict[str, float] = defaultdict(float)
    for (filename, _line, funcname), (_cc, _nc, tottime, _ct, _callers) in pstats.Stats(prof).stats.items():
        totals[stage_of(filename, funcname)] += tottime
    return totals


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", help="ReadOptions.pdf_engine (default: the library's default)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    paths = args.files or [p for p, _label in documents()]
    totals = profile(paths, args.engine, args.repeat)
    whole = sum(totals.values())
    print(f"engine: {args.engine or 'default'}; {len(paths)} files × {args.repeat}; "
          f"{whole:.2f} s under cProfile")
    print(f"{'stage':14} {'share':>7}")
    for stage, secs in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{stage:14} {100 * secs / whole:6.1f}%")


if __name__ == "__main__":
    main()
