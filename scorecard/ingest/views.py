"""Candidates as the CLI prints them: JSON (the `ingest` contract) or a table."""

from __future__ import annotations

import json


def candidates_json(prepared) -> str:
    """A JSON list of {quote, start, end, suggestions: [{obligation, clause, stance, indicator, score}]}."""
    rows = []
    for p in prepared:
        # Once per document: hashing the whole text for every candidate made a long document quadratic.
        each = {"file": p.doc.path.as_posix(), "sha256": p.doc.sha256, "text_sha256": p.doc.text_sha256}
        for c in p.candidates:
            rows.append({**c.as_json(), **each})
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def candidates_table(prepared, fmt: str) -> str:
    from scorecard.errors import escape_controls
    from scorecard.render.tabular import RENDERERS
    from scorecard.views import Table

    rows = []
    for p in prepared:
        for c in p.candidates:
            best = c.suggestions[0]
            quote = " ".join(c.quote.split())
            rows.append(
                [
                    escape_controls(p.doc.path.name),
                    f"{c.start}-{c.end}",
                    f"{best.score:.2f}",
                    best.obligation,
                    best.stance,
                    c.event_date or "",
                    quote if len(quote) <= 70 else quote[:69] + "…",
                ]
            )
    headers = ["file", "chars", "score", "obligation", "stance", "event", "passage"]
    return RENDERERS[fmt](Table("Candidate evidence", headers, rows))
