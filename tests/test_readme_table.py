"""The README's table of the shipped assessment is the scorer's output, not a hand-typed claim."""

from __future__ import annotations

from conftest import ROOT


def test_readme_table_matches_the_report(report):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The shipped assessment", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "`" in line]
    table = {r[1].strip("`"): (r[2], r[3], r[4], r[5]) for r in rows}
    assert list(table) == [o.id for o in report.obligations]
    for o in report.obligations:
        assert table[o.id] == (o.status.value, o.likelihood or "\u2013", o.confidence, o.schedule.value), o.id
