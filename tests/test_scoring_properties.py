"""Invariants of the scorer, over generated evidence (hypothesis)."""

from __future__ import annotations

from datetime import date

from builders import GRADES, POLICY, SHIPPED, item, obligation, project, source
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.report import build_report
from scorecard.results import Schedule, Status

AS_OF = date(2023, 1, 1)
SOURCES = [source(f"s{g.lower()}{n}", g, f"202{n}-06-01") for g in GRADES for n in range(3)]
CONF = {"low": 0, "moderate": 1, "high": 2}
TOWARD_COMPLIANT = {
    Status.not_compliant: 0,
    Status.condition_unmet: 0,
    Status.contested: 1,
    Status.insufficient_evidence: 1,
    Status.partially_compliant: 2,
    Status.compliant: 3,
    Status.not_yet_due: None,
    Status.not_verifiable: None,
}

spec = st.tuples(
    st.sampled_from([s.id for s in SOURCES]),
    st.sampled_from(["o1", "o2", "o3", "o4", "o5"]),
    st.sampled_from(["breach", "compliance", "context"]),
    st.integers(2, 6),
    st.booleans(),
    st.sampled_from([None, "2019-05", "2020-10", "2021-03-02"]),
    st.sampled_from(["full", "partial"]),
)
OBLIGATIONS = [
    obligation(),
    obligation("due", party="us", kind="one-off", deadline={"date": "2021-04-29", "rule": "14 months"}),
]


def build(specs, extra=()):
    items = [
        item(f"e{n}", s, o, stance, cred, ob.id, ev, diag, extent=ext)
        for n, (s, o, stance, cred, diag, ev, ext) in enumerate(specs)
        for ob in OBLIGATIONS[:1]
    ]
    items += [
        item(f"f{n}", s, o, stance, cred, "due", ev, diag, extent=ext)
        for n, (s, o, stance, cred, diag, ev, ext) in enumerate(specs)
    ]
    return project(OBLIGATIONS, SOURCES, items + list(extra))


def results(p, as_of=AS_OF):
    return {o.id: o for o in build_report(p, as_of).obligations}


@settings(max_examples=60, deadline=None)
@given(st.lists(spec, max_size=12), st.randoms())
def test_order_of_evidence_does_not_matter(specs, rnd):
    p = build(specs)
    before = build_report(p, AS_OF).model_dump_json()
    shuffled = list(p.items.items())
    rnd.shuffle(shuffled)
    p.items = dict(shuffled)
    assert build_report(p, AS_OF).model_dump_json() == before


@settings(max_examples=60, deadline=None)
@given(st.lists(spec, min_size=1, max_size=12), st.data())
def test_a_repeat_from_an_existing_origin_never_raises_confidence(specs, data):
    p = build(specs)
    before = results(p)
    original = data.draw(st.sampled_from(sorted(p.items.values(), key=lambda i: i.id)))
    # A repeat passes on the same claim: same origin, stance and links, graded no better.
    # "No better" is by weight: credibility 6 ("cannot be judged") may weigh more than 5 ("improbable").
    w = POLICY.credibility_weight
    worse = [c for c in range(original.credibility, 7) if w[c] <= w[original.credibility]]
    copy = original.model_copy(update={"id": "repeat", "credibility": data.draw(st.sampled_from(worse))})
    p.items["repeat"] = copy
    after = results(p)
    for oid, r in after.items():
        assert r.status is before[oid].status
        assert CONF[r.confidence] <= CONF[before[oid].confidence]
        assert r.counts.breach_origins == before[oid].counts.breach_origins
        assert r.counts.compliance_origins == before[oid].counts.compliance_origins


@settings(max_examples=60, deadline=None)
@given(
    st.lists(spec, max_size=12),
    st.sampled_from([s.id for s in SOURCES]),
    st.integers(2, 6),
    st.sampled_from(["o1", "new-origin"]),
)
def test_added_breach_evidence_never_moves_status_toward_compliant(specs, src, cred, origin):
    p = build(specs)
    before = results(p)
    for ob in OBLIGATIONS:
        p.items[f"breach-{ob.id}"] = item(f"breach-{ob.id}", src, origin, "breach", cred, ob.id, "2021-01")
    after = results(p)
    for oid, r in after.items():
        old, new = TOWARD_COMPLIANT[before[oid].status], TOWARD_COMPLIANT[r.status]
        if old is not None and new is not None:
            assert new <= old, (before[oid].status, r.status)


@settings(max_examples=60, deadline=None)
@given(st.lists(spec, max_size=12), st.lists(spec, min_size=1, max_size=6))
def test_evidence_published_after_as_of_changes_nothing(specs, late_specs):
    p = build(specs)
    before = build_report(p, date(2021, 12, 31)).obligations
    late_source = source("late", "A", "2022-06-01")
    p.sources["late"] = late_source
    for n, (_, o, stance, cred, diag, ev, ext) in enumerate(late_specs):
        p.items[f"late{n}"] = item(f"late{n}", "late", o, stance, cred, "ob", ev, diag, extent=ext)
    assert build_report(p, date(2021, 12, 31)).obligations == before


