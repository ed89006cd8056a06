"""`make report` installs what the report needs and nothing else: no test tools, at most 250 MiB.

Runs the Makefile's own recipe in a copy of the project's package files (so the checkout's
environments are untouched), with the same lock and the same uv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow
TEST_TOOLS = ("pytest", "hypothesis", "playwright", "trestle", "ruff", "mypy", "xdist", "jsonschema")


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_make_report_installs_only_what_the_report_needs(tmp_path):
    if shutil.which("make") is None or not (ROOT / ".tools" / "bin" / "uv").exists():
        pytest.skip("needs make and the pinned uv in .tools (any make target installs it)")
    for name in ("Makefile", "pyproject.toml", "uv.lock", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "scorecard", tmp_path / "scorecard", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    shutil.copytree(ROOT / ".tools", tmp_path / ".tools", symlinks=True)
    (tmp_path / ".tools" / "bin" / "uv").touch()  # newer than requirements/uv.txt: no reinstall
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_"))}
    done = subprocess.run(
        ["make", "--no-print-directory", ".venv-report/.installed"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    venv = tmp_path / ".venv-report"
    site = next(venv.glob("lib/python3*/site-packages"))
    names = {p.name.lower() for p in site.iterdir()}
    assert not [n for n in names for tool in TEST_TOOLS if n.startswith(tool)], sorted(names)
    assert "weasyprint" in names and "scorecard-0.1.0.dist-info" in names
    assert _size(venv) <= 250 * 2**20, f"{_size(venv) / 2**20:.0f} MiB"
    assert not (tmp_path / ".venv").exists()
    version = subprocess.run(
        [str(venv / "bin" / "scorecard"), "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0, version.stderr
