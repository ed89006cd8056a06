"""Pure scoring: (obligation, its evidence, policy, what is known as of a date) → a dated judgment.

No I/O and no clock: `as_of` is an argument. A compliance judgment is a statement about time:
what was due when (deadlines, and events that trigger them, known only once reported), what
happened when (delivery, and the breach evidence it supersedes), and what was known when (items
count from their source's publication). The sentences that explain a result are built in
explain.py from the values computed here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from scorecard.assessed import Assessment, Tally, Use
from scorecard.dates import parse_fuzzy
from scorecard.model import EvidenceItem, Link, Obligation, Origin, Policy, Source
from scorecard.results import Confidence, Role, Status
from scorecard.statuses import STATUSES, Facts, StatusDoc, first_that_holds, row, vocabulary
from scorecard.timeline import (
    ONE_TIME,
    Clock,
    breach_period,
    clipped,
    delivery,
    due_date,
    foreclosure,
    known_events,
    schedule,
    supersede,
    waiting_for,
)

__all__ = ["ONE_TIME", "Assessment", "Clock", "Tally", "Use", "known_events", "schedule"]  # re-exported

Pair = tuple[EvidenceItem, Link, Source]


# --- grades and weights -----------------------------------------------------------------------


def role_of(item: EvidenceItem, link: Link, signed: date) -> Role:
    """Why: ACH (METHOD.md §4) lets only diagnostic evidence move a status; pre-signature events
    are context (§5) whatever stance was typed."""
    if link.stance in ("context", "ambiguity"):
        return link.stance
    if item.event_date and parse_fuzzy(item.event_date)[1] < signed:
        return "pre-signature"
    return "diagnostic" if link.diagnostic else "non-diagnostic"


def witness(
    item: EvidenceItem,
    items: dict[str, EvidenceItem],
    origins: dict[str, Origin],
    sources: dict[str, Source],
) -> str:
    """The origin an item is independent as.

    Why: agreement with a published finding, when that finding was put to the speaker
    (`prompted_by`), shares the finding's origin; each publisher reporting a public event
    (origin kind `public-event`) is a witness of its own, so independent outlets corroborate."""
    seen = {item.id}
    while item.prompted_by in items and item.prompted_by not in seen:
        item = items[item.prompted_by]
        seen.add(item.id)
    origin = origins.get(item.origin)
    if origin is not None and origin.kind == "public-event" and item.source in sources:
        publisher = re.sub(r"[^a-z0-9]+", "-", sources[item.source].publisher.lower()).strip("-")
        return f"{item.origin}/{publisher or item.source}"
    return item.origin


def claim_keys(item: EvidenceItem) -> set[str]:
    """The claims an item reports: each link's own key, else the item's."""
    keys = {link.claim_key or item.claim_key for link in item.links}
    return {k for k in keys if k is not None}


class Corroboration:
    """Which items another independent origin confirms: same claim key, different origin.

    Why: Admiralty grade 1 ("confirmed by other sources") is computed, never typed, and only where
    independent origins report the same claim (METHOD.md §2). Sharing an indicator is not sharing
    a claim; repeats of one origin confirm nothing; a party's word about itself confirms nothing;
    a corrected claim confirms nothing once corrected. Keys belong to claims: a link's own key
    stands for the claim that link rests on, so one item's claim cannot lift its others.
    """

    def __init__(self, items: list[EvidenceItem], policy: Policy, corrected: Iterable[str] = ()):
        self.items, self.limit = items, policy.thresholds.corroboration_max_credibility
        self.corrected = frozenset(corrected)
        self.origins: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for it in items:
            if self._eligible(it):
                for key in claim_keys(it):
                    self.origins[key][it.origin] += 1

    def _eligible(self, it: EvidenceItem) -> bool:
        return it.party is None and it.credibility <= self.limit and it.id not in self.corrected

    def confirmed(self, it: EvidenceItem, link: Link, without: EvidenceItem | None = None) -> bool:
        """True if another origin reports the claim `link` rests on (leaving out `without`, if given)."""
        key = link.claim_key or it.claim_key
        if key is None or not self._eligible(it):
            return False
        gone = (
            without.origin
            if without is not None and self._eligible(without) and key in claim_keys(without)
            else None
        )
        for origin, n in self.origins[key].items():
            if origin == gone:
                n -= 1
            if origin != it.origin and n > 0:
                return True
        return False


def weigh(
    o: Obligation,
    pairs: list[Pair],
    policy: Policy,
    clock: Clock,
    corroboration: Corroboration,
    without: EvidenceItem | None = None,
) -> list[Use]:
    """Grade, weigh and date each (item, link, source) for obligation `o`, sorted by item id.

    Why the self-claim discount: a party's word that it complied stays an attributed claim
    (METHOD.md §5), unless the rule's indicator asks for exactly that party's official record of
    a verifiable act of its own (its troop figures): then the record is the evidence named."""
    uses = []
    reliability, credibility, own = (
        policy.reliability_weight,
        policy.credibility_weight,
        policy.self_claim_weight,
    )
    records = {i.id for i in o.indicators.compliance if i.own_record}
    confirmed, signed = corroboration.confirmed, clock.signed
    for item, link, source in sorted(pairs, key=_pair_order):
        when = clipped(item, source, signed, clock.as_of)
        if item.id in clock.corrected:
            uses.append(Use(item, link, source, "corrected", item.credibility, 0.0, when))
            continue
        role = role_of(item, link, signed)
        cred = 1 if confirmed(item, link, without) else item.credibility
        if role != "diagnostic":
            uses.append(Use(item, link, source, role, cred, 0.0, when))
            continue
        w = reliability[source.reliability.grade] * credibility[cred]
        if self_claim(item, link, o) and link.indicator not in records:
            w *= own
        uses.append(Use(item, link, source, role, cred, round(w, 6), when))
    return uses


def self_claim(item: EvidenceItem, link: Link, o: Obligation) -> bool:
    """The obliged party's own word that it complied (a denial of breach, or a claim of performance)."""
    return link.stance == "compliance" and item.party == o.party


