"""Cross-file checks on a loaded project: ids resolve, texts and quotes are verbatim, files unchanged.

Pure: works on what load.py read, returns problems (and the quotes' computed locations).
"""

from __future__ import annotations

import hashlib
from typing import Any

from scorecard.cache import Cache
from scorecard.dates import compute_deadline, parse_fuzzy
from scorecard.errors import Problem, did_you_mean
from scorecard.itemrefs import check_item_refs
from scorecard.load import Place, Project
from scorecard.model.project import Span
from scorecard.quotes import Haystack, Quotes, find_verbatim, near_miss, sound_place, stands
from scorecard.time_checks import check_events, check_item_time


def check_agreement(p: Project) -> list[Problem]:
    out: list[Problem] = []
    a, text = p.partial_agreement(), p.agreement_text
    if a is None:
        return out
    where = p.place("agreement", a.id or "")
    if text is not None and text.sha256 and a.text is not None and text.sha256 != a.text.sha256:
        out.append(
            Problem(
                *where.at("text", "sha256"),
                f"agreement text {text.path} has changed: its sha256 is "
                f"{text.sha256}, agreement.yaml records {a.text.sha256}",
            )
        )
    clauses = a.clauses or []
    for c in sorted({c for c in clauses if clauses.count(c) > 1}):
        out.append(Problem(*where.at("clauses"), f"clause '{c}' is listed twice"))
    for key, kind, ids in (
        ("parties", "party", [x.id for x in a.parties or []]),
        ("events", "event", [e.id for e in a.events or []]),
    ):
        out += _repeated_ids(where, key, kind, ids)
    return out


def _repeated_ids(where: Place, key: str, kind: str, ids: list[str]) -> list[Problem]:
    """Each id defined again in the list `key`, at the repeat, naming the first definition.

    Why: a later definition would silently replace the first one (a party renamed in every output).
    """
    out: list[Problem] = []
    first: dict[str, int] = {}
    for i, id_ in enumerate(ids):
        if id_ in first:
            path, line, _ = where.at(key, first[id_], "id")
            out.append(
                Problem(
                    *where.at(key, i, "id"), f"duplicate {kind} id '{id_}' (first defined at {path}:{line})"
                )
            )
        else:
            first[id_] = i
    return out


def check_obligation(p: Project, oid: str, agreement_text: Haystack | None = None) -> list[Problem]:
    """Problems of one obligation, loaded or (where it failed validation) the valid part of it."""
    o, where, a = p.lookup("obligation", oid), p.place("obligation", oid), p.partial_agreement()
    out: list[Problem] = []

    def bad(message: str, *keys) -> None:
        out.append(Problem(*where.at(*keys), message))

    _check_deadline(o, bad)
    ids = [i.id for i in o.indicators.compliance + o.indicators.breach] if o.indicators else []
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        bad(f"indicator id '{dup}' is used twice", "indicators")
    if a is None:
        return out
    if o.agreement is not None and a.id is not None and o.agreement != a.id:
        bad(f"agreement '{o.agreement}' is not the one in this rules folder ('{a.id}')", "agreement")
    if o.clause is not None and a.clauses is not None and o.clause not in a.clauses:
        bad(f"unknown clause '{o.clause}'{did_you_mean(o.clause, a.clauses)}", "clause")
    parties = [x.id for x in a.parties] if a.parties is not None else None
    if o.party is not None and parties is not None and o.party not in parties:
        bad(f"unknown party '{o.party}'{did_you_mean(o.party, parties)}", "party")
    text = agreement_text or (p.agreement_text.text if p.agreement_text else None)
    if text is not None and o.text is not None and find_verbatim(text, o.text) is None:
        name = p.agreement_text.name if p.agreement_text else "the agreement text"
        bad(f"text not found verbatim in {name}{near_miss(text, o.text)}", "text")
    _check_conditions(p, o, a, bad)
    _check_same_duty(p, o, bad)
    return out


def _check_deadline(o, bad) -> None:
    d = o.deadline
    if d is None:
        return
    if (d.add_days is not None or d.add_months is not None) and d.from_date is None:
        bad("deadline gives add_days/add_months but no from_date to add them to", "deadline")
    if (
        d.from_date is not None
        and d.date is not None
        and (d.add_days is not None or d.add_months is not None)
    ):
        try:
            computed = compute_deadline(d.from_date, d.add_days, d.add_months)
        except ValueError as exc:
            bad(f"deadline cannot be computed: {exc}", "deadline", "from_date")
            return
        if computed != d.date:
            bad(
                f"deadline date {d.date} does not match its rule: {d.from_date} plus "
                f"{d.add_months or 0} month(s) and {d.add_days or 0} day(s) is {computed}",
                "deadline",
                "date",
            )


