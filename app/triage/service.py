"""Reading cases as staff: only what policy allows, and every look at personal data audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, defer, selectinload

from app.audit import actions
from app.audit import service as audit
from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.errors import NotFound, ServiceError
from app.items import text as item_text
from app.items.models import FamilyItem
from app.sla.policy import PauseReason
from app.staff.models import Role, StaffUser, Team, UserRole
from app.taxonomy import service as taxonomy
from app.text.risk import RiskAssessment, assess_risk
from app.triage import clocks, visibility, workflow
from app.triage.case import Concern, ConcernAttachment, by_reference
from app.triage.models import CaseEvent, CaseTheme, LearningAction


def _audit_case(
    session: Session,
    actor: Actor[StaffUser],
    concern: Concern,
    action: str,
    now: datetime,
    details: dict[str, object] | None = None,
) -> None:
    """Put a look at or a change to a case on the audit trail."""
    audit.record(
        session,
        actor,
        action=action,
        now=now,
        target_type="case",
        target_id=concern.reference,
        details=details,
    )


CASE_NOT_FOUND = "No case with that reference, or it is not one you can see"


def list_cases(
    session: Session, user: StaffUser, *, before_id: int | None = None, limit: int = 50
) -> Sequence[Concern]:
    """The cases this user may see, newest first (keyset paginated on id)."""
    query = (
        select(Concern)
        .options(
            selectinload(Concern.item).options(
                defer(FamilyItem.description), defer(FamilyItem.desired_outcome)
            )
        )
        .where(visibility.visible_cases(user))
        .order_by(Concern.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(Concern.id < before_id)
    return session.scalars(query).all()


def _visible(session: Session, user: StaffUser, reference: str) -> Concern:
    concern = session.scalars(select(Concern).where(by_reference(reference))).one_or_none()
    team = session.get(Team, concern.team_id) if concern and concern.team_id else None
    # Out of reach and not there look the same: no case is found by guessing references.
    if concern is None or not visibility.can_view_case(user, concern, team):
        raise NotFound(CASE_NOT_FOUND)
    return concern


def case_for(
    session: Session, actor: Actor[StaffUser], reference: str
) -> tuple[Concern, StaffUser]:
    """The case and the member of staff, if they may see it (staff actions always have one)."""
    if actor.user is None:
        raise NotFound(CASE_NOT_FOUND)
    return _visible(session, actor.user, reference), actor.user


def view_case(
    session: Session, actor: Actor[StaffUser], reference: str, *, now: datetime
) -> Concern:
    """A case with its personal data, for a user allowed to see it; the look is audited."""
    concern, _ = case_for(session, actor, reference)
    _audit_case(session, actor, concern, actions.CASE_VIEWED, now)
    return concern


def download_attachment(
    session: Session, actor: Actor[StaffUser], reference: str, attachment_id: int, *, now: datetime
) -> ConcernAttachment:
    """One of a visible case's files; the download is audited."""
    concern, _ = case_for(session, actor, reference)
    attachment = session.scalars(
        select(ConcernAttachment).where(
            ConcernAttachment.id == attachment_id, ConcernAttachment.concern_id == concern.id
        )
    ).one_or_none()
    if attachment is None:
        raise NotFound("No such file on this case")
    _audit_case(
        session,
        actor,
        concern,
        actions.ATTACHMENT_DOWNLOADED,
        now,
        details={"attachment": attachment.id},
    )
    return attachment


def case_access_log(session: Session, reference: str) -> Sequence[AuditEvent]:
    """Who has looked at a case or downloaded its files, newest first."""
    return audit.for_target(
        session, "case", reference, actions=[actions.CASE_VIEWED, actions.ATTACHMENT_DOWNLOADED]
    )


# The workflow --------------------------------------------------------------------------------


def suggest_themes(session: Session, concern: Concern, *, now: datetime) -> None:
    """Themes from the rules and the model, for a case no member of staff has themed yet.

    Only themes in use are suggested: a retired one is never given to a new case.
    """
    offered = set(taxonomy.active_codes(session))
    version = taxonomy.current_version(session)
    for suggestion in item_text.theme_suggestions(concern.item):
        if suggestion.code in offered:
            session.add(
                CaseTheme(
                    item_id=concern.item_id,
                    code=suggestion.code,
                    source=suggestion.source,
                    taxonomy_version=version,
                    set_at=now,
                )
            )


