"""Legacy .doc/.wps: converted by LibreOffice (faked here, and once for real), then read as DOCX."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import giaparse
import giaparse.readers.legacy as legacy
from giaparse.errors import ConversionFailed, UnsupportedFormat
from giaparse.options import ReadOptions

pytest.importorskip("docx")
from .conftest import needs  # noqa: E402
from .test_reader_docx import CN, PARTS, assert_all_cells, build_report, to_bytes  # noqa: E402

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FAKE_DOC = OLE2_MAGIC + b"\x00" * 1016  # the bytes are never looked at: the fake converter ignores them

# A stand-in for soffice: ignores its input and, like the real one, writes
# <outdir>/input.docx (or fails with a message on stderr).
FAKE_SOFFICE = """#!{python}
import shutil, sys
args = sys.argv[1:]
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(" ".join(args) + "\\n")
if {fail!r}:
    sys.stderr.write("Warning: failed to launch javaldx\\nError: source file could not be loaded\\n")
    sys.exit(1)
shutil.copy({docx!r}, args[args.index("--outdir") + 1] + "/input.docx")
"""


def install_fake_soffice(tmp_path: Path, monkeypatch, *, fail: bool = False) -> Path:
    """Put a fake ``soffice`` first on the PATH; returns the file its arguments are logged to."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    prepared = tmp_path / "prepared.docx"
    prepared.write_bytes(to_bytes(build_report(vertical="direction")))
    log = tmp_path / "soffice.log"
    script = bin_dir / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log), fail=fail, docx=str(prepared)),
                      encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    assert legacy.find_soffice() == str(script)
    return log


def test_doc_is_converted_and_read_by_the_docx_reader(tmp_path, monkeypatch):
    log = install_fake_soffice(tmp_path, monkeypatch)
    report = giaparse.parse(FAKE_DOC, name="report.doc")
    out = report.to_dict()
    assert out["source"]["format"] == "ole2 (via LibreOffice)"
    assert out["source"]["name"] == "report.doc"
    assert out["document"]["template"] == "2021"
    assert [s.heading for s in report.sections] == [f"{CN[i]}、{p}" for i, p in enumerate(PARTS)]
    assert_all_cells(out)
    args = log.read_text(encoding="utf-8").split()
    assert args[:2] == ["--headless", "--norestore"]
    assert "--convert-to" in args and args[args.index("--convert-to") + 1] == "docx"
    assert args[-1].endswith("input.doc")


def test_wps_name_takes_the_same_path(tmp_path, monkeypatch):
    install_fake_soffice(tmp_path, monkeypatch)
    assert giaparse.parse(FAKE_DOC, name="report.wps").source.format == "ole2 (via LibreOffice)"


def test_converter_failure_is_reported_with_its_last_stderr_line(tmp_path, monkeypatch):
    install_fake_soffice(tmp_path, monkeypatch, fail=True)
    with pytest.raises(ConversionFailed, match=r"report\.doc: LibreOffice could not convert .*"
                                                r"\(Error: source file could not be loaded\)"):
        giaparse.parse(FAKE_DOC, name="report.doc")


def test_without_soffice_the_error_says_how_to_convert(monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    with pytest.raises(UnsupportedFormat, match=r"report\.doc: .*convert it to \.docx first.*"
                                                r"soffice --headless --convert-to docx"):
        giaparse.parse(FAKE_DOC, name="report.doc")


def test_conversion_can_be_switched_off(tmp_path, monkeypatch):
    log = install_fake_soffice(tmp_path, monkeypatch)
    with pytest.raises(UnsupportedFormat, match="convert it to .docx first"):
        giaparse.parse(FAKE_DOC, name="report.doc", options=ReadOptions(convert_legacy=False))
    assert not log.exists()  # the converter was never run


@needs("soffice")
def test_real_doc_converted_by_libreoffice(tmp_path):
    """A .doc written by the real soffice from one of the DOCX test reports, read back through it."""
    source = tmp_path / "report.docx"
    source.write_bytes(to_bytes(build_report(vertical="direction", auto_numbered=True)))
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=True,
    )
    doc_bytes = (tmp_path / "report.doc").read_bytes()
    assert doc_bytes.startswith(OLE2_MAGIC)

    report = giaparse.parse(doc_bytes, name="report.doc")
    out = report.to_dict()
    assert out["source"]["format"] == "ole2 (via LibreOffice)"
    assert out["document"]["kind"] == "annual_report"
    assert out["document"]["year"] == 2021
    assert out["document"]["template"] == "2021"
    # Word auto-numbering survives .doc and back: the six parts are found by their numbers.
    assert [s.heading for s in report.sections] == [f"{CN[i]}、{p}" for i, p in enumerate(PARTS)]
    assert_all_cells(out)
