"""The `familyvoice` command: serve, migrate, seed-demo, purge."""

from __future__ import annotations

from pathlib import Path

import typer

from app.config import Settings, alembic_config, get_settings

cli = typer.Typer(
    help="Families' Voice: concerns, forum feedback and Families Commission reports.",
    no_args_is_help=True,
    add_completion=False,
)


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
    import time

    from app import clock, demo
    from app.db import get_sessionmaker
    from app.text import warmup

    started = time.perf_counter()
    typer.echo("Loading demo data (only into a database with no concerns)")
    with get_sessionmaker()() as session:
        if demo.has_concerns(session):
            typer.echo("The database already has concerns: no demo data loaded.")
            return
        # Each demo concern is read by the text engines: load them first, and say so.
        warmup.warm(typer.echo)
        receipts = demo.seed(session, now=clock.now(), progress=typer.echo)
        session.commit()
    typer.echo(f"Done in {time.perf_counter() - started:.1f} s.")
    if not receipts:
        typer.echo("The database already has concerns: no demo data loaded.")
        return
    typer.echo("Demo concerns loaded. Try tracking one at /track:")
    for receipt in receipts:
        typer.echo(f"  {receipt.reference}  tracking code {receipt.tracking_code}")
    typer.echo(
        "Staff: make an administrator with  familyvoice create-user --email you@example.com --role admin"
    )


@cli.command()
def purge() -> None:
    """Delete expired drafts, idempotency records, throttle counters, staff sessions and links."""
    from app import jobs

    typer.echo(jobs.purge().summary())


@cli.command()
def due(
    received: str = typer.Option(..., help="The date received, YYYY-MM-DD"),
    working_days: int = typer.Option(
        ..., "--working-days", min=0, help="The target in working days"
    ),
) -> None:
    """Print the due date (YYYY-MM-DD) of a target counted in England working days."""
    from datetime import date

    from app.sla import calendar

    try:
        day = date.fromisoformat(received)
    except ValueError:
        raise typer.BadParameter(
            "use the form YYYY-MM-DD, e.g. 2026-12-18", param_hint="--received"
        ) from None
    typer.echo(calendar.add_working_days(day, working_days).isoformat())


@cli.command()
def sweep() -> None:
    """Escalate overdue and due-soon clocks (safe to run often, and from several places)."""
    from app import jobs

    result = jobs.sweep()
    if not result.ran:
        typer.echo("Another sweep is running: nothing done.")
        return
    typer.echo(f"Sweep done: {result.alerts} alerts, {result.notifications} emails queued.")


def _batch(engine_name: str) -> None:
    import sys

    from app.text import batch

    failures = batch.run(sys.stdin, batch.ENGINES[engine_name], sys.stdout)
    if failures:
        typer.echo(f"{failures} line(s) could not be processed", err=True)
        raise typer.Exit(1)


@cli.command("redact")
def redact_command() -> None:
    """JSON Lines in ({"id", "text", "known_names"?}), each with "redacted" and "entities" added."""
    _batch("redact")


@cli.command("assess-risk")
def assess_risk_command() -> None:
    """JSON Lines in ({"id", "text"}), each with "urgent", "signals" and "evidence" added."""
    _batch("assess-risk")


@cli.command("classify-themes")
def classify_themes_command() -> None:
    """JSON Lines in ({"id", "text"}), each with "themes" (codes) added."""
    _batch("classify-themes")


@cli.command("import-schools")
def import_schools(
    path: Path = typer.Argument(..., help="A GIAS CSV export (URN, EstablishmentName, Town)"),
) -> None:
    """Load the council's schools from the DfE register, so redaction finds them by name."""
    from app.db import get_sessionmaker
    from app.directory import service

    try:
        rows = service.read_gias(path.read_bytes())
    except (OSError, service.ImportProblem) as exc:
        typer.echo(f"Nothing imported: {exc}", err=True)
        raise typer.Exit(1) from None
    with get_sessionmaker()() as session:
        count = service.import_schools(session, rows)
        session.commit()
    typer.echo(f"{count} schools imported.")


def _command_group(name: str, help_text: str) -> typer.Typer:
    """A group of subcommands: `familyvoice <name> <command>`."""
    group = typer.Typer(help=help_text, no_args_is_help=True)
    cli.add_typer(group, name=name)
    return group


models_cli = _command_group(
    "models", "The trained models: built once into FV_MODEL_DIR, loaded at start."
)


@models_cli.command("build")
def models_build() -> None:
    """Train the name detector, risk and theme models where missing or stale."""
    from app.text import warmup

    warmup.warm(typer.echo)


themes_cli = _command_group(
    "themes", "The theme classifier: rules plus a model trained on examples and staff corrections."
)


@themes_cli.command("train")
def themes_train(
    shipped_only: bool = typer.Option(
        False, "--shipped-only", help="Train on the shipped examples alone (no database)"
    ),
) -> None:
    """Train a new theme model version on the shipped examples and staff corrections."""
    from app.text import theme_training, themes

    examples = themes.shipped_examples()
    if not shipped_only:
        from app.db import get_sessionmaker
        from app.triage import training

        with get_sessionmaker()() as session:
            examples += training.staff_examples(session)
    trained = theme_training.train_version(examples, get_settings().model_dir)
    for line in theme_training.report_lines(trained):
        typer.echo(line)


risk_cli = _command_group(
    "risk", "The risk detector: staff feedback on its false alarms and misses."
)


@risk_cli.command("export-training")
def risk_export_training(
    out: Path = typer.Option(..., "--out", help="The JSON Lines file to write"),
) -> None:
    """Managers' accepted marks as labelled risk examples, redacted, for a person to review.

    Nothing retrains: a person checks the file and adds it to data/ by hand."""
    import json

    from app.db import get_sessionmaker
    from app.triage import risk_feedback

    count = 0
    with get_sessionmaker()() as session, out.open("w", encoding="utf-8") as file:
        for row in risk_feedback.training_rows(session):
            file.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    typer.echo(f"{count} accepted mark(s) written to {out}. Review them before adding to data/.")


