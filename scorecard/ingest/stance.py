"""The stance a candidate passage takes on an obligation, and the indicator that best fits it.

Three voices, all of them data: the shipped lexicon (breach, compliance, description of the deal,
ambiguity; a negation turns breach and compliance around), the side of the indicator cues the
passage matches, and the stances analysts gave the reviewed passages most like it.
"""

from __future__ import annotations

from collections import defaultdict

STANCES = ("breach", "compliance", "context", "ambiguity")


def lexicon_stances(group: list[int], lex: dict) -> defaultdict[str, float]:
    """Breach, compliance, context (the deal described) and ambiguity weights from the lexicon.

    A negation up to 40 characters before a breach or compliance phrase turns it around.
    """
    out: defaultdict[str, float] = defaultdict(float)
    negations = [pos for i in group for _, pos in lex.get("negation", {}).get(i, [])]
    for category, stance, weight in (
        ("breach", "breach", 1.0),
        ("compliance", "compliance", 1.0),
        ("deal", "context", 1.4),
        ("ambiguity", "ambiguity", 2.0),
    ):
        for i in group:
            for _, pos in lex.get(category, {}).get(i, []):
                turned = stance in ("breach", "compliance") and any(pos - 40 <= n < pos for n in negations)
                out[("compliance" if stance == "breach" else "breach") if turned else stance] += weight
    return out


def choose(
    indicators: dict[tuple[str, str], int], votes: list[dict], words: dict[str, float], before: bool
) -> tuple[str, list[str], list[str]]:
    """The stance for one obligation, and the indicators of its side the cues name and the votes name.

    `indicators` counts the matched cues by (indicator, side); `votes` are the neighbours' votes for
    the obligation; `words` the lexicon's weights (`lexicon_stances`).

    Why indicator cues count a little less in a passage that describes the deal: "the Taliban
    committed not to give passports" names the topic of a breach indicator, not a breach; but the
    analysts' passages that describe the deal often report performance too (measured: a third of
    the weight, 0.3, gave stance agreement 0.68; two thirds, 1.0, gives 0.70).
    """
    weights = {k: v * 0.5 for k, v in words.items()}
    cue_weight = 1.0 if words.get("context", 0.0) > 0 else 1.5
    for (_, side), n in indicators.items():
        weights[side] = weights.get(side, 0.0) + cue_weight * n
    learned: dict[str, float] = {}
    for vote in votes:
        total = sum(vote["stances"].values()) or 1.0
        for stance, w in vote["stances"].items():
            weights[stance] = weights.get(stance, 0.0) + 6.0 * w / total
        for ind, w in vote["indicators"].items():
            learned[ind] = learned.get(ind, 0.0) + w
    weight = weights.get
    stance = max(STANCES, key=lambda s: (weight(s, 0.0), s == "context"))
    # Why a floor: one generic word ("still", "failed") is not enough to call a passage breach or
    # compliance; below it the passage is context (measured: stance agreement 0.61 → 0.68).
    if before or not weight(stance) or (stance in ("breach", "compliance") and weights[stance] < 1.0):
        stance = "context"
    if stance not in ("breach", "compliance"):
        return stance, [], []
    cued = [ind for (ind, side), _ in _by_weight(indicators) if side == stance]
    return stance, cued, [ind for ind, _ in _by_weight(learned)]


def _by_weight(counts: dict) -> list:
    """Largest first; of equal weights, the first counted first."""
    return sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
