"""Role-play pages: the trainer's run page, the participant's role and grid on a phone."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from markupsafe import Markup

from ...modules.markdown import render_markdown
from ...services import roleplay
from ...services.errors import Conflict, Forbidden, Invalid, NotFound, ServiceError
from ...storage import Participant
from ..content import course_or_404
from ..security import can_manage_session, participant_required, staff_required
from ..session_access import managed_session, readable_session, session_view
from .grids import groups_of
from .pages import participant_page

bp = Blueprint("roleplay", __name__)


@bp.context_processor
def helpers():
    """Render Markdown (sanitised) in the role-play templates."""
    return {"markdown_html": lambda text: Markup(render_markdown(text))}


def _run_for_staff(run_id: int, manage: bool = False):
    """Return (run, session, course) for staff who may read (or manage) the run's session."""
    try:
        run = roleplay.get_run(run_id)
    except NotFound:
        abort(404)
    training = (managed_session if manage else readable_session)(run.session_id)
    return run, training, course_or_404(training.course_id)


def _back(run) -> str:
    return url_for("roleplay.run", run_id=run.id)


@bp.post("/trainer/sessions/<int:session_id>/roleplays")
@staff_required()
@session_view(manage=True, with_course=True)
def create(training, course):
    """Start a run of the case chosen in the form."""
    try:
        run = roleplay.create_run(training, course, request.form.get("case_id", ""), current_user)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for("trainer.session", session_id=training.id) + "#roleplays")
    return redirect(_back(run), 303)


@bp.get("/trainer/roleplays/<int:run_id>")
@staff_required()
def run(run_id: int):
    """The run for the trainer: groups and roles, every brief, all grids side by side."""
    run, training, course = _run_for_staff(run_id)
    try:
        case = roleplay.case_of(run, course)
    except NotFound:
        abort(404)
    return render_template(
        "roleplay/trainer_run.html",
        run=run,
        training=training,
        course=course,
        case=case,
        groups=groups_of(run, case),
        assigned={a.participant_id: a for a in run.assignments},
        locked=bool(roleplay.gradings_of(run)) or run.status == "closed",
        can_manage=can_manage_session(current_user, training),
    )


def _int(value: str | None, field: str, label: str, low: int = 0, high: int = 10**6) -> int | None:
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise Invalid(gettext("Valeur incorrecte pour « %(field)s ».", field=label), field)
    return int(value)


@bp.post("/trainer/roleplays/<int:run_id>/groups/auto")
@staff_required()
def auto(run_id: int):
    """Form groups and draw roles at random (optional seed and number of groups)."""
    run, training, course = _run_for_staff(run_id, manage=True)
    try:
        seed = _int(request.form.get("seed"), "seed", gettext("graine"))
        groups = _int(request.form.get("groups"), "groups", gettext("nombre de groupes"), 1, 100)
        roleplay.assign_auto(run, course, training, current_user, seed, groups)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(
            gettext("Groupes formés et rôles tirés au sort (graine %(seed)s).", seed=run.seed),
            "success",
        )
    return redirect(_back(run), 303)


@bp.post("/trainer/roleplays/<int:run_id>/groups")
@staff_required()
def by_hand(run_id: int):
    """Place participants by hand; a role left on « au hasard » is drawn within the group."""
    run, training, course = _run_for_staff(run_id, manage=True)
    wanted = {}
    try:
        for person in training.participants:
            group = _int(request.form.get(f"group-{person.id}"), "group", gettext("groupe"), 1, 100)
            if group is not None:
                wanted[person.id] = (group, request.form.get(f"role-{person.id}") or None)
        roleplay.assign_by_hand(run, course, training, current_user, wanted)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(gettext("Groupes et rôles enregistrés."), "success")
    return redirect(_back(run), 303)


@bp.post("/trainer/roleplays/<int:run_id>/debrief")
@staff_required()
def debrief(run_id: int):
    """Save the debrief note."""
    run, _training, course = _run_for_staff(run_id, manage=True)
    try:
        roleplay.set_debrief(run, course, request.form.get("note", ""), current_user)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(gettext("Note de débriefing enregistrée."), "success")
    return redirect(_back(run) + "#debrief", 303)


@bp.post("/trainer/roleplays/<int:run_id>/close")
@staff_required()
def close(run_id: int):
    """Close the run: grids freeze, performers can read the grids they received."""
    run, _training, course = _run_for_staff(run_id, manage=True)
    roleplay.close_run(run, course, current_user)
    flash(gettext("Jeu de rôles terminé."), "success")
    return redirect(_back(run), 303)


@bp.get("/me/roleplays")
@participant_required
def mine():
    """List the role plays of the participant's session in which they have a role."""
    me: Participant = current_user._get_current_object()
    runs = [
        (run, roleplay.assignment_of(run, me)) for run in roleplay.runs_of_session(me.session_id)
    ]
    course = course_or_404(me.session.course_id)
    return render_template(
        "roleplay/participant_list.html",
        course=course,
        runs=[(r, a, course.roleplay(r.case_id)) for r, a in runs if a is not None],
    )


def _my_run(run_id: int):
    me: Participant = current_user._get_current_object()
    try:
        run = roleplay.get_run(run_id)
    except NotFound:
        abort(404)
    if run.session_id != me.session_id:
        abort(404)
    return me, run, course_or_404(me.session.course_id)


@bp.get("/me/roleplays/<int:run_id>")
@participant_required
def play(run_id: int):
    """The participant's own role and brief (never another's); the grid for an observer."""
    me, run, course = _my_run(run_id)
    return participant_page(run, course, me)


@bp.post("/me/roleplays/<int:run_id>/grid")
@participant_required
def grid(run_id: int):
    """Record the observer's grid (1 to 4 per criterion) and comment."""
    me, run, course = _my_run(run_id)
    scores = {}
    for key, value in request.form.items():
        if key.startswith("c."):
            value = value.strip()
            scores[key[2:]] = int(value) if value.isascii() and value.isdigit() else value
    key = request.form.get("idempotency_key")  # generated with the form: a resend is recognised
    try:
        roleplay.submit_grid(
            run, course, me, scores, request.form.get("comment", ""), idempotency_key=key
        )
    except roleplay.GridInvalid as error:
        return participant_page(run, course, me, errors=error.errors, sent=request.form), 422
    except Invalid as error:  # a malformed idempotency key
        return participant_page(run, course, me, general=error.message), 422
    except Forbidden as error:
        return participant_page(run, course, me, general=error.message), 403
    except Conflict as error:
        return participant_page(run, course, me, general=error.message), 409
    flash(gettext("Grille enregistrée. Merci !"), "success")
    return redirect(url_for("roleplay.play", run_id=run.id), 303)
