"""The queue: cases a user may see, filtered, sorted by the nearest deadline, in pages.

Clock states come from the deadlines each case carries (next_due_at, next_due_soon_at,
clock_paused), compared with now in SQL, so the queue needs no per-case computation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select, true
from sqlalchemy.orm import Session, defer, selectinload

from app.items.models import FamilyItem
from app.staff.models import Role, StaffUser, Team, UserRole
from app.triage import visibility
from app.triage.case import Concern
from app.triage.models import CaseTheme, SavedView
from app.triage.workflow import State

CLOCK_STATES = ("overdue", "due-soon", "on-track", "paused", "none")
PAGE_SIZE = 50


@dataclass(frozen=True)
class QueueFilter:
    route: str = ""
    theme: str = ""
    state: str = "open"  # "open", "all" or a State value
    clock: str = ""
    team_id: int | None = None
    assignee_id: int | None = None  # 0 means "unassigned"
    priority: str = ""
    service_area: str = ""
    source: str = ""
    after: str = ""  # keyset cursor: "<due ISO or '-'>|<id>"


@dataclass
class QueuePage:
    cases: Sequence[Concern]
    next_after: str | None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    total: int = 0


def clock_state(now: datetime) -> ColumnElement[str]:
    """The state of a case's nearest clock, as SQL."""
    return case(
        (Concern.clock_paused.is_(True) & Concern.next_due_at.is_(None), literal("paused")),
        (Concern.next_due_at.is_(None), literal("none")),
        (Concern.next_due_at < now, literal("overdue")),
        (Concern.next_due_soon_at <= now, literal("due-soon")),
        else_=literal("on-track"),
    )


def _clock_is(state: str, now: datetime) -> ColumnElement[bool]:
    """The clock filter as plain ranges on the nearest deadline, so an index serves it."""
    due, soon = Concern.next_due_at, Concern.next_due_soon_at
    return {
        "overdue": due < now,
        "due-soon": and_(due >= now, soon <= now),
        "on-track": and_(due >= now, soon > now),
        "paused": and_(due.is_(None), Concern.clock_paused.is_(True)),
        "none": and_(due.is_(None), Concern.clock_paused.is_(False)),
    }.get(state, true())


