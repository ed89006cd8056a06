"""Checks of what one evidence item says about others: corrections, prompted agreement, foreclosure.

Why apart from integrity.py: these fields relate items to items (and to the agreement's events),
and each mistake in them would silently change what counts.
"""

from __future__ import annotations

from scorecard.errors import Problem, did_you_mean
from scorecard.load import Project


def check_item_refs(p: Project, iid: str, events: set[str] | None) -> list[Problem]:
    """`corrects` and `prompted_by` name another, earlier-or-same-day item; a prompted agreement
    names the origin of what it agrees with; `forecloses` names an agreement event."""
    it = p.items[iid]
    if it.corrects is None and it.prompted_by is None and it.forecloses is None:
        return []
    where, out = p.place("evidence item", iid), list[Problem]()

    def bad(key: str, message: str) -> None:
        out.append(Problem(*where.at(key), message))

    for key in ("corrects", "prompted_by"):
        target = getattr(it, key)
        if target is None:
            continue
        other = p.items.get(target)
        if target == iid:
            bad(key, f"{key} names the item itself")
        elif other is None:
            if not p.did_not_load("evidence item", target):
                bad(key, f"unknown evidence item '{target}'{did_you_mean(target, p.items)}")
        elif _later(p, other.source, it.source):
            bad(key, f"{key} names {target}, published after this item: it can only answer what came before")
        elif key == "prompted_by" and other.origin != it.origin:
            bad(
                "origin",
                f"an agreement prompted by {target} shares its origin: write origin: {other.origin} "
                "(agreeing with a finding put to the speaker is not independent confirmation)",
            )
    if it.forecloses is not None and events is not None and it.forecloses not in events:
        bad("forecloses", f"unknown event '{it.forecloses}'{did_you_mean(it.forecloses, events)}")
    return out


def _later(p: Project, first: str, then: str) -> bool:
    """Was source `first` published after source `then` (both known)?"""
    a, b = p.sources.get(first), p.sources.get(then)
    return a is not None and b is not None and a.published.date > b.published.date
