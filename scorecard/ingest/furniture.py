"""What is not the article: running headers and footers, captions, photo credits, bylines, mastheads,
"Related" and "Read more" boxes, copyright lines. They are taken out of the extracted text, so they
never become, or start, a candidate.

Pure: no I/O. Why out of the text and not only skipped: a caption glued to the next paragraph would
start a candidate; the original file is kept unchanged beside the text, so nothing is lost.
"""

from __future__ import annotations

import re
from collections import Counter

from scorecard.ingest.passages import paragraphs

EDGE_LINES = 4  # a running header or footer is among the first or last lines of a page
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_CREDIT = re.compile(
    r"\b(?:(?:File )?Photo(?:graph)?s?(?: by|:)|Picture(?: by|:)|Image(?: by|:)|Credit:|Illustration by)|"
    r"/\s?(?:EPA(?:-EFE)?|AFP|AP|Reuters|Getty Images|Anadolu|Xinhua|Shutterstock)\b|"
    r"\((?:EPA(?:-EFE)?|AFP|AP|Reuters|Getty Images)\b[^)]*\)\s*$|"
    r"\b(?:AFP|Reuters|AP|EPA-EFE) via Getty Images\b|"
    r"\b(?:REUTERS|Reuters|AFP|EPA(?:-EFE)?|Xinhua|Anadolu)/[A-Z]",
    re.I,
)
_BOX = re.compile(
    r"^(?:(?:Related(?: articles?| stories| coverage| content| reading)?|Read (?:more|also|next)|See also|"
    r"Also read|More on this(?: story)?|Recommended(?: for you)?|Most read|Most popular|Trending|Advertisement|"
    r"Share this(?: article)?|Follow us)\s*(?::|\||$)|(?:Sign up|Subscribe)\b)",
    re.I,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|Copyright\b)|\bAll rights reserved\b", re.I)
_BYLINE = re.compile(
    r"^(?:By|Written by|Reporting by|Words by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:(?:,\s*|\s+and\s+)[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*"
    r"(?:\s*(?:,|\||-|–|—)\s*[\w .'’-]{0,40})?\.?$"
)
_DATELINE = re.compile(r"^(?:Published|Updated|Posted|Last updated|First published)\b.{0,60}$", re.I)
_PAGE_NO = re.compile(r"^(?:Page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_NAV = re.compile(r"^[^.!?|]{1,40}(?:\s\|\s[^.!?|]{1,40}){2,}$")  # "World | Asia | Opinion"


def ligatures(text: str) -> str:
    """Typesetters' ligatures (ﬁ, ﬂ) as the letters they stand for, so quotes can be typed."""
    return text.translate(_LIGATURES)


def _shape(line: str) -> str:
    """A line with its numbers as `#`: page 1 and page 2 of one footer are the same line."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _edges(lines: list[str]) -> list[tuple[tuple[str, int, str], int]]:
    """The first and last lines of a page, each keyed by its shape and its place from the top or bottom."""
    n = len(lines)
    out = [((_shape(lines[i]), i, "top"), i) for i in range(min(EDGE_LINES, n))]
    out += [((_shape(lines[n - 1 - j]), j, "bottom"), n - 1 - j) for j in range(min(EDGE_LINES, n))]
    return out


def running_lines(pages: list[list[str]]) -> set[tuple[str, int, str]]:
    """The lines repeated in the same place at the top or bottom of at least two pages and half of them."""
    if len(pages) < 2:
        return set()
    seen: Counter[tuple[str, int, str]] = Counter()
    for lines in pages:
        seen.update({key for key, _ in _edges(lines)})
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, n in seen.items() if n >= need and len(key[0]) > 1}


def strip_pages(pages: list[str]) -> list[str]:
    """Each page without its running headers and footers, then without furniture paragraphs."""
    split = [[ln for ln in page.splitlines() if ln.strip()] for page in pages]
    running = running_lines(split)
    out = []
    for lines in split:
        drop = {i for key, i in _edges(lines) if key in running}
        out.append(strip_text("\n".join(ln for i, ln in enumerate(lines) if i not in drop)))
    return out


def is_furniture(block: str) -> bool:
    """Whether a paragraph (or a line) is a caption, credit, byline, masthead, box, copyright or page number."""
    words = " ".join(block.split())
    if not words or len(words) >= 400:
        return False  # an article's paragraph: every test below is for shorter ones
    if _CREDIT.search(words):
        return True
    if len(words) < 200 and (_BOX.match(words) or _COPYRIGHT.search(words)):
        return True
    if len(words) < 120 and (_BYLINE.match(words) or _DATELINE.match(words) or _NAV.match(words)):
        return True
    if _PAGE_NO.match(words):
        return True
    if len(words) > 80 or "." in words or len(words.split()) > 6:
        return False  # a masthead in capitals is a few short words
    letters = [c for c in words if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def strip_text(text: str) -> str:
    """The text without furniture: whole paragraphs, and furniture lines that open or close a paragraph
    (a heading glued to a masthead or a byline when lines are joined)."""
    lines = text.split("\n")
    keep = [True] * len(lines)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    for s, e in paragraphs(text):
        first, last = _line_no(starts, s), _line_no(starts, e - 1 if e > s else s)
        if is_furniture(text[s:e]):
            keep[first : last + 1] = [False] * (last + 1 - first)
            continue
        while first < last and is_furniture(lines[first]):
            keep[first], first = False, first + 1
        while last > first and is_furniture(lines[last]):
            keep[last], last = False, last - 1
    return "\n".join(ln for ln, k in zip(lines, keep, strict=True) if k)


def _line_no(starts: list[int], pos: int) -> int:
    import bisect

    return bisect.bisect_right(starts, pos) - 1
