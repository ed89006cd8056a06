"""Small exact tests of the scorer and the time model, each pinning one rule a mutant could break
(`make mutants` measures how many mutants the suite kills; these were written for its survivors).
"""

from __future__ import annotations

from datetime import date

import pytest
from builders import SHIPPED, SIGNED, item, obligation, source
from builders import project as _project

from scorecard.dates import add_months, compute_deadline, parse_fuzzy
from scorecard.report import assess_all, build_report
from scorecard.results import Schedule, Status
from scorecard.statuses import Facts, first_that_holds
from scorecard.timeline import clipped

SOURCES = [
    source("a1", "A", "2021-05-15"),
    source("a2", "A", "2021-06-01"),
    source("b1", "B", "2021-07-01"),
    source("late", "B", "2023-01-01"),
]
DUE = {"date": "2021-04-29", "rule": "14 months"}


def project(*args, policy=SHIPPED, **kwargs):
    return _project(*args, policy=policy, **kwargs)


def result(p, oid, as_of=date(2022, 1, 1)):
    return next(o for o in build_report(p, as_of).obligations if o.id == oid)


def test_not_verifiable_comes_before_contested():
    ob = obligation(verifiability="none")
    items = [item("b", "a1", "o1", "breach"), item("c", "a2", "o2", "compliance")]
    assert result(project([ob], SOURCES, items), "ob").status is Status.not_verifiable
    both = project([obligation()], SOURCES, items)
    assert result(both, "ob").status is Status.contested


@pytest.mark.parametrize(("limit", "grade"), [(3, 4), (4, 1)])
def test_only_items_typed_at_the_limit_or_better_corroborate(limit, grade):
    th = SHIPPED.thresholds.model_copy(update={"corroboration_max_credibility": limit})
    policy = SHIPPED.model_copy(update={"thresholds": th})
    items = [item(f"i{n}", s, f"o{n}", "breach", 4, claim_key="k") for n, s in enumerate(["a1", "a2"])]
    r = result(project([obligation()], SOURCES, items, policy=policy), "ob")
    assert {e.credibility for e in r.evidence} == {grade}


def test_breach_evidence_dated_on_the_delivery_day_is_superseded():
    ob = obligation("w", party="us", kind="one-off", deadline=DUE)
    items = [
        item("gone", "a2", "o1", "compliance", ob="w", event_date="2021-05-20"),
        item("same-day", "b1", "o2", "breach", ob="w", event_date="2021-05-20"),
        item("next-day", "b1", "o3", "breach", ob="w", event_date="2021-05-21"),
    ]
    roles = {e.id: e.role for e in result(project([ob], SOURCES, items), "w").evidence}
    assert roles == {"gone": "diagnostic", "same-day": "superseded", "next-day": "diagnostic"}


@pytest.mark.parametrize(
    ("when", "schedule"),
    [("2021-03", Schedule.on_time), ("2021-04-30", Schedule.late), ("2021", Schedule.undated)],
)
def test_a_delivery_range_straddling_the_deadline_is_undated(when, schedule):
    ob = obligation("w", party="us", kind="one-off", deadline=DUE)
    r = result(project([ob], SOURCES, [item("gone", "a2", "o1", "compliance", ob="w", event_date=when)]), "w")
    assert r.status is Status.compliant and r.schedule is schedule


@pytest.mark.parametrize(
    ("when", "schedule"),
    [
        ("2021-03", Schedule.on_time_in_part),
        ("2021-05", Schedule.late_in_part),
        ("2021", Schedule.undated_in_part),
    ],
)
def test_partial_delivery_has_the_same_three_schedules_in_part(when, schedule):
    ob = obligation("w", party="us", kind="quantity", deadline=DUE)
    one = item("some", "a2", "o1", "compliance", ob="w", event_date=when, extent="partial")
    r = result(project([ob], SOURCES, [one]), "w")
    assert r.status is Status.partially_compliant and r.schedule is schedule and r.delivered is None


@pytest.mark.parametrize(
    ("event_date", "published", "as_of", "wanted"),
    [
        ("2020", "2021-06-01", date(2022, 1, 1), (date(2020, 2, 29), date(2020, 12, 31))),
        ("2021", "2021-06-01", date(2022, 1, 1), (date(2021, 1, 1), date(2021, 6, 1))),
        ("2021", "2021-06-01", date(2021, 3, 1), (date(2021, 1, 1), date(2021, 3, 1))),
        ("2019", "2021-06-01", date(2022, 1, 1), (date(2019, 1, 1), date(2019, 12, 31))),
        ("2020-02", "2021-06-01", date(2022, 1, 1), (date(2020, 2, 29), date(2020, 2, 29))),
        (None, "2021-06-01", date(2022, 1, 1), (date(2020, 2, 29), date(2021, 6, 1))),
        ("2021-05-03", "2021-06-01", date(2022, 1, 1), (date(2021, 5, 3), date(2021, 5, 3))),
    ],
)
def test_dates_are_clipped_to_signature_and_the_earlier_of_publication_and_as_of(
    event_date, published, as_of, wanted
):
    it = item("x", "s", "o", event_date=event_date)
    assert clipped(it, source("s", "B", published), SIGNED, as_of) == wanted


