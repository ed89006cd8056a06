"""Text → candidate passages, each with up to three suggestions.

Each suggestion is {obligation, clause, stance, indicator, score}.

Three kinds of knowledge meet here, all of them data:
- the rules folder's cues (per obligation and indicator) and aliases of the agreement and parties;
- each rule's own words (text, summary, title, indicators) as a TF-IDF profile, so that a second
  agreement's rules folder with no cues and no evidence still gets candidates;
- reviewed evidence, as nearest neighbours (learn.py), so suggestions improve as analysts review;
all three are built once per run (context.py).
The stance comes from the shipped lexicon, the side of a matched indicator cue and the stances of
similar reviewed passages (stance.py); hedging lowers the score. Passages about events before
signature are demoted and can only be context (the scorer treats them so too).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from scorecard.dates import parse_fuzzy
from scorecard.ingest.context import Context
from scorecard.ingest.context import build_context as build_context  # the suggester's front door
from scorecard.ingest.details import event_date, indicator_of, repeats, undated_date
from scorecard.ingest.following import NONE, Scored, follows, points_back, speaks_back
from scorecard.ingest.furniture import is_furniture
from scorecard.ingest.learn import grams, words
from scorecard.ingest.misstating import misstated
from scorecard.ingest.passages import Sentence, sentences
from scorecard.ingest.reading import naming
from scorecard.ingest.scope import Scope
from scorecard.ingest.speakers import (
    accusers,
    anaphoric,
    relayed,
    same_voice,
    speaker_of,
    voice_of,
    who_claims,
)
from scorecard.ingest.stance import (
    agreement_quotes,
    asserted_at,
    choose,
    claimed,
    describe_quotes,
    direction,
    inside,
    lexicon_stances,
    own_act,
    undecided,
)

MISSTATES = 2.0  # a description of the deal that misstates it, as much as an ambiguity word
THRESHOLD = 0.35  # a passage whose best suggestion scores less is not proposed
# Why four: the reviewer takes one by its number, so another line costs a glance; the right clause is
# among the first two for 0.81 of the passages filed from the shipped documents (leave-one-out),
# the first three for 0.87, four for 0.90, five for 0.92 (stance agreement unchanged).
SUGGESTIONS = 4  # of different clauses, per candidate
MAX_CHARS = 600  # longer candidates are not proposed: a reviewer cannot check them at a glance
PRE_SIGNATURE = 0.5  # score factor for a passage about events before signature
HEADING_WORDS = 20  # a paragraph of fewer words with no closing stop is a headline or a heading


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
    party: str | None = None  # the agreement party the speaker is, by the parties' names and aliases
    relays: dict | None = None  # {origin, description, date}: the report the passage passes on
    claim_keys: list[str] = field(default_factory=list)  # existing claim keys the passage repeats

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
            "party": self.party,
            "relays": self.relays,
            "claim_keys": self.claim_keys,
        }


@dataclass
class Document:
    """A text being proposed from, and what is found in it once, for every sentence and passage."""

    text: str
    sents: list[Sentence]
    cue_hits: dict[int, list[tuple[int, int]]]  # sentence → [(cue no., offset)]
    lex: dict[str, dict[int, list[tuple[int, int]]]]  # lexicon list → sentence → [(phrase no., offset)]
    quoted: list[tuple[int, int]]  # spans that quote the agreement's words
    years: list[int]  # offsets of every four-digit number: most passages state no date at all
    breaks: list[int] | None  # offsets of the page breaks (form feeds) of a PDF's text, else None
    terms: list[list[str] | None]  # each scored sentence's words, once
    furniture: dict[int, bool] = field(default_factory=dict)  # paragraph → whether it is furniture


def scan(text: str, ctx: Context) -> Document:
    """Sentences, cue and lexicon hits and quotations of the agreement, from one pass each."""
    sents = sentences(text)
    cue_hits, lex = ctx.book.hits(text, [s.start for s in sents])
    quoted = agreement_quotes(text, ctx.clauses)
    if quoted:
        describe_quotes(quoted, sents, lex)
    years = [m.start() for m in _YEAR.finditer(text)]
    breaks = [m.start() for m in re.finditer("\f", text)] if "\f" in text else None
    return Document(text, sents, cue_hits, lex, quoted, years, breaks, [None] * len(sents))


WINDOW = 1 << 20  # characters of text proposed from at once; a longer text is read in windows


def propose(text: str, ctx: Context, published: date | None = None) -> list[Candidate]:
    """The candidate passages of a document's text, in the order they appear.

    A text longer than WINDOW characters (no article or report is) is read a window at a time,
    each cut at a paragraph break where there is one: what is kept while a window is read (cue
    and lexicon hits, sentences) then stays bounded, and time and memory grow with the text."""
    if len(text) <= WINDOW:
        return _propose(text, ctx, published)
    out: list[Candidate] = []
    start = pages = 0
    paged = "\f" in text  # a PDF's text: every candidate has a page, whether its window has a break or not
    for end in _window_ends(text):
        for cand in _propose(text[start:end], ctx, published):
            cand.start += start
            cand.end += start
            cand.page = (cand.page or 1) + pages if paged else None
            out.append(cand)
        pages += text.count("\f", start, end)
        start = end
    return out


def _window_ends(text: str):
    """Where each window ends: at a paragraph break, else a line, sentence or word break."""
    start = 0
    while len(text) - start > WINDOW:
        limit = start + WINDOW
        end = next(
            (
                cut + len(sep)
                for sep in ("\n\n", "\n", ". ", " ")
                if (cut := text.rfind(sep, start + 1, limit)) > start
            ),
            limit,
        )
        yield end
        start = end
    yield len(text)


def _propose(text: str, ctx: Context, published: date | None) -> list[Candidate]:
    ctx.vectors = {}
    doc = scan(text, ctx)
    signed = ctx.project.agreement.signed if ctx.project.agreement else None
    out: list[Candidate] = []
    for group, scored in _grouped(doc, ctx):
        cand = _candidate(group, doc, scored, ctx, signed, published, out[-1] if out else None)
        if cand is not None:
            if anaphoric(cand.attributed_to) and out and out[-1].relays:
                cand.relays = dict(out[-1].relays)  # "The monitors said": those named just before
            out.append(cand)
        _forget(group, doc, scored, ctx)
    return out


def _grouped(doc: Document, ctx: Context):
    """Each run of up to three relevant sentences of one paragraph that share an obligation, with the
    scores of its sentences, as soon as the run can grow no more.

    A sentence that names no obligation's topic but judges, denies or describes the deal ("Now, the
    Taliban's apparent failure to fulfil that obligation…") takes the topics of the sentence before
    it (`_follows`): it speaks of what was just said. It joins that sentence's run, or starts one
    where the run is full.

    Why as they close: the words, vectors and scores of a sentence are needed only until its
    candidate is made, so memory follows the open run, not the whole document."""
    scored: dict[int, dict[str, Scored]] = {}
    run: list[int] = []
    sents = doc.sents

    def joins(i: int, scores: dict[str, Scored]) -> bool:
        return bool(
            run
            and run[-1] == i - 1
            and sents[run[0]].paragraph == sents[i].paragraph
            and len(run) < 3
            and sents[i].end - sents[run[0]].start <= MAX_CHARS * 0.75
            and _top(scores) & _top(scored[run[-1]])
            and not _other_voice(run, i)
        )

    voices: dict[int, str | None] = {}

    def voice(k: int) -> str | None:
        if k not in voices:
            voices[k] = who_claims(doc.text[sents[k].start : sents[k].end])
        return voices[k]

    def _other_voice(run: list[int], i: int) -> bool:
        mine = voice(i)
        theirs = next((v for k in reversed(run) if (v := voice(k)) is not None), None)
        return mine is not None and theirs is not None and not same_voice(mine, theirs, ctx.parties)

    for i in range(len(sents)):
        scores = _kept(i, _score_sentence(i, doc, ctx), doc, ctx)
        if (
            run
            and run[-1] == i - 1
            and speaks_back(i, doc.sents, doc.text, doc.lex)
            and (not scores or points_back(doc.sents[i], doc.text))
        ):
            scores = follows(scored[i - 1], scores)
            s = sents[i]
            doc.terms[i] = doc.terms[i] or words(doc.text[s.start : s.end])
        if not scores:
            continue
        scored[i] = scores
        if joins(i, scores):
            run.append(i)
            continue
        if run:
            yield run, scored
        run = [i]
    if run:
        yield run, scored


def _forget(group: list[int], doc: Document, scored: dict, ctx: Context) -> None:
    """Drop what was kept for a group's sentences once its candidate is made."""
    for i in group:
        scored.pop(i, None)
        doc.terms[i] = None
        s = doc.sents[i]
        ctx.vectors.pop(doc.text[s.start : s.end], None)
    ctx.vectors.pop(doc.text[doc.sents[group[0]].start : doc.sents[group[-1]].end], None)


