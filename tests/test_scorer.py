"""The scorer's rules, one at a time, on in-memory projects."""

from __future__ import annotations

from datetime import date

from builders import item, obligation, project, source

from scorecard.report import build_report
from scorecard.results import Schedule, Status

LATER = date(2026, 1, 1)


def one(p, as_of=LATER):
    return build_report(p, as_of).obligations[0]


def test_no_evidence_is_insufficient_and_says_corpus_cutoff():
    r = one(project([obligation()], [source("s")], []))
    assert r.status is Status.insufficient_evidence
    assert r.likelihood is None and r.confidence == "low"
    assert any("not proof that nothing happened" in x for x in r.reasons)


def test_independent_breach_origins_make_not_compliant():
    items = [item("a", "s1", "o1"), item("b", "s2", "o2")]
    r = one(project([obligation()], [source("s1"), source("s2")], items))
    assert r.status is Status.not_compliant
    assert r.counts.breach_origins == 2
    assert r.likelihood in ("likely", "very likely", "almost certain")


def test_repeats_of_one_origin_count_once():
    one_origin = [item(f"i{n}", f"s{n}", "same") for n in range(5)]
    r = one(project([obligation()], [source(f"s{n}") for n in range(5)], one_origin))
    assert r.counts.breach == 5 and r.counts.breach_origins == 1
    assert r.status is Status.insufficient_evidence  # one B2 origin is not decisive


def test_grade_one_is_computed_only_when_independent_origins_report_the_same_claim():
    srcs = [source("s1"), source("s2")]
    same = one(
        project(
            [obligation()], srcs, [item("a", "s1", "o", claim_key="k"), item("b", "s2", "o", claim_key="k")]
        )
    )
    assert {e.credibility for e in same.evidence} == {2}
    two = one(
        project(
            [obligation()], srcs, [item("a", "s1", "o1", claim_key="k"), item("b", "s2", "o2", claim_key="k")]
        )
    )
    assert {e.credibility for e in two.evidence} == {1}
    # Same stance and indicator, but different claims: nothing is confirmed.
    unrelated = one(
        project(
            [obligation()],
            srcs,
            [
                item("a", "s1", "o1", indicator="b", claim_key="k1"),
                item("b", "s2", "o2", indicator="b", claim_key="k2"),
            ],
        )
    )
    assert {e.credibility for e in unrelated.evidence} == {2}
    # A party's claim confirms nothing, and is not confirmed by others into grade 1.
    selfish = one(
        project(
            [obligation()],
            srcs,
            [
                item("a", "s1", "o1", "compliance", claim_key="k", party="taliban"),
                item("b", "s2", "o2", "compliance", claim_key="k"),
            ],
        )
    )
    assert {e.credibility for e in selfish.evidence} == {2}


def test_non_diagnostic_evidence_does_not_move_status():
    base = [item("a", "s", "o1")]
    nd = base + [item(f"n{k}", "s", f"x{k}", diagnostic=False) for k in range(4)]
    assert (
        one(project([obligation()], [source("s")], nd)).status
        is one(project([obligation()], [source("s")], base)).status
    )


def test_pre_signature_events_are_context_only():
    old = [item(f"a{k}", "s", f"o{k}", event_date="2019-06") for k in range(4)]
    r = one(project([obligation()], [source("s")], old))
    assert r.status is Status.insufficient_evidence
    assert {e.role for e in r.evidence} == {"pre-signature"}
    assert r.counts.context == 4


def test_self_claim_is_discounted():
    claims = [item(f"d{k}", "s", f"o{k}", stance="compliance", party="taliban") for k in range(3)]
    r = one(project([obligation()], [source("s")], claims))
    assert r.status is Status.insufficient_evidence
    assert all(e.weight < 0.3 for e in r.evidence)


