"""How ingest reads a passage's stance: pairs of sentences that differ in one respect (a negation's
reach, a description of the deal, a forecast, a question of meaning), read with the rules and the
lexicon alone (no reviewed evidence or labelled example to vote), so each answer comes from the reading under test."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.ingest.misstating import misstated, vocabulary
from scorecard.ingest.passages import sentences
from scorecard.ingest.reading import naming
from scorecard.ingest.scope import Scope
from scorecard.ingest.stance import lexicon_stances

RULES = Path(__file__).resolve().parent.parent / "rules" / "doha-2020"


def stance_on(ctx, text: str, clause: str) -> str | None:
    """The stance of the best suggestion for `clause` among the text's candidates, or None."""
    from scorecard.ingest.suggest import propose

    best = None
    for cand in propose(text + "\n", ctx):
        for s in cand.suggestions:
            if s.clause == clause and (best is None or s.score > best.score):
                best = s
    return None if best is None else best.stance


def scope_of(ctx, text: str) -> tuple[Scope, dict, list[int]]:
    sents = sentences(text)
    _, lex = ctx.book.hits(text, [s.start for s in sents])
    group = list(range(len(sents)))
    return Scope(text, [(s.start, s.end) for s in sents], lex, group), lex, group


def heard(ctx, text: str, stance: str) -> bool:
    """Whether the lexicon, read in its clauses, gives the text any weight towards `stance`."""
    scope, lex, group = scope_of(ctx, text)
    return lexicon_stances(group, lex, None, scope).get(stance, 0.0) > 0


@pytest.mark.parametrize(
    "clause,text,want",
    [
        # a wide negation reaches the end of its clause, however far the word it turns
        (
            "Part Two 3",
            "The Pentagon said there was no evidence that the Taliban had hosted or sheltered "
            "al-Qaeda leaders in Kabul.",
            "compliance",
        ),
        (
            "Part Two 3",
            "The Pentagon said the Taliban had hosted and sheltered al-Qaeda leaders in Kabul.",
            "breach",
        ),
        # a participle beside its noun names who is meant; the act reported is the return
        (
            "Part One C",
            "Officials said more than 580 of the released prisoners had returned to the battlefield.",
            "breach",
        ),
        # an indicator's cue that names who is meant is no report, and the negation turns nothing
        (
            "Part One C",
            "A spokesman said he had seen no information tying any of the released Taliban prisoners "
            "to attacks on US troops.",
            "compliance",
        ),
        # a forecast reports nothing done
        (
            "Part Two 3",
            "Analysts said the Taliban could shelter al-Qaeda leaders in Kabul in the years ahead.",
            "context",
        ),
        # an indicator's cue under a forecast names the topic, not a side
        (
            "Part Two 1",
            "Colin Kahl, the Pentagon's policy chief, told senators that ISIS-K might be able to attack "
            "the West within six to twelve months.",
            "context",
        ),
        # the deal's terms, described, are context; the same terms misstated are a question of meaning
        (
            "Part Two 1",
            "Under the agreement, the Taliban committed not to allow any of their members to use the "
            "soil of Afghanistan to threaten the security of the United States.",
            "context",
        ),
        # words that say what the text leaves open are a question of meaning, not of conduct
        (
            "Part One C",
            "The prisoner clause names no one who must free the 5,000, leaving open whether Kabul, "
            "which held them, was bound at all.",
            "ambiguity",
        ),
        (
            "Part One A(2)",
            "The five bases are not named in the published text, and which installations the "
            "commitment covered is a matter of interpretation.",
            "ambiguity",
        ),
        # the bound party's claim that it poses no threat is its claim of compliance
        (
            "Part Two 1",
            "Taliban officials said ISKP had been crushed and that Afghanistan posed no danger to the "
            "United States or Europe.",
            "compliance",
        ),
        # what the accord obliged is the deal's terms; troops flying home is the act done
        (
            "Part One A(2)",
            "The first phase of the accord obliged US and allied forces to pull out of five military "
            "bases within 135 days.",
            "context",
        ),
        (
            "Part One",
            "Thousands of US soldiers flew home from Afghanistan over the spring as units finished "
            "their rotations and left the bases.",
            "compliance",
        ),
        # a question of what the commitment covers
        (
            "Part One C",
            "Whether freed Taliban prisoners who return to the battlefield against Afghan forces "
            "violate the Doha agreement has never been settled.",
            "ambiguity",
        ),
    ],
)
def test_stance_reading(ctx, clause, text, want):
    assert stance_on(ctx, text, clause) == want


def test_a_contrast_closes_a_negation(ctx):
    text = "The Taliban did not expel the fighters, but al-Qaeda leaders were expelled from Kabul."
    scope, _, _ = scope_of(ctx, text)
    first, second = text.index("expel "), text.index("expelled")
    assert scope.negated(first) and not scope.negated(second)


def test_a_wide_negation_reaches_the_end_of_its_sentence_only(ctx):
    text = "There is no evidence that the Taliban trained fighters. The Taliban trained fighters."
    scope, _, _ = scope_of(ctx, text)
    first, second = text.index("trained"), text.rindex("trained")
    assert scope.negated(first) and not scope.negated(second)


def test_a_negation_that_two_lists_find_counts_once(ctx):
    """ "denied" is a near negation and starts a wide one ("denied that"): one turn, not two."""
    text = "The Taliban denied that they sheltered the fighters."
    scope, _, _ = scope_of(ctx, text)
    assert scope.negated(text.index("sheltered"))


def test_prevent_turns_what_it_governs_and_a_negation_turns_it_back(ctx):
    kept = "The Taliban prevented the fighters from training in Kunar."
    failed = "The Taliban did not prevent the fighters training in Kunar."
    for text, turned in ((kept, True), (failed, False)):
        scope, _, _ = scope_of(ctx, text)
        assert scope.negated(text.index("training")) is turned


def test_words_a_description_of_the_deal_governs_report_nothing(ctx):
    text = "Under the deal the Taliban promised to expel fighters; in 2021 they expelled some."
    scope, lex, group = scope_of(ctx, text)
    assert scope.described(text.index("expel "))
    assert not scope.described(text.index("expelled"))
    weights = lexicon_stances(group, lex, None, scope)
    assert weights["compliance"] == 1.0  # "expelled" only


