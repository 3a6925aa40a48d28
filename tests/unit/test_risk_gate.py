"""The keyword gate in front of the risk phrases: a text skips a phrase only when none of
the words a match of it opens with is in the text, so gating never changes a verdict.
The sentences are written for these tests."""

import re

import pytest

from app.text.risk import gate, rules
from app.text.risk.words import _normalise

SENTENCES = [
    "he hits me when he is drunk and I am scared to go home tonight",
    "my daughter was left on her own all weekend with no food",
    "i want to die, i have saved up my tablets",
    "The school still sends letters to the wrong address and nobody answers the phone.",
    "my son is 14 and a 25 year old man keeps messaging him on snapchat",
    "she went missing from her placement on friday and nobody knows where she is",
    "the new worker was lovely and the meeting went well, thank you",
    "if i tell anyone he says he will hurt my mum, it's still happening",
    "older lads in a car keep picking him up after school and giving him cash",
    "I'm complaining about the delay with our allowance, it's been three months.",
]


def _openings(pattern: str) -> gate.Gate | None:
    return gate.openings(re.compile(pattern))


def test_a_phrase_is_skipped_only_without_its_opening_words() -> None:
    found = _openings(r"\b(?:hit|hits|punched) (?:\S+ ){0,4}?(?:me|him)\b")
    assert found is not None
    assert not gate.may_match(found, gate.text_words("the cat sat on the mat"))
    assert gate.may_match(found, gate.text_words("he hits me"))
    assert gate.may_match(found, gate.text_words("she punched him"))


def test_a_whole_word_opening_needs_the_whole_word() -> None:
    found = _openings(r"\bno food\b")
    assert found is not None and "no" in found.words
    assert not gate.may_match(found, gate.text_words("nobody came"))
    assert gate.may_match(found, gate.text_words("there is no food"))


def test_a_word_prefix_opening_matches_any_ending() -> None:
    found = _openings(r"\b(?:abus\w*|neglect\w*)\b")
    assert found is not None
    assert gate.may_match(found, gate.text_words("he is abusive"))
    assert not gate.may_match(found, gate.text_words("a bus came"))


@pytest.mark.parametrize(
    "pattern",
    [r"\b(?:the )?last time\b", r"\b[2-9] year old\b", r"(?:\S+ ){0,3}?alone\b"],
)
def test_a_phrase_whose_start_is_not_words_is_never_gated(pattern: str) -> None:
    assert _openings(pattern) is None


def test_a_phrase_without_a_word_boundary_is_gated_on_substrings() -> None:
    found = _openings(r"(?:sos|help) me")
    assert found is not None and found.substrings
    assert gate.may_match(found, gate.text_words("pls help me"))
    assert not gate.may_match(found, gate.text_words("all fine"))


@pytest.mark.parametrize("text", SENTENCES)
def test_every_phrase_matches_the_same_with_and_without_its_gate(text: str) -> None:
    normalised, _ = _normalise(text)
    words = gate.text_words(normalised)
    for rows in rules._COMPILED.values():
        for pattern, _, opening, _ in rows:
            if pattern.search(normalised):
                assert gate.may_match(opening, words), pattern.pattern


def test_most_phrases_are_gated() -> None:
    rows = [row for rows in rules._COMPILED.values() for row in rows]
    assert sum(opening is not None for _, _, opening, _ in rows) >= 0.9 * len(rows)
