"""Which installed font PDFium uses in place of a Chinese font the PDF does not embed.

A PDF that names 宋体/SimSun, STSong-Light and the like without embedding
them makes PDFium pick an installed stand-in. PDFium decodes the stand-in's
outline of every character twice per page (its glyph box, once when the
page is loaded and once for the text page), although giaparse never uses
glyph shapes: a CID font's advances come from the PDF's own ``/W`` and
``/DW``, its descent from the font descriptor. What the stand-in costs
depends on its outline format. On Linux PDFium tends to choose Noto CJK,
whose CFF outlines are slow to decode: on the corpus's GBK-EUC-H PDF, about
two thirds of PDFium's time was FreeType's CFF interpreter
(``cf2_interpT2CharString``). A TrueType CJK face (WenQuanYi Zen Hei, AR PL
UMing, Droid Sans Fallback, SimSun, ...) gives the same text in about a
third of the time (``benchmarks/pdf_speed.py``; README, *PDF speed*).

``prefer_truetype_cjk`` installs a ``FPDF_SYSFONTINFO`` of our own that
passes every call to PDFium's default one, with two changes. When a
Chinese character set (GB2312, Big5) is asked for and the default answers
with a CFF-only face, it takes the first installed face of
``TRUETYPE_CJK`` that has TrueType outlines (a ``glyf`` table). Without
such a font, or for any other request, PDFium's own choice stands. And a
font file PDFium reads whole is kept in memory after the first read
(``_Hook._font_data``). The extracted text and every position are the
same either way: ``tests/test_pdf_fonts.py`` compares every character box
and path with and without the hook, in two processes. Only pixels differ,
when a page is rendered in the same process (the review page, OCR of a
page without text).

This is process-wide PDFium state. It is installed the first time the
PDFium engine opens a document. Set ``GIAPARSE_PDFIUM_DEFAULT_FONTS=1`` to
leave PDFium's font mapping alone.
"""

from __future__ import annotations

import ctypes
import os
from typing import Any

# Families that cover GB2312 and Big5, in order of preference.
TRUETYPE_CJK = (
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN", "AR PL UMing TW",
    "Droid Sans Fallback", "SimSun", "NSimSun", "Microsoft YaHei", "SimHei",
)
ENV_DEFAULT = "GIAPARSE_PDFIUM_DEFAULT_FONTS"
# Font files kept in memory (``_Hook._font_data``): files from 1 MB, 64 MB in all.
_KEEP_FROM, _KEEP_AT_MOST = 1 << 20, 64 << 20


def _tag(name: bytes) -> int:
    return int.from_bytes(name, "big")


_CFF, _GLYF = _tag(b"CFF "), _tag(b"glyf")

# The installed hook: PDFium keeps pointers to these for the life of the
# process, so they must never be collected. None until installed; False if
# it was left alone.
_INSTALLED: list[Any] = []


def installed_face() -> str | None:
    """The TrueType face the hook prefers on this machine, if it found one."""
    return _INSTALLED[0].face if _INSTALLED and _INSTALLED[0] else None


def prefer_truetype_cjk(c: Any) -> bool:
    """Install the hook once per process (``c`` is ``pypdfium2.raw``). True if it is active."""
    if _INSTALLED:
        return bool(_INSTALLED[0])
    if os.environ.get(ENV_DEFAULT, "").strip() not in ("", "0"):
        _INSTALLED.append(False)
        return False
    default = c.FPDF_GetDefaultSystemFontInfo()
    if not default:  # a PDFium build without system fonts
        _INSTALLED.append(False)
        return False
    hook = _Hook(c, default)
    _INSTALLED.append(hook)
    c.FPDF_SetSystemFontInfo(ctypes.byref(hook.info))
    return True


