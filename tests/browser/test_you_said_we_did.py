"""You said, we did in the browser: a manager groups two pieces of forum feedback into an
issue raised with a commitment, publishes it and moves it to done; the followers' emails
wait in the outbox, and the public page shows it without JavaScript. Every page passes axe."""

from __future__ import annotations

import time

import pyotp
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from app import clock
from app.db import make_engine
from app.forum.feedback import record_feedback
from app.forum.feedback_models import Channel
from app.forum.schemas import FeedbackCreate
from app.notify.models import Notification
from app.staff import credentials
from app.staff.models import Role, StaffUser, UserRole
from tests.browser.conftest import axe_violations

PASSWORD = "copper lantern meadow violet"
MANAGER = "yswd-manager@council.example"


def _world(url: str) -> dict[str, object]:
    engine = make_engine(url)
    with sessionmaker(bind=engine, expire_on_commit=False)() as session:
        secret = credentials.new_totp_secret()
        session.add(
            StaffUser(
                public_id=credentials.new_token()[:16],
                email=MANAGER,
                display_name="yswd-manager",
                password_hash=credentials.hash_password(PASSWORD),
                totp_secret=secret,
                totp_enrolled_at=clock.now(),
                created_at=clock.now(),
                role_rows=[UserRole(role=Role.MANAGER.value)],
            )
        )
        references = []
        for words, email in (
            ("Letters from Mrs Jones come after the meeting", "first@example.com"),
            ("We never get the letter in time", "second@example.com"),
        ):
            data = FeedbackCreate(role="parent-carer", feedback=words, contact_email=email)
            case, _ = record_feedback(session, data, channel=Channel.ONLINE, now=clock.now())
            references.append(case.reference)
        session.commit()
    engine.dispose()
    return {"secret": secret, "references": references}


def _outbox(url: str, template: str) -> list[str]:
    engine = make_engine(url)
    with sessionmaker(bind=engine)() as session:
        found = list(
            session.scalars(
                select(Notification.to_address).where(Notification.template == template)
            )
        )
    engine.dispose()
    return sorted(found)


def test_a_manager_answers_what_was_heard_and_the_public_sees_it(
    axe_page, browser, live_server, live_database_url
) -> None:
    world = _world(live_database_url)
    page = axe_page
    violations: dict[str, list] = {}
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill(MANAGER)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Enter your security code").fill(pyotp.TOTP(world["secret"]).at(time.time()))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_contain_text("Hello")

    page.get_by_role("link", name="You said, we did").first.click()
    violations["list"] = axe_violations(page)
    page.get_by_role("button", name="Add an issue raised").click()
    page.get_by_role("button", name="Add issue raised").click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    violations["new, with errors"] = axe_violations(page)
    page.get_by_label("What was heard").fill("\n".join(world["references"]))
    page.get_by_label("Title").fill("Letters about meetings arrive too late")
    page.get_by_label("You said", exact=True).fill(
        "Parents told us letters about meetings arrive after the meeting."
    )
    page.get_by_role("button", name="Add issue raised").click()
    expect(page.locator("#items")).to_contain_text(world["references"][1])
    violations["issue"] = axe_violations(page)

    page.get_by_role("button", name="Add a commitment").click()
    violations["commitment form"] = axe_violations(page)
    page.get_by_label("What we will do", exact=True).fill("Send letters two weeks ahead")
    page.get_by_label("Who is doing it").fill("Business support team")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill(str(clock.now().year + 1))
    page.get_by_role("button", name="Add commitment").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#updates")).to_be_visible()

    page.get_by_role("link", name="Change status").click()
    violations["status form"] = axe_violations(page)
    page.get_by_label("Done").check()
    page.get_by_label("Why, or what changed").fill("Letters now go out three weeks ahead.")
    page.get_by_role("button", name="Change status and publish").click()
    expect(page.locator("#updates li")).to_have_count(2)
    told = _outbox(live_database_url, "you-said-we-did-update")
    assert told == sorted(["first@example.com", "second@example.com"] * 2)

    family = browser.new_context(base_url=live_server, java_script_enabled=False)
    public = family.new_page()
    public.set_default_timeout(10_000)
    try:
        public.goto("/you-said-we-did")
        card = public.locator(".govuk-summary-card").first
        assert "Letters about meetings arrive too late" in card.inner_text()
        assert "done" in card.inner_text()
        public.get_by_role("link", name="Letters about meetings arrive too late").click()
        assert "Letters now go out three weeks ahead." in public.locator("#we-did").inner_text()
        assert "Mrs Jones" not in public.content() and "FV-" not in public.content()
        public.get_by_label("Email address").fill("reader@example.com")
        public.get_by_role("button", name="Follow").click()
        expect(public.locator("h1")).to_have_text("Check your email")
    finally:
        family.close()
    assert _outbox(live_database_url, "you-said-we-did-confirm") == ["reader@example.com"]

    page.goto("/you-said-we-did")
    violations["public list"] = axe_violations(page)
    page.get_by_role("link", name="Letters about meetings arrive too late").click()
    violations["public issue"] = axe_violations(page)
    assert {k: v for k, v in violations.items() if v} == {}
