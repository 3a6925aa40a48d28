"""The migrations build exactly the schema the models describe, on every backend."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app.models import metadata


def test_upgrade_head_matches_the_models(engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_every_model_table_exists(engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables
    assert "alembic_version" in tables


def test_0011_blanks_a_postal_address_the_form_wrote_as_none(fresh_database_url) -> None:
    from alembic import command
    from sqlalchemy.orm import Session

    from app.cli import alembic_config, upgrade_database
    from app.concerns import service
    from app.concerns.models import ConcernDraft, Source
    from app.db import make_engine
    from tests.conftest import utc
    from tests.factories import concern_create

    upgrade_database(fresh_database_url)
    engine = make_engine(fresh_database_url)
    now = utc(2026, 11, 2, 10)
    with Session(engine) as session:
        for source in (Source.WEB, Source.API):
            service.submit_concern(
                session,
                data=concern_create(contact_address="None", desired_outcome="None"),
                source=source,
                now=now,
            )
        session.add(
            ConcernDraft(
                id="d1",
                answers={"contact_address": "None", "desired_outcome": "None"},
                submit_token="t",
                created_at=now,
                updated_at=now,
                expires_at=now,
            )
        )
        session.commit()
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
        command.upgrade(config, "0011")
    with Session(engine) as session:
        # Read as the table stood at 0011: the words were still the concern's columns.
        rows = {
            r.source: r
            for r in session.execute(
                text("SELECT source, contact_address, desired_outcome FROM concern")
            )
        }
        assert rows[Source.WEB].contact_address is None
        assert rows[Source.API].contact_address == "None"  # sent as such, never via the form
        assert rows[Source.WEB].desired_outcome == "None"  # a family may have typed it
        assert session.get(ConcernDraft, "d1").answers == {
            "contact_address": None,
            "desired_outcome": "None",
        }
    engine.dispose()


def test_0015_moves_a_concerns_words_into_its_item_and_back(fresh_database_url) -> None:
    from datetime import date

    from alembic import command
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from app.cli import alembic_config, upgrade_database
    from app.concerns import service
    from app.concerns.models import Source
    from app.db import make_engine
    from app.items.models import FamilyItem
    from app.quotes.models import Quote
    from app.staff.models import StaffUser
    from app.triage.case import Concern
    from app.triage.models import CaseEvent, CaseTheme, LearningAction
    from tests.conftest import utc
    from tests.factories import concern_create

    upgrade_database(fresh_database_url)
    engine = make_engine(fresh_database_url)
    now = utc(2026, 11, 2, 10)
    with Session(engine) as session:
        staff = StaffUser(
            public_id="m1", email="m@example.com", display_name="Mo Manager", created_at=now
        )
        session.add(staff)
        for source, words in ((Source.WEB, "Nobody calls back."), (Source.API, "No plan.")):
            service.submit_concern(
                session,
                data=concern_create(
                    description=words,
                    contact_address="1 Road\nTown",
                    consent_to_share=source == Source.WEB,
                ),
                source=source,
                now=now,
            )
        session.flush()
        web = session.scalars(select(Concern).where(Concern.source == Source.WEB)).one()
        session.add_all(
            [
                CaseTheme(
                    item_id=web.item_id,
                    code="contact",
                    source="staff",
                    taxonomy_version=1,
                    set_at=now,
                ),
                Quote(
                    item_id=web.item_id,
                    text="Nobody calls back.",
                    state="proposed",
                    redaction_version=1,
                    proposed_by_id=staff.id,
                    proposed_at=now,
                ),
                LearningAction(
                    item_id=web.item_id,
                    description="Call back",
                    due_on=date(2026, 12, 1),
                    created_at=now,
                ),
            ]
        )
        session.commit()
        web_id, web_reference = web.id, web.reference
        # Each case's item has the case's id here, so the keys read the same either way.
        cases = {c.item_id: c.id for c in session.scalars(select(Concern))}
        themes_before = sorted(
            (cases[t.item_id], t.code) for t in session.scalars(select(CaseTheme))
        )
        events_before = session.scalar(select(func.count()).select_from(CaseEvent))

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0014")
    with engine.connect() as connection:
        rows = {
            r.source: r
            for r in connection.execute(
                text(
                    "SELECT id, source, reference, description, contact_address, contact_name,"
                    " consent_to_share, risk_signals, received_at FROM concern"
                )
            )
        }
        assert rows[Source.WEB].reference == web_reference
        assert rows[Source.WEB].description == "Nobody calls back."
        assert rows[Source.API].description == "No plan."
        assert rows[Source.WEB].contact_address == "1 Road\nTown"
        assert rows[Source.WEB].contact_name == "Jo Example"
        assert bool(rows[Source.WEB].consent_to_share) is True
        assert bool(rows[Source.API].consent_to_share) is False
        assert rows[Source.WEB].received_at is not None
        themes = connection.execute(text("SELECT concern_id, code FROM case_theme"))
        assert sorted(tuple(r) for r in themes) == themes_before
        assert (web_id, "contact") in themes_before
        # SQLite copies a table to alter it: the rows that point at it must survive.
        assert connection.scalar(text("SELECT count(*) FROM case_event")) == events_before
        for table in ("quote", "learning_action"):
            keys = connection.execute(text(f"SELECT concern_id FROM {table}")).scalars().all()
            assert keys == [web_id], table
        assert "family_item" not in inspect(connection).get_table_names()

    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0015_family_items")
    with Session(engine) as session:
        case = session.get(Concern, web_id)
        assert case is not None and case.item_id == web_id
        assert case.item.reference == case.reference == web_reference
        assert case.item.description == "Nobody calls back."
        assert case.item.contact_address == "1 Road\nTown"
        assert case.item.consent_to_share is True
        assert case.item.kind == "concern"
        assert case.item.received_at == now
        themes_after = sorted(
            (cases[t.item_id], t.code) for t in session.scalars(select(CaseTheme))
        )
        assert themes_after == themes_before
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == events_before
        assert session.scalars(select(Quote.item_id)).all() == [web_id]
        assert session.scalars(select(LearningAction.item_id)).all() == [web_id]
        # A new item after the copy gets a fresh id (PostgreSQL's sequence moved on).
        service.submit_concern(session, data=concern_create(), source=Source.WEB, now=now)
        session.commit()
        assert session.query(FamilyItem).count() == 3
    engine.dispose()
