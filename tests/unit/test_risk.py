"""The first-generation risk rules: they must catch how people really write."""

import pytest

from app.text.risk import assess_risk


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("My partner hits my son when he is drunk", "violence"),
        ("HE HIT ME AND MY LITTLE SISTER", "violence"),
        ("she has bruises on her arms again", "violence"),
        ("i want to kill myself", "self-harm-suicide"),
        ("sometimes i dont want to be alive anymore", "self-harm-suicide"),
        ("i wanna die", "self-harm-suicide"),
        ("kms", "self-harm-suicide"),
        ("my daughter is cutting herself", "self-harm-suicide"),
        ("the baby is left alone all night with no food", "neglect"),
        ("older men keep giving him money for drugs", "exploitation"),
        ("my son is involved in county lines", "exploitation"),
        ("she has gone missing since friday", "missing"),
        ("my daughter ran away last night", "missing"),
        ("he said he'd kill us if we told anyone", "threat"),
        ("he keeps a knife under the bed", "threat"),
        ("im scard, im not safe at home tonight", "immediate-danger"),
        ("my stepdad touched me and said not to tell", "sexual-abuse"),
    ],
)
def test_flags_risk_in_everyday_words(text: str, signal: str) -> None:
    result = assess_risk(text)
    assert result.urgent
    assert signal in result.signals


@pytest.mark.parametrize(
    "text",
    [
        "We have had four social workers in a year and nobody returns my calls.",
        "The assessment says things about us that are not true.",
        "Family time with my brother keeps getting cancelled.",
        "The report was missing pages and arrived late.",
        "",
    ],
)
def test_ordinary_complaints_are_not_urgent(text: str) -> None:
    result = assess_risk(text)
    assert not result.urgent
    assert result.signals == ()
