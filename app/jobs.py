"""The periodic jobs, in one place: the server runs them in the background, the CLI by hand.

Each job opens its own session and commits its own work, so running it from the server's
loop, from `familyvoice <job>` or from cron does the same thing. Every job is safe to run
often and from several places at once (each says how).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

from app import clock
from app.config import get_settings
from app.logs import log
from app.purge import Purged
from app.sla.sweep import SweepResult


def sweep(*, now: datetime | None = None) -> SweepResult:
    """Escalate overdue and due-soon clocks (app.sla.sweep; one sweeper at a time)."""
    from app.db import get_sessionmaker
    from app.triage import alerts

    cadence = timedelta(hours=get_settings().alert_cadence_hours)
    with get_sessionmaker()() as session:
        result = alerts.sweep(session, now=now or clock.now(), cadence=cadence)
        session.commit()
    return result


def _sweep_once() -> None:
    result = sweep()
    log.info("sweep", ran=result.ran, alerts=result.alerts, notifications=result.notifications)


def forum_reminders(*, now: datetime | None = None) -> int:
    """Remind everyone with a place at a forum session starting within a day (once each)."""
    from app.db import get_sessionmaker
    from app.forum import sessions

    with get_sessionmaker()() as session:
        sent = sessions.send_reminders(session, now=now or clock.now())
        session.commit()
    return sent


def _forum_reminders_once() -> None:
    log.info("forum_reminders", queued=forum_reminders())


def issues_overdue(*, now: datetime | None = None) -> int:
    """Tell managers, once each, of every issue raised not answered by its deadline."""
    from app.db import get_sessionmaker
    from app.forum import answers

    with get_sessionmaker()() as session:
        queued = answers.alert_overdue(session, now=now or clock.now())
        session.commit()
    return queued


def _issues_overdue_once() -> None:
    log.info("issues_overdue", queued=issues_overdue())


def purge(*, now: datetime | None = None) -> Purged:
    """Delete every domain's expired rows (app.purge), in one transaction."""
    from app import purge as purging
    from app.db import get_sessionmaker

    with get_sessionmaker()() as session:
        purged = purging.purge_expired(session, now=now or clock.now())
        session.commit()
    return purged


def audit_checkpoint(*, now: datetime | None = None) -> tuple[int, str]:
    """Sign the audit trail's head into FV_AUDIT_CHECKPOINT_DIR (raises checkpoints.NoKey).

    Read-only on the database; several instances at once at worst write a duplicate line.
    """
    from app.audit import checkpoints
    from app.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return checkpoints.write(session, now=now or clock.now())


Job = Callable[[], object]


def schedule() -> list[tuple[str, float, Job]]:
    """What the server runs in the background: (name, every so many minutes, job)."""
    from app.audit import checkpoints

    settings = get_settings()
    jobs: list[tuple[str, float, Job]] = []
    if settings.sweep_interval_minutes > 0:
        jobs.append(("sweep", settings.sweep_interval_minutes, _sweep_once))
        jobs.append(("forum_reminders", settings.sweep_interval_minutes, _forum_reminders_once))
        jobs.append(("issues_overdue", settings.sweep_interval_minutes, _issues_overdue_once))
    if checkpoints.enabled():
        jobs.append(("audit_checkpoint", settings.audit_checkpoint_minutes, audit_checkpoint))
    return jobs


async def every(name: str, minutes: float, job: Job) -> None:
    """Run job now and every so many minutes, in a thread, until cancelled."""
    while True:
        try:
            await asyncio.to_thread(job)
        except Exception as exc:  # a failed run must not stop the next one
            log.error(f"{name}_failed", error=type(exc).__name__)
        await asyncio.sleep(minutes * 60)
