"""Counting failed attempts per key in a fixed window, kept in the database.

Used to slow down guessing (tracking codes now, sign-in later). Keys are hashed, so
the table holds no IP addresses or references. The database, not process memory,
holds the counts so that several server processes share them.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import String, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base


class ThrottleCounter(Base):
    """Failed attempts for a hashed key in the current window."""

    __tablename__ = "throttle_counter"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_started_at: Mapped[datetime]
    failures: Mapped[int] = mapped_column(default=0)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def seconds_blocked(
    session: Session, key: str, *, limit: int, window: timedelta, now: datetime
) -> int:
    """Seconds until key may try again; 0 if it may try now."""
    counter = session.get(ThrottleCounter, _hash(key))
    if counter is None or counter.window_started_at + window <= now:
        return 0
    if counter.failures < limit:
        return 0
    return max(1, int((counter.window_started_at + window - now).total_seconds()))


def record_failure(session: Session, key: str, *, window: timedelta, now: datetime) -> int:
    """Count one failure for key; returns the failures in the current window."""
    counter = session.get(ThrottleCounter, _hash(key))
    if counter is None:
        counter = ThrottleCounter(key_hash=_hash(key), window_started_at=now, failures=0)
        session.add(counter)
    elif counter.window_started_at + window <= now:
        counter.window_started_at, counter.failures = now, 0
    counter.failures += 1
    session.flush()
    return counter.failures


def purge_expired(session: Session, *, window: timedelta, now: datetime) -> int:
    """Delete counters whose window has passed."""
    result = session.execute(
        delete(ThrottleCounter).where(ThrottleCounter.window_started_at < now - window)
    )
    return int(getattr(result, "rowcount", 0) or 0)
