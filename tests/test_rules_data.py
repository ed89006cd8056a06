"""The shipped rules: every clause is covered, and every rule states what was promised, by whom,
by when, what would show it kept or broken, what is unclear in it and whether it can be verified."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, RULES

CLAUSE_TABLE = ROOT / "README.md"
SCOPE = "scope-areas-under-control"

# Rule id → (clause, party). Evidence links to these ids, so they must not change.
EXPECTED = {
    "preamble-3-start-negotiations": ("Preamble 3", "taliban"),
    "preamble-4-ceasefire-agenda": ("Preamble 4", "taliban"),
    "scope-areas-under-control": ("Scope", "taliban"),
    "part-one-full-withdrawal": ("Part One", "us"),
    "part-one-a1-reduce-forces": ("Part One A(1)", "us"),
    "part-one-a2-five-bases": ("Part One A(2)", "us"),
    "part-one-b1-complete-withdrawal": ("Part One B(1)", "us"),
    "part-one-b2-remaining-bases": ("Part One B(2)", "us"),
    "part-one-c-release-plan": ("Part One C", "us"),
    "part-one-c-initial-release": ("Part One C", "us"),
    "part-one-c-remaining-prisoners": ("Part One C", "us"),
    "part-one-c-released-prisoners": ("Part One C", "taliban"),
    "part-one-d-us-sanctions-review": ("Part One D", "us"),
    "part-one-e-un-sanctions": ("Part One E", "us"),
    "part-one-f-no-force": ("Part One F", "us"),
    "part-two-prevent-soil-use": ("Part Two", "taliban"),
    "part-two-1-not-allow-soil-use": ("Part Two 1", "taliban"),
    "part-two-2-clear-message": ("Part Two 2", "taliban"),
    "part-two-2-instruct-members": ("Part Two 2", "taliban"),
    "part-two-3-prevent-threats": ("Part Two 3", "taliban"),
    "part-two-3-prevent-recruiting-training-fundraising": ("Part Two 3", "taliban"),
    "part-two-3-not-host": ("Part Two 3", "taliban"),
    "part-two-4-asylum-residence": ("Part Two 4", "taliban"),
    "part-two-5-no-travel-documents": ("Part Two 5", "taliban"),
    "part-three-1-unsc-endorsement": ("Part Three 1", "us"),
    "part-three-2-relations-us": ("Part Three 2", "us"),
    "part-three-2-relations-taliban": ("Part Three 2", "taliban"),
    "part-three-3-reconstruction": ("Part Three 3", "us"),
    "part-three-3-non-intervention": ("Part Three 3", "us"),
}
WITHDRAWAL = ["part-one-full-withdrawal", "part-one-b1-complete-withdrawal", "part-one-b2-remaining-bases"]
# The provenance note's table: clauses confirmed word for word, and clauses confirmed in substance only.
# (Part One C and Part Two 2 are split: their first halves are verbatim, their second halves not.)
VERBATIM_CLAUSES = {
    "Preamble 3",
    "Preamble 4",
    "Scope",
    "Part One",
    "Part One A(1)",
    "Part One A(2)",
    "Part One B(1)",
    "Part One B(2)",
    "Part One F",
    "Part Two 1",
    "Part Two 3",
    "Part Three 1",
    "Part Three 3",
}
NOT_CONFIRMED_CLAUSES = {"Part One D", "Part One E", "Part Two", "Part Two 4", "Part Two 5", "Part Three 2"}
SPLIT_STATUS = {
    "part-one-c-release-plan": "verbatim",
    "part-one-c-initial-release": "verbatim",
    "part-one-c-remaining-prisoners": "not-confirmed",
    "part-one-c-released-prisoners": "not-confirmed",
    "part-two-2-clear-message": "not-confirmed",
    "part-two-2-instruct-members": "verbatim",
}


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _mentions(obligation, *needles: str) -> bool:
    """Whether any ambiguity of the rule names one of `needles` in its term or issue."""
    for a in obligation.ambiguities:
        words = f"{a.term} {a.issue}".lower()
        if any(n.lower() in words for n in needles):
            return True
    return False


@pytest.fixture(scope="module")
def rules(project):
    return project.obligations


def test_rules_load_without_problems(loaded):
    _, problems = loaded
    mine = [p for p in problems if Path(p.path).resolve().is_relative_to(RULES.resolve())]
    assert not mine, "\n".join(f"{p.path}:{p.line}:{p.col}: {p.message}" for p in mine)


def test_rule_ids_clauses_and_parties_are_as_published(rules):
    assert set(rules) == set(EXPECTED)
    for oid, (clause, party) in EXPECTED.items():
        assert (rules[oid].clause, rules[oid].party) == (clause, party), oid


def test_each_file_is_named_by_its_rule_id():
    for path in sorted((RULES / "obligations").glob("*.yaml")):
        assert path.stem in EXPECTED, f"{path.name}: no rule of that id is expected"


def test_every_clause_has_a_rule(project, rules):
    covered = {o.clause for o in rules.values()}
    missing = [c for c in project.agreement.clauses if c not in covered]
    assert not missing, f"clauses without a rule: {missing}"


def test_every_rule_has_indicators_both_ways_and_verifiability(rules):
    for oid, o in rules.items():
        assert o.indicators.compliance and o.indicators.breach, oid
        assert o.verifiability.level in {"high", "moderate", "low", "none"}, oid
        assert o.verifiability.means or o.verifiability.obstacles, oid


def test_indicator_ids_are_unique_within_a_rule(rules):
    for oid, o in rules.items():
        ids = [i.id for i in o.indicators.compliance + o.indicators.breach]
        assert len(ids) == len(set(ids)), f"{oid}: duplicate indicator ids"


def test_rule_texts_are_verbatim_in_the_agreement(project, rules):
    text = _collapse((RULES / project.agreement.text.file).read_text(encoding="utf-8"))
    missing = [oid for oid, o in rules.items() if _collapse(o.text) not in text]
    assert not missing, f"rule texts not found in the agreement: {missing}"


def test_text_status_follows_the_provenance_note(rules):
    for oid, o in rules.items():
        if oid in SPLIT_STATUS:
            expected = SPLIT_STATUS[oid]
        elif o.clause in VERBATIM_CLAUSES:
            expected = "verbatim"
        else:
            assert o.clause in NOT_CONFIRMED_CLAUSES, f"{oid}: clause {o.clause} has no recorded status"
            expected = "not-confirmed"
        assert o.text_status == expected, oid
        if expected == "not-confirmed":
            assert o.text_note, f"{oid}: a text not confirmed word for word says what is confirmed"


def test_every_taliban_rule_carries_the_areas_under_control_ambiguity(rules):
    assert _mentions(rules[SCOPE], "areas under their control")
    for oid, o in rules.items():
        if o.party != "taliban":
            continue
        inherits = oid == SCOPE or any(c.obligation == SCOPE for c in o.conditions)
        assert inherits, f"{oid}: a Taliban rule is conditioned on the scope rule"
        assert _mentions(o, "areas under their control"), (
            f"{oid}: names the 'areas under their control' ambiguity"
        )


def test_scope_rule_covers_both_periods_and_the_end_point(rules):
    scope = rules[SCOPE]
    assert scope.kind == "qualifier"
    assert _mentions(scope, "before august 2021") and _mentions(scope, "after august 2021")
    assert _mentions(scope, "post-settlement")


def test_withdrawal_rules_record_the_1_may_2021_ambiguity(rules):
    for oid in WITHDRAWAL:
        o = rules[oid]
        assert _mentions(o, "1 May 2021"), oid
        assert o.deadline.date == date(2021, 4, 29), oid
        assert (o.deadline.from_date, o.deadline.add_months) == (date(2020, 2, 29), 14), oid


def test_first_phase_deadline_is_135_days(rules):
    for oid in ("part-one-a1-reduce-forces", "part-one-a2-five-bases"):
        d = rules[oid].deadline
        assert (d.date, d.from_date, d.add_days) == (date(2020, 7, 13), date(2020, 2, 29), 135), oid


def test_part_one_b_is_conditioned_on_part_two(rules):
    for oid in ("part-one-b1-complete-withdrawal", "part-one-b2-remaining-bases"):
        assert any(c.obligation == "part-two-prevent-soil-use" for c in rules[oid].conditions), oid


def test_part_one_d_and_e_wait_for_negotiations(project, rules):
    from scorecard.score import known_events

    reports = [(i, project.sources[i.source]) for i in project.items.values()]
    start = known_events(reports, date(2026, 1, 1))["intra-afghan-negotiations-start"]
    assert start == date(2020, 9, 12)
    for oid, stated in (
        ("part-one-d-us-sanctions-review", date(2020, 8, 27)),
        ("part-one-e-un-sanctions", date(2020, 5, 29)),
    ):
        o = rules[oid]
        assert any(c.event == "intra-afghan-negotiations-start" for c in o.conditions), oid
        assert o.deadline.date == stated and stated < start, oid
        assert _mentions(o, "with the goal of", "with the aim of"), oid


def test_part_two_rules_carry_cut_ties_and_verification_ambiguities(rules):
    for oid, o in rules.items():
        if not o.clause.startswith("Part Two"):
            continue
        assert _mentions(o, "cut ties"), f"{oid}: the 'cut ties with al-Qaeda' misreading"
        assert _mentions(o, "verification mechanism"), f"{oid}: no verification mechanism"
        assert _mentions(o, "allies"), f"{oid}: 'allies' is undefined"


def test_prisoner_rules_record_their_ambiguities(rules):
    assert _mentions(rules["part-one-c-initial-release"], "up to")
    for oid in ("part-one-c-release-plan", "part-one-c-initial-release", "part-one-c-remaining-prisoners"):
        assert _mentions(rules[oid], "relevant sides"), oid


def test_post_settlement_government_rules_say_it_never_formed(rules):
    for oid in (
        SCOPE,
        "part-three-2-relations-us",
        "part-three-2-relations-taliban",
        "part-three-3-reconstruction",
        "part-three-3-non-intervention",
    ):
        assert _mentions(rules[oid], "post-settlement"), oid


def test_clause_table_lists_every_rule(rules):
    table = CLAUSE_TABLE.read_text(encoding="utf-8")
    missing = [oid for oid in rules if f"`{oid}`" not in table]
    assert not missing, f"the README's clause table does not list: {missing}"
    for oid, o in rules.items():
        row = next(line for line in table.splitlines() if f"`{oid}`" in line)
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[0] == o.clause and cells[3] == o.kind, f"clause table row for {oid} is out of date"
