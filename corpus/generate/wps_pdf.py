"""A minimal PDF writer with the font set-up of a WPS Office export.

WPS writes every font as a Type0 CID TrueType font (``CIDFontType2``,
``Identity-H``, embedded subset, ``ToUnicode`` map) and the vertical (竖排)
group cell 三、本年度办理结果 in a second Type0 font over the same glyphs with
the ``Identity-V`` CMap: the glyphs advance downwards from one text
position. reportlab's TrueType embedding writes 256-glyph simple fonts
(WinAnsi) instead, so ``make_pagesplit``'s WPS-like producer draws through
this writer. It offers the small part of reportlab's canvas that the
page-split generator uses (``line``, ``rect``, ``drawString``,
``stringWidth``, ``showPage``, ``save``) plus ``drawVertical``.

The font is subset with reportlab's own TrueType reader
(``TTFontFile.makeSubset``); CIDs are the subset's glyph indices
(``CIDToGIDMap /Identity``). Output is deterministic: no dates, a fixed /ID.
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


class CIDCanvas:
    """Pages of line drawings and text in one embedded CID font (horizontal and vertical)."""

    def __init__(self, path: str | Path, pagesize: tuple[float, float], font_file: str = FONT_FILE) -> None:
        from reportlab.pdfbase.ttfonts import TTFontFile

        self.path = Path(path)
        self.width, self.height = pagesize
        self.ttf = TTFontFile(font_file, subfontIndex=0)
        self.pages: list[list[str]] = []
        self.ops: list[str] = []
        self.codes: dict[int, int] = {}  # unicode -> CID (its glyph in the subset), in first-use order
        self.size = 10.0
        self.title = ""

    # --- reportlab canvas subset -------------------------------------------

    def setTitle(self, title: str) -> None:  # noqa: N802 -- reportlab's name
        self.title = title

    def setFont(self, _name: str, size: float) -> None:  # noqa: N802
        self.size = size

    def setLineWidth(self, width: float) -> None:  # noqa: N802
        self.ops.append(f"{_num(width)} w")

    def stringWidth(self, text: str, _font: str = "", size: float | None = None) -> float:  # noqa: N802
        size = self.size if size is None else size
        return sum(self.ttf.charWidths.get(ord(ch), 1000.0) for ch in text) * size / 1000.0

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.ops.append(f"{_num(x0)} {_num(y0)} m {_num(x1)} {_num(y1)} l S")

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.ops.append(f"{_num(x)} {_num(y)} {_num(w)} {_num(h)} re S")

    def _hex(self, text: str) -> str:
        out = []
        for ch in text:
            code = ord(ch)
            if code not in self.codes:
                self.codes[code] = len(self.codes) + 1  # glyph 0 is .notdef
            out.append(f"{self.codes[code]:04X}")
        return "".join(out)

    def drawString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        if text:
            self.ops.append(f"BT /FH {_num(self.size)} Tf 1 0 0 1 {_num(x)} {_num(y)} Tm <{self._hex(text)}> Tj ET")

    def drawVertical(self, x: float, y: float, text: str) -> None:  # noqa: N802
        """``text`` top-down in the Identity-V font; (x, y) is the first glyph's vertical origin
        (its top centre)."""
        if text:
            self.ops.append(f"BT /FV {_num(self.size)} Tf 1 0 0 1 {_num(x)} {_num(y)} Tm <{self._hex(text)}> Tj ET")

    def showPage(self) -> None:  # noqa: N802
        self.pages.append(self.ops)
        self.ops = []

    # --- file ---------------------------------------------------------------

    def _subset(self) -> bytes:
        codes = sorted(self.codes, key=self.codes.__getitem__)
        missing = [chr(c) for c in codes if c not in self.ttf.charToGlyph]
        if missing or len({self.ttf.charToGlyph[c] for c in codes}) != len(codes):
            raise ValueError(f"characters without a glyph of their own in the font: {missing}")
        return self.ttf.makeSubset(codes)

    def _to_unicode(self) -> bytes:
        pairs = sorted((cid, code) for code, cid in self.codes.items())
        lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
                 "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
                 "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
        for i in range(0, len(pairs), 100):
            block = pairs[i:i + 100]
            lines.append(f"{len(block)} beginbfchar")
            lines += [f"<{cid:04X}> <{code:04X}>" for cid, code in block]
            lines.append("endbfchar")
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(lines).encode("ascii")

    def save(self) -> None:
        if self.ops:
            self.showPage()
        objects: list[bytes] = []

        def add(body: bytes | str) -> int:
            objects.append(body.encode("latin-1") if isinstance(body, str) else body)
            return len(objects)

        def stream(data: bytes, extra: str = "") -> bytes:
            packed = zlib.compress(data, 9)
            return (f"<< /Length {len(packed)} /Filter /FlateDecode{extra} >>\nstream\n".encode("latin-1")
                    + packed + b"\nendstream")

        add("")  # 1: catalog, filled in last
        add("")  # 2: pages
        font_bytes = self._subset()
        name = "WPSSUB+" + self.ttf.name.decode("latin-1")
        file_id = add(stream(font_bytes, f" /Length1 {len(font_bytes)}"))
        bbox = " ".join(_num(v) for v in self.ttf.bbox)
        desc_id = add(f"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{bbox}] /ItalicAngle 0 "
                      f"/Ascent {_num(self.ttf.ascent)} /Descent {_num(self.ttf.descent)} /CapHeight "
                      f"{_num(self.ttf.ascent)} /StemV 80 /FontFile2 {file_id} 0 R >>")
        widths = " ".join(f"{cid} [{_num(self.ttf.charWidths.get(code, 1000.0))}]"
                          for code, cid in sorted(self.codes.items(), key=lambda kv: kv[1]))
        cid_id = add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry "
                     f"(Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {desc_id} 0 R /DW 1000 "
                     f"/W [{widths}] /DW2 [880 -1000] /CIDToGIDMap /Identity >>")
        uni_id = add(stream(self._to_unicode()))
        fonts = {}
        for key, cmap in (("FH", "Identity-H"), ("FV", "Identity-V")):
            fonts[key] = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /{cmap} "
                             f"/DescendantFonts [{cid_id} 0 R] /ToUnicode {uni_id} 0 R >>")
        resources = "<< /Font << " + " ".join(f"/{k} {v} 0 R" for k, v in fonts.items()) + " >> >>"
        kids = []
        for ops in self.pages:
            content = add(stream(("\n".join(ops) + "\n").encode("latin-1")))
            kids.append(add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_num(self.width)} {_num(self.height)}] "
                            f"/Resources {resources} /Contents {content} 0 R >>"))
        objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
        objects[1] = (f"<< /Type /Pages /Count {len(kids)} /Kids [" + " ".join(f"{k} 0 R" for k in kids)
                      + "] >>").encode("latin-1")
        title = self.title.encode("utf-16-be").hex().upper()
        info = add(f"<< /Producer (WPS-like generator, corpus/generate/wps_pdf.py) /Title <FEFF{title}> >>")
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(objects, 1):
            offsets.append(len(out))
            out += f"{n} 0 obj\n".encode("latin-1") + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("latin-1")
        out += b"".join(f"{o:010d} 00000 n \n".encode("latin-1") for o in offsets)
        digest = hashlib.md5(bytes(out)).hexdigest()  # noqa: S324 -- a file identifier, not security
        out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info} 0 R /ID [<{digest}> <{digest}>] "
                f">>\nstartxref\n{xref}\n%%EOF\n").encode("latin-1")
        self.path.write_bytes(bytes(out))
