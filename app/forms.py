"""Turning Pydantic validation errors into the GOV.UK error summary and field messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

# Our own validators write messages meant for people; Pydantic's built-in ones do not,
# so for those we show the field's own message below.
OWN_ERROR_TYPES = frozenset({"blank", "too_long", "email", "phone", "contact"})


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
