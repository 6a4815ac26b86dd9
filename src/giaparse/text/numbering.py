"""Outline numbering of Chinese official documents.

Levels: ``一、`` (1) › ``（一）`` (2) › ``1.`` (3) › ``（1）`` (4). Flattened
tables drop merged parent labels (or repeat them); the level of each label's
number lets the core rebuild the path 三、本年度办理结果 › （三）不予公开 ›
1.属于国家秘密 from rows that show only part of it.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_CN = "一二三四五六七八九十"
_PATTERNS: tuple[tuple[int, regex.Pattern[str]], ...] = (
    (1, regex.compile(rf"^\s*[{_CN}]+\s*[、.．]")),
    (2, regex.compile(rf"^\s*[（(]\s*[{_CN}]+\s*[）)]")),
    (3, regex.compile(r"^\s*[0-9０-９]+\s*(?:[、.．](?![0-9０-９])|\s)")),
    (4, regex.compile(r"^\s*[（(]\s*[0-9０-９]+\s*[）)]")),
)


@lru_cache(maxsize=65536)
def outline_level(label: str) -> int | None:
    """1–4 for a numbered label, None when the label carries no number (remembered: the same
    labels are asked about for every row path a document's tables build)."""
    for level, pattern in _PATTERNS:
        if pattern.match(label):
            return level
    return None


@lru_cache(maxsize=65536)
def strip_numbering(label: str) -> str:
    """The label without its leading outline number (remembered, as ``outline_level``)."""
    for _, pattern in _PATTERNS:
        m = pattern.match(label)
        if m:
            return label[m.end():].strip()
    return label.strip()


def numeral_value(label: str) -> int | None:
    """The number of a level-1/level-2 heading (``三、`` → 3, ``（六）`` → 6)."""
    m = regex.match(rf"^\s*[（(]?\s*([{_CN}]+|[0-9]+)", label)
    if not m:
        return None
    token = m.group(1)
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _CN.index(token[1]) + 1
    if len(token) == 1:
        return _CN.index(token) + 1
    return None
