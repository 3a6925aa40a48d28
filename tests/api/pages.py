"""Helpers for page tests: parse HTML and read it as a person would."""

from __future__ import annotations

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def as_read(page: BeautifulSoup) -> BeautifulSoup:
    """The page with <bdi> unwrapped, so get_text(" ") puts no space where one starts or ends:
    it is inline, and a person reads “Delays”, not “ Delays ”."""
    for isolated in page.select("bdi"):
        isolated.unwrap()
    page.smooth()
    return page


def h1(response) -> str:
    return as_read(soup(response)).h1.get_text(" ", strip=True)


def csrf(response) -> str:
    return soup(response).find("input", {"name": "csrf_token"})["value"]


def error_summary(response) -> list[tuple[str, str]]:
    summary = soup(response).select(".govuk-error-summary__list a")
    return [(a.get_text(strip=True), a["href"]) for a in summary]


def form_post(client, path: str, data: dict, *, page: str | None = None, files=None):
    """GET the page (for its CSRF token), then POST the form as a browser would."""
    token = csrf(client.get(page or path))
    return client.post(path, data={"csrf_token": token, **data}, files=files)


def set_cookie(client, name: str, value: str) -> None:
    """Replace a cookie as the server would have set it (the test client's host)."""
    client.cookies.delete(name)
    client.cookies.set(name, value, domain="testserver.local", path="/")
