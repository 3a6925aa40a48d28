"""First names and surnames for the redaction name layer, from a maintained package.

Source: mimesis (MIT, maintained, pure data, no dependencies) ships per-locale JSON lists of
first names and surnames. We read the Latin-script locales whose people live in the UK in
numbers (en-gb, en, en-au, en-ca, pl, pt, it, es, fr, de, tr, cs, sk, hu, nl): about 13,000
first names and 14,000 surnames, worked out once and stored in the model directory with the
dictionary words and places (app/text/artefacts.py), read back in milliseconds (mimesis
itself is never imported). Its English list is a thin sample (no "Elaine",
no "Aimee"), which is why the list is one layer among several, never the only one.

Why not the others: names-dataset is a 56 MB wheel whose loader unpacks it whole, too heavy
for an app that imports redaction at start; Faker's person providers are
what bench/redaction.py draws its corpus from, so using them here would grade the list on its
own answers. mimesis has no South Asian or African locale, so those names are found by
context (capitals mid-sentence, cues, "and", neighbours): the bench reports names in this list
and names not in it separately, so the gap shows.

ENGLISH_WORDS are the list entries that are also ordinary English words (the lower-case
entries of Debian's british-english word list that appear in these name lists, plus the
virtue and season names that families give children): "Will", "May", "Grace", "Hope",
"Baker", "Church"... They count as names only with context, never on the list alone. They,
and the project's own supplements, are data: app/text/data/names.txt.
The mimesis major version is pinned so the list (and this set) change only on purpose.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from app.text import artefacts, lexicon

LOCALES = (
    "en-gb",
    "en",
    "en-au",
    "en-ca",
    "pl",
    "pt",
    "it",
    "es",
    "fr",
    "de",
    "tr",
    "cs",
    "sk",
    "hu",
    "nl",
)
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F'\u2019-]+$")


# Names that are also ordinary English words ("Will", "May", "Grace", "Baker"), names only
# with context; abstract nouns and seasons ("Hope is fading"), names only with a cue; and
# the first names and surnames the package lists lack. The lists are data: data/names.txt.
ENGLISH_WORDS = lexicon.words("names", "english-words")
ABSTRACT_NAMES = lexicon.words("names", "abstract")
EXTRA_FIRST_NAMES = lexicon.words("names", "extra-first-names")
EXTRA_SURNAMES = lexicon.words("names", "extra-surnames")


def _entries(value: object) -> list[str]:
    if isinstance(value, dict):
        return [name for names in value.values() for name in names]
    if isinstance(value, list):
        return [str(name) for name in value]
    return []


def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), lower-cased, Latin script only; loaded once.

    mimesis's locales, plus zxcvbn's census lists (US first names and surnames, already a
    dependency for password strength): a second, independent source for English names.
    """
    # The data files only: importing mimesis itself would load all its providers (~5 MB).
    spec = find_spec("mimesis")
    if spec is None or spec.origin is None:
        raise ImportError("mimesis is not installed: pip install -e .")
    root = Path(spec.origin).parent / "datasets"
    first: set[str] = set()
    last: set[str] = set()
    for locale in LOCALES:
        data = json.loads((root / locale / "person.json").read_text("utf-8"))
        first.update(n.lower() for n in _entries(data.get("names")) if _LATIN.match(n))
        last.update(n.lower() for n in _entries(data.get("surnames")) if _LATIN.match(n))
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    first.update(FREQUENCY_LISTS["female_names"])
    first.update(FREQUENCY_LISTS["male_names"])
    last.update(FREQUENCY_LISTS["surnames"])
    first.update(EXTRA_FIRST_NAMES)
    last.update(EXTRA_SURNAMES)
    return frozenset(first), frozenset(last)


# Suffixes stripped to find a dictionary headword: web2 lists "report", not "reported".
# Not "ly" nor "y": "carly" is no inflection of "carl".
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ies", "ied", "ness", "ment", "ful")


def _english_words() -> frozenset[str]:
    """Common English words that are not proper nouns, lower-cased; loaded once (~80 ms).

    Frequent (zxcvbn's English Wikipedia and film-subtitle lists, ~49,000 words, names
    already moved to its name lists) and in the dictionary in lower case (Webster's Second
    via the english-words package, where proper nouns keep their capital), or an inflection
    of such a headword. Frequency alone would keep "priya" and "romania"; the dictionary
    alone has 210,000 entries, many of them rare words that are also surnames.
    """
    from english_words import get_english_words_set
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    dictionary = {w for w in get_english_words_set(["web2"]) if w.islower()}
    frequent = set(FREQUENCY_LISTS["english_wikipedia"]) | set(FREQUENCY_LISTS["us_tv_and_film"])
    found = set()
    for word in frequent:
        if not word.isalpha():
            continue
        if word in dictionary:
            found.add(word)
            continue
        for suffix in _SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) > 2:
                if stem in dictionary or stem + "e" in dictionary or stem + "y" in dictionary:
                    found.add(word)
                    break
                if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in dictionary:
                    found.add(word)  # "stopped", "running"
                    break
    return frozenset(found)


def _place_words() -> frozenset[str]:
    """UK towns, counties and the world's countries, lower-cased words: kept, never names.

    mimesis's en-gb towns (~1,000) and counties and its English country list. A town that is
    also a surname ("Preston", "Stafford") is a name only with evidence beside it.
    """
    spec = find_spec("mimesis")
    if spec is None or spec.origin is None:
        raise ImportError("mimesis is not installed: pip install -e .")
    root = Path(spec.origin).parent / "datasets"
    places: set[str] = set()
    for locale, keys in (("en-gb", ("city", "state")), ("en", ("country",))):
        data = json.loads((root / locale / "address.json").read_text("utf-8"))
        for key in keys:
            for place in _entries(data.get(key)):
                words = place.lower().replace("&", " ").split()
                if len(words) == 1 and len(words[0]) > 2:
                    places.add(words[0])
                else:
                    places.update(w for w in words if len(w) > 3)
    return frozenset(places)


@cache
def _stored() -> dict[str, frozenset[str]]:
    """The three lists, worked out once from their packages (half a second: the dictionary
    alone has 235,000 words) and stored in the model directory, then read from there."""

    def build() -> dict[str, object]:
        first, last = _name_lists()
        lists = {"first": first, "last": last, "english": _english_words()}
        lists["places"] = _place_words()
        return {key: sorted(words) for key, words in lists.items()}

    stored = artefacts.load_or_build(
        artefacts.model_directory(),
        "word-lists",
        artefacts.sources("app.text.names", "app.text.lexicon") + list(lexicon.data_files()),
        ("mimesis", "zxcvbn", "english-words"),
        build,
    )
    return {key: frozenset(words) for key, words in stored.items()}


def name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), lower-cased, Latin script only: see _name_lists."""
    lists = _stored()
    return lists["first"], lists["last"]


def english_words() -> frozenset[str]:
    """Common English words that are not proper nouns, lower-cased: see _english_words."""
    return _stored()["english"]


def place_words() -> frozenset[str]:
    """UK towns, counties and the world's countries, lower-cased words: see _place_words."""
    return _stored()["places"]
