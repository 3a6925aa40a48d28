"""A submitted concern is a family's item and the case that handles it, loaded together."""

from sqlalchemy import event, select

from app.concerns import service
from app.concerns.models import Source
from app.items.models import FamilyItem
from app.staff.models import Role
from app.triage import queries
from app.triage import service as cases
from app.triage.case import Concern
from tests.conftest import utc
from tests.factories import concern_create
from tests.staff import make_account

NOW = utc(2026, 11, 2, 10, 0)


def test_a_submission_keeps_the_familys_words_on_the_item_and_the_handling_on_the_case(
    session,
) -> None:
    receipt = service.submit_concern(
        session,
        data=concern_create(description="Nobody calls back.", consent_to_share=True),
        source=Source.WEB,
        now=NOW,
    ).receipt
    item = session.scalars(select(FamilyItem)).one()
    case = session.scalars(select(Concern)).one()
    assert (item.kind, item.reference, item.description) == (
        "concern",
        receipt.reference,
        "Nobody calls back.",
    )
    assert item.consent_to_share is True and item.received_at == NOW
    assert case.item is item and case.reference == receipt.reference
    assert case.state == "new" and case.source == Source.WEB


def _statements(session, work) -> list[str]:
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(connection, "before_cursor_execute", count)
    return seen


def test_the_queue_and_the_case_list_load_items_in_one_query_however_many_cases(
    session,
) -> None:
    user = make_account(session, "triage@council.example", Role.TRIAGE).user
    for _ in range(2):
        service.submit_concern(session, data=concern_create(), source=Source.WEB, now=NOW)
    session.flush()
    session.expire_all()
    assert user.roles  # the user's own rows loaded before counting
    few_queue = _statements(
        session,
        lambda: [
            c.reference for c in queries.queue(session, user, queries.QueueFilter(), now=NOW).cases
        ],
    )
    few_list = _statements(session, lambda: [c.reference for c in cases.list_cases(session, user)])
    for _ in range(5):
        service.submit_concern(session, data=concern_create(), source=Source.WEB, now=NOW)
    session.flush()
    session.expire_all()
    assert user.roles  # the user's own rows loaded before counting
    many_queue = _statements(
        session,
        lambda: [
            c.reference for c in queries.queue(session, user, queries.QueueFilter(), now=NOW).cases
        ],
    )
    many_list = _statements(session, lambda: [c.reference for c in cases.list_cases(session, user)])
    assert len(many_queue) == len(few_queue)
    assert len(many_list) == len(few_list)
