"""The batch machinery end to end: the same outputs from every way of running, nothing written is lost,
a cheap cold start, and the executor path on real engines (threads, processes, a Dask LocalCluster)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

import giaparse
from giaparse import ConversionStatus, ReadOptions
from giaparse.batch import WorkerPool, convert_here, convert_one, convert_rendered

from .conftest import CORPUS, REPO, corpus_documents

SEED_001 = CORPUS / "text" / "seed001_anning_2020_pipes.txt"
HEAVY = ("pdfplumber", "pdfminer", "pypdfium2", "lxml", "docx", "numpy", "regex", "pandas", "cv2",
         "onnxruntime", "rapidocr_onnxruntime", "distributed")


def _mixed_corpus() -> list[Path]:
    """Every labelled corpus document (HTML, DOCX, PDF, text, markdown, cells...), sorted."""
    return sorted(corpus_documents())


def _canonical(results):
    return [(r.input, r.status, r.error, r.report.to_json() if r.report else None) for r in results]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _distributed():
    """Dask's distributed, which the dev extra installs; missing under CI is a failure, not a skip."""
    try:
        import distributed
    except ImportError:
        if _in_ci():
            pytest.fail("dask[distributed] is not installed (the dev extra has it): pip install -e '.[dev]'")
        pytest.skip("dask[distributed] (pip install -e '.[dask]')")
    return distributed


# The same outputs, however the documents run ---------------------------------

def test_two_workers_give_the_same_outputs_as_one_and_as_this_process():
    paths = _mixed_corpus()
    assert len(paths) >= 40 and {p.suffix for p in paths} >= {".html", ".docx", ".pdf", ".txt", ".md"}
    here = [convert_one(p) for p in paths]
    one = list(giaparse.convert_many(paths, jobs=1))
    two = list(giaparse.convert_many(paths, jobs=2))
    assert _canonical(two) == _canonical(one) == _canonical(here)
    assert all(r.ok for r in here)


def test_unordered_map_answers_every_input_once_with_its_index():
    paths = _mixed_corpus()[::6] + [CORPUS / "text" / "missing.txt"]
    with WorkerPool(2) as pool:
        got = dict(pool.map_unordered(paths))
    assert sorted(got) == list(range(len(paths)))
    assert [got[i].input for i in range(len(paths))] == [str(p) for p in paths]
    assert got[len(paths) - 1].error.type == "FileNotReadable"
    assert _canonical([got[i] for i in range(len(paths) - 1)]) == _canonical([convert_one(p) for p in paths[:-1]])


def test_json_encoded_in_the_worker_is_the_report_s_own_json():
    with WorkerPool(2, convert=convert_rendered, convert_kwargs={"indent": 2}) as pool:
        results = list(pool.map(_mixed_corpus()[::7]))
    for result in results:
        assert result.rendered == result.report.to_json(indent=2)


def test_cli_outputs_are_the_same_with_one_worker_two_workers_and_one_input_at_a_time(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    paths = _mixed_corpus()[::4]
    for k, p in enumerate(paths):
        (folder / f"{k:02d}_{p.name}").write_bytes(p.read_bytes())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        run = subprocess.run([sys.executable, "-m", "giaparse", "convert", str(folder), "-o", str(out),
                              "--jobs", jobs, "-q", "--no-progress"], capture_output=True, text=True, env=env)
        assert run.returncode in (0, 1), run.stderr
        outputs[jobs] = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))}
    single = {}
    for p in sorted(folder.iterdir()):
        run = subprocess.run([sys.executable, "-m", "giaparse", "convert", str(p)], capture_output=True, env=env)
        single[f"in/{p.stem}.json"] = run.stdout
    converted = {k: v for k, v in single.items() if v}  # a corpus document that is meant to fail has none
    assert len(converted) >= len(paths) - 2 and len(paths) >= 10
    assert outputs["1"] == outputs["2"] == converted


# Nothing written is lost ---------------------------------------------------------

def test_a_failing_file_late_in_a_batch_loses_nothing_written_before_it(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(6):
        (folder / f"a{k}.txt").write_bytes(SEED_001.read_bytes())
    (folder / "z_broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "giaparse", "convert", str(folder), "-o", str(out), "--jobs", "2",
                          "--no-progress"], capture_output=True, text=True)
    assert run.returncode == 1
    written = sorted(p.name for p in (out / "in").iterdir())
    assert written == [f"a{k}.json" for k in range(6)]
    for k in range(6):
        assert json.loads((out / "in" / f"a{k}.json").read_text(encoding="utf-8"))["tables"]["requests"]
    [error] = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["type"] == "DamagedPdf" and error["path"].endswith("z_broken.pdf")