def test_a_passing_mention_of_the_deal_weighs_less_than_a_description():
    from collections import defaultdict

    def lex(**hits):
        out = {k: defaultdict(list) for k in ("deal", "compliance")}
        for k, n in hits.items():
            out[k][0] = [(0, 10 * i) for i in range(n)]
        return out

    about = lexicon_stances([0], lex(deal=1))
    reported = lexicon_stances([0], lex(deal=1, compliance=1))
    assert about["context"] > reported["context"] > 0


def test_a_description_of_the_deal_told_to_show_what_it_means_is_ambiguity():
    from scorecard.ingest.stance import choose

    # three deal words outweigh one word about meaning, until the passage says what is unclear
    assert choose({}, [], {"context": 4.2}, False)[0] == "context"
    assert choose({}, [], {"context": 4.2, "ambiguity": 3.0}, False)[0] == "ambiguity"
    # the description still weakens an indicator's cue as before
    assert choose({("x", "breach"): 1}, [], {"context": 1.4, "ambiguity": 3.0}, False)[0] == "ambiguity"


def test_forecasts_are_read_as_such_but_hedged_reports_are_not(ctx):
    for text, forecast in (
        ("The Taliban will continue to shelter al-Qaeda.", True),
        ("The Taliban may have sheltered al-Qaeda.", False),
        ("The Taliban sheltered al-Qaeda.", False),
    ):
        scope, _, _ = scope_of(ctx, text)
        assert scope.forecast(text.index("shelter")) is forecast, text


@pytest.mark.parametrize(
    "text,forecast",
    [
        # a possibility reaches its whole clause up to a comma
        (
            "The Taliban are likely to grow bolder as time goes by and to expand through sheltering al-Qaeda.",
            True,
        ),
        ("It is possible that the movement, in time, goes on sheltering al-Qaeda.", False),
        ("Observers say the group could potentially keep on sheltering al-Qaeda in the east.", True),
        # a far "will" is often a new main verb's, and reports what follows it
        ("The ties will stay in the spotlight for years until the Taliban stop sheltering al-Qaeda.", False),
    ],
)
def test_a_possibility_reaches_its_clause_up_to_a_comma(ctx, text, forecast):
    scope, _, _ = scope_of(ctx, text)
    assert scope.forecast(text.index("shelter")) is forecast, text


@pytest.mark.parametrize(
    "text,word,named",
    [
        ("580 of the released prisoners returned to the battlefield", "released", True),
        ("a number of released prisoners had returned to the fight", "released", True),
        ("580 prisoners, who were released by the government, went back to the war", "released", True),
        ("the 5,000 prisoners freed under the deal", "freed", True),
        ("the government released 400 prisoners in August", "released", False),
        ("the Taliban released the last prisoners", "released", False),
        ("the spokesman said in a video clip released today", "released", True),
        ("those freed swore not to take up arms again", "freed", True),
        ("these strikes are consistent with the agreement", "strikes", False),
        ("within days of the final prisoners being released", "released", True),
        ("the lists of the prisoners to be released", "released", True),
        ("officials released the report's figures on Monday", "released", False),
    ],
)
def test_a_participle_beside_its_noun_names_rather_than_reports(text, word, named):
    assert naming(text, text.index(word)) is named


def test_a_description_that_misstates_the_agreement_is_a_question_of_meaning(ctx, project):
    words = vocabulary(project.agreement_text.text)
    faithful = "Under the deal the Taliban pledged to prevent any group from threatening the United States."
    wrong = "Under the deal the Taliban pledged to hold elections and protect women's education."
    assert not misstated(scope_of(ctx, faithful)[0], words)
    assert misstated(scope_of(ctx, wrong)[0], words)
    # a word of signing or a bare noun states no terms: what follows is a report, not a description
    for text in (
        "In keeping with the agreement they signed in February 2020, the Taliban have not attacked "
        "foreign convoys, even as bombings in the capital spiked in recent months.",
        "Given the movement's unwillingness to honour its commitments, donors will keep humanitarian "
        "aid flowing through charities.",
    ):
        assert not misstated(scope_of(ctx, text)[0], words), text
    assert misstated(
        scope_of(ctx, "The agreement committed the Taliban to hold elections and reopen schools.")[0], words
    )


def test_doubt_about_conduct_is_not_ambiguity_but_doubt_about_meaning_is(ctx):
    conduct = "It is unclear whether the Taliban expelled the fighters."
    meaning = "It is unclear whether hosting fighters counts as a threat under the agreement."
    weights = []
    for text in (conduct, meaning):
        scope, lex, group = scope_of(ctx, text)
        weights.append(lexicon_stances(group, lex, None, scope).get("ambiguity", 0.0))
    assert weights[0] == 0 and weights[1] > 0


def test_a_whether_that_asks_about_a_judgment_word_is_ambiguity(ctx):
    text = "Whether the strike violated the agreement is disputed by lawyers."
    scope, lex, group = scope_of(ctx, text)
    assert scope.questioned(text.index("violated"))
    weights = lexicon_stances(group, lex, None, scope)
    assert weights.get("breach", 0) == 0 and weights["ambiguity"] > 0


def test_an_if_governs_its_clause_and_the_main_clause_after_it(ctx):
    text = (
        "The spokesman warned that if the agreement was breached and foreign forces did not leave the "
        "country by the date, the group would consider it a violation and resume attacks."
    )
    scope, _, _ = scope_of(ctx, text)
    assert scope.conditional(text.index("leave"))  # 60 characters after "if"
    assert scope.conditional(text.index("violation"))  # the main clause: supposed as well
    conceded = "Even if the Taliban deny it, they hosted al-Qaeda leaders in Kabul."
    scope, _, _ = scope_of(ctx, conceded)
    assert not scope.conditional(conceded.index("hosted"))
    closed = "If the talks resume, officials said; but the Taliban hosted al-Qaeda leaders in Kabul."
    scope, _, _ = scope_of(ctx, closed)
    assert not scope.conditional(closed.index("hosted"))  # a contrast closes the reach
    near = "Unless the talks resume, the United States will keep its troops."
    scope, _, _ = scope_of(ctx, near)
    assert scope.conditional(near.index("resume"))


def test_a_charge_made_only_as_a_supposition_is_no_claim_of_breach(ctx):
    """The other party's "breached", said under an "if", is no accusation: the passage is context."""
    supposed = (
        "Taliban spokesman Mohammad Naeem said that if the agreement was breached and foreign forces "
        "stayed beyond the specified date, problems would be compounded."
    )
    said = (
        "Taliban spokesman Mohammad Naeem said the United States had breached the agreement as foreign "
        "forces stayed beyond the specified date."
    )
    assert stance_on(ctx, supposed, "Part One") == "context"
    assert stance_on(ctx, said, "Part One") == "breach"