def _pair_order(pair: Pair) -> tuple[str, str]:
    return pair[0].id, pair[1].stance


def tally(uses: list[Use]) -> Tally:
    t = Tally()
    for u in uses:
        if u.role != "diagnostic":
            continue
        side = getattr(t, u.link.stance)
        best = side.get(u.item.origin)
        if best is None or (u.weight, u.item.id) > (best.weight, best.item.id):
            side[u.item.origin] = u
    return t


# --- determination --------------------------------------------------------------------------------


def probability(t: Tally, policy: Policy) -> float | None:
    """Probability that the party did not comply; None when no diagnostic evidence exists.

    Why: a Beta-style estimate with a symmetric prior keeps one weak item from reading as
    certainty, and more independent origins move it further from even odds.
    """
    b, c = t.weight("breach"), t.weight("compliance")
    if not t.breach and not t.compliance:
        return None
    return round((b + policy.prior) / (b + c + 2 * policy.prior), 4)


def even_odds(policy: Policy) -> tuple[float, float]:
    """The probability range ICD 203 calls "roughly even chance" under this policy."""
    bands = policy.likelihood_bands
    i = next(n for n, b in enumerate(bands) if b.name == "roughly even chance")
    return (bands[i - 1].upper if i else 0.0), bands[i].upper


def facts(
    o: Obligation, t: Tally, p: float | None, policy: Policy, clock: Clock, conditions: dict[str, Status]
) -> Facts:
    """What the status table's predicates read. `conditions`: the findings on the obligations of
    other parties this one depends on, judged on conduct up to its deadline (conditions.py)."""
    th, due = policy.thresholds, due_date(o, clock)
    low, high = even_odds(policy)
    found = set(conditions.values())
    return Facts(
        before_signature=clock.as_of < clock.signed,
        foreclosed=foreclosure(o, clock) is not None,
        pending=waiting_for(o, clock)[0] is not None,
        before_due=due is not None and clock.as_of < due,
        verifiable=o.verifiability.level != "none",
        breach=t.weight("breach"),
        compliance=t.weight("compliance"),
        full=t.weight("compliance", "full"),
        probability=p,
        decisive=th.decisive,
        contested_ratio=th.contested_ratio,
        even_low=low,
        even_high=high,
        unmet=bool(found & UNMET),
        disputed=bool(found & DISPUTED),
    )


UNMET = {Status.not_compliant, Status.condition_unmet}  # a condition's findings that excuse
DISPUTED = {Status.contested, Status.condition_disputed}  # and those that leave it disputed


def decide(
    o: Obligation,
    t: Tally,
    p: float | None,
    policy: Policy,
    clock: Clock,
    conditions: dict[str, Status],
    table: tuple[StatusDoc, ...] = STATUSES,
) -> Status:
    """The status: the first row of the status table whose predicate holds (statuses.py)."""
    return vocabulary(table)[first_that_holds(facts(o, t, p, policy, clock, conditions), table).name]


@dataclass(frozen=True)
class Weighed:
    """An obligation's evidence weighed, dated and tallied: all of an assessment but the decision."""

    uses: list[Use]
    delivered: tuple[date, date] | None
    delivered_in_part: tuple[date, date] | None
    tally: Tally
    probability: float | None


