"""What was said at a forum meeting, entered one item at a time by its facilitator (or a
manager): forum feedback of channel meeting, with who typed it, screened for risk as
every item is (take_in, through feedback.record_feedback). Services flush, never commit."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.audit import actions as audit_actions
from app.audit import service as audit
from app.audit.service import Actor
from app.concerns import idempotency
from app.errors import NotFound
from app.forum import feedback
from app.forum.feedback import record_feedback
from app.forum.feedback_models import Channel
from app.forum.models import ForumSession
from app.forum.schemas import FeedbackCreate
from app.staff.models import Role, StaffUser

NO_SESSION = "There is no forum session with that number, or it is not yours to enter"


def may_enter(roles: Collection[str], user_id: int, forum_session: ForumSession) -> bool:
    """A manager may enter feedback for any session; a facilitator for a session that has
    no facilitator named or names them."""
    if Role.MANAGER in roles:
        return True
    return Role.FACILITATOR in roles and forum_session.facilitator_id in (None, user_id)


def sessions_to_enter(session: Session, user: StaffUser, *, now: datetime) -> list[ForumSession]:
    """The recent sessions (begun, not cancelled) this user may enter feedback for."""
    offered = feedback.sessions_to_choose(session, now=now)
    return [s for s in offered if may_enter(user.roles, user.id, s)]


def session_to_enter(
    session: Session, user: StaffUser, session_id: int, *, now: datetime
) -> ForumSession:
    """The forum session this user may enter feedback for: one that has begun. Out of
    reach and not there look the same."""
    found = session.get(ForumSession, session_id)
    if found is None or found.starts_at > now or not may_enter(user.roles, user.id, found):
        raise NotFound(NO_SESSION)
    return found


SCOPE = "meeting-feedback"
CONFLICT = "This form was already saved with other words"


@dataclass(frozen=True)
class Entered:
    reference: str
    safeguarding: bool
    replayed: bool  # the same form saved again: nothing new was stored


def enter_feedback(
    session: Session,
    actor: Actor[StaffUser],
    session_id: int,
    data: FeedbackCreate,
    *,
    now: datetime,
    idempotency_key: str | None = None,
) -> Entered:
    """One item heard at the meeting, stored whole with its case, once per form (the
    concerns' idempotency, scoped to the person entering); the entry is audited."""
    user = actor.user
    if user is None:
        raise NotFound(NO_SESSION)
    forum_session = session_to_enter(session, user, session_id, now=now)
    data = data.model_copy(update={"session_id": forum_session.id})

    def make() -> tuple[int, dict[str, Any]]:
        case, _ = record_feedback(
            session, data, channel=Channel.MEETING, now=now, entered_by_id=user.id
        )
        audit.record(
            session,
            actor,
            action=audit_actions.FORUM_FEEDBACK_ENTERED,
            now=now,
            target_type="case",
            target_id=case.reference,
            details={"forum_session": forum_session.id, "safeguarding": case.safeguarding},
        )
        return case.id, {"reference": case.reference, "safeguarding": case.safeguarding}

    answer = idempotency.once(
        session,
        scope=SCOPE,
        key=f"{user.id}:{idempotency_key}" if idempotency_key else None,
        body=data.model_dump(mode="json"),
        now=now,
        make=make,
        conflict=CONFLICT,
    )
    return Entered(
        reference=str(answer.response["reference"]),
        safeguarding=bool(answer.response["safeguarding"]),
        replayed=answer.replayed,
    )