def test_parse_fuzzy_and_deadline_arithmetic():
    assert parse_fuzzy("2020") == (date(2020, 1, 1), date(2020, 12, 31), "year")
    assert parse_fuzzy("2020-02") == (date(2020, 2, 1), date(2020, 2, 29), "month")
    assert parse_fuzzy("2021-02-28") == (date(2021, 2, 28), date(2021, 2, 28), "day")
    for bad in ("2020-13", "2021-02-29", "20201", "2020-00", "2020-01-00"):
        with pytest.raises(ValueError):
            parse_fuzzy(bad)
    assert add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert add_months(date(2020, 11, 15), 2) == date(2021, 1, 15)
    assert add_months(date(2020, 12, 15), 0) == date(2020, 12, 15)
    assert compute_deadline(date(2020, 2, 29), 135, None) == date(2020, 7, 13)
    assert compute_deadline(date(2020, 2, 29), None, 14) == date(2021, 4, 29)
    assert compute_deadline(date(2020, 2, 29), 1, 1) == date(2020, 3, 30)
    with pytest.raises(ValueError, match="9999"):
        add_months(date(9999, 12, 1), 1)
    with pytest.raises(ValueError, match="9999"):
        compute_deadline(date(9999, 12, 31), 1, None)


def _facts(**kw) -> Facts:
    base = dict(
        before_signature=False,
        foreclosed=False,
        pending=False,
        before_due=False,
        verifiable=True,
        breach=0.0,
        compliance=0.0,
        full=0.0,
        probability=None,
        decisive=0.45,
        contested_ratio=0.5,
        even_low=0.45,
        even_high=0.55,
        unmet=False,
        disputed=False,
    )
    return Facts(**{**base, **kw})


@pytest.mark.parametrize(
    ("kw", "wanted"),
    [
        ({}, "insufficient evidence"),
        ({"before_signature": True, "foreclosed": True}, "not yet due"),
        ({"foreclosed": True, "pending": True}, "not triggered"),
        ({"pending": True}, "not yet due"),
        ({"before_due": True}, "not yet due"),
        ({"before_due": True, "compliance": 0.45, "full": 0.45, "probability": 0.4}, "compliant"),
        ({"before_due": True, "compliance": 0.44, "full": 0.44, "probability": 0.4}, "not yet due"),
        ({"verifiable": False, "breach": 1.0, "probability": 0.9}, "not verifiable"),
        ({"breach": 0.45, "compliance": 0.45, "probability": 0.5}, "contested"),
        ({"breach": 0.9, "compliance": 0.45, "probability": 0.6}, "contested"),
        ({"breach": 0.91, "compliance": 0.45, "probability": 0.6}, "not compliant"),
        ({"breach": 0.45, "probability": 0.55}, "insufficient evidence"),
        ({"breach": 0.45, "probability": 0.56}, "not compliant"),
        ({"breach": 0.44, "probability": 0.9}, "insufficient evidence"),
        ({"breach": 0.45, "probability": 0.56, "unmet": True, "disputed": True}, "condition unmet"),
        ({"breach": 0.45, "probability": 0.56, "disputed": True}, "condition disputed"),
        ({"compliance": 0.45, "full": 0.45, "probability": 0.45}, "insufficient evidence"),
        ({"compliance": 0.45, "full": 0.45, "probability": 0.44}, "compliant"),
        ({"compliance": 0.45, "full": 0.44, "probability": 0.44}, "partially compliant"),
        ({"compliance": 0.44, "full": 0.44, "probability": 0.1}, "insufficient evidence"),
    ],
)
def test_the_predicates_at_their_edges(kw, wanted):
    assert first_that_holds(_facts(**kw)).value == wanted


def test_no_likelihood_beside_an_excuse_and_the_excuse_no_surer_than_its_condition():
    cond = obligation("cond", party="taliban")
    act = obligation(
        "act", party="us", kind="one-off", deadline=DUE, conditions=[{"obligation": "cond", "effect": "e"}]
    )
    items = [
        item("t1", "a1", "t-o1", "breach", ob="cond", event_date="2021-03"),
        item("a1", "a2", "u-o1", "breach", ob="act", event_date="2021-05"),
        item("a2", "b1", "u-o2", "breach", ob="act", event_date="2021-06"),
    ]
    r = result(project([cond, act], SOURCES, items), "act")
    assert r.status is Status.condition_unmet and r.likelihood is None and r.breach_probability is None
    assert r.confidence == "low"  # its condition rests on one origin
    assert r.schedule is Schedule.overdue


