"""Legacy Word/WPS files (.doc, .wps: OLE2 compound documents).

No Python library reads them well; LibreOffice does. When ``soffice`` (or
``libreoffice``) is on the PATH the file is converted to DOCX in a temporary
directory and read by the DOCX reader; otherwise the error says how to
convert it by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import ConversionFailed, UnsupportedFormat
from . import reader_for, register_reader
from .base import Reader

CONVERT_TIMEOUT_S = 180
ADVICE = (
    "a legacy Word/WPS file (.doc/.wps); convert it to .docx first, e.g. "
    "`soffice --headless --convert-to docx FILE`"
)


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, source: str, soffice: str, timeout: float | None = None) -> bytes:
    """DOCX bytes for ``data``, via ``soffice --headless --convert-to docx``, within ``timeout`` s."""
    timeout = CONVERT_TIMEOUT_S if timeout is None else min(timeout, CONVERT_TIMEOUT_S)
    with tempfile.TemporaryDirectory(prefix="giaparse-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        try:
            proc = subprocess.run(
                [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", "docx", "--outdir", tmp, str(src)],
                capture_output=True, timeout=timeout, check=False,
            )
        except subprocess.TimeoutExpired:
            raise ConversionFailed(source, f"LibreOffice did not finish converting within {timeout:g} s") from None
        out = Path(tmp) / "input.docx"
        if proc.returncode != 0 or not out.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            raise ConversionFailed(source, "LibreOffice could not convert this .doc/.wps file"
                                   + (f" ({detail[-1]})" if detail else ""))
        return out.read_bytes()


@register_reader
class LegacyWordReader(Reader):
    format = "ole2"
    extensions = (".doc", ".wps")

    def read(self, data: bytes, source: str) -> Document:
        soffice = find_soffice() if self.options.convert_legacy else None
        if soffice is None:
            raise UnsupportedFormat(source, ADVICE)
        docx = reader_for("docx", self.options)
        if docx is None:
            raise UnsupportedFormat(source, "converted to DOCX, but no DOCX reader is installed")
        # The document's own time limit bounds the conversion too (the converter is a child process).
        doc = docx.read(convert_to_docx(data, source, soffice, self.options.timeout_s), source)
        doc.format = "ole2 (via LibreOffice)"
        return doc
