"""Rows for the tabular formats (table, markdown, csv) and the JSON shapes of the list commands.

Pure: a view only selects and orders what the Report already holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scorecard.results import ObligationResult, Report


@dataclass(frozen=True)
class Column:
    """One column: its heading, a shorter heading for narrow terminals, its CSV key, and its kind.

    kind: `id` (a list of ids wraps between them only), `text` (wraps at spaces, never at
    hyphens), `fixed` (dates, grades, counts: never wrapped). `short` maps values to shorter
    labels for narrow terminals (e.g. 'moderate' to 'mod').
    """

    header: str
    key: str
    kind: str = "text"
    brief: str | None = None
    short: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    columns: list[Column] | None = None  # None: every column text, headers as CSV keys
    lead: int = 1  # columns that open each row on a line of their own when the table is too wide
    csv_rows: list[list[str]] | None = None  # one number per cell, empty for no value (default: rows)
    csv_keys: list[str] | None = None  # snake_case headers of csv_rows (default: each column's key)

    def cols(self) -> list[Column]:
        return self.columns or [Column(h, h) for h in self.headers]


LEVEL_SHORT = {"moderate": "mod", "high": "high", "low": "low", "none": "none"}


def _date(d) -> str:
    return d.isoformat() if d else "-"


def _change(o: ObligationResult) -> str:
    """What the --previous column says: 'remains', or the status it was."""
    if o.previous_status is None:
        return ""
    return "remains" if o.previous_status is o.status else f"was {o.previous_status.value}"


def status_words(o) -> str:
    """The status as every table shows it: an analyst's override says so, with the computed status."""
    if o.override is None:
        return o.status.value
    return f"{o.status.value} (override; computed: {o.override.computed_status.value})"


_SCORE = [
    Column("obligation", "obligation", "id"),
    Column("clause", "clause"),
    Column("party", "party"),
    Column("status", "status"),
    Column("likelihood of breach", "likelihood", brief="likelihood"),
    Column("confidence", "confidence", brief="conf", short=LEVEL_SHORT),
    Column("ambiguity", "ambiguity", brief="ambig", short=LEVEL_SHORT),
    Column("verifiability", "verifiability", brief="verif", short=LEVEL_SHORT),
    Column("deadline", "deadline", "fixed"),
    Column("schedule", "schedule"),
    Column("origins b/c", "breach_origins", "fixed", brief="b/c"),
]
_CHANGE = Column("since previous", "since_previous", brief="since")


def score_table(r: Report, merged: bool = False) -> Table:
    """One row per obligation; with --previous, what changed since then: its own column, or with
    `merged` (narrow terminals) in the status cell, e.g. 'compliant (was insufficient evidence)'."""
    rows, csv_rows = [], []
    for o in r.obligations:
        due = _date(o.deadline.date if o.deadline else None)
        change = [_change(o)] if r.previous_as_of else []
        status = status_words(o)
        if merged and change:
            status, change = f"{status} ({change[0]})", []
        common = [o.id, o.clause, r.agreement.parties[o.party]]
        levels = [o.confidence, o.ambiguity.level, o.verifiability.level]
        rows.append(
            common
            + [status, o.likelihood or "-"]
            + levels
            + [due, o.schedule.value, f"{o.counts.breach_origins}/{o.counts.compliance_origins}"]
            + change
        )
        computed = [o.override.computed_status.value if o.override else ""]
        csv_rows.append(
            common
            + [o.status.value, o.likelihood or ""]
            + levels
            + [
                due if due != "-" else "",
                o.schedule.value,
                str(o.counts.breach_origins),
                str(o.counts.compliance_origins),
            ]
            + computed
            + change
            + ([o.previous_status.value if o.previous_status else ""] if change else [])
        )
    cols = _SCORE + ([_CHANGE] if r.previous_as_of and not merged else [])
    title = f"{r.agreement.title}: compliance as of {r.as_of.isoformat()}"
    if r.previous_as_of:
        title += f" (changes since {r.previous_as_of.isoformat()})"
    keys = [c.key for c in _SCORE] + ["compliance_origins", "computed_status"]
    keys += ["since_previous", "previous_status"] if r.previous_as_of and not merged else []
    return Table(title, [c.header for c in cols], rows, cols, lead=3, csv_rows=csv_rows, csv_keys=keys)


