"""The theme model: learns from examples, round-trips through its JSON file, explains itself."""

import json
import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from app.text import theme_model, themes
from app.text.theme_model import Example, ModelFileError, TextClassifier
from app.triage.training import training_text

TINY = [
    *(Example(f"the worker was rude to me {i}", ("attitude-respect",)) for i in range(8)),
    *(
        Example(f"she was so rude and disrespectful day {i}", ("attitude-respect",))
        for i in range(4)
    ),
    *(Example(f"we are still waiting after {i} months", ("delays",)) for i in range(8)),
    *(Example(f"waiting and waiting for weeks {i}", ("delays",)) for i in range(4)),
    *(Example(f"we went to the park on day {i}", ()) for i in range(8)),
    *(Example(f"the kids had a bath {i}", ()) for i in range(4)),
]
PROBES = [
    "The manager was rude",
    "still waiting for a decision",
    "a day in the park",
    "rude and still waiting",
    "",
]


@pytest.fixture(scope="module")
def tiny() -> TextClassifier:
    return theme_model.train(TINY, taxonomy=themes.CODES)


@pytest.fixture(scope="module")
def shipped() -> TextClassifier:
    return themes.train_shipped()


def test_training_on_a_tiny_set_learns_the_themes(tiny) -> None:
    assert tiny.labels == ["delays", "attitude-respect"]  # taxonomy order
    assert tiny.predict(["the receptionist was rude", "still waiting", "park"]) == [
        ["attitude-respect"],
        ["delays"],
        [],
    ]


def test_saving_and_loading_gives_identical_predictions(tiny, tmp_path) -> None:
    path = tiny.save(tmp_path)
    assert path is not None and path.name == "themes-v0001.json"
    loaded = theme_model.load(path)
    assert np.array_equal(loaded.probabilities(PROBES), tiny.probabilities(PROBES))
    assert loaded.predict(PROBES) == tiny.predict(PROBES)
    assert loaded.labels == tiny.labels
    assert loaded.meta["data_sha256"] == theme_model.data_hash(TINY)
    for text in PROBES:
        assert np.allclose(loaded.probabilities_one(text), tiny.probabilities([text])[0])


def test_each_training_is_a_new_version_and_nothing_is_overwritten(tiny, tmp_path) -> None:
    first = tiny.save(tmp_path)
    second = tiny.save(tmp_path)
    assert (first.name, second.name) == ("themes-v0001.json", "themes-v0002.json")
    assert theme_model.load(second).version == 2
    assert theme_model.latest_version(tmp_path) == 2
    tiny.meta["model_version"] = 1
    assert tiny.save(tmp_path, new_version=False) is None  # the existing file wins
    assert not list(tmp_path.glob(".themes-*"))  # no temporary file left behind


def test_the_file_is_json_with_one_line_per_feature_and_no_pickle(tiny, tmp_path) -> None:
    raw = tiny.save(tmp_path).read_bytes()
    assert raw.startswith(b"{") and not raw.startswith(b"\x80")
    data = json.loads(raw)
    features = sum(len(v.terms) for v in tiny.vectorizers)
    assert len(data["features"]) == features
    assert raw.count(b"\n") > features  # diffable: a line per feature
    assert data["model_version"] == 1 and data["taxonomy_version"] == 1
    assert data["training_counts"]["per_code"]["delays"] == {"shipped": 12}
    for key in ("labels", "intercepts", "thresholds", "vectorizers", "trained_at"):
        assert key in data


def test_loading_refuses_a_pickle_and_a_vectorizer_it_does_not_know(tiny, tmp_path) -> None:
    with pytest.raises(ModelFileError):
        TextClassifier.from_json(pickle.dumps(tiny.meta).decode("latin-1"))
    data = json.loads(tiny.to_json())
    data["vectorizers"][0]["analyzer"] = "os.system"
    with pytest.raises(ModelFileError):
        TextClassifier.from_dict(data)
    data = json.loads(tiny.to_json())
    data["thresholds"] = data["thresholds"][:1]
    with pytest.raises(ModelFileError):
        TextClassifier.from_dict(data)


