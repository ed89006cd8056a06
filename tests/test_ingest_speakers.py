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
        # an aside, an adverb or a date between the speaker and the verb; more verbs of saying
        (
            "A US official, speaking to the broadcaster TOLOnews on condition of anonymity, said they were in Helmand.",
            "A US official",
        ),
        (
            "Mohammad Naeem, a spokesman for the group's political office, had already said the Taliban would attend.",
            "Mohammad Naeem, a spokesman for the group's political office",
        ),
        ('A Taliban statement the next day called the decision "a clear violation".', "A Taliban statement"),
        (
            "National security adviser Jake Sullivan told his counterpart that Washington would review it.",
            "National security adviser Jake Sullivan",
        ),
        ("In a statement, the insurgents said the strikes had been called in.", "the insurgents"),
        (
            "The Taliban on Sunday repeated their promise that Afghanistan would not be a launchpad.",
            "Taliban",
        ),
        ("The agreement called for the release of 5,000 prisoners.", None),
        (
            "In a statement on Saturday, a Taliban spokesperson said the strikes hit civilians.",
            "a Taliban spokesperson",
        ),
        # a dateline is not the speaker
        (
            "KABUL, Jan 5 (wire) - The Taliban on Monday accused the United States of violating the deal.",
            "Taliban",
        ),
        ("WASHINGTON (Reuters) \u2014 The Pentagon said on Friday it had cut troops.", "Pentagon"),
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


def test_a_pronoun_speaker_is_the_one_named_just_before(ctx):
    """ "He told Sputnik …" gives the words of the person the passage before named: the speaker and
    the party are theirs, not none."""
    from scorecard.ingest.suggest import propose

    text = (
        "Amir Khan Muttaqi, the Taliban's acting foreign minister, said al-Qaeda had no presence in "
        "Afghanistan.\n\nIn February he told Sputnik that the Taliban had not allowed any group to use "
        "Afghan soil against the United States.\n"
    )
    cands = propose(text, ctx)
    assert (
        len(cands) == 2 and cands[1].attributed_to == cands[0].attributed_to and cands[1].party == "taliban"
    )
    far = text.replace(
        "\n\nIn February", "\n\n" + "Unrelated words fill the page here. " * 20 + "\n\nIn February"
    )
    assert propose(far, ctx)[-1].party is None  # too far back to be who "he" is


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Colonel Sonny Leggett, spokesman for US Forces-Afghanistan", "Leggett", True),
        ("Taliban spokesman Qari Yousuf Ahmadi", "Zabihullah Mujahid", True),  # one party
        ("Taliban spokesman Qari Yousuf Ahmadi", "Leggett", False),
        ("UN monitors", "Afghan officials", False),
        ("The UN Monitoring Team", "the UN monitors", True),
    ],
)
def test_two_speakers_are_one_voice_when_one_party_or_one_name(project, a, b, same):
    from scorecard.ingest.speakers import same_voice

    matchers = party_matchers(project)
    assert same_voice(a, b, matchers) is same
    assert same_voice(b, a, matchers) is same


def test_a_charge_and_its_answer_from_the_other_side_are_two_candidates(ctx):
    """An item has one speaker: the Taliban's charge and the US's denial that follows it are two
    passages, each its side's claim, not one passage that takes the charge's stance."""
    from scorecard.ingest.suggest import propose

    text = (
        "Taliban spokesman Qari Yousuf Ahmadi said American forces had violated the Doha agreement "
        'through excessive air strikes in Helmand. Leggett said the United States "categorically" '
        "rejected the claim.\n"
    )
    cands = propose(text, ctx)
    assert [c.party for c in cands] == ["taliban", "us"]
    stances = [{s.clause: s.stance for s in c.suggestions}.get("Part One F") for c in cands]
    assert stances == ["breach", "compliance"]


def test_one_voice_goes_on_in_one_candidate(ctx):
    from scorecard.ingest.suggest import propose

    text = (
        "Zabihullah Mujahid said the Taliban had not allowed al-Qaeda to use Afghan soil. "
        "Suhail Shaheen, another Taliban spokesman, said no foreign fighters were in Afghanistan.\n"
    )
    assert len(propose(text, ctx)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "In a statement on Monday the US military rejected the charge that its air strikes in Helmand "
        "had violated the agreement.",
        '"The accusations that US air strikes in Helmand violated the agreement are false," '
        "Colonel Sonny Leggett, spokesman for US Forces-Afghanistan, wrote on Twitter.",
    ],
)
def test_the_bound_party_named_as_denying_a_charge_claims_compliance(ctx, text):
    """The party a passage names as the subject of a denial makes it, as it makes a charge, whoever
    the passage quotes; "are false" and "rejected the charge" deny."""
    from scorecard.ingest.suggest import propose

    (cand,) = propose(text + "\n", ctx)
    assert {s.clause: s.stance for s in cand.suggestions}["Part One F"] == "compliance"


def test_the_deal_s_own_words_are_no_party_s_denial(ctx):
    from scorecard.ingest.suggest import propose

    text = (
        "The agreement states that the Taliban will not allow any of its members to use the soil of "
        "Afghanistan to threaten the security of the United States.\n"
    )
    for cand in propose(text, ctx):
        assert all(s.stance != "compliance" for s in cand.suggestions)