def test_not_yet_due_before_deadline_then_schedule_after():
    ob = obligation(kind="one-off", party="us", deadline={"date": "2020-07-13", "rule": "135 days"})
    late = item("x", "s", "o1", stance="compliance", event_date="2020-09")
    also = item("y", "s2", "o2", stance="compliance", event_date="2020-09")
    p = project([ob], [source("s"), source("s2")], [late, also])
    assert one(p, date(2020, 6, 1)).status is Status.not_yet_due
    r = one(p, LATER)
    assert r.status is Status.compliant and r.schedule is Schedule.late
    assert r.finding.endswith("Performance came after the deadline of 13 July 2020.")


def test_untriggered_condition_is_not_yet_due_until_a_document_reports_the_event():
    events = [{"id": "talks", "description": "talks open", "basis": "b"}]
    ob = obligation(party="us", conditions=[{"event": "talks", "effect": "e"}])
    report = item("r", "s", "talks-2020-09", "context", event_date="2020-09-12", event="talks")
    p = project([ob], [source("s", published="2021-01-01")], [report], events=events)
    before = one(p, date(2020, 12, 1))  # the talks opened, but no published document says so yet
    assert before.status is Status.not_yet_due and before.confidence == "low"
    assert "no document published by 1 December 2020 reports: talks open" in before.reasons[0]
    assert one(p, date(2021, 1, 1)).status is Status.insufficient_evidence


def test_not_verifiable_takes_precedence_over_evidence():
    items = [item("a", "s1", "o1"), item("b", "s2", "o2")]
    r = one(project([obligation(verifiability="none")], [source("s1"), source("s2")], items))
    assert r.status is Status.not_verifiable


def test_contested_when_both_sides_are_decisive():
    items = [
        item("a", "s1", "o1"),
        item("b", "s2", "o2"),
        item("c", "s1", "o3", stance="compliance"),
        item("d", "s2", "o4", stance="compliance"),
    ]
    r = one(project([obligation()], [source("s1"), source("s2")], items))
    assert r.status is Status.contested and r.confidence == "low"


def test_partial_compliance():
    items = [
        item("a", "s1", "o1", stance="compliance", extent="partial"),
        item("b", "s2", "o2", stance="compliance", extent="partial"),
    ]
    r = one(project([obligation()], [source("s1"), source("s2")], items))
    assert r.status is Status.partially_compliant


def test_sensitivity_names_the_item_whose_removal_changes_status():
    # a (A2) and b (B2) corroborate each other into grade 1; c (D4) is too weak to matter alone.
    items = [item("a", "s1", "o1"), item("b", "s2", "o2"), item("c", "s3", "o3", credibility=4)]
    r = one(project([obligation()], [source("s1", "A"), source("s2", "B"), source("s3", "D")], items))
    assert r.status is Status.not_compliant
    assert [s.evidence for s in r.sensitivity] == ["a"]
    assert r.sensitivity[0].status_without is Status.insufficient_evidence


def test_evidence_after_as_of_is_ignored_and_remains_is_reported():
    items = [item("a", "s1", "o1"), item("b", "s2", "o2")]
    p = project(
        [obligation()], [source("s1", published="2021-01-01"), source("s2", published="2022-01-01")], items
    )
    assert one(p, date(2021, 6, 1)).status is Status.insufficient_evidence
    r = build_report(p, date(2023, 1, 1), previous_as_of=date(2022, 6, 1)).obligations[0]
    assert r.status is Status.not_compliant and r.remains is True
    assert r.finding.startswith("The Taliban remains not compliant")


def test_a_breached_condition_is_named_in_the_reasons_but_does_not_change_status():
    cond = obligation("cond")
    dep = obligation(
        "dep", party="us", conditions=[{"obligation": "cond", "effect": "owed only if cond is kept"}]
    )
    items = [item("a", "s1", "o1", ob="cond"), item("b", "s2", "o2", ob="cond")]
    r = {
        o.id: o
        for o in build_report(project([cond, dep], [source("s1"), source("s2")], items), LATER).obligations
    }
    assert r["cond"].status is Status.not_compliant
    assert r["dep"].status is Status.insufficient_evidence
    assert any("conditioned on cond, found not compliant" in x for x in r["dep"].reasons)
