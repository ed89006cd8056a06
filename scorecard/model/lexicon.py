"""An agreement's own stance phrases (RULES/lexicon.yaml), checked as the rest of the rules are."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from scorecard.model.inputs import Strict_, _cue, _one_line

__all__ = ["Lexicon"]

# Why longer than a rule's cue: a phrase names who and what at once ("called on the Taliban to
# uphold"), each a list of alternatives.
Phrase = Annotated[
    str, StringConstraints(min_length=1, max_length=240), AfterValidator(_one_line), AfterValidator(_cue)
]


class Lexicon(Strict_):
    """Stance phrases particular to an agreement (RULES/lexicon.yaml), added to the lists of the
    lexicon `scorecard ingest` ships with; cue syntax. Every list is optional."""

    breach: list[Phrase] = []
    compliance: list[Phrase] = []
    breach_explicit: list[Phrase] = []
    compliance_explicit: list[Phrase] = []
    denial: list[Phrase] = []
    conditional: list[Phrase] = []
    deal: list[Phrase] = []
    ambiguity: list[Phrase] = []
    hedging: list[Phrase] = []
    negation: list[Phrase] = []
    negation_wide: list[Phrase] = []
    uncertain: list[Phrase] = []
    accusation: list[Phrase] = []
    misstated: list[Phrase] = []
    earlier: list[Phrase] = []
