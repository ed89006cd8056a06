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
