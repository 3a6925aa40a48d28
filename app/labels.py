"""Enums whose members carry the words a page shows for them.

A member is written once, with its label (`NEW = "new", "New"`), instead of once in the
enum and again in a dict of labels beside it: a new member cannot be added without its
label, and the label cannot drift to another member.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self, TypeVar


class Labelled(StrEnum):
    """A StrEnum whose members are `NAME = "value", "Label"`: the value is what is stored
    and sent, the label what people read."""

    label: str

    # The default is never used: looking a member up by value (`Route("statutory")`)
    # does not call this; it lets type checkers accept such lookups.
    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


E = TypeVar("E", bound=Labelled)


def labels(enum: type[E]) -> dict[E, str]:
    """Every member's label, in the enum's order: for pages and templates."""
    return {member: member.label for member in enum}
