"""The case domain's side of the SLA sweep: open cases, escalations, and who is told.

app.sla.sweep finds the clocks due or overdue; this module answers its `Cases` questions
in SQL, so the whole sweep stays three statements whatever the number of cases.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, insert, literal, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from app.db import json_object
from app.sla import sweep as sla_sweep
from app.staff.models import Role, StaffUser, UserRole
from app.triage.case import Concern
from app.triage.models import CaseEvent
from app.triage.workflow import State


class CaseAlerts:
    """app.sla.sweep.Cases for the cases of this service."""

    def open_cases(self) -> Select[int]:
        return select(Concern.id).where(Concern.state != State.CLOSED)

    def record_alerts(self, session: Session, due: Subquery, *, now: datetime) -> int:
        events = select(
            due.c.concern_id,
            literal("escalation"),
            Concern.stage,
            literal(now, type_=CaseEvent.occurred_at.type),
            json_object(session, "clock", due.c.clock, "state", due.c.state),
        ).where(Concern.id == due.c.concern_id)
        # RETURNING counts the rows on every driver (psycopg reports no rowcount here).
        return len(
            session.execute(
                insert(CaseEvent)
                .from_select(["concern_id", "kind", "stage", "occurred_at", "data"], events)
                .returning(CaseEvent.id)
            ).all()
        )

    def recipients(self, due: Subquery) -> Select[Any]:
        """The assignee, and the managers of the case's team; a case nobody holds yet goes
        to the triage officers, whose queue it is still in."""
        columns = (StaffUser.email.label("email"), due.c.concern_id, due.c.clock, due.c.state)
        assignee = select(*columns).where(
            Concern.id == due.c.concern_id,
            StaffUser.id == Concern.assignee_id,
            StaffUser.is_active.is_(True),
        )
        managers = select(*columns).where(
            Concern.id == due.c.concern_id,
            UserRole.user_id == StaffUser.id,
            UserRole.role == Role.MANAGER.value,
            StaffUser.is_active.is_(True),
            StaffUser.team_id.is_not(None),
            StaffUser.team_id == Concern.team_id,
        )
        triage = (
            select(*columns)
            # Every triage officer for every such case: a cross join, on purpose.
            .select_from(due)
            .join(Concern, Concern.id == due.c.concern_id)
            .join(StaffUser, true())
        ).where(
            Concern.assignee_id.is_(None),
            Concern.team_id.is_(None),
            UserRole.user_id == StaffUser.id,
            UserRole.role == Role.TRIAGE.value,
            StaffUser.is_active.is_(True),
        )
        told = assignee.union(managers, triage).subquery()
        return select(
            told.c.email, Concern.reference.label("reference"), told.c.clock, told.c.state
        ).where(Concern.id == told.c.concern_id)


CASES = CaseAlerts()


def sweep(session: Session, *, now: datetime, cadence: timedelta) -> sla_sweep.SweepResult:
    """The SLA sweep over this service's cases (what the job runner and the tests call)."""
    return sla_sweep.sweep(session, now=now, cadence=cadence, cases=CASES)
