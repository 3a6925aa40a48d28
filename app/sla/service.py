"""The council's calendar: closure days, and recomputing clocks when it changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import actions
from app.audit import service as audit
from app.audit.service import Actor
from app.errors import Conflict, NotFound, ServiceError
from app.sla.models import ClosureDay


class ClosureRefused(ServiceError):
    """A closure day cannot be added; problems are (field, message) pairs for the form."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems[0][1])
        self.problems = problems


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


# Recomputes every open clock over the new calendar and says how many: the case domain's
# (it sits above sla, so the page that changes the calendar passes it in).
Recompute = Callable[[Session, datetime], int]


def _calendar_changed(
    session: Session,
    actor: Actor[Any],
    day: str,
    *,
    added: bool,
    recompute: Recompute,
    now: datetime,
) -> None:
    """Recompute the open cases' clocks over the new calendar, and audit the change."""
    recomputed = recompute(session, now)
    audit.record(
        session,
        actor,
        action=actions.CALENDAR_CHANGED,
        now=now,
        target_type="closure-day",
        target_id=day,
        details={"added": added, "recomputed": recomputed},
    )


def add_closure_day(
    session: Session,
    *,
    day: str,
    reason: str,
    actor: Actor[Any],
    recompute: Recompute,
    now: datetime,
) -> ClosureDay:
    """An administrator's new closure day (day as YYYY-MM-DD), or ClosureRefused."""
    problems = []
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        problems.append(("day", "Enter the date as YYYY-MM-DD, for example 2026-12-29"))
    if not reason:
        problems.append(("reason", "Enter why the council is closed"))
    if problems:
        raise ClosureRefused(problems)
    try:
        closure = add_closure(session, day=parsed, reason=reason, actor_id=actor.id, now=now)
    except Conflict as exc:
        raise ClosureRefused([("day", exc.message)]) from None
    _calendar_changed(session, actor, parsed.isoformat(), added=True, recompute=recompute, now=now)
    return closure


def remove_closure_day(
    session: Session, *, day: str, actor: Actor[Any], recompute: Recompute, now: datetime
) -> None:
    """Make a closure day a working day again; a day that is not a date is ignored.

    NotFound if the date is not a closure day.
    """
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return
    remove_closure(session, parsed)
    _calendar_changed(session, actor, day, added=False, recompute=recompute, now=now)
