"""Themes and the history of the taxonomy: what changed in each version, who, when, why.

A theme's code is its identity in every count (case_theme.code, reports): it is never
changed, deleted or given to another theme. Labels and descriptions may change; a
theme no longer wanted is retired, not removed, so old cases and counts keep it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class Theme(Base):
    __tablename__ = "theme"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(500))  # what the theme covers
    active: Mapped[bool] = mapped_column(default=True)
    # Where it is listed: THEMES.md's order for version 1, then in the order added.
    position: Mapped[int]
    added_in_version: Mapped[int]
    retired_in_version: Mapped[int | None]


class TaxonomyVersion(Base):
    """One change to the taxonomy as a manager made it: one version, with its reason."""

    __tablename__ = "taxonomy_version"

    # Not autoincrement: two managers saving at once both claim the next number and
    # the primary key turns one away, so versions never skip or repeat.
    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    changed_at: Mapped[datetime]
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    reason: Mapped[str] = mapped_column(Text)


class ThemeChange(Base):
    """What a version changed about one theme, with the values before and after."""

    __tablename__ = "theme_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(ForeignKey("taxonomy_version.version"), index=True)
    code: Mapped[str] = mapped_column(ForeignKey("theme.code"))
    kind: Mapped[str] = mapped_column(String(20))  # see service.CHANGE_LABELS
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
