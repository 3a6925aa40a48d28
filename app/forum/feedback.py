"""Forum feedback in: a family item of kind forum-feedback, and the case that handles it
in the one triage queue (source forum, route feedback unless its words suggest risk).
Services flush, never commit: the route commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.concerns import service as intake
from app.concerns.models import Source
from app.errors import NotFound
from app.forum.feedback_models import Channel, ForumFeedback
from app.forum.models import ForumSession
from app.forum.schemas import FeedbackCreate
from app.items.models import FamilyItem, ItemKind
from app.triage.case import Concern
from app.triage.workflow import Route


def record_feedback(
    session: Session,
    data: FeedbackCreate,
    *,
    channel: Channel,
    now: datetime,
    entered_by_id: int | None = None,
) -> tuple[Concern, str]:
    """Store one piece of feedback whole and open its case; returns the case and its
    tracking code (shown once, if at all: feedback owes no reply until it becomes a concern).

    Screened for risk exactly as a concern is (concerns.service.take_in): a risk seen
    sends it to safeguarding at once.
    """
    if data.session_id is not None and session.get(ForumSession, data.session_id) is None:
        raise NotFound("There is no forum session with that number")
    item = FamilyItem(
        kind=ItemKind.FORUM_FEEDBACK,
        role=data.role,
        on_behalf_of_child=False,
        description=data.feedback,
        anonymous=data.anonymous,
        contact_name=data.contact_name,
        contact_email=data.contact_email,
        contact_phone=data.contact_phone,
        preferred_contact=data.preferred_contact(),
        consent_to_share=data.consent_to_share,
    )
    with session.begin_nested():
        case, tracking_code = intake.take_in(
            session, item, source=Source.FORUM, route=Route.FEEDBACK, now=now
        )
        session.add(
            ForumFeedback(
                item_id=item.id,
                session_id=data.session_id,
                channel=channel,
                entered_by_id=entered_by_id,
                created_at=now,
            )
        )
        session.flush()
    return case, tracking_code
