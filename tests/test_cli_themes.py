"""`familyvoice themes train`, run as an administrator would, against a real database."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import insert

from app.db import make_engine
from app.items.models import FamilyItem
from app.text import themes
from app.triage.case import Concern
from app.triage.models import CaseTheme
from tests.test_cli import familyvoice


def test_themes_train_learns_staff_corrections_and_writes_a_new_version(
    fresh_database_url, tmp_path, monkeypatch
) -> None:
    url = fresh_database_url
    assert familyvoice(url, "migrate").returncode == 0
    now = datetime(2026, 11, 2, 10, tzinfo=UTC)
    engine = make_engine(url)
    with engine.begin() as conn:
        for i in range(6):
            item_id = conn.execute(
                insert(FamilyItem)
                .values(
                    reference=f"FV-2026-{i:06d}",
                    role="parent-carer",
                    on_behalf_of_child=True,
                    description=f"Vexmoor needs a wheelchair taxi to contact, booking {i} failed",
                    contact_name="Ada Vexmoor",
                    preferred_contact="none",
                    received_at=now,
                )
                .returning(FamilyItem.id)
            ).scalar_one()
            conn.execute(
                insert(Concern).values(
                    item_id=item_id,
                    tracking_code_hash="x" * 64,
                    source="web",
                    acknowledge_due_on=now.date(),
                    response_due_on=now.date(),
                )
            )
            conn.execute(
                insert(CaseTheme).values(
                    item_id=item_id,
                    code="transport",
                    source="staff",
                    taxonomy_version=1,
                    set_at=now,
                )
            )
    engine.dispose()
    monkeypatch.setenv("FV_MODEL_DIR", str(tmp_path))

    first = familyvoice(url, "themes", "train")
    assert first.returncode == 0, first.stderr
    assert f"{len(themes.shipped_examples())} shipped, 6 staff" in first.stdout
    assert "transport" in first.stdout and "version 1 written" in first.stdout
    assert "Held-out (320 texts), model: micro P" in first.stdout
    model = json.loads((tmp_path / "themes-v0001.json").read_text())
    assert "transport" in model["labels"]
    assert model["training_counts"]["per_code"]["transport"] == {"staff": 6}
    assert model["held_out"]["model"]["micro_f1"] > 0
    terms = {row[1] for row in model["features"]}
    assert not {t for t in terms if "vexm" in t}  # the family's name was redacted

    second = familyvoice(url, "themes", "train", "--shipped-only")
    assert second.returncode == 0, second.stderr
    assert "version 2 written" in second.stdout
    assert "transport" not in json.loads((tmp_path / "themes-v0002.json").read_text())["labels"]
