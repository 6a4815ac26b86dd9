"""PDF characters → glyphs in a reading frame → lines (and cell text).

An engine gives one ``content.Char`` per drawn character. Chinese needs its own line
building: pdfplumber's word and text helpers put a space wherever two glyphs
stand further apart than ``x_tolerance``, which in justified CJK text, in
letter-spaced titles and in table cells happens all the time. Here a space
is written only between two Latin/digit characters with a visible gap.

Everything works in a *reading frame*: page coordinates (pdfplumber's,
origin top-left, /Rotate already applied by pdfminer) turned by a multiple
of 90° so that the text concerned reads left to right, top to bottom. The
page frame is the direction most characters run in (a landscape table
printed sideways on a portrait page reads like a normal page); inside a
table cell, rotated text (Word's textDirection) gets its own frame so that
商业企业 written bottom-to-top still comes out in order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, NamedTuple

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

# --------------------------------------------------------------- glyphs ---


class Glyph(NamedTuple):
    """A character in a frame: position, and the direction it runs in there.

    ``direction`` counts quarter turns clockwise from left-to-right (1: the
    text runs downwards, 3: upwards); -1 is a skewed glyph (a watermark).
    ``em`` is the glyph's size across its own line. (A tuple: pages have
    thousands of glyphs, and tuples are the cheapest to build.)
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    direction: int

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def em(self) -> float:
        size = self.x1 - self.x0 if self.direction in (1, 3) else self.bottom - self.top
        return max(size, 1.0)


def char_direction(matrix: Iterable[float]) -> int:
    """Quarter turns (0–3) of the writing direction in page space; -1 if skewed.

    The text matrix's first column is the advance vector in PDF space (y up);
    pdfplumber's space has y down, hence ``-b``.
    """
    a, b = list(matrix)[:2]
    if b == 0 and a > 0:
        return 0  # nearly every character: skip the trigonometry
    angle = math.degrees(math.atan2(-b, a)) % 360
    turns = round(angle / 90) % 4
    off = abs(angle - turns * 90)
    return turns if min(off, 360 - off) <= 10 else -1


def rotate_box(box: Box, turns: int, width: float = 0.0, height: float = 0.0) -> Box:
    """``box`` seen from a frame turned so that text running in ``turns`` reads left to right.

    ``width``/``height`` are the page's, to keep frame coordinates positive
    (0 when only the order of things matters).
    """
    x0, top, x1, bottom = box
    turns %= 4
    if turns == 1:
        return (top, width - x1, bottom, width - x0)
    if turns == 2:
        return (width - x1, height - bottom, width - x0, height - top)
    if turns == 3:
        return (height - bottom, x0, height - top, x1)
    return box


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CID = re.compile(r"\(cid:\d+\)")


def chars_to_glyphs(chars: Sequence[Any], frame: int, width: float, height: float) -> list[Glyph]:
    """Visible characters (``content.Char``) of a page as glyphs in the page
    frame (whitespace dropped: spaces are decided from the gaps, see ``line_text``)."""
    if frame == 0:  # nearly every page: a printable character is its own glyph (same fields)
        new = tuple.__new__
        texts = [ch.text for ch in chars]
        joined = "".join(texts)
        # Every text printable and not blank: no text empty, all of them printable, and no
        # space (U+0020 is the only printable character that ``str.strip`` removes).
        if "" not in texts and joined.isprintable() and " " not in joined:
            return [new(Glyph, ch) if ch.turns >= 0 else Glyph(*ch[:5], -1) for ch in chars]
    out = []
    for ch in chars:
        text = ch.text
        if not text.isprintable():
            text = _CONTROL.sub("", text)
        if not text.strip():
            continue
        turns = ch.turns
        if frame == 0:
            box = (ch.x0, ch.top, ch.x1, ch.bottom)
        else:
            box = rotate_box((ch.x0, ch.top, ch.x1, ch.bottom), frame, width, height)
        out.append(Glyph(text, *box, -1 if turns < 0 else (turns - frame) % 4))
    return out


