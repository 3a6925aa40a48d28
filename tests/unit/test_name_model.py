"""The learned name detector: it learns, it adds to the rules, it keeps kept words."""

from __future__ import annotations

from app.text import name_model
from app.text.name_model import Labelled, train
from app.text.redact import find_entities, redact, rule_names


def _labelled(text: str, *names: str) -> Labelled:
    spans = []
    for name in names:
        start = text.index(name)
        spans.append((start, start + len(name)))
    return Labelled(text, tuple(spans))


# A tiny set: an unknown word after "with", before "today", is a person; an unknown word
# after "the", before "was broken", is a thing.
TINY = [
    _labelled(f"i went to the park with {name} today and it was fine", name)
    for name in ("zorbek", "quillan", "marvek", "tolvin", "brexa", "yandril")
] + [
    _labelled(f"i went to the park and the {thing} was broken again")
    for thing in ("gleeb", "snorx", "trundle", "wibbet", "plonk", "zizzer")
]


def _probability(model: name_model.NameModel, text: str, word: str) -> float:
    tokens, marked = rule_names(text)
    index = next(i for i, t in enumerate(tokens) if t.key == word)
    return model.probability(name_model.features(text, tokens, marked, index))


def test_training_on_a_tiny_set_learns() -> None:
    model = train(TINY)
    person = "i went to the park with dravoth today and it was fine"
    thing = "i went to the park and the klemp was broken again"
    assert _probability(model, person, "dravoth") > 0.5
    assert _probability(model, thing, "klemp") < 0.5


def test_training_is_deterministic() -> None:
    assert train(TINY).weights == train(TINY).weights


def test_a_name_only_the_model_finds_is_redacted() -> None:
    # A lower-case name in no list and after no cue the rules know: theirs, not the rules'.
    text = "we left the meeting and zakariye was crying"
    rules = [text[e.start : e.end] for e in find_entities(text, learned=False)]
    assert "zakariye" not in rules
    model = name_model.shipped()
    tokens, marked = rule_names(text)
    found = [tokens[i].key for i in model.names(text, tokens, marked)]
    assert found == ["zakariye"]
    assert redact(text).redacted == "we left the meeting and [NAME] was crying"


def test_kept_words_stay() -> None:
    text = (
        "The Emergency Duty Team rang on Tuesday. We live in Warwick and CAMHS said in June "
        "it was too late. Grace period for the benefit ended. Holly bushes were cut back."
    )
    assert redact(text).redacted == text


def test_the_model_only_adds_to_the_rules() -> None:
    text = "My son Tyler-James and jade went to see Dr Okafor with Priya on Monday."
    rules = set(find_entities(text, learned=False))
    both = find_entities(text)
    covered = {i for e in both for i in range(e.start, e.end)}
    assert all(i in covered for e in rules for i in range(e.start, e.end))
