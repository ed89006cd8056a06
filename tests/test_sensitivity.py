"""Sensitivity worked out per removal equals re-assessing the obligation without each item."""

from __future__ import annotations

from datetime import date

import pytest
from builders import GRADES, item, obligation, project, source
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard import report as report_module
from scorecard.report import build_report
from scorecard.score import assess

SOURCES = [source(f"s{g.lower()}{n}", g, f"202{n}-06-01") for g in GRADES for n in range(3)]
OBLIGATIONS = [
    obligation(),
    obligation("due", party="us", kind="one-off", deadline={"date": "2021-04-29", "rule": "14 months"}),
    obligation("qty", party="us", kind="quantity", deadline={"date": "2020-07-13", "rule": "135 days"}),
]

spec = st.tuples(
    st.sampled_from([s.id for s in SOURCES]),
    st.sampled_from(["o1", "o2", "o3", "o4"]),
    st.sampled_from(["breach", "compliance", "compliance", "context"]),
    st.integers(2, 6),
    st.booleans(),
    st.sampled_from([None, "2019-05", "2020-10", "2021-03-02", "2021-06"]),
    st.sampled_from(["full", "partial"]),
    st.sampled_from([None, "k1", "k2"]),
    st.sampled_from([None, None, None, "us"]),
    st.sampled_from([o.id for o in OBLIGATIONS]),
)


def reassessing(o, pairs, a, policy, clock, corroboration, conditions):
    """The straightforward way: assess again without each item."""
    items = {u.item.id: u.item for u in a.uses if u.role in ("diagnostic", "superseded")}
    out = []
    for iid in sorted(items):
        other = assess(o, pairs, policy, clock, corroboration, conditions, items[iid]).status
        if other is not a.status:
            out.append((iid, other))
    return out


def build(specs):
    items = [
        item(f"e{n:02d}", s, org, stance, cred, ob, ev, diag, extent=ext, claim_key=key, party=party)
        for n, (s, org, stance, cred, diag, ev, ext, key, party, ob) in enumerate(specs)
    ]
    return project(OBLIGATIONS, SOURCES, items)


@pytest.mark.parametrize("as_of", [date(2020, 6, 1), date(2023, 1, 1)])
@settings(max_examples=150, deadline=None)
@given(specs=st.lists(spec, max_size=16))
def test_sensitivity_equals_reassessment(specs, as_of):
    p = build(specs)
    fast = build_report(p, as_of).model_dump_json()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(report_module, "sensitivity", reassessing)
        assert build_report(p, as_of).model_dump_json() == fast
