"""Dates at the edge of the calendar: data up to the latest supported date scores and renders;
later dates are located problems (exit 1), never a crash in the report's date arithmetic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_invalid_inputs import DATA_ARGS, FIXTURE, HERE, assert_no_traceback, build_case, run

from scorecard.dates import compute_deadline
from scorecard.model import LATEST


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def at_the_edge(tmp_path, monkeypatch):
    """The minimal fixture with a deadline, an event and an event date on the latest supported day."""
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    rule = tmp_path / "rules/mini/obligations/article-1-remove-fence.yaml"
    _edit(rule, "date: 2021-05-30", "date: 2999-12-31")
    _edit(rule, "from_date: 2021-03-01", "from_date: 2999-10-02")
    return tmp_path


def test_latest_supported_day_is_the_documented_one():
    assert LATEST.isoformat() == "2999-12-31"
    assert (
        compute_deadline(LATEST, 20_000, 600).year < 9999
    )  # the largest step a rule may take stays in range


@pytest.mark.parametrize("as_of", ["2022-01-01", "2999-12-31", "9999-12-31"])
def test_data_on_the_latest_day_scores_and_renders(at_the_edge, as_of):
    for args in (["score"], ["score", "--format", "json"], ["report", "--html", "-o", "out.html"]):
        result = run([*args, *DATA_ARGS, "--as-of", as_of])
        assert_no_traceback(result)
        assert result.exit_code == 0, result.stderr
    assert (at_the_edge / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_signature_on_the_latest_day_renders(at_the_edge):
    _edit(at_the_edge / "rules/mini/agreement.yaml", "signed: 2021-03-01", "signed: 2999-12-31")
    result = run(
        [
            "report",
            "--html",
            "-o",
            "out.html",
            *DATA_ARGS,
            "--as-of",
            "9999-12-31",
            "--previous",
            "9999-12-30",
        ]
    )
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("args", [["score"], ["report", "--html", "-o", "out.html"]])
def test_dates_in_year_9999_are_refused_not_crashed_on(args, tmp_path, monkeypatch):
    build_case(HERE / "invalid" / "date-after-latest", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run([*args, *DATA_ARGS, "--as-of", "2022-01-01"])
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert "rules/mini/agreement.yaml:4:9: signed: dates after 2999-12-31 are not supported" in result.stderr
    assert not (tmp_path / "out.html").exists()


def test_deadline_rule_reaching_past_the_latest_day_is_a_mismatch_not_a_crash(at_the_edge):
    rule = at_the_edge / "rules/mini/obligations/article-1-remove-fence.yaml"
    _edit(rule, "from_date: 2999-10-02", "from_date: 2999-12-31")
    _edit(rule, "add_days: 90", "add_days: 20000\n  add_months: 600")
    result = run(["validate", *DATA_ARGS])
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert "plus 600 month(s) and 20000 day(s) is 3104-" in result.stderr
