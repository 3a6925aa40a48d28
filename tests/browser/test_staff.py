"""Staff sign-in in a real browser: set-up link, authenticator, invitation, role-limited pages, axe."""

from __future__ import annotations

import json
import re

import pyotp
from playwright.sync_api import expect
from sqlalchemy.orm import sessionmaker

from app import clock
from app.audit.service import Actor
from app.db import make_engine
from app.staff import links as staff_links
from app.staff import service
from app.staff.models import Role, Team
from tests.browser.conftest import axe_violations

PASSWORD = "quartz meadow lantern orbit"


def _setup_link(live_database_url: str, email: str, *roles: Role) -> str:
    engine = make_engine(live_database_url)
    with sessionmaker(bind=engine)() as session:
        if session.query(Team).count() == 0:
            session.add_all(
                [
                    Team(name="North", service_area="Children in need"),
                    Team(name="South", service_area="Fostering"),
                ]
            )
            session.flush()
        user = service.create_user(
            session,
            email=email,
            display_name=email.split("@")[0].title(),
            roles=roles,
            team_id=None,
            actor=Actor(None, "test"),
            now=clock.now(),
        )
        token = staff_links.issue_link(session, user, purpose="setup", now=clock.now())
        session.commit()
    engine.dispose()
    return f"/staff/setup/{token}"


def _set_up_account(page, link: str) -> str:
    """Follow a set-up link to the end: password, authenticator, recovery codes. Returns the secret."""
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Set up your account")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm new password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Set up your authenticator app")
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code from your app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Save your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("button", name="I have saved my codes").click()
    return secret


def test_admin_sets_up_invites_and_each_role_sees_its_own_pages(
    axe_page, live_server, live_database_url
) -> None:
    page = axe_page
    violations: dict[str, list] = {}

    def scan(name: str) -> None:
        violations[name] = axe_violations(page)

    page.goto("/staff/sign-in")
    scan("sign-in")
    page.get_by_role("button", name="Sign in").click()
    scan("sign-in with errors")
    page.goto("/staff/forgot-password")
    scan("forgot password")

    page.goto(_setup_link(live_database_url, "admin@council.example", Role.ADMIN))
    scan("set up account")
    link = page.url.removeprefix(live_server)
    _set_up_account(page, link)
    expect(page.locator("h1")).to_contain_text("Hello")
    scan("staff home")

    page.get_by_role("link", name="Users").first.click()
    scan("users")
    page.get_by_role("button", name="Invite a user").click()
    scan("invite")
    page.get_by_label("Name").fill("Tara Triage")
    page.get_by_label("Work email address").fill("tara@council.example")
    page.get_by_label("Triage officer").check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Invitation sent")
    scan("invited")
    invite_link = page.locator("#setup-link").inner_text().strip()
    # An admin sees no cases.
    response = page.goto("/staff/cases")
    assert response is not None and response.status == 403

    page.goto("/staff/account")
    scan("account")
    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.locator("h1")).to_have_text("You have signed out")

    # The triage officer follows the invitation and can read cases.
    _set_up_account(page, invite_link[invite_link.index("/staff/setup/") :])
    page.get_by_role("link", name="Cases").first.click()
    expect(page.locator("h1")).to_have_text("Cases")
    scan("cases")
    response = page.goto("/staff/admin/users")
    assert response is not None and response.status == 403

    failures = {name: v for name, v in violations.items() if v}
    assert len(violations) == 10
    assert failures == {}, json.dumps(failures, indent=1)


def test_sign_in_asks_for_the_code_and_refuses_a_wrong_one(page, live_database_url) -> None:
    secret = _set_up_account(
        page, _setup_link(live_database_url, f"cw{id(page)}@council.example", Role.CASEWORKER)
    )
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill(f"cw{id(page)}@council.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Enter your security code")
    page.get_by_label("Enter your security code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("6-digit code")
    # The code used at set-up is spent; the next one (accepted for clock drift) is not.
    import time

    page.get_by_label("Enter your security code").fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/staff$"))
