"""The shipped evidence, read in time: the withdrawal, a wire report of the last flight, the talks."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date

from conftest import EVIDENCE, RULES

from scorecard.pipeline import load_and_check
from scorecard.report import build_report
from scorecard.results import Schedule, Status

WITHDRAWAL = ("part-one-full-withdrawal", "part-one-b1-complete-withdrawal")
WIRE = (
    "KABUL, Aug 31 (Wire) - The last U.S. military aircraft left Kabul airport shortly before midnight "
    "on Monday, August 30, completing the withdrawal of American forces from Afghanistan, the Pentagon said.\n"
)


def statuses(evidence, as_of: date) -> dict:
    project, problems = load_and_check(RULES, evidence)
    assert not problems, problems
    return {o.id: o for o in build_report(project, as_of).obligations}


def with_wire_report(tmp_path):
    """A copy of the shipped evidence plus one A-graded wire report of the last US flight."""
    ev = tmp_path / "evidence"
    shutil.copytree(EVIDENCE, ev)
    doc = ev / "documents" / "wire-2021-08-31.txt"
    doc.write_text(WIRE, encoding="utf-8")
    sha = hashlib.sha256(doc.read_bytes()).hexdigest()
    with open(ev / "sources.yaml", "a", encoding="utf-8") as fh:
        fh.write(f"""
- id: wire-2021-08-31
  title: Last US aircraft leaves Kabul
  publisher: A wire service
  published: {{date: 2021-08-31}}
  kind: news
  file: documents/wire-2021-08-31.txt
  sha256: {sha}
  reliability: {{grade: A, reason: A wire service reporting the Pentagon's announcement.}}
""")
    with open(ev / "origins.yaml", "a", encoding="utf-8") as fh:
        fh.write("""
- id: pentagon-last-flight-2021-08-30
  description: The Pentagon's announcement that the last US aircraft left Kabul on 30 August 2021
  kind: statement
  date: 2021-08-30
""")
    (ev / "items" / "wire-2021-08-31.yaml").write_text(
        """
- id: wire-last-flight
  source: wire-2021-08-31
  quote: The last U.S. military aircraft left Kabul airport shortly before midnight on Monday, August 30
  claim: The last US aircraft left Kabul on 30 August 2021.
  attributed_to: The Pentagon, via the wire
  origin: pentagon-last-flight-2021-08-30
  event_date: 2021-08-30
  credibility: 2
  links:
    - {obligation: part-one-full-withdrawal, stance: compliance, indicator: last-us-forces-depart}
    - {obligation: part-one-b1-complete-withdrawal, stance: compliance, indicator: all-remaining-forces-depart}
""",
        encoding="utf-8",
    )
    return ev


def test_the_withdrawal_from_the_five_documents_is_not_a_plain_breach():
    for oid in WITHDRAWAL:
        r = statuses(EVIDENCE, date(2026, 11, 23))[oid]
        assert r.status is not Status.not_compliant, (oid, r.status)
        if r.status is Status.condition_unmet:
            assert r.schedule is Schedule.overdue


def test_a_wire_report_of_the_last_flight_makes_it_done_late_once_published(tmp_path):
    ev = with_wire_report(tmp_path)
    for oid in WITHDRAWAL:
        before = statuses(ev, date(2021, 8, 30))[oid]
        assert before.status is not Status.compliant and before.schedule is not Schedule.late, oid
        after = statuses(ev, date(2021, 9, 1))[oid]
        assert after.status is Status.compliant and after.schedule is Schedule.late, oid
        assert after.delivered == date(2021, 8, 30)


def test_nothing_about_the_talks_is_known_before_a_document_reports_them():
    early = statuses(EVIDENCE, date(2020, 10, 1))  # the corpus then holds only a 2018 article
    for oid in ("part-one-d-us-sanctions-review", "part-one-e-un-sanctions"):
        assert early[oid].status is Status.not_yet_due and early[oid].deadline.triggered is False
    assert early["preamble-3-start-negotiations"].status is not Status.compliant
    later = statuses(EVIDENCE, date(2026, 11, 23))
    assert later["part-one-d-us-sanctions-review"].deadline.due == date(2020, 9, 12)
