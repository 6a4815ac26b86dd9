"""Cell and label text clean-up.

Reports break header text over lines (竖排: one character per line), pad
cells with full-width spaces, and write the same label with different
brackets and quotes. ``clean_cell_text`` makes a cell's text what a reader
sees; ``label_key`` makes the form labels are compared in.
"""

from __future__ import annotations

import unicodedata

import regex

_SPACES = regex.compile(r"[\u00a0\u2002-\u200b\u3000\ufeff\t ]+")
# A space between two CJK characters/punctuation is layout, not content.
_CJK_GAP = regex.compile(r"(?<=[\p{Han}\p{P}])\s+(?=[\p{Han}\p{P}])")
_ASCII_WORD = regex.compile(r"[A-Za-z0-9]")
# Anything ``clean_cell_text`` acts on: a line break (``str.splitlines``), a space
# ``str.strip`` removes (``\s`` and U+001C..U+001F), or a ``_SPACES`` character.
_LAYOUT = regex.compile(r"[\s\x1c-\x1f\u00a0\u2002-\u200b\u3000\ufeff]")


def clean_cell_text(text: str) -> str:
    """Join a cell's lines and drop layout whitespace.

    Lines are joined without a separator (vertical text ``商\\n业\\n企\\n业``
    is 商业企业) except between two Latin/digit characters, where the line
    break stood for a space.
    """
    if not _LAYOUT.search(text):  # one line without any space: nothing below changes it
        return text
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    out = ""
    for line in lines:
        if not line:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(line[0]):
            out += " "
        out += line
    return _CJK_GAP.sub("", out)


def clean_paragraph_text(text: str) -> str:
    """Collapse layout whitespace in running text (keeps single spaces between Latin words)."""
    text = _SPACES.sub(" ", text.replace("\r", "")).strip()
    return _CJK_GAP.sub("", text)


# Quote and bracket variants that reports use interchangeably.
_LABEL_DROP = regex.compile(r"[\s\"'“”‘’「」『』《》〈〉·•、，,。.:：;；!！?？]+")


def label_key(text: str) -> str:
    """A comparison key: NFKC (full-width → ASCII), no spaces, quotes or punctuation.

    ``（三）不予公开`` and ``(三)不予公开`` give the same key; so do
    ``危及“三安全一稳定”`` and ``危及"三安全一稳定"``.
    """
    text = unicodedata.normalize("NFKC", text)
    return _LABEL_DROP.sub("", text)
