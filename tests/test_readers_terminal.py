"""What a reader at a terminal sees: tables that fit, options that do what they say."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import EVIDENCE, RULES
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorecard.cli import app

DATA = ["--rules", str(RULES), "--evidence", str(EVIDENCE), "--as-of", "2026-11-23"]
LISTS = [
    ["score"],
    ["rules"],
    ["sources"],
    ["evidence"],
    ["show", "part-two-3-prevent-recruiting-training-fundraising"],
    ["show", "part-one-full-withdrawal", "--previous", "2021-05-01"],
    ["score", "--previous", "2021-05-01"],
]
runner = CliRunner()


def run(*args: str, columns: int = 80):
    args = [a for a in args]
    if args[0] == "rules":
        args += ["--rules", str(RULES), "--evidence", str(EVIDENCE)]
    else:
        args += DATA
    return runner.invoke(app, args, env={"COLUMNS": str(columns)})


def ok(*args: str, columns: int = 80) -> str:
    r = run(*args, columns=columns)
    assert r.exit_code == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
@pytest.mark.parametrize("command", LISTS, ids=lambda c: " ".join(c))
def test_every_line_fits_the_terminal(command, columns):
    lines = ok(*command, columns=columns).splitlines()
    assert max(map(len, lines)) <= columns, max(lines, key=len)


@pytest.mark.parametrize("command", LISTS[:4], ids=lambda c: c[0])
def test_narrow_terminal_is_treated_as_80(command):
    lines = ok(*command, columns=30).splitlines()
    assert max(map(len, lines)) <= 80
    assert max(map(len, lines)) > 40


def _ids(command: str) -> set[str]:
    return {row[0] for row in csv.reader(io.StringIO(ok(command, "--format", "csv")))} - {
        "obligation",
        "source",
        "evidence",
    }


@pytest.mark.parametrize("command", ["score", "rules", "sources", "evidence"])
def test_ids_are_never_broken(command):
    text = ok(command)
    words = set(re.findall(r"[a-z0-9][a-z0-9-]*[a-z0-9]", text))
    for i in _ids(command):
        assert i in words, f"{i} is not whole in the {command} table"
    for line in text.splitlines():
        assert not re.search(r"[a-z0-9]-$", line), f"a line ends at a hyphen: {line!r}"


def test_wide_puts_each_row_on_one_line():
    text = ok("score", "--wide")
    rows = [line for line in text.splitlines() if re.match(r"[a-z]", line)]
    assert {r.split()[0] for r in rows} >= _ids("score")
    assert max(map(len, text.splitlines())) > 120


def _csv(*args: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(ok(*args, "--format", "csv"))))


def test_previous_shows_in_every_format():
    args = ("score", "--as-of", "2021-09-01", "--previous", "2021-05-01")
    report = json.loads(ok(*args, "--format", "json"))
    changed = {o["id"]: o["previous_status"] for o in report["obligations"] if not o["remains"]}
    kept = {o["id"] for o in report["obligations"] if o["remains"]}
    assert changed and kept
    rows = {r["obligation"]: r for r in _csv(*args)}
    for oid, was in changed.items():
        assert rows[oid]["since_previous"] == f"was {was}" and rows[oid]["previous_status"] == was
    assert all(rows[oid]["since_previous"] == "remains" for oid in kept)
    md = ok(*args, "--format", "markdown")
    table = ok(*args, "--wide")
    for oid, was in changed.items():
        md_row = next(line for line in md.splitlines() if line.startswith(f"| {oid} "))
        assert f"was {was}" in md_row
        assert f"(was {was})" in next(line for line in table.splitlines() if line.startswith(oid + " "))
    assert "(remains)" in ok(*args)


def test_show_honours_every_format():
    outs = {f: ok("show", "part-two-3-not-host", "--format", f) for f in ("table", "json", "markdown", "csv")}
    assert len(set(outs.values())) == 4
    assert json.loads(outs["json"])["id"] == "part-two-3-not-host"
    assert outs["markdown"].startswith("## Part Two 3") and "\n### Evidence (" in outs["markdown"]
    rows = list(csv.DictReader(io.StringIO(outs["csv"])))
    assert [r["evidence"] for r in rows] == [e["id"] for e in json.loads(outs["json"])["evidence"]]


@pytest.mark.parametrize("command", ["score", "rules", "evidence"])
@pytest.mark.parametrize(
    "names",
    [
        ("us", "US", "United States", "united states", "UNITED STATES OF AMERICA"),
        ("taliban", "Taliban", "TALIBAN"),
    ],
)
def test_party_by_id_name_or_short_name(command, names):
    results = {n: ok(command, "--party", n, "--format", "csv") for n in names}
    assert len(set(results.values())) == 1
    everything = ok(command, "--format", "csv")
    assert len(results[names[0]].splitlines()) < len(everything.splitlines())


def test_unknown_party_suggests():
    r = run("score", "--party", "talibn")
    assert r.exit_code == 2 and "did you mean 'taliban'" in r.stderr


def test_show_finds_by_clause_and_any_case():
    by_id = ok("show", "part-two-5-no-travel-documents", "--format", "json")
    assert ok("show", "part two 5", "--format", "json") == by_id
    assert ok("show", "PART-TWO-5-NO-TRAVEL-DOCUMENTS", "--format", "json") == by_id
    r = run("show", "Part Two 3")
    assert r.exit_code == 2 and "part-two-3-not-host" in r.stderr and "part-two-3-prevent-threats" in r.stderr
    r = run("show", "Part Two 6")
    assert r.exit_code == 2 and "did you mean 'Part Two" in r.stderr


def test_sources_as_of_filters_by_publication():
    every = json.loads(ok("sources", "--format", "json"))
    early = runner.invoke(
        app,
        [
            "sources",
            "--rules",
            str(RULES),
            "--evidence",
            str(EVIDENCE),
            "--as-of",
            "2020-01-01",
            "--format",
            "json",
        ],
    )
    shown = json.loads(early.stdout)
    assert 0 < len(shown) < len(every)
    assert all(s["published"] <= "2020-01-01" for s in shown)


@pytest.mark.parametrize("command", ["score", "show", "rules", "sources", "evidence"])
def test_format_suggests(command):
    args = [command] + (["part-two-3-not-host"] if command == "show" else []) + ["--format", "jsn"]
    r = runner.invoke(app, args)
    assert r.exit_code == 2 and "did you mean 'json'" in r.stderr


@pytest.mark.parametrize("command", ["score", "rules", "sources", "evidence"])
def test_csv_is_for_spreadsheets(command):
    text = ok(command, "--format", "csv")
    head, *rows = list(csv.reader(io.StringIO(text)))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", h) for h in head), head
    cells = [c for row in rows for c in row]
    assert "-" not in cells
    assert not [c for c in cells if re.fullmatch(r"\d+/\d+", c)]


@given(
    st.lists(st.text(alphabet="ab/-. ", min_size=1, max_size=120), min_size=1, max_size=6).map(" ".join),
    st.integers(1, 100),
)
def test_a_title_never_runs_past_the_width_and_keeps_every_character(title, width):
    from scorecard.render.fit import wrap_title

    lines = wrap_title(title, width)
    assert all(len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(title.split())


def test_a_long_path_in_a_title_breaks_after_a_slash():
    from scorecard.render.fit import wrap_title

    path = "/tmp/" + "/".join(["folder-with-a-long-name"] * 5) + "/evidence"
    lines = wrap_title(f"Changes from {path} to the current data", 80)
    assert max(map(len, lines)) <= 80
    assert lines[0] == "Changes from" and lines[1].endswith("/")
    assert "".join(lines) == f"Changes from{path} to the current data"  # no space put into the path
