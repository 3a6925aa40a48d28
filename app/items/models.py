"""A family's item: what they gave us, as they gave it, apart from how it is handled.

The case (app/triage/case.py) is the record of handling an item: triage, route, stage,
assignee, clocks, events. Themes, quotes and learning actions are about the family's
words, so they key on the item.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class ItemKind(StrEnum):
    CONCERN = "concern"
    FORUM_FEEDBACK = "forum-feedback"


class FamilyItem(Base):
    __tablename__ = "family_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=ItemKind.CONCERN.value)
    # The public handle: FV-YYYY-NNNNNN. Internal ids never appear in a URL.
    reference: Mapped[str] = mapped_column(String(20), unique=True)

    role: Mapped[str] = mapped_column(String(20))
    on_behalf_of_child: Mapped[bool]
    description: Mapped[str] = mapped_column(Text)
    happened_on: Mapped[str | None] = mapped_column(String(200))
    service_area: Mapped[str | None] = mapped_column(String(200))
    desired_outcome: Mapped[str | None] = mapped_column(Text)

    anonymous: Mapped[bool] = mapped_column(default=False)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_address: Mapped[str | None] = mapped_column(Text)
    preferred_contact: Mapped[str] = mapped_column(String(10))
    consent_to_share: Mapped[bool] = mapped_column(default=False)

    # Signs of risk to a child seen in the words (the family's, or staff notes about them).
    risk_signals: Mapped[list[str]] = mapped_column(JSON, default=list)
    received_at: Mapped[datetime]

    __table_args__ = (Index("ix_family_item_received_at", "received_at"),)
