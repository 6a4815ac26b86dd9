"""The command line on batches: folders, mirrored outputs, errors.jsonl, resume, formats, limits, Ctrl-C."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from giaparse.cli import MANIFEST_NAME, main

from .conftest import CORPUS, REPO

SEED_001 = CORPUS / "text" / "seed001_anning_2020_pipes.txt"
SEED_002 = CORPUS / "text" / "seed002_linhai_2021_workplan.txt"
SEED_003 = CORPUS / "text" / "seed003_xiacheng_2020_tabs.txt"
HTML_GBK = CORPUS / "html" / "2021_city_gbk.html"
HTML_ARITH = CORPUS / "html" / "2019_arith_error.html"
SLOW_PDF = CORPUS / "pdf" / "docx_2019_hard_cases.wqy-cairo.pdf"  # repeated into a long PDF


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def _mixed_folder(tmp_path: Path) -> Path:
    """reports/ with good files at two depths, broken files, a non-report, and files to leave alone."""
    root = tmp_path / "reports"
    (root / "2021" / "city").mkdir(parents=True)
    shutil.copy(SEED_001, root / "anning.txt")
    shutil.copy(HTML_GBK, root / "2021" / "city" / "gbk.html")
    shutil.copy(HTML_ARITH, root / "2021" / "arith.html")
    shutil.copy(SEED_003, root / "2021" / "xiacheng.txt")
    shutil.copy(SEED_002, root / "workplan.txt")                      # not a report
    (root / "2021" / "empty.txt").write_bytes(b"")                     # broken
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)  # broken
    (root / "~$anning.docx").write_bytes(b"lock")                      # Office lock file: skipped
    (root / ".hidden.txt").write_text("x", encoding="utf-8")           # hidden: skipped
    (root / ".git").mkdir()
    shutil.copy(SEED_001, root / ".git" / "copy.txt")                  # inside a hidden folder: skipped
    (root / "notes.xlsx").write_bytes(b"PK")                           # unrecognised extension: skipped
    return root


def _files(folder: Path) -> list[str]:
    """The files under ``folder``, but giaparse's list of the files it wrote (OUT/.giaparse-outputs)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                  and p.name != MANIFEST_NAME)


def test_mixed_batch_converts_every_good_file_lists_every_bad_one_and_exits_1(tmp_path: Path):
    root = _mixed_folder(tmp_path)
    out = tmp_path / "out"
    result = run("convert", str(root), str(tmp_path / "missing.txt"), "-o", str(out), "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert _files(out) == ["errors.jsonl", "reports/2021/arith.json",
                           "reports/2021/city/gbk.json", "reports/2021/xiacheng.json", "reports/anning.json",
                           "reports/workplan.json"]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    # in the order the documents finish: each result is written out as soon as it is done
    assert sorted((Path(e["path"]).name, e["type"]) for e in errors) == [
        ("broken.pdf", "DamagedPdf"), ("empty.txt", "EmptyDocument"), ("missing.txt", "FileNotReadable")]
    assert all(e["message"].startswith(e["path"] + ": ") for e in errors)
    stderr_errors = [line for line in result.stderr.splitlines() if line.startswith("giaparse: error:")]
    assert len(stderr_errors) == 3
    assert ("giaparse: 8 input(s): 5 converted, 3 failed, 1 not reports, 1 with failed checks, "
            "1 with ambiguous cells") in result.stderr
    gbk = json.loads((out / "reports/2021/city/gbk.json").read_text(encoding="utf-8"))
    assert gbk["document"]["template"] == "2021"


