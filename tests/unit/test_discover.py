"""Possible new themes: topics found in texts, shown only through redaction, never from too few."""

from __future__ import annotations

import random

from app.text import discover
from app.text.discover import MIN_TEXTS, Document, suggest_topics

TRANSPORT = [
    "The school taxi did not come again and my child missed lessons.",
    "Home to school transport was cancelled without notice.",
    "Nobody from the transport team answers about the taxi.",
    "The bus pass for school stopped and transport never replied.",
    "The taxi driver left my child at the wrong school gate.",
]
HOUSING = [
    "We were moved to temporary housing miles away from family.",
    "The flat is damp and mouldy and the housing officer does nothing.",
    "Housing placed us in a hostel with mould on every wall.",
    "The landlord evicted us and housing said it was not their problem.",
    "Temporary accommodation is one room for four of us, the damp is awful.",
]


def corpus(n: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        pool = TRANSPORT if i % 2 else HOUSING
        docs.append(
            Document(
                " ".join(rng.sample(pool, 2))
                + " Please call Mrs Okonkwo-Reilly on 07700 900 4"
                + f"{i:02d}.",
                ("Adaeze Okonkwo-Reilly",),
            )
        )
    return docs


def test_too_few_texts_say_nothing() -> None:
    found = suggest_topics(corpus(MIN_TEXTS - 1))
    assert found.texts == MIN_TEXTS - 1
    assert not found.enough
    assert found.topics == ()


def test_blank_texts_are_not_counted() -> None:
    docs = [*corpus(MIN_TEXTS - 1), Document("   "), Document("")]
    assert suggest_topics(docs).texts == MIN_TEXTS - 1


def test_two_planted_subjects_come_out_in_separate_topics() -> None:
    transport_words = {"taxi", "transport", "school", "bus"}
    housing_words = {"housing", "damp", "mould", "mouldy", "temporary", "hostel", "landlord"}
    found = suggest_topics(corpus(60))
    assert found.enough and found.texts == 60
    subjects = []
    for topic in found.topics:
        top = set(topic.words[:4])
        assert not (top & transport_words and top & housing_words), topic.words
        subjects.append("transport" if top & transport_words else "housing")
    assert {"transport", "housing"} <= set(subjects)
    assert len(found.topics) <= discover.MAX_TOPICS
    assert all(len(t.examples) <= 3 for t in found.topics)
    assert all(t.texts >= discover.MIN_TOPIC_TEXTS for t in found.topics)


def test_nothing_personal_reaches_the_words_or_the_examples() -> None:
    found = suggest_topics(corpus(40))
    assert found.topics
    shown = " ".join(w for t in found.topics for w in t.words) + " ".join(
        e for t in found.topics for e in t.examples
    )
    for personal in ("okonkwo", "reilly", "adaeze", "07700", "900"):
        assert personal not in shown.lower()
    # Placeholders are not topic words, though the examples keep them to read naturally.
    assert not {"name", "phone"} & {w for t in found.topics for w in t.words}


def test_examples_are_short_redacted_sentences_from_the_topic() -> None:
    docs = corpus(40)
    found = suggest_topics(docs)
    for topic in found.topics:
        assert len(topic.sources) == len(topic.examples)
        for example, source in zip(topic.examples, topic.sources, strict=True):
            assert len(example) <= discover.SNIPPET_CHARS + 1
            assert example in discover.redact(docs[source].text, docs[source].known_names).redacted


def test_sources_point_at_the_documents_given_even_past_blank_ones() -> None:
    docs = [Document(""), *corpus(30)]
    found = suggest_topics(docs)
    for topic in found.topics:
        assert 0 not in topic.sources
        for example, source in zip(topic.examples, topic.sources, strict=True):
            assert example in discover.redact(docs[source].text, docs[source].known_names).redacted


def test_a_subject_only_two_families_raised_is_not_shown() -> None:
    docs = [
        *corpus(30),
        Document("The trampoline at the contact centre collapsed under the trampoline frame."),
        Document("A trampoline accident at the contact centre was never reported."),
    ]
    found = suggest_topics(docs)
    assert "trampoline" not in {w for t in found.topics for w in t.words}


def test_the_same_texts_give_the_same_topics() -> None:
    assert suggest_topics(corpus(50)) == suggest_topics(corpus(50))
