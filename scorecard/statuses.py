"""The status vocabulary as data: precedence, when each applies and why, and how each is shown.

One table feeds the scorer's documentation (the README's precedence list, checked by a test),
the PDF's method appendix, and every renderer's colours and glyphs. score.decide implements the
same order; a test holds the two together on generated evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.results import Status


@dataclass(frozen=True)
class StatusDoc:
    status: Status
    applies: str  # when it applies; {decisive} and {contested} are filled from the policy
    why: str  # the reason for its place in the order
    css: str  # class suffix in the HTML and PDF
    glyph: str  # shown beside the colour, so that the status reads in greyscale
    fill: str  # chart fill
    ink: str  # text drawn on the fill
    definition: str = ""  # one plain-English sentence for readers, shown where they first meet it
    shows: str | None = None  # what its evidence shows of performance: "done", "done in part", "not done"


STATUSES: tuple[StatusDoc, ...] = (
    StatusDoc(
        Status.not_yet_due,
        "before signature; while an event the obligation waits for is not reported by any published "
        "item; or before the due date unless compliance is already decisive",
        "no judgment of performance before performance is owed, and none on an event no one has reported",
        "nyd",
        "\u25f7",
        "#4a7ab5",
        "#ffffff",
        definition=(
            "Performance is not yet owed: the agreement was not yet signed, the event that triggers the "
            "obligation is not yet reported, or its deadline has not passed."
        ),
    ),
    StatusDoc(
        Status.not_verifiable,
        'the rule\'s verifiability is "none"',
        "what the public record cannot show must not be scored from whatever fragments exist",
        "nv",
        "\u2298",
        "#6b5b95",
        "#ffffff",
        definition=(
            "The public record cannot show whether the obligation was kept (for example, it rests on secret "
            "annexes)."
        ),
    ),
    StatusDoc(
        Status.contested,
        "both sides reach the decisive weight ({decisive}) and the weaker has at least {contested}% of "
        "the stronger's weight",
        "credible evidence both ways is a finding in itself; picking a side would hide it",
        "con",
        "\u21c4",
        "#e08a2c",
        "#1a1a1a",
        definition=("Credible evidence points both ways, and neither side clearly outweighs the other."),
    ),
    StatusDoc(
        Status.not_compliant,
        "breach weight is decisive and the likelihood of non-compliance is above even odds",
        "a determination of breach must be more likely than not beyond the even-odds band, or the status "
        "and the likelihood would contradict each other",
        "nc",
        "\u2717",
        "#a5222f",
        "#ffffff",
        definition=("Credible evidence shows the party did not do what the obligation requires."),
        shows="not done",
    ),
    StatusDoc(
        Status.condition_unmet,
        "as for not compliant, but a condition on another party's obligation is found not kept",
        "non-performance excused on one reading by the other side's breach is not the same finding as a "
        "plain breach; the overdue schedule stays visible",
        "cu",
        "\u2296",
        "#d9a3a8",
        "#1a1a1a",
        definition=(
            "Credible evidence shows the party did not do it, but the other party's commitments on which it "
            "depends were found not kept first: on one reading excused, so not a plain breach."
        ),
        shows="not done",
    ),
    StatusDoc(
        Status.partially_compliant,
        "compliance weight is decisive and the likelihood of non-compliance is below even odds, but only "
        "evidence of partial performance reaches it",
        "progress is not completion",
        "pc",
        "\u25d0",
        "#9cc48a",
        "#1a1a1a",
        definition=(
            "Credible evidence shows the party did part of what the obligation requires, but not all of it."
        ),
        shows="done in part",
    ),
    StatusDoc(
        Status.compliant,
        "evidence of full performance reaches the decisive weight and the likelihood of non-compliance is "
        "below even odds; breach evidence dated before delivery shows lateness, not non-performance",
        "done late is done, and the schedule says it was late",
        "ok",
        "\u2713",
        "#2f6b3a",
        "#ffffff",
        definition=("Credible evidence shows the party did what the obligation requires."),
        shows="done",
    ),
    StatusDoc(
        Status.insufficient_evidence,
        "none of the above: verifiable in principle, but neither side clearly prevails",
        "absence of evidence is not evidence of compliance or of breach",
        "ie",
        "?",
        "#d9d9d9",
        "#1a1a1a",
        definition=(
            "The obligation could be checked in principle, but the evidence in the corpus does not show "
            "either way."
        ),
    ),
)
BY_STATUS = {d.status: d for d in STATUSES}


def applies(d: StatusDoc, decisive: float, contested_ratio: float) -> str:
    """When `d` applies, with the policy's numbers filled in."""
    return d.applies.format(decisive=f"{decisive:g}", contested=round(contested_ratio * 100))
