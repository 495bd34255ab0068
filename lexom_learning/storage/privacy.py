"""The life of personal data: the erasure log, and the documents kept after an erasure."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class Erasure(db.Model):
    """One erasure of a participant's identity (append-only). It holds no erased data: the
    reason is stored with the person's name and e-mail replaced by the pseudonym."""

    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(String(64))  # user:3, system:purge
    reason: Mapped[str] = mapped_column(Text)
    summary: Mapped[dict] = mapped_column(JSON)  # rows changed or deleted, per table
    kept: Mapped[list] = mapped_column(JSON)  # documents kept, with the day their keeping ends
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RetainedDocument(db.Model):
    """A document the organisation must keep after an erasure (the signed attendance sheet),
    until ``keep_until``; the purge deletes it on that day."""

    __tablename__ = "retained_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # attendance_sheet
    content_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True, info={"personal": True})
    keep_until: Mapped[date] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
