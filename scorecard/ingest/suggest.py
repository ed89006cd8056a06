"""Text → candidate passages, each with up to three suggestions.

Each suggestion is {obligation, clause, stance, indicator, score}.

Three kinds of knowledge meet here, all of them data:
- the rules folder's cues (per obligation and indicator) and aliases of the agreement and parties;
- each rule's own words (text, summary, title, indicators) as a TF-IDF profile, so that a second
  agreement's rules folder with no cues and no evidence still gets candidates;
- reviewed evidence, as nearest neighbours (learn.py), so suggestions improve as analysts review.
The stance comes from the shipped lexicon (breach, compliance, description of the deal, ambiguity;
negation turns breach and compliance around; hedging lowers the score), the side of a matched
indicator cue and the stances of similar reviewed passages. Passages about events before signature
are demoted and can only be context (the scorer treats them so too).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scorecard.dates import parse_fuzzy
from scorecard.ingest.cues import CueBook, Matcher
from scorecard.ingest.learn import Neighbours, Vectorizer, tokens
from scorecard.ingest.passages import Sentence, find_dates, sentences, who_claims

THRESHOLD = 0.35  # a passage whose best suggestion scores less is not proposed
MAX_CHARS = 600  # longer candidates are not proposed: a reviewer cannot check them at a glance
PRE_SIGNATURE = 0.5  # score factor for a passage about events before signature
STANCES = ("breach", "compliance", "context", "ambiguity")


@dataclass
class Suggestion:
    obligation: str
    clause: str
    stance: str
    indicator: str | None
    score: float


@dataclass
class Candidate:
    quote: str
    start: int
    end: int
    suggestions: list[Suggestion]
    event_date: str | None = None
    attributed_to: str | None = None
    repeats: dict | None = None  # {item, origin, similarity}: probably the same origin (circular reporting)
    before_signature: bool = False
    page: int | None = None

    def as_json(self) -> dict:
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "suggestions": [s.__dict__ for s in self.suggestions],
            "event_date": self.event_date,
            "attributed_to": self.attributed_to,
            "repeats": self.repeats,
            "before_signature": self.before_signature,
            "page": self.page,
        }


@dataclass
class Context:
    """Everything the suggester needs besides the text, built once per run."""

    project: Any  # a loaded, checked Project (or ValidProject)
    book: CueBook
    vectorizer: Vectorizer
    neighbours: Neighbours
    profiles: dict[str, dict[str, float]]
    quotes: list[tuple[str, str, set]] = field(default_factory=list)  # (item, origin, shingles)
    profile_index: dict[str, list[tuple[str, float]]] = field(
        default_factory=dict
    )  # term -> [(obligation, weight)]
    shingle_index: dict[str, list[int]] = field(default_factory=dict)  # 3-word run -> [quote no.]
    indicators: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)

    vectors: dict[str, dict[str, float]] = field(default_factory=dict)  # this document's, by text

    def vector(self, text: str) -> dict[str, float]:
        """A passage's vector, computed once per document (a one-sentence candidate is its sentence)."""
        if text not in self.vectors:
            self.vectors[text] = self.vectorizer.vector(text)
        return self.vectors[text]

    def indicator_vector(self, oid: str, indicator) -> dict[str, float]:
        key = (oid, indicator.id)
        if key not in self.indicators:
            self.indicators[key] = self.vectorizer.vector(indicator.text)
        return self.indicators[key]


def build_context(
    project, book: CueBook, exclude_sources: frozenset[str] | set[str] = frozenset()
) -> Context:
    """Profiles of every rule and the reviewed evidence (but that of `exclude_sources`) as neighbours."""
    from scorecard.ingest.learn import train

    items = [it for it in project.items.values() if it.source not in exclude_sources]
    profiles_text = {o.id: _profile_text(o) for o in project.obligations.values()}
    vec = Vectorizer.fit(list(profiles_text.values()) + [it.quote for it in items])
    ctx = Context(project, book, vec, train(items, vec), {k: vec.vector(v) for k, v in profiles_text.items()})
    ctx.quotes = [(it.id, it.origin, _shingles(it.quote)) for it in items]
    for n, (_, _, shingles) in enumerate(ctx.quotes):
        for sh in shingles:
            ctx.shingle_index.setdefault(sh, []).append(n)
    for oid, profile in ctx.profiles.items():
        for t, y in profile.items():
            ctx.profile_index.setdefault(t, []).append((oid, y))
    return ctx


def _profile_text(o) -> str:
    inds = [i.text for side in (o.indicators.compliance, o.indicators.breach) for i in side]
    return " ".join([o.text, o.summary, o.title or "", *inds, *o.cues])


def _hits(cues: list[str], text: str, starts: list[int]) -> dict[int, list[tuple[int, int]]]:
    """Matches of each cue, by the sentence they fall in: {sentence index: [(cue no., offset)]}."""
    out: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for n, pos in Matcher(cues).find(text):
        out[bisect.bisect_right(starts, pos) - 1].append((n, pos))
    return out


