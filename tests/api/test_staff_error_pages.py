"""An error on a staff page stays in the staff layout: staff menu, no "Exit this page"
(that button is for families leaving in a hurry, and on a staff page it would sign
nothing out and look like a way to leave a case)."""

from __future__ import annotations

from app.staff.models import Role
from tests.api.pages import soup
from tests.staff import make_account, sign_in


def test_a_staff_page_that_is_not_found_keeps_the_staff_layout(client, session) -> None:
    account = make_account(session, "triage@council.example", Role.TRIAGE)
    sign_in(client, account)
    response = client.get("/staff/cases/FV-2026-999999")
    assert response.status_code == 404
    page = soup(response)
    assert page.select_one(".govuk-exit-this-page") is None
    assert page.find(string=lambda s: s and "Staff menu" in s) or page.select_one(
        "[aria-label='Staff menu']"
    )
    assert "staff" in page.title.get_text()


def test_a_staff_page_refused_to_a_role_keeps_the_staff_layout(client, session) -> None:
    account = make_account(session, "commission@council.example", Role.COMMISSION)
    sign_in(client, account)
    response = client.get("/staff/cases")
    assert response.status_code == 403
    assert soup(response).select_one(".govuk-exit-this-page") is None


def test_a_public_error_page_keeps_exit_this_page(client) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert soup(response).select_one(".govuk-exit-this-page") is not None