def test_a_judgment_with_no_topic_of_its_own_speaks_of_the_sentence_before(ctx):
    from scorecard.ingest.suggest import propose

    report = "UN monitors said al-Qaeda fighters trained in camps in Kunar province throughout 2021."
    judgment = "That was a plain violation of the pact."
    # in one paragraph it joins the report's passage; after a paragraph break it is one of its own
    joined = propose(f"{report} {judgment}\n", ctx)
    assert [c.quote for c in joined] == [f"{report} {judgment}"]
    # and so it is in another voice: an item has one speaker
    critics = "Critics called that a plain violation of the pact."
    voices = propose(f"{report} {critics}\n", ctx)
    assert [c.quote for c in voices] == [report, critics]
    assert voices[1].suggestions[0].clause == "Part Two 3" and voices[1].suggestions[0].stance == "breach"
    apart = propose(f"{report}\n\n{judgment}\n", ctx)
    assert [c.quote for c in apart] == [report, judgment]
    assert apart[1].suggestions[0].clause == apart[0].suggestions[0].clause == "Part Two 3"
    assert apart[1].suggestions[0].stance == "breach"
    # alone, it has nothing to speak of
    assert propose(f"{judgment}\n", ctx) == []


@pytest.mark.parametrize(
    "text,ambiguity",
    [
        ("Under the agreement, the Taliban promised to cut ties with al-Qaeda.", True),
        ("The deal required the Taliban to sever their links with al-Qaeda.", True),
        ("Under the agreement, the insurgents pledged to break from al-Qaeda.", True),
        ("UN monitors said the Taliban had shown no sign of breaking ties with al-Qaeda.", False),
        ("Biden said the May 1 deadline could still be met.", False),
    ],
)
def test_a_misstatement_is_ambiguity_only_where_the_deal_is_described(ctx, text, ambiguity):
    scope, lex, group = scope_of(ctx, text)
    assert lex.get("misstated"), text  # the rules' list is read
    assert (lexicon_stances(group, lex, None, scope).get("ambiguity", 0.0) > 0) is ambiguity, text


def test_a_photo_caption_in_plain_text_is_no_candidate(ctx):
    from scorecard.ingest.suggest import propose

    caption = (
        "FILE PHOTO: Taliban negotiator Mullah Baradar and US envoy Zalmay Khalilzad shake hands after "
        "signing the agreement in Doha, February 29, 2020. REUTERS/Ibraheem al Omari"
    )
    body = "UN monitors said al-Qaeda fighters trained in camps in Kunar province throughout 2021."
    quotes = [c.quote for c in propose(f"{caption}\n\n{body}\n", ctx)]
    assert quotes == [body]
    # the same words as a sentence of the article are a candidate
    assert propose(caption.replace("FILE PHOTO: ", "").split(". REUTERS")[0] + ".\n", ctx)


def test_a_near_negation_stops_at_a_comma(ctx):
    apart = "With no ceremony and no public notice, US troops left the base at night."
    scope, _, _ = scope_of(ctx, apart)
    assert not scope.negated(apart.index("left"))
    bound = "US troops did not leave the base at night."
    scope, _, _ = scope_of(ctx, bound)
    assert scope.negated(bound.index("leave"))


@pytest.mark.parametrize(
    "text,breach",
    [
        ("The agenda of the talks is not yet clear.", False),
        ("The Pentagon has refused to say when the last soldier would leave.", False),
        ("The Taliban declined to comment on the report.", False),
        ("The Taliban refused to release the remaining prisoners.", True),
        ("The prisoners have not yet been released.", True),
    ],
)
def test_a_doubt_or_a_silence_reports_no_breach(ctx, text, breach):
    assert heard(ctx, text, "breach") is breach, text


@pytest.mark.parametrize(
    "text,turned",
    [
        ("the Taliban's unwillingness or inability to abide by their commitments", True),
        ("the Taliban neither released nor freed the men", True),
        ("the Taliban's inability to abide by their commitments", True),
        ("the Taliban abide by their commitments", False),
    ],
)
def test_negations_joined_by_or_and_nor_negate_once(ctx, text, turned):
    scope, _, _ = scope_of(ctx, text)
    word = "abide" if "abide" in text else "freed"
    assert scope.negated(text.index(word)) is turned, text


@pytest.mark.parametrize(
    "text,reported",
    [
        ("The insurgents demanded that 5,000 captives are released before talks.", False),
        ("The move is aimed at encouraging the Taliban to abide by their commitments.", False),
        ("The other side must also complete the release of the prisoners.", False),
        (
            "The army said it expected that the government in Kabul, in line with its commitments, "
            "would abide by them.",
            False,
        ),
        ("The government released 5,000 captives before the talks.", True),
        ("Talks are to start within a week, once the final batch of Taliban prisoners is released.", False),
        ("The Taliban abided by their commitments in the south.", True),
    ],
)
def test_a_demand_an_aim_or_a_duty_reports_nothing_done(ctx, text, reported):
    assert heard(ctx, text, "compliance") is reported, text


@pytest.mark.parametrize(
    "text,deal",
    [
        ("The agreement envisions a complete withdrawal of foreign troops within 14 months.", True),
        ("The US-Taliban deal called for the release of up to 5,000 prisoners.", True),
        ("The Taliban agreed not to provide a safe haven to al-Qaeda.", True),
        ("US troops completed the withdrawal in August.", False),
    ],
)
def test_wording_that_describes_the_deal_is_read_as_such(ctx, text, deal):
    scope, lex, group = scope_of(ctx, text)
    assert bool(scope.deal) is deal, text


@pytest.mark.parametrize(
    "text,want",
    [
        (
            "UN monitors said al-Qaeda fighters were operating under the Taliban umbrella in Kandahar.",
            "breach",
        ),
        (
            "UN monitors said al-Qaeda fighters were living in Kunar with the knowledge of local officials.",
            "breach",
        ),
        ("UN monitors said al-Qaeda operatives numbered fewer than 200.", None),
    ],
)
def test_a_threatening_group_present_in_a_place_is_a_report_of_breach(ctx, text, want):
    assert heard(ctx, text, "breach") is (want == "breach"), text


@pytest.mark.parametrize(
    "text,turned",
    [
        ("Officials said the Taliban not only violated the deal but also hosted the fighters.", False),
        ("Officials said the Taliban did not violate the deal.", True),
    ],
)
def test_not_only_negates_nothing(ctx, text, turned):
    scope, _, _ = scope_of(ctx, text)
    assert scope.negated(text.index("violat")) is turned, text


