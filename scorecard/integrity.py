"""Cross-file checks on a loaded project: ids resolve, texts and quotes are verbatim, files unchanged.

Pure: works on what load.py read, returns problems (and the quotes' computed locations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scorecard.dates import compute_deadline, parse_fuzzy
from scorecard.errors import Problem, did_you_mean
from scorecard.load import Project


@dataclass(frozen=True)
class Span:
    """Where a quote stands in its source file: character offsets and 1-based line."""

    start: int
    end: int
    line: int


@lru_cache(maxsize=4096)
def _pattern(needle: str) -> re.Pattern[str]:
    words = needle.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def find_verbatim(haystack: str, needle: str) -> Span | None:
    """First place `needle` occurs in `haystack`, runs of whitespace counting as equal."""
    if not needle.split():
        return None
    m = _pattern(needle).search(haystack)
    if m is None:
        return None
    return Span(m.start(), m.end(), haystack.count("\n", 0, m.start()) + 1)


def _near_miss(haystack: str, needle: str) -> str:
    """Say how much of the start of a quote was found, to help locate the typo."""
    words = needle.split()
    lo, hi = 0, len(words)
    while lo < hi:  # longest prefix (in words) found verbatim
        mid = (lo + hi + 1) // 2
        if _pattern(" ".join(words[:mid])).search(haystack):
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return ""
    return f"; the first {lo} of {len(words)} words match, then '{' '.join(words[lo:lo + 4])}' differs"


def check_agreement(p: Project) -> list[Problem]:
    out: list[Problem] = []
    a, text = p.agreement, p.agreement_text
    if a is None or text is None:
        return out
    where = p.place("agreement", a.id)
    if text.sha256 and text.sha256 != a.text.sha256:
        out.append(Problem(*where.at("text", "sha256"), f"agreement text {text.path} has changed: its sha256 is "
                           f"{text.sha256}, agreement.yaml records {a.text.sha256}"))
    dupes = {c for c in a.clauses if a.clauses.count(c) > 1}
    for c in sorted(dupes):
        out.append(Problem(*where.at("clauses"), f"clause '{c}' is listed twice"))
    for key, kind, ids in (("parties", "party", [x.id for x in a.parties]), ("events", "event", [e.id for e in a.events])):
        out += _repeated_ids(where, key, kind, ids)
    return out


def _repeated_ids(where, key: str, kind: str, ids: list[str]) -> list[Problem]:
    """Each id defined again in the list `key`, at the repeat, naming the first definition.

    Why: a later definition would silently replace the first one (a party renamed in every output).
    """
    out, first = [], {}
    for i, id_ in enumerate(ids):
        if id_ in first:
            path, line, _ = where.at(key, first[id_], "id")
            out.append(Problem(*where.at(key, i, "id"), f"duplicate {kind} id '{id_}' (first defined at {path}:{line})"))
        else:
            first[id_] = i
    return out


def check_obligation(p: Project, oid: str) -> list[Problem]:
    o, where, a = p.obligations[oid], p.place("obligation", oid), p.agreement
    out: list[Problem] = []

    def bad(message: str, *keys) -> None:
        out.append(Problem(*where.at(*keys), message))

    if a is None:
        return out
    if o.agreement != a.id:
        bad(f"agreement '{o.agreement}' is not the one in this rules folder ('{a.id}')", "agreement")
    if o.clause not in a.clauses:
        bad(f"unknown clause '{o.clause}'{did_you_mean(o.clause, a.clauses)}", "clause")
    parties = [x.id for x in a.parties]
    if o.party not in parties:
        bad(f"unknown party '{o.party}'{did_you_mean(o.party, parties)}", "party")
    text = p.agreement_text.text if p.agreement_text else None
    if text is not None and find_verbatim(text, o.text) is None:
        bad(f"text not found verbatim in {p.agreement_text.name}{_near_miss(text, o.text)}", "text")
    _check_deadline(o, bad)
    _check_conditions(p, o, bad)
    ids = [i.id for i in o.indicators.compliance + o.indicators.breach]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        bad(f"indicator id '{dup}' is used twice", "indicators")
    return out


def _check_deadline(o, bad) -> None:
    d = o.deadline
    if d is None:
        return
    if (d.add_days is not None or d.add_months is not None) and d.from_date is None:
        bad("deadline gives add_days/add_months but no from_date to add them to", "deadline")
    if d.from_date is not None and d.date is not None and (d.add_days is not None or d.add_months is not None):
        computed = compute_deadline(d.from_date, d.add_days, d.add_months)
        if computed != d.date:
            bad(f"deadline date {d.date} does not match its rule: {d.from_date} plus "
                f"{d.add_months or 0} month(s) and {d.add_days or 0} day(s) is {computed}", "deadline", "date")


def _check_conditions(p: Project, o, bad) -> None:
    events = {e.id for e in p.agreement.events}
    for i, c in enumerate(o.conditions):
        if (c.obligation is None) == (c.event is None):
            bad("a condition names exactly one of 'obligation' or 'event'", "conditions", i)
        missing = c.obligation not in p.obligations and not p.did_not_load("obligation", c.obligation)
        if c.obligation is not None and missing:
            bad(f"unknown obligation '{c.obligation}'{did_you_mean(c.obligation, p.obligations)}",
                "conditions", i, "obligation")
        if c.obligation == o.id:
            bad("an obligation cannot be conditioned on itself", "conditions", i, "obligation")
        if c.event is not None and c.event not in events:
            bad(f"unknown event '{c.event}'{did_you_mean(c.event, events)}", "conditions", i, "event")


def check_source(p: Project, sid: str) -> list[Problem]:
    s, where, doc = p.sources[sid], p.place("source", sid), p.documents.get(sid)
    out: list[Problem] = []
    if doc is None or doc.text is None:
        return out
    if doc.sha256 != s.sha256:
        out.append(Problem(*where.at("sha256"), f"source file {doc.path} has changed: its sha256 is {doc.sha256}, "
                           f"sources.yaml records {s.sha256}"))
    for i, line in enumerate(s.furniture):
        if find_verbatim(doc.text, line) is None:
            out.append(Problem(*where.at("furniture", i), f"furniture line not found in {doc.name}"))
    if s.republished and s.republished.date < s.published.date:
        out.append(Problem(*where.at("republished", "date"), "republished before it was first published"))
    return out


def _furniture_spans(p: Project, sid: str) -> list[Span]:
    doc = p.documents[sid]
    spans = []
    for line in p.sources[sid].furniture:
        for m in _pattern(line).finditer(doc.text or ""):
            spans.append(Span(m.start(), m.end(), 0))
    return spans


def check_item(p: Project, iid: str, spans: dict[str, Span], furniture: dict[str, list[Span]]) -> list[Problem]:
    it, where = p.items[iid], p.place("evidence item", iid)
    out: list[Problem] = []

    def bad(message: str, *keys) -> None:
        out.append(Problem(*where.at(*keys), message))

    if it.origin not in p.origins and not p.did_not_load("origin", it.origin):
        bad(f"unknown origin '{it.origin}'{did_you_mean(it.origin, p.origins)}", "origin")
    parties = [x.id for x in p.agreement.parties] if p.agreement else []
    if p.agreement and it.party is not None and it.party not in parties:
        bad(f"unknown party '{it.party}'{did_you_mean(it.party, parties)}", "party")
    for i, link in enumerate(it.links if p.agreement else []):  # no agreement: links cannot resolve
        _check_link(p, link, lambda m, *k, i=i: bad(m, "links", i, *k))
    _check_links_agree(it, where, bad)
    source = p.sources.get(it.source)
    if source is None and not p.did_not_load("source", it.source):
        bad(f"unknown source '{it.source}'{did_you_mean(it.source, p.sources)}", "source")
    if source is None:
        return out
    if it.event_date and parse_fuzzy(it.event_date)[0] > source.published.date:
        bad(f"event date {it.event_date} is after its source's publication ({source.published.date})", "event_date")
    doc = p.documents.get(it.source)
    if doc is None or doc.text is None:
        return out
    span = find_verbatim(doc.text, it.quote)
    if span is None:
        bad(f"quote not found verbatim in {doc.name}{_near_miss(doc.text, it.quote)}", "quote")
        return out
    if any(f.start <= span.start < f.end or span.start <= f.start < span.end for f in furniture.get(it.source, [])):
        bad(f"quote comes from page furniture of {doc.name} (a caption, sidebar or link), not the article", "quote")
    spans[iid] = span
    return out


def _check_links_agree(it, where, bad) -> None:
    """One item counts on one side of an obligation, once.

    Why: linked as both breach and compliance, the same passage would weigh on both sides of the
    same question; the same link written twice would list and count the item twice. Two links with
    one stance and different indicators are allowed: a passage may show more than one indicator.
    """
    sides: dict[str, int] = {}  # obligation -> first link taking breach or compliance
    seen: dict[tuple, int] = {}  # (obligation, stance, indicator) -> first link
    for i, link in enumerate(it.links):
        same = (link.obligation, link.stance, link.indicator)
        if same in seen:
            _, line, _ = where.at("links", seen[same])
            bad(f"this link repeats link {seen[same] + 1} (line {line}): same obligation, stance and indicator; "
                "remove one", "links", i)
            continue
        seen[same] = i
        if link.stance not in ("breach", "compliance"):
            continue
        j = sides.setdefault(link.obligation, i)
        other = it.links[j].stance
        if other != link.stance:
            _, line, _ = where.at("links", j)
            bad(f"'{link.obligation}' is linked as {link.stance} here and as {other} by link {j + 1} (line {line}): "
                "one item counts on one side only; keep the stance the quote supports, or link it once with "
                "diagnostic: false if it fits both", "links", i)


def _check_link(p: Project, link, bad) -> None:
    o = p.obligations.get(link.obligation)
    if o is None and not p.did_not_load("obligation", link.obligation):
        bad(f"unknown obligation '{link.obligation}'{did_you_mean(link.obligation, p.obligations)}", "obligation")
    if o is None:
        return
    if link.indicator is None:
        return
    sides = {"compliance": o.indicators.compliance, "breach": o.indicators.breach}
    known = {i.id: side for side, inds in sides.items() for i in inds}
    on_both = {i.id for i in sides["compliance"]} & {i.id for i in sides["breach"]}  # reported on the rule
    if link.indicator not in known:
        bad(f"'{o.id}' has no indicator '{link.indicator}'{did_you_mean(link.indicator, known)}", "indicator")
    elif link.stance in sides and known[link.indicator] != link.stance and link.indicator not in on_both:
        bad(f"indicator '{link.indicator}' is a {known[link.indicator]} indicator but the stance is "
            f"{link.stance}", "indicator")


def check_events(p: Project) -> list[Problem]:
    """An event's date is either stated by the agreement (quoted verbatim) or reported by evidence."""
    a, text = p.agreement, p.agreement_text.text if p.agreement_text else None
    if a is None:
        return []
    where, out = p.place("agreement", a.id), []
    for i, e in enumerate(a.events):
        if e.date is not None and e.stated is None:
            out.append(Problem(*where.at("events", i, "date"), f"event '{e.id}' has a date but no `stated`: "
                               "quote the agreement's words that give it, or remove the date and let the "
                               "evidence items that report the event (`event: " + e.id + "`) date it"))
        elif e.stated is not None and e.date is None:
            out.append(Problem(*where.at("events", i, "stated"), f"event '{e.id}' quotes the agreement but gives "
                               "no `date`"))
        elif e.stated is not None and text is not None and find_verbatim(text, e.stated) is None:
            out.append(Problem(*where.at("events", i, "stated"), f"`stated` not found verbatim in "
                               f"{p.agreement_text.name}{_near_miss(text, e.stated)}"))
    return out


