"""Ingest → review → score end to end: from a review file, and from the terminal prompt fed line by line."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_ingest import ARTICLE, DATA, run, snapshot

from scorecard.ingest.progress import Progress

STATUS = "part-two-5-no-travel-documents"


def _status(obligation: str = STATUS) -> str:
    r = run("score", *DATA, "--as-of", "2026-11-23", "--format", "json")
    assert r.exit_code == 0, r.stderr
    return next(o["status"] for o in json.loads(r.stdout)["obligations"] if o["id"] == obligation)


def _ingested(proj: Path) -> Path:
    page = proj / "inbox" / "article.html"
    page.write_text(ARTICLE, encoding="utf-8")
    r = run("ingest", str(page), *DATA)
    assert r.exit_code == 0, r.stderr
    reviews = sorted((proj / "evidence" / "review").glob("*.yaml"))
    assert len(reviews) == 1 and "wrote evidence/review/" in r.stderr
    return reviews[0]


def _edit(review: Path, grade: str | None = "B", **decisions) -> dict:
    """Set the source's grade and decisions for candidates whose quote holds a key phrase."""
    data = yaml.safe_load(review.read_text("utf-8"))
    if grade:
        data["source"]["reliability"] = {"grade": grade, "reason": "Established outlet citing UN monitors."}
    for phrase, change in decisions.items():
        c = next(c for c in data["candidates"] if phrase.replace("_", " ") in c["quote"])
        c.update(change)
    review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


def test_ingest_keeps_original_and_text_with_hashes(proj):
    review = _ingested(proj)
    data = yaml.safe_load(review.read_text("utf-8"))
    src = data["source"]
    assert src["reliability"]["grade"] is None  # the analyst must grade it
    assert src["title"].startswith("Taliban issued passports") and src["publisher"] == "Example News"
    assert src["published"] == {"date": "2022-07-15", "inferred": False}
    original = proj / "evidence" / src["original"]["file"]
    assert original.read_text("utf-8") == ARTICLE
    import hashlib

    text = (proj / "evidence" / src["file"]).read_bytes()
    assert hashlib.sha256(text).hexdigest() == src["sha256"]
    assert all(c["decision"] == "pending" for c in data["candidates"])


def test_review_file_applied_changes_the_status_and_is_audited(proj):
    assert _status() == "insufficient evidence"
    review = _ingested(proj)
    _edit(
        review,
        passports_from_the_Taliban={"decision": "accept", "credibility": 2},
        Diplomats_said={"decision": "reject", "justification": "Speculation about talks, not evidence."},
    )
    r = run("review", str(review), *DATA, "--apply", "--reviewer", "Ana Analyst")
    assert r.exit_code == 0, r.stderr
    assert "1 evidence item(s)" in r.stderr
    assert run("validate", *DATA).exit_code == 0
    assert _status() == "not compliant"
    log = [json.loads(x) for x in (proj / "evidence" / "audit.log").read_text().splitlines()]
    assert {x["decision"] for x in log} == {"accept", "reject"}
    assert all(x["reviewer"] == "Ana Analyst" and x["time"].endswith("Z") for x in log)
    reject = next(x for x in log if x["decision"] == "reject")
    assert reject["justification"].startswith("Speculation")
    item = yaml.safe_load(next((proj / "evidence" / "items").glob("example-news-*.yaml")).read_text())[0]
    assert item["links"] == [
        {"obligation": STATUS, "stance": "breach", "indicator": "passports-issued-to-threatening-persons"}
    ]
    assert yaml.safe_load(review.read_text())["applied"] is True


def test_a_failing_review_writes_nothing(proj):
    review = _ingested(proj)
    _edit(
        review, passports_from_the_Taliban={"decision": "accept", "obligation": "part-two-5-no-travel-docs"}
    )
    before = snapshot(proj / "evidence")
    r = run("review", str(review), *DATA, "--apply", "--reviewer", "ana")
    assert r.exit_code == 1 and "unknown obligation 'part-two-5-no-travel-docs'" in r.stderr
    assert "did you mean 'part-two-5-no-travel-documents'" in r.stderr and "nothing was applied" in r.stderr
    assert snapshot(proj / "evidence") == before


def test_a_bad_event_date_is_caught_by_the_same_check_as_validate(proj):
    review = _ingested(proj)
    _edit(review, passports_from_the_Taliban={"decision": "accept", "event_date": "2031-01"})
    before = snapshot(proj / "evidence")
    r = run("review", str(review), *DATA, "--apply", "--reviewer", "ana")
    assert r.exit_code == 1 and "is after its source's publication" in r.stderr
    assert r.stderr.startswith("evidence/items/")
    assert snapshot(proj / "evidence") == before