def test_a_failure_to_stop_attacks_turns_the_stop_back(ctx):
    failed = "The Taliban failed to stop attacks on Pakistani troops."
    stopped = "The Taliban stopped attacks on Pakistani troops."
    for text, turned in ((failed, False), (stopped, True)):
        scope, _, _ = scope_of(ctx, text)
        assert scope.negated(text.index("attacks")) is turned, text


def test_a_short_report_that_points_back_speaks_of_the_sentence_before(ctx):
    """ "And it didn't happen: not one was freed." has no topic of its own: it reports on the release the sentence
    before describes; alone, the description is context."""
    described = "The agreement stipulated that 5,000 Taliban prisoners would be released within days."
    assert stance_on(ctx, described, "Part One C") == "context"
    assert stance_on(ctx, described + " And it didn't happen: not one was freed.", "Part One C") == "breach"


def test_a_neighbour_that_only_described_the_deal_does_not_outvote_a_report():
    from scorecard.ingest.stance import choose

    vote = {"score": 0.5, "stances": {"context": 1.0}, "indicators": {}}
    assert choose({}, [vote], {"breach": 2.0}, False)[0] == "breach"
    assert choose({}, [vote], {}, False)[0] == "context"
    breach_vote = {"score": 0.5, "stances": {"breach": 1.0}, "indicators": {}}
    assert choose({}, [breach_vote], {}, False)[0] == "breach"
    # a party's charge is a report too: "called on the United States to honour its commitments"
    assert choose({}, [vote], {"context": 1.4}, False, {"breach": 1.0})[0] == "breach"


def test_a_perfect_tense_after_the_deals_terms_reports_what_was_done(ctx):
    reported = "In exchange for their 360 prisoners, the Taliban has released 60 prisoners."
    described = "Under the agreement, the government would release 5,000 prisoners."
    scope, _, _ = scope_of(ctx, reported)
    assert not scope.described(reported.index("released"))
    scope, _, _ = scope_of(ctx, described)
    assert scope.described(described.index("release "))


@pytest.mark.parametrize(
    "text,word,turned",
    [
        ("Sources said they would continue to hold back on attacks on foreign forces.", "attacks", True),
        ("There were fewer attacks on coalition forces in March.", "attacks", True),
        ("The group halted attacks on US troops after the signing.", "attacks", True),
        ("There were attacks on coalition forces in March.", "attacks", False),
    ],
)
def test_restraint_turns_the_conduct_it_governs(ctx, text, word, turned):
    scope, _, _ = scope_of(ctx, text)
    assert scope.negated(text.index(word)) is turned, text


def test_honouring_ties_to_a_group_is_no_compliance_but_honouring_commitments_is(ctx):
    assert not heard(
        ctx, "The Taliban assured al-Qaeda that it would honour their historical ties.", "compliance"
    )
    assert heard(ctx, "Officials said the Taliban had honoured their commitments in March.", "compliance")


def test_what_a_speaker_adds_after_a_description_of_the_deal_is_reported(ctx):
    """ "…, he noted, adding that the operation in Kunar was a positive step": the description of
    the deal ends where the speaker adds a claim of their own."""
    text = (
        "Our commitments within the agreement depend on theirs, he noted, adding that the "
        "Taliban's recent operation against terrorists in Kunar was a positive step."
    )
    scope, _, _ = scope_of(ctx, text)
    assert scope.described(text.index("depend"))
    assert not scope.described(text.index("positive"))
    assert heard(ctx, text, "compliance")


def test_what_an_agreement_is_based_on_is_described_not_reported(ctx):
    text = "Based on the deal the Taliban were to halt attacks on US forces."
    scope, _, _ = scope_of(ctx, text)
    assert scope.described(text.index("attacks"))


def test_a_public_denunciation_of_a_threatening_group_is_the_clear_message(ctx):
    text = "The US envoy welcomed the Taliban's denouncement of the Islamic State in a statement on Sunday."
    assert stance_on(ctx, text, "Part Two 2") == "compliance"


def test_the_withdrawal_said_to_be_conditioned_on_conduct_is_a_question_of_meaning(ctx):
    text = (
        "The withdrawal of US forces is conditioned on the Taliban honoring its side of the "
        "agreement, an envoy said."
    )
    assert stance_on(ctx, text, "Part One") == "ambiguity"


def test_conduct_an_obligations_text_does_not_decide_is_context_for_it(ctx, project):
    """Preamble 4 asks for a ceasefire on the talks' agenda, not for an end to fighting: its
    `context_cues` turn a report of attacks into context for it, and for it alone."""
    from scorecard.ingest.stance import undecided

    text = "Leggett added that Taliban forces had conducted 43 attacks on Afghan troops on Tuesday."
    assert project.obligations["preamble-4-ceasefire-agenda"].context_cues
    assert stance_on(ctx, text, "Preamble 4") == "context"
    scope, lex, group = scope_of(ctx, text)
    hits: list = []
    words = lexicon_stances(group, lex, hits, scope)
    assert words["breach"] > 0  # heard as breach before the obligation's own reading
    patterns = ctx.context_cues(project.obligations["preamble-4-ceasefire-agenda"])
    assert undecided(words, hits, text, patterns, (0, len(text)))["breach"] == 0
    assert undecided(words, hits, text, [], (0, len(text))) is words
    refused = "The Taliban refused to discuss a ceasefire in Doha and kept attacking Afghan forces."
    assert stance_on(ctx, refused, "Preamble 4") == "breach"


@pytest.mark.parametrize(
    "text,word,short",
    [
        ("The Afghan government had freed only about 4,000 by early July.", "freed", True),
        ("So far only 148 government prisoners have been released.", "released", True),
        ("The Afghan government had freed about 4,000 by early July.", "freed", False),
        ("The government released the prisoners only after the talks began.", "released", False),
    ],
)
def test_an_act_done_only_in_part_is_a_shortfall(text, word, short):
    from scorecard.ingest.reading import shortfall

    assert shortfall(text, text.index(word)) is short


def test_a_shortfall_is_heard_as_breach(ctx):
    text = "Kabul has so far freed only 4,400 Taliban detainees, the group said."
    assert heard(ctx, text, "breach") and not heard(ctx, text, "compliance")