def _all_hits(book: CueBook, text: str, starts: list[int]) -> tuple[dict, dict]:
    """Cue hits by sentence, and lexicon hits by category and sentence, from one pass over the text."""
    phrases = [c for c, _ in book.cues]
    labels: list[str | None] = [None] * len(phrases)
    for category, words in [*book.lexicon.items(), ("named", book.names)]:
        phrases += words
        labels += [category] * len(words)
    cues: dict[int, list] = defaultdict(list)
    lex: dict[str, dict[int, list]] = {k: defaultdict(list) for k in [*book.lexicon, "named"]}
    for n, pos in book.matcher(phrases).find(text):
        i = bisect.bisect_right(starts, pos) - 1
        label = labels[n]
        (cues[i] if label is None else lex[label][i]).append((n, pos))
    return cues, lex


def propose(text: str, ctx: Context, published: date | None = None) -> list[Candidate]:
    """The candidate passages of a document's text, in the order they appear."""
    ctx.vectors = {}
    sents = sentences(text)
    starts = [s.start for s in sents]
    cue_hits, lex = _all_hits(ctx.book, text, starts)
    signed = ctx.project.agreement.signed if ctx.project.agreement else None
    scored = [_score_sentence(i, s, text, ctx, cue_hits, lex) for i, s in enumerate(sents)]
    out = []
    for group in _groups(sents, scored, text):
        cand = _candidate(group, sents, scored, text, ctx, lex, signed, published)
        if cand is not None:
            out.append(cand)
    return out


def _score_sentence(i: int, s: Sentence, text: str, ctx: Context, cue_hits, lex) -> dict[str, dict]:
    """Per obligation: a score in [0, 1], the indicators whose cues matched, and the neighbours' vote."""
    body = text[s.start : s.end]
    if len(body) < 25 or (ctx.book.cues and i not in cue_hits):
        return {}  # Why: with cues, a sentence that matches none is almost never evidence (measured)
    v = ctx.vector(body)
    votes = ctx.neighbours.vote(v)
    hits: dict[str, dict] = defaultdict(dict)
    inds: dict[str, Counter] = defaultdict(Counter)
    for n, _ in cue_hits.get(i, []):
        target = ctx.book.cues[n][1]
        hits[target.obligation][ctx.book.cues[n][0].lower()] = ctx.book.weight(n)
        if target.indicator:
            inds[target.obligation][(target.indicator, target.side)] += 1
    sims: dict[str, float] = {}
    index = ctx.profile_index
    for t, x in v.items():
        for oid, y in index.get(t, ()):
            sims[oid] = sims.get(oid, 0.0) + x * y
    out = {}
    for oid in sorted(set(sims) | set(hits) | set(votes)):
        c = 1 - 0.55 ** sum(hits[oid].values()) if oid in hits else 0.0
        learned = votes[oid]["score"] if oid in votes else 0.0
        score = 1 - (1 - c) * (1 - min(1.0, sims.get(oid, 0.0) * 2.0)) * (1 - learned)
        if score > 0.05:
            out[oid] = {"score": score, "indicators": inds.get(oid, _NONE), "vote": votes.get(oid)}
    return out


_NONE: Counter = Counter()


def _groups(sents: list[Sentence], scored: list[dict], text: str) -> list[list[int]]:
    """Runs of up to three relevant sentences of one paragraph that share an obligation."""
    groups: list[list[int]] = []
    for i, s in enumerate(sents):
        if not scored[i] or max(x["score"] for x in scored[i].values()) < THRESHOLD:
            continue
        prev = groups[-1] if groups else None
        if (
            prev
            and prev[-1] == i - 1
            and sents[prev[0]].paragraph == s.paragraph
            and len(prev) < 3
            and s.end - sents[prev[0]].start <= MAX_CHARS * 0.75
            and _top(scored[i]) & _top(scored[prev[-1]])
        ):
            prev.append(i)
        else:
            groups.append([i])
    return groups


def _top(scores: dict[str, dict], n: int = 2) -> set[str]:
    return {k for k, _ in sorted(scores.items(), key=lambda kv: -kv[1]["score"])[:n]}


