"""The masthead (报头) and page header: what a page says about itself.

Front pages open with a block such as::

    朔州日报
    中共朔州市委机关报
    2022年11月28日 星期一 朔州日报社出版 第8607期 今日四版
    农历壬寅年十一月初五 国内统一连续出版物号:CN14—0031

and inner pages with a running header (青岛日报 聚焦), an editors line
(主编 赵波 美编 李飞 …) and app names (客户端：观海新闻).  Only lines at the top
of the page are read as masthead; editors lines and column logos are recognised
anywhere as furniture.  Nothing is guessed: a field the page does not print
stays None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitegen.model import Masthead
from sitegen.parsing.lines import SourceLine, page_number

_PAPER = r"[\u4e00-\u9fff]{1,8}?(?:日报|晚报|早报|时报|商报|报)"
_PAPER_LINE = re.compile(rf"^(?P<paper>{_PAPER})$")
_HEADER_LINE = re.compile(rf"^(?P<paper>{_PAPER})[ \u3000]+(?P<name>[\u4e00-\u9fff]{{2,6}})$")
_PUBLISHER = re.compile(r"^[\u4e00-\u9fff]{2,24}机关报$")
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_ISSUE = re.compile(r"第\s*(?P<n>\d{1,6})\s*期")
_PAGE = re.compile(r"第\s*(?P<p>[0-9一二三四五六七八九十]{1,3})\s*版")
_DATED_LINE = re.compile(r"星期[一二三四五六日天]|出版|今日[0-9一二三四五六七八九十]+版|第\s*\d+\s*期|第\s*[0-9一二三四五六七八九十]{1,3}\s*版")
_OTHER_MASTHEAD = re.compile(r"^(?:农历|国内统一连续出版物号|CN\s*\d|邮发代号|代号|[A-Z][A-Z ]{4,}$)|出版物号|www\.|网址")
_EDITORS = re.compile(r"(?:主编|美编|审读|排版|责编|责任编辑|编辑|校对|版式|设计|照排|组版)[：:\s]")
_APPS = re.compile(r"^(?:客户端|微信|微博|公众号|抖音|网址)[：:]|^[^。]{0,12}(?:投稿)?邮箱[：:]\s*\S+@\S+$")
_PAGE_LABEL = re.compile(rf"^{_PAPER}(?:头条|要闻|专版|特刊)$")
#: A page's own line under the masthead: its number and perhaps its name (第06版 副刊, 第2版：要闻, 第三版).
_PAGE_LINE = re.compile(r"^第\s*(?P<p>[0-9一二三四五六七八九十]{1,3})\s*版(?:[：:\s\u3000]*(?P<name>[\u4e00-\u9fff]{2,8}))?$")
_LOGO = re.compile(r"^[a-z][a-z ]{3,}$")


@dataclass(frozen=True)
class MastheadReading:
    """The masthead read from the top of a page, and the role of each line it used."""

    masthead: Masthead
    """What the page states about itself."""
    roles: dict[int, tuple[str, str]]
    """Line number -> (role, note) for masthead and furniture lines."""


def furniture_note(text: str) -> str | None:
    """Why a line is page furniture wherever it stands (editors line, app names, logo), or None."""
    if text.strip("·• ") in ("广告", "公益广告"):
        return "advertisement slot"
    if len(text) <= 60 and len(_EDITORS.findall(text + " ")) >= 2:
        return "editors line"
    if _APPS.match(text):
        return "app names"
    if _LOGO.match(text):
        return "column logo"
    if _PAGE_LABEL.match(text):
        return "page label"
    if _CONTACT.match(text):
        return "contact address"
    return None


#: A column's mailbox or phone printed on a line of its own: yxxz8494@163.com, 电子信箱：rmrbgj@people.cn.
_CONTACT = re.compile(r"^(?:(?:电子信箱|电子邮箱|投稿邮箱|栏目投稿邮箱|邮箱|E-mail|Email)[：:]\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")


def _date_of(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def read_masthead(lines: list[SourceLine], *, window: int = 10) -> MastheadReading:
    """Read the masthead or page header from the first lines of a page.

    Reading stops at the first line that is neither masthead nor furniture, so a
    date quoted in the first story is never taken for the page's date.
    """
    fields: dict[str, object] = {}
    roles: dict[int, tuple[str, str]] = {}
    for line in lines[:window]:
        text = line.text
        if line.level:
            break
        note = furniture_note(text)
        if note:
            roles[line.number] = ("furniture", note)
            continue
        paper = _PAPER_LINE.match(text)
        header = _HEADER_LINE.match(text)
        if paper and len(text) <= 8 and "newspaper" not in fields:
            fields["newspaper"] = paper["paper"]
            roles[line.number] = ("masthead", "paper name")
        elif header and "newspaper" not in fields:
            fields["newspaper"] = header["paper"]
            fields["page_name"] = header["name"]
            roles[line.number] = ("masthead", "page header: paper and page name")
        elif _PUBLISHER.match(text):
            fields["publisher"] = text
            roles[line.number] = ("masthead", "publisher line")
        elif (page_line := _PAGE_LINE.match(text)) and page_number(page_line["p"]) and "page" not in fields:
            fields["page"] = page_number(page_line["p"])
            if page_line["name"]:
                fields["page_name"] = page_line["name"]
            roles[line.number] = ("masthead", "page line: its number and name")
        elif _DATED_LINE.search(text) and _DATE.search(text) and len(text) <= 80:
            leading_paper = re.match(rf"^({_PAPER})[ \u3000]", text)
            if leading_paper and "newspaper" not in fields:
                fields["newspaper"] = leading_paper.group(1)
            fields["date"] = _date_of(text)
            issue = _ISSUE.search(text)
            if issue:
                fields["issue_number"] = f"第{issue['n']}期"
            page = _PAGE.search(text)
            if page and page_number(page["p"]):
                fields["page"] = page_number(page["p"])
            roles[line.number] = ("masthead", "date line")
        elif _OTHER_MASTHEAD.search(text) and len(text) <= 80:
            roles[line.number] = ("masthead", "masthead")
        else:
            break
    if fields.get("date") is None:
        fields.pop("date", None)
    return MastheadReading(Masthead(**fields), roles)
