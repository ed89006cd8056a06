"""In-memory projects for scorer tests: no files, so each test states exactly what it scores."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from scorecard.load import Project
from scorecard.model import Agreement, EvidenceItem, Obligation, Origin, Policy, Source
from scorecard.model.project import TextFile

_SHIPPED = yaml.safe_load((Path(__file__).parent.parent / "scorecard" / "policy.yaml").read_text())
# Tests state their own threshold so they test the rules, not the shipped tuning.
POLICY = Policy.model_validate({**_SHIPPED, "thresholds": {**_SHIPPED["thresholds"], "decisive": 0.9}})
SIGNED = date(2020, 2, 29)
GRADES = "ABCDEF"


def agreement(events: list[dict] | None = None) -> Agreement:
    return Agreement.model_validate(
        {
            "id": "test",
            "title": "Test Agreement",
            "signed": "2020-02-29",
            "place": "Doha",
            "parties": [
                {"id": "us", "name": "United States", "short": "United States"},
                {"id": "taliban", "name": "Taliban", "short": "Taliban"},
            ],
            "text": {"file": "a.txt", "sha256": "0" * 64},
            "clauses": ["Part One", "Part Two"],
            "events": events or [],
        }
    )


def obligation(
    oid: str = "ob",
    party: str = "taliban",
    kind: str = "continuing-prohibition",
    deadline: dict | None = None,
    verifiability: str = "moderate",
    conditions: list | None = None,
) -> Obligation:
    return Obligation.model_validate(
        {
            "id": oid,
            "agreement": "test",
            "clause": "Part Two",
            "party": party,
            "beneficiary": "the other",
            "kind": kind,
            "text": "will not host them",
            "text_status": "verbatim",
            "summary": "s",
            "deadline": deadline,
            "conditions": conditions or [],
            "indicators": {
                "compliance": [{"id": "c", "text": "complied"}],
                "breach": [{"id": "b", "text": "broke"}],
            },
            "verifiability": {"level": verifiability, "means": ["reports"]},
        }
    )


def source(sid: str, grade: str = "B", published: str = "2021-01-01") -> Source:
    return Source.model_validate(
        {
            "id": sid,
            "title": sid,
            "publisher": "p",
            "published": {"date": published},
            "kind": "news",
            "file": f"{sid}.txt",
            "sha256": "0" * 64,
            "reliability": {"grade": grade, "reason": "r"},
        }
    )


def item(
    iid: str,
    src: str,
    origin: str,
    stance: str = "breach",
    credibility: int = 2,
    ob: str = "ob",
    event_date: str | None = None,
    diagnostic: bool = True,
    party: str | None = None,
    extent: str = "full",
    claim_key: str | None = None,
    event: str | None = None,
    event_date_from: str | None = None,
    indicator: str | None = None,
) -> EvidenceItem:
    return EvidenceItem.model_validate(
        {
            "id": iid,
            "source": src,
            "quote": "q",
            "claim": "c",
            "attributed_to": "a",
            "party": party,
            "origin": origin,
            "event_date": event_date,
            "credibility": credibility,
            "claim_key": claim_key,
            "event": event,
            "event_date_from": event_date_from,
            "links": [
                {
                    "obligation": ob,
                    "stance": stance,
                    "diagnostic": diagnostic,
                    "extent": extent,
                    "indicator": indicator,
                }
            ],
        }
    )


def project(
    obligations: list[Obligation],
    sources: list[Source],
    items: list[EvidenceItem],
    events: list[dict] | None = None,
    policy: Policy = POLICY,
) -> Project:
    p = Project(
        agreement=agreement(events),
        policy=policy,
        policy_sha256="0" * 64,
        agreement_text=TextFile("a.txt", "a.txt", "", "0" * 64),
    )
    p.obligations = {o.id: o for o in obligations}
    p.sources = {s.id: s for s in sources}
    p.items = {i.id: i for i in items}
    p.origins = {i.origin: Origin(id=i.origin, description="d", kind="report") for i in items}
    return p


SHIPPED = Policy.model_validate(_SHIPPED)  # the shipped tuning, for tests of how statuses follow time
