"""Cues and lexicon as data: the rules folder's phrases and the shipped stance lexicon, compiled.

Cue syntax (documented in the README): words separated by spaces, which match any run of spaces
or hyphens; `*` stands for any letters (`withdr*`); `(a|b)` for either word; a cue holding a word
in capitals of two letters or more (`AQIS`, `UN`) matches with case, any other without.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorecard.model.lexicon import Lexicon

LEXICON = Path(__file__).with_name("lexicon.yaml")
CATEGORIES = (
    "breach",
    "compliance",
    "breach_explicit",
    "compliance_explicit",
    "denial",
    "conditional",
    "deal",
    "ambiguity",
    "hedging",
    "negation",
    "negation_wide",
    "uncertain",
    "accusation",
    "misstated",
    "earlier",
)


_NUMBER = r"\d[\d,.]*"  # `#`: any number ("released # prisoners" finds "released 300 prisoners")
_QUOTES = str.maketrans({"'": "['’]", "’": "['’]"})
_OPENING = str.maketrans({'"': " ", "“": " ", "”": " ", "‘": " "})  # one character for one


def _word(token: str) -> str:
    if token == "#":
        return _NUMBER
    if token.startswith("(") and token.endswith(")"):
        return "(?:" + "|".join(_word(t) for t in token[1:-1].split("|")) + ")"
    parts = [re.escape(p).replace(r"\-", r"[\s\-]?").translate(_QUOTES) for p in token.split("*")]
    return r"[\w'’]*".join(parts)


@cache
def compile_cue(cue: str, whole: bool = True) -> re.Pattern[str]:
    """A cue → a regular expression matching it as whole words (`whole=False`: its start may be
    inside a word, as the rest of a cue that starts with `*` is)."""
    tokens = re.findall(r"\([^)]*\)|\S+", cue.strip())
    body = r"[\s\-]+".join(_word(t) for t in tokens)
    # Why the look-behind for a cue starting with `*` too: the leftmost match starts where a word
    # does all the same, and the engine then stops at once at every other position (3x faster).
    head = r"(?<!\w)(?<!\w['’])" if whole and re.match(r"[\w(*]", cue.strip()) else ""
    tail = r"(?![\w])" if not cue.strip().endswith("*") else ""
    cased = any(re.fullmatch(r"[A-Z][A-Z0-9-]+", t) for t in tokens)
    return re.compile(head + body + tail, 0 if cased else re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """What a cue points to: an obligation, and an indicator on one side where the cue is an indicator's."""

    obligation: str
    indicator: str | None = None
    side: str | None = None  # "compliance" or "breach" for an indicator's cue


