"""Geometry of the report's figures, computed from the Report; the SVG itself is a template.

Pure. Why geometry here and markup in templates: every label then passes through the same
autoescaping as the rest of the document, and this module stays plain arithmetic.
"""

from __future__ import annotations

from datetime import date

from scorecard.dates import parse_fuzzy
from scorecard.results import ObligationResult, Report, Status

# Fill, and the colour of text drawn on it. Why these: distinct in lightness as well as hue, so
# the bars still separate in greyscale; each segment also carries its glyph and count.
PALETTE = {
    Status.not_yet_due: ("#4a7ab5", "#ffffff"),
    Status.not_verifiable: ("#6b5b95", "#ffffff"),
    Status.contested: ("#e08a2c", "#1a1a1a"),
    Status.not_compliant: ("#a5222f", "#ffffff"),
    Status.partially_compliant: ("#9cc48a", "#1a1a1a"),
    Status.compliant: ("#2f6b3a", "#ffffff"),
    Status.insufficient_evidence: ("#d9d9d9", "#1a1a1a"),
}
STANCE = {  # shape, colour
    "breach": ("triangle", "#a5222f"),
    "compliance": ("circle", "#2f6b3a"),
    "context": ("square", "#6f6f6f"),
    "ambiguity": ("diamond", "#6b5b95"),
}
WIDTH, LABEL, PAD, ROW, HEAD, FOOT = 680.0, 168.0, 12.0, 15.0, 30.0, 22.0
ROWS_PER_FIGURE = 28


def status_by_party(r: Report) -> dict:
    """Horizontal stacked bars: one per party, one segment per status, length = obligations."""
    parties = [(p, name) for p, name in r.agreement.parties.items() if any(o.party == p for o in r.obligations)]
    most = max((sum(1 for o in r.obligations if o.party == p) for p, _ in parties), default=1)
    width, x0, bar, gap = 400.0, 84.0, 20.0, 10.0
    span = width - x0 - 26.0
    bars = []
    for i, (p, name) in enumerate(parties):
        x, segs, mine = x0, [], [o for o in r.obligations if o.party == p]
        for s in Status:
            n = sum(1 for o in mine if o.status is s)
            if n:
                w = span * n / most
                segs.append({"x": round(x, 2), "w": round(w, 2), "n": n, "status": s, "fill": PALETTE[s][0],
                             "ink": PALETTE[s][1], "cx": round(x + w / 2, 2)})
                x += w
        bars.append({"y": 4 + i * (bar + gap), "h": bar, "label": name, "total": len(mine), "end": round(x + 6, 2),
                     "segs": segs})
    height = 4 + len(bars) * (bar + gap)
    return {"width": width, "height": height, "bars": bars, "x0": x0,
            "legend": [{"status": s, "fill": PALETTE[s][0]} for s in Status]}


def _span(r: Report) -> tuple[date, date]:
    """The axis: whole years from the earliest date shown to the assessment date."""
    seen = [r.agreement.signed, r.as_of] + [s.published for s in r.sources]
    for o in r.obligations:
        seen += [parse_fuzzy(e.event_date)[0] for e in o.evidence if e.event_date]
        if o.deadline and o.deadline.date:
            seen.append(o.deadline.date)
    return date(min(seen).year, 1, 1), date(max(seen).year + 1, 1, 1)


class Axis:
    def __init__(self, start: date, end: date):
        self.start, self.end, self.days = start, end, (end - start).days
        self.x0, self.x1 = LABEL, WIDTH - PAD

    def x(self, d: date) -> float:
        return round(self.x0 + (self.x1 - self.x0) * (d - self.start).days / self.days, 2)


def _marks(a: Axis, o: ObligationResult, y: float) -> list[dict]:
    """One marker per evidence item, at its event date (a span when the date is a month or year),
    or at its publication date when the text gives no event date; nudged apart when they touch."""
    out, taken = [], {}
    for e in sorted(o.evidence, key=lambda e: (e.event_date or e.published.isoformat(), e.id)):
        if e.event_date:
            first, last, _ = parse_fuzzy(e.event_date)
        else:
            first = last = e.published
        x1, x2 = a.x(first), a.x(last)
        x = round((x1 + x2) / 2, 2)
        slot = taken.setdefault(round(x / 5), 0)
        taken[round(x / 5)] += 1
        dy = (0, -3.5, 3.5, -7, 7)[slot % 5] if slot else 0
        shape, colour = STANCE[e.stance]
        out.append({"x": x, "y": round(y + dy, 2), "from": x1, "to": x2, "shape": shape, "colour": colour,
                    "solid": e.role == "diagnostic", "span": x2 - x1 > 4})
    return out


def _timeline(r: Report, a: Axis, chunk: list[ObligationResult]) -> dict:
    rows = []
    for i, o in enumerate(chunk):
        y = HEAD + i * ROW + ROW / 2
        due = o.deadline.date if o.deadline and o.deadline.date else None
        rows.append({"y": y, "top": HEAD + i * ROW, "clause": o.clause, "party": r.agreement.parties[o.party],
                     "due": a.x(due) if due else None, "marks": _marks(a, o, y), "band": i % 2 == 1})
    bottom = HEAD + len(chunk) * ROW
    years = [{"x": a.x(date(y, 1, 1)), "mid": a.x(date(y, 7, 1)), "label": str(y)}
             for y in range(a.start.year, a.end.year)]
    lines = [{"x": a.x(r.agreement.signed), "label": "Signed", "kind": "signed"}]
    cut = r.corpus.cutoff
    if cut:
        lines.append({"x": a.x(cut), "label": "Cut-off", "kind": "cutoff"})
    lines.append({"x": a.x(r.as_of), "label": "As of", "kind": "asof"})
    shade = {"x": a.x(cut), "w": round(a.x(r.as_of) - a.x(cut), 2)} if cut and cut < r.as_of else None
    return {"width": WIDTH, "height": bottom + FOOT, "bottom": bottom, "x0": a.x0, "x1": a.x1, "rows": rows,
            "years": years, "lines": lines, "shade": shade, "head": HEAD}


def timelines(r: Report) -> list[dict]:
    """Every obligation's evidence on one time axis, split into figures that each fit a page."""
    if not r.obligations:
        return []
    a = Axis(*_span(r))
    obs = r.obligations
    return [_timeline(r, a, obs[i:i + ROWS_PER_FIGURE]) for i in range(0, len(obs), ROWS_PER_FIGURE)]


def strips(r: Report) -> dict[str, dict]:
    """Each obligation's own one-row timeline, on the report-wide axis, for its section."""
    a = Axis(*_span(r)) if r.obligations else None
    return {o.id: _timeline(r, a, [o]) for o in r.obligations}
