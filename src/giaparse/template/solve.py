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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from ..diagnostics import ParseWarning, WarningCode
from ..values import CellValue, normalise_value
from .identities import Identity

MAX_PIECE_CHARS = 48
MAX_CANDIDATES = 4000
MAX_FILTER_ROUNDS = 12
MAX_NODES = 50_000
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


def _arith(text: str | None) -> float:
    """A candidate cell's number for the sums: an empty (dropped) cell is 0."""
    if text is None:
        return 0
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


def _local_checker(row: RowText, identities: Sequence[Identity]):
    """Identities whose cells all lie in ``row``, each tested when its last cell is placed."""
    index = {c: i for i, c in enumerate(row.cells)}
    at: dict[int, list[tuple[list[int], list[int]]]] = {}
    for ident in identities:
        if all(c in index for c in ident.cells):
            left = [index[(r, c)] for _, r, c in ident.left]
            right = [index[(r, c)] for _, r, c in ident.right]
            at.setdefault(max(left + right), []).append((left, right))

    def check(i: int, parts: Sequence[str | None]) -> bool:
        for left, right in at.get(i, ()):
            if sum(_arith(parts[k]) for k in left) != sum(_arith(parts[k]) for k in right):
                return False
        return True

    return check


def _run_candidates(row: RowText, check) -> list[Candidate]:
    """Pieces cover consecutive cells, none dropped: distribute the cells, then split each piece."""
    n, pieces = len(row.cells), row.pieces
    kinds = [row.kind(i) for i in range(n)]
    if len(pieces) == 1:  # the usual digit run: prune while splitting
        return list(_splits(pieces[0], kinds, check))
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
    check = _local_checker(row, identities)
    try:
        out = _run_candidates(row, check) if len(row.pieces) <= len(row.cells) else []
        if row.separated and len(row.pieces) > 1 or not out:
            # Separated pieces may equally be single cells with empty ones dropped.
            out = list(dict.fromkeys(out + _lost_candidates(row, check)))
    except _TooMany:
        return None
    return out


# ----------------------------------------------------------- joint search --

class _Search:
    """Rows × candidates under identities spanning rows; interval filtering, then backtracking."""

    def __init__(self, rows: list[RowText], domains: list[list[Candidate]], identities: Sequence[Identity],
                 known: Mapping[Cell, float]) -> None:
        self.rows, self.domains, self.known = rows, domains, known
        self.where: dict[Cell, tuple[int, int]] = {c: (r, i) for r, row in enumerate(rows) for i, c in enumerate(row.cells)}
        self.identities = [ident for ident in identities
                           if all(c in self.where or c in known for c in ident.cells)
                           and any(c in self.where for c in ident.cells)]
        self.touching: list[list[int]] = [[] for _ in rows]
        for k, ident in enumerate(self.identities):
            for r in {self.where[c][0] for c in ident.cells if c in self.where}:
                self.touching[r].append(k)
        self.nodes = 0

    def _bounds(self, r: int, i: int, chosen: Mapping[int, Candidate]) -> tuple[float, float]:
        if r in chosen:
            v = _arith(chosen[r][i])
            return v, v
        values = [_arith(c[i]) for c in self.domains[r]]
        return min(values), max(values)

    def _feasible(self, k: int, chosen: Mapping[int, Candidate]) -> bool:
        lo = hi = 0.0
        ident = self.identities[k]
        for sign, terms in ((1, ident.left), (-1, ident.right)):
            for _, row, col in terms:
                cell = (row, col)
                if cell in self.where:
                    a, b = self._bounds(*self.where[cell], chosen)
                else:
                    a = b = self.known[cell]
                if sign > 0:
                    lo, hi = lo + a, hi + b
                else:
                    lo, hi = lo - b, hi - a
        return lo - 1e-9 <= 0 <= hi + 1e-9

    def filter(self) -> bool:
        """Drop candidates no assignment of the other rows' bounds can fit; False if a row empties."""
        for _ in range(MAX_FILTER_ROUNDS):
            changed = False
            for r, dom in enumerate(self.domains):
                if len(dom) <= 1 and not changed:
                    continue
                kept = [c for c in dom if all(self._feasible(k, {r: c}) for k in self.touching[r])]
                if len(kept) != len(dom):
                    self.domains[r], changed = kept, True
                if not kept:
                    return False
            if not changed:
                break
        return True

    def solutions(self) -> list[dict[int, Candidate]] | None:
        """Every joint assignment; None when ``MAX_NODES`` is reached first."""
        order = sorted(range(len(self.rows)), key=lambda r: len(self.domains[r]))
        found: list[dict[int, Candidate]] = []

        def walk(depth: int, chosen: dict[int, Candidate]) -> bool:
            if depth == len(order):
                found.append(dict(chosen))
                return True
            r = order[depth]
            for cand in self.domains[r]:
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    return False
                chosen[r] = cand
                if all(self._feasible(k, chosen) for k in self.touching[r]):
                    if not walk(depth + 1, chosen):
                        return False
                del chosen[r]
            return True

        return found if walk(0, {}) else None


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

    domains: list[list[Candidate] | None] = []
    for row in rows:
        local = [i for i in identities if i.check_id in families]
        cands = candidates(row, local)
        if cands and stated:
            agree = [c for c in cands if all(_arith(c[i]) == stated[cell] for i, cell in enumerate(row.cells)
                                              if cell in stated and c[i] is not None)]
            cands = agree or cands
        domains.append(cands)

    searchable = [r for r, d in enumerate(domains) if d]
    final: dict[int, list[Candidate]] = {r: list(domains[r] or []) for r in range(len(rows))}
    # Largest set of kept families that admits a joint solution (the report may break a rule).
    for size in range(len(families), 0, -1):
        done = False
        for subset in itertools.combinations(families, size):
            use = [i for i in identities if i.check_id in subset]
            search = _Search([rows[r] for r in searchable], [list(domains[r]) for r in searchable], use, usable_known)
            if not search.filter():
                continue
            sols = search.solutions()
            if sols is None:  # bound reached: keep the filtered domains (each still holds the truth)
                for k, r in enumerate(searchable):
                    final[r] = search.domains[k]
                done = True
                break
            if sols:
                for k, r in enumerate(searchable):
                    final[r] = list(dict.fromkeys(s[k] for s in sols))
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
