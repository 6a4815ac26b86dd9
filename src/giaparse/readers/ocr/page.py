"""One page image → text lines and grids, each text with its confidence.

Steps: ``clean`` (red channel: seal gone) → upright (quarter turns) and
straight (deskew) → ruled tables found (``grid``) and their lines wiped
from the image the recogniser sees → text boxes detected once on the page →
boxes inside a table are cut at the cell boundaries, each piece trimmed to
its ink and recognised (a cell of one column of characters restacked as
one line; a cell with ink but no box read from its ink); a cell's text is
its pieces in reading order, its confidence the lowest of theirs (a cell
with no ink: 1.0) → a number read below the threshold read again from
other crops → boxes outside tables become text lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np

from ...document import BoundingBox, Provenance, RawCell, RawGrid, SpanInfo
from ..pdf.tables import GridCell, PageTable, fill_holes
from ..pdf.text import TextLine, join_runs
from . import engine
from .digits import fix_digits
from .grid import find_tables
from .image import (
    clean,
    cv2_module,
    flatten_light,
    ink_mask,
    is_bilevel,
    is_sideways,
    mend_strokes,
    quarter_turn,
    red_channel,
    rotate,
    skew_angle,
    unwarp,
)

_NUMBERS = re.compile(r"[0-9０-９][0-9０-９.,，]*")
_PAD = 2          # px around a crop
_INK = 192        # grey level (after the levels stretch): darker is ink when trimming a crop
_MIN_INK = 12     # dark pixels: fewer in an undetected cell is a speck, not a character
_RULE = 6         # px either side of a row or column boundary where line pixels are wiped
_EM_OF_BOX = 1.45  # a detected box is this many times the type size high
_VERTICAL = 1.5   # a box this many times taller than wide is text set vertically ...
_VERTICAL_EMS = 1.25 # ... when it is also this many line heights tall (a lone "1" or "0" is tall and narrow too)
_COLUMN_EMS = 1.4    # ... and no wider than a line is high (one column of characters, not a wrapped label)
_DIGIT = re.compile(r"[0-9０-９]")
#: How a low-confidence note ends (``reread`` rewrites it when a re-reading fills the cell).
LEFT_BLANK = "left blank"


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
    unread: dict[BoundingBox, str] = field(default_factory=dict)  # the low-confidence cells' boxes: their message
    merged_numbers: list[str] = field(default_factory=list)  # cells holding several numbers
    image: np.ndarray | None = None  # grey, as the recogniser saw it (straightened, rulings wiped): for re-reads
    dpi: float = 0.0


def _crop(img: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    h, w = img.shape[:2]
    a, b = max(int(x0) - _PAD, 0), max(int(y0) - _PAD, 0)
    c, d = min(int(np.ceil(x1)) + _PAD, w), min(int(np.ceil(y1)) + _PAD, h)
    return np.ascontiguousarray(img[b:d, a:c])


def _tight(img: np.ndarray, box, rows_too: bool = False, min_ink: int = 1) -> np.ndarray | None:
    """The crop of ``box`` trimmed left and right to the ink in it (and top and bottom
    with ``rows_too``), a small white margin kept (None: no ink).

    A cut of a detected box at cell edges is as wide as the cell: a lone digit
    in the middle of a wide white crop is read with a confidence of 0.3-0.6
    (``0`` as ``。``, ``1`` as ``一``), the same digit cropped to its ink with 0.99.
    The detector's own top and bottom are kept: the light stem of a ``7`` at
    150 dpi is not ink to a strict threshold, and trimming to the bar left ``-``.
    """
    crop = _crop(img, *box)
    grey = crop[:, :, 0] if crop.ndim == 3 else crop
    ink = grey < _INK
    if int(ink.sum()) < min_ink:
        return None
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    m = max(3, int(round(0.15 * (rows[-1] - rows[0] + 1))))
    h, w = grey.shape
    top, bottom = (max(rows[0] - 2 * m, 0), min(rows[-1] + 2 * m + 1, h)) if rows_too else (0, h)
    return np.ascontiguousarray(crop[top:bottom, max(cols[0] - m, 0):min(cols[-1] + m + 1, w)])


def _pieces(box, table: PageTable, slots: dict[tuple[int, int], GridCell]
            ) -> list[tuple[GridCell, tuple[float, float, float, float]]]:
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


def _vertical_line(img: np.ndarray, box) -> tuple[np.ndarray, int]:
    """A tall narrow box (竖排 text, one character above the next) restacked as one line
    (and how many characters were set side by side).

    The characters are told apart by the blank rows between them (a
    character's own gaps, as in 二 or 公, are joined while the piece stays
    about as tall as the column is wide), then set side by side on white, so
    the recogniser reads the column as the horizontal line it expects.
    """
    crop = _crop(img, *box)
    grey = crop[:, :, 0] if crop.ndim == 3 else crop
    ink = grey < 128
    cols = np.flatnonzero(ink.any(axis=0))
    rows = ink.any(axis=1)
    if not len(cols) or not rows.any():
        return crop, 1
    size = max(int(cols[-1] - cols[0] + 1), 4)  # a character is about as tall as the column is wide
    runs: list[list[int]] = []
    for y in np.flatnonzero(rows):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = int(y)
        else:
            runs.append([int(y), int(y)])
    # Characters touching (blur, JPEG): a run several characters tall is cut evenly.
    split: list[list[int]] = []
    for a, b in runs:
        n = int(round((b - a + 1) / size))
        if n >= 2:
            step = (b - a + 1) / n
            split.extend([int(a + k * step), int(a + (k + 1) * step) - 1] for k in range(n))
        else:
            split.append([a, b])
    runs = split
    chars: list[list[int]] = []
    for a, b in runs:
        if chars and b - chars[-1][0] + 1 <= 1.15 * size:
            chars[-1][1] = b
        else:
            chars.append([a, b])
    # A speck joined to nothing (a stray dot) is not a character.
    chars = [c for c in chars if c[1] - c[0] + 1 >= 0.2 * size] or chars
    height = max(b - a + 1 for a, b in chars) + 2 * _PAD
    gap = max(2, size // 4)
    x0, x1 = int(cols[0]), int(cols[-1]) + 1
    out = np.full((height, len(chars) * (x1 - x0 + gap) + gap, 3), 255, np.uint8)
    x = gap
    for a, b in chars:
        piece = crop[a:b + 1, x0:x1]
        top = (height - piece.shape[0]) // 2
        out[top:top + piece.shape[0], x:x + piece.shape[1]] = piece if piece.ndim == 3 else piece[:, :, None]
        x += piece.shape[1] + gap
    return out, len(chars)


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


def _rulings(tb) -> np.ndarray:
    """The table's line pixels that lie on its row and column boundaries.

    A stroke joined to a ruling line (一 touching the frame after blur) is in
    the line mask too; wiping only near the grid's own lines keeps it.
    """
    mask = tb.mask > 0
    near = np.zeros_like(mask)
    h, w = mask.shape
    t = tb.table
    x0, x1 = max(int(t.bbox[0]) - _RULE, 0), min(int(t.bbox[2]) + _RULE + 1, w)
    y0, y1 = max(int(t.bbox[1]) - _RULE, 0), min(int(t.bbox[3]) + _RULE + 1, h)
    for y in t.ys:
        near[max(int(y) - _RULE, 0):int(y) + _RULE + 1, x0:x1] = True
    for x in t.xs:
        near[y0:y1, max(int(x) - _RULE, 0):int(x) + _RULE + 1] = True
    return mask & near


def _rereads(img: np.ndarray, crop: np.ndarray, box) -> list[np.ndarray]:
    """Other crops of one piece: trimmed top and bottom too, with a white margin, twice the size."""
    cv2 = cv2_module()
    out = []
    trimmed = _tight(img, box, rows_too=True)
    if trimmed is not None:
        out.append(trimmed)
    m = max(3, crop.shape[0] // 6)
    out.append(cv2.copyMakeBorder(crop, m, m, m, m, cv2.BORDER_CONSTANT, value=(255, 255, 255)))
    out.append(cv2.resize(crop, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC))
    return out


def _second_reading(results: list[tuple[str, float]], crops: list[np.ndarray], owners: list[tuple],
                    img: np.ndarray, threshold: float) -> list[tuple[str, float]]:
    """A number (or a label) read below ``threshold`` read again from other crops of the same ink.

    The recogniser is unsteady on a lone small digit (the same ``0`` at
    0.57 and 0.99 a pixel of margin apart). The reading is kept only when
    one of the re-reads gives the very same text at or above the threshold
    (its confidence is then that re-read's); a re-read that says something
    else, or is unsure too, leaves the cell as low confidence, so null. The
    bar for a number is not lowered: what is kept was read confidently.
    """
    todo = [k for k, (owner, (text, conf)) in enumerate(zip(owners, results, strict=False))
            if owner[0] == "cell" and conf < threshold and (not _numeric_like(text) or _DIGIT.search(text))]
    if not todo:
        return results
    extra: list[np.ndarray] = []
    spans: list[tuple[int, int, int]] = []
    for k in todo:
        more = _rereads(img, crops[k], owners[k][2])
        spans.append((k, len(extra), len(extra) + len(more)))
        extra.extend(more)
    again = engine.recognise(extra)
    out = list(results)
    for k, a, b in spans:
        text = results[k][0].strip()
        if not _numeric_like(text):
            # A label (fax strokes broken: 总计 read 总让 at 0.76): the most confident reading of its ink.
            best = max(again[a:b], key=lambda r: r[1], default=None)
            if best is not None and best[1] > results[k][1] and not _numeric_like(best[0]):
                out[k] = best
            continue
        agree = [q for t, q in again[a:b] if t.strip() == text and q >= threshold]
        if agree:
            out[k] = (results[k][0], max(agree))
    return out


def upright(red: np.ndarray) -> tuple[np.ndarray, bool]:
    """The page (red channel) turned upright (quarter turns), unwarped (a photo's keystone) and
    straightened (deskew); and whether it was unwarped.

    A sideways page is turned a quarter one way and its widest text boxes
    read both as they are and turned half round (the page turned the other
    way): the way the recogniser reads with more confidence wins. One
    detection, one recognition batch.
    """
    red = flatten_light(red)
    ink = ink_mask(red)
    if is_sideways(ink):
        cand = quarter_turn(red, 1)
        view = clean(cand)
        boxes = sorted(engine.detect(view), key=lambda b: b[2] - b[0], reverse=True)[:8]
        crops = [_crop(view, *b) for b in boxes]
        got = engine.recognise(crops + [np.ascontiguousarray(np.rot90(c, 2)) for c in crops])
        n = len(crops)
        one = float(np.mean([q for _, q in got[:n]])) if n else 0.0
        three = float(np.mean([q for _, q in got[n:]])) if n else 0.0
        red = cand if one >= three else quarter_turn(red, 3)
        ink = ink_mask(red)
    warped = unwarp(red, ink)  # a phone photo's keystone, by the table's outer rulings
    unwarped = warped is not red
    if unwarped:
        red, ink = warped, ink_mask(warped)
    angle, _ = skew_angle(ink)
    return rotate(red, angle), unwarped


def read_image(bgr: np.ndarray, number: int, dpi: float, threshold: float) -> OcrPage:
    """OCR one page image (BGR, ``dpi`` pixels per inch)."""
    red, unwarped = upright(red_channel(bgr))
    ink = ink_mask(red)
    grey = clean(red)
    if is_bilevel(grey):
        grey = mend_strokes(grey)  # a fax: broken hairlines joined
    tables = find_tables(ink, dpi)
    page_img = grey.copy()
    for t in tables:
        page_img[_rulings(t)] = 255  # the recogniser sees no ruling lines
    boxes = engine.detect(page_img)
    pt = 72.0 / dpi
    h, w = grey.shape[:2]
    page = OcrPage(number, w * pt, h * pt, image=np.ascontiguousarray(page_img[:, :, 0]), dpi=dpi)

    slot_maps = []
    for tb in tables:
        table = tb.table
        table.cells = fill_holes(table.cells, len(table.ys) - 1, len(table.xs) - 1)
        slot_maps.append({(r, c): cell for cell in table.cells
                          for r in range(cell.row, cell.end_row) for c in range(cell.col, cell.end_col)})

    # The height of a horizontal text box on this page: one line of type.
    flat = [b[3] - b[1] for b in boxes if b[2] - b[0] >= b[3] - b[1]]
    em = float(np.median(flat)) if flat else 0.0
    crops: list[np.ndarray] = []
    owners: list[tuple] = []  # ("cell", cell id, box) / ("vcell", cell id, box) / ("line", box)
    pieces: dict[int, list] = {}  # by id of the GridCell: its cuts of detected boxes
    for box in boxes:
        t = next((k for k, tb in enumerate(tables) if _in_table(box, tb.table)), None)
        if t is None:
            crops.append(_crop(page_img, *box))
            owners.append(("line", box))
            continue
        for cell, sub in _pieces(box, tables[t].table, slot_maps[t]):
            pieces.setdefault(id(cell), []).append(sub)
    blank: set[int] = set()  # cells with no ink at all
    for tb in tables:
        t = tb.table
        for cell in t.cells:
            if id(cell) in pieces:
                continue
            # No text box detected here: read the ink in the cell, if any (a faint
            # lone digit the detector missed would otherwise be a silent null).
            inner = (t.xs[cell.col] + _RULE, t.ys[cell.row] + _RULE,
                     t.xs[cell.end_col] - _RULE, t.ys[cell.end_row] - _RULE)
            if inner[2] - inner[0] < 4 or inner[3] - inner[1] < 4:
                blank.add(id(cell))
                continue
            crop = _tight(page_img, inner, rows_too=True, min_ink=_MIN_INK)
            if crop is None:
                blank.add(id(cell))
            else:
                crops.append(crop)
                owners.append(("cell", id(cell), inner))
    for key, subs in pieces.items():
        union = (min(b[0] for b in subs), min(b[1] for b in subs), max(b[2] for b in subs), max(b[3] for b in subs))
        uw, uh = union[2] - union[0], union[3] - union[1]
        if uh > _VERTICAL * uw and uh > _VERTICAL_EMS * em and uw <= _COLUMN_EMS * em:
            # One column of characters (竖排, or one character a line): restacked as one line.
            line, n = _vertical_line(page_img, union)
            crops.append(line)
            owners.append(("vcell", key, union, n))
            continue
        for sub in subs:
            crop = _tight(page_img, sub)
            if crop is not None:
                crops.append(crop)
                owners.append(("cell", key, sub))
    results = _second_reading(engine.recognise(crops), crops, owners, page_img, threshold)

    cell_parts: dict[int, list] = {}  # by id of the GridCell
    vertical: set[int] = set()
    ocr_lines: list[OcrLine] = []
    for owner, (text, conf) in zip(owners, results, strict=False):
        if owner[0] == "line":
            if text.strip():
                ocr_lines.append(OcrLine(text.strip(), conf, *owner[1]))
        elif owner[0] == "cell":
            _, key, sub = owner
            if text.strip():
                cell_parts.setdefault(key, []).append((sub, text, conf))
        else:
            _, key, sub, n = owner
            text = text.strip()
            if text and n > 1 and _numeric_like(text) and _DIGIT.search(text):
                # Digits stacked in one cell: two numbers whose row line was not found, never one.
                text = "\n".join(text)
            if text:
                cell_parts.setdefault(key, []).append((sub, text, conf))
                vertical.add(key)

    for tb in tables:
        table = tb.table
        n_rows = len(table.ys) - 1
        rows: list[list[RawCell]] = [[] for _ in range(n_rows)]
        for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
            parts = cell_parts.get(id(cell), [])
            # A cell without ink is certainly blank (confidence 1); one whose ink read as nothing is not.
            text, conf = _cell_text(parts) if parts else ("", 1.0 if id(cell) in blank else 0.0)
            is_vertical = id(cell) in vertical
            text = fix_digits(text)
            origin = f"page {number}, table {len(page.grids) + 1}, row {cell.row + 1}, column {cell.col + 1}"
            # Where: the cell's box in points on the page as straightened (turned upright, deskewed).
            cell_box = BoundingBox(float(table.xs[cell.col] * pt), float(table.ys[cell.row] * pt),
                              float(table.xs[cell.end_col] * pt), float(table.ys[cell.end_row] * pt))  # not numpy's
            if conf is not None and conf < threshold and _numeric_like(text):
                note = f"{origin}: read {text!r} with confidence {conf:.2f} (below {threshold:.2f}); {LEFT_BLANK}"
                page.low_confidence.append(note)
                page.unread[cell_box] = note
                text = ""
            elif _numeric_like(text) and len(_NUMBERS.findall(text)) > 1:
                # Two numbers in one cell: a ruling line between them was not found,
                # so which cell each belongs to is unknown (and "1 0" must never be 10).
                page.merged_numbers.append(f"{origin}: read {text!r}; left blank")
                text = ""
            confidence = None if conf is None else round(conf, 4)
            rows[cell.row].append(RawCell(text, cell.end_row - cell.row, cell.end_col - cell.col,
                                          vertical=is_vertical, confidence=confidence,
                                          source=Provenance(page=number, bbox=cell_box, confidence=confidence)))
        # Column boundaries in points, so that a table continued on the next scanned page is mapped by
        # position as a text PDF's is (template.continued). Not on a page unwarped from a photo: its
        # scale is the photo's, not the paper's, and pages photographed apart need not agree.
        edges = None if unwarped else tuple(float(x * pt) for x in table.xs)
        origin = f"page {number}, table {len(page.grids) + 1}"
        page.grids.append((table.bbox[1] * pt, RawGrid(rows, SpanInfo.KNOWN, origin,
                                                        col_edges=edges)))

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