def case_text(session: Session, concern: Concern) -> str:
    """Everything written about the case that may show risk: the family's words and staff notes."""
    bodies = session.scalars(
        select(CaseEvent.data).where(
            CaseEvent.concern_id == concern.id, CaseEvent.kind.in_(("note", "message"))
        )
    ).all()
    notes = [str(d.get("body", "")) for d in bodies if d]
    # Paragraphs apart, so the risk detector reads each note as its own sentence.
    return "\n\n".join((*item_text.words_of(concern.item), *filter(None, notes)))


def case_risk(session: Session, concern: Concern) -> RiskAssessment:
    """The risk detector run now over the case's text: rules improve, so triage re-reads."""
    return assess_risk(case_text(session, concern))


def case_themes(session: Session, concern: Concern) -> Sequence[CaseTheme]:
    return session.scalars(select(CaseTheme).where(CaseTheme.item_id == concern.item_id)).all()


def set_themes(
    session: Session,
    actor: Actor[StaffUser],
    reference: str,
    codes: Sequence[str],
    *,
    now: datetime,
) -> Concern:
    """Staff confirm or correct a case's themes; their choice replaces the suggestions."""
    concern, _ = case_for(session, actor, reference)
    offered = taxonomy.active_codes(session)  # a retired theme is not given to a case again
    unknown = set(codes) - set(offered)
    if unknown:
        raise _refuse("Choose themes from the list")
    version = taxonomy.current_version(session)
    before = sorted(t.code for t in case_themes(session, concern))
    # Retired themes the case already carries stay: counts over time keep them.
    kept = sorted(set(before) - set(offered))
    session.execute(
        delete(CaseTheme).where(CaseTheme.item_id == concern.item_id, CaseTheme.code.in_(offered))
    )
    for code in sorted(set(codes), key=offered.index):
        session.add(
            CaseTheme(
                item_id=concern.item_id,
                code=code,
                source="staff",
                taxonomy_version=version,
                set_by_id=actor.id,
                set_at=now,
            )
        )
    session.add(
        CaseEvent(
            concern_id=concern.id,
            kind="themes",
            stage=concern.stage,
            occurred_at=now,
            actor_id=actor.id,
            data={"before": before, "after": sorted(set(codes) | set(kept))},
        )
    )
    session.flush()
    _audit_case(session, actor, concern, actions.CASE_CHANGED, now, details={"action": "themes"})
    return concern


def flag_risk(concern: Concern, risk: RiskAssessment) -> bool:
    """The one rule for risk seen in a case's words: the case becomes urgent and tagged.

    Used when a concern is submitted and when a staff note or message is written, so a
    case flagged either way looks the same in the queue. True if the risk was urgent.
    """
    if not risk.urgent:
        return False
    concern.item.risk_signals = sorted(set(concern.item.risk_signals or ()) | set(risk.signals))
    concern.priority = "urgent"
    return True


def first_times(session: Session, concern: Concern, kinds: Sequence[str]) -> dict[str, datetime]:
    """When each of these kinds of event first happened to the case (for family tracking)."""
    rows = session.execute(
        select(CaseEvent.kind, func.min(CaseEvent.occurred_at))
        .where(CaseEvent.concern_id == concern.id, CaseEvent.kind.in_(kinds))
        .group_by(CaseEvent.kind)
    ).all()
    return {kind: at for kind, at in rows}


def open_case(session: Session, concern: Concern, *, now: datetime) -> None:
    """Start a new concern's timeline and clocks. Risk flagged at submission routes it to safeguarding."""
    if concern.safeguarding:
        concern.route = workflow.Route.SAFEGUARDING
    concern.state = workflow.State.NEW
    session.add(
        CaseEvent(
            concern_id=concern.id,
            kind="received",
            stage=1,
            occurred_at=concern.item.received_at,
            data={"safeguarding": concern.safeguarding},
        )
    )
    session.flush()
    suggest_themes(session, concern, now=now)
    clocks.recompute(session, concern, now=now)


@dataclass(frozen=True)
class ActionInput:
    """What a member of staff asked for, from a form or the API."""

    action: str
    reason: str = ""
    route: str = ""
    priority: str = ""
    team_id: int | None = None
    assignee_id: int | None = None
    pause_reason: str = ""
    clock: str = ""
    target: int | None = None
    outcome: str = ""
    body: str = ""
    independent_person: str = ""
    duplicate_of: str = ""
    # Triage away from safeguarding, with possible risk seen: the officer says they checked.
    risk_checked: bool = False


