"""Plain sentences for a scored obligation: reasons citing evidence, the finding, what would change it.

Pure. Wording follows the US State Department compliance reports: the obligation's own words,
a fixed vocabulary of determinations, "remains" when a finding persists.
"""

from __future__ import annotations

from datetime import date

from scorecard.model import Agreement, Event, Obligation
from scorecard.reading import doc
from scorecard.results import Judgement, Level, Note, Schedule, Status
from scorecard.score import ONE_TIME, Assessment, Use, self_claim
from scorecard.statuses import row

_SEVERITY = {"low": 1, "moderate": 2, "high": 3}
_LEVEL: dict[int, Level] = {0: "none", 1: "low", 2: "moderate", 3: "high"}


def day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def _cite(uses: list[Use]) -> str:
    return ", ".join(f"{u.item.id} ({u.grade})" for u in sorted(uses, key=lambda u: (-u.weight, u.item.id)))


def _origins(n: int) -> str:
    return f"{n} independent origin{'s' if n != 1 else ''}"


def reasons(
    o: Obligation,
    a: Assessment,
    sched: Schedule,
    agreement: Agreement,
    as_of: date,
    cutoff: date | None,
    self_weight: float,
    events: dict[str, Event],
) -> list[str]:
    """Why the status is what it is, citing evidence ids, in the order a reader needs them."""
    t, uses = a.tally, a.uses
    out: list[str] = [_status_reason(o, a, agreement, as_of, events)]
    if o.kind == "qualifier":
        out.insert(
            0,
            "This clause requires no conduct of its own: it limits the obligations that depend on it, "
            "so its status only says whether evidence bears on it.",
        )
    for side in ("breach", "compliance"):
        reps = list(getattr(t, side).values())
        if reps:
            out.append(
                f"{side.capitalize()} evidence comes from {_origins(len(reps))} "
                f"(weight {t.weight(side):.2f}): {_cite(reps)}."
            )
    out += _time_reasons(o, a, sched, cutoff or as_of)
    counted = {u.item.id for u in list(t.breach.values()) + list(t.compliance.values())}
    repeats = sorted({u.item.id for u in uses if u.role == "diagnostic" and u.item.id not in counted})
    if repeats:
        out.append(
            f"{', '.join(repeats)} repeat{'s' if len(repeats) == 1 else ''} an origin already counted "
            f"and count{'s' if len(repeats) == 1 else ''} once with it."
        )
    out += _role_reasons(uses, agreement)
    for iid, by in sorted(a.corrected_by.items()):
        out.append(
            f"{iid} is corrected or withdrawn by {by}, published later: from then it no longer counts."
        )
    out += _own_word(o, uses, self_weight)
    out += _condition_reasons(o, a)
    if not t.breach and not t.compliance and a.status not in (Status.not_yet_due, Status.not_triggered):
        out.append(_absence(cutoff))
    return out


def _own_word(o: Obligation, uses: list[Use], self_weight: float) -> list[str]:
    """The obliged party's own word: a denial or claim (discounted), or the official record of its
    own act that the rule's indicator names (counted in full)."""
    records = {i.id for i in o.indicators.compliance if i.own_record}
    own = [u for u in uses if u.role == "diagnostic" and self_claim(u.item, u.link, o)]
    claims = sorted({u.item.id for u in own if u.link.indicator not in records})
    kept = sorted({u.item.id for u in own if u.link.indicator in records})
    out = []
    if claims:
        out.append(
            f"{', '.join(claims)} {'is' if len(claims) == 1 else 'are'} the obliged party's own denial "
            f"or claim, not an independent origin: counted at {self_weight:.0%} of its weight until "
            "harder evidence supports it."
        )
    if kept:
        out.append(
            f"{', '.join(kept)} {'is' if len(kept) == 1 else 'are'} the obliged party's official record "
            "of its own act, which the rule's indicator names: counted at full weight, and no more than "
            "one origin."
        )
    return out


def _role_reasons(uses: list[Use], agreement: Agreement) -> list[str]:
    """One sentence per role that does not move the status, naming its items."""
    out: list[str] = []
    for role, text in (
        (
            "superseded",
            "show the act not yet done before the evidence of delivery: they show lateness, "
            "not non-performance",
        ),
        ("non-diagnostic", "consistent with both compliance and breach, so they do not move the status"),
        ("pre-signature", f"describe events before signature ({day(agreement.signed)}): context only"),
        ("ambiguity", "bear on what the obligation means, not on whether it was kept"),
    ):
        ids = sorted({u.item.id for u in uses if u.role == role})
        if ids:
            out.append(f"{', '.join(ids)}: {text}.")
    return out


