"""What an assessment is made of: each item's use for one obligation, the tally of the sides, and
the assessment itself. Plain types, shared by the scorer and the time model."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from scorecard.model import EvidenceItem, Link, Source
from scorecard.results import Role, Status


class Use(NamedTuple):
    """One evidence item as it bears on one obligation, with its computed grade and weight.

    A named tuple: immutable, and cheap to make by the tens of thousands."""

    item: EvidenceItem
    link: Link
    source: Source
    role: Role  # diagnostic, non-diagnostic, context, pre-signature, ambiguity, superseded, corrected
    credibility: int  # typed grade, or 1 where independent origins report the same claim (computed)
    weight: float
    when: tuple[date, date]  # when what it reports happened, clipped (timeline.clipped)

    @property
    def grade(self) -> str:
        return f"{self.source.reliability.grade}{self.credibility}"


@dataclass
class Tally:
    """Diagnostic weight per side, each origin counted once at its best-graded item."""

    breach: dict[str, Use] = field(default_factory=dict)  # origin → representative use
    compliance: dict[str, Use] = field(default_factory=dict)

    def weight(self, side: str, extent: str | None = None) -> float:
        uses = getattr(self, side).values()
        return round(sum(u.weight for u in uses if extent is None or u.link.extent == extent), 6)


@dataclass(frozen=True)
class Assessment:
    """Everything decided about one obligation at one date, before it is put into words."""

    uses: list[Use]
    tally: Tally
    status: Status
    probability: float | None
    due: date | None  # the deadline, or the trigger's date where that came later
    pending: str | None  # an event the obligation waits for that no published item reports yet
    delivered: tuple[date, date] | None  # when credible evidence shows the act done (one-time kinds)
    delivered_in_part: tuple[date, date] | None  # when it shows the act done in part
    breach_period: tuple[date, date] | None  # first and last dated breach evidence
    unmet: list[str]  # other parties' conditions found not kept (their ids)
    disputed: list[str]  # other parties' conditions found contested
    doubtful: list[str]  # conditions with too little evidence (their ids)
    conditions: dict[str, Status]  # each condition's finding on conduct up to `conduct_by`
    conduct_by: date | None  # the date up to which conditions were judged
    foreclosed_by: str | None  # the item showing the awaited event can no longer happen
    corrected_by: dict[str, str]  # corrected item → the published item correcting it
