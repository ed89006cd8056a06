"""What a candidate carries besides its clauses and stances: the indicator its side names, the date of
the event it reports, and the reviewed passage it repeats.

Pure functions of a passage and the run's Context (context.py).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from datetime import date

from scorecard.dates import parse_fuzzy
from scorecard.ingest.context import Context, shingles
from scorecard.ingest.passages import date_spans
from scorecard.ingest.when import EVENTS, undated


def indicator_of(o, stance, cued, learned, ctx: Context, vector: Callable[[], dict]) -> str | None:
    """The indicator of the stance's side the cues name, else the votes, else the most similar one."""
    if stance not in ("breach", "compliance"):
        return None
    ids = {i.id for i in getattr(o.indicators, stance)}
    learned = [ind for ind in learned if ind in ids]
    if cued or learned:
        return (cued or learned)[0]
    v = vector()
    sims = {i.id: _sim(v, ctx.indicator_vector(o.id, i)) for i in getattr(o.indicators, stance)}
    best = max(sims, key=lambda k: sims[k])
    return best if sims[best] > 0.08 else None


def _sim(a, b) -> float:
    return sum(x * b.get(t, 0.0) for t, x in a.items())


# A date that names an event rather than dating the passage's ("the Sept. 11, 2001 terror attacks")
_NAMES_EVENT = re.compile(rf",?\s+(terror|terrorist)?\s*{EVENTS}\b", re.I)


def event_date(body: str, begin: int, signed: date | None, published: date | None) -> str | None:
    """The first date the passage states (from `begin`) that is not the agreement's own and not
    after publication."""
    for _, end, d in date_spans(body, begin):
        first, last, _ = parse_fuzzy(d)
        if signed and first <= signed <= last:
            continue  # "the February 2020 agreement": the deal's date, not an event's
        if _NAMES_EVENT.match(body, end):
            continue  # "the group behind the Sept. 11, 2001 terror attacks has established…": a name
        if published and first > published:
            continue
        return d
    return None


def undated_date(body: str, signed: date | None, published: date) -> str | None:
    """The first date the passage states without a year ("on Aug. 16", "in March", "on Monday"),
    read against the publication date; not the agreement's own day."""
    for _, _, d in undated(body, published):
        first, last, _ = parse_fuzzy(d)
        if not (signed and first <= signed <= last and first == last):
            return d
    return None


def repeats(body_words: list[str], ctx: Context, cutoff: float = 0.5) -> dict | None:
    """The reviewed item this passage most resembles word for word, when it shares half its 3-word runs.

    Of items alike, the first reviewed, so the same input always names the same item.
    """
    mine = shingles(body_words)
    found = map(ctx.shingle_index.get, mine, itertools.repeat(()))
    shared: Counter = Counter(itertools.chain.from_iterable(found))  # quote no. → runs in common
    best = None
    for n, common in sorted(shared.items()):
        item, origin, theirs = ctx.quotes[n]
        sim = common / min(len(mine), len(theirs))
        if sim >= cutoff and (best is None or sim > best["similarity"]):
            best = {"item": item, "origin": origin, "similarity": round(sim, 2)}
    return best
