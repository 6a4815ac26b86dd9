"""Label matching: the comparison key of a label, and order-preserving
alignment of a run of header labels to a template's column list (which is
what makes truncated headers such as 结果 | 结果 | 其他 | 尚未 work)."""

from __future__ import annotations

from collections.abc import Sequence

from ..text.normalise import label_key
from ..text.numbering import strip_numbering
from .templates import LabelSpec


def key_of(label: str) -> str:
    """Label → the form patterns are written against (no number, no punctuation)."""
    return label_key(strip_numbering(label))


def first_match(specs: Sequence[LabelSpec], label: str, ancestors: tuple[str, ...] = ()) -> str | None:
    key = key_of(label)
    anc = tuple(key_of(a) for a in ancestors)
    for spec in specs:
        if spec.matches(key, anc):
            return spec.key
    return None


def _fits(found: str, labels: tuple[str, ...], exact: bool) -> bool:
    for label in labels:
        if found == label:
            return True
        if not exact and found and (label.startswith(found) or found.startswith(label)):
            return True
    return False


def align_in_order(found: Sequence[str], expected: Sequence[tuple[str, tuple[str, ...]]]) -> list[str | None]:
    """Assign each found label a key, never going back in the template's order.

    An exact label wins; otherwise a prefix (a truncated 结果 is 结果维持,
    the next 结果 is 结果纠正). Unknown labels get None.
    """
    out: list[str | None] = []
    pos = 0
    for label in found:
        key = key_of(label)
        hit = None
        for exact in (True, False):
            for j in range(pos, len(expected)):
                if _fits(key, expected[j][1], exact):
                    hit = j
                    break
            if hit is not None:
                break
        if hit is None:
            out.append(None)
        else:
            out.append(expected[hit][0])
            pos = hit + 1
    return out
