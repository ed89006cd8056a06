"""One `scorecard ingest`: files → checked documents → candidates → documents and review files written.

Every file is read and checked before anything is written: one bad file stops the whole run with
nothing written.
"""

from __future__ import annotations

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


def prepare(
    files: list[str], project, evidence: Path, max_bytes: int, ctx, progress=None, timeout: float = 30.0
) -> list[Prepared]:
    """Read, check and propose candidates for every file or URL; IngestError at the first that cannot be used.

    Why any file: a path on the command line is the user's own choice (confinement is for paths the
    data names); a real ingest copies the file into the evidence folder, so what was read stays there.
    """
    from scorecard.ingest.fetch import fetch, is_url
    from scorecard.ingest.suggest import propose

    known = known_hashes(project, evidence)
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
