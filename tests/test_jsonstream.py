"""`score --format json` written in pieces gives the bytes of the Report's own JSON."""

from __future__ import annotations

from scorecard.render.jsonstream import chunks


def test_pieces_join_to_the_reports_json(report):
    whole = report.model_dump_json(indent=2) + "\n"
    pieces = list(chunks(report, size=10_000))
    assert len(pieces) > 3 and b"".join(pieces).decode("utf-8") == whole


def test_no_obligations_and_one(report):
    for some in ([], report.obligations[:1]):
        r = report.model_copy(update={"obligations": some})
        assert b"".join(chunks(r)).decode("utf-8") == r.model_dump_json(indent=2) + "\n"


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
        assert b"".join(chunks_of(head, results, size=5_000)).decode("utf-8") == whole


def test_results_made_by_several_processes_give_the_same_bytes(loaded, monkeypatch):
    """Forked workers each make a run of the obligations (workers.in_order): the same bytes as one
    process, with any number of them, whatever the party and the previous date."""
    from datetime import date

    from scorecard import jsonjobs
    from scorecard.render import jsonstream
    from scorecard.report import build_report, report_in_parts

    monkeypatch.setattr(jsonjobs, "PARALLEL_FROM", 0)  # the shipped data is below it
    project, _ = loaded
    for when, party, previous in (
        (date(2026, 11, 23), None, date(2021, 5, 1)),
        (date(2020, 6, 1), "taliban", None),
    ):
        whole = build_report(project, when, party, previous).model_dump_json(indent=2) + "\n"
        for jobs in (2, 3, 64):
            head, results = report_in_parts(project, when, party, previous)
            got = b"".join(jsonstream.around(head, jsonjobs.pieces(results, jobs), size=5_000))
            assert got.decode("utf-8") == whole, jobs


def test_below_the_threshold_no_process_is_forked(loaded, monkeypatch):
    from datetime import date

    from scorecard import jsonjobs, workers
    from scorecard.render import jsonstream
    from scorecard.report import report_in_parts

    def no_fork(*args):
        raise AssertionError("forked below PARALLEL_FROM")

    monkeypatch.setattr(jsonjobs, "in_order", no_fork)
    head, results = report_in_parts(loaded[0], date(2026, 11, 23))
    assert sum(results.uses) < jsonjobs.PARALLEL_FROM
    assert b"".join(jsonstream.around(head, jsonjobs.pieces(results, 8))).endswith(b"}\n")
    assert workers.default_jobs() >= 1
