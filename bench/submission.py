"""Server time to submit and to track a concern, SQLite against PostgreSQL, in one run.

    .venv/bin/python bench/submission.py [--requests 300] [--postgres URL]

Drives the real ASGI app in-process (no network), each request a full API call:
validation, risk rules, reference, idempotency record, commit. PostgreSQL is used
when --postgres or FV_TEST_DATABASE_URL is given; a database of its own is created
and dropped. Prints p50/p95 per backend and the ratio PostgreSQL/SQLite.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FV_ENVIRONMENT", "test")
os.environ.setdefault("FV_LOG_LEVEL", "WARNING")  # the request log would drown the figures

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.cli import upgrade_database
from app.db import get_session, make_engine
from app.main import create_app

BODY = {
    "role": "parent-carer",
    "on_behalf_of_child": True,
    "description": "We have had four social workers this year and nobody returns my calls. " * 4,
    "contact_email": "bench@example.com",
    "consent_to_share": True,
}


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def run(url: str, requests: int) -> dict[str, list[float]]:
    upgrade_database(url)
    engine = make_engine(url)
    factory = sessionmaker(bind=engine, expire_on_commit=False)

    def session() -> Iterator[Session]:
        with factory() as s:
            yield s

    app = create_app()
    app.dependency_overrides[get_session] = session
    times: dict[str, list[float]] = {"submit": [], "track": []}
    receipts = []
    with TestClient(app) as client:
        for n in range(requests):
            started = time.perf_counter()
            response = client.post(
                "/api/v1/concerns", json=BODY, headers={"Idempotency-Key": f"b{n}"}
            )
            times["submit"].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 201, response.text
            receipts.append(response.json())
        for receipt in receipts:
            started = time.perf_counter()
            response = client.get(
                f"/api/v1/concerns/{receipt['reference']}",
                headers={"X-Tracking-Code": receipt["tracking_code"]},
            )
            times["track"].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    engine.dispose()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--postgres", default=os.environ.get("FV_TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = run(f"sqlite:///{tmp}/bench.db", args.requests)
    if args.postgres:
        name = f"fv_bench_{secrets.token_hex(4)}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(args.postgres).set(database=name).render_as_string(hide_password=False)
            results["postgresql"] = run(url, args.requests)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    print(f"{args.requests} requests each, in-process, server time in ms")
    print(f"{'backend':<12}{'action':<8}{'p50':>8}{'p95':>8}{'req/s':>8}")
    for backend, times in results.items():
        for action, values in times.items():
            print(
                f"{backend:<12}{action:<8}{statistics.median(values):>8.2f}"
                f"{percentile(values, 95):>8.2f}{1000 / statistics.mean(values):>8.0f}"
            )
    if "postgresql" in results:
        for action in ("submit", "track"):
            ratio = statistics.median(results["postgresql"][action]) / statistics.median(
                results["sqlite"][action]
            )
            print(f"ratio postgresql/sqlite p50 {action}: {ratio:.2f}")


if __name__ == "__main__":
    main()
