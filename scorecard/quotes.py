"""Quotes found in their documents: verbatim, runs of whitespace counting as equal.

Where each quote stands (its Span) is what the report shows; a quote not found gets a message
saying how much of its start matched. Places found are kept in the cache by document.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Any

from scorecard.cache import Cache
from scorecard.model.project import Span, TextFile

DOCUMENT_BREAK = re.compile(r"\r\n|\r|\n")  # where a line of a document ends (CR alone: old Mac files)
_RUN = re.compile(r"\s{2,}|[^\S ]")  # whitespace that is not already a single space
_LONG_RUN = re.compile(r"\s{2,}")


class Haystack:
    """A text with every run of whitespace collapsed to one space, and the way back to the text.

    Built once per text in linear time; then a quote is one `str.find` of its words joined by
    single spaces, instead of a regular expression per quote.
    """

    def __init__(self, text: str):
        self.text = text
        self.flat = _RUN.sub(" ", text)
        self._keys: list[int] = []  # flat offsets at which the shift back to `text` grows...
        self._shifts: list[int] = []  # ...to this many characters
        shift = 0
        for m in _LONG_RUN.finditer(text):
            shift += m.end() - m.start() - 1
            self._keys.append(m.end() - shift)
            self._shifts.append(shift)
        self._line_ends: list[int] | None = None

    def original(self, flat_offset: int) -> int:
        """The offset in `text` of the character at `flat_offset` in `flat` (not inside a run)."""
        i = bisect.bisect_right(self._keys, flat_offset)
        return flat_offset + (self._shifts[i - 1] if i else 0)

    def line(self, offset: int) -> int:
        """1-based line of `offset` in `text`, lines ending at CR LF, CR or LF."""
        if self._line_ends is None:
            self._line_ends = [m.end() for m in DOCUMENT_BREAK.finditer(self.text)]
        return bisect.bisect_right(self._line_ends, offset) + 1

    def find_all(self, needle: str) -> list[Span]:
        """Every non-overlapping place of `needle`, left to right, whitespace runs counting as equal."""
        flat, out = " ".join(needle.split()), []
        j = self.flat.find(flat) if flat else -1
        while j >= 0:
            out.append(self._span(j, len(flat)))
            j = self.flat.find(flat, j + len(flat))
        return out

    def _span(self, j: int, length: int) -> Span:
        start = self.original(j)
        return Span(start, self.original(j + length - 1) + 1, self.line(start))


class Quotes:
    """Where quotes stand in each source's document.

    A document's Haystack is built when first needed; the places found are kept in the cache under
    the document's sha256, so on the next run a quote already found in the same bytes is not looked
    for again (scorecard/cache.py).
    """

    def __init__(self, documents: dict[str, TextFile], cache: Cache | None = None):
        self.documents, self.cache = documents, cache or Cache(None)
        self._hays: dict[str, Haystack] = {}
        self._found: dict[str, dict[str, list]] = {}  # document sha256 → memo
        self._changed: set[str] = set()

    def hay(self, sid: str) -> Haystack | None:
        doc = self.documents.get(sid)
        if doc is None or doc.text is None:
            return None
        if sid not in self._hays:
            self._hays[sid] = Haystack(doc.text)
        return self._hays[sid]

    def _memo(self, sid: str) -> dict[str, list] | None:
        doc = self.documents.get(sid)
        if doc is None or doc.text is None or doc.sha256 is None:
            return None
        if doc.sha256 not in self._found:
            hit = self.cache.get(f"spans {doc.sha256}")
            self._found[doc.sha256] = hit[0] if hit is not None and isinstance(hit[0], dict) else {}
        return self._found[doc.sha256]

    def first(self, sid: str, needle: str) -> Span | None:
        """The first place of `needle` in the document of source `sid` (None if not found there)."""
        memo, key = self._memo(sid), "1 " + " ".join(needle.split())
        known: Any = memo.get(key) if memo is not None else None
        if _sound(known, 1) and self._stands(sid, known, needle):
            return Span(*known[0])
        hay = self.hay(sid)
        span = find_verbatim(hay, needle) if hay is not None else None
        if span is not None and memo is not None:
            memo[key] = [[span.start, span.end, span.line]]
            self._changed.add(self.documents[sid].sha256 or "")
        return span

    def every(self, sid: str, needle: str) -> list[Span]:
        """Every place of `needle` in the document of source `sid`."""
        memo, key = self._memo(sid), "* " + " ".join(needle.split())
        known: Any = memo.get(key) if memo is not None else None
        if _sound(known, None) and self._stands(sid, known, needle):
            return [Span(*s) for s in known]
        hay = self.hay(sid)
        spans = hay.find_all(needle) if hay is not None else []
        if memo is not None and spans:
            memo[key] = [[s.start, s.end, s.line] for s in spans]
            self._changed.add(self.documents[sid].sha256 or "")
        return spans

    def _stands(self, sid: str, places: list, needle: str) -> bool:
        """Does the needle stand at each remembered place in the document's text? A remembered
        place saves the search, never the check (an entry may have been planted or damaged)."""
        doc = self.documents.get(sid)
        return (
            doc is not None
            and doc.text is not None
            and all(stands(doc.text, s[0], s[1], needle) for s in places)
        )

    def save(self) -> None:
        for sha in sorted(self._changed):
            self.cache.put(f"spans {sha}", self._found[sha])
        self._changed.clear()


def stands(text: str, start: int, end: int, needle: str) -> bool:
    """Is `needle` (runs of whitespace counting as equal) exactly what `text[start:end]` holds?"""
    return 0 <= start < end <= len(text) and " ".join(text[start:end].split()) == " ".join(needle.split())


def _sound(known: Any, count: int | None) -> bool:
    """A remembered list of [start, end, line] triples (of `count` of them, if given)."""
    return (
        isinstance(known, list)
        and bool(known)
        and (count is None or len(known) == count)
        and all(sound_place(s) for s in known)
    )


def sound_place(s: Any) -> bool:
    """One remembered place: [start, end, line], whole numbers, none negative (spelt out: it is
    asked of every item of the project on every run)."""
    if type(s) is not list or len(s) != 3:
        return False
    start, end, line = s
    return type(start) is type(end) is type(line) is int and min(start, end, line) >= 0


def _haystack(text: str | Haystack) -> Haystack:
    return text if isinstance(text, Haystack) else Haystack(text)


def find_verbatim(haystack: str | Haystack, needle: str) -> Span | None:
    """First place `needle` occurs in `haystack`, runs of whitespace counting as equal."""
    hay, flat = _haystack(haystack), " ".join(needle.split())
    j = hay.flat.find(flat) if flat else -1
    return hay._span(j, len(flat)) if j >= 0 else None


def near_miss(haystack: str | Haystack, needle: str) -> str:
    """Say how much of the start of a quote was found, to help locate the typo.

    The longest prefix (in words) found is searched for by halving: about log2(words) `str.find`
    calls over the collapsed text, each linear.
    """
    hay, words = _haystack(haystack), needle.split()
    ends = list(
        itertools.accumulate(len(w) + 1 for w in words)
    )  # end (+1) of each prefix in the joined needle
    joined = " ".join(words)
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if hay.flat.find(joined[: ends[mid - 1] - 1]) >= 0:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return ""
    return f"; the first {lo} of {len(words)} words match, then '{' '.join(words[lo : lo + 4])}' differs"
