"""Candidates as the CLI prints them: JSON (the `ingest` contract), a terminal listing, Markdown or CSV.

Why not a table in the terminal: a reviewer judges a candidate by its whole passage; a column of
15 characters shows none of it. The listing gives each passage whole, wrapped to the width, with
where it stands and its suggestions beneath; Markdown and CSV keep one row per candidate.
"""

from __future__ import annotations

import json
import textwrap

from scorecard.errors import escape_controls


def candidates_json(prepared) -> str:
    """A JSON list of {quote, start, end, suggestions: [{obligation, clause, stance, indicator, score}], …}."""
    rows = []
    for p in prepared:
        # Once per document: hashing the whole text for every candidate made a long document quadratic.
        each = {
            "file": p.doc.url or p.doc.path.as_posix(),
            "sha256": p.doc.sha256,
            "text_sha256": p.doc.text_sha256,
        }
        for c in p.candidates:
            rows.append({**c.as_json(), **each})
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _wrap(text: str, width: int, **indents) -> list[str]:
    """Wrapped at spaces only: an id such as `passports-issued-to-threatening-persons` stays whole."""
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False, **indents)


def _who(c) -> str:
    """Speaker, party and relayed report in one line ('' when none shows)."""
    parts = []
    if c.attributed_to:
        parts.append(f"said by {c.attributed_to}" + (f" (party: {c.party})" if c.party else ""))
    if c.relays:
        origin = c.relays.get("origin")
        parts.append(f"relays {origin}" if origin else f"relays a new origin: {c.relays['description']}")
    if c.repeats:
        parts.append(f"repeats {c.repeats['item']} ({c.repeats['similarity']:.0%})")
    if c.claim_keys:
        parts.append("claim key " + ", ".join(c.claim_keys))
    return "; ".join(parts)


def candidates_listing(prepared, width: int | None) -> str:
    """Each candidate: a heading line, the whole passage wrapped to `width`, then its suggestions."""
    width = max(40, width or 100)
    body = width - 4
    out = []
    n = 0
    for p in prepared:
        name = p.doc.url or p.doc.path.name
        for c in p.candidates:
            n += 1
            where = [f"chars {c.start}-{c.end}"] + ([f"page {c.page}"] if c.page else [])
            where += [f"event {c.event_date}"] if c.event_date else []
            where += ["before signature"] if c.before_signature else []
            out.append(f"{n:>3}. {escape_controls(name)}  " + ", ".join(where))
            passage = escape_controls(" ".join(c.quote.split()))
            out.extend(_wrap(passage, body, initial_indent="    ", subsequent_indent="    "))
            who = _who(c)
            if who:
                out.extend(
                    _wrap(escape_controls(who), body, initial_indent="    ", subsequent_indent="      ")
                )
            for k, s in enumerate(c.suggestions, 1):
                line = f"{k}. {s.score:.2f} {s.stance} {s.obligation} ({s.clause})"
                line += f" [{s.indicator}]" if s.indicator else ""
                out.extend(_wrap(line, body, initial_indent="      ", subsequent_indent="         "))
            out.append("")
    head = f"Candidate evidence: {n} passage(s)\n\n"
    return head + "\n".join(out) + ("\n" if out else "")


def candidates_table(prepared, fmt: str) -> str:
    """Markdown or CSV: one row per candidate, its whole passage in the last column."""
    from scorecard.render.tabular import RENDERERS
    from scorecard.views import Table

    rows = []
    for p in prepared:
        for c in p.candidates:
            best = c.suggestions[0]
            rows.append(
                [
                    escape_controls(p.doc.url or p.doc.path.name),
                    f"{c.start}-{c.end}",
                    f"{best.score:.2f}",
                    best.obligation,
                    best.stance,
                    c.event_date or "",
                    c.attributed_to or "",
                    c.party or "",
                    " ".join(c.quote.split()),
                ]
            )
    headers = ["file", "chars", "score", "obligation", "stance", "event", "speaker", "party", "passage"]
    return RENDERERS[fmt](Table("Candidate evidence", headers, rows))