def test_an_interrupted_two_worker_batch_keeps_every_file_it_wrote_whole(tmp_path: Path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from batch import write_corpus

    folder = tmp_path / "gen"
    folder.mkdir()
    n = 80
    write_corpus(folder, n)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "giaparse", "convert", str(folder), "-o", str(out), "--jobs", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 4:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    written = sorted(out.rglob("*.json"))
    assert 4 <= len(written) < n
    for path in written:
        json.loads(path.read_text(encoding="utf-8"))
    assert not list(out.rglob("*.tmp"))
    resumed = subprocess.run(cmd + ["--skip-existing", "-q"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert len(list(out.rglob("*.json"))) == n


# One input: no worker ------------------------------------------------------------

def test_one_input_converts_in_this_process_and_the_timeout_still_stops_it(tmp_path: Path):
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument((CORPUS / "pdf" / "docx_2019_hard_cases.wqy-cairo.pdf").read_bytes())
    long = pdfium.PdfDocument.new()
    for _ in range(280 // len(src)):
        long.import_pages(src)
    slow = tmp_path / "long.pdf"
    long.save(str(slow))
    import signal as _signal

    handler = _signal.getsignal(_signal.SIGALRM)
    start = time.monotonic()
    result = convert_here(slow, ReadOptions(timeout_s=1.0))
    assert time.monotonic() - start < 20
    assert result.error is not None and result.error.message == (
        f"{slow}: conversion took longer than 1 s and was stopped (limit timeout_s; raise it with --timeout)")
    ok = convert_here(SEED_001, ReadOptions(timeout_s=30))
    assert ok.status is ConversionStatus.SUCCESS and ok.rendered == ok.report.to_json(indent=2)
    assert _signal.getsignal(_signal.SIGALRM) is handler  # put back, and no timer left running
    assert _signal.getitimer(_signal.ITIMER_REAL) == (0.0, 0.0)


def test_one_input_through_the_cli_starts_no_worker_process():
    code = ("import sys, multiprocessing\n"
            "from giaparse.cli import main\n"
            f"sys.argv = ['giaparse', 'convert', {str(SEED_001)!r}]\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
            "print('children', len(multiprocessing.active_children()), 'forkserver',"
            " 'multiprocessing.forkserver' in sys.modules and"
            " sys.modules['multiprocessing.forkserver']._forkserver._forkserver_pid is not None, file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["tables"]["requests"]["new_received"]["total"]["value"] == 2
    assert run.stderr.strip().endswith("children 0 forkserver False")


# Cold start -------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--version"], ["--help"], ["convert", "--help"], ["schema"]])
def test_version_and_help_import_no_reader_and_no_heavy_library(args):
    code = ("import sys\nfrom giaparse.cli import main\n"
            f"sys.argv = ['giaparse', *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules), file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    loaded = set(eval(run.stderr.strip().splitlines()[-1]))  # noqa: S307 - our own printed list
    assert run.stdout  # it did print the version / help / schema
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
    assert not {m for m in loaded if m.startswith(("giaparse.readers", "giaparse.pipeline", "giaparse.batch",
                                                   "giaparse.template", "giaparse.core"))}


def test_the_lazy_package_names_resolve_to_the_real_objects():
    from giaparse import batch, pipeline, report

    assert giaparse.parse is pipeline.parse and giaparse.Report is report.Report
    assert giaparse.convert_many is batch.convert_many
    assert set(giaparse.__all__) <= set(dir(giaparse))
    with pytest.raises(AttributeError):
        giaparse.no_such_name  # noqa: B018


# Executors ------------------------------------------------------------------------

def test_a_process_pool_executor_gives_the_same_results_as_the_worker_pool():
    paths = _mixed_corpus()[::5]
    local = list(giaparse.convert_many(paths, jobs=2))
    with ProcessPoolExecutor(2) as ex:
        on_processes = list(giaparse.convert_many(paths, executor=ex))
    with ThreadPoolExecutor(2) as ex:
        on_threads = list(giaparse.convert_many(paths, executor=ex))
    assert _canonical(on_processes) == _canonical(local) == _canonical(on_threads)
    assert all(r.worker_peak_mb for r in on_processes)


def test_a_dask_local_cluster_of_worker_processes_gives_the_same_results():
    distributed = _distributed()
    paths = _mixed_corpus()[::5]
    local = list(giaparse.convert_many(paths, jobs=2))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  memory_limit="2GiB") as cluster, distributed.Client(cluster) as client:
        on_dask = list(giaparse.convert_many(paths, executor=client.get_executor()))
        workers = {pid for pid in client.run(os.getpid).values()}
    assert _canonical(on_dask) == _canonical(local)
    assert len(workers) == 2 and os.getpid() not in workers


def test_dask_client_starts_a_local_cluster_of_processes_that_convert_many_runs_on():
    _distributed()
    from giaparse.batch import dask_client

    with dask_client(n_workers=2) as client:
        results = list(giaparse.convert_many(_mixed_corpus()[::9], executor=client.get_executor()))
        assert len(client.scheduler_info()["workers"]) == 2
    assert all(r.ok for r in results) and len(results) >= 5


def test_dask_client_without_dask_says_which_extra_to_install(monkeypatch):
    import builtins

    from giaparse import MissingDependency
    from giaparse.batch import dask_client

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name.split(".")[0] == "distributed":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(MissingDependency) as err:
        dask_client()
    assert str(err.value) == ("running conversions on Dask needs the optional package 'dask[distributed]'; "
                              'install it with: pip install "giaparse[dask]"')
