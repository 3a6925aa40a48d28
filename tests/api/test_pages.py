"""The public journey as a person sees it, page by page, without JavaScript."""

import re

import pytest

from app.concerns.models import ConcernDraft
from app.triage.case import Concern
from tests.api.pages import csrf, error_summary, form_post, h1, soup
from tests.conftest import utc
from tests.factories import EXE, PDF

WHO = {"role": "parent-carer", "on_behalf_of_child": "yes"}
ABOUT = {
    "description": "Nobody returns my calls.",
    "happened_on": "March 2026",
    "service_area": "",
    "desired_outcome": "A call back.",
}
CONTACT = {"anonymous": "no"}
DETAILS = {
    "contact_name": "Sam Example",
    "contact_email": "sam@example.com",
    "contact_phone": "",
    "contact_address": "",
    "preferred_contact": "email",
}
CONSENT = {"consent_to_share": "no"}


def answer_all(client, **overrides):
    pages = {
        "who": WHO,
        "about": ABOUT,
        "contact": CONTACT,
        "contact-details": DETAILS,
        "consent": CONSENT,
    }
    anonymous = overrides.get("contact", {}).get("anonymous") == "yes"
    for page, data in pages.items():
        if page == "contact-details" and anonymous:
            continue
        response = form_post(client, f"/concern/{page}", {**data, **overrides.get(page, {})})
        assert response.status_code == 303, (page, response.text[:500])


def submit(client):
    check = client.get("/concern/check")
    assert check.status_code == 200
    page = soup(check)
    token = page.find("input", {"name": "submit_token"})["value"]
    return client.post(
        "/concern/check", data={"csrf_token": csrf(check), "submit_token": token}
    ), token


