"""When the database cannot be reached: 503 with Retry-After, never a 500, and a page in plain
words that still says to call 999. Error answers carry the same security headers as the rest."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import sessionmaker

from app.db import get_session, make_engine
from app.main import create_app
from app.web.security import signer
from tests.api.pages import csrf, h1, soup
from tests.factories import concern_fields

SECURITY_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
    "permissions-policy",
    "cross-origin-opener-policy",
    "cache-control",
)
SECRET_NAME = "Philomena Unreachable-Testcase"
SECRET_EMAIL = "philomena.private@example.org"
SECRET_TEXT = "Distinctive-words-about-my-son-while-the-database-is-down"


def _closed_port() -> int:
    """A local port nothing listens on: connections to it are refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _app_on(url: str) -> FastAPI:
    """The app, with every request's session on the database at url."""
    engine = make_engine(url)
    factory = sessionmaker(bind=engine, expire_on_commit=False)

    def session() -> Iterator[object]:
        with factory() as db:
            yield db

    app = create_app()
    app.dependency_overrides[get_session] = session
    return app


@pytest.fixture(params=["postgresql-refused", "sqlite-unopenable"])
def down_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    if request.param == "postgresql-refused":
        url = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/fv?connect_timeout=2"
    else:
        url = f"sqlite:///{tmp_path}"  # a directory: SQLite cannot open it as a database file
    # raise_server_exceptions=False: a 500 is an answer to look at here, not an error to raise.
    with TestClient(_app_on(url), follow_redirects=False, raise_server_exceptions=False) as client:
        yield client


def _assert_unavailable(response, *, api: bool) -> None:
    assert response.status_code == 503, (response.request.url, response.text[:300])
    assert int(response.headers["Retry-After"]) > 0
    for header in SECURITY_HEADERS:
        assert header in response.headers, header
    if api:
        assert response.headers["content-type"].startswith("application/json")
        assert "try again" in response.json()["detail"].lower()
    else:
        page = soup(response)
        assert h1(response) == "Sorry, the service is unavailable"
        text = page.get_text(" ", strip=True)
        assert "999" in text and "child is in danger" in text
        assert "try again" in text.lower()


def test_public_pages_answer_503_with_retry_after_never_500(down_client) -> None:
    # Pages that need no database still work; none of them may fail with a 500.
    for path in ("/", "/get-help-now", "/concern/who", "/track", "/privacy", "/staff/sign-in"):
        response = down_client.get(path)
        assert response.status_code in (200, 503), (path, response.status_code)
        if response.status_code == 503:
            _assert_unavailable(response, api=False)
    # The start page and "Get help now" (the numbers to call) need no database at all.
    assert down_client.get("/").status_code == 200
    assert "999" in soup(down_client.get("/get-help-now")).get_text()
    page = down_client.get("/track")
    tracked = down_client.post(
        "/track",
        data={"csrf_token": csrf(page), "reference": "FV-2026-000001", "tracking_code": "ABCD"},
    )
    _assert_unavailable(tracked, api=False)
    started = down_client.post(
        "/concern/who",
        data={"csrf_token": csrf(page), "role": "parent-carer", "on_behalf_of_child": "yes"},
    )
    _assert_unavailable(started, api=False)


def test_staff_pages_answer_503_with_retry_after(down_client) -> None:
    down_client.cookies.set("fv_staff", signer("fv_staff").dumps("a-session-token"))
    _assert_unavailable(down_client.get("/staff/cases"), api=False)
    page = down_client.get("/staff/sign-in")
    signed_in = down_client.post(
        "/staff/sign-in",
        data={
            "csrf_token": csrf(page),
            "email": "someone@council.example",
            "password": "orbit lantern gravel meadow",
            "next": "/staff",
        },
    )
    _assert_unavailable(signed_in, api=False)


def test_the_api_answers_503_json_with_retry_after(down_client) -> None:
    _assert_unavailable(down_client.post("/api/v1/concerns", json=concern_fields()), api=True)
    _assert_unavailable(
        down_client.get("/api/v1/concerns/FV-2026-000001", headers={"X-Tracking-Code": "ABCD"}),
        api=True,
    )
    bearer = {"Authorization": "Bearer fvp_not-a-real-token"}
    _assert_unavailable(down_client.get("/api/v1/staff/me", headers=bearer), api=True)
    _assert_unavailable(down_client.get("/api/v1/staff/cases", headers=bearer), api=True)


