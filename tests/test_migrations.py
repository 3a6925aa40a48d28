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
