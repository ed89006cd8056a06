"""Typeset parts kept in the cache: the same bytes as typesetting afresh, and only what changed laid out.

On the small report (three obligations, still several parts) under SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EPOCH

pytestmark = pytest.mark.slow  # each test typesets the small report several times
pdf = pytest.importorskip("scorecard.render.pdf", exc_type=ImportError)
from scorecard.cache import Cache  # noqa: E402
from scorecard.render import parallel  # noqa: E402


def _pdf_entries(folder: Path) -> set[Path]:
    return set((folder / "files").rglob("*.pickle")) if folder.exists() else set()


@pytest.fixture()
def epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _laid_out(monkeypatch) -> list[int]:
    """Record how many parts each typesetting lays out."""
    seen: list[int] = []
    real = parallel._typeset

    def spy(work, jobs):
        done = real(work, jobs)
        seen.append(work.kept.laid_out)
        return done

    monkeypatch.setattr(parallel, "_typeset", spy)
    return seen


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_second_typesetting_lays_out_nothing_and_gives_the_same_bytes(
    small, small_pdfs, tmp_path, epoch, monkeypatch, jobs
):
    laid = _laid_out(monkeypatch)
    folder = tmp_path / "cache"
    first = pdf.render_pdf(small, jobs=jobs, cache=Cache(folder))
    entries = _pdf_entries(folder)
    second = pdf.render_pdf(small, jobs=jobs, cache=Cache(folder))
    assert first == second == small_pdfs[f"jobs={jobs}"]
    assert laid[0] > 3 and laid[1] == 0
    assert _pdf_entries(folder) == entries  # nothing new written


@pytest.mark.parametrize("jobs", [1, 2])
def test_after_one_obligation_changes_only_what_it_reaches_is_laid_out_again(
    small, tmp_path, epoch, monkeypatch, jobs
):
    folder = tmp_path / "cache"
    pdf.render_pdf(small, jobs=jobs, cache=Cache(folder))
    last = small.obligations[-1]
    changed = small.model_copy(
        update={
            "obligations": [
                *small.obligations[:-1],
                last.model_copy(update={"summary": last.summary + " (revised)"}),
            ]
        }
    )
    laid = _laid_out(monkeypatch)
    kept = pdf.render_pdf(changed, jobs=jobs, cache=Cache(folder))
    assert kept == pdf.render_pdf(changed, jobs=jobs)  # afresh, no cache: the same bytes
    parts = len(
        parallel.split(
            pdf.environment().get_template("report.html").render(**pdf.context(changed), split=True)
        )[2]
    )
    assert 1 <= laid[0] < parts / 2, (laid, parts)


def test_damaged_or_contradicted_parts_are_typeset_afresh(small, small_pdfs, tmp_path, epoch):
    folder = tmp_path / "cache"
    pdf.render_pdf(small, jobs=1, cache=Cache(folder))
    for entry in _pdf_entries(folder):
        raw = entry.read_bytes()
        entry.write_bytes(raw[: len(raw) - 7] + b"garbage")
    assert pdf.render_pdf(small, jobs=1, cache=Cache(folder)) == small_pdfs["jobs=1"]


def test_kept_facts_that_a_new_layout_contradicts_are_not_trusted(
    small, small_pdfs, tmp_path, epoch, monkeypatch
):
    from scorecard.render import kept

    folder = tmp_path / "cache"
    pdf.render_pdf(small, jobs=1, cache=Cache(folder))
    real = kept.KeptParts.facts

    def wrong(self, part):  # as if an entry said the part had one page more
        found = real(self, part)
        if found is not None:
            found.pages += 1
        return found

    monkeypatch.setattr(kept.KeptParts, "facts", wrong)
    monkeypatch.setattr(kept.KeptParts, "typeset", lambda self, part, plan: None)
    assert pdf.render_pdf(small, jobs=1, cache=Cache(folder)) == small_pdfs["jobs=1"]
