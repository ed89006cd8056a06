"""`report` says what it is doing on a terminal, and nothing on a pipe."""

from __future__ import annotations

import io

from conftest import EVIDENCE, RULES
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.progress import Progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_stages_and_pages_on_a_terminal(monkeypatch):
    err = Tty()
    monkeypatch.setattr("sys.stderr", err)
    ticks = iter(range(100))
    p = Progress.for_stderr()
    p.clock = lambda: next(ticks)
    p.stage("laying out pages")
    p.pages(95)
    p.done()
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("scorecard: laying out pages")
    assert "95 pages laid out" in lines[1] and lines[2].startswith("scorecard: done in")


def test_nothing_on_a_pipe(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    p = Progress.for_stderr()
    p.stage("x")
    p.pages(3)
    p.done()
    assert err.getvalue() == ""


def test_report_is_quiet_when_stderr_is_not_a_terminal(tmp_path):
    out = tmp_path / "s.html"
    r = CliRunner().invoke(
        app,
        [
            "report",
            "--html",
            "--rules",
            str(RULES),
            "--evidence",
            str(EVIDENCE),
            "--as-of",
            "2026-11-23",
            "-o",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.stderr
    assert r.stderr == f"wrote {out}\n"
    assert out.read_text().startswith("<!DOCTYPE html>")
