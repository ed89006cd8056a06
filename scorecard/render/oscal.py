"""The Report as OSCAL Assessment Results (JSON), the interchange format of compliance tools.

Pure: formats the finished Report. One result per assessment, one finding per obligation
(OSCAL's satisfied / not-satisfied, with the richer status, likelihood, confidence and schedule as
namespaced props), one observation per evidence item used (its quote, offsets and the document's
sha256 as relevant evidence), and the sources as back-matter resources with their hashes.
Why UUIDs derived from ids (version 5): a re-export of the same data diffs cleanly, and an
obligation's finding keeps its UUID from one assessment date to the next.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from scorecard.reading import definition, in_words
from scorecard.results import EvidenceRef, ObligationResult, Report, SourceOut
from scorecard.statuses import row

OSCAL_VERSION = "1.2.1"
NS = "urn:x-scorecard:oscal"  # namespace of the props below; not a web address
_ROOT = uuid.UUID("6f0c2d4e-8b1a-5c3e-9f47-2a6d0e1b7c58")


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_ROOT, "/".join(parts)))


def _stamp(d: date) -> str:
    return f"{d.isoformat()}T00:00:00+00:00"


def _props(**values: object) -> list[dict]:
    """Namespaced props for the values given, in order; empty values are left out (OSCAL forbids them)."""
    return [
        {"name": k.replace("_", "-"), "ns": NS, "value": str(v)}
        for k, v in values.items()
        if v is not None and str(v).strip()
    ]


def _state(r: Report, o: ObligationResult) -> dict:
    """OSCAL knows satisfied and not-satisfied; the reason (from the status table) says whether it is
    a failure or neither, and the remarks what the status means and what the corpus shows:
    "not-satisfied" for a duty not shown done is no evidence that it was not done, and they say so."""
    status = o.status
    words = " ".join(x for x in (f"Status: {status.value}. {definition(status)}", in_words(r, o)) if x)
    outcome = row(status).outcome
    if outcome == "pass":
        return {"state": "satisfied", "reason": "pass", "remarks": words}
    if outcome == "fail":
        return {"state": "not-satisfied", "reason": "fail", "remarks": words}
    return {"state": "not-satisfied", "reason": "other", "remarks": words}


def _finding(r: Report, o: ObligationResult) -> dict:
    related = sorted({e.id for e in o.evidence})
    finding = {
        "uuid": _uuid(r.agreement.id, "finding", o.id),
        "title": f"{o.clause}: {o.title or o.summary.split('.')[0]}",
        "description": o.finding,
        "props": _props(
            obligation=o.id,
            clause=o.clause,
            party=o.party,
            status=o.status.value,
            likelihood=o.likelihood,
            breach_probability=o.breach_probability,
            confidence=o.confidence,
            schedule=o.schedule.value,
            performance=o.performance,
            due=o.deadline.due if o.deadline else None,
            delivered=o.delivered,
            ambiguity=o.ambiguity.level,
            verifiability=o.verifiability.level,
        ),
        "target": {"type": "objective-id", "target-id": o.id, "status": _state(r, o)},
        "remarks": " ".join(([in_words(r, o)] if o.performance else []) + o.reasons),
    }
    if related:
        finding["related-observations"] = [
            {"observation-uuid": _uuid(r.agreement.id, "observation", i)} for i in related
        ]
    return finding


def _observation(r: Report, e: EvidenceRef, sources: dict[str, SourceOut]) -> dict:
    s = sources[e.source]
    return {
        "uuid": _uuid(r.agreement.id, "observation", e.id),
        "title": e.id,
        "description": e.claim,
        "props": _props(
            evidence=e.id,
            origin=e.origin,
            attributed_to=e.attributed_to,
            grade=e.grade,
            reliability=e.reliability,
            credibility=e.credibility,
            event_date=e.event_date,
        ),
        "methods": ["EXAMINE"],
        "types": ["finding"],
        "relevant-evidence": [
            {
                "href": f"#{_uuid(r.agreement.id, 'source', e.source)}",
                "description": e.quote,
                "props": _props(
                    source=e.source,
                    document=s.file,
                    document_sha256=s.sha256,
                    start=e.start,
                    end=e.end,
                    line=e.line,
                ),
            }
        ],
        "collected": _stamp(e.published),
    }


def _resource(r: Report, s: SourceOut) -> dict:
    who = ", ".join(s.authors) or s.publisher
    return {
        "uuid": _uuid(r.agreement.id, "source", s.id),
        "title": s.title,
        "description": f"{s.kind} by {who}; reliability {s.reliability}: {s.reliability_reason}",
        "props": _props(source=s.id, published=s.published, reliability=s.reliability, kind=s.kind),
        "citation": {"text": f"{who}, \u201c{s.title}\u201d, {s.publisher}, {s.published.isoformat()}."},
        "rlinks": [
            {
                "href": s.url or s.file,
                "media-type": "text/plain" if not s.url else "text/html",
                "hashes": [{"algorithm": "SHA-256", "value": s.sha256}],
            }
        ],
    }


def _agreement_text(r: Report) -> dict[str, Any]:
    """The agreement's text as a back-matter resource, with its hash."""
    a = r.agreement
    return {
        "uuid": _uuid(a.id, "agreement-text"),
        "title": a.title,
        "description": f"The agreement's text, signed at {a.place} on {a.signed.isoformat()}.",
        "rlinks": [
            {
                "href": a.text_file,
                "media-type": "text/plain",
                "hashes": [{"algorithm": "SHA-256", "value": a.text_sha256}],
            }
        ],
    }


