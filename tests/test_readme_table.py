"""The README's table of the shipped assessment is the scorer's output, not a hand-typed claim."""

from __future__ import annotations

from conftest import ROOT

from scorecard.reading import shown
from scorecard.render.labels import label


def test_readme_table_matches_the_report(report):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The shipped assessment", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "`" in line]
    table = {r[1].strip("`"): tuple(r[2:8]) for r in rows}
    assert list(table) == [o.id for o in report.obligations]
    for o in report.obligations:
        assert table[o.id] == (
            label(o),
            o.status.value,
            shown(o),
            o.likelihood or "\u2013",
            o.confidence,
            o.schedule.value,
        ), o.id


def test_two_obligations_of_one_clause_are_told_apart_by_title(report):
    """Two rows of one clause (the two Part Three 3 rows) never read the same: their titles differ."""
    seen: dict[tuple[str, str], str] = {}
    for o in report.obligations:
        assert (o.clause, label(o)) not in seen, (o.id, seen.get((o.clause, label(o))))
        seen[(o.clause, label(o))] = o.id
