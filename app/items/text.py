"""The one place a family's words are put together, and what the text engines read of them.

Risk and themes read the same text from the same words: a concern's description, then
what the family would like to happen, one line apart.
"""

from __future__ import annotations

from app.items.models import FamilyItem
from app.text import themes
from app.text.risk import RiskAssessment, assess_risk


def join_words(description: str | None, desired_outcome: str | None) -> str:
    """The family's words as one text; used before an item exists (the web journey's draft)."""
    return "\n".join(filter(None, (description, desired_outcome)))


def words_of(item: FamilyItem) -> tuple[str, ...]:
    """The item's written parts that are there, in order: for callers that join them otherwise."""
    return tuple(filter(None, (item.description, item.desired_outcome)))


def text_of(item: FamilyItem) -> str:
    return join_words(item.description, item.desired_outcome)


def known_names(item: FamilyItem) -> tuple[str, ...]:
    """The names the family gave about themselves, so redaction hides them."""
    return (item.contact_name,) if item.contact_name else ()


def risk_of(item: FamilyItem) -> RiskAssessment:
    """The risk detector over the family's words alone (staff notes are the case's)."""
    return assess_risk(text_of(item))


def theme_suggestions(item: FamilyItem) -> list[themes.Suggestion]:
    return themes.suggest(text_of(item))


def theme_reasons(item: FamilyItem) -> dict[str, list[str]]:
    """Which words made each rule theme match, for the case page."""
    return themes.explain(text_of(item))
