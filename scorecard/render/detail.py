"""`scorecard show`: one obligation in full, as text for the terminal, as Markdown, or as CSV."""

from __future__ import annotations

import csv
import io
import textwrap

from scorecard.reading import definition, in_words
from scorecard.results import ObligationResult, Report


def _facts(r: Report, o: ObligationResult) -> list[tuple[str, str]]:
    due = o.deadline
    status = o.status.value
    if o.previous_status is not None:
        status += "  (remains since " if o.remains else f"  (was {o.previous_status.value} on "
        status += f"{r.previous_as_of.isoformat()})" if r.previous_as_of else ")"
    if o.override:
        ov = o.override
        status += (
            f"  (override by {ov.reviewer} on {ov.date.isoformat()}; computed: {ov.computed_status.value})"
        )
    return [
        ("Deadline", f"{due.date.isoformat() if due and due.date else '-'}  ({due.rule if due else 'none'})"),
        ("Schedule", o.schedule.value),
        ("Status", f"{status}. {definition(o.status)}"),
        ("Corpus shows", in_words(r, o) or "-"),
        (
            "Likelihood",
            f"{o.likelihood or 'no basis'} (that the {r.agreement.parties[o.party]} did not comply)",
        ),
        ("Confidence", o.confidence),
        ("Ambiguity", o.ambiguity.level),
        ("Verifiability", o.verifiability.level),
        ("As of", f"{r.as_of.isoformat()} (corpus cut-off {r.corpus.cutoff or '-'})"),
    ]


def _sections(o: ObligationResult) -> list[tuple[str, list[str]]]:
    return [
        ("Finding", [o.finding]),
        *(
            [
                (
                    "Override",
                    [f"{o.override.justification} ({o.override.reviewer}, {o.override.date.isoformat()})"],
                )
            ]
            if o.override
            else []
        ),
        ("Conditions", o.conditions),
        ("Reasons", o.reasons),
        ("Sensitivity", [f"Without {s.evidence}: {s.status_without.value}" for s in o.sensitivity]),
        ("What would change the status", o.would_change),
        ("Ambiguity", o.ambiguity.notes),
        ("Verifiability", o.verifiability.notes),
    ]


def render_detail(r: Report, o: ObligationResult, width: int = 80) -> str:
    """Clause text, deadline, status box, reasoning, notes, and every evidence item, wrapped to `width`."""

    def fill(text: str, indent: str = "  ") -> str:
        return textwrap.fill(
            text,
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        )

    mark = "" if o.text_status == "verbatim" else "  [wording not confirmed verbatim]"
    out = [
        fill(f"{o.id} · {o.clause} · {r.agreement.parties[o.party]} · {o.kind}", ""),
        "",
        fill(f"\u201c{o.text}\u201d{mark}"),
    ]
    if o.text_note:
        out.append(fill(o.text_note))
    out += ["", fill(o.summary), ""]
    out += [
        textwrap.fill(
            v, width, initial_indent=f"  {k + ':':<15}", subsequent_indent=" " * 17, break_on_hyphens=False
        )
        for k, v in _facts(r, o)
    ]
    for title, lines in _sections(o):
        out += [f"\n{title}"] + ([fill(x) for x in lines] or ["  (none)"])
    out.append(f"\nEvidence ({len(o.evidence)})")
    for e in o.evidence:
        out += [
            "",
            fill(f"{e.id}  [{e.stance}, {e.role}]  grade {e.grade}  weight {e.weight:.2f}"),
            fill(f"\u201c{e.quote}\u201d", "    "),
            fill(
                f"source {e.source} (line {e.line}), published {e.published.isoformat()}, "
                f"event {e.event_date or '-'}",
                "    ",
            ),
            fill(f"claim by {e.attributed_to}; origin {e.origin}", "    "),
        ]
        if e.note:
            out.append(fill(f"note: {e.note}", "    "))
    return "\n".join(out) + "\n"


def render_detail_markdown(r: Report, o: ObligationResult) -> str:
    """The same as Markdown: headings, a facts table, lists; every value from the data escaped."""
    from scorecard.render.tabular import _md_cell as md

    mark = "" if o.text_status == "verbatim" else " (wording not confirmed verbatim)"
    out = [
        f"## {md(o.clause)}: {md(o.title or o.id)} ({md(r.agreement.parties[o.party])})",
        "",
        f"`{o.id}` · {md(o.kind)}",
        "",
        f"> \u201c{md(o.text)}\u201d{md(mark)}",
        "",
        md(o.summary),
        "",
        "| | |",
        "|---|---|",
    ]
    out += [f"| {md(k)} | {md(v)} |" for k, v in _facts(r, o)]
    for title, lines in _sections(o):
        out += ["", f"### {md(title)}", ""] + ([f"- {md(x)}" for x in lines] or ["(none)"])
    out += ["", f"### Evidence ({len(o.evidence)})"]
    for e in o.evidence:
        out += [
            "",
            f"- **{md(e.id)}** ({md(e.stance)}, {md(e.role)}), grade {md(e.grade)}, weight {e.weight:.2f}: "
            f"\u201c{md(e.quote)}\u201d (source {md(e.source)}, line {e.line}, published "
            f"{e.published.isoformat()}; claim by {md(e.attributed_to)}; origin {md(e.origin)})",
        ]
    return "\n".join(out) + "\n"


CSV_KEYS = [
    "obligation",
    "clause",
    "party",
    "status",
    "likelihood",
    "confidence",
    "evidence",
    "stance",
    "role",
    "reliability",
    "credibility",
    "weight",
    "published",
    "event_date",
    "source",
    "line",
    "origin",
    "claim",
    "quote",
    "performance",
]


def render_detail_csv(r: Report, o: ObligationResult) -> str:
    """One row per evidence item (one row with empty evidence cells when there is none)."""
    from scorecard.render.tabular import _FORMULA

    head = [o.id, o.clause, r.agreement.parties[o.party], o.status.value, o.likelihood or "", o.confidence]
    rows = [
        head
        + [
            e.id,
            e.stance,
            e.role,
            e.reliability,
            str(e.credibility),
            f"{e.weight:.2f}",
            e.published.isoformat(),
            e.event_date or "",
            e.source,
            str(e.line),
            e.origin,
            e.claim,
            e.quote,
            o.performance or "",
        ]
        for e in o.evidence
    ] or [head + [""] * 13 + [o.performance or ""]]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_KEYS)
    for row in rows:
        w.writerow(["'" + c if c.startswith(_FORMULA) else c for c in row])
    return buf.getvalue()
