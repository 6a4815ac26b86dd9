"""The three tables in the template's own layout: which rows, in which
groups, under which headers. Keys only; the words come from ``giaparse.wording``.

Rows are described by their group path (``requests_group`` keys), so the
page can give a group label one cell spanning its rows, as the printed
template does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..template import templates as _templates

#: Table 3 rows in template order (2019 and 2021 merged) with their groups.
REQUEST_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new_received", ()),
    ("carried_over", ()),
    ("granted", ("results",)),
    ("partially_granted", ("results",)),
    ("denied_state_secret", ("results", "denied")),
    ("denied_prohibited_by_law", ("results", "denied")),
    ("denied_three_safeties", ("results", "denied")),
    ("denied_third_party", ("results", "denied")),
    ("denied_internal_affairs", ("results", "denied")),
    ("denied_process_info", ("results", "denied")),
    ("denied_enforcement_files", ("results", "denied")),
    ("denied_query_matters", ("results", "denied")),
    ("unavailable_not_held", ("results", "unavailable")),
    ("unavailable_needs_creation", ("results", "unavailable")),
    ("unavailable_unclear", ("results", "unavailable")),
    ("not_processed_complaint", ("results", "not_processed")),
    ("not_processed_repeat", ("results", "not_processed")),
    ("not_processed_publication", ("results", "not_processed")),
    ("not_processed_excessive", ("results", "not_processed")),
    ("not_processed_confirmation", ("results", "not_processed")),
    ("other", ("results",)),
    ("other_no_correction", ("results", "other")),
    ("other_no_fee", ("results", "other")),
    ("other_misc", ("results", "other")),
    ("total", ("results",)),
    ("carried_forward", ()),
)
#: Depth of table 3's label columns (group, sub-group, row).
REQUEST_LABEL_DEPTH = 3

REQUEST_COLUMNS: tuple[str, ...] = tuple(key for key, _ in _templates.REQUEST_COLUMNS)
#: The applicant columns under 法人或其他组织 in the template's header.
LEGAL_PERSON_COLUMNS: tuple[str, ...] = ("commercial", "research", "public_interest", "legal_services", "other_org")

REVIEW_GROUPS: tuple[str, ...] = _templates.REVIEW_GROUP_ORDER
REVIEW_RESULTS: tuple[str, ...] = tuple(key for key, _ in _templates.REVIEW_RESULTS)


@dataclass(frozen=True)
class ProactiveBlock:
    """One 第二十条 item block of table 2: its title, fields and item rows."""

    title: str
    fields: tuple[str, ...]
    items: tuple[str, ...]


PROACTIVE_BLOCKS: dict[str, tuple[ProactiveBlock, ...]] = {
    "2019": (
        ProactiveBlock("第二十条第（一）项", ("new_made", "new_published", "total_published"),
                       ("regulations", "normative_documents")),
        ProactiveBlock("第二十条第（五）项", ("prev_items", "change", "decisions"),
                       ("administrative_licensing", "other_admin_services")),
        ProactiveBlock("第二十条第（六）项", ("prev_items", "change", "decisions"),
                       ("administrative_penalty", "administrative_coercion")),
        ProactiveBlock("第二十条第（八）项", ("prev_items", "change"), ("administrative_fees",)),
        ProactiveBlock("第二十条第（九）项", ("projects", "amount"), ("centralized_procurement",)),
    ),
    "2021": (
        ProactiveBlock("第二十条第（一）项", ("issued", "repealed", "in_force"),
                       ("regulations", "normative_documents")),
        ProactiveBlock("第二十条第（五）项", ("decisions",), ("administrative_licensing",)),
        ProactiveBlock("第二十条第（六）项", ("decisions",), ("administrative_penalty", "administrative_coercion")),
        ProactiveBlock("第二十条第（八）项", ("amount",), ("administrative_fees",)),
    ),
}


def proactive_blocks(edition: str | None, items: dict) -> tuple[ProactiveBlock, ...]:
    """The blocks for ``edition``; items the output has beyond them get a block of their own."""
    blocks = PROACTIVE_BLOCKS.get(edition or "", PROACTIVE_BLOCKS["2021"])
    known = {i for b in blocks for i in b.items}
    extra = [k for k in items if k not in known]
    for key in extra:
        fields = tuple(items[key]) if isinstance(items[key], dict) else ()
        blocks += (ProactiveBlock("", fields, (key,)),)
    return blocks


def request_rows(table: Mapping[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """Table 3's rows that the output has, in template order, unknown rows last."""
    known = [(k, g) for k, g in REQUEST_ROWS if k in table]
    names = {k for k, _ in REQUEST_ROWS}
    return known + [(k, ()) for k in table if k not in names]
