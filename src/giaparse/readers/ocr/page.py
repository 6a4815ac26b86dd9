"""One page image → text lines and grids, each text with its confidence.

Steps: ``clean`` (red channel: seal gone) → upright (quarter turns) and
straight (deskew) → ruled tables found (``grid``) and their lines wiped
from the image the recogniser sees → text boxes detected once on the page →
boxes inside a table are cut at the cell boundaries and each piece
recognised; a cell's text is its pieces in reading order, its confidence
the lowest of theirs → boxes outside tables become text lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np

from ...document import RawCell, RawGrid, SpanInfo
from ..pdf.tables import GridCell, PageTable, fill_holes
from ..pdf.text import TextLine, join_runs
from . import engine
from .digits import fix_digits
from .grid import find_tables
from .image import clean, ink_mask, is_sideways, quarter_turn, red_channel, rotate, skew_angle

_NUMBERS = re.compile(r"[0-9０-９][0-9０-９.,，]*")
_PAD = 2          # px around a crop
_EM_OF_BOX = 1.45  # a detected box is this many times the type size high
_VERTICAL = 1.8   # a box this many times taller than wide is text set vertically


@dataclass
class OcrLine:
    text: str
    confidence: float
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class OcrPage:
    number: int
    width: float           # pt
    height: float          # pt
    lines: list[TextLine] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)  # per line
    grids: list[tuple[float, RawGrid]] = field(default_factory=list)  # (top in pt, grid)
    low_confidence: list[str] = field(default_factory=list)  # messages
    merged_numbers: list[str] = field(default_factory=list)  # cells holding several numbers


def _crop(img: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    h, w = img.shape[:2]
    a, b = max(int(x0) - _PAD, 0), max(int(y0) - _PAD, 0)
    c, d = min(int(np.ceil(x1)) + _PAD, w), min(int(np.ceil(y1)) + _PAD, h)
    return np.ascontiguousarray(img[b:d, a:c])


def _pieces(box, table: PageTable, slots: dict[tuple[int, int], GridCell]) -> list[tuple[GridCell, tuple[float, float, float, float]]]:
    """A detected box cut where it crosses from one cell into the next: (cell, sub-box) per cell.

    Cut only at the edges of real cells: a merged cell's text is never cut
    at the grid columns it spans.
    """
    x0, y0, x1, y1 = box
    xs, ys = table.xs, table.ys
    cy = (y0 + y1) / 2
    r = min(max(bisect_right(ys, cy) - 1, 0), len(ys) - 2)
    out: list[tuple[GridCell, tuple[float, float, float, float]]] = []
    for c in range(len(xs) - 1):
        cell = slots.get((r, c))
        if cell is None or (out and out[-1][0] is cell):
            continue
        left, right = xs[cell.col], xs[cell.end_col]
        a, b = max(x0, left), min(x1, right)
        if b - a >= 4 and (b - a) >= 0.25 * min(x1 - x0, right - left):
            out.append((cell, (a, y0, b, y1)))
    return out


def _in_table(box, table: PageTable) -> bool:
    x0, y0, x1, y1 = box
    tx0, ty0, tx1, ty1 = table.bbox
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return tx0 <= cx <= tx1 and ty0 <= cy <= ty1


def _vertical_crops(img: np.ndarray, box) -> list[np.ndarray]:
    """A tall narrow box (竖排 text, one character per line) cut into square pieces."""
    x0, y0, x1, y1 = box
    w = x1 - x0
    n = max(1, int(round((y1 - y0) / (w * 0.9))))
    step = (y1 - y0) / n
    return [_crop(img, x0, y0 + k * step, x1, y0 + (k + 1) * step) for k in range(n)]


def _cell_text(parts: list[tuple[tuple[float, float, float, float], str, float]]) -> tuple[str, float]:
    """Pieces of one cell → its text (lines top to bottom, pieces left to right) and confidence."""
    parts = sorted(parts, key=lambda p: (p[0][1], p[0][0]))
    lines: list[list] = []
    for p in parts:
        y0, y1 = p[0][1], p[0][3]
        if lines:
            ly0, ly1 = lines[-1][0][0][1], lines[-1][0][0][3]
            if min(y1, ly1) - max(y0, ly0) > 0.5 * min(y1 - y0, ly1 - ly0):
                lines[-1].append(p)
                continue
        lines.append([p])
    texts = []
    for line in lines:
        text = ""
        for p in sorted(line, key=lambda q: q[0][0]):
            text = join_runs(text, p[1].strip())
        texts.append(text)
    return "\n".join(t for t in texts if t), min(p[2] for p in parts)


def upright(red: np.ndarray) -> np.ndarray:
    """The page (red channel) turned upright (quarter turns) and straightened (deskew).

    A sideways page is turned both ways; the way whose widest text boxes
    the recogniser reads with more confidence wins.
    """
    ink = ink_mask(red)
    if is_sideways(ink):
        best, best_score = red, -1.0
        for turns in (1, 3):
            cand = quarter_turn(red, turns)
            view = clean(cand)
            boxes = sorted(engine.detect(view), key=lambda b: b[2] - b[0], reverse=True)[:8]
            got = engine.recognise([_crop(view, *b) for b in boxes])
            score = float(np.mean([q for _, q in got])) if got else 0.0
            if score > best_score:
                best, best_score = cand, score
        red = best
        ink = ink_mask(red)
    angle, _ = skew_angle(ink)
    return rotate(red, angle)


def read_image(bgr: np.ndarray, number: int, dpi: float, threshold: float) -> OcrPage:
    """OCR one page image (BGR, ``dpi`` pixels per inch)."""
    red = upright(red_channel(bgr))
    ink = ink_mask(red)
    grey = clean(red)
    tables = find_tables(ink)
    page_img = grey.copy()
    for t in tables:
        page_img[t.mask > 0] = 255  # the recogniser sees no ruling lines
    boxes = engine.detect(page_img)
    pt = 72.0 / dpi
    h, w = grey.shape[:2]
    page = OcrPage(number, w * pt, h * pt)

    slot_maps = []
    for tb in tables:
        table = tb.table
        table.cells = fill_holes(table.cells, len(table.ys) - 1, len(table.xs) - 1)
        slot_maps.append({(r, c): cell for cell in table.cells
                          for r in range(cell.row, cell.end_row) for c in range(cell.col, cell.end_col)})

    crops: list[np.ndarray] = []
    owners: list[tuple] = []  # ("cell", t, r, c, box, n) / ("line", box) / ("vchar", t, r, c, box, k)
    for box in boxes:
        t = next((k for k, tb in enumerate(tables) if _in_table(box, tb.table)), None)
        if t is None:
            crops.append(_crop(page_img, *box))
            owners.append(("line", box))
            continue
        for cell, sub in _pieces(box, tables[t].table, slot_maps[t]):
            bw, bh = sub[2] - sub[0], sub[3] - sub[1]
            if bh > _VERTICAL * bw:
                pieces = _vertical_crops(page_img, sub)
                for k, crop in enumerate(pieces):
                    crops.append(crop)
                    owners.append(("vcell", id(cell), sub, k, len(pieces)))
            else:
                crops.append(_crop(page_img, *sub))
                owners.append(("cell", id(cell), sub))
    results = engine.recognise(crops)

    cell_parts: dict[int, list] = {}  # by id of the GridCell
    vertical: set[int] = set()
    vbuf: dict[tuple, list[tuple[str, float]]] = {}
    ocr_lines: list[OcrLine] = []
    for owner, (text, conf) in zip(owners, results):
        if owner[0] == "line":
            if text.strip():
                ocr_lines.append(OcrLine(text.strip(), conf, *owner[1]))
        elif owner[0] == "cell":
            _, key, sub = owner
            if text.strip():
                cell_parts.setdefault(key, []).append((sub, text, conf))
        else:
            _, key, sub, k, n = owner
            vbuf.setdefault((key, sub), []).append((text.strip(), conf))
            if k == n - 1:
                chars = vbuf.pop((key, sub))
                got = [(s, q) for s, q in chars if s]
                if got:
                    joined = "\n".join(s for s, _ in got)
                    cell_parts.setdefault(key, []).append((sub, joined, min(q for _, q in got)))
                    vertical.add(key)

    for t, tb in enumerate(tables):
        table = tb.table
        n_rows = len(table.ys) - 1
        rows: list[list[RawCell]] = [[] for _ in range(n_rows)]
        for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
            parts = cell_parts.get(id(cell), [])
            text, conf = _cell_text(parts) if parts else ("", None)
            is_vertical = id(cell) in vertical
            text = fix_digits(text)
            origin = f"page {number}, table {len(page.grids) + 1}, row {cell.row + 1}, column {cell.col + 1}"
            if conf is not None and conf < threshold and _numeric_like(text):
                page.low_confidence.append(f"{origin}: read {text!r} with confidence {conf:.2f} "
                                           f"(below {threshold:.2f}); left blank")
                text = ""
            elif _numeric_like(text) and len(_NUMBERS.findall(text)) > 1:
                # Two numbers in one cell: a ruling line between them was not found,
                # so which cell each belongs to is unknown (and "1 0" must never be 10).
                page.merged_numbers.append(f"{origin}: read {text!r}; left blank")
                text = ""
            rows[cell.row].append(RawCell(text, cell.end_row - cell.row, cell.end_col - cell.col,
                                          vertical=is_vertical, confidence=None if conf is None else round(conf, 4)))
        page.grids.append((table.bbox[1] * pt, RawGrid(rows, SpanInfo.KNOWN, f"page {number}, table {len(page.grids) + 1}")))

    for ln in _join_lines(ocr_lines):
        em = (ln.bottom - ln.top) / _EM_OF_BOX * pt
        page.lines.append(TextLine(ln.text, ln.x0 * pt, ln.top * pt, ln.x1 * pt, ln.bottom * pt, em))
        page.confidences.append(ln.confidence)
    return page


def _numeric_like(text: str) -> bool:
    """No Han character: the cell is (meant to be) a number, a dash or blank."""
    import regex

    return not regex.search(r"\p{Han}", text)


def _join_lines(pieces: list[OcrLine]) -> list[OcrLine]:
    """Detected boxes on one baseline (a line the detector cut in two) joined, top to bottom."""
    pieces = sorted(pieces, key=lambda p: (p.top, p.x0))
    lines: list[list[OcrLine]] = []
    for p in pieces:
        for line in lines:
            last = line[-1]
            overlap = min(p.bottom, last.bottom) - max(p.top, last.top)
            if overlap > 0.6 * min(p.bottom - p.top, last.bottom - last.top):
                line.append(p)
                break
        else:
            lines.append([p])
    out = []
    for line in lines:
        line.sort(key=lambda p: p.x0)
        text = ""
        for p in line:
            text = join_runs(text, p.text)
        out.append(OcrLine(text, min(p.confidence for p in line), min(p.x0 for p in line),
                           min(p.top for p in line), max(p.x1 for p in line), max(p.bottom for p in line)))
    return sorted(out, key=lambda ln: (ln.top, ln.x0))
