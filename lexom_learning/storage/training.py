"""Training sessions, their participants and the participants' personal access links."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User
from .types import UTCDateTime, utcnow

SESSION_STATUSES = ("planned", "closed")
SESSION_KINDS = ("inter", "intra")


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
    # inter (open to several companies) or intra (for one client company), and who pays.
    kind: Mapped[str | None] = mapped_column(String(10), default="inter")
    client_name: Mapped[str | None] = mapped_column(String(200))
    client_siret: Mapped[str | None] = mapped_column(String(14))
    funder: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The session's own half-day schedule: [{"slot", "date", "start", "end"}] (Europe/Paris
    # times); None: the course's times on the default dates (attestations.schedule).
    # JSONB on PostgreSQL: plain json has no equality, so SELECT DISTINCT over sessions fails.
    schedule: Mapped[list[dict[str, str]] | None] = mapped_column(
        JSON().with_variant(JSONB(), "postgresql")
    )
    # A session stopped early: when the trainer closed it, and why (printed on the documents).
    interrupted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    interruption_reason: Mapped[str | None] = mapped_column(Text, info={"personal": True})

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
    employer_name: Mapped[str | None] = mapped_column(String(200), info={"personal": True})
    employer_siret: Mapped[str | None] = mapped_column(String(14), info={"personal": True})
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