class ActionRefused(ServiceError):
    """An action not taken; problems name the form field each message is about."""

    status_code = 409

    def __init__(self, message: str, *, problems: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems) or [("reason", message)]


# Who may take each action, beyond being able to see the case.
ACTION_ROLES: dict[str, frozenset[Role]] = {
    "triage": frozenset({Role.TRIAGE, Role.MANAGER}),
    "decide": frozenset({Role.TRIAGE, Role.MANAGER}),
    "assign": frozenset({Role.TRIAGE, Role.MANAGER}),
    "extend": frozenset({Role.MANAGER}),
    "reopen": frozenset({Role.MANAGER}),
}
DEFAULT_ROLES = frozenset({Role.TRIAGE, Role.CASEWORKER, Role.MANAGER})
REASON_REQUIRED = {
    "triage": "Give a reason for this route",
    "decide": "Record the safeguarding decision",
    "pause": "Add a note saying what you are waiting for",
    "extend": "Give a reason for the extension",
    "escalate": "Record why the case is escalated",
    "reopen": "Give a reason for reopening",
    "assign": "Give a reason for this assignment",
    "merge": "Say why these are duplicates",
    "link": "Say how these cases are related",
}
PRIORITIES = ("urgent", "high", "normal", "low")
EVENT_KIND = {
    "triage": "triaged",
    "decide": "decided",
    "acknowledge": "acknowledged",
    "start": "started",
    "pause": "paused",
    "resume": "resumed",
    "extend": "extended",
    "respond": "responded",
    "escalate": "escalated",
    "agree-statement": "statement-agreed",
    "panel-held": "panel-held",
    "report-issued": "report-issued",
    "close": "closed",
    "merge": "closed",
    "link": "linked",
    "reopen": "reopened",
    "assign": "assigned",
    "note": "note",
    "message": "message",
}


def _refuse(message: str, field: str = "reason") -> ActionRefused:
    return ActionRefused(message, problems=[(field, message)])


def why_not(user: StaffUser, concern: Concern, action: str) -> str | None:
    """Why this person may not take action on this case now (role, state, route, stage);
    None when they may. The case page offers only actions with no reason against them."""
    if action not in workflow.ACTIONS:
        return f"There is no action called {action!r}"
    if not user.roles & ACTION_ROLES.get(action, DEFAULT_ROLES):
        return "Your role cannot take this action on a case"
    route = workflow.Route(concern.route) if concern.route else None
    return workflow.refusal(action, workflow.State(concern.state), route=route, stage=concern.stage)


def offered_actions(user: StaffUser, concern: Concern) -> list[workflow.Action]:
    """The workflow's actions this person may take on this case now, in the table's order."""
    return [a for a in workflow.ACTIONS.values() if why_not(user, concern, a.name) is None]


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


