"""What a stance word reports, read from the words beside it: who is named rather than what was
done ("the released prisoners"), an act done only in part ("freed only 4,000"), and a doubt about
what was done rather than about what the commitment means."""

from __future__ import annotations

import re

_WHO = r"(prisoners?|fighters?|detainees?|militants?|members?|leaders?|men|commanders?|individuals?)"
_NAMED_BEFORE = re.compile(
    r"\b(the|some|many|all|those|these|of|a|an|any|its|their|several|more|most|few|\d[\d,]*)\s+$", re.I
)
_BACK_TO = re.compile(r"\b(after|since|before|following|until|during) (the|that|this|these|those)\s+$", re.I)
_THOSE = re.compile(r"\b(those|these)\s+$", re.I)
_PARTICIPLE = re.compile(r"\w+(ed|en|t)\b", re.I)  # "those freed", not "these strikes"
# Why no number after the participle: "(since April 8) released 300 prisoners" is a verb and its
# object; "the released Taliban prisoners" names them
_NOUN_AFTER = re.compile(rf"\w+['\"’”]?\s+(?!\d)(\w+\s+)?{_WHO}\b", re.I)
_PUBLISHED = re.compile(
    r"\b(report|statement|video|clip|document|list|data|footage|recording|letter|study|"
    r"survey|memo|transcript|message|audio|text)s?\s+((was|were|is|are|has been|have been|had been)\s+)?$",
    re.I,
)
_COUNT_AFTER = re.compile(
    r"[\w-]+\s+((more than|over|about|some|nearly|almost|another|at least)\s+)?\d", re.I
)
_NOUN_BEFORE = re.compile(
    rf"\b{_WHO},?\s+((who|that)\s+(were|had been|have been|was|are)\s+|being\s+|to be\s+)?$", re.I
)


def _published(text: str, pos: int, before: str) -> bool:
    return bool(_PUBLISHED.search(before)) and text[pos : pos + 9].lower() in ("released ", "released.")


_ONLY_BEFORE = re.compile(r"\bonly\s+((about|around|some|roughly|nearly)\s+)?\d[\d,]*\s+(\w+\s+){0,4}$", re.I)
_ONLY_AFTER = re.compile(r"[\w-]*\s+(only|merely)\s+((about|around|some|roughly|nearly)\s+)?\d", re.I)
_OUT_OF = re.compile(r"[\w-]*\s+(\d[\d,]*)\s+(\S+\s+){0,3}?out of\s+(the\s+)?(\d[\d,]*)", re.I)


def shortfall(text: str, pos: int) -> bool:
    """The act at `pos` is reported done only in part ("had freed only about 4,000", "only 148
    prisoners have been released", "released 4,600 inmates out of the 5,000 pledged"): short of
    what was due, a report of breach."""
    if _ONLY_BEFORE.search(text, max(0, pos - 60), pos) or _ONLY_AFTER.match(text, pos):
        return True
    m = _OUT_OF.match(text, pos)
    return m is not None and int(m.group(1).replace(",", "")) < int(m.group(4).replace(",", ""))


def naming(text: str, pos: int, after: bool = True) -> bool:
    """Whether the stance word at `pos` names who is meant rather than reporting an act: "the
    released prisoners", and with `after`, "5,000 prisoners freed under the deal" (a participle
    beside its noun) or "a video clip released today" (a publication).

    Why: "580 of the released prisoners returned to the battlefield" reports a breach; its
    "released" reports nothing done. Why `after` can be turned off: an indicator's cue after its
    noun is often the noun's verb ("no American service members remained")."""
    before = text[max(0, pos - 30) : pos]
    counted = _COUNT_AFTER.match(text, pos) is not None  # "commanders pulled 1,500 troops": a verb
    if after and not counted and (_NOUN_BEFORE.search(before) or _published(text, pos, before)):
        return True
    if _BACK_TO.search(before):
        return True  # "after the attack": a time, named; the attack was reported before
    if _THOSE.search(before) and _PARTICIPLE.match(text, pos):
        return True  # "those freed swore not to fight again": the participle is the noun
    return bool(_NAMED_BEFORE.search(before) and _NOUN_AFTER.match(text, pos, pos + 40))


_DOUBT = re.compile(r"(unclear|uncertain|not clear)\b[^.;:]{0,100}?\b(whether|if)\b", re.I)


def doubted(group: list[int], lex: dict, text: str | None) -> set[int]:
    """Where a word doubts what a party did rather than what the commitment means: the lexicon's
    `uncertain` phrases, and "unclear" with a "whether" later in its clause ("it is unclear,
    according to a new report, whether the Taliban has…")."""
    doubts = {pos for i in group for _, pos in lex.get("uncertain", {}).get(i, [])}
    if text is not None:
        ambiguity = lex.get("ambiguity", {})
        doubts |= {pos for i in group for _, pos in ambiguity.get(i, []) if _DOUBT.match(text, pos)}
    return doubts
