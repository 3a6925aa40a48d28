"""The case page as a busy duty officer uses it: what it offers, what it says after each
action, who has looked, and every contact detail the family gave."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.staff.models import Role
from tests.api.pages import csrf, error_summary, soup
from tests.factories import concern_create
from tests.staff import make_account, make_team, sign_in


def at(y, m, d, hh=10, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


@pytest.fixture
def desk(client, session, frozen):
    frozen.at(at(2026, 11, 2, 10))
    team = make_team(session, "North", "Children in need")
    triage = make_account(session, "sam.jones@council.example", Role.TRIAGE)
    caseworker = make_account(session, "cw@council.example", Role.CASEWORKER, team=team)
    receipt = concerns.submit_concern(
        session,
        data=concern_create(
            contact_name="Jo Example",
            contact_phone="07700 900982",
            contact_address="12 Example Road\nHereford\nHR1 1AA",
            preferred_contact="post",
        ),
        source=Source.WEB,
        now=at(2026, 11, 2, 9),
    ).receipt
    sign_in(client, triage)
    return {"team": team, "triage": triage, "caseworker": caseworker, "ref": receipt.reference}


def act(client, reference, action, **fields):
    page = client.get(f"/staff/cases/{reference}/actions/{action}")
    assert page.status_code == 200, page.text[:300]
    return client.post(
        f"/staff/cases/{reference}/actions/{action}", data={"csrf_token": csrf(page), **fields}
    )


def offered(client, reference) -> list[str]:
    page = soup(client.get(f"/staff/cases/{reference}"))
    return [a.get_text(strip=True) for a in page.select("#actions a")]


def test_a_stage_1_case_offers_no_stage_2_or_3_action_and_refuses_a_typed_one(client, desk) -> None:
    ref = desk["ref"]
    act(client, ref, "triage", route="statutory", reason="A complaint about the plan")
    act(client, ref, "acknowledge")
    act(client, ref, "start")
    actions = offered(client, ref)
    assert "Record the response" in actions and "Pause the clock" in actions
    for later in ("Statement of complaint agreed", "Panel held", "Panel report issued"):
        assert later not in actions
    assert "Escalate to the next stage" not in actions  # not responded yet
    assert "Record safeguarding decision" not in actions  # not a safeguarding case
    # Typed by hand: the form is not shown, and a post is refused too.
    page = client.get(f"/staff/cases/{ref}/actions/panel-held")
    assert page.status_code == 409
    assert "only at statutory stage 3" in soup(page).get_text()
    token = csrf(client.get(f"/staff/cases/{ref}"))
    posted = client.post(f"/staff/cases/{ref}/actions/agree-statement", data={"csrf_token": token})
    assert posted.status_code == 409
    assert "only at statutory stage 2" in soup(posted).get_text()
    timeline = soup(client.get(f"/staff/cases/{ref}")).select_one("#timeline").get_text()
    assert "Statement agreed" not in timeline


def test_a_caseworker_is_not_offered_what_their_role_cannot_do(client, app, desk) -> None:
    from fastapi.testclient import TestClient

    ref = desk["ref"]
    act(
        client,
        ref,
        "triage",
        route="statutory",
        reason="Complaint",
        assignee=desk["caseworker"].user.id,
    )
    with TestClient(app, follow_redirects=False) as other:
        sign_in(other, desk["caseworker"])
        actions = offered(other, ref)
        assert "Acknowledge" in actions
        assert (
            "Triage" not in actions
            and "Assign" not in actions
            and "Extend a deadline" not in actions
        )
        assert other.get(f"/staff/cases/{ref}/actions/extend").status_code == 409


def test_every_action_ends_with_a_success_banner_shown_once(client, desk) -> None:
    ref = desk["ref"]
    response = act(client, ref, "note", body="Called mum, no answer")
    assert response.status_code == 303
    page = soup(client.get(response.headers["location"]))
    banner = page.select_one(".govuk-notification-banner--success")
    assert banner is not None and banner["role"] == "alert"
    assert banner.get_text(" ", strip=True) == f"Success {ref}: Note added"
    again = soup(client.get(f"/staff/cases/{ref}"))
    assert again.select_one(".govuk-notification-banner--success") is None
    triaged = act(client, ref, "triage", route="statutory", reason="Complaint")
    banner = soup(client.get(triaged.headers["location"])).select_one("#flash")
    assert f"{ref}: Case triaged" in banner.get_text()


def test_a_forged_banner_is_not_shown(client, desk) -> None:
    client.cookies.set("fv_flash", "Case deleted", domain="testserver.local", path="/")
    page = soup(client.get(f"/staff/cases/{desk['ref']}"))
    assert page.select_one("#flash") is None


def test_an_empty_triage_form_asks_for_a_route_and_a_reason(client, desk) -> None:
    response = act(client, desk["ref"], "triage")
    assert response.status_code == 400
    assert error_summary(response) == [
        ("Choose a route", "#route"),
        ("Give a reason for this route", "#reason"),
    ]
    route_error = soup(response).select_one("#route-error")
    assert route_error is not None and "Choose a route" in route_error.get_text()


def test_who_has_looked_groups_one_persons_consecutive_views(client, desk, frozen) -> None:
    ref = desk["ref"]
    for minute in (2, 5, 9):
        frozen.at(at(2026, 11, 2, 10, minute))
        client.get(f"/staff/cases/{ref}")
    frozen.at(at(2026, 11, 2, 10, 15))
    page = soup(client.get(f"/staff/cases/{ref}"))
    rows = [
        [c.get_text(" ", strip=True) for c in tr.select("td")]
        for tr in page.select("#viewers tbody tr")
    ]
    # The view being drawn now is on the trail too: four views, one line.
    assert rows == [["2 November 2026, 10:02am – 10:15am", "Sam.Jones", "Viewed 4 times"]]


def test_the_case_page_shows_every_contact_detail_the_family_gave(client, desk) -> None:
    page = soup(client.get(f"/staff/cases/{desk['ref']}"))
    rows = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text("\n", strip=True)
        for row in page.select(".govuk-summary-list__row")
    }
    assert rows["Contact"] == "Post"
    assert rows["Name"] == "Jo Example"
    assert rows["Email"] == "jo@example.com"
    assert rows["Phone"] == "07700 900982"
    assert rows["Postal address"] == "12 Example Road\nHereford\nHR1 1AA"


def test_a_managers_home_links_to_everything_a_manager_opens(client, app, session) -> None:
    from fastapi.testclient import TestClient

    manager = make_account(session, "m@council.example", Role.MANAGER)
    with TestClient(app, follow_redirects=False) as browser:
        sign_in(browser, manager)
        links = {
            a.get_text(strip=True): a["href"]
            for a in soup(browser.get("/staff")).select("main a.govuk-link")
        }
    for text, href in {
        "Cases you can see": "/staff/cases",
        "Dashboard": "/staff/dashboard",
        "Quotes": "/staff/quotes",
        "Themes": "/staff/themes",
        "Audit trail": "/staff/audit",
    }.items():
        assert links.get(text) == href


def test_the_audit_filter_and_results_read_as_words(client, app, session, desk) -> None:
    from fastapi.testclient import TestClient

    from app.audit import actions

    manager = make_account(session, "m@council.example", Role.MANAGER)
    with TestClient(app, follow_redirects=False) as browser:
        sign_in(browser, manager)
        browser.get(f"/staff/cases/{desk['ref']}")
        page = soup(browser.get("/staff/audit"))
    options = {o["value"]: o.get_text(strip=True) for o in page.select("#action option")}
    assert options["sign-in-failed"] == "Sign-in failed"
    assert set(options) == {"", *actions.ALL}
    assert all(text != value for value, text in options.items())  # never a bare code
    what = [tr.select("td")[2].get_text(strip=True) for tr in page.select("tbody tr")]
    assert "Case viewed" in what and "Signed in" in what
    assert not any("-" in w.split(":")[0] for w in what)
