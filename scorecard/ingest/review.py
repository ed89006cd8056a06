"""Review decisions → evidence items, checked exactly as `scorecard validate` checks, written all or none.

A review file (written by `scorecard ingest`, edited by an analyst or by `scorecard review` in a
terminal) holds the drafted source and each candidate's decision. Applying it:
1. reads and checks the review file (every problem at its line and column);
2. builds the source entry, new origins and the evidence items of accepted candidates;
3. writes them into a copy of the evidence folder and runs the full load and check on it;
4. only if that copy has no problem, replaces sources.yaml, origins.yaml, items/<source>.yaml and
   the review file and the audit log together, in one transaction (scorecard/transaction.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from scorecard.errors import Problem
from scorecard.ingest.draft import HEADER
from scorecard.model import (
    Credibility,
    Fuzzy,
    Id,
    Line,
    Link,
    Origin,
    Original,
    Published,
    Reliability,
    Sha256,
    SourceKind,
    Text,
)
from scorecard.yamlnodes import Located, parse_yaml

HIGH_SCORE = 0.7  # rejecting a candidate scored at least this needs a justification
Decision = Literal["pending", "accept", "reject", "skip"]
StanceName = Literal["breach", "compliance", "context", "ambiguity"]


class _Strict(BaseModel):
    """A review file is data: unknown keys and wrong types are located errors, as in the data files."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ReviewSuggestion(_Strict):
    obligation: str
    clause: str
    stance: StanceName
    indicator: str | None = None
    score: float


class Repeats(_Strict):
    """The reviewed item a candidate repeats (ingest's suggestion; any key may be missing)."""

    item: str | None = None
    origin: str | None = None
    similarity: float | None = None


class Relays(_Strict):
    """The report or statement a passage passes on ("a UN report said"): an existing origin, or a new one."""

    origin: Id | None = None  # an existing origin that matches by name and date
    description: Line
    date: Fuzzy | None = None


class ItemFields(_Strict):
    """Fields of an evidence item (the items schema) an analyst gives; each wins over the suggestion.

    Not `id`, `source` or `quote`: those come from the candidate (its span of the document)."""

    claim: Line | None = None
    attributed_to: Line | None = None
    party: Id | None = None
    origin: Id | None = None
    event_date: Fuzzy | None = None
    event_date_from: Id | None = None
    event: Id | None = None
    claim_key: Id | None = None
    credibility: Credibility | None = None
    links: list[Link] | None = Field(default=None, min_length=1)
    note: Text | None = None

    def given(self) -> dict:
        """The fields the analyst wrote (an explicit null included: it removes the suggestion)."""
        return self.model_dump(mode="json", exclude_unset=True)


class ReviewCandidate(_Strict):
    id: str
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    suggestions: list[ReviewSuggestion] = []
    event_date: str | None = None
    attributed_to: str | None = None
    party: str | None = None  # the agreement party the speaker is, where the aliases say so
    relays: Relays | None = None
    claim_keys: list[str] = []  # existing claim keys the passage repeats
    repeats: Repeats | None = None
    before_signature: bool = False
    page: int | None = None
    decision: Decision = "pending"
    use: int = Field(default=1, ge=1, le=3)
    obligation: str | None = None
    stance: StanceName | None = None
    indicator: str | None = None
    claim: str | None = None
    credibility: int | None = Field(default=None, ge=2, le=6)
    origin: str | None = None
    justification: str | None = None
    item: ItemFields | None = None
    became: str | None = None  # the evidence item it became, once applied
    # Written by the tool after applying, for the reader; never trusted: what the audit log holds
    # is read from the log itself.
    logged: bool = False

    @property
    def best_score(self) -> float:
        return max((s.score for s in self.suggestions), default=0.0)