def test_the_label_set_comes_from_the_data(tmp_path) -> None:
    extra = [Example(f"the taxi to contact never came {i}", ("transport",)) for i in range(6)]
    rare = [Example("a one-off", ("praise",))]
    model = theme_model.train([*TINY, *extra, *rare], taxonomy=themes.CODES)
    assert model.labels == ["delays", "attitude-respect", "transport"]
    assert model.meta["training_counts"]["not_learnt"] == {"praise": 1}
    assert model.predict(["the taxi never came"]) == [["transport"]]


def test_features_are_exactly_sklearns_tfidf(tiny) -> None:
    texts = [e.text for e in TINY]
    for ours in tiny.vectorizers:
        reference = TfidfVectorizer(
            analyzer=ours.analyzer, ngram_range=ours.ngram_range, sublinear_tf=True, min_df=2
        ).fit(texts)
        assert sorted(reference.vocabulary_) == sorted(ours.terms)
        order = [reference.vocabulary_[t] for t in ours.terms]
        expected = reference.transform(PROBES).toarray()[:, order]
        assert np.allclose(ours.transform(PROBES).toarray(), expected, atol=1e-6)


def test_explanations_name_terms_of_the_text(shipped) -> None:
    text = "nobdy lisens to my daughter and her views were ignored again"
    scored = shipped.scored(text)
    assert "not-listened-to" in scored
    reasons = shipped.reasons(text, "not-listened-to")
    assert reasons
    assert all(term in text.lower() for term in reasons)
    assert "the" not in reasons and "to" not in reasons


def test_misspellings_reach_the_theme_through_the_model(shipped) -> None:
    text = "the sw nevr returns my calls, i have emaild 5 times"
    assert "communication" in shipped.scored(text)


def test_a_redacted_staff_example_never_puts_a_name_in_the_vocabulary() -> None:
    names = ["Zyxqor Blenkinsop"]
    words = [
        "Zyxqor has had five social workers and nobody calls Zyxqor back",
        "Zyxqor Blenkinsop waited months, Zyxqor is still waiting",
    ]

    def vocabulary(texts: list[str]) -> set[str]:
        examples = [Example(t, ("worker-changes",), "staff") for t in texts]
        model = theme_model.train([*TINY, *examples, *examples], taxonomy=themes.CODES)
        return {term for v in model.vectorizers for term in v.terms}

    unredacted = vocabulary(words)
    assert "zyxqor" in unredacted and "yxq" in unredacted  # what redaction prevents
    redacted = vocabulary([training_text(t, None, names) for t in words])
    assert not {t for t in redacted if "zyx" in t or "xqo" in t or "blenk" in t}
    assert "name" in redacted  # the placeholder is what the model learns


def test_classify_is_rules_or_model_and_suggest_says_which(shipped, monkeypatch) -> None:
    monkeypatch.setattr(themes, "current_model", lambda: shipped)
    text = "Four different social workers. Also nobdy lisens to my daughter"
    found = {s.code: s for s in themes.suggest(text)}
    assert found["worker-changes"].source in {"rules", "both"}
    assert found["not-listened-to"].source == "model"
    assert 0.0 < found["not-listened-to"].score <= 1.0
    assert themes.classify(text) == [c for c in themes.CODES if c in found]
    assert themes.explain(text)["not-listened-to"] == list(found["not-listened-to"].why)


def test_the_app_trains_and_writes_a_model_on_first_use(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(themes, "model_directory", lambda: tmp_path)
    themes.forget_model()
    try:
        model = themes.current_model()
        assert [p.name for p in tmp_path.iterdir()] == ["themes-v0001.json"]
        assert themes.current_model() is model  # cached
        newer = theme_model.train(TINY, taxonomy=themes.CODES)
        newer.save(tmp_path)
        themes.forget_model()
        assert themes.current_model().labels == ["delays", "attitude-respect"]
    finally:
        themes.forget_model()
