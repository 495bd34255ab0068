"""Participant endpoints (``Bearer <access token>``): identity, progress, units and quizzes."""

from flask import jsonify, request

from ...extensions import db
from ...modules import Course
from ...services import figures, learning
from ...services.idempotency import HEADER, checked_key
from ...storage import Participant
from . import bp
from .access import course_of, participant
from .models_core import (
    AttemptCreate,
    AttemptList,
    AttemptResult,
    IdempotencyHeader,
    LearnerQuiz,
    Me,
    MyProgress,
    UnitDone,
    UnitDoneRequest,
)
from .serializers import (
    attainment_data,
    attempt_data,
    progress_data,
    quiz_data,
    session_data,
)
from .spec import WRITE_OR_CONFLICT, operation, validated_body


def _progress(person: Participant, course: Course) -> dict:
    return progress_data(learning.progress(person, course), learning.units_done(person))


def _attainment(person: Participant, course: Course) -> list[dict]:
    return attainment_data(figures.figures_for(db.session, course, [person.id])[person.id])


@bp.get("/me")
@operation("learner", Me)
def me():
    """Return the calling participant, their session, course, progress and attainment."""
    person = participant()
    course = course_of(person.session)
    return jsonify(
        {
            "participant": {"id": person.id, "name": person.name, "email": person.email},
            "session": session_data(person.session),
            "course": {"id": course.id, "ref": course.ref, "title": course.title},
            "progress": _progress(person, course),
            "attainment": _attainment(person, course),
        }
    )


@bp.get("/me/progress")
@operation("learner", MyProgress)
def my_progress():
    """Return the calling participant's progress and attainment."""
    person = participant()
    course = course_of(person.session)
    return jsonify({**_progress(person, course), "attainment": _attainment(person, course)})


@bp.post("/me/units/<unit_id>/done")
@operation("learner", UnitDone, 200, WRITE_OR_CONFLICT, body=UnitDoneRequest)
def unit_done(unit_id: str):
    """Mark a unit as done (idempotent: a second call records nothing)."""
    person = participant()
    course = course_of(person.session)
    validated_body()  # no fields: refused only once the caller may do this
    recorded = learning.mark_unit_done(person, course, unit_id)
    return jsonify({"unit_id": unit_id, "done": True, "recorded": recorded})


def _quiz_status(person: Participant, quiz) -> dict:
    used = len(learning.attempts(person, quiz.id))
    return {
        "attempts_used": used,
        "attempts_remaining": learning.remaining_attempts(person, quiz),
    }


@bp.get("/me/quizzes/<quiz_id>")
@operation("learner", LearnerQuiz)
def my_quiz(quiz_id: str):
    """Return a module quiz as the learner sees it, with the attempts used and left."""
    person = participant()
    quiz = learning.module_quiz(course_of(person.session), quiz_id)
    return jsonify({**quiz_data(quiz, person.id), **_quiz_status(person, quiz)})


@bp.get("/me/quizzes/<quiz_id>/attempts")
@operation("learner", AttemptList)
def my_attempts(quiz_id: str):
    """List the caller's attempts with results; feedback and explanations once revealed."""
    person = participant()
    course = course_of(person.session)
    quiz = learning.module_quiz(course, quiz_id)
    revealed = learning.answers_revealed(person, quiz)
    found = learning.attempts(person, quiz.id)
    return jsonify([attempt_data(learning.review_of(a, quiz, course, revealed)) for a in found])


@bp.post("/me/quizzes/<quiz_id>/attempts")
@operation(
    "learner", AttemptResult, 201, WRITE_OR_CONFLICT, body=AttemptCreate, headers=IdempotencyHeader
)
def submit_attempt(quiz_id: str):
    """Submit a whole attempt; 409 when none is left, 422 with details per question.

    The same submission sent again with its ``Idempotency-Key`` records nothing and gets the
    first one's result.
    """
    person = participant()
    course = course_of(person.session)
    quiz = learning.module_quiz(course, quiz_id)
    key = checked_key(request.headers.get(HEADER), HEADER)
    attempt = learning.submit_quiz(person, course, quiz.id, validated_body().responses, key)
    review = learning.review_of(attempt, quiz, course, learning.answers_revealed(person, quiz))
    return jsonify({**attempt_data(review), **_quiz_status(person, quiz)}), 201
