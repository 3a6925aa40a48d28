"""Helpers for tests of staff accounts: make users, and sign in as a browser would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pyotp
from sqlalchemy.orm import Session

from app import clock
from app.staff import credentials
from app.staff.models import Role, StaffUser, Team, UserRole
from tests.api.pages import csrf

PASSWORD = "orbit lantern gravel meadow"


@dataclass
class Account:
    user: StaffUser
    password: str
    secret: str | None

    def code(self) -> str:
        assert self.secret is not None
        return pyotp.TOTP(self.secret).at(clock.now())


def make_team(session: Session, name: str, service_area: str) -> Team:
    team = Team(name=name, service_area=service_area)
    session.add(team)
    session.flush()
    return team


def make_account(
    session: Session,
    email: str,
    *roles: Role,
    team: Team | None = None,
    totp: bool = True,
) -> Account:
    now = clock.now()
    secret = credentials.new_totp_secret() if totp else None
    user = StaffUser(
        public_id=credentials.new_token()[:16],
        email=email,
        display_name=email.split("@")[0].title(),
        team_id=team.id if team else None,
        password_hash=credentials.hash_password(PASSWORD),
        totp_secret=secret,
        totp_enrolled_at=now if totp else None,
        created_at=now,
        role_rows=[UserRole(role=r.value) for r in roles],
    )
    session.add(user)
    session.flush()
    return Account(user, PASSWORD, secret)


def tick(seconds: int = 31) -> None:
    """Move frozen time on, so the next one-time code is a new one."""
    clock.freeze(clock.now() + timedelta(seconds=seconds))


def sign_in(client, account: Account, *, next_path: str = "/staff") -> None:
    page = client.get("/staff/sign-in")
    response = client.post(
        "/staff/sign-in",
        data={
            "csrf_token": csrf(page),
            "email": account.user.email,
            "password": account.password,
            "next": next_path,
        },
    )
    assert response.status_code == 303, response.text[:300]
    if account.secret:
        assert response.headers["location"].startswith("/staff/sign-in/code")
        tick()
        page = client.get("/staff/sign-in/code")
        response = client.post(
            "/staff/sign-in/code",
            data={
                "csrf_token": csrf(page),
                "code": account.code(),
                "next": next_path,
            },
        )
        assert response.status_code == 303, response.text[:300]
    assert response.headers["location"] == next_path
