"""blank answers that came back as the word "None"

Revision ID: 0011
Revises: 0010

The bug: a page shown again (Back, or Change on check answers) put a blank optional
answer into its form as the word "None", and the family sent that back as their answer.
Only a <textarea> did this: the GOV.UK input macro leaves out a value of None, the
textarea prints it. On the web journey's pages two optional textareas existed:
"What would you like to happen?" (desired_outcome) and "Postal address"
(contact_address). happened_on, service_area and contact_name are inputs, so a "None"
there was typed by the family and is left alone; API concerns (source "api") never went
through the form, so they are left alone too.

Of the two textarea fields only contact_address is repaired, on web concerns and on live
drafts. A postal address of exactly "None" reaches nobody: whether the bug wrote it or a
family typed it to mean "no address", NULL says the same thing truthfully, and staff see
"Not given" instead of an address to write to. desired_outcome is NOT repaired: "None"
is a real answer a family may type to "What would you like to happen?", and nothing
recorded tells it from the bug's, so it stays as stored (free text is kept as typed).
The form no longer writes it (app/forms.py as_form_values), so no new ones appear.

Downgrade cannot know which NULLs were "None" and leaves the data as it is.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPAIRED = ("contact_address",)


def upgrade() -> None:
    concern = sa.table(
        "concern", sa.column("source", sa.String), *(sa.column(f, sa.Text) for f in REPAIRED)
    )
    for field in REPAIRED:
        op.execute(
            concern.update()
            .where(concern.c.source == "web", concern.c[field] == "None")
            .values({field: None})
        )
    # Draft answers are JSON, read the same on both databases: few rows, short-lived.
    draft = sa.table("concern_draft", sa.column("id", sa.String), sa.column("answers", sa.JSON))
    bind = op.get_bind()
    for draft_id, answers in bind.execute(sa.select(draft.c.id, draft.c.answers)).all():
        if not isinstance(answers, dict):
            continue
        fixed = {k: (None if k in REPAIRED and v == "None" else v) for k, v in answers.items()}
        if fixed != answers:
            bind.execute(draft.update().where(draft.c.id == draft_id).values(answers=fixed))


def downgrade() -> None:
    pass  # the repair is not undone: which NULLs were once "None" is not recorded
