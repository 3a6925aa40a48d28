"""Nothing a family gives is lost or changed, and risk is flagged the same way wherever seen."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.staff.models import Role
from app.triage.case import Concern
from tests.api.pages import csrf, error_summary, form_post, soup
from tests.api.test_pages import ABOUT, DETAILS, answer_all, submit
from tests.staff import make_account, sign_in

RISKY = "My stepdad hits me and I'm scared to go home tonight"


def _fields_as_shown(response) -> dict[str, str]:
    """What a browser would post back from the page as it is shown."""
    page = soup(response)
    values = {
        i["name"]: i.get("value", "") for i in page.select("input[type=text], input:not([type])")
    }
    values.update(
        {i["name"]: i.get("value", "") for i in page.select("input[type=email], input[type=tel]")}
    )
    values.update({t["name"]: t.get_text() for t in page.select("textarea")})
    values.update({r["name"]: r["value"] for r in page.select("input[type=radio][checked]")})
    return values


def test_a_blank_optional_answer_stays_blank_through_back_and_change(client, session) -> None:
    answer_all(
        client,
        about={**ABOUT, "desired_outcome": "", "service_area": ""},
        **{"contact-details": {**DETAILS, "contact_address": ""}},
    )
    for page in ("about", "contact-details"):
        shown = client.get(f"/concern/{page}?return=check")
        fields = _fields_as_shown(shown)
        assert "None" not in fields.values(), (page, fields)
        response = form_post(client, f"/concern/{page}?return=check", fields)
        assert response.status_code == 303, response.text[:300]
    check = soup(client.get("/concern/check")).get_text(" ", strip=True)
    assert "None" not in check.replace("Files added None", "")
    submit(client)
    concern = session.scalars(select(Concern)).one()
    assert concern.item.desired_outcome is None
    assert concern.item.contact_address is None
    assert concern.item.service_area is None


@pytest.mark.parametrize("page", ["who", "contact", "contact-details", "consent"])
def test_no_radio_question_starts_with_an_answer_chosen(client, page) -> None:
    form_post(client, "/concern/who", {"role": "parent-carer", "on_behalf_of_child": "yes"})
    client.cookies.clear()
    shown = soup(client.get(f"/concern/{page}"))
    assert shown.select("input[type=radio]")
    assert shown.select("input[type=radio][checked]") == []


def test_consent_must_be_answered(client) -> None:
    answer_all(client)
    page = client.get("/concern/consent?return=check")
    # Start a new journey, so nothing was answered before.
    client.cookies.clear()
    page = client.get("/concern/consent")
    response = client.post("/concern/consent", data={"csrf_token": csrf(page)})
    assert response.status_code == 400
    assert error_summary(response) == [
        ("Select yes if we can use an anonymised summary of your concern", "#consent_to_share")
    ]


def test_risk_seen_at_submission_makes_the_case_urgent_and_tagged_in_the_queue(
    client, session
) -> None:
    answer_all(client, about={**ABOUT, "description": RISKY})
    submit(client)
    client.cookies.clear()
    sign_in(client, make_account(session, "t@council.example", Role.TRIAGE))
    row = soup(client.get("/staff/cases")).select_one("#queue tbody tr")
    cells = [c.get_text(" ", strip=True) for c in row.select("td")]
    assert "Possible risk" in cells[3]
    assert cells[-1] == "Urgent"


def test_risky_words_on_your_concern_bring_help_on_the_very_next_page(client, session) -> None:
    form_post(client, "/concern/who", {"role": "young-person", "on_behalf_of_child": "no"})
    response = form_post(client, "/concern/about", {**ABOUT, "description": RISKY})
    assert response.headers["location"] == "/concern/urgent-help"
    page = client.get("/concern/urgent-help")
    text = soup(page).main.get_text(" ", strip=True)
    for number in ("999", "01432 260800", "01905 768020", "0800 1111"):
        assert number in text
    carry_on = soup(page).find("a", string=lambda s: s and "Continue" in s)
    assert carry_on["href"] == "/concern/contact"
    # Answering the rest and sending: the whole concern is kept and goes to safeguarding,
    # and the same help is not shown again for the same words.
    answer_all(client, about={**ABOUT, "description": RISKY})
    sent, _ = submit(client)
    assert sent.headers["location"] == "/concern/confirmation"
    concern = session.scalars(select(Concern)).one()
    assert concern.item.description == RISKY and concern.safeguarding
    confirmation = soup(client.get("/concern/confirmation")).main.get_text(" ", strip=True)
    assert "safeguarding team" in confirmation and "0800 1111" in confirmation


def test_changed_risky_words_bring_the_help_again(client) -> None:
    answer_all(client, about={**ABOUT, "description": RISKY})
    changed = form_post(
        client, "/concern/about?return=check", {**ABOUT, "description": RISKY + " again"}
    )
    assert changed.headers["location"] == "/concern/urgent-help?return=check"
    carry_on = soup(client.get("/concern/urgent-help?return=check")).find(
        "a", string=lambda s: s and "Continue" in s
    )
    assert carry_on["href"] == "/concern/check"
    calm = form_post(client, "/concern/about?return=check", ABOUT)
    assert calm.headers["location"] == "/concern/check"


def test_continue_with_a_chosen_file_uploads_it(client, session) -> None:
    from app.concerns.models import DraftAttachment
    from tests.factories import PDF

    answer_all(client)
    page = client.get("/concern/files")
    assert soup(page).select_one("form[enctype] button[value=continue]")  # Continue sends the form
    response = client.post(
        "/concern/files",
        data={"csrf_token": csrf(page), "action": "continue"},
        files={"files": ("letter.pdf", PDF, "application/pdf")},
    )
    assert response.headers["location"] == "/concern/check"
    assert [a.filename for a in session.scalars(select(DraftAttachment))] == ["letter.pdf"]
    nothing = client.post(
        "/concern/files",
        data={"csrf_token": csrf(page), "action": "continue"},
        files={"files": ("", b"", "application/octet-stream")},
    )
    assert nothing.headers["location"] == "/concern/check"


def test_tracking_a_closed_concern_says_when_and_how_in_plain_words(client, session) -> None:
    from app.concerns import service
    from app.concerns.models import Source
    from app.triage.models import CaseEvent
    from tests.conftest import utc
    from tests.factories import concern_create

    receipt = service.submit_concern(
        session, data=concern_create(), source=Source.WEB, now=utc(2026, 11, 2, 10)
    ).receipt
    concern = session.scalars(select(Concern)).one()
    for kind, day in (("acknowledged", 3), ("responded", 9), ("closed", 10)):
        session.add(
            CaseEvent(concern_id=concern.id, kind=kind, stage=1, occurred_at=utc(2026, 11, day, 11))
        )
    concern.state, concern.outcome, concern.closed_at = (
        "closed",
        "partly-upheld",
        utc(2026, 11, 10, 11),
    )
    session.flush()
    page = form_post(
        client, "/track", {"reference": receipt.reference, "tracking_code": receipt.tracking_code}
    )
    text = soup(page).main.get_text(" ", strip=True)
    assert "Acknowledged Tuesday 3 November 2026" in text
    assert "Response sent Monday 9 November 2026" in text
    assert "We agreed with part of your concern." in text
    assert "partly-upheld" not in text and "Partly upheld" not in text
