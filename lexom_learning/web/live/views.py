"""Trainer pages of a live quiz: start it, drive it, project it, and read its results."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from ...live import Move, legal_moves, solution_text
from ...services import live, live_results
from ...services.errors import NotFound, ServiceError
from ...storage import LiveRun, TrainingSession
from ..content import course_or_404
from ..security import can_manage_session, staff_required
from ..trainer.views import managed_session, readable_session
from .http import POLL_PERIOD_MS, conditional, page_etag

bp = Blueprint("live", __name__)


@bp.app_context_processor
def live_helpers():
    """Give templates the session's runs, the quizzes that can be run, and a few labels."""
    return {
        "live_runs_of": live.runs_of,
        "startable_quizzes": live.startable_quizzes,
        "live_solution_text": solution_text,
        "live_status_label": status_label,
        "live_poll_period_ms": POLL_PERIOD_MS,
    }


def status_label(run: LiveRun) -> str:
    """Say where a run stands, in the visitor's language."""
    number = None if run.current_index is None else run.current_index + 1
    if run.status == "open":
        return gettext("Question %(number)s ouverte", number=number)
    if run.status == "closed":
        return gettext("Question %(number)s fermée", number=number)
    if run.status == "waiting":
        return gettext("En attente de la première question")
    return gettext("Terminé")


def run_or_404(run_id: int, manage: bool = False) -> tuple[LiveRun, TrainingSession]:
    """Return a run and its session if the caller may read it (or change it), else 404/403."""
    try:
        run = live.get_run(run_id)
    except NotFound:
        abort(404)
    training = managed_session(run.session_id) if manage else readable_session(run.session_id)
    return run, training


@bp.post("/trainer/sessions/<int:session_id>/live")
@staff_required()
def start(session_id: int):
    """Start a live quiz in the session, then go to its control page."""
    training = managed_session(session_id)
    course = course_or_404(training.course_id)
    try:
        run = live.start_run(training, course, request.form.get("quiz_id", ""), current_user)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for("trainer.session", session_id=training.id) + "#live", 303)
    return redirect(url_for(".control", run_id=run.id), 303)


@bp.get("/trainer/live/<int:run_id>")
@staff_required()
def control(run_id: int):
    """The trainer's control page: the moves allowed now and the live panel."""
    run, training, etag, board = _board(run_id, live_counts=True)
    return render_template(
        "live/control.html",
        run=run,
        training=training,
        moves=legal_moves(run.state) if can_manage_session(current_user, training) else (),
        Move=Move,
        board=board(),
        etag=etag,
    )


@bp.post("/trainer/live/<int:run_id>/<any(next, close, finish):action>")
@staff_required()
def move(run_id: int, action: str):
    """Open the next question, close the open one, or finish the run."""
    run, training = run_or_404(run_id, manage=True)
    try:
        live.move(run, course_or_404(training.course_id), action)
    except ServiceError as error:
        flash(error.message, "error")
    return redirect(url_for(".control", run_id=run.id), 303)


@bp.post("/trainer/live/<int:run_id>/leaderboard")
@staff_required()
def leaderboard(run_id: int):
    """Show or hide the leaderboard on the projector."""
    run, _ = run_or_404(run_id, manage=True)
    live.set_leaderboard(run, request.form.get("shown") == "1")
    return redirect(url_for(".control", run_id=run.id), 303)


def _board(run_id: int, live_counts: bool):
    """Return a readable run, its session, its board's ETag and a builder of the board."""
    run, training = run_or_404(run_id)
    course = course_or_404(training.course_id)
    submissions, answered = live_results.answer_counts(run)
    etag = page_etag(live_results.trainer_etag(run, submissions))
    return run, training, etag, lambda: live_results.board(run, course, answered, live_counts)


def _board_response(run_id: int, template: str, live_counts: bool):
    _, _, etag, board = _board(run_id, live_counts)
    return conditional(etag, lambda: render_template(template, board=board()))


@bp.get("/trainer/live/<int:run_id>/panel")
@staff_required()
def panel(run_id: int):
    """The control page's live panel, polled every 0.8 s (304 while nothing changed)."""
    return _board_response(run_id, "live/_trainer_panel.html", live_counts=True)


@bp.get("/trainer/live/<int:run_id>/projector")
@staff_required()
def projector(run_id: int):
    """The projected view: large type, the question, the count, then the histogram."""
    run, _, etag, board = _board(run_id, live_counts=False)
    return render_template("live/projector.html", run=run, board=board(), etag=etag)


@bp.get("/trainer/live/<int:run_id>/board")
@staff_required()
def board(run_id: int):
    """The projected view's content, polled every 0.8 s (304 while nothing changed)."""
    return _board_response(run_id, "live/_board.html", live_counts=False)


@bp.get("/trainer/live/<int:run_id>/results")
@staff_required()
def results(run_id: int):
    """Results kept after the quiz: per question, per participant, and the ranking."""
    run, training = run_or_404(run_id)
    course = course_or_404(training.course_id)
    return render_template(
        "live/results.html",
        run=run,
        training=training,
        results=live_results.results(run, course),
    )