def rules_table(r: Report) -> Table:
    """The obligations as the Report holds them (ambiguity includes what a qualifier passes on)."""
    rows = []
    for o in r.obligations:
        d = o.deadline
        rows.append(
            [
                o.id,
                o.clause,
                o.party,
                o.kind,
                _date(d.date if d else None),
                o.ambiguity.level,
                o.verifiability.level,
                o.text_status,
            ]
        )
    cols = [
        Column("obligation", "obligation", "id"),
        Column("clause", "clause"),
        Column("party", "party"),
        Column("kind", "kind"),
        Column("deadline", "deadline", "fixed"),
        Column("ambiguity", "ambiguity", brief="ambig", short=LEVEL_SHORT),
        Column("verifiability", "verifiability", brief="verif", short=LEVEL_SHORT),
        Column("text", "text_status"),
    ]
    return Table(f"Rules: {r.agreement.title}", [c.header for c in cols], rows, cols, lead=3)


def sources_table(r: Report) -> Table:
    """The sources published by the assessment date (a later one was not there to be read)."""
    shown = [s for s in r.sources if s.published <= r.as_of]
    rows = [
        [
            s.id,
            _date(s.published) + ("*" if s.published_inferred else ""),
            s.publisher,
            s.kind,
            s.reliability,
            str(s.items),
            s.title,
        ]
        for s in shown
    ]
    cols = [
        Column("source", "source", "id"),
        Column("published", "published", "fixed"),
        Column("publisher", "publisher"),
        Column("kind", "kind"),
        Column("reliability", "reliability", "fixed", brief="rel"),
        Column("items", "items", "fixed"),
        Column("title", "title"),
    ]
    csv_rows = [
        [
            s.id,
            _date(s.published),
            s.publisher,
            s.kind,
            s.reliability,
            str(s.items),
            s.title,
            "yes" if s.published_inferred else "no",
        ]
        for s in shown
    ]
    return Table(
        "Sources (* publication date inferred)",
        [c.header for c in cols],
        rows,
        cols,
        csv_rows=csv_rows,
        csv_keys=[c.key for c in cols] + ["published_inferred"],
    )


def evidence_rows(r: Report) -> list[dict]:
    """The `scorecard evidence --format json` contract: one entry per item, by id."""
    clause = {o.id: o.clause for o in r.obligations}
    refs: dict[str, list] = {}
    for o in r.obligations:
        for e in o.evidence:
            refs.setdefault(e.id, []).append((o.id, e))
    sources = {s.id: s for s in r.sources}
    out = []
    for iid in sorted(refs):
        first = refs[iid][0][1]
        out.append(
            {
                "id": iid,
                "source": first.source,
                "source_file": sources[first.source].file,
                "quote": first.quote,
                "start": first.start,
                "end": first.end,
                "obligations": [
                    {"id": oid, "clause": clause[oid], "stance": e.stance} for oid, e in refs[iid]
                ],
                "event_date": first.event_date,
                "published": first.published.isoformat(),
                "attributed_to": first.attributed_to,
                "origin": first.origin,
                "reliability": first.reliability,
                "credibility": min(e.credibility for _, e in refs[iid]),
                "claim": first.claim,
            }
        )
    return out


