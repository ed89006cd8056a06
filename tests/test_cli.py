"""The CLI end to end on the shipped data: contracts, goldens, exit codes, stdout/stderr apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import EVIDENCE, ROOT, RULES
from typer.testing import CliRunner

from scorecard.cli import app

AS_OF = "2026-11-23"
DATA = ["--rules", str(RULES), "--evidence", str(EVIDENCE)]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def ok(*args: str) -> str:
    r = run(*args)
    assert r.exit_code == 0, r.stderr
    return r.stdout


def test_validate_shipped_data():
    out = ok("validate", *DATA)
    assert out.startswith("ok: ") and "evidence items" in out


@pytest.mark.parametrize("fmt,ext", [("table", "txt"), ("json", "json"), ("markdown", "md"), ("csv", "csv")])
def test_score_golden(fmt, ext, golden):
    golden(f"score.{ext}", ok("score", *DATA, "--as-of", AS_OF, "--format", fmt))


def test_rules_golden(golden):
    golden("rules.txt", ok("rules", *DATA))


@pytest.mark.parametrize("command", ["sources", "evidence"])
def test_list_goldens(command, golden):
    golden(f"{command}.json", ok(command, *DATA, "--as-of", AS_OF, "--format", "json"))
    golden(f"{command}.txt", ok(command, *DATA, "--as-of", AS_OF))


def test_score_json_contract():
    report = json.loads(ok("score", *DATA, "--as-of", AS_OF, "--format", "json"))
    assert {"agreement", "as_of", "policy", "obligations"} <= set(report)
    keys = {
        "id",
        "clause",
        "party",
        "status",
        "likelihood",
        "confidence",
        "ambiguity",
        "verifiability",
        "deadline",
        "schedule",
        "counts",
        "independent_origins",
        "evidence",
        "reasons",
        "sensitivity",
    }
    for o in report["obligations"]:
        assert keys <= set(o)
        assert set(o["ambiguity"]) == set(o["verifiability"]) == {"level", "notes", "entries"}
        assert [e["text"] for e in o["ambiguity"]["entries"]] == o["ambiguity"]["notes"]


def test_evidence_json_contract():
    items = json.loads(ok("evidence", *DATA, "--as-of", AS_OF, "--format", "json"))
    assert items
    keys = {
        "id",
        "source",
        "source_file",
        "quote",
        "start",
        "end",
        "obligations",
        "event_date",
        "published",
        "attributed_to",
        "origin",
        "reliability",
        "credibility",
    }
    for e in items:
        assert keys <= set(e)
        text = (EVIDENCE / "documents" / e["source_file"]).read_text(encoding="utf-8")
        assert " ".join(text[e["start"] : e["end"]].split()) == e["quote"]
        assert all(set(o) == {"id", "clause", "stance"} for o in e["obligations"])


def test_show_prints_clause_reasoning_and_quotes():
    report = json.loads(ok("score", *DATA, "--as-of", AS_OF, "--format", "json"))
    o = next(x for x in report["obligations"] if x["evidence"])
    out = ok("show", o["id"], *DATA, "--as-of", AS_OF)
    assert o["clause"] in out and o["status"] in out and "Reasons" in out
    assert o["evidence"][0]["quote"][:40] in " ".join(out.split())


def test_party_filter():
    report = json.loads(ok("score", *DATA, "--as-of", AS_OF, "--party", "us", "--format", "json"))
    assert report["obligations"] and {o["party"] for o in report["obligations"]} == {"us"}


def test_as_of_before_signature_makes_everything_not_yet_due():
    report = json.loads(ok("score", *DATA, "--as-of", "2020-01-01", "--format", "json"))
    assert {o["status"] for o in report["obligations"]} == {"not yet due"}
    roles = {e["role"] for o in report["obligations"] for e in o["evidence"]}
    assert roles <= {"context", "pre-signature", "ambiguity"}  # the 2018 article is context only


@pytest.mark.parametrize(
    "args,code,needle",
    [
        (["score", "--as-of", "2021-02-30"], 2, "not a date"),
        (["score", "--as-of", "yesterday"], 2, "not a date"),
        (["score", "--party", "talibn"], 2, "did you mean 'taliban'"),
        (["show", "part-two-3-not-hots"], 2, "did you mean 'part-two-3-not-host'"),
        (["score", "--format", "xml"], 2, "xml"),
        (["score", "--as-of", "2021-01-01", "--previous", "2022-01-01"], 2, "must be before"),
        (["validate", "--rules", "/nonexistent/rules"], 1, "rules folder not found"),
    ],
)
def test_usage_errors_are_plain_messages(args, code, needle):
    r = run(*args[:1], *DATA, *args[1:]) if "--rules" not in args else run(*args, "--evidence", str(EVIDENCE))
    assert r.exit_code == code
    assert needle in r.stderr and "Traceback" not in r.stderr + r.stdout
    assert r.stdout == ""


def test_output_file_is_written_atomically_and_failure_keeps_old_file(tmp_path):
    target = tmp_path / "score.csv"
    target.write_text("precious\n")
    r = run("score", *DATA, "--rules", str(tmp_path / "missing"), "-o", str(target))
    assert r.exit_code == 1 and target.read_text() == "precious\n"
    ok("score", *DATA, "--as-of", AS_OF, "--format", "csv", "-o", str(target))
    assert target.read_text().startswith("obligation,clause,party,status")
    assert [p.name for p in tmp_path.iterdir()] == ["score.csv"]  # no temporary left behind


def test_unwritable_output_exits_3(tmp_path):
    r = run("score", *DATA, "--as-of", AS_OF, "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    assert r.exit_code == 3 and "nothing was written" in r.stderr


def test_start_up_imports_nothing_heavy():
    code = (
        "import sys, scorecard.cli; "
        "print(sorted(m for m in ('pydantic', 'weasyprint', 'yaml', 'jinja2') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "[]"


def test_json_output_never_imports_weasyprint():
    code = (
        "import sys; from typer.testing import CliRunner; from scorecard.cli import app; "
        f"r = CliRunner().invoke(app, ['score', '--format', 'json', '--as-of', '{AS_OF}']); "
        "assert r.exit_code == 0, r.stderr; print('weasyprint' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "False"


def test_output_file_gets_ordinary_permissions(tmp_path):
    new, kept = tmp_path / "new.csv", tmp_path / "kept.csv"
    kept.write_text("old\n")
    kept.chmod(0o640)
    for target in (new, kept):
        ok("score", *DATA, "--as-of", AS_OF, "--format", "csv", "-o", str(target))
    mask = os.umask(0)
    os.umask(mask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~mask
    assert kept.stat().st_mode & 0o777 == 0o640


def test_schema_describes_the_score_json():
    schema = json.loads(ok("schema"))
    report = json.loads(ok("score", *DATA, "--as-of", AS_OF, "--format", "json"))
    assert set(schema["required"]) == set(report)
    obligation = schema["$defs"]["ObligationResult"]
    assert set(obligation["required"]) == set(report["obligations"][0])


def test_another_agreement_is_a_new_rules_folder(tmp_path):
    """The invented fixture agreement scores and renders with no code of its own."""
    mini = ROOT / "tests" / "fixtures" / "minimal"
    data = ["--rules", str(mini / "rules" / "mini"), "--evidence", str(mini / "evidence")]
    report = json.loads(ok("score", *data, "--as-of", AS_OF, "--format", "json"))
    assert report["agreement"]["id"] != "doha-2020" and report["obligations"]
    ok("report", *data, "--as-of", AS_OF, "--html", "-o", str(tmp_path / "mini.html"))
    page = (tmp_path / "mini.html").read_text(encoding="utf-8")
    assert report["agreement"]["title"] in page and "Doha" not in page
