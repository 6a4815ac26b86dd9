"""PDF reader: pages → paragraphs and ruled tables, in reading order.

Per page (``_read_page``): an engine (``ReadOptions.pdf_engine``: PDFium,
``engine_pdfium``, or pdfminer through pdfplumber, ``engine_pdfminer``)
reads the page's characters and paths once (``content.PageContent``); the
characters become glyphs in the page's reading frame (``text``); ruled
tables come from pdfplumber's table finder run on those paths or from
camelot (``content.cell_boxes``, ``tables``, ``camelot_backend``) and take
the glyphs inside them; the rest become lines. Across pages (``read``): lines
in the top and bottom margin that are page numbers or repeat on most pages
are dropped, lines are joined into paragraphs, a paragraph cut by a page
break is joined again, and each page's blocks are emitted top to bottom
with its tables in place. A table continued on the next page stays a
separate grid (header rows repeated and all): joining fragments is the
template layer's job.

Both engines apply a page's /Rotate before giaparse sees the characters,
so a rotated page arrives upright; a page whose text runs sideways without
/Rotate (a landscape table printed on a portrait page) is read in the frame
its text runs in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ...diagnostics import ParseWarning, WarningCode
from ...document import Block, Document, Paragraph, Provenance, RawGrid, SpanInfo
from ...errors import DamagedPdf, MissingDependency, NoTextLayer
from ...formats import FORMAT_EXTENSIONS, InputFormat
from ...options import PdfBackend, PdfEngine
from ...text.boilerplate import is_page_number
from .. import register_reader
from ..base import Reader
from ..logs import captured
from .camelot_backend import camelot_boxes, read_camelot_tables
from .content import Engine, PageContent, cell_boxes
from .engine_pdfium import PdfiumDocument
from .engine_pdfminer import PdfminerDocument, import_pdfplumber
from .guard import prescan
from .layout import Margins, Para, body_size, chrome_key, lines_and_grids_to_blocks, page_margins
from .tables import PageTable, assign_glyphs, boxes_to_tables, close_open_tops, grid_to_rows, page_place
from .text import (
    Glyph,
    TextLine,
    chars_to_glyphs,
    dominant_direction,
    glyphs_to_lines,
    join_runs,
    rotate_box,
    strip_cid,
    unmapped,
    upright,
)
from .textgrid import text_tables

_BAND = 0.1          # of the page height: where running headers and page numbers live
_HEADING_EM = (1.3, 1.15)  # font size over the body size for heading levels 1 and 2
_HEADING_MAX_CHARS = 60

T = TypeVar("T")


@dataclass
class _Page:
    number: int
    height: float
    width: float = 0.0
    lines: list[TextLine] = field(default_factory=list)
    grids: list[tuple[float, RawGrid]] = field(default_factory=list)  # (top, grid)
    has_text: bool = False
    has_images: bool = False
    image_cover: float = 0.0  # share of the page its largest image covers
    glyphs: int = 0  # characters of its text layer
    ocr: bool = False  # its lines and grids came from OCR
    garbled: bool = False
    frame: int = 0  # quarter turns of the reading frame against the page as displayed
    unreadable: bool = False  # its characters could not be read at all
    errors: list[str] = field(default_factory=list)


def _import_camelot() -> Any:
    try:
        import camelot
    except ImportError:
        raise MissingDependency("the camelot PDF backend", "camelot", "camelot-py") from None
    return camelot


def _open(engine: PdfEngine, data: bytes, source: str, password: str | None) -> Engine:
    """The open PDF; encryption and damage become ``InputError``s."""
    if engine is PdfEngine.PDFMINER:
        return PdfminerDocument(data, source, password)
    return PdfiumDocument(data, source, password)


#: A page is taken for a scan when one image covers at least ``SCAN_COVER`` of it and its
#: text layer holds at most ``STRAY_GLYPHS`` characters: a page number, a "Scanned with
#: CamScanner" line or a stamp added over a scanned page, not the page's content.
SCAN_COVER, STRAY_GLYPHS = 0.6, 40


def _scanned(page: _Page) -> bool:
    """The page's content is an image (read by OCR when the extra is there)."""
    if page.unreadable or page.ocr or not page.has_images:
        return False
    return not page.has_text or (page.image_cover >= SCAN_COVER and page.glyphs <= STRAY_GLYPHS)


def _guarded(page: _Page, step: Callable[[], T], default: T) -> T:
    """Run a step on engine output; a failure is noted on the page instead of escaping."""
    try:
        return step()
    except Exception as exc:  # noqa: BLE001 - pdfminer errors have no common base
        page.errors.append(f"{type(exc).__name__}: {exc}")
        return default


