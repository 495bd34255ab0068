"""The manager's (N+1) questionnaire: sent with the cold evaluation to the manager named on the
participant's record, answered through a personal link without an account.

The link is ``/n1/<cold invitation id>.<HMAC of its nonce>``, under a signature of its own: the
participant's cold link does not open the manager's form, nor the reverse. Answers are stored
once, append-only, as an evaluation submission of kind ``manager`` about the participant.
"""

from datetime import datetime

from sqlalchemy import select

from ..documents.french import long_date
from ..extensions import db
from ..modules import Course
from ..storage import ColdInvitation, EvaluationSubmission, OutboxMessage, TrainingSession
from . import outbox
from .invitation_links import absolute
from .invitation_links import invitation_for_token as _invitation_for_token
from .invitation_links import token_for as _token_for

MANAGER_LINK_PATH = "/n1/"
MESSAGE_KIND = "manager_invitation"


MANAGER_PURPOSE = "manager-questionnaire"


def token_for(invitation: ColdInvitation) -> str:
    """Return the token of the manager's link for a participant (recomputed, never stored)."""
    return _token_for(invitation, MANAGER_PURPOSE)


def invitation_for_token(token: str) -> ColdInvitation | None:
    """Return the cold invitation a well-formed, authentic manager token names, or None."""
    return _invitation_for_token(token, MANAGER_PURPOSE)


def link_for(invitation: ColdInvitation) -> str:
    """Return the manager's absolute link, on the public address (LEXOM_BASE_URL)."""
    return absolute(MANAGER_LINK_PATH, token_for(invitation))


def _text(course: Course, training: TrainingSession, name: str, url: str) -> tuple[str, str]:
    when = f"du {long_date(training.starts_on)} au {long_date(training.ends_on)}"
    subject = f"La formation « {course.title} » suivie par {name} : votre regard"
    body = (
        "Bonjour,\n\n"
        f"{name} a suivi la formation « {course.title} » {when}. Vous êtes indiqué(e) comme "
        "son ou sa responsable.\n\n"
        "Ce court questionnaire (5 minutes) recueille ce que vous observez depuis dans son "
        "travail. Vos réponses nous aident à mesurer l'effet de la formation.\n\n"
        f"Votre lien personnel, sans mot de passe :\n{url}\n\n"
        f"Merci,\n{course.provider.name}\n"
    )
    return subject, body


def invite(
    invitation: ColdInvitation,
    course: Course,
    training: TrainingSession,
    now: datetime | None = None,
) -> OutboxMessage | None:
    """Queue the manager's invitation (once; not committed), when the course has a manager's
    questionnaire and the participant's record names a manager."""
    person = invitation.participant
    if "manager" not in course.evaluations or not person.manager_email:
        return None
    text = _text(course, training, person.name, link_for(invitation))
    key = f"manager:{invitation.id}"
    return outbox.enqueue_about(person, key, MESSAGE_KIND, text, person.manager_email, now)


def responded(participant_id: int) -> bool:
    """Say whether the participant's manager answered."""
    query = select(EvaluationSubmission.id).where(
        EvaluationSubmission.participant_id == participant_id,
        EvaluationSubmission.kind == "manager",
    )
    return db.session.scalar(query) is not None