def _time_reasons(o: Obligation, a: Assessment, sched: Schedule, end: date) -> list[str]:
    """When it was done, or when breach was seen: never later than `end`, the corpus's last document
    (an event dated only "2024" must not read as evidence running to December past it)."""
    out = []
    if a.delivered is not None:
        when = _span(a.delivered)
        out.append(
            f"Credible evidence shows it done {when}"
            + (
                f", after the deadline of {day(a.due)}."
                if sched is Schedule.late and a.due
                else f", by the deadline of {day(a.due)}."
                if sched is Schedule.on_time and a.due
                else "."
            )
        )
    if a.delivered_in_part is not None and a.delivered is None and sched.value.endswith("in part"):
        out.append(f"Credible evidence shows it done in part {_span(a.delivered_in_part)}.")
    if a.breach_period is not None and o.kind not in ONE_TIME:
        last = min(a.breach_period[1], end)
        first = min(a.breach_period[0], last)
        out.append(
            f"The dated breach evidence runs from {_month(first)} to {_month(last)}."
            if first != last
            else f"The dated breach evidence concerns {_month(first)}."
        )
    return out


def _condition_reasons(o: Obligation, a: Assessment) -> list[str]:
    """Why: Part One B is owed "with the commitment and action" on Part Two; a reader must see
    whether the condition held on the conduct before the deadline, and an unsettled condition
    makes the finding less sure."""
    effects = {c.obligation: c.effect for c in o.conditions if c.obligation}
    when = f" on conduct up to {day(a.conduct_by)}" if a.conduct_by else ""
    found = a.conditions
    out = []
    for x in a.unmet:
        out.append(
            f"It is conditioned on {x}, found {found[x].value}{when}: {effects[x]} Its non-performance "
            "is therefore not reported as a plain breach."
        )
    for x in a.disputed:
        out.append(
            f"It is conditioned on {x}, which is {found[x].value}{when}: {effects[x]} Whether its "
            "non-performance is excused is therefore disputed too."
        )
    for x in a.doubtful:
        out.append(
            f"It is conditioned on {x}, which is {found[x].value}{when}; that lowers confidence in this finding."
        )
    return out


def _span(when: tuple[date, date]) -> str:
    first, last = when
    if first == last:
        return f"on {day(first)}"
    if first == date.min:
        return f"by {day(last)} (the date its report was published)"
    return f"between {day(first)} and {day(last)}"


def _month(d: date) -> str:
    return d.strftime("%B %Y")


def _absence(cutoff: date | None) -> str:
    when = day(cutoff) if cutoff else "no document"
    return (
        f"No evidence in the corpus (published up to {when}) shows compliance or breach; "
        "that is not proof that nothing happened."
    )


def _status_reason(
    o: Obligation, a: Assessment, agreement: Agreement, as_of: date, events: dict[str, Event]
) -> str:
    """The first reason, worded by the status table."""
    b, c = a.tally.weight("breach"), a.tally.weight("compliance")
    return row(a.status).reason.format(
        b=b,
        c=c,
        due_reason=_due_reason(o, a, agreement, as_of, events),
        obstacles="; ".join(o.verifiability.obstacles or ["see verifiability"]),
    )


def _due_reason(
    o: Obligation, a: Assessment, agreement: Agreement, as_of: date, events: dict[str, Event]
) -> str:
    """Why nothing is (or will be) due: signature, an awaited event, a foreclosed one, the deadline."""
    if as_of < agreement.signed:
        return f"The agreement was signed on {day(agreement.signed)}, after {day(as_of)}."
    if a.pending:
        what = events[a.pending].description if a.pending in events else a.pending
        if a.foreclosed_by:
            return f"{what} ({a.foreclosed_by})."
        return f"It waits for an event no document published by {day(as_of)} reports: {what}."
    if a.due:
        rule = o.deadline.rule if o.deadline else "its trigger"
        return f"It falls due on {day(a.due)} ({rule}); compliance is not yet shown."
    return "It is not yet due."


def finding(
    o: Obligation,
    a: Assessment,
    sched: Schedule,
    party: str,
    remains: bool | None,
    agreement: Agreement,
    cutoff: date | None = None,
) -> str:
    """One sentence in the fixed vocabulary, quoting the obligation's operative words; for a duty past
    due and not shown delivered, when the corpus ends. Why: a reader takes "did not perform" at face
    value; the corpus shows only what its documents report, up to its last one."""
    return _finding(o, a, sched, party, remains, agreement) + _past_due(a.status, sched, cutoff)


def _whose(o: Obligation, agreement: Agreement | None) -> str:
    """The other party in the possessive: 'the Taliban's' (or 'another party's')."""
    others = [x.short for x in agreement.parties if x.id != o.party] if agreement else []
    return f"the {others[0]}'s" if len(others) == 1 else "another party's"


def _past_due(status: Status, sched: Schedule, cutoff: date | None) -> str:
    if sched not in (Schedule.overdue, Schedule.not_shown):
        return ""
    end = f"no report after {day(cutoff)}" if cutoff else "no report at all"
    done = "done in full" if doc(status).shows == "done in part" else "done"
    return f" No document in the corpus reports it {done}; the corpus holds {end}."


