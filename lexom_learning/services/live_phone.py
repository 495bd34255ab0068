"""What a participant's phone may see of a live run, built here and only here.

Before a question closes: the question's card (never the answer) and the participant's own
response. After closing: whether it was right, the solution and the explanation. Nobody else's
answers ever reach a phone, before or after.
"""

from typing import Any

from sqlalchemy import bindparam, case, func, select

from ..extensions import db
from ..live import (
    Status,
    card,
    chosen_options,
    closed_count,
    describe,
    feedback,
    room_seed,
    solution,
    solution_text,
)
from ..modules import Course
from ..quizzes import stored_response
from ..quizzes.base import QuestionSpec
from ..storage import Answer, LiveAnswer, LiveRun
from .live_lookup import RunView

MISSING = "(question retirée de la formation)"


def header(run: LiveRun | RunView) -> dict[str, Any]:
    """Return what every view of a run starts with: its identity and where it stands."""
    state = run.state
    return {
        "id": run.id,
        "quiz_id": run.quiz_id,
        "title": run.title,
        "status": state.status.value,
        "total": state.total,
        "leaderboard": run.leaderboard,
        "current": None,
    }


def current_card(
    run: LiveRun | RunView, course: Course
) -> tuple[QuestionSpec | None, dict[str, Any]]:
    """Return the current question's spec and card (what anyone may see while it is open)."""
    index, question_id = run.current_index, run.current_question_id
    spec = course.question(question_id)
    if spec is None:
        return None, {"index": index, "question_id": question_id, "prompt": MISSING, "options": []}
    return spec, card(spec, index, room_seed(run.id, spec.id))


ANSWERS = LiveAnswer.__table__
MY_LAST = (
    select(ANSWERS.c.seq, ANSWERS.c.response, ANSWERS.c.correct, ANSWERS.c.earned)
    .where(
        ANSWERS.c.run_id == bindparam("run_id"),
        ANSWERS.c.participant_id == bindparam("participant_id"),
        ANSWERS.c.question_id == bindparam("question_id"),
    )
    .order_by(ANSWERS.c.seq.desc())
    .limit(1)
)


# Every phone asks for it on each new state after the first close: built once (building a
# statement costs more than running it).
MY_SCORE = select(
    func.count(), func.coalesce(func.sum(case((Answer.correct, 1), else_=0)), 0)
).where(
    Answer.participant_id == bindparam("participant_id"),
    Answer.context == "live",
    Answer.context_id == bindparam("run_id"),
)


def my_last(run: LiveRun | RunView, participant_id: int, executor=None):
    """Return the participant's last submission to the current question (a Core row), or None."""
    if run.current_index is None or run.status == Status.FINISHED:
        return None
    params = {
        "run_id": run.id,
        "participant_id": participant_id,
        "question_id": run.current_question_id,
    }
    return (executor or db.session).execute(MY_LAST, params).first()


def participant_etag(run: LiveRun | RunView, participant_id: int, marker: int) -> str:
    """Return the ETag of a participant's view: it moves with the run and with their answers.

    ``marker`` is the id of their last submission in the run (``live_lookup.marker``).
    """
    return f"p{participant_id}-r{run.id}-v{run.version}-a{marker}"


def participant_state(
    run: LiveRun | RunView, participant_id: int, course: Course, executor=None
) -> dict[str, Any]:
    """Return what a participant may see now: never an answer before the question closes.

    ``executor`` reads the database: the request's session by default, or a bare connection.
    """
    body = header(run)
    mine = my_last(run, participant_id, executor)
    state = run.state
    if state.status in (Status.OPEN, Status.CLOSED):
        spec, current = current_card(run, course)
        current["mine"] = _mine(spec, mine)
        if state.status is Status.CLOSED and spec is not None:
            current["result"] = _result(spec, mine)
        body["current"] = current
    closed = closed_count(state)
    body["score"] = my_score(run, participant_id, closed, executor) if closed else None
    return body


def _mine(spec: QuestionSpec | None, mine) -> dict[str, Any] | None:
    if mine is None:
        return None
    if spec is None:
        return {"response": mine.response, "text": str(mine.response), "changes": mine.seq}
    response = stored_response(spec, mine.response)  # the ids the card shows
    return {
        "response": response,
        "text": describe(spec, response),
        "chosen": chosen_options(spec, response),
        "changes": mine.seq,
    }


def _result(spec: QuestionSpec, mine) -> dict[str, Any]:
    return {
        "answered": mine is not None,
        "correct": mine.correct if mine is not None else None,
        "earned": mine.earned if mine is not None else 0.0,
        "possible": float(spec.points) if spec.graded else 0.0,
        "solution": solution(spec),
        "solution_text": solution_text(spec),
        "explanation": spec.explanation,
        "feedback": feedback(spec, mine.response, mine.correct) if mine is not None else [],
    }


def my_score(
    run: LiveRun | RunView, participant_id: int, closed: int, executor=None
) -> dict[str, int]:
    """Return the participant's own counted answers so far: how many, how many right."""
    params = {"participant_id": participant_id, "run_id": str(run.id)}
    answered, right = (executor or db.session).execute(MY_SCORE, params).one()
    return {"answered": int(answered), "correct": int(right), "closed": closed}
