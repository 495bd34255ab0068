"""A participant's learning: units done, module quiz attempts and reviews, and progress (the
quiz evidence is gathered in ``services.evidence``)."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..modules import Course, Quiz
from ..quizzes import Blank, grade_all, rules
from ..quizzes.base import QuestionSpec
from ..quizzes.review import AnswerReview, reviewed
from ..storage import CompletionEvent, Participant, QuizAttempt
from ..translatable import N_
from . import session_state
from .answer_records import answer_record
from .errors import AnswersInvalid, Conflict, Invalid, NotFound, gettext
from .idempotency import checked_key, recorded_with_key

# Once the session is closed, attempts and reviews stay readable but nothing new is recorded.
UNITS_CLOSED = N_(
    "La session de formation est clôturée : "
    "les séquences ne peuvent plus être marquées comme terminées."
)
QUIZ_CLOSED = N_(
    "La session de formation est clôturée : "
    "le quiz ne peut plus être tenté ; vos tentatives restent consultables."
)


class QuizInvalid(AnswersInvalid):
    """Some answers of a submitted quiz are missing or malformed; nothing is stored."""


def _event(participant: Participant, verb: str, object_id: str, course: Course, result=None):
    db.session.add(
        CompletionEvent(
            session_id=participant.session_id,
            participant_id=participant.id,
            actor=participant.get_id(),
            verb=verb,
            object_id=object_id,
            result=result,
            content_version=course.version,
        )
    )


def units_done(participant: Participant) -> set[str]:
    """Return the ids of the units the participant marked as done."""
    rows = db.session.scalars(
        select(CompletionEvent.object_id).where(
            CompletionEvent.participant_id == participant.id, CompletionEvent.verb == "unit_done"
        )
    )
    return set(rows)


def session_closed(participant: Participant) -> bool:
    """Say whether the participant's training session is closing or closed: nothing new is
    recorded then (``session_state``)."""
    return session_state.is_closed(participant.session)


def _refuse_when_closed(participant: Participant, message: str) -> None:
    session_state.ensure_open(participant.session_id, message)


def mark_unit_done(participant: Participant, course: Course, unit_id: str) -> bool:
    """Record that a unit is done; return False when it already was (no second record).

    Two concurrent requests cannot both record it: the database refuses the second line (a
    unique index), and only that line's savepoint is rolled back, not the caller's work.

    :raises NotFound: the unit is not part of the course.
    :raises Conflict: the participant's session is closed.
    """
    if course.unit(unit_id) is None:
        raise NotFound("Séquence introuvable.")
    _refuse_when_closed(participant, UNITS_CLOSED)
    if unit_id in units_done(participant):
        return False
    try:
        with db.session.begin_nested():
            _event(participant, "unit_done", unit_id, course)
    except IntegrityError:  # a twin request recorded it between our check and our insert
        return False
    db.session.commit()
    return True


def _quiz_blank(question: QuestionSpec) -> Blank:
    """Return what a blank answer means in a module quiz: every question needs an answer, but
    an optional comment left empty is kept as an empty answer."""
    return Blank.REQUIRED if getattr(question, "required", True) else Blank.EMPTY


def module_quiz(course: Course, quiz_id: str) -> Quiz:
    """Return a module quiz by id.

    :raises NotFound: no module quiz has that id.
    """
    quiz = course.quiz(quiz_id)
    if not isinstance(quiz, Quiz):
        raise NotFound("Quiz introuvable.")
    return quiz


def attempts(participant: Participant, quiz_id: str) -> list[QuizAttempt]:
    """Return the participant's attempts at a quiz, oldest first."""
    return list(
        db.session.scalars(
            select(QuizAttempt)
            .where(
                QuizAttempt.participant_id == participant.id,
                QuizAttempt.quiz_id == quiz_id,
            )
            .order_by(QuizAttempt.number)
        )
    )


def remaining_attempts(participant: Participant, quiz: Quiz) -> int | None:
    """Return how many attempts are left, or None when unlimited."""
    if quiz.max_attempts is None:
        return None
    return max(0, quiz.max_attempts - len(attempts(participant, quiz.id)))


