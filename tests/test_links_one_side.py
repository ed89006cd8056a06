"""An evidence item counts on one side of an obligation, once; other combinations of links stay valid.

The refusals are tests/invalid/link-both-sides and link-repeated; this pins what stays allowed.
"""

from __future__ import annotations

import shutil

from test_invalid_inputs import DATA_ARGS, FIXTURE, assert_no_traceback, run


def test_one_stance_on_two_indicators_and_an_ambiguity_link_are_allowed(tmp_path, monkeypatch):
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    rule = tmp_path / "rules/mini/obligations/article-3-open-gate.yaml"
    rule.write_text(
        rule.read_text().replace(
            "      text: The east gate stays closed after the fence is removed.\n",
            "      text: The east gate stays closed after the fence is removed.\n"
            "    - id: gate-locked\n      text: The east gate is locked.\n",
        )
    )
    items = tmp_path / "evidence/items/council-statement.yaml"
    link = "      indicator: gate-closed\n      extent: partial\n"
    assert link in items.read_text()
    items.write_text(
        items.read_text().replace(
            link,
            link
            + (
                "    - obligation: article-3-open-gate\n      stance: breach\n      indicator: gate-locked\n"
                "    - obligation: article-3-open-gate\n      stance: ambiguity\n"
                "    - obligation: article-3-open-gate\n      stance: context\n"
            ),
        )
    )
    result = run(["validate", *DATA_ARGS])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
