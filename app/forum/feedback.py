"""Forum feedback in: a family item of kind forum-feedback, and the case that handles it
in the one triage queue (source forum, route feedback unless its words suggest risk).
Services flush, never commit: the route commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import throttle
from app.concerns import idempotency
from app.concerns import service as intake
from app.concerns.models import Source
from app.config import get_settings
from app.errors import NotFound, TooManyAttempts
from app.forum.feedback_models import Channel, ForumFeedback
from app.forum.models import ForumSession
from app.forum.schemas import FeedbackCreate, FeedbackReceipt
from app.items.models import FamilyItem, ItemKind
from app.triage.case import Concern
from app.triage.workflow import Route

# Feedback names a session that has begun: one still to come cannot have been heard yet.
RECENT_SESSIONS = timedelta(days=183)
SCOPE = "feedback"
CONFLICT = (
    "This Idempotency-Key was already used for different feedback. Use a new key for new feedback."
)


class UnknownSession(NotFound):
    """The session named is not one feedback can be about (none, or not yet begun)."""


@dataclass(frozen=True)
class FeedbackSubmission:
    receipt: FeedbackReceipt
    replayed: bool  # True when an earlier identical request's answer was returned


def _can_be_about(forum_session: ForumSession | None, now: datetime) -> bool:
    return forum_session is not None and forum_session.starts_at <= now


def sessions_to_choose(session: Session, *, now: datetime) -> Sequence[ForumSession]:
    """The sessions someone may say their feedback is about: begun, in the last half year,
    not cancelled; the newest first."""
    return session.scalars(
        select(ForumSession)
        .where(
            ForumSession.starts_at <= now,
            ForumSession.starts_at > now - RECENT_SESSIONS,
            ForumSession.cancelled_at.is_(None),
        )
        .order_by(ForumSession.starts_at.desc(), ForumSession.id.desc())
    ).all()


def give_feedback(
    session: Session,
    data: FeedbackCreate,
    *,
    channel: Channel,
    now: datetime,
    client: str,
    idempotency_key: str | None = None,
) -> FeedbackSubmission:
    """Feedback from a family (the online form, the API): stored once per idempotency key,
    as a concern is (concerns/idempotency.py), and throttled per client.

    A repeat with the same key and words gets the first receipt back and is not counted.
    """
    settings = get_settings()
    key = f"feedback:client:{client}"
    wait = throttle.seconds_blocked(session, key, now=now)
    if wait and not (
        idempotency_key and idempotency.find(session, SCOPE, idempotency_key, now=now)
    ):
        minutes = max(1, -(-wait // 60))
        raise TooManyAttempts(
            f"You have sent a lot of feedback in a short time. Wait {minutes} "
            f"minute{'s' if minutes > 1 else ''} and try again.",
            retry_after_seconds=wait,
        )

    def make() -> tuple[int, dict[str, Any]]:
        case, code = record_feedback(session, data, channel=channel, now=now)
        receipt = FeedbackReceipt(
            reference=case.reference, safeguarding=case.safeguarding, tracking_code=code
        )
        return case.id, receipt.model_dump(mode="json")

    answer = idempotency.once(
        session,
        scope=SCOPE,
        key=idempotency_key,
        body=data.model_dump(mode="json"),
        now=now,
        make=make,
        conflict=CONFLICT,
    )
    if not answer.replayed:
        window = timedelta(minutes=settings.feedback_window_minutes)
        throttle.record_failure(
            session, key, limit=settings.feedback_per_client, window=window, block=window, now=now
        )
    return FeedbackSubmission(FeedbackReceipt.model_validate(answer.response), answer.replayed)


def find_receipt(
    session: Session, idempotency_key: str, *, now: datetime
) -> FeedbackReceipt | None:
    """The receipt first given for this key (the web form's token), while it is kept."""
    response = idempotency.find(session, SCOPE, idempotency_key, now=now)
    return None if response is None else FeedbackReceipt.model_validate(response)


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
    if data.session_id is not None and not _can_be_about(
        session.get(ForumSession, data.session_id), now
    ):
        raise UnknownSession("There is no forum session with that number")
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
