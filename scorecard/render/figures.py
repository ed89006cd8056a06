"""Geometry of the report's figures, computed from the Report; the SVG itself is a template.

Pure. Why geometry here and markup in templates: every label then passes through the same
autoescaping as the rest of the document, and this module stays plain arithmetic.
"""

from __future__ import annotations

from datetime import date

from scorecard.dates import parse_fuzzy
from scorecard.render.summary import present
from scorecard.results import ObligationResult, Report, Status
from scorecard.statuses import STATUSES

# Fill, and the colour of text drawn on it. Why these: distinct in lightness as well as hue, so
# the bars still separate in greyscale; each segment also carries its glyph and count.
PALETTE = {d.status: (d.fill, d.ink) for d in STATUSES}
STANCE = {  # shape, colour
    "breach": ("triangle", "#a5222f"),
    "compliance": ("circle", "#2f6b3a"),
    "context": ("square", "#6f6f6f"),
    "ambiguity": ("diamond", "#6b5b95"),
}
WIDTH, LABEL, PAD, ROW, HEAD, FOOT = 680.0, 215.0, 12.0, 17.0, 30.0, 22.0
ROWS_PER_FIGURE = 40
EARLIER_YEARS = 3  # years before signature the timeline shows; earlier dates sit at its left edge
YEAR_LABELS = 12  # at most this many year labels on an axis


