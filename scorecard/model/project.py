"""The checked project: every model loaded and every cross-file check passed, nothing missing.

Plain data beside the models: scoring, reports and views take a ValidProject and never import
the loader or the checks that make one (pipeline.py does).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scorecard.model.inputs import Agreement, EvidenceItem, Example, Obligation, Origin, Override, Source
from scorecard.model.lexicon import Lexicon
from scorecard.model.policy import Policy


@dataclass
class TextFile:
    path: str  # as shown to the user
    name: str  # file name as shipped
    text: str | None
    sha256: str | None


@dataclass(frozen=True)
class Span:
    """Where a quote stands in its source file: character offsets and 1-based line."""

    start: int
    end: int
    line: int


@dataclass(frozen=True)
class ValidProject:
    """A project that loaded and passed every check: nothing in it is missing.

    Why a type of its own: a partly loaded `Project` may lack its agreement or policy; code that
    scores or renders should never have to ask.
    """

    agreement: Agreement
    obligations: dict[str, Obligation]
    sources: dict[str, Source]
    origins: dict[str, Origin]
    items: dict[str, EvidenceItem]
    policy: Policy
    policy_sha256: str
    agreement_text: TextFile
    documents: dict[str, TextFile]
    file_hashes: dict[str, dict[str, str]]
    spans: dict[str, Span]
    overrides: dict[str, Override]  # analysts' status overrides, by obligation id
    examples: dict[str, Example] = field(default_factory=dict)  # labelled passages ingest learns from
    lexicon: Lexicon | None = None  # the agreement's own stance phrases (RULES/lexicon.yaml)
