"""convert_many and the worker pool, on real inputs and in real processes.

The limit tests run documents whose conversion is made to hang, allocate
without end, or crash, through a convert function the worker processes
import by name (the functions below): the parent must answer each with a
one-line error and the next document must still convert.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import giaparse
from giaparse import ConversionStatus, LimitExceeded, ReadOptions
from giaparse.batch import WorkerPool, convert_one

from .conftest import CORPUS

SEED_001 = CORPUS / "text" / "seed001_anning_2020_pipes.txt"
SEED_002 = CORPUS / "text" / "seed002_linhai_2021_workplan.txt"  # not a report
SEED_003 = CORPUS / "text" / "seed003_xiacheng_2020_tabs.txt"    # ambiguous cells
HTML_ARITH = CORPUS / "html" / "2019_arith_error.html"             # failed checks
SCAN = CORPUS / "pdf" / "scanned_no_text_layer.pdf"


# Convert functions run inside the workers (imported there by name).
def misbehaving(source, options, *, name=None):
    stem = Path(str(source)).stem
    if stem == "hang":
        time.sleep(3600)
    if stem == "hog":
        hoard = []
        while True:
            hoard.append(bytearray(32 * 1024 * 1024))
    if stem == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    if stem == "stuck_scan":  # two pages start OCR, the second never ends
        from giaparse import progress

        progress.ocr_page()
        time.sleep(0.5)
        progress.ocr_page()
        time.sleep(3600)
    return convert_one(source, options, name=name)


def _mixed(tmp_path: Path) -> list[Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    noise = tmp_path / "noise.bin"
    noise.write_bytes(bytes(range(256)) * 8)
    return [SEED_001, empty, SEED_002, tmp_path / "missing.txt", noise, SEED_003, HTML_ARITH, SCAN]


def test_convert_many_gives_one_result_per_input_in_order_with_a_status(tmp_path: Path):
    paths = _mixed(tmp_path)
    results = list(giaparse.convert_many(paths, jobs=2))
    assert [r.input for r in results] == [str(p) for p in paths]
    assert [r.status for r in results] == [
        ConversionStatus.SUCCESS, ConversionStatus.FAILURE, ConversionStatus.NOT_A_REPORT,
        ConversionStatus.FAILURE, ConversionStatus.FAILURE, ConversionStatus.PARTIAL_SUCCESS,
        ConversionStatus.PARTIAL_SUCCESS, ConversionStatus.FAILURE]
    errors = {Path(r.input).name: r.error for r in results if not r.ok}
    assert errors["empty.txt"].type == "EmptyDocument"
    assert errors["missing.txt"].type == "FileNotReadable"
    assert errors["noise.bin"].type == "UnsupportedFormat"
    assert errors["scanned_no_text_layer.pdf"].message.startswith(f"{SCAN}: no text layer")
    cell = results[0].report.tables.requests["new_received"]["total"]
    assert (cell.value, cell.raw) == (2, "2")
    assert results[5].ambiguous_cells > 0 and results[6].failed_checks > 0
    assert all(r.report is None for r in results if not r.ok)


def test_a_document_that_hangs_is_stopped_at_the_timeout_and_the_batch_goes_on(tmp_path: Path):
    hang = tmp_path / "hang.txt"
    hang.write_text("never read", encoding="utf-8")
    options = ReadOptions(timeout_s=1.5)
    start = time.monotonic()
    with WorkerPool(1, options, convert=misbehaving) as pool:
        results = list(pool.map([SEED_001, hang, SEED_001]))
    assert time.monotonic() - start < 30
    assert [r.status for r in results] == [ConversionStatus.SUCCESS, ConversionStatus.FAILURE,
                                           ConversionStatus.SUCCESS]
    err = results[1].error
    assert err.type == "LimitExceeded"
    assert err.message == (f"{hang}: conversion took longer than 1.5 s and was stopped "
                           "(limit timeout_s; raise it with --timeout)")


SCAN_2P = CORPUS / "scan" / "scan000_gbk_euc_h_no_tounicode.pdf"  # two scanned pages, about 5 s of OCR here


def test_each_ocr_page_adds_its_allowance_to_the_timeout():
    """A real scan whose OCR takes longer than timeout_s converts: each page adds ocr_page_timeout_s.
    Without the allowance the same scan is stopped at timeout_s. (The allowance is generous, 300 s a
    page, so that a loaded machine's slow OCR never fails the first half; the mechanism is the same.)"""
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra (pip install -e '.[ocr]')")
    with WorkerPool(1, ReadOptions(timeout_s=2.0, ocr_page_timeout_s=300.0)) as pool:
        [scanned] = list(pool.map([SCAN_2P]))
    assert scanned.report is not None, scanned.error
    assert scanned.seconds > 2.0  # it did take longer than timeout_s
    assert "ocr_used" in {w.code.value for w in scanned.report.warnings}
    label = json.loads(SCAN_2P.with_name(SCAN_2P.stem + ".label.json").read_text(encoding="utf-8"))
    got = scanned.report.to_dict()["tables"]["requests"]["new_received"]
    assert {k: got[k]["value"] for k in label["tables"]["requests"]["new_received"]} == \
        label["tables"]["requests"]["new_received"]
    with WorkerPool(1, ReadOptions(timeout_s=2.0, ocr_page_timeout_s=None)) as pool:
        [stopped] = list(pool.map([SCAN_2P]))
    assert stopped.error is not None and stopped.error.type == "LimitExceeded"
    assert stopped.error.message == (f"{SCAN_2P}: conversion took longer than 2 s and was stopped "
                                     "(limit timeout_s; raise it with --timeout)")


def test_a_stuck_ocr_page_is_stopped_after_its_allowance(tmp_path: Path):
    stuck = tmp_path / "stuck_scan.pdf"
    stuck.write_bytes(b"%PDF-1.4 never read")
    start = time.monotonic()
    with WorkerPool(1, ReadOptions(timeout_s=1.0, ocr_page_timeout_s=1.5), convert=misbehaving) as pool:
        results = list(pool.map([stuck, SEED_001]))
    took = time.monotonic() - start
    assert 4.0 <= took < 120  # 1 s, and 1.5 s for each of the two pages announced (the rest: a loaded machine)
    err = results[0].error
    assert err.type == "LimitExceeded"
    assert err.message == (f"{stuck}: conversion took longer than 4 s (1 s, and 1.5 s for each of the 2 pages "
                           "read by OCR) and was stopped (limit ocr_page_timeout_s; raise it with --ocr-page-timeout)")
    assert results[1].status is ConversionStatus.SUCCESS


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="RLIMIT_AS is enforced on Linux")
def test_a_document_that_allocates_without_end_answers_limit_exceeded(tmp_path: Path):
    hog = tmp_path / "hog.txt"
    hog.write_text("never read", encoding="utf-8")
    options = ReadOptions(max_memory_mb=700, timeout_s=60)
    with WorkerPool(1, options, convert=misbehaving) as pool:
        results = list(pool.map([hog, SEED_001]))
    assert results[0].status is ConversionStatus.FAILURE
    assert results[0].error.type == "LimitExceeded"
    assert results[0].error.message == (f"{hog}: conversion needed more than 700 MiB of memory and was stopped "
                                        "(limit max_memory_mb; raise it with --max-memory)")
    assert results[1].status is ConversionStatus.SUCCESS  # a fresh worker took over


