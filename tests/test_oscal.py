"""OSCAL Assessment Results export, read back by compliance-trestle (the reference OSCAL models)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EVIDENCE, RULES
from typer.testing import CliRunner

from scorecard.cli import app

trestle_ar = pytest.importorskip("trestle.oscal.assessment_results")
AS_OF = "2026-11-23"
DATA = ["--rules", str(RULES), "--evidence", str(EVIDENCE), "--as-of", AS_OF]


def export(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "ar.json"
    result = CliRunner().invoke(app, ["score", *DATA, *extra, "--format", "oscal-ar", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def test_trestle_reads_the_export_with_a_finding_per_obligation_and_an_observation_per_item(tmp_path, report):
    ar = trestle_ar.AssessmentResults.oscal_read(export(tmp_path))
    [result] = ar.results
    assert [f.target.target_id for f in result.findings] == [o.id for o in report.obligations]
    used = {e.id for o in report.obligations for e in o.evidence}
    assert sorted(o.title for o in result.observations) == sorted(used)
    sources = {s.id: s for s in report.sources}
    for o in result.observations:  # the quote, its offsets and the document's hash
        [ev] = o.relevant_evidence
        props = {p.name: p.value for p in ev.props}
        text = (EVIDENCE / "documents" / sources[props["source"]].file).read_text(encoding="utf-8")
        assert " ".join(text[int(props["start"]) : int(props["end"])].split()) == ev.description
        assert props["document-sha256"] == sources[props["source"]].sha256
    resources = {r.uuid: r for r in ar.back_matter.resources}
    assert all(ev.href[1:] in resources for o in result.observations for ev in o.relevant_evidence)


def test_findings_carry_the_status_and_satisfied_only_when_compliant(tmp_path, report):
    ar = trestle_ar.AssessmentResults.oscal_read(export(tmp_path))
    by_id = {o.id: o for o in report.obligations}
    for f in ar.results[0].findings:
        o = by_id[f.target.target_id]
        props = {p.name: p.value for p in f.props}
        assert props["status"] == o.status.value and props["confidence"] == o.confidence
        assert props["schedule"] == o.schedule.value
        assert (f.target.status.state.value == "satisfied") == (o.status.value == "compliant")


def test_uuids_come_from_ids_so_reexports_diff_cleanly(tmp_path):
    first = json.loads(export(tmp_path).read_text())
    again = json.loads(export(tmp_path).read_text())
    assert first == again
    later = CliRunner().invoke(
        app,
        [
            "score",
            "--rules",
            str(RULES),
            "--evidence",
            str(EVIDENCE),
            "--as-of",
            "2021-06-01",
            "--format",
            "oscal-ar",
        ],
    )
    ids = lambda doc: [f["uuid"] for f in doc["assessment-results"]["results"][0]["findings"]]  # noqa: E731
    assert ids(json.loads(later.stdout)) == ids(first)  # a finding keeps its UUID across dates
