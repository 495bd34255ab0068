"""Live quizzes: one row per run (its state and a version counter), and every submitted answer.

Every submission is kept in ``live_answers`` (append-only); when a question closes, each
participant's last submission is copied into the shared ``answers`` table (context ``live``),
where it counts as evidence for the question's objectives.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..live import LiveState, Status
from .types import UTCDateTime, utcnow

UNFINISHED = text("status != 'finished'")


class LiveRun(db.Model):
    """One trainer-paced run of a quiz in a session; ``version`` moves on every change (ETags)."""

    __tablename__ = "live_runs"
    __table_args__ = (
        # At most one run under way per session, even when two clicks race.
        Index(
            "ix_live_runs_one_unfinished",
            "session_id",
            unique=True,
            sqlite_where=UNFINISHED,
            postgresql_where=UNFINISHED,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    quiz_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    question_ids: Mapped[list[str]] = mapped_column(JSON)
    content_version: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default=Status.WAITING.value)
    current_index: Mapped[int | None]
    leaderboard: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column()
    started_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __mapper_args__ = {"version_id_col": version}

    @property
    def state(self) -> LiveState:
        """Return the run's state for the core state machine."""
        return LiveState(Status(self.status), self.current_index, len(self.question_ids))

    @property
    def current_question_id(self) -> str | None:
        """Return the id of the question open or last closed, or None."""
        if self.current_index is None:
            return None
        return self.question_ids[self.current_index]


class LiveAnswer(db.Model):
    """One submission to a live question (append-only); ``seq`` counts a participant's changes.

    The unique ``(run, participant, question, seq)`` makes concurrent submissions queue up
    instead of overwriting each other, and lets a retried identical body be recognised.
    """

    __tablename__ = "live_answers"
    __table_args__ = (
        UniqueConstraint("run_id", "participant_id", "question_id", "seq"),
        Index("ix_live_answers_run_question", "run_id", "question_id"),
        # The phone's id of each answer: a late resend of an earlier one is recognised.
        Index(
            "uq_live_answers_request",
            "run_id",
            "participant_id",
            "question_id",
            "request_id",
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("live_runs.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    question_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int]
    response: Mapped[Any] = mapped_column(JSON, info={"personal": True})
    body_hash: Mapped[str] = mapped_column(String(32))
    earned: Mapped[float]
    possible: Mapped[float]
    correct: Mapped[bool | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    request_id: Mapped[str | None] = mapped_column(String(64))
