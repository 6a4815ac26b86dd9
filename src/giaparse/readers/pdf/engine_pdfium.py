"""The PDFium engine: characters and paths through pypdfium2's raw bindings.

PDFium interprets a page in C about ten times faster than pdfminer in
Python; this module asks it for the same facts pdfplumber gives and puts
them in the same coordinates (``PageContent``):

* **characters** — text from ``FPDFText_GetText``; the horizontal extent
  from PDFium's loose box (origin to advance, as pdfminer's), the vertical
  one computed as pdfminer does (baseline + descent × size, one size tall)
  from the character's origin, matrix and its text object's font; rotated
  characters take PDFium's glyph box, and vertically written ones (Identity-V,
  whose loose box PDFium runs ~20 em across) the em square on their origin,
  as pdfminer does. Generated spaces and line breaks
  (PDFium inserts them) are whitespace and left out like any other.
* **paths** — every path object (inside form XObjects too), each subpath's
  segment end points transformed by the object's matrix and classified as
  pdfminer does (``content.path_objects``).
* **coordinates** — PDF user space turned by /Rotate and flipped so the
  origin is the top-left corner of the page as displayed, relative to the
  MediaBox, like pdfplumber's.

A page where PDFium reports characters without a Unicode mapping (a font
without ToUnicode that it cannot decode either) is read by the pdfminer
engine instead, page by page, so both engines strip and report the same
unmapped glyphs (``reader``'s ``REPLACEMENT_CHARACTERS`` warning).

A Chinese font the PDF does not embed is drawn by PDFium with an installed
stand-in; ``fonts`` makes that a TrueType face where one is installed,
which PDFium decodes about three times faster than Noto CJK's CFF.

The calls made per character, path segment and page object take plain
integers (handles and out-parameters by address) and go through cffi when
it is importable (pdfminer.six's cryptography brings it), else ctypes
(``_Fast``): a ctypes call costs about three times as much.

Password-protected documents open with ``password``; PDFs with only an
owner password (printing/copying restrictions) open without one, as in
every PDF viewer. PDFium's load errors become ``EncryptedPdf`` /
``DamagedPdf``.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ...errors import DamagedPdf, EncryptedPdf, MissingDependency
from .content import Char, PageContent, path_objects
from .fonts import prefer_truetype_cjk
from .text import char_direction

Transform = Callable[[float, float], tuple[float, float]]


def import_pdfium() -> Any:
    try:
        import pypdfium2.raw as pdfium_c
    except ImportError:
        raise MissingDependency("reading PDF with the pypdfium2 engine", "pdf", "pypdfium2") from None
    return pdfium_c


def _display(rotation: int, box: tuple[float, float, float, float]) -> tuple[Transform, float, float]:
    """PDF user space → displayed page coordinates (origin top-left, y down),
    with the displayed width and height. ``rotation`` in quarter turns clockwise."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if rotation == 1:
        return (lambda x, y: (y - y0, x - x0)), h, w
    if rotation == 2:
        return (lambda x, y: (x1 - x, y - y0)), w, h
    if rotation == 3:
        return (lambda x, y: (y1 - y, x1 - x)), h, w
    return (lambda x, y: (x - x0, y1 - y)), w, h


def _turn_vector(a: float, b: float, rotation: int) -> tuple[float, float]:
    """A direction in user space (y up) as seen on the displayed page (still y up)."""
    for _ in range(rotation):
        a, b = b, -a
    return a, b


#: PDFium is not thread-safe: a process makes one call into it at a time. Worker processes
#: never contend; threads (``convert_many`` on a thread pool, a threaded Dask worker) take turns
#: instead of crashing the process. Re-entrant: a page read may open the fallback engine.
PDFIUM_LOCK = threading.RLock()


