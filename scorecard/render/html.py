"""The scorecard as one self-contained HTML document: the source of the PDF and of `report --html`.

Pure: the Report in, a string out. Templates only format; every sentence, count and ordering they
show is derived here, as presentation, from what the Report already holds.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

from scorecard.render import figures
from scorecard.results import ObligationResult, Report, Status

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Status → (css class, glyph). Why a glyph: the colour must not be the only carrier of meaning,
# so the matrix still reads when printed in greyscale.
STATUS_MARK = {
    Status.not_yet_due: ("nyd", "\u25f7"),
    Status.not_verifiable: ("nv", "\u2298"),
    Status.contested: ("con", "\u21c4"),
    Status.not_compliant: ("nc", "\u2717"),
    Status.partially_compliant: ("pc", "\u25d0"),
    Status.compliant: ("ok", "\u2713"),
    Status.insufficient_evidence: ("ie", "?"),
}
STANCE_GLYPH = {"breach": "\u25bc", "compliance": "\u25cf", "context": "\u25a0", "ambiguity": "\u25c6"}
RELIABILITY = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
               "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY = {1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful",
               5: "improbable", 6: "truth cannot be judged"}
_CONSEQUENTIAL = (Status.not_compliant, Status.contested, Status.partially_compliant)
WATCH_LIMIT = 7


def day(d: date | None) -> str:
    """'23 November 2026'; a dash for no date."""
    return f"{d.day} {d.strftime('%B %Y')}" if d else "\u2013"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def status_counts(r: Report) -> list[dict]:
    """One row per status (in precedence order): count per party and in total."""
    by = Counter((o.status, o.party) for o in r.obligations)
    rows = []
    for s in Status:
        cells = [by[(s, p)] for p in r.agreement.parties]
        rows.append({"status": s, "cells": cells, "total": sum(cells)})
    return rows


def _party_sentence(r: Report, party: str, name: str) -> str | None:
    mine = [o for o in r.obligations if o.party == party]
    if not mine:
        return None
    n = Counter(o.status for o in mine)
    parts = [f"{n[s]} {s.value}" for s in Status if n[s]]
    return f"Of the {_plural(len(mine), 'obligation')} of the {name}, {_join(parts)}."


def key_findings(r: Report) -> list[str]:
    """The executive summary's paragraph: scope, counts per party, breaches, and limits."""
    c = r.corpus
    out = [f"This scorecard assesses {_plural(len(r.obligations), 'obligation')} of the {r.agreement.title} "
           f"(signed {day(r.agreement.signed)}) as of {day(r.as_of)}, on {_plural(c.items_used, 'evidence item')} "
           f"from {_plural(c.documents, 'document')} published between {day(c.first_published)} and "
           f"{day(c.cutoff)}."]
    out += [s for p, name in r.agreement.parties.items() if (s := _party_sentence(r, p, name))]
    for s in _CONSEQUENTIAL:
        hit = [o for o in r.obligations if o.status is s]
        if hit:
            who = _join([f"{o.clause} ({r.agreement.parties[o.party]})" for o in hit])
            out.append(f"Found {s.value}: {who}.")
    fragile = [o for o in r.obligations if o.sensitivity]
    if fragile:
        out.append(f"{_plural(len(fragile), 'finding')} would change if a single evidence item were withdrawn.")
    gap = [o for o in r.obligations if o.status in (Status.insufficient_evidence, Status.not_verifiable)]
    if gap:
        out.append(f"{_plural(len(gap), 'obligation')} cannot be determined from the public record or from "
                   f"the corpus; absence of evidence up to {day(c.cutoff)} is not proof that nothing happened.")
    if r.previous_as_of:
        kept = sum(1 for o in r.obligations if o.remains)
        out.append(f"{kept} of {len(r.obligations)} determinations remain as they were on {day(r.previous_as_of)}.")
    return out


