"""Dated scenarios on an invented agreement (tests/fixtures/crossing): one or more per rule of the
time model, each with its expected answer fixed from the method before the scorer was run.

The fixture's documents and items are written for these scenarios; the policy is the shipped one
(decisive weight 0.45: one B2 origin decides at low confidence).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scorecard import load_valid
from scorecard.report import assess_all, build_report
from scorecard.results import Schedule, Status

FIXTURE = Path(__file__).parent / "fixtures" / "crossing"


@pytest.fixture(scope="module")
def crossing():
    return load_valid(FIXTURE / "rules" / "crossing", FIXTURE / "evidence")


def at(p, oid: str, as_of: date):
    return next(o for o in build_report(p, as_of).obligations if o.id == oid)


def roles(r) -> dict[str, str]:
    return {e.id: e.role for e in r.evidence}


# 1. A condition is judged on the other party's conduct up to the dependent duty's deadline.


def test_conduct_after_the_deadline_never_excuses(crossing):
    """The West's tolls of 2023 (reported February 2024) come after the 1 July 2022 deadline."""
    r = at(crossing, "e-withdraw", date(2024, 3, 1))
    assert at(crossing, "w-no-tolls", date(2024, 3, 1)).status is Status.not_compliant
    assert r.status is Status.not_compliant and r.schedule is Schedule.overdue
    assert r.likelihood in ("likely", "very likely")


def test_a_later_report_about_earlier_conduct_counts_from_its_publication(crossing):
    """Tolls in May 2022, before the deadline, are reported on 1 June 2024: from then, not before."""
    assert at(crossing, "e-withdraw", date(2024, 5, 31)).status is Status.not_compliant
    r = at(crossing, "e-withdraw", date(2024, 6, 1))
    assert r.status is Status.condition_unmet
    assert any("found not compliant on conduct up to 1 July 2022" in x for x in r.reasons)
    report = build_report(crossing, date(2024, 7, 1), history=True)
    seen = {
        x.date: x.status for x in next(o for o in report.obligations if o.id == "e-withdraw").history or []
    }
    assert seen[date(2024, 2, 1)] is Status.not_compliant and seen[date(2024, 6, 1)] is Status.condition_unmet


# 2. A disputed condition is neither a breach nor an excuse.


def test_a_contested_condition_makes_the_duty_disputed(crossing):
    assert at(crossing, "w-ferry", date(2022, 8, 1)).status is Status.contested
    r = at(crossing, "e-bridge", date(2022, 8, 1))
    assert r.status is Status.condition_disputed
    assert r.likelihood is None and r.breach_probability is None and r.confidence == "low"
    assert "neither a breach nor excused" in r.finding


# 3. A party is never excused by its own failure.


def test_the_same_partys_failure_is_sequencing_not_an_excuse(crossing):
    assert at(crossing, "e-release", date(2022, 8, 1)).status is Status.not_compliant
    r = at(crossing, "e-release-rest", date(2022, 8, 1))
    assert r.status is Status.not_compliant and r.likelihood == "likely"
    assert any("sequencing, never an excuse" in c for c in r.conditions)


# 4. Corrections count from their publication; delivery never supersedes a correction it contradicts.


def test_a_correction_stops_the_corrected_item_from_its_publication(crossing):
    before = at(crossing, "e-five-posts", date(2022, 4, 4))
    assert before.status is Status.compliant and before.schedule is Schedule.on_time
    after = at(crossing, "e-five-posts", date(2022, 4, 6))
    assert after.status is Status.not_compliant and after.schedule is Schedule.overdue
    assert roles(after) == {"five-posts-gone": "corrected", "five-posts-correction": "diagnostic"}
    assert any(
        "five-posts-gone is corrected or withdrawn by five-posts-correction" in x for x in after.reasons
    )


def test_a_later_delivery_makes_the_correction_a_record_of_lateness(crossing):
    r = at(crossing, "e-five-posts", date(2022, 6, 2))
    assert r.status is Status.compliant and r.schedule is Schedule.late and r.delivered == date(2022, 5, 20)
    assert roles(r)["five-posts-correction"] == "superseded" and roles(r)["five-posts-gone"] == "corrected"


# 5. Coarse dates are clipped to [signature, min(publication, as-of)].


def test_a_year_only_date_is_clipped_to_signature_and_publication(crossing):
    r = at(crossing, "w-no-smuggling", date(2022, 12, 31))
    assert (r.breach_period.first, r.breach_period.last) == (date(2022, 1, 15), date(2022, 6, 1))
    assert "The dated breach evidence runs from January 2022 to June 2022." in r.reasons


# 6. Partial performance, late.


def test_partial_late_delivery_is_done_late_in_part(crossing):
    r = at(crossing, "e-return-boats", date(2022, 12, 31))
    assert r.status is Status.partially_compliant and r.schedule is Schedule.late_in_part
    assert r.delivered is None and r.delivered_in_part == date(2022, 4, 30)


# 7. A foreclosed trigger.


def test_a_foreclosed_trigger_is_not_triggered_with_one_schedule(crossing):
    for oid in ("w-open-market", "w-market-fees"):
        assert at(crossing, oid, date(2022, 9, 1)).status is Status.not_yet_due
        r = at(crossing, oid, date(2022, 10, 1))
        assert r.status is Status.not_triggered and r.schedule is Schedule.lapsed, oid
        assert r.likelihood is None and r.confidence == "moderate"
        assert any("commission-abandoned" in x for x in r.reasons)


# 9. Corroboration at the claim grain.


def test_a_claim_key_on_one_link_lifts_that_claim_only(crossing):
    shelter = at(crossing, "w-no-shelter", date(2023, 6, 1))
    camps = at(crossing, "w-no-camps", date(2023, 6, 1))
    grade = {e.id: e.credibility for e in shelter.evidence}
    assert grade["official-houses-and-camp"] == 1 and grade["panel-safe-houses"] == 1
    assert {e.id: e.credibility for e in camps.evidence}["official-houses-and-camp"] == 3


def test_prompted_agreement_shares_the_origin_and_a_denial_is_a_denial(crossing):
    r = at(crossing, "w-no-shelter", date(2023, 6, 1))
    assert r.status is Status.not_compliant
    assert r.counts.breach_origins == 2  # the Panel (with the commander who agreed) and the former official
    assert r.counts.compliance_origins == 0 and r.counts.denials == 1
    assert any("spokesman-denies is the obliged party's own denial" in x for x in r.reasons)


def test_independent_reporters_of_a_public_event_corroborate(crossing):
    r = at(crossing, "w-talks", date(2022, 3, 1))
    assert r.status is Status.compliant and r.schedule is Schedule.late
    assert r.counts.compliance_origins == 2 and {e.credibility for e in r.evidence} == {1}
    assert r.confidence == "moderate"


def test_an_own_record_the_indicator_names_decides_at_low_confidence(crossing):
    troops = at(crossing, "e-troops", date(2022, 6, 1))
    assert troops.status is Status.compliant and troops.schedule is Schedule.on_time
    assert troops.confidence == "low"
    guards = at(crossing, "e-guards", date(2022, 6, 1))  # the same ministry's word, not named by the rule
    assert guards.status is Status.insufficient_evidence and guards.counts.denials == 1


def test_every_scenario_date_is_pure(crossing):
    """The same date gives the same assessment however often it is asked (no hidden state)."""
    one, two = assess_all(crossing, date(2024, 6, 1)), assess_all(crossing, date(2024, 6, 1))
    assert {k: a.status for k, a in one.final.items()} == {k: a.status for k, a in two.final.items()}
