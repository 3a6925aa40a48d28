"""A learned name detector: is this word (part of) a person's name? Used beside the rules.

The hand-written name layers of app/text/redact.py find what their authors thought of; a
new writer's names slip past them in ways no rule lists. This model reads each word with
its neighbours, its shape, the lists it is in and what the rules found elsewhere in the
same text, and gives the probability that it is a name. A word is redacted when the rules
OR the model say name (fail-closed): the model only ever adds.

Trained once from the labelled redaction texts that ship with the project (data/dev2 to
data/dev5: four independent writers), with scikit-learn (DictVectorizer of binary features,
LogisticRegression), and stored in the model directory (app/text/artefacts.py, keyed by the
hash of the data, word lists and rules it was built from) by `familyvoice models build` or
on first use; later starts load the weights. Scoring needs no scikit-learn: the fitted weights are
kept as a plain dict, and a word's score is the bias plus the weights of its features, so
a text's candidate words are scored in one pass of dict look-ups.

Only words that could be names are scored: alphabetic, not already redacted by the rules,
not a common word, public body or place that is in no name list (redact's "blocked"
words). The cut (CUT) was chosen one writer held out at a time: bench/names.py.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.config import ROOT
from app.text import artefacts, lexicon
from app.text.lexicon import COMMON, KEEP, NOT_NAMES
from app.text.name_rules import rule_names
from app.text.names import ABSTRACT_NAMES, ENGLISH_WORDS, english_words, place_words
from app.text.tokens import Token

LABELLED: tuple[Path, ...] = (
    ROOT / "data" / "dev2" / "redaction.jsonl",
    ROOT / "data" / "dev3" / "redaction.jsonl",
    ROOT / "data" / "dev4" / "redaction.jsonl",
    ROOT / "data" / "dev5" / "redaction.jsonl",
    ROOT / "data" / "dev8" / "redaction.jsonl",
    ROOT / "data" / "dev9" / "redaction.jsonl",
)
# The probability at which a word the rules let through is redacted as a name: chosen on
# the held-out writer folds (bench/names.py): at 0.3 rules ∪ model lose 0.2-0.3% of kept
# words there (0.2 costs twice that for no name gained; 0.5 finds fewer of the model's own).
CUT = 0.3
# A name that is also an ordinary word or kept term, capitalised mid-sentence, is the
# model's above this (see cut_for). On the held-out writer (model trained on dev2, the
# rules as they were before dev3, scored on dev3), allowing these at 0.5 took name leaks
# from 7.8% to about 2% for 0.2 points more kept words lost; never allowing them (1.0)
# left the names that are words, a fifth of all names, to the rules alone.
AMBIGUOUS_CUT = 0.5
INITIAL_AMBIGUOUS_CUT = 0.8
# Inverse regularisation; features seen fewer than MIN_COUNT times in training are dropped,
# so a single text's words do not become the model's own name list.
C = 0.5
MIN_COUNT = 2


# Cues before a name, grouped so that one the training texts never used still counts: each
# group is one feature, so a change to data/model-cues.txt retrains the model.
_GREETINGS = lexicon.words("model-cues", "greetings")
_TITLES = lexicon.words("model-cues", "titles")
_RELATIONS = lexicon.words("model-cues", "relations")
_INTRODUCERS = lexicon.words("model-cues", "introducers")
_JOINERS = frozenset({"and", "n", "&", "or", "nor", "with"})
_VERBS = lexicon.words("model-cues", "verbs")
_APOSTROPHES = frozenset("'\u2019")
_PLACE_PREPOSITIONS = lexicon.words("cues", "place-prepositions")


def candidate(t: Token) -> bool:
    """Could be a name: scored by the model. Common words that are in no name list, and
    kept terms (public bodies, months, weekdays, towns: "CAMHS", "June", "Hereford") are
    not; those the rules alone decide, with the evidence they need."""
    if len(t.key) < 2 or not t.key[0].isalpha() or t.key in KEEP:
        return False
    if not t.cap and (t.word or (t.last and not t.first)):
        # "amber lights": a lower-case English word, or surname ("lights" is one), is
        # seldom a person typed in lower case; a lower-case first name often is.
        return False
    if not t.cap and not t.first and _inflected(t.key):
        return False  # "lights", "texting": a word the dictionary has as "light", "text"
    return not t.blocked or ((t.first or t.last) and t.key not in NOT_NAMES)


def _inflected(key: str) -> bool:
    english = english_words()
    return any(
        key.endswith(suffix) and key[: -len(suffix)] in english
        for suffix in ("s", "es", "ed", "ing", "er", "ers", "ly")
        if len(key) - len(suffix) > 2
    )


def _shape(word: str) -> str:
    """ "Xx", "x", "X", "Xx-Xx", "Xx'Xx", "xX": letters as case classes, runs collapsed."""
    out: list[str] = []
    for ch in word:
        c = ("X" if ch.isupper() else "x") if ch.isalpha() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def _by_key(tokens: Sequence[Token]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for j, t in enumerate(tokens):
        found.setdefault(t.key, []).append(j)
    return found


def features(
    text: str,
    tokens: Sequence[Token],
    marked: Sequence[bool],
    i: int,
    lower: bool = False,
    by_key: dict[str, list[int]] | None = None,
) -> list[str]:
    """The binary features of word i: the word, its shape and place, its neighbours, the
    lists it is in, and what the rules (marked) found elsewhere in the text."""
    t = tokens[i]
    word = text[t.start : t.end]
    key = t.key
    n = len(tokens)
    p1 = tokens[i - 1].key if i > 0 else "^"
    p2 = tokens[i - 2].key if i > 1 else "^"
    n1 = tokens[i + 1].key if i + 1 < n else "$"
    n2 = tokens[i + 2].key if i + 2 < n else "$"
    case = "C" if t.cap else ("U" if word.isupper() else "L")
    place = "I" if t.initial else "M"
    flags = [
        name
        for name, on in (
            ("first", t.first),
            ("last", t.last),
            ("amb", t.ambiguous),
            ("blocked", t.blocked),
            ("plain", t.word),
            ("eng", key in english_words()),
            ("engname", key in ENGLISH_WORDS),
            ("abstract", key in ABSTRACT_NAMES),
            ("place", key in place_words()),
            ("keep", key in KEEP),
            ("common", key in COMMON),
        )
        if on
    ] or ["unlisted"]
    f = [
        "bias",
        "w=" + key,
        "sh=" + _shape(word),
        "case=" + case + place,
        "s2=" + key[-2:],
        "s3=" + key[-3:],
        "s4=" + key[-4:],
        "x2=" + key[:2],
        "x3=" + key[:3],
        "p1=" + p1,
        "p2=" + p2,
        "n1=" + n1,
        "n2=" + n2,
        "p1n1=" + p1 + "|" + n1,
        "gap=" + t.gap.strip(" ")[-2:],
        "ngap=" + (tokens[i + 1].gap.strip(" ")[:2] if i + 1 < n else "$"),
        "len=" + str(min(len(key), 9)),
    ]
    f += ["L=" + flag for flag in flags]
    f += ["L=" + flag + "|" + case + place for flag in flags]
    if t.possessive:
        f.append("poss|" + case)
    if any(_is_mark(ch) for ch in word):
        f.append("diacritic")
    if any(ch in _APOSTROPHES for ch in word):
        f.append("apostrophe")
    if "-" in word:
        f.append("hyphen")
    for label, words in (
        ("greet", _GREETINGS),
        ("title", _TITLES),
        ("rel", _RELATIONS),
        ("intro", _INTRODUCERS),
        ("join", _JOINERS),
    ):
        if p1 in words:
            f.append("cue=" + label + "|" + case)
        if n1 in words and label == "join":
            f.append("ncue=join|" + case)
    if n1 in _VERBS:
        f.append("nverb|" + case + place)
    # What the rules found: the same word named elsewhere, a named neighbour or list-mate.
    same = [j for j in (by_key or _by_key(tokens))[key] if j != i]
    if any(marked[j] for j in same):
        f.append("rule=same")
    if any(tokens[j].cap and not tokens[j].initial for j in same):
        f.append("same=capmid")
    if i > 0 and marked[i - 1]:
        f.append("rule=prev|" + t.gap.strip(" ")[-1:])
    if i + 1 < n and marked[i + 1]:
        f.append("rule=next|" + tokens[i + 1].gap.strip(" ")[:1])
    if i > 1 and marked[i - 2] and p1 in _JOINERS:
        f.append("rule=listed")
    if i + 2 < n and marked[i + 2] and n1 in _JOINERS:
        f.append("rule=listed")
    if lower:
        f += ["lowtext", *("lowtext|" + x for x in f if x.startswith("L="))]
    return f


def _is_mark(ch: str) -> bool:
    return (ch.isalpha() and not ch.isascii()) or unicodedata.combining(ch) > 0


def _lower_text(tokens: Sequence[Token]) -> bool:
    """A text typed mostly in lower case, where a capital is no evidence either way."""
    mid = [t for t in tokens if not t.initial]
    return len(mid) >= 5 and sum(t.cap for t in mid) <= len(mid) // 20


def text_features(
    text: str, tokens: Sequence[Token], marked: Sequence[bool]
) -> list[tuple[int, list[str]]]:
    """(index, features) of each candidate word the rules did not mark."""
    lower = _lower_text(tokens)
    by_key = _by_key(tokens)
    places = place_words()
    return [
        (i, features(text, tokens, marked, i, lower, by_key))
        for i, t in enumerate(tokens)
        if not marked[i]
        and candidate(t)
        # "We live in Warwick", "49 Hicks Street, Warwick": a town after "in" or a comma
        # is a place, as the rules read it.
        and not (
            t.key in places and i > 0 and (tokens[i - 1].key in _PLACE_PREPOSITIONS or "," in t.gap)
        )
    ]


# After these, a name that is also a word is the word: "the Grace period", "a Rose bush".
_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "some", "any", "every", "each", "no"]
)


def cut_for(t: Token, cut: float, previous: Token | None = None) -> float:
    """The probability word t needs to be called a name.

    A word that is also an ordinary word ("Grace", "Will", "rose") needs more: and only
    capitalised mid-sentence, where the capital itself is evidence ("Grace and Faith came
    round"). At a sentence's start or in lower case the model never decides alone:
    "Dawn is early", "to mark this", "a rose" stay.
    """
    if not t.ambiguous:
        return cut
    if previous is not None and previous.key in _DETERMINERS:
        return 1.0 + cut  # never
    if t.cap and not t.initial:
        return max(cut, AMBIGUOUS_CUT)
    if t.cap:
        return max(cut, INITIAL_AMBIGUOUS_CUT)
    return 1.0 + cut  # unreachable: the rules weigh the evidence for these


@dataclass(frozen=True)
class NameModel:
    weights: dict[str, float]
    cut: float = CUT

    def probability(self, feats: Iterable[str]) -> float:
        w = self.weights
        z = sum(w.get(x, 0.0) for x in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def scores(
        self, text: str, tokens: Sequence[Token], marked: Sequence[bool]
    ) -> list[tuple[int, float]]:
        """(index, probability) of each candidate word the rules let through."""
        return [(i, self.probability(f)) for i, f in text_features(text, tokens, marked)]

    def names(self, text: str, tokens: Sequence[Token], marked: Sequence[bool]) -> list[int]:
        """The indices of the words the model calls names at its cut."""
        return [
            i
            for i, p in self.scores(text, tokens, marked)
            if p >= cut_for(tokens[i], self.cut, tokens[i - 1] if i else None)
        ]


@dataclass(frozen=True)
class Labelled:
    text: str
    names: tuple[tuple[int, int], ...]


def read_labelled(path: Path) -> list[Labelled]:
    """The NAME spans of a labelled redaction file ({"text", "entities", "kept"})."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            spans = tuple((e["start"], e["end"]) for e in row["entities"] if e["type"] == "NAME")
            rows.append(Labelled(row["text"], spans))
    return rows


_WORDLIKE = re.compile(r"\w")


def training_rows(docs: Iterable[Labelled]) -> tuple[list[list[str]], list[int]]:
    """Every candidate word of the texts, with 1 where it lies in a NAME span.

    Words the rules mark are kept in training (the features never include the rules' view
    of the word itself, only of its neighbours and its other mentions): the model learns
    what makes a name, not to copy the rules. Each text is also learnt typed all in lower
    case, as many families type: names then carry no capital, and the model must read
    them from their neighbours and their letters (held out, this halves what it misses).
    """
    rows: list[list[str]] = []
    labels: list[int] = []
    docs = list(docs)
    # Lower-casing keeps the offsets of the NAME spans only where it keeps the length.
    docs += [
        Labelled(doc.text.lower(), doc.names)
        for doc in docs
        if len(doc.text.lower()) == len(doc.text) and doc.text.lower() != doc.text
    ]
    for doc in docs:
        tokens, marked = rule_names(doc.text)
        lower = _lower_text(tokens)
        by_key = _by_key(tokens)
        for i, t in enumerate(tokens):
            if not candidate(t):
                continue
            rows.append(features(doc.text, tokens, marked, i, lower, by_key))
            labels.append(int(any(s < t.end and t.start < e for s, e in doc.names)))
    return rows, labels


def train(docs: Sequence[Labelled], c: float = C, cut: float = CUT) -> NameModel:
    """Logistic regression over the candidate words of labelled texts (deterministic)."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = training_rows(docs)
    counts = Counter(x for row in rows for x in set(row))
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(
        [{x: 1 for x in row if counts[x] >= MIN_COUNT} for row in rows]
    )
    # liblinear takes 32-bit sparse indices only; DictVectorizer may give 64-bit ones.
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    classifier = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
    classifier.fit(matrix, labels)
    weights = {
        name: float(w)
        for name, w in zip(vectorizer.get_feature_names_out(), classifier.coef_[0], strict=True)
        if w != 0.0
    }
    weights["bias"] = weights.get("bias", 0.0) + float(classifier.intercept_[0])
    return NameModel(weights, cut)


# What the shipped model is built from: its key in the model directory (artefacts.py).
_SOURCES = (
    *("app.text.name_model", "app.text.name_rules", "app.text.tokens", "app.text.names"),
    *("app.text.lexicon", "app.text.dates", "app.text.entities"),
)
_PACKAGES = ("mimesis", "zxcvbn", "english-words", "scikit-learn", "numpy", "scipy")


def inputs() -> list[Path]:
    """The files the shipped model is a function of: labelled texts, word lists, rules."""
    return [*LABELLED, *lexicon.data_files(), *artefacts.sources(*_SOURCES)]


@lru_cache(maxsize=1)
def shipped() -> NameModel:
    """The model trained on every labelled redaction file that ships: built once into the
    model directory (a second's training), then loaded from there in milliseconds."""

    def build() -> dict[str, object]:
        model = train([doc for path in LABELLED for doc in read_labelled(path)])
        return {"weights": model.weights, "cut": model.cut}

    stored = artefacts.load_or_build(
        artefacts.model_directory(), "name-model", inputs(), _PACKAGES, build
    )
    return NameModel({str(k): float(v) for k, v in stored["weights"].items()}, float(stored["cut"]))
