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

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, Protocol

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

    def __getitem__(self, key: Any) -> Any:
        """``char["x0"]`` as well as ``char[1]``: the page's characters go to
        ``tables.without_glyph_outlines`` as they are, like pdfplumber's dicts."""
        return getattr(self, key) if isinstance(key, str) else tuple.__getitem__(self, key)


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
    #: The share of the page (0..1) its largest image covers: a scan is one image over the page.
    image_cover: float = 0.0

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

    def cover(self, x0: float, top: float, x1: float, bottom: float) -> None:
        """Note an image placed at this box (displayed page coordinates)."""
        self.has_images = True
        area = self.width * self.height
        if area > 0:
            w = min(x1, self.width) - max(x0, 0.0)
            h = min(bottom, self.height) - max(top, 0.0)
            if w > 0 and h > 0:
                self.image_cover = max(self.image_cover, min(w * h / area, 1.0))

    def verticals(self) -> list[tuple[float, float, float]]:
        """``(x0, top, bottom)`` of every vertical edge in ``edges``, in the same
        order, without building the edge dicts: a line is vertical unless flat,
        a rect has two (left, right), a curve one per segment of constant x."""
        out = [(o["x0"], o["top"], o["bottom"]) for o in self.lines if o["top"] != o["bottom"]]
        for r in self.rects:
            out.append((r["x0"], r["top"], r["bottom"]))
            out.append((r["x1"], r["top"], r["bottom"]))
        for c in self.curves:
            pts = c["pts"]
            for (x, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
                if x == x1:
                    out.append((x, min(y0, y1), max(y0, y1)))
        return out

    def filter(self, keep: Callable[[Obj], bool]) -> PageContent:
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


def cell_boxes(content: PageContent) -> list[list[Box]]:
    """The cell boxes of each ruled table on the page, drawings inside
    characters left out first: what ``Page.find_tables(TABLE_SETTINGS)``
    finds, through pdfplumber's own edge merging and grouping
    (``find_tables``)."""
    if not (content.rects or content.lines or content.curves):
        return []
    return find_tables(without_glyph_outlines(content, content.chars).edges)


def find_tables(edges: list[Obj]) -> list[list[Box]]:
    """pdfplumber's ``TableFinder`` under the lines strategy, step by step:
    filter and merge the edges, intersect them, close cells, group cells
    into tables. Merging is pdfplumber's function; the three later steps are
    the same algorithms without the repeated work (pdfplumber re-sorts the
    horizontal edges for every vertical one, rebuilds both edge sets for
    every pair of points it tests and removes grouped cells from a list one
    by one), so the result is the same, list for list
    (``tests/test_pdf_engines.py`` checks each step against pdfplumber's on
    every corpus page, and the whole against ``Page.find_tables``)."""
    from pdfplumber import utils
    from pdfplumber.table import merge_edges

    st = _settings()
    v = utils.filter_edges(edges, "v", min_length=st.edge_min_length_prefilter)
    h = utils.filter_edges(edges, "h", min_length=st.edge_min_length_prefilter)
    merged = merge_edges(v + h, snap_x_tolerance=st.snap_x_tolerance, snap_y_tolerance=st.snap_y_tolerance,
                         join_x_tolerance=st.join_x_tolerance, join_y_tolerance=st.join_y_tolerance)
    merged = utils.filter_edges(merged, min_length=st.edge_min_length)
    points = edges_to_intersections(merged, st.intersection_x_tolerance, st.intersection_y_tolerance)
    return cells_to_tables(intersections_to_cells(points))


_SETTINGS: list[Any] = []


def _settings() -> Any:
    """``TableSettings.resolve(TABLE_SETTINGS)``, once."""
    if not _SETTINGS:
        from pdfplumber.table import TableSettings

        _SETTINGS.append(TableSettings.resolve(TABLE_SETTINGS))
    return _SETTINGS[0]


Bbox4 = tuple[float, float, float, float]


def edges_to_intersections(edges: list[Obj], x_tolerance: float, y_tolerance: float
                           ) -> dict[Point, tuple[set[Bbox4], set[Bbox4]]]:
    """Where vertical and horizontal edges meet (pdfplumber's rule), each point
    with the boxes of its vertical and of its horizontal edges. The horizontal
    edges a vertical one can meet are found by bisection on their tops (a
    range a little wider than the tolerance), then tested with pdfplumber's
    own comparisons."""
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    hs = [(e["top"], e["x0"], e["x1"], (e["x0"], e["top"], e["x1"], e["bottom"])) for e in h_edges]
    tops = [h[0] for h in hs]
    slack = y_tolerance + 1.0
    out: dict[Point, tuple[set[Bbox4], set[Bbox4]]] = {}
    for v in v_edges:
        vx, vtop, vbottom = v["x0"], v["top"], v["bottom"]
        vbox = (v["x0"], v["top"], v["x1"], v["bottom"])
        for k in range(bisect_left(tops, vtop - slack), bisect_right(tops, vbottom + slack)):
            htop, hx0, hx1, hbox = hs[k]
            if (vtop <= htop + y_tolerance and vbottom >= htop - y_tolerance
                    and hx0 - x_tolerance <= vx <= hx1 + x_tolerance):
                sets = out.get((vx, htop))
                if sets is None:
                    sets = out[(vx, htop)] = (set(), set())
                sets[0].add(vbox)
                sets[1].add(hbox)
    return out


def intersections_to_cells(points: dict[Point, tuple[set[Bbox4], set[Bbox4]]]) -> list[Bbox4]:
    """pdfplumber's smallest cells: from each point, the first point below and
    the first to the right that an edge reaches, closed by a fourth point both
    reach (same order of search, so the same cells). The points an edge of a
    point reaches are read from that edge's own list of points (pdfplumber
    tests every point of the column and of the row, and rebuilds the edge
    sets for each test)."""
    ordered = sorted(points)
    on_vertical: dict[Bbox4, list[Point]] = {}    # an edge → its points, downwards
    on_horizontal: dict[Bbox4, list[Point]] = {}  # ... rightwards
    # A point → (where it is on its vertical edge's list, on its horizontal edge's), when it has one of each.
    place: dict[Point, tuple[int, int]] = {}
    for p in ordered:
        verticals, horizontals = points[p]
        for e in verticals:
            on_vertical.setdefault(e, []).append(p)
        for e in horizontals:
            on_horizontal.setdefault(e, []).append(p)
        if len(verticals) == 1 and len(horizontals) == 1:
            (v,), (h,) = verticals, horizontals
            place[p] = (len(on_vertical[v]), len(on_horizontal[h]))

    def after(pt: Point, edges: set[Bbox4], on: dict[Bbox4, list[Point]]) -> list[Point]:
        """The points after ``pt`` (in point order) that share one of ``edges`` with it."""
        return sorted({q for e in edges for q in on[e][bisect_right(on[e], pt):]})

    get = points.get
    cells = []
    for pt in ordered:
        verticals, horizontals = points[pt]
        at = place.get(pt)
        if at is not None:  # the usual point: one edge each way
            (v,), (h,) = verticals, horizontals
            below, rights = on_vertical[v][at[0]:], on_horizontal[h][at[1]:]
        else:
            below, rights = after(pt, verticals, on_vertical), after(pt, horizontals, on_horizontal)
        if not below or not rights:
            continue
        found = None
        for below_pt in below:
            below_h = points[below_pt][1]
            by = below_pt[1]
            for right_pt in rights:
                corner = get((right_pt[0], by))
                if (corner is not None and not corner[0].isdisjoint(points[right_pt][0])
                        and not corner[1].isdisjoint(below_h)):
                    found = (pt[0], pt[1], right_pt[0], by)
                    break
            if found:
                cells.append(found)
                break
    return cells


def cells_to_tables(cells: list[Bbox4]) -> list[list[Bbox4]]:
    """pdfplumber's ``cells_to_tables``: cells grouped into tables by shared
    corners, pass after pass over the cells not yet grouped, in the same order
    (each pass keeps the ungrouped cells in a new list instead of removing the
    grouped ones one by one), tables top to bottom, single cells dropped."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[Bbox4] = []
    tables: list[list[Bbox4]] = []
    while remaining:
        before = len(current)
        rest = []
        for cell in remaining:
            x0, top, x1, bottom = cell
            a, b, c, d = (x0, top), (x0, bottom), (x1, top), (x1, bottom)
            if not current or a in corners or b in corners or c in corners or d in corners:
                corners.update((a, b, c, d))
                current.append(cell)
            else:
                rest.append(cell)
        remaining = rest
        if len(current) == before:
            tables.append(current)
            corners, current = set(), []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
