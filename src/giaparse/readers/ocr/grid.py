"""Ruling lines on a page image → tables as cell boxes with spans.

The same steps as a ruled PDF table, from pixels instead of drawing
operators: a horizontal and a vertical line mask (morphological opening
with long thin kernels keeps only long strokes, so text is left out); each
connected group of lines holding at least two of each is a table; its
cells are the white regions the lines enclose (a missing inner line = a
merged cell, so spans come for free); each cell edge is snapped to the
nearest ruling line and the boxes go through ``pdf.tables.cells_to_grid``,
the function the ruled-PDF path uses, to get row and column boundaries and
spans.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..pdf.tables import PageTable, cells_to_grid, cluster
from .image import cv2_module

_H_INCH = 0.205  # inch: shortest horizontal line kept (41 px at 200 dpi, w/40 of an A4 portrait page)
_V_INCH = 0.167  # inch: shortest vertical line kept (33 px at 200 dpi, h/70 of an A4 portrait page)
_H_KERNEL = 40   # without a resolution: fraction of the image width ...
_V_KERNEL = 70   # ... and height
_MIN_CELL = 8    # px: smaller white regions are line noise, not cells
_SNAP = 12       # px: a cell edge this close to a ruling line sits on it
_GAP = 3         # px: drop-outs shorter than this along a horizontal ruling line are closed


@dataclass
class ImageTable:
    """A table found on an image: its boundaries (px) and cells (grid indices)."""

    table: PageTable
    mask: np.ndarray  # the ruling lines of this table (255), page-sized


def line_masks(ink: np.ndarray, dpi: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal, vertical) ruling-line masks of an ink mask.

    The shortest line kept is a length on paper when the resolution is known
    (``dpi``): by the page's width and height, a landscape page (height the
    short side) kept the strokes of bold header text as column lines (h/70 =
    23 px at 200 dpi), and a small image its title's strokes as rows.
    """
    cv2 = cv2_module()
    h, w = ink.shape
    if dpi:
        hlen, vlen = int(round(_H_INCH * dpi)), int(round(_V_INCH * dpi))
    else:
        hlen, vlen = w // _H_KERNEL, h // _V_KERNEL
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(hlen, 15), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(vlen, 15)))
    # A horizontal hairline at 150 dpi after JPEG is one pixel thick with one- and
    # two-pixel drop-outs: closed along its length first, or the opening keeps none
    # of it. Not wider: characters stand 3-6 px apart and their strokes would join
    # into lines; not for vertical lines: stacked characters (one a line) would.
    horiz = cv2.morphologyEx(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, _GAP), np.uint8)), cv2.MORPH_OPEN, hk)
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk)
    # Close small gaps (noise, JPEG) along each line, and let lines meet at corners.
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horiz, vert


def _positions(mask: np.ndarray, axis: int, x0: int, y0: int, x1: int, y1: int) -> list[float]:
    """Centres of the ruling lines of one direction inside a box (axis 0: rows of horizontal lines)."""
    cv2 = cv2_module()
    sub = mask[y0:y1, x0:x1]
    n, _, stats, centroids = cv2.connectedComponentsWithStats(sub, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if axis == 0 and w >= 20:
            out.append(y0 + y + h / 2)
        elif axis == 1 and h >= 20:
            out.append(x0 + x + w / 2)
    return cluster(out, tolerance=_SNAP / 2)


def _snap(v: float, lines: list[float]) -> float:
    if not lines:
        return v
    best = min(lines, key=lambda p: abs(p - v))
    return best if abs(best - v) <= _SNAP else v


def find_tables(ink: np.ndarray, dpi: float | None = None) -> list[ImageTable]:
    """The ruled tables on a page (top to bottom), cells with spans in pixel boundaries."""
    cv2 = cv2_module()
    horiz, vert = line_masks(ink, dpi)
    lines = cv2.bitwise_or(horiz, vert)
    h, w = ink.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < w // 6 or bh < 30:
            continue
        x0, y0, x1, y1 = x, y, x + bw, y + bh
        region = np.where(labels[y0:y1, x0:x1] == i, 255, 0).astype(np.uint8)
        table_mask = np.zeros_like(lines)
        table_mask[y0:y1, x0:x1] = region
        rows = _positions(cv2.bitwise_and(horiz, table_mask), 0, x0, y0, x1, y1)
        cols = _positions(cv2.bitwise_and(vert, table_mask), 1, x0, y0, x1, y1)
        if len(rows) < 2 or len(cols) < 3:
            continue
        boxes = _cell_boxes(region, x0, y0, rows, cols)
        if not boxes:
            continue
        table = cells_to_grid(boxes)
        if table.cells and len(table.xs) > 2 and len(table.ys) > 1:
            out.append(ImageTable(table, table_mask))
    return sorted(out, key=lambda t: t.table.bbox[1])


def _cell_boxes(region: np.ndarray, x0: int, y0: int, rows: list[float], cols: list[float]
                ) -> list[tuple[float, float, float, float]]:
    """The white regions enclosed by the table's lines, edges snapped to the lines."""
    cv2 = cv2_module()
    holes = cv2.bitwise_not(region)
    n, _, stats, _ = cv2.connectedComponentsWithStats(holes, connectivity=4)
    rh, rw = region.shape
    boxes = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < _MIN_CELL or bh < _MIN_CELL:
            continue
        if x == 0 or y == 0 or x + bw >= rw or y + bh >= rh:
            continue  # outside the table's outer frame
        box = (_snap(x0 + x - 1, cols), _snap(y0 + y - 1, rows), _snap(x0 + x + bw, cols), _snap(y0 + y + bh, rows))
        if box[2] > box[0] and box[3] > box[1]:
            boxes.append(box)
    return boxes
