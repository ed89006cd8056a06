"""Fuzzing the scoring policy: whatever an analyst writes, `validate` and `score` either accept it
and produce a consistent report (exit 0) or list located problems (exit 1); never a crash.

Policies start from the shipped one and are bent at random: numbers replaced by NaN, infinities,
negatives, huge or tiny values, wrong types; keys removed, added or written twice (`1` and `'1'`);
bands reordered, dropped or repeated. Bounded to a few seconds.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_invalid_inputs import FIXTURE, assert_no_traceback, run

from scorecard.model import BAND_NAMES

SHIPPED = yaml.safe_load((Path(__file__).parent.parent / "scorecard" / "policy.yaml").read_text())
DATA = ["--rules", str(FIXTURE / "rules" / "mini"), "--evidence", str(FIXTURE / "evidence")]
LOCATED = re.compile(r"^.+:\d+:\d+: \S.*$")

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0, max_value=1),  # often in range, so that valid policies come up too
    st.sampled_from([0, 1, -1, 0.0, -0.0, 1e-300, 1e308, -1e308, 100, 100.0001, 2**64]),
    st.integers(min_value=-(2**70), max_value=2**70),
)
junk = st.one_of(
    st.booleans(),
    st.none(),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(["1e-3", "nan", ".inf"]),
)
leaf = st.one_of(numbers, numbers, numbers, junk)


def _paths(node, prefix=()):
    """Every (path, value) in the policy, containers included."""
    yield prefix, node
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in items:
        yield from _paths(v, prefix + (k,))


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


share = st.floats(min_value=0, max_value=1)


@st.composite
def in_range(draw) -> dict:
    """A policy every check accepts, with numbers anywhere in their ranges (ties included)."""
    rel = sorted(draw(st.lists(share, min_size=5, max_size=5)), reverse=True)
    cred = sorted(draw(st.lists(share, min_size=5, max_size=5)), reverse=True)
    uppers = sorted(
        set(
            draw(
                st.lists(
                    st.floats(min_value=0, max_value=1, exclude_max=True), min_size=6, max_size=6, unique=True
                )
            )
        )
    )
    if len(uppers) < 6:
        uppers = [0.05, 0.2, 0.45, 0.55, 0.8, 0.95]
    high_consistency = draw(share)
    data = copy.deepcopy(SHIPPED)
    data["reliability_weight"] = {**dict(zip("ABCDE", rel, strict=True)), "F": draw(share)}
    data["credibility_weight"] = {**dict(zip(range(1, 6), cred, strict=True)), 6: draw(share)}
    data["self_claim_weight"] = draw(share)
    data["prior"] = draw(st.floats(min_value=1e-9, max_value=100))
    data["thresholds"] = {
        "decisive": draw(st.floats(min_value=1e-9, max_value=1e6)),
        "contested_ratio": draw(st.floats(min_value=1e-9, max_value=1)),
        "corroboration_max_credibility": draw(st.integers(2, 6)),
    }
    data["likelihood_bands"] = [
        {"name": n, "upper": u} for n, u in zip(BAND_NAMES, [*uppers, 1.0], strict=True)
    ]
    data["confidence"]["high"]["min_consistency"] = high_consistency
    data["confidence"]["moderate"]["min_consistency"] = draw(
        st.floats(min_value=0, max_value=high_consistency)
    )
    return data


@st.composite
def policies(draw) -> dict:
    data = draw(st.one_of(st.just(SHIPPED), in_range()))
    data = copy.deepcopy(data)
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 3, 4]))):
        paths = [p for p, _ in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add", "wrong type"]))
        try:
            if action == "replace":
                parent[path[-1]] = draw(leaf)
            elif action == "delete":
                del parent[path[-1]]
            elif action == "add" and isinstance(parent, dict):
                parent[
                    draw(st.sampled_from(["extra", "G", 0, 7, "1", "2", "6", "high", "moderate", "low"]))
                ] = draw(leaf)
            elif action == "add" and isinstance(parent, list):
                parent.insert(
                    draw(st.integers(0, len(parent))), copy.deepcopy(draw(st.sampled_from(parent or [1])))
                )
            else:
                parent[path[-1]] = draw(st.sampled_from([[], {}, "text", [parent[path[-1]]]]))
        except (KeyError, IndexError, TypeError):
            pass
    bands = data.get("likelihood_bands")
    if isinstance(bands, list) and draw(st.integers(0, 4)) == 0:
        data["likelihood_bands"] = draw(st.permutations(bands))
    return data


def _consistent(report: dict, policy: dict) -> None:
    """What any accepted policy must give: known words, probabilities in [0, 1], bands that match them."""
    bands = policy["likelihood_bands"]
    for o in report["obligations"]:
        p, band = o["breach_probability"], o["likelihood"]
        assert o["confidence"] in ("low", "moderate", "high")
        if p is None:
            assert band is None
            continue
        assert 0.0 <= p <= 1.0
        assert band in BAND_NAMES
        assert band == next(b["name"] for b in bands if p <= b["upper"])


@pytest.mark.slow
@settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(policy=policies())
def test_any_policy_is_accepted_or_refused_with_located_problems(tmp_path_factory, policy):
    path = tmp_path_factory.getbasetemp() / "fuzzed-policy.yaml"
    path.write_text(yaml.safe_dump(policy, sort_keys=False, allow_unicode=True), encoding="utf-8")
    results = {
        cmd: run([cmd, *DATA, "--policy", str(path), *extra])
        for cmd, extra in (("validate", []), ("score", ["--as-of", "2022-01-01", "--format", "json"]))
    }
    for result in results.values():
        assert_no_traceback(result)
        assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    assert results["validate"].exit_code == results["score"].exit_code  # one verdict on one policy
    event(f"exit {results['score'].exit_code}")
    if results["score"].exit_code == 1:
        *problems, summary = results["score"].stderr.splitlines()
        assert problems and summary.endswith("nothing was scored")
        assert all(LOCATED.match(line) for line in problems), problems
        assert results["score"].stdout == ""
    else:
        assert results["validate"].stdout.startswith("ok: ")
        _consistent(json.loads(results["score"].stdout), policy)
