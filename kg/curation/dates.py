"""Dates as curators write them, turned into the most precise XSD literal the text allows."""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal
from rdflib.namespace import XSD

_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")


def parse_date(value) -> Literal:
    """`2015` -> gYear, `2024-08` -> gYearMonth, `2024-07-22` -> date, ISO datetime -> dateTime.

    Raises ValueError with a message a curator can act on.
    """
    text = str(value).strip()
    if _YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    m = _YEAR_MONTH.match(text)
    if m:
        if not 1 <= int(m.group(2)) <= 12:
            raise ValueError(f"month {m.group(2)} is not 01-12")
        return Literal(text, datatype=XSD.gYearMonth)
    try:
        if "T" in text:
            dt.datetime.fromisoformat(text)
            return Literal(text, datatype=XSD.dateTime)
        dt.date.fromisoformat(text)
        return Literal(text, datatype=XSD.date)
    except ValueError:
        raise ValueError(
            f"'{text}' is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+hh:mm"
        ) from None


def parse_duration(value) -> Literal:
    text = str(value).strip()
    if not _DURATION.match(text):
        raise ValueError(f"'{text}' is not an ISO 8601 duration such as P19D or PT4H")
    return Literal(text, datatype=XSD.duration)