def _kept(i: int, scores: dict[str, Scored], doc: Document, ctx: Context) -> dict[str, Scored]:
    """A sentence's scores, or nothing (and nothing kept of it) when it can never start a candidate.

    Why: a long document has tens of thousands of sentences; keeping each one's words, vector and
    scores made memory grow far past the text's size."""
    if scores and max(x.score for x in scores.values()) >= THRESHOLD:
        return scores
    if doc.terms[i] is not None:
        doc.terms[i] = None
        s = doc.sents[i]
        ctx.vectors.pop(doc.text[s.start : s.end], None)
    return {}


def _score_sentence(i: int, doc: Document, ctx: Context) -> dict[str, Scored]:
    """Per obligation: a score in [0, 1], the indicators whose cues matched, and the neighbours' vote.

    An indicator's cue inside words quoted from the agreement names what the deal forbids or asks,
    not what a party did: it counts towards the obligation, not towards a side.
    """
    s = doc.sents[i]
    body = doc.text[s.start : s.end]
    if len(body) < 25 or (ctx.book.cues and i not in doc.cue_hits):
        return {}  # Why: with cues, a sentence that matches none is almost never evidence (measured)
    if _heading(doc, i, body) or _furniture(doc, i):
        return {}
    doc.terms[i] = ws = words(body)
    v = ctx.vector(body, grams(ws))
    sims = ctx.postings.dots(v)  # Why one pass: the reviewed passages and the profiles share terms
    votes = ctx.neighbours.vote_by(sims)
    hits: dict[str, dict[str, float]] = {}  # obligation → {cue: weight}, each cue once
    inds: dict[str, Counter] = {}
    table = ctx.book.table()
    scope = None
    for n, pos in doc.cue_hits.get(i, ()):
        oid, cue, weight, indicator = table[n]
        hits.setdefault(oid, {})[cue] = weight
        if indicator and not (doc.quoted and inside(doc.quoted, pos)):
            scope = scope or _scope(doc, [i])
            if scope.questioned(pos) or scope.unreported(pos) or naming(doc.text, pos, after=False):
                continue  # the deal's terms, a supposition, a question, a forecast or a name ("the released
                # prisoners"): the topic, not a side
            # "no evidence of training camps", "released 4,600 out of 5,000": the other side, no indicator
            if scope.turned(pos, indicator[1]):
                indicator = ("", "compliance" if indicator[1] == "breach" else "breach")
            inds.setdefault(oid, Counter())[indicator] += 1
    profiles = sims[len(ctx.neighbours.examples) :]
    keep = set(itertools.compress(range(len(profiles)), map((0.02).__le__, profiles)))
    keep.update(ctx.profile_pos[oid] for oid in (*hits, *votes))  # the rest score 2 × sim < 0.05
    out = {}
    for j in sorted(keep):
        oid, sim = ctx.profile_ids[j], profiles[j]
        vote = votes.get(oid)
        c = 1 - 0.55 ** sum(hits[oid].values()) if oid in hits else 0.0
        learned = vote["score"] if vote else 0.0
        score = 1 - (1 - c) * (1 - min(1.0, sim * 2.0)) * (1 - learned)
        if score > 0.05:
            out[oid] = Scored(score, inds.get(oid, NONE), vote)
    return out