@dataclass
class CueBook:
    """Every compiled cue of a rules folder, with the lexicon and the aliases."""

    cues: list[tuple[str, Target]] = field(default_factory=list)
    lexicon: dict[str, list[str]] = field(default_factory=dict)
    parties: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    agreement: list[re.Pattern[str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # the parties' and the agreement's names and aliases
    _matcher: Matcher | None = None
    _weights: list[float] | None = None
    _table: list[tuple[str, str, float, tuple[str, str] | None]] | None = None
    _labels: list[str | None] = field(default_factory=list)  # per phrase: None (a cue) or its list

    def weight(self, n: int) -> float:
        """A cue's weight: 1 / (obligations sharing it) ** 0.7, so "al-Qaeda" tells less than "passport"."""
        if self._weights is None:
            sharing: dict[str, set] = defaultdict(set)
            for cue, target in self.cues:
                sharing[cue.lower()].add(target.obligation)
            self._weights = [1 / len(sharing[cue.lower()]) ** 0.7 for cue, _ in self.cues]
        return self._weights[n]

    def table(self) -> list[tuple[str, str, float, tuple[str, str] | None]]:
        """Per cue: its obligation, its words in lower case, its weight, and (indicator, side) or None."""
        if self._table is None:
            self._table = [
                (
                    t.obligation,
                    cue.lower(),
                    self.weight(n),
                    (t.indicator, t.side or "") if t.indicator else None,
                )
                for n, (cue, t) in enumerate(self.cues)
            ]
        return self._table

    def matcher(self) -> Matcher:
        """One Matcher for the cues, the lexicon and the names, compiled once per run."""
        if self._matcher is None:
            phrases = [c for c, _ in self.cues]
            self._labels = [None] * len(phrases)
            for category, words in [*self.lexicon.items(), ("named", self.names)]:
                phrases += words
                self._labels += [category] * len(words)
            self._matcher = Matcher(phrases)
        return self._matcher

    def hits(self, text: str, starts: list[int]) -> tuple[dict[int, list], dict[str, dict[int, list]]]:
        """Cue hits by sentence, and lexicon hits by list and sentence, from one pass over the text.

        `starts` are the sentences' offsets; each hit is (cue or phrase number, offset).
        """
        # Why quotation marks read as spaces: a phrase may run into a quotation (remains "strong and
        # symbiotic"); a wider class between a pattern's words made compiling them twice as slow
        found = self.matcher().find(text.translate(_OPENING))
        labels = self._labels
        cues: dict[int, list] = defaultdict(list)
        lex: dict[str, dict[int, list]] = {k: defaultdict(list) for k in [*self.lexicon, "named"]}
        where = bisect.bisect_right
        for n, pos in found:
            label = labels[n]
            (cues if label is None else lex[label])[where(starts, pos) - 1].append((n, pos))
        return cues, lex


def load_lexicon(extra: Lexicon | None = None) -> dict[str, list[str]]:
    """The shipped lexicon, extended by an agreement's own lists (`model.Lexicon`, from
    RULES/lexicon.yaml, loaded and checked with the rest of the rules)."""
    import yaml

    lexicon = {k: list(v) for k, v in (yaml.safe_load(LEXICON.read_text("utf-8")) or {}).items()}
    for key in CATEGORIES:
        lexicon.setdefault(key, []).extend(getattr(extra, key, None) or ())
    return lexicon


def build_cuebook(project) -> CueBook:
    """Compile the cues of every obligation and indicator, the lexicon and the aliases."""
    book = CueBook()
    for o in project.obligations.values():
        for cue in o.cues:
            book.cues.append((cue, Target(o.id)))
        for side in ("compliance", "breach"):
            for ind in getattr(o.indicators, side):
                for cue in ind.cues:
                    book.cues.append((cue, Target(o.id, ind.id, side)))
    book.lexicon = {k: [str(p) for p in v] for k, v in load_lexicon(project.lexicon).items()}
    a = project.agreement
    if a is not None:
        book.agreement = [compile_cue(x) for x in a.aliases]
        book.names = [*a.aliases, *(x for p in a.parties for x in (p.short, *p.aliases))]
        for p in a.parties:
            book.parties[p.id] = [compile_cue(x) for x in (p.short, *p.aliases)]
    return book


_WORDS = re.compile(r"\w+")


class Matcher:
    """Find every cue in a text at once, trying each cue only where its first word occurs.

    Why: running hundreds of regular expressions over a long text costs seconds per megabyte; an
    index of the text's words (by their lower-case form) meets a table of the cues' first words (and
    first-word prefixes, for `withdr*`), built once, so each cue is tried only where it can start.
    """

    def __init__(self, cues: list[str]):
        self.size = len(cues)
        self.patterns: list[re.Pattern[str]] = []  # each distinct pattern once ("al-Qaeda" is many cues)
        self.numbers: list[list[int]] = []  # the cue numbers of each pattern
        self.exact: dict[str, list[int]] = defaultdict(list)  # first word → pattern numbers
        self.prefixes: dict[str, list[int]] = defaultdict(list)  # first word's prefix (`withdr*`) → patterns
        self.anywhere: list[int] = []  # patterns that start with no word: tried everywhere
        self.ends: dict[int, re.Pattern[str]] = {}  # `*n't` → what follows its `*`, found first
        self.required: list[frozenset[str]] = []  # words after the first a match must contain
        seen: dict[tuple, int] = {}
        for n, cue in enumerate(cues):
            pattern, heads = compile_cue(cue), _heads(cue)
            key = (pattern.pattern, pattern.flags, tuple(heads or ()))
            k = seen.get(key)
            if k is None:
                k = seen[key] = len(self.patterns)
                self.patterns.append(pattern)
                self.numbers.append([])
                self.required.append(_required(cue))
                if heads is None:
                    self.anywhere.append(k)
                    if re.match(r"\*[^\s*(]", cue.strip()):
                        self.ends[k] = compile_cue(cue.strip()[1:], whole=False)
                for head, prefix in heads or ():
                    (self.prefixes if prefix else self.exact)[head].append(k)
            self.numbers[k].append(n)

    def find(self, text: str) -> list[tuple[int, int]]:
        """(cue number, offset) of every match, by cue number, then offset."""
        index = _word_index(text)
        patterns = self.patterns
        found: list[tuple[int, int]] = []
        for k in self.anywhere:
            if k in self.ends:
                found.extend((k, pos) for pos in _word_starts(text, self.ends[k], patterns[k]))
            else:
                found.extend((k, m.start()) for m in patterns[k].finditer(text))
        starts: list[tuple[list[int], array]] = [
            (self.exact[w], index[w]) for w in index.keys() & self.exact.keys()
        ]
        if self.prefixes:
            vocab = sorted(index)
            starts += [(ks, index[w]) for head, ks in self.prefixes.items() for w in _prefixed(vocab, head)]
        words, required = index.keys(), self.required
        for ks, positions in starts:
            for k in ks:
                if not required[k] <= words:
                    continue  # a word the cue needs is nowhere in the text
                match = patterns[k].match
                found.extend((k, pos) for pos in positions if match(text, pos))
        numbers = self.numbers
        # a set: a word two of a cue's first words start ("handed" for `(handed|hand*)`) is tried twice
        out = sorted({(n, pos) for k, pos in found for n in numbers[k]})
        return out


def _word_starts(text: str, end: re.Pattern[str], pattern: re.Pattern[str]) -> list[int]:
    """Where `pattern` (a cue starting with `*`) matches, found from where its `end` does.

    Why: the engine tries a pattern that starts with `[\\w'’]*` at every word of the text; the
    rest of the cue (`n't`) is a literal it finds at once. Each match starts where the word holding
    such an end starts, so the same places as `finditer` are found.
    """
    out: list[int] = []
    for m in end.finditer(text):
        start = m.start()
        while start > 0 and _WORDISH.match(text, start - 1):
            start -= 1
        if (not out or out[-1] != start) and pattern.match(text, start):
            out.append(start)
    return out


_WORDISH = re.compile(r"[\w'’]")


def _word_index(text: str) -> dict[str, array]:
    """Where each word of the text starts, by its lower-case form.

    Why arrays: a long document has millions of words, and an offset in a list is a 36-byte
    object where an array holds it in 8 bytes; memory stays within a few times the text."""
    index: dict[str, array] = defaultdict(lambda: array("q"))
    start = 0
    while start < len(text):  # a megabyte at a time, cut at a space: no copy of a whole long text
        end = len(text) if len(text) - start <= _CHUNK else text.rfind(" ", start + 1, start + _CHUNK) + 1
        if end <= start:
            end = min(len(text), start + _CHUNK)
            while end < len(text) and _WORDISH.match(text, end):  # never inside a word
                end += 1
        piece = text[start:end]
        low = piece.lower()
        if len(low) == len(piece):  # Why: lower() can lengthen a few letters (İ), which would shift offsets
            for m in _WORDS.finditer(low):
                index[m.group()].append(start + m.start())
        else:
            for m in _WORDS.finditer(piece):
                index[m.group().lower()].append(start + m.start())
        start = end
    return index


_CHUNK = 1 << 20


def _heads(cue: str) -> list[tuple[str, bool]] | None:
    """The lower-case first word(s) a match must start with, and whether each is only a prefix.

    A hyphen inside a cue's word may also be absent (`al-Qaeda` matches `alQaeda`), so such a word
    starts a match in each of its joined forms (`al`, `alqaeda`).
    """
    first = re.findall(r"\([^)]*\)|\S+", cue.strip())[0]
    options = first[1:-1].split("|") if first.startswith("(") else [first]
    out = []
    for option in options:
        m = re.match(r"\w+(?:-\w+)*", option)
        if not m:
            return None
        parts = m.group().lower().split("-")
        rest = option[m.end() :]
        for n in range(1, len(parts) + 1):
            out.append(("".join(parts[:n]), n == len(parts) and rest.startswith("*")))
    return out


def _required(cue: str) -> frozenset[str]:
    """The plain words (no `*`, hyphen, alternation or dot) after a cue's first: every match holds
    each as a word of its own, so a text without one cannot match.

    Why: hundreds of cues start with common words ("the", "no", "(US|U.S.)"); trying each wherever
    its first word stands cost a fifth of the suggester's time, and most fail on a later word."""
    tokens = re.findall(r"\([^)]*\)|\S+", cue.strip())[1:]
    return frozenset(t.lower() for t in tokens if re.fullmatch(r"\w+", t))


def _prefixed(vocab: list[str], head: str) -> list[str]:
    i = bisect.bisect_left(vocab, head)
    out = []
    while i < len(vocab) and vocab[i].startswith(head):
        out.append(vocab[i])
        i += 1
    return out
