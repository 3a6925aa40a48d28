"""Concurrent submissions, committed for real: one number each, one concern per key."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from app.concerns import service
from app.concerns.models import Concern, Source
from tests.conftest import utc
from tests.factories import concern_create

NOW = utc(2026, 11, 23, 12, 0)


def _submit(factory, key):
    with factory() as session:
        submission = service.submit_concern(
            session, data=concern_create(), source=Source.API, now=NOW, idempotency_key=key
        )
        session.commit()
        return submission.receipt.reference


def test_parallel_submissions_get_distinct_consecutive_references(committing_sessions) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        refs = list(pool.map(lambda _: _submit(committing_sessions, None), range(12)))
    assert sorted(refs) == [f"FV-2026-{n:06d}" for n in range(1, 13)]


def test_parallel_repeats_of_one_key_make_one_concern(committing_sessions) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        refs = list(pool.map(lambda _: _submit(committing_sessions, "same-key"), range(8)))
    assert len(set(refs)) == 1
    with committing_sessions() as session:
        assert session.scalar(select(func.count()).select_from(Concern)) == 1
