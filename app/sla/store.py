"""The database side of the clocks: computed from a case's clock events, stored as CaseClock.

The case domain (app.triage.clocks) says which policies a case runs and hands over its
events; this module reads the calendar, computes the clocks and rewrites the stored rows,
so the queues and the sweep can work in SQL. The stored rows are never edited by hand:
they are replaced whole after every event, keeping only the sweep's memory of its alerts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.clock import LONDON
from app.sla import calendar, service
from app.sla.engine import Clock, ClockEvent, ClockState, compute_clocks
from app.sla.models import CaseClock
from app.sla.policy import Policy, Unit

FINISHED = (ClockState.MET, ClockState.MET_LATE, ClockState.STOPPED)


@dataclass(frozen=True)
class Standing:
    """What a case shows of its clocks: the nearest running deadline, and any pause."""

    next_due_at: datetime | None
    next_due_soon_at: datetime | None
    paused: bool


def compute(
    session: Session, policies: Iterable[Policy], events: Sequence[ClockEvent], *, now: datetime
) -> list[tuple[Policy, Clock]]:
    """Each policy's clocks as they stand at now, counted over the council's calendar."""
    closures = service.closure_days(session)
    return [
        (policy, clock)
        for policy in policies
        for clock in compute_clocks(policy, events, now=now, closures=closures)
    ]


def due_soon_at(clock: Clock, due_soon: int, closures: frozenset[date] = frozenset()) -> datetime:
    """The moment a clock starts to show 'due soon'."""
    if clock.unit == Unit.HOURS:
        return clock.due_at - timedelta(hours=4)
    day: date = clock.due_on
    for _ in range(due_soon):
        previous = day - timedelta(days=1)
        while not calendar.is_working_day(previous, closures):
            previous -= timedelta(days=1)
        day = previous
    return datetime.combine(day, time.min, tzinfo=LONDON)


def store(session: Session, case_id: int, computed: Sequence[tuple[Policy, Clock]]) -> Standing:
    """Replace the case's stored clocks with these; returns what the case should show."""
    closures = service.closure_days(session)
    previous = {
        c.name: c for c in session.scalars(select(CaseClock).where(CaseClock.concern_id == case_id))
    }
    session.execute(delete(CaseClock).where(CaseClock.concern_id == case_id))
    running: list[tuple[datetime, datetime]] = []
    paused = False
    for clock_policy, clock in computed:
        rule = clock_policy.clock(clock.name)
        soon = due_soon_at(clock, rule.due_soon, closures)
        finished = clock.state in FINISHED
        old = previous.get(clock.name)
        session.add(
            CaseClock(
                concern_id=case_id,
                name=clock.name,
                policy_code=clock_policy.code,
                policy_version=clock_policy.version,
                started_at=clock.started_at,
                target=clock.target,
                paused_days=clock.paused_days,
                paused=clock.state == ClockState.PAUSED,
                due_on=clock.due_on,
                due_at=clock.due_at,
                due_soon_at=soon,
                stopped_at=clock.stopped_at,
                outcome=str(clock.state) if finished else None,
                alerted_state=old.alerted_state if old else None,
                alerted_at=old.alerted_at if old else None,
            )
        )
        if clock.state == ClockState.PAUSED:
            paused = True
        elif not finished:
            running.append((clock.due_at, soon))
    nearest = min(running, default=None)
    return Standing(
        next_due_at=nearest[0] if nearest else None,
        next_due_soon_at=nearest[1] if nearest else None,
        paused=paused,
    )
