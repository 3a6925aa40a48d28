"""The audit trail: a gapless hash chain the database will not let anyone edit, tampering
found when someone does it anyway, and searching the trail newest first."""

import importlib.util
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import delete, event, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from app.audit import actions
from app.audit import service as audit
from app.audit.models import AuditEvent
from tests.conftest import utc

NOW = utc(2026, 11, 24, 9, 0)
TABLE = AuditEvent.__table__
MIGRATION = Path(__file__).parents[2] / "migrations" / "versions" / "0002_audit.py"


def record_many(session, n, **fields) -> list[AuditEvent]:
    """n events a minute apart, each about its own case unless told otherwise."""
    return [
        audit.record(
            session,
            **{
                "action": actions.CASE_VIEWED,
                "now": NOW + timedelta(minutes=i),
                "actor_id": 1,
                "actor_label": "ana@example.org",
                "target_type": "case",
                "target_id": f"FV-2026-{i + 1:06d}",
                "ip": "192.0.2.1",
                "details": {"n": i + 1},
                **fields,
            },
        )
        for i in range(n)
    ]


def stored(session) -> list[AuditEvent]:
    session.expire_all()  # read what the database holds, not the objects we made
    return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def drop_guards(session, backend) -> None:
    """What an intruder with database access would do first: switch off the triggers."""
    if backend == "postgresql":
        session.execute(text("DROP TRIGGER audit_event_no_update_or_delete ON audit_event"))
    else:
        session.execute(text("DROP TRIGGER audit_event_no_update"))
        session.execute(text("DROP TRIGGER audit_event_no_delete"))


def tamper(session, backend, seq, **values) -> None:
    drop_guards(session, backend)
    session.execute(update(TABLE).where(TABLE.c.seq == seq).values(**values))


# Recording


def test_events_form_a_chain_numbered_from_one(session) -> None:
    made = record_many(session, 5)
    events = stored(session)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert [e.hash for e in events] == [e.hash for e in made]
    assert events[0].prev_hash == audit.GENESIS_HASH == "0" * 64
    for previous, current in pairwise(events):
        assert current.prev_hash == previous.hash
    assert len({e.hash for e in events}) == 5


def test_the_stored_hash_is_the_hash_of_the_stored_fields(session) -> None:
    record_many(session, 1, details={"attachment": 12, "note": "café"})
    (stored_event,) = stored(session)
    assert stored_event.occurred_at == NOW
    assert stored_event.details == {"attachment": 12, "note": "café"}
    assert stored_event.hash == audit.event_hash(
        seq=1,
        occurred_at=NOW,
        actor_id=1,
        actor_label="ana@example.org",
        action=actions.CASE_VIEWED,
        target_type="case",
        target_id="FV-2026-000001",
        ip="192.0.2.1",
        details={"note": "café", "attachment": 12},
        prev_hash=audit.GENESIS_HASH,
    )


def test_details_are_hashed_as_the_database_gives_them_back(session) -> None:
    # A tuple reads back as a list and an integer key as a string: the chain must still hold.
    made = audit.record(session, action=actions.EXPORTED, now=NOW, details={"ids": (1, 2), 3: "x"})
    assert made.details == {"ids": [1, 2], "3": "x"}
    assert stored(session)[0].details == {"ids": [1, 2], "3": "x"}
    assert audit.verify_chain(session).ok


def test_an_event_with_no_actor_or_details_is_recorded(session) -> None:
    made = audit.record(session, action=actions.PUBLISHED, now=NOW, actor_label="system")
    (stored_event,) = stored(session)
    assert (stored_event.actor_id, stored_event.details, stored_event.target_id) == (None, {}, None)
    assert stored_event.hash == made.hash


@pytest.mark.parametrize("details", [{"x": float("nan")}, {"x": float("inf")}])
def test_numbers_json_cannot_hold_are_refused(session, details) -> None:
    with pytest.raises(ValueError):
        audit.record(session, action=actions.EXPORTED, now=NOW, details=details)
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_a_naive_time_is_refused(session) -> None:
    with pytest.raises(ValueError, match="naive"):
        audit.record(session, action=actions.SIGN_IN, now=NOW.replace(tzinfo=None))


