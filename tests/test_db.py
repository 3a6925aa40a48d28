"""SQLite runs in WAL mode with foreign keys enforced; datetimes come back as aware UTC."""

import pytest
from sqlalchemy import text

from app.db import make_engine


def test_sqlite_uses_wal_and_enforces_foreign_keys(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_foreign_keys_hold_on_every_backend(session) -> None:
    from datetime import UTC, datetime

    from sqlalchemy.exc import IntegrityError

    from app.triage.case import ConcernAttachment

    now = datetime.now(UTC)
    session.add(
        ConcernAttachment(
            concern_id=999_999,
            filename="x.pdf",
            media_type="application/pdf",
            size_bytes=1,
            sha256="0" * 64,
            content=b"x",
            created_at=now,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()


def test_datetimes_round_trip_as_aware_utc(session) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from app.throttle import ThrottleCounter

    moment = datetime(2026, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    session.add(ThrottleCounter(key_hash="k" * 64, window_started_at=moment, failures=1))
    session.flush()
    session.expire_all()
    loaded = session.get(ThrottleCounter, "k" * 64)
    assert loaded.window_started_at == moment
    assert loaded.window_started_at.tzinfo is not None
    assert loaded.window_started_at.utcoffset() == UTC.utcoffset(None)