def test_not_yet_is_no_contrast_but_yet_as_a_conjunction_is(ctx):
    text = "The arrangements have not yet been released to the public."
    scope, _, _ = scope_of(ctx, text)
    assert scope.negated(text.index("released"))
    text = "The Taliban did not attend yet the prisoners were released."
    scope, _, _ = scope_of(ctx, text)
    assert not scope.negated(text.index("released"))


def test_what_is_still_to_be_done_is_no_report_of_it(ctx):
    text = "The government released 1,500 prisoners, with another 3,500 to be freed after the talks begin."
    scope, _, _ = scope_of(ctx, text)
    assert scope.forecast(text.index("freed"))
    assert not scope.forecast(text.index("released"))


def test_naming_the_deal_as_signed_states_no_terms(ctx):
    text = "After the Doha agreement was signed, disagreements over prisoner releases delayed the talks."
    scope, _, _ = scope_of(ctx, text)
    assert not scope.described(text.index("delayed"))
    described = "Under the agreement signed in Doha, the government would release 5,000 prisoners."
    scope, _, _ = scope_of(ctx, described)
    assert scope.described(described.index("release "))


def test_a_phrase_that_starts_before_undecided_conduct_is_part_of_it(ctx, project):
    text = "Days later the Taliban ended a partial truce, resuming fighting with Afghan government troops."
    assert stance_on(ctx, text, "Preamble 4") == "context"


def test_violators_are_named_not_reported(ctx):
    """ "violators will face punitive action" names who is meant; "violated the deal" reports."""
    assert not heard(ctx, "The statement warned that violators will face punitive action.", "breach")
    assert heard(ctx, "The statement said the group violated the order.", "breach")


def test_a_ban_reaches_every_act_it_lists(ctx):
    text = (
        "All commanders are directed that they are barred from bringing foreign nationals into their "
        "ranks or giving them shelter, the order said."
    )
    scope, _, _ = scope_of(ctx, text)
    assert scope.negated(text.index("shelter"))


def test_a_rebuttal_of_allegations_asserts_none_of_them(ctx):
    text = (
        "The group ordered its members not to harbor foreign fighters in an attempt to dispel "
        "allegations it continues to maintain close ties with al-Qaida."
    )
    assert not heard(ctx, text, "breach")


def test_a_charge_by_a_speaker_who_is_no_party_is_a_claim_of_breach():
    from scorecard.ingest.stance import direction

    charged = {"accusation": 1}
    assert direction("taliban", None, charged, spoken=True) == {"breach": 1.0}
    assert direction("taliban", None, charged, spoken=False) == {}
    assert direction("taliban", "taliban", charged, spoken=True) == {}


def test_a_rejected_report_named_at_any_length_is_a_denial(ctx):
    scope, _, _ = scope_of(
        ctx, "The spokesman rejected Pakistan's allegations and said the TTP did not operate there."
    )
    assert scope.rebuttals() == 1
    scope, _, _ = scope_of(ctx, "If the spokesman rejected the report, he did not say so.")
    assert scope.rebuttals() == 0


@pytest.mark.parametrize(
    "text,stance",
    [
        ("The army said the group not only enjoys haven across the border but has weapons.", "breach"),
        ("The Taliban has shown no decisive will to act against the TTP.", "breach"),
        ("The Pentagon said the group had retained close ties to al-Qaeda.", "breach"),
    ],
)
def test_words_for_a_haven_kept_and_no_will_to_act(ctx, text, stance):
    assert heard(ctx, text, stance), text


def test_pressure_to_act_reports_no_act(ctx):
    text = "Pakistan has kept up pressure on the Taliban authorities to crack down on TTP militants."
    assert not heard(ctx, text, "compliance")


def test_a_participle_with_a_number_after_it_is_a_verb_not_a_name():
    text = "The government has since April 8 released 300 prisoners, officials said."
    assert not naming(text, text.index("released"))
    named = "Some 8 released Taliban prisoners returned to the fight."
    assert naming(named, named.index("released"))


@pytest.mark.parametrize(
    "text",
    [
        "Blinken said the Taliban defied repeated assurances that they would not allow terrorists in.",
        "The prisoner exchange was due by March 10 but has been beset with problems.",
    ],
)
def test_defiance_and_a_process_beset_with_problems_are_breach(ctx, text):
    assert heard(ctx, text, "breach"), text


def test_a_number_in_a_cue_matches_any_number():
    from scorecard.ingest.cues import compile_cue

    cue = compile_cue("released # prisoners")
    assert cue.search("the government released 1,500 prisoners on Tuesday")
    assert cue.search("it released 300 prisoners")
    assert not cue.search("it released the prisoners")


def test_a_verb_with_a_count_after_it_reports_even_after_a_noun(ctx):
    text = "Military commanders pulled more than 1,500 troops out of the country in the last few weeks."
    assert not naming(text, text.index("pulled"))
    assert heard(ctx, text, "compliance")


def test_unclear_whether_a_party_acted_is_doubt_about_conduct_not_meaning(ctx):
    text = "It is unclear, according to a new Pentagon report, whether the Taliban has cut its ties."
    assert not heard(ctx, text, "ambiguity")
    assert heard(ctx, "What counts as a threat under the deal is unclear.", "ambiguity")


def test_an_event_named_as_a_time_is_not_reported_again(ctx):
    text = "The Taliban tightened their security around the airfield after the attack, officials said."
    assert naming(text, text.index("attack"))
    assert heard(ctx, text, "compliance") and not heard(ctx, text, "breach")


def test_a_speaker_who_did_not_elaborate_reports_no_failure(ctx):
    assert not heard(ctx, "The spokesman did not elaborate on the prisoner releases.", "breach")
    assert heard(ctx, "The spokesman did not release the prisoners.", "breach")


def test_a_term_put_in_the_deals_mouth_after_it_is_named_is_a_question_of_meaning(ctx):
    text = (
        "The Taliban warned of a reaction if the US stayed past the May 1st deadline set by the peace deal."
    )
    assert heard(ctx, text, "ambiguity")
    passing = "Troops were still there on May 1st, officials said."
    assert not heard(ctx, passing, "ambiguity")


@pytest.mark.parametrize(
    "text,stance",
    [
        ("The UN said the Taliban remains closely aligned with al-Qaeda.", "breach"),
        ("Two provincial governors are affiliated with al-Qaeda, the monitors said.", "breach"),
        ("Pompeo said the Taliban have now made the break with al-Qaida.", "compliance"),
    ],
)
def test_words_for_ties_kept_and_a_break_made(ctx, text, stance):
    assert heard(ctx, text, stance), text


