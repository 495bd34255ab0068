"""Lateness, early departure and justified absence on a half-day, recorded by the trainer.

Append-only: each recording is a new row; the latest row of a participant's half-day is what
holds (a correction is a later row, with its author and time).
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class AttendanceAdjustment(db.Model):
    """What the trainer noted on one participant's half-day: arrival, departure, justification."""

    __tablename__ = "attendance_adjustments"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    slot: Mapped[str] = mapped_column(String(20))
    arrived_at: Mapped[str | None] = mapped_column(String(5))  # "09:20", Paris time
    left_at: Mapped[str | None] = mapped_column(String(5))
    justified_absence: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text, info={"personal": True})
    actor: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
