"""The council's calendar: closure days, and recomputing clocks when it changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Conflict, NotFound
from app.sla.models import ClosureDay


def closure_days(session: Session) -> frozenset[date]:
    """Every council closure day (a short list: a few a year)."""
    return frozenset(session.scalars(select(ClosureDay.day)))


def list_closures(session: Session) -> Sequence[ClosureDay]:
    return session.scalars(select(ClosureDay).order_by(ClosureDay.day.desc())).all()


def add_closure(
    session: Session, *, day: date, reason: str, actor_id: int | None, now: datetime
) -> ClosureDay:
    """Record a closure day; clocks running over it are recomputed by the caller."""
    if session.get(ClosureDay, day) is not None:
        raise Conflict("That day is already a closure day")
    if day.weekday() >= 5:
        raise Conflict("That day is a weekend: it is never a working day")
    closure = ClosureDay(
        day=day, reason=reason.strip()[:200], created_by_id=actor_id, created_at=now
    )
    session.add(closure)
    session.flush()
    return closure


def remove_closure(session: Session, day: date) -> None:
    closure = session.get(ClosureDay, day)
    if closure is None:
        raise NotFound("That day is not a closure day")
    session.delete(closure)
    session.flush()
