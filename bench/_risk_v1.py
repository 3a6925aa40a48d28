"""A frozen copy of the first-generation risk rules (app/text/risk.py before the rewrite).

Kept only so bench/risk.py can compare the new detector with what it replaced; nothing
in app/ imports it. Do not tune it.

First-generation rules: phrases grouped by the kind of harm they signal. They are
tuned for recall, because a false alarm costs a duty officer a minute and a missed
one can cost a child. Text is lower-cased and common text-speak is expanded before
matching, so "he hits me", "HE HIT ME" and "he hit me n i'm scared" all count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# signal -> patterns. Word boundaries keep "hitch" from matching "hit".
_SIGNALS: dict[str, tuple[str, ...]] = {
    "violence": (
        r"\b(hit|hits|hitting|punch\w*|kick\w*|beat|beats|beating|beaten|slap\w*|chok\w*|strangl\w*)"
        r"\b.{0,40}\b(me|him|her|them|child|children|kid|kids|son|daughter|baby|brother|sister)\b",
        r"\b(bruis\w*|broken (arm|bone|rib)|burn marks?|black eye)\b",
        r"\b(hurt|hurts|hurting|harm|harming)\b.{0,30}\b(me|him|her|them|child|children|kids?|baby)\b",
        r"\b(abus\w*|assault\w*|violen\w*)\b",
    ),
    "sexual-abuse": (
        r"\b(sexual\w*|rape\w*|raped|molest\w*|groom\w*|touch(ed|es|ing)? (me|him|her) )",
        r"\b(inappropriate(ly)? touch\w*|nude (pics|photos|pictures|images)|sending (pics|photos))\b",
    ),
    "self-harm-suicide": (
        r"\b(suicid\w*|kill (my|him|her)sel(f|ves)|end (my|his|her) life|want(s)? to die|wanna die)\b",
        r"\b(self[- ]?harm\w*|cutting (my|him|her)sel(f|ves)|overdos\w*|hang (my|him|her)self)\b",
        r"\b(don'?t want to (live|be alive|be here)|better off dead|no reason to live)\b",
    ),
    "neglect": (
        r"\b(left alone|home alone|locked (in|out)|no food|not fed|starv\w*|hungry all the time)\b",
        r"\b(neglect\w*|nobody looks after|no one looks after|sleeping rough|nowhere to sleep)\b",
    ),
    "exploitation": (
        r"\b(county lines|exploit\w*|trafficked|trafficking|made to (sell|carry) drugs|gang\w*)\b",
        r"\b(older (men|man|boys)|money for (sex|drugs))\b",
    ),
    "missing": (
        r"\b(he|she|they|child|son|daughter|kids?|i) (is|are|has|have|went|gone|been)( gone| been)? missing\b",
        r"\b(ran away|run away|running away|runaway|can'?t find (him|her|them)|not come home)\b",
    ),
    "threat": (
        r"\b(threat\w*|going to (kill|hurt|harm)|gonna (kill|hurt|harm)|said (he|she|they)'?d? (kill|hurt))\b",
        r"\b(weapon|knife|knives|gun|stab\w*)\b",
    ),
    "immediate-danger": (
        r"\b(in danger|not safe|unsafe|scared (for|of)|afraid (for|of)|frightened|terrified)\b",
        r"\b(right now|tonight|at the moment)\b.{0,40}\b(danger|hurt|hit|scared|unsafe)\b",
    ),
}

# Text-speak and common misspellings, expanded before matching.
_EXPANSIONS: tuple[tuple[str, str], ...] = (
    (r"\bu\b", "you"),
    (r"\bn\b", "and"),
    (r"\bim\b", "i'm"),
    (r"\bdont\b", "don't"),
    (r"\bcant\b", "can't"),
    (r"\bwont\b", "won't"),
    (r"\bkms\b", "kill myself"),
    (r"\bsuicidle\b|\bsuicidal\b", "suicidal"),
    (r"\bhurtin\b", "hurting"),
    (r"\bhitin\b|\bhittin\b", "hitting"),
    (r"\bscard\b|\bscaired\b", "scared"),
    (r"\babuseing\b|\babusin\b", "abusing"),
    (r"\bneglectid\b|\bneglectted\b", "neglected"),
)

_COMPILED = {
    signal: tuple(re.compile(p, re.IGNORECASE | re.DOTALL) for p in patterns)
    for signal, patterns in _SIGNALS.items()
}
_COMPILED_EXPANSIONS = tuple((re.compile(p, re.IGNORECASE), r) for p, r in _EXPANSIONS)


@dataclass(frozen=True)
class RiskAssessment:
    urgent: bool
    signals: tuple[str, ...]


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    for pattern, replacement in _COMPILED_EXPANSIONS:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text)


def assess_risk(text: str) -> RiskAssessment:
    """Which harm signals the text shows; urgent if it shows any."""
    normalised = _normalise(text)
    seen = tuple(
        signal
        for signal, patterns in _COMPILED.items()
        if any(p.search(normalised) for p in patterns)
    )
    return RiskAssessment(urgent=bool(seen), signals=seen)
