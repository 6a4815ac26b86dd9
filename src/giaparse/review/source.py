"""The source side of the review page: what the output was read from.

* PDF: every page rendered with pypdfium2 (a PNG as a ``data:`` URI), with
  the table regions pdfplumber's table finder sees on it.
* HTML, DOCX: the reader's source grids (``RawGrid``), spans kept.
* Text: the decoded lines, numbered.

Plus, for every grid, which statistical table it was located as, so each
output table can point at its source (page, or grid) before cell-level
provenance exists.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from typing import Any

from ..core import reconstruct
from ..document import Document, Paragraph, RawGrid, SpanInfo
from ..errors import MissingDependency
from ..options import ReadOptions
from ..readers.positions import start_columns
from ..template.locate import classify

try:  # the heading rule locate_tables uses; private, so guarded
    from ..template.locate import _part_of_heading
except ImportError:  # pragma: no cover - renamed upstream: headings then do not help classify
    def _part_of_heading(text: str) -> int | None:
        return None

#: Rendering scale (1 = 72 dpi); the image is shown scaled to the pane.
PDF_SCALE = 1.5
#: A longer PDF gets only the pages its statistical tables are on (~100 KB a page).
MAX_PAGES_ALL = 30


@dataclass(frozen=True)
class Box:
    """A rectangle on a PDF page in points, as provenance states it."""

    page: int  # 1-based
    l: float  # noqa: E741 - the provenance field names (docling-core BoundingBox)
    t: float
    r: float
    b: float
    coord_origin: str = "TOPLEFT"  # or "BOTTOMLEFT"

    def percent(self, width: float, height: float) -> tuple[float, float, float, float]:
        """(left, top, width, height) as percentages of a ``width`` x ``height`` page, from its top-left."""
        if self.coord_origin.upper() == "BOTTOMLEFT":
            top, bottom = height - max(self.t, self.b), height - min(self.t, self.b)
        else:
            top, bottom = min(self.t, self.b), max(self.t, self.b)
        left, right = min(self.l, self.r), max(self.l, self.r)
        return (100 * left / width, 100 * top / height, 100 * (right - left) / width, 100 * (bottom - top) / height)


def box_of(source: Any) -> Box | None:
    """A ``Box`` from a cell's ``source`` when it is a PDF box, else None.

    Accepts the flat form ``{page, l, t, r, b, coord_origin}`` and the
    docling-like nested one ``{page_no, bbox: {l, t, r, b, coord_origin}}``.
    """
    if not isinstance(source, dict):
        return None
    page = source.get("page", source.get("page_no"))
    bbox: dict[str, Any] = source["bbox"] if isinstance(source.get("bbox"), dict) else source
    if page is None:
        return None
    try:
        return Box(int(page), float(bbox["l"]), float(bbox["t"]), float(bbox["r"]), float(bbox["b"]),
                   str(bbox.get("coord_origin", "TOPLEFT")))
    except (KeyError, TypeError, ValueError):
        return None


@dataclass
class PdfPage:
    number: int
    width: float   # points
    height: float
    png: bytes
    #: Table regions (bbox, cell boxes) found on the page, top-left origin, points.
    regions: list[tuple[Box, list[Box]]] = field(default_factory=list)

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class Source:
    """Everything the page shows of the source document."""

    format: str
    grids: list[RawGrid] = field(default_factory=list)
    #: grid index -> the table kind it was located as ("requests"...), when it was
    kinds: dict[int, str] = field(default_factory=dict)
    pages: list[PdfPage] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def grids_of(self, kind: str) -> list[int]:
        return [i for i, k in self.kinds.items() if k == kind]


def located_kinds(doc: Document) -> dict[int, str]:
    """Grid index (among ``doc.grids``) -> table kind, as ``locate_tables`` decides it.

    Mirrors ``template.locate.locate_tables`` (which returns the aligned tables,
    not the grids they came from); a public ``locate_grids`` there would remove
    this copy."""
    out: dict[int, str] = {}
    heading_part: int | None = None
    index = -1
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            part = _part_of_heading(block.text)
            if part is not None:
                heading_part = part
        elif isinstance(block, RawGrid):
            index += 1
            kind = classify(reconstruct(block), heading_part)
            if kind is not None:
                out[index] = kind
    return out


def grid_positions(grid: RawGrid) -> list[list[tuple[int, int]]]:
    """The (row, column) where each cell starts in the dense grid.

    With known spans, a row lists only the cells that start in it, so the
    columns covered by rowspans from above are skipped (``start_columns``, the
    readers' own rule); flattened grids (spans unknown) are positional as listed.
    """
    listed = [[(r, c) for c in range(len(row))] for r, row in enumerate(grid.rows)]
    if grid.spans is not SpanInfo.KNOWN:
        return listed
    columns = start_columns([[(max(c.rowspan, 1), max(c.colspan, 1)) for c in row] for row in grid.rows])
    return [[(r, col if col is not None else listed[r][i][1]) for i, col in enumerate(row)]
            for r, row in enumerate(columns)]


def render_pdf(data: bytes, options: ReadOptions, scale: float = PDF_SCALE,
               only: set[int] | None = None) -> list[PdfPage]:
    """Each page (or the 1-based page numbers in ``only``) as a greyscale PNG;
    boxes are drawn over it in colour."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingDependency("rendering PDF pages for the review page", "pdf", "pypdfium2") from None
    pdf = pdfium.PdfDocument(data, password=options.pdf_password)
    pages = []
    try:
        for i in range(len(pdf)):
            if only is not None and i + 1 not in only:
                continue
            page = pdf[i]
            width, height = page.get_size()
            # Greyscale from pdfium itself, PNG unoptimised: ~0.1 s a page (optimize=True is 5x slower).
            image = page.render(scale=scale, grayscale=True).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            pages.append(PdfPage(i + 1, width, height, buf.getvalue()))
            page.close()
    finally:
        pdf.close()
    return pages


def find_regions(data: bytes, pages: list[PdfPage], options: ReadOptions, numbers: set[int] | None = None) -> None:
    """Attach to each page (of ``numbers``, when given) the ruled tables pdfplumber's table finder
    sees there (the reader's own settings), as boxes in points, top-left origin."""
    try:
        import pdfplumber
    except ImportError:
        return
    try:
        from ..readers.pdf.tables import TABLE_SETTINGS, without_glyph_outlines
    except ImportError:  # the PDF engine moved: fall back to plain ruling lines
        TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

        def without_glyph_outlines(page: Any, chars: list[dict[str, Any]]) -> Any:
            return page
    by_number = {p.number: p for p in pages}
    with pdfplumber.open(io.BytesIO(data), password=options.pdf_password or "") as pdf:
        for number, plumber_page in enumerate(pdf.pages, start=1):
            page = by_number.get(number)
            if page is None or (numbers is not None and number not in numbers):
                continue
            try:
                found = without_glyph_outlines(plumber_page, plumber_page.chars).find_tables(TABLE_SETTINGS)
            except Exception:  # noqa: BLE001 - a page the finder chokes on just gets no regions
                found = []
            x0, top0 = plumber_page.bbox[0], plumber_page.bbox[1]
            for table in found:
                def box(b: tuple[float, float, float, float], number: int = number, x0: float = x0,
                        top0: float = top0) -> Box:
                    return Box(number, b[0] - x0, b[1] - top0, b[2] - x0, b[3] - top0, "TOPLEFT")
                page.regions.append((box(table.bbox), [box(c) for c in table.cells]))
            page.width, page.height = float(plumber_page.width), float(plumber_page.height)
            plumber_page.close()


def page_number(origin: str) -> int | None:
    """The page of a PDF grid, from its origin ("page 4, table 1")."""
    if origin.startswith("page "):
        try:
            return int(origin.split()[1].rstrip(","))
        except (IndexError, ValueError):
            return None
    return None


def _page_count(data: bytes, options: ReadOptions) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data, password=options.pdf_password)
    try:
        return len(pdf)
    finally:
        pdf.close()


