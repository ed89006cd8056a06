"""What a reader may take from a finding: what the corpus shows of performance, in plain words.

Pure. Why: absence of evidence is not non-performance. "Shown not done" (evidence that the party
did not do it) and "not shown done" (due, and no document in the corpus reports it done) are
different findings, and every output words them apart. Which one a status gives is read from the
status table (`shows`), never from a list of statuses kept here.
"""

from __future__ import annotations

from datetime import date

from scorecard.results import ObligationResult, Performance, Period, Report, Schedule, Status
from scorecard.score import ONE_TIME, Use
from scorecard.statuses import STATUSES, StatusDoc

# Past due and not delivered: the corpus's end must be said beside such a finding.
DUE = (Schedule.overdue, Schedule.not_shown)

MEANING: dict[str, str] = {
    "shown done": "evidence in the corpus shows the party did it",
    "shown done in part": "evidence in the corpus shows the party did part of it",
    "shown not done": "evidence in the corpus shows the party did not do it",
    "not shown done": "it was due, and no document in the corpus reports it done, which is not "
    "evidence that it was not done",
}


def doc(status: Status) -> StatusDoc:
    """The status table's row for `status`."""
    return next(d for d in STATUSES if d.status == status)


def definition(status: Status) -> str:
    """The status in one plain sentence, from the status table (its rule, where none is written)."""
    d = doc(status)
    return d.definition or d.applies[:1].upper() + d.applies[1:] + "."


def performance(status: Status, schedule: Schedule) -> Performance | None:
    """What the corpus shows of performance; None where nothing is owed yet, where evidence points
    both ways, or where a continuing duty's evidence shows nothing either way."""
    shows = doc(status).shows
    if shows is not None:
        return f"shown {shows}"  # type: ignore[return-value]
    if schedule in DUE and status is not Status.contested:
        return "not shown done"
    return None


def day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def corpus_end(r: Report) -> str:
    """'the corpus holds no report after 28 March 2024' (none at all before the assessment date)."""
    if r.corpus.cutoff is None:
        return f"the corpus holds no report published by {day(r.as_of)}"
    return f"the corpus holds no report after {day(r.corpus.cutoff)}"


def latest_document(r: Report, o: ObligationResult) -> str | None:
    """The latest document that bears on `o`: 'Title (Publisher, 28 March 2024)'."""
    sources = {s.id: s for s in r.sources}
    s = sources.get(o.latest_source or "")
    return f"\u201c{s.title}\u201d ({s.publisher}, {day(s.published)})" if s else None


def _due(o: ObligationResult) -> date | None:
    return (o.deadline.due or o.deadline.date) if o.deadline else None


def shown(o: ObligationResult) -> str:
    """A short cell for tables: 'shown not done', 'not shown done by 13 July 2020', '-'."""
    p, due = o.performance, _due(o)
    if p is None:
        return "-"
    if p == "not shown done" and due:
        return f"not shown done by {day(due)}"
    if p == "shown not done" and o.kind in ONE_TIME and due:
        return f"shown not done by {day(due)}"
    return p


def in_words(r: Report, o: ObligationResult) -> str:
    """The full sentence: what the corpus shows, and, for a duty past due and not shown delivered,
    that the corpus ends and which document bearing on it is the latest. '' when nothing is owed."""
    p = o.performance
    if p is None:
        return ""
    due = _due(o)
    head = shown(o)
    out = f"{head[:1].upper()}{head[1:]}: {MEANING[p]}."
    if o.schedule in DUE:
        late, end = latest_document(r, o), corpus_end(r)
        out += (
            f" It was due by {day(due)}; {end}."
            if due and " by " not in head
            else f" {end[:1].upper()}{end[1:]}."
        )
        out += (
            f" The latest document bearing on it is {late}."
            if late
            else " No document in it bears on this obligation."
        )
    return out


def latest_source(uses: list[Use]) -> str | None:
    """The latest-published source among the evidence bearing on an obligation (ties: by id)."""
    return max(((u.source.published.date, u.source.id) for u in uses), default=(None, None))[1]


def clipped(period: tuple[date, date] | None, end: date) -> Period | None:
    """The dated breach evidence's first and last dates, never past the corpus's last document.

    Why: an event dated only "2024" spans to December, but no document read says anything after
    the corpus ends; a period running past it would claim evidence the corpus does not hold."""
    if period is None:
        return None
    last = min(period[1], end)
    return Period(first=min(period[0], last), last=last)
