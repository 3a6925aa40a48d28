"""The supervised part: a classifier for what the rules miss, and its veto of weak flags."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from app.config import ROOT
from app.text import artefacts, classifier_training
from app.text.classifier import Example, TextClassifier
from app.text.risk.assessment import Evidence, RiskAssessment
from app.text.risk.patterns import _SIGNALS
from app.text.risk.rules import _rule_matches
from app.text.risk.words import _normalise

# --- the supervised part ---------------------------------------------------------------
# Rules are phrased the way their author writes; other people describe the same harm in
# words no rule lists ("👊🏻 every nite from him", "he took the dog lead"). A classifier
# trained on every labelled text that ships with the project (classifier: TF-IDF over
# words, word pairs and character n-grams, logistic regression) reads the wording as a
# whole. A text is urgent when a rule fires or the model's probability reaches its cut.
LABELLED: tuple[Path, ...] = (
    ROOT / "data" / "risk" / "dev.jsonl",
    ROOT / "data" / "risk" / "eval.jsonl",
    ROOT / "data" / "dev2" / "risk.jsonl",
    ROOT / "data" / "dev3" / "risk.jsonl",
    ROOT / "data" / "dev6" / "risk.jsonl",
    ROOT / "data" / "dev7" / "risk.jsonl",
    ROOT / "data" / "dev8" / "risk.jsonl",
    ROOT / "data" / "dev9" / "risk.jsonl",
)
URGENT = "urgent"
SIGNALS: tuple[str, ...] = tuple(_SIGNALS)
# The model's cut is the highest at which rules and model together still find this share
# of each writer's urgent texts, the model scoring each writer's texts after training on
# the others' only (where the rules were written from one writer's texts, that writer's
# share is the rules' 100%, and the cut is set by the other writers).
# 0.96 since dev8 and dev9 (issue 16, second round): with seven writers, and rules that now
# catch most of the new two, 0.95 let the cut rise from about 0.70 to 0.79 and the model
# missed urgent texts on earlier writers held out (data/dev3, dev6, dev7) that it had
# caught; 0.96 keeps it near 0.75 (0.97 added plain false alarms on data/risk and dev3).
MIN_RECALL = 0.96
# A rule flag made only of weak matches (a bare harm word, or a harm dated or framed as
# a record: see _rule_matches) may be voted down by the model, never a protected one. The
# model must have a whole text to read (short texts with a bare "in danger" or "county
# lines" are mostly urgent and the model scores them poorly), and its probability must
# be under VETO_MARGIN times the lowest that any urgent text caught only by weak rules
# got when its writer was held out, and never above VETO_MAX.
VETO_MIN_WORDS = 10
VETO_MARGIN = 0.75
VETO_MAX = 0.2
# The model is trusted only with a few words to read: a greeting or a bare "ok" carries
# too little to score, and an empty text would get the classifier's prior.
_MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
# A sentence, for the model's evidence: up to a full stop, ? ! or a line break.
_SENTENCE = re.compile(r"[^.!?\n]*[^.!?\n\s][^.!?\n]*[.!?]*")


def model_text(text: str) -> str:
    """What the model reads: the rules' normalised text, so text-speak and misspellings
    ("kms", "sucide") reach it in the plain words it was trained on."""
    return _normalise(text)[0]


def read_labelled(path: Path) -> list[Example]:
    """A labelled risk file as model examples: its signals, plus "urgent" when urgent;
    the source is the file, so thresholds can be chosen one writer held out at a time."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels = (*row["signals"], URGENT) if row["urgent"] else ()
            examples.append(Example(row["text"], tuple(labels), path.parent.name))
    return examples


