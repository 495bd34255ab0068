"""Erasure: a participant's identity replaced by a pseudonym everywhere, their signatures,
free text, e-mails and links deleted; the anonymous records the session's statistics and the
organisation's legal obligations need are kept, and the erasure itself is logged.

Every statement here is a bulk UPDATE or DELETE carrying ``ERASURE_OPTION``: the only path the
append-only guards (storage/guards.py) and the database triggers (migration 0010) let through.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, delete, func, select, update

from ...extensions import db
from ...modules import Course
from ...quizzes import type_of
from ...storage import (
    Attestation,
    Erasure,
    ExportJob,
    Participant,
    RetainedDocument,
    TrainingSession,
)
from ...storage.guards import ERASURE_OPTION
from ...storage.types import utcnow
from ..context import current
from ..errors import Conflict, Invalid, NotFound
from . import retention
from .registry import POLICIES, Action, Policy
from .rows import Redactor, owned, scrub, table

OPTIONS = {ERASURE_OPTION: True}
MAX_REASON = 500


@dataclass
class KeptDocument:
    """A document kept after the erasure, until its retention ends."""

    kind: str  # attestation, certificat, attendance_sheet
    reference: str  # attestation number, or the sheet's session
    keep_until: date

    def as_dict(self) -> dict[str, str]:
        """Return the document as JSON."""
        return {"kind": self.kind, "reference": self.reference, "keep_until": str(self.keep_until)}


@dataclass
class ErasureReport:
    """What an erasure did."""

    participant_id: int
    pseudonym: str
    erased_at: datetime
    changed: dict[str, int] = field(default_factory=dict)
    kept: list[KeptDocument] = field(default_factory=list)


def pseudonym_of(participant_id: int) -> tuple[str, str]:
    """Return the pseudonym and the placeholder e-mail of an erased participant."""
    return f"Personne effacée n° {participant_id}", f"effacee-{participant_id}@pseudonyme.invalid"


def course_of(training: TrainingSession) -> Course | None:
    """Return the course a session delivers, if the app still serves it."""
    return current().courses.get(training.course_id)


def kept_documents(participant: Participant, schedule: retention.Schedule) -> list[KeptDocument]:
    """Return the documents an erasure of ``participant`` would keep, with their end dates."""
    until = schedule.documents_until(participant.session.ends_on)
    kept = []
    numbers = db.session.scalars(
        select(Attestation.number)
        .where(Attestation.participant_id == participant.id, func.length(Attestation.pdf) > 0)
        .order_by(Attestation.number)
    )
    for number in numbers:
        kept += [
            KeptDocument("attestation", number, until),
            KeptDocument("certificat", number, until),
        ]
    sheet = select(func.count()).select_from(table("attendance_signatures"))
    has_sheet = db.session.scalar(
        sheet.where(table("attendance_signatures").c.participant_id == participant.id)
    )
    retained = db.session.scalar(
        select(func.count()).where(RetainedDocument.participant_id == participant.id)
    )
    if has_sheet or retained:
        kept.append(KeptDocument("attendance_sheet", f"session-{participant.session_id}", until))
    return kept


def erase(
    participant_id: int,
    actor: str,
    reason: str,
    now: datetime | None = None,
    schedule: retention.Schedule | None = None,
) -> ErasureReport:
    """Erase a participant's personal data (commits).

    :raises NotFound: unknown participant. :raises Conflict: already erased.
    :raises Invalid: no reason given, or a reason too long.
    """
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("Indiquez le motif de l'effacement.", "reason")
    if len(reason) > MAX_REASON:
        raise Invalid("Motif : %(limit)s caractères au plus.", "reason", limit=MAX_REASON)
    participant = db.session.get(Participant, participant_id)
    if participant is None:
        raise NotFound("Participant introuvable.")
    if participant.erased_at is not None:
        raise Conflict("Les données de ce participant ont déjà été effacées.")
    now = now or utcnow()
    schedule = schedule or retention.schedule(current().settings.config)
    training = participant.session
    course = course_of(training)
    name, email = participant.name, participant.email
    pseudonym, placeholder = pseudonym_of(participant.id)
    redactor = Redactor(name, email, pseudonym)
    documents_end = schedule.documents_until(training.ends_on)
    keep_documents = retention.today(now) < documents_end
    report = ErasureReport(participant.id, pseudonym, now)
    if keep_documents:
        _retain_attendance_sheet(participant, documents_end, now)
    report.kept = kept_documents(participant, schedule) if keep_documents else []
    session_id = training.id
    people = table("participants")
    marked = db.session.execute(
        update(people)
        .where(people.c.id == participant.id, people.c.erased_at.is_(None))
        .values(name=pseudonym, email=placeholder, erased_at=now),
        execution_options=OPTIONS,
    ).rowcount
    if marked != 1:  # erased meanwhile by a concurrent request
        db.session.rollback()
        raise Conflict("Les données de ce participant ont déjà été effacées.")
    for policy in POLICIES:
        if policy.table == "participants":
            continue
        changed = _erase_table(policy, participant.id, session_id, redactor, course)
        if changed:
            report.changed[policy.table] = changed
    outbox = table("outbox")
    extra = db.session.execute(
        delete(outbox).where(func.lower(outbox.c.to_address) == email.lower()),
        execution_options=OPTIONS,
    ).rowcount
    if extra:
        report.changed["outbox"] = report.changed.get("outbox", 0) + extra
    if not keep_documents:
        report.changed.update(empty_documents(participant.id))
    exports = _delete_session_exports(session_id)
    if exports:
        report.changed["export_jobs"] = exports
    report.changed["participants"] = 1
    db.session.add(
        Erasure(
            participant_id=participant.id,
            session_id=session_id,
            pseudonym=pseudonym,
            actor=actor[:64],
            reason=redactor.text(reason),
            summary=report.changed,
            kept=[k.as_dict() for k in report.kept],
            created_at=now,
        )
    )
    db.session.commit()
    db.session.expire_all()
    _checkpoint()
    return report


def _delete_session_exports(session_id: int) -> int:
    """Delete the session's export ZIPs (copies of its documents) and their jobs."""
    jobs = db.session.scalars(select(ExportJob).where(ExportJob.session_id == session_id)).all()
    folder = current().settings.exports_dir
    for job in jobs:
        (Path(job.path) if job.path else folder / f"{job.token}.zip").unlink(missing_ok=True)
        db.session.delete(job)
    return len(jobs)


