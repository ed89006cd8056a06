"""JSON Schemas of every kind of input file, and of the JSON output, for editors and other tools.

Pure: built from the pydantic models that validate the data, so a schema cannot drift from what
`scorecard validate` accepts; `schema/` holds them as committed files and a test keeps them fresh.
Why the schemas are looser than `validate`: they check each file alone (shape, names, types,
patterns), while ids that resolve across files, verbatim quotes and hashes need the whole project.
"""

from __future__ import annotations

from typing import Any

KINDS = ("agreement", "obligation", "sources", "origins", "items", "policy", "report")
TITLES = {
    "agreement": "An agreement (rules/<agreement>/agreement.yaml)",
    "obligation": "One obligation of an agreement (rules/<agreement>/obligations/<id>.yaml)",
    "sources": "The source documents (evidence/sources.yaml)",
    "origins": "The origins of claims (evidence/origins.yaml)",
    "items": "Evidence items quoting one source (evidence/items/<source>.yaml)",
    "policy": "A scoring policy (scorecard/policy.yaml, or --policy FILE)",
    "report": "The output of `scorecard score --format json`",
}


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file."""
    from pydantic import TypeAdapter

    from scorecard import model
    from scorecard.results import Report

    target: Any = {
        "agreement": model.Agreement,
        "obligation": model.Obligation,
        "sources": list[model.Source],
        "origins": list[model.Origin],
        "items": list[model.EvidenceItem],
        "policy": model.Policy,
        "report": Report,
    }[kind]
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": TITLES[kind]}
    out.update(TypeAdapter(target).json_schema())
    out["title"] = TITLES[kind]
    return out
