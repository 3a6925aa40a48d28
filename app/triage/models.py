"""The case timeline, learning actions, saved views, themes and risk feedback.

The clocks derived from the timeline are stored by the SLA (app.sla.models.CaseClock)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, belongs_to


class CaseEvent(Base):
    """One thing that happened to a case: who, when, why. Never updated or deleted.

    The clocks are computed from these events; the timeline shows them.
    """

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    stage: Mapped[int | None]
    occurred_at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    reason: Mapped[str | None] = mapped_column(Text)  # the why, in the actor's words
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_case_event_concern_occurred", "concern_id", "occurred_at"),)


class LearningAction(Base):
    """What the council will change because of a family's item, with an owner and a date."""

    __tablename__ = "learning_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = belongs_to("family_item")
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    due_on: Mapped[date | None]
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]


class SavedView(Base):
    """A queue filter a member of staff saved under a name of their own."""

    __tablename__ = "saved_view"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = belongs_to("staff_user")
    name: Mapped[str] = mapped_column(String(80))
    query: Mapped[str] = mapped_column(String(1000))  # the queue's query string, filters only
    created_at: Mapped[datetime]


class CaseTheme(Base):
    """A theme a case carries: suggested by the rules, or set by staff (which then wins).

    Staff corrections are kept as they were made (with the taxonomy version), so they
    can train the next model and counts stay comparable over time.
    """

    __tablename__ = "case_theme"

    # Themes are about the family's words, so they key on the item, not its handling.
    item_id: Mapped[int] = mapped_column(
        ForeignKey("family_item.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    source: Mapped[str] = mapped_column(String(10))  # "rules", "model", "both" or "staff"
    taxonomy_version: Mapped[int]
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    set_at: Mapped[datetime]

    __table_args__ = (Index("ix_case_theme_code", "code", "item_id"),)


class RiskFeedback(Base):
    """A duty officer's word on the risk detector for one case: a false alarm or a miss.

    It feeds managers' review and, once accepted, redacted training data; it never changes
    the case's route or flag. One mark of each kind per person per case, so a second tab's
    submission finds the first instead of making another.
    """

    __tablename__ = "risk_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = belongs_to("concern")
    kind: Mapped[str] = mapped_column(String(20))  # "false-alarm" or "missed"
    # False alarm: the signals the detector raised; missed: the harm the officer names.
    signals: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason_code: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    # What the detector said when the mark was made: rules change, so keep what was seen.
    detector_version: Mapped[str] = mapped_column(String(40))
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="to-review", index=True)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    reviewed_at: Mapped[datetime | None]
    review_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("concern_id", "kind", "created_by_id", name="uq_risk_feedback_once"),
    )
