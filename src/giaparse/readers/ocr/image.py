"""Page images before recognition: seal suppressed, binarised, upright, straight.

``red_channel`` a red seal (公章) printed over the text vanishes in the red
              channel: red ink is as bright as paper there, black ink stays
              black. Lines and angles are found on it (``ink_mask``);
``clean``     the same, levels stretched, is what the recogniser sees.
``deskew``    the small rotation of a scanner (a degree or two) is found by
              projection profiles: the angle at which the rows of ink are
              sharpest (text lines and ruling lines both give peaks).
``sideways``  a page scanned a quarter-turn off (a landscape table fed in
              portrait): its characters join into vertical runs, not
              horizontal ones.
"""

from __future__ import annotations

import numpy as np

_MAX_SKEW = 3.0   # degrees searched either side
_STEP = 0.1       # degrees
_PROFILE_WIDTH = 700  # px: the downsampled width the angle search runs on


def cv2_module():  # imported lazily: OpenCV comes with the ocr extra (and camelot)
    import cv2

    return cv2


_BLACK, _WHITE = 60, 185  # grey levels stretched to 0 and 255
_SEAL_REDNESS = 40   # a pixel this much lighter in red than in green and blue is seal-coloured ...
_SEAL_RED = 140      # ... and seal over paper when also this light in red
_SEAL_MIN_PX = 500   # fewer seal pixels than this: no seal


def red_channel(bgr: np.ndarray) -> np.ndarray:
    """The red channel: red seal ink is (nearly) as light as paper in it, black stays black.

    Nearly: a seal printed over the page multiplies the red channel by ~0.85
    (paper 245 → ~210), enough for the local threshold of ``ink_mask`` to take
    the near-vertical arcs of its ring for column lines. Where the page is
    plainly red (much lighter in red than in green and blue: the seal, and
    grey ink under it, whose ratio to the paper the seal keeps), the red
    channel is divided by the seal's own factor (its red over the paper's),
    so the seal's edge vanishes and the lines under it keep their contrast;
    black ink under the seal is black in all channels and is left alone.
    """
    if bgr.ndim != 3:
        return bgr
    red = np.ascontiguousarray(bgr[:, :, 2])
    redness = red.astype(np.int16) - np.maximum(bgr[:, :, 0], bgr[:, :, 1])
    sealish = redness > _SEAL_REDNESS
    seal = sealish & (red > _SEAL_RED)
    if int(seal.sum()) < _SEAL_MIN_PX:
        return red
    paper = float(np.median(red[::4, ::4]))
    factor = min(1.0, float(np.median(red[seal])) / max(paper, 1.0))
    out = red.astype(np.float32)
    out[sealish] = np.minimum(out[sealish] / max(factor, 0.5), 255.0)
    return out.astype(np.uint8)


def clean(red: np.ndarray) -> np.ndarray:
    """The page for recognition: 3-channel grey, seal and scanner grey turned to paper.

    Seal ink is light but not white in the red channel, and scanner noise
    greys the paper; a levels stretch (≤ 60 → black, ≥ 185 → white) turns
    both into paper while text strokes stay dark, so the recogniser sees
    neither the faint seal nor the speckle.
    """
    red = red_channel(red).astype(np.float32)
    grey = np.clip((red - _BLACK) * (255.0 / (_WHITE - _BLACK)), 0, 255).astype(np.uint8)
    return np.dstack([grey, grey, grey])


