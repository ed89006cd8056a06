"""The status vocabulary as data, and as the decision itself.

Each row of STATUSES is one status: its plain-English definition, when it applies (the
predicate score.decide tests, in this order: the first that holds wins), why it has its place,
how reports word it, and how it is drawn. The `Status` enum is made from the table, the
override vocabulary (model.StatusName) is read from it, and the README's precedence list and the
PDF's method appendix are written from it. Adding a status is one row and its predicate.

Imports nothing from the package: model, results and score all read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal


@dataclass(frozen=True)
class Facts:
    """What the predicates read: one obligation's assessment reduced to numbers and flags.

    Built by score.facts from the tally, the clock and the conditions' findings."""

    before_signature: bool  # the assessment date is before signature
    foreclosed: bool  # an awaited event no item reports, and a published item shows it can no longer happen
    pending: bool  # an awaited event no published item reports (and none forecloses)
    before_due: bool  # the due date has not come
    verifiable: bool  # the rule's verifiability is not "none"
    breach: float  # summed weight of the breach side's independent origins
    compliance: float  # the same for compliance
    full: float  # the compliance weight of evidence of full performance
    probability: float | None  # probability of non-compliance; None without diagnostic evidence
    decisive: float  # the policy's decisive weight
    contested_ratio: float  # the policy's contested ratio
    even_low: float  # the lower and upper bounds of "roughly even chance"
    even_high: float
    unmet: bool  # another party's condition found not kept, on its conduct up to this duty's deadline
    disputed: bool  # another party's condition found contested on the same conduct

    @property
    def breach_decisive(self) -> bool:
        return self.breach >= self.decisive

    @property
    def compliance_decisive(self) -> bool:
        return self.compliance >= self.decisive

    @property
    def breach_likely(self) -> bool:
        """Breach is decisive and more likely than not beyond the even-odds band."""
        return self.breach_decisive and self.probability is not None and self.probability > self.even_high

    @property
    def compliance_likely(self) -> bool:
        return self.compliance_decisive and self.probability is not None and self.probability < self.even_low


Side = Literal["breach", "compliance"]
Outcome = Literal["pass", "fail", "other"]


@dataclass(frozen=True)
class StatusDoc:
    name: str  # the enum member's name
    value: str  # the status as every output writes it
    definition: str  # one plain-English sentence for readers
    applies: str  # when it applies; {decisive} and {contested} are filled from the policy
    why: str  # the reason for its place in the order
    holds: Callable[[Facts], bool]  # the predicate: `applies` as code
    finding: (
        str  # the finding sentence; fields: party, clause, quote, verb, still, by, whose, conditions, when
    )
    reason: str  # the first reason; fields: b, c (weights), due_reason, obstacles
    phrase: str | None  # summary: "The Taliban: {phrase} 2 obligations"; None: not listed there
    verdict: str | None  # bottom line: "the Taliban {verdict}"; fields n, their, is_
    open_words: str | None  # bottom line, for statuses that are no determination: "3 {open_words}"
    side: Side | None  # the evidence a determination rests on (confidence is judged on it)
    likelihood: bool  # whether a likelihood of non-compliance is shown beside it
    determined: bool  # a determination on performance (a delivery date is kept; schedule shown)
    outcome: Outcome  # OSCAL: satisfied (pass), not-satisfied (fail), or neither (other)
    css: str  # class suffix in the HTML and PDF
    glyph: str  # shown beside the colour, so that the status reads in greyscale
    fill: str  # chart fill
    ink: str  # text drawn on the fill
    shows: str | None = None  # what its evidence shows of performance: "done", "done in part", "not done"

    @property
    def status(self) -> Any:
        """This row's member of the shipped `Status` (another table has its own: see `vocabulary`)."""
        return vocabulary(STATUSES)[self.name]


def _excused(f: Facts) -> bool:
    return f.breach_likely and f.unmet


def _disputed(f: Facts) -> bool:
    return f.breach_likely and f.disputed


def _contested(f: Facts) -> bool:
    return (
        f.breach_decisive
        and f.compliance_decisive
        and min(f.breach, f.compliance) / max(f.breach, f.compliance) >= f.contested_ratio
    )


