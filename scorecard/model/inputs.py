"""Input types: the agreement, its obligations (rules), sources, origins, evidence items, overrides.

Every model forbids unknown keys and takes strings strictly, so a YAML typo such as an
unquoted `no` (a boolean) or `4.3` (a float) where a name belongs is reported, not coerced.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
)

from scorecard.dates import FuzzyDate, parse_fuzzy
from scorecard.statuses import STATUSES

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", max_length=80)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


def _day_text(value: object) -> object:
    """Only `YYYY-MM-DD` (or a date): lax pydantic would read a number as a Unix timestamp."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("write the date as YYYY-MM-DD")
    return value


# Why a latest date: date arithmetic (deadlines, the report's time axis, which runs to the year
# after the last date) must never leave Python's calendar, which ends in 9999. Nothing an
# agreement says needs a later date; a typo such as 9021 is caught as well.
LATEST = date(2999, 12, 31)


def _not_too_late(value: date) -> date:
    if value > LATEST:
        raise ValueError(f"dates after {LATEST.isoformat()} are not supported (a typo?)")
    return value


def _fuzzy_not_too_late(text: str) -> str:
    _not_too_late(parse_fuzzy(text)[0])
    return text


Day = Annotated[date, BeforeValidator(_day_text), Strict(False), AfterValidator(_not_too_late)]
Fuzzy = Annotated[FuzzyDate, AfterValidator(_fuzzy_not_too_late)]  # YYYY, YYYY-MM or YYYY-MM-DD


def _one_line(value: str) -> str:
    if "\n" in value and "\n" in value.strip():
        raise ValueError("must be a single line")
    return value


Line = Annotated[str, StringConstraints(min_length=1, max_length=600), AfterValidator(_one_line)]


