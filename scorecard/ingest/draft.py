"""A drafted source entry and the review file's contents for one ingested document.

The source is drafted from what the document says about itself (title, publisher, date) and
carries no reliability grade: the analyst must give one before anything is accepted.
"""

from __future__ import annotations

import re
from datetime import date

from scorecard.ingest.extract import Extracted
from scorecard.ingest.suggest import Candidate

REVIEW_FORMAT = 1
HEADER = """\
# Review of the candidate evidence `scorecard ingest` proposed for one document.
#
# 1. Give the source its reliability grade: source.reliability.grade (A-F) and reason. Check the
#    drafted title, publisher, authors, date (published.inferred: true where the document does not
#    say it) and kind (news, analysis, opinion, official-report, official-statement).
# 2. For each candidate set `decision`: accept, reject or skip (pending is left for later).
#    Accepting takes suggestion `use` (1 = the first) and the suggested speaker, party, origin,
#    event date and claim key. An `item:` mapping of evidence-item fields (claim, attributed_to,
#    party, origin, event_date, event_date_from, event, claim_key, credibility, links, note) wins
#    over them field by field; `links` replaces the suggested link whole. Rejecting a candidate
#    scored 0.7 or more needs a `justification`.
# 3. A passage ingest missed: a top-level `add:` list of {{quote, item}}; the quote must stand in
#    the document's text (whitespace may differ) and the item needs `links`. New origins: a
#    top-level `origins:` list of {{id, description, kind, date}}, as in origins.yaml.
# 4. Apply it: scorecard review {path} --apply [--reviewer NAME]
#    Accepted candidates become evidence items, checked exactly as `scorecard validate` checks;
#    if anything fails, nothing is written. Every decision goes to evidence/audit.log.
"""


def slug(text: str, limit: int = 40) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or "document"


def source_id(doc: Extracted, taken: set[str]) -> str:
    """`<publisher or title>-<year>`, made unique against `taken`."""
    year = (doc.date or "")[:4] or None
    parts = [slug(doc.publisher, 24) if doc.publisher else None, year, slug(doc.title or doc.path.stem, 30)]
    candidate = "-".join(p for p in parts if p)[:70].strip("-")
    n, out = 2, candidate
    while out in taken:
        out, n = f"{candidate}-{n}", n + 1
    return out


def title(doc: Extracted) -> str:
    """The document's title, or its first line cut at a word before 120 characters."""
    words = " ".join((doc.title or doc.path.stem).split())
    return words if len(words) <= 120 else words[:117].rsplit(" ", 1)[0] + " …"


def draft_source(doc: Extracted, sid: str, text_file: str, original: str | None, today: date) -> dict:
    """A source entry from what the document says; reliability left for the analyst."""
    published = (
        {"date": doc.date, "inferred": False}
        if doc.date
        else {
            "date": today.isoformat(),
            "inferred": True,
            "reason": "Not stated in the document; the day it was ingested, to be corrected by the analyst.",
        }
    )
    out = {
        "id": sid,
        "title": title(doc),
        "publisher": doc.publisher or "Not stated in the text",
        "authors": doc.authors,
        "published": published,
        "kind": "news"
        if doc.media_type == "text/html"
        else "official-report"
        if doc.media_type == "application/pdf"
        else "analysis",
        "file": text_file,
        "sha256": doc.text_sha256 if original else doc.sha256,
        "reliability": {"grade": None, "reason": None},
    }
    if doc.url:
        out["url"] = doc.url
    if original:
        kept = {"file": original, "sha256": doc.sha256, "media_type": doc.media_type}
        out["original"] = kept | ({"retrieved": doc.retrieved} if doc.retrieved else {})
    return out


def review_data(source: dict, candidates: list[Candidate]) -> dict:
    """The review file: the drafted source and every candidate, each with `decision: pending`."""
    return {
        "format": REVIEW_FORMAT,
        "source": source,
        "candidates": [
            {"id": f"c{n:03d}", **_candidate(c), "decision": "pending"} for n, c in enumerate(candidates, 1)
        ],
    }


def _candidate(c: Candidate) -> dict:
    out = {
        "quote": " ".join(c.quote.split()),
        "start": c.start,
        "end": c.end,
        "suggestions": [{k: v for k, v in s.__dict__.items() if v is not None} for s in c.suggestions],
    }
    for key in ("event_date", "attributed_to", "party", "relays", "repeats", "page"):
        if getattr(c, key) is not None:
            out[key] = getattr(c, key)
    if c.claim_keys:
        out["claim_keys"] = list(c.claim_keys)
    if c.before_signature:
        out["before_signature"] = True
    return out
