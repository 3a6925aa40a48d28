"""Staff theme corrections read back as redacted training examples."""

from datetime import UTC, datetime

from sqlalchemy import delete, select

from app.concerns import service as concerns
from app.concerns.models import Source
from app.triage.case import Concern
from app.triage.models import CaseEvent, CaseTheme
from app.triage.training import staff_examples
from tests.factories import concern_create

NOW = datetime(2026, 11, 2, 10, tzinfo=UTC)


def submit(session, description, **fields):
    receipt = concerns.submit_concern(
        session,
        data=concern_create(description=description, **fields),
        source=Source.WEB,
        now=NOW,
    ).receipt
    return session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()


def set_themes(session, concern, *codes, source="staff"):
    """As staff save themes (or the rules suggest them): they replace what was there."""
    session.execute(delete(CaseTheme).where(CaseTheme.item_id == concern.item_id))
    for code in codes:
        session.add(
            CaseTheme(
                item_id=concern.item_id, code=code, source=source, taxonomy_version=1, set_at=NOW
            )
        )
    session.flush()


def test_staff_themes_become_redacted_examples_and_suggestions_do_not(session) -> None:
    corrected = submit(
        session,
        "Quillon has had five workers. Ring me on 07700 900123.",
        contact_name="Marisol Quillon",
        desired_outcome="Marisol wants one worker.",
    )
    set_themes(session, corrected, "worker-changes", "communication")
    suggested_only = submit(session, "Nobody calls me back.")
    set_themes(session, suggested_only, "communication", source="rules")
    submit(session, "We waited months.")
    cleared = submit(session, "Just a thank-you note, nothing wrong.")
    set_themes(session, cleared)
    session.add(
        CaseEvent(
            concern_id=cleared.id,
            kind="themes",
            stage=1,
            occurred_at=NOW,
            data={"before": ["praise"], "after": []},
        )
    )
    session.flush()

    examples = staff_examples(session)

    assert [e.source for e in examples] == ["staff", "staff"]
    by_theme = {e.themes: e.text for e in examples}
    assert set(by_theme) == {("communication", "worker-changes"), ()}
    text = by_theme[("communication", "worker-changes")]
    assert "Quillon" not in text and "Marisol" not in text and "07700" not in text
    assert "[NAME] has had five workers" in text and "wants one worker" in text
    assert by_theme[()] == "Just a thank-you note, nothing wrong.\nA named worker who stays."


def test_a_case_themed_again_after_clearing_keeps_its_new_themes(session) -> None:
    concern = submit(session, "The report about us is wrong.")
    session.add(
        CaseEvent(
            concern_id=concern.id,
            kind="themes",
            stage=1,
            occurred_at=NOW,
            data={"before": [], "after": []},
        )
    )
    set_themes(session, concern, "records-accuracy")
    assert [e.themes for e in staff_examples(session)] == [("records-accuracy",)]
