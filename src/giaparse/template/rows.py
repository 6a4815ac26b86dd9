"""Which template row each body row is, when its label is broken, off or gone.

PDF-to-Markdown conversions and hand-typed reports deviate from the
template's wording; the patterns of ``templates`` find most rows, and this
module decides the rest, never by guessing:

* ``mend_broken_labels`` — a label broken over two rows (（五）不予处理 1.信访举报 /
  投诉类申请, numbers on one half): the halves are joined when the joined
  label names a template row and neither half names another;
* ``resolve_rows`` — the key of every row:
  1. the template's patterns;
  2. a tolerant comparison (``match.nearest_row``) for a labelled row with
     numbers that no pattern takes: accepted only when one template row is
     clearly nearest *and* lies between the rows matched before and after it
     in template order; a ``label_fuzzy_match`` warning names both;
  3. rows with numbers and no label at all: the gap between two labelled
     neighbours is filled in template order when the number of unlabelled
     rows equals the number of template rows between the neighbours exactly
     (``row_by_position`` warning); otherwise they stay unassigned and the
     mapper reports them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..core import AlignedRow, Segment
from ..diagnostics import ParseWarning, WarningCode
from ..text.numbering import outline_level
from .match import first_match, key_of, nearest_row, tolerant_key
from .templates import ROW_LABELS, TemplateTable, compiled

#: A row's label path → the template row key it names, or None.
KeyOf = Callable[[tuple[str, ...]], "str | None"]


def has_values(row: AlignedRow) -> bool:
    return bool(row.unassigned) or any(v for v in row.values)


# ------------------------------------------------------------ broken labels --

def _join(a: AlignedRow, b: AlignedRow) -> tuple[str, ...]:
    return a.labels[:-1] + (a.labels[-1] + b.labels[-1],)


def _mend_pair(a: AlignedRow, b: AlignedRow, key_of: KeyOf) -> AlignedRow | None:
    """``a`` and ``b`` (next to each other) as one row, when they are one label broken in two."""
    if not a.labels or not b.labels or outline_level(b.labels[-1]) is not None:
        return None
    if has_values(a) == has_values(b):
        return None  # two rows of numbers are two rows; two label-only rows are left alone
    if any(label not in a.labels for label in b.labels[:-1]):
        return None
    joined = _join(a, b)
    key = key_of(joined)
    if key is None:
        return None
    if key_of(a.labels) not in (None, key) or key_of(b.labels) not in (None, key):
        return None
    values = a if has_values(a) else b
    return replace(values, labels=joined)


def mend_broken_labels(segments: list[Segment], key_of: KeyOf) -> list[Segment]:
    """Copies of ``segments`` with labels broken over two rows joined (see module doc)."""
    out: list[Segment] = []
    for seg in segments:
        rows: list[AlignedRow] = []
        for row in seg.rows:
            merged = _mend_pair(rows[-1], row, key_of) if rows else None
            if merged is not None:
                rows[-1] = merged
            else:
                rows.append(row)
        out.append(Segment(list(seg.header_rows), list(seg.columns), rows))
    return out


# ----------------------------------------------------------------- resolve --

@dataclass
class _Entry:
    row: AlignedRow
    key: str | None


def _fill_gaps(entries: list[_Entry], order: Sequence[str], variants: Sequence[Sequence[str]],
               table: str, warnings: list[ParseWarning]) -> None:
    """Unlabelled rows with numbers between two keyed rows, by template position."""
    taken = {e.key for e in entries if e.key}
    # Anchors: keyed rows, and labelled rows with numbers that matched nothing (they end a gap).
    relevant = [e for e in entries if e.key or has_values(e.row)]
    i = 0
    while i < len(relevant):
        if relevant[i].key is not None or relevant[i].row.labels:
            i += 1
            continue
        j = i
        while j < len(relevant) and relevant[j].key is None and not relevant[j].row.labels:
            j += 1
        gap = relevant[i:j]
        before = relevant[i - 1].key if i > 0 else None
        after = relevant[j].key if j < len(relevant) else None
        keys = None
        if before is not None and after is not None:
            for seq in variants:
                if before in seq and after in seq:
                    lo, hi = seq.index(before), seq.index(after)
                    between = list(seq[lo + 1:hi])
                    if len(between) == len(gap) and not taken & set(between):
                        keys = between
                        break
        if keys is None:
            where = f"between {before or 'the start'} and {after or 'the end'}"
            warnings.append(ParseWarning(
                WarningCode.ROW_UNMATCHED,
                f"{table}: {len(gap)} row(s) of numbers without a label {where}; the template rows there "
                "do not match their count, so they are not assigned", table))
        else:
            for entry, key in zip(gap, keys, strict=False):
                entry.key = key
                taken.add(key)
                warnings.append(ParseWarning(
                    WarningCode.ROW_BY_POSITION,
                    f"{table}.{key}: a row of numbers without a label, taken as {key} by its place "
                    f"between {before} and {after}", table, key,
                    cause="rows of numbers without a label, taken by their place between two labelled rows"))
        i = j


def _fuzzy(entries: list[_Entry], order: Sequence[str], labels: dict[str, Sequence[str]],
           table: str, warnings: list[ParseWarning]) -> None:
    taken = {e.key for e in entries if e.key}
    candidates = {k: labels[k] for k in order if k in labels}
    for n, entry in enumerate(entries):
        if entry.key is not None or not entry.row.labels or not has_values(entry.row):
            continue
        near = nearest_row(entry.row.labels[-1], candidates)
        key, why = near.key, ""
        if near.clear:
            why = f"nearest by {near.score:.2f}, the next by {near.score - near.margin:.2f}"
        elif (fits := tolerant_key(entry.row.labels[-1], candidates)) is not None:
            key, why = fits[0], f"it is {fits[1]} and of no other row"  # a wrapped or clipped label
        else:
            continue
        if key is None or key in taken:
            continue
        before = next((e.key for e in reversed(entries[:n]) if e.key), None)
        after = next((e.key for e in entries[n + 1:] if e.key), None)
        pos = order.index(key)
        if (before is not None and order.index(before) >= pos) or (after is not None and order.index(after) <= pos):
            continue
        entry.key = key
        taken.add(key)
        warnings.append(ParseWarning(
            WarningCode.LABEL_FUZZY_MATCH,
            f"{table}.{key}: row label {entry.row.labels[-1]!r} deviates from the template; taken as "
            f"{labels[key][0]!r} ({why}; its place in the table agrees)", table, key,
            detail=f"{entry.row.labels[-1]!r} as {labels[key][0]!r}",
            cause="row labels off the template's wording, each taken as its clearly nearest template row "
                  "where its place in the table agrees"))


def resolve_rows(segments: Sequence[Segment], key_of: KeyOf, order: Sequence[str],
                 labels: dict[str, Sequence[str]], table: str,
                 variants: Sequence[Sequence[str]] = ()) -> tuple[dict[int, str], list[ParseWarning]]:
    """``id(row)`` → template key for every row that names one (see module doc).

    ``order`` lists every key the table may have, in template order (merged
    alternatives included, e.g. 2021's ``other`` before its three sub-rows);
    ``variants`` are the orders one report can really have, for counting gaps.
    """
    warnings: list[ParseWarning] = []
    entries = [_Entry(row, key_of(row.labels) if row.labels else None) for seg in segments for row in seg.rows]
    _fuzzy(entries, order, labels, table, warnings)
    _fill_gaps(entries, order, variants or [order], table, warnings)
    return {id(e.row): e.key for e in entries if e.key is not None}, warnings


# ------------------------------------------------- the two tables' settings --

def key_function(kind: str, template: TemplateTable) -> KeyOf | None:
    """How a label path names a row of table ``kind`` in ``template`` (None for table 4)."""
    if kind == "requests":
        specs = template.request_rows + tuple(spec for spec, _ in template.merged_rows)
        return lambda labels: first_match(specs, labels[-1], labels[:-1]) if labels else None
    if kind == "proactive":
        items = template.proactive_items

        def item_of(labels: tuple[str, ...]) -> str | None:
            leaf = key_of(labels[-1]) if labels else ""
            return next((i.key for i in items if compiled(i.pattern).search(leaf)), None)
        return item_of
    return None


def request_orders(template: TemplateTable) -> tuple[list[str], list[list[str]]]:
    """Table 3's keys in template order with merged alternatives, and the real orders."""
    plain = [spec.key for spec in template.request_rows]
    order, variants = list(plain), [plain]
    for spec, parts in template.merged_rows:
        at = order.index(parts[0])
        order.insert(at, spec.key)
        variants.append(plain[:plain.index(parts[0])] + [spec.key] + plain[plain.index(parts[-1]) + 1:])
    return order, variants


def resolve_table(kind: str, segments: Sequence[Segment], template: TemplateTable
                  ) -> tuple[dict[int, str], list[ParseWarning]]:
    """``resolve_rows`` with table ``kind``'s keys, order and wording."""
    key_fn = key_function(kind, template)
    assert key_fn is not None
    if kind == "requests":
        order, variants = request_orders(template)
    else:
        order, variants = [i.key for i in template.proactive_items], []
    keys, warnings = resolve_rows(segments, key_fn, order, ROW_LABELS, kind, variants)
    merged = {spec.key for spec, _ in template.merged_rows}
    rows = {id(row): row for seg in segments for row in seg.rows}
    # A merged row stands for its parts only when it holds numbers (else it is their group label).
    keys = {rid: k for rid, k in keys.items() if k not in merged or has_values(rows[rid])}
    return keys, warnings


def output_keys(template: TemplateTable, found: Mapping[str, object]) -> list[str]:
    """Table 3's rows as output: the template's, a merged row in place of parts none of which was found."""
    keys = [spec.key for spec in template.request_rows]
    for spec, parts in template.merged_rows:
        if spec.key in found and not any(p in found for p in parts):
            at = keys.index(parts[0])
            keys[at:at + len(parts)] = [spec.key]
    return keys