def test_conditions_are_judged_up_to_the_due_date_not_the_assessment_date():
    cond = obligation("cond", party="taliban")
    act = obligation(
        "act", party="us", kind="one-off", deadline=DUE, conditions=[{"obligation": "cond", "effect": "e"}]
    )
    items = [
        item("t-before", "late", "t-o1", "breach", ob="cond", event_date="2021-04-29"),
        item("a1", "a2", "u-o1", "breach", ob="act", event_date="2021-05"),
    ]
    p = project([cond, act], SOURCES, items)
    assert result(p, "act", date(2022, 12, 31)).status is Status.not_compliant  # not yet published
    assert result(p, "act", date(2023, 1, 1)).status is Status.condition_unmet  # conduct on the deadline day
    p.items["t-before"] = item("t-before", "late", "t-o1", "breach", ob="cond", event_date="2021-04-30")
    assert result(p, "act", date(2023, 1, 1)).status is Status.not_compliant  # the day after: never


def test_a_duty_without_deadline_judges_its_conditions_up_to_the_first_breach():
    cond = obligation("cond", party="taliban")
    act = obligation("act", party="us", conditions=[{"obligation": "cond", "effect": "e"}])
    items = [
        item("t", "a1", "t-o1", "breach", ob="cond", event_date="2020-10"),
        item("a", "a2", "u-o1", "breach", ob="act", event_date="2020-11-02"),
    ]
    p = project([cond, act], SOURCES, items)
    a = assess_all(p, date(2022, 1, 1)).final["act"]
    assert a.conduct_by == date(2020, 11, 2) and a.status is Status.condition_unmet
    p.items["t"] = item("t", "a1", "t-o1", "breach", ob="cond", event_date="2020-12")
    assert assess_all(p, date(2022, 1, 1)).final["act"].status is Status.not_compliant


# --- the survivors of the first run, each pinned -----------------------------------------------


def test_applies_fills_the_policy_numbers():
    from scorecard.statuses import STATUSES, applies

    contested = next(d for d in STATUSES if d.value == "contested")
    assert "(0.45)" in applies(contested, 0.45, 0.75) and "75%" in applies(contested, 0.45, 0.75)


def test_an_event_on_the_day_of_signature_is_not_before_it():
    items = [
        item("on-day", "a1", "o1", "breach", event_date="2020-02-29"),
        item("day-before", "a2", "o2", "breach", event_date="2020-02-28"),
    ]
    roles = {e.id: e.role for e in result(project([obligation()], SOURCES, items), "ob").evidence}
    assert roles == {"on-day": "diagnostic", "day-before": "pre-signature"}


def test_a_prompted_agreement_takes_the_origin_of_what_it_agrees_with_even_in_a_cycle():
    from scorecard.model import Origin
    from scorecard.score import witness

    finding = item("finding", "a1", "un")
    agrees = item("agrees", "a2", "interviews").model_copy(update={"prompted_by": "finding"})
    loop_a = item("loop-a", "a1", "x").model_copy(update={"prompted_by": "loop-b"})
    loop_b = item("loop-b", "a2", "y").model_copy(update={"prompted_by": "loop-a"})
    items = {i.id: i for i in (finding, agrees, loop_a, loop_b)}
    origins = {"un": Origin(id="un", description="d", kind="report")}
    sources = {s.id: s for s in SOURCES}
    assert witness(agrees, items, origins, sources) == "un"
    assert witness(finding, items, origins, sources) == "un"
    assert witness(loop_a, items, origins, sources) == "y"  # a -> b -> (a again): stops at b
    public = {"talks": Origin(id="talks", description="d", kind="public-event")}
    reuters = source("r", "A", "2021-01-01").model_copy(update={"publisher": "(Reuters)"})
    assert witness(item("t", "r", "talks"), {}, public, {"r": reuters}) == "talks/reuters"


def test_corroboration_without_an_item_counts_the_others():
    from scorecard.score import Corroboration

    a, b, c = (item(n, "a1", o, claim_key="k") for n, o in (("a", "o1"), ("b", "o2"), ("c", "o2")))
    two = Corroboration([a, b], SHIPPED)
    assert two.confirmed(a, a.links[0]) and not two.confirmed(a, a.links[0], without=b)
    assert two.confirmed(a, a.links[0], without=item("z", "a1", "o3", claim_key="other"))
    three = Corroboration([a, b, c], SHIPPED)
    assert three.confirmed(a, a.links[0], without=b)
    assert not Corroboration([a, b], SHIPPED, corrected={"b"}).confirmed(a, a.links[0])


