"""The annotated documents of benchmarks/heldout are usable: every quote stands in its document,
every clause and stance is one the rules know, every expected origin exists or is `new`."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from scorecard.ingest.build import locate

HELDOUT = ROOT / "benchmarks" / "heldout"
ANNOTATED = sorted(HELDOUT.glob("*.yaml"))


@pytest.mark.parametrize("ann", ANNOTATED, ids=lambda p: p.stem)
def test_annotations_match_their_documents(ann, project):
    data = yaml.safe_load(ann.read_text("utf-8"))
    text = ann.with_suffix(".txt").read_text("utf-8")
    clauses = {o.clause for o in project.obligations.values()}
    for p in data["passages"]:
        assert locate(text, p["quote"]) is not None, p["quote"]
        assert set(p["clauses"]) <= clauses
        assert set(p["clauses"].values()) <= {"breach", "compliance", "context", "ambiguity"}
        relays = p.get("expect", {}).get("relays")
        assert relays in (None, "new") or relays in project.origins


def test_both_sets_are_there():
    names = [p.stem for p in ANNOTATED]
    assert sum(n.startswith("dev-") for n in names) >= 3 and sum(n.startswith("ho-") for n in names) >= 3


def test_the_single_passages_are_labelled_as_the_rules_examples_are(project):
    """benchmarks/passages/written.yaml has the shape of RULES/examples.yaml and its links resolve."""
    from scorecard import model

    entries = yaml.safe_load((ROOT / "benchmarks" / "passages" / "written.yaml").read_text("utf-8"))
    assert len({e["id"] for e in entries}) == len(entries)
    for e in entries:
        ex = model.Example.model_validate(e)
        for link in ex.links:
            o = project.obligations[link.obligation]
            if link.indicator:
                side = getattr(o.indicators, link.stance)
                assert link.indicator in {i.id for i in side}, (ex.id, link)
