"""Plain sentences for a scored obligation: reasons citing evidence, the finding, what would change it.

Pure. Wording follows the US State Department compliance reports: the obligation's own words,
a fixed vocabulary of determinations, "remains" when a finding persists.
"""

from __future__ import annotations

import re
from datetime import date

from scorecard.model import Agreement, Obligation
from scorecard.results import Judgement, Status
from scorecard.score import Tally, Use, triggered

_SEVERITY = {"low": 1, "moderate": 2, "high": 3}
# The note formats below are written here and read back by renderers (html.py), so both live here.
COULD_SHOW, CANNOT_SEE = "Could show it", "Cannot be seen"
INHERITED_NOTE = re.compile(r"^\u201c(?P<term>.+?)\u201d \((?P<level>\w+)\): .* \(from (?P<src>[a-z0-9-]+)\)$", re.DOTALL)
_LEVEL = {0: "none", 1: "low", 2: "moderate", 3: "high"}


def day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def _cite(uses: list[Use]) -> str:
    return ", ".join(f"{u.item.id} ({u.grade})" for u in sorted(uses, key=lambda u: (-u.weight, u.item.id)))


def _origins(n: int) -> str:
    return f"{n} independent origin{'s' if n != 1 else ''}"


def reasons(o: Obligation, status: Status, uses: list[Use], t: Tally, agreement: Agreement,
            as_of: date, cutoff: date | None, self_weight: float) -> list[str]:
    out: list[str] = [_status_reason(o, status, t, agreement, as_of)]
    if o.kind == "qualifier":
        out.insert(0, "This clause requires no conduct of its own: it limits the obligations that depend on it, "
                      "so its status only says whether evidence bears on it.")
    for side in ("breach", "compliance"):
        reps = list(getattr(t, side).values())
        if reps:
            out.append(f"{side.capitalize()} evidence comes from {_origins(len(reps))} "
                       f"(weight {t.weight(side):.2f}): {_cite(reps)}.")
    reps = {u.item.id for u in list(t.breach.values()) + list(t.compliance.values())}
    repeats = sorted({u.item.id for u in uses if u.role == "diagnostic" and u.item.id not in reps})
    if repeats:
        out.append(f"{', '.join(repeats)} repeat{'s' if len(repeats) == 1 else ''} an origin already counted "
                   f"and count{'s' if len(repeats) == 1 else ''} once with it.")
    for role, text in (
        ("non-diagnostic", "consistent with both compliance and breach, so they do not move the status"),
        ("pre-signature", f"describe events before signature ({day(agreement.signed)}): context only"),
        ("ambiguity", "bear on what the obligation means, not on whether it was kept"),
    ):
        ids = sorted({u.item.id for u in uses if u.role == role})
        if ids:
            out.append(f"{', '.join(ids)}: {text}.")
    selfs = sorted({u.item.id for u in uses if u.role == "diagnostic" and u.link.stance == "compliance"
                    and u.item.party == o.party})
    if selfs:
        out.append(f"{', '.join(selfs)} {'is' if len(selfs) == 1 else 'are'} the obliged party's own claim, "
                   f"counted at {self_weight:.0%} of its weight until harder evidence supports it.")
    if not t.breach and not t.compliance and status is not Status.not_yet_due:
        out.append(_absence(cutoff))
    return out


def _absence(cutoff: date | None) -> str:
    when = day(cutoff) if cutoff else "no document"
    return (f"No evidence in the corpus (published up to {when}) shows compliance or breach; "
            "that is not proof that nothing happened.")