STATUSES: tuple[StatusDoc, ...] = (
    StatusDoc(
        "not_triggered",
        "not triggered",
        "The event that would make the obligation due has not happened, and published evidence shows "
        "it can no longer happen.",
        "after signature, an event the obligation waits for is reported by no published item, and a "
        "published item shows that it can no longer happen",
        "a duty whose trigger is foreclosed will never fall due; calling it \u201cnot yet due\u201d "
        "would promise a judgment that can never come",
        lambda f: not f.before_signature and f.foreclosed,
        "{clause} ({quote}) was not triggered for the {party}: the event it waits for can no longer happen.",
        "It waits for an event that published evidence shows can no longer happen: {due_reason}",
        None,
        None,
        "not triggered",
        None,
        False,
        False,
        "other",
        "nt",
        "\u2205",
        "#7f8c99",
        "#ffffff",
    ),
    StatusDoc(
        "not_yet_due",
        "not yet due",
        "Performance is not yet owed: the agreement is not signed, the event that triggers the "
        "obligation is not yet reported, or its deadline has not passed.",
        "before signature; while an event the obligation waits for is not reported by any published "
        "item; or before the due date unless compliance is already decisive",
        "no judgment of performance before performance is owed, and none on an event no one has reported",
        lambda f: f.before_signature or f.pending or (f.before_due and not f.compliance_decisive),
        "{clause} ({quote}) {verb} not yet due for the {party}.",
        "{due_reason}",
        None,
        None,
        "not yet due",
        None,
        False,
        False,
        "other",
        "nyd",
        "\u25f7",
        "#4a7ab5",
        "#ffffff",
    ),
    StatusDoc(
        "not_verifiable",
        "not verifiable",
        "The public record cannot show whether the obligation was kept (for example, it rests on "
        "secret annexes).",
        'the rule\'s verifiability is "none"',
        "what the public record cannot show must not be scored from whatever fragments exist",
        lambda f: not f.verifiable,
        "Whether the {party} kept {clause} ({quote}) cannot be shown from the public record.",
        "The public record cannot show compliance or breach: {obstacles}.",
        None,
        None,
        "not verifiable in public",
        None,
        False,
        False,
        "other",
        "nv",
        "\u2298",
        "#6b5b95",
        "#ffffff",
    ),
    StatusDoc(
        "contested",
        "contested",
        "Credible evidence points both ways, and neither side clearly outweighs the other.",
        "both sides reach the decisive weight ({decisive}) and the weaker has at least {contested}% of "
        "the stronger's weight",
        "credible evidence both ways is a finding in itself; picking a side would hide it",
        _contested,
        "Whether the {party} kept {clause} ({quote}) {verb} contested.",
        "Credible evidence points both ways: breach weight {b:.2f} against compliance weight {c:.2f}.",
        "contested on",
        "{n} {is_} contested",
        None,
        None,
        True,
        True,
        "other",
        "con",
        "\u21c4",
        "#e08a2c",
        "#1a1a1a",
    ),
    StatusDoc(
        "condition_unmet",
        "condition unmet",
        "Credible evidence shows the party did not do it, but the other party's commitments on which it "
        "depends were found not kept first: on one reading excused, so not a plain breach.",
        "breach weight is decisive and the likelihood of non-compliance is above even odds, and an "
        "obligation of another party that this one depends on is found not kept, judged on that "
        "party's conduct up to this obligation's deadline",
        "non-performance excused on one reading by the other side's earlier breach is not the same "
        "finding as a plain breach; a party is never excused by its own failure, nor by conduct after "
        "the deadline",
        _excused,
        "Evidence shows the {party} did not perform {clause} ({quote}){by}. It depends on {whose} "
        "commitments in {conditions}, which were found not kept first: on one reading it was excused, so "
        "this {verb} not a plain breach.",
        "Breach evidence (weight {b:.2f}) outweighs compliance evidence (weight {c:.2f}) and is decisive.",
        "did not perform, with the condition unmet,",
        "left {n} undone with {their} condition unmet",
        None,
        "breach",
        False,
        True,
        "other",
        "cu",
        "\u2296",
        "#d9a3a8",
        "#1a1a1a",
        shows="not done",
    ),
    StatusDoc(
        "condition_disputed",
        "condition disputed",
        "Credible evidence shows the party did not do it, but whether the other party kept the "
        "commitments on which it depends is itself disputed: neither a breach nor an excuse.",
        "as for condition unmet, but the other party's condition is contested on its conduct up to "
        "this obligation's deadline, and none is found not kept",
        "when whether the condition held is disputed, the dependent finding is disputed too: calling "
        "it a breach would take one side of the dispute, and calling it excused the other",
        _disputed,
        "Evidence shows the {party} did not perform {clause} ({quote}){by}; whether {whose} commitments "
        "in {conditions}, on which it depends, were kept is disputed, so this {verb} neither a breach nor "
        "excused.",
        "Breach evidence (weight {b:.2f}) outweighs compliance evidence (weight {c:.2f}) and is decisive.",
        "did not perform, with the condition disputed,",
        "left {n} undone with {their} condition disputed",
        None,
        "breach",
        False,
        True,
        "other",
        "cd",
        "\u2241",
        "#e6c3a1",
        "#1a1a1a",
        shows="not done",
    ),
    StatusDoc(
        "not_compliant",
        "not compliant",
        "Credible evidence shows the party did not do what the obligation requires.",
        "breach weight is decisive and the likelihood of non-compliance is above even odds",
        "a determination of breach must be more likely than not beyond the even-odds band, or the status "
        "and the likelihood would contradict each other",
        lambda f: f.breach_likely,
        "The {party} {verb} not compliant with {clause}: {quote}.{when}",
        "Breach evidence (weight {b:.2f}) outweighs compliance evidence (weight {c:.2f}) and is decisive.",
        "not compliant with",
        "did not comply with {n}",
        None,
        "breach",
        True,
        True,
        "fail",
        "nc",
        "\u2717",
        "#a5222f",
        "#ffffff",
        shows="not done",
    ),
    StatusDoc(
        "partially_compliant",
        "partially compliant",
        "Credible evidence shows the party did part of what the obligation requires, but not all of it.",
        "compliance weight is decisive and the likelihood of non-compliance is below even odds, but only "
        "evidence of partial performance reaches it",
        "progress is not completion",
        lambda f: f.compliance_likely and f.full < f.decisive,
        "The {party} {verb} partially compliant with {clause}: {quote}.{when}",
        "Compliance evidence (weight {c:.2f}) outweighs breach evidence (weight {b:.2f}), but shows only "
        "partial performance.",
        "partially compliant with",
        "complied in part with {n}",
        None,
        "compliance",
        True,
        True,
        "other",
        "pc",
        "\u25d0",
        "#9cc48a",
        "#1a1a1a",
        shows="done in part",
    ),
    StatusDoc(
        "compliant",
        "compliant",
        "Credible evidence shows the party did what the obligation requires.",
        "evidence of full performance reaches the decisive weight and the likelihood of non-compliance is "
        "below even odds; breach evidence dated before delivery shows lateness, not non-performance",
        "done late is done, and the schedule says it was late",
        lambda f: f.compliance_likely,
        "The {party} {verb} compliant with {clause}: {quote}.{when}",
        "Compliance evidence (weight {c:.2f}) outweighs breach evidence (weight {b:.2f}).",
        "compliant with",
        "complied with {n}",
        None,
        "compliance",
        True,
        True,
        "pass",
        "ok",
        "\u2713",
        "#2f6b3a",
        "#ffffff",
        shows="done",
    ),
    StatusDoc(
        "insufficient_evidence",
        "insufficient evidence",
        "The obligation could be checked in principle, but the evidence so far does not show either way.",
        "none of the above: verifiable in principle, but neither side clearly prevails",
        "absence of evidence is not evidence of compliance or of breach",
        lambda f: True,
        "The evidence {still}does not suffice to determine whether the {party} kept {clause} ({quote}).",
        "Neither side's evidence clearly prevails (breach {b:.2f}, compliance {c:.2f}).",
        None,
        None,
        "with too little evidence",
        None,
        False,
        False,
        "other",
        "ie",
        "?",
        "#d9d9d9",
        "#1a1a1a",
    ),
)

