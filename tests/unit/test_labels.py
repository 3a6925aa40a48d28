"""Labelled enums: a member is its stored value, carries its label, and is found by value."""

from __future__ import annotations

import pytest

from app.labels import Labelled, labels


class Colour(Labelled):
    DARK_RED = "dark-red", "Dark red"
    BLUE = "blue", "Blue"


def test_a_member_is_its_value_and_carries_its_label() -> None:
    assert Colour.DARK_RED == "dark-red"
    assert Colour.DARK_RED.value == "dark-red"
    assert str(Colour.DARK_RED) == "dark-red"
    assert Colour.DARK_RED.label == "Dark red"


def test_a_member_is_found_by_its_value_only() -> None:
    assert Colour("blue") is Colour.BLUE
    assert Colour("blue").label == "Blue"
    with pytest.raises(ValueError):
        Colour("Blue")


def test_labels_keep_the_enum_order_and_look_up_by_stored_value() -> None:
    found = labels(Colour)
    assert list(found.items()) == [(Colour.DARK_RED, "Dark red"), (Colour.BLUE, "Blue")]
    assert found["dark-red"] == "Dark red"  # as a template looks up a stored string
