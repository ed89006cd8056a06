"""Load and check in one call: the entry point for the CLI, tests and other tools."""

from __future__ import annotations

from pathlib import Path

from scorecard.errors import Problem
from scorecard.integrity import check_project
from scorecard.load import Project, load_project


def load_and_check(
    rules: Path, evidence: Path, policy: Path | None = None
) -> tuple[Project, list[Problem]]:
    """Every problem in the rules, evidence and policy, sorted; the project as far as it loaded."""
    project, problems = load_project(Path(rules), Path(evidence), Path(policy) if policy else None)
    found, spans = check_project(project)
    project.spans = spans
    return project, sorted(set(problems + found))
