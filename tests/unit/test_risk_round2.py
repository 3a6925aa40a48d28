"""Issue 16, second round: what two more writers (dev8, dev9) showed the detector missed or
flagged wrongly, one class at a time. Every example was written for these tests, not
taken from any data set.
"""

import pytest

from app.text.risk import assess_risk, warning_signs

# Suicidal intent with no self-harm word (NHS, Samaritans, Papyrus warning signs): giving
# things away and arranging who gets them, goodbyes, not being around, a sudden calm
# after deciding, looking up heights and doses.
SUICIDAL_INTENT_WITHOUT_A_HARM_WORD = [
    "make sure my bike goes to my little brother if i dont come to group on friday",
    "my sister can have my room and my savings after, she always wanted them",
    "gave my cousin my phone pin and my bank card so he can sort my stuff",
    "how tall is the multi storey car park on station road? like how many metres",
    "she has been searching the highest bridges near here on her laptop",
    "first time in months i feel properly calm. its all sorted in my head now",
    "i have decided now. i feel so much better for it",
    "if i dont reply tomorrow its not your fault, you did everything you could",
    "said bye to everyone in the group chat and deleted all my socials. want people to "
    "remember me how i was",
    "told my friend she can have my cat because i wont be around to feed her much longer",
    "no point making me an appointment for next week, i wont need it",
    "this is the last text ill send on this number. thanks for everything",
    "i want it all to stop, properly stop, not just for tonight. ive worked out how",
    "Nurse note: a pupil asked which tablets work quickest and how many is too many",
    "Advocate note: she has written letters to each of her brothers, dated for Friday. She "
    "was unusually calm.",
    "ever since i said i was not wanting to be here my mum watches me",
]

# Abuse going on under secrecy or a threat (NSPCC signs of grooming and of abuse).
CONCEALED_ABUSE = [
    "my tutor wants me round his flat on my own and makes me delete our chats after",
    "she told her gran 'uncle's tickle game hurts' and cries when he stays over",
    "he only does it when mum is out and my little sister knows to keep quiet",
    "one of the girls said after group that she sends photos to a lad who says he is 16 "
    "but she thinks he is older",
    "im at some flat in bradford, i dont know whose house it is. no money to get home",
    "not had my inhaler for a week because nobody at home will get it and i cant go out. im 12",
    "he keeps telling her he is taking her to his family abroad and she wont be coming back",
    "Their dad got out last month and has tracked down our address. He put a note through "
    "the door: 'I'll get them back one way or another.'",
    "three lads are outside the home waiting for me again. they know which room is mine",
    "she calls herself disgusting, has hardly eaten for two weeks and I found laxatives in "
    "her room",
]

# Reported speech in meeting notes: a disclosure passed on is a disclosure, and the words
# "minutes" or "forum" do not make it a record of the past.
REPORTED_SPEECH_IN_NOTES = [
    "Minutes of the carers' forum, item 3: a grandad mentioned that his 13 year old is "
    "picked up by older boys in a car most nights",
]

# Jokes, figures of speech, harm past and dealt with, harm to an adult, records.
NOT_URGENT = [
    "we smashed them at football, battered them 5-0, rematch next week",
    "shoot me now, thats my fifth review this year",
    "im not going to die over it but the bus pass rules are stupid",
    "giving away my old games because im getting a new console for christmas",
    "wrote a goodbye letter to my foster family because im moving to my own flat next month",
    "i just want everything to be quiet for an hour, my brothers are so loud",
    "said sorry for everything to my dad because i was rude before my mocks. all good now",
    "Parents' forum: a workshop on recognising the signs of exploitation and county lines "
    "was well attended.",
    "Training: a session on harmful sexual behaviour for foster carers, slides to follow.",
    "Her file still leads with the violence from when she was a baby. She is 9 now, her dad "
    "has been in prison for years and she is safe with me.",
    "when i was small mums boyfriend used to hit me, then i got moved to my aunties and ive "
    "been here 5 years now. im good.",
    "ngl i wanted to die of embarrassment when my carer turned up at the school gate",
    "my sister threatened to tell dad i ate her chocolate",
    "the last time i felt suicidal was over a year ago and my mentor really helped",
    "Thanks for last year. When my ex hurt me you found us a refuge that night. We have our "
    "own flat now and the kids are doing great.",
    "Before my grandchildren came to live with me they saw violence at home. That is all "
    "behind them now and they are thriving.",
    "My grandson (7) told the teacher he was going to 'kill' his cousin for breaking his Lego.",
    "Advocate: she wants the 'risk of sexual exploitation' flag on her record reviewed; the "
    "man was convicted in 2020 and there have been no concerns since.",
    "She wants her 'threatening behaviour' record from year 7 looked at again. She threw a "
    "pencil case. She is 16 now.",
]


