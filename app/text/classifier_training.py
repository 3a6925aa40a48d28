"""Training a TextClassifier (classifier.py), choosing each label's cut, and scoring it.

Each label's probability cut is chosen on folds the classifier did not see (by source,
when the examples come from several writers), so it carries over to unseen texts.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import scipy.sparse as sp

from app.text.classifier import (
    DECIMALS,
    DEFAULT_THRESHOLD,
    FOLDS,
    MIN_DF,
    MIN_POSITIVES,
    THRESHOLD_GRID,
    VECTORIZERS,
    C,
    Example,
    TextClassifier,
    _Vectorizer,
)


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 per code, and micro and macro over the codes."""

    per_code: dict[str, tuple[float, float, float]]
    micro: tuple[float, float, float]
    macro: tuple[float, float, float]


def read_examples(path: Path, source: str = "shipped") -> list[Example]:
    """Examples from a JSON Lines file of {"text", "themes"}."""
    examples = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row.get("text"), str) or not isinstance(row.get("themes"), list):
                raise ValueError(f"{path.name} line {number}: needs text and themes")
            examples.append(Example(row["text"], tuple(str(c) for c in row["themes"]), source))
    return examples


def data_hash(examples: Iterable[Example]) -> str:
    """SHA-256 of the training examples, in order: which data made a model."""
    digest = hashlib.sha256()
    for e in examples:
        digest.update(json.dumps([e.source, e.text, list(e.themes)]).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def train(
    examples: Sequence[Example],
    *,
    taxonomy: Sequence[str] = (),
    taxonomy_version: int = 1,
    now: datetime | None = None,
    version: int = 1,
    min_recall: Mapping[str, float] | None = None,
    folds_by_source: bool = False,
    choose_thresholds: bool = True,
    found: Mapping[str, Sequence[bool]] | None = None,
) -> TextClassifier:
    """Learn every code that has enough examples; taxonomy orders the labels it knows.

    Each code's probability cut is chosen on folds the classifier did not see: the best F1,
    or, for a code in min_recall, the highest cut that still finds that share of the
    code's examples (a detector that must not miss). folds_by_source holds out one
    Example.source at a time instead of random folds, so the cut is the one that carries
    over to texts written by someone else (needs two sources or more). With
    choose_thresholds=False only the min_recall codes are cut that way and the others
    stay at DEFAULT_THRESHOLD, which saves three fits per code. found marks, per code, the
    examples something else (rules) already catches: they count as found at every cut,
    so the model's cut is set by what is left; with folds_by_source the share must hold
    for every source.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [e.text for e in examples]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for e in examples:
        for code in set(e.themes):
            counts[code][e.source] += 1
    order = {code: i for i, code in enumerate(taxonomy)}
    candidates = sorted(counts, key=lambda c: (order.get(c, len(order)), c))
    labels, skipped = [], {}
    for code in candidates:
        positives = sum(counts[code].values())
        # Fewer and the folds that choose a threshold would lack a positive.
        if positives < MIN_POSITIVES or len(examples) - positives < MIN_POSITIVES:
            skipped[code] = positives
        else:
            labels.append(code)
    if not labels:
        raise ValueError(f"no theme has {MIN_POSITIVES} examples with and without it")

    fitted = []
    for name, spec in VECTORIZERS.items():
        vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=MIN_DF, **spec)
        vectorizer.fit(texts)
        vocabulary = vectorizer.vocabulary_
        terms = sorted(vocabulary, key=vocabulary.__getitem__)
        fitted.append(
            _Vectorizer(
                name, spec["analyzer"], spec["ngram_range"], terms, vectorizer.idf_.astype(float)
            )
        )
    # The stored precision, so the model trained here is exactly the one its file holds.
    for v in fitted:
        v.idf = np.round(v.idf, DECIMALS)
    import scipy.sparse as sp

    features = sp.hstack([v.transform(texts) for v in fitted], format="csr")
    targets = np.array([[code in e.themes for code in labels] for e in examples], dtype=int)

    coef = np.zeros((len(labels), features.shape[1]), dtype=np.float64)
    intercepts = np.zeros(len(labels), dtype=np.float64)
    thresholds = np.full(len(labels), DEFAULT_THRESHOLD)
    held_out: dict[str, npt.NDArray[np.float64]] = {}
    for j in range(len(labels)):
        classifier = LogisticRegression(C=C, class_weight="balanced", solver="liblinear")
        classifier.fit(features, targets[:, j])
        coef[j] = classifier.coef_[0]
        intercepts[j] = classifier.intercept_[0]
        if not choose_thresholds and labels[j] not in (min_recall or {}):
            continue
        held_out[labels[j]] = held_out_probabilities(
            features, targets[:, j], [e.source for e in examples] if folds_by_source else None
        )
        thresholds[j] = _threshold(
            held_out[labels[j]],
            targets[:, j],
            min_recall=(min_recall or {}).get(labels[j]),
            groups=[e.source for e in examples] if folds_by_source else None,
            found=(found or {}).get(labels[j]),
        )
    meta = {
        "model_version": version,
        "taxonomy_version": taxonomy_version,
        "trained_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "data_sha256": data_hash(examples),
        "training_counts": {
            "examples": dict(sorted(Counter(e.source for e in examples).items())),
            "per_code": {code: dict(sorted(counts[code].items())) for code in candidates},
            "not_learnt": skipped,
        },
        "settings": {
            "C": C,
            "min_df": MIN_DF,
            "min_positives": MIN_POSITIVES,
            **({"min_recall": dict(min_recall)} if min_recall else {}),
            **({"folds": "by source"} if folds_by_source else {}),
        },
    }
    return TextClassifier(
        labels,
        fitted,
        coef.round(DECIMALS),
        intercepts.round(DECIMALS),
        thresholds,
        meta,
        held_out,
    )


def held_out_probabilities(
    features: sp.csr_matrix, target: npt.NDArray[np.int_], groups: Sequence[str] | None = None
) -> npt.NDArray[np.float64]:
    """Each example's probability from a classifier trained without it: FOLDS stratified
    folds, or with groups one group held out at a time.

    Only the classifier is refitted per fold (the vocabulary and idf come from all the
    data), which keeps training around a second.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import LeaveOneGroupOut, StratifiedKFold

    held_out = np.zeros(len(target))
    if groups is not None and len(set(groups)) > 1:
        splits = LeaveOneGroupOut().split(features, target, list(groups))
    else:
        splits = StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(features, target)
    for seen, unseen in splits:
        if len(set(target[seen].tolist())) < 2:
            continue  # a group with one class cannot train a classifier: left at 0
        classifier = LogisticRegression(C=C, class_weight="balanced", solver="liblinear")
        classifier.fit(features[seen], target[seen])
        held_out[unseen] = classifier.predict_proba(features[unseen])[:, 1]
    return held_out


def _threshold(
    held_out: npt.NDArray[np.float64],
    target: npt.NDArray[np.int_],
    *,
    min_recall: float | None = None,
    groups: Sequence[str] | None = None,
    found: Sequence[bool] | None = None,
) -> float:
    """The probability cut with the best F1 on folds the classifier did not see, or the
    highest one keeping min_recall of the positives. Ties go to the cut nearest 0.5.
    held_out: held_out_probabilities() of the code's target."""
    positives = int(target.sum())
    if min_recall is not None:
        if found is not None:
            held_out = np.where(np.asarray(found, dtype=bool), 1.0, held_out)
        return recall_cut(held_out, target, min_recall, groups)
    best = max(
        THRESHOLD_GRID,
        key=lambda cut: (
            2
            * int(((held_out >= cut) & (target == 1)).sum())
            / (int((held_out >= cut).sum()) + positives),
            -abs(cut - DEFAULT_THRESHOLD),
        ),
    )
    return float(best)


def recall_cut(
    probabilities: npt.NDArray[np.float64],
    target: npt.NDArray[np.int_],
    min_recall: float,
    groups: Sequence[str] | None = None,
) -> float:
    """The highest cut (in steps of 0.01) at which probabilities find min_recall of the
    positives of target: of each group's positives, when groups are given."""
    labels = np.asarray(groups if groups is not None else [""] * len(target))
    parts = [(labels == g) & (target == 1) for g in sorted(set(labels.tolist()))]
    parts = [part for part in parts if part.any()]
    for cut in np.arange(0.99, 0.0, -0.01):
        above = probabilities >= cut
        if all(int((above & part).sum()) / int(part.sum()) >= min_recall for part in parts):
            return float(round(cut, 2))
    return 0.01


def score(
    gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]], codes: Sequence[str]
) -> Scores:
    """Precision, recall and F1 of predicted against gold, per code and over codes."""

    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    per_code: dict[str, tuple[float, float, float]] = {}
    totals = [0, 0, 0]
    for code in codes:
        tp = fp = fn = 0
        for g, p in zip(gold, predicted, strict=True):
            has, said = code in set(g), code in set(p)
            tp += has and said
            fp += said and not has
            fn += has and not said
        per_code[code] = prf(tp, fp, fn)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    macro = tuple(
        math.fsum(v[i] for v in per_code.values()) / max(len(per_code), 1) for i in range(3)
    )
    return Scores(per_code, prf(*totals), (macro[0], macro[1], macro[2]))
