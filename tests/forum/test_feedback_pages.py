"""The public feedback page: one page, the GOV.UK error summary, answers kept, escaped
words, one item however often it is sent, and the urgent help when words suggest risk."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.items.models import FamilyItem
from tests.api.pages import csrf, error_summary, h1, soup
from tests.conftest import utc
from tests.forum.helpers import forum_session

NOW = utc(2026, 11, 2, 10, 0)
GOOD = {"feedback": "The room was too hot.", "role": "young-person", "consent_to_share": "no"}


@pytest.fixture(autouse=True)
def _now(frozen):
    frozen.at(NOW)


def _items(session) -> int:
    return session.scalar(select(func.count()).select_from(FamilyItem)) or 0


def _form(client):
    page = client.get("/forum/feedback")
    hidden = soup(page).find("input", {"name": "submit_token"})["value"]
    return page, {"csrf_token": csrf(page), "submit_token": hidden}


def send(client, answers, form=None):
    form = form or _form(client)[1]
    return client.post("/forum/feedback", data={**form, **answers})


def test_the_start_page_links_to_the_feedback_page(client) -> None:
    links = [a["href"] for a in soup(client.get("/")).select("a")]
    assert "/forum/feedback" in links


def test_the_page_offers_recent_sessions_and_has_exit_this_page(client, session) -> None:
    forum_session(session, "October forum", NOW - timedelta(days=7))
    forum_session(session, "December forum", NOW + timedelta(days=7))
    page, _ = _form(client)
    assert page.status_code == 200 and h1(page) == "Tell us what you think"
    options = [o.get_text(strip=True) for o in soup(page).select("#session_id option")]
    assert options == ["It was not about a session", "October forum, 26 October 2026"]
    assert soup(page).select_one(".govuk-exit-this-page a")["href"] == "/exit"
    assert soup(page).find("form")["autocomplete"] == "off"


def test_nothing_answered_shows_every_error_in_page_order_and_stores_nothing(
    client, session
) -> None:
    response = send(client, {})
    assert response.status_code == 400
    assert error_summary(response) == [
        ("Enter your feedback", "#feedback"),
        ("Select who you are", "#role"),
        ("Select yes if we can use an anonymised summary of your feedback", "#consent_to_share"),
    ]
    assert soup(response).title.get_text().startswith("Error: ")
    assert _items(session) == 0


def test_bad_answers_are_shown_again_escaped_and_nothing_is_stored(client, session) -> None:
    typed = '<script>alert("x")</script> & more'
    response = send(client, {**GOOD, "feedback": typed, "contact_email": "not-an-email"})
    assert response.status_code == 400
    assert error_summary(response) == [
        ("Enter an email address in the correct format, like name@example.com", "#contact_email")
    ]
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;" in response.text
    assert soup(response).find("textarea", {"name": "feedback"}).get_text() == typed
    assert soup(response).find("input", {"name": "contact_email"})["value"] == "not-an-email"
    assert _items(session) == 0


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "0"])
def test_a_session_that_cannot_be_chosen_is_an_error_on_the_select(client, session, value) -> None:
    response = send(client, {**GOOD, "session_id": value})
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == ["#session_id"]
    assert _items(session) == 0


def test_a_future_session_is_an_error_on_the_select(client, session) -> None:
    future = forum_session(session, "December forum", NOW + timedelta(days=7))
    response = send(client, {**GOOD, "session_id": str(future.id)})
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == ["#session_id"]
    assert _items(session) == 0


def test_a_control_character_is_an_error_on_its_field_and_other_answers_are_kept(
    client, session
) -> None:
    response = send(client, {**GOOD, "feedback": "pasted\x00text", "contact_name": "Sam"})
    assert response.status_code == 400
    assert error_summary(response)[0][1] == "#feedback"
    assert "hidden control characters" in error_summary(response)[0][0]
    assert soup(response).find("input", {"name": "contact_name"})["value"] == "Sam"
    assert _items(session) == 0


def test_feedback_sent_shows_its_reference_and_is_stored_as_typed(client, session) -> None:
    past = forum_session(session, "October forum", NOW - timedelta(days=7))
    typed = "  The room was <b>too hot</b>.\r\nAnd loud. "
    response = send(
        client,
        {
            **GOOD,
            "feedback": typed,
            "session_id": str(past.id),
            "contact_name": "Sam",
            "contact_phone": "07700 900 982",
            "consent_to_share": "yes",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/forum/feedback/sent"
    sent = client.get("/forum/feedback/sent")
    assert h1(sent) == "Feedback sent"
    assert soup(sent).select_one("#reference").get_text() == "FV-2026-000001"
    assert len(soup(sent).select_one("#tracking-code").get_text()) == 14
    item = session.scalars(select(FamilyItem)).one()
    assert (item.description, item.contact_phone, item.anonymous, item.consent_to_share) == (
        typed,
        "07700 900 982",
        False,
        True,
    )


def test_no_contact_details_means_anonymous(client, session) -> None:
    assert send(client, GOOD).status_code == 303
    item = session.scalars(select(FamilyItem)).one()
    assert item.anonymous is True and item.preferred_contact == "none"


def test_words_suggesting_risk_show_who_to_call_now(client) -> None:
    words = "my stepdad hits me and my little sister every night"
    assert send(client, {**GOOD, "feedback": words}).status_code == 303
    sent = client.get("/forum/feedback/sent")
    assert "safeguarding team" in h1(sent)
    assert soup(sent).select_one("#urgent-help-heading").get_text() == "Who to call"
    assert soup(sent).select_one("#reference").get_text().startswith("FV-")


def test_sending_the_same_form_twice_makes_one_item(client, session) -> None:
    _, form = _form(client)
    first = send(client, GOOD, form)
    again = send(client, GOOD, form)  # a double click, or Back and Send
    assert (first.status_code, again.status_code) == (303, 303)
    assert _items(session) == 1
    assert soup(client.get("/forum/feedback/sent")).select_one("#reference").get_text() == (
        "FV-2026-000001"
    )


def test_the_same_form_sent_again_with_other_words_says_so_and_loses_nothing(
    client, session
) -> None:
    _, form = _form(client)
    send(client, GOOD, form)
    changed = {**GOOD, "feedback": "Also, the food was cold."}
    response = send(client, changed, form)
    assert response.status_code == 400
    assert "already sent feedback from this page (reference FV-2026-000001)" in response.text
    assert soup(response).find("textarea", {"name": "feedback"}).get_text() == changed["feedback"]
    new_token = soup(response).find("input", {"name": "submit_token"})["value"]
    assert new_token != form["submit_token"]
    again = send(client, changed, {**form, "submit_token": new_token})
    assert again.status_code == 303 and _items(session) == 2


def test_the_sent_page_without_feedback_goes_to_the_form(client) -> None:
    response = client.get("/forum/feedback/sent")
    assert (response.status_code, response.headers["location"]) == (303, "/forum/feedback")


def test_exit_forgets_the_receipt(client) -> None:
    send(client, GOOD)
    client.get("/exit")
    assert client.get("/forum/feedback/sent").status_code == 303


def test_a_form_without_its_csrf_token_is_refused(client, session) -> None:
    response = client.post("/forum/feedback", data=GOOD)
    assert response.status_code == 403 and _items(session) == 0
