"""Cell and label text clean-up.

Reports break header text over lines (竖排: one character per line), pad
cells with full-width spaces, and write the same label with different
brackets and quotes. ``clean_cell_text`` makes a cell's text what a reader
sees; ``label_key`` makes the form labels are compared in.

Browser prints (Chromium's Skia, wkhtmltopdf) write a ToUnicode map that
sends a glyph shared by a radical and an ideograph to the radical's code
point, the lower one: ⼀ (U+2F00) for 一, ⻅ for 见. ``fold_radicals`` turns
them back before anything reads numbering or compares labels.
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
# ...or a radical ``fold_radicals`` acts on.
_ATTENTION = regex.compile(r"[\s\x1c-\x1f\u00a0\u2002-\u200b\u3000\ufeff\u2e80-\u2fdf]")
_RADICAL = regex.compile(r"[\u2e80-\u2fdf]")

#: CJK Radicals Supplement → the unified ideograph drawn with the same glyph, for the
#: radicals that are whole characters (Unicode's EquivalentUnifiedIdeograph.txt); NFKC
#: maps only ⺟ and ⻳ of this block. Component forms (⺅ 亻, ⺡ 氵) are left alone.
_SUPPLEMENT = {
    0x2E81: "厂", 0x2E8A: "卜", 0x2E8C: "小", 0x2E92: "巳", 0x2E93: "幺", 0x2E9C: "日", 0x2E9D: "月",
    0x2E9F: "母", 0x2EA0: "民", 0x2EA7: "牛", 0x2EA9: "王", 0x2EAB: "目", 0x2EAC: "示", 0x2EC1: "虎",
    0x2EC4: "西", 0x2EC5: "见", 0x2EC6: "角", 0x2EC8: "讠", 0x2EC9: "贝", 0x2ECB: "车", 0x2ED0: "钅",
    0x2ED1: "長", 0x2ED3: "长", 0x2ED4: "门", 0x2ED7: "雨", 0x2ED8: "青", 0x2ED9: "韦", 0x2EDA: "页",
    0x2EDB: "风", 0x2EDC: "飞", 0x2EDD: "食", 0x2EE0: "饣", 0x2EE2: "马", 0x2EE3: "骨", 0x2EE4: "鬼",
    0x2EE5: "鱼", 0x2EE6: "鸟", 0x2EE7: "卤", 0x2EE8: "麦", 0x2EE9: "黄", 0x2EEA: "黾", 0x2EEC: "齐",
    0x2EEE: "齿", 0x2EF0: "龙", 0x2EF3: "龟",
}
#: Kangxi Radicals (U+2F00–2FD5): NFKC gives each its ideograph (⼀ → 一, ⼆ → 二).
_RADICALS = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)} | _SUPPLEMENT


def fold_radicals(text: str) -> str:
    """``text`` with radical look-alikes (⼀, ⼆, ⻅) as the ideographs they stand for."""
    return text.translate(_RADICALS) if _RADICAL.search(text) else text


def clean_cell_text(text: str) -> str:
    """Join a cell's lines and drop layout whitespace.

    Lines are joined without a separator (vertical text ``商\\n业\\n企\\n业``
    is 商业企业) except between two Latin/digit characters, where the line
    break stood for a space.
    """
    if not _ATTENTION.search(text):  # one line without any space or radical: nothing below changes it
        return text
    text = fold_radicals(text)
    if not _LAYOUT.search(text):
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
    text = _SPACES.sub(" ", fold_radicals(text).replace("\r", "")).strip()
    return _CJK_GAP.sub("", text)


# Quote and bracket variants that reports use interchangeably.
_LABEL_DROP = regex.compile(r"[\s\"'“”‘’「」『』《》〈〉·•、，,。.:：;；!！?？]+")


def label_key(text: str) -> str:
    """A comparison key: NFKC (full-width → ASCII), no spaces, quotes or punctuation.

    ``（三）不予公开`` and ``(三)不予公开`` give the same key; so do
    ``危及“三安全一稳定”`` and ``危及"三安全一稳定"``.
    """
    text = unicodedata.normalize("NFKC", fold_radicals(text))
    return _LABEL_DROP.sub("", text)