def _free_lines(glyphs: list[Glyph]) -> list[TextLine]:
    """Lines of the glyphs outside tables: upright ones in the page frame, rotated
    ones (a side note) in their own frame, placed back on the page; skewed
    glyphs (watermarks) are left out."""
    lines = glyphs_to_lines([g for g in glyphs if g.direction == 0])
    for turns in (1, 2, 3):
        subset = [g for g in glyphs if g.direction == turns]
        for line in glyphs_to_lines(upright(subset, turns)):
            box = rotate_box((line.x0, line.top, line.x1, line.bottom), 4 - turns)
            lines.append(TextLine(line.text, *box, em=line.em, direction=turns))
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def _read_page(content: PageContent | Exception, number: int, camelot_tables: list[Any] | None) -> _Page:
    page = _Page(number, 0.0)
    if isinstance(content, Exception):  # the engine could not read this page
        page.errors.append(f"{type(content).__name__}: {content}")
        page.unreadable = True
        return page
    chars = content.chars
    page.has_images, page.image_cover = content.has_images, content.image_cover
    width, height = content.width, content.height
    frame = page.frame = dominant_direction(chars)
    page.width, page.height = (height, width) if frame % 2 else (width, height)
    glyphs = chars_to_glyphs(chars, frame, width, height)
    page.has_text, page.glyphs = bool(glyphs), len(glyphs)
    page.garbled = unmapped(glyphs)
    if page.garbled:
        glyphs = strip_cid(glyphs)
    if camelot_tables is None:
        boxes = _guarded(page, lambda: cell_boxes(content), [])
        if boxes:
            # Chromium draws no top border on a table's continued part: rebuild that row.
            verticals = _guarded(page, content.verticals, [])
            boxes = close_open_tops(boxes, verticals)
    else:
        boxes = [camelot_boxes(t, height) for t in camelot_tables]
    tables = boxes_to_tables(boxes, frame, width, height)
    inside: list[list[Glyph]] = [[] for _ in tables]
    free = [] if tables else glyphs
    if tables:
        # PageTable.contains (centre within the box, 1pt slack), the first table that holds it.
        areas = [(t.bbox[0] - 1.0, t.bbox[1] - 1.0, t.bbox[2] + 1.0, t.bbox[3] + 1.0, bucket)
                 for t, bucket in zip(tables, inside, strict=False)]
        for g in glyphs:
            cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
            for x0, top, x1, bottom, bucket in areas:
                if x0 <= cx <= x1 and top <= cy <= bottom:
                    bucket.append(g)
                    break
            else:
                free.append(g)
    for table, table_glyphs in zip(tables, inside, strict=False):
        assign_glyphs(table, table_glyphs)
        _add_grid(page, table)
    if not tables and len(free) > STRAY_GLYPHS:
        free = _text_tables(page, free)  # no ruling on the page: borderless tables from the text layer
    page.lines = _free_lines(free)
    return page


def _text_tables(page: _Page, glyphs: list[Glyph]) -> list[Glyph]:
    """Add the page's borderless tables (``textgrid``) as grids; the glyphs they did not take."""
    found = text_tables(glyphs, page_place(page.number, page.frame, page.width, page.height), f"page {page.number}")
    if not found:
        return glyphs
    taken = {id(g) for t in found for g in t.glyphs}
    for t in found:
        page.grids.append((t.bbox[1], t.grid))
    return [g for g in glyphs if id(g) not in taken]


def _add_grid(page: _Page, table: PageTable) -> None:
    if not any(cell.text.strip() for cell in table.cells):
        return  # a box drawn round nothing (or round an image)
    n_rows = max(cell.end_row for cell in table.cells)
    origin = f"page {page.number}, table {len(page.grids) + 1}"
    rows = grid_to_rows(table.cells, n_rows, page_place(page.number, page.frame, page.width, page.height),
                        table.xs, table.ys)
    page.grids.append((table.bbox[1], RawGrid(rows, SpanInfo.KNOWN, origin, col_edges=tuple(table.xs))))


def _margin_lines(page: _Page) -> list[TextLine]:
    """Lines where page furniture can be: in the top or bottom tenth of the
    page, or the first/last line when it sits in the outer fifth (footers of
    landscape pages sit higher than a tenth)."""
    lines = page.lines
    h = page.height
    out = [ln for ln in lines if ln.top < _BAND * h or ln.bottom > (1 - _BAND) * h]
    if lines and lines[0].top < 2 * _BAND * h:
        out.append(lines[0])
    if lines and lines[-1].bottom > (1 - 2 * _BAND) * h:
        out.append(lines[-1])
    return out


