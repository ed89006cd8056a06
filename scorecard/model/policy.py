"""The scoring policy's types (scorecard/policy.yaml, or --policy FILE).

A policy is data like the rest: every number must be finite and in the range the scorer's
arithmetic assumes (weights from 0 to 1, so no sum overflows and no probability leaves [0, 1]),
every grade must have a weight, and nothing may invert the scale it encodes.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    Strict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from scorecard.model.inputs import Line, Reliability, Strict_, VerifiabilityLevel

RELIABILITY_ORDER = ("A", "B", "C", "D", "E")  # F ("cannot be judged") is outside the order
CREDIBILITY_ORDER = (1, 2, 3, 4, 5)  # 6 ("cannot be judged") is outside the order
BAND_NAMES = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)
MAX_PRIOR = 100.0  # in origins' weight: a larger prior would drown any corpus in "roughly even chance"


def located(loc: tuple, message: str, value: object = None, *, on_key: bool = False) -> InitErrorDetails:
    """One problem at `loc`, relative to the value being validated, with `message` as written."""
    kind = PydanticCustomError("located", "{message}", {"message": message, "on_key": on_key})
    return InitErrorDetails(type=kind, loc=loc, input=value)


def problems(*found: InitErrorDetails) -> ValidationError:
    """Raise from a validator: pydantic prefixes each `loc` with the path to the validated value."""
    return ValidationError.from_exception_data("Policy", list(found))


def yaml_number(value: float) -> str:
    """A number as it would be written in YAML (`.nan`, `.inf`), to quote it back to its author."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return f"{value:.15g}"


def _number(low: float, high: float | None = None, *, above: bool = False) -> AfterValidator:
    """A finite number in [low, high] (or (low, high] when `above`), else a located problem."""
    if high is None:
        words = f"above {low:g}" if above else f"of at least {low:g}"
    else:
        words = f"above {low:g} and at most {high:g}" if above else f"from {low:g} to {high:g}"

    def check(value: float) -> float:
        ok = (
            math.isfinite(value)
            and (value > low if above else value >= low)
            and (high is None or value <= high)
        )
        if not ok:
            raise problems(located((), f"write a number {words}; got {yaml_number(value)}", value))
        return value

    return AfterValidator(check)


def _whole(low: int, high: int | None = None) -> AfterValidator:
    """A whole number in [low, high], else a located problem saying which."""
    words = f"from {low} to {high}" if high is not None else f"of at least {low}"

    def check(value: int) -> int:
        if value < low or (high is not None and value > high):
            raise problems(located((), f"write a whole number {words}; got {value}", value))
        return value

    return AfterValidator(check)


# Why allow_inf_nan here: .nan and .inf then reach the range check, whose message says what to write.
Weight = Annotated[float, Field(allow_inf_nan=True), _number(0, 1)]
Share = Annotated[float, Field(allow_inf_nan=True), _number(0, 1)]
PositiveShare = Annotated[float, Field(allow_inf_nan=True), _number(0, 1, above=True)]
Positive = Annotated[float, Field(allow_inf_nan=True), _number(0, above=True)]
Prior = Annotated[float, Field(allow_inf_nan=True), _number(0, MAX_PRIOR, above=True)]
Grade = Annotated[str, StringConstraints(pattern=r"^[A-F][1-6]$")]
_GRADE_KEY = TypeAdapter(Annotated[int, Strict(False)])


def _every_grade(order: tuple, free: object, what: str):
    """A weight table must weigh every grade, and a weaker grade in `order` never above a stronger one.

    Why: a missing grade would stop the scorer at the first item with that grade; a table in which
    "improbable" outweighs "confirmed" silently turns the evidence around.
    """
    every = (*order, free)

    def check(table: dict) -> dict:
        missing = [g for g in every if g not in table]
        if missing:
            names = ", ".join(str(g) for g in missing)
            raise problems(
                located(
                    (),
                    f"no weight for {what} {names}: give each of "
                    f"{', '.join(str(g) for g in every)} a weight from 0 to 1",
                )
            )
        found = []
        for better, worse in zip(order, order[1:], strict=False):
            if table[worse] > table[better]:
                found.append(
                    located(
                        (worse,),
                        f"{what} {worse} weighs {table[worse]:g}, more than the stronger "
                        f"{better} ({table[better]:g}): weights must not rise from "
                        f"{' to '.join(str(g) for g in order)} ({free} is free)",
                        table[worse],
                    )
                )
        if found:
            raise problems(*found)
        return table

    return AfterValidator(check)


def _one_key_per_grade(table: object) -> object:
    """`1` and `'1'` name the same credibility grade: refuse the second rather than let it win."""
    if not isinstance(table, dict):
        return table
    seen: dict[int, object] = {}
    found = []
    for key in table:
        try:
            grade = _GRADE_KEY.validate_python(key)
        except ValidationError:
            continue  # reported by the key's own validation
        if grade in seen:
            found.append(
                located(
                    (key,),
                    f"credibility {grade} is already given (as {seen[grade]!r}): give each grade once",
                    key,
                    on_key=True,
                )
            )
        else:
            seen[grade] = key
    if found:
        raise problems(*found)
    return table


