"""Conditions: which of an obligation's dependencies can excuse it, and how each is judged. Pure.

The law of treaties and of contracts agrees on three points (METHOD.md §5):
- only another party's obligation (or an external event) can excuse non-performance; a party is
  never excused by its own failure, so a dependency between one party's own duties is sequencing;
- the condition is judged on the other party's conduct up to the dependent duty's deadline (or
  the act in question), never on conduct after it; a report published later about that earlier
  conduct counts from its publication;
- when whether the condition held is disputed, the dependent finding is disputed too.
"""

from __future__ import annotations

from datetime import date

from scorecard.model import EvidenceItem, Obligation, Policy, Source
from scorecard.results import Confidence, Status
from scorecard.score import Assessment, Corroboration, Pair, assess, confidence
from scorecard.timeline import Clock, clipped, due_date

Judged = dict[str, tuple[Status, Confidence]]  # condition id → its finding and the confidence in it


def obligation_conditions(o: Obligation) -> list[str]:
    """Every obligation this one names as a condition (qualifiers and sequencing included)."""
    return [c.obligation for c in o.conditions if c.obligation]


def excusing(o: Obligation, obligations: dict[str, Obligation]) -> list[str]:
    """The conditions that can excuse `o`: other parties' obligations that are not qualifiers."""
    return [
        x
        for x in obligation_conditions(o)
        if x in obligations and obligations[x].party != o.party and obligations[x].kind != "qualifier"
    ]


def conduct_by(o: Obligation, clock: Clock, first: Assessment) -> date:
    """The date up to which `o`'s conditions are judged: its due date, else the first dated breach
    evidence (the act in question), else the assessment date; never after the assessment date."""
    due = due_date(o, clock)
    if due is not None:
        return min(due, clock.as_of)
    if first.breach_period is not None:
        return min(first.breach_period[0], clock.as_of)
    return clock.as_of


def by_then(pairs: list[Pair], clock: Clock, cutoff: date) -> list[Pair]:
    """The evidence about conduct that ended by `cutoff` (dates clipped as everywhere).

    Why "ended": a report dated "2021" cannot show conduct before an April 2021 deadline; the
    conduct it reports may have come after, and conduct after the deadline never decides."""
    return [x for x in pairs if clipped(x[0], x[2], clock.signed, clock.as_of)[1] <= cutoff]


class ConditionJudge:
    """Judges conditions on conduct up to a date, once per (condition, date)."""

    def __init__(
        self,
        obligations: dict[str, Obligation],
        pairs: dict[str, list[Pair]],
        items: list[tuple[EvidenceItem, Source]],
        policy: Policy,
        clock: Clock,
    ):
        self.obligations, self.pairs, self.policy, self.clock = obligations, pairs, policy, clock
        self.items = items  # (item, source): corroboration counts only claims about conduct by then
        self._seen: dict[tuple[str, date], tuple[Status, Confidence]] = {}
        self._corr: dict[date, Corroboration] = {}

    def corroboration(self, cutoff: date) -> Corroboration:
        if cutoff not in self._corr:
            c = self.clock
            kept = [i for i, s in self.items if clipped(i, s, c.signed, c.as_of)[1] <= cutoff]
            self._corr[cutoff] = Corroboration(kept, self.policy, c.corrected)
        return self._corr[cutoff]

    def judge(self, x: str, cutoff: date) -> tuple[Status, Confidence]:
        key = (x, cutoff)
        if key not in self._seen:
            c = self.clock
            then = Clock(cutoff, c.signed, {e: d for e, d in c.events.items() if d <= cutoff}, c.corrected)
            ob = self.obligations[x]
            pairs = by_then(self.pairs.get(x, []), c, cutoff)
            a = assess(ob, pairs, self.policy, then, self.corroboration(cutoff), {})
            self._seen[key] = (a.status, confidence(a, ob, self.policy, {}))
        return self._seen[key]

    def conditions_of(self, o: Obligation, first: Assessment) -> tuple[Judged, date]:
        """The excusing conditions' findings for `o`, and the date they were judged up to."""
        cutoff = conduct_by(o, self.clock, first)
        return {x: self.judge(x, cutoff) for x in excusing(o, self.obligations)}, cutoff


def statuses(judged: Judged) -> dict[str, Status]:
    return {x: s for x, (s, _) in judged.items()}


def confidences(judged: Judged) -> dict[str, Confidence]:
    return {x: c for x, (_, c) in judged.items()}


def declared(obligations: dict[str, Obligation]) -> list[str]:
    """What each rule's obligation conditions are: an excuse (another party's duty), sequencing
    (the same party's), or a qualifier's limit; one line each, in rule order (for `validate`)."""
    out = []
    for o in sorted(obligations.values(), key=lambda o: o.id):
        for x in obligation_conditions(o):
            other = obligations.get(x)
            if other is None:
                continue
            if other.kind == "qualifier":
                what = "a qualifier: limits it, never excuses"
            elif other.party == o.party:
                what = "the same party's duty: sequencing (may set when it falls due), never an excuse"
            else:
                what = f"another party's duty ({other.party}): a condition that can excuse it"
            out.append(f"{o.id} \u2190 {x}: {what}")
    return out