def attempt_with_key(participant: Participant, key: str | None) -> QuizAttempt | None:
    """Return the participant's attempt recorded with that idempotency key, or None."""
    return recorded_with_key(QuizAttempt, QuizAttempt.participant_id, participant.id, key)


def _replayed(attempt: QuizAttempt, quiz: Quiz) -> QuizAttempt:
    if attempt.quiz_id != quiz.id:
        raise Conflict("Cette clé d'idempotence a déjà servi pour un autre quiz.")
    return attempt


def submit_quiz(
    participant: Participant,
    course: Course,
    quiz_id: str,
    responses: dict[str, Any],
    idempotency_key: str | None = None,
) -> QuizAttempt:
    """Grade a whole quiz attempt and store it with every answer (append-only).

    A submission carrying the idempotency key of an attempt already recorded (a double tap, a
    retry) records nothing and returns that attempt, even when two arrive at once.

    :raises NotFound: unknown quiz.
    :raises Conflict: no attempt left, the participant's session is closed, or the key was used
        for another quiz.
    :raises Invalid: a malformed idempotency key.
    :raises QuizInvalid: missing or malformed answers, per question; nothing is stored then.
    """
    quiz = module_quiz(course, quiz_id)
    key = checked_key(idempotency_key)
    earlier = attempt_with_key(participant, key)
    if earlier is not None:
        return _replayed(earlier, quiz)
    _refuse_when_closed(participant, QUIZ_CLOSED)
    if not isinstance(responses, dict):
        raise Invalid("Les réponses doivent être un objet {question: réponse}.", "responses")
    unknown = sorted(set(responses) - {q.id for q in quiz.questions})
    if unknown:
        raise Invalid("Question(s) inconnue(s) : %(ids)s.", "responses", ids=", ".join(unknown))
    previous = attempts(participant, quiz.id)
    if quiz.max_attempts is not None and len(previous) >= quiz.max_attempts:
        raise Conflict(
            "Vous avez utilisé vos %(count)s tentatives pour ce quiz.", count=quiz.max_attempts
        )
    graded = grade_all([(q, _quiz_blank(q)) for q in quiz.questions], responses, gettext)
    if graded.errors:
        raise QuizInvalid(graded.errors)
    attempt = QuizAttempt(
        session_id=participant.session_id,
        participant_id=participant.id,
        quiz_id=quiz.id,
        number=len(previous) + 1,
        content_version=course.version,
        earned=graded.earned,
        possible=graded.possible,
        idempotency_key=key,
    )
    db.session.add(attempt)
    for question in quiz.questions:
        answer = graded.results[question.id]  # every question has one: none is OPTIONAL
        attempt.answers.append(
            answer_record(participant, "quiz", quiz.id, question, answer, course.version)
        )
    _event(
        participant,
        "quiz_submitted",
        quiz.id,
        course,
        {"attempt": attempt.number, "earned": attempt.earned, "possible": attempt.possible},
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = attempt_with_key(participant, key)  # the twin with the same key won the race
        if earlier is not None:
            return _replayed(earlier, quiz)
        raise Conflict("Cette tentative a déjà été enregistrée.") from None
    return attempt


def own_attempt(participant: Participant, quiz_id: str, number: int) -> QuizAttempt:
    """Return the participant's attempt ``number`` at a quiz.

    :raises NotFound: the participant has no such attempt (another's attempt is never found).
    """
    attempt = db.session.scalar(
        select(QuizAttempt).where(
            QuizAttempt.participant_id == participant.id,
            QuizAttempt.quiz_id == quiz_id,
            QuizAttempt.number == number,
        )
    )
    if attempt is None:
        raise NotFound("Tentative introuvable.")
    return attempt


def answers_revealed(participant: Participant, quiz: Quiz) -> bool:
    """Say whether the learner may see a quiz's solutions (``quizzes.rules.answers_revealed``:
    full marks once, no attempt left, or the session closed)."""
    scores = [(a.earned, a.possible) for a in attempts(participant, quiz.id)]
    return rules.answers_revealed(scores, quiz.max_attempts, closed=session_closed(participant))


@dataclass(frozen=True)
class QuestionReview(AnswerReview):
    """One answered question of an attempt: the stored response and score, what to learn.

    ``response`` is in today's form (``quizzes.stored_response``): the ids the question shows.
    ``feedback`` and ``explanation`` are empty while the quiz's answers are not revealed.
    """

    question_id: str
    question: QuestionSpec | None


@dataclass(frozen=True)
class AttemptReview:
    """A submitted attempt with every question's result, and once revealed its feedback and
    explanation (see ``answers_revealed``)."""

    quiz: Quiz
    attempt: QuizAttempt
    questions: list[QuestionReview]
    content_changed: bool
    revealed: bool

    @property
    def passed(self) -> bool:
        """Say whether this attempt reaches the quiz's pass mark."""
        return rules.attempt_passed(
            (self.attempt.earned, self.attempt.possible), self.quiz.pass_pct
        )


def review_attempt(
    participant: Participant, course: Course, quiz_id: str, number: int
) -> AttemptReview:
    """Return one of the participant's own attempts, each answer graded again for its feedback.

    The stored score stays the truth; the feedback is recomputed from the stored response
    only while the content is the version the attempt was graded with. Feedback and
    explanations stay empty until ``answers_revealed`` says the learner may see them.

    :raises NotFound: unknown quiz, or no such attempt of this participant.
    """
    quiz = module_quiz(course, quiz_id)
    attempt = own_attempt(participant, quiz.id, number)
    return review_of(attempt, quiz, course, answers_revealed(participant, quiz))


def review_of(attempt: QuizAttempt, quiz: Quiz, course: Course, revealed: bool) -> AttemptReview:
    """Return what the learner may read of an attempt: every reader (page, API) shows this.

    Feedback is recomputed from the stored response only while the content is the version the
    attempt was graded with; feedback and explanations stay empty unless ``revealed``.
    """
    same_content = attempt.content_version == course.version
    reviews = []
    for answer in attempt.answers:
        question = course.question(answer.question_id)
        review = reviewed(question, answer, same_content=same_content, revealed=revealed)
        reviews.append(QuestionReview(question_id=answer.question_id, question=question, **review))
    return AttemptReview(quiz, attempt, reviews, not same_content, revealed)


@dataclass
class ModuleProgress:
    """How far a participant is in one module."""

    module_id: str
    units_done: int
    units_total: int
    quiz_id: str | None = None
    best_percent: float | None = None
    attempts_used: int = 0
    attempts_max: int | None = None

    @property
    def percent(self) -> int:
        """Return the share of units done, in percent."""
        return round(100 * self.units_done / self.units_total) if self.units_total else 0


@dataclass
class Progress:
    """A participant's progress across the course."""

    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def units_done(self) -> int:
        """Return the number of units done."""
        return sum(m.units_done for m in self.modules)

    @property
    def units_total(self) -> int:
        """Return the number of units of the course."""
        return sum(m.units_total for m in self.modules)

    @property
    def percent(self) -> int:
        """Return the share of units done, in percent."""
        return round(100 * self.units_done / self.units_total) if self.units_total else 0


def progress(participant: Participant, course: Course) -> Progress:
    """Return the participant's progress per module."""
    done = units_done(participant)
    all_attempts = db.session.scalars(
        select(QuizAttempt).where(QuizAttempt.participant_id == participant.id)
    ).all()
    result = Progress()
    for module in course.modules:
        item = ModuleProgress(module.id, sum(u.id in done for u in module.units), len(module.units))
        if module.quizzes:
            quiz = module.quizzes[0]
            mine = [a for a in all_attempts if a.quiz_id == quiz.id]
            item.quiz_id, item.attempts_max, item.attempts_used = (
                quiz.id,
                quiz.max_attempts,
                len(mine),
            )
            item.best_percent = max((round(a.percent, 1) for a in mine), default=None)
        result.modules.append(item)
    return result