def weighed_evidence(
    o: Obligation,
    pairs: list[Pair],
    policy: Policy,
    clock: Clock,
    corroboration: Corroboration,
    without: EvidenceItem | None = None,
) -> Weighed:
    if without is not None:
        pairs = [x for x in pairs if x[0].id != without.id]
    uses = weigh(o, pairs, policy, clock, corroboration, without)
    delivered = delivery(o, uses, policy)
    in_part = delivery(o, uses, policy, ("full", "partial"))
    uses = supersede(uses, delivered)
    t = tally(uses)
    return Weighed(uses, delivered, in_part, t, probability(t, policy))


def assess(
    o: Obligation,
    pairs: list[Pair],
    policy: Policy,
    clock: Clock,
    corroboration: Corroboration,
    conditions: dict[str, Status],
    without: EvidenceItem | None = None,
    weighed: Weighed | None = None,
    conduct_by: date | None = None,
) -> Assessment:
    """Weigh, date and decide one obligation (leaving out `without`, for sensitivity).

    `conditions`: the findings on the other parties' obligations this one depends on, judged on
    conduct up to `conduct_by`; `weighed`: what `weighed_evidence` gave for the same obligation,
    evidence and clock, when only the conditions' findings differ."""
    if weighed is None:
        weighed = weighed_evidence(o, pairs, policy, clock, corroboration, without)
    uses, t, p = weighed.uses, weighed.tally, weighed.probability
    status = decide(o, t, p, policy, clock, conditions)
    determined = row(status).determined
    return Assessment(
        uses=uses,
        tally=t,
        status=status,
        probability=p,
        due=due_date(o, clock),
        pending=waiting_for(o, clock)[0],
        delivered=weighed.delivered if determined else None,
        delivered_in_part=weighed.delivered_in_part if determined else None,
        breach_period=breach_period(uses),
        unmet=sorted(x for x, s in conditions.items() if s in UNMET),
        disputed=sorted(x for x, s in conditions.items() if s in DISPUTED),
        doubtful=sorted(x for x, s in conditions.items() if s is Status.insufficient_evidence),
        conditions=dict(conditions),
        conduct_by=conduct_by if conditions else None,
        foreclosed_by=foreclosure(o, clock) if status is Status.not_triggered else None,
        corrected_by={u.item.id: clock.corrected[u.item.id] for u in uses if u.role == "corrected"},
    )


def band(p: float | None, status: Status, policy: Policy) -> str | None:
    """ICD 203 likelihood of non-compliance, where the status table shows one.

    Why none for some: where the evidence cannot tell (not yet due, not verifiable, insufficient),
    and where non-performance is excused or its excuse disputed: the probability measures
    non-performance, and beside "condition unmet" a "likely" would read as a breach finding."""
    if p is None or not row(status).likelihood:
        return None
    return next(x.name for x in policy.likelihood_bands if p <= x.upper)


_LEVELS: tuple[Confidence, ...] = ("low", "moderate", "high")


def confidence(
    a: Assessment, o: Obligation, policy: Policy, condition_confidence: dict[str, Confidence]
) -> Confidence:
    """ICD 203 confidence from independent origins, their grades, consistency, verifiability.

    Why: high confidence needs at least two independent origins whatever the policy says; an
    excuse (or a disputed one) is no surer than the finding on its condition; a condition
    with too little evidence lowers confidence in a finding of non-performance one step (it might
    excuse it; performance needs no excuse); a trigger foreclosed by published evidence
    is held with moderate confidence.
    """
    if a.status is Status.not_yet_due:
        return "low" if a.pending else "high"  # calendar: high; an event not (yet) reported: low
    if a.status is Status.not_triggered:
        return "moderate"  # one published item forecloses the trigger: evidence, not the calendar
    side = row(a.status).side
    if side is None:
        return "low"
    t = a.tally
    # The obliged party's own word (a denial, a claim, even its official record) is no independent
    # origin: it never counts towards the origins a level needs.
    uses = [u for u in getattr(t, side).values() if not self_claim(u.item, u.link, o)]
    total = t.weight("breach") + t.weight("compliance")
    consistency = t.weight(side) / total if total else 0.0
    grades = {u.grade for u in uses}
    level: Confidence = "low"
    names: tuple[Literal["high", "moderate"], ...] = ("high", "moderate")
    for name in names:
        rule = policy.confidence.get(name)
        if rule is None or (name == "high" and len(uses) < 2):
            continue
        if (
            len(uses) >= rule.min_origins
            and consistency >= rule.min_consistency
            and (not rule.best_grades or grades & set(rule.best_grades))
            and o.verifiability.level in rule.verifiability
        ):
            level = name
            break
    rank = _LEVELS.index(level)
    if a.unmet or a.disputed:  # an excuse, or its dispute, is no surer than the condition's finding
        rank = min([rank] + [_LEVELS.index(condition_confidence.get(x, "low")) for x in a.unmet + a.disputed])
    if a.doubtful and side == "breach":  # an excuse that might hold: only non-performance is less sure
        rank = max(0, rank - 1)
    return _LEVELS[rank]
