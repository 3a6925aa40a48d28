"""What each case action asks for: one schema per action, and one parse for all of them.

A form posts strings and a caller in code passes numbers; both are read here, so the
page, the service and any API take the same answers and refuse bad ones with the same
words. The union is discriminated on `action`: an action's schema is its fields, and the
page shows exactly those. Checks that need the case (is the clock running, is the
investigator someone new) belong to the action's handler, not here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from app.forms import parse_id
from app.sla.policy import PauseReason
from app.triage.workflow import CLOSING_OUTCOMES, PRIORITIES, Route

AUTO_ASSIGN = -1  # "whoever in the team has the fewest open cases"


def _must(check: Callable[[Any], bool], message: str) -> AfterValidator:
    def validate(value: Any) -> Any:
        if not check(value):
            raise PydanticCustomError("answer", message)
        return value

    return AfterValidator(validate)


def _filled(message: str) -> AfterValidator:
    return _must(lambda v: bool(v.strip()), message)


def _among(values: Collection[str], message: str, *, blank: bool = False) -> AfterValidator:
    allowed = frozenset(values) | ({""} if blank else set())
    return _must(lambda v: v in allowed, message)


def _id(value: object) -> object:
    # As the pages always read ids: anything but plain digits in range is "not chosen".
    return parse_id(value) if isinstance(value, str) else value


def _assignee(value: object) -> object:
    return AUTO_ASSIGN if value == "auto" else _id(value)


def _ticked(value: object) -> object:
    return value == "yes" if isinstance(value, str) else value


def _asked(title: str, hint: str = "", **extra: Any) -> Any:
    """A field the page asks for; checked even when the form leaves it out."""
    return Field(
        default="", validate_default=True, title=title, description=hint, json_schema_extra=extra
    )


Id = Annotated[int | None, BeforeValidator(_id)]
Assignee = Annotated[int | None, BeforeValidator(_assignee)]
Ticked = Annotated[bool, BeforeValidator(_ticked)]
Priority = Annotated[str, _among(PRIORITIES, "Choose a priority from the list", blank=True)]
Text = str
NOTE = "Recorded on the case's timeline with your name and the time."


def _other_case(title: str, then: str) -> Any:
    """The reference of another case (merging into it or linking to it), with an example."""
    return Field("", title=title, description=f"For example, FV-2026-000123. {then}")


KEEP = "Keep as it is"


class ActionForm(BaseModel):
    """The answers every action has: which one, and why (on the timeline)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    action: str
    reason: Text = ""


class Triage(ActionForm):
    action: Literal["triage"]
    route: Annotated[str, _among(list(Route), "Choose a route")] = _asked("Route")
    priority: Priority = Field("", title="Priority", json_schema_extra={"blank": KEEP})
    risk_checked: Ticked = False
    team: Id = Field(None, title="Team")
    assignee: Assignee = Field(None, title="Assign to", json_schema_extra={"auto": True})
    reason: Annotated[str, _filled("Give a reason for this route")] = _asked("Reason", NOTE)


class Decide(ActionForm):
    action: Literal["decide"]
    # Passed to the MASH, and perhaps a complaint too: blank is "the MASH only".
    route: Annotated[
        str,
        _among(
            (Route.STATUTORY, Route.CORPORATE),
            "Choose whether this also continues as a complaint",
            blank=True,
        ),
    ] = _asked(
        "Does this also continue as a complaint?",
        choices=[Route.STATUTORY, Route.CORPORATE, ""],
        blank="No complaint: passed to the MASH only",
    )
    priority: Priority = Field("", title="Priority", json_schema_extra={"blank": KEEP})
    reason: Annotated[str, _filled("Record the safeguarding decision")] = _asked("Reason", NOTE)


class Confirm(ActionForm):
    """Actions that ask only for an optional reason."""

    action: Literal[
        "acknowledge",
        "start",
        "resume",
        "respond",
        "agree-statement",
        "panel-held",
        "report-issued",
    ]
    reason: Text = Field("", title="Reason", description=NOTE)


class Pause(ActionForm):
    action: Literal["pause"]
    pause_reason: Annotated[
        str,
        _among(
            [r.value for r in PauseReason],
            "Choose why the clock is paused: only the listed reasons can pause it",
        ),
    ] = _asked("Why is the clock paused?")
    reason: Annotated[str, _filled("Add a note saying what you are waiting for")] = _asked(
        "Reason", NOTE
    )


