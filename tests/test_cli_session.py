"""The shared options live in one invocation's Session: nothing carries over to the next call in
the same process (tests, a library user running the CLI twice)."""

from __future__ import annotations

from typer.testing import CliRunner

from scorecard.cli import app
from tests.conftest import EVIDENCE, RULES

DATA = ["--rules", str(RULES), "--evidence", str(EVIDENCE)]


def test_no_cache_and_quiet_do_not_outlive_their_invocation(tmp_path, monkeypatch):
    monkeypatch.setenv("SCORECARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SCORECARD_NO_CACHE", raising=False)
    runner = CliRunner()
    first = runner.invoke(app, ["--no-cache", "-q", "score", *DATA, "-o", str(tmp_path / "a.txt")])
    assert first.exit_code == 0, first.output
    assert not (tmp_path / "cache").exists()
    assert "wrote" not in first.stderr
    second = runner.invoke(app, ["score", *DATA, "-o", str(tmp_path / "b.txt")])
    assert second.exit_code == 0, second.output
    assert list((tmp_path / "cache").rglob("*.pickle"))  # the cache is used again
    assert "wrote" in second.stderr  # and notes are shown again
