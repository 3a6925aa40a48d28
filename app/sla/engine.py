"""Clocks computed from a case's event log: pure functions, no database.

Nothing here is a stored counter. Given the events (received, acknowledged, paused,
resumed, extended, escalated, responded, closed, reopened...) and a policy, each clock's
start, due date, paused time and state follow, so a change of calendar or policy
recomputes every date exactly.

What a clock counts:
- It starts at the first event matching its start trigger; day 0 is that event's
  Europe/London date, or the next working day (see app.sla.calendar).
- It is due at the end of the Nth working day after day 0, N being its target plus
  the whole working days it spent paused. Paused days are reported on their own, so
  pausing can never make a late response look on time.
- A pause runs from the day it starts to the day it ends: the working days after the
  pause day up to and including the resume day are removed from the count.
- Extensions replace the target, never beyond the policy's limit, always with a reason.
- It stops at the first event matching its stop trigger: met if that day is on or
  before the due date, met late otherwise. Closing a case stops its running clocks
  without a verdict; reopening starts them again, the closed days counting as paused.
- Clock-hour targets (safeguarding) count real hours from the start event, every day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from app.clock import LONDON
from app.sla import calendar
from app.sla.policy import PAUSE_REASON_LABELS, ClockRule, PauseReason, Policy, Unit


class ClockState(StrEnum):
    ON_TRACK = "on-track"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    PAUSED = "paused"
    MET = "met"
    MET_LATE = "met-late"
    STOPPED = "stopped"  # the case was closed before the clock's own stop


STATE_LABELS = {
    ClockState.ON_TRACK: "On track",
    ClockState.DUE_SOON: "Due soon",
    ClockState.OVERDUE: "Overdue",
    ClockState.PAUSED: "Paused",
    ClockState.MET: "Met",
    ClockState.MET_LATE: "Met late",
    ClockState.STOPPED: "Stopped",
}


@dataclass(frozen=True)
class ClockEvent:
    kind: str
    at: datetime
    stage: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Pause:
    reason: str
    started_on: date
    ended_on: date | None  # None: still paused
    working_days: int


@dataclass(frozen=True)
class Clock:
    name: str
    label: str
    unit: Unit
    started_at: datetime
    start_on: date
    target: int
    original_target: int
    extension_reason: str | None
    pauses: tuple[Pause, ...]
    paused_days: int
    due_on: date
    due_at: datetime  # the instant it becomes overdue
    stopped_at: datetime | None
    state: ClockState
    explanation: str

    @property
    def running(self) -> bool:
        return self.stopped_at is None and self.state not in (ClockState.STOPPED,)


@dataclass
class _Running:
    rule: ClockRule
    started_at: datetime
    target: int
    extension_reason: str | None = None
    pause_from: date | None = None
    pause_reason: str | None = None
    pauses: list[Pause] = field(default_factory=list)
    stopped_at: datetime | None = None
    closed: bool = False


def _end_pause(clock: _Running, on: date, closures: frozenset[date]) -> None:
    if clock.pause_from is None:
        return
    days = calendar.working_days_between(clock.pause_from, on, closures)
    clock.pauses.append(Pause(clock.pause_reason or "", clock.pause_from, on, days))
    clock.pause_from = clock.pause_reason = None


def compute_clocks(
    policy: Policy,
    events: Iterable[ClockEvent],
    *,
    now: datetime,
    closures: Iterable[date] = (),
) -> list[Clock]:
    """Every clock of the policy that has started, as it stands at now."""
    closed_days = frozenset(closures)
    running: dict[str, _Running] = {}
    for event in sorted(events, key=lambda e: e.at):
        day = calendar.london_date(event.at)
        for rule in policy.clocks:
            clock = running.get(rule.name)
            if clock is None:
                if rule.starts.matches(event.kind, event.stage):
                    running[rule.name] = _Running(rule, event.at, rule.target)
                continue
            if clock.stopped_at is not None:
                continue
            if clock.closed:
                if event.kind == "reopened":
                    clock.closed = False
                    _end_pause(clock, day, closed_days)
                continue
            if rule.restarts is not None and rule.restarts.matches(event.kind, event.stage):
                clock.started_at = event.at
                clock.pauses, clock.pause_from, clock.pause_reason = [], None, None
            elif rule.stops.matches(event.kind, event.stage):
                _end_pause(clock, day, closed_days)
                clock.stopped_at = event.at
            elif event.kind == "closed":
                clock.closed = True
                if clock.pause_from is None:
                    clock.pause_from, clock.pause_reason = day, "case closed"
            elif event.kind == "paused" and rule.pausable and clock.pause_from is None:
                clock.pause_from, clock.pause_reason = day, str(event.data.get("reason", ""))
            elif event.kind == "resumed" and clock.pause_from is not None:
                _end_pause(clock, day, closed_days)
            elif event.kind == "extended" and event.data.get("clock") == rule.name:
                limit = rule.extension_limit or rule.target
                clock.target = max(rule.target, min(int(event.data["target"]), limit))
                clock.extension_reason = str(event.data.get("reason") or "")
    return [_finish(clock, now, closed_days) for clock in running.values()]


def _finish(clock: _Running, now: datetime, closures: frozenset[date]) -> Clock:
    rule = clock.rule
    today = calendar.london_date(now)
    pauses = list(clock.pauses)
    if clock.pause_from is not None:  # still paused: the days so far count, and more will
        ongoing = calendar.working_days_between(
            clock.pause_from, max(today, clock.pause_from), closures
        )
        pauses.append(Pause(clock.pause_reason or "", clock.pause_from, None, ongoing))
    paused_days = sum(p.working_days for p in pauses)
    start_on = calendar.day_zero(calendar.london_date(clock.started_at), closures)
    if rule.unit == Unit.HOURS:
        due_at = clock.started_at + timedelta(hours=clock.target)
        due_on = calendar.london_date(due_at)
    else:
        due_on = calendar.add_working_days(start_on, clock.target + paused_days, closures)
        due_at = calendar.end_of_day(due_on)
    state = _state(clock, due_on, due_at, now, today, closures)
    return Clock(
        name=rule.name,
        label=rule.label,
        unit=rule.unit,
        started_at=clock.started_at,
        start_on=start_on,
        target=clock.target,
        original_target=rule.target,
        extension_reason=clock.extension_reason,
        pauses=tuple(pauses),
        paused_days=paused_days,
        due_on=due_on,
        due_at=due_at,
        stopped_at=clock.stopped_at,
        state=state,
        explanation=explain(
            rule,
            clock.target,
            clock.extension_reason,
            start_on,
            clock.started_at,
            due_on,
            due_at,
            pauses,
        ),
    )


def _state(
    clock: _Running,
    due_on: date,
    due_at: datetime,
    now: datetime,
    today: date,
    closures: frozenset[date],
) -> ClockState:
    if clock.stopped_at is not None:
        return ClockState.MET if clock.stopped_at <= due_at else ClockState.MET_LATE
    if clock.closed:
        return ClockState.STOPPED
    if clock.pause_from is not None:
        return ClockState.PAUSED
    if now > due_at:
        return ClockState.OVERDUE
    if clock.rule.unit == Unit.HOURS:
        return ClockState.DUE_SOON if due_at - now <= timedelta(hours=4) else ClockState.ON_TRACK
    left = calendar.working_days_between(today, due_on, closures)
    return ClockState.DUE_SOON if left <= clock.rule.due_soon else ClockState.ON_TRACK


def _weekday_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def explain(
    rule: ClockRule,
    target: int,
    extension_reason: str | None,
    start_on: date,
    started_at: datetime,
    due_on: date,
    due_at: datetime,
    pauses: Sequence[Pause],
) -> str:
    """The arithmetic of a due date, in words a family or a manager can check."""
    if rule.unit == Unit.HOURS:
        local = due_at.astimezone(LONDON)
        return (
            f"Due by {local:%H:%M} on {_weekday_date(local.date())}: {target} hours from "
            f"{started_at.astimezone(LONDON):%H:%M} on {_weekday_date(start_on)}"
        )
    parts = [f"Due {_weekday_date(due_on)}: {target} working days from {_weekday_date(start_on)}"]
    if target != rule.target:
        parts.append(f"extended from {rule.target} working days ({extension_reason})")
    for pause in pauses:
        reason = (
            PAUSE_REASON_LABELS.get(PauseReason(pause.reason), pause.reason)
            if pause.reason in {r.value for r in PauseReason}
            else pause.reason
        )
        span = "so far" if pause.ended_on is None else f"to {_weekday_date(pause.ended_on)}"
        plural = "" if pause.working_days == 1 else "s"
        parts.append(
            f"{pause.working_days} working day{plural} paused {reason} "
            f"(from {_weekday_date(pause.started_on)} {span})"
        )
    return ", ".join(parts)
