"""The joint search over rows' readings under identities that span rows
(table 3's column rules). Bounds: ``MAX_FILTER_ROUNDS`` rounds of
filtering, ``MAX_SUMS`` reachable sums per identity, ``MAX_STEPS``
transitions of the exact pass, ``MAX_NODES`` backtracking nodes per table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import add, le

from .identities import Identity
from .readings import Candidate, Cell, RowText, _arith

MAX_FILTER_ROUNDS = 12
MAX_NODES = 20_000
QUICK_NODES = 300        # backtracking nodes tried before the exact pass
MAX_SUMS = 4000          # reachable sums kept per identity in the consistency pass
MAX_STEPS = 150_000      # (state, candidate) steps of the exact pass's forward pass, per table


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
        self.nodes, self.budget = 0, MAX_NODES
        self._refresh()

    def _refresh(self) -> None:
        self.values = [[tuple(_arith(x) for x in c) for c in dom] for dom in self.domains]
        self.lo = [[min(col) for col in zip(*vals, strict=False)] if vals else [] for vals in self.values]
        self.hi = [[max(col) for col in zip(*vals, strict=False)] if vals else [] for vals in self.values]

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
            for (sign, _, _), vals in zip(terms, sets, strict=False):
                nxt = {a + sign * v for a in prefix[-1] for v in vals}
                if len(nxt) > MAX_SUMS:
                    break
                prefix.append(nxt)
            else:
                suffix = [{0.0}]
                for (sign, _, _), vals in zip(reversed(terms), reversed(sets), strict=False):
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
        """One joint solution extending ``fixed``, or None; raises ``_Budget`` past ``self.budget`` nodes."""
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
                if self.nodes > self.budget:
                    raise _Budget
                chosen[r] = ci
                if all(self._feasible(k, chosen) for k in self.touching[r]) and walk(depth + 1):
                    return True
            del chosen[r]
            return False

        return dict(chosen) if walk(0) else None

    def _order(self) -> list[int]:
        """Rows in the order the exact pass takes them: first the row in the most identities (a
        total row, which opens its column rules), then always the row that shares the most
        identities with those already open and opens the fewest new ones (ties: fewest candidates)."""
        spans = [{k for k in self.touching[r] if len({t[1] for t in self.idents[k][1]}) > 1}
                 for r in range(len(self.rows))]
        order: list[int] = []
        opened: set[int] = set()
        left = set(range(len(self.rows)))
        while left:
            r = max(sorted(left), key=lambda r: (len(spans[r] & opened) - len(spans[r] - opened) if order
                                                 else len(spans[r]), -len(self.domains[r])))
            order.append(r)
            opened |= spans[r]
            left.discard(r)
        return order

    def _adds(self, r: int, i: int, vals: tuple[float, ...]) -> int:
        """What row ``r`` read as ``vals`` adds to identity ``i`` (signed)."""
        return int(sum(sign * vals[j] for sign, tr, j in self.idents[i][1] if tr == r))

    def exact(self) -> bool | None:
        """Exact support by a pass over the rows in ``_order``: a state is the partial sums of the
        identities that are open (some terms read, some not); the forward pass keeps every state
        the rows so far can reach (pruned by the bounds the rows still to come can add), the
        backward pass keeps the states from which the remaining rows close every identity. A
        candidate stays exactly when some joint solution uses it. True with ``domains`` narrowed,
        False when there is no solution, None past ``MAX_STEPS`` (nothing narrowed)."""
        n = len(self.rows)
        order = self._order()
        pos = {r: k for k, r in enumerate(order)}
        first = [min(pos[t[1]] for t in terms) for _, terms in self.idents]
        last = [max(pos[t[1]] for t in terms) for _, terms in self.idents]
        # Identities open after step k (a term at a step <= k and one at a step > k), in a fixed order.
        open_after = [[i for i in range(len(self.idents)) if first[i] <= k < last[i]] for k in range(n)]
        # What the steps after k can still add to each identity: (least, most).
        rest = [[0.0] * len(self.idents), [0.0] * len(self.idents)]
        bounds: list[tuple[list[float], list[float]]] = [(list(rest[0]), list(rest[1]))]
        for k in range(n - 1, 0, -1):
            r = order[k]
            for i, (_, terms) in enumerate(self.idents):
                for sign, tr, ci in terms:
                    if tr == r:
                        a, b = (self.lo[r][ci], self.hi[r][ci]) if sign > 0 else (-self.hi[r][ci], -self.lo[r][ci])
                        rest[0][i] += a
                        rest[1][i] += b
            bounds.append((list(rest[0]), list(rest[1])))
        bounds.reverse()  # bounds[k]: what the steps after k add
        numbers = [v for vals in self.values for c in vals for v in c] + [c for c, _ in self.idents]
        if not all(float(v).is_integer() for v in numbers):
            return None  # sums of decimals (money) are left to the backtracking search
        plans = []
        for k in range(n):
            r = order[k]
            before = {i: j for j, i in enumerate(open_after[k - 1])} if k else {}
            after = open_after[k]
            closing = [i for i in self.touching[r] if last[i] == k]
            carry = [(before.get(i, -1), int(self.idents[i][0])) for i in after]
            shut = [(before.get(i, -1), int(self.idents[i][0])) for i in closing]
            # A partial sum v stays possible while v + least <= 0 <= v + most of what is still to come.
            los = tuple(-int(bounds[k][1][i]) for i in after)
            his = tuple(-int(bounds[k][0][i]) for i in after)
            # Per candidate: what it adds to each open identity, and minus what it adds to each it closes.
            deltas = [(tuple(self._adds(r, i, vals) for i in after), tuple(-self._adds(r, i, vals) for i in closing))
                      for vals in self.values[r]]
            plans.append((carry, shut, los, his, deltas))
        steps = 0
        layers: list[dict[tuple[int, ...], list[tuple[int, tuple[int, ...]]]]] = []
        states: list[tuple[int, ...]] = [()]
        for k in range(n):
            carry, shut, los, his, deltas = plans[k]
            moves: dict[tuple[int, ...], list[tuple[int, tuple[int, ...]]]] = {}
            reached: dict[tuple[int, ...], None] = {}
            steps += len(states) * len(deltas)
            if steps > MAX_STEPS:
                return None
            for state in states:
                base = [state[j] if j >= 0 else c for j, c in carry]
                closed = tuple(state[j] if j >= 0 else c for j, c in shut)
                out = []
                for ci, (da, need) in enumerate(deltas):
                    if closed != need:
                        continue  # an identity it closes does not sum to 0
                    t = tuple(map(add, base, da))
                    if all(map(le, los, t)) and all(map(le, t, his)):
                        out.append((ci, t))
                        reached[t] = None
                moves[state] = out
            if not reached:
                return False
            layers.append(moves)
            states = list(reached)
        alive = set(states)  # every identity closed: each final state is a solution's
        keep: list[set[int]] = [set() for _ in range(n)]
        for k in range(n - 1, -1, -1):
            here = set()
            for state, out in layers[k].items():
                for ci, t in out:
                    if t in alive:
                        here.add(state)
                        keep[k].add(ci)
            alive = here
        for k, r in enumerate(order):
            self.domains[r] = [c for ci, c in enumerate(self.domains[r]) if ci in keep[k]]
        self._refresh()
        return True

    def supported(self) -> bool:
        """Keep only candidates some solution uses; False when there is no solution at all.

        A backtracking search per candidate first, for ``QUICK_NODES`` nodes (most tables are
        decided there); then the exact pass; past its bound, the backtracking search again for
        ``MAX_NODES`` nodes, whose unrefuted candidates stay."""
        quick = self._backtrack(QUICK_NODES, keep_unrefuted=False)
        if quick is not None:
            return quick
        exact = self.exact()
        if exact is not None:
            return exact
        done = self._backtrack(MAX_NODES, keep_unrefuted=True)
        return bool(done)

    def _backtrack(self, budget: int, keep_unrefuted: bool) -> bool | None:
        """Support by a search per candidate, at most ``budget`` nodes. Past it: None, nothing
        narrowed, unless ``keep_unrefuted`` (then the refuted candidates go, the rest stay)."""
        support: list[set[int]] = [set() for _ in self.rows]
        refuted: list[set[int]] = [set() for _ in self.rows]
        self.nodes, self.budget = 0, budget
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
            if not keep_unrefuted:
                return None
        self.domains = [[c for ci, c in enumerate(dom) if ci not in refuted[r]] for r, dom in enumerate(self.domains)]
        return True
