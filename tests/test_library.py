"""The library's front door: the README example runs, names load lazily, the CLI conventions hold."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT


def test_readme_python_example_runs(capsys, monkeypatch):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## Python API.*?```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    from scorecard.results import Schedule, Status

    out = capsys.readouterr().out.strip()
    status = next(s for s in Status if out.startswith(s.value))
    assert any(s.value in out[len(status.value) :] for s in Schedule)
    assert out.split()[-1] in ("low", "moderate", "high")


def test_every_exported_name_resolves():
    import scorecard

    for name in scorecard.__all__:
        assert getattr(scorecard, name) is not None, name
    with pytest.raises(AttributeError):
        scorecard.no_such_name  # noqa: B018


def test_invalid_data_lists_every_problem(tmp_path):
    import shutil

    import scorecard

    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", tmp_path, dirs_exist_ok=True)
    (tmp_path / "evidence" / "origins.yaml").write_text("- id: [\n", encoding="utf-8")
    with pytest.raises(scorecard.InvalidData) as caught:
        scorecard.load_valid(tmp_path / "rules" / "mini", tmp_path / "evidence")
    assert caught.value.problems and all(
        p.path.endswith("origins.yaml") or p.path for p in caught.value.problems
    )


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run(
        [sys.executable, "-m", "scorecard", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_python_m_scorecard_and_version():
    import scorecard

    done = _cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"scorecard {scorecard.__version__}"


def test_dash_output_is_stdout_and_quiet_silences_notes(tmp_path):
    done = _cli("score", "--as-of", "2026-11-23", "-f", "csv", "-o", "-")
    assert done.returncode == 0 and done.stdout.startswith("obligation") and not (ROOT / "-").exists()
    out = tmp_path / "s.csv"
    loud = _cli("score", "--as-of", "2026-11-23", "-f", "csv", "-o", str(out))
    quiet = _cli("--quiet", "score", "--as-of", "2026-11-23", "-f", "csv", "-o", str(out))
    assert loud.stderr.startswith("wrote ") and quiet.returncode == 0 and quiet.stderr == ""


def test_help_shows_date_metavars_and_completion():
    done = _cli("score", "--help")
    assert "--as-of YYYY-MM-DD" in done.stdout and "<str>" not in done.stdout
    assert "--install-completion" in _cli("--help").stdout
