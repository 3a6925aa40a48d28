"""Risk reads who, when and how a harm is meant, not only the words.

Each class here failed before the engine read context: warning signs of suicide with no
self-harm word, abuse kept secret under a threat, reported speech in meeting notes (all
urgent); jokes, harm in the past and dealt with, harm to an adult and not now, process
words (all not). The examples are written for these tests, not taken from any data set.
"""

import pytest

from app.text.risk import assess_risk, warning_signs

SUICIDAL_INTENT_WITHOUT_A_HARM_WORD = [
    "im giving my stuff away to my mates, they can have it",
    "Ive been giving all my things away, my xbox went to my cousin yesterday",
    "i wrote letters to everyone i love, just in case",
    "wrote goodbye messages on my phone for mum and my sister",
    "i won't be here by christmas so it doesnt matter",
    "i wont be around much longer anyway so whatever",
    "im going to sort it out for good this weekend",
    "gonna sort everything out for good tonight",
    "nobody will have to worry about me any more",
    "soon no one will have to deal with me again",
    "i just want it to be quiet now",
    "i just want everything to stop. forever",
    "im a burden to everyone, they'd be better off if i wasnt here",
    "i've saved up my tablets for when i've had enough",
    "if anything happens to me please look after my cat",
    "ive been looking up how many paracetamol it takes",
    "sorry for everything. i love you all. bye",
    "this is the last time youll hear from me",
]

CONCEALED_ABUSE = [
    "if I tell anyone he'll make sure I never see mum again. it's still happening",
    "if i tell he says he will hurt my mum",
    "i cant talk about what happens at night",
    "i hate bedtime because of what happens when mum is at work",
    "im not allowed to say what he does",
    "he said no one would believe me if i told",
    "she told me i'd be taken away if i said anything about the marks",
    "we're not allowed to tell anyone about home or we get it worse",
    "it's still going on and i can't tell anyone who",
]

REPORTED_SPEECH = [
    "A young person told us she was going to end it after the meeting",
    "Mum said he's started on the kids as well",
    "One young man told the group he has nowhere safe to sleep tonight",
    "A parent said her ex has been turning up at the school and threatening the children",
    "Facilitator note: a girl of 14 said her stepdad comes into her room at night",
    "He told his foster carer he's been giving his things away and won't need them soon",
    "The young person disclosed that her uncle still hits her when she goes there",
]

HYPERBOLE_AND_JOKES = [
    "gonna die lol this homework",
    "I'm going to kill my son, he ate the whole cake 😂",
    "drowning in paperwork since the new manager came",
    "if my sister takes my charger again im literally going to kill her lol",
    "i'll murder him if he finishes the biscuits 😂😂",
    "nearly died laughing at the forum quiz 🤣",
    "this form is going to be the death of me haha",
    "my dad will kill me if i'm late again lol jk he's lovely",
]

PAST_AND_RESOLVED = [
    "when I was hit as a kid the social worker got me out and I'm grateful",
    "after the domestic abuse I moved away, I'm safe now, he has a restraining order",
    "I used to self harm when I was 13 but I've been fine for years and have a job now",
    "Years ago my stepdad was violent. He left, he's in prison and we're all safe.",
    "She ran away twice last year; she's been settled with her nan for months now.",
]

ADULT_AND_NOT_NOW = [
    "Grandad was assaulted on the bus last month",
    "My husband was attacked at work in March and the police are handling it.",
    "Our neighbour was mugged last year, which is why I worry about the area.",
    "A man was stabbed in town a few weeks ago; it was on the news.",
]

PROCESS_AND_RECORDS = [
    "there is a suicide risk flag on my file from years ago that should be removed",
    "the strategy discussion happened without her being told",
    "The section 47 enquiry was closed with no further action and nobody wrote to us.",
    "The record still says 'at risk of exploitation' from 2018. It was never true.",
    "I want the child protection plan from 2020 taken off her records.",
]

# What must still flag, whatever surrounds it: strong signals are never voted down.
STILL_URGENT = [
    "lol i want to kill myself",
    "i want to die 😂 no but seriously i do",
    "he hit me last year and he's back now and he did it again",
    "the domestic abuse was years ago but he's moved back in and the kids are scared",
    "Grandad hits my little brother when mum's at work",
    "my 3 year old was left on her own all night, that was last week and it happens a lot",
    "when I was 12 he touched me and he still comes round",
    "my partner said he'll kill me and the kids, he means it",
    # Sexual abuse is protected: even past and dealt with, safeguarding reads it.
    "My daughter was groomed online in 2019. The police dealt with it and she is doing well now.",
]


@pytest.mark.parametrize(
    "text", SUICIDAL_INTENT_WITHOUT_A_HARM_WORD + CONCEALED_ABUSE + REPORTED_SPEECH
)
def test_urgent_without_the_usual_words(text: str) -> None:
    result = assess_risk(text)
    assert result.urgent, text
    assert result.evidence, "every flag says which words raised it"


@pytest.mark.parametrize("text", SUICIDAL_INTENT_WITHOUT_A_HARM_WORD)
def test_warning_signs_of_suicide_are_named_as_such(text: str) -> None:
    assert "self-harm-suicide" in assess_risk(text).signals