_ENUMS: dict[tuple[StatusDoc, ...], Any] = {}


def vocabulary(table: Iterable[StatusDoc], name: str = "Status") -> Any:
    """The enum of a status table, in its order (a str Enum: members compare equal to their values),
    made once per table.

    Why made from the table: adding a status is then one row; nothing else lists the statuses."""
    rows = tuple(table)
    if rows not in _ENUMS:
        enum: Any = Enum(name, [(d.name, d.value) for d in rows], type=str)  # type: ignore[misc]
        enum.__doc__ = "Determinations, in order of precedence (the first that applies wins)."
        setattr(enum, "_rows", {d.name: d for d in rows})  # noqa: B010 - each member's row, for `row`
        _ENUMS[rows] = enum
    return _ENUMS[rows]


def row(status: Any) -> StatusDoc:
    """The table row of a status (of whichever table made its enum)."""
    rows: dict[str, StatusDoc] = getattr(type(status), "_rows")  # noqa: B009 - set by `vocabulary`
    return rows[status.name]


def first_that_holds(f: Facts, table: tuple[StatusDoc, ...] = STATUSES) -> StatusDoc:
    """The status the precedence gives: the first row whose predicate holds (the last always does)."""
    for d in table:
        if d.holds(f):
            return d
    raise ValueError("the status table's last row must always hold")


def applies(d: StatusDoc, decisive: float, contested_ratio: float) -> str:
    """When `d` applies, with the policy's numbers filled in."""
    return d.applies.format(decisive=f"{decisive:g}", contested=round(contested_ratio * 100))