def _checkpoint() -> None:
    """On SQLite, copy the write-ahead log into the database file and empty it: the log would
    otherwise keep the erased values until the next automatic checkpoint."""
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _erase_table(
    policy: Policy, participant_id: int, session_id: int, redactor: Redactor, course
) -> int:
    """Apply a policy's erasure actions to the person's rows; return how many rows changed."""
    rows = table(policy.table)
    mine = owned(policy, participant_id)
    if policy.deleted_on_erasure:
        return db.session.execute(delete(rows).where(mine), execution_options=OPTIONS).rowcount
    actions = {c: a for c, a in policy.columns.items() if a not in (Action.DOCUMENT,)}
    if not actions:
        return 0
    where = mine
    if policy.session_wide and "session_id" in rows.c:
        where = mine | (rows.c.session_id == session_id)
    selected = [rows.c.id, *(rows.c[c] for c in actions)]
    selected += [rows.c[c] for c in policy.owners if c not in actions]
    if Action.FREE_TEXT in actions.values():
        selected.append(rows.c.question_id)
    changed = 0
    for row in db.session.execute(select(*selected).where(where)).mappings().all():
        values = _new_values(row, actions, policy, participant_id, redactor, course)
        if values:
            db.session.execute(
                update(rows).where(rows.c.id == row["id"]).values(**values),
                execution_options=OPTIONS,
            )
            changed += 1
    return changed


