"""The recognition engine: rapidocr-onnxruntime, loaded once, lazily.

rapidocr-onnxruntime's wheel ships the PP-OCR detection, direction and
recognition models (ONNX), so nothing is downloaded at run time. Only two
of its stages are used here, each on arrays we prepare ourselves:
``detect`` (text boxes on a page) and ``recognise`` (text and confidence
of line crops).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...errors import MissingDependency

_ENGINE: Any = None

#: Detection on the page scaled to at most 1280 px (text lines of a report
#: stay well above the detector's resolution). Recognition batches are padded
#: to at least 160 px, not 320: a table is mostly one- to three-digit cells,
#: and padding each to 320 px doubles recognition time; padding to 48 px
#: (none) made single digits markedly less confident.
_SETTINGS: dict[str, Any] = {
    "det_limit_side_len": 1280,
    "det_limit_type": "max",
    "rec_img_shape": [3, 48, 160],
    "rec_batch_num": 16,
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


def detect(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Axis-aligned boxes (x0, top, x1, bottom) of the text lines on a BGR page image."""
    boxes, _ = engine().text_det(image)
    if boxes is None or len(boxes) == 0:
        return []
    out = []
    for quad in boxes:
        xs, ys = quad[:, 0], quad[:, 1]
        out.append((int(xs.min()), int(ys.min()), int(np.ceil(xs.max())), int(np.ceil(ys.max()))))
    return out


def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """(text, confidence in 0..1) for each BGR line crop."""
    if not crops:
        return []
    result, _ = engine().text_rec(crops)
    return [(str(r[0]), float(r[1])) for r in result]
