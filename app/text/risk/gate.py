"""A cheap keyword gate in front of each phrase: the words a match must begin with.

Most phrases start with a list of alternative words ("\\b(?:hit|hits|punch|...) ..."), and
Python's regular expressions try that list at every position of the text. Searching the
text for those opening words first (plain substring tests, done in C) lets a text
without any of them skip the phrase. The opening words are read from the compiled
phrase itself, never written by hand, so the gate cannot fall out of step with the
phrase: if a match exists, one of its opening words is in the text. A phrase whose start
cannot be read as words (an optional word first, a character class) is never gated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# The regex parser is CPython's own (private, stable since 3.11). Should a later Python
# move it, the gate turns itself off and every phrase runs ungated: slower, never wrong.
try:
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without them
    C = _parser = None

# Longest opening kept: "kicking" and "kicked" both open with "kick"; a shorter opening
# only lets more texts through, never fewer.
_HEAD_CHARS = 6
# Beyond this many openings the phrase is run ungated (the product of two word lists).
_MAX_HEADS = 400
_ZERO_WIDTH = frozenset({C.AT, C.ASSERT, C.ASSERT_NOT}) if C else frozenset()
_WORD_RUN = re.compile(r"\w+")
_WORDY = re.compile(r"\w+ ?")

# What _heads reads from a parsed sequence: the strings every match starts with, whether
# each is the whole of what it matches (so what follows may be appended), and whether a
# word boundary stands before each (so each starts a run of word characters).
_Heads = tuple[set[str], bool, bool]


@dataclass(frozen=True)
class Gate:
    """Openings that start a word run in the text: whole words (followed by a space in
    the phrase) and word prefixes; or, for a phrase not anchored at a word boundary,
    substrings."""

    words: frozenset[str]
    prefixes: frozenset[str]
    substrings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextWords:
    """A text's word runs and their first _HEAD_CHARS prefixes, built once per text."""

    text: str
    words: frozenset[str]
    prefixes: frozenset[str]


def text_words(text: str) -> TextWords:
    runs = set(_WORD_RUN.findall(text))
    prefixes = {run[:k] for run in runs for k in range(1, min(len(run), _HEAD_CHARS) + 1)}
    return TextWords(text, frozenset(runs), frozenset(prefixes))


def _heads(items: Any, bounded: bool = False) -> _Heads | None:
    prefixes = {""}
    for op, arg in items:
        if op in _ZERO_WIDTH:
            if op is C.AT and arg is C.AT_BOUNDARY and prefixes == {""}:
                bounded = True
            continue
        if op is C.LITERAL:
            prefixes = {p + chr(arg) for p in prefixes}
            continue
        inner: _Heads | None = None
        opening = prefixes == {""}
        if op is C.SUBPATTERN:
            inner = _heads(arg[-1], bounded and opening)
        elif op is C.BRANCH:
            alternatives = [_heads(alt, bounded and opening) for alt in arg[1]]
            if all(a is not None for a in alternatives):
                inner = (
                    {h for a in alternatives if a for h in a[0]},
                    all(a[1] for a in alternatives if a),
                    all(a[2] for a in alternatives if a),
                )
        if inner is None or "" in inner[0] or len(prefixes) * len(inner[0]) > _MAX_HEADS:
            return _stopped(prefixes, bounded)
        if opening:
            bounded = inner[2]
        prefixes = {p + h for p in prefixes for h in inner[0]}
        if not inner[1]:
            return _stopped(prefixes, bounded)
    return (prefixes, True, bounded) if "" not in prefixes else None


def _stopped(prefixes: set[str], bounded: bool) -> _Heads | None:
    return (prefixes, False, bounded) if "" not in prefixes else None


def openings(pattern: re.Pattern[str]) -> Gate | None:
    """What one of which every match of pattern opens with; None: the phrase is ungated."""
    if pattern.flags & re.IGNORECASE or _parser is None:
        return None
    try:
        found = _heads(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # a construct the reader does not know: run the phrase ungated
        return None
    if found is None:
        return None
    heads, _, bounded = found
    if not bounded or not all(_WORDY.match(h) for h in heads):
        cut = {h[:_HEAD_CHARS] for h in heads}
        return Gate(frozenset(), frozenset(), tuple(sorted(_minimal(cut))))
    words, prefixes = set(), set()
    for head in heads:
        word = _WORDY.match(head).group()  # type: ignore[union-attr]
        if word.endswith(" "):
            words.add(word[:-1])
        else:
            prefixes.add(word[:_HEAD_CHARS])
    return Gate(frozenset(words), frozenset(prefixes))


def _minimal(strings: set[str]) -> set[str]:
    """Drop any string that contains another: the shorter one is in every text the longer is."""
    return {h for h in strings if not any(o != h and o in h for o in strings)}


def may_match(gate: Gate | None, text: TextWords) -> bool:
    """Whether the phrase may match the text: False only when none of its openings is in it."""
    if gate is None:
        return True
    if gate.substrings:
        return any(h in text.text for h in gate.substrings)
    return not gate.words.isdisjoint(text.words) or not gate.prefixes.isdisjoint(text.prefixes)
