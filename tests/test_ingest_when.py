"""Dates a passage states without a year, read against the document's date (when.py)."""

from __future__ import annotations

from datetime import date

import pytest

from scorecard.ingest.when import undated

JUNE_2021 = date(2021, 6, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("At a meeting on Aug. 16, he spoke.", "2020-08-16"),  # after publication: the year before
        ("On April 14, Biden announced the pullout.", "2021-04-14"),
        ("On 26 May a bomber struck Kabul.", "2021-05-26"),
        ("In March, Biden said the date would be hard to meet.", "2021-03"),
        ("In September the talks stalled.", "2020-09"),
        ("Early June, they met in Doha.", "2021-06"),
        ("On Monday the group said it had no foreign fighters.", "2021-05-31"),
        ("On Wednesday the group said it had no foreign fighters.", "2021-06-02"),
        ("Last month the Taliban denied it.", "2021-05"),
        ("Yesterday the Taliban denied it.", "2021-06-01"),
        # a deadline set or named, a dateline, a date with its year: none of these
        ("The May 1 deadline passed.", None),
        ("All troops will leave by September 11.", None),
        ("It was the 20th anniversary of September 11.", None),
        ("The September 11 attacks were planned there.", None),
        ("KABUL, Jan 5 (Reuters) - The Taliban accused the United States.", None),
        ("In March 2021 the review began.", None),
        ("On March 10, 2020 the talks were due to start.", None),
        ("Officials may 3 times have met.", None),
        ("On February 30 nothing happened.", None),
    ],
)
def test_a_date_without_a_year_is_the_latest_not_after_publication(text, want):
    got = undated(text, JUNE_2021)
    assert (got[0][2] if got else None) == want


def test_a_candidate_dated_only_by_a_day_of_the_week_takes_it(ctx_all):
    from scorecard.ingest.suggest import propose

    text = "Taliban spokesman Zabihullah Mujahid on Monday denied that al-Qaeda had any presence in Afghanistan.\n"
    (cand,) = propose(text, ctx_all, date(2021, 1, 5))
    assert cand.event_date == "2021-01-04"
    (undated_cand,) = propose(text, ctx_all)
    assert undated_cand.event_date is None  # no document date to read it against


@pytest.fixture(scope="module")
def ctx_all(project):
    from scorecard.ingest.cues import build_cuebook
    from scorecard.ingest.suggest import build_context

    return build_context(project, build_cuebook(project))
