"""The case state machine: which action may happen in which state, and where it leads.

Every change to a case is one of these actions; anything else is refused with a
message that says why. Each action that happens is an event on the case's timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.labels import Labelled, labels


class Route(Labelled):
    SAFEGUARDING = "safeguarding", "Safeguarding (MASH, outside the complaint clocks)"
    STATUTORY = "statutory", "Statutory complaint (Children Act 1989)"
    CORPORATE = "corporate", "Corporate complaint"
    FEEDBACK = "feedback", "Feedback (no reply owed)"
    NOT_FOR_US = "not-for-us", "Not for us (signposted elsewhere)"
    WITHDRAWN = "withdrawn", "Withdrawn"


ROUTE_LABELS = labels(Route)
# Routes whose work ends at triage: nothing is owed beyond a signpost or a record.
CLOSING_ROUTES = frozenset({Route.FEEDBACK, Route.NOT_FOR_US, Route.WITHDRAWN})
MAX_STAGE = {Route.STATUTORY: 3, Route.CORPORATE: 2}


class State(Labelled):
    NEW = "new", "New"
    TRIAGED = "triaged", "Triaged"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    IN_PROGRESS = "in-progress", "In progress"
    AWAITING_FAMILY = "awaiting-family", "Awaiting family"
    PAUSED = "paused", "Paused"
    RESPONDED = "responded", "Responded"
    ESCALATED = "escalated", "Escalated"
    CLOSED = "closed", "Closed"


STATE_LABELS = labels(State)


class Outcome(Labelled):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly-upheld", "Partly upheld"
    NOT_UPHELD = "not-upheld", "Not upheld"
    RESOLVED_INFORMALLY = "resolved-informally", "Resolved informally"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REFERRED = "referred-to-mash", "Passed to the MASH"
    NO_REPLY_OWED = "no-reply-owed", "No reply owed"
    DUPLICATE = "duplicate", "Duplicate of another case"


OUTCOME_LABELS = labels(Outcome)
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


PRIORITIES = ("urgent", "high", "normal", "low")


class TransitionRefused(ValueError):
    """The action cannot happen in the case's state; the message says why, for staff."""


@dataclass(frozen=True)
class Move:
    state: State
    stage: int


@dataclass(frozen=True)
class Rule:
    """Where an action may happen and where it leads: the workflow's part of its row.

    The case page offers an action only when `refusal` finds nothing against it, and
    taking it (from the page or a typed URL or code) runs the same check.
    """

    past: str  # "A case that is new cannot be <past>"
    states: frozenset[State]  # the states it may start from
    # Where it leads: a state, one chosen from the action's answers, or None to stay.
    to: State | Callable[[Any], State] | None = None
    routes: frozenset[Route] | None = None  # None: whatever the route, or none yet
    stages: frozenset[int] | None = None  # None: any stage
    next_stage: bool = False  # moves the case on a stage, so only while there is one
    refused: str = ""  # why, when the route or stage does not fit


def _list(states: frozenset[State]) -> str:
    names = sorted(STATE_LABELS[s].lower() for s in states)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def refusal(rule: Rule, state: State, *, route: Route | None, stage: int) -> str | None:
    """Why the rule does not allow its action on a case in this state, route and stage; None
    when it does (the action's own answers are checked when it is taken)."""
    if state not in rule.states:
        return (
            f"A case that is {STATE_LABELS[state].lower()} cannot be {rule.past}. "
            f"This is possible when it is {_list(rule.states)}."
        )
    if rule.routes is not None and route not in rule.routes:
        return rule.refused
    if rule.stages is not None and stage not in rule.stages:
        return rule.refused
    if rule.next_stage and (route is None or stage >= MAX_STAGE.get(route, 1)):
        return rule.refused
    return None


def leads_to(rule: Rule, state: State, stage: int, answers: object = None) -> Move:
    """Where the action leads from state and stage, given its answers (for a chosen state)."""
    if callable(rule.to):
        if answers is None:
            raise TransitionRefused(f"Where a case is {rule.past} depends on the answers")
        state = rule.to(answers)
    elif rule.to is not None:
        state = rule.to
    return Move(state, stage + 1 if rule.next_stage else stage)
