"""Attendance (émargement): one append-only record per signature act on a half-day slot."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

# participant: the participant signed on their phone (method drawn_png, drawn_svg or typed);
# countersign: the trainer vouched for that signature; paper: the trainer recorded a signature
# made on the printed sheet (method paper, with a reason); absent: the trainer refused a phone
# signature before closing (method absent, with a reason).
SIGNATURE_KINDS = ("participant", "countersign", "paper", "absent")
SIGNATURE_METHODS = ("drawn_png", "drawn_svg", "typed", "countersign", "paper", "absent")


class AttendanceSignature(db.Model):
    """One signature act on one half-day for one participant (written once, never changed)."""

    __tablename__ = "attendance_signatures"
    __table_args__ = (UniqueConstraint("participant_id", "slot", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    slot: Mapped[str] = mapped_column(String(20))  # d1-am, d1-pm...
    kind: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(20))
    signature: Mapped[str | None] = mapped_column(
        Text, info={"personal": True}
    )  # PNG data URL, SVG path or typed name
    reason: Mapped[str | None] = mapped_column(Text, info={"personal": True})
    actor: Mapped[str] = mapped_column(String(64))  # participant:12, user:3
    user_agent: Mapped[str] = mapped_column(String(300), default="", info={"personal": True})
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
