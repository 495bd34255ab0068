"""The cold evaluation: scheduled when a session closes, reached through a personal link that
needs no account, with reminders to non-respondents; every message goes through the outbox.

The link is ``/froid/<invitation id>.<HMAC of its nonce>``: a separate secret from the access
link, so revoking the room access (or the end of the session) leaves it working.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..documents.french import long_date
from ..evaluations import ColdState, cold_due_at, next_step
from ..extensions import db
from ..modules import Course
from ..storage import (
    ColdInvitation,
    EvaluationSubmission,
    OutboxMessage,
    Participant,
    TrainingSession,
)
from ..storage.types import utcnow
from ..translatable import N_
from . import managers, outbox
from .cold_window import window_of
from .context import current
from .errors import Conflict, gettext
from .evaluations import log_event
from .invitation_links import absolute, invitation_for_token, token_for  # noqa: F401
from .session_state import NOT_OPEN

COLD_LINK_PATH = "/froid/"
MESSAGE_KINDS = ("cold_invitation", "cold_reminder")
RESEND_KIND = "cold_resend"  # sent again at the trainer's request: not a step of the calendar
PERSONAL_KINDS = (*MESSAGE_KINDS, RESEND_KIND)  # messages carrying a personal link
HIDDEN_LINK = N_("[lien personnel : visible du seul participant]")
_LINK = re.compile(r"\S*" + re.escape(COLD_LINK_PATH) + r"\S+")


def link_for(invitation: ColdInvitation) -> str:
    """Return the absolute personal link, on the public address (LEXOM_BASE_URL)."""
    return absolute(COLD_LINK_PATH, token_for(invitation))


def _course_of(training: TrainingSession) -> Course | None:
    return current().courses.get(training.course_id)


def schedule(training: TrainingSession, now: datetime | None = None) -> list[ColdInvitation]:
    """Give each participant of a closing or closed session a cold invitation, due
    ``delay_days`` after the closing date (idempotent: existing invitations are kept).

    A step of closing (``services.closing``); ``issue_due`` catches up on any session missed.
    """
    course = _course_of(training)
    if course is None or training.status not in NOT_OPEN:
        return []
    closed_at = training.closed_at or now or utcnow()
    due = cold_due_at(closed_at, course.cold_evaluation.delay_days)
    existing = set(
        db.session.scalars(
            select(ColdInvitation.participant_id).where(ColdInvitation.session_id == training.id)
        )
    )
    created = []
    for participant in training.participants:
        if participant.id in existing or participant.erased_at is not None:
            continue
        invitation = ColdInvitation(
            session_id=training.id,
            participant_id=participant.id,
            nonce=secrets.token_hex(24),
            due_at=due,
            created_at=now or utcnow(),
        )
        try:
            with db.session.begin_nested():
                db.session.add(invitation)
        except IntegrityError:  # scheduled at the same moment by another process
            continue
        created.append(invitation)
        log_event(
            training.id,
            participant.id,
            "system",
            "cold_scheduled",
            "cold",
            course.version,
            {"due_at": due.isoformat()},
            now,
        )
    db.session.commit()
    return created


def schedule_missing(now: datetime | None = None) -> int:
    """Schedule the closed sessions that have participants without an invitation (catch-up)."""
    invited = select(ColdInvitation.participant_id)
    query = (
        select(TrainingSession)
        .join(Participant, Participant.session_id == TrainingSession.id)
        .where(
            TrainingSession.status.in_(NOT_OPEN),
            Participant.id.not_in(invited),
            Participant.erased_at.is_(None),
        )
        .distinct()
    )
    return sum(len(schedule(training, now)) for training in db.session.scalars(query).all())


def _messages(invitation: ColdInvitation) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(
        OutboxMessage.participant_id == invitation.participant_id,
        OutboxMessage.kind.in_(MESSAGE_KINDS),
    )
    return list(db.session.scalars(query.order_by(OutboxMessage.id)))


def responded(participant_id: int) -> bool:
    """Say whether the participant answered the cold evaluation."""
    query = select(EvaluationSubmission.id).where(
        EvaluationSubmission.participant_id == participant_id, EvaluationSubmission.kind == "cold"
    )
    return db.session.scalar(query) is not None


def _text(course: Course, training: TrainingSession, name: str, url: str, step: int):
    when = f"du {long_date(training.starts_on)} au {long_date(training.ends_on)}"
    if step == 0:
        subject = f"Votre avis quelques mois après la formation « {course.title} »"
        opening = f"Vous avez suivi la formation « {course.title} » {when}."
    else:
        subject = f"Rappel : votre avis sur la formation « {course.title} »"
        opening = (
            f"Nous n'avons pas encore reçu votre évaluation à froid de la formation "
            f"« {course.title} » ({when}). Il est encore temps d'y répondre."
        )
    body = (
        f"Bonjour {name},\n\n{opening}\n\n"
        "Ce questionnaire d'une quinzaine de minutes fait le point sur ce que vous avez mis en "
        "pratique depuis et sur ce que vous avez retenu. Vos réponses nous aident à améliorer "
        "la formation.\n\n"
        f"Votre lien personnel, sans mot de passe :\n{url}\n\n"
        f"Merci,\n{course.provider.name}\n"
    )
    return subject, body


@dataclass(frozen=True)
class Issued:
    """A message queued by ``issue_due``."""

    key: str
    participant_id: int
    step: int


def issue_due(now: datetime | None = None) -> list[Issued]:
    """Queue the invitations and reminders due at ``now`` (each once, whatever the overlap)."""
    now = now or utcnow()
    schedule_missing(now)
    issued = []
    due = select(ColdInvitation).where(ColdInvitation.due_at <= now).order_by(ColdInvitation.id)
    for invitation in db.session.scalars(due).all():
        training = db.session.get(TrainingSession, invitation.session_id)
        course = _course_of(training)
        if course is None:
            continue
        settings = course.cold_evaluation
        if window_of(invitation, course, now).phase == "over":
            continue  # the form no longer takes answers: no more reminders
        previous = tuple(m.created_at for m in _messages(invitation))
        state = ColdState(invitation.due_at, previous, responded(invitation.participant_id))
        step = next_step(state, settings.reminders, settings.reminder_interval_days, now)
        if step is None:
            continue
        person = invitation.participant
        key = f"cold:{invitation.id}:{step}"
        kind = MESSAGE_KINDS[0] if step == 0 else MESSAGE_KINDS[1]
        if _queue(invitation, course, training, step, key, kind, now) is None:
            continue
        verb = "cold_invitation_queued" if step == 0 else "cold_reminder_queued"
        log_event(
            training.id,
            person.id,
            "system",
            verb,
            "cold",
            course.version,
            {"step": step, "message": key},
            now,
        )
        if step == 0:
            managers.invite(invitation, course, training, now)
        try:
            db.session.commit()
        except IntegrityError:  # the same message queued by a concurrent run
            db.session.rollback()
            continue
        issued.append(Issued(key, person.id, step))
    return issued


def _queue(
    invitation: ColdInvitation,
    course: Course,
    training: TrainingSession,
    step: int,
    key: str,
    kind: str,
    now: datetime,
) -> OutboxMessage | None:
    """Queue the participant's message of ``step`` (0: the invitation) under ``key``, once;
    None (and the transaction rolled back) when it is already queued."""
    person = invitation.participant
    text = _text(course, training, person.name, link_for(invitation), step)
    message = outbox.enqueue_about(person, key, kind, text, now=now)
    if message is None:
        db.session.rollback()
    return message


def without_links(text: str) -> str:
    """Return a message's text with every cold-evaluation link hidden (what staff may read)."""
    return _LINK.sub(gettext(HIDDEN_LINK), text)