def test_readyz_is_503_while_the_database_is_down_and_healthz_stays_up(down_client) -> None:
    ready = down_client.get("/readyz")
    assert ready.status_code == 503
    assert int(ready.headers["Retry-After"]) > 0
    assert ready.json()["status"] == "unavailable"
    assert down_client.get("/healthz").status_code == 200


def test_nothing_personal_or_sql_reaches_the_logs_when_the_database_fails(
    tmp_path: Path, capsys, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    personal = concern_fields(
        contact_name=SECRET_NAME, contact_email=SECRET_EMAIL, description=SECRET_TEXT
    )
    # Refused at connect, unopenable, and a file with no tables: the statement itself fails
    # there, and the driver's message would carry the SQL and its parameters.
    urls = [
        f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/fv?connect_timeout=2",
        f"sqlite:///{tmp_path}",
        f"sqlite:///{tmp_path / 'empty.db'}",
    ]
    for url in urls:
        with TestClient(_app_on(url), raise_server_exceptions=False) as client:
            assert client.post("/api/v1/concerns", json=personal).status_code == 503
            page = client.get("/concern/who")
            client.post(
                "/track",
                data={
                    "csrf_token": csrf(page),
                    "reference": "FV-2026-000001",
                    "tracking_code": "ZZ",
                },
            )
    captured = capsys.readouterr()
    handler = logging.Handler()
    records = "\n".join(
        f"{r.getMessage()} {handler.format(r)}" if r.exc_info else r.getMessage()
        for r in caplog.records
        if not r.name.startswith("httpx")
    )
    logs = captured.out + captured.err + records
    assert '"event": "database_unavailable"' in logs  # the failure itself is logged, by name
    for secret in (SECRET_NAME, SECRET_EMAIL, SECRET_TEXT, "[parameters", "[SQL"):
        assert secret not in logs, secret


def test_an_unexpected_error_is_a_500_page_with_the_security_headers(app) -> None:
    @app.get("/boom-for-test")
    def boom() -> None:
        raise RuntimeError("something broke")

    @app.get("/api/v1/boom-for-test")
    def api_boom() -> None:
        raise RuntimeError("something broke")

    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/boom-for-test")
        api = client.get("/api/v1/boom-for-test")
    assert page.status_code == 500 and api.status_code == 500
    assert h1(page) == "Sorry, there is a problem with the service"
    assert "999" in soup(page).get_text()
    assert api.json() == {"detail": "Sorry, there is a problem with the service"}
    for response in (page, api):
        for header in SECURITY_HEADERS:
            assert header in response.headers, header
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_readyz_is_200_when_the_database_is_reachable_and_at_head(client) -> None:
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok"}


def _upgrade_to(url: str, revision: str) -> None:
    from alembic import command

    from app.cli import alembic_config

    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_readyz_is_503_while_migrations_are_behind_head(fresh_database_url: str) -> None:
    # Nothing applied yet (a new, empty database), then one revision short of head.
    for revision in (None, "0009"):
        if revision:
            _upgrade_to(fresh_database_url, revision)
        with TestClient(_app_on(fresh_database_url)) as client:
            ready = client.get("/readyz")
            assert ready.status_code == 503, revision
            assert ready.json()["status"] == "migrations-pending"
            assert int(ready.headers["Retry-After"]) > 0
    _upgrade_to(fresh_database_url, "head")
    with TestClient(_app_on(fresh_database_url)) as client:
        assert client.get("/readyz").status_code == 200


def test_the_server_answers_while_the_text_engines_load_and_is_ready_once_they_are_in(
    app, monkeypatch
) -> None:
    """The default start-up: /healthz at once, /readyz 'warming' (503) until the engines are
    loaded, then 'ok' (so a proxy sends no family to an instance still loading)."""
    import threading
    import time

    from fastapi.testclient import TestClient

    from app import main
    from app.config import get_settings

    release = threading.Event()
    monkeypatch.setattr(main, "_warm_text_engines", lambda: release.wait(30))
    monkeypatch.setattr(get_settings(), "warm_before_serving", False)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        warming = client.get("/readyz")
        assert warming.status_code == 503
        assert warming.json() == {"status": "warming"}
        assert warming.headers["Retry-After"] == "5"
        release.set()
        for _ in range(200):
            ready = client.get("/readyz")
            if ready.status_code == 200:
                break
            time.sleep(0.05)
        assert ready.status_code == 200
        assert ready.json() == {"status": "ok"}
