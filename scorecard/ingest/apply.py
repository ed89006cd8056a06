"""Apply a review file: the accepted candidates become evidence items, all checked, all or nothing."""

from __future__ import annotations

import os
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


def review_path(path: Path, evidence: Path) -> str:
    """`path` relative to the evidence folder; ReviewError if it lies outside it.

    Why: applying rewrites the review file (it records what was applied), and nothing outside
    the evidence folder is ever written."""
    real, base = os.path.realpath(path), os.path.realpath(evidence)
    if not Path(real).is_relative_to(base) or real == base:
        raise ReviewError(
            [
                Problem(
                    _shown(path),
                    1,
                    1,
                    f"a review file is applied from inside the evidence folder {evidence.as_posix()}/ "
                    f"(ingest writes it to {(evidence / 'review').as_posix()}/); move it there",
                )
            ]
        )
    return Path(os.path.relpath(real, base)).as_posix()


def apply_review(
    path: Path, rules: Path, evidence: Path, policy: Path | None, who: str, when: str
) -> Applied:
    """Apply `path` in one transaction: ReviewError with located problems (nothing written);
    Busy, Unsafe or WriteFailed from scorecard.transaction."""
    from scorecard.pipeline import load_and_check
    from scorecard.transaction import open_transaction

    rel = review_path(path, evidence)
    shown = _shown(path)
    with open_transaction(evidence) as txn:
        project, problems = load_and_check(rules, evidence, policy)
        if problems:
            raise ReviewError(problems)
        raw = _read(txn, rel, shown, "review file")
        review = read_review(path, raw)
        lines = raw.decode("utf-8").splitlines()
        source = _source(review, shown, lines)
        sid = source["id"]
        text = _document_text(txn, source, shown, lines)
        items, origins, found = _items(review, project, source, text, shown, lines)
        if found:
            raise ReviewError(sorted(found))
        _stage(txn, project, source, items, origins)
        for c in review.candidates:
            if c.decision == "accept" and c.item is None:
                c.item = f"{sid}-{c.id}"
        review.applied = True
        records = _records(review, sid, who, when, items, _logged(txn, sid))
        for c in review.candidates:
            c.logged = c.decision != "pending"
        txn.write(rel, dump_review(review, shown))
        txn.append(audit.LOG_NAME, audit.lines(records))
        _check(txn, rules, policy)
        txn.commit()
    return Applied(
        sid,
        [i["id"] for i in items],
        [o["id"] for o in origins],
        sum(c.decision == "reject" for c in review.candidates),
        sum(c.decision == "pending" for c in review.candidates),
    )


def _check(txn, rules: Path, policy: Path | None) -> None:
    """The staged change, checked as `validate` checks; ReviewError with its problems."""
    from scorecard.transaction import Rejected

    try:
        txn.check(rules, policy)
    except Rejected as exc:
        raise ReviewError(exc.problems) from None


def _read(txn, rel: str, shown: str, what: str) -> bytes:
    from scorecard.load import LIMITS
    from scorecard.transaction import Unsafe

    try:
        raw = txn.read(rel, LIMITS["YAML file"] if what == "review file" else LIMITS["document"])
    except Unsafe as exc:
        raise ReviewError([Problem(shown, 1, 1, f"{exc}")]) from None
    except OSError as exc:
        raise ReviewError([Problem(shown, 1, 1, f"cannot read the {what}: {exc.strerror or exc}")]) from None
    if raw is None:
        raise ReviewError([Problem(shown, 1, 1, f"no such {what}")])
    return raw


_SOURCE_NEEDS = ("id", "title", "publisher", "published", "file", "kind")


def _source(review: ReviewFile, shown: str, lines: list[str]) -> dict:
    """The source entry, with its grade; a located problem if the analyst has not graded it."""
    source = dict(review.source)
    reliability = source.get("reliability")
    reliability = reliability if isinstance(reliability, dict) else {}
    if not reliability.get("grade") or not reliability.get("reason"):
        raise ReviewError(
            [
                Problem(
                    shown,
                    *_line_of(lines, "grade:"),
                    "give the source a reliability grade "
                    "(source.reliability.grade, A-F) and its reason before anything is accepted",
                )
            ]
        )
    missing = [k for k in _SOURCE_NEEDS if not source.get(k)]
    if missing:
        raise ReviewError(
            [
                Problem(
                    shown,
                    *_line_of(lines, "source:"),
                    f"the source lacks {', '.join(missing)}: every source needs "
                    f"{', '.join(_SOURCE_NEEDS)} (see `scorecard schema sources`)",
                )
            ]
        )
    if not isinstance(source.get("published"), dict) or not source["published"].get("date"):
        raise ReviewError(
            [Problem(shown, *_line_of(lines, "published:"), "source.published needs a `date` (YYYY-MM-DD)")]
        )
    if not isinstance(source["id"], str) or not isinstance(source["file"], str):
        raise ReviewError(
            [Problem(shown, *_line_of(lines, "source:"), "source.id and source.file must be text")]
        )
    return source


