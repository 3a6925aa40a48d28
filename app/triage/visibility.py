"""Who may see which case: one rule, written twice — for one case and as SQL for lists.

- triage: every case (they read the incoming queue and route it);
- manager: every case in their team's service area, and cases not yet given to a team;
  a manager with no team is a head of service and sees every case;
- caseworker: cases assigned to them or to their team;
- admin and commission: no case, ever (an admin who is also a manager sees as a manager).
tests/service/test_access.py checks the two forms agree case by case.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select, true

from app.staff.models import Role, StaffUser, Team
from app.triage.case import Concern


def can_view_case(user: StaffUser, concern: Concern, concern_team: Team | None) -> bool:
    """May this user see this case (its personal data included)?"""
    roles = user.roles
    if Role.TRIAGE in roles:
        return True
    if Role.MANAGER in roles:
        if user.team is None or concern.team_id is None:
            return True
        if concern_team is not None and concern_team.service_area == user.team.service_area:
            return True
    if Role.CASEWORKER in roles:
        if concern.assignee_id == user.id:
            return True
        if concern.team_id is not None and concern.team_id == user.team_id:
            return True
    return False


def visible_cases(user: StaffUser) -> ColumnElement[bool]:
    """The same rule as a WHERE clause on Concern."""
    roles = user.roles
    if Role.TRIAGE in roles:
        return true()
    clauses: list[ColumnElement[bool]] = []
    if Role.MANAGER in roles:
        if user.team is None:
            return true()
        same_area = select(Team.id).where(Team.service_area == user.team.service_area)
        clauses += [Concern.team_id.is_(None), Concern.team_id.in_(same_area)]
    if Role.CASEWORKER in roles:
        clauses.append(Concern.assignee_id == user.id)
        if user.team_id is not None:
            clauses.append(Concern.team_id == user.team_id)
    return or_(*clauses) if clauses else false()
