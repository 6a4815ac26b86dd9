"""What an engine reads from a PDF page, in one shape for every engine.

An engine (``engine_pdfium``, ``engine_pdfminer``) turns each page into a
``PageContent``: the page size as displayed (/Rotate applied), its
characters and its paths in pdfplumber's coordinates (origin top-left, y
down), and whether it holds images. Everything after that — glyphs, lines,
tables, paragraphs — is the same code for every engine, so the engines can
only differ in the facts they read, and a test compares those facts' result
on the whole corpus.

Paths are classified as pdfminer does (a subpath of one segment is a
*line*, a closed axis-aligned four-sided one a *rect*, anything else a
*curve* through its segment end points) and kept as pdfplumber's object
dicts, so that pdfplumber's own edge and table-finder functions run on them
unchanged (``cell_boxes``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator, NamedTuple, Protocol

from .tables import TABLE_SETTINGS, without_glyph_outlines
from .text import Box

Obj = dict[str, Any]
Point = tuple[float, float]


class Char(NamedTuple):
    """One drawn character: its text, box (page coordinates) and the quarter
    turns its writing direction makes on the page (-1: skewed), see
    ``text.char_direction``."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    turns: int


@dataclass
class PageContent:
    """A page's facts as an engine read them."""

    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    lines: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)
    has_images: bool = False

    @property
    def edges(self) -> list[Obj]:
        """pdfplumber's edges of the page's lines, rects and curves (``Container.edges``)."""
        from pdfplumber import utils

        out = [utils.line_to_edge(o) for o in self.lines]
        for r in self.rects:
            out.extend(utils.rect_to_edges(r))
        for c in self.curves:
            out.extend(utils.curve_to_edges(c))
        return out

    def filter(self, keep: Callable[[Obj], bool]) -> "PageContent":
        """The page with only the paths ``keep`` accepts (as ``pdfplumber.Page.filter``)."""
        return replace(self, rects=[o for o in self.rects if keep(o)], lines=[o for o in self.lines if keep(o)],
                       curves=[o for o in self.curves if keep(o)])


class Engine(Protocol):
    """An open PDF: ``pages()`` yields each page's content, or the exception
    that reading it raised (so one bad page does not end the document)."""

    def page_count(self) -> int: ...

    def pages(self) -> Iterator[PageContent | Exception]: ...

    def close(self) -> None: ...


def _rect(x0: float, top: float, x1: float, bottom: float, height: float) -> Obj:
    return {"object_type": "rect", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "y0": height - bottom, "y1": height - top}


def path_objects(points: list[Point], closed: bool, height: float) -> tuple[str, Obj] | None:
    """One subpath (its segment end points in page coordinates, and whether it
    was closed) as pdfminer classifies it: ("line" | "rect" | "curve", dict)."""
    if not points:
        return None
    pts = list(points)
    if closed and pts[-1] != pts[0]:
        pts.append(pts[0])  # pdfminer's 'h' adds the start point
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    if len(pts) == 2 or (len(pts) == 3 and closed and pts[2] == pts[0]):
        kind = "line"
        pts = pts[:2]
    elif len(pts) == 5 and pts[4] == pts[0] and (
            (xs[0] == xs[1] and ys[1] == ys[2] and xs[2] == xs[3] and ys[3] == ys[0])
            or (ys[0] == ys[1] and xs[1] == xs[2] and ys[2] == ys[3] and xs[3] == xs[0])):
        return "rect", _rect(x0, top, x1, bottom, height)
    else:
        kind = "curve"
    return kind, {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                  "width": x1 - x0, "height": bottom - top, "y0": height - bottom, "y1": height - top,
                  "pts": pts}


class _EdgesOnly:
    """The one thing pdfplumber's ``TableFinder`` asks of a page under the
    lines strategy: its edges."""

    def __init__(self, edges: list[Obj], bbox: Box) -> None:
        self.edges = edges
        self.bbox = bbox


def cell_boxes(content: PageContent) -> list[list[Box]]:
    """The cell boxes of each ruled table on the page (pdfplumber's finder, as
    ``Page.find_tables(TABLE_SETTINGS)``), drawings inside characters left out first."""
    if not (content.rects or content.lines or content.curves):
        return []
    from pdfplumber.table import TableFinder

    boxes = [{"x0": c.x0, "top": c.top, "x1": c.x1, "bottom": c.bottom} for c in content.chars]
    page = without_glyph_outlines(content, boxes)
    finder = TableFinder(_EdgesOnly(page.edges, (0.0, 0.0, content.width, content.height)), TABLE_SETTINGS)
    return [list(t.cells) for t in finder.tables]
