"""The API answers as its OpenAPI document says, for requests schemathesis generates from it.

Run in-process (ASGI) on each backend the conftest offers, a few derandomized examples per
operation so `make test` stays quick and stable: once as the public (no token, made-up
tracking codes), once with a staff user's API token.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app import clock
from app.db import get_session
from app.main import create_app
from app.staff import tokens as staff_tokens
from app.staff.models import Role
from tests.staff import make_account, make_team

# unsupported_method: a 405 must name the allowed methods in Allow.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    unsupported_method,
]
BOUNDED = settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# One app for the module, built at import so schemathesis can read its schema (its
# from_fixture loader does not work with this pytest); each backend's run points the app at
# a session of its own (the `world` fixture).
APP = create_app()
_SESSION: list[Session] = []
APP.dependency_overrides[get_session] = lambda: _SESSION[0]
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def world(engine: Engine) -> Iterator[dict[str, str]]:
    """A triage officer with an API token, in a transaction rolled back after the module."""
    connection = engine.connect()
    transaction = connection.begin()
    db = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    team = make_team(db, "North", "Children in need")
    account = make_account(db, "triage@council.example", Role.TRIAGE, team=team)
    _, token = staff_tokens.create_api_token(
        db, account.user, name="schema", ip=None, now=clock.now()
    )
    _SESSION[:] = [db]
    try:
        yield {"token": token}
    finally:
        _SESSION.clear()
        db.close()
        transaction.rollback()
        connection.close()


@BOUNDED
@schema.parametrize()
def test_public(case, world) -> None:
    case.call_and_validate(checks=CHECKS)


@BOUNDED
@schema.include(path_regex="^/api/v1/staff/").parametrize()
def test_staff_token(case, world) -> None:
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {world['token']}"})
