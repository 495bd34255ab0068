"""Attestations: numbered, immutable documents; their status changes are audited."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .training import Participant, TrainingSession
from .types import UTCDateTime, utcnow

STATUSES = ("valid", "superseded", "revoked")
# The only columns an issued attestation may ever change (status transitions, with the audit).
MUTABLE_COLUMNS = frozenset({"status", "revoked_reason", "revoked_by", "revoked_at"})


class Attestation(db.Model):
    """One version of a participant's attestation for a session, with its certificate."""

    __tablename__ = "attestations"
    __table_args__ = (UniqueConstraint("participant_id", "session_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="valid")
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, info={"personal": True})
    # The documents are loaded only when asked for: lists and registers never pull them in.
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True, info={"personal": True})
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    certificate_number: Mapped[str | None] = mapped_column(String(64), unique=True)
    certificate_pdf: Mapped[bytes] = mapped_column(
        LargeBinary, deferred=True, info={"personal": True}
    )
    certificate_sha256: Mapped[str] = mapped_column(String(64), index=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(64))  # system, user:3
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("attestations.id"), unique=True)
    revoked_reason: Mapped[str | None] = mapped_column(Text, info={"personal": True})
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    participant: Mapped[Participant] = relationship()
    session: Mapped[TrainingSession] = relationship()
    supersedes: Mapped["Attestation | None"] = relationship(remote_side=[id])


class AttestationCounter(db.Model):
    """The last sequence number used for a prefix (course ref and year)."""

    __tablename__ = "attestation_counters"

    prefix: Mapped[str] = mapped_column(String(64), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class AttestationAudit(db.Model):
    """Who did what to attestations and exports, when and why (append-only)."""

    __tablename__ = "attestation_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    attestation_id: Mapped[int | None] = mapped_column(ForeignKey("attestations.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))  # issued, superseded, revoked, downloaded...
    actor: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text, info={"personal": True})
    details: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExportJob(db.Model):
    """A background export (ZIP of a session's PDFs): progress, then the file to download."""

    __tablename__ = "export_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # zip
    requested_by: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="pending")  # running, done, failed
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    path: Mapped[str | None] = mapped_column(String(500))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@event.listens_for(Attestation, "before_update")
def _only_status_changes(_mapper, _connection, target: Attestation) -> None:
    from .guards import AppendOnlyError

    state = inspect(target)
    changed = {a.key for a in state.attrs if a.history.has_changes()}
    frozen = changed - MUTABLE_COLUMNS - {"participant", "session", "supersedes"}
    if frozen:
        raise AppendOnlyError(f"attestations are immutable once issued: {sorted(frozen)}")


@event.listens_for(Attestation, "before_delete")
def _never_deleted(_mapper, _connection, target: Attestation) -> None:
    from .guards import AppendOnlyError

    raise AppendOnlyError("attestations are never deleted: revoke or supersede them")
