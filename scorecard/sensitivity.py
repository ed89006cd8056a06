"""Sensitivity: which single items, removed, would change an obligation's status (METHOD.md §4).

Pure, like score.py. The straightforward way re-assesses the obligation once per item, which is
quadratic in the items of one obligation (a monitored obligation gathers thousands). Removing one
item changes little, and this module works out that little directly:
- a superseded item weighs nothing and cannot move the delivery date: removing it changes nothing;
- a diagnostic item that is not its origin's best on its side changes nothing either;
- an origin's best gives way to the origin's second best on that side;
and re-assesses only where removal reaches further: an item that helps date the delivery, an
item whose origin alone confirms others' claim (grade 1), or an item linked twice.
Sums are kept in millionths (weights are rounded to six places), so the incremental arithmetic
is exact and gives the statuses re-assessment gives (a property test compares the two).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from scorecard.model import EvidenceItem, Obligation, Policy
from scorecard.results import Status
from scorecard.score import (
    ONE_TIME,
    Assessment,
    Clock,
    Corroboration,
    Pair,
    Use,
    assess,
    claim_keys,
    decide,
    probability,
)


def _micro(w: float) -> int:
    return round(w * 1_000_000)


class _Sides:
    """Stands in for a Tally in probability() and decide(): per-side weights and origin counts."""

    def __init__(self, sums: dict[tuple[str, str | None], int], counts: dict[str, int]):
        self.sums, self.breach, self.compliance = sums, counts["breach"], counts["compliance"]

    def weight(self, side: str, extent: str | None = None) -> float:
        return round(self.sums[(side, extent)] / 1_000_000, 6)


class Removal:
    """The status of one assessed obligation with any one of its items left out."""

    def __init__(
        self,
        o: Obligation,
        a: Assessment,
        policy: Policy,
        clock: Clock,
        corroboration: Corroboration,
        conditions: dict[str, Status],
    ):
        self.o, self.a, self.policy, self.clock, self.conditions = o, a, policy, clock, conditions
        self.corroboration = corroboration
        self.count = Counter(u.item.id for u in a.uses)
        self.use = {u.item.id: u for u in a.uses}
        self.ranked: dict[tuple[str, str], list[Use]] = defaultdict(list)  # (side, origin) → best first
        for u in a.uses:
            if u.role == "diagnostic":
                self.ranked[(u.link.stance, u.item.origin)].append(u)
        for uses in self.ranked.values():
            uses.sort(key=lambda u: (u.weight, u.item.id), reverse=True)
        self.sums: dict[tuple[str, str | None], int] = defaultdict(int)
        for (side, _), uses in self.ranked.items():
            self._add(side, uses[0], 1)
        self.origins = Counter(side for side, _ in self.ranked)
        self.unchanged = self._status(self.sums, self.origins)
        self.delivery_end = self._delivery_end()

    def _add(self, side: str, u: Use, sign: int, sums=None) -> None:
        sums = self.sums if sums is None else sums
        for extent in (None, u.link.extent):
            sums[(side, extent)] += sign * _micro(u.weight)

    def _status(self, sums, counts) -> Status:
        t = _Sides(sums, counts)
        return decide(self.o, t, probability(t, self.policy), self.policy, self.clock, self.conditions)  # type: ignore[arg-type]

    def _delivery_end(self) -> tuple | None:
        """The sort key of the use at which delivery was reached: later ones cannot move it."""
        if self.o.kind not in ONE_TIME or self.a.delivered is None:
            return None
        dated = sorted(
            (u.when[1], u.when[0], u.item.id)
            for u in self.a.uses
            if u.role == "diagnostic" and u.link.stance == "compliance" and u.link.extent == "full"
        )
        best: dict[str, float] = {}
        for key in dated:
            u = self.use[key[2]]
            best[u.item.origin] = max(best.get(u.item.origin, 0.0), u.weight)
            if sum(best.values()) >= self.policy.thresholds.decisive:
                return key
        return None

    def _reaches_further(self, item: EvidenceItem, u: Use) -> bool:
        """Would leaving `item` out change more than its own use (delivery, others' grade 1)?"""
        if self.count[item.id] != 1:
            return True
        if (
            self.delivery_end is not None
            and u.role == "diagnostic"
            and u.link.stance == "compliance"
            and u.link.extent == "full"
            and (u.when[1], u.when[0], item.id) <= self.delivery_end
        ):
            return True
        return self._confirms_others(item)

    def _confirms_others(self, item: EvidenceItem) -> bool:
        """Could this item's origin, by this item alone, be what confirms another origin's claim?

        Over-approximated (any claim of it another origin also reports): re-assessing is exact."""
        c = self.corroboration
        if not c._eligible(item):
            return False
        for key in claim_keys(item):
            counts = c.origins[key]
            if counts.get(item.origin, 0) == 1 and sum(1 for n in counts.values() if n > 0) >= 2:
                return True
        return False

    def status_without(self, item: EvidenceItem, pairs: list[Pair]) -> Status:
        if self.clock.corrected.get(item.corrects or "") == item.id:
            return self._uncorrected(item, pairs)
        u = self.use[item.id] if self.count[item.id] == 1 else None
        if u is None or self._reaches_further(item, u):
            return assess(
                self.o, pairs, self.policy, self.clock, self.corroboration, self.conditions, item
            ).status
        if u.role != "diagnostic":
            return self.unchanged
        ranked = self.ranked[(u.link.stance, item.origin)]
        if ranked[0] is not u:
            return self.unchanged
        sums = defaultdict(int, self.sums)
        self._add(u.link.stance, u, -1, sums)
        counts = Counter(self.origins)
        if len(ranked) > 1:
            self._add(u.link.stance, ranked[1], 1, sums)
        else:
            counts[u.link.stance] -= 1
        return self._status(sums, counts)

    def _uncorrected(self, item: EvidenceItem, pairs: list[Pair]) -> Status:
        """Without a correction, what it corrected counts again."""
        corrected = {k: v for k, v in self.clock.corrected.items() if v != item.id}
        clock = replace(self.clock, corrected=corrected)
        corroboration = Corroboration(self.corroboration.items, self.policy, corrected)
        return assess(self.o, pairs, self.policy, clock, corroboration, self.conditions, item).status


def sensitivity(
    o: Obligation,
    pairs: list[Pair],
    a: Assessment,
    policy: Policy,
    clock: Clock,
    corroboration: Corroboration,
    conditions: dict[str, Status],
) -> list[tuple[str, Status]]:
    """Items whose removal alone would change the status, with the status without each."""
    items = {u.item.id: u.item for u in a.uses if u.role in ("diagnostic", "superseded")}
    if not items:
        return []
    removal = Removal(o, a, policy, clock, corroboration, conditions)
    out = []
    for iid in sorted(items):
        other = removal.status_without(items[iid], pairs)
        if other is not a.status:
            out.append((iid, other))
    return out