def _watch_reason(o: ObligationResult) -> tuple[int, str] | None:
    """Why an obligation belongs on the summary's short list, and its rank there (lower first)."""
    if o.status in _CONSEQUENTIAL:
        why = {Status.not_compliant: "a finding of non-compliance",
               Status.contested: "credible evidence points both ways",
               Status.partially_compliant: "performance shown only in part"}[o.status]
        return _CONSEQUENTIAL.index(o.status), why
    if o.sensitivity:
        s = o.sensitivity[0]
        return 3, f"rests on one item: without {s.evidence} it would be \u201c{s.status_without.value}\u201d"
    if o.confidence == "low" and o.status is Status.compliant:
        return 4, "a determination held with low confidence"
    return None


def watch_list(r: Report) -> tuple[list[dict], int]:
    """The most consequential or least certain findings, capped to fit the summary page."""
    rows = []
    for i, o in enumerate(r.obligations):
        hit = _watch_reason(o)
        if hit:
            rows.append((hit[0], i, {"o": o, "why": hit[1]}))
    rows.sort(key=lambda t: t[:2])
    return [x for *_, x in rows[:WATCH_LIMIT]], max(0, len(rows) - WATCH_LIMIT)


def source_numbers(r: Report) -> dict[str, str]:
    """Short labels S1, S2 … for the sources, in the appendix's (id) order."""
    return {s.id: f"S{i}" for i, s in enumerate(r.sources, 1)}


def policy_rows(values: dict, prefix: str = "") -> list[tuple[str, str]]:
    """Every policy value as (dotted key, text), so any policy file renders in full."""
    out = []
    for k, v in values.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out += policy_rows(v, key + ".")
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            out.append((key, "; ".join(", ".join(f"{a}: {b}" for a, b in x.items()) for x in v)))
        elif isinstance(v, list):
            out.append((key, ", ".join(map(str, v)) or "(none)"))
        else:
            out.append((key, str(v)))
    return out


def bands(values: dict) -> list[dict]:
    """Likelihood bands with their lower bounds, from the policy in force."""
    out, low = [], 0.0
    for b in values.get("likelihood_bands", []):
        out.append({"name": b["name"], "low": low, "high": b["upper"], "first": not out})
        low = b["upper"]
    return out


def _mix(colour: str, share: float) -> str:
    """`colour` mixed with white, `share` of the way to white."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in rgb)


def chip_colours() -> list[tuple[str, str, str]]:
    """(css class, edge, tint) per status: the chip's rule and background, from the figure palette.

    Why darken pale fills for the edge: a light grey rule next to white paper disappears in print.
    """
    out = []
    for s, (fill, _) in figures.PALETTE.items():
        light = sum(int(fill[i:i + 2], 16) for i in (1, 3, 5)) > 3 * 190
        out.append((STATUS_MARK[s][0], "#8a8a8a" if light else fill, _mix(fill, 0.84)))
    return out


def context(r: Report) -> dict:
    """Everything the template shows, derived from the Report."""
    watch, more = watch_list(r)
    return {
        "r": r, "statuses": list(Status), "reliability": RELIABILITY, "credibility": CREDIBILITY, "mark": STATUS_MARK, "stance_glyph": STANCE_GLYPH,
        "parties": r.agreement.parties, "counts": status_counts(r), "findings": key_findings(r),
        "watch": watch, "watch_more": more, "snum": source_numbers(r),
        "sources": {s.id: s for s in r.sources}, "policy_rows": policy_rows(r.policy.values),
        "bands": bands(r.policy.values), "pv": r.policy.values,
        "fig_status": figures.status_by_party(r), "fig_timelines": figures.timelines(r),
        "strips": figures.strips(r), "chip_colours": chip_colours(), "stance_style": figures.STANCE,
    }


@lru_cache(maxsize=1)
def environment():
    """Jinja2 with autoescape on for every template and undefined names as errors."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["day"] = day
    env.filters["num"] = lambda x, n=2: f"{x:.{n}f}"
    return env


def render_html(report: Report) -> str:
    """The whole scorecard as one HTML document: CSS inlined, figures as inline SVG, no URLs."""
    return environment().get_template("report.html").render(**context(report))


render = render_html
