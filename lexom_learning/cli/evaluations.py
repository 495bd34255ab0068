"""``lexom evaluations send-due``: queue and send the cold evaluation messages now due."""

import click

from . import with_app


@click.group("evaluations")
def evaluations() -> None:
    """Evaluations: the cold evaluation's messages."""


@evaluations.command("send-due")
@with_app
def send_due() -> None:
    """Queue the invitations and reminders due now, then send the outbox (safe every hour)."""
    from ..services import cold

    issued, report = cold.send_due()
    click.echo(f"Messages mis en file : {len(issued)}")
    if report.sent or report.failed:
        click.echo(f"Envoyés : {len(report.sent)} · en échec : {len(report.failed)}")
    if report.waiting:
        click.echo(
            f"{report.waiting} message(s) à copier par le formateur (aucun serveur SMTP configuré)."
        )
    for key in report.failed:
        click.echo(f"Échec d'envoi : {key}", err=True)
