"""Result types: what the scorer finds per obligation, and the one Report every renderer sees.

The JSON output of `scorecard score` is `Report` itself; `scorecard schema` prints its schema.
Field names here are a published contract: add fields, never rename them.
"""

from __future__ import annotations

import datetime
from datetime import date
from enum import Enum, EnumMeta
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from scorecard.model import Stance
from scorecard.statuses import STATUSES, vocabulary


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


if TYPE_CHECKING:  # the type checker sees a str Enum whose members are read from the table

    class _Members(EnumMeta):
        def __getattr__(cls, name: str) -> Status: ...

    class Status(str, Enum, metaclass=_Members):
        """Determinations, in order of precedence (the first that applies wins)."""

else:
    Status = vocabulary(STATUSES)  # statuses.STATUSES, in its order: the table is the vocabulary


class Schedule(str, Enum):
    not_yet_due = "not yet due"
    on_time = "done on time"
    late = "done late"
    overdue = "overdue"
    undated = "done, date not shown"
    on_time_in_part = "done on time, in part"
    late_in_part = "done late, in part"
    undated_in_part = "done in part, date not shown"
    lapsed = "not triggered"  # the trigger can no longer happen: the duty never fell due
    not_shown = "due, not shown"  # past due; neither completion nor breach shown in the corpus
    continuing = "continuing"  # no single deadline: judged over time
    no_deadline = "no deadline"


Confidence = Literal["low", "moderate", "high"]
# What the corpus shows of performance. "shown not done": evidence that the party did not do it;
# "not shown done": due, and no document in the corpus reports it done (not evidence of non-performance).
Performance = Literal["shown done", "shown done in part", "shown not done", "not shown done"]
Role = Literal[
    "diagnostic", "non-diagnostic", "context", "pre-signature", "ambiguity", "superseded", "corrected"
]
Level = Literal["none", "low", "moderate", "high"]


class Note(Frozen):
    """One note of a judgment, as data: renderers word and group it, never parse `text` back."""

    kind: Literal["ambiguity", "evidence", "could-show", "cannot-see"]
    text: str  # the note as one sentence (what `Judgement.notes` lists)
    term: str | None = None  # the unclear words, for an ambiguity
    level: Level | None = None  # its severity, for an ambiguity
    source: str | None = None  # the rule it comes from (a qualifier's id when inherited)


class Judgement(Frozen):
    level: Level
    notes: list[str]  # each entry's text, for readers of the JSON who want sentences
    entries: list[Note] = []


class DeadlineOut(Frozen):
    date: date | None
    rule: str
    triggered: bool  # False while no published item reports an event the obligation waits for
    due: datetime.date | None  # the deadline, or the trigger's date where that came later


class Counts(Frozen):
    """Items and independent origins by stance (an origin repeated by many items counts once)."""

    breach: int
    compliance: int
    context: int
    ambiguity: int
    non_diagnostic: int
    breach_origins: int
    compliance_origins: int  # independent of the obliged party: its own word is counted in `denials`
    denials: int  # the obliged party's own claims that it complied (denials of breach): items


class EvidenceRef(Frozen):
    """One evidence item as it bears on one obligation."""

    id: str
    source: str
    origin: str
    stance: Stance
    role: Role
    indicator: str | None
    extent: Literal["full", "partial"]
    published: date
    event_date: str | None
    reliability: str
    credibility: int
    grade: str
    weight: float
    claim: str
    quote: str
    attributed_to: str
    line: int  # line of the quote in its source file, computed
    start: int  # character offsets of the quote in its source file, computed
    end: int
    note: str | None


class Period(Frozen):
    """First and last dates of the dated breach evidence (continuing duties: when breach was seen)."""

    first: date
    last: date


class StatusAt(Frozen):
    """The status an assessment as of `date` would give (dates where evidence appeared or a deadline fell)."""

    date: date
    status: Status


class Sensitivity(Frozen):
    evidence: str
    status_without: Status


class OverrideOut(Frozen):
    """An analyst's override: `status` is theirs; this keeps the computed one beside it, and why."""

    computed_status: Status
    justification: str
    reviewer: str
    date: date


class ObligationResult(Frozen):
    id: str
    clause: str
    party: str
    kind: str
    title: str | None  # the rule's heading for readers
    summary: str
    text: str
    operative: str  # the words of the clause that state the duty; findings quote them
    text_status: str
    text_note: str | None
    beneficiary: str
    conditions: list[str]
    status: Status
    remains: bool | None  # same status at the previous assessment date, when one is given
    previous_status: Status | None  # the status at the previous assessment date, when one is given
    likelihood: str | None  # ICD 203 band for "the obliged party did not comply"; None: no basis
    breach_probability: float | None
    confidence: Confidence
    ambiguity: Judgement
    verifiability: Judgement
    deadline: DeadlineOut | None
    schedule: Schedule
    delivered: date | None  # by when credible evidence shows the act done (one-off, quantity)
    delivered_in_part: date | None  # by when it shows the act done in part (partial extent)
    breach_period: Period | None  # first and last dated breach evidence
    counts: Counts
    independent_origins: list[str]
    evidence: list[EvidenceRef]
    reasons: list[str]
    sensitivity: list[Sensitivity]
    would_change: list[str]
    finding: str
    history: (
        list[StatusAt] | None
    )  # status at each date evidence appeared or a deadline fell; None: not asked
    override: OverrideOut | None  # an analyst's status replaced the computed one (see `status`)
    performance: Performance | None  # None: nothing owed yet, evidence both ways, or nothing shown
    latest_source: str | None  # the latest-published source with evidence bearing on it


class AgreementOut(Frozen):
    id: str
    title: str
    signed: date
    place: str
    parties: dict[str, str]
    text_file: str
    text_sha256: str


class PolicyOut(Frozen):
    name: str
    sha256: str
    values: dict


class Corpus(Frozen):
    documents: int
    items: int
    items_used: int
    first_published: date | None
    cutoff: date | None  # latest publication date on or before as_of: "no evidence" means up to here
    rules_sha256: str
    evidence_sha256: str


class SourceOut(Frozen):
    id: str
    title: str
    publisher: str
    authors: list[str]
    published: date
    published_inferred: bool
    published_reason: str | None
    republished: date | None
    url: str | None
    kind: str
    file: str
    sha256: str
    reliability: str
    reliability_reason: str
    items: int


class Report(Frozen):
    agreement: AgreementOut
    as_of: date
    previous_as_of: date | None
    policy: PolicyOut
    corpus: Corpus
    party: str | None  # the --party filter, if any
    obligations: list[ObligationResult]
    sources: list[SourceOut]