def test_grade_and_justification_are_required(proj):
    review = _ingested(proj)
    _edit(review, grade=None, passports_from_the_Taliban={"decision": "accept"})
    r = run("review", str(review), *DATA, "--apply", "--reviewer", "ana")
    assert r.exit_code == 1 and "reliability grade" in r.stderr
    _edit(review, passports_from_the_Taliban={"decision": "reject"})
    r = run("review", str(review), *DATA, "--apply", "--reviewer", "ana")
    assert r.exit_code == 1 and "needs a justification" in r.stderr
    assert not (proj / "evidence" / "audit.log").exists()


def test_terminal_review_piped_commands(proj):
    review = _ingested(proj)
    before = _status()
    commands = (
        "\n".join(
            [
                "g B Established outlet citing UN monitors",
                "k",  # the first passage: skip
                "u",  # undo that
                "r",  # high score without a reason: refused, stays on the candidate
                "k",
                "-",
                "+",  # narrow and widen back
                "c 2",
                "a",
                "w",
            ]
        )
        + "\n"
    )
    r = run("review", str(review), *DATA, "--reviewer", "ana", input=commands)
    assert r.exit_code == 0, r.stderr
    assert "say why it is rejected" in r.stdout
    assert ">>>" in r.stdout and "<<<" in r.stdout  # the passage in its context
    assert before != _status()
    data = yaml.safe_load(review.read_text())
    assert [c["decision"] for c in data["candidates"][:3]] == ["skip", "accept", "pending"]


def test_terminal_review_quit_writes_nothing(proj):
    review = _ingested(proj)
    before = snapshot(proj / "evidence")
    r = run("review", str(review), *DATA, "--reviewer", "ana", input="a\nq\n")
    assert r.exit_code == 0 and "nothing was written" in r.stderr
    assert snapshot(proj / "evidence") == before


def test_terminal_review_in_a_real_pseudo_terminal(proj):
    review = _ingested(proj)
    exe = Path(sys.executable).parent / "scorecard"
    pid, fd = pty.fork()
    if pid == 0:  # the child: scorecard with the pty as its terminal
        os.execv(str(exe), [str(exe), "review", str(review), *DATA, "--reviewer", "ana"])
    out = b""

    def read_until(marker: bytes, limit: float = 60) -> None:
        nonlocal out
        end = time.monotonic() + limit
        while marker not in out and time.monotonic() < end:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break

    read_until(b"c001")
    os.write(fd, b"g C unverified outlet\nk\nq\n")
    read_until(b"nothing was written")
    os.waitpid(pid, 0)
    os.close(fd)
    assert b"source graded C" in out and b"nothing was written" in out


def test_reviewer_is_required(proj, monkeypatch):
    review = _ingested(proj)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(proj))
    r = run("review", str(review), *DATA, "--apply")
    assert r.exit_code == 2 and "--reviewer" in r.stderr


class _Tty:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self):
        return self.tty

    def write(self, s):
        self.text += s

    def flush(self):
        pass


@pytest.mark.parametrize("tty", [True, False])
def test_progress_on_a_terminal_only(tty):
    stream = _Tty(tty)
    bar = Progress(stream)
    for n in range(1, 4):
        bar.file(n, 3, f"doc{n}.pdf")
    bar.close()
    assert ("3/3 doc3.pdf" in stream.text) is tty and (stream.text == "") is (not tty)


