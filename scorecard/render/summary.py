"""The executive summary's contents: counts per party, the key-findings paragraph, and the
obligations to watch. Pure: derived from the Report, as presentation; templates only format them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from scorecard import explain
from scorecard.results import Report, Status

_CONSEQUENTIAL = (Status.not_compliant, Status.condition_unmet, Status.contested, Status.partially_compliant)
WATCH_LIMIT = 4


def day(d: date | None) -> str:
    """'23 November 2026'; a dash for no date."""
    return explain.day(d) if d else "\u2013"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def present(r: Report) -> dict[str, tuple[str, int]]:
    """Name and number of obligations of each party this report holds (all, unless filtered to one)."""
    n = Counter(o.party for o in r.obligations)
    return {p: (name, n[p]) for p, name in r.agreement.parties.items() if n[p]}


def status_counts(r: Report) -> list[dict]:
    """One row per status (in precedence order): count per party present and in total."""
    by, parties = Counter((o.status, o.party) for o in r.obligations), present(r)
    rows = []
    for s in Status:
        cells = [by[(s, p)] for p in parties]
        rows.append({"status": s, "cells": cells, "total": sum(cells)})
    return rows


_PHRASE = {Status.not_compliant: "not compliant with",
           Status.condition_unmet: "did not perform, with the condition unmet,",
           Status.contested: "contested on",
           Status.partially_compliant: "partially compliant with", Status.compliant: "compliant with"}


def _party_sentence(r: Report, party: str, name: str) -> str | None:
    """'The Taliban: not compliant with 2 obligations (under Part Two 2 and Part Two 3); …'"""
    parts = []
    for s, phrase in _PHRASE.items():
        hit = [o.clause for o in r.obligations if o.party == party and o.status is s]
        if hit:
            clauses = _join(list(dict.fromkeys(hit)))
            parts.append(f"{phrase} {_plural(len(hit), 'obligation')} (under {clauses})")
    return f"The {name}: {'; '.join(parts)}." if parts else None


def published_span(r: Report) -> str:
    """When the documents used were published: 'between A and B', or 'on A' when that is one day."""
    c = r.corpus
    if not c.cutoff:
        return ""
    if c.first_published == c.cutoff:
        return f"on {day(c.cutoff)}"
    return f"between {day(c.first_published)} and {day(c.cutoff)}"


def key_findings(r: Report) -> list[str]:
    """The executive summary's paragraph: scope, determinations per party, and their limits."""
    c, n = r.corpus, Counter(o.status for o in r.obligations)
    basis = "when no document in the corpus had yet been published"
    if c.cutoff:
        basis = f"on {_plural(c.items_used, 'evidence item')} from documents published {published_span(r)}"
    out = [(f"This scorecard assesses {_plural(len(r.obligations), 'obligation')} of the {r.agreement.title} "
            f"(signed {day(r.agreement.signed)}) as of {day(r.as_of)}, {basis}.")]
    if r.as_of < r.agreement.signed:
        out.append(f"The agreement was signed after the assessment date, so none of its obligations was yet in "
                   f"force on {day(r.as_of)}; what the evidence says about that time is context.")
    out += [s for p, name in r.agreement.parties.items() if (s := _party_sentence(r, p, name))]
    open_ = n[Status.not_verifiable] + n[Status.insufficient_evidence]
    if open_:
        out.append(f"{_plural(open_, 'obligation')} cannot be determined ({n[Status.not_verifiable]} not verifiable "
                   f"from the public record, {n[Status.insufficient_evidence]} with insufficient evidence); absence "
                   f"of evidence in the corpus (up to {day(c.cutoff)}) is not proof that nothing happened.")
    if n[Status.not_yet_due]:
        out.append(f"{_plural(n[Status.not_yet_due], 'obligation')} {'is' if n[Status.not_yet_due] == 1 else 'are'} "
                   "not yet due.")
    fragile = sum(1 for o in r.obligations if o.sensitivity)
    if fragile:
        out.append(f"{_plural(fragile, 'determination')} would change if a single evidence item were withdrawn.")
    if r.previous_as_of:
        kept = sum(1 for o in r.obligations if o.remains)
        out.append(f"{kept} of {len(r.obligations)} determinations remain as they were on {day(r.previous_as_of)}.")
    return out


def _origins(n: int, side: str) -> str:
    return f"{n} independent {side + ' ' if side else ''}origin{'s' if n != 1 else ''}"


def consequential(r: Report) -> list[dict]:
    """Findings of non-compliance, contest or partial compliance: most independent origins first."""
    why = {Status.not_compliant: lambda o: "breach shown by " + _origins(o.counts.breach_origins, ""),
           Status.contested: lambda o: f"{_origins(o.counts.breach_origins, 'breach')} against "
                                       f"{_origins(o.counts.compliance_origins, 'compliance')}",
           Status.partially_compliant: lambda o: "performance shown only in part"}
    hits = [o for o in r.obligations if o.status in why]
    hits.sort(key=lambda o: (_CONSEQUENTIAL.index(o.status), -o.counts.breach_origins - o.counts.compliance_origins))
    return [{"o": o, "why": why[o.status](o)} for o in hits]


def uncertain(r: Report) -> list[dict]:
    """Determinations that one withdrawn item would change, then those held with low confidence."""
    out = []
    for o in r.obligations:
        if o.sensitivity:
            s = o.sensitivity[0]
            more = f" (and {len(o.sensitivity) - 1} more)" if len(o.sensitivity) > 1 else ""
            why = f"without {s.evidence}{more} it would be \u201c{s.status_without.value}\u201d"
            out.append((0, {"o": o, "why": why}))
        elif o.confidence == "low" and o.status in (*_CONSEQUENTIAL, Status.compliant):
            out.append((1, {"o": o, "why": "a determination held with low confidence"}))
    return [x for _, x in sorted(out, key=lambda t: t[0])]
