"""The public JSON API for concerns: submit, and track with the private code."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, Security

from app import clock
from app.concerns import service
from app.concerns.models import Source
from app.concerns.schemas import ConcernCreate, ConcernReceipt, ConcernStatusPublic
from app.db import SessionDep
from app.forum.to_concern import linked_concern
from app.web.api_docs import (
    INVALID,
    TRACKING_CODE,
    UNAVAILABLE,
    IdempotencyKey,
    creating_errors,
    error,
)
from app.web.auth import client_ip, public

router = APIRouter(prefix="/api/v1", tags=["concerns"], dependencies=[Depends(public)])

MAX_TRACKING_CODE = 100
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    **creating_errors("The Idempotency-Key was used before for a different concern"),
    **INVALID,
    **UNAVAILABLE,
}
TRACK_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: error("No tracking code: send it in the X-Tracking-Code header"),
    404: error("No concern matches this reference and tracking code"),
    429: error("Too many failed attempts; see Retry-After", retry=True),
    **INVALID,
    **UNAVAILABLE,
}


@router.post(
    "/concerns",
    status_code=201,
    response_model=ConcernReceipt,
    responses=ERROR_RESPONSES,
    summary="Raise a concern",
    openapi_extra={"security": []},  # anyone may raise one, without a token
)
def create_concern(
    data: ConcernCreate,
    session: SessionDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> ConcernReceipt:
    """Store a concern and return its reference and private tracking code (shown once)."""
    submission = service.submit_concern(
        session, data=data, source=Source.API, now=clock.now(), idempotency_key=idempotency_key
    )
    session.commit()
    if submission.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return submission.receipt


@router.get(
    "/concerns/{reference}",
    response_model=ConcernStatusPublic,
    responses=TRACK_RESPONSES,
    summary="Track a concern",
)
def get_concern(
    reference: str,
    request: Request,
    session: SessionDep,
    tracking_code: Annotated[str | None, Security(TRACKING_CODE)],
) -> ConcernStatusPublic:
    """The status and key dates of a concern; no personal data."""
    if not tracking_code or len(tracking_code) > MAX_TRACKING_CODE:
        raise HTTPException(401, "Send the tracking code in the X-Tracking-Code header")
    client = client_ip(request)
    try:
        return service.track_concern(
            session,
            reference=reference,
            tracking_code=tracking_code,
            client=client,
            now=clock.now(),
            follow=linked_concern,
        )
    finally:
        session.commit()  # failed attempts are counted even when the answer is an error
