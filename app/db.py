"""Database: declarative Base with a naming convention, the engine, sessions, SessionDep."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import Annotated, Any, ClassVar

from fastapi import Depends
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    Engine,
    ForeignKey,
    MetaData,
    bindparam,
    create_engine,
    event,
    func,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, MappedColumn, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from app.config import get_settings

# Stable constraint names, so migrations can name what they alter on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every database.

    SQLite has no time zones and hands back naive values; PostgreSQL hands back
    aware ones. Normalising here means no comparison ever mixes the two.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


def belongs_to(table: str) -> MappedColumn[Any]:
    """The key of the row (in table) that this row is part of: indexed, since rows are
    found by it, and deleted with that row. One definition for every such column; its type
    is the annotation's, as for any mapped_column."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers work while a concern is being written; foreign keys are off
    # by default in SQLite and we rely on them. The driver's own transaction handling
    # is switched off so SQLAlchemy's BEGIN and SAVEPOINT mean what they say: a
    # submission rolls back whole (see the SQLAlchemy pysqlite notes on savepoints).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for url, with SQLite set up for safe concurrent use.

    hide_parameters: a database error (and echo) names the statement but never its
    values, which are what families wrote; a traceback in a log must not carry them.
    """
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            connect_args={"check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        # IMMEDIATE takes the write lock at the start: a transaction that reads and then
        # writes (most of ours) would otherwise fail at once with "database is locked"
        # when another write commits in between, instead of waiting its turn. SQLite
        # serves one instance; PostgreSQL is the database for more.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, hide_parameters=True)


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    if settings.database_url.startswith("sqlite:///"):
        from pathlib import Path

        Path(settings.database_url.removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    return make_engine(settings.database_url, echo=settings.sql_echo)


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


def get_session() -> Iterator[Session]:
    """One session per request; routes commit, services only flush."""
    with get_sessionmaker()() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def take_turns(session: Session, key: int) -> None:
    """Hold a lock on key until the transaction ends, so writers that read-then-claim a
    number take turns. On PostgreSQL an advisory lock; under READ COMMITTED the read after
    it sees the previous holder's commit. SQLite needs nothing: every transaction begins
    with BEGIN IMMEDIATE (above), which already holds its only write lock until commit."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:key)").bindparams(
                bindparam("key", key, type_=BigInteger)
            )
        )


def json_object(session: Session, *pairs: object) -> ColumnElement[object]:
    """A JSON object built in SQL from key, value, key, value...: for set-based inserts."""
    name = "json_build_object" if session.get_bind().dialect.name == "postgresql" else "json_object"
    return getattr(func, name)(*pairs)  # type: ignore[no-any-return]
