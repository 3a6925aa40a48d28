"""Words as the redaction engine reads them: each with its case, place and name lists.

The lowest layer of redaction: the name rules (name_rules.py), the learned detector
(name_model.py) and the address rules all read the same tokens, so they share this one
tokeniser and never import one another for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.text.lexicon import COMMON, KEEP
from app.text.names import ENGLISH_WORDS, english_words, name_lists, place_words

# A capitalised word of any Latin script, with inner apostrophes or hyphens: "O'Brien", "McLean".
CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž](?:[^\W\d_]|[\u0300-\u036f])*(?:['’-](?:[^\W\d_]|[\u0300-\u036f])+)*"
LETTERS = r"[^\W\d_](?:(?:[^\W\d_]|[\u0300-\u036f])|['’-](?=[^\W\d_]))+"
# Words in any script: letters joined by inner apostrophes and hyphens ("O'Brien", "Smith-Jones").
# Combining accents count as letters: "Ìfẹ́olúwa" is one word, not "Ìfẹ" and "olúwa".
TOKEN = re.compile(
    r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*(?:['\u2019-](?:[^\W\d_]|[\u0300-\u036f])+)*"
)
_CONTRACTION = re.compile(r"['\u2019](?:m|ve|d|ll|re|t)$", re.IGNORECASE)
POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
# What may stand between a sentence's end and its first word: spaces, quotes, brackets, bullets.
_LEAD_IN = " \t\"'\u2018\u201c([-*\u2022"
_LEAD_IN_OR_NEWLINE = frozenset(_LEAD_IN + "\n\r")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    key: str
    cap: bool  # "Kayleigh", not "kayleigh" nor "MASH"
    initial: bool  # first word of a sentence, line or heading
    gap: str  # the text between the previous word and this one
    possessive: bool  # "Kayleigh's"
    first: bool  # in the first-name list (or a part of it is)
    last: bool  # in the surname list (or a part of it is)
    ambiguous: bool  # also an English word or a kept term: a name only with evidence
    blocked: bool  # never a name by itself: a common word, a public body, a place
    word: bool  # an ordinary English word in no name list: "Emergency", "Rent"
    skipped: str = (
        ""  # a contraction just before, which is no token: "hasn't" in "Kacey hasn't been"
    )

    @property
    def listed(self) -> bool:
        return self.first or self.last


# What the lists say of a word, worked out once per word: (first, last, ambiguous, blocked,
# plain English word). Bounded: cleared when it grows past 100,000 words.
_KEY_INFO: dict[str, tuple[bool, bool, bool, bool, bool]] = {}


def _key_info(
    key: str,
    first_names: frozenset[str],
    surnames: frozenset[str],
    english: frozenset[str],
    places: frozenset[str],
) -> tuple[bool, bool, bool, bool, bool]:
    parts = key.split("-")
    in_first = key in first_names or any(p in first_names for p in parts if len(p) > 2)
    in_last = key in surnames or any(p in surnames for p in parts if len(p) > 2)
    listed = in_first or in_last
    info = (
        in_first,
        in_last,
        key in ENGLISH_WORDS or (listed and (key in KEEP or key in places or key in english)),
        key in COMMON or ((key in KEEP or key in places) and not listed) or len(key) < 2,
        key in english and not listed,
    )
    if len(_KEY_INFO) > 100_000:
        _KEY_INFO.clear()
    _KEY_INFO[key] = info
    return info


def tokenise(text: str) -> list[Token]:
    first_names, surnames = name_lists()
    english, places = english_words(), place_words()
    tokens: list[Token] = []
    previous_end = 0
    skipped = ""
    for m in TOKEN.finditer(text):
        word, start = m.group(0), m.start()
        if _CONTRACTION.search(word):
            previous_end = m.end()
            skipped = word.lower().replace("\u2019", "'")
            continue  # "I'm", "don't": never names
        possessive = POSSESSIVE.search(word)
        if possessive and len(word) > 3:
            word = word[: possessive.start()]
        key = word.lower()
        # Look back over spaces, quotes and bullets to the previous character (no slicing
        # of the text before it: that made this quadratic).
        j = start - 1
        newline = False
        while j >= 0 and text[j] in _LEAD_IN_OR_NEWLINE:
            newline = newline or text[j] == "\n"
            j -= 1
        initial = j < 0 or newline or text[j] in ".!?:"
        info = _KEY_INFO.get(key)
        if info is None:
            info = _key_info(key, first_names, surnames, english, places)
        in_first, in_last, ambiguous, blocked, plain = info
        parts = word.split("-")
        if len(parts) > 2 and word[0].isupper() and any(p.islower() for p in parts[1:]):
            # "Weston-super-Mare", "Stoke-on-Trent": a place, whatever its parts are.
            in_first = in_last = ambiguous = plain = False
            blocked = True
        # A name typed in capitals counts as capitalised ("TAYLA", "MARK"); an acronym
        # (no vowel, or a service's: "LADO", "EHCP") does not.
        shout = (
            word.isupper() and len(word) > 2 and key not in KEEP and any(c in "aeiouy" for c in key)
        )
        tokens.append(
            Token(
                start=start,
                end=start + len(word),
                key=key,
                cap=word[0].isupper() and (not word.isupper() or shout),
                initial=initial,
                gap=text[previous_end:start],
                possessive=bool(possessive),
                first=in_first,
                last=in_last,
                ambiguous=ambiguous,
                blocked=blocked,
                word=plain,
                skipped=skipped,
            )
        )
        skipped = ""
        previous_end = m.end()
    return tokens


def word_at(tokens: list[Token], i: int) -> str:
    """Word i, or the contraction before it: "Angel hasn't been" follows "angel" with "hasn't"."""
    if not 0 <= i < len(tokens):
        return ""
    return tokens[i].skipped or tokens[i].key
