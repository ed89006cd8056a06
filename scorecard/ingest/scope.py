"""How far the negations, conditionals, forecasts and descriptions of the deal in a passage reach
(`Scope`), read clause by clause: what a stance word in the passage is governed by."""

from __future__ import annotations

import re

from scorecard.ingest.reading import shortfall

CONTRAST = re.compile(
    r"[;:]|,? but\b|\b(however|(?<!not )(?<!n't )(?<!as )(?<!has )(?<!have )(?<!had )yet|although|"
    r"though|while|whereas|despite|instead|after)\b|"
    r",\s+(adding|added|and added|noting|saying)\s+(that\b)?",
    re.I,
)
_FORECAST = re.compile(
    r"\b(will|could|might|may|would soon|possibly|potentially|possible that|likely to|expected to|plans? to|"
    r"intends? to|threaten(s|ed)? to|(?<!yet )to be|"
    r"(is|are|was|were) (set|due|poised|scheduled|slated|going) to)\s+(?!have\b)",
    re.I,
)
_REBUTTED = re.compile(
    r"\b(reject|dismiss|den(y|ie)|refut|rebut|dispel)\w*\s+([^.;:,]{0,60}?\s)?"
    r"(reports?|findings?|claims?|allegations?|accusations?|charges?|assessments?)\b",
    re.I,
)
# Why: "claims of 400 fighters being present were not based on facts" and "accusations the US violated
# the agreement are false" reject what the claims say, as "rejected claims that" does, but name their
# verdict after them
_REBUTTED_AFTER = re.compile(
    r"\b(reports?|claims?|allegations?|accusations?|charges?|assertions?)\b(\s+(of|that|about|regarding)\b)?"
    r"(?=[^.;:]{0,200}?\b(were|are|was|is)\s+(not based on|false|untrue|baseless|unfounded|groundless|"
    r"fabricated|lies|propaganda)\b)",
    re.I,
)
# A conditional that governs the rest of its clause, however long: "if", "once", a demand ("demanded
# that", "expected that") and a call on a party ("urged", "called on", "appealed to"). Not an aim: "a
# deal aimed at ending the war are returning to the battlefield" has its main verb after it.
_WHOLE = re.compile(
    r"(if|once|(demand\w*|insist\w*|ask\w*|request\w*|expected) that|urg\w*|call(s|ed|ing)? (on|upon)|appeal\w* to) ",
    re.I,
)
_PERFECT = re.compile(r"\b(and\s+)?(has|have|had)\s+$", re.I)  # after "and": a verb of its own, no term
_NOT_ONLY = re.compile(r"not\s+(only|just|merely|simply)\b", re.I)
_JOINED = re.compile(r"(neither\b.*|\w+\s+(or|and|nor)\s+)$", re.I | re.S)
# Why: "has not diminished and still enjoys close relationships" asserts what follows "and still"
_ANEW = re.compile(
    r"\band\s+(still|also|yet|instead|now|even|continue[sd]?|remain(s|ed)?)\b", re.I
)  # "but": CONTRAST
NEAR = 40  # characters a negation or a conditional reaches forward within its clause


