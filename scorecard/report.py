"""Assemble the one Report every renderer sees. Pure: no I/O, no clock."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import TypeAdapter

from scorecard import explain
from scorecard.conditions import (
    ConditionJudge,
    Judged,
    confidences,
    excusing,
    obligation_conditions,
    statuses,
)
from scorecard.model import EvidenceItem, Link, Obligation, Source
from scorecard.model.project import ValidProject as Project
from scorecard.reading import clipped, latest_source, performance
from scorecard.results import (
    AgreementOut,
    Corpus,
    Counts,
    DeadlineOut,
    EvidenceRef,
    ObligationResult,
    OverrideOut,
    PolicyOut,
    Report,
    Sensitivity,
    SourceOut,
    Status,
    StatusAt,
)
from scorecard.score import (
    Assessment,
    Corroboration,
    Tally,
    Use,
    assess,
    band,
    confidence,
    self_claim,
    weighed_evidence,
    witness,
)
from scorecard.sensitivity import sensitivity
from scorecard.timeline import Clock, known_events, published_marks, schedule

Pairs = list[tuple[EvidenceItem, Link, Source]]


def digest(hashes: dict[str, str]) -> str:
    """One sha256 over many files: their hashes and relative paths, in path order."""
    lines = "".join(f"{sha}  {path}\n" for path, sha in sorted(hashes.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def visible(p: Project, as_of: date) -> list[EvidenceItem]:
    """Items published by `as_of`, each knowing only what had been published by then, and each
    under the origin it is independent as (score.witness).

    Why: an event date taken from another document is not known before that document is.
    """
    out = []
    for item in p.items.values():
        if p.sources[item.source].published.date > as_of:
            continue
        update: dict[str, object] = {}
        lender = p.sources.get(item.event_date_from or "")
        if lender is not None and lender.published.date > as_of:
            update["event_date"] = None
        origin = witness(item, p.items, p.origins, p.sources)
        if origin != item.origin:
            update["origin"] = origin
        out.append(item.model_copy(update=update) if update else item)
    return out


def evidence_by_obligation(p: Project, items: list[EvidenceItem]) -> dict[str, Pairs]:
    """(item, link, source) per obligation id."""
    out: dict[str, Pairs] = defaultdict(list)
    for item in items:
        for link in item.links:
            out[link.obligation].append((item, link, p.sources[item.source]))
    return out


def cutoff(p: Project, as_of: date) -> date | None:
    dates = [s.published.date for s in p.sources.values() if s.published.date <= as_of]
    return max(dates, default=None)


@dataclass(frozen=True)
class Scored:
    """Every obligation assessed at one date, with what produced it."""

    clock: Clock
    corroboration: Corroboration
    pairs: dict[str, Pairs]
    base: dict[str, Status]  # each obligation's status from its own evidence, before conditions
    judged: dict[str, Judged]  # per obligation: its excusing conditions, judged up to its deadline
    final: dict[str, Assessment]


def assess_all(p: Project, as_of: date) -> Scored:
    """Assess every obligation: first on its own evidence, then with its conditions' findings.

    Why: a condition is judged on its own evidence (on conduct up to the dependent duty's
    deadline), so conditions never chase each other round.
    """
    items = visible(p, as_of)
    reports = [(i, p.sources[i.source]) for i in items]
    corrected, foreclosed = published_marks(reports, as_of)
    clock = Clock(as_of, p.agreement.signed, known_events(reports, as_of), corrected, foreclosed)
    pairs = evidence_by_obligation(p, items)
    corr = Corroboration(items, p.policy, corrected)
    weighed = {
        o.id: weighed_evidence(o, pairs.get(o.id, []), p.policy, clock, corr) for o in p.obligations.values()
    }
    first = {
        o.id: assess(o, [], p.policy, clock, corr, {}, weighed=weighed[o.id]) for o in p.obligations.values()
    }
    judge = ConditionJudge(p.obligations, pairs, reports, p.policy, clock)
    judged: dict[str, Judged] = {}
    final = dict(first)
    # Only an obligation another party's duty can excuse changes with its conditions' findings.
    for o in p.obligations.values():
        if excusing(o, p.obligations):
            judged[o.id], cutoff = judge.conditions_of(o, first[o.id])
            final[o.id] = assess(
                o, [], p.policy, clock, corr, statuses(judged[o.id]), weighed=weighed[o.id], conduct_by=cutoff
            )
    return Scored(clock, corr, pairs, {k: a.status for k, a in first.items()}, judged, final)


_COUNTED = {
    "context": "context",
    "pre-signature": "context",
    "ambiguity": "ambiguity",
    "non-diagnostic": "non_diagnostic",
}


def _counts(o: Obligation, uses: list[Use], t: Tally) -> Counts:
    """Distinct items by what they count as, in one pass over the uses.

    Why denials apart: the obliged party's own word that it complied is a denial (or a claim),
    not an independent compliance origin, and is shown as what it is."""
    ids: dict[str, set[str]] = {
        k: set() for k in ("breach", "compliance", "context", "ambiguity", "non_diagnostic", "denials")
    }
    for u in uses:
        if u.role == "diagnostic":
            if u.link.stance in ("breach", "compliance"):
                ids[u.link.stance].add(u.item.id)
            if self_claim(u.item, u.link, o):
                ids["denials"].add(u.item.id)
        elif u.role in _COUNTED:
            ids[_COUNTED[u.role]].add(u.item.id)
    own = {u.item.origin for u in t.compliance.values() if self_claim(u.item, u.link, o)}
    return Counts(
        **{k: len(v) for k, v in ids.items()},
        breach_origins=len(t.breach),
        compliance_origins=len(t.compliance) - len(own),
    )


_REFS = TypeAdapter(list[EvidenceRef])


def _ref(p: Project, u: Use, shared: dict[str, dict]) -> dict[str, Any]:
    """An EvidenceRef's fields, validated together with the rest of its obligation's evidence
    (_REFS, one call). `shared`: what an item contributes to every obligation it bears on, made
    once per item."""
    item = u.item
    common = shared.get(item.id)
    if common is None:
        span, source = p.spans.get(item.id), u.source
        common = shared[item.id] = {
            "id": item.id,
            "source": source.id,
            "origin": p.items[item.id].origin if item.id in p.items else item.origin,  # as filed
            "published": source.published.date,
            "event_date": item.event_date,
            "reliability": source.reliability.grade,
            "claim": item.claim,
            "quote": " ".join(item.quote.split()),
            "attributed_to": item.attributed_to,
            "line": span.line if span else 0,
            "start": span.start if span else 0,
            "end": span.end if span else 0,
        }
    link = u.link
    ref = common.copy()
    ref["stance"] = link.stance
    ref["role"] = u.role
    ref["indicator"] = link.indicator
    ref["extent"] = link.extent
    ref["credibility"] = u.credibility
    ref["grade"] = u.grade
    ref["weight"] = u.weight
    ref["note"] = link.note
    return ref


def _conditions(p: Project, o: Obligation, s: Scored) -> list[str]:
    events = {e.id: e for e in p.agreement.events}
    judged, a = s.judged.get(o.id, {}), s.final[o.id]
    out = []
    for c in o.conditions:
        x = c.obligation
        if x in judged and a.conduct_by:
            out.append(f"{x} ({judged[x][0].value} on conduct up to {explain.day(a.conduct_by)}): {c.effect}")
        elif x and x in p.obligations and p.obligations[x].kind == "qualifier":
            out.append(f"{x} (a qualifier, now {s.base[x].value}): {c.effect}")
        elif x and x in p.obligations and p.obligations[x].party == o.party:
            out.append(f"{x} (the same party's duty: sequencing, never an excuse): {c.effect}")
        elif x:
            out.append(f"{x} (now {s.base[x].value}): {c.effect}")
        elif c.event in events:
            when = s.clock.events.get(c.event)
            out.append(
                f"{events[c.event].description} "
                f"({explain.day(when) if when else 'not reported by then'}): {c.effect}"
            )
    return out


def score_obligation(
    p: Project,
    o: Obligation,
    s: Scored,
    remains: bool | None,
    corpus_cutoff: date | None,
    previous: Status | None = None,
    history: list[StatusAt] | None = None,
    shared: dict[str, dict] | None = None,
) -> ObligationResult:
    """Put one assessed obligation into words (`shared`: see _ref, kept across obligations)."""
    policy, agreement, a = p.policy, p.agreement, s.final[o.id]
    shared = {} if shared is None else shared
    as_of = s.clock.as_of
    sched = schedule(o, a, as_of)
    judged = s.judged.get(o.id, {})
    sens = sensitivity(o, s.pairs.get(o.id, []), a, policy, s.clock, s.corroboration, statuses(judged))
    party = next(x.short for x in agreement.parties if x.id == o.party)
    qualifiers = [p.obligations[x] for x in obligation_conditions(o) if p.obligations[x].kind == "qualifier"]
    origins = sorted({u.item.origin for u in a.uses if u.role == "diagnostic"})
    events = {e.id: e for e in agreement.events}
    return _overridden(
        p,
        ObligationResult(
            **_rule_fields(o),
            conditions=_conditions(p, o, s),
            status=a.status,
            remains=remains,
            previous_status=previous,
            likelihood=band(a.probability, a.status, policy),
            breach_probability=a.probability if band(a.probability, a.status, policy) else None,
            confidence=confidence(a, o, policy, confidences(judged)),
            ambiguity=explain.ambiguity(o, qualifiers, a.uses),
            verifiability=explain.verifiability(o),
            schedule=sched,
            **_time_fields(o, a, corpus_cutoff or as_of),
            counts=_counts(o, a.uses, a.tally),
            independent_origins=origins,
            evidence=_REFS.validate_python([_ref(p, u, shared) for u in a.uses]),
            reasons=explain.reasons(
                o, a, sched, agreement, as_of, corpus_cutoff, policy.self_claim_weight, events
            ),
            sensitivity=[Sensitivity(evidence=i, status_without=x) for i, x in sens],
            would_change=explain.would_change(o, a, sched, sens, events),
            finding=explain.finding(o, a, sched, party, remains, agreement, corpus_cutoff),
            override=None,
            history=history,
            performance=performance(a.status, sched),
            latest_source=latest_source(a.uses),
        ),
    )


def _rule_fields(o: Obligation) -> dict[str, Any]:
    """What a result repeats of its rule."""
    return {
        "id": o.id,
        "clause": o.clause,
        "party": o.party,
        "kind": o.kind,
        "title": o.title,
        "summary": o.summary,
        "text": o.text,
        "operative": o.operative or o.text,
        "text_status": o.text_status,
        "text_note": o.text_note,
        "beneficiary": o.beneficiary,
    }


def _time_fields(o: Obligation, a: Assessment, end: date) -> dict[str, Any]:
    """The deadline, delivery (in full, else in part) and breach period of an assessment (the
    period never past `end`, the corpus's last document)."""
    d = o.deadline
    return {
        "deadline": DeadlineOut(date=d.date, rule=d.rule, triggered=a.pending is None, due=a.due)
        if d
        else None,
        "delivered": a.delivered[1] if a.delivered else None,
        "delivered_in_part": a.delivered_in_part[1] if a.delivered_in_part and not a.delivered else None,
        "breach_period": clipped(a.breach_period, end),
    }


def _overridden(p: Project, r: ObligationResult) -> ObligationResult:
    """The analyst's status where an override names this obligation, the computed one kept beside it.

    Why after scoring: conditions and sensitivity are the scorer's; an override is a judgment on
    the finding, shown as such, and never feeds back into other obligations' findings.
    """
    ov = p.overrides.get(r.id)
    if ov is None:
        return r
    out = OverrideOut(
        computed_status=r.status, justification=ov.justification, reviewer=ov.reviewer, date=ov.date
    )
    status = Status(ov.status)
    return r.model_copy(
        update={"status": status, "override": out, "performance": performance(status, r.schedule)}
    )


def _source_out(p: Project, s: Source, items: int) -> SourceOut:
    doc = p.documents.get(s.id)
    return SourceOut(
        id=s.id,
        title=s.title,
        publisher=s.publisher,
        authors=s.authors,
        published=s.published.date,
        published_inferred=s.published.inferred,
        published_reason=s.published.reason,
        republished=s.republished.date if s.republished else None,
        url=s.url,
        kind=s.kind,
        file=doc.name if doc else s.file,
        sha256=s.sha256,
        reliability=s.reliability.grade,
        reliability_reason=s.reliability.reason,
        items=items,
    )


def order(p: Project) -> list[Obligation]:
    """Obligations in the agreement's clause order, then by id."""
    rank = {c: i for i, c in enumerate(p.agreement.clauses)}
    return sorted(p.obligations.values(), key=lambda o: (rank.get(o.clause, len(rank)), o.id))


HISTORY_DATES = 40


def history_dates(p: Project, as_of: date, obligation: str | None = None) -> list[date]:
    """Signature, each publication date and each deadline (only `obligation`'s, when given) up to
    `as_of`, and `as_of` itself.

    Why at most HISTORY_DATES (the first, the last, and evenly between): each date is a full
    assessment, and a corpus of thousands of documents must not make the report quadratic.
    """
    signed = p.agreement.signed
    found = {signed, as_of} | {
        s.published.date for s in p.sources.values() if signed <= s.published.date <= as_of
    }
    found |= {
        o.deadline.date
        for o in p.obligations.values()
        if (obligation is None or o.id == obligation)
        and o.deadline
        and o.deadline.date
        and signed <= o.deadline.date <= as_of
    }
    dates = sorted(d for d in found if d <= as_of) or [as_of]
    if len(dates) > HISTORY_DATES:
        step = (len(dates) - 1) / (HISTORY_DATES - 1)
        dates = sorted({dates[round(i * step)] for i in range(HISTORY_DATES)})
    return dates


def status_history(p: Project, dates: list[date]) -> dict[str, list[StatusAt]]:
    """Each obligation's status as of each date."""
    out: dict[str, list[StatusAt]] = defaultdict(list)
    for d in dates:
        final = assess_all(p, d).final
        for oid, a in final.items():
            out[oid].append(StatusAt(date=d, status=a.status))
    return out


def build_report(
    p: Project,
    as_of: date,
    party: str | None = None,
    previous_as_of: date | None = None,
    history: bool = False,
) -> Report:
    """Score every obligation (of `party`, if given) as of `as_of`; `previous_as_of` adds "remains";
    `history` adds each obligation's status at each date evidence appeared or a deadline fell."""
    head, results = report_in_parts(p, as_of, party, previous_as_of, history)
    return head.model_copy(update={"obligations": list(results)})


class Results:
    """The obligations' results in the report's order, each made when it is asked for: by iterating
    (one at a time, none kept), or by its place (`one(i)`, as a worker process making a share of
    them does). `uses[i]`: how many evidence links the i-th weighs, a measure of its cost."""

    def __init__(
        self, wanted: list[Obligation], uses: list[int], make: Callable[[Obligation], ObligationResult]
    ):
        self.wanted, self.uses, self._make = wanted, uses, make

    def one(self, i: int) -> ObligationResult:
        return self._make(self.wanted[i])

    def __iter__(self) -> Iterator[ObligationResult]:
        return (self._make(o) for o in self.wanted)


def report_in_parts(
    p: Project,
    as_of: date,
    party: str | None = None,
    previous_as_of: date | None = None,
    history: bool = False,
) -> tuple[Report, Results]:
    """The Report without its obligations, and the obligations' results one at a time, in order.

    Why: a writer that puts each result out as it comes (JSON) never holds them all; the
    assessment itself (every obligation, then their conditions) is complete before the first."""
    now = assess_all(p, as_of)
    before = assess_all(p, previous_as_of) if previous_as_of else None
    past = status_history(p, history_dates(p, as_of)) if history else {}
    last = cutoff(p, as_of)

    shared: dict[str, dict] = {}

    def one(o: Obligation) -> ObligationResult:
        remains = None if before is None else before.final[o.id].status is now.final[o.id].status
        was = None if before is None else before.final[o.id].status
        return score_obligation(p, o, now, remains, last, was, past.get(o.id) if history else None, shared)

    wanted = [o for o in order(p) if not party or o.party == party]

    used = [i for i in p.items.values() if p.sources[i.source].published.date <= as_of]
    published = [s.published.date for s in p.sources.values()]
    per_source = Counter(i.source for i in p.items.values())
    a = p.agreement
    head = Report(
        agreement=AgreementOut(
            id=a.id,
            title=a.title,
            signed=a.signed,
            place=a.place,
            parties={x.id: x.short for x in a.parties},
            text_file=p.agreement_text.name,
            text_sha256=a.text.sha256,
        ),
        as_of=as_of,
        previous_as_of=previous_as_of,
        policy=PolicyOut(name=p.policy.name, sha256=p.policy_sha256, values=p.policy.model_dump(mode="json")),
        corpus=Corpus(
            documents=len(p.sources),
            items=len(p.items),
            items_used=len(used),
            first_published=min(published, default=None),
            cutoff=last,
            rules_sha256=digest(p.file_hashes.get("rules", {})),
            evidence_sha256=digest(p.file_hashes.get("evidence", {})),
        ),
        party=party,
        obligations=[],
        sources=[_source_out(p, s, per_source[s.id]) for s in sorted(p.sources.values(), key=lambda s: s.id)],
    )
    return head, Results(wanted, [len(now.final[o.id].uses) for o in wanted], one)
