"""Append-only learning records: quiz attempts, answers and the completion event log."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

UNIT_DONE = text("verb = 'unit_done'")


class QuizAttempt(db.Model):
    """One submitted attempt at a module quiz (written once, never updated)."""

    __tablename__ = "quiz_attempts"
    __table_args__ = (
        UniqueConstraint("participant_id", "quiz_id", "number"),
        # A resent submission carries the key of the first: it finds that attempt again.
        Index("uq_quiz_attempts_idempotency", "participant_id", "idempotency_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    quiz_id: Mapped[str] = mapped_column(String(64))
    number: Mapped[int]
    earned: Mapped[float]
    possible: Mapped[float]
    content_version: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    idempotency_key: Mapped[str | None] = mapped_column(String(64))

    answers: Mapped[list["Answer"]] = relationship(order_by="Answer.id")

    @property
    def percent(self) -> float:
        """Return the score in percent."""
        return 100 * self.earned / self.possible if self.possible else 0.0


class Answer(db.Model):
    """One graded (or collected) response to one question, in any context (append-only)."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    context: Mapped[str] = mapped_column(String(20))  # quiz, live, evaluation
    context_id: Mapped[str] = mapped_column(String(64))  # quiz id, live run id, evaluation id
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_attempts.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    response: Mapped[Any] = mapped_column(JSON, info={"personal": True})
    earned: Mapped[float]
    possible: Mapped[float]
    correct: Mapped[bool | None]
    objectives: Mapped[list[str]] = mapped_column(JSON)
    content_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CompletionEvent(db.Model):
    """One line of the completion log: who did what to which object, with what result."""

    __tablename__ = "completion_events"
    __table_args__ = (
        # A unit is done once per participant, even when two requests race (migration 0005).
        Index(
            "uq_completion_events_unit_done",
            "participant_id",
            "object_id",
            unique=True,
            sqlite_where=UNIT_DONE,
            postgresql_where=UNIT_DONE,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    actor: Mapped[str] = mapped_column(String(64))  # participant:12, user:3
    verb: Mapped[str] = mapped_column(String(40))  # unit_done, quiz_submitted...
    object_id: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict | None] = mapped_column(JSON, info={"personal": True})
    content_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