_CLOSED = tuple('.!?"”’)…:;')


def _furniture(doc: Document, i: int) -> bool:
    """Whether sentence `i`'s paragraph is a caption, a credit, a byline or another piece of
    furniture (furniture.is_furniture), looked at once, and only for paragraphs with a cue.

    Why here as well as at extraction: a plain-text document keeps its text as written, photo
    captions ("FILE PHOTO: … REUTERS/…") included, and a caption names the parties and the deal."""
    sents, paragraph = doc.sents, doc.sents[i].paragraph
    got = doc.furniture.get(paragraph)
    if got is None:
        first = last = i
        while first > 0 and sents[first - 1].paragraph == paragraph:
            first -= 1
        while last + 1 < len(sents) and sents[last + 1].paragraph == paragraph:
            last += 1
        got = doc.furniture[paragraph] = is_furniture(doc.text[sents[first].start : sents[last].end])
    return got


def _heading(doc: Document, i: int, body: str) -> bool:
    """A headline, a dateline or a heading: a paragraph of one short sentence that no stop closes.

    Why: a headline restates the passage below it in fewer, looser words ("UN monitors say"); the
    passage is the evidence, and the headline as well would be a second candidate for one finding.
    """
    s = doc.sents[i]
    alone = (i == 0 or doc.sents[i - 1].paragraph != s.paragraph) and (
        i + 1 == len(doc.sents) or doc.sents[i + 1].paragraph != s.paragraph
    )
    return alone and not body.rstrip().endswith(_CLOSED) and body.count(" ") < HEADING_WORDS


