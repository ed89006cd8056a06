"""`scorecard show`: one obligation in full, as text for the terminal or as Markdown."""

from __future__ import annotations

import textwrap

from scorecard.results import ObligationResult, Report

_W = 96


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, _W, initial_indent=indent, subsequent_indent=indent)


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"\n{title}"] + ([_wrap(x) for x in lines] or ["  (none)"])


def render_detail(r: Report, o: ObligationResult) -> str:
    """Clause text, deadline, status box, reasoning, notes, and every evidence item with its quote."""
    mark = "" if o.text_status == "verbatim" else "  [wording not confirmed verbatim]"
    due = o.deadline
    out = [f"{o.id} · {o.clause} · {r.agreement.parties[o.party]} · {o.kind}", "",
           _wrap(f"\u201c{o.text}\u201d{mark}")]
    if o.text_note:
        out.append(_wrap(o.text_note))
    out += ["", _wrap(o.summary),
            "", f"  Deadline:      {due.date.isoformat() if due and due.date else '-'}  ({due.rule if due else 'none'})",
            f"  Schedule:      {o.schedule.value}",
            f"  Status:        {o.status.value}" + ("  (remains)" if o.remains else "")
            + (f"  (override by {o.override.reviewer} on {o.override.date.isoformat()}; computed: "
               f"{o.override.computed_status.value})" if o.override else ""),
            f"  Likelihood:    {o.likelihood or 'no basis'} (that the {r.agreement.parties[o.party]} did not comply)",
            f"  Confidence:    {o.confidence}",
            f"  Ambiguity:     {o.ambiguity.level}",
            f"  Verifiability: {o.verifiability.level}",
            f"  As of:         {r.as_of.isoformat()} (corpus cut-off {r.corpus.cutoff or '-'})"]
    out += _section("Finding", [o.finding])
    if o.override:
        ov = o.override
        out += _section("Override", [f"{ov.justification} ({ov.reviewer}, {ov.date.isoformat()})"])
    out += _section("Conditions", o.conditions)
    out += _section("Reasons", o.reasons)
    out += _section("Sensitivity", [f"Without {s.evidence}: {s.status_without.value}" for s in o.sensitivity])
    out += _section("What would change the status", o.would_change)
    out += _section("Ambiguity", o.ambiguity.notes)
    out += _section("Verifiability", o.verifiability.notes)
    out.append(f"\nEvidence ({len(o.evidence)})")
    for e in o.evidence:
        out += ["", f"  {e.id}  [{e.stance}, {e.role}]  grade {e.grade}  weight {e.weight:.2f}",
                _wrap(f"\u201c{e.quote}\u201d", "    "),
                f"    source {e.source} (line {e.line}), published {e.published.isoformat()}, "
                f"event {e.event_date or '-'}",
                _wrap(f"claim by {e.attributed_to}; origin {e.origin}", "    ")]
        if e.note:
            out.append(_wrap(f"note: {e.note}", "    "))
    return "\n".join(out) + "\n"
