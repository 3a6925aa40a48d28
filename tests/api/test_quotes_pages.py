"""Quotes, as staff use them: propose from the case page, a second manager approves."""

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.staff.models import Role
from tests.api.pages import csrf, error_summary, soup
from tests.factories import concern_create
from tests.staff import make_account, sign_in


@pytest.fixture
def desk(client, session, frozen):
    frozen.at(datetime(2026, 11, 2, 10, tzinfo=LONDON))
    proposer = make_account(session, "mo@council.example", Role.MANAGER)
    approver = make_account(session, "max@council.example", Role.MANAGER)

    def submit(consent: bool) -> str:
        return concerns.submit_concern(
            session,
            data=concern_create(
                consent_to_share=consent,
                contact_name="Priya Sharma",
                description="Priya Sharma here <b>again</b>: call 01432 260 999. "
                "Nobody has visited since June.",
            ),
            source=Source.WEB,
            now=datetime(2026, 11, 2, 9, tzinfo=LONDON),
        ).receipt.reference

    sign_in(client, proposer)
    return {"approver": approver, "shared": submit(True), "private": submit(False)}


def test_a_quote_is_drafted_redacted_checked_and_approved_by_another_manager(
    app, client, desk
) -> None:
    ref = desk["shared"]
    case = soup(client.get(f"/staff/cases/{ref}"))
    assert case.select_one(f"a[href='/staff/cases/{ref}/quotes/new']") is not None
    page = client.get(f"/staff/cases/{ref}/quotes/new")
    draft = soup(page).select_one("#text").get_text()
    assert "Priya" not in draft and "01432" not in draft
    assert "[NAME]" in draft and "[PHONE]" in draft and "<b>again</b>" in draft
    # Staff typing a name back in: refused, and what they typed is kept for them to fix.
    leaky = client.post(
        f"/staff/cases/{ref}/quotes/new", data={"csrf_token": csrf(page), "text": "Priya said no"}
    )
    assert leaky.status_code == 400
    assert error_summary(leaky)[0][0].startswith("This quote still contains personal data (a name)")
    assert soup(leaky).select_one("#text").get_text() == "Priya said no"
    done = client.post(
        f"/staff/cases/{ref}/quotes/new",
        data={"csrf_token": csrf(page), "text": "Nobody has visited since June."},
    )
    assert done.status_code == 303
    listing = client.get("/staff/quotes")
    assert (
        "Nobody has visited since June." in soup(listing).select_one("#waiting").parent.get_text()
    )
    # The quote's own id, from the page: ids are not reset between tests on PostgreSQL.
    quote_id = soup(listing).select_one("[id^=quote-]")["id"][6:]
    own = client.post(f"/staff/quotes/{quote_id}/approve", data={"csrf_token": csrf(listing)})
    assert own.status_code == 400
    assert "Someone other than the person who proposed" in error_summary(own)[0][0]
    with TestClient(app, follow_redirects=False) as other:
        sign_in(other, desk["approver"])
        page = other.get("/staff/quotes")
        assert (
            other.post(
                f"/staff/quotes/{quote_id}/approve", data={"csrf_token": csrf(page)}
            ).status_code
            == 303
        )
        approved = soup(other.get("/staff/quotes"))
        assert "No quotes are waiting." in approved.get_text()
        assert "Nobody has visited since June." in approved.get_text()


def test_without_consent_nothing_can_be_quoted(client, desk) -> None:
    ref = desk["private"]
    case = soup(client.get(f"/staff/cases/{ref}"))
    assert case.select_one(f"a[href='/staff/cases/{ref}/quotes/new']") is None
    assert "did not agree to share" in case.select_one("#quotes").find_next("p").get_text()
    assert client.get(f"/staff/cases/{ref}/quotes/new").status_code == 409
