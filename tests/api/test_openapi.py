"""The OpenAPI document tells the truth: how to authenticate, what each field accepts, and
every answer an operation can give."""

from __future__ import annotations

import pytest

from app.concerns.schemas import MAX_DESCRIPTION

STAFF_OPERATIONS = [
    ("get", "/api/v1/staff/me"),
    ("get", "/api/v1/staff/cases"),
    ("get", "/api/v1/staff/cases/{reference}"),
]
ALL_OPERATIONS = [
    ("post", "/api/v1/concerns"),
    ("get", "/api/v1/concerns/{reference}"),
    ("post", "/api/v1/feedback"),
    *STAFF_OPERATIONS,
]


@pytest.fixture
def spec(client) -> dict:
    return client.get("/openapi.json").json()


def _resolve(spec: dict, schema: dict) -> dict:
    ref = schema.get("$ref")
    return spec["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def test_security_schemes_are_declared_and_each_operation_names_its_own(spec) -> None:
    schemes = spec["components"]["securitySchemes"]
    assert schemes["staffToken"]["type"] == "http"
    assert schemes["staffToken"]["scheme"].lower() == "bearer"
    tracking = schemes["trackingCode"]
    assert (tracking["type"], tracking["in"], tracking["name"]) == (
        "apiKey",
        "header",
        "X-Tracking-Code",
    )
    for method, path in STAFF_OPERATIONS:
        assert spec["paths"][path][method]["security"] == [{"staffToken": []}], path
    track = spec["paths"]["/api/v1/concerns/{reference}"]["get"]
    assert track["security"] == [{"trackingCode": []}]
    # The tracking code is sent once, as the security scheme, not also as a plain parameter.
    assert "x-tracking-code" not in [p["name"].lower() for p in track.get("parameters", [])]
    assert spec["paths"]["/api/v1/concerns"]["post"]["security"] == []  # anyone may send one
    assert spec["paths"]["/api/v1/feedback"]["post"]["security"] == []


def test_the_concern_text_is_declared_non_empty_and_bounded(spec) -> None:
    description = spec["components"]["schemas"]["ConcernCreate"]["properties"]["description"]
    assert description["type"] == "string"
    assert description["minLength"] == 1
    assert description["maxLength"] == MAX_DESCRIPTION


def test_before_id_is_an_integer(spec) -> None:
    (parameter,) = [
        p
        for p in spec["paths"]["/api/v1/staff/cases"]["get"]["parameters"]
        if p["name"] == "before_id"
    ]
    assert parameter["in"] == "query" and not parameter.get("required", False)
    assert parameter["schema"]["type"] == "integer"


@pytest.mark.parametrize(("method", "path"), ALL_OPERATIONS)
def test_every_error_answer_is_declared_with_its_json_body(spec, method, path) -> None:
    responses = spec["paths"][path][method]["responses"]
    assert "503" in responses, "the database can always be down"
    assert "Retry-After" in responses["503"]["headers"]
    for status, response in responses.items():
        if int(status) < 400:
            continue
        body = _resolve(spec, response["content"]["application/json"]["schema"])
        assert "detail" in body["required"], (status, body)
    expected = {"401", "403"} if path.startswith("/api/v1/staff/") else set()
    if path == "/api/v1/concerns":
        expected |= {"400", "409", "413", "422"}
    if path == "/api/v1/feedback":
        expected |= {"400", "409", "413", "422", "429"}
        assert "Retry-After" in responses["429"]["headers"]
    if path == "/api/v1/concerns/{reference}":
        expected |= {"401", "404", "422", "429"}
        assert "Retry-After" in responses["429"]["headers"]
    if path == "/api/v1/staff/cases/{reference}":
        expected |= {"404"}
    if path == "/api/v1/staff/cases":
        expected |= {"422"}
    assert expected <= set(responses), expected - set(responses)


def test_unsupported_methods_answer_405_with_allow(client) -> None:
    api = client.put("/api/v1/concerns", json={})
    assert api.status_code == 405
    assert api.headers["Allow"] == "POST"
    assert api.headers["content-type"].startswith("application/json")
    # A page served by two routes (GET and POST): Allow names both.
    page = client.delete("/staff/sign-in")
    assert page.status_code == 405
    assert set(page.headers["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert client.patch("/track").headers["Allow"]