def train_model(examples: Sequence[Example]) -> TextClassifier:
    """The urgent/signal model from labelled examples (their texts as written).

    Its meta["veto_below"] is the probability under which the model may vote down a
    rule flag whose matches are all weak (see veto_cut); 0 when it may not."""
    writers = len({e.source for e in examples})
    # With a single writer the rules may have been written from those very texts, so
    # they earn no credit: the model alone must then reach MIN_RECALL on unseen folds.
    rules = [_rule_matches(e.text, *_normalise(e.text)) for e in examples]
    caught = [assessment.urgent for assessment, _ in rules] if writers > 1 else None
    texts = [model_text(e.text) for e in examples]
    model = classifier_training.train(
        [Example(t, e.themes, e.source) for t, e in zip(texts, examples, strict=True)],
        taxonomy=(URGENT, *SIGNALS),
        min_recall={URGENT: MIN_RECALL},
        found={URGENT: caught} if caught else None,
        folds_by_source=writers > 1,
        # The signal classifiers only name the likeliest harm; their cuts go unused.
        choose_thresholds=False,
    )
    vetoable = [
        URGENT in e.themes and assessment.urgent and weak and _vetoable_length(t)
        for e, t, (assessment, weak) in zip(examples, texts, rules, strict=True)
    ]
    cut = 0.0
    if writers > 1 and URGENT in model.labels and any(vetoable):
        # The same folds (one writer held out) training used to cut URGENT: reused, not refitted.
        held_out = model.held_out[URGENT]
        cut = veto_cut(held_out[np.asarray(vetoable, dtype=bool)])
    model.meta["veto_below"] = cut
    return model


def veto_cut(urgent_probabilities: npt.NDArray[np.float64]) -> float:
    """The probability under which the model may vote down a weak rule flag: a margin
    below the lowest score any urgent text that only weak rules caught got from a model
    that had not seen its writer, so none of them would have been voted down."""
    if not len(urgent_probabilities):
        return 0.0
    return float(min(VETO_MAX, VETO_MARGIN * float(urgent_probabilities.min())))


def _vetoable_length(normalised: str) -> bool:
    return len(_WORD.findall(normalised)) >= VETO_MIN_WORDS


_model_lock = threading.Lock()


# What the shipped model is built from: its key in the model directory (artefacts.py).
_SOURCES = ("app.text.risk", "app.text.classifier", "app.text.classifier_training")
_PACKAGES = ("scikit-learn", "numpy", "scipy", "rapidfuzz")


def _build_shipped() -> dict[str, object]:
    examples = [e for path in LABELLED if path.exists() for e in read_labelled(path)]
    if not any(URGENT in e.themes for e in examples) or all(URGENT in e.themes for e in examples):
        return {"classifier": None}  # nothing to learn from: the rules stand alone
    return {"classifier": json.loads(train_model(examples).to_json())}


@lru_cache(maxsize=1)
def _shipped_model() -> TextClassifier | None:
    stored = artefacts.load_or_build(
        artefacts.model_directory(),
        "risk-model",
        [*LABELLED, *artefacts.sources(*_SOURCES)],
        _PACKAGES,
        _build_shipped,
    )
    data = stored.get("classifier")
    return None if data is None else TextClassifier.from_dict(data)


def shipped_model() -> TextClassifier | None:
    """The model trained from the shipped labelled files: built once into the model
    directory (`familyvoice models build`, or the first use), then loaded from there."""
    with _model_lock:
        return _shipped_model()


def model_assessment(
    text: str, model: TextClassifier, normalised: str | None = None
) -> RiskAssessment:
    """What the model alone sees in text: one signal (the likeliest), shown by the
    sentence the model finds most urgent and the terms that weigh most."""
    normalised = model_text(text) if normalised is None else normalised
    if len(_WORD.findall(normalised)) < _MIN_WORDS or URGENT not in model.labels:
        return RiskAssessment(urgent=False, signals=())
    urgent = model.labels.index(URGENT)
    probabilities = model.probabilities_one(normalised)
    if probabilities[urgent] < model.thresholds[urgent]:
        return RiskAssessment(urgent=False, signals=())
    named = [(probabilities[j], label) for j, label in enumerate(model.labels) if label in SIGNALS]
    signal = max(named)[1] if named else "immediate-danger"
    sentences = [m.span() for m in _SENTENCE.finditer(text)] or [(0, len(text))]
    # Scored together: one vectorizer pass for all the sentences.
    scores = model.probabilities([model_text(text[a:b]) for a, b in sentences])[:, urgent]
    start, end = sentences[int(np.argmax(scores))]
    while start < end and text[start].isspace():
        start += 1
    terms = tuple(model.reasons(normalised, URGENT, top=5))
    evidence = Evidence(signal, text[start:end], start, end, terms)
    return RiskAssessment(urgent=True, signals=(signal,), evidence=(evidence,))
