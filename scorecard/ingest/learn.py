"""Reviewed evidence as training data: TF-IDF vectors and a nearest-neighbour vote.

Pure Python, single-threaded, nothing downloaded. Why not scikit-learn: importing it takes 1.3 to
3 s on the reference machine (measured), more than the whole start-up budget of `ingest`, and with
tens to a few hundred reviewed passages a cosine nearest-neighbour vote over TF-IDF vectors is as
good as a fitted linear model and explains itself (it names the reviewed items it resembles).
"""

from __future__ import annotations

import itertools
import math
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

_STOP_WORDS = """
a an the and or but if of to in on at by for with from as is are was were be been being it its this
that these those he she they them their his her we our you your i not no so than then there here
which who whom whose what when where why how all any both each few more most other some such only
own same too very can will just also into over under about after before between during through
against up down out off again further once has have had do does did said says would could should may
might must shall"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"([a-z0-9]+)(?:['’][a-z]+)?")  # the group drops a possessive or contraction


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: `withdrawals` and `withdrawal`, `hosting` and `hosts` meet."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_TERM: dict[str, str] = {}  # word → its stem, or "" for a stop word or a single character
_TERMS_KEPT = 200_000  # then the cache starts again, so a long-running process does not grow


def words(text: str) -> list[str]:
    """The stemmed words of a text that carry meaning (no stop words, no single characters)."""
    out = []
    term = _TERM
    if len(term) > _TERMS_KEPT:
        term.clear()
    for w in _WORD.findall(text.lower()):
        t = term.get(w)
        if t is None:
            t = term[w] = "" if len(w) < 2 or w in _STOP else stem(w)
        if t:
            out.append(t)
    return out


def grams(ws: list[str]) -> list[str]:
    """Words and the pairs of neighbouring words (`cut_tie`), the terms a vector is made of."""
    return ws + [f"{a}_{b}" for a, b in itertools.pairwise(ws)]


def tokens(text: str) -> list[str]:
    return grams(words(text))


Vector = dict[str, float]


@dataclass(eq=False)
class Vectorizer:
    """Inverse document frequencies from a corpus; turns text into unit-length TF-IDF vectors."""

    idf: dict[str, float] = field(default_factory=dict)
    default: float = 1.0

    @classmethod
    def fit(cls, texts: list[str]) -> Vectorizer:
        df = Counter(t for text in texts for t in set(tokens(text)))
        n = len(texts) + 1
        return cls({t: math.log(n / (c + 1)) + 1 for t, c in df.items()}, math.log(n) + 1)

    def vector(self, text: str) -> Vector:
        return self.weigh(tokens(text))

    def weigh(self, terms: list[str]) -> Vector:
        """The unit-length TF-IDF vector of a text's terms (as `tokens` gives them)."""
        weight = self.idf.get
        default = self.default
        v = {
            t: weight(t, default) if c == 1 else (1 + math.log(c)) * weight(t, default)  # log 1 is 0
            for t, c in Counter(terms).items()
        }
        xs = list(v.values())
        norm = math.sqrt(sum(map(operator.mul, xs, xs))) or 1.0
        return {t: x / norm for t, x in v.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


class Postings:
    """Many unit vectors, indexed by term, for the dot products of one vector with all at once.

    Why: a sentence shares few terms with most reviewed passages and rule profiles; walking only the
    postings of its own terms, into a list indexed by vector number, touches nothing else.
    """

    def __init__(self, vectors: list[Vector]):
        self.size = len(vectors)
        self.index: dict[str, list[tuple[int, float]]] = {}
        for n, vec in enumerate(vectors):
            for t, y in vec.items():
                self.index.setdefault(t, []).append((n, y))

    def dots(self, v: Vector) -> list[float]:
        """The dot product of `v` with every vector, in their order."""
        acc = [0.0] * self.size
        index = self.index
        for t, x in v.items():
            postings = index.get(t)
            if postings:
                for n, y in postings:
                    acc[n] += x * y
        return acc


@dataclass
class Example:
    """One reviewed passage: its vector and what the analyst linked it to."""

    item: str
    vector: Vector
    links: list[tuple[str, str, str | None]]  # (obligation, stance, indicator)


@dataclass
class Neighbours:
    """The reviewed passages, searchable by similarity."""

    examples: list[Example]
    postings: Postings | None = None  # built at the first `vote`; the suggester shares its own

    def vote(self, v: Vector, k: int = 7, floor: float = 0.12) -> dict[str, dict]:
        """For each obligation the k nearest reviewed passages link: a score in [0, 1] and stance weights."""
        if self.postings is None:
            self.postings = Postings([e.vector for e in self.examples])
        return self.vote_by(self.postings.dots(v), k, floor)

    def vote_by(self, sims: list[float], k: int = 7, floor: float = 0.12) -> dict[str, dict]:
        """The vote, given the similarity to every example (the first len(examples) of `sims`)."""
        close = itertools.compress(range(len(self.examples)), map(floor.__le__, sims))  # at least `floor`
        out: dict[str, dict] = {}
        for n in sorted(close, key=sims.__getitem__, reverse=True)[:k]:
            sim, e = sims[n], self.examples[n]
            for obligation, stance, indicator in e.links:
                got = out.get(obligation)
                if got is None:
                    got = out[obligation] = {"score": 0.0, "stances": {}, "indicators": {}, "like": e.item}
                got["score"] = 1 - (1 - got["score"]) * (1 - min(sim * 1.3, 0.95))
                stances = got["stances"]
                stances[stance] = stances.get(stance, 0.0) + sim
                if indicator:
                    inds = got["indicators"]
                    inds[indicator] = inds.get(indicator, 0.0) + sim
        return out


def train(items, vectorizer: Vectorizer) -> Neighbours:
    """The reviewed evidence items as nearest-neighbour examples."""
    return Neighbours(
        [
            Example(
                it.id,
                vectorizer.vector(it.quote),
                [(link.obligation, link.stance, link.indicator) for link in it.links],
            )
            for it in items
        ]
    )