class Added(_Strict):
    """A passage ingest did not propose: its words (verbatim in the document, whitespace aside) and item."""

    quote: Text
    item: ItemFields
    start: int | None = Field(default=None, ge=0)  # computed when applied
    end: int | None = Field(default=None, ge=0)
    became: str | None = None
    logged: bool = False


class Grading(_Strict):
    grade: Reliability | None = None
    reason: Line | None = None


class ReviewSource(_Strict):
    """The drafted source entry: every field editable; the grade is the analyst's to give."""

    id: Id
    title: Line
    publisher: Line
    authors: list[Line] = []
    published: Published
    republished: Published | None = None
    url: Line | None = None
    kind: SourceKind
    file: Text
    sha256: Sha256
    reliability: Grading = Grading()
    furniture: list[Line] = []
    original: Original | None = None
    note: Text | None = None

    def entry(self) -> dict:
        """The entry for sources.yaml."""
        return self.model_dump(mode="json", exclude_defaults=True) | {
            "id": self.id,
            "published": self.published.model_dump(mode="json", exclude_defaults=True),
        }


class ReviewFile(_Strict):
    format: Literal[1]
    source: ReviewSource
    origins: list[Origin] = []
    candidates: list[ReviewCandidate]
    add: list[Added] = []
    applied: bool = False
    _located: Located | None = PrivateAttr(default=None)

    def where(self, *loc) -> tuple[int, int]:
        """Line and column of a place in the file read (1, 1 when not read from a file)."""
        return self._located.where(tuple(loc)) if self._located is not None else (1, 1)


@dataclass
class Applied:
    """What applying a review changed (or would have)."""

    source: str
    items: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    rejected: int = 0
    pending: int = 0


class ReviewError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def read_review(path: Path, raw: bytes | None = None) -> ReviewFile:
    """The review file (`raw`: its bytes, already read), or ReviewError with every problem at its
    line and column. Only a regular file within the YAML size limit is read.

    Read by the data's own strict reader: a duplicate key, an alias, a tag or a bad number is a
    located problem, and so is an unknown key or a value of the wrong type."""
    from scorecard.load import LIMITS, Refused, read_regular

    shown = path.as_posix()
    try:
        if raw is None:
            raw = read_regular(path, LIMITS["YAML file"], "a review file")
        located = parse_yaml(raw.decode("utf-8"))
    except Refused as exc:
        message = f"cannot read review file: {exc}" if exc.os_error else f"this review file {exc}"
        raise ReviewError([Problem(shown, 1, 1, message)]) from None
    except UnicodeDecodeError:
        raise ReviewError([Problem(shown, 1, 1, "the review file is not UTF-8")]) from None
    found = [Problem(shown, p.line, p.col, p.message) for p in located.problems]
    if found or not located.complete:
        raise ReviewError(sorted(found) or [Problem(shown, 1, 1, "the review file cannot be read")])
    review = _validated(located, shown)
    found = [
        Problem(shown, *located.where(("candidates", i, *keys)), msg)
        for i, c in enumerate(review.candidates)
        for keys, msg in _decision_problems(c)
    ]
    found += _origin_problems(review, shown)
    if found:
        raise ReviewError(sorted(found))
    return review