def _conditions(
    user: StaffUser, f: QueueFilter, now: datetime, *, skip: str = "", team_ids: Sequence[int] = ()
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [visibility.visible_cases(user)]
    if f.state == "open":
        conditions.append(Concern.state != State.CLOSED)
    elif f.state and f.state != "all":
        conditions.append(Concern.state == f.state)
    if f.route and skip != "route":
        conditions.append(
            Concern.route.is_(None) if f.route == "untriaged" else Concern.route == f.route
        )
    if f.clock and skip != "clock":
        conditions.append(_clock_is(f.clock, now))
    if f.team_id is not None:
        conditions.append(Concern.team_id == f.team_id)
    if f.assignee_id is not None:
        conditions.append(
            Concern.assignee_id.is_(None)
            if f.assignee_id == 0
            else Concern.assignee_id == f.assignee_id
        )
    if f.priority:
        conditions.append(Concern.priority == f.priority)
    if f.service_area:
        conditions.append(
            Concern.team_id.in_(select(Team.id).where(Team.service_area == f.service_area))
        )
    if f.source:
        conditions.append(Concern.source == f.source)
    if f.theme:
        conditions.append(
            select(CaseTheme.item_id)
            .where(CaseTheme.code == f.theme, CaseTheme.item_id == Concern.item_id)
            .exists()
        )
    return conditions


def _after(f: QueueFilter) -> ColumnElement[bool]:
    """Keyset pagination on (next_due_at nulls last, id)."""
    if not f.after or "|" not in f.after:
        return true()
    due_text, _, id_text = f.after.partition("|")
    if not id_text.isdigit():
        return true()
    last_id = int(id_text)
    if due_text == "-":
        return and_(Concern.next_due_at.is_(None), Concern.id > last_id)
    try:
        due = datetime.fromisoformat(due_text)
    except ValueError:
        return true()
    return or_(
        Concern.next_due_at > due,
        and_(Concern.next_due_at == due, Concern.id > last_id),
        Concern.next_due_at.is_(None),
    )


def queue(
    session: Session, user: StaffUser, f: QueueFilter, *, now: datetime, with_counts: bool = True
) -> QueuePage:
    """One page of the queue, nearest deadline first (overdue first of all), and counts per filter."""
    # A service area's teams, looked up first: a short list of ids the index can use.
    team_ids = (
        list(session.scalars(select(Team.id).where(Team.service_area == f.service_area)))
        if f.service_area
        else []
    )
    conditions = _conditions(user, f, now, team_ids=team_ids)
    query = (
        select(Concern)
        .options(
            selectinload(Concern.item).options(
                defer(FamilyItem.description), defer(FamilyItem.desired_outcome)
            )
        )
        .where(*conditions, _after(f))
        .order_by(Concern.next_due_at.asc().nulls_last(), Concern.id)
        .limit(PAGE_SIZE + 1)
    )
    rows = list(session.scalars(query))
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    next_after = None
    if more and rows:
        last = rows[-1]
        next_after = f"{last.next_due_at.isoformat() if last.next_due_at else '-'}|{last.id}"
    page = QueuePage(rows, next_after)
    # Counts cover open cases only: a count over the closed history would cost a scan of
    # every case ever received, on every page.
    if with_counts and f.state not in ("all", State.CLOSED):
        route_key = func.coalesce(Concern.route, "untriaged")
        if not f.clock and not f.route:
            # Neither count is narrowed by the other's filter: one scan gives both.
            both = _count_by_pair(session, clock_state(now), route_key, conditions)
            page.counts = {"clock": _sum_by(both, 0), "route": _sum_by(both, 1)}
        else:
            page.counts = {
                "clock": _count_by(
                    session,
                    clock_state(now),
                    _conditions(user, f, now, skip="clock", team_ids=team_ids),
                ),
                "route": _count_by(
                    session, route_key, _conditions(user, f, now, skip="route", team_ids=team_ids)
                ),
            }
        page.total = sum(page.counts["clock"].values())
    return page


def _count_by(
    session: Session, key: ColumnElement[str], conditions: list[ColumnElement[bool]]
) -> dict[str, int]:
    # Grouped over a subquery: PostgreSQL will not match a CASE with bound parameters
    # in the select list to the same CASE in GROUP BY.
    keys = select(key.label("k")).where(*conditions).subquery()
    rows = session.execute(select(keys.c.k, func.count()).group_by(keys.c.k)).all()
    return {str(k): int(n) for k, n in rows}


def _count_by_pair(
    session: Session,
    first: ColumnElement[str],
    second: ColumnElement[str],
    conditions: list[ColumnElement[bool]],
) -> dict[tuple[str, str], int]:
    keys = select(first.label("a"), second.label("b")).where(*conditions).subquery()
    rows = session.execute(
        select(keys.c.a, keys.c.b, func.count()).group_by(keys.c.a, keys.c.b)
    ).all()
    return {(str(a), str(b)): int(n) for a, b, n in rows}


def _sum_by(pairs: dict[tuple[str, str], int], position: int) -> dict[str, int]:
    totals: dict[str, int] = {}
    for key, n in pairs.items():
        totals[key[position]] = totals.get(key[position], 0) + n
    return totals


FILTER_KEYS = (
    "route",
    "theme",
    "state",
    "clock",
    "team",
    "assignee",
    "priority",
    "service_area",
    "source",
    "view",
)


def saved_views(session: Session, user: StaffUser) -> Sequence[SavedView]:
    return session.scalars(
        select(SavedView).where(SavedView.user_id == user.id).order_by(SavedView.name)
    ).all()


def save_view(
    session: Session, user: StaffUser, *, name: str, params: dict[str, str], now: datetime
) -> SavedView:
    """Keep the current filters under a name; only the filters, never a page position."""
    query = urlencode({k: v for k, v in params.items() if k in FILTER_KEYS and v})
    view = SavedView(
        user_id=user.id, name=name.strip()[:80] or "My view", query=query, created_at=now
    )
    session.add(view)
    session.flush()
    return view


def delete_view(session: Session, user: StaffUser, view_id: int) -> None:
    view = session.get(SavedView, view_id)
    if view is not None and view.user_id == user.id:  # someone else's view is not there
        session.delete(view)


def assignable_staff(session: Session) -> list[StaffUser]:
    """Active caseworkers and managers, by name: who a case or learning action can go to."""
    return list(
        session.scalars(
            select(StaffUser)
            .join(UserRole)
            .where(
                UserRole.role.in_([Role.CASEWORKER.value, Role.MANAGER.value]),
                StaffUser.is_active.is_(True),
            )
            .order_by(StaffUser.display_name)
            .distinct()
        )
    )


def teams(session: Session) -> list[Team]:
    """Every team, by name."""
    return list(session.scalars(select(Team).order_by(Team.name)))