def render_oscal(r: Report) -> str:
    """OSCAL Assessment Results as JSON text."""
    a = r.agreement
    sources = {s.id: s for s in r.sources}
    used: dict[str, EvidenceRef] = {}
    for o in r.obligations:
        for e in o.evidence:
            used.setdefault(e.id, e)
    agreement_text = _agreement_text(r)
    of_party = f" of {r.party}" if r.party else ""
    doc: dict[str, Any] = {
        "assessment-results": {
            "uuid": _uuid(a.id, "assessment", r.as_of.isoformat(), r.party or "all"),
            "metadata": {
                "title": f"{a.title}: compliance as of {r.as_of.isoformat()}",
                "last-modified": _stamp(r.as_of),
                "version": r.policy.name,
                "oscal-version": OSCAL_VERSION,
                "props": _props(
                    agreement=a.id,
                    as_of=r.as_of,
                    corpus_cutoff=r.corpus.cutoff,
                    policy=r.policy.name,
                    policy_sha256=r.policy.sha256,
                    rules_sha256=r.corpus.rules_sha256,
                    evidence_sha256=r.corpus.evidence_sha256,
                ),
            },
            "import-ap": {
                "href": f"#{agreement_text['uuid']}",
                "remarks": "No assessment plan: the obligations are the agreement's own clauses.",
            },
            "results": [
                {
                    "uuid": _uuid(a.id, "result", r.as_of.isoformat(), r.party or "all"),
                    "title": f"Compliance with {a.title} as of {r.as_of.isoformat()}",
                    "description": f"Each obligation of the agreement{of_party}, judged from "
                    f"{r.corpus.items_used} evidence items in {r.corpus.documents} documents "
                    f"published by {r.as_of.isoformat()}.",
                    "start": _stamp(r.as_of),
                    "props": _props(as_of=r.as_of, previous_as_of=r.previous_as_of, party=r.party),
                    "reviewed-controls": {"control-selections": [{"include-all": {}}]},
                    "observations": [_observation(r, e, sources) for _, e in sorted(used.items())],
                    "findings": [_finding(r, o) for o in r.obligations],
                }
            ],
            "back-matter": {"resources": [agreement_text] + [_resource(r, s) for s in r.sources]},
        }
    }
    for result in doc["assessment-results"]["results"]:
        if not result["observations"]:
            del result["observations"]
    return json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"