def test_likelihood_bands_include_their_upper_bound():
    from scorecard.score import band

    assert band(0.55, Status.contested, SHIPPED) == "roughly even chance"
    assert band(0.2, Status.compliant, SHIPPED) == "very unlikely"
    assert band(0.9, Status.condition_unmet, SHIPPED) is None
    assert band(None, Status.compliant, SHIPPED) is None


def test_a_trigger_after_the_deadline_moves_the_date_conditions_are_judged_to():
    events = [{"id": "talks", "description": "talks", "basis": "b"}]
    cond = obligation("cond", party="taliban")
    act = obligation(
        "act",
        party="us",
        kind="one-off",
        deadline={"date": "2020-05-29", "rule": "r"},
        conditions=[{"event": "talks", "effect": "e"}, {"obligation": "cond", "effect": "e"}],
    )
    items = [
        item("opened", "a1", "talks-o", "context", ob="act", event="talks", event_date="2020-09-12"),
        item("t", "a1", "t-o1", "breach", ob="cond", event_date="2020-08"),
        item("a", "a2", "u-o1", "breach", ob="act", event_date="2020-10"),
    ]
    a = assess_all(project([cond, act], SOURCES, items, events=events), date(2022, 1, 1)).final["act"]
    assert a.conduct_by == date(2020, 9, 12) and a.status is Status.condition_unmet


def test_a_duty_without_deadline_judges_its_conditions_up_to_the_first_of_its_breaches():
    cond = obligation("cond", party="taliban")
    act = obligation("act", party="us", conditions=[{"obligation": "cond", "effect": "e"}])
    items = [
        item("t", "a1", "t-o1", "breach", ob="cond", event_date="2020-12"),
        item("a-first", "a2", "u-o1", "breach", ob="act", event_date="2020-11-02"),
        item("a-later", "b1", "u-o2", "breach", ob="act", event_date="2021-03-05"),
    ]
    a = assess_all(project([cond, act], SOURCES, items), date(2022, 1, 1)).final["act"]
    assert a.conduct_by == date(2020, 11, 2) and a.status is Status.not_compliant


def test_claims_about_conduct_on_the_deadline_day_corroborate_each_other():
    th = SHIPPED.thresholds.model_copy(update={"decisive": 1.0})
    policy = SHIPPED.model_copy(update={"thresholds": th})
    cond = obligation("cond", party="taliban")
    act = obligation(
        "act", party="us", kind="one-off", deadline=DUE, conditions=[{"obligation": "cond", "effect": "e"}]
    )
    c = source("c", "C", "2021-06-01")
    items = [
        item("x1", "c", "t1", "breach", 3, ob="cond", event_date="2021-03", claim_key="k"),
        item("x2", "c", "t2", "breach", 3, ob="cond", event_date="2021-04-29", claim_key="k"),
        item("a1", "a1", "u1", "breach", ob="act", event_date="2021-05"),
        item("a2", "a2", "u2", "breach", ob="act", event_date="2021-05"),
    ]
    p = project([cond, act], [*SOURCES, c], items, policy=policy)
    assert assess_all(p, date(2022, 1, 1)).final["act"].status is Status.condition_unmet


def test_a_condition_waiting_for_an_event_after_the_deadline_is_not_yet_due_then():
    events = [{"id": "talks", "description": "talks", "basis": "b"}]
    cond = obligation("cond", party="taliban", conditions=[{"event": "talks", "effect": "e"}])
    act = obligation(
        "act", party="us", kind="one-off", deadline=DUE, conditions=[{"obligation": "cond", "effect": "e"}]
    )
    items = [
        item("t", "a1", "t-o1", "breach", ob="cond", event_date="2021-03"),
        item("a", "a2", "u-o1", "breach", ob="act", event_date="2021-05"),
        item("talks", "b1", "talks-o", "context", ob="cond", event="talks", event_date="2021-03-01"),
    ]
    p = project([cond, act], SOURCES, items, events=events)
    assert assess_all(p, date(2022, 1, 1)).final["act"].status is Status.condition_unmet
    p.items["talks"] = item(
        "talks", "b1", "talks-o", "context", ob="cond", event="talks", event_date="2021-06-01"
    )
    assert assess_all(p, date(2022, 1, 1)).final["act"].status is Status.not_compliant


