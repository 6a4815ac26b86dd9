"""Where a PDF conversion spends its time, by stage.

    python benchmarks/pdf_profile.py [--engine ENGINE] [--repeat 3] [--steps] [--json FILE] [FILE ...]

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

``--steps`` instead times each file's conversion step by step, without
cProfile (CPU time of the process, ``time.process_time``, median of the
repeats, so other load on the machine counts less than in wall time), by
wrapping the reader's stage functions:

* ``prescan``        the hostile-input pre-scan (``guard.prescan``)
* ``pdfium load``    PDFium opening each page (``FPDF_LoadPage``: content parsing, fonts)
* ``chars``          the text page and every character's box (``PdfiumDocument._chars``)
* ``paths``          every path's segments (``PdfiumDocument._objects``)
* ``tables``         glyph outlines left out, pdfplumber's edge merging, the cell boxes
* ``cells``          glyphs into cells, cell text (``tables.assign_glyphs``)
* ``page rest``      glyphs, free lines, grids of the page (rest of ``reader._read_page``)
* ``assemble``       page furniture, paragraphs, headings (``_drop_chrome``, ``_assemble``)
* ``mapping``        everything after the reader: reconstruction, template mapping, checks

``--json FILE`` writes what was printed (the stage shares, or the steps per file).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


STEPS = ["prescan", "pdfium load", "chars", "paths", "tables", "cells", "page rest", "assemble", "mapping"]


@contextmanager
def _wrapped(spent: dict[str, float]) -> Iterator[None]:
    """Wrap the reader's stage functions so that each call adds its CPU time to ``spent``."""
    from giaparse.readers.pdf import engine_pdfium, reader

    patches: list[tuple[Any, str, Any]] = []

    def wrap(owner: Any, attr: str, step: str) -> None:
        original = getattr(owner, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[step] += time.process_time() - t0

        patches.append((owner, attr, original))
        setattr(owner, attr, timed)

    wrap(reader, "prescan", "prescan")
    wrap(engine_pdfium.PdfiumDocument, "_page", "pdfium load")  # the chars and paths inside are taken out below
    wrap(engine_pdfium.PdfiumDocument, "_chars", "chars")
    wrap(engine_pdfium.PdfiumDocument, "_objects", "paths")
    wrap(reader, "_read_page", "page rest")
    for name in ("cell_boxes", "find_tables", "ruling"):
        if hasattr(reader, name):
            wrap(reader, name, "tables")
    wrap(reader, "assign_glyphs", "cells")
    wrap(reader, "_drop_chrome", "assemble")
    wrap(reader, "_assemble", "assemble")
    wrap(reader.PdfReader, "read", "reader")
    try:
        yield
    finally:
        for owner, attr, original in reversed(patches):
            setattr(owner, attr, original)


def steps(paths: list[Path], engine: str | None, repeat: int) -> list[dict[str, Any]]:
    """Per file: each step's CPU milliseconds (median of ``repeat`` runs)."""
    options = {"pdf_engine": engine} if engine else None
    rows = []
    for path in paths:
        data = path.read_bytes()
        giaparse.parse(data, name=path.name, options=options)  # warm-up
        runs: list[dict[str, float]] = []
        for _ in range(repeat):
            spent: dict[str, float] = defaultdict(float)
            with _wrapped(spent):
                t0 = time.process_time()
                giaparse.parse(data, name=path.name, options=options)
                spent["total"] = time.process_time() - t0
            # Nested steps: each wrapper's time includes the ones inside it.
            spent["pdfium load"] -= spent["chars"] + spent["paths"]
            spent["page rest"] -= spent["tables"] + spent["cells"]
            spent["mapping"] = spent["total"] - spent["reader"]
            runs.append(spent)
        row = {"document": path.name,
               "ms": {k: round(1000 * statistics.median(r[k] for r in runs), 2) for k in STEPS + ["total"]}}
        row["share"] = {k: round(100 * row["ms"][k] / row["ms"]["total"], 1) for k in STEPS}
        rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", help="ReadOptions.pdf_engine (default: the library's default)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--steps", action="store_true", help="CPU time per step and file, no cProfile")
    ap.add_argument("--json", type=Path)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    paths = args.files or [p for p, _label in documents()]
    if args.steps:
        rows = steps(paths, args.engine, args.repeat)
        print(f"CPU ms per file (median of {args.repeat}); engine: {args.engine or 'default'}")
        print(f"{'document':40} " + " ".join(f"{k:>11}" for k in STEPS + ["total"]))
        for row in rows:
            print(f"{row['document']:40} " + " ".join(f"{row['ms'][k]:>11.2f}" for k in STEPS + ["total"]))
        print(f"{'share of the total, median file':40} "
              + " ".join(f"{statistics.median(r['share'][k] for r in rows):>10.1f}%" for k in STEPS))
        if args.json:
            args.json.write_text(json.dumps({"engine": args.engine or "default", "repeat": args.repeat,
                                             "clock": "process_time", "documents": rows}, indent=2) + "\n")
        return
    totals = profile(paths, args.engine, args.repeat)
    whole = sum(totals.values())
    print(f"engine: {args.engine or 'default'}; {len(paths)} files × {args.repeat}; "
          f"{whole:.2f} s under cProfile")
    print(f"{'stage':14} {'share':>7}")
    for stage, secs in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{stage:14} {100 * secs / whole:6.1f}%")
    if args.json:
        args.json.write_text(json.dumps({"engine": args.engine or "default", "repeat": args.repeat,
                                         "shares": {k: round(100 * v / whole, 1) for k, v in
                                                    sorted(totals.items(), key=lambda kv: -kv[1])}},
                                        indent=2) + "\n")


if __name__ == "__main__":
    main()
