"""What each case action does to a case, once it is allowed and its answers are read.

One small function per action, named in the table of actions (app/triage/actions.py).
A handler changes the case and fills in what its event records; it refuses, with the
field to point at, what only the case can tell (a clock not running, the same
investigator twice). Recording the event, moving the state and the clocks is act()'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.staff.models import Role, StaffUser, Team, UserRole
from app.text.risk import assess_risk
from app.triage import action_forms as forms
from app.triage import clocks, service, workflow
from app.triage.case import Concern
from app.triage.models import CaseEvent
from app.triage.service import refuse
from app.triage.workflow import Move, Outcome, Route


@dataclass(frozen=True)
class Event:
    """An event beyond the action's own: the other side of a link, a close at triage."""

    concern: Concern
    kind: str
    data: dict[str, object]
    reason: str | None = None


@dataclass
class Step:
    """One action being taken: the case, who, when, where it leads, what its event records."""

    session: Session
    concern: Concern
    user: StaffUser
    now: datetime
    move: Move
    reason: str
    data: dict[str, object] = field(default_factory=dict)
    after: list[Event] = field(default_factory=list)


def nothing(step: Step, answers: forms.ActionForm) -> None:
    """Acknowledge, start, resume, respond and the stage 2 and 3 steps: the move is all."""


def triage(step: Step, answers: forms.Triage) -> None:
    concern, new_route = step.concern, Route(answers.route)
    if new_route != Route.SAFEGUARDING:
        seen = sorted(
            set(concern.item.risk_signals or ())
            | set(service.case_risk(step.session, concern).signals)
        )
        if seen and not answers.risk_checked:
            raise refuse(
                "This case may show a risk to a child ("
                + ", ".join(seen)
                + "). Route it to safeguarding, or confirm you have checked the risk"
                " and say why in the reason"
            )
        if seen:
            step.data["risk_checked"] = seen
    _route(step, new_route, answers.priority)
    if new_route in workflow.CLOSING_ROUTES:
        concern.outcome = (
            Outcome.WITHDRAWN if new_route == Route.WITHDRAWN else Outcome.NO_REPLY_OWED
        )
    _assign(step, answers.team, answers.assignee)
    _closed_at_triage(step)


def decide(step: Step, answers: forms.Decide) -> None:
    new_route = Route(answers.route) if answers.route else None
    _route(step, new_route, answers.priority)
    if new_route not in workflow.STAGED:
        step.concern.outcome = Outcome.REFERRED
    _closed_at_triage(step)


def _route(step: Step, new_route: Route | None, priority: str) -> None:
    if new_route is not None:
        step.concern.route = new_route
        step.data["route"] = new_route.value
    if priority:
        step.concern.priority = priority
        step.data["priority"] = priority


def _closed_at_triage(step: Step) -> None:
    # Work that ends at triage shows as closed on the timeline, with its outcome.
    if step.move.state == workflow.State.CLOSED:
        step.after.append(Event(step.concern, "closed", {"outcome": step.concern.outcome}))


def assign(step: Step, answers: forms.Assign) -> None:
    _assign(step, answers.team, answers.assignee)


def pause(step: Step, answers: forms.Pause) -> None:
    step.data["reason"] = answers.pause_reason


def extend(step: Step, answers: forms.Extend) -> None:
    concern = step.concern
    policy = clocks.case_policy(concern)
    running = {c.name for c in clocks.compute(step.session, concern, now=step.now) if c.running}
    if policy is None or answers.clock not in running:
        raise refuse("Choose a running clock to extend", "clock")
    rule = policy.clock(answers.clock)
    limit = rule.extension_limit or rule.target
    if answers.target is None or not rule.target < answers.target <= limit:
        raise refuse(
            f"{rule.label} can be extended to between {rule.target + 1} and {limit} working days",
            "target",
        )
    step.data.update(clock=answers.clock, target=answers.target, reason=step.reason)


def escalate(step: Step, answers: forms.Escalate) -> None:
    concern, stage = step.concern, step.move.stage
    if answers.assignee is None:
        raise refuse(f"Choose the stage {stage} investigator", "assignee")
    earlier = _stage_investigator(step.session, concern, concern.stage)
    if answers.assignee in (earlier, concern.assignee_id):
        raise refuse(
            f"The stage {stage} investigator must be a different person from stage {concern.stage}",
            "assignee",
        )
    person = answers.independent_person.strip()
    if concern.route == Route.STATUTORY and stage == 2 and not person:
        raise refuse(
            "Record the independent person for a statutory stage 2 investigation",
            "independent_person",
        )
    _assign(step, answers.team, answers.assignee)
    if person:
        concern.independent_person = person[:200]
        step.data["independent_person"] = concern.independent_person


