"""Text → sentences with character offsets, grouped by paragraph; the dates a passage states.

Pure: no I/O. Why rules and not a trained segmenter: no model may be downloaded, and news prose
breaks well on `. ! ?` once abbreviations (`U.S.`, `No. 2`, `Gen.`) and initials are kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "sen",
    "rep",
    "gov",
    "st",
    "jr",
    "sr",
    "no",
    "nos",
    "vol",
    "pp",
    "fig",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "dept",
    "approx",
    "est",
    "e.g",
    "i.e",
    "al",
    "u.s",
    "u.n",
    "u.k",
    "a.m",
    "p.m",
}
# A sentence ends at a stop before a space; or glued to the next one, as text pulled from web pages
# often is ("…in the country.Biden has pledged…", "…against the U.S..The two groups…"): a stop after a
# small letter or a quotation's close, or a second stop, right before a capitalised word.
_END = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)"
    r"|(?<=[a-z0-9\"'\u201d\u2019)])[.!?]+(?=[A-Z][a-z])|(?<=\.)\.(?=[A-Z][a-z])"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the `.` at `dot` ends an abbreviation or an initial, not a sentence."""
    m = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12) : dot])
    word = (m.group(1) if m else "").lower().strip(".")
    if word in _ABBREV or (len(word) == 1 and word.isalpha()):
        return True
    nxt = re.match(r"\s*(\S)", text[dot + 1 : dot + 6])
    return bool(nxt and nxt.group(1).islower())  # "the U.S. military" and the like


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end): one per line in text written a paragraph to a line (web text), and
    runs of wrapped lines in text wrapped at a width (PDF), broken at short lines and page breaks.

    Why: a heading or caption has no full stop; it must not glue itself to the next sentence.
    """
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    lengths = sorted(e - s for s, e in lines if text[s:e].strip())
    median = lengths[len(lengths) // 2] if lengths else 0
    wrapped = len(lengths) > 5 and median < 120
    out: list[tuple[int, int]] = []
    for s, e in lines:
        body = text[s:e].strip()
        if not body or body == "\f":
            continue
        prev = text[out[-1][0] : out[-1][1]] if out else ""
        last_line = prev[prev.rfind("\n") + 1 :]
        joins = (
            wrapped
            and out
            and text[out[-1][1] : s].count("\n") == 1
            and "\f" not in text[out[-1][1] : s]
            and len(last_line) >= 0.6 * median
            and not (last_line.rstrip()[-1:] in ".!?:" and len(last_line) < 0.85 * median)
        )
        if joins:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def sentences(text: str) -> list[Sentence]:
    """Every sentence, trimmed of surrounding whitespace, with its paragraph number."""
    out: list[Sentence] = []
    for para, (ps, pe) in enumerate(paragraphs(text)):
        start = ps
        for m in _END.finditer(text, ps, pe):
            if m.group() == "." and text[m.start() - 1] != "." and _is_abbreviation(text, m.start()):
                continue
            _add(out, text, start, m.end(), para)
            start = m.end()
        _add(out, text, start, pe, para)
    return out


LONGEST_SENTENCE = 1000  # characters; a longer run without a sentence end is cut at spaces


def _add(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    """Add the sentence text[start:end], trimmed; a run longer than LONGEST_SENTENCE (a text with no
    full stops, a table flattened to one line) is cut at the last space before each limit.

    Why: no candidate is longer than a few hundred characters, and one sentence of a whole 30 MB
    line would be split into millions of words at once: time and memory must stay linear."""
    while end - start > LONGEST_SENTENCE:
        cut = text.rfind(" ", start + 1, start + LONGEST_SENTENCE)
        if cut <= start:
            cut = start + LONGEST_SENTENCE
        _add_one(out, text, start, cut, para)
        start = cut
    _add_one(out, text, start, end, para)


def _add_one(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    if end - trail > start + lead:
        out.append(Sentence(start + lead, end - trail, para))


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH = (  # a month's name, whole or shortened (also read by when.py)
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATES = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(rf"\b(\d{{1,2}}) {MONTH},? (\d{{4}})\b"), ("d", "M", "y")),
    (re.compile(rf"\b{MONTH} (\d{{1,2}}),? (\d{{4}})\b"), ("M", "d", "y")),
    (
        re.compile(rf"\b(?:in |since |until |by |of |from |early |late |mid-)?{MONTH},? (\d{{4}})\b"),
        ("M", "y"),
    ),
    (
        re.compile(
            r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]hroughout|course of) (\d{4})\b"
        ),
        ("y",),
    ),
]


def month_number(name: str) -> int:
    return next(i + 1 for i, m in enumerate(_MONTHS) if m.startswith(name.lower().rstrip(".")[:3]))


def find_dates(text: str, start: int = 0) -> list[str]:
    """Dates the text states, in order of appearance: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.

    `start`: where to begin looking (the characters before it still decide where words begin).
    No date starts more than 40 characters before its year.
    """
    return [v for _, _, v in date_spans(text, start)]


def date_spans(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """`find_dates` with where each date stands: (start, end, value), in order."""
    found: list[tuple[int, int, str]] = []
    for pattern, parts in _DATES:
        for m in pattern.finditer(text, start):
            if any(a <= m.start() < b for a, b, _ in found):
                continue
            got = dict(zip(parts, m.groups(), strict=True))
            year = int(got["y"])
            if not 1900 <= year <= 2999:
                continue
            month = month_number(got["M"]) if "M" in got else int(got.get("m", 0))
            day = int(got.get("d", 0))
            if not (0 <= month <= 12 and 0 <= day <= 31):
                continue
            value = (
                f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
            )
            found.append((m.start(), m.end(), value))
    return sorted(found)