@pytest.mark.parametrize(
    "text,short",
    [
        ("The government has released 4,600 Taliban inmates out of the 5,000 pledged.", True),
        ("The government has released 5,000 Taliban inmates out of the 5,000 pledged.", False),
    ],
)
def test_so_many_out_of_more_is_a_shortfall(text, short):
    from scorecard.ingest.reading import shortfall

    assert shortfall(text, text.index("released")) is short


def test_a_report_that_was_released_is_a_publication_not_a_release():
    text = "The report was released this week by a UN committee."
    assert naming(text, text.index("released"))
    freed = "The prisoners were released this week by the government."
    assert not naming(freed, freed.index("released"))


def test_a_statement_that_names_no_one_is_silent_and_obligations_as_one_side_sees_them_are_meaning(ctx):
    assert not heard(
        ctx, "The statement did not identify the Taliban representatives at the talks.", "breach"
    )
    assert heard(ctx, "We will make clear to them what we believe their obligations are.", "ambiguity")


def test_a_travel_ban_named_is_no_ban_imposed(ctx):
    assert not heard(
        ctx, "The travel ban will be restored on all 13 Taliban officials on Monday.", "compliance"
    )
    assert heard(ctx, "The Taliban banned foreign fighters from their ranks.", "compliance")


@pytest.mark.parametrize(
    "text,wrong",
    [
        # the agreement's words in a reporter's: "troops" for "forces", "free" for "release"
        (
            "Under the deal the United States pledged to reduce the number of troops in that country to 8,600.",
            False,
        ),
        ("The agreement provides for the withdrawal of foreign troops and the beginning of talks.", False),
        # names and dates a description gives are facts, not terms; words it has no place for are
        (
            "Under the deal, the United States committed to withdraw its forces from Bagram and Kandahar.",
            False,
        ),
        (
            "Under the deal, the United States committed to withdraw its forces from the bases and end its "
            "bombing campaign.",
            True,
        ),
        # a promise made to someone, and who said it, state none of the deal's terms
        (
            "The group reiterated its commitment to the Taliban and enjoyed privileges in the south under the deal.",
            False,
        ),
        (
            "Washington promised to free them under its agreement, officials said, clearing the way for talks.",
            False,
        ),
        (
            "Under the agreement, the Taliban promised to hold elections and reopen schools, officials said.",
            True,
        ),
    ],
)
def test_a_paraphrase_of_the_deal_is_no_misstatement(ctx, project, text, wrong):
    words = vocabulary(project.agreement_text.text)
    assert misstated(scope_of(ctx, text)[0], words) is wrong, text


@pytest.mark.parametrize(
    "clause,text,want",
    [
        (
            "Part One C",
            "Some Western nations have urged Afghanistan not to free all of a final batch of prisoners "
            "demanded by Taliban militants, officials said.",
            "context",
        ),
        (
            "Part One E",
            "The United Nations is set to end travel ban exemptions for 13 Taliban officials on Friday.",
            "context",
        ),
        (
            "Part One C",
            "Kabul refused to free the final batch of prisoners demanded by the Taliban.",
            "breach",
        ),
        (
            "Part One E",
            "The United Nations was going to end travel ban exemptions for 13 Taliban officials.",
            "context",
        ),
        (
            "Part One C",
            "President Ghani announced his government would soon complete the release of 5,000 Taliban prisoners.",
            "context",
        ),
    ],
)
def test_pressure_on_a_party_and_what_is_set_to_happen_report_nothing(ctx, clause, text, want):
    assert stance_on(ctx, text, clause) == want, text


def test_the_bound_partys_claim_to_have_kept_its_commitments_is_its_claim_of_compliance(ctx):
    claim = (
        "The Taliban leader said the Islamic Emirate has fulfilled all its commitments. "
        '"We emphasize the need to abstain from further provocations and violations."'
    )
    assert stance_on(ctx, claim, "Part Two") == "compliance"
    other = claim.replace("has fulfilled", "has not fulfilled").replace("The Taliban leader", "A US general")
    assert stance_on(ctx, other, "Part Two") == "breach"


def test_a_participle_in_quotation_marks_beside_its_noun_still_names():
    text = (
        "the vice president claimed that “most of the released” Taliban prisoners have rejoined battlegrounds"
    )
    assert naming(text, text.index("released"))


def test_released_prisoners_killed_while_fighting_have_returned_to_it(ctx):
    text = (
        "Officials said a number of these released Taliban prisoners were killed while fighting against "
        "Afghan forces."
    )
    assert stance_on(ctx, text, "Part One C") == "breach"


def test_a_call_on_a_party_governs_its_clause_and_pressing_ahead_is_no_call(ctx):
    call = (
        "The Security Council calls on the Government of Afghanistan and the Taliban to implement "
        "additional confidence-building measures in good faith."
    )
    assert not heard(ctx, call, "compliance")
    assert heard(ctx, call.replace("calls on", "said"), "compliance")
    assert heard(ctx, "The Taliban pressed ahead with attacks on Afghan forces across the south.", "breach")


@pytest.mark.parametrize(
    "text,want",
    [
        # the rule's own first ambiguity: the same strike defends Afghanistan on one reading and
        # attacks it on the other, so a report of it alone decides nothing
        (
            "US warplanes carried out airstrikes against Taliban fighters who were attacking an Afghan army "
            "checkpoint in Helmand on Wednesday.",
            "context",
        ),
        (
            "US warplanes carried out airstrikes against Taliban fighters in Helmand, and the Taliban said "
            "the strikes violated the agreement.",
            "breach",
        ),
        (
            "US warplanes struck Taliban fighters in Helmand; a US spokesman described it as a defensive "
            "strike.",
            "compliance",
        ),
    ],
)
def test_a_strike_the_rule_does_not_decide_is_context_and_the_parties_claims_are_claims(ctx, text, want):
    assert stance_on(ctx, text, "Part One F") == want, text


@pytest.mark.parametrize(
    "text,word,who",
    [
        (
            "Leggett's statement comes as the Taliban accused US forces of carrying out air strikes.",
            "accused",
            {"taliban"},
        ),
        ("The Taliban, accused of sheltering al-Qaeda, denied it.", "accused", set()),
        ("The killings were blamed by officials on the insurgents.", "blamed", set()),
        ("Kabul, he said, and Washington condemned the attack.", "condemned", {"us"}),
    ],
)
def test_the_party_named_before_a_charge_makes_it(ctx, text, word, who):
    from scorecard.ingest.speakers import accusers

    assert accusers(text, [text.index(word)], ctx.parties) == who


