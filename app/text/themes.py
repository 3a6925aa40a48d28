"""Themes: the taxonomy of data/themes/THEMES.md (codes fixed), keyword rules and a
supervised model (a TextClassifier: app/text/classifier.py). A text carries a theme when the rules or the
model find it; both say why (the words a rule matched, the terms the model weighed most).

The model in use is the newest file in FV_MODEL_DIR (`familyvoice themes train` writes
one from the shipped examples and staff corrections). With none there, `familyvoice models
build` (run by `make install`) or else the first call trains one from the shipped examples
(about a second) and writes it if it can; one trained from shipped examples that have
changed since is trained again. A running app notices a newer file within RELOAD_SECONDS.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from app.config import ROOT
from app.text import artefacts, theme_model

TAXONOMY_VERSION = 1
# Two sources that ship: examples generated from phrase banks (make_examples.py) and
# examples written by hand by someone else, so the model learns more than one voice.
SHIPPED_EXAMPLES = (
    ROOT / "data" / "themes" / "train.jsonl",
    ROOT / "data" / "themes" / "written.jsonl",
)
HELD_OUT_EXAMPLES = ROOT / "data" / "themes" / "eval.jsonl"
RELOAD_SECONDS = 30.0


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    patterns: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "worker-changes",
        "Changes of worker",
        (
            r"\b(new|another|different|changed?|changing|fourth|third|fifth|many|so many) (social )?workers?\b",
            r"\b(agency|temporary|locum) (staff|workers?|social workers?)\b",
            r"\bworkers? (keeps?|kept) changing\b",
            r"\bhand(ed)? ?over\b",
            r"\bno (consistent|named) worker\b",
            r"\b\d+ (different )?social workers\b",
            r"\b(four|five|six|three) (different )?social workers\b",
        ),
    ),
    Theme(
        "not-listened-to",
        "Not listened to",
        (
            r"\bnot (being )?listened\b",
            r"\b(nobody|no one|no-one) (listens|listened)\b",
            r"\bignored\b",
            r"\bviews? (were|was)? ?not (recorded|written down|taken into account)\b",
            r"\bnot (invited|involved|included)\b",
            r"\bleft out of\b",
            r"\bdid(n't| not) listen\b",
            r"\bmy (views|voice|wishes)\b",
        ),
    ),
    Theme(
        "communication",
        "Communication",
        (
            r"\b(calls?|emails?|messages?) (are |were )?(not|never) (returned|answered)\b",
            r"\b(nobody|no one|never) (calls?|rings?|rang|called|returns?|replies|replied|gets? back)\b",
            r"\bnot (kept )?informed\b",
            r"\bno (reply|response|update|updates|information)\b",
            r"\binterpreter\b",
            r"\bnot told\b",
            r"\bno one told\b",
            r"\bcall(ed)? me back\b",
        ),
    ),
    Theme(
        "delays",
        "Delays",
        (
            r"\bdelays?\b",
            r"\bdelayed\b",
            r"\b(still )?waiting\b",
            r"\bmonths?\b.{0,20}\b(wait|later|nothing)\b",
            r"\b(slow|drift|drifting)\b",
            r"\btaking (so )?long\b",
            r"\btoo long\b",
        ),
    ),
    Theme(
        "face-to-face",
        "Face-to-face contact",
        (
            r"\b(never|hardly|rarely|not) (been )?(visited|seen)\b",
            r"\b(no|few|missed) (home )?visits?\b",
            r"\bonly (by )?(phone|video|teams|zoom)\b",
            r"\bnever met\b",
        ),
    ),
    Theme(
        "records-accuracy",
        "Accuracy of records",
        (
            r"\b(report|assessment|record|records|file|notes?)\b.{0,40}"
            r"\b(wrong|untrue|not true|false|inaccurate|incorrect|lies|errors?|mistakes?)\b",
            r"\b(wrong|untrue|inaccurate|incorrect|false)\b.{0,30}\b(report|assessment|record|records|file)\b",
            r"\bone-sided\b",
            r"\bnot what (i|we) said\b",
        ),
    ),
    Theme(
        "support-services",
        "Help and services",
        (
            r"\b(no|lack of|never got|didn't get|did not get) (help|support)\b",
            r"\bearly help\b",
            r"\b(respite|therapy|counselling|camhs|send|ehcp|short breaks)\b",
            r"\bfamily support\b",
            r"\bpassed (between|from one|around)\b",
            r"\bfinancial (help|support)\b",
        ),
    ),
    Theme(
        "attitude-respect",
        "Attitude and respect",
        (
            r"\b(rude|rudely|disrespectful|patronising|patronizing|condescending|arrogant)\b",
            r"\b(judged|blamed|threatened|disbelieved|not believed|shouted)\b",
            r"\bno empathy\b",
            r"\btreated (me|us) like\b",
            r"\bspoke(n)? down\b",
        ),
    ),
    Theme(
        "family-time",
        "Family time and contact",
        (
            r"\bfamily time\b",
            r"\bcontact (sessions?|visits?|with (my|our|her|his))\b",
            r"\b(cancelled|reduced|stopped)\b.{0,30}\b(contact|visits?|family time)\b",
            r"\bsupervised contact\b",
            r"\bsee (my|our) (son|daughter|children|kids|brother|sister|grandchildren)\b",
        ),
    ),
    Theme(
        "placements-care",
        "Care and placements",
        (
            r"\bplacements?\b",
            r"\bfoster (carers?|placement|home|care)\b",
            r"\bchildren'?s home\b",
            r"\bcare leavers?\b",
            r"\bleaving care\b",
            r"\bmoved (again|placements?|homes?)\b",
            r"\bin care\b",
        ),
    ),
    Theme(
        "safeguarding-practice",
        "Handling of risk",
        (
            r"\b(child protection|safeguarding|risk assessment|section 47|s47)\b",
            r"\b(removed|taken) (my|our|the) (children|child|kids|son|daughter)\b",
            r"\b(heavy[- ]handed|overreact\w*|too slow to act|didn't act|did not act)\b",
        ),
    ),
    Theme(
        "complaints-handling",
        "Complaints handling",
        (
            r"\b(complained|complaint|complaints)\b.{0,40}"
            r"\b(before|already|ignored|nothing|no response|went nowhere)\b",
            r"\bprevious (complaint|concern)s?\b",
            r"\bwent nowhere\b",
        ),
    ),
    Theme(
        "information-rights",
        "Information and privacy",
        (
            r"\b(access to|copy of|see) (my|our) (records|file|notes)\b",
            r"\bsubject access\b",
            r"\b(shared|told|gave)\b.{0,30}\b(without (my|our) (consent|permission))\b",
            r"\b(confidential\w*|privacy|data protection|gdpr)\b",
        ),
    ),
    Theme(
        "praise",
        "Praise",
        (
            r"\b(thank you|thanks|grateful|brilliant|fantastic|amazing|excellent|really helped"
            r"|so helpful|went above)\b",
            r"\b(best|great|lovely|kind) (social )?worker\b",
        ),
    ),
)
CODES = tuple(t.code for t in THEMES)
_COMPILED = tuple(
    (t.code, tuple(re.compile(p, re.IGNORECASE | re.DOTALL) for p in t.patterns)) for t in THEMES
)


# Standard logging, not structlog: unconfigured it writes to stderr, and the batch
# commands' stdout must hold nothing but their JSON Lines. Never any text a family wrote.
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Suggestion:
    code: str
    source: str  # "rules", "model" or "both"
    score: float  # the model's probability; 1.0 when only the rules found it
    why: tuple[str, ...]  # the words the rules matched, then the model's top terms


def rule_codes(text: str) -> list[str]:
    """The theme codes the rules alone find, in taxonomy order."""
    return [code for code, patterns in _COMPILED if any(p.search(text) for p in patterns)]


def rule_words(text: str) -> dict[str, list[str]]:
    """For each theme the rules find, the words that matched."""
    found: dict[str, list[str]] = {}
    for code, patterns in _COMPILED:
        hits = [m.group(0) for p in patterns for m in [p.search(text)] if m]
        if hits:
            found[code] = hits
    return found


def _ordered(codes: set[str]) -> list[str]:
    # Codes outside the taxonomy (learnt from staff later) follow it, alphabetically.
    return sorted(codes, key=lambda c: (CODES.index(c) if c in CODES else len(CODES), c))


def classify(text: str) -> list[str]:
    """The theme codes the text shows (rules or model), in taxonomy order."""
    return classify_with(current_model(), text)


def classify_with(model: theme_model.TextClassifier, text: str) -> list[str]:
    """classify(), with the given model rather than the one in use."""
    return _ordered(set(rule_codes(text)) | set(model.scored(text)))


def explain(text: str) -> dict[str, list[str]]:
    """For each theme found, why: the words the rules matched and the model's top terms."""
    return {s.code: list(s.why) for s in suggest(text)}


