"""The executive summary's contents: counts per party, the key-findings paragraph, and the
obligations to watch. Pure: derived from the Report, as presentation; templates only format them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from scorecard import explain
from scorecard.reading import corpus_end, shown
from scorecard.results import ObligationResult, Report, Status
from scorecard.statuses import STATUSES

# Every determination but "shown done" (the status table's `verdict` and `shows`), breach first.
_CONSEQUENTIAL = (
    Status.not_compliant,
    *[d.status for d in STATUSES if d.verdict and d.shows != "done" and d.name != "not_compliant"],
)
WATCH_LIMIT = 4  # least certain findings listed; every consequential one is listed


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


# What the corpus shows, as the summary words it: shown not done apart from not shown done.
_SHOWN = {
    "shown not done": "shown not done",
    "shown done in part": "shown done in part",
    "shown done": "shown done",
    "not shown done": "due and not shown done",
}


def _excused(o: ObligationResult) -> bool:
    """Shown not done while another party's commitments it depends on were found not kept first."""
    return o.status is Status.condition_unmet


def _clauses(hit: list[ObligationResult]) -> str:
    return _join(list(dict.fromkeys(o.clause for o in hit)))


def _others(r: Report, party: str) -> str:
    """The other party's name in the possessive: 'the Taliban's' (or 'the other parties'')."""
    names = [n for p, n in r.agreement.parties.items() if p != party]
    return f"the {names[0]}'s" if len(names) == 1 else "the other parties'"


def _party_sentence(r: Report, party: str, name: str) -> str | None:
    """'The United States: shown not done, 3 obligations (under Part One …), for which …; due and not
    shown done, 5 (under …).' Contested findings are named as such."""
    mine = [o for o in r.obligations if o.party == party]
    parts = []
    for key, words in _SHOWN.items():
        hit = [o for o in mine if o.performance == key]
        if hit:
            part = f"{words}, {_plural(len(hit), 'obligation')} (under {_clauses(hit)})"
            excused = [o for o in hit if _excused(o)]
            if excused:
                part += (
                    f", {'all' if len(excused) == len(hit) else len(excused)} of them depending on "
                    f"{_others(r, party)} commitments, found not kept first (so, on one reading, excused)"
                )
            parts.append(part)
    contested = [o for o in mine if o.status is Status.contested]
    if contested:
        parts.append(f"contested, {_plural(len(contested), 'obligation')} (under {_clauses(contested)})")
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
    out = [
        (
            f"This scorecard assesses {_plural(len(r.obligations), 'obligation')} of the {r.agreement.title} "
            f"(signed {day(r.agreement.signed)}) as of {day(r.as_of)}, {basis}."
        )
    ]
    if r.as_of < r.agreement.signed:
        out.append(
            f"The agreement was signed after the assessment date, so none of its obligations was yet in "
            f"force on {day(r.as_of)}; what the evidence says about that time is context."
        )
    out += [s for p, name in r.agreement.parties.items() if (s := _party_sentence(r, p, name))]
    if any(o.performance == "not shown done" for o in r.obligations):
        out.append(
            f"\u201cNot shown done\u201d means that no document in the corpus reports it done, not that it "
            f"was not done: {corpus_end(r)}."
        )
    open_ = n[Status.not_verifiable] + n[Status.insufficient_evidence]
    if open_:
        why = (
            [f"{n[Status.not_verifiable]} not verifiable from the public record"]
            if n[Status.not_verifiable]
            else []
        )
        why += (
            [f"{n[Status.insufficient_evidence]} with insufficient evidence"]
            if n[Status.insufficient_evidence]
            else []
        )
        out.append(
            f"{_plural(open_, 'obligation')} cannot be determined ({' and '.join(why)}); absence "
            f"of evidence in the corpus (up to {day(c.cutoff)}) is not proof that nothing happened."
        )
    if n[Status.not_yet_due]:
        out.append(
            f"{_plural(n[Status.not_yet_due], 'obligation')} {'is' if n[Status.not_yet_due] == 1 else 'are'} "
            "not yet due."
        )
    fragile = sum(1 for o in r.obligations if o.sensitivity)
    if fragile:
        out.append(
            f"{_plural(fragile, 'determination')} would change if a single evidence item were withdrawn."
        )
    if r.previous_as_of:
        kept = sum(1 for o in r.obligations if o.remains)
        out.append(
            f"{kept} of {len(r.obligations)} determinations remain as they were on {day(r.previous_as_of)}."
        )
    return out


