"""A quote from a family's words, for the Families Commission's reports."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class Quote(Base):
    """Redacted words from one family's item, proposed by staff and approved by a manager.

    Only the redacted text is stored here: the original stays with the family's item.
    The redaction version says which rules checked it, so a quote can be re-checked
    when the rules improve.
    """

    __tablename__ = "quote"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("family_item.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    theme_code: Mapped[str | None] = mapped_column(String(60))
    state: Mapped[str] = mapped_column(String(12))  # proposed, approved, withdrawn
    redaction_version: Mapped[int]
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    proposed_at: Mapped[datetime]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_quote_state_theme", "state", "theme_code"),)
