"""Table 3 written as pipe-table fragments with its labels between them.

markitdown (pdfminer text) on a WPS-exported PDF does not write table 3 as
one table. Each run of lines whose text boxes line up becomes a small pipe
table, and every line that does not becomes a plain line:

* a row label on a line of its own, then a one-row pipe table with empty
  label cells and the row's figures — two neighbouring cells merged into
  one (``3001 53``), spacer columns, a ``| --- |`` separator under it;
* a label wrapped around its figures (（二）部分公开（区分处理的，只计这一情 /
  the figures / 形，不计其他情形）) or printed after them;
* the vertical group cell 三、本年度办理结果 one character per line (三、/本/
  年/…), and the pieces of （三）不予公开, （四）无法提供 as stray lines or cells;
* page-number lines (``- 4 -``) among them.

Here the fragments between two of the report's part headings are read as
one table. Every pipe row with figures is a row of the table; its figures
are its *tokens* in reading order (a merged cell gives one token per
number). Which template row it is comes from the label pieces around it —
its own label cells, and the loose lines and label-only rows between it
and its neighbours — decided by the template's row order:

1. for each row of figures, the template rows that a piece (or two or three
   pieces joined, in order) names by the template's patterns; pieces in its
   own pipe row first (a label on the figures' line is theirs);
2. the longest chain of rows in template order; a row gets the key it has
   in **every** longest chain, else no key (a row that could be either of
   two keys is left for the row resolver's position rule, or null — never
   a guess).

The figures are never placed here: each row goes on with its tokens
unassigned (``AlignedRow.unassigned``, ``merged``), so the template's
arithmetic places them only where exactly one placement fits, and a split
of a merged cell is kept only where the row's total confirms it
(``mapping.confirm_rows``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import regex

from ..core import AlignedRow, AlignedTable, Segment
from ..core.cells import is_value_text
from ..document import Block, Paragraph, Provenance, RawCell, RawGrid
from ..text.boilerplate import is_page_number
from ..text.normalise import clean_cell_text, label_key
from ..text.numbering import outline_level
from ..values import normalise_value
from .identities import BALANCE_ROWS as _BALANCE_ROWS
from .match import first_match, key_of, nearest_row, tolerant_key
from .rows import request_orders
from .templates import PARTS, ROW_LABELS, TABLE_MARKERS, LabelSpec, TemplateTable, compiled

#: A loose line longer than this is running text, not a label piece: it ends the table.
MAX_PIECE_CHARS = 40
#: Loose lines in a row between two fragments, at most (page-number lines not counted).
MAX_LOOSE_LINES = 8
#: Loose lines after the last fragment that may still be its label (a label printed below its row).
MAX_TRAILING_LINES = 3
#: Label pieces either side of a row of figures looked at, and pieces joined into one label, at most.
WINDOW = 6
MAX_JOINED = 3
#: Keyed rows a fragment reading needs to be used, and rows of figures whose label is not in their own row.
MIN_KEYED = 3
MIN_DETACHED = 2
#: Longest chains compared by their arithmetic, at most (past it only what every chain agrees on is kept).
MAX_CHAINS = 64

#: The wording the tolerant comparison measures pieces against: table 3's rows (2019 and 2021).
_REQUEST_WORDING = {k: v for k, v in ROW_LABELS.items() if k not in (
    "regulations", "normative_documents", "administrative_licensing", "other_admin_services",
    "administrative_penalty", "administrative_coercion", "administrative_fees", "centralized_procurement")}

_NUMBER_PART = regex.compile(r"^(?:[+\-−－＋])?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?$")


@dataclass(frozen=True)
class _Piece:
    text: str
    source: Provenance | None


@dataclass
class _Figures:
    """A pipe row with figures: its own label pieces and its tokens."""

    own: list[_Piece]
    tokens: list[str]
    sources: list[Provenance | None]
    at: int  # index in the item sequence


def _is_part_heading(text: str) -> bool:
    key = key_of(text)
    return any(number in (2, 3, 4) and compiled(pattern).search(key) for number, _, pattern in PARTS)


def _split_heading(text: str) -> list[str]:
    """Lines the reader joined into one cell, with a part heading among them split off
    (四、结转下年度继续办理 + 四、政府信息公开行政复议、行政诉讼情况)."""
    for i in range(1, len(text) - 1):
        if text[i] in "二三四" and text[i + 1] == "、" and _is_part_heading(text[i:]) \
                and not _is_part_heading(text[:i]):
            return [text[:i], text[i:]]
    return [text]


def _is_loose(block: Block) -> bool:
    """A paragraph that may sit inside table 3's fragments: a short line that is no part heading."""
    if not isinstance(block, Paragraph):
        return False
    text = block.text.strip()
    if is_page_number(text):
        return True
    return 0 < len(text) <= MAX_PIECE_CHARS and block.heading_level == 0 and not _is_part_heading(text)


