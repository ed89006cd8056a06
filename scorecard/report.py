"""Assemble the one Report every renderer sees. Pure: no I/O, no clock."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import date

from scorecard import explain
from scorecard.load import Project
from scorecard.model import EvidenceItem, Link, Obligation, Source
from scorecard.results import (AgreementOut, Corpus, Counts, DeadlineOut, EvidenceRef, ObligationResult,
                               PolicyOut, Report, Schedule, Sensitivity, SourceOut, Status)
from scorecard.score import Tally, Use, band, confidence, decide, probability, schedule, sensitivity, tally, triggered, weigh

Pairs = list[tuple[EvidenceItem, Link, Source]]


def digest(hashes: dict[str, str]) -> str:
    """One sha256 over many files: their hashes and relative paths, in path order."""
    lines = "".join(f"{sha}  {path}\n" for path, sha in sorted(hashes.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def evidence_by_obligation(p: Project, as_of: date) -> dict[str, Pairs]:
    """(item, link, source) per obligation id, for items published on or before `as_of`."""
    out: dict[str, Pairs] = defaultdict(list)
    for item in p.items.values():
        source = p.sources[item.source]
        if source.published.date <= as_of:
            for link in item.links:
                out[link.obligation].append((item, link, source))
    return out


def cutoff(p: Project, as_of: date) -> date | None:
    dates = [s.published.date for s in p.sources.values() if s.published.date <= as_of]
    return max(dates, default=None)


def _status_at(p: Project, o: Obligation, pairs: Pairs, as_of: date) -> Status:
    return decide(o, tally(weigh(o, pairs, p.policy, p.agreement.signed)), p.policy, p.agreement, as_of)


def _counts(uses: list[Use], t: Tally) -> Counts:
    def n(pred) -> int:
        return len({u.item.id for u in uses if pred(u)})

    return Counts(
        breach=n(lambda u: u.role == "diagnostic" and u.link.stance == "breach"),
        compliance=n(lambda u: u.role == "diagnostic" and u.link.stance == "compliance"),
        context=n(lambda u: u.role in ("context", "pre-signature")),
        ambiguity=n(lambda u: u.role == "ambiguity"),
        non_diagnostic=n(lambda u: u.role == "non-diagnostic"),
        breach_origins=len(t.breach),
        compliance_origins=len(t.compliance),
    )


def _ref(p: Project, u: Use) -> EvidenceRef:
    span = p.spans.get(u.item.id)
    return EvidenceRef(
        id=u.item.id, source=u.source.id, origin=u.item.origin, stance=u.link.stance, role=u.role,
        indicator=u.link.indicator, extent=u.link.extent, published=u.source.published.date,
        event_date=u.item.event_date, reliability=u.source.reliability.grade, credibility=u.credibility,
        grade=u.grade, weight=u.weight, claim=u.item.claim, quote=" ".join(u.item.quote.split()),
        attributed_to=u.item.attributed_to, line=span.line if span else 0, start=span.start if span else 0,
        end=span.end if span else 0, note=u.link.note,
    )


def _conditions(p: Project, o: Obligation, statuses: dict[str, Status]) -> list[str]:
    events = {e.id: e for e in p.agreement.events}
    out = []
    for c in o.conditions:
        if c.obligation:
            out.append(f"{c.obligation} (now {statuses[c.obligation].value}): {c.effect}")
        elif c.event in events:
            when = events[c.event].date
            out.append(f"{events[c.event].description} ({explain.day(when) if when else 'has not happened'}): "
                       f"{c.effect}")
    return out


def _condition_reasons(p: Project, o: Obligation, statuses: dict[str, Status]) -> list[str]:
    """Why: Part One B is owed "with the commitment and action" on Part Two; a breach of the
    condition does not change this status, but a reader must see that it may excuse it."""
    out = []
    for c in o.conditions:
        if c.obligation and p.obligations[c.obligation].kind != "qualifier" and \
                statuses[c.obligation] in (Status.not_compliant, Status.contested):
            out.append(f"It is conditioned on {c.obligation}, found {statuses[c.obligation].value}: {c.effect}")
    return out


def score_obligation(p: Project, o: Obligation, pairs: Pairs, as_of: date, remains: bool | None,
                     statuses: dict[str, Status], corpus_cutoff: date | None) -> ObligationResult:
    """Score one obligation and explain it."""
    policy, agreement = p.policy, p.agreement
    uses = weigh(o, pairs, policy, agreement.signed)
    t = tally(uses)
    status = decide(o, t, policy, agreement, as_of)
    prob = probability(t, policy)
    sched = schedule(o, status, t, as_of)
    sens = sensitivity(o, uses, status, policy, agreement, as_of)
    party = next(x.short for x in agreement.parties if x.id == o.party)
    qualifiers = [p.obligations[c.obligation] for c in o.conditions
                  if c.obligation and p.obligations[c.obligation].kind == "qualifier"]
    origins = sorted({u.item.origin for u in uses if u.role == "diagnostic"})
    return ObligationResult(
        id=o.id, clause=o.clause, party=o.party, kind=o.kind, summary=o.summary, text=o.text,
        text_status=o.text_status, text_note=o.text_note, beneficiary=o.beneficiary,
        conditions=_conditions(p, o, statuses), status=status, remains=remains, likelihood=band(prob, policy),
        breach_probability=prob, confidence=confidence(status, t, o, policy),
        ambiguity=explain.ambiguity(o, qualifiers, uses), verifiability=explain.verifiability(o),
        deadline=DeadlineOut(date=o.deadline.date, rule=o.deadline.rule,
                             triggered=triggered(o, agreement, as_of)[0]) if o.deadline else None,
        schedule=sched, counts=_counts(uses, t), independent_origins=origins,
        evidence=[_ref(p, u) for u in uses],
        reasons=explain.reasons(o, status, uses, t, agreement, as_of, corpus_cutoff, policy.self_claim_weight)
        + _condition_reasons(p, o, statuses),
        sensitivity=[Sensitivity(evidence=i, status_without=s) for i, s in sens],
        would_change=explain.would_change(o, status, sens),
        finding=explain.finding(o, status, party, remains, sched is Schedule.late),
    )


def _source_out(p: Project, s: Source, items: int) -> SourceOut:
    doc = p.documents.get(s.id)
    return SourceOut(
        id=s.id, title=s.title, publisher=s.publisher, authors=s.authors, published=s.published.date,
        published_inferred=s.published.inferred, published_reason=s.published.reason,
        republished=s.republished.date if s.republished else None, url=s.url, kind=s.kind,
        file=doc.name if doc else s.file, sha256=s.sha256, reliability=s.reliability.grade,
        reliability_reason=s.reliability.reason, items=items,
    )


def order(p: Project) -> list[Obligation]:
    """Obligations in the agreement's clause order, then by id."""
    rank = {c: i for i, c in enumerate(p.agreement.clauses)}
    return sorted(p.obligations.values(), key=lambda o: (rank.get(o.clause, len(rank)), o.id))


