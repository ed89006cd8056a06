"""Change over time, pure: what differs between two assessments, and one obligation's record by date.

Each change names the evidence that caused it: the items that bear on the obligation in one
assessment and not the other, and the items whose role changed (for example, superseded by later
evidence of delivery).
"""

from __future__ import annotations

from datetime import date

from scorecard.model.project import ValidProject as Project
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
                    "party": b.agreement.parties[o.party],
                    "changes": fields,
                    "evidence": _causes(was, o),
                }
            )
    return out


def history(p: Project, obligation: str, as_of: date) -> list[dict]:
    """The obligation's status, likelihood, confidence and schedule at each date where evidence
    appeared or a deadline fell, with the items first published that day."""
    party = p.obligations[obligation].party
    out: list[dict] = []
    seen: set[str] = set()
    for d in history_dates(p, as_of, obligation):
        o = next(x for x in build_report(p, d, party).obligations if x.id == obligation)
        new = sorted({e.id for e in o.evidence} - seen)
        seen |= set(new)
        row = {"date": d.isoformat(), **{f: _value(o, f) for f in FIELDS}, "new_evidence": new}
        row["changed"] = [f for f in FIELDS if out and row[f] != out[-1][f]]
        out.append(row)
    return out