class Extend(ActionForm):
    action: Literal["extend"]
    clock: Text = Field("", title="Deadline to extend")
    target: Id = Field(
        None,
        title="New target in working days",
        description="Stage 1 can go up to 20 working days, stage 2 up to 65.",
    )
    reason: Annotated[str, _filled("Give a reason for the extension")] = _asked("Reason", NOTE)


class Escalate(ActionForm):
    action: Literal["escalate"]
    team: Id = Field(None, title="Team")
    assignee: Assignee = Field(None, title="Investigator", json_schema_extra={"blank": "Choose"})
    independent_person: Text = Field("", title="Independent person (statutory stage 2)")
    reason: Annotated[str, _filled("Record why the case is escalated")] = _asked("Reason", NOTE)


class Close(ActionForm):
    action: Literal["close"]
    outcome: Annotated[str, _among(CLOSING_OUTCOMES, "Choose the outcome")] = _asked("Outcome")
    reason: Text = Field("", title="Reason", description=NOTE)


class Merge(ActionForm):
    action: Literal["merge"]
    duplicate_of: Text = _other_case(
        "Reference of the case to keep", "This case will point to it; nothing is deleted."
    )
    reason: Annotated[str, _filled("Say why these are duplicates")] = _asked("Reason", NOTE)


class Link(ActionForm):
    action: Literal["link"]
    duplicate_of: Text = _other_case(
        "Reference of the related case", "Both cases stay open and show the link."
    )
    reason: Annotated[str, _filled("Say how these cases are related")] = _asked("Reason", NOTE)


class Reopen(ActionForm):
    action: Literal["reopen"]
    reason: Annotated[str, _filled("Give a reason for reopening")] = _asked("Reason", NOTE)


class Assign(ActionForm):
    action: Literal["assign"]
    team: Id = Field(None, title="Team")
    assignee: Assignee = Field(None, title="Assign to", json_schema_extra={"auto": True})
    reason: Annotated[str, _filled("Give a reason for this assignment")] = _asked("Reason", NOTE)


class Note(ActionForm):
    action: Literal["note"]
    body: Annotated[str, _filled("Write the note")] = _asked(
        "Internal note (staff only)", "Never shown to the family."
    )
    reason: Text = Field("", title="Reason (optional)", description=NOTE)


class Message(ActionForm):
    action: Literal["message"]
    body: Annotated[str, _filled("Write the message")] = _asked(
        "Message to the family",
        "The message is recorded now and sent when notifications are switched on.",
    )
    reason: Text = Field("", title="Reason (optional)", description=NOTE)


ActionRequest = Annotated[
    Triage
    | Decide
    | Confirm
    | Pause
    | Extend
    | Escalate
    | Close
    | Merge
    | Link
    | Reopen
    | Assign
    | Note
    | Message,
    Field(discriminator="action"),
]
_REQUEST: TypeAdapter[ActionForm] = TypeAdapter(ActionRequest)
# action name -> its schema, read from each schema's `action` literal.
SCHEMAS: dict[str, type[ActionForm]] = {
    name: schema
    for schema in get_args(get_args(ActionRequest)[0])
    for name in get_args(schema.model_fields["action"].annotation)
}


class Invalid(ValueError):
    """Answers that do not fit the action's schema: (field, message) for each."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(". ".join(m for _, m in problems))
        self.problems = problems


def parse(action: str, answers: Mapping[str, object]) -> ActionForm:
    """The answers as the action's schema reads them, or Invalid naming each bad field."""
    try:
        return _REQUEST.validate_python({**answers, "action": action})
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = str(error["loc"][1]) if len(error["loc"]) > 1 else "reason"
            # Our own checks speak to staff; the rest (a number where words go) is one line.
            message = error["msg"] if error["type"] == "answer" else "Check this answer"
            problems.append((field, message))
        # In the page's order, so the error summary reads top to bottom like the form.
        order = [f.name for f in fields_of(SCHEMAS[action])] if action in SCHEMAS else []
        problems.sort(key=lambda p: order.index(p[0]) if p[0] in order else len(order))
        raise Invalid(problems) from None


@dataclass(frozen=True)
class Asked:
    """One field as the page shows it: its name, label, hint and any choices."""

    name: str
    label: str
    hint: str
    extra: Mapping[str, Any]


def fields_of(schema: type[ActionForm]) -> list[Asked]:
    """The fields an action's page asks for, in the schema's order but the reason last
    (a schema's own fields follow the inherited ones, and the reason closes every form)."""
    names = [n for n in schema.model_fields if n not in ("action", "reason")] + ["reason"]
    return [
        Asked(
            name,
            info.title or name,
            info.description or "",
            info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {},
        )
        for name in names
        for info in (schema.model_fields[name],)
    ]
