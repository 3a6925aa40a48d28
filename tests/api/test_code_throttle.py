"""One-time and recovery codes are throttled like passwords: per account and per client.

Five wrong codes end the half-signed-in session and lock the account for a while; a
correct password does not wipe the count; everything is audited.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.config import get_settings
from app.staff import credentials
from app.staff.models import RecoveryCode, Role
from tests.api.pages import csrf, error_summary, h1
from tests.conftest import utc
from tests.staff import PASSWORD, make_account, sign_in, tick

START = utc(2026, 11, 23, 9, 0)
WRONG = "000000"


@pytest.fixture(autouse=True)
def _frozen(frozen):
    frozen.at(START)
    return frozen


def password_step(client: TestClient, email: str):
    page = client.get("/staff/sign-in")
    return client.post(
        "/staff/sign-in",
        data={"csrf_token": csrf(page), "email": email, "password": PASSWORD, "next": "/staff"},
    )


def code_step(client: TestClient, code: str):
    page = client.get("/staff/sign-in/code")
    if page.status_code != 200:
        return page
    return client.post(
        "/staff/sign-in/code", data={"csrf_token": csrf(page), "code": code, "next": "/staff"}
    )


def actions_of(session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def test_five_wrong_codes_sign_the_person_out_and_lock_the_account(client, session, frozen):
    account = make_account(session, "a@council.example", Role.TRIAGE)
    assert password_step(client, account.user.email).status_code == 303
    for _ in range(4):
        assert code_step(client, WRONG).status_code == 400
    fifth = code_step(client, WRONG)
    assert fifth.status_code == 429
    assert 0 < int(fifth.headers["retry-after"]) <= 15 * 60
    assert h1(fifth) == "Sign in"
    [(message, _)] = error_summary(fifth)
    assert "wrong code too many times" in message
    assert "signed you out" in message and "Try again in 15 minutes" in message
    # The half-signed-in session is over: even the right code no longer works in it.
    tick()
    after = code_step(client, account.code())
    assert after.status_code == 303 and after.headers["location"].startswith("/staff/sign-in")
    assert client.get("/staff").status_code == 303
    # The account is locked: the right password is refused too, with the same plain words.
    locked = password_step(client, account.user.email)
    assert locked.status_code == 429 and "Try again in" in locked.text
    assert actions_of(session).count("mfa-failed") == 5
    assert "account-locked" in actions_of(session)
    # After the lock, the person signs in as usual.
    frozen.at(START + timedelta(minutes=16))
    sign_in(client, account)
    assert client.get("/staff").status_code == 200


def test_hundreds_of_fast_guesses_get_nowhere(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    password_step(client, account.user.email)
    page = client.get("/staff/sign-in/code")
    statuses = [
        client.post(
            "/staff/sign-in/code",
            data={"csrf_token": csrf(page), "code": f"{n:06d}", "next": "/staff"},
        ).status_code
        for n in range(60)
    ]
    assert statuses[:4] == [400] * 4 and statuses[4] == 429
    assert 400 not in statuses[5:]  # no more guesses are even checked
    assert actions_of(session).count("mfa-failed") == 5
    tick()
    assert code_step(client, account.code()).status_code == 303  # back to sign-in
    assert client.get("/staff").status_code == 303


def test_a_correct_password_does_not_clear_the_count_of_wrong_codes(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    password_step(client, account.user.email)
    for _ in range(3):
        assert code_step(client, WRONG).status_code == 400
    # Signing in again with the right password starts a new try, not a new count.
    assert password_step(client, account.user.email).status_code == 303
    assert code_step(client, WRONG).status_code == 400
    assert code_step(client, WRONG).status_code == 429


def test_wrong_passwords_and_wrong_codes_add_up(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    for _ in range(3):
        page = client.get("/staff/sign-in")
        client.post(
            "/staff/sign-in",
            data={"csrf_token": csrf(page), "email": account.user.email, "password": "wrong"},
        )
    password_step(client, account.user.email)
    assert code_step(client, WRONG).status_code == 400
    assert code_step(client, WRONG).status_code == 429


def test_a_full_sign_in_starts_the_count_again(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    password_step(client, account.user.email)
    for _ in range(4):
        code_step(client, WRONG)
    tick()
    assert code_step(client, account.code()).status_code == 303
    client.post("/staff/sign-out", data={"csrf_token": csrf(client.get("/staff"))})
    password_step(client, account.user.email)
    for _ in range(4):
        assert code_step(client, WRONG).status_code == 400


def test_wrong_recovery_codes_count_the_same(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    session.add(
        RecoveryCode(user_id=account.user.id, code_hash=credentials.token_hash("abcd-efgh-jkmn"))
    )
    session.flush()
    password_step(client, account.user.email)
    for n in range(4):
        assert code_step(client, f"wxyz-wxyz-wxy{n + 2}").status_code == 400
    assert code_step(client, "wxyz-wxyz-wxy9").status_code == 429
    # The real recovery code does not get through the lock either.
    assert password_step(client, account.user.email).status_code == 429
    unused = session.scalars(select(RecoveryCode).where(RecoveryCode.used_at.is_(None))).all()
    assert len(unused) == 1


def test_a_locked_account_refuses_a_right_code_from_a_session_started_earlier(
    app, client, session
) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    with TestClient(app, follow_redirects=False) as victim:
        password_step(victim, account.user.email)  # half-signed-in before the lock
        password_step(client, account.user.email)
        for _ in range(5):
            code_step(client, WRONG)
        tick()
        refused = code_step(victim, account.code())
        assert refused.status_code == 429 and "Try again in" in refused.text
        assert victim.get("/staff").status_code == 303


@pytest.fixture
def ip_limit_of_six(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("FV_SIGNIN_IP_MAX_FAILURES", "6")
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("FV_SIGNIN_IP_MAX_FAILURES")
    get_settings.cache_clear()


def test_wrong_codes_are_counted_per_client_across_accounts(ip_limit_of_six, app, session):
    first = make_account(session, "a@council.example", Role.TRIAGE)
    second = make_account(session, "b@council.example", Role.TRIAGE)
    with TestClient(app, follow_redirects=False, client=("198.51.100.7", 1)) as attacker:
        password_step(attacker, first.user.email)
        for _ in range(4):
            assert code_step(attacker, WRONG).status_code == 400
        password_step(attacker, second.user.email)
        assert code_step(attacker, WRONG).status_code == 400
        assert code_step(attacker, WRONG).status_code == 429  # the client's sixth
    # The second account is not locked: its owner signs in from their own computer.
    with TestClient(app, follow_redirects=False, client=("203.0.113.20", 1)) as owner:
        tick()
        sign_in(owner, second)
        assert owner.get("/staff").status_code == 200
