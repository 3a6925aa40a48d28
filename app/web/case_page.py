"""What the case page shows, read in one place: the case's history, risk, themes, quotes,
and for forum feedback its Forum box.

In the web layer because it reads the case domain and the quotes above it.

Staff and teams are loaded only as far as the page names them: the people on its
timeline, its viewers, its assignee and learning-action owners, and its one team.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.forum import to_concern
from app.items import text as item_text
from app.quotes import service as quotes
from app.staff.models import StaffUser, Team
from app.taxonomy import service as taxonomy
from app.triage import clocks, queries, risk_feedback, service
from app.triage.case import Concern


def people_by_id(session: Session, ids: Iterable[int | None]) -> dict[int, StaffUser]:
    """The staff members with these ids (None and unknown ids are left out)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u for u in session.scalars(select(StaffUser).where(StaffUser.id.in_(wanted)))}


def case_page(session: Session, concern: Concern, *, now: datetime) -> dict[str, Any]:
    """The page's data for a case the caller has already been allowed to view."""
    viewers = audit.runs(service.case_access_log(session, concern.reference))
    events = service.timeline(session, concern)
    learning = service.learning_actions(session, concern)
    team = session.get(Team, concern.team_id) if concern.team_id else None
    people = people_by_id(
        session,
        [
            concern.assignee_id,
            *(e.actor_id for e in events),
            *(r.actor_id for r in viewers),
            *(a.owner_id for a in learning),
        ],
    )
    forum_link = to_concern.link_of(session, concern.item_id)
    return {
        "concern": concern,
        "forum": to_concern.forum_box(session, concern),
        "forum_turnable": forum_link is not None
        and to_concern.why_not(forum_link, concern) is None,
        "viewers": viewers,
        "events": events,
        "clocks": clocks.compute(session, concern, now=now),
        "people": people,
        "teams": {team.id: team} if team else {},
        "learning": learning,
        "themes": service.case_themes(session, concern),
        "risk": service.case_risk(session, concern),
        "risk_marks": risk_feedback.for_case(session, concern),
        "quotes": quotes.for_case(session, concern),
        # Offered for tagging: the themes in use now, from the managers' taxonomy.
        "theme_choices": taxonomy.list_themes(session, active=True),
        "theme_labels": taxonomy.labels(session),
        "theme_reasons": item_text.theme_reasons(concern.item),
        "owners": queries.assignable_staff(session),
    }
