"""Forum rows for tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.forum.models import ForumSession


def forum_session(
    session: Session,
    title: str,
    starts_at: datetime,
    *,
    cancelled: bool = False,
) -> ForumSession:
    row = ForumSession(
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        format="in-person",
        place="Guildhall",
        topics="",
        capacity=20,
        created_at=starts_at - timedelta(days=30),
        cancelled_at=starts_at - timedelta(days=1) if cancelled else None,
    )
    session.add(row)
    session.flush()
    return row
