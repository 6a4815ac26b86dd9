"""Witnesses for the nulls of cell-per-line text whose blank cells left no trace.

A cell that the output leaves null is *unavoidably* null when another table,
just as consistent with the text, gives it a different value: every row
holds the same figures in the same order (the cells written blank being the
ones left out), every row total and every identity of the template holds
(table 2 has none; table 3: 总计 = the six applicant columns per row, 一+二 =
三总计+四 and 总计 = the result rows per column; table 4: each group's 总计 =
its four results), and the narrative's 收到申请N件 (新收's 总计) stays. This
module searches for such a table by itself (its own small search, plain
sums, nothing of giaparse) and checks it by plain arithmetic.

``witnessed(truth, nulls, review_per_group)`` gives, of the null cells, those
with a witness; the rest are unknown (the search is bounded: ``MAX_NODES``
per cell), never counted as avoidable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

MAX_NODES = 200_000

BALANCE = ("new_received", "carried_over", "total", "carried_forward")

Row = tuple[int | None, ...]


class _Budget(Exception):
    pass


def _placements(cells: Sequence[int | None], ok) -> list[Row]:
    """Every way to put the row's figures (its non-blank cells, in order) into its cells."""
    figures = [v for v in cells if v is not None]
    out = []
    for pos in combinations(range(len(cells)), len(figures)):
        row: list[int | None] = [None] * len(cells)
        for p, v in zip(pos, figures, strict=True):
            row[p] = v
        if ok(row):
            out.append(tuple(row))
    return out


def _n(v: int | None) -> int:
    return 0 if v is None else v


def _row_total(row: Sequence[int | None]) -> bool:
    return _n(row[-1]) == sum(_n(v) for v in row[:-1])


def _groups_total(row: Sequence[int | None]) -> bool:
    return all(_n(row[g + 4]) == sum(_n(v) for v in row[g:g + 4]) for g in range(0, len(row), 5))


def _table3_holds(table: dict[str, Row]) -> bool:
    results = [r for r in table if r not in BALANCE]
    for c in range(7):
        col = {r: _n(v[c]) for r, v in table.items()}
        if col["new_received"] + col["carried_over"] != col["total"] + col["carried_forward"]:
            return False
        if col["total"] != sum(col[r] for r in results):
            return False
    return all(_row_total(v) for v in table.values())


def _results_fit(domains: dict[str, list[Row]], results: list[str], most: list[list[int]], target: list[int],
                 tick) -> dict[str, Row] | None:
    """Placements of the result rows summing to ``target`` per column (总计 = the result rows), or None:
    depth first, a partial sum that failed once never tried again."""
    failed: set[tuple[int, tuple[int, ...]]] = set()
    chosen: dict[str, Row] = {}

    def walk(k: int, acc: tuple[int, ...]) -> bool:
        if k == len(results):
            return list(acc) == target
        if (k, acc) in failed:
            return False
        for row in domains[results[k]]:
            tick()
            nxt = tuple(a + _n(v) for a, v in zip(acc, row, strict=True))
            if all(a <= t <= a + m for a, t, m in zip(nxt, target, most[k + 1], strict=True)):
                chosen[results[k]] = row
                if walk(k + 1, nxt):
                    return True
        failed.add((k, acc))
        return False

    return dict(chosen) if walk(0, (0,) * 7) else None


def _search3(domains: dict[str, list[Row]]) -> dict[str, Row] | None:
    """One table 3 from the rows' placements keeping every identity, or None; ``_Budget`` past MAX_NODES."""
    results = sorted((r for r in domains if r not in BALANCE), key=lambda r: len(domains[r]))
    # What the result rows from k on can still add at most, per column (a partial sum that cannot reach
    # the 总计 row any more is given up).
    most = [[0] * 7 for _ in range(len(results) + 1)]
    for k in range(len(results) - 1, -1, -1):
        top = [max(_n(p[c]) for p in domains[results[k]]) if domains[results[k]] else 0 for c in range(7)]
        most[k] = [a + b for a, b in zip(most[k + 1], top, strict=True)]
    nodes = 0

    def tick() -> None:
        nonlocal nodes
        nodes += 1
        if nodes > MAX_NODES:
            raise _Budget

    for total in domains["total"]:
        target = [_n(v) for v in total]
        if any(not domains[r] for r in results) or any(t > m for t, m in zip(target, most[0], strict=True)):
            continue
        # 一+二 = 三总计+四 per column: the four balance rows alone, given the 总计 row.
        balance = None
        for new in domains["new_received"]:
            for carried in domains["carried_over"]:
                tick()
                need = tuple(_n(a) + _n(b) - t for a, b, t in zip(new, carried, target, strict=True))
                match = next((f for f in domains["carried_forward"] if tuple(_n(v) for v in f) == need), None)
                if match is not None:
                    balance = {"new_received": new, "carried_over": carried, "carried_forward": match}
                    break
            if balance is not None:
                break
        if balance is None:
            continue
        chosen = _results_fit(domains, results, most, target, tick)
        if chosen is not None:
            return {"total": total, **balance, **chosen}
    return None


def witnessed(truth: dict, nulls: Iterable[tuple[str, str, str]], review_per_group: bool
              ) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """(witnessed, unknown): the null cells ``(table, row, column)`` that another consistent table
    reads differently, and those the bounded search could not decide."""
    nulls = set(nulls)
    proved: set[tuple[str, str, str]] = set()
    unknown: set[tuple[str, str, str]] = set()
    requests = truth["requests"]
    columns = list(next(iter(requests.values())))
    base3 = {r: _placements(list(cells.values()), _row_total) for r, cells in requests.items()}
    review = truth["review_litigation"]
    groups = list(review)
    results = list(next(iter(review.values())))
    for table, row, col in sorted(nulls):
        if table == "requests":
            c = columns.index(col)
            own = requests[row][col]
            domains = dict(base3, **{row: [p for p in base3[row] if p[c] != own]})
            try:
                found = _search3(domains)
            except _Budget:
                unknown.add((table, row, col))
                continue
            stated = requests["new_received"]["total"]  # the narrative's 共收到申请N件 holds too
            if (found is not None and _table3_holds(found) and found[row][c] != own
                    and found["new_received"][-1] == stated):
                proved.add((table, row, col))
        elif table == "proactive":  # no arithmetic: any other order-keeping placement is a witness
            cells = list(truth["proactive"][row].values())
            at = list(truth["proactive"][row]).index(col)
            if any(p[at] != cells[at] for p in _placements(cells, lambda row: True)):
                proved.add((table, row, col))
        elif table == "review_litigation":
            units = [[g] for g in groups] if review_per_group else [groups]
            unit = next(u for u in units if row in u)
            cells = [review[g][r] for g in unit for r in results]
            at = unit.index(row) * len(results) + results.index(col)
            others = [p for p in _placements(cells, _groups_total) if p[at] != review[row][col]]
            if others and _groups_total(others[0]):
                proved.add((table, row, col))
    return proved, unknown
