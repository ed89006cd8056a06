"""Input types: the agreement, its obligations (rules), sources, origins, evidence items, policy.

Every model forbids unknown keys and takes strings strictly, so a YAML typo such as an
unquoted `no` (a boolean) or `4.3` (a float) where a name belongs is reported, not coerced.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints

from scorecard.dates import FuzzyDate

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", max_length=80)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


def _day_text(value: object) -> object:
    """Only `YYYY-MM-DD` (or a date): lax pydantic would read a number as a Unix timestamp."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("write the date as YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_day_text), Strict(False)]


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("must be a single line")
    return value


Line = Annotated[str, StringConstraints(min_length=1, max_length=600), AfterValidator(_one_line)]


class Strict_(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- agreement and rules ---------------------------------------------------------------


class Party(Strict_):
    id: Id
    name: Line
    short: Line


class Event(Strict_):
    """A fact the rules depend on (for example the start of negotiations the agreement foresees).

    Why: an assessment may know an event only from a document that reports it. Its date comes
    from the evidence items that name it (`event:`), each known from its source's publication;
    only a date the agreement's own text states (`stated`, quoted verbatim) is known from signature.
    """

    id: Id
    description: Line
    basis: Line
    date: Day | None = None  # only with `stated`: a date the agreement itself gives
    stated: Line | None = None  # the agreement's words that give `date`, verbatim


class AgreementText(Strict_):
    file: Text
    sha256: Sha256
    provenance: Text | None = None


class Agreement(Strict_):
    id: Id
    title: Line
    signed: Day
    place: Line
    parties: list[Party] = Field(min_length=2)
    text: AgreementText
    clauses: list[Line] = Field(min_length=1)
    events: list[Event] = []
    note: Text | None = None


TextStatus = Literal["verbatim", "not-confirmed"]

# one-off: a single action by a deadline; quantity: reach a number by a deadline;
# continuing-prohibition / continuing-duty: judged over time from signature;
# best-efforts: "seek", "work with", "start engagement" (conduct, not result);
# qualifier: qualifies other obligations (the scope sentence).
Kind = Literal["one-off", "quantity", "continuing-prohibition", "continuing-duty", "best-efforts", "qualifier"]


class Deadline(Strict_):
    """When performance is due, and how that date was computed.

    `from_date` plus `add_days` or `add_months` must give `date`: the validator recomputes it.
    """

    date: Day | None = None
    rule: Line
    from_date: Day | None = None
    add_days: int | None = Field(default=None, ge=0, le=20_000)
    add_months: int | None = Field(default=None, ge=0, le=600)
    add_note: Line | None = None


class Condition(Strict_):
    """What an obligation depends on: another obligation, or a dated event."""

    obligation: Id | None = None
    event: Id | None = None
    effect: Line


class Indicator(Strict_):
    id: Id
    text: Line


class Indicators(Strict_):
    compliance: list[Indicator] = Field(min_length=1)
    breach: list[Indicator] = Field(min_length=1)


Severity = Literal["low", "moderate", "high"]


class Ambiguity(Strict_):
    term: Line
    issue: Text
    effect: Text
    severity: Severity


VerifiabilityLevel = Literal["high", "moderate", "low", "none"]


class Verifiability(Strict_):
    level: VerifiabilityLevel
    means: list[Line] = []
    obstacles: list[Line] = []


class Obligation(Strict_):
    id: Id
    agreement: Id
    clause: Line
    party: Id
    beneficiary: Line
    kind: Kind
    text: Text
    text_status: TextStatus
    text_note: Line | None = None
    operative: Text | None = None  # the words of `text` that state the duty, verbatim; findings quote them
    title: Line | None = None  # a reader's heading, e.g. "Complete the withdrawal"
    summary: Text
    deadline: Deadline | None = None
    conditions: list[Condition] = []
    indicators: Indicators
    ambiguities: list[Ambiguity] = []
    verifiability: Verifiability


# --- sources and evidence ---------------------------------------------------------------

SourceKind = Literal["news", "analysis", "opinion", "official-report", "official-statement"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]


class Published(Strict_):
    date: Day
    inferred: bool = False
    reason: Line | None = None


class Graded(Strict_):
    grade: Reliability
    reason: Line


class Source(Strict_):
    id: Id
    title: Line
    publisher: Line
    authors: list[Line] = []
    published: Published
    republished: Published | None = None  # a later copy (the file may be it); `published` is the first
    url: Line | None = None
    kind: SourceKind
    file: Text
    sha256: Sha256
    reliability: Graded
    furniture: list[Line] = []
    note: Text | None = None


class Origin(Strict_):
    """The original report or event that one or more evidence items pass on."""

    id: Id
    description: Line
    kind: Literal["report", "event", "interview", "statement", "analysis", "text"]
    date: FuzzyDate | None = None


Stance = Literal["breach", "compliance", "context", "ambiguity"]


class Link(Strict_):
    obligation: Id
    stance: Stance
    indicator: Id | None = None
    extent: Literal["full", "partial"] = "full"
    diagnostic: bool = True
    note: Line | None = None


Credibility = Annotated[int, Field(ge=2, le=6)]


class EvidenceItem(Strict_):
    id: Id
    source: Id
    quote: Text
    claim: Line
    attributed_to: Line
    party: Id | None = None  # the agreement party making the claim, where one does
    origin: Id
    event_date: FuzzyDate | None = None
    # The source the event date is taken from, when this item's own text does not give it: the
    # date is then known only once that source is published too.
    event_date_from: Id | None = None
    # The agreement event this item reports (its `event_date` is the event's date).
    event: Id | None = None
    # Items with the same claim_key report the same claim or event; from independent origins they
    # confirm each other (Admiralty credibility 1). Without one, an item confirms nothing.
    claim_key: Id | None = None
    credibility: Credibility
    links: list[Link] = Field(min_length=1)
    note: Text | None = None


# --- policy -----------------------------------------------------------------------------

_BAND_NAMES = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)


