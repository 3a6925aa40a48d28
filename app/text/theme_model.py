"""The theme model is a TextClassifier (classifier.py) trained on theme examples.

Its callers (the `themes train` command, staff corrections as examples) train, score and
read it by these names; the class and its file format are the classifier's.
"""

from __future__ import annotations

from app.text.classifier import (
    Example,
    ModelFileError,
    TextClassifier,
    latest_version,
    load,
    model_files,
)
from app.text.classifier_training import Scores, data_hash, read_examples, recall_cut, score, train

__all__ = [
    "Example",
    "ModelFileError",
    "Scores",
    "TextClassifier",
    "data_hash",
    "latest_version",
    "load",
    "model_files",
    "read_examples",
    "recall_cut",
    "score",
    "train",
]
