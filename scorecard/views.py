"""Rows for the tabular formats (table, markdown, csv) and the JSON shapes of the list commands.

Pure: a view only selects and orders what the Report (or the loaded project) already holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.load import Project
from scorecard.report import order
from scorecard.results import Report


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]


def _date(d) -> str:
    return d.isoformat() if d else "-"


def status_words(o) -> str:
    """The status as every table shows it: an analyst's override says so, with the computed status."""
    if o.override is None:
        return o.status.value
    return f"{o.status.value} (override; computed: {o.override.computed_status.value})"


def score_table(r: Report) -> Table:
    rows = [[o.id, o.clause, r.agreement.parties[o.party], status_words(o), o.likelihood or "-", o.confidence,
             o.ambiguity.level, o.verifiability.level, _date(o.deadline.date if o.deadline else None),
             o.schedule.value, f"{o.counts.breach_origins}/{o.counts.compliance_origins}"] for o in r.obligations]
    return Table(f"{r.agreement.title}: compliance as of {r.as_of.isoformat()}",
                 ["obligation", "clause", "party", "status", "likelihood of breach", "confidence", "ambiguity",
                  "verifiability", "deadline", "schedule", "origins b/c"], rows)


def rules_table(p: Project) -> Table:
    rows = []
    for o in order(p):
        d = o.deadline
        level = max((a.severity for a in o.ambiguities), key=["low", "moderate", "high"].index, default="none")
        rows.append([o.id, o.clause, o.party, o.kind, _date(d.date if d else None), level,
                     o.verifiability.level, o.text_status])
    return Table(f"Rules: {p.agreement.title}", ["obligation", "clause", "party", "kind", "deadline",
                 "ambiguity", "verifiability", "text"], rows)


def sources_table(r: Report) -> Table:
    rows = [[s.id, _date(s.published) + ("*" if s.published_inferred else ""), s.publisher, s.kind,
             s.reliability, str(s.items), s.title] for s in r.sources]
    return Table("Sources (* publication date inferred)",
                 ["source", "published", "publisher", "kind", "reliability", "items", "title"], rows)


def evidence_rows(r: Report, p: Project) -> list[dict]:
    """The `scorecard evidence --format json` contract: one entry per item, by id."""
    clause = {o.id: o.clause for o in p.obligations.values()}
    refs: dict[str, list] = {}
    for o in r.obligations:
        for e in o.evidence:
            refs.setdefault(e.id, []).append((o.id, e))
    sources = {s.id: s for s in r.sources}
    out = []
    for iid in sorted(refs):
        first = refs[iid][0][1]
        item = p.items[iid]
        out.append({
            "id": iid, "source": first.source, "source_file": sources[first.source].file, "quote": first.quote,
            "start": first.start, "end": first.end,
            "obligations": [{"id": oid, "clause": clause[oid], "stance": e.stance} for oid, e in refs[iid]],
            "event_date": first.event_date, "published": first.published.isoformat(),
            "attributed_to": first.attributed_to, "origin": first.origin, "reliability": first.reliability,
            "credibility": min(e.credibility for _, e in refs[iid]), "claim": item.claim,
        })
    return out


def evidence_table(rows: list[dict]) -> Table:
    body = [[e["id"], e["source"], e["published"], e["event_date"] or "-", f"{e['reliability']}{e['credibility']}",
             e["origin"], ", ".join(f"{o['id']} ({o['stance']})" for o in e["obligations"]), e["claim"]]
            for e in rows]
    return Table("Evidence items", ["evidence", "source", "published", "event", "grade", "origin",
                                    "obligations (stance)", "claim"], body)
