"""The client address that throttles and the audit trail see: forwarded headers only
count from the proxies named in FV_TRUSTED_PROXIES."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.config import get_settings
from tests.api.pages import csrf

PROXY = ("10.0.0.5", 40000)


@pytest.fixture
def trusted_proxy(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("FV_TRUSTED_PROXIES", "10.0.0.5")
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("FV_TRUSTED_PROXIES")
    get_settings.cache_clear()


def failed_sign_in(client: TestClient, email: str, forwarded_for: str):
    page = client.get("/staff/sign-in")
    return client.post(
        "/staff/sign-in",
        data={"csrf_token": csrf(page), "email": email, "password": "wrong", "next": "/staff"},
        headers={"X-Forwarded-For": forwarded_for},
    )


def audited_ips(session) -> list[str | None]:
    return list(session.scalars(select(AuditEvent.ip).order_by(AuditEvent.seq)))


def test_without_trusted_proxies_the_audit_records_the_peer_not_the_claim(app, session) -> None:
    with TestClient(app, follow_redirects=False, client=("127.0.0.1", 5000)) as local:
        failed_sign_in(local, "a@council.example", "6.6.6.6")
    assert audited_ips(session) == ["127.0.0.1"]


def test_behind_a_trusted_proxy_the_audit_records_the_address_it_saw(
    trusted_proxy, app, session
) -> None:
    with TestClient(app, follow_redirects=False, client=PROXY) as proxied:
        failed_sign_in(proxied, "a@council.example", "6.6.6.6, 198.51.100.7")
    assert audited_ips(session) == ["198.51.100.7"]


def test_rotating_x_forwarded_for_does_not_reset_the_per_client_limit(
    trusted_proxy, app, session
) -> None:
    with TestClient(app, follow_redirects=False, client=PROXY) as proxied:
        # 50 failures (the per-client limit), each claiming a new address, each for a
        # new email so that no per-account lock is reached.
        for i in range(50):
            response = failed_sign_in(proxied, f"u{i}@council.example", f"6.6.{i}.1, 198.51.100.7")
            assert response.status_code == 400
        blocked = failed_sign_in(proxied, "fresh@council.example", "7.7.7.7, 198.51.100.7")
        assert blocked.status_code == 429
        # Another client behind the same proxy is not blocked.
        other = failed_sign_in(proxied, "fresh@council.example", "198.51.100.99")
        assert other.status_code == 400


def test_tracking_counts_the_client_not_the_address_it_claims(app) -> None:
    with TestClient(app, follow_redirects=False, client=("127.0.0.1", 5000)) as local:
        page = local.get("/track")
        statuses = [
            local.post(
                "/track",
                data={
                    "csrf_token": csrf(page),
                    "reference": f"FV-2026-{i:06d}",
                    "tracking_code": "AAAA-BBBB-CCCC",
                },
                headers={"X-Forwarded-For": f"6.6.6.{i}"},
            ).status_code
            for i in range(1, 7)
        ]
    assert statuses == [404] * 5 + [429]
