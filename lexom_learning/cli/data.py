"""``lexom data purge``, ``lexom backup FILE``, ``lexom restore FILE``."""

from pathlib import Path

import click
from flask import current_app

from . import with_app


@click.group("data")
def data() -> None:
    """Personal data: apply the retention schedule."""


@data.command("purge")
@click.option("--dry-run", is_flag=True, help="Say what would be removed, remove nothing.")
@with_app
def purge(dry_run: bool) -> None:
    """Remove what the retention schedule no longer allows to keep (safe to run daily)."""
    from ..services.privacy.purge import purge as run_purge
    from ..services.privacy.retention import ScheduleError

    try:
        report = run_purge(dry_run=dry_run)
    except ScheduleError as error:
        raise click.ClickException(str(error)) from None
    prefix = "would remove: " if dry_run else "removed: "
    for line in report.lines:
        click.echo(prefix + line)
    verb = "would be removed" if dry_run else "removed"
    click.echo(f"{report.removed} item(s) {verb}.")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_app
def backup(file: Path) -> None:
    """Write a consistent backup of the database to FILE (SQLite or PostgreSQL)."""
    from ..services.backup import BackupError
    from ..services.backup import backup as run_backup

    try:
        run_backup(current_app.config["SQLALCHEMY_DATABASE_URI"], file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written: {file} ({file.stat().st_size} bytes)")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_app
def restore(file: Path, yes: bool) -> None:
    """Replace the database's contents with the backup in FILE (stop the server first)."""
    from ..extensions import db
    from ..services.backup import BackupError
    from ..services.backup import restore as run_restore

    if not yes:
        click.confirm("Every change since the backup will be lost. Restore?", abort=True)
    db.session.remove()
    db.engine.dispose()
    try:
        run_restore(current_app.config["SQLALCHEMY_DATABASE_URI"], file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Database restored from {file}")
