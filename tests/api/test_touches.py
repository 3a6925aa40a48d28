"""A token's "last used" and a session's "last seen" are kept even by requests that only read.

Read-only requests never commit, so what they write is lost when the request's session
closes. These tests use the app as it runs: anything not committed is rolled back after
each request.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from app import clock
from app.db import get_session
from app.main import create_app
from app.staff import tokens as staff_tokens
from app.staff.models import ApiToken, Role
from tests.api.pages import soup
from tests.conftest import utc
from tests.staff import make_account, sign_in

START = utc(2026, 11, 23, 9, 0)


@pytest.fixture
def real_client(session) -> Iterator[TestClient]:
    app = create_app()

    def per_request():
        try:
            yield session
        finally:
            session.rollback()  # what closing a request's own session does

    app.dependency_overrides[get_session] = per_request
    with TestClient(app, follow_redirects=False) as client:
        yield client


def last_used_cells(client: TestClient) -> list[str]:
    page = soup(client.get("/staff/account"))
    return [row.select("td")[2].get_text(strip=True) for row in page.select("tbody tr")]


@pytest.mark.parametrize("path", ["/api/v1/staff/me", "/api/v1/staff/cases"])
def test_a_token_used_only_to_read_shows_when_it_was_used(
    real_client, session, frozen, path
) -> None:
    frozen.at(START)
    account = make_account(session, "a@council.example", Role.TRIAGE)
    record, token = staff_tokens.create_api_token(
        session, account.user, name="script", ip=None, now=clock.now()
    )
    session.commit()
    frozen.at(START + timedelta(hours=1))
    used = real_client.get(path, headers={"Authorization": f"Bearer {token}"})
    assert used.status_code == 200
    assert session.get(ApiToken, record.id).last_used_at == START + timedelta(hours=1)
    sign_in(real_client, account)
    assert last_used_cells(real_client) == ["23 November 2026"]


def test_reading_pages_keeps_a_staff_session_alive(real_client, session, frozen) -> None:
    frozen.at(START)
    account = make_account(session, "a@council.example", Role.TRIAGE)
    session.commit()
    sign_in(real_client, account)
    for _ in range(4):  # an hour of reading, a page every 20 minutes
        frozen.at(clock.now() + timedelta(minutes=20))
        assert real_client.get("/staff").status_code == 200
