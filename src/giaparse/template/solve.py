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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from ..diagnostics import ParseWarning, WarningCode
from ..values import CellValue, Placement, normalise_value
from .identities import Identity
from .readings import MAX_CANDIDATES, MAX_PIECE_CHARS, Candidate, Cell, RowText, _arith, candidates
from .search import MAX_NODES, _Search

__all__ = ["MAX_CANDIDATES", "MAX_NODES", "MAX_PIECE_CHARS", "RowText", "Solved", "candidates", "resolve_lost_rows",
           "solve"]

_SHOWN_CANDIDATES = 4


@dataclass
class Solved:
    """The outcome for one table: a value per cell, and the warnings."""

    cells: dict[Cell, CellValue] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)
    split_rows: list[str] = field(default_factory=list)   # rows whose cells arithmetic placed
    #: For a determined cell, the index of the row piece its text was cut from, where every
    #: surviving reading takes it from the same piece (provenance).
    pieces: dict[Cell, int] = field(default_factory=dict)
    #: The rule families (``Identity.check_id``) the joint reading kept, and how many of
    #: the table's families were in play: a reading that kept fewer broke a rule.
    families_used: tuple[str, ...] = ()
    families_total: int = 0


def _piece_indices(pieces: Sequence[str], texts: Sequence[str | None]) -> list[int | None]:
    """Which piece each cell text of one reading comes from (pieces are consumed left to right)."""
    out: list[int | None] = []
    p, offset = 0, 0
    for text in texts:
        if text is None:
            out.append(None)
            continue
        while p < len(pieces) and not pieces[p].startswith(text, offset):
            p, offset = p + 1, 0
        if p >= len(pieces):
            out.append(None)
            continue
        out.append(p)
        offset += len(text)
        if offset >= len(pieces[p]):
            p, offset = p + 1, 0
    return out


def _families_kept(identities: Sequence[Identity], evidence_cells: set[Cell],
                   known: Mapping[Cell, float | None]) -> list[str]:
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
                # A reading agrees only where it holds the stated figure; one that leaves the
                # stated cell empty confirms nothing (a check with a null term is no check).
                agree = [c for c in cands if all(c[i] is not None and _arith(c[i]) == stated[cell]
                                                  for i, cell in enumerate(row.cells) if cell in stated)]
                cands = agree or cands
            out_domains.append(cands)
        return out_domains

    out.families_total = len(families)
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
            out.families_used = tuple(subset)
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
                rows=_rows_of(row), columns=_columns_of(row), cause=f"{why}; the row's cells are left null",
                detail=f"{label}: {' '.join(row.pieces)!r}"))
            for cell in row.cells:
                out.cells[cell] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
            continue
        unclear, empty = [], []
        walks = [_piece_indices(row.pieces, c) for c in cands]
        for i, cell in enumerate(row.cells):
            if len({w[i] for w in walks}) == 1 and walks[0][i] is not None:
                out.pieces[cell] = walks[0][i]
            texts = list(dict.fromkeys(c[i] for c in cands))
            if len(texts) == 1:
                text = texts[0]
                money = row.kind(i) == "money"
                if text is None:
                    empty.append(cell)
                    out.cells[cell] = CellValue(None, None, WarningCode.CELL_MISSING)
                else:
                    out.cells[cell] = normalise_value(text, money=money)
            else:
                unclear.append((cell, texts))
                out.cells[cell] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
        if len(cands) > 1 or len(row.pieces) != len(row.cells):
            out.split_rows.append(label)
        for empty_row in dict.fromkeys(r for r, _ in empty):
            columns = [c for r, c in empty if r == empty_row]
            where = f"{table}.{label}" if label == empty_row else f"{table}.{empty_row}"
            out.warnings.append(ParseWarning(
                WarningCode.CELL_MISSING,
                f"{where}: the cells {', '.join(columns)} were empty and dropped by the flattening "
                "(the arithmetic places every surviving cell elsewhere); they are null", table,
                empty_row, columns=columns,
                cause="empty cells dropped by the flattening (the arithmetic places every surviving cell "
                      "elsewhere); they are null"))
        for cell, texts in unclear:
            out.warnings.append(ParseWarning(
                WarningCode.CELL_AMBIGUOUS,
                f"{table}.{cell[0]}.{cell[1]}: {' '.join(row.pieces)!r} can be read {len(cands)} ways that fit "
                f"the table's arithmetic; this cell could be {_describe(texts)}, so it is left null",
                table, cell[0], cell[1], detail=f"{cell[0]}: {' '.join(row.pieces)!r}",
                cause="the row's cells lost their boundaries and can be read several ways that fit the table's "
                      "arithmetic; the cells that differ between readings are left null"))
    if out.split_rows:
        out.warnings.append(ParseWarning(
            WarningCode.CELLS_SPLIT_BY_ARITHMETIC,
            f"{table}: cell boundaries were lost in {len(out.split_rows)} row(s) ({', '.join(out.split_rows[:6])}"
            f"{'…' if len(out.split_rows) > 6 else ''}); cells were placed where the table's arithmetic allows "
            "exactly one reading", table, rows=[r for r in out.split_rows if r != table],
            cause="cell boundaries were lost; cells were placed where the table's arithmetic allows exactly one "
                  "reading"))
    return out


