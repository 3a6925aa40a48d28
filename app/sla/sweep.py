"""The sweep: find clocks that are overdue or due soon, and make sure someone hears of it.

Set-based: three statements, whatever the number of cases — record an escalation event
on each case, queue an email to whoever the case domain says should hear of it, and
remember the alert on the clock. A clock is alerted again only when its state changes
(due soon, then overdue) or when the cadence has passed since the last alert: not once
ever, not every sweep. Several server instances may sweep at once: on PostgreSQL each
sweep takes an advisory lock, and one that cannot get it does nothing; SQLite serves one
instance.

The SLA owns the clocks, not the cases: which cases are open, what goes on a case's
timeline and who is told are asked of the case domain through `Cases` (app.triage.alerts
answers), so this module imports nothing above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from app.notify import service as notify
from app.sla.models import CaseClock

SWEEP_LOCK_KEY = 0x4656535745455000  # "FVSWEEP"
TEMPLATE = "clock-alert"


@dataclass(frozen=True)
class SweepResult:
    ran: bool
    alerts: int
    notifications: int


class Cases(Protocol):
    """What the sweep asks of the case domain. `due` has concern_id, clock and state."""

    def open_cases(self) -> Select[int]:
        """The ids of the cases whose clocks may still alert (not closed)."""
        ...

    def record_alerts(self, session: Session, due: Subquery, *, now: datetime) -> int:
        """Put an escalation for each due clock on its case's timeline; returns how many."""
        ...

    def recipients(self, due: Subquery) -> Select[Any]:
        """Who hears of each due clock: email, reference, clock, state; one row a person."""
        ...


def _state(now: datetime) -> ColumnElement[str | None]:
    return case(
        (CaseClock.due_at < now, literal("overdue")),
        (CaseClock.due_soon_at <= now, literal("due-soon")),
        else_=literal(None),
    )


def sweep(session: Session, *, now: datetime, cadence: timedelta, cases: Cases) -> SweepResult:
    """Alert on every clock that needs it now; safe to run as often and as widely as wanted."""
    if session.get_bind().dialect.name == "postgresql":
        got = session.scalar(select(func.pg_try_advisory_xact_lock(SWEEP_LOCK_KEY)))
        if not got:
            return SweepResult(ran=False, alerts=0, notifications=0)
    state = _state(now)
    needs_alert = and_(
        CaseClock.concern_id.in_(cases.open_cases()),
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
    due = (
        select(CaseClock.concern_id, CaseClock.name.label("clock"), state.label("state"))
        .where(needs_alert)
        .subquery("due")
    )
    added = cases.record_alerts(session, due, now=now)
    sent = notify.queue_emails(
        session,
        cases.recipients(due).subquery("recipients"),
        template=TEMPLATE,
        personalisation=("reference", "clock", "state"),
        now=now,
    )
    session.execute(
        update(CaseClock)
        .where(needs_alert)
        .values(alerted_state=state, alerted_at=now)
        .execution_options(synchronize_session=False)
    )
    return SweepResult(ran=True, alerts=added, notifications=sent)