def decode_lines(data: bytes, name: str) -> list[str]:
    from ..readers.encoding import decode_bytes

    text, _ = decode_bytes(data, name)
    return text.splitlines()


def load_source(data: bytes, name: str, doc: Document, options: ReadOptions) -> Source:
    """The source view of a document already read into ``doc``."""
    src = Source(doc.format, grids=doc.grids, kinds=located_kinds(doc))
    kind = doc.format.split()[0] if doc.format else ""  # "text (utf-8)" -> "text"
    if kind == "pdf":
        only = None
        if _page_count(data, options) > MAX_PAGES_ALL:
            only = {n for i in src.kinds if (n := page_number(src.grids[i].origin)) is not None}
            src.notes.append(f"A long PDF: only the {len(only)} page(s) the statistical tables were found on "
                             "are shown.")
        src.pages = render_pdf(data, options, only=only)
        # The table finder re-reads a page with pdfminer (most of a page's cost here): only the pages
        # a statistical table was located on, when there are such pages.
        table_pages = {n for i in src.kinds if (n := page_number(src.grids[i].origin)) is not None}
        find_regions(data, src.pages, options, table_pages or None)
        src.notes.append("Each PDF page is rendered with pypdfium2. Blue boxes: the ruled tables (and their "
                         "cells) that pdfplumber's table finder sees on the pages the statistical tables were "
                         "located on, with the reader's settings — regions, not yet linked to output cells. "
                         "Orange boxes: output cells whose `source` gives a page box (cell provenance), where "
                         "the output has them.")
    elif kind == "text":
        src.lines = decode_lines(data, name)
        src.notes.append("The decoded text, numbered by line. Output cells with a `source` naming line "
                         "numbers mark those lines when clicked; without it, the cell's raw text is shown.")
    else:
        src.notes.append("The tables as the reader found them in the source (rowspan/colspan kept), numbered in "
                         "document order; a grid located as one of the statistical tables says which. Output "
                         "cells with a `source` (table, row, column) mark their source cell when clicked.")
    return src