def _rows_of(row: RowText) -> list[str]:
    return list(dict.fromkeys(r for r, _ in row.cells))


def _columns_of(row: RowText) -> list[str]:
    return list(dict.fromkeys(c for _, c in row.cells))


_SPACES = regex.compile(r"[\s\u3000]+")


def resolve_lost_rows(tables: dict, lost: Mapping[str, Mapping[str, tuple[str, ...]]], warnings: list[ParseWarning],
                      identities_of, sources: Mapping[str, Mapping[str, tuple]] | None = None
                      ) -> tuple[dict, list[ParseWarning]]:
    """Rows of flattened grids that lost cells (``AlignedRow.unassigned``), placed by arithmetic.

    ``lost[table][row]`` holds the surviving texts; ``row`` is ``"*"`` for
    table 4's single row of 15 cells. The mapper left those cells null with
    ``cell_ambiguous``; cells the solver determines replace them, and its
    warnings replace the mapper's for those rows. ``identities_of(table, rows)``
    gives the table's identities. ``sources[table][row]`` gives where each
    surviving text was read; a placed cell keeps the source of its text,
    with placement ``arithmetic``.
    """
    for table, rows in lost.items():
        if table not in tables or table == "proactive":
            continue  # table 2 has no arithmetic: nothing can place its cells
        grid = tables[table]
        known = {(r, c): cell.get("value") for r, cells in grid.items() for c, cell in cells.items()}
        evidence = []
        piece_sources: dict[Cell, Any] = {}
        for key, texts in rows.items():
            cells = (tuple((g, c) for g in grid for c in grid[g]) if key == "*"
                     else tuple((key, c) for c in grid[key]))
            where = tuple((sources or {}).get(table, {}).get(key, ()))
            kept = [(i, _SPACES.sub("", t)) for i, t in enumerate(texts) if _SPACES.sub("", t)]
            pieces = tuple(t for _, t in kept)
            evidence.append(RowText(cells, pieces, True))
            for cell in cells:
                piece_sources[cell] = [where[i] if i < len(where) else None for i, _ in kept]
        for row in evidence:
            for cell in row.cells:
                known.pop(cell, None)
        solved = solve(table, evidence, identities_of(table, list(grid)), known)
        for (r, c), value in solved.cells.items():
            k = solved.pieces.get((r, c))
            # (not ``sources``: that is the parameter, read again for the next table)
            read_at = piece_sources.get((r, c), [])
            source = read_at[k] if k is not None and k < len(read_at) else None
            grid[r][c] = value.located(source, Placement.ARITHMETIC).to_dict()
        keys = set(rows) if "*" not in rows else set(grid)
        warnings = [w for w in warnings if not (w.code is WarningCode.CELL_AMBIGUOUS and w.table == table
                                                and w.row in keys)] + solved.warnings
    return tables, warnings