def test_record_leaves_the_commit_to_the_caller(session) -> None:
    # The fixture's session commits and rolls back a savepoint: had record committed,
    # this rollback would not take the event away.
    audit.record(session, action=actions.SIGN_IN, now=NOW)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


# The database refuses edits


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET action = 'sign-out' WHERE seq = 2",
        "UPDATE audit_event SET hash = prev_hash",
        "DELETE FROM audit_event WHERE seq = 2",
        "DELETE FROM audit_event",
    ],
)
def test_the_database_refuses_to_change_or_delete_events(session, statement) -> None:
    before = [(e.seq, e.action, e.hash) for e in record_many(session, 3)]
    # SQLite's RAISE(ABORT) and our PostgreSQL trigger (SQLSTATE 23000) both surface as
    # IntegrityError. The savepoint keeps the test's transaction usable afterwards.
    with pytest.raises(IntegrityError, match="append-only"), session.begin_nested():
        session.execute(text(statement))
    assert [(e.seq, e.action, e.hash) for e in stored(session)] == before
    assert audit.verify_chain(session).ok


def test_the_database_refuses_emptying_the_table(session, backend) -> None:
    # PostgreSQL's TRUNCATE skips row triggers, so it has its own; SQLite has no TRUNCATE,
    # and its whole-table DELETE (its "truncate optimisation") still fires the row trigger.
    record_many(session, 2)
    statement = "TRUNCATE audit_event" if backend == "postgresql" else "DELETE FROM audit_event"
    with pytest.raises(IntegrityError, match="append-only"), session.begin_nested():
        session.execute(text(statement))
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 2


def test_changing_an_event_through_the_orm_is_refused(session) -> None:
    (made,) = record_many(session, 1)
    with pytest.raises(IntegrityError, match="append-only"), session.begin_nested():
        made.actor_label = "someone-else@example.org"
        session.flush()
    assert stored(session)[0].actor_label == "ana@example.org"


# Verifying the chain


def test_an_empty_trail_verifies(session) -> None:
    assert audit.verify_chain(session) == audit.ChainReport(
        ok=True, checked=0, first_broken_seq=None, reason=None
    )


def test_an_intact_chain_verifies(session) -> None:
    record_many(session, 6)
    assert audit.verify_chain(session) == audit.ChainReport(
        ok=True, checked=6, first_broken_seq=None, reason=None
    )


@pytest.mark.parametrize(
    "change",
    [
        {"details": {"n": 99}},
        {"actor_id": 2},
        {"actor_label": "someone-else@example.org"},
        {"action": actions.SIGN_OUT},
        {"occurred_at": NOW + timedelta(days=1)},
        {"target_id": "FV-2026-000999"},
        {"ip": "198.51.100.7"},
        {"prev_hash": "f" * 64},
    ],
)
def test_a_changed_event_is_caught_with_its_seq(session, backend, change) -> None:
    record_many(session, 5)
    tamper(session, backend, 3, **change)
    assert audit.verify_chain(session) == audit.ChainReport(
        ok=False,
        checked=2,
        first_broken_seq=3,
        reason="hash does not match the event's contents",
    )


def test_an_event_rewritten_with_a_fresh_hash_is_caught_at_the_next(session, backend) -> None:
    events = record_many(session, 5)
    third = events[2]
    forged = audit.event_hash(
        seq=3,
        occurred_at=third.occurred_at,
        actor_id=third.actor_id,
        actor_label="someone-else@example.org",
        action=third.action,
        target_type=third.target_type,
        target_id=third.target_id,
        ip=third.ip,
        details=third.details,
        prev_hash=third.prev_hash,
    )
    tamper(session, backend, 3, actor_label="someone-else@example.org", hash=forged)
    report = audit.verify_chain(session)
    assert (report.ok, report.first_broken_seq, report.checked) == (False, 4, 3)
    assert report.reason == "prev_hash does not match the hash of event 3"


