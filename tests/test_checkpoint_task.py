"""The server writes an audit checkpoint when it starts (and hourly after)."""

from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient

from app import db
from app.audit.checkpoints import new_signing_key
from app.cli import upgrade_database
from app.config import get_settings
from app.main import create_app


def test_the_server_writes_a_checkpoint_at_start(fresh_database_url, tmp_path, monkeypatch):
    upgrade_database(fresh_database_url)
    monkeypatch.setenv("FV_DATABASE_URL", fresh_database_url)
    monkeypatch.setenv("FV_AUDIT_SIGNING_KEY", new_signing_key())
    monkeypatch.setenv("FV_AUDIT_CHECKPOINT_DIR", str(tmp_path))
    for cached in (get_settings, db.get_engine, db.get_sessionmaker):
        cached.cache_clear()
    try:
        with TestClient(create_app()):
            deadline = time.monotonic() + 30
            target = tmp_path / "checkpoints.jsonl"
            while not target.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
        [line] = target.read_text().splitlines()
        assert json.loads(line)["seq"] == 0
    finally:
        db.get_engine().dispose()
        for name in ("FV_DATABASE_URL", "FV_AUDIT_SIGNING_KEY", "FV_AUDIT_CHECKPOINT_DIR"):
            monkeypatch.delenv(name)
        for cached in (get_settings, db.get_engine, db.get_sessionmaker):
            cached.cache_clear()