class Scope:
    """How far the negations, conditionals and descriptions of the deal in one passage reach.

    Why clauses: "no evidence that the Taliban had been involved in the attack" negates a word far
    from "no", while "did not stop the talks, but the attacks continued" negates nothing after
    "but"; "Under the agreement the Taliban promised to expel foreign fighters" describes the deal up
    to the end of its clause, and its "expel" reports nothing done. A contrast ("but", "however",
    "although", a semicolon) or the end of a sentence closes every scope.
    """

    def __init__(self, text: str, bounds: list[tuple[int, int]], lex: dict, group: list[int]):
        self.text = text
        self.bounds = bounds  # the passage's sentences, (start, end), in order

        def at(category: str) -> list[int]:
            return sorted(pos for i in group for _, pos in lex.get(category, {}).get(i, []))

        # Why: "not only violates the terms but also …" asserts what follows, and turns nothing
        self.negations = [x for x in at("negation") if not _NOT_ONLY.match(text, x)]
        # Why a rejected report: "dismissed the Security Council's findings regarding the presence of
        # al-Qaeda" denies what the findings say, however many words name them
        self.rebutted = [
            m.start() for s, e in bounds for r in (_REBUTTED, _REBUTTED_AFTER) for m in r.finditer(text, s, e)
        ]
        self.wide = sorted({*at("negation_wide"), *self.rebutted})
        self.supposed = at("conditional")
        # Why not "signed": "after the agreement was signed, disagreements delayed the talks" names
        # the deal and goes on to report; it states no terms
        self.deal = [x for x in at("deal") if text[x : x + 6].lower() != "signed"]
        self._modals: list[tuple[int, bool]] | None = None  # (offset, is "will"), found at first need

    def _reaches(self, a: int, b: int) -> bool:
        """Whether a word at `a` governs one at `b` > a: same sentence, no contrast between."""
        if not any(s <= a and b < e for s, e in self.bounds):
            return False
        return CONTRAST.search(self.text, a, b) is None

    def negated(self, pos: int) -> bool:
        """An odd number of negations govern `pos`: near ones with no comma between ("with no
        ceremony, US troops left the base" reports a departure), and wide ones ("no evidence that")
        anywhere before it in its clause."""
        text = self.text
        near = sorted(
            x
            for x in self.negations
            if pos - NEAR <= x < pos
            and self._reaches(x, pos)
            and "," not in text[x:pos]
            and not _ANEW.search(text, x, pos)
        )
        # Why: "unwillingness or inability to abide", "neither released nor freed" negate once
        near = [x for k, x in enumerate(near) if not (k and _JOINED.match(text, near[k - 1], x))]
        return len(set(near) | self._wide_over(pos)) % 2 == 1  # "no evidence": one negation, in both lists

    def _wide_over(self, pos: int) -> set[int]:
        return {x for x in self.wide if x < pos and self._reaches(x, pos)}

    def denied(self, pos: int) -> bool:
        """A wide negation governs `pos` ("no evidence that", "no information tying"): a statement
        that the conduct was not found, not a word turned in passing."""
        return bool(self._wide_over(pos))

    def turned(self, pos: int, side: str) -> bool:
        """Whether the word or cue at `pos`, of `side`, reports the other side: negated, or for
        compliance an act done only in part ("released 4,600 out of 5,000", `shortfall`)."""
        return self.negated(pos) != (side == "compliance" and shortfall(self.text, pos))

    def rebuttals(self) -> int:
        """Reports, findings or claims the passage says were rejected, dismissed or denied, however
        many words name them ("rejected Pakistan's allegations"): denials, as the lexicon's are."""
        return sum(not self.conditional(x) for x in self.rebutted)

    def conditional(self, pos: int) -> bool:
        """A conditional governs `pos`: within 40 characters, or an "if", a "once", a demand or an
        aim (`_WHOLE`) anywhere before it in its clause, the main clause after an "if" clause
        included ("if foreign troops do not leave by the deadline, the group considers this a
        violation": what follows is supposed too). Not "even if", which concedes and leaves its main
        clause asserted."""
        text = self.text
        return any(
            x < pos
            and (pos - NEAR <= x or _WHOLE.match(text, x) is not None)
            and text[max(0, x - 5) : x].lower() != "even "
            and self._reaches(x, pos)
            for x in self.supposed
        )

    def forecast(self, pos: int) -> bool:
        """A modal or a plan governs `pos` ("could retain a force", "will continue to host"): what
        may happen, not what was done. Within 40 characters; a possibility ("could", "likely to",
        "potentially") also anywhere before in its clause with no comma between ("are likely to fuel
        their assertiveness and expand through cooperation with al-Qaeda"). ("may have sheltered"
        reports, hedged; "would" is left to reported speech; a "will" further off is often a new
        main verb's: "will remain in the spotlight until … which continue to use Afghan soil".)"""
        if self._modals is None:
            self._modals = [
                (m.start(), m.group(1).lower() == "will")
                for s, e in self.bounds
                for m in _FORECAST.finditer(self.text, s, e)
            ]
        return any(
            x < pos
            and self._reaches(x, pos)
            and (pos - NEAR <= x or (not will and "," not in self.text[x:pos]))
            for x, will in self._modals
        )

    def questioned(self, pos: int) -> bool:
        """A "whether" governs `pos` ("whether a freed fighter who rejoins the war breaches the
        deal"): the judgment word is asked about, as a question of what the commitment covers."""
        return any(
            x < pos and self.text[x : x + 7].lower() == "whether" and self._reaches(x, pos)
            for x in self.supposed
        )

    def unreported(self, pos: int) -> bool:
        """`pos` is supposed, forecast or the deal's terms: not a report of what was done."""
        return self.conditional(pos) or self.described(pos) or self.forecast(pos)

    def described(self, pos: int) -> bool:
        """`pos` stands in a clause that describes the deal ("under the agreement, the US would…").

        Not a perfect tense after a comma or an "and": "in exchange for their 360 prisoners, the
        Taliban has released 60" and "cut its forces to the level promised in the agreement and has
        pulled out of five bases" report what was done, in the terms of the deal."""
        perfect = _PERFECT.search(self.text, max(0, pos - 12), pos)
        joined = perfect is not None and perfect.group(1) is not None
        return any(
            x < pos and self._reaches(x, pos) and not (perfect and "," in self.text[x:pos]) and not joined
            for x in self.deal
        )
