"""The rules' labelled examples (RULES/examples.yaml): checked as strictly as the rest of the data,
and learned from by ingest as reviewed evidence is, without ever becoming evidence."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard import model

RULES = Path(__file__).resolve().parent.parent / "rules" / "doha-2020"


def validate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", "validate"], cwd=root, capture_output=True, text=True, timeout=120
    )


def test_an_example_naming_an_unknown_obligation_is_located_and_nothing_is_scored(proj):
    path = proj / "rules" / "doha-2020" / "examples.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("obligation: ", text.index("links:")) + len("obligation: ")
    end = text.index(",", first)
    path.write_text(text[:first] + "part-two-3-not-hots" + text[end:], encoding="utf-8")
    line = text[:first].count("\n") + 1
    r = validate(proj)
    assert r.returncode == 1, r.stderr
    assert f"rules/doha-2020/examples.yaml:{line}:" in r.stderr
    assert "unknown obligation 'part-two-3-not-hots'" in r.stderr and "did you mean" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_duplicate_key_or_an_unknown_field_in_an_example_is_located(proj):
    path = proj / "rules" / "doha-2020" / "examples.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("  document: ")
    line = text[:at].count("\n") + 1
    path.write_text(text[:at] + "  document: x\n  kind: news\n" + text[at:], encoding="utf-8")
    r = validate(proj)
    assert r.returncode == 1
    assert f"rules/doha-2020/examples.yaml:{line + 2}:3: duplicate key 'document'" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_an_example_with_no_links_or_a_stance_on_the_wrong_side_of_its_indicator_is_refused(proj):
    path = proj / "rules" / "doha-2020" / "examples.yaml"
    path.write_text(
        "- id: a\n  document: d\n  quote: The Taliban hosted al-Qaeda leaders in Kabul.\n  links: []\n"
        "- id: b\n  document: d\n  quote: The Taliban hosted al-Qaeda leaders in Kabul.\n"
        "  links: [{obligation: part-two-3-not-host, stance: compliance, indicator: safe-houses-provided}]\n",
        encoding="utf-8",
    )
    r = validate(proj)
    assert r.returncode == 1
    assert "examples.yaml:4:" in r.stderr
    assert "examples.yaml:8:" in r.stderr and "is a breach indicator but the stance is compliance" in r.stderr


PASSAGE = "Officials in Kabul said the commission had scheduled its next session for the spring."


def _stance(project, examples: dict) -> str | None:
    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.suggest import build_context, propose

    taught = dataclasses.replace(project, examples=examples)
    ctx = build_context(taught, build_cuebook(taught), exclude_sources=set(project.sources))
    for cand in propose(PASSAGE + "\n", ctx):
        for s in cand.suggestions:
            if s.obligation == "preamble-3-start-negotiations":
                return s.stance
    return None


def test_ingest_learns_a_stance_from_an_example_and_not_from_one_left_out(project):
    """A passage alike in words to a labelled example is suggested under the example's obligation,
    with its stance; leaving the example's document out (as the benchmark does) takes it away."""
    example = model.Example(
        id="talks-delayed",
        document="a-report",
        quote="The commission said it had scheduled its next session for the spring, months late.",
        links=[model.ExampleLink(obligation="preamble-3-start-negotiations", stance="breach")],
    )
    assert _stance(project, {}) is None  # nothing in the rules alone ties the passage to the talks
    assert _stance(project, {example.id: example}) == "breach"

    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.suggest import build_context

    taught = dataclasses.replace(project, examples={example.id: example})
    book = build_cuebook(taught)
    left_out = build_context(taught, book, exclude_sources={*project.sources, "a-report"})
    assert not left_out.neighbours.examples


def test_an_example_is_never_a_repeated_report(project):
    """Circular reporting is looked for in evidence only: an example is no one's report."""
    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.suggest import build_context

    ctx = build_context(project, build_cuebook(project))
    assert len(ctx.quotes) == len(project.items)
    assert len(ctx.neighbours.examples) == len(project.items) + len(project.examples)


@pytest.mark.parametrize("field", ["quote", "links"])
def test_the_shipped_examples_carry_a_quote_and_links(project, field):
    assert project.examples and all(getattr(ex, field) for ex in project.examples.values())
