"""A triage officer and a manager work a day in the browser; every staff page passes axe."""

from __future__ import annotations

import json
import time

import pyotp
from playwright.sync_api import expect
from sqlalchemy.orm import sessionmaker

from app import clock
from app.concerns import service as concerns
from app.concerns.models import Source
from app.db import make_engine
from app.staff import credentials
from app.staff.models import Role, StaffUser, Team, UserRole
from tests.browser.conftest import axe_violations
from tests.factories import concern_create

PASSWORD = "copper lantern meadow violet"


def _world(url: str) -> dict[str, object]:
    engine = make_engine(url)
    with sessionmaker(bind=engine, expire_on_commit=False)() as session:
        team = Team(name="Day team", service_area="Day service")
        session.add(team)
        session.flush()
        people = {}
        for email, roles in (
            ("day-manager@council.example", (Role.MANAGER, Role.TRIAGE)),
            ("day-worker@council.example", (Role.CASEWORKER,)),
            ("day-worker2@council.example", (Role.CASEWORKER,)),
        ):
            secret = credentials.new_totp_secret()
            user = StaffUser(
                public_id=credentials.new_token()[:16],
                email=email,
                display_name=email.split("@")[0],
                team_id=team.id,
                password_hash=credentials.hash_password(PASSWORD),
                totp_secret=secret,
                totp_enrolled_at=clock.now(),
                created_at=clock.now(),
                role_rows=[UserRole(role=r.value) for r in roles],
            )
            session.add(user)
            people[email] = (user, secret)
        receipt = concerns.submit_concern(
            session,
            data=concern_create(description="Nobody returns my calls.", consent_to_share=True),
            source=Source.WEB,
            now=clock.now(),
        ).receipt
        session.commit()
    engine.dispose()
    return {"people": people, "reference": receipt.reference}


def _sign_in(page, email: str, secret: str) -> None:
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Enter your security code").fill(pyotp.TOTP(secret).at(time.time()))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_contain_text("Hello")


def _act(page, action_label: str) -> None:
    """Take an action that needs no answers: open its page and confirm."""
    page.get_by_role("link", name=action_label, exact=True).click()
    page.get_by_role("button", name=action_label).click()
    expect(page.locator("h1")).not_to_have_text(action_label)


def test_a_day_of_triage_in_the_browser(axe_page, live_database_url) -> None:
    world = _world(live_database_url)
    page = axe_page
    violations: dict[str, list] = {}
    _, manager_secret = world["people"]["day-manager@council.example"]
    reference = world["reference"]

    _sign_in(page, "day-manager@council.example", manager_secret)
    page.get_by_role("link", name="Cases").first.click()
    violations["queue"] = axe_violations(page)
    page.get_by_role("link", name=reference).click()
    violations["case"] = axe_violations(page)

    page.get_by_role("link", name="Triage", exact=True).click()
    violations["triage form"] = axe_violations(page)
    page.get_by_label("Statutory complaint (Children Act 1989)").check()
    page.get_by_label("Team").select_option(label="Day team")
    page.get_by_label("Assign to").select_option(label="day-worker")
    page.get_by_label("Reason").fill("A stage 1 complaint about contact")
    page.get_by_role("button", name="Triage").click()
    expect(page.locator("#timeline")).to_contain_text("A stage 1 complaint about contact")

    _act(page, "Acknowledge")
    _act(page, "Start work")
    page.get_by_role("link", name="Pause the clock", exact=True).click()
    page.get_by_label("Awaiting information from the family").check()
    page.get_by_label("Reason").fill("Asked for the letter")
    page.get_by_role("button", name="Pause the clock").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Awaiting family")
    _act(page, "Resume the clock")
    page.get_by_role("link", name="Extend a deadline", exact=True).click()
    violations["extend form"] = axe_violations(page)
    page.get_by_label("Deadline to extend").select_option(index=1)
    page.get_by_label("New target in working days").fill("20")
    page.get_by_label("Reason").fill("Several services involved")
    page.get_by_role("button", name="Extend a deadline").click()
    expect(page.locator("#clocks")).to_contain_text(
        "extended from 10 working days (Several services involved)"
    )
    _act(page, "Record the response")
    # Stage 2 must go to someone else, with an independent person.
    page.get_by_role("link", name="Escalate to the next stage", exact=True).click()
    page.get_by_label("Investigator").select_option(label="day-worker")
    page.get_by_label("Independent person (statutory stage 2)").fill("Ida Independent")
    page.get_by_label("Reason").fill("The family asked for stage 2")
    page.get_by_role("button", name="Escalate to the next stage").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("different person")
    violations["refused action"] = axe_violations(page)
    page.get_by_label("Investigator").select_option(label="day-worker2")
    page.get_by_role("button", name="Escalate to the next stage").click()
    expect(page.locator("#clocks")).to_contain_text("Stage 2 investigation")

    page.get_by_role("link", name="Dashboard").first.click()
    violations["dashboard"] = axe_violations(page)
    page.get_by_role("link", name="Audit trail").first.click()
    violations["audit"] = axe_violations(page)

    # A note that shows risk puts a warning, with the words that raised it, on the case.
    page.goto(f"/staff/cases/{reference}")
    page.get_by_role("link", name="Add an internal note", exact=True).click()
    page.get_by_label("Internal note (staff only)").fill("Mum rang: he hit the baby last night")
    page.get_by_role("button", name="Add an internal note").click()
    expect(page.locator("#risk")).to_contain_text("not on the safeguarding route")
    violations["case with risk"] = axe_violations(page)

    # A quote for the Commission: drafted redacted, proposed, waiting for another manager.
    page.get_by_role("link", name="Propose a quote").click()
    violations["propose quote"] = axe_violations(page)
    page.get_by_role("button", name="Propose this quote").click()
    page.get_by_role("link", name="Quotes").first.click()
    expect(page.locator("#waiting")).to_contain_text("Waiting for approval (1)")
    violations["quotes"] = axe_violations(page)
    page.get_by_role("link", name="Themes").first.click()
    violations["themes"] = axe_violations(page)

    failures = {name: v for name, v in violations.items() if v}
    assert len(violations) == 11
    assert failures == {}, json.dumps(failures, indent=1)
