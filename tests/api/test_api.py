"""The JSON API: status codes, field errors, limits, idempotency and tracking."""

import json

from app.triage.case import Concern
from tests.factories import concern_fields


def post(client, body, **headers):
    return client.post("/api/v1/concerns", json=body, headers=headers)


def test_submit_answers_201_with_the_receipt(client, frozen) -> None:
    from tests.conftest import utc

    frozen.at(utc(2026, 12, 18, 9, 0))
    response = post(client, concern_fields())
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {
        "reference",
        "tracking_code",
        "status",
        "safeguarding",
        "acknowledge_by",
        "respond_by",
    }
    assert body["reference"] == "FV-2026-000001"
    assert body["acknowledge_by"] == "2026-12-23"
    assert body["respond_by"] == "2027-01-06"
    assert body["safeguarding"] is False


def test_missing_and_invalid_fields_answer_422_naming_each_field(client) -> None:
    response = post(client, {"role": "king", "contact_email": "nope", "anonymous": False})
    assert response.status_code == 422
    fields = {tuple(e["loc"])[-1] for e in response.json()["detail"]}
    assert {"role", "description", "contact_email"} <= fields
    assert "input" not in response.json()["detail"][0]  # nothing sent is echoed back


def test_malformed_json_is_a_422_not_a_crash(client) -> None:
    response = client.post(
        "/api/v1/concerns", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_non_utf8_body_answers_400(client, session) -> None:
    body = json.dumps(concern_fields()).encode().replace(b"Jo Example", b"J\xe9 Example")
    response = client.post(
        "/api/v1/concerns", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "UTF-8" in response.json()["detail"]
    assert session.query(Concern).count() == 0


def test_body_over_the_limit_answers_413(client, session) -> None:
    body = concern_fields(description="x" * 600_000)
    response = post(client, body)
    assert response.status_code == 413
    assert session.query(Concern).count() == 0


def test_description_over_10000_characters_is_a_field_error(client) -> None:
    response = post(client, concern_fields(description="é" * 10_001))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "description"


def test_idempotency_key_returns_the_first_result(client, session) -> None:
    first = post(client, concern_fields(), **{"Idempotency-Key": "retry-1"})
    second = post(client, concern_fields(), **{"Idempotency-Key": "retry-1"})
    assert first.status_code == 201 and second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert session.query(Concern).count() == 1
    conflict = post(client, concern_fields(description="other"), **{"Idempotency-Key": "retry-1"})
    assert conflict.status_code == 409


def test_tracking_shows_status_without_personal_data(client) -> None:
    receipt = post(client, concern_fields()).json()
    response = client.get(
        f"/api/v1/concerns/{receipt['reference']}",
        headers={"X-Tracking-Code": receipt["tracking_code"]},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == receipt["reference"]
    assert body["status"] == "received"
    assert body["respond_by"] == receipt["respond_by"]
    assert "jo@example.com" not in response.text and "Jo Example" not in response.text


def test_wrong_code_and_unknown_reference_look_the_same(client) -> None:
    receipt = post(client, concern_fields()).json()
    wrong_code = client.get(
        f"/api/v1/concerns/{receipt['reference']}", headers={"X-Tracking-Code": "AAAA"}
    )
    unknown = client.get(
        "/api/v1/concerns/FV-2026-999999", headers={"X-Tracking-Code": receipt["tracking_code"]}
    )
    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.json() == unknown.json()


def test_guessing_is_slowed_down_with_429(client) -> None:
    receipt = post(client, concern_fields()).json()
    url = f"/api/v1/concerns/{receipt['reference']}"
    statuses = [
        client.get(url, headers={"X-Tracking-Code": f"GUESS{n}"}).status_code for n in range(6)
    ]
    assert statuses == [404] * 5 + [429]
    blocked = client.get(url, headers={"X-Tracking-Code": receipt["tracking_code"]})
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0


def test_tracking_code_header_is_required(client) -> None:
    # The code is the operation's credential (security scheme trackingCode): without it, 401.
    missing = client.get("/api/v1/concerns/FV-2026-000001")
    assert missing.status_code == 401
    assert "X-Tracking-Code" in missing.json()["detail"]
    too_long = client.get("/api/v1/concerns/FV-2026-000001", headers={"X-Tracking-Code": "A" * 101})
    assert too_long.status_code == 401


def test_openapi_documents_both_endpoints(client) -> None:
    schema = client.get("/openapi.json").json()
    assert "post" in schema["paths"]["/api/v1/concerns"]
    assert "get" in schema["paths"]["/api/v1/concerns/{reference}"]
    assert set(schema["components"]["schemas"]["ConcernCreate"]["properties"]) >= {
        "role",
        "on_behalf_of_child",
        "description",
        "happened_on",
        "service_area",
        "desired_outcome",
        "contact_name",
        "contact_email",
        "contact_phone",
        "preferred_contact",
        "anonymous",
        "consent_to_share",
    }
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui" in docs.text


def test_security_headers_on_every_response(client) -> None:
    for path in ("/", "/api/v1/concerns/FV-2026-000001", "/no-such-page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_the_server_sweeps_while_it_runs(monkeypatch, session) -> None:
    import time

    from fastapi.testclient import TestClient

    import app.main as main
    from app import jobs
    from app.config import get_settings

    calls = []
    monkeypatch.setattr(get_settings(), "sweep_interval_minutes", 5)
    monkeypatch.setattr(jobs, "_sweep_once", lambda: calls.append(1))
    monkeypatch.setattr(jobs, "_forum_reminders_once", lambda: calls.append(2))
    monkeypatch.setattr(jobs, "_issues_overdue_once", lambda: calls.append(3))
    with TestClient(main.create_app()):
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            time.sleep(0.05)
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    # The sweep, the forum's reminders and unanswered issues, each once at start-up.
    assert sorted(calls) == [1, 2, 3]