def _drop_chrome(pages: list[_Page]) -> None:
    """Remove page numbers and running headers/footers from the page margins.

    A margin line goes when it is a page number (``- 1 -``, ``第 3 页``, ``3``)
    or when, numbers aside, the same line is in the margin of most pages.
    """
    seen: dict[str, int] = {}
    for page in pages:
        for key in {chrome_key(ln.text) for ln in _margin_lines(page)}:
            seen[key] = seen.get(key, 0) + 1
    readable = sum(1 for p in pages if p.has_text)
    for page in pages:
        drop = set()
        for ln in _margin_lines(page):
            repeats = seen[chrome_key(ln.text)]
            if is_page_number(ln.text) or (repeats >= 2 and 2 * repeats > readable):
                drop.add(id(ln))
        page.lines = [ln for ln in page.lines if id(ln) not in drop]


def _page_blocks(page: _Page, margins: Margins) -> list[tuple[Para | RawGrid, Provenance | None]]:
    """Paragraphs and grids of one page, top to bottom (a table ends the paragraph above
    it), each paragraph with its place on the page."""
    place = page_place(page.number, page.frame, page.width, page.height)
    return [(b, place(b.box) if isinstance(b, Para) and b.box else None)
            for b in lines_and_grids_to_blocks(page.lines, page.grids, margins)]


def _heading_level(para: Para, body_em: float) -> int:
    if len(para.text) > _HEADING_MAX_CHARS:
        return 0
    if para.em >= _HEADING_EM[0] * body_em:
        return 1
    return 2 if para.em >= _HEADING_EM[1] * body_em else 0


def _continues(last: Para | RawGrid, last_page: _Page, first: Para | RawGrid, page: _Page) -> bool:
    """True when ``first`` (top of ``page``) is the rest of ``last`` (foot of the page before):
    the last line ran to the margin unfinished at the foot of its page, and
    the next page starts flush left, in the same type."""
    return (isinstance(last, Para) and isinstance(first, Para) and last.open_end and first.open_start
            and last.bottom > (1 - 3 * _BAND) * last_page.height and first.top < 3 * _BAND * page.height
            and abs(first.em - last.em) <= 0.15 * last.em)


def _assemble(pages: list[_Page]) -> list[Block]:
    """All pages' blocks; a paragraph cut by a page break is joined again."""
    blocks_by_width: dict[int, list[TextLine]] = {}
    for p in pages:
        blocks_by_width.setdefault(round(p.width), []).extend(ln for ln in p.lines if ln.direction == 0)
    margins = {width: page_margins(lines) for width, lines in blocks_by_width.items()}
    per_page = [_page_blocks(p, margins[round(p.width)]) for p in pages]
    body_em = body_size([ln for p in pages for ln in p.lines])
    merged: list[tuple[Para | RawGrid, Provenance | None]] = []
    previous: _Page | None = None
    for page, blocks in zip(pages, per_page, strict=False):
        if blocks and merged and previous is not None and _continues(merged[-1][0], previous, blocks[0][0], page):
            (last, where), first = merged[-1], blocks[0][0]
            # The joined paragraph keeps the place where it starts.
            merged[-1] = (Para(join_runs(last.text, first.text), last.em, last.open_start,
                               first.open_end, last.top, first.bottom, last.box), where)
            blocks = blocks[1:]
        merged.extend(blocks)
        previous = page
    out: list[Block] = []
    for block, where in merged:
        if isinstance(block, Para):
            out.append(Paragraph(block.text, _heading_level(block, body_em), where))
        else:
            out.append(block)
    return out


def _pages_phrase(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers))


def _warnings(pages: list[_Page]) -> list[ParseWarning]:
    out = []
    garbled = [p.number for p in pages if p.garbled]
    if garbled:
        out.append(ParseWarning(WarningCode.REPLACEMENT_CHARACTERS,
                                f"{_pages_phrase(garbled)} {'holds' if len(garbled) == 1 else 'hold'} characters "
                                "whose font has no usable "
                                "Unicode map; (cid:N) codes were removed, U+FFFD kept", pages=garbled))
    scanned = [p.number for p in pages if _scanned(p) and not p.has_text]
    if scanned:
        out.append(ParseWarning(WarningCode.PAGES_WITHOUT_TEXT,
                                f"{_pages_phrase(scanned)} {'has' if len(scanned) == 1 else 'have'} no text layer "
                                f"(scanned?); {'its' if len(scanned) == 1 else 'their'} content is missing",
                                pages=scanned))
    stray = [p for p in pages if _scanned(p) and p.has_text]
    if stray:
        facts = [f"an image over {p.image_cover:.0%} of it and {p.glyphs} "
                 f"character{'s' if p.glyphs != 1 else ''} of text" for p in stray]
        what = (facts[0] if len(stray) == 1
                else "; ".join(f"page {p.number}: {f}" for p, f in zip(stray, facts, strict=False)))
        out.append(ParseWarning(WarningCode.PAGES_WITHOUT_TEXT,
                                f"{_pages_phrase([p.number for p in stray])} "
                                f"{'looks' if len(stray) == 1 else 'look'} scanned ({what}); "
                                f"{'its' if len(stray) == 1 else 'their'} content is missing",
                                pages=[p.number for p in stray]))
    broken = [p for p in pages if p.errors]
    if broken:
        details = "; ".join(f"page {p.number}: {'; '.join(p.errors)}" for p in broken)
        out.append(ParseWarning(WarningCode.PAGES_UNREADABLE,
                                f"{_pages_phrase([p.number for p in broken])} could not be read "
                                f"completely, content may be missing (damaged PDF: {details})",
                                pages=[p.number for p in broken]))
    return out