def _candidate(group, sents, scored, text, ctx, lex, signed, published) -> Candidate | None:
    start, end = sents[group[0]].start, sents[group[-1]].end
    if end - start > MAX_CHARS:
        return None
    body = text[start:end]
    merged: dict[str, dict] = {}
    for i in group:
        for oid, x in scored[i].items():
            m = merged.setdefault(oid, {"score": 0.0, "indicators": Counter(), "votes": []})
            m["score"] = 1 - (1 - m["score"]) * (1 - x["score"] * 0.8) if m["score"] else x["score"]
            m["indicators"].update(x["indicators"])
            if x["vote"]:
                m["votes"].append(x["vote"])
    event = _event_date(body, signed, published)
    before = bool(
        signed and ((event and parse_fuzzy(event)[1] < signed) or (published and published < signed))
    )
    factor = (PRE_SIGNATURE if before else 1.0) * (0.9 if _count(lex, "hedging", group) else 1.0)
    factor *= 1.0 if _count(lex, "named", group) else 0.75  # names no party and not the agreement
    stance_words = _lexicon_stances(group, lex)
    suggestions = []
    for oid, m in sorted(merged.items(), key=lambda kv: -kv[1]["score"])[:3]:
        o = ctx.project.obligations[oid]
        stance, indicator = _stance(o, m, stance_words, before, ctx, body)
        suggestions.append(
            Suggestion(oid, o.clause, stance, indicator, round(min(1.0, m["score"] * factor), 3))
        )
    suggestions.sort(key=lambda s: -s.score)
    if not suggestions or suggestions[0].score < THRESHOLD * (PRE_SIGNATURE if before else 1.0):
        return None
    page = text.count("\f", 0, start) + 1 if "\f" in text else None
    return Candidate(
        body, start, end, suggestions, event, who_claims(body), _repeats(body, ctx), before, page
    )


def _count(lex, category: str, group: list[int]) -> int:
    return sum(len(lex.get(category, {}).get(i, [])) for i in group)


def _lexicon_stances(group: list[int], lex: dict) -> defaultdict[str, float]:
    """Breach, compliance, context (the deal described) and ambiguity weights from the lexicon.

    A negation up to 40 characters before a breach or compliance phrase turns it around.
    """
    out: defaultdict[str, float] = defaultdict(float)
    negations = [pos for i in group for _, pos in lex.get("negation", {}).get(i, [])]
    for category, stance, weight in (
        ("breach", "breach", 1.0),
        ("compliance", "compliance", 1.0),
        ("deal", "context", 1.4),
        ("ambiguity", "ambiguity", 2.0),
    ):
        for i in group:
            for _, pos in lex.get(category, {}).get(i, []):
                turned = stance in ("breach", "compliance") and any(pos - 40 <= n < pos for n in negations)
                out[("compliance" if stance == "breach" else "breach") if turned else stance] += weight
    return out


def _stance(
    o, m: dict, words: defaultdict[str, float], before: bool, ctx: Context, body: str
) -> tuple[str, str | None]:
    """The stance for one obligation, and the indicator that best fits it.

    Why indicator cues count less in a passage that describes the deal: "the Taliban committed not
    to give passports" names the topic of a breach indicator, not a breach.
    """
    weights = Counter({k: v * 0.5 for k, v in words.items()})
    describes = words["context"] > 0
    for (_, side), n in m["indicators"].items():
        weights[side] += (0.3 if describes else 1.5) * n
    learned_inds: Counter = Counter()
    for vote in m["votes"]:
        total = sum(vote["stances"].values()) or 1.0
        for stance, w in vote["stances"].items():
            weights[stance] += 6.0 * w / total
        learned_inds.update(vote["indicators"])
    stance = max(STANCES, key=lambda s: (weights[s], s == "context")) if weights else "context"
    # Why a floor: one generic word ("still", "failed") is not enough to call a passage breach or
    # compliance; below it the passage is context (measured: stance agreement 0.61 → 0.68).
    if before or not weights[stance] or (stance in ("breach", "compliance") and weights[stance] < 1.0):
        stance = "context"
    if stance not in ("breach", "compliance"):
        return stance, None
    ids = {i.id for i in getattr(o.indicators, stance)}
    cued = [ind for (ind, side), _ in m["indicators"].most_common() if side == stance]
    learned = [ind for ind, _ in learned_inds.most_common() if ind in ids]
    if cued or learned:
        return stance, (cued or learned)[0]
    v = ctx.vector(body)
    sims = {i.id: _sim(v, ctx.indicator_vector(o.id, i)) for i in getattr(o.indicators, stance)}
    best = max(sims, key=lambda k: sims[k])
    return stance, best if sims[best] > 0.08 else None


def _sim(a, b) -> float:
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def _event_date(body: str, signed: date | None, published: date | None) -> str | None:
    """The first date the passage states that is not the agreement's own and not after publication."""
    for d in find_dates(body):
        first, last, _ = parse_fuzzy(d)
        if signed and first <= signed <= last:
            continue  # "the February 2020 agreement": the deal's date, not an event's
        if published and first > published:
            continue
        return d
    return None


def _shingles(text: str) -> set:
    words = [w for w in tokens(text) if "_" not in w]
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _repeats(body: str, ctx: Context, cutoff: float = 0.5) -> dict | None:
    """The reviewed item this passage most resembles word for word, when it shares half its 3-word runs."""
    mine = _shingles(body)
    shared: Counter = Counter(n for sh in mine for n in ctx.shingle_index.get(sh, ()))
    best = None
    for n, common in shared.items():
        item, origin, theirs = ctx.quotes[n]
        sim = common / min(len(mine), len(theirs))
        if sim >= cutoff and (best is None or sim > best["similarity"]):
            best = {"item": item, "origin": origin, "similarity": round(sim, 2)}
    return best
