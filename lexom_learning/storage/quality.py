"""Complaints and improvement actions of a session (Qualiopi indicators 31 and 32)."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

COMPLAINT_STATUSES = ("open", "answered", "closed")
ACTION_STATUSES = ("planned", "in_progress", "done")


class Complaint(db.Model):
    """A complaint (réclamation) about a session: who, what, when, the answer, its status."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(200), info={"personal": True})
    subject: Mapped[str] = mapped_column(Text, info={"personal": True})
    answer: Mapped[str | None] = mapped_column(Text, info={"personal": True})
    status: Mapped[str] = mapped_column(String(20), default="open")
    recorded_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ImprovementAction(db.Model):
    """An improvement action decided after a complaint, an evaluation or an observation."""

    __tablename__ = "improvement_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    origin: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    due_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
