"""Whether a training session accepts new evidence: the one rule every entry point calls.

A session is ``planned`` (open) until its trainer closes it; it is then ``closing`` while the
close steps run (``services.closing``), and ``closed`` once every due attestation is issued.
From ``closing`` on, no new evidence is taken (answers, attempts, units, evaluations, grids,
signatures), so the attestation snapshots stay true. The only evidence taken after closing is
the cold evaluation (on its own dates) and the trainer's attendance corrections.

The status is read from the database at the moment of the check, not from an object loaded
earlier; on PostgreSQL the read takes a share lock on the session's row until the caller
commits, so a close waits for the evidence being written and evidence written after the close
sees it.
"""

from sqlalchemy import bindparam, select

from ..extensions import db
from ..storage import TrainingSession
from ..translatable import N_
from .errors import Conflict

OPEN = "planned"
CLOSING = "closing"
CLOSED = "closed"
STATES = (OPEN, CLOSING, CLOSED)
NOT_OPEN = (CLOSING, CLOSED)

SESSION_CLOSED = N_(
    "La session est clôturée : plus rien n'y est enregistré "
    "(réponses, tentatives, évaluations, grilles, signatures)."
)
SESSION_IS_CLOSED = N_("La session est clôturée.")
CLOSE_IN_PROGRESS = N_(
    "La clôture de la session est en cours : réessayez dans un instant, une fois les "
    "attestations émises."
)

SESSIONS = TrainingSession.__table__
STATUS = select(SESSIONS.c.status).where(SESSIONS.c.id == bindparam("session_id"))
STATUS_SHARED = STATUS.with_for_update(read=True)


def current_status(session_id: int, executor=None, lock: bool = True) -> str | None:
    """Return the session's status as stored now (None if it does not exist).

    ``executor``: the request's session by default, or a bare connection. ``lock``: on
    PostgreSQL, hold a share lock on the row until the caller's transaction ends.
    """
    executor = db.session if executor is None else executor
    statement = STATUS_SHARED if lock else STATUS
    return executor.execute(statement, {"session_id": session_id}).scalar()


def accepts_evidence(status: str | None) -> bool:
    """Say whether a session in ``status`` takes new evidence (only while open)."""
    return status not in NOT_OPEN


def ensure_open(training_session: TrainingSession | int, message=None, executor=None) -> None:
    """Refuse new evidence once the session is closing or closed.

    ``training_session``: the session or its id. ``message``: a more precise refusal for the
    caller's case (a French template); the default names what is no longer recorded.

    :raises Conflict: the session is closing or closed (nothing may be stored then).
    """
    session_id = training_session if isinstance(training_session, int) else training_session.id
    if not accepts_evidence(current_status(session_id, executor)):
        raise Conflict(message or SESSION_CLOSED)


def is_closed(training_session: TrainingSession) -> bool:
    """Say whether the session has left the open state (closing or closed), as loaded."""
    return training_session.status in NOT_OPEN