def test_ingest_and_score_never_import_what_they_do_not_need(proj):
    (proj / "inbox" / "t.txt").write_text("The Taliban hosted al-Qaeda leaders in Kabul in 2022.\n")
    code = (
        "import sys; from typer.testing import CliRunner; from scorecard.cli import app; "
        "r = CliRunner().invoke(app, sys.argv[1:]); assert r.exit_code == 0, r.stderr; "
        "print(sorted(m for m in ('weasyprint', 'trafilatura', 'pypdf', 'sklearn') if m in sys.modules))"
    )
    score = subprocess.run(
        [sys.executable, "-c", code, "score", "--format", "json", *DATA],
        cwd=proj,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert score.strip() == "[]"
    ingest = subprocess.run(
        [sys.executable, "-c", code, "ingest", "inbox/t.txt", "--dry-run", *DATA],
        cwd=proj,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ingest.strip() == "[]"


def test_a_second_agreement_without_cues_or_evidence_gets_candidates(tmp_path, monkeypatch):
    """Only the rules' own words: no cues, no aliases, no reviewed evidence."""
    root = tmp_path / "other"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal" / "rules", root / "rules")
    (root / "evidence" / "items").mkdir(parents=True)
    (root / "evidence" / "documents").mkdir()
    (root / "evidence" / "sources.yaml").write_text("[]\n")
    (root / "evidence" / "origins.yaml").write_text("[]\n")
    (root / "inbox").mkdir()
    rules = next((root / "rules").iterdir())
    monkeypatch.chdir(root)
    from scorecard.pipeline import load_and_check

    project, problems = load_and_check(rules, root / "evidence")
    assert not problems, problems
    o = next(iter(project.obligations.values()))
    doc = root / "inbox" / "news.txt"
    doc.write_text(
        f"Unrelated weather report: sunny skies all week.\n\nObservers reported that {o.summary.strip()}\n",
        encoding="utf-8",
    )
    r = run(
        "ingest", str(doc), "--rules", str(rules), "--evidence", "evidence", "--dry-run", "--format", "json"
    )
    assert r.exit_code == 0, r.stderr
    cands = json.loads(r.stdout)
    assert cands and cands[0]["suggestions"][0]["obligation"] == o.id
    assert not any("weather" in c["quote"] for c in cands)


# --- overrides --------------------------------------------------------------------------------

OVERRIDDEN = "part-two-3-prevent-threats"


def test_override_shows_everywhere_with_the_computed_status_and_is_audited(proj):
    computed = _status(OVERRIDDEN)
    r = run(
        "override",
        OVERRIDDEN,
        "not compliant",
        "-j",
        "UN reports outweigh the denials.",
        *DATA,
        "--reviewer",
        "ana",
    )
    assert r.exit_code == 0, r.stderr
    assert run("validate", *DATA).exit_code == 0
    report = json.loads(run("score", *DATA, "--as-of", "2026-11-23", "--format", "json").stdout)
    o = next(o for o in report["obligations"] if o["id"] == OVERRIDDEN)
    assert o["status"] == "not compliant"
    assert o["override"] == {
        "computed_status": computed,
        "justification": "UN reports outweigh the denials.",
        "reviewer": "ana",
        "date": o["override"]["date"],
    }
    for args in (["--wide"], ["--format", "markdown"]):  # a fitted table may wrap the cell; --wide does not
        out = run("score", *DATA, "--as-of", "2026-11-23", *args).stdout
        assert f"not compliant (override; computed: {computed})" in out
    rows = csv.DictReader(io.StringIO(run("score", *DATA, "--as-of", "2026-11-23", "--format", "csv").stdout))
    row = next(x for x in rows if x["obligation"] == OVERRIDDEN)  # one value per cell
    assert (row["status"], row["computed_status"]) == ("not compliant", computed)
    shown = run("show", OVERRIDDEN, *DATA, "--as-of", "2026-11-23").stdout
    assert "override by ana" in shown and "UN reports outweigh the denials." in shown
    html = run("report", *DATA, "--as-of", "2026-11-23", "--html", "-o", str(proj / "r.html"))
    assert html.exit_code == 0 and f"computed status: {computed}" in (proj / "r.html").read_text()
    log = json.loads((proj / "evidence" / "audit.log").read_text().splitlines()[-1])
    assert (log["decision"], log["status"], log["computed_status"]) == ("override", "not compliant", computed)
    assert (
        run(
            "override",
            OVERRIDDEN,
            "--remove",
            "-j",
            "Superseded by new evidence.",
            *DATA,
            "--reviewer",
            "ana",
        ).exit_code
        == 0
    )
    assert _status(OVERRIDDEN) == computed


@pytest.mark.parametrize(
    "args,words",
    [
        (["part-two-3-prevent-threat", "compliant", "-j", "x"], "did you mean 'part-two-3-prevent-threats'"),
        ([OVERRIDDEN, "complaint", "-j", "x"], "did you mean 'compliant'"),
        ([OVERRIDDEN, "compliant"], "needs a written justification"),
    ],
)
def test_override_usage_errors(proj, args, words):
    r = run("override", *args, *DATA, "--reviewer", "ana")
    assert r.exit_code == 2 and words in r.stderr
    assert not (proj / "evidence" / "overrides.yaml").exists()


def test_override_of_an_unknown_obligation_in_the_file_is_a_located_problem(proj):
    (proj / "evidence" / "overrides.yaml").write_text(
        "- obligation: part-two-3-not-hosting\n  status: compliant\n  justification: x\n  reviewer: a\n"
        "  date: 2026-01-01\n"
    )
    r = run("validate", *DATA)
    assert r.exit_code == 1
    assert (
        "evidence/overrides.yaml:1:15: unknown obligation 'part-two-3-not-hosting' (did you mean "
        "'part-two-3-not-host'?)" in r.stderr
    )


def test_applying_again_logs_only_new_decisions(proj):
    review = _ingested(proj)
    _edit(review, passports_from_the_Taliban={"decision": "accept", "credibility": 2})
    assert run("review", str(review), *DATA, "--apply", "--reviewer", "ana").exit_code == 0
    _edit(review, Diplomats_said={"decision": "reject", "justification": "Speculation about talks."})
    r = run("review", str(review), *DATA, "--apply", "--reviewer", "ana")
    assert r.exit_code == 0, r.stderr
    log = [json.loads(x)["decision"] for x in (proj / "evidence" / "audit.log").read_text().splitlines()]
    assert log == ["accept", "reject"]
    assert run("validate", *DATA).exit_code == 0