@register_reader
class PdfReader(Reader):
    """Text-layer PDFs (needs ``giaparse[pdf]``; camelot tables need ``giaparse[camelot]``)."""

    format = "pdf"
    extensions = FORMAT_EXTENSIONS[InputFormat.PDF]

    def read(self, data: bytes, source: str) -> Document:
        import_pdfplumber()  # the table finder and the pre-scan's parser, whichever engine reads the pages
        with captured() as engine_log:  # pdfminer's log lines become one warning, not stderr
            prescan(data, source, self.options.max_pages, self.options.pdf_password or "")  # hostile shapes
            doc = self._read(data, source)
        doc.warnings.extend(engine_log.warnings())
        return doc

    def _read(self, data: bytes, source: str) -> Document:
        engine = PdfEngine(self.options.pdf_engine)
        try:
            return self._read_with(engine, data, source)
        except DamagedPdf:
            # PDFium refuses some structures pdfminer reads (a page tree whose Kids
            # lead back to itself): the reference engine gets the last word.
            if engine is PdfEngine.PDFMINER:
                raise
            return self._read_with(PdfEngine.PDFMINER, data, source)

    def _read_with(self, engine: PdfEngine, data: bytes, source: str) -> Document:
        camelot = _import_camelot() if PdfBackend(self.options.pdf_backend) is PdfBackend.CAMELOT else None
        pdf = _open(engine, data, source, self.options.pdf_password)
        try:
            by_page: dict[int, list[Any]] | None = None
            if camelot is not None:
                try:
                    by_page = read_camelot_tables(camelot, data)
                except Exception as exc:  # noqa: BLE001 - camelot/pdfium errors vary by version
                    raise DamagedPdf(source, f"camelot cannot read the PDF ({type(exc).__name__}: {exc})") from None
            pages = []
            for number, content in enumerate(pdf.pages(), start=1):
                pages.append(_read_page(content, number, None if by_page is None else by_page.get(number, [])))
        finally:
            pdf.close()
        if not pages or all(p.unreadable for p in pages):
            detail = "; ".join(pages[0].errors) if pages else "no pages"
            raise DamagedPdf(source, f"the PDF is damaged and cannot be read ({detail})")
        if not any(p.has_text and not _scanned(p) for p in pages):
            from ..ocr import engine as ocr_engine  # the ocr extra: pages without text are OCR'd

            if not ocr_engine.available():
                what = ("no text layer" if not any(p.has_text for p in pages)
                        else "scanned pages (their text layer holds only a few stray characters)")
                raise NoTextLayer(source, f"{what}; OCR required, which needs the optional package "
                                          '\'rapidocr-onnxruntime\': pip install "giaparse[ocr]"')
            from ..ocr import ocr_pdf

            return ocr_pdf(data, source)
        ocr_warnings, rereader = _ocr_pages_without_text(pages, data, source)
        _drop_chrome(pages)
        return Document(_assemble(pages), source_name=source, format="pdf",
                        warnings=_warnings(pages) + ocr_warnings, rereader=rereader)


def _ocr_pages_without_text(pages: list[_Page], data: bytes, source: str) -> tuple[list[ParseWarning], Any]:
    """Scanned pages of a PDF with text elsewhere, OCR'd in place (with the ocr extra;
    without it they stay ``pages_without_text``): their lines and grids join the rest.
    Also the re-reader of those pages (None: none OCR'd), so that their numbers are
    re-read as a scan's are (``giaparse.reread``)."""
    scanned = [p for p in pages if _scanned(p)]
    if not scanned:
        return [], None
    from ..ocr import engine as ocr_engine

    if not ocr_engine.available():
        return [], None
    from ..ocr.document import ocr_pdf_pages, rereader_of

    read, warnings = ocr_pdf_pages(data, source, [p.number for p in scanned])
    for page in scanned:
        got = read.get(page.number)
        if got is not None:
            page.lines, page.grids, page.has_text, page.ocr = got.lines, got.grids, True, True
            page.width, page.height = got.width, got.height
    return warnings, rereader_of(list(read.values())) if read else None
