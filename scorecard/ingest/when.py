"""Dates a passage states without a year ("on Aug. 16", "in March", "on Monday", "last month"), read
against the document's publication date, as a reader of a news story reads them.

Pure: no I/O. A day or a month is the latest one not after publication ("in March" in a story of
June 2021 is March 2021; in a story of February 2021, March 2020); a weekday is the latest such day
on or before it. A date that sets a deadline ("by September 11") or names one ("the May 1
deadline", "the September 11 attacks"), and a dateline's, dates nothing the passage reports.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from scorecard.ingest.passages import MONTH, month_number

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NO_YEAR = r"(?![\w.]|,? \d)"  # not "March 2021", not "March 10, 2021" (a date with its year)
_FORMS = [
    (re.compile(rf"\b{MONTH} (\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d{{4}})"), ("M", "d")),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? {MONTH}(?!,? \d{{4}})\b"), ("d", "M")),
    (
        re.compile(
            rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]his|[Ll]ast|[Ee]nd of) {MONTH}{_NO_YEAR}"
        ),
        ("M",),
    ),
    (
        re.compile(
            r"\b(?:[Oo]n|[Ll]ast|[Tt]his) (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
        ("w",),
    ),
    (re.compile(r"\b(yesterday|today|last month|this month|earlier this month)\b", re.I), ("r",)),
]
# what a date does not date: a deadline set ("by September 11") or named ("the May 1 deadline"), and
# a dateline's ("KABUL, Jan 5 (Reuters) -"), which is the story's
_SETS = re.compile(r"\b(by|before|until|till|after|from|of)\s+(the\s+)?$", re.I)
# a date before these names an event ("the September 11 attacks"); details.py reads them too
EVENTS = r"(?:attacks?|bombings?|hijackings?)"
_NAMES = re.compile(rf"\s*(?:(?:deadline|date|anniversary|target|{EVENTS})\b|\(|[-–—]\s)", re.I)


def undated(text: str, published: date, start: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, value) of each date the text states without a year, resolved against
    `published`: `YYYY-MM-DD` or `YYYY-MM`, in order of appearance."""
    found: list[tuple[int, int, str]] = []
    for pattern, parts in _FORMS:
        for m in pattern.finditer(text, start):
            if any(a <= m.start() < b for a, b, _ in found):
                continue
            if _SETS.search(text, max(0, m.start() - 12), m.start()) or _NAMES.match(text, m.end()):
                continue
            value = _resolve(dict(zip(parts, m.groups(), strict=True)), published)
            if value:
                found.append((m.start(), m.end(), value))
    return sorted(found)


def _resolve(got: dict[str, str], published: date) -> str | None:
    if "w" in got:
        back = (published.weekday() - _WEEKDAYS.index(got["w"].lower())) % 7
        return (published - timedelta(days=back)).isoformat()
    if "r" in got:
        word = got["r"].lower()
        if word == "today":
            return published.isoformat()
        if word == "yesterday":
            return (published - timedelta(days=1)).isoformat()
        first = published.replace(day=1)
        return (
            (first - timedelta(days=1)).strftime("%Y-%m") if word == "last month" else first.strftime("%Y-%m")
        )
    month = month_number(got["M"])
    day = int(got.get("d", 0))
    year = published.year - ((month, day or 1) > (published.month, published.day))
    if day:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None  # "February 30"
    return f"{year:04d}-{month:02d}"
