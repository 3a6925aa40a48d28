"""The case actions as one table, and act(): the one way a member of staff changes a case.

Each row says what the action is called, who may take it, where in the workflow it
applies and where it leads, what it asks for (its schema), what it does (its handler),
what its event is called and what the banner says after. The workflow's checks, the
service, the case page's links and forms, and the routes all read this table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.audit import actions as audit_actions
from app.audit.service import Actor
from app.staff.models import Role, StaffUser
from app.triage import action_forms as forms
from app.triage import clocks, handlers, service
from app.triage.case import Concern
from app.triage.service import ActionRefused, refuse
from app.triage.workflow import (
    CLOSING_ROUTES,
    OPEN,
    STAGED,
    WORKING,
    Move,
    Route,
    Rule,
    State,
    TransitionRefused,
    leads_to,
    refusal,
)

TRIAGE_ROLES = frozenset({Role.TRIAGE, Role.MANAGER})
MANAGERS = frozenset({Role.MANAGER})
ANYONE = frozenset({Role.TRIAGE, Role.CASEWORKER, Role.MANAGER})
STAGED_REFUSED = "Only a statutory or corporate complaint runs this workflow; triage it first"
STAGE_STATES = frozenset({State.ESCALATED, State.ACKNOWLEDGED, State.IN_PROGRESS})


@dataclass(frozen=True)
class CaseAction:
    """One row of the table of case actions."""

    name: str
    label: str  # the link, the page heading and the button
    rule: Rule  # where it may happen and where it leads
    schema: type[forms.ActionForm]  # what it asks for
    handler: Callable[[handlers.Step, Any], None]  # what it does
    event_kind: str  # its event on the timeline
    done: str  # the success banner afterwards
    roles: frozenset[Role] = ANYONE  # who may take it, beyond being able to see the case

    @property
    def fields(self) -> list[forms.Asked]:
        return forms.fields_of(self.schema)


def _stage_step(past: str, stage: int, what: str, to: State | None) -> Rule:
    """A step that statutory complaints take at one stage only (the stage 2 and 3 rules)."""
    return Rule(
        past,
        STAGE_STATES,
        to=to,
        routes=frozenset({Route.STATUTORY}),
        stages=frozenset({stage}),
        refused=f"{what} only at statutory stage {stage}",
    )


def _staged_step(past: str, *starts: State, to: State) -> Rule:
    """A step only the staged workflows (statutory and corporate complaints) take."""
    return Rule(past, frozenset(starts), to=to, routes=STAGED, refused=STAGED_REFUSED)


def _triaged(answers: forms.Triage) -> State:
    return State.CLOSED if answers.route in CLOSING_ROUTES else State.TRIAGED


def _decided(answers: forms.Decide) -> State:
    return State.TRIAGED if answers.route in STAGED else State.CLOSED


def _paused(answers: forms.Pause) -> State:
    awaiting = answers.pause_reason == "awaiting-information"
    return State.AWAITING_FAMILY if awaiting else State.PAUSED


_NEW_OR_TRIAGED = frozenset({State.NEW, State.TRIAGED})
_SAFEGUARDING = frozenset({Route.SAFEGUARDING})
_h = handlers
ACTIONS: dict[str, CaseAction] = {
    a.name: a
    for a in (
        CaseAction(
            "triage",
            "Triage",
            Rule("triaged", _NEW_OR_TRIAGED, to=_triaged),
            forms.Triage,
            _h.triage,
            "triaged",
            "Case triaged",
            TRIAGE_ROLES,
        ),
        CaseAction(
            "decide",
            "Record safeguarding decision",
            Rule(
                "given a safeguarding decision",
                _NEW_OR_TRIAGED,
                to=_decided,
                routes=_SAFEGUARDING,
                refused="Only a safeguarding case has a safeguarding decision",
            ),
            forms.Decide,
            _h.decide,
            "decided",
            "Safeguarding decision recorded",
            TRIAGE_ROLES,
        ),
        CaseAction(
            "acknowledge",
            "Acknowledge",
            _staged_step("acknowledged", State.TRIAGED, State.ESCALATED, to=State.ACKNOWLEDGED),
            forms.Confirm,
            _h.nothing,
            "acknowledged",
            "Acknowledgement recorded",
        ),
        CaseAction(
            "start",
            "Start work",
            _staged_step("started", State.ACKNOWLEDGED, to=State.IN_PROGRESS),
            forms.Confirm,
            _h.nothing,
            "started",
            "Work started",
        ),
        CaseAction(
            "pause",
            "Pause the clock",
            Rule("paused", WORKING, to=_paused),
            forms.Pause,
            _h.pause,
            "paused",
            "Clock paused",
        ),
        CaseAction(
            "resume",
            "Resume the clock",
            Rule("resumed", frozenset({State.AWAITING_FAMILY, State.PAUSED}), to=State.IN_PROGRESS),
            forms.Confirm,
            _h.nothing,
            "resumed",
            "Clock resumed",
        ),
        CaseAction(
            "extend",
            "Extend a deadline",
            Rule("extended", OPEN - {State.NEW}),
            forms.Extend,
            _h.extend,
            "extended",
            "Deadline extended",
            MANAGERS,
        ),
        CaseAction(
            "respond",
            "Record the response",
            Rule("marked as responded", WORKING, to=State.RESPONDED),
            forms.Confirm,
            _h.nothing,
            "responded",
            "Response recorded",
        ),
        CaseAction(
            "escalate",
            "Escalate to the next stage",
            Rule(
                "escalated",
                frozenset({State.RESPONDED}),
                to=State.ESCALATED,
                routes=STAGED,
                next_stage=True,
                refused="This case is at its last stage. Tell the family they can go to the "
                "Local Government and Social Care Ombudsman.",
            ),
            forms.Escalate,
            _h.escalate,
            "escalated",
            "Escalated to the next stage",
        ),
        CaseAction(
            "agree-statement",
            "Statement of complaint agreed",
            _stage_step(
                "given an agreed statement of complaint",
                2,
                "A statement of complaint is agreed",
                None,  # the stage 2 clock restarts; the state stays
            ),
            forms.Confirm,
            _h.nothing,
            "statement-agreed",
            "Statement of complaint recorded as agreed: the stage 2 clock restarts",
        ),
        CaseAction(
            "panel-held",
            "Panel held",
            _stage_step("marked as panel held", 3, "A review panel sits", State.IN_PROGRESS),
            forms.Confirm,
            _h.nothing,
            "panel-held",
            "Panel recorded as held",
        ),
        CaseAction(
            "report-issued",
            "Panel report issued",
            _stage_step(
                "marked as report issued", 3, "A panel report is issued", State.IN_PROGRESS
            ),
            forms.Confirm,
            _h.nothing,
            "report-issued",
            "Panel report recorded as issued",
        ),
        CaseAction(
            "close",
            "Close",
            Rule("closed", OPEN - {State.NEW}, to=State.CLOSED),
            forms.Close,
            _h.close,
            "closed",
            "Case closed",
        ),
        CaseAction(
            "merge",
            "Merge as a duplicate",
            Rule("merged", OPEN, to=State.CLOSED),
            forms.Merge,
            _h.merge,
            "closed",
            "Case merged as a duplicate",
        ),
        CaseAction(
            "link",
            "Link to a related case",
            Rule("linked to another case", frozenset(State)),
            forms.Link,
            _h.link,
            "linked",
            "Cases linked",
        ),
        CaseAction(
            "reopen",
            "Reopen",
            Rule("reopened", frozenset({State.CLOSED}), to=State.IN_PROGRESS),
            forms.Reopen,
            _h.reopen,
            "reopened",
            "Case reopened",
            MANAGERS,
        ),
        CaseAction(
            "assign",
            "Assign",
            Rule("assigned", OPEN),
            forms.Assign,
            _h.assign,
            "assigned",
            "Case assigned",
            TRIAGE_ROLES,
        ),
        CaseAction(
            "note",
            "Add an internal note",
            Rule("given a note", frozenset(State)),
            forms.Note,
            _h.write,
            "note",
            "Note added",
        ),
        CaseAction(
            "message",
            "Record a message to the family",
            Rule("sent a message", frozenset(State)),
            forms.Message,
            _h.write,
            "message",
            "Message to the family recorded",
        ),
    )
}


def _unknown(action: str) -> str:
    return f"There is no action called {action!r}"


def next_state(
    action: str, state: State, *, route: Route | None, stage: int, answers: object = None
) -> Move:
    """Where action leads from state, or TransitionRefused with the reason."""
    row = ACTIONS.get(action)
    if row is None:
        raise TransitionRefused(_unknown(action))
    reason = refusal(row.rule, state, route=route, stage=stage)
    if reason:
        raise TransitionRefused(reason)
    return leads_to(row.rule, state, stage, answers)


def why_not(user: StaffUser, concern: Concern, action: str) -> str | None:
    """Why this person may not take action on this case now (role, state, route, stage);
    None when they may. The case page offers only actions with no reason against them."""
    row = ACTIONS.get(action)
    if row is None:
        return _unknown(action)
    if not user.roles & row.roles:
        return "Your role cannot take this action on a case"
    route = Route(concern.route) if concern.route else None
    return refusal(row.rule, State(concern.state), route=route, stage=concern.stage)


def offered(user: StaffUser, concern: Concern) -> list[CaseAction]:
    """The actions this person may take on this case now, in the table's order."""
    return [a for a in ACTIONS.values() if why_not(user, concern, a.name) is None]


