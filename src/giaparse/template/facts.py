"""Document facts: is it an annual report, whose, for which year, and its
six parts (一、总体情况 … 六、其他需要报告的事项)."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..document import Paragraph
from ..text.numbering import numeral_value, outline_level
from .match import key_of
from .templates import PARTS, compiled

_REPORT_TITLE = regex.compile(r"(政府)?信息公开(工作)?年度?报告|政务公开(工作)?年度报告")
_NOT_A_REPORT = regex.compile(r"工作要点|通知|实施方案|意见|办法|规定|指南|目录")
_TITLE_SCAN = 12          # report titles sit among the first paragraphs
_HEADING_MAX_CHARS = 60
_YEAR_IN_TITLE = regex.compile(r"((?:19|20)\d{2})\s*年\s*度?")
_PERIOD_YEAR = regex.compile(r"统计(?:期限|时限|期间|时间|口径)?.{0,10}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_BODY_ORGAN = regex.compile(
    r"^(?:(?:19|20)\d{2}\s*年(?:度)?\s*[，,]\s*)(?P<organ>[\p{Han}（）()]{2,30}?"
    r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管理局|局|厅|政府))"
)


@dataclass
class Section:
    part: int
    key: str
    heading: str
    text: str

    def to_dict(self) -> dict:
        return {"part": self.part, "key": self.key, "heading": self.heading, "text": self.text}


_ORGAN_LINE = regex.compile(r"^[\p{Han}（）()]{2,40}"
                            r"(?:政府|办公厅|办公室|委员会|局|厅|署|院|委|中心|街道办事处|办事处)$")


#: A title line that starts where a wrapped title's second line does: in the year, or at the report's name.
_WRAPPED_HEAD = regex.compile(r"^(?:[0-9]{1,3}年|年|(?:度)?(?:政府)?信息公开|政务公开|公开)")
#: The first line of a wrapped title: an organ's name, perhaps with (part of) the year.
_TITLE_START = regex.compile(r"^[\p{Han}（）()0-9]{1,50}$")


def _organ_part(title: str) -> str:
    """What a title line has before its year or the report's name."""
    return regex.split(r"(?:19|20)[0-9]{2}|[0-9]{1,3}年|年度|(?:政府)?信息公开|政务公开", title, maxsplit=1)[0]


def find_title(paragraphs: list[Paragraph]) -> str | None:
    """The report's title: early, short, naming the annual report.

    Titles are often set in two lines (the organ, then 2020年政府信息公开工作
    年度报告); an organ line right above a title that starts with the year is
    part of it.
    """
    for i, p in enumerate(paragraphs[:_TITLE_SCAN]):
        text = p.text.strip()
        if len(text) <= 80 and _REPORT_TITLE.search(text) and not _NOT_A_REPORT.search(text):
            if i > 0 and _YEAR_IN_TITLE.match(text) and _ORGAN_LINE.match(paragraphs[i - 1].text.strip()):
                return paragraphs[i - 1].text.strip() + text
            above = paragraphs[i - 1].text.strip() if i > 0 else ""
            if i <= 3 and _TITLE_START.match(above) and not _REPORT_TITLE.search(above) and (
                    _WRAPPED_HEAD.match(text) or _ORGAN_LINE.match(_organ_part(above + text))):
                # A title wrapped by a converter: the organ (and the year, or part of it) on the line above.
                return above + text
            return text
    # A title a converter wrapped over two lines (政府信息公开 / 工作年度报告): neither line names
    # the report alone, the two joined do.
    for a, b in zip(paragraphs[:_TITLE_SCAN], paragraphs[1:_TITLE_SCAN], strict=False):
        joined = a.text.strip() + b.text.strip()
        if (len(joined) <= 80 and _REPORT_TITLE.search(joined) and not _NOT_A_REPORT.search(joined)
                and not _REPORT_TITLE.search(b.text) and outline_level(b.text.strip()) is None):
            return joined
    return None


def find_year(title: str | None, paragraphs: list[Paragraph]) -> int | None:
    """The statistics year: from the title, else the stated statistics period."""
    if title:
        m = _YEAR_IN_TITLE.search(title)
        if m:
            return int(m.group(1))
    for i, p in enumerate(paragraphs[:40]):
        m = _PERIOD_YEAR.search(p.text)
        if m is None and i + 1 < len(paragraphs) and p.text.rstrip()[-1:].isdigit():
            # The period wrapped after the year's digits (统计期限为2024 / 年1月1日…).
            m = _PERIOD_YEAR.search(p.text.rstrip() + paragraphs[i + 1].text.lstrip())
        if m:
            return int(m.group(1))
    return None


def find_organ(title: str | None, paragraphs: list[Paragraph]) -> str | None:
    """The organ the title names; without a title, the organ the first paragraphs say did the work."""
    if title:
        organ = _YEAR_IN_TITLE.sub("", title)
        organ = _REPORT_TITLE.split(organ)[0]
        organ = regex.sub(r"^关于|[《》“”\"\s]|的$", "", organ)
        if organ:
            return organ
    for p in paragraphs[:_TITLE_SCAN]:
        m = _BODY_ORGAN.match(p.text)
        if m:
            return m.group("organ")
    return None


def _heading_part(text: str, expected: int) -> tuple[int, bool] | None:
    """(part, numbered-as-that-part) if ``text`` is a heading of part ``expected`` or later."""
    if len(text) > _HEADING_MAX_CHARS or outline_level(text) not in (1, 2):
        return None
    key = key_of(text)
    number = numeral_value(text)
    for part, _, pattern in PARTS:
        if part >= expected and compiled(pattern).search(key):
            return part, (outline_level(text) == 1 and number == part)
    return None


def find_sections(paragraphs: list[Paragraph]) -> list[Section]:
    """The six parts in order. A top-level heading with the right number wins;
    a renumbered one (（六）其他需要报告的事项) is accepted when no better one comes."""
    heads: list[tuple[int, int]] = []  # (paragraph index, part)
    expected = 1
    i = 0
    while i < len(paragraphs) and expected <= 6:
        hit = _heading_part(paragraphs[i].text, expected)
        if hit is None:
            i += 1
            continue
        part, exact = hit
        if not exact:
            # Look ahead for a properly numbered heading of the same part before the next part.
            better = next((j for j in range(i + 1, len(paragraphs))
                           if (h := _heading_part(paragraphs[j].text, part)) and h == (part, True)), None)
            nxt = next((j for j in range(i + 1, len(paragraphs))
                        if (h := _heading_part(paragraphs[j].text, part + 1)) and h[1]), len(paragraphs))
            if better is not None and better < nxt:
                i = better
        heads.append((i, part))
        expected = part + 1
        i += 1
    sections: list[Section] = []
    for n, (idx, part) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(paragraphs)
        body = "\n".join(p.text for p in paragraphs[idx + 1:end])
        sections.append(Section(part, PARTS[part - 1][1], paragraphs[idx].text, body))
    return sections
