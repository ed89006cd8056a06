"""The project as loaded, wholly or in part, and where each object came from.

load.py fills a Project; integrity.py checks it and reports each problem at its Place;
pipeline.py turns one with no problem into a ValidProject (scorecard/model/project.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scorecard import model
from scorecard.model.project import TextFile
from scorecard.yamlnodes import Located


@dataclass(frozen=True)
class Place:
    """Where an object was defined: the file as shown to the user, and its YAML positions."""

    path: str
    located: Located
    loc: tuple

    def at(self, *keys: Any, key: bool = False) -> tuple[str, int, int]:
        return (self.path, *self.located.where(self.loc + keys, key=key))


@dataclass
class Project:
    """Everything loaded, plus where each object came from (for located integrity problems)."""

    agreement: model.Agreement | None = None
    obligations: dict[str, model.Obligation] = field(default_factory=dict)
    sources: dict[str, model.Source] = field(default_factory=dict)
    origins: dict[str, model.Origin] = field(default_factory=dict)
    items: dict[str, model.EvidenceItem] = field(default_factory=dict)
    overrides: dict[str, model.Override] = field(default_factory=dict)  # by obligation id
    examples: dict[str, model.Example] = field(default_factory=dict)  # labelled passages for ingest
    lexicon: model.Lexicon | None = None  # the agreement's own stance phrases, for ingest
    policy: model.Policy | None = None
    policy_sha256: str = ""
    agreement_text: TextFile | None = None
    documents: dict[str, TextFile] = field(default_factory=dict)  # by source id
    originals: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # source id → (path, sha256)
    places: dict[tuple[str, str], Place] = field(default_factory=dict)
    file_hashes: dict[str, dict[str, str]] = field(default_factory=dict)  # rules/evidence → {path: sha256}
    shas: dict[str, str] = field(default_factory=dict)  # every file read, as shown to the user → sha256
    item_files: set[str] = field(default_factory=set)  # the evidence items files, as shown
    spans: dict = field(default_factory=dict)  # evidence id → Span of its quote, set by the checks
    failed: set[tuple[str, str]] = field(
        default_factory=set
    )  # (kind, id) that did not load; id "" = a whole file
    # (kind, id) → (object, place) of an entry that failed validation: its valid keys, the others None.
    # Never scored; the integrity checks use what it has, so one bad key hides no other problem.
    partial: dict[tuple[str, str], tuple[Any, Place]] = field(default_factory=dict)

    def place(self, kind: str, id_: str) -> Place:
        return self.places[(kind, id_)] if (kind, id_) in self.places else self.partial[(kind, id_)][1]

    def lookup(self, kind: str, id_: Any) -> Any:
        """The object `id_` names: a loaded one, else the valid part of one that failed, else None."""
        table = (
            self.obligations
            if kind == "obligation"
            else self.sources
            if kind == "source"
            else self.origins
            if kind == "origin"
            else self.examples
            if kind == "example"
            else self.items
        )
        loaded = table.get(id_) if isinstance(id_, str) else None
        return loaded if loaded is not None else self.partial.get((kind, id_), (None, None))[0]

    def partial_agreement(self) -> Any:
        """The agreement, or what is valid of it when agreement.yaml did not validate, or None."""
        if self.agreement is not None:
            return self.agreement
        return next((obj for (kind, _), (obj, _) in self.partial.items() if kind == "agreement"), None)

    def did_not_load(self, kind: str, id_: str) -> bool:
        """True if `id_` may be defined where loading failed: a reference to it is not also reported."""
        return (kind, id_) in self.failed or (kind, "") in self.failed