def act(
    session: Session,
    actor: Actor[StaffUser],
    reference: str,
    action: str,
    answers: Mapping[str, object] | None = None,
    *,
    now: datetime,
) -> Concern:
    """Take one action on a case: allowed, its answers read by its schema, done by its
    handler, recorded as its event on the timeline, clocks recomputed, audited."""
    concern, user = service.case_for(session, actor, reference)
    # The table first: a typed URL for an action the case page does not offer is refused.
    refused = why_not(user, concern, action)
    if refused:
        raise refuse(refused)
    row = ACTIONS[action]
    try:
        form = forms.parse(action, answers or {})
    except forms.Invalid as exc:
        raise ActionRefused(str(exc), problems=exc.problems) from None
    route = Route(concern.route) if concern.route else None
    move = next_state(action, State(concern.state), route=route, stage=concern.stage, answers=form)
    step = handlers.Step(session, concern, user, now, move, form.reason.strip())
    row.handler(step, form)
    if move.state == State.CLOSED and concern.state != State.CLOSED:
        concern.closed_at = now
    concern.state, concern.stage = move.state, move.stage
    service.record_event(
        session,
        concern,
        row.event_kind,
        now=now,
        actor_id=user.id,
        reason=step.reason or None,
        data=step.data,
    )
    for event in step.after:
        service.record_event(
            session,
            event.concern,
            event.kind,
            now=now,
            actor_id=user.id,
            reason=event.reason or None,
            data=event.data,
        )
    session.flush()
    clocks.recompute(session, concern, now=now)
    service.audit_case(
        session, actor, concern, audit_actions.CASE_CHANGED, now, details={"action": action}
    )
    return concern