def test_start_page_puts_urgent_help_first(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = soup(response)
    main_text = page.main.get_text(" ", strip=True)
    assert main_text.index("999") < main_text.index("Raise a concern")
    assert "01432 260800" in main_text  # MASH, from settings
    assert "3 working days" in main_text and "10 working days" in main_text
    assert page.select_one(".govuk-exit-this-page a")["href"] == "/exit"  # then the neutral site
    assert page.select_one("a.govuk-button--start")["href"] == "/concern/who"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/concern/who",
        "/concern/about",
        "/concern/contact",
        "/concern/contact-details",
        "/concern/consent",
        "/concern/files",
        "/track",
        "/get-help-now",
        "/privacy",
        "/accessibility",
        "/cookies",
    ],
)
def test_every_public_page_has_exit_this_page_and_a_title(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one(".govuk-exit-this-page")
    assert page.title.get_text().endswith("Herefordshire Council")
    assert page.h1


def test_missing_answers_show_the_error_summary_and_keep_what_was_typed(client) -> None:
    response = form_post(client, "/concern/who", {"on_behalf_of_child": "yes"})
    assert response.status_code == 400
    assert soup(response).title.get_text().startswith("Error: ")
    assert error_summary(response) == [("Select who you are", "#role")]
    assert (
        soup(response)
        .find("input", {"name": "on_behalf_of_child", "value": "yes"})
        .has_attr("checked")
    )


def test_about_page_errors_keep_the_text_as_typed(client) -> None:
    typed = "<script>alert('x')</script>\n" + "y" * 10_001
    response = form_post(
        client, "/concern/about", {"description": typed, "happened_on": "last week"}
    )
    assert response.status_code == 400
    assert error_summary(response) == [
        ("What your concern is about must be 10,000 characters or fewer", "#description")
    ]
    page = soup(response)
    assert page.find("textarea", {"name": "description"}).get_text() == typed
    assert "<script>alert" not in response.text  # escaped, never live HTML
    assert page.find("input", {"name": "happened_on"})["value"] == "last week"


def test_contact_details_need_a_way_to_reply(client) -> None:
    response = form_post(client, "/concern/contact-details", {"contact_name": "Sam"})
    assert response.status_code == 400
    assert error_summary(response)[0] == (
        "Enter an email address, a phone number or an address so we can reply",
        "#contact_email",
    )
    assert soup(response).find("input", {"name": "contact_name"})["value"] == "Sam"


def test_staying_anonymous_skips_contact_details_and_forgets_them(client, session) -> None:
    answer_all(client)
    response = form_post(client, "/concern/contact?return=check", {"anonymous": "yes"})
    assert response.headers["location"] == "/concern/check"
    check = client.get("/concern/check")
    assert "sam@example.com" not in check.text
    assert "Anonymous" in check.text
    submit(client)
    concern = session.query(Concern).one()
    assert (
        concern.item.anonymous
        and concern.item.contact_email is None
        and concern.item.preferred_contact == "none"
    )


def test_choosing_a_reply_after_anonymous_asks_for_details(client) -> None:
    answer_all(client, contact={"anonymous": "yes"})
    response = form_post(client, "/concern/contact?return=check", {"anonymous": "no"})
    assert response.headers["location"] == "/concern/contact-details?return=check"


def test_whole_journey_with_a_file_gives_a_reference_and_tracks(client, session, frozen) -> None:
    frozen.at(utc(2026, 12, 18, 9, 0))
    answer_all(client)
    upload = form_post(
        client, "/concern/files", {}, files={"files": ("letter.pdf", PDF, "application/pdf")}
    )
    assert upload.status_code == 303
    files_page = client.get("/concern/files")
    assert "letter.pdf" in files_page.text

    check = client.get("/concern/check")
    assert h1(check) == "Check your answers before sending your concern"
    rows = {
        dt.get_text(strip=True): dd.get_text(strip=True)
        for dt, dd in zip(
            soup(check).select(".govuk-summary-list__key"),
            soup(check).select(".govuk-summary-list__value"),
        )
    }
    assert rows["What it is about"] == "Nobody returns my calls."
    assert rows["Files added"] == "letter.pdf"
    change = soup(check).find("a", href="/concern/about?return=check")
    assert change is not None

    response, _ = submit(client)
    assert response.status_code == 303 and response.headers["location"] == "/concern/confirmation"
    confirmation = client.get("/concern/confirmation")
    page = soup(confirmation)
    reference = page.select_one("#reference").get_text(strip=True)
    code = page.select_one("#tracking-code").get_text(strip=True)
    assert re.fullmatch(r"FV-2026-\d{6}", reference)
    assert "Wednesday 23 December 2026" in confirmation.text  # acknowledged within 3 working days
    assert "Wednesday 6 January 2027" in confirmation.text  # response within 10

    concern = session.query(Concern).one()
    assert [a.filename for a in concern.attachments] == ["letter.pdf"]
    assert session.query(ConcernDraft).count() == 0

    tracked = form_post(client, "/track", {"reference": reference, "tracking_code": code})
    assert tracked.status_code == 200
    assert reference in h1(tracked)
    assert "sam@example.com" not in tracked.text and "Nobody returns" not in tracked.text


def test_change_link_returns_to_check_answers(client) -> None:
    answer_all(client)
    response = form_post(
        client, "/concern/about?return=check", {**ABOUT, "description": "Changed."}
    )
    assert response.headers["location"] == "/concern/check"
    assert "Changed." in client.get("/concern/check").text


def test_double_submit_makes_one_concern(client, session) -> None:
    answer_all(client)
    check = client.get("/concern/check")
    token = soup(check).find("input", {"name": "submit_token"})["value"]
    data = {"csrf_token": csrf(check), "submit_token": token}
    first = client.post("/concern/check", data=data)
    second = client.post("/concern/check", data=data)
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == "/concern/confirmation"
    assert session.query(Concern).count() == 1


def test_risk_shows_urgent_help_before_the_reference(client, session) -> None:
    answer_all(
        client, about={"description": "My stepdad hits me and I'm scared to go home tonight"}
    )
    # Help was shown straight after "your concern" (test_family_answers), not again here.
    response, _ = submit(client)
    assert response.headers["location"] == "/concern/confirmation"
    assert session.query(Concern).one().safeguarding is True
    urgent = client.get("/concern/urgent-help")
    text = urgent.text
    assert "999" in text and "01432 260800" in text and "01905 768020" in text
    assert soup(urgent).find("a", href="/concern/confirmation")
    assert "FV-" in client.get("/concern/confirmation").text


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_lost(client, session) -> None:
    answer_all(client)
    response = form_post(
        client, "/concern/files", {}, files={"files": ("report.pdf", EXE, "application/pdf")}
    )
    assert response.status_code == 400
    assert error_summary(response) == [
        ("report.pdf must be a PDF, JPG, PNG, Word document (DOCX) or text file (TXT)", "#files")
    ]
    assert "Nobody returns my calls." in client.get("/concern/check").text


def test_no_more_than_five_files(client) -> None:
    answer_all(client)
    files = [("files", (f"f{n}.pdf", PDF, "application/pdf")) for n in range(5)]
    assert form_post(client, "/concern/files", {}, files=files).status_code == 303
    sixth = form_post(
        client,
        "/concern/files",
        {},
        page="/concern/check",
        files={"files": ("f6.pdf", PDF, "application/pdf")},
    )
    assert sixth.status_code == 400
    assert "up to 5 files" in sixth.text


def test_a_file_can_be_removed(client, session) -> None:
    answer_all(client)
    form_post(client, "/concern/files", {}, files={"files": ("a.pdf", PDF, "application/pdf")})
    page = client.get("/concern/files")
    action = soup(page).find("form", action=re.compile(r"/remove$"))["action"]
    assert client.post(action, data={"csrf_token": csrf(page)}).status_code == 303
    assert "a.pdf" not in client.get("/concern/files").text


def test_forms_without_a_csrf_token_are_refused(client) -> None:
    client.get("/concern/who")
    response = client.post("/concern/who", data=WHO)
    assert response.status_code == 403
    forged = client.post("/concern/who", data={**WHO, "csrf_token": "forged"})
    assert forged.status_code == 403


def test_a_token_from_another_browser_is_refused(app, client) -> None:
    from fastapi.testclient import TestClient

    token = csrf(client.get("/concern/who"))
    with TestClient(app, follow_redirects=False) as other:
        other.get("/concern/who")
        assert other.post("/concern/who", data={**WHO, "csrf_token": token}).status_code == 403


def test_non_utf8_form_answers_400(client) -> None:
    token = csrf(client.get("/concern/about"))
    body = f"csrf_token={token}&description=caf%E9".encode()
    response = client.post(
        "/concern/about",
        content=body,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400


def test_tracking_with_wrong_details_says_not_found_then_slows_down(client) -> None:
    for attempt in range(5):
        response = form_post(
            client, "/track", {"reference": "FV-2026-000001", "tracking_code": f"X{attempt}"}
        )
        assert response.status_code == 404
        assert "could not find" in response.text
    blocked = form_post(client, "/track", {"reference": "FV-2026-000001", "tracking_code": "X"})
    assert blocked.status_code == 429
    assert "too many times" in blocked.text


def test_confirmation_without_a_submission_goes_to_the_start(client) -> None:
    assert client.get("/concern/confirmation").headers["location"] == "/"


def test_check_answers_sends_unfinished_journeys_back(client) -> None:
    form_post(client, "/concern/who", WHO)
    assert client.get("/concern/check").headers["location"] == "/concern/about"


def test_session_cookie_flags(client) -> None:
    response = client.get("/concern/who")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_file_over_10mb_is_a_field_error(client) -> None:
    answer_all(client)
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = form_post(
        client, "/concern/files", {}, files={"files": ("big.pdf", big, "application/pdf")}
    )
    assert response.status_code == 400
    assert error_summary(response) == [("big.pdf must be smaller than 10MB", "#files")]


def test_an_upload_over_the_body_limit_answers_413(client, monkeypatch) -> None:
    from app.config import get_settings

    monkeypatch.setattr(get_settings(), "max_attachment_bytes", 1024)
    monkeypatch.setattr(get_settings(), "max_attachments", 1)
    answer_all(client)
    token = csrf(client.get("/concern/files"))
    huge = PDF + b"0" * (2 * 1024 * 1024)
    response = client.post(
        "/concern/files",
        data={"csrf_token": token},
        files={"files": ("huge.pdf", huge, "application/pdf")},
    )
    assert response.status_code == 413
    assert h1(response) == "The files you sent are too big"
    assert "Nobody returns my calls." in client.get("/concern/check").text


def test_help_numbers_can_be_called_with_one_tap(client) -> None:
    links = {a["href"] for a in soup(client.get("/get-help-now")).select("main a[href^='tel:']")}
    assert {"tel:999", "tel:01432260800", "tel:01905768020", "tel:101", "tel:08001111"} <= links


def test_check_answers_shows_free_text_escaped_with_its_line_breaks(client) -> None:
    typed = "<script>alert('x')</script>\nSecond line & more"
    answer_all(client, about={"description": typed})
    check = client.get("/concern/check")
    assert "<script>alert" not in check.text
    cell = soup(check).select_one(".app-free-text")
    assert cell.get_text() == typed.replace("\n", "")
    assert len(cell.find_all("br")) == 1


def test_public_pages_carry_no_gov_uk_crown(client) -> None:
    page = soup(client.get("/"))
    assert page.select_one(".govuk-footer__crown") is None
    assert "Crown copyright" not in page.get_text()


def test_the_server_warms_the_theme_model_before_the_first_request(
    app, monkeypatch, tmp_path
) -> None:
    from fastapi.testclient import TestClient

    from app.text import themes

    monkeypatch.setattr(themes, "model_directory", lambda: tmp_path)
    themes.forget_model()
    try:
        with TestClient(app):
            # Trained from the shipped examples at start-up, and kept for the next start.
            assert [p.name for p in tmp_path.iterdir()] == ["themes-v0001.json"]
    finally:
        themes.forget_model()
