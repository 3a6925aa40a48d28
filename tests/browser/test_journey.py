"""The whole journey in a real browser, with and without JavaScript, on a phone-sized screen."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.browser.test_exit import press_exit
from tests.factories import PDF


def raise_concern(page, tmp_path: Path, *, description: str) -> tuple[str, str]:
    page.goto("/")
    page.get_by_role("button", name="Start now").click()

    page.get_by_label("A parent or carer").check()
    page.get_by_role("group", name=re.compile("on behalf of a child")).get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("What is your concern about?").fill(description)
    page.get_by_label("When did it happen? (optional)").fill("March 2026")
    page.get_by_role("button", name="Continue").click()
    if "/concern/urgent-help" in page.url:  # words that suggest risk bring help at once
        expect(page.get_by_text("If a child is in immediate danger, call 999 now.")).to_be_visible()
        page.get_by_role("button", name="Continue with your concern").click()

    page.get_by_label("Yes, contact me").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Email address").fill("family@example.com")
    page.get_by_role("group", name="How would you like us to contact you?").get_by_label(
        "Email"
    ).check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()

    letter = tmp_path / "letter.pdf"
    letter.write_bytes(PDF)
    page.get_by_label("Upload a file").set_input_files(str(letter))
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator(".govuk-summary-list__key", has_text="letter.pdf")).to_be_visible()
    page.get_by_role("button", name="Continue").click()

    expect(page.locator("h1")).to_have_text("Check your answers before sending your concern")
    page.get_by_role("button", name="Send concern").click()
    page.wait_for_url(re.compile(r"/concern/(urgent-help|confirmation)$"))
    if page.url.endswith("/concern/urgent-help"):
        expect(page.get_by_text("If a child is in immediate danger, call 999 now.")).to_be_visible()
        page.get_by_role("button", name="Continue to your reference number").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Concern sent")
    return page.locator("#reference").inner_text().strip(), page.locator(
        "#tracking-code"
    ).inner_text().strip()


def test_raise_and_track_a_concern(page, tmp_path) -> None:
    reference, code = raise_concern(
        page, tmp_path, description="Nobody has called me back since May."
    )
    assert re.fullmatch(r"FV-\d{4}-\d{6}", reference)

    page.get_by_role("link", name="Track your concern").first.click()
    page.get_by_label("Reference number").fill(reference)
    page.get_by_label("Tracking code").fill(code.lower())
    page.get_by_role("button", name="Check progress").click()
    expect(page.locator("h1")).to_contain_text(reference)
    expect(page.locator(".govuk-tag")).to_have_text("Received")


def test_a_child_at_risk_sees_who_to_call_first(page, tmp_path) -> None:
    seen: list[str] = []
    page.on("framenavigated", lambda frame: seen.append(frame.url))
    raise_concern(page, tmp_path, description="my mums boyfriend hits me and im scared to go home")
    urgent = [n for n, url in enumerate(seen) if url.endswith("/concern/urgent-help")]
    confirmation = [n for n, url in enumerate(seen) if url.endswith("/concern/confirmation")]
    assert urgent and confirmation and urgent[0] < confirmation[0]
    expect(page.get_by_text("01432 260800")).to_be_visible()


def test_error_summary_links_to_the_question(page, javascript) -> None:
    page.goto("/concern/who")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    link = page.locator(".govuk-error-summary").get_by_role("link", name="Select who you are")
    expect(link).to_be_visible()
    link.click()
    if javascript:
        # GOV.UK Frontend moves focus to the question instead of jumping to the anchor.
        expect(page.locator("#role")).to_be_focused()
    else:
        expect(page).to_have_url(re.compile("#role$"))


def test_exit_this_page_leaves_the_service(page, javascript) -> None:
    page.goto("/concern/about")
    page.get_by_label("What is your concern about?").fill("half-written")
    press_exit(page, javascript)  # through /exit, which ends the draft, to the neutral site


def test_public_pages_have_no_wcag_22_aa_violations(axe_page, tmp_path) -> None:
    page = axe_page
    visited: dict[str, list[dict]] = {}

    def scan(name: str) -> None:
        visited[name] = axe_violations(page)

    for path in [
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
        "/no-such-page",
    ]:
        page.goto(path)
        scan(path)
    # Pages with errors shown, and the pages only reached by answering.
    page.goto("/concern/who")
    page.get_by_role("button", name="Continue").click()
    scan("/concern/who with errors")
    reference, code = raise_concern(page, tmp_path, description="He hits my brother.")
    scan("/concern/confirmation")
    page.goto("/concern/urgent-help")
    scan("/concern/urgent-help")
    page.goto("/track")
    page.get_by_label("Reference number").fill(reference)
    page.get_by_label("Tracking code").fill(code)
    page.get_by_role("button", name="Check progress").click()
    scan("tracking status")
    page.goto("/track")
    page.get_by_role("button", name="Check progress").click()
    scan("/track with errors")

    assert len(visited) == 18
    failures = {name: v for name, v in visited.items() if v}
    assert failures == {}, json.dumps(failures, indent=1)
