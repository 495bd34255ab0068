"""Who calls the API, and what they may reach: bearer tokens only, never the session cookie.

The API is exempt from CSRF, so a cookie must never authenticate it: a page on another site
could otherwise post on behalf of a signed-in trainer.
"""

from flask import abort
from flask_babel import gettext

from ...modules import Course
from ...services import sessions
from ...services.errors import NotFound
from ...storage import Participant, TrainingSession, User
from ..content import courses
from ..request_rules import TOKEN_SHAPE  # noqa: F401  (kept importable from here)
from ..security import bearer_caller, can_manage_session, can_read_session, is_staff

MAX_ID = 2**31 - 1


def caller() -> User | Participant | None:
    """Return the caller named by a well-formed, valid bearer token, or None.

    The token is read by ``request_rules.parse_bearer_token`` (its shape checked before any
    lookup), as everywhere else.
    """
    return bearer_caller()


def signed_in() -> User | Participant:
    """Return any authenticated caller, else answer 401."""
    who = caller()
    if who is None:
        abort(401)
    return who


def staff(*roles: str) -> User:
    """Return the staff caller with one of ``roles`` (any if none); 401 anonymous, 403 others."""
    who = signed_in()
    if not is_staff(who, *roles):
        if not roles:
            abort(403, gettext("Réservé au personnel."))
        abort(403, gettext("Réservé au rôle %(roles)s.", roles="/".join(roles)))
    return who


def participant() -> Participant:
    """Return the participant calling with their access token; 401 anonymous, 403 staff."""
    who = signed_in()
    if not isinstance(who, Participant):
        abort(403, gettext("Réservé aux participants (Bearer : jeton d'accès personnel)."))
    return who


def readable_session(session_id: int, who: User) -> TrainingSession:
    """Return a session the staff caller may read; 404 otherwise (never reveal it exists)."""
    if not 0 < session_id <= MAX_ID:
        raise NotFound("Session introuvable.")
    training = sessions.get_session(session_id)
    if not can_read_session(who, training):
        raise NotFound("Session introuvable.")
    return training


def managed_session(session_id: int, who: User) -> TrainingSession:
    """Return a session the caller may change: 404 if unreadable, 403 if read-only."""
    training = readable_session(session_id, who)
    if not can_manage_session(who, training):
        abort(403, "Lecture seule : seul le formateur de la session peut la modifier.")
    return training


def course_of(training: TrainingSession) -> Course:
    """Return the course a session delivers.

    :raises NotFound: the app no longer serves it.
    """
    course = courses().get(training.course_id)
    if course is None:
        raise NotFound("Formation introuvable.")
    return course
