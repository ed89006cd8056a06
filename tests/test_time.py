"""A compliance judgment is a statement about time: delivery, lateness, conditions, what was known when."""

from __future__ import annotations

from datetime import date

from builders import SHIPPED, item, obligation, source
from builders import project as _project

from scorecard.report import build_report
from scorecard.results import Schedule, Status

DUE = {"date": "2021-04-29", "rule": "14 months"}
SOURCES = [
    source("wire", "A", "2021-08-31"),
    source("paper", "B", "2021-05-15"),
    source("radio", "B", "2021-06-01"),
    source("monitor", "B", "2021-07-01"),
]


def project(*args, **kwargs):
    return _project(*args, policy=SHIPPED, **kwargs)


def withdrawal(conditions: list | None = None):
    return obligation("withdraw", party="us", kind="one-off", deadline=DUE, conditions=conditions)


def not_done_yet() -> list:
    """Two independent origins: forces still there after the deadline (May 2021)."""
    return [
        item("still-there", "paper", "pentagon-may", "breach", event_date="2021-05-10", ob="withdraw"),
        item("postponed", "radio", "white-house-april", "breach", event_date="2021-04-14", ob="withdraw"),
    ]


def last_flight() -> list:
    return [
        item(
            "last-flight",
            "wire",
            "last-flight-2021-08-30",
            "compliance",
            event_date="2021-08-30",
            ob="withdraw",
        )
    ]


def result(p, oid: str, as_of: date):
    return next(o for o in build_report(p, as_of).obligations if o.id == oid)


def test_later_delivery_supersedes_not_done_evidence_and_is_late():
    p = project([withdrawal()], SOURCES, not_done_yet() + last_flight())
    before = result(p, "withdraw", date(2021, 8, 30))  # the wire report is not yet published
    assert before.status is Status.not_compliant and before.schedule is Schedule.overdue
    after = result(p, "withdraw", date(2021, 9, 1))
    assert after.status is Status.compliant and after.schedule is Schedule.late
    assert after.delivered == date(2021, 8, 30)
    assert {e.id: e.role for e in after.evidence} == {
        "last-flight": "diagnostic",
        "still-there": "superseded",
        "postponed": "superseded",
    }
    assert after.likelihood in ("unlikely", "very unlikely", "almost no chance")
    assert not any("not done" in w or "remain" in w for w in after.would_change)


def test_breach_after_delivery_is_not_superseded():
    back = item("back-again", "monitor", "forces-return", "breach", event_date="2021-06-20", ob="withdraw")
    early = item("left-early", "radio", "left-in-may", "compliance", event_date="2021-05-20", ob="withdraw")
    r = result(
        project([withdrawal()], SOURCES, not_done_yet()[:1] + [early, back]), "withdraw", date(2021, 9, 1)
    )
    roles = {e.id: e.role for e in r.evidence}
    assert roles["still-there"] == "superseded" and roles["back-again"] == "diagnostic"
    assert r.status is Status.contested


def test_an_unmet_condition_means_non_performance_is_not_a_plain_breach():
    taliban = obligation("part-two", party="taliban")
    breaches = [
        item(f"t{n}", s, f"aq-{n}", "breach", event_date="2020-10", ob="part-two")
        for n, s in enumerate(["paper", "radio", "monitor"])
    ]
    p = project(
        [taliban, withdrawal([{"obligation": "part-two", "effect": "due with action on Part Two"}])],
        SOURCES,
        breaches + not_done_yet(),
    )
    r = result(p, "withdraw", date(2021, 8, 1))
    assert r.status is Status.condition_unmet and r.schedule is Schedule.overdue
    assert any("conditioned on part-two, found not compliant" in x for x in r.reasons)
    assert "not a plain breach" in r.finding
    # Delivery shown anyway still wins.
    p.items.update({i.id: i for i in last_flight()})
    late = result(p, "withdraw", date(2021, 9, 1))
    assert late.status is Status.compliant and late.schedule is Schedule.late


def test_a_contested_condition_makes_the_finding_disputed_neither_breach_nor_excuse():
    taliban = obligation("part-two", party="taliban")
    both = [  # conduct before the 29 April 2021 deadline, reported after it
        item("tb", "paper", "a", "breach", ob="part-two", event_date="2021-03"),
        item("tc", "radio", "b", "compliance", ob="part-two", event_date="2021-03"),
    ]
    cond = [{"obligation": "part-two", "effect": "e"}]
    alone = result(
        project([taliban, withdrawal()], SOURCES, both + not_done_yet()), "withdraw", date(2021, 8, 1)
    )
    with_cond = result(
        project([taliban, withdrawal(cond)], SOURCES, both + not_done_yet()), "withdraw", date(2021, 8, 1)
    )
    assert result(project([taliban], SOURCES, both), "part-two", date(2021, 8, 1)).status is Status.contested
    assert alone.status is Status.not_compliant
    assert with_cond.status is Status.condition_disputed and with_cond.likelihood is None
    assert with_cond.confidence == "low"  # no surer than the contested condition
    wanted = "conditioned on part-two, which is contested on conduct up to 29 April 2021"
    assert any(wanted in x for x in with_cond.reasons)
    assert "neither a breach nor excused" in with_cond.finding


def test_an_event_date_taken_from_another_document_waits_for_it():
    events = [{"id": "talks", "description": "talks open", "basis": "b"}]
    ob = obligation(
        "sanctions",
        party="us",
        kind="one-off",
        deadline={"date": "2020-05-29", "rule": "r"},
        conditions=[{"event": "talks", "effect": "e"}],
    )
    undated = item(
        "says-talks-opened",
        "paper",
        "talks",
        "context",
        event_date="2020-09-12",
        event="talks",
        event_date_from="monitor",
        ob="sanctions",
    )
    p = project([ob], SOURCES, [undated], events=events)
    early = result(p, "sanctions", date(2021, 6, 1))  # known to have happened only by 15 May 2021
    assert early.deadline.due == date(2021, 5, 15) and early.status is Status.insufficient_evidence
    assert result(p, "sanctions", date(2021, 7, 1)).deadline.due == date(2020, 9, 12)
    assert result(p, "sanctions", date(2021, 5, 1)).status is Status.not_yet_due


def test_continuing_duty_says_when_breach_evidence_starts_and_ends():
    items = [
        item("a", "paper", "o1", event_date="2020-10"),
        item("b", "radio", "o2", event_date="2021-03-02"),
        item("c", "monitor", "o3"),
    ]
    r = result(project([obligation()], SOURCES, items), "ob", date(2021, 9, 1))
    assert (r.breach_period.first, r.breach_period.last) == (date(2020, 10, 1), date(2021, 3, 2))
    assert "The dated breach evidence runs from October 2020 to March 2021." in r.reasons


def test_findings_quote_the_operative_words():
    ob = obligation().model_copy(
        update={"text": "In order to do X, the party will not host them", "operative": "will not host them"}
    )
    r = result(project([ob], SOURCES, []), "ob", date(2021, 9, 1))
    assert "\u201cwill not host them\u201d" in r.finding and "In order" not in r.finding