def build_report(p: Project, as_of: date, party: str | None = None, previous_as_of: date | None = None) -> Report:
    """Score every obligation (of `party`, if given) as of `as_of`; `previous_as_of` adds "remains"."""
    now = evidence_by_obligation(p, as_of)
    before = evidence_by_obligation(p, previous_as_of) if previous_as_of else None
    statuses = {o.id: _status_at(p, o, now.get(o.id, []), as_of) for o in p.obligations.values()}
    results, last = [], cutoff(p, as_of)
    for o in order(p):
        if party and o.party != party:
            continue
        remains = None
        if before is not None:
            remains = _status_at(p, o, before.get(o.id, []), previous_as_of) is statuses[o.id]
        results.append(score_obligation(p, o, now.get(o.id, []), as_of, remains, statuses, last))
    used = [i for i in p.items.values() if p.sources[i.source].published.date <= as_of]
    published = [s.published.date for s in p.sources.values()]
    per_source = Counter(i.source for i in p.items.values())
    a = p.agreement
    return Report(
        agreement=AgreementOut(id=a.id, title=a.title, signed=a.signed, place=a.place, parties={x.id: x.short for x in a.parties},
                               text_file=p.agreement_text.name, text_sha256=a.text.sha256),
        as_of=as_of, previous_as_of=previous_as_of,
        policy=PolicyOut(name=p.policy.name, sha256=p.policy_sha256, values=p.policy.model_dump(mode="json")),
        corpus=Corpus(documents=len(p.sources), items=len(p.items), items_used=len(used),
                      first_published=min(published, default=None), cutoff=last,
                      rules_sha256=digest(p.file_hashes.get("rules", {})),
                      evidence_sha256=digest(p.file_hashes.get("evidence", {}))),
        party=party, obligations=results,
        sources=[_source_out(p, s, per_source[s.id]) for s in sorted(p.sources.values(), key=lambda s: s.id)],
    )
