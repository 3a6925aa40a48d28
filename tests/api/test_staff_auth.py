"""Staff sign-in: passwords, one-time codes, sessions, links, lockout, CSRF, cookies."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.notify.models import Notification
from app.staff import links as staff_links
from app.staff import service
from app.staff.models import Role, StaffUser
from tests.api.pages import csrf, error_summary, h1, set_cookie, soup
from tests.conftest import utc
from tests.staff import PASSWORD, make_account, sign_in, tick

START = utc(2026, 11, 23, 9, 0)


@pytest.fixture(autouse=True)
def _frozen(frozen):
    frozen.at(START)
    return frozen


def post_sign_in(client, email, password, next_path="/staff"):
    page = client.get("/staff/sign-in")
    return client.post(
        "/staff/sign-in",
        data={"csrf_token": csrf(page), "email": email, "password": password, "next": next_path},
    )


def actions_of(session):
    return [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))]


def test_staff_pages_send_anonymous_users_to_sign_in(client) -> None:
    response = client.get("/staff/cases?x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/sign-in?next=/staff/cases%3Fx%3D1"


def test_sign_in_with_password_and_code(client, session) -> None:
    account = make_account(session, "triage@council.example", Role.TRIAGE)
    sign_in(client, account)
    home = client.get("/staff")
    assert home.status_code == 200
    assert "Hello, Triage" in h1(home)
    assert actions_of(session)[-1] == "sign-in"


def test_wrong_password_and_unknown_email_get_the_same_answer(client, session) -> None:
    make_account(session, "a@council.example", Role.TRIAGE)
    wrong = post_sign_in(client, "a@council.example", "not the password")
    unknown = post_sign_in(client, "nobody@council.example", PASSWORD)
    assert wrong.status_code == unknown.status_code == 400
    assert (
        error_summary(wrong)
        == error_summary(unknown)
        == [("Enter a correct email address and password", "#email")]
    )
    assert "sign-in-failed" in actions_of(session)


def test_five_failures_lock_the_account_for_15_minutes(client, session, frozen) -> None:
    make_account(session, "a@council.example", Role.TRIAGE)
    for _ in range(5):
        assert post_sign_in(client, "a@council.example", "wrong").status_code == 400
    locked = post_sign_in(client, "a@council.example", PASSWORD)
    assert locked.status_code == 429
    assert "Try again in 15 minutes" in locked.text
    assert "account-locked" in actions_of(session)
    # An unknown address is 'locked' just the same, so the answer reveals nothing.
    for _ in range(5):
        post_sign_in(client, "ghost@council.example", "wrong")
    assert post_sign_in(client, "ghost@council.example", "wrong").status_code == 429
    frozen.at(START + timedelta(minutes=16))
    assert post_sign_in(client, "a@council.example", PASSWORD).status_code == 303


def test_a_replayed_code_is_refused(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    sign_in(client, account)
    used_code = account.code()
    client.post("/staff/sign-out", data={"csrf_token": csrf(client.get("/staff"))})
    # Same 30 seconds, same code: someone who saw it cannot use it again.
    response = post_sign_in(client, "a@council.example", PASSWORD)
    page = client.get(response.headers["location"])
    again = client.post(
        "/staff/sign-in/code", data={"csrf_token": csrf(page), "code": used_code, "next": "/staff"}
    )
    assert again.status_code == 400
    assert "mfa-failed" in actions_of(session)


def test_a_recovery_code_works_once(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE, totp=False)
    from app.staff import credentials
    from app.staff.models import RecoveryCode

    account.user.totp_secret = credentials.new_totp_secret()
    account.user.totp_enrolled_at = clock.now()
    session.add(
        RecoveryCode(user_id=account.user.id, code_hash=credentials.token_hash("abcd-efgh-jkmn"))
    )
    session.flush()
    for expected in (303, 400):
        response = post_sign_in(client, "a@council.example", PASSWORD)
        page = client.get(response.headers["location"])
        result = client.post(
            "/staff/sign-in/code",
            data={"csrf_token": csrf(page), "code": "ABCD EFGH JKMN", "next": "/staff"},
        )
        assert result.status_code == expected


def test_the_session_id_changes_at_sign_in(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    post_sign_in(client, account.user.email, PASSWORD)
    pending_cookie = client.cookies.get("fv_staff")
    tick()
    page = client.get("/staff/sign-in/code")
    client.post(
        "/staff/sign-in/code",
        data={"csrf_token": csrf(page), "code": account.code(), "next": "/staff"},
    )
    assert client.cookies.get("fv_staff") != pending_cookie
    # The pending id no longer works for anything.
    set_cookie(client, "fv_staff", pending_cookie)
    assert client.get("/staff").status_code == 303


def test_idle_and_absolute_session_limits(client, session, frozen) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    sign_in(client, account)
    frozen.at(clock.now() + timedelta(minutes=29))
    assert client.get("/staff").status_code == 200
    frozen.at(clock.now() + timedelta(minutes=31))
    assert client.get("/staff").status_code == 303  # idle too long
    sign_in(client, account)
    for _ in range(25):  # active all day, never idle
        frozen.at(clock.now() + timedelta(minutes=29))
        client.get("/staff")
    assert client.get("/staff").status_code == 303  # past 12 hours


def test_a_tampered_cookie_signs_nobody_in(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    sign_in(client, account)
    value = client.cookies.get("fv_staff")
    set_cookie(client, "fv_staff", value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    assert client.get("/staff").status_code == 303


def test_staff_cookie_is_httponly_and_samesite_strict(client, session) -> None:
    account = make_account(session, "a@council.example", Role.COMMISSION, totp=False)
    response = post_sign_in(client, account.user.email, PASSWORD)
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("fv_staff="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_sign_out_everywhere_ends_other_sessions(app, client, session) -> None:
    from fastapi.testclient import TestClient

    account = make_account(session, "a@council.example", Role.TRIAGE)
    sign_in(client, account)
    with TestClient(app, follow_redirects=False) as other:
        sign_in(other, account)
        assert other.get("/staff").status_code == 200
        client.post(
            "/staff/sign-out-everywhere", data={"csrf_token": csrf(client.get("/staff/account"))}
        )
        assert other.get("/staff").status_code == 303
    assert client.get("/staff").status_code == 303


def test_missing_csrf_token_on_a_staff_form_is_refused(client, session) -> None:
    account = make_account(session, "a@council.example", Role.TRIAGE)
    sign_in(client, account)
    assert client.post("/staff/sign-out").status_code == 403
    assert client.get("/staff").status_code == 200  # still signed in


def test_next_accepts_only_local_paths(client, session) -> None:
    account = make_account(session, "a@council.example", Role.COMMISSION, totp=False)
    for evil in ("https://evil.example/", "//evil.example", "/\\evil.example"):
        response = post_sign_in(client, account.user.email, PASSWORD, next_path=evil)
        assert response.headers["location"] == "/staff"


def test_set_up_link_sets_password_then_authenticator_then_shows_recovery_codes(
    client, session
) -> None:
    user = service.create_user(
        session,
        email="New.Person@Council.example",
        display_name="New Person",
        roles=[Role.CASEWORKER],
        team_id=None,
        actor=Actor(None, None),
        now=clock.now(),
    )
    token = staff_links.issue_link(session, user, purpose="setup", now=clock.now())
    page = client.get(f"/staff/setup/{token}")
    assert h1(page) == "Set up your account"
    weak = client.post(
        f"/staff/setup/{token}",
        data={"csrf_token": csrf(page), "password": "password1234", "confirm": "password1234"},
    )
    assert weak.status_code == 400 and "too common" in weak.text
    done = client.post(
        f"/staff/setup/{token}",
        data={"csrf_token": csrf(page), "password": PASSWORD, "confirm": PASSWORD},
    )
    assert done.headers["location"] == "/staff/account/authenticator"
    enrol = client.get("/staff/account/authenticator")
    assert soup(enrol).select_one("svg[role=img]") is not None
    secret = soup(enrol).select_one("#totp-secret").get_text(strip=True)
    import pyotp

    tick()
    codes_page = client.post(
        "/staff/account/authenticator",
        data={"csrf_token": csrf(enrol), "code": pyotp.TOTP(secret).at(clock.now())},
    )
    assert codes_page.status_code == 200
    codes = [c.get_text() for c in soup(codes_page).select("#recovery-codes code")]
    assert len(codes) == 10 and all(
        re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", c) for c in codes
    )
    assert client.get("/staff").status_code == 200
    # The link worked once.
    again = client.get(f"/staff/setup/{token}")
    assert again.status_code == 400 and "already been used" in again.text
    stored = session.scalars(
        select(StaffUser).where(StaffUser.email == "new.person@council.example")
    ).one()
    assert stored.password_hash.startswith("$argon2id$")


def test_reset_link_is_single_use_and_expires(client, session, frozen) -> None:
    make_account(session, "a@council.example", Role.TRIAGE)
    page = client.get("/staff/forgot-password")
    sent = client.post(
        "/staff/forgot-password", data={"csrf_token": csrf(page), "email": "A@council.example"}
    )
    assert sent.status_code == 200 and "Check your email" in sent.text
    unknown = client.post(
        "/staff/forgot-password", data={"csrf_token": csrf(page), "email": "x@council.example"}
    )
    assert h1(unknown) == h1(sent)
    message = session.scalars(select(Notification)).one()
    link = message.personalisation["link"]
    path = link[link.index("/staff/reset/") :]
    form = client.get(path)
    new_password = "violet harbour copper thistle"
    ok = client.post(
        path, data={"csrf_token": csrf(form), "password": new_password, "confirm": new_password}
    )
    assert ok.status_code == 303
    reused = client.post(
        path, data={"csrf_token": csrf(form), "password": new_password, "confirm": new_password}
    )
    assert reused.status_code == 400 and "already been used" in reused.text
    # A new link expires after an hour.
    client.post(
        "/staff/forgot-password", data={"csrf_token": csrf(page), "email": "a@council.example"}
    )
    latest = session.scalars(select(Notification).order_by(Notification.id.desc())).first()
    later_path = latest.personalisation["link"][
        latest.personalisation["link"].index("/staff/reset/") :
    ]
    frozen.at(clock.now() + timedelta(minutes=61))
    assert client.get(later_path).status_code == 400


def test_commission_members_need_no_code_by_default_and_see_no_cases(client, session) -> None:
    account = make_account(session, "member@commission.example", Role.COMMISSION, totp=False)
    sign_in(client, account)
    assert client.get("/staff").status_code == 200
    assert client.get("/staff/cases").status_code == 403
    assert client.get("/staff/cases/FV-2026-000001").status_code == 403


def test_staff_roles_must_set_up_an_authenticator(client, session) -> None:
    account = make_account(session, "a@council.example", Role.MANAGER, totp=False)
    response = post_sign_in(client, account.user.email, PASSWORD)
    assert response.headers["location"] == "/staff/account/authenticator"
    assert client.get("/staff").status_code == 303  # not signed in until it is set up