def test_same_stem_in_two_formats_keeps_the_extension(tmp_path: Path):
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_001, tmp_path / "in" / "a.txt")
    shutil.copy(HTML_GBK, tmp_path / "in" / "a.html")
    result = run("convert", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert _files(tmp_path / "out") == ["in/a.html.json", "in/a.txt.json"]


def test_output_into_the_input_folder_never_overwrites_an_input(tmp_path: Path):
    root = tmp_path / "reports"
    root.mkdir()
    shutil.copy(SEED_001, root / "a.txt")
    disguised = root / "b.json"            # a text report named .json, given by itself
    shutil.copy(SEED_001, disguised)
    before = disguised.read_bytes()
    result = run("convert", str(root / "a.txt"), str(disguised), "-o", str(root))
    assert result.exit_code == 1
    assert disguised.read_bytes() == before
    assert "would overwrite an input" in result.stderr
    assert (root / "a.json").exists()
    # a second run over the folder itself: the outputs inside it are not taken as inputs
    again = run("convert", str(root), "-o", str(root), "-v")
    assert again.exit_code == 0, again.output
    assert _files(root) == ["a.json", "a.txt", "b.json", "reports/a.json"]


def test_outputs_get_the_mode_the_umask_gives(tmp_path: Path):
    old = os.umask(0o022)
    try:
        assert run("convert", str(SEED_001), "-o", str(tmp_path)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "seed001_anning_2020_pipes.json").stat().st_mode) == 0o644


