"""Dates as the sources give them: a day, a month or a year, and deadline arithmetic."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Strict, WithJsonSchema

Precision = Literal["day", "month", "year"]
_FUZZY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.lru_cache(maxsize=4096)
def parse_fuzzy(text: str) -> tuple[date, date, Precision]:
    """First day, last day and precision of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

    Cached: thousands of items share a few hundred dates, and the scorer asks again for each."""
    m = _FUZZY.match(text)
    if not m:
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2], m[3]
    if month is None:
        return date(year, 1, 1), date(year, 12, 31), "year"
    mon = int(month)
    if not 1 <= mon <= 12:
        raise ValueError(f"month {month} does not exist")
    last = calendar.monthrange(year, mon)[1]
    if day is None:
        return date(year, mon, 1), date(year, mon, last), "month"
    d = int(day)
    if not 1 <= d <= last:
        raise ValueError(f"{text} does not exist (that month has {last} days)")
    one = date(year, mon, d)
    return one, one, "day"


def _year_as_text(value: object) -> object:
    """An unquoted year (`2018`) is a YAML integer: take it as the year it plainly is."""
    return (
        str(value)
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999
        else value
    )


def _check(text: str) -> str:
    parse_fuzzy(text)
    return text


# In the JSON Schema (for editors, which read YAML 1.2): a string of that form, or a bare year.
_FUZZY_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ]
}
FuzzyDate = Annotated[
    str, BeforeValidator(_year_as_text), Strict(), AfterValidator(_check), WithJsonSchema(_FUZZY_SCHEMA)
]


def add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).

    Raises ValueError (saying so) if that is past 9999-12-31, the last day Python's dates hold.
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if not 1 <= year <= 9999:
        raise ValueError(f"{start} plus {months} month(s) is past the year 9999")
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def compute_deadline(start: date, days: int | None, months: int | None) -> date:
    """`start` plus whole months, then days; the rule the agreement's deadlines are read with.

    Raises ValueError (saying so) if the result is past 9999-12-31.
    """
    out = add_months(start, months or 0)
    try:
        return out + timedelta(days=days or 0)
    except OverflowError:
        raise ValueError(f"{out} plus {days} day(s) is past the year 9999") from None