def close(step: Step, answers: forms.Close) -> None:
    step.concern.outcome = answers.outcome
    step.data["outcome"] = answers.outcome


def link(step: Step, answers: forms.Link) -> None:
    other = service.visible_case(step.session, step.user, answers.duplicate_of.strip().upper())
    if other.id == step.concern.id:
        raise refuse("A case cannot be linked to itself", "duplicate_of")
    step.data["related"] = other.reference
    # The link shows on both timelines; neither case changes otherwise.
    step.after.append(Event(other, "linked", {"related": step.concern.reference}, step.reason))


def merge(step: Step, answers: forms.Merge) -> None:
    survivor = service.visible_case(step.session, step.user, answers.duplicate_of.strip().upper())
    if survivor.id == step.concern.id:
        raise refuse("A case cannot be a duplicate of itself", "duplicate_of")
    step.concern.duplicate_of_id = survivor.id
    step.concern.outcome = Outcome.DUPLICATE
    step.data["duplicate_of"] = survivor.reference


def reopen(step: Step, answers: forms.Reopen) -> None:
    step.concern.closed_at = None
    step.concern.outcome = None


def write(step: Step, answers: forms.Note | forms.Message) -> None:
    """A note or a message to the family, as typed."""
    step.data["body"] = answers.body
    # A call or message can reveal risk the form did not: flag it so nobody can miss it.
    noted = assess_risk(answers.body)
    if service.flag_risk(step.concern, noted):
        step.data["risk_signals"] = list(noted.signals)
    if answers.action == "message":
        step.data["status"] = "recorded"  # sent by the notifications work


def least_loaded(session: Session, team_id: int) -> int | None:
    """The team's active caseworker with the fewest open cases (the longest-serving on a tie)."""
    open_cases = (
        select(func.count(Concern.id))
        .where(Concern.assignee_id == StaffUser.id, Concern.state != workflow.State.CLOSED)
        .correlate(StaffUser)
        .scalar_subquery()
    )
    return session.scalar(
        select(StaffUser.id)
        .join(UserRole, UserRole.user_id == StaffUser.id)
        .where(
            StaffUser.team_id == team_id,
            StaffUser.is_active.is_(True),
            UserRole.role == Role.CASEWORKER.value,
        )
        .order_by(open_cases, StaffUser.id)
        .limit(1)
    )


def _assign(step: Step, team_id: int | None, assignee_id: int | None) -> None:
    session, concern = step.session, step.concern
    if team_id is not None:
        if session.get(Team, team_id) is None:
            raise refuse("Choose a team from the list", "team")
        concern.team_id = team_id
        step.data["team_id"] = team_id
    if assignee_id == forms.AUTO_ASSIGN:
        if concern.team_id is None:
            raise refuse("Choose a team to share the work in", "team")
        assignee_id = least_loaded(session, concern.team_id)
        if assignee_id is None:
            raise refuse("That team has no active caseworkers", "team")
        team_id = None  # the team's own caseworker: the case stays in the team
        step.data["round_robin"] = True
    if assignee_id is not None:
        assignee = session.get(StaffUser, assignee_id)
        if (
            assignee is None
            or not assignee.is_active
            or not assignee.has_role(Role.CASEWORKER, Role.MANAGER)
        ):
            raise refuse("Choose a caseworker or manager from the list", "assignee")
        concern.assignee_id = assignee.id
        step.data["assignee_id"] = assignee.id
        if team_id is None and assignee.team_id is not None:
            concern.team_id = assignee.team_id


def _stage_investigator(session: Session, concern: Concern, stage: int) -> int | None:
    """Who answered a stage: the person who recorded its response."""
    return session.scalar(
        select(CaseEvent.actor_id)
        .where(
            CaseEvent.concern_id == concern.id,
            CaseEvent.kind == "responded",
            CaseEvent.stage == stage,
        )
        .order_by(CaseEvent.id.desc())
        .limit(1)
    )
