#!/usr/bin/env python3
"""Generated reports as HTML, DOCX and PDF, then as text through the converters people run on them.

Every converter is the real program or library, run as a user would:

* on the HTML page (``reportdata.render_html``: the three tables with the
  template's merged cells): ``markitdown_html``, ``html2text``, ``pandoc_gfm``
  (``-t gfm``), ``pandoc_gfm_raw_html`` (``-t gfm`` with the tables that have
  merged cells left as raw HTML, as pandoc 3 writes them), ``pandoc_plain`` (``-t plain``:
  ``+---+`` grid tables), ``pandoc_markdown`` (``-t markdown``), ``pandoc_rst`` (``-t rst``: ``+---+`` grid tables), ``w3m_dump``
  (``w3m -dump``), ``lynx_dump`` (``lynx -dump``), ``lxml_text_content``
  (lxml's ``text_content()``), ``bs4_get_text`` (BeautifulSoup's ``get_text("\\n")``);
* on the DOCX (python-docx, ``make_docx``'s tables): ``markitdown_docx``;
* on the PDF (Chromium's print of the page, ``pdf_text.render_pdf``): the five
  converters of ``pdf_text`` (pdftotext -layout and plain, pdfplumber
  ``extract_text``, markitdown, pymupdf4llm).

``convert(data, seed, only=())`` gives ``{converter: text}``; labels are the
generating data (``ReportData.values()``). Deterministic for a seed as far as
the converters are (the tools' versions are part of the output).

    python corpus/generate/make_converted.py            # the committed sample, corpus/converted/
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

from reportdata import ReportData, random_report, render_html  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "converted"
_TIMEOUT = 120


def _run(cmd: list[str], stdin: bytes | None = None) -> str:
    exe = shutil.which(cmd[0]) or cmd[0]
    done = subprocess.run([exe, *cmd[1:]], input=stdin, check=True, capture_output=True, timeout=_TIMEOUT)
    return done.stdout.decode("utf-8", errors="replace")


# ------------------------------------------------------------------ HTML --

def markitdown_html(html: Path) -> str:
    from markitdown import MarkItDown

    return MarkItDown().convert(str(html)).text_content


def html2text_text(html: Path) -> str:
    import html2text

    h = html2text.HTML2Text()
    h.body_width = 0
    return h.handle(html.read_text(encoding="utf-8"))


def pandoc(to: str) -> Callable[[Path], str]:
    def run(html: Path) -> str:
        return _run(["pandoc", "-f", "html", "-t", to, "--wrap=none", str(html)])

    run.__name__ = f"pandoc_{to}"
    return run


def pandoc_gfm_raw_html(html: Path) -> str:
    """``pandoc -t gfm`` as pandoc 3 writes it: a table with merged cells left as its raw HTML
    inside the Markdown (this pandoc expands the spans into pipes; the raw form is put back
    here the way pandoc 3 leaves it: the table's tags, a row per line)."""
    import re

    page = html.read_text(encoding="utf-8")
    raw: list[str] = []

    def hold(m: re.Match) -> str:
        if "rowspan" not in m.group(0) and "colspan" not in m.group(0):
            return m.group(0)
        raw.append(re.sub(r"\s*\n\s*", "", m.group(0)).replace("<tr", "\n<tr").replace("</table>", "\n</table>"))
        return f"<p>RAWTABLE{len(raw) - 1}</p>"

    held = re.sub(r"<table\b.*?</table>", hold, page, flags=re.DOTALL | re.IGNORECASE)
    text = _run(["pandoc", "-f", "html", "-t", "gfm", "--wrap=none"], stdin=held.encode("utf-8"))
    for k, table in enumerate(raw):
        text = text.replace(f"RAWTABLE{k}", table)
    return text


def w3m_dump(html: Path) -> str:
    return _run(["w3m", "-dump", "-cols", "200", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", str(html)])


def lynx_dump(html: Path) -> str:
    return _run(["lynx", "-dump", "-nolist", "-width=200", "-assume_charset=utf-8", "-display_charset=utf-8",
                 str(html)])


def lxml_text_content(html: Path) -> str:
    import lxml.html

    return lxml.html.fromstring(html.read_bytes()).find("body").text_content()


def bs4_get_text(html: Path) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html.read_bytes(), "lxml").body.get_text("\n")


HTML_CONVERTERS: dict[str, Callable[[Path], str]] = {
    "markitdown_html": markitdown_html,
    "html2text": html2text_text,
    "pandoc_gfm": pandoc("gfm"),
    "pandoc_gfm_raw_html": pandoc_gfm_raw_html,
    "pandoc_plain": pandoc("plain"),
    "pandoc_markdown": pandoc("markdown"),
    "pandoc_rst": pandoc("rst"),
    "w3m_dump": w3m_dump,
    "lynx_dump": lynx_dump,
    "lxml_text_content": lxml_text_content,
    "bs4_get_text": bs4_get_text,
}


# ------------------------------------------------------------------ DOCX --

def render_docx(data: ReportData, seed: int, path: Path) -> Path:
    """The report as a Word file with the template's merged cells (``make_docx``)."""
    import make_docx as D
    from make_pagesplit import FIXED_DATE

    doc = D.report_document(data, FIXED_DATE)
    D.save_deterministic(doc, path)
    return path


def markitdown_docx(docx: Path) -> str:
    from markitdown import MarkItDown

    return MarkItDown().convert(str(docx)).text_content


DOCX_CONVERTERS: dict[str, Callable[[Path], str]] = {"markitdown_docx": markitdown_docx}


def converters() -> list[str]:
    import pdf_text

    return [*HTML_CONVERTERS, *DOCX_CONVERTERS, *pdf_text.CONVERTERS]


def convert(data: ReportData, seed: int, only: tuple[str, ...] = (), pdf: bool = True) -> dict[str, str]:
    """Every converter's text of the report (those in ``only``, when given)."""
    import pdf_text

    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        html.write_text(render_html(data, seed), encoding="utf-8")
        for name, fn in HTML_CONVERTERS.items():
            if not only or name in only:
                out[name] = fn(html)
        if not only or any(n in only for n in DOCX_CONVERTERS):
            docx = render_docx(data, seed, Path(tmp) / "report.docx")
            for name, fn in DOCX_CONVERTERS.items():
                if not only or name in only:
                    out[name] = fn(docx)
        wanted = tuple(n for n in pdf_text.CONVERTERS if not only or n in only)
        if pdf and wanted:
            printed = pdf_text.render_pdf(data, seed, Path(tmp) / "report.pdf")
            out.update(pdf_text.convert_all(printed, wanted))
    return out


#: The committed sample: two reports (one per edition), every converter but the PDF ones
#: (corpus/pdftext holds those).
SAMPLE = ((61, "2021"), (62, "2019"))


def write_sample() -> None:
    OUT.mkdir(exist_ok=True)
    for seed, edition in SAMPLE:
        data = random_report(seed, edition)
        for name, text in convert(data, seed, pdf=False).items():
            stem = f"gen_{name}_{seed}_{data.edition}"
            (OUT / f"{stem}.txt").write_text(text, encoding="utf-8")
            label = data.label(f"{stem}.txt", labelled_by=f"generating data, corpus/generate/make_converted.py "
                                                         f"(seed {seed}, then {name})")
            (OUT / f"{stem}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")


if __name__ == "__main__":
    write_sample()