def _status_reason(o: Obligation, status: Status, t: Tally, agreement: Agreement, as_of: date) -> str:
    b, c = t.weight("breach"), t.weight("compliance")
    if status is Status.not_yet_due:
        ok, event = triggered(o, agreement, as_of)
        if not ok:
            return f"It is triggered by the event '{event}', which had not happened by {day(as_of)}."
        if as_of < agreement.signed:
            return f"The agreement was signed on {day(agreement.signed)}, after {day(as_of)}."
        return f"It falls due on {day(o.deadline.date)} ({o.deadline.rule}); compliance is not yet shown."
    if status is Status.not_verifiable:
        return "The public record cannot show compliance or breach: " + "; ".join(o.verifiability.obstacles or ["see verifiability"]) + "."
    if status is Status.contested:
        return f"Credible evidence points both ways: breach weight {b:.2f} against compliance weight {c:.2f}."
    if status is Status.not_compliant:
        return f"Breach evidence (weight {b:.2f}) outweighs compliance evidence (weight {c:.2f}) and is decisive."
    if status in (Status.compliant, Status.partially_compliant):
        part = "" if status is Status.compliant else ", but shows only partial performance"
        return f"Compliance evidence (weight {c:.2f}) outweighs breach evidence (weight {b:.2f}){part}."
    return f"Neither side's evidence is decisive (breach {b:.2f}, compliance {c:.2f})."


def finding(o: Obligation, status: Status, party: str, remains: bool | None, late: bool = False) -> str:
    """One sentence in the fixed vocabulary, quoting the obligation's own words (and lateness)."""
    words = o.text if len(o.text) <= 140 else o.text[:137].rsplit(" ", 1)[0] + " …"
    verb = "remains" if remains else "is"
    if status is Status.not_yet_due:
        return f"{o.clause} (\u201c{words}\u201d) {verb} not yet due for the {party}."
    if status is Status.not_verifiable:
        return f"Whether the {party} kept {o.clause} (\u201c{words}\u201d) cannot be shown from the public record."
    if status is Status.insufficient_evidence:
        return (f"The evidence {'still ' if remains else ''}does not suffice to determine whether the {party} "
                f"kept {o.clause} (\u201c{words}\u201d).")
    if status is Status.contested:
        return f"Whether the {party} kept {o.clause} (\u201c{words}\u201d) {verb} contested."
    when = f" Performance came after the deadline of {day(o.deadline.date)}." if late and o.deadline else ""
    return f"The {party} {verb} {status.value} with {o.clause}: \u201c{words}\u201d.{when}"


def would_change(o: Obligation, status: Status, sens: list[tuple[str, Status]]) -> list[str]:
    """What new evidence (or removed evidence) would change the status."""
    comp = "; ".join(i.text.rstrip(".") for i in o.indicators.compliance)
    breach = "; ".join(i.text.rstrip(".") for i in o.indicators.breach)
    out = {
        Status.not_yet_due: [f"The deadline or trigger passing: {o.deadline.rule}" if o.deadline else "A trigger event"],
        Status.not_verifiable: [f"Public evidence overcoming: {'; '.join(o.verifiability.obstacles) or 'the record'}"],
        Status.not_compliant: [f"Credible evidence from further independent origins that: {comp}"],
        Status.compliant: [f"Credible evidence from an independent origin that: {breach}"],
        Status.partially_compliant: [f"Evidence of full performance: {comp}", f"Evidence that: {breach}"],
    }.get(status, [f"Evidence from further independent origins that: {breach}",
                   f"Evidence from further independent origins that: {comp}"])
    out += [f"Withdrawing {iid} would make it \u201c{new.value}\u201d." for iid, new in sens]
    return out


def ambiguity(o: Obligation, inherited: list[Obligation], uses: list[Use]) -> Judgement:
    """Level: the most severe ambiguity of the rule or of the qualifier it depends on."""
    found = [(a, o.id) for a in o.ambiguities] + [(a, q.id) for q in inherited for a in q.ambiguities]
    notes = [f"\u201c{a.term}\u201d ({a.severity}): {a.issue} Effect: {a.effect}" + ("" if src == o.id else f" (from {src})")
             for a, src in found]
    items = sorted({u.item.id for u in uses if u.role == "ambiguity"})
    if items:
        notes.append(f"Evidence about the obligation's meaning: {', '.join(items)}.")
    level = max((_SEVERITY[a.severity] for a, _ in found), default=1 if items else 0)
    return Judgement(level=_LEVEL[level], notes=notes)


def verifiability(o: Obligation) -> Judgement:
    v = o.verifiability
    notes = [f"{COULD_SHOW}: {m}" for m in v.means] + [f"{CANNOT_SEE}: {x}" for x in v.obstacles]
    return Judgement(level=v.level, notes=notes)
