"""Numbers the narrative states about table cells.

Reports repeat some table figures in their prose: 「现行有效行政规范性文件305件」,
「本年制发行政规范性文件47件」, 「全年共收到政府信息公开申请41件」,
「上年结转18件」, 「被申请行政复议10件」. Each such sentence is a statement
about one cell (or, for 「行政诉讼3件」 and 「法人或其他组织11件」, a sum of cells);
``statements`` finds
them. The solver uses them to choose among the splits of a digit run (a
statement only narrows, and is ignored when no split agrees);
``giaparse.text_checks`` compares them with the tables.

Precision over recall: a form matches only wording that names one cell of
this year's table. A clause about another year (上年, 去年, 同期, a year that
is not the report's) or about two things at once (「行政复议和行政诉讼254件」)
states nothing; a figure whose unit is not the cell's (%, 次, 项) never
matches; requests wording counts only in a paragraph about 申请, table-4
wording only in a sentence about 信息公开.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ..text.normalise import fold_radicals


@dataclass(frozen=True)
class Statement:
    """``table.row.column`` is ``value``, as ``sentence`` says.

    ``terms`` is empty for a statement about one cell; for a stated sum
    (「被提起行政诉讼3件」 = 直接起诉 + 复议后起诉) it lists the ``(row, column)``
    cells of ``table`` that add up to ``value``, and ``row``/``column`` name
    the sum (``litigation``/``total``), not a cell. Money is in 万元, the
    table's unit, whatever unit the sentence uses.
    """

    table: str
    row: str
    column: str
    value: int | float
    sentence: str
    terms: tuple[tuple[str, str], ...] = ()

    @property
    def cells(self) -> tuple[tuple[str, str], ...]:
        """The ``(row, column)`` cells whose sum the statement gives."""
        return self.terms or ((self.row, self.column),)


@dataclass(frozen=True)
class _Form:
    table: str
    row: str
    column: str
    pattern: regex.Pattern[str]
    terms: tuple[tuple[str, str], ...] = ()
    #: the paragraph holding the match must contain this (what the sentence is about)
    paragraph: regex.Pattern[str] | None = None
    #: the sentence holding the match must contain this
    sentence: regex.Pattern[str] | None = None
    #: the sentence must not contain this (a part of the figure may be meant)
    unless: regex.Pattern[str] | None = None
    #: the clause before the match must not end with this
    not_after: regex.Pattern[str] | None = None


_NUM = r"(?<![0-9.．０-９])(?P<n>[0-9]{1,9})(?![0-9.．])"
_NOT_A_COUNT = r"(?!百分点|工作日|月|小时|人|百分比)"   # 「3个工作日」, 「6.2个百分点」
_N = _NUM + r"\s*(?:件|个|项|条)" + _NOT_A_COUNT  # documents (table 2)
_PIECES = _NUM + r"\s*件"                     # applications (table 3)
_CASES = _NUM + r"\s*(?:件|宗|起)"            # cases (table 4)
_MONEY = r"(?<![0-9.．])(?P<n>[0-9]{1,12}(?:\.[0-9]{1,8})?)\s*(?P<unit>万元|元)"
_END = r"(?=[，,。；;、：:）)（(\s]|$)"       # the figure ends the phrase: 「办结12件人大建议」 is not about requests
# 全年 / 本年度 / 2024年 (the report's year) — and 全市/全区 when the report speaks for the whole area.
_TIME = r"(?:全年|本年度?|年内|今年|(?P<y>(?:19|20)[0-9]{2})\s*年度?)(?:[，,]\s*)?(?:全[市区县旗州盟镇乡])?"
_APPLICATION = r"(?:(?:政府信息公开|依申请公开|信息公开)?申请(?:件)?|依申请公开件)"
_NEXT_YEAR = r"(?:下一?年度?|次年|(?P<ny>(?:19|20)[0-9]{2})\s*年度?)"

_ABOUT_REQUESTS = regex.compile(r"申请")
_ABOUT_DISCLOSURE = regex.compile(r"信息公开")


def _form(t: str, r: str, c: str, p: str, **kw) -> _Form:
    return _Form(t, r, c, regex.compile(p), **{k: regex.compile(v) if isinstance(v, str) else v for k, v in kw.items()})


_FORMS: tuple[_Form, ...] = (
    # table 2
    _form("proactive", "normative_documents", "in_force", r"现行有效(?:的)?(?:行政)?规范性文件(?:共|为)?\s*" + _N),
    _form("proactive", "normative_documents", "issued",
          r"(?:本年|全年)?(?:制发|印发|出台)(?:行政)?规范性文件(?:共|为)?\s*" + _N),
    _form("proactive", "normative_documents", "repealed", r"废止(?:行政)?规范性文件(?:共|为)?\s*" + _N),
    _form("proactive", "regulations", "in_force", r"现行有效(?:的)?规章(?:共|为)?\s*" + _N),
    _form("proactive", "administrative_fees", "amount",
          r"行政事业性收费(?:金额|总额|总金额|收入)?(?:共|为|计)?\s*" + _MONEY),
    # table 3 (the 总计 column)
    _form("requests", "new_received", "total",
          _TIME + r"(?:共|累计|总共)?(?:新)?(?:收到|受理|收|接收|接到)" + _APPLICATION + r"(?:共|为)?\s*" + _PIECES),
    _form("requests", "new_received", "total",   # 「2020年，全市共收到2件需要按申请程序公开依申请公开件」
          _TIME + r"(?:共|累计|总共)(?:新)?(?:收到|受理)\s*" + _PIECES
          + r"[^，,。；;\n]{0,12}?(?:依申请公开件|政府信息公开申请|依申请公开申请|公开申请)"),
    _form("requests", "carried_over", "total",
          r"(?:上年度?|上一年度?|去年)(?:共)?(?:结转|遗留)(?:至|到)?(?:本年度?|今年|(?P<y>(?:19|20)[0-9]{2})\s*年度?)?"
          r"(?:的)?" + _APPLICATION + r"?(?:共|为)?\s*" + _PIECES, paragraph=_ABOUT_REQUESTS),
    _form("requests", "carried_forward", "total",
          r"(?:结转|顺延)(?:至|到)?" + _NEXT_YEAR + r"(?:继续)?(?:办理|处理)?(?:的)?" + _APPLICATION
          + r"?(?:共|为)?\s*" + _PIECES,
          paragraph=_ABOUT_REQUESTS),
    _form("requests", "carried_forward", "total",   # 「16件结转至2025年继续办理」, 「另有103件顺延到下年度答复」
          _PIECES + r"(?:申请)?(?:需|须|将)?(?:结转|转入|顺延)(?:至|到)?" + _NEXT_YEAR, paragraph=_ABOUT_REQUESTS),
    _form("requests", "total", "total",
          r"(?<!延期|逾期|超期|当场|限期|部分)(?:办理答复|答复办结|办结答复|办结|答复)(?:政府信息公开|依申请公开)?(?:申请)?(?:件)?"
          r"(?:共|为)?\s*" + _PIECES + _END,
          paragraph=_ABOUT_REQUESTS, unless=r"延期|逾期|超期"),
    _form("requests", "granted", "total",
          r"(?<!部分|部分予以|不)(?:予以公开|同意公开)(?:的)?(?:申请)?(?:共|为)?\s*" + _PIECES + _END,
          paragraph=_ABOUT_REQUESTS),
    _form("requests", "partially_granted", "total",
          r"(?:部分公开|部分予以公开)(?:的)?(?:申请)?(?:共|为)?\s*" + _PIECES + _END, paragraph=_ABOUT_REQUESTS),
    # table 4 (the 总计 of each group; 行政诉讼 without a kind is both kinds)
    _form("review_litigation", "review", "total",
          r"行政复议(?:案件|申请)?(?:共|为|计)?\s*" + _CASES,
          sentence=_ABOUT_DISCLOSURE, not_after=r"(?:诉讼|起诉)(?:和|、|及|与|以及|或)$"),
    _form("review_litigation", "litigation", "total",
          r"(?:被)?(?:提起)?行政诉讼(?:案件)?(?:共|为|计)?\s*" + _CASES,
          terms=(("litigation_direct", "total"), ("litigation_after_review", "total")),
          sentence=_ABOUT_DISCLOSURE, not_after=r"(?:复议(?:和|、|及|与|以及|或)|复议后(?:又)?|直接|经复议)$"),
    _form("review_litigation", "litigation_direct", "total",
          r"直接(?:被)?(?:提起|起诉)(?:的)?行政诉讼(?:案件)?(?:共|为|计)?\s*" + _CASES, sentence=_ABOUT_DISCLOSURE),
    _form("review_litigation", "litigation_after_review", "total",
          r"(?:行政)?复议后(?:又)?(?:被)?(?:提起|起诉)(?:的)?行政诉讼(?:案件)?(?:共|为|计)?\s*" + _CASES,
          sentence=_ABOUT_DISCLOSURE),
)
# Right after a 本年新收 figure: 「，其中自然人申请30件、法人或其他组织11件」 — its applicant columns.
_BY_APPLICANT = regex.compile(
    r"\s*[，,（(]?\s*其中[，,：:]?\s*"
    r"(?:(?:来自|由)?(?:自然人|公民)(?:提出|申请|提交)?(?:的)?(?:申请)?(?:共|为)?\s*(?P<np>[0-9]{1,9})\s*件(?![0-9]))?"
    r"\s*[、，,；;]?\s*"
    r"(?:(?:来自|由)?法人(?:或者?|和|及)其他组织(?:提出|申请|提交)?(?:的)?(?:申请)?(?:共|为)?\s*(?P<org>[0-9]{1,9})\s*件(?![0-9]))?")
_ORGANISATIONS = tuple(("new_received", c)
                       for c in ("commercial", "research", "public_interest", "legal_services", "other_org"))
_SENTENCE_END = regex.compile(r"[。；;！!？?\n]")
_CLAUSE_END = regex.compile(r"[，,。；;！!？?：:\n]")
# A clause about another period: its figures are not this year's cells.
_OTHER_PERIOD = regex.compile(r"上一?年|去年|前年|同期|上年度|往年|历年|累计至今|成立以来")
_YEAR = regex.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left: right.end() if right else len(text)].strip()


def _paragraph(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left: right if right >= 0 else len(text)]


def _clause_before(text: str, start: int) -> str:
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    return text[left:start]


def _value(m: regex.Match[str]) -> int | float:
    if "unit" not in m.groupdict() or m.group("unit") is None:
        return int(m.group("n"))
    d = Decimal(m.group("n")) / (Decimal(10000) if m.group("unit") == "元" else Decimal(1))
    return int(d) if d == d.to_integral_value() else float(d)


def _holds(form: _Form, text: str, m: regex.Match[str], year: int | None) -> bool:
    """Whether match ``m`` of ``form`` states this year's figure of the form's cell."""
    before = _clause_before(text, m.start())
    if _OTHER_PERIOD.search(before):
        return False
    if form.not_after is not None and form.not_after.search(before):
        return False
    groups = m.groupdict()
    if year is not None:
        if any(int(y) != year for y in _YEAR.findall(before)):
            return False
        if groups.get("y") and int(groups["y"]) != year:
            return False
        if groups.get("ny") and int(groups["ny"]) != year + 1:
            return False
    elif groups.get("ny"):
        return False  # 「结转至2025年」 is 结转下年度 only when the report is 2024's
    sentence = _sentence(text, m.start(), m.end())
    if form.sentence is not None and not form.sentence.search(sentence):
        return False
    if form.unless is not None and form.unless.search(sentence):
        return False
    if form.paragraph is not None and not form.paragraph.search(_paragraph(text, m.start(), m.end())):
        return False
    return True


def _by_applicant(text: str, end: int, sentence: str) -> list[tuple[int, Statement]]:
    """The applicant columns stated right after a 本年新收 total (「其中自然人申请30件」)."""
    m = _BY_APPLICANT.match(text, end)
    out = []
    if m and m.group("np") is not None:
        out.append((m.start("np"),
                    Statement("requests", "new_received", "natural_person", int(m.group("np")), sentence)))
    if m and m.group("org") is not None:
        out.append((m.start("org"), Statement("requests", "new_received", "organisations", int(m.group("org")),
                                              sentence, _ORGANISATIONS)))
    return out


def statements(text: str, year: int | None = None) -> list[Statement]:
    """Every statement of a cell's figure in ``text``, in order of appearance.

    ``year`` is the report's year: with it, a clause naming another year
    states nothing, and 「结转至2025年」 is 结转下年度 in the 2024 report.
    The same figure stated in the same sentence twice counts once. Radical
    look-alikes (a browser print's ⾏ for 行) are read as their ideographs;
    folding keeps every character's position.
    """
    text = fold_radicals(text)
    out: dict[tuple, tuple[int, Statement]] = {}
    for form in _FORMS:
        for m in form.pattern.finditer(text):
            if not _holds(form, text, m, year):
                continue
            s = Statement(form.table, form.row, form.column, _value(m), _sentence(text, m.start(), m.end()), form.terms)
            key = (s.table, s.row, s.column, s.value, s.sentence, m.start("n"))
            out.setdefault(key, (m.start(), s))
            if (form.table, form.row) == ("requests", "new_received"):
                for start, part in _by_applicant(text, m.end(), s.sentence):
                    out.setdefault((part.table, part.row, part.column, part.value, part.sentence, start), (start, part))
    return [s for _, s in sorted(out.values(), key=lambda x: x[0])]


def stated_cells(text: str, table: str) -> dict[tuple[str, str], int]:
    """``{(row, column): value}`` for ``table``, keeping only cells stated once or always alike
    (whole numbers about one cell: what the solver can compare a split with)."""
    seen: dict[tuple[str, str], set[int]] = {}
    for s in statements(text):
        if s.table == table and not s.terms and isinstance(s.value, int):
            seen.setdefault((s.row, s.column), set()).add(s.value)
    return {cell: next(iter(v)) for cell, v in seen.items() if len(v) == 1}
