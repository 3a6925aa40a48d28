"""Turning Pydantic validation errors into the GOV.UK error summary and field messages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

# Our own validators write messages meant for people; Pydantic's built-in ones do not,
# so for those we show the field's own message below.
OWN_ERROR_TYPES = frozenset({"blank", "too_long", "email", "phone", "contact", "bad_character"})

# Text anyone sends is refused if it holds a control character (C0, DEL, C1) other than
# tab, line feed and carriage return, or a lone surrogate: none is ever typed on purpose,
# PostgreSQL cannot store NUL, and a surrogate cannot be encoded at all. Refused, not
# stripped, so what is stored is always exactly what was typed.
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
BAD_CHARACTER = (
    "contains a character that cannot be used, such as an invisible control character. "
    "Remove it and try again"
)


def refused_message(label: str) -> str:
    """A page's field error for a refused character. The answer is not shown again (it
    cannot be, as typed), so the family is asked to enter it again: pasted text is the
    usual way such a character arrives."""
    return (
        f"{label} must not contain hidden control characters. "
        "Enter it again, typing it rather than pasting it"
    )


# The largest id a column holds on every database (PostgreSQL's integer).
MAX_ID = 2**31 - 1


def has_bad_character(value: str) -> bool:
    return _REFUSED.search(value) is not None


def refuse_bad_characters(value: Any) -> Any:
    """A Pydantic validator: the value unchanged, or a field error if it holds a refused character."""
    if isinstance(value, str) and has_bad_character(value):
        raise PydanticCustomError("bad_character", f"This answer {BAD_CHARACTER}")
    return value


def bad_fields(items: Iterable[tuple[str, Any]]) -> list[str]:
    """The names (in order, once each) of the text fields that hold a refused character."""
    found: list[str] = []
    for name, value in items:
        bad = has_bad_character(name) or (isinstance(value, str) and has_bad_character(value))
        if bad and name not in found:
            found.append(name)
    return found


def parse_id(value: str | None) -> int | None:
    """A form's or query string's id: ASCII digits within what the database holds, else None."""
    if not value or not (value.isascii() and value.isdigit()) or len(value) > 10:
        return None
    number = int(value)
    return number if number <= MAX_ID else None


@dataclass
class FormErrors:
    summary: list[dict[str, str]] = field(default_factory=list)
    fields: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, name: str, message: str, *, anchor: str | None = None) -> None:
        if name in self.fields:
            return  # one message per field: the first is the one to fix first
        self.fields[name] = {"text": message}
        self.summary.append({"text": message, "href": f"#{anchor or name}"})

    def __bool__(self) -> bool:
        return bool(self.summary)


def errors_from(exc: ValidationError, messages: dict[str, str]) -> FormErrors:
    """Field messages for a person, in the order the fields appear on the page."""
    errors = FormErrors()
    found: dict[str, str] = {}
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        if name in found:
            continue
        if error["type"] in OWN_ERROR_TYPES:
            found[name] = error["msg"]
        else:
            found[name] = messages.get(name, "Check this answer")
    for name in [*messages, *found]:
        if name in found:
            errors.add(name, found[name])
    return errors


def yes_no(value: Any) -> bool | None:
    """'yes'/'no' radios to a bool; anything else is unanswered."""
    return {"yes": True, "no": False}.get(value) if isinstance(value, str) else None


def as_form_values(answers: dict[str, Any]) -> dict[str, Any]:
    """Stored answers as a form shows them again: booleans back to 'yes'/'no', blanks blank.

    None becomes "": a template given None prints the word "None" (a textarea does), and
    the family would send it back as their answer.
    """
    return {
        k: ("yes" if v else "no") if isinstance(v, bool) else ("" if v is None else v)
        for k, v in answers.items()
    }