def _bands_ordered(bands: list[LikelihoodBand]) -> list[LikelihoodBand]:
    names = tuple(b.name for b in bands)
    if names != _BAND_NAMES:
        raise ValueError(f"bands must be ICD 203's seven, in order: {', '.join(_BAND_NAMES)}")
    uppers = [b.upper for b in bands]
    if uppers != sorted(uppers) or uppers[-1] != 1.0:
        raise ValueError("band upper bounds must rise and end at 1.0")
    return bands


class LikelihoodBand(Strict_):
    name: str
    upper: float = Field(ge=0, le=1)


class ConfidenceRule(Strict_):
    min_origins: int = Field(ge=0)
    min_consistency: float = Field(ge=0, le=1)
    best_grades: list[Line] = []  # e.g. ["A1", "A2", "B1", "B2"]; empty: no requirement
    verifiability: list[VerifiabilityLevel]


class Thresholds(Strict_):
    decisive: float = Field(gt=0)  # weight one side needs for a determination
    contested_ratio: float = Field(gt=0, le=1)  # minority/majority share that makes "contested"
    corroboration_max_credibility: int = Field(ge=2, le=6)


class Policy(Strict_):
    """Every weight and threshold the scorer uses; see scorecard/policy.yaml for the defaults."""

    name: Line
    reliability_weight: dict[Reliability, float]
    credibility_weight: dict[Annotated[int, Field(ge=1, le=6), Strict(False)], float]
    self_claim_weight: float = Field(ge=0, le=1)
    prior: float = Field(gt=0)
    thresholds: Thresholds
    likelihood_bands: Annotated[list[LikelihoodBand], AfterValidator(_bands_ordered)]
    confidence: dict[Literal["high", "moderate"], ConfidenceRule]


GRADE_RE = re.compile(r"^[A-F][1-6]$")
