"""How dates are shown: the one place for Chinese date formatting."""

from __future__ import annotations

import datetime as dt

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
