"""Bad input, one folder per case: a clear located message, exit 1, no traceback, nothing lost.

Each folder under tests/invalid/ holds only what differs from tests/fixtures/minimal/ (same
relative paths), plus:
  expected.txt  the problem lines `scorecard validate` prints on stderr, in printed order;
  args.txt      optional extra arguments (e.g. `--policy policy.yaml`);
  delete.txt    optional fixture files to remove, one path per line;
  mutate.py     optional `mutate(root)` for changes files cannot express (bytes, hashes, links);
  xfail.txt     optional: the case states wanted behaviour the code does not have yet (the reason).
The case runs in a temporary copy of the fixture, which is also the working directory, so the
printed paths start with `rules/mini/` or `evidence/`. `pytest --update-golden` rewrites each
expected.txt from the current output: review every changed line before committing it.
"""

from __future__ import annotations

import runpy
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli import app

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "minimal"
CASES = sorted(p for p in (HERE / "invalid").iterdir() if p.is_dir())
CONTROL_FILES = {"expected.txt", "args.txt", "delete.txt", "mutate.py", "xfail.txt"}
DATA_ARGS = ["--rules", "rules/mini", "--evidence", "evidence"]


def build_case(case: Path, root: Path) -> list[str]:
    """Copy the fixture to `root`, apply the case to it; return the case's extra CLI arguments."""
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    for src in sorted(case.rglob("*")):
        rel = src.relative_to(case)
        if src.is_file() and rel.as_posix() not in CONTROL_FILES and "__pycache__" not in rel.parts:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, root / rel)
    if (case / "delete.txt").is_file():
        for line in (case / "delete.txt").read_text().splitlines():
            if line.strip():
                (root / line.strip()).unlink()
    if (case / "mutate.py").is_file():
        runpy.run_path(str(case / "mutate.py"))["mutate"](root)
    args = case / "args.txt"
    return shlex.split(args.read_text()) if args.is_file() else []


def expected_lines(case: Path) -> list[str]:
    return [line for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines() if line]


def run(args: list[str]):
    """The CLI in-process; with this typer, stdout and stderr are captured apart."""
    return CliRunner().invoke(app, args)


def assert_no_traceback(result) -> None:
    """Exited on purpose: no exception escaped the command and nothing printed a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr


def test_fixture_is_valid(tmp_path, monkeypatch):
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    result = run(["validate", *DATA_ARGS])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("ok: 3 obligations, 2 sources, 3 origins, 4 evidence items")


def test_every_case_is_complete():
    assert len(CASES) >= 20
    for case in CASES:
        assert (case / "expected.txt").is_file(), f"{case.name} has no expected.txt"
        assert expected_lines(case), f"{case.name}: expected.txt is empty"


def _param(case: Path):
    xfail = case / "xfail.txt"
    marks = [pytest.mark.xfail(reason=xfail.read_text().strip(), strict=True)] if xfail.is_file() else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_invalid_input(case: Path, tmp_path, monkeypatch, request):
    extra = build_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run(["validate", *DATA_ARGS, *extra])
    assert_no_traceback(result)
    assert result.exit_code == 1, result.stderr
    if request.config.getoption("--update-golden", default=False) and not (case / "xfail.txt").is_file():
        (case / "expected.txt").write_text(
            "".join(f"{line}\n" for line in result.stderr.splitlines()[:-1]), encoding="utf-8"
        )
    expected = expected_lines(case)
    summary = f"scorecard: {len(expected)} problem(s) found; nothing was scored"
    assert result.stderr.splitlines() == [*expected, summary]
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_failing_score_keeps_existing_output(fmt, tmp_path, monkeypatch):
    build_case(HERE / "invalid" / "quote-not-verbatim", tmp_path)
    monkeypatch.chdir(tmp_path)
    before = b"an earlier scorecard\n\x00\xff kept byte for byte\n"
    (tmp_path / "existing.txt").write_bytes(before)
    result = run(["score", *DATA_ARGS, "--as-of", "2021-09-01", "--format", fmt, "-o", "existing.txt"])
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.endswith("nothing was scored\n") and result.stdout == ""
    assert (tmp_path / "existing.txt").read_bytes() == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".existing.txt")]  # no temporary left
