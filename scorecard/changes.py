"""Change over time, pure: what differs between two assessments, and one obligation's record by date.

Each change names the evidence that caused it: the items that bear on the obligation in one
assessment and not the other, and the items whose role changed (for example, superseded by later
evidence of delivery).
"""

from __future__ import annotations

from datetime import date

from scorecard.model.project import ValidProject as Project
from scorecard.render.labels import label
from scorecard.report import build_report, history_dates
from scorecard.results import ObligationResult, Report

FIELDS = ("status", "likelihood", "confidence", "schedule")


def _value(o: ObligationResult, field: str) -> str:
    v = getattr(o, field)
    return "" if v is None else getattr(v, "value", v)


def _causes(a: ObligationResult | None, b: ObligationResult) -> dict[str, list[str]]:
    """Items new in b, items gone, 'id: role → role' for items whose role changed, and the conditions
    whose finding changed (an obligation can change with no evidence of its own: its condition did)."""
    before = {e.id: e for e in a.evidence} if a else {}
    after = {e.id: e for e in b.evidence}
    return {
        "new": sorted(after.keys() - before.keys()),
        "gone": sorted(before.keys() - after.keys()),
        "role_changed": [
            f"{i}: {before[i].role} \u2192 {after[i].role}"
            for i in sorted(after.keys() & before.keys())
            if before[i].role != after[i].role
        ],
        "conditions": [c for c in b.conditions if a is None or c not in a.conditions],
    }


def diff(a: Report, b: Report) -> list[dict]:
    """One entry per obligation whose status, likelihood, confidence or schedule differs from `a` to
    `b` (in `b`'s order): each changed field with its two values, and the evidence that caused it."""
    old = {o.id: o for o in a.obligations}
    out = []
    for o in b.obligations:
        was = old.get(o.id)
        fields = [
            {"field": f, "before": _value(was, f) if was else None, "after": _value(o, f)}
            for f in FIELDS
            if was is None or _value(was, f) != _value(o, f)
        ]
        if fields:
            out.append(
                {
                    "obligation": o.id,
                    "clause": o.clause,
                    "title": label(o),
                    "party": b.agreement.parties[o.party],
                    "changes": fields,
                    "evidence": _causes(was, o),
                }
            )
    return out


def history(p: Project, obligation: str, as_of: date) -> list[dict]:
    """The obligation's status, likelihood, confidence and schedule at each date where evidence
    appeared or a deadline fell, with the items first published that day, and for every change the
    reasons it changed (`reasons`): new evidence (which), a deadline passed, a condition's finding
    changed, or a correction (evidence withdrawn, or its role changed)."""
    conditions = [c.obligation for c in p.obligations[obligation].conditions if c.obligation]
    out: list[dict] = []
    seen: set[str] = set()
    prev: tuple[date, dict[str, ObligationResult]] | None = None
    for d in history_dates(p, as_of, obligation):
        wanted = {obligation, *conditions}
        now = {x.id: x for x in build_report(p, d).obligations if x.id in wanted}
        o = now[obligation]
        new = sorted({e.id for e in o.evidence} - seen)
        seen |= set(new)
        row = {"date": d.isoformat(), **{f: _value(o, f) for f in FIELDS}, "new_evidence": new}
        row["changed"] = [f for f in FIELDS if out and row[f] != out[-1][f]]
        row["reasons"] = _reasons(prev, now, obligation, conditions, d) if row["changed"] else []
        out.append(row)
        prev = (d, now)
    return out


def _reasons(
    prev: tuple[date, dict[str, ObligationResult]] | None,
    now: dict[str, ObligationResult],
    oid: str,
    conditions: list[str],
    d: date,
) -> list[str]:
    """Why the obligation's finding changed between the previous date and `d`."""
    if prev is None:
        return []
    since, before = prev
    a, b = before[oid], now[oid]
    c = _causes(a, b)
    out = []
    if c["new"]:
        out.append("new evidence: " + ", ".join(c["new"]))
    due = b.deadline.due or b.deadline.date if b.deadline else None
    if due and since < due <= d:
        out.append(f"the deadline passed ({due.isoformat()})")
    for x in conditions:
        if x in before and x in now and before[x].status != now[x].status:
            out.append(
                f"a condition's finding changed: {x} ({now[x].clause}, {label(now[x])}) "
                f"went from {before[x].status.value} to {now[x].status.value}"
            )
    if c["gone"] or c["role_changed"]:
        out.append("a correction: " + "; ".join([f"{i} withdrawn" for i in c["gone"]] + c["role_changed"]))
    return out or ["a correction: evidence already counted was dated or weighed anew by a later document"]
