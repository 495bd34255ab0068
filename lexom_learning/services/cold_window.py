"""The cold evaluation's dates: it takes answers from its due date (the session's closing date
plus the course's ``delay_days``) until ``window_days`` later, never before nor after."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..clock import PARIS
from ..evaluations import cold_closes_at, cold_phase
from ..extensions import db
from ..modules import Course
from ..storage import ColdInvitation
from ..storage.types import utcnow
from ..translatable import N_, Message
from .errors import Conflict

NOT_SCHEDULED = N_(
    "L'évaluation à froid n'est pas encore programmée : elle le sera à la clôture de la session."
)
TOO_EARLY = N_(
    "L'évaluation à froid ouvre le %(opens)s : revenez à partir de cette date, "
    "rien n'a été enregistré."
)
TOO_LATE = N_(
    "L'évaluation à froid est close depuis le %(closes)s : les réponses ne sont plus acceptées."
)


@dataclass(frozen=True)
class ColdWindow:
    """When a participant's cold evaluation takes answers, and where ``now`` stands."""

    opens: datetime
    closes: datetime
    phase: str  # early, open, over

    @property
    def refusal(self) -> Message | None:
        """Return why an answer is refused now, or None while it is open."""
        if self.phase == "early":
            return Message(TOO_EARLY, {"opens": _day(self.opens)})
        if self.phase == "over":
            return Message(TOO_LATE, {"closes": _day(self.closes)})
        return None


def _day(moment: datetime) -> str:
    return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def window_of(invitation: ColdInvitation, course: Course, now: datetime | None = None):
    """Return the dates of an invitation's cold evaluation and where ``now`` stands."""
    now = now or utcnow()
    days = course.cold_evaluation.window_days
    closes = cold_closes_at(invitation.due_at, days)
    return ColdWindow(invitation.due_at, closes, cold_phase(invitation.due_at, days, now))


def invitation_of(participant_id: int) -> ColdInvitation | None:
    """Return the participant's cold invitation, if their session has scheduled it."""
    query = select(ColdInvitation).where(ColdInvitation.participant_id == participant_id)
    return db.session.scalar(query)


def ensure_cold_open(participant_id: int, course: Course, now: datetime | None = None) -> None:
    """Refuse a cold-evaluation answer outside its dates.

    :raises Conflict: not scheduled yet, before its due date, or after its closing date.
    """
    invitation = invitation_of(participant_id)
    if invitation is None:
        raise Conflict(NOT_SCHEDULED)
    refusal = window_of(invitation, course, now).refusal
    if refusal is not None:
        raise Conflict(refusal)
