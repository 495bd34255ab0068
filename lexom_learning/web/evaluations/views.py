"""Evaluation pages: the trainer opens them, participants answer on phones and see their own
results, and the cold evaluation is answered through a personal link without an account."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user

from ...services import cold, cold_window, evaluations, outbox, session_state
from ...services.errors import Conflict, Invalid, ServiceError
from ...services.satisfaction import satisfaction_summary
from ...storage import ColdInvitation, OutboxMessage, Participant
from ..content import course_or_404
from ..labels import KIND_LABELS
from ..learner.responses import field_name, input_id
from ..limits import link_limits
from ..outcomes import outcome_flashed
from ..security import can_manage_session, participant_required, staff_required
from ..session_access import owned_row, session_view
from . import forms
from .results import participant_results

bp = Blueprint("evaluations", __name__)


@bp.context_processor
def quiz_helpers():
    """Expose the quiz form's naming rules to the evaluation templates."""
    return {"field_name": field_name, "input_id": input_id}


@bp.post("/trainer/sessions/<int:session_id>/evaluations/<kind>/<any(open, close):action>")
@staff_required()
@session_view(manage=True, with_course=True)
def toggle(training, course, kind: str, action: str):
    """Open or close the positioning or hot evaluation for the session."""
    if kind not in evaluations.ROOM_KINDS:
        abort(404)
    try:
        evaluations.set_open(training, course, kind, current_user, action == "open")
    except ServiceError as error:
        flash(error.message, "error")
    else:
        label = KIND_LABELS[kind]
        if action == "open":
            flash(gettext("%(label)s : ouvert(e).", label=label), "success")
        else:
            flash(gettext("%(label)s : fermé(e).", label=label), "success")
    return redirect(url_for("trainer.session", session_id=training.id) + "#evaluations", 303)


@bp.get("/trainer/sessions/<int:session_id>/evaluations")
@staff_required()
@session_view(with_course=True)
def overview(training, course):
    """Response rates, the satisfaction summary, the cold evaluation and its messages."""
    return render_template(
        "evaluations/trainer.html",
        training=training,
        course=course,
        satisfaction=satisfaction_summary(training, course),
        manager=(
            satisfaction_summary(training, course, "manager", None)
            if "manager" in course.evaluations
            else None
        ),
        invitations=cold.invitations_of(training.id),
        messages=outbox.messages_of_session(training.id),
        smtp=outbox.smtp_settings(current_app.config) is not None,
        responded=cold.responded,
        cold_phase=lambda invitation: cold_window.window_of(invitation, course).phase,
        without_links=cold.without_links,
        personal_kinds=cold.PERSONAL_KINDS,
        can_manage=can_manage_session(current_user, training),
    )


@bp.post("/trainer/sessions/<int:session_id>/cold/<int:invitation_id>/resend")
@staff_required()
@session_view(manage=True)
def resend_cold(training, invitation_id: int):
    """Queue a participant's cold-evaluation invitation again (staff never see the link)."""
    invitation = owned_row(training, ColdInvitation, invitation_id)
    with outcome_flashed(gettext("Invitation remise dans la file d'envoi."), "success"):
        cold.resend(invitation, current_user.get_id())
    return redirect(url_for("evaluations.overview", session_id=training.id) + "#outbox", 303)


@bp.post("/trainer/sessions/<int:session_id>/outbox/<int:message_id>/copied")
@staff_required()
@session_view(manage=True)
def copied(training, message_id: int):
    """Record that the trainer sent a message by hand."""
    message = owned_row(training, OutboxMessage, message_id)
    if message.kind in cold.PERSONAL_KINDS:  # its link is hidden from staff: never by hand
        flash(
            gettext("Ce message contient un lien personnel : il part par le serveur d'envoi."),
            "error",
        )
    elif outbox.mark_copied(message, current_user.get_id()):
        flash(gettext("Message noté comme envoyé à la main."), "success")
    else:
        flash(gettext("Ce message était déjà envoyé."), "error")
    return redirect(url_for("evaluations.overview", session_id=training.id) + "#outbox", 303)


def _me() -> Participant:
    return current_user._get_current_object()