def _mix(colour: str, share: float) -> str:
    """`colour` mixed with white, `share` of the way to white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in rgb)


def chip_colours(classes: dict[Status, str]) -> list[tuple[str, str, str]]:
    """(css class, edge, tint) per status: a chip's rule and background, from the figure palette.

    Why darken pale fills for the edge: a light grey rule next to white paper disappears in print.
    """
    out = []
    for s, (fill, _) in PALETTE.items():
        light = sum(int(fill[i : i + 2], 16) for i in (1, 3, 5)) > 3 * 190
        out.append((classes[s], "#8a8a8a" if light else fill, _mix(fill, 0.84)))
    return out


def status_by_party(r: Report) -> dict:
    """Horizontal stacked bars: one per party, one segment per status, length = obligations."""
    parties = present(r)
    most = max((n for _, n in parties.values()), default=1)
    width, x0, bar, step = 260.0, 2.0, 20.0, 44.0
    span = width - x0 - 22.0
    bars = []
    for i, (p, (name, _)) in enumerate(parties.items()):
        x, segs, mine = x0, [], [o for o in r.obligations if o.party == p]
        y = 16 + i * step
        for s in Status:
            n = sum(1 for o in mine if o.status is s)
            if n:
                w = span * n / most
                segs.append(
                    {
                        "x": round(x, 2),
                        "w": round(w, 2),
                        "n": n,
                        "status": s,
                        "fill": PALETTE[s][0],
                        "ink": PALETTE[s][1],
                        "cx": round(x + w / 2, 2),
                    }
                )
                x += w
        bars.append(
            {"y": y, "h": bar, "label": name, "total": len(mine), "end": round(x + 4, 2), "segs": segs}
        )
    return {"width": width, "height": 16 + len(bars) * step - step + bar + 4, "bars": bars, "x0": x0}


def _span(r: Report) -> tuple[date, date]:
    """The axis: whole years from the earliest date shown to the assessment date.

    Why through the assessment date: a gap of years after the cut-off is part of the finding (no
    document since), and must look as long as it is. Only an assessment date more than ten years
    past everything else is marked at the axis's edge instead, so the evidence keeps its room.
    """
    early = [r.agreement.signed] + [s.published for s in r.sources]
    late = [r.agreement.signed] + ([r.corpus.cutoff] if r.corpus.cutoff else [])
    for o in r.obligations:
        dated = [parse_fuzzy(e.event_date)[:2] for e in o.evidence if e.event_date]
        early += [a for a, _ in dated]
        late += [b for _, b in dated if b <= r.as_of]
        if o.deadline and o.deadline.date:
            late.append(o.deadline.date)
    if r.as_of.year - max(late).year <= 10:
        late.append(r.as_of)
    # Why not from the earliest date: one item about 2001 would squeeze 2020-2026 into a sliver;
    # what lies before is context, drawn at the left edge.
    first = max(min(early), date(r.agreement.signed.year - EARLIER_YEARS, 1, 1))
    return date(first.year, 1, 1), date(max(late).year + 1, 1, 1)


class Axis:
    """Dates to x positions between `x0` and the right edge; dates beyond the ends are clamped."""

    def __init__(self, start: date, end: date, x0: float = LABEL):
        self.start, self.end, self.days = start, end, max((end - start).days, 1)
        self.x0, self.x1 = x0, WIDTH - PAD

    def x(self, d: date) -> float:
        d = min(max(d, self.start), self.end)
        return round(self.x0 + (self.x1 - self.x0) * (d - self.start).days / self.days, 2)


CLUSTER = 7.0  # markers of one stance closer than this (figure units) are drawn as one, with a count


def _marks(a: Axis, o: ObligationResult, y: float, end: date) -> list[dict]:
    """Markers for the evidence items, at each item's event date (a span when the date is a month or
    year) or its publication date when the text gives no event date.

    Why aggregate: ten items reported the same month pile into an unreadable blob; items of one
    stance that would touch are drawn as one marker with their count beside it.
    """
    points = []
    for e in o.evidence:
        first, last = parse_fuzzy(e.event_date)[:2] if e.event_date else (e.published, e.published)
        # Why clipped to `end`, the corpus's last document: no document read reports anything after
        # it, so no mark may stand in the shaded gap after the cut-off ("2024" ends in March, not December).
        last = min(last, end)
        first = min(first, last)
        x1, x2 = a.x(first), a.x(last)
        points.append((e.stance, round((x1 + x2) / 2, 2), x1, x2, e.role == "diagnostic"))
    points.sort(key=lambda p: (list(STANCE).index(p[0]), p[1]))
    clusters: list[list] = []
    for p in points:
        if clusters and clusters[-1][0][0] == p[0] and p[1] - clusters[-1][0][1] < CLUSTER:
            clusters[-1].append(p)
        else:
            clusters.append([p])
    offset = {"breach": -3.6, "compliance": 3.6, "context": 0.0, "ambiguity": 0.0}
    out = []
    for c in sorted(clusters, key=lambda c: c[0][1]):
        stance = c[0][0]
        x = round(sum(p[1] for p in c) / len(c), 2)
        shape, colour = STANCE[stance]
        lo, hi = min(p[2] for p in c), max(p[3] for p in c)
        out.append(
            {
                "x": x,
                "y": round(y + offset[stance], 2),
                "from": lo,
                "to": hi,
                "shape": shape,
                "colour": colour,
                "solid": any(p[4] for p in c),
                "span": hi - lo > 4,
                "n": len(c),
            }
        )
    return out


def _fit(text: str, width: float, size: float) -> str:
    """`text` cut with an ellipsis to about `width` units at font `size` (condensed sans)."""
    most = int(width / (size * 0.52))
    if len(text) <= most:
        return text
    cut = text[: max(most - 1, 1)]
    # Why at a space: a word cut in half ("within 14 mont…") reads as another word.
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "\u2026"


def _row(a: Axis, i: int, item, end: date) -> dict:
    top = HEAD + i * ROW
    if isinstance(item, str):  # a party's heading row
        return {"kind": "party", "y": top + ROW / 2, "top": top, "label": item, "band": False}
    o, name = item
    y = top + ROW / 2
    due = o.deadline.date if o.deadline and o.deadline.date else None
    room = a.x0 - 10 - len(o.clause) * 8 * 0.56
    return {
        "kind": "ob",
        "y": y,
        "top": top,
        "clause": o.clause,
        "name": _fit(name, room, 7.5) if name else "",
        "name_x": round(4 + len(o.clause) * 8 * 0.56 + 4, 1),
        "due": a.x(due) if due else None,
        "marks": _marks(a, o, y, end),
        "band": i % 2 == 1,
    }


def _timeline(r: Report, a: Axis, items: list, width: float = WIDTH, font: float = 8.0) -> dict:
    end = min(r.corpus.cutoff or r.as_of, r.as_of)
    rows = [_row(a, i, item, end) for i, item in enumerate(items)]
    bottom = HEAD + len(items) * ROW
    step = -(-(a.end.year - a.start.year) // YEAR_LABELS)
    years = [
        {
            "x": a.x(date(y, 1, 1)),
            "mid": a.x(date(y, 7, 1)),
            "label": str(y) if (y - a.start.year) % step == 0 else "",
        }
        for y in range(a.start.year, a.end.year)
    ]
    lines = [{"x": a.x(r.agreement.signed), "label": "Signed", "kind": "signed"}]
    cut = r.corpus.cutoff
    if cut:
        lines.append({"x": a.x(cut), "label": "Cut-off", "kind": "cutoff"})
    beyond = r.as_of > a.end
    lines.append(
        {"x": a.x(r.as_of), "label": f"As of {r.as_of.year} \u25b8" if beyond else "As of", "kind": "asof"}
    )
    shade = {"x": a.x(cut), "w": round(a.x(r.as_of) - a.x(cut), 2)} if cut and cut < r.as_of else None
    return {
        "width": width,
        "font": font,
        "height": bottom + FOOT,
        "bottom": bottom,
        "x0": a.x0,
        "x1": a.x1,
        "rows": rows,
        "years": years,
        "lines": lines,
        "shade": shade,
        "head": HEAD,
    }


def timelines(r: Report, labels: dict[str, str]) -> list[dict]:
    """Every obligation's evidence on one time axis, grouped by party, in figures that fit a page."""
    if not r.obligations:
        return []
    items: list = []
    for party, name in r.agreement.parties.items():
        mine = [(o, labels.get(o.id, "")) for o in r.obligations if o.party == party]
        items += [name] + mine if mine else []
    size = -(-len(items) // -(-len(items) // ROWS_PER_FIGURE))  # balanced figures of at most ROWS_PER_FIGURE
    chunks, party = [], ""
    for i in range(0, len(items), size):
        chunk = items[i : i + size]
        if not isinstance(chunk[0], str):  # a figure that starts mid-party repeats the party's heading
            chunk = [f"{party} (continued)"] + chunk
        party = next((x for x in reversed(items[: i + size]) if isinstance(x, str)), party)
        chunks.append(chunk)
    a = Axis(*_span(r))
    return [_timeline(r, a, c) for c in chunks]


def strips(r: Report) -> dict[str, dict]:
    """Each obligation's own one-row timeline, on the report-wide axis, for its section."""
    if not r.obligations:
        return {}
    a = Axis(*_span(r), x0=PAD)
    return {o.id: _timeline(r, a, [(o, "")]) for o in r.obligations}


NARROW = 360.0  # a phone's width in CSS pixels, less the page's margins: drawn about 1:1 there


def narrow(r: Report, labels: dict[str, str]) -> list[dict]:
    """The evidence timeline for a phone: per party, each obligation's heading as text and its own
    strip on the report's axis, drawn at about its natural size with larger year labels.

    Why not the wide figure scaled down: at 390 px its 8-unit labels shrink to 4 px; here the
    headings are the page's own text and the strips' labels stay at 9 px or more."""
    if not r.obligations:
        return []
    a = Axis(*_span(r), x0=4.0)
    a.x1 = NARROW - 4.0
    out = []
    for party, name in r.agreement.parties.items():
        rows = [
            {"o": o, "label": labels.get(o.id, ""), "strip": _timeline(r, a, [(o, "")], NARROW, 10.0)}
            for o in r.obligations
            if o.party == party
        ]
        if rows:
            out.append({"name": name, "rows": rows})
    return out


def history_strip(r: Report, o: ObligationResult) -> dict | None:
    """The obligation's status from signature to the assessment date: one segment per stretch of time
    with the same status (glyph and colour), years marked beneath. None when no history was asked."""
    if not o.history:
        return None
    start, end = min(o.history[0].date, r.agreement.signed), max(r.as_of, o.history[-1].date)
    a = Axis(start, end, x0=2.0)
    a.x1 = WIDTH - 2.0
    runs: list[list] = []
    for point in o.history:
        if not runs or runs[-1][1] is not point.status:
            runs.append([point.date, point.status])
    segs = []
    for i, (since, status) in enumerate(runs):
        until = runs[i + 1][0] if i + 1 < len(runs) else end
        x, w = a.x(since), max(a.x(until) - a.x(since), 1.5)
        fill, ink = PALETTE[status]
        segs.append(
            {
                "x": x,
                "w": round(w, 2),
                "fill": fill,
                "ink": ink,
                "status": status,
                "cx": round(x + w / 2, 2),
                "glyph": w >= 14,
                "since": since,
            }
        )
    years = [{"x": a.x(date(y, 1, 1)), "label": str(y)} for y in range(start.year + 1, end.year + 1)]
    return {"width": WIDTH, "height": 30.0, "segs": segs, "years": years}
