"""`familyvoice risk export-training`, run as an administrator would, against a real database."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import insert

from app.db import make_engine
from app.items.models import FamilyItem
from app.staff.models import StaffUser
from app.triage.case import Concern
from app.triage.models import RiskFeedback
from tests.test_cli import familyvoice


def test_export_writes_only_accepted_marks_redacted(fresh_database_url, tmp_path) -> None:
    url = fresh_database_url
    assert familyvoice(url, "migrate").returncode == 0
    now = datetime(2026, 11, 2, 10, tzinfo=UTC)
    engine = make_engine(url)
    with engine.begin() as conn:
        user_id = conn.execute(
            insert(StaffUser)
            .values(public_id="p1", email="t@council.example", display_name="T", created_at=now)
            .returning(StaffUser.id)
        ).scalar_one()
        for i, status in enumerate(("accepted", "to-review", "rejected")):
            item_id = conn.execute(
                insert(FamilyItem)
                .values(
                    reference=f"FV-2026-{i:06d}",
                    role="parent-carer",
                    on_behalf_of_child=True,
                    description=f"Ada Vexmoor here. He locks the kids in the shed, case {i}.",
                    contact_name="Ada Vexmoor",
                    preferred_contact="none",
                    received_at=now,
                )
                .returning(FamilyItem.id)
            ).scalar_one()
            concern_id = conn.execute(
                insert(Concern)
                .values(
                    item_id=item_id,
                    tracking_code_hash="x" * 64,
                    source="web",
                    acknowledge_due_on=now.date(),
                    response_due_on=now.date(),
                )
                .returning(Concern.id)
            ).scalar_one()
            conn.execute(
                insert(RiskFeedback).values(
                    concern_id=concern_id,
                    kind="missed",
                    signals=["neglect"],
                    reason="locks them in",
                    detector_version="v",
                    evidence=[],
                    created_by_id=user_id,
                    created_at=now,
                    status=status,
                )
            )
    engine.dispose()
    out = tmp_path / "staff-review.jsonl"
    result = familyvoice(url, "risk", "export-training", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1
    assert {k: rows[0][k] for k in ("urgent", "signals", "hard", "source")} == {
        "urgent": True,
        "signals": ["neglect"],
        "hard": True,
        "source": "staff-review",
    }
    assert "Vexmoor" not in rows[0]["text"] and "Ada" not in rows[0]["text"]
    assert "locks the kids in the shed" in rows[0]["text"]
