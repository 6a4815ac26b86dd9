"""Text lines → paragraphs; page furniture (page numbers, running heads).

Chinese reports set paragraphs with a two-character first-line indent and
justified lines, so a paragraph ends where the next line is indented, where
a line stops short of the right margin, at a numbered heading (一、（一）1.),
around centred title lines, at a change of type size, or at a gap clearly
wider than the usual line pitch. A line ending in 。！？：；ends one too,
except in indented text when it fills the line and the next line is flush
left: there the sentence merely ended at the margin.

The margins and pitches come from all pages of one width together, so that
a page holding one short line or only dense table text does not skew them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from ...document import RawGrid
from ...text.numbering import outline_level
from .text import TextLine, join_runs

_END_PUNCT = "。！？：；!?:;"
_CLOSERS = "”’」』）)》】\"' "
_INDENT = 1.5   # em: a first line indented by this much starts a paragraph
_SHORT = 2.5    # em: a line ending this far before the right margin ends its paragraph
_CENTRED = 1.5  # em: tolerance on a centred line's middle
_GAP = 1.35     # times the usual line pitch: a larger gap starts a paragraph
_TITLE_EM = 1.15  # times the body size: centred lines this big are a title


@dataclass
class Para:
    """A paragraph on one page, with what cross-page joining needs to know."""

    text: str
    em: float
    open_start: bool  # first line flush left, unnumbered: may continue the previous page
    open_end: bool    # last line runs to the margin without closing punctuation
    top: float = 0.0     # of the first line
    bottom: float = 0.0  # of the last line
    #: (x0, top, x1, bottom) round all its lines, in the page frame (provenance).
    box: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Margins:
    """The text block: where full lines start and end, and the usual line pitch per type size."""

    left: float
    right: float
    pitches: dict[int, float]  # by rounded em
    #: Paragraphs start with an indented line here, so a full line ending in 。
    #: followed by a flush line is one paragraph running on.
    indented: bool = False
    #: The body text's size: bigger centred lines are title lines.
    body_em: float = 0.0

    def pitch(self, em: float) -> float | None:
        return self.pitches.get(round(em))


def page_margins(lines: list[TextLine]) -> Margins:
    """Margins, line pitches and indentation style of a text block.

    ``lines`` are every upright line of the pages of one width, page after
    page: a page with one short line must not count it as a full line, and
    a page of dense table text (a table no ruling was found for) must not
    set the pitch of the body text.
    """
    if not lines:
        return Margins(0.0, 0.0, {})
    by_size: dict[int, list[float]] = {}
    for a, b in zip(lines, lines[1:], strict=False):
        if abs(a.em - b.em) < 0.15 * a.em and 0 < b.top - a.top < 3 * a.em:
            by_size.setdefault(round(a.em), []).append(b.top - a.top)
    left, right = _left_edge([ln.x0 for ln in lines]), _right_edge([ln.x1 for ln in lines])
    first_lines = sum(1 for ln in lines if _INDENT * ln.em <= ln.x0 - left <= 2.5 * ln.em
                      and ln.x1 >= right - ln.em)
    return Margins(left, right, {k: median(v) for k, v in by_size.items()}, first_lines >= 2,
                   body_size(lines))


def body_size(lines: list[TextLine]) -> float:
    """The type size most of the text is set in (by characters)."""
    weights: dict[float, int] = {}
    for ln in lines:
        weights[round(ln.em, 1)] = weights.get(round(ln.em, 1), 0) + len(ln.text)
    return max(weights, key=weights.__getitem__) if weights else 0.0


def _edge_counts(values: list[float]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for v in values:
        counts[round(v / 2)] = counts.get(round(v / 2), 0) + 1  # 2pt steps
    return counts


def _left_edge(starts: list[float]) -> float:
    """The leftmost place where at least two lines start: a lone hanging line
    does not move the margin, and a text of short indented paragraphs still
    has its continuation lines at the true margin."""
    shared = [k for k, n in _edge_counts(starts).items() if n >= 2]
    return 2.0 * min(shared) if shared else min(starts)


def _right_edge(ends: list[float]) -> float:
    """Where most full lines end (justified text ends them all at one place;
    hanging punctuation sticks out past it); with few lines, the rightmost
    end shared by two lines."""
    counts = _edge_counts(ends)
    best = max(counts, key=lambda k: (counts[k], k))
    if counts[best] >= 3:
        return 2.0 * best
    shared = [k for k, n in counts.items() if n >= 2]
    return 2.0 * max(shared) if shared else max(ends)


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _END_PUNCT


def _centred(line: TextLine, m: Margins) -> bool:
    middle = (m.left + m.right) / 2
    slack = min(line.x0 - m.left, m.right - line.x1)  # an indented full line is not centred
    return slack > _CENTRED * line.em and abs((line.x0 + line.x1) / 2 - middle) < _CENTRED * line.em


def _breaks(prev: TextLine, line: TextLine, m: Margins) -> bool:
    """True when ``line`` starts a new paragraph after ``prev``."""
    em = max(prev.em, line.em)
    if line.direction != prev.direction or abs(line.em - prev.em) > 0.15 * em:
        return True
    full = prev.x1 >= m.right - em  # prev runs to the right margin
    flush = line.x0 - m.left < 0.5 * em
    if outline_level(line.text) is not None:
        return True
    if ends_sentence(prev.text) and not (m.indented and full and flush):
        return True
    if _centred(line, m) or _centred(prev, m):
        # A title set over several centred lines stays one paragraph: its
        # first line filled the width, or both are in title type (organ on
        # one line, 年度报告 on the next). Centred lines in body type (a
        # signature over its date) stay apart.
        wrapped = prev.x1 - prev.x0 >= 0.7 * (m.right - m.left)
        title = _centred(prev, m) and line.em >= _TITLE_EM * m.body_em
        return not (_centred(line, m) and (wrapped or title))
    if line.x0 - m.left >= _INDENT * em and line.x0 - prev.x0 >= _INDENT * em:
        return True
    if prev.x1 < m.right - _SHORT * em:
        return True
    pitch = line.top - prev.top
    usual = m.pitch(prev.em) or 1.5 * em
    return pitch > _GAP * usual and pitch - usual > 0.3 * em


def lines_to_paragraphs(lines: list[TextLine], m: Margins) -> list[Para]:
    """Join consecutive lines into paragraphs (see ``_breaks`` for where one ends)."""
    groups: list[list[TextLine]] = []
    for line in lines:
        if groups and not _breaks(groups[-1][-1], line, m):
            groups[-1].append(line)
        else:
            groups.append([line])
    out = []
    for group in groups:
        text = ""
        for line in group:
            text = join_runs(text, line.text)
        first, last = group[0], group[-1]
        open_start = (first.direction == 0 and first.x0 - m.left < first.em
                      and outline_level(first.text) is None and not _centred(first, m))
        open_end = last.direction == 0 and (
            (last.x1 >= m.right - _SHORT * last.em and not ends_sentence(last.text))
            or (m.indented and last.x1 >= m.right - last.em))  # see _breaks: a full line runs on
        box = (min(ln.x0 for ln in group), min(ln.top for ln in group),
               max(ln.x1 for ln in group), max(ln.bottom for ln in group))
        out.append(Para(text, first.em, open_start, open_end, first.top, last.bottom, box))
    return out


# ---------------------------------------------------------- page chrome ---

_DIGITS = re.compile(r"[0-9０-９]+")


def chrome_key(text: str) -> str:
    """Running headers differ only in their numbers from page to page."""
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def lines_and_grids_to_blocks(lines: list[TextLine], grids: list[tuple[float, RawGrid]],
                              margins: Margins) -> list[Para | RawGrid]:
    """One page's paragraphs and grids top to bottom (``grids`` as ``(top, grid)``):
    a table ends the paragraph above it. Shared by the PDF and OCR readers."""
    out: list = []
    run: list[TextLine] = []
    ordered = iter(sorted(grids, key=lambda tg: tg[0]))
    pending = next(ordered, None)
    for line in [*lines, None]:
        while pending is not None and (line is None or pending[0] <= line.top):
            out.extend(lines_to_paragraphs(run, margins))
            run = []
            out.append(pending[1])
            pending = next(ordered, None)
        if line is not None:
            run.append(line)
    out.extend(lines_to_paragraphs(run, margins))
    return out