def test_a_worker_that_dies_fails_its_document_only(tmp_path: Path):
    crash = tmp_path / "crash.txt"
    crash.write_text("never read", encoding="utf-8")
    with WorkerPool(2, ReadOptions(), convert=misbehaving) as pool:
        results = list(pool.map([crash, SEED_001, SEED_003]))
    assert results[0].error.type == "WorkerLost"
    assert "signal 9" in results[0].error.message
    assert [r.ok for r in results] == [False, True, True]


def test_limit_exceeded_is_an_input_error_naming_the_flag():
    exc = LimitExceeded("a.pdf", "too big", limit="max_bytes", flag="--max-bytes")
    assert isinstance(exc, giaparse.GiaparseError)
    assert str(exc) == "a.pdf: too big (limit max_bytes; raise it with --max-bytes)"


def _canonical(results):
    return [(r.input, r.status, r.error, r.report.to_dict() if r.report else None) for r in results]


def test_any_executor_gives_the_same_results_as_the_worker_pool(tmp_path: Path):
    paths = _mixed(tmp_path)
    local = list(giaparse.convert_many(paths, jobs=2))
    with ThreadPoolExecutor(2) as ex:
        threaded = list(giaparse.convert_many(paths, executor=ex))
    assert _canonical(threaded) == _canonical(local)


def test_dask_local_cluster_gives_the_same_results_as_the_worker_pool(tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    paths = _mixed(tmp_path)
    local = list(giaparse.convert_many(paths, jobs=1))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = list(giaparse.convert_many(paths, executor=client.get_executor()))
    assert _canonical(on_dask) == _canonical(local)


def test_executor_errors_become_failure_results(tmp_path: Path):
    class Broken(ThreadPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            def boom():
                raise ConnectionError("worker lost")
            return super().submit(boom)

    with Broken(1) as ex:
        (result,) = giaparse.convert_many([SEED_001], executor=ex)
    assert result.status is ConversionStatus.FAILURE
    assert result.error.type == "ConnectionError"
    assert "worker lost" in result.error.message


def test_results_to_frame_skip_failures_and_keep_the_input_path(tmp_path: Path):
    pd = pytest.importorskip("pandas")
    results = list(giaparse.convert_many(_mixed(tmp_path), jobs=2))
    df = giaparse.to_frame(results)
    assert set(df["path"]) == {str(SEED_001), str(SEED_003), str(HTML_ARITH)}
    cell = df[(df.path == str(SEED_001)) & (df.table == "requests") & (df.row == "new_received")
              & (df.column == "total")]
    assert cell["value"].tolist() == [2] and cell["raw"].tolist() == ["2"]
    assert cell["row_label"].tolist() == ["一、本年新收政府信息公开申请数量"]
    # seed 003's last row lost cells: 自然人 and 总计 are 2 by arithmetic, the five
    # ambiguous cells stay null — <NA>, never 0
    row = df[(df.path == str(SEED_003)) & (df.row == "carried_forward")].set_index("column")["value"]
    assert len(row) == 7 and row["natural_person"] == 2 and row["total"] == 2
    assert row.drop(["natural_person", "total"]).isna().all()
    assert isinstance(df["value"].dtype, pd.Float64Dtype)


def test_convert_one_never_raises_for_bad_input(tmp_path: Path):
    result = convert_one(bytes(range(256)) * 8, name="junk.bin")
    assert result.status is ConversionStatus.FAILURE and result.error.type == "UnsupportedFormat"
    assert json.dumps(result.error.to_dict())
