"""`familyvoice serve` leaves the client address to app.proxies: uvicorn must not rewrite
it from X-Forwarded-For (by default it trusts 127.0.0.1, so anything local could)."""

from typing import Any

import uvicorn
from typer.testing import CliRunner

from app.cli import cli


def test_serve_does_not_let_uvicorn_trust_forwarded_headers(monkeypatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    result = CliRunner().invoke(cli, ["serve", "--no-migrate", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls and calls[0]["proxy_headers"] is False
    assert calls[0]["port"] == 8123
