"""Pure scoring: (obligation, its evidence, policy, as_of) → status, likelihood, confidence, schedule.

No I/O and no clock: `as_of` is an argument. The sentences that explain a result are built in
explain.py from the numbers computed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from scorecard.dates import parse_fuzzy
from scorecard.model import Agreement, EvidenceItem, Link, Obligation, Policy, Source
from scorecard.results import Schedule, Status


@dataclass(frozen=True)
class Use:
    """One evidence item as it bears on one obligation, with its computed grade and weight."""

    item: EvidenceItem
    link: Link
    source: Source
    role: str  # diagnostic, non-diagnostic, context, pre-signature, ambiguity
    credibility: int  # typed grade, or 1 where independent origins agree (computed)
    weight: float

    @property
    def grade(self) -> str:
        return f"{self.source.reliability.grade}{self.credibility}"


@dataclass
class Tally:
    """Diagnostic weight per side, each origin counted once at its best-graded item."""

    breach: dict[str, Use] = field(default_factory=dict)  # origin → representative use
    compliance: dict[str, Use] = field(default_factory=dict)

    def weight(self, side: str, extent: str | None = None) -> float:
        uses = getattr(self, side).values()
        return round(sum(u.weight for u in uses if extent is None or u.link.extent == extent), 6)


def role_of(item: EvidenceItem, link: Link, signed: date) -> str:
    """Why: ACH (METHOD.md §4) lets only diagnostic evidence move a status; pre-signature events
    are context (§5) whatever stance was typed."""
    if link.stance in ("context", "ambiguity"):
        return link.stance
    if item.event_date and parse_fuzzy(item.event_date)[1] < signed:
        return "pre-signature"
    return "diagnostic" if link.diagnostic else "non-diagnostic"


def _corroborated(pairs: list[tuple[EvidenceItem, Link, Source]], policy: Policy, signed: date) -> set[str]:
    """Items that another origin agrees with: same stance (and indicator, where both name one).

    Why: Admiralty grade 1 ("confirmed by other sources") is computed, never typed, and only where
    two or more independent origins agree (METHOD.md §2); repeats of one origin confirm nothing.
    """
    limit = policy.thresholds.corroboration_max_credibility
    eligible = [(it, ln) for it, ln, _ in pairs if role_of(it, ln, signed) == "diagnostic" and it.credibility <= limit]
    out = set()
    for it, ln in eligible:
        for other, oln in eligible:
            same_claim = oln.stance == ln.stance and (ln.indicator is None or oln.indicator in (None, ln.indicator))
            if other.origin != it.origin and same_claim:
                out.add(it.id)
                break
    return out


def weigh(o: Obligation, pairs: list[tuple[EvidenceItem, Link, Source]], policy: Policy, signed: date) -> list[Use]:
    """Grade and weigh each (item, link, source) for obligation `o`, sorted by item id."""
    confirmed = _corroborated(pairs, policy, signed)
    uses = []
    for item, link, source in sorted(pairs, key=lambda t: (t[0].id, t[1].stance)):
        role = role_of(item, link, signed)
        cred = 1 if item.id in confirmed else item.credibility
        w = policy.reliability_weight[source.reliability.grade] * policy.credibility_weight[cred]
        if link.stance == "compliance" and item.party == o.party:
            w *= policy.self_claim_weight  # a party's word about itself (METHOD.md §5)
        uses.append(Use(item, link, source, role, cred, round(w if role == "diagnostic" else 0.0, 6)))
    return uses


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


def triggered(o: Obligation, agreement: Agreement, as_of: date) -> tuple[bool, str | None]:
    """Whether every event the obligation waits for has happened by `as_of` (and which has not)."""
    events = {e.id: e for e in agreement.events}
    for c in o.conditions:
        when = events[c.event].date if c.event in events else None
        if c.event and (when is None or when > as_of):
            return False, c.event
    return True, None


def decide(o: Obligation, t: Tally, policy: Policy, agreement: Agreement, as_of: date) -> Status:
    """The status, by the documented precedence (first rule that applies wins)."""
    th = policy.thresholds
    b, c = t.weight("breach"), t.weight("compliance")
    due = o.deadline.date if o.deadline else None
    if as_of < agreement.signed or not triggered(o, agreement, as_of)[0]:
        return Status.not_yet_due
    if due is not None and as_of < due and c < th.decisive:
        return Status.not_yet_due
    if o.verifiability.level == "none":
        return Status.not_verifiable
    if b >= th.decisive and c >= th.decisive and min(b, c) / max(b, c) >= th.contested_ratio:
        return Status.contested
    if b >= th.decisive and b > c:
        return Status.not_compliant
    if c >= th.decisive and c > b:
        full = t.weight("compliance", "full") >= th.decisive
        return Status.compliant if full else Status.partially_compliant
    return Status.insufficient_evidence


def probability(t: Tally, policy: Policy) -> float | None:
    """Probability that the party did not comply; None when no diagnostic evidence exists.

    Why: a Beta-style estimate with a symmetric prior keeps one weak item from reading as
    certainty, and more independent origins move it further from even odds.
    """
    b, c = t.weight("breach"), t.weight("compliance")
    if not t.breach and not t.compliance:
        return None
    return round((b + policy.prior) / (b + c + 2 * policy.prior), 4)


def band(p: float | None, policy: Policy) -> str | None:
    if p is None:
        return None
    return next(x.name for x in policy.likelihood_bands if p <= x.upper)


def confidence(status: Status, t: Tally, o: Obligation, policy: Policy) -> str:
    """ICD 203 confidence from independent origins, their grades, consistency, verifiability."""
    if status is Status.not_yet_due:
        return "high"  # a matter of the calendar or of a dated trigger
    side = {Status.not_compliant: "breach", Status.compliant: "compliance",
            Status.partially_compliant: "compliance"}.get(status)
    if side is None:
        return "low"
    uses = list(getattr(t, side).values())
    total = t.weight("breach") + t.weight("compliance")
    consistency = t.weight(side) / total if total else 0.0
    best = {u.grade for u in uses}
    for level in ("high", "moderate"):
        rule = policy.confidence.get(level)
        if rule is None:
            continue
        if (len(uses) >= rule.min_origins and consistency >= rule.min_consistency
                and (not rule.best_grades or best & set(rule.best_grades))
                and o.verifiability.level in rule.verifiability):
            return level
    return "low"


def schedule(o: Obligation, status: Status, t: Tally, as_of: date) -> Schedule:
    """Timeliness, apart from the status: met four months late is not the same as never met."""
    if o.kind.startswith("continuing") or o.kind == "qualifier":
        return Schedule.continuing
    due = o.deadline.date if o.deadline else None
    if due is None:
        return Schedule.no_deadline
    if status in (Status.compliant, Status.partially_compliant):
        dated = [parse_fuzzy(u.item.event_date)[0] for u in t.compliance.values() if u.item.event_date]
        if not dated:
            return Schedule.undated
        return Schedule.on_time if min(dated) <= due else Schedule.late
    if as_of < due:
        return Schedule.not_yet_due
    if status is Status.not_compliant:
        return Schedule.overdue
    return Schedule.not_shown


def sensitivity(o: Obligation, uses: list[Use], status: Status, policy: Policy,
                agreement: Agreement, as_of: date) -> list[tuple[str, Status]]:
    """Items whose removal alone would change the status (METHOD.md §4), with the new status."""
    out = []
    for iid in sorted({u.item.id for u in uses if u.role == "diagnostic"}):
        rest = [(u.item, u.link, u.source) for u in uses if u.item.id != iid]
        other = decide(o, tally(weigh(o, rest, policy, agreement.signed)), policy, agreement, as_of)
        if other is not status:
            out.append((iid, other))
    return out
