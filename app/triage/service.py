"""Reading cases as staff: only what policy allows, and every look at personal data audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from app.audit import actions
from app.audit import service as audit
from app.audit.models import AuditEvent
from app.concerns.models import Concern, ConcernAttachment
from app.errors import NotFound
from app.staff import policy
from app.staff.models import StaffUser, Team
from app.staff.service import Actor

CASE_NOT_FOUND = "No case with that reference, or it is not one you can see"


def list_cases(
    session: Session, user: StaffUser, *, before_id: int | None = None, limit: int = 50
) -> Sequence[Concern]:
    """The cases this user may see, newest first (keyset paginated on id)."""
    query = (
        select(Concern)
        .options(defer(Concern.description), defer(Concern.desired_outcome))
        .where(policy.visible_cases(user))
        .order_by(Concern.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(Concern.id < before_id)
    return session.scalars(query).all()


def _visible(session: Session, user: StaffUser, reference: str) -> Concern:
    concern = session.scalars(select(Concern).where(Concern.reference == reference)).one_or_none()
    team = session.get(Team, concern.team_id) if concern and concern.team_id else None
    # Out of reach and not there look the same: no case is found by guessing references.
    if concern is None or not policy.can_view_case(user, concern, team):
        raise NotFound(CASE_NOT_FOUND)
    return concern


def view_case(session: Session, actor: Actor, reference: str, *, now: datetime) -> Concern:
    """A case with its personal data, for a user allowed to see it; the look is audited."""
    assert actor.user is not None
    concern = _visible(session, actor.user, reference)
    audit.record(
        session,
        action=actions.CASE_VIEWED,
        now=now,
        actor_id=actor.id,
        actor_label=actor.label,
        ip=actor.ip,
        target_type="case",
        target_id=concern.reference,
    )
    return concern


def download_attachment(
    session: Session, actor: Actor, reference: str, attachment_id: int, *, now: datetime
) -> ConcernAttachment:
    """One of a visible case's files; the download is audited."""
    assert actor.user is not None
    concern = _visible(session, actor.user, reference)
    attachment = session.scalars(
        select(ConcernAttachment).where(
            ConcernAttachment.id == attachment_id, ConcernAttachment.concern_id == concern.id
        )
    ).one_or_none()
    if attachment is None:
        raise NotFound("No such file on this case")
    audit.record(
        session,
        action=actions.ATTACHMENT_DOWNLOADED,
        now=now,
        actor_id=actor.id,
        actor_label=actor.label,
        ip=actor.ip,
        target_type="case",
        target_id=concern.reference,
        details={"attachment": attachment.id},
    )
    return attachment


def case_access_log(session: Session, reference: str) -> Sequence[AuditEvent]:
    """Who has looked at a case or downloaded its files, newest first."""
    return audit.for_target(
        session, "case", reference, actions=[actions.CASE_VIEWED, actions.ATTACHMENT_DOWNLOADED]
    )
