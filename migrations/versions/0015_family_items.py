"""family items: what a family gave moves out of the case into family_item

Each concern's words, contact details, consent, risk signals and received time are
copied into a family_item row with the same id, so the themes, quotes and learning
actions that pointed at the concern point at its item by the same number. The case
(table concern) gets item_id and loses the moved columns. Downgrade copies them back.

Revision ID: 0015_family_items
Revises: 0014
Create Date: 2026-12-02 20:40:00
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0015_family_items"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _item_columns() -> list[sa.Column[object]]:
    """The columns that move, as they were on concern (0001), nullability included."""
    return [
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("on_behalf_of_child", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("happened_on", sa.String(length=200), nullable=True),
        sa.Column("service_area", sa.String(length=200), nullable=True),
        sa.Column("desired_outcome", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("contact_address", sa.Text(), nullable=True),
        sa.Column("preferred_contact", sa.String(length=10), nullable=False),
        sa.Column("consent_to_share", sa.Boolean(), nullable=False),
        sa.Column("risk_signals", sa.JSON(), nullable=False),
        sa.Column("received_at", app.db.UTCDateTime(timezone=True), nullable=False),
    ]


MOVED = [c.name for c in _item_columns()]
# The tables that key on the family's words, and the index each has on the key (if any).
REKEYED = {
    "case_theme": None,  # the key is in the primary key and in ix_case_theme_code
    "quote": "ix_quote_{}",
    "learning_action": "ix_learning_action_{}",
}


@contextmanager
def _children_kept(parent: str) -> Iterator[None]:
    """SQLite alters a table by copying it and dropping the original, and with foreign
    keys on (app/db.py) the drop deletes every row that references it, ON DELETE CASCADE.
    The pragma cannot change inside the migration's transaction, so on SQLite the rows
    of the tables that reference parent are set aside first and put back after."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        yield
        return
    inspector = sa.inspect(bind)
    children = [
        t
        for t in inspector.get_table_names()
        if t != parent
        and any(fk["referred_table"] == parent for fk in inspector.get_foreign_keys(t))
    ]
    # Table names from the schema itself, never from input.
    for child in children:
        op.execute(f'CREATE TEMP TABLE "keep_{child}" AS SELECT * FROM "{child}"')  # noqa: S608
        op.execute(f'DELETE FROM "{child}"')  # noqa: S608
    yield
    for child in children:
        op.execute(f'INSERT INTO "{child}" SELECT * FROM "keep_{child}"')  # noqa: S608
        op.execute(f'DROP TABLE "keep_{child}"')


def _tables() -> tuple[sa.TableClause, sa.TableClause]:
    """concern and family_item as far as the copy needs them."""
    moved = [sa.column(n) for n in MOVED]
    concern = sa.table("concern", sa.column("id"), sa.column("item_id"), *moved)
    item = sa.table(
        "family_item", sa.column("id"), sa.column("kind"), *[sa.column(n) for n in MOVED]
    )
    return concern, item


def _rekey(table: str, old: str, new: str, old_target: str, new_target: str) -> None:
    """Rename the key column and point its foreign key at the other table; the values are
    the caller's to map (upgrade needs none: item ids are the concerns' ids)."""
    index = REKEYED[table]
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(f"fk_{table}_{old}_{old_target}", type_="foreignkey")
        if index:
            batch_op.drop_index(index.format(old))
        if table == "case_theme":
            batch_op.drop_index("ix_case_theme_code")
        batch_op.alter_column(old, new_column_name=new, existing_type=sa.Integer())


def _rekey_finish(table: str, column: str, target: str) -> None:
    index = REKEYED[table]
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_foreign_key(
            f"fk_{table}_{column}_{target}", target, [column], ["id"], ondelete="CASCADE"
        )
        if index:
            batch_op.create_index(index.format(column), [column], unique=False)
        if table == "case_theme":
            batch_op.create_index("ix_case_theme_code", ["code", column], unique=False)


def upgrade() -> None:
    op.create_table(
        "family_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        *_item_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_item")),
        sa.UniqueConstraint("reference", name=op.f("uq_family_item_reference")),
    )
    with op.batch_alter_table("family_item", schema=None) as batch_op:
        batch_op.create_index("ix_family_item_received_at", ["received_at"], unique=False)
    concern, item = _tables()
    op.execute(
        item.insert().from_select(
            ["id", "kind", *MOVED],
            sa.select(concern.c.id, sa.literal("concern"), *(concern.c[n] for n in MOVED)),
        )
    )
    if op.get_bind().dialect.name == "postgresql":
        # Ids were given explicitly: the next new item must not take one of them.
        op.execute(
            "SELECT setval(pg_get_serial_sequence('family_item', 'id'),"
            " COALESCE((SELECT MAX(id) FROM family_item), 0) + 1, false)"
        )

    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.add_column(sa.Column("item_id", sa.Integer(), nullable=True))
    op.execute("UPDATE concern SET item_id = id")
    with _children_kept("concern"), op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.alter_column("item_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(op.f("uq_concern_item_id"), ["item_id"])
        batch_op.create_foreign_key(
            op.f("fk_concern_item_id_family_item"), "family_item", ["item_id"], ["id"]
        )
        batch_op.drop_index("ix_concern_received_at")
        batch_op.drop_constraint("uq_concern_reference", type_="unique")
        for name in MOVED:
            batch_op.drop_column(name)

    for table in REKEYED:
        _rekey(table, "concern_id", "item_id", "concern", "family_item")
        _rekey_finish(table, "item_id", "family_item")


def downgrade() -> None:
    for table in REKEYED:
        _rekey(table, "item_id", "concern_id", "family_item", "concern")
        # Items made since the upgrade may have an id other than their case's.
        keyed = sa.table(table, sa.column("concern_id"))
        concern = sa.table("concern", sa.column("id"), sa.column("item_id"))
        op.execute(
            keyed.update().values(
                concern_id=sa.select(concern.c.id)
                .where(concern.c.item_id == keyed.c.concern_id)
                .scalar_subquery()
            )
        )
        _rekey_finish(table, "concern_id", "concern")

    columns = _item_columns()
    with op.batch_alter_table("concern", schema=None) as batch_op:
        for column in columns:
            batch_op.add_column(
                sa.Column(column.name, column.type, nullable=True)  # filled next
            )
    concern, item = _tables()
    op.execute(
        concern.update().values(
            {
                name: sa.select(item.c[name])
                .where(item.c.id == concern.c.item_id)
                .scalar_subquery()
                for name in MOVED
            }
        )
    )
    with _children_kept("concern"), op.batch_alter_table("concern", schema=None) as batch_op:
        for column in columns:
            if not column.nullable:
                batch_op.alter_column(column.name, existing_type=column.type, nullable=False)
        batch_op.create_unique_constraint(op.f("uq_concern_reference"), ["reference"])
        batch_op.create_index("ix_concern_received_at", ["received_at"], unique=False)
        batch_op.drop_constraint(op.f("fk_concern_item_id_family_item"), type_="foreignkey")
        batch_op.drop_constraint(op.f("uq_concern_item_id"), type_="unique")
        batch_op.drop_column("item_id")

    with op.batch_alter_table("family_item", schema=None) as batch_op:
        batch_op.drop_index("ix_family_item_received_at")
    op.drop_table("family_item")
