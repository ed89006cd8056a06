"""Whether a passage's description of the deal misstates it: words put in the agreement's mouth
that it never uses, which make the passage evidence about what an obligation means (ambiguity)
rather than about whether it was kept."""

from __future__ import annotations

import re

from scorecard.ingest.scope import CONTRAST, Scope
from scorecard.ingest.stance import stem

_STOP_WORDS = (
    "that this with from their they them have been were will would shall also only such which "
    "into over under upon about against between other than then there these those what when where "
    "while each every some more most must should could said says agreement deal accord "
    "afghan afghanistan taliban united states qaeda qa ida al-qaeda islamic emirate"
)
_STOP = frozenset(_STOP_WORDS.split())
_AGREEMENT = re.compile(r"\b(agreement|deal|accord|treaty|pact)s?\b", re.I)
MISSTATED = 0.4  # the share of a description's words the agreement never uses, above which it misstates


# Where a description of the deal states terms: a phrase that names the deal ("under the deal", "the
# agreement says", "stipulated"), or a word of promise followed by what was promised ("pledged to",
# "committed the United States to", "promised that").
_TERMS = re.compile(
    r"(?i:under|according to|in line with|the|this|that|stipulat(?!\w*\s+(in|by|under)\b))|"
    r"\w+(\s+(the|its|their|them|it|him|not|also|all|both|either|[A-Z][\w.-]*|\d[\d,]*))*\s+(to|that|not to)\b"
)


def misstated(scope: Scope, vocabulary: frozenset[str]) -> bool:
    """Whether the passage's descriptions of the deal put words in the agreement's mouth.

    Why: "the deal required the Taliban to cut ties with al-Qaeda" or "promised to reduce violence"
    describe commitments the text does not make; a source that misstates an obligation is evidence
    about what the obligation means (ambiguity), not about whether it was kept. Only the words a
    description governs are read (from its deal word to the end of its clause), each by its stem,
    and only where terms follow (`_TERMS`): "the agreement they signed in February 2020, the
    Taliban have not attacked" and "the 1,000 pledged by Eid" state none (measured on news pages
    kept outside the project: false ambiguity from words after "signed" or a bare "commitments").
    """
    if not _AGREEMENT.search(scope.text):
        return False  # "offered al-Qaeda guarantees": a promise, but not the agreement's
    for d in scope.deal:
        if not _TERMS.match(scope.text, d) or _TO_WHOM.match(scope.text, d):
            continue  # "signed in February", "their commitments, we will…": no terms follow
        end = next((e for s, e in scope.bounds if s <= d < e), d)
        m = CONTRAST.search(scope.text, d, end) or _SAID.search(scope.text, d, end)
        stop = m.start() if m else end
        content = [
            w.lower()
            for w in re.findall(r"[A-Za-z]+", scope.text[d:stop])
            if len(w) > 3 and w.lower() not in _STOP and not w[0].isupper()
        ]
        said = content[1:]  # the deal word itself ("pledged") is not a term
        if len(said) >= 2 and sum(stem(w) not in vocabulary for w in said) / len(said) >= MISSTATED:
            return True
    return False


def vocabulary(text: str) -> frozenset[str]:
    """The stems of the words an agreement's text uses, and of the words news reports commonly put
    for them (`_PARAPHRASES`): "troops" for "forces" restates the deal, it does not misstate it."""
    words = frozenset(stem(w) for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3)
    return words | frozenset(stem(p) for w, ps in _PARAPHRASES.items() if stem(w) in words for p in ps)


# Why: a description in other words than the agreement's is a paraphrase unless the words say
# something else; these are the common reporting words for the agreement's own (measured on news
# pages kept outside the project: "pledged to reduce the number of troops in that country to 8,600"
# was read as a misstatement).
_PARAPHRASES = {
    "forces": ("troops", "soldiers", "personnel"),
    "negotiations": ("talks", "dialogue"),
    "release": ("free", "freed", "freeing", "exchange", "swap"),
    "start": ("beginning", "begin", "launch", "opening"),
    "withdrawal": ("pullout", "drawdown", "exit", "departure"),
}
# Where a promise is made to someone rather than of something ("commitment to the group", "committed
# to the agreement"): no terms follow. A report of who said it ends what the description says
# (", officials said on Thursday").
_TO_WHOM = re.compile(r"\w+\s+to\s+(the|a|an|its|their|his|her|this|that|our|[A-Z])\b")
_SAID = re.compile(r",\s+([\w-]+\s+){0,4}?(said|says|told|added|according)\b")