def check_item_time(p: Project, iid: str, claims: dict[str, dict[tuple[str, str], str]]) -> list[Problem]:
    """An item's event, borrowed event date and claim key resolve and agree with other items."""
    it, where, out = p.items[iid], p.place("evidence item", iid), []
    events = {e.id for e in p.agreement.events} if p.agreement else set()
    if it.event is not None and p.agreement and it.event not in events:
        out.append(Problem(*where.at("event"), f"unknown event '{it.event}'{did_you_mean(it.event, events)}"))
    if it.event_date_from is not None:
        lender = p.sources.get(it.event_date_from)
        if it.event_date is None:
            out.append(Problem(*where.at("event_date_from"), "event_date_from names where the event date comes "
                               "from, but the item has no event_date"))
        if it.event_date_from == it.source:
            out.append(Problem(*where.at("event_date_from"), "event_date_from names the item's own source: "
                               "remove it (the date is in the item's own document)"))
        elif lender is None and not p.did_not_load("source", it.event_date_from):
            out.append(Problem(*where.at("event_date_from"), f"unknown source '{it.event_date_from}'"
                               f"{did_you_mean(it.event_date_from, p.sources)}"))
    if it.claim_key is not None:
        seen = claims.setdefault(it.claim_key, {})
        for i, link in enumerate(it.links):
            opposite = {"breach": "compliance", "compliance": "breach"}.get(link.stance)
            other = seen.get((link.obligation, opposite or ""))
            if other is not None:
                out.append(Problem(*where.at("links", i, "stance"), f"claim_key '{it.claim_key}' is the claim "
                                   f"of {other}, which takes the opposite stance on {link.obligation}: items "
                                   "that report the same claim cannot point opposite ways"))
            seen.setdefault((link.obligation, link.stance), iid)
    return out


