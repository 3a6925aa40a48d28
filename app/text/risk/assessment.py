"""What the detector says about a text, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """Words in the original text that moved a flag, and the reading they gave: joke,
    figure-of-speech, past, dealt-with, adult or record (lowered it); ongoing or serious
    (spoke for it)."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Evidence:
    """Why a signal was raised (or set aside): the words in the original text, and where.

    A rule's evidence is the phrase it matched. The model's is the sentence it found most
    urgent, with the terms that counted most in terms (empty for a rule). raised_by holds
    the words that say the harm goes on or is meant; lowered_by, on a match set aside,
    the words that set it aside.
    """

    signal: str
    text: str
    start: int
    end: int
    terms: tuple[str, ...] = ()
    raised_by: tuple[Cue, ...] = ()
    lowered_by: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class RiskAssessment:
    urgent: bool
    signals: tuple[str, ...]
    # One entry per match that stands, in text order; empty when nothing was seen.
    evidence: tuple[Evidence, ...] = ()
    # Matches the context set aside (a joke, harm in the past and dealt with, an adult,
    # a record), each with the words that lowered it: shown to the duty officer too.
    lowered: tuple[Evidence, ...] = ()
