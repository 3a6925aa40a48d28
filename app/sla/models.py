"""The SLA's tables: council closure days, and each case's clocks as last computed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class ClosureDay(Base):
    """A working day the council is closed, on top of bank holidays."""

    __tablename__ = "closure_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime]


class CaseClock(Base):
    """A clock as last computed from the events: kept so queues and the sweep can use SQL.

    Recomputed whole after every event; never edited by hand.
    """

    __tablename__ = "case_clock"

    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concern.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    policy_code: Mapped[str] = mapped_column(String(20))
    policy_version: Mapped[int]
    started_at: Mapped[datetime]
    target: Mapped[int]
    paused_days: Mapped[int] = mapped_column(default=0)
    paused: Mapped[bool] = mapped_column(default=False)
    due_on: Mapped[date]
    due_at: Mapped[datetime] = mapped_column(index=True)
    due_soon_at: Mapped[datetime]
    stopped_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(20))  # met, met-late, stopped
    # The sweep's memory, so a warning repeats at its cadence, not on every sweep.
    alerted_state: Mapped[str | None] = mapped_column(String(20))
    alerted_at: Mapped[datetime | None]
