"""Apply a review file: the accepted candidates become evidence items, all checked, all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml

from scorecard.errors import Problem, did_you_mean
from scorecard.ingest import audit
from scorecard.ingest.review import (
    Applied,
    ReviewCandidate,
    ReviewError,
    ReviewFile,
    chosen,
    dump_review,
    read_review,
)
from scorecard.ingest.store import replace_all

_ORIGIN_KIND = {
    "news": "report",
    "analysis": "analysis",
    "opinion": "analysis",
    "official-report": "report",
    "official-statement": "statement",
}


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
    items, origins, found = _items(review, project, source, text, shown)
    if found:
        raise ReviewError(sorted(found))
    contents = _contents(evidence, project, source, items, origins)
    _stage_and_check(contents, rules, evidence, policy)
    for c in review.candidates:
        if c.decision == "accept" and c.item is None:
            c.item = f"{sid}-{c.id}"
    review.applied = True
    records = _records(review, sid, who, when, items)
    for c in review.candidates:
        c.logged = c.logged or c.decision != "pending"
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
    source = dict(review.source)
    grade = (source.get("reliability") or {}).get("grade")
    if not grade or not (source.get("reliability") or {}).get("reason"):
        raise ReviewError(
            [
                Problem(
                    shown,
                    *_line_of(shown, "grade:"),
                    "give the source a reliability grade "
                    "(source.reliability.grade, A-F) and its reason before anything is accepted",
                )
            ]
        )
    return source


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


def _items(review: ReviewFile, project, source: dict, text: str, shown: str):
    sid = source["id"]
    found: list[Problem] = []
    items: list[dict] = []
    origins: list[dict] = []
    for c in review.candidates:
        if c.decision != "accept" or c.item is not None:
            continue
        obligation, stance, indicator = chosen(c)
        if obligation is None or obligation not in project.obligations:
            found.append(
                Problem(
                    shown,
                    *_line_of(shown, f"id: {c.id}"),
                    f"candidate {c.id}: unknown obligation "
                    f"'{obligation}'{did_you_mean(str(obligation), project.obligations)}",
                )
            )
            continue
        quote = " ".join(text[c.start : c.end].split())
        if c.end > len(text) or not quote:
            found.append(
                Problem(
                    shown,
                    *_line_of(shown, f"id: {c.id}"),
                    f"candidate {c.id}: start and end do not "
                    f"hold text (the document has {len(text)} characters)",
                )
            )
            continue
        origin = c.origin or ((c.repeats or {}).get("origin")) or sid
        if origin == sid and sid not in project.origins and not origins:
            origins.append(
                {
                    "id": sid,
                    "description": f"{source['title']} ({source['publisher']})"[:600],
                    "kind": _ORIGIN_KIND.get(str(source.get("kind")), "report"),
                    "date": source["published"]["date"],
                }
            )
        items.append(_item(c, sid, quote, origin, source, obligation, stance, indicator))
    return items, origins, found


def _item(
    c: ReviewCandidate, sid: str, quote: str, origin: str, source: dict, obligation, stance, indicator
) -> dict:
    claim = c.claim or (quote if len(quote) <= 200 else quote[:197].rsplit(" ", 1)[0] + " …")
    item = {
        "id": f"{sid}-{c.id}",
        "source": sid,
        "quote": quote,
        "claim": claim,
        "attributed_to": c.attributed_to or source.get("publisher") or "Not stated",
        "origin": origin,
    }
    if c.event_date:
        item["event_date"] = c.event_date
    item["credibility"] = c.credibility or 3
    link = {"obligation": obligation, "stance": stance}
    if indicator:
        link["indicator"] = indicator
    item["links"] = [link]
    item["note"] = f"Accepted in review of candidate {c.id} (offsets {c.start}-{c.end})."
    return item


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
        if c.decision == "pending" or c.logged or (c.decision == "accept" and c.item not in new):
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
                item=c.item if c.decision == "accept" else None,
                obligation=obligation,
                stance=stance,
                indicator=indicator,
                justification=c.justification,
            )
        )
    return out