def ink_mask(red: np.ndarray) -> np.ndarray:
    """255 where there is ink, by a local (adaptive) threshold on the unstretched red channel.

    Local, because a hairline ruling blurred by a 150 dpi scan and JPEG is
    only a little darker than the paper around it: a global threshold (or
    the levels stretch of ``clean``) loses it, and a lost line merges cells.
    """
    cv2 = cv2_module()
    g = red[:, :, 0] if red.ndim == 3 else red
    return cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def _profile_score(mask: np.ndarray, angle: float) -> float:
    cv2 = cv2_module()
    h, w = mask.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(mask, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = rotated.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def _small(mask: np.ndarray) -> np.ndarray:
    cv2 = cv2_module()
    h, w = mask.shape
    scale = min(1.0, _PROFILE_WIDTH / max(w, h))
    if scale < 1.0:
        mask = cv2.resize(mask, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    return mask


def skew_angle(mask: np.ndarray) -> tuple[float, float]:
    """(angle in degrees that straightens the page, sharpness at that angle)."""
    small = _small(mask)
    angles = np.arange(-_MAX_SKEW, _MAX_SKEW + _STEP / 2, _STEP)
    scores = [_profile_score(small, float(a)) for a in angles]
    best = int(np.argmax(scores))
    return float(angles[best]), float(scores[best])


def _runs(mask: np.ndarray, horizontal: bool) -> int:
    """Ink blobs that become long thin runs when characters are joined along one axis."""
    cv2 = cv2_module()
    h, w = mask.shape
    k = max(5, max(h, w) // 110)  # about half a character of body text
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1) if horizontal else (1, k))
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    long_side, short_side = (stats[1:, 2], stats[1:, 3]) if horizontal else (stats[1:, 3], stats[1:, 2])
    return int(((long_side >= 4 * short_side) & (short_side >= 4)).sum())


def is_sideways(mask: np.ndarray) -> bool:
    """True when the text runs top to bottom (the page turned a quarter).

    Characters joined sideways make long horizontal runs of upright text
    (a CJK line is a row of evenly spaced characters, so projection
    profiles cannot tell rows from columns; runs can: characters sit closer
    than lines). Ruling lines are too thin to count.
    """
    small = _small(mask)
    across, down = _runs(small, True), _runs(small, False)
    return down > 2 * across and down >= 5


def rotate(image: np.ndarray, angle: float) -> np.ndarray:
    """``image`` turned by ``angle`` degrees (counter-clockwise), corners filled white."""
    if abs(angle) < 1e-6:
        return image
    cv2 = cv2_module()
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    fill = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def quarter_turn(image: np.ndarray, turns: int) -> np.ndarray:
    """``image`` turned by ``turns`` × 90° clockwise."""
    return np.ascontiguousarray(np.rot90(image, k=-turns % 4))


_LIGHT_RANGE = 25     # grey levels: paper this uneven (p95 - p5 of its estimate) is flattened
_KEYSTONE_MIN = 0.004  # of the frame's size: corners closer than this to a rectangle's are left alone


def flatten_light(grey: np.ndarray) -> np.ndarray:
    """Uneven light (a phone photo's gradient and shadow) divided out: the paper made evenly white.

    The paper's brightness is estimated by a grey closing wider than a
    character (ink removed) and smoothed; the page is divided by it. Only a
    page whose estimate varies by more than ``_LIGHT_RANGE`` levels is
    changed, so a flatbed scan is read as it was.
    """
    cv2 = cv2_module()
    h, w = grey.shape[:2]
    small = cv2.resize(grey, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    k = max(15, max(small.shape) // 40) | 1
    paper = cv2.GaussianBlur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8)), (0, 0), k / 2)
    lo, hi = np.percentile(paper, [5, 95])
    if hi - lo <= _LIGHT_RANGE:
        return grey
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    out = grey.astype(np.float32) * (245.0 / np.maximum(paper, 30.0))
    return np.clip(out, 0, 255).astype(np.uint8)


def frame_quad(ink: np.ndarray) -> np.ndarray | None:
    """The four corners (tl, tr, br, bl; x, y) of the largest ruled table's outer frame, if it is a quadrilateral."""
    cv2 = cv2_module()
    h, w = ink.shape
    joined = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    best = max(contours, key=cv2.contourArea)
    if cv2.contourArea(best) < 0.08 * h * w:
        return None
    hull = cv2.convexHull(best)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(quad) != 4:
        return None
    pts = quad.reshape(4, 2).astype(np.float32)
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32)


def unwarp(image: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """``image`` with the perspective of a photo taken off-square removed, by the table's outer rulings.

    The frame's corners are mapped onto a rectangle (its mean width and
    height, its top-left kept) and the whole page goes through the same
    homography. A frame already rectangular (a scan; deskew handles a
    turn) leaves the page as it is.
    """
    quad = frame_quad(ink)
    if quad is None:
        return image
    cv2 = cv2_module()
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    rect = np.array([tl, tl + [width, 0], tl + [width, height], tl + [0, height]], np.float32)
    # A turned rectangle is left to deskew: only a frame that is not a rectangle (keystone) is unwarped.
    sides = np.array([np.linalg.norm(tr - tl), np.linalg.norm(br - bl),
                      np.linalg.norm(bl - tl), np.linalg.norm(br - tr)])
    diag = abs(np.linalg.norm(br - tl) - np.linalg.norm(tr - bl))
    if max(abs(sides[0] - sides[1]), abs(sides[2] - sides[3]), diag) < _KEYSTONE_MIN * max(width, height):
        return image
    m = cv2.getPerspectiveTransform(quad, rect)
    h, w = image.shape[:2]
    fill = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def is_bilevel(grey: np.ndarray) -> bool:
    """A black-and-white page (a fax, a 1-bit scan): almost no pixel is between ink and paper."""
    g = grey[::3, ::3]
    return float(((g > 40) & (g < 215)).mean()) < 0.003


def mend_strokes(grey: np.ndarray) -> np.ndarray:
    """A black-and-white page's strokes thickened by a pixel and softened, for the recogniser.

    A fax thresholds thin serif hairlines away in places: the two sides of a
    0 left as ``()``. Growing the ink by a pixel joins such breaks (a
    stroke at 300 dpi is 2-3 px wide, so counters stay open), and a slight
    blur gives the grey edges the recogniser was trained on.
    """
    cv2 = cv2_module()
    mended = cv2.erode(grey, np.ones((2, 2), np.uint8))
    return cv2.GaussianBlur(mended, (0, 0), 0.7)
