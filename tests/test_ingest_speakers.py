"""Who makes a passage's claim, whether a party does, and which report it relays (speakers.py)."""

from __future__ import annotations

from datetime import date

import pytest

from scorecard.ingest.speakers import known_origins, party_matchers, party_of, relayed, who_claims


@pytest.mark.parametrize(
    ("passage", "speaker"),
    [
        (
            "A Taliban spokesman denied the report and said no foreign fighters had been given documents.",
            "A Taliban spokesman",
        ),
        (
            "Zabihullah Mujahid, the Taliban's chief spokesman, said no one would use Afghan soil.",
            "Zabihullah Mujahid, the Taliban's chief spokesman",
        ),
        ('"We have no foreign fighters," said Zabihullah Mujahid.', "Zabihullah Mujahid"),
        ("Though U.N. monitors said the group remained active, Washington disagreed.", "U.N. monitors"),
        (
            "The May 2020 U.N. report said the Taliban regularly consulted with al-Qaeda.",
            "May 2020 U.N. report",
        ),
        (
            "Al-Qaeda is present in 15 provinces, according to the UN Monitoring Team, which reports to the Council.",
            "UN Monitoring Team",
        ),
        (
            "US Secretary of State Mike Pompeo told reporters the Taliban had made commitments.",
            "US Secretary of State Mike Pompeo",
        ),
        ("The Taliban, however, said they had cut ties.", "Taliban"),
        # a headline's fragment or a clause is never a speaker
        ("Though U.N. Sanctions Remain, Taliban Leaders Travel Abroad", None),
        ("It said the Taliban continued to host al-Qaeda.", None),
        ("The fighters who had been released went back to the battlefield and said nothing.", None),
    ],
)
def test_speaker(passage, speaker):
    assert who_claims(passage) == speaker


def test_party_from_the_agreements_names_and_aliases(project):
    matchers = party_matchers(project)
    assert party_of("A Taliban spokesman", matchers) == "taliban"
    assert party_of("Zabihullah Mujahid", matchers) == "taliban"  # an alias in agreement.yaml
    assert party_of("US Secretary of State Mike Pompeo", matchers) == "us"
    assert party_of("UN monitors", matchers) is None
    assert party_of("a UN report on the Taliban", matchers) is None  # about a party, not by it
    assert party_of("Diplomats", matchers) is None


def test_relayed_report_matches_an_existing_origin_by_body_and_date(project):
    origins = known_origins(project)
    said = "The May 2020 U.N. report said the Taliban regularly consulted with al-Qaeda."
    got = relayed(said, "May 2020 U.N. report", origins, date(2020, 9, 1))
    assert got is not None and got["origin"] == "un-mt-2020-05" and got["date"] == "2020-05"
    # unnamed and undated: the latest of that body before publication
    got = relayed("x", "a UN report", origins, date(2021, 7, 1))
    assert got is not None and got["origin"] == "un-mt-2021-06"
    # a report none of the origins is: a new origin is suggested
    got = relayed("x", "report by UN sanctions monitors", origins, date(2026, 7, 1))
    assert got == {"origin": None, "description": "Report by UN sanctions monitors", "date": None}
    assert relayed("x", "A Taliban spokesman", origins, date(2022, 1, 1)) is None
