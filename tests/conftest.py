"""Test set-up: one schema per database built by `alembic upgrade head`, one rolled-back
transaction per test, and the same tests on PostgreSQL when FV_TEST_DATABASE_URL is set."""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

# Settings are read once: make them the test ones before the app is imported.
os.environ["FV_ENVIRONMENT"] = "test"
os.environ["FV_SECRET_KEY"] = "test-secret-key-" + "x" * 32
os.environ.setdefault("FV_LOG_JSON", "true")
os.environ["FV_SWEEP_INTERVAL_MINUTES"] = "0"  # tests sweep when they mean to
# Start-up waits for the text engines, so no test races a loading model (the server's
# default, answering while they load, has a test of its own).
os.environ.setdefault("FV_WARM_BEFORE_SERVING", "true")
# The theme model trained on first use goes to a directory of this run, not the checkout's var/.
os.environ["FV_MODEL_DIR"] = tempfile.mkdtemp(prefix="fv-models-")

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app import clock
from app.cli import upgrade_database
from app.db import get_session, make_engine
from app.main import create_app
from app.models import metadata

atexit.register(shutil.rmtree, os.environ["FV_MODEL_DIR"], ignore_errors=True)

POSTGRES_URL = os.environ.get("FV_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]
SEEDED_TABLES = ("theme", "taxonomy_version", "theme_change")


@contextmanager
def empty_database(backend: str, directory: Path) -> Iterator[str]:
    """A new, empty database of the backend, removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / f'{secrets.token_hex(4)}.db'}"
        return
    # A database of our own on the server, so runs never see each other's rows.
    name = f"fv_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """An empty database of each backend, made for this run and removed after it."""
    with empty_database(request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture
def fresh_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """Another empty database of the same backend, for tests that commit for real."""
    with empty_database(backend, tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    upgrade_database(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def backend(engine: Engine) -> str:
    return engine.dialect.name


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test.

    Routes' commits only release a savepoint, so each test starts from the same
    empty database.
    """
    connection = engine.connect()
    transaction = connection.begin()
    db = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield db
    finally:
        db.close()
        transaction.rollback()
        connection.close()


@pytest.fixture
def committing_sessions(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Sessions that really commit, for tests of concurrent requests; tables emptied after."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    try:
        yield factory
    finally:
        with engine.begin() as conn:
            for table in reversed(metadata.sorted_tables):
                # The audit trail refuses deletes: tests that commit audit events
                # use a database of their own (fresh_database_url). The taxonomy is
                # seeded by the migrations, and later tests need it as seeded.
                if table.name not in ("audit_event", *SEEDED_TABLES):
                    conn.execute(table.delete())


@pytest.fixture
def app(session: Session) -> FastAPI:
    application = create_app()
    application.dependency_overrides[get_session] = lambda: session
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def frozen() -> Iterator[clock.FreezeControl]:
    """Freeze app.clock.now(); call frozen.at(datetime) to move it."""
    control = clock.FreezeControl()
    try:
        yield control
    finally:
        clock.freeze(None)


def pytest_configure(config: pytest.Config) -> None:
    Path("var").mkdir(exist_ok=True)


def utc(*args: int) -> datetime:
    from datetime import UTC

    return datetime(*args, tzinfo=UTC)