@pytest.mark.parametrize(("deleted", "checked"), [(5, 4), (1, 0), (9, 8)])
def test_a_deleted_event_is_caught_as_missing(session, backend, deleted, checked) -> None:
    record_many(session, 10)
    drop_guards(session, backend)
    session.execute(delete(TABLE).where(TABLE.c.seq == deleted))
    assert audit.verify_chain(session) == audit.ChainReport(
        ok=False, checked=checked, first_broken_seq=deleted, reason=f"event {deleted} is missing"
    )


def test_a_deleted_last_event_is_beyond_the_chain_alone(session, backend) -> None:
    # The limit the docstring admits: what is left is still a valid chain.
    record_many(session, 4)
    drop_guards(session, backend)
    session.execute(delete(TABLE).where(TABLE.c.seq == 4))
    assert audit.verify_chain(session) == audit.ChainReport(
        ok=True, checked=3, first_broken_seq=None, reason=None
    )


def test_an_event_numbered_below_one_is_caught(session, backend) -> None:
    record_many(session, 2)
    drop_guards(session, backend)
    session.execute(update(TABLE).where(TABLE.c.seq == 1).values(seq=0))
    report = audit.verify_chain(session)
    assert (report.ok, report.first_broken_seq, report.checked) == (False, 0, 0)


def test_verify_reads_in_batches_and_checks_links_across_them(session, backend) -> None:
    record_many(session, 10)
    connection = session.connection()
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        if "FROM audit_event" in statement:
            statements.append(statement)

    event.listen(connection, "before_cursor_execute", count)
    try:
        report = audit.verify_chain(session, batch=3)
    finally:
        event.remove(connection, "before_cursor_execute", count)
    assert report == audit.ChainReport(ok=True, checked=10, first_broken_seq=None, reason=None)
    assert len(statements) == 4  # 3 + 3 + 3 + 1 rows, each after the last seq seen

    # A rewritten event 6 closes the second batch: its break shows on event 7, in the third.
    sixth = stored(session)[5]
    forged = audit.event_hash(
        seq=6,
        occurred_at=sixth.occurred_at,
        actor_id=sixth.actor_id,
        actor_label=sixth.actor_label,
        action=sixth.action,
        target_type=sixth.target_type,
        target_id=sixth.target_id,
        ip=sixth.ip,
        details={"n": 600},
        prev_hash=sixth.prev_hash,
    )
    tamper(session, backend, 6, details={"n": 600}, hash=forged)
    assert audit.verify_chain(session, batch=3) == audit.ChainReport(
        ok=False,
        checked=6,
        first_broken_seq=7,
        reason="prev_hash does not match the hash of event 6",
    )


def test_a_batch_size_below_one_is_refused(session) -> None:
    with pytest.raises(ValueError):
        audit.verify_chain(session, batch=0)


# Searching


@pytest.fixture
def trail(session) -> list[AuditEvent]:
    """Ten events by two people over ten days, about two cases and one user."""
    plan = [
        (1, actions.SIGN_IN, None, None),
        (1, actions.CASE_VIEWED, "case", "FV-2026-000001"),
        (2, actions.SIGN_IN, None, None),
        (2, actions.CASE_VIEWED, "case", "FV-2026-000001"),
        (1, actions.ATTACHMENT_DOWNLOADED, "case", "FV-2026-000001"),
        (2, actions.CASE_VIEWED, "case", "FV-2026-000002"),
        (1, actions.USER_UPDATED, "user", "u-2"),
        (1, actions.CASE_CHANGED, "case", "FV-2026-000001"),
        (2, actions.CASE_VIEWED, "case", "FV-2026-000001"),
        (1, actions.SIGN_OUT, None, None),
    ]
    return [
        audit.record(
            session,
            action=action,
            now=NOW + timedelta(days=day),
            actor_id=actor,
            actor_label=f"user{actor}@example.org",
            target_type=target_type,
            target_id=target_id,
        )
        for day, (actor, action, target_type, target_id) in enumerate(plan)
    ]


def seqs(events) -> list[int]:
    return [e.seq for e in events]


