"""Five mistakes planted in a copy of the shipped data, several in the same item and source, all
reported in one run: a schema error in one entry hides no other problem of it or of others."""

from __future__ import annotations

import re
import shutil

from typer.testing import CliRunner

from scorecard.cli import app
from tests.conftest import EVIDENCE, RULES


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_five_planted_mistakes_come_out_in_one_run(tmp_path, monkeypatch):
    shutil.copytree(RULES, tmp_path / "rules" / "doha-2020")
    shutil.copytree(EVIDENCE, tmp_path / "evidence")
    items, sources = tmp_path / "evidence" / "items", tmp_path / "evidence" / "sources.yaml"
    swj = items / "swj-2018-taliban-unmasked.yaml"
    # 1 and 3: a stance typo and a quote not in the source, in the same item
    _edit(
        swj,
        "      stance: context\n      note: Pre-signature; 000 repeats",
        "      stance: contxt\n      note: Pre-signature; 000 repeats",
    )
    _edit(swj, "has sent delegations to mediate", "has sent delegatoins to mediate")
    # 2 and 5: a plain date where `published` takes a mapping, and a changed sha256, in that item's source
    _edit(
        sources,
        "  published:\n    date: 2018-11-28\n"
        '    reason: Date line of the article ("Wed, 11/28/2018 - 12:13pm").\n',
        "  published: 2018-11-28\n",
    )
    _edit(
        sources,
        "sha256: 9136177ea79f5066ae9ccba0ae26663e73109e576b5f03cb4ed9f56eb39c12e1",
        "sha256: 9136177ea79f5066ae9ccba0ae26663e73109e576b5f03cb4ed9f56eb39c12e0",
    )
    # 4: an event date after its source's publication (2020-11-23)
    passage = "enhances\n    Taliban’s mobility and ability to operate outside Afghanistan.\n"
    _edit(items / "aqis-2020-taliban-aqis-cooperation.yaml", passage, passage + "  event_date: 2021-01\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--rules", "rules/doha-2020", "--evidence", "evidence"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "scorecard: 5 problem(s) found; nothing was scored", result.stderr
    wanted = [
        r"aqis-2020-taliban-aqis-cooperation.yaml:\d+:15: event date 2021-01 is after its source's publication",
        r"swj-2018-taliban-unmasked.yaml:\d+:10: quote not found verbatim in 004_241c68e63ef27f7a.txt",
        r"swj-2018-taliban-unmasked.yaml:\d+:15: links.0.stance: Input should be",
        r"sources.yaml:\d+:14: published: expects a mapping",
        r"sources.yaml:\d+:11: source file evidence/documents/004_241c68e63ef27f7a.txt has changed",
    ]
    assert all(re.search(w, line) for w, line in zip(wanted, lines, strict=False)), result.stderr
    assert "write `published: {date: 2018-11-28}`" in result.stderr
