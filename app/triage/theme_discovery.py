"""Possible new themes: topics in recent concerns that no theme covers yet.

A read over cases (only those the manager may see), so it lives with the case domain;
the taxonomy itself is reference data below it and never reads a case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import actions
from app.audit import service as audit
from app.audit.service import Actor
from app.errors import NotFound
from app.items import text as item_text
from app.items.models import FamilyItem
from app.staff.models import StaffUser
from app.text import discover
from app.triage import visibility
from app.triage.case import Concern
from app.triage.models import CaseTheme

RECENT_DAYS = 365
MAX_TEXTS = 2000


@dataclass(frozen=True)
class Suggestions:
    discovery: discover.Discovery
    references: list[str]  # the case each document came from, in the same order

    def example_references(self) -> list[str]:
        """The cases whose words (redacted) the page shows: for the audit trail."""
        return sorted({self.references[i] for t in self.discovery.topics for i in t.sources})


def suggest_themes(session: Session, actor: Actor[StaffUser], *, now: datetime) -> Suggestions:
    """Topics in recent concerns no theme covers, from cases this manager may see; audited.

    "No theme covers" means the case carries none: the rules found nothing and staff
    added nothing. Merged duplicates are left out so one family is not counted twice.
    """
    if actor.user is None:
        raise NotFound("No cases")
    items = session.scalars(
        select(FamilyItem)
        .join(Concern, Concern.item_id == FamilyItem.id)
        .where(
            visibility.visible_cases(actor.user),
            FamilyItem.received_at >= now - timedelta(days=RECENT_DAYS),
            Concern.duplicate_of_id.is_(None),
            ~select(CaseTheme.item_id).where(CaseTheme.item_id == FamilyItem.id).exists(),
        )
        .order_by(Concern.id.desc())
        .limit(MAX_TEXTS)
    ).all()
    documents = [
        discover.Document(item_text.text_of(item), item_text.known_names(item)) for item in items
    ]
    result = Suggestions(discover.suggest_topics(documents), [item.reference for item in items])
    audit.record(
        session,
        actor,
        action=actions.THEME_SUGGESTIONS_VIEWED,
        now=now,
        details={
            "texts": result.discovery.texts,
            "topics": len(result.discovery.topics),
            "excerpts_from": result.example_references(),
        },
    )
    return result
