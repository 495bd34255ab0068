"""The daily purge: apply the retention schedule and say what was removed (idempotent).

People whose data has outlived the schedule are erased (the same path as an erasure on
request); the documents of erased people whose own retention has ended are emptied; sent
e-mails, export files and revoked tokens past their periods are deleted.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, or_, select

from ...extensions import db
from ...storage import (
    AccessLink,
    ApiToken,
    Attestation,
    ExportJob,
    OutboxMessage,
    Participant,
    RetainedDocument,
    TrainingSession,
)
from ...storage.guards import ERASURE_OPTION
from ...storage.types import utcnow
from ..context import current
from . import retention
from .erasure import empty_documents, erase

PURGE_ACTOR = "system:purge"
PURGE_REASON = "Durée de conservation échue (purge)"
DONE_MESSAGES = ("sent", "copied", "failed")


@dataclass
class PurgeReport:
    """What a purge removed (or, in a dry run, would remove)."""

    dry_run: bool
    lines: list[str] = field(default_factory=list)

    @property
    def removed(self) -> int:
        """Return how many things were (or would be) removed."""
        return len(self.lines)


def purge(now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Apply the schedule at ``now``; with ``dry_run``, only say what would go."""
    now = now or utcnow()
    schedule = retention.schedule(current().settings.config)
    report = PurgeReport(dry_run)
    _people(schedule, now, report)
    _documents(schedule, now, report)
    _messages(schedule, now, report)
    _exports(schedule, now, report)
    _tokens(schedule, now, report)
    if not dry_run:
        db.session.commit()
    return report


def _past(until, now, *conditions) -> list[int]:
    """Return the participants matching ``conditions`` whose ``until(session end)`` is past."""
    today = retention.today(now)
    rows = db.session.execute(
        select(Participant.id, TrainingSession.ends_on)
        .join(TrainingSession, Participant.session_id == TrainingSession.id)
        .where(*conditions)
        .order_by(Participant.id)
    ).all()
    return [participant_id for participant_id, ends_on in rows if until(ends_on) <= today]


def _people(schedule, now, report: PurgeReport) -> None:
    for participant_id in _past(schedule.personal_until, now, Participant.erased_at.is_(None)):
        report.lines.append(f"participant {participant_id}: personal data erased")
        if not report.dry_run:
            erase(participant_id, PURGE_ACTOR, PURGE_REASON, now, schedule)


def _documents(schedule, now, report: PurgeReport) -> None:
    with_documents = or_(
        Participant.id.in_(
            select(Attestation.participant_id).where(func.length(Attestation.pdf) > 0)
        ),
        Participant.id.in_(select(RetainedDocument.participant_id)),
    )
    erased = Participant.erased_at.is_not(None)
    for participant_id in _past(schedule.documents_until, now, erased, with_documents):
        report.lines.append(f"participant {participant_id}: documents past retention emptied")
        if not report.dry_run:
            empty_documents(participant_id)
    # A retained document carries its own end date too (the schedule may have changed since).
    late = select(RetainedDocument.id).where(RetainedDocument.keep_until <= retention.today(now))
    for document_id in db.session.scalars(late).all():
        report.lines.append(f"retained document {document_id}: past its keeping date")
        if not report.dry_run:
            db.session.execute(
                delete(RetainedDocument).where(RetainedDocument.id == document_id),
                execution_options={ERASURE_OPTION: True},
            )


def _messages(schedule, now, report: PurgeReport) -> None:
    limit = retention.days_ago(schedule.messages_days, now)
    stamp = func.coalesce(OutboxMessage.sent_at, OutboxMessage.created_at)
    query = select(OutboxMessage.id, OutboxMessage.key).where(
        OutboxMessage.status.in_(DONE_MESSAGES), stamp <= limit
    )
    for message_id, key in db.session.execute(query.order_by(OutboxMessage.id)).all():
        report.lines.append(f"e-mail {key}: deleted")
        if not report.dry_run:
            db.session.execute(delete(OutboxMessage).where(OutboxMessage.id == message_id))


def exports_folder() -> Path:
    """Return the instance folder's exports directory (it may not exist)."""
    return current().settings.exports_dir


def _job_file(job: ExportJob) -> Path:
    return Path(job.path) if job.path else exports_folder() / f"{job.token}.zip"


def _exports(schedule, now, report: PurgeReport) -> None:
    limit = retention.days_ago(schedule.exports_days, now)
    jobs = db.session.scalars(select(ExportJob).order_by(ExportJob.id)).all()
    known = {_job_file(job).name for job in jobs}
    for job in jobs:
        if job.created_at > limit:
            continue
        path = _job_file(job)
        report.lines.append(f"export {job.id}: {path.name} deleted")
        if not report.dry_run:
            path.unlink(missing_ok=True)
            db.session.delete(job)
    folder = exports_folder()
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name in known or not path.is_file():
            continue
        written = datetime.fromtimestamp(path.stat().st_mtime, tz=limit.tzinfo)
        if written <= limit:
            report.lines.append(f"export file {path.name}: deleted")
            if not report.dry_run:
                path.unlink(missing_ok=True)


def _tokens(schedule, now, report: PurgeReport) -> None:
    limit = retention.days_ago(schedule.tokens_days, now)
    for model, label in ((AccessLink, "access link"), (ApiToken, "API token")):
        query = select(model.id).where(model.revoked_at.is_not(None), model.revoked_at <= limit)
        for row_id in db.session.scalars(query.order_by(model.id)).all():
            report.lines.append(f"{label} {row_id}: revoked, deleted")
            if not report.dry_run:
                db.session.execute(delete(model).where(model.id == row_id))
