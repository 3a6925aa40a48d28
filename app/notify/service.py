"""Queueing messages. Delivery (GOV.UK Notify) comes with the notifications work.

The only place that creates Notification rows: one at a time (queue_email), or one per
row of a query (queue_emails) or of a list (queue_each), so a sweep over thousands of cases stays one statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Subquery, insert, literal, select
from sqlalchemy.orm import Session

from app.db import json_object
from app.notify.models import Notification


def queue_message(
    session: Session,
    *,
    channel: str,
    to: str,
    template: str,
    personalisation: dict[str, Any],
    now: datetime,
) -> Notification:
    """Queue one message ("email" or "sms") in the outbox, committed with whatever caused it."""
    message = Notification(
        channel=channel,
        to_address=to,
        template=template,
        personalisation=personalisation,
        created_at=now,
    )
    session.add(message)
    session.flush()
    return message


def queue_email(
    session: Session, *, to: str, template: str, personalisation: dict[str, Any], now: datetime
) -> Notification:
    """Queue an email in the outbox, committed with whatever caused it."""
    return queue_message(
        session, channel="email", to=to, template=template, personalisation=personalisation, now=now
    )


def queue_emails(
    session: Session,
    recipients: Subquery,
    *,
    template: str,
    personalisation: Sequence[str],
    now: datetime,
) -> int:
    """Queue an email per row of recipients (its `email` column), set-based; returns how many.

    The named columns of each row become that email's personalisation.
    """
    rows = select(
        literal("email"),
        recipients.c.email,
        literal(template),
        json_object(session, *(p for name in personalisation for p in (name, recipients.c[name]))),
        literal(now, type_=Notification.created_at.type),
    )
    # RETURNING counts the rows on every driver (psycopg reports no rowcount here).
    return len(
        session.execute(
            insert(Notification)
            .from_select(
                ["channel", "to_address", "template", "personalisation", "created_at"], rows
            )
            .returning(Notification.id)
        ).all()
    )


def queue_each(
    session: Session,
    messages: Sequence[tuple[str, dict[str, Any]]],
    *,
    template: str,
    now: datetime,
) -> int:
    """Queue one email per (address, personalisation), in one INSERT; returns how many.

    For messages whose words are made in Python (a signed link each, which SQL cannot
    make), so many still cost one statement rather than one each.
    """
    if not messages:
        return 0
    session.execute(
        insert(Notification),
        [
            {
                "channel": "email",
                "to_address": to,
                "template": template,
                "personalisation": personalisation,
                "created_at": now,
            }
            for to, personalisation in messages
        ],
    )
    return len(messages)


def unsent(session: Session, *, limit: int = 100) -> Sequence[Notification]:
    """Messages not yet delivered, oldest first."""
    return session.scalars(
        select(Notification)
        .where(Notification.sent_at.is_(None))
        .order_by(Notification.id)
        .limit(limit)
    ).all()
