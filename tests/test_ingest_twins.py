"""Obligations that state one duty in two clauses (`same_duty`): ingest suggests them together, beyond
its four clauses, and `validate` checks the names as it checks every other reference."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

WITHDRAWAL = (
    "The Taliban said Washington had breached the deal by keeping its troops in Afghanistan "
    "after the 1 May deadline for the full withdrawal of foreign forces."
)
SOIL = (
    "UN monitors said al-Qaeda fighters were using Afghan soil to plot attacks on the United States "
    "with the Taliban's knowledge."
)


def suggested(ctx, text: str) -> list[list[str]]:
    """The suggested clauses of each candidate of `text`, best first."""
    from scorecard.ingest.suggest import propose

    return [[s.clause for s in c.suggestions] for c in propose(text + "\n", ctx)]


@pytest.mark.parametrize(
    "text,pair",
    [(WITHDRAWAL, {"Part One", "Part One B(1)"}), (SOIL, {"Part Two", "Part Two 1"})],
)
def test_a_duty_stated_in_two_clauses_is_suggested_under_both(ctx, text, pair):
    (clauses,) = suggested(ctx, text)
    assert pair <= set(clauses), clauses
    assert len(clauses) == len(set(clauses))  # still one suggestion a clause


@pytest.mark.parametrize("text", [WITHDRAWAL, SOIL])
def test_a_twin_takes_no_clause_s_place(ctx, monkeypatch, text):
    """Declared on one side, read both ways; the four clauses the passage bears on most are still
    shown, and a twin among them frees its place for the next."""
    (plain,) = suggested(_without_twins(ctx, monkeypatch), text)
    monkeypatch.undo()
    (paired,) = suggested(ctx, text)
    assert len(plain) == 4 and set(plain) < set(paired)
    assert len(paired) == 5  # four clauses and one twin
    assert ctx.twins["part-one-b1-complete-withdrawal"] == {"part-one-full-withdrawal"}
    assert ctx.twins["part-one-full-withdrawal"] == {"part-one-b1-complete-withdrawal"}


def _without_twins(ctx, monkeypatch):
    monkeypatch.setattr(ctx, "twins", {})
    return ctx


def validate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", "validate"], cwd=root, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "name,message",
    [
        (
            "part-one-b1-complete-withdrawl",
            "unknown obligation 'part-one-b1-complete-withdrawl' (did you mean",
        ),
        ("part-one-full-withdrawal", "an obligation is not its own twin"),
        ("part-one-a2-five-bases", "is of the same clause"),
    ],
)
def test_a_twin_that_is_unknown_itself_or_of_its_own_clause_is_a_located_error(proj, name, message):
    path = proj / "rules" / "doha-2020" / "obligations" / "part-one-full-withdrawal.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("same_duty: [") + len("same_duty: [")
    if name == "part-one-a2-five-bases":  # make it share the clause first
        other = path.with_name("part-one-a2-five-bases.yaml")
        other.write_text(
            other.read_text("utf-8").replace("clause: Part One A(2)", "clause: Part One"), "utf-8"
        )
    path.write_text(text[:at] + name + text[text.index("]", at) :], encoding="utf-8")
    line = text[:at].count("\n") + 1
    r = validate(proj)
    assert r.returncode == 1, r.stderr
    assert f"rules/doha-2020/obligations/part-one-full-withdrawal.yaml:{line}:" in r.stderr, r.stderr
    assert message in r.stderr
    assert "Traceback" not in r.stderr
