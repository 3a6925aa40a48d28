"""The sweep: find clocks that are overdue or due soon, and make sure someone hears of it.

Set-based: three statements, whatever the number of cases — record an escalation event
on each case, queue an email to its assignee and their team's managers, and remember the
alert on the clock. A clock is alerted again only when its state changes (due soon, then
overdue) or when the cadence has passed since the last alert: not once ever, not every
sweep. Several server instances may sweep at once: on PostgreSQL each sweep takes an
advisory lock, and one that cannot get it does nothing; SQLite serves one instance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, insert, literal, or_, select, true, update
from sqlalchemy.orm import Session

from app.concerns.models import Concern
from app.notify.models import Notification
from app.staff.models import Role, StaffUser, UserRole
from app.triage.models import CaseClock, CaseEvent
from app.triage.workflow import State

SWEEP_LOCK_KEY = 0x4656535745455000  # "FVSWEEP"


@dataclass(frozen=True)
class SweepResult:
    ran: bool
    alerts: int
    notifications: int


def _state(now: datetime) -> ColumnElement[str | None]:
    return case(
        (CaseClock.due_at < now, literal("overdue")),
        (CaseClock.due_soon_at <= now, literal("due-soon")),
        else_=literal(None),
    )


def _json(session: Session, *pairs: object) -> ColumnElement[object]:
    name = "json_build_object" if session.get_bind().dialect.name == "postgresql" else "json_object"
    return getattr(func, name)(*pairs)  # type: ignore[no-any-return]


def sweep(session: Session, *, now: datetime, cadence: timedelta) -> SweepResult:
    """Alert on every clock that needs it now; safe to run as often and as widely as wanted."""
    if session.get_bind().dialect.name == "postgresql":
        got = session.scalar(select(func.pg_try_advisory_xact_lock(SWEEP_LOCK_KEY)))
        if not got:
            return SweepResult(ran=False, alerts=0, notifications=0)
    state = _state(now)
    due = and_(
        CaseClock.concern_id == Concern.id,
        Concern.state != State.CLOSED,
        CaseClock.stopped_at.is_(None),
        CaseClock.outcome.is_(None),
        CaseClock.paused.is_(False),
        state.is_not(None),
        or_(
            CaseClock.alerted_state.is_(None),
            CaseClock.alerted_state != state,
            CaseClock.alerted_at < now - cadence,
        ),
    )
    alerts = select(
        CaseClock.concern_id,
        literal("escalation"),
        Concern.stage,
        literal(now, type_=CaseEvent.occurred_at.type),
        _json(session, "clock", CaseClock.name, "state", state),
    ).where(due)
    # RETURNING counts the rows on every driver (psycopg reports no rowcount here).
    added = len(
        session.execute(
            insert(CaseEvent)
            .from_select(["concern_id", "kind", "stage", "occurred_at", "data"], alerts)
            .returning(CaseEvent.id)
        ).all()
    )

    # The assignee, and the managers of the case's team; a case nobody holds yet goes
    # to the triage officers, whose queue it is still in.
    assignee = select(
        StaffUser.email.label("email"), CaseClock.concern_id, CaseClock.name, state.label("state")
    ).where(due, StaffUser.id == Concern.assignee_id, StaffUser.is_active.is_(True))
    managers = select(
        StaffUser.email.label("email"), CaseClock.concern_id, CaseClock.name, state.label("state")
    ).where(
        due,
        UserRole.user_id == StaffUser.id,
        UserRole.role == Role.MANAGER.value,
        StaffUser.is_active.is_(True),
        StaffUser.team_id.is_not(None),
        StaffUser.team_id == Concern.team_id,
    )
    triage = (
        select(
            StaffUser.email.label("email"),
            CaseClock.concern_id,
            CaseClock.name,
            state.label("state"),
        )
        # Every triage officer for every such case: a cross join, on purpose.
        .select_from(CaseClock)
        .join(Concern, Concern.id == CaseClock.concern_id)
        .join(StaffUser, true())
    ).where(
        due,
        Concern.assignee_id.is_(None),
        Concern.team_id.is_(None),
        UserRole.user_id == StaffUser.id,
        UserRole.role == Role.TRIAGE.value,
        StaffUser.is_active.is_(True),
    )
    recipients = assignee.union(managers, triage).subquery()
    messages = select(
        literal("email"),
        recipients.c.email,
        literal("clock-alert"),
        _json(
            session,
            "reference",
            Concern.reference,
            "clock",
            recipients.c.name,
            "state",
            recipients.c.state,
        ),
        literal(now, type_=Notification.created_at.type),
    ).where(Concern.id == recipients.c.concern_id)
    sent = len(
        session.execute(
            insert(Notification)
            .from_select(
                ["channel", "to_address", "template", "personalisation", "created_at"], messages
            )
            .returning(Notification.id)
        ).all()
    )

    concern_ids = select(Concern.id).where(Concern.state != State.CLOSED)
    session.execute(
        update(CaseClock)
        .where(
            CaseClock.concern_id.in_(concern_ids),
            CaseClock.stopped_at.is_(None),
            CaseClock.outcome.is_(None),
            CaseClock.paused.is_(False),
            state.is_not(None),
            or_(
                CaseClock.alerted_state.is_(None),
                CaseClock.alerted_state != state,
                CaseClock.alerted_at < now - cadence,
            ),
        )
        .values(alerted_state=state, alerted_at=now)
        .execution_options(synchronize_session=False)
    )
    return SweepResult(ran=True, alerts=int(added), notifications=int(sent))