def test_skip_existing_converts_only_what_is_missing(tmp_path: Path):
    root = _mixed_folder(tmp_path)
    out = tmp_path / "out"
    run("convert", str(root), "-o", str(out))
    kept = out / "reports" / "anning.json"
    kept_mtime = kept.stat().st_mtime_ns
    (out / "reports" / "2021" / "xiacheng.json").unlink()
    result = run("convert", str(root), "-o", str(out), "--skip-existing", "-v")
    assert result.exit_code == 1  # the broken files are tried again, and fail again
    done = [line for line in result.stderr.splitlines() if line.startswith("giaparse: partial_success")
            or line.startswith("giaparse: success") or line.startswith("giaparse: not_a_report")]
    assert len(done) == 1 and "xiacheng.txt" in done[0]
    assert kept.stat().st_mtime_ns == kept_mtime
    assert "4 skipped (output exists)" in result.stderr
    assert len((out / "errors.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_errors_jsonl_is_removed_when_a_later_run_has_no_failure(tmp_path: Path):
    out = tmp_path / "out"
    assert run("convert", "/no/such.txt", "-o", str(out)).exit_code == 1
    assert (out / "errors.jsonl").exists()
    assert run("convert", str(SEED_001), "-o", str(out)).exit_code == 0
    assert not (out / "errors.jsonl").exists()


def test_jsonl_has_a_line_for_every_input_failures_included(tmp_path: Path):
    result = run("convert", str(SEED_001), "/no/such.txt", str(SEED_002), "--format", "jsonl")
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0]["report"]["document"]["kind"] == "annual_report"
    assert lines[2]["report"]["document"]["kind"] == "other"
    assert lines[1] == {"path": "/no/such.txt", "status": "failure",
                        "error": {"type": "FileNotReadable", "message": "/no/such.txt: no such file"}}
    out = tmp_path / "out"
    assert run("convert", str(SEED_001), "/no/such.txt", "-f", "jsonl", "-o", str(out)).exit_code == 1
    assert len((out / "reports.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_csv_to_stdout_is_one_table_with_one_header_and_empty_fields_for_null():
    result = run("convert", str(SEED_001), str(SEED_003), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.count("path,organ,year") == 1
    assert {r["path"] for r in rows} == {str(SEED_001), str(SEED_003)}
    cf = [r for r in rows if r["path"] == str(SEED_003) and r["row"] == "carried_forward"]
    # 自然人 and 总计 placed by arithmetic (2); the five ambiguous cells are null: empty, never 0
    assert len(cf) == 7 and {r["column"]: r["value"] for r in cf} == {
        "natural_person": "2", "commercial": "", "research": "", "public_interest": "", "legal_services": "",
        "other_org": "", "total": "2"}
    granted = next(r for r in rows if r["path"] == str(SEED_001) and r["row"] == "granted"
                   and r["column"] == "total")
    assert (granted["value"], granted["raw"], granted["column_label"]) == ("2", "2", "总计")


def test_parquet_needs_an_output_folder_and_writes_one_file_per_input(tmp_path: Path):
    bad = run("convert", str(SEED_001), "--format", "parquet")
    assert bad.exit_code == 2 and "-o OUT" in bad.stderr
    pq = pytest.importorskip("pyarrow.parquet")
    result = run("convert", str(SEED_001), str(HTML_GBK), "-f", "parquet", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "2021_city_gbk.parquet")
    assert table.schema.field("value").type == "double"
    assert set(table.column("table").to_pylist()) == {"proactive", "requests", "review_litigation"}


def test_timeout_flag_stops_a_slow_document_with_one_line(tmp_path: Path):
    slow = _long_pdf(tmp_path / "in" / "long.pdf")
    out = tmp_path / "out"
    result = run("convert", str(slow), str(SEED_001), "-o", str(out), "--timeout", "1", "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("giaparse: error:")]
    assert errors == [f"giaparse: error: {slow}: conversion took longer than 1 s and was stopped "
                      "(limit timeout_s; raise it with --timeout)"]
    assert (out / "seed001_anning_2020_pipes.json").exists()


def test_a_scan_past_the_timeout_converts_on_its_ocr_allowance(tmp_path: Path):
    """Two scanned pages take about 5 s of OCR here: with --timeout 2 an allowance of 300 s a page
    (generous, so that a loaded machine's slow OCR never fails it; the default is 30 s) lets them
    convert; --ocr-page-timeout 0 stops the same scan at 2 s."""
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra (pip install -e '.[ocr]')")
    scan = CORPUS / "scan" / "scan000_gbk_euc_h_no_tounicode.pdf"
    done = run("convert", str(scan), "-o", str(tmp_path / "a"), "--timeout", "2", "--ocr-page-timeout", "300",
               "--jobs", "1")
    assert done.exit_code == 0, done.stderr
    report = json.loads((tmp_path / "a" / (scan.stem + ".json")).read_text(encoding="utf-8"))
    assert "ocr_used" in {w["code"] for w in report["warnings"]}
    stopped = run("convert", str(scan), "-o", str(tmp_path / "b"), "--timeout", "2", "--ocr-page-timeout", "0",
                  "--jobs", "1")
    assert stopped.exit_code == 1
    assert [line for line in stopped.stderr.splitlines() if line.startswith("giaparse: error:")] == [
        f"giaparse: error: {scan}: conversion took longer than 2 s and was stopped "
        "(limit timeout_s; raise it with --timeout)"]


def _long_pdf(path: Path, pages: int = 280) -> Path:
    """A real report's pages repeated to about 280 pages (under the page limit),
    which take seconds to read with any engine; built with pypdfium2 in a moment."""
    import pypdfium2 as pdfium

    path.parent.mkdir(parents=True, exist_ok=True)
    src = pdfium.PdfDocument(SLOW_PDF.read_bytes())
    out = pdfium.PdfDocument.new()
    for _ in range(pages // len(src)):
        out.import_pages(src)
    out.save(str(path))
    return path


def test_help_teaches_flags_defaults_and_exit_codes():
    out = " ".join(run("convert", "--help").stdout.split())
    for needle in ("--max-bytes", "--max-pages", "--timeout", "--max-memory", "--pdf-password", "--jobs",
                   "--skip-existing", "--format", "errors.jsonl", "130", "[default: 40.0]", "[default: 3072]",
                   "--skip-existing # resume"):
        assert needle in out, needle


def test_ctrl_c_prints_the_summary_exits_130_and_a_resume_finishes_the_rest(tmp_path: Path):
    """A real process, a real SIGINT: finished files are kept whole, and --skip-existing does the rest."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from batch import write_corpus

    folder = tmp_path / "gen"
    folder.mkdir()
    n = 60
    write_corpus(folder, n)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-m", "giaparse", "convert", str(folder), "-o", str(out), "--jobs", "1",
           "--no-progress"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 600  # a loaded machine can take long to start and write three files
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    summary = [line for line in stderr.splitlines() if "input(s):" in line]
    assert len(summary) == 1 and "interrupted" in summary[0]
    first = sorted(out.rglob("*.json"))
    assert 3 <= len(first) < n
    for path in first:  # every file written is whole
        json.loads(path.read_text(encoding="utf-8"))
    assert not list(out.rglob("*.tmp"))
    resumed = subprocess.run(cmd + ["--skip-existing"], capture_output=True, text=True, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{n - len(first)} converted" in resumed.stderr and f"{len(first)} skipped" in resumed.stderr
    assert len(list(out.rglob("*.json"))) == n


def test_an_encrypted_pdf_without_its_password_is_one_line_naming_the_flag_and_the_batch_goes_on(tmp_path: Path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    locked = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(locked), encrypt=StandardEncryption("user-pw", ownerPassword="owner-pw"))
    c.drawString(72, 720, "annual report")
    c.save()
    result = run("convert", str(locked), str(SEED_001), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("giaparse: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"giaparse: error: {locked}: ") and "password" in errors[0]
    assert (tmp_path / "out" / "seed001_anning_2020_pipes.json").exists()


def test_pdf_password_opens_an_encrypted_pdf_and_an_owner_only_pdf_needs_none(tmp_path: Path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    def write(path: Path, user: str) -> Path:
        c = canvas.Canvas(str(path), encrypt=StandardEncryption(user, ownerPassword="owner-pw", canCopy=0))
        c.drawString(72, 720, "2021 annual report, page one")
        c.save()
        return path

    locked = write(tmp_path / "locked.pdf", "user-pw")
    owner_only = write(tmp_path / "owner_only.pdf", "")
    out = tmp_path / "out"
    result = run("convert", str(locked), "-o", str(out), "--pdf-password", "user-pw")
    assert result.exit_code == 0, result.stderr
    assert json.loads((out / "locked.json").read_text(encoding="utf-8"))["source"]["format"] == "pdf"
    result = run("convert", str(owner_only), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "owner_only.json").exists()
    wrong = run("convert", str(locked), "-o", str(tmp_path / "out2"), "--pdf-password", "guess")
    assert wrong.exit_code == 1 and "password is wrong" in wrong.stderr


# -o anywhere: every input converted, no output read back -------------------------------------------

def _inputs(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(SEED_001, folder / "anning.txt")
    shutil.copy(HTML_GBK, folder / "gbk.html")
    (folder / "sub").mkdir()
    shutil.copy(SEED_003, folder / "sub" / "xiacheng.txt")
    return folder


def test_output_folder_above_the_inputs_converts_every_input(tmp_path: Path, monkeypatch):
    """``convert . -o ..`` inside the input folder and ``convert in -o ..``: OUT is an ancestor of
    every input (once, every file under OUT was taken for an output: nothing written, exit 0)."""
    work = tmp_path / "work"
    src = _inputs(work / "in")
    monkeypatch.chdir(src)
    result = run("convert", ".", "-o", "..", "-v")
    assert result.exit_code == 0, result.output
    assert "3 input(s): 3 converted" in result.stderr
    # sorted: the list is in the order the documents finished (each written as soon as it is done)
    assert sorted((work / MANIFEST_NAME).read_text(encoding="utf-8").split()) == [
        "in/anning.json", "in/gbk.json", "in/sub/xiacheng.json"]
    assert _files(work) == ["in/anning.json", "in/anning.txt", "in/gbk.html", "in/gbk.json",
                            "in/sub/xiacheng.json", "in/sub/xiacheng.txt"]
    monkeypatch.chdir(work)
    result = run("convert", "in", "-o", "..", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "3 input(s): 3 converted" in result.stderr
    assert {p for p in _files(tmp_path) if p.endswith(".csv")} == {"in/anning.csv", "in/gbk.csv",
                                                                    "in/sub/xiacheng.csv"}


def test_outputs_inside_or_beside_the_inputs_are_never_read_back(tmp_path: Path):
    """CSV is a recognised input: a second run over a folder holding earlier CSV outputs converts the
    same three inputs, not the outputs (listed in OUT/.giaparse-outputs)."""
    src = _inputs(tmp_path / "in")
    for out in (src, src / "out", tmp_path / "beside"):
        for _ in range(2):
            result = run("convert", str(src), "-o", str(out), "--format", "csv")
            assert result.exit_code == 0, result.output
            assert "3 input(s): 3 converted" in result.stderr, (out, result.stderr)
        written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.csv"))
        assert written == ["in/anning.csv", "in/gbk.csv", "in/sub/xiacheng.csv"], out
    # another -o later: the earlier output folders inside the input folder are still left out
    result = run("convert", str(src), "-o", str(tmp_path / "third"), "--format", "csv")
    assert "3 input(s): 3 converted" in result.stderr, result.stderr


def test_no_input_files_is_one_line_and_exit_1(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.xlsx").write_bytes(b"PK")
    for args in ([str(tmp_path / "empty")], [str(tmp_path / "empty"), "-o", str(tmp_path / "out"), "-v"]):
        result = run("convert", *args)
        assert result.exit_code == 1
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"giaparse: error: no input files: {tmp_path / 'empty'} "), lines


def test_a_closed_standard_output_ends_the_run_quietly():
    """``giaparse convert corpus/html | head -c 10``: no error lines, no failure counts."""
    proc = subprocess.Popen([sys.executable, "-m", "giaparse", "convert", str(CORPUS / "html"), "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(10) == b'{"path": "'
    proc.stdout.close()
    _, stderr = proc.communicate(timeout=120)
    assert stderr.decode() == ""
    assert proc.returncode == 141


def test_json_lines_records_name_their_input_and_failures_are_in_the_default_stream(tmp_path: Path):
    """Two report.txt in different folders are told apart by ``path``; a failure is a record too."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED_001, tmp_path / folder / "report.txt")
    inputs = [str(tmp_path / "a" / "report.txt"), str(tmp_path / "b" / "report.txt"), "/no/such.txt"]
    for fmt in ("json", "jsonl"):  # several inputs without -o: JSON Lines either way
        result = run("convert", *inputs, "--format", fmt)
        assert result.exit_code == 1
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert [(r["path"], r["status"]) for r in records] == [
            (inputs[0], "success"), (inputs[1], "success"), ("/no/such.txt", "failure")]
        assert records[0]["report"]["tables"]["requests"]["new_received"]["total"]["value"] == 2
        assert records[2] == {"path": "/no/such.txt", "status": "failure",
                              "error": {"type": "FileNotReadable", "message": "/no/such.txt: no such file"}}


# Scripts and extras, in real processes ---------------------------------------------------------------

_SCRIPT = """\
from pathlib import Path

import giaparse

{body}
"""
_LOOP = """\
for result in giaparse.convert_many(sorted(Path({folder!r}).glob("*.html")), jobs=2):
    print(result.status.value, Path(result.input).name)
"""


def test_convert_many_in_a_script_without_the_main_guard_says_so_at_once(tmp_path: Path):
    folder = str(CORPUS / "html")
    script = tmp_path / "unguarded.py"
    script.write_text(_SCRIPT.format(body=_LOOP.format(folder=folder)), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert 'put the code that calls convert_many (or WorkerPool) under `if __name__ == "__main__":`' in proc.stderr
    assert "did not start within" not in proc.stderr
    guarded = tmp_path / "guarded.py"
    body = 'if __name__ == "__main__":\n' + "".join("    " + line + "\n" for line in
                                                   _LOOP.format(folder=folder).splitlines())
    guarded.write_text(_SCRIPT.format(body=body), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(guarded)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == len(list(CORPUS.glob("html/*.html")))


def _without(tmp_path: Path, *modules: str) -> dict[str, str]:
    """An environment where ``modules`` cannot be imported, in the CLI and in its worker processes
    (a sitecustomize on PYTHONPATH: every new interpreter runs it)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import sys\n" + "".join(f"sys.modules[{m!r}] = None\n" for m in modules), encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
            "PYTHONIOENCODING": "utf-8"}


def test_a_scan_with_only_the_pdf_extra_names_the_ocr_extra(tmp_path: Path):
    scan = CORPUS / "scan" / "scan000_gbk_euc_h_no_tounicode.pdf"
    image = tmp_path / "page.png"
    shutil.copy(REPO / "docs" / "review.png", image)
    env = _without(tmp_path, "numpy", "cv2", "rapidocr_onnxruntime", "onnxruntime")
    proc = subprocess.run([sys.executable, "-m", "giaparse", "convert", str(scan), str(image), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    # sorted: with -o each result is written (and reported) as soon as it is done
    errors = sorted(line for line in proc.stderr.splitlines() if "error:" in line)
    assert errors == sorted([
        f"giaparse: error: {scan}: no text layer; OCR required, which needs the optional package "
        "'rapidocr-onnxruntime': pip install \"giaparse[ocr]\"",
        f"giaparse: error: {image}: reading scanned pages (OCR) needs the optional package 'rapidocr-onnxruntime'; "
        "install it with: pip install \"giaparse[ocr]\""]), proc.stderr
    assert "ModuleNotFoundError" not in proc.stderr and "internal error" not in proc.stderr


def test_a_scan_with_only_the_ocr_extra_asks_for_the_pdf_extra(tmp_path: Path):
    scan = CORPUS / "scan" / "scan000_gbk_euc_h_no_tounicode.pdf"
    env = _without(tmp_path, "pdfplumber", "pdfminer", "camelot")
    proc = subprocess.run([sys.executable, "-m", "giaparse", "convert", str(scan)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 1
    assert [line for line in proc.stderr.splitlines() if "error:" in line] == [
        f"giaparse: error: {scan}: reading PDF needs the optional package 'pdfplumber'; install it with: "
        "pip install \"giaparse[pdf]\""], proc.stderr


def test_an_output_a_worker_cannot_write_is_one_line_and_the_batch_goes_on(tmp_path: Path):
    """With -o, each worker writes its documents' files: a file it cannot write is that input's
    OutputError (stderr and errors.jsonl); the others are written and listed in the manifest."""
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SEED_001, root / "a.txt")
    shutil.copy(HTML_ARITH, root / "sub" / "b.html")
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "sub").write_text("a file where the folder would go", encoding="utf-8")
    result = run("convert", str(root), "-o", str(out), "--jobs", "2", "-v")
    assert result.exit_code == 1, result.output
    [error] = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["type"] == "OutputError" and "reports/sub/b.json: cannot write" in error["message"]
    assert json.loads((out / "reports" / "a.json").read_text(encoding="utf-8"))["document"]["year"] == 2020
    assert "reports/a.json" in (out / MANIFEST_NAME).read_text(encoding="utf-8").split()
    assert "1 converted, 1 failed" in result.stderr


def test_verbose_lines_of_a_pool_batch_count_what_the_workers_wrote(tmp_path: Path):
    """The worker keeps the report and sends a summary back: the verbose line still counts the
    report's warnings and failed checks, as the line of a single input does."""
    single = run("convert", str(HTML_ARITH), "-o", str(tmp_path / "one"), "-v")
    batch = run("convert", str(HTML_ARITH), str(SEED_003), "-o", str(tmp_path / "two"), "--jobs", "2", "-v")
    assert single.exit_code == 0 and batch.exit_code == 0, batch.output

    def notes(stderr: str) -> str:
        [line] = [ln for ln in stderr.splitlines() if "2019_arith_error" in ln]
        return line[line.index("("):line.rindex(")") + 1]

    assert "failed check(s)" in notes(single.stderr)
    assert notes(batch.stderr) == notes(single.stderr)
    assert (tmp_path / "two" / "2019_arith_error.json").read_bytes() == \
        (tmp_path / "one" / "2019_arith_error.json").read_bytes()


def _write_half_and_hang(source, options, *, name=None, target: str, **_):
    """A worker's conversion that has begun its output file and then never finishes."""
    from giaparse.cli import _partial

    _partial(Path(target), os.getpid()).write_text("half a file", encoding="utf-8")
    time.sleep(120)


def test_a_worker_stopped_mid_write_leaves_no_temporary_file(tmp_path: Path):
    """A worker killed while it writes (its timeout, Ctrl-C) cannot clean up: the parent removes
    the temporary file it was writing, whose name it knows (``cli._partial``)."""
    from giaparse.batch import WorkerPool
    from giaparse.cli import _remove_partial

    target = tmp_path / "a.json"
    with WorkerPool(1, {"timeout_s": 2.0}, convert=_write_half_and_hang) as pool:
        pool.cleanup = _remove_partial
        [(_, result)] = list(pool.map_unordered([(str(SEED_001), None, {"target": str(target)})]))
    assert result.error is not None and result.error.type == "LimitExceeded"
    assert list(tmp_path.iterdir()) == []