def _check_conditions(p: Project, o, a, bad) -> None:
    events = {e.id for e in a.events} if a.events is not None else None
    for i, c in enumerate(o.conditions or []):
        if (c.obligation is None) == (c.event is None):
            bad("a condition names exactly one of 'obligation' or 'event'", "conditions", i)
        missing = c.obligation not in p.obligations and not p.did_not_load("obligation", c.obligation)
        if c.obligation is not None and missing:
            bad(
                f"unknown obligation '{c.obligation}'{did_you_mean(c.obligation, p.obligations)}",
                "conditions",
                i,
                "obligation",
            )
        if c.obligation == o.id:
            bad("an obligation cannot be conditioned on itself", "conditions", i, "obligation")
        if c.event is not None and events is not None and c.event not in events:
            bad(f"unknown event '{c.event}'{did_you_mean(c.event, events)}", "conditions", i, "event")


def _check_same_duty(p: Project, o, bad) -> None:
    """Why another clause's only: suggestions are one per clause, so a twin in its own clause would
    never be shown beside it."""
    for i, oid in enumerate(o.same_duty or []):
        other = p.obligations.get(oid)
        if other is None and not p.did_not_load("obligation", oid):
            bad(f"unknown obligation '{oid}'{did_you_mean(oid, p.obligations)}", "same_duty", i)
        elif oid == o.id:
            bad("an obligation is not its own twin", "same_duty", i)
        elif other is not None and other.clause == o.clause:
            bad(
                f"'{oid}' is of the same clause ({o.clause}): name an obligation of another clause",
                "same_duty",
                i,
            )


def check_source(p: Project, sid: str, quotes: Quotes | None = None) -> list[Problem]:
    """Problems of one source, loaded or (where it failed validation) the valid part of it."""
    s, where, doc = p.lookup("source", sid), p.place("source", sid), p.documents.get(sid)
    out: list[Problem] = []
    if s.republished and s.published and s.republished.date < s.published.date:
        out.append(Problem(*where.at("republished", "date"), "republished before it was first published"))
    shown, sha = p.originals.get(sid, ("", None))
    if (
        sha is not None
        and s.original is not None
        and s.original.sha256 is not None
        and sha != s.original.sha256
    ):
        out.append(
            Problem(
                *where.at("original", "sha256"),
                f"original file {shown} has changed: its sha256 is {sha}, sources.yaml records {s.original.sha256}",
            )
        )
    if doc is None or doc.text is None:
        return out
    if s.sha256 is not None and doc.sha256 != s.sha256:
        out.append(
            Problem(
                *where.at("sha256"),
                f"source file {doc.path} has changed: its sha256 is {doc.sha256}, "
                f"sources.yaml records {s.sha256}",
            )
        )
    quotes = quotes or Quotes(p.documents)
    for i, line in enumerate(s.furniture or []):
        if quotes.first(sid, line) is None:
            out.append(Problem(*where.at("furniture", i), f"furniture line not found in {doc.name}"))
    return out


def _furniture_spans(p: Project, sid: str, quotes: Quotes) -> list[Span]:
    return [span for line in p.lookup("source", sid).furniture or [] for span in quotes.every(sid, line)]


def check_item(
    p: Project,
    iid: str,
    spans: dict[str, Span],
    furniture: dict[str, list[Span]],
    quotes: Quotes | None = None,
) -> list[Problem]:
    """Problems of one evidence item, loaded or (where it failed validation) the valid part of it."""
    it, where = p.lookup("evidence item", iid), p.place("evidence item", iid)
    out: list[Problem] = []

    def bad(message: str, *keys) -> None:
        out.append(Problem(*where.at(*keys), message))

    a = p.partial_agreement()
    if it.origin is not None and it.origin not in p.origins and not p.did_not_load("origin", it.origin):
        bad(f"unknown origin '{it.origin}'{did_you_mean(it.origin, p.origins)}", "origin")
    parties = [x.id for x in a.parties] if a is not None and a.parties is not None else None
    if parties is not None and it.party is not None and it.party not in parties:
        bad(f"unknown party '{it.party}'{did_you_mean(it.party, parties)}", "party")
    for i, link in enumerate((it.links or []) if a is not None else []):  # no agreement: links cannot resolve
        _check_link(p, link, lambda m, *k, i=i: bad(m, "links", i, *k))
    _check_links_agree(it, where, bad)
    if it.source is None:
        return out
    source = p.lookup("source", it.source)
    if source is None and not p.did_not_load("source", it.source):
        bad(f"unknown source '{it.source}'{did_you_mean(it.source, p.sources)}", "source")
    if source is None:
        return out
    if it.event_date and source.published and parse_fuzzy(it.event_date)[0] > source.published.date:
        bad(
            f"event date {it.event_date} is after its source's publication ({source.published.date})",
            "event_date",
        )
    doc = p.documents.get(it.source)
    if doc is None or doc.text is None or it.quote is None:
        return out
    quotes = quotes or Quotes(p.documents)
    span = quotes.first(it.source, it.quote)
    if span is None:
        bad(
            f"quote not found verbatim in {doc.name}{near_miss(quotes.hay(it.source) or doc.text, it.quote)}",
            "quote",
        )
        return out
    if any(
        f.start <= span.start < f.end or span.start <= f.start < span.end
        for f in furniture.get(it.source, [])
    ):
        bad(
            f"quote comes from page furniture of {doc.name} (a caption, sidebar or link), not the article",
            "quote",
        )
    if iid in p.items:
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
    for i, link in enumerate(it.links or []):
        same = (link.obligation, link.stance, link.indicator)
        if same in seen:
            _, line, _ = where.at("links", seen[same])
            bad(
                f"this link repeats link {seen[same] + 1} (line {line}): same obligation, stance and indicator; "
                "remove one",
                "links",
                i,
            )
            continue
        seen[same] = i
        if link.stance not in ("breach", "compliance"):
            continue
        j = sides.setdefault(link.obligation, i)
        other = it.links[j].stance
        if other != link.stance:
            _, line, _ = where.at("links", j)
            bad(
                f"'{link.obligation}' is linked as {link.stance} here and as {other} by link {j + 1} (line {line}): "
                "one item counts on one side only; keep the stance the quote supports, or link it once with "
                "diagnostic: false if it fits both",
                "links",
                i,
            )