def test_a_corrected_condition_item_no_longer_excuses():
    cond = obligation("cond", party="taliban")
    act = obligation(
        "act", party="us", kind="one-off", deadline=DUE, conditions=[{"obligation": "cond", "effect": "e"}]
    )
    fix = item("fix", "late", "desk", "context", ob="cond").model_copy(update={"corrects": "t"})
    items = [
        item("t", "a1", "t-o1", "breach", ob="cond", event_date="2021-03"),
        item("a", "a2", "u-o1", "breach", ob="act", event_date="2021-05"),
        fix,
    ]
    p = project([cond, act], SOURCES, items)
    assert assess_all(p, date(2022, 6, 1)).final["act"].status is Status.condition_unmet
    assert assess_all(p, date(2023, 6, 1)).final["act"].status is Status.not_compliant


def test_a_correction_contradicting_another_delivery_of_its_own_day_stands():
    ob = obligation("w", party="us", kind="quantity", deadline=DUE)
    items = [
        item("all-done", "a1", "o1", "compliance", ob="w", event_date="2021-04-20"),
        item("also-done", "b1", "o2", "compliance", ob="w", event_date="2021-04-20"),
        item("fix", "a2", "desk", "breach", ob="w", event_date="2021-04-20").model_copy(
            update={"corrects": "all-done"}
        ),
    ]
    r = result(project([ob], SOURCES, items), "w")
    assert {e.id: e.role for e in r.evidence} == {
        "all-done": "corrected",
        "also-done": "diagnostic",
        "fix": "diagnostic",
    }
    assert r.status is Status.contested


def test_partial_performance_beside_a_breach_finding_leaves_it_overdue():
    ob = obligation("w", party="us", kind="one-off", deadline=DUE)
    items = [
        item("some", "b1", "o1", "compliance", ob="w", event_date="2021-03", extent="partial"),
        item("not-1", "a1", "o2", "breach", ob="w", event_date="2021-05"),
        item("not-2", "a2", "o3", "breach", ob="w", event_date="2021-05"),
    ]
    r = result(project([ob], SOURCES, items), "w")
    assert r.status is Status.not_compliant and r.schedule is Schedule.overdue


def test_best_efforts_with_a_deadline_done_is_undated():
    ob = obligation("w", party="us", kind="best-efforts", deadline=DUE)
    r = result(
        project([ob], SOURCES, [item("done", "a1", "o1", "compliance", ob="w", event_date="2021-03")]), "w"
    )
    assert r.status is Status.compliant and r.schedule is Schedule.undated


@pytest.mark.parametrize(
    ("when", "schedule"),
    [("2021-04-01", Schedule.on_time), ("2021-04", Schedule.undated), ("2021-04-02", Schedule.late)],
)
def test_on_the_due_day_is_on_time_and_a_month_starting_on_it_is_undated(when, schedule):
    ob = obligation("w", party="us", kind="one-off", deadline={"date": "2021-04-01", "rule": "r"})
    r = result(project([ob], SOURCES, [item("done", "a2", "o1", "compliance", ob="w", event_date=when)]), "w")
    assert r.schedule is schedule


def test_years_written_bare_are_years_within_the_calendar():
    from pydantic import TypeAdapter, ValidationError

    from scorecard.dates import FuzzyDate

    fuzzy = TypeAdapter(FuzzyDate)
    assert fuzzy.validate_python(1000) == "1000" and fuzzy.validate_python(9999) == "9999"
    for bad in (999, True, 2020.0, 10000):
        with pytest.raises(ValidationError):
            fuzzy.validate_python(bad)
    assert add_months(date(1, 1, 31), 1) == date(1, 2, 28)
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 30)


def test_validate_says_what_each_condition_is():
    from scorecard.conditions import declared

    obs = {
        o.id: o
        for o in (
            obligation("scope", party="taliban", kind="qualifier"),
            obligation("part-two", party="taliban", conditions=[{"obligation": "scope", "effect": "e"}]),
            obligation("first", party="us", kind="one-off", deadline=DUE),
            obligation(
                "later",
                party="us",
                kind="one-off",
                deadline=DUE,
                conditions=[
                    {"obligation": "first", "effect": "e"},
                    {"obligation": "part-two", "effect": "e"},
                ],
            ),
        )
    }
    assert declared(obs) == [
        "later \u2190 first: the same party's duty: sequencing (may set when it falls due), never an excuse",
        "later \u2190 part-two: another party's duty (taliban): a condition that can excuse it",
        "part-two \u2190 scope: a qualifier: limits it, never excuses",
    ]


# --- confidence, exactly ---------------------------------------------------------------------


def _confidence(items, obs=None, as_of=date(2022, 1, 1), policy=SHIPPED, oid="ob", **kw):
    p = project(obs or [obligation(**kw)], [*SOURCES, source("c", "C", "2021-06-01")], items, policy=policy)
    return result(p, oid, as_of)


