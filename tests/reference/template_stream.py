"""A table read from a cell stream: tokens in reading order aligned with the template.

A reader that could not lay a table region out as a grid hands it over as a
``CellStream`` (``document.py``): label pieces and number tokens in reading
order, each with what the reader saw (line, display column, empty lines
before it). Cell-per-line text (``get_text("\\n")`` of an HTML table),
``pdftotext -layout``, pdfplumber's ``extract_text()``: one reading for all.

1. **Anchors.** The template's row labels are looked for among the text
   tokens (a label broken over lines or spaces is joined back); the longest
   chain of them in template order is the table's skeleton. A table counts
   when the chain holds at least ``MIN_ROWS`` of its rows.
2. **Units.** The number tokens between the anchors come in units
   (consecutive numbers, no text between). A unit on an anchor's own line is
   that row's. A unit on lines of its own lies between two anchors and may be
   either one's: a PDF dump prints a row's numbers above or between the lines
   of a wrapped label, where HTML text puts them after it. Empty-line counts
   decide where the text has them (a cell gap is smaller than a row gap).
3. **Alignments.** Every way to give the floating units to anchors (each
   anchor at most one unit, no unit to a row with fewer cells than figures)
   is an alignment; at most ``MAX_ALIGNMENTS`` are tried per table. Past
   the bound the table is not read from the stream: its cells stay null with
   a warning, never a guess.
4. **Cells.** In each alignment each row's tokens are placed in its cells in
   order (``readings``: a token is one cell; cells without a token were
   blank and dropped), under the layout evidence where there is some (empty
   lines between cells of a cell-per-line row count the blank cells between
   them, when the table's own gaps say how) and the template's identities,
   jointly over the table (``solve``), narrowed by the figures the narrative
   states (``narrative``).
5. **Agreement.** Alignments that break more of the template's rule families
   than the best one are dropped (the report's own arithmetic may fail, so
   the best is not required to be perfect). A cell gets a value only where
   every surviving alignment gives it the same one; elsewhere it is null
   with a warning naming the candidates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from giaparse.diagnostics import ParseWarning, WarningCode
from giaparse.document import CellStream, StreamToken, TokenKind
from giaparse.template import identities as ids
from giaparse.template.figure_runs import RunsReading, merge_runs, read_table_runs
from giaparse.template.identities import Identity
from giaparse.template.match import first_match, key_of, tolerant_key
from giaparse.template.narrative import stated_cells
from giaparse.template.readings import RowText
from giaparse.template.rows import output_keys, request_orders
from giaparse.template.solve import Solved, solve
from giaparse.template.templates import REVIEW_GROUPS, REVIEW_RESULTS, ROW_LABELS, LabelSpec, TemplateTable
from giaparse.text.normalise import label_key
from giaparse.text.numbering import outline_level, strip_numbering
from giaparse.values import CellValue, Placement

#: Ways of giving a table's floating number units to its rows tried; past it the table is not read.
MAX_ALIGNMENTS = 64
#: Share of a table's rows whose labels must be found for the stream to hold the table.
MIN_ROWS = 0.6
#: A text token longer than this is prose, never a row label.
MAX_LABEL_CHARS = 60
#: Text tokens joined back into one label (a label wrapped over lines or split by spaces).
MAX_LABEL_PIECES = 3

Cell = tuple[str, str]
_RUN_IN = regex.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class _Anchor:
    key: str
    first: int   # token index of the label's first piece
    last: int    # ... and of its last
    #: Figures run into the label's own text (``规章000``): its cells are a digit run, not
    #: tokens; the stream does not read them (``inline`` does), it only anchors on it.
    run_in: bool = False


@dataclass
class _Unit:
    tokens: list[int]            # token indices, in order

    @property
    def first(self) -> int:
        return self.tokens[0]

    @property
    def last(self) -> int:
        return self.tokens[-1]


@dataclass
class _TableSpec:
    """What the alignment needs of one table: its rows in order and their cells."""

    name: str
    rows: list[str]
    cells: Callable[[str], tuple[Cell, ...]]
    kinds: Callable[[str], tuple[str, ...]] = lambda key: ()
    identities: list[Identity] = field(default_factory=list)
    match: Callable[[str, tuple[str, ...]], str | None] = lambda label, ancestors: None
    #: The label's row by the template's patterns alone (``match`` may be tolerant too: a wrapped or
    #: clipped label, ``match.tolerant_key``); None: ``match`` is the patterns.
    exact: Callable[[str, tuple[str, ...]], str | None] | None = None


@dataclass
class StreamReading:
    """The cells of one table read from a stream, with where each came from."""

    cells: dict[Cell, CellValue]
    warnings: list[ParseWarning]
    #: The one reading of empty lines as blank cells ``(cell gap, row gap, lines per blank)`` that
    #: every surviving alignment used, where the table's rows confirmed it; empty otherwise.
    blank_model: tuple[tuple[int, int, int], ...] = ()


# ------------------------------------------------------------------ tables --

def _request_spec(template: TemplateTable) -> _TableSpec:
    rows = [s.key for s in template.request_rows]
    wording = {k: ROW_LABELS[k] for k in rows}

    def exact(label: str, anc: tuple[str, ...]) -> str | None:
        return first_match(template.request_rows, label, anc)

    def match(label: str, anc: tuple[str, ...]) -> str | None:
        found = exact(label, anc)
        if found is None and (fits := tolerant_key(label, wording)) is not None:
            found = fits[0]
        return found

    return _TableSpec("requests", rows, lambda key: tuple((key, c) for c in ids.REQUEST_COLUMNS),
                      identities=ids.request_identities(rows), match=match, exact=exact)


def _proactive_spec(template: TemplateTable) -> _TableSpec:
    fields = {i.key: i.fields for i in template.proactive_items}
    kinds = {"change": "change", "amount": "money"}
    specs = tuple(LabelSpec(i.key, i.pattern) for i in template.proactive_items)
    return _TableSpec("proactive", list(fields), lambda key: tuple((key, f) for f in fields[key]),
                      kinds=lambda key: tuple(kinds.get(f, "count") for f in fields[key]),
                      match=lambda label, anc: first_match(specs, label))


_REVIEW_CELLS = tuple((g, r) for g in ids.REVIEW_GROUPS for r in (*ids.REVIEW_RESULTS, "total"))
_RESULT_WORDS = tuple(w for _, words in REVIEW_RESULTS for w in words)


# ----------------------------------------------------------------- anchors --

def _is_label_piece(token: StreamToken) -> bool:
    return token.kind is TokenKind.TEXT and len(token.text) <= MAX_LABEL_CHARS


def _joinable(a: StreamToken, b: StreamToken) -> bool:
    """``b`` may continue ``a``'s label: the same line, or the next line with no empty line between
    (or only a page-number line: a label broken by a page break; the join must still match a label)."""
    if a.line is not None and b.line == a.line:
        return True
    return b.first_on_line and (b.blanks_before == 0 or b.blanks_before is None)


def _candidates(tokens: Sequence[StreamToken], spec: _TableSpec) -> list[_Anchor]:
    """Every (label, row) the text tokens can be: each piece alone, then joined with its neighbours."""
    out: list[_Anchor] = []
    ancestors: list[str] = []
    for i, token in enumerate(tokens):
        if not _is_label_piece(token):
            continue
        level = outline_level(token.text)
        if level is not None and level <= 2:
            ancestors = [a for a in ancestors if (outline_level(a) or 9) < level] + [token.text]
        text, last = "", i
        for j in range(i, min(len(tokens), i + MAX_LABEL_PIECES)):
            if j > i and not (_is_label_piece(tokens[j]) and _joinable(tokens[j - 1], tokens[j])):
                break
            if j > i and outline_level(tokens[j].text) is not None:
                break  # a numbered piece starts a label of its own
            text += tokens[j].text
            key = spec.match(text, tuple(a for a in ancestors if a != token.text))
            if key is None and outline_level(text) == 3:
                # A numbered sub-row whose group label is not printed (3.其他 under （六）其他处理):
                # any group may be its parent; the chain's template order places it.
                key = spec.match(text, _GROUP_WORDING)
            if key is not None:
                last = j
                out.append(_Anchor(key, i, last, _RUN_IN.search(strip_numbering(text)) is not None))
    return out


def _chain(anchors: list[_Anchor], order: Sequence[str]) -> list[_Anchor]:
    """The longest run of anchors increasing both in the stream and in the template's row order.

    Ties go to the chain whose anchors lie closest together (a label word met
    again later in the prose does not pull a row away from its table).
    """
    rank = {k: i for i, k in enumerate(order)}
    anchors = sorted(anchors, key=lambda a: (a.first, -a.last))
    best: list[tuple[int, int, int]] = []  # (length, -span, previous index)
    for j, a in enumerate(anchors):
        here = (1, 0, -1)
        for i in range(j):
            b = anchors[i]
            if b.last < a.first and rank[b.key] < rank[a.key]:
                length, span, _ = best[i]
                cand = (length + 1, span - (a.first - b.last), i)
                if cand[:2] > here[:2]:
                    here = cand
        best.append(here)
    if not best:
        return []
    end = max(range(len(best)), key=lambda j: (best[j][0], best[j][1], -j))
    chain = []
    while end >= 0:
        chain.append(anchors[end])
        end = best[end][2]
    return chain[::-1]


# ------------------------------------------------------------------- units --

def _units(tokens: Sequence[StreamToken], start: int, end: int) -> list[_Unit]:
    """Runs of number tokens with no text between; a line of several figures ends its run
    where the next line of several figures starts (two rows' lines, one a row without a label)."""
    per_line = Counter(t.line for t in tokens[start:end] if t.kind is TokenKind.NUMBER)
    out: list[_Unit] = []
    current: list[int] = []
    for i in range(start, end):
        if tokens[i].kind is TokenKind.NUMBER:
            if (current and tokens[i].line != tokens[current[-1]].line
                    and per_line[tokens[i].line] >= 2 and per_line[tokens[current[-1]].line] >= 2):
                out.append(_Unit(current))
                current = []
            current.append(i)
        elif current:
            out.append(_Unit(current))
            current = []
    if current:
        out.append(_Unit(current))
    return out


def _gap(tokens: Sequence[StreamToken], i: int) -> int | None:
    """Empty lines before token ``i`` when it starts its line; None when unknown or on the same line."""
    t = tokens[i]
    return t.blanks_before if t.first_on_line else None


def _cell_per_line(tokens: Sequence[StreamToken], unit: _Unit) -> bool:
    return all(tokens[i].first_on_line for i in unit.tokens)


def _owners(tokens: Sequence[StreamToken], chain: list[_Anchor], units: list[_Unit], cell_order: bool = False
            ) -> list[list[int]]:
    """For each unit, the anchors (indices into ``chain``) it may belong to, by layout alone.

    ``cell_order``: every token of the table's region starts a line of its own (no figure shares a
    line with a label anywhere in it): the text is the table's own cells in order, label first."""
    lines = {tokens[k].line: n for n, a in enumerate(chain) for k in range(a.first, a.last + 1)
             if tokens[k].line is not None}
    # An anchor on one line with figures on that line has its unit: a floating unit is never its.
    # (A label joined over several lines may have taken a piece of the next row's: not told.)
    own = {n for unit in units
           if len(on := {lines[tokens[i].line] for i in unit.tokens if tokens[i].line in lines}) == 1
           for n in on if tokens[chain[n].first].line == tokens[chain[n].last].line}
    out = []
    for unit in units:
        on_line = {lines[tokens[i].line] for i in unit.tokens if tokens[i].line in lines}
        if len(on_line) == 1:
            out.append(list(on_line))
            continue
        if len(on_line) > 1:
            out.append([])  # figures on two labels' lines: whose is whose is not told
            continue
        before = max((n for n, a in enumerate(chain) if a.last < unit.first), default=None)
        after = min((n for n, a in enumerate(chain) if a.first > unit.last), default=None)
        # Text between a label and a unit is only ever that label's own wording or a piece of a
        # group label (a wrapped line, 果 of 三、本年度办理结果); anything else (another row's label
        # that matched nothing, a header) stands between them: the unit is not that label's.
        if before is not None and not _only_fragments(tokens, chain[before].last + 1, unit.first, chain[before].key):
            before = None
        if after is not None and not _only_fragments(tokens, unit.last + 1, chain[after].first, chain[after].key):
            after = None
        if after is not None and not _only_fragments(tokens, _line_start(tokens, unit.first), unit.first,
                                                     chain[after].key):
            # Figures printed after other text on their line are that text's: a dump prints a row's
            # figures above its label only on a line of figures.
            after = None
        before = None if before in own else before
        after = None if after in own else after
        owners = [n for n in (before, after) if n is not None]
        if after is not None and _cell_per_line(tokens, unit):
            if len(unit.tokens) > 1:
                # Figures one per line, several in a row: a table's own cell order (HTML, Word text),
                # where a row's label cell comes first. PDF dumps print a row's figures on one line.
                owners = [before] if before is not None else []
            else:
                # One figure: after its label when it is closer to it than to the next label.
                inside = _gap(tokens, unit.first)
                nxt = next((k for k in range(unit.last + 1, len(tokens)) if tokens[k].kind is TokenKind.TEXT), None)
                outside = _gap(tokens, nxt) if nxt is not None else None
                if before is not None and (cell_order or (inside is not None and outside is not None
                                                          and inside < outside)):
                    owners = [before]
        out.append(owners)
    return out


def _line_start(tokens: Sequence[StreamToken], i: int) -> int:
    """The index of the first token on token ``i``'s line."""
    while i > 0 and not tokens[i].first_on_line:
        i -= 1
    return i


#: Group labels of table 3: printed as cells of their own, or in pieces beside a row's label.
_GROUP_WORDING = ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理")


def _only_fragments(tokens: Sequence[StreamToken], start: int, end: int, key: str) -> bool:
    """Whether every text token in ``tokens[start:end]`` is a piece of ``key``'s template wording
    or of a group label."""
    wording = (*ROW_LABELS.get(key, ()), *_GROUP_WORDING)
    bare, numbered = [key_of(w) for w in wording], [label_key(w) for w in wording]
    for k in range(start, end):
        t = tokens[k]
        if t.kind is not TokenKind.TEXT:
            continue
        if outline_level(t.text) is not None:  # a numbered piece: its number must fit too (3.其他 is a row)
            if not any(label_key(t.text) in w for w in numbered):
                return False
        elif not any((key_of(t.text) or t.text) in w for w in bare):
            return False
    return True


def _alignments(owners: list[list[int]], capacity: list[int], units: list[_Unit]) -> list[dict[int, int]] | None:
    """Every assignment unit → anchor, each anchor taking at most one unit and no more figures than
    it has cells; a unit no anchor can take stays unread. None past ``MAX_ALIGNMENTS``."""
    out: list[dict[int, int]] = []

    def walk(u: int, taken: dict[int, int]) -> bool:
        if u == len(units):
            out.append(dict(taken))
            return len(out) <= MAX_ALIGNMENTS
        options = [n for n in owners[u] if n not in taken.values() and len(units[u].tokens) <= capacity[n]]
        if not options:  # no row can take it (its own label matched nothing): its figures are not read
            return walk(u + 1, taken)
        for n in options:
            taken[u] = n
            if not walk(u + 1, taken):
                return False
            del taken[u]
        if any(n in owners[v] for v in range(u + 1, len(units)) for n in options):
            # A later unit may be that row's instead (行政处罚 | header | 2302 | 行政强制 | 45): this one
            # may then be no row's (its own label matched nothing, or it is the row before's).
            return walk(u + 1, taken)
        return True

    if not walk(0, {}):
        return None
    return out


# --------------------------------------------------------- layout evidence --

def _blank_step(tokens: Sequence[StreamToken], rows: list[tuple[_Anchor, _Unit]], n_cells: Callable[[str], int],
                chain: Sequence[_Anchor]) -> list[tuple[int, int, int]]:
    """The ways empty lines can count blank cells in this table: ``(cell gap, row gap, lines per blank)``.

    Cell-per-line text separates a row's cells by ``c`` empty lines and rows
    by ``r``; a blank cell adds ``s`` more (1 where it is an extra empty line,
    ``c + 1`` where it is an empty cell written like any other). Each
    ``(c, r, s)`` is kept only if every row of the table agrees with it: every
    gap a whole number of blanks, and no row holding more cells than the
    template gives it (and exactly as many where its end is seen). Empty when
    the text has no such evidence (figures on shared lines, no empty lines).
    """
    inner: list[int] = []
    for anchor, unit in rows:
        if not _cell_per_line(tokens, unit):
            return []
        inner += [g for i in unit.tokens if (g := _gap(tokens, i)) is not None]
    if not inner:
        return []
    c = min(inner)
    if Counter(inner)[c] < 3:
        return []  # no regular cell gap seen (a wrong one would fail the row counts below anyway)
    ends = [_end_gap(tokens, unit, chain) for _, unit in rows]
    seen_ends = [e for e in ends if e is not None]
    if not seen_ends:
        return []
    r = Counter(seen_ends).most_common(1)[0][0]
    if r <= c:
        return []
    # Only a row with fewer figures than cells and its end seen could have told a model wrong
    # (blanks gone altogether, every gap the cell gap): without one, none is confirmed.
    if not any(e is not None and len(unit.tokens) < n_cells(anchor.key) for (anchor, unit), e in zip(rows, ends)):
        return []
    out = []
    for s in sorted({1, c + 1}):
        ok = True
        for (anchor, unit), end in zip(rows, ends):
            if any(_gap(tokens, i) is None for i in unit.tokens):
                continue  # a page break inside the row: it says nothing of the model
            steps = _steps(tokens, unit, end, c, r, s)
            if steps is None:
                ok = False
                break
            inside = sum(x for x in steps[:-1] if x is not None) + len(unit.tokens)
            if inside > n_cells(anchor.key) or (steps[-1] is not None and inside + steps[-1] != n_cells(anchor.key)):
                ok = False
                break
        if ok:
            out.append((c, r, s))
    return out


def _end_gap(tokens: Sequence[StreamToken], unit: _Unit, chain: Sequence[_Anchor]) -> int | None:
    """Empty lines after a row's last figure, where what follows starts the table's next row
    (its label, or a group label cell before it); None at a table's end or a band's header."""
    nxt = unit.last + 1
    anchor = next((a for a in chain if a.first > unit.last), None)
    if anchor is None or nxt >= len(tokens) or not _only_fragments(tokens, nxt, anchor.first, anchor.key):
        return None
    return _gap(tokens, nxt)


def _steps(tokens: Sequence[StreamToken], unit: _Unit, end_gap: int | None, c: int, r: int, s: int
           ) -> list[int | None] | None:
    """Blank cells before each figure of ``unit`` and after its last (None: not told); None if a gap fits no count."""
    out: list[int | None] = []
    for i in unit.tokens:
        g = _gap(tokens, i)
        if g is None or (g - c) % s or g < c:
            return None
        out.append((g - c) // s)
    if end_gap is None or end_gap < r or (end_gap - r) % s:
        out.append(None)
    else:
        out.append((end_gap - r) // s)
    return out


# ---------------------------------------------------------------- reading --

def _row_text(spec: _TableSpec, key: str, tokens: Sequence[StreamToken], unit: _Unit,
              steps: list[int | None] | None) -> RowText:
    gaps = None
    if steps is not None:
        gaps = tuple((x, x) if x is not None else (0, None) for x in steps)
    return RowText(spec.cells(key), tuple(tokens[i].text for i in unit.tokens), True, spec.kinds(key),
                   whole=True, gaps=gaps)


@dataclass
class _Outcome:
    solved: Solved
    units: dict[str, _Unit]     # row key -> its unit
    blank_rows: list[str]
    model: tuple[int, int, int] | None = None


def _read_alignment(spec: _TableSpec, tokens: Sequence[StreamToken], chain: list[_Anchor], units: list[_Unit],
                    assigned: dict[int, int], model: tuple[int, int, int] | None,
                    stated: Mapping[Cell, float]) -> _Outcome:
    by_anchor = {n: units[u] for u, n in assigned.items()}
    rows: list[RowText] = []
    row_units: dict[str, _Unit] = {}
    blank: list[str] = []
    for n, anchor in enumerate(chain):
        unit = by_anchor.get(n)
        if anchor.run_in:
            continue
        if unit is None:
            blank.append(anchor.key)
            continue
        steps = None
        if model is not None:
            c, r, s = model
            steps = _steps(tokens, unit, _end_gap(tokens, unit, chain), c, r, s)
        rows.append(_row_text(spec, anchor.key, tokens, unit, steps))
        row_units[anchor.key] = unit
    # A row whose label stands with no figure after it is blank in this alignment: 0 in the sums.
    known = {cell: 0.0 for key in blank for cell in spec.cells(key)}
    solved = solve(spec.name, rows, spec.identities, known, stated=stated)
    complete = not blank and all(len(u.tokens) == len(spec.cells(k)) for k, u in row_units.items())
    if not complete:
        _doubt_failing_rows(spec, solved, row_units)
    if 2 * len(blank) > len(chain):
        _doubt_unconfirmed_rows(spec, solved, row_units, known)
    return _Outcome(solved, row_units, blank, model)


def _holds(ident: Identity, value: Callable[[Cell], float | None]) -> bool | None:
    """Whether ``ident`` holds under ``value`` (None: a term is unknown)."""
    terms = [value((r, c)) for _, r, c in ident.left + ident.right]
    if any(v is None for v in terms):
        return None
    left = sum(terms[:len(ident.left)])
    right = sum(terms[len(ident.left):])
    return abs(left - right) <= 1e-6


def _doubt_unconfirmed_rows(spec: _TableSpec, solved: Solved, row_units: Mapping[str, _Unit],
                            known: Mapping[Cell, float]) -> None:
    """In an alignment where most rows' labels have no figures after them, null each row nothing
    outside itself confirms.

    Such a stream does not follow the table's order (a PDF text dump that read down the columns or
    interleaved rows): that a row's label is followed by as many figures as it has cells says little
    of which figure is which cell, and the row's own sum cannot tell, since any reordering of its
    applicant figures keeps it. A row with a sum of its own stays only where an identity across rows
    (a column sum), fully known and holding, takes its cells."""
    def value(cell: Cell) -> float | None:
        if cell in known:
            return known[cell]
        v = solved.cells.get(cell)
        return None if v is None or v.value is None else float(v.value)

    for key in row_units:
        cells = spec.cells(key)
        if all(solved.cells.get(c) is None or solved.cells[c].value is None for c in cells):
            continue
        own = [i for i in spec.identities if set(i.cells) <= set(cells)]
        across = [i for i in spec.identities if any(c in cells for c in i.cells) and not set(i.cells) <= set(cells)]
        if not own or any(_holds(i, value) for i in across):
            continue  # a row with no sum of its own (table 2) is not what its sum cannot tell
        figures = " ".join("?" if solved.cells.get(c) is None or solved.cells[c].raw is None
                           else str(solved.cells[c].raw) for c in cells)
        for cell in cells:
            solved.cells[cell] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
            solved.pieces.pop(cell, None)
        solved.warnings.append(ParseWarning(
            WarningCode.CELL_AMBIGUOUS,
            f"{spec.name}.{key}: the cell stream places figures after its label ({figures}), but most of the "
            "table's labels have none after them (the text does not follow the table's order) and no identity "
            "across rows confirms these; which figure is which cell is not told, so its cells are left null",
            spec.name, key, cause=f"{spec.name}: figures placed by their order in a text that does not follow the "
                                  "table's order, confirmed by no identity across rows; those rows' cells are "
                                  "left null",
            detail=f"{key}: {figures}"))


def _doubt_failing_rows(spec: _TableSpec, solved: Solved, row_units: Mapping[str, _Unit]) -> None:
    """Null the cells of each row whose own identity (its total) fails under this alignment.

    The stream gives a row its figures by their place after its label, not by a grid's cell; a
    row whose own sum fails is evidence that the figures are not its (a converter that read down
    the table's columns, a row's figures taken by its neighbour). Where the alignment is complete
    (every row's label followed by exactly its cells, none blank) the placement is as sure as a
    grid's, and the report's own arithmetic error is the better explanation: it keeps its numbers.
    An alignment under which every row's sum holds outranks this one (``_agree``: it keeps more rule
    families), so the nulls stand only where no placement of the figures makes them hold."""
    for key in row_units:
        cells = set(spec.cells(key))
        for ident in spec.identities:
            if not set(ident.cells) <= cells:
                continue
            values = [solved.cells.get(c) for c in ident.cells]
            if any(v is None or v.value is None for v in values):
                continue
            left = sum(solved.cells[(r, c)].value for _, r, c in ident.left)  # type: ignore[misc]
            right = sum(solved.cells[(r, c)].value for _, r, c in ident.right)  # type: ignore[misc]
            if abs(left - right) <= 1e-6:
                continue
            figures = " ".join(str(solved.cells[c].raw) for c in spec.cells(key))
            for cell in spec.cells(key):
                solved.cells[cell] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
                solved.pieces.pop(cell, None)
            solved.warnings.append(ParseWarning(
                WarningCode.CELL_AMBIGUOUS,
                f"{spec.name}.{key}: the figures the cell stream places after its label ({figures}) break the "
                f"row's own identity ({ident.check_id}: {left:g} != {right:g}); figures placed by their order "
                "in the text that fail their row's sum are not taken as the row's, so its cells are left null",
                spec.name, key, cause=f"{spec.name}: figures placed by their order in the text break their row's "
                                      f"own sum ({ident.check_id}); those rows' cells are left null",
                detail=f"{key}: {figures} ({ident.check_id}: {left:g} != {right:g})"))
            break


def _agree(spec: _TableSpec, outcomes: list[_Outcome], tokens: Sequence[StreamToken], where: str
           ) -> StreamReading:
    """Cells every surviving alignment reads alike; the rest null with a warning naming the readings."""
    best = max((len(o.solved.families_used) for o in outcomes), default=0)
    alive = [o for o in outcomes if len(o.solved.families_used) == best]
    cells: dict[Cell, CellValue] = {}
    warnings: list[ParseWarning] = []
    row_keys = list(dict.fromkeys(k for o in alive for k in (*o.units, *o.blank_rows)))
    for key in row_keys:
        for cell in spec.cells(key):
            readings = []
            for o in alive:
                if key in o.blank_rows:
                    readings.append(("blank", None, None))
                    continue
                value = o.solved.cells.get(cell)
                if value is None or value.problem is WarningCode.CELL_AMBIGUOUS:
                    readings.append(("ambiguous", None, None))
                    continue
                piece = o.solved.pieces.get(cell)
                token = o.units[key].tokens[piece] if piece is not None else None
                readings.append(("value", value, token))
            kinds = {r[0] for r in readings}
            values = {(r[1].value, r[1].raw) if r[1] is not None else None for r in readings}
            if kinds == {"value"} and len(values) == 1:
                token = readings[0][2] if len({r[2] for r in readings}) == 1 else None
                source = tokens[token].source if token is not None else None
                cells[cell] = readings[0][1].located(source, Placement.CELL_STREAM)
            elif kinds <= {"blank"} or (kinds == {"value"} and values == {(None, None)}):
                cells[cell] = CellValue(None, None, WarningCode.CELL_MISSING)
            else:
                cells[cell] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
                shown = sorted({"blank" if r[0] == "blank" else "?" if r[0] == "ambiguous" else str(r[1].raw)
                                for r in readings})
                warnings.append(ParseWarning(
                    WarningCode.CELL_AMBIGUOUS,
                    f"{spec.name}.{cell[0]}.{cell[1]}: {where} can be aligned with the template {len(alive)} ways "
                    f"that fit its arithmetic and layout, reading this cell as {' / '.join(shown)}; left null",
                    spec.name, cell[0], cell[1],
                    cause=f"{spec.name}: the {where} can be aligned with the template {len(alive)} ways that fit "
                          "its arithmetic and layout; the cells they read differently are left null",
                    detail=f"{cell[0]}.{cell[1]}: {' / '.join(shown)}"))
    models = {o.model for o in alive}
    blank_model = (next(iter(models)),) if len(models) == 1 and None not in models else ()
    if len(alive) == 1:
        warnings += [w for w in alive[0].solved.warnings if w.code is not WarningCode.CELLS_SPLIT_BY_ARITHMETIC]
    else:
        # Each alignment's own ambiguity is already folded in above; keep what all of them say of blanks,
        # and each row an alignment doubted for its own failing sum (``_doubt_failing_rows``).
        warnings += [w for w in alive[0].solved.warnings if w.code is WarningCode.CELL_MISSING]
        doubted = {w.message: w for o in alive for w in o.solved.warnings
                   if w.code is WarningCode.CELL_AMBIGUOUS and ("own identity" in w.message
                                                               or "table's order" in w.message)}
        warnings += doubted.values()
    for key in row_keys:
        if all(key in o.blank_rows for o in alive):
            warnings.append(ParseWarning(WarningCode.CELL_MISSING,
                                         f"{spec.name}.{key}: no figures follow the row's label in the {where}; "
                                         "its cells are blank (null)", spec.name, key,
                                         cause=f"{spec.name}: no figures follow these rows' labels in the {where}; "
                                               "their cells are blank (null)"))
    return StreamReading(cells, _every_null_named(spec.name, cells, warnings), blank_model)


def _read_rows(spec: _TableSpec, stream: CellStream, stated: Mapping[Cell, float], start: int = 0
               ) -> tuple[StreamReading, int] | None:
    """The table ``spec`` from ``stream`` (tokens from ``start``), and the token index where it ends; None if absent."""
    tokens = stream.tokens
    chain = _chain([a for a in _candidates(tokens, spec) if a.first >= start], spec.rows)
    if len(chain) < max(2, round(MIN_ROWS * len(spec.rows))):
        return None
    read = _read_chain(spec, stream, stated, start, chain)
    if read is not None:
        read[0].warnings.extend(_tolerated(spec, tokens, chain))
    return read


def _tolerated(spec: _TableSpec, tokens: Sequence[StreamToken], chain: list[_Anchor]) -> list[ParseWarning]:
    """A warning for each row of the chain whose label only the tolerant comparison named."""
    out = []
    for a in chain:
        text = "".join(tokens[k].text for k in range(a.first, a.last + 1))
        if spec.exact is None or spec.exact(text, ()) is not None or spec.exact(text, _GROUP_WORDING) is not None:
            continue
        out.append(ParseWarning(
            WarningCode.LABEL_FUZZY_MATCH,
            f"{spec.name}.{a.key}: row label {text!r} deviates from the template; taken as "
            f"{ROW_LABELS[a.key][0]!r} (a wrapped or clipped label that fits no other row; its place in "
            "the table agrees)", spec.name, a.key, detail=f"{text!r} as {ROW_LABELS[a.key][0]!r}",
            cause="row labels off the template's wording, each taken as its clearly nearest template row "
                  "where its place in the table agrees"))
    return out


def _read_chain(spec: _TableSpec, stream: CellStream, stated: Mapping[Cell, float], start: int,
                chain: list[_Anchor]) -> tuple[StreamReading, int] | None:
    tokens = stream.tokens
    begin = _region_start(tokens, chain[0].first, start)
    finish = _region_end(tokens, chain[-1])
    units = _units(tokens, begin, finish)
    # Cell-per-line throughout: the table's own cell order (a PDF text dump prints a row's figures on
    # its label's line, a figure line above a label only beside labels that share lines with figures).
    cell_order = all(tokens[i].first_on_line for i in range(begin, finish))
    owners = _owners(tokens, chain, units, cell_order)
    capacity = [0 if a.run_in else len(spec.cells(a.key)) for a in chain]
    where = f"{stream.origin or 'text'} (lines {tokens[chain[0].first].line}–{tokens[finish - 1].line})"
    assignments = _alignments(owners, capacity, units)
    if assignments is None:
        warnings = [ParseWarning(WarningCode.CELL_AMBIGUOUS,
                                 f"{spec.name}: its figures in the {where} can be given to its rows in more than "
                                 f"{MAX_ALIGNMENTS} ways (the search is bounded); its cells are left null", spec.name,
                                 rows=list(dict.fromkeys(a.key for a in chain)))]
        return StreamReading({c: CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
                              for a in chain for c in spec.cells(a.key)}, warnings), finish
    outcomes: list[_Outcome] = []
    for assigned in assignments:
        pairs = [(chain[n], units[u]) for u, n in sorted(assigned.items(), key=lambda kv: kv[1])]
        models: list[tuple[int, int, int] | None] = list(
            _blank_step(tokens, pairs, lambda k: len(spec.cells(k)), chain))
        for model in models or [None]:
            outcomes.append(_read_alignment(spec, tokens, chain, units, assigned, model, stated))
    if not outcomes:
        return None  # no way to give every unit a row: the stream does not hold this table as cells
    return _agree(spec, outcomes, tokens, where), finish


def _region_start(tokens: Sequence[StreamToken], first: int, floor: int) -> int:
    """Where the table's figures may begin: after the last text token before its first label
    (a number line printed above the first label is the first row's)."""
    k = first
    while k - 1 >= floor and tokens[k - 1].kind is TokenKind.NUMBER:
        k -= 1
    return k


def _region_end(tokens: Sequence[StreamToken], anchor: _Anchor) -> int:
    """Just past the figures that follow the last label (up to the next text that is not a piece of
    that label's wording: a heading right after a row with no figures is not its continuation)."""
    k = anchor.last + 1
    while k < len(tokens) and tokens[k].kind is TokenKind.TEXT and _is_label_piece(tokens[k]) \
            and _joinable(tokens[k - 1], tokens[k]) and _only_fragments(tokens, k, k + 1, anchor.key):
        k += 1  # the label's own continuation
    while k < len(tokens) and tokens[k].kind is TokenKind.NUMBER:
        k += 1
    return k


# ------------------------------------------------------------------ table 4 --

def _review_group(text: str) -> str | None:
    return first_match(REVIEW_GROUPS, text)


def _is_review_word(text: str) -> bool:
    key = key_of(text)
    return bool(key) and (_review_group(text) is not None or any(w in key or key in w for w in _RESULT_WORDS)
                          or key in ("行政诉讼", "总", "计"))


def _read_review(stream: CellStream, start: int, stated: Mapping[Cell, float],
                 confirmed: Sequence[tuple[int, int, int]] = ()) -> StreamReading | None:
    """Table 4: one row of 15 figures after its header, or a unit of 5 after each group's label.

    Its one row never shows where it ends, so its empty lines count blank cells only
    by a reading table 3's rows confirmed in the same text (``confirmed``)."""
    tokens = stream.tokens
    head = next((i for i in range(start, len(tokens)) if tokens[i].kind is TokenKind.TEXT
                 and _review_group(tokens[i].text) is not None and len(tokens[i].text) <= 12), None)
    if head is None:
        return None
    k = head
    groups: list[tuple[str | None, _Unit]] = []
    named: list[str] = []  # group labels since the last unit
    heads: Counter[str] = Counter()  # result sub-heads (结果维持 …) since the last unit
    one_row = False
    while k < len(tokens):
        t = tokens[k]
        if t.kind is TokenKind.NUMBER:
            unit = _units(tokens, k, len(tokens))[0]
            # A header naming several groups, or the results' sub-heads more than once (行政复议 |
            # 行政诉讼 over 15 sub-heads): one row for all three groups, whatever group was named last.
            one_row = one_row or len(set(named)) > 1 or any(n > 1 for n in heads.values())
            groups.append((named[-1] if len(set(named)) == 1 else None, unit))
            named, heads = [], Counter()
            k = unit.last + 1
            continue
        if not _is_review_word(t.text):
            break
        if (g := _review_group(t.text)) is not None:
            named.append(g)
        elif (word := key_of(t.text)) in _RESULT_WORDS:
            heads[word] += 1
        k += 1
    if not groups:
        return None
    identities = ids.review_total()
    if len(groups) == 1 and (one_row or len(groups[0][1].tokens) > 5):
        shapes = [(_REVIEW_CELLS, groups[0][1])]
    else:
        named = {g: u for g, u in groups if g is not None}
        if len(named) != len(groups) or any(len(u.tokens) > 5 for u in named.values()):
            return None
        shapes = [(tuple((g, r) for r in (*ids.REVIEW_RESULTS, "total")), u) for g, u in named.items()]
    readings = []
    for model in [m for m in _review_models(tokens, head, k, shapes) if m in confirmed] or [None]:
        rows = []
        for cells_of_row, unit in shapes:
            gaps = None
            if model is not None:
                c, r, s = model
                first, *inner = [_gap(tokens, i) for i in unit.tokens]
                counts = [(first - r) // s] + [(g - c) // s for g in inner]  # type: ignore[operator]
                gaps = tuple((x, x) for x in counts) + ((0, None),)
            rows.append(RowText(cells_of_row, tuple(tokens[i].text for i in unit.tokens), True, whole=True, gaps=gaps))
        readings.append(solve("review_litigation", rows, identities, stated=stated))
    cells: dict[Cell, CellValue] = {}
    warnings: list[ParseWarning] = []
    for cells_of_row, unit in shapes:
        for cell in cells_of_row:
            values = [sv.cells.get(cell, CellValue(None, None, WarningCode.CELL_MISSING)) for sv in readings]
            pieces = {sv.pieces.get(cell) for sv in readings}
            if len({(v.value, v.raw, v.problem) for v in values}) == 1:
                value, piece = values[0], next(iter(pieces)) if len(pieces) == 1 else None
                source = tokens[unit.tokens[piece]].source if piece is not None else None
                cells[cell] = value.located(source, Placement.CELL_STREAM) if value.value is not None else value
            else:
                cells[cell] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS)
                warnings.append(ParseWarning(
                    WarningCode.CELL_AMBIGUOUS,
                    f"review_litigation.{cell[0]}.{cell[1]}: the empty lines of the text can be read "
                    f"{len(readings)} ways, giving {' / '.join(sorted({str(v.raw) for v in values}))}; left null",
                    "review_litigation", cell[0], cell[1],
                    cause=f"review_litigation: the empty lines of the text can be read {len(readings)} ways; "
                          "the cells they read differently are left null",
                    detail=f"{cell[0]}.{cell[1]}: {' / '.join(sorted({str(v.raw) for v in values}))}"))
    if len(readings) == 1:
        warnings += [w for w in readings[0].warnings if w.code is not WarningCode.CELLS_SPLIT_BY_ARITHMETIC]
    return StreamReading(cells, _every_null_named("review_litigation", cells, warnings))


def _every_null_named(table: str, cells: Mapping[Cell, CellValue], warnings: list[ParseWarning]
                      ) -> list[ParseWarning]:
    """``warnings`` plus one for each null cell no warning names yet (its figures could not be placed)."""
    named = {(w.row, w.column) for w in warnings if w.table in (None, table)}
    out = list(warnings)
    for (row, col), value in cells.items():
        if value.value is None and not {(None, None), (row, None), (row, col)} & named:
            out.append(ParseWarning(value.problem or WarningCode.CELL_AMBIGUOUS,
                                    f"{table}.{row}.{col}: the cell stream's figures for it could not be placed "
                                    "(too many ways, or none that fits the cell forms and the arithmetic); left null",
                                    table, row, col,
                                    cause=f"{table}: the cell stream's figures for these cells could not be placed "
                                          "(too many ways, or none that fits the cell forms and the arithmetic)"))
    return out


def _review_models(tokens: Sequence[StreamToken], head: int, end: int,
                   shapes: list[tuple[tuple[Cell, ...], _Unit]]) -> list[tuple[int, int, int]]:
    """The ``(cell gap, row gap, lines per blank)`` readings of table 4's empty lines that fit every unit
    (see ``_blank_step``); a unit's first figure starts a row, the others follow a cell."""
    if not all(_cell_per_line(tokens, u) and all(_gap(tokens, i) is not None for i in u.tokens) for _, u in shapes):
        return []
    inner = [g for _, u in shapes for i in u.tokens[1:] if (g := _gap(tokens, i)) is not None]
    text_gaps = [g for i in range(head + 1, end) if tokens[i].kind is TokenKind.TEXT
                 and (g := _gap(tokens, i)) is not None]
    if not inner or Counter(inner)[min(inner)] < 3:
        return []
    c = min(inner)
    above = [g for g in text_gaps if g > c]
    if not above:
        return []
    r = min(above)
    out = []
    for s in sorted({1, c + 1}):
        ok = True
        for cells_of_row, unit in shapes:
            first, *rest = [_gap(tokens, i) for i in unit.tokens]
            assert first is not None
            if first < r or (first - r) % s or any(g is None or g < c or (g - c) % s for g in rest):
                ok = False
                break
            used = len(unit.tokens) + (first - r) // s + sum((g - c) // s for g in rest if g is not None)
            if used > len(cells_of_row):
                ok = False
                break
        if ok:
            out.append((c, r, s))
    return out


# ------------------------------------------------------------------- entry --

def stream_tables(streams: Sequence[CellStream], template: TemplateTable, text: str,
                  wanted: Sequence[str] = ("proactive", "requests", "review_litigation")
                  ) -> dict[str, StreamReading]:
    """The tables among ``wanted`` that the streams hold, each as its cells and warnings.

    ``text`` is the document's narrative (for the figures it states).
    """
    out: dict[str, StreamReading] = {}
    ran: set[str] = set()
    for stream in streams:
        end_of_requests = 0
        if "proactive" in wanted and "proactive" not in out:
            read = _read_rows(_proactive_spec(template), stream, stated_cells(text, "proactive"))
            if read is not None:
                out["proactive"] = read[0]
        if "requests" in wanted and "requests" not in out:
            read = _read_rows(_request_spec(template), stream, stated_cells(text, "requests"))
            if read is not None:
                out["requests"], end_of_requests = read
        if "review_litigation" in wanted and "review_litigation" not in out:
            review = _read_review(stream, end_of_requests, stated_cells(text, "review_litigation"),
                                  out["requests"].blank_model if "requests" in out else ())
            if review is not None:
                out["review_litigation"] = review
        for table in ("requests", "review_litigation"):  # figures in runs away from their labels
            if table in wanted and table not in ran:
                runs = read_table_runs(stream.tokens, table, request_orders(template)[1])
                if runs is not None:
                    ran.add(table)
                    out[table] = _with_runs(out.get(table), runs, table)
    return out


def _with_runs(reading: StreamReading | None, runs: RunsReading, table: str) -> StreamReading:
    if reading is None:
        return StreamReading(dict(runs.cells), list(runs.warnings))
    if not runs.tilings:
        return reading  # the runs read nothing: the labelled reading stands as it was
    cells, warnings = merge_runs(reading.cells, reading.warnings, runs, table)
    return StreamReading(cells, warnings, reading.blank_model)


def table_tree(reading: StreamReading, table: str, template: TemplateTable) -> dict[str, Any]:
    """The reading as the output's nesting of ``CellValue``s (rows never found are missing cells)."""
    missing = CellValue(None, None, WarningCode.CELL_MISSING)
    if table == "proactive":
        return {"template": template.edition,
                "items": {i.key: {f: reading.cells.get((i.key, f), missing) for f in i.fields}
                          for i in template.proactive_items}}
    if table == "requests":
        return {key: {c: reading.cells.get((key, c), missing) for c in ids.REQUEST_COLUMNS}
                for key in output_keys(template, {row for row, _ in reading.cells})}
    return {g: {r: reading.cells.get((g, r), missing) for r in (*ids.REVIEW_RESULTS, "total")}
            for g in ids.REVIEW_GROUPS}


def _cells_of(tree: Mapping[str, Any], table: str) -> Mapping[str, Any]:
    return tree.get("items", {}) if table == "proactive" else tree


def _names_a_null(warning: ParseWarning, grid: Mapping[str, Any]) -> bool:
    """Whether a stream reading's warning is about a cell the merged table has null (a warning
    naming no row is the table's)."""
    rows = [warning.row] if warning.row else list(warning.rows)
    if not rows:
        return True
    columns = [warning.column] if warning.column else list(warning.columns)
    return any(grid.get(row, {}).get(c, {}).get("value") is None
               for row in rows for c in (columns or grid.get(row, {})))


def merge_stream_tables(tables: dict[str, Any], warnings: list[ParseWarning], readings: Mapping[str, StreamReading],
                        template: TemplateTable) -> tuple[dict[str, Any], list[ParseWarning]]:
    """The output ``tables`` with the stream readings folded in.

    A table no other path found is taken whole. In a table another path read,
    the stream fills the cells left null; where both read a cell and differ,
    the cell becomes null with a warning naming both readings.
    """
    from giaparse.template.mapping import _dump  # the one place CellValue trees become output dicts

    warnings = list(warnings)
    for table, reading in readings.items():
        if table not in tables:
            tables[table] = _dump(table_tree(reading, table, template))
            warnings = [w for w in warnings if not (w.code is WarningCode.TABLE_MISSING and w.table == table)]
            warnings += reading.warnings
            read_rows = {row for row, _ in reading.cells}
            warnings += [ParseWarning(WarningCode.ROW_MISSING, f"{table}.{row}: row not found in the cell stream; "
                                      "its cells are null", table, row,
                                      cause=f"{table}: rows not found in the cell stream; their cells are null")
                         for row in _cells_of(tables[table], table) if row not in read_rows]
            continue
        grid = _cells_of(tables[table], table)
        filled: set[Cell] = set()
        for (row, col), value in reading.cells.items():
            cell = grid.get(row, {}).get(col)
            if cell is None:
                continue
            if cell.get("value") is None:
                if value.value is not None:
                    grid[row][col] = value.to_dict()
                    filled.add((row, col))
                continue
            blank = value.value is None and value.problem is WarningCode.CELL_MISSING
            if (value.value is not None and value.value != cell["value"]) or blank:
                theirs = "blank" if blank else repr(value.raw)
                warnings.append(ParseWarning(
                    WarningCode.CELL_AMBIGUOUS,
                    f"{table}.{row}.{col}: read as {cell.get('raw')!r} from the table and as {theirs} from the "
                    "cell stream of the same text; the two readings disagree, so it is left null", table, row, col,
                    cause=f"{table}: the table and the cell stream of the same text read these cells differently; "
                          "they are left null",
                    detail=f"{row}.{col}: {cell.get('raw')!r} / {theirs}"))
                grid[row][col] = CellValue(None, None, WarningCode.CELL_AMBIGUOUS).to_dict()
        if filled:  # the other path's cells placed by arithmetic were null or agree: its note is void
            warnings = [w for w in warnings
                        if not (w.table == table and w.code is WarningCode.CELLS_SPLIT_BY_ARITHMETIC)]
        full_rows = {row for row, _ in filled if all(c.get("value") is not None for c in grid[row].values())}
        warnings = [w for w in warnings
                    if not (w.table == table and w.code in (WarningCode.CELL_AMBIGUOUS, WarningCode.CELL_MISSING,
                                                             WarningCode.ROW_MISSING)
                            and ((w.row, w.column) in filled or (w.column is None and w.row in full_rows)))]
        warnings += [w for w in reading.warnings if _names_a_null(w, grid)]
    return tables, warnings


__all__ = ["MAX_ALIGNMENTS", "MIN_ROWS", "StreamReading", "merge_stream_tables", "stream_tables", "table_tree"]
