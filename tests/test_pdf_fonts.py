"""The PDFium font hook (readers/pdf/fonts.py) changes which installed font
stands in for a non-embedded Chinese font, and nothing giaparse reads.

Each side runs in its own process, because the hook is process-wide PDFium
state. One process has the hook, the other has ``GIAPARSE_PDFIUM_DEFAULT_FONTS=1``.
Both read the corpus's GBK-EUC-H PDF (STSong-Light, not embedded, no
ToUnicode) and a PDF with embedded fonts, and dump every character with
its box and every path. The two dumps must be equal. The hook's process
must also have chosen a TrueType face. .ci/run installs fonts-wqy-zenhei,
and without it the default mapping picks Noto CJK's CFF outlines.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import CORPUS, REPO, need
from .test_pdf_engines import _cells

FILES = [CORPUS / "pdf" / "gbk_euc_h_no_tounicode.pdf", CORPUS / "pdf" / "docx_2021_autonumber.noto.pdf"]

DUMP = r"""
import json, sys
from giaparse.readers.pdf import fonts
from giaparse.readers.pdf.engine_pdfium import PdfiumDocument
out = {}
for path in sys.argv[1:]:
    doc = PdfiumDocument(open(path, "rb").read(), path)
    pages = []
    for page in doc.pages():
        pages.append({
            "chars": [[c[0]] + [round(v, 3) for v in c[1:5]] + [c[5]] for c in page.chars],
            "lines": len(page.lines), "rects": len(page.rects),
        })
    doc.close()
    out[path] = pages
print(json.dumps({"face": fonts.installed_face(), "pages": out}, ensure_ascii=False))
"""


def _dump(default_fonts: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    env.pop("GIAPARSE_PDFIUM_DEFAULT_FONTS", None)
    if default_fonts:
        env["GIAPARSE_PDFIUM_DEFAULT_FONTS"] = "1"
    run = subprocess.run([sys.executable, "-c", DUMP, *map(str, FILES)], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _truetype_cjk_installed() -> bool:
    """fontconfig's view: a face of the hook's list is installed (fc-list comes with fontconfig)."""
    from giaparse.readers.pdf.fonts import TRUETYPE_CJK

    try:
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=60).stdout
    except FileNotFoundError:
        return False
    families = {f.strip() for line in listed.splitlines() for f in line.split(",")}
    return any(name in families for name in TRUETYPE_CJK)


@pytest.fixture(scope="module")
def dumps() -> tuple[dict, dict]:
    return _dump(default_fonts=False), _dump(default_fonts=True)


def test_hook_chooses_a_truetype_face(dumps):
    if not _truetype_cjk_installed():
        need("wqy-zenhei")  # a TrueType CJK face fontconfig lists
        pytest.skip("no TrueType CJK face of fonts.TRUETYPE_CJK is listed by fc-list: apt-get install fonts-wqy-zenhei")
    hooked, default = dumps
    from giaparse.readers.pdf.fonts import TRUETYPE_CJK

    assert hooked["face"] in TRUETYPE_CJK
    assert default["face"] is None  # the environment variable left PDFium's mapping alone


def test_characters_and_paths_are_the_same_with_either_mapping(dumps):
    hooked, default = dumps
    for path in map(str, FILES):
        a, b = hooked["pages"][path], default["pages"][path]
        assert len(a) == len(b)
        for number, (pa, pb) in enumerate(zip(a, b, strict=False), 1):
            assert pa["lines"] == pb["lines"] and pa["rects"] == pb["rects"], (path, number)
            assert len(pa["chars"]) > 100, (path, number)  # the pages hold text: the comparison means something
            assert pa["chars"] == pb["chars"], (path, number)


def test_the_hook_is_in_place_after_a_conversion():
    """In this process too: converting the GBK PDF leaves the hook installed, with the labelled cells exact."""
    import giaparse
    from giaparse.readers.pdf import fonts

    report = giaparse.parse(FILES[0])
    label = json.loads(FILES[0].with_name(FILES[0].stem + ".label.json").read_text(encoding="utf-8"))
    assert not _cells(report.to_dict()["tables"], label)
    if _truetype_cjk_installed():
        assert fonts.installed_face() in fonts.TRUETYPE_CJK