def _validated(located: Located, shown: str) -> ReviewFile:
    from pydantic import ValidationError

    from scorecard.schema_messages import schema_message

    try:
        review = ReviewFile.model_validate(located.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where, on_key, msg = schema_message(ReviewFile, dict(err))
            problems.append(Problem(shown, *located.where(where, key=on_key), msg))
        raise ReviewError(sorted(problems)) from None
    review._located = located
    return review


def _origin_problems(review: ReviewFile, shown: str) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for n, o in enumerate(review.origins):
        if o.id in seen:
            out.append(
                Problem(
                    shown,
                    *review.where("origins", n, "id"),
                    f"duplicate origin id '{o.id}' (first at origins[{seen[o.id]}])",
                )
            )
        seen.setdefault(o.id, n)
    return out


def _decision_problems(c: ReviewCandidate) -> list[tuple[tuple, str]]:
    out = []
    if c.decision == "reject" and c.best_score >= HIGH_SCORE and not (c.justification or "").strip():
        out.append(
            (
                ("justification",),
                f"candidate {c.id} scored {c.best_score:.2f}: rejecting it needs a "
                "justification (why is this passage not evidence?)",
            )
        )
    linked = bool(c.item and c.item.links) or bool(c.obligation and c.stance)
    if c.decision == "accept" and not c.suggestions and not linked:
        out.append((("decision",), f"candidate {c.id} has no suggestion: give `item: {{links: [...]}}`"))
    elif c.decision == "accept" and c.use > len(c.suggestions) and not linked:
        out.append((("use",), f"candidate {c.id} has {len(c.suggestions)} suggestion(s); `use` is {c.use}"))
    if c.end <= c.start:
        out.append((("end",), f"candidate {c.id}: end ({c.end}) must be after start ({c.start})"))
    return out


def chosen(c: ReviewCandidate) -> tuple[str | None, str, str | None]:
    """The first (obligation, stance, indicator) an accepted candidate links, overrides applied."""
    if c.item is not None and c.item.links:
        first = c.item.links[0]
        return first.obligation, first.stance, first.indicator
    base = c.suggestions[c.use - 1] if c.use <= len(c.suggestions) else None
    obligation = c.obligation or (base.obligation if base else None)
    changed = c.obligation is not None and (base is None or c.obligation != base.obligation)
    stance = c.stance or (base.stance if base and not changed else "context")
    indicator = (
        c.indicator
        if c.indicator is not None
        else (base.indicator if base and not changed and stance == base.stance else None)
    )
    if stance not in ("breach", "compliance"):
        indicator = None
    return obligation, stance, indicator


_ALWAYS = ("id", "quote", "start", "end", "suggestions", "decision")


def _candidate_data(c: ReviewCandidate) -> dict:
    data = c.model_dump(mode="json", exclude_defaults=True, exclude={"item"})
    out = {k: data.get(k, getattr(c, k)) for k in _ALWAYS}
    out["suggestions"] = [s.model_dump(mode="json", exclude_none=True) for s in c.suggestions]
    out.update((k, v) for k, v in data.items() if k not in out and v is not None)
    out["decision"] = out.pop("decision")  # last: the line an analyst edits
    if c.item is not None:
        out["item"] = c.item.given()
    return out


def dump_review(review: ReviewFile, path_shown: str) -> bytes:
    """The review file's bytes: its header, then the data in the order an analyst reads it."""
    source = review.source.model_dump(mode="json", exclude_none=True)
    source["reliability"] = review.source.reliability.model_dump(mode="json")  # null: to be given
    data: dict = {"format": review.format, "source": source}
    if review.origins:
        data["origins"] = [o.model_dump(mode="json", exclude_none=True) for o in review.origins]
    data["candidates"] = [_candidate_data(c) for c in review.candidates]
    if review.add:
        data["add"] = [
            {"quote": a.quote, "item": a.item.given()}
            | a.model_dump(mode="json", exclude_defaults=True, exclude={"quote", "item"})
            for a in review.add
        ]
    if review.applied:
        data["applied"] = True
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return (HEADER.format(path=path_shown) + "\n" + body).encode("utf-8")


def waiting_reviews(evidence: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The review files in EVIDENCE/review/ not yet applied, and those skipped with why (only
    regular files within the size limit are read: a named pipe there never blocks)."""
    from scorecard.load import LIMITS, Refused, read_regular

    waiting, skipped = [], []
    for path in sorted((evidence / "review").glob("*.yaml")):
        try:
            raw = read_regular(path, LIMITS["YAML file"], "a review file")
        except Refused as exc:
            skipped.append((path, str(exc)))
            continue
        if b"\napplied: true" not in raw:
            waiting.append(path)
    return waiting, skipped
