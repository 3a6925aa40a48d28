"""The familyvoice command, run as an administrator would: in a shell, against a real database."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from sqlalchemy import text

from app.db import make_engine


def familyvoice(
    url: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "FV_DATABASE_URL": url,
        "FV_ENVIRONMENT": "development",
        "FV_LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_create_user_prints_a_set_up_link_and_audit_verify_catches_tampering(
    fresh_database_url, backend
) -> None:
    url = fresh_database_url
    assert familyvoice(url, "migrate").returncode == 0
    created = familyvoice(url, "create-user", "--email", "Admin@Council.example", "--role", "admin")
    assert created.returncode == 0, created.stderr
    assert re.search(r"http://127\.0\.0\.1:8000/staff/setup/[\w-]{20,}", created.stdout)
    assert "admin@council.example" in created.stdout
    again = familyvoice(url, "create-user", "--email", "admin@council.example", "--role", "admin")
    assert again.returncode == 1 and "already an account" in again.stderr
    bad_role = familyvoice(url, "create-user", "--email", "x@council.example", "--role", "king")
    assert bad_role.returncode != 0

    intact = familyvoice(url, "audit-verify")
    assert intact.returncode == 0 and "intact: 1 events" in intact.stdout

    # An intruder with database access drops the guard and rewrites history.
    engine = make_engine(url)
    with engine.begin() as conn:
        if backend == "postgresql":
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        else:
            for name in (
                conn.execute(
                    text(
                        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'"
                    )
                )
                .scalars()
                .all()
            ):
                conn.execute(text(f'DROP TRIGGER "{name}"'))
        conn.execute(text("UPDATE audit_event SET actor_label = 'someone-else' WHERE seq = 1"))
    engine.dispose()
    broken = familyvoice(url, "audit-verify")
    assert broken.returncode == 1
    assert "broken at event 1" in broken.stderr


def test_due_prints_one_iso_date() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "due", "--received", "2026-12-18", "--working-days", "10"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "FV_ENVIRONMENT": "development"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2027-01-06\n"
    bad = subprocess.run(
        [sys.executable, "-m", "app", "due", "--received", "18/12/2026", "--working-days", "10"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "FV_ENVIRONMENT": "development"},
    )
    assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr


def test_sweep_runs_from_the_command_line(fresh_database_url) -> None:
    assert familyvoice(fresh_database_url, "migrate").returncode == 0
    result = familyvoice(fresh_database_url, "sweep")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Sweep done: 0 alerts")


def _batch(command: str, lines: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", command],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "FV_ENVIRONMENT": "development"},
    )


def test_batch_commands_keep_fields_add_their_own_and_report_bad_lines() -> None:
    import json

    good = json.dumps(
        {
            "id": 1,
            "text": "My son Jayden was hit, ring 07700 900982",
            "extra": "kept",
            "known_names": ["Jayden"],
        }
    )
    bad_json = "{not json"
    bad_text = json.dumps({"id": 3, "text": 42})
    result = _batch("redact", [good, bad_json, bad_text])
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3
    assert out[0]["id"] == 1 and out[0]["extra"] == "kept"
    assert out[0]["redacted"] == "My son [NAME] was hit, ring [PHONE]"
    assert {e["type"] for e in out[0]["entities"]} == {"NAME", "PHONE"}
    assert "error" in out[1] and out[2]["id"] == 3 and "error" in out[2]

    risk = _batch("assess-risk", [json.dumps({"id": "a", "text": "he hits me"})])
    assert risk.returncode == 0
    assert json.loads(risk.stdout) == {
        "id": "a",
        "text": "he hits me",
        "urgent": True,
        "signals": ["violence"],
        "evidence": [{"signal": "violence", "start": 3, "end": 10}],
    }

    themes = _batch("classify-themes", [json.dumps({"id": 9, "text": "nobody calls me back"})])
    assert themes.returncode == 0 and json.loads(themes.stdout)["themes"] == ["communication"]


def test_import_schools_loads_a_gias_export_and_refuses_a_bad_one(
    fresh_database_url, backend, tmp_path
) -> None:
    url = fresh_database_url
    assert familyvoice(url, "migrate").returncode == 0
    good = tmp_path / "edubase.csv"
    good.write_bytes(
        b"URN,EstablishmentName,Town\n116001,St Ethelbert's CE Primary School,Hereford\n"
        b"116002,Kingsmead Vale High School,Hereford\n"
    )
    done = familyvoice(url, "import-schools", str(good))
    assert done.returncode == 0, done.stderr
    assert "2 schools imported" in done.stdout
    bad = tmp_path / "other.csv"
    bad.write_bytes(b"name\nA School\n")
    refused = familyvoice(url, "import-schools", str(bad))
    assert refused.returncode == 1 and "URN and EstablishmentName" in refused.stderr
    engine = make_engine(url)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT name FROM school ORDER BY urn")).scalars().all()
    engine.dispose()
    assert names == ["St Ethelbert's CE Primary School", "Kingsmead Vale High School"]


def test_seed_demo_says_what_it_is_doing(fresh_database_url, tmp_path) -> None:
    assert familyvoice(fresh_database_url, "migrate").returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "app", "seed-demo"],
        env={
            **os.environ,
            "FV_DATABASE_URL": fresh_database_url,
            "FV_ENVIRONMENT": "development",
            "FV_MODEL_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for expected in (
        "Loading the theme model (trained from data/themes on a first run)...",
        "Loading the risk rules and model...",
        "Added 3 demo teams",
        "Adding demo concern 1 of 3...",
        "Adding demo concern 3 of 3...",
        "Added 2 demo forum sessions",
    ):
        assert expected in lines
    engine = make_engine(fresh_database_url)
    with engine.connect() as connection:
        titles = connection.execute(text("SELECT title FROM forum_session")).scalars().all()
    engine.dispose()
    assert len(titles) == 2 and "Young people's forum (online)" in titles
    assert sum(1 for line in lines if re.fullmatch(r"  done in \d+\.\d s", line)) == 3
    assert re.search(r"^Done in \d+\.\d s\.$", result.stdout, re.MULTILINE)
    assert "sqlite" not in result.stdout  # never the database address (it may hold a password)
