"""Who sees which case: the rule, its SQL twin, 404 for out-of-reach cases, and the audit of every look."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import clock
from app.audit.models import AuditEvent
from app.concerns import service as concerns
from app.concerns.files import CheckedFile
from app.concerns.models import Source
from app.staff import service as staff
from app.staff import tokens as staff_tokens
from app.staff.models import Role, Team
from app.triage import visibility as policy
from app.triage.case import Concern
from tests.api.pages import csrf, soup
from tests.conftest import utc
from tests.factories import PDF, concern_create
from tests.staff import make_account, make_team, sign_in


@pytest.fixture
def cases(session, frozen):
    frozen.at(utc(2026, 11, 23, 10, 0))
    north = make_team(session, "North", "Children in need")
    north2 = make_team(session, "North 2", "Children in need")
    south = make_team(session, "South", "Fostering")
    made = {}
    for name, team in (("north", north), ("north2", north2), ("south", south), ("new", None)):
        receipt = concerns.submit_concern(
            session,
            data=concern_create(description=f"Case of {name}"),
            source=Source.API,
            now=clock.now(),
            attachments=[CheckedFile(f"{name}.pdf", "application/pdf", PDF)],
        ).receipt
        concern = session.scalars(
            select(Concern).where(Concern.reference == receipt.reference)
        ).one()
        concern.team_id = team.id if team else None
        made[name] = concern
    session.flush()
    return {"teams": {"north": north, "north2": north2, "south": south}, "cases": made}


def visible_names(session, user, cases) -> set[str]:
    by_id = {c.id: name for name, c in cases["cases"].items()}
    rows = session.scalars(select(Concern).where(policy.visible_cases(user))).all()
    return {by_id[c.id] for c in rows}


@pytest.mark.parametrize(
    ("roles", "team", "expected"),
    [
        ((Role.TRIAGE,), None, {"north", "north2", "south", "new"}),
        ((Role.CASEWORKER,), "north", {"north"}),
        ((Role.CASEWORKER,), None, set()),
        ((Role.MANAGER,), "north", {"north", "north2", "new"}),
        ((Role.MANAGER,), None, {"north", "north2", "south", "new"}),
        ((Role.ADMIN,), None, set()),
        ((Role.COMMISSION,), None, set()),
        ((Role.ADMIN, Role.CASEWORKER), "south", {"south"}),
    ],
)
def test_the_rule_and_its_sql_agree(session, cases, roles, team, expected) -> None:
    account = make_account(
        session, "someone@council.example", *roles, team=cases["teams"][team] if team else None
    )
    user = account.user
    assert visible_names(session, user, cases) == expected
    for name, concern in cases["cases"].items():
        concern_team = session.get(Team, concern.team_id) if concern.team_id else None
        assert policy.can_view_case(user, concern, concern_team) == (name in expected), name


def test_a_caseworker_gets_404_for_another_teams_case(client, session, cases) -> None:
    account = make_account(
        session, "cw@council.example", Role.CASEWORKER, team=cases["teams"]["north"]
    )
    sign_in(client, account)
    own, other = cases["cases"]["north"].reference, cases["cases"]["south"].reference
    assert client.get(f"/staff/cases/{own}").status_code == 200
    response = client.get(f"/staff/cases/{other}")
    assert response.status_code == 404
    # Not there and not yours look the same.
    missing = client.get("/staff/cases/FV-2026-999999")
    assert missing.status_code == 404
    assert soup(missing).main.get_text() == soup(response).main.get_text()
    attachment = cases["cases"]["south"].attachments[0].id
    assert client.get(f"/staff/cases/{other}/files/{attachment}").status_code == 404
    listed = {a.get_text() for a in soup(client.get("/staff/cases")).select("tbody a")}
    assert listed == {own}


def test_views_and_downloads_are_audited_and_shown_on_the_case(client, session, cases) -> None:
    account = make_account(session, "triage@council.example", Role.TRIAGE)
    sign_in(client, account)
    case = cases["cases"]["north"]
    page = client.get(f"/staff/cases/{case.reference}")
    assert "Case of north" in page.text
    file = client.get(f"/staff/cases/{case.reference}/files/{case.attachments[0].id}")
    assert file.status_code == 200 and file.content == PDF
    assert file.headers["content-disposition"].startswith("attachment;")
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.target_id == case.reference).order_by(AuditEvent.seq)
    ).all()
    assert [e.action for e in events] == ["case-viewed", "attachment-downloaded"]
    assert all(e.actor_id == account.user.id for e in events)
    again = client.get(f"/staff/cases/{case.reference}")
    viewers = [row.get_text(" ", strip=True) for row in soup(again).select("#viewers tbody tr")]
    # View, download, view: three runs, each named by the person's name.
    assert len(viewers) == 3 and all(account.user.display_name in v for v in viewers)
    assert [v.split(" ", 4)[-1] for v in viewers][1].endswith("Downloaded a file")


def test_a_manager_searches_the_audit_trail(client, session, cases) -> None:
    manager = make_account(session, "manager@council.example", Role.MANAGER)
    sign_in(client, manager)
    case = cases["cases"]["north"]
    client.get(f"/staff/cases/{case.reference}")
    result = client.get("/staff/audit", params={"target_id": case.reference})
    rows = [r.get_text(" ", strip=True) for r in soup(result).select("tbody tr")]
    assert len(rows) == 1 and "Case viewed" in rows[0] and "manager@council.example" in rows[0]
    nothing = client.get("/staff/audit", params={"actor": "nobody@council.example"})
    assert "No events match." in nothing.text


def test_api_tokens_are_shown_once_work_and_can_be_revoked(client, session, cases) -> None:
    account = make_account(session, "triage@council.example", Role.TRIAGE)
    sign_in(client, account)
    page = client.get("/staff/account")
    created = client.post(
        "/staff/account/tokens", data={"csrf_token": csrf(page), "name": "weekly report"}
    )
    token = soup(created).select_one("#api-token").get_text(strip=True)
    assert token.startswith("fvp_")
    assert token not in client.get("/staff/account").text  # never shown again
    headers = {"Authorization": f"Bearer {token}"}
    me = client.get("/api/v1/staff/me", headers=headers)
    assert me.status_code == 200 and me.json()["roles"] == ["triage"]
    case = cases["cases"]["south"]
    detail = client.get(f"/api/v1/staff/cases/{case.reference}", headers=headers)
    assert detail.status_code == 200 and detail.json()["description"] == "Case of south"
    assert len(client.get("/api/v1/staff/cases", headers=headers).json()) == 4
    # A cookie alone does not open the API; a token does not open the pages.
    assert client.get("/api/v1/staff/me").status_code == 401
    record = staff_tokens.list_api_tokens(session, account.user)[0]
    page = client.get("/staff/account")
    client.post(f"/staff/account/tokens/{record.public_id}/revoke", data={"csrf_token": csrf(page)})
    assert client.get("/api/v1/staff/me", headers=headers).status_code == 401


def test_a_caseworker_token_sees_only_their_cases(client, session, cases) -> None:
    account = make_account(
        session, "cw@council.example", Role.CASEWORKER, team=cases["teams"]["south"]
    )
    _, token = staff_tokens.create_api_token(
        session, account.user, name="t", ip=None, now=clock.now()
    )
    headers = {"Authorization": f"Bearer {token}"}
    listed = [c["reference"] for c in client.get("/api/v1/staff/cases", headers=headers).json()]
    assert listed == [cases["cases"]["south"].reference]
    north = cases["cases"]["north"].reference
    assert client.get(f"/api/v1/staff/cases/{north}", headers=headers).status_code == 404


def test_an_admin_invites_a_user_who_gets_a_set_up_link(client, session, cases) -> None:
    admin = make_account(session, "admin@council.example", Role.ADMIN)
    sign_in(client, admin)
    page = client.get("/staff/admin/users/new")
    north = cases["teams"]["north"].id
    response = client.post(
        "/staff/admin/users/new",
        data={
            "csrf_token": csrf(page),
            "email": "New.Worker@council.example",
            "display_name": "New Worker",
            "roles": ["caseworker"],
            "team": str(north),
        },
    )
    assert response.status_code == 200
    link = soup(response).select_one("#setup-link").get_text(strip=True)
    assert "/staff/setup/" in link
    user = staff.get_user_by_email(session, "new.worker@council.example")
    assert user is not None and user.roles == {Role.CASEWORKER} and user.team_id == north
    duplicate = client.post(
        "/staff/admin/users/new",
        data={
            "csrf_token": csrf(page),
            "email": "new.worker@council.example",
            "display_name": "Again",
            "roles": ["triage"],
        },
    )
    assert duplicate.status_code == 400 and "already an account" in duplicate.text