def _finding(
    o: Obligation, a: Assessment, sched: Schedule, party: str, remains: bool | None, agreement: Agreement
) -> str:
    """One sentence in the fixed vocabulary, quoting the obligation's operative words (the status
    table gives each status's sentence)."""
    words = " ".join((o.operative or o.text).split())
    when = ""
    if sched in (Schedule.late, Schedule.late_in_part) and a.due:
        when = f" Performance came after the deadline of {day(a.due)}."
    elif sched is Schedule.overdue and a.due and doc(a.status).shows == "not done":
        when = f" Evidence shows it not done by its deadline of {day(a.due)}."
    elif sched is Schedule.overdue and a.due:
        when = f" It was due in full by {day(a.due)}."
    return row(a.status).finding.format(
        party=party,
        clause=o.clause,
        quote=f"\u201c{words}\u201d",
        verb="remains" if remains else "is",
        still="still " if remains else "",
        by=f" by its deadline of {day(a.due)}" if a.due else "",
        whose=_whose(o, agreement),
        conditions=", ".join(a.unmet or a.disputed),
        when=when,
    )


def would_change(
    o: Obligation, a: Assessment, sched: Schedule, sens: list[tuple[str, Status]], events: dict[str, Event]
) -> list[str]:
    """What new (or withdrawn) evidence would change the status; never what has already happened."""
    comp = "; ".join(i.text.rstrip(".") for i in o.indicators.compliance)
    breach = "; ".join(i.text.rstrip(".") for i in o.indicators.breach)
    status = a.status
    if status is Status.not_triggered:
        what = events[a.pending].description if a.pending in events else a.pending
        out = [f"Credible evidence that the event it waits for can still happen, or has: {what}"]
    elif status is Status.not_yet_due:
        if a.pending:
            what = events[a.pending].description if a.pending in events else a.pending
            out = [f"A published report that the event it waits for has happened: {what}"]
        else:
            out = [
                f"The deadline passing ({day(a.due)}), or evidence of performance before it: {comp}"
                if a.due
                else "Signature of the agreement"
            ]
    elif status is Status.not_verifiable:
        out = [f"Public evidence overcoming: {'; '.join(o.verifiability.obstacles) or 'the record'}"]
    elif row(status).side == "breach":
        out = [f"Credible evidence from further independent origins that: {comp}"]
        if a.unmet or a.disputed:
            out.append(
                f"A finding that {', '.join(a.unmet or a.disputed)} was kept, on conduct up to "
                f"{day(a.conduct_by or a.due or date.min)}, which would make this a plain breach"
            )
    elif status is Status.compliant and a.delivered is not None:
        out = [
            f"Credible evidence from an independent origin that the act shown done {_span(a.delivered)} "
            "did not happen, or was undone"
        ]
    elif status is Status.compliant:
        out = [f"Credible evidence from an independent origin that: {breach}"]
    elif status is Status.partially_compliant and a.delivered is not None:
        # Why not the breach indicators: breach evidence dated before the part delivered shows
        # lateness, which has already happened; only undoing what was shown done would change it.
        out = [
            f"Evidence of full performance: {comp}",
            f"Credible evidence from an independent origin that the part shown done {_span(a.delivered)} "
            "did not happen, or was undone",
        ]
    elif status is Status.partially_compliant:
        out = [f"Evidence of full performance: {comp}", f"Evidence that: {breach}"]
    else:
        out = [
            f"Evidence from further independent origins that: {breach}",
            f"Evidence from further independent origins that: {comp}",
        ]
    out += [f"Withdrawing {iid} would make it \u201c{new.value}\u201d." for iid, new in sens]
    return out


def ambiguity(o: Obligation, inherited: list[Obligation], uses: list[Use]) -> Judgement:
    """Level: the most severe ambiguity of the rule or of the qualifier it depends on."""
    found = [(a, o.id) for a in o.ambiguities] + [(a, q.id) for q in inherited for a in q.ambiguities]
    entries = [
        Note(
            kind="ambiguity",
            term=a.term,
            level=a.severity,
            source=src,
            text=f"\u201c{a.term}\u201d ({a.severity}): {a.issue} Effect: {a.effect}"
            + ("" if src == o.id else f" (from {src})"),
        )
        for a, src in found
    ]
    items = sorted({u.item.id for u in uses if u.role == "ambiguity"})
    if items:
        entries.append(
            Note(
                kind="evidence",
                source=o.id,
                text=f"Evidence about the obligation's meaning: {', '.join(items)}.",
            )
        )
    level = max((_SEVERITY[a.severity] for a, _ in found), default=1 if items else 0)
    return Judgement(level=_LEVEL[level], notes=[e.text for e in entries], entries=entries)


def verifiability(o: Obligation) -> Judgement:
    v = o.verifiability
    entries = [Note(kind="could-show", text=m, source=o.id) for m in v.means]
    entries += [Note(kind="cannot-see", text=x, source=o.id) for x in v.obstacles]
    notes = [f"Could show it: {m}" for m in v.means] + [f"Cannot be seen: {x}" for x in v.obstacles]
    return Judgement(level=v.level, notes=notes, entries=entries)