def _origins(n: int, side: str) -> str:
    return f"{n} independent {side + ' ' if side else ''}origin{'s' if n != 1 else ''}"


def consequential(r: Report) -> list[dict]:
    """Every finding that the party did not do it, did it only in part, or that is contested: most
    independent origins first. Why every one: a finding left out of the summary reads as none."""

    def why(o: ObligationResult) -> str:
        if o.status is Status.contested:
            return (
                f"{_origins(o.counts.breach_origins, 'breach')} against "
                f"{_origins(o.counts.compliance_origins, 'compliance')}"
            )
        if o.performance == "shown done in part":
            return "shown done in part, by " + _origins(o.counts.compliance_origins, "")
        out = f"{shown(o)}: breach evidence from {_origins(o.counts.breach_origins, '')}"
        excused = f"; it depends on {_others(r, o.party)} commitments, found not kept first"
        return out + (excused if _excused(o) else "")

    hits = [o for o in r.obligations if o.status in _CONSEQUENTIAL]
    hits.sort(
        key=lambda o: (_CONSEQUENTIAL.index(o.status), -o.counts.breach_origins - o.counts.compliance_origins)
    )
    return [{"o": o, "why": why(o), "item": None} for o in hits]


def uncertain(r: Report) -> list[dict]:
    """Determinations that one withdrawn item would change, then those held with low confidence.

    Each carries the item (an id, which the template shows as a short reference) and the status
    without it, never a sentence holding the id.
    """
    out = []
    for o in r.obligations:
        if o.sensitivity:
            s = o.sensitivity[0]
            out.append(
                (
                    0,
                    {
                        "o": o,
                        "item": s.evidence,
                        "without": s.status_without.value,
                        "more": len(o.sensitivity) - 1,
                        "why": "",
                    },
                )
            )
        elif o.confidence == "low" and o.status in (*_CONSEQUENTIAL, Status.compliant):
            out.append((1, {"o": o, "item": None, "why": "a determination held with low confidence"}))
    return [x for _, x in sorted(out, key=lambda t: t[0])]


DETERMINED = tuple(d.status for d in STATUSES if d.verdict)
_OPEN = {d.status: d.open_words for d in STATUSES if d.open_words}


def _done(mine: list[ObligationResult]) -> list[str]:
    """'is shown not to have done 3 by their deadline', 'shown to have done 1 in part', …"""
    n = Counter(o.performance for o in mine)
    late = [o for o in mine if o.performance == "shown not done"]
    by = " by their deadline" if late and all(shown(o).startswith("shown not done by") for o in late) else ""
    parts = []
    if n["shown not done"]:
        parts.append(f"is shown not to have kept {n['shown not done']}{by}")
    if n["shown done in part"]:
        parts.append(f"shown to have kept {n['shown done in part']} in part")
    if n["shown done"]:
        parts.append(f"shown to have kept {n['shown done']}")
    contested = sum(1 for o in mine if o.status is Status.contested)
    if contested:
        parts.append(f"contested on {contested}")
    return parts


def _bottom_line(r: Report, name: str, mine: list[ObligationResult]) -> list[str]:
    """'Of its 15 obligations, the United States is shown not to have done 3 …', apart from what was
    due and is not shown done, with when the corpus ends, and how sure the findings are."""
    parts, out = _done(mine), []
    if parts:
        out.append(f"Of its {_plural(len(mine), 'obligation')}, the {name} {_join(parts)}.")
    excused = [o for o in mine if _excused(o)]
    if excused:
        k, of = len(excused), sum(1 for o in mine if o.performance == "shown not done")
        who = "It" if of == 1 else "Each of them" if k == of else f"{k} of them"
        out.append(
            f"{who} {'depend' if who[0].isdigit() else 'depends'} on {_others(r, mine[0].party)} "
            "commitments, which were found not kept first: on one reading excused, so not a plain breach."
        )
    unshown = sum(1 for o in mine if o.performance == "not shown done")
    if unshown:
        it, was = ("it", "was") if unshown == 1 else ("them", "were")
        out.append(
            f"{unshown} more {was} due with no document reporting {it} done, which does not show {it} undone: "
            f"{corpus_end(r)}."
        )
    found = sum(1 for o in mine if o.status in DETERMINED)
    if not found:
        return out or [f"No finding can be made on any of the {name}'s {_plural(len(mine), 'obligation')}."]
    conf = Counter(o.confidence for o in mine if o.status in DETERMINED)
    held = [f"{conf[c]} with {c}" for c in ("high", "moderate", "low") if conf[c]]
    return out + [
        f"Confidence in {'these' if found > 1 else 'this'} {_plural(found, 'finding')}: {_join(held)}."
    ]


