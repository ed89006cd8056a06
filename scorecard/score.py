"""Pure scoring: (obligation, its evidence, policy, what is known as of a date) → a dated judgment.

No I/O and no clock: `as_of` is an argument. A compliance judgment is a statement about time:
what was due when (deadlines, and events that trigger them, known only once reported), what
happened when (delivery, and the breach evidence it supersedes), and what was known when (items
count from their source's publication). The sentences that explain a result are built in
explain.py from the values computed here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

from scorecard.dates import parse_fuzzy
from scorecard.model import EvidenceItem, Link, Obligation, Policy, Source
from scorecard.results import Confidence, Role, Schedule, Status

Pair = tuple[EvidenceItem, Link, Source]
ONE_TIME = ("one-off", "quantity")  # a single act (or number) by a deadline: delivery can be late
DECIDED = (
    Status.compliant,
    Status.partially_compliant,
    Status.not_compliant,
    Status.condition_unmet,
    Status.contested,
)


class Use(NamedTuple):
    """One evidence item as it bears on one obligation, with its computed grade and weight.

    A named tuple: immutable, and cheap to make by the tens of thousands."""

    item: EvidenceItem
    link: Link
    source: Source
    role: Role  # diagnostic, non-diagnostic, context, pre-signature, ambiguity, superseded
    credibility: int  # typed grade, or 1 where independent origins report the same claim (computed)
    weight: float

    @property
    def grade(self) -> str:
        return f"{self.source.reliability.grade}{self.credibility}"

    @property
    def when(self) -> tuple[date, date]:
        """When what it reports happened: its event date, else at the latest its publication."""
        if self.item.event_date:
            first, last, _ = parse_fuzzy(self.item.event_date)
            return first, last
        return date.min, self.source.published.date


@dataclass
class Tally:
    """Diagnostic weight per side, each origin counted once at its best-graded item."""

    breach: dict[str, Use] = field(default_factory=dict)  # origin → representative use
    compliance: dict[str, Use] = field(default_factory=dict)

    def weight(self, side: str, extent: str | None = None) -> float:
        uses = getattr(self, side).values()
        return round(sum(u.weight for u in uses if extent is None or u.link.extent == extent), 6)


@dataclass(frozen=True)
class Clock:
    """What an assessment as of `as_of` knows of time: signature, and events reported by then."""

    as_of: date
    signed: date
    events: dict[str, date]  # event id → date, for events some published item reports


@dataclass(frozen=True)
class Assessment:
    """Everything decided about one obligation at one date, before it is put into words."""

    uses: list[Use]
    tally: Tally
    status: Status
    probability: float | None
    due: date | None  # the deadline, or the trigger's date where that came later
    pending: str | None  # an event the obligation waits for that no published item reports yet
    delivered: tuple[date, date] | None  # when credible evidence shows the act done (one-time kinds)
    breach_period: tuple[date, date] | None  # first and last dated breach evidence
    unmet: list[str]  # obligation conditions found not kept (their ids)
    doubtful: list[str]  # obligation conditions contested or unsettled (their ids)


# --- grades and weights -----------------------------------------------------------------------


def role_of(item: EvidenceItem, link: Link, signed: date) -> Role:
    """Why: ACH (METHOD.md §4) lets only diagnostic evidence move a status; pre-signature events
    are context (§5) whatever stance was typed."""
    if link.stance in ("context", "ambiguity"):
        return link.stance
    if item.event_date and parse_fuzzy(item.event_date)[1] < signed:
        return "pre-signature"
    return "diagnostic" if link.diagnostic else "non-diagnostic"


class Corroboration:
    """Which items another independent origin confirms: same claim key, different origin.

    Why: Admiralty grade 1 ("confirmed by other sources") is computed, never typed, and only where
    independent origins report the same claim (METHOD.md §2). Sharing an indicator is not sharing
    a claim; repeats of one origin confirm nothing; a party's word about itself confirms nothing.
    """

    def __init__(self, items: list[EvidenceItem], policy: Policy):
        self.limit = policy.thresholds.corroboration_max_credibility
        self.origins: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for it in items:
            if self._eligible(it):
                self.origins[it.claim_key][it.origin] += 1  # type: ignore[index]

    def _eligible(self, it: EvidenceItem) -> bool:
        return it.claim_key is not None and it.party is None and it.credibility <= self.limit

    def confirmed(self, it: EvidenceItem, without: EvidenceItem | None = None) -> bool:
        """True if another origin reports the same claim (leaving out `without`, if given)."""
        if it.claim_key is None or not self._eligible(it):
            return False
        counts = self.origins[it.claim_key]
        for origin, n in counts.items():
            if (
                without is not None
                and self._eligible(without)
                and without.claim_key == it.claim_key
                and without.origin == origin
            ):
                n -= 1
            if origin != it.origin and n > 0:
                return True
        return False


def weigh(
    o: Obligation,
    pairs: list[Pair],
    policy: Policy,
    signed: date,
    corroboration: Corroboration,
    without: EvidenceItem | None = None,
) -> list[Use]:
    """Grade and weigh each (item, link, source) for obligation `o`, sorted by item id."""
    uses = []
    reliability, credibility, own = (
        policy.reliability_weight,
        policy.credibility_weight,
        policy.self_claim_weight,
    )
    confirmed = corroboration.confirmed
    for item, link, source in sorted(pairs, key=_pair_order):
        role = role_of(item, link, signed)
        cred = 1 if confirmed(item, without) else item.credibility
        if role != "diagnostic":
            uses.append(Use(item, link, source, role, cred, 0.0))
            continue
        w = reliability[source.reliability.grade] * credibility[cred]
        if link.stance == "compliance" and item.party == o.party:
            w *= own  # a party's word about itself (METHOD.md §5)
        uses.append(Use(item, link, source, role, cred, round(w, 6)))
    return uses


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


# --- time -----------------------------------------------------------------------------------------


def known_events(reports: list[tuple[EvidenceItem, Source]], as_of: date) -> dict[str, date]:
    """Each event some item published by `as_of` reports, at the date its most precise report gives.

    Why: an assessment must not know an event before any document reports it (METHOD.md §5).
    "September 2020" and "12 September 2020" describe one event; the day is the better date.
    An item whose date comes from a document not yet published says only that the event had
    happened by its own publication.
    """
    best: dict[str, tuple[int, date]] = {}
    for item, source in reports:
        if item.event is None or source.published.date > as_of:
            continue
        if item.event_date:
            first, last, _ = parse_fuzzy(item.event_date)
            candidate = ((last - first).days, first)
        else:
            candidate = (10**6, source.published.date)
        best[item.event] = min(candidate, best.get(item.event, candidate))
    return {event: when for event, (_, when) in best.items()}


def waiting_for(o: Obligation, clock: Clock) -> tuple[str | None, date | None]:
    """The first event the obligation waits for that is not yet reported, and the latest trigger date."""
    latest = None
    for c in o.conditions:
        if c.event is None:
            continue
        if c.event not in clock.events:
            return c.event, None
        latest = max(latest or clock.events[c.event], clock.events[c.event])
    return None, latest


def due_date(o: Obligation, clock: Clock) -> date | None:
    """The deadline, or the date its trigger was reported to happen where that came later.

    Why: Part One D and E fall due "with the start of intra-Afghan negotiations", which came
    after their target dates; they cannot be overdue before the event that starts them.
    """
    deadline = o.deadline.date if o.deadline else None
    trigger = waiting_for(o, clock)[1]
    if deadline and trigger:
        return max(deadline, trigger)
    return deadline


def delivery(o: Obligation, uses: list[Use], policy: Policy) -> tuple[date, date] | None:
    """When credible evidence first shows the act done: the date by which full-extent compliance
    from independent origins reaches the decisive weight (one-off and quantity kinds only)."""
    if o.kind not in ONE_TIME:
        return None
    dated = sorted(
        (u.when[1], u.when[0], u.item.id, u)
        for u in uses
        if u.role == "diagnostic" and u.link.stance == "compliance" and u.link.extent == "full"
    )
    best: dict[str, float] = {}
    for last, first, _, u in dated:
        best[u.item.origin] = max(best.get(u.item.origin, 0.0), u.weight)
        if sum(best.values()) >= policy.thresholds.decisive:
            return (first, last)
    return None


def supersede(uses: list[Use], delivered: tuple[date, date] | None) -> list[Use]:
    """Breach evidence of what stood before the act was done shows lateness, not non-performance.

    Why: "not withdrawn by the deadline" and "withdrew later" do not contradict each other;
    together they are the definition of late performance.
    """
    if delivered is None:
        return uses
    return [
        Use(u.item, u.link, u.source, "superseded", u.credibility, 0.0)
        if u.role == "diagnostic" and u.link.stance == "breach" and u.when[1] <= delivered[1]
        else u
        for u in uses
    ]


def breach_period(uses: list[Use]) -> tuple[date, date] | None:
    """First and last dates of the dated diagnostic breach evidence."""
    dated = [
        u.when for u in uses if u.role == "diagnostic" and u.link.stance == "breach" and u.item.event_date
    ]
    if not dated:
        return None
    return min(w[0] for w in dated), max(w[1] for w in dated)


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


def decide(
    o: Obligation, t: Tally, p: float | None, policy: Policy, clock: Clock, conditions: dict[str, Status]
) -> Status:
    """The status, by the documented precedence (the first rule that applies wins)."""
    th, due = policy.thresholds, due_date(o, clock)
    b, c = t.weight("breach"), t.weight("compliance")
    low, high = even_odds(policy)
    if clock.as_of < clock.signed or waiting_for(o, clock)[0] is not None:
        return Status.not_yet_due
    if due is not None and clock.as_of < due and c < th.decisive:
        return Status.not_yet_due
    if o.verifiability.level == "none":
        return Status.not_verifiable
    if b >= th.decisive and c >= th.decisive and min(b, c) / max(b, c) >= th.contested_ratio:
        return Status.contested
    if b >= th.decisive and p is not None and p > high:
        unmet = [
            x
            for x in obligation_conditions(o)
            if conditions.get(x) in (Status.not_compliant, Status.condition_unmet)
        ]
        return Status.condition_unmet if unmet else Status.not_compliant
    if c >= th.decisive and p is not None and p < low:
        full = t.weight("compliance", "full") >= th.decisive
        return Status.compliant if full else Status.partially_compliant
    return Status.insufficient_evidence


def obligation_conditions(o: Obligation) -> list[str]:
    return [c.obligation for c in o.conditions if c.obligation]


@dataclass(frozen=True)
class Weighed:
    """An obligation's evidence weighed, dated and tallied: all of an assessment but the decision."""

    uses: list[Use]
    delivered: tuple[date, date] | None
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
    uses = weigh(o, pairs, policy, clock.signed, corroboration, without)
    delivered = delivery(o, uses, policy)
    uses = supersede(uses, delivered)
    t = tally(uses)
    return Weighed(uses, delivered, t, probability(t, policy))


