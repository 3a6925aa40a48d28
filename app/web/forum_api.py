"""The public JSON API for forum feedback: what POST /api/v1/concerns is for concerns."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.exceptions import RequestValidationError

from app import clock
from app.db import SessionDep
from app.forum import feedback
from app.forum.feedback_models import Channel
from app.forum.schemas import FeedbackCreate, FeedbackReceipt
from app.web.api_docs import INVALID, UNAVAILABLE, IdempotencyKey, creating_errors, error
from app.web.auth import client_ip, public

router = APIRouter(prefix="/api/v1", tags=["forum"], dependencies=[Depends(public)])

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    **creating_errors("The Idempotency-Key was used before for different feedback"),
    429: error("Too much feedback from this client in a short time; see Retry-After", retry=True),
    **INVALID,
    **UNAVAILABLE,
}


@router.post(
    "/feedback",
    status_code=201,
    response_model=FeedbackReceipt,
    responses=ERROR_RESPONSES,
    summary="Give feedback to the Listening to Families Forum",
    openapi_extra={"security": []},  # anyone may give it, without a token
)
def create_feedback(
    data: FeedbackCreate,
    request: Request,
    session: SessionDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> FeedbackReceipt:
    """Store feedback, screened for risk as a concern is, and return its reference and
    whether it went to the safeguarding team (then show the urgent help numbers at once)."""
    try:
        submission = feedback.give_feedback(
            session,
            data,
            channel=Channel.API,
            now=clock.now(),
            client=client_ip(request),
            idempotency_key=idempotency_key,
        )
    except feedback.UnknownSession as exc:
        # A field error like any other: 422 naming the field, as the body's own checks give.
        loc = ("body", "session_id")
        raise RequestValidationError(
            [{"loc": loc, "msg": exc.message, "type": "unknown"}]
        ) from None
    session.commit()
    if submission.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return submission.receipt
