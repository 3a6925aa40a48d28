"""Submitting a concern: stored whole or not at all, with its reference, dates and risk flag."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.concerns import service
from app.concerns.files import CheckedFile
from app.concerns.models import ReferenceCounter, Source
from app.errors import Conflict
from app.items.models import FamilyItem
from app.triage.case import Concern, ConcernAttachment
from tests.conftest import utc
from tests.factories import PDF, concern_create

NOW = utc(2026, 12, 18, 10, 0)  # Friday 18 December 2026, the RULES.md example


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_a_concern_gets_a_reference_a_code_and_its_due_dates(session) -> None:
    submission = service.submit_concern(session, data=concern_create(), source=Source.API, now=NOW)
    receipt = submission.receipt
    assert receipt.reference == "FV-2026-000001"
    assert len(receipt.tracking_code) == 14 and receipt.tracking_code.count("-") == 2
    assert receipt.acknowledge_by == date(2026, 12, 23)
    assert receipt.respond_by == date(2027, 1, 6)
    assert receipt.status == "received" and receipt.safeguarding is False
    concern = session.scalars(select(Concern)).one()
    assert concern.tracking_code_hash != receipt.tracking_code  # only the hash is kept
    assert concern.item.received_at == NOW


def test_references_run_on_and_restart_each_year(session) -> None:
    refs = [
        service.submit_concern(
            session, data=concern_create(), source=Source.API, now=now
        ).receipt.reference
        for now in (NOW, NOW, utc(2027, 1, 4, 9), utc(2027, 1, 4, 10))
    ]
    assert refs == ["FV-2026-000001", "FV-2026-000002", "FV-2027-000001", "FV-2027-000002"]


def test_the_reference_year_is_the_london_year(session) -> None:
    # 00:30 on 1 January in London is still 31 December in UTC... and vice versa in summer.
    receipt = service.submit_concern(
        session, data=concern_create(), source=Source.API, now=utc(2026, 12, 31, 23, 59)
    ).receipt
    assert receipt.reference.startswith("FV-2026-")


def test_free_text_is_stored_exactly_as_typed(session) -> None:
    typed = "<script>alert(1)</script>\r\n  two spaces  \u00a0 and emoji 👍"
    service.submit_concern(
        session, data=concern_create(description=typed), source=Source.API, now=NOW
    )
    assert session.scalars(select(FamilyItem.description)).one() == typed


def test_risk_in_the_text_marks_the_concern_for_safeguarding(session) -> None:
    receipt = service.submit_concern(
        session,
        data=concern_create(description="My partner hits the children and I am scared tonight"),
        source=Source.WEB,
        now=NOW,
    ).receipt
    assert receipt.safeguarding is True
    concern = session.scalars(select(Concern)).one()
    assert concern.safeguarding and "violence" in concern.item.risk_signals


def test_attachments_are_stored_with_the_concern(session) -> None:
    files = [CheckedFile("letter.pdf", "application/pdf", PDF)]
    service.submit_concern(
        session, data=concern_create(), source=Source.WEB, now=NOW, attachments=files
    )
    attachment = session.scalars(select(ConcernAttachment)).one()
    assert attachment.content == PDF
    assert attachment.size_bytes == len(PDF)
    assert attachment.concern.reference == "FV-2026-000001"


def test_a_failure_part_way_keeps_nothing_and_gives_the_number_back(session) -> None:
    bad = [CheckedFile("a.pdf", "application/pdf", PDF), CheckedFile(None, "application/pdf", PDF)]  # type: ignore[arg-type]
    with pytest.raises(IntegrityError):
        service.submit_concern(
            session, data=concern_create(), source=Source.WEB, now=NOW, attachments=bad
        )
    assert count(session, Concern) == 0
    assert count(session, ConcernAttachment) == 0
    assert session.scalar(select(func.coalesce(func.max(ReferenceCounter.last_value), 0))) == 0
    # The next good submission takes the first number.
    receipt = service.submit_concern(
        session, data=concern_create(), source=Source.WEB, now=NOW
    ).receipt
    assert receipt.reference == "FV-2026-000001"


def test_the_same_idempotency_key_returns_the_first_answer(session) -> None:
    first = service.submit_concern(
        session, data=concern_create(), source=Source.API, now=NOW, idempotency_key="abc"
    )
    again = service.submit_concern(
        session, data=concern_create(), source=Source.API, now=NOW, idempotency_key="abc"
    )
    assert not first.replayed and again.replayed
    assert again.receipt == first.receipt
    assert count(session, Concern) == 1


def test_a_reused_key_with_a_different_concern_is_a_conflict(session) -> None:
    service.submit_concern(
        session, data=concern_create(), source=Source.API, now=NOW, idempotency_key="k"
    )
    with pytest.raises(Conflict, match="different concern"):
        service.submit_concern(
            session,
            data=concern_create(description="Something else"),
            source=Source.API,
            now=NOW,
            idempotency_key="k",
        )
    assert count(session, Concern) == 1


def test_an_expired_key_can_be_used_again(session) -> None:
    service.submit_concern(
        session, data=concern_create(), source=Source.API, now=NOW, idempotency_key="k"
    )
    later = utc(2026, 12, 20, 10, 0)
    second = service.submit_concern(
        session, data=concern_create(), source=Source.API, now=later, idempotency_key="k"
    )
    assert not second.replayed
    assert count(session, Concern) == 2