@cli.command("create-user")
def create_user(
    email: str = typer.Option(..., help="Work email address"),
    role: list[str] = typer.Option(
        ..., help="admin, manager, triage, caseworker or commission; repeat for more"
    ),
    name: str = typer.Option("", help="Display name (defaults to the email address)"),
) -> None:
    """Create a staff account and print its one-time set-up link."""
    from app import clock
    from app.audit.service import Actor
    from app.db import get_sessionmaker
    from app.errors import Conflict
    from app.staff import links, service
    from app.staff.models import Role

    try:
        roles = [Role(r) for r in role]
    except ValueError as exc:
        raise typer.BadParameter(
            f"unknown role: {exc}. Use {', '.join(r.value for r in Role)}"
        ) from None
    now = clock.now()
    with get_sessionmaker()() as session:
        try:
            user = service.create_user(
                session,
                email=email,
                display_name=name or email,
                roles=roles,
                team_id=None,
                actor=Actor(None, "cli"),
                now=now,
            )
        except Conflict as exc:
            typer.echo(exc.message, err=True)
            raise typer.Exit(1) from None
        token = links.issue_link(session, user, purpose="setup", now=now)
        session.commit()
    hours = get_settings().setup_link_hours
    try:
        link = links.link_url(token, purpose="setup")
    except ValueError as exc:  # FV_BASE_URL unset outside development
        typer.echo(f"Created {user.email}, but no link can be printed: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Created {user.email} ({', '.join(sorted(user.roles))}).")
    typer.echo(f"One-time set-up link (works once, for {hours} hours):")
    typer.echo(link)


@cli.command("audit-verify")
def audit_verify() -> None:
    """Check the audit trail's hash chain, and its head against the signed checkpoints."""
    from app.audit import checkpoints
    from app.audit import service as audit
    from app.db import get_sessionmaker

    with get_sessionmaker()() as session:
        report = audit.verify_chain(session)
        if not report.ok:
            typer.echo(
                f"Audit trail broken at event {report.first_broken_seq}: {report.reason}", err=True
            )
            raise typer.Exit(1)
        try:
            anchored = checkpoints.verify(session)
        except checkpoints.NoKey as exc:
            typer.echo(f"Audit trail intact: {report.checked} events checked.")
            typer.echo(f"Checkpoints not checked: {exc}.", err=True)
            return
    if not anchored.ok:
        typer.echo(f"Audit trail does not match its checkpoints: {anchored.message}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Audit trail intact: {report.checked} events checked. {anchored.message}")


@cli.command("audit-checkpoint")
def audit_checkpoint() -> None:
    """Append a signed checkpoint of the audit trail's newest event to FV_AUDIT_CHECKPOINT_DIR."""
    from app import jobs
    from app.audit import checkpoints

    try:
        seq, head = jobs.audit_checkpoint()
    except checkpoints.NoKey as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Checkpoint written to {checkpoints.path()}: event {seq}, hash {head[:16]}…")


@cli.command("audit-keygen")
def audit_keygen() -> None:
    """Print a new checkpoint signing key and its public half (keep the first secret)."""
    from app.audit import checkpoints

    key = checkpoints.new_signing_key()
    typer.echo(f"FV_AUDIT_SIGNING_KEY={key}")
    typer.echo(f"FV_AUDIT_VERIFY_KEY={checkpoints.public_key_of(key)}")


@cli.command()
def outbox(limit: int = typer.Option(20, help="How many messages to show")) -> None:
    """Show queued messages not yet delivered (development: read set-up and reset links here)."""
    from app.db import get_sessionmaker
    from app.notify import service as notify

    if not get_settings().is_development:
        typer.echo(
            "The outbox holds links that sign people in: shown in development only.", err=True
        )
        raise typer.Exit(1)
    with get_sessionmaker()() as session:
        for message in notify.unsent(session, limit=limit):
            typer.echo(
                f"#{message.id} {message.created_at:%Y-%m-%d %H:%M} to {message.to_address} "
                f"[{message.template}] {message.personalisation}"
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
    import os

    import uvicorn

    settings = get_settings()  # refuse to start with a placeholder secret outside development
    base = link_base_for_serve(settings, host, port)
    if base is None:
        typer.echo(
            "Set FV_BASE_URL to the address staff open (links in emails start with it).", err=True
        )
        raise typer.Exit(1)
    if base != settings.base_url:
        os.environ["FV_BASE_URL"] = base  # for the server, and a reloader's child process
        get_settings.cache_clear()
    if migrate_first:
        typer.echo("Applying database migrations...")
        upgrade_database()
    typer.echo(f"Families' Voice is running at http://{host}:{port} (links: {base})")
    if not settings.warm_before_serving:
        # The server answers at once and loads the text engines (about a second with
        # built models, longer on a first run) beside it; /readyz says when they are in.
        typer.echo("Loading the text engines beside the server: /readyz answers once they are in.")
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        # The client address is decided by app.proxies from FV_TRUSTED_PROXIES alone:
        # uvicorn's own rewriting trusts 127.0.0.1 by default, so anything local
        # could claim any address.
        proxy_headers=False,
        access_log=False,
    )


def link_base_for_serve(settings: Settings, host: str, port: int) -> str | None:
    """FV_BASE_URL if set; in development, this server's own address; else None (refuse)."""
    if settings.base_url.strip():
        return settings.base_url
    if settings.is_development:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104
        return f"http://{shown}:{port}"
    return None


def main() -> None:
    cli()
