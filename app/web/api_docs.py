"""What the JSON API declares in its OpenAPI document beyond the routes themselves: how to
authenticate (the security schemes) and the body and headers of every error answer.

The declarations here describe what app/main.py's error handlers and app/staff/deps.py
actually do; tests/api/test_openapi.py and tests/api/test_schema_conformance.py hold them to it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header
from fastapi.security import APIKeyHeader, HTTPBearer
from pydantic import BaseModel

# Declared for the document; app/staff/deps.py reads and checks the token itself.
STAFF_TOKEN = HTTPBearer(
    scheme_name="staffToken",
    bearerFormat="fvp_...",
    description="A personal API token made on 'Your account': Authorization: Bearer fvp_...",
    auto_error=False,
)
TRACKING_CODE = APIKeyHeader(
    name="X-Tracking-Code",
    scheme_name="trackingCode",
    description="The private tracking code given when the concern was sent",
    auto_error=False,
)

# The header every creating call takes: a retried request gets the first answer, not a copy.
IdempotencyKey = Annotated[
    str | None,
    Header(
        max_length=200,
        description="Repeat a request with the same key to get the first answer back",
    ),
]

RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer"},
    }
}


class ErrorBody(BaseModel):
    """Every error answer but 422: what went wrong, in plain words."""

    detail: str


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorBody(BaseModel):
    """422: one entry per field that is missing or invalid (what was sent is not echoed)."""

    detail: list[FieldError]


def error(description: str, *, retry: bool = False) -> dict[str, Any]:
    """An error answer for `responses=`, with its JSON body and, if it has one, Retry-After."""
    declared: dict[str, Any] = {"model": ErrorBody, "description": description}
    if retry:
        declared["headers"] = RETRY_AFTER
    return declared


Responses = dict[int | str, dict[str, Any]]

INVALID: Responses = {
    422: {
        "model": ValidationErrorBody,
        "description": "A field is missing or invalid; each error names its field",
    }
}
UNAVAILABLE: Responses = {
    503: error("The database is unavailable for a moment; see Retry-After", retry=True)
}


def creating_errors(conflict: str) -> dict[int | str, dict[str, Any]]:
    """The error answers of a public call that creates something with an Idempotency-Key."""
    return {
        400: error("The body is not UTF-8 text"),
        409: error(conflict),
        413: error("The body is larger than allowed"),
    }
