"""The shipped evidence data: it loads without problems, and its quotes, dates and files hold up."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import EVIDENCE

from scorecard.dates import parse_fuzzy


def _collapse(text: str) -> str:
    """Runs of whitespace (spaces, tabs, newlines, no-break spaces) as one space."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def texts(project):
    """Each source's file, read from disk, by source id."""
    return {sid: (EVIDENCE / s.file).read_text(encoding="utf-8") for sid, s in project.sources.items()}


def test_shipped_data_has_no_problems(loaded):
    _, problems = loaded
    assert not problems, "\n".join(f"{p.path}:{p.line}:{p.col}: {p.message}" for p in problems)


def test_evidence_is_present(project):
    assert project.sources and project.origins and project.items


def test_every_quote_is_verbatim(project, texts):
    missing = [
        iid for iid, it in project.items.items() if _collapse(it.quote) not in _collapse(texts[it.source])
    ]
    assert not missing, f"quotes not found verbatim in their source: {missing}"


def test_every_document_yields_evidence(project):
    by_file = {(EVIDENCE / s.file).resolve(): sid for sid, s in project.sources.items()}
    used = {it.source for it in project.items.values()}
    documents = sorted((EVIDENCE / "documents").glob("*.txt"))
    assert documents
    for doc in documents:
        sid = by_file.get(doc.resolve())
        assert sid is not None, f"{doc.name} has no entry in sources.yaml"
        assert sid in used, f"{doc.name} ({sid}) yields no evidence item"


def test_repeated_un_may_2020_claim_shares_one_origin(project):
    """The Monitoring Team's May 2020 sentence, repeated in documents 000 and 001, is one origin."""
    hits = [
        it
        for it in project.items.values()
        if "regularly consulted" in _collapse(it.quote).lower()
        and "historical ties" in _collapse(it.quote).lower()
    ]
    files = {Path(project.sources[it.source].file).name[:3] for it in hits}
    assert {"000", "001"} <= files, (
        f"expected the sentence in documents 000 and 001, found it in {sorted(files)}"
    )
    origins = {it.origin for it in hits}
    assert len(origins) == 1, f"the repeated May 2020 claim has several origins: {sorted(origins)}"
    assert project.origins[origins.pop()].date.startswith("2020-05")


def _furniture_spans(text: str, lines: list[str]) -> list[tuple[int, int]]:
    flat = _collapse(text)
    spans = []
    for line in lines:
        needle, start = _collapse(line), 0
        while (at := flat.find(needle, start)) >= 0:
            spans.append((at, at + len(needle)))
            start = at + 1
    return spans


def test_no_quote_comes_from_furniture(project, texts):
    for iid, it in project.items.items():
        source = project.sources[it.source]
        flat, quote = _collapse(texts[it.source]), _collapse(it.quote)
        at = flat.find(quote)
        assert at >= 0, f"{iid}: quote not found"
        end = at + len(quote)
        for lo, hi in _furniture_spans(texts[it.source], source.furniture):
            assert hi <= at or lo >= end, f"{iid}: quote overlaps page furniture of {source.file}"


def test_furniture_lines_exist(project, texts):
    for sid, source in project.sources.items():
        lines = {_collapse(line) for line in texts[sid].splitlines()}
        for line in source.furniture:
            assert _collapse(line) in lines, f"{sid}: furniture line not in file: {line!r}"


def test_source_hashes_match_files(project):
    for sid, source in project.sources.items():
        digest = hashlib.sha256((EVIDENCE / source.file).read_bytes()).hexdigest()
        assert digest == source.sha256, (
            f"{sid}: {source.file} has sha256 {digest}, sources.yaml says {source.sha256}"
        )


def test_event_dates_not_after_publication(project):
    for iid, it in project.items.items():
        if it.event_date is None:
            continue
        first, _, _ = parse_fuzzy(it.event_date)
        published = project.sources[it.source].published.date
        assert first <= published, (
            f"{iid}: event {it.event_date} is after its source's publication {published}"
        )


def test_republication_follows_publication(project):
    for sid, source in project.sources.items():
        if source.republished is not None:
            assert source.republished.date >= source.published.date, sid


def test_inferred_dates_give_a_reason(project):
    for sid, source in project.sources.items():
        if source.published.inferred:
            assert source.published.reason, f"{sid}: inferred publication date without a reason"