_SIDES: dict[int, tuple[Any, dict[str, str], set[str]]] = {}


def _indicator_sides(o) -> tuple[dict[str, str], set[str]]:
    """Each indicator's side, and those listed on both (reported on the rule); worked out once per rule."""
    hit = _SIDES.get(id(o))
    if hit is None or hit[0] is not o:
        sides = {"compliance": o.indicators.compliance, "breach": o.indicators.breach}
        known = {i.id: side for side, inds in sides.items() for i in inds}
        on_both = {i.id for i in sides["compliance"]} & {i.id for i in sides["breach"]}
        if len(_SIDES) > 10_000:
            _SIDES.clear()
        hit = _SIDES[id(o)] = (o, known, on_both)
    return hit[1], hit[2]


def _check_link(p: Project, link, bad) -> None:
    o = p.lookup("obligation", link.obligation)
    if o is None and not p.did_not_load("obligation", link.obligation):
        bad(
            f"unknown obligation '{link.obligation}'{did_you_mean(link.obligation, p.obligations)}",
            "obligation",
        )
    if o is None or o.indicators is None:
        return
    if link.indicator is None:
        return
    sides = {"compliance": o.indicators.compliance, "breach": o.indicators.breach}
    known, on_both = _indicator_sides(o)
    if link.indicator not in known:
        bad(f"'{o.id}' has no indicator '{link.indicator}'{did_you_mean(link.indicator, known)}", "indicator")
    elif link.stance in sides and known[link.indicator] != link.stance and link.indicator not in on_both:
        bad(
            f"indicator '{link.indicator}' is a {known[link.indicator]} indicator but the stance is "
            f"{link.stance}",
            "indicator",
        )


def check_operative(p: Project, oid: str) -> list[Problem]:
    o = p.obligations[oid]
    if o.operative is None or find_verbatim(o.text, o.operative) is not None:
        return []
    return [
        Problem(
            *p.place("obligation", oid).at("operative"),
            f"operative words not found verbatim in the rule's text{near_miss(o.text, o.operative)}",
        )
    ]


def check_examples(p: Project) -> list[Problem]:
    """An example's links resolve as an evidence item's do (obligation, indicator, side)."""
    out: list[Problem] = []
    if p.partial_agreement() is None:
        return out  # no agreement: links cannot resolve
    for eid in _ids(p, "example", p.examples):
        ex, where = p.lookup("example", eid), p.place("example", eid)
        for i, link in enumerate(ex.links or []):

            def bad(message: str, *keys, i: int = i, where: Place = where) -> None:
                out.append(Problem(*where.at("links", i, *keys), message))

            _check_link(p, link, bad)
    return out


def check_overrides(p: Project) -> list[Problem]:
    """An override must name an obligation of the rules in use."""
    return [
        Problem(
            *p.place("override", oid).at("obligation"),
            f"unknown obligation '{oid}'{did_you_mean(oid, p.obligations)}",
        )
        for oid in p.overrides
        if oid not in p.obligations and not p.did_not_load("obligation", oid)
    ]


def _by_file(p: Project, iids: list[str]) -> dict[str, list[str]]:
    """Item ids by the file that defines them, in order."""
    out: dict[str, list[str]] = {}
    for iid in iids:
        out.setdefault(p.place("evidence item", iid).path, []).append(iid)
    return out


