"""Bytes to text for the text-like formats (plain text, HTML).

Government sites still publish GBK/GB18030 pages and Windows tools write
UTF-16 with or without a BOM. The order below matters: BOMs are certain,
UTF-16 without BOM is told by its NUL bytes, UTF-8 is strict enough that a
clean decode is proof, and GB18030 (a superset of GBK and GB2312) decodes
almost anything, so it comes last.
"""

from __future__ import annotations

import codecs
import functools
import re

from ..diagnostics import ParseWarning, WarningCode
from ..errors import DecodeFailure

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Names a page may declare that mean GB18030 in practice.
_GB_ALIASES = {"gbk", "gb2312", "gb_2312-80", "x-gbk", "gb18030", "cp936", "euc-cn"}


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without BOM: CJK and ASCII both leave NULs in one byte lane."""
    sample = data[:4000]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


_CJK_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")
#: What a report's text is made of: CJK ideographs, printable ASCII, tab/CR/LF, CJK and
#: full-width punctuation, general punctuation, no-break space.
_REPORT_CHARS = re.compile("[\u4e00-\u9fff\x20-\x7e\t\r\n\u3000-\u303f\uff00-\uffef\u2000-\u206f\u00a0]+")


def _plausible_text(text: str) -> bool:
    """Mostly CJK, ASCII and CJK punctuation, with some CJK: what a report is."""
    if not text or not _CJK_IDEOGRAPH.search(text):
        return False
    others = len(_REPORT_CHARS.sub("", text))
    return len(text) - others >= 0.95 * len(text)


def utf16_by_content(data: bytes) -> str | None:
    """UTF-16 without BOM and without many NULs (CJK text): try both byte orders.

    Decoded as UTF-16, GBK or UTF-8 bytes give Hangul, private-use and
    surrogate code points, never ~all CJK and ASCII, so a plausible decode is
    strong evidence.
    """
    sample = data[:8000]
    return _utf16_by_content(sample[: len(sample) // 2 * 2])


@functools.lru_cache(maxsize=8)  # format detection and decoding ask about the same bytes
def _utf16_by_content(sample: bytes) -> str | None:
    if len(sample) < 8:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(enc)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            return enc
    return None


def canonical_encoding(name: str) -> str:
    """Map a declared charset to the codec we decode with."""
    low = name.strip().lower()
    if low in _GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(low).name
    except LookupError:
        return ""


def decode_bytes(
    data: bytes,
    source: str,
    declared: str | None = None,
    warnings: list[ParseWarning] | None = None,
) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding used)``.

    ``declared`` is a charset the content itself names (an HTML meta tag);
    it is tried after BOMs and before guessing. Raises ``DecodeFailure``.
    """
    candidates: list[str] = []

    def decoded(enc: str) -> str | None:
        if enc in candidates:
            return None
        candidates.append(enc)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            return None
        return text.lstrip("\ufeff") if enc in ("utf-16-le", "utf-16-be", "utf-16", "utf-32") else text

    # Strict UTF-8 before a declared charset: pages that declare gb2312 but
    # are really UTF-8 are common, and GBK text almost never decodes as UTF-8.
    # The next candidates are only looked for when the ones before fail.
    for enc in (bom_encoding(data), utf16_without_bom(data), "utf-8"):
        if enc and (text := decoded(enc)) is not None:
            return text, enc
    for enc in (utf16_by_content(data), canonical_encoding(declared) if declared else None, "gb18030"):
        if enc and (text := decoded(enc)) is not None:
            return text, enc
    # Damaged but readable: a few bytes that decode under no codec (a stray 0xFF, a
    # file cut inside its last character) are replaced, in the codec that
    # explains all the rest, so a few bad bytes do not lose a report.
    best: tuple[int, str, str] | None = None
    for enc in dict.fromkeys(c for c in candidates if c in ("utf-8", "gb18030") or c.startswith("utf-16")):
        try:
            text = data.decode(enc, errors="replace")
        except LookupError:
            continue
        bad = text.count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, text, enc)
    assert best is not None
    bad, text, enc = best
    if bad > max(8, len(text) // 50):
        raise DecodeFailure(source, "the bytes are not text in UTF-8, UTF-16 or GB18030")
    if warnings is not None:
        warnings.append(
            ParseWarning(
                WarningCode.ENCODING_GUESSED,
                f"decoded as {enc.upper()} with {bad} undecodable byte sequence(s) replaced by U+FFFD",
            )
        )
    return text.lstrip("\ufeff"), enc
