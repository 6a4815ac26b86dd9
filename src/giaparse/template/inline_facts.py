"""Document facts when the structure is gone: a report saved as one line.

A web "page.txt" export runs title, narrative and tables together. It is
still a report when its content says so — the title phrase, the 《条例》
preamble, the statistics-period sentence, the part headings 一、总体情况 …
六、其他需要报告的事项 in order — and it is *not* one when the page only talks
about a report (一图读懂《…年度报告》, 图解, 解读), lists several reports, or is
source code / JSON that mentions a title (giaparse's own output included).
"""

from __future__ import annotations

import json

import regex

from ..document import Paragraph
from .facts import Section
from .templates import PARTS, compiled

# organ + year + the title phrase, as a title is written inside running text.
_TITLE_IN_TEXT = regex.compile(
    r"(?P<organ>[\p{Han}（）()]{2,30}?)(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*"
    r"(?:政府)?信息公开(?:工作)?年度?报告")
_PREAMBLE = regex.compile(r"《(?:中华人民共和国)?政府信息公开条例》|《条例》")
_PERIOD = regex.compile(r"统计(?:期限|时限|期间|时间|口径)?.{0,10}?(?:19|20)\d{2}\s*年\s*1\s*月\s*1\s*日")
# A page *about* a report: 一图读懂《…年度报告》, 图解：《…》, 《…年度报告》解读. Only right next to
# the title: a breadcrumb (首页 > 政策解读 > …) above a real report must not count.
_EXPLAINER = regex.compile(
    r"(?:一图(?:读懂|看懂|解读)|图解|解读)\s*[:：]?\s*《[^》]{0,60}年度?报告》"
    r"|《[^》]{0,60}年度?报告》\s*(?:图解|解读|政策解读|一图读懂)"
    r"|一图(?:读懂|看懂)[^《》。]{0,40}年度?报告")
_CODE_LINE = regex.compile(r'^\s*(?:[{}\[\],]|"[^"]{1,60}"\s*:|def |class |import |from \S+ import'
                           r'|function |var |const |let |#include|<\?php|//|/\*)')
_NUMERALS = "一二三四五六"
_MIN_INLINE_PARTS = 4
_LONG_PARAGRAPH = 300


def _full_text(paragraphs: list[Paragraph]) -> str:
    return "\n".join(p.text for p in paragraphs)


def is_code_or_data(paragraphs: list[Paragraph]) -> bool:
    """Source code or JSON: most lines look like code, or the whole text is JSON."""
    text = _full_text(paragraphs).strip()
    if text[:1] in "{[":
        try:
            json.loads(text)
            return True
        except ValueError:
            pass
    lines = [p.text for p in paragraphs if p.text.strip()]
    return bool(lines) and sum(1 for t in lines if _CODE_LINE.match(t)) * 3 >= len(lines)


def titles_in_text(text: str) -> list[str]:
    """Every distinct report title written in ``text`` (organ + year + the phrase)."""
    return list(dict.fromkeys(m.group(0) for m in _TITLE_IN_TEXT.finditer(text)))


def is_about_a_report(paragraphs: list[Paragraph], title: str | None) -> bool:
    """An explainer (一图读懂《…年度报告》) or a list of several reports, not a report itself."""
    head = " ".join(p.text for p in paragraphs[:12])[:600]
    if _EXPLAINER.search(head) or (title and _EXPLAINER.search(title)):
        return True
    years = {m.group("year") + m.group("organ")[-6:] for m in _TITLE_IN_TEXT.finditer(_full_text(paragraphs))}
    return len(years) >= 3


def inline_title(paragraphs: list[Paragraph]) -> str | None:
    """A title inside a long paragraph, when the paragraph is a report (preamble or period sentence near it)."""
    for p in paragraphs[:12]:
        if len(p.text) <= _LONG_PARAGRAPH:
            continue
        m = _TITLE_IN_TEXT.search(p.text)
        if m and (_PREAMBLE.search(p.text) or _PERIOD.search(p.text)):
            organ = regex.sub(r"^.*(?:[>＞|｜]|来源：|当前位置：|首页|打印本页|关闭窗口|字号：?)\s*", "",
                              m.group("organ"))
            return _organ_named_elsewhere(organ, p.text, m.start()) + p.text[m.start("year"): m.end()]
    return None


def _organ_named_elsewhere(organ: str, text: str, at: int) -> str:
    """The longest tail of ``organ`` that the page names again elsewhere (来源：…, 主办单位：…).

    Site chrome runs into the title on a one-line page (字号：大 中 小安平县…), so
    the characters before the organ cannot be told from it by themselves;
    the organ is what the page repeats.
    """
    rest = text[:at] + text[at + len(organ):]
    for k in range(len(organ) - 1):
        if organ[k:] in rest:
            return organ[k:]
    return organ


def _inline_heads(text: str) -> list[tuple[int, int, int]]:
    """(part, start, end of heading) of 一、…六、 headings found in order inside ``text``."""
    heads: list[tuple[int, int, int]] = []
    pos = 0
    for part, _, pattern in PARTS:
        numeral = _NUMERALS[part - 1]
        for m in regex.finditer(numeral + r"[、.．]", text, pos=pos):
            window = text[m.end(): m.end() + 24]
            hit = compiled(pattern).search(window)
            if hit and hit.start() <= 8:
                end = m.end() + hit.end()
                tail = regex.match(r"[^\s，。；：0-9]{0,12}?(?:情况|事项)", text[end:end + 14])
                end += tail.end() if tail else 0
                heads.append((part, m.start(), end))
                pos = end
                break
    return heads


def inline_sections(paragraphs: list[Paragraph]) -> list[Section]:
    """The six parts from headings written inline (one-line pages)."""
    text = _full_text(paragraphs)
    heads = _inline_heads(text)
    if len(heads) < _MIN_INLINE_PARTS:
        return []
    out = []
    for n, (part, start, end) in enumerate(heads):
        stop = heads[n + 1][1] if n + 1 < len(heads) else len(text)
        out.append(Section(part, PARTS[part - 1][1], text[start:end].strip(), text[end:stop].strip()))
    return out