def dominant_direction(chars: Sequence[Any]) -> int:
    """The direction most of a page's characters (``content.Char``) run in (0 unless clearly otherwise)."""
    if set(map(_turns, chars)) <= {0}:  # every character upright (or none): the counting below gives 0
        return 0
    counts = [0, 0, 0, 0]
    for ch in chars:
        if ch.turns >= 0 and ch.text.strip():
            counts[ch.turns] += 1
    best = max(range(4), key=counts.__getitem__)
    return best if counts[best] * 2 > sum(counts) else 0


def upright(glyphs: list[Glyph], turns: int) -> list[Glyph]:
    """The glyphs seen from a sub-frame where text running in ``turns`` is upright."""
    if turns <= 0:
        return glyphs
    return [Glyph(g.text, *rotate_box((g.x0, g.top, g.x1, g.bottom), turns),
                  direction=-1 if g.direction < 0 else (g.direction - turns) % 4) for g in glyphs]


# ---------------------------------------------------------------- lines ---

# Characters between which a gap means a space: Latin letters, digits, ASCII
# punctuation. Everything from U+2000 up (CJK, full-width forms, Chinese
# quotes and dashes) is set solid.
_SPACED_LIMIT = 0x2000
_GAP_FOR_SPACE = 0.2  # em, over the line's usual gap
_COLUMN_GAP = 2.0     # em: wider than this is a space even where all gaps are wide (columns)


def spaced(ch: str) -> bool:
    return bool(ch) and ord(ch) < _SPACED_LIMIT and not ch.isspace()


def join_runs(left: str, right: str) -> str:
    """Two pieces of running text: a space only between two Latin/digit runs."""
    if left and right and spaced(left[-1]) and spaced(right[0]):
        return f"{left} {right}"
    return left + right


@dataclass
class TextLine:
    """A line of glyphs in its frame, with the geometry paragraph building needs."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    em: float
    direction: int = 0


def glyphs_to_rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group upright glyphs into lines by vertical centre, each line left to right.

    A glyph joins the current line when its centre is within half an em of
    the line's first glyph; lines in a narrow cell with one character each
    (stacked vertical text) stay separate lines.
    """
    if len(glyphs) > 1 and len({(g.top, g.bottom, g.direction in (1, 3)) for g in glyphs}) == 1:
        g = glyphs[0]
        if (g.direction not in (1, 3) and math.isfinite(g.top) and math.isfinite(g.bottom)
                and math.isfinite(sum([g.x0 for g in glyphs]))):  # no NaN to sort by
            # All set on one baseline in one size (a cell's usual text): one row (every centre
            # is the first one's), left to right, ties in their given order as below.
            return [sorted(glyphs, key=_left)]
    rows: list[list[Glyph]] = []
    anchor = anchor_em = 0.0
    # Sorted by (centre, left), ties in their given order; the centre and the
    # em (``Glyph.em``) computed once per glyph.
    keyed = sorted([((g.top + g.bottom) / 2, g.x0, i) for i, g in enumerate(glyphs)])
    for cy, _x0, i in keyed:
        g = glyphs[i]
        em = max(g.x1 - g.x0 if g.direction in (1, 3) else g.bottom - g.top, 1.0)
        if rows and abs(cy - anchor) <= 0.5 * min(em, anchor_em):
            rows[-1].append(g)
        else:
            rows.append([g])
            anchor, anchor_em = cy, em
    for row in rows:
        if len(row) > 1:
            row.sort(key=_left)
    return rows


def _centre_then_left(g: Glyph) -> tuple[float, float]:
    return (g.top + g.bottom) / 2, g.x0


_left = attrgetter("x0")
_turns = attrgetter("turns")


