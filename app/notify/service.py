"""Queueing messages. Delivery (GOV.UK Notify) comes with the notifications work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.notify.models import Notification


def queue_email(
    session: Session, *, to: str, template: str, personalisation: dict[str, Any], now: datetime
) -> Notification:
    """Queue an email in the outbox, committed with whatever caused it."""
    message = Notification(
        channel="email",
        to_address=to,
        template=template,
        personalisation=personalisation,
        created_at=now,
    )
    session.add(message)
    session.flush()
    return message


def unsent(session: Session, *, limit: int = 100) -> Sequence[Notification]:
    """Messages not yet delivered, oldest first."""
    return session.scalars(
        select(Notification)
        .where(Notification.sent_at.is_(None))
        .order_by(Notification.id)
        .limit(limit)
    ).all()
