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

import pytest
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


# --- dates in arguments and the environment ---------------------------------------------------

@pytest.mark.parametrize("value", ["20210501", "2021-W01-1", "2021-05-01T00:00", "2021-5-1", "２０２１-05-01",
                                   " 2021-05-01", "2021-05-01\n"])
@pytest.mark.parametrize("option", ["--as-of", "--previous"])
def test_only_yyyy_mm_dd_is_a_date(option, value):
    r = cli("score", option, value)
    assert r.exit_code == 2
    assert "is not a date: write YYYY-MM-DD, e.g. 2021-05-01" in r.stderr and r.stdout == ""
    no_traceback(r.stderr)


@pytest.mark.parametrize("value,needle", [
    ("abc", "is not a whole number of seconds"),
    ("-1", "is not a whole number of seconds"),
    ("1.5", "is not a whole number of seconds"),
    ("\u00b2", "is not a whole number of seconds"),
    ("99999999999999999999", "is after 9999-12-31"),
    ("253402300800", "is after 9999-12-31"),
])
@pytest.mark.parametrize("html", [False, True])
def test_malformed_source_date_epoch_is_a_usage_error(tmp_path, monkeypatch, value, needle, html):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    target = tmp_path / ("out.html" if html else "out.pdf")
    target.write_bytes(b"precious")
    r = cli("report", "--as-of", AS_OF, *(["--html"] if html else []), "-o", str(target))
    assert r.exit_code == 2
    assert r.stderr == f"scorecard: SOURCE_DATE_EPOCH={value!r} {needle}" + r.stderr.split(needle, 1)[1]
    assert "unset it or fix it" in r.stderr
    no_traceback(r.stderr)
    assert target.read_bytes() == b"precious" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_source_date_epoch_empty_means_unset_and_the_last_second_is_accepted():
    from scorecard.render.epoch import LATEST, source_date_epoch

    assert source_date_epoch({"SOURCE_DATE_EPOCH": ""}) is None
    assert source_date_epoch({}) is None
    assert source_date_epoch({"SOURCE_DATE_EPOCH": str(LATEST)}) == LATEST == 253402300799


# --- markup in the data, rendered as Markdown -------------------------------------------------

HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
           "![i](http://127.0.0.1/t.png) <javascript:alert(4)> `code` *em* __strong__ ~~gone~~ $x$ "
           "a|b c\\d &amp; # h")


def hostile_data(tmp_path: Path) -> Path:
    """The minimal fixture with markup in an agreement title, a source title and an evidence claim."""
    import yaml

    root = mini(tmp_path)
    for rel, edit in [("rules/mini/agreement.yaml", lambda d: d.update(title=HOSTILE)),
                      ("evidence/sources.yaml", lambda d: d[0].update(title=HOSTILE, publisher=HOSTILE)),
                      ("evidence/items/valley-news.yaml", lambda d: d[0].update(claim=HOSTILE))]:
        path = root / rel
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.mark.parametrize("command", ["score", "sources", "evidence"])
def test_markdown_shows_markup_from_the_data_as_text(tmp_path, command):
    markdown_it = pytest.importorskip("markdown_it")
    root = hostile_data(tmp_path)
    r = cli(command, *MINI, "--as-of", AS_OF, "--format", "markdown", cwd=root)
    assert r.exit_code == 0, r.stderr
    page = markdown_it.MarkdownIt("commonmark").enable("table").render(r.stdout)
    for tag in ("<script", "<img", "<a ", "<code", "<em", "<strong", "<s>", "<h3", "<br"):
        assert tag not in page, tag
    text = page.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert HOSTILE in text  # every character shown, in order
    rows = r.stdout.splitlines()
    assert all(line.startswith("|") for line in rows[2:]) and len(rows) == 2 + len(rows[2:])
    if command == "score":
        assert rows[0] == "## " + r"&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; " \
            r"\[click\](javascript:alert(3)) !\[i\](http://127.0.0.1/t.png) &lt;javascript:alert(4)&gt; \`code\` " \
            r"\*em\* \_\_strong\_\_ \~\~gone\~\~ \$x\$ a\|b c\\d &amp;amp; \# h" \
            ": compliance as of 2026-11-23"


def test_markdown_cell_is_one_line_whatever_breaks_it_holds():
    from scorecard.render.tabular import render_markdown
    from scorecard.views import Table

    out = render_markdown(Table("t\nx", ["a", "b"], [["one\ntwo\r\nthree\rfour", "five\u2028six\x85seven\x0beight"]]))
    lines = out.splitlines()  # str.splitlines also breaks at \x85, \u2028, \v...
    assert len(lines) == 5 and lines[0] == "## t x"
    assert " ".join(lines[4].split()) == "| one two three four | five six seven eight |"
