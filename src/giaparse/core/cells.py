"""What a value cell looks like, and how label paths are completed."""

from __future__ import annotations

import regex

from ..text.numbering import outline_level

# A number as reports write it: sign or 增/减, digits (ASCII or full-width)
# with separators, an optional unit. Plus the placeholders for "nothing".
_NUMBER = regex.compile(
    r"^[\s\u3000]*(?:增加?|减少?|[+\-−－＋])?[\s\u3000]*[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?"
    r"[\s\u3000]*(?:万元|亿元|千元|元|万|项|件|个|条|次|宗|人|家|份|篇|期|[（(][^）)]{1,3}[）)])?"
    # a note on the number: 15（其中修订 9 件）
    r"(?:[\s\u3000]*[（(](?:其中|含|包括)[^）)]{0,30}[）)])?[\s\u3000]*$"
)
_PLACEHOLDER = regex.compile(r"^[\s\u3000]*(?:[-—–－/／\\]+|无|N/?A)[\s\u3000]*$", regex.IGNORECASE)
#: The characters either pattern can start with, besides whitespace.
_VALUE_STARTS = frozenset("0123456789０１２３４５６７８９增减+-−－＋—–/／\\无Nn")


def is_value_text(text: str) -> bool:
    """True for a number or a placeholder meaning "none" (``-``, ``/``, ``无``)."""
    if text.isdigit() and text.isascii():  # a plain count (``_NUMBER``), the usual case
        return True
    if not text or (text[0] not in _VALUE_STARTS and not text[0].isspace()):
        return False  # a label: neither pattern can start with its first character
    return bool(_NUMBER.match(text) or _PLACEHOLDER.match(text))


def dedupe(labels: list[str]) -> list[str]:
    """Drop empty labels and repeats (flattening repeats merged labels)."""
    out: list[str] = []
    for label in labels:
        if label and label not in out:
            out.append(label)
    return out


def complete_path(labels: list[str], previous: tuple[str, ...]) -> tuple[str, ...]:
    """Put back parent labels that merged cells left only in an earlier row.

    ``2.其他法律行政法规禁止公开`` after a row whose path was 三、… › （三）… ›
    1.… becomes 三、… › （三）… › 2.…: ancestors are the earlier labels whose
    outline level is above this label's.
    """
    labels = dedupe(labels)
    if not labels:
        return ()
    level = outline_level(labels[0])
    if level is None:
        return tuple(labels)
    ancestors: list[str] = []
    for label in previous:
        lv = outline_level(label)
        if lv is None or lv >= level:
            break
        ancestors.append(label)
    return tuple(ancestors + labels)


def next_previous(path: tuple[str, ...], previous: tuple[str, ...]) -> tuple[str, ...]:
    """The path later rows complete theirs from, after a row whose path is ``path``.

    A row whose labels carry no outline number under rows that do (予公开, the
    second half of a label broken over two rows, or a note) does not cut the
    outline: the rows after it keep their parents.
    """
    if not path:
        return previous
    if outline_level(path[0]) is None and previous and outline_level(previous[0]) is not None:
        return previous
    return path
