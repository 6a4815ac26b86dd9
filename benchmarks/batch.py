"""Batch throughput: documents per second with --jobs 1 and --jobs 2, and peak memory per worker.

    python benchmarks/batch.py [--files 200] [--docs N] [--repeat 3] [--json benchmarks/results/batch.json]

The input is a folder of at least --files mixed corpus files: copies of
every labelled corpus document (HTML, DOCX, PDF, text, markdown, cell
streams, flattened text, page-split PDFs; the scans are left out, their
OCR alone would be the figure). With --docs N it is instead N generated
reports (``corpus/generate/reportdata.py`` ``random_report(seed)``,
rendered below as pipe-table text in the layout of corpus seed 001), each
of whose cells must come out equal to its generating value.

The real command line ``giaparse convert DIR -o OUT --jobs N`` runs as a
subprocess, --repeat times for each N, alternating which goes first so that
machine noise falls on both. Reported: the median wall time and
documents/s per N (with min–max); the ratio jobs 1 time / jobs 2 time of
each back-to-back pair (median, min, max) and of the medians; that both
wrote byte-identical outputs; the peak resident memory of a worker (the
largest ``ru_maxrss`` a worker reports, carried on every
``ConversionResult``), from a ``convert_many`` run over the same folder;
and one small file through the command line (``giaparse convert FILE``,
and ``giaparse --version``) next to its conversion in a warm process. The
load average before and after is written with the figures: the machine is
shared, and another process's work takes cores from --jobs 2 only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "corpus" / "generate"))

from reportdata import (  # noqa: E402,E501
    PROACTIVE_2019,
    PROACTIVE_2021,
    RL_GROUPS,
    RL_HEADS,
    RL_RESULTS,
    ReportData,
    random_report,
    req_groups,
)

_COLS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total"]
_HEAD_GROUP = [("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量")]
_TAIL = ("carried_forward", "四、结转下年度继续办理")


def _row(cells: list[str], width: int) -> str:
    return " | ".join(cells + [""] * (width - len(cells))) + " |"


def render_text(r: ReportData) -> str:
    """A report as plain text with pipe tables (the seed-001 layout)."""
    out = [r.title,
           f"根据《中华人民共和国政府信息公开条例》要求，特编制本报告。所列数据统计时限为{r.year}年1月1日至{r.year}年12月31日。",
           "一、总体情况", f"{r.year}年，{r.organ}坚持以公开为常态，扎实推进政务公开工作。",
           "二、主动公开政府信息情况"]
    for sub, heads, items, fields in (PROACTIVE_2019 if r.edition == "2019" else PROACTIVE_2021):
        out.append(_row([f"第二十条第{sub}项"], 4))
        out.append(_row(["信息内容"] + heads, 4))
        for key, label in items:
            out.append(_row([label] + [r.proactive[key][f][0] for f in fields], 4))
    out.append("三、收到和处理政府信息公开申请情况")
    width = 10
    out.append(_row(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"], width))
    out.append(_row(["自然人", "法人或其他组织", "总计"], width))
    out.append(_row(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], width))

    def values(key: str) -> list[str]:
        return [r.requests[key][c][0] for c in _COLS]

    for key, label in _HEAD_GROUP:
        out.append(_row([label] + values(key), width))
    first = True
    for group, items in req_groups(r.edition):
        for i, (key, item) in enumerate(items):
            lead = ["三、本年度办理结果"] if first else []
            first = False
            if item is None:
                out.append(_row(lead + [group] + values(key), width))
            else:
                out.append(_row(lead + ([group] if i == 0 else []) + [item] + values(key), width))
    out.append(_row([_TAIL[1]] + values(_TAIL[0]), width))
    out.append("四、政府信息公开行政复议、行政诉讼情况")
    out.append(_row(["行政复议", "行政诉讼"], 15))
    out.append(_row(RL_HEADS + ["未经复议直接起诉", "复议后起诉"], 15))
    out.append(_row(RL_HEADS * 2, 15))
    out.append(_row([r.review[g][k][0] for g in RL_GROUPS for k in RL_RESULTS], 15))
    out += ["五、存在的主要问题及改进情况", "一是公开的及时性有待提高。二是将加强培训。",
            "六、其他需要报告的事项", "本年度无其他需要报告的事项。", r.organ]
    return "\n".join(out) + "\n"


def write_corpus(folder: Path, n: int, start: int = 0) -> dict[str, dict]:
    """``n`` generated reports as ``folder/NNNN.txt``; returns {file name: label tables}."""
    labels = {}
    for seed in range(start, start + n):
        r = random_report(seed)
        name = f"gen{seed:05d}.txt"
        (folder / name).write_text(render_text(r), encoding="utf-8")
        labels[name] = r.values()
    return labels


def _cli(folder: Path, out: Path, jobs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "giaparse", "convert", str(folder), "-o", str(out),
                           "--jobs", str(jobs), "-q", "--no-progress"], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"giaparse convert failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def _check(out: Path, labels: dict[str, dict], folder_name: str) -> int:
    wrong = 0
    for name, tables in labels.items():
        got = json.loads((out / folder_name / (Path(name).stem + ".json")).read_text(encoding="utf-8"))["tables"]
        for table, rows in tables.items():
            body = got.get(table, {})
            body = body.get("items", {}) if table == "proactive" else body
            for row, cols in rows.items():
                for col, value in cols.items():
                    wrong += body.get(row, {}).get(col, {}).get("value") != value
    return wrong


def write_mixed(folder: Path, files: int) -> int:
    """Copies of every labelled corpus document (HTML, DOCX, PDF, text, markdown, cells, flattened
    text, page-split PDFs; not the scans, whose OCR alone would be the figure) until there are
    at least ``files``; returns how many."""
    docs = sorted(p for label in (REPO / "corpus").glob("*/*.label.json") if label.parent.name != "scan"
                  for p in label.parent.glob(label.name[: -len(".label.json")] + ".*")
                  if not p.name.endswith(".label.json"))
    n = 0
    copy = 0
    while n < files:
        for p in docs:
            target = folder / f"copy{copy}" / p.parent.name / p.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(p.read_bytes())
            n += 1
        copy += 1
    return n


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))}


def _spread(xs: list[float]) -> dict:
    return {"median": round(statistics.median(xs), 3), "min": round(min(xs), 3), "max": round(max(xs), 3),
            "runs": [round(x, 3) for x in xs]}


def single_file(repeat: int) -> dict:
    """One small file through the command line against its conversion in a warm process."""
    import giaparse.batch

    seed = REPO / "corpus" / "text" / "seed001_anning_2020_pipes.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    giaparse.batch.convert_one(seed)  # warm
    conv, cli, version = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        giaparse.batch.convert_one(seed)
        conv.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "giaparse", "convert", str(seed)], capture_output=True, env=env,
                       check=True)
        cli.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "giaparse", "--version"], capture_output=True, env=env, check=True)
        version.append(time.perf_counter() - start)
    return {"file": seed.name, "conversion_in_warm_process_s": _spread(conv), "cli_convert_s": _spread(cli),
            "cli_version_s": _spread(version)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=200, help="mixed corpus files (copies of the corpus documents)")
    ap.add_argument("--docs", type=int, default=0, help="generated text reports instead of the corpus copies")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    import giaparse

    load_before = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="giaparse-batch-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        if args.docs:
            labels = write_corpus(folder, args.docs)
            n = args.docs
        else:
            labels, n = None, write_mixed(folder, args.files)
        times: dict[int, list[float]] = {1: [], 2: []}
        trees: dict[int, dict[str, bytes]] = {}
        for i in range(args.repeat):
            for jobs in ((1, 2) if i % 2 == 0 else (2, 1)):
                out = Path(tmp) / f"out-{jobs}-{i}"
                times[jobs].append(_cli(folder, out, jobs))
                if i == 0:
                    trees[jobs] = _tree(out)
                    wrong = _check(out, labels, folder.name) if labels else 0
                    if wrong:
                        raise SystemExit(f"--jobs {jobs}: {wrong} generated cell(s) came out wrong")
                shutil.rmtree(out)
        if trees[1] != trees[2]:
            raise SystemExit("--jobs 1 and --jobs 2 wrote different outputs")
        peaks = {}
        for jobs in (1, 2):
            peak = 0.0
            for result in giaparse.convert_many(sorted(p for p in folder.rglob("*") if p.is_file()), jobs=jobs):
                peak = max(peak, result.worker_peak_mb or 0.0)
            peaks[jobs] = peak

    report: dict = {"input": f"{n} generated text reports" if args.docs else
                    f"{n} copies of the labelled corpus documents (every format but scans)",
                    "files": n, "repeat": args.repeat, "cpus": os.cpu_count(), "load_before": load_before}
    for jobs in (1, 2):
        med = statistics.median(times[jobs])
        report[f"jobs{jobs}"] = {
            "median_s": round(med, 2), "min_s": round(min(times[jobs]), 2), "max_s": round(max(times[jobs]), 2),
            "docs_per_s": round(n / med, 1),
            "docs_per_s_range": [round(n / max(times[jobs]), 1), round(n / min(times[jobs]), 1)],
            "peak_worker_rss_mb": round(peaks[jobs], 1),
        }
    # each repeat runs jobs 1 and jobs 2 back to back: the ratio of a pair saw the same machine
    pairs = [a / b for a, b in zip(times[1], times[2], strict=True)]
    report["ratio_jobs2_over_jobs1"] = _spread(pairs)
    report["speedup_jobs2_over_jobs1"] = round(statistics.median(times[1]) / statistics.median(times[2]), 2)
    report["same_outputs_jobs1_jobs2"] = True
    report["single_file"] = single_file(max(3, args.repeat))
    report["load_after"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