class _Hook:
    """Our ``FPDF_SYSFONTINFO``: each callback passes the call on to PDFium's default."""

    def __init__(self, c: Any, default: Any) -> None:
        self.default, d = default, default.contents
        self.face: str | None = None
        self._chinese = {c.FXFONT_GB2312_CHARSET, c.FXFONT_CHINESEBIG5_CHARSET}
        self._names = [ctypes.create_string_buffer(n.encode()) for n in TRUETYPE_CJK]
        self._truetype: Any = None  # the chosen face's name (a C string), found on first need
        self._looked = False
        self._data: dict[tuple[bytes, int, int], bytes] = {}  # whole font files, by face, table and size
        self._cached = 0
        kinds = dict(c.FPDF_SYSFONTINFO._fields_)
        info = self.info = c.FPDF_SYSFONTINFO()
        info.version = d.version
        # Each callback object is kept on ``info`` (ctypes keeps a reference), so it lives as long as the hook.
        info.Release = kinds["Release"](lambda this: None)  # the default belongs to us and is never freed
        info.EnumFonts = kinds["EnumFonts"](lambda this, mapper: d.EnumFonts(default, mapper))
        info.MapFont = kinds["MapFont"](self._map_font)
        info.GetFont = kinds["GetFont"](lambda this, face: d.GetFont(default, face) or None)
        info.GetFontData = kinds["GetFontData"](self._font_data)
        info.GetFaceName = kinds["GetFaceName"](
            lambda this, font, buffer, size: d.GetFaceName(default, font, buffer, size))
        info.GetFontCharset = kinds["GetFontCharset"](lambda this, font: d.GetFontCharset(default, font))
        info.DeleteFont = kinds["DeleteFont"](lambda this, font: d.DeleteFont(default, font))

    def _font_data(self, this: Any, font: Any, table: int, buffer: Any, size: int) -> int:
        """The default's answer; a whole font file is kept after its first read.

        PDFium reads the stand-in's whole file (16 MB for WenQuanYi Zen Hei's
        collection) for each document that uses it, even when it already has
        the face, so the bytes are kept here: copying them costs about a third
        of reading the file again. Only reads of at least ``_KEEP_FROM`` bytes
        are kept, and no more than ``_KEEP_AT_MOST`` bytes in all."""
        d = self.default.contents
        if not buffer or size < _KEEP_FROM:
            return d.GetFontData(self.default, font, table, buffer, size)
        try:
            return self._kept_font_data(font, table, buffer, size)
        except Exception:  # noqa: BLE001 - never an exception into PDFium's C code: the plain answer
            return d.GetFontData(self.default, font, table, buffer, size)

    def _kept_font_data(self, font: Any, table: int, buffer: Any, size: int) -> int:
        d = self.default.contents
        name = ctypes.create_string_buffer(256)
        d.GetFaceName(self.default, font, name, 256)
        key = (name.value, table, size)
        kept = self._data.get(key)
        if kept is not None:
            ctypes.memmove(buffer, kept, size)
            return size
        got = d.GetFontData(self.default, font, table, buffer, size)
        if got == size and name.value and self._cached + size <= _KEEP_AT_MOST:
            self._data[key] = ctypes.string_at(buffer, size)
            self._cached += size
        return got

    def _has(self, font: int, table: int) -> bool:
        return bool(self.default.contents.GetFontData(self.default, font, table, None, 0))

    def _map_font(self, this: Any, weight: int, italic: int, charset: int, pitch: int,
                  face: Any, exact: Any) -> int | None:
        d = self.default.contents
        font = d.MapFont(self.default, weight, italic, charset, pitch, face, exact)
        try:
            if font and charset in self._chinese and self._has(font, _CFF) and not self._has(font, _GLYF):
                truetype = self._truetype_face()
                if truetype:
                    d.DeleteFont(self.default, font)
                    return truetype
        except Exception:  # noqa: BLE001 - never an exception into PDFium's C code: its own choice stands
            pass
        return font or None

    def _truetype_face(self) -> Any:
        """A fresh handle to the preferred TrueType face (PDFium deletes the
        handles it is given, so none is kept). The list is searched once, on
        the first CFF answer; PDFium's EnumFonts has filled it by then."""
        d = self.default.contents
        if not self._looked:
            self._looked = True
            for name, buffer in zip(TRUETYPE_CJK, self._names, strict=False):
                font = d.GetFont(self.default, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
                if font and self._has(font, _GLYF):
                    self._truetype, self.face = buffer, name
                    return font
                if font:
                    d.DeleteFont(self.default, font)
            return None
        if self._truetype is None:
            return None
        return d.GetFont(self.default, ctypes.cast(self._truetype, ctypes.POINTER(ctypes.c_char)))
