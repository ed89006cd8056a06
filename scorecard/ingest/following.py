"""Sentences that speak of the one before them, and the scores they take from it.

A judgment, a denial or a description of the deal with no topic of its own ("Now, the Taliban's
apparent failure to fulfil that obligation…"), or one that names what was just said ("The Islamic
Emirate considers this position a clear violation"), is about the sentence before it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple


class Scored(NamedTuple):
    """One obligation's score for a sentence, the indicators whose cues matched, the neighbours' vote."""

    score: float
    indicators: Counter
    vote: dict | None


NONE: Counter = Counter()


# Why these: a judgment, a denial or a description of the deal with no topic of its own speaks of
# the sentence before it (measured: leave-one-out recall 0.896 to 0.910, the other sets unchanged;
# with any generic stance word as well, nothing more). A generic stance word does where the sentence
# points back with its first word (`_BACK`: "And it didn't happen.").
JUDGING = ("breach_explicit", "compliance_explicit", "ambiguity", "denial", "deal", "accusation")
FOLLOW = 0.8  # a following sentence's scores, against those of the sentence it follows
_BACK = re.compile(r"(and|but|yet|so|it|this|that|they|neither|nor|none)\b", re.I)


def speaks_back(i: int, sents: list, text: str, lex: dict) -> bool:
    """Sentence `i` judges, denies or describes the deal, or reports with a word that points back."""
    if any(lex.get(category, {}).get(i) for category in JUDGING):
        return True
    return bool(_BACK.match(text, sents[i].start)) and any(
        lex.get(category, {}).get(i) for category in ("breach", "compliance")
    )


# "this position", "such actions", "the decision": words that point back to what was just said. A
# judgment that uses them takes the sentence before's topics as well as its own (measured: recall on
# this round's news pages kept outside the project 262 to 264 of 309, the other sets unchanged).
_POINTS = re.compile(
    r"\b(?:this|that|such|these|those|the) (?:\w+ )?(?:position|decision|move|step|steps|action|actions|strike|strikes|"
    r"statement|statements|remarks?|policy|policies|measures?|announcement|demands?|attack|attacks|operation|"
    r"operations|raids?|conduct|acts?|allegations?|accusations?|claims?|charges?|reports?)\b",
    re.I,
)


def points_back(sent, text: str) -> bool:
    """The sentence names what was just said ("this position", "such actions")."""
    return _POINTS.search(text, sent.start, sent.end) is not None


def follows(before: dict[str, Scored], own: dict[str, Scored] | None = None) -> dict[str, Scored]:
    """The scores of a sentence that speaks of the one before: that one's, a little less, with no
    indicator cue or vote of its own; where the sentence has topics of its own (`own`: "The Islamic
    Emirate considers this position a clear violation"), each obligation's higher score."""
    out = {oid: Scored(x.score * FOLLOW, NONE, None) for oid, x in before.items()}
    for oid, x in (own or {}).items():
        if oid not in out or x.score > out[oid].score:
            out[oid] = x
    return out
