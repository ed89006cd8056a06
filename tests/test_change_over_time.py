"""scorecard diff and scorecard history, checked against independent score runs."""

from __future__ import annotations

import json
import shutil

from conftest import EVIDENCE, RULES
from typer.testing import CliRunner

from scorecard.cli import app

DATA = ["--rules", str(RULES), "--evidence", str(EVIDENCE)]
runner = CliRunner()


def ok(*args: str) -> str:
    r = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.stderr
    return r.stdout


def _score(as_of: str, evidence=EVIDENCE) -> dict:
    out = ok(
        "score", "--rules", str(RULES), "--evidence", str(evidence), "--as-of", as_of, "--format", "json"
    )
    return {o["id"]: o for o in json.loads(out)["obligations"]}


def _value(o: dict, field: str) -> str:
    return o[field] or ""


def test_diff_between_dates_lists_every_change_with_its_evidence():
    before, after = _score("2021-05-01"), _score("2021-09-01")
    found = json.loads(
        ok("diff", *DATA, "--previous", "2021-05-01", "--as-of", "2021-09-01", "--format", "json")
    )
    expected = {
        (i, f)
        for i in after
        for f in ("status", "likelihood", "confidence", "schedule")
        if _value(before[i], f) != _value(after[i], f)
    }
    listed = {(c["obligation"], f["field"]) for c in found["changes"] for f in c["changes"]}
    assert expected and listed == expected
    for c in found["changes"]:
        new = {e["id"] for e in after[c["obligation"]]["evidence"]} - {
            e["id"] for e in before[c["obligation"]]["evidence"]
        }
        assert set(c["evidence"]["new"]) == new
        for f in c["changes"]:
            assert f["after"] == _value(after[c["obligation"]], f["field"])


def test_diff_between_evidence_folders(tmp_path):
    older = tmp_path / "evidence"
    shutil.copytree(EVIDENCE, older)
    gone = sorted((older / "items").glob("firstpost*.yaml"))
    assert gone
    for f in gone:
        f.unlink()
    found = json.loads(
        ok("diff", *DATA, "--as-of", "2026-11-23", "--before-evidence", str(older), "--format", "json")
    )
    assert found["changes"]
    assert all(i.startswith("fp2024-") for c in found["changes"] for i in c["evidence"]["new"])
    assert all(not c["evidence"]["gone"] for c in found["changes"])
    assert all(any(c["evidence"].values()) for c in found["changes"]), "a change without its cause"
    table = ok("diff", *DATA, "--as-of", "2026-11-23", "--before-evidence", str(older))
    assert max(len(line) for line in table.splitlines()) <= 80


def test_diff_needs_something_to_compare():
    r = runner.invoke(app, ["diff", *DATA])
    assert r.exit_code == 2 and "--previous" in r.stderr


def test_history_matches_an_assessment_at_each_date():
    found = json.loads(
        ok("history", "part-two-3-not-host", *DATA, "--as-of", "2026-11-23", "--format", "json")
    )
    rows = found["history"]
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates) and dates[0] == "2020-02-29" and dates[-1] == "2026-11-23"
    statuses = {r["status"] for r in rows}
    assert len(statuses) > 1
    for r in rows[::3] + rows[-1:]:
        assert _score(r["date"])["part-two-3-not-host"]["status"] == r["status"], r["date"]
    assert any(r["changed"] for r in rows)
    assert sum(len(r["new_evidence"]) for r in rows) == len(
        _score("2026-11-23")["part-two-3-not-host"]["evidence"]
    )
