"""Audit checkpoints: a signed note of the chain's head kept outside the database, so
cutting the newest events off, or rewriting the chain from some event on, is found."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import text

from app import clock
from app.audit import service as audit
from app.audit.checkpoints import new_signing_key
from app.db import make_engine
from tests.test_cli import familyvoice

KEY = new_signing_key()


def run(url: str, directory, *args: str):
    return familyvoice(
        url,
        *args,
        env={"FV_AUDIT_SIGNING_KEY": KEY, "FV_AUDIT_CHECKPOINT_DIR": str(directory)},
    )


def drop_the_guard(conn, backend: str) -> None:
    if backend == "postgresql":
        conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        return
    names = conn.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'")
    ).scalars()
    for name in list(names):
        conn.execute(text(f'DROP TRIGGER "{name}"'))


def record_events(url: str, count: int) -> None:
    from sqlalchemy.orm import Session

    engine = make_engine(url)
    with Session(engine) as session:
        for n in range(count):
            audit.record(session, action="sign-in", now=clock.now(), actor_label=f"user{n}")
        session.commit()
    engine.dispose()


def test_cutting_the_tail_off_is_found(fresh_database_url, backend, tmp_path) -> None:
    url = fresh_database_url
    assert run(url, tmp_path, "migrate").returncode == 0
    record_events(url, 5)
    written = run(url, tmp_path, "audit-checkpoint")
    assert written.returncode == 0, written.stderr
    assert "event 5" in written.stdout
    [line] = (tmp_path / "checkpoints.jsonl").read_text().splitlines()
    assert json.loads(line)["seq"] == 5
    intact = run(url, tmp_path, "audit-verify")
    assert intact.returncode == 0, intact.stderr
    assert "matches the checkpoint" in intact.stdout

    engine = make_engine(url)
    with engine.begin() as conn:
        drop_the_guard(conn, backend)
        conn.execute(text("DELETE FROM audit_event WHERE seq >= 4"))
    engine.dispose()
    cut = run(url, tmp_path, "audit-verify")
    assert cut.returncode == 1
    assert "events 4 to 5 are missing" in cut.stderr


def test_rewriting_the_chain_from_an_event_on_is_found(
    fresh_database_url, backend, tmp_path
) -> None:
    url = fresh_database_url
    assert run(url, tmp_path, "migrate").returncode == 0
    record_events(url, 3)
    assert run(url, tmp_path, "audit-checkpoint").returncode == 0
    record_events(url, 3)
    assert run(url, tmp_path, "audit-checkpoint").returncode == 0

    # Someone with write access rebuilds every event from 2 on with fresh hashes:
    # the chain alone still verifies.
    from sqlalchemy.orm import Session

    engine = make_engine(url)
    with engine.begin() as conn:
        drop_the_guard(conn, backend)
        conn.execute(text("DELETE FROM audit_event WHERE seq >= 2"))
    with Session(engine) as session:
        for n in range(2, 7):
            audit.record(
                session,
                action="sign-in",
                now=clock.now() + timedelta(seconds=n),
                actor_label="someone-else",
            )
        session.commit()
        assert audit.verify_chain(session).ok
    engine.dispose()
    rewritten = run(url, tmp_path, "audit-verify")
    assert rewritten.returncode == 1
    assert "event 3 does not match the checkpoint" in rewritten.stderr
    assert "rewritten" in rewritten.stderr


def test_a_forged_checkpoint_line_is_refused(fresh_database_url, tmp_path) -> None:
    url = fresh_database_url
    assert run(url, tmp_path, "migrate").returncode == 0
    record_events(url, 2)
    assert run(url, tmp_path, "audit-checkpoint").returncode == 0
    line = json.loads((tmp_path / "checkpoints.jsonl").read_text())
    forged = {**line, "seq": 1}
    with (tmp_path / "checkpoints.jsonl").open("a") as f:
        f.write(json.dumps(forged) + "\n")
    result = run(url, tmp_path, "audit-verify")
    assert result.returncode == 1
    assert "line 2" in result.stderr and "signature" in result.stderr