def _bands_ordered(bands: list[LikelihoodBand]) -> list[LikelihoodBand]:
    """ICD 203's seven bands, in order, with upper bounds that strictly rise and end at 1."""
    order = ", ".join(BAND_NAMES)
    for i, b in enumerate(bands[: len(BAND_NAMES)]):
        if b.name != BAND_NAMES[i]:
            raise problems(
                located(
                    (i, "name"),
                    f"band {i + 1} must be '{BAND_NAMES[i]}' (ICD 203's seven bands, in order: {order})",
                    b.name,
                )
            )
    if len(bands) != len(BAND_NAMES):
        where = (len(BAND_NAMES),) if len(bands) > len(BAND_NAMES) else ()
        raise problems(
            located(where, f"there are {len(bands)} bands; write ICD 203's seven, in order: {order}")
        )
    found = []
    for i in range(1, len(bands)):
        if bands[i].upper <= bands[i - 1].upper:
            found.append(
                located(
                    (i, "upper"),
                    f"upper {bands[i].upper:g} must be above the previous band's "
                    f"{bands[i - 1].upper:g}: upper bounds rise, so that every band can be reached",
                    bands[i].upper,
                )
            )
    if bands[-1].upper != 1.0:
        found.append(
            located(
                (len(bands) - 1, "upper"),
                f"the last band must end at 1; got {bands[-1].upper:g}",
                bands[-1].upper,
            )
        )
    if found:
        raise problems(*found)
    return bands


class LikelihoodBand(Strict_):
    name: str
    """ICD 203 band name."""
    upper: Share
    """Upper bound (inclusive) of the breach probability in this band, from 0 to 1."""


class ConfidenceRule(Strict_):
    min_origins: Annotated[int, _whole(0)]
    """Independent origins the prevailing side needs."""
    min_consistency: Share
    """Share of the weight on the prevailing side, from 0 to 1."""
    best_grades: list[Grade] = []  # e.g. ["A1", "A2", "B1", "B2"]; empty: no requirement
    """Grades one of which the prevailing side must have, e.g. `[A1, A2, B1, B2]`; empty: no requirement."""
    verifiability: list[VerifiabilityLevel]
    """Verifiability levels at which this confidence may be reached."""


def _moderate_not_stricter(rules: dict[str, ConfidenceRule]) -> dict[str, ConfidenceRule]:
    """Whatever reaches "high" must also meet "moderate": moderate may ask no more than high on any count.

    Why: the scorer tries high first; a moderate rule stricter than high would rank weaker
    evidence above stronger.
    """
    high, mod = rules.get("high"), rules.get("moderate")
    if high is None or mod is None:
        return rules
    found = []

    def stricter(key: str, why: str, value: object) -> None:
        found.append(
            located(
                ("moderate", key),
                f"moderate is stricter than high: {why}; moderate may ask no more than high",
                value,
            )
        )

    if mod.min_origins > high.min_origins:
        stricter(
            "min_origins", f"{mod.min_origins} origins against high's {high.min_origins}", mod.min_origins
        )
    if mod.min_consistency > high.min_consistency:
        stricter(
            "min_consistency",
            f"{mod.min_consistency:g} against high's {high.min_consistency:g}",
            mod.min_consistency,
        )
    if mod.best_grades and (not high.best_grades or set(high.best_grades) - set(mod.best_grades)):
        lacking = sorted(set(high.best_grades) - set(mod.best_grades))
        why = (
            f"it lacks {', '.join(lacking)}, which high accepts"
            if lacking
            else "it requires a grade and high requires none"
        )
        stricter("best_grades", why, mod.best_grades)
    if lacking := [v for v in high.verifiability if v not in mod.verifiability]:
        stricter("verifiability", f"it lacks {', '.join(lacking)}, which high accepts", mod.verifiability)
    if found:
        raise problems(*found)
    return rules


class Thresholds(Strict_):
    decisive: Positive  # weight one side needs for a determination
    """Summed weight of independent origins one side needs before it decides a status."""
    contested_ratio: PositiveShare  # minority/majority share that makes "contested"
    """When both sides are decisive and the weaker has at least this share of the stronger, the status is contested."""
    corroboration_max_credibility: Annotated[int, _whole(2, 6)]
    """Only items typed at this credibility or better can confirm one another into grade 1."""


class Policy(Strict_):
    """Every weight and threshold the scorer uses; see scorecard/policy.yaml for the defaults."""

    name: Line
    """Name of the policy, printed with every assessment."""
    reliability_weight: Annotated[dict[Reliability, Weight], _every_grade(RELIABILITY_ORDER, "F", "grade")]
    """Weight of each Admiralty reliability grade A–F, from 0 to 1."""
    credibility_weight: Annotated[
        dict[Annotated[int, Field(ge=1, le=6), Strict(False)], Weight],
        BeforeValidator(_one_key_per_grade),
        _every_grade(CREDIBILITY_ORDER, 6, "credibility"),
    ]
    """Weight of each information credibility 1–6, from 0 to 1."""
    self_claim_weight: Weight
    """Fraction of its weight at which a party's own claim of compliance counts."""
    prior: Prior
    """Pseudo-weight on each hypothesis before evidence; breach probability = (breach + prior) / (breach + compliance + 2 prior)."""  # noqa: E501 - one sentence, the field's description in the schema
    thresholds: Thresholds
    """The weights that decide a status."""
    likelihood_bands: Annotated[list[LikelihoodBand], AfterValidator(_bands_ordered)]
    """ICD 203's seven likelihood bands, in order, with their upper bounds."""
    confidence: Annotated[
        dict[Literal["high", "moderate"], ConfidenceRule], AfterValidator(_moderate_not_stricter)
    ]
    """Rules for high and moderate confidence; otherwise low."""
