"""Cells whose boundaries were lost, recovered by the report's own arithmetic.

Two kinds of damage, one search:

* **digit runs** — ``5620000058`` for seven cells: the boundaries are gone
  but no cell is; every split of the run into the row's cells is a
  candidate (numbers have no leading zeros except a lone 0; a 增/减/+/- sign
  starts a change cell; only the money cell has a decimal point);
* **lost cells** — ``2, 0, 0, 2`` for seven columns: the boundaries are
  there but the flattener dropped the empty cells; every order-preserving
  placement of the survivors is a candidate, the dropped cells being empty
  (blank, so 0 in a sum: a flattener drops a cell only when it has no text).

Soundness: the true row is always among its candidates, so a cell that has
the same text in *every* candidate that the arithmetic allows is the
report's own cell; any other cell is left null with a warning that names
the candidates. Never a guess.

The arithmetic is ``identities`` — the single definition ``checks`` uses
too. Only rules the report keeps are used: a rule family with an instance
that is fully known and fails is dropped, and when no joint solution fits
all families, the largest subset of families that admits one is used.

Bounds (why a fully flattened report converts in milliseconds):
``MAX_PIECE_CHARS`` caps the text of one run; ``MAX_CANDIDATES`` caps the
candidates of one row (identities local to the row — row_total, a table-4
group total — prune *while* splitting, as soon as their last cell is
placed); the joint search first filters every row's candidates by interval
bounds on every identity (to a fixpoint, ``MAX_FILTER_ROUNDS``), then
backtracks over what is left, stopping after ``MAX_NODES`` nodes. Past a
bound the row is given up: consensus over its own candidates only, the rest
null with a warning.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from ..diagnostics import ParseWarning, WarningCode
from ..values import CellValue, normalise_value
from .identities import Identity

MAX_PIECE_CHARS = 48
MAX_CANDIDATES = 4000
MAX_FILTER_ROUNDS = 12
MAX_NODES = 20_000
MAX_SUMS = 4000          # reachable sums kept per identity in the consistency pass
_SHOWN_CANDIDATES = 4

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

    def kind(self, i: int) -> str:
        return self.kinds[i] if self.kinds else "count"


@dataclass
class Solved:
    """The outcome for one table: a value per cell, and the warnings."""

    cells: dict[Cell, CellValue] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)
    split_rows: list[str] = field(default_factory=list)   # rows whose cells arithmetic placed


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


def _lost_candidates(row: RowText, check) -> list[Candidate]:
    """Each piece is one cell; the missing cells were empty and dropped."""
    n, pieces = len(row.cells), row.pieces
    out: list[Candidate] = []
    if len(pieces) > n:
        return out
    for places in itertools.combinations(range(n), len(pieces)):
        cand: list[str | None] = [None] * n
        ok = True
        for p, piece in zip(places, pieces):
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


# ----------------------------------------------------------- joint search --

class _Budget(Exception):
    pass


class _Search:
    """Rows × candidates under identities spanning rows.

    First interval filtering (a candidate goes when no values within the
    other rows' bounds can fit an identity), then *support*: a candidate
    stays only if some full joint solution uses it. One solution supports a
    candidate in every row at once, so this costs a search per unsupported
    candidate rather than an enumeration of all solutions (which grows
    exponentially with independently ambiguous rows). ``MAX_NODES`` bounds
    the backtracking; past it, unrefuted candidates are kept (sound: more
    candidates only means more nulls).
    """

    def __init__(self, rows: list[RowText], domains: list[list[Candidate]], identities: Sequence[Identity],
                 known: Mapping[Cell, float]) -> None:
        self.rows, self.domains = rows, domains
        where: dict[Cell, tuple[int, int]] = {c: (r, i) for r, row in enumerate(rows) for i, c in enumerate(row.cells)}
        # Each identity as (constant, [(sign, row, cell index)]): sum of signed terms + constant == 0.
        self.idents: list[tuple[float, list[tuple[int, int, int]]]] = []
        self.touching: list[list[int]] = [[] for _ in rows]
        for ident in identities:
            if not all(c in where or c in known for c in ident.cells) or not any(c in where for c in ident.cells):
                continue
            const, terms = 0.0, []
            for sign, side in ((1, ident.left), (-1, ident.right)):
                for _, row, col in side:
                    if (row, col) in where:
                        terms.append((sign, *where[(row, col)]))
                    else:
                        const += sign * known[(row, col)]
            k = len(self.idents)
            self.idents.append((const, terms))
            for r in {t[1] for t in terms}:
                self.touching[r].append(k)
        self.nodes = 0
        self._refresh()

    def _refresh(self) -> None:
        self.values = [[tuple(_arith(x) for x in c) for c in dom] for dom in self.domains]
        self.lo = [[min(col) for col in zip(*vals)] if vals else [] for vals in self.values]
        self.hi = [[max(col) for col in zip(*vals)] if vals else [] for vals in self.values]

    def _feasible(self, k: int, chosen: Mapping[int, int]) -> bool:
        const, terms = self.idents[k]
        lo = hi = const
        for sign, r, i in terms:
            if r in chosen:
                v = self.values[r][chosen[r]][i]
                lo += sign * v
                hi += sign * v
            elif sign > 0:
                lo += self.lo[r][i]
                hi += self.hi[r][i]
            else:
                lo -= self.hi[r][i]
                hi -= self.lo[r][i]
        return lo - 1e-9 <= 0 <= hi + 1e-9

    def filter(self) -> bool:
        """Interval filtering to a fixpoint; False if some row has no candidate left."""
        for _ in range(MAX_FILTER_ROUNDS):
            changed = False
            for r in range(len(self.domains)):
                kept = [ci for ci in range(len(self.domains[r]))
                        if all(self._feasible(k, {r: ci}) for k in self.touching[r])]
                if not kept:
                    return False
                if len(kept) != len(self.domains[r]):
                    self.domains[r] = [self.domains[r][ci] for ci in kept]
                    self._refresh()
                    changed = True
            if not changed:
                break
        return True

    def _gac_once(self) -> bool | None:
        """One pass of per-identity consistency: a candidate goes when its value in some
        identity's cell cannot be completed by *any* values the other terms can take
        (reachable sums, exactly). Returns None if a row empties, else whether anything went."""
        changed = False
        for const, terms in self.idents:
            sets = [{self.values[r][ci][i] for ci in range(len(self.domains[r]))} for _, r, i in terms]
            prefix = [{0.0}]
            for (sign, _, _), vals in zip(terms, sets):
                nxt = {a + sign * v for a in prefix[-1] for v in vals}
                if len(nxt) > MAX_SUMS:
                    break
                prefix.append(nxt)
            else:
                suffix = [{0.0}]
                for (sign, _, _), vals in zip(reversed(terms), reversed(sets)):
                    suffix.append({a + sign * v for a in suffix[-1] for v in vals})
                    if len(suffix[-1]) > MAX_SUMS:
                        break
                if len(suffix) != len(terms) + 1:
                    continue
                suffix.reverse()
                for j, (sign, r, i) in enumerate(terms):
                    ok = {v for v in sets[j] if any(-const - sign * v - a in suffix[j + 1] for a in prefix[j])}
                    if ok != sets[j]:
                        keep = [ci for ci in range(len(self.domains[r])) if self.values[r][ci][i] in ok]
                        if not keep:
                            return None
                        self.domains[r] = [self.domains[r][ci] for ci in keep]
                        self.values[r] = [self.values[r][ci] for ci in keep]
                        changed = True
        if changed:
            self._refresh()
        return changed

    def consistent(self) -> bool:
        """Interval filtering and per-identity consistency to a fixpoint; False if a row empties."""
        if not self.filter():
            return False
        for _ in range(MAX_FILTER_ROUNDS):
            changed = self._gac_once()
            if changed is None:
                return False
            if not changed:
                break
        return True

    def _first(self, fixed: dict[int, int]) -> dict[int, int] | None:
        """One joint solution extending ``fixed``, or None; raises ``_Budget`` past MAX_NODES."""
        order = sorted((r for r in range(len(self.rows)) if r not in fixed), key=lambda r: len(self.domains[r]))
        chosen = dict(fixed)
        if not all(self._feasible(k, chosen) for r in fixed for k in self.touching[r]):
            return None

        def walk(depth: int) -> bool:
            if depth == len(order):
                return True
            r = order[depth]
            for ci in range(len(self.domains[r])):
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    raise _Budget
                chosen[r] = ci
                if all(self._feasible(k, chosen) for k in self.touching[r]) and walk(depth + 1):
                    return True
            del chosen[r]
            return False

        return dict(chosen) if walk(0) else None

    def supported(self) -> bool:
        """Keep only candidates some solution uses; False when there is no solution at all."""
        support = [set() for _ in self.rows]
        refuted = [set() for _ in self.rows]
        try:
            for r in sorted(range(len(self.rows)), key=lambda r: len(self.domains[r])):
                for ci in range(len(self.domains[r])):
                    if ci in support[r]:
                        continue
                    sol = self._first({r: ci})
                    if sol is None:
                        refuted[r].add(ci)
                        if len(refuted[r]) == len(self.domains[r]):
                            return False
                    else:
                        for k, cj in sol.items():
                            support[k].add(cj)
        except _Budget:
            pass  # unrefuted candidates stay
        self.domains = [[c for ci, c in enumerate(dom) if ci not in refuted[r]] for r, dom in enumerate(self.domains)]
        return True


def _families_kept(identities: Sequence[Identity], evidence_cells: set[Cell], known: Mapping[Cell, float | None]) -> list[str]:
    """Rule families with no fully known instance that fails."""
    broken = set()
    for ident in identities:
        if any(c in evidence_cells for c in ident.cells):
            continue
        values = [known.get(c) for c in ident.cells]
        if any(v is None for v in values):
            continue
        left = sum(known[(r, c)] for _, r, c in ident.left)
        right = sum(known[(r, c)] for _, r, c in ident.right)
        if abs(left - right) > 1e-6:
            broken.add(ident.check_id)
    return [f for f in dict.fromkeys(i.check_id for i in identities) if f not in broken]


def _describe(values: Sequence[str | None]) -> str:
    shown = ["(empty)" if v is None else v for v in values[:_SHOWN_CANDIDATES]]
    more = f" or {len(values) - _SHOWN_CANDIDATES} more" if len(values) > _SHOWN_CANDIDATES else ""
    return " / ".join(shown) + more


def solve(table: str, rows: Sequence[RowText], identities: Sequence[Identity],
          known: Mapping[Cell, float | None] | None = None,
          stated: Mapping[Cell, float] | None = None) -> Solved:
    """Read ``rows`` of ``table`` under ``identities``; ``known`` holds the table's other cells.

    ``stated`` holds numbers the narrative gives for cells (「现行有效行政规范性文件305件」):
    a statement narrows a row to the candidates that agree with it, and is
    ignored when none does.
    """
    known = dict(known or {})
    out = Solved()
    evidence_cells = {c for row in rows for c in row.cells}
    families = _families_kept(identities, evidence_cells, known)
    usable_known = {c: v for c, v in known.items() if v is not None}

    def read_rows(families_used: Sequence[str]) -> list[list[Candidate] | None]:
        local = [i for i in identities if i.check_id in families_used]
        out_domains: list[list[Candidate] | None] = []
        for row in rows:
            cands = candidates(row, local)
            if cands and stated:
                agree = [c for c in cands if all(_arith(c[i]) == stated[cell] for i, cell in enumerate(row.cells)
                                                  if cell in stated and c[i] is not None)]
                cands = agree or cands
            out_domains.append(cands)
        return out_domains

    domains = read_rows(families)
    if any(not d for d in domains):
        domains = read_rows(())
    final: dict[int, list[Candidate]] = {r: list(domains[r] or []) for r in range(len(rows))}
    # The largest set of kept families that admits a joint solution (the report may break a rule);
    # with none, each row keeps its own candidates.
    for size in range(len(families), 0, -1):
        done = False
        for subset in itertools.combinations(families, size):
            use = [i for i in identities if i.check_id in subset]
            subset_domains = domains if tuple(subset) == tuple(families) and all(domains) else read_rows(subset)
            searchable = [r for r, d in enumerate(subset_domains) if d]
            if len(searchable) < len(rows) and any(domains[r] for r in range(len(rows)) if r not in searchable):
                continue  # a row readable without these rules is unreadable with them: they are not kept
            search = _Search([rows[r] for r in searchable], [list(subset_domains[r]) for r in searchable], use,
                             usable_known)
            if not search.consistent() or not search.supported():
                continue
            for k, r in enumerate(searchable):
                final[r] = search.domains[k]
            done = True
            break
        if done:
            break

    for r, row in enumerate(rows):
        cands = final[r]
        label = row.cells[0][0] if len({c[0] for c in row.cells}) == 1 else table
        if not cands:
            why = ("too many ways to read it (the search is bounded)" if domains[r] is None
                   else "no reading fits the cell formats and the table's arithmetic")
            out.warnings.append(ParseWarning(
                WarningCode.CELL_AMBIGUOUS,
                f"{table}.{label}: {' '.join(row.pieces)!r}: {why}; its cells are left null", table,
                row.cells[0][0] if "+" not in label else None))
            for cell in row.cells:
                out.cells[cell] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
            continue
        unclear, empty = [], []
        for i, cell in enumerate(row.cells):
            texts = list(dict.fromkeys(c[i] for c in cands))
            if len(texts) == 1:
                text = texts[0]
                money = row.kind(i) == "money"
                if text is None:
                    empty.append(cell[1])
                    out.cells[cell] = CellValue(None, None, WarningCode.CELL_MISSING)
                else:
                    out.cells[cell] = normalise_value(text, money=money)
            else:
                unclear.append((cell, texts))
                out.cells[cell] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
        if len(cands) > 1 or len(row.pieces) != len(row.cells):
            out.split_rows.append(label)
        if empty:
            out.warnings.append(ParseWarning(
                WarningCode.CELL_MISSING,
                f"{table}.{label}: the cells {', '.join(empty)} were empty and dropped by the flattening "
                "(the arithmetic places every surviving cell elsewhere); they are null", table,
                row.cells[0][0] if label != table else None))
        for cell, texts in unclear:
            out.warnings.append(ParseWarning(
                WarningCode.CELL_AMBIGUOUS,
                f"{table}.{cell[0]}.{cell[1]}: {' '.join(row.pieces)!r} can be read {len(cands)} ways that fit "
                f"the table's arithmetic; this cell could be {_describe(texts)}, so it is left null",
                table, cell[0], cell[1]))
    if out.split_rows:
        out.warnings.append(ParseWarning(
            WarningCode.CELLS_SPLIT_BY_ARITHMETIC,
            f"{table}: cell boundaries were lost in {len(out.split_rows)} row(s) ({', '.join(out.split_rows[:6])}"
            f"{'…' if len(out.split_rows) > 6 else ''}); cells were placed where the table's arithmetic allows "
            "exactly one reading", table))
    return out


_SPACES = regex.compile(r"[\s\u3000]+")


def resolve_lost_rows(tables: dict, lost: Mapping[str, Mapping[str, tuple[str, ...]]], warnings: list[ParseWarning],
                      identities_of) -> tuple[dict, list[ParseWarning]]:
    """Rows of flattened grids that lost cells (``AlignedRow.unassigned``), placed by arithmetic.

    ``lost[table][row]`` holds the surviving texts; ``row`` is ``"*"`` for
    table 4's single row of 15 cells. The mapper left those cells null with
    ``cell_ambiguous``; cells the solver determines replace them, and its
    warnings replace the mapper's for those rows. ``identities_of(table, rows)``
    gives the table's identities.
    """
    for table, rows in lost.items():
        if table not in tables or table == "proactive":
            continue  # table 2 has no arithmetic: nothing can place its cells
        grid = tables[table]
        known = {(r, c): cell.get("value") for r, cells in grid.items() for c, cell in cells.items()}
        evidence = []
        for key, texts in rows.items():
            cells = (tuple((g, c) for g in grid for c in grid[g]) if key == "*"
                     else tuple((key, c) for c in grid[key]))
            pieces = tuple(_SPACES.sub("", t) for t in texts if _SPACES.sub("", t))
            evidence.append(RowText(cells, pieces, True))
        for row in evidence:
            for cell in row.cells:
                known.pop(cell, None)
        solved = solve(table, evidence, identities_of(table, list(grid)), known)
        for (r, c), value in solved.cells.items():
            grid[r][c] = value.to_dict()
        keys = set(rows) if "*" not in rows else set(grid)
        warnings = [w for w in warnings if not (w.code is WarningCode.CELL_AMBIGUOUS and w.table == table
                                                and w.row in keys)] + solved.warnings
    return tables, warnings
