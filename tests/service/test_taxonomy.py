"""The theme taxonomy as data: the seed, each change kind, its history and audit, and tagging."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.audit import actions
from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.config import ROOT
from app.staff.models import Role
from app.taxonomy import service as taxonomy
from app.taxonomy.models import TaxonomyVersion, Theme, ThemeChange
from app.triage import service as triage
from app.triage.case import Concern
from app.triage.models import CaseTheme
from app.triage.service import ActionRefused
from app.triage.theme_discovery import suggest_themes
from tests.factories import concern_create
from tests.staff import make_account, make_team

# The taxonomy ships in the project: a council clones this repository alone.
THEMES_MD = ROOT / "data" / "themes" / "THEMES.md"


def at(y, m, d, hh=10) -> datetime:
    return datetime(y, m, d, hh, tzinfo=LONDON)


def themes_md() -> list[tuple[str, str, str]]:
    """The table in THEMES.md, as (code, theme, covers) rows in order."""
    rows = []
    for line in THEMES_MD.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("code", "") and not set(cells[0]) <= {"-"}:
            rows.append((cells[0], cells[1], cells[2]))
    return rows


@pytest.fixture
def people(session, frozen):
    frozen.at(at(2026, 11, 2))
    team = make_team(session, "North", "Children in need")
    return {
        "manager": Actor(
            make_account(session, "m@council.example", Role.MANAGER, team=team).user, "1.1.1.1"
        ),
        "triage": Actor(make_account(session, "t@council.example", Role.TRIAGE).user, "1.1.1.1"),
    }


def _audit(session, code: str) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.action == actions.TAXONOMY_CHANGED,
                AuditEvent.target_type == "theme",
                AuditEvent.target_id == code,
            )
            .order_by(AuditEvent.seq)
        )
    )


def test_version_1_is_themes_md_exactly(session) -> None:
    expected = themes_md()
    assert len(expected) == 14
    seeded = [(t.code, t.label, t.description) for t in taxonomy.list_themes(session)]
    assert seeded == expected
    assert all(t.active and t.added_in_version == 1 for t in taxonomy.list_themes(session))
    assert taxonomy.current_version(session) == 1
    changes = session.scalars(select(ThemeChange).where(ThemeChange.version == 1)).all()
    assert sorted((c.code, c.kind) for c in changes) == sorted((c, "added") for c, _, _ in expected)


def test_adding_a_theme_is_a_new_version_with_history_and_audit(session, people) -> None:
    theme = taxonomy.add_theme(
        session,
        people["manager"],
        code="school-transport",
        label="School transport",
        description="home to school transport arranged late, cancelled or unsuitable",
        reason="Twelve concerns this term, none themed",
        now=at(2026, 11, 3),
    )
    assert (theme.code, theme.active, theme.added_in_version) == ("school-transport", True, 2)
    assert taxonomy.current_version(session) == 2
    assert taxonomy.active_codes(session)[-1] == "school-transport"
    version = session.get(TaxonomyVersion, 2)
    assert version.changed_by_id == people["manager"].id
    assert version.reason == "Twelve concerns this term, none themed"
    assert version.changed_at == at(2026, 11, 3)
    entry = taxonomy.history(session)[0]
    assert entry.version.version == 2 and entry.changed_by.email == "m@council.example"
    assert [(c.kind, c.after["label"]) for c in entry.changes] == [("added", "School transport")]
    (event,) = _audit(session, "school-transport")
    assert event.actor_id == people["manager"].id
    assert event.details["version"] == 2
    assert event.details["changes"][0]["kind"] == "added"


def test_renaming_keeps_the_code_and_records_before_and_after(session, people) -> None:
    taxonomy.edit_theme(
        session,
        people["manager"],
        "delays",
        label="Delays and drift",
        description="slow responses, long waits, drift in plans, assessments or services",
        reason="Managers asked for drift to be named",
        now=at(2026, 11, 3),
    )
    assert session.get(Theme, "delays").label == "Delays and drift"
    assert taxonomy.labels(session)["delays"] == "Delays and drift"
    assert taxonomy.current_version(session) == 2
    (change,) = session.scalars(select(ThemeChange).where(ThemeChange.version == 2)).all()
    assert (change.code, change.kind, change.before, change.after) == (
        "delays",
        "renamed",
        {"label": "Delays"},
        {"label": "Delays and drift"},
    )
    assert len(_audit(session, "delays")) == 1


def test_changing_name_and_description_together_is_one_version(session, people) -> None:
    taxonomy.edit_theme(
        session,
        people["manager"],
        "praise",
        label="Praise and thanks",
        description="positive feedback and thanks about staff or services",
        reason="Clearer for staff",
        now=at(2026, 11, 3),
    )
    assert taxonomy.current_version(session) == 2
    kinds = session.scalars(
        select(ThemeChange.kind).where(ThemeChange.version == 2).order_by(ThemeChange.id)
    ).all()
    assert kinds == ["renamed", "description"]
    taxonomy.edit_theme(
        session,
        people["manager"],
        "praise",
        label="Praise and thanks",
        description="positive feedback about staff or services",
        reason="Back to the original wording",
        now=at(2026, 11, 4),
    )
    assert taxonomy.current_version(session) == 3
    (change,) = session.scalars(select(ThemeChange).where(ThemeChange.version == 3)).all()
    assert change.kind == "description"
    assert change.before == {"description": "positive feedback and thanks about staff or services"}


def test_retiring_and_reinstating_each_bump_the_version(session, people) -> None:
    manager = people["manager"]
    taxonomy.set_active(
        session, manager, "face-to-face", active=False, reason="Merged", now=at(2026, 11, 3)
    )
    theme = session.get(Theme, "face-to-face")
    assert (theme.active, theme.retired_in_version) == (False, 2)
    assert "face-to-face" not in taxonomy.active_codes(session)
    assert "face-to-face" in taxonomy.labels(session)  # still named for old counts
    taxonomy.set_active(
        session, manager, "face-to-face", active=True, reason="Needed again", now=at(2026, 11, 4)
    )
    theme = session.get(Theme, "face-to-face")
    assert (theme.active, theme.retired_in_version) == (True, None)
    assert taxonomy.current_version(session) == 3
    kinds = [e.changes[0].kind for e in taxonomy.history(session)[:2]]
    assert kinds == ["reinstated", "retired"]
    assert [e.details["version"] for e in _audit(session, "face-to-face")] == [2, 3]
    with pytest.raises(taxonomy.ChangeRefused, match="already in use"):
        taxonomy.set_active(
            session, manager, "face-to-face", active=True, reason="Again", now=at(2026, 11, 5)
        )
    assert taxonomy.current_version(session) == 3


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter a code"),
        ("School Transport", "lowercase letters"),
        ("school_transport", "lowercase letters"),
        ("-transport", "lowercase letters"),
        ("transport-", "lowercase letters"),
        ("x" * 41, "40 characters or fewer"),
        ("delays", "already used"),
    ],
)
def test_bad_or_taken_codes_are_refused(session, people, code, message) -> None:
    with pytest.raises(taxonomy.ChangeRefused) as refused:
        taxonomy.add_theme(
            session,
            people["manager"],
            code=code,
            label="Something new",
            description="covers something",
            reason="Because",
            now=at(2026, 11, 3),
        )
    assert refused.value.errors[0][0] == "code"
    assert message in refused.value.errors[0][1]
    assert taxonomy.current_version(session) == 1


def test_a_retired_code_is_never_reused(session, people) -> None:
    manager = people["manager"]
    taxonomy.set_active(session, manager, "praise", active=False, reason="x", now=at(2026, 11, 3))
    with pytest.raises(taxonomy.ChangeRefused, match="already used"):
        taxonomy.add_theme(
            session,
            manager,
            code="praise",
            label="Compliments",
            description="thanks",
            reason="y",
            now=at(2026, 11, 4),
        )


def test_labels_reasons_and_lengths_are_checked(session, people) -> None:
    with pytest.raises(taxonomy.ChangeRefused) as refused:
        taxonomy.add_theme(
            session,
            people["manager"],
            code="new-thing",
            label="  ",
            description="d" * 501,
            reason="",
            now=at(2026, 11, 3),
        )
    assert [f for f, _ in refused.value.errors] == ["label", "description", "reason"]
    with pytest.raises(taxonomy.ChangeRefused, match="already has that name"):
        taxonomy.add_theme(
            session,
            people["manager"],
            code="new-thing",
            label="DELAYS",
            description="d",
            reason="r",
            now=at(2026, 11, 3),
        )
    with pytest.raises(taxonomy.ChangeRefused, match="Change the name or what it covers"):
        theme = session.get(Theme, "delays")
        taxonomy.edit_theme(
            session,
            people["manager"],
            "delays",
            label=theme.label,
            description=theme.description,
            reason="nothing",
            now=at(2026, 11, 3),
        )
    assert taxonomy.current_version(session) == 1
    assert _audit(session, "new-thing") == [] and _audit(session, "delays") == []


def _case(session, description: str) -> Concern:
    receipt = concerns.submit_concern(
        session,
        data=concern_create(description=description),
        source=Source.WEB,
        now=at(2026, 11, 2),
    ).receipt
    return session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()


def _themes(session, concern: Concern) -> dict[str, tuple[str, int]]:
    return {
        t.code: (t.source, t.taxonomy_version)
        for t in session.scalars(select(CaseTheme).where(CaseTheme.item_id == concern.item_id))
    }


def test_staff_tag_with_active_themes_stamped_with_the_current_version(session, people) -> None:
    manager, desk = people["manager"], people["triage"]
    taxonomy.add_theme(
        session,
        manager,
        code="school-transport",
        label="School transport",
        description="transport to school",
        reason="New",
        now=at(2026, 11, 2),
    )
    concern = _case(session, "The school taxi never came and nobody told us why.")
    triage.set_themes(
        session, desk, concern.reference, ["school-transport", "communication"], now=at(2026, 11, 3)
    )
    assert _themes(session, concern) == {
        "communication": ("staff", 2),
        "school-transport": ("staff", 2),
    }


def test_retired_themes_are_refused_for_tagging_but_kept_on_old_cases(session, people) -> None:
    manager, desk = people["manager"], people["triage"]
    concern = _case(session, "We had four different social workers this year.")
    triage.set_themes(
        session, desk, concern.reference, ["worker-changes", "delays"], now=at(2026, 11, 2)
    )
    taxonomy.set_active(
        session, manager, "worker-changes", active=False, reason="Split", now=at(2026, 11, 3)
    )
    with pytest.raises(ActionRefused, match="Choose themes from the list"):
        triage.set_themes(session, desk, concern.reference, ["worker-changes"], now=at(2026, 11, 4))
    triage.set_themes(session, desk, concern.reference, ["communication"], now=at(2026, 11, 4))
    # The retired theme stays, as tagged under version 1; the rest is replaced.
    assert _themes(session, concern) == {
        "worker-changes": ("staff", 1),
        "communication": ("staff", 2),
    }
    counts = dict(
        session.execute(
            select(CaseTheme.code, CaseTheme.item_id).where(CaseTheme.code == "worker-changes")
        ).all()
    )
    assert counts == {"worker-changes": concern.item_id}


def test_unknown_codes_are_refused(session, people) -> None:
    concern = _case(session, "Nobody calls back.")
    with pytest.raises(ActionRefused):
        triage.set_themes(
            session, people["triage"], concern.reference, ["made-up"], now=at(2026, 11, 3)
        )


def test_suggestions_need_enough_texts_and_are_audited(session, people) -> None:
    manager = people["manager"]
    for i in range(5):
        concern = _case(session, f"The quarterly bin collection {i} was wrong again.")
        triage.set_themes(session, people["triage"], concern.reference, [], now=at(2026, 11, 2))
    found = suggest_themes(session, manager, now=at(2026, 11, 3))
    assert found.discovery.texts == 5 and not found.discovery.enough
    assert found.discovery.topics == ()
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == actions.THEME_SUGGESTIONS_VIEWED)
    ).one()
    assert event.actor_id == manager.id and event.details["texts"] == 5


def test_suggestions_read_only_unthemed_cases_the_manager_may_see(session, people) -> None:
    manager = people["manager"]
    other = make_team(session, "South", "Disabled children")
    texts = [
        "The school taxi did not arrive and my daughter missed lessons all week.",
        "Home to school transport was cancelled with no notice, the taxi never came.",
        "The transport team will not answer about the school taxi for my son.",
        "Our school bus pass was stopped and transport did not tell us.",
    ]
    mine, theirs = [], []
    for i in range(24):
        concern = _case(session, texts[i % 4])
        triage.set_themes(session, people["triage"], concern.reference, [], now=at(2026, 11, 2))
        if i % 2:
            concern.team_id = other.id
            theirs.append(concern.reference)
        else:
            mine.append(concern.reference)
    session.flush()
    themed = _case(session, texts[0])  # the rules found nothing; staff gave it a theme
    triage.set_themes(session, people["triage"], themed.reference, ["delays"], now=at(2026, 11, 2))
    found = suggest_themes(session, manager, now=at(2026, 11, 3))
    assert sorted(found.references) == sorted(mine)  # not the other service area's, not themed
    assert found.discovery.texts == 12 and not found.discovery.enough
    head = Actor(make_account(session, "head@council.example", Role.MANAGER).user, "1.1.1.1")
    found = suggest_themes(session, head, now=at(2026, 11, 3))
    assert found.discovery.texts == 24 and found.discovery.topics
    assert any(
        "transport" in " ".join(t.words) or "taxi" in t.words for t in found.discovery.topics
    )
    shown = set(found.example_references())
    assert shown and shown <= set(mine) | set(theirs)
