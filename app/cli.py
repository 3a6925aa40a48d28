"""The `familyvoice` command: serve, migrate, seed-demo, purge."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from app.config import ROOT, get_settings

if TYPE_CHECKING:
    from alembic.config import Config

cli = typer.Typer(
    help="Families' Voice: concerns, forum feedback and Families Commission reports.",
    no_args_is_help=True,
    add_completion=False,
)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return config


def upgrade_database(url: str | None = None) -> None:
    """Apply every migration to the database at url (default: FV_DATABASE_URL)."""
    from alembic import command

    from app.db import make_engine

    url = url or get_settings().database_url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    engine.dispose()


@cli.command()
def migrate() -> None:
    """Apply database migrations (creates the database if it is an SQLite file)."""
    upgrade_database()
    typer.echo("Database is up to date.")


@cli.command("seed-demo")
def seed_demo() -> None:
    """Load a few demo concerns, only if the database has none; prints how to track them."""
    from app import clock, demo
    from app.db import get_sessionmaker

    with get_sessionmaker()() as session:
        receipts = demo.seed(session, now=clock.now())
        session.commit()
    if not receipts:
        typer.echo("The database already has concerns: no demo data loaded.")
        return
    typer.echo("Demo concerns loaded. Try tracking one at /track:")
    for receipt in receipts:
        typer.echo(f"  {receipt.reference}  tracking code {receipt.tracking_code}")


@cli.command()
def purge() -> None:
    """Delete expired drafts, idempotency records and throttle counters."""
    from datetime import timedelta

    from app import clock, throttle
    from app.concerns import drafts, service
    from app.db import get_sessionmaker

    now = clock.now()
    settings = get_settings()
    with get_sessionmaker()() as session:
        removed_drafts = drafts.purge_expired(session, now=now)
        removed = service.purge_expired(session, now=now)
        counters = throttle.purge_expired(
            session, window=timedelta(minutes=settings.track_window_minutes), now=now
        )
        session.commit()
    typer.echo(
        f"Removed {removed_drafts} drafts, {removed['idempotency_records']} "
        f"idempotency records, {counters} throttle counters."
    )


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port to listen on"),
    reload: bool = typer.Option(False, help="Restart when code changes (development)"),
    migrate_first: bool = typer.Option(
        True, "--migrate/--no-migrate", help="Apply migrations first"
    ),
) -> None:
    """Serve the web application."""
    import uvicorn

    get_settings()  # refuse to start with a placeholder secret outside development
    if migrate_first:
        upgrade_database()
    typer.echo(f"Families' Voice is running at http://{host}:{port}")
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        proxy_headers=True,
        access_log=False,
    )


def main() -> None:
    cli()
