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


class OutsideProject(IngestError):
    """A file outside the project folder (a usage error: exit 2)."""


@dataclass
class Prepared:
    doc: Extracted
    candidates: list[Candidate]


def project_root(evidence: Path) -> Path:
    """The project folder: the one holding the evidence folder."""
    return evidence.resolve().parent


def check_inside(path: Path, root: Path) -> None:
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(root):
        raise OutsideProject(
            f"{path} is outside the project ({root}); copy it into the project first "
            "(for example into inbox/), so that what was ingested stays with the data"
        )


def known_hashes(project, evidence: Path) -> dict[str, str]:
    """sha256 → where it is already: every source's file and original, and every pending review."""
    out = {}
    for s in project.sources.values():
        out[s.sha256] = f"source '{s.id}' (evidence/sources.yaml)"
        if s.original is not None:
            out[s.original.sha256] = f"source '{s.id}' (evidence/sources.yaml)"
    for review in sorted((evidence / REVIEW_DIR).glob("*.yaml")):
        try:
            src = (yaml.safe_load(review.read_text("utf-8")) or {}).get("source") or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
            continue
        for sha in (src.get("sha256"), (src.get("original") or {}).get("sha256")):
            if isinstance(sha, str):
                out.setdefault(sha, f"source '{src.get('id')}', awaiting review in {review.as_posix()}")
    return out


def prepare(files: list[Path], project, evidence: Path, max_bytes: int, ctx, progress=None) -> list[Prepared]:
    """Read, check and propose candidates for every file; IngestError at the first that cannot be used."""
    from scorecard.ingest.suggest import propose

    root, known = project_root(evidence), known_hashes(project, evidence)
    seen: dict[str, Path] = {}
    out = []
    for n, path in enumerate(files):
        check_inside(path, root)
        doc = read_document(path, max_bytes, on_page=progress.page if progress else None)
        for sha in (doc.sha256, doc.text_sha256):
            if sha in known:
                raise IngestError(f"{path} is already ingested: the same bytes are {known[sha]}")
        if doc.sha256 in seen:
            raise IngestError(f"{path} is the same file as {seen[doc.sha256]}")
        seen[doc.sha256] = path
        published = date.fromisoformat(doc.date) if doc.date else None
        out.append(Prepared(doc, propose(doc.text, ctx, published)))
        if progress:
            progress.file(n + 1, len(files), path.name)
    return out


def write_ingested(prepared: list[Prepared], project, evidence: Path, today: date) -> list[Path]:
    """Keep each original and its text in evidence/documents/, and write its review file; all or none."""
    from scorecard.ingest.draft import draft_source, review_data, source_id
    from scorecard.ingest.review import ReviewFile, dump_review
    from scorecard.ingest.store import replace_all

    taken = set(project.sources) | {p.stem for p in (evidence / REVIEW_DIR).glob("*.yaml")}
    contents: dict[Path, bytes] = {}
    reviews = []
    for p in prepared:
        sid = source_id(p.doc, taken)
        taken.add(sid)
        text_file = f"documents/{sid}.txt"
        as_is = p.doc.media_type == "text/plain" and p.doc.raw == p.doc.text.encode("utf-8")
        suffix = ".original.txt" if p.doc.media_type == "text/plain" else p.doc.suffix
        original = None if as_is else f"documents/{sid}{suffix}"
        contents[evidence / text_file] = p.doc.text.encode("utf-8") if original else p.doc.raw
        if original:
            contents[evidence / original] = p.doc.raw
        source = draft_source(p.doc, sid, text_file, original, today)
        review = ReviewFile.model_validate(review_data(source, p.candidates))
        path = evidence / REVIEW_DIR / f"{sid}.yaml"
        contents[path] = dump_review(review, path.as_posix())
        reviews.append(path)
    for target in contents:
        if target.exists():
            raise IngestError(f"{target} already exists; nothing was written")
    replace_all(contents)
    return reviews
