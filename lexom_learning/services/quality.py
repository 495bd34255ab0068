"""Complaints and improvement actions of a session (Qualiopi indicators 31 and 32)."""

from datetime import date

from sqlalchemy import select

from ..extensions import db
from ..storage import Complaint, ImprovementAction, TrainingSession
from ..storage.quality import ACTION_STATUSES, COMPLAINT_STATUSES
from ..storage.types import utcnow
from ..translatable import N_
from .errors import Invalid, NotFound

MAX_SHORT, MAX_TEXT = 200, 5000


def _text(value: str | None, field: str, limit: int, required: bool = True) -> str | None:
    text = (value or "").strip()
    if required and not text:
        raise Invalid("Ce champ est obligatoire.", field)
    if len(text) > limit:
        raise Invalid("%(limit)s caractères au plus.", field, limit=limit)
    return text or None


def _status(value: str | None, allowed: tuple[str, ...], default: str) -> str:
    status = (value or default).strip()
    if status not in allowed:
        raise Invalid("Statut inconnu : %(status)s.", "status", status=status)
    return status


def complaints_of(session_id: int) -> list[Complaint]:
    """Return a session's complaints, oldest first."""
    query = select(Complaint).where(Complaint.session_id == session_id)
    return list(db.session.scalars(query.order_by(Complaint.received_on, Complaint.id)))


def actions_of(session_id: int) -> list[ImprovementAction]:
    """Return a session's improvement actions, oldest first."""
    query = select(ImprovementAction).where(ImprovementAction.session_id == session_id)
    return list(db.session.scalars(query.order_by(ImprovementAction.id)))


def log_complaint(
    training: TrainingSession,
    actor: str,
    received_on: date | None,
    author: str,
    subject: str,
    answer: str | None = None,
    status: str | None = None,
    today: date | None = None,
) -> Complaint:
    """Record a complaint: who, what, when received, the answer and its status.

    :raises Invalid: a missing field, a text too long, a date in the future, an unknown status.
    """
    today = today or utcnow().date()
    if received_on is None:
        raise Invalid("Indiquez la date de réception.", "received_on")
    if received_on > today:
        raise Invalid("La date de réception ne peut pas être future.", "received_on")
    row = Complaint(
        session_id=training.id,
        received_on=received_on,
        author=_text(author, "author", MAX_SHORT),
        subject=_text(subject, "subject", MAX_TEXT),
        answer=_text(answer, "answer", MAX_TEXT, required=False),
        status=_status(status, COMPLAINT_STATUSES, "open"),
        recorded_by=actor,
    )
    db.session.add(row)
    db.session.commit()
    return row


def answer_complaint(complaint: Complaint, answer: str | None, status: str | None) -> Complaint:
    """Record the answer to a complaint and its new status.

    :raises Invalid: an answered or closed complaint without its answer, an unknown status.
    """
    text = _text(answer, "answer", MAX_TEXT, required=False) or complaint.answer
    new = _status(status, COMPLAINT_STATUSES, complaint.status)
    if new != "open" and not text:
        raise Invalid("Une réclamation traitée porte sa réponse.", "answer")
    complaint.answer, complaint.status, complaint.updated_at = text, new, utcnow()
    db.session.commit()
    return complaint


def log_action(
    training: TrainingSession,
    actor: str,
    origin: str,
    description: str,
    status: str | None = None,
    due_on: date | None = None,
    complaint_id: int | None = None,
) -> ImprovementAction:
    """Record an improvement action and what it answers (a complaint, an evaluation…).

    :raises Invalid: a missing field, an unknown status, a complaint of another session.
    """
    if complaint_id is not None:
        complaint = db.session.get(Complaint, complaint_id)
        if complaint is None or complaint.session_id != training.id:
            raise Invalid("Réclamation inconnue dans cette session.", "complaint_id")
    row = ImprovementAction(
        session_id=training.id,
        complaint_id=complaint_id,
        origin=_text(origin, "origin", MAX_SHORT),
        description=_text(description, "description", MAX_TEXT),
        status=_status(status, ACTION_STATUSES, "planned"),
        due_on=due_on,
        recorded_by=actor,
    )
    db.session.add(row)
    db.session.commit()
    return row


def update_action(action: ImprovementAction, status: str | None) -> ImprovementAction:
    """Change an improvement action's status.

    :raises Invalid: unknown status.
    """
    action.status = _status(status, ACTION_STATUSES, action.status)
    action.updated_at = utcnow()
    db.session.commit()
    return action


def _of_session(training: TrainingSession, model, row_id: int, missing: str):
    row = db.session.get(model, row_id)
    if row is None or row.session_id != training.id:
        raise NotFound(missing)
    return row


def complaint_of(training: TrainingSession, complaint_id: int) -> Complaint:
    """Return a complaint of this session.

    :raises NotFound: no such complaint here.
    """
    return _of_session(training, Complaint, complaint_id, N_("Réclamation introuvable."))


def action_of(training: TrainingSession, action_id: int) -> ImprovementAction:
    """Return an improvement action of this session.

    :raises NotFound: no such action here.
    """
    missing = N_("Action d'amélioration introuvable.")
    return _of_session(training, ImprovementAction, action_id, missing)