@bp.get("/me/evaluations")
@participant_required
def mine():
    """List the room evaluations: open or not, answered or not."""
    me = _me()
    course = course_or_404(me.session.course_id)
    items = [
        (kind, evaluations.is_open(me.session_id, kind), evaluations.submission(me.id, kind))
        for kind in evaluations.ROOM_KINDS
    ]
    return render_template("evaluations/mine.html", course=course, items=items)


@bp.route("/me/evaluations/<any(positioning, hot):kind>", methods=["GET", "POST"])
@participant_required
def answer(kind: str):
    """Show the evaluation form while it is open; grade and store one submission."""
    me = _me()
    course = course_or_404(me.session.course_id)
    evaluation = course.evaluations[kind]
    if evaluations.submission(me.id, kind) is not None:
        return redirect(url_for("evaluations.results", kind=kind), 303)
    if session_state.is_closed(me.session):
        reason = Conflict(session_state.SESSION_CLOSED).message
        return render_template(
            "evaluations/closed.html", course=course, kind=kind, reason=reason
        ), 409
    if not evaluations.is_open(me.session_id, kind):
        return render_template("evaluations/closed.html", course=course, kind=kind), 409
    action = url_for("evaluations.answer", kind=kind)
    if request.method == "GET":
        return forms.render_form(evaluation, action, participant_id=me.id)
    return _submit(
        me, course, evaluation, kind, action, "web", url_for("evaluations.results", kind=kind)
    )


def _submit(person, course, evaluation, kind, action, channel, done_url):
    parsed = forms.parse(evaluation, request.form)
    if parsed.unexpected:
        return forms.render_form(
            evaluation,
            action,
            submitted=request.form,
            errors=parsed.errors,
            general=gettext("Le formulaire reçu ne correspond pas à cette évaluation."),
            status=422,
            participant_id=person.id,
        )
    try:
        evaluations.submit(person, course, kind, parsed.responses, channel)
    except evaluations.EvaluationInvalid as error:
        errors = {**error.errors, **parsed.errors}
        return forms.render_form(
            evaluation,
            action,
            submitted=request.form,
            errors=errors,
            status=422,
            participant_id=person.id,
        )
    except Invalid as error:
        return forms.render_form(
            evaluation,
            action,
            submitted=request.form,
            general=error.message,
            status=422,
            participant_id=person.id,
        )
    except Conflict:
        return redirect(done_url, 303)
    flash(gettext("Merci, vos réponses sont enregistrées."), "success")
    return redirect(done_url, 303)


@bp.get("/me/evaluations/<any(positioning, hot):kind>/results")
@participant_required
def results(kind: str):
    """Show the participant's own results once they have submitted."""
    me = _me()
    course = course_or_404(me.session.course_id)
    found = participant_results(me, course, kind)
    if found is None:
        return redirect(url_for("evaluations.answer", kind=kind), 303)
    return render_template("evaluations/results.html", course=course, result=found)


def _invitation(token: str):
    invitation = cold.invitation_for_token(token)
    if invitation is None:
        abort(404)
    return invitation


@bp.route(f"{cold.COLD_LINK_PATH}<token>", methods=["GET", "POST"])
@link_limits
def cold_form(token: str):
    """The cold evaluation through the personal link: no account, no password."""
    invitation = _invitation(token)
    person = invitation.participant
    course = course_or_404(person.session.course_id)
    here = url_for("evaluations.cold_form", token=token)
    found = participant_results(person, course, "cold")
    if found is not None:
        return render_template("evaluations/results.html", course=course, result=found, public=True)
    window = cold_window.window_of(invitation, course)
    if window.refusal is not None:  # before its due date or after its closing date
        page = render_template(
            "evaluations/cold_unavailable.html",
            course=course,
            person_name=person.name,
            reason=Conflict(window.refusal).message,
            window=window,
        )
        return page, 409
    evaluation = course.evaluations["cold"]
    if request.method == "GET":
        return forms.render_form(
            evaluation, here, public=True, person_name=person.name, participant_id=person.id
        )
    return _submit(person, course, evaluation, "cold", here, "link", here)


@bp.app_context_processor
def panel_helper():
    """Let templates/trainer/session.html compute this part of the page."""
    from .panel import evaluation_panel

    return {"evaluation_panel": evaluation_panel, "KIND_LABELS": KIND_LABELS}