class PdfiumDocument:
    def __init__(self, data: bytes, source: str, password: str | None = None) -> None:
        with PDFIUM_LOCK:
            self._open(data, source, password)

    def _open(self, data: bytes, source: str, password: str | None) -> None:
        self._c = c = import_pdfium()
        prefer_truetype_cjk(c)  # a cheaper stand-in for non-embedded Chinese fonts (fonts.py)
        self.source = source
        self._data = data
        self._buf = ctypes.create_string_buffer(data, len(data))  # PDFium reads it for the document's life
        pw = password.encode("utf-8") if password else None
        self._doc = c.FPDF_LoadMemDocument64(self._buf, len(data), pw)
        if not self._doc:
            err = c.FPDF_GetLastError()
            if err == c.FPDF_ERR_PASSWORD:
                raise EncryptedPdf(source, "the PDF is encrypted and needs a password"
                                   if not password else "the PDF is encrypted and the password is wrong")
            if err == c.FPDF_ERR_SECURITY:
                raise EncryptedPdf(source, "the PDF is encrypted with an unsupported security handler")
            raise DamagedPdf(source, f"the PDF is damaged and cannot be read (PDFium error {err})")
        self._password = password
        self._fallback: Any = None
        # Out-parameters, allocated once.
        self._rect = c.FS_RECTF()
        self._matrix = c.FS_MATRIX()
        self._f = [ctypes.c_float() for _ in range(4)]
        self._bounds = [ctypes.c_float() for _ in range(4)]
        # Out-parameters of the fast calls (``_Fast``), passed by address:
        # a character's origin; font size, descent, advance; a segment's point.
        self._xy = (ctypes.c_double * 2)()
        self._out_f = (ctypes.c_float * 3)()
        self._point = (ctypes.c_float * 2)()
        self._p_matrix, self._p_out_f = ctypes.addressof(self._matrix), ctypes.addressof(self._out_f)

    def page_count(self) -> int:
        with PDFIUM_LOCK:
            return self._c.FPDF_GetPageCount(self._doc)

    def pages(self) -> Iterator[PageContent | Exception]:
        for index in range(self.page_count()):
            try:
                yield self._page(index)
            except Exception as exc:  # noqa: BLE001 - a page PDFium or the fallback cannot read
                yield exc

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._fallback is not None:
                self._fallback.close()
            if self._doc:
                self._c.FPDF_CloseDocument(self._doc)
                self._doc = None

    # ------------------------------------------------------------ a page ---

    def _page(self, index: int) -> PageContent:
        with PDFIUM_LOCK:
            return self._read_page(index)

    def _read_page(self, index: int) -> PageContent:
        c = self._c
        page = c.FPDF_LoadPage(self._doc, index)
        if not page:
            raise DamagedPdf(self.source, f"PDFium cannot load page {index + 1}")
        try:
            f = self._f
            if c.FPDFPage_GetMediaBox(page, *f):
                x0, y0, x1, y1 = f[0].value, f[1].value, f[2].value, f[3].value
                box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            else:  # inherited or missing MediaBox: PDFium's own page box
                rect = c.FS_RECTF()
                c.FPDF_GetPageBoundingBox(page, rect)
                box = (rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top))
            rotation = c.FPDFPage_GetRotation(page) % 4
            to_page, width, height = _display(rotation, box)
            content = PageContent(width, height)
            unmapped = self._chars(page, content, to_page, rotation, box)
            if unmapped:
                return self._pdfminer_page(index)
            self._objects(page, content, to_page, height)
            return content
        finally:
            c.FPDF_ClosePage(page)

    def _pdfminer_page(self, index: int) -> PageContent:
        if self._fallback is None:
            from .engine_pdfminer import PdfminerDocument

            self._fallback = PdfminerDocument(self._data, self.source, self._password)
        return self._fallback.page(index)

    def _chars(self, page: Any, content: PageContent, to_page: Transform, rotation: int,
               box: tuple[float, float, float, float]) -> bool:
        """Fill ``content.chars``; True if some character has no Unicode mapping."""
        c = self._c
        textpage = c.FPDFText_LoadPage(page)
        if not textpage:
            raise DamagedPdf(self.source, "PDFium cannot read the page's text")
        try:
            n = c.FPDFText_CountChars(textpage)
            if n <= 0:
                return False
            buf = (ctypes.c_ushort * (n + 1))()
            got = c.FPDFText_GetText(textpage, 0, n, buf)
            text = bytes(buf)[: 2 * max(got - 1, 0)].decode("utf-16-le", errors="surrogatepass")
            if len(text) != n:  # surrogate pairs: one character index each, read one by one
                text = "".join(chr(c.FPDFText_GetUnicode(textpage, i)) for i in range(n))
            fast = _fast(c)
            tp = ctypes.cast(textpage, ctypes.c_void_p).value
            origin, text_object, map_error = fast.origin, fast.text_object, fast.map_error
            glyph_width, loose_box = fast.glyph_width, fast.loose_box
            xy, out_f, rect = self._xy, self._out_f, self._rect
            p_x = ctypes.addressof(xy)
            p_y, p_f, p_rect = p_x + 8, ctypes.addressof(out_f), ctypes.addressof(rect)
            # Per text object (one string shown with one matrix and font): the
            # matrix's linear part, the direction, the font's size and descent,
            # and the advances (per character) of its font.
            objects: dict[int, tuple[float, float, float, float, int, float, float, int, dict[str, float]]] = {}
            widths: dict[int, dict[str, float]] = {}
            descents: dict[int, float] = {}
            new, out = tuple.__new__, content.chars
            upright_page, left, top_y = rotation == 0, box[0], box[3]
            for i, ch in enumerate(text):
                if map_error(tp, i) == 1:
                    return True
                if ch.isspace() or not ch.isprintable():
                    continue
                key = text_object(tp, i)
                facts = objects.get(key)
                if facts is None:
                    facts = objects[key] = self._text_object(fast, tp, i, key, rotation, widths, descents)
                ma, mb, mc, md, turns, font_size, font_descent, font, advances = facts
                # The advance the font declares (/W, /Widths), as in pdfminer's box: PDFium's
                # loose box takes a substituted font's advance when the font is not embedded.
                advance = advances.get(ch)
                if advance is None:
                    advance = advances[ch] = out_f[2] if glyph_width(font, ord(ch), 1.0, p_f + 8) else -1.0
                if advance < 0:  # no code for this text in the font: PDFium's own box
                    loose_box(tp, i, p_rect)
                    corners = ((rect.left, rect.bottom), (rect.right, rect.top))
                    em = font_size * max(abs(ma) + abs(mc), abs(mb) + abs(md))
                    if rect.right - rect.left > 2 * em or rect.top - rect.bottom > 2 * em:
                        # Vertical writing (Identity-V, WPS's 竖排 cells): PDFium's loose box runs
                        # ~20 em across into the next cells. The glyph is the em square on its
                        # origin, as pdfminer's LTChar has it.
                        origin(tp, i, p_x, p_y)
                        x, y = xy[0], xy[1]
                        corners = ((x, y), (x + (ma + mc) * font_size, y + (mb + md) * font_size))
                else:  # pdfminer's LTChar: (0, descent)–(advance, descent + size) through the matrix
                    origin(tp, i, p_x, p_y)
                    u1, v0 = advance * font_size, font_descent * font_size
                    v1 = v0 + font_size
                    x, y = xy[0], xy[1]
                    if upright_page and mb == 0 and mc == 0 and ma > 0 and md > 0:  # nearly every character
                        x0 = x - left
                        out.append(new(Char, (ch, x0, top_y - (y + md * v1), x0 + ma * u1,
                                              top_y - (y + md * v0), turns)))
                        continue
                    corners = ((x + mc * v0, y + md * v0), (x + ma * u1 + mc * v1, y + mb * u1 + md * v1))
                (px0, py0), (px1, py1) = to_page(*corners[0]), to_page(*corners[1])
                out.append(new(Char, (ch, min(px0, px1), min(py0, py1), max(px0, px1), max(py0, py1), turns)))
            return False
        finally:
            c.FPDFText_ClosePage(textpage)

    def _text_object(self, fast: _Fast, tp: int, i: int, obj: int, rotation: int,
                     widths: dict[int, dict[str, float]], descents: dict[int, float]
                     ) -> tuple[float, float, float, float, int, float, float, int, dict[str, float]]:
        """What every character of character ``i``'s text object shares: the
        linear part of its matrix, its direction, the font size and descent,
        the font and that font's advances (filled as characters come)."""
        m, f = self._matrix, self._out_f
        fast.char_matrix(tp, i, self._p_matrix)
        fast.font_size(obj, self._p_out_f)
        font = fast.font(obj)
        descent = descents.get(font)  # a font's descent, asked once per page (handles live as long as the page)
        if descent is None:
            fast.descent(font, 1.0, self._p_out_f + 4)
            descent = descents[font] = f[1]
        a, b, c, d = m.a, m.b, m.c, m.d
        # ``char_direction`` of the advance as seen on the page; 0 at once for an unrotated matrix on an upright page.
        turns = 0 if rotation == 0 and b == 0 and a > 0 else char_direction(_turn_vector(a, b, rotation))
        return (a, b, c, d, turns, f[0], descent, font, widths.setdefault(font, {}))

    def _objects(self, page: Any, content: PageContent, to_page: Transform, height: float) -> None:
        """Paths (as pdfminer's lines/rects/curves) and whether there are images."""
        fast = _fast(self._c)
        handle = ctypes.cast(page, ctypes.c_void_p).value
        self._walk(fast, fast.count_objects(handle), lambda i: fast.get_object(handle, i),
                   (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), content, to_page, height, depth=0)

    def _walk(self, fast: _Fast, n: int, get: Callable[[int], int], ctm: tuple[float, ...],
              content: PageContent, to_page: Transform, height: float, depth: int) -> None:
        c = self._c
        m = c.FS_MATRIX()
        pm = ctypes.addressof(m)
        image, path, form = c.FPDF_PAGEOBJ_IMAGE, c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM
        for i in range(n):
            obj = get(i)
            kind = fast.object_type(obj)
            if kind == image:
                self._image(fast, obj, ctm, content, to_page)
            elif kind == path:
                fast.object_matrix(obj, pm)
                self._path(fast, obj, _compose((m.a, m.b, m.c, m.d, m.e, m.f), ctm), content, to_page, height)
            elif kind == form and depth < 12:
                # A form XObject's objects are in its own space: its matrix takes them to the page.
                fast.object_matrix(obj, pm)
                inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
                self._walk(fast, fast.form_count(obj), lambda k, o=obj: fast.form_object(o, k),
                           inner, content, to_page, height, depth + 1)

    def _image(self, fast: _Fast, obj: int, ctm: tuple[float, ...], content: PageContent,
               to_page: Transform) -> None:
        """Where the image lies on the page (its bounds in the space it is drawn in, through ``ctm``)."""
        f = self._bounds
        if not fast.bounds(obj, *(ctypes.addressof(v) for v in f)):
            content.has_images = True
            return
        left, bottom, right, top = (v.value for v in f)
        a, b, c, d, e, g = ctm
        points = [to_page(a * x + c * y + e, b * x + d * y + g)
                  for x, y in ((left, bottom), (right, bottom), (left, top), (right, top))]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        content.cover(min(xs), min(ys), max(xs), max(ys))

    def _path(self, fast: _Fast, obj: int, ctm: tuple[float, ...], content: PageContent,
              to_page: Transform, height: float) -> None:
        c = self._c
        xy = self._point
        px = ctypes.addressof(xy)
        py = px + 4
        a, b, cc, d, e, f = ctm
        moveto, bezierto = c.FPDF_SEGMENT_MOVETO, c.FPDF_SEGMENT_BEZIERTO
        seg_type, seg_point, seg_close, get_seg = fast.seg_type, fast.seg_point, fast.seg_close, fast.get_segment
        subpaths: list[tuple[list[tuple[float, float]], bool]] = []
        bezier = 0
        for k in range(fast.count_segments(obj)):
            seg = get_seg(obj, k)
            kind = seg_type(seg)
            if kind == bezierto:
                bezier += 1
                if bezier % 3:  # control points: pdfminer keeps only each curve's end point
                    continue
            else:
                bezier = 0
            seg_point(seg, px, py)
            x, y = xy[0], xy[1]
            point = to_page(a * x + cc * y + e, b * x + d * y + f)
            if kind == moveto or not subpaths:
                subpaths.append(([point], False))
            else:
                subpaths[-1][0].append(point)
            if seg_close(seg):
                subpaths[-1] = (subpaths[-1][0], True)
        kinds = {"line": content.lines, "rect": content.rects, "curve": content.curves}
        for points, closed in subpaths:
            found = path_objects(points, closed, height)
            if found is not None:
                kind_name, o = found
                kinds[kind_name].append(o)