# --- consistency of a dated judgment --------------------------------------------------------------

LENIENT = SHIPPED.model_copy(
    update={
        "confidence": {
            "high": SHIPPED.confidence["high"].model_copy(update={"min_origins": 1, "best_grades": []}),
            "moderate": SHIPPED.confidence["moderate"],
        }
    }
)
TIMED = [
    obligation("cond", party="taliban"),
    obligation(
        "act",
        party="us",
        kind="one-off",
        deadline={"date": "2021-04-29", "rule": "r"},
        conditions=[{"obligation": "cond", "effect": "e"}],
    ),
    obligation(
        "trig",
        party="us",
        kind="one-off",
        deadline={"date": "2020-05-29", "rule": "r"},
        conditions=[{"event": "talks", "effect": "e"}],
    ),
    obligation("count", party="us", kind="quantity", deadline={"date": "2020-07-13", "rule": "r"}),
]
timed_spec = st.tuples(
    st.sampled_from([s.id for s in SOURCES]),
    st.sampled_from(["o1", "o2", "o3", "o4"]),
    st.sampled_from(["breach", "compliance", "context"]),
    st.integers(2, 6),
    st.booleans(),
    st.sampled_from([None, "2020-04", "2020-09-12", "2021-03-02", "2021-08-30"]),
    st.sampled_from(["full", "partial"]),
    st.sampled_from([None, "k1", "k2"]),
    st.sampled_from([ob.id for ob in TIMED]),
    st.sampled_from([None, "talks"]),
    st.sampled_from([None, "taliban"]),
)
BAND_SIDE = {
    "almost no chance": -1,
    "very unlikely": -1,
    "unlikely": -1,
    "roughly even chance": 0,
    "likely": 1,
    "very likely": 1,
    "almost certain": 1,
}


def timed_project(specs):
    items = []
    for n, (src, origin, stance, cred, diag, ev, ext, key, ob, event, party) in enumerate(specs):
        published = next(s for s in SOURCES if s.id == src).published.date.isoformat()
        if ev and ev > published:
            ev = None
        items.append(
            item(f"i{n}", src, origin, stance, cred, ob, ev, diag, party, ext, key, event if ev else None)
        )
    return project(
        TIMED, SOURCES, items, events=[{"id": "talks", "description": "talks", "basis": "b"}], policy=LENIENT
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(timed_spec, max_size=14),
    st.sampled_from([date(2020, 6, 1), date(2021, 1, 1), date(2021, 6, 1), date(2022, 6, 1)]),
)
def test_a_dated_judgment_never_contradicts_itself(specs, as_of):
    r = build_report(timed_project(specs), as_of)
    for o in r.obligations:
        if o.status is Status.not_yet_due:  # "not yet due" never beside a due schedule
            assert o.schedule in (Schedule.not_yet_due, Schedule.continuing), (o.id, o.schedule)
        side = BAND_SIDE.get(o.likelihood) if o.likelihood else None
        if o.status is Status.not_compliant:
            assert side == 1, (o.status, o.likelihood)
        elif o.status in (Status.condition_unmet, Status.condition_disputed):  # excused: no breach odds
            assert o.likelihood is None and o.breach_probability is None, (o.status, o.likelihood)
        elif o.status in (Status.compliant, Status.partially_compliant):
            assert side == -1, (o.status, o.likelihood)
        elif o.status is not Status.contested:
            assert o.likelihood is None, (o.status, o.likelihood)
        excused = o.status in (Status.condition_unmet, Status.condition_disputed)
        if (
            o.confidence == "high" and o.status is not Status.not_yet_due and not excused
        ):  # never on one origin
            prevailing = o.counts.breach_origins if side == 1 else o.counts.compliance_origins
            assert prevailing >= 2, (o.id, o.status, o.counts)
        if o.confidence == "high" and excused:  # an excuse is as sure as the condition's finding
            others = [c for c in r.obligations if c.id != o.id]
            assert any(
                c.confidence == "high" and c.status in (Status.not_compliant, Status.condition_unmet)
                for c in others
            )
        if o.schedule is Schedule.late:  # what already happened is not listed as what would change it
            assert not any("broke" in w for w in o.would_change), o.would_change
        if o.status is Status.not_yet_due and o.deadline and o.deadline.triggered and o.deadline.due:
            assert o.deadline.due > as_of
        if o.deadline and o.deadline.triggered:
            assert not any("has happened" in w for w in o.would_change)
        if o.status is Status.condition_unmet:  # the condition, judged up to the deadline, was not kept
            assert any("found not compliant on conduct up to" in x for x in o.reasons), o.reasons
