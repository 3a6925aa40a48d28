"""Every route in the app, for every role and for anonymous users: allowed or refused as declared.

A route without an entry here, or without exactly one access rule from app.web.auth,
fails this test: access is decided in one place, and nothing is added without a rule.
"""

from __future__ import annotations

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from app import clock
from app.concerns import service as concerns
from app.concerns.files import CheckedFile
from app.concerns.models import Source
from app.staff import sessions as staff_sessions
from app.staff import tokens as staff_tokens
from app.staff.models import Role
from tests.api.pages import csrf
from tests.conftest import utc
from tests.factories import PDF, concern_create
from tests.staff import make_account, make_team

PUBLIC = "public"
ANY_STAFF = frozenset(Role)
CASE_READERS = frozenset({Role.TRIAGE, Role.CASEWORKER, Role.MANAGER})
ADMIN = frozenset({Role.ADMIN})
MANAGER = frozenset({Role.MANAGER})
FACILITATORS = frozenset({Role.FACILITATOR, Role.MANAGER})
FORUM_NOTES = frozenset({Role.FACILITATOR, Role.MANAGER})

EXPECTED: dict[tuple[str, str], object] = {
    # The public journey and its API.
    ("GET", "/"): PUBLIC,
    ("GET", "/get-help-now"): PUBLIC,
    **{
        (m, f"/concern/{p}"): PUBLIC
        for p in ("who", "about", "contact", "contact-details", "consent")
        for m in ("GET", "POST")
    },
    ("GET", "/concern/files"): PUBLIC,
    ("POST", "/concern/files"): PUBLIC,
    ("POST", "/concern/files/{attachment_id}/remove"): PUBLIC,
    ("GET", "/concern/check"): PUBLIC,
    ("POST", "/concern/check"): PUBLIC,
    ("GET", "/concern/urgent-help"): PUBLIC,
    ("GET", "/concern/confirmation"): PUBLIC,
    ("GET", "/track"): PUBLIC,
    ("POST", "/track"): PUBLIC,
    ("GET", "/privacy"): PUBLIC,
    ("GET", "/accessibility"): PUBLIC,
    ("GET", "/cookies"): PUBLIC,
    ("GET", "/docs"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/exit"): PUBLIC,
    ("GET", "/forum"): PUBLIC,
    ("GET", "/forum/sessions/{session_id}"): PUBLIC,
    ("POST", "/forum/sessions/{session_id}"): PUBLIC,
    ("GET", "/forum/places/{token}"): PUBLIC,
    ("POST", "/forum/places/{token}/cancel"): PUBLIC,
    ("GET", "/you-said-we-did"): PUBLIC,
    ("GET", "/you-said-we-did/{issue_id}"): PUBLIC,
    ("POST", "/you-said-we-did/{issue_id}/follow"): PUBLIC,
    ("GET", "/you-said-we-did/follow/confirm/{token}"): PUBLIC,
    ("POST", "/you-said-we-did/follow/confirm/{token}"): PUBLIC,
    ("GET", "/you-said-we-did/unsubscribe/{token}"): PUBLIC,
    ("POST", "/you-said-we-did/unsubscribe/{token}"): PUBLIC,
    ("POST", "/api/v1/concerns"): PUBLIC,
    ("GET", "/api/v1/concerns/{reference}"): PUBLIC,
    ("GET", "/forum/feedback"): PUBLIC,
    ("POST", "/forum/feedback"): PUBLIC,
    ("GET", "/forum/feedback/sent"): PUBLIC,
    ("POST", "/api/v1/feedback"): PUBLIC,
    # Signing in.
    ("GET", "/staff/sign-in"): PUBLIC,
    ("POST", "/staff/sign-in"): PUBLIC,
    ("GET", "/staff/sign-in/code"): "stage:mfa",
    ("POST", "/staff/sign-in/code"): "stage:mfa",
    ("GET", "/staff/account/authenticator"): "stage:enrol",
    ("POST", "/staff/account/authenticator"): "stage:enrol",
    ("GET", "/staff/signed-out"): PUBLIC,
    ("GET", "/staff/setup/{token}"): PUBLIC,
    ("POST", "/staff/setup/{token}"): PUBLIC,
    ("GET", "/staff/reset/{token}"): PUBLIC,
    ("POST", "/staff/reset/{token}"): PUBLIC,
    ("GET", "/staff/forgot-password"): PUBLIC,
    ("POST", "/staff/forgot-password"): PUBLIC,
    # Any signed-in person.
    ("GET", "/staff"): ANY_STAFF,
    ("GET", "/staff/account"): ANY_STAFF,
    ("POST", "/staff/account/tokens"): ANY_STAFF,
    ("POST", "/staff/account/tokens/{public_id}/revoke"): ANY_STAFF,
    ("POST", "/staff/sign-out"): ANY_STAFF,
    ("POST", "/staff/sign-out-everywhere"): ANY_STAFF,
    ("GET", "/api/v1/staff/me"): ANY_STAFF,
    # By role.
    ("GET", "/staff/admin/users"): ADMIN,
    ("GET", "/staff/admin/users/new"): ADMIN,
    ("POST", "/staff/admin/users/new"): ADMIN,
    ("GET", "/staff/admin/closures"): ADMIN,
    ("POST", "/staff/admin/closures"): ADMIN,
    ("POST", "/staff/admin/closures/{day}/remove"): ADMIN,
    ("GET", "/staff/audit"): MANAGER,
    ("GET", "/staff/dashboard"): MANAGER,
    ("GET", "/staff/dashboard.csv"): MANAGER,
    ("GET", "/staff/cases"): CASE_READERS,
    ("GET", "/staff/cases/{reference}"): CASE_READERS,
    ("GET", "/staff/cases/{reference}/files/{attachment_id}"): CASE_READERS,
    ("GET", "/staff/cases/{reference}/actions/{action}"): CASE_READERS,
    ("POST", "/staff/cases/{reference}/actions/{action}"): CASE_READERS,
    ("POST", "/staff/cases/{reference}/learning"): CASE_READERS,
    ("POST", "/staff/cases/{reference}/themes"): CASE_READERS,
    ("POST", "/staff/cases/views"): CASE_READERS,
    ("POST", "/staff/cases/views/{view_id}/delete"): CASE_READERS,
    ("POST", "/staff/cases/{reference}/learning/{action_id}/done"): CASE_READERS,
    ("GET", "/staff/cases/{reference}/quotes/new"): CASE_READERS,
    ("POST", "/staff/cases/{reference}/quotes/new"): CASE_READERS,
    ("POST", "/staff/cases/{reference}/risk-feedback"): CASE_READERS,
    ("POST", "/staff/cases/{reference}/turn-into-concern"): CASE_READERS,
    ("GET", "/staff/forum/sessions/{session_id}/feedback"): FORUM_NOTES,
    ("POST", "/staff/forum/sessions/{session_id}/feedback"): FORUM_NOTES,
    ("GET", "/staff/risk-review"): MANAGER,
    ("POST", "/staff/risk-review/{mark_id}"): MANAGER,
    ("GET", "/staff/quotes"): MANAGER,
    ("POST", "/staff/quotes/{quote_id}/{decision}"): MANAGER,
    ("GET", "/staff/themes"): MANAGER,
    ("GET", "/staff/themes/new"): MANAGER,
    ("POST", "/staff/themes/new"): MANAGER,
    ("GET", "/staff/themes/{code}/edit"): MANAGER,
    ("POST", "/staff/themes/{code}/edit"): MANAGER,
    ("GET", "/staff/themes/{code}/retire"): MANAGER,
    ("POST", "/staff/themes/{code}/retire"): MANAGER,
    ("GET", "/staff/themes/{code}/reinstate"): MANAGER,
    ("POST", "/staff/themes/{code}/reinstate"): MANAGER,
    ("GET", "/staff/themes/suggestions"): MANAGER,
    ("GET", "/staff/forum/sessions"): FACILITATORS,
    ("GET", "/staff/forum/sessions/new"): FACILITATORS,
    ("POST", "/staff/forum/sessions/new"): FACILITATORS,
    ("GET", "/staff/forum/sessions/{session_id}"): FACILITATORS,
    ("POST", "/staff/forum/sessions/{session_id}/cancel"): FACILITATORS,
    ("GET", "/staff/forum/sessions/{session_id}/upload"): FACILITATORS,
    ("POST", "/staff/forum/sessions/{session_id}/upload"): FACILITATORS,
    ("GET", "/staff/you-said-we-did"): MANAGER,
    ("GET", "/staff/you-said-we-did/new"): MANAGER,
    ("POST", "/staff/you-said-we-did/new"): MANAGER,
    ("GET", "/staff/you-said-we-did/{issue_id}"): MANAGER,
    ("GET", "/staff/you-said-we-did/{issue_id}/commitments/new"): MANAGER,
    ("POST", "/staff/you-said-we-did/{issue_id}/commitments/new"): MANAGER,
    (
        "GET",
        "/staff/you-said-we-did/{issue_id}/commitments/{commitment_id}/milestones/new",
    ): MANAGER,
    (
        "POST",
        "/staff/you-said-we-did/{issue_id}/commitments/{commitment_id}/milestones/new",
    ): MANAGER,
    ("GET", "/staff/you-said-we-did/{issue_id}/commitments/{commitment_id}/status"): MANAGER,
    ("POST", "/staff/you-said-we-did/{issue_id}/commitments/{commitment_id}/status"): MANAGER,
    ("POST", "/staff/you-said-we-did/{issue_id}/publish"): MANAGER,
    ("GET", "/api/v1/staff/cases"): CASE_READERS,
    ("GET", "/api/v1/staff/cases/{reference}"): CASE_READERS,
}


def _routes(app):
    """Every endpoint the app serves, as FastAPI resolves included routers."""
    for route in iter_route_contexts(app.routes):
        if getattr(route, "dependant", None) is None:
            continue  # static files and the OpenAPI document: public by nature
        for method in sorted(route.methods - {"HEAD"}):
            yield method, route


def _rules(route) -> list[object]:
    found = []

    def walk(dependant) -> None:
        for dep in dependant.dependencies:
            rule = getattr(dep.call, "access_rule", None)
            if rule is not None:
                found.append(rule)
            walk(dep)

    walk(route.dependant)
    return found


def test_every_route_declares_exactly_the_expected_rule(app) -> None:
    seen = set()
    for method, route in _routes(app):
        key = (method, route.path)
        seen.add(key)
        assert key in EXPECTED, f"{method} {route.path} has no entry in the access matrix"
        rules = _rules(route)
        assert len(set(map(str, rules))) == 1, f"{method} {route.path} has access rules {rules}"
        assert rules[0] == EXPECTED[key], f"{method} {route.path}: {rules[0]} != {EXPECTED[key]}"
    assert seen == set(EXPECTED), f"entries for routes that do not exist: {set(EXPECTED) - seen}"


@pytest.fixture
def world(app, session, frozen):
    """A team, one account per role, one case of that team with a file, and signed-in clients."""
    frozen.at(utc(2026, 11, 23, 10, 0))
    team = make_team(session, "North", "Children in need")
    accounts = {
        role: make_account(session, f"{role.value}@council.example", role, team=team)
        for role in Role
    }
    receipt = concerns.submit_concern(
        session,
        data=concern_create(),
        source=Source.API,
        now=clock.now(),
        attachments=[CheckedFile("a.pdf", "application/pdf", PDF)],
    ).receipt
    from app.triage.case import Concern

    concern = session.query(Concern).filter_by(reference=receipt.reference).one()
    concern.team_id = team.id
    session.flush()
    clients: dict[str, TestClient] = {}
    tokens: dict[str, str] = {}
    for name in ["anonymous", *[r.value for r in Role], "stage:mfa", "stage:enrol"]:
        client = TestClient(app, follow_redirects=False)
        client.get("/")  # a browser id, for CSRF tokens
        clients[name] = client
    for role, account in accounts.items():
        _, tokens[role.value] = staff_tokens.create_api_token(
            session, account.user, name="t", ip=None, now=clock.now()
        )
    return {
        "accounts": accounts,
        "clients": clients,
        "tokens": tokens,
        "reference": receipt.reference,
        "attachment": concern.attachments[0].id,
    }


def _request(world, session, who: str, method: str, path: str):
    client = world["clients"][who]
    now = clock.now()
    if who.startswith("stage:"):
        user = world["accounts"][Role.TRIAGE].user
        client.cookies.set(
            "fv_staff", _cookie(staff_sessions.new_session(session, user, stage=who[6:], now=now))
        )
    elif who != "anonymous":
        user = world["accounts"][Role(who)].user
        client.cookies.set(
            "fv_staff", _cookie(staff_sessions.new_session(session, user, stage="full", now=now))
        )
    path = (
        path.replace("{reference}", world["reference"])
        .replace("{attachment_id}", str(world["attachment"]))
        .replace("{token}", "not-a-real-token")
        .replace("{public_id}", "not-a-token-id")
        .replace("{quote_id}", "1")
        .replace("{decision}", "approve")
        .replace("{mark_id}", "1")
        .replace("{session_id}", "1")
    )
    headers = {}
    if path.startswith("/api/v1/staff/") and who in world["tokens"]:
        headers["Authorization"] = f"Bearer {world['tokens'][who]}"
    if path.startswith("/api/v1/concerns/"):
        headers["X-Tracking-Code"] = "WRONG"
    if method == "GET":
        return client.get(path, headers=headers)
    if path.startswith("/api/"):
        return client.post(
            path, json={"role": "other", "description": "x", "anonymous": True}, headers=headers
        )
    token = csrf(client.get("/track"))
    return client.post(path, data={"csrf_token": token}, headers=headers)


def _cookie(token: str) -> str:
    from app.web.security import signer

    return signer("fv_staff").dumps(token)


def _refused(response, path: str) -> bool:
    if response.status_code in (401, 403):
        return True
    location = response.headers.get("location", "")
    return response.status_code == 303 and location.startswith("/staff/sign-in")


@pytest.mark.parametrize("who", ["anonymous", *[r.value for r in Role], "stage:mfa", "stage:enrol"])
def test_each_route_allows_and_refuses_as_declared(app, session, world, who) -> None:
    mismatches = []
    for method, route in _routes(app):
        rule = EXPECTED[(method, route.path)]
        if rule == PUBLIC:
            allowed = True
        elif isinstance(rule, str):  # a sign-in stage
            allowed = who == rule
        else:
            allowed = who not in ("anonymous", "stage:mfa", "stage:enrol") and Role(who) in rule
        response = _request(world, session, who, method, route.path)
        refused = _refused(response, route.path)
        if allowed == refused:
            mismatches.append(
                f"{method} {route.path}: {response.status_code} {response.headers.get('location', '')}"
            )
    assert mismatches == []