def _scope(doc: Document, group: list[int]) -> Scope:
    return Scope(doc.text, [(doc.sents[i].start, doc.sents[i].end) for i in group], doc.lex, group)


def _top(scores: dict[str, Scored], n: int = 2) -> set[str]:
    return {k for k, _ in sorted(scores.items(), key=lambda kv: -kv[1].score)[:n]}


def _candidate(group, doc: Document, scored, ctx: Context, signed, published, prior) -> Candidate | None:
    start, end = doc.sents[group[0]].start, doc.sents[group[-1]].end
    if end - start > MAX_CHARS:
        return None
    text, lex = doc.text, doc.lex
    body = text[start:end]
    merged: dict[str, float] = {}
    for i in group:
        for oid, x in scored[i].items():
            m = merged.get(oid)
            merged[oid] = x.score if m is None else 1 - (1 - m) * (1 - x.score * 0.8)
    event, before = _dated(body, start, doc, group, signed, published)
    hedged = _count(lex, "hedging", group) or _count(lex, "uncertain", group)
    factor = (PRE_SIGNATURE if before else 1.0) * (0.9 if hedged else 1.0)
    factor *= 1.0 if _count(lex, "named", group) else 0.75  # names no party and not the agreement
    hits: list = []
    scope = _scope(doc, group)
    stance_words = lexicon_stances(group, lex, hits, scope)
    if scope.deal and ctx.vocabulary and misstated(scope, ctx.vocabulary):
        stance_words["ambiguity"] += MISSTATES
    body_words = [w for i in group for w in doc.terms[i] or ()]
    speaker, speaker_party = voice_of(body, start, prior, ctx.parties)
    counts, charged, denied = _claims(lex, group, scope, ctx)
    suggestions = []
    vector = functools.cache(lambda: ctx.vector(body, grams(body_words)))  # for the indicators, once
    with_cues = {oid for i in group for oid, x in scored[i].items() if x.indicators}
    for oid, score in ctx.leading(merged, with_cues, SUGGESTIONS):
        o = ctx.project.obligations[oid]
        indicators: dict[tuple[str, str], int] = {}
        votes = []
        for i in group:
            x = scored[i].get(oid)
            if x is not None:
                for key, n in x.indicators.items():
                    indicators[key] = indicators.get(key, 0) + n
                if x.vote:
                    votes.append(x.vote)
        words = undecided(stance_words, hits, text, ctx.context_cues(o), (start, end))
        nudges = _nudges(
            o, (speaker, speaker_party, charged, denied), counts, own_act(hits, text, ctx.side_stems(o))
        )
        stance, cued, learned = choose(indicators, votes, words, before, nudges)
        indicator = indicator_of(o, stance, cued, learned, ctx, vector)
        suggestions.append(Suggestion(oid, o.clause, stance, indicator, round(min(1.0, score * factor), 3)))
    suggestions.sort(key=lambda s: -s.score)
    if not suggestions or suggestions[0].score < THRESHOLD * (PRE_SIGNATURE if before else 1.0):
        return None
    page = bisect.bisect_left(doc.breaks, start) + 1 if doc.breaks is not None else None
    cand = Candidate(body, start, end, suggestions, event, speaker, repeats(body_words, ctx), before, page)
    cand.party = speaker_party
    _who(cand, ctx, published)
    return cand


