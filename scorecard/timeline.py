"""The time model: what was known when, what was due when, and what happened when. Pure.

An assessment as of a date knows only what was published by then (events, corrections, the
foreclosure of a trigger). Dates as sources give them are ranges, clipped to what the agreement
and the assessment allow. Delivery dates the act; breach evidence of what stood before it shows
lateness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scorecard.dates import parse_fuzzy
from scorecard.model import EvidenceItem, Obligation, Policy, Source
from scorecard.results import Schedule, Status
from scorecard.statuses import row

if TYPE_CHECKING:
    from scorecard.assessed import Assessment, Use

ONE_TIME = ("one-off", "quantity")  # a single act (or number) by a deadline: delivery can be late


@dataclass(frozen=True)
class Clock:
    """What an assessment as of `as_of` knows of time: signature, and what was published by then."""

    as_of: date
    signed: date
    events: dict[str, date]  # event id → date, for events some published item reports
    corrected: dict[str, str] = field(default_factory=dict)  # item → the published item correcting it
    foreclosed: dict[str, str] = field(default_factory=dict)  # event → a published item foreclosing it


def clipped(item: EvidenceItem, source: Source, signed: date, as_of: date) -> tuple[date, date]:
    """When what an item reports happened: its event date as a range, clipped to
    [signature, min(publication, as_of)]; without an event date, signature to publication.

    Why: "2020" is not evidence about January 2020, before the agreement existed, nor about a
    December that came after the report. An event wholly before signature keeps its own dates
    (it is context, and shown as such).
    """
    latest = min(source.published.date, as_of)
    if not item.event_date:
        return min(signed, latest), latest
    first, last, _ = parse_fuzzy(item.event_date)
    if last < signed:
        return first, last
    last = max(min(last, latest), signed)
    return min(max(first, signed), last), last


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


def published_marks(reports: list[tuple[EvidenceItem, Source]], as_of: date) -> tuple[dict, dict]:
    """Corrections and foreclosures published by `as_of`: (corrected item → correcting item,
    event → foreclosing item); the earliest published (then the first id) wins."""
    corrected: dict[str, tuple[date, str]] = {}
    foreclosed: dict[str, tuple[date, str]] = {}
    for item, source in reports:
        when = source.published.date
        if when > as_of:
            continue
        for target, marks in ((item.corrects, corrected), (item.forecloses, foreclosed)):
            if target is not None and (target not in marks or (when, item.id) < marks[target]):
                marks[target] = (when, item.id)
    return {k: v[1] for k, v in corrected.items()}, {k: v[1] for k, v in foreclosed.items()}


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


def foreclosure(o: Obligation, clock: Clock) -> str | None:
    """The published item that shows an awaited, unreported event can no longer happen."""
    for c in o.conditions:
        if c.event is not None and c.event not in clock.events and c.event in clock.foreclosed:
            return clock.foreclosed[c.event]
    return None


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


def delivery(
    o: Obligation, uses: list[Use], policy: Policy, extents: tuple[str, ...] = ("full",)
) -> tuple[date, date] | None:
    """When credible evidence first shows the act done: the date by which compliance evidence of
    the given extents, from independent origins, reaches the decisive weight (one-time kinds only).

    With extents ("full", "partial") it dates the act done in part."""
    if o.kind not in ONE_TIME:
        return None
    dated = sorted(
        (u.when[1], u.when[0], u.item.id, u)
        for u in uses
        if u.role == "diagnostic" and u.link.stance == "compliance" and u.link.extent in extents
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
    together they are the definition of late performance. A correction ("four posts by 31 March,
    not five") is never superseded by a delivery dated on or before its own date: that delivery
    is what it contradicts; only a delivery wholly after it makes it a record of lateness.
    """
    if delivered is None:
        return uses
    return [u._replace(role="superseded", weight=0.0) if _before(u, delivered) else u for u in uses]


def _before(u: Use, delivered: tuple[date, date]) -> bool:
    """Is `u` diagnostic breach evidence of what stood before the delivery?"""
    if u.role != "diagnostic" or u.link.stance != "breach":
        return False
    if u.item.corrects is not None:
        return u.when[1] < delivered[0]
    return u.when[1] <= delivered[1]


def breach_period(uses: list[Use]) -> tuple[date, date] | None:
    """First and last dates of the dated diagnostic breach evidence (clipped, as every `when`)."""
    dated = [
        u.when for u in uses if u.role == "diagnostic" and u.link.stance == "breach" and u.item.event_date
    ]
    if not dated:
        return None
    return min(w[0] for w in dated), max(w[1] for w in dated)


def schedule(o: Obligation, a: Assessment, as_of: date) -> Schedule:
    """Timeliness, apart from the status: met four months late is not the same as never met."""
    if a.status is Status.not_triggered:
        return Schedule.lapsed
    if o.kind.startswith("continuing") or o.kind == "qualifier":
        return Schedule.continuing
    if a.status is Status.not_yet_due:
        return Schedule.not_yet_due
    if a.due is None:
        return Schedule.no_deadline
    if a.delivered is not None and a.status in (Status.compliant, Status.partially_compliant):
        return _timely(a.delivered, a.due, (Schedule.on_time, Schedule.late, Schedule.undated))
    if a.delivered_in_part is not None and a.status is Status.partially_compliant:
        parts = (Schedule.on_time_in_part, Schedule.late_in_part, Schedule.undated_in_part)
        return _timely(a.delivered_in_part, a.due, parts)
    if a.status in (Status.compliant, Status.partially_compliant) and o.kind not in ONE_TIME:
        return Schedule.undated
    if as_of < a.due:
        return Schedule.not_yet_due
    if row(a.status).side == "breach" or a.status is Status.partially_compliant:
        return Schedule.overdue
    return Schedule.not_shown


def _timely(when: tuple[date, date], due: date, words: tuple[Schedule, Schedule, Schedule]) -> Schedule:
    """On time if the range ends by the due date, late if it starts after it; else the date is not shown.

    Why: a range straddling the deadline ("2020" for a March deadline) shows neither."""
    first, last = when
    return words[0] if last <= due else words[1] if first > due else words[2]
