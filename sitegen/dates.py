"""Dates: the one place for Chinese date formatting and for reading dates that inputs state."""

from __future__ import annotations

import datetime as dt
import re

UNKNOWN_DATE = "日期不详"
_WEEKDAYS = "一二三四五六日"


def chinese_date(date: dt.date | None, weekday: bool = False) -> str:
    """``2022年11月28日`` (with ``星期一`` if asked), or 日期不详 when unknown."""
    if date is None:
        return UNKNOWN_DATE
    text = f"{date.year}年{date.month}月{date.day}日"
    return f"{text} 星期{_WEEKDAYS[date.weekday()]}" if weekday else text


def iso_date(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def page_label(page: str | None) -> str:
    """``第01版``, or 版次不详."""
    return f"第{page}版" if page else "版次不详"


_DATE_FORMS = (
    re.compile(r"(\d{4})[-/._](\d{1,2})[-/._](\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
)


def parse_date(text: str) -> dt.date | None:
    """The date a whole string states: ``2022-11-28``, ``2022/11/28``, ``20221128``, ``2022年11月28日``.

    None when the string is anything else or names no real day (``2022-02-30``).
    """
    text = text.strip()
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None
