"""The one place that decides access: who is signed in, and what their roles allow.

Every route depends on exactly one access rule from here (public, a pending sign-in
stage, or require_role). tests/api/test_access_matrix.py walks every route in the
app and fails on a route without one, and checks each rule for every role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request

from app import clock
from app.audit.service import Actor
from app.config import get_settings
from app.db import SessionDep
from app.errors import ServiceError
from app.proxies import scope_client
from app.staff import sessions as staff_sessions
from app.staff import tokens as staff_tokens
from app.staff.models import Role, StaffSession, StaffUser
from app.web.security import read_signed_cookie

STAFF_COOKIE = "fv_staff"
ALL_ROLES = frozenset(Role)


class SignInRequired(Exception):
    """No signed-in user: web pages redirect to sign-in, the API answers 401."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class Forbidden(ServiceError):
    status_code = 403

    def __init__(self) -> None:
        super().__init__("You do not have access to this page")


@dataclass(frozen=True)
class Principal:
    user: StaffUser
    session: StaffSession | None  # None when signed in with an API token
    ip: str

    @property
    def actor(self) -> Actor[StaffUser]:
        return Actor(self.user, self.ip)


def client_ip(request: Request) -> str:
    """The client's address for throttles and the audit trail (see app/proxies.py)."""
    return scope_client(request.scope, get_settings().trusted_networks)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value else None


def _principal(
    request: Request, session: SessionDep, *, stages: frozenset[str]
) -> Principal | None:
    now = clock.now()
    if request.url.path.startswith("/api/"):
        token = _bearer(request)
        user = staff_tokens.user_for_api_token(session, token, now=now) if token else None
        _keep_touch(session)
        return Principal(user, None, client_ip(request)) if user else None
    record = staff_sessions.load_session(
        session, read_signed_cookie(request, STAFF_COOKIE), now=now
    )
    _keep_touch(session)
    if record is None or record.stage not in stages:
        return None
    user = session.get(StaffUser, record.user_id)
    return Principal(user, record, client_ip(request)) if user else None


def _keep_touch(session: SessionDep) -> None:
    # A token's last use and a session's last activity (written at most once a minute)
    # must survive requests that only read and so never commit; nothing else has been
    # written yet when access is checked.
    if session.dirty:
        session.commit()


def _next_path(request: Request) -> str:
    path = request.url.path
    return path + (f"?{request.url.query}" if request.url.query else "")


def _with_rule(dependency: Callable[..., Any], rule: object) -> Callable[..., Any]:
    dependency.access_rule = rule  # type: ignore[attr-defined]
    return dependency


def public() -> None:
    """Anyone, signed in or not."""


public.access_rule = "public"  # type: ignore[attr-defined]


def require_role(*roles: Role) -> Callable[..., Principal]:
    """A dependency that lets through a fully signed-in user holding any of roles."""
    allowed = frozenset(roles)

    def dependency(request: Request, session: SessionDep) -> Principal:
        principal = _principal(request, session, stages=frozenset({"full"}))
        if principal is None:
            raise SignInRequired(_next_path(request))
        if not principal.user.roles & allowed:
            raise Forbidden
        request.state.principal = principal
        return principal

    return _with_rule(dependency, allowed)


def require_stage(stage: str) -> Callable[..., Principal]:
    """A dependency for the steps between password and full sign-in (code, authenticator set-up)."""

    def dependency(request: Request, session: SessionDep) -> Principal:
        principal = _principal(request, session, stages=frozenset({stage}))
        if principal is None:
            raise SignInRequired("/staff")
        return principal

    return _with_rule(dependency, f"stage:{stage}")


signed_in = require_role(*ALL_ROLES)
StaffDep = Annotated[Principal, Depends(signed_in)]
# The two access rules most staff routes use, named once so every route states the same rule.
CaseReaderDep = Annotated[
    Principal, Depends(require_role(Role.TRIAGE, Role.CASEWORKER, Role.MANAGER))
]
ManagerDep = Annotated[Principal, Depends(require_role(Role.MANAGER))]
# Forum sessions and who signed up to them: the facilitators, and managers.
FacilitatorDep = Annotated[Principal, Depends(require_role(Role.FACILITATOR, Role.MANAGER))]


def safe_next(value: str | None) -> str:
    """Only a local path: never another site (no open redirects)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/staff"
    return value


def sign_in_url(next_path: str) -> str:
    return f"/staff/sign-in?next={quote(next_path, safe='/')}"
