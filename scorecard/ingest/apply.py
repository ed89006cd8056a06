"""Apply a review file: the accepted candidates become evidence items, all checked, all or nothing."""

from __future__ import annotations

import os
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
        source = _source(review, shown)
        sid = source["id"]
        text = _document_text(txn, source, shown, lines)
        built = build_items(review, project, source, text, shown)
        if built.problems:
            raise ReviewError(sorted(built.problems))
        items, origins = built.items, built.origins
        _stage(txn, project, source, items, origins)
        for c in review.candidates:
            c.became = c.became or built.ids.get(id(c))
        for a in review.add:
            a.became = a.became or built.ids.get(id(a))
        review.applied = True
        records = _records(review, sid, who, when, items, _logged(txn, sid))
        for c in review.candidates:
            c.logged = c.decision != "pending"
        for a in review.add:
            a.logged = True
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


def _source(review: ReviewFile, shown: str) -> dict:
    """The source entry, with its grade; a located problem if the analyst has not graded it.

    Every other field was checked against the sources schema when the review file was read."""
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
        if c.decision == "accept" and c.became not in new:
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
                item=c.became if c.decision == "accept" else None,
                obligation=obligation,
                stance=stance,
                indicator=indicator,
                justification=c.justification,
            )
        )
    return out + _added_records(review, sid, who, when, new)


def _added_records(review: ReviewFile, sid: str, who: str, when: str, new: set[str]) -> list[dict]:
    """One audit record per added passage that became an item in this application."""
    out = []
    for n, a in enumerate(review.add, 1):
        if a.became not in new:
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


def document_text(evidence: Path, review: ReviewFile, path: Path) -> str:
    """The text of the document a review file names, read only from a regular file inside the
    evidence folder (for the terminal review, which holds no lock while the analyst reads)."""
    from scorecard.load import LIMITS, Refused, inside, read_regular

    shown = _shown(path)
    rel = review.source.file
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
