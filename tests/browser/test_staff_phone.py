"""Staff pages reflow to a 320px screen (WCAG 1.4.10), and the API documentation page under axe."""

from __future__ import annotations

import json
import os

import pyotp
from playwright.sync_api import expect
from sqlalchemy.orm import sessionmaker

from app import clock
from app.concerns import service as concerns
from app.concerns.models import Source
from app.db import make_engine
from app.staff import credentials
from app.staff.models import Role, StaffUser, UserRole
from tests.browser.conftest import axe_violations
from tests.factories import concern_create

PASSWORD = "copper lantern meadow violet"

SHOTS = os.environ.get("FV_SCREENSHOTS")  # a folder: save what each page looks like


def _manager(url: str, email: str) -> tuple[str, str, str]:
    """A signed-up manager (email, authenticator secret) and a case they can see."""
    engine = make_engine(url)
    with sessionmaker(bind=engine, expire_on_commit=False)() as session:
        secret = credentials.new_totp_secret()
        session.add(
            StaffUser(
                public_id=credentials.new_token()[:16],
                email=email,
                display_name="Sam Jones",
                password_hash=credentials.hash_password(PASSWORD),
                totp_secret=secret,
                totp_enrolled_at=clock.now(),
                created_at=clock.now(),
                role_rows=[UserRole(role=r.value) for r in (Role.MANAGER, Role.TRIAGE)],
            )
        )
        receipt = concerns.submit_concern(
            session,
            data=concern_create(
                description="Nobody returns my calls.",
                contact_address="12 Example Road\nHereford\nHR1 1AA",
            ),
            source=Source.WEB,
            now=clock.now(),
        ).receipt
        # A case with the most in one row: safeguarding and "Possible risk" side by side.
        concerns.submit_concern(
            session,
            data=concern_create(description="My stepdad hits my little brother every night."),
            source=Source.WEB,
            now=clock.now(),
        )
        session.commit()
    engine.dispose()
    return email, secret, receipt.reference


def _sign_in(page, email: str, secret: str) -> None:
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Enter your security code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_contain_text("Hello")


def _fits(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


# What sticks out past the right edge, so a failure says which element to fix.
_OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(-5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def test_the_queue_and_case_reflow_to_a_320px_screen(
    browser, live_server, live_database_url
) -> None:
    email, secret, reference = _manager(live_database_url, "phone-manager@council.example")
    context = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        _sign_in(page, email, secret)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/phone-home.png", full_page=True)
        for path in ("/staff/cases", f"/staff/cases/{reference}", "/staff/audit"):
            page.goto(path)
            if SHOTS:
                page.screenshot(path=f"{SHOTS}/phone{path.replace('/', '-')}.png", full_page=True)
            scroll, viewport = _fits(page)
            assert scroll <= viewport, (
                f"{path} is {scroll}px wide on a {viewport}px phone: {page.evaluate(_OVERFLOWING)}"
            )
        # Each case in the queue still reads as labelled values, not a bare list.
        page.goto("/staff/cases")
        cell = page.locator("#queue tbody tr").first.locator("td").nth(1)
        label = cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert "Deadline" in label
    finally:
        context.close()


def test_api_docs_pass_axe_and_are_linked_for_staff_not_families(
    axe_page, live_database_url
) -> None:
    page = axe_page
    page.goto("/")
    footer = page.locator("footer")
    expect(footer).not_to_contain_text("API documentation")
    page.goto("/docs")
    expect(page.locator(".swagger-ui .information-container")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/docs.png", full_page=True)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)
    email, secret, _ = _manager(live_database_url, "docs-manager@council.example")
    _sign_in(page, email, secret)
    expect(page.locator("main").get_by_role("link", name="API documentation")).to_be_visible()
