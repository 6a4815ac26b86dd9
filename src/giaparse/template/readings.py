"""The readings of one row whose cell boundaries were lost: every split of a
digit run, every placement of a flattened row's surviving cells, pruned by
the identities that lie inside the row. ``solve`` chooses among them.

Bounds: ``MAX_PIECE_CHARS`` caps the text of one run and ``MAX_CANDIDATES``
the readings of one row; past either, ``candidates`` returns None (the row
is given up, its cells null with a warning).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..values import normalise_value
from .identities import Identity

MAX_PIECE_CHARS = 48
MAX_CANDIDATES = 4000

Cell = tuple[str, str]          # (row, column)
Candidate = tuple[str | None, ...]  # one text (or None: an empty, dropped cell) per cell

# What one cell's text may look like, by kind. Digit runs have no separators,
# so these are what makes a split legal.
_CELL_FORMS = {
    "count": regex.compile(r"0|[1-9][0-9]*"),
    "change": regex.compile(r"0|(?:增|减|\+|-)[1-9][0-9]*"),
    "money": regex.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?(?:万元|元)?"),
}


@dataclass(frozen=True)
class RowText:
    """The text found for a run of cells (a table row, or table 4's one row).

    ``pieces`` are the texts in order; each holds one cell or several run
    together. ``separated`` says the source kept boundaries between pieces
    (spaces, pipes, one per line), so a piece may be exactly one cell and
    empty cells may have been dropped.
    """

    cells: tuple[Cell, ...]
    pieces: tuple[str, ...]
    separated: bool
    kinds: tuple[str, ...] = ()   # per cell: "count" (default), "change", "money"
    #: Each piece is exactly one cell (a token of a cell stream: one line, or one
    #: space-separated figure); never split, only placed. Cells with no piece were blank.
    whole: bool = False
    #: Layout evidence on where the pieces sit (``whole`` rows): ``len(pieces) + 1``
    #: entries ``(least, most)`` cells skipped before piece 0, between piece j-1 and
    #: j, and after the last; ``most`` None when unbounded. None: no evidence.
    gaps: tuple[tuple[int, int | None], ...] | None = None

    def kind(self, i: int) -> str:
        return self.kinds[i] if self.kinds else "count"


@lru_cache(maxsize=65536)
def _arith(text: str | None) -> float:
    """A candidate cell's number for the sums: an empty (dropped) cell is 0."""
    if text is None:
        return 0
    if text.isascii() and text.isdigit():
        return int(text)
    value = normalise_value(text).value
    return value if isinstance(value, (int, float)) else 0


# ------------------------------------------------------------- candidates --

class _TooMany(Exception):
    pass


def _splits(text: str, kinds: Sequence[str], check) -> Iterable[tuple[str, ...]]:
    """Every split of ``text`` into ``len(kinds)`` legal cell texts; ``check(i, parts)`` prunes."""
    n = len(kinds)
    out: list[tuple[str, ...]] = []

    def walk(pos: int, parts: list[str]) -> None:
        i = len(parts)
        if i == n:
            if pos == len(text):
                out.append(tuple(parts))
                if len(out) > MAX_CANDIDATES:
                    raise _TooMany
            return
        left = n - i - 1  # cells still to place after this one: each needs a character
        for end in range(pos + 1, len(text) - left + 1):
            part = text[pos:end]
            if not _CELL_FORMS[kinds[i]].fullmatch(part):
                continue
            parts.append(part)
            if check(i, parts):
                walk(end, parts)
            parts.pop()

    walk(0, [])
    return out


def _local_checker(row: RowText, identities: Sequence[Identity], length: int | None = None):
    """Identities whose cells all lie in ``row``, as a pruning test on a partial split.

    ``check(i, parts)`` (``parts`` = cells 0..i placed) fails when some local
    identity cannot hold: exactly, once all its cells are placed; else by
    bounds — an unplaced cell is at least 0 and at most what the digits left
    can spell (``length`` = the run's length, one character per unplaced cell).
    """
    n = len(row.cells)
    index = {c: i for i, c in enumerate(row.cells)}
    local: list[list[tuple[int, int]]] = []  # per identity: (sign, cell index)
    for ident in identities:
        if all(c in index for c in ident.cells):
            local.append([(1, index[(r, c)]) for _, r, c in ident.left]
                         + [(-1, index[(r, c)]) for _, r, c in ident.right])
    touching = [[k for k, terms in enumerate(local) if any(j <= i for _, j in terms)] for i in range(n)]

    def check(i: int, parts: Sequence[str | None]) -> bool:
        if not touching[i]:
            return True
        used = sum(len(p) for p in parts if p is not None)
        # The widest number an unplaced cell can still take (money cells may hold a decimal point).
        widest = (length - used - (n - i - 2)) if length is not None else None
        for k in touching[i]:
            lo = hi = 0.0
            for sign, j in local[k]:
                if j <= i:
                    v = _arith(parts[j])
                    lo, hi = lo + sign * v, hi + sign * v
                elif widest is None:
                    lo, hi = (lo, float("inf")) if sign > 0 else (-float("inf"), hi)
                else:
                    top = 10 ** max(widest, 0) - 1
                    lo, hi = (lo, hi + top) if sign > 0 else (lo - top, hi)
            if not lo - 1e-9 <= 0 <= hi + 1e-9:
                return False
        return True

    return check


def _sum_blocks(row: RowText, identities: Sequence[Identity]) -> list[int] | None:
    """The row as consecutive blocks "k cells, then their total" (table 3's row_total: six
    applicants then 总计; table 4: three groups of four results then 总计), from the local
    identities; None when they do not cut the row that way."""
    index = {c: i for i, c in enumerate(row.cells)}
    ends = {}
    for ident in identities:
        if not all(c in index for c in ident.cells) or len(ident.left) != 1:
            continue
        total = index[(ident.left[0][1], ident.left[0][2])]
        parts = sorted(index[(r, c)] for _, r, c in ident.right)
        if parts == list(range(total - len(parts), total)):
            ends[total] = len(parts)
    blocks, pos = [], 0
    while pos < len(row.cells):
        end = next((e for e, k in ends.items() if e - k == pos), None)
        if end is None:
            return None
        blocks.append(end - pos)  # number of parts before the total
        pos = end + 1
    return blocks


def _block_splits(text: str, blocks: Sequence[int]) -> list[tuple[str, ...]]:
    """Splits of a digit run into blocks of parts + their total, totals chosen first.

    Choosing each block's total first makes the parts cheap to find: they
    are non-negative and sum to it, so none is wider than the total, and
    the partial sum may never pass it.
    """
    form = _CELL_FORMS["count"]
    out: list[tuple[str, ...]] = []

    def parts(pos: int, end: int, k: int, left: int, width: int, acc: list[str], then) -> None:
        if k == 0:
            if pos == end and left == 0:
                then(acc)
            return
        room = end - pos
        if room < k or room > k * width:
            return
        for w in range(1, min(width, room - (k - 1)) + 1):
            piece = text[pos:pos + w]
            if not form.fullmatch(piece):
                continue
            v = int(piece)
            if v > left:
                break
            acc.append(piece)
            parts(pos + w, end, k - 1, left - v, width, acc, then)
            acc.pop()

    def block(b: int, pos: int, done: list[str]) -> None:
        if b == len(blocks):
            if pos == len(text):
                out.append(tuple(done))
                if len(out) > MAX_CANDIDATES:
                    raise _TooMany
            return
        k = blocks[b]
        rest = sum(blocks[b + 1:]) + len(blocks) - b - 1  # cells after this block, one character each
        for end in range(pos + k + 1, len(text) - rest + 1):
            for t in range(1, end - pos - k + 1):
                total = text[end - t:end]
                if not form.fullmatch(total):
                    continue
                parts(pos, end - t, k, int(total), t, [],
                      lambda acc, end=end, total=total: block(b + 1, end, done + acc + [total]))

    block(0, 0, [])
    return out


def _run_candidates(row: RowText, check) -> list[Candidate]:
    """Pieces cover consecutive cells, none dropped: distribute the cells, then split each piece."""
    n, pieces = len(row.cells), row.pieces
    kinds = [row.kind(i) for i in range(n)]
    if len(pieces) == 1:  # the usual digit run: prune while splitting
        return list(_splits(pieces[0], kinds, check))
    return _multi_piece(row, kinds, check)


def _multi_piece(row: RowText, kinds: list[str], check) -> list[Candidate]:
    n, pieces = len(row.cells), row.pieces
    out: list[Candidate] = []
    # How many cells each piece holds: compositions of n into len(pieces) parts.
    for cuts in itertools.combinations(range(1, n), len(pieces) - 1):
        bounds = (0, *cuts, n)
        per_piece = [_splits(piece, kinds[bounds[k]:bounds[k + 1]], lambda i, parts: True)
                     for k, piece in enumerate(pieces)]
        for combo in itertools.product(*per_piece):
            cand = tuple(x for p in combo for x in p)
            if all(check(i, cand[: i + 1]) for i in range(n)):
                out.append(cand)
                if len(out) > MAX_CANDIDATES:
                    raise _TooMany
    return out


def _fits_gaps(places: Sequence[int], n: int, gaps: Sequence[tuple[int, int | None]] | None) -> bool:
    """Whether cell indices ``places`` of the pieces leave the skips the layout evidence allows."""
    if gaps is None:
        return True
    edges = (-1, *places, n)
    for j, (least, most) in enumerate(gaps):
        skipped = edges[j + 1] - edges[j] - 1
        if skipped < least or (most is not None and skipped > most):
            return False
    return True


def _lost_candidates(row: RowText, check) -> list[Candidate]:
    """Each piece is one cell; the missing cells were empty and dropped."""
    n, pieces = len(row.cells), row.pieces
    out: list[Candidate] = []
    if len(pieces) > n:
        return out
    for places in itertools.combinations(range(n), len(pieces)):
        if not _fits_gaps(places, n, row.gaps):
            continue
        cand: list[str | None] = [None] * n
        ok = True
        for p, piece in zip(places, pieces, strict=False):
            if not _CELL_FORMS[row.kind(p)].fullmatch(piece):
                ok = False
                break
            cand[p] = piece
        if ok and all(check(i, cand[: i + 1]) for i in range(n)):
            out.append(tuple(cand))
            if len(out) > MAX_CANDIDATES:
                raise _TooMany
    return out


def candidates(row: RowText, identities: Sequence[Identity] = ()) -> list[Candidate] | None:
    """Every reading of ``row`` that its own identities allow; None past a bound."""
    if any(len(p) > MAX_PIECE_CHARS for p in row.pieces) or not row.pieces:
        return None
    try:
        if row.whole:  # one piece, one cell: only where each piece sits is unknown
            return _lost_candidates(row, _local_checker(row, identities))
        blocks = _sum_blocks(row, identities) if len(row.pieces) == 1 and not row.kinds else None
        if blocks is not None:
            out = _block_splits(row.pieces[0], blocks)
        else:
            run_check = _local_checker(row, identities, len(row.pieces[0]) if len(row.pieces) == 1 else None)
            out = _run_candidates(row, run_check) if len(row.pieces) <= len(row.cells) else []
        check = _local_checker(row, identities)
        if row.separated and len(row.pieces) > 1 or not out:
            # Separated pieces may equally be single cells with empty ones dropped.
            out = list(dict.fromkeys(out + _lost_candidates(row, check)))
    except _TooMany:
        return None
    return out
