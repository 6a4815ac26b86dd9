"""The recognition engine: rapidocr-onnxruntime, loaded once, lazily.

rapidocr-onnxruntime's wheel ships the PP-OCR detection, direction and
recognition models (ONNX), so nothing is downloaded at run time. Only two
of its stages are used here, each on arrays we prepare ourselves:
``detect`` (text boxes on a page) and ``recognise`` (text and confidence
of line crops).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ...errors import MissingDependency

if TYPE_CHECKING:  # numpy comes with the ocr extra; ``available()`` must answer without it
    import numpy as np

_ENGINE: Any = None

#: Recognition batches are padded to at least 160 px, not 320: a table is
#: mostly one- to three-digit cells, and padding each to 320 px doubles
#: recognition time; padding to 48 px (none) made single digits markedly less
#: confident. Batches of 4, not 16: a batch is padded to its widest crop, and
#: small batches of crops sorted by width waste less (the same texts, 18%
#: less time on a table page; 64 took four times as long).
#: Pages are detected at most this many pixels on their long side (see ``detect``).
DETECT_MAX_SIDE = 1280

_SETTINGS: dict[str, Any] = {
    "det_limit_side_len": 1280,
    "det_limit_type": "max",
    "rec_img_shape": [3, 48, 160],
    "rec_batch_num": 4,
}


def engine() -> Any:
    """The shared ``RapidOCR`` instance (raises ``MissingDependency`` without the extra)."""
    global _ENGINE
    if _ENGINE is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise MissingDependency("reading scanned pages (OCR)", "ocr", "rapidocr-onnxruntime") from None
        _ENGINE = RapidOCR(**_SETTINGS)
    return _ENGINE


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def detect(image: np.ndarray, max_side: int = DETECT_MAX_SIDE) -> list[tuple[int, int, int, int]]:
    """Axis-aligned boxes (x0, top, x1, bottom) of the text lines on a BGR page image.

    The page is scaled down to ``max_side`` here: rapidocr's detector picks its
    own working size from the image's (a 2339 px page ran at 2000 px whatever
    ``det_limit_side_len`` said), which made detection 2.4 times the work.
    """
    h, w = image.shape[:2]
    scale = min(1.0, max_side / max(h, w))
    if scale < 1.0:
        import cv2

        image = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    boxes, _ = engine().text_det(image)
    if boxes is None or len(boxes) == 0:
        return []
    out = []
    for quad in boxes:
        xs, ys = quad[:, 0] / scale, quad[:, 1] / scale
        out.append((int(xs.min()), int(ys.min()), int(math.ceil(xs.max())), int(math.ceil(ys.max()))))
    return out


def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """(text, confidence in 0..1) for each BGR line crop."""
    if not crops:
        return []
    result, _ = engine().text_rec(crops)
    return [(str(r[0]), float(r[1])) for r in result]