# The calls made per character, per path segment and per page object, bound
# with plain integer arguments (pointers as addresses): through cffi when it
# is there (pdfminer.six's cryptography brings it; a call costs about a
# third of a ctypes call), else through ctypes.
_SIGNATURES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "origin": ("FPDFText_GetCharOrigin", "int", ("intptr_t", "int", "intptr_t", "intptr_t")),
    "text_object": ("FPDFText_GetTextObject", "intptr_t", ("intptr_t", "int")),
    "map_error": ("FPDFText_HasUnicodeMapError", "int", ("intptr_t", "int")),
    "loose_box": ("FPDFText_GetLooseCharBox", "int", ("intptr_t", "int", "intptr_t")),
    "char_matrix": ("FPDFText_GetMatrix", "int", ("intptr_t", "int", "intptr_t")),
    "font_size": ("FPDFTextObj_GetFontSize", "int", ("intptr_t", "intptr_t")),
    "font": ("FPDFTextObj_GetFont", "intptr_t", ("intptr_t",)),
    "descent": ("FPDFFont_GetDescent", "int", ("intptr_t", "float", "intptr_t")),
    "glyph_width": ("FPDFFont_GetGlyphWidth", "int", ("intptr_t", "uint32_t", "float", "intptr_t")),
    "count_objects": ("FPDFPage_CountObjects", "int", ("intptr_t",)),
    "get_object": ("FPDFPage_GetObject", "intptr_t", ("intptr_t", "int")),
    "form_count": ("FPDFFormObj_CountObjects", "int", ("intptr_t",)),
    "form_object": ("FPDFFormObj_GetObject", "intptr_t", ("intptr_t", "unsigned long")),
    "object_type": ("FPDFPageObj_GetType", "int", ("intptr_t",)),
    "object_matrix": ("FPDFPageObj_GetMatrix", "int", ("intptr_t", "intptr_t")),
    "bounds": ("FPDFPageObj_GetBounds", "int", ("intptr_t", "intptr_t", "intptr_t", "intptr_t", "intptr_t")),
    "count_segments": ("FPDFPath_CountSegments", "int", ("intptr_t",)),
    "get_segment": ("FPDFPath_GetPathSegment", "intptr_t", ("intptr_t", "int")),
    "seg_type": ("FPDFPathSegment_GetType", "int", ("intptr_t",)),
    "seg_point": ("FPDFPathSegment_GetPoint", "int", ("intptr_t", "intptr_t", "intptr_t")),
    "seg_close": ("FPDFPathSegment_GetClose", "int", ("intptr_t",)),
}
_CTYPES = {"int": ctypes.c_int, "intptr_t": ctypes.c_ssize_t, "float": ctypes.c_float,
           "uint32_t": ctypes.c_uint32, "unsigned long": ctypes.c_ulong}


class _Fast:
    """PDFium's hot calls (``_SIGNATURES``) as attributes taking and returning
    plain ints and floats; a NULL handle comes back as 0."""

    def __init__(self, c: Any) -> None:
        try:
            import cffi
        except ImportError:  # pragma: no cover - cffi comes with pdfminer.six's cryptography
            ffi = None
        else:
            ffi = cffi.FFI()
        for name, (symbol, restype, argtypes) in _SIGNATURES.items():
            address = ctypes.cast(getattr(c, symbol), ctypes.c_void_p).value
            if ffi is not None:
                fn = ffi.cast(f"{restype}(*)({', '.join(argtypes)})", address)
            else:
                fn = ctypes.CFUNCTYPE(_CTYPES[restype], *(_CTYPES[t] for t in argtypes))(address)
            setattr(self, name, fn)


_FAST: list[_Fast] = []


def _fast(c: Any) -> _Fast:
    if not _FAST:
        _FAST.append(_Fast(c))
    return _FAST[0]


def _compose(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
