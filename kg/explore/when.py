"""Dates as a filter: keep what happened within a range (a stance of 2015 and one of 2024 are not
the same moment). Dates are ISO text of any precision (2024, 2024-07, 2024-07-22); a year
covers its whole year, so "2024" lies within 2024-03..2024-05."""

from __future__ import annotations

import re

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check(text: str) -> str:
    """A bound as typed ("" for none); ValueError names what is wrong with it."""
    text = (text or "").strip()
    if text and not DATE.match(text):
        raise ValueError(f"{text!r} is not a date such as 2024, 2024-07 or 2024-07-22")
    return text


def _low(date: str) -> str:
    return date + "-01-01"[len(date) - 4:] if len(date) < 10 else date[:10]


def _high(date: str) -> str:
    return date + "-12-31"[len(date) - 4:] if len(date) < 10 else date[:10]


def within(date: str | None, since: str = "", until: str = "") -> bool:
    """Whether an item dated `date` may lie in [since, until]; with no bound, everything does, and
    with a bound an undated item does not (it cannot be placed)."""
    if not since and not until:
        return True
    date = (date or "")[:10]
    if not DATE.match(date):
        return False
    return (not since or _high(date) >= _low(since)) and (not until or _low(date) <= _high(until))