def test_confidence_on_the_calendar_is_high_and_on_an_unreported_event_low():
    events = [{"id": "talks", "description": "talks", "basis": "b"}]
    calendar = obligation("cal", party="us", kind="one-off", deadline={"date": "2030-01-01", "rule": "r"})
    waiting = obligation("wait", party="us", kind="one-off", conditions=[{"event": "talks", "effect": "e"}])
    p = project([calendar, waiting], SOURCES, [], events=events)
    assert result(p, "cal").confidence == "high" and result(p, "wait").confidence == "low"


def test_confidence_needs_consistency_at_or_above_the_rule():
    even = [  # compliance 1.4 (A2 + A3) against breach 0.6 (A3): consistency exactly 0.7
        item("c1", "a1", "o1", "compliance", 2),
        item("c2", "a2", "o2", "compliance", 3),
        item("b1", "b1", "o3", "breach", 3).model_copy(update={"source": "a1"}),
    ]
    r = _confidence(even)
    assert r.status is Status.compliant and r.confidence == "moderate"
    less = [*even[:2], item("b1", "a1", "o3", "breach", 2)]  # breach 0.8: consistency 0.64
    assert _confidence(less).confidence == "low"


def test_high_confidence_needs_two_origins_and_a_best_grade():
    rules = {k: r.model_copy(update={"min_origins": 1}) for k, r in SHIPPED.confidence.items()}
    lenient = SHIPPED.model_copy(update={"confidence": rules})
    one = [item("c1", "a1", "o1", "compliance", 2)]
    assert _confidence(one, policy=lenient).confidence == "moderate"  # one origin: never high
    two = [*one, item("c2", "a2", "o2", "compliance", 2)]
    assert _confidence(two, policy=lenient).confidence == "high"
    three_c = [item(f"c{n}", "c", f"o{n}", "compliance", 2) for n in range(3)]
    assert _confidence(three_c).confidence == "moderate"  # three origins, but no A or B source


def _excused(cond_items, act_origins=3):
    cond = obligation("cond", party="taliban")
    act = obligation(
        "act", party="us", kind="one-off", deadline=DUE, conditions=[{"obligation": "cond", "effect": "e"}]
    )
    acts = [
        item(f"a{n}", "a1", f"u{n}", "breach", 2, ob="act", event_date="2021-05") for n in range(act_origins)
    ]
    return _confidence(cond_items + acts, obs=[cond, act], oid="act")


def test_an_excuse_is_no_surer_than_its_condition_and_a_thin_condition_lowers_a_breach():
    two = [
        item(f"t{n}", s, f"t{n}", "breach", 2, ob="cond", event_date="2021-03")
        for n, s in enumerate(["a1", "a2"])
    ]
    r = _excused(two)
    assert r.status is Status.condition_unmet and r.confidence == "moderate"  # act high, condition moderate
    thin = [item("t0", "a1", "t0", "breach", 5, ob="cond", event_date="2021-03")]  # too little
    assert _excused(thin).status is Status.not_compliant and _excused(thin).confidence == "moderate"
    assert _excused(thin, act_origins=2).confidence == "low"
    assert _excused([], act_origins=2).confidence == "low"


# --- weights, corroboration and sensitivity ----------------------------------------------------


def test_weights_are_rounded_to_six_places_and_set_aside_items_weigh_nothing():
    w = {**SHIPPED.credibility_weight, 2: 0.7777777}
    policy = SHIPPED.model_copy(update={"credibility_weight": w})
    r = result(project([obligation()], SOURCES, [item("x", "a1", "o1", "breach", 2)], policy=policy), "ob")
    assert r.evidence[0].weight == 0.777778
    fix = item("fix", "a2", "desk", "context").model_copy(update={"corrects": "x"})
    r = result(project([obligation()], SOURCES, [item("x", "a1", "o1", "breach", 2), fix]), "ob")
    assert {e.id: (e.role, e.weight) for e in r.evidence} == {
        "x": ("corrected", 0.0),
        "fix": ("context", 0.0),
    }


def test_items_corroborated_only_together_are_each_what_the_status_rests_on():
    items = [item(f"i{n}", "c", f"o{n}", "breach", 3, claim_key="k") for n in range(2)]  # C3: 0.36 each
    r = _confidence(items)
    assert r.status is Status.not_compliant
    assert {s.evidence: s.status_without for s in r.sensitivity} == {
        "i0": Status.insufficient_evidence,
        "i1": Status.insufficient_evidence,
    }


def test_odds_between_the_bands_decide_nothing():
    items = [item("c", "c", "o1", "compliance", 2), item("b", "c", "o2", "breach", 3)]  # 0.48 against 0.36
    assert _confidence(items).status is Status.insufficient_evidence


def test_the_day_of_signature_is_not_before_it():
    p = project([obligation()], SOURCES, [])
    assert result(p, "ob", SIGNED).status is Status.insufficient_evidence
    assert result(p, "ob", date(2020, 2, 28)).status is Status.not_yet_due