def _is_pipe(block: Block) -> bool:
    return isinstance(block, RawGrid) and block.origin == "pipe table"


def regions(blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """``(start, end)`` block ranges: two or more pipe tables with only short loose lines between
    them (and up to ``MAX_TRAILING_LINES`` after the last), at least one of them not a page number."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(blocks):
        if not _is_pipe(blocks[i]):
            i += 1
            continue
        last, grids, loose_seen, j = i, 1, False, i + 1
        run = 0
        while j < len(blocks):
            block = blocks[j]
            if _is_pipe(block):
                last, grids, run = j, grids + 1, 0
            elif isinstance(block, Paragraph) and _is_loose(block) and run < MAX_LOOSE_LINES:
                footer = is_page_number(block.text)
                run += 0 if footer else 1
                loose_seen |= not footer
            else:
                break
            j += 1
        end = last + 1
        while end < len(blocks) and end - last <= MAX_TRAILING_LINES and _is_loose(blocks[end]):
            end += 1
        if grids >= 2 and loose_seen:
            out.append((i, end))
            i = end
        else:
            i = last + 1
    return out


def _tokens(text: str) -> list[str] | None:
    """The figures of one cell (several where a converter merged cells), None for a label."""
    if not text:
        return None
    if is_value_text(text):
        return [text]
    parts = text.split()
    if len(parts) > 1 and all(_NUMBER_PART.match(p) or is_value_text(p) for p in parts):
        return parts
    return None


def _items(blocks: Sequence[Block]) -> tuple[list[_Piece | _Figures], int, list[Block]]:
    """The label pieces and rows of figures of ``blocks``, in order; how many blocks they come from;
    and the blocks that go on past table 3 (its heading, the rest of the grid): a part heading the
    reader put into a later table's first cell (四、结转下年度继续办理 + 四、政府信息公开行政复议…)
    ends table 3 in that grid."""
    items: list[_Piece | _Figures] = []
    for b, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            if not is_page_number(block.text):
                items.append(_Piece(block.text.strip(), block.source))
            continue
        assert isinstance(block, RawGrid)
        for r, row in enumerate(block.rows):
            own: list[_Piece] = []
            tokens: list[str] = []
            sources: list[Provenance | None] = []
            line = max((c.source.lines[1] for c in row if c.source and c.source.lines), default=None)
            for cell in row:
                where = cell.source.lines if cell.source else None
                if line is not None and where and where[0] < line:
                    # Lines the reader put back into the row's first cell: loose lines above the row,
                    # not its own label (a converter prints a label above, below or around its figures).
                    pieces = [t for t in _split_heading(clean_cell_text(cell.text)) if t]
                    if pieces and _is_part_heading(pieces[-1]):
                        items.extend(_Piece(t, cell.source) for t in pieces[:-1])
                        head = [RawCell("", source=c.source) if c is cell else c for c in row]
                        rest = RawGrid([head, *block.rows[r + 1:]], block.spans, block.origin, block.col_edges)
                        return items, (b + 1 if r else b), ([Paragraph(pieces[-1], source=cell.source), rest]
                                                            if r else [])
                    items.extend(_Piece(t, cell.source) for t in pieces)
                    continue
                text = clean_cell_text(cell.text)
                found = _tokens(text)
                if found is None:
                    if text:
                        own.append(_Piece(text, cell.source))
                    continue
                tokens += found
                sources += [cell.source] * len(found)
            if tokens:
                items.append(_Figures(own, tokens, sources, len(items)))
            else:
                items.extend(own)
    return items, len(blocks), []


def _is_requests(items: Sequence[_Piece | _Figures]) -> bool:
    text = label_key(" ".join(p.text for it in items for p in ([it] if isinstance(it, _Piece) else it.own)))
    scores = {kind: sum(1 for m in markers if m in text) for kind, markers in TABLE_MARKERS.items()}
    return scores["requests"] >= 3 and scores["requests"] > max(scores["proactive"], scores["review_litigation"])


def _keys_of(pieces: Sequence[_Piece], specs: Sequence[LabelSpec], merged: frozenset[str] = frozenset(),
             max_joined: int = MAX_JOINED) -> dict[str, str]:
    """{template key: the label (pieces joined in order) that names it}.

    A numbered 其他 (3.其他) is the 2021 sub-row 其他 (its group label, which the pattern wants as
    an ancestor, is scattered over other lines here). A merged row (其他处理 for its sub-rows) is
    never taken from pieces joined: those are the vertical group label's."""
    out: dict[str, str] = {}
    for n in range(1, min(max_joined, len(pieces)) + 1):
        for combo in combinations(pieces, n):
            label = "".join(p.text for p in combo)
            key = first_match(specs, label)
            if key is None and n == 1 and key_of(label) == "其他" and outline_level(label) is not None:
                key = first_match(specs, label, ("其他处理",))
            if key is not None and key not in out and not (key in merged and n > 1):
                out[key] = label
    return out


def _tolerant(pieces: Sequence[_Piece]) -> dict[str, str]:
    """Keys for pieces no pattern names, by the tolerant comparison (a dropped character, 行政止公开):
    only a template row clearly nearer than any other (``match.nearest_row``)."""
    out: dict[str, str] = {}
    for piece in pieces:
        if len(key_of(piece.text)) < 6:
            continue
        fits = tolerant_key(piece.text, _REQUEST_WORDING)
        near = nearest_row(piece.text, _REQUEST_WORDING)
        key = fits[0] if fits is not None else (near.key if near.clear else None)
        if key is not None and key not in out:
            out[key] = piece.text
    return out


def _window(items: Sequence[_Piece | _Figures], rows: Sequence[_Figures], k: int) -> list[_Piece]:
    """The label pieces row ``k`` may draw on: those between its neighbours (and its own)."""
    lo = rows[k - 1].at + 1 if k > 0 else 0
    hi = rows[k + 1].at if k + 1 < len(rows) else len(items)
    row = rows[k]
    before = [it for it in items[lo:row.at] if isinstance(it, _Piece)][-WINDOW:]
    after = [it for it in items[row.at + 1:hi] if isinstance(it, _Piece)][:WINDOW]
    return before + row.own + after


def _longest_chains(cand: list[list[int]], m: int) -> tuple[list[dict[int, int]], int, list[list[int]],
                                                             list[list[int]]]:
    """Every longest chain (``{row: key rank}``, up to ``MAX_CHAINS`` + 1 of them), its length, and the
    prefix / suffix tables ``_chain_keys`` needs."""
    n = len(cand)
    f = [dict.fromkeys(c, 0) for c in cand]  # longest chain ending at row i with key rank r
    g = [dict.fromkeys(c, 0) for c in cand]  # ... starting there
    best_before = [0] * (m + 1)  # best_before[r]: longest chain so far whose last rank is < r
    prefix: list[list[int]] = []
    for i in range(n):
        for r in cand[i]:
            f[i][r] = best_before[r] + 1
        for r in cand[i]:
            for s in range(r + 1, m + 1):
                best_before[s] = max(best_before[s], f[i][r])
        prefix.append(list(best_before))
    best_after = [0] * (m + 1)  # best_after[r]: longest chain after row i whose first rank is >= r
    suffix: list[list[int]] = [[] for _ in range(n)]
    for i in reversed(range(n)):
        suffix[i] = list(best_after)
        for r in cand[i]:
            g[i][r] = (best_after[r + 1] if r + 1 <= m else 0) + 1
        for r in cand[i]:
            for s in range(r + 1):
                best_after[s] = max(best_after[s], g[i][r])
    total = max((f[i][r] + g[i][r] - 1 for i in range(n) for r in cand[i]), default=0)
    chains: list[dict[int, int]] = []

    def walk(i: int, r: int, chain: dict[int, int]) -> None:
        if len(chains) > MAX_CHAINS:
            return
        chain = {**chain, i: r}
        if len(chain) == total:
            chains.append(chain)
            return
        for j in range(i + 1, n):
            for q in cand[j]:
                if q > r and f[j][q] == len(chain) + 1 and f[j][q] + g[j][q] - 1 == total:
                    walk(j, q, chain)

    for i in range(n):
        for r in cand[i]:
            if f[i][r] == 1 and g[i][r] == total:
                walk(i, r, {})
    return chains, total, prefix, suffix


def _sums_hold(chain: dict[int, str], sums: Sequence[float], variants: Sequence[Sequence[str]]) -> bool | None:
    """Table 3's column identities summed over the columns, on the rows' token sums (where their
    tokens go within a row does not change them): 一+二 = 总计+四, and 总计 = the result rows when
    the chain holds every result row of one of the template's orders. None: nothing to test."""
    by_key = {key: sums[i] for i, key in chain.items()}
    tested: list[bool] = []
    if all(k in by_key for k in ("new_received", "carried_over", "total", "carried_forward")):
        tested.append(abs(by_key["new_received"] + by_key["carried_over"]
                          - by_key["total"] - by_key["carried_forward"]) < 1e-6)
    results = {k for k in by_key if k not in _BALANCE_ROWS}
    if "total" in by_key and any(results == {k for k in v if k not in _BALANCE_ROWS} for v in variants):
        tested.append(abs(sum(by_key[k] for k in results) - by_key["total"]) < 1e-6)
    if not tested:
        return None
    return all(tested)


def _chain_keys(options: list[dict[str, str]], order: Sequence[str], sums: Sequence[float | None] = (),
                variants: Sequence[Sequence[str]] = ()) -> list[str | None]:
    """The key each row has in every longest chain of rows in template order (else None).

    Where the longest chains differ (a label between two rows of figures that could be either's),
    the chains whose rows' figures keep table 3's summed column identities are the ones kept, when
    every row's figures are numbers; a row still gets a key only where all kept chains agree.
    """
    rank = {k: i for i, k in enumerate(order)}
    n, m = len(options), len(order)
    cand = [sorted(rank[k] for k in opt if k in rank) for opt in options]
    chains, total, prefix, suffix = _longest_chains(cand, m)
    if not chains:
        return [None] * n
    if 1 < len(chains) <= MAX_CHAINS and len(sums) == n and all(v is not None for v in sums):
        known = [float(v) for v in sums if v is not None]
        kept = [c for c in chains if _sums_hold({i: order[r] for i, r in c.items()}, known, variants)]
        if kept and len(kept) < len(chains):
            return [order[kept[0][i]] if i in kept[0] and all(c.get(i) == kept[0][i] for c in kept) else None
                    for i in range(n)]
    out: list[str | None] = []
    for i in range(n):
        through = {c[i] for c in chains if i in c} if len(chains) <= MAX_CHAINS else set(cand[i])
        before = prefix[i - 1] if i > 0 else [0] * (m + 1)
        # the longest chain that leaves row i out: a chain before it joined to one after it
        skip = max(before[r] + suffix[i][r] for r in range(m + 1))
        out.append(order[next(iter(through))] if len(through) == 1 and skip < total else None)
    return out


def _token_sum(tokens: Sequence[str]) -> float | None:
    """The sum of a row's figures (a placeholder ``-`` / ``无`` is 0), None if one is not a number."""
    total = 0.0
    for t in tokens:
        value = normalise_value(t)
        if value.value is None and value.problem is not None:
            return None
        total += float(value.value or 0)
    return total


def _row_keys(items: Sequence[_Piece | _Figures], template: TemplateTable, order: Sequence[str]
              ) -> tuple[list[_Figures], list[dict[str, str]], list[str | None]]:
    """The rows of figures, the keys their label pieces allow, and the key each gets."""
    rows = [it for it in items if isinstance(it, _Figures)]
    specs = template.request_rows + tuple(spec for spec, _ in template.merged_rows)
    merged = frozenset(spec.key for spec, _ in template.merged_rows)
    options: list[dict[str, str]] = []
    for k, row in enumerate(rows):
        # A numbered label on the figures' own line is theirs; else the pieces around them.
        own_label = [p for p in row.own if outline_level(p.text) is not None and len(key_of(p.text)) >= 2]
        own = _keys_of(row.own, specs, merged)
        if own or own_label:
            options.append(own or _tolerant(own_label))
            continue
        window = _window(items, rows, k)
        options.append(_keys_of(window, specs, merged) | _tolerant(window))
    sums = [_token_sum(row.tokens) for row in rows]
    return rows, options, _chain_keys(options, order, sums, request_orders(template)[1])


def read_fragments(blocks: Sequence[Block], template: TemplateTable, order: Sequence[str]
                   ) -> tuple[AlignedTable, int, list[Block]] | None:
    """Table 3 from one region of fragments (``regions``), the number of blocks it takes, and the
    blocks to read after it where its last grid goes on into table 4 (the part heading, and the rest
    of the grid); None when the region is not table 3."""
    items, used, rest = _items(blocks)
    if not _is_requests(items):
        return None
    rows, options, keys = _row_keys(items, template, order)
    if sum(1 for k in keys if k is not None) < MIN_KEYED:
        return None
    specs = template.request_rows + tuple(spec for spec, _ in template.merged_rows)
    detached = sum(1 for row in rows if not _keys_of(row.own, specs))
    if detached < MIN_DETACHED:
        return None  # every row carries its label: a table split into pieces, read as a grid as before
    first = next(i for i, k in enumerate(keys) if k is not None)
    out: list[AlignedRow] = []
    for k in range(first, len(rows)):
        row, key = rows[k], keys[k]
        if key is not None:
            labels: tuple[str, ...] = (options[k][key],)
        else:
            # No key by pattern and order: its own wording (for the tolerant matcher), if any.
            labels = ("".join(p.text for p in row.own),) if any(len(p.text) >= 4 for p in row.own) else ()
        out.append(AlignedRow(labels, (), tuple(row.tokens), row.at, unassigned_sources=tuple(row.sources),
                              merged=True))
    return AlignedTable([Segment([], [], out)], "pipe fragments", spans_known=False), used, rest