def evidence_table(rows: list[dict]) -> Table:
    body = [
        [
            e["id"],
            e["source"],
            e["published"],
            e["event_date"] or "-",
            f"{e['reliability']}{e['credibility']}",
            e["origin"],
            ", ".join(f"{o['id']} ({o['stance']})" for o in e["obligations"]),
            e["claim"],
        ]
        for e in rows
    ]
    csv_rows = [
        [
            e["id"],
            e["source"],
            e["published"],
            e["event_date"] or "",
            e["reliability"],
            str(e["credibility"]),
            e["origin"],
            " ".join(f"{o['id']}:{o['stance']}" for o in e["obligations"]),
            e["claim"],
        ]
        for e in rows
    ]
    cols = [
        Column("evidence", "evidence", "id"),
        Column("source", "source", "id"),
        Column("published", "published", "fixed"),
        Column("event", "event_date", "fixed"),
        Column("grade", "grade", "fixed"),
        Column("origin", "origin", "id"),
        Column("obligations (stance)", "obligations", "id", brief="obligations"),
        Column("claim", "claim"),
    ]
    keys = [
        "evidence",
        "source",
        "published",
        "event_date",
        "reliability",
        "credibility",
        "origin",
        "obligations",
        "claim",
    ]
    return Table("Evidence items", [c.header for c in cols], body, cols, csv_rows=csv_rows, csv_keys=keys)


def _was(v: str | None) -> str:
    return "(none)" if v is None else (v or "-")


def _evidence(c: dict) -> str:
    e = c["evidence"]
    return " ".join(
        [f"+{i}" for i in e["new"]]
        + [f"-{i}" for i in e["gone"]]
        + [f"({x})" for x in e["role_changed"]]
        + [f"(condition: {x})" for x in e["conditions"]]
    )


def diff_table(changes: list[dict], title: str) -> Table:
    """One row per changed obligation (CSV: one row per changed field, for spreadsheets)."""
    rows = [
        [
            c["obligation"],
            c["clause"],
            c["party"],
            "; ".join(f"{f['field']}: {_was(f['before'])} \u2192 {f['after'] or '-'}" for f in c["changes"]),
            _evidence(c) or "-",
        ]
        for c in changes
    ]
    csv_rows = [
        [
            c["obligation"],
            c["clause"],
            c["party"],
            f["field"],
            f["before"] or "",
            f["after"],
            " ".join(c["evidence"]["new"]),
            " ".join(c["evidence"]["gone"]),
            "; ".join(c["evidence"]["role_changed"]),
            "; ".join(c["evidence"]["conditions"]),
        ]
        for c in changes
        for f in c["changes"]
    ]
    cols = [
        Column("obligation", "obligation", "id"),
        Column("clause", "clause"),
        Column("party", "party"),
        Column("what changed", "field", brief="changed"),
        Column("evidence (+ new, - gone)", "evidence", "id", brief="evidence"),
    ]
    return Table(
        title,
        [c.header for c in cols],
        rows,
        cols,
        lead=3,
        csv_rows=csv_rows,
        csv_keys=[
            "obligation",
            "clause",
            "party",
            "field",
            "before",
            "after",
            "new_evidence",
            "gone_evidence",
            "evidence_role_changed",
            "conditions_changed",
        ],
    )


def history_table(rows: list[dict], title: str) -> Table:
    def mark(r: dict, f: str) -> str:
        return (r[f] or "-") + (" *" if f in r["changed"] else "")

    body = [
        [
            r["date"],
            mark(r, "status"),
            mark(r, "likelihood"),
            mark(r, "confidence"),
            mark(r, "schedule"),
            " ".join(r["new_evidence"]) or "-",
        ]
        for r in rows
    ]
    csv_rows = [
        [
            r["date"],
            r["status"],
            r["likelihood"],
            r["confidence"],
            r["schedule"],
            " ".join(r["new_evidence"]),
            " ".join(r["changed"]),
        ]
        for r in rows
    ]
    cols = [
        Column("date", "date", "fixed"),
        Column("status", "status"),
        Column("likelihood", "likelihood"),
        Column("confidence", "confidence", brief="conf", short=LEVEL_SHORT),
        Column("schedule", "schedule"),
        Column("new evidence", "new_evidence", "id"),
    ]
    return Table(
        title + " (* changed)",
        [c.header for c in cols],
        body,
        cols,
        csv_rows=csv_rows,
        csv_keys=[c.key for c in cols] + ["changed"],
    )
