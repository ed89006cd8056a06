"""The scoring policy is validated like data: what it accepts at the edges, and what it refuses where.

The refusals as an analyst sees them (path:line:col and message) are the tests/invalid/policy-*
cases; these tests pin the boundaries and the error locations the messages rely on.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from scorecard.model import Policy

SHIPPED = yaml.safe_load((Path(__file__).parent.parent / "scorecard" / "policy.yaml").read_text())


def policy(**changes) -> dict:
    """The shipped policy with dotted keys replaced, e.g. policy(**{"thresholds.decisive": 1})."""
    data = copy.deepcopy(SHIPPED)
    for dotted, value in changes.items():
        *path, last = [_key(p) for p in dotted.split(".")]
        node = data
        for part in path:
            node = node[part]
        node[last] = value
    return data


def _key(part: str) -> str | int:
    return int(part) if part.isdigit() else part  # list indexes and credibility grades are ints


def errors(data: dict) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as exc:
        Policy.model_validate(data)
    return [(tuple(e["loc"]), e["msg"]) for e in exc.value.errors()]


def test_shipped_policy_is_valid():
    Policy.model_validate(SHIPPED)


@pytest.mark.parametrize(
    "changes",
    [
        {"reliability_weight": dict.fromkeys("ABCDEF", 0.0)},  # every weight may be 0 ...
        {"credibility_weight": dict.fromkeys(range(1, 7), 1)},  # ... or 1 (an int is a number)
        {
            "credibility_weight": {str(g): w for g, w in SHIPPED["credibility_weight"].items()}
        },  # quoted grades
        {"self_claim_weight": 0, "prior": 100, "thresholds.decisive": 1e6, "thresholds.contested_ratio": 1},
        {"reliability_weight.F": 1.0, "credibility_weight.6": 1.0},  # "cannot be judged" is outside the order
        {"likelihood_bands.0.upper": 0.0},
        {"confidence": {"moderate": SHIPPED["confidence"]["moderate"]}},  # a level may be left out
        {"confidence.moderate": SHIPPED["confidence"]["high"]},  # moderate as strict as high
        {"confidence.moderate.best_grades": ["A1", "A2", "B1", "B2", "C1"]},
    ],
)
def test_edges_accepted(changes):
    Policy.model_validate(policy(**changes))


@pytest.mark.parametrize(
    "dotted, value, loc, words",
    [
        ("reliability_weight.B", float("nan"), ("reliability_weight", "B"), "got .nan"),
        ("credibility_weight.3", float("-inf"), ("credibility_weight", 3), "got -.inf"),
        ("self_claim_weight", 1.01, ("self_claim_weight",), "from 0 to 1"),
        ("prior", 0.0, ("prior",), "above 0 and at most 100"),
        ("prior", 1e308, ("prior",), "at most 100"),
        ("thresholds.decisive", float("inf"), ("thresholds", "decisive"), "got .inf"),
        ("thresholds.contested_ratio", 0, ("thresholds", "contested_ratio"), "above 0"),
        ("likelihood_bands.3.upper", float("nan"), ("likelihood_bands", 3, "upper"), "got .nan"),
        ("confidence.high.min_consistency", 2, ("confidence", "high", "min_consistency"), "from 0 to 1"),
        (
            "confidence.high.min_origins",
            -1,
            ("confidence", "high", "min_origins"),
            "whole number of at least 0",
        ),
        (
            "thresholds.corroboration_max_credibility",
            7,
            ("thresholds", "corroboration_max_credibility"),
            "from 2 to 6",
        ),
    ],
)
def test_numbers_out_of_range_are_located(dotted, value, loc, words):
    [(where, msg)] = errors(policy(**{dotted: value}))
    assert where == loc and words in msg


def test_a_grade_without_weight_is_refused_at_its_table():
    data = policy()
    del data["reliability_weight"]["E"]
    del data["credibility_weight"][6]
    found = errors(data)
    assert [w for w, _ in found] == [("reliability_weight",), ("credibility_weight",)]
    assert "no weight for grade E" in found[0][1] and "no weight for credibility 6" in found[1][1]


def test_one_grade_written_twice_is_refused_at_the_second():
    data = policy()
    data["credibility_weight"]["4"] = 0.9
    [(where, msg)] = errors(data)
    assert where == ("credibility_weight", "4") and "already given (as 4)" in msg


def test_weaker_grade_may_not_outweigh_a_stronger_one():
    found = errors(policy(**{"reliability_weight.E": 0.5, "credibility_weight.2": 1.0}))  # 2 = 1 is a tie
    assert [w for w, _ in found] == [("reliability_weight", "E")]
    [(where, msg)] = errors(policy(**{"credibility_weight.5": 0.31}))
    assert where == ("credibility_weight", 5) and "more than the stronger 4" in msg


def test_bands_must_strictly_rise_name_by_name_and_end_at_one():
    assert errors(policy(**{"likelihood_bands.4.upper": 0.55}))[0][0] == ("likelihood_bands", 4, "upper")
    assert errors(policy(**{"likelihood_bands.6.upper": 0.99}))[0][0] == ("likelihood_bands", 6, "upper")
    assert errors(policy(**{"likelihood_bands.2.name": "likely"}))[0][0] == ("likelihood_bands", 2, "name")
    short = policy()
    short["likelihood_bands"] = short["likelihood_bands"][:6]
    assert errors(short)[0][0] == ("likelihood_bands",)
    long = policy()
    long["likelihood_bands"].append({"name": "certain", "upper": 1.0})
    assert errors(long)[0][0] == ("likelihood_bands", 7)


def test_moderate_may_not_be_stricter_than_high():
    found = errors(
        policy(**{"confidence.moderate.min_origins": 4, "confidence.moderate.verifiability": ["high"]})
    )
    assert [w for w, _ in found] == [
        ("confidence", "moderate", "min_origins"),
        ("confidence", "moderate", "verifiability"),
    ]
    [(where, _)] = errors(
        policy(**{"confidence.high.best_grades": [], "confidence.moderate.best_grades": ["A1"]})
    )
    assert where == ("confidence", "moderate", "best_grades")


def test_confidence_grades_must_be_grades():
    [(where, msg)] = errors(policy(**{"confidence.high.best_grades": ["A1", "G2"]}))
    assert where == ("confidence", "high", "best_grades", 1)