def line_text(row: list[Glyph]) -> str:
    """The text of one line: overprinted duplicates (fake bold) dropped, a
    space only where two Latin/digit glyphs stand apart.

    "Apart" is measured against the usual gap between the line's Latin
    glyphs, so a number spread across a cell (distributed alignment) or a
    letter-spaced line stays one word: ``1 2 3`` drawn with wide tracking
    is ``123`` (unless the gaps are column-wide, over 2 em).
    """
    if len(row) == 1:
        return row[0].text
    kept: list[Glyph] = []
    prev = None
    for g in row:
        if prev is not None and g.text == prev.text and abs(g.x0 - prev.x0) < 0.3 * min(g.em, prev.em):
            continue
        kept.append(g)
        prev = g
    # Whether each glyph starts / ends with a character a gap can turn into a space (``spaced``).
    texts = [g.text for g in kept]
    starts = [ord(t[0]) < _SPACED_LIMIT and not t[0].isspace() for t in texts]
    if not any(starts):  # no pair of Latin/digit glyphs (a Chinese line): set solid
        return "".join(texts)
    ends = [ord(t[-1]) < _SPACED_LIMIT and not t[-1].isspace() for t in texts]
    pairs = [k for k in range(1, len(kept)) if ends[k - 1] and starts[k]]
    if not pairs:
        return "".join(texts)
    gaps = sorted(max(kept[k].x0 - kept[k - 1].x1, 0.0) for k in pairs)
    usual = gaps[(len(gaps) - 1) // 2]
    parts: list[str] = [kept[0].text]
    spaced_at = set(pairs)
    for k in range(1, len(kept)):
        b = kept[k]
        if k in spaced_at:
            a = kept[k - 1]
            gap, em = b.x0 - a.x1, min(a.em, b.em)
            if gap > usual + _GAP_FOR_SPACE * em or gap > _COLUMN_GAP * em:
                parts.append(" ")
        parts.append(b.text)
    return "".join(parts)


def glyphs_to_lines(glyphs: list[Glyph]) -> list[TextLine]:
    """Upright glyphs (direction 0 in their frame) → text lines, top to bottom."""
    lines = []
    for row in glyphs_to_rows(glyphs):
        ems = sorted([max(g.x1 - g.x0 if g.direction in (1, 3) else g.bottom - g.top, 1.0) for g in row])  # Glyph.em
        lines.append(TextLine(line_text(row), min([g.x0 for g in row]), min([g.top for g in row]),
                              max([g.x1 for g in row]), max([g.bottom for g in row]), ems[len(ems) // 2]))
    return lines


def cell_text(glyphs: list[Glyph]) -> tuple[str, bool]:
    """A table cell's text, lines joined with ``\\n``, and whether it is rotated.

    Rotated glyphs (Word's textDirection) are read in the frame of the
    direction most of them run in, so 商业企业 set bottom-to-top reads
    forwards; a stack of upright glyphs gives one line per character, which
    the core joins.
    """
    if not glyphs:
        return "", False
    if len(glyphs) == 1:  # one glyph: its text, in whichever direction it runs
        g = glyphs[0]
        return g.text, g.direction in (1, 3)
    for g in glyphs:
        if g.direction > 0:
            break
    else:  # every glyph upright (or skewed, which counts as upright): the cell's own frame
        return "\n".join([line_text(row) for row in glyphs_to_rows(glyphs)]), False
    counts = [0, 0, 0, 0]
    for g in glyphs:
        counts[max(g.direction, 0)] += 1
    turns = max(range(4), key=counts.__getitem__)
    rows = glyphs_to_rows(upright(glyphs, turns))
    return "\n".join(line_text(row) for row in rows), turns in (1, 3)


def unmapped(glyphs: list[Glyph]) -> bool:
    """True if some glyph has no Unicode: pdfminer's ``(cid:N)`` or U+FFFD (looked
    for in the texts joined by NUL: neither marker contains one, so a match
    never spans two glyphs)."""
    joined = "\x00".join([g.text for g in glyphs])
    return "(cid:" in joined or "\ufffd" in joined


def strip_cid(glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs without pdfminer's ``(cid:N)`` stand-ins (U+FFFD is kept: it
    shows the reader where something is missing)."""
    out = []
    for g in glyphs:
        text = _CID.sub("", g.text) if "(cid:" in g.text else g.text
        if text:
            out.append(g if text == g.text else g._replace(text=text))
    return out
