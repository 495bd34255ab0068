"""``lexom outbox send``: send the queued messages through LEXOM_SMTP_URL (safe every minute)."""

import sys

import click

from . import with_app


@click.group("outbox")
def outbox_group() -> None:
    """The outbox: messages to participants and their delivery status."""


@outbox_group.command("send")
@click.option("--limit", default=500, show_default=True, help="Messages at most in this run.")
@with_app
def send(limit: int) -> None:
    """Send every queued message; a failed one is retried on the next runs (3 attempts)."""
    from ..services import context, outbox

    try:
        settings = outbox.smtp_settings(context.current().settings.config)
    except ValueError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    transport = outbox.SmtpTransport(settings) if settings else None
    report = outbox.deliver_pending(transport, limit=limit)
    if transport is None:
        click.echo(
            f"Aucun serveur SMTP configuré (LEXOM_SMTP_URL) : {report.waiting} message(s) "
            "restent en file, non envoyés."
        )
        return
    click.echo(
        f"Envoyés : {len(report.sent)} · à réessayer : {len(report.retrying)} · "
        f"en échec : {len(report.failed)} · rejetés : {len(report.bounced)}"
    )
    for key in report.failed + report.bounced:
        click.echo(f"Non remis : {key}", err=True)
    if report.failed or report.bounced:
        sys.exit(1)