def act(
    session: Session, actor: Actor[StaffUser], reference: str, data: ActionInput, *, now: datetime
) -> Concern:
    """Apply one workflow action to a case: checked, recorded on the timeline, clocks recomputed."""
    concern, user = case_for(session, actor, reference)
    # The table first: a typed URL for an action the case page does not offer is refused.
    refused = why_not(user, concern, data.action)
    if refused:
        raise _refuse(refused)
    reason = data.reason.strip()
    route = workflow.Route(concern.route) if concern.route else None
    new_route = (
        workflow.Route(data.route) if data.route in {r.value for r in workflow.Route} else None
    )
    problems = []
    if data.action == "triage" and new_route is None:
        problems.append(("route", "Choose a route"))
    if data.action in REASON_REQUIRED and not reason:
        problems.append(("reason", REASON_REQUIRED[data.action]))
    if problems:
        raise ActionRefused(". ".join(m for _, m in problems), problems=problems)
    try:
        move = workflow.next_state(
            data.action,
            workflow.State(concern.state),
            route=route,
            stage=concern.stage,
            pause_reason=data.pause_reason or None,
            new_route=new_route,
        )
    except workflow.TransitionRefused as exc:
        raise _refuse(str(exc)) from None
    event_data: dict[str, object] = {}
    stage = move.stage

    if data.action == "triage" and new_route not in (None, workflow.Route.SAFEGUARDING):
        seen = sorted(
            set(concern.item.risk_signals or ()) | set(case_risk(session, concern).signals)
        )
        if seen and not data.risk_checked:
            raise _refuse(
                "This case may show a risk to a child ("
                + ", ".join(seen)
                + "). Route it to safeguarding, or confirm you have checked the risk"
                " and say why in the reason"
            )
        if seen:
            event_data["risk_checked"] = seen
    if data.action in ("triage", "decide"):
        if new_route is not None:
            concern.route = new_route
            event_data["route"] = new_route.value
        if data.priority:
            if data.priority not in PRIORITIES:
                raise _refuse("Choose a priority from the list", "priority")
            concern.priority = data.priority
            event_data["priority"] = data.priority
        if data.action == "decide" and new_route not in (
            workflow.Route.STATUTORY,
            workflow.Route.CORPORATE,
        ):
            concern.outcome = workflow.Outcome.REFERRED
        if data.action == "triage" and new_route in workflow.CLOSING_ROUTES:
            concern.outcome = (
                workflow.Outcome.WITHDRAWN
                if new_route == workflow.Route.WITHDRAWN
                else workflow.Outcome.NO_REPLY_OWED
            )
    if data.action in ("triage", "assign"):
        _assign(session, concern, data, event_data)
    if data.action == "pause":
        if data.pause_reason not in {r.value for r in PauseReason}:
            raise _refuse(
                "Choose why the clock is paused: only the listed reasons can pause it",
                "pause_reason",
            )
        event_data["reason"] = data.pause_reason
    if data.action == "extend":
        policy = clocks.case_policy(concern)
        running = {c.name: c for c in clocks.compute(session, concern, now=now) if c.running}
        if policy is None or data.clock not in running:
            raise _refuse("Choose a running clock to extend", "clock")
        rule = policy.clock(data.clock)
        limit = rule.extension_limit or rule.target
        if data.target is None or not rule.target < data.target <= limit:
            raise _refuse(
                f"{rule.label} can be extended to between {rule.target + 1} and {limit} working days",
                "target",
            )
        event_data.update(clock=data.clock, target=data.target, reason=reason)
    if data.action == "respond":
        stage = concern.stage
    if data.action == "acknowledge":
        stage = concern.stage
    if data.action == "escalate":
        if data.assignee_id is None:
            raise _refuse(f"Choose the stage {stage} investigator", "assignee")
        earlier = _stage_investigator(session, concern, concern.stage)
        if data.assignee_id in (earlier, concern.assignee_id):
            raise _refuse(
                f"The stage {stage} investigator must be a different person from stage {concern.stage}",
                "assignee",
            )
        if route == workflow.Route.STATUTORY and stage == 2 and not data.independent_person.strip():
            raise _refuse(
                "Record the independent person for a statutory stage 2 investigation",
                "independent_person",
            )
        _assign(
            session,
            concern,
            ActionInput(action="assign", assignee_id=data.assignee_id, team_id=data.team_id),
            event_data,
        )
        if data.independent_person.strip():
            concern.independent_person = data.independent_person.strip()[:200]
            event_data["independent_person"] = concern.independent_person
    if data.action == "close":
        if data.outcome not in {o.value for o in workflow.CLOSING_OUTCOMES}:
            raise _refuse("Choose the outcome", "outcome")
        concern.outcome = data.outcome
        event_data["outcome"] = data.outcome
    if data.action == "link":
        other = _visible(session, user, data.duplicate_of.strip().upper())
        if other.id == concern.id:
            raise _refuse("A case cannot be linked to itself", "duplicate_of")
        event_data["related"] = other.reference
        # The link shows on both timelines; neither case changes otherwise.
        session.add(
            CaseEvent(
                concern_id=other.id,
                kind="linked",
                stage=other.stage,
                occurred_at=now,
                actor_id=user.id,
                reason=reason,
                data={"related": concern.reference},
            )
        )
    if data.action == "merge":
        survivor = _visible(session, user, data.duplicate_of.strip().upper())
        if survivor.id == concern.id:
            raise _refuse("A case cannot be a duplicate of itself", "duplicate_of")
        concern.duplicate_of_id = survivor.id
        concern.outcome = workflow.Outcome.DUPLICATE
        event_data["duplicate_of"] = survivor.reference
    if data.action in ("note", "message"):
        if not data.body.strip():
            raise _refuse(
                "Write the note" if data.action == "note" else "Write the message", "body"
            )
        event_data["body"] = data.body  # as typed
        # A call or message can reveal risk the form did not: flag it so nobody can miss it.
        noted = assess_risk(data.body)
        if flag_risk(concern, noted):
            event_data["risk_signals"] = list(noted.signals)
        if data.action == "message":
            event_data["status"] = "recorded"  # sent by the notifications work
    if move.state == workflow.State.CLOSED and concern.state != workflow.State.CLOSED:
        concern.closed_at = now
    if data.action == "reopen":
        concern.closed_at = None
        concern.outcome = None

    concern.state = move.state
    concern.stage = move.stage
    session.add(
        CaseEvent(
            concern_id=concern.id,
            kind=EVENT_KIND[data.action],
            stage=stage,
            occurred_at=now,
            actor_id=user.id,
            reason=reason or None,
            data=event_data,
        )
    )
    if data.action in ("triage", "decide") and move.state == workflow.State.CLOSED:
        session.add(
            CaseEvent(
                concern_id=concern.id,
                kind="closed",
                stage=stage,
                occurred_at=now,
                actor_id=user.id,
                data={"outcome": concern.outcome},
            )
        )
    session.flush()
    clocks.recompute(session, concern, now=now)
    _audit_case(session, actor, concern, actions.CASE_CHANGED, now, details={"action": data.action})
    return concern