def _line_of(lines: list[str], needle: str) -> tuple[int, int]:
    """Line and column of the first line of the review file that starts (after indentation) with `needle`."""
    for n, line in enumerate(lines, 1):
        if line.lstrip(" -").startswith(needle):
            return n, len(line) - len(line.lstrip(" -")) + 1
    return 1, 1


def _document_text(txn, source: dict, shown: str, lines: list[str]) -> str:
    """The source's text, read only from a regular file inside the evidence folder."""
    from scorecard.transaction import Unsafe, _relative

    rel = source["file"]
    where = _line_of(lines, "file:")
    try:
        _relative(rel)
    except Unsafe:
        raise ReviewError(
            [Problem(shown, *where, f"source.file '{rel}' must be a path inside the evidence folder")]
        ) from None
    try:
        return _read(txn, rel, shown, "source's text").decode("utf-8")
    except ReviewError as exc:
        raise ReviewError(
            [Problem(shown, *where, f"source.file '{rel}': {p.message}") for p in exc.problems]
        ) from None
    except UnicodeDecodeError:
        raise ReviewError([Problem(shown, *where, f"source.file '{rel}' is not UTF-8 text")]) from None


def _items(review: ReviewFile, project, source: dict, text: str, shown: str, lines: list[str]):
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
                    *_line_of(lines, f"id: {c.id}"),
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
                    *_line_of(lines, f"id: {c.id}"),
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


def _stage(txn, project, source: dict, items: list[dict], origins: list[dict]) -> None:
    """Stage the new source, origins and items in the transaction."""
    if source["id"] not in project.sources:
        txn.append("sources.yaml", b"\n" + _dump([source]).encode("utf-8"))
    if origins:
        txn.append("origins.yaml", b"\n" + _dump(origins).encode("utf-8"))
    if items:
        rel = f"items/{source['id']}.yaml"
        if txn.exists(rel):
            txn.append(rel, b"\n" + _dump(items).encode("utf-8"))
        else:
            head = f"# Evidence items quoting {source['id']} ({source['file']}), accepted in review.\n\n"
            txn.write(rel, (head + _dump(items)).encode("utf-8"))


def _logged(txn, sid: str) -> set[tuple[str, str]]:
    """(candidate, decision) pairs of `sid` the audit log already records (read from the log itself,
    never from the review file)."""
    import json

    raw = txn.read(audit.LOG_NAME) or b""
    out = set()
    for line in raw.decode("utf-8", "replace").splitlines():
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if isinstance(r, dict) and r.get("source") == sid and isinstance(r.get("candidate"), str):
            out.add((r["candidate"], str(r.get("decision"))))
    return out


def _records(
    review: ReviewFile, sid: str, who: str, when: str, items: list[dict], logged: set[tuple[str, str]]
) -> list[dict]:
    """One audit record per decision the log does not hold yet, and one for every item written."""
    new = {i["id"] for i in items}
    out = []
    for c in review.candidates:
        if c.decision == "pending":
            continue
        if c.decision == "accept" and c.item not in new:
            continue
        if c.decision != "accept" and (c.id, c.decision) in logged:
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


def document_text(evidence: Path, review: ReviewFile, path: Path) -> str:
    """The text of the document a review file names, read only from a regular file inside the
    evidence folder (for the terminal review, which holds no lock while the analyst reads)."""
    from scorecard.load import LIMITS, Refused, inside, read_regular

    shown = _shown(path)
    rel = review.source.get("file")
    if not isinstance(rel, str) or not rel:
        raise ReviewError(
            [Problem(shown, 1, 1, "source.file must name the document's text in the evidence folder")]
        )
    target = inside(evidence, rel)
    if isinstance(target, str):
        raise ReviewError([Problem(shown, 1, 1, f"source.file: {target}")])
    try:
        return read_regular(target, LIMITS["document"], "a document").decode("utf-8")
    except Refused as exc:
        raise ReviewError([Problem(shown, 1, 1, f"source.file '{rel}' {exc}")]) from None
    except UnicodeDecodeError:
        raise ReviewError([Problem(shown, 1, 1, f"source.file '{rel}' is not UTF-8 text")]) from None
