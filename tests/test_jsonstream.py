"""`score --format json` written in pieces gives the bytes of the Report's own JSON."""

from __future__ import annotations

from scorecard.render.jsonstream import chunks


def test_pieces_join_to_the_reports_json(report):
    whole = report.model_dump_json(indent=2) + "\n"
    pieces = list(chunks(report, size=10_000))
    assert len(pieces) > 3 and "".join(pieces) == whole


def test_no_obligations_and_one(report):
    for some in ([], report.obligations[:1]):
        r = report.model_copy(update={"obligations": some})
        assert "".join(chunks(r)) == r.model_dump_json(indent=2) + "\n"


def test_results_written_as_they_are_scored_give_the_same_bytes(loaded):
    from datetime import date

    from scorecard.render.jsonstream import chunks_of
    from scorecard.report import build_report, report_in_parts

    project, _ = loaded
    for when, party, previous in (
        (date(2026, 11, 23), None, date(2021, 5, 1)),
        (date(2020, 6, 1), "us", None),
    ):
        whole = build_report(project, when, party, previous).model_dump_json(indent=2) + "\n"
        head, results = report_in_parts(project, when, party, previous)
        assert not head.obligations
        assert "".join(chunks_of(head, results, size=5_000)) == whole
