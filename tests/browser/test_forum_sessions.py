"""A family finds a forum session and signs up on a 320px phone without JavaScript; the
pages pass axe."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import sessionmaker

from app import clock
from app.audit.service import Actor
from app.db import make_engine
from app.forum import sessions
from app.forum.session_schemas import read_session
from tests.browser.conftest import axe_violations


def _a_session(url: str, title: str) -> int:
    engine = make_engine(url)
    day = clock.now() + timedelta(days=10)
    answers = {
        "title": title, "day": str(day.day), "month": str(day.month), "year": str(day.year),
        "start_time": "18:00", "end_time": "19:30", "format": "in-person",
        "place": "Hereford Library, Broad Street", "access_info": "Step-free; hearing loop",
        "topics": "Changes of social worker", "capacity": "12",
    }  # fmt: skip
    with sessionmaker(bind=engine, expire_on_commit=False)() as session:
        details = read_session(answers, now=clock.now())
        forum_session = sessions.create_session(
            session, Actor(None, None), details, now=clock.now()
        )
        session.commit()
        found = forum_session.id
    engine.dispose()
    return found


def _a_past_session(url: str, title: str) -> int:
    """A session that happened this afternoon: what was said there can be recorded."""
    from app.forum.models import ForumSession

    engine = make_engine(url)
    with sessionmaker(bind=engine, expire_on_commit=False)() as session:
        began = clock.now() - timedelta(hours=3)
        row = ForumSession(
            title=title, starts_at=began, ends_at=began + timedelta(hours=1), format="in-person",
            place="Leominster Community Centre", topics="", capacity=30, created_at=began,
        )  # fmt: skip
        session.add(row)
        session.commit()
        found = row.id
    engine.dispose()
    return found


def test_a_family_signs_up_on_a_phone_without_javascript(
    browser, live_server, live_database_url
) -> None:
    session_id = _a_session(live_database_url, "Forum evening: letters we send")
    context = browser.new_context(
        base_url=live_server, viewport={"width": 320, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/")
        page.get_by_role("link", name="Listening to Families Forum").click()
        card = page.locator(f"#session-{session_id}")
        assert "Forum evening: letters we send" in card.inner_text()
        card.get_by_role("link", name="Sign up").click()
        page.get_by_role("button", name="Sign up").click()  # nothing filled in
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "Enter an email address or a phone number" in summary
        page.get_by_label("Email address").fill("sam@example.com")
        page.get_by_label("No").check()
        page.get_by_role("button", name="Sign up").click()
        assert page.locator("h1").inner_text() == "You have a place"
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1]
        page.get_by_role("button", name="Give up my place").click()
        assert page.locator("h1").inner_text() == "You have given up your place"
    finally:
        context.close()


def test_the_forum_pages_pass_axe(axe_page, live_database_url) -> None:
    session_id = _a_session(live_database_url, "Young people's forum")
    for path in ("/forum", f"/forum/sessions/{session_id}"):
        axe_page.goto(path)
        assert axe_violations(axe_page) == [], path


def test_a_facilitator_adds_a_session_and_uploads_a_meeting(
    axe_page, live_database_url, tmp_path
) -> None:
    from tests.browser.test_staff_phone import _manager, _sign_in

    email, secret, _ = _manager(live_database_url, "forum-manager@council.example")
    page = axe_page
    _sign_in(page, email, secret)
    page.get_by_role("link", name="Forum sessions").first.click()
    page.get_by_role("button", name="Add a session").click()
    assert axe_violations(page) == []
    day = clock.now() + timedelta(days=20)
    page.get_by_label("Title").fill("Kinship carers' evening")
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Start time").fill("6pm")
    page.get_by_label("End time").fill("8pm")
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Joining link").fill("https://meet.example/kinship")
    page.get_by_label("Places").fill("25")
    page.get_by_role("button", name="Add session").click()
    assert page.locator("h1").inner_text().startswith("Kinship carers' evening")
    assert axe_violations(page) == []

    rows = ["feedback,who,consent"]
    rows += [f'"Letters arrive after the meeting, number {n}",parent,yes' for n in range(197)]
    rows += [",parent,no", '"Fine",martian,no', '"Ok",parent,maybe']
    upload = tmp_path / "meeting.csv"
    page.goto(f"/staff/forum/sessions/{_a_past_session(live_database_url, 'Leominster forum')}")
    upload.write_text("\n".join(rows) + "\n", encoding="utf-8")
    page.get_by_role("link", name="Upload feedback from the meeting").click()
    page.get_by_label("The meeting's CSV file").set_input_files(str(upload))
    page.get_by_role("button", name="Upload").click()
    page.locator(".govuk-panel").wait_for(timeout=120_000)
    assert "197 items of feedback added" in page.locator(".govuk-panel").inner_text()
    assert page.locator("#skipped tbody tr").count() == 3
    assert axe_violations(page) == []
    page.get_by_role("link", name="See forum feedback in the queue").click()
    assert page.locator("#queue tbody tr").count() >= 25  # a page of the queue, all forum