def test_a_qualifier_of_another_party_never_excuses():
    scope = obligation("scope", party="taliban", kind="qualifier")
    act = obligation(
        "act", party="us", kind="one-off", deadline=DUE, conditions=[{"obligation": "scope", "effect": "e"}]
    )
    items = [
        item("s", "a1", "s1", "breach", 2, ob="scope", event_date="2021-03"),
        item("a", "a2", "u1", "breach", 2, ob="act", event_date="2021-05"),
    ]
    assert result(project([scope, act], SOURCES, items), "act").status is Status.not_compliant


# --- what was known when ------------------------------------------------------------------------


def _waiting(items, as_of=date(2022, 1, 1), conditions=None):
    events = [{"id": "talks", "description": "talks", "basis": "b"}]
    cond = obligation("cond", party="taliban")
    ob = obligation(
        "w",
        party="us",
        kind="one-off",
        deadline={"date": "2020-05-29", "rule": "r"},
        conditions=conditions or [{"event": "talks", "effect": "e"}],
    )
    return result(project([cond, ob], SOURCES, items, events=events), "w", as_of)


def test_an_event_is_known_only_from_a_published_report_at_its_most_precise_date():
    late = item("t", "late", "talks", "context", ob="w", event="talks", event_date="2020-09-12")
    assert _waiting([late]).status is Status.not_yet_due  # its report is not yet published
    day = item("day", "a1", "talks", "context", ob="w", event="talks", event_date="2020-09-12")
    year = item("year", "a2", "talks", "context", ob="w", event="talks", event_date="2020")
    undated = item("undated", "b1", "talks", "context", ob="w", event="talks")
    assert _waiting([day, year]).deadline.due == date(2020, 9, 12)
    assert _waiting([undated, year]).deadline.due == date(2020, 5, 29)  # 2020 (from 1 January) beats undated
    both = [{"obligation": "cond", "effect": "e"}, {"event": "talks", "effect": "e"}]
    assert _waiting([], conditions=both).status is Status.not_yet_due


def test_a_correction_counts_from_its_day_of_publication_whatever_the_order_of_items():
    ob = obligation()
    fix = item("fix", "a2", "desk", "context").model_copy(update={"corrects": "x"})
    later = item("later", "late", "desk2", "context").model_copy(update={"corrects": "y"})
    items = [later, item("x", "a1", "o1", "breach", 2), item("y", "a1", "o2", "breach", 2), fix]
    on_the_day = result(project([ob], SOURCES, items), "ob", date(2021, 6, 1))
    assert {e.id: e.role for e in on_the_day.evidence}["x"] == "corrected"
    assert {e.id: e.role for e in on_the_day.evidence}["y"] == "diagnostic"


@pytest.mark.parametrize(("decisive", "wanted"), [(0.6, date(2021, 5, 1)), (0.61, None)])
def test_delivery_is_the_date_independent_origins_first_reach_the_decisive_weight(decisive, wanted):
    policy = SHIPPED.model_copy(
        update={"thresholds": SHIPPED.thresholds.model_copy(update={"decisive": decisive})}
    )
    ob = obligation("w", party="us", kind="one-off", deadline=DUE)
    items = [
        item("first", "a1", "o1", "compliance", 4, ob="w", event_date="2021-03-01"),
        item("weaker", "b1", "o1", "compliance", 5, ob="w", event_date="2021-03-05"),
        item("second", "a2", "o2", "compliance", 4, ob="w", event_date="2021-05-01"),
    ]
    assert result(project([ob], SOURCES, items, policy=policy), "w").delivered == wanted


def test_a_duty_the_record_cannot_show_keeps_no_delivery():
    ob = obligation("w", party="us", kind="one-off", deadline=DUE, verifiability="none")
    r = result(
        project([ob], SOURCES, [item("done", "a1", "o1", "compliance", ob="w", event_date="2021-03")]), "w"
    )
    assert r.status is Status.not_verifiable and r.delivered is None and r.delivered_in_part is None


def test_evidence_of_either_extent_together_dates_the_act_done_in_part():
    ob = obligation("w", party="us", kind="quantity", deadline=DUE)
    items = [
        item("full", "c", "o1", "compliance", 3, ob="w", event_date="2021-03"),
        item("part", "c", "o2", "compliance", 3, ob="w", event_date="2021-05", extent="partial"),
    ]
    r = _confidence(items, obs=[ob], oid="w")
    assert r.status is Status.partially_compliant and r.schedule is Schedule.late_in_part
    assert r.delivered_in_part == date(2021, 5, 31)


