"""Data minimisation: each domain deletes what can no longer be used, in one transaction.

`familyvoice purge` calls purge_expired; each domain's own purge_expired knows what
of its data has expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app import throttle
from app.concerns import drafts
from app.concerns import service as concerns
from app.config import get_settings
from app.staff import sessions as staff_sessions


@dataclass(frozen=True)
class Purged:
    drafts: int
    idempotency_records: int
    throttle_counters: int
    staff_rows: int  # staff sessions and one-time links

    def summary(self) -> str:
        return (
            f"Removed {self.drafts} drafts, {self.idempotency_records} "
            f"idempotency records, {self.throttle_counters} throttle counters, "
            f"{self.staff_rows} staff sessions and links."
        )


def purge_expired(session: Session, *, now: datetime) -> Purged:
    """Delete every domain's expired rows (the caller commits)."""
    settings = get_settings()
    removed_drafts = drafts.purge_expired(session, now=now)
    removed = concerns.purge_expired(session, now=now)
    # A counter is kept as long as the longest window that reads it.
    window = max(settings.track_window_minutes, settings.signin_lock_minutes)
    counters = throttle.purge_expired(session, window=timedelta(minutes=window), now=now)
    return Purged(
        drafts=removed_drafts,
        idempotency_records=removed["idempotency_records"],
        throttle_counters=counters,
        staff_rows=staff_sessions.purge_expired(session, now=now),
    )
