"""A general text classifier: TF-IDF features and one linear classifier per label.

Used twice: themes (app/text/themes.py, one label per theme code) and risk
(app/text/risk/model.py, "urgent" and one label per harm signal). Trained with scikit-learn
(classifier_training.py: TfidfVectorizer for words and word pairs, and for character
2-4-grams inside words, which carry misspellings and text-speak to the right label;
LogisticRegression per label, classes balanced).

Stored as JSON, never as a pickle: loading parses numbers and strings and runs no code.
The file is diffable: metadata first, then one line per feature (vectorizer, term, idf,
one weight per label). Its format name is "familyvoice-theme-model", as it was when themes
were its only use: files written before the rename load unchanged. Theme models are saved
as themes-vNNNN.json, numbered one above the highest in the directory; the newest is the
one in use. The risk model is stored by app/text/artefacts.py.

Explainable: a label's score is the sum over the text's features of tf-idf × weight, so
the features that add most are the reasons. Character n-grams are reported as the words
of the text that contain them.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import scipy.sparse as sp

FORMAT = "familyvoice-theme-model"
FORMAT_VERSION = 1
FILE_PATTERN = re.compile(r"^themes-v(\d{4,})\.json$")
# A code needs this many positive examples (and as many negatives) to be learnt.
MIN_POSITIVES = 5
# Features seen in a single text are left out of the vocabulary: a word only one family
# wrote (a name the redaction missed, say) never reaches the model file.
MIN_DF = 2
# The vectorizers, as TfidfVectorizer keyword arguments. Only these keys are read back
# from a file, and only as plain values.
VECTORIZERS: dict[str, dict[str, Any]] = {
    "word": {"analyzer": "word", "ngram_range": (1, 2)},
    "char": {"analyzer": "char_wb", "ngram_range": (2, 4)},
}
C = 4.0  # inverse regularisation of each classifier (chosen on held-out paraphrases)
DEFAULT_THRESHOLD = 0.5
THRESHOLD_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))  # 0.2 .. 0.8
FOLDS = 3
DECIMALS = 6  # stored precision; the model in memory is always the one the file holds


@cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


class ModelFileError(ValueError):
    """The file is not a classifier model this code can read."""


@dataclass(frozen=True)
class Example:
    text: str
    themes: tuple[str, ...]
    source: str = "shipped"  # "shipped" (data/themes) or "staff" (case corrections)


@dataclass
class _Vectorizer:
    name: str
    analyzer: str
    ngram_range: tuple[int, int]
    terms: list[str]
    idf: npt.NDArray[np.float64]
    counter: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from sklearn.feature_extraction.text import CountVectorizer

        # sklearn's own tokenising and n-grams over the stored vocabulary. The tf-idf
        # weighting is applied in transform(): TfidfTransformer re-validates its input
        # on every call, ten times the cost of the arithmetic for one text.
        self.counter = CountVectorizer(
            analyzer=self.analyzer,
            ngram_range=self.ngram_range,
            vocabulary={t: i for i, t in enumerate(self.terms)},
            dtype=np.float64,
        )
        self.counter._validate_vocabulary()

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Sublinear tf × idf, each row scaled to unit length: TfidfVectorizer's output."""
        counts = self.counter.transform(texts).tocsr()
        counts.data = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        counts.data /= np.repeat(norms, np.diff(counts.indptr))
        return counts

    def transform_one(self, text: str) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]:
        """transform() of a single text as (feature indices, values), without scipy's
        per-matrix checks: the app scores one text at a time."""
        counts = self.counter.transform((text,))
        values = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        norm = math.sqrt(float(values @ values))
        return counts.indices, (values / norm if norm else values)