def assess(
    o: Obligation,
    pairs: list[Pair],
    policy: Policy,
    clock: Clock,
    corroboration: Corroboration,
    conditions: dict[str, Status],
    qualifiers: set[str],
    without: EvidenceItem | None = None,
    weighed: Weighed | None = None,
) -> Assessment:
    """Weigh, date and decide one obligation (leaving out `without`, for sensitivity).

    `weighed`: what `weighed_evidence` gave for the same obligation, evidence and clock, when only
    the conditions' findings differ (the weighing does not depend on them)."""
    if weighed is None:
        weighed = weighed_evidence(o, pairs, policy, clock, corroboration, without)
    uses, delivered, t, p = weighed.uses, weighed.delivered, weighed.tally, weighed.probability
    status = decide(o, t, p, policy, clock, conditions)
    real = [x for x in obligation_conditions(o) if x not in qualifiers]
    return Assessment(
        uses=uses,
        tally=t,
        status=status,
        probability=p,
        due=due_date(o, clock),
        pending=waiting_for(o, clock)[0],
        delivered=delivered if status in DECIDED else None,
        breach_period=breach_period(uses),
        unmet=[x for x in real if conditions.get(x) in (Status.not_compliant, Status.condition_unmet)],
        doubtful=[x for x in real if conditions.get(x) in (Status.contested, Status.insufficient_evidence)],
    )


