"""POST /api/v1/feedback: the concern API's answers, for feedback."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.items.models import FamilyItem
from tests.conftest import utc
from tests.forum.helpers import forum_session

NOW = utc(2026, 11, 2, 10, 0)


def fields(**overrides):
    return {"role": "young-person", "feedback": "The meeting was good.", **overrides}


def post(client, body, **headers):
    return client.post("/api/v1/feedback", json=body, headers=headers)


def _items(session) -> int:
    return session.scalar(select(func.count()).select_from(FamilyItem)) or 0


@pytest.fixture(autouse=True)
def _now(frozen):
    frozen.at(NOW)


def test_feedback_answers_201_with_reference_and_safeguarding_only(client, session) -> None:
    response = post(client, fields(contact_email="sam@example.com", consent_to_share=True))
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"reference", "safeguarding", "tracking_code"}
    assert (body["reference"], body["safeguarding"]) == ("FV-2026-000001", False)
    item = session.scalars(select(FamilyItem)).one()
    assert (item.kind, item.contact_email, item.consent_to_share) == (
        "forum-feedback",
        "sam@example.com",
        True,
    )


def test_words_suggesting_risk_answer_safeguarding_true(client) -> None:
    response = post(client, fields(feedback="my stepdad hits me and my little sister every night"))
    assert response.status_code == 201 and response.json()["safeguarding"] is True


def test_a_retried_call_with_the_same_key_makes_one_item(client, session) -> None:
    first = post(client, fields(), **{"Idempotency-Key": "retry-1"})
    second = post(client, fields(), **{"Idempotency-Key": "retry-1"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    conflict = post(client, fields(feedback="other"), **{"Idempotency-Key": "retry-1"})
    assert conflict.status_code == 409
    assert set(conflict.json()) == {"detail"} and "different feedback" in conflict.json()["detail"]
    assert _items(session) == 1


def test_a_session_that_has_begun_is_kept_and_any_other_is_a_field_error(client, session) -> None:
    past = forum_session(session, "October", NOW - timedelta(days=3))
    future = forum_session(session, "December", NOW + timedelta(days=3))
    assert post(client, fields(session_id=past.id)).status_code == 201
    for bad in (future.id, 999_999, 0, -1, 2**31, 10**30, "abc", 1.5, [1], {"id": 1}):
        response = post(client, fields(session_id=bad))
        assert response.status_code == 422, bad
        assert [e["loc"] for e in response.json()["detail"]] == [["body", "session_id"]], bad
    assert _items(session) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "young-person"}, "feedback"),
        (fields(feedback=""), "feedback"),
        (fields(feedback="   \n "), "feedback"),
        (fields(feedback="x" * 10_001), "feedback"),
        (fields(feedback="x" * 100_000), "feedback"),
        (fields(feedback="bad \x00 nul"), "feedback"),
        (fields(feedback="escape \x1b[31m red"), "feedback"),
        (fields(feedback="c1 \x9f here"), "feedback"),
        (fields(feedback=12345), "feedback"),
        (fields(feedback=["a", "list"]), "feedback"),
        (fields(feedback=None), "feedback"),
        (fields(role="king"), "role"),
        (fields(role=7), "role"),
        (fields(anonymous="perhaps"), "anonymous"),
        (fields(consent_to_share={"yes": True}), "consent_to_share"),
        (fields(contact_email="not-an-email"), "contact_email"),
        (fields(contact_phone="12"), "contact_phone"),
        (fields(contact_phone="9" * 10_000), "contact_phone"),
        (fields(contact_name="n" * 201), "contact_name"),
        (fields(contact_name="tab\x07bell"), "contact_name"),
        (fields(colour="blue"), "colour"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_hostile_and_wrong_bodies_answer_422_naming_the_field(client, session, body, field) -> None:
    response = post(client, body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert field in {e["loc"][-1] for e in detail}
    assert all(set(e) == {"loc", "msg", "type"} for e in detail)  # nothing sent echoed back
    assert _items(session) == 0


def test_anonymous_feedback_with_contact_details_is_refused(client) -> None:
    response = post(client, fields(anonymous=True, contact_email="a@example.com"))
    assert response.status_code == 422
    assert "Anonymous feedback cannot have contact details" in response.text


def test_bodies_that_are_not_json_objects_are_422_and_huge_ones_413(client, session) -> None:
    for raw in (b"{not json", b"[]", b'"text"', b"null", b"1e999999"):
        response = client.post(
            "/api/v1/feedback", content=raw, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422, raw
    assert post(client, fields(feedback="x" * 600_000)).status_code == 413
    not_utf8 = b'{"role": "other", "feedback": "caf\xe9"}'
    response = client.post(
        "/api/v1/feedback", content=not_utf8, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert _items(session) == 0


def test_markup_and_emoji_are_kept_as_typed(client, session) -> None:
    typed = "<script>alert('x')</script>\n\tthanks 👍"
    assert post(client, fields(feedback=typed)).status_code == 201
    assert session.scalars(select(FamilyItem.description)).one() == typed


def test_too_much_from_one_client_answers_429_with_retry_after(client, monkeypatch) -> None:
    from app.config import get_settings

    monkeypatch.setattr(get_settings(), "feedback_per_client", 2)
    assert [post(client, fields(feedback=f"n{i}")).status_code for i in range(3)] == [
        201,
        201,
        429,
    ]
    refused = post(client, fields(feedback="again"))
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert set(refused.json()) == {"detail"}


def test_the_operation_is_documented(client) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/v1/feedback"]["post"]
    assert operation["security"] == []
    assert "idempotency-key" in [p["name"].lower() for p in operation["parameters"]]
    created = operation["responses"]["201"]["content"]["application/json"]["schema"]
    assert created["$ref"].endswith("/FeedbackReceipt")
    body = spec["components"]["schemas"]["FeedbackCreate"]["properties"]
    assert (body["feedback"]["minLength"], body["feedback"]["maxLength"]) == (1, 10_000)
    assert body["session_id"]["anyOf"][0]["maximum"] == 2**31 - 1
