"""Keeping a case's stored clocks in step with its event log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.clock import LONDON
from app.sla import calendar
from app.sla import service as sla_service
from app.sla.clocks import Clock, ClockEvent, ClockState, compute_clocks
from app.sla.policy import Policy, Unit, policy_for
from app.triage.case import Concern
from app.triage.models import CaseClock, CaseEvent
from app.triage.workflow import Route

CLOCK_KINDS = frozenset(
    {
        "received",
        "acknowledged",
        "paused",
        "resumed",
        "extended",
        "escalated",
        "responded",
        "panel-held",
        "report-issued",
        "decided",
        "closed",
        "reopened",
    }
)
RESPONSE_CLOCKS = {
    1: ("stage-1-response",),
    2: ("stage-2-investigation", "stage-2-response"),
    3: ("stage-3-response", "stage-3-panel"),
}


def policy_code(route: str | None) -> str | None:
    """The policy whose clocks a route runs; untriaged concerns run the statutory clocks."""
    if route is None:
        return "statutory"
    if route in (Route.STATUTORY, Route.CORPORATE, Route.SAFEGUARDING):
        return str(route)
    return None


def case_policy(concern: Concern) -> Policy | None:
    code = policy_code(concern.route)
    if code is None:
        return None
    return policy_for(code, concern.policy_version if concern.policy_code == code else None)


def events_of(session: Session, concern: Concern) -> Sequence[CaseEvent]:
    return session.scalars(
        select(CaseEvent)
        .where(CaseEvent.concern_id == concern.id)
        .order_by(CaseEvent.occurred_at, CaseEvent.id)
    ).all()


def _policies(concern: Concern, events: Sequence[CaseEvent]) -> list[Policy]:
    """The route's policy, and the safeguarding decision clock for any case that ever had one.

    A safeguarding case re-routed as a complaint keeps its decision clock, so the
    timeliness of safeguarding decisions is never lost from the record.
    """
    policies = [p for p in (case_policy(concern),) if p is not None]
    was_safeguarding = any(
        e.kind == "decided" or (e.kind == "received" and e.data.get("safeguarding")) for e in events
    )
    if was_safeguarding and all(p.code != "safeguarding" for p in policies):
        policies.append(policy_for("safeguarding"))
    return policies


def compute(session: Session, concern: Concern, *, now: datetime) -> list[Clock]:
    """The case's clocks as they stand at now, straight from its events."""
    return [clock for _, clock in _compute(session, concern, now=now)]


def _compute(session: Session, concern: Concern, *, now: datetime) -> list[tuple[Policy, Clock]]:
    events = events_of(session, concern)
    clock_events = [
        ClockEvent(e.kind, e.occurred_at, e.stage, e.data) for e in events if e.kind in CLOCK_KINDS
    ]
    closures = sla_service.closure_days(session)
    return [
        (policy, clock)
        for policy in _policies(concern, events)
        for clock in compute_clocks(policy, clock_events, now=now, closures=closures)
    ]


def recompute_open(session: Session, *, now: datetime) -> int:
    """Recompute every open case's clocks (after the calendar changes); returns how many."""
    open_cases = session.scalars(select(Concern).where(Concern.state != "closed")).all()
    for concern in open_cases:
        recompute(session, concern, now=now)
    return len(open_cases)


def _due_soon_at(clock: Clock, due_soon: int, closures: frozenset[date] = frozenset()) -> datetime:
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


def recompute(session: Session, concern: Concern, *, now: datetime) -> list[Clock]:
    """Rewrite the stored clocks and the case's next deadline from the event log."""
    policy = case_policy(concern)
    concern.policy_code = policy.code if policy else None
    concern.policy_version = policy.version if policy else None
    closures = sla_service.closure_days(session)
    computed = _compute(session, concern, now=now)
    clocks = [clock for _, clock in computed]
    previous = {
        c.name: c
        for c in session.scalars(select(CaseClock).where(CaseClock.concern_id == concern.id))
    }
    session.execute(delete(CaseClock).where(CaseClock.concern_id == concern.id))
    running: list[tuple[datetime, datetime]] = []
    paused = False
    for clock_policy, clock in computed:
        rule = clock_policy.clock(clock.name)
        soon = _due_soon_at(clock, rule.due_soon, closures)
        finished = clock.state in (ClockState.MET, ClockState.MET_LATE, ClockState.STOPPED)
        old = previous.get(clock.name)
        session.add(
            CaseClock(
                concern_id=concern.id,
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
    concern.next_due_at = nearest[0] if nearest else None
    concern.next_due_soon_at = nearest[1] if nearest else None
    concern.clock_paused = paused
    # The dates the family sees when tracking follow the clocks.
    by_name = {c.name: c for c in clocks}
    if "acknowledgement" in by_name:
        concern.acknowledge_due_on = by_name["acknowledgement"].due_on
    for name in RESPONSE_CLOCKS.get(concern.stage, ()):
        if name in by_name:
            concern.response_due_on = by_name[name].due_on
            break
    session.flush()
    return clocks