AUTO_ASSIGN = -1  # "whoever in the team has the fewest open cases"


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


def _assign(
    session: Session, concern: Concern, data: ActionInput, event_data: dict[str, object]
) -> None:
    if data.team_id is not None:
        if session.get(Team, data.team_id) is None:
            raise _refuse("Choose a team from the list", "team")
        concern.team_id = data.team_id
        event_data["team_id"] = data.team_id
    if data.assignee_id == AUTO_ASSIGN:
        if concern.team_id is None:
            raise _refuse("Choose a team to share the work in", "team")
        chosen = least_loaded(session, concern.team_id)
        if chosen is None:
            raise _refuse("That team has no active caseworkers", "team")
        data = ActionInput(action=data.action, assignee_id=chosen)
        event_data["round_robin"] = True
    if data.assignee_id is not None:
        assignee = session.get(StaffUser, data.assignee_id)
        if (
            assignee is None
            or not assignee.is_active
            or not assignee.has_role(Role.CASEWORKER, Role.MANAGER)
        ):
            raise _refuse("Choose a caseworker or manager from the list", "assignee")
        concern.assignee_id = assignee.id
        event_data["assignee_id"] = assignee.id
        if data.team_id is None and assignee.team_id is not None:
            concern.team_id = assignee.team_id


def timeline(session: Session, concern: Concern) -> Sequence[CaseEvent]:
    """Every event on the case, newest first."""
    return list(reversed(clocks.events_of(session, concern)))


def add_learning_action(
    session: Session,
    actor: Actor[StaffUser],
    reference: str,
    *,
    description: str,
    owner_id: int | None,
    due_on: date | None,
    now: datetime,
) -> LearningAction:
    """What the council will change because of this case, with an owner and a date."""
    concern, _ = case_for(session, actor, reference)
    if not description.strip():
        raise _refuse("Describe what will change")
    if owner_id is not None and session.get(StaffUser, owner_id) is None:
        raise _refuse("Choose an owner from the list")
    action = LearningAction(
        item_id=concern.item_id,
        description=description,
        owner_id=owner_id,
        due_on=due_on,
        created_at=now,
    )
    session.add(action)
    session.add(
        CaseEvent(
            concern_id=concern.id,
            kind="learning",
            stage=concern.stage,
            occurred_at=now,
            actor_id=actor.id,
            data={"body": description, "due_on": due_on.isoformat() if due_on else None},
        )
    )
    session.flush()
    _audit_case(session, actor, concern, actions.CASE_CHANGED, now, details={"action": "learning"})
    return action


def complete_learning_action(
    session: Session, actor: Actor[StaffUser], reference: str, action_id: int, *, now: datetime
) -> None:
    """Mark one of a visible case's learning actions done."""
    concern, _ = case_for(session, actor, reference)
    action = session.get(LearningAction, action_id)
    if action is None or action.item_id != concern.item_id:
        raise NotFound("No such learning action on this case")
    if action.done_at is None:
        action.done_at = now
        session.add(
            CaseEvent(
                concern_id=concern.id,
                kind="learning-done",
                stage=concern.stage,
                occurred_at=now,
                actor_id=actor.id,
                data={"body": action.description},
            )
        )
        _audit_case(
            session, actor, concern, actions.CASE_CHANGED, now, details={"action": "learning-done"}
        )


def learning_actions(session: Session, concern: Concern) -> Sequence[LearningAction]:
    return session.scalars(
        select(LearningAction)
        .where(LearningAction.item_id == concern.item_id)
        .order_by(LearningAction.id)
    ).all()
