"""Keeping a case's stored clocks in step with its event log.

The case's side: which policies its route runs, which of its events the clocks count,
and the dates the case shows. Computing and storing the clocks is the SLA's
(app.sla.store); this module hands it the events and copies back the case's standing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sla import store
from app.sla.engine import Clock, ClockEvent
from app.sla.policy import Policy, policy_for
from app.triage.case import Concern
from app.triage.models import CaseEvent
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
    return store.compute(session, _policies(concern, events), clock_events, now=now)


def recompute_open(session: Session, *, now: datetime) -> int:
    """Recompute every open case's clocks (after the calendar changes); returns how many."""
    open_cases = session.scalars(select(Concern).where(Concern.state != "closed")).all()
    for concern in open_cases:
        recompute(session, concern, now=now)
    return len(open_cases)


def recompute(session: Session, concern: Concern, *, now: datetime) -> list[Clock]:
    """Rewrite the stored clocks and the case's next deadline from the event log."""
    policy = case_policy(concern)
    concern.policy_code = policy.code if policy else None
    concern.policy_version = policy.version if policy else None
    computed = _compute(session, concern, now=now)
    clocks = [clock for _, clock in computed]
    standing = store.store(session, concern.id, computed)
    concern.next_due_at = standing.next_due_at
    concern.next_due_soon_at = standing.next_due_soon_at
    concern.clock_paused = standing.paused
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