def suggest(text: str) -> list[Suggestion]:
    """Each theme found, where it came from, how sure the model is, and why."""
    words = rule_words(text)
    model = current_model()
    scored = model.scored(text)
    found = []
    for code in _ordered(set(words) | set(scored)):
        source = (
            "both" if code in words and code in scored else "rules" if code in words else "model"
        )
        terms = model.reasons(text, code) if code in scored else []
        why = list(dict.fromkeys([*words.get(code, []), *terms]))
        found.append(Suggestion(code, source, round(scored.get(code, 1.0), 3), tuple(why)))
    return found


# The model in use ------------------------------------------------------------------------

_lock = threading.Lock()
_model: theme_model.TextClassifier | None = None
_model_path: Path | None = None
_checked_at = 0.0


def current_model() -> theme_model.TextClassifier:
    """The newest model file's model, or one trained from the shipped examples."""
    global _model, _model_path, _checked_at
    if _model is not None and time.monotonic() - _checked_at < RELOAD_SECONDS:
        return _model
    with _lock:
        if _model is not None and time.monotonic() - _checked_at < RELOAD_SECONDS:
            return _model
        directory = model_directory()
        files = theme_model.model_files(directory)
        for _, path in reversed(files):
            if path == _model_path and _model is not None:
                break
            try:
                _model, _model_path = theme_model.load(path), path
                break
            except (OSError, theme_model.ModelFileError) as exc:
                log.warning("theme model %s unreadable: %s", path.name, str(exc)[:200])
        stale = _model is not None and _model.meta.get("shipped_sha256") not in (
            None,
            shipped_key(),
        )
        if _model is None or stale:
            # None yet, or the newest was trained from shipped examples that have changed
            # since: train from today's (a staff-trained model is never replaced here).
            _model = train_shipped()
            try:
                _model_path = _model.save(directory, new_version=stale)
            except OSError:
                log.warning("theme model not saved: %s is not writable", directory)
        _checked_at = time.monotonic()
        return _model


def model_directory() -> Path:
    """FV_MODEL_DIR (artefacts.model_directory)."""
    return artefacts.model_directory()


def shipped_examples() -> list[theme_model.Example]:
    """Every labelled example that ships with the project."""
    return [e for path in SHIPPED_EXAMPLES for e in theme_model.read_examples(path)]


def shipped_key() -> str:
    """The hash of what a model trained from the shipped examples is built from."""
    return artefacts.inputs_hash(
        [
            *SHIPPED_EXAMPLES,
            *artefacts.sources("app.text.classifier", "app.text.classifier_training"),
        ],
        ("scikit-learn", "numpy", "scipy"),
    )


def train_shipped() -> theme_model.TextClassifier:
    """A model from the examples that ship with the project (version 1), marked with the
    hash of what it was built from, so a change to them retrains it (current_model)."""
    model = theme_model.train(
        shipped_examples(),
        taxonomy=CODES,
        taxonomy_version=TAXONOMY_VERSION,
    )
    model.meta["shipped_sha256"] = shipped_key()
    return model


def forget_model() -> None:
    """Drop the cached model, so the next call reads the model directory again."""
    global _model, _model_path, _checked_at
    with _lock:
        _model, _model_path, _checked_at = None, None, 0.0
