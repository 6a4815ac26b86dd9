"""Page chrome and injected spam, recognised by content.

Structural chrome (nav bars, footers, hidden blocks) is dropped by the HTML
reader; this catches what survives as plain lines in every format: site
footers (版权所有, ICP备案号…), page furniture (浏览次数, 打印本页…), and
gambling spam injected into hacked government pages (PG电子模拟器…).
"""

from __future__ import annotations

import regex

# 开云 is a gambling brand, but 公开云溪区 (公开 + a place name) is not it.
_SPAM = regex.compile(
    r"(?i)(?:pg|ＰＧ)\s*(?:电子|模拟器|娱乐|游戏|官网)|模拟器|试玩|娱乐(?:城|官网|平台|场)|官网入口"
    r"|博彩|彩票|棋牌|百家乐|老虎机|真人(?:视讯|娱乐)|体育投注|赌场|葡京|威尼斯人|六合彩|时时彩"
    r"|(?:下载|注册)\s*APP|APP\s*下载|登录入口|网页版登录|手机版最新|(?<!公)开云|体育(?:APP|官网|平台|投注)"
    r"|casino|\bslots?\b"
)
# Lines that are site furniture when they are short.
_CHROME = regex.compile(
    r"(?i)版权所有|copyright|©|ICP备|备案号|网站地图|网站标识码|公网安备|技术支持[:：]|主办单位[:：]"
    r"|承办单位[:：]|联系我们|当前位置|您现在的位置|您当前的位置|浏览次数|访问量|打印本页|关闭窗口"
    r"|分享到|【\s*字体|字号[:：]\s*[大中小]|扫一扫|^首页\s*[>＞»]"
)
_CHROME_MAX_CHARS = 120


# A page number as footers write it: "— 4 —", "- 4 -", "第 4 页", "第4页，共12页",
# "4 / 12", "4", "Page 4 of 12". At most four digits, so a year on its own is not one.
_PAGE_NUMBER = regex.compile(
    r"(?i)^[\s\-—–－_·•]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?"
    r"(?:\s*(?:[/／,，]\s*(?:共\s*)?|共\s*)[0-9０-９]{1,4}\s*页?)?[\s\-—–－_·•]*$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
)


def is_page_number(line: str) -> bool:
    """True for a page-number line (a footer left inside the text of any format)."""
    return bool(_PAGE_NUMBER.match(line.strip()))


def is_spam(line: str) -> bool:
    return bool(_SPAM.search(line))


def is_chrome(line: str) -> bool:
    return len(line) <= _CHROME_MAX_CHARS and bool(_CHROME.search(line))


def is_boilerplate(line: str) -> bool:
    """True for spam of any length and for short lines of page furniture."""
    return is_spam(line) or is_chrome(line)
