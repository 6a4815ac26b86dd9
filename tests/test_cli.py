"""The command line as a user meets it: stdout JSON, -o DIR, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from giaparse.cli import MANIFEST_NAME, main
from giaparse.schema import load_schema

from .conftest import CORPUS

SEED_001 = CORPUS / "text" / "seed001_anning_2020_pipes.txt"
SEED_002 = CORPUS / "text" / "seed002_linhai_2021_workplan.txt"
HTML_GBK = CORPUS / "html" / "2021_city_gbk.html"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_one_input_writes_canonical_json_to_stdout():
    result = run("convert", str(SEED_001))
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jsonschema.validate(out, load_schema())
    cell = out["tables"]["requests"]["new_received"]["total"]
    assert {k: cell[k] for k in ("value", "raw")} == {"value": 2, "raw": "2"}


def test_output_dir_gets_one_file_per_input_named_after_its_stem(tmp_path: Path):
    result = run("convert", str(SEED_001), str(HTML_GBK), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != MANIFEST_NAME)
    assert names == ["2021_city_gbk.json", "seed001_anning_2020_pipes.json"]
    gbk = json.loads((tmp_path / "out" / "2021_city_gbk.json").read_text(encoding="utf-8"))
    assert gbk["document"]["template"] == "2021"


def test_same_stem_twice_does_not_overwrite(tmp_path: Path):
    other = tmp_path / "b" / SEED_001.name
    other.parent.mkdir()
    other.write_bytes(SEED_001.read_bytes())
    result = run("convert", str(SEED_001), str(other), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != MANIFEST_NAME) == [
        "seed001_anning_2020_pipes-2.json", "seed001_anning_2020_pipes.json"]


def test_missing_file_is_one_line_on_stderr_and_exit_1():
    result = run("convert", "/no/such/report.txt")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "giaparse: error: /no/such/report.txt: no such file"


def test_empty_and_random_files_fail_alone_in_a_batch(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    noise = tmp_path / "noise.bin"
    noise.write_bytes(bytes(range(256)) * 8)
    result = run("convert", str(empty), str(noise), str(SEED_001), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("giaparse: error:")]
    assert len(errors) == 2  # in the order they finish (outputs are written as documents are done)
    assert any("empty.txt: the file is empty" in e for e in errors)
    assert any("noise.bin: not a text, HTML, DOCX or PDF document" in e for e in errors)
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != MANIFEST_NAME) == [
        "errors.jsonl", "seed001_anning_2020_pipes.json"]
    assert "3 input(s): 1 converted, 2 failed" in result.stderr


def test_a_non_report_converts_with_kind_other_and_exit_0():
    result = run("convert", str(SEED_002))
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["document"]["kind"] == "other"
    assert out["tables"] == {}


def test_several_inputs_without_o_give_json_lines():
    result = run("convert", str(SEED_001), str(SEED_002))
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["path"], r["status"], r["report"]["document"]["kind"]) for r in records] == [
        (str(SEED_001), "success", "annual_report"), (str(SEED_002), "not_a_report", "other")]


def test_stdin_dash(tmp_path: Path):
    result = run("convert", "-", input=HTML_GBK.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["name"] == "<stdin>"


def test_existing_output_survives_a_later_failure(tmp_path: Path):
    out = tmp_path / "out"
    assert run("convert", str(SEED_001), "-o", str(out)).exit_code == 0
    before = (out / "seed001_anning_2020_pipes.json").read_text(encoding="utf-8")
    result = run("convert", "/no/such.txt", "-o", str(out))
    assert result.exit_code == 1
    assert (out / "seed001_anning_2020_pipes.json").read_text(encoding="utf-8") == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_schema_command_prints_the_shipped_schema():
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == load_schema()


def test_help_teaches_with_examples():
    result = run("convert", "--help")
    assert result.exit_code == 0
    assert "giaparse convert *.html -o json/" in result.stdout
    assert "Exit status" in result.stdout


def test_real_process_never_prints_a_traceback(tmp_path: Path):
    """The installed entry point, as a shell user runs it, on hostile input."""
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00\x01garbage" * 100)
    proc = subprocess.run(
        [sys.executable, "-m", "giaparse", "convert", str(junk), "/no/such.txt", str(tmp_path)],
        capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert len([line for line in proc.stderr.splitlines() if "error:" in line]) == 3


def test_a_scan_that_cannot_be_read_is_one_line_and_the_batch_goes_on(tmp_path: Path):
    # The 60 dpi scan is refused rather than OCR'd into wrong digits. (Without the
    # ocr extra the same input says how to install it: tests/test_reader_pdf.py; the
    # CLI's worker processes cannot be monkeypatched from here.)
    scan = CORPUS / "pdf" / "scanned_no_text_layer.pdf"
    result = run("convert", str(scan), str(SEED_001), "-o", str(tmp_path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("giaparse: error:")]
    assert errors == [f"giaparse: error: {scan}: no text layer, and the scan is too coarse to OCR without "
                      "misreading digits (page 1 at 60 dpi; needs at least 120 dpi)"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != MANIFEST_NAME) == [
        "errors.jsonl", "seed001_anning_2020_pipes.json"]


def test_pdf_backend_option_reaches_the_reader():
    pdf = CORPUS / "pdf" / "docx_2021_autonumber.wqy.pdf"
    out = json.loads(run("convert", "--pdf-backend", "camelot", str(pdf)).stdout)
    assert out["tables"]["requests"]["total"]["total"]["value"] is not None
    bad = run("convert", "--pdf-backend", "tabula", str(pdf))
    assert bad.exit_code == 2 and "tabula" in bad.stderr
