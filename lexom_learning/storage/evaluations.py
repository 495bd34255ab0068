"""Evaluations: when each is open in a session, who submitted (append-only), the personal
links of the cold evaluation, and the outbox of messages to send."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .training import Participant
from .types import UTCDateTime, utcnow

MESSAGE_STATUSES = ("pending", "sending", "sent", "failed", "copied")


class EvaluationWindow(db.Model):
    """The positioning or hot evaluation opened (and maybe closed) by the trainer."""

    __tablename__ = "evaluation_windows"
    __table_args__ = (UniqueConstraint("session_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class EvaluationSubmission(db.Model):
    """A participant's one submission of an evaluation; its answers are in ``answers``
    (context ``evaluation``, context_id the evaluation id)."""

    __tablename__ = "evaluation_submissions"
    __table_args__ = (UniqueConstraint("participant_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    evaluation_id: Mapped[str] = mapped_column(String(64))
    earned: Mapped[float]
    possible: Mapped[float]
    channel: Mapped[str] = mapped_column(String(20))  # web, api, link
    content_version: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def percent(self) -> float | None:
        """Return the knowledge score in percent, or None without knowledge items."""
        return round(100 * self.earned / self.possible, 1) if self.possible else None


class ColdInvitation(db.Model):
    """A participant's cold evaluation: when it is due, and the nonce of their personal link."""

    __tablename__ = "cold_invitations"
    __table_args__ = (UniqueConstraint("participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    nonce: Mapped[str] = mapped_column(String(64), unique=True, info={"personal": True})
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant: Mapped[Participant] = relationship()


class OutboxMessage(db.Model):
    """An e-mail to send; ``key`` makes each message unique, ``status`` records its fate."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    to_address: Mapped[str] = mapped_column(String(254), info={"personal": True})
    subject: Mapped[str] = mapped_column(String(300), info={"personal": True})
    body: Mapped[str] = mapped_column(Text, info={"personal": True})
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text, info={"personal": True})
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the status last changed (sent, failed, bounced): the delivery's own timestamp.
    status_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_by: Mapped[str | None] = mapped_column(String(64))
