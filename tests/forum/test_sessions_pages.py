"""Forum sessions on the web: a facilitator adds one, a family signs up, sees and gives up
their place; bad answers get the error summary and lose nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.clock import LONDON
from app.forum.models import ForumSession, SignUp
from app.notify.models import Notification
from app.staff.models import Role
from tests.api.pages import as_read, error_summary, form_post, soup
from tests.staff import make_account, sign_in

SESSION = {
    "title": "Coffee <script>alert(1)</script> morning",
    "day": "14",
    "month": "12",
    "year": "2026",
    "start_time": "6pm",
    "end_time": "19:30",
    "format": "in-person",
    "place": "Hereford Library",
    "access_info": "Step-free",
    "topics": "Letters\nWorkers",
    "capacity": "1",
}


@pytest.fixture
def facilitator(client, session, frozen):
    frozen.at(datetime(2026, 12, 3, 10, 0, tzinfo=LONDON))
    account = make_account(session, "fac@council.example", Role.FACILITATOR)
    sign_in(client, account)
    return account


def _add(client, **changes):
    return form_post(client, "/staff/forum/sessions/new", {**SESSION, **changes})


def test_a_facilitator_adds_a_session_and_families_see_it_escaped(
    app, client, session, facilitator
) -> None:
    response = _add(client)
    assert response.status_code == 303
    forum_session = session.scalars(select(ForumSession)).one()
    assert forum_session.title == SESSION["title"]
    family = TestClient(app)
    page = family.get("/forum")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    card = as_read(soup(page)).select_one(f"#session-{forum_session.id}").get_text(" ", strip=True)
    assert "Coffee <script>alert(1)</script> morning" in card
    assert "Monday 14 December 2026, 6pm to 7:30pm" in card and "1 left" in card


def test_the_staff_form_lists_every_problem_and_keeps_the_answers(client, facilitator) -> None:
    response = _add(client, title="", start_time="later", capacity="lots", place="")
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == [
        "#title",
        "#start_time",
        "#place",
        "#capacity",
    ]
    page = soup(response)
    assert page.select_one("#end_time")["value"] == "19:30"
    assert page.select_one("#access_info").get_text() == "Step-free"


def test_a_family_signs_up_then_the_next_joins_the_waiting_list(
    app, client, session, facilitator
) -> None:
    _add(client)
    forum_session = session.scalars(select(ForumSession)).one()
    family = TestClient(app, follow_redirects=False)
    path = f"/forum/sessions/{forum_session.id}"
    answers = {"contact_email": "a@example.com", "young_person": "yes", "access_needs": "BSL"}
    response = form_post(family, path, answers)
    assert response.status_code == 303
    place = family.get(response.headers["location"])
    assert "You have a place" in place.text
    other = TestClient(app, follow_redirects=False)
    assert "Join the waiting list" in other.get(path).text
    response = form_post(other, path, {"contact_phone": "07700 900982", "young_person": "no"})
    waiting = other.get(response.headers["location"])
    assert "You are on the waiting list" in waiting.text

    # The first gives up their place: the second is offered it.
    first = family.get(place.url.path)
    response = form_post(family, f"{place.url.path}/cancel", {}, page=place.url.path)
    assert response.status_code == 303
    assert "You have given up your place" in family.get(first.url.path).text
    assert "You have a place" in other.get(waiting.url.path).text
    templates = session.scalars(select(Notification.template).order_by(Notification.id)).all()
    assert templates[-1] == "forum-place-freed"


def test_a_sign_up_with_bad_answers_shows_the_summary_and_stores_nothing(
    app, client, session, facilitator
) -> None:
    _add(client)
    forum_session = session.scalars(select(ForumSession)).one()
    family = TestClient(app)
    path = f"/forum/sessions/{forum_session.id}"
    response = form_post(family, path, {"contact_email": "nope", "name": "Ann"})
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == ["#contact_email", "#young_person"]
    assert soup(response).select_one("#name")["value"] == "Ann"
    assert session.scalars(select(SignUp)).all() == []


@pytest.mark.parametrize("session_id", ["0", "99999999999999999999", "abc", "-1", "１"])
def test_no_such_session_is_a_404_not_a_500(app, session_id) -> None:
    family = TestClient(app)
    assert family.get(f"/forum/sessions/{session_id}").status_code == 404


def test_a_forged_place_link_is_a_404(app) -> None:
    assert TestClient(app).get("/forum/places/forged.token").status_code == 404


def test_the_sign_up_list_is_for_facilitators_and_managers_only(
    app, client, session, facilitator
) -> None:
    _add(client)
    forum_session = session.scalars(select(ForumSession)).one()
    page = client.get(f"/staff/forum/sessions/{forum_session.id}")
    assert page.status_code == 200 and "Nobody has signed up yet" in page.text
    caseworker = TestClient(app, follow_redirects=False)
    sign_in(caseworker, make_account(session, "cw@council.example", Role.CASEWORKER))
    assert caseworker.get(f"/staff/forum/sessions/{forum_session.id}").status_code == 403
