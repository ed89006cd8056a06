"""One `scorecard ingest`: files → checked documents → candidates → documents and review files written.

Every file is read and checked before anything is written: one bad file stops the whole run with
nothing written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from scorecard.ingest.extract import Extracted, IngestError, read_document
from scorecard.ingest.suggest import Candidate

REVIEW_DIR = "review"


@dataclass
class Prepared:
    doc: Extracted
    candidates: list[Candidate]


def known_hashes(sources: list[dict], evidence: Path) -> dict[str, str]:
    """sha256 → where it is already: every source's file and original, and every pending review."""
    out = {}
    for s in sources:
        for sha in (s.get("sha256"), (s.get("original") or {}).get("sha256")):
            if isinstance(sha, str):
                out[sha] = f"source '{s.get('id')}' (evidence/sources.yaml)"
    from scorecard.load import LIMITS, Refused, read_regular

    for name in _names(evidence / REVIEW_DIR):
        review = evidence / REVIEW_DIR / name
        if not name.endswith(".yaml"):
            continue
        try:  # only regular files, within the limit: a named pipe here must not hang ingest
            raw = read_regular(review, LIMITS["YAML file"], "a review file")
            src = (yaml.safe_load(raw.decode("utf-8")) or {}).get("source") or {}
        except (Refused, UnicodeDecodeError, yaml.YAMLError, AttributeError):
            continue
        for sha in (src.get("sha256"), (src.get("original") or {}).get("sha256")):
            if isinstance(sha, str):
                out.setdefault(sha, f"source '{src.get('id')}', awaiting review in {review.as_posix()}")
    return out


def prepare(
    files: list[str], project, evidence: Path, max_bytes: int, ctx, progress=None, timeout: float = 30.0
) -> list[Prepared]:
    """Read, check and propose candidates for every file or URL; IngestError at the first that cannot be used.

    Why any file: a path on the command line is the user's own choice (confinement is for paths the
    data names); a real ingest copies the file into the evidence folder, so what was read stays there.
    """
    from scorecard.ingest.fetch import fetch, is_url
    from scorecard.ingest.suggest import propose

    known = known_hashes([s.model_dump(mode="json") for s in project.sources.values()], evidence)
    seen: dict[str, str] = {}
    out = []
    for n, arg in enumerate(files):
        on_page = progress.page if progress else None
        doc = (
            fetch(arg, max_bytes, timeout, on_page)
            if is_url(arg)
            else read_document(Path(arg), max_bytes, on_page)
        )
        for sha in (doc.sha256, doc.text_sha256):
            if sha in known:
                raise IngestError(f"{arg} is already ingested: the same bytes are {known[sha]}")
        if doc.sha256 in seen:
            raise IngestError(f"{arg} is the same file as {seen[doc.sha256]}")
        seen[doc.sha256] = arg
        published = date.fromisoformat(doc.date) if doc.date else None
        out.append(Prepared(doc, propose(doc.text, ctx, published)))
        if progress:
            progress.file(n + 1, len(files), doc.path.name)
    return out


def write_ingested(prepared: list[Prepared], evidence: Path, today: date) -> list[Path]:
    """Keep each original and its text in evidence/documents/, and write its review file: one
    transaction, all or none. Ids and duplicates are decided under the lock, against the files as
    they are then (another ingest may have finished meanwhile)."""
    from scorecard.ingest.draft import draft_source, review_data, source_id
    from scorecard.ingest.review import ReviewFile, dump_review
    from scorecard.transaction import open_transaction

    with open_transaction(evidence) as txn:
        sources = _sources_now(txn)
        known = known_hashes(sources, evidence)
        for p in prepared:
            for sha in (p.doc.sha256, p.doc.text_sha256):
                if sha in known:
                    raise IngestError(f"{p.doc.path} is already ingested: the same bytes are {known[sha]}")
        taken = {str(x.get("id")) for x in sources} | {
            n[:-5] for n in _names(evidence / REVIEW_DIR) if n.endswith(".yaml")
        }
        reviews = []
        for p in prepared:
            sid = source_id(p.doc, taken)
            taken.add(sid)
            text_file = f"documents/{sid}.txt"
            as_is = p.doc.media_type == "text/plain" and p.doc.raw == p.doc.text.encode("utf-8")
            suffix = ".original.txt" if p.doc.media_type == "text/plain" else p.doc.suffix
            original = None if as_is else f"documents/{sid}{suffix}"
            staged = {text_file: p.doc.text.encode("utf-8") if original else p.doc.raw}
            if original:
                staged[original] = p.doc.raw
            source = draft_source(p.doc, sid, text_file, original, today)
            review = ReviewFile.model_validate(review_data(source, p.candidates))
            rel = f"{REVIEW_DIR}/{sid}.yaml"
            staged[rel] = dump_review(review, (evidence / rel).as_posix())
            for name, data in staged.items():
                if txn.exists(name):
                    raise IngestError(f"{(evidence / name).as_posix()} already exists; nothing was written")
                txn.write(name, data)
            reviews.append(evidence / rel)
        txn.commit()
    return reviews


def _sources_now(txn) -> list[dict]:
    """The entries of sources.yaml as the file is now, under the lock (plain mappings)."""
    try:
        data = yaml.safe_load((txn.read("sources.yaml") or b"").decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        raise IngestError("evidence/sources.yaml does not parse; run `scorecard validate`") from None
    return [x for x in data or [] if isinstance(x, dict)]


def _names(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def ingest_files(
    files: list[str],
    project,
    evidence: Path,
    max_bytes: int,
    dry_run: bool,
    progress=None,
    timeout: float = 30.0,
) -> tuple[list[Prepared], list[Path]]:
    """Read `files` (paths or URLs), propose candidates, and unless `dry_run` keep the documents and
    write their review files in one transaction: (what was prepared, the review files written)."""
    from datetime import UTC, datetime

    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.suggest import build_context

    ctx = build_context(project, build_cuebook(project))
    try:
        prepared = prepare(files, project, evidence, max_bytes, ctx, progress, timeout)
    finally:
        if progress is not None:
            progress.close()
    if dry_run:
        return prepared, []
    return prepared, write_ingested(prepared, evidence, datetime.now(UTC).date())
