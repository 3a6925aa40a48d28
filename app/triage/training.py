"""Staff theme corrections as training examples for the theme model.

A case's themes as staff confirmed or corrected them (case_theme rows with source
"staff"), with the family's own words: the description and the desired outcome, the
text the suggestions were made from. A case whose themes staff cleared (the latest
"themes" event leaves none) is an example with no theme.

Every text is redacted first, with the names the concern gives (the contact's, the
independent person's) as known names: the model's vocabulary is written to a file,
and a child's or parent's name must never be in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.items import text as item_text
from app.items.models import FamilyItem
from app.text import redact
from app.text.theme_model import Example
from app.triage.case import Concern
from app.triage.models import CaseEvent, CaseTheme


def training_text(
    description: str, desired_outcome: str | None, known_names: Iterable[str | None]
) -> str:
    """The concern's words as the model may learn them: redacted."""
    text = item_text.join_words(description, desired_outcome)
    return redact.redact(text, [n for n in known_names if n]).redacted


def staff_examples(session: Session) -> list[Example]:
    """One redacted example per case staff have themed, oldest case first."""
    # Themes key on the item; the "themes" events are on its case: both by item here.
    codes: dict[int, set[str]] = defaultdict(set)
    for item_id, code in session.execute(
        select(CaseTheme.item_id, CaseTheme.code).where(CaseTheme.source == "staff")
    ):
        codes[item_id].add(code)
    latest: dict[int, object] = {}
    for item_id, data in session.execute(
        select(Concern.item_id, CaseEvent.data)
        .join(Concern, Concern.id == CaseEvent.concern_id)
        .where(CaseEvent.kind == "themes")
        .order_by(CaseEvent.concern_id, CaseEvent.occurred_at, CaseEvent.id)
    ):
        latest[item_id] = data
    cleared = {
        item_id
        for item_id, data in latest.items()
        if isinstance(data, dict) and data.get("after") == [] and item_id not in codes
    }
    return _examples(session, codes, cleared)


def _examples(session: Session, codes: dict[int, set[str]], cleared: set[int]) -> list[Example]:
    wanted = sorted(set(codes) | cleared)
    examples: list[Example] = []
    for chunk in _chunks(wanted, 500):
        rows = session.execute(
            select(FamilyItem, Concern.independent_person)
            .join(Concern, Concern.item_id == FamilyItem.id)
            .where(FamilyItem.id.in_(chunk))
            .order_by(Concern.id)
        )
        for item, independent in rows:
            names = (*item_text.known_names(item), independent)
            text = training_text(item.description, item.desired_outcome, names)
            examples.append(Example(text, tuple(sorted(codes.get(item.id, ()))), "staff"))
    return examples


def _chunks(ids: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
