"""Label matching: the comparison key of a label, and order-preserving
alignment of a run of header labels to a template's column list (which is
what makes truncated headers such as 结果 | 结果 | 其他 | 尚未 work)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import regex

from ..text.normalise import fold_radicals, label_key
from ..text.numbering import outline_level, strip_numbering
from .templates import LabelSpec


@lru_cache(maxsize=65536)
def key_of(label: str) -> str:
    """Label → the form patterns are written against (no number, no punctuation).

    Remembered: one document asks for the same labels many times (rows are
    resolved, fragments joined and columns matched by the same keys), and
    reports share the template's labels. Radicals are folded first: a browser
    print's （⼀） is numbered （一）."""
    return label_key(strip_numbering(fold_radicals(label)))


#: first_match's answers for tuples of specs (the templates' own, and the few built from them), by
#: the tuple's id. Each answer holds its tuple, so no other tuple can take that id while it is here.
_FIRST: dict[tuple[int, str, tuple[str, ...]], tuple[tuple[LabelSpec, ...], str | None]] = {}
_FIRST_MAX = 100_000


def first_match(specs: Sequence[LabelSpec], label: str, ancestors: tuple[str, ...] = ()) -> str | None:
    """The key of the first spec whose pattern (and parent pattern) the label (and an ancestor) matches.

    Remembered per tuple of specs: a document asks the same labels of the same template rows
    again for every segment, fragment and stream."""
    if isinstance(specs, tuple) and type(ancestors) is tuple:
        memo = (id(specs), label, ancestors)
        hit = _FIRST.get(memo)
        if hit is not None and hit[0] is specs:
            return hit[1]
        found = _first_match(specs, label, ancestors)
        if len(_FIRST) >= _FIRST_MAX:
            _FIRST.clear()
        _FIRST[memo] = (specs, found)
        return found
    return _first_match(specs, label, ancestors)


def _first_match(specs: Sequence[LabelSpec], label: str, ancestors: tuple[str, ...]) -> str | None:
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


@dataclass(frozen=True)
class FuzzyColumn:
    """A header taken as its template column by ``align_in_order``'s tolerant comparison."""

    index: int      # in the found labels
    label: str      # as read
    key: str        # the template column
    canonical: str  # the template's wording of it
    score: float
    margin: float   # its lead over the nearest other template column


def align_in_order(found: Sequence[str], expected: Sequence[tuple[str, tuple[str, ...]]],
                   fuzzy: list[FuzzyColumn] | None = None) -> list[str | None]:
    """Assign each found label a key, never going back in the template's order.

    An exact label wins; otherwise a prefix (a truncated 结果 is 结果维持,
    the next 结果 is 结果纠正). Then a label still unknown that stands alone
    between two matched neighbours (or a matched neighbour and the table's
    edge) with exactly one template column left between them is compared
    with the template's wording (``_between``): taken as that column only
    when nearest to it, by ``FUZZY_MIN_SCORE`` and a ``FUZZY_MIN_MARGIN`` lead
    over every other column — a fax's 白然人 is 自然人, an OCR'd 社众公益组织
    is 社会公益组织. Each such column is appended to ``fuzzy`` (for a warning).
    Unknown labels get None.
    """
    out = _align_exact(found, expected)
    for hit in _between(found, expected, out):
        out[hit.index] = hit.key
        if fuzzy is not None:
            fuzzy.append(hit)
    return out


def _between(found: Sequence[str], expected: Sequence[tuple[str, tuple[str, ...]]],
             out: Sequence[str | None]) -> list[FuzzyColumn]:
    """Unknown labels alone in a one-column gap of the alignment, clearly nearest that column."""
    keys = [k for k, _ in expected]
    anchors = [(-1, -1)] + [(i, keys.index(k)) for i, k in enumerate(out) if k is not None] \
        + [(len(found), len(expected))]
    if len(anchors) == 2:
        return []  # nothing matched: no neighbour to stand between
    hits = []
    for (ia, ja), (ib, jb) in zip(anchors, anchors[1:], strict=False):
        if ib - ia != 2 or jb - ja != 2:
            continue
        i, j = ia + 1, ja + 1
        key = key_of(found[i])
        if not key:
            continue
        scores = [max((similarity(key, key_of(c)) for c in labels), default=0.0) for _, labels in expected]
        other = max((s for n, s in enumerate(scores) if n != j), default=0.0)
        if scores[j] >= FUZZY_MIN_SCORE and scores[j] - other >= FUZZY_MIN_MARGIN:
            hits.append(FuzzyColumn(i, found[i], keys[j], expected[j][1][0], scores[j], scores[j] - other))
    return hits


def _align_exact(found: Sequence[str], expected: Sequence[tuple[str, tuple[str, ...]]]) -> list[str | None]:
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