def resend(invitation: ColdInvitation, actor: str, now: datetime | None = None) -> OutboxMessage:
    """Queue the invitation again for its participant (the trainer never sees the link).

    :raises Conflict: already answered, or the form does not take answers now.
    """
    now = now or utcnow()
    training = db.session.get(TrainingSession, invitation.session_id)
    course = _course_of(training)
    if course is None:
        raise Conflict("Formation introuvable.")
    if responded(invitation.participant_id):
        raise Conflict("Ce participant a déjà répondu à l'évaluation à froid.")
    refusal = window_of(invitation, course, now).refusal
    if refusal is not None:
        raise Conflict(refusal)
    person = invitation.participant
    sent = db.session.scalars(
        select(OutboxMessage.id).where(
            OutboxMessage.participant_id == person.id, OutboxMessage.kind == RESEND_KIND
        )
    ).all()
    key = f"cold:{invitation.id}:resend:{len(sent) + 1}"
    message = _queue(invitation, course, training, 0, key, RESEND_KIND, now)
    if message is None:
        raise Conflict("Une autre demande d'envoi vient d'être faite : rechargez la page.")
    log_event(
        training.id,
        person.id,
        actor,
        "cold_invitation_resent",
        "cold",
        course.version,
        {"message": key},
        now,
    )
    db.session.commit()
    return message


def invitations_of(session_id: int) -> list[ColdInvitation]:
    """Return a session's cold invitations."""
    query = select(ColdInvitation).where(ColdInvitation.session_id == session_id)
    return list(db.session.scalars(query.order_by(ColdInvitation.id)))


def send_due(transport=None, now: datetime | None = None):
    """Queue what is due, then deliver the outbox (SMTP when configured); safe to run hourly."""
    issued = issue_due(now)
    if transport is None:
        settings = outbox.smtp_settings(current().settings.config)
        transport = outbox.SmtpTransport(settings) if settings else None
    return issued, outbox.deliver_pending(transport, now)
