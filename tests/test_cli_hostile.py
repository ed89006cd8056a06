"""The CLI against hostile input and a hostile environment: odd file names, odd output targets,
broken pipes, full disks, closed streams, signals, narrow locales and markup in the data.

Each case states the exact exit code and message, that nothing printed a traceback, and that every
file that existed before is byte-identical afterwards. Cases about real stdout, pipes, signals and
locales run the installed `scorecard` in a subprocess; the others run in-process with CliRunner.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from typer.testing import CliRunner

from scorecard.cli import app

SCORECARD = str(Path(sys.executable).with_name("scorecard"))
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
MINI = ["--rules", "rules/mini", "--evidence", "evidence"]
AS_OF = "2026-11-23"
ESC_NAME = "a\nb\x1b]0;pwned\x07.yaml"


def mini(tmp_path: Path) -> Path:
    """A private copy of the minimal fixture (rules/mini and evidence/)."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    return root


def snapshot(*folders: Path) -> dict[Path, bytes]:
    """Every regular file under the folders, with its bytes (symlinks and devices are not followed)."""
    return {p: p.read_bytes() for f in folders for p in sorted(f.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def cli(*args: str, cwd: Path | None = None):
    """The CLI in-process, optionally from another working directory."""
    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(args))
    finally:
        os.chdir(here)


def proc(*args: str, cwd: Path | None = None, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """The installed `scorecard` in a real process; stdout and stderr as bytes."""
    return subprocess.run([SCORECARD, *args], cwd=cwd, capture_output=True, timeout=120,
                          env={**os.environ, **(env or {})}, **kw)


def no_traceback(*streams: str | bytes) -> None:
    text = "".join(s.decode("utf-8", "replace") if isinstance(s, bytes) else s for s in streams)
    assert "Traceback" not in text and "Exception ignored" not in text and "internal error" not in text


# --- control characters in messages -----------------------------------------------------------

def test_file_name_with_newline_and_escape_cannot_forge_lines_or_drive_the_terminal(tmp_path):
    root = mini(tmp_path)
    (root / "evidence" / "items" / ESC_NAME).write_text("a: [\n", encoding="utf-8")
    before = snapshot(root)
    r = proc("validate", *MINI, cwd=root)
    assert r.returncode == 1
    lines = r.stderr.decode().splitlines()
    assert lines == [
        r"evidence/items/a\nb\x1b]0;pwned\x07.yaml:2:1: YAML syntax: while parsing a flow node did not find "
        "expected node content",
        "scorecard: 1 problem(s) found; nothing was scored",
    ]
    assert b"\x1b" not in r.stderr and b"\x07" not in r.stderr and r.stdout == b""
    no_traceback(r.stderr)
    assert snapshot(root) == before


def test_unknown_id_with_controls_and_bidi_is_shown_escaped():
    r = cli("show", "x\x1b[2J\u202egnp.exe\r")
    assert r.exit_code == 2
    assert r.stderr.startswith(r"scorecard: unknown obligation 'x\x1b[2J\u202egnp.exe\r'")
    assert "\x1b" not in r.stderr and "\u202e" not in r.stderr and "\r" not in r.stderr
    assert r.stderr.count("\n") == 1
