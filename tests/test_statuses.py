"""One table of statuses: its order is the scorer's precedence, and the README is written from it."""

from __future__ import annotations

from conftest import ROOT

from scorecard.results import Status
from scorecard.statuses import STATUSES, applies


def test_table_covers_every_status_in_precedence_order():
    assert [d.status for d in STATUSES] == list(Status)
    assert len({d.css for d in STATUSES}) == len({d.glyph for d in STATUSES}) == len(STATUSES)


def test_readme_precedence_list_is_the_table(project):
    th = project.policy.thresholds
    wanted = "\n".join(
        f"{n}. **{d.status.value}**: {applies(d, th.decisive, th.contested_ratio)}. *Why:* {d.why}."
        for n, d in enumerate(STATUSES, 1)
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert wanted in readme
