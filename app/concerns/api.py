"""The public JSON API for concerns: submit, and track with the private code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response

from app import clock
from app.concerns import service
from app.concerns.models import Source
from app.concerns.schemas import ConcernCreate, ConcernReceipt, ConcernStatusPublic
from app.db import SessionDep
from app.staff.deps import client_ip, public

router = APIRouter(prefix="/api/v1", tags=["concerns"], dependencies=[Depends(public)])

ERROR_RESPONSES: dict[int | str, dict[str, str]] = {
    400: {"description": "The body is not UTF-8 text"},
    409: {"description": "The Idempotency-Key was used before for a different concern"},
    413: {"description": "The body is larger than allowed"},
    422: {"description": "A field is missing or invalid; each error names its field"},
}


@router.post(
    "/concerns",
    status_code=201,
    response_model=ConcernReceipt,
    responses=ERROR_RESPONSES,
    summary="Raise a concern",
)
def create_concern(
    data: ConcernCreate,
    session: SessionDep,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            max_length=200,
            description="Repeat a request with the same key to get the first answer back",
        ),
    ] = None,
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
    responses={
        404: {"description": "No concern matches this reference and tracking code"},
        429: {"description": "Too many failed attempts; see Retry-After"},
    },
    summary="Track a concern",
)
def get_concern(
    reference: str,
    request: Request,
    session: SessionDep,
    x_tracking_code: Annotated[str, Header(max_length=100)],
) -> ConcernStatusPublic:
    """The status and key dates of a concern; no personal data."""
    client = client_ip(request)
    try:
        return service.track_concern(
            session,
            reference=reference,
            tracking_code=x_tracking_code,
            client=client,
            now=clock.now(),
        )
    finally:
        session.commit()  # failed attempts are counted even when the answer is an error