@pytest.mark.parametrize(
    "text", HYPERBOLE_AND_JOKES + PAST_AND_RESOLVED + ADULT_AND_NOT_NOW + PROCESS_AND_RECORDS
)
def test_not_urgent_when_context_says_so(text: str) -> None:
    result = assess_risk(text)
    assert not result.urgent, (text, result.evidence)


@pytest.mark.parametrize("text", STILL_URGENT)
def test_context_never_silences_what_is_happening_now(text: str) -> None:
    assert assess_risk(text).urgent, text


def test_a_lowered_flag_shows_what_lowered_it() -> None:
    result = assess_risk("I'm going to kill my son, he ate the whole cake 😂")
    assert not result.urgent
    lowered = [e for e in result.lowered if e.signal == "threat"]
    assert lowered and all("kill" in e.text for e in lowered)
    assert all(any("😂" in cue.text for cue in e.lowered_by) for e in lowered)


def test_a_raised_flag_shows_what_kept_it_up() -> None:
    text = "he hit me last year and he's back now and he did it again"
    result = assess_risk(text)
    assert result.urgent
    kept = [cue.text for e in result.evidence for cue in e.raised_by]
    assert any("again" in word or "back" in word for word in kept), result.evidence


def test_strong_signal_is_never_lowered_by_a_joke() -> None:
    result = assess_risk("lol i want to kill myself")
    assert result.urgent
    assert "self-harm-suicide" in result.signals
    assert not result.lowered


def test_reported_speech_counts_as_first_person() -> None:
    first = assess_risk("I'm going to end it after the meeting")
    reported = assess_risk("A young person told us she was going to end it after the meeting")
    assert first.urgent and reported.urgent
    assert first.signals == reported.signals


def test_warning_signs_are_data_with_their_sources() -> None:
    signs = warning_signs()
    assert len(signs) >= 12
    assert {s.signal for s in signs} >= {"self-harm-suicide", "sexual-abuse", "threat"}
    for sign in signs:
        assert sign.source.strip(), sign.id
        assert sign.patterns, sign.id
    assert len({s.id for s in signs}) == len(signs)


def test_a_blank_line_ends_a_sentence_so_a_joke_stays_in_its_own_note() -> None:
    joke = "she'll kill my brother if he eats the last of the cake again 😂"
    real = "He hit her last year and now he's back and did it again"
    assert not assess_risk(joke).urgent
    assert assess_risk(f"{joke}\n\n{real}").urgent
    assert "violence" in assess_risk(f"{joke}\n\n{real}").signals


# Issue 16, false alarms on earlier sets: an "ongoing" word in another sentence, about the
# service rather than the harm ("the school still sends letters"), kept a weak flag up
# against the model; "he's back at school" and "as if it is still happening" read as harm
# going on. Words that say the harm itself goes on still count from anywhere.
SERVICE_GOES_ON_NOT_THE_HARM = [
    "My ex was violent when our son was a baby, years ago. The school still sends letters "
    "to his old address and I have asked them to stop.",
    "I was neglected as a child before I came into care. My new worker keeps cancelling "
    "our meetings without telling me why.",
    "There was domestic abuse in my first marriage a long time ago. Every time I ring the "
    "office nobody picks up the phone.",
]

HARM_GOES_ON_FROM_ANOTHER_SENTENCE = [
    (
        "My ex was violent to me and the kids for years. He is back living with us since "
        "Christmas and I am frightened.",
        "back",
    ),
    (
        "The abuse started when my daughter was little and I reported it. It is still "
        "happening and nobody does anything.",
        "happening",
    ),
    (
        "Her stepdad was violent towards her last year. It keeps happening when mum is at "
        "work and nobody sees it.",
        "happening",
    ),
]

BACK_OR_AS_IF_IS_NOT_HARM_GOING_ON = [
    "My son went missing for a night last month after a row. He's back at school now and "
    "we are all fine now, I just wanted to say thank you to the officer.",
    "Years ago my son self-harmed; he has had help and he is fine now. The new worker "
    "talks to him as if it is still happening and it upsets him.",
]


def _weak_and_kept_up(text: str) -> tuple[bool, list[str]]:
    from app.text.risk import _normalise, _rule_matches

    assessment, weak = _rule_matches(text, *_normalise(text))
    return weak, [cue.text.lower() for e in assessment.evidence for cue in e.raised_by]


@pytest.mark.parametrize("text", SERVICE_GOES_ON_NOT_THE_HARM)
def test_ongoing_words_about_the_service_do_not_keep_a_weak_flag_up(text: str) -> None:
    weak, kept = _weak_and_kept_up(text)
    assert weak, kept
    assert not kept, "a word in another sentence about the service is not shown as keeping it up"


@pytest.mark.parametrize(("text", "word"), HARM_GOES_ON_FROM_ANOTHER_SENTENCE)
def test_words_that_the_harm_goes_on_keep_it_up_from_another_sentence(text: str, word: str) -> None:
    weak, kept = _weak_and_kept_up(text)
    assert not weak, "the model may not vote it down"
    assert any(word in cue for cue in kept), kept
    assert assess_risk(text).urgent


@pytest.mark.parametrize("text", BACK_OR_AS_IF_IS_NOT_HARM_GOING_ON)
def test_back_at_school_and_as_if_do_not_say_the_harm_goes_on(text: str) -> None:
    result = assess_risk(text)
    assert not result.urgent, result.evidence
    assert result.lowered and all(e.lowered_by for e in result.lowered)
