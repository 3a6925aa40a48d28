"""Staff pages for cases: the list a user may see, the case page, file downloads."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from app import clock
from app.concerns.schemas import CONTACT_LABELS, ROLE_LABELS
from app.db import SessionDep
from app.security import verify_csrf
from app.staff.deps import Principal, require_role
from app.staff.models import Role
from app.templating import render
from app.triage import service

router = APIRouter(
    prefix="/staff/cases", dependencies=[Depends(verify_csrf)], include_in_schema=False
)

CASE_READER = Depends(require_role(Role.TRIAGE, Role.CASEWORKER, Role.MANAGER))


@router.get("")
def case_list(
    request: Request, session: SessionDep, principal: Principal = CASE_READER
) -> Response:
    before = request.query_params.get("before", "")
    cases = list(
        service.list_cases(
            session, principal.user, before_id=int(before) if before.isdigit() else None, limit=51
        )
    )
    more = len(cases) > 50
    cases = cases[:50]
    return render(
        request,
        "triage/cases.html",
        {
            "staff_area": True,
            "cases": cases,
            "next_before": cases[-1].id if more and cases else None,
        },
    )


@router.get("/{reference}")
def case_page(
    reference: str, request: Request, session: SessionDep, principal: Principal = CASE_READER
) -> Response:
    concern = service.view_case(session, principal.actor, reference, now=clock.now())
    viewers = service.case_access_log(session, concern.reference)
    session.commit()  # the view is on the audit trail before the page is shown
    return render(
        request,
        "triage/case.html",
        {
            "staff_area": True,
            "concern": concern,
            "viewers": viewers,
            "role_labels": ROLE_LABELS,
            "contact_labels": CONTACT_LABELS,
        },
    )


@router.get("/{reference}/files/{attachment_id}")
def download(
    reference: str, attachment_id: int, session: SessionDep, principal: Principal = CASE_READER
) -> Response:
    attachment = service.download_attachment(
        session, principal.actor, reference, attachment_id, now=clock.now()
    )
    session.commit()
    # Always a download, never shown inline: a family's file is not trusted as a page.
    return Response(
        attachment.content,
        media_type=attachment.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{_ascii(attachment.filename)}"; '
            f"filename*=UTF-8''{_quote(attachment.filename)}",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _ascii(name: str) -> str:
    return "".join(
        ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in name
    )


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
