"""What redaction finds: typed spans of personal data, and the text with them replaced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Entity:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Redaction:
    redacted: str
    entities: tuple[Entity, ...]


def apply(text: str, entities: Sequence[Entity]) -> Redaction:
    """The text with the given (non-overlapping, ordered) spans replaced by [TYPE]."""
    parts: list[str] = []
    last = 0
    for entity in entities:
        parts.append(text[last : entity.start])
        parts.append(f"[{entity.type}]")
        last = entity.end
    parts.append(text[last:])
    return Redaction("".join(parts), tuple(entities))