def band(p: float | None, status: Status, policy: Policy) -> str | None:
    """ICD 203 likelihood of non-compliance; none where the status says the evidence cannot tell."""
    if p is None or status in (Status.not_yet_due, Status.not_verifiable, Status.insufficient_evidence):
        return None
    return next(x.name for x in policy.likelihood_bands if p <= x.upper)


_LEVELS: tuple[Confidence, ...] = ("low", "moderate", "high")


def confidence(
    a: Assessment, o: Obligation, policy: Policy, condition_confidence: dict[str, Confidence]
) -> Confidence:
    """ICD 203 confidence from independent origins, their grades, consistency, verifiability.

    Why: high confidence needs at least two independent origins whatever the policy says; an
    excuse resting on a condition is no surer than the finding on that condition; a condition
    that is contested or unsettled lowers confidence one step.
    """
    if a.status is Status.not_yet_due:
        return "low" if a.pending else "high"  # calendar: high; an event not (yet) reported: low
    side = {
        Status.not_compliant: "breach",
        Status.condition_unmet: "breach",
        Status.compliant: "compliance",
        Status.partially_compliant: "compliance",
    }.get(a.status)
    if side is None:
        return "low"
    t = a.tally
    uses = list(getattr(t, side).values())
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
    if a.status is Status.condition_unmet:
        rank = min([rank] + [_LEVELS.index(condition_confidence.get(x, "low")) for x in a.unmet])
    if a.doubtful:
        rank = max(0, rank - 1)
    return _LEVELS[rank]


def schedule(o: Obligation, a: Assessment, as_of: date) -> Schedule:
    """Timeliness, apart from the status: met four months late is not the same as never met."""
    if o.kind.startswith("continuing") or o.kind == "qualifier":
        return Schedule.continuing
    if a.status is Status.not_yet_due:
        return Schedule.not_yet_due
    if a.due is None:
        return Schedule.no_deadline
    if a.delivered is not None and a.status in (Status.compliant, Status.partially_compliant):
        first, last = a.delivered
        return Schedule.on_time if last <= a.due else Schedule.late if first > a.due else Schedule.undated
    if a.status in (Status.compliant, Status.partially_compliant) and o.kind not in ONE_TIME:
        return Schedule.undated
    if as_of < a.due:
        return Schedule.not_yet_due
    if a.status in (Status.not_compliant, Status.condition_unmet, Status.partially_compliant):
        return Schedule.overdue
    return Schedule.not_shown