def check_operative(p: Project, oid: str) -> list[Problem]:
    o = p.obligations[oid]
    if o.operative is None or find_verbatim(o.text, o.operative) is not None:
        return []
    return [Problem(*p.place("obligation", oid).at("operative"),
                    f"operative words not found verbatim in the rule's text{_near_miss(o.text, o.operative)}")]


def check_overrides(p: Project) -> list[Problem]:
    """An override must name an obligation of the rules in use."""
    return [Problem(*p.place("override", oid).at("obligation"),
                    f"unknown obligation '{oid}'{did_you_mean(oid, p.obligations)}")
            for oid in p.overrides if oid not in p.obligations and not p.did_not_load("obligation", oid)]


def check_project(p: Project) -> tuple[list[Problem], dict[str, Span]]:
    """Every cross-file problem, and each verified quote's location in its source."""
    spans: dict[str, Span] = {}
    problems = check_agreement(p)
    for oid in p.obligations:
        problems += check_obligation(p, oid)
    for sid in p.sources:
        problems += check_source(p, sid)
    furniture = {sid: _furniture_spans(p, sid) for sid, doc in p.documents.items() if doc.text}
    for iid in p.items:
        problems += check_item(p, iid, spans, furniture)
    problems += check_events(p)
    for oid in p.obligations:
        problems += check_operative(p, oid)
    problems += check_overrides(p)
    claims: dict[str, dict[tuple[str, str], str]] = {}
    for iid in sorted(p.items):
        problems += check_item_time(p, iid, claims)
    return problems, spans
