"""Concurrent submissions, committed for real: one number each, one concern per key."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from app.concerns import service
from app.concerns.models import Source
from app.triage.case import Concern
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


def test_two_managers_changing_the_taxonomy_at_once_get_consecutive_versions(
    fresh_database_url,
) -> None:
    from sqlalchemy.orm import sessionmaker

    from app.audit.service import Actor
    from app.cli import upgrade_database
    from app.db import make_engine
    from app.staff.models import Role
    from app.taxonomy import service as taxonomy
    from tests.staff import make_account

    upgrade_database(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session:
        managers = [
            Actor(make_account(session, f"m{n}@council.example", Role.MANAGER).user, "ip")
            for n in range(4)
        ]
        session.commit()

    def add(n: int) -> int:
        with factory() as session:
            theme = taxonomy.add_theme(
                session,
                managers[n],
                code=f"new-theme-{n}",
                label=f"New theme {n}",
                description="Raised by several families",
                reason="Seen in the suggestions",
                now=NOW,
            )
            session.commit()
            return theme.added_in_version

    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            versions = list(pool.map(add, range(4)))
        assert sorted(versions) == [2, 3, 4, 5]
    finally:
        engine.dispose()
