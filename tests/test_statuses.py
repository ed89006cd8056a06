"""One table of statuses: its order is the scorer's precedence, its predicates are the decision,
and the README is written from it."""

from __future__ import annotations

import dataclasses
from datetime import date

from builders import POLICY, SIGNED, item, obligation, project, source
from conftest import ROOT

from scorecard import explain
from scorecard.model import Override
from scorecard.report import assess_all
from scorecard.results import Schedule, Status
from scorecard.score import Tally, decide, facts, probability
from scorecard.statuses import STATUSES, StatusDoc, applies, first_that_holds, row, vocabulary
from scorecard.timeline import Clock, schedule


def test_table_covers_every_status_in_precedence_order():
    assert [d.status for d in STATUSES] == list(Status)
    assert [d.value for d in STATUSES] == [s.value for s in Status]
    assert len({d.css for d in STATUSES}) == len({d.glyph for d in STATUSES}) == len(STATUSES)
    assert all(d.definition.endswith(".") and d.definition.count(". ") == 0 for d in STATUSES)


def test_the_override_vocabulary_is_the_table():
    Override.model_validate(
        {
            "obligation": "x",
            "status": "condition disputed",
            "justification": "j",
            "reviewer": "r",
            "date": "2024-01-01",
        }
    )
    schema = Override.model_json_schema()["properties"]["status"]
    assert schema["enum"] == [d.value for d in STATUSES]


def test_readme_precedence_list_and_definitions_are_the_table(project):
    th = project.policy.thresholds
    wanted = "\n".join(
        f"{n}. **{d.status.value}**: {applies(d, th.decisive, th.contested_ratio)}. *Why:* {d.why}."
        for n, d in enumerate(STATUSES, 1)
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert wanted in readme
    assert "\n".join(f"| {d.value} | {d.definition} |" for d in STATUSES) in readme


SOURCES = [source("paper", "B", "2021-05-15"), source("radio", "B", "2021-06-01")]


def _assessed(items, as_of=date(2021, 8, 1)):
    p = project([obligation()], SOURCES, items)
    return p, assess_all(p, as_of).final["ob"]


def test_decide_walks_the_table_in_order():
    """Put "insufficient evidence" (whose predicate always holds) first: every status is it."""
    _, a = _assessed([item("b1", "paper", "o1"), item("b2", "radio", "o2")])
    assert a.status is Status.not_compliant
    last_first = (STATUSES[-1], *STATUSES[:-1])
    clock = Clock(date(2021, 8, 1), SIGNED, {})
    again = decide(obligation(), a.tally, a.probability, POLICY, clock, {}, table=last_first)
    assert again == "insufficient evidence"  # a member of that table's own enum
    f = facts(obligation(), a.tally, a.probability, POLICY, clock, {})
    assert [d.value for d in STATUSES if d.holds(f)][0] == "not compliant" == first_that_holds(f).value


def _no_evidence_row() -> StatusDoc:
    """A status a test adds: "no evidence", before "insufficient evidence"."""
    return dataclasses.replace(
        STATUSES[-1],
        name="no_evidence",
        value="no evidence",
        definition="Nothing in the corpus bears on the obligation either way.",
        applies="no diagnostic evidence on either side",
        why="silence is not a balance of evidence",
        holds=lambda f: f.probability is None,
        finding="Nothing in the corpus shows whether the {party} kept {clause} ({quote}).",
        reason="No diagnostic evidence bears on it.",
        open_words="with no evidence",
        css="ne",
        glyph="\u2205",
    )


def test_adding_a_status_is_one_row_and_its_predicate():
    """The row and its predicate are all it takes: the enum, the decision, the wording, the
    likelihood and the schedule all follow from the table."""
    table = (*STATUSES[:-1], _no_evidence_row(), STATUSES[-1])
    Extended = vocabulary(table, "Extended")
    assert [s.value for s in Extended][-2:] == ["no evidence", "insufficient evidence"]
    ob, clock = obligation(), Clock(date(2021, 8, 1), SIGNED, {})
    empty = Tally()
    status = decide(ob, empty, probability(empty, POLICY), POLICY, clock, {}, table=table)
    assert status is Extended.no_evidence and row(status).definition.startswith("Nothing in the corpus")
    _, a = _assessed([])
    a = dataclasses.replace(a, status=status)
    words = explain.finding(ob, a, schedule(ob, a, date(2021, 8, 1)), "Taliban", None, None)  # type: ignore[arg-type]
    assert (
        words
        == "Nothing in the corpus shows whether the Taliban kept Part Two (\u201cwill not host them\u201d)."
    )
    assert schedule(ob, a, date(2021, 8, 1)) is Schedule.continuing
    # The shipped table is untouched: the same facts decide "insufficient evidence" there.
    assert decide(ob, empty, None, POLICY, clock, {}) is Status.insufficient_evidence
