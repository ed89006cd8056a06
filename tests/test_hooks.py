"""The pre-commit hook other repositories use runs `scorecard validate` and fails on bad data."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

BIN = Path(sys.executable).parent


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == "scorecard-validate")


def test_hook_validates_a_data_repository(tmp_path):
    hook = _hook()
    import re

    assert hook["pass_filenames"] is False
    assert all(re.search(hook["files"], f) for f in ("rules/x/agreement.yaml", "evidence/items/a.yaml"))
    # validate with no arguments does not read ./policy.yaml, so the hook does not fire on it
    assert not re.search(hook["files"], "policy.yaml")
    assert not re.search(hook["files"], "scorecard/cli/app.py")
    repo = tmp_path / "analysts"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", repo)
    command = [
        str(BIN / shlex.split(hook["entry"])[0]),
        *shlex.split(hook["entry"])[1:],
        "--rules",
        "rules/mini",
    ]
    assert subprocess.run(command, cwd=repo, capture_output=True, timeout=120).returncode == 0
    (repo / "evidence" / "origins.yaml").write_text("- id: [\n", encoding="utf-8")
    failed = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1 and "evidence/origins.yaml:" in failed.stderr
