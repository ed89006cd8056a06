"""Headings for readers: each obligation's title, or a short label made from its summary.

Pure and light (no template engine): the terminal tables, Markdown, `diff` and `history` name
each obligation by it beside its id, as the PDF and HTML do.
"""

from __future__ import annotations

import re

from scorecard.results import ObligationResult

_LEADING = re.compile(r"^(?:By|Within|When|Once|After|From|Provided|If|Until)\b[^,]*,\s+")
_WORDS = 7


def derived_label(summary: str) -> str:
    """A short heading from the summary's first sentence: what the party will do, in up to 7 words.

    'The Taliban will not host any group or individual threatening …' gives 'Not host any group or
    individual threatening…'; a sentence without 'will' keeps its own words, less a leading 'By …,'.
    """
    sent = re.split(r"(?<=[.;:])\s", " ".join(summary.split()), maxsplit=1)[0].rstrip(".;:")
    sent = re.sub(r"\s*\([^)]*\)", "", sent)
    m = re.search(r"\bwill\s+(.*)", sent)
    if m and not m.group(1).startswith("be "):
        phrase = m.group(1)
    else:
        m = re.search(r"\b((?:seek|aim to|commit to)\s.*)", sent)
        phrase = m.group(1) if m else _LEADING.sub("", sent)
    cut = re.split(r",\s|;", phrase)[0]
    if len(cut.split()) >= 3:
        phrase = cut
    words = phrase.split()
    text = " ".join(words[:_WORDS]) + ("\u2026" if len(words) > _WORDS else "")
    return text[:1].upper() + text[1:]


def label(o: ObligationResult) -> str:
    """The obligation's heading for readers: the rule's `title`, else a label from its summary.

    Why not the id: 'relations-taliban' read as a heading is 'Relations taliban'; ids are handles
    for the command line, headings are for readers.
    """
    return o.title or derived_label(o.summary) or o.clause
