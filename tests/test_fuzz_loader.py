"""Fuzzing the loader: whatever is done to the fixture's YAML files, `validate` reports problems
(exit 1) or passes (exit 0); it never fails with an internal error (70) nor shows a traceback.

Bounded to about ten seconds: the fixture is copied once and each example rewrites one file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.load import DEFAULT_POLICY

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
FILES = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*.yaml")) + ["policy.yaml"]
SNIPPETS = [
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!str ",
    "!!null ",
    "!!binary ",
    "!!timestamp ",
    "!!set ",
    "!!omap ",
    "!!python/object/apply:os.system ",
    "!local ",
    "! ",
    "&a ",
    "*a",
    "*b",
    "<<: *a\n",
    "[",
    "]",
    "{",
    "}",
    "- ",
    ": ",
    "? ",
    ",",
    "|\n",
    ">-\n",
    "'",
    '"',
    "#",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "0x_",
    "-0x_",
    "0b_",
    "0o7",
    "1:0:0",
    "1_000",
    ".inf",
    ".nan",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "2021-02-30",
    "9999-12-31",
    "0000-01-01",
    "9" * 4301,
    "1" + ":0" * 2000,
    "[" * 100,
    "[" * 1200,
    "{a: " * 80,
    "- " * 80,
    "links[0]: x\n",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x85",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\ud7ff",
    "é",
    "\U0001f600",
    "=",
    "<<",
    "@",
    "`",
    "%",
    "\\",
    "\\x07",
]
_CHAR = st.characters(codec="utf-8") | st.sampled_from("[]{}:-?,&*!|>'\"#%@`\t\r\n \x00\x07\x85")


def _edits():
    position = st.floats(0, 1)
    insert = st.tuples(st.just("insert"), position, st.sampled_from(SNIPPETS) | st.text(_CHAR, max_size=5))
    replace = st.tuples(st.just("replace"), position, st.text(_CHAR, min_size=1, max_size=3))
    delete = st.tuples(st.just("delete"), position, st.integers(1, 40))
    raw = st.tuples(st.just("bytes"), position, st.binary(min_size=1, max_size=3))
    return st.lists(st.one_of(insert, replace, delete, raw), min_size=1, max_size=4)


def _apply(data: bytes, edits) -> bytes:
    for kind, where, what in edits:
        i = int(where * len(data))
        if kind == "insert":
            data = data[:i] + what.encode("utf-8", "surrogatepass") + data[i:]
        elif kind == "replace":
            data = data[:i] + what.encode("utf-8", "surrogatepass") + data[i + 1 :]
        elif kind == "delete":
            data = data[:i] + data[i + what :]
        else:
            data = data[:i] + what + data[i:]
    return data


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    shutil.copyfile(DEFAULT_POLICY, root / "policy.yaml")
    return root


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.sampled_from(FILES), edits=_edits())
def test_validate_never_fails_internally(workdir, monkeypatch, name, edits):
    monkeypatch.chdir(workdir)
    path = workdir / name
    original = path.read_bytes()
    try:
        path.write_bytes(_apply(original, edits))
        result = CliRunner().invoke(
            app, ["validate", "--rules", "rules/mini", "--evidence", "evidence", "--policy", "policy.yaml"]
        )
    finally:
        path.write_bytes(original)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 1:
        assert all(line.count(":") >= 3 for line in result.stderr.splitlines()[:-1]), result.stderr
