"""Is the service able to serve: what counts as "the database is unavailable", and readiness.

/healthz says the process is up; /readyz says it can serve requests: the database answers
and its schema is at the migrations' head (a deploy that has not migrated yet is not ready).
"""

from __future__ import annotations

from functools import lru_cache

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import exc
from sqlalchemy.orm import Session

# Seconds a client is told to wait before trying again while the database is unavailable.
RETRY_AFTER_SECONDS = 30

# Errors that mean "the database cannot serve right now" (refused, unreachable, unopenable,
# locked, pool exhausted, connection lost), as opposed to a bug in a query.
DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (
    exc.OperationalError,
    exc.InterfaceError,
    exc.TimeoutError,
    exc.DisconnectionError,
)


@lru_cache
def migration_heads() -> frozenset[str]:
    """The head revisions of the migrations shipped with this code."""
    from app.config import alembic_config

    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def readiness(session: Session) -> str:
    """'ok', 'migrations-pending', or 'unavailable' when the database cannot be reached."""
    try:
        current = MigrationContext.configure(session.connection()).get_current_heads()
    except DATABASE_UNAVAILABLE:
        return "unavailable"
    return "ok" if frozenset(current) == migration_heads() else "migrations-pending"
