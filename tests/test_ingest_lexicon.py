"""An agreement's own stance phrases (RULES/lexicon.yaml): data like the rest of the rules, loaded by
the strict loader, so a slip in them is a located error and not a phrase that silently never matches."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scorecard import model
from scorecard.ingest.cues import CATEGORIES, LEXICON, compile_cue, load_lexicon


def validate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", "validate"], cwd=root, capture_output=True, text=True, timeout=120
    )


def test_the_shipped_lexicon_is_cue_syntax_and_has_the_lists_the_rules_may_extend():
    shipped = yaml.safe_load(LEXICON.read_text("utf-8"))
    model.Lexicon.model_validate(shipped)  # raises on a phrase that is not cue syntax
    assert set(shipped) <= set(CATEGORIES) == set(model.Lexicon.model_fields)


def test_the_agreement_lists_extend_the_shipped_ones(project):
    assert project.lexicon is not None and project.lexicon.misstated
    merged = load_lexicon(project.lexicon)
    shipped = load_lexicon(None)
    for key in CATEGORIES:
        assert merged[key] == shipped[key] + list(getattr(project.lexicon, key))


@pytest.mark.parametrize(
    ("added", "line", "message"),
    [
        ("breach:\n  - harbour*\n", 0, "duplicate key 'breach'"),
        ("praise:\n  - lauded\n", 0, "unknown key 'praise'"),
        ("hedging: reportedly\n", 0, "hedging"),
        ("deal:\n  - (under |per) the deal\n", 1, "' |' is not cue syntax"),
        ('deal:\n  - "under {the} deal"\n', 1, "is not cue syntax"),
    ],
)
def test_a_slip_in_the_agreement_lexicon_is_located_and_nothing_is_scored(proj, added, line, message):
    path = proj / "rules" / "doha-2020" / "lexicon.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + added, encoding="utf-8")
    at = text.rstrip("\n").count("\n") + 2 + line
    r = validate(proj)
    assert r.returncode == 1, r.stderr
    assert f"rules/doha-2020/lexicon.yaml:{at}:" in r.stderr and message in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_an_agreement_lexicon_of_comments_only_adds_nothing(proj):
    path = proj / "rules" / "doha-2020" / "lexicon.yaml"
    path.write_text("# no phrases of its own yet\n", encoding="utf-8")
    r = validate(proj)
    assert r.returncode == 0, r.stderr


def test_a_phrase_the_agreement_adds_changes_what_ingest_hears(project):
    """The lists are read: a phrase added to `compliance`, used twice (one generic word is below the
    floor), makes a passage with no other stance word compliance."""
    import dataclasses

    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.suggest import build_context, propose

    text = "The Taliban gazumped the al-Qaeda envoys in Kabul and gazumped their hosts, officials said.\n"

    def stances(p):
        ctx = build_context(p, build_cuebook(p), exclude_sources=set(p.sources))
        return {s.clause: s.stance for c in propose(text, ctx) for s in c.suggestions}

    before = stances(project)
    extra = project.lexicon.model_copy(update={"compliance": [*project.lexicon.compliance, "gazump*"]})
    after = stances(dataclasses.replace(project, lexicon=extra))
    assert "compliance" not in before.values()
    assert "compliance" in after.values()
    assert compile_cue("gazump*").search(text)


@pytest.mark.parametrize(
    "text,category",
    [
        ("a discussion on the 'feasibility' of releasing prisoners", "ambiguity"),
        ("a discussion on the “feasibility” of releasing prisoners", "ambiguity"),
        ('ties between the groups remain "strong and symbiotic", the report said', "breach"),
        ("ties between the groups remain “close”, the report said", "breach"),
    ],
)
def test_a_phrase_is_found_inside_quotation_marks(project, text, category):
    """A word opened by a quotation mark is a word ('feasibility'), and a phrase runs on into a
    quotation (remain "strong")."""
    from scorecard.ingest.cues import build_cuebook

    _, lex = build_cuebook(project).hits(text, [0])
    assert lex[category][0], text


def test_a_possessive_or_a_contraction_starts_no_phrase():
    assert not compile_cue("s").search("the Taliban's men")
    assert not compile_cue("t").search("they didn't go")


@pytest.mark.parametrize(
    "text,found",
    [
        ("The published text is silent on air support for Afghan forces.", True),
        ("The accord contains no explicit pledge to reduce violence.", True),
        ("The deal does not bar attacks on Afghan forces.", True),
        ("Critics call the clause a loophole.", True),
        ("That complaint rests on a contested reading of the pledge.", True),
        ("There is no mechanism for verifying compliance with any of these pledges.", True),
        ("One problem was the lack of enforcement in the text.", True),
        # what a deal plainly leaves out is no question of meaning
        ("The deal includes no provision for a continued US military presence.", False),
    ],
)
def test_words_that_say_the_text_leaves_a_question_open_are_ambiguity(project, text, found):
    from scorecard.ingest.cues import build_cuebook

    _, lex = build_cuebook(project).hits(text, [0])
    assert bool(lex.get("ambiguity", {}).get(0)) is found, text
