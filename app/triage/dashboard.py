"""The manager's dashboard: open cases, clock compliance, time to respond, paused time, overdue.

Figures cover the cases the manager may see (app/triage/visibility.py). Compliance counts
clocks that stopped in the period: met on time against met late. Time to respond is
counted in working days from a response clock's start to its stop, and paused days
are shown beside it, never netted off, so pausing cannot hide a slow response.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import LONDON
from app.sla import calendar
from app.sla.models import CaseClock
from app.staff.models import StaffUser, Team
from app.triage import visibility
from app.triage.case import Concern
from app.triage.workflow import State

RESPONSE_CLOCK_NAMES = (
    "stage-1-response",
    "stage-2-investigation",
    "stage-2-response",
    "stage-3-response",
)


@dataclass(frozen=True)
class Compliance:
    policy: str
    team: str
    met: int
    late: int

    @property
    def total(self) -> int:
        return self.met + self.late

    @property
    def percent(self) -> float | None:
        return round(100 * self.met / self.total, 1) if self.total else None


@dataclass
class Dashboard:
    period: str
    since: datetime
    open_by_state: dict[str, int] = field(default_factory=dict)
    compliance: list[Compliance] = field(default_factory=list)
    responses: int = 0
    mean_days: float | None = None
    p90_days: float | None = None
    paused_days_total: int = 0
    paused_clocks: int = 0
    overdue: list[Concern] = field(default_factory=list)


def period_start(period: str, now: datetime) -> datetime:
    """The start of this calendar month or of the year to date (Europe/London)."""
    today = calendar.london_date(now)
    first = today.replace(day=1) if period == "month" else today.replace(month=1, day=1)
    return datetime.combine(first, time.min, tzinfo=LONDON)


def _percentile(values: list[int], q: float) -> float:
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q
    low, high = math.floor(rank), math.ceil(rank)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def build(session: Session, user: StaffUser, *, period: str, now: datetime) -> Dashboard:
    """The dashboard for the month or the year to date."""
    since = period_start(period, now)
    visible = visibility.visible_cases(user)
    board = Dashboard(period=period, since=since)
    board.open_by_state = {
        str(state): int(n)
        for state, n in session.execute(
            select(Concern.state, func.count())
            .where(visible, Concern.state != State.CLOSED)
            .group_by(Concern.state)
        )
    }
    team_name = func.coalesce(Team.name, "No team")
    rows = session.execute(
        select(CaseClock.policy_code, team_name, CaseClock.outcome, func.count())
        .join(Concern, Concern.id == CaseClock.concern_id)
        .outerjoin(Team, Team.id == Concern.team_id)
        .where(visible, CaseClock.stopped_at >= since, CaseClock.outcome.in_(["met", "met-late"]))
        .group_by(CaseClock.policy_code, team_name, CaseClock.outcome)
    ).all()
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for code, team, outcome, n in rows:
        counts[(code, team)][0 if outcome == "met" else 1] += int(n)
    board.compliance = [
        Compliance(code, team, met, late) for (code, team), (met, late) in sorted(counts.items())
    ]

    responses = session.execute(
        select(CaseClock.started_at, CaseClock.stopped_at, CaseClock.paused_days)
        .join(Concern, Concern.id == CaseClock.concern_id)
        .where(visible, CaseClock.name.in_(RESPONSE_CLOCK_NAMES), CaseClock.stopped_at >= since)
    ).all()
    days = [
        calendar.working_days_between(calendar.london_date(start), calendar.london_date(stop))
        for start, stop, _ in responses
        if stop is not None
    ]
    board.responses = len(days)
    if days:
        board.mean_days = round(sum(days) / len(days), 1)
        board.p90_days = round(_percentile(days, 0.9), 1)
    paused = session.execute(
        select(func.coalesce(func.sum(CaseClock.paused_days), 0), func.count())
        .join(Concern, Concern.id == CaseClock.concern_id)
        .where(visible, CaseClock.paused_days > 0, CaseClock.started_at >= since)
    ).one()
    board.paused_days_total, board.paused_clocks = int(paused[0]), int(paused[1])
    board.overdue = list(
        session.scalars(
            select(Concern)
            .where(visible, Concern.state != State.CLOSED, Concern.next_due_at < now)
            .order_by(Concern.next_due_at)
            .limit(50)
        )
    )
    return board


def csv_rows(board: Dashboard) -> list[list[str]]:
    """The dashboard as rows for a CSV download: one section after another."""
    rows: list[list[str]] = [["section", "key", "value", "detail"]]
    rows += [
        ["open cases by state", state, str(n), ""]
        for state, n in sorted(board.open_by_state.items())
    ]
    rows += [
        [
            "clock compliance",
            f"{c.policy} / {c.team}",
            "" if c.percent is None else str(c.percent),
            f"{c.met} met, {c.late} late",
        ]
        for c in board.compliance
    ]
    rows.append(["time to respond", "responses", str(board.responses), ""])
    rows.append(
        [
            "time to respond",
            "mean working days",
            "" if board.mean_days is None else str(board.mean_days),
            "",
        ]
    )
    rows.append(
        [
            "time to respond",
            "90th percentile working days",
            "" if board.p90_days is None else str(board.p90_days),
            "",
        ]
    )
    rows.append(
        [
            "paused",
            "working days paused",
            str(board.paused_days_total),
            f"{board.paused_clocks} clocks paused at least once",
        ]
    )
    rows += [
        ["overdue", c.reference, c.next_due_at.isoformat() if c.next_due_at else "", c.state]
        for c in board.overdue
    ]
    return rows
