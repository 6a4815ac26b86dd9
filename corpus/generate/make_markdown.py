#!/usr/bin/env python3
"""Write the generated samples of corpus/markdown/ and their label files.

Run from the repository root::

    python corpus/generate/make_markdown.py

One small document per style of ``styles_markdown.STYLES`` (both template
editions across the set), each rendered from ``reportdata.random_report``
with a fixed seed; the label is that data (``ReportData.label``), so labels
and documents cannot disagree. Deterministic: same bytes on every run. The
rest of the style × seed space is generated in the benchmark, not committed.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from reportdata import random_report  # noqa: E402
from styles_markdown import STYLES  # noqa: E402

OUT = HERE.parent / "markdown"
LABELLED_BY = "generating data, corpus/generate/reportdata.py rendered by corpus/generate/styles_markdown.py"


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for n, style in enumerate(sorted(STYLES)):
        seed = 600 + n
        edition = "2019" if n % 2 else "2021"
        data = random_report(seed, edition)
        stem = f"gen_{style}_{edition}"
        text = STYLES[style](data, random.Random(seed))
        (OUT / f"{stem}.md").write_text(text, encoding="utf-8")
        label = data.label(source=f"{stem}.md", labelled_by=LABELLED_BY)
        (OUT / f"{stem}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
        print(f"wrote {stem}.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
