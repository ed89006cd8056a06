"""Cross-file checks of time: an event's date is stated or reported, an item's event, borrowed
date and claim key resolve and agree with the other items'.
"""

from __future__ import annotations

from scorecard.errors import Problem, did_you_mean
from scorecard.load import Project
from scorecard.quotes import find_verbatim, near_miss


def check_events(p: Project) -> list[Problem]:
    """An event's date is either stated by the agreement (quoted verbatim) or reported by evidence."""
    a, text = p.agreement, p.agreement_text.text if p.agreement_text else None
    if a is None:
        return []
    where, out = p.place("agreement", a.id), []
    for i, e in enumerate(a.events or []):
        if e.date is not None and e.stated is None:
            out.append(
                Problem(
                    *where.at("events", i, "date"),
                    f"event '{e.id}' has a date but no `stated`: "
                    "quote the agreement's words that give it, or remove the date and let the "
                    "evidence items that report the event (`event: " + e.id + "`) date it",
                )
            )
        elif e.stated is not None and e.date is None:
            out.append(
                Problem(
                    *where.at("events", i, "stated"),
                    f"event '{e.id}' quotes the agreement but gives no `date`",
                )
            )
        elif e.stated is not None and text is not None and find_verbatim(text, e.stated) is None:
            name = p.agreement_text.name if p.agreement_text else "the agreement text"
            out.append(
                Problem(
                    *where.at("events", i, "stated"),
                    f"`stated` not found verbatim in {name}{near_miss(text, e.stated)}",
                )
            )
    return out


def check_item_time(
    p: Project, iid: str, claims: dict[str, dict[tuple[str, str], str]], events: set[str] | None = None
) -> list[Problem]:
    """An item's event, borrowed event date and claim key resolve and agree with other items.

    `events`: the agreement's event ids, when the caller has them (None: there is no agreement)."""
    it, out = p.items[iid], list[Problem]()
    if it.event is None and it.event_date_from is None and it.claim_key is None:
        return out
    where = p.place("evidence item", iid)
    known = p.agreement.events if p.agreement else None
    events = {e.id for e in known or []} if events is None else events
    if it.event is not None and known is not None and it.event not in events:
        out.append(Problem(*where.at("event"), f"unknown event '{it.event}'{did_you_mean(it.event, events)}"))
    if it.event_date_from is not None:
        lender = p.sources.get(it.event_date_from)
        if it.event_date is None:
            out.append(
                Problem(
                    *where.at("event_date_from"),
                    "event_date_from names where the event date comes from, but the item has no event_date",
                )
            )
        if it.event_date_from == it.source:
            out.append(
                Problem(
                    *where.at("event_date_from"),
                    "event_date_from names the item's own source: "
                    "remove it (the date is in the item's own document)",
                )
            )
        elif lender is None and not p.did_not_load("source", it.event_date_from):
            out.append(
                Problem(
                    *where.at("event_date_from"),
                    f"unknown source '{it.event_date_from}'{did_you_mean(it.event_date_from, p.sources)}",
                )
            )
    if it.claim_key is not None:
        seen = claims.setdefault(it.claim_key, {})
        for i, link in enumerate(it.links or []):
            opposite = {"breach": "compliance", "compliance": "breach"}.get(link.stance)
            other = seen.get((link.obligation, opposite or ""))
            if other is not None:
                out.append(
                    Problem(
                        *where.at("links", i, "stance"),
                        f"claim_key '{it.claim_key}' is the claim "
                        f"of {other}, which takes the opposite stance on {link.obligation}: items "
                        "that report the same claim cannot point opposite ways",
                    )
                )
            seen.setdefault((link.obligation, link.stance), iid)
    return out
