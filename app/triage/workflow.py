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

STAGED = frozenset({Route.STATUTORY, Route.CORPORATE})


@dataclass(frozen=True)
class Action:
    """One row of the workflow: what staff see, and when it may happen.

    The case page offers an action only when `refusal` finds nothing against it, and
    taking it (from the page or a typed URL or the API) runs the same check.
    """

    name: str
    label: str  # the link and the page heading
    past: str  # "A case that is new cannot be <past>"
    states: frozenset[State]  # the states it may start from
    routes: frozenset[Route] | None = None  # None: whatever the route, or none yet
    stages: frozenset[int] | None = None  # None: any stage
    before_last_stage: bool = False  # only while the route has a further stage
    refused: str = ""  # why, when the route or stage does not fit
    done: str = ""  # the success banner afterwards


_ANY = frozenset(State)
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "triage",
            "Triage",
            "triaged",
            frozenset({State.NEW, State.TRIAGED}),
            done="Case triaged",
        ),
        Action(
            "decide",
            "Record safeguarding decision",
            "given a safeguarding decision",
            frozenset({State.NEW, State.TRIAGED}),
            routes=frozenset({Route.SAFEGUARDING}),
            refused="Only a safeguarding case has a safeguarding decision",
            done="Safeguarding decision recorded",
        ),
        Action(
            "acknowledge",
            "Acknowledge",
            "acknowledged",
            frozenset({State.TRIAGED, State.ESCALATED}),
            routes=STAGED,
            refused="Only a statutory or corporate complaint runs this workflow; triage it first",
            done="Acknowledgement recorded",
        ),
        Action(
            "start",
            "Start work",
            "started",
            frozenset({State.ACKNOWLEDGED}),
            routes=STAGED,
            refused="Only a statutory or corporate complaint runs this workflow; triage it first",
            done="Work started",
        ),
        Action("pause", "Pause the clock", "paused", WORKING, done="Clock paused"),
        Action(
            "resume",
            "Resume the clock",
            "resumed",
            frozenset({State.AWAITING_FAMILY, State.PAUSED}),
            done="Clock resumed",
        ),
        Action(
            "extend", "Extend a deadline", "extended", OPEN - {State.NEW}, done="Deadline extended"
        ),
        Action(
            "respond",
            "Record the response",
            "marked as responded",
            WORKING,
            done="Response recorded",
        ),
        Action(
            "escalate",
            "Escalate to the next stage",
            "escalated",
            frozenset({State.RESPONDED}),
            routes=STAGED,
            before_last_stage=True,
            refused="This case is at its last stage. Tell the family they can go to the Local "
            "Government and Social Care Ombudsman.",
            done="Escalated to the next stage",
        ),
        Action(
            "agree-statement",
            "Statement of complaint agreed",
            "given an agreed statement of complaint",
            frozenset({State.ESCALATED, State.ACKNOWLEDGED, State.IN_PROGRESS}),
            routes=frozenset({Route.STATUTORY}),
            stages=frozenset({2}),
            refused="A statement of complaint is agreed only at statutory stage 2",
            done="Statement of complaint recorded as agreed: the stage 2 clock restarts",
        ),
        Action(
            "panel-held",
            "Panel held",
            "marked as panel held",
            frozenset({State.ESCALATED, State.ACKNOWLEDGED, State.IN_PROGRESS}),
            routes=frozenset({Route.STATUTORY}),
            stages=frozenset({3}),
            refused="A review panel sits only at statutory stage 3",
            done="Panel recorded as held",
        ),
        Action(
            "report-issued",
            "Panel report issued",
            "marked as report issued",
            frozenset({State.IN_PROGRESS, State.ACKNOWLEDGED, State.ESCALATED}),
            routes=frozenset({Route.STATUTORY}),
            stages=frozenset({3}),
            refused="A panel report is issued only at statutory stage 3",
            done="Panel report recorded as issued",
        ),
        Action("close", "Close", "closed", OPEN - {State.NEW}, done="Case closed"),
        Action("merge", "Merge as a duplicate", "merged", OPEN, done="Case merged as a duplicate"),
        Action(
            "link", "Link to a related case", "linked to another case", _ANY, done="Cases linked"
        ),
        Action("reopen", "Reopen", "reopened", frozenset({State.CLOSED}), done="Case reopened"),
        Action("assign", "Assign", "assigned", OPEN, done="Case assigned"),
        Action("note", "Add an internal note", "given a note", _ANY, done="Note added"),
        Action(
            "message",
            "Record a message to the family",
            "sent a message",
            _ANY,
            done="Message to the family recorded",
        ),
    )
}
# action -> states it may start from (the table's column, for callers that need only it).
ALLOWED_FROM: dict[str, frozenset[State]] = {name: a.states for name, a in ACTIONS.items()}


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
    reason = refusal(action, state, route=route, stage=stage)
    if reason:
        raise TransitionRefused(reason)
    if action == "triage":
        if new_route is None:
            raise TransitionRefused("Choose a route")
        return Move(State.CLOSED if new_route in CLOSING_ROUTES else State.TRIAGED, stage)
    if action == "decide":
        return Move(
            State.TRIAGED if new_route in (Route.STATUTORY, Route.CORPORATE) else State.CLOSED,
            stage,
        )
    if action == "agree-statement":
        return Move(state, stage)
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
        return Move(State.ESCALATED, stage + 1)
    if action in ("close", "merge"):
        return Move(State.CLOSED, stage)
    if action == "reopen":
        return Move(State.IN_PROGRESS, stage)
    return Move(state, stage)  # extend, assign, note, message: no change of state


def _list(states: frozenset[State]) -> str:
    names = sorted(STATE_LABELS[s].lower() for s in states)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def refusal(action: str, state: State, *, route: Route | None, stage: int) -> str | None:
    """Why the table does not allow action on a case in this state, route and stage; None
    when it does (the action's own fields are checked when it is taken)."""
    row = ACTIONS.get(action)
    if row is None:
        return f"There is no action called {action!r}"
    if state not in row.states:
        return (
            f"A case that is {STATE_LABELS[state].lower()} cannot be {row.past}. "
            f"This is possible when it is {_list(row.states)}."
        )
    if row.routes is not None and route not in row.routes:
        return row.refused
    if row.stages is not None and stage not in row.stages:
        return row.refused
    if row.before_last_stage and (route is None or stage >= MAX_STAGE.get(route, 1)):
        return row.refused
    return None


def actions_for(state: State, *, route: Route | None = None, stage: int = 1) -> list[Action]:
    """The actions a case in this state, route and stage offers, in the table's order."""
    return [
        row
        for name, row in ACTIONS.items()
        if refusal(name, state, route=route, stage=stage) is None
    ]
