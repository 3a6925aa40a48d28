"""The migrations build exactly the schema the models describe, on every backend."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

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
    from app.concerns.models import Concern, ConcernDraft, Source
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
        rows = {c.source: c for c in session.query(Concern)}
        assert rows[Source.WEB].contact_address is None
        assert rows[Source.API].contact_address == "None"  # sent as such, never via the form
        assert rows[Source.WEB].desired_outcome == "None"  # a family may have typed it
        assert session.get(ConcernDraft, "d1").answers == {
            "contact_address": None,
            "desired_outcome": "None",
        }
    engine.dispose()
