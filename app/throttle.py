"""Counting failed attempts per key, and blocking a key for a while past a limit.

Used to slow down guessing: tracking codes (per client), and staff passwords and
one-time codes together (per account and per client).
Keys are hashed, so the table holds no IP addresses, emails or references. The
database, not process memory, holds the counts so that several server processes
share them. A key unknown to the service (an email with no account) is counted and
blocked exactly like a known one, so the answers never tell which exist.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import String, delete, or_
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base


class ThrottleCounter(Base):
    """Failed attempts for a hashed key in the current window, and any block in force."""

    __tablename__ = "throttle_counter"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_started_at: Mapped[datetime]
    failures: Mapped[int] = mapped_column(default=0)
    blocked_until: Mapped[datetime | None]


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def seconds_blocked(session: Session, key: str, *, now: datetime) -> int:
    """Seconds until key may try again; 0 if it may try now."""
    counter = session.get(ThrottleCounter, _hash(key))
    if counter is None or counter.blocked_until is None or counter.blocked_until <= now:
        return 0
    return max(1, int((counter.blocked_until - now).total_seconds()))


def record_failure(
    session: Session, key: str, *, limit: int, window: timedelta, block: timedelta, now: datetime
) -> bool:
    """Count one failure for key; True if this failure reached the limit and blocked it."""
    counter = session.get(ThrottleCounter, _hash(key))
    if counter is None:
        counter = ThrottleCounter(key_hash=_hash(key), window_started_at=now, failures=0)
        session.add(counter)
    elif counter.window_started_at + window <= now:
        counter.window_started_at, counter.failures = now, 0
    counter.failures += 1
    blocked = counter.failures >= limit
    if blocked:
        # A new window starts when the block ends: the next failure counts from one again.
        counter.blocked_until = now + block
        counter.window_started_at, counter.failures = now + block, 0
    session.flush()
    return blocked


def clear(session: Session, key: str) -> None:
    """Forget the failures of key (after a success)."""
    session.execute(delete(ThrottleCounter).where(ThrottleCounter.key_hash == _hash(key)))


def purge_expired(session: Session, *, window: timedelta, now: datetime) -> int:
    """Delete counters whose window and block have both passed."""
    result = session.execute(
        delete(ThrottleCounter).where(
            ThrottleCounter.window_started_at < now - window,
            or_(ThrottleCounter.blocked_until.is_(None), ThrottleCounter.blocked_until < now),
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
