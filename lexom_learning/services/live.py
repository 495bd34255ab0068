"""Live quizzes in the room: start a run, move it, take answers, and count the last ones.

Every submission is kept in ``live_answers``. The last one before a question closes is what
counts: closing copies it into the shared ``answers`` table (context ``live``), where it is
evidence for the question's objectives. The database holds all the state, so any number of
workers can serve the same run.
"""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..live import IllegalMove, Move, Status, apply
from ..modules import Course, LiveQuiz, Quiz
from ..storage import LiveRun, TrainingSession, User
from ..storage.types import utcnow
from .errors import Conflict, Invalid, NotFound
from .live_answers import Receipt, count_last_answers, submit_answer
from .live_lookup import Caller, PhoneView, RunView, latest_run_view, phone_lookup, run_view
from .session_state import SESSION_IS_CLOSED, ensure_open

# Re-exported: the answer path lives in live_answers, the hot-path reads in live_lookup.
__all__ = ["Caller", "PhoneView", "Receipt", "RunView", "latest_run_view", "phone_lookup"]
__all__ += ["run_view", "submit_answer"]


def startable_quizzes(course: Course) -> list[Quiz | LiveQuiz]:
    """Return what a trainer can run in the room: the live sets, then every module quiz."""
    return [*course.live_quizzes, *(q for m in course.modules for q in m.quizzes)]


def get_run(run_id: int) -> LiveRun:
    """Return a run by id.

    :raises NotFound: no such run.
    """
    run = db.session.get(LiveRun, run_id) if 0 < run_id < 2**31 else None
    if run is None:
        raise NotFound("Quiz en salle introuvable.")
    return run


def runs_of(session_id: int) -> list[LiveRun]:
    """Return a session's runs, latest first."""
    query = select(LiveRun).where(LiveRun.session_id == session_id).order_by(LiveRun.id.desc())
    return list(db.session.scalars(query))


def start_run(
    training: TrainingSession,
    course: Course,
    quiz_id: str,
    started_by: User | None,
    leaderboard: bool = False,
) -> LiveRun:
    """Start a run of a live set or module quiz; it waits for the first question to open.

    :raises Invalid: no live set or module quiz has that id.
    :raises Conflict: the session is closed, or another run is under way in it.
    """
    quiz = course.quiz(quiz_id) if isinstance(quiz_id, str) else None
    if quiz is None:
        raise Invalid("Quiz inconnu : %(quiz)s.", "quiz_id", quiz=quiz_id)
    ensure_open(training, SESSION_IS_CLOSED)
    under_way = Conflict("Un quiz en salle est déjà en cours dans cette session : terminez-le.")
    if any(r.status != Status.FINISHED for r in runs_of(training.id)):
        raise under_way
    run = LiveRun(
        session_id=training.id,
        quiz_id=quiz.id,
        title=quiz.title,
        question_ids=[q.id for q in quiz.questions],
        content_version=course.version,
        status=Status.WAITING.value,
        leaderboard=bool(leaderboard),
        started_by=started_by.id if started_by is not None else None,
    )
    db.session.add(run)
    try:
        db.session.commit()
    except IntegrityError:  # another click started one at the same moment
        db.session.rollback()
        raise under_way from None
    return run


def move(run: LiveRun, course: Course, action: Move | str) -> LiveRun:
    """Open the next question, close the open one, or finish the run (while the session is open).

    Closing copies each participant's last answer into ``answers``, in the same transaction.

    :raises Conflict: the session is closing or closed, the move is not allowed now, or the run
        changed in the meantime.
    """
    ensure_open(run.session_id)
    return apply_move(run, course, action)


def apply_move(run: LiveRun, course: Course, action: Move | str) -> LiveRun:
    """Apply a move whatever the session's state (``move`` checks it; closing finishes runs).

    :raises Conflict: the move is not allowed now, or the run changed in the meantime.
    """
    try:
        state = apply(run.state, action)
    except IllegalMove as error:
        raise Conflict(error.text) from None
    closing = run.current_index if Move(action) is Move.CLOSE else None
    now = utcnow()
    run.status, run.current_index, run.changed_at = state.status.value, state.index, now
    if state.status is Status.FINISHED:
        run.finished_at = now
    try:
        db.session.flush()  # the version counter guards against a concurrent move
    except StaleDataError:
        db.session.rollback()
        raise Conflict("Le quiz a changé entre-temps : rechargez la page.") from None
    if closing is not None:
        count_last_answers(run, course, run.question_ids[closing], now)
    db.session.commit()
    return run


def set_leaderboard(run: LiveRun, shown: bool) -> LiveRun:
    """Show or hide the leaderboard (correct answers only, never speed)."""
    run.leaderboard = bool(shown)
    run.changed_at = utcnow()
    db.session.commit()
    return run