# ------------------------------------------------------- tolerant comparison --
#
# difflib (stdlib) rather than regex's fuzzy matching: the decision needs a
# graded score for *every* template row, to see that one row is clearly nearer
# than the second nearest; regex's (?e) answers "within k edits of this one
# pattern", one pattern at a time.

#: A deviating label is taken only this close to a template row...
FUZZY_MIN_SCORE = 0.6
#: ...and this much closer to it than to any other row.
FUZZY_MIN_MARGIN = 0.15
#: A bracketed token of one to three characters opening a label whose number was not recognised.
_GARBLED_NUMBER = regex.compile(r"^\s*[（(][^（）()]{1,3}[）)]")


def similarity(a: str, b: str) -> float:
    """0–1: how much of two label keys is the same text in the same order."""
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass(frozen=True)
class Nearest:
    key: str | None
    score: float
    margin: float

    @property
    def clear(self) -> bool:
        return self.key is not None and self.score >= FUZZY_MIN_SCORE and self.margin >= FUZZY_MIN_MARGIN


def nearest_row(label: str, candidates: Mapping[str, Sequence[str]]) -> Nearest:
    """The template row whose wording ``label`` is nearest, with its lead over the second.

    ``candidates`` maps row keys to the template's labels for them, numbered as
    printed. The outline level is structure, not wording: a label numbered
    （六） is not compared with rows numbered 3. (its number may be a typo,
    its level is not).
    """
    level = outline_level(label)
    # An outline number OCR garbled (（七） read （t）, （一） read （一-）) is no number: compared without it.
    key = key_of(_GARBLED_NUMBER.sub("", label)) if level is None else key_of(label)
    scores: list[tuple[float, str]] = []
    for row, labels in candidates.items():
        best = 0.0
        for canonical in labels:
            lv = outline_level(canonical)
            if level is not None and lv is not None and lv != level:
                continue
            best = max(best, similarity(key, key_of(canonical)))
        scores.append((best, row))
    scores.sort(key=lambda t: -t[0])
    if not scores or scores[0][0] == 0.0:
        return Nearest(None, 0.0, 0.0)
    second = scores[1][0] if len(scores) > 1 else 0.0
    return Nearest(scores[0][1], scores[0][0], scores[0][0] - second)


# ------------------------------------------------- wrapped and clipped labels --
#
# Two deviations the tolerant comparison above scores too low, or where a label
# has no neighbours to agree with (a cell stream): a label wrapped over two
# lines with the row's figures between the halves (5.要求行政机关确认或重新出 /
# 1 0 0 … / 具已获取信息), and a label with characters dropped by the PDF's
# text layer (2.其他法律行政止公开, 二、上年结政府信息公开申请数量). Both are
# told by the characters that remain, never by a score: the label must be the
# start of exactly one template row's wording, or that wording with a few
# characters left out and the rest in order — of no other row.

#: A wrapped label's first line names its row only this long (key characters)...
MIN_PREFIX_CHARS = 8
#: ...and a clipped label has lost at most this many characters, and this share of its row's wording.
MAX_DROPPED_CHARS = 3
MAX_DROPPED_SHARE = 0.25


_LEAD_GLYPH = regex.compile(r"^\S[\s\u3000]+(\S.*)$")


def _in_order(short: str, long: str) -> bool:
    """Every character of ``short`` appears in ``long`` in the same order."""
    it = iter(long)
    return all(ch in it for ch in short)


def _fits_wording(key: str, canonical: str) -> str | None:
    if len(key) >= MIN_PREFIX_CHARS and canonical.startswith(key) and key != canonical:
        return "the start of"
    dropped = len(canonical) - len(key)
    if 0 < dropped <= MAX_DROPPED_CHARS and dropped <= MAX_DROPPED_SHARE * len(canonical) and _in_order(key, canonical):
        return f"with {dropped} character(s) missing,"
    return None


def tolerant_key(label: str, wording: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
    """``(row key, how)`` when ``label`` is the start of exactly one row's wording (a wrapped label)
    or that wording with up to ``MAX_DROPPED_CHARS`` characters missing (a clipped one), and no
    other row's wording fits it either way; else None. Outline levels must agree (as ``nearest_row``)."""
    bare = _LEAD_GLYPH.match(label)
    if bare is not None and outline_level(bare.group(1)) is not None:
        label = bare.group(1)  # a vertical group label's character printed on the row's line: 三 2.其他…
    key = key_of(label)
    if len(key) < 6:
        return None
    level = outline_level(label)
    hits: dict[str, str] = {}
    for row, labels in wording.items():
        for canonical in labels:
            lv = outline_level(canonical)
            if level is not None and lv is not None and lv != level:
                continue
            how = _fits_wording(key, key_of(canonical))
            if how is not None:
                hits.setdefault(row, f"{how} {canonical!r}")
    if len(hits) != 1:
        return None
    return next(iter(hits.items()))