def _dated(
    body: str, start: int, doc: Document, group: list[int], signed, published
) -> tuple[str | None, bool]:
    """The passage's event date, and whether what it reports came before signature."""
    years, end = doc.years, start + len(body)
    i = bisect.bisect_left(years, start)
    # Why from 40 characters before the first year: no date starts further from its year
    year = years[i] - start if i < len(years) and years[i] < end else None
    event = event_date(body, max(0, year - 40), signed, published) if year is not None else None
    if event is None and published is not None:
        event = undated_date(body, signed, published)
    if not signed:
        return event, False
    first, last, _ = parse_fuzzy(event) if event else (None, None, None)
    # Why "earlier" wording counts only where no date after signature is stated: "consulted al-Qaeda
    # during the talks with the United States" reports conduct before the obligations ran
    earlier = _count(doc.lex, "earlier", group) and not (first and first > signed)
    return event, bool((last and last < signed) or (published and published < signed) or earlier)


def _claims(lex, group: list[int], scope: Scope, ctx: Context) -> tuple[dict[str, int], set[str], set[str]]:
    """The passage's denials, charges and explicit breach words, asserted; the parties it names as
    making its charges, and as making its denials (not in the deal's own words)."""
    counts = {k: _asserted(lex, k, group, scope) for k in ("denial", "breach_explicit", "accusation")}
    counts["denial"] += scope.rebuttals() + claimed(lex, group, scope)
    charged = accusers(scope.text, asserted_at(lex, "accusation", group, scope), ctx.parties)
    denials = [p for p in asserted_at(lex, "denial", group, scope) if not scope.described(p)]
    return counts, charged, accusers(scope.text, denials, ctx.parties)


def _nudges(o, who: tuple, counts: dict, own: dict[str, float]) -> dict[str, float]:
    """Who claims what of obligation `o` (`direction`), and the obligation's own act named (`own_act`)."""
    speaker, speaker_party, charged, denied = who
    nudges = direction(o.party, speaker_party, counts, speaker is not None, charged, denied)
    for side, w in own.items():
        nudges[side] = nudges.get(side, 0.0) + w
    return nudges


def _who(cand: Candidate, ctx: Context, published: date | None) -> None:
    """The report relayed and the claim keys repeated, where they show."""
    cand.relays = relayed(cand.quote, cand.attributed_to, ctx.origins, published)
    cand.attributed_to = speaker_of(cand.attributed_to)
    key = ctx.claim_keys.get(cand.repeats["item"]) if cand.repeats else None
    cand.claim_keys = [key] if key else []


def _asserted(lex, category: str, group: list[int], scope: Scope) -> int:
    return len(asserted_at(lex, category, group, scope))


def _count(lex, category: str, group: list[int]) -> int:
    return sum(len(lex.get(category, {}).get(i, [])) for i in group)


_YEAR = re.compile(r"\d{4}")  # every date find_dates knows has a year