def test_search_with_no_filters_is_newest_first(session, trail) -> None:
    assert seqs(audit.search(session)) == list(range(10, 0, -1))
    assert seqs(audit.search(session, limit=3)) == [10, 9, 8]


def test_search_filters_combine(session, trail) -> None:
    assert seqs(audit.search(session, actor_id=2)) == [9, 6, 4, 3]
    assert seqs(audit.search(session, action=actions.SIGN_IN)) == [3, 1]
    assert seqs(audit.search(session, actor_id=2, action=actions.CASE_VIEWED)) == [9, 6, 4]
    assert seqs(audit.search(session, target_type="case", target_id="FV-2026-000001")) == [
        9,
        8,
        5,
        4,
        2,
    ]
    assert seqs(audit.search(session, target_type="user")) == [7]
    assert audit.search(session, actor_id=3) == []


def test_search_dates_are_inclusive_at_both_ends(session, trail) -> None:
    since, until = NOW + timedelta(days=2), NOW + timedelta(days=4)
    assert seqs(audit.search(session, since=since, until=until)) == [5, 4, 3]
    assert seqs(audit.search(session, since=NOW + timedelta(days=8))) == [10, 9]
    assert seqs(audit.search(session, until=NOW)) == [1]


def test_search_pages_by_seq_without_gaps_or_repeats(session, trail) -> None:
    pages, before = [], None
    while page := audit.search(session, actor_id=1, before_seq=before, limit=2):
        pages.append(seqs(page))
        before = page[-1].seq
        # New events between pages do not shift the pages still to come.
        audit.record(session, action=actions.AUDIT_SEARCHED, now=NOW, actor_id=1)
    assert pages == [[10, 8], [7, 5], [2, 1]]


def test_for_target_lists_one_case_newest_first(session, trail) -> None:
    assert seqs(audit.for_target(session, "case", "FV-2026-000001")) == [9, 8, 5, 4, 2]
    looks = audit.for_target(
        session,
        "case",
        "FV-2026-000001",
        actions=[actions.CASE_VIEWED, actions.ATTACHMENT_DOWNLOADED],
    )
    assert [(e.seq, e.actor_label) for e in looks] == [
        (9, "user2@example.org"),
        (5, "user1@example.org"),
        (4, "user2@example.org"),
        (2, "user1@example.org"),
    ]
    assert seqs(audit.for_target(session, "case", "FV-2026-000001", limit=2)) == [9, 8]
    assert audit.for_target(session, "case", "FV-2026-000003") == []
    assert audit.for_target(session, "user", "FV-2026-000001") == []


# Concurrent appends, committed for real


def _migration_sql():
    spec = importlib.util.spec_from_file_location("audit_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.APPEND_ONLY_SQL, module.DROP_APPEND_ONLY_SQL


@pytest.fixture
def audit_sessions(engine):
    """Sessions that really commit; afterwards the trail is emptied the only way it can
    be, by lifting the guards, deleting and putting the migration's guards back, in one go."""
    yield sessionmaker(bind=engine, expire_on_commit=False)
    create, drop = _migration_sql()
    with engine.begin() as conn:
        for statement in drop[engine.dialect.name]:
            conn.execute(text(statement))
        conn.execute(TABLE.delete())
        for statement in create[engine.dialect.name]:
            conn.execute(text(statement))


def _append_two(factory, worker: int) -> None:
    with factory() as session:
        for _ in range(2):
            audit.record(session, action=actions.SIGN_IN, now=NOW, actor_id=worker)
        session.commit()


def test_parallel_appends_make_one_gapless_chain(audit_sessions) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda worker: _append_two(audit_sessions, worker), range(12)))
    with audit_sessions() as session:
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        assert seqs(events) == list(range(1, 25))
        # Each transaction's two events are next to each other: appends took turns.
        assert all(events[i].actor_id == events[i + 1].actor_id for i in range(0, 24, 2))
        assert audit.verify_chain(session) == audit.ChainReport(
            ok=True, checked=24, first_broken_seq=None, reason=None
        )
