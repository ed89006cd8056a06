"""Reviewed evidence as training data: TF-IDF vectors and a nearest-neighbour vote.

Pure Python, single-threaded, nothing downloaded. Why not scikit-learn: importing it takes 1.3 to
3 s on the reference machine (measured), more than the whole start-up budget of `ingest`, and with
tens to a few hundred reviewed passages a cosine nearest-neighbour vote over TF-IDF vectors is as
good as a fitted linear model and explains itself (it names the reviewed items it resembles).
"""

from __future__ import annotations

import heapq
import itertools
import math
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


def tokens(text: str) -> list[str]:
    grams = [stem(w) for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in _STOP]
    return grams + [f"{a}_{b}" for a, b in itertools.pairwise(grams)]


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
        counts = Counter(tokens(text))
        v = {t: (1 + math.log(c)) * self.idf.get(t, self.default) for t, c in counts.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


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
    index: dict[str, list[tuple[int, float]]] = field(default_factory=dict)  # term -> [(example, weight)]

    def __post_init__(self) -> None:
        for n, e in enumerate(self.examples):
            for t, y in e.vector.items():
                self.index.setdefault(t, []).append((n, y))

    def vote(self, v: Vector, k: int = 7, floor: float = 0.12) -> dict[str, dict]:
        """For each obligation the k nearest reviewed passages link: a score in [0, 1] and stance weights."""
        sims: dict[int, float] = {}
        index = self.index
        for t, x in v.items():
            for n, y in index.get(t, ()):
                sims[n] = sims.get(n, 0.0) + x * y
        near = [(sim, self.examples[n]) for n, sim in heapq.nlargest(k, sims.items(), key=lambda kv: kv[1])]
        out: dict[str, dict] = {}
        for sim, e in near:
            if sim < floor:
                break
            for obligation, stance, indicator in e.links:
                got = out.setdefault(
                    obligation, {"score": 0.0, "stances": Counter(), "indicators": Counter(), "like": e.item}
                )
                got["score"] = 1 - (1 - got["score"]) * (1 - min(sim * 1.3, 0.95))
                got["stances"][stance] += sim
                if indicator:
                    got["indicators"][indicator] += sim
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