def test_superseded_breach_evidence_weighs_nothing():
    ob = obligation("w", party="us", kind="one-off", deadline=DUE)
    items = [
        item("gone", "a2", "o1", "compliance", ob="w", event_date="2021-05-20"),
        item("still", "a1", "o2", "breach", ob="w", event_date="2021-05-01"),
    ]
    r = result(project([ob], SOURCES, items), "w")
    assert {e.id: (e.role, e.weight) for e in r.evidence}["still"] == ("superseded", 0.0)


# --- the survivors of the second run that were not equivalent ------------------------------------


def test_a_longer_cycle_of_prompted_agreements_ends():
    from scorecard.score import witness

    a = item("a", "a1", "x").model_copy(update={"prompted_by": "b"})
    b = item("b", "a1", "y").model_copy(update={"prompted_by": "c"})
    c = item("c", "a1", "z").model_copy(update={"prompted_by": "b"})
    assert witness(a, {i.id: i for i in (a, b, c)}, {}, {}) == "z"


def test_a_corrected_condition_item_corroborates_nothing():
    cond = obligation("cond", party="taliban")
    act = obligation(
        "act", party="us", kind="one-off", deadline=DUE, conditions=[{"obligation": "cond", "effect": "e"}]
    )
    fix = item("fix", "a2", "desk", "context", ob="cond").model_copy(update={"corrects": "x2"})
    items = [
        item("x1", "c", "t1", "breach", 3, ob="cond", event_date="2021-03", claim_key="k"),
        item("x2", "c", "t2", "context", 3, ob="cond", event_date="2021-03", claim_key="k"),
        item("a", "a1", "u1", "breach", ob="act", event_date="2021-05"),
        fix,
    ]
    p = project([cond, act], [*SOURCES, source("c", "C", "2021-05-01")], items)
    assert assess_all(p, date(2021, 5, 20)).final["act"].status is Status.condition_unmet  # x1 confirmed: C1
    assert assess_all(p, date(2021, 6, 2)).final["act"].status is Status.not_compliant  # x2 corrected


def test_an_event_on_the_deadline_day_has_happened_by_it():
    events = [{"id": "talks", "description": "talks", "basis": "b"}]
    cond = obligation("cond", party="taliban", conditions=[{"event": "talks", "effect": "e"}])
    act = obligation(
        "act", party="us", kind="one-off", deadline=DUE, conditions=[{"obligation": "cond", "effect": "e"}]
    )
    items = [
        item("t", "a1", "t-o1", "breach", ob="cond", event_date="2021-03"),
        item("a", "a2", "u-o1", "breach", ob="act", event_date="2021-05"),
        item("talks", "b1", "talks-o", "context", ob="cond", event="talks", event_date="2021-04-29"),
    ]
    p = project([cond, act], SOURCES, items, events=events)
    assert assess_all(p, date(2022, 1, 1)).final["act"].status is Status.condition_unmet


def test_events_corrections_and_foreclosures_are_known_from_publication_only():
    from scorecard.timeline import known_events, published_marks

    late, early, mid = (
        source("late", "B", "2023-01-01"),
        source("early", "B", "2021-01-01"),
        source("mid", "B", "2021-03-01"),
    )
    told = item("told", "late", "o", event="talks", event_date="2020-09-12")
    assert known_events([(told, late)], date(2022, 1, 1)) == {}
    first = item("first", "early", "o").model_copy(update={"corrects": "x", "forecloses": "talks"})
    second = item("second", "mid", "o").model_copy(update={"corrects": "x"})
    too_late = item("too-late", "late", "o").model_copy(update={"corrects": "y"})
    reports = [(too_late, late), (second, mid), (first, early)]
    corrected, foreclosed = published_marks(reports, date(2022, 1, 1))
    assert corrected == {"x": "first"} and foreclosed == {"talks": "first"}
    assert published_marks(reports, date(2021, 1, 1)) == ({"x": "first"}, {"talks": "first"})


def test_a_correction_inside_the_delivery_range_stands():
    ob = obligation("w", party="us", kind="quantity", deadline=DUE)
    items = [
        item("x", "a1", "o0", "compliance", ob="w", event_date="2021-03"),
        item("done", "b1", "o1", "compliance", ob="w", event_date="2021-05"),
        item("fix", "a2", "desk", "breach", ob="w", event_date="2021-05-10").model_copy(
            update={"corrects": "x"}
        ),
    ]
    roles = {e.id: e.role for e in result(project([ob], SOURCES, items), "w").evidence}
    assert roles == {"x": "corrected", "done": "diagnostic", "fix": "diagnostic"}


def test_on_the_due_day_nothing_shown_is_due_not_shown():
    ob = obligation("w", party="us", kind="one-off", deadline=DUE)
    r = result(project([ob], SOURCES, []), "w", date(2021, 4, 29))
    assert r.status is Status.insufficient_evidence and r.schedule is Schedule.not_shown