def _new_values(row, actions, policy, participant_id, redactor, course) -> dict[str, Any]:
    """Return the columns of one row an erasure rewrites."""
    rows = table(policy.table)
    values: dict[str, Any] = {}
    for column, action in actions.items():
        value = row[column]
        if action == Action.REDACT:
            if isinstance(value, str) and redactor.mentions(value):
                values[column] = redactor.text(value)
            continue
        if not _is_own(row, policy, participant_id):
            # Someone else's row in the session: only the mentions of the person go.
            if action == Action.FREE_TEXT and isinstance(value, str) and redactor.mentions(value):
                values[column] = redactor.text(value)
            continue
        if action == Action.CLEAR and value not in (None, ""):
            values[column] = None if rows.c[column].nullable else ""
        elif action == Action.SCRUB and value is not None and scrub(value) != value:
            values[column] = scrub(value)
        elif action == Action.FREE_TEXT and _free_text(course, row["question_id"], value):
            values[column] = JSON.NULL
    return values


def _is_own(row, policy: Policy, participant_id: int) -> bool:
    """Say whether a selected row is the person's (not a session-wide neighbour's)."""
    if not policy.session_wide:
        return True
    return any(row[owner] == participant_id for owner in policy.owners)


def _free_text(course: Course | None, question_id: str, response: Any) -> bool:
    """Say whether a stored response is free text (unknown questions: any text is)."""
    if response is None:
        return False
    question = course.question(question_id) if course is not None else None
    if question is None:
        return isinstance(response, str)
    return type_of(question).own_words


def _retain_attendance_sheet(participant: Participant, keep_until: date, now: datetime) -> None:
    """Keep the person's signed attendance record as a document, before the images go."""
    signatures = table("attendance_signatures")
    rows = (
        db.session.execute(
            select(signatures)
            .where(signatures.c.participant_id == participant.id)
            .order_by(signatures.c.id)
        )
        .mappings()
        .all()
    )
    if not rows:
        return
    training = participant.session
    sheet = {
        "document": "feuille d'émargement signée",
        "session": {
            "id": training.id,
            "title": training.title,
            "starts_on": str(training.starts_on),
            "ends_on": str(training.ends_on),
            "location": training.location,
        },
        "participant": {"id": participant.id, "name": participant.name},
        "signatures": [
            {
                "slot": r["slot"],
                "kind": r["kind"],
                "method": r["method"],
                "signature": r["signature"],
                "reason": r["reason"],
                "actor": r["actor"],
                "signed_at": r["created_at"].isoformat(),
            }
            for r in rows
        ],
        "keep_until": str(keep_until),
    }
    db.session.add(
        RetainedDocument(
            participant_id=participant.id,
            session_id=training.id,
            kind="attendance_sheet",
            content_type="application/json",
            data=json.dumps(sheet, ensure_ascii=False, indent=2).encode(),
            keep_until=keep_until,
            created_at=now,
        )
    )
    db.session.flush()


def empty_documents(participant_id: int) -> dict[str, int]:
    """Empty an erased person's documents whose retention has ended: the attestations' PDFs
    and the name in their snapshot, and the retained attendance sheet (a step of the purge,
    which commits)."""
    pseudonym, _ = pseudonym_of(participant_id)
    attestations = table("attestations")
    rows = db.session.execute(
        select(attestations.c.id, attestations.c.snapshot).where(
            attestations.c.participant_id == participant_id, func.length(attestations.c.pdf) > 0
        )
    ).all()
    for row in rows:
        snapshot = dict(row.snapshot or {})
        person = snapshot.get("participant") or {}
        name = str(person.get("name") or "")
        if name:
            snapshot = Redactor(name, name, pseudonym).json(snapshot)
        db.session.execute(
            update(attestations)
            .where(attestations.c.id == row.id)
            .values(snapshot=snapshot, pdf=b"", certificate_pdf=b""),
            execution_options=OPTIONS,
        )
    retained = db.session.execute(
        delete(RetainedDocument).where(RetainedDocument.participant_id == participant_id),
        execution_options=OPTIONS,
    ).rowcount
    changed = {}
    if rows:
        changed["attestations"] = len(rows)
    if retained:
        changed["retained_documents"] = retained
    return changed