@pytest.mark.parametrize(
    "clause,text,want",
    [
        # a negated charge is no charge
        (
            "Part Two",
            '"The Taliban have not violated any of the written conditions of the four-page agreement signed '
            'in Doha," The New York Times notes.',
            "compliance",
        ),
        # a charge a party makes is its claim of breach, whoever the passage quotes
        (
            "Part One F",
            "Leggett's statement comes as the Taliban accused US forces of carrying out air strikes against "
            "insurgents in Kandahar, Nangarhar and Helmand provinces in recent days.",
            "breach",
        ),
    ],
)
def test_who_makes_a_charge_and_whether_it_is_made(ctx, clause, text, want):
    assert stance_on(ctx, text, clause) == want, text


@pytest.mark.parametrize(
    "text,breach",
    [
        (
            "The interior ministry was instructed to resume the process of issuing passports and identity cards.",
            False,
        ),
        (
            "More than 3,000 Afghan passports had been issued to members of terrorist organisations, he said.",
            True,
        ),
        ("The TTP leader has obtained an official Afghan identity card, the channel reported.", True),
    ],
)
def test_documents_issued_are_no_breach_until_they_reach_a_threatening_group(ctx, text, breach):
    assert (stance_on(ctx, text, "Part Two 5") == "breach") is breach, text


def test_a_power_or_a_responsibility_to_act_reports_nothing_done(ctx):
    power = (
        "With control of the ministry, Haqqani now has the power to issue passports to al-Qaeda operatives."
    )
    assert stance_on(ctx, power, "Part Two 5") != "breach"
    done = "With control of the ministry, Haqqani has issued passports to al-Qaeda operatives."
    assert stance_on(ctx, done, "Part Two 5") == "breach"


@pytest.mark.parametrize(
    "clause,text",
    [
        ("Part Two 3", "Al-Qaeda also controls several safehouses in Kabul and Herat, the report says."),
        (
            "Part Two 3",
            "The Taliban's tolerance of various terrorist groups facilitates attacks abroad, monitors said.",
        ),
        ("Part One", "The decision ignores a May 1 deadline for the full withdrawal of US troops."),
        (
            "Part One",
            "Biden's decision keeps US troops in Afghanistan four months longer than initially planned.",
        ),
    ],
)
def test_words_for_conduct_named_without_a_stance_word(ctx, clause, text):
    assert stance_on(ctx, text, clause) == "breach", text


def test_a_word_a_wide_negation_turns_weighs_as_a_judgment(ctx):
    """ "no evidence that the Taliban refused" says the conduct was not found: it clears the floor
    alone, where a word turned in passing ("never refused") stays a generic word."""
    from scorecard.ingest.stance import EXPLICIT, FLOOR, WORDS

    wide = "US officials said there was no evidence that the Taliban refused the request."
    near = "US officials said the Taliban never refused the request."
    for text, want in ((wide, EXPLICIT), (near, 1.0)):
        scope, lex, group = scope_of(ctx, text)
        words = lexicon_stances(group, lex, None, scope)
        assert words["compliance"] == want and not words.get("breach")
    assert EXPLICIT * WORDS >= FLOOR > 1.0 * WORDS  # one generic word is below the floor


def test_a_judgment_that_points_back_takes_the_topic_before_as_well_as_its_own(ctx):
    """ "The Islamic Emirate considers this position a clear violation" has topics of its own (the
    Taliban, the deal), yet "this position" is the sanctions decision just reported."""
    from scorecard.ingest.suggest import propose

    report = "The State Department said it would keep Taliban leaders on the US sanctions list."
    judgment = "The Islamic Emirate considers this position a clear violation of the Doha Agreement."
    said = propose(f"{report}\n\n{judgment}\n", ctx)
    assert len(said) == 2
    assert {s.clause: s.stance for s in said[1].suggestions}.get("Part One D") == "breach"
    plain = "The Islamic Emirate considers the talks a clear violation of the Doha Agreement."
    other = propose(f"{report}\n\n{plain}\n", ctx)
    assert "Part One D" not in {s.clause for s in other[-1].suggestions}


def test_a_condemnation_with_no_topic_of_its_own_speaks_of_the_report_before(ctx):
    """ "The Islamic Emirate condemns these barbaric attacks" is the Taliban's charge about the US
    strikes the sentence before reports: a claim of breach of Part One F."""
    from scorecard.ingest.suggest import propose

    report = (
        "A Taliban spokesperson said American forces carried out airstrikes in Kandahar on Thursday night."
    )
    charge = "The Islamic Emirate condemns these barbaric attacks in the strongest terms."
    stances = [{s.clause: s.stance for s in c.suggestions} for c in propose(f"{report}\n\n{charge}\n", ctx)]
    assert len(stances) == 2 and stances[1].get("Part One F") == "breach"


@pytest.mark.parametrize(
    "text",
    [
        "Historic peace talks have opened between the Taliban and the Afghan government in Qatar.",
        "Afghan government and Taliban negotiators held their first direct session on Tuesday in Doha.",
        '"The meeting of both negotiating teams with all members took place," the Taliban spokesman said.',
    ],
)
def test_talks_reported_as_held_are_the_start_of_negotiations(ctx, text):
    assert stance_on(ctx, text, "Preamble 3") == "compliance"


def test_and_still_starts_an_assertion_no_negation_before_it_turns(ctx):
    text = "The report says al-Qaeda's strength has not diminished and still enjoys close relationships with them."
    scope, _, _ = scope_of(ctx, text)
    assert scope.negated(text.index("diminished")) and not scope.negated(text.index("enjoys"))
    plain = "The Taliban did not release and free the prisoners."
    scope, _, _ = scope_of(ctx, plain)
    assert scope.negated(plain.index("free"))  # a coordinated verb stays under the negation


@pytest.mark.parametrize(
    "clause,text",
    [
        (
            "Part Two 2",
            "Relations between the Taliban and al-Qaeda remained close, the monitors told the Council.",
        ),
        ("Part Two 2", "The two groups show no indication of breaking ties, according to the report."),
        (
            "Part Two",
            "Al-Qaeda still enjoys close relationships with the Taliban, the Monitoring Team found.",
        ),
    ],
)
def test_a_relationship_reported_to_go_on_is_a_breach(ctx, clause, text):
    assert stance_on(ctx, text, clause) == "breach", text


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban said the US airstrikes in Kandahar were an open challenge to the Doha agreement.",
        "The Taliban said the bombing continued contrary to the provisions of the treaty.",
    ],
)
def test_a_challenge_to_the_deal_or_an_act_contrary_to_its_terms_is_a_charge(ctx, text):
    assert heard(ctx, text, "breach"), text