@dataclass
class TextClassifier:
    """A trained model, as its file holds it."""

    labels: list[str]
    vectorizers: list[_Vectorizer]
    coef: npt.NDArray[np.float64]  # labels × features
    intercepts: npt.NDArray[np.float64]
    thresholds: npt.NDArray[np.float64]
    meta: dict[str, Any]
    # Per label whose cut was chosen: each example's probability from folds that did not
    # see it. Kept from training for callers that need them again (never in the file).
    held_out: dict[str, npt.NDArray[np.float64]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def version(self) -> int:
        return int(self.meta["model_version"])

    def features(self, texts: Sequence[str]) -> sp.csr_matrix:
        import scipy.sparse as sp

        return sp.hstack([v.transform(texts) for v in self.vectorizers], format="csr")

    def probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """texts × labels: the chance each text carries each theme."""
        logits = np.asarray(self.features(texts) @ self.coef.T) + self.intercepts
        result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-logits))
        return result

    def probabilities_one(self, text: str) -> npt.NDArray[np.float64]:
        """probabilities([text])[0], by gathering the text's weight columns."""
        logits = self.intercepts.copy()
        offset = 0
        for vectorizer in self.vectorizers:
            indices, values = vectorizer.transform_one(text)
            logits += self.coef[:, indices + offset] @ values
            offset += len(vectorizer.terms)
        result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-logits))
        return result

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        """The codes each text carries, in label order."""
        above = self.probabilities(texts) >= self.thresholds
        return [[self.labels[j] for j in np.flatnonzero(row)] for row in above]

    def scored(self, text: str) -> dict[str, float]:
        """Every code the model finds in text, with its probability."""
        probs = self.probabilities_one(text)
        return {self.labels[j]: float(probs[j]) for j in np.flatnonzero(probs >= self.thresholds)}

    def reasons(self, text: str, code: str, top: int = 5) -> list[str]:
        """The terms of text that count most towards code, strongest first."""
        j = self.labels.index(code)
        weight: dict[str, float] = defaultdict(float)
        words = re.sub(r"\s\s+", " ", text.lower()).split()
        # char_wb n-grams are padded with a space at word edges: which words hold each
        # n-gram, found once per text rather than once per feature.
        sizes = {
            n
            for v in self.vectorizers
            if v.analyzer != "word"
            for n in range(v.ngram_range[0], v.ngram_range[1] + 1)
        }
        holding: dict[str, list[str]] = defaultdict(list)
        for w in words:
            padded = f" {w} "
            grams = {padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)}
            for gram in grams:
                holding[gram].append(w)
        for vectorizer, row in zip(
            self.vectorizers, (v.transform([text]) for v in self.vectorizers), strict=True
        ):
            offset = self._offset(vectorizer)
            for index, value in zip(row.indices, row.data, strict=True):
                contribution = float(value * self.coef[j, offset + index])
                if contribution <= 0:
                    continue
                term = vectorizer.terms[index]
                if vectorizer.analyzer == "word":
                    weight[term] += contribution
                    continue
                holders = holding.get(term, [])
                if not holders:
                    continue
                for w in holders:
                    weight[w.strip(".,;:!?()\"'")] += contribution / len(holders)
        # Words like "the" and "me" do add to a score, but explain nothing to a reader.
        ranked = sorted(weight.items(), key=lambda item: (-item[1], item[0]))
        return [term for term, _ in ranked if term and term not in _stop_words()][:top]

    def _offset(self, vectorizer: _Vectorizer) -> int:
        offset = 0
        for v in self.vectorizers:
            if v is vectorizer:
                return offset
            offset += len(v.terms)
        raise ValueError(vectorizer.name)

    # The file ---------------------------------------------------------------------------

    def to_json(self) -> str:
        """The model as diffable JSON: metadata, then one line per feature."""
        header = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            **self.meta,
            "labels": self.labels,
            "intercepts": [round(float(x), DECIMALS) for x in self.intercepts],
            "thresholds": [round(float(x), DECIMALS) for x in self.thresholds],
            "vectorizers": [
                {"name": v.name, "analyzer": v.analyzer, "ngram_range": list(v.ngram_range)}
                for v in self.vectorizers
            ],
            "features": "@FEATURES@",
        }
        rows: list[str] = []
        column = 0
        for v in self.vectorizers:
            for i, term in enumerate(v.terms):
                weights = [round(float(x), DECIMALS) for x in self.coef[:, column]]
                rows.append(json.dumps([v.name, term, round(float(v.idf[i]), DECIMALS), weights]))
                column += 1
        text = json.dumps(header, indent=1, ensure_ascii=False)
        return text.replace('"@FEATURES@"', "[\n" + ",\n".join(rows) + "\n]") + "\n"

    @classmethod
    def from_json(cls, text: str) -> TextClassifier:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ModelFileError(f"not JSON: {exc}") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> TextClassifier:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelFileError("not a theme model file")
        if data.get("format_version") != FORMAT_VERSION:
            raise ModelFileError(f"format version {data.get('format_version')} is not supported")
        try:
            labels = [str(x) for x in data["labels"]]
            n = len(labels)
            specs = [
                (str(v["name"]), str(v["analyzer"]), tuple(int(x) for x in v["ngram_range"]))
                for v in data["vectorizers"]
            ]
            terms: dict[str, list[str]] = {name: [] for name, _, _ in specs}
            idfs: dict[str, list[float]] = {name: [] for name, _, _ in specs}
            columns: list[list[float]] = []
            for name, term, idf, weights in data["features"]:
                terms[name].append(str(term))
                idfs[name].append(float(idf))
                columns.append([float(w) for w in weights])
            coef = np.array(columns, dtype=np.float64).reshape(len(columns), n).T.copy()
            intercepts = np.array([float(x) for x in data["intercepts"]], dtype=np.float64)
            thresholds = np.array([float(x) for x in data["thresholds"]], dtype=np.float64)
            meta = {
                key: data[key]
                for key in data
                if key
                not in {"format", "format_version", "labels", "intercepts", "thresholds"}
                | {"vectorizers", "features"}
            }
            int(meta["model_version"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFileError(f"malformed model file: {exc!r}") from None
        if intercepts.shape != (n,) or thresholds.shape != (n,):
            raise ModelFileError("one intercept and one threshold per label")
        allowed = {(spec["analyzer"], spec["ngram_range"]) for spec in VECTORIZERS.values()}
        vectorizers = []
        for name, analyzer, ngram_range in specs:
            if (analyzer, ngram_range) not in allowed or len(ngram_range) != 2:
                raise ModelFileError(f"unknown vectorizer {analyzer} {ngram_range}")
            vectorizers.append(
                _Vectorizer(
                    name,
                    analyzer,
                    (ngram_range[0], ngram_range[1]),
                    terms[name],
                    np.array(idfs[name], dtype=np.float64),
                )
            )
        return cls(labels, vectorizers, coef, intercepts, thresholds, meta)

    def save(self, directory: Path, *, new_version: bool = True) -> Path | None:
        """Write the model as the next version in directory; never overwrites a file.

        Written to a temporary file first and then linked into place, so a reader never
        sees half a file and two trainings at once never share a number. With
        new_version=False the version stays as it is and an existing file wins (None).
        """
        directory.mkdir(parents=True, exist_ok=True)
        while True:
            if new_version:
                self.meta["model_version"] = latest_version(directory) + 1
            target = directory / f"themes-v{self.version:04d}.json"
            fd, temp = tempfile.mkstemp(dir=directory, prefix=".themes-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    out.write(self.to_json())
                os.chmod(temp, 0o644)  # mkstemp's 0600 would hide it from the app's user
                os.link(temp, target)
                return target
            except FileExistsError:
                if not new_version:
                    return None
            finally:
                os.unlink(temp)


def model_files(directory: Path) -> list[tuple[int, Path]]:
    """The model files in directory, oldest version first."""
    if not directory.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in directory.iterdir() if (m := FILE_PATTERN.match(p.name))]
    return sorted(found)


def latest_version(directory: Path) -> int:
    files = model_files(directory)
    return files[-1][0] if files else 0


def load(path: Path) -> TextClassifier:
    return TextClassifier.from_json(path.read_text(encoding="utf-8"))
