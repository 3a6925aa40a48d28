"""A family's words leave the case record only as approved, redacted quotes with consent."""

from datetime import datetime

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.quotes import service as quotes
from app.staff.models import Role
from app.triage.case import Concern
from tests.factories import concern_create
from tests.staff import make_account

NOW = datetime(2026, 11, 2, 10, tzinfo=LONDON)


@pytest.fixture
def staff(session, frozen):
    frozen.at(NOW)
    return {
        "triage": Actor(
            make_account(session, "tess.triage@council.example", Role.TRIAGE).user, "ip"
        ),
        "manager": Actor(make_account(session, "mo@council.example", Role.MANAGER).user, "ip"),
        "manager2": Actor(make_account(session, "max@council.example", Role.MANAGER).user, "ip"),
    }


def submit(session, *, consent=True, description=None) -> Concern:
    receipt = concerns.submit_concern(
        session,
        data=concern_create(
            consent_to_share=consent,
            contact_name="Kayleigh Brennan",
            description=description
            or "I am Kayleigh Brennan. Tess Triage never rang me back on 07700 900123 "
            "and my son has had four social workers since March.",
        ),
        source=Source.WEB,
        now=NOW,
    ).receipt
    return session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()


def test_the_draft_is_redacted_with_the_family_and_staff_names(session, staff) -> None:
    concern = submit(session)
    text = quotes.draft(session, concern)
    for personal in ("Kayleigh", "Brennan", "Tess", "07700"):
        assert personal not in text
    assert "[NAME]" in text and "[PHONE]" in text
    assert "four social workers since March" in text


def test_without_consent_there_is_no_draft_either(session, staff) -> None:
    # The one consent check is the service's: the page asks for a draft and is refused.
    concern = submit(session, consent=False)
    with pytest.raises(quotes.NoConsent, match="did not agree"):
        quotes.draft(session, concern)


def test_a_quote_with_personal_data_left_in_is_refused_and_nothing_stored(session, staff) -> None:
    concern = submit(session)
    with pytest.raises(quotes.QuoteRefused, match="a name"):
        quotes.propose(
            session,
            staff["triage"],
            concern.reference,
            "Kayleigh Brennan says nobody rang back",
            theme_code="communication",
            now=NOW,
        )
    with pytest.raises(quotes.QuoteRefused, match="a phone number"):
        quotes.propose(
            session,
            staff["triage"],
            concern.reference,
            "ring 07700 900123",
            theme_code=None,
            now=NOW,
        )
    assert quotes.for_case(session, concern) == []


def test_no_consent_no_quote(session, staff) -> None:
    concern = submit(session, consent=False)
    with pytest.raises(quotes.QuoteRefused, match="did not agree"):
        quotes.propose(
            session,
            staff["triage"],
            concern.reference,
            "Nobody calls back.",
            theme_code=None,
            now=NOW,
        )


def test_approval_needs_a_second_manager_and_is_audited(session, staff) -> None:
    concern = submit(session)
    text = quotes.draft(session, concern)
    quote = quotes.propose(
        session, staff["manager"], concern.reference, text, theme_code="communication", now=NOW
    )
    assert quote.state == "proposed" and quotes.approved(session) == []
    with pytest.raises(quotes.QuoteRefused, match="Someone other"):
        quotes.approve(session, staff["manager"], quote.id, now=NOW)
    with pytest.raises(quotes.NotFound):
        quotes.approve(session, staff["triage"], quote.id, now=NOW)  # not a manager
    quotes.approve(session, staff["manager2"], quote.id, now=NOW)
    assert [q.id for q in quotes.approved(session, "communication")] == [quote.id]
    assert quotes.approved(session, "delays") == []
    kinds = session.scalars(
        select(AuditEvent.action).where(AuditEvent.target_type == "quote").order_by(AuditEvent.seq)
    ).all()
    assert kinds == ["quote-proposed", "quote-approved"]


def test_approval_rechecks_with_todays_rules_and_consent(session, staff) -> None:
    concern = submit(session)
    quote = quotes.propose(
        session, staff["triage"], concern.reference, "Nobody rang back.", theme_code=None, now=NOW
    )
    quote.text = "Nobody rang back. Email me at kb@example.com"  # as if older rules missed it
    with pytest.raises(quotes.QuoteRefused, match="an email address"):
        quotes.approve(session, staff["manager"], quote.id, now=NOW)
    quote.text = "Nobody rang back."
    concern.item.consent_to_share = False  # the family changed their mind
    with pytest.raises(quotes.QuoteRefused, match="no longer agrees"):
        quotes.approve(session, staff["manager"], quote.id, now=NOW)
    assert quote.state == "proposed"


def test_a_withdrawn_quote_needs_a_reason_and_is_never_shown(session, staff) -> None:
    concern = submit(session)
    quote = quotes.propose(
        session, staff["triage"], concern.reference, "Nobody rang back.", theme_code=None, now=NOW
    )
    quotes.approve(session, staff["manager"], quote.id, now=NOW)
    with pytest.raises(quotes.QuoteRefused, match="Say why"):
        quotes.withdraw(session, staff["manager2"], quote.id, "  ", now=NOW)
    quotes.withdraw(session, staff["manager2"], quote.id, "Family asked", now=NOW)
    assert quotes.approved(session) == []
    concern.item.consent_to_share = False
    assert quotes.awaiting_approval(session) == []


def test_approved_quotes_disappear_when_consent_is_withdrawn(session, staff) -> None:
    concern = submit(session)
    quote = quotes.propose(
        session, staff["triage"], concern.reference, "Nobody rang back.", theme_code=None, now=NOW
    )
    quotes.approve(session, staff["manager"], quote.id, now=NOW)
    assert len(quotes.approved(session)) == 1
    concern.item.consent_to_share = False
    session.flush()
    assert quotes.approved(session) == []


def test_long_or_empty_quotes_are_refused(session, staff) -> None:
    concern = submit(session)
    for text, message in (("   ", "Enter the words"), ("a " * 400, "600 characters or fewer")):
        with pytest.raises(quotes.QuoteRefused, match=message):
            quotes.propose(
                session, staff["triage"], concern.reference, text, theme_code=None, now=NOW
            )


def test_a_school_in_the_directory_is_redacted_even_without_school_in_its_name(
    session, staff
) -> None:
    from app.directory.service import import_schools

    import_schools(session, [(990001, "St Ethelbert's CE Primary School", "Hereford")])
    concern = submit(session, description="She is in year 4 at St Ethelbert's and is bullied.")
    text = quotes.draft(session, concern)
    assert "Ethelbert" not in text and "[SCHOOL]" in text
    with pytest.raises(quotes.QuoteRefused, match="a school"):
        quotes.propose(
            session,
            staff["triage"],
            concern.reference,
            "bullied at st ethelbert's",
            theme_code=None,
            now=NOW,
        )
