"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy.orm import sessionmaker

from app.cli import upgrade_database
from app.config import ROOT
from app.db import get_session, make_engine
from app.main import create_app

CHROMIUM = os.environ.get("FV_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.db'}"
    upgrade_database(url)
    return url


@pytest.fixture(scope="session")
def live_server(live_database_url: str) -> Iterator[str]:
    """The app on a free port of 127.0.0.1, on its own SQLite file."""
    url = live_database_url
    engine = make_engine(url)
    factory = sessionmaker(bind=engine, expire_on_commit=False)

    def session_override() -> Iterator[object]:
        with factory() as session:
            yield session

    app = create_app()
    app.dependency_overrides[get_session] = session_override
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    # Start-up trains the risk and name models (a few seconds alone, far more on a busy
    # machine): wait for it rather than fail a browser test on a slow start.
    deadline = time.monotonic() + 400
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        message = (
            f"Chromium not found at {CHROMIUM}: apt-get install chromium to run the browser tests"
        )
        if os.environ.get("FV_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def javascript(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def page(javascript: bool, browser, live_server: str) -> Iterator[object]:
    """A fresh browser (its own cookies), with and without JavaScript."""
    context = browser.new_context(
        base_url=live_server,
        java_script_enabled=javascript,
        viewport={"width": 390, "height": 844},  # a phone: how most families will use it
    )
    context.route(
        "https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title>")
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, live_server: str) -> Iterator[object]:
    """A JavaScript page into which axe-core can be injected."""
    context = browser.new_context(base_url=live_server, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """WCAG 2.2 A and AA violations that axe-core finds on the page as it stands."""
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}
        })"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
