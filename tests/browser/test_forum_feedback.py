"""The forum feedback page on a 320px phone without JavaScript: errors, then sent once."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

_OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(-5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def _fits(page) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner == 320, page.evaluate(_OVERFLOWING)


def test_feedback_on_a_320px_phone_without_javascript(browser, live_server) -> None:
    context = browser.new_context(
        base_url=live_server, java_script_enabled=False, viewport={"width": 320, "height": 700}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/")
        page.get_by_role("link", name="give feedback").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
        _fits(page)

        typed = "<script>alert(1)</script> The meeting was at 4pm, too early after school."
        page.get_by_label("What do you want to tell us?").fill(typed)
        page.get_by_role("button", name="Send feedback").click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Select who you are")
        expect(page.get_by_label("What do you want to tell us?")).to_have_value(typed)
        _fits(page)

        summary.get_by_role("link", name="Select who you are").click()
        page.get_by_label("A child or young person").check()
        page.get_by_label("Email address (optional)").fill("sam@example.com")
        page.get_by_role("group", name="Can we use what you said without your name?").get_by_label(
            "Yes"
        ).check()
        page.get_by_role("button", name="Send feedback").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Feedback sent")
        reference = page.locator("#reference").inner_text()
        assert reference.startswith("FV-")
        _fits(page)

    finally:
        context.close()


def test_the_feedback_page_has_no_wcag_22_aa_violations(axe_page) -> None:
    axe_page.goto("/forum/feedback")
    assert axe_violations(axe_page) == []
    axe_page.get_by_role("button", name="Send feedback").click()
    expect(axe_page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(axe_page) == []
