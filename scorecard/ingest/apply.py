"""Apply a review file: the accepted candidates become evidence items, all checked, all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml

from scorecard.errors import Problem
from scorecard.ingest import audit
from scorecard.ingest.build import build_items
from scorecard.ingest.review import (
    Applied,
    ReviewError,
    ReviewFile,
    chosen,
    dump_review,
    read_review,
)
from scorecard.ingest.store import replace_all


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _shown(path: Path) -> str:
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def apply_review(
    path: Path, rules: Path, evidence: Path, policy: Path | None, who: str, when: str
) -> Applied:
    """Apply `path`; ReviewError with located problems (nothing written) or StoreError if writing failed."""
    from scorecard.pipeline import load_and_check

    project, problems = load_and_check(rules, evidence, policy)
    if problems:
        raise ReviewError(problems)
    review = read_review(path)
    shown = _shown(path)
    source = _source(review, project, shown)
    sid = source["id"]
    text = _document_text(evidence, source, shown)
    built = build_items(review, project, source, text, shown)
    if built.problems:
        raise ReviewError(sorted(built.problems))
    items, origins = built.items, built.origins
    contents = _contents(evidence, project, source, items, origins)
    _stage_and_check(contents, rules, evidence, policy)
    for entry in (*review.candidates, *review.add):
        entry.became = entry.became or built.ids.get(id(entry))
    review.applied = True
    records = _records(review, sid, who, when, items)
    for c in review.candidates:
        c.logged = c.logged or c.decision != "pending"
    for a in review.add:
        a.logged = True
    contents[path] = dump_review(review, shown)
    replace_all(contents)
    audit.append(evidence / audit.LOG_NAME, records)
    return Applied(
        sid,
        [i["id"] for i in items],
        [o["id"] for o in origins],
        sum(c.decision == "reject" for c in review.candidates),
        sum(c.decision == "pending" for c in review.candidates),
    )


def _source(review: ReviewFile, project, shown: str) -> dict:
    """The source entry, with its grade; a located problem if the analyst has not graded it."""
    graded = review.source.reliability
    if not graded.grade or not graded.reason:
        raise ReviewError(
            [
                Problem(
                    shown,
                    *review.where("source", "reliability"),
                    "give the source a reliability grade "
                    "(source.reliability.grade, A-F) and its reason before anything is accepted",
                )
            ]
        )
    return review.source.model_dump(mode="json", exclude_defaults=True)


def _line_of(shown: str, needle: str) -> tuple[int, int]:
    """Line and column of the first line of the review file that starts (after indentation) with `needle`."""
    try:
        for n, line in enumerate(Path(shown).read_text("utf-8").splitlines(), 1):
            if line.lstrip(" -").startswith(needle):
                return n, len(line) - len(line.lstrip(" -")) + 1
    except OSError:
        pass
    return 1, 1


def _document_text(evidence: Path, source: dict, shown: str) -> str:
    try:
        return (evidence / source["file"]).read_text("utf-8")
    except (OSError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ReviewError(
            [Problem(shown, *_line_of(shown, "file:"), f"cannot read the source's text: {exc}")]
        ) from None


def _contents(
    evidence: Path, project, source: dict, items: list[dict], origins: list[dict]
) -> dict[Path, bytes]:
    out: dict[Path, bytes] = {}
    if source["id"] not in project.sources:
        out[evidence / "sources.yaml"] = _appended(evidence / "sources.yaml", [source])
    if origins:
        out[evidence / "origins.yaml"] = _appended(evidence / "origins.yaml", origins)
    if items:
        target = evidence / "items" / f"{source['id']}.yaml"
        head = f"# Evidence items quoting {source['id']} ({source['file']}), accepted in review.\n\n"
        out[target] = _appended(target, items) if target.exists() else (head + _dump(items)).encode("utf-8")
    return out


def _appended(path: Path, entries: list[dict]) -> bytes:
    old = path.read_bytes() if path.exists() else b""
    if old and not old.endswith(b"\n"):
        old += b"\n"
    return old + b"\n" + _dump(entries).encode("utf-8")


def _stage_and_check(contents: dict[Path, bytes], rules: Path, evidence: Path, policy: Path | None) -> None:
    """Run the full load and check on a copy of the evidence folder with `contents` written into it."""
    from scorecard.pipeline import load_and_check

    with tempfile.TemporaryDirectory(prefix="scorecard-review-") as tmp:
        staged = Path(tmp) / "evidence"
        shutil.copytree(evidence, staged, ignore=shutil.ignore_patterns("review", "*.log"))
        for target, data in contents.items():
            if target.resolve().is_relative_to(evidence.resolve()):
                dest = staged / target.resolve().relative_to(evidence.resolve())
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
        _, problems = load_and_check(rules, staged, policy)
        if problems:
            prefix = _shown(staged)
            raise ReviewError(
                [
                    Problem(p.path.replace(prefix, _shown(evidence), 1), p.line, p.col, p.message)
                    for p in problems
                ]
            )


def _records(review: ReviewFile, sid: str, who: str, when: str, items: list[dict]) -> list[dict]:
    new = {i["id"] for i in items}
    out = []
    for c in review.candidates:
        if c.decision == "pending" or c.logged or (c.decision == "accept" and c.became not in new):
            continue
        obligation, stance, indicator = chosen(c) if c.decision == "accept" else (None, None, None)
        out.append(
            audit.record(
                who,
                when,
                c.decision,
                source=sid,
                candidate=c.id,
                start=c.start,
                end=c.end,
                quote=c.quote,
                score=c.best_score,
                item=c.became if c.decision == "accept" else None,
                obligation=obligation,
                stance=stance,
                indicator=indicator,
                justification=c.justification,
            )
        )
    for n, a in enumerate(review.add, 1):
        if a.logged or a.became not in new:
            continue
        link = a.item.links[0] if a.item.links else None
        out.append(
            audit.record(
                who,
                when,
                "accept",
                source=sid,
                candidate=f"a{n:03d}",
                start=a.start,
                end=a.end,
                quote=a.quote,
                item=a.became,
                obligation=link.obligation if link else None,
                stance=link.stance if link else None,
                indicator=link.indicator if link else None,
            )
        )
    return out
