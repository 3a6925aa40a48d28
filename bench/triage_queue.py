"""The triage queue and the SLA sweep at scale: 1,000,000 cases on PostgreSQL, 200,000 on SQLite.

    .venv/bin/python bench/triage_queue.py [--sqlite-cases 200000] [--postgres-cases 1000000] [--postgres URL]

Builds the cases with set-based SQL in a database of its own (dropped afterwards):
one in twenty open, spread over 20 teams and 200 caseworkers, received over five
years, each open case with its two clocks. Then, signed in as a triage officer, it
asks for the queue page with each single filter (in-process, the whole request:
routing, access, query, counts and template) and reports server time p50/p95, and
times a full sweep. PostgreSQL needs --postgres or FV_TEST_DATABASE_URL.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FV_ENVIRONMENT", "test")
os.environ.setdefault("FV_LOG_LEVEL", "WARNING")
os.environ["FV_SWEEP_INTERVAL_MINUTES"] = "0"

from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app import clock
from app.cli import upgrade_database
from app.db import get_session, make_engine
from app.main import create_app
from app.sla.sweep import sweep
from app.staff import sessions as staff_sessions
from app.staff.models import Role, StaffUser, UserRole
from app.web.security import signer

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
FILTERS = [
    {},
    {"route": "statutory"},
    {"clock": "overdue"},
    {"clock": "due-soon"},
    {"state": "in-progress"},
    {"priority": "high"},
    {"team": "7"},
    {"assignee": "42"},
    {"service_area": "Area 3"},
    {"source": "api"},
    {"theme": "delays"},
    {"state": "all"},
]


def build(engine: Engine, cases: int) -> None:
    """Teams, caseworkers and cases, made in the database itself, not row by row from Python."""
    pg = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO team (id, name, service_area) SELECT n, 'Team ' || n, 'Area ' || (n % 5) "
                + (
                    "FROM generate_series(1, 20) AS n"
                    if pg
                    else "FROM (WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 20) "
                    "SELECT n FROM s)"
                )
            )
        )
        series = (
            "generate_series(1, :cases) AS n"
            if pg
            else "(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < :cases) SELECT n FROM s)"
        )
        ts = (
            "(:now - (n % 1800) * interval '1 day')"
            if pg
            else "datetime(:now, '-' || (n % 1800) || ' days')"
        )
        due = (
            "(:now + ((n % 40) - 10) * interval '1 day')"
            if pg
            else "datetime(:now, ((n % 40) - 10) || ' days')"
        )
        soon = (
            "(:now + ((n % 40) - 14) * interval '1 day')"
            if pg
            else "datetime(:now, ((n % 40) - 14) || ' days')"
        )
        day = "CAST(" + ts + " AS DATE)" if pg else "date(" + ts + ")"
        conn.execute(
            text(f"""
            INSERT INTO family_item (id, kind, reference, risk_signals, role, on_behalf_of_child,
                description, preferred_contact, anonymous, consent_to_share, received_at)
            SELECT n, 'concern', 'FV-B-' || n, '[]', 'parent-carer', {"true" if pg else "1"},
                'Benchmark concern', 'email', {"false" if pg else "0"}, {"false" if pg else "0"}, {ts}
            FROM {series}
        """),
            {"cases": cases, "now": NOW if pg else NOW.strftime("%Y-%m-%d %H:%M:%S")},
        )
        conn.execute(
            text(f"""
            INSERT INTO concern (id, item_id, tracking_code_hash, safeguarding, source,
                acknowledge_due_on, response_due_on, route, priority, state, stage, clock_paused, team_id,
                assignee_id, next_due_at, next_due_soon_at)
            SELECT n, n, 'x', {"n % 50 = 0" if pg else "(n % 50 = 0)"},
                CASE WHEN n % 3 = 0 THEN 'api' ELSE 'web' END,
                {day}, {day},
                CASE n % 4 WHEN 0 THEN 'corporate' WHEN 1 THEN 'feedback' ELSE 'statutory' END,
                CASE n % 10 WHEN 0 THEN 'high' WHEN 1 THEN 'urgent' ELSE 'normal' END,
                CASE WHEN n % 20 = 0 THEN CASE n % 3 WHEN 0 THEN 'in-progress' WHEN 1 THEN 'acknowledged'
                     ELSE 'awaiting-family' END ELSE 'closed' END,
                1, {"false" if pg else "0"}, 1 + (n / 20) % 20, NULL,
                CASE WHEN n % 20 = 0 THEN {due} END, CASE WHEN n % 20 = 0 THEN {soon} END
            FROM {series}
        """),
            {"cases": cases, "now": NOW if pg else NOW.strftime("%Y-%m-%d %H:%M:%S")},
        )
        conn.execute(
            text(f"""
            INSERT INTO case_clock (concern_id, name, policy_code, policy_version, started_at, target, paused_days,
                paused, due_on, due_at, due_soon_at, stopped_at, outcome)
            SELECT concern.id, clock.name, 'statutory', 1, family_item.received_at, clock.target, 0,
                {"false" if pg else "0"}, response_due_on, next_due_at, next_due_soon_at, NULL, NULL
            FROM concern JOIN family_item ON family_item.id = concern.item_id,
                (SELECT 'acknowledgement' AS name, 3 AS target UNION ALL
                 SELECT 'stage-1-response', 10) AS clock
            WHERE concern.state <> 'closed'
        """)
        )
    # As autovacuum would soon after a load: statistics, and the visibility map that
    # lets PostgreSQL answer from an index alone.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if pg else "ANALYZE"))


def triage_cookie(factory: sessionmaker[Session]) -> str:
    with factory() as session:
        user = StaffUser(
            public_id="bench-triage",
            email="bench@council.example",
            display_name="Bench",
            created_at=NOW,
            role_rows=[UserRole(role=Role.TRIAGE.value)],
        )
        session.add(user)
        session.flush()
        # 200 caseworkers to filter by.
        session.add_all(
            StaffUser(
                public_id=f"cw{n}",
                email=f"cw{n}@council.example",
                display_name=f"CW {n}",
                team_id=1 + n % 20,
                created_at=NOW,
                role_rows=[UserRole(role=Role.CASEWORKER.value)],
            )
            for n in range(200)
        )
        token = staff_sessions.new_session(session, user, stage="full", now=NOW)
        session.commit()
    return signer("fv_staff").dumps(token)


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]


def run(url: str, cases: int, repeats: int) -> dict[str, object]:
    upgrade_database(url)
    engine = make_engine(url)
    started = time.perf_counter()
    build(engine, cases)
    built = time.perf_counter() - started
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    cookie = triage_cookie(factory)

    def session_dep() -> Iterator[Session]:
        with factory() as s:
            yield s

    clock.freeze(NOW)
    app = create_app()
    app.dependency_overrides[get_session] = session_dep
    # Server time: measured inside the app, from the request's arrival to the last byte
    # of the answer, so the in-process test client's own overhead is left out.
    served: list[float] = []

    @app.middleware("http")
    async def server_time(request, call_next):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        response = await call_next(request)
        served.append((time.perf_counter() - t0) * 1000)
        return response

    timings: dict[str, list[float]] = {}
    with TestClient(app) as client:
        client.cookies.set("fv_staff", cookie, domain="testserver.local", path="/")
        for f in FILTERS:
            name = ",".join(f"{k}={v}" for k, v in f.items()) or "default (open)"
            client.get("/staff/cases", params=f)  # warm
            served.clear()
            for _ in range(repeats):
                response = client.get("/staff/cases", params=f)
                assert response.status_code == 200, response.status_code
            timings[name] = list(served)
    with factory() as session:
        t0 = time.perf_counter()
        result = sweep(session, now=NOW, cadence=timedelta(hours=24))
        session.commit()
        sweep_seconds = time.perf_counter() - t0
    clock.freeze(None)
    engine.dispose()
    return {"built": built, "timings": timings, "sweep": sweep_seconds, "alerts": result.alerts}


def worst_p95(result: dict[str, object]) -> float:
    timings: dict[str, list[float]] = result["timings"]  # type: ignore[assignment]
    return max(percentile(s, 95) for s in timings.values())


def report(backend: str, cases: int, result: dict[str, object]) -> None:
    timings: dict[str, list[float]] = result["timings"]  # type: ignore[assignment]
    print(f"\n{backend}: {cases:,} cases (built in {result['built']:.1f} s)")
    print(f"  {'filter':<22}{'p50 ms':>9}{'p95 ms':>9}")
    for name, samples in timings.items():
        print(f"  {name:<22}{statistics.median(samples):>9.1f}{percentile(samples, 95):>9.1f}")
    worst = max(percentile(s, 95) for s in timings.values())
    print(
        f"  worst p95: {worst:.1f} ms; full sweep: {result['sweep']:.2f} s ({result['alerts']:,} alerts)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sqlite-cases", type=int, default=200_000)
    parser.add_argument("--postgres-cases", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("FV_TEST_DATABASE_URL", ""))
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = run(f"sqlite:///{tmp}/bench.db", args.sqlite_cases, args.repeats)
        report("SQLite", args.sqlite_cases, sqlite)
    if args.postgres:
        name = f"fv_bench_{secrets.token_hex(4)}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(args.postgres).set(database=name).render_as_string(hide_password=False)
            postgres = run(url, args.postgres_cases, args.repeats)
            report("PostgreSQL", args.postgres_cases, postgres)
            print(
                f"\nratio of worst p95, PostgreSQL ({args.postgres_cases:,}) / SQLite ({args.sqlite_cases:,}): "
                f"{worst_p95(postgres) / worst_p95(sqlite):.2f}"
            )
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
