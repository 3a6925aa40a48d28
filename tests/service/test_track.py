"""Tracking: the right pair shows the status; anything else the same 'not found'; guessing is stopped."""

import pytest

from app.concerns import service
from app.concerns.models import Source
from app.errors import NotFound, TooManyAttempts
from tests.conftest import utc
from tests.factories import concern_create

NOW = utc(2026, 11, 23, 12, 0)


@pytest.fixture
def receipt(session):
    return service.submit_concern(
        session, data=concern_create(), source=Source.API, now=NOW
    ).receipt


def test_reference_and_code_show_the_status(session, receipt) -> None:
    status = service.track_concern(
        session,
        reference=receipt.reference,
        tracking_code=receipt.tracking_code,
        client="1.2.3.4",
        now=NOW,
    )
    assert status.reference == receipt.reference
    assert status.status == "received"
    assert status.respond_by == receipt.respond_by
    assert "jo@example.com" not in status.model_dump_json()


def test_codes_are_accepted_however_they_are_typed(session, receipt) -> None:
    sloppy = receipt.tracking_code.lower().replace("-", " ")
    reference = receipt.reference.lower().replace("-", "")
    status = service.track_concern(
        session, reference=reference, tracking_code=sloppy, client="c", now=NOW
    )
    assert status.reference == receipt.reference


def test_wrong_code_and_wrong_reference_get_the_same_answer(session, receipt) -> None:
    with pytest.raises(NotFound) as wrong_code:
        service.track_concern(
            session,
            reference=receipt.reference,
            tracking_code="AAAA-BBBB-CCCC",
            client="c",
            now=NOW,
        )
    with pytest.raises(NotFound) as wrong_ref:
        service.track_concern(
            session,
            reference="FV-2026-999999",
            tracking_code=receipt.tracking_code,
            client="c",
            now=NOW,
        )
    assert wrong_code.value.message == wrong_ref.value.message


def test_repeated_guessing_is_refused_for_a_while(session, receipt) -> None:
    for _ in range(5):
        with pytest.raises(NotFound):
            service.track_concern(
                session,
                reference=receipt.reference,
                tracking_code="WRONG",
                client="guesser",
                now=NOW,
            )
    # Even the right code is refused while the client is blocked...
    with pytest.raises(TooManyAttempts) as blocked:
        service.track_concern(
            session,
            reference=receipt.reference,
            tracking_code=receipt.tracking_code,
            client="guesser",
            now=NOW,
        )
    assert 0 < blocked.value.retry_after_seconds <= 15 * 60
    # ...but not for another client, and not after the window has passed.
    service.track_concern(
        session,
        reference=receipt.reference,
        tracking_code=receipt.tracking_code,
        client="family",
        now=NOW,
    )
    service.track_concern(
        session,
        reference=receipt.reference,
        tracking_code=receipt.tracking_code,
        client="guesser",
        now=utc(2026, 11, 23, 12, 16),
    )


def test_nobody_can_lock_a_family_out_of_tracking(session, receipt) -> None:
    # References are sequential, so anyone can aim at one: failures from any number of
    # other clients must never stop the family's right code. The code's ~59 bits make
    # guessing hopeless; the limit per client is what slows a guesser down.
    for attacker in range(10):
        for _ in range(6):
            with pytest.raises((NotFound, TooManyAttempts)):
                service.track_concern(
                    session,
                    reference=receipt.reference,
                    tracking_code="AAAA-BBBB-CCCC",
                    client=f"attacker-{attacker}",
                    now=NOW,
                )
    status = service.track_concern(
        session,
        reference=receipt.reference,
        tracking_code=receipt.tracking_code,
        client="family",
        now=NOW,
    )
    assert status.reference == receipt.reference