def test_a_perfect_tense_after_and_reports_what_was_done_in_the_deals_terms(ctx):
    text = (
        "The United States has brought its forces down to the level promised in its agreement with the "
        "Taliban and has pulled out of five military bases, the Pentagon said on Tuesday."
    )
    scope, _, _ = scope_of(ctx, text)
    assert not scope.described(text.index("pulled"))
    assert stance_on(ctx, text, "Part One A(2)") == "compliance"
    terms = "The deal promised that the Taliban and its allies have no place for such groups."
    scope, _, _ = scope_of(ctx, terms)
    assert scope.described(terms.index("no place"))  # an "and" inside a noun names no new verb


def test_as_stipulated_in_the_deal_names_it_in_passing_and_a_release_completed_is_compliance(ctx):
    text = (
        "Kabul completed release process of 5,000 Taliban prisoners, as stipulated in the US-Taliban deal "
        "signed on February 29 in Doha, capital of Qatar, which paved the way for talks this month."
    )
    assert stance_on(ctx, text, "Part One C") == "compliance"


def test_claims_the_bound_party_calls_unfounded_are_its_denial_and_their_words_are_turned(ctx):
    text = (
        "In a statement, the Taliban said claims of 500 al-Qaeda fighters being present in Afghanistan "
        "were not based on facts."
    )
    scope, _, _ = scope_of(ctx, text)
    assert scope.rebuttals() == 1 and scope.negated(text.index("present"))
    assert stance_on(ctx, text, "Part Two 3") == "compliance"
    charge = "Leggett said the Taliban's accusations the US violated the agreement are false."
    scope, _, _ = scope_of(ctx, charge)
    assert scope.rebuttals() == 1 and scope.negated(charge.index("violated"))
    finding = "The monitors said claims of a break with al-Qaeda were contradicted by what member states saw."
    assert scope_of(ctx, finding)[0].rebuttals() == 0  # no verdict that the claims are false


@pytest.mark.parametrize(
    "text",
    [
        "A UN report has said that terrorist groups can freely manoeuver under the Taliban in Afghanistan.",
        "Senior al-Qaeda figures are located in Kabul, Kandahar and Helmand, with a symbiotic relationship "
        "with the Taliban, the monitors found.",
    ],
)
def test_groups_moving_freely_and_figures_located_in_the_country_are_a_breach(ctx, text):
    assert stance_on(ctx, text, "Part Two 3") == "breach", text


@pytest.mark.parametrize(
    "text",
    [
        "The published agreement contains no explicit Taliban pledge to refrain from attacking US troops.",
        "The accord bars the use of Afghan soil against the United States; it says nothing about violence.",
        "The text never spells out a calendar date for the final withdrawal.",
        "The removal of names from the lists is set as a goal rather than promised as a result.",
    ],
)
def test_what_the_text_leaves_unsaid_is_a_question_of_meaning(ctx, text):
    assert heard(ctx, text, "ambiguity"), text


def test_conduct_called_consistent_with_the_deal_or_credited_to_a_party_is_compliance(ctx):
    assert heard(ctx, "Leggett said the strikes were defensive and consistent with the deal.", "compliance")
    assert heard(ctx, "The monitors credited the Taliban with acting to constrain al-Qaeda.", "compliance")
    turned = "Kabul said the strikes were not consistent with the deal."
    assert heard(ctx, turned, "breach") and not heard(ctx, turned, "compliance")


@pytest.mark.parametrize(
    "text",
    [
        "A Taliban spokesman said a ceasefire was on the negotiating agenda and would be discussed there.",
        "Taliban negotiators have said a ceasefire is one of the items they are ready to discuss.",
    ],
)
def test_a_ceasefire_said_to_be_on_the_agenda_is_preamble_4_kept(ctx, text):
    assert stance_on(ctx, text, "Preamble 4") == "compliance", text


def test_the_difficulty_of_verifying_compliance_is_a_question_of_meaning(ctx):
    text = "Kugelman says the difficulty of verifying Taliban compliance is a problem for Washington."
    assert heard(ctx, text, "ambiguity")


@pytest.mark.parametrize(
    "text",
    [
        "It took the government almost five months to release 4,600 prisoners.",
        "Kabul had freed 4,600 men, leaving the 400 behind bars five months after the March deadline.",
        "After a series of delays, Ghani issued a decree freeing 1,500 prisoners.",
    ],
)
def test_an_act_done_late_is_a_breach_of_its_deadline(ctx, text):
    assert heard(ctx, text, "breach"), text


def test_conduct_placed_before_signature_by_its_words_is_context_unless_a_later_date_is_stated(ctx):
    from scorecard.ingest.suggest import propose

    text = "The Taliban regularly consulted with al-Qaeda during the negotiations with the United States."
    (cand,) = propose(text + "\n", ctx)
    assert cand.before_signature
    assert stance_on(ctx, text, "Part Two 2") == "context"
    later = "In March 2021 the Taliban met al-Qaeda, as they had during the talks with the United States."
    (cand,) = propose(later + "\n", ctx)
    assert not cand.before_signature
    shipped = "Al-Qaeda leaders met Taliban commanders in the run-up to the signing, officials said."
    (cand,) = propose(shipped + "\n", ctx)
    assert cand.before_signature


@pytest.mark.parametrize(
    "clause,text",
    [
        ("Part Two", "The defence minister said the Taliban had badly failed to uphold their commitments."),
        (
            "Part Two 3",
            "Afghanistan has again become a safe haven for terrorists, undermining the spirit of the deal.",
        ),
        (
            "Part Two 2",
            "The report confirms that ties with al-Qaeda not only persist but have grown stronger.",
        ),
        (
            "Part Two 1",
            "The authorities maintained a permissive environment for al-Qaeda, the monitors said.",
        ),
        ("Part Two 3", "Officials said the al-Qaeda leader was hosted in Kabul by the Haqqani Network."),
    ],
)
def test_charges_and_findings_in_the_words_monitors_use_are_a_breach(ctx, clause, text):
    assert stance_on(ctx, text, clause) == "breach", text
    # a finding of presence, whichever obligation it is filed under
    assert heard(ctx, "The UN report confirms the presence of foreign terrorist fighters there.", "breach")
