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
from pydantic import BaseModel, ConfigDict, Field

from scorecard.errors import Problem
from scorecard.ingest.draft import HEADER
from scorecard.yamlnodes import YamlProblem, parse_yaml

HIGH_SCORE = 0.7  # rejecting a candidate scored at least this needs a justification
Decision = Literal["pending", "accept", "reject", "skip"]
StanceName = Literal["breach", "compliance", "context", "ambiguity"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReviewSuggestion(_Strict):
    obligation: str
    clause: str
    stance: StanceName
    indicator: str | None = None
    score: float


class ReviewCandidate(_Strict):
    id: str
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    suggestions: list[ReviewSuggestion] = []
    event_date: str | None = None
    attributed_to: str | None = None
    repeats: dict | None = None
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
    item: str | None = None  # the evidence item it became, once applied
    # Written by the tool after applying, for the reader; never trusted: what the audit log holds
    # is read from the log itself.
    logged: bool = False

    @property
    def best_score(self) -> float:
        return max((s.score for s in self.suggestions), default=0.0)


class ReviewFile(_Strict):
    format: Literal[1]
    source: dict
    candidates: list[ReviewCandidate]
    applied: bool = False


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
    line and column. Only a regular file within the YAML size limit is read."""
    from pydantic import ValidationError

    from scorecard.load import LIMITS, Refused, read_regular
    from scorecard.schema_messages import schema_message

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
    except YamlProblem as exc:
        raise ReviewError([Problem(shown, exc.line, exc.col, exc.message)]) from None
    try:
        review = ReviewFile.model_validate(located.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where, on_key, msg = schema_message(ReviewFile, dict(err))
            problems.append(Problem(shown, *located.where(where, key=on_key), msg))
        raise ReviewError(sorted(problems)) from None
    found = [
        Problem(shown, *located.where(("candidates", i, *keys)), msg)
        for i, c in enumerate(review.candidates)
        for keys, msg in _decision_problems(c)
    ]
    if found:
        raise ReviewError(sorted(found))
    return review


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
    if c.decision == "accept" and not c.suggestions and not (c.obligation and c.stance):
        out.append((("decision",), f"candidate {c.id} has no suggestion: give `obligation` and `stance`"))
    if c.decision == "accept" and c.use > len(c.suggestions) and not (c.obligation and c.stance):
        out.append((("use",), f"candidate {c.id} has {len(c.suggestions)} suggestion(s); `use` is {c.use}"))
    if c.end <= c.start:
        out.append((("end",), f"candidate {c.id}: end ({c.end}) must be after start ({c.start})"))
    return out


def chosen(c: ReviewCandidate) -> tuple[str | None, str, str | None]:
    """The (obligation, stance, indicator) an accepted candidate links, overrides applied."""
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


def dump_review(review: ReviewFile, path_shown: str) -> bytes:
    data = review.model_dump(mode="json", exclude_defaults=False)
    for c in data["candidates"]:
        for key in (
            "use",
            "obligation",
            "stance",
            "indicator",
            "claim",
            "credibility",
            "origin",
            "justification",
            "item",
            "repeats",
            "event_date",
            "attributed_to",
            "page",
        ):
            if c.get(key) in (None,) or (key == "use" and c[key] == 1):
                c.pop(key, None)
        if not c.get("logged"):
            c.pop("logged", None)
        if not c.get("before_signature"):
            c.pop("before_signature", None)
        for s in c["suggestions"]:
            if s.get("indicator") is None:
                s.pop("indicator", None)
    if not data["applied"]:
        data.pop("applied")
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
