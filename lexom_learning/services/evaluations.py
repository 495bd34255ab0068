"""Positioning, hot and cold evaluations: opening them, one submission per participant graded
by the quiz engine (answers in the shared ``answers`` table), and each participant's results."""

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..modules import Course, Evaluation, Section
from ..quizzes import Blank, Graded, grade_all, is_blank
from ..quizzes.base import QuestionSpec
from ..storage import (
    Answer,
    EvaluationSubmission,
    EvaluationWindow,
    Participant,
    TrainingSession,
    User,
)
from ..storage.types import utcnow
from ..translatable import N_
from . import cold_window, events
from .answer_records import answer_record
from .errors import AnswersInvalid, Conflict, Invalid, NotFound, gettext
from .session_state import SESSION_IS_CLOSED, ensure_open

KINDS = ("positioning", "hot", "cold")
ROOM_KINDS = ("positioning", "hot")  # opened by the trainer in the room; cold goes by link


NOTHING_ANSWERED = N_(
    "Vous n'avez répondu à aucune question : rien n'est enregistré. "
    "Répondez au moins à une question, puis envoyez."
)


class EvaluationInvalid(AnswersInvalid):
    """Some answers of an evaluation are malformed; nothing is stored."""


def evaluation_of(course: Course, kind: str) -> Evaluation:
    """Return the course's evaluation of that kind.

    :raises NotFound: unknown kind.
    """
    if kind not in (*KINDS, "manager") or kind not in course.evaluations:
        raise NotFound("Évaluation introuvable.")
    return course.evaluations[kind]


def log_event(session_id, participant_id, actor, verb, object_id, version, result=None, now=None):
    """Add one line to the completion log through services.events (not committed)."""
    event = events.record(session_id, participant_id, actor, verb, object_id, version, result)
    event.created_at = now or utcnow()
    return event


def window(session_id: int, kind: str) -> EvaluationWindow | None:
    """Return the opening record of an evaluation in a session, if any."""
    return db.session.scalar(
        select(EvaluationWindow).where(
            EvaluationWindow.session_id == session_id, EvaluationWindow.kind == kind
        )
    )


def is_open(session_id: int, kind: str) -> bool:
    """Say whether participants may answer the positioning or hot evaluation now."""
    found = window(session_id, kind)
    return found is not None and found.closed_at is None


def set_open(
    training: TrainingSession, course: Course, kind: str, user: User, opened: bool, now=None
) -> EvaluationWindow:
    """Open (or reopen) or close the positioning or hot evaluation of a session.

    :raises NotFound: not a room evaluation.
    :raises Conflict: opening once the session is closing or closed.
    """
    if kind not in ROOM_KINDS:
        raise NotFound("Évaluation introuvable.")
    now = now or utcnow()
    if opened:
        ensure_open(training, SESSION_IS_CLOSED)
    found = window(training.id, kind)
    if found is None and not opened:
        raise Conflict("Cette évaluation n'a pas été ouverte.")
    if found is None:
        found = EvaluationWindow(session_id=training.id, kind=kind, opened_at=now)
        found.opened_by_id = user.id
        db.session.add(found)
    elif opened:
        found.closed_at = None
    elif found.closed_at is None:
        found.closed_at = now
    verb = "evaluation_opened" if opened else "evaluation_closed"
    log_event(training.id, None, user.get_id(), verb, kind, course.version, now=now)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        found = window(training.id, kind)
    return found


def close_window(training: TrainingSession, course: Course, kind: str, actor: str, now=None):
    """Close a room evaluation if it is open (a step of closing the session; idempotent)."""
    found = window(training.id, kind)
    if found is None or found.closed_at is not None:
        return
    found.closed_at = now or utcnow()
    log_event(training.id, None, actor, "evaluation_closed", kind, course.version, now=now)
    db.session.commit()


def submission(participant_id: int, kind: str) -> EvaluationSubmission | None:
    """Return the participant's submission of that evaluation, if any."""
    return db.session.scalar(
        select(EvaluationSubmission).where(
            EvaluationSubmission.participant_id == participant_id,
            EvaluationSubmission.kind == kind,
        )
    )


