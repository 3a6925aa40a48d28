"""The case state machine: which action may happen in which state, and where it leads.

Every change to a case is one of these actions; anything else is refused with a
message that says why. Each action that happens is an event on the case's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Route(StrEnum):
    SAFEGUARDING = "safeguarding"
    STATUTORY = "statutory"
    CORPORATE = "corporate"
    FEEDBACK = "feedback"
    NOT_FOR_US = "not-for-us"
    WITHDRAWN = "withdrawn"


ROUTE_LABELS = {
    Route.SAFEGUARDING: "Safeguarding (MASH, outside the complaint clocks)",
    Route.STATUTORY: "Statutory complaint (Children Act 1989)",
    Route.CORPORATE: "Corporate complaint",
    Route.FEEDBACK: "Feedback (no reply owed)",
    Route.NOT_FOR_US: "Not for us (signposted elsewhere)",
    Route.WITHDRAWN: "Withdrawn",
}
# Routes whose work ends at triage: nothing is owed beyond a signpost or a record.
CLOSING_ROUTES = frozenset({Route.FEEDBACK, Route.NOT_FOR_US, Route.WITHDRAWN})
MAX_STAGE = {Route.STATUTORY: 3, Route.CORPORATE: 2}


class State(StrEnum):
    NEW = "new"
    TRIAGED = "triaged"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in-progress"
    AWAITING_FAMILY = "awaiting-family"
    PAUSED = "paused"
    RESPONDED = "responded"
    ESCALATED = "escalated"
    CLOSED = "closed"


STATE_LABELS = {
    State.NEW: "New",
    State.TRIAGED: "Triaged",
    State.ACKNOWLEDGED: "Acknowledged",
    State.IN_PROGRESS: "In progress",
    State.AWAITING_FAMILY: "Awaiting family",
    State.PAUSED: "Paused",
    State.RESPONDED: "Responded",
    State.ESCALATED: "Escalated",
    State.CLOSED: "Closed",
}


class Outcome(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly-upheld"
    NOT_UPHELD = "not-upheld"
    RESOLVED_INFORMALLY = "resolved-informally"
    WITHDRAWN = "withdrawn"
    REFERRED = "referred-to-mash"
    NO_REPLY_OWED = "no-reply-owed"
    DUPLICATE = "duplicate"


OUTCOME_LABELS = {
    Outcome.UPHELD: "Upheld",
    Outcome.PARTLY_UPHELD: "Partly upheld",
    Outcome.NOT_UPHELD: "Not upheld",
    Outcome.RESOLVED_INFORMALLY: "Resolved informally",
    Outcome.WITHDRAWN: "Withdrawn",
    Outcome.REFERRED: "Passed to the MASH",
    Outcome.NO_REPLY_OWED: "No reply owed",
    Outcome.DUPLICATE: "Duplicate of another case",
}
# The outcomes a person chooses when closing a case by hand.
CLOSING_OUTCOMES = (
    Outcome.UPHELD,
    Outcome.PARTLY_UPHELD,
    Outcome.NOT_UPHELD,
    Outcome.RESOLVED_INFORMALLY,
    Outcome.WITHDRAWN,
)

OPEN = frozenset(State) - {State.CLOSED}
WORKING = frozenset({State.ACKNOWLEDGED, State.IN_PROGRESS})

# action -> states it may start from. The state it leads to is decided by next_state.
ALLOWED_FROM: dict[str, frozenset[State]] = {
    "triage": frozenset({State.NEW, State.TRIAGED}),
    "decide": frozenset({State.NEW, State.TRIAGED}),
    "acknowledge": frozenset({State.TRIAGED, State.ESCALATED}),
    "start": frozenset({State.ACKNOWLEDGED}),
    "pause": WORKING,
    "resume": frozenset({State.AWAITING_FAMILY, State.PAUSED}),
    "extend": OPEN - {State.NEW},
    "respond": WORKING,
    "escalate": frozenset({State.RESPONDED}),
    "agree-statement": frozenset({State.ESCALATED, State.ACKNOWLEDGED, State.IN_PROGRESS}),
    "panel-held": frozenset({State.ESCALATED, State.ACKNOWLEDGED, State.IN_PROGRESS}),
    "report-issued": frozenset({State.IN_PROGRESS, State.ACKNOWLEDGED, State.ESCALATED}),
    "close": OPEN - {State.NEW},
    "merge": OPEN,
    "link": frozenset(State),
    "reopen": frozenset({State.CLOSED}),
    "assign": OPEN,
    "note": frozenset(State),
    "message": frozenset(State),
}


class TransitionRefused(ValueError):
    """The action cannot happen in the case's state; the message says why, for staff."""


