"""Review decisions → evidence items and new origins, as hand-written ones would be.

An accepted candidate's item starts from what ingest suggested (the chosen suggestion's link, the
speaker, the party, the origin it relays or repeats, the event date, the claim key it repeats) and
the analyst's `item:` mapping wins field by field (`links` replaces the suggested links whole); once
an item is written, suggestions fill only the required fields it leaves out.
An added passage (`add:`) is found in the document's text, whitespace aside, and takes its item
as written. New origins come from the review file's `origins:` list, and from a relayed report
that no existing origin matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scorecard.errors import Problem, did_you_mean
from scorecard.ingest.draft import slug
from scorecard.ingest.review import Added, ReviewCandidate, ReviewFile, chosen
from scorecard.model import EvidenceItem

ORIGIN_KIND = {
    "news": "report",
    "analysis": "analysis",
    "opinion": "analysis",
    "official-report": "report",
    "official-statement": "statement",
}
_ORDER = list(EvidenceItem.model_fields)


@dataclass
class Built:
    """The items and origins a review adds, and every problem found on the way (none: all is well)."""

    items: list[dict] = field(default_factory=list)
    origins: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ids: dict[int, str] = field(default_factory=dict)  # id(candidate or added entry) → its item's id


def build_items(review: ReviewFile, project, source: dict, text: str, shown: str) -> Built:
    """The evidence items of accepted candidates and added passages not applied before."""
    # An origin the file defined and an earlier application added is the same origin: not again.
    fresh = [o for o in review.origins if o.id not in project.origins]
    out = Built(origins=[o.model_dump(mode="json", exclude_none=True) for o in fresh])
    known = set(project.origins) | {o["id"] for o in out.origins}
    for n, o in enumerate(review.origins):
        if o.id in project.origins and project.origins[o.id] != o:
            out.problems.append(
                Problem(
                    shown,
                    *review.where("origins", n, "id"),
                    f"origin '{o.id}' already exists (in origins.yaml) and says otherwise; "
                    "name it in an item's `origin` without defining it again, or choose another id",
                )
            )
    for n, c in enumerate(review.candidates):
        if c.decision == "accept" and c.became is None:
            _add_candidate(out, review, n, c, project, source, text, shown, known)
    for n, a in enumerate(review.add):
        if a.became is None:
            _add_passage(out, review, n, a, source, text, shown, known)
    return out


def _add_candidate(
    out: Built, review: ReviewFile, n: int, c: ReviewCandidate, project, source, text, shown, known
) -> None:
    where = ("candidates", n)
    quote = " ".join(text[c.start : c.end].split())
    if c.end > len(text) or not quote:
        out.problems.append(
            Problem(
                shown,
                *review.where(*where, "start"),
                f"candidate {c.id}: start and end do not hold text (the document has {len(text)} characters)",
            )
        )
        return
    obligation, stance, indicator = chosen(c)
    linked = c.item is not None and bool(c.item.links)
    if not linked and (obligation is None or obligation not in project.obligations):
        out.problems.append(
            Problem(
                shown,
                *review.where(*where, "decision"),
                f"candidate {c.id}: unknown obligation "
                f"'{obligation}'{did_you_mean(str(obligation), project.obligations)}",
            )
        )
        return
    given = c.item.given() if c.item is not None else {}
    fields = _suggested(out, c, (obligation, stance, indicator), known, "origin" in given) | given
    _finish(
        out, id(c), f"{source['id']}-{c.id}", quote, fields, source, shown, review, (*where, "item"), known
    )


def _suggested(out: Built, c: ReviewCandidate, link3: tuple, known: set[str], own_origin: bool) -> dict:
    """The item's fields as ingest suggested them, with the analyst's older one-key changes."""
    obligation, stance, indicator = link3
    link = {"obligation": obligation, "stance": stance} | ({"indicator": indicator} if indicator else {})
    origin = c.origin
    if origin is None and not own_origin:  # Why lazily: a relayed report not taken makes no origin
        origin = _relayed(out, c, known) or (c.repeats.origin if c.repeats and c.repeats.origin else None)
    out_fields = {
        "claim": c.claim,
        "attributed_to": c.attributed_to,
        "party": c.party,
        "origin": origin,
        "event_date": c.event_date,
        "claim_key": c.claim_keys[0] if c.claim_keys else None,
        "credibility": c.credibility,
        "links": [link],
    }
    if c.item is None:
        out_fields["note"] = f"Accepted in review of candidate {c.id} (offsets {c.start}-{c.end})."
    else:  # the analyst wrote the item: optional facts are theirs to give
        for key in OPTIONAL:
            out_fields.pop(key, None)
    return out_fields


# Why the suggestions fill only an item's required fields once an `item:` is written: an analyst who
# writes the item has written what they know; a suggested party, event date or claim key they left
# out would make it differ from the item they would have written by hand. (The terminal review
# writes the suggested ones into the item when it starts one, where the analyst sees them.)
OPTIONAL = ("party", "event_date", "claim_key")


def _add_passage(out: Built, review: ReviewFile, n: int, a: Added, source, text, shown, known) -> None:
    where = ("add", n)
    span = locate(text, a.quote)
    if span is None:
        out.problems.append(Problem(shown, *review.where(*where, "quote"), _not_found(text, a.quote)))
        return
    if not a.item.links:
        out.problems.append(
            Problem(shown, *review.where(*where, "item"), "an added passage needs `links` in its item")
        )
        return
    a.start, a.end = span
    quote = " ".join(text[a.start : a.end].split())
    _finish(
        out,
        id(a),
        f"{source['id']}-a{n + 1:03d}",
        quote,
        a.item.given(),
        source,
        shown,
        review,
        (*where, "item"),
        known,
    )


def _finish(
    out: Built,
    key: int,
    iid: str,
    quote: str,
    fields: dict,
    source: dict,
    shown,
    review: ReviewFile,
    where,
    known,
) -> None:
    """Fill what is still missing from the source, check the origin, and keep the item in schema order."""
    sid = source["id"]
    fields = {k: v for k, v in fields.items() if v is not None}
    fields.setdefault("claim", quote if len(quote) <= 200 else quote[:197].rsplit(" ", 1)[0] + " …")
    fields.setdefault("attributed_to", source.get("publisher") or "Not stated")
    fields.setdefault("origin", sid)
    fields.setdefault("credibility", 3)
    origin = fields["origin"]
    if origin == sid and sid not in known:
        known.add(sid)
        out.origins.append(
            {
                "id": sid,
                "description": f"{source['title']} ({source['publisher']})"[:600],
                "kind": ORIGIN_KIND.get(str(source.get("kind")), "report"),
                "date": source["published"]["date"],
            }
        )
    elif origin not in known:
        out.problems.append(
            Problem(
                shown,
                *review.where(*where, "origin"),
                f"unknown origin '{origin}'{did_you_mean(origin, known)}: name an existing one "
                "or define it in the review file's `origins:` list",
            )
        )
        return
    item = {"id": iid, "source": sid, "quote": quote, **fields}
    out.items.append({k: item[k] for k in _ORDER if k in item})
    out.ids[key] = iid


def _relayed(out: Built, c: ReviewCandidate, known: set[str]) -> str | None:
    """The origin of the report a passage relays: the existing one suggested, or a new one made for it."""
    if c.relays is None:
        return None
    if c.relays.origin and c.relays.origin in known:
        return c.relays.origin
    base = slug(c.relays.description, 50) + (f"-{c.relays.date}" if c.relays.date else "")
    oid, k = base, 2
    while oid in known and not any(
        o["id"] == oid and o["description"] == c.relays.description for o in out.origins
    ):
        oid, k = f"{base}-{k}", k + 1
    if oid not in known:
        known.add(oid)
        entry = {"id": oid, "description": c.relays.description, "kind": "report"}
        out.origins.append(entry | ({"date": c.relays.date} if c.relays.date else {}))
    return oid


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where the quote's words stand in the text, in order, whatever the whitespace between them."""
    words = quote.split()
    if not words:
        return None
    m = re.search(r"\s+".join(map(re.escape, words)), text)
    return m.span() if m else None


def _not_found(text: str, quote: str) -> str:
    """Why an added quote was not found: how many of its first words stand in the text in a row."""
    words = quote.split()
    best = 0
    for k in range(len(words), 0, -1):
        if locate(text, " ".join(words[:k])):
            best = k
            break
    return (
        f"the quote is not in the document's text verbatim (whitespace may differ): its first {best} of "
        f"{len(words)} words are"
    )
