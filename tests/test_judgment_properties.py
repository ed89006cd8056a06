"""The invariants of judgments that stay right as evidence arrives (hypothesis):

- nothing after a deadline decides a condition for it;
- a correction never raises the weight of what it corrects;
- no reported period lies outside [signature, as-of];
- a party never excuses itself.
"""

from __future__ import annotations

from datetime import date

from builders import GRADES, SHIPPED, item, obligation, project, source
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.report import build_report
from scorecard.results import Status

SIGNED = date(2020, 2, 29)
DEADLINE = "2021-04-29"
SOURCES = [source(f"s{g.lower()}{n}", g, f"202{n}-06-01") for g in GRADES[:4] for n in range(4)]
LATE = source("late", "A", "2023-03-01")  # published long after the deadline
AS_OFS = [date(2020, 7, 1), date(2021, 6, 1), date(2022, 1, 1), date(2023, 6, 1)]
EVENT_DATES = [None, "2020", "2020-04", "2021", "2021-03-02", "2021-06", "2022", "2019-05"]

spec = st.tuples(
    st.sampled_from([s.id for s in SOURCES]),
    st.sampled_from(["o1", "o2", "o3", "o4", "o5"]),
    st.sampled_from(["breach", "breach", "compliance", "context"]),
    st.integers(2, 6),
    st.booleans(),
    st.sampled_from(EVENT_DATES),
    st.sampled_from(["full", "partial"]),
    st.sampled_from([None, "k1", "k2"]),
    st.sampled_from(["cond", "act", "own", "count"]),
)


def obligations(own_conditions: bool = True):
    return [
        obligation("cond", party="taliban"),
        obligation(
            "act",
            party="us",
            kind="one-off",
            deadline={"date": DEADLINE, "rule": "14 months"},
            conditions=[{"obligation": "cond", "effect": "e"}],
        ),
        obligation(
            "own",  # conditioned only on the same party's duty: sequencing
            party="us",
            kind="one-off",
            deadline={"date": "2021-06-01", "rule": "r"},
            conditions=[{"obligation": "count", "effect": "e"}] if own_conditions else [],
        ),
        obligation("count", party="us", kind="quantity", deadline={"date": "2020-07-13", "rule": "r"}),
    ]


def items_of(specs, prefix="i"):
    out = []
    for n, (src, origin, stance, cred, diag, ev, ext, key, ob) in enumerate(specs):
        published = next(s for s in [*SOURCES, LATE] if s.id == src).published.date.isoformat()
        if ev and ev > published:
            ev = None
        out.append(item(f"{prefix}{n}", src, origin, stance, cred, ob, ev, diag, extent=ext, claim_key=key))
    return out


def build(specs, own_conditions: bool = True, extra=()):
    return project(
        obligations(own_conditions), [*SOURCES, LATE], items_of(specs) + list(extra), policy=SHIPPED
    )


def by_id(p, as_of):
    return {o.id: o for o in build_report(p, as_of).obligations}


@settings(max_examples=80, deadline=None)
@given(
    st.lists(spec, max_size=12),
    st.lists(
        st.tuples(
            st.sampled_from(["breach", "compliance"]),
            st.integers(2, 4),
            st.sampled_from([None, "2021-05", "2021-06-02", "2022", "2022-07"]),
            st.sampled_from(["late", "sd3"]),
        ),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(AS_OFS),
)
def test_nothing_after_a_deadline_decides_a_condition_for_it(specs, later, as_of):
    """Evidence on the condition about conduct after the dependent duty's deadline (dated after
    it, or undated and published after it) changes nothing about the dependent duty."""
    p = build(specs)
    before = by_id(p, as_of)["act"]
    for n, (stance, cred, ev, src) in enumerate(later):
        iid = f"after{n}"
        if src == "late" and ev is not None and ev > "2023-03":
            ev = None
        p.items[iid] = item(iid, src, f"after-origin-{n}", stance, cred, "cond", ev)
    after = by_id(p, as_of)["act"]
    assert (after.status, after.confidence, after.likelihood) == (
        before.status,
        before.confidence,
        before.likelihood,
    )
    assert after.conditions == before.conditions


@settings(max_examples=80, deadline=None)
@given(
    st.lists(spec, min_size=1, max_size=12),
    st.data(),
    st.sampled_from(["breach", "compliance", "context"]),
    st.sampled_from(AS_OFS),
)
def test_a_correction_never_raises_the_weight_of_what_it_corrects(specs, data, stance, as_of):
    p = build(specs)
    target = data.draw(st.sampled_from(sorted(p.items)))
    ob = p.items[target].links[0].obligation
    before = {(e.id, e.stance): e for e in by_id(p, as_of)[ob].evidence}
    fix = item("correction", "late", "correcting-desk", stance, 2, ob).model_copy(update={"corrects": target})
    p.items["correction"] = fix
    after = by_id(p, as_of)
    for o in after.values():
        for e in o.evidence:
            if e.id == target:
                old = before.get((e.id, e.stance))
                if old is not None:
                    assert e.weight <= old.weight, (e.id, old.weight, e.weight)
                if as_of >= LATE.published.date:
                    assert e.role == "corrected" and e.weight == 0.0
    if as_of >= LATE.published.date:  # the corrected item confirms nothing once corrected
        for o in after.values():
            assert all(e.credibility != 1 or e.id != target for e in o.evidence)


@settings(max_examples=100, deadline=None)
@given(st.lists(spec, max_size=14), st.sampled_from(AS_OFS))
def test_no_reported_period_lies_outside_signature_and_as_of(specs, as_of):
    for o in by_id(build(specs), as_of).values():
        for d in (o.delivered, o.delivered_in_part):
            if d is not None:
                assert SIGNED <= d <= as_of, (o.id, d)
        if o.breach_period is not None:
            assert SIGNED <= o.breach_period.first <= o.breach_period.last <= as_of, (o.id, o.breach_period)


@settings(max_examples=80, deadline=None)
@given(st.lists(spec, max_size=14), st.sampled_from(AS_OFS))
def test_a_party_never_excuses_itself(specs, as_of):
    """A duty conditioned only on the same party's duty is judged exactly as without the
    condition: never "condition unmet" or "condition disputed", whatever that duty's finding."""
    with_own, without = (
        by_id(build(specs), as_of)["own"],
        by_id(build(specs, own_conditions=False), as_of)["own"],
    )
    assert with_own.status not in (Status.condition_unmet, Status.condition_disputed)
    assert (with_own.status, with_own.likelihood, with_own.confidence, with_own.schedule) == (
        without.status,
        without.likelihood,
        without.confidence,
        without.schedule,
    )