class Strict_(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


# --- agreement and rules ---------------------------------------------------------------


# Cues: plain phrases that suggest a passage bears on an obligation or indicator (used by
# `scorecard ingest`). `*` stands for any letters (`withdr*`), `#` for any number; a cue written in capitals
# (`AQIS`) matches only in capitals, any other cue in any case.
_NOT_CUE = re.compile(r"[\[\]{}\\^$+?]|\([^)]*$|^[^(]*\)|\(\)|\(\||\|\)")
_SPACED = re.compile(r"[(|]\s|\s[|)]")  # "(a |b)": the space would have to be there twice


def _cue(value: str) -> str:
    """Cue syntax only: a regular expression's brackets, braces, anchors or escapes would be taken
    as letters and the cue would never match."""
    bad = _NOT_CUE.search(value) or _SPACED.search(value)
    if bad:
        raise ValueError(
            f"'{bad.group()}' is not cue syntax: write words (a space or a hyphen matches either), `*` "
            "for any letters, `#` for any number and `(a|b)` for either word, as in `cease-fire` or "
            "`(troops|forces) withdr*`"
        )
    return value


Cue = Annotated[
    str, StringConstraints(min_length=1, max_length=120), AfterValidator(_one_line), AfterValidator(_cue)
]


class Party(Strict_):
    id: Id
    """Short id used everywhere else, e.g. `us`, `taliban`."""
    name: Line
    """The party's name as the agreement gives it."""
    short: Line
    """The short name readers see in tables and findings, e.g. `United States`."""
    aliases: list[Cue] = []
    """Other names documents use for it (`scorecard ingest` reads them as mentions); cue syntax."""


class Event(Strict_):
    """A fact the rules depend on (for example the start of negotiations the agreement foresees).

    Why: an assessment may know an event only from a document that reports it. Its date comes
    from the evidence items that name it (`event:`), each known from its source's publication;
    only a date the agreement's own text states (`stated`, quoted verbatim) is known from signature.
    """

    id: Id
    """Id that rule conditions (`event:`) and evidence items (`event:`) use."""
    description: Line
    """What happens, in one line, e.g. `Intra-Afghan negotiations open in Doha`."""
    basis: Line
    """Where the event's date comes from: the evidence items that report it, or the agreement's words."""
    date: Day | None = None  # only with `stated`: a date the agreement itself gives
    """Only for a date the agreement itself gives (with `stated`), as YYYY-MM-DD; other events are dated by the evidence items that report them."""  # noqa: E501 - one sentence, the field's description in the schema
    stated: Line | None = None  # the agreement's words that give `date`, verbatim
    """The agreement's own words that give `date`, quoted verbatim from its text."""


class AgreementText(Strict_):
    file: Text
    """The agreement's plain text, relative to the rules folder; rule texts are checked against it verbatim."""
    sha256: Sha256
    """SHA-256 of the text file (lowercase hex); a changed file is reported."""
    provenance: Text | None = None
    """File saying which clauses are confirmed word for word, relative to the rules folder."""


class Agreement(Strict_):
    id: Id
    """Id of the agreement; every rule names it in `agreement`."""
    title: Line
    """The agreement's title."""
    signed: Day
    """Date of signature, YYYY-MM-DD: nothing is due, kept or broken before it."""
    place: Line
    """Where it was signed."""
    parties: list[Party] = Field(min_length=2)
    """The parties bound by it (at least two)."""
    text: AgreementText
    """The agreement's text file and its hash."""
    clauses: list[Line] = Field(min_length=1)
    """Canonical clause references, in the agreement's order (e.g. `Part One A(1)`); each rule's `clause` is one of them."""  # noqa: E501 - one sentence, the field's description in the schema
    events: list[Event] = []
    """Events the rules wait for (e.g. the start of negotiations)."""
    aliases: list[Cue] = []
    """Other names documents use for it (`scorecard ingest` reads them as mentions); cue syntax."""
    note: Text | None = None
    """Free notes on the agreement (signatories, annexes, endorsement)."""


TextStatus = Literal["verbatim", "not-confirmed"]

# one-off: a single action by a deadline; quantity: reach a number by a deadline;
# continuing-prohibition / continuing-duty: judged over time from signature;
# best-efforts: "seek", "work with", "start engagement" (conduct, not result);
# qualifier: qualifies other obligations (the scope sentence).
Kind = Literal[
    "one-off", "quantity", "continuing-prohibition", "continuing-duty", "best-efforts", "qualifier"
]


class Deadline(Strict_):
    """When performance is due, and how that date was computed.

    `from_date` plus `add_days` or `add_months` must give `date`: the validator recomputes it.
    """

    date: Day | None = None
    """When performance is due, YYYY-MM-DD; with `from_date` and `add_*` it must equal their sum."""
    rule: Line
    """The deadline as the text words it, e.g. `Within 135 days of signature`."""
    from_date: Day | None = None
    """Start date the deadline is counted from, YYYY-MM-DD."""
    add_days: int | None = Field(default=None, ge=0, le=20_000)
    """Days added to `from_date` (after `add_months`)."""
    add_months: int | None = Field(default=None, ge=0, le=600)
    """Whole months added to `from_date` (the same day, clamped to the month's end)."""
    add_note: Line | None = None
    """How the computation reads an unclear text (e.g. `9.5 months read as the fourteen-month end`)."""


class Condition(Strict_):
    """What an obligation depends on: another obligation, or a dated event."""

    obligation: Id | None = None
    """Id of another obligation this one depends on (exactly one of `obligation` or `event`)."""
    event: Id | None = None
    """Id of an agreement event this obligation waits for (exactly one of `obligation` or `event`)."""
    effect: Line
    """What the condition does to this obligation, in one line."""


class Indicator(Strict_):
    id: Id
    """Id that evidence links name in `indicator`."""
    text: Line
    """What a report would have to show, in one line."""
    own_record: bool = False
    """True when what it asks for is the obliged party's own official record of a verifiable act of its own (its troop figures, its release lists): such a record then counts at full weight."""  # noqa: E501 - one sentence, the field's description in the schema
    cues: list[Cue] = []
    """Phrases a passage bearing on it tends to use (`scorecard ingest`); cue syntax, as the obligation's `cues`."""


class Indicators(Strict_):
    compliance: list[Indicator] = Field(min_length=1)
    """What would show the obligation kept (at least one)."""
    breach: list[Indicator] = Field(min_length=1)
    """What would show it broken (at least one)."""


Severity = Literal["low", "moderate", "high"]


class Ambiguity(Strict_):
    term: Line
    """The unclear words or point, e.g. `areas under their control`."""
    issue: Text
    """Why it is unclear."""
    effect: Text
    """What the readings change for a determination."""
    severity: Severity
    """How much it matters: low, moderate or high."""


VerifiabilityLevel = Literal["high", "moderate", "low", "none"]


class Verifiability(Strict_):
    level: VerifiabilityLevel
    """Could public evidence show compliance or breach: high, moderate, low or none (none: the status is `not verifiable`)."""  # noqa: E501 - one sentence, the field's description in the schema
    means: list[Line] = []
    """What could show it (e.g. official force figures)."""
    obstacles: list[Line] = []
    """What keeps it from public view (e.g. secret annexes)."""


class Obligation(Strict_):
    id: Id
    """Rule id, the file's name without `.yaml`; lowercase letters, digits and hyphens."""
    agreement: Id
    """Id of the agreement this rule belongs to (its agreement.yaml `id`)."""
    clause: Line
    """Canonical clause reference, one of the agreement's `clauses`."""
    party: Id
    """Id of the obliged party."""
    beneficiary: Line
    """Who the obligation is owed to."""
    kind: Kind
    """one-off (an act by a deadline), quantity (a number by a deadline), continuing-duty, continuing-prohibition, best-efforts (conduct, not result) or qualifier (limits other obligations)."""  # noqa: E501 - one sentence, the field's description in the schema
    text: Text
    """The clause's words, verbatim from the agreement's text (whitespace may differ)."""
    text_status: TextStatus
    """verbatim (confirmed word for word) or not-confirmed (confirmed in substance only)."""
    text_note: Line | None = None
    """Why the text is not confirmed word for word, where it is not."""
    operative: Text | None = None  # the words of `text` that state the duty, verbatim; findings quote them
    """The words of `text` that state the duty (the operative verb and its object), verbatim; findings quote them."""
    title: Line | None = None  # a reader's heading, e.g. "Complete the withdrawal"
    """A reader's heading in plain English, e.g. `Complete the withdrawal of all forces`."""
    summary: Text
    """What the obligation requires, in plain words."""
    deadline: Deadline | None = None
    """When performance is due; none for continuing duties and undated promises."""
    conditions: list[Condition] = []
    """Other obligations or events this one depends on."""
    indicators: Indicators
    """What would show compliance and what would show breach."""
    ambiguities: list[Ambiguity] = []
    """What is unclear in the obligation itself."""
    verifiability: Verifiability
    """Whether public evidence could show compliance or breach, and how."""
    cues: list[Cue] = []
    """Phrases a passage bearing on it tends to use (`scorecard ingest` suggests from them).

    `*` = any letters, `(a|b)` = either word; a word in capitals matches with case."""
    context_cues: list[Cue] = []
    """Conduct its text does not decide (fighting, for a duty to discuss a ceasefire): `ingest` reads a report of it as context."""  # noqa: E501 - one sentence, the field's description in the schema
    same_duty: list[Id] = []
    """Obligations of other clauses that state the same duty (a Part's opening words and the clause that spells them out): `ingest` suggests them together, so a reviewer can file under either."""  # noqa: E501 - one sentence, the field's description in the schema


# --- sources and evidence ---------------------------------------------------------------

SourceKind = Literal["news", "analysis", "opinion", "official-report", "official-statement"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]


class Published(Strict_):
    date: Day
    """Date of first publication, YYYY-MM-DD."""
    inferred: bool = False
    """True when the document does not state the date and it was inferred."""
    reason: Line | None = None
    """How an inferred date was inferred."""


class Graded(Strict_):
    grade: Reliability
    """Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged."""
    reason: Line
    """Why this grade."""


class Original(Strict_):
    """The file a source's text was extracted from, kept unchanged beside it."""

    file: Text
    """The original file, relative to the evidence folder, bytes unchanged."""
    sha256: Sha256
    """SHA-256 of the original file."""
    media_type: Literal["text/plain", "text/html", "application/pdf"]
    """What the original is: text/plain, text/html or application/pdf."""
    retrieved: Line | None = None
    """When it was fetched from the source's `url` (UTC, ISO 8601), where ingest fetched it."""


class Source(Strict_):
    id: Id
    """Source id that evidence items name in `source`."""
    title: Line
    """The document's title."""
    publisher: Line
    """Who published it (or `Not stated in the text`)."""
    authors: list[Line] = []
    """Named authors, if any."""
    published: Published
    """First publication: the date an assessment may first use it."""
    republished: Published | None = None  # a later copy (the file may be it); `published` is the first
    """A later copy's publication, where the file is that copy."""
    url: Line | None = None
    """Where it was published, if known."""
    kind: SourceKind
    """news, analysis, opinion, official-report or official-statement."""
    file: Text
    """The document as stored, relative to the evidence folder; quotes are checked against it."""
    sha256: Sha256
    """SHA-256 of the file (lowercase hex); a changed file is reported."""
    reliability: Graded
    """Admiralty reliability grade of the source, with its reason."""
    furniture: list[Line] = []
    """Exact lines of the file that are not the article (captions, sidebars): no quote may come from them."""
    original: Original | None = None
    """The document as received (HTML, PDF) when `file` is text extracted from it."""
    note: Text | None = None
    """Free notes on the document."""


class Origin(Strict_):
    """The original report or event that one or more evidence items pass on."""

    id: Id
    """Origin id that evidence items name in `origin`."""
    description: Line
    """The original report or event, in one line."""
    kind: Literal["report", "event", "public-event", "interview", "statement", "analysis", "text"]
    """report, event (known from one original account), public-event (witnessed by many: each publisher reporting it is an independent witness), interview, statement, analysis or text."""  # noqa: E501 - one sentence, the field's description in the schema
    date: Fuzzy | None = None
    """When it was made or happened: YYYY, YYYY-MM or YYYY-MM-DD."""


Stance = Literal["breach", "compliance", "context", "ambiguity"]


class Link(Strict_):
    obligation: Id
    """Id of the obligation the item bears on."""
    stance: Stance
    """breach, compliance, context (background) or ambiguity (bears on what the obligation means)."""
    indicator: Id | None = None
    """Id of the obligation's indicator the item shows, on the side its stance names."""
    extent: Literal["full", "partial"] = "full"
    """full, or partial (progress, not completion)."""
    diagnostic: bool = True
    """False when the item is consistent with both compliance and breach: it then never moves a status."""
    note: Line | None = None
    """Why the item bears on the obligation this way, in one line."""
    claim_key: Id | None = None
    """The claim this link rests on, where the item holds several claims (in place of the item's `claim_key`)."""  # noqa: E501 - one sentence, the field's description in the schema


class ExampleLink(Strict_):
    obligation: Id
    """Id of the obligation the passage bears on."""
    stance: Stance
    """The stance an analyst gives it on that obligation."""
    indicator: Id | None = None
    """Id of the obligation's indicator the passage shows, on the side its stance names."""


class Example(Strict_):
    """A passage labelled as an analyst would file it, for `scorecard ingest` to learn from
    (RULES/examples.yaml). Not evidence: it is never scored, cited or shown as a finding.

    Why: reviewed evidence teaches the suggester only the obligations its documents are about; a few
    labelled passages per obligation teach it how documents report conduct on the others.
    """

    id: Id
    """Example id, unique in the file."""
    document: Id
    """The document the passage comes from, by name: a benchmark leaves out a document's examples
    when it scores that document."""
    quote: Text
    """The passage."""
    links: list[ExampleLink] = Field(min_length=1)
    """Each obligation it bears on, with its stance."""


Credibility = Annotated[int, Field(ge=2, le=6)]


class EvidenceItem(Strict_):
    id: Id
    """Evidence id, unique across all item files."""
    source: Id
    """Id of the source document quoted."""
    quote: Text
    """The passage, verbatim from the source's file (whitespace may differ); one to three sentences."""
    claim: Line
    """What the passage claims, in one line."""
    attributed_to: Line
    """Who makes the claim (the author, or whom the author quotes)."""
    party: Id | None = None  # the agreement party making the claim, where one does
    """The agreement party making the claim, where one does (its word about itself is discounted)."""
    origin: Id
    """Id of the original report or event the claim comes from (repeats of one origin count once)."""
    event_date: Fuzzy | None = None
    """When the reported event happened: YYYY, YYYY-MM or YYYY-MM-DD; not after the source's publication."""
    event_date_from: Id | None = None
    """Id of the source the event date comes from, when this item's own text does not give it (the date is known only once that source is published)."""  # noqa: E501 - one sentence, the field's description in the schema
    event: Id | None = None
    """Id of the agreement event this item reports (its `event_date` is the event's date)."""
    # Items with the same claim_key report the same claim or event; from independent origins they
    # confirm each other (Admiralty credibility 1). Without one, an item confirms nothing.
    claim_key: Id | None = None
    """Items with the same claim key report the same claim or event; from independent origins they confirm each other."""  # noqa: E501 - one sentence, the field's description in the schema
    corrects: Id | None = None
    """Id of an earlier item this one corrects or withdraws: from this item's publication the earlier one stops counting."""  # noqa: E501 - one sentence, the field's description in the schema
    prompted_by: Id | None = None
    """Id of an item whose finding was put to the speaker, who agreed: the agreement shares that item's origin."""  # noqa: E501 - one sentence, the field's description in the schema
    forecloses: Id | None = None
    """Id of an agreement event this item shows can no longer happen (from its publication on)."""
    credibility: Credibility
    """Admiralty information credibility as typed: 2 probably true … 5 improbable, 6 cannot be judged (1 is computed)."""  # noqa: E501 - one sentence, the field's description in the schema
    links: list[Link] = Field(min_length=1)
    """The obligations the item bears on, each with a stance (at least one)."""
    note: Text | None = None
    """Free notes on the item."""


def _status_name(value: str) -> str:
    names = [d.value for d in STATUSES]
    if value not in names:
        raise ValueError(f"'{value}' is not a status; use one of: {', '.join(names)}")
    return value


# The scorer's status vocabulary, read from its table (scorecard/statuses.py).
StatusName = Annotated[
    str,
    AfterValidator(_status_name),
    WithJsonSchema({"type": "string", "enum": [d.value for d in STATUSES]}),
]


class Override(Strict_):
    """An analyst's status in place of the computed one, with the reason (evidence/overrides.yaml).

    Why allowed at all: a scorecard is a judgment, and an analyst may know what the corpus cannot
    show; why kept apart: every output shows the override with the computed status beside it.
    """

    obligation: Id
    """The obligation whose computed status is replaced."""
    status: StatusName
    """The analyst's status, from the scorer's vocabulary."""
    justification: Text
    """Why the analyst departs from the computed status (required)."""
    reviewer: Line
    """Who decided."""
    date: Day
    """When, YYYY-MM-DD."""

    @property
    def id(self) -> str:  # one override per obligation: a second is reported as a duplicate
        return self.obligation