@dataclass(frozen=True)
class Move:
    state: State
    stage: int


def next_state(
    action: str,
    state: State,
    *,
    route: Route | None,
    stage: int,
    pause_reason: str | None = None,
    new_route: Route | None = None,
) -> Move:
    """Where action leads from state, or TransitionRefused with the reason."""
    allowed = ALLOWED_FROM.get(action)
    if allowed is None:
        raise TransitionRefused(f"There is no action called {action!r}")
    if state not in allowed:
        raise TransitionRefused(
            f"A case that is {STATE_LABELS[state].lower()} cannot be {_PAST[action]}. "
            f"This is possible when it is {_list(allowed)}."
        )
    if action == "triage":
        if new_route is None:
            raise TransitionRefused("Choose a route")
        return Move(State.CLOSED if new_route in CLOSING_ROUTES else State.TRIAGED, stage)
    if action == "decide":
        if route != Route.SAFEGUARDING:
            raise TransitionRefused("Only a safeguarding case has a safeguarding decision")
        return Move(
            State.TRIAGED if new_route in (Route.STATUTORY, Route.CORPORATE) else State.CLOSED,
            stage,
        )
    if action == "agree-statement":
        if route != Route.STATUTORY or stage != 2:
            raise TransitionRefused("A statement of complaint is agreed only at statutory stage 2")
        return Move(state, stage)
    if action in ("acknowledge", "start", "panel-held", "report-issued") and route not in MAX_STAGE:
        raise TransitionRefused(
            "Only a statutory or corporate complaint runs this workflow; triage it first"
        )
    if action == "acknowledge":
        return Move(State.ACKNOWLEDGED, stage)
    if action in ("start", "resume", "panel-held", "report-issued"):
        return Move(State.IN_PROGRESS, stage)
    if action == "pause":
        return Move(
            State.AWAITING_FAMILY if pause_reason == "awaiting-information" else State.PAUSED, stage
        )
    if action == "respond":
        return Move(State.RESPONDED, stage)
    if action == "escalate":
        limit = MAX_STAGE.get(route) if route else None
        if limit is None or stage >= limit:
            raise TransitionRefused(
                "This case is at its last stage. Tell the family they can go to the Local Government "
                "and Social Care Ombudsman."
            )
        return Move(State.ESCALATED, stage + 1)
    if action in ("close", "merge"):
        return Move(State.CLOSED, stage)
    if action == "reopen":
        return Move(State.IN_PROGRESS, stage)
    return Move(state, stage)  # extend, assign, note, message: no change of state


_PAST = {
    "triage": "triaged",
    "decide": "given a safeguarding decision",
    "acknowledge": "acknowledged",
    "start": "started",
    "pause": "paused",
    "resume": "resumed",
    "extend": "extended",
    "respond": "marked as responded",
    "escalate": "escalated",
    "agree-statement": "given an agreed statement of complaint",
    "panel-held": "marked as panel held",
    "report-issued": "marked as report issued",
    "close": "closed",
    "merge": "merged",
    "reopen": "reopened",
    "link": "linked to another case",
    "assign": "assigned",
    "note": "given a note",
    "message": "sent a message",
}


def _list(states: frozenset[State]) -> str:
    names = sorted(STATE_LABELS[s].lower() for s in states)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def actions_for(state: State) -> list[str]:
    """The actions a case in this state offers."""
    return [action for action, allowed in ALLOWED_FROM.items() if state in allowed]
