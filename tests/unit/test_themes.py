"""Themes: the fixed codes, and rules that explain themselves."""

import pytest

from app.text.themes import CODES, classify, explain


def test_the_taxonomy_codes_are_exactly_those_of_themes_md() -> None:
    assert CODES == (
        "worker-changes",
        "not-listened-to",
        "communication",
        "delays",
        "face-to-face",
        "records-accuracy",
        "support-services",
        "attitude-respect",
        "family-time",
        "placements-care",
        "safeguarding-practice",
        "complaints-handling",
        "information-rights",
        "praise",
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We have had four different social workers in a year", "worker-changes"),
        ("Nobody listened to my daughter's views", "not-listened-to"),
        ("My calls are never returned", "communication"),
        ("We have been waiting months and nothing happens", "delays"),
        ("She has never visited us, only by phone", "face-to-face"),
        ("The assessment says things that are not true", "records-accuracy"),
        ("We never got any help with respite", "support-services"),
        ("The worker was rude and I felt judged", "attitude-respect"),
        ("Family time with my son keeps getting cancelled", "family-time"),
        ("He has moved placements three times", "placements-care"),
        ("They removed my children without warning", "safeguarding-practice"),
        ("I complained before and it went nowhere", "complaints-handling"),
        ("They shared my records without my consent", "information-rights"),
        ("Thank you, our worker was brilliant", "praise"),
    ],
)
def test_each_theme_is_recognised(text, code) -> None:
    assert code in classify(text)
    assert explain(text)[code]


def test_several_themes_at_once_and_none_for_plain_text() -> None:
    both = classify("Four different social workers and nobody calls me back")
    assert {"worker-changes", "communication"} <= set(both)
    assert classify("The weather was fine.") == []
