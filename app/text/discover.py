"""Possible new themes: topics in texts the taxonomy does not cover, for a manager to judge.

Unsupervised (TF-IDF, then non-negative matrix factorisation): each topic is a set of
words that tend to occur together, with a few short examples. These are suggestions
for a person to read, never themes: nothing here tags a case or changes the taxonomy.

What a manager sees comes from redacted text only. Every text is redacted whole
(app.text.redact, with the names the family gave) before anything else, so names,
addresses and numbers never reach the vocabulary, the top words or the examples;
redacting whole texts rather than cut snippets keeps the cues ("my son ...") that
find names. Words must also appear in several texts to count, and a topic must
cover several texts to be shown, so nothing shown is one family's alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from app.text.redact import redact

MIN_TEXTS = 20
"""Below this, topics are noise: the page says there are too few texts instead."""
MIN_TOPIC_TEXTS = 3
"""A topic drawn from fewer texts is not shown: it would be about one or two families."""
MAX_TOPICS = 5
SNIPPET_CHARS = 200

# Words every concern uses, or that only frame a message: as topic words they would
# say nothing about what is new.
_FRAMING = frozenset(
    {
        "just",
        "said",
        "told",
        "like",
        "really",
        "got",
        "get",
        "did",
        "does",
        "don",
        "didn",
        "doesn",
        "want",
        "know",
        "dear",
        "hello",
        "regards",
        "sincerely",
        "thanks",
    }
)


@cache
def stop_words() -> list[str]:
    """scikit-learn's English stop words and the framing words above. Imported here, not
    at the top: the app imports this module at start and needs scikit-learn only to
    suggest topics (importing it costs seconds)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sorted(ENGLISH_STOP_WORDS | _FRAMING)


# What redaction put in place of personal data ("[NAME]", "[PHONE]"): not words the
# family used, so left out of the topics (the examples keep them, to read naturally).
_PLACEHOLDER = re.compile(r"\[[A-Z_]+\]")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True)
class Document:
    text: str
    known_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    words: tuple[str, ...]
    examples: tuple[str, ...]  # redacted snippets
    texts: int  # how many texts are mostly about this topic
    sources: tuple[int, ...]  # each example's index in the documents given


@dataclass(frozen=True)
class Discovery:
    texts: int
    topics: tuple[Topic, ...]

    @property
    def enough(self) -> bool:
        return self.texts >= MIN_TEXTS


def _snippet(text: str, words: Sequence[str]) -> str:
    """The sentence that uses most of the topic's words, cut to a readable length."""
    sentences: list[str] = [str(s).strip() for s in _SENTENCE.findall(text) if str(s).strip()]
    sentences = sentences or [text.strip()]
    wanted = set(words)

    def score(sentence: str) -> int:
        return len(wanted & set(re.findall(r"[a-z]+", sentence.lower())))

    best = max(sentences, key=score)
    if len(best) <= SNIPPET_CHARS:
        return best
    cut = best[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def suggest_topics(
    documents: Sequence[Document],
    *,
    max_topics: int = MAX_TOPICS,
    top_words: int = 8,
    examples: int = 3,
) -> Discovery:
    """Up to max_topics candidate topics in documents; none when there are too few texts."""
    kept = [(i, d) for i, d in enumerate(documents) if d.text.strip()]
    redacted = [redact(d.text, d.known_names).redacted for _, d in kept]
    if len(redacted) < MIN_TEXTS:
        return Discovery(len(redacted), ())
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        stop_words=stop_words(),
        # Letters only: digits are dates, times and sums, never a theme.
        token_pattern=r"(?u)\b[a-zA-Z]{3,}\b",  # noqa: S106  (a regex, not a secret)
        min_df=MIN_TOPIC_TEXTS,
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform([_PLACEHOLDER.sub(" ", text) for text in redacted])
    except ValueError:  # no word left in enough texts: nothing in common to suggest
        return Discovery(len(redacted), ())
    vocabulary = vectorizer.get_feature_names_out()
    n_topics = max(1, min(max_topics, len(redacted) // 10, len(vocabulary) - 1))
    # nndsvd starts from the data, not at random: the same texts give the same topics.
    model = NMF(n_components=n_topics, init="nndsvd", max_iter=400, random_state=0)
    weights = model.fit_transform(matrix)
    dominant = weights.argmax(axis=1)
    topics: list[Topic] = []
    for k, component in enumerate(model.components_):
        members = [int(i) for i in np.flatnonzero(dominant == k) if weights[i, k] > 0]
        if len(members) < MIN_TOPIC_TEXTS:
            continue
        words = tuple(str(vocabulary[j]) for j in component.argsort()[::-1][:top_words])
        members.sort(key=lambda i: -weights[i, k])
        snippets: list[str] = []
        sources: list[int] = []
        for i in members:
            snippet = _snippet(redacted[i], words)
            if snippet not in snippets:
                snippets.append(snippet)
                sources.append(kept[i][0])
            if len(snippets) == examples:
                break
        topics.append(Topic(words, tuple(snippets), len(members), tuple(sources)))
    topics.sort(key=lambda t: -t.texts)
    return Discovery(len(redacted), tuple(topics))
