#!/usr/bin/env python3
"""Report data that satisfies the template's arithmetic, for every generator.

One source of truth for the generated corpus, the benchmarks and the
property tests: ``random_report(seed)`` draws a whole report (edition, year,
organ, the three tables) from a seeded ``random.Random`` and keeps every
identity of the template true (一+二 = 三总计+四 per column, 总计 = the result
rows, the 总计 column = the six applicants, table 4's group totals). Each
cell is ``(raw text, value)``: the text a renderer writes and the number its
label holds, so labels come from the data, never from giaparse.

Renderers (HTML, DOCX, flattened text, PDF via Chromium/LibreOffice, scans)
live in their own ``make_*.py`` and take a ``ReportData``.

    >>> r = random_report(7)
    >>> r.label()["tables"]["requests"]["total"]["total"] == sum(
    ...     r.label()["tables"]["requests"]["total"][c] for c in APPLICANT_COLS)
    True
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_html import (  # noqa: E402  (the template structure and the number generators)
    APPLICANT_COLS,
    PROACTIVE_2019,
    PROACTIVE_2021,
    REQ_COLS,
    RL_GROUPS,
    RL_HEADS,
    RL_RESULTS,
    cells_of,
    esc,
    gen_proactive_2019,
    gen_proactive_2021,
    gen_requests_numbers,
    gen_review,
    label_tables,
    plain_renderers,
    render_blocks,
    report_blocks,
    req_groups,
    result_keys,
)

__all__ = [
    "ReportData", "random_report", "APPLICANT_COLS", "REQ_COLS", "RL_GROUPS", "RL_RESULTS", "RL_HEADS",
    "PROACTIVE_2019", "PROACTIVE_2021", "req_groups", "result_keys", "request_row_order",
    "render_html", "report_series",
]

_PLACES = ["安平县", "临川区", "清河市", "东江县", "云溪区", "北湖市", "南山县", "石门区", "永宁市", "青田县"]
_ORGAN_SUFFIXES = ["人民政府", "人民政府办公室", "发展和改革局", "教育局", "自然资源和规划局", "市场监督管理局"]
_FEES = ["0", "12.35", "3.6", "0.85", "127.4", "58"]


@dataclass
class ReportData:
    """One report's facts and tables; cells are ``(raw text, value)``."""

    edition: str                      # "2019" | "2021"
    year: int
    organ: str
    level: str                        # "county" | "city" | "dept" (table 2's scale)
    proactive: dict = field(default_factory=dict)   # {item: {field: (raw, value)}}
    requests: dict = field(default_factory=dict)    # {row: {column: (raw, value)}}, template row order
    review: dict = field(default_factory=dict)      # {group: {result: (raw, value)}}

    @property
    def title(self) -> str:
        return f"{self.organ}{self.year}年政府信息公开工作年度报告"

    def values(self) -> dict:
        """The canonical ``tables`` with bare values (what a label holds)."""
        return label_tables({"proactive": self.proactive, "requests": self.requests, "review": self.review})

    def label(self, source: str = "", labelled_by: str = "generating data, corpus/generate/reportdata.py",
              **extra) -> dict:
        """A corpus label file's content for a document rendered from this data."""
        out = {
            "source": source,
            "labelled_by": labelled_by,
            "document": {"kind": "annual_report", "template": self.edition, "year": self.year,
                         "organ": self.organ},
            "tables": self.values(),
            "absent_tables": [],
            "expect_warnings": [],
        }
        out.update(extra)
        return out


def request_row_order(edition: str) -> list[str]:
    """Table 3's row keys in the template's order."""
    return ["new_received", "carried_over"] + result_keys(edition) + ["total", "carried_forward"]


