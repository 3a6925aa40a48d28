"""What staff routes share: the page, the redirect after a change, the error page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from app.forms import FormErrors
from app.web import flash
from app.web.templating import render


def see_other(url: str) -> RedirectResponse:
    """After a change, the page to show next (303: the browser asks for it with GET)."""
    return RedirectResponse(url, status_code=303)


def flash_to(url: str, message: str) -> Response:
    """See other, with a one-time message shown at the top of that page."""
    return flash.flash(see_other(url), message)


def case_href(reference: str, anchor: str = "") -> str:
    return f"/staff/cases/{quote(reference)}{'#' + anchor if anchor else ''}"


def staff_page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    errors: FormErrors | None = None,
    status_code: int | None = None,
) -> Response:
    """A page in the staff area; a form with errors answers 400 unless told otherwise."""
    page = {"staff_area": True, "errors": errors, **context}
    return render(request, template, page, status_code=status_code or (400 if errors else 200))


def form_errors(problems: Sequence[tuple[str, str]]) -> FormErrors:
    """A service's (field, message) problems as the form shows them."""
    errors = FormErrors()
    for field, message in problems:
        errors.add(field, message)
    return errors


def error_page(
    request: Request,
    title: str,
    paragraphs: Sequence[str] = (),
    *,
    status_code: int,
    next_href: str | None = None,
    next_text: str = "Back to the case",
) -> Response:
    """The error page: what went wrong, and (when there is one) the way back."""
    context: dict[str, Any] = {"title": title, "paragraphs": list(paragraphs)}
    if next_href:
        context |= {"next_href": next_href, "next_text": next_text}
    return render(request, "errors/error.html", context, status_code=status_code)
