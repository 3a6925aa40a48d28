"""Exit this page: whoever picks the phone up next must not find what the family typed."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.concerns.models import ConcernDraft
from app.config import get_settings
from tests.api.pages import form_post, soup
from tests.api.test_pages import ABOUT, WHO, answer_all, submit

SECRET = "My partner shouts at the children and I am frightened of him."


def _start(client) -> None:
    assert form_post(client, "/concern/who", WHO).status_code == 303
    assert form_post(client, "/concern/about", {**ABOUT, "description": SECRET}).status_code == 303


def test_the_exit_control_is_a_link_to_exit_on_every_public_page(client) -> None:
    for path in ("/", "/concern/who", "/concern/about", "/track", "/get-help-now"):
        button = soup(client.get(path)).select_one("a.govuk-exit-this-page__button")
        assert button is not None, path
        assert button["href"] == "/exit", path
        assert "Exit this page" in button.get_text(" ", strip=True)


def test_exit_ends_the_draft_at_once(client, session) -> None:
    _start(client)
    assert session.scalars(select(ConcernDraft)).all()

    response = client.get("/exit")

    assert response.status_code == 303
    assert response.headers["location"] == get_settings().exit_page_url
    assert response.headers["cache-control"] == "no-store"
    assert session.scalars(select(ConcernDraft)).all() == []
    cleared = [c for c in response.headers.get_list("set-cookie") if c.startswith("fv_draft=")]
    assert cleared and ("Max-Age=0" in cleared[0] or "expires=" in cleared[0].lower())
    # Start now, Continue on the same phone: the concern is not there any more.
    client.cookies.clear()
    for name, value in response.cookies.items():
        client.cookies.set(name, value)
    about = soup(client.get("/concern/about"))
    assert about.find("textarea", {"name": "description"}).get_text() == ""
    assert SECRET not in client.get("/concern/who").text


def test_exit_touches_only_the_callers_own_draft(app, client, session) -> None:
    _start(client)
    with TestClient(app, follow_redirects=False) as stranger:
        stranger.get("/")
        draft_id = session.scalars(select(ConcernDraft.id)).one()
        # Neither a draft id in the address nor the lack of any draft reaches another's.
        response = stranger.get(f"/exit?draft={draft_id}&id={draft_id}")
        assert response.status_code == 303
        assert response.headers["location"] == get_settings().exit_page_url
    assert session.scalars(select(ConcernDraft.id)).all() == [draft_id]
    assert SECRET in client.get("/concern/about").text


def test_exit_goes_only_to_the_neutral_site(client) -> None:
    response = client.get("/exit?next=https://evil.example/")
    assert response.headers["location"] == get_settings().exit_page_url


def test_exit_after_sending_forgets_the_reference_page(client) -> None:
    answer_all(client)
    submit(client)
    assert client.get("/concern/confirmation").status_code == 200
    client.get("/exit")
    assert client.get("/concern/confirmation").headers["location"] == "/"


def test_the_draft_cookie_ends_with_the_browser(client) -> None:
    response = form_post(client, "/concern/who", WHO)
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("fv_draft="))
    assert "max-age" not in cookie.lower() and "expires" not in cookie.lower()
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()


def test_a_draft_lives_no_longer_than_its_forms(client, session, frozen) -> None:
    from datetime import timedelta

    from app.web.security import CSRF_MAX_AGE
    from tests.conftest import utc

    frozen.at(utc(2026, 11, 2, 9))
    _start(client)
    draft = session.scalars(select(ConcernDraft)).one()
    assert draft.expires_at - utc(2026, 11, 2, 9) <= timedelta(seconds=CSRF_MAX_AGE)
    frozen.at(utc(2026, 11, 2, 9) + timedelta(seconds=CSRF_MAX_AGE + 1))
    assert SECRET not in client.get("/concern/about").text
    # A draft found past its time is deleted there and then, not left for the purge.
    assert session.scalars(select(ConcernDraft)).all() == []


def test_pages_holding_answers_are_never_stored_by_the_browser(client) -> None:
    _start(client)
    for path in ("/concern/who", "/concern/about", "/concern/check", "/concern/files"):
        response = client.get(path)
        assert "no-store" in response.headers["cache-control"], path