def random_report(seed: int, edition: str | None = None, *, scale: int | None = None,
                  busy: int | None = None) -> ReportData:
    """A whole report drawn from ``random.Random(seed)``; same seed, same report.

    ``scale`` sets table 3's magnitude (applications per busy cell), ``busy``
    table 4's; by default both are drawn, from a quiet county office (a few
    requests, most cells 0) to a busy city government (thousands).
    """
    rng = random.Random(seed)
    edition = edition or rng.choice(("2019", "2021"))
    year = rng.choice((2019, 2020)) if edition == "2019" else rng.randint(2021, 2025)
    level = rng.choice(("county", "city", "dept"))
    organ = rng.choice(_PLACES) + rng.choice(_ORGAN_SUFFIXES)
    scale = scale if scale is not None else rng.choice((3, 10, 40, 150, 900))
    busy = busy if busy is not None else rng.choice((0, 2, 6, 20))
    proactive = (gen_proactive_2019(rng, level) if edition == "2019"
                 else gen_proactive_2021(rng, level, rng.choice(_FEES)))
    requests = cells_of(gen_requests_numbers(rng, edition, scale))
    review = gen_review(rng, busy)
    return ReportData(edition, year, organ, level, proactive, requests, review)


def _N(v: int) -> tuple[str, int]:
    return (str(v), v)


def report_series(seed: int, first_year: int, n_years: int, edition: str = "2021") -> list[ReportData]:
    """``n_years`` consecutive reports of one organ that agree across years.

    Year y's 上年结转 is year y−1's 结转下年度继续办理 (per column), 现行有效件数
    runs on by 本年制发 − 本年废止, and table-2 counts move by at most ±40 %
    a year; every in-year identity still holds. A test plants one break
    and expects ``giaparse compare`` to find it and nothing else.
    """
    rng = random.Random(seed)
    first = random_report(seed, edition)
    first.year = first_year
    series = [first]
    for k in range(1, n_years):
        prev = series[-1]
        cur = random_report(seed * 1000 + k, edition, scale=None)
        cur.year, cur.organ, cur.level = first_year + k, prev.organ, prev.level
        req = cur.requests
        for col in APPLICANT_COLS:
            co = prev.requests["carried_forward"][col][1]
            cf = req["carried_forward"][col][1]
            total = req["total"][col][1]
            cf = max(cf, co - total)          # keeps 本年新收 ≥ 0
            req["carried_over"][col] = _N(co)
            req["carried_forward"][col] = _N(cf)
            req["new_received"][col] = _N(total + cf - co)
        for row in ("carried_over", "carried_forward", "new_received"):
            req[row]["total"] = _N(sum(req[row][c][1] for c in APPLICANT_COLS))
        for item, fields in cur.proactive.items():
            for fld, (_, value) in list(fields.items()):
                old = prev.proactive.get(item, {}).get(fld)
                if fld == "in_force" or old is None or not isinstance(value, int):
                    continue
                fields[fld] = _N(max(0, round(old[1] * rng.uniform(0.7, 1.4))))
        for item in ("regulations", "normative_documents"):
            if "in_force" in cur.proactive.get(item, {}):
                fields = cur.proactive[item]
                before = prev.proactive[item]["in_force"][1]
                repealed = min(fields["repealed"][1], before + fields["issued"][1])
                fields["repealed"] = _N(repealed)
                fields["in_force"] = _N(before + fields["issued"][1] - repealed)
        series.append(cur)
    return series


def render_html(data: ReportData, seed: int = 0) -> str:
    """A plain, complete HTML page of the report: title, six parts, the three
    tables with the template's merged cells (rowspan/colspan)."""
    rng = random.Random(seed)
    tables = {"proactive": data.proactive, "requests": data.requests, "review": data.review}
    office = data.organ if data.organ.endswith(("办公室", "局")) else data.organ + "办公室"
    ctx = dict(year=data.year, short=data.organ, site=data.organ + "门户网站", url="www.example.gov.cn",
               office=office, addr="府前路1号", zip="310000", tel="0571-87000000")
    blocks = report_blocks(ctx, tables, rng, data.edition)

    renderers = plain_renderers(data.edition, tables, '<table border="1" cellspacing="0" style="border-collapse:collapse">',
                                ("h2", "h3"))
    body = render_blocks(blocks, renderers)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(data.title)}</title></head>\n'
            f"<body><h1>{esc(data.title)}</h1>\n{body}\n</body></html>\n")


if __name__ == "__main__":  # a quick look: python corpus/generate/reportdata.py 7
    import json

    r = random_report(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(json.dumps(r.label(), ensure_ascii=False, indent=1)[:2000])
