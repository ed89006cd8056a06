"""Which files are read: regular files inside the data folders, within the size limits."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from scorecard import files, load
from scorecard.pipeline import load_and_check

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture
def data(tmp_path, monkeypatch):
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _problems(root):
    return [str(p) for p in load_and_check(Path("rules/mini"), Path("evidence"))[1]]


def test_symbolic_links_that_stay_inside_the_data_folder_are_read(data):
    items = data / "evidence" / "items"
    (data / "evidence" / "kept").mkdir()
    (items / "valley-news.yaml").rename(data / "evidence" / "kept" / "valley-news.yaml")
    os.symlink(os.path.join("..", "kept", "valley-news.yaml"), items / "valley-news.yaml")
    project, problems = load_and_check(Path("rules/mini"), Path("evidence"))
    assert not problems and "fence-taken-down" in project.items


def test_an_unreadable_folder_is_a_problem(data, monkeypatch):
    real = os.scandir

    def scandir(path):
        if Path(path).name == "items":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(load.os, "scandir", scandir)
    assert _problems(data) == ["evidence/items:1:1: cannot read folder: Permission denied"]


def test_an_empty_items_folder_is_allowed(data):
    for path in (data / "evidence" / "items").iterdir():
        path.unlink()
    assert _problems(data) == []


def test_never_more_than_the_limit_is_read(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 100)
    assert files.read_regular(path, 100, "a file") == b"x" * 100
    with pytest.raises(files.Refused, match="may be at most"):
        files.read_regular(path, 99, "a file")


def test_limits_are_the_documented_ones():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for what, limit in files.LIMITS.items():
        assert f"{what}: at most {limit // files.MiB} MiB" in readme, what
