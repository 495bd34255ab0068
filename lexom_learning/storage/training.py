"""Training sessions, their participants and the participants' personal access links."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User
from .types import UTCDateTime, utcnow

SESSION_STATUSES = ("planned", "closed")


class TrainingSession(db.Model):
    """One dated delivery of a course, run by one trainer."""

    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(200))
    trainer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    trainer: Mapped[User] = relationship()
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="session", order_by="Participant.name"
    )


class Participant(db.Model):
    """A learner enrolled in a session; no password, a personal link instead."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("session_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), info={"personal": True})
    email: Mapped[str] = mapped_column(String(254), info={"personal": True})
    # The manager (N+1), who receives the manager's questionnaire with the cold evaluation.
    manager_email: Mapped[str | None] = mapped_column(String(254), info={"personal": True})
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when the person's identity was replaced by a pseudonym (services/privacy/erasure.py).
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    session: Mapped[TrainingSession] = relationship(back_populates="participants")
    links: Mapped[list["AccessLink"]] = relationship(
        back_populates="participant", order_by="AccessLink.id"
    )

    def get_id(self) -> str:
        """Return the id Flask-Login keeps in the session."""
        return f"participant:{self.id}"

    is_authenticated = True
    is_active = True
    is_anonymous = False
    role = "participant"


class AccessLink(db.Model):
    """A personal access link. The token is an HMAC of ``nonce`` under the app secret, so the
    database alone never reveals a working link; revoking sets ``revoked_at``."""

    __tablename__ = "access_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    nonce: Mapped[str] = mapped_column(String(64), unique=True, info={"personal": True})
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    participant: Mapped[Participant] = relationship(back_populates="links")
