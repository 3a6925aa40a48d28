"""Does this text suggest a child may be at risk now?

Rules, grouped by the kind of harm they signal, tuned for recall: a false alarm costs a
duty officer a minute, a missed one can cost a child. When in doubt, flag
(data/risk/README.md sets out the labelling policy the rules are measured against).

How a text is read:
1. It is split into tokens (words, punctuation, emoji), each keeping its offsets in the
   original text, so every match can be shown to staff as the words the family wrote.
2. Each token is normalised: lower-cased, curly quotes and apostrophes dropped ("he's" and
   "hes" read the same), letters repeated three or more times squeezed ("sooo" -> "so",
   "killll" -> "kil"), then a table turns text-speak and common misspellings into plain
   words ("kms" -> "kill myself", "bf" -> "boyfriend", "sucide" -> "suicide"), and a word
   still unknown that is one edit from a key harm word ("strangld", "tuches") is read as
   that word (rapidfuzz, optimal string alignment distance).
3. The phrases (patterns.py, and the warning signs from published guidance in
   warning-signs.json) are searched in the normalised text, tokens joined by single spaces.
A few narrow "discount" phrases (a knife-crime talk, "this delay is killing me", "no
safeguarding concerns") remove only the match they cover.
4. Each match that is not protected is read in its context (context.py): who (a child, or
   an adult and not now), when (now, ongoing; or past and dealt with) and how meant
   (literal, or a joke marked as one). Context may lower it, and the words that lowered it
   are kept. Nothing is negated word by word, because "he never feeds us" and "I'm not
   safe" must still flag; protected matches are never lowered.
5. When no rule stands, a model trained on the shipped labelled texts reads the whole text
   (model.py); a confident model may also vote down a flag made only of weak matches.
"""

from __future__ import annotations

from dataclasses import replace

from app.text.classifier import TextClassifier
from app.text.risk import context
from app.text.risk.assessment import Cue, Evidence, RiskAssessment
from app.text.risk.model import (
    LABELLED,
    MIN_RECALL,
    SIGNALS,
    URGENT,
    VETO_MARGIN,
    VETO_MAX,
    VETO_MIN_WORDS,
    _vetoable_length,
    model_assessment,
    model_text,
    read_labelled,
    shipped_model,
    train_model,
    veto_cut,
)
from app.text.risk.rules import _rule_matches, cue, rule_assessment
from app.text.risk.signs import WarningSign, warning_signs
from app.text.risk.words import _FUZZY_TARGETS, _normalise, _normalise_token

__all__ = [
    "LABELLED",
    "MIN_RECALL",
    "SIGNALS",
    "URGENT",
    "VETO_MARGIN",
    "VETO_MAX",
    "VETO_MIN_WORDS",
    "_FUZZY_TARGETS",
    "Cue",
    "Evidence",
    "RiskAssessment",
    "WarningSign",
    "_normalise",
    "_normalise_token",
    "_rule_matches",
    "assess_risk",
    "assess_with",
    "model_assessment",
    "model_text",
    "read_labelled",
    "rule_assessment",
    "shipped_model",
    "train_model",
    "veto_cut",
    "warning_signs",
]


def assess_risk(text: str) -> RiskAssessment:
    """Which harm signals the text shows, with the words that showed them; urgent if any.

    The rules are read first, each match in its context; the model only when no rule
    stands and none was lowered by context, or to vote down a flag made only of weak
    matches when it is confident the text is not urgent.
    """
    return assess_with(text, shipped_model())


def assess_with(text: str, model: TextClassifier | None) -> RiskAssessment:
    """assess_risk with a given model (None: the rules alone)."""
    normalised, origin = _normalise(text)
    rules, weak = _rule_matches(text, normalised, origin)
    if model is None:
        return rules
    if rules.urgent:
        if weak and _vetoable_length(normalised) and URGENT in model.labels:
            veto_below = float(model.meta.get("veto_below", 0.0))
            probability = model.probabilities_one(normalised)[model.labels.index(URGENT)]
            if probability < veto_below:
                return RiskAssessment(urgent=False, signals=(), lowered=rules.evidence)
        return rules
    if rules.lowered:
        # The context has read these words and said why they are not a risk now; the
        # model, which reads words not context, is not asked to overrule it.
        return rules
    flagged = model_assessment(text, model, normalised)
    if flagged.urgent and (jokes := context.marked_joke(normalised)):
        cues = tuple(cue(text, origin, hit) for hit in jokes)
        lowered = tuple(replace(e, lowered_by=cues) for e in flagged.evidence)
        return RiskAssessment(urgent=False, signals=(), lowered=lowered)
    return flagged