def _blank_rule(section: Section, question: QuestionSpec) -> Blank:
    """A blank knowledge item earns 0; a questionnaire item is optional unless ``required``."""
    if section.graded:
        return Blank.ZERO
    return Blank.REQUIRED if getattr(question, "required", False) else Blank.OPTIONAL


def grade_responses(evaluation: Evaluation, responses: Any) -> dict[str, Graded]:
    """Grade every answered question; a blank knowledge item earns 0 (« je ne sais pas »).

    :raises Invalid: not an object, or unknown question ids.
    :raises EvaluationInvalid: malformed answers, per question.
    """
    if not isinstance(responses, dict):
        raise Invalid("Les réponses doivent être un objet {question: réponse}.", "responses")
    unknown = sorted(set(responses) - {q.id for q in evaluation.questions})
    if unknown:
        raise Invalid(
            "Question(s) inconnue(s) : %(ids)s.", "responses", ids=", ".join(unknown[:10])
        )
    if all(is_blank(value) for value in responses.values()):
        # One submission per evaluation: an empty form sent by mistake would use it up.
        raise Invalid(NOTHING_ANSWERED, "responses")
    rules = [(q, _blank_rule(s, q)) for s in evaluation.sections for q in s.questions]
    graded = grade_all(rules, responses, gettext)
    if graded.errors:
        raise EvaluationInvalid(graded.errors)
    return graded.results


def submit(
    participant: Participant,
    course: Course,
    kind: str,
    responses: Any,
    channel: str = "web",
    now: datetime | None = None,
) -> EvaluationSubmission:
    """Grade and store a participant's one submission of an evaluation (append-only).

    :raises NotFound: unknown kind.
    :raises Conflict: the session is closing or closed (positioning, hot), not open (the cold
        evaluation outside its dates), or already submitted.
    :raises Invalid, EvaluationInvalid: malformed responses; nothing is stored then.
    """
    evaluation = evaluation_of(course, kind)
    now = now or utcnow()
    if kind in ROOM_KINDS:
        ensure_open(participant.session_id)
        if not is_open(participant.session_id, kind):
            raise Conflict("Cette évaluation n'est pas ouverte pour le moment.")
    else:
        cold_window.ensure_cold_open(participant.id, course, now)
    if submission(participant.id, kind) is not None:
        raise Conflict("Vous avez déjà répondu à cette évaluation.")
    graded = grade_responses(evaluation, responses)
    knowledge = {q.id for q in evaluation.knowledge_questions}
    record = EvaluationSubmission(
        session_id=participant.session_id,
        participant_id=participant.id,
        kind=kind,
        evaluation_id=evaluation.id,
        earned=sum(g.result.earned for q, g in graded.items() if q in knowledge),
        possible=sum(g.result.possible for q, g in graded.items() if q in knowledge),
        channel=channel,
        content_version=course.version,
        submitted_at=now,
    )
    db.session.add(record)
    for question in evaluation.questions:
        if question.id not in graded:
            continue
        db.session.add(
            answer_record(
                participant,
                "evaluation",
                evaluation.id,
                question,
                graded[question.id],
                course.version,
                now,
            )
        )
    result = {"kind": kind, "earned": record.earned, "possible": record.possible}
    log_event(
        participant.session_id,
        participant.id,
        participant.get_id(),
        "evaluation_submitted",
        evaluation.id,
        course.version,
        result,
        now,
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("Vous avez déjà répondu à cette évaluation.") from None
    return record


def answers_of(participant_ids: list[int], evaluation_id: str) -> dict[int, list[Answer]]:
    """Return the participants' answers to one evaluation."""
    found: dict[int, list[Answer]] = {p: [] for p in participant_ids}
    if participant_ids:
        query = select(Answer).where(
            Answer.participant_id.in_(participant_ids),
            Answer.context == "evaluation",
            Answer.context_id == evaluation_id,
        )
        for answer in db.session.scalars(query.order_by(Answer.id)):
            found[answer.participant_id].append(answer)
    return found


def count_submissions(session_id: int, kind: str) -> int:
    """Return how many participants of a session submitted that evaluation."""
    query = select(func.count()).where(
        EvaluationSubmission.session_id == session_id, EvaluationSubmission.kind == kind
    )
    return db.session.scalar(query) or 0
