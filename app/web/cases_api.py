"""The staff JSON API: personal API tokens, the same access rules as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Security
from pydantic import BaseModel, WithJsonSchema

from app import clock
from app.db import SessionDep
from app.forms import MAX_ID
from app.triage import service
from app.triage.case import Concern
from app.web.api_docs import INVALID, STAFF_TOKEN, UNAVAILABLE, error
from app.web.auth import CaseReaderDep, Principal, signed_in

# The token scheme is declared on every operation; require_role is what checks it.
router = APIRouter(prefix="/api/v1/staff", tags=["staff"], dependencies=[Security(STAFF_TOKEN)])

UNAUTHORISED: dict[int | str, dict[str, Any]] = {
    401: error("No valid API token (send Authorization: Bearer fvp_...)"),
    403: error("Your roles do not allow this"),
    **UNAVAILABLE,
}
# An integer, or left out: declared as such (FastAPI would declare "integer or null").
BeforeId = Annotated[
    int | None, Query(ge=1, le=MAX_ID), WithJsonSchema({"type": "integer", "minimum": 1})
]


class Me(BaseModel):
    email: str
    display_name: str
    roles: list[str]
    team: str | None


class CaseSummary(BaseModel):
    reference: str
    state: str
    route: str | None
    stage: int
    priority: str
    next_due_at: datetime | None
    safeguarding: bool
    received_at: datetime
    acknowledge_by: date
    respond_by: date


class CaseDetail(CaseSummary):
    role: str
    on_behalf_of_child: bool
    description: str
    happened_on: str | None
    service_area: str | None
    desired_outcome: str | None
    anonymous: bool
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    contact_address: str | None
    preferred_contact: str
    consent_to_share: bool
    risk_signals: list[str]
    attachments: list[str]


@router.get("/me", response_model=Me, responses=UNAUTHORISED)
def me(principal: Principal = Depends(signed_in)) -> Me:
    """Who this token belongs to."""
    user = principal.user
    return Me(
        email=user.email,
        display_name=user.display_name,
        roles=sorted(user.roles),
        team=user.team.name if user.team else None,
    )


def _summary(c: Concern) -> dict[str, object]:
    return {
        "reference": c.reference,
        "state": c.state,
        "route": c.route,
        "stage": c.stage,
        "priority": c.priority,
        "next_due_at": c.next_due_at,
        "safeguarding": c.safeguarding,
        "received_at": c.item.received_at,
        "acknowledge_by": c.acknowledge_due_on,
        "respond_by": c.response_due_on,
    }


@router.get("/cases", response_model=list[CaseSummary], responses={**UNAUTHORISED, **INVALID})
def cases(
    session: SessionDep, principal: CaseReaderDep, before_id: BeforeId = None
) -> list[CaseSummary]:
    """The cases this user may see, newest first, 50 at a time."""
    return [
        CaseSummary.model_validate(_summary(c))
        for c in service.list_cases(session, principal.user, before_id=before_id)
    ]


@router.get(
    "/cases/{reference}",
    response_model=CaseDetail,
    responses={**UNAUTHORISED, **INVALID, 404: error("No such case, or not one you can see")},
)
def case(
    reference: str, request: Request, session: SessionDep, principal: CaseReaderDep
) -> CaseDetail:
    """One case with its personal data; the look is audited."""
    concern = service.view_case(session, principal.actor, reference, now=clock.now())
    session.commit()
    # What the family gave, then the case's own fields over it.
    item = concern.item
    fields = {name: getattr(item, name) for name in CaseDetail.model_fields if hasattr(item, name)}
    fields.update(_summary(concern))
    fields["attachments"] = [a.filename for a in concern.attachments]
    return CaseDetail.model_validate(fields)