def determined(r: Report) -> list[ObligationResult]:
    """Every determination (the key judgments' rows), in the Report's order."""
    return [o for o in r.obligations if o.status in DETERMINED]


def scope(r: Report) -> str:
    """The one sentence above the key judgments: what is assessed, as of when."""
    return (
        f"This scorecard assesses {_plural(len(r.obligations), 'obligation')} of the {r.agreement.title} "
        f"(signed {day(r.agreement.signed)}) as of {day(r.as_of)}."
    )


def key_judgments(r: Report) -> list[dict]:
    """Per party: the bottom line, each determination (status, likelihood, confidence kept apart), and
    what cannot be judged. Why this shape: a reader with 30 seconds needs each party's record and how
    far to trust it before any count or method."""
    out = []
    for party, (name, _) in present(r).items():
        mine = [o for o in r.obligations if o.party == party]
        rows = [o for s in DETERMINED for o in mine if o.status is s]
        n = Counter(o.status for o in mine)
        unshown = [o for o in mine if o.performance == "not shown done" and o.status not in DETERMINED]
        open_ = [f"{n[s]} {word}" for s, word in _OPEN.items() if n[s]]
        out.append(
            {
                "party": party,
                "name": name,
                "bottom": _bottom_line(r, name, mine),
                "rows": rows,
                "open": open_,
                "unshown": unshown,
            }
        )
    return out


_KIND_WORDS = {
    "news": ("news report", "news reports"),
    "analysis": ("analysis", "analyses"),
    "opinion": ("opinion piece", "opinion pieces"),
    "official-report": ("official report", "official reports"),
    "official-statement": ("official statement", "official statements"),
}


def _kind(kind: str, n: int) -> str:
    one, many = _KIND_WORDS.get(kind, (kind, kind + "s"))
    return f"{n} {one if n == 1 else many}"


def _years(first: date, last: date) -> str:
    days = (last - first).days
    return f"{days / 365.25:.1f} years" if days >= 365 else f"{days} days"


def rests_on(r: Report) -> dict:
    """What the whole assessment rests on: documents by kind and grade, the cut-off, and which
    obligations have no evidence at all. Why: a reader must see how thin the base is before the findings."""
    docs = [s for s in r.sources if s.published <= r.as_of]
    kinds = Counter(s.kind for s in docs)
    grades = Counter(s.reliability for s in docs)
    official = sum(kinds[k] for k in kinds if k.startswith("official"))
    lines = []
    if docs:
        lines.append(
            f"{_plural(len(docs), 'document')}: {_join([_kind(k, kinds[k]) for k in sorted(kinds)])}"
            + ("; no official report or statement." if not official else ".")
        )
        urls = sum(1 for s in docs if s.url)
        lines.append(
            "Reliability: "
            + _join([f"{grades[g]} graded {g}" for g in sorted(grades)])
            + " (A completely reliable \u2026 E unreliable); "
            + f"{urls or 'none'} of them {'has' if urls == 1 else 'have'} a web address to check against."
        )
        cut = r.corpus.cutoff or r.as_of
        gap = f", {_years(cut, r.as_of)} before the assessment date" if cut < r.as_of else ""
        lines.append(
            f"{_plural(r.corpus.items_used, 'quoted passage')}; the latest document was published "
            f"{day(r.corpus.cutoff)}{gap}: nothing after it was consulted."
        )
    else:
        lines.append(f"No document in the corpus was published by {day(r.as_of)}.")
    bare = []
    for party, (name, n) in present(r).items():
        mine = [o for o in r.obligations if o.party == party]
        none = [o for o in mine if not o.evidence]
        thin = [
            o for o in mine if o.evidence and not (o.counts.breach_origins or o.counts.compliance_origins)
        ]
        if none or thin:
            clauses = Counter(o.clause for o in r.obligations)
            # A clause holding two obligations is told apart by their titles; others by clause alone.
            shared = {o.id: clauses[o.clause] > 1 for o in none}
            bare.append(
                {
                    "name": name,
                    "count": len(none),
                    "of": n,
                    "obligations": none,
                    "thin": len(thin),
                    "shared": shared,
                }
            )
    return {"lines": lines, "bare": bare}