class _CheckedFiles:
    """Evidence items files checked before with nothing to report, kept in the cache.

    An items file's checks (its references, indicators, dates, quotes and their places) depend on
    the file and on everything it may name: the rules, the sources, origins and overrides, the
    documents and the policy. One entry per context (the sha256 of all those others) maps each
    items file's sha256 to its items' quote places, so any change to them checks every items file
    again, and an edited items file is checked again on its own. What an item shares with other
    items (claim keys, events) is checked on every run.

    Why one entry and not one per file: a run reads it once instead of once per items file (500
    reads at 100x the shipped evidence); it is written only when a file was checked afresh, and
    keeps only the files the project has now."""

    def __init__(self, p: Project, cache: Cache | None):
        self.cache, self.p = cache, p
        self._known: dict[str, Any] | None = None
        self._fresh: dict[str, dict[str, list[int]]] = {}
        if cache is not None:
            others = sorted((path, sha) for path, sha in p.shas.items() if path not in p.item_files)
            self.name = f"checked {hashlib.sha256(repr(others).encode()).hexdigest()}"

    def _all(self) -> dict[str, Any]:
        if self._known is None:
            hit = self.cache.get(self.name) if self.cache is not None else None
            self._known = hit[0] if hit is not None and isinstance(hit[0], dict) else {}
        return self._known

    def get(self, path: str, iids: list[str]) -> dict[str, Span] | None:
        sha = self.p.shas.get(path) if self.cache is not None else None
        value: Any = self._all().get(sha) if sha else None
        if not isinstance(value, dict) or sorted(value) != sorted(iids):
            return None
        if not all(sound_place(v) and self._stands(iid, v) for iid, v in value.items()):
            return None
        return {iid: Span(*value[iid]) for iid in iids}

    def _stands(self, iid: str, place: list[int]) -> bool:
        """The remembered place of an item's quote still holds the quote (checked, never trusted)."""
        item = self.p.items.get(iid)
        if item is None:
            return False
        doc = self.p.documents.get(item.source)
        return doc is not None and doc.text is not None and stands(doc.text, place[0], place[1], item.quote)

    def put(self, path: str, spans: dict[str, Span]) -> None:
        sha = self.p.shas.get(path) if self.cache is not None else None
        if sha:
            self._fresh[sha] = {iid: [s.start, s.end, s.line] for iid, s in spans.items()}

    def save(self) -> None:
        if self.cache is None or not self._fresh:
            return
        now = {self.p.shas[path] for path in self.p.item_files if path in self.p.shas}
        kept = {sha: v for sha, v in {**self._all(), **self._fresh}.items() if sha in now}
        self.cache.put(self.name, kept)
        self._fresh.clear()


def _ids(p: Project, kind: str, loaded: dict) -> list[str]:
    """Ids of the loaded objects of `kind`, then of those that failed validation but kept an id."""
    return [*loaded, *(id_ for (k, id_) in p.partial if k == kind and id_ not in loaded)]


def check_project(
    p: Project, cache: Cache | None = None, trusted: bool = False
) -> tuple[list[Problem], dict[str, Span]]:
    """Every cross-file problem, and each verified quote's location in its source.

    `cache`: quotes found before in the same document bytes are not searched for again; and, when
    loading found no problem (`trusted`), an evidence items file checked before with nothing to
    report, against the same rules, sources, origins and documents, is not checked again."""
    spans: dict[str, Span] = {}
    problems = check_agreement(p)
    text = p.agreement_text.text if p.agreement_text else None
    agreement_text = Haystack(text) if text is not None else None
    for oid in _ids(p, "obligation", p.obligations):
        problems += check_obligation(p, oid, agreement_text)
    quotes = Quotes(p.documents, cache)
    for sid in _ids(p, "source", p.sources):
        problems += check_source(p, sid, quotes)
    furniture = {
        sid: _furniture_spans(p, sid, quotes) for sid, doc in p.documents.items() if doc.text is not None
    }
    checked = _CheckedFiles(p, cache if trusted else None)
    for path, iids in _by_file(p, _ids(p, "evidence item", p.items)).items():
        kept = checked.get(path, iids)
        if kept is not None:
            spans.update(kept)
            continue
        found = [x for iid in iids for x in check_item(p, iid, spans, furniture, quotes)]
        if not found and all(iid in spans for iid in iids):
            checked.put(path, {iid: spans[iid] for iid in iids})
        problems += found
    quotes.save()
    checked.save()
    problems += check_events(p)
    for oid in p.obligations:
        problems += check_operative(p, oid)
    problems += check_overrides(p)
    problems += check_examples(p)
    claims: dict[str, dict[tuple[str, str], str]] = {}
    events = {e.id for e in p.agreement.events} if p.agreement else None
    for iid in sorted(p.items):
        problems += check_item_time(p, iid, claims, events) + check_item_refs(p, iid, events)
    return problems, spans
