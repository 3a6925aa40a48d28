"""Reading cases as staff: only what policy allows, and every look at personal data audited."""

from __future__ import annotations

from collections.abc import Sequence
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
from app.staff.models import StaffUser, Team
from app.taxonomy import service as taxonomy
from app.text.risk import RiskAssessment, assess_risk
from app.triage import clocks, visibility, workflow
from app.triage.case import Concern, ConcernAttachment, by_reference
from app.triage.models import CaseEvent, CaseTheme, LearningAction


def audit_case(
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


def record_event(
    session: Session,
    concern: Concern,
    kind: str,
    *,
    now: datetime,
    actor_id: int | None = None,
    reason: str | None = None,
    data: dict[str, object] | None = None,
) -> CaseEvent:
    """Put one event on a case's timeline, at the stage the case is at now."""
    event = CaseEvent(
        concern_id=concern.id,
        kind=kind,
        stage=concern.stage,
        occurred_at=now,
        actor_id=actor_id,
        reason=reason,
        data=data or {},
    )
    session.add(event)
    return event


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


def visible_case(session: Session, user: StaffUser, reference: str) -> Concern:
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
    return visible_case(session, actor.user, reference), actor.user


def view_case(
    session: Session, actor: Actor[StaffUser], reference: str, *, now: datetime
) -> Concern:
    """A case with its personal data, for a user allowed to see it; the look is audited."""
    concern, _ = case_for(session, actor, reference)
    audit_case(session, actor, concern, actions.CASE_VIEWED, now)
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
    audit_case(
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
        raise refuse("Choose themes from the list")
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
    record_event(
        session,
        concern,
        "themes",
        now=now,
        actor_id=actor.id,
        data={"before": before, "after": sorted(set(codes) | set(kept))},
    )
    session.flush()
    audit_case(session, actor, concern, actions.CASE_CHANGED, now, details={"action": "themes"})
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
    record_event(
        session,
        concern,
        "received",
        now=concern.item.received_at,
        data={"safeguarding": concern.safeguarding},
    )
    session.flush()
    suggest_themes(session, concern, now=now)
    clocks.recompute(session, concern, now=now)


class ActionRefused(ServiceError):
    """An action not taken; problems name the form field each message is about."""

    status_code = 409

    def __init__(self, message: str, *, problems: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems) or [("reason", message)]


# The queue filters on these; the triage and decide forms offer them.
PRIORITIES = workflow.PRIORITIES


def refuse(message: str, field: str = "reason") -> ActionRefused:
    return ActionRefused(message, problems=[(field, message)])


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
        raise refuse("Describe what will change")
    if owner_id is not None and session.get(StaffUser, owner_id) is None:
        raise refuse("Choose an owner from the list")
    action = LearningAction(
        item_id=concern.item_id,
        description=description,
        owner_id=owner_id,
        due_on=due_on,
        created_at=now,
    )
    session.add(action)
    record_event(
        session,
        concern,
        "learning",
        now=now,
        actor_id=actor.id,
        data={"body": description, "due_on": due_on.isoformat() if due_on else None},
    )
    session.flush()
    audit_case(session, actor, concern, actions.CASE_CHANGED, now, details={"action": "learning"})
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
        record_event(
            session,
            concern,
            "learning-done",
            now=now,
            actor_id=actor.id,
            data={"body": action.description},
        )
        audit_case(
            session, actor, concern, actions.CASE_CHANGED, now, details={"action": "learning-done"}
        )


def learning_actions(session: Session, concern: Concern) -> Sequence[LearningAction]:
    return session.scalars(
        select(LearningAction)
        .where(LearningAction.item_id == concern.item_id)
        .order_by(LearningAction.id)
    ).all()
