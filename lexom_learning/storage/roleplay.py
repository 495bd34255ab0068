"""Role-play runs: the groups and roles of each run, and the observers' grids (append-only)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

RUN_STATUSES = ("open", "closed")


class RolePlayRun(db.Model):
    """One play of a case in a session: its groups, the debrief note, open or closed."""

    __tablename__ = "roleplay_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    case_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="open")
    seed: Mapped[int | None]
    debrief_note: Mapped[str] = mapped_column(Text, default="", info={"personal": True})
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    content_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    assignments: Mapped[list["RolePlayAssignment"]] = relationship(
        order_by="(RolePlayAssignment.group_no, RolePlayAssignment.id)",
        cascade="all, delete-orphan",
    )


class RolePlayAssignment(db.Model):
    """A participant's group and role in a run (replaced as a whole until the first grid)."""

    __tablename__ = "roleplay_assignments"
    __table_args__ = (UniqueConstraint("run_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("roleplay_runs.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    group_no: Mapped[int]
    role_id: Mapped[str] = mapped_column(String(64))


class RolePlayGrading(db.Model):
    """One observer's grid for the performer of their group (a correction is a new grading)."""

    __tablename__ = "roleplay_gradings"
    __table_args__ = (
        # A resent grid carries the key of the first: it finds that grading again.
        Index("uq_roleplay_gradings_idempotency", "observer_id", "idempotency_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("roleplay_runs.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    group_no: Mapped[int]
    observer_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    performer_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    comment: Mapped[str] = mapped_column(Text, default="", info={"personal": True})
    reason: Mapped[str] = mapped_column(String(500), default="", info={"personal": True})
    content_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    idempotency_key: Mapped[str | None] = mapped_column(String(64))

    scores: Mapped[list["RolePlayScore"]] = relationship(order_by="RolePlayScore.id")


class RolePlayScore(db.Model):
    """The level (1 to 4) given on one criterion, with the objectives it evidences."""

    __tablename__ = "roleplay_scores"
    __table_args__ = (CheckConstraint("level >= 1 AND level <= 4", name="level_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    grading_id: Mapped[int] = mapped_column(ForeignKey("roleplay_gradings.id"), index=True)
    criterion_id: Mapped[str] = mapped_column(String(64))
    level: Mapped[int]
    objectives: Mapped[list[str]] = mapped_column(db.JSON)
