"""A family's item: its words are put together in one place, the same way for every reader."""

from app.items import text
from app.items.models import FamilyItem
from app.text import themes
from app.text.risk import assess_risk


def item(**fields: object) -> FamilyItem:
    base: dict[str, object] = {
        "description": "My son's worker shouted at him.",
        "desired_outcome": "An apology.",
        "contact_name": "Jo Example",
    }
    return FamilyItem(**{**base, **fields})


def test_text_of_is_the_description_then_the_outcome_a_line_apart() -> None:
    assert text.text_of(item()) == "My son's worker shouted at him.\nAn apology."
    assert text.text_of(item(desired_outcome=None)) == "My son's worker shouted at him."
    assert text.text_of(item(desired_outcome="")) == "My son's worker shouted at him."


def test_the_draft_journey_joins_words_as_an_item_does() -> None:
    words = item()
    assert text.join_words(words.description, words.desired_outcome) == text.text_of(words)


def test_words_of_leaves_out_what_the_family_did_not_write() -> None:
    assert text.words_of(item(desired_outcome=None)) == ("My son's worker shouted at him.",)


def test_known_names_are_the_names_the_family_gave() -> None:
    assert text.known_names(item()) == ("Jo Example",)
    assert text.known_names(item(contact_name=None)) == ()


def test_risk_and_themes_read_the_items_text() -> None:
    words = item(description="He hits me when mum is at work.")
    assert text.risk_of(words) == assess_risk(text.text_of(words))
    assert text.theme_suggestions(words) == themes.suggest(text.text_of(words))
    assert text.theme_reasons(words) == themes.explain(text.text_of(words))
