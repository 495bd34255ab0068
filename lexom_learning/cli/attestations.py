"""``lexom attestations issue-due``: finish the closings a crash interrupted, then run the
issuing rule on every closed session (idempotent)."""

import click

from . import with_app


@click.group("attestations")
def attestations() -> None:
    """Attestations: issue those the course rule calls for."""


@attestations.command("issue-due")
@click.option("--session", "session_id", type=int, default=None, help="Only this session.")
@with_app
def issue_due(session_id: int | None) -> None:
    """Finish interrupted closings, then issue every due attestation of closed sessions (safe to
    run again, or from cron)."""
    from sqlalchemy import select

    from ..services import attestations as service
    from ..services import closing, context
    from ..storage import TrainingSession

    ctx = context.current()  # built by create_app, as for every process (services.context)

    resumed = 0
    for training in closing.pending(session_id):
        course = ctx.courses.get(training.course_id)
        if course is None:
            click.echo(f"Session {training.id} : formation introuvable.", err=True)
            continue
        before = len(service.for_session(training.id))
        outcome = closing.finish(training, course)
        fresh = len(service.for_session(training.id)) - before
        resumed += fresh
        click.echo(
            f"Session {training.id} : clôture reprise et terminée ({outcome.status}), "
            f"{fresh} attestation(s) émise(s), {len(outcome.issued)} valide(s) en tout."
        )
    query = select(TrainingSession).where(TrainingSession.status == "closed")
    if session_id is not None:
        query = query.where(TrainingSession.id == session_id)
    issued = superseded = 0
    for training in ctx.session.scalars(query.order_by(TrainingSession.id)).all():
        course = ctx.courses.get(training.course_id)
        if course is None:
            click.echo(f"Session {training.id} : formation introuvable.", err=True)
            continue
        report = service.issue_due(training, course, ctx=ctx)
        issued += len(report.issued)
        superseded += len(report.superseded)
        for attestation in report.issued + report.superseded:
            click.echo(f"Session {training.id} : attestation {attestation.number} émise.")
    click.echo(f"{issued + resumed} attestation(s) émise(s), {superseded} remplacée(s).")
