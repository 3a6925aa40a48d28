"""The only place that reads the clock, so tests can freeze time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

_frozen: datetime | None = None


def now() -> datetime:
    """Current time, timezone-aware UTC."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def freeze(at: datetime | None) -> None:
    """Freeze now() at a UTC instant (None to thaw). Tests only."""
    global _frozen
    if at is not None and at.tzinfo is None:
        raise ValueError("freeze() needs a timezone-aware datetime")
    _frozen = at.astimezone(UTC) if at is not None else None


def london(at: datetime) -> datetime:
    """An instant shown in Europe/London, as every screen shows it."""
    return at.astimezone(LONDON)


class FreezeControl:
    """A handle tests use to move frozen time."""

    def at(self, moment: datetime) -> datetime:
        freeze(moment)
        return moment