@pytest.mark.parametrize(
    "text", SUICIDAL_INTENT_WITHOUT_A_HARM_WORD + CONCEALED_ABUSE + REPORTED_SPEECH_IN_NOTES
)
def test_urgent_and_says_which_words_raised_it(text: str) -> None:
    result = assess_risk(text)
    assert result.urgent, (text, result.lowered)
    assert all(e.text for e in result.evidence), "every flag shows the words that raised it"


@pytest.mark.parametrize("text", SUICIDAL_INTENT_WITHOUT_A_HARM_WORD)
def test_warning_signs_of_suicide_are_named_as_such(text: str) -> None:
    assert "self-harm-suicide" in assess_risk(text).signals, assess_risk(text).evidence


@pytest.mark.parametrize("text", NOT_URGENT)
def test_not_urgent_when_context_says_so(text: str) -> None:
    result = assess_risk(text)
    assert not result.urgent, (text, result.evidence)


@pytest.mark.parametrize(
    "text",
    [t for t in NOT_URGENT if any(w in t for w in ("battered", "shoot", "die over", "goodbye"))],
)
def test_what_set_a_flag_aside_is_shown(text: str) -> None:
    lowered = assess_risk(text).lowered
    assert lowered, text
    assert all(cue.text for e in lowered for cue in e.lowered_by), lowered


def test_a_joke_does_not_lower_giving_things_away_with_no_future() -> None:
    # Giving possessions away and saying they will not be needed is intent, laughed off
    # or not (Papyrus: young people often mask it).
    result = assess_risk(
        "gave my mate all my hoodies and my switch today. wont be needing them lol"
    )
    assert result.urgent
    assert "self-harm-suicide" in result.signals
    assert not result.lowered


def test_an_ordinary_reason_is_read_only_when_the_writer_gives_it() -> None:
    # "she thought I was moving placement. I'm not": the reason is denied, so it stays.
    text = (
        "told my mate she can have my dog because i wont be around much longer. "
        "she thought i was moving placement. im not"
    )
    assert assess_risk(text).urgent


def test_a_disclosure_in_minutes_is_not_voted_down_as_a_record() -> None:
    from app.text.risk import _normalise, _rule_matches

    text = REPORTED_SPEECH_IN_NOTES[0]
    assessment, weak = _rule_matches(text, *_normalise(text))
    assert assessment.urgent
    assert not weak, "a person's words passed on are not a record for the model to veto"
    assert any(cue.kind == "disclosed" for e in assessment.evidence for cue in e.raised_by)


def test_new_warning_signs_name_their_sources() -> None:
    signs = {s.id: s for s in warning_signs()}
    for sign_id in ("sudden-calm", "grooming-secrecy", "researching-heights-and-doses"):
        assert sign_id in signs, sign_id
        assert any(
            org in signs[sign_id].source for org in ("NHS", "Samaritans", "Papyrus", "NSPCC")
        )


# Retraining the model on dev8 and dev9 moved its cut: texts on earlier sets that only the
# model had caught, and record sentences it had vetoed, showed where the rules were thin.
# Each class is now read by the rules, whatever the model does.
RULES_NOT_THE_MODEL_URGENT = [
    "been checking when the trains go past the level crossing near school. nobody is around",
    "she said if she tells anyone about the games he plays she will go to a childrens home",
    "my stepdad makes me kneel on rice in the kitchen when i forget to say thank you",
    "she gets 'the strap' if she answers back",
    "im scared ill get in trouble for telling you this",
    "im sat on the top of the multi storey on the ring road",
    "a girl about 13 keeps getting into different men's cars outside the chippy",
]

RULES_NOT_THE_MODEL_ORDINARY = [
    "The social worker called my son a liar. That is abusive language to use to a child.",
    "He never smacked his daughter and the file says he did.",
    "We want the factual inaccuracies in the report corrected: it says she said her dad "
    "'hurt' her.",
    "my brother hurt my feelings when he laughed at my drawing",
    "The notes say she told them her dad hurt her feelings by missing contact.",
]


@pytest.mark.parametrize("text", RULES_NOT_THE_MODEL_URGENT)
def test_the_rules_alone_flag_what_only_the_model_had_caught(text: str) -> None:
    from app.text.risk import rule_assessment

    result = rule_assessment(text)
    assert result.urgent, text
    assert result.evidence


@pytest.mark.parametrize("text", RULES_NOT_THE_MODEL_ORDINARY)
def test_the_rules_set_aside_a_disputed_record_or_abusive_language(text: str) -> None:
    from app.text.risk import rule_assessment

    result = rule_assessment(text)
    assert not result.urgent, result.evidence
    assert not assess_risk(text).urgent
