"""Live quizzes over the API: the trainer starts and moves a run, phones poll it (ETag) and answer.

Routes: POST /sessions/{sid}/live-quizzes, POST
/live-quizzes/{lid}/next|close|finish, GET /live-quizzes/{lid}, PUT
/live-quizzes/{lid}/answers/{question_id}, GET /live-quizzes/{lid}/results.
"""

from typing import Any

from flask import jsonify, request, url_for

from ...extensions import limiter
from ...modules import Course
from ...services import live, live_phone, live_results
from ...services.errors import NotFound
from ...storage import LiveRun, Participant, TrainingSession, User
from ..content import courses
from ..live.http import conditional, receipt_data
from ..request_rules import is_participant_token, parse_bearer_token
from . import bp
from .access import (
    course_of,
    managed_session,
    participant,
    readable_session,
    signed_in,
    staff,
)
from .models_live import LiveAnswerPut, LiveAnswerReceipt, LiveQuiz, LiveQuizStart, LiveResults
from .models_live import LiveState as LiveStateOut
from .serializers import row_data
from .spec import NOT_MODIFIED, WRITE_OR_CONFLICT, operation, validated_body


def run_for(lid: int, who: User | Participant) -> tuple[LiveRun, TrainingSession]:
    """Return a run the caller may see, with its session: their own, or one they may read.

    :raises NotFound: no such run, or the caller may not know it exists.
    """
    run = live.get_run(lid)
    if not isinstance(who, Participant):
        return run, readable_session(run.session_id, who)
    if who.session_id != run.session_id:
        raise NotFound("Quiz en salle introuvable.")
    return run, who.session


def run_data(run: LiveRun) -> dict[str, Any]:
    """Return a run's identity and status."""
    return row_data(LiveQuiz, run, index=run.current_index, total=len(run.question_ids))


@bp.post("/sessions/<int:sid>/live-quizzes")
@operation("live", LiveQuiz, 201, WRITE_OR_CONFLICT, body=LiveQuizStart)
def start_live_quiz(sid: int):
    """Start a live quiz (a live set or a module quiz) in a session; it waits for /next."""
    trainer = staff()
    training = managed_session(sid, trainer)
    body = validated_body()
    run = live.start_run(training, course_of(training), body.quiz_id, trainer, body.leaderboard)
    response = jsonify(run_data(run))
    response.headers["Location"] = url_for("api.get_live_quiz", lid=run.id)
    return response, 201


MOVE = (401, 403, 404, 409)


def _move(lid: int, action: str):
    who = staff()
    run = live.get_run(lid)
    training = managed_session(run.session_id, who)
    course = course_of(training)
    live.move(run, course, action)
    _, answered = live_results.answer_counts(run)
    return jsonify(live_results.trainer_state(run, course, answered))


@bp.post("/live-quizzes/<int:lid>/next")
@operation("live", LiveStateOut, 200, MOVE)
def next_question(lid: int):
    """Open the next question (409 while one is open or when none is left)."""
    return _move(lid, "next")


@bp.post("/live-quizzes/<int:lid>/close")
@operation("live", LiveStateOut, 200, MOVE)
def close_question(lid: int):
    """Close the open question: answers stop, the last ones count (409 if none is open)."""
    return _move(lid, "close")


@bp.post("/live-quizzes/<int:lid>/finish")
@operation("live", LiveStateOut, 200, MOVE)
def finish_live_quiz(lid: int):
    """Finish the run (409 while a question is open)."""
    return _move(lid, "finish")


def phone_token() -> str | None:
    """Return the bearer token if it has the shape of a participant's access token, else None.

    A participant token holds a dot; a staff token never does. Phones poll every 0.8 s, so
    they take the one-query path of ``live.phone_lookup`` instead of ``access.caller``.
    """
    token = parse_bearer_token(request.headers.get("Authorization"))
    return token if token is not None and is_participant_token(token) else None


def phone_view(lid: int) -> tuple[live.PhoneView, Course] | None:
    """Return the calling participant's reading of a run and its course, or None for others.

    :raises NotFound: no such run, or another session's (never say which).
    """
    token = phone_token()
    view = live.phone_lookup(token, lid) if token else None
    if view is None:
        return None
    course = courses().get(view.caller.course_id)
    if view.run is None or course is None:
        raise NotFound("Quiz en salle introuvable.")
    return view, course


@bp.get("/live-quizzes/<int:lid>")
@limiter.exempt  # a room of phones shares one address: an address limit would lock it out
@operation("live", LiveStateOut, also=(NOT_MODIFIED,))
def get_live_quiz(lid: int):
    """Return the run as the caller may see it; 304 while the ETag still holds."""
    phone = phone_view(lid)
    if phone is not None:
        view, course = phone
        me = view.caller.participant_id
        return conditional(
            live_phone.participant_etag(view.run, me, view.marker),
            lambda: live_phone.participant_state(view.run, me, course),
        )
    who = signed_in()
    run, training = run_for(lid, who)
    course = course_of(training)
    submissions, answered = live_results.answer_counts(run)
    return conditional(
        live_results.trainer_etag(run, submissions),
        lambda: live_results.trainer_state(run, course, answered),
    )


@bp.put("/live-quizzes/<int:lid>/answers/<question_id>")
@limiter.exempt
@operation("live", LiveAnswerReceipt, 200, WRITE_OR_CONFLICT, body=LiveAnswerPut)
def put_live_answer(lid: int, question_id: str):
    """Answer the open question; the last answer before closing counts (409 if not open)."""
    phone = phone_view(lid)
    if phone is None:
        participant()  # answers 401 or 403, as everywhere in the API
        raise NotFound("Quiz en salle introuvable.")
    view, course = phone
    body = validated_body().model_dump(exclude_unset=True)
    receipt = live.submit_answer(
        view.run,
        view.caller.participant_id,
        course,
        question_id,
        body["response"],
        request_id=body.get("request_id"),
    )
    return jsonify(receipt_data(receipt))


@bp.get("/live-quizzes/<int:lid>/results")
@operation("live", LiveResults)
def live_quiz_results(lid: int):
    """Return counts per option, answered and correct per question, and per participant."""
    who = staff()
    run = live.get_run(lid)
    training = readable_session(run.session_id, who)
    return jsonify(results_data(run, live_results.results(run, course_of(training))))


def results_data(run: LiveRun, results: live_results.RunResults) -> dict[str, Any]:
    """Return a run's results as JSON."""
    questions = []
    for item in results.questions:
        counted = item.tally
        questions.append(
            {
                "index": item.index,
                "question_id": item.question_id,
                "prompt": item.spec.prompt if item.spec else None,
                "type": item.spec.type if item.spec else None,
                "status": item.status,
                "answered": counted.answered if counted else 0,
                "correct": counted.correct if counted else 0,
                "counts": [
                    {"id": b.key, "text": b.label, "count": b.count, "correct": b.correct}
                    for b in (counted.bars if counted else ())
                ],
            }
        )
    return {
        **run_data(run),
        "questions": questions,
        "participants": [
            {
                "participant_id": p.participant_id,
                "name": p.name,
                "answered": p.answered,
                "correct": p.correct,
                "earned": p.earned,
                "possible": p.possible,
            }
            for p in results.participants
        ],
        "ranking": [
            {"rank": s.rank, "participant_id": s.key, "name": s.name, "correct": s.correct}
            for s in results.leaderboard
        ],
    }
