"""The audit event: one row per action, each carrying the hash of the one before it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class AuditEvent(Base):
    """One link in the audit chain.

    Rows are only ever inserted (the database refuses UPDATE, DELETE and TRUNCATE, see
    migration 0002); `hash` covers the event's fields and `prev_hash`, so an edit or a
    deletion inside the chain shows up in `service.verify_chain`.
    """

    __tablename__ = "audit_event"

    # Assigned by service.record, not by the database: the chain needs gapless numbers,
    # and sequences skip values when a transaction rolls back.
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    occurred_at: Mapped[datetime] = mapped_column(index=True)
    # No foreign key on purpose: the trail must outlive the accounts (and anything else)
    # it mentions, and a foreign key would block deleting them or cascade into the trail.
    actor_id: Mapped[int | None] = mapped_column(index=True)
    # Who the actor was at the time (an email, or "system"): accounts change their email.
    actor_label: Mapped[str | None] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str | None] = mapped_column(String(40))
    # A string so that any kind of target fits: a case reference, a public user id.
    target_id: Mapped[str | None] = mapped_column(String(100))
    ip: Mapped[str | None] = mapped_column(String(45))  # the longest IPv6 text form
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    __table_args__ = (Index("ix_audit_event_target", "target_type", "target_id"),)
